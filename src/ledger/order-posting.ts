/**
 * Posting fetched orders as invoices: one order at a time (postOrder), or many of one store at once
 * (postOrders) with the same results. An order posted before and since cancelled on TikTok gets a credit
 * note that reverses its invoice instead. Every write goes through commit.ts.
 */
import type { IDBPTransaction } from "idb";
import { businessDate } from "../core/dates/business-date";
import { sen } from "../core/money/money";
import { cancellationCreditNote } from "../core/posting/cancellation";
import {
  composeOrderInvoice,
  MISSING_DATASET_PROPERTY,
  MISSING_ITEM_CODE,
  type OrderPostingContext,
} from "../core/posting/order-invoice";
import {
  cancellationSourceKey,
  orderSourceKey,
  type InvoiceDraft,
  type Problem,
  type SalesInvoice,
} from "../core/posting/types";
import type { Order } from "../core/tiktok/types";
import {
  AlreadyPostedError,
  COMMIT_STORES,
  DocumentStream,
  prepareBatch,
  UniqueKeyTakenError,
  type CommitTransaction,
  type SetupSnapshot,
} from "./commit";
import { withDefaults } from "./defaults";
import { LedgerInputError } from "./errors";
import type { Ledger } from "./ledger";
import { bare, settled } from "./requests";
import {
  altKey,
  type LedgerDb,
  type LedgerSchema,
  type StoredFetchedOrder,
  type StoredStockItem,
} from "./schema";
import type {
  BatchResult,
  Customer,
  DocumentBatch,
  FetchedOrder,
  OrderToPost,
  PostOrderOptions,
  PostOrderResult,
  StockGroup,
  StoreSetup,
} from "./types";

/** What an order of the store is composed into an invoice with. */
function postingContext(
  shopId: string,
  setup: StoreSetup,
  itemCodeFor: OrderPostingContext["itemCodeFor"],
): OrderPostingContext {
  return {
    shopId,
    customerCode: setup.customerCode,
    location: setup.location,
    discountItem: setup.discountItem,
    voucherItem: setup.voucherItem,
    offsetMinutes: setup.utcOffsetMinutes,
    itemCodeFor,
  };
}

/** What posting asks of the ledger it posts to. */
export interface PostingLedger extends Pick<Ledger, "getStoreSetup" | "outstanding"> {
  readonly db: LedgerDb;
  /** The current instant as an ISO string. */
  readonly now: () => string;
  /** Writes a batch of documents in one transaction (commit.ts); listeners hear the stores it wrote. */
  commit(
    batch: DocumentBatch,
    options?: { sourceKeysUnchecked?: boolean; snapshot?: SetupSnapshot },
  ): Promise<BatchResult>;
  /** Tells listeners the stores a transaction of posting's own wrote. */
  emit(stores: string[]): void;
}

/**
 * Orders committed per transaction by postOrders: large enough to amortise a transaction, small enough to
 * lose little. The Orders flow asks 200 at a time, its progress and cancel step: one transaction each.
 */
const ORDERS_PER_TRANSACTION = 200;

/** Fetched orders read per answer awaited by postOrders: composing one slice overlaps reading the next. */
const READ_SLICE = 50;

/**
 * Posts many orders of one store. The common case (fetched, not yet posted, every SKU with a known
 * item code) is read and committed up to ORDERS_PER_TRANSACTION orders per transaction: each order is
 * still whole or absent, and a crash loses at most the batch in progress. Everything else (posted,
 * cancelled after posting, missing data, unknown codes, a race with another post) goes through
 * postOrder one by one, so the results are exactly postOrder's.
 */
