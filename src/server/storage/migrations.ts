// Numbered schema migrations, the same SQL for SQLite and PostgreSQL (TEXT, INTEGER, BIGINT
// epoch milliseconds, JSON as TEXT). Each applied migration is recorded in the database, so
// a server knows what it runs on; never edit a migration that has shipped, add the next one.
// Every school-owned table starts with school_id and has it in its primary key (tenancy).
import type { Area, ChecklistItem, DormRoom, Pupil, SchoolClass } from "../../protocol/reference.ts";
import { createCounter, naturalKeys, putEntity } from "./entities.ts";
import type { SqlDriver, SqlExecutor } from "./sql-driver.ts";

export interface Migration {
  id: number;
  name: string;
  statements: string[];
  /** Data moves that SQL alone cannot say the same way on both engines; runs after statements. */
  run?: (tx: SqlExecutor, now: Date) => Promise<void>;
}

export const MIGRATIONS: Migration[] = [
  {
    id: 1,
    name: "schools, staff, sessions, reference data",
    statements: [
      `CREATE TABLE schools (
        id TEXT PRIMARY KEY,
        code TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        settings TEXT NOT NULL,
        created_at BIGINT NOT NULL
      )`,
      `CREATE TABLE staff (
        school_id TEXT NOT NULL REFERENCES schools(id),
        id TEXT NOT NULL,
        login TEXT NOT NULL,
        name TEXT NOT NULL,
        roles TEXT NOT NULL,
        phone TEXT,
        is_active INTEGER NOT NULL,
        password_hash TEXT NOT NULL,
        must_change_password INTEGER NOT NULL,
        created_at BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        PRIMARY KEY (school_id, id),
        UNIQUE (school_id, login)
      )`,
      `CREATE TABLE devices (
        school_id TEXT NOT NULL REFERENCES schools(id),
        id TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        last_seen_at BIGINT NOT NULL,
        PRIMARY KEY (school_id, id)
      )`,
      `CREATE TABLE sessions (
        token_hash TEXT PRIMARY KEY,
        school_id TEXT NOT NULL,
        staff_id TEXT NOT NULL,
        device_id TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        last_used_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL,
        ended_at BIGINT,
        ended_reason TEXT,
        FOREIGN KEY (school_id, staff_id) REFERENCES staff (school_id, id),
        FOREIGN KEY (school_id, device_id) REFERENCES devices (school_id, id)
      )`,
      "CREATE INDEX sessions_by_staff ON sessions (school_id, staff_id)",
      `CREATE TABLE login_failures (
        throttle_key TEXT NOT NULL,
        failed_at BIGINT NOT NULL
      )`,
      "CREATE INDEX login_failures_by_key ON login_failures (throttle_key, failed_at)",
      `CREATE TABLE classes (
        school_id TEXT NOT NULL REFERENCES schools(id),
        id TEXT NOT NULL,
        grade INTEGER NOT NULL,
        name TEXT NOT NULL,
        class_teacher_id TEXT,
        PRIMARY KEY (school_id, id),
        UNIQUE (school_id, grade, name),
        FOREIGN KEY (school_id, class_teacher_id) REFERENCES staff (school_id, id)
      )`,
      `CREATE TABLE dorm_rooms (
        school_id TEXT NOT NULL REFERENCES schools(id),
        id TEXT NOT NULL,
        name TEXT NOT NULL,
        building TEXT NOT NULL,
        gender TEXT,
        capacity INTEGER NOT NULL,
        PRIMARY KEY (school_id, id),
        UNIQUE (school_id, name)
      )`,
      `CREATE TABLE pupils (
        school_id TEXT NOT NULL REFERENCES schools(id),
        id TEXT NOT NULL,
        student_no TEXT NOT NULL,
        name TEXT NOT NULL,
        gender TEXT,
        class_id TEXT NOT NULL,
        is_boarder INTEGER NOT NULL,
        dorm_room_id TEXT,
        bed TEXT,
        PRIMARY KEY (school_id, id),
        UNIQUE (school_id, student_no),
        FOREIGN KEY (school_id, class_id) REFERENCES classes (school_id, id),
        FOREIGN KEY (school_id, dorm_room_id) REFERENCES dorm_rooms (school_id, id)
      )`,
      `CREATE TABLE areas (
        school_id TEXT NOT NULL REFERENCES schools(id),
        id TEXT NOT NULL,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        responsible_staff_id TEXT,
        parent_area_id TEXT,
        class_id TEXT,
        PRIMARY KEY (school_id, id),
        FOREIGN KEY (school_id, responsible_staff_id) REFERENCES staff (school_id, id),
        FOREIGN KEY (school_id, class_id) REFERENCES classes (school_id, id)
      )`,
      `CREATE TABLE checklist_items (
        school_id TEXT NOT NULL REFERENCES schools(id),
        id TEXT NOT NULL,
        area_kind TEXT NOT NULL,
        position INTEGER NOT NULL,
        label_zh TEXT NOT NULL,
        label_en TEXT NOT NULL,
        why_zh TEXT NOT NULL,
        why_en TEXT NOT NULL,
        is_active INTEGER NOT NULL,
        PRIMARY KEY (school_id, id)
      )`,
    ],
  },
  {
    id: 2,
    name: "sync: entities change log, per-school counters, mutation verdicts, device sequence",
    statements: [
      `CREATE TABLE sync_meta (
        id INTEGER PRIMARY KEY,
        epoch TEXT NOT NULL
      )`,
      `CREATE TABLE sync_counters (
        school_id TEXT PRIMARY KEY REFERENCES schools(id),
        last_seq BIGINT NOT NULL
      )`,
      `CREATE TABLE entities (
        school_id TEXT NOT NULL REFERENCES schools(id),
        entity_type TEXT NOT NULL,
        entity_id TEXT NOT NULL,
        version INTEGER NOT NULL,
        server_seq BIGINT NOT NULL,
        is_deleted INTEGER NOT NULL,
        natural_key TEXT,
        data TEXT NOT NULL,
        updated_at BIGINT NOT NULL,
        updated_by TEXT,
        PRIMARY KEY (school_id, entity_type, entity_id)
      )`,
      "CREATE UNIQUE INDEX entities_by_seq ON entities (school_id, server_seq)",
      "CREATE UNIQUE INDEX entities_by_natural_key ON entities (school_id, entity_type, natural_key) WHERE natural_key IS NOT NULL",
      `CREATE TABLE mutations (
        school_id TEXT NOT NULL REFERENCES schools(id),
        mutation_id TEXT NOT NULL,
        device_id TEXT NOT NULL,
        device_seq BIGINT NOT NULL,
        actor_id TEXT NOT NULL,
        type TEXT NOT NULL,
        type_version INTEGER NOT NULL,
        payload_hash TEXT NOT NULL,
        status TEXT NOT NULL,
        reason TEXT,
        message TEXT,
        server_seq BIGINT,
        server_state TEXT,
        received_at BIGINT NOT NULL,
        client_created_at TEXT NOT NULL,
        clock_skew_ms BIGINT,
        PRIMARY KEY (school_id, mutation_id)
      )`,
      "CREATE UNIQUE INDEX mutations_by_device_seq ON mutations (school_id, device_id, device_seq)",
      "ALTER TABLE devices ADD COLUMN last_device_seq BIGINT NOT NULL DEFAULT 0",
      "ALTER TABLE devices ADD COLUMN revoked_at BIGINT",
      "ALTER TABLE devices ADD COLUMN clock_skew_ms BIGINT",
    ],
    // Reference data moves from its first tables into entities (so it syncs), then those
    // tables go. Staff and schools stay: they hold login secrets and codes.
    run: async (tx, now) => {
      const opts = { now, actorId: null };
      const bool = (v: unknown) => Number(v) === 1;
      for (const school of await tx.all("SELECT id, code, name, settings FROM schools")) {
        const schoolId = String(school.id);
        await createCounter(tx, schoolId);
        await putEntity(
          tx,
          schoolId,
          "school",
          schoolId,
          {
            id: schoolId,
            code: school.code,
            name: school.name,
            settings: JSON.parse(String(school.settings)),
          },
          opts,
        );
        for (const r of await tx.all(
          "SELECT id, login, name, roles, phone, is_active FROM staff WHERE school_id = ?",
          [schoolId],
        )) {
          const staff = {
            id: r.id,
            login: r.login,
            name: r.name,
            roles: JSON.parse(String(r.roles)),
            phone: r.phone ?? null,
            isActive: bool(r.is_active),
          };
          await putEntity(tx, schoolId, "staff", String(r.id), staff, {
            ...opts,
            naturalKey: naturalKeys.staff(String(r.login)),
          });
        }
        for (const r of await tx.all(
          "SELECT id, grade, name, class_teacher_id FROM classes WHERE school_id = ?",
          [schoolId],
        )) {
          const c = {
            id: r.id,
            grade: Number(r.grade),
            name: r.name,
            classTeacherId: r.class_teacher_id ?? null,
          } as SchoolClass;
          await putEntity(tx, schoolId, "class", c.id, c, {
            ...opts,
            naturalKey: naturalKeys.class(c.grade, c.name),
          });
        }
        for (const r of await tx.all(
          "SELECT id, name, building, gender, capacity FROM dorm_rooms WHERE school_id = ?",
          [schoolId],
        )) {
          const d = {
            id: r.id,
            name: r.name,
            building: r.building,
            gender: r.gender ?? null,
            capacity: Number(r.capacity),
          } as DormRoom;
          await putEntity(tx, schoolId, "dormRoom", d.id, d, {
            ...opts,
            naturalKey: naturalKeys.dormRoom(d.name),
          });
        }
        for (const r of await tx.all(
          "SELECT id, student_no, name, gender, class_id, is_boarder, dorm_room_id, bed FROM pupils WHERE school_id = ?",
          [schoolId],
        )) {
          const p = {
            id: r.id,
            studentNo: r.student_no,
            name: r.name,
            gender: r.gender ?? null,
            classId: r.class_id,
            isBoarder: bool(r.is_boarder),
            dormRoomId: r.dorm_room_id ?? null,
            bed: r.bed ?? null,
          } as Pupil;
          await putEntity(tx, schoolId, "pupil", p.id, p, {
            ...opts,
            naturalKey: naturalKeys.pupil(p.studentNo),
          });
        }
        for (const r of await tx.all(
          "SELECT id, name, kind, responsible_staff_id, parent_area_id, class_id FROM areas WHERE school_id = ?",
          [schoolId],
        )) {
          const a = {
            id: r.id,
            name: r.name,
            kind: r.kind,
            responsibleStaffId: r.responsible_staff_id ?? null,
            parentAreaId: r.parent_area_id ?? null,
            classId: r.class_id ?? null,
          } as Area;
          await putEntity(tx, schoolId, "area", a.id, a, opts);
        }
        for (const r of await tx.all(
          "SELECT id, area_kind, position, label_zh, label_en, why_zh, why_en, is_active FROM checklist_items WHERE school_id = ?",
          [schoolId],
        )) {
          const i = {
            id: r.id,
            areaKind: r.area_kind,
            position: Number(r.position),
            labelZh: r.label_zh,
            labelEn: r.label_en,
            whyZh: r.why_zh,
            whyEn: r.why_en,
            isActive: bool(r.is_active),
          } as ChecklistItem;
          await putEntity(tx, schoolId, "checklistItem", i.id, i, opts);
        }
      }
      for (const table of ["pupils", "areas", "classes", "dorm_rooms", "checklist_items"])
        await tx.run(`DROP TABLE ${table}`);
    },
  },
  {
    id: 3,
    name: "photos: content-addressed blobs and the schools that own them",
    // Bytes live in the database (not DATA_DIR), so several stateless servers on one PostgreSQL
    // see the same photos and a backup holds everything. BYTEA is PostgreSQL's binary type;
    // SQLite accepts the name and stores the value as a BLOB unchanged. `blobs` is shared
    // content (keyed by the SHA-256 of the bytes the phone sent), so it has no school_id; a
    // school reaches a photo only through its own row in blob_owners (SYNC.md S8).
    statements: [
      `CREATE TABLE blobs (
        sha256 TEXT PRIMARY KEY,
        mime TEXT NOT NULL,
        size BIGINT NOT NULL,
        stored_size BIGINT NOT NULL,
        width INTEGER NOT NULL,
        height INTEGER NOT NULL,
        bytes BYTEA NOT NULL,
        created_at BIGINT NOT NULL
      )`,
      `CREATE TABLE blob_owners (
        school_id TEXT NOT NULL REFERENCES schools(id),
        sha256 TEXT NOT NULL REFERENCES blobs(sha256),
        uploaded_by TEXT NOT NULL,
        uploaded_at BIGINT NOT NULL,
        PRIMARY KEY (school_id, sha256)
      )`,
      "CREATE INDEX blob_owners_by_sha256 ON blob_owners (sha256)",
    ],
  },
  {
    id: 4,
    name: "devices: found by id alone, so a login cannot borrow another school's device",
    statements: ["CREATE INDEX devices_by_id ON devices (id)"],
  },
  {
    id: 5,
    name: "devices: the SHA-256 of the phone's device key, so a login cannot claim another phone's id",
    // NULL for phones from before keys: their next login with a key binds it.
    statements: ["ALTER TABLE devices ADD COLUMN key_hash TEXT"],
  },
  {
    id: 6,
    name: "sessions by device: every pull reads who is signed in on its device (need-to-know NK-1)",
    statements: ["CREATE INDEX sessions_by_device ON sessions (school_id, device_id)"],
  },
  {
    id: 7,
    name: "login throttle as atomic counters with lock backoff; one-time passwords expire and are used once",
    // One row per throttle key (src/server/auth/login-throttle.ts): an attempt is reserved by one
    // INSERT … ON CONFLICT DO UPDATE … RETURNING, so concurrent guesses cannot all pass the check.
    // A one-time password (must_change_password = 1) has the time it was issued and, once a
    // login used it, the time of that login.
    statements: [
      "DROP TABLE login_failures",
      `CREATE TABLE login_throttle (
        throttle_key TEXT PRIMARY KEY,
        failures INTEGER NOT NULL,
        window_start BIGINT NOT NULL,
        locked_until BIGINT NOT NULL,
        locks INTEGER NOT NULL,
        updated_at BIGINT NOT NULL
      )`,
      "ALTER TABLE staff ADD COLUMN one_time_issued_at BIGINT",
      "ALTER TABLE staff ADD COLUMN one_time_used_at BIGINT",
    ],
    // One-time passwords handed out before this migration count from now.
    run: async (tx, now) => {
      await tx.run("UPDATE staff SET one_time_issued_at = ? WHERE must_change_password = 1", [now.getTime()]);
    },
  },
  {
    id: 8,
    name: "urgent lane: new alerts per device in the current minute (shared by every server process)",
    // One row per device: the minute it counts (epoch ms of its start) and how many new alerts
    // it raised in it (sync/alerts.ts, limits.ts ALERTS_PER_DEVICE_PER_MINUTE).
    statements: [
      `CREATE TABLE alert_rate (
        school_id TEXT NOT NULL REFERENCES schools(id),
        device_id TEXT NOT NULL,
        window_start BIGINT NOT NULL,
        alerts INTEGER NOT NULL,
        PRIMARY KEY (school_id, device_id)
      )`,
    ],
  },
  {
    id: 9,
    name: "photos: every person of a school who uploaded a photo, not only the first",
    // blob_owners keeps the first uploader only; a record may name a photo only its own person
    // uploaded (sync/photo-ownership.ts), so each uploader is kept. Existing photos keep theirs.
    statements: [
      `CREATE TABLE blob_uploads (
        school_id TEXT NOT NULL REFERENCES schools(id),
        sha256 TEXT NOT NULL REFERENCES blobs(sha256),
        staff_id TEXT NOT NULL,
        uploaded_at BIGINT NOT NULL,
        PRIMARY KEY (school_id, sha256, staff_id)
      )`,
      `INSERT INTO blob_uploads (school_id, sha256, staff_id, uploaded_at)
        SELECT school_id, sha256, uploaded_by, uploaded_at FROM blob_owners`,
    ],
  },
];

const CREATE_LEDGER = `CREATE TABLE IF NOT EXISTS schema_migrations (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  applied_at BIGINT NOT NULL
)`;

/** Applies what is missing, in order, in one transaction; returns the ids applied now. */
export async function runMigrations(
  driver: SqlDriver,
  now: Date,
  migrations = MIGRATIONS,
): Promise<number[]> {
  return driver.migrationTransaction(async (tx) => {
    await tx.run(CREATE_LEDGER);
    const done = new Set(
      (await tx.all<{ id: number }>("SELECT id FROM schema_migrations")).map((r) => Number(r.id)),
    );
    const applied: number[] = [];
    for (const m of migrations) {
      if (done.has(m.id)) continue;
      for (const statement of m.statements) await tx.run(statement);
      await m.run?.(tx, now);
      await tx.run("INSERT INTO schema_migrations (id, name, applied_at) VALUES (?, ?, ?)", [
        m.id,
        m.name,
        now.getTime(),
      ]);
      applied.push(m.id);
    }
    return applied;
  });
}
