// Reads and validates request bodies: malformed JSON and wrong types are 400s naming the field.
// Before any schema runs, the body is refused when it is nested deeper than MAX_JSON_DEPTH or
// holds a NUL character in any string or key (PostgreSQL text and jsonb cannot store one, and
// SQLite would store what PostgreSQL refuses): one check here for every JSON endpoint.
import type { Context } from "hono";
import type { z } from "zod";
import { MAX_JSON_DEPTH } from "../../protocol/limits.ts";
import { badRequestFromZod, HttpError } from "./errors.ts";

export async function readJson<S extends z.ZodType>(c: Context, schema: S): Promise<z.infer<S>> {
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) {
    throw new HttpError(415, "unsupported_media_type", "Content-Type must be application/json");
  }
  let body: unknown;
  try {
    body = JSON.parse(await c.req.text());
  } catch {
    throw new HttpError(400, "malformed_json", "the request body is not valid JSON");
  }
  refuseUnstorable(body);
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw badRequestFromZod(parsed.error);
  return parsed.data;
}

/** Walks the parsed body without recursion (a deep body must not exhaust the stack). */
export function refuseUnstorable(body: unknown): void {
  const stack: Array<{ value: unknown; path: string[] }> = [{ value: body, path: [] }];
  for (let next = stack.pop(); next; next = stack.pop()) {
    const { value, path } = next;
    if (typeof value === "string") {
      if (value.includes("\u0000")) throw nulIn(path, "a NUL character (\\u0000) is not allowed in text");
      continue;
    }
    if (typeof value !== "object" || value === null) continue;
    if (path.length >= MAX_JSON_DEPTH) {
      throw new HttpError(
        400,
        "too_deep",
        `${fieldOf(path)}: the body is nested more than ${MAX_JSON_DEPTH} levels deep`,
        { field: fieldOf(path) },
      );
    }
    const entries = Array.isArray(value)
      ? value.map((v, i) => [String(i), v] as const)
      : Object.entries(value);
    // Reversed, so the first problem in reading order is the one reported.
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i] as readonly [string, unknown];
      if (key.includes("\u0000")) throw nulIn(path, "a NUL character (\\u0000) is not allowed in a key");
      stack.push({ value: child, path: [...path, key] });
    }
  }
}

const fieldOf = (path: string[]) => path.join(".") || "(body)";

function nulIn(path: string[], message: string) {
  return new HttpError(400, "bad_request", `${fieldOf(path)}: ${message}`, { field: fieldOf(path) });
}
