/**
 * @jest-environment node
 */
import "fake-indexeddb/auto";
import { IDBFactory } from "fake-indexeddb";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { dayStartEpoch } from "../../../src/core/dates/business-date";
import { DASHBOARD_SHEET, NO_PAYMENTS_NOTE, SALES_NOTE } from "../../../src/core/dashboard/dashboard";
import type { Order } from "../../../src/core/tiktok/types";
import { createMemoryWorkbook } from "../../../src/excel/memory-workbook";
import { openLedger } from "../../../src/ledger";
import type { AppContext } from "../../../src/taskpane/flows/context";
import { writeDashboard } from "../../../src/taskpane/flows/dashboard-flow";

const SHOP = "7494049642642441621";

function order(id: string): Order {
  const file = join(__dirname, "..", "..", "core", "posting", "golden", "worked-example.order.json");
  const base = JSON.parse(readFileSync(file, "utf8")) as Order;
  return { ...base, id, line_items: base.line_items.map((li, i) => ({ ...li, id: `${id}${i}` })) };
}

test("the Dashboard shows posted sales by day and delivered orders nobody has paid, payouts marked as not yet known", async () => {
  const ledger = await openLedger({ factory: new IDBFactory(), now: () => "2026-03-08T04:00:00.000Z" });
  for (const code of ["TEE-BLK-M", "CAP-RED"]) {
    await ledger.putStockItem({
      code,
      description: code,
      group: "TIKTOK",
      salesAccount: "500-000",
      isFee: false,
      altCodes: [],
    });
  }
  await ledger.saveFetchedOrders(SHOP, [order("579912345678901234"), order("579912345678905555")]);
  await ledger.postOrder(SHOP, "579912345678901234");
  const workbook = createMemoryWorkbook();
  await workbook.writeTable("TikTok Orders", { columns: [{ name: "Order ID", kind: "id" }], rows: [] });
  const ctx: AppContext = {
    ledger,
    workbook,
    linkBaseUrl: "",
    inExcel: false,
    now: () => dayStartEpoch("2026-03-08") + 3600,
  };

  const figures = await writeDashboard(ctx, 8);
  expect(figures.totals).toEqual({
    sales: 6211,
    payouts: null,
    fees: null,
    unsettledOrders: 2,
    unsettledAmount: 6211 + 5911,
  });
  const sheet = workbook.chartSheets.get(DASHBOARD_SHEET)!;
  expect(sheet.subtitle).toBe("As of 2026-03-08: the last 8 days.");
  expect(sheet.blocks[0].note).toBe(`${SALES_NOTE} ${NO_PAYMENTS_NOTE}`);
  expect(sheet.blocks[1].note).toBe(NO_PAYMENTS_NOTE);
  expect(sheet.blocks[0].table.rows.map((r) => [r[0], r[1]]).slice(0, 2)).toEqual([
    ["2026-03-01", 62.11],
    ["2026-03-02", 0],
  ]);
  expect(sheet.blocks[2].table.rows[0]).toEqual(["0–7 days", 121.22, 2]);
  expect(await workbook.activeSheet()).toBe(DASHBOARD_SHEET);
  ledger.close();
});
