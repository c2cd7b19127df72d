// Pieces the duty pages and the home card share: the people of a slot with their role words and
// a big call button (tel:), the duty's name, how fresh the roster on this phone is.
import { format } from "date-fns";
import { enUS, zhCN } from "date-fns/locale";
import type { DutyKind, DutyScope } from "../../../domain/roster.ts";
import { DUTY_LABELS } from "../../../domain/roster.ts";
import type { LocalDate } from "../../../domain/school-calendar.ts";
import type { DormRoom } from "../../../protocol/reference.ts";
import { Freshness } from "../../ui/freshness.tsx";
import { getLang, inLang } from "../../ui/i18n.ts";
import type { SchoolDirectory } from "../../ui/school-directory.ts";
import { type Directory, type HolderLine, telHref } from "./duty-model.ts";
import { dt } from "./duty-text.ts";

/** Names and phone numbers from the school's staff list. */
export function staffDirectory(directory: SchoolDirectory): Directory {
  return (id) => {
    const s = directory.staffById.get(id);
    return s ? { name: s.name, phone: s.phone } : undefined;
  };
}

/** "11月30日 星期一" / "Mon, Nov 30": a school date with its weekday (no time zone involved). */
export function dayTitle(date: LocalDate): string {
  const [y, m, d] = date.split("-").map(Number);
  const local = new Date(y ?? 1970, (m ?? 1) - 1, d ?? 1);
  return getLang() === "zh"
    ? format(local, "M月d日 EEEE", { locale: zhCN })
    : format(local, "EEE, MMM d", { locale: enUS });
}

export function dutyName(kind: DutyKind): string {
  return inLang(DUTY_LABELS[kind]);
}

/** The role word of a holder (SPEC §1): 晚活动值日教师, 保育员, 班主任, 科任教师（第 3 节）… */
export function roleWord(line: HolderLine, period: number | null): string {
  switch (line.role) {
    case "duty":
      return line.duty === "morning" || line.duty === "noon" || line.duty === "evening"
        ? dt(`roleDuty_${line.duty}`)
        : dt("roleDuty_evening");
    case "caretaker":
      return dt("roleCaretaker");
    case "holiday":
      return dt("roleHoliday");
    case "classTeacher":
      return dt("roleClassTeacher");
    case "subjectTeacher":
      return period === null
        ? dt("roleSubjectTeacher")
        : `${dt("roleSubjectTeacher")}（${dt("period", { n: period })}）`;
  }
}

/** "全校", "男生宿舍楼", "男生宿舍楼 101". */
export function scopeText(scope: DutyScope | null, rooms: ReadonlyMap<string, DormRoom>): string {
  if (!scope || scope.kind === "campus") return dt("scopeCampus");
  if (scope.kind === "building") return scope.building;
  const room = rooms.get(scope.roomId);
  return room ? `${room.building} ${room.name}` : "";
}

export function HolderList({ people, period }: { people: readonly HolderLine[]; period: number | null }) {
  return (
    <ul className="holder-list" data-testid="holders">
      {people.map((p) => (
        <li key={`${p.staffId}|${p.role}`} className="holder">
          <span className="holder-text">
            <strong data-testid="holder-name">{p.name}</strong>
            <small>{roleWord(p, period)}</small>
          </span>
          {p.phone ? (
            <a
              href={telHref(p.phone)}
              className="call-button"
              aria-label={dt("call", { name: p.name, phone: p.phone })}
            >
              <span aria-hidden="true">☎</span> {p.phone}
            </a>
          ) : (
            <span className="muted small">{dt("noPhone")}</span>
          )}
        </li>
      ))}
    </ul>
  );
}

/** Offline, the page works on what the phone last pulled: say when that was. */
export function DutyFreshness({ schoolId, now }: { schoolId: string; now: Date }) {
  return (
    <Freshness
      schoolId={schoolId}
      now={now}
      text={(which, time) => dt(which, { time })}
      testId="duty-freshness"
    />
  );
}
