/**
 * One preview session for a browser test: sandbox + link service serving the built pane, headless
 * Chromium on it, the page's errors collected; and how tests read the preview's sheets.
 */
import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { startServices, type RunningServices, type ServicesOptions } from "../../src/cli/services";
import { launchBrowser, newOfficeContext } from "./browser";
import { SHOTS } from "./steps";

export const DIST = process.env.SHOPBOOKS_DIST || path.resolve(__dirname, "..", "..", "dist");

export interface PreviewSession {
  services: RunningServices;
  browser: Browser;
  context: BrowserContext;
  page: Page;
  /** Uncaught errors of the page: a test ends by expecting none. */
  pageErrors: string[];
  close(): Promise<void>;
}

/** Starts the services on the built pane with this sandbox, opens the preview and waits for the pane. */
export async function openPreview(sandbox: ServicesOptions["sandbox"]): Promise<PreviewSession> {
  if (!fs.existsSync(path.join(DIST, "taskpane.html"))) throw new Error("Build the add-in first: npm run build");
  fs.mkdirSync(SHOTS, { recursive: true });
  const services = await startServices({ port: 0, sandboxPort: 0, distDir: DIST, ...(sandbox ? { sandbox } : {}) });
  const browser = await launchBrowser();
  const context = await newOfficeContext(browser);
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on("pageerror", (e) => pageErrors.push(e.message));
  await page.goto(services.previewUrl);
  await page.getByText("TikTok Shop · preview").waitFor();
  return {
    services,
    browser,
    context,
    page,
    pageErrors,
    close: async () => {
      await browser.close();
      await services.close();
    },
  };
}

/** The rows of a preview sheet. */
export const sheetRows = (page: Page, sheet: string) => page.locator(`table[data-sheet="${sheet}"] tbody tr`);

/** Where a column stands in a preview sheet (-1 when it has none of that name). */
export async function columnIndex(page: Page, sheet: string, column: string): Promise<number> {
  return (await page.locator(`table[data-sheet="${sheet}"] thead th`).allTextContents()).indexOf(column);
}

/** One column of a preview sheet, top to bottom. */
export async function columnValues(page: Page, sheet: string, column: string): Promise<string[]> {
  const index = await columnIndex(page, sheet, column);
  return sheetRows(page, sheet).evaluateAll((rows, i) => rows.map((r) => r.children[i as number]?.textContent ?? ""), index);
}

/** The cell in `column` of the first row of a preview sheet that contains `rowText`. */
export async function cellOf(page: Page, sheet: string, rowText: string, column: string): Promise<string> {
  const index = await columnIndex(page, sheet, column);
  return (await sheetRows(page, sheet).filter({ hasText: rowText }).first().locator("td").nth(index).textContent()) ?? "";
}
