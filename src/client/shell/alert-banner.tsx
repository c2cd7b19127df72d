// The urgent lane on screen, in the sticky top of every signed-in page. Two things nobody may
// miss: an open critical hazard (重大隐患) for the people it alerts — the principal, the
// general-affairs head and the duty teachers — until it is fixed; and, for anyone on this
// phone, an urgent alert the server has not received yet, so the person phones the duty chain
// instead of trusting the app. An alert names who was on duty when the server got it
// (onDutyIds, the roster's slot holder): they come first, with a tap to call them. Light on purpose (it is part of the first screen's JavaScript):
// Dexie reads only, no zod, no protocol schemas, no mutation code.
//
// An unaccounted pupil (下落不明, SPEC §3) is shown to everyone, full width and red, on every
// page until someone records where and when the pupil was found: the pupil and class, who
// marked it and when, and the duty chain to phone (who was on duty, the class teacher, the
// admin and the principal). There is no dismiss: only "已找到", whose form (where and when,
// both required) loads in its own chunk. One not yet delivered says so and names whom to phone.
// A disputed hand-over count (HO-3) shows too, quieter, with a link to the hand-overs.
import { useLiveQuery } from "dexie-react-hooks";
import { lazy, Suspense, useState } from "react";
import type { Role } from "../../domain/roles.ts";
import { type AccountRow, db } from "../db/db.ts";
import { defineMessages } from "../ui/i18n.ts";
import { navigate, useLocation } from "../ui/router.ts";
import "./alert-banner.css";

const ab = defineMessages({
  critical: { zh: "重大隐患：{message}", en: "Critical hazard: {message}" },
  open: { zh: "点击查看", en: "Tap to open" },
  more: { zh: "另有 {n} 条重大隐患", en: "{n} more critical hazards" },
  onDuty: { zh: "值班：", en: "On duty: " },
  call: { zh: "拨打 {name} {phone}", en: "Call {name} {phone}" },
  undelivered: {
    zh: "紧急报警尚未送达，请立即电话通知值班领导",
    en: "An urgent alert has not been delivered yet: phone the duty leader now",
  },
  unaccounted: { zh: "下落不明：{name}", en: "UNACCOUNTED: {name}" },
  unaccountedBy: { zh: "{who} {time} 点名时标记", en: "marked by {who} at {time}" },
  unaccountedUndelivered: {
    zh: "此报警尚未送达！请立即电话通知：",
    en: "This alert has NOT been delivered! Phone now:",
  },
  unaccountedCall: { zh: "请电话联系：", en: "Phone:" },
  found: { zh: "已找到…", en: "Found…" },
  disputed: { zh: "交接人数不符：{message}", en: "Hand-over counts differ: {message}" },
  roleDuty: { zh: "值班", en: "on duty" },
  roleClassTeacher: { zh: "班主任", en: "class teacher" },
  roleAdmin: { zh: "总务", en: "admin" },
  rolePrincipal: { zh: "校长", en: "principal" },
  undeliveredMany: {
    zh: "{n} 条紧急报警尚未送达，请立即电话通知值班领导",
    en: "{n} urgent alerts have not been delivered yet: phone the duty leader now",
  },
});

/** Who is alerted of a critical hazard at once (SPEC §2: the principal and the admin; duty teachers too). */
const ALERTED: readonly Role[] = ["admin", "principal", "duty_teacher"];
const SHOWN = 2;

/** The alert entity as pulled (protocol/sync.ts AlertEntity), read without its schema. */
interface AlertData {
  id?: unknown;
  kind?: unknown;
  subjectId?: unknown;
  message?: unknown;
  status?: unknown;
  raisedAt?: unknown;
  /** Optional: alerts raised before rosters have none. */
  onDutyIds?: unknown;
}

interface StaffData {
  name?: unknown;
  phone?: unknown;
  roles?: unknown;
  isActive?: unknown;
}

const FoundForm = lazy(() =>
  import("../features/boarders/found-form.tsx").then((m) => ({ default: m.FoundForm })),
);

