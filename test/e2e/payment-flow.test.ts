import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Page } from "playwright-core";
import { businessDate } from "../../src/core/dates/business-date";
import { browserAvailable } from "./browser";
import { columnValues as valuesOf, openPreview, sheetRows as rowsOf, type PreviewSession } from "./preview";
import { linkSandboxStore, mapAllSkus, SHOTS } from "./steps";

const run = browserAvailable() ? describe : describe.skip;

run("Payment tab in the preview: load the settlement CSV, sync missing orders, post, reload", () => {
  let session: PreviewSession;
  let page: Page;
  let csvPath: string;

  const payment = () => page.getByRole("region", { name: "Payment" });
  const sheetRows = (sheet: string) => rowsOf(page, sheet);
  const columnValues = (sheet: string, column: string) => valuesOf(page, sheet, column);

  beforeAll(async () => {
    session = await openPreview({ seed: 11, orders: 150, days: 30 });
    page = session.page;
    const { services, context } = session;
    const sandbox = services.sandbox!;
    const today = businessDate(sandbox.clock.now());
    const from = businessDate(sandbox.clock.now() - 30 * 86400);
    const query = new URLSearchParams({ from, to: today, shop: sandbox.info.shops[0].id });
    const csv = await (await fetch(`${sandbox.url}/sandbox/export/settlement.csv?${query}`)).text();
    csvPath = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "shopbooks-")), "income_settled.csv");
    fs.writeFileSync(csvPath, csv);
    await linkSandboxStore(page, context, services);
    await mapAllSkus(page);
  });

  afterAll(() => session?.close());

  test("only DELIVERED orders are invoiced first, so the file's other orders are missing", async () => {
    await page.getByRole("tab", { name: "Orders", exact: true }).click();
    await page.getByRole("button", { name: "Refresh Order" }).click();
    await page.getByText(/Fetching Done: \d+ orders/).waitFor({ timeout: 30000 });
    await page.getByLabel("Status filter").selectOption("DELIVERED");
    await page.getByText("Showing DELIVERED orders…").waitFor({ state: "detached" });
    await page.getByRole("region", { name: "Orders" }).getByRole("button", { name: "Post", exact: true }).click();
    await page.getByRole("button", { name: "Yes", exact: true }).click();
    await page.getByText(/Posting done: \d+ Success, 0 Posted, 0 Failed\./).waitFor({ timeout: 60000 });
  });

  test("Load CSV shows the red message and the one-step fix; Post stays disabled", async () => {
    await page.getByRole("tab", { name: "Payment", exact: true }).click();
    await payment().getByLabel("Settlement file").setInputFiles(csvPath);
    await page.getByText("Please sync all orders before posting payment.").waitFor({ timeout: 30000 });
    expect(await payment().getByRole("button", { name: "Post", exact: true }).isDisabled()).toBe(true);
    const statuses = await columnValues("TikTok Settlement", "Status");
    expect(statuses).toContain("Missing invoice");
    // The rows to fix stand out in red.
    const missing = page.locator('table[data-sheet="TikTok Settlement"] td[data-status="Missing invoice"]').first();
    expect(await missing.evaluate((td) => getComputedStyle(td).backgroundColor)).toBe("rgb(255, 199, 206)");
    await page.screenshot({ path: path.join(SHOTS, "10-payment-gate.png") });
    await payment().getByRole("button", { name: /^Fetch and post these \d+ orders?$/ }).click();
    await page.getByText("Every order row now has an invoice. Check the payout and press Post.").waitFor({ timeout: 60000 });
    const invoiceNos = await columnValues("TikTok Settlement", "Invoice No");
    const types = await columnValues("TikTok Settlement", "Type");
    expect(invoiceNos.filter((no, i) => types[i] === "Order" && no === "")).toEqual([]);
  });

  test("Post books the payments, knocks off the invoices and marks every row Posted", async () => {
    await payment().getByRole("button", { name: "Post", exact: true }).click();
    await page.getByText(/^Posting done: \d+ rows posted, 0 already Posted; \d+ customer payments/).waitFor({ timeout: 60000 });
    expect(new Set(await columnValues("TikTok Settlement", "Status"))).toEqual(new Set(["Posted"]));
    expect(await sheetRows("Customer Payments").count()).toBeGreaterThan(0);
    expect(await sheetRows("Payment Knock-offs").count()).toBeGreaterThan(0);
    await page.locator('[data-sheet-tab="Customer Payments"]').click();
    await page.screenshot({ path: path.join(SHOTS, "11-payments-posted.png") });
  });

  test("loading the same file again posts nothing: every row shows Posted", async () => {
    const payments = await sheetRows("Customer Payments").count();
    await payment().getByLabel("Settlement file").setInputFiles(csvPath);
    await page.getByText(/^Loaded income_settled\.csv/).waitFor({ timeout: 30000 });
    expect(new Set(await columnValues("TikTok Settlement", "Status"))).toEqual(new Set(["Posted"]));
    expect(await payment().getByRole("button", { name: "Post", exact: true }).isDisabled()).toBe(true);
    expect(await sheetRows("Customer Payments").count()).toBe(payments);
  });

  test("the page raised no script errors", () => {
    expect(session.pageErrors).toEqual([]);
  });
});
