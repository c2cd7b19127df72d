import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  ACTION_RULES,
  applyHazardAction,
  availableActions,
  HAZARD_ACTION_KINDS,
  HAZARD_STATES,
  type Hazard,
  type HazardAction,
  type HazardActionKind,
  type HazardActor,
  type HazardContext,
  type HazardState,
  higherSeverity,
  isOpenState,
  mayAct,
  newHazard,
  SEVERITIES,
  type Severity,
  type StepOutcome,
  suggestAssignee,
} from "./hazard-machine.ts";

// Monday 2026-11-30 in Shanghai (UTC+8).
const at = (hhmm: string, day = "2026-11-30") => new Date(`${day}T${hhmm}:00+08:00`);
const PHOTO = "a".repeat(64);
const PHOTO2 = "b".repeat(64);

// The people of the table: each stands to the hazard in exactly one way.
const people = {
  admin: { id: "admin", roles: ["admin"] },
  reporter: { id: "reporter", roles: ["class_teacher"] },
  assignee: { id: "assignee", roles: ["subject_teacher"] },
  area_responsible: { id: "area-resp", roles: ["class_teacher"] },
  duty_teacher: { id: "duty", roles: ["subject_teacher", "duty_teacher"] },
  other: { id: "other", roles: ["subject_teacher"] },
} satisfies Record<string, HazardActor>;
type Relation = keyof typeof people;
const RELATIONS = Object.keys(people) as Relation[];
const context: HazardContext = { areaResponsibleId: people.area_responsible.id };

let stepNo = 0;
function act(
  hazard: Hazard,
  action: HazardAction,
  actor: HazardActor,
  when = at("15:00"),
  opts: { id?: string; checkPermission?: boolean } = {},
): StepOutcome {
  return applyHazardAction(hazard, action, {
    id: opts.id ?? `m-${++stepNo}`,
    actor,
    at: when,
    context,
    checkPermission: opts.checkPermission ?? true,
  });
}

/** Applies a step that must succeed (building the fixtures). */
function must(hazard: Hazard, action: HazardAction, actor: HazardActor, when: Date): Hazard {
  const result = act(hazard, action, actor, when);
  if (result.outcome !== "applied") throw new Error(`fixture step ${action.kind}: ${JSON.stringify(result)}`);
  return result.hazard;
}

function reported(assigneeId: string | null = null): Hazard {
  return newHazard(
    {
      id: "hazard-1",
      areaId: "stairs",
      place: "二楼东侧楼梯扶手",
      severity: "general",
      description: "楼梯扶手松动",
      photos: [PHOTO],
      roundId: null,
      checklistItemId: null,
      assigneeId,
      alertId: null,
    },
    { id: "m-report", by: people.reporter.id, foundAt: at("10:00"), deadline: at("20:30") },
  );
}

/** The hazard in each state: reported (no assignee yet), then assigned to the assignee, who rectifies it. */
function hazardIn(state: HazardState): Hazard {
  if (state === "reported") return reported();
  const assigned = reported(people.assignee.id);
  if (state === "assigned") return assigned;
  if (state === "controlled")
    return must(
      assigned,
      { kind: "control", from: "assigned", text: "拉警戒线", photos: [PHOTO] },
      people.duty_teacher,
      at("11:00"),
    );
  const rectified = must(
    assigned,
    { kind: "rectify", from: "assigned", text: "重新焊接固定", photos: [PHOTO2] },
    people.assignee,
    at("12:00"),
  );
  if (state === "rectified") return rectified;
  return must(rectified, { kind: "close", from: "rectified" }, people.reporter, at("13:00"));
}

