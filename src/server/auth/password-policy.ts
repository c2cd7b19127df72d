// The one rule a new password chosen by a person must pass (the length is checked by the
// request schema, src/protocol/auth.ts): it must not contain the school code or the login, and
// zxcvbn must rate it at least "safely unguessable" (score 3), which refuses common passwords
// such as 12345678, keyboard walks, repeats and dates. Passwords the server makes (one-time
// passwords, the demo's demo1234) are not chosen by a person and do not go through it.
import { ZxcvbnFactory } from "@zxcvbn-ts/core";
import { HttpError } from "../http/errors.ts";

export const MIN_PASSWORD_SCORE = 3;
/** Shorter names (e.g. a login "wl") would refuse too many passwords by chance. */
const MIN_NAME_LENGTH = 3;

export interface PasswordOwner {
  schoolCode: string;
  login: string;
  name: string;
}

let checker: Promise<ZxcvbnFactory> | undefined;
function zxcvbn(): Promise<ZxcvbnFactory> {
  // The dictionaries are large: loaded on the first password change, not at server start.
  checker ??= import("@zxcvbn-ts/language-common").then(
    (common) => new ZxcvbnFactory({ dictionary: { ...common.dictionary }, graphs: common.adjacencyGraphs }),
  );
  return checker;
}

/** Throws a 400 naming `newPassword` and why, when the password may not be used. */
export async function checkNewPassword(password: string, owner: PasswordOwner): Promise<void> {
  const lower = password.toLowerCase();
  const names = [owner.schoolCode, owner.login].filter((n) => n.length >= MIN_NAME_LENGTH);
  if (names.some((n) => lower.includes(n.toLowerCase()))) {
    throw new HttpError(
      400,
      "password_contains_account",
      "newPassword: must not contain the school code or your login",
      { field: "newPassword" },
    );
  }
  const result = (await zxcvbn()).check(password, [owner.schoolCode, owner.login, owner.name]);
  if (result.score < MIN_PASSWORD_SCORE) {
    throw new HttpError(
      400,
      "password_too_guessable",
      "newPassword: too easy to guess (a common password, a pattern, a date or a name); use a longer one, e.g. a few words",
      { field: "newPassword" },
    );
  }
}
