// 人数不符 /dispute?id={handoverId} (domain/handover.ts HO-7): a hand-over whose counts differ,
// with what it takes to sort it out on one screen — both counts, the names the giver marked,
// the pupils the receiver did not see (or that only the count was reported), a call button for
// each side, and 已核实 with what was checked, by the giver, the receiver or an admin, which
// settles it and closes its alert. Offline: the step waits in the outbox like any other.
import { useLiveQuery } from "dexie-react-hooks";
import { useState } from "react";
import { HANDOVER_LABELS, type Handover } from "../../../domain/handover.ts";
import { EXCEPTION_LABELS } from "../../../domain/roll-call.ts";
import { type AccountRow, db } from "../../db/db.ts";
import { resolveDispute } from "../../db/handover-edits.ts";
import { getHandover } from "../../db/handover-view.ts";
import { inLang, useLang } from "../../ui/i18n.ts";
import { BackLink, NoDirectory, PageNotice, Splash } from "../../ui/page-parts.tsx";
import { useLocation } from "../../ui/router.ts";
import {
  type SchoolDirectory,
  schoolMoment,
  staffName,
  useSchoolDirectory,
} from "../../ui/school-directory.ts";
import { type BoardersData, useBoardersData } from "../boarders/boarders-data.ts";
import { groupName } from "./group-name.ts";
import { StateTag } from "./handover-parts.tsx";
import { ho } from "./handovers-text.ts";
import "./handovers.css";

export function DisputePage({ account }: { account: AccountRow }) {
  useLang();
  const directory = useSchoolDirectory(account.schoolId);
  const data = useBoardersData(account.schoolId);
  const { search } = useLocation();
  const id = search.get("id") ?? "";
  const entry = useLiveQuery(async () => (await getHandover(db, id)) ?? null, [id]);
  const back = <BackLink to="/handovers" label={ho("handoversTitle")} />;
  if (!directory)
    return (
      <NoDirectory directory={directory} title={ho("disputeTitle")} message={ho("noSchool")} back={back} />
    );
  if (entry === undefined || !data) return <Splash />;
  if (entry === null || !entry.entity.give || !entry.entity.receive)
    return (
      <PageNotice
        title={ho("disputeTitle")}
        message={ho("disputeNotFound")}
        back={back}
        testId="dispute-not-found"
      />
    );
  return (
    <Dispute
      account={account}
      directory={directory}
      data={data}
      handover={entry.entity}
      isPending={entry.hasPendingChanges}
      back={back}
    />
  );
}

