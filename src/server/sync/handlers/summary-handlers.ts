// Server handlers of the weekly class summary (班级每周上报小结), the admin's reminder, and the
// safety-education records (六个一) — SPEC §4, §5. The rules are the domain's
// (weekly-summary.ts WS-1..3, safety-education.ts ED-1..4): this file checks who may, reads the
// server's own records (the class, the school's terms), asks the domain and writes the result.
// The numbers of a summary come from the phone (draftNumbers() over what it holds) and are kept
// as the class teacher saw them: a submitted summary is the snapshot the teacher signed.
import {
  type Commendation,
  commendationId,
  guardianProblems,
  markCommended,
  monthProblem,
  nameGuardians,
} from "../../../domain/commendation.ts";
import type { Role } from "../../../domain/roles.ts";
import { type EducationRecord, validateEducationRecord } from "../../../domain/safety-education.ts";
import { type LocalDate, localDateOf } from "../../../domain/school-calendar.ts";
import {
  addAddendum,
  mondayOf,
  type SummaryStepOutcome,
  saveDraft,
  submitSummary,
  type WeeklySummary,
} from "../../../domain/weekly-summary.ts";
import type { MutationArgs, MutationType } from "../../../protocol/mutations.ts";
import type { Pupil, SchoolClass } from "../../../protocol/reference.ts";
import type { SummaryInput, SummaryReminder } from "../../../protocol/summary.ts";
import { getEntitiesByIds, getEntity, putEntity } from "../../storage/entities.ts";
import {
  applied,
  classLabel,
  effectiveTime,
  type Handler,
  type HandlerContext,
  type HandlerOutcome,
  isAdmin,
  liveRecord,
  rejected,
  schoolSettings,
  writeOpts,
} from "./handler.ts";

type SummaryType = Extract<
  MutationType,
  | "summary.save"
  | "summary.submit"
  | "summary.addendum"
  | "summary.remind"
  | "education.record"
  | "commendation.mark"
  | "commendation.guardians"
>;

const liveClass = (ctx: HandlerContext, classId: string) => liveRecord<SchoolClass>(ctx, "class", classId);

const noClass = (field: string, classId: string) =>
  rejected("not_found", `${field}: 班级 ${classId} 不存在 / class ${classId} does not exist in this school`);

/** WS-2: a class's summary (and its weekly lesson) is its class teacher's business, or an admin's. */
function classTeacherProblem(
  ctx: HandlerContext,
  schoolClass: SchoolClass,
  verb: { zh: string; en: string },
): HandlerOutcome | undefined {
  if (isAdmin(ctx) || schoolClass.classTeacherId === ctx.actor.id) return undefined;
  const label = classLabel(schoolClass);
  return rejected(
    "forbidden",
    `只有${label}的班主任或管理员可以${verb.zh} / only the class teacher of ${label} or an admin may ${verb.en}`,
  );
}

/** The school's date today, by the server's clock in the school's time zone. */
async function schoolToday(ctx: HandlerContext): Promise<LocalDate> {
  const settings = await schoolSettings(ctx);
  return localDateOf(ctx.now, settings.timeZone);
}

/** The Monday of the school's current week. */
async function thisMonday(ctx: HandlerContext): Promise<LocalDate> {
  return mondayOf(await schoolToday(ctx));
}

// ── summary.save / summary.submit ───────────────────────────────────────────────────────

type Step = (
  current: WeeklySummary | undefined,
  input: SummaryInput,
  by: string,
  at: string,
) => SummaryStepOutcome;

function saveOrSubmit(step: Step, verb: { zh: string; en: string }): Handler<{ summary: SummaryInput }> {
  return async (ctx, { summary: input }) => {
    const schoolClass = await liveClass(ctx, input.classId);
    if (!schoolClass) return noClass("summary.classId", input.classId);
    const forbidden = classTeacherProblem(ctx, schoolClass, verb);
    if (forbidden) return forbidden;
    // A week that has not begun has nothing to sum up yet (a phone's wrong date, or a slip).
    const monday = await thisMonday(ctx);
    if (input.weekStart > monday)
      return rejected(
        "rule_violation",
        `summary.weekStart: ${input.weekStart} 这一周还没开始，不能写小结（本周从 ${monday} 开始） / the week of ${input.weekStart} has not begun; this week starts on ${monday}`,
      );
    // The numbers are the week's; numbers of another week under this id would mislead the reader.
    if (input.numbers.weekStart !== input.weekStart)
      return rejected(
        "rule_violation",
        `summary.numbers.weekStart: 数据是 ${input.numbers.weekStart} 这一周的，不是 ${input.weekStart} / the numbers are of the week of ${input.numbers.weekStart}, not ${input.weekStart}`,
      );

    const row = await getEntity<WeeklySummary>(ctx.tx, ctx.schoolId, "weeklySummary", input.id);
    const current = row && !row.isDeleted ? row.data : undefined;
    const outcome = step(current, input, ctx.actor.id, effectiveTime(ctx).toISOString());
    if (outcome.outcome === "refused")
      // WS-2: already submitted — the phone gets the summary as it was signed.
      return {
        status: "conflict",
        message: outcome.message,
        serverState: row ? { version: row.version, data: row.data } : null,
      };
    const { serverSeq } = await putEntity(
      ctx.tx,
      ctx.schoolId,
      "weeklySummary",
      input.id,
      outcome.summary,
      writeOpts(ctx),
    );
    return applied(serverSeq);
  };
}

