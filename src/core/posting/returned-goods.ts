/**
 * Returned goods on a refund's credit note (WORKED-EXAMPLE §5): from TikTok's returns of the order, each
 * returned unit at the price its invoice charged for the SKU, one line per item. The ledger books each line
 * to its item's returns account (else its group's), as for any credit note.
 */
import { sen, type Sen } from "../money/money";
import type { ReturnOrder } from "../tiktok/types";
import type { InvoiceLine } from "./types";

/** Return statuses under which TikTok has refunded the buyer. */
export const REFUNDED_RETURN_STATUSES: ReadonlySet<string> = new Set([
  "RETURN_OR_REFUND_REQUEST_SUCCESS",
  "RETURN_OR_REFUND_REQUEST_COMPLETE",
]);

/** Above this many returns of one order, only single returns and all of them together are tried. */
const MAX_RETURNS_FOR_SUBSETS = 8;

/**
 * Only returns where the buyer sent the goods back count: a refund without a return ("REFUND") brings no
 * stock back, and a replacement (even one refunded in the end) sends the buyer goods rather than taking
 * them back, so those stay on the generic returns item.
 */
export function returnsGoodsBack(r: ReturnOrder): boolean {
  return r.return_type === "RETURN_AND_REFUND" && REFUNDED_RETURN_STATUSES.has(r.return_status);
}

/**
 * The credit-note lines of goods worth `amount` (the refund row's subtotal before seller discounts,
 * positive): from the fewest of the order's returns, not credited before (`credited`), whose units add up
 * to it, earliest returns first. Undefined when none do, or a returned SKU is not on the invoice: the caller
 * then books one generic returns line.
 */
export function returnedGoodsLines(
  returns: readonly ReturnOrder[],
  invoiceLines: readonly InvoiceLine[],
  amount: Sen,
  credited: ReadonlySet<string> = new Set(),
): InvoiceLine[] | undefined {
  const open = returns.filter((r) => returnsGoodsBack(r) && !credited.has(r.return_id));
  for (const candidate of candidates(open)) {
    const lines = linesOf(candidate, invoiceLines);
    if (lines && lines.reduce((sum, l) => sum + l.amount, 0) === amount) return lines;
  }
  return undefined;
}

/** Non-empty sets of returns, smallest first, each in the returns' order. */
function candidates(returns: readonly ReturnOrder[]): ReturnOrder[][] {
  if (returns.length === 0) return [];
  if (returns.length > MAX_RETURNS_FOR_SUBSETS) return [...returns.map((r) => [r]), [...returns]];
  const sets: ReturnOrder[][] = [];
  for (let mask = 1; mask < 1 << returns.length; mask++) sets.push(returns.filter((_, i) => mask & (1 << i)));
  return sets.sort((a, b) => a.length - b.length);
}

function linesOf(returns: readonly ReturnOrder[], invoiceLines: readonly InvoiceLine[]): InvoiceLine[] | undefined {
  const byItem = new Map<string, InvoiceLine & { returnIds: string[] }>();
  for (const r of returns) {
    if (r.return_line_items.length === 0) return undefined;
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
        if (!line.returnIds.includes(r.return_id)) line.returnIds.push(r.return_id);
      } else {
        byItem.set(key, {
          itemCode: sold.itemCode,
          description: `${sold.description} (returned)`,
          quantity: 1,
          unitPrice: sold.unitPrice,
          amount: sold.unitPrice,
          skuId: unit.sku_id,
          ...(sold.sellerSku ? { sellerSku: sold.sellerSku } : {}),
          returnIds: [r.return_id],
        });
      }
    }
  }
  return [...byItem.values()];
}

/** The returns already credited on these credit notes' lines. */
export function creditedReturnIds(creditNotes: readonly { lines: readonly InvoiceLine[] }[]): Set<string> {
  return new Set(creditNotes.flatMap((cn) => cn.lines.flatMap((l) => l.returnIds ?? [])));
}
