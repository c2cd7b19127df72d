// `npm start`: the server as the README's "Run it" means it, with the demo school (unless the
// environment looks like production; src/server/config.ts tryItEnv). `npm run serve` starts
// src/server/main.ts directly, without it.
import { tryItEnv } from "../src/server/config.ts";

Object.assign(process.env, tryItEnv(process.env));
await import("../src/server/main.ts");
