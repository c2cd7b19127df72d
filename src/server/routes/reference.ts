import { Hono } from "hono";
import { requireSession } from "../auth/require-session.ts";
import type { AppDeps, AppEnv } from "../http/context.ts";
import { HttpError } from "../http/errors.ts";

export function referenceRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get("/reference", requireSession(deps), async (c) => {
    const snapshot = await deps.store.getReference(c.get("auth").school.id, deps.clock());
    if (!snapshot) throw new HttpError(404, "not_found", "school not found");
    return c.json(snapshot);
  });
}