export async function postOrders(
  ledger: PostingLedger,
  shopId: string,
  orders: OrderToPost[],
  options: { runId?: string } = {},
): Promise<PostOrderResult[]> {
  const posting: Posting = { shopId, results: new Map(), oneByOne: [], unpostable: [] };
  for (let start = 0; start < orders.length; start += ORDERS_PER_TRANSACTION) {
    const asked = orders.slice(start, start + ORDERS_PER_TRANSACTION);
    if (!(await postAtOnce(ledger, posting, asked, options.runId)))
      await postApart(ledger, posting, asked, options.runId);
  }
  const { results, oneByOne, unpostable } = posting;
  // Unless it was posted meanwhile: then postOrder says so. (postAtOnce has looked them up already.)
  const unchecked = unpostable.filter((u) => u.posted === undefined).map(({ request }) => request.orderId);
  const posted = unchecked.length > 0 ? await postedOrders(ledger.db, shopId, unchecked) : new Set<string>();
  for (const { request, problems, posted: found } of unpostable) {
    if (found ?? posted.has(request.orderId)) oneByOne.push(request);
    else results.set(request.orderId, failed(request.orderId, problems));
  }
  for (const request of oneByOne) {
    results.set(
      request.orderId,
      await postOrder(ledger, shopId, request.orderId, {
        ...(request.itemCodes ? { itemCodes: request.itemCodes } : {}),
        ...options,
      }),
    );
  }
  return orders.map((o) => results.get(o.orderId) as PostOrderResult);
}

/**
 * The setup orders are composed and prepared with, read in `tx`. Its requests are all made at once
 * (the few customers too, rather than the store's one after its setup is in: a round trip less), so
 * requests made after this call are answered after them.
 */
async function readPostingSetup(shopId: string, tx: SetupTransaction): Promise<PostingSetup> {
  const reads = Promise.all([
    tx.objectStore("storeSetups").get(shopId),
    tx.objectStore("stockItems").getAll(),
    tx.objectStore("stockGroups").getAll(),
    tx.objectStore("accounts").getAllKeys(),
    tx.objectStore("customers").getAll(),
  ]);
  const [saved, items, groups, accounts, customers] = await reads;
  const setup = withDefaults(saved?.setup);
  return postingSetup(
    shopId,
    setup,
    items,
    groups,
    accounts,
    customers.find((c) => c.code === setup.customerCode),
  );
}

/** Fetched orders read in `tx` a slice at a time, so that one slice is composed while the next are read. */
function readAsked(
  tx: { objectStore(name: "fetchedOrders"): unknown },
  asked: OrderToPost[],
): Promise<(StoredFetchedOrder | undefined)[]>[] {
  const fetchedOrders = bare<IDBObjectStore>(tx.objectStore("fetchedOrders"));
  const slices: Promise<(StoredFetchedOrder | undefined)[]>[] = [];
  for (let start = 0; start < asked.length; start += READ_SLICE)
    slices.push(
      settled(
        bare(tx),
        asked.slice(start, start + READ_SLICE).map((o) => fetchedOrders.get(o.orderId)),
      ),
    );
  for (const slice of slices) slice.catch(() => undefined);
  return slices;
}

/**
 * Posts the orders asked in one readwrite transaction that reads them (only those asked: the Orders flow
 * asks 200 at a time of a store that may hold tens of thousands) a slice at a time and writes the
 * invoices of each slice as soon as it is composed, while the next slices are read. Whether an order
 * was posted before is left to the unique sourceKey: false when the transaction was refused, or failed
 * in any way (a setup fault, a number taken); nothing of it is kept then, and postApart settles the
 * orders as it would have.
 */