function actionFor(kind: HazardActionKind, from: HazardState): HazardAction {
  switch (kind) {
    case "assign":
      return { kind, from, assigneeId: "someone-else" };
    case "control":
      return { kind, from, text: "设置警示牌，禁止通行", photos: [PHOTO] };
    case "rectify":
      return { kind, from, text: "已更换", photos: [PHOTO2] };
    case "close":
      return { kind, from };
    case "reopen":
      return { kind, from, text: "仍然松动" };
    case "comment":
      return { kind, text: "已联系维修师傅", photos: [] };
    case "raiseSeverity":
      return { kind, severity: "major" };
    case "setDeadline":
      return { kind, deadline: at("12:00", "2026-12-01").toISOString(), text: "需要购买配件" };
    case "setNightOwner":
      return { kind, nightOwnerId: "caretaker" };
  }
}

// ── HZ-S8 (with HZ-S4, HZ-S5, HZ-S7): the whole table ──────────────────────────────────
// Every step names the state the person saw (its `from` is the hazard's state).
// A = applied, F = forbidden (not this person's step), C = conflict (not possible from this state).
// A reported hazard has no assignee yet, so in that row the "assignee" is just another teacher.
// The assignee is also the one who rectified the rectified and closed hazards (and so may not
// close them, HZ-S4); the reporter closed the closed one.
//                           admin reporter assignee area duty other
const TABLE: Record<HazardActionKind, Record<HazardState, string>> = {
  assign: {
    reported: /*   */ "A F F A F F",
    assigned: /*   */ "A F A A F F",
    controlled: /* */ "A F A A F F",
    rectified: /*  */ "C C C C C C",
    closed: /*     */ "C C C C C C",
  },
  control: {
    reported: /*   */ "A A A A A A",
    assigned: /*   */ "A A A A A A",
    controlled: /* */ "A A A A A A",
    rectified: /*  */ "C C C C C C",
    closed: /*     */ "C C C C C C",
  },
  rectify: {
    reported: /*   */ "A F F A F F",
    assigned: /*   */ "A F A A F F",
    controlled: /* */ "A F A A F F",
    rectified: /*  */ "C C C C C C",
    closed: /*     */ "C C C C C C",
  },
  close: {
    reported: /*   */ "C C C C C C",
    assigned: /*   */ "C C C C C C",
    controlled: /* */ "C C C C C C",
    rectified: /*  */ "A A F F F F",
    closed: /*     */ "C C C C C C",
  },
  reopen: {
    reported: /*   */ "C C C C C C",
    assigned: /*   */ "C C C C C C",
    controlled: /* */ "C C C C C C",
    rectified: /*  */ "A A F F F F",
    closed: /*     */ "A A F F F F",
  },
  comment: {
    reported: /*   */ "A A A A A A",
    assigned: /*   */ "A A A A A A",
    controlled: /* */ "A A A A A A",
    rectified: /*  */ "A A A A A A",
    closed: /*     */ "A A A A A A",
  },
  raiseSeverity: {
    reported: /*   */ "A A A A A A",
    assigned: /*   */ "A A A A A A",
    controlled: /* */ "A A A A A A",
    rectified: /*  */ "A A A A A A",
    closed: /*     */ "C C C C C C",
  },
  setDeadline: {
    reported: /*   */ "C C C C C C",
    assigned: /*   */ "C C C C C C",
    controlled: /* */ "A F F F F F",
    rectified: /*  */ "C C C C C C",
    closed: /*     */ "C C C C C C",
  },
  setNightOwner: {
    reported: /*   */ "A F F F A F",
    assigned: /*   */ "A F F F A F",
    controlled: /* */ "A F F F A F",
    rectified: /*  */ "C C C C C C",
    closed: /*     */ "C C C C C C",
  },
};

/** Where an applied step leads. */
const LEADS_TO: Partial<Record<HazardActionKind, (from: HazardState) => HazardState>> = {
  assign: (from) => (from === "reported" ? "assigned" : from),
  control: () => "controlled",
  rectify: () => "rectified",
  close: () => "closed",
  reopen: () => "assigned",
};

const OUTCOME = { A: "applied", F: "forbidden", C: "conflict" } as const;
const cells = HAZARD_ACTION_KINDS.flatMap((kind) =>
  HAZARD_STATES.flatMap((state) => {
    const marks = TABLE[kind][state].split(" ") as Array<keyof typeof OUTCOME>;
    return RELATIONS.map((relation, i) => ({
      kind,
      state,
      relation,
      expected: OUTCOME[marks[i] as keyof typeof OUTCOME],
    }));
  }),
);

