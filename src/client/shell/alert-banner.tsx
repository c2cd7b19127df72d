// The urgent lane on screen, in the sticky top of every signed-in page (issue #14 §4: the banner
// that leaves room to work). Things nobody may miss: an unaccounted pupil (下落不明, SPEC §3),
// for everyone, until someone records where and when the pupil was found; an open critical
// hazard (重大隐患) for the people it alerts — the principal, the general-affairs head and the
// duty teachers — until it is fixed; a disputed hand-over count (HO-3) for those who run the
// school, the caretakers and the two people in it; and, for anyone on this phone, an urgent
// alert the server has not received yet, so the person phones the duty chain instead of
// trusting the app. There is no dismiss.
//
// Collapsed (always, at first, and again on every new page) it is ONE line: the pupil, the room
// and the minutes since, or how many alerts there are, with 查看; "not sent yet: phone" stays in
// that line. 查看 opens the panel (alert-panel.tsx, its own chunk): each alert with 已找到 and
// the people to call first, scrolling inside itself so that the page's own action bar and the
// tab bar stay in view.
//
// Texts come from each alert's facts in the reader's language (ui/alert-text.ts). Light on
// purpose (it is part of the first screen's JavaScript): Dexie reads only, no zod, no protocol
// schemas, no mutation code, no roster rules.
import { useLiveQuery } from "dexie-react-hooks";
import { lazy, Suspense, useEffect, useState } from "react";
import type { Role } from "../../domain/roles.ts";
import { type AccountRow, db } from "../db/db.ts";
import { type AlertRecordMaps, alertRecords, alertText } from "../ui/alert-text.ts";
import { defineMessages, useLang } from "../ui/i18n.ts";
import { useLocation } from "../ui/router.ts";
import { useNow } from "../ui/use-now.ts";
import "./alert-banner.css";

export const ab = defineMessages({
  many: { zh: "{n} 条", en: "{n} alerts" },
  manyLong: { zh: "{n} 条紧急报警", en: "{n} urgent alerts" },
  view: { zh: "查看", en: "View" },
  hide: { zh: "收起", en: "Hide" },
  justNow: { zh: "刚刚", en: "now" },
  minutesAgo: { zh: "{n} 分钟前", en: "{n} min" },
  hoursAgo: { zh: "{h} 小时 {m} 分钟前", en: "{h} h {m} min" },
  notSent: { zh: "未送达", en: "NOT SENT" },
  undelivered: {
    zh: "紧急报警尚未送达，请立即电话通知值班领导",
    en: "An urgent alert has not been delivered yet: phone the duty leader now",
  },
  undeliveredMany: {
    zh: "{n} 条紧急报警尚未送达，请立即电话通知值班领导",
    en: "{n} urgent alerts have not been delivered yet: phone the duty leader now",
  },
});

/** Who is alerted of a critical hazard at once (SPEC §2: the principal and the admin; duty teachers too). */
const ALERTED: readonly Role[] = ["admin", "principal", "duty_teacher"];

/** The alert entity as pulled (protocol/sync.ts AlertEntity), read without its schema. */
export interface AlertData {
  id?: unknown;
  kind?: unknown;
  subjectId?: unknown;
  message?: unknown;
  facts?: unknown;
  status?: unknown;
  raisedAt?: unknown;
  raisedBy?: unknown;
  /** Optional: alerts raised before rosters have none. */
  onDutyIds?: unknown;
}

export interface PupilData {
  name?: unknown;
  classId?: unknown;
  dormRoomId?: unknown;
}

export type AlertKind = "unaccounted_pupil" | "critical_hazard" | "handover_disputed";

/** One open alert as the banner shows it. */
export interface BannerAlert {
  id: string;
  kind: AlertKind;
  /** The pupil, hazard or hand-over. */
  subjectId: string;
  data: AlertData;
  title: string;
  /** For the one line: the pupil's room, else where the alert says. */
  place: string;
  raisedAt: string;
  /** Not yet received by the server (queued on this phone): it names nobody on duty yet. */
  undelivered: boolean;
  onDutyIds: string[];
  /** An unaccounted pupil as this phone has them. */
  pupil: PupilData | undefined;
}

export interface BannerState {
  alerts: BannerAlert[];
  /** Alerts queued here, not delivered, and not in the list (a critical hazard, say). */
  undeliveredOther: number;
  maps: AlertRecordMaps;
}

const AlertPanel = lazy(() => import("./alert-panel.tsx").then((m) => ({ default: m.AlertPanel })));

export const str = (v: unknown): string => (typeof v === "string" ? v : "");
const ORDER: Record<AlertKind, number> = { unaccounted_pupil: 0, critical_hazard: 1, handover_disputed: 2 };
const EMPTY: BannerState = { alerts: [], undeliveredOther: 0, maps: {} };

