// The token sealed with the PIN (issue #16 §3), with Node's real WebCrypto.
import { describe, expect, it } from "vitest";
import { isNewPin, isValidPin, NEW_PIN_LENGTH } from "./pin.ts";
import { MIN_PIN_ITERATIONS, openToken, PIN_ITERATIONS, sealToken, verifyLegacyPin } from "./token-seal.ts";

const TOKEN = "Xq3v0b6lQ8pN2mR7sT1uW4yZ9aC5dE0fG2hJ4kL6nP8";
const USER = "01JUSER00000000000000000AB";
const fast = { iterations: MIN_PIN_ITERATIONS };

describe("the session token sealed with the PIN", () => {
  it("opens with the same PIN and person; the stored seal holds no trace of the token or PIN", async () => {
    const sealed = await sealToken(TOKEN, "482916", USER);
    expect(sealed.iterations).toBe(PIN_ITERATIONS);
    expect(PIN_ITERATIONS).toBeGreaterThanOrEqual(600_000);
    expect(await openToken(sealed, "482916", USER)).toBe(TOKEN);
    const stored = JSON.stringify(sealed);
    expect(stored).not.toContain(TOKEN);
    expect(stored).not.toContain("482916");
    expect(stored).not.toContain(Buffer.from(TOKEN).toString("base64").slice(0, 16));
  });

  it("a wrong PIN, another person's row or a damaged seal opens nothing", async () => {
    const sealed = await sealToken(TOKEN, "482916", USER, fast);
    expect(await openToken(sealed, "482917", USER)).toBeNull();
    expect(await openToken(sealed, "4829", USER)).toBeNull();
    expect(await openToken(sealed, "", USER)).toBeNull();
    expect(await openToken(sealed, "482916", "01JUSER00000000000000000AC")).toBeNull();
    const flipped = Buffer.from(sealed.ciphertext, "base64");
    flipped[0] = (flipped[0] as number) ^ 1;
    expect(await openToken({ ...sealed, ciphertext: flipped.toString("base64") }, "482916", USER)).toBeNull();
    // Lowering the stored iteration count (to make guessing cheap) does not open it either.
    expect(await openToken({ ...sealed, iterations: 1000 }, "482916", USER)).toBeNull();
  });

  it("every sealing takes a fresh random salt and IV", async () => {
    const a = await sealToken(TOKEN, "482916", USER, fast);
    const b = await sealToken(TOKEN, "482916", USER, fast);
    expect(a.salt).not.toBe(b.salt);
    expect(a.iv).not.toBe(b.iv);
    expect(a.ciphertext).not.toBe(b.ciphertext);
    expect(Buffer.from(a.salt, "base64")).toHaveLength(16);
    expect(Buffer.from(a.iv, "base64")).toHaveLength(12);
  });

  it("new PINs have 6 digits; 4- and 5-digit PINs still unlock; too few iterations are refused", async () => {
    expect(NEW_PIN_LENGTH).toBe(6);
    expect(isNewPin("000000")).toBe(true);
    expect(isNewPin("1234")).toBe(false);
    expect(isNewPin("12345a")).toBe(false);
    expect(isValidPin("1234")).toBe(true);
    expect(isValidPin("123")).toBe(false);
    expect(isValidPin("1234567")).toBe(false);
    await expect(sealToken(TOKEN, "12", USER)).rejects.toThrow();
    await expect(sealToken(TOKEN, "123456", USER, { iterations: 1000 })).rejects.toThrow();
  });

  it("a version-7 PIN hash still verifies once, so its plain token can be sealed", async () => {
    const salt = globalThis.crypto.getRandomValues(new Uint8Array(16));
    const material = await globalThis.crypto.subtle.importKey(
      "raw",
      new TextEncoder().encode("1234"),
      "PBKDF2",
      false,
      ["deriveBits"],
    );
    const bits = await globalThis.crypto.subtle.deriveBits(
      { name: "PBKDF2", hash: "SHA-256", salt, iterations: 200_000 },
      material,
      256,
    );
    const stored = {
      hash: Buffer.from(bits).toString("base64"),
      salt: Buffer.from(salt).toString("base64"),
      iterations: 200_000,
    };
    expect(await verifyLegacyPin("1234", stored)).toBe(true);
    expect(await verifyLegacyPin("1235", stored)).toBe(false);
  });
});
