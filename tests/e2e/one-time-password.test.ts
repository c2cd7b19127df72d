// Issue #16 §5 and §8 in the system Chromium against the real server and the built app: a
// one-time password leads to the change-password page, which shows the server's password
// rule in Chinese; after the change the same session syncs. The login page names the demo
// school only on a server that has it. Needs `npm run build` first.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LoginResponse } from "../../src/protocol/auth.ts";
import { lastSync, SYNC_TIMEOUT, watchForProblems } from "../support/e2e-app.ts";
import { logIn, openPhone, type Phone, setPin } from "../support/phone.ts";
import { startTestServer } from "../support/start-server.ts";

let server: { url: string; stop(): Promise<void> };
let phone: Phone | undefined;

/** The demo admin resets `login`'s password over the API, as the admin page does. */
async function resetPassword(url: string, login: string): Promise<string> {
  const answer = await fetch(`${url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ school: "demo", login: "admin", password: "demo1234" }),
  });
  const auth = { Authorization: `Bearer ${LoginResponse.parse(await answer.json()).token}` };
  const { staff } = (await (await fetch(`${url}/api/v1/admin/staff`, { headers: auth })).json()) as {
    staff: Array<{ id: string; login: string }>;
  };
  const id = staff.find((s) => s.login === login)?.id;
  const reset = await fetch(`${url}/api/v1/admin/staff/${id}/reset-password`, {
    method: "POST",
    headers: auth,
  });
  return ((await reset.json()) as { password: string }).password;
}

describe("one-time passwords and the demo hint on a phone (issue #16)", () => {
  beforeAll(async () => {
    server = await startTestServer({ demoActivity: false });
  });
  afterAll(async () => {
    await phone?.close();
    await server?.stop();
  });

  it("a one-time password leads to the change-password page; a common password is refused; then the session syncs", async () => {
    const otp = await resetPassword(server.url, "gatekeeper");
    phone = await openPhone();
    const { page } = phone;
    const problems = watchForProblems(page);
    await page.goto(server.url);
    await page.waitForURL("**/login");
    await expect.poll(() => page.getByText("演示学校代码: demo").isVisible()).toBe(true);
    await logIn(page, "gatekeeper", otp);
    await page.getByRole("heading", { name: "修改密码" }).waitFor();

    const choose = async (password: string) => {
      await page.getByLabel("当前密码（临时密码）").fill(otp);
      await page.getByLabel("新密码（至少 8 位）").fill(password);
      await page.getByLabel("再次输入新密码").fill(password);
      await page.getByRole("button", { name: "保存", exact: true }).click();
    };
    await choose("12345678");
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("新密码太容易被猜到");
    await choose("gatekeeper-lantern-7");
    await expect.poll(() => page.getByRole("alert").textContent()).toContain("不能包含学校代码或您的登录名");
    await choose("river-lantern-autumn-42");

    // No new login: the PIN comes next, and the same session syncs.
    await setPin(page, "135790");
    await page.waitForURL(`${server.url}/`);
    await expect.poll(() => lastSync(page), SYNC_TIMEOUT).toBeGreaterThan(0);
    expect(problems).toEqual([]);
  });

  it("a server without the demo school does not mention it on the login page", async () => {
    const empty = await startTestServer({ demo: false });
    const other = await openPhone();
    try {
      const { page } = other;
      // Once GET /auth/demo has answered, the hint would have shown.
      const answered = page.waitForResponse((r) => r.url().endsWith("/api/v1/auth/demo"));
      await page.goto(empty.url);
      await page.waitForURL("**/login");
      expect(await (await answered).json()).toEqual({ demo: null });
      await page.getByLabel("学校代码").waitFor();
      expect(await page.getByText("演示学校代码").count()).toBe(0);
    } finally {
      await other.close();
      await empty.stop();
    }
  });
});