/** Every open alert this person sees, most urgent first. */
async function readBanner(schoolId: string, userId: string, roles: readonly Role[]): Promise<BannerState> {
  const [rows, queued] = await Promise.all([
    db.view.where("[schoolId+entityType]").equals([schoolId, "alert"]).toArray(),
    db.urgentAlerts.where("[schoolId+status]").equals([schoolId, "pending"]).toArray(),
  ]);
  const isAlerted = roles.some((r) => ALERTED.includes(r));
  const raw: Omit<BannerAlert, "title" | "place" | "pupil">[] = [];
  const pulled = new Set<string>();
  for (const row of rows) {
    const a = row.data as AlertData | null;
    if (!a) continue;
    const id = str(a.id) || row.entityId;
    pulled.add(id);
    if (a.status !== "open" || typeof a.kind !== "string" || !(a.kind in ORDER)) continue;
    if (a.kind === "critical_hazard" && !isAlerted) continue;
    raw.push({
      id,
      kind: a.kind as AlertKind,
      subjectId: str(a.subjectId),
      data: a,
      raisedAt: str(a.raisedAt),
      undelivered: false,
      onDutyIds: Array.isArray(a.onDutyIds)
        ? a.onDutyIds.filter((x) => typeof x === "string").slice(0, 6)
        : [],
    });
  }
  for (const q of queued) {
    if (q.kind !== "unaccounted_pupil" || pulled.has(q.alertId)) continue;
    raw.push({
      id: q.alertId,
      kind: q.kind,
      subjectId: q.subjectId,
      data: { kind: q.kind, message: q.message, facts: q.facts, raisedBy: q.actorUserId },
      raisedAt: q.clientCreatedAt,
      undelivered: true,
      onDutyIds: [],
    });
  }
  const undeliveredOther = queued.length - raw.filter((r) => r.undelivered).length;
  if (raw.length === 0) return { ...EMPTY, undeliveredOther };

  // What the alerts are about, as this phone has it now.
  const type = (k: AlertKind) =>
    k === "unaccounted_pupil" ? "pupil" : k === "critical_hazard" ? "hazard" : "handover";
  const subjects = await db.view.bulkGet(raw.map((r) => [type(r.kind), r.subjectId] as ["pupil", string]));
  const pupils = new Map<string, PupilData>();
  const kept = raw.filter((r, i) => {
    const subject = subjects[i]?.data as
      | { state?: unknown; give?: { by?: unknown } | null; receive?: { by?: unknown } | null }
      | undefined;
    if (r.kind === "unaccounted_pupil" && subject) pupils.set(r.subjectId, subject as PupilData);
    // A hazard rectified or closed on this phone needs the banner no more, even before the
    // server marks its alert resolved.
    if (r.kind === "critical_hazard") return subject?.state !== "rectified" && subject?.state !== "closed";
    if (r.kind === "handover_disputed")
      return (
        isAlerted ||
        roles.includes("dorm_caretaker") ||
        subject?.give?.by === userId ||
        subject?.receive?.by === userId
      );
    return true;
  });
  const table = (t: string) => db.view.where("[schoolId+entityType]").equals([schoolId, t]).toArray();
  const [classRows, roomRows] = await Promise.all([table("class"), table("dormRoom")]);
  const byId = <T,>(list: { entityId: string; data: unknown }[]) =>
    new Map(list.map((row) => [row.entityId, (row.data ?? {}) as T]));
  const rooms = byId<{ building?: unknown; name?: unknown }>(roomRows);
  const maps: AlertRecordMaps = { pupils, classes: byId(classRows), rooms };
  const records = alertRecords(maps);

  const alerts = kept.map((r): BannerAlert => {
    const words = alertText(r.data, records);
    const pupil = r.kind === "unaccounted_pupil" ? pupils.get(r.subjectId) : undefined;
    const room = str(rooms.get(str(pupil?.dormRoomId))?.name);
    return { ...r, title: words.title, place: room || words.where, pupil };
  });
  alerts.sort(
    (a, b) =>
      ORDER[a.kind] - ORDER[b.kind] ||
      Number(b.undelivered) - Number(a.undelivered) ||
      b.raisedAt.localeCompare(a.raisedAt),
  );
  // One entry per hazard, even if two alerts were raised for it (the urgent lane and the server
  // may each have made one when a hazard was raised to critical).
  const unique = alerts.filter(
    (a, i, all) =>
      a.kind !== "critical_hazard" ||
      all.findIndex((o) => o.kind === a.kind && o.subjectId === a.subjectId) === i,
  );
  return { alerts: unique, undeliveredOther, maps };
}

