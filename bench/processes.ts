/**
 * What the benchmarks share: servers started from dist/ as child processes, their CPU time and
 * RSS read from /proc, and GraphQL calls with a user JWT.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import jwt from "jsonwebtoken";
import { repoRoot } from "../emulators/paths";

const CLOCK_TICKS = 100; // USER_HZ on Linux

export interface Proc {
  child: ChildProcess;
  url: string;
  cpuMs(): number;
  rssMb(): number;
}

function procStat(pid: number) {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS; // utime + stime
}

function procRss(pid: number) {
  return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))![1]) / 1024;
}

/**
 * Node's flags for the gateway as `npm run start:gateway` gives them (the heap limit), so the bench
 * measures the process as it is run.
 */
function gatewayNodeFlags(): string[] {
  const manifest = JSON.parse(readFileSync(join(repoRoot(), "package.json"), "utf8")) as { scripts: Record<string, string> };
  const command = /^node\s+(.*?)\s*dist\/gateway\/main\.js$/.exec(manifest.scripts["start:gateway"]);
  if (!command) throw new Error("package.json's start:gateway is not `node [flags] dist/gateway/main.js`");
  return command[1].split(/\s+/).filter(Boolean);
}

/** Starts `script` from dist/ and waits until `isReady(line)` gives its URL. */
export function start(script: string, env: Record<string, string>, isReady: (line: string) => string | null): Promise<Proc> {
  // BENCH_PROFILE_DIR: each server started here (the gateway, the bot) writes a CPU profile there (node --cpu-prof) when it stops
  const profile = process.env.BENCH_PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE_DIR}`] : [];
  const flags = script === "gateway/main.js" ? gatewayNodeFlags() : [];
  const child = spawn(process.execPath, [...flags, ...profile, join(repoRoot(), "dist", script)], {
    env: { PATH: process.env.PATH ?? "", ...env },
    stdio: ["ignore", "pipe", "inherit"],
  });
  return new Promise((resolve, reject) => {
    let buffer = "";
    child.stdout.on("data", (chunk: Buffer) => {
      buffer += chunk.toString();
      for (const line of buffer.split("\n")) {
        const url = line.trim() ? isReady(line) : null;
        if (url) {
          child.stdout.removeAllListeners("data");
          child.stdout.resume();
          resolve({ child, url, cpuMs: () => procStat(child.pid!), rssMb: () => procRss(child.pid!) });
          return;
        }
      }
    });
    child.on("exit", (code) => reject(new Error(`${script} exited with ${code}`)));
  });
}

export function stop(proc: Proc): Promise<void> {
  return new Promise((resolve) => {
    proc.child.removeAllListeners("exit");
    proc.child.once("exit", () => resolve());
    proc.child.kill("SIGTERM");
  });
}

export async function gql(url: string, token: string, query: string, variables: Record<string, unknown> = {}) {
  const response = await fetch(`${url}/graphql`, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: any; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

/** The secret the benchmarks' gateways (and the baseline) check user JWTs with. */
export const JWT_SECRET = "bench-jwt-secret-of-enough-length";

/** A user JWT for `login`, valid for two hours. */
export const sign = (login: string) => jwt.sign({ sub: login }, JWT_SECRET, { algorithm: "HS256", expiresIn: "2h" });

/**
 * The production gateway from dist/ on `databaseUrl` and the emulators' `upstreams`, ready when it
 * logs "gateway ready": bench_admin is ADMIN, mutations are not rate limited (the load is the point).
 */
export function startGateway(databaseUrl: string, upstreams: Record<string, string>): Promise<Proc> {
  const env = {
    NODE_ENV: "production",
    DATABASE_URL: databaseUrl,
    BOT_SERVICE_TOKEN: "bench-bot-token",
    JWT_SECRET,
    BOOTSTRAP_ADMINS: "bench_admin",
    PORT: "0",
    RATE_LIMIT_MUTATIONS: "1000000",
    ...upstreams,
  };
  return start("gateway/main.js", { ...env, LOG_LEVEL: "info" }, (line) =>
    line.includes('"gateway ready"') ? JSON.parse(line).url.replace(/\/graphql$/, "") : null,
  );
}