async function postAtOnce(
  ledger: PostingLedger,
  posting: Posting,
  asked: OrderToPost[],
  runId: string | undefined,
): Promise<boolean> {
  const stores = posting.setup ? (["fetchedOrders"] as const) : ([...SETUP_STORES, "fetchedOrders"] as const);
  const tx = ledger.db.transaction([...stores, ...COMMIT_STORES], "readwrite");
  tx.done.catch(() => undefined);
  const bareTx = bare<IDBTransaction>(tx);
  const ended = new Promise<void>((resolve) => {
    bareTx.addEventListener("complete", () => resolve());
    bareTx.addEventListener("abort", () => resolve());
  });
  const stream = new DocumentStream(
    tx as unknown as CommitTransaction,
    ["invoice"],
    runId ? { runId } : {},
    ledger.now,
  );
  const composed: Composed[] = [];
  // Whether each order that cannot be posted was posted before, looked up in this transaction.
  const invoicesBySourceKey = bare<IDBIndex>(tx.objectStore("invoices").index("bySourceKey"));
  const lookedUp = new Map<string, IDBRequest>();
  let created: BatchResult["created"];
  const setupRead = posting.setup
    ? undefined
    : readPostingSetup(posting.shopId, tx as unknown as SetupTransaction);
  setupRead?.catch(() => undefined);
  const slices = readAsked(tx, asked);
  try {
    const setup = posting.setup ?? (await setupRead!);
    for (const slice of slices) {
      const create: { kind: "invoice"; ref: string; draft: InvoiceDraft }[] = [];
      for (const fetched of await slice) {
        const request = asked[composed.length];
        const order = setup.compose(request, fetched);
        composed.push(order);
        if (!setup.customer || order.way === "oneByOne") continue;
        if (order.way === "batch") create.push({ kind: "invoice", ref: request.orderId, draft: order.draft });
        else
          lookedUp.set(
            request.orderId,
            invoicesBySourceKey.getKey(orderSourceKey(posting.shopId, request.orderId)),
          );
      }
      // With the setup read in this transaction, preparing asks nothing of it.
      if (create.length > 0)
        stream.add((await prepareBatch(ledger.db, { create }, setup.snapshot)).documents);
    }
    created = (await stream.finish()).created;
    posting.setup = setup;
  } catch {
    try {
      tx.abort();
    } catch {
      // already aborted by a refused request
    }
    await ended;
    return false;
  }
  ledger.emit(COMMIT_STORES.filter((s) => stream.written.has(s)));
  for (const { ref, docNo } of created)
    posting.results.set(ref as string, {
      orderId: ref as string,
      status: "Success",
      invoiceNo: docNo,
      problems: [],
    });
  const firstUnpostable = posting.unpostable.length;
  sortOut(posting, asked, composed);
  for (const unpostable of posting.unpostable.slice(firstUnpostable))
    unpostable.posted = (lookedUp.get(unpostable.request.orderId) as IDBRequest).result !== undefined;
  return true;
}

/**
 * Posts the orders asked as postAtOnce does, but read in a transaction of their own and committed
 * apart: refused when some were posted before, they are looked up, those go one by one and the rest
 * are committed again, checked.
 */
async function postApart(
  ledger: PostingLedger,
  posting: Posting,
  asked: OrderToPost[],
  runId: string | undefined,
): Promise<void> {
  const tx = ledger.db.transaction(posting.setup ? ["fetchedOrders"] : [...SETUP_STORES, "fetchedOrders"]);
  const setupRead = posting.setup
    ? Promise.resolve(posting.setup)
    : readPostingSetup(posting.shopId, tx as unknown as SetupTransaction);
  setupRead.catch(() => undefined);
  const slices = readAsked(tx, asked);
  const setup = await setupRead;
  posting.setup = setup;
  const composed: Composed[] = [];
  for (const slice of slices)
    for (const fetched of await slice) composed.push(setup.compose(asked[composed.length], fetched));
  // Everything asked is in: the transaction ends by itself, and waiting for it would cost a round trip.
  const batchable = sortOut(posting, asked, composed);

  type Batchable = (typeof batchable)[number];
  const commitChunk = async (chunk: Batchable[], sourceKeysUnchecked: boolean) => {
    const result = await ledger.commit(
      {
        ...(runId ? { runId } : {}),
        create: chunk.map(({ orderId, draft }) => ({ kind: "invoice" as const, ref: orderId, draft })),
      },
      { sourceKeysUnchecked, snapshot: setup.snapshot },
    );
    for (const created of result.created) {
      posting.results.set(created.ref as string, {
        orderId: created.ref as string,
        status: "Success",
        invoiceNo: created.docNo,
        problems: [],
      });
    }
  };
  const oneByOneAll = (chunk: Batchable[]) =>
    posting.oneByOne.push(
      ...chunk.map(({ orderId }) => asked.find((o) => o.orderId === orderId) as OrderToPost),
    );
  const settleable = (error: unknown) =>
    error instanceof AlreadyPostedError || error instanceof LedgerInputError;
  for (let start = 0; start < batchable.length; start += ORDERS_PER_TRANSACTION) {
    const chunk = batchable.slice(start, start + ORDERS_PER_TRANSACTION);
    // Orders asked are seldom posted already: looking each one up first would cost every post a read.
    const refused = await commitChunk(chunk, true).then(
      () => undefined,
      (error: unknown) => error ?? new Error("The batch was refused."),
    );
    if (refused === undefined) continue;
    if (!(refused instanceof UniqueKeyTakenError)) {
      if (!settleable(refused)) throw refused;
      // One order is at fault: settle this batch order by order.
      oneByOneAll(chunk);
      continue;
    }
    // Some were posted before, or meanwhile: they go one by one, the others together again, checked.
    const taken = await postedOrders(
      ledger.db,
      posting.shopId,
      chunk.map((c) => c.orderId),
    );
    oneByOneAll(chunk.filter((c) => taken.has(c.orderId)));
    const rest = chunk.filter((c) => !taken.has(c.orderId));
    try {
      if (rest.length > 0) await commitChunk(rest, false);
    } catch (error) {
      if (!settleable(error)) throw error;
      // Another post got there first, or one order is at fault: settle this batch order by order.
      oneByOneAll(rest);
    }
  }
}

