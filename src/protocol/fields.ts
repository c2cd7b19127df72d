// One rule per field that both doors into the school's records use: the sync mutations
// (staff.upsert, pupil.upsert, class.upsert, dormRoom.upsert … in reference.ts) and the CSV
// import (src/server/import/parse-import.ts), so the same bad value is refused by both with the
// same reason, in Chinese then English ("原因 / reason"). Lengths come from limits.ts.
import { z } from "zod";
import { ROLES } from "../domain/roles.ts";
import { SHA256_HEX } from "./blobs.ts";
import { MAX_PHOTOS, TEXT_LIMITS, type TextKind } from "./limits.ts";

const both = (zh: string, en: string) => `${zh} / ${en}`;

export const REQUIRED_MESSAGE = both("必填项不能为空", "a value is required");

/** Free text of a kind: trimmed, at most its limit (limits.ts TEXT_LIMITS). */
export const text = (kind: TextKind) =>
  z
    .string()
    .trim()
    .max(
      TEXT_LIMITS[kind],
      both(`不能超过 ${TEXT_LIMITS[kind]} 个字`, `at most ${TEXT_LIMITS[kind]} characters`),
    );

/** Photo names of one record or step. */
export const photoList = z
  .array(z.string().regex(SHA256_HEX, "must be a photo name (64 hex digits)"))
  .max(MAX_PHOTOS, both(`最多 ${MAX_PHOTOS} 张照片`, `at most ${MAX_PHOTOS} photos`));

/** A number Excel turned into scientific notation ("2.02603E+09"): the file, not the person, is wrong. */
const EXCEL_NUMBER = /^\d+(\.\d+)?e\+?\d+$/i;
const excelProblem = (what: { zh: string; en: string }, value: string) =>
  both(
    `${what.zh}“${value}”被 Excel 转成了科学计数法，请把该列设为文本后重新保存`,
    `${what.en} "${value}" was turned into scientific notation by Excel: format the column as text and save again`,
  );

export const LOGIN_PATTERN = /^[A-Za-z0-9._-]{2,32}$/;
export const loginField = z
  .string()
  .trim()
  .regex(
    LOGIN_PATTERN,
    both(
      "登录名只能由字母、数字和 . _ - 组成，长度 2–32",
      'a login is 2–32 letters, digits, ".", "_" or "-"',
    ),
  );

export const personName = z
  .string()
  .trim()
  .min(1, REQUIRED_MESSAGE)
  .max(
    TEXT_LIMITS.personName,
    both(
      `姓名不能超过 ${TEXT_LIMITS.personName} 个字`,
      `a name is at most ${TEXT_LIMITS.personName} characters`,
    ),
  );

const MOBILE = /^(?:\+?86-?)?(1[3-9]\d{9})$/;
const LANDLINE = /^0\d{2,3}-?\d{7,8}(?:-\d{1,6})?$/;
/**
 * A phone number: an 11-digit mobile (a +86 prefix and spaces are dropped) or a landline with
 * its area code; the stored form is what this gives back.
 */
export const phoneNumber = z.string().transform((raw, ctx) => {
  const value = raw.replace(/\s+/g, "");
  const mobile = MOBILE.exec(value);
  if (mobile) return mobile[1] as string;
  if (LANDLINE.test(value) && value.length <= TEXT_LIMITS.phone) return value;
  ctx.addIssue({
    code: "custom",
    message: EXCEL_NUMBER.test(value)
      ? excelProblem({ zh: "电话", en: "phone" }, value)
      : both(
          "电话应为 11 位手机号或带区号的固定电话",
          "a phone number is an 11-digit mobile number or a landline with its area code",
        ),
  });
  return z.NEVER;
});

const STUDENT_NO = /^[A-Za-z0-9-]{1,32}$/;
export const studentNo = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    if (STUDENT_NO.test(value)) return;
    ctx.addIssue({
      code: "custom",
      message: EXCEL_NUMBER.test(value)
        ? excelProblem({ zh: "学号", en: "student number" }, value)
        : both(
            "学号只能由字母、数字和 - 组成，最长 32 位",
            'a student number is at most 32 letters, digits or "-"',
          ),
    });
  });

const named = (kind: TextKind, zh: string, en: string) =>
  z
    .string()
    .trim()
    .min(1, REQUIRED_MESSAGE)
    .max(
      TEXT_LIMITS[kind],
      both(`${zh}不能超过 ${TEXT_LIMITS[kind]} 个字`, `${en} is at most ${TEXT_LIMITS[kind]} characters`),
    );

export const className = named("className", "班级名称", "a class name");
export const roomName = named("roomName", "寝室名称", "a dorm room name");
export const bedLabel = named("shortLabel", "床位", "a bed");
export const buildingName = z
  .string()
  .trim()
  .max(
    TEXT_LIMITS.shortLabel,
    both(
      `楼栋不能超过 ${TEXT_LIMITS.shortLabel} 个字`,
      `a building is at most ${TEXT_LIMITS.shortLabel} characters`,
    ),
  );

/** A person's roles: at least one, each once. */
export const roleList = z
  .array(z.enum(ROLES))
  .min(1, both("至少填写一个角色", "at least one role is required"))
  .refine((roles) => new Set(roles).size === roles.length, both("每个角色只写一次", "each role once"));

/** The reason of a field's first problem, as both doors report it. */
export function fieldProblem<S extends z.ZodType>(
  schema: S,
  value: unknown,
): { ok: true; value: z.infer<S> } | { ok: false; reason: string } {
  const parsed = schema.safeParse(value);
  return parsed.success
    ? { ok: true, value: parsed.data }
    : { ok: false, reason: parsed.error.issues[0]?.message ?? "invalid" };
}
