import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hazardDeadline } from "../../domain/hazard-deadline.ts";
import { type Hazard as HazardRecord, isOpenState } from "../../domain/hazard-machine.ts";
import { isMyArea, ROUND_KINDS, roundStatus } from "../../domain/rounds.ts";
import { addDays, isSchoolDay, localDateOf, localMinuteOf } from "../../domain/school-calendar.ts";
import { effectiveSettings } from "../../domain/school-settings.ts";
import { sniffImageType } from "../../protocol/blobs.ts";
import { Hazard, RoundRecord } from "../../protocol/safety.ts";
import { silentLogger } from "../logger.ts";
import { readSchoolBlob } from "../storage/blob-store.ts";
import { listEntities } from "../storage/entities.ts";
import { openStore } from "../storage/open-store.ts";
import type { Store } from "../storage/store.ts";
import { buildDemoActivity, DEMO_ACTIVITY_DAYS, makeDemoPhotos, photoNames } from "./demo-activity.ts";
import { buildDemoRoster, withDemoCalendar } from "./demo-roster.ts";
import { buildDemoSchool } from "./demo-school.ts";
import { ensureDemoSchool } from "./seed-demo.ts";

const seed = buildDemoSchool();
const settings = effectiveSettings(seed.school.settings);
const TZ = settings.timeZone;
const PHOTOS = {
  control: ["c".repeat(64), "d".repeat(64)],
  after: ["a".repeat(64), "b".repeat(64), "e".repeat(64)],
};
const staffById = new Map(seed.staff.map((s) => [s.id as string, s]));
const areaById = new Map(seed.areas.map((a) => [a.id as string, a]));
const admins = new Set(seed.staff.filter((s) => s.roles.includes("admin")).map((s) => s.id as string));
const clock = (iso: string) => localMinuteOf(new Date(iso), TZ);
const BEDTIME = 20 * 60 + 30;

// Moments the demo may first start at: a school afternoon, after bedtime, a Saturday, just
// after midnight into Monday, during Monday's morning round, Friday noon.
const STARTS = [
  "2026-11-30T15:00:00+08:00",
  "2026-12-02T20:40:00+08:00",
  "2026-12-05T10:00:00+08:00",
  "2026-12-07T00:30:00+08:00",
  "2026-12-07T07:00:00+08:00",
  "2026-12-04T12:30:00+08:00",
];

