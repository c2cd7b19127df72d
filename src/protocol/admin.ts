// Answers of the admin routes (docs/protocol.md "Admin").
import { z } from "zod";
import { Staff } from "./reference.ts";

export const StaffWithSessions = Staff.extend({ activeSessions: z.number().int().nonnegative() });
export type StaffWithSessions = z.infer<typeof StaffWithSessions>;
export const AdminStaffList = z.object({ staff: z.array(StaffWithSessions) });
export const EndSessionsAnswer = z.object({ ended: z.number().int().nonnegative() });
export const ResetPasswordAnswer = z.object({ login: z.string(), name: z.string(), password: z.string() });
export type OneTimePassword = z.infer<typeof ResetPasswordAnswer>;
export const SetActiveRequest = z.object({ isActive: z.boolean() });

/** One phone of the school (管理 → 设备); `signedIn`: names with a live session on it now. */
export const AdminDevice = z.object({
  id: z.string(),
  createdAt: z.string(),
  lastSeenAt: z.string(),
  revokedAt: z.string().nullable(),
  clockSkewMs: z.number().nullable(),
  lastDeviceSeq: z.number(),
  lastUser: z.string().nullable(),
  signedIn: z.array(z.string()),
  isThisDevice: z.boolean(),
});
export type AdminDevice = z.infer<typeof AdminDevice>;
export const AdminDeviceList = z.object({ devices: z.array(AdminDevice) });
