/**
 * The guide's product/order half in the preview: Setup shows the defaults and takes an edit, Products
 * shows statuses and ticks a row whose Item Code changes, Orders fails an unmapped SKU and posts it once
 * it is mapped in "TikTok Order Lines", and the Trial Balance sums to 0.00.
 */
import fs from "node:fs";
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import type { RunningServices } from "../../src/cli/services";
import { browserAvailable } from "./browser";
import { cellOf as cellIn, openPreview, type PreviewSession } from "./preview";
import { linkSandboxStore, SHOTS } from "./steps";

const run = browserAvailable() ? describe : describe.skip;

run("books in the preview: setup, product mapping, order posting, trial balance", () => {
  let session: PreviewSession;
  let services: RunningServices;
  let context: BrowserContext;
  let page: Page;
  let itemCode = "";

  beforeAll(async () => {
    session = await openPreview({ seed: 11, orders: 60, days: 20 });
    ({ services, context, page } = session);
  });
  afterAll(() => session?.close());

  const shot = (name: string) => page.screenshot({ path: path.join(SHOTS, `books-${name}.png`) });
  const pane = () => page.locator("#pane");
  const sheet = (name: string) => page.locator(`table[data-sheet="${name}"]`);
  const showSheet = (name: string) => page.locator(`[data-sheet-tab="${name}"]`).click();
  const headers = (name: string) => sheet(name).locator("thead th").allTextContents();
  const column = async (name: string, header: string) => (await headers(name)).indexOf(header);
  const cell = async (name: string, rowIndex: number, header: string) =>
    (await sheet(name)
      .locator("tbody tr")
      .nth(rowIndex)
      .locator("td")
      .nth(await column(name, header))
      .textContent()) ?? "";
  const rowOf = (name: string, text: string) => sheet(name).locator("tbody tr").filter({ hasText: text });
  const cellOf = (name: string, text: string, header: string) => cellIn(page, name, text, header);

  test("links the sandbox store", () => linkSandboxStore(page, context, services));

  test("Setup shows the SQL Account-style defaults, at 320 px", async () => {
    await page.evaluate(() => {
      const element = document.getElementById("pane");
      if (element) element.style.width = "320px";
    });
    await page.getByRole("tab", { name: "Setup", exact: true }).click();
    const form = page.getByRole("form", { name: "Mapping codes of Tik Tok" });
    await form.waitFor();
    expect(await form.getByLabel("Customer").inputValue()).toBe("300-T0001");
    expect(await form.getByLabel("Payment account").inputValue()).toBe("310-TTS");
    expect(await form.getByLabel("Location").inputValue()).toBe("ECOMMERCE");
    expect(await form.getByLabel("Discount item").inputValue()).toBe("TT-DISCOUNT");
    expect(await form.getByLabel("Voucher item").inputValue()).toBe("TT-VOUCHER");
    expect(await form.getByLabel("Delivered").inputValue()).toBe("Post");
    expect(await form.getByLabel("Completed").inputValue()).toBe("Post");
    expect(await form.getByLabel("Awaiting shipment").inputValue()).toBe("Skip");
    await shot("01-setup-store");

    await page.getByRole("button", { name: /^GL accounts \(13\)/ }).click();
    const accounts = page.getByRole("list", { name: "GL accounts" });
    await accounts.waitFor();
    expect(await accounts.getByRole("listitem").count()).toBe(13);
    await accounts.getByText("Trade Debtors").waitFor();
    await page.getByRole("button", { name: /^Stock items \(9\)/ }).click();
    await page.getByRole("list", { name: "stock items" }).getByText("TT-COMMISSION").waitFor();
    await page.getByRole("button", { name: /^Locations \(1\)/ }).click();
    await page.getByRole("list", { name: "locations" }).getByText("ECOMMERCE").waitFor();
    const width = await pane().evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth }));
    expect(width.scroll).toBeLessThanOrEqual(width.client);
    await shot("02-setup-books");
  });

  test("Setup refuses a code that exists, with a message that says what to do", async () => {
    await page.getByRole("button", { name: "Add GL account" }).click();
    const form = page.getByRole("form", { name: "New GL account" });
    await form.getByLabel("Code").fill("500-000");
    await form.getByLabel("Name").fill("Sales again");
    await form.getByRole("button", { name: "Save" }).click();
    await page
      .getByText("Account 500-000 already exists: pick another code, or edit the existing one.")
      .waitFor();
    await form.getByLabel("Code").fill("900-TT7");
    await form.getByLabel("Name").fill("TikTok Ads");
    await form.getByRole("button", { name: "Save" }).click();
    await page.getByText("Saved GL account 900-TT7.").waitFor();
    await page.getByRole("button", { name: /^GL accounts \(14\)/ }).waitFor();
  });

  test("Products: Fetch shows statuses; an existing item shows Exist in Stock Item", async () => {
    await page.getByRole("tab", { name: "Products", exact: true }).click();
    await pane().getByRole("button", { name: "Fetch", exact: true }).click();
    await page.getByText(/Fetching Done: \d+ products/).waitFor({ timeout: 30000 });
    expect(await cell("TikTok Products", 0, "Status")).toBe("Not Mapped");
    itemCode = (await cell("TikTok Products", 0, "Seller SKU")).trim();
    expect(itemCode).not.toBe("");

    // The seller creates the first SKU's item in Setup, as in the guide's "Stock → Stock Item".
    await page.getByRole("tab", { name: "Setup", exact: true }).click();
    await page.getByRole("button", { name: /^Stock items \(9\)/ }).click();
    await page.getByRole("button", { name: "Add stock item" }).click();
    const form = page.getByRole("form", { name: "New stock item" });
    await form.getByLabel("Item code").fill(itemCode);
    await form.getByLabel("Description").fill("First product");
    await form.getByRole("button", { name: "Save" }).click();
    await page.getByText(`Saved stock item ${itemCode}.`).waitFor();

    await page.getByRole("tab", { name: "Products", exact: true }).click();
    await pane().getByRole("button", { name: "Fetch", exact: true }).click();
    await page.getByText(/Fetching Done: \d+ products/).waitFor({ timeout: 30000 });
    await showSheet("TikTok Products");
    expect(await cell("TikTok Products", 0, "Status")).toBe("Exist in Stock Item");
    expect(await cell("TikTok Products", 1, "Status")).toBe("Not Mapped");
    await shot("03-products-fetched");
  });

  test("Products: changing an Item Code ticks the row; Post records it: Success", async () => {
    const row = sheet("TikTok Products").locator("tbody tr").nth(1);
    const tick = row.locator('input[type="checkbox"]');
    expect(await tick.isChecked()).toBe(false);
    await row.locator("select").selectOption(itemCode);
    await page.waitForFunction(() => {
      const box = document
        .querySelectorAll('table[data-sheet="TikTok Products"] tbody tr')[1]
        ?.querySelector("input");
      return (box as HTMLInputElement | null)?.checked === true;
    });
    await pane().getByRole("button", { name: "Post", exact: true }).click();
    await page.getByText("Posting done: 1 Success, 0 Failed.").waitFor({ timeout: 15000 });
    expect(await cell("TikTok Products", 1, "Status")).toBe("Success");
    expect(await tick.isChecked()).toBe(false);
    await shot("04-products-posted");
  });

  test("Setup: the mapped SKU shows as an alternative code of the stock item; the fee map is there to edit", async () => {
    const skuId = (await cell("TikTok Products", 1, "SKU ID")).trim();
    await page.getByRole("tab", { name: "Setup", exact: true }).click();
    await page.getByRole("button", { name: /^Stock items \(10\)/ }).click();
    await page.getByRole("button", { name: `Edit stock item ${itemCode}` }).click();
    const form = page.getByRole("form", { name: `Edit stock item ${itemCode}` });
    await form.getByText(`SKU ${skuId}`).waitFor();
    await shot("05a-alternative-codes");
    await form.getByRole("button", { name: "Cancel" }).click();

    await page.getByText(/^Fee map: settlement fee column → bucket → item/).click();
    const bucket = page.getByLabel("Bucket of Transaction fee");
    expect(await bucket.inputValue()).toBe("Transaction");
    await page.getByRole("button", { name: "Save mapping codes" }).click();
    await page.getByText("Saved the mapping codes of Tik Tok.").waitFor();
    await shot("05b-fee-map");
  });

  let orderId = "";

  test("Orders: an order with an unmapped SKU fails with Missing Item Code", async () => {
    await page.getByRole("tab", { name: "Orders", exact: true }).click();
    await page.getByRole("button", { name: "Refresh Order" }).click();
    await page.getByText(/Fetching Done: \d+ orders/).waitFor({ timeout: 30000 });
    await page.getByLabel("Status filter").selectOption("DELIVERED");
    await page.waitForFunction(() => {
      const table = document.querySelector('table[data-sheet="TikTok Orders"]');
      const headers = [...(table?.querySelectorAll("thead th") ?? [])].map((th) => th.textContent);
      const statuses = [...(table?.querySelectorAll("tbody tr") ?? [])].map(
        (tr) => tr.children[headers.indexOf("TikTok Status")]?.textContent,
      );
      return statuses.length > 0 && statuses.every((s) => s === "DELIVERED");
    });
    const first = sheet("TikTok Orders").locator("tbody tr").first().locator('input[type="checkbox"]');
    orderId = ((await first.getAttribute("aria-label")) ?? "").replace("Tick ", "");
    expect(orderId).toMatch(/^\d{18,19}$/);
    await first.check();
    await pane().getByRole("button", { name: "Post", exact: true }).click();
    await page
      .getByText(
        "Posting done: 0 Success, 0 Posted, 1 Failed. 1 order: Missing Item Code – pick an Item Code in “TikTok Order Lines” (the order is ticked for you), then Post again.",
      )
      .waitFor({ timeout: 15000 });
    expect(await cellOf("TikTok Orders", orderId, "Status")).toBe("Failed – Missing Item Code");
    await shot("05-orders-missing-item-code");
  });

  test("Orders: mapping it in TikTok Order Lines ticks the order; Post → Success", async () => {
    await showSheet("TikTok Order Lines");
    const selects = rowOf("TikTok Order Lines", orderId).locator("select");
    const count = await selects.count();
    expect(count).toBeGreaterThan(0);
    for (let i = 0; i < count; i++) {
      if (!(await selects.nth(i).inputValue())) await selects.nth(i).selectOption(itemCode);
    }
    await shot("06-order-lines-mapped");
    await showSheet("TikTok Orders");
    expect(await page.getByLabel(`Tick ${orderId}`).isChecked()).toBe(true);
    await pane().getByRole("button", { name: "Post", exact: true }).click();
    await page.getByText("Posting done: 1 Success, 0 Posted, 0 Failed.").waitFor({ timeout: 15000 });
    expect(await cellOf("TikTok Orders", orderId, "Status")).toBe("Success");
    expect(await cellOf("TikTok Orders", orderId, "Invoice No")).toBe("IV-00001");
    await shot("07-order-posted");
  });

  test("Books: the sheets are written and the Trial Balance sums to 0.00", async () => {
    await page.getByRole("tab", { name: "Books", exact: true }).click();
    await page.getByRole("button", { name: "Refresh books" }).click();
    await page
      .getByText("Sales Invoices: 1, Credit Notes: 0. Trial Balance difference: 0.00.")
      .waitFor({ timeout: 15000 });
    expect(await cellOf("Sales Invoices", "IV-00001", "Order ID")).toBe(orderId);
    expect(await cellOf("Sales Invoices", "IV-00001", "Status")).toBe("Open");
    expect(await rowOf("Sales Invoice Lines", "IV-00001").count()).toBeGreaterThan(0);
    await showSheet("Trial Balance");
    const total = rowOf("Trial Balance", "Total");
    const debit = await total
      .locator("td")
      .nth(await column("Trial Balance", "Debit"))
      .textContent();
    const credit = await total
      .locator("td")
      .nth(await column("Trial Balance", "Credit"))
      .textContent();
    expect(debit).toBe(credit);
    expect(Number((debit ?? "").replace(/,/g, ""))).toBeGreaterThan(0);
    await shot("08-trial-balance");
  });

  test("Books: a backup downloads as a .json file", async () => {
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Back up ledger" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^shopbooks-backup-\d{4}-\d{2}-\d{2}\.json$/);
    const file = path.join(SHOTS, "books-backup.json");
    await download.saveAs(file);
    const backup = JSON.parse(fs.readFileSync(file, "utf8"));
    expect(backup.stores.invoices.map((i: { docNo: string }) => i.docNo)).toEqual(["IV-00001"]);
  });

  test("Books: deleting the invoice frees the order, and restoring the backup brings it back", async () => {
    await page.getByLabel("Invoice to delete").fill("IV-00001");
    await page.getByRole("button", { name: "Delete invoice" }).click();
    await page.getByRole("button", { name: "Delete", exact: true }).click();
    await page
      .getByText("Deleted IV-00001. Its order can be posted again; the number is not reused.")
      .waitFor();
    await page.getByRole("dialog").waitFor({ state: "detached" });
    expect(await sheet("Sales Invoices").locator("tbody tr").count()).toBe(0);
    expect(await cellOf("TikTok Orders", orderId, "Status")).toBe("Invoice IV-00001 deleted: Post to post again");

    // A file that is no backup is refused before any question.
    const notBackup = path.join(SHOTS, "not-settlement.csv");
    fs.writeFileSync(notBackup, "Order/adjustment ID,Type\n576000000000000001,Order\n");
    await page.getByLabel("Backup file to restore").setInputFiles(notBackup);
    await page
      .getByText(
        "not-settlement.csv: This file is not a ShopBooks backup (it is not JSON, or it was cut short); the ledger was not touched.",
      )
      .waitFor();
    expect(await page.getByRole("dialog").count()).toBe(0);

    await page.getByLabel("Backup file to restore").setInputFiles(path.join(SHOTS, "books-backup.json"));
    await page
      .getByRole("dialog")
      .getByText(
        /^Everything in the ledger is replaced by books-backup\.json, the backup of \d{4}-\d{2}-\d{2} \(1 invoice, 0 credit notes, 0 payments\)\. What was posted after that backup is lost\.$/,
      )
      .waitFor();
    await page.getByRole("button", { name: "Restore", exact: true }).click();
    await page
      .getByText(/^Restored the backup of \d{4}-\d{2}-\d{2}: 1 invoice, 0 credit notes, 0 payments\./)
      .waitFor();
    expect(await cellOf("Sales Invoices", "IV-00001", "Order ID")).toBe(orderId);
    // The order sheet follows the restored ledger, as =TIKTOK.POSTSTATUS does.
    expect(await cellOf("TikTok Orders", orderId, "Status")).toBe("Posted");
    expect(await cellOf("TikTok Orders", orderId, "Invoice No")).toBe("IV-00001");
    await shot("09-restored");
  });

  test("the page raised no script errors", () => {
    expect(session.pageErrors).toEqual([]);
  });
});
