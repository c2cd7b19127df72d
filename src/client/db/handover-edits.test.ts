import "fake-indexeddb/auto";
import { ulid } from "ulidx";
import { beforeEach, describe, expect, it } from "vitest";
import { handoverId } from "../../domain/handover.ts";
import { openDb, type SafetyRoundsDb } from "./db.ts";
import { giveHandover, receiveHandover, recordLeave } from "./handover-edits.ts";
import { getHandover, listHandovers, listLeaves } from "./handover-view.ts";
import { tokenVault } from "./token-vault.ts";

const SCHOOL = ulid();
const CLASS = ulid();
const ROOM = ulid();
const [P1, P2, P3, P4] = [ulid(), ulid(), ulid(), ulid()] as [string, string, string, string];

async function addAccount(db: SafetyRoundsDb, name: string): Promise<string> {
  const userId = ulid();
  await db.accounts.put({
    userId,
    schoolId: SCHOOL,
    schoolCode: "demo",
    schoolName: "小学",
    login: `login-${userId}`,
    name,
    roles: ["class_teacher", "duty_teacher"],
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

describe("hand-over edits on the phone", () => {
  let db: SafetyRoundsDb;
  let teacher: string;
  let evening: string;
  beforeEach(async () => {
    db = openDb(`handover-edits-${ulid()}`);
    await db.open();
    teacher = await addAccount(db, "班主任");
    evening = await addAccount(db, "晚间值班");
  });

  it("HO-1: a roll call with two unaccounted pupils queues two urgent alerts in the same save", async () => {
    const date = "2026-11-02";
    const group = { kind: "class" as const, classId: CLASS };
    const result = await giveHandover(
      db,
      { actorUserId: teacher, schoolId: SCHOOL },
      {
        date,
        kind: "dismissal",
        group,
        rollCall: {
          expected: [P1, P2, P3, P4],
          onLeave: [],
          exceptions: [
            { pupilId: P2, reason: "unaccounted" },
            { pupilId: P3, reason: "sick" },
            { pupilId: P4, reason: "unaccounted" },
          ],
        },
      },
      {
        facts: (id) => ({
          kind: "unaccounted_pupil",
          pupilId: id,
          pupilName: id === P2 ? "王小明" : "李小红",
          group,
          groupLabel: "三年级1班",
          raisedByName: "班主任",
        }),
      },
    );
    expect(result.handoverId).toBe(handoverId(date, "dismissal", group));
    const alerts = await db.urgentAlerts.toArray();
    expect(alerts.map((a) => a.subjectId).sort()).toEqual([P2, P4].sort());
    expect(alerts.every((a) => a.kind === "unaccounted_pupil" && a.status === "pending")).toBe(true);
    // AL-1..3: the facts travel with the alert; the message is their Chinese wording only.
    const first = alerts.find((a) => a.subjectId === P2);
    expect(first?.facts).toMatchObject({ kind: "unaccounted_pupil", pupilId: P2, pupilName: "王小明" });
    expect(first?.message).toBe("下落不明：王小明（三年级1班）；班主任 点名时标记");
    expect(result.alertIds.sort()).toEqual(alerts.map((a) => a.alertId).sort());
    const outbox = await db.outbox.toArray();
    expect(outbox).toHaveLength(1);
    expect(
      (outbox[0]?.args as { handover: { alertIds: string[] } } | undefined)?.handover.alertIds.sort(),
    ).toEqual(result.alertIds.sort());

    const listed = await listHandovers(db, SCHOOL, date);
    expect(listed.map((e) => [e.entity.state, e.hasPendingChanges])).toEqual([["given", true]]);
    expect(listed[0]?.entity.give?.presentCount).toBe(1);

    // HO-3: the receiver confirms on the giver's phone with their PIN: completed, as them.
    await receiveHandover(
      db,
      { actorUserId: evening, schoolId: SCHOOL },
      { date, kind: "dismissal", group, count: 1, confirmedOn: "giver_phone" },
    );
    const done = await getHandover(db, result.handoverId);
    expect(done?.entity.state).toBe("completed");
    expect(done?.entity.receive).toMatchObject({ by: evening, count: 1, confirmedOn: "giver_phone" });
    expect(done?.entity.give?.by).toBe(teacher);
  });

  it("a bed check is its own record each time (HO-1), with no alert when all are there", async () => {
    const actor = { actorUserId: evening, schoolId: SCHOOL };
    const input = {
      date: "2026-11-02",
      kind: "bedCheck" as const,
      group: { kind: "room" as const, roomId: ROOM },
      rollCall: { expected: [P1, P2], onLeave: [], exceptions: [] },
    };
    const a = await giveHandover(db, actor, input);
    const b = await giveHandover(db, actor, input);
    expect(a.handoverId).not.toBe(b.handoverId);
    expect(await db.urgentAlerts.count()).toBe(0);
    const listed = await listHandovers(db, SCHOOL, "2026-11-02");
    expect(listed.map((e) => e.entity.state)).toEqual(["recorded", "recorded"]);
  });

  it("RC-5: recorded leave is listed", async () => {
    const id = await recordLeave(
      db,
      { actorUserId: teacher, schoolId: SCHOOL },
      { pupilId: P1, from: "2026-11-02", to: "2026-11-03", note: "回家" },
    );
    const leaves = await listLeaves(db, SCHOOL);
    expect(leaves.map((e) => [e.entity.id, e.entity.recordedBy, e.entity.cancelledAt])).toEqual([
      [id, teacher, null],
    ]);
  });
});
