// The message stored with an alert's facts (alerts.ts AL-3): the Chinese wording on one line,
// for readers that predate facts; and the school's Chinese names of a class and a room, which
// facts keep as groupLabel. Used where alerts are raised (the server, the phone's edits).
import { type AlertFacts, alertWords } from "./alerts.ts";

const GRADES_ZH = ["一", "二", "三", "四", "五", "六"];

/** "三年级1班": a class as the school names it, the label facts keep (groupLabel). */
export function classLabelZh(schoolClass: { grade: number; name: string }): string {
  return `${GRADES_ZH[schoolClass.grade - 1] ?? schoolClass.grade}年级${schoolClass.name}`;
}

/** "宿舍楼 男生1室": a dorm room as the school names it. */
export function roomLabel(room: { building: string; name: string }): string {
  return `${room.building} ${room.name}`;
}

/** AL-3: the Chinese wording on one line, at most 500 characters. */
export function alertMessage(facts: AlertFacts): string {
  const w = alertWords(facts, "zh");
  const where = w.where ? `（${w.where}）` : "";
  return [`${w.title}${where}`, ...w.lines].join("；").slice(0, 500);
}
