/**
 * The books on IndexedDB. Posting an order is one readwrite transaction: the invoice, its number, its
 * journal entry and the fetched order's mark are written together or not at all.
 */
import type { IDBPTransaction, StoreNames } from "idb";
import { isBusinessDate } from "../core/dates/business-date";
import { sen, type Sen } from "../core/money/money";
import { buildInvoiceJournal } from "../core/posting/journal";
import { composeOrderInvoice, MISSING_DATASET_PROPERTY } from "../core/posting/order-invoice";
import { orderSourceKey, type JournalEntry, type Problem, type SalesInvoice } from "../core/posting/types";
import type { Order } from "../core/tiktok/types";
import { defaultStoreSetup } from "./defaults";
import { isDomError, LedgerInputError, LedgerIntegrityError, UnknownItemCodeError } from "./errors";
import { openLedgerDatabase } from "./open";
import { altKey, type LedgerDb, type LedgerSchema, type StoredStockItem } from "./schema";
import type {
  Account,
  AltCode,
  Customer,
  FetchedOrder,
  LedgerChange,
  LinkedStore,
  PostOrderOptions,
  PostOrderResult,
  StockGroup,
  StockItem,
  StoreSetup,
  TrialBalanceLine,
} from "./types";

export const DEFAULT_LEDGER_NAME = "shopbooks";

export interface LedgerOptions {
  factory: IDBFactory;
  /** Database name; "shopbooks" by default. */
  name?: string;
  /** The current instant as an ISO string (postedAt, fetchedAt). */
  now?: () => string;
}

export interface Ledger {
  close(): void;
  /** Called after every committed write, with the stores it wrote. */
  onChange(listener: (change: LedgerChange) => void): () => void;

  listAccounts(): Promise<Account[]>;
  listCustomers(): Promise<Customer[]>;
  listStockGroups(): Promise<StockGroup[]>;
  listStockItems(): Promise<StockItem[]>;
  putStockItem(item: StockItem): Promise<void>;
  getStoreSetup(shopId: string): Promise<StoreSetup>;
  saveStoreSetup(shopId: string, setup: StoreSetup): Promise<void>;
  /** The stored mapping of the SKU ID, else of the seller SKU, else the item whose code is the seller SKU. */
  resolveItemCode(shopId: string, skuId: string, sellerSku: string): Promise<string | undefined>;
  /** Records the SKU ID as an alternative code of the item (moving it from any other item). */
  mapSku(shopId: string, skuId: string, sellerSku: string, itemCode: string): Promise<void>;

  saveLinkedStore(store: LinkedStore): Promise<void>;
  listLinkedStores(): Promise<LinkedStore[]>;
  getLinkedStore(shopId: string): Promise<LinkedStore | undefined>;
  removeLinkedStore(shopId: string): Promise<void>;

  saveFetchedOrders(shopId: string, orders: Order[]): Promise<void>;
  getFetchedOrder(orderId: string): Promise<FetchedOrder | undefined>;
  listFetchedOrders(shopId?: string): Promise<FetchedOrder[]>;

  postOrder(shopId: string, orderId: string, options?: PostOrderOptions): Promise<PostOrderResult>;
  listInvoices(): Promise<SalesInvoice[]>;
  getInvoice(docNo: string): Promise<SalesInvoice | undefined>;
  getInvoiceByOrder(orderId: string): Promise<SalesInvoice | undefined>;
  /** Removes an invoice no payment knocks off, so its order can be posted again; its number is not reused. */
  deleteInvoice(docNo: string): Promise<void>;
  getJournal(docNo: string): Promise<JournalEntry | undefined>;
  trialBalance(asOf?: string): Promise<TrialBalanceLine[]>;
  /** Debit-positive balance of an account, up to and including `asOf`. */
  glBalance(account: string, asOf?: string): Promise<Sen>;
  /** Invoice total less what payments knocked off; undefined for an unknown document. */
  outstanding(docNo: string): Promise<Sen | undefined>;
}

export async function openLedger(options: LedgerOptions): Promise<Ledger> {
  const db = await openLedgerDatabase(options.factory, options.name ?? DEFAULT_LEDGER_NAME);
  return new IndexedDbLedger(db, options.now ?? (() => new Date().toISOString()));
}

type Store = StoreNames<LedgerSchema>;
type WriteTransaction<S extends Store[]> = IDBPTransaction<LedgerSchema, S, "readwrite">;

const POSTING_STORES = ["invoices", "journal", "counters", "fetchedOrders"] satisfies Store[];

