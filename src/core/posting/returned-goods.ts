/**
 * Returned goods on a refund's credit note (WORKED-EXAMPLE §5): from TikTok's returns of the order, each
 * returned unit at the price its invoice charged for the SKU, one line per item, to the returns account.
 */
import { sen, type Sen } from "../money/money";
import type { ReturnOrder } from "../tiktok/types";
import type { InvoiceLine } from "./types";

/** Return statuses under which TikTok has refunded the buyer. */
export const REFUNDED_RETURN_STATUSES: ReadonlySet<string> = new Set([
  "RETURN_OR_REFUND_REQUEST_SUCCESS",
  "RETURN_OR_REFUND_REQUEST_COMPLETE",
]);

/**
 * Only returns where the buyer sent the goods back count: a refund without a return ("REFUND") brings no
 * stock back, and a replacement is not a refund, so those stay on the generic returns item.
 */
export function returnsGoodsBack(r: ReturnOrder): boolean {
  return r.return_type === "RETURN_AND_REFUND" && REFUNDED_RETURN_STATUSES.has(r.return_status);
}

/**
 * The credit-note lines of goods worth `amount` (the refund row's subtotal before seller discounts, positive),
 * from the first of the order's returns whose units add up to it, else from all of them together; undefined
 * when none does, or a returned SKU is not on the invoice: the caller then books one generic returns line.
 */
export function returnedGoodsLines(
  returns: readonly ReturnOrder[],
  invoiceLines: readonly InvoiceLine[],
  amount: Sen,
  account: string,
): InvoiceLine[] | undefined {
  const goodsBack = returns.filter(returnsGoodsBack);
  const candidates = goodsBack.length > 1 ? [...goodsBack.map((r) => [r]), goodsBack] : [goodsBack];
  for (const candidate of candidates) {
    const lines = linesOf(candidate, invoiceLines, account);
    if (lines && lines.length > 0 && lines.reduce((sum, l) => sum + l.amount, 0) === amount) return lines;
  }
  return undefined;
}

function linesOf(returns: readonly ReturnOrder[], invoiceLines: readonly InvoiceLine[], account: string): InvoiceLine[] | undefined {
  const byItem = new Map<string, InvoiceLine>();
  for (const r of returns) {
    for (const unit of r.return_line_items) {
      // A SKU also given away as a gift has a zero-price line of its own: a returned unit is the sold one.
      const sold =
        invoiceLines.find((l) => l.skuId === unit.sku_id && l.unitPrice > 0) ??
        invoiceLines.find((l) => l.skuId === unit.sku_id);
      if (!sold) return undefined;
      const key = `${sold.itemCode}|${sold.unitPrice}`;
      const line = byItem.get(key);
      if (line) {
        line.quantity += 1;
        line.amount = sen(line.amount + sold.unitPrice);
      } else {
        byItem.set(key, {
          itemCode: sold.itemCode,
          description: `${sold.description} (returned)`,
          quantity: 1,
          unitPrice: sold.unitPrice,
          amount: sold.unitPrice,
          account,
          skuId: unit.sku_id,
          ...(sold.sellerSku ? { sellerSku: sold.sellerSku } : {}),
        });
      }
    }
  }
  return [...byItem.values()];
}
