import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import type { BrowserContext, Page } from "playwright-core";
import type { RunningServices } from "../../src/cli/services";
import { browserAvailable } from "./browser";
import { cellOf, columnIndex, columnValues, openPreview, sheetRows, type PreviewSession } from "./preview";
import { linkSandboxStore } from "./steps";

const SHOTS = process.env.SHOPBOOKS_SHOTS || path.join(os.tmpdir(), "shopbooks-excel-surface");
const run = browserAvailable() ? describe : describe.skip;

run("the Excel surface in the preview: ribbon, functions, sheets, dashboard, .xlsx", () => {
  let session: PreviewSession;
  let services: RunningServices;
  let context: BrowserContext;
  let page: Page;
  const posted: string[] = [];
  let waiting = "";

  beforeAll(async () => {
    fs.mkdirSync(SHOTS, { recursive: true });
    session = await openPreview({ seed: 9, orders: 150, days: 30 });
    ({ services, context, page } = session);
  });
  afterAll(() => session?.close());

  const shot = (name: string, target: Page = page) => target.screenshot({ path: path.join(SHOTS, name) });
  const ribbon = () => page.getByRole("toolbar", { name: "TikTok Shop ribbon" });
  const ribbonClick = async (name: "Fetch" | "Post") => {
    await ribbon()
      .getByRole("button", { name: `${name} (ribbon)`, exact: true })
      .click();
    await page.locator('.sb-ribbon[data-ribbon-state="idle"]').waitFor({ timeout: 30000 });
  };
  const notice = (text: string | RegExp) =>
    page.locator("#pane").getByText(text).first().waitFor({ timeout: 30000 });
  const formula = async (text: string) => {
    await ribbon().getByLabel("Formula: a TIKTOK function").fill(text);
    await ribbon().getByRole("button", { name: "Calculate" }).click();
    const output = ribbon().getByLabel("Formula result");
    await page.waitForFunction((o) => o.textContent !== "…", await output.elementHandle());
    return output;
  };
  const rowsOf = (sheet: string) => sheetRows(page, sheet);
  const column = (sheet: string, name: string) => columnIndex(page, sheet, name);

  test("the preview shows a TikTok Shop ribbon and a formula bar above the workbook", async () => {
    await expect(ribbon().getByRole("button").allTextContents()).resolves.toEqual([
      "Open",
      "Fetch",
      "Post",
      "Calculate",
    ]);
    // Named apart from the pane's own buttons, which appear with their tabs.
    await expect(page.getByRole("button", { name: "Fetch (ribbon)", exact: true }).count()).resolves.toBe(1);
    await ribbonClick("Fetch");
    await notice(/Fetch and Post work on the "TikTok Orders" or "TikTok Products" sheet/);
    await shot("01-ribbon-hint.png");
  });

  test("link the sandbox store", () => linkSandboxStore(page, context, services));

  test("on TikTok Products the ribbon's Post asks for ticks and its Fetch fetches again", async () => {
    await page.getByRole("tab", { name: "Products", exact: true }).click();
    await page.getByLabel("Create missing stock items from seller SKUs").check();
    await page.getByRole("button", { name: "Fetch", exact: true }).click();
    await page.getByText(/Fetching Done: \d+ products/).waitFor({ timeout: 30000 });
    await ribbonClick("Post");
    await notice("No SKU is ticked in TikTok Products: tick rows, then Post.");
    await page.getByRole("button", { name: "Post all" }).click();
    await page.getByText(/Posting done: \d+ Success, 0 Failed/).waitFor({ timeout: 30000 });
    const status = await column("TikTok Products", "Status");
    await expect(
      rowsOf("TikTok Products").first().locator("td").nth(status).getAttribute("data-status"),
    ).resolves.toBe("Success");
    await ribbonClick("Fetch");
    await notice(/^Fetching Done: \d+ products, \d+ SKUs\.$/);
    await shot("02-products-ribbon-fetch.png");
  });

  test("on TikTok Orders the ribbon posts the ticked orders; cells of the formula bar follow", async () => {
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
      return statuses.length >= 4 && statuses.every((s) => s === "DELIVERED");
    });
    const rows = rowsOf("TikTok Orders");
    for (let i = 0; i < 4; i++) {
      const box = rows.nth(i).locator('input[type="checkbox"]');
      const id = ((await box.getAttribute("aria-label")) ?? "").replace("Tick ", "");
      if (i < 3) {
        posted.push(id);
        await box.check();
      } else waiting = id;
    }

    const before = await formula(`=TIKTOK.POSTSTATUS("${posted[0]}")`);
    await expect(before.textContent()).resolves.toBe("Not Posted");
    await ribbonClick("Post");
    await notice("Posting done: 3 Success, 0 Posted, 0 Failed.");
    await page.waitForFunction((o) => o.textContent === "Posted", await before.elementHandle(), {
      timeout: 5000,
    });

    const status = await column("TikTok Orders", "Status");
    const invoice = await column("TikTok Orders", "Invoice No");
    const first = rows.filter({ hasText: posted[0] });
    await expect(first.locator("td").nth(status).getAttribute("data-status")).resolves.toBe("Success");
    await expect(first.locator("td").nth(invoice).locator("a").textContent()).resolves.toBe("IV-00001");
    await shot("03-orders-posted-by-ribbon.png");

    await ribbonClick("Post");
    await notice("You have not selected any order: tick orders in TikTok Orders, then Post.");
    await ribbonClick("Fetch");
    await notice(/^Fetching Done: \d+ orders\.$/);
  });

  test("an Invoice No leads to its row in Sales Invoices", async () => {
    await page.locator('[data-sheet-tab="TikTok Orders"]').click();
    await rowsOf("TikTok Orders").filter({ hasText: posted[1] }).locator("a.sb-link").click();
    await expect(
      page.locator('[data-sheet-tab="Sales Invoices"]').getAttribute("aria-selected"),
    ).resolves.toBe("true");
    const target = page.locator('table[data-sheet="Sales Invoices"] tbody tr.sb-target');
    await expect(target.locator("td").first().textContent()).resolves.toBe("IV-00002");
    await shot("04-invoice-link.png");
  });

  test("every TIKTOK function answers in the formula bar", async () => {
    const answer = async (text: string) => (await formula(text)).textContent();
    await expect(answer(`=TIKTOK.ORDERSTATUS("${posted[0]}")`)).resolves.toBe("DELIVERED");
    await expect(answer(`=TIKTOK.INVOICENO("${posted[0]}")`)).resolves.toBe("IV-00001");
    // Amounts show as a cell formatted #,##0.00 shows them: two decimals, grouped thousands.
    const totalText = (await answer('=TIKTOK.OUTSTANDING("IV-00001")')) ?? "";
    expect(totalText).toMatch(/^\d{1,3}(,\d{3})*\.\d\d$/);
    const total = Number(totalText.replace(/,/g, ""));
    expect(total).toBeGreaterThan(0);
    await expect(answer(`=TIKTOK.OUTSTANDING("${posted[0]}")`)).resolves.toBe(totalText);
    await expect(answer(`=TIKTOK.SETTLED("${posted[0]}")`)).resolves.toBe("FALSE");
    await expect(answer(`=TIKTOK.POSTSTATUS("${waiting}")`)).resolves.toBe("Not Posted");
    await expect(answer(`=TIKTOK.INVOICENO("${waiting}")`)).resolves.toMatch(
      /^#N\/A Order \d+ has no invoice yet/,
    );
    await expect(answer("=TIKTOK.ORDERSTATUS(5.79912345678901E+17)")).resolves.toBe(
      "#VALUE! Order IDs must be text: format the column as Text and re-enter the ID.",
    );
    await expect(answer('=TIKTOK.ORDERSTATUS("579900000000000000")')).resolves.toBe(
      "#N/A No order 579900000000000000 in the books: fetch it on the Orders tab.",
    );
    const balanceText = (await answer('=TIKTOK.BALANCE("300-000")')) ?? "";
    expect(balanceText).toMatch(/^-?\d{1,3}(,\d{3})*\.\d\d$/);
    expect(Number(balanceText.replace(/,/g, ""))).toBeGreaterThanOrEqual(total);
    await expect(answer('=TIKTOK.BALANCE("300-000", "2000-01-01")')).resolves.toBe("0.00");
    await expect(answer('=TIKTOK.BALANCE("999-999")')).resolves.toBe(
      "#N/A No account 999-999 in the chart of accounts: see the Setup tab.",
    );

    await page.locator('[data-sheet-tab="TikTok Order Lines"]').click();
    const lines = rowsOf("TikTok Order Lines").filter({ hasText: posted[0] }).first();
    const skuId = await lines
      .locator("td")
      .nth(await column("TikTok Order Lines", "SKU ID"))
      .textContent();
    const itemCode = await lines.locator("select").inputValue();
    await expect(answer(`=TIKTOK.ITEMCODE("${skuId}")`)).resolves.toBe(itemCode);
    // A reference reads the active sheet tab, row 1 being its header row.
    await page.locator('[data-sheet-tab="TikTok Orders"]').click();
    const [firstOrder] = await columnValues(page, "TikTok Orders", "Order ID");
    await expect(answer("=TIKTOK.ORDERSTATUS(B2)")).resolves.toBe(
      await cellOf(page, "TikTok Orders", firstOrder, "TikTok Status"),
    );
    await expect(answer("=SUM(1,2)")).resolves.toBe(
      "SUM is not a ShopBooks function: the preview's formula bar evaluates TIKTOK.* functions only " +
        "(ORDERSTATUS, POSTSTATUS, INVOICENO, OUTSTANDING, ITEMCODE, SETTLED, BALANCE).",
    );
    // The whole message shows: the result box wraps instead of cutting it off.
    const output = page.locator(".sb-formula output");
    await expect(output.evaluate((o) => [getComputedStyle(o).whiteSpace, o.scrollWidth <= o.clientWidth])).resolves.toEqual([
      "normal",
      true,
    ]);
    await expect(page.locator("#sb-formula-input").getAttribute("placeholder")).resolves.toBe(
      `=TIKTOK.ORDERSTATUS("${firstOrder}")`,
    );
    await shot("05-formula-bar.png");
  });

  test("the Dashboard draws daily sales, fees and ageing in the page as soon as its tab is shown", async () => {
    // Shown, the tab draws the sheet by itself.
    await page.getByRole("tab", { name: "Dashboard", exact: true }).click();
    await notice(/The “Dashboard” sheet is up to date as of \d{4}-\d{2}-\d{2}\./);
    const dashboard = page.locator('section[data-sheet="Dashboard"]');
    await expect(dashboard.locator("h3").allTextContents()).resolves.toEqual([
      "Daily sales and payouts",
      "Fees by bucket",
      "Delivered, not yet settled, by age",
    ]);
    await expect(dashboard.locator("svg.sb-chart").count()).resolves.toBe(3);
    await expect(
      dashboard.locator('svg[data-chart="Daily sales and payouts"] g[data-series="Sales"] rect').count(),
    ).resolves.toBeGreaterThan(0);
    await expect(
      dashboard
        .getByText("Payouts and fees appear once payments are posted from the Payment tab.")
        .first()
        .isVisible(),
    ).resolves.toBe(true);
    const ageing = dashboard.locator('table[data-chart-table="Delivered, not yet settled, by age"] tbody tr');
    const counts = (await ageing.locator("td:nth-child(3)").allTextContents()).map(Number);
    expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(posted.length);
    await expect(page.locator("#pane").getByText("none posted yet").first().isVisible()).resolves.toBe(true);
    await shot("06-dashboard.png");
    await dashboard
      .locator("h3")
      .nth(1)
      .evaluate((h) => h.scrollIntoView({ block: "start" }));
    await shot("06b-dashboard-fees-and-ageing.png");
  });

  test("Download .xlsx saves the preview workbook with its sheets, tables, formats and lists", async () => {
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Download .xlsx" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^shopbooks-\d{4}-\d{2}-\d{2}\.xlsx$/);
    const file = path.join(SHOTS, "preview.xlsx");
    await download.saveAs(file);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    const names = book.worksheets.filter((w) => w.state !== "hidden").map((w) => w.name);
    expect(names).toEqual(
      expect.arrayContaining([
        "TikTok Products",
        "TikTok Orders",
        "TikTok Order Lines",
        "Sales Invoices",
        "Dashboard",
      ]),
    );
    const orders = book.getWorksheet("TikTok Orders")!;
    const tables = (orders as unknown as { tables: Record<string, { table: { name: string } }> }).tables;
    expect(Object.values(tables).map((t) => t.table.name)).toEqual(["TikTokOrders"]);
    expect(orders.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    const header = (orders.getRow(1).values as unknown[]).slice(1);
    const invoiceColumn = header.indexOf("Invoice No") + 1;
    const idColumn = header.indexOf("Order ID") + 1;
    let linked = 0;
    orders.eachRow((row, n) => {
      if (n === 1) return;
      expect(typeof row.getCell(idColumn).value).toBe("string");
      const value = row.getCell(invoiceColumn).value as { hyperlink?: string } | string;
      if (typeof value === "object" && value?.hyperlink) {
        expect(value.hyperlink).toMatch(/^#'Sales Invoices'!A\d+$/);
        linked++;
      }
    });
    expect(linked).toBe(3);
    expect(orders.getCell(2, 1).dataValidation).toMatchObject({ type: "list", formulae: ['"TRUE,FALSE"'] });
    const lines = book.getWorksheet("TikTok Order Lines")!;
    const itemColumn = (lines.getRow(1).values as unknown[]).indexOf("Item Code");
    expect(lines.getCell(2, itemColumn).dataValidation?.type).toBe("list");
    const amount = (book.getWorksheet("Sales Invoices")!.getRow(1).values as unknown[]).indexOf("Amount");
    expect(book.getWorksheet("Sales Invoices")!.getCell(2, amount).numFmt).toBe("#,##0.00");
  });

  test("the pane is usable at 320 px: no sideways scrolling, every control named", async () => {
    const narrow = await context.newPage();
    await narrow.setViewportSize({ width: 320, height: 900 });
    await narrow.goto(services.previewUrl);
    // Inside Excel the pane is the whole page; the in-page workbook is hidden to see it that way.
    await narrow.addStyleTag({
      content:
        "body.preview #workbook { display: none } body.preview #pane { width: 100%; min-width: 0; border: 0 }",
    });
    await narrow.getByText("TikTok Shop · preview").waitFor();
    const findings: { tab: string; overflow: number; unnamed: string[] }[] = [];
    for (const tab of ["Link", "Setup", "Products", "Orders", "Payment", "Books", "Dashboard"]) {
      await narrow.getByRole("tab", { name: tab, exact: true }).click();
      if (tab === "Dashboard") await narrow.getByRole("button", { name: "Refresh dashboard" }).click();
      await narrow.waitForTimeout(300);
      await narrow.screenshot({
        path: path.join(SHOTS, `07-pane-320-${tab.toLowerCase()}.png`),
        fullPage: true,
      });
      const overflow = await narrow.evaluate(() => {
        const pane = document.getElementById("pane")!;
        return pane.scrollWidth - pane.clientWidth;
      });
      const snapshot = await narrow.locator("#pane").ariaSnapshot();
      const unnamed = snapshot
        .split("\n")
        .filter((line) =>
          /^\s*- (button|textbox|combobox|checkbox|radio|spinbutton|tab|switch|slider)\s*(:|$|\[)/.test(line),
        )
        .map((line) => line.trim());
      findings.push({ tab, overflow, unnamed });
    }
    fs.writeFileSync(path.join(SHOTS, "pane-320.json"), JSON.stringify(findings, null, 2));
    // The header, the ribbon's notices and the Dashboard tab belong to this surface; the other tabs are checked by their own tests.
    const header = await narrow.evaluate(() => {
      const head = document.querySelector("#pane .app-header") as HTMLElement;
      return head.scrollWidth - head.clientWidth;
    });
    expect(header).toBe(0);
    expect(findings.find((f) => f.tab === "Dashboard")).toEqual({
      tab: "Dashboard",
      overflow: 0,
      unnamed: [],
    });
    expect(findings.flatMap((f) => f.unnamed.filter((u) => u.startsWith("- tab")))).toEqual([]);
    await narrow.close();
  });

  test("the page raised no script errors", () => {
    expect(session.pageErrors).toEqual([]);
  });
});
