// The app shell: boots the database, decides the screen (shell/screens.ts), keeps the URL in
// step, runs the sync engine (loaded after the first paint), and frames signed-in pages with
// the top bar, the sync strip, banners and bottom navigation.
// Secondary pages are lazy chunks; the service worker precaches every one of them.
import { useLiveQuery } from "dexie-react-hooks";
import { lazy, Suspense, useEffect, useState, useSyncExternalStore } from "react";
import type { AccountRow } from "../db/db.ts";
import { db } from "../db/db.ts";
import { metaStore } from "../db/meta-store.ts";
import { countOutbox } from "../db/mutation-store.ts";
import { countPhotos } from "../db/photo-store.ts";
import { tokenVault } from "../db/token-vault.ts";
import { LockPage } from "../features/auth/lock-page.tsx";
import { HomePage } from "../features/home/home-page.tsx";
import { applyUpdate, useUpdateAvailable } from "../pwa/register-sw.ts";
import type { SyncEngine, SyncStatus } from "../sync/sync-engine.ts";
import { useHasDirtyForms } from "../ui/dirty-forms.ts";
import { ErrorBoundary } from "../ui/error-boundary.tsx";
import { defineMessages, rolesText, t, useLang } from "../ui/i18n.ts";
import { AdminIcon, BoardIcon, HomeIcon, PhoneIcon } from "../ui/icons.tsx";
import { LangSwitch } from "../ui/lang-switch.tsx";
import { keepLinksInPage, navigate, useLocation } from "../ui/router.ts";
import { AlertBanner } from "./alert-banner.tsx";
import { canReadSchoolData, decideScreen, type SafetyPage, type Screen } from "./screens.ts";
import { SyncNotes, SyncStrip, useSyncSummary } from "./sync-strip.tsx";
import { useIdleLock } from "./use-idle-lock.ts";
import { useEngineStatus, useSyncEngine } from "./use-sync-engine.ts";

// A phone in use opens on home or the PIN pad; logging in, setting a PIN and the password change
// (first login of a new account) happen once per person, so they load on demand like the
// secondary pages (precached: offline too).
const LoginPage = lazy(() =>
  import("../features/auth/login-page.tsx").then((m) => ({ default: m.LoginPage })),
);
const SetPinPage = lazy(() =>
  import("../features/auth/set-pin-page.tsx").then((m) => ({ default: m.SetPinPage })),
);
const ChangePasswordPage = lazy(() =>
  import("../features/auth/change-password-page.tsx").then((m) => ({ default: m.ChangePasswordPage })),
);
const PhonePage = lazy(() =>
  import("../features/phone/phone-page.tsx").then((m) => ({ default: m.PhonePage })),
);
const AdminPage = lazy(() =>
  import("../features/admin/admin-page.tsx").then((m) => ({ default: m.AdminPage })),
);
// The hazard-check pages, one lazy chunk each (shell/screens.ts SAFETY_PAGES).
const SAFETY_COMPONENTS: Record<
  SafetyPage,
  React.LazyExoticComponent<(p: { account: AccountRow }) => React.ReactNode>
