import fs from "node:fs";
import path from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { startServices, type RunningServices } from "../../src/cli/services";
import { browserAvailable, launchBrowser, newOfficeContext } from "./browser";
import { linkSandboxStore, mapAllSkus, SHOTS } from "./steps";

const DIST = process.env.SHOPBOOKS_DIST || path.resolve(__dirname, "..", "..", "dist");
const run = browserAvailable() ? describe : describe.skip;

run("the main job in the preview: link, fetch, post", () => {
  let services: RunningServices;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    if (!fs.existsSync(path.join(DIST, "taskpane.html"))) throw new Error("Build the add-in first: npm run build");
    fs.mkdirSync(SHOTS, { recursive: true });
    services = await startServices({ port: 0, sandboxPort: 0, distDir: DIST, sandbox: { seed: 7, orders: 200, days: 30 } });
    browser = await launchBrowser();
    context = await newOfficeContext(browser);
    page = await context.newPage();
    page.on("pageerror", (e) => pageErrors.push(e.message));
    await page.goto(services.previewUrl);
  });

  afterAll(async () => {
    await browser?.close();
    await services?.close();
  });

  const rowsOf = (sheet: string) => page.locator(`table[data-sheet="${sheet}"] tbody tr`);
  const cellText = async (sheet: string, orderId: string, column: string): Promise<string> => {
    const headers = await page.locator(`table[data-sheet="${sheet}"] thead th`).allTextContents();
    const index = headers.indexOf(column);
    const row = rowsOf(sheet).filter({ hasText: orderId });
    return (await row.locator("td").nth(index).textContent()) ?? "";
  };

  test("starts in preview mode with office.js loaded from the npm copy", async () => {
    await page.getByText("ShopBooks", { exact: true }).waitFor();
    await page.getByText("TikTok Shop · preview").waitFor();
    expect(await page.evaluate(() => typeof (window as unknown as { Office?: unknown }).Office)).toBe("object");
  });

  test("links the sandbox store through its login page", async () => {
    await linkSandboxStore(page, context, services, "01-sandbox-login.png");
    await page.screenshot({ path: path.join(SHOTS, "02-linked.png") });
    expect(await page.locator("[data-store-status]").first().textContent()).toBe("Linked");
  });

  test("maps the store's SKUs to new stock items", async () => {
    await mapAllSkus(page);
  });

  test("fetches orders, posts three ticked orders, and posting again creates nothing", async () => {
    await page.getByRole("tab", { name: "Orders", exact: true }).click();
    await page.getByRole("button", { name: "Refresh Order" }).click();
    await page.getByText(/Fetching Done: \d+ orders/).waitFor({ timeout: 30000 });
    await page.getByLabel("Status filter").selectOption("DELIVERED");
    await page.waitForFunction(() => {
      const table = document.querySelector('table[data-sheet="TikTok Orders"]');
      const headers = [...(table?.querySelectorAll("thead th") ?? [])].map((th) => th.textContent);
      const column = headers.indexOf("TikTok Status");
      const statuses = [...(table?.querySelectorAll("tbody tr") ?? [])].map((tr) => tr.children[column]?.textContent);
      return statuses.length > 0 && statuses.every((status) => status === "DELIVERED");
    });
    const rows = rowsOf("TikTok Orders");
    expect(await rows.count()).toBeGreaterThanOrEqual(3);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const checkbox = rows.nth(i).locator('input[type="checkbox"]');
      ids.push(((await checkbox.getAttribute("aria-label")) ?? "").replace("Tick ", ""));
      await checkbox.check();
    }
    expect(ids.every((id) => /^\d{18,19}$/.test(id))).toBe(true);

    await page.getByRole("button", { name: "Post", exact: true }).click();
    await page.getByText("Posting done: 3 Success, 0 Posted, 0 Failed.").waitFor({ timeout: 30000 });
    expect(await rowsOf("Sales Invoices").count()).toBe(3);
    const invoiceNos = [];
    for (const id of ids) {
      expect(await cellText("TikTok Orders", id, "Status")).toBe("Success");
      invoiceNos.push(await cellText("TikTok Orders", id, "Invoice No"));
    }
    expect(invoiceNos.sort()).toEqual(["IV-00001", "IV-00002", "IV-00003"]);
    await page.locator('[data-sheet-tab="Sales Invoices"]').click();
    await page.screenshot({ path: path.join(SHOTS, "03-posted.png") });
    await page.locator('[data-sheet-tab="TikTok Orders"]').click();

    for (const id of ids) await page.getByLabel(`Tick ${id}`).check();
    await page.getByRole("button", { name: "Post", exact: true }).click();
    await page.getByText("Posting done: 0 Success, 3 Posted, 0 Failed.").waitFor({ timeout: 30000 });
    for (const id of ids) expect(await cellText("TikTok Orders", id, "Status")).toBe("Posted");
    expect(await rowsOf("Sales Invoices").count()).toBe(3);
    await page.screenshot({ path: path.join(SHOTS, "04-posted-again.png") });
  });

  test("nothing ticked asks whether to select all", async () => {
    await page.getByRole("button", { name: "Post", exact: true }).click();
    await page.getByText("You have not selected any order. Would you like to select all?").waitFor();
    await page.getByRole("button", { name: "No", exact: true }).click();
  });

  test("the page raised no script errors", () => {
    expect(pageErrors).toEqual([]);
  });
});
