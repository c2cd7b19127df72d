// Which screen a path may show, decided from the accounts on this phone and the session.
// Pure, so the whole "who sees what" table is one function: login and onboarding first, then
// the lock screen, then the pages an unlocked person may open. Flows only write state (unlock,
// lock, log in) and the URL follows; a path that does not fit the state is replaced, so a
// decision made on a state a moment old corrects itself on the next render.
import { canAdminister, type Role } from "../../domain/roles.ts";
import { canUnlockWithPin, unlockList } from "../db/account-store.ts";
import type { AccountRow } from "../db/db.ts";
import type { SessionState } from "../db/meta-store.ts";

export type Screen =
  | { name: "login" }
  | { name: "change-password"; account: AccountRow }
  | { name: "set-pin"; account: AccountRow }
  | { name: "lock" }
  | { name: "home"; account: AccountRow }
  | { name: "phone"; account: AccountRow }
  | { name: "attention"; account: AccountRow }
  | { name: "admin"; account: AccountRow; canEdit: boolean }
  | { name: "safety"; page: SafetyPage; account: AccountRow };

/**
 * The feature pages, each a lazy chunk under features/. Hazard checks (SPEC §2):
 * /round/{areaId} (record a round), /report (report a hazard), /hazards/{id} (one hazard),
 * /board (today), /close-day, /ledger (台账). Rosters (SPEC §1): /duty (responsible now),
 * /my-duties, /swaps (换班), /roster (admin week view), /roster-setup (calendar templates,
 * generation, timetable), /roster-print (值日表, A4). Boarders (SPEC §3): /roll-call/{kind}/{groupId}
 * (a roll call: dismissal per class, bedtime or bed check per room), /dispute?id= (a hand-over
 * whose counts differ, settled by 已核实), /handovers (today's to give
 * and to receive, history), /leave (请假), /where (whose care a pupil is in now). Summaries
 * (SPEC §4, §5): /summary (a class's weekly summary), /summaries (the admin's week: submitted,
 * draft, missing; reminders), /education (六个一, the term's calendar), /month (the month's
 * score, ranking, commended classes and charts), /month-class (one class's month, every number
 * with its records), /commendation (表彰名单: commended classes and safety guardians).
 */
export const SAFETY_PAGES = {
  round: "/round/",
  report: "/report",
  hazard: "/hazards/",
  board: "/board",
  closeDay: "/close-day",
  ledger: "/ledger",
  duty: "/duty",
  myDuties: "/my-duties",
  swaps: "/swaps",
  roster: "/roster",
  rosterSetup: "/roster-setup",
  rosterPrint: "/roster-print",
  rollCall: "/roll-call/",
  dispute: "/dispute",
  handovers: "/handovers",
  leave: "/leave",
  where: "/where",
  summary: "/summary",
  summaries: "/summaries",
  education: "/education",
  month: "/month",
  monthClass: "/month-class",
  commendation: "/commendation",
} as const;
export type SafetyPage = keyof typeof SAFETY_PAGES;

/** Pages only the school's readers (admin, principal) may open. */
const SCHOOL_READER_PAGES: readonly SafetyPage[] = ["ledger", "roster", "rosterSetup", "rosterPrint"];

function safetyPageOf(path: string): SafetyPage | undefined {
  for (const [page, prefix] of Object.entries(SAFETY_PAGES) as [SafetyPage, string][]) {
    if (prefix.endsWith("/") ? path.startsWith(prefix) && path.length > prefix.length : path === prefix)
      return page;
  }
  return undefined;
}

/** The session as stored, plus whose tokens this page has open (db/token-vault.ts). */
export interface ScreenSession extends SessionState {
  open: { has(userId: string): boolean };
}

export interface Decision {
  screen: Screen;
  /** The URL the screen lives at; the shell replaces the address when it differs. */
  path: string;
}

/** The school's records (管理 pages): admins edit them, the principal reads them (SPEC roles). */
export function canReadSchoolData(roles: readonly Role[]): boolean {
  return canAdminister(roles) || roles.includes("principal");
}

/** The unlocked person, if their token is open on this page (a reload locks: app.tsx). */
export function activeAccount(
  accounts: readonly AccountRow[],
  session: ScreenSession,
): AccountRow | undefined {
  if (!session.isUnlocked) return undefined;
  const active = accounts.find((a) => a.userId === session.activeUserId && !a.isSignedOut);
  return active && session.open.has(active.userId) ? active : undefined;
}

export function decideScreen(
  location: { path: string; search: string },
  accounts: readonly AccountRow[],
  session: ScreenSession,
): Decision {
  const here = location.search ? `${location.path}?${location.search}` : location.path;
  const active = activeAccount(accounts, session);

  // The login form: for a new account while locked, or to renew a refused session (401).
  if (location.path === "/login" && (!active || active.needsLogin))
    return { screen: { name: "login" }, path: here };

  if (active) {
    if (active.mustChangePassword)
      return { screen: { name: "change-password", account: active }, path: "/password" };
    if (!canUnlockWithPin(active)) return { screen: { name: "set-pin", account: active }, path: "/pin" };
    if (location.path === "/phone") return { screen: { name: "phone", account: active }, path: "/phone" };
    if (location.path === "/attention")
      return { screen: { name: "attention", account: active }, path: "/attention" };
    const safety = safetyPageOf(location.path);
    if (safety && (!SCHOOL_READER_PAGES.includes(safety) || canReadSchoolData(active.roles)))
      return { screen: { name: "safety", page: safety, account: active }, path: here };
    if (isAdminPath(location.path) && canReadSchoolData(active.roles)) {
      return { screen: { name: "admin", account: active, canEdit: canAdminister(active.roles) }, path: here };
    }
    return { screen: { name: "home", account: active }, path: "/" };
  }

  if (unlockList(accounts).length > 0) return { screen: { name: "lock" }, path: "/lock" };
  return { screen: { name: "login" }, path: "/login" };
}

/** /admin and its sections (/admin/pupils, /admin/pupils/01J…); the admin feature routes inside. */
function isAdminPath(path: string): boolean {
  return path === "/admin" || path.startsWith("/admin/");
}
