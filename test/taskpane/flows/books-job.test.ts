/**
 * @jest-environment node
 */
import type { RunningServices } from "../../../src/cli/services";
import type { Ledger } from "../../../src/ledger";
import type { MemoryWorkbook } from "../../../src/excel/memory-workbook";
import { ORDERS_SHEET, ORDER_LINES_SHEET } from "../../../src/core/sheets/order-sheets";
import { PRODUCTS_SHEET } from "../../../src/core/sheets/product-sheets";
import type { AppContext } from "../../../src/taskpane/flows/context";
import {
  postOrders,
  refreshOrders,
  summarise,
  writeOrderSheets,
} from "../../../src/taskpane/flows/orders-flow";
import { fetchProducts, postProductMappings, setAllTicks } from "../../../src/taskpane/flows/products-flow";
import {
  backupLedger,
  checkBackupFile,
  CREDIT_NOTES_SHEET,
  describeRestoreQuestion,
  deleteInvoice,
  describeRestore,
  INVOICE_LINES_SHEET,
  restoreLedger,
  SALES_INVOICES_SHEET,
  TRIAL_BALANCE_SHEET,
  writeBooks,
} from "../../../src/taskpane/flows/books-flow";
import { watchItemCodeEdits } from "../../../src/taskpane/flows/edit-watch";
import { linkedPane, startSandboxServices } from "./sandbox-pane";

const END = "2026-03-31";

