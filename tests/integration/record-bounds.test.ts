// Bounded records (issue #16 §6): a hazard's history stops at its bound with `too_large` and the
// hazard stays as it was; steps that are not the sender's add nothing (HZ-S9), so nobody grows
// someone else's hazard; free text past its limit is refused by the schema. Both stores.
import { ulid } from "ulidx";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Hazard } from "../../src/domain/hazard-machine.ts";
import { GROWING_LISTS, TEXT_LIMITS } from "../../src/protocol/limits.ts";
import type { Mutation } from "../../src/protocol/sync.ts";
import { TestPhone } from "../support/sync-client.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";
import { addSafetyCrew } from "../support/test-schools.ts";
import { postgresTestStore, sqliteTestStore } from "../support/test-stores.ts";

describe.each([
  ["SQLite", sqliteTestStore],
  ["PostgreSQL", postgresTestStore],
] as const)("bounded records on %s", (_engine, open) => {
  let t: TestApp;
  let teacher: TestPhone;
  let gate: TestPhone;
  beforeEach(async () => {
    t = await createTestApp(open, { extendSchool: addSafetyCrew });
    teacher = await TestPhone.login(t, "school-a", "teacher");
    gate = await TestPhone.login(t, "school-a", "gate");
  });
  afterEach(async () => {
    await t.dispose();
  });

  const at = () => t.clock.now().toISOString();
  const hazardRow = async (id: string) => {
    const row = await t.store.driver.get<{ version: number; data: string }>(
      "SELECT version, data FROM entities WHERE entity_type = 'hazard' AND entity_id = ?",
      [id],
    );
    return { version: Number(row?.version), hazard: JSON.parse(String(row?.data)) as Hazard };
  };

  async function report(phone: TestPhone): Promise<string> {
    const area = t.schools.a.areas.find((a) => a.name === "二楼楼梯");
    const id = ulid();
    const res = await phone.push([
      phone.mutation(
        "hazard.report",
        {
          hazard: {
            id,
            areaId: area?.id,
            place: "扶手",
            severity: "general",
            description: "扶手松动",
            photos: [],
            roundId: null,
            checklistItemId: null,
            assigneeId: null,
            alertId: null,
            deadline: at(),
          },
        },
        { clientCreatedAt: at() },
      ),
    ]);
    expect(res.results[0]?.status).toBe("applied");
    return id;
  }

  const comment = (phone: TestPhone, hazardId: string, text: string): Mutation =>
    phone.mutation(
      "hazard.act",
      { hazardId, action: { kind: "comment", text, photos: [] } },
      { clientCreatedAt: at() },
    );

  it("a hazard's history stops at its bound: the next step is rejected too_large, the hazard stays, the queue moves on", async () => {
    const hazardId = await report(teacher);
    const max = GROWING_LISTS.hazard.history;
    const fill = Array.from({ length: max - 1 }, (_, i) => comment(teacher, hazardId, `第${i + 1}次查看`));
    const filled = await teacher.push(fill);
    expect(filled.results.every((r) => r.status === "applied")).toBe(true);
    const before = await hazardRow(hazardId);
    expect(before.hazard.history).toHaveLength(max);

    const over = comment(teacher, hazardId, "再一次");
    const other = await report(gate); // another record, later in the same queue order
    const res = await teacher.push([over]);
    expect(res.results).toEqual([
      {
        mutationId: over.mutationId,
        status: "rejected",
        reason: "too_large",
        message: expect.stringMatching(new RegExp(`already has ${max} history entries`)),
      },
    ]);
    expect(await hazardRow(hazardId)).toEqual(before);
    // The teacher's queue goes on after the refused step.
    const next = await teacher.push([
      teacher.mutation(
        "hazard.act",
        { hazardId: other, action: { kind: "comment", text: "同意", photos: [] } },
        { clientCreatedAt: at() },
      ),
    ]);
    expect(next.results[0]?.status).toBe("applied");
    // A retry of the refused step is answered from its stored verdict.
    expect((await teacher.push([over])).results[0]).toMatchObject({
      status: "rejected",
      reason: "too_large",
    });
  });

  it("a gatekeeper's stale steps on someone else's hazard add nothing to its history (HZ-S9)", async () => {
    const hazardId = await report(teacher);
    const before = await hazardRow(hazardId);
    const steps = Array.from({ length: 50 }, () =>
      gate.mutation(
        "hazard.act",
        {
          hazardId,
          action: { kind: "rectify", from: "assigned", text: "x".repeat(1000), photos: ["a".repeat(64)] },
        },
        { clientCreatedAt: at() },
      ),
    );
    const res = await gate.push(steps);
    expect(res.results.map((r) => r.reason)).toEqual(steps.map(() => "forbidden"));
    const close = await gate.push([
      gate.mutation(
        "hazard.act",
        { hazardId, action: { kind: "close", from: "reported" } },
        { clientCreatedAt: at() },
      ),
    ]);
    expect(close.results[0]?.status).toBe("conflict");
    expect(await hazardRow(hazardId)).toEqual(before);
  });

  it("free text past its limit is refused naming the field (an area's name had no limit)", async () => {
    const admin = await TestPhone.login(t, "school-a", "admin");
    const area = {
      id: ulid(),
      name: "区".repeat(TEXT_LIMITS.title + 1),
      kind: "campus",
      responsibleStaffId: null,
      parentAreaId: null,
      classId: null,
    };
    const res = await admin.push([admin.mutation("area.upsert", { entity: area })]);
    expect(res.results[0]).toMatchObject({ status: "rejected", reason: "invalid_args" });
    expect(res.results[0]?.message).toMatch(
      new RegExp(`^entity\\.name: .*at most ${TEXT_LIMITS.title} characters`),
    );
  });
});