describe("[HZ-S8] who may take which step from which state: the table of from × action × person", () => {
  it("covers every action, every state and every way of standing to the hazard", () => {
    expect(cells).toHaveLength(HAZARD_ACTION_KINDS.length * HAZARD_STATES.length * RELATIONS.length);
    expect(Object.keys(TABLE).sort()).toEqual([...HAZARD_ACTION_KINDS].sort());
  });

  it.each(cells)(
    "[HZ-S8] $kind on a $state hazard by the $relation: $expected",
    ({ kind, state, relation, expected }) => {
      const hazard = hazardIn(state);
      const actor = people[relation];
      const action = actionFor(kind, state);
      const result = act(hazard, action, actor, at("15:00"));
      expect(result.outcome).toBe(expected);

      // The buttons on the hazard page offer exactly the steps that would be applied.
      expect(availableActions(hazard, actor, context).includes(kind)).toBe(expected === "applied");

      if (result.outcome === "applied") {
        const next = result.hazard;
        expect(next.state).toBe(LEADS_TO[kind]?.(state) ?? state);
        const event = next.history.at(-1);
        expect(event).toMatchObject({ kind, by: actor.id, at: at("15:00").toISOString() });
        expect(event?.refused).toBeUndefined();
        expect(next.history).toHaveLength(hazard.history.length + 1);
      } else if (result.outcome === "conflict") {
        // HZ-S1: nothing changes but the refused attempt, kept in the history — HZ-S9: only of
        // a person who may take the step; anyone else's attempt keeps nothing.
        expect(result.hazard.state).toBe(state);
        expect({ ...result.hazard, history: hazard.history }).toEqual(hazard);
        if (mayAct(hazard, kind, actor, context))
          expect(result.hazard.history.at(-1)).toMatchObject({ kind, by: actor.id, refused: result.message });
        else expect(result.hazard).toBe(hazard);
      } else if (result.outcome === "forbidden") {
        expect(result.message).toMatch(/only|cannot/);
      }
    },
  );

  it("the table in the code says the same about who (ACTION_RULES)", () => {
    expect(ACTION_RULES.assign.who).toEqual(["admin", "area_responsible", "assignee"]);
    expect(ACTION_RULES.rectify.who).toEqual(["assignee", "area_responsible", "admin"]);
    expect(ACTION_RULES.close.who).toEqual(["reporter", "admin"]);
    expect(ACTION_RULES.reopen.who).toEqual(["reporter", "admin"]);
    expect(ACTION_RULES.setDeadline.who).toEqual(["admin"]);
    expect(ACTION_RULES.setNightOwner.who).toEqual(["duty_teacher", "admin"]);
    for (const kind of ["control", "comment", "raiseSeverity"] as const)
      expect(ACTION_RULES[kind].who).toEqual(["anyone"]);
  });

  it("the phone's preview (no permission check) shows a step the server may still forbid", () => {
    const hazard = hazardIn("rectified");
    const result = act(hazard, { kind: "close", from: "rectified" }, people.other, at("15:00"), {
      checkPermission: false,
    });
    expect(result.outcome).toBe("applied");
  });
});

