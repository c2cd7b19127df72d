import "fake-indexeddb/auto";
import { ulid } from "ulidx";
import { beforeEach, describe, expect, it } from "vitest";
import { DEFAULT_TIME_SLOTS } from "../../domain/time-slots.ts";
import type { DormRoom, SchoolClass } from "../../protocol/reference.ts";
import type { Change } from "../../protocol/sync.ts";
import { openDb, type SafetyRoundsDb } from "./db.ts";
import { applyPulledPage } from "./mirror-store.ts";
import { applyVerdicts, listPending } from "./mutation-store.ts";
import { nextBaseVersion, saveReference, saveSchoolSettings } from "./reference-edits.ts";
import { getEntry, listEntries } from "./reference-view.ts";
import { readSyncSummary, stalledSinceOf } from "./sync-summary.ts";
import { tokenVault } from "./token-vault.ts";

const SCHOOL = ulid();

async function addAccount(db: SafetyRoundsDb, name: string, over: { token?: string | null } = {}) {
  const userId = ulid();
  await db.accounts.put({
    userId,
    schoolId: SCHOOL,
    schoolCode: "demo",
    schoolName: "小学",
    login: `login-${userId}`,
    name,
    roles: ["admin"],
    sealedToken: null,
    tokenExpiresAt: null,
    pinLength: null,
    pinFailures: 0,
    mustChangePassword: false,
    needsLogin: false,
    isSignedOut: false,
    lastUsedAt: 0,
  });
  const token = over.token === undefined ? `token-${userId}` : over.token;
  if (token !== null) tokenVault(db).put(userId, token);
  return userId;
}

const aClass = (name: string, id = ulid()): SchoolClass =>
  ({ id, grade: 2, name, classTeacherId: null }) as SchoolClass;
const aRoom = (name: string): DormRoom =>
  ({ id: ulid(), name, building: "学生宿舍楼", gender: "male", capacity: 60 }) as DormRoom;

function pulled<T extends { id: string }>(
  entityType: Change["entityType"],
  data: T,
  version: number,
  serverSeq: number,
): Change {
  return { serverSeq, entityType, entityId: data.id, op: "upsert", version, data };
}

describe("admin edits of reference data, offline", () => {
  let db: SafetyRoundsDb;
  let admin: string;
  beforeEach(async () => {
    db = openDb(`test-${ulid()}`);
    admin = await addAccount(db, "刘志华");
  });
  const actor = () => ({ actorUserId: admin, schoolId: SCHOOL });

  it("a new record is a create (no base version) and shows at once as waiting to sync", async () => {
    const room = aRoom("男生9室");
    await saveReference(db, actor(), "dormRoom", room);
    const [entry] = await db.outbox.toArray();
    expect(entry?.type).toBe("dormRoom.upsert");
    expect(entry?.baseVersion).toBeUndefined();
    expect(await getEntry(db, "dormRoom", room.id)).toEqual({
      entity: room,
      version: 1,
      serverVersion: null,
      hasPendingChanges: true,
    });
  });

  it("editing a pulled record uses the version the phone saw", async () => {
    const cls = aClass("1班");
    await applyPulledPage(db, SCHOOL, { changes: [pulled("class", cls, 4, 10)], nextCursor: "c1" });
    await saveReference(db, actor(), "class", { ...cls, name: "一班" });
    expect((await db.outbox.toArray())[0]?.baseVersion).toBe(4);
    const [entry] = await listEntries(db, SCHOOL, "class");
    expect(entry).toMatchObject({
      entity: { name: "一班" },
      version: 5,
      serverVersion: 4,
      hasPendingChanges: true,
    });
  });

  it("a second offline edit of the same record builds on the first (each applied edit adds one version)", async () => {
    const cls = aClass("1班");
    await applyPulledPage(db, SCHOOL, { changes: [pulled("class", cls, 4, 10)], nextCursor: "c1" });
    await saveReference(db, actor(), "class", { ...cls, name: "一班" });
    await saveReference(db, actor(), "class", { ...cls, name: "一(1)班" });
    expect((await listPending(db, SCHOOL, 10)).map((r) => r.baseVersion)).toEqual([4, 5]);

    // A record created offline and edited again before it was sent: its creation makes version 1.
    const fresh = aClass("7班");
    await saveReference(db, actor(), "class", fresh);
    expect(await nextBaseVersion(db, "class", fresh.id)).toBe(1);
  });

  it("once the server applied an edit and the pull brought the new version, the base is that version", async () => {
    const cls = aClass("1班");
    await applyPulledPage(db, SCHOOL, { changes: [pulled("class", cls, 1, 1)], nextCursor: "c1" });
    const id = await saveReference(db, actor(), "class", { ...cls, name: "一班" });
    await applyVerdicts(db, [{ mutationId: id, status: "applied", serverSeq: 2 }], new Set([id]));
    await applyPulledPage(db, SCHOOL, {
      changes: [pulled("class", { ...cls, name: "一班" }, 2, 2)],
      nextCursor: "c2",
    });
    expect(await nextBaseVersion(db, "class", cls.id)).toBe(2);
    expect(await getEntry(db, "class", cls.id)).toMatchObject({ version: 2, hasPendingChanges: false });
  });

  it("school settings are saved against the school record's version", async () => {
    const school = {
      id: SCHOOL,
      code: "demo",
      name: "小学",
      settings: { timeZone: "Asia/Shanghai", timeSlots: DEFAULT_TIME_SLOTS },
    };
    await applyPulledPage(db, SCHOOL, { changes: [pulled("school", school, 3, 1)], nextCursor: "c1" });
    const slots = {
      ...DEFAULT_TIME_SLOTS,
      night: { start: "20:30", end: "06:00" },
      morning: { start: "06:00", end: "08:00" },
    };
    await saveSchoolSettings(db, actor(), { timeZone: "Asia/Shanghai", timeSlots: slots });
    const [entry] = await db.outbox.toArray();
    expect(entry).toMatchObject({ type: "school.updateSettings", baseVersion: 3 });
    expect((await getEntry(db, "school", SCHOOL))?.entity.settings.timeSlots.morning.start).toBe("06:00");
  });

  it("arguments the registry refuses save nothing", async () => {
    await expect(
      saveReference(db, actor(), "class", { ...aClass("x"), grade: 9 } as SchoolClass),
    ).rejects.toThrow(/grade/);
    expect(await db.outbox.count()).toBe(0);
  });
});

