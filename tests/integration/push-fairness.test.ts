// One school's big push cannot hold the database (issue #16 §6): each request and each chunk
// has a budget of time (deps.clock) and bytes (src/server/sync/push.ts, limits.ts); past it the
// server answers `stopped: transient` and the rest comes in later pushes, applied exactly once.
// Also: one log line per applied mutation, naming who, what and which record, never content.
import { ulid } from "ulidx";
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Hazard } from "../../src/domain/hazard-machine.ts";
import type { Mutation } from "../../src/protocol/sync.ts";
import { createLogger } from "../../src/server/logger.ts";
import type { PushBudget } from "../../src/server/sync/push.ts";
import { TestPhone } from "../support/sync-client.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";
import { addSafetyCrew } from "../support/test-schools.ts";
import { postgresTestStore, sqliteTestStore } from "../support/test-stores.ts";

describe.each([
  ["SQLite", sqliteTestStore],
  ["PostgreSQL", postgresTestStore],
] as const)("fair pushes on %s", (_engine, open) => {
  let t: TestApp;
  afterEach(async () => {
    vi.restoreAllMocks();
    await t.dispose();
  });

  async function setUp(pushBudget?: PushBudget) {
    t = await createTestApp(open, { extendSchool: addSafetyCrew, ...(pushBudget ? { pushBudget } : {}) });
    const teacher = await TestPhone.login(t, "school-a", "teacher");
    const area = t.schools.a.areas.find((a) => a.name === "二楼楼梯");
    const hazardId = ulid();
    const at = t.clock.now().toISOString();
    const hazard = {
      id: hazardId,
      areaId: area?.id,
      place: "扶手",
      severity: "general",
      description: "扶手松动",
      photos: [],
      roundId: null,
      checklistItemId: null,
      assigneeId: null,
      alertId: null,
      deadline: at,
    };
    const res = await teacher.push([teacher.mutation("hazard.report", { hazard }, { clientCreatedAt: at })]);
    expect(res.results[0]?.status).toBe("applied");
    const comments = Array.from({ length: 60 }, (_, i) =>
      teacher.mutation(
        "hazard.act",
        { hazardId, action: { kind: "comment", text: `${i}:${"查".repeat(300)}`, photos: [] } },
        { clientCreatedAt: at },
      ),
    );
    return { teacher, hazardId, comments };
  }

  /** Sends what is still unanswered, as the phone does, until all is answered; returns the pushes. */
  async function drain(phone: TestPhone, queue: Mutation[]) {
    const answers: Array<{ answered: number; stopped?: string }> = [];
    let pending = queue;
    while (pending.length > 0 && answers.length < 100) {
      const res = await phone.push(pending);
      answers.push({ answered: res.results.length, stopped: res.stopped?.reason });
      expect(res.results.every((r) => r.status === "applied")).toBe(true);
      const done = new Set(res.results.map((r) => r.mutationId));
      pending = pending.filter((m) => !done.has(m.mutationId));
    }
    return answers;
  }

  async function expectAppliedOnce(hazardId: string, comments: Mutation[]) {
    const row = await t.store.driver.get<{ data: string }>(
      "SELECT data FROM entities WHERE entity_type = 'hazard' AND entity_id = ?",
      [hazardId],
    );
    const history = (JSON.parse(String(row?.data)) as Hazard).history.slice(1);
    expect(history.map((e) => e.id)).toEqual(comments.map((m) => m.mutationId));
    const stored = await t.store.driver.get<{ n: number }>("SELECT COUNT(*) AS n FROM mutations");
    expect(Number(stored?.n)).toBe(comments.length + 1);
  }

  it("past its byte budget a push is cut; the rest is applied by later pushes, exactly once", async () => {
    const budget = { request: { ms: 1e9, bytes: 12_000 }, chunk: { ms: 1e9, bytes: 4_000 } };
    const { teacher, hazardId, comments } = await setUp(budget);
    const answers = await drain(teacher, comments);
    expect(answers.length).toBeGreaterThan(2);
    for (const a of answers.slice(0, -1)) {
      expect(a.stopped).toBe("transient");
      expect(a.answered).toBeGreaterThan(0);
      expect(a.answered).toBeLessThan(comments.length);
    }
    expect(answers.at(-1)?.stopped).toBeUndefined();
    await expectAppliedOnce(hazardId, comments);
    // A retry of what was answered is a duplicate, not a second effect.
    expect((await teacher.push(comments.slice(0, 3))).results.map((r) => r.status)).toEqual([
      "duplicate",
      "duplicate",
      "duplicate",
    ]);
    await expectAppliedOnce(hazardId, comments);
  });

  it("past its time budget (work that takes 100 ms a step) a push is cut the same way", async () => {
    const { teacher, hazardId, comments } = await setUp();
    t.clock.tickMs = 100;
    const first = await teacher.push(comments);
    expect(first.stopped?.reason).toBe("transient");
    expect(first.stopped?.message).toMatch(/used its share of the server/);
    expect(first.stopped?.retryAfterMs).toBe(0); // send the rest at once
    // Two seconds of a request at 100 ms a reading of the clock: about twenty, never all sixty.
    expect(first.results.length).toBeGreaterThan(0);
    expect(first.results.length).toBeLessThan(30);
    const done = new Set(first.results.map((r) => r.mutationId));
    await drain(
      teacher,
      comments.filter((m) => !done.has(m.mutationId)),
    );
    t.clock.tickMs = 0;
    await expectAppliedOnce(hazardId, comments);
  });

  it("one log line per applied mutation: school, staff, type, record, mutation and request ids; no content", async () => {
    const lines: string[] = [];
    vi.spyOn(console, "log").mockImplementation((line: string) => {
      lines.push(line);
    });
    t = await createTestApp(open, { logger: createLogger("info") });
    const admin = await TestPhone.login(t, "school-a", "admin");
    const entity = { id: ulid(), grade: 2, name: "秘密班", classTeacherId: null };
    const m = admin.mutation("class.upsert", { entity });
    const refused = admin.mutation("class.upsert", { entity: { ...entity, id: "x" } });
    await admin.push([m, refused]);
    const applied = lines.map((l) => JSON.parse(l)).filter((l) => l.msg === "mutation applied");
    expect(applied).toEqual([
      {
        time: expect.any(String),
        level: "info",
        msg: "mutation applied",
        requestId: expect.any(String),
        school: "school-a",
        staffId: admin.userId,
        type: "class.upsert",
        entityType: "class",
        entityId: entity.id,
        mutationId: m.mutationId,
      },
    ]);
    const request = lines
      .map((l) => JSON.parse(l))
      .find((l) => l.msg === "request" && l.path === "/api/v1/sync/push");
    expect(applied[0].requestId).toBe(request.requestId);
    expect(lines.join("\n")).not.toContain("秘密班");
  });
});
