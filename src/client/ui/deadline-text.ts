// How a hazard's deadline reads (隐患整改不过夜): "今天 20:30前", "明天 08:00前" in the school's
// time zone, "还剩约 2 小时" without one, or "已超期约 1 小时". Shared by the home page, the report
// page, the hazard rows and the board.
import { addDays, localDateOf } from "../../domain/school-calendar.ts";
import { defineMessages, formatClock, formatDuration, getLang } from "./i18n.ts";

const dt = defineMessages({
  today: { zh: "今天 {time}前", en: "by {time} today" },
  tomorrow: { zh: "明天 {time}前", en: "by {time} tomorrow" },
  onDate: { zh: "{date} {time}前", en: "by {date}, {time}" },
  left: { zh: "还剩{duration}", en: "{duration} left" },
  overdue: { zh: "已超期{duration}", en: "overdue by {duration}" },
  deadline: { zh: "整改期限：{when}", en: "Fix {when}" },
});

export interface DeadlineState {
  isOverdue: boolean;
  /** Milliseconds until the deadline; negative once it has passed. */
  msLeft: number;
}

export function deadlineState(deadline: string | Date, now: Date): DeadlineState {
  const msLeft = new Date(deadline).getTime() - now.getTime();
  return { isOverdue: msLeft <= 0, msLeft };
}

export function isOverdue(deadline: string | Date, now: Date): boolean {
  return deadlineState(deadline, now).isOverdue;
}

/**
 * When a hazard must be fixed by: with the school's time zone the day and time ("今天 20:30前"),
 * without it the time left ("还剩约 2 小时"); once passed, how long it has been overdue.
 */
export function deadlineText(deadline: string | Date, now: Date, timeZone?: string): string {
  const due = new Date(deadline);
  const { isOverdue, msLeft } = deadlineState(due, now);
  if (isOverdue) return dt("overdue", { duration: formatDuration(-msLeft) });
  if (!timeZone) return dt("left", { duration: formatDuration(msLeft) });
  const time = formatClock(due, timeZone);
  const day = localDateOf(due, timeZone);
  const today = localDateOf(now, timeZone);
  if (day === today) return dt("today", { time });
  if (day === addDays(today, 1)) return dt("tomorrow", { time });
  const [, m, d] = day.split("-").map(Number);
  const date = getLang() === "zh" ? `${m}月${d}日` : `${m}/${d}`;
  return dt("onDate", { date, time });
}

/** "整改期限：今天 20:30前" / "Fix by 20:30 today". */
export function deadlineLine(deadline: string | Date, now: Date, timeZone: string): string {
  return dt("deadline", { when: deadlineText(deadline, now, timeZone) });
}
