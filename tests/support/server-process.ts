// The real server as a child process (`tsx src/server/main.ts`) on a random port, for tests
// that need a process: configuration errors, SIGTERM, SIGKILL mid-batch.
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const ROOT = new URL("../../", import.meta.url).pathname;
const dirs: string[] = [];
const children: ChildProcess[] = [];

export function cleanUpServers() {
  for (const c of children.splice(0)) if (c.exitCode === null) c.kill("SIGKILL");
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
}

export function tempDir() {
  const d = mkdtempSync(join(tmpdir(), "sr-proc-"));
  dirs.push(d);
  return d;
}

export interface Running {
  child: ChildProcess;
  output: () => string;
  url: Promise<string>;
  exit: Promise<number | null>;
}

/** `script`: what to start, by default what `npm run serve` starts. */
export function startServer(env: Record<string, string>, script = "src/server/main.ts"): Running {
  // node itself with tsx as a loader (not the tsx CLI, which runs the server in a grandchild
  // that a SIGKILL would not reach).
  const child = spawn(process.execPath, ["--import", "tsx", script], {
    cwd: ROOT,
    env: {
      PATH: process.env.PATH ?? "",
      PORT: "0",
      HOST: "127.0.0.1",
      STATIC_DIR: join(ROOT, "dist"),
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let out = "";
  const url = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = /"msg":"listening".*?"port":(\d+)/.exec(out);
      if (m) resolve(`http://127.0.0.1:${m[1]}`);
    };
    child.stdout?.on("data", onData);
    child.stderr?.on("data", onData);
    child.on("exit", () => reject(new Error(`server exited before listening:\n${out}`)));
  });
  url.catch(() => undefined);
  const exit = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return { child, output: () => out, url, exit };
}
