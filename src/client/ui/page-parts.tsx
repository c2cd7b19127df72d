// The frame pieces of the secondary pages: the ‹ 返回 link, the splash while the first read
// runs, and the short page that says why there is nothing to show (the school's records have
// not reached this phone yet, the record is not found).
import type { ReactNode } from "react";
import { t } from "./i18n.ts";
import { navigate } from "./router.ts";

/** ‹ 返回: to `to`, or without it one step back in the history (home when there is none). */
export function BackLink({ to, label = t("back") }: { to?: string; label?: string }) {
  return (
    <a
      href={to ?? "/"}
      className="back-link"
      onClick={(event) => {
        event.preventDefault();
        if (to !== undefined) navigate(to);
        else if (window.history.length > 1) window.history.back();
        else navigate("/");
      }}
    >
      <span aria-hidden="true">‹</span> {label}
    </a>
  );
}

export function Splash() {
  return <div className="splash">…</div>;
}

/** A page with nothing to show but why: its title and one line. */
export function PageNotice({
  title,
  message,
  back,
  testId,
}: {
  title: string;
  message: string;
  /** A back link above the title. */
  back?: ReactNode;
  testId?: string;
}) {
  return (
    <div className="page stack">
      {back}
      <h1>{title}</h1>
      <p className="card muted" data-testid={testId}>
        {message}
      </p>
    </div>
  );
}

/**
 * What a page shows while it has no school directory (useSchoolDirectory in school-directory.ts):
 * the splash during the first read (null), the notice when the school has not reached this phone
 * (undefined).
 */
export function NoDirectory({
  directory,
  title,
  message,
  back,
}: {
  directory: null | undefined;
  title: string;
  message: string;
  back?: ReactNode;
}) {
  return directory === null ? <Splash /> : <PageNotice title={title} message={message} back={back} />;
}
