/**
 * Task pane: initial-load bundle size (gzip) and the preview's time to interactive in headless Chromium, of a
 * production build of the sources as they are, made for the run in a folder of its own (dist/ may be
 * missing, or older than the sources).
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";
import { startServices } from "../../src/cli/services";
import { CHROMIUM_PATH, launchBrowser, newOfficeContext } from "../../test/e2e/browser";
import { round, type BenchResult } from "../measure";

export function initialScripts(distDir: string): string[] {
  const html = fs.readFileSync(path.join(distDir, "taskpane.html"), "utf8");
  // Minified HTML may leave attribute values unquoted.
  return [...html.matchAll(/<script[^>]*\ssrc=["']?([^"'\s>]+)/g)].map((m) => m[1]).filter((src) => !/^https?:/.test(src));
}

const ROOT = path.resolve(__dirname, "..", "..");

/** A production build of the add-in into a new temporary folder, which the caller removes. */
function buildAddIn(): string {
  const outDir = fs.mkdtempSync(path.join(os.tmpdir(), "shopbooks-bench-dist-"));
  const webpack = path.join(ROOT, "node_modules", "webpack", "bin", "webpack.js");
  const build = spawnSync(process.execPath, [webpack, "--mode", "production", "--output-path", outDir], { cwd: ROOT, encoding: "utf8" });
  if (build.status !== 0) {
    fs.rmSync(outDir, { recursive: true, force: true });
    throw new Error(`The production build failed (npm run build shows why): ${(build.stderr || build.stdout).slice(-400)}`);
  }
  return outDir;
}

export async function benchTaskPane(): Promise<BenchResult[]> {
  const distDir = buildAddIn();
  try {
    return await measureTaskPane(distDir);
  } finally {
    fs.rmSync(distDir, { recursive: true, force: true });
  }
}

async function measureTaskPane(distDir: string): Promise<BenchResult[]> {
  const scripts = initialScripts(distDir);
  const sizes = Object.fromEntries(
    scripts.map((src) => [src, gzipSync(fs.readFileSync(path.join(distDir, src.replace(/^\//, "")))).length]),
  );
  const gzipKb = round(Object.values(sizes).reduce((a, b) => a + b, 0) / 1024, 1);
  const results: BenchResult[] = [
    {
      case: "bundle",
      figure: "initial load, KB gzip",
      value: gzipKb,
      target: "≤ 400 KB gzip",
      met: gzipKb <= 400,
      details: { scripts: sizes },
    },
  ];
  if (!fs.existsSync(CHROMIUM_PATH)) return results;

  const services = await startServices({ port: 0, sandboxPort: 0, distDir });
  const browser = await launchBrowser();
  try {
    const context = await newOfficeContext(browser);
    const page = await context.newPage();
    const samples: number[] = [];
    const baselines: number[] = [];
    for (let i = 0; i < 3; i++) {
      let start = Date.now();
      await page.goto(`${services.url}/manifest.xml`);
      baselines.push(Date.now() - start);
      start = Date.now();
      await page.goto(services.previewUrl);
      await page.getByRole("tab", { name: "Link", exact: true }).waitFor();
      samples.push(Date.now() - start);
    }
    const tti = samples.sort((a, b) => a - b)[1];
    const base = baselines.sort((a, b) => a - b)[1];
    results.push({
      case: "preview-tti",
      figure: "ms from navigation to a usable pane (median of 3)",
      value: tti,
      baseline: { figure: "ms to load a static file from the same server", value: base },
      ratio: round(tti / Math.max(base, 1), 1),
    });
  } finally {
    await browser.close();
    await services.close();
  }
  return results;
}
