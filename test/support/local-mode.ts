import { spawn, type ChildProcess } from "node:child_process";
import { cpSync, mkdtempSync, rmSync, symlinkSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { repoRoot } from "../../emulators/paths";

/**
 * Local mode (`npm start`'s process) run from a temporary copy of the built project, as a
 * newcomer would run it: its own ./.data/, its own ports (PORT base), nothing from this machine's
 * PostgreSQL or Telegram.
 */
export class LocalMode {
  readonly dir = mkdtempSync(join(tmpdir(), "scooter-ops-local-"));
  readonly port = 20000 + Math.floor(Math.random() * 400) * 10;
  private child: ChildProcess | null = null;
  output = "";

  constructor() {
    const root = repoRoot();
    for (const part of ["dist", "contract", "package.json"]) cpSync(join(root, part), join(this.dir, part), { recursive: true });
    symlinkSync(join(root, "node_modules"), join(this.dir, "node_modules"), "dir");
  }

  get gatewayUrl() {
    return `http://127.0.0.1:${this.port}`;
  }

  get chatUrl() {
    return `http://127.0.0.1:${this.port + 200}`;
  }

  /** Starts it and resolves with the printed tokens once it says it is ready. */
  async start(timeoutMs = 60000): Promise<{ tokens: Record<string, string>; readySeconds: number; rssMb: number }> {
    const env: NodeJS.ProcessEnv = { PATH: process.env.PATH, HOME: process.env.HOME, PORT: String(this.port) };
    this.output = "";
    const child = spawn(process.execPath, ["dist/local/main.js"], { cwd: this.dir, env, stdio: ["ignore", "pipe", "pipe"] });
    this.child = child;
    child.stdout.on("data", (chunk) => (this.output += chunk));
    child.stderr.on("data", (chunk) => (this.output += chunk));
    const deadline = Date.now() + timeoutMs;
    while (!/Ctrl-C stops everything/.test(this.output)) {
      if (child.exitCode !== null) throw new Error(`local mode exited ${child.exitCode}:\n${this.output}`);
      if (Date.now() > deadline) throw new Error(`local mode not ready in ${timeoutMs} ms:\n${this.output}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const tokens = Object.fromEntries([...this.output.matchAll(/^\s+(demo_\w+)\s+(ey[\w.-]+)$/gm)].map((m) => [m[1], m[2]]));
    const ready = /ready in ([\d.]+) s, (\d+) MB/.exec(this.output)!;
    return { tokens, readySeconds: Number(ready[1]), rssMb: Number(ready[2]) };
  }

  /** Ctrl-C; resolves with the exit code. */
  async stop(): Promise<number | null> {
    const child = this.child;
    if (!child || child.exitCode !== null) return child?.exitCode ?? null;
    const exited = new Promise<number | null>((resolve) => child.once("exit", (code) => resolve(code)));
    child.kill("SIGINT");
    const code = await Promise.race([exited, new Promise<null>((resolve) => setTimeout(() => resolve(null), 15000))]);
    if (child.exitCode === null) child.kill("SIGKILL");
    this.child = null;
    return code;
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  async gql(token: string, query: string, operationName?: string): Promise<any> {
    const response = await fetch(`${this.gatewayUrl}/graphql`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${token}` },
      body: JSON.stringify({ query, operationName }),
    });
    return response.json();
  }

  async chatSend(userId: number, text: string): Promise<void> {
    await fetch(`${this.chatUrl}/chat/send`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ userId, text }) });
  }

  async chatLog(): Promise<{ chatId: number; from: string; text: string; buttons: { text: string; callback_data: string }[] }[]> {
    return (await fetch(`${this.chatUrl}/chat/log`)).json() as Promise<any>;
  }

  /** Waits for a bot message in the chat matching `pattern`. */
  async botSays(userId: number, pattern: RegExp, timeoutMs = 15000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = (await this.chatLog()).find((e) => e.chatId === userId && e.from === "bot" && pattern.test(e.text));
      if (found) return found.text;
      if (Date.now() > deadline) throw new Error(`the bot did not say ${pattern}; log: ${JSON.stringify(await this.chatLog())}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
