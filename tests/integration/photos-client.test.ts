// The phone's photo lane end to end: Dexie on fake-indexeddb, savePhoto, the sync engine with
// the real HTTP transports, and the real server in-process on both stores (SYNC.md S8, S9,
// scenario 14). Node has no canvas, so these phones "compress" by passing the JPEG through;
// the canvas compressor itself is covered by photo-store.test.ts (pure parts) and the
// Chromium check described in the report.
import "fake-indexeddb/auto";
import sharp from "sharp";
import { ulid } from "ulidx";
import { afterEach, beforeEach, describe, expect, it, onTestFinished } from "vitest";
import { createAccountStore } from "../../src/client/db/account-store.ts";
import { openDb, type SafetyRoundsDb } from "../../src/client/db/db.ts";
import { getView } from "../../src/client/db/mirror-store.ts";
import { mutate } from "../../src/client/db/mutation-store.ts";
import type { PhotoCompressor } from "../../src/client/db/photo-store.ts";
import { savePhoto } from "../../src/client/db/photo-store.ts";
import { tokenVault } from "../../src/client/db/token-vault.ts";
import { type BlobTransport, createHttpBlobTransport } from "../../src/client/sync/blob-transport.ts";
import { createHttpTransport, type FetchLike } from "../../src/client/sync/http-transport.ts";
import { fetchPhoto } from "../../src/client/sync/photo-lane.ts";
import { SyncEngine, type Timers } from "../../src/client/sync/sync-engine.ts";
import { LoginResponse } from "../../src/protocol/auth.ts";
import type { SchoolClass } from "../../src/protocol/reference.ts";
import { createTestApp, PASSWORD, type TestApp } from "../support/test-app.ts";
import { exifSegmentAt, jpegWithExif, sha256Hex } from "../support/test-images.ts";
import { postgresTestStore, sqliteTestStore } from "../support/test-stores.ts";

const idleTimers: Timers = { setTimeout: () => 0, clearTimeout: () => undefined };

/** Node has no canvas: the "compressed" photo is the file itself, with its first bytes as thumbnail. */
const passThrough: PhotoCompressor = async (file) => {
  const bytes = await file.arrayBuffer();
  return { bytes, mime: "image/jpeg", width: 64, height: 48, thumb: bytes.slice(0, 16) };
};

interface Phone {
  db: SafetyRoundsDb;
  engine: SyncEngine;
  blobs: BlobTransport;
  /** Requests to /blobs fail like a dead network while true; /sync still works. */
  net: { isBlobLaneDown: boolean; blobRequests: number };
  login(school: string, login: string): Promise<LoginResponse>;
}

