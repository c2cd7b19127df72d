// The month picker of the month's pages (/month, /month-class, /commendation): this month and
// the eleven before it, newest first; a month older than that, opened by a link, stays choosable.
import type { LocalDate } from "../../../domain/school-calendar.ts";
import { getLang } from "../../ui/i18n.ts";
import { monthChoices, recentMonths } from "./month-model.ts";
import { mm } from "./month-text.ts";
import { monthLong } from "./month-view.ts";

export function MonthPicker({
  id,
  month,
  today,
  onMonth,
  testId,
}: {
  id: string;
  month: string;
  today: LocalDate;
  onMonth: (month: string) => void;
  testId?: string;
}) {
  const months = recentMonths(today);
  const choices = monthChoices(months, month);
  const lang = getLang();
  return (
    <div className="field">
      <label htmlFor={id}>{mm("month")}</label>
      <select
        id={id}
        name="month"
        className="input"
        value={month}
        data-testid={testId}
        onChange={(event) => onMonth(event.target.value)}
      >
        {choices.map((m) => (
          <option key={m} value={m}>
            {monthLong(m, lang)}
            {m === months[0] ? mm("thisMonth") : ""}
          </option>
        ))}
      </select>
    </div>
  );
}
