// What the browser tests of the app share: signing a person in on a fresh phone, reading the
// sync strip, catching page errors, screenshots into test-results/, and a second device of the
// school that talks to the real server directly (to read what it has, or to act as someone
// else).
import { mkdirSync } from "node:fs";
import type { Locator, Page } from "playwright-core";
import { ulid } from "ulidx";
import { expect } from "vitest";
import { logIn, openPhone, type Phone, setPin, typePin, waitForServiceWorkerControl } from "./phone.ts";

export const RESULTS = new URL("../../test-results/", import.meta.url).pathname;
export const SYNC_TIMEOUT = { timeout: 30_000, interval: 200 };

export const lastSync = async (page: Page) =>
  Number((await page.getByTestId("sync-strip").getAttribute("data-last-sync")) || 0);

export const pending = async (page: Page) =>
  Number((await page.getByTestId("sync-strip").getAttribute("data-pending")) || 0);

/**
 * A phone with `login` signed in (PIN 135790), its service worker in control and a first sync done.
 * `at` fixes the phone's clock (page.clock.setFixedTime) before the app first loads.
 */
export async function signIn(url: string, login: string, opts: { at?: Date } = {}): Promise<Phone> {
  const phone = await openPhone();
  const { page } = phone;
  if (opts.at) await page.clock.setFixedTime(opts.at);
  await page.goto(url);
  await logIn(page, login);
  await setPin(page, "135790");
  await page.waitForURL(`${url}/`);
  expect(await waitForServiceWorkerControl(page)).toBe(true);
  await expect.poll(() => lastSync(page), SYNC_TIMEOUT).toBeGreaterThan(0);
  return phone;
}

/**
 * The phone's clock moved to `when` (page.clock.setFixedTime) and the app reloaded there; a
 * jump past the idle limit locks the phone, so the PIN (135790) opens it again.
 */
export async function moveClock(page: Page, when: Date) {
  await page.clock.setFixedTime(when);
  await page.reload();
  const pin = page.getByText(/请输入 PIN/);
  await pin.or(page.getByTestId("sync-strip")).first().waitFor();
  if (await pin.isVisible()) await typePin(page, "135790", false);
  await page.getByTestId("sync-strip").waitFor();
}

/** Opens a path inside the running app (no reload: the session stays unlocked, offline too). */
export async function openPath(page: Page, to: string) {
  await page.evaluate((path) => {
    history.pushState(null, "", path);
    dispatchEvent(new Event("safety-rounds:navigate"));
  }, to);
}

/** Page errors and console errors other than the network being away (offline is expected). */
export function watchForProblems(page: Page): string[] {
  const problems: string[] = [];
  page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
  page.on("console", (message) => {
    if (
      message.type() === "error" &&
      !/net::ERR_INTERNET_DISCONNECTED|Failed to load resource/.test(message.text())
    ) {
      problems.push(`console: ${message.text()}`);
    }
  });
  return problems;
}

/** A screenshot of the viewport (360x740) into test-results/, fonts loaded, `target` in view. */
export async function screenshot(page: Page, name: string, target?: Locator) {
  mkdirSync(RESULTS, { recursive: true });
  await page.evaluate(() => document.fonts.ready);
  await target?.scrollIntoViewIfNeeded();
  await page.screenshot({ path: `${RESULTS}${name}` });
}

/**
 * After a save: a round or roll call saved outside its window asks for a reason first
 * (src/client/ui/outside-window.tsx). Tests that run at whatever hour the machine says answer
 * it with the first quick reason, then wait for `done`; tests/e2e/windows.test.ts fixes the
 * clock and checks the prompt itself.
 */
export async function passWindowPrompt(page: Page, done: Locator) {
  const prompt = page.getByTestId("outside-window");
  const quiet = (p: Promise<unknown>) =>
    p.then(
      () => undefined,
      () => undefined,
    );
  await Promise.race([quiet(prompt.waitFor()), quiet(done.waitFor())]);
  if (await prompt.isVisible()) await prompt.locator(".ow-chips button").first().click();
  await done.waitFor();
}