/** Someone to phone about an unaccounted pupil, with why them. */
interface ChainPerson {
  id: string;
  name: string;
  phone: string | null;
  role: "roleDuty" | "roleClassTeacher" | "roleAdmin" | "rolePrincipal";
}

interface UnaccountedAlert {
  id: string;
  pupilId: string;
  pupilName: string;
  className: string;
  raisedBy: string;
  raisedAt: string;
  /** Not yet received by the server (queued on this phone). */
  undelivered: boolean;
  chain: ChainPerson[];
}

interface DisputedAlert {
  id: string;
  message: string;
}

const str = (v: unknown): string => (typeof v === "string" ? v : "");
const GRADE_ZH = ["一", "二", "三", "四", "五", "六"];

/**
 * Open unaccounted-pupil alerts (pulled, or queued on this phone and not yet delivered) and
 * open disputed hand-overs, each with what the banner says.
 */
async function readPupilAlerts(schoolId: string, userId: string, roles: readonly Role[]) {
  const [rows, queued] = await Promise.all([
    db.view.where("[schoolId+entityType]").equals([schoolId, "alert"]).toArray(),
    db.urgentAlerts.where("[schoolId+status]").equals([schoolId, "pending"]).toArray(),
  ]);
  type Raw = {
    id: string;
    pupilId: string;
    raisedBy: string;
    raisedAt: string;
    onDutyIds: string[];
    undelivered: boolean;
  };
  const raw: Raw[] = [];
  const disputedRaw: { id: string; handoverId: string; message: string }[] = [];
  const pulled = new Set<string>();
  for (const row of rows) {
    const a = row.data as (AlertData & { raisedBy?: unknown }) | null;
    if (!a) continue;
    const id = str(a.id) || row.entityId;
    pulled.add(id);
    if (a.status !== "open") continue;
    if (a.kind === "unaccounted_pupil")
      raw.push({
        id,
        pupilId: str(a.subjectId),
        raisedBy: str(a.raisedBy),
        raisedAt: str(a.raisedAt),
        onDutyIds: Array.isArray(a.onDutyIds)
          ? a.onDutyIds.filter((x): x is string => typeof x === "string")
          : [],
        undelivered: false,
      });
    else if (a.kind === "handover_disputed")
      disputedRaw.push({ id, handoverId: str(a.subjectId), message: str(a.message) });
  }
  for (const q of queued) {
    if (q.kind !== "unaccounted_pupil" || pulled.has(q.alertId)) continue;
    raw.push({
      id: q.alertId,
      pupilId: q.subjectId,
      raisedBy: q.actorUserId,
      raisedAt: q.clientCreatedAt,
      onDutyIds: [],
      undelivered: true,
    });
  }
  // A disputed hand-over: for those who run the school and the two people in it.
  const handovers = await db.view.bulkGet(
    disputedRaw.map((d) => ["handover", d.handoverId] as ["handover", string]),
  );
  const isAlerted = roles.some((r) => ALERTED.includes(r) || r === "dorm_caretaker");
  const disputed: DisputedAlert[] = disputedRaw
    .filter((_d, i) => {
      const h = handovers[i]?.data as
        | { give?: { by?: unknown } | null; receive?: { by?: unknown } | null }
        | undefined;
      return isAlerted || h?.give?.by === userId || h?.receive?.by === userId;
    })
    .map((d) => ({ id: d.id, message: d.message.replace(/^[^/]*\/ [^:]*: /, "") }));
  if (raw.length === 0) return { unaccounted: [] as UnaccountedAlert[], disputed };

  const pupils = await db.view.bulkGet(raw.map((r) => ["pupil", r.pupilId] as ["pupil", string]));
  const classIds = pupils.map((p) => str((p?.data as { classId?: unknown } | undefined)?.classId));
  const classes = await db.view.bulkGet(classIds.map((id) => ["class", id] as ["class", string]));
  const staffRows = await db.view.where("[schoolId+entityType]").equals([schoolId, "staff"]).toArray();
  const staff = new Map<string, StaffData>();
  for (const row of staffRows) staff.set(row.entityId, (row.data ?? {}) as StaffData);
  const person = (id: string, role: ChainPerson["role"]): ChainPerson | null => {
    const s = staff.get(id);
    if (!s || typeof s.name !== "string") return null;
    const phone = typeof s.phone === "string" && s.phone.trim() ? s.phone.trim() : null;
    return { id, name: s.name, phone, role };
  };
  const leaders = [...staff.entries()].filter(([, s]) => s.isActive !== false && Array.isArray(s.roles));
  const unaccounted = raw.map((r, i): UnaccountedAlert => {
    const pupil = pupils[i]?.data as { name?: unknown } | undefined;
    const cls = classes[i]?.data as { grade?: unknown; name?: unknown; classTeacherId?: unknown } | undefined;
    const className =
      cls && typeof cls.grade === "number"
        ? `${GRADE_ZH[cls.grade - 1] ?? cls.grade}年级${str(cls.name)}`
        : "";
    // The duty chain, in the order to phone: on duty, the class teacher, the admin, the principal.
    const chain: ChainPerson[] = [];
    const add = (p: ChainPerson | null) => {
      if (p && !chain.some((c) => c.id === p.id)) chain.push(p);
    };
    for (const id of r.onDutyIds) add(person(id, "roleDuty"));
    if (typeof cls?.classTeacherId === "string") add(person(cls.classTeacherId, "roleClassTeacher"));
    for (const [id, s] of leaders) if ((s.roles as unknown[]).includes("admin")) add(person(id, "roleAdmin"));
    for (const [id, s] of leaders)
      if ((s.roles as unknown[]).includes("principal")) add(person(id, "rolePrincipal"));
    return {
      id: r.id,
      pupilId: r.pupilId,
      pupilName: typeof pupil?.name === "string" ? pupil.name : r.pupilId,
      className,
      raisedBy: str(staff.get(r.raisedBy)?.name),
      raisedAt: r.raisedAt,
      undelivered: r.undelivered,
      chain: chain.filter((c) => c.id !== userId || chain.length === 1),
    };
  });
  unaccounted.sort((a, b) => b.raisedAt.localeCompare(a.raisedAt));
  return { unaccounted, disputed };
}

