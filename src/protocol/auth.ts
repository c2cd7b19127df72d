// Login, logout and password change on the wire (SYNC.md "Endpoints (v1)").
import { z } from "zod";
import { DeviceId } from "./ids.ts";
import { School, Staff } from "./reference.ts";

export const PROTOCOL_VERSION = 1;

export const LoginRequest = z.object({
  school: z.string().trim().min(1, "school code is required").max(64),
  login: z.string().trim().min(1, "login is required").max(64),
  password: z.string().min(1, "password is required").max(256),
  deviceId: DeviceId.optional(),
  /**
   * The phone's secret for its device id: the first login with a key binds the id to it, and a
   * later login naming the id must bring the same key (a phone cannot claim another's id).
   */
  deviceKey: z
    .string()
    .regex(/^[A-Za-z0-9_-]{32,128}$/, "deviceKey: 32 to 128 base64url characters")
    .optional(),
});
export type LoginRequest = z.infer<typeof LoginRequest>;

/**
 * A phone with no session open (locked after a restart) asks whether it was revoked: the key
 * proves it is the phone, so no token is needed and a stranger learns nothing.
 */
export const DeviceStatusRequest = z.object({
  deviceId: DeviceId,
  deviceKey: LoginRequest.shape.deviceKey.unwrap(),
});
export const DeviceStatusResponse = z.object({ revokedSchoolIds: z.array(z.string()) });
export type DeviceStatusResponse = z.infer<typeof DeviceStatusResponse>;

export const LoginResponse = z.object({
  token: z.string(),
  deviceId: DeviceId,
  user: Staff,
  school: School.pick({ id: true, code: true, name: true }),
  mustChangePassword: z.boolean(),
  /** Absolute expiry of the session (ISO); idle expiry slides with use. */
  expiresAt: z.string(),
  serverTime: z.string(),
});
export type LoginResponse = z.infer<typeof LoginResponse>;

export const MIN_PASSWORD_LENGTH = 8;

export const ChangePasswordRequest = z.object({
  currentPassword: z.string().min(1, "current password is required").max(256),
  newPassword: z
    .string()
    .min(MIN_PASSWORD_LENGTH, `new password must have at least ${MIN_PASSWORD_LENGTH} characters`)
    .max(256),
});

export const MeResponse = z.object({
  user: Staff,
  school: School.pick({ id: true, code: true, name: true }),
  deviceId: DeviceId,
  mustChangePassword: z.boolean(),
  serverTime: z.string(),
});
export type MeResponse = z.infer<typeof MeResponse>;

/** Every error answer of the API has this shape; `field` names the offending input. */
export const ErrorBody = z.object({
  error: z.string(),
  message: z.string(),
  field: z.string().optional(),
  details: z.unknown().optional(),
  requestId: z.string().optional(),
});
export type ErrorBody = z.infer<typeof ErrorBody>;

/** GET /auth/demo: whether this server has the demo school, for the login page's hint. */
export const DemoResponse = z.object({ demo: z.object({ code: z.string() }).nullable() });
export type DemoResponse = z.infer<typeof DemoResponse>;

export const HealthResponse = z.object({
  status: z.enum(["ok", "degraded"]),
  version: z.string(),
  protocolVersion: z.number(),
  storage: z.object({ kind: z.enum(["sqlite", "postgres"]), reachable: z.boolean() }),
  serverTime: z.string(),
});
