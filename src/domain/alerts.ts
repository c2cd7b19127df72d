// Urgent alerts as facts (issue #14 §2): an alert (protocol/sync.ts AlertEntity) carries what
// happened as data — which pupil, class or room, which counts, who — and every phone words it
// in its reader's language when it shows it. The stored `message` is the same facts worded in
// plain Chinese, for readers that predate facts. Also who an alert names as on duty. No clock
// and no storage inside: the instant and the school's records are arguments.
//
// Rules (tests in alerts.test.ts cite them):
//   AL-1 an alert is worded from its facts in ONE language, the reader's (中文 or English),
//        never both in one string.
//   AL-2 names and labels come from the reader's copy of the school's records when it has them
//        (a class reads "Grade 3 · Class 1" in English; a pupil renamed since reads as now),
//        else from the facts as written when the alert was raised. What people typed (a
//        hazard's description, a bed, a room's name) is shown as typed.
//   AL-3 the stored message is the facts worded in Chinese (AL-1 in zh), at most 500
//        characters.
//   AL-4 an alert without facts (raised before them) shows its message; of an old bilingual
//        message ("中文 / English") only the Chinese is kept.
//   AL-5 a disputed hand-over's alert says both counts and names the pupils the receiver marks
//        missing, or says the receiver checked the count only.
//   AL-6 an alert names who is on duty at the instant it is recorded (responsible.ts): first
//        the holders of its own class or dorm room (the evening duty teacher in the evening
//        slot, the room's caretaker at night, the class's teachers in class time), then for a
//        disputed hand-over whom the roster names to receive it (HO-2), then whoever holds the
//        campus; each person once, in that order.
//
// No imports on purpose: the urgent banner words alerts in the first screen's JavaScript. AL-6
// (who is on duty) lives in alert-duty.ts with the roster rules it needs.

export type AlertLang = "zh" | "en";

/** The class or dorm room an alert is about, as a roll call names it. */
export type AlertGroup = { kind: "class"; classId: string } | { kind: "room"; roomId: string };

export interface AlertPerson {
  id: string;
  name: string;
}

export interface UnaccountedFacts {
  kind: "unaccounted_pupil";
  pupilId: string;
  pupilName: string;
  /** The class (dismissal) or room (bedtime, bed check) whose roll call marked the pupil. */
  group: AlertGroup;
  /** The group as the school names it, in Chinese ("三年级1班", "宿舍楼 男生1室"). */
  groupLabel: string;
  bed?: string | undefined;
  raisedByName: string;
}

/** An unaccounted pupil's facts, as the phone and the server both make them (AL-2, AL-3). */
export function unaccountedFactsOf(
  pupilId: string,
  pupil: { name: string; bed: string | null } | undefined,
  group: AlertGroup,
  groupLabel: string,
  raisedByName: string,
): UnaccountedFacts {
  return {
    kind: "unaccounted_pupil",
    pupilId,
    pupilName: pupil?.name ?? pupilId,
    group,
    groupLabel,
    ...(pupil?.bed ? { bed: pupil.bed } : {}),
    raisedByName,
  };
}

export interface CriticalHazardFacts {
  kind: "critical_hazard";
  hazardId: string;
  areaId: string;
  areaName: string;
  place: string;
  description: string;
  raisedByName: string;
}

export interface DisputedFacts {
  kind: "handover_disputed";
  handoverId: string;
  date: string;
  handoverKind: "dismissal" | "bedtime";
  group: AlertGroup;
  groupLabel: string;
  given: number;
  received: number;
  /** AL-5: the pupils the receiver marks missing (empty: the count only). */
  missing: { pupilId: string; name: string }[];
  giver?: AlertPerson | undefined;
  receiver?: AlertPerson | undefined;
}

export type AlertFacts = UnaccountedFacts | CriticalHazardFacts | DisputedFacts;
export type AlertKind = AlertFacts["kind"];

/** AL-2: what the reader's phone knows now; each answers undefined when it does not. */
export interface AlertRecords {
  pupilName?(pupilId: string): string | undefined;
  staffName?(staffId: string): string | undefined;
  /** The class or room in the reader's language (a class through its classLabel). */
  groupLabel?(group: AlertGroup): string | undefined;
  areaName?(areaId: string): string | undefined;
}

export interface AlertWords {
  /** What and who, for the one-line banner: "下落不明：王小明". */
  title: string;
  /** Where: the class or room and bed; the hazard's place; the hand-over and its date. */
  where: string;
  /** Further lines, most important first. */
  lines: string[];
}

