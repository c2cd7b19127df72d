import "fake-indexeddb/auto";
import { ulid } from "ulidx";
import { beforeEach, describe, expect, it } from "vitest";
import type { SchoolClass } from "../../protocol/reference.ts";
import type { Change } from "../../protocol/sync.ts";
import { openDb, type SafetyRoundsDb } from "./db.ts";
import { applyPulledPage, getView, listView, readSyncState, wipeSchool } from "./mirror-store.ts";
import {
  applyVerdicts,
  countOutbox,
  countUnsent,
  dismiss,
  InvalidMutationError,
  listNeedsAttention,
  listPending,
  mutate,
  redo,
  renumberPending,
} from "./mutation-store.ts";
import { tokenVault } from "./token-vault.ts";

const SCHOOL_A = ulid();
const SCHOOL_B = ulid();

function aClass(id: string, name: string): SchoolClass {
  return { id, grade: 3, name, classTeacherId: null } as SchoolClass;
}

function upsertChange(classRow: SchoolClass, version: number, serverSeq: number): Change {
  return {
    serverSeq,
    entityType: "class",
    entityId: classRow.id,
    op: "upsert",
    version,
    data: classRow,
  };
}

async function addAccount(db: SafetyRoundsDb, schoolId: string, name = "总务主任"): Promise<string> {
  const userId = ulid();
  await db.accounts.put({
    userId,
    schoolId,
    schoolCode: "school",
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
  tokenVault(db).put(userId, `token-${userId}`);
  return userId;
}

describe("the outbox and the view", () => {
  let db: SafetyRoundsDb;
  let admin: string;
  beforeEach(async () => {
    db = openDb(`test-${ulid()}`);
    admin = await addAccount(db, SCHOOL_A);
  });

  const upsertClass = (classRow: SchoolClass, baseVersion?: number) =>
    mutate(db, {
      type: "class.upsert",
      args: { entity: classRow },
      actorUserId: admin,
      schoolId: SCHOOL_A,
      ...(baseVersion !== undefined ? { baseVersion } : {}),
    });

  it("[S1] a change writes its outbox entry and the view together, with dense deviceSeqs", async () => {
    const ids = [ulid(), ulid(), ulid()];
    for (const [i, id] of ids.entries()) await upsertClass(aClass(id, `${i + 1}班`));
    const outbox = (await db.outbox.toArray()).sort((a, b) => a.deviceSeq - b.deviceSeq);
    expect(outbox.map((r) => r.deviceSeq)).toEqual([1, 2, 3]);
    expect(outbox[0]).toMatchObject({
      type: "class.upsert",
      typeVersion: 1,
      actorUserId: admin,
      schoolId: SCHOOL_A,
      status: "pending",
      attempts: 0,
      touchKeys: [`class:${ids[0]}`],
    });
    expect(outbox[0]?.baseVersion).toBeUndefined();
    const view = await listView(db, SCHOOL_A, "class");
    expect(view.map((v) => (v.data as SchoolClass).name).sort()).toEqual(["1班", "2班", "3班"]);
    expect(view.every((v) => v.hasPendingChanges && v.version === 1 && v.serverVersion === null)).toBe(true);
    expect((await readSyncState(db, SCHOOL_A)).nextDeviceSeq).toBe(4);
  });

  it("bad arguments throw a clear error and save nothing", async () => {
    const bad = { ...aClass(ulid(), "1班"), grade: 9 };
    await expect(upsertClass(bad)).rejects.toThrow(InvalidMutationError);
    await expect(upsertClass(bad)).rejects.toThrow(/class\.upsert: entity\.grade/);
    await expect(
      mutate(db, {
        type: "no.such" as "class.upsert",
        args: {} as never,
        actorUserId: admin,
        schoolId: SCHOOL_A,
      }),
    ).rejects.toThrow(/unknown mutation type/);
    expect(await db.outbox.count()).toBe(0);
    expect(await db.view.count()).toBe(0);
    expect((await readSyncState(db, SCHOOL_A)).nextDeviceSeq).toBe(1);
  });

  it("[S7] only an account of this phone, in its own school, can be the actor", async () => {
    await expect(
      mutate(db, {
        type: "class.upsert",
        args: { entity: aClass(ulid(), "1班") },
        actorUserId: ulid(),
        schoolId: SCHOOL_A,
      }),
    ).rejects.toThrow(/no account/);
    await expect(
      mutate(db, {
        type: "class.upsert",
        args: { entity: aClass(ulid(), "1班") },
        actorUserId: admin,
        schoolId: SCHOOL_B,
      }),
    ).rejects.toThrow(/does not belong/);
    expect(await db.outbox.count()).toBe(0);
  });

  it("deviceSeq counts per school, as the server counts per school and device", async () => {
    const other = await addAccount(db, SCHOOL_B);
    await upsertClass(aClass(ulid(), "A1"));
    await mutate(db, {
      type: "class.upsert",
      args: { entity: aClass(ulid(), "B1") },
      actorUserId: other,
      schoolId: SCHOOL_B,
    });
    await upsertClass(aClass(ulid(), "A2"));
    expect((await listPending(db, SCHOOL_A, 10)).map((r) => r.deviceSeq)).toEqual([1, 2]);
    expect((await listPending(db, SCHOOL_B, 10)).map((r) => r.deviceSeq)).toEqual([1]);
  });

  it("the view is the mirror with pending changes replayed in deviceSeq order", async () => {
    const id = ulid();
    await applyPulledPage(db, SCHOOL_A, {
      changes: [upsertChange(aClass(id, "1班"), 1, 10)],
      nextCursor: "c1",
    });
    expect(await getView(db, "class", id)).toMatchObject({ version: 1, hasPendingChanges: false });
    await upsertClass(aClass(id, "一班"), 1);
    await upsertClass(aClass(id, "一（1）班"), 1);
    const view = await getView(db, "class", id);
    // Two pending edits on server version 1: the next edit's base is 3.
    expect(view).toMatchObject({ version: 3, serverVersion: 1, hasPendingChanges: true, schoolId: SCHOOL_A });
    expect((view!.data as SchoolClass).name).toBe("一（1）班");
    // A newer pull moves the base; the pending changes stay on top of it.
    await applyPulledPage(db, SCHOOL_A, {
      changes: [upsertChange(aClass(id, "1班（新）"), 2, 11)],
      nextCursor: "c2",
    });
    expect(await getView(db, "class", id)).toMatchObject({
      version: 4,
      serverVersion: 2,
      data: { name: "一（1）班" },
    });
    expect((await db.mirror.get(["class", id]))?.data).toMatchObject({ name: "1班（新）" });
  });

  it("[S2] applied and duplicate verdicts take entries out of the queue; they show until the pull brings their effect", async () => {
    const id = ulid();
    const otherId = ulid();
    await applyPulledPage(db, SCHOOL_A, {
      changes: [upsertChange(aClass(id, "1班"), 1, 10)],
      nextCursor: "c1",
    });
    const first = await upsertClass(aClass(id, "一班"), 1);
    const second = await upsertClass(aClass(otherId, "2班"));
    const { settled } = await applyVerdicts(
      db,
      [
        { mutationId: first, status: "applied", serverSeq: 12 },
        { mutationId: second, status: "duplicate", serverSeq: 13 },
      ],
      new Set([first, second]),
    );
    expect(settled).toBe(2);
    // Never sent again, not counted as unsent, but still what the person sees.
    expect(await listPending(db, SCHOOL_A, 10)).toEqual([]);
    expect((await countOutbox(db)).pendingCount).toBe(0);
    expect(await getView(db, "class", id)).toMatchObject({
      data: { name: "一班" },
      version: 2,
      serverVersion: 1,
    });
    expect(await getView(db, "class", otherId)).toMatchObject({ data: { name: "2班" }, version: 1 });
    // A pull that covers position 12 retires the first; the second waits for position 13.
    await applyPulledPage(db, SCHOOL_A, {
      changes: [upsertChange(aClass(id, "一班"), 2, 12)],
      nextCursor: "c2",
    });
    expect(await db.outbox.count()).toBe(1);
    expect(await getView(db, "class", id)).toMatchObject({
      data: { name: "一班" },
      version: 2,
      hasPendingChanges: false,
    });
    await applyPulledPage(db, SCHOOL_A, {
      changes: [upsertChange(aClass(otherId, "2班"), 1, 13)],
      nextCursor: "c3",
    });
    expect(await db.outbox.count()).toBe(0);
    expect(await getView(db, "class", otherId)).toMatchObject({ hasPendingChanges: false, serverVersion: 1 });
  });

  it("a page of many batches: mirror and view rows written together, pending edits kept on top, covered entries retired", async () => {
    const ids = Array.from({ length: 130 }, () => ulid());
    await applyPulledPage(db, SCHOOL_A, {
      changes: ids.map((id, i) => upsertChange(aClass(id, `${i}班`), 1, i + 1)),
      nextCursor: "c1",
    });
    const edited = ids[7] as string;
    const applied = ids[100] as string;
    const deleted = ids[129] as string;
    await upsertClass(aClass(edited, "七班（改）"), 1);
    const sent = await upsertClass(aClass(applied, "百班（改）"), 1);
    await applyVerdicts(db, [{ mutationId: sent, status: "applied", serverSeq: 200 }], new Set([sent]));
    // The second page: every record again at version 2 (the applied edit among them), one delete.
    await applyPulledPage(db, SCHOOL_A, {
      changes: [
        ...ids
          .slice(0, 129)
          .map((id, i) => upsertChange(aClass(id, id === applied ? "百班（改）" : `${i}班 v2`), 2, 200 + i)),
        { serverSeq: 400, entityType: "class", entityId: deleted, op: "delete", version: 2, data: null },
      ],
      nextCursor: "c2",
    });
    expect(await db.mirror.count()).toBe(129);
    expect(await db.view.count()).toBe(129);
    expect(await getView(db, "class", deleted)).toBeUndefined();
    expect(await getView(db, "class", ids[3] as string)).toMatchObject({
      data: { name: "3班 v2" },
      version: 2,
      serverVersion: 2,
      hasPendingChanges: false,
    });
    // The pending edit still shows, now on top of version 2.
    expect(await getView(db, "class", edited)).toMatchObject({
      data: { name: "七班（改）" },
      version: 3,
      serverVersion: 2,
      hasPendingChanges: true,
    });
    // The applied edit's effect arrived: the entry is gone and the view is the server's.
    expect(await db.outbox.get(sent)).toBeUndefined();
    expect(await getView(db, "class", applied)).toMatchObject({
      data: { name: "百班（改）" },
      version: 2,
      hasPendingChanges: false,
    });
    expect((await readSyncState(db, SCHOOL_A)).cursor).toBe("c2");
  });

  it("verdicts for entries that were not in the batch are ignored", async () => {
    const id = await upsertClass(aClass(ulid(), "1班"));
    await applyVerdicts(db, [{ mutationId: id, status: "applied" }], new Set());
    expect(await db.outbox.count()).toBe(1);
  });

  it("[S4] a rejected entry stops overlaying the view but stays until a person dismisses it", async () => {
    const classId = ulid();
    const id = await upsertClass(aClass(classId, "1班"));
    await applyVerdicts(
      db,
      [{ mutationId: id, status: "rejected", reason: "forbidden", message: "needs the role admin" }],
      new Set([id]),
    );
    expect(await getView(db, "class", classId)).toBeUndefined();
    const row = await db.outbox.get(id);
    expect(row).toMatchObject({
      status: "rejected",
      verdict: { reason: "forbidden", message: "needs the role admin" },
    });
    expect(await listNeedsAttention(db, admin)).toHaveLength(1);
    expect(await countOutbox(db)).toEqual({ pendingCount: 0, rejectedCount: 1 });
    expect(await dismiss(db, id)).toBe(true);
    expect(await db.outbox.count()).toBe(0);
  });

  it("the push reads pending entries only, in deviceSeq order, up to the batch size", async () => {
    const refused = await upsertClass(aClass(ulid(), "1班"));
    await upsertClass(aClass(ulid(), "2班"));
    await upsertClass(aClass(ulid(), "3班"));
    await applyVerdicts(
      db,
      [{ mutationId: refused, status: "rejected", reason: "forbidden" }],
      new Set([refused]),
    );
    expect((await listPending(db, SCHOOL_A, 1)).map((r) => r.deviceSeq)).toEqual([2]);
    expect((await listPending(db, SCHOOL_A, 5)).map((r) => r.deviceSeq)).toEqual([2, 3]);
  });

  it("a pending entry cannot be dismissed", async () => {
    const id = await upsertClass(aClass(ulid(), "1班"));
    expect(await dismiss(db, id)).toBe(false);
    expect(await countUnsent(db, admin)).toBe(1);
  });

  it("a conflict keeps the server's state; redo sends it again on the mirror's current version", async () => {
    const classId = ulid();
    await applyPulledPage(db, SCHOOL_A, {
      changes: [upsertChange(aClass(classId, "1班"), 1, 10)],
      nextCursor: "c1",
    });
    const id = await upsertClass(aClass(classId, "一班"), 1);
    const serverState = { ...aClass(classId, "三（1）班"), version: 2 };
    await applyVerdicts(
      db,
      [{ mutationId: id, status: "conflict", reason: "version_conflict", message: "changed", serverState }],
      new Set([id]),
    );
    expect((await db.outbox.get(id))?.verdict?.serverState).toEqual(serverState);
    expect(await getView(db, "class", classId)).toMatchObject({
      data: { name: "1班" },
      hasPendingChanges: false,
    });
    await applyPulledPage(db, SCHOOL_A, {
      changes: [upsertChange(aClass(classId, "三（1）班"), 2, 11)],
      nextCursor: "c2",
    });

    const again = await redo(db, id);
    expect(await db.outbox.get(id)).toBeUndefined();
    expect(await db.outbox.get(again)).toMatchObject({
      status: "pending",
      baseVersion: 2,
      deviceSeq: 2,
      args: { entity: { name: "一班" } },
    });
    expect(await getView(db, "class", classId)).toMatchObject({
      data: { name: "一班" },
      hasPendingChanges: true,
    });
  });

  it("[S5] a pulled page and its cursor are saved together or not at all", async () => {
    const good = upsertChange(aClass(ulid(), "1班"), 1, 1);
    // An entity without an id is not a valid IndexedDB key: the transaction fails midway.
    const broken = { ...upsertChange(aClass(ulid(), "2班"), 1, 2), entityId: undefined as unknown as string };
    await expect(
      applyPulledPage(db, SCHOOL_A, { changes: [good, broken], nextCursor: "after-2" }),
    ).rejects.toThrow();
    expect(await db.mirror.count()).toBe(0);
    expect(await db.view.count()).toBe(0);
    expect((await readSyncState(db, SCHOOL_A)).cursor).toBeNull();
  });

  it("a delete removes the entity from mirror and view; a reset replaces only this school's mirror", async () => {
    const kept = ulid();
    const gone = ulid();
    const otherSchool = ulid();
    await applyPulledPage(db, SCHOOL_B, {
      changes: [upsertChange(aClass(otherSchool, "B"), 1, 1)],
      nextCursor: "b1",
    });
    await applyPulledPage(db, SCHOOL_A, {
      changes: [upsertChange(aClass(kept, "1班"), 1, 1), upsertChange(aClass(gone, "2班"), 1, 2)],
      nextCursor: "a2",
    });
    await applyPulledPage(db, SCHOOL_A, {
      changes: [{ serverSeq: 3, entityType: "class", entityId: gone, op: "delete", version: 2, data: null }],
      nextCursor: "a3",
    });
    expect(await getView(db, "class", gone)).toBeUndefined();

    const pendingId = ulid();
    await upsertClass(aClass(pendingId, "待发送"));
    await applyPulledPage(db, SCHOOL_A, {
      reset: true,
      changes: [upsertChange(aClass(kept, "1班"), 1, 1)],
      nextCursor: "x1",
    });
    expect((await db.mirror.where("schoolId").equals(SCHOOL_A).toArray()).map((r) => r.entityId)).toEqual([
      kept,
    ]);
    expect(await getView(db, "class", otherSchool)).toBeDefined();
    expect(await getView(db, "class", pendingId)).toMatchObject({ hasPendingChanges: true });
    expect((await readSyncState(db, SCHOOL_A)).cursor).toBe("x1");
  });

  it("a wipe deletes this school's data but not another school's outbox, and starts a new device (new id, deviceSeq from 1)", async () => {
    const other = await addAccount(db, SCHOOL_B);
    await applyPulledPage(db, SCHOOL_A, {
      changes: [upsertChange(aClass(ulid(), "1班"), 1, 1)],
      nextCursor: "a1",
    });
    await upsertClass(aClass(ulid(), "A"));
    const theirs = await mutate(db, {
      type: "class.upsert",
      args: { entity: aClass(ulid(), "B") },
      actorUserId: other,
      schoolId: SCHOOL_B,
    });
    await wipeSchool(db, SCHOOL_A);
    expect(await db.mirror.where("schoolId").equals(SCHOOL_A).count()).toBe(0);
    expect(await db.view.where("schoolId").equals(SCHOOL_A).count()).toBe(0);
    expect((await db.outbox.toArray()).map((r) => r.mutationId)).toEqual([theirs]);
    expect(await db.accounts.get(admin)).toMatchObject({
      sealedToken: null,
      needsLogin: true,
      isSignedOut: true,
    });
    expect(tokenVault(db).has(admin)).toBe(false);
    expect(tokenVault(db).has(other)).toBe(true);
    expect(await readSyncState(db, SCHOOL_A)).toMatchObject({ cursor: null, nextDeviceSeq: 1 });
  });

  it("pending entries are renumbered from the server's expected deviceSeq when earlier ones are gone", async () => {
    for (const name of ["1", "2", "3"]) await upsertClass(aClass(ulid(), name));
    await db.outbox.filter((row) => row.deviceSeq === 1).delete(); // lost from the phone
    expect(await renumberPending(db, SCHOOL_A, 5)).toBe(false); // server is ahead: not our case
    expect(await renumberPending(db, SCHOOL_A, 1)).toBe(true);
    expect((await listPending(db, SCHOOL_A, 10)).map((r) => r.deviceSeq)).toEqual([1, 2]);
    expect((await readSyncState(db, SCHOOL_A)).nextDeviceSeq).toBe(3);
  });
});

describe("the Dexie upgrades", () => {
  it("keeps version 1's accounts and meta, adds the sync tables and drops the snapshot table (and a token without a PIN)", async () => {
    const { Dexie } = await import("dexie");
    const name = `upgrade-${ulid()}`;
    const v1 = new Dexie(name);
    v1.version(1).stores({ meta: "key", accounts: "userId, schoolId, lastUsedAt", reference: "schoolId" });
    await v1.table("meta").put({ key: "deviceId", value: "01JDPH0NE000000000000000AA" });
    await v1.table("accounts").put({ userId: "u1", schoolId: SCHOOL_A, token: "t", lastUsedAt: 1 });
    v1.close();

    const db = openDb(name);
    expect((await db.meta.get("deviceId"))?.value).toBe("01JDPH0NE000000000000000AA");
    // Version 8 stores tokens only sealed with a PIN; this one had none: the password is needed.
    expect(await db.accounts.get("u1")).toMatchObject({ userId: "u1", sealedToken: null });
    expect(JSON.stringify(await db.accounts.get("u1"))).not.toContain('"t"');
    expect(await db.outbox.count()).toBe(0);
    expect(db.verno).toBe(8);
    expect(db.tables.map((t) => t.name)).not.toContain("reference");
    db.close();
  });

  it("[S1] version 2's outbox survives the upgrade to version 3 and is still sent in order", async () => {
    const { Dexie } = await import("dexie");
    const name = `upgrade-${ulid()}`;
    const v2 = new Dexie(name);
    v2.version(1).stores({ meta: "key", accounts: "userId, schoolId, lastUsedAt", reference: "schoolId" });
    v2.version(2).stores({
      outbox:
        "mutationId, deviceSeq, [actorUserId+status], status, [schoolId+deviceSeq], schoolId, *touchKeys",
      mirror: "[entityType+entityId], schoolId",
      view: "[entityType+entityId], schoolId, [schoolId+entityType]",
      syncState: "schoolId",
    });
    await v2.open();
    await v2.table("reference").put({ schoolId: SCHOOL_A, snapshot: {}, fetchedAt: 1, format: 1 });
    for (let seq = 1; seq <= 20; seq++) {
      await v2.table("outbox").put({
        mutationId: ulid(),
        deviceSeq: seq,
        schoolId: SCHOOL_A,
        actorUserId: "u1",
        status: "pending",
        touchKeys: [`class:${seq}`],
      });
    }
    // An entry already applied, waiting for its pull (status and appliedSeq came in version 5).
    await v2.table("outbox").put({
      mutationId: ulid(),
      deviceSeq: 0,
      schoolId: SCHOOL_A,
      actorUserId: "u1",
      status: "applied",
      appliedSeq: 7,
      touchKeys: ["class:0"],
    });
    v2.close();

    const db = openDb(name);
    expect(db.verno).toBe(8);
    expect((await listPending(db, SCHOOL_A, 100)).map((r) => r.deviceSeq)).toEqual(
      Array.from({ length: 20 }, (_, i) => i + 1),
    );
    // Version 7's index finds it for retirement: a pull past its effect takes it out.
    await applyPulledPage(db, SCHOOL_A, { changes: [], nextCursor: "c7" });
    expect(await db.outbox.count()).toBe(21);
    await applyPulledPage(db, SCHOOL_A, {
      changes: [upsertChange(aClass("0", "0班"), 1, 7)],
      nextCursor: "c8",
    });
    expect(await db.outbox.count()).toBe(20);
    db.close();
  });
});
