// Issue #7 §2 and §5 in the browser: on the demo school, the admin's /month shows every class
// ranked by the month's score — the same ranking the domain computes in this test from the
// server's records (month-model.ts classMonths, MS-1..4) — and the charts. Offline, the admin
// marks the top class 安全先进班级 with a citation, and that class's teacher, offline on
// another phone, names two safety guardians (安全小卫士). Back online both reach the server as
// one record (CM-1); the commendation list shows the class with its citation and guardians, and
// prints on A4. Screenshots at 360x740 go to test-results/month-*.png and commendation-*.png.
// Needs `npm run build` first (`npm test` does it).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  classMonths,
  monthOfParam,
  monthRanking,
  monthWeeksSoFar,
} from "../../src/client/features/month/month-model.ts";
import { sortClasses } from "../../src/client/features/summaries/summary-model.ts";
import { commendationId } from "../../src/domain/commendation.ts";
import { localDateOf } from "../../src/domain/school-calendar.ts";
import { effectiveSettings, type StoredSettings } from "../../src/domain/school-settings.ts";
import {
  type Change,
  openPath,
  pending,
  SYNC_TIMEOUT,
  screenshot,
  serverDevice,
  signIn,
  watchForProblems,
} from "../support/e2e-app.ts";
import type { Phone } from "../support/phone.ts";
import { startTestServer } from "../support/start-server.ts";

let server: { url: string; stop(): Promise<void> };
const phones: Phone[] = [];

type Row = Record<string, any>;
const of = (all: Map<string, Change>, type: string) =>
  [...all.values()].filter((c) => c.entityType === type).map((c) => c.data as Row);

/** The month's ranking as the domain computes it from what the server has now. */
function expectedRanking(all: Map<string, Change>, now: Date) {
  const school = of(all, "school")[0] as Row;
  const settings = effectiveSettings(school.settings as StoredSettings);
  const today = localDateOf(now, settings.timeZone);
  const month = monthOfParam(null, today);
  const weeks = monthWeeksSoFar(month, settings, today);
  const classes = sortClasses(of(all, "class") as never[]) as Row[];
  const months = classMonths({
    classes: classes as never[],
    weeks,
    records: {
      rounds: of(all, "round") as never[],
      hazards: of(all, "hazard") as never[],
      handovers: of(all, "handover") as never[],
      alerts: of(all, "alert") as never[],
      education: of(all, "education") as never[],
      pupils: of(all, "pupil") as never[],
    },
    summaries: of(all, "weeklySummary") as never[],
    areas: of(all, "area") as never[],
    rules: settings.scoreRules,
    now,
    today,
    calendar: settings,
    timeZone: settings.timeZone,
  });
  return { month, ranking: monthRanking(months) };
}

describe("the month's ranking and the commendation list", () => {
  beforeAll(async () => {
    server = await startTestServer();
  });

  afterAll(async () => {
    for (const phone of phones) await phone.close();
    await server?.stop();
  });

  it("ranks the classes as the rules say; a commended class and its guardians made offline reach the list", async () => {
    const device = await serverDevice(server.url, "admin");
    const all = await device.pullAll();
    const staff = of(all, "staff");

    // The admin's phone, online for the first sync, then offline.
    const admin = await signIn(server.url, "admin");
    phones.push(admin);
    const ap = admin.page;
    const adminProblems = watchForProblems(ap);
    await admin.context.setOffline(true);

    const { month, ranking } = expectedRanking(all, new Date());
    await openPath(ap, `/month?m=${month}`);
    await ap.getByTestId("month-ranking").waitFor();
    // Every class, in the domain's order, each with the domain's rank and total.
    const rows = ap.locator('[data-testid^="month-row-"]');
    await expect.poll(() => rows.count()).toBe(ranking.length);
    const shown = await rows.evaluateAll((els) =>
      els.map((el) => ({
        classId: (el.getAttribute("data-testid") ?? "").replace("month-row-", ""),
        rank: Number(el.getAttribute("data-rank")),
        total: Number(el.getAttribute("data-total")),
      })),
    );
    expect(shown).toEqual(
      ranking.map((r) => ({ classId: r.item.schoolClass.id, rank: r.rank, total: r.item.score.total })),
    );
    await ap.getByTestId("month-chart-hazards").waitFor();
    await ap.getByTestId("month-chart-rounds").waitFor();
    await screenshot(ap, "month-ranking.png");
    await screenshot(ap, "month-charts.png", ap.getByTestId("month-chart-hazards"));

    // The admin marks the top class commended, with a citation, offline.
    const top = ranking[0]?.item.schoolClass as Row;
    const citation = "全月巡查无漏查，隐患当日整改。";
    const commend = ap.getByTestId(`month-commend-${top.id}`);
    await commend.getByTestId("month-commend-open").click();
    await commend.getByTestId("month-commend-citation").fill(citation);
    await commend.getByTestId("month-commend-save").click();
    await expect.poll(() => pending(ap)).toBeGreaterThan(0);

    // The top class's teacher, offline on their own phone, names two of its pupils.
    const teacher = staff.find((s) => s.id === top.classTeacherId) as Row;
    expect(teacher, "the top class has a class teacher").toBeDefined();
    const tphone = await signIn(server.url, teacher.login);
    phones.push(tphone);
    const tp = tphone.page;
    const teacherProblems = watchForProblems(tp);
    await tphone.context.setOffline(true);
    const pupils = of(all, "pupil")
      .filter((p) => p.classId === top.id)
      .sort((a, b) => String(a.studentNo).localeCompare(String(b.studentNo)));
    const chosen = pupils.slice(0, 2);
    await openPath(tp, `/commendation?m=${month}`);
    const editor = tp.getByTestId("guardian-editor");
    await editor.waitFor();
    for (const p of chosen) await tp.getByTestId(`guardian-pupil-${p.id}`).check();
    await tp.getByTestId("guardian-save").click();
    await expect.poll(() => pending(tp)).toBeGreaterThan(0);
    await screenshot(tp, "commendation-guardians.png", editor);

    // Both online: one record with the admin's mark and the teacher's names (CM-1).
    await admin.context.setOffline(false);
    await tphone.context.setOffline(false);
    await expect.poll(() => pending(ap), SYNC_TIMEOUT).toBe(0);
    await expect.poll(() => pending(tp), SYNC_TIMEOUT).toBe(0);
    const id = commendationId(month, top.id);
    const record = await device.find("commendation", (d) => d.id === id);
    expect(record).toMatchObject({
      commended: true,
      citation,
      commendedBy: device.userId,
      guardianIds: chosen.map((p) => p.id),
      guardiansBy: teacher.id,
    });

    // The admin's commendation list: the class with its citation, and its guardians by name.
    await openPath(ap, `/commendation?m=${month}`);
    const commended = ap.getByTestId("commendation-commended");
    await expect.poll(() => commended.textContent(), SYNC_TIMEOUT).toContain(citation);
    const guardians = ap.getByTestId(`commendation-class-${top.id}`);
    await expect.poll(() => guardians.textContent(), SYNC_TIMEOUT).toContain(chosen[0]?.name);
    expect(await guardians.textContent()).toContain(chosen[1]?.name);
    await screenshot(ap, "commendation-list.png");
    await ap.getByTestId("commendation-print").click();
    await ap.getByTestId("commendation-print-view").waitFor();
    await screenshot(ap, "commendation-print.png");

    expect(adminProblems).toEqual([]);
    expect(teacherProblems).toEqual([]);
  }, 240_000);
});
