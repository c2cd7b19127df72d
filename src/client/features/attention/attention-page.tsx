// 需要处理: this person's changes the server refused (rejected) or could not apply because
// someone changed the record first (conflict), with the reason in the school's words and, for
// a conflict, the server's version beside what the person tried. 重做 sends the change again on
// top of the server's version; 忽略 (after a confirm) lets it go. Nothing leaves this list
// without a person deciding (SYNC S4).
import { useLiveQuery } from "dexie-react-hooks";
import { useState } from "react";
import { type AccountRow, db, type OutboxRow } from "../../db/db.ts";
import { dismiss, listNeedsAttention, redo } from "../../db/mutation-store.ts";
import { listEntries } from "../../db/reference-view.ts";
import {
  compareFields,
  type EntityTypeName,
  entityTypeLabel,
  et,
  type NameLookup,
  recordTitle,
  refusalText,
} from "../../ui/entity-text.ts";
import { classLabel, defineMessages, formatMoment, getLang, labelled, t } from "../../ui/i18n.ts";
import { navigate } from "../../ui/router.ts";

const at = defineMessages({
  intro: {
    zh: "下面是您在本机做的、服务器没有接受的修改。请逐条决定：重做，或忽略。",
    en: "These are changes you made on this phone that the server did not accept. Decide for each: redo or dismiss.",
  },
  statusConflict: { zh: "有冲突", en: "Conflict" },
  statusRejected: { zh: "被拒绝", en: "Refused" },
  madeAt: { zh: "修改于 {time}", en: "Made {time}" },
  colField: { zh: "项目", en: "Field" },
  colTheirs: { zh: "服务器上现在", en: "On the server now" },
  colMine: { zh: "您的修改", en: "Your change" },
  onlyDifferent: { zh: "只显示不同的项目", en: "Differences only" },
  showAll: { zh: "显示全部项目", en: "Show all fields" },
  serverSaid: { zh: "服务器说明：{message}", en: "Server: {message}" },
  redo: { zh: "重做", en: "Redo" },
  redoConflictHint: {
    zh: "重做：用您的修改替换服务器上现在的内容。",
    en: "Redo: replace what the server has now with your change.",
  },
  redoHint: { zh: "重做：再发送一次这条修改。", en: "Redo: send this change again." },
  hazardStepHint: {
    zh: "这一步是按隐患原来的状态做的。请打开隐患，按现在的状态重新操作。",
    en: "This step was taken on the hazard as it was. Open the hazard and act on it as it is now.",
  },
  openHazard: { zh: "打开隐患", en: "Open the hazard" },
  dismiss: { zh: "忽略", en: "Dismiss" },
  dismissConfirm: {
    zh: "确定忽略吗？您的这条修改将被丢弃，无法恢复。",
    en: "Dismiss it? Your change will be thrown away for good.",
  },
  dismissYes: { zh: "确认忽略", en: "Yes, dismiss" },
  failed: { zh: "没有成功：{message}", en: "That did not work: {message}" },
  backToPhone: { zh: "返回本机", en: "Back to This phone" },
});

interface ServerState {
  version?: number;
  data?: unknown;
}

function entityTypeOf(row: OutboxRow): EntityTypeName {
  const key = row.touchKeys[0] ?? "";
  return key.slice(0, key.indexOf(":")) as EntityTypeName;
}

/** What the person tried, shaped like the record's fields (settings for the school). */
function attempted(row: OutboxRow, entityType: EntityTypeName): unknown {
  return entityType === "school" ? row.args.settings : row.args.entity;
}

function serverSide(row: OutboxRow, entityType: EntityTypeName): unknown {
  const state = row.verdict?.serverState as ServerState | undefined;
  const data = state?.data;
  if (entityType === "school") return (data as { settings?: unknown } | undefined)?.settings;
  return data;
}

