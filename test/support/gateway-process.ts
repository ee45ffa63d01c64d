import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "../../emulators/paths";

const MAIN = join(repoRoot(), "dist", "gateway", "main.js");

/** Runs the production entry point; `ready` resolves with its URL when it logged "gateway ready", or null if it exited. */
export function runGateway(env: Record<string, string>) {
  const child = spawn(process.execPath, [MAIN], { env: { PATH: process.env.PATH ?? "", ...env }, stdio: ["ignore", "pipe", "pipe"] });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk) => (stdout += chunk));
  child.stderr.on("data", (chunk) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  const ready = new Promise<string | null>((resolve) => {
    const check = () => {
      const line = stdout.split("\n").find((l) => l.includes('"gateway ready"'));
      if (line) resolve((JSON.parse(line).url as string).replace(/\/graphql$/, ""));
    };
    child.stdout.on("data", check);
    void exited.then(() => resolve(null));
  });
  /** resident memory of the process, in MB (Linux) */
  const rssMb = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, "utf8"))![1]) / 1024;
  return { child, ready, exited, rssMb, output: () => ({ stdout, stderr }) };
}
