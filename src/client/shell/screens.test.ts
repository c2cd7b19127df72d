import { describe, expect, it } from "vitest";
import type { AccountRow } from "../db/db.ts";
import { decideScreen, type ScreenSession } from "./screens.ts";

const account = (over: Partial<AccountRow> = {}): AccountRow => ({
  userId: "U1",
  schoolId: "S1",
  schoolCode: "demo",
  schoolName: "河溶镇中心小学（演示）",
  login: "gatekeeper",
  name: "王建国",
  roles: ["gatekeeper"],
  sealedToken: { ciphertext: "c", iv: "i", salt: "s", iterations: 600_000 },
  tokenExpiresAt: null,
  pinLength: 6,
  pinFailures: 0,
  mustChangePassword: false,
  needsLogin: false,
  isSignedOut: false,
  lastUsedAt: 0,
  ...over,
});
const unlocked: ScreenSession = {
  activeUserId: "U1",
  isUnlocked: true,
  idleLockedUserId: null,
  lastActiveAt: 0,
  open: new Set(["U1"]),
};
const locked: ScreenSession = { ...unlocked, isUnlocked: false };
const at = (path: string, search = "") => ({ path, search });

describe("which screen a path shows", () => {
  it("a phone with no accounts shows the login", () => {
    expect(decideScreen(at("/"), [], { ...locked, activeUserId: null }).path).toBe("/login");
  });

  it("an unlocked person goes home, and to /phone; /admin only for admins", () => {
    expect(decideScreen(at("/"), [account()], unlocked).screen.name).toBe("home");
    expect(decideScreen(at("/phone"), [account()], unlocked).path).toBe("/phone");
    expect(decideScreen(at("/admin"), [account()], unlocked).path).toBe("/");
    expect(decideScreen(at("/admin"), [account({ roles: ["admin"] })], unlocked).path).toBe("/admin");
  });

  it("admin sections keep their path; admins edit, the principal reads, others go home", () => {
    const admin = account({ roles: ["admin"] });
    const decided = decideScreen(at("/admin/pupils/01J0000000000000000000000A"), [admin], unlocked);
    expect(decided.path).toBe("/admin/pupils/01J0000000000000000000000A");
    expect(decided.screen).toMatchObject({ name: "admin", canEdit: true });
    const principal = account({ roles: ["principal"] });
    expect(decideScreen(at("/admin/classes"), [principal], unlocked).screen).toMatchObject({
      name: "admin",
      canEdit: false,
    });
    expect(decideScreen(at("/admin/classes"), [account()], unlocked).path).toBe("/");
    expect(decideScreen(at("/administrator"), [admin], unlocked).path).toBe("/");
  });

  it("everyone unlocked can open the needs-attention page", () => {
    expect(decideScreen(at("/attention"), [account()], unlocked).screen.name).toBe("attention");
    expect(decideScreen(at("/attention"), [account()], locked).path).toBe("/lock");
  });

  it("after a login: the password change first, then the PIN", () => {
    expect(
      decideScreen(at("/login"), [account({ mustChangePassword: true, sealedToken: null })], unlocked).path,
    ).toBe("/password");
    expect(decideScreen(at("/login"), [account({ sealedToken: null })], unlocked).path).toBe("/pin");
  });

  it("an unlocked session whose token this page has not opened (a reload) shows no data", () => {
    const reloaded = { ...unlocked, open: new Set<string>() };
    expect(decideScreen(at("/"), [account()], reloaded).path).toBe("/lock");
    // A login whose PIN was never set, then a reload: the token is gone, the password is needed.
    expect(decideScreen(at("/pin"), [account({ sealedToken: null })], reloaded).path).toBe("/lock");
  });

  it("a locked phone with accounts shows the lock screen, but the login stays reachable", () => {
    expect(decideScreen(at("/"), [account()], locked).path).toBe("/lock");
    expect(decideScreen(at("/login"), [account()], locked).screen.name).toBe("login");
  });

  it("a refused session (401) keeps the person in, and lets them open the login to renew it", () => {
    const refused = account({ needsLogin: true });
    expect(decideScreen(at("/"), [refused], unlocked).screen.name).toBe("home");
    expect(decideScreen(at("/login", "school=demo&login=gatekeeper"), [refused], unlocked).path).toBe(
      "/login?school=demo&login=gatekeeper",
    );
  });

  it("a logged-out account is not offered on the lock screen", () => {
    expect(decideScreen(at("/"), [account({ isSignedOut: true, sealedToken: null })], locked).path).toBe(
      "/login",
    );
  });
});
