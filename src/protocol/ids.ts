// Branded ids keep a pupil's id from being passed where a school's is expected.
// Ids are ULIDs (26 Crockford base-32 characters) except where noted.
import { z } from "zod";

const ulid = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, "must be a ULID (26 characters)");

export const SchoolId = ulid.brand<"SchoolId">();
export type SchoolId = z.infer<typeof SchoolId>;
export const StaffId = ulid.brand<"StaffId">();
export type StaffId = z.infer<typeof StaffId>;
export const ClassId = ulid.brand<"ClassId">();
export type ClassId = z.infer<typeof ClassId>;
export const PupilId = ulid.brand<"PupilId">();
export type PupilId = z.infer<typeof PupilId>;
export const DormRoomId = ulid.brand<"DormRoomId">();
export type DormRoomId = z.infer<typeof DormRoomId>;
export const AreaId = ulid.brand<"AreaId">();
export type AreaId = z.infer<typeof AreaId>;
export const ChecklistItemId = ulid.brand<"ChecklistItemId">();
export type ChecklistItemId = z.infer<typeof ChecklistItemId>;
/** A device id is made on the phone (ULID) or handed out by the server at first login. */
export const DeviceId = ulid.brand<"DeviceId">();
export type DeviceId = z.infer<typeof DeviceId>;
