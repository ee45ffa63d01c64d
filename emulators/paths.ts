import { existsSync } from "node:fs";
import { dirname, join } from "node:path";

/** The repository root, found from compiled (dist/…) and source locations alike. */
export function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, "package.json")) || dir.endsWith("dist")) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error("cannot find the repository root");
    dir = parent;
  }
  return dir;
}

export function upstreamSpec(service: "scooter-accumulator" | "drive" | "scooters-misc"): string {
  return join(repoRoot(), "contract", "upstreams", `${service}.yaml`);
}
