// Server handlers of the reference-data types (admin edits: settings, staff, classes, dorm
// rooms, pupils, areas, checklists). Records are written whole with compare-and-set on the
// version the admin saw: two admins editing the same record give one conflict, never a silent
// overwrite. Each type checks that what it points at exists in the same school.
import { randomBytes } from "node:crypto";
import { type RotationTemplate, scopeKey } from "../../../domain/roster.ts";
import { type Timetable, validateTimetable } from "../../../domain/timetable.ts";
import type { MutationArgs, MutationType } from "../../../protocol/mutations.ts";
import type {
  Area,
  ChecklistItem,
  DormRoom,
  Pupil,
  School,
  SchoolClass,
  Staff,
} from "../../../protocol/reference.ts";
import type { EntityType } from "../../../protocol/sync.ts";
import { hashPassword } from "../../auth/passwords.ts";
import {
  type EntityRow,
  findByNaturalKey,
  getEntity,
  listEntities,
  naturalKeys,
  putEntity,
} from "../../storage/entities.ts";
import { putStaffEntity } from "../../storage/store.ts";
import {
  type Handler,
  type HandlerContext,
  type HandlerOutcome,
  rejected,
  schoolSettings,
} from "./handler.ts";
import { kindScopeProblem, scopeProblem, staffById, staffProblems } from "./roster-handlers.ts";

type Problem = string | undefined;

interface UpsertSpec<T extends { id: string }> {
  entityType: EntityType;
  naturalKey?: (entity: T) => string;
  /** Checks references and rules; returns a message when the record cannot be saved. */
  check?: (ctx: HandlerContext, entity: T) => Promise<Problem>;
  /** Extra writes beside the entity (the staff table for logins). */
  alsoWrite?: (ctx: HandlerContext, entity: T, previous: EntityRow<T> | undefined) => Promise<void>;
}

const exists = async (
  ctx: HandlerContext,
  type: EntityType,
  id: string | null,
  label: string,
): Promise<Problem> => {
  if (id === null) return undefined;
  const row = await getEntity(ctx.tx, ctx.schoolId, type, id);
  return row && !row.isDeleted ? undefined : `${label} ${id} does not exist in this school`;
};

function upsertHandler<T extends { id: string }>(spec: UpsertSpec<T>): Handler<{ entity: T }> {
  return async (ctx, { entity }) => {
    const current = await getEntity<T>(ctx.tx, ctx.schoolId, spec.entityType, entity.id);
    const base = ctx.mutation.baseVersion;
    if (base === undefined && current) {
      return conflict(
        `${spec.entityType} ${entity.id} already exists; edit it from its current version`,
        current,
      );
    }
    if (base !== undefined && !current)
      return rejected("not_found", `${spec.entityType} ${entity.id} does not exist`);
    if (base !== undefined && current && current.version !== base) {
      return conflict(
        `${spec.entityType} was changed by someone else (version ${current.version}, you edited ${base})`,
        current,
      );
    }
    const key = spec.naturalKey?.(entity);
    if (key !== undefined) {
      const holder = await findByNaturalKey(ctx.tx, ctx.schoolId, spec.entityType, key);
      if (holder && holder.entityId !== entity.id)
        return rejected("rule_violation", `another ${spec.entityType} already uses "${key}"`);
    }
    const problem = await spec.check?.(ctx, entity);
    if (problem) return rejected("rule_violation", problem);
    await spec.alsoWrite?.(ctx, entity, current);
    const { serverSeq } =
      spec.entityType === "staff"
        ? await putStaffEntity(ctx.tx, ctx.schoolId, entity as unknown as Staff, {
            now: ctx.now,
            actorId: ctx.actor.id,
          })
        : await putEntity(ctx.tx, ctx.schoolId, spec.entityType, entity.id, entity, {
            now: ctx.now,
            actorId: ctx.actor.id,
            naturalKey: key ?? null,
          });
    return { status: "applied", serverSeq };
  };
}

function conflict(message: string, current: EntityRow): HandlerOutcome {
  return { status: "conflict", message, serverState: { version: current.version, data: current.data } };
}

const staffUpsert = upsertHandler<Staff>({
  entityType: "staff",
  naturalKey: (s) => naturalKeys.staff(s.login),
  check: async (ctx, s) => {
    if (s.id === ctx.actor.id && (!s.isActive || !s.roles.includes("admin"))) {
      return "you cannot disable your own account or remove your own admin role";
    }
    return undefined;
  },
  // The staff table is what logins check: keep it in step. A person added offline gets an
  // unusable password until an admin resets it online (the one-time password is shown then).
  alsoWrite: async (ctx, s, previous) => {
    const t = ctx.now.getTime();
    if (previous) {
      await ctx.tx.run(
        "UPDATE staff SET login = ?, name = ?, roles = ?, phone = ?, is_active = ?, updated_at = ? WHERE school_id = ? AND id = ?",
        [s.login, s.name, JSON.stringify(s.roles), s.phone, s.isActive ? 1 : 0, t, ctx.schoolId, s.id],
      );
      if (!s.isActive) {
        await ctx.tx.run(
          "UPDATE sessions SET ended_at = ?, ended_reason = 'account_disabled' WHERE school_id = ? AND staff_id = ? AND ended_at IS NULL",
          [t, ctx.schoolId, s.id],
        );
      }
    } else {
      const unusable = await hashPassword(randomBytes(24).toString("base64url"));
      await ctx.tx.run(
        `INSERT INTO staff (school_id, id, login, name, roles, phone, is_active, password_hash, must_change_password, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?)`,
        [
          ctx.schoolId,
          s.id,
          s.login,
          s.name,
          JSON.stringify(s.roles),
          s.phone,
          s.isActive ? 1 : 0,
          unusable,
          t,
          t,
        ],
      );
    }
  },
});