const REASONS: Record<string, string> = {
  MISSING_ITEM_CODE: "Missing Item Code",
  MISSING_DATASET_PROPERTY: "Missing Dataset Property",
  UNKNOWN_ITEM_CODE: "Unknown Item Code",
  UNKNOWN_CUSTOMER: "Unknown Customer",
  NOTHING_TO_INVOICE: "Nothing To Invoice",
};

export function formatDocNo(prefix: string, n: number): string {
  return `${prefix}-${String(n).padStart(5, "0")}`;
}

function withoutAltKeys({ altKeys: _altKeys, ...item }: StoredStockItem): StockItem {
  return item;
}

function stored(item: StockItem): StoredStockItem {
  const seen = new Set<string>();
  const altCodes: AltCode[] = [];
  for (const alt of item.altCodes ?? []) {
    const key = altKey(alt.shopId, alt.skuId, alt.sellerSku);
    if (!alt.shopId || !key || seen.has(key)) continue;
    seen.add(key);
    altCodes.push({
      shopId: alt.shopId,
      ...(alt.skuId ? { skuId: alt.skuId } : {}),
      ...(alt.sellerSku ? { sellerSku: alt.sellerSku } : {}),
    });
  }
  return { ...item, altCodes, altKeys: [...seen] };
}

function failed(orderId: string, problems: Problem[]): PostOrderResult {
  const first = problems[0];
  return { orderId, status: "Failed", reason: REASONS[first.code] ?? first.message, problems };
}

function requireDate(asOf: string | undefined): void {
  if (asOf !== undefined && !isBusinessDate(asOf)) {
    throw new LedgerInputError("BAD_DATE", `"${asOf}" is not a date: write it as YYYY-MM-DD.`);
  }
}

class IndexedDbLedger implements Ledger {
  private readonly listeners = new Set<(change: LedgerChange) => void>();

  constructor(
    private readonly db: LedgerDb,
    private readonly now: () => string,
  ) {}

  close(): void {
    this.listeners.clear();
    this.db.close();
  }

