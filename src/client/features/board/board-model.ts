// The board's grid, as data: for each round of one day, every area with its status (RD-3:
// done, late, due, upcoming, missed; none required on a non-school day), grouped by kind
// (教室 / 校园 / 周边) with how many are checked. Pure: areas, the day's round records, the
// settings and the current time are arguments, so it is tested without a browser and the page
// only draws it.
import { AREA_KINDS, type AreaKind } from "../../../domain/area-kinds.ts";
import {
  ROUND_KINDS,
  type RoundKind,
  type RoundSettings,
  type RoundStatus,
  roundForRecording,
  roundStatusOf,
  roundWindowOn,
  type TimedRound,
} from "../../../domain/rounds.ts";
import { type LocalDate, localDateOf } from "../../../domain/school-calendar.ts";

export interface BoardArea {
  id: string;
  name: string;
  kind: AreaKind;
  classId: string | null;
}

export interface BoardRecord extends TimedRound {
  areaId: string;
  round: RoundKind;
  /** When the person checked (phone clock, ISO). */
  checkedAt: string;
  checkedBy: string;
}

export interface BoardCell {
  areaId: string;
  name: string;
  shortName: string;
  status: RoundStatus;
  /** The people who recorded it (two checks both count, RD-3). */
  checkedBy: string[];
}

export interface BoardGroup {
  kind: AreaKind;
  cells: BoardCell[];
  /** Done or late. */
  checked: number;
  total: number;
}

export interface BoardRound {
  round: RoundKind;
  start: Date;
  end: Date;
  groups: BoardGroup[];
  checked: number;
  total: number;
  counts: Record<RoundStatus, number>;
}

const GRADES_ZH = ["一", "二", "三", "四", "五", "六"];

/**
 * A name short enough for a cell: a classroom as its class (一(1)班 / 1-1), other areas as
 * named without a trailing 教室.
 */
export function shortAreaName(
  area: BoardArea,
  classOf: (classId: string) => { grade: number; name: string } | undefined,
  lang: "zh" | "en",
): string {
  const cls = area.kind === "classroom" && area.classId ? classOf(area.classId) : undefined;
  if (cls) {
    const number = /^(\d+)\s*班?$/.exec(cls.name.trim())?.[1];
    if (lang === "en") return number ? `${cls.grade}-${number}` : `G${cls.grade} ${cls.name}`;
    const grade = GRADES_ZH[cls.grade - 1] ?? String(cls.grade);
    return number ? `${grade}(${number})班` : `${grade}${cls.name}`;
  }
  return area.name.replace(/教室$/, "") || area.name;
}

function compareAreas(classOf: (id: string) => { grade: number; name: string } | undefined) {
  const collator = new Intl.Collator("zh-CN", { numeric: true });
  // One total order: classrooms with a class first, by grade then class; the rest by name.
  return (a: BoardArea, b: BoardArea): number => {
    const ca = a.classId ? classOf(a.classId) : undefined;
    const cb = b.classId ? classOf(b.classId) : undefined;
    if (ca && !cb) return -1;
    if (!ca && cb) return 1;
    if (ca && cb)
      return ca.grade - cb.grade || collator.compare(ca.name, cb.name) || collator.compare(a.name, b.name);
    return collator.compare(a.name, b.name);
  };
}

const emptyCounts = (): Record<RoundStatus, number> => ({
  done: 0,
  late: 0,
  due: 0,
  upcoming: 0,
  missed: 0,
  not_required: 0,
});

export function buildBoard(input: {
  areas: readonly BoardArea[];
  records: readonly BoardRecord[];
  classOf: (classId: string) => { grade: number; name: string } | undefined;
  settings: RoundSettings;
  date: LocalDate;
  now: Date;
  lang: "zh" | "en";
}): BoardRound[] {
  const { settings, date, now, classOf } = input;
  // areaId → round → records (only the ones of this date; the caller read this date).
  const byArea = new Map<string, Map<RoundKind, BoardRecord[]>>();
  for (const record of input.records) {
    let rounds = byArea.get(record.areaId);
    if (!rounds) {
      rounds = new Map();
      byArea.set(record.areaId, rounds);
    }
    const list = rounds.get(record.round) ?? [];
    list.push(record);
    rounds.set(record.round, list);
  }
  const sorted = [...input.areas].sort(compareAreas(classOf));
  return ROUND_KINDS.map((round) => {
    const window = roundWindowOn(settings, date, round);
    const counts = emptyCounts();
    const groups: BoardGroup[] = [];
    for (const kind of AREA_KINDS) {
      const cells: BoardCell[] = [];
      for (const area of sorted) {
        if (area.kind !== kind) continue;
        const records = byArea.get(area.id)?.get(round) ?? [];
        // RD-6: an early record does not make the cell done unless the school counts them.
        const status = roundStatusOf(settings, date, round, records, now);
        counts[status]++;
        cells.push({
          areaId: area.id,
          name: area.name,
          shortName: shortAreaName(area, classOf, input.lang),
          status,
          checkedBy: [...new Set(records.map((r) => r.checkedBy))],
        });
      }
      if (cells.length === 0) continue;
      const checked = cells.filter((c) => c.status === "done" || c.status === "late").length;
      groups.push({ kind, cells, checked, total: cells.length });
    }
    const checked = counts.done + counts.late;
    const total = groups.reduce((n, g) => n + g.total, 0);
    return { round, start: window.start, end: window.end, groups, checked, total, counts };
  });
}

/** The round to open the board on: the one running (or last begun) today, else the morning. */
export function initialRound(settings: RoundSettings, date: LocalDate, now: Date): RoundKind {
  if (localDateOf(now, settings.timeZone) !== date) return "morning";
  return roundForRecording(settings, now).round;
}