const classUpsert = upsertHandler<SchoolClass>({
  entityType: "class",
  naturalKey: (c) => naturalKeys.class(c.grade, c.name),
  check: (ctx, c) => exists(ctx, "staff", c.classTeacherId, "class teacher"),
});

const dormRoomUpsert = upsertHandler<DormRoom>({
  entityType: "dormRoom",
  naturalKey: (r) => naturalKeys.dormRoom(r.name),
});

const pupilUpsert = upsertHandler<Pupil>({
  entityType: "pupil",
  naturalKey: (p) => naturalKeys.pupil(p.studentNo),
  check: async (ctx, p) => {
    if (p.isBoarder !== (p.dormRoomId !== null))
      return "a boarder needs a dorm room, and only a boarder has one";
    return (
      (await exists(ctx, "class", p.classId, "class")) ??
      (await exists(ctx, "dormRoom", p.dormRoomId, "dorm room"))
    );
  },
});

const areaUpsert = upsertHandler<Area>({
  entityType: "area",
  check: async (ctx, a) => {
    if (a.parentAreaId === a.id) return "an area cannot be its own parent";
    return (
      (await exists(ctx, "staff", a.responsibleStaffId, "responsible person")) ??
      (await exists(ctx, "area", a.parentAreaId, "parent area")) ??
      (await exists(ctx, "class", a.classId, "class"))
    );
  },
});

const checklistItemUpsert = upsertHandler<ChecklistItem>({ entityType: "checklistItem" });

/** Everyone a rotation names: the weekly pattern's days, or the rotation's list. */
function templateStaffIds(t: RotationTemplate): string[] {
  return t.pattern.mode === "weekly" ? Object.values(t.pattern.byWeekday).flat() : t.pattern.staffIds;
}

/** RS-1: the template's scope fits its duty and exists; everyone it names is active staff. */
const rosterTemplateUpsert = upsertHandler<RotationTemplate>({
  entityType: "rosterTemplate",
  check: async (ctx, t) => {
    const scope = kindScopeProblem(t.kind, t.scope) ?? (await scopeProblem(ctx, t.scope));
    if (scope) return `scope: ${scope}`;
    const people = staffProblems(await staffById(ctx), templateStaffIds(t));
    if (people.length > 0) return `pattern: ${people.join("; ")}`;
    // RS-2: two active templates of one duty and scope would generate the same slots twice,
    // and whichever came last would silently win.
    if (!t.isActive) return undefined;
    const others = await listEntities<RotationTemplate>(ctx.tx, ctx.schoolId, "rosterTemplate");
    const twin = others.find(
      (o) => o.id !== t.id && o.isActive && o.kind === t.kind && scopeKey(o.scope) === scopeKey(t.scope),
    );
    return twin
      ? `另一个启用的模板“${twin.name}”已排这个值日，请先停用它 / the active template "${twin.name}" already covers this duty and scope; switch it off first`
      : undefined;
  },
});

/** TT-3 against the school's bell schedule; the class exists, its teachers are active staff. */
const timetableUpsert = upsertHandler<Timetable>({
  entityType: "timetable",
  check: async (ctx, t) => {
    const missingClass = await exists(ctx, "class", t.classId, "class");
    if (missingClass) return `classId: ${missingClass}`;
    const { periods } = await schoolSettings(ctx);
    const rows = validateTimetable(t.entries, periods.length).map(
      (p) => `entries.${p.index}: ${p.zh} / ${p.en}`,
    );
    const people = staffProblems(
      await staffById(ctx),
      t.entries.map((e) => e.subjectTeacherId),
    );
    const all = [...rows, ...people];
    return all.length > 0 ? all.join("\n") : undefined;
  },
});

const updateSettings: Handler<MutationArgs<"school.updateSettings">> = async (ctx, args) => {
  if (args.schoolId !== ctx.schoolId) return rejected("forbidden", "settings of another school");
  const current = await getEntity<School>(ctx.tx, ctx.schoolId, "school", ctx.schoolId);
  if (!current) return rejected("not_found", "school not found");
  const base = ctx.mutation.baseVersion;
  if (base === undefined || base !== current.version) {
    return conflict(
      `settings were changed by someone else (version ${current.version}, you edited ${base ?? "none"})`,
      current,
    );
  }
  await ctx.tx.run("UPDATE schools SET settings = ? WHERE id = ?", [
    JSON.stringify(args.settings),
    ctx.schoolId,
  ]);
  const { serverSeq } = await putEntity(
    ctx.tx,
    ctx.schoolId,
    "school",
    ctx.schoolId,
    { ...current.data, settings: args.settings },
    {
      now: ctx.now,
      actorId: ctx.actor.id,
    },
  );
  return { status: "applied", serverSeq };
};

export const REFERENCE_HANDLERS: {
  [T in Extract<MutationType, "school.updateSettings" | `${string}.upsert`>]: Handler<MutationArgs<T>>;
} = {
  "school.updateSettings": updateSettings,
  "staff.upsert": staffUpsert,
  "class.upsert": classUpsert,
  "dormRoom.upsert": dormRoomUpsert,
  "pupil.upsert": pupilUpsert,
  "area.upsert": areaUpsert,
  "checklistItem.upsert": checklistItemUpsert,
  "rosterTemplate.upsert": rosterTemplateUpsert,
  "timetable.upsert": timetableUpsert,
};
