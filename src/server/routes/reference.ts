// GET /api/v1/reference: the school's reference data as one snapshot, as the device's scope sees
// it (domain/need-to-know.ts, the same rule as pull).
import { Hono } from "hono";
import { visible } from "../../domain/need-to-know.ts";
import type { EntityType } from "../../protocol/sync.ts";
import { requireSession } from "../auth/require-session.ts";
import type { AppDeps, AppEnv } from "../http/context.ts";
import { HttpError } from "../http/errors.ts";
import { deviceScope } from "../sync/device-scope.ts";

export function referenceRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get("/reference", requireSession(deps), async (c) => {
    const auth = c.get("auth");
    const now = deps.clock();
    const snapshot = await deps.store.getReference(auth.school.id, now);
    if (!snapshot) throw new HttpError(404, "not_found", "school not found");
    const { scope } = await deviceScope(deps, auth, now);
    const seen = <T>(entityType: EntityType, list: T[]) =>
      list.map((data) => visible({ entityType, data }, scope) as T | null).filter((x): x is T => x !== null);
    return c.json({
      ...snapshot,
      staff: seen("staff", snapshot.staff),
      pupils: seen("pupil", snapshot.pupils),
    });
  });
}
