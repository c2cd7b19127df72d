// Small facts about this phone and who is using it. The only writer of the `meta` table.
import { ulid } from "ulidx";
import { db as appDb, type MetaKey, type MetaValues, type SafetyRoundsDb } from "./db.ts";

/** The 30-minute auto-lock (SPEC: shared phones, busy teachers). */
export const IDLE_LOCK_MS = 30 * 60 * 1000;

export interface SessionState {
  activeUserId: string | null;
  isUnlocked: boolean;
  /** Set when the lock came from idleness: the lock screen opens on this person's PIN pad. */
  idleLockedUserId: string | null;
  lastActiveAt: number;
}

/** 256 random bits, base64url: the secret that makes a device id this phone's alone. */
export function newDeviceKey(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  return btoa(String.fromCharCode(...bytes))
    .replaceAll("+", "-")
    .replaceAll("/", "_")
    .replace(/=+$/, "");
}

/** A new device: a new id with a new key (first start, or after the server revoked the old one). */
export async function putNewDevice(db: SafetyRoundsDb): Promise<{ deviceId: string; deviceKey: string }> {
  const device = { deviceId: ulid(), deviceKey: newDeviceKey() };
  await db.meta.bulkPut([
    { key: "deviceId", value: device.deviceId },
    { key: "deviceKey", value: device.deviceKey },
  ]);
  return device;
}

export function createMetaStore(db: SafetyRoundsDb = appDb, now: () => number = Date.now) {
  async function get<K extends MetaKey>(key: K): Promise<MetaValues[K] | undefined> {
    const row = await db.meta.get(key);
    return row?.value as MetaValues[K] | undefined;
  }
  async function set<K extends MetaKey>(key: K, value: MetaValues[K]): Promise<void> {
    await db.meta.put({ key, value });
  }

  return {
    get,
    set,

    /**
     * The phone's device id (a ULID made on first start, replaced by the server's answer at
     * login) and its secret key, made together; a phone from before keys gets its key now.
     */
    async ensureDevice(): Promise<{ deviceId: string; deviceKey: string }> {
      return db.transaction("rw", db.meta, async () => {
        const [id, key] = await Promise.all([get("deviceId"), get("deviceKey")]);
        if (id && key) return { deviceId: id, deviceKey: key };
        if (!id) return putNewDevice(db);
        const deviceKey = newDeviceKey();
        await set("deviceKey", deviceKey);
        return { deviceId: id, deviceKey };
      });
    },

    async readSession(): Promise<SessionState> {
      const rows = await db.meta.bulkGet(["activeUserId", "isUnlocked", "idleLockedUserId", "lastActiveAt"]);
      return {
        activeUserId: (rows[0]?.value as string | null | undefined) ?? null,
        isUnlocked: (rows[1]?.value as boolean | undefined) ?? false,
        idleLockedUserId: (rows[2]?.value as string | null | undefined) ?? null,
        lastActiveAt: (rows[3]?.value as number | undefined) ?? 0,
      };
    },

    /** Someone proved who they are (password or PIN): they are now the phone's user. */
    async unlockAs(userId: string): Promise<void> {
      await db.meta.bulkPut([
        { key: "activeUserId", value: userId },
        { key: "isUnlocked", value: true },
        { key: "idleLockedUserId", value: null },
        { key: "lastActiveAt", value: now() },
      ]);
    },

    /**
     * Lock the phone. "switch" shows the list of accounts; "idle" opens the same person's
     * PIN pad, since it is most likely them coming back.
     */
    async lock(reason: "switch" | "idle"): Promise<void> {
      await db.transaction("rw", db.meta, async () => {
        const active = await get("activeUserId");
        await db.meta.bulkPut([
          { key: "isUnlocked", value: false },
          { key: "idleLockedUserId", value: reason === "idle" ? (active ?? null) : null },
        ]);
      });
    },

    async touch(): Promise<void> {
      await set("lastActiveAt", now());
    },

    /**
     * On start, before anything shows: a new page has no token open (token-vault.ts), so an
     * unlocked session is locked, on the same person's PIN pad; their PIN opens their token.
     */
    async lockOnStart(): Promise<boolean> {
      const session = await this.readSession();
      if (!session.isUnlocked) return false;
      await this.lock("idle");
      return true;
    },
  };
}

export type MetaStore = ReturnType<typeof createMetaStore>;
export const metaStore: MetaStore = createMetaStore();
