// `npm run school -- create --code ... --name ... --admin-login ...`: creates a real school and
// its admin on the same data as the server (DATA_DIR or DATABASE_URL) and prints the admin's
// one-time password, which must be changed at first login.
import { parseArgs } from "node:util";
import { SchoolSettings } from "../../protocol/reference.ts";
import { hashPassword, oneTimePassword } from "../auth/passwords.ts";
import { parseConfig } from "../config.ts";
import { buildNewSchool } from "../schools/build-new-school.ts";
import { openStore, storeTarget } from "../storage/open-store.ts";

const USAGE = `Usage: npm run school -- create --code <code> --name <name> --admin-login <login> [--admin-name <name>] [--time-zone <IANA zone>]
  --code          school code staff type at login (letters, digits, - and _; e.g. hrzx)
  --name          the school's name, e.g. 河溶镇中心小学
  --admin-login   login of the general-affairs head (总务主任)
  --admin-name    the admin's name (default 总务主任)
  --time-zone     default Asia/Shanghai`;

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

async function main() {
  const { positionals, values } = parseArgs({
    allowPositionals: true,
    options: {
      code: { type: "string" },
      name: { type: "string" },
      "admin-login": { type: "string" },
      "admin-name": { type: "string", default: "总务主任" },
      "time-zone": { type: "string", default: "Asia/Shanghai" },
    },
  });
  if (positionals[0] !== "create") fail(`Unknown command "${positionals[0] ?? ""}".`);
  const code = values.code?.trim().toLowerCase();
  if (!code || !/^[a-z0-9_-]{2,32}$/.test(code)) fail("--code is required: 2–32 letters, digits, - or _.");
  const name = values.name?.trim();
  if (!name) fail("--name is required.");
  const adminLogin = values["admin-login"]?.trim();
  if (!adminLogin || !/^[A-Za-z0-9._-]{2,32}$/.test(adminLogin))
    fail("--admin-login is required: 2–32 letters, digits, . _ or -.");
  const timeZone = values["time-zone"] as string;
  if (!SchoolSettings.shape.timeZone.safeParse(timeZone).success)
    fail(`--time-zone "${timeZone}" is not an IANA time zone such as Asia/Shanghai.`);

  const config = parseConfig(process.env);
  const now = new Date();
  const store = await openStore(
    storeTarget({
      dataDir: config.DATA_DIR,
      databaseUrl: config.DATABASE_URL,
      databaseSchema: config.DATABASE_SCHEMA,
    }),
    now,
  );
  try {
    if (await store.findSchoolByCode(code)) fail(`A school with code "${code}" already exists.`);
    const password = oneTimePassword();
    await store.createSchool(
      buildNewSchool({
        code,
        name,
        adminLogin,
        adminName: values["admin-name"] as string,
        timeZone,
        passwordHash: await hashPassword(password),
        now,
      }),
      now,
    );
    console.log(`Created school "${name}" (code ${code}).`);
    console.log(`Admin login: ${adminLogin}`);
    console.log(`One-time password: ${password}`);
    console.log("It works for one login within 72 hours; the admin then chooses a new password.");
  } finally {
    await store.close();
  }
}

main().catch((error) => {
  console.error(`Could not create the school: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
