// Reads and validates request bodies: malformed JSON and wrong types are 400s naming the field.
import type { Context } from "hono";
import type { z } from "zod";
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
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw badRequestFromZod(parsed.error);
  return parsed.data;
}
