import { useState } from "react";
import { HANDOVER_LABELS, type Handover } from "../../../domain/handover.ts";
import { EXCEPTION_LABELS, type RollCallGroup } from "../../../domain/roll-call.ts";
import { isSchoolDay } from "../../../domain/school-calendar.ts";
import { slotAt } from "../../../domain/time-slots.ts";
import type { AccountRow } from "../../db/db.ts";
import { inLang, useLang } from "../../ui/i18n.ts";
import { NoDirectory, Splash } from "../../ui/page-parts.tsx";
import { navigate } from "../../ui/router.ts";
import {
  type SchoolDirectory,
  schoolMoment,
  staffName,
  useSchoolDirectory,
} from "../../ui/school-directory.ts";
import { useNow } from "../../ui/use-now.ts";
import { handoversInOrder } from "../home/waiting-model.ts";
import { wt } from "../home/waiting-text.ts";
import { groupName } from "./group-name.ts";
import { HandoverSummary, ReceivePanel, StateTag } from "./handover-parts.tsx";
import { buildMyHandovers, type HandoverItem, historyOf } from "./handovers-model.ts";
import { ho } from "./handovers-text.ts";
import { type BoarderData, namedGroups, useBoarderData } from "./roll-call-data.ts";
import "./handovers.css";

const HISTORY_DAYS = 14;

export function HandoversPage({ account }: { account: AccountRow }) {
  useLang();
  const now = useNow(30_000);
  const directory = useSchoolDirectory(account.schoolId);
  if (!directory)
    return <NoDirectory directory={directory} title={ho("handoversTitle")} message={ho("noSchool")} />;
  return <Handovers account={account} directory={directory} now={now} />;
}

function Handovers({
  account,
  directory,
  now,
}: {
  account: AccountRow;
  directory: SchoolDirectory;
  now: Date;
}) {
  const settings = directory.settings;
  const date = slotAt(settings.timeSlots, now, settings.timeZone).dutyDate;
  const data = useBoarderData(account.schoolId, date, settings.timeZone, HISTORY_DAYS);
  if (!data) return <Splash />;
  const { classes, rooms } = namedGroups(directory, data);
  const mine = buildMyHandovers({
    me: { id: account.userId, roles: account.roles },
    date,
    now,
    settings,
    classes,
    rooms,
    roster: data.roster,
    isSchoolDay: isSchoolDay(date, settings),
    handovers: data.handovers.filter((e) => e.entity.date === date),
  });
  const row = (item: HandoverItem, role: "give" | "receive" | "watch") => (
    <ItemRow
      key={`${role}|${item.key}`}
      item={item}
      role={role}
      account={account}
      directory={directory}
      data={data}
    />
  );
  // What waits for me first, then what I must give, then the rest (home/waiting-model.ts).
  // A dispute whose alert is closed no longer waits (home/waiting-model.ts isOpenDispute).
  const order = handoversInOrder(mine, { id: account.userId, roles: account.roles }, data.alertStatus);
  const isEmpty =
    mine.toGive.length + mine.toReceive.length + mine.bedChecks.length + order.toReceive.length === 0;
  return (
    <div className="page stack handovers-page">
      <div>
        <h1>{ho("handoversTitle")}</h1>
        <p className="muted">{ho("dateLine", { date })}</p>
        <small className="muted">{ho("handoversIntro")}</small>
      </div>
      {isEmpty && !mine.all ? (
        <p className="card muted" data-testid="handovers-none">
          {ho("noneMine")}
        </p>
      ) : null}
      {order.toReceive.length > 0 ? (
        <Section id="to-receive" title={ho("toReceive", { n: order.toReceive.length })}>
          {order.toReceive.map((i) => row(i, "receive"))}
        </Section>
      ) : null}
      {order.disputes.length > 0 ? (
        <Section id="disputes" title={wt("disputesSection", { n: order.disputes.length })}>
          {order.disputes.map((i) => row(i, "watch"))}
        </Section>
      ) : null}
      {order.toGive.length > 0 ? (
        <Section id="to-give" title={ho("toGive", { n: order.toGive.length })}>
          {order.toGive.map((i) => row(i, "give"))}
        </Section>
      ) : null}
      {mine.bedChecks.length > 0 ? (
        <Section id="bed-checks" title={ho("bedChecks", { n: mine.bedChecks.length })}>
          {mine.bedChecks.map((i) => (
            <BedCheckRow key={i.key} item={i} directory={directory} />
          ))}
        </Section>
      ) : null}
      {order.rest.length > 0 ? (
        <Section id="rest" title={wt("restSection", { n: order.rest.length })}>
          {order.rest.map(({ item, role }) => row(item, role))}
        </Section>
      ) : null}
      {mine.all ? (
        <Section id="all" title={ho("allGroups", { n: mine.all.length })}>
          {mine.all.map((i) => row(i, "watch"))}
        </Section>
      ) : null}
      <History directory={directory} data={data} classes={classes} rooms={rooms} />
    </div>
  );
}

function Section({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section className="stack-small" data-testid={`handovers-${id}`} aria-labelledby={`ho-${id}`}>
      <h2 id={`ho-${id}`} className="section-title">
        {title}
      </h2>
      <ul className="ho-list">{children}</ul>
    </section>
  );
}