  onChange(listener: (change: LedgerChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(stores: string[]): void {
    for (const listener of [...this.listeners]) {
      try {
        listener({ stores: [...stores] });
      } catch (error) {
        console.error("A ledger change listener failed:", error);
      }
    }
  }

  /** Runs `work` in one readwrite transaction; on any failure the transaction is aborted and nothing is kept. */
  private async write<S extends Store[], T>(
    stores: S,
    work: (tx: WriteTransaction<S>) => Promise<T>,
  ): Promise<T> {
    const tx = this.db.transaction(stores, "readwrite");
    const done = tx.done;
    done.catch(() => undefined);
    try {
      const result = await work(tx);
      await done;
      this.emit(stores);
      return result;
    } catch (error) {
      try {
        tx.abort();
      } catch {
        // already aborted by the failed request
      }
      throw error;
    }
  }

  // ---- setup

  listAccounts(): Promise<Account[]> {
    return this.db.getAll("accounts");
  }

  listCustomers(): Promise<Customer[]> {
    return this.db.getAll("customers");
  }

  listStockGroups(): Promise<StockGroup[]> {
    return this.db.getAll("stockGroups");
  }

  async listStockItems(): Promise<StockItem[]> {
    return (await this.db.getAll("stockItems")).map(withoutAltKeys);
  }

  async putStockItem(item: StockItem): Promise<void> {
    const code = item.code?.trim();
    if (!code) throw new LedgerInputError("BAD_ITEM", "A stock item needs an item code.");
    const accounts = [item.salesAccount, ...(item.returnsAccount ? [item.returnsAccount] : [])];
    const record = stored({ ...item, code });
    await this.write(["stockItems", "accounts"], async (tx) => {
      for (const account of accounts) {
        if ((await tx.objectStore("accounts").getKey(account ?? "")) === undefined) {
          throw new LedgerInputError(
            "UNKNOWN_ACCOUNT",
            `Account ${account || "(none)"} of item ${code} is not a GL account: pick one of the accounts in Setup.`,
          );
        }
      }
      const items = tx.objectStore("stockItems");
      // An alternative code belongs to one item: taking it here removes it from any other.
      for (const key of record.altKeys) {
        for (const other of await items.index("byAltKey").getAll(key)) {
          if (other.code === code) continue;
          await items.put(
            stored({
              ...withoutAltKeys(other),
              altCodes: other.altCodes.filter((a) => altKey(a.shopId, a.skuId, a.sellerSku) !== key),
            }),
          );
        }
      }
      await items.put(record);
    });
  }

  async getStoreSetup(shopId: string): Promise<StoreSetup> {
    const defaults = defaultStoreSetup();
    const saved = (await this.db.get("storeSetups", shopId))?.setup;
    if (!saved) return defaults;
    return {
      ...defaults,
      ...saved,
      postActions: { ...defaults.postActions, ...saved.postActions },
      feeItems: { ...defaults.feeItems!, ...saved.feeItems },
    };
  }

  async saveStoreSetup(shopId: string, setup: StoreSetup): Promise<void> {
    if (!shopId) throw new LedgerInputError("BAD_STORE", "A store setup needs the store's shop ID.");
    for (const [status, action] of Object.entries(setup.postActions ?? {})) {
      if (action !== "Post" && action !== "Skip") {
        throw new LedgerInputError(
          "BAD_POST_ACTION",
          `The post action of ${status} must be Post or Skip, not "${action}".`,
        );
      }
    }
    const items = [setup.discountItem, setup.voucherItem, ...Object.values(setup.feeItems ?? {})];
    await this.write(["storeSetups", "customers", "accounts", "stockItems"], async (tx) => {
      if ((await tx.objectStore("customers").getKey(setup.customerCode ?? "")) === undefined) {
        throw new LedgerInputError(
          "UNKNOWN_CUSTOMER",
          `Customer ${setup.customerCode} does not exist: pick one of the customers in Setup.`,
        );
      }
      if ((await tx.objectStore("accounts").getKey(setup.paymentAccount ?? "")) === undefined) {
        throw new LedgerInputError(
          "UNKNOWN_ACCOUNT",
          `Payment account ${setup.paymentAccount} is not a GL account: pick one in Setup.`,
        );
      }
      for (const code of items) {
        if ((await tx.objectStore("stockItems").getKey(code ?? "")) === undefined)
          throw new UnknownItemCodeError(code);
      }
      await tx.objectStore("storeSetups").put({ shopId, setup: structuredCloneable(setup) });
    });
  }

  async resolveItemCode(shopId: string, skuId: string, sellerSku: string): Promise<string | undefined> {
    const tx = this.db.transaction("stockItems");
    const found = await resolveIn(tx.store, shopId, skuId, sellerSku);
    await tx.done;
    return found;
  }

  async mapSku(shopId: string, skuId: string, sellerSku: string, itemCode: string): Promise<void> {
    if (!shopId || !skuId)
      throw new LedgerInputError("BAD_SKU", "A SKU mapping needs the store's shop ID and the SKU ID.");
    const key = altKey(shopId, skuId, undefined) as string;
    await this.write(["stockItems"], async (tx) => {
      const items = tx.objectStore("stockItems");
      const target = await items.get(itemCode);
      if (!target) throw new UnknownItemCodeError(itemCode);
      for (const other of await items.index("byAltKey").getAll(key)) {
        if (other.code === itemCode) continue;
        await items.put(
          stored({
            ...withoutAltKeys(other),
            altCodes: other.altCodes.filter((a) => !(a.shopId === shopId && a.skuId === skuId)),
          }),
        );
      }
      const altCodes = target.altCodes.filter((a) => !(a.shopId === shopId && a.skuId === skuId));
      altCodes.push({ shopId, skuId, ...(sellerSku ? { sellerSku } : {}) });
      await items.put(stored({ ...withoutAltKeys(target), altCodes }));
    });
  }

  // ---- linked stores

  async saveLinkedStore(store: LinkedStore): Promise<void> {
    if (!store.shopId) throw new LedgerInputError("BAD_STORE", "A linked store needs its shop ID.");
    await this.write(["linkedStores"], (tx) =>
      tx.objectStore("linkedStores").put(structuredCloneable(store)),
    );
  }

  listLinkedStores(): Promise<LinkedStore[]> {
    return this.db.getAll("linkedStores");
  }

  getLinkedStore(shopId: string): Promise<LinkedStore | undefined> {
    return this.db.get("linkedStores", shopId);
  }

  async removeLinkedStore(shopId: string): Promise<void> {
    await this.write(["linkedStores"], (tx) => tx.objectStore("linkedStores").delete(shopId));
  }

  // ---- fetched orders

  async saveFetchedOrders(shopId: string, orders: Order[]): Promise<void> {
    if (!shopId) throw new LedgerInputError("BAD_STORE", "Fetched orders need the store's shop ID.");
    orders.forEach((order, i) => {
      if (typeof order?.id !== "string" || !order.id) {
        throw new LedgerInputError(
          "BAD_ORDER",
          `Fetched order number ${i + 1} has no order ID: refresh the orders again.`,
        );
      }
    });
    const fetchedAt = this.now();
    await this.write(["fetchedOrders"], async (tx) => {
      const store = tx.objectStore("fetchedOrders");
      const existing = await Promise.all(orders.map((o) => store.get(o.id)));
      await Promise.all(
        orders.map((order, i) => {
          const before = existing[i];
          return store.put({
            orderId: order.id,
            shopId,
            status: String(order.status ?? ""),
            order: structuredCloneable(order),
            fetchedAt,
            ...(before?.postStatus ? { postStatus: before.postStatus } : {}),
            ...(before?.invoiceNo ? { invoiceNo: before.invoiceNo } : {}),
          });
        }),
      );
    });
  }

  getFetchedOrder(orderId: string): Promise<FetchedOrder | undefined> {
    return this.db.get("fetchedOrders", orderId);
  }

  listFetchedOrders(shopId?: string): Promise<FetchedOrder[]> {
    return shopId === undefined
      ? this.db.getAll("fetchedOrders")
      : this.db.getAllFromIndex("fetchedOrders", "byShop", shopId);
  }

  // ---- posting

  async postOrder(shopId: string, orderId: string, options: PostOrderOptions = {}): Promise<PostOrderResult> {
    const sourceKey = orderSourceKey(shopId, orderId);
    // Posted before: say so whatever has changed since (a SKU unmapped, the order refetched).
    const existing = await this.db.getFromIndex("invoices", "bySourceKey", sourceKey);
    if (existing) return { orderId, status: "Posted", invoiceNo: existing.docNo, problems: [] };

    const fetched = await this.db.get("fetchedOrders", orderId);
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

    const setup = await this.getStoreSetup(shopId);
    const customer = await this.db.get("customers", setup.customerCode);
    if (!customer) {
      return failed(orderId, [
        {
          code: "UNKNOWN_CUSTOMER",
          message: `Customer ${setup.customerCode} of this store does not exist: fix the store's mapping codes in Setup, then Post again.`,
          orderId,
        },
      ]);
    }

    const itemCodes = await this.itemCodesOf(shopId, fetched.order, options.itemCodes ?? {});
    const { value: draft, problems } = composeOrderInvoice(fetched.order, {
      shopId,
      customerCode: setup.customerCode,
      location: setup.location,
      discountItem: setup.discountItem,
      voucherItem: setup.voucherItem,
      offsetMinutes: setup.utcOffsetMinutes,
      itemCodeFor: (skuId) => itemCodes.get(skuId),
    });
    if (!draft) return failed(orderId, problems);

    const accounts = new Map<string, string>();
    const unknown: Problem[] = [];
    const checked = new Set<string>();
    for (const line of draft.lines) {
      if (checked.has(line.itemCode)) continue;
      checked.add(line.itemCode);
      const item = await this.db.get("stockItems", line.itemCode);
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
    // The balance check runs here, before the transaction writes anything.
    const entry = buildInvoiceJournal(
      { docNo: "", date: draft.date, total: draft.total, lines },
      { arAccount: customer.arAccount, accountOfItem: (code) => accounts.get(code) as string },
    );
    const postedAt = this.now();

    try {
      const docNo = await this.write(POSTING_STORES, async (tx) => {
        const counter = await tx.objectStore("counters").get("IV");
        const number = (counter?.last ?? 0) + 1;
        const docNo = formatDocNo("IV", number);
        const invoice: SalesInvoice = {
          ...draft,
          lines,
          docNo,
          version: 1,
          postedAt,
          ...(options.runId ? { runId: options.runId } : {}),
        };
        // A second posting of the same order fails here on the unique sourceKey and the whole transaction,
        // counter included, is rolled back.
        await tx.objectStore("invoices").add(invoice);
        await tx.objectStore("counters").put({ name: "IV", last: number });
        await tx.objectStore("journal").put({ ...entry, docNo });
        const order = await tx.objectStore("fetchedOrders").get(orderId);
        if (order)
          await tx.objectStore("fetchedOrders").put({ ...order, postStatus: "Posted", invoiceNo: docNo });
        return docNo;
      });
      return { orderId, status: "Success", invoiceNo: docNo, problems: [] };
    } catch (error) {
      if (!isDomError(error, "ConstraintError")) throw error;
      const winner = await this.db.getFromIndex("invoices", "bySourceKey", sourceKey);
      if (!winner) {
        const counter = await this.db.get("counters", "IV");
        throw new LedgerIntegrityError(
          "NUMBERING",
          `The next invoice number after ${formatDocNo("IV", counter?.last ?? 0)} is already taken, so order ${orderId} was not posted: restore the ledger from its latest backup.`,
        );
      }
      return { orderId, status: "Posted", invoiceNo: winner.docNo, problems: [] };
    }
  }

  /** Item code per SKU ID of the order: the code picked for this post first, then the stored mapping. */
  private async itemCodesOf(
    shopId: string,
    order: Order,
    picked: Record<string, string>,
  ): Promise<Map<string, string>> {
    const codes = new Map<string, string>();
    const tx = this.db.transaction("stockItems");
    for (const item of Array.isArray(order?.line_items) ? order.line_items : []) {
      const skuId = typeof item?.sku_id === "string" ? item.sku_id : "";
      if (!skuId || codes.has(skuId)) continue;
      const code = picked[skuId]?.trim() || (await resolveIn(tx.store, shopId, skuId, item.seller_sku ?? ""));
      if (code) codes.set(skuId, code);
    }
    await tx.done;
    return codes;
  }

  listInvoices(): Promise<SalesInvoice[]> {
    return this.db.getAll("invoices");
  }

  getInvoice(docNo: string): Promise<SalesInvoice | undefined> {
    return this.db.get("invoices", docNo);
  }

  getInvoiceByOrder(orderId: string): Promise<SalesInvoice | undefined> {
    return this.db.getFromIndex("invoices", "byOrder", orderId);
  }

  async deleteInvoice(docNo: string): Promise<void> {
    await this.write(["invoices", "journal", "knockOffs", "fetchedOrders"], async (tx) => {
      const invoice = await tx.objectStore("invoices").get(docNo);
      if (!invoice) throw new LedgerInputError("UNKNOWN_DOCUMENT", `Invoice ${docNo} does not exist.`);
      if ((await tx.objectStore("knockOffs").index("byDocNo").count(docNo)) > 0) {
        throw new LedgerInputError(
          "INVOICE_PAID",
          `Invoice ${docNo} is knocked off by a payment: revert that payment run first.`,
        );
      }
      await tx.objectStore("invoices").delete(docNo);
      await tx.objectStore("journal").delete(docNo);
      const order = await tx.objectStore("fetchedOrders").get(invoice.orderId);
      if (order?.invoiceNo === docNo) {
        const { postStatus: _p, invoiceNo: _i, ...rest } = order;
        await tx.objectStore("fetchedOrders").put(rest);
      }
    });
  }

  getJournal(docNo: string): Promise<JournalEntry | undefined> {
    return this.db.get("journal", docNo);
  }

  private async balances(asOf?: string): Promise<Map<string, number>> {
    requireDate(asOf);
    const balances = new Map<string, number>();
    for (const entry of await this.db.getAll("journal")) {
      if (asOf !== undefined && entry.date > asOf) continue;
      for (const line of entry.lines)
        balances.set(line.account, (balances.get(line.account) ?? 0) + line.debit - line.credit);
    }
    return balances;
  }

  async trialBalance(asOf?: string): Promise<TrialBalanceLine[]> {
    const balances = await this.balances(asOf);
    const names = new Map((await this.db.getAll("accounts")).map((a) => [a.code, a.name]));
    return [...balances]
      .filter(([, balance]) => balance !== 0)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([account, balance]) => ({
        account,
        name: names.get(account) ?? "",
        debit: sen(Math.max(balance, 0)),
        credit: sen(Math.max(-balance, 0)),
      }));
  }

  async glBalance(account: string, asOf?: string): Promise<Sen> {
    return sen((await this.balances(asOf)).get(account) ?? 0);
  }

  async outstanding(docNo: string): Promise<Sen | undefined> {
    const invoice = await this.db.get("invoices", docNo);
    if (!invoice) return undefined;
    const knockOffs = await this.db.getAllFromIndex("knockOffs", "byDocNo", docNo);
    return sen(invoice.total - knockOffs.reduce((a, k) => a + k.amount, 0));
  }
}

type StockItemsStore = IDBPTransaction<LedgerSchema, ["stockItems"], "readonly">["store"];

async function resolveIn(
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

/** Drops undefined members and anything IndexedDB cannot clone (functions), keeping plain data. */
function structuredCloneable<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
