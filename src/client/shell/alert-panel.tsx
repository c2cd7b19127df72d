// The urgent banner opened (alert-banner.tsx 查看; its own chunk, precached like every page):
// each open alert with what to do first — 已找到 for an unaccounted pupil (the form, where and
// when, loads in its own chunk) and the people to call ("值班：name · phone": those on duty when
// the server got it, domain/alert-duty.ts AL-6; for a pupil also the class teacher, the admin
// and the principal). The panel scrolls inside itself and is sized from the space the page
// leaves: the tab bar and the page's own action bar (the roll call's counts, a form's save bar)
// stay in view, and the page itself never scrolls for it.
import { useLiveQuery } from "dexie-react-hooks";
import { lazy, Suspense, useLayoutEffect, useRef, useState } from "react";
import { dutyChainAt } from "../../domain/alert-duty.ts";
import type { ResponsibleTarget } from "../../domain/responsible.ts";
import { effectiveSettings } from "../../domain/school-settings.ts";
import { slotAt } from "../../domain/time-slots.ts";
import { type AccountRow, db } from "../db/db.ts";
import { listDutySlots, lookupOf } from "../db/roster-view.ts";
import { disputeLink } from "../features/handovers/dispute-link.ts";
import { alertRecords, alertText } from "../ui/alert-text.ts";
import { defineMessages } from "../ui/i18n.ts";
import { navigate } from "../ui/router.ts";
import { agoText, type BannerAlert, type BannerState, type PupilData, str } from "./alert-banner.tsx";

const pb = defineMessages({
  unaccountedUndelivered: {
    zh: "此报警尚未送达！请立即电话通知：",
    en: "This alert has NOT been delivered! Phone now:",
  },
  onDuty: { zh: "值班：", en: "On duty: " },
  call: { zh: "拨打", en: "Call" },
  found: { zh: "已找到…", en: "Found…" },
  openHazard: { zh: "打开隐患", en: "Open the hazard" },
  openHandovers: { zh: "查看交接", en: "Open the hand-overs" },
  justNow: { zh: "刚刚", en: "just now" },
  minutesAgo: { zh: "{n} 分钟前", en: "{n} min ago" },
  hoursAgo: { zh: "{h} 小时 {m} 分钟前", en: "{h} h {m} min ago" },
  roleDuty: { zh: "值班", en: "Duty" },
  roleClassTeacher: { zh: "班主任", en: "Teacher" },
  roleAdmin: { zh: "总务", en: "Admin" },
  rolePrincipal: { zh: "校长", en: "Principal" },
});

const FoundForm = lazy(() =>
  import("../features/boarders/found-form.tsx").then((m) => ({ default: m.FoundForm })),
);

interface StaffData {
  name?: unknown;
  phone?: unknown;
  roles?: unknown;
  isActive?: unknown;
}

/** Someone to phone about an alert, with why them. */
interface ChainPerson {
  id: string;
  name: string;
  phone: string | null;
  role: "roleDuty" | "roleClassTeacher" | "roleAdmin" | "rolePrincipal";
}

/**
 * AL-6 on this phone, for an unaccounted pupil's alert the server has not received yet (so it
 * names nobody on duty): who holds the pupil's room and class now, then the campus, from the
 * roster this phone has.
 */
async function localDutyChain(schoolId: string, pupil: PupilData | undefined, now: Date): Promise<string[]> {
  const school = await db.view.get(["school", schoolId]);
  const stored = (school?.data as { settings?: unknown } | undefined)?.settings;
  if (!stored) return [];
  const settings = effectiveSettings(stored as Parameters<typeof effectiveSettings>[0]);
  const { dutyDate } = slotAt(settings.timeSlots, now, settings.timeZone);
  const roster = lookupOf(await listDutySlots(db, schoolId, dutyDate));
  const targets: ResponsibleTarget[] = [];
  const roomId = str(pupil?.dormRoomId);
  const room = roomId
    ? ((await db.view.get(["dormRoom", roomId]))?.data as { building?: unknown })
    : undefined;
  if (roomId && str(room?.building)) targets.push({ kind: "room", roomId, building: str(room?.building) });
  const classId = str(pupil?.classId);
  const cls = classId
    ? ((await db.view.get(["class", classId]))?.data as { classTeacherId?: unknown })
    : undefined;
  if (cls) targets.push({ kind: "class", classId, classTeacherId: str(cls.classTeacherId) || null });
  return dutyChainAt(now, { targets }, settings, roster);
}

/**
 * What the panel says besides the line, as this phone has it: the staff (names, phones), the
 * areas, the pupils a dispute names missing, and who is on duty for each alert not delivered.
 */
