// The urgent lane on screen, in the sticky top of every signed-in page. Two things nobody may
// miss: an open critical hazard (重大隐患) for the people it alerts — the principal, the
// general-affairs head and the duty teachers — until it is fixed; and, for anyone on this
// phone, an urgent alert the server has not received yet, so the person phones the duty chain
// instead of trusting the app. An alert names who was on duty when the server got it
// (onDutyIds, the roster's slot holder): they come first, with a tap to call them. Light on purpose (it is part of the first screen's JavaScript):
// Dexie reads only, no zod, no protocol schemas, no mutation code.
import { useLiveQuery } from "dexie-react-hooks";
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
  // The hazard's own page already shows it.
  const critical = state.critical.filter((a) => path !== `/hazards/${a.hazardId}`);
  if (critical.length === 0 && state.undelivered === 0) return null;
  const shown = critical.slice(0, SHOWN);
  return (
    <div className="alert-banners">
      {state.undelivered > 0 ? (
        <p className="alert-banner is-undelivered" role="alert" data-testid="alert-undelivered">
          {state.undelivered === 1 ? ab("undelivered") : ab("undeliveredMany", { n: state.undelivered })}
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
