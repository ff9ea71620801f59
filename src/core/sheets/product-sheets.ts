/** The "TikTok Products" sheet: one row per SKU, with its mapping status. */
import { requireMoney, toMajor } from "../money/money";
import type { Product } from "../tiktok/types";
import type { CellValue, ColumnSpec } from "./table";

export const PRODUCTS_SHEET = "TikTok Products";

export const PRODUCT_COLUMNS: ColumnSpec[] = [
  { name: "Tick", kind: "tick" },
  { name: "Product ID", kind: "id" },
  { name: "SKU ID", kind: "id" },
  { name: "Seller SKU", kind: "text" },
  { name: "Product Name", kind: "text" },
  { name: "Variation", kind: "text" },
  { name: "Price", kind: "amount" },
  { name: "TikTok Status", kind: "status" },
  { name: "Item Code", kind: "itemCode" },
  { name: "Status", kind: "status" },
];

export type MappingStatus = "Exist in Stock Item" | "Mapped" | "Not Mapped";

export interface SkuMapping {
  itemCode?: string;
  status: MappingStatus;
}

export function variationName(sku: Product["skus"][number]): string {
  return (sku.sales_attributes ?? []).map((a) => a.value_name).join(", ");
}

export function productRows(products: Product[], mappingOf: (skuId: string, sellerSku: string) => SkuMapping): CellValue[][] {
  const rows: CellValue[][] = [];
  for (const product of products) {
    for (const sku of product.skus) {
      const mapping = mappingOf(sku.id, sku.seller_sku);
      rows.push([
        false,
        product.id,
        sku.id,
        sku.seller_sku,
        product.title,
        variationName(sku),
        toMajor(requireMoney(sku.price.sale_price, "sale_price")),
        product.status,
        mapping.itemCode ?? "",
        mapping.status,
      ]);
    }
  }
  return rows;
}

/** An item code made from a seller SKU, in the style of stock item codes (upper case, no spaces). */
export function itemCodeFromSellerSku(sellerSku: string): string | undefined {
  const code = sellerSku.trim().toUpperCase().replace(/\s+/g, "-").slice(0, 30);
  return code.length > 0 ? code : undefined;
}
