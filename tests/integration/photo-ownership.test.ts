// A change may name only its own person's photos, or photos already on that same record
// (src/server/sync/photo-ownership.ts); a photo not uploaded yet is on its way from the phone
// that made the change. And the "after" photo of a rectification is never the photo of the
// hazard as found (HZ-S3). Real uploads, real pushes, both stores (issue #16, low findings).
import { ulid } from "ulidx";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Hazard } from "../../src/domain/hazard-machine.ts";
import { TestPhone } from "../support/sync-client.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";
import { jpegWithExif, sha256Hex } from "../support/test-images.ts";
import { addSafetyCrew } from "../support/test-schools.ts";
import { postgresTestStore, sqliteTestStore } from "../support/test-stores.ts";

describe.each([
  ["SQLite", sqliteTestStore],
  ["PostgreSQL", postgresTestStore],
] as const)("whose photos on %s", (_engine, open) => {
  let t: TestApp;
  let teacher: TestPhone;
  let admin: TestPhone;
  beforeEach(async () => {
    t = await createTestApp(open, { extendSchool: addSafetyCrew });
    teacher = await TestPhone.login(t, "school-a", "teacher");
    admin = await TestPhone.login(t, "school-a", "admin");
  });
  afterEach(async () => {
    await t.dispose();
  });

  const at = () => t.clock.now().toISOString();
  async function upload(phone: TestPhone, seed: number): Promise<string> {
    const bytes = new Uint8Array(await jpegWithExif({ seed }));
    const sha = sha256Hex(bytes);
    const res = await t.app.request(`/api/v1/blobs/${sha}`, {
      method: "PUT",
      headers: { "content-type": "image/jpeg", authorization: `Bearer ${phone.token}` },
      body: bytes,
    });
    expect([200, 201]).toContain(res.status);
    return sha;
  }
  async function report(phone: TestPhone, photos: string[]): Promise<string> {
    const area = t.schools.a.areas.find((a) => a.name === "二楼楼梯");
    const hazard = {
      id: ulid(),
      areaId: area?.id,
      place: "扶手",
      severity: "general",
      description: "扶手松动",
      photos,
      roundId: null,
      checklistItemId: null,
      assigneeId: null,
      alertId: null,
      deadline: at(),
    };
    const res = await phone.push([phone.mutation("hazard.report", { hazard }, { clientCreatedAt: at() })]);
    expect(res.results[0]?.status).toBe("applied");
    return hazard.id;
  }
  const act = async (phone: TestPhone, hazardId: string, action: Record<string, unknown>) =>
    (await phone.push([phone.mutation("hazard.act", { hazardId, action }, { clientCreatedAt: at() })]))
      .results[0];
  const rectify = (phone: TestPhone, hazardId: string, photos: string[]) =>
    act(phone, hazardId, { kind: "rectify", from: "reported", text: "修好了", photos });
  const hazard = async (id: string) =>
    JSON.parse(
      String(
        (
          await t.store.driver.get<{ data: string }>(
            "SELECT data FROM entities WHERE entity_type = 'hazard' AND entity_id = ?",
            [id],
          )
        )?.data,
      ),
    ) as Hazard;

  it("an after photo someone else uploaded is refused photo_not_yours; one's own, or one still on its way, is taken", async () => {
    const before = await upload(teacher, 1);
    const teachersOther = await upload(teacher, 2);
    const hazardId = await report(teacher, [before]);

    const foreign = await rectify(admin, hazardId, [teachersOther]);
    expect(foreign).toMatchObject({ status: "rejected", reason: "photo_not_yours" });
    expect(foreign?.message).toMatch(/^photos: photo [0-9a-f]{12}… was uploaded by someone else/);
    expect((await hazard(hazardId)).state).toBe("reported");

    // The photo of the hazard as found is on the record, but it does not show the fix (HZ-S3).
    const same = await rectify(admin, hazardId, [before]);
    expect(same).toMatchObject({ status: "rejected", reason: "rule_violation" });
    expect(same?.message).toMatch(/must show the fix/);

    const own = await upload(admin, 3);
    expect((await rectify(admin, hazardId, [own]))?.status).toBe("applied");
    expect((await hazard(hazardId)).rectification?.photos).toEqual([own]);

    // A photo not uploaded yet is on its way from this phone (the photo lane goes after the push).
    const second = await report(teacher, [await upload(teacher, 4)]);
    expect((await rectify(admin, second, ["c".repeat(64)]))?.status).toBe("applied");
  });

  it("a photo already on the record may be named again; a photo uploaded by two people is each one's", async () => {
    const before = await upload(teacher, 5);
    const hazardId = await report(teacher, [before]);
    expect((await act(admin, hazardId, { kind: "comment", text: "见原图", photos: [before] }))?.status).toBe(
      "applied",
    );
    // The same photo is not the admin's own on another record…
    const other = await report(admin, []);
    expect((await act(admin, other, { kind: "comment", text: "", photos: [before] }))?.reason).toBe(
      "photo_not_yours",
    );
    // …until the admin uploads the same bytes too.
    expect(await upload(admin, 5)).toBe(before);
    expect((await act(admin, other, { kind: "comment", text: "", photos: [before] }))?.status).toBe(
      "applied",
    );
  });
});
