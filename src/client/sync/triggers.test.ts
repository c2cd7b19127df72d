import { describe, expect, it } from "vitest";
import type { SyncReason } from "./sync-engine.ts";
import { SYNC_EVERY_MS, SYNC_LOCK_NAME, startSyncTriggers, type TriggerEnv } from "./triggers.ts";

class FakeTarget {
  listeners = new Map<string, Set<() => void>>();
  visibilityState = "visible";
  addEventListener(type: string, listener: () => void) {
    if (!this.listeners.has(type)) this.listeners.set(type, new Set());
    this.listeners.get(type)?.add(listener);
  }
  removeEventListener(type: string, listener: () => void) {
    this.listeners.get(type)?.delete(listener);
  }
  fire(type: string) {
    for (const l of this.listeners.get(type) ?? []) l();
  }
  count() {
    return [...this.listeners.values()].reduce((n, s) => n + s.size, 0);
  }
}

function fakeEnv(locks?: TriggerEnv["locks"]) {
  const win = new FakeTarget();
  const doc = new FakeTarget();
  const ticks: { run: () => void; ms: number; isCleared: boolean }[] = [];
  const writes = new Set<() => void>();
  const env: TriggerEnv = {
    window: win,
    document: doc,
    ...(locks ? { locks } : {}),
    setInterval: (run, ms) => {
      const t = { run, ms, isCleared: false };
      ticks.push(t);
      return t;
    },
    clearInterval: (t) => {
      (t as { isCleared: boolean }).isCleared = true;
    },
    subscribeWrites(listener) {
      writes.add(listener);
      return () => writes.delete(listener);
    },
  };
  return { env, win, doc, ticks, writes };
}

describe("sync triggers", () => {
  it("sync on start, online, visible, after a write and every minute while visible", () => {
    const reasons: SyncReason[] = [];
    const { env, win, doc, ticks, writes } = fakeEnv();
    const stop = startSyncTriggers({ request: (r) => reasons.push(r) }, env);
    win.fire("online");
    doc.fire("visibilitychange");
    for (const w of writes) w();
    expect(ticks[0]?.ms).toBe(SYNC_EVERY_MS);
    ticks[0]?.run();
    doc.visibilityState = "hidden";
    doc.fire("visibilitychange");
    ticks[0]?.run();
    expect(reasons).toEqual(["start", "online", "visible", "write", "timer"]);
    stop();
    expect(win.count() + doc.count() + writes.size).toBe(0);
    expect(ticks[0]?.isCleared).toBe(true);
  });

  it("only the tab holding the Web Lock listens; stop gives the lock back", async () => {
    const granted: (() => Promise<void>)[] = [];
    const held: Promise<void>[] = [];
    const locks: TriggerEnv["locks"] = {
      request(name, _options, run) {
        expect(name).toBe(SYNC_LOCK_NAME);
        granted.push(run);
        return Promise.resolve();
      },
    };
    const reasons: SyncReason[] = [];
    const { env, win } = fakeEnv(locks);
    const stop = startSyncTriggers({ request: (r) => reasons.push(r) }, env);
    win.fire("online");
    expect(reasons).toEqual([]); // not the leader yet
    held.push((granted[0] as () => Promise<void>)());
    win.fire("online");
    expect(reasons).toEqual(["start", "online"]);
    stop();
    await expect(held[0]).resolves.toBeUndefined();
    expect(win.count()).toBe(0);
  });
});
