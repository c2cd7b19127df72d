// The PIN is the key of the session token on this phone (issue #16 §3, docs/security.md "A lost or shared phone"):
// the token is stored only sealed with AES-GCM under a key derived from the PIN by PBKDF2-SHA-256
// (WebCrypto), a fresh random salt and IV for every sealing. A wrong PIN is an AES-GCM tag that
// does not check, so no PIN hash is kept: a copied database gives the token only to someone who
// guesses the PIN offline, each guess costing PIN_ITERATIONS rounds of PBKDF2.
//
// PIN_ITERATIONS: OWASP's figure for PBKDF2-SHA-256. One derivation takes about 0.14 s in the
// system Chromium on this project's build machine (docs/security.md "A lost or shared phone"); a cheap phone, a few
// times slower, should still unlock in about half a second (estimated, not measured on a phone). The count is stored with each sealed
// token, so raising it later leaves existing PINs working.
import { isValidPin } from "./pin.ts";

export const PIN_ITERATIONS = 600_000;
export const MIN_PIN_ITERATIONS = 100_000;
const SALT_BYTES = 16;
const IV_BYTES = 12;

/** A session token sealed with a PIN (all byte strings base64). */
export interface SealedToken {
  ciphertext: string;
  iv: string;
  salt: string;
  iterations: number;
}

export interface SealOptions {
  iterations?: number;
  crypto?: Crypto;
}

/**
 * Seals `token` for `userId` with `pin`. The user id is the AES-GCM additional data: a sealed
 * token copied onto another person's row does not open there.
 */
export async function sealToken(
  token: string,
  pin: string,
  userId: string,
  options: SealOptions = {},
): Promise<SealedToken> {
  if (!isValidPin(pin)) throw new Error("a PIN is 4 to 6 digits");
  const cryptoApi = options.crypto ?? globalThis.crypto;
  const iterations = options.iterations ?? PIN_ITERATIONS;
  if (iterations < MIN_PIN_ITERATIONS)
    throw new Error(`sealing a token needs at least ${MIN_PIN_ITERATIONS} PBKDF2 iterations`);
  const salt = cryptoApi.getRandomValues(new Uint8Array(SALT_BYTES));
  const iv = cryptoApi.getRandomValues(new Uint8Array(IV_BYTES));
  const key = await deriveKey(cryptoApi, pin, salt, iterations);
  const ciphertext = await cryptoApi.subtle.encrypt(
    { name: "AES-GCM", iv, additionalData: new TextEncoder().encode(userId) },
    key,
    new TextEncoder().encode(token),
  );
  return {
    ciphertext: toBase64(new Uint8Array(ciphertext)),
    iv: toBase64(iv),
    salt: toBase64(salt),
    iterations,
  };
}

/** The token, or null when the PIN is wrong (the tag does not check) or the seal is damaged. */
export async function openToken(
  sealed: SealedToken,
  pin: string,
  userId: string,
  options: { crypto?: Crypto } = {},
): Promise<string | null> {
  if (!isValidPin(pin) || sealed.iterations < MIN_PIN_ITERATIONS) return null;
  const cryptoApi = options.crypto ?? globalThis.crypto;
  try {
    const key = await deriveKey(cryptoApi, pin, fromBase64(sealed.salt), sealed.iterations);
    const plain = await cryptoApi.subtle.decrypt(
      {
        name: "AES-GCM",
        iv: fromBase64(sealed.iv) as BufferSource,
        additionalData: new TextEncoder().encode(userId),
      },
      key,
      fromBase64(sealed.ciphertext) as BufferSource,
    );
    return new TextDecoder().decode(plain);
  } catch {
    return null;
  }
}

/** A PIN hash as phones stored it before the token was sealed (database version 7). */
export interface LegacyPinHash {
  hash: string;
  salt: string;
  iterations: number;
}

/** Checks a PIN against a version-7 hash, once, so its plain token can be sealed (account-store). */
export async function verifyLegacyPin(
  pin: string,
  stored: LegacyPinHash,
  options: { crypto?: Crypto } = {},
): Promise<boolean> {
  if (!isValidPin(pin) || stored.iterations < MIN_PIN_ITERATIONS) return false;
  const cryptoApi = options.crypto ?? globalThis.crypto;
  const material = await cryptoApi.subtle.importKey("raw", new TextEncoder().encode(pin), "PBKDF2", false, [
    "deriveBits",
  ]);
  const bits = await cryptoApi.subtle.deriveBits(
    {
      name: "PBKDF2",
      hash: "SHA-256",
      salt: fromBase64(stored.salt) as BufferSource,
      iterations: stored.iterations,
    },
    material,
    256,
  );
  return equalInConstantTime(new Uint8Array(bits), fromBase64(stored.hash));
}

async function deriveKey(cryptoApi: Crypto, pin: string, salt: Uint8Array, iterations: number) {
  const material = await cryptoApi.subtle.importKey("raw", new TextEncoder().encode(pin), "PBKDF2", false, [
    "deriveKey",
  ]);
  return cryptoApi.subtle.deriveKey(
    { name: "PBKDF2", hash: "SHA-256", salt: salt as BufferSource, iterations },
    material,
    { name: "AES-GCM", length: 256 },
    false,
    ["encrypt", "decrypt"],
  );
}

function equalInConstantTime(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= (a[i] as number) ^ (b[i] as number);
  return diff === 0;
}

function toBase64(bytes: Uint8Array): string {
  let text = "";
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text);
}

function fromBase64(text: string): Uint8Array {
  const raw = atob(text);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}