> = {
  round: lazy(() => import("../features/rounds/round-page.tsx").then((m) => ({ default: m.RoundPage }))),
  report: lazy(() => import("../features/report/report-page.tsx").then((m) => ({ default: m.ReportPage }))),
  hazard: lazy(() => import("../features/hazards/hazard-page.tsx").then((m) => ({ default: m.HazardPage }))),
  board: lazy(() => import("../features/board/board-page.tsx").then((m) => ({ default: m.BoardPage }))),
  closeDay: lazy(() =>
    import("../features/close-day/close-day-page.tsx").then((m) => ({ default: m.CloseDayPage })),
  ),
  ledger: lazy(() => import("../features/ledger/ledger-page.tsx").then((m) => ({ default: m.LedgerPage }))),
  duty: lazy(() => import("../features/duty/duty-page.tsx").then((m) => ({ default: m.DutyPage }))),
  myDuties: lazy(() =>
    import("../features/duty/my-duties-page.tsx").then((m) => ({ default: m.MyDutiesPage })),
  ),
  swaps: lazy(() => import("../features/swaps/swaps-page.tsx").then((m) => ({ default: m.SwapsPage }))),
  roster: lazy(() => import("../features/roster/roster-page.tsx").then((m) => ({ default: m.RosterPage }))),
  rosterSetup: lazy(() =>
    import("../features/roster/roster-setup-page.tsx").then((m) => ({ default: m.RosterSetupPage })),
  ),
  rollCall: lazy(() =>
    import("../features/handovers/roll-call-page.tsx").then((m) => ({ default: m.RollCallPage })),
  ),
  dispute: lazy(() =>
    import("../features/handovers/dispute-page.tsx").then((m) => ({ default: m.DisputePage })),
  ),
  handovers: lazy(() =>
    import("../features/handovers/handovers-page.tsx").then((m) => ({ default: m.HandoversPage })),
  ),
  leave: lazy(() => import("../features/boarders/leave-page.tsx").then((m) => ({ default: m.LeavePage }))),
  where: lazy(() => import("../features/boarders/where-page.tsx").then((m) => ({ default: m.WherePage }))),
  summary: lazy(() =>
    import("../features/summaries/summary-page.tsx").then((m) => ({ default: m.SummaryPage })),
  ),
  summaries: lazy(() =>
    import("../features/summaries/summaries-page.tsx").then((m) => ({ default: m.SummariesPage })),
  ),
  education: lazy(() =>
    import("../features/education/education-page.tsx").then((m) => ({ default: m.EducationPage })),
  ),
  rosterPrint: lazy(() =>
    import("../features/roster/roster-print-page.tsx").then((m) => ({ default: m.RosterPrintPage })),
  ),
  month: lazy(() => import("../features/month/month-page.tsx").then((m) => ({ default: m.MonthPage }))),
  monthClass: lazy(() =>
    import("../features/month/class-month-page.tsx").then((m) => ({ default: m.ClassMonthPage })),
  ),
  commendation: lazy(() =>
    import("../features/commendation/commendation-page.tsx").then((m) => ({ default: m.CommendationPage })),
  ),
};
/** Pages reached from 今日看板: its tab stays lit on them. */
const BOARD_PAGES: readonly SafetyPage[] = ["board", "hazard", "closeDay", "ledger"];
/** Pages reached from 值班 (SPEC §1 rosters): its tab stays lit on them. */
const DUTY_PAGES: readonly SafetyPage[] = ["duty", "myDuties", "swaps"];
const ADMIN_PAGES: readonly SafetyPage[] = ["roster", "rosterSetup", "rosterPrint"];

const nav = defineMessages({
  duty: { zh: "值班", en: "Duty" },
});

/** A clock: who holds this hour (inline, drawn like ui/icons.tsx). */
function DutyIcon() {
  return (
    <svg
      width={24}
      height={24}
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <circle cx="12" cy="12" r="8.5" />
      <path d="M12 7.5V12l3 2" />
    </svg>
  );
}
// The home tab's 等我处理 count (issue #14 §5): its own chunk, with the hand-over and swap code.
const WaitingBadge = lazy(() =>
  import("../features/home/waiting-badge.tsx").then((m) => ({ default: m.WaitingBadge })),
);
const AttentionPage = lazy(() =>
  import("../features/attention/attention-page.tsx").then((m) => ({ default: m.AttentionPage })),
);

