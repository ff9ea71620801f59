import path from "node:path";
import type { Browser } from "playwright-core";
import { startServices, type RunningServices } from "../../src/cli/services";
import { browserAvailable, launchBrowser } from "./browser";

const DIST = process.env.SHOPBOOKS_DIST || path.resolve(__dirname, "..", "..", "dist");
const run = browserAvailable() ? describe : describe.skip;

run("the pane without office.js (a plain browser offline)", () => {
  let services: RunningServices;
  let browser: Browser;

  beforeAll(async () => {
    services = await startServices({ port: 0, sandboxPort: 0, distDir: DIST });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await services?.close();
  });

  test("starts in preview mode when Microsoft's CDN cannot be reached", async () => {
    const context = await browser.newContext();
    await context.route(/^https?:\/\/(?!127\.0\.0\.1[:/])/, (route) => route.abort());
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(services.previewUrl);
    await page.getByText("TikTok Shop · preview").waitFor();
    await page.getByRole("tab", { name: "Link", exact: true }).waitFor();
    expect(await page.evaluate(() => typeof (window as unknown as { Office?: unknown }).Office)).toBe("undefined");
    expect(errors).toEqual([]);
    await context.close();
  });
});