interface OnDuty {
  id: string;
  name: string;
  phone: string | null;
}

interface HazardData {
  areaId?: unknown;
  place?: unknown;
  description?: unknown;
  state?: unknown;
}

interface CriticalAlert {
  id: string;
  hazardId: string;
  message: string;
  raisedAt: string;
  onDutyIds: string[];
  onDuty: OnDuty[];
}

async function readAlerts(schoolId: string, isAlerted: boolean) {
  const [rows, undelivered] = await Promise.all([
    isAlerted ? db.view.where("[schoolId+entityType]").equals([schoolId, "alert"]).toArray() : [],
    db.urgentAlerts.where("[schoolId+status]").equals([schoolId, "pending"]).count(),
  ]);
  const open: CriticalAlert[] = [];
  for (const row of rows) {
    const a = row.data as AlertData | null;
    if (a?.kind !== "critical_hazard" || a.status !== "open") continue;
    if (typeof a.subjectId !== "string") continue;
    open.push({
      id: typeof a.id === "string" ? a.id : row.entityId,
      hazardId: a.subjectId,
      // The server writes "重大隐患 / Critical hazard: …"; the banner says that itself.
      message: typeof a.message === "string" ? a.message.replace(/^重大隐患 \/ Critical hazard: /, "") : "",
      raisedAt: typeof a.raisedAt === "string" ? a.raisedAt : "",
      onDutyIds: Array.isArray(a.onDutyIds)
        ? a.onDutyIds.filter((id): id is string => typeof id === "string").slice(0, 4)
        : [],
      onDuty: [],
    });
  }
  // The people on duty by name and phone, from the staff on this phone.
  const dutyIds = [...new Set(open.flatMap((a) => a.onDutyIds))];
  const staffRows = await db.view.bulkGet(dutyIds.map((id) => ["staff", id] as ["staff", string]));
  const people = new Map<string, OnDuty>();
  dutyIds.forEach((id, i) => {
    const s = (staffRows[i]?.data ?? null) as StaffData | null;
    if (!s || typeof s.name !== "string") return;
    const phone = typeof s.phone === "string" && s.phone.trim() ? s.phone.trim() : null;
    people.set(id, { id, name: s.name, phone });
  });
  for (const a of open) a.onDuty = a.onDutyIds.flatMap((id) => people.get(id) ?? []);
  // A hazard already rectified or closed on this phone's view no longer needs the banner, even
  // before the server marks its alert resolved. When the hazard is here, say where and what in
  // the reader's language; else the alert's own (bilingual) message.
  const hazards = await db.view.bulkGet(open.map((a) => ["hazard", a.hazardId] as ["hazard", string]));
  const data = hazards.map((h) => (h?.data ?? null) as HazardData | null);
  const areas = await db.view.bulkGet(
    data.map((h) => ["area", typeof h?.areaId === "string" ? h.areaId : ""] as ["area", string]),
  );
  const critical = open
    .map((alert, i) => {
      const hazard = data[i];
      if (!hazard || typeof hazard.description !== "string") return { alert, state: undefined };
      const area = (areas[i]?.data as { name?: unknown } | undefined)?.name;
      const where = [
        typeof area === "string" ? area : "",
        typeof hazard.place === "string" ? hazard.place : "",
      ]
        .filter(Boolean)
        .join(" · ");
      return {
        alert: { ...alert, message: where ? `${where} — ${hazard.description}` : hazard.description },
        state: hazard.state,
      };
    })
    .filter(({ state }) => state !== "rectified" && state !== "closed")
    .map(({ alert }) => alert)
    .sort((a, b) => b.raisedAt.localeCompare(a.raisedAt))
    // One banner per hazard, even if two alerts were raised for it (the urgent lane and the
    // server may each have made one when a hazard was raised to critical).
    .filter((alert, i, all) => all.findIndex((other) => other.hazardId === alert.hazardId) === i);
  return { critical, undelivered };
}