describe.each([
  ["SQLite", sqliteTestStore],
  ["PostgreSQL", postgresTestStore],
])("photos from the phone (%s)", (_name, open) => {
  let t: TestApp;
  const phones: Phone[] = [];
  beforeEach(async () => {
    t = await createTestApp(open);
  });
  afterEach(async () => {
    for (const p of phones.splice(0)) {
      p.engine.dispose();
      await p.engine.whenPhotosIdle();
      p.db.close();
    }
    await t.dispose();
  });

  function phone(options: { onDb?: (db: SafetyRoundsDb) => void; timers?: Timers } = {}): Phone {
    const db = openDb(`photo-phone-${ulid()}`);
    options.onDb?.(db);
    const deviceId = ulid();
    const now = () => t.clock.now().getTime();
    const accounts = createAccountStore(db, now);
    const net = { isBlobLaneDown: false, blobRequests: 0 };
    const fetch: FetchLike = async (input, init) => {
      if (input.includes("/blobs/")) {
        net.blobRequests++;
        if (net.isBlobLaneDown) throw new TypeError("network connection lost");
      }
      return t.app.request(input, init);
    };
    const blobs = createHttpBlobTransport({ fetch });
    const engine = new SyncEngine({
      db,
      transport: createHttpTransport({ fetch }),
      blobTransport: blobs,
      clock: now,
      random: () => 0.5,
      timers: options.timers ?? idleTimers,
    });
    const p: Phone = {
      db,
      engine,
      blobs,
      net,
      async login(school, login) {
        const res = await t.app.request("/api/v1/auth/login", {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify({ school, login, password: PASSWORD, deviceId }),
        });
        expect(res.status).toBe(200);
        const answer = LoginResponse.parse(await res.json());
        await accounts.saveLogin(answer);
        return answer;
      },
    };
    phones.push(p);
    return p;
  }

  const aClass = (name: string): SchoolClass =>
    ({ id: ulid(), grade: 5, name, classTeacherId: null }) as SchoolClass;
  const jpegFile = async (seed: number) => new Blob([new Uint8Array(await jpegWithExif({ seed }))]);

  async function recordWithPhoto(p: Phone, me: LoginResponse, name: string, file: Blob) {
    const saved = await savePhoto(p.db, file, {
      actorUserId: me.user.id,
      schoolId: me.school.id,
      compress: passThrough,
    });
    const entity = aClass(name);
    const mutationId = await mutate(p.db, {
      type: "class.upsert",
      args: { entity },
      actorUserId: me.user.id,
      schoolId: me.school.id,
    });
    return { saved, entity, mutationId };
  }

  it("[S9] a record and its photo sync; the photo goes up on its own lane and another phone of the school fetches it", async () => {
    const p = phone();
    const me = await p.login("school-a", "admin");
    const { saved, entity, mutationId } = await recordWithPhoto(p, me, "7班", await jpegFile(1));
    expect(saved).toMatchObject({ ok: true, isNew: true });
    if (!saved.ok) return;
    const stored = await p.db.photos.get(saved.sha256);
    expect(stored).toMatchObject({ status: "pending", schoolId: me.school.id, attempts: 0 });
    // Bytes are ArrayBuffers, never Blobs (WebKit cannot store Blobs in IndexedDB).
    expect(stored?.bytes).toBeInstanceOf(ArrayBuffer);
    expect(stored?.thumb).toBeInstanceOf(ArrayBuffer);
    await p.engine.refresh();
    expect(p.engine.getStatus().photos.waiting).toBe(1);

    expect(await p.engine.syncOnce()).toMatchObject({ state: "idle", pushed: 1 });
    expect(await p.db.outbox.get(mutationId)).toBeUndefined();
    await p.engine.whenPhotosIdle();
    expect(await p.db.photos.get(saved.sha256)).toMatchObject({
      status: "uploaded",
      attempts: 1,
      lastError: null,
    });
    expect(p.engine.getStatus().photos).toMatchObject({ waiting: 0, failed: 0, isUploading: false });

    // Another phone of the same school: the record by pull, the photo by its name.
    const other = phone();
    await other.login("school-a", "teacher");
    await other.engine.syncOnce();
    expect(await getView(other.db, "class", entity.id)).toMatchObject({ version: 1 });
    const fetched = await fetchPhoto(other.db, other.blobs, me.school.id, saved.sha256);
    expect(fetched).toMatchObject({ source: "server", mime: "image/jpeg" });
    const bytes = new Uint8Array(fetched?.bytes ?? new ArrayBuffer(0));
    expect((await sharp(bytes).metadata()).width).toBe(64);
    // The server stripped the metadata the phone left in (a canvas never writes any anyway).
    expect(exifSegmentAt(bytes)).toBe(-1);

    // [S8] A phone of school B does not get it.
    const elsewhere = phone();
    const b = await elsewhere.login("school-b", "admin");
    expect(await fetchPhoto(elsewhere.db, elsewhere.blobs, b.school.id, saved.sha256)).toBeUndefined();
  });

  it("[S9] a photo the server refuses (415) is marked failed and shown; records still sync and later photos still go", async () => {
    const p = phone();
    const me = await p.login("school-a", "admin");
    const junk = new Blob([new TextEncoder().encode("<html>not a photo</html>")]);
    const bad = await recordWithPhoto(p, me, "8班", junk);
    const good = await recordWithPhoto(p, me, "9班", await jpegFile(2));
    if (!bad.saved.ok || !good.saved.ok) throw new Error("both photos should be saved locally");

    expect(await p.engine.syncOnce()).toMatchObject({ state: "idle", pushed: 2 });
    await p.engine.whenPhotosIdle();
    expect(await p.db.photos.get(bad.saved.sha256)).toMatchObject({
      status: "failed",
      lastError: expect.stringContaining("not_an_image"),
    });
    expect(await p.db.photos.get(good.saved.sha256)).toMatchObject({ status: "uploaded" });
    expect(p.engine.getStatus()).toMatchObject({ state: "idle", photos: { waiting: 0, failed: 1 } });

    // A failed photo is not retried by later cycles.
    const before = p.net.blobRequests;
    await p.engine.syncOnce();
    await p.engine.whenPhotosIdle();
    expect(p.net.blobRequests).toBe(before);
  });

  it("[S9] with the photo lane's requests failing, mutations still go; the photo waits and goes on a later cycle, idempotently", async () => {
    const p = phone();
    const me = await p.login("school-a", "admin");
    const first = await recordWithPhoto(p, me, "10班", await jpegFile(3));
    if (!first.saved.ok) throw new Error("photo should be saved");

    p.net.isBlobLaneDown = true;
    const outcome = await p.engine.syncOnce();
    expect(outcome).toMatchObject({ state: "idle", pushed: 1, problems: [] });
    await p.engine.whenPhotosIdle();
    expect(await p.db.photos.get(first.saved.sha256)).toMatchObject({
      status: "pending",
      attempts: 1,
      lastError: "no network",
    });
    expect(p.engine.getStatus().photos).toMatchObject({ waiting: 1, problem: "no network" });

    // More work while photos are stuck: it is not held up behind them.
    const second = await recordWithPhoto(p, me, "11班", await jpegFile(4));
    expect(await p.engine.syncOnce()).toMatchObject({ state: "idle", pushed: 1 });
    await p.engine.whenPhotosIdle();
    expect(p.engine.getStatus().photos.waiting).toBe(2);

    // The lane comes back: both go; the server already had none, so each is stored once.
    p.net.isBlobLaneDown = false;
    await p.engine.syncOnce();
    await p.engine.whenPhotosIdle();
    expect(p.engine.getStatus().photos).toMatchObject({ waiting: 0, failed: 0, problem: null });
    if (!second.saved.ok) throw new Error("photo should be saved");
    for (const sha of [first.saved.sha256, second.saved.sha256]) {
      const rows = await t.store.driver.all("SELECT school_id FROM blob_owners WHERE sha256 = ?", [sha]);
      expect(rows).toEqual([{ school_id: me.school.id }]);
    }
    // An answer lost after the server stored it: the retry is "already stored", not an error.
    const token = tokenVault(p.db).get(me.user.id) as string;
    const row = await p.db.photos.get(first.saved.sha256);
    expect(await p.blobs.put(first.saved.sha256, row?.bytes as ArrayBuffer, "image/jpeg", token)).toBe(
      "already_stored",
    );
  });

  it("a busy server (503 with Retry-After, two photos decoding) gets the photo again after the time it named; nothing lost", async () => {
    await t.dispose();
    let entered = 0;
    let bothIn: () => void = () => undefined;
    const bothInside = new Promise<void>((resolve) => {
      bothIn = resolve;
    });
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    t = await createTestApp(open, {
      beforeImageDecode: () => {
        entered++;
        if (entered === 2) bothIn();
        return gate;
      },
    });
    const scheduled: Array<{ run: () => void; ms: number }> = [];
    const p = phone({
      timers: {
        setTimeout: (run, ms) => scheduled.push({ run, ms }),
        clearTimeout: () => undefined,
      },
    });
    const me = await p.login("school-a", "admin");
    // Two other uploads hold both of the server's decode slots.
    const token = await t.tokenFor("school-a", "teacher");
    const others = await Promise.all([5, 6].map((seed) => jpegWithExif({ seed })));
    const held = others.map((photo) => {
      const bytes = new Uint8Array(photo);
      return t.app.request(`/api/v1/blobs/${sha256Hex(bytes)}`, {
        method: "PUT",
        headers: { "content-type": "image/jpeg", authorization: `Bearer ${token}` },
        body: bytes,
      }) as Promise<Response>;
    });
    // However this test ends, the held decodes end with it (the slots are the process's).
    onTestFinished(async () => {
      release();
      await Promise.allSettled(held);
    });
    await bothInside; // both requests hold a decode slot
    expect(entered).toBe(2);

    const record = await recordWithPhoto(p, me, "12班", await jpegFile(7));
    if (!record.saved.ok) throw new Error("photo should be saved");
    expect(await p.engine.syncOnce()).toMatchObject({ state: "idle", pushed: 1 });
    await p.engine.whenPhotosIdle();
    expect(await p.db.photos.get(record.saved.sha256)).toMatchObject({ status: "pending", attempts: 1 });
    const retry = scheduled.find((s) => s.ms === 2000);
    expect(retry).toBeDefined();

    release();
    expect((await Promise.all(held)).map((r) => r.status)).toEqual([201, 201]);
    retry?.run();
    await p.engine.whenPhotosIdle();
    expect(await p.db.photos.get(record.saved.sha256)).toMatchObject({ status: "uploaded", attempts: 2 });
  });

  it("[scenario 14] storage full while saving a photo: the record is saved and queued, the photo failure is reported", async () => {
    const p = phone({
      onDb: (db) =>
        db.use({
          stack: "dbcore",
          name: "full-disk-for-photos",
          create: (down) => ({
            ...down,
            table: (name) => {
              const table = down.table(name);
              if (name !== "photos") return table;
              return {
                ...table,
                mutate: () =>
                  Promise.reject(new DOMException("The quota has been exceeded.", "QuotaExceededError")),
              };
            },
          }),
        }),
    });
    const me = await p.login("school-a", "admin");
    const { saved, entity, mutationId } = await recordWithPhoto(p, me, "12班", await jpegFile(5));
    expect(saved).toMatchObject({
      ok: false,
      reason: "quota",
      message: expect.stringContaining("storage is full"),
    });
    expect(await p.db.photos.count()).toBe(0);
    expect(await p.db.outbox.get(mutationId)).toMatchObject({ status: "pending" });
    expect(await getView(p.db, "class", entity.id)).toMatchObject({ hasPendingChanges: true });

    expect(await p.engine.syncOnce()).toMatchObject({ state: "idle", pushed: 1 });
    await p.engine.whenPhotosIdle();
    expect(await getView(p.db, "class", entity.id)).toMatchObject({ version: 1, hasPendingChanges: false });
    expect(p.net.blobRequests).toBe(0);
  });

  it("the same photo saved twice is one row; a file that is not a picture is refused before saving", async () => {
    const p = phone();
    const me = await p.login("school-a", "admin");
    const file = await jpegFile(6);
    const opts = { actorUserId: me.user.id, schoolId: me.school.id, compress: passThrough };
    const one = await savePhoto(p.db, file, opts);
    const two = await savePhoto(p.db, file, opts);
    expect(one).toMatchObject({ ok: true, isNew: true });
    expect(two).toMatchObject({ ok: true, isNew: false });
    expect(await p.db.photos.count()).toBe(1);

    const broken = await savePhoto(p.db, file, {
      ...opts,
      compress: () =>
        Promise.reject(new DOMException("The source image cannot be decoded.", "InvalidStateError")),
    });
    expect(broken).toMatchObject({ ok: false, reason: "not_an_image" });
    expect(await p.db.photos.count()).toBe(1);
  });
});
