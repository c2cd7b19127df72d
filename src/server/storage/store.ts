// The server's one storage interface, written once over a SqlDriver so SQLite and PostgreSQL
// behave the same (one contract suite runs against both). Every school-owned read and write
// takes the caller's schoolId and filters by it: no method can reach across schools.

import type {
  Area,
  ChecklistItem,
  DormRoom,
  Pupil,
  ReferenceSnapshot,
  School,
  SchoolClass,
  SchoolSettings,
  Staff,
} from "../../protocol/reference.ts";
import type { ClassRow, PupilRow, StaffRow } from "../import/parse-import.ts";
import {
  createCounter,
  findByNaturalKey,
  getEntity,
  listEntities,
  lockSchoolChanges,
  naturalKeys,
  putEntity,
} from "./entities.ts";
import type { SqlDriver, SqlExecutor } from "./sql-driver.ts";
import { ensureEpoch } from "./sync-log.ts";

export interface StaffWithSecret extends Staff {
  schoolId: string;
  passwordHash: string;
  /** The password is a one-time password an admin handed out (or the CLI, or an import). */
  mustChangePassword: boolean;
  /** When that one-time password was issued (it expires: src/server/auth/passwords.ts). */
  oneTimeIssuedAt: number | null;
  /** When a login used it (it works once). */
  oneTimeUsedAt: number | null;
}

/** A new password and which of the person's sessions end with the old one, in one transaction. */
export interface PasswordChange {
  passwordHash: string;
  /** A one-time password: it must be changed, works for one login and expires. */
  isOneTime: boolean;
  /** Why the sessions end (sessions.ended_reason). */
  endReason: string;
  /** The session that made the change and carries on; omitted, every session ends. */
  keepSession?: string;
}

/** The state of one throttle key after an attempt was reserved or refused. */
export interface ThrottleRow {
  failures: number;
  windowStart: number;
  lockedUntil: number;
  locks: number;
}

export interface NewSchool {
  school: { id: string; code: string; name: string; settings: SchoolSettings };
  staff: Array<Staff & { passwordHash: string; mustChangePassword: boolean }>;
  classes: SchoolClass[];
  pupils: Pupil[];
  dormRooms: DormRoom[];
  areas: Area[];
  checklistItems: ChecklistItem[];
}

export interface SessionRecord {
  tokenHash: string;
  schoolId: string;
  staffId: string;
  deviceId: string;
  createdAt: number;
  lastUsedAt: number;
  expiresAt: number;
  endedAt: number | null;
  endedReason: string | null;
}

/** Parsed CSV rows plus the ids to use for records the import creates. */
export type ImportedStaff = Omit<StaffRow, "line"> & {
  /** Only used when the login is new. */
  newId: string;
  newPasswordHash: string;
};
export type ImportedClass = Omit<ClassRow, "line"> & { newId: string };
export type ImportedPupil = Omit<PupilRow, "line"> & {
  newId: string;
  /** Used if the named dorm room does not exist yet. */
  newDormRoomId: string;
};
export interface UpsertCount {
  created: number;
  updated: number;
  /** Logins created by this import (to hand out one-time passwords). */
  createdKeys: string[];
}

const bool = (v: unknown) => Number(v) === 1;
const int = (b: boolean) => (b ? 1 : 0);

export class Store {
  constructor(readonly driver: SqlDriver) {}

  get kind() {
    return this.driver.kind;
  }

  private epochValue: Promise<string> | undefined;
  /** This database's random epoch (made once, on first use), carried in pull cursors. */
  epoch(): Promise<string> {
    this.epochValue ??= ensureEpoch(this.driver).catch((error) => {
      this.epochValue = undefined;
      throw error;
    });
    return this.epochValue;
  }

  async isReachable(): Promise<boolean> {
    try {
      await this.driver.get("SELECT 1 AS ok");
      return true;
    } catch {
      return false;
    }
  }

  close() {
    return this.driver.close();
  }

  // ── schools ────────────────────────────────────────────────────────────────────────────