describe("[SPEC §2] reporting a hazard: reported, or assigned at once", () => {
  it("with an assignee named, it starts assigned; the history keeps the report and the assignment, who and when", () => {
    const h = reported(people.assignee.id);
    expect(h.state).toBe("assigned");
    expect(h.assigneeId).toBe(people.assignee.id);
    expect(h.history).toEqual([
      {
        id: "m-report",
        kind: "report",
        by: "reporter",
        at: at("10:00").toISOString(),
        to: "reported",
        severity: "general",
        photos: [PHOTO],
      },
      {
        id: "m-report:assign",
        kind: "assign",
        by: "reporter",
        at: at("10:00").toISOString(),
        from: "reported",
        to: "assigned",
        assigneeId: "assignee",
      },
    ]);
    expect(h).toMatchObject({
      foundAt: at("10:00").toISOString(),
      deadline: at("20:30").toISOString(),
      reportedBy: "reporter",
      deadlineSetBy: null,
      control: null,
      rectification: null,
      nightOwnerId: null,
      closedBy: null,
    });
  });

  it("without an assignee, it stays reported", () => {
    const h = reported(null);
    expect(h.state).toBe("reported");
    expect(h.history).toHaveLength(1);
  });

  it("suggests the area's responsible person as assignee, else the general-affairs head", () => {
    expect(suggestAssignee("area-resp", "admin")).toBe("area-resp");
    expect(suggestAssignee(null, "admin")).toBe("admin");
    expect(suggestAssignee(null, null)).toBeNull();
  });

  it("reported, assigned and controlled hazards are open; rectified and closed ones are not", () => {
    expect(HAZARD_STATES.filter(isOpenState)).toEqual(["reported", "assigned", "controlled"]);
  });
});

describe("[SPEC §2] a hazard's whole life keeps who and when at every step", () => {
  it("reported → assigned → controlled (with night owner) → rectified → closed", () => {
    let h = reported(null);
    h = must(h, { kind: "assign", from: "reported", assigneeId: "assignee" }, people.admin, at("10:05"));
    h = must(
      h,
      { kind: "control", from: "assigned", text: "拉警戒线", photos: [PHOTO] },
      people.assignee,
      at("10:20"),
    );
    h = must(h, { kind: "setNightOwner", nightOwnerId: "caretaker" }, people.duty_teacher, at("19:00"));
    h = must(
      h,
      { kind: "rectify", from: "controlled", text: "已焊接", photos: [PHOTO2] },
      people.assignee,
      at("19:30"),
    );
    h = must(h, { kind: "close", from: "rectified", text: "验收合格" }, people.reporter, at("20:00"));
    expect(h.history.map((e) => [e.kind, e.by, e.at.slice(11, 16), e.from ?? "", e.to ?? ""])).toEqual([
      ["report", "reporter", "02:00", "", "reported"],
      ["assign", "admin", "02:05", "reported", "assigned"],
      ["control", "assignee", "02:20", "assigned", "controlled"],
      ["setNightOwner", "duty", "11:00", "", ""],
      ["rectify", "assignee", "11:30", "controlled", "rectified"],
      ["close", "reporter", "12:00", "rectified", "closed"],
    ]);
    expect(h).toMatchObject({
      state: "closed",
      assigneeId: "assignee",
      nightOwnerId: "caretaker",
      control: { text: "拉警戒线", photos: [PHOTO], by: "assignee", at: at("10:20").toISOString() },
      rectification: { text: "已焊接", photos: [PHOTO2], by: "assignee", at: at("19:30").toISOString() },
      closedBy: "reporter",
      closedAt: at("20:00").toISOString(),
    });
  });
});

describe("[HZ-S9] only a person who may take a step adds to the history", () => {
  it("a stale rectify by someone who may not rectify is forbidden and keeps nothing", () => {
    const start = hazardIn("controlled");
    for (let i = 0; i < 3; i++) {
      const step = act(
        start,
        { kind: "rectify", from: "assigned", text: "修好了", photos: [PHOTO2] },
        people.other,
        at("15:00"),
        { id: `stale-${i}` },
      );
      expect(step.outcome).toBe("forbidden");
    }
  });

  it("a step impossible from the state, by someone who may not take it, is a conflict that keeps nothing", () => {
    const closed = hazardIn("closed");
    const step = act(closed, { kind: "close", from: "closed" }, people.other, at("15:00"));
    expect(step).toMatchObject({ outcome: "conflict", hazard: closed });
  });

  it("the same stale step by a person who may take it is still kept as a refused attempt (HZ-S1)", () => {
    const start = hazardIn("controlled");
    const step = act(
      start,
      { kind: "rectify", from: "assigned", text: "修好了", photos: [PHOTO2] },
      people.assignee,
    );
    expect(step.outcome).toBe("conflict");
    if (step.outcome === "conflict") expect(step.hazard.history).toHaveLength(start.history.length + 1);
  });
});