/** Those of the orders whose invoice sourceKey is taken. */
async function postedOrders(db: LedgerDb, shopId: string, orderIds: string[]): Promise<Set<string>> {
  const tx = db.transaction("invoices");
  const bySourceKey = bare<IDBIndex>(tx.store.index("bySourceKey"));
  // All answers in, the transaction ends by itself.
  const docNos = await settled(
    bare(tx),
    orderIds.map((id) => bySourceKey.getKey(orderSourceKey(shopId, id))),
  );
  return new Set(orderIds.filter((_, i) => docNos[i] !== undefined));
}

export async function postOrder(
  ledger: PostingLedger,
  shopId: string,
  orderId: string,
  options: PostOrderOptions = {},
): Promise<PostOrderResult> {
  const sourceKey = orderSourceKey(shopId, orderId);
  const fetched = await ledger.db.get("fetchedOrders", orderId);
  const existing = await ledger.db.getFromIndex("invoices", "bySourceKey", sourceKey);
  if (existing) {
    if (fetched?.status === "CANCELLED" && fetched.shopId === shopId)
      return reverseCancelled(ledger, existing, fetched, options);
    // Posted before: say so whatever has changed since (a SKU unmapped, the order refetched).
    return { orderId, status: "Posted", invoiceNo: existing.docNo, problems: [] };
  }

  if (!fetched) {
    return failed(orderId, [
      {
        code: MISSING_DATASET_PROPERTY,
        message: `Order ${orderId} has not been fetched: Refresh Order for its date, then Post again.`,
        orderId,
      },
    ]);
  }
  if (fetched.shopId !== shopId) {
    return failed(orderId, [
      {
        code: "OTHER_STORE",
        message: `Order ${orderId} belongs to store ${fetched.shopId}, not ${shopId}: post it from its own store.`,
        orderId,
      },
    ]);
  }

  const setup = await ledger.getStoreSetup(shopId);
  const customer = await ledger.db.get("customers", setup.customerCode);
  if (!customer) {
    return failed(orderId, [
      {
        code: "UNKNOWN_CUSTOMER",
        message: `Customer ${setup.customerCode} of this store does not exist: fix the store's mapping codes in Setup, then Post again.`,
        orderId,
      },
    ]);
  }

  const itemCodes = await itemCodesOf(ledger.db, shopId, fetched.order, options.itemCodes ?? {});
  const { value: draft, problems } = composeOrderInvoice(
    fetched.order,
    postingContext(shopId, setup, (skuId) => itemCodes.get(skuId)),
  );
  if (!draft) return failed(orderId, problems);

  const accounts = new Map<string, string>();
  const unknown: Problem[] = [];
  const checked = new Set<string>();
  for (const line of draft.lines) {
    if (checked.has(line.itemCode)) continue;
    checked.add(line.itemCode);
    const item = await ledger.db.get("stockItems", line.itemCode);
    if (item) accounts.set(line.itemCode, item.salesAccount);
    else {
      unknown.push({
        code: "UNKNOWN_ITEM_CODE",
        message: line.skuId
          ? `Item code ${line.itemCode} (SKU ${line.skuId}) is not a stock item: pick one from the list in TikTok Order Lines, then Post again.`
          : `Item code ${line.itemCode} of this store's mapping codes is not a stock item: fix it in Setup, then Post again.`,
        orderId,
        ...(line.skuId ? { skuId: line.skuId } : {}),
        ...(line.sellerSku ? { sellerSku: line.sellerSku } : {}),
      });
    }
  }
  if (unknown.length > 0) return failed(orderId, unknown);

  const lines = draft.lines.map((line) => ({ ...line, account: accounts.get(line.itemCode) as string }));
  try {
    const result = await ledger.commit({
      ...(options.runId ? { runId: options.runId } : {}),
      create: [{ kind: "invoice", draft: { ...draft, lines } }],
    });
    return { orderId, status: "Success", invoiceNo: result.created[0].docNo, problems: [] };
  } catch (error) {
    if (error instanceof AlreadyPostedError)
      return { orderId, status: "Posted", invoiceNo: error.docNo, problems: [] };
    throw error;
  }
}

