/**
 * Ribbon Fetch and Post act on the active sheet, through the same flows as the pane's buttons:
 * TikTok Products → fetch products / post mappings; TikTok Orders → refresh the last range / post ticked
 * orders; TikTok Settlement → post payments. Anywhere else they open the pane with a hint.
 */
import { revealPane, setRibbonHandler, type RibbonCommand } from "../commands/command-bus";
import { ORDERS_SHEET } from "../core/sheets/order-sheets";
import { PRODUCTS_SHEET } from "../core/sheets/product-sheets";
import type { AppContext } from "./flows/context";
import { FlowError } from "./flows/context";
import { lastRefreshRange, postOrders, refreshOrders, summarise } from "./flows/orders-flow";
import { describePaymentRun, lastSettlementView, postPayments, SETTLEMENT_SHEET } from "./flows/payment-flow";
import { fetchProducts, postProductMappings } from "./flows/products-flow";

export { SETTLEMENT_SHEET };

export type RibbonIntent = "success" | "info" | "warning" | "error";
/** The pane tab whose work a ribbon click did: the tab of the sheet it acted on. */
export type RibbonTab = "orders" | "products" | "payment";
export type RibbonReport = (intent: RibbonIntent, text: string, tab?: RibbonTab) => void;

/** What the last ribbon click did, shown at the top of the pane. */
export interface RibbonNotice {
  intent: RibbonIntent;
  text: string;
  id: number;
  /** Shown only on this tab; none for a hint given on another sheet, which shows on every tab. */
  tab?: RibbonTab;
}

function tabOfSheet(sheet: string | undefined): RibbonTab | undefined {
  if (sheet === ORDERS_SHEET) return "orders";
  if (sheet === PRODUCTS_SHEET) return "products";
  if (sheet === SETTLEMENT_SHEET) return "payment";
  return undefined;
}

/** Not a failure: the click cannot act where the user is, and the message says where to go. */
export class RibbonHint extends FlowError {}

/** Replaces the ribbon's own Post on "TikTok Settlement" (posting the settlement last loaded). */
export type SettlementPoster = (ctx: AppContext) => Promise<string>;

let settlementPoster: SettlementPoster | undefined;

export function setSettlementPoster(poster: SettlementPoster | undefined): void {
  settlementPoster = poster;
}

export const SETTLEMENT_FETCH_HINT =
  "Settlement rows come from the Seller Center export: load the settlement CSV on the Payment tab.";
export const SETTLEMENT_POST_HINT =
  "Load the settlement CSV on the Payment tab first and check it; then Post posts its payments.";
export const OTHER_SHEET_HINT =
  `Fetch and Post work on the "${ORDERS_SHEET}" or "${PRODUCTS_SHEET}" sheet (and "${SETTLEMENT_SHEET}" for payments). ` +
  "Open one of them, or use the task pane.";

/** Runs a click on the active sheet; `active` is that sheet when the caller has read it already. */
export async function runRibbonCommand(
  ctx: AppContext,
  command: RibbonCommand,
  active?: string | null,
): Promise<string> {
  const sheet = active === undefined ? await ctx.workbook.activeSheet() : active;
  if (sheet === ORDERS_SHEET) {
    if (command === "fetch") {
      const last = lastRefreshRange();
      if (!last) throw new RibbonHint("Pick a date range on the Orders tab and press Refresh Order first.");
      const r = await refreshOrders(ctx, last.shopId, last.range, last.filter);
      return `Fetching Done: ${r.fetched} orders.`;
    }
    const outcome = await postOrders(ctx);
    if (outcome.nothingTicked)
      throw new RibbonHint("You have not selected any order: tick orders in TikTok Orders, then Post.");
    return summarise(outcome);
  }
  if (sheet === PRODUCTS_SHEET) {
    if (command === "fetch") {
      const r = await fetchProducts(ctx);
      return `Fetching Done: ${r.products} products, ${r.skus} SKUs.`;
    }
    const r = await postProductMappings(ctx);
    if (r.nothingTicked) throw new RibbonHint("No SKU is ticked in TikTok Products: tick rows, then Post.");
    return `Posting done: ${r.success} Success, ${r.failed} Failed.`;
  }
  if (sheet === SETTLEMENT_SHEET) {
    if (command === "fetch") throw new RibbonHint(SETTLEMENT_FETCH_HINT);
    if (settlementPoster) return settlementPoster(ctx);
    const view = lastSettlementView();
    if (!view) throw new RibbonHint(SETTLEMENT_POST_HINT);
    return describePaymentRun(await postPayments(ctx, view));
  }
  throw new RibbonHint(OTHER_SHEET_HINT);
}

/**
 * Lets the ribbon drive the pane's flows. Results show as a notification at the top of the pane; hints
 * and errors also bring the pane forward, since the user clicked in the ribbon and may not see it.
 */
export function registerRibbon(ctx: AppContext, report: RibbonReport): void {
  setRibbonHandler(async (command) => {
    let tab: RibbonTab | undefined;
    try {
      const sheet = await ctx.workbook.activeSheet();
      tab = tabOfSheet(sheet ?? undefined);
      report("success", await runRibbonCommand(ctx, command, sheet), tab);
    } catch (error) {
      report(
        error instanceof RibbonHint ? "info" : "error",
        error instanceof Error ? error.message : String(error),
        tab,
      );
      await revealPane().catch(() => undefined);
    }
  });
}
