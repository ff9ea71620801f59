import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import type { RunningServices } from "../../src/cli/services";
import { browserAvailable } from "./browser";
import { cellOf, columnValues, openPreview, sheetRows, type PreviewSession } from "./preview";
import { linkSandboxStore, mapAllSkus, SHOTS } from "./steps";

const run = browserAvailable() ? describe : describe.skip;

run("the main job in the preview: link, fetch, post", () => {
  let session: PreviewSession;
  let services: RunningServices;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    session = await openPreview({ seed: 7, orders: 200, days: 30 });
    ({ services, context, page } = session);
  });
  afterAll(() => session?.close());

  const rowsOf = (sheet: string) => sheetRows(page, sheet);
  /** Picks a status in the filter and waits until "TikTok Orders" shows only orders of it. */
  const showOnly = async (status: string) => {
    await page.getByLabel("Status filter").selectOption(status);
    await page.waitForFunction((wanted) => {
      const table = document.querySelector('table[data-sheet="TikTok Orders"]');
      const headers = [...(table?.querySelectorAll("thead th") ?? [])].map((th) => th.textContent);
      const column = headers.indexOf("TikTok Status");
      const statuses = [...(table?.querySelectorAll("tbody tr") ?? [])].map((tr) => tr.children[column]?.textContent);
      return statuses.length > 0 && statuses.every((s) => s === wanted);
    }, status);
  };
  const cellText = (sheet: string, orderId: string, column: string) => cellOf(page, sheet, orderId, column);

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
    await showOnly("DELIVERED");
    const rows = rowsOf("TikTok Orders");
    const delivered = await rows.count();
    expect(delivered).toBeGreaterThanOrEqual(3);
    await page.getByText(`Showing ${delivered} DELIVERED orders, none ticked.`, { exact: true }).waitFor();
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

  test("an order posted anyway and then cancelled by the seller is reversed by a credit note on the next Post", async () => {
    await showOnly("AWAITING_SHIPMENT");
    const checkbox = rowsOf("TikTok Orders").first().locator('input[type="checkbox"]');
    const orderId = ((await checkbox.getAttribute("aria-label")) ?? "").replace("Tick ", "");
    await checkbox.check();
    await page.getByRole("button", { name: "More post options" }).click();
    await page.getByRole("menuitem", { name: "Post anyway (any status)" }).click();
    await page.getByText("Posting done: 1 Success, 0 Posted, 0 Failed.").waitFor({ timeout: 30000 });
    expect(await cellText("TikTok Orders", orderId, "Invoice No")).toBe("IV-00004");

    const cancelled = await fetch(`${services.sandbox!.url}/sandbox/orders/cancel`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ orderId, reason: "Out of stock" }),
    });
    expect(cancelled.status).toBe(200);
    await page.getByLabel("Status filter").selectOption("ALL");
    await page.getByRole("button", { name: "Refresh Order" }).click();
    await page.getByText(/Fetching Done: \d+ orders/).waitFor({ timeout: 30000 });
    expect(await cellText("TikTok Orders", orderId, "TikTok Status")).toBe("CANCELLED");
    expect(await cellText("TikTok Orders", orderId, "Status")).toBe("Cancelled after posting");

    await page.getByLabel(`Tick ${orderId}`).check();
    await page.getByRole("button", { name: "Post", exact: true }).click();
    await page.getByText("Posting done: 1 Success, 0 Posted, 0 Failed, 1 credit note for orders cancelled after posting.").waitFor({ timeout: 30000 });
    expect(await cellText("TikTok Orders", orderId, "Status")).toBe("Success – credit note CN-00001");
    expect(await cellOf(page, "Credit Notes", orderId, "Doc No")).toBe("CN-00001");
    // The credit note reverses its invoice line for line.
    const linesOf = async (sheet: string, docNo: string) => {
      const [docs, items, amounts] = await Promise.all(
        ["Doc No", "Item Code", "Amount"].map((column) => columnValues(page, sheet, column)),
      );
      return docs.flatMap((doc, i) => (doc === docNo ? [[items[i], amounts[i]]] : []));
    };
    const credited = await linesOf("Credit Note Lines", "CN-00001");
    expect(credited.length).toBeGreaterThan(0);
    expect(credited).toEqual(await linesOf("Sales Invoice Lines", "IV-00004"));
    await page.locator('[data-sheet-tab="Credit Notes"]').click();
    await page.screenshot({ path: path.join(SHOTS, "05-cancelled-after-posting.png") });
    await page.locator('[data-sheet-tab="TikTok Orders"]').click();
  });

  test("nothing ticked asks whether to select all, naming how many orders and of which status", async () => {
    const shown = await rowsOf("TikTok Orders").count();
    await page.getByRole("button", { name: "Post", exact: true }).click();
    await page
      .getByText(new RegExp(`^You have not selected any order\\. Would you like to select all ${shown} orders\\? \\d+ of them have a status set to Skip: Post skips them \\(Post ▾ Post anyway posts them\\)\\.$`))
      .waitFor();
    await page.getByRole("button", { name: "No", exact: true }).click();

    // A tick on an order the filter hides is kept, and the pane says so.
    const awaiting = rowsOf("TikTok Orders").filter({ hasText: "AWAITING_SHIPMENT" }).first().locator('input[type="checkbox"]');
    const awaitingId = ((await awaiting.getAttribute("aria-label")) ?? "").replace("Tick ", "");
    await awaiting.check();
    await showOnly("DELIVERED");
    const delivered = await rowsOf("TikTok Orders").count();
    await page
      .getByText(
        `Showing ${delivered} DELIVERED orders, none ticked. 1 ticked order of other statuses is not shown, so Post leaves it; All statuses shows it still ticked.`,
        { exact: true },
      )
      .waitFor();
    await page.getByRole("button", { name: "Post", exact: true }).click();
    await page.getByText(`You have not selected any order. Would you like to select all ${delivered} DELIVERED orders?`, { exact: true }).waitFor();
    await page.screenshot({ path: path.join(SHOTS, "06-select-all-delivered.png") });
    await page.getByRole("button", { name: "No", exact: true }).click();
    await page.getByLabel("Status filter").selectOption("ALL");
    await page.getByText(/^Showing all \d+ orders, 1 ticked\.$/).waitFor();
    expect(await page.getByLabel(`Tick ${awaitingId}`).isChecked()).toBe(true);
  });

  test("the page raised no script errors", () => {
    expect(session.pageErrors).toEqual([]);
  });
});
