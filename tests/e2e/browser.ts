/**
 * The browser every browser test uses, found the way a developer's machine has one:
 *   1. CHROMIUM_PATH, when set (it must exist);
 *   2. /usr/bin/chromium (Debian: apt-get install chromium);
 *   3. Google Chrome, then Microsoft Edge, through playwright-core's channels (their usual
 *      install locations on Windows, macOS and Linux).
 * With none of them, launchBrowser fails with one line saying what was tried and how to fix it.
 * playwright-core downloads nothing: it only drives a browser that is already installed.
 */
import { existsSync } from "fs";
import { Browser, chromium, LaunchOptions } from "playwright-core";

const DEBIAN_CHROMIUM = "/usr/bin/chromium";
const CHANNELS = ["chrome", "msedge"] as const;

const ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** The launch candidates, in order of preference. */
export function browserCandidates(env: NodeJS.ProcessEnv = process.env): LaunchOptions[] {
  const explicit = env.CHROMIUM_PATH;
  if (explicit) return [{ executablePath: explicit }];
  const out: LaunchOptions[] = [];
  if (existsSync(DEBIAN_CHROMIUM)) out.push({ executablePath: DEBIAN_CHROMIUM });
  for (const channel of CHANNELS) out.push({ channel });
  return out;
}

function describe(o: LaunchOptions): string {
  return o.executablePath ?? `channel ${o.channel}`;
}

/** Launches the first browser that starts; throws one line naming what was tried otherwise. */
export async function launchBrowser(): Promise<Browser> {
  const candidates = browserCandidates();
  const explicit = process.env.CHROMIUM_PATH;
  if (explicit && !existsSync(explicit))
    throw new Error(`No browser for the browser tests: CHROMIUM_PATH=${explicit} does not exist.`);
  for (const c of candidates) {
    try {
      return await chromium.launch({ ...c, headless: true, timeout: 30_000, args: ARGS });
    } catch (e) {
      // An explicit choice that fails to start is an error of its own, not a reason to go on.
      if (explicit)
        throw new Error(`CHROMIUM_PATH=${explicit} did not start: ${String(e).split("\n")[0]}`);
    }
  }
  throw new Error(
    `No browser for the browser tests: tried ${candidates.map(describe).join(", ")}. ` +
      `Set CHROMIUM_PATH to a Chromium/Chrome/Edge binary, or install one (Debian: apt-get install chromium).`
  );
}
