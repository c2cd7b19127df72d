// Creates the embedded demo school on first start (empty database, DEMO not 0): a current term
// around `now` with its duty roster (demo-roster.ts), three weeks of rounds and hazards before
// `now` so the board and the ledger have something to show, and three weeks of the boarders'
// hand-overs and leave (demo-handovers.ts), and from those the term's safety education, the
// last weeks' class summaries and the month's commendations (demo-summaries.ts).

import { hashPassword } from "../auth/passwords.ts";
import type { Logger } from "../logger.ts";
import { storeBlobForSchool } from "../storage/blob-store.ts";
import { lockSchoolChanges, putEntity } from "../storage/entities.ts";
import type { NewSchool, Store } from "../storage/store.ts";
import { buildDemoActivity, makeDemoPhotos, photoNames } from "./demo-activity.ts";
import { buildDemoHandovers } from "./demo-handovers.ts";
import { buildDemoRoster, type DemoRoster, withDemoCalendar } from "./demo-roster.ts";
import { buildDemoSchool, type SchoolSeed } from "./demo-school.ts";
import { buildDemoSummaries, type DemoRecords } from "./demo-summaries.ts";

export async function seedToNewSchool(seed: SchoolSeed): Promise<NewSchool> {
  // Every demo account shares the public password demo1234, so one hash serves them all
  // (hashing 70 times would add seconds to the first start for no security gain).
  const hashes = new Map<string, string>();
  for (const p of new Set(seed.staff.map((s) => s.password))) hashes.set(p, await hashPassword(p));
  return {
    ...seed,
    staff: seed.staff.map(({ password, ...s }) => ({
      ...s,
      passwordHash: hashes.get(password) as string,
      mustChangePassword: false,
    })),
  };
}

/**
 * Writes the demo's duty roster (templates, the term's slots, swaps, timetables) for a school
 * just created from `seed` (with its demo calendar), through the same storage calls as the sync
 * handlers, in one transaction. The slots an approved swap changed are written twice, first as
 * generated, so their version (2) is the one the swap's compare-and-set would see (SW-3).
 */
export async function seedDemoRoster(store: Store, seed: SchoolSeed, now: Date): Promise<DemoRoster> {
  const schoolId = seed.school.id;
  const roster = buildDemoRoster(seed, now);
  const admin = seed.staff.find((s) => s.login === "admin")?.id ?? null;
  const swapped = new Set(roster.swappedSlotIds);
  const opts = { now, actorId: admin };
  await store.driver.transaction(async (tx) => {
    await lockSchoolChanges(tx, schoolId);
    for (const t of roster.templates) await putEntity(tx, schoolId, "rosterTemplate", t.id, t, opts);
    for (const t of roster.timetables) await putEntity(tx, schoolId, "timetable", t.id, t, opts);
    for (const slot of roster.slots) {
      if (swapped.has(slot.id)) {
        const generated = { ...slot, staffIds: slot.history[0]?.staffIds ?? [], source: "generated" };
        await putEntity(
          tx,
          schoolId,
          "dutySlot",
          slot.id,
          { ...generated, history: slot.history.slice(0, 1) },
          opts,
        );
      }
      await putEntity(tx, schoolId, "dutySlot", slot.id, slot, opts);
    }
    for (const s of roster.swaps) await putEntity(tx, schoolId, "swap", s.id, s, { now, actorId: s.askedBy });
  });
  return roster;
}

/**
 * Writes the demo's rounds and hazards (and the few photos their steps point at) for a school
 * just created from `seed`. One transaction for the records, so they appear all at once. Given
 * the roster, the campus rounds are the rostered duty teachers'.
 */
export async function seedDemoActivity(
  store: Store,
  seed: SchoolSeed,
  now: Date,
  roster?: DemoRoster,
): Promise<{
  rounds: number;
  hazards: number;
  photos: number;
  records: Pick<DemoRecords, "rounds" | "hazards">;
}> {
  const schoolId = seed.school.id;
  const uploader = seed.staff.find((s) => s.roles.includes("admin")) ?? seed.staff[0];
  if (!uploader) throw new Error("demo activity: the school has no staff");
  const photos = await makeDemoPhotos();
  for (const photo of photos) {
    const { use: _use, ...blob } = photo;
    await storeBlobForSchool(store.driver, schoolId, uploader.id, blob, now);
  }
  const { rounds, hazards } = buildDemoActivity(seed, now, photoNames(photos), roster?.slots);
  await store.driver.transaction(async (tx) => {
    await lockSchoolChanges(tx, schoolId);
    for (const r of rounds) await putEntity(tx, schoolId, "round", r.id, r, { now, actorId: r.checkedBy });
    for (const h of hazards) await putEntity(tx, schoolId, "hazard", h.id, h, { now, actorId: h.reportedBy });
  });
  return {
    rounds: rounds.length,
    hazards: hazards.length,
    photos: photos.length,
    records: { rounds, hazards },
  };
}

