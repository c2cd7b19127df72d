// The PIN unlocks this phone offline; it never leaves the phone. Stored as PBKDF2-SHA256
// with a random 16-byte salt (WebCrypto), so a copied database does not give the PIN away
// cheaply. 4–6 digits is what a teacher can type with one thumb; the 5-try lock-out in
// account-store is what makes so short a secret acceptable.
export const PIN_ITERATIONS = 200_000;
export const MIN_PIN_ITERATIONS = 100_000;
const SALT_BYTES = 16;
const HASH_BITS = 256;

export interface PinHash {
  hash: string;
  salt: string;
  iterations: number;
}

export function isValidPin(pin: string): boolean {
  return /^\d{4,6}$/.test(pin);
}

export async function hashPin(
  pin: string,
  options: { iterations?: number; salt?: Uint8Array; crypto?: Crypto } = {},
): Promise<PinHash> {
  if (!isValidPin(pin)) throw new Error("a PIN is 4 to 6 digits");
  const cryptoApi = options.crypto ?? globalThis.crypto;
  const iterations = options.iterations ?? PIN_ITERATIONS;
  if (iterations < MIN_PIN_ITERATIONS)
    throw new Error(`PIN hashing needs at least ${MIN_PIN_ITERATIONS} iterations`);
  const salt = options.salt ?? cryptoApi.getRandomValues(new Uint8Array(SALT_BYTES));
  const hash = await derive(cryptoApi, pin, salt, iterations);
  return { hash: toBase64(hash), salt: toBase64(salt), iterations };
}

export async function verifyPin(
  pin: string,
  stored: PinHash,
  options: { crypto?: Crypto } = {},
): Promise<boolean> {
  if (!isValidPin(pin)) return false;
  const cryptoApi = options.crypto ?? globalThis.crypto;
  const actual = await derive(cryptoApi, pin, fromBase64(stored.salt), stored.iterations);
  return equalInConstantTime(actual, fromBase64(stored.hash));
}

async function derive(
  cryptoApi: Crypto,
  pin: string,
  salt: Uint8Array,
  iterations: number,
): Promise<Uint8Array> {
  const key = await cryptoApi.subtle.importKey("raw", new TextEncoder().encode(pin), "PBKDF2", false, [
    "deriveBits",
  ]);
  const bits = await cryptoApi.subtle.deriveBits(
    { name: "PBKDF2", hash: "SHA-256", salt: salt as BufferSource, iterations },
    key,
    HASH_BITS,
  );
  return new Uint8Array(bits);
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
