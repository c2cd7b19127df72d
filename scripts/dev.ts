// `npm run dev`: the API server (DATA_DIR ./data, the demo school as with `npm start`) on :8080 and
// Vite's dev server with hot reload on :5173, which proxies /api to it. Ctrl-C stops both.
import { spawn } from "node:child_process";
import { tryItEnv } from "../src/server/config.ts";

const children = [
  spawn("npx", ["tsx", "watch", "src/server/main.ts"], {
    stdio: "inherit",
    env: { ...tryItEnv(process.env), PORT: process.env.PORT ?? "8080", STATIC_DIR: "./dist" },
  }),
  spawn("npx", ["vite"], { stdio: "inherit" }),
];
const stop = () => {
  for (const c of children) c.kill("SIGTERM");
};
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
for (const c of children) c.on("exit", stop);