type Words = { zh: string; en: string };
const W = {
  unaccounted: { zh: "下落不明：{name}", en: "Unaccounted: {name}" },
  markedBy: { zh: "{name} 点名时标记", en: "Marked at the roll call by {name}" },
  critical: { zh: "重大隐患：{area}", en: "Critical hazard: {area}" },
  reportedBy: { zh: "{name} 上报", en: "Reported by {name}" },
  disputed: { zh: "交接人数不符：{group}", en: "Counts differ: {group}" },
  disputedWhen: { zh: "{date} {kind}", en: "{kind}, {date}" },
  counts: { zh: "交出 {given} 人，接收 {received} 人", en: "Given {given}, received {received}" },
  missing: { zh: "接收方标记缺少：{names}", en: "Missing per the receiver: {names}" },
  countOnly: { zh: "接收方只核对了人数，未标记缺少谁", en: "The receiver checked the count only" },
  giver: { zh: "交出：{name}", en: "Given by {name}" },
  receiver: { zh: "接收：{name}", en: "received by {name}" },
  receiverFirst: { zh: "接收：{name}", en: "Received by {name}" },
} satisfies Record<string, Words>;

/** The hand-over kinds as handover.ts HANDOVER_LABELS names them (a test keeps them equal). */
export const HANDOVER_KIND_WORDS: Record<DisputedFacts["handoverKind"], Words> = {
  dismissal: { zh: "放学交接", en: "Dismissal hand-over" },
  bedtime: { zh: "就寝交接", en: "Bedtime hand-over" },
};

const MONTHS_EN = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function say(words: Words, lang: AlertLang, params: Record<string, string | number>): string {
  let out = words[lang];
  for (const [key, value] of Object.entries(params)) out = out.replaceAll(`{${key}}`, String(value));
  return out;
}

/** "11月30日" / "Nov 30" of a YYYY-MM-DD date (anything else as it is). */
function dateText(date: string, lang: AlertLang): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!m) return date;
  const month = Number(m[2]);
  const day = Number(m[3]);
  return lang === "zh" ? `${month}月${day}日` : `${MONTHS_EN[month - 1] ?? month} ${day}`;
}

const listJoin = (names: readonly string[], lang: AlertLang) => names.join(lang === "zh" ? "、" : ", ");

/** AL-1, AL-2, AL-5: an alert's facts in one language. */
export function alertWords(facts: AlertFacts, lang: AlertLang, records: AlertRecords = {}): AlertWords {
  const staff = (p: AlertPerson) => records.staffName?.(p.id) || p.name;
  const pupil = (id: string, name: string) => records.pupilName?.(id) || name;
  switch (facts.kind) {
    case "unaccounted_pupil": {
      const group = records.groupLabel?.(facts.group) || facts.groupLabel;
      return {
        title: say(W.unaccounted, lang, { name: pupil(facts.pupilId, facts.pupilName) }),
        where: [group, facts.bed].filter((s) => s?.trim()).join(" · "),
        lines: facts.raisedByName ? [say(W.markedBy, lang, { name: facts.raisedByName })] : [],
      };
    }
    case "critical_hazard": {
      const area = records.areaName?.(facts.areaId) || facts.areaName;
      // A round's hazard names the area itself as its place: say it once.
      const place = facts.place.trim() === area ? "" : facts.place.trim();
      return {
        title: say(W.critical, lang, { area: area || place }),
        where: area ? place : "",
        lines: [
          facts.description,
          ...(facts.raisedByName ? [say(W.reportedBy, lang, { name: facts.raisedByName })] : []),
        ].filter((s) => s.trim().length > 0),
      };
    }
    case "handover_disputed": {
      const group = records.groupLabel?.(facts.group) || facts.groupLabel;
      const missing = facts.missing.map((m) => pupil(m.pupilId, m.name));
      const people = [
        facts.giver ? say(W.giver, lang, { name: staff(facts.giver) }) : "",
        facts.receiver
          ? say(facts.giver ? W.receiver : W.receiverFirst, lang, { name: staff(facts.receiver) })
          : "",
      ].filter(Boolean);
      return {
        title: say(W.disputed, lang, { group }),
        where: say(W.disputedWhen, lang, {
          date: dateText(facts.date, lang),
          kind: HANDOVER_KIND_WORDS[facts.handoverKind][lang],
        }),
        lines: [
          say(W.counts, lang, { given: facts.given, received: facts.received }),
          missing.length > 0
            ? say(W.missing, lang, { names: listJoin(missing, lang) })
            : say(W.countOnly, lang, {}),
          ...(people.length > 0 ? [people.join(" · ")] : []),
        ],
      };
    }
  }
}

/**
 * AL-4: an old message without facts, shown as it is — except the English that older versions
 * wrote after " / " ("交接人数不符 / Hand-over counts differ: … 交出 5 人 / given 5"): of each
 * later part, what follows its English label; parts without Chinese are dropped.
 */
export function legacyAlertMessage(message: string): string {
  const han = /\p{Script=Han}/u;
  const parts = message
    .split(" / ")
    .map((part, i) =>
      (i > 0 ? part.replace(/^[^\p{Script=Han}]*?: |^[A-Za-z ]+(?=\p{Script=Han})/u, "") : part).trim(),
    )
    .filter((part) => han.test(part));
  if (parts.length < 2) return parts[0] ?? message.trim();
  return `${parts[0]}：${parts.slice(1).join(" ")}`;
}