describe("books, cancellations, deletes and backups through the pane's flows", () => {
  let services: RunningServices;
  let ledger: Ledger;
  let workbook: MemoryWorkbook;
  let ctx: AppContext;

  beforeAll(async () => {
    services = await startSandboxServices({ seed: 5, orders: 80, days: 31, endDate: END });
  });
  afterAll(async () => services?.close());

  beforeEach(async () => {
    ({ ledger, workbook, ctx } = await linkedPane(services));
    await fetchProducts(ctx);
    await postProductMappings(ctx, { createMissing: true, selectAll: true });
    await refreshOrders(ctx, undefined, { from: "2026-03-01", to: END });
  });
  afterEach(() => ledger.close());

  const table = (sheet: string) => workbook.sheets.get(sheet)!;
  const column = (sheet: string, name: string) => table(sheet).columns.findIndex((c) => c.name === name);
  const row = (sheet: string, keyColumn: string, key: string) => {
    const found = table(sheet).rows.find((r) => r[column(sheet, keyColumn)] === key);
    if (!found) throw new Error(`no row ${key} in ${sheet}`);
    return Object.fromEntries(table(sheet).columns.map((c, i) => [c.name, found[i]]));
  };
  const tick = (orderId: string) =>
    workbook.edit(
      ORDERS_SHEET,
      table(ORDERS_SHEET).rows.findIndex((r) => r[1] === orderId),
      "Tick",
      true,
    );
  const delivered = () =>
    table(ORDERS_SHEET)
      .rows.filter((r) => r[column(ORDERS_SHEET, "TikTok Status")] === "DELIVERED")
      .map((r) => String(r[1]));

  async function postTwo(): Promise<string[]> {
    const chosen = delivered().slice(0, 2);
    chosen.forEach(tick);
    await postOrders(ctx);
    return chosen;
  }

  test("after a Post the four book sheets are written and the trial balance totals agree", async () => {
    const [a, b] = await postTwo();
    expect(table(SALES_INVOICES_SHEET).rows.map((r) => [r[0], r[3], r[8]])).toEqual([
      ["IV-00001", a, "Open"],
      ["IV-00002", b, "Open"],
    ]);
    const invoice = await ledger.getInvoice("IV-00001");
    expect(table(INVOICE_LINES_SHEET).rows.filter((r) => r[0] === "IV-00001")).toHaveLength(
      invoice!.lines.length,
    );
    expect(table(CREDIT_NOTES_SHEET).rows).toEqual([]);
    const total = table(TRIAL_BALANCE_SHEET).rows.at(-1)!;
    expect(total[0]).toBe("Total");
    expect(total[3]).toBe(total[4]);
    expect(await writeBooks(ctx)).toEqual({ invoices: 2, creditNotes: 0, difference: "0.00" });
  });

  test("each Post is a run that records its invoices", async () => {
    await postTwo();
    expect((await ledger.listRuns()).map((r) => [r.runId, r.kind, r.created.map((c) => c.docNo)])).toEqual([
      ["RUN-00001", "orders", ["IV-00001", "IV-00002"]],
    ]);
  });

  test("an order cancelled after posting shows it, and Post raises the reversing credit note", async () => {
    const [orderId] = await postTwo();
    const fetched = (await ledger.getFetchedOrder(orderId))!;
    await ledger.saveFetchedOrders(fetched.shopId, [
      { ...fetched.order, status: "CANCELLED", cancel_time: fetched.order.create_time + 86400 },
    ]);
    await writeOrderSheets(
      ctx,
      fetched.shopId,
      (await ledger.listFetchedOrders()).map((f) => f.order),
      "CANCELLED",
    );
    expect(row(ORDERS_SHEET, "Order ID", orderId)).toMatchObject({
      "TikTok Status": "CANCELLED",
      "Post Action": "Post",
      Status: "Cancelled after posting",
      "Invoice No": "IV-00001",
    });

    tick(orderId);
    const outcome = await postOrders(ctx);
    expect(outcome.results.map((r) => [r.status, r.invoiceNo, r.creditNoteNo])).toEqual([
      ["Success", "IV-00001", "CN-00001"],
    ]);
    expect(row(ORDERS_SHEET, "Order ID", orderId).Status).toBe("Success – credit note CN-00001");
    expect(row(CREDIT_NOTES_SHEET, "Doc No", "CN-00001")).toMatchObject({
      "Order ID": orderId,
      "Invoice No": "IV-00001",
      Unapplied: 0,
    });
    expect(row(SALES_INVOICES_SHEET, "Doc No", "IV-00001")).toMatchObject({
      Outstanding: 0,
      Status: "Credited",
    });

    await writeOrderSheets(
      ctx,
      fetched.shopId,
      (await ledger.listFetchedOrders()).map((f) => f.order),
      "CANCELLED",
    );
    expect(row(ORDERS_SHEET, "Order ID", orderId).Status).toBe("Posted – reversed by CN-00001");
    tick(orderId);
    expect((await postOrders(ctx)).results.map((r) => r.status)).toEqual(["Posted"]);
    expect(await ledger.listCreditNotes()).toHaveLength(1);
  });

  test("deleting an invoice frees its order's row, and the next Post gives it a new number", async () => {
    const [, orderId] = await postTwo();
    await deleteInvoice(ctx, "iv-00002");
    expect(row(ORDERS_SHEET, "Order ID", orderId)).toMatchObject({
      Status: "Invoice IV-00002 deleted: Post to post again",
      "Invoice No": "",
    });
    expect(table(SALES_INVOICES_SHEET).rows.map((r) => r[0])).toEqual(["IV-00001"]);
    tick(orderId);
    expect((await postOrders(ctx)).results.map((r) => [r.status, r.invoiceNo])).toEqual([
      ["Success", "IV-00003"],
    ]);
    await expect(deleteInvoice(ctx, "IV-00042")).rejects.toThrow(
      'There is no invoice IV-00042: check the number in "Sales Invoices".',
    );
    await expect(deleteInvoice(ctx, "42")).rejects.toThrow("Type the invoice number as it shows");
  });

  test("a backup restores the books it was made from, and the sheets follow", async () => {
    await postTwo();
    const file = await backupLedger(ctx);
    expect(file.name).toBe("shopbooks-backup-2026-04-01.json");
    await deleteInvoice(ctx, "IV-00001");
    const summary = await restoreLedger(ctx, file.text);
    expect(describeRestore(summary)).toBe(
      "Restored the backup of 2026-04-01: 2 invoices, 0 credit notes, 0 payments.",
    );
    expect(describeRestore({ ...summary, relinkNeeded: ["Kedai A", "Kedai B"], removedStores: ["Kedai C"] })).toBe(
      "Restored the backup of 2026-04-01: 2 invoices, 0 credit notes, 0 payments. A backup holds no TikTok tokens: Relink Kedai A, Kedai B on the Link tab before fetching. Kedai C was linked here but not in the backup: Link it again on the Link tab if still in use.",
    );
    expect(table(SALES_INVOICES_SHEET).rows.map((r) => r[0])).toEqual(["IV-00001", "IV-00002"]);
    await expect(restoreLedger(ctx, " ")).rejects.toThrow("The chosen file is empty");
  });

  test("after a restore, TikTok Orders shows the restored ledger's Status and Invoice No", async () => {
    const empty = await backupLedger(ctx);
    const [a, b] = await postTwo();
    const posted = await backupLedger(ctx);
    expect([row(ORDERS_SHEET, "Order ID", a).Status, row(ORDERS_SHEET, "Order ID", a)["Invoice No"]]).toEqual([
      "Success",
      "IV-00001",
    ]);
    await restoreLedger(ctx, empty.text);
    for (const orderId of [a, b])
      expect(row(ORDERS_SHEET, "Order ID", orderId)).toMatchObject({ Status: "", "Invoice No": "" });
    await restoreLedger(ctx, posted.text);
    expect(row(ORDERS_SHEET, "Order ID", a)).toMatchObject({ Status: "Posted", "Invoice No": "IV-00001" });
    expect(row(ORDERS_SHEET, "Order ID", b)).toMatchObject({ Status: "Posted", "Invoice No": "IV-00002" });
  });

  test("a chosen backup is read and checked before the question, which says what it holds", async () => {
    await postTwo();
    const file = await backupLedger(ctx);
    const checked = await checkBackupFile("shopbooks-backup-2026-04-01.json", file.text);
    expect(describeRestoreQuestion(checked)).toBe(
      "Everything in the ledger is replaced by shopbooks-backup-2026-04-01.json, the backup of 2026-04-01 (2 invoices, 0 credit notes, 0 payments). What was posted after that backup is lost.",
    );
    await expect(checkBackupFile("not-settlement.csv", "Order/adjustment ID,Type\n1,Order\n")).rejects.toThrow(
      "not-settlement.csv: This file is not a ShopBooks backup (it is not JSON, or it was cut short); the ledger was not touched.",
    );
    await expect(checkBackupFile("other.json", '{"hello":1}')).rejects.toThrow(
      "other.json: This file is not a ShopBooks backup: pick a file made with Back up on the Books tab.",
    );
    await expect(checkBackupFile("cut.json", file.text.replace('"IV-00002"', '"IV-00009"'))).rejects.toThrow(
      "cut.json: This backup file is damaged or was changed",
    );
    await expect(checkBackupFile("empty.json", " ")).rejects.toThrow("empty.json is empty: pick a ShopBooks backup (.json).");
    expect(await ledger.countInvoices()).toBe(2);
  });

  test("an order whose details came back incomplete is fetched again once and then posts", async () => {
    const [orderId] = delivered();
    const fetched = (await ledger.getFetchedOrder(orderId))!;
    const { payment: _payment, ...broken } = fetched.order;
    await ledger.saveFetchedOrders(fetched.shopId, [broken as typeof fetched.order]);
    tick(orderId);
    const outcome = await postOrders(ctx);
    expect(outcome.results.map((r) => [r.status, r.invoiceNo])).toEqual([["Success", "IV-00001"]]);
    expect((await ledger.getFetchedOrder(orderId))?.order.payment).toEqual(fetched.order.payment);
  });

  test("a failed order's message says how to fix it", async () => {
    const [orderId] = delivered();
    const index = table(ORDER_LINES_SHEET).rows.findIndex((line) => line[0] === orderId);
    const skuId = table(ORDER_LINES_SHEET).rows[index][1];
    workbook.edit(ORDER_LINES_SHEET, index, "Item Code", "NO-SUCH");
    tick(orderId);
    const outcome = await postOrders(ctx);
    expect(summarise(outcome)).toBe(
      `Posting done: 0 Success, 0 Posted, 1 Failed. 1 order: Item code NO-SUCH (SKU ${skuId}) is not a stock item: pick one from the list in TikTok Order Lines, then Post again.`,
    );
    expect(row(ORDERS_SHEET, "Order ID", orderId).Status).toBe("Failed – Unknown Item Code");
  });

  test("Select all and Select none tick and clear every row", async () => {
    expect(await setAllTicks(ctx, ORDERS_SHEET, "Order ID", true)).toBe(table(ORDERS_SHEET).rows.length);
    expect(table(ORDERS_SHEET).rows.every((r) => r[0] === true)).toBe(true);
    await setAllTicks(ctx, ORDERS_SHEET, "Order ID", false);
    expect(table(ORDERS_SHEET).rows.every((r) => r[0] === false)).toBe(true);
    await setAllTicks(ctx, PRODUCTS_SHEET, "SKU ID", true);
    expect(table(PRODUCTS_SHEET).rows.every((r) => r[0] === true)).toBe(true);
  });

  test("picking an Item Code ticks the SKU's product row, or the order's row for an order line", async () => {
    await watchItemCodeEdits(workbook);
    const line = table(ORDER_LINES_SHEET).rows[0];
    workbook.edit(ORDER_LINES_SHEET, 0, "Item Code", "TT-DISCOUNT");
    expect(row(ORDERS_SHEET, "Order ID", String(line[0])).Tick).toBe(true);
    const sku = String(table(PRODUCTS_SHEET).rows[2][2]);
    workbook.edit(PRODUCTS_SHEET, 2, "Item Code", "TT-DISCOUNT");
    expect(row(PRODUCTS_SHEET, "SKU ID", sku).Tick).toBe(true);
  });
});