export function App() {
  const lang = useLang();
  const location = useLocation();
  const [isBooted, setIsBooted] = useState(false);

  useEffect(() => {
    // Lock the session before the first screen shows, so a reload never skips the PIN: a new
    // page has no token open until the PIN opens it (db/token-vault.ts).
    void Promise.all([metaStore.ensureDevice(), metaStore.lockOnStart()]).finally(() => setIsBooted(true));
  }, []);

  useEffect(() => {
    void metaStore.set("lang", lang);
  }, [lang]);

  useEffect(() => keepLinksInPage(), []);

  const state = useLiveQuery(async () => {
    const [accounts, session] = await Promise.all([db.accounts.toArray(), metaStore.readSession()]);
    return { accounts, session };
  });

  const vault = tokenVault(db);
  const open = useSyncExternalStore(vault.subscribe, vault.snapshot);

  const decision =
    state && isBooted
      ? decideScreen({ path: location.path, search: location.query }, state.accounts, {
          ...state.session,
          open,
        })
      : undefined;
  const currentUrl = location.query ? `${location.path}?${location.query}` : location.path;

  useEffect(() => {
    if (decision && decision.path !== currentUrl) navigate(decision.path, { replace: true });
  }, [decision, currentUrl]);

  const signedIn = signedInAccount(decision?.screen);
  useIdleLock(signedIn?.userId ?? null, signedIn !== undefined);
  const engine = useSyncEngine(isBooted ? state?.accounts : undefined, open);
  const status = useEngineStatus(engine);
  const sync = { engine, status };

  if (!decision || !state) {
    return <div className="splash">{t("loading")}</div>;
  }
  const { screen } = decision;
  switch (screen.name) {
    case "login":
      return (
        <AuthFrame>
          <LoginPage hasOtherAccounts={state.accounts.some((a) => !a.isSignedOut)} />
        </AuthFrame>
      );
    case "change-password":
      return (
        <AuthFrame>
          <ChangePasswordPage account={screen.account} />
        </AuthFrame>
      );
    case "set-pin":
      return (
        <AuthFrame>
          <SetPinPage account={screen.account} />
        </AuthFrame>
      );
    case "lock":
      return (
        <AuthFrame>
          <LockPage accounts={state.accounts} idleLockedUserId={state.session.idleLockedUserId} />
        </AuthFrame>
      );
    case "home":
      return (
        <SignedInFrame account={screen.account} current="home" sync={sync}>
          <HomePage account={screen.account} />
        </SignedInFrame>
      );
    case "phone":
      return (
        <SignedInFrame account={screen.account} current="phone" sync={sync}>
          <PhonePage account={screen.account} />
        </SignedInFrame>
      );
    case "attention":
      return (
        <SignedInFrame account={screen.account} current="phone" sync={sync}>
          <AttentionPage account={screen.account} />
        </SignedInFrame>
      );
    case "admin":
      return (
        <SignedInFrame account={screen.account} current="admin" sync={sync}>
          <AdminPage account={screen.account} canEdit={screen.canEdit} />
        </SignedInFrame>
      );
    case "safety": {
      const Page = SAFETY_COMPONENTS[screen.page];
      return (
        <SignedInFrame
          account={screen.account}
          current={
            BOARD_PAGES.includes(screen.page)
              ? "board"
              : DUTY_PAGES.includes(screen.page)
                ? "duty"
                : ADMIN_PAGES.includes(screen.page)
                  ? "admin"
                  : "home"
          }
          sync={sync}
        >
          <Page account={screen.account} />
        </SignedInFrame>
      );
    }
  }
}

function signedInAccount(screen: Screen | undefined): AccountRow | undefined {
  if (!screen) return undefined;
  return "account" in screen ? screen.account : undefined;
}

function AuthFrame({ children }: { children: React.ReactNode }) {
  return (
    <div className="app">
      <div className="top">
        <header className="topbar">
          <div className="topbar-row">
            <span className="brand">
              <img src="/favicon.svg" alt="" width="28" height="28" />
              {t("appName")}
            </span>
            <LangSwitch />
          </div>
        </header>
        <UpdateBanner />
      </div>
      <main className="main">
        <ErrorBoundary>
          <Suspense fallback={<div className="splash">{t("loading")}</div>}>{children}</Suspense>
        </ErrorBoundary>
      </main>
    </div>
  );
}

