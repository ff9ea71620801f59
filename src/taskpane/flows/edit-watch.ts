/**
 * Item Code edits tick their row: in "TikTok Products" the SKU's own row, in "TikTok Order Lines" the
 * order's row of "TikTok Orders", so that the next Post picks them up. Our own writes never fire these.
 */
import { ORDER_LINES_SHEET, ORDERS_SHEET } from "../../core/sheets/order-sheets";
import { PRODUCTS_SHEET } from "../../core/sheets/product-sheets";
import type { Workbook } from "../../excel/workbook";

export async function watchItemCodeEdits(workbook: Workbook): Promise<() => void> {
  const stopProducts = await workbook.onEdit(PRODUCTS_SHEET, (edit) => {
    if (edit.column !== "Item Code") return;
    const skuId = String(edit.rowValues["SKU ID"] ?? "");
    if (skuId)
      void workbook.updateRows(PRODUCTS_SHEET, "SKU ID", { [skuId]: { Tick: true } }).catch(() => undefined);
  });
  const stopLines = await workbook.onEdit(ORDER_LINES_SHEET, (edit) => {
    if (edit.column !== "Item Code") return;
    const orderId = String(edit.rowValues["Order ID"] ?? "");
    if (orderId)
      void workbook
        .updateRows(ORDERS_SHEET, "Order ID", { [orderId]: { Tick: true } })
        .catch(() => undefined);
  });
  return () => {
    stopProducts();
    stopLines();
  };
}