describe("[HZ-S1] a step names its from-state; a stale one is a conflict that stays in the history", () => {
  it("two phones act on the same assigned hazard offline: the first wins, the second is a conflict, the history keeps both", () => {
    const start = hazardIn("assigned");
    const first = act(
      start,
      { kind: "rectify", from: "assigned", text: "已修好", photos: [PHOTO2] },
      people.assignee,
    );
    expect(first.outcome).toBe("applied");
    const server = (first as { hazard: Hazard }).hazard;
    const second = act(
      server,
      { kind: "control", from: "assigned", text: "拉警戒线", photos: [PHOTO] },
      people.duty_teacher,
      at("15:05"),
      { id: "phone-b-1" },
    );
    expect(second.outcome).toBe("conflict");
    if (second.outcome !== "conflict") return;
    expect(second.message).toMatch(/now "rectified", not "assigned"/);
    // The conflict carries the server's hazard, unchanged but for the refused attempt.
    expect(second.hazard.state).toBe("rectified");
    expect(second.hazard.control).toBeNull();
    expect(second.hazard.rectification?.by).toBe("assignee");
    expect(second.hazard.history.map((e) => [e.kind, e.by, e.refused === undefined])).toEqual([
      ["report", "reporter", true],
      ["assign", "reporter", true],
      ["rectify", "assignee", true],
      ["control", "duty", false],
    ]);
    expect(second.hazard.history.at(-1)).toMatchObject({
      id: "phone-b-1",
      from: "assigned",
      to: "controlled",
      text: "拉警戒线",
      photos: [PHOTO],
    });
  });

  it("a close from rectified after the reporter reopened it is a conflict", () => {
    const rectified = hazardIn("rectified");
    const reopened = must(
      rectified,
      { kind: "reopen", from: "rectified", text: "没修好" },
      people.reporter,
      at("14:00"),
    );
    const late = act(reopened, { kind: "close", from: "rectified" }, people.admin);
    expect(late.outcome).toBe("conflict");
  });

  it("two phones assigning a reported hazard to different people: the first wins, the second is a conflict", () => {
    const start = hazardIn("reported");
    const first = must(
      start,
      { kind: "assign", from: "reported", assigneeId: "assignee" },
      people.admin,
      at("10:10"),
    );
    const second = act(
      first,
      { kind: "assign", from: "reported", assigneeId: "someone-else" },
      people.area_responsible,
    );
    expect(second.outcome).toBe("conflict");
    if (second.outcome !== "conflict") return;
    expect(second.hazard.assigneeId).toBe("assignee");
    expect(second.hazard.history.at(-1)).toMatchObject({ assigneeId: "someone-else", by: "area-resp" });
  });

  it("a refused attempt changes nothing but the history, and the next step still works", () => {
    const closed = hazardIn("closed");
    const refused = act(
      closed,
      { kind: "rectify", from: "closed", text: "x", photos: [PHOTO] },
      people.admin,
    );
    expect(refused.outcome).toBe("conflict");
    const after = (refused as { hazard: Hazard }).hazard;
    expect(availableActions(after, people.reporter, context)).toContain("reopen");
    expect(act(after, { kind: "reopen", from: "closed", text: "又坏了" }, people.reporter).outcome).toBe(
      "applied",
    );
  });
});

