// createApp(deps) builds the whole HTTP app (API + the built PWA) and never listens, so tests
// call it in-process; main.ts reads the environment and listens.
import { serveStatic } from "@hono/node-server/serve-static";
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { compress } from "hono/compress";
import { HTTPException } from "hono/http-exception";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import type { AppDeps, AppEnv } from "./http/context.ts";
import { errorResponse, HttpError } from "./http/errors.ts";
import { adminRoutes, MAX_CSV_BYTES } from "./routes/admin.ts";
import { authRoutes } from "./routes/auth.ts";
import { blobRoutes, MAX_BLOB_BYTES } from "./routes/blobs.ts";
import { healthRoutes } from "./routes/health.ts";
import { referenceRoutes } from "./routes/reference.ts";
import { MAX_PUSH_BYTES, syncRoutes } from "./routes/sync.ts";
import { RecordTooLargeError } from "./storage/record-bounds.ts";
import { TransientStorageError } from "./storage/sql-driver.ts";

export const MAX_JSON_BYTES = 1024 * 1024;

export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  app.use(requestId());
  app.use(async (c, next) => {
    const started = performance.now();
    await next();
    deps.logger.info("request", {
      requestId: c.get("requestId"),
      method: c.req.method,
      path: c.req.path,
      status: c.res.status,
      durationMs: Math.round(performance.now() - started),
    });
  });
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        // React sets style attributes; no inline scripts are allowed anywhere.
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", "data:", "blob:"],
        connectSrc: ["'self'"],
        workerSrc: ["'self'"],
        manifestSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      xFrameOptions: "DENY",
      referrerPolicy: "no-referrer",
      // Only a TLS deployment asks for it (HSTS_MAX_AGE): on plain HTTP it would be ignored,
      // and on a school's test server on localhost it would pin the name to HTTPS.
      strictTransportSecurity: deps.hstsMaxAgeSeconds
        ? `max-age=${deps.hstsMaxAgeSeconds}; includeSubDomains`
        : false,
    }),
  );

  app.onError((error, c) => {
    if (error instanceof HttpError) return errorResponse(c, error);
    if (error instanceof TransientStorageError) {
      deps.logger.warn("storage unavailable", { requestId: c.get("requestId"), error: error.message });
      return errorResponse(
        c,
        new HttpError(503, "unavailable", "the database is busy; try again shortly", {
          headers: { "Retry-After": "2" },
        }),
      );
    }
    if (error instanceof RecordTooLargeError)
      return errorResponse(c, new HttpError(413, "too_large", error.message));
    if (error instanceof HTTPException && error.status < 500) {
      return errorResponse(
        c,
        new HttpError(error.status as 400, "bad_request", error.message || "bad request"),
      );
    }
    deps.logger.error("unhandled error", {
      requestId: c.get("requestId"),
      error:
        error instanceof Error
          ? { name: error.name, message: error.message, stack: error.stack }
          : String(error),
    });
    return errorResponse(
      c,
      new HttpError(500, "internal", "something went wrong on the server; it has been logged"),
    );
  });

  // Nothing the API answers may be kept by the phone's HTTP cache or one on the way: it holds
  // pupils, staff and photos, and a cache outlives the logout that wipes IndexedDB (issue #16
  // §2, src/client/db/forget-school.ts). Photos the app keeps offline live in
  // IndexedDB (src/client/db/photo-store.ts). One place for every /api answer, errors too.
  app.use("/api/*", async (c, next) => {
    await next();
    c.res.headers.set("Cache-Control", "no-store");
  });

  const api = new Hono<AppEnv>();
  api.use(compress());
  // A NUL character in the address (an id in the path, a query value) is refused before any
  // route reads it: PostgreSQL cannot compare text with one (the body reader does the same
  // for bodies, http/read-body.ts).
  api.use(async (c, next) => {
    const url = new URL(c.req.url);
    if (/%00/i.test(url.pathname + url.search))
      throw new HttpError(400, "bad_request", "path: a NUL character (%00) is not allowed in the address", {
        field: "path",
      });
    await next();
  });
  api.use(async (c, next) => {
    const maxSize = c.req.path.includes("/admin/import/")
      ? MAX_CSV_BYTES
      : c.req.path.endsWith("/sync/push")
        ? MAX_PUSH_BYTES
        : c.req.path.includes("/blobs/")
          ? MAX_BLOB_BYTES
          : MAX_JSON_BYTES;
    return bodyLimit({
      maxSize,
      onError: () => {
        throw new HttpError(
          413,
          "payload_too_large",
          `the request body is larger than ${Math.round(maxSize / 1024)} KiB`,
        );
      },
    })(c, next);
  });
  api.route("/", healthRoutes(deps));
  api.route("/", authRoutes(deps));
  api.route("/", referenceRoutes(deps));
  api.route("/", adminRoutes(deps));
  api.route("/", syncRoutes(deps));
  api.route("/", blobRoutes(deps));
  api.all("*", (c) => {
    throw new HttpError(404, "not_found", `no API route ${c.req.method} ${c.req.path}`);
  });
  app.route("/api/v1", api);
  app.all("/api/*", (c) => {
    throw new HttpError(
      404,
      "not_found",
      `no API route ${c.req.method} ${c.req.path} (this server speaks /api/v1)`,
    );
  });

  if (deps.staticDir) mountPwa(app, deps.staticDir);
  else app.notFound((c) => c.text("Not found", 404));
  return app;
}

// The built PWA: hashed assets cached for a year, everything else revalidated so an update
// is seen; .br/.gz siblings made at build time are served when the browser accepts them.
function mountPwa(app: Hono<AppEnv>, root: string) {
  app.use("*", async (c, next) => {
    await next();
    if (c.req.path.startsWith("/api/") || c.res.status >= 400) return;
    const isHashedAsset = /^\/assets\/[^/]+-[A-Za-z0-9_-]{8,}\.\w+$/.test(c.req.path);
    c.res.headers.set("Cache-Control", isHashedAsset ? "public, max-age=31536000, immutable" : "no-cache");
  });
  app.use("*", serveStatic({ root, precompressed: true }));
  // Any other page address is the single-page app; a missing file with an extension is a 404.
  app.get("*", async (c, next) => {
    if (/\.[a-z0-9]+$/i.test(c.req.path)) return c.text("Not found", 404);
    return serveStatic({ root, path: "index.html", precompressed: true })(c, next);
  });
  app.notFound((c) => c.text("Not found", 404));
}