describe.each(STARTS)("the demo school's activity, first started at %s", (start) => {
  const now = new Date(start);
  const { rounds, hazards } = buildDemoActivity(seed, now, PHOTOS);
  const today = localDateOf(now, TZ);
  const firstDay = addDays(today, -(DEMO_ACTIVITY_DAYS - 1));

  it("is deterministic: the same start gives the same records, ids included", () => {
    expect(buildDemoActivity(seed, now, PHOTOS)).toEqual({ rounds, hazards });
  });

  it("every record parses with its protocol schema, with unique ids", () => {
    for (const r of rounds) RoundRecord.parse(r);
    for (const h of hazards) Hazard.parse(h);
    const ids = [...rounds.map((r) => r.id), ...hazards.map((h) => h.id)];
    expect(new Set(ids).size).toBe(ids.length);
  });

  it("[RD-1] has rounds only on school days of the last three weeks, each recorded before now on its own date", () => {
    expect(rounds.length).toBeGreaterThan(1000);
    for (const r of rounds) {
      expect(isSchoolDay(r.date, settings), r.date).toBe(true);
      expect(r.date >= firstDay && r.date <= today).toBe(true);
      expect(Date.parse(r.checkedAt)).toBeLessThan(now.getTime());
      expect(localDateOf(new Date(r.checkedAt), TZ)).toBe(r.date);
    }
  });

  it("[RD-3] most areas are checked in most rounds; a few are missed and a few late", () => {
    const statuses: Record<string, number> = {};
    const pastDays = [...new Set(rounds.map((r) => r.date))].filter((d) => d < today);
    for (const date of pastDays)
      for (const round of ROUND_KINDS)
        for (const area of seed.areas) {
          const times = rounds
            .filter((r) => r.date === date && r.round === round && r.areaId === area.id)
            .map((r) => new Date(r.checkedAt));
          const status = roundStatus(settings, date, round, times, now);
          statuses[status] = (statuses[status] ?? 0) + 1;
        }
    const total = Object.values(statuses).reduce((a, b) => a + b, 0);
    expect(total).toBe(pastDays.length * 3 * seed.areas.length);
    expect((statuses.done ?? 0) / total).toBeGreaterThan(0.88);
    expect(statuses.missed ?? 0).toBeGreaterThan(0);
    expect((statuses.missed ?? 0) / total).toBeLessThan(0.1);
    expect(statuses.late ?? 0).toBeGreaterThan(0);
  });

  it("[RD-4] classrooms are checked by their class teacher, campus by the office and duty teachers, perimeter by the gatekeepers", () => {
    for (const r of rounds) {
      const area = areaById.get(r.areaId);
      const by = staffById.get(r.checkedBy);
      expect(area && by).toBeTruthy();
      if (!area || !by) continue;
      const classIds = seed.classes.filter((c) => c.classTeacherId === by.id).map((c) => c.id as string);
      expect(isMyArea(area, { id: by.id, roles: by.roles, classIds }), `${area.name} by ${by.login}`).toBe(
        true,
      );
      if (area.kind === "perimeter") expect(by.roles).toContain("gatekeeper");
    }
    const twice = new Map<string, number>();
    for (const r of rounds)
      twice.set(`${r.date}/${r.round}/${r.areaId}`, (twice.get(`${r.date}/${r.round}/${r.areaId}`) ?? 0) + 1);
    expect([...twice.values()].some((n) => n === 2)).toBe(true);
  });

  it("walks the area's checklist; exceptions keep the item's words and a note, OK items only their id", () => {
    const byId = new Map<string, (typeof seed.checklistItems)[number]>(
      seed.checklistItems.map((i) => [i.id, i]),
    );
    for (const r of rounds.slice(0, 200)) {
      const kind = areaById.get(r.areaId)?.kind;
      const items = seed.checklistItems.filter((i) => i.areaKind === kind);
      expect(r.items.map((i) => i.itemId)).toEqual(items.map((i) => i.id));
      for (const i of r.items) {
        const item = byId.get(i.itemId);
        if (i.ok) expect(i).toEqual({ itemId: i.itemId, ok: true });
        else expect([i.labelZh, i.labelEn]).toEqual([item?.labelZh, item?.labelEn]);
      }
    }
    const exceptions = rounds.flatMap((r) => r.items.filter((i) => !i.ok));
    expect(exceptions.length).toBeGreaterThan(10);
    for (const e of exceptions) expect(e.note).not.toBe("");
    expect(exceptions.length).toBeLessThan(rounds.length * 0.1);
  });

  it("has 25–40 hazards in all five states", () => {
    expect(hazards.length).toBeGreaterThanOrEqual(25);
    expect(hazards.length).toBeLessThanOrEqual(40);
    const states = new Set(hazards.map((h) => h.state));
    expect([...states].sort()).toEqual(["assigned", "closed", "controlled", "rectified", "reported"]);
    expect(hazards.filter((h) => h.state === "closed").length).toBeGreaterThan(hazards.length / 2);
    const open = hazards.filter((h) => isOpenState(h.state));
    expect(open.length).toBeGreaterThanOrEqual(3);
    expect(open.length).toBeLessThanOrEqual(4);
  });

  it("[HZ-D1][DC-1] no open hazard is overdue without interim control and a night owner", () => {
    for (const h of hazards.filter((x) => isOpenState(x.state))) {
      if (Date.parse(h.deadline) > now.getTime()) continue;
      expect(h.state, h.description).toBe("controlled");
      expect(h.nightOwnerId).not.toBeNull();
    }
  });

  it("[HZ-D1..D3][HZ-S7] every deadline is the rule's, unless an admin set a new one on a controlled hazard", () => {
    for (const h of hazards) {
      if (h.deadlineSetBy === null) {
        expect(h.deadline).toBe(hazardDeadline(new Date(h.foundAt), settings).toISOString());
      } else {
        expect(admins.has(h.deadlineSetBy)).toBe(true);
        expect(h.history.some((e) => e.kind === "control")).toBe(true);
      }
    }
  });

  it("one hazard from an earlier school day is carried over under interim control, with a night owner and an admin's new deadline", () => {
    const carried = hazards.filter((h) => h.state === "controlled" && h.deadlineSetBy !== null);
    expect(carried).toHaveLength(1);
    const h = carried[0];
    expect(localDateOf(new Date(h?.foundAt ?? ""), TZ) < today).toBe(true);
    expect(h?.nightOwnerId).not.toBeNull();
    expect(h?.control?.photos).toHaveLength(1);
    expect(Date.parse(h?.deadline ?? "")).toBeGreaterThan(
      Date.parse(h?.history.find((e) => e.kind === "report")?.at ?? ""),
    );
  });

  it("open hazards of the day: one under interim control with a night owner, one assigned, one only reported", () => {
    const fresh = hazards.filter((h) => isOpenState(h.state) && h.deadlineSetBy === null);
    expect(fresh.map((h) => h.state).sort()).toEqual(["assigned", "controlled", "reported"]);
    expect(fresh.find((h) => h.state === "controlled")?.nightOwnerId).not.toBeNull();
    for (const h of fresh) expect(Date.parse(h.deadline)).toBeGreaterThan(now.getTime());
  });

  it("every history starts with the report, runs forward in time, and ends before now", () => {
    for (const h of hazards) {
      expect(h.history[0]).toMatchObject({ kind: "report", by: h.reportedBy, at: h.foundAt });
      const times = h.history.map((e) => Date.parse(e.at));
      expect(times).toEqual([...times].sort((a, b) => a - b));
      expect(times.at(-1)).toBeLessThanOrEqual(now.getTime());
      for (const e of h.history) expect(e.refused ?? e.isRepeat).toBeUndefined();
    }
  });

  it("[HZ-S3][HZ-S4] rectified by the assignee with an after photo; closed the same day before bedtime by the reporter or an admin, never the fixer", () => {
    const photos = new Set([...PHOTOS.control, ...PHOTOS.after]);
    for (const h of hazards) {
      expect(h.photos).toEqual([]);
      for (const p of [...(h.control?.photos ?? []), ...(h.rectification?.photos ?? [])])
        expect(photos.has(p)).toBe(true);
      if (h.state !== "rectified" && h.state !== "closed") continue;
      expect(h.rectification?.by).toBe(h.assigneeId);
      expect(h.rectification?.photos.length).toBe(1);
      const foundOn = localDateOf(new Date(h.foundAt), TZ);
      expect(localDateOf(new Date(h.rectification?.at ?? ""), TZ)).toBe(foundOn);
      expect(clock(h.rectification?.at ?? "")).toBeLessThan(BEDTIME);
      if (h.state === "closed") {
        expect(h.closedBy).not.toBe(h.rectification?.by);
        expect(h.closedBy === h.reportedBy || admins.has(h.closedBy ?? "")).toBe(true);
        expect(localDateOf(new Date(h.closedAt ?? ""), TZ)).toBe(foundOn);
        expect(clock(h.closedAt ?? "")).toBeLessThan(BEDTIME);
      }
    }
    expect(hazards.some((h) => h.history.some((e) => e.kind === "reopen"))).toBe(true);
  });

  it("hazards found on a round point at it, and the round lists them with the item marked", () => {
    const byId = new Map(rounds.map((r) => [r.id, r]));
    const onRounds = hazards.filter((h) => h.roundId !== null);
    expect(onRounds.length).toBeGreaterThan(hazards.length / 2);
    for (const h of onRounds) {
      const r = byId.get(h.roundId ?? "");
      expect(r?.hazardIds).toContain(h.id);
      expect(r?.areaId).toBe(h.areaId);
      expect(r?.checkedBy).toBe(h.reportedBy);
      const item = r?.items.find((i) => i.itemId === h.checklistItemId);
      expect(item).toMatchObject({ ok: false, note: h.description });
    }
    const listed = rounds.flatMap((r) => r.hazardIds);
    expect(listed.sort()).toEqual(onRounds.map((h) => h.id).sort());
  });
});