function ItemRow({
  item,
  role,
  account,
  directory,
  data,
}: {
  item: HandoverItem;
  role: "give" | "receive" | "watch";
  account: AccountRow;
  directory: SchoolDirectory;
  data: BoarderData;
}) {
  const h = item.handover;
  const waitsForMe = role === "receive" && h?.give && !h.receive && h.give.by !== account.userId;
  const action = role === "give" && !h?.give ? ho("openRollCall") : ho("view");
  return (
    <li
      className={item.isLate && h?.state !== "completed" ? "card ho-item is-late" : "card ho-item"}
      data-testid="ho-item"
      data-key={item.key}
    >
      <div className="ho-item-head">
        <span>
          <strong>{item.groupName}</strong>{" "}
          <small className="muted">{inLang(HANDOVER_LABELS[item.kind])}</small>
        </span>
        <StateTag handover={h} isLate={item.isLate} />
      </div>
      {h?.give || h?.receive ? (
        <HandoverSummary
          handover={h}
          directory={directory}
          pupilById={data.pupilById}
          isPending={item.isPending}
        />
      ) : null}
      {waitsForMe && h ? (
        <ReceivePanel
          handover={h}
          account={account}
          directory={directory}
          receiverIds={item.receiverIds}
          pupilById={data.pupilById}
        />
      ) : null}
      <a
        href={item.link}
        className="button button-secondary button-small"
        data-testid="ho-open"
        onClick={(event) => {
          event.preventDefault();
          navigate(item.link);
        }}
      >
        {action}
      </a>
    </li>
  );
}

function BedCheckRow({ item, directory }: { item: HandoverItem; directory: SchoolDirectory }) {
  const checks = item.checks ?? [];
  const last = checks[checks.length - 1];
  return (
    <li className="card ho-item" data-testid="ho-bed-check">
      <div className="ho-item-head">
        <strong>{item.groupName}</strong>
        <small className="muted">
          {checks.length > 0 ? ho("bedCheckCount", { n: checks.length }) : ho("bedCheckNone")}
          {last?.give ? ` · ${schoolMoment(last.give.at, directory.settings.timeZone)}` : ""}
        </small>
      </div>
      <a
        href={item.link}
        className="button button-small"
        onClick={(event) => {
          event.preventDefault();
          navigate(item.link);
        }}
      >
        {ho("openRollCall")}
      </a>
    </li>
  );
}

function History({
  directory,
  data,
  classes,
  rooms,
}: {
  directory: SchoolDirectory;
  data: BoarderData;
  classes: { id: string; name: string; boarderCount: number }[];
  rooms: { id: string; name: string; boarderCount: number }[];
}) {
  const [choice, setChoice] = useState("");
  const [kind, id] = choice.split(":");
  const group: RollCallGroup | null =
    kind === "class" && id
      ? { kind: "class", classId: id }
      : kind === "room" && id
        ? { kind: "room", roomId: id }
        : null;
  const list = group
    ? historyOf(
        data.handovers.map((e) => e.entity),
        group,
      )
    : [];
  const tz = directory.settings.timeZone;
  return (
    <section className="card stack-small" data-testid="ho-history">
      <h2 className="section-title">{ho("historyTitle")}</h2>
      <label className="field">
        <span className="field-label">{ho("historyPick")}</span>
        <select
          className="input"
          name="historyGroup"
          value={choice}
          onChange={(e) => setChoice(e.target.value)}
        >
          <option value="">—</option>
          <optgroup label={ho("classes")}>
            {classes
              .filter((c) => c.boarderCount > 0)
              .map((c) => (
                <option key={c.id} value={`class:${c.id}`}>
                  {c.name}
                </option>
              ))}
          </optgroup>
          <optgroup label={ho("rooms")}>
            {rooms.map((r) => (
              <option key={r.id} value={`room:${r.id}`}>
                {r.name}
              </option>
            ))}
          </optgroup>
        </select>
      </label>
      {group ? (
        list.length === 0 ? (
          <p className="muted">{ho("historyNone", { n: HISTORY_DAYS })}</p>
        ) : (
          <ul className="ho-history-list">
            {list.map((h) => (
              <HistoryRow key={h.id} handover={h} directory={directory} data={data} timeZone={tz} />
            ))}
          </ul>
        )
      ) : null}
    </section>
  );
}

function HistoryRow({
  handover: h,
  directory,
  data,
  timeZone,
}: {
  handover: Handover;
  directory: SchoolDirectory;
  data: BoarderData;
  timeZone: string;
}) {
  const exceptions = h.give?.rollCall.exceptions ?? [];
  return (
    <li className="ho-history-row" data-testid="ho-history-row">
      <p className="ho-item-head">
        <span>
          <strong>{h.date}</strong> {inLang(HANDOVER_LABELS[h.kind])}
        </span>
        <StateTag handover={h} isLate={h.late} />
      </p>
      <small>
        {h.give ? `${staffName(directory, h.give.by)} ${schoolMoment(h.give.at, timeZone)}` : ho("notGiven")}
        {h.receive ? ` → ${staffName(directory, h.receive.by)} ${schoolMoment(h.receive.at, timeZone)}` : ""}
      </small>
      {h.give ? (
        <small>
          {ho("counts", {
            expected: h.give.rollCall.expected.length,
            present: h.give.presentCount,
          })}
          {h.receive && h.receive.count !== h.give.presentCount
            ? ` · ${ho("countsDiffer", { give: h.give.presentCount, receive: h.receive.count })}`
            : ""}
        </small>
      ) : null}
      {exceptions.length > 0 ? (
        <small>
          {ho("exceptionsLine", {
            list: exceptions
              .map(
                (e) =>
                  `${data.pupilById.get(e.pupilId)?.name ?? e.pupilId} ${inLang(EXCEPTION_LABELS[e.reason])}`,
              )
              .join("、"),
          })}
        </small>
      ) : null}
      <small className="muted">{groupName(h.group, directory, data.roomById)}</small>
    </li>
  );
}
