// POST /api/v1/sync/push, /api/v1/sync/pull and the urgent lane /api/v1/alerts (docs/protocol.md).
import { Hono } from "hono";
import { AlertRequest, PullRequest, PushRequest } from "../../protocol/sync.ts";
import { requireSession } from "../auth/require-session.ts";
import type { AppDeps, AppEnv } from "../http/context.ts";
import { readJson } from "../http/read-body.ts";
import { handleAlert } from "../sync/alerts.ts";
import { handlePull } from "../sync/pull.ts";
import { handlePush } from "../sync/push.ts";

export const MAX_PUSH_BYTES = 4 * 1024 * 1024;

export function syncRoutes(deps: AppDeps) {
  return new Hono<AppEnv>()
    .use("/sync/*", requireSession(deps))
    .post("/sync/push", async (c) =>
      c.json(await handlePush(deps, c.get("auth"), await readJson(c, PushRequest), c.get("requestId"))),
    )
    .post("/sync/pull", async (c) =>
      c.json(await handlePull(deps, c.get("auth"), await readJson(c, PullRequest))),
    )
    .post("/alerts", requireSession(deps), async (c) =>
      c.json(await handleAlert(deps, c.get("auth"), await readJson(c, AlertRequest))),
    );
}