/** A credit note reversing the invoice of an order TikTok cancelled after it was posted. */
async function reverseCancelled(
  ledger: PostingLedger,
  invoice: SalesInvoice,
  fetched: FetchedOrder,
  options: PostOrderOptions,
): Promise<PostOrderResult> {
  const { orderId, shopId } = fetched;
  const posted = (creditNoteNo: string): PostOrderResult => ({
    orderId,
    status: "Posted",
    invoiceNo: invoice.docNo,
    creditNoteNo,
    problems: [],
  });
  const earlier = await ledger.db.getFromIndex(
    "creditNotes",
    "bySourceKey",
    cancellationSourceKey(shopId, orderId),
  );
  if (earlier) return posted(earlier.docNo);
  const setup = await ledger.getStoreSetup(shopId);
  const cancelTime = fetched.order.cancel_time;
  const cancelled = businessDate(
    typeof cancelTime === "number" && cancelTime > 0 ? cancelTime : Date.parse(ledger.now()) / 1000,
    setup.utcOffsetMinutes,
  );
  const draft = cancellationCreditNote(invoice, cancelled > invoice.date ? cancelled : invoice.date);
  const open = (await ledger.outstanding(invoice.docNo)) ?? 0;
  const knockOff = Math.min(open, draft.total);
  try {
    const result = await ledger.commit({
      ...(options.runId ? { runId: options.runId } : {}),
      create: [{ kind: "creditNote", ref: "reversal", draft }],
      knockOffs:
        knockOff > 0
          ? [{ payer: { ref: "reversal" }, target: { docNo: invoice.docNo }, amount: sen(knockOff) }]
          : [],
    });
    return {
      orderId,
      status: "Success",
      invoiceNo: invoice.docNo,
      creditNoteNo: result.created[0].docNo,
      problems: [],
    };
  } catch (error) {
    if (error instanceof AlreadyPostedError) return posted(error.docNo);
    throw error;
  }
}

/** Item code per SKU ID of the order: the code picked for this post first, then the stored mapping. */
async function itemCodesOf(
  db: LedgerDb,
  shopId: string,
  order: Order,
  picked: Record<string, string>,
): Promise<Map<string, string>> {
  const codes = new Map<string, string>();
  const tx = db.transaction("stockItems");
  for (const item of Array.isArray(order?.line_items) ? order.line_items : []) {
    const skuId = typeof item?.sku_id === "string" ? item.sku_id : "";
    if (!skuId || codes.has(skuId)) continue;
    const code = picked[skuId]?.trim() || (await resolveIn(tx.store, shopId, skuId, item.seller_sku ?? ""));
    if (code) codes.set(skuId, code);
  }
  await tx.done;
  return codes;
}

const REASONS: Record<string, string> = {
  MISSING_ITEM_CODE: "Missing Item Code",
  MISSING_DATASET_PROPERTY: "Missing Dataset Property",
  UNKNOWN_ITEM_CODE: "Unknown Item Code",
  UNKNOWN_CUSTOMER: "Unknown Customer",
  NOTHING_TO_INVOICE: "Nothing To Invoice",
};

function failed(orderId: string, problems: Problem[]): PostOrderResult {
  const first = problems[0];
  return { orderId, status: "Failed", reason: REASONS[first.code] ?? first.message, problems };
}

const SETUP_STORES = ["storeSetups", "stockItems", "stockGroups", "accounts", "customers"] as const;
type SetupTransaction = IDBPTransaction<LedgerSchema, (typeof SETUP_STORES)[number][], IDBTransactionMode>;

type Composed =
  { way: "oneByOne" } | { way: "unpostable"; problems: Problem[] } | { way: "batch"; draft: InvoiceDraft };

/** What postOrders composes and prepares orders with, read once per call. */
interface PostingSetup {
  customer: Customer | undefined;
  snapshot: SetupSnapshot;
  compose(request: OrderToPost, fetched: StoredFetchedOrder | undefined): Composed;
}

