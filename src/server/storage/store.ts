// The server's one storage interface, written once over a SqlDriver so SQLite and PostgreSQL
// behave the same (one contract suite runs against both). Every school-owned read and write
// takes the caller's schoolId and filters by it: no method can reach across schools.

import type { Role } from "../../domain/roles.ts";
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
import type { SqlDriver, SqlExecutor, SqlValue } from "./sql-driver.ts";

export interface StaffWithSecret extends Staff {
  schoolId: string;
  passwordHash: string;
  mustChangePassword: boolean;
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
}

export interface ImportedStaff {
  login: string;
  name: string;
  roles: Role[];
  phone: string | null;
  /** Only used when the login is new. */
  newId: string;
  newPasswordHash: string;
}
export interface ImportedClass {
  grade: number;
  name: string;
  classTeacherLogin: string | null;
  newId: string;
}
export interface ImportedPupil {
  studentNo: string;
  name: string;
  gender: "male" | "female" | null;
  grade: number;
  className: string;
  isBoarder: boolean;
  dormRoomName: string | null;
  bed: string | null;
  newId: string;
  /** Used if the named dorm room does not exist yet. */
  newDormRoomId: string;
}
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
      for (const p of data.staff) {
        await tx.run(
          `INSERT INTO staff (school_id, id, login, name, roles, phone, is_active, password_hash, must_change_password, created_at, updated_at)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
            t,
            t,
          ],
        );
      }
      for (const c of data.classes) await insertClass(tx, s.id, c);
      for (const r of data.dormRooms) await insertDormRoom(tx, s.id, r);
      for (const p of data.pupils) await insertPupil(tx, s.id, p);
      // Parents before children, whatever order the caller gave.
      const byParent = [...data.areas].sort(
        (a, b) => Number(a.parentAreaId !== null) - Number(b.parentAreaId !== null),
      );
      for (const a of byParent) {
        await tx.run(
          "INSERT INTO areas (school_id, id, name, kind, responsible_staff_id, parent_area_id, class_id) VALUES (?, ?, ?, ?, ?, ?, ?)",
          [s.id, a.id, a.name, a.kind, a.responsibleStaffId, a.parentAreaId, a.classId],
        );
      }
      for (const i of data.checklistItems) {
        await tx.run(
          `INSERT INTO checklist_items (school_id, id, area_kind, position, label_zh, label_en, why_zh, why_en, is_active)
           VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
          [s.id, i.id, i.areaKind, i.position, i.labelZh, i.labelEn, i.whyZh, i.whyEn, int(i.isActive)],
        );
      }
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

  async getStaff(schoolId: string, staffId: string): Promise<StaffWithSecret | undefined> {
    const row = await this.driver.get(`${STAFF_SELECT} WHERE school_id = ? AND id = ?`, [schoolId, staffId]);
    return row ? toStaffWithSecret(row) : undefined;
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

  async setPassword(schoolId: string, staffId: string, passwordHash: string, mustChange: boolean, now: Date) {
    await this.driver.run(
      "UPDATE staff SET password_hash = ?, must_change_password = ?, updated_at = ? WHERE school_id = ? AND id = ?",
      [passwordHash, int(mustChange), now.getTime(), schoolId, staffId],
    );
  }

  /** Disabling an account ends its sessions in the same transaction. */
  async setStaffActive(schoolId: string, staffId: string, isActive: boolean, now: Date): Promise<boolean> {
    return this.driver.transaction(async (tx) => {
      const changed = await tx.run(
        "UPDATE staff SET is_active = ?, updated_at = ? WHERE school_id = ? AND id = ?",
        [int(isActive), now.getTime(), schoolId, staffId],
      );
      if (changed > 0 && !isActive) await endStaffSessions(tx, schoolId, staffId, now, "account_disabled");
      return changed > 0;
    });
  }

  async touchDevice(schoolId: string, deviceId: string, now: Date) {
    const t = now.getTime();
    await this.driver.run(
      `INSERT INTO devices (school_id, id, created_at, last_seen_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (school_id, id) DO UPDATE SET last_seen_at = excluded.last_seen_at`,
      [schoolId, deviceId, t, t],
    );
  }

  async createSession(s: Omit<SessionRecord, "endedAt" | "lastUsedAt">): Promise<void> {
    await this.driver.run(
      `INSERT INTO sessions (token_hash, school_id, staff_id, device_id, created_at, last_used_at, expires_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
      [s.tokenHash, s.schoolId, s.staffId, s.deviceId, s.createdAt, s.createdAt, s.expiresAt],
    );
  }

  async findSession(tokenHash: string): Promise<SessionRecord | undefined> {
    const r = await this.driver.get(
      `SELECT token_hash, school_id, staff_id, device_id, created_at, last_used_at, expires_at, ended_at
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

  // ── login throttling (kept in the database so several server processes share it) ────────

  async recordLoginFailure(keys: string[], now: Date) {
    await this.driver.transaction(async (tx) => {
      for (const key of keys) {
        await tx.run("INSERT INTO login_failures (throttle_key, failed_at) VALUES (?, ?)", [
          key,
          now.getTime(),
        ]);
      }
    });
  }

  /** Failures for a key since `since`, oldest first (only their times). */
  async loginFailuresSince(key: string, since: Date): Promise<number[]> {
    const rows = await this.driver.all<{ failed_at: number }>(
      "SELECT failed_at FROM login_failures WHERE throttle_key = ? AND failed_at > ? ORDER BY failed_at",
      [key, since.getTime()],
    );
    return rows.map((r) => Number(r.failed_at));
  }

  async clearLoginFailures(key: string) {
    await this.driver.run("DELETE FROM login_failures WHERE throttle_key = ?", [key]);
  }

  async pruneLoginFailures(before: Date) {
    await this.driver.run("DELETE FROM login_failures WHERE failed_at <= ?", [before.getTime()]);
  }

  // ── reference data ─────────────────────────────────────────────────────────────────────

  async getReference(schoolId: string, now: Date): Promise<ReferenceSnapshot | undefined> {
    const school = await this.getSchool(schoolId);
    if (!school) return undefined;
    const d = this.driver;
    const [staff, classes, pupils, dormRooms, areas, items] = await Promise.all([
      d.all(`${STAFF_SELECT} WHERE school_id = ? ORDER BY login`, [schoolId]),
      d.all(
        "SELECT id, grade, name, class_teacher_id FROM classes WHERE school_id = ? ORDER BY grade, name",
        [schoolId],
      ),
      d.all(
        `SELECT id, student_no, name, gender, class_id, is_boarder, dorm_room_id, bed FROM pupils
         WHERE school_id = ? ORDER BY student_no`,
        [schoolId],
      ),
      d.all("SELECT id, name, building, gender, capacity FROM dorm_rooms WHERE school_id = ? ORDER BY name", [
        schoolId,
      ]),
      d.all(
        "SELECT id, name, kind, responsible_staff_id, parent_area_id, class_id FROM areas WHERE school_id = ? ORDER BY kind, name",
        [schoolId],
      ),
      d.all(
        `SELECT id, area_kind, position, label_zh, label_en, why_zh, why_en, is_active FROM checklist_items
         WHERE school_id = ? ORDER BY area_kind, position`,
        [schoolId],
      ),
    ]);
    return {
      school,
      staff: staff.map(toStaff),
      classes: classes.map(
        (r) =>
          ({
            id: r.id,
            grade: Number(r.grade),
            name: r.name,
            classTeacherId: r.class_teacher_id ?? null,
          }) as SchoolClass,
      ),
      pupils: pupils.map(
        (r) =>
          ({
            id: r.id,
            studentNo: r.student_no,
            name: r.name,
            gender: r.gender ?? null,
            classId: r.class_id,
            isBoarder: bool(r.is_boarder),
            dormRoomId: r.dorm_room_id ?? null,
            bed: r.bed ?? null,
          }) as Pupil,
      ),
      dormRooms: dormRooms.map(
        (r) =>
          ({
            id: r.id,
            name: r.name,
            building: r.building,
            gender: r.gender ?? null,
            capacity: Number(r.capacity),
          }) as DormRoom,
      ),
      areas: areas.map(
        (r) =>
          ({
            id: r.id,
            name: r.name,
            kind: r.kind,
            responsibleStaffId: r.responsible_staff_id ?? null,
            parentAreaId: r.parent_area_id ?? null,
            classId: r.class_id ?? null,
          }) as Area,
      ),
      checklistItems: items.map(
        (r) =>
          ({
            id: r.id,
            areaKind: r.area_kind,
            position: Number(r.position),
            labelZh: r.label_zh,
            labelEn: r.label_en,
            whyZh: r.why_zh,
            whyEn: r.why_en,
            isActive: bool(r.is_active),
          }) as ChecklistItem,
      ),
      asOf: now.toISOString(),
    };
  }

  /** Names the import parsers check references against. */
  async importContext(schoolId: string) {
    const d = this.driver;
    const [logins, classes, rooms] = await Promise.all([
      d.all<{ login: string }>("SELECT login FROM staff WHERE school_id = ?", [schoolId]),
      d.all<{ grade: number; name: string }>("SELECT grade, name FROM classes WHERE school_id = ?", [
        schoolId,
      ]),
      d.all<{ name: string }>("SELECT name FROM dorm_rooms WHERE school_id = ?", [schoolId]),
    ]);
    return {
      staffLogins: new Set(logins.map((r) => String(r.login))),
      classes: classes.map((r) => ({ grade: Number(r.grade), name: String(r.name) })),
      dormRoomNames: new Set(rooms.map((r) => String(r.name))),
    };
  }

  // ── bulk import: each is one transaction, so a failure writes nothing ────────────────────

  async importStaff(schoolId: string, rows: ImportedStaff[], now: Date): Promise<UpsertCount> {
    const t = now.getTime();
    return this.driver.transaction(async (tx) => {
      const count: UpsertCount = { created: 0, updated: 0, createdKeys: [] };
      for (const r of rows) {
        const existing = await tx.get("SELECT id FROM staff WHERE school_id = ? AND login = ?", [
          schoolId,
          r.login,
        ]);
        if (existing) {
          await tx.run(
            "UPDATE staff SET name = ?, roles = ?, phone = ?, updated_at = ? WHERE school_id = ? AND id = ?",
            [r.name, JSON.stringify(r.roles), r.phone, t, schoolId, String(existing.id)],
          );
          count.updated++;
        } else {
          await tx.run(
            `INSERT INTO staff (school_id, id, login, name, roles, phone, is_active, password_hash, must_change_password, created_at, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, 1, ?, 1, ?, ?)`,
            [schoolId, r.newId, r.login, r.name, JSON.stringify(r.roles), r.phone, r.newPasswordHash, t, t],
          );
          count.created++;
          count.createdKeys.push(r.login);
        }
      }
      return count;
    });
  }

  async importClasses(schoolId: string, rows: ImportedClass[]): Promise<UpsertCount> {
    return this.driver.transaction(async (tx) => {
      const count: UpsertCount = { created: 0, updated: 0, createdKeys: [] };
      for (const r of rows) {
        const teacherId = r.classTeacherLogin
          ? await staffIdByLogin(tx, schoolId, r.classTeacherLogin)
          : null;
        const existing = await tx.get(
          "SELECT id FROM classes WHERE school_id = ? AND grade = ? AND name = ?",
          [schoolId, r.grade, r.name],
        );
        if (existing) {
          await tx.run("UPDATE classes SET class_teacher_id = ? WHERE school_id = ? AND id = ?", [
            teacherId,
            schoolId,
            String(existing.id),
          ]);
          count.updated++;
        } else {
          await insertClass(tx, schoolId, {
            id: r.newId,
            grade: r.grade,
            name: r.name,
            classTeacherId: teacherId,
          } as SchoolClass);
          count.created++;
        }
      }
      return count;
    });
  }

  async importPupils(schoolId: string, rows: ImportedPupil[]): Promise<UpsertCount> {
    return this.driver.transaction(async (tx) => {
      const count: UpsertCount = { created: 0, updated: 0, createdKeys: [] };
      for (const r of rows) {
        const cls = await tx.get("SELECT id FROM classes WHERE school_id = ? AND grade = ? AND name = ?", [
          schoolId,
          r.grade,
          r.className,
        ]);
        if (!cls) throw new Error(`class ${r.grade} ${r.className} vanished during import`);
        let roomId: string | null = null;
        if (r.dormRoomName) {
          const room = await tx.get("SELECT id FROM dorm_rooms WHERE school_id = ? AND name = ?", [
            schoolId,
            r.dormRoomName,
          ]);
          if (room) roomId = String(room.id);
          else {
            await insertDormRoom(tx, schoolId, {
              id: r.newDormRoomId,
              name: r.dormRoomName,
              building: "宿舍楼",
              gender: r.gender,
              capacity: 60,
            } as DormRoom);
            roomId = r.newDormRoomId;
          }
        }
        const values: SqlValue[] = [r.name, r.gender, String(cls.id), int(r.isBoarder), roomId, r.bed];
        const changed = await tx.run(
          `UPDATE pupils SET name = ?, gender = ?, class_id = ?, is_boarder = ?, dorm_room_id = ?, bed = ?
           WHERE school_id = ? AND student_no = ?`,
          [...values, schoolId, r.studentNo],
        );
        if (changed > 0) count.updated++;
        else {
          await tx.run(
            `INSERT INTO pupils (school_id, id, student_no, name, gender, class_id, is_boarder, dorm_room_id, bed)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            [schoolId, r.newId, r.studentNo, ...values],
          );
          count.created++;
        }
      }
      return count;
    });
  }
}

const STAFF_COLUMNS =
  "id, school_id, login, name, roles, phone, is_active, password_hash, must_change_password";
const STAFF_SELECT = `SELECT ${STAFF_COLUMNS} FROM staff`;
const STAFF_SELECT_S = `SELECT ${STAFF_COLUMNS.split(", ")
  .map((c) => `s.${c}`)
  .join(", ")}`;

async function staffIdByLogin(tx: SqlExecutor, schoolId: string, login: string): Promise<string | null> {
  const row = await tx.get("SELECT id FROM staff WHERE school_id = ? AND login = ?", [schoolId, login]);
  return row ? String(row.id) : null;
}

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

function insertClass(tx: SqlExecutor, schoolId: string, c: SchoolClass) {
  return tx.run("INSERT INTO classes (school_id, id, grade, name, class_teacher_id) VALUES (?, ?, ?, ?, ?)", [
    schoolId,
    c.id,
    c.grade,
    c.name,
    c.classTeacherId,
  ]);
}

function insertDormRoom(tx: SqlExecutor, schoolId: string, r: DormRoom) {
  return tx.run(
    "INSERT INTO dorm_rooms (school_id, id, name, building, gender, capacity) VALUES (?, ?, ?, ?, ?, ?)",
    [schoolId, r.id, r.name, r.building, r.gender, r.capacity],
  );
}

function insertPupil(tx: SqlExecutor, schoolId: string, p: Pupil) {
  return tx.run(
    `INSERT INTO pupils (school_id, id, student_no, name, gender, class_id, is_boarder, dorm_room_id, bed)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    [schoolId, p.id, p.studentNo, p.name, p.gender, p.classId, int(p.isBoarder), p.dormRoomId, p.bed],
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
  };
}
