import { ulid } from "ulidx";
import { describe, expect, it } from "vitest";
import type { AlertRequest, PushRequest } from "../../protocol/sync.ts";
import { createHttpTransport, type FetchLike } from "./http-transport.ts";
import { AuthRequiredError, DeviceRevokedError, RequestRefusedError, TransportError } from "./sync-errors.ts";

const request: PushRequest = { deviceId: ulid() as PushRequest["deviceId"], mutations: [] };
const serverTime = "2026-11-30T08:00:00.000Z";

function answering(status: number, body: string, contentType = "application/json", headers = {}) {
  const calls: { input: string; init: RequestInit }[] = [];
  const fetch: FetchLike = async (input, init) => {
    calls.push({ input, init });
    return new Response(body, { status, headers: { "Content-Type": contentType, ...headers } });
  };
  return { transport: createHttpTransport({ fetch }), calls };
}

const errorBody = (error: string, message: string) => JSON.stringify({ error, message });

describe("the HTTP sync transport", () => {
  it("posts JSON with the bearer token and parses a valid answer", async () => {
    const { transport, calls } = answering(200, JSON.stringify({ results: [], serverTime }));
    await expect(transport.push(request, "tok")).resolves.toEqual({ results: [], serverTime });
    expect(calls[0]?.input).toBe("/api/v1/sync/push");
    expect(calls[0]?.init.method).toBe("POST");
    expect((calls[0]!.init.headers as Record<string, string>).Authorization).toBe("Bearer tok");
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual(request);
  });

  it("a captive portal's HTML page with 200 is no answer, never a verdict", async () => {
    const { transport } = answering(200, "<html>Please log in to the Wi-Fi</html>", "text/html");
    await expect(transport.push(request, "tok")).rejects.toMatchObject({
      name: "TransportError",
      kind: "bad_answer",
    });
  });

  it("a truncated JSON body is no answer", async () => {
    const { transport } = answering(200, '{"results":[{"mutationId":"01J');
    await expect(transport.pull({ deviceId: request.deviceId }, "tok")).rejects.toBeInstanceOf(
      TransportError,
    );
  });

  it("JSON of the wrong shape is no answer", async () => {
    const { transport } = answering(200, JSON.stringify({ ok: true }));
    await expect(transport.push(request, "tok")).rejects.toBeInstanceOf(TransportError);
  });

  it("401 from our server asks for login; 401 from something else is no answer", async () => {
    await expect(
      answering(401, errorBody("unauthenticated", "this session has expired")).transport.push(request, "tok"),
    ).rejects.toBeInstanceOf(AuthRequiredError);
    await expect(
      answering(401, "denied", "text/plain").transport.push(request, "tok"),
    ).rejects.toBeInstanceOf(TransportError);
  });

  it("403 is a refused device", async () => {
    await expect(
      answering(403, errorBody("device_revoked", "revoked")).transport.push(request, "tok"),
    ).rejects.toMatchObject({ name: "DeviceRevokedError", code: "device_revoked" });
    expect(new DeviceRevokedError("x")).toBeInstanceOf(Error);
  });

  it("403 password_change_required waits for a new password; another 403 is a refusal", async () => {
    await expect(
      answering(403, errorBody("password_change_required", "choose a new password")).transport.pull(
        { deviceId: request.deviceId },
        "tok",
      ),
    ).rejects.toMatchObject({ name: "PasswordChangeRequiredError", code: "password_change_required" });
    await expect(
      answering(403, errorBody("forbidden", "no")).transport.push(request, "tok"),
    ).rejects.toBeInstanceOf(RequestRefusedError);
  });

  it("5xx is transient, with the server's Retry-After", async () => {
    await expect(
      answering(503, errorBody("unavailable", "busy"), "application/json", {
        "Retry-After": "2",
      }).transport.push(request, "tok"),
    ).rejects.toMatchObject({ name: "TransportError", kind: "server", status: 503, retryAfterMs: 2000 });
  });

  it("another 4xx from our server is a refusal naming the field", async () => {
    const body = JSON.stringify({
      error: "bad_request",
      message: "mutations.0.type: required",
      field: "mutations.0.type",
    });
    await expect(answering(400, body).transport.push(request, "tok")).rejects.toMatchObject({
      name: "RequestRefusedError",
      status: 400,
      field: "mutations.0.type",
    });
    expect(new RequestRefusedError(400, "x", "y")).toBeInstanceOf(Error);
  });

  it("an urgent alert is posted to /alerts and its answer parsed; a refusal names its code", async () => {
    const alert: AlertRequest = {
      deviceId: request.deviceId,
      alert: {
        alertId: ulid(),
        kind: "critical_hazard",
        subjectId: ulid(),
        message: "三楼栏杆松动",
        actorUserId: ulid() as AlertRequest["alert"]["actorUserId"],
        clientCreatedAt: serverTime,
      },
    };
    const answer = { alertId: alert.alert.alertId, status: "received", serverSeq: 12, serverTime };
    const { transport, calls } = answering(200, JSON.stringify(answer));
    await expect(transport.sendAlert(alert, "tok")).resolves.toEqual(answer);
    expect(calls[0]?.input).toBe("/api/v1/alerts");
    expect(JSON.parse(String(calls[0]?.init.body))).toEqual(alert);
    await expect(
      answering(409, errorBody("alert_id_reused", "used")).transport.sendAlert(alert, "tok"),
    ).rejects.toMatchObject({ name: "RequestRefusedError", status: 409, code: "alert_id_reused" });
  });

  it("a network failure is a TransportError", async () => {
    const transport = createHttpTransport({
      fetch: async () => {
        throw new TypeError("Failed to fetch");
      },
    });
    await expect(transport.push(request, "tok")).rejects.toMatchObject({ kind: "network" });
  });
});