function Dispute({
  account,
  directory,
  data,
  handover,
  isPending,
  back,
}: {
  account: AccountRow;
  directory: SchoolDirectory;
  data: BoardersData;
  handover: Handover;
  isPending: boolean;
  back: React.ReactNode;
}) {
  const tz = directory.settings.timeZone;
  const give = handover.give;
  const receive = handover.receive;
  if (!give || !receive) return null;
  const nameOf = (pupilId: string) => data.pupilById.get(pupilId)?.name ?? pupilId;
  const where = `${inLang(HANDOVER_LABELS[handover.kind])} · ${groupName(handover.group, directory, data.roomById)}`;
  const missing = receive.missing ?? [];
  const settled = handover.resolution;

  return (
    <div className="page stack dispute-page" data-testid="dispute-page" data-state={handover.state}>
      {back}
      <div>
        <h1 className="rc-title">{ho("disputeTitle")}</h1>
        <p className="muted">{where}</p>
        <p className="muted">{ho("dateLine", { date: handover.date })}</p>
        <StateTag handover={handover} isLate={handover.late} />
      </div>
      {handover.state !== "disputed" && handover.state !== "resolved" ? (
        <p className="card muted" data-testid="dispute-none">
          {ho("disputeNone")}
        </p>
      ) : null}
      <section className="card stack-small ho-dispute-counts" data-testid="dispute-counts">
        <div className="ho-dispute-side">
          <strong className="ho-dispute-n" data-testid="dispute-given" data-count={give.presentCount}>
            {ho("disputeGiven", { n: give.presentCount })}
          </strong>
          <small className="muted">
            {ho("disputeGiver")} · {schoolMoment(give.at, tz)}
          </small>
          <Caller id={give.by} directory={directory} />
        </div>
        <div className="ho-dispute-side">
          <strong
            className="ho-dispute-n danger-text"
            data-testid="dispute-received"
            data-count={receive.count}
          >
            {ho("disputeReceived", { n: receive.count })}
          </strong>
          <small className="muted">
            {ho("disputeReceiver")} · {schoolMoment(receive.at, tz)}
          </small>
          <Caller id={receive.by} directory={directory} />
        </div>
      </section>
      <section className="card stack-small">
        <h2 className="section-title">{ho("disputeMissing")}</h2>
        {missing.length > 0 ? (
          <ul className="ho-exceptions" data-testid="dispute-missing">
            {missing.map((id) => (
              <li key={id} className="danger-text">
                {nameOf(id)}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted" data-testid="dispute-count-only">
            {ho("disputeCountOnly")}
          </p>
        )}
      </section>
      <section className="card stack-small">
        <h2 className="section-title">{ho("disputeGiverMarked")}</h2>
        {give.rollCall.exceptions.length > 0 ? (
          <ul className="ho-exceptions" data-testid="dispute-exceptions">
            {give.rollCall.exceptions.map((e) => (
              <li key={e.pupilId}>
                {nameOf(e.pupilId)}：{inLang(EXCEPTION_LABELS[e.reason])}
                {e.pickedUpBy ? `（${e.pickedUpBy}）` : ""}
              </li>
            ))}
          </ul>
        ) : (
          <p className="muted">{ho("disputeGiverNone")}</p>
        )}
      </section>
      {settled ? (
        <section className="card stack-small" data-testid="dispute-settled">
          <p className="ok-text">
            {ho("resolvedBy", { name: staffName(directory, settled.by), time: schoolMoment(settled.at, tz) })}
          </p>
          <p>{settled.note}</p>
          {isPending ? <small className="muted">{ho("saving")}</small> : null}
        </section>
      ) : handover.state === "disputed" ? (
        <ResolveForm account={account} handover={handover} />
      ) : null}
      <a className="button button-secondary" href={rollCallLink(handover)}>
        {ho("view")}
      </a>
    </div>
  );
}

/** One side of the dispute: the name and a call button a thumb can hit. */
function Caller({ id, directory }: { id: string; directory: SchoolDirectory }) {
  const phone = directory.staffById.get(id)?.phone?.trim();
  const name = staffName(directory, id);
  return (
    <>
      <strong>{name}</strong>
      {phone ? (
        <a
          className="button button-secondary ho-call"
          href={`tel:${phone}`}
          aria-label={`${ho("call")} ${name} ${phone}`}
        >
          {ho("call")}
        </a>
      ) : (
        <small className="muted">{ho("noPhone")}</small>
      )}
    </>
  );
}

const rollCallLink = (h: Handover) =>
  `/roll-call/${h.kind}/${h.group.kind === "class" ? h.group.classId : h.group.roomId}?date=${h.date}`;

function ResolveForm({ account, handover }: { account: AccountRow; handover: Handover }) {
  const [note, setNote] = useState("");
  const [problem, setProblem] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  const isParty = handover.give?.by === account.userId || handover.receive?.by === account.userId;
  if (!isParty && !account.roles.includes("admin"))
    return (
      <p className="card muted" data-testid="dispute-who">
        {ho("resolveWho")}
      </p>
    );

  async function save() {
    // HO-7 needs what was checked: a note left empty never waits in the outbox.
    if (!note.trim()) {
      setProblem(ho("resolveNoteMissing"));
      return;
    }
    setIsBusy(true);
    setProblem(null);
    try {
      await resolveDispute(
        db,
        { actorUserId: account.userId, schoolId: account.schoolId },
        handover.id,
        note.trim(),
      );
    } catch (e) {
      setProblem(ho("saveFailed", { message: e instanceof Error ? e.message : String(e) }));
    } finally {
      setIsBusy(false);
    }
  }

  return (
    <section className="card stack-small" data-testid="dispute-resolve">
      <h2 className="section-title">{ho("resolveTitle")}</h2>
      <label className="field">
        <span className="field-label">{ho("resolveNote")}</span>
        <textarea
          className="input"
          name="resolveNote"
          rows={3}
          maxLength={500}
          placeholder={ho("resolveNotePlaceholder")}
          value={note}
          aria-invalid={problem ? true : undefined}
          onChange={(e) => {
            setNote(e.target.value);
            setProblem(null);
          }}
        />
        {problem ? <small className="field-error">{problem}</small> : null}
      </label>
      <button
        type="button"
        className="button"
        disabled={isBusy}
        data-testid="dispute-resolve-save"
        onClick={() => void save()}
      >
        {isBusy ? ho("saving") : ho("resolveSave")}
      </button>
    </section>
  );
}