describe("[HZ-S2] the same step twice is a no-op, kept in the history", () => {
  it("two phones both rectify the assigned hazard: the second is a repeat; the first's rectification stays", () => {
    const first = must(
      hazardIn("assigned"),
      { kind: "rectify", from: "assigned", text: "已修好", photos: [PHOTO2] },
      people.assignee,
      at("14:00"),
    );
    const second = act(
      first,
      { kind: "rectify", from: "assigned", text: "我也修了", photos: [PHOTO] },
      people.area_responsible,
      at("14:10"),
      { id: "phone-b" },
    );
    expect(second.outcome).toBe("repeat");
    if (second.outcome !== "repeat") return;
    expect({ ...second.hazard, history: first.history }).toEqual(first);
    expect(second.hazard.history).toHaveLength(first.history.length + 1);
    expect(second.hazard.history.at(-1)).toMatchObject({
      id: "phone-b",
      kind: "rectify",
      by: "area-resp",
      isRepeat: true,
    });
  });

  it("two people close the same rectified hazard: the second is a repeat, the first closer stays", () => {
    const closed = hazardIn("closed");
    const again = act(closed, { kind: "close", from: "rectified" }, people.admin);
    expect(again.outcome).toBe("repeat");
    expect((again as { hazard: Hazard }).hazard.closedBy).toBe("reporter");
  });

  it("two phones assign the reported hazard to the same person: the second is a repeat", () => {
    const first = must(
      hazardIn("reported"),
      { kind: "assign", from: "reported", assigneeId: "assignee" },
      people.admin,
      at("10:10"),
    );
    const second = act(
      first,
      { kind: "assign", from: "reported", assigneeId: "assignee" },
      people.area_responsible,
    );
    expect(second.outcome).toBe("repeat");
  });

  it("the same mutation delivered twice (a retry) changes nothing, not even the history", () => {
    const start = hazardIn("assigned");
    const action: HazardAction = { kind: "control", from: "assigned", text: "拉警戒线", photos: [PHOTO] };
    const once = act(start, action, people.duty_teacher, at("14:00"), { id: "retry-1" });
    const twice = act((once as { hazard: Hazard }).hazard, action, people.duty_teacher, at("14:00"), {
      id: "retry-1",
    });
    expect(twice.outcome).toBe("repeat");
    expect((twice as { hazard: Hazard }).hazard).toBe((once as { hazard: Hazard }).hazard);
  });

  it("a repeat by someone who may not take the step is forbidden, and leaves no trace", () => {
    const closed = hazardIn("closed");
    expect(act(closed, { kind: "close", from: "rectified" }, people.other).outcome).toBe("forbidden");
    // The assignee rectified it: their close is not a repeat of the reporter's (HZ-S4).
    expect(act(closed, { kind: "close", from: "rectified" }, people.assignee).outcome).toBe("forbidden");
  });
});

describe("[HZ-S3] photos the steps need", () => {
  const assigned = () => hazardIn("assigned");

  it("rectifying without an “after” photo is refused", () => {
    const result = act(
      assigned(),
      { kind: "rectify", from: "assigned", text: "修好了", photos: [] },
      people.assignee,
    );
    expect(result).toEqual({ outcome: "invalid", message: "rectify: an “after” photo is required" });
  });

  it("rectifying with only the photo of the hazard as found is refused: the after photo shows the fix", () => {
    const hazard = assigned();
    expect(hazard.photos.length).toBeGreaterThan(0);
    const result = act(
      hazard,
      { kind: "rectify", from: "assigned", text: "修好了", photos: [...hazard.photos] },
      people.assignee,
    );
    expect(result).toEqual({
      outcome: "invalid",
      message: "rectify: the “after” photo must show the fix, not the photo of the hazard as found",
    });
  });

  it("rectifying with a photo keeps the text, photo, who and when", () => {
    const result = act(
      assigned(),
      { kind: "rectify", from: "assigned", text: "修好了", photos: [PHOTO2] },
      people.assignee,
    );
    expect(result.outcome).toBe("applied");
    expect((result as { hazard: Hazard }).hazard.rectification).toEqual({
      text: "修好了",
      photos: [PHOTO2],
      by: "assignee",
      at: at("15:00").toISOString(),
    });
    expect((result as { hazard: Hazard }).hazard.history.at(-1)?.photos).toEqual([PHOTO2]);
  });

  it("interim control needs the measures written down", () => {
    for (const text of ["", "   "]) {
      const result = act(
        assigned(),
        { kind: "control", from: "assigned", text, photos: [PHOTO] },
        people.duty_teacher,
      );
      expect(result).toEqual({ outcome: "invalid", message: "control: describe the interim measures" });
    }
  });

  it("interim control needs a photo of the measures", () => {
    const result = act(
      assigned(),
      { kind: "control", from: "assigned", text: "拉警戒线", photos: [] },
      people.duty_teacher,
    );
    expect(result).toEqual({ outcome: "invalid", message: "control: a photo of the measures is required" });
  });

  it("a comment needs text or a photo; a photo alone will do", () => {
    expect(act(assigned(), { kind: "comment", text: " ", photos: [] }, people.other).outcome).toBe("invalid");
    expect(act(assigned(), { kind: "comment", text: "", photos: [PHOTO] }, people.other).outcome).toBe(
      "applied",
    );
  });
});

