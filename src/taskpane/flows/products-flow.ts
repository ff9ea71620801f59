/**
 * Products tab: Fetch (SKUs with their mapping status), Post (ticked rows' Item Code becomes the SKU's
 * alternative code) and creating stock items for unmapped seller SKUs.
 */
import {
  PRODUCT_COLUMNS,
  PRODUCTS_SHEET,
  itemCodeFromSellerSku,
  productRows,
  type SkuMapping,
} from "../../core/sheets/product-sheets";
import { isTicked, type CellValue } from "../../excel/workbook";
import { clientForStore, FlowError, requireStore, type AppContext } from "./context";

export interface ProductFetchResult {
  shopId: string;
  products: number;
  skus: number;
  notMapped: number;
}

export async function fetchProducts(
  ctx: AppContext,
  shopId?: string,
  signal?: AbortSignal,
): Promise<ProductFetchResult> {
  const store = await requireStore(ctx, shopId);
  const { client, auth } = clientForStore(ctx, store);
  const products = await client.searchProducts(auth, signal);
  await ctx.ledger.saveFetchedProducts(store.shopId, products);
  const items = await ctx.ledger.listStockItems();
  const codes = new Set(items.map((i) => i.code));
  const bySkuId = new Map<string, string>();
  const bySellerSku = new Map<string, string>();
  for (const item of items) {
    for (const alt of item.altCodes) {
      if (alt.shopId !== store.shopId) continue;
      if (alt.skuId) bySkuId.set(alt.skuId, item.code);
      else if (alt.sellerSku) bySellerSku.set(alt.sellerSku, item.code);
    }
  }
  const mappingOf = (skuId: string, sellerSku: string): SkuMapping => {
    const known = bySkuId.get(skuId) ?? bySellerSku.get(sellerSku);
    if (known) return { itemCode: known, status: "Mapped" };
    if (codes.has(sellerSku)) return { itemCode: sellerSku, status: "Exist in Stock Item" };
    return { status: "Not Mapped" };
  };
  const rows = productRows(products, mappingOf);
  const itemCodes = items.filter((i) => !i.isFee).map((i) => i.code);
  await ctx.workbook.writeTable(PRODUCTS_SHEET, { columns: PRODUCT_COLUMNS, rows }, { itemCodes });
  await ctx.workbook.activate(PRODUCTS_SHEET);
  return {
    shopId: store.shopId,
    products: products.length,
    skus: rows.length,
    notMapped: rows.filter((r) => r[9] === "Not Mapped").length,
  };
}

export interface MappingOutcome {
  success: number;
  failed: number;
  nothingTicked: boolean;
}

/**
 * Post: for each ticked row, record its Item Code as the SKU's alternative code. With
 * `createMissing`, a row without an item code gets a new stock item made from its seller SKU.
 */
export async function postProductMappings(
  ctx: AppContext,
  options: { createMissing?: boolean; selectAll?: boolean; shopId?: string } = {},
): Promise<MappingOutcome> {
  const rows = await ctx.workbook.readTable(PRODUCTS_SHEET);
  if (!rows) throw new FlowError('There is no "TikTok Products" sheet yet: press Fetch first.');
  const store = await requireStore(ctx, options.shopId);
  const chosen = rows.filter((row) => options.selectAll || isTicked(row["Tick"]));
  if (chosen.length === 0) return { success: 0, failed: 0, nothingTicked: true };
  const existing = new Set((await ctx.ledger.listStockItems()).map((i) => i.code));
  const productGroup = await productGroupOf(ctx);
  const updates: Record<string, Record<string, CellValue>> = {};
  let success = 0;
  let failed = 0;
  for (const row of chosen) {
    const skuId = String(row["SKU ID"]);
    const sellerSku = String(row["Seller SKU"] ?? "");
    let itemCode = String(row["Item Code"] ?? "").trim();
    if (!itemCode && options.createMissing) {
      const code = itemCodeFromSellerSku(sellerSku);
      if (code && !existing.has(code)) {
        await ctx.ledger.putStockItem({
          code,
          description:
            [row["Product Name"], row["Variation"]].filter(Boolean).join(" – ").slice(0, 200) || code,
          group: productGroup.code,
          salesAccount: productGroup.salesAccount,
          ...(productGroup.returnsAccount ? { returnsAccount: productGroup.returnsAccount } : {}),
          isFee: false,
          altCodes: [],
        });
        existing.add(code);
      }
      itemCode = code ?? "";
    }
    if (!itemCode) {
      failed++;
      updates[skuId] = { Status: "Failed – No item code: pick one, or tick Create missing stock items" };
      continue;
    }
    if (!existing.has(itemCode)) {
      failed++;
      updates[skuId] = { Status: `Failed – Item code ${itemCode} is not a stock item` };
      continue;
    }
    try {
      await ctx.ledger.mapSku(store.shopId, skuId, sellerSku, itemCode);
    } catch (error) {
      failed++;
      updates[skuId] = { Status: `Failed – ${error instanceof Error ? error.message : String(error)}` };
      continue;
    }
    success++;
    updates[skuId] = { Tick: false, "Item Code": itemCode, Status: "Success" };
  }
  await ctx.workbook.updateRows(PRODUCTS_SHEET, "SKU ID", updates);
  return { success, failed, nothingTicked: false };
}

/** The stock group new items made from seller SKUs go into: the "productGroup" setting, else TIKTOK. */
async function productGroupOf(
  ctx: AppContext,
): Promise<{ code: string; salesAccount: string; returnsAccount?: string }> {
  const wanted = String((await ctx.ledger.getSetting("productGroup")) ?? "TIKTOK");
  const group = (await ctx.ledger.listStockGroups()).find((g) => g.code === wanted);
  if (!group)
    throw new FlowError(
      `Stock group ${wanted} for new stock items does not exist: add it in Setup → Stock groups.`,
    );
  return group;
}

/** Ticks (or unticks) every row of a sheet's table: the tabs' Select all / Select none. */
export async function setAllTicks(
  ctx: AppContext,
  sheet: string,
  keyColumn: string,
  ticked: boolean,
): Promise<number> {
  const rows = await ctx.workbook.readTable(sheet);
  if (!rows) throw new FlowError(`There is no "${sheet}" sheet yet: fetch first.`);
  const updates: Record<string, Record<string, CellValue>> = {};
  for (const row of rows) updates[String(row[keyColumn] ?? "")] = { Tick: ticked };
  await ctx.workbook.updateRows(sheet, keyColumn, updates);
  return rows.length;
}
