// One hazard in a list (the board, close-the-day): severity, where, what, its state, who fixes
// it and how long is left, as one tappable row to the hazard's page.
import type { ReactNode } from "react";
import type { Hazard, Severity } from "../../domain/hazard-machine.ts";
import { isOpenState } from "../../domain/hazard-machine.ts";
import { deadlineState, deadlineText } from "./deadline-text.ts";
import "./hazard-row.css";
import { defineMessages } from "./i18n.ts";
import { navigate } from "./router.ts";
import { hazardStateLabel, severityLabel } from "./safety-text.ts";
import { placeText, type SchoolDirectory, staffName } from "./school-directory.ts";

const hr = defineMessages({
  pending: { zh: "待同步", en: "Unsent" },
  nobody: { zh: "未指派", en: "Not assigned" },
  controlled: { zh: "管控：{text}", en: "Control: {text}" },
});

export function SeverityTag({ severity }: { severity: Severity }) {
  return <span className={`tag sev sev-${severity}`}>{severityLabel(severity)}</span>;
}

export function PendingMark() {
  return (
    <span className="tag tag-pending" data-testid="pending-tag">
      {hr("pending")}
    </span>
  );
}

export function HazardRow({
  hazard,
  directory,
  now,
  isPending,
  children,
  to,
}: {
  hazard: Hazard;
  directory: SchoolDirectory;
  now: Date;
  isPending: boolean;
  children?: ReactNode;
  /** Where a tap goes (default: the hazard's page). */
  to?: string;
}) {
  const href = to ?? `/hazards/${hazard.id}`;
  const isOpen = isOpenState(hazard.state);
  const overdue = isOpen && deadlineState(hazard.deadline, now).isOverdue;
  const assignee = hazard.assigneeId ? staffName(directory, hazard.assigneeId) : hr("nobody");
  return (
    <li className={overdue ? "hazard-item is-overdue" : "hazard-item"} data-testid="hazard-row">
      <a
        href={href}
        className="hazard-row"
        onClick={(event) => {
          event.preventDefault();
          navigate(href);
        }}
      >
        <span className="hazard-row-text">
          <span className="hazard-row-head">
            <SeverityTag severity={hazard.severity} />
            <strong>{placeText(directory, hazard)}</strong>
          </span>
          <span className="hazard-row-desc clamp-2">{hazard.description}</span>
          <span className="hazard-row-meta">
            <span className={`state state-${hazard.state}`}>{hazardStateLabel(hazard.state)}</span>
            <span>{assignee}</span>
            {isOpen ? (
              <span className={overdue ? "deadline is-overdue" : "deadline"}>
                {deadlineText(hazard.deadline, now)}
              </span>
            ) : null}
            {isPending ? <PendingMark /> : null}
          </span>
          {hazard.state === "controlled" && hazard.control ? (
            <span className="hazard-row-desc clamp-2">{hr("controlled", { text: hazard.control.text })}</span>
          ) : null}
        </span>
        <span className="chevron" aria-hidden="true">
          ›
        </span>
      </a>
      {children}
    </li>
  );
}