type AgoWords = (key: "justNow" | "minutesAgo" | "hoursAgo", params?: Record<string, number>) => string;

/**
 * "12 分钟前" / "12 min" since an instant (phone clock; a server time a little ahead reads as
 * now), in the line's short words or the panel's.
 */
export function agoText(iso: string, now: Date, say: AgoWords = ab): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return "";
  const minutes = Math.floor((now.getTime() - ms) / 60_000);
  if (minutes < 1) return say("justNow");
  if (minutes < 60) return say("minutesAgo", { n: minutes });
  return say("hoursAgo", { h: Math.floor(minutes / 60), m: minutes % 60 });
}

export function AlertBanner({ account }: { account: AccountRow }) {
  const lang = useLang();
  const { path } = useLocation();
  const now = useNow(30_000);
  const [expanded, setExpanded] = useState(false);
  const state = useLiveQuery(
    () => readBanner(account.schoolId, account.userId, account.roles),
    [account.schoolId, account.userId, account.roles.join(), lang],
    EMPTY,
  );
  // The hazard's own page already shows it.
  const alerts = state.alerts.filter(
    (a) => a.kind !== "critical_hazard" || path !== `/hazards/${a.subjectId}`,
  );
  const none = alerts.length === 0;
  // A new page, or nothing left to open: the panel folds back to its one line.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the page changes or empties
  useEffect(() => setExpanded(false), [path, none]);
  const { undeliveredOther } = state;
  if (alerts.length === 0 && undeliveredOther === 0) return null;

  const undelivered = undeliveredOther > 0 || alerts.some((a) => a.undelivered);
  const tone = undelivered || alerts.some((a) => a.kind !== "handover_disputed") ? "" : " is-disputed";
  const className = `alert-bar${tone}${undelivered ? " is-undelivered" : ""}`;
  const notSent = undeliveredOther === 1 ? ab("undelivered") : ab("undeliveredMany", { n: undeliveredOther });
  const first = alerts[0];
  if (!first)
    // Nothing to open: alerts queued here and not delivered (a critical hazard raised by
    // someone the banner does not alert of it): the whole sentence.
    return (
      <section className={className} data-testid="alert-bar" data-undelivered="true">
        <p className="alert-line is-static" role="alert" data-testid="alert-line" data-undelivered="true">
          <span className="alert-line-text" data-testid="alert-undelivered">
            {notSent}
          </span>
        </p>
      </section>
    );

  const isOpen = expanded;
  const line = [first.title, first.place].filter(Boolean).join(" · ");
  const many = alerts.length > 1 ? ab("manyLong", { n: alerts.length }) : "";
  return (
    <section
      className={className}
      data-testid="alert-bar"
      data-count={alerts.length}
      data-kind={first.kind}
      data-undelivered={undelivered ? "true" : undefined}
    >
      {/* Said once by screen readers when it appears or changes, not every minute. */}
      <p className="visually-hidden" role="alert">
        {[undelivered ? ab("undelivered") : "", many, line].filter(Boolean).join(" · ")}
      </p>
      <button
        type="button"
        className="alert-line"
        data-testid="alert-line"
        data-undelivered={undelivered ? "true" : undefined}
        aria-expanded={isOpen}
        aria-controls={isOpen ? "alert-panel" : undefined}
        onClick={() => setExpanded((e) => !e)}
      >
        {many ? (
          <span className="alert-line-count" data-testid="alert-count">
            {ab("many", { n: alerts.length })}
          </span>
        ) : null}
        {undelivered ? (
          // Not sent: that, and "phone", instead of the minutes (it was raised on this phone).
          <span className="alert-line-flag" data-testid="alert-undelivered">
            <PhoneGlyph />
            {ab("notSent")}
          </span>
        ) : null}
        <span className="alert-line-text">{line}</span>
        {undelivered ? null : <span className="alert-line-ago">{agoText(first.raisedAt, now)}</span>}
        <span className="alert-line-open" data-testid="alert-toggle">
          {isOpen ? ab("hide") : ab("view")}
        </span>
      </button>
      {isOpen ? (
        <Suspense fallback={null}>
          <AlertPanel
            state={{ ...state, alerts }}
            notSent={undeliveredOther > 0 ? notSent : null}
            account={account}
            now={now}
          />
        </Suspense>
      ) : null}
    </section>
  );
}

/** A handset: "phone now", next to 未送达. */
function PhoneGlyph() {
  return (
    <svg width={14} height={14} viewBox="0 0 24 24" fill="currentColor" aria-hidden="true">
      <path d="M7 2 3 4c0 9 8 17 17 17l2-4-5-3-2 2c-3-1-5-3-6-6l2-2z" />
    </svg>
  );
}
