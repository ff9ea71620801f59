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
    await payment().getByRole("button", { name: /^Fetch and post (these \d+ orders|this order)$/ }).click();
    await page.getByText("Every order row now has an invoice. Check the payout and press Post.").waitFor({ timeout: 60000 });
    const invoiceNos = await columnValues("TikTok Settlement", "Invoice No");
    const types = await columnValues("TikTok Settlement", "Type");
    expect(invoiceNos.filter((no, i) => types[i] === "Order" && no === "")).toEqual([]);
  });

  test("the payout per settled date fits a 320 px and a 350 px pane: every date's Payout is in view", async () => {
    const dates = payment().getByRole("list", { name: "Payout waterfall" }).getByRole("listitem");
    expect(await dates.count()).toBeGreaterThan(1);
    for (const width of [320, 350]) {
      await page.evaluate((w) => {
        const pane = document.getElementById("pane");
        if (pane) pane.style.width = `${w}px`;
      }, width);
      const fit = await page.evaluate(() => {
        const pane = document.getElementById("pane") as HTMLElement;
        const right = pane.getBoundingClientRect().left + pane.clientWidth;
        const payouts = [...document.querySelectorAll('[aria-label="Payout waterfall"] .waterfall-payout')];
        return {
          scroll: pane.scrollWidth,
          client: pane.clientWidth,
          payouts: payouts.length,
          cut: payouts.filter((p) => p.getBoundingClientRect().right > right || !/^Payout -?[\d,]+\.\d\d$/.test(p.textContent ?? "")).length,
        };
      });
      expect(fit.scroll).toBeLessThanOrEqual(fit.client);
      expect(fit.payouts).toBe(await dates.count());
      expect(fit.cut).toBe(0);
      await page.locator("#pane").screenshot({ path: path.join(SHOTS, `10b-payout-${width}.png`) });
    }
    await page.evaluate(() => document.getElementById("pane")?.style.removeProperty("width"));
  });

  test("Post books the payments, knocks off the invoices and marks every row Posted", async () => {
    await payment().getByRole("button", { name: "Post", exact: true }).click();
    await page.getByText(/^Posting done: \d+ rows? posted, 0 already Posted; \d+ customer payments?/).waitFor({ timeout: 60000 });
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

  test("Revert asks first, saying what it undoes; Cancel leaves the run posted", async () => {
    const docs = await columnValues("Customer Payments", "Doc No");
    const payments = docs.filter((d) => d.startsWith("OR-")).length;
    const refunds = docs.filter((d) => d.startsWith("RF-")).length;
    const revert = payment().getByRole("button", { name: /^Revert the payment run of \d{4}-\d{2}-\d{2} \d{2}:\d{2}$/ });
    await revert.click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText(/^Revert the payment run of \d{4}-\d{2}-\d{2} \d{2}:\d{2}\?$/).waitFor();
    await dialog
      .getByText(new RegExp(`^This deletes the ${payments} customer payments?${refunds ? `, ${refunds} customer refunds?` : ""}[^.]* it created and puts the \\d+ invoices? it edited back`))
      .waitFor();
    await page.screenshot({ path: path.join(SHOTS, "12-revert-question.png") });
    await dialog.getByRole("button", { name: "Cancel" }).click();
    await dialog.waitFor({ state: "detached" });
    expect(await columnValues("Customer Payments", "Doc No")).toEqual(docs);
    await revert.waitFor();
    expect(await payment().getByRole("list", { name: "Payment runs" }).textContent()).not.toContain("reverted");
  });

  test("Books: a paid invoice is refused before any question, naming its payment run as the Payment tab lists it", async () => {
    const run = ((await payment().getByRole("button", { name: /^Revert the payment run of / }).getAttribute("aria-label")) ?? "").replace("Revert the payment run of ", "");
    const knocked = await valuesOf(page, "Payment Knock-offs", "Doc No");
    const paid = knocked.find((docNo) => docNo.startsWith("IV-"))!;
    await page.getByRole("tab", { name: "Books", exact: true }).click();
    await page.getByLabel("Invoice to delete").fill(paid);
    await page.getByRole("button", { name: "Delete invoice" }).click();
    await page
      .getByText(new RegExp(`^${paid} is knocked off by \\S+, posted by the payment run of ${run}: revert that run \\(Payment tab → Payment runs\\) first, then delete ${paid}\\.$`))
      .waitFor({ timeout: 15000 });
    expect(await page.getByRole("dialog").count()).toBe(0);
  });

  test("a ribbon Post on TikTok Orders shows its notice on the Orders tab, not on the Payment tab", async () => {
    await page.getByRole("tab", { name: "Payment", exact: true }).click();
    await page.locator('[data-sheet-tab="TikTok Orders"]').click();
    await sheetRows("TikTok Orders").first().locator('input[type="checkbox"]').check();
    await page.getByRole("toolbar", { name: "TikTok Shop ribbon" }).getByRole("button", { name: "Post (ribbon)", exact: true }).click();
    await page.locator('.sb-ribbon[data-ribbon-state="idle"]').waitFor({ timeout: 30000 });
    const ribbonNotice = page.locator(".app > .fui-MessageBar");
    expect(await ribbonNotice.count()).toBe(0);
    await page.getByRole("tab", { name: "Orders", exact: true }).click();
    await ribbonNotice.getByText("Posting done: 0 Success, 1 Posted, 0 Failed.").waitFor();
    await page.getByRole("tab", { name: "Payment", exact: true }).click();
    expect(await ribbonNotice.count()).toBe(0);
  });

  test("the page raised no script errors", () => {
    expect(session.pageErrors).toEqual([]);
  });
});