export interface Change {
  entityType: string;
  entityId: string;
  version: number;
  data: Record<string, unknown>;
}

/** Another device of the school, signed in as `login`, talking to the server directly. */
export async function serverDevice(url: string, login = "admin") {
  const deviceId = ulid();
  const res = await fetch(`${url}/api/v1/auth/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ school: "demo", login, password: "demo1234", deviceId }),
  });
  expect(res.status).toBe(200);
  const session = (await res.json()) as { token: string; user: { id: string } };
  const auth = { authorization: `Bearer ${session.token}` };
  const post = async (path: string, body: unknown) => {
    const answer = await fetch(`${url}/api/v1/sync/${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...auth },
      body: JSON.stringify(body),
    });
    expect(answer.status).toBe(200);
    return answer.json();
  };
  let seq = 1;
  const device = {
    userId: session.user.id,
    token: session.token,
    /** Everything the school has now, by "type/id". */
    async pullAll(): Promise<Map<string, Change>> {
      const all = new Map<string, Change>();
      let cursor: string | undefined;
      for (;;) {
        const page = (await post("pull", { deviceId, limit: 1000, ...(cursor ? { cursor } : {}) })) as {
          changes: Change[];
          nextCursor: string;
          hasMore: boolean;
        };
        for (const c of page.changes) all.set(`${c.entityType}/${c.entityId}`, c);
        cursor = page.nextCursor;
        if (!page.hasMore) return all;
      }
    },
    /** The first record of a type the server has that matches, or undefined. */
    async find(entityType: string, match: (data: Record<string, unknown>) => boolean) {
      const all = await device.pullAll();
      return [...all.values()].find((c) => c.entityType === entityType && match(c.data))?.data;
    },
    /** Pushes one mutation as this person; expects it applied. */
    async push(type: string, args: unknown, baseVersion?: number) {
      const answer = (await post("push", {
        deviceId,
        mutations: [
          {
            mutationId: ulid(),
            deviceSeq: seq++,
            type,
            typeVersion: 1,
            args,
            actorUserId: session.user.id,
            clientCreatedAt: new Date().toISOString(),
            ...(baseVersion !== undefined ? { baseVersion } : {}),
          },
        ],
      })) as { results: { status: string; message?: string }[] };
      expect(answer.results[0], JSON.stringify(answer.results[0])).toMatchObject({ status: "applied" });
    },
    async hasPhoto(sha256: string) {
      const photo = await fetch(`${url}/api/v1/blobs/${sha256}`, { headers: auth });
      return photo.status === 200 && (photo.headers.get("content-type") ?? "").startsWith("image/");
    },
  };
  return device;
}

type Rows = Record<string, unknown>[];

/** Every object store of the app's database on this page, as stored (bytes shown as "[bytes]"). */
export async function readDatabase(page: Page, only?: readonly string[]): Promise<Record<string, Rows>> {
  const text = await page.evaluate(async (names) => {
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const open = indexedDB.open("safety-rounds");
      open.onsuccess = () => resolve(open.result);
      open.onerror = () => reject(open.error);
    });
    const out: Record<string, unknown[]> = {};
    for (const name of names ?? Array.from(db.objectStoreNames)) {
      out[name] = await new Promise<unknown[]>((resolve, reject) => {
        const all = db.transaction(name).objectStore(name).getAll();
        all.onsuccess = () => resolve(all.result);
        all.onerror = () => reject(all.error);
      });
    }
    db.close();
    return JSON.stringify(out, (_key, value) => (value instanceof ArrayBuffer ? "[bytes]" : value));
  }, only ?? null);
  return JSON.parse(text) as Record<string, Rows>;
}

/** The rows of one object store of the app's database on this page. */
export async function readStore<T = Record<string, unknown>>(page: Page, store: string): Promise<T[]> {
  return ((await readDatabase(page, [store]))[store] ?? []) as T[];
}
