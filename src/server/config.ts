// Server configuration from the environment, parsed with zod: a bad variable stops the start
// with a message that names it.
import { z } from "zod";

const bool = z
  .enum(["0", "1", "true", "false", "yes", "no"], { message: "must be one of 1, 0, true, false, yes, no" })
  .transform((v) => v === "1" || v === "true" || v === "yes");

/** A count of reverse proxies in front of the server; the old yes/no spelling means 0 or 1. */
const proxyHops = z
  .string()
  .regex(/^(\d{1,2}|true|false|yes|no)$/, {
    message: "must be the number of reverse proxies in front of the server (0, 1, 2 …), or true/false",
  })
  .transform((v) => (v === "true" || v === "yes" ? 1 : v === "false" || v === "no" ? 0 : Number(v)));

const positiveNumber = z.coerce.number({ message: "must be a number" }).positive("must be greater than 0");

export const ConfigSchema = z.object({
  PORT: z.coerce
    .number({ message: "must be a number" })
    .int("must be a whole number")
    .min(0)
    .max(65535)
    .default(8080),
  HOST: z.string().min(1).default("0.0.0.0"),
  DATA_DIR: z.string().min(1).default("./data"),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, "must start with postgres:// or postgresql://")
    .optional(),
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]*$/, "must be lower-case letters, digits and underscores")
    .optional(),
  // Off unless asked for: `npm start` (the README's try-it command) asks; a real deployment
  // never gets a school whose passwords are public by accident.
  DEMO: bool.default(false),
  STATIC_DIR: z.string().min(1).default("./dist"),
  SESSION_IDLE_DAYS: positiveNumber.default(30),
  SESSION_MAX_DAYS: positiveNumber.default(90),
  TRUST_PROXY: proxyHops.default(0),
  /** Seconds browsers keep to HTTPS (Strict-Transport-Security); 0 sends no such header. */
  HSTS_MAX_AGE: z.coerce
    .number({ message: "must be a number of seconds" })
    .int("must be a whole number of seconds")
    .min(0, "must be 0 (off) or more seconds")
    .default(0),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
});
export type Config = z.infer<typeof ConfigSchema>;

/**
 * The environment of the try-it commands (`npm start`, `npm run dev`, scripts/try-it.ts): the
 * demo school unless DEMO says otherwise or the start looks like production (NODE_ENV=production
 * or a DATABASE_URL), which gets it only with an explicit DEMO=1.
 */
export function tryItEnv(env: Record<string, string | undefined>): Record<string, string | undefined> {
  if (env.DEMO) return env;
  const isProduction = env.NODE_ENV === "production" || Boolean(env.DATABASE_URL);
  return { ...env, DEMO: isProduction ? "0" : "1" };
}

export class ConfigError extends Error {
  override name = "ConfigError";
}

export function parseConfig(env: Record<string, string | undefined>): Config {
  // An empty variable means "not set", as in most shells' `FOO= cmd`.
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ""));
  const result = ConfigSchema.safeParse(cleaned);
  if (!result.success) {
    const lines = result.error.issues.map(
      (i) => `  ${i.path.join(".")}=${JSON.stringify(cleaned[String(i.path[0])] ?? "")}: ${i.message}`,
    );
    throw new ConfigError(`Bad configuration:\n${lines.join("\n")}`);
  }
  return result.data;
}