export function AlertBanner({ account }: { account: AccountRow }) {
  const isAlerted = account.roles.some((r) => ALERTED.includes(r));
  const { path } = useLocation();
  const state = useLiveQuery(() => readAlerts(account.schoolId, isAlerted), [account.schoolId, isAlerted], {
    critical: [] as CriticalAlert[],
    undelivered: 0,
  });
  const pupilAlerts = useLiveQuery(
    () => readPupilAlerts(account.schoolId, account.userId, account.roles),
    [account.schoolId, account.userId, account.roles.join()],
    { unaccounted: [] as UnaccountedAlert[], disputed: [] as DisputedAlert[] },
  );
  // The hazard's own page already shows it.
  const critical = state.critical.filter((a) => path !== `/hazards/${a.hazardId}`);
  const { unaccounted, disputed } = pupilAlerts;
  // An undelivered unaccounted alert says so itself; the general line counts the others.
  const otherUndelivered = state.undelivered - unaccounted.filter((a) => a.undelivered).length;
  if (critical.length === 0 && state.undelivered === 0 && unaccounted.length === 0 && disputed.length === 0)
    return null;
  const shown = critical.slice(0, SHOWN);
  return (
    <div className="alert-banners">
      {unaccounted.map((a) => (
        <UnaccountedBanner key={a.id} alert={a} account={account} />
      ))}
      {otherUndelivered > 0 ? (
        <p className="alert-banner is-undelivered" role="alert" data-testid="alert-undelivered">
          {otherUndelivered === 1 ? ab("undelivered") : ab("undeliveredMany", { n: otherUndelivered })}
        </p>
      ) : null}
      <div role="alert" className="alert-banners">
        {shown.map((a) => (
          <div key={a.id} className="alert-banners">
            {a.onDuty.length > 0 ? <OnDutyLine people={a.onDuty} /> : null}
            <a
              href={`/hazards/${a.hazardId}`}
              className="alert-banner is-critical"
              data-testid="alert-critical"
              onClick={(event) => {
                event.preventDefault();
                navigate(`/hazards/${a.hazardId}`);
              }}
            >
              <span className="alert-banner-text clamp-2">{ab("critical", { message: a.message })}</span>
              <span className="alert-banner-open">{ab("open")} ›</span>
            </a>
          </div>
        ))}
      </div>
      {disputed.map((d) => (
        <a
          key={d.id}
          href="/handovers"
          className="alert-banner is-disputed"
          data-testid="alert-disputed"
          onClick={(event) => {
            event.preventDefault();
            navigate("/handovers");
          }}
        >
          <span className="alert-banner-text clamp-2">{ab("disputed", { message: d.message })}</span>
          <span className="alert-banner-open">{ab("open")} ›</span>
        </a>
      ))}
      {critical.length > SHOWN ? (
        <a
          href="/board"
          className="alert-banner is-critical is-more"
          onClick={(event) => {
            event.preventDefault();
            navigate("/board");
          }}
        >
          {ab("more", { n: critical.length - SHOWN })} ›
        </a>
      ) : null}
    </div>
  );
}