describe("[HZ-S4] close: the reporter or an admin, never the person who rectified it", () => {
  it("an admin who rectified the hazard cannot close it, even as admin", () => {
    const h = must(
      hazardIn("assigned"),
      { kind: "rectify", from: "assigned", text: "已修", photos: [PHOTO2] },
      people.admin,
      at("14:00"),
    );
    const result = act(h, { kind: "close", from: "rectified" }, people.admin);
    expect(result.outcome).toBe("forbidden");
    expect((result as { message: string }).message).toMatch(/person who rectified a hazard cannot close it/);
    expect(availableActions(h, people.admin, context)).not.toContain("close");
    // Someone else verifies: the reporter, or another admin.
    expect(act(h, { kind: "close", from: "rectified" }, people.reporter).outcome).toBe("applied");
    expect(
      act(h, { kind: "close", from: "rectified" }, { id: "principal-admin", roles: ["admin"] }).outcome,
    ).toBe("applied");
  });

  it("a reporter who fixed it themselves cannot close it either; an admin does", () => {
    const h = must(
      reported(people.reporter.id),
      { kind: "rectify", from: "assigned", text: "已修", photos: [PHOTO2] },
      people.reporter,
      at("14:00"),
    );
    expect(act(h, { kind: "close", from: "rectified" }, people.reporter).outcome).toBe("forbidden");
    expect(act(h, { kind: "close", from: "rectified" }, people.admin).outcome).toBe("applied");
  });
});

describe("[HZ-S5] reopen returns the hazard to assigned", () => {
  it("from rectified: back to assigned, the rectification cleared (still in the history)", () => {
    const result = act(
      hazardIn("rectified"),
      { kind: "reopen", from: "rectified", text: "扶手仍然晃动" },
      people.reporter,
    );
    expect(result.outcome).toBe("applied");
    const h = (result as { hazard: Hazard }).hazard;
    expect(h.state).toBe("assigned");
    expect(h.rectification).toBeNull();
    expect(h.assigneeId).toBe("assignee");
    expect(h.history.filter((e) => e.kind === "rectify")).toHaveLength(1);
    expect(h.history.at(-1)).toMatchObject({
      kind: "reopen",
      from: "rectified",
      to: "assigned",
      text: "扶手仍然晃动",
    });
  });

  it("from closed: back to assigned, no longer closed; it can be rectified and closed again", () => {
    let h = must(
      hazardIn("closed"),
      { kind: "reopen", from: "closed", text: "又松了" },
      people.admin,
      at("16:00"),
    );
    expect(h).toMatchObject({ state: "assigned", closedBy: null, closedAt: null, rectification: null });
    h = must(
      h,
      { kind: "rectify", from: "assigned", text: "换了新扶手", photos: [PHOTO2] },
      people.assignee,
      at("17:00"),
    );
    h = must(h, { kind: "close", from: "rectified" }, people.reporter, at("18:00"));
    expect(h.state).toBe("closed");
  });

  it("needs a reason", () => {
    expect(act(hazardIn("closed"), { kind: "reopen", from: "closed", text: " " }, people.reporter)).toEqual({
      outcome: "invalid",
      message: "reopen: say why it is reopened",
    });
  });
});

