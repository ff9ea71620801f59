/**
 * Ribbon Fetch and Post act on the active sheet, through the same flows as the pane's buttons.
 */
import { setRibbonHandler, type RibbonCommand } from "../commands/command-bus";
import { ORDERS_SHEET } from "../core/sheets/order-sheets";
import { PRODUCTS_SHEET } from "../core/sheets/product-sheets";
import type { AppContext } from "./flows/context";
import { FlowError } from "./flows/context";
import { lastRefreshRange, postOrders, refreshOrders, summarise } from "./flows/orders-flow";
import { fetchProducts, postProductMappings } from "./flows/products-flow";

export type RibbonReport = (intent: "success" | "error", text: string) => void;

/** What the last ribbon click did, shown at the top of the pane. */
export interface RibbonNotice {
  intent: "success" | "error";
  text: string;
  id: number;
}

export async function runRibbonCommand(ctx: AppContext, command: RibbonCommand): Promise<string> {
  const sheet = await ctx.workbook.activeSheet();
  if (sheet === ORDERS_SHEET) {
    if (command === "fetch") {
      const last = lastRefreshRange();
      if (!last) throw new FlowError("Pick a date range on the Orders tab and press Refresh Order first.");
      const r = await refreshOrders(ctx, last.shopId, last.range, last.filter);
      return `Fetching Done: ${r.fetched} orders.`;
    }
    const outcome = await postOrders(ctx);
    if (outcome.nothingTicked) throw new FlowError("You have not selected any order: tick orders in TikTok Orders, then Post.");
    return summarise(outcome);
  }
  if (sheet === PRODUCTS_SHEET) {
    if (command === "fetch") {
      const r = await fetchProducts(ctx);
      return `Fetching Done: ${r.products} products, ${r.skus} SKUs.`;
    }
    const r = await postProductMappings(ctx);
    if (r.nothingTicked) throw new FlowError("No SKU is ticked in TikTok Products.");
    return `Posting done: ${r.success} Success, ${r.failed} Failed.`;
  }
  throw new FlowError(
    `Fetch and Post work on the "${ORDERS_SHEET}" or "${PRODUCTS_SHEET}" sheet. Open one of them, or use the task pane.`,
  );
}

export function registerRibbon(ctx: AppContext, report: RibbonReport): void {
  setRibbonHandler(async (command) => {
    try {
      report("success", await runRibbonCommand(ctx, command));
    } catch (error) {
      report("error", error instanceof Error ? error.message : String(error));
    }
  });
}
