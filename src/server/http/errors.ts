// One shape for every error answer (docs/protocol.md): { error, message, field?, requestId }.
// Messages name what is wrong; they never carry a stack trace or SQL text.
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { z } from "zod";

export class HttpError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly extra: {
      field?: string;
      details?: unknown;
      headers?: Record<string, string>;
      /** Extra top-level fields of the answer, e.g. `problems` of a refused import. */
      body?: Record<string, unknown>;
    } = {},
  ) {
    super(message);
  }
}

export function errorResponse(c: Context, error: HttpError) {
  for (const [k, v] of Object.entries(error.extra.headers ?? {})) c.header(k, v);
  return c.json(
    {
      error: error.code,
      message: error.message,
      ...(error.extra.field ? { field: error.extra.field } : {}),
      ...(error.extra.details !== undefined ? { details: error.extra.details } : {}),
      ...error.extra.body,
      requestId: c.get("requestId"),
    },
    error.status,
  );
}

/** Turns zod issues into a 400 naming the first offending field, listing all of them. */
export function badRequestFromZod(error: z.ZodError): HttpError {
  const issues = error.issues.map((i) => ({ field: i.path.join(".") || "(body)", message: i.message }));
  const first = issues[0] ?? { field: "(body)", message: "invalid" };
  return new HttpError(400, "bad_request", `${first.field}: ${first.message}`, {
    field: first.field,
    details: issues,
  });
}
