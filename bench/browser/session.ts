/**
 * Headless Chromium on a page served from 127.0.0.1 with the bench page's script (built by webpack) and the
 * data the cases fetch: the orders to post and the settlement text to import.
 */
import fs from "node:fs";
import http from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import type { Page } from "playwright-core";
import { launchBrowser } from "../../test/e2e/browser";
import { round } from "../measure";
import { bundleBenchPage } from "./bundle";

const PAGE = `<!doctype html><html><head><meta charset="utf-8"><title>bench</title></head><body><script src="/bench.js"></script></body></html>`;

export interface BenchPage {
  page: Page;
  /** Page errors seen so far. */
  errors: string[];
  bundleMs: number;
  scriptKb: number;
  close(): Promise<void>;
}

function serve(files: Record<string, { type: string; body: string | Buffer }>): Promise<{ url: string; close(): Promise<void> }> {
  const server = http.createServer((request, response) => {
    const file = files[new URL(request.url ?? "/", "http://127.0.0.1").pathname];
    if (!file) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-type": file.type, "cache-control": "no-store" }).end(file.body);
  });
  return new Promise((resolve) => {
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as AddressInfo;
      resolve({ url: `http://127.0.0.1:${port}`, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}

export async function openBenchPage(data: { orders: unknown; settlementCsv: string }): Promise<BenchPage> {
  const start = performance.now();
  const script = await bundleBenchPage(path.join(__dirname, "bench-page.ts"), "bench");
  const bundleMs = performance.now() - start;
  const server = await serve({
    "/": { type: "text/html", body: PAGE },
    "/bench.js": { type: "text/javascript", body: fs.readFileSync(script) },
    "/orders.json": { type: "application/json", body: JSON.stringify(data.orders) },
    "/settlement.csv": { type: "text/csv", body: data.settlementCsv },
  });
  // window.gc, so that a case can start each timed call on a collected heap as the Node cases do.
  const browser = await launchBrowser(["--js-flags=--expose-gc"]);
  try {
    const page = await (await browser.newContext()).newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(String(error)));
    await page.goto(server.url);
    await page.waitForFunction(() => typeof window.benchPostOrders === "function");
    return {
      page,
      errors,
      bundleMs: round(bundleMs),
      scriptKb: round(fs.statSync(script).size / 1024, 1),
      close: async () => {
        await browser.close();
        await server.close();
      },
    };
  } catch (error) {
    await browser.close();
    await server.close();
    throw error;
  }
}
