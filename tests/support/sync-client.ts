// A bare protocol client for server tests: a "phone" with its own device id, a logged-in
// person, and helpers to make mutations and push / pull them through the real app.
import { randomBytes } from "node:crypto";
import { ulid } from "ulidx";
import type { MutationType } from "../../src/protocol/mutations.ts";
import type { Mutation, PullResponse, PushResponse } from "../../src/protocol/sync.ts";
import type { TestApp } from "./test-app.ts";
import { PASSWORD } from "./test-schools.ts";

type Fetchish = (path: string, init: RequestInit) => Response | Promise<Response>;

export class TestPhone {
  readonly deviceId = ulid();
  /** The phone's secret beside its id (LoginRequest.deviceKey); undefined: an app from before keys. */
  deviceKey: string | undefined = randomBytes(32).toString("base64url");
  private nextSeq = 1;
  token = "";
  userId = "";
  cursor: string | undefined;

  constructor(
    private readonly fetch: Fetchish,
    readonly school: string,
  ) {}

  static async login(t: TestApp, school: string, login: string): Promise<TestPhone> {
    const phone = new TestPhone((p, i) => t.app.request(p, i), school);
    await phone.login(login);
    return phone;
  }

  async login(login: string, password = PASSWORD) {
    const res = await this.fetch("/api/v1/auth/login", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        school: this.school,
        login,
        password,
        deviceId: this.deviceId,
        ...(this.deviceKey === undefined ? {} : { deviceKey: this.deviceKey }),
      }),
    });
    if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { token: string; user: { id: string } };
    this.token = body.token;
    this.userId = body.user.id;
    return body;
  }

  /** Replaces a one-time password (its session may do nothing else before). */
  async changePassword(currentPassword: string, newPassword = "river-lantern-autumn-42") {
    const res = await this.fetch("/api/v1/auth/password", {
      method: "POST",
      headers: { authorization: `Bearer ${this.token}`, "content-type": "application/json" },
      body: JSON.stringify({ currentPassword, newPassword }),
    });
    if (res.status !== 204) throw new Error(`password change failed: ${res.status} ${await res.text()}`);
  }

  mutation(
    type: MutationType | string,
    args: Record<string, unknown>,
    extra: Partial<Mutation> = {},
  ): Mutation {
    return {
      mutationId: ulid(),
      deviceSeq: this.nextSeq++,
      type,
      typeVersion: 1,
      args,
      actorUserId: this.userId as Mutation["actorUserId"],
      clientCreatedAt: new Date().toISOString(),
      ...extra,
    };
  }

  async pushRaw(mutations: Mutation[], extra: Record<string, unknown> = {}) {
    return this.fetch("/api/v1/sync/push", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${this.token}` },
      body: JSON.stringify({ deviceId: this.deviceId, mutations, ...extra }),
    });
  }

  async push(mutations: Mutation[], extra: Record<string, unknown> = {}): Promise<PushResponse> {
    const res = await this.pushRaw(mutations, extra);
    if (res.status !== 200) throw new Error(`push failed: ${res.status} ${await res.text()}`);
    return (await res.json()) as PushResponse;
  }

  async pullPage(limit?: number, cursor = this.cursor): Promise<PullResponse> {
    const res = await this.fetch("/api/v1/sync/pull", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${this.token}` },
      body: JSON.stringify({
        deviceId: this.deviceId,
        ...(cursor ? { cursor } : {}),
        ...(limit ? { limit } : {}),
      }),
    });
    if (res.status !== 200) throw new Error(`pull failed: ${res.status} ${await res.text()}`);
    return (await res.json()) as PullResponse;
  }

  /** Pulls until nothing is left; returns the entities as this phone now knows them. */
  readonly entities = new Map<string, { version: number; data: unknown }>();
  async pullAll(limit?: number) {
    for (;;) {
      const page = await this.pullPage(limit);
      if (page.reset) this.entities.clear();
      for (const c of page.changes) {
        const key = `${c.entityType}/${c.entityId}`;
        if (c.op === "delete") this.entities.delete(key);
        else this.entities.set(key, { version: c.version, data: c.data });
      }
      this.cursor = page.nextCursor;
      if (!page.hasMore) return page;
    }
  }

  entity<T>(type: string, id: string) {
    return this.entities.get(`${type}/${id}`) as { version: number; data: T } | undefined;
  }
}
