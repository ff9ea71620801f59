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

/** Where a column stands in a preview sheet; a column the sheet lacks fails the test, naming the ones it has. */
export async function columnIndex(page: Page, sheet: string, column: string): Promise<number> {
  const headers = await page.locator(`table[data-sheet="${sheet}"] thead th`).allTextContents();
  const index = headers.indexOf(column);
  if (index < 0) throw new Error(`Sheet "${sheet}" has no column "${column}"; its columns: ${headers.join(", ")}.`);
  return index;
}

/** One column of a preview sheet, top to bottom. */
export async function columnValues(page: Page, sheet: string, column: string): Promise<string[]> {
  const index = await columnIndex(page, sheet, column);
  return sheetRows(page, sheet).evaluateAll((rows, i) => rows.map((r) => r.children[i as number]?.textContent ?? ""), index);
}

/** The cell in `column` of the one row of a preview sheet that contains `rowText` (none or several fail). */
export async function cellOf(page: Page, sheet: string, rowText: string, column: string): Promise<string> {
  const index = await columnIndex(page, sheet, column);
  const rows = sheetRows(page, sheet).filter({ hasText: rowText });
  const count = await rows.count();
  if (count !== 1) throw new Error(`Sheet "${sheet}" has ${count} rows containing "${rowText}", not one.`);
  return (await rows.locator("td").nth(index).textContent()) ?? "";
}
