import { describe, expect, it } from "vitest";
import { hashPin, isValidPin, PIN_ITERATIONS, verifyPin } from "./pin.ts";

describe("PIN hashing (unlocks the phone offline)", () => {
  it("a hashed PIN verifies with the same PIN", async () => {
    const stored = await hashPin("1234");
    expect(stored.iterations).toBe(PIN_ITERATIONS);
    expect(await verifyPin("1234", stored)).toBe(true);
  });

  it("a wrong PIN does not verify", async () => {
    const stored = await hashPin("1234");
    expect(await verifyPin("1235", stored)).toBe(false);
    expect(await verifyPin("12345", stored)).toBe(false);
    expect(await verifyPin("", stored)).toBe(false);
  });

  it("the same PIN hashed twice gets different salts and hashes", async () => {
    const a = await hashPin("482916");
    const b = await hashPin("482916");
    expect(a.salt).not.toBe(b.salt);
    expect(a.hash).not.toBe(b.hash);
    expect(Buffer.from(a.salt, "base64")).toHaveLength(16);
  });

  it("accepts 4 to 6 digits only and refuses too few iterations", async () => {
    expect(isValidPin("123")).toBe(false);
    expect(isValidPin("1234567")).toBe(false);
    expect(isValidPin("12a4")).toBe(false);
    expect(isValidPin("000000")).toBe(true);
    await expect(hashPin("12")).rejects.toThrow();
    await expect(hashPin("1234", { iterations: 1000 })).rejects.toThrow();
  });
});
