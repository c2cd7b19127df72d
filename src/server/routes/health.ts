import { Hono } from "hono";
import { PROTOCOL_VERSION } from "../../protocol/auth.ts";
import type { AppDeps, AppEnv } from "../http/context.ts";

export function healthRoutes(deps: AppDeps) {
  return new Hono<AppEnv>().get("/health", async (c) => {
    const reachable = await deps.store.isReachable();
    return c.json(
      {
        status: reachable ? "ok" : "degraded",
        version: deps.version,
        protocolVersion: PROTOCOL_VERSION,
        storage: { kind: deps.store.kind, reachable },
        serverTime: deps.clock().toISOString(),
      },
      reachable ? 200 : 503,
    );
  });
}
