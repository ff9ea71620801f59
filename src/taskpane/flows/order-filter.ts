/**
 * The Orders tab's Status filter. A filter changes what "TikTok Orders" shows, never what is ticked:
 * ticks on orders it hides are kept and come back when those orders are shown again, and the pane says
 * how many there are. Post posts only the ticked orders shown; with none ticked it asks to select all of
 * them, naming how many and of which status (the guide's "click the status, tick all, Post").
 */
import { ORDERS_SHEET } from "../../core/sheets/order-sheets";
import { isTicked, type CellValue, type Workbook } from "../../excel/workbook";
import type { AppContext } from "./context";
import { writeOrderSheets, type StatusFilter } from "./orders-flow";
import { counted } from "./wording";

/** Order IDs ticked in "TikTok Orders", including those a filter hides, per workbook. */
const ticksOf = new WeakMap<Workbook, Set<string>>();

/** A Refresh Order writes the sheet afresh, without ticks: the hidden ones go too. */
export function forgetTicks(workbook: Workbook): void {
  ticksOf.delete(workbook);
}

export interface StatusShown {
  filter: StatusFilter;
  fetched: number;
  shown: number;
  ticked: number;
  /** Ticked orders of other statuses that the filter hides. */
  hiddenTicked: number;
  /** The status's post action is Skip: only Post anyway posts its orders. */
  setToSkip: boolean;
}

const text = (value: CellValue) => (value === null || value === undefined ? "" : String(value));

/** Shows one status (or all) in "TikTok Orders"; undefined when no order is fetched yet. */
export async function showStatus(
  ctx: AppContext,
  shopId: string | undefined,
  filter: StatusFilter,
): Promise<StatusShown | undefined> {
  const fetched = await ctx.ledger.listFetchedOrders(shopId);
  if (fetched.length === 0) return undefined;
  const ticks = new Set(ticksOf.get(ctx.workbook));
  for (const row of (await ctx.workbook.readTable(ORDERS_SHEET)) ?? []) {
    if (isTicked(row["Tick"])) ticks.add(text(row["Order ID"]));
    else ticks.delete(text(row["Order ID"]));
  }
  const store = fetched[0].shopId;
  await writeOrderSheets(
    ctx,
    store,
    fetched.map((f) => f.order),
    filter,
  );
  const rows = (await ctx.workbook.readTable(ORDERS_SHEET)) ?? [];
  const updates: Record<string, Record<string, CellValue>> = {};
  for (const row of rows) if (ticks.has(text(row["Order ID"]))) updates[text(row["Order ID"])] = { Tick: true };
  if (Object.keys(updates).length > 0) await ctx.workbook.updateRows(ORDERS_SHEET, "Order ID", updates);
  ticksOf.set(ctx.workbook, ticks);
  const shownIds = new Set(rows.map((row) => text(row["Order ID"])));
  const fetchedIds = new Set(fetched.map((f) => f.order.id));
  const setup = await ctx.ledger.getStoreSetup(store);
  return {
    filter,
    fetched: fetched.length,
    shown: rows.length,
    ticked: Object.keys(updates).length,
    hiddenTicked: [...ticks].filter((id) => fetchedIds.has(id) && !shownIds.has(id)).length,
    // An order cancelled after posting is posted (a credit note) whatever its status's action.
    setToSkip:
      filter !== "ALL" && setup.postActions[filter] !== "Post" && rows.every((row) => row["Post Action"] !== "Post"),
  };
}

/** The pane's notice after a status is picked: what is shown, what is ticked, and what is hidden. */
export function describeShown(s: StatusShown): string {
  if (s.filter !== "ALL" && s.shown === 0) return `No ${s.filter} orders among the ${counted(s.fetched, "order")} fetched.`;
  const which = s.filter === "ALL" ? `all ${counted(s.shown, "order")}` : counted(s.shown, `${s.filter} order`);
  const shown = `Showing ${which}, ${s.ticked === 0 ? "none" : s.ticked} ticked`;
  const parts = [
    s.setToSkip
      ? `${shown}: ${s.filter} is set to Skip, so only Post ▾ Post anyway posts ${s.shown === 1 ? "it" : "them"}.`
      : `${shown}.`,
  ];
  if (s.hiddenTicked > 0)
    parts.push(
      `${counted(s.hiddenTicked, "ticked order")} of other statuses ${s.hiddenTicked === 1 ? "is" : "are"} not shown, ` +
        `so Post leaves ${s.hiddenTicked === 1 ? "it" : "them"}; All statuses shows ${s.hiddenTicked === 1 ? "it" : "them"} still ticked.`,
    );
  return parts.join(" ");
}

/**
 * The question when Post finds nothing ticked, naming what "all" is: the orders shown (the filter's
 * status, or every status), and those Post would skip by their status's post action.
 */
export async function selectAllQuestion(ctx: AppContext, filter: StatusFilter, anyStatus: boolean): Promise<string> {
  const rows = (await ctx.workbook.readTable(ORDERS_SHEET)) ?? [];
  const which = filter === "ALL" ? "" : `${filter} `;
  const all = rows.length === 1 ? `the 1 ${which}order` : `all ${rows.length} ${which}orders`;
  const skip = anyStatus
    ? 0
    : rows.filter((row) => row["Post Action"] !== "Post" && text(row["Invoice No"]) === "").length;
  const question = `You have not selected any order. Would you like to select ${all}?`;
  if (skip === 0) return question;
  const some = skip === rows.length ? (skip === 1 ? "Its status is" : "Their status is") : `${skip} of them have a status`;
  return `${question} ${some} set to Skip: Post skips ${skip === 1 ? "it" : "them"} (Post ▾ Post anyway posts ${skip === 1 ? "it" : "them"}).`;
}