async function readPeople(schoolId: string, alerts: readonly BannerAlert[], now: Date) {
  const table = (t: string) => db.view.where("[schoolId+entityType]").equals([schoolId, t]).toArray();
  const missingIds = alerts.flatMap((a) => {
    const missing = (a.data.facts as { missing?: unknown } | undefined)?.missing;
    return Array.isArray(missing) ? missing.map((m) => ["pupil", str(m?.pupilId)] as ["pupil", string]) : [];
  });
  const [staffRows, areaRows, missingRows] = await Promise.all([
    table("staff"),
    alerts.some((a) => a.kind === "critical_hazard") ? table("area") : [],
    db.view.bulkGet(missingIds),
  ]);
  const byId = <T,>(rows: { entityId: string; data: unknown }[]) =>
    new Map(rows.map((row) => [row.entityId, (row.data ?? {}) as T]));
  const pupils = new Map<string, PupilData>();
  for (const row of missingRows) if (row) pupils.set(row.entityId, (row.data ?? {}) as PupilData);
  const onDuty = new Map<string, string[]>();
  for (const a of alerts)
    onDuty.set(a.id, a.undelivered ? await localDutyChain(schoolId, a.pupil, now) : a.onDutyIds);
  return { staff: byId<StaffData>(staffRows), areas: byId<{ name?: unknown }>(areaRows), pupils, onDuty };
}

/** The people to phone, in order: on duty, then for a pupil the class teacher, admin, principal. */
function chainOf(
  alert: BannerAlert,
  onDuty: readonly string[],
  staff: ReadonlyMap<string, StaffData>,
  classes: BannerState["maps"]["classes"],
  userId: string,
): ChainPerson[] {
  const chain: ChainPerson[] = [];
  const teacher =
    alert.kind === "unaccounted_pupil"
      ? str(
          (classes?.get(str(alert.pupil?.classId)) as { classTeacherId?: unknown } | undefined)
            ?.classTeacherId,
        )
      : "";
  const add = (id: string, role: ChainPerson["role"]) => {
    const s = staff.get(id);
    if (!s || typeof s.name !== "string" || chain.some((c) => c.id === id)) return;
    const phone = typeof s.phone === "string" && s.phone.trim() ? s.phone.trim() : null;
    // The class teacher holding the class in class time is named as its class teacher.
    chain.push({ id, name: s.name, phone, role: id === teacher ? "roleClassTeacher" : role });
  };
  for (const id of onDuty) add(id, "roleDuty");
  if (alert.kind === "unaccounted_pupil") {
    if (teacher) add(teacher, "roleClassTeacher");
    const leaders = [...staff.entries()].filter(([, s]) => s.isActive !== false && Array.isArray(s.roles));
    for (const [id, s] of leaders) if ((s.roles as unknown[]).includes("admin")) add(id, "roleAdmin");
    for (const [id, s] of leaders) if ((s.roles as unknown[]).includes("principal")) add(id, "rolePrincipal");
  }
  // Not yourself, unless you are the only one to phone.
  return chain.filter((c) => c.id !== userId || chain.length === 1);
}

/** The page's own bars at the bottom of the screen: the panel leaves room for them. */
const BOTTOM_BARS = ".bottom-nav, .rc-bar, .save-bar, [data-action-bar]";
const PANEL_MIN_PX = 180;
/** The main column's top padding and a little air (styles.css .main). */
const PAGE_GAP_PX = 28;

/**
 * The panel's height: from its top to above the tab bar and the tallest action bar of the page,
 * never less than PANEL_MIN_PX; what does not fit scrolls inside it.
 */
function usePanelHeight(content: unknown) {
  const ref = useRef<HTMLDivElement>(null);
  const [maxHeight, setMaxHeight] = useState<number | undefined>(undefined);
  // biome-ignore lint/correctness/useExhaustiveDependencies: measured again when the content changes
  useLayoutEffect(() => {
    const measure = () => {
      const panel = ref.current;
      if (!panel) return;
      let nav = 0;
      let bar = 0;
      for (const el of document.querySelectorAll<HTMLElement>(BOTTOM_BARS)) {
        const h = el.getBoundingClientRect().height;
        if (el.classList.contains("bottom-nav")) nav = Math.max(nav, h);
        else bar = Math.max(bar, h);
      }
      // A sticky action bar cannot rise above its page's top: leave the page's top padding too.
      const room = window.innerHeight - panel.getBoundingClientRect().top - nav - bar - PAGE_GAP_PX;
      setMaxHeight(Math.max(PANEL_MIN_PX, Math.floor(room)));
    };
    measure();
    window.addEventListener("resize", measure);
    return () => window.removeEventListener("resize", measure);
  }, [content]);
  return { ref, maxHeight };
}

export function AlertPanel({
  state,
  notSent,
  account,
  now,
}: {
  state: BannerState;
  notSent: string | null;
  account: AccountRow;
  now: Date;
}) {
  const { alerts, maps } = state;
  const people = useLiveQuery(
    () => readPeople(account.schoolId, alerts, new Date()),
    [account.schoolId, alerts.map((a) => `${a.id}:${a.undelivered}`).join()],
  );
  const panel = usePanelHeight(`${alerts.length}|${people ? 1 : 0}`);
  const staff = people?.staff ?? new Map<string, StaffData>();
  // Names of staff (a dispute's giver and receiver) as this phone has them now (AL-2).
  const records = alertRecords({
    ...maps,
    staff,
    areas: people?.areas,
    pupils: new Map([...(maps.pupils ?? []), ...(people?.pupils ?? [])]),
  });
  return (
    <div
      id="alert-panel"
      className="alert-panel"
      data-testid="alert-panel"
      ref={panel.ref}
      style={panel.maxHeight ? { maxHeight: panel.maxHeight } : undefined}
    >
      {notSent ? <p className="alert-item is-undelivered-note">{notSent}</p> : null}
      {alerts.map((a) => {
        const chain = chainOf(a, people?.onDuty.get(a.id) ?? [], staff, maps.classes, account.userId);
        const words = alertText(a.data, records);
        const props = { alert: a, words, chain, now };
        return a.kind === "unaccounted_pupil" ? (
          <UnaccountedItem key={a.id} {...props} account={account} />
        ) : (
          <OtherItem key={a.id} {...props} />
        );
      })}
    </div>
  );
}

