// The environment a server starts with: the demo only when asked, TRUST_PROXY as a number of
// proxies (the old yes/no spelling still works), HSTS off unless given, bad values named.
import { describe, expect, it } from "vitest";
import { ConfigError, parseConfig, tryItEnv } from "./config.ts";

describe("parseConfig", () => {
  it("starts without the demo school unless DEMO=1", () => {
    expect(parseConfig({}).DEMO).toBe(false);
    expect(parseConfig({ DATABASE_URL: "postgres://db/x" }).DEMO).toBe(false);
    expect(parseConfig({ DEMO: "1" }).DEMO).toBe(true);
  });

  it("the try-it commands (npm start, npm run dev) ask for the demo, unless it looks like production", () => {
    expect(tryItEnv({}).DEMO).toBe("1");
    expect(tryItEnv({ DEMO: "0" }).DEMO).toBe("0");
    expect(tryItEnv({ NODE_ENV: "production" }).DEMO).toBe("0");
    expect(tryItEnv({ DATABASE_URL: "postgres://db/x" }).DEMO).toBe("0");
    expect(tryItEnv({ DATABASE_URL: "postgres://db/x", DEMO: "1" }).DEMO).toBe("1");
  });

  it("reads TRUST_PROXY as the number of trusted proxies; true/1 is one", () => {
    expect(parseConfig({}).TRUST_PROXY).toBe(0);
    for (const [value, hops] of [
      ["0", 0],
      ["false", 0],
      ["no", 0],
      ["1", 1],
      ["true", 1],
      ["yes", 1],
      ["2", 2],
    ] as const)
      expect(parseConfig({ TRUST_PROXY: value }).TRUST_PROXY, value).toBe(hops);
    expect(() => parseConfig({ TRUST_PROXY: "nginx" })).toThrow(/TRUST_PROXY="nginx": must be the number of/);
    expect(() => parseConfig({ TRUST_PROXY: "-1" })).toThrow(ConfigError);
  });

  it("sends HSTS only with HSTS_MAX_AGE, a whole number of seconds", () => {
    expect(parseConfig({}).HSTS_MAX_AGE).toBe(0);
    expect(parseConfig({ HSTS_MAX_AGE: "31536000" }).HSTS_MAX_AGE).toBe(31_536_000);
    expect(() => parseConfig({ HSTS_MAX_AGE: "a year" })).toThrow(/HSTS_MAX_AGE="a year": must be a number/);
    expect(() => parseConfig({ HSTS_MAX_AGE: "-5" })).toThrow(/HSTS_MAX_AGE/);
  });
});
