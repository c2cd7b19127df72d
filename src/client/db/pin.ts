// What a PIN may be: the rules the set-PIN and lock pages need on the first screen, apart from the
// crypto that seals the token with it (token-seal.ts, loaded when a PIN is typed). New PINs have
// 6 digits (docs/security.md "A lost or shared phone": 4 digits fall to a GPU in under a second).

/** Digits in a new PIN. Older 4- and 5-digit PINs keep unlocking until they are set again. */
export const NEW_PIN_LENGTH = 6;

/** A PIN as this phone ever accepted it (unlocking): 4 to 6 digits. */
export function isValidPin(pin: string): boolean {
  return /^\d{4,6}$/.test(pin);
}

/** A PIN that may be chosen now: exactly NEW_PIN_LENGTH digits. */
export function isNewPin(pin: string): boolean {
  return pin.length === NEW_PIN_LENGTH && /^\d+$/.test(pin);
}
