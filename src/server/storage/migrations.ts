// Numbered schema migrations, the same SQL for SQLite and PostgreSQL (TEXT, INTEGER, BIGINT
// epoch milliseconds, JSON as TEXT). Each applied migration is recorded in the database, so
// a server knows what it runs on; never edit a migration that has shipped, add the next one.
// Every school-owned table starts with school_id and has it in its primary key (tenancy).
import type { SqlDriver } from "./sql-driver.ts";

export interface Migration {
  id: number;
  name: string;
  statements: string[];
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
