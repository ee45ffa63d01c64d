import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { chromium, type Browser } from "playwright-core";

/** Debian's Chromium (a browser downloaded by a test tool does not work here); CHROMIUM_PATH overrides it. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

/** A headless Chromium for the page tests, quiet (no updates, sync or QUIC), with `args` added. */
export function launchChromium(args: string[] = []): Promise<Browser> {
  assert.ok(existsSync(CHROMIUM), `Chromium is needed at ${CHROMIUM} (Debian: apt-get install chromium; .ci/run installs it)`);
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      ...args,
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  });
}
