// CSV import of staff, classes and pupils (online bulk operation). A bad file is refused
// whole: the answer lists every line, column and reason.
import { z } from "zod";

export const IMPORT_KINDS = ["staff", "classes", "pupils"] as const;
export const ImportKind = z.enum(IMPORT_KINDS);
export type ImportKind = z.infer<typeof ImportKind>;

export const ImportProblem = z.object({
  /** 1-based line number in the file as a spreadsheet shows it (the header is line 1). */
  line: z.number().int(),
  column: z.string(),
  reason: z.string(),
});
export type ImportProblem = z.infer<typeof ImportProblem>;

export const ImportResult = z.object({
  kind: ImportKind,
  created: z.number().int(),
  updated: z.number().int(),
  /** Staff created by this import, with the one-time password to hand to each. */
  oneTimePasswords: z.array(z.object({ login: z.string(), name: z.string(), password: z.string() })),
});
export type ImportResult = z.infer<typeof ImportResult>;

export const ImportRefused = z.object({
  error: z.literal("import_refused"),
  message: z.string(),
  problems: z.array(ImportProblem),
});
export type ImportRefused = z.infer<typeof ImportRefused>;
