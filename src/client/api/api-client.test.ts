import { describe, expect, it } from "vitest";
import { ApiError, createApiClient } from "./api-client.ts";

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });

describe("api client: only a valid answer counts as online", () => {
  it("a captive portal's HTML page with 200 is a network failure, never success", async () => {
    const client = createApiClient({
      fetch: async () =>
        new Response("<html>请登录 Wi-Fi</html>", { status: 200, headers: { "Content-Type": "text/html" } }),
    });
    const error = await client.call("GET", "/auth/me", (w) => w.MeResponse).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).isNetwork).toBe(true);
  });

  it("JSON that does not match the schema is a network failure too", async () => {
    const client = createApiClient({ fetch: async () => json(200, { hello: "portal" }) });
    const error = (await client
      .call("GET", "/auth/me", (w) => w.MeResponse)
      .catch((e: unknown) => e)) as ApiError;
    expect(error.isNetwork).toBe(true);
  });

  it("a server error surfaces its message, code and Retry-After", async () => {
    const client = createApiClient({
      fetch: async () =>
        json(429, { error: "rate_limited", message: "too many failed logins" }, { "Retry-After": "300" }),
    });
    const error = (await client
      .call("POST", "/auth/login", (w) => w.LoginResponse, { json: {} })
      .catch((e: unknown) => e)) as ApiError;
    expect(error.kind).toBe("server");
    expect(error.code).toBe("rate_limited");
    expect(error.message).toBe("too many failed logins");
    expect(error.extra.retryAfterSeconds).toBe(300);
  });

  it("a refused import carries its problem table", async () => {
    const problems = [{ line: 2, column: "login", reason: "必填项不能为空 / a value is required" }];
    const client = createApiClient({
      fetch: async () => json(422, { error: "import_refused", message: "1 problem", problems }),
    });
    const error = (await client
      .call("POST", "/admin/import/staff", (w) => w.ImportResult)
      .catch((e: unknown) => e)) as ApiError;
    expect(error.code).toBe("import_refused");
    expect(error.extra.problems).toEqual(problems);
  });

  it("a fetch that throws (no network) is a network failure", async () => {
    const client = createApiClient({
      fetch: async () => {
        throw new TypeError("Failed to fetch");
      },
    });
    const error = (await client.callNoContent("POST", "/auth/logout").catch((e: unknown) => e)) as ApiError;
    expect(error.isNetwork).toBe(true);
  });
});
