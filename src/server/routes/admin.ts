// Admin-only: CSV import of staff, classes and pupils (a bad file is refused whole), the
// import templates, and ending or disabling a staff member's sessions.
import { Hono } from "hono";
import { ulid } from "ulidx";
import { SetActiveRequest } from "../../protocol/admin.ts";
import { ImportKind, type ImportResult } from "../../protocol/csv-import.ts";
import { hashPassword, oneTimePassword } from "../auth/passwords.ts";
import { requireRole, requireSession } from "../auth/require-session.ts";
import type { AppDeps, AppEnv } from "../http/context.ts";
import { HttpError } from "../http/errors.ts";
import { readJson } from "../http/read-body.ts";
import { IMPORT_TEMPLATES, parseClassesCsv, parsePupilsCsv, parseStaffCsv } from "../import/parse-import.ts";
import { listDevices, revokeDevice } from "../storage/sync-log.ts";

export const MAX_CSV_BYTES = 5 * 1024 * 1024;

export function adminRoutes(deps: AppDeps) {
  const { store } = deps;
  return new Hono<AppEnv>()
    .use("/admin/*", requireSession(deps), requireRole("admin"))
    .get("/admin/import/:kind/template", (c) => {
      const kind = parseKind(c.req.param("kind"));
      c.header("Content-Type", "text/csv; charset=utf-8");
      c.header("Content-Disposition", `attachment; filename="${kind}-template.csv"`);
      // The BOM makes Excel on Windows read the file as UTF-8.
      return c.body(`\uFEFF${IMPORT_TEMPLATES[kind]}`);
    })
    .post("/admin/import/:kind", async (c) => {
      const kind = parseKind(c.req.param("kind"));
      const type = c.req.header("content-type") ?? "";
      if (!/^(text\/csv|text\/plain|application\/vnd\.ms-excel)\b/i.test(type)) {
        throw new HttpError(415, "unsupported_media_type", "Content-Type must be text/csv");
      }
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      let text: string;
      try {
        text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
      } catch {
        throw refused([
          {
            line: 1,
            column: "(file)",
            reason: "文件不是 UTF-8 编码，请另存为 CSV UTF-8 / the file is not UTF-8; save it as CSV UTF-8",
          },
        ]);
      }
      const schoolId = c.get("auth").school.id;
      const now = deps.clock();
      const ctx = await store.importContext(schoolId);
      const result: ImportResult = { kind, created: 0, updated: 0, oneTimePasswords: [] };

      if (kind === "staff") {
        const parsed = parseStaffCsv(text);
        if (!parsed.ok) throw refused(parsed.problems);
        const fresh = parsed.rows.filter((r) => !ctx.staffLogins.has(r.login));
        const passwords = new Map(fresh.map((r) => [r.login, oneTimePassword()]));
        const hashes = new Map(
          await Promise.all(
            fresh.map(async (r) => [r.login, await hashPassword(passwords.get(r.login) as string)] as const),
          ),
        );
        const count = await store.importStaff(
          schoolId,
          parsed.rows.map((r) => ({
            ...r,
            newId: ulid(now.getTime()),
            newPasswordHash: hashes.get(r.login) ?? "",
          })),
          now,
        );
        Object.assign(result, { created: count.created, updated: count.updated });
        result.oneTimePasswords = parsed.rows
          .filter((r) => count.createdKeys.includes(r.login))
          .map((r) => ({ login: r.login, name: r.name, password: passwords.get(r.login) as string }));
      } else if (kind === "classes") {
        const parsed = parseClassesCsv(text, ctx);
        if (!parsed.ok) throw refused(parsed.problems);
        const count = await store.importClasses(
          schoolId,
          parsed.rows.map((r) => ({ ...r, newId: ulid(now.getTime()) })),
          now,
        );
        Object.assign(result, { created: count.created, updated: count.updated });
      } else {
        const parsed = parsePupilsCsv(text, ctx);
        if (!parsed.ok) throw refused(parsed.problems);
        const count = await store.importPupils(
          schoolId,
          parsed.rows.map((r) => ({ ...r, newId: ulid(now.getTime()), newDormRoomId: ulid(now.getTime()) })),
          now,
        );
        Object.assign(result, { created: count.created, updated: count.updated });
      }
      deps.logger.info("csv import", {
        requestId: c.get("requestId"),
        kind,
        created: result.created,
        updated: result.updated,
      });
      return c.json(result);
    })
    .get("/admin/staff", async (c) => {
      const staff = await store.listStaffWithSessionCounts(c.get("auth").school.id, deps.clock());
      return c.json({ staff });
    })
    .post("/admin/staff/:id/end-sessions", async (c) => {
      const staff = await findStaff(deps, c.get("auth").school.id, c.req.param("id"));
      const ended = await store.endStaffSessions(staff.schoolId, staff.id, deps.clock(), "ended_by_admin");
      return c.json({ ended });
    })
    .get("/admin/devices", async (c) => {
      const { school, session } = c.get("auth");
      const devices = await listDevices(store.driver, school.id, deps.clock(), deps.sessionIdleMs);
      return c.json({ devices: devices.map((d) => ({ ...d, isThisDevice: d.id === session.deviceId })) });
    })
    .post("/admin/devices/:id/revoke", async (c) => {
      // A lost phone: its sessions end, its pushes are refused, its next pull wipes the school's data.
      const { school, session } = c.get("auth");
      const deviceId = c.req.param("id");
      if (deviceId === session.deviceId) {
        throw new HttpError(400, "bad_request", "id: you cannot revoke the device you are using", {
          field: "id",
        });
      }
      const revoked = await store.driver.transaction((tx) =>
        revokeDevice(tx, school.id, deviceId, deps.clock()),
      );
      if (!revoked)
        throw new HttpError(404, "not_found", "no such device in this school, or it is already revoked");
      return c.body(null, 204);
    })
    .post("/admin/staff/:id/reset-password", async (c) => {
      // A forgotten password: a new one-time password (one login, 72 hours, then it must be
      // changed); every session of theirs ends, this admin's own too when resetting their own.
      const staff = await findStaff(deps, c.get("auth").school.id, c.req.param("id"));
      const password = oneTimePassword();
      await store.setPassword(
        staff.schoolId,
        staff.id,
        { passwordHash: await hashPassword(password), isOneTime: true, endReason: "password_reset" },
        deps.clock(),
      );
      return c.json({ login: staff.login, name: staff.name, password });
    })
    .post("/admin/staff/:id/active", async (c) => {
      const body = await readJson(c, SetActiveRequest);
      const { school, staff: me } = c.get("auth");
      const staff = await findStaff(deps, school.id, c.req.param("id"));
      if (staff.id === me.id && !body.isActive) {
        throw new HttpError(400, "bad_request", "isActive: you cannot disable your own account", {
          field: "isActive",
        });
      }
      await store.setStaffActive(school.id, staff.id, body.isActive, deps.clock());
      return c.body(null, 204);
    });
}

function parseKind(value: string) {
  const kind = ImportKind.safeParse(value);
  if (!kind.success)
    throw new HttpError(404, "not_found", `unknown import kind "${value}" (staff, classes or pupils)`);
  return kind.data;
}

async function findStaff(deps: AppDeps, schoolId: string, id: string) {
  // Looked up within the caller's school: another school's id is simply not found.
  const staff = await deps.store.getStaff(schoolId, id);
  if (!staff) throw new HttpError(404, "not_found", "no such staff member in this school");
  return staff;
}

function refused(problems: Array<{ line: number; column: string; reason: string }>) {
  return new HttpError(
    422,
    "import_refused",
    `文件有 ${problems.length} 处问题，未导入任何数据 / ${problems.length} problem(s): nothing was imported`,
    {
      body: { problems },
    },
  );
}
