/** npm run generate: rewrites every generated file from its source (see scripts/generated-files.ts). */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { repoRoot } from "../emulators/paths";
import { generatedFiles } from "./generated-files";

async function main() {
  for (const file of await generatedFiles()) {
    const target = join(repoRoot(), file.path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, file.content);
    console.log(`wrote ${file.path}`);
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