describe("[HZ-S6] severity only rises", () => {
  it("raising to major, then to critical; a lower severity changes nothing", () => {
    let h = must(
      hazardIn("assigned"),
      { kind: "raiseSeverity", severity: "critical" },
      people.other,
      at("14:00"),
    );
    expect(h.severity).toBe("critical");
    h = must(h, { kind: "raiseSeverity", severity: "general" }, people.other, at("14:05"));
    expect(h.severity).toBe("critical");
    expect(h.history.at(-1)).toMatchObject({ kind: "raiseSeverity", severity: "general" });
  });

  it("higherSeverity picks the higher of two, whatever their order", () => {
    expect(higherSeverity("general", "major")).toBe("major");
    expect(higherSeverity("critical", "major")).toBe("critical");
    expect(higherSeverity("major", "major")).toBe("major");
  });

  it("concurrent severity changes end at the highest, in any order of arrival (property)", () => {
    const severity = fc.constantFrom(...SEVERITIES);
    fc.assert(
      fc.property(
        severity,
        fc.array(severity, { maxLength: 6 }),
        fc.infiniteStream(fc.nat()),
        (initial, raises, seeds) => {
          const order = [...raises];
          const random = seeds[Symbol.iterator]();
          for (let i = order.length - 1; i > 0; i--) {
            const j = (random.next().value as number) % (i + 1);
            [order[i], order[j]] = [order[j] as Severity, order[i] as Severity];
          }
          const apply = (list: Severity[]) =>
            list.reduce(
              (h, s) => must(h, { kind: "raiseSeverity", severity: s }, people.other, at("14:00")),
              { ...hazardIn("assigned"), severity: initial },
            ).severity;
          const highest = [initial, ...raises].reduce(higherSeverity);
          expect(apply(raises)).toBe(highest);
          expect(apply(order)).toBe(highest);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe("[HZ-S7] a new deadline: by an admin, on a hazard under interim control, in the future", () => {
  const controlled = () => hazardIn("controlled");

  it("an admin moves the deadline of a controlled hazard; it is stored as UTC ISO with who set it", () => {
    const result = act(
      controlled(),
      { kind: "setDeadline", deadline: "2026-12-01T12:00:00+08:00", text: "需要购买配件" },
      people.admin,
      at("20:00"),
    );
    expect(result.outcome).toBe("applied");
    const h = (result as { hazard: Hazard }).hazard;
    expect(h.deadline).toBe("2026-12-01T04:00:00.000Z");
    expect(h.deadlineSetBy).toBe("admin");
    expect(h.state).toBe("controlled");
    expect(h.history.at(-1)).toMatchObject({
      kind: "setDeadline",
      deadline: "2026-12-01T12:00:00+08:00",
      text: "需要购买配件",
    });
  });

  it("not without interim control first", () => {
    const result = act(
      hazardIn("assigned"),
      { kind: "setDeadline", deadline: "2026-12-01T12:00:00+08:00", text: "" },
      people.admin,
    );
    expect(result.outcome).toBe("conflict");
  });

  it("only an admin", () => {
    const result = act(
      controlled(),
      { kind: "setDeadline", deadline: "2026-12-01T12:00:00+08:00", text: "" },
      people.duty_teacher,
    );
    expect(result.outcome).toBe("forbidden");
  });

  it("the new deadline must be later than the step (not now, not in the past)", () => {
    for (const deadline of [at("20:00").toISOString(), at("19:00").toISOString()]) {
      expect(
        act(controlled(), { kind: "setDeadline", deadline, text: "" }, people.admin, at("20:00")),
      ).toEqual({
        outcome: "invalid",
        message: "setDeadline: the new deadline must be in the future",
      });
    }
  });

  it("the new deadline must be a date-time", () => {
    expect(
      act(controlled(), { kind: "setDeadline", deadline: "tomorrow", text: "" }, people.admin).outcome,
    ).toBe("invalid");
  });
});