const save = saveOrSubmit(saveDraft, { zh: "保存本班每周小结", en: "save its weekly summary" });
const submit = saveOrSubmit(submitSummary, { zh: "提交本班每周小结", en: "submit its weekly summary" });

// ── summary.addendum ────────────────────────────────────────────────────────────────────

/** WS-2: an addendum follows a submission; the same people as the summary itself. */
const addendum: Handler<MutationArgs<"summary.addendum">> = async (ctx, { summaryId, text }) => {
  // The id is weekStart|classId (weeklySummaryId), so the class is known even before any save.
  const [weekStart, classId] = summaryId.split("|");
  if (!weekStart || !classId)
    return rejected("invalid_args", `summaryId: must be weekStart|classId, got "${summaryId}"`);
  const schoolClass = await liveClass(ctx, classId);
  if (!schoolClass) return noClass("summaryId", classId);
  const forbidden = classTeacherProblem(ctx, schoolClass, {
    zh: "补充本班每周小结",
    en: "add to its weekly summary",
  });
  if (forbidden) return forbidden;
  const row = await getEntity<WeeklySummary>(ctx.tx, ctx.schoolId, "weeklySummary", summaryId);
  const current = row && !row.isDeleted ? row.data : undefined;
  const outcome = addAddendum(current, text, ctx.actor.id, effectiveTime(ctx).toISOString());
  if (outcome.outcome === "refused") return rejected("rule_violation", outcome.message);
  const { serverSeq } = await putEntity(
    ctx.tx,
    ctx.schoolId,
    "weeklySummary",
    summaryId,
    outcome.summary,
    writeOpts(ctx),
  );
  return applied(serverSeq);
};

// ── summary.remind ──────────────────────────────────────────────────────────────────────

/** WS-3: the admin reminds the class teachers who have not submitted (the registry: admin only). */
const remind: Handler<MutationArgs<"summary.remind">> = async (ctx, { reminder: input }) => {
  const classIds = [...new Set(input.classIds)];
  const rows = await getEntitiesByIds<SchoolClass>(ctx.tx, ctx.schoolId, "class", classIds);
  const missing = classIds.filter((id) => {
    const row = rows.get(id);
    return !row || row.isDeleted;
  });
  if (missing.length > 0)
    return rejected(
      "not_found",
      `reminder.classIds: 班级 ${missing.join("、")} 不存在 / no such class in this school: ${missing.join(", ")}`,
    );
  // Append-only: a reminder once sent is not rewritten (a retry is answered from the stored verdict).
  if (await getEntity(ctx.tx, ctx.schoolId, "summaryReminder", input.id))
    return rejected(
      "rule_violation",
      `reminder.id: 提醒 ${input.id} 已发出 / reminder ${input.id} was already sent; send a new one`,
    );
  const reminder: SummaryReminder = {
    ...input,
    classIds,
    sentBy: ctx.actor.id,
    sentAt: effectiveTime(ctx).toISOString(),
  };
  const { serverSeq } = await putEntity(
    ctx.tx,
    ctx.schoolId,
    "summaryReminder",
    reminder.id,
    reminder,
    writeOpts(ctx),
  );
  return applied(serverSeq);
};

// ── education.record ────────────────────────────────────────────────────────────────────

/** Who records the school-wide duties (lectures, the drill, themes, bulletins): the leadership. */
const SCHOOL_WIDE_RECORDERS: readonly Role[] = ["admin", "principal", "department_head", "grade_leader"];