type NavTarget = "home" | "board" | "duty" | "phone" | "admin";

function SignedInFrame({
  account,
  current,
  sync,
  children,
}: {
  account: AccountRow;
  current: NavTarget;
  sync: { engine: SyncEngine | null; status: SyncStatus };
  children: React.ReactNode;
}) {
  const canOpenAdmin = canReadSchoolData(account.roles);
  const summary = useSyncSummary(account);
  // Locking is enough: the shell moves to the lock screen when it sees the locked session.
  const switchUser = () => void metaStore.lock("switch");
  return (
    <div className="app has-nav">
      <div className="top">
        <header className="topbar">
          <div className="topbar-row">
            <span className="school-name" data-testid="school-name">
              {account.schoolName}
            </span>
            <LangSwitch />
          </div>
          <div className="topbar-row">
            <span className="user">
              <strong data-testid="user-name">{account.name}</strong>
              <small>{rolesText(account.roles)}</small>
            </span>
            <button type="button" className="chip-button" onClick={switchUser}>
              {t("switchUser")}
            </button>
          </div>
        </header>
        <SyncStrip account={account} summary={summary} engine={sync.engine} status={sync.status} />
        <AlertBanner account={account} />
        <UpdateBanner />
      </div>
      <SyncNotes account={account} summary={summary} status={sync.status} />
      <main className="main">
        <ErrorBoundary>
          <Suspense fallback={<div className="splash">{t("loading")}</div>}>{children}</Suspense>
        </ErrorBoundary>
      </main>
      <nav className="bottom-nav" aria-label={t("appName")}>
        <NavButton
          to="/"
          isCurrent={current === "home"}
          icon={<HomeIcon />}
          label={t("navHome")}
          badge={
            <Suspense fallback={null}>
              <WaitingBadge account={account} />
            </Suspense>
          }
        />
        <NavButton to="/board" isCurrent={current === "board"} icon={<BoardIcon />} label={t("navBoard")} />
        <NavButton to="/duty" isCurrent={current === "duty"} icon={<DutyIcon />} label={nav("duty")} />
        {canOpenAdmin ? (
          <NavButton to="/admin" isCurrent={current === "admin"} icon={<AdminIcon />} label={t("navAdmin")} />
        ) : null}
        <NavButton to="/phone" isCurrent={current === "phone"} icon={<PhoneIcon />} label={t("navPhone")} />
      </nav>
    </div>
  );
}

function NavButton({
  to,
  isCurrent,
  icon,
  label,
  badge,
}: {
  to: string;
  isCurrent: boolean;
  icon: React.ReactNode;
  label: string;
  badge?: React.ReactNode;
}) {
  return (
    <a
      href={to}
      className={isCurrent ? "nav-item is-current" : "nav-item"}
      aria-current={isCurrent ? "page" : undefined}
      onClick={(event) => {
        event.preventDefault();
        navigate(to);
      }}
    >
      {icon}
      {label}
      {badge}
    </a>
  );
}

function UpdateBanner() {
  const isAvailable = useUpdateAvailable();
  const isTyping = useHasDirtyForms();
  // An update reloads the page: never offer it while work is unsent (ARCHITECTURE: updates by
  // consent only, never while the outbox holds entries or a form is being filled).
  const hasUnsentWork = useLiveQuery(
    async () => {
      const [outbox, photos] = await Promise.all([countOutbox(db), countPhotos(db)]);
      return outbox.pendingCount + photos.waiting > 0;
    },
    [],
    true,
  );
  if (!isAvailable || isTyping || hasUnsentWork) return null;
  return (
    <div className="banner" role="status">
      <p>{t("updateAvailable")}</p>
      <button type="button" className="button button-small" onClick={applyUpdate}>
        {t("update")}
      </button>
    </div>
  );
}
