// Close the day (DC-1, DC-2 through domain/day-close.ts): the list puts what blocks closing
// first, closing is refused with that list, and the saved record carries the open hazards.
import { describe, expect, it } from "vitest";
import { type Hazard, newHazard } from "../../../domain/hazard-machine.ts";
import { closeDayItems, decideCloseDay } from "./close-day-model.ts";

const at = (local: string) => new Date(`${local}:00+08:00`);
const PHOTO = "a".repeat(64);

function hazard(id: string, deadline: string, patch: Partial<Hazard> = {}): Hazard {
  const h = newHazard(
    {
      id,
      areaId: "area",
      place: "",
      severity: "general",
      description: id,
      photos: [],
      roundId: null,
      checklistItemId: null,
      assigneeId: "fixer",
      alertId: null,
    },
    { id: `m-${id}`, by: "finder", foundAt: at("2026-11-30T09:00"), deadline: at(deadline) },
  );
  return { ...h, ...patch };
}

const control = { text: "警戒线", photos: [PHOTO], by: "duty", at: at("2026-11-30T19:00").toISOString() };
const covered = hazard("covered", "2026-11-30T20:00", {
  state: "controlled",
  control,
  nightOwnerId: "care1",
});
const noOwner = hazard("noOwner", "2026-11-30T20:30", { state: "controlled", control });
const bare = hazard("bare", "2026-11-30T21:00");
const fixed = hazard("fixed", "2026-11-30T18:00", { state: "rectified" });

describe("close the day", () => {
  it("[DC-1] lists every open hazard, the ones still lacking something first, each by deadline", () => {
    const items = closeDayItems([covered, fixed, bare, noOwner]);
    expect(items.map((i) => [i.hazard.id, i.problems])).toEqual([
      ["noOwner", ["no_night_owner"]],
      ["bare", ["not_controlled", "no_night_owner"]],
      ["covered", []],
    ]);
  });

  it("[DC-1] refuses with the list of what is missing", () => {
    const decision = decideCloseDay([covered, bare, fixed], "2026-11-30", "");
    expect(decision.may).toBe(false);
    if (!decision.may) expect(decision.blocking.map((b) => b.hazard.id)).toEqual(["bare"]);
  });

  it("[DC-2] closes once every open hazard is controlled with a night owner, carrying them over", () => {
    const decision = decideCloseDay([covered, fixed], "2026-11-30", "  一切正常 ");
    expect(decision).toEqual({
      may: true,
      close: {
        date: "2026-11-30",
        note: "一切正常",
        carried: [{ hazardId: "covered", state: "controlled", measures: "警戒线", nightOwnerId: "care1" }],
      },
    });
    expect(decideCloseDay([], "2026-11-30", "")).toMatchObject({ may: true, close: { carried: [] } });
  });
});