/** ED-1..4: one activity held. Append-only; photos are referenced by name like a hazard's. */
const recordEducation: Handler<MutationArgs<"education.record">> = async (ctx, { record: input }) => {
  if (input.kind === "weeklyLesson" && input.classId) {
    const schoolClass = await liveClass(ctx, input.classId);
    if (!schoolClass) return noClass("record.classId", input.classId);
    const forbidden = classTeacherProblem(ctx, schoolClass, {
      zh: "登记本班每周安全课",
      en: "record its weekly safety lesson",
    });
    if (forbidden) return forbidden;
  } else if (input.kind !== "weeklyLesson" && !SCHOOL_WIDE_RECORDERS.some((r) => ctx.actor.roles.includes(r)))
    return rejected(
      "forbidden",
      "全校安全教育活动由管理员、校长、部门负责人或年级组长登记 / school-wide safety education is recorded by an admin, the principal, a department head or a grade leader",
    );
  // ED-4 (a weekly lesson without a class lands here too: the problem names the field).
  const settings = await schoolSettings(ctx);
  const problems = validateEducationRecord(input, settings.terms);
  if (problems.length > 0)
    return rejected("rule_violation", problems.map((p) => `record.${p.field}: ${p.zh} / ${p.en}`).join("\n"));
  if (await getEntity(ctx.tx, ctx.schoolId, "education", input.id))
    return rejected(
      "rule_violation",
      `record.id: 记录 ${input.id} 已登记 / record ${input.id} is already recorded; record a new one`,
    );
  const record: EducationRecord = {
    ...input,
    recordedBy: ctx.actor.id,
    recordedAt: effectiveTime(ctx).toISOString(),
  };
  const { serverSeq } = await putEntity(ctx.tx, ctx.schoolId, "education", record.id, record, writeOpts(ctx));
  return applied(serverSeq);
};

// ── commendation.mark / commendation.guardians ─────────────────────────────────────────

/** CM-1, CM-2: the class exists and the month has begun; then the record as it stands. */
async function commendationOf(
  ctx: HandlerContext,
  month: string,
  classId: string,
  field: string,
): Promise<{ problem: HandlerOutcome } | { schoolClass: SchoolClass; current: Commendation | undefined }> {
  const problem = monthProblem(month, (await schoolToday(ctx)).slice(0, 7));
  if (problem)
    return { problem: rejected("rule_violation", `${field}.month: ${problem.zh} / ${problem.en}`) };
  const schoolClass = await liveClass(ctx, classId);
  if (!schoolClass) return { problem: noClass(`${field}.classId`, classId) };
  const row = await getEntity<Commendation>(
    ctx.tx,
    ctx.schoolId,
    "commendation",
    commendationId(month, classId),
  );
  return { schoolClass, current: row && !row.isDeleted ? row.data : undefined };
}

async function putCommendation(ctx: HandlerContext, record: Commendation): Promise<HandlerOutcome> {
  const { serverSeq } = await putEntity(
    ctx.tx,
    ctx.schoolId,
    "commendation",
    record.id,
    record,
    writeOpts(ctx),
  );
  return applied(serverSeq);
}

/** CM-3: the admin's mark (the registry: admin only); the last to arrive stands. */
const commend: Handler<MutationArgs<"commendation.mark">> = async (ctx, { mark }) => {
  const found = await commendationOf(ctx, mark.month, mark.classId, "mark");
  if ("problem" in found) return found.problem;
  return putCommendation(
    ctx,
    markCommended(found.current, mark, ctx.actor.id, effectiveTime(ctx).toISOString()),
  );
};

/** CM-4: the class teacher of the class (or an admin) names pupils of that class. */
const guardians: Handler<MutationArgs<"commendation.guardians">> = async (ctx, { guardians: input }) => {
  const found = await commendationOf(ctx, input.month, input.classId, "guardians");
  if ("problem" in found) return found.problem;
  const forbidden = classTeacherProblem(ctx, found.schoolClass, {
    zh: "评选本班安全小卫士",
    en: "name its safety guardians",
  });
  if (forbidden) return forbidden;
  const rows = await getEntitiesByIds<Pupil>(ctx.tx, ctx.schoolId, "pupil", input.pupilIds);
  const pupils = new Map([...rows].flatMap(([id, row]) => (row.isDeleted ? [] : [[id, row.data] as const])));
  const problems = guardianProblems(input.pupilIds, input.classId, pupils);
  if (problems.length > 0)
    return rejected(
      "rule_violation",
      problems.map((p) => `guardians.${p.field}: ${p.zh} / ${p.en}`).join("\n"),
    );
  return putCommendation(
    ctx,
    nameGuardians(found.current, input, ctx.actor.id, effectiveTime(ctx).toISOString()),
  );
};

export const SUMMARY_HANDLERS: { [T in SummaryType]: Handler<MutationArgs<T>> } = {
  "summary.save": save,
  "summary.submit": submit,
  "summary.addendum": addendum,
  "summary.remind": remind,
  "education.record": recordEducation,
  "commendation.mark": commend,
  "commendation.guardians": guardians,
};