/** "值班：张三 138…": the people on duty first, each a tap to call. */
function OnDutyLine({ people }: { people: readonly OnDuty[] }) {
  return (
    <p className="alert-banner is-critical is-duty" data-testid="alert-on-duty">
      <span>{ab("onDuty")}</span>
      {people.map((p) =>
        p.phone ? (
          <a
            key={p.id}
            href={`tel:${p.phone.replace(/[^\d+]/g, "")}`}
            className="alert-call"
            aria-label={ab("call", { name: p.name, phone: p.phone })}
          >
            {p.name} {p.phone}
          </a>
        ) : (
          <span key={p.id}>{p.name}</span>
        ),
      )}
    </p>
  );
}

function clockOf(iso: string): string {
  const ms = Date.parse(iso);
  if (Number.isNaN(ms)) return "";
  const d = new Date(ms);
  return `${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;
}

/** 下落不明: red, full width, no dismiss; only "已找到" (where and when) closes it. */
function UnaccountedBanner({ alert, account }: { alert: UnaccountedAlert; account: AccountRow }) {
  const [finding, setFinding] = useState(false);
  return (
    <section
      role="alert"
      className={
        alert.undelivered ? "alert-banner is-unaccounted is-undelivered" : "alert-banner is-unaccounted"
      }
      data-testid="alert-unaccounted"
      data-undelivered={alert.undelivered ? "true" : undefined}
    >
      <p className="alert-unaccounted-head">
        <strong>{ab("unaccounted", { name: alert.pupilName })}</strong>
        {alert.className ? <span> · {alert.className}</span> : null}
      </p>
      <p className="alert-unaccounted-by">
        {ab("unaccountedBy", { who: alert.raisedBy, time: clockOf(alert.raisedAt) })}
      </p>
      <p className="alert-unaccounted-chain" data-testid="alert-chain">
        <span>{alert.undelivered ? ab("unaccountedUndelivered") : ab("unaccountedCall")}</span>
        {alert.chain.map((p) =>
          p.phone ? (
            <a
              key={p.id}
              href={`tel:${p.phone.replace(/[^\d+]/g, "")}`}
              className="alert-call"
              aria-label={ab("call", { name: p.name, phone: p.phone })}
            >
              {ab(p.role)} {p.name} {p.phone}
            </a>
          ) : (
            <span key={p.id} className="alert-call is-nophone">
              {ab(p.role)} {p.name}
            </span>
          ),
        )}
      </p>
      {alert.undelivered ? null : finding ? (
        <Suspense fallback={null}>
          <FoundForm
            alertId={alert.id}
            pupilName={alert.pupilName}
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
          {ab("found")}
        </button>
      )}
    </section>
  );
}