/**
 * Writes the demo's boarders' records (demo-handovers.ts): three weeks of dismissal and bedtime
 * hand-overs, leave, and the alerts of the resolved incidents, in one transaction. Needs the
 * roster: the receivers are its slot holders (HO-2).
 */
export async function seedDemoHandovers(
  store: Store,
  seed: SchoolSeed,
  now: Date,
  roster: DemoRoster,
): Promise<{
  handovers: number;
  leaves: number;
  alerts: number;
  records: Pick<DemoRecords, "handovers" | "alerts">;
}> {
  const schoolId = seed.school.id;
  const { handovers, leaves, alerts } = buildDemoHandovers(seed, now, roster.slots);
  await store.driver.transaction(async (tx) => {
    await lockSchoolChanges(tx, schoolId);
    for (const l of leaves) await putEntity(tx, schoolId, "leave", l.id, l, { now, actorId: l.recordedBy });
    for (const a of alerts) await putEntity(tx, schoolId, "alert", a.id, a, { now, actorId: a.raisedBy });
    for (const h of handovers)
      await putEntity(tx, schoolId, "handover", h.id, h, {
        now,
        actorId: h.receive?.by ?? h.give?.by ?? null,
      });
  });
  return {
    handovers: handovers.length,
    leaves: leaves.length,
    alerts: alerts.length,
    records: { handovers, alerts },
  };
}

/**
 * Writes the demo's safety-education records, weekly class summaries, the reminder and the
 * month's commendations (demo-summaries.ts), drafted from the rounds, hazards and hand-overs
 * just written, in one transaction.
 */
export async function seedDemoSummaries(
  store: Store,
  seed: SchoolSeed,
  now: Date,
  records: DemoRecords,
): Promise<{ education: number; summaries: number; reminders: number; commendations: number }> {
  const schoolId = seed.school.id;
  const { education, summaries, reminders, commendations } = buildDemoSummaries(seed, now, records);
  await store.driver.transaction(async (tx) => {
    await lockSchoolChanges(tx, schoolId);
    for (const e of education)
      await putEntity(tx, schoolId, "education", e.id, e, { now, actorId: e.recordedBy });
    for (const s of summaries)
      await putEntity(tx, schoolId, "weeklySummary", s.id, s, { now, actorId: s.submittedBy ?? s.savedBy });
    for (const r of reminders)
      await putEntity(tx, schoolId, "summaryReminder", r.id, r, { now, actorId: r.sentBy });
    for (const c of commendations)
      await putEntity(tx, schoolId, "commendation", c.id, c, {
        now,
        actorId: c.commendedBy ?? c.guardiansBy,
      });
  });
  return {
    education: education.length,
    summaries: summaries.length,
    reminders: reminders.length,
    commendations: commendations.length,
  };
}

/**
 * Returns true when it created the demo school. Safe when several processes start at once.
 * `activity: false` leaves out the rounds and hazards and, unless `roster: true`, the duty
 * roster (an empty school, as a real one starts; the current term is set either way).
 */
export async function ensureDemoSchool(
  store: Store,
  now: Date,
  logger: Logger,
  opts: { activity?: boolean; roster?: boolean } = {},
): Promise<boolean> {
  if ((await store.countSchools()) > 0) return false;
  const seed = withDemoCalendar(buildDemoSchool(), now);
  try {
    await store.createSchool(await seedToNewSchool(seed), now);
  } catch (error) {
    // Another server process on the same database created it first.
    if (await store.findSchoolByCode(seed.school.code)) return false;
    throw error;
  }
  const withActivity = opts.activity !== false;
  const roster = (opts.roster ?? withActivity) ? await seedDemoRoster(store, seed, now) : undefined;
  const activity = withActivity ? await seedDemoActivity(store, seed, now, roster) : undefined;
  const boarders = withActivity && roster ? await seedDemoHandovers(store, seed, now, roster) : undefined;
  const summaries =
    activity && boarders
      ? await seedDemoSummaries(store, seed, now, { ...activity.records, ...boarders.records })
      : undefined;
  logger.info("demo school created", {
    code: seed.school.code,
    staff: seed.staff.length,
    pupils: seed.pupils.length,
    ...(roster ? { dutySlots: roster.slots.length, swaps: roster.swaps.length } : {}),
    ...(activity ? { rounds: activity.rounds, hazards: activity.hazards } : {}),
    ...(boarders ? { handovers: boarders.handovers, leaves: boarders.leaves, alerts: boarders.alerts } : {}),
    ...(summaries ?? {}),
  });
  return true;
}
