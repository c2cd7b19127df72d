// Need-to-know NK-10 (src/domain/need-to-know.ts) in the browser: a class teacher's phone holds
// every pupil of the demo school, those of other classes hidden (for the month's numbers), and
// the pages that act on pupils leave the hidden ones out: /where's history offers only the
// classes whose boarders the phone sees, and its search finds no pupil of another class.
// Needs `npm run build` first (`npm test` does it).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPath, readStore, serverDevice, signIn, watchForProblems } from "../support/e2e-app.ts";
import type { Phone } from "../support/phone.ts";
import { startTestServer } from "../support/start-server.ts";

let server: { url: string; stop(): Promise<void> };
const phones: Phone[] = [];

describe("hidden pupils stay off the pages that act on pupils", () => {
  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(async () => {
    for (const phone of phones) await phone.close();
    await server?.stop();
  });

  it("NK-10: teacher201's /where offers their own class only and finds no other class's pupil", async () => {
    const admin = await serverDevice(server.url, "admin");
    const all = [...(await admin.pullAll()).values()];
    const data = (type: string) =>
      all.filter((c) => c.entityType === type).map((c) => c.data as Record<string, unknown>);
    const teacher = data("staff").find((s) => s.login === "teacher201");
    const own = data("class").find((c) => c.classTeacherId === teacher?.id);
    const boarders = data("pupil").filter((p) => p.isBoarder);
    const other = boarders.find((p) => p.classId !== own?.id);
    expect(own && other && boarders.some((p) => p.classId === own.id)).toBeTruthy();

    const phone = await signIn(server.url, "teacher201");
    phones.push(phone);
    const { page, context } = phone;
    const problems = watchForProblems(page);
    await context.setOffline(true);

    // The phone holds the other classes' pupils, hidden (the month's numbers count them).
    const pupils = (
      await readStore<{ entityType: string; data: { isHidden?: boolean } }>(page, "mirror")
    ).filter((r) => r.entityType === "pupil");
    const held = { all: pupils.length, hidden: pupils.filter((r) => r.data.isHidden).length };
    expect(held.all).toBe(data("pupil").length);
    expect(held.hidden).toBeGreaterThan(0);

    await openPath(page, "/where");
    const picker = page.getByTestId("history-group");
    await picker.waitFor();
    const classOptions = await picker
      .locator("optgroup")
      .first()
      .locator("option")
      .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
    expect(classOptions).toEqual([`class:${own?.id}`]);

    await page.getByTestId("where-search").fill(String(other?.name));
    await page.getByTestId("where-search").press("Enter");
    const results = page.getByTestId("where-results");
    expect(await results.getByText(String(other?.name)).count()).toBe(0);
    expect(problems).toEqual([]);
  });
});