export function AttentionPage({ account }: { account: AccountRow }) {
  const rows = useLiveQuery(() => listNeedsAttention(db, account.userId), [account.userId]);
  const names = useLiveQuery(() => loadNames(account.schoolId), [account.schoolId]);

  return (
    <div className="page stack">
      <h1>{t("attentionTitle")}</h1>
      {rows === undefined ? (
        <div className="splash">{t("loading")}</div>
      ) : rows.length === 0 ? (
        <>
          <p className="card ok-text" data-testid="attention-empty">
            {t("attentionNone")}
          </p>
          <button type="button" className="button button-secondary" onClick={() => navigate("/phone")}>
            {at("backToPhone")}
          </button>
        </>
      ) : (
        <>
          <p className="muted">{at("intro")}</p>
          <ul className="attention-list">
            {rows.map((row) => (
              <AttentionItem key={row.mutationId} row={row} names={names ?? (() => undefined)} />
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

async function loadNames(schoolId: string): Promise<NameLookup> {
  const [staff, classes, rooms, areas] = await Promise.all([
    listEntries(db, schoolId, "staff"),
    listEntries(db, schoolId, "class"),
    listEntries(db, schoolId, "dormRoom"),
    listEntries(db, schoolId, "area"),
  ]);
  const map = new Map<string, string>();
  for (const { entity } of staff) map.set(`staff:${entity.id}`, entity.name);
  for (const { entity } of classes) map.set(`class:${entity.id}`, classLabel(entity));
  for (const { entity } of rooms) map.set(`dormRoom:${entity.id}`, entity.name);
  for (const { entity } of areas) map.set(`area:${entity.id}`, entity.name);
  return (entityType, id) => map.get(`${entityType}:${id}`);
}

function AttentionItem({ row, names }: { row: OutboxRow; names: NameLookup }) {
  const [isConfirming, setIsConfirming] = useState(false);
  const [isBusy, setIsBusy] = useState(false);
  const [isAllFields, setIsAllFields] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const entityType = entityTypeOf(row);
  const isConflict = row.status === "conflict";
  const mine = attempted(row, entityType);
  const theirs = serverSide(row, entityType);
  const verb = row.baseVersion === undefined && entityType !== "school" ? et("verbCreate") : et("verbEdit");
  const title = entityType === "school" ? "" : recordTitle(entityType, row.args.entity);
  // 修改班级 / Edit class.
  const heading =
    getLang() === "zh"
      ? `${verb}${entityTypeLabel(entityType)}`
      : `${verb} ${entityTypeLabel(entityType).toLowerCase()}`;
  const reason = row.verdict?.reason ?? row.status;
  const detail = row.verdict?.message ?? "";
  const comparison = isConflict ? compareFields(entityType, theirs, mine, names) : [];
  const hazardStepOf = row.type === "hazard.act" ? String(row.args.hazardId) : null;
  const shown = isAllFields ? comparison : comparison.filter((c) => c.isDifferent);

  async function run(action: () => Promise<unknown>) {
    setIsBusy(true);
    setError(null);
    try {
      await action();
    } catch (caught) {
      setError(at("failed", { message: caught instanceof Error ? caught.message : String(caught) }));
      setIsBusy(false);
    }
  }

  return (
    <li className="card stack-small attention-item" data-testid="attention-item">
      <div className="attention-head">
        <strong>{title ? labelled(heading, title) : heading}</strong>
        <span className={isConflict ? "tag tag-warn" : "tag tag-danger"}>
          {isConflict ? at("statusConflict") : at("statusRejected")}
        </span>
      </div>
      <p className="muted small">{at("madeAt", { time: formatMoment(row.createdAt) })}</p>
      <p className="attention-reason">{refusalText(row.status, reason, detail)}</p>
      {detail && !isConflict && reason !== "rule_violation" ? (
        <p className="muted small">{at("serverSaid", { message: detail })}</p>
      ) : null}
      {isConflict && comparison.length > 0 ? (
        <>
          <div className="table-scroll">
            <table className="table compare">
              <thead>
                <tr>
                  <th>{at("colField")}</th>
                  <th>{at("colTheirs")}</th>
                  <th>{at("colMine")}</th>
                </tr>
              </thead>
              <tbody>
                {shown.map((c) => (
                  <tr key={c.key} className={c.isDifferent ? "is-different" : undefined}>
                    <th scope="row">{c.label}</th>
                    <td>{c.theirs}</td>
                    <td>{c.mine}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <button type="button" className="link-button" onClick={() => setIsAllFields(!isAllFields)}>
            {isAllFields ? at("onlyDifferent") : at("showAll")}
          </button>
        </>
      ) : null}
      <p className="muted small">
        {hazardStepOf ? at("hazardStepHint") : isConflict ? at("redoConflictHint") : at("redoHint")}
      </p>
      {error ? (
        <p className="error" role="alert">
          {error}
        </p>
      ) : null}
      {isConfirming ? (
        <div className="stack-small" role="alertdialog" aria-label={at("dismissConfirm")}>
          <p className="warn-text">{at("dismissConfirm")}</p>
          <div className="button-row">
            <button
              type="button"
              className="button button-danger"
              disabled={isBusy}
              onClick={() => void run(() => dismiss(db, row.mutationId))}
            >
              {at("dismissYes")}
            </button>
            <button
              type="button"
              className="button button-secondary"
              disabled={isBusy}
              onClick={() => setIsConfirming(false)}
            >
              {t("cancel")}
            </button>
          </div>
        </div>
      ) : (
        <div className="button-row">
          {hazardStepOf ? (
            // A hazard step names the state it starts from (HZ-S1): sent again it would be
            // refused again, so the person decides anew on the hazard page.
            <button type="button" className="button" onClick={() => navigate(`/hazards/${hazardStepOf}`)}>
              {at("openHazard")}
            </button>
          ) : (
            <button
              type="button"
              className="button"
              disabled={isBusy}
              onClick={() => void run(() => redo(db, row.mutationId))}
            >
              {at("redo")}
            </button>
          )}
          <button
            type="button"
            className="button button-danger-outline"
            disabled={isBusy}
            onClick={() => setIsConfirming(true)}
          >
            {at("dismiss")}
          </button>
        </div>
      )}
    </li>
  );
}