describe("the status strip's summary", () => {
  it("[S7] counts this person's unsent and refused work, and names logged-out people whose work waits", async () => {
    const db = openDb(`test-${ulid()}`);
    const me = await addAccount(db, "刘志华");
    const gone = await addAccount(db, "王建国", { token: null });
    const here = await addAccount(db, "陈建平");
    await saveReference(db, { actorUserId: me, schoolId: SCHOOL }, "class", aClass("1班"));
    const refused = await saveReference(db, { actorUserId: me, schoolId: SCHOOL }, "class", aClass("2班"));
    await saveReference(db, { actorUserId: gone, schoolId: SCHOOL }, "class", aClass("3班"));
    await saveReference(db, { actorUserId: gone, schoolId: SCHOOL }, "class", aClass("4班"));
    await saveReference(db, { actorUserId: here, schoolId: SCHOOL }, "class", aClass("5班"));
    // Signed in, but this page has not opened their token (a reload since their PIN): their PIN sends it.
    const locked = await addAccount(db, "李红", { token: null });
    await db.accounts.update(locked, {
      sealedToken: { ciphertext: "c", iv: "i", salt: "s", iterations: 600_000 },
      pinLength: 6,
    });
    await saveReference(db, { actorUserId: locked, schoolId: SCHOOL }, "class", aClass("6班"));
    await applyVerdicts(
      db,
      [{ mutationId: refused, status: "rejected", reason: "rule_violation", message: "nope" }],
      new Set([refused]),
    );

    const summary = await readSyncSummary(db, me, SCHOOL);
    expect(summary.pendingCount).toBe(1);
    expect(summary.attentionCount).toBe(1);
    expect(summary.oldestPendingAt).not.toBeNull();
    expect(summary.waitingOthers).toEqual([
      { userId: gone, name: "王建国", count: 2, needsPin: false },
      { userId: locked, name: "李红", count: 1, needsPin: true },
    ]);
    expect(summary.lastSuccessAt).toBeNull();
  });
});

describe("the stall watchdog", () => {
  it("counts from the later of the oldest unsent entry and the last clean sync; nothing waiting, no stall", () => {
    expect(stalledSinceOf({ oldestPendingAt: null, lastSuccessAt: 5 })).toBeNull();
    expect(stalledSinceOf({ oldestPendingAt: 100, lastSuccessAt: null })).toBe(100);
    expect(stalledSinceOf({ oldestPendingAt: 100, lastSuccessAt: 40 })).toBe(100);
    // A clean sync after the work was made restarts the count.
    expect(stalledSinceOf({ oldestPendingAt: 100, lastSuccessAt: 900 })).toBe(900);
  });
});
