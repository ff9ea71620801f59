/**
 * Headless Chromium for browser tests: Debian's chromium (CHROMIUM_PATH or /usr/bin/chromium), office.js
 * served from the npm copy instead of Microsoft's CDN, and every other outside address refused.
 */
import fs from "node:fs";
import path from "node:path";
import { chromium, type Browser, type BrowserContext } from "playwright-core";

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || "/usr/bin/chromium";
const OFFICE_DIST = path.resolve(__dirname, "..", "..", "node_modules", "@microsoft", "office-js", "dist");

/** In CI a missing browser is a failure; on a developer machine the browser tests are skipped. */
export function browserAvailable(): boolean {
  if (fs.existsSync(CHROMIUM_PATH)) return true;
  if (process.env.CI) throw new Error(`No Chromium at ${CHROMIUM_PATH}: install Debian's chromium or set CHROMIUM_PATH.`);
  return false;
}

/** `extraArgs`: more Chromium switches (the benchmarks add `--js-flags=--expose-gc`). */
export async function launchBrowser(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: ["--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", ...extraArgs],
  });
}

export async function newOfficeContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  await context.route("https://appsforoffice.microsoft.com/lib/1/hosted/**", (route) => {
    const name = new URL(route.request().url()).pathname.replace("/lib/1/hosted/", "");
    const file = path.join(OFFICE_DIST, name);
    return fs.existsSync(file) ? route.fulfill({ path: file, contentType: "text/javascript" }) : route.abort();
  });
  await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/]|localhost[:/]|appsforoffice\.microsoft\.com\/lib\/1\/hosted\/)/, (route) => route.abort());
  return context;
}
