// Issue #16 §1 and §10 in the system Chromium against the real server: 本机 shows only the end of
// the device id; 管理 → 设备 lists the school's phones with who is signed in, and revoking a lost
// phone ends its logins and wipes the school's data on it at its next contact.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  openPath,
  readStore,
  SYNC_TIMEOUT,
  screenshot,
  signIn,
  watchForProblems,
} from "../support/e2e-app.ts";
import type { Phone } from "../support/phone.ts";
import { startTestServer } from "../support/start-server.ts";

let server: { url: string; stop(): Promise<void> };
const phones: Phone[] = [];

const deviceIdOf = async (phone: Phone) =>
  (await readStore<{ key: string; value: unknown }>(phone.page, "meta")).find((r) => r.key === "deviceId")
    ?.value as string;
const mirrorCount = async (phone: Phone) => (await readStore(phone.page, "mirror")).length;

describe("the school's phones (issue #16 §1, §10)", () => {
  beforeAll(async () => {
    server = await startTestServer();
  });
  afterAll(async () => {
    for (const phone of phones) await phone.close();
    await server?.stop();
  });

  it("本机 shows the end of the id; the admin sees who is on each phone and revokes a lost one", async () => {
    const admin = await signIn(server.url, "admin");
    const lost = await signIn(server.url, "teacher101");
    phones.push(admin, lost);
    const problems = watchForProblems(admin.page);
    const lostId = await deviceIdOf(lost);
    const adminId = await deviceIdOf(admin);

    // 本机: the id only by its last six characters, never in full.
    await openPath(lost.page, "/phone");
    const shown = lost.page.getByText(`…${lostId.slice(-6)}`);
    await shown.waitFor();
    expect(await lost.page.getByText(lostId).count()).toBe(0);
    expect(await mirrorCount(lost)).toBeGreaterThan(0);

    // 管理 → 设备 lists both phones: the admin's own marked 本机 (no revoke), the teacher's with her name.
    await openPath(admin.page, "/admin");
    await admin.page.getByRole("link", { name: /设备/ }).click();
    await admin.page.waitForURL("**/admin/devices");
    const cards = admin.page.locator(".device-list li");
    const lostCard = cards.filter({ hasText: `…${lostId.slice(-6)}` });
    const ownCard = cards.filter({ hasText: `…${adminId.slice(-6)}` });
    await lostCard.waitFor();
    expect(await ownCard.getByText("本机").count()).toBe(1);
    expect(await ownCard.getByRole("button").count()).toBe(0);
    const teacherName = (await lost.page.getByTestId("user-name").textContent()) as string;
    expect(teacherName.length).toBeGreaterThan(0);
    await expect.poll(() => lostCard.textContent()).toContain(`登录着：${teacherName}`);
    expect(await admin.page.getByText(lostId).count()).toBe(0);
    await screenshot(admin.page, "admin-devices-360x740.png");

    // Revoke asks once, then the phone moves to 已撤销.
    await lostCard.getByRole("button", { name: /撤销这部手机/ }).click();
    await lostCard.getByText(/还没发出的记录会丢失/).waitFor();
    await lostCard.getByRole("button", { name: "确认撤销" }).click();
    await admin.page.getByText(/已撤销手机/).waitFor();
    await admin.page.getByRole("heading", { name: /已撤销（1）/ }).waitFor();
    await screenshot(admin.page, "admin-devices-revoked-360x740.png");

    // The lost phone wipes the school's data at its next contact and asks for a login, even
    // left on the PIN pad after a restart (no token open: it asks with its device key).
    await lost.page.reload();
    await lost.page.getByText(/请输入 PIN/).waitFor();
    await expect.poll(() => mirrorCount(lost), SYNC_TIMEOUT).toBe(0);
    await lost.page.waitForURL("**/login", SYNC_TIMEOUT);
    // It starts again as a new device.
    expect(await deviceIdOf(lost)).not.toBe(lostId);
    expect(problems).toEqual([]);
  });
});