/** One postOrders call: the results so far, and the orders left to postOrder. */
interface Posting {
  shopId: string;
  setup?: PostingSetup;
  results: Map<string, PostOrderResult>;
  oneByOne: OrderToPost[];
  /** With whether each was posted before, when it was looked up already. */
  unpostable: { request: OrderToPost; problems: Problem[]; posted?: boolean }[];
}

function postingSetup(
  shopId: string,
  setup: StoreSetup,
  items: StoredStockItem[],
  groups: StockGroup[],
  accounts: string[],
  customer: Customer | undefined,
): PostingSetup {
  const codes = new Set(items.map((i) => i.code));
  const salesAccounts = new Map(items.map((i) => [i.code, i.salesAccount]));
  const bySku = new Map<string, string>();
  const bySellerSku = new Map<string, string>();
  for (const item of items) {
    for (const alt of item.altCodes ?? []) {
      if (alt.shopId !== shopId) continue;
      if (alt.skuId) bySku.set(alt.skuId, item.code);
      if (alt.sellerSku) bySellerSku.set(alt.sellerSku, item.code);
    }
  }
  const resolve = (skuId: string, sellerSku: string, picked: Record<string, string>) =>
    picked[skuId]?.trim() ||
    bySku.get(skuId) ||
    bySellerSku.get(sellerSku) ||
    (codes.has(sellerSku) ? sellerSku : undefined);
  const compose = (request: OrderToPost, fetched: StoredFetchedOrder | undefined): Composed => {
    if (!fetched || fetched.shopId !== shopId) return { way: "oneByOne" };
    const picked = request.itemCodes ?? {};
    const { value: draft, problems } = composeOrderInvoice(
      fetched.order,
      postingContext(shopId, setup, (skuId, sellerSku) => resolve(skuId, sellerSku, picked)),
    );
    // An order that cannot be invoiced as fetched (every item cancelled, data missing) fails the same way
    // in postOrder; item codes are left to postOrder, which resolves them its own way.
    if (!draft && !problems.some((p) => p.code === MISSING_ITEM_CODE)) return { way: "unpostable", problems };
    if (!draft || draft.lines.some((line) => !codes.has(line.itemCode))) return { way: "oneByOne" };
    const lines = draft.lines.map((line) => ({
      ...line,
      account: salesAccounts.get(line.itemCode) as string,
    }));
    return { way: "batch", draft: { ...draft, lines } };
  };
  const snapshot: SetupSnapshot = {
    accounts: new Set(accounts),
    stockItems: new Map(items.map((i) => [i.code, i])),
    stockGroups: new Map(groups.map((g) => [g.code, g])),
    customers: new Map(customer ? [[customer.code, customer]] : []),
  };
  return { customer, snapshot, compose };
}

/**
 * Files the composed orders of `asked` under `posting`: those for postOrder (all of them without the
 * store's customer) and those that cannot be posted; returns the rest, to be committed together.
 */
function sortOut(
  posting: Posting,
  asked: OrderToPost[],
  composed: Composed[],
): { orderId: string; draft: InvoiceDraft }[] {
  const batchable: { orderId: string; draft: InvoiceDraft }[] = [];
  for (const [i, request] of asked.entries()) {
    const order = composed[i];
    if (order.way === "oneByOne" || !posting.setup?.customer) posting.oneByOne.push(request);
    else if (order.way === "unpostable") posting.unpostable.push({ request, problems: order.problems });
    else batchable.push({ orderId: request.orderId, draft: order.draft });
  }
  return batchable;
}

type StockItemsStore = IDBPTransaction<LedgerSchema, ["stockItems"], "readonly">["store"];

export async function resolveIn(
  store: StockItemsStore,
  shopId: string,
  skuId: string,
  sellerSku: string,
): Promise<string | undefined> {
  const byAlt = store.index("byAltKey");
  if (skuId) {
    const mapped = await byAlt.get(altKey(shopId, skuId, undefined) as string);
    if (mapped) return mapped.code;
  }
  if (sellerSku) {
    const mapped = await byAlt.get(altKey(shopId, undefined, sellerSku) as string);
    if (mapped) return mapped.code;
    if ((await store.getKey(sellerSku)) !== undefined) return sellerSku;
  }
  return undefined;
}