  /** Creates a school with all its reference data in one transaction: all or nothing. */
  async createSchool(data: NewSchool, now: Date): Promise<void> {
    checkReferences(data);
    const t = now.getTime();
    await this.driver.transaction(async (tx) => {
      const s = data.school;
      await tx.run("INSERT INTO schools (id, code, name, settings, created_at) VALUES (?, ?, ?, ?, ?)", [
        s.id,
        s.code,
        s.name,
        JSON.stringify(s.settings),
        t,
      ]);
      await createCounter(tx, s.id);
      const opts = { now, actorId: null };
      await putEntity(
        tx,
        s.id,
        "school",
        s.id,
        { id: s.id, code: s.code, name: s.name, settings: s.settings },
        opts,
      );
      for (const p of data.staff) {
        await tx.run(
          `INSERT INTO staff (school_id, id, login, name, roles, phone, is_active, password_hash, must_change_password, one_time_issued_at, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [
            s.id,
            p.id,
            p.login,
            p.name,
            JSON.stringify(p.roles),
            p.phone,
            int(p.isActive),
            p.passwordHash,
            int(p.mustChangePassword),
            p.mustChangePassword ? t : null,
            t,
            t,
          ],
        );
        await putStaffEntity(tx, s.id, publicStaff(p), opts);
      }
      for (const c of data.classes)
        await putEntity(tx, s.id, "class", c.id, c, {
          ...opts,
          naturalKey: naturalKeys.class(c.grade, c.name),
        });
      for (const r of data.dormRooms)
        await putEntity(tx, s.id, "dormRoom", r.id, r, { ...opts, naturalKey: naturalKeys.dormRoom(r.name) });
      for (const p of data.pupils)
        await putEntity(tx, s.id, "pupil", p.id, p, { ...opts, naturalKey: naturalKeys.pupil(p.studentNo) });
      for (const a of data.areas) await putEntity(tx, s.id, "area", a.id, a, opts);
      for (const i of data.checklistItems) await putEntity(tx, s.id, "checklistItem", i.id, i, opts);
    });
  }

  async countSchools(): Promise<number> {
    const row = await this.driver.get<{ n: number }>("SELECT COUNT(*) AS n FROM schools");
    return Number(row?.n ?? 0);
  }

  async findSchoolByCode(code: string): Promise<School | undefined> {
    const row = await this.driver.get("SELECT id, code, name, settings FROM schools WHERE code = ?", [code]);
    return row ? toSchool(row) : undefined;
  }

  async getSchool(schoolId: string): Promise<School | undefined> {
    const row = await this.driver.get("SELECT id, code, name, settings FROM schools WHERE id = ?", [
      schoolId,
    ]);
    return row ? toSchool(row) : undefined;
  }

  // ── staff and sessions ─────────────────────────────────────────────────────────────────

  async findStaffByLogin(schoolId: string, login: string): Promise<StaffWithSecret | undefined> {
    const row = await this.driver.get(`${STAFF_SELECT} WHERE school_id = ? AND login = ?`, [schoolId, login]);
    return row ? toStaffWithSecret(row) : undefined;
  }

  getStaff(schoolId: string, staffId: string): Promise<StaffWithSecret | undefined> {
    return readStaff(this.driver, schoolId, staffId);
  }

  async listStaffWithSessionCounts(
    schoolId: string,
    now: Date,
  ): Promise<Array<Staff & { activeSessions: number }>> {
    const rows = await this.driver.all(
      `${STAFF_SELECT_S},
         (SELECT COUNT(*) FROM sessions x WHERE x.school_id = s.school_id AND x.staff_id = s.id
            AND x.ended_at IS NULL AND x.expires_at > ?) AS active_sessions
       FROM staff s WHERE s.school_id = ? ORDER BY s.login`,
      [now.getTime(), schoolId],
    );
    return rows.map((r) => ({ ...toStaff(r), activeSessions: Number(r.active_sessions) }));
  }

  /** Sets a password and ends the sessions opened with the old one, all or nothing. */
  async setPassword(schoolId: string, staffId: string, change: PasswordChange, now: Date): Promise<void> {
    const t = now.getTime();
    await this.driver.transaction(async (tx) => {
      await tx.run(
        `UPDATE staff SET password_hash = ?, must_change_password = ?, one_time_issued_at = ?,
           one_time_used_at = NULL, updated_at = ? WHERE school_id = ? AND id = ?`,
        [change.passwordHash, int(change.isOneTime), change.isOneTime ? t : null, t, schoolId, staffId],
      );
      await tx.run(
        `UPDATE sessions SET ended_at = ?, ended_reason = ?
         WHERE school_id = ? AND staff_id = ? AND ended_at IS NULL AND token_hash <> ?`,
        [t, change.endReason, schoolId, staffId, change.keepSession ?? ""],
      );
    });
  }

  /**
   * Marks a one-time password used by a login; false when another login used it first (the
   * UPDATE is the check, so two logins at once cannot both use it).
   */
  async consumeOneTimePassword(schoolId: string, staffId: string, passwordHash: string, now: Date) {
    const changed = await this.driver.run(
      `UPDATE staff SET one_time_used_at = ? WHERE school_id = ? AND id = ? AND password_hash = ?
         AND must_change_password = 1 AND one_time_used_at IS NULL`,
      [now.getTime(), schoolId, staffId, passwordHash],
    );
    return changed === 1;
  }

  /** Disabling an account ends its sessions in the same transaction. */
  async setStaffActive(schoolId: string, staffId: string, isActive: boolean, now: Date): Promise<boolean> {
    return this.driver.transaction(async (tx) => {
      await lockSchoolChanges(tx, schoolId);
      const changed = await tx.run(
        "UPDATE staff SET is_active = ?, updated_at = ? WHERE school_id = ? AND id = ?",
        [int(isActive), now.getTime(), schoolId, staffId],
      );
      if (changed === 0) return false;
      if (!isActive) await endStaffSessions(tx, schoolId, staffId, now, "account_disabled");
      const staff = await tx.get(`${STAFF_SELECT} WHERE school_id = ? AND id = ?`, [schoolId, staffId]);
      await putStaffEntity(tx, schoolId, toStaff(staff as Record<string, unknown>), { now, actorId: null });
      return true;
    });
  }

  /**
   * Records a login on a device (creating the row) and binds `keyHash` to it if none is bound;
   * returns the key hash now bound (null: none).
   */
  async touchDevice(schoolId: string, deviceId: string, keyHash: string | null, now: Date) {
    const t = now.getTime();
    await this.driver.run(
      `INSERT INTO devices (school_id, id, created_at, last_seen_at, key_hash) VALUES (?, ?, ?, ?, ?)
       ON CONFLICT (school_id, id) DO UPDATE SET last_seen_at = excluded.last_seen_at,
         key_hash = COALESCE(devices.key_hash, excluded.key_hash)`,
      [schoolId, deviceId, t, t, keyHash],
    );
    const row = await this.driver.get<{ key_hash: string | null }>(
      "SELECT key_hash FROM devices WHERE school_id = ? AND id = ?",
      [schoolId, deviceId],
    );
    return row?.key_hash ?? null;
  }

  async createSession(s: Omit<SessionRecord, "endedAt" | "endedReason" | "lastUsedAt">): Promise<void> {
    await this.driver.run(
      `INSERT INTO sessions (token_hash, school_id, staff_id, device_id, created_at, last_used_at, expires_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [s.tokenHash, s.schoolId, s.staffId, s.deviceId, s.createdAt, s.createdAt, s.expiresAt],
    );
  }

  async findSession(tokenHash: string): Promise<SessionRecord | undefined> {
    const r = await this.driver.get(
      `SELECT token_hash, school_id, staff_id, device_id, created_at, last_used_at, expires_at, ended_at, ended_reason
       FROM sessions WHERE token_hash = ?`,
      [tokenHash],
    );
    if (!r) return undefined;
    return {
      tokenHash: String(r.token_hash),
      schoolId: String(r.school_id),
      staffId: String(r.staff_id),
      deviceId: String(r.device_id),
      createdAt: Number(r.created_at),
      lastUsedAt: Number(r.last_used_at),
      expiresAt: Number(r.expires_at),
      endedAt: r.ended_at === null ? null : Number(r.ended_at),
      endedReason: (r.ended_reason as string | null) ?? null,
    };
  }

  async touchSession(tokenHash: string, now: Date) {
    await this.driver.run("UPDATE sessions SET last_used_at = ? WHERE token_hash = ? AND last_used_at < ?", [
      now.getTime(),
      tokenHash,
      now.getTime(),
    ]);
  }

  async endSession(tokenHash: string, now: Date, reason: string) {
    await this.driver.run(
      "UPDATE sessions SET ended_at = ?, ended_reason = ? WHERE token_hash = ? AND ended_at IS NULL",
      [now.getTime(), reason, tokenHash],
    );
  }

  async endStaffSessions(schoolId: string, staffId: string, now: Date, reason: string): Promise<number> {
    return endStaffSessions(this.driver, schoolId, staffId, now, reason);
  }

  // ── login throttling (kept in the database so several server processes share it; the
  //    rules are in src/server/auth/login-throttle.ts) ────────────────────────────────────

  /**
   * Counts one attempt for `key` in one statement: a window older than `windowMs` starts again
   * at 1, and a key untouched for `forgetAfterMs` also forgets its earlier locks. With
   * `maxFailures`, the attempt is only counted (and admitted) while the key is not locked and
   * has fewer than `maxFailures` in its window; undefined means it was refused, so of many
   * concurrent attempts at most `maxFailures` are admitted.
   */
  async countLoginAttempt(
    key: string,
    now: Date,
    rule: { windowMs: number; forgetAfterMs: number; maxFailures?: number },
  ): Promise<ThrottleRow | undefined> {
    const t = now.getTime();
    const windowEdge = t - rule.windowMs;
    const limit =
      rule.maxFailures === undefined
        ? ""
        : " WHERE login_throttle.locked_until <= ? AND (login_throttle.failures < ? OR login_throttle.window_start <= ?)";
    const row = await this.driver.get(
      `INSERT INTO login_throttle (throttle_key, failures, window_start, locked_until, locks, updated_at)
       VALUES (?, 1, ?, 0, 0, ?)
       ON CONFLICT (throttle_key) DO UPDATE SET
         failures = CASE WHEN login_throttle.window_start <= ? THEN 1 ELSE login_throttle.failures + 1 END,
         window_start = CASE WHEN login_throttle.window_start <= ? THEN ? ELSE login_throttle.window_start END,
         locks = CASE WHEN login_throttle.updated_at <= ? THEN 0 ELSE login_throttle.locks END,
         updated_at = ?${limit}
       RETURNING failures, window_start, locked_until, locks`,
      [
        key,
        t,
        t,
        windowEdge,
        windowEdge,
        t,
        t - rule.forgetAfterMs,
        t,
        ...(rule.maxFailures === undefined ? [] : [t, rule.maxFailures, windowEdge]),
      ],
    );
    return row ? toThrottleRow(row) : undefined;
  }

  async readLoginThrottle(key: string): Promise<ThrottleRow | undefined> {
    const row = await this.driver.get(
      "SELECT failures, window_start, locked_until, locks FROM login_throttle WHERE throttle_key = ?",
      [key],
    );
    return row ? toThrottleRow(row) : undefined;
  }

  /**
   * Locks `key` until `until` and starts a new window, if it still has `atLeast` failures and
   * `locks` earlier locks (so of several failures arriving together only one locks it).
   */
  async lockLoginKey(key: string, atLeast: number, locks: number, until: Date, now: Date) {
    await this.driver.run(
      `UPDATE login_throttle SET locked_until = ?, locks = locks + 1, failures = 0, window_start = ?, updated_at = ?
       WHERE throttle_key = ? AND failures >= ? AND locks = ?`,
      [until.getTime(), now.getTime(), now.getTime(), key, atLeast, locks],
    );
  }

  async clearLoginKey(key: string) {
    await this.driver.run("DELETE FROM login_throttle WHERE throttle_key = ?", [key]);
  }

  /** Forgets keys untouched since `before` that are not locked at `now` (their locks too). */
  async pruneLoginThrottle(before: Date, now: Date) {
    await this.driver.run("DELETE FROM login_throttle WHERE updated_at < ? AND locked_until <= ?", [
      before.getTime(),
      now.getTime(),
    ]);
  }

  // ── reference data ─────────────────────────────────────────────────────────────────────

  async getReference(schoolId: string, now: Date): Promise<ReferenceSnapshot | undefined> {
    const d = this.driver;
    const school = await getEntity<School>(d, schoolId, "school", schoolId);
    if (!school) return undefined;
    const [staff, classes, pupils, dormRooms, areas, checklistItems] = await Promise.all([
      listEntities<Staff>(d, schoolId, "staff"),
      listEntities<SchoolClass>(d, schoolId, "class"),
      listEntities<Pupil>(d, schoolId, "pupil"),
      listEntities<DormRoom>(d, schoolId, "dormRoom"),
      listEntities<Area>(d, schoolId, "area"),
      listEntities<ChecklistItem>(d, schoolId, "checklistItem"),
    ]);
    return {
      school: school.data,
      staff: staff.sort((a, b) => a.login.localeCompare(b.login)),
      classes: classes.sort((a, b) => a.grade - b.grade || a.name.localeCompare(b.name)),
      pupils: pupils.sort((a, b) => a.studentNo.localeCompare(b.studentNo)),
      dormRooms: dormRooms.sort((a, b) => a.name.localeCompare(b.name)),
      areas,
      checklistItems: checklistItems.sort(
        (a, b) => a.areaKind.localeCompare(b.areaKind) || a.position - b.position,
      ),
      asOf: now.toISOString(),
    };
  }

  /** Names the import parsers check references against. */
  async importContext(schoolId: string) {
    const d = this.driver;
    const [staff, classes, rooms] = await Promise.all([
      listEntities<Staff>(d, schoolId, "staff"),
      listEntities<SchoolClass>(d, schoolId, "class"),
      listEntities<DormRoom>(d, schoolId, "dormRoom"),
    ]);
    return {
      staffLogins: new Set(staff.map((s) => s.login)),
      classes: classes.map((c) => ({ grade: c.grade, name: c.name })),
      dormRoomNames: new Set(rooms.map((r) => r.name)),
    };
  }

  // ── bulk import: each is one transaction, so a failure writes nothing ────────────────────

  async importStaff(schoolId: string, rows: ImportedStaff[], now: Date): Promise<UpsertCount> {
    const t = now.getTime();
    const opts = { now, actorId: null };
    return this.driver.transaction(async (tx) => {
      await lockSchoolChanges(tx, schoolId);
      const count: UpsertCount = { created: 0, updated: 0, createdKeys: [] };
      for (const r of rows) {
        const existing = await tx.get(`${STAFF_SELECT} WHERE school_id = ? AND login = ?`, [
          schoolId,
          r.login,
        ]);
        if (existing) {
          await tx.run(
            "UPDATE staff SET name = ?, roles = ?, phone = ?, updated_at = ? WHERE school_id = ? AND id = ?",
            [r.name, JSON.stringify(r.roles), r.phone, t, schoolId, String(existing.id)],
          );
          await putStaffEntity(
            tx,
            schoolId,
            { ...toStaff(existing), name: r.name, roles: r.roles, phone: r.phone },
            opts,
          );
          count.updated++;
        } else {
          await tx.run(
            `INSERT INTO staff (school_id, id, login, name, roles, phone, is_active, password_hash, must_change_password, one_time_issued_at, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, 1, ?, 1, ?, ?, ?)`,
            [
              schoolId,
              r.newId,
              r.login,
              r.name,
              JSON.stringify(r.roles),
              r.phone,
              r.newPasswordHash,
              t,
              t,
              t,
            ],
          );
          await putStaffEntity(
            tx,
            schoolId,
            {
              id: r.newId,
              login: r.login,
              name: r.name,
              roles: r.roles,
              phone: r.phone,
              isActive: true,
            } as Staff,
            opts,
          );
          count.created++;
          count.createdKeys.push(r.login);
        }
      }
      return count;
    });
  }

  async importClasses(schoolId: string, rows: ImportedClass[], now: Date): Promise<UpsertCount> {
    const opts = { now, actorId: null };
    return this.driver.transaction(async (tx) => {
      await lockSchoolChanges(tx, schoolId);
      const count: UpsertCount = { created: 0, updated: 0, createdKeys: [] };
      for (const r of rows) {
        const teacher = r.classTeacherLogin
          ? await findByNaturalKey<Staff>(tx, schoolId, "staff", naturalKeys.staff(r.classTeacherLogin))
          : undefined;
        if (r.classTeacherLogin && !teacher)
          throw new Error(`teacher ${r.classTeacherLogin} vanished during import`);
        const key = naturalKeys.class(r.grade, r.name);
        const existing = await findByNaturalKey<SchoolClass>(tx, schoolId, "class", key);
        const entity = {
          id: existing?.entityId ?? r.newId,
          grade: r.grade,
          name: r.name,
          classTeacherId: teacher?.entityId ?? null,
        };
        await putEntity(tx, schoolId, "class", entity.id, entity, { ...opts, naturalKey: key });
        if (existing) count.updated++;
        else count.created++;
      }
      return count;
    });
  }

  async importPupils(schoolId: string, rows: ImportedPupil[], now: Date): Promise<UpsertCount> {
    const opts = { now, actorId: null };
    return this.driver.transaction(async (tx) => {
      await lockSchoolChanges(tx, schoolId);
      const count: UpsertCount = { created: 0, updated: 0, createdKeys: [] };
      for (const r of rows) {
        const cls = await findByNaturalKey(tx, schoolId, "class", naturalKeys.class(r.grade, r.className));
        if (!cls) throw new Error(`class ${r.grade} ${r.className} vanished during import`);
        let roomId: string | null = null;
        if (r.dormRoomName) {
          const room = await findByNaturalKey(tx, schoolId, "dormRoom", naturalKeys.dormRoom(r.dormRoomName));
          roomId = room?.entityId ?? r.newDormRoomId;
          if (!room) {
            const newRoom = {
              id: r.newDormRoomId,
              name: r.dormRoomName,
              building: "宿舍楼",
              gender: r.gender,
              capacity: 60,
            };
            await putEntity(tx, schoolId, "dormRoom", newRoom.id, newRoom, {
              ...opts,
              naturalKey: naturalKeys.dormRoom(newRoom.name),
            });
          }
        }
        const key = naturalKeys.pupil(r.studentNo);
        const existing = await findByNaturalKey(tx, schoolId, "pupil", key);
        const pupil = {
          id: existing?.entityId ?? r.newId,
          studentNo: r.studentNo,
          name: r.name,
          gender: r.gender,
          classId: cls.entityId,
          isBoarder: r.isBoarder,
          dormRoomId: roomId,
          bed: r.bed,
        };
        await putEntity(tx, schoolId, "pupil", pupil.id, pupil, { ...opts, naturalKey: key });
        if (existing) count.updated++;
        else count.created++;
      }
      return count;
    });
  }
}

/** One staff member with login secrets, read in the caller's transaction. */
export async function readStaff(
  ex: SqlExecutor,
  schoolId: string,
  staffId: string,
): Promise<StaffWithSecret | undefined> {
  const row = await ex.get(`${STAFF_SELECT} WHERE school_id = ? AND id = ?`, [schoolId, staffId]);
  return row ? toStaffWithSecret(row) : undefined;
}

/** The staff table holds secrets; phones get this public part as the "staff" entity. */
export function putStaffEntity(
  tx: SqlExecutor,
  schoolId: string,
  staff: Staff,
  opts: { now: Date; actorId: string | null },
) {
  return putEntity(tx, schoolId, "staff", staff.id, staff, {
    ...opts,
    naturalKey: naturalKeys.staff(staff.login),
  });
}

export function publicStaff(s: Staff): Staff {
  return { id: s.id, login: s.login, name: s.name, roles: s.roles, phone: s.phone, isActive: s.isActive };
}

/** A new school's records must point at each other (no database foreign keys on entities). */
function checkReferences(data: NewSchool) {
  const staff = new Set(data.staff.map((s) => s.id));
  const classes = new Set(data.classes.map((c) => c.id));
  const rooms = new Set(data.dormRooms.map((r) => r.id));
  const areas = new Set(data.areas.map((a) => a.id));
  const problems: string[] = [];
  for (const c of data.classes)
    if (c.classTeacherId && !staff.has(c.classTeacherId)) problems.push(`class ${c.name}: unknown teacher`);
  for (const p of data.pupils) {
    if (!classes.has(p.classId)) problems.push(`pupil ${p.studentNo}: unknown class`);
    if (p.dormRoomId && !rooms.has(p.dormRoomId)) problems.push(`pupil ${p.studentNo}: unknown dorm room`);
  }
  for (const a of data.areas) {
    if (a.responsibleStaffId && !staff.has(a.responsibleStaffId))
      problems.push(`area ${a.name}: unknown responsible person`);
    if (a.parentAreaId && !areas.has(a.parentAreaId)) problems.push(`area ${a.name}: unknown parent area`);
    if (a.classId && !classes.has(a.classId)) problems.push(`area ${a.name}: unknown class`);
  }
  if (problems.length > 0)
    throw new Error(`school data does not hold together: ${problems.slice(0, 5).join("; ")}`);
}

const STAFF_COLUMNS =
  "id, school_id, login, name, roles, phone, is_active, password_hash, must_change_password, one_time_issued_at, one_time_used_at";
const STAFF_SELECT = `SELECT ${STAFF_COLUMNS} FROM staff`;
const STAFF_SELECT_S = `SELECT ${STAFF_COLUMNS.split(", ")
  .map((c) => `s.${c}`)
  .join(", ")}`;

async function endStaffSessions(
  ex: SqlExecutor,
  schoolId: string,
  staffId: string,
  now: Date,
  reason: string,
): Promise<number> {
  return ex.run(
    "UPDATE sessions SET ended_at = ?, ended_reason = ? WHERE school_id = ? AND staff_id = ? AND ended_at IS NULL",
    [now.getTime(), reason, schoolId, staffId],
  );
}

function toSchool(row: Record<string, unknown>): School {
  return {
    id: row.id,
    code: row.code,
    name: row.name,
    settings: JSON.parse(String(row.settings)),
  } as School;
}

function toStaff(row: Record<string, unknown>): Staff {
  return {
    id: row.id,
    login: row.login,
    name: row.name,
    roles: JSON.parse(String(row.roles)),
    phone: row.phone ?? null,
    isActive: bool(row.is_active),
  } as Staff;
}

function toStaffWithSecret(row: Record<string, unknown>): StaffWithSecret {
  return {
    ...toStaff(row),
    schoolId: String(row.school_id),
    passwordHash: String(row.password_hash),
    mustChangePassword: bool(row.must_change_password),
    oneTimeIssuedAt: row.one_time_issued_at === null ? null : Number(row.one_time_issued_at),
    oneTimeUsedAt: row.one_time_used_at === null ? null : Number(row.one_time_used_at),
  };
}

function toThrottleRow(row: Record<string, unknown>): ThrottleRow {
  return {
    failures: Number(row.failures),
    windowStart: Number(row.window_start),
    lockedUntil: Number(row.locked_until),
    locks: Number(row.locks),
  };
}