describe("seeding the demo school into an empty store", () => {
  let dir: string;
  let store: Store;
  const now = new Date("2026-12-02T15:00:00+08:00");

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "sr-demo-"));
    store = await openStore({ kind: "sqlite", filename: join(dir, "demo.sqlite") }, now);
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("writes the rounds, hazards and their photos on first start, once", async () => {
    expect(await ensureDemoSchool(store, now, silentLogger)).toBe(true);
    const school = await store.findSchoolByCode("demo");
    if (!school) throw new Error("no demo school");
    const rounds = await listEntities<RoundRecord>(store.driver, school.id, "round");
    const hazards = await listEntities<HazardRecord>(store.driver, school.id, "hazard");
    // The school as seeded: with its current term, and the campus rounds by the rostered duty.
    const seeded = withDemoCalendar(seed, now);
    const roster = buildDemoRoster(seeded, now);
    const expected = buildDemoActivity(seeded, now, photoNames(await makeDemoPhotos()), roster.slots);
    expect(rounds).toEqual(expected.rounds);
    expect(hazards).toEqual(expected.hazards);

    const photo = hazards.find((h) => h.rectification)?.rectification?.photos[0] ?? "";
    const blob = await readSchoolBlob(store.driver, school.id, photo);
    expect(blob?.mime).toBe("image/jpeg");
    expect(sniffImageType(new Uint8Array(blob?.bytes ?? []))).toBe("image/jpeg");

    expect(await ensureDemoSchool(store, now, silentLogger)).toBe(false);
    expect(await listEntities(store.driver, school.id, "round")).toHaveLength(rounds.length);
  });

  it("makes small real JPEG photos, named by their SHA-256", async () => {
    const photos = await makeDemoPhotos();
    expect(photos.map((p) => p.use).sort()).toEqual(["after", "after", "after", "control", "control"]);
    for (const p of photos) {
      expect(sniffImageType(new Uint8Array(p.bytes))).toBe("image/jpeg");
      expect(p.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(p.bytes.length).toBeLessThan(20_000);
    }
  });
});
