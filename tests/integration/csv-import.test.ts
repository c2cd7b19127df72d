// CSV import of staff, classes and pupils through the real server (issue #2 §3): UTF-8 with
// or without BOM, a template to download, a bad file refused whole with line/column/reason.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/test-app.ts";

let t: TestApp;
let admin: string;
beforeEach(async () => {
  t = await createTestApp();
  admin = await t.tokenFor("school-a", "admin");
});
afterEach(async () => {
  await t.dispose();
});

const upload = (kind: string, csv: string | Uint8Array, token = admin, type = "text/csv; charset=utf-8") =>
  t.app.request(`/api/v1/admin/import/${kind}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": type },
    body: csv as BodyInit,
  });
const reference = async () =>
  (await (
    await t.app.request("/api/v1/reference", { headers: { authorization: `Bearer ${admin}` } })
  ).json()) as any;

describe("CSV import", () => {
  it("imports staff (with BOM, CRLF, Chinese headers) and hands out one-time passwords that work", async () => {
    const csv =
      "\uFEFF登录名,姓名,角色,电话\r\nzhangwei,张伟,班主任、值日教师,13807170001\r\nteacher,李老师,班主任;年级组长,\r\n";
    const res = await upload("staff", csv);
    expect(res.status).toBe(200);
    const result = (await res.json()) as any;
    expect(result).toMatchObject({ kind: "staff", created: 1, updated: 1 });
    expect(result.oneTimePasswords).toHaveLength(1);
    expect(result.oneTimePasswords[0]).toMatchObject({ login: "zhangwei", name: "张伟" });
    const login = await t.login("school-a", "zhangwei", result.oneTimePasswords[0].password);
    expect(login.status).toBe(200);
    expect(((await login.json()) as any).mustChangePassword).toBe(true);
    const ref = await reference();
    expect(ref.staff.find((s: any) => s.login === "teacher").roles).toEqual([
      "class_teacher",
      "grade_leader",
    ]);
  });

  it("imports classes and then pupils that reference them; a new dorm room is created", async () => {
    expect((await upload("classes", "grade,name,class_teacher_login\n4,2班,teacher\n")).status).toBe(200);
    const res = await upload(
      "pupils",
      "student_no,name,gender,grade,class,is_boarder,dorm_room,bed\nP001,赵小雨,女,4,2班,是,女生2室,5号床\nP002,钱多多,男,四年级,2班,否,,\n",
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ kind: "pupils", created: 2, updated: 0 });
    const ref = await reference();
    const room = ref.dormRooms.find((r: any) => r.name === "女生2室");
    expect(room).toBeTruthy();
    expect(ref.pupils.find((p: any) => p.studentNo === "P001")).toMatchObject({
      isBoarder: true,
      dormRoomId: room.id,
      bed: "5号床",
    });
    // Importing again updates instead of duplicating.
    const again = await upload(
      "pupils",
      "student_no,name,gender,grade,class,is_boarder,dorm_room,bed\nP002,钱多多,男,4,2班,否,,\n",
    );
    expect(await again.json()).toMatchObject({ created: 0, updated: 1 });
  });

  it("refuses a bad file whole, listing line, column and reason, and writes nothing", async () => {
    const before = await reference();
    const csv = [
      "student_no,name,gender,grade,class,is_boarder,dorm_room,bed",
      "Q001,好学生,男,3,1班,否,,", // fine on its own
      "Q002,,男,3,1班,否,,", // line 3: name missing
      "Q003,某某,男,7,1班,否,,", // line 4: grade 7
      "Q004,某某,男,3,9班,否,,", // line 5: no such class
      "Q005,某某,男,3,1班,是,,", // line 6: boarder without a room
      "Q001,重复,男,3,1班,否,,", // line 7: duplicate student_no
    ].join("\n");
    const res = await upload("pupils", csv);
    expect(res.status).toBe(422);
    const body = (await res.json()) as any;
    expect(body.error).toBe("import_refused");
    const where = body.problems.map((p: any) => `${p.line}:${p.column}`);
    expect(where).toEqual(
      expect.arrayContaining(["3:name", "4:grade", "5:class", "6:dorm_room", "7:student_no"]),
    );
    for (const p of body.problems) expect(p.reason.length).toBeGreaterThan(3);
    const after = await reference();
    expect(after.pupils).toEqual(before.pupils);
  });

  it("refuses a file with a missing column, an empty file and a non-UTF-8 file", async () => {
    const missing = (await (await upload("staff", "login,name\nx1,某某\n")).json()) as any;
    expect(missing.problems[0].line).toBe(1);
    expect(missing.problems[0].column).toMatch(/roles|角色/);
    const empty = await upload("staff", "");
    expect(empty.status).toBe(422);
    const gbk = new Uint8Array([0xb5, 0xc7, 0xc2, 0xbc, 0xc3, 0xfb, 0x0a]); // "登录名" in GBK
    const notUtf8 = await upload("staff", gbk);
    expect(notUtf8.status).toBe(422);
    expect(((await notUtf8.json()) as any).problems[0].reason).toMatch(/UTF-8/);
  });

  it("offers a template per kind, with BOM, that imports as it is", async () => {
    for (const kind of ["staff", "classes", "pupils"]) {
      const res = await t.app.request(`/api/v1/admin/import/${kind}/template`, {
        headers: { authorization: `Bearer ${admin}` },
      });
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/text\/csv/);
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const imported = await upload(kind, bytes);
      expect(imported.status, `${kind} template imports`).toBe(200);
    }
  });

  it("only an admin may import; an unknown kind is 404; a non-CSV type is 415", async () => {
    const teacher = await t.tokenFor("school-a", "teacher");
    expect((await upload("staff", "login,name,roles\n", teacher)).status).toBe(403);
    expect((await upload("rooms", "x\n")).status).toBe(404);
    expect((await upload("staff", "{}", admin, "application/json")).status).toBe(415);
  });
});