interface ItemProps {
  alert: BannerAlert;
  words: ReturnType<typeof alertText>;
  chain: ChainPerson[];
  now: Date;
}

function clockOf(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return "";
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;
}

/** A person to phone: a tap calls them; the visible words are the link's name. */
function CallButton({ person, withRole }: { person: ChainPerson; withRole: boolean }) {
  const label = (
    <>
      <span className="alert-call-who">
        {withRole ? <span className="alert-call-role">{pb(person.role)} </span> : null}
        {person.name}
      </span>
      {person.phone ? <span className="alert-call-phone">{person.phone}</span> : null}
    </>
  );
  if (!person.phone)
    return (
      <span className="alert-call is-nophone" data-testid="alert-call">
        {label}
      </span>
    );
  return (
    <a href={`tel:${person.phone.replace(/[^\d+]/g, "")}`} className="alert-call" data-testid="alert-call">
      <span className="visually-hidden">{pb("call")} </span>
      {label}
    </a>
  );
}

/** 下落不明: 已找到 and the people to phone first; only "found" (where and when) closes it. */
function UnaccountedItem({ alert, words, chain, now, account }: ItemProps & { account: AccountRow }) {
  const [finding, setFinding] = useState(false);
  const pupilName = str(alert.pupil?.name) || str((alert.data.facts as { pupilName?: unknown })?.pupilName);
  return (
    <article
      className="alert-item is-unaccounted"
      data-testid="alert-unaccounted"
      data-undelivered={alert.undelivered ? "true" : undefined}
    >
      <p className="alert-item-title">
        <strong>{words.title}</strong>
        {words.where ? <span> · {words.where}</span> : null}
      </p>
      <p className="alert-item-meta">
        {[clockOf(alert.raisedAt), ...words.lines, agoText(alert.raisedAt, now, pb)]
          .filter(Boolean)
          .join(" · ")}
      </p>
      {alert.undelivered ? (
        <p className="alert-item-warn">{pb("unaccountedUndelivered")}</p>
      ) : finding ? (
        <Suspense fallback={null}>
          <FoundForm
            alertId={alert.id}
            pupilName={pupilName || alert.subjectId}
            actor={{ actorUserId: account.userId, schoolId: account.schoolId }}
            onClose={() => setFinding(false)}
          />
        </Suspense>
      ) : (
        <button
          type="button"
          className="alert-found-button"
          data-testid="alert-found"
          onClick={() => setFinding(true)}
        >
          {pb("found")}
        </button>
      )}
      {chain.length > 0 ? (
        <div className="alert-chain is-grid" data-testid="alert-chain">
          {chain.map((p) => (
            <CallButton key={p.id} person={p} withRole />
          ))}
        </div>
      ) : null}
    </article>
  );
}

/** A critical hazard or a disputed count: what, who is on duty to call, and a way to its page. */
function OtherItem({ alert, words, chain, now }: ItemProps) {
  const isHazard = alert.kind === "critical_hazard";
  const to = isHazard ? `/hazards/${alert.subjectId}` : disputeLink(alert.subjectId);
  return (
    <article className={isHazard ? "alert-item is-critical" : "alert-item is-disputed"}>
      <a
        href={to}
        className="alert-item-link"
        data-testid={isHazard ? "alert-critical" : "alert-disputed"}
        onClick={(event) => {
          event.preventDefault();
          navigate(to);
        }}
      >
        <span className="alert-item-title">
          <strong>{words.title}</strong>
          {words.where ? <span> · {words.where}</span> : null}
        </span>
        {words.lines.length > 0 ? (
          <span className="alert-item-lines clamp-2">{words.lines.join(" · ")}</span>
        ) : null}
        <span className="alert-item-meta">
          {[clockOf(alert.raisedAt), agoText(alert.raisedAt, now, pb)].filter(Boolean).join(" · ")}
        </span>
        <span className="alert-item-open">{isHazard ? pb("openHazard") : pb("openHandovers")} ›</span>
      </a>
      {chain.length > 0 ? (
        <div className="alert-duty" data-testid="alert-on-duty">
          <p className="alert-chain-label">{pb("onDuty")}</p>
          <div className="alert-chain is-grid">
            {chain.map((p) => (
              <CallButton key={p.id} person={p} withRole={false} />
            ))}
          </div>
        </div>
      ) : null}
    </article>
  );
}
