/**
 * The books on IndexedDB. Every document write (posting an order, a credit note, a payment run's date,
 * a revert, a delete) is one readwrite transaction through commit.ts: all of it or none of it.
 */
import type { IDBPTransaction, StoreNames } from "idb";
import { businessDate, isBusinessDate } from "../core/dates/business-date";
import { sen, type Sen } from "../core/money/money";
import { cancellationCreditNote } from "../core/posting/cancellation";
import { composeOrderInvoice, MISSING_DATASET_PROPERTY, MISSING_ITEM_CODE } from "../core/posting/order-invoice";
import {
  cancellationSourceKey,
  orderSourceKey,
  type CreditNote,
  type CustomerPayment,
  type CustomerRefund,
  type DocumentKind,
  type InvoiceDraft,
  type JournalEntry,
  type Problem,
  type SalesInvoice,
} from "../core/posting/types";
import type { Order, Product } from "../core/tiktok/types";
import { keptOrder } from "../core/tiktok/kept-order";
import { BACKUP_STORES, readBackup, writeBackup, type BackupStore, type LedgerBackup } from "./backup";
import {
  AlreadyPostedError,
  applyBatch,
  UniqueKeyTakenError,
  COMMIT_STORES,
  deleteDocument,
  DOCUMENT_STORE,
  formatDocNo,
  prepareBatch,
  revertRunIn,
  DocumentStream,
  type CommitStore,
  type CommitTransaction,
  type SetupSnapshot,
} from "./commit";
import { DEFAULT_LOCATIONS, DEFAULT_SETTINGS, defaultStoreSetup } from "./defaults";
import { isDomError, LedgerInputError, UnknownItemCodeError } from "./errors";
import { SCHEMA_VERSION } from "./migrations";
import { openLedgerDatabase } from "./open";
import { customerBalances, kindOfDocNo, outstandingDocuments, type DocumentSummary } from "./queries";
import { bare, settled } from "./requests";
import {
  altKey,
  splitOrderMarks,
  withOrderMarks,
  type LedgerDb,
  type LedgerSchema,
  type SourceRow,
  type StoredFetchedOrder,
  type StoredStockItem,
} from "./schema";
import {
  cleanCode,
  requireAccount,
  requireNewOrExisting,
  setupItemCodes,
  someOf,
  validAccount,
  validCustomer,
  validLocation,
  validStockGroup,
  validStoreSetup,
  type SaveOptions,
} from "./setup";
import type {
  Account,
  AltCode,
  BatchResult,
  Customer,
  CustomerOutstanding,
  DocumentBatch,
  DocumentVersion,
  FetchedOrder,
  FetchedProduct,
  KnockOff,
  LedgerChange,
  LedgerRun,
  LinkedStore,
  Location,
  NewRun,
  OrderMark,
  OutstandingDocument,
  OrderToPost,
  PostOrderOptions,
  PostOrderResult,
  StockGroup,
  StockItem,
  StoreSetup,
  TrialBalanceLine,
} from "./types";

export { formatDocNo };
export const DEFAULT_LEDGER_NAME = "shopbooks";

export interface LedgerOptions {
  factory: IDBFactory;
  /** Database name; "shopbooks" by default. */
  name?: string;
  /** The current instant as an ISO string (postedAt, fetchedAt). */
  now?: () => string;
}

export interface RestoreSummary {
  schemaVersion: number;
  exportedAt: string;
  /** Records restored per store. */
  records: Record<string, number>;
  /** Stores of the backup not linked in this ledger: a backup holds no tokens, so they need Relink. */
  relinkNeeded: string[];
  /** Stores linked in this ledger that the backup does not have: gone with the rest of the old books. */
  removedStores: string[];
}

export interface Ledger {
  close(): void;
  /** Called after every committed write, with the stores it wrote. */
  onChange(listener: (change: LedgerChange) => void): () => void;

  // ---- setup
  getSetting(key: string): Promise<unknown>;
  saveSetting(key: string, value: unknown): Promise<void>;
  listAccounts(): Promise<Account[]>;
  saveAccount(account: Account, options?: SaveOptions): Promise<void>;
  /** Refused while a customer, stock group or item, store setup or journal uses it. */
  deleteAccount(code: string): Promise<void>;
  listCustomers(): Promise<Customer[]>;
  saveCustomer(customer: Customer, options?: SaveOptions): Promise<void>;
  deleteCustomer(code: string): Promise<void>;
  listStockGroups(): Promise<StockGroup[]>;
  saveStockGroup(group: StockGroup, options?: SaveOptions): Promise<void>;
  deleteStockGroup(code: string): Promise<void>;
  listStockItems(): Promise<StockItem[]>;
  /** Saves an item with its alternative codes; an alternative code taken here leaves any other item. */
  putStockItem(item: StockItem, options?: SaveOptions): Promise<void>;
  deleteStockItem(code: string): Promise<void>;
  listLocations(): Promise<Location[]>;
  saveLocation(location: Location, options?: SaveOptions): Promise<void>;
  deleteLocation(code: string): Promise<void>;
  getStoreSetup(shopId: string): Promise<StoreSetup>;
  saveStoreSetup(shopId: string, setup: StoreSetup): Promise<void>;
  /** The stored mapping of the SKU ID, else of the seller SKU, else the item whose code is the seller SKU. */
  resolveItemCode(shopId: string, skuId: string, sellerSku: string): Promise<string | undefined>;
  /** Records the SKU ID as an alternative code of the item (moving it from any other item). */
  mapSku(shopId: string, skuId: string, sellerSku: string, itemCode: string): Promise<void>;

  // ---- stores, products and orders fetched from TikTok
  saveLinkedStore(store: LinkedStore): Promise<void>;
  listLinkedStores(): Promise<LinkedStore[]>;
  getLinkedStore(shopId: string): Promise<LinkedStore | undefined>;
  removeLinkedStore(shopId: string): Promise<void>;
  saveFetchedProducts(shopId: string, products: Product[]): Promise<void>;
  listFetchedProducts(shopId: string): Promise<FetchedProduct[]>;
  saveFetchedOrders(shopId: string, orders: Order[]): Promise<void>;
  getFetchedOrder(orderId: string): Promise<FetchedOrder | undefined>;
  /** Many fetched orders in one read, in the order asked (undefined where an order was not fetched). */
  getFetchedOrders(orderIds: readonly string[]): Promise<(FetchedOrder | undefined)[]>;
  listFetchedOrders(shopId?: string): Promise<FetchedOrder[]>;

  // ---- posting
  /**
   * Posts a fetched order as an invoice (once, ever). An order posted before and since cancelled on
   * TikTok gets a credit note that reverses its invoice instead.
   */
  postOrder(shopId: string, orderId: string, options?: PostOrderOptions): Promise<PostOrderResult>;
  /** Many orders of one store, with the same results as postOrder one by one (see the method). */
  postOrders(shopId: string, orders: OrderToPost[], options?: { runId?: string }): Promise<PostOrderResult[]>;
  /** Starts a run (RUN-00001…) that later commits and postOrder calls are recorded under. */
  beginRun(run: NewRun): Promise<LedgerRun>;
  /** Writes a batch of documents in one transaction (see DocumentBatch); all or nothing. */
  commit(batch: DocumentBatch): Promise<BatchResult>;
  getRun(runId: string): Promise<LedgerRun | undefined>;
  /** Keys of the source rows (settlement rows) posted so far, with the run that posted each. */
  listSourceRows(runId?: string): Promise<SourceRow[]>;
  listRuns(): Promise<LedgerRun[]>;
  /** Undoes a run in one transaction: edited invoices return to their earlier version, created documents go. */
  revertRun(runId: string): Promise<LedgerRun>;

  // ---- documents
  listInvoices(): Promise<SalesInvoice[]>;
  /**
   * Every invoice, in document-number order, a page at a time: `visit` sees each page once (and must not
   * wait on anything), so a reader that keeps only what it needs never holds all the invoices at once.
   */
  readInvoices(visit: (page: SalesInvoice[]) => void): Promise<void>;
  countInvoices(): Promise<number>;
  getInvoice(docNo: string): Promise<SalesInvoice | undefined>;
  getInvoiceByOrder(orderId: string): Promise<SalesInvoice | undefined>;
  /** Many invoices in one read, in the order asked (undefined where there is no such invoice). */
  getInvoices(docNos: readonly string[]): Promise<(SalesInvoice | undefined)[]>;
  /** getInvoiceByOrder for many orders in one read, in the order asked. */
  getInvoicesByOrder(orderIds: readonly string[]): Promise<(SalesInvoice | undefined)[]>;
  /** listCreditNotes(orderId) for many orders in one read, in the order asked. */
  listCreditNotesByOrder(orderIds: readonly string[]): Promise<CreditNote[][]>;
  listCreditNotes(orderId?: string): Promise<CreditNote[]>;
  getCreditNote(docNo: string): Promise<CreditNote | undefined>;
  listPayments(): Promise<CustomerPayment[]>;
  listRefunds(): Promise<CustomerRefund[]>;
  /** Knock-offs a document makes or receives; all of them without a document number. */
  listKnockOffs(docNo?: string): Promise<KnockOff[]>;
  /** Earlier versions of a document (and its last version, when it was deleted). */
  listDocumentVersions(docNo: string): Promise<DocumentVersion[]>;
  /** Removes an invoice nothing knocks off or credits, so its order can be posted again; its number is not reused. */
  deleteInvoice(docNo: string): Promise<void>;
  /** Removes a credit note no payment or refund uses; what it knocked off is open again. */
  deleteCreditNote(docNo: string): Promise<void>;
  getJournal(docNo: string): Promise<JournalEntry | undefined>;

  // ---- queries
  trialBalance(asOf?: string): Promise<TrialBalanceLine[]>;
  /** Debit-positive balance of an account, up to and including `asOf`. */
  glBalance(account: string, asOf?: string): Promise<Sen>;
  /** What is left to knock off on a document (an invoice's unpaid amount); undefined for an unknown document. */
  outstanding(docNo: string): Promise<Sen | undefined>;
  /** Every document with its open amount and its signed balance in AR. */
  listDocumentBalances(customerCode?: string): Promise<OutstandingDocument[]>;
  /** Σ balance per customer: each equals that customer's share of its AR control account. */
  customerBalances(): Promise<CustomerOutstanding[]>;

  // ---- backup
  /** The whole ledger as the text of one JSON file. */
  backup(): Promise<string>;
  /** Replaces the whole ledger with a backup, all or nothing; a newer or damaged file is refused untouched. */
  restore(text: string): Promise<RestoreSummary>;
}

export async function openLedger(options: LedgerOptions): Promise<Ledger> {
  const db = await openLedgerDatabase(options.factory, options.name ?? DEFAULT_LEDGER_NAME);
  return new IndexedDbLedger(db, options.now ?? (() => new Date().toISOString()));
}

type Store = StoreNames<LedgerSchema>;
type WriteTransaction<S extends Store[]> = IDBPTransaction<LedgerSchema, S, "readwrite">;

/**
 * Orders committed per transaction by postOrders: large enough to amortise a transaction, small enough to
 * lose little. The Orders flow asks 200 at a time, its progress and cancel step: one transaction each.
 */
const ORDERS_PER_TRANSACTION = 200;

/** Fetched orders read per answer awaited by postOrders: composing one slice overlaps reading the next. */
const READ_SLICE = 50;

/** Records read at a time by a whole-store pass that keeps only a running total or a summary of each. */
const PAGE_SIZE = 500;

const REASONS: Record<string, string> = {
  MISSING_ITEM_CODE: "Missing Item Code",
  MISSING_DATASET_PROPERTY: "Missing Dataset Property",
  UNKNOWN_ITEM_CODE: "Unknown Item Code",
  UNKNOWN_CUSTOMER: "Unknown Customer",
  NOTHING_TO_INVOICE: "Nothing To Invoice",
};

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
    if (stores.length === 0) return;
    for (const listener of [...this.listeners]) {
      try {
        listener({ stores: [...stores] });
      } catch (error) {
        console.error("A ledger change listener failed:", error);
      }
    }
  }

  /**
   * Runs `work` in one readwrite transaction; on any failure the transaction is aborted and nothing is
   * kept. Listeners hear the stores `written` reports (all of `stores` by default).
   */
  private async write<S extends Store[], T>(
    stores: S,
    work: (tx: WriteTransaction<S>) => Promise<T>,
    written: () => string[] = () => stores,
  ): Promise<T> {
    const tx = this.db.transaction(stores, "readwrite");
    const done = tx.done;
    done.catch(() => undefined);
    try {
      const result = await work(tx);
      await done;
      this.emit(written());
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

  async getSetting(key: string): Promise<unknown> {
    return (await this.db.get("settings", key))?.value;
  }

  async saveSetting(key: string, value: unknown): Promise<void> {
    if (!key) throw new LedgerInputError("BAD_SETTING", "A setting needs a name.");
    await this.write(["settings"], (tx) =>
      tx.objectStore("settings").put({ key, value: structuredCloneable(value) }),
    );
  }

  async listAccounts(): Promise<Account[]> {
    return this.db.getAll("accounts");
  }

  async saveAccount(account: Account, options: SaveOptions = {}): Promise<void> {
    const record = validAccount(account);
    await this.write(["accounts"], async (tx) => {
      await requireNewOrExisting(tx as never, "accounts", "Account", record.code, options);
      await tx.objectStore("accounts").put(record);
    });
  }

  async deleteAccount(code: string): Promise<void> {
    await this.write(
      ["accounts", "customers", "stockGroups", "stockItems", "storeSetups", "journal", "documentVersions"],
      async (tx) => {
        if ((await tx.objectStore("accounts").getKey(code)) === undefined)
          throw new LedgerInputError("UNKNOWN_ACCOUNT", `Account ${code} does not exist.`);
        const users: string[] = [];
        for (const c of await tx.objectStore("customers").getAll())
          if (c.arAccount === code) users.push(`customer ${c.code}`);
        for (const g of await tx.objectStore("stockGroups").getAll())
          if (g.salesAccount === code || g.returnsAccount === code) users.push(`stock group ${g.code}`);
        for (const i of await tx.objectStore("stockItems").getAll())
          if (i.salesAccount === code || i.returnsAccount === code) users.push(`stock item ${i.code}`);
        for (const s of await tx.objectStore("storeSetups").getAll())
          if (s.setup.paymentAccount === code) users.push(`the payment account of store ${s.shopId}`);
        const journals = new Set<string>();
        for (const e of await tx.objectStore("journal").getAll())
          if (e.lines.some((l) => l.account === code)) journals.add(e.docNo);
        for (const v of await tx.objectStore("documentVersions").getAll())
          if (v.journal?.lines.some((l) => l.account === code)) journals.add(v.docNo);
        if (journals.size > 0) users.push(`the journals of ${someOf([...journals].sort())}`);
        if (users.length > 0)
          throw new LedgerInputError(
            "IN_USE",
            `Account ${code} cannot be deleted: it is used by ${someOf(users)}. Change that first.`,
          );
        await tx.objectStore("accounts").delete(code);
      },
    );
  }

  listCustomers(): Promise<Customer[]> {
    return this.db.getAll("customers");
  }

  async saveCustomer(customer: Customer, options: SaveOptions = {}): Promise<void> {
    await this.write(["customers", "accounts"], async (tx) => {
      const record = await validCustomer(tx as never, customer);
      await requireNewOrExisting(tx as never, "customers", "Customer", record.code, options);
      await tx.objectStore("customers").put(record);
    });
  }

  async deleteCustomer(code: string): Promise<void> {
    await this.write(["customers", "storeSetups", ...DOCUMENT_STORES], async (tx) => {
      if ((await tx.objectStore("customers").getKey(code)) === undefined)
        throw new LedgerInputError("UNKNOWN_CUSTOMER", `Customer ${code} does not exist.`);
      const users: string[] = [];
      for (const s of await tx.objectStore("storeSetups").getAll())
        if (s.setup.customerCode === code) users.push(`store ${s.shopId}`);
      const docs: string[] = [];
      for (const name of DOCUMENT_STORES)
        for (const d of await tx.objectStore(name).getAll()) if (d.customerCode === code) docs.push(d.docNo);
      if (docs.length) users.push(someOf(docs));
      if (users.length > 0)
        throw new LedgerInputError(
          "IN_USE",
          `Customer ${code} cannot be deleted: it is used by ${someOf(users)}.`,
        );
      await tx.objectStore("customers").delete(code);
    });
  }

  listStockGroups(): Promise<StockGroup[]> {
    return this.db.getAll("stockGroups");
  }

  async saveStockGroup(group: StockGroup, options: SaveOptions = {}): Promise<void> {
    await this.write(["stockGroups", "accounts"], async (tx) => {
      const record = await validStockGroup(tx as never, group);
      await requireNewOrExisting(tx as never, "stockGroups", "Stock group", record.code, options);
      await tx.objectStore("stockGroups").put(record);
    });
  }

  async deleteStockGroup(code: string): Promise<void> {
    await this.write(["stockGroups", "stockItems"], async (tx) => {
      if ((await tx.objectStore("stockGroups").getKey(code)) === undefined)
        throw new LedgerInputError("UNKNOWN_GROUP", `Stock group ${code} does not exist.`);
      const items = (await tx.objectStore("stockItems").getAll())
        .filter((i) => i.group === code)
        .map((i) => i.code);
      if (items.length > 0)
        throw new LedgerInputError(
          "IN_USE",
          `Stock group ${code} cannot be deleted: stock items ${someOf(items)} belong to it. Move them to another group first.`,
        );
      await tx.objectStore("stockGroups").delete(code);
    });
  }

  async listStockItems(): Promise<StockItem[]> {
    return (await this.db.getAll("stockItems")).map(withoutAltKeys);
  }

  async putStockItem(item: StockItem, options: SaveOptions = {}): Promise<void> {
    const code = cleanCode("stock item", item?.code);
    const description = typeof item.description === "string" ? item.description.trim() : "";
    if (!description) throw new LedgerInputError("BAD_NAME", `The stock item ${code} needs a description.`);
    const record = stored({ ...item, code, description, isFee: !!item.isFee });
    await this.write(["stockItems", "stockGroups", "accounts"], async (tx) => {
      await requireNewOrExisting(tx as never, "stockItems", "Stock item", code, options);
      if ((await tx.objectStore("stockGroups").getKey(item.group ?? "")) === undefined)
        throw new LedgerInputError(
          "UNKNOWN_GROUP",
          `Stock group ${item.group || "(none)"} of item ${code} does not exist: pick one of the stock groups in Setup.`,
        );
      await requireAccount(tx as never, item.salesAccount, `Account`);
      if (item.returnsAccount) await requireAccount(tx as never, item.returnsAccount, `Returns account`);
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
    }).catch((error: unknown) => {
      // Keep the older wording for an item's account, which names the item.
      if (error instanceof LedgerInputError && error.code === "UNKNOWN_ACCOUNT")
        throw new LedgerInputError(
          "UNKNOWN_ACCOUNT",
          error.message.replace(/^(Returns account|Account) (\S+) is not/, `$1 $2 of item ${code} is not`),
        );
      throw error;
    });
  }

  async deleteStockItem(code: string): Promise<void> {
    await this.write(
      ["stockItems", "storeSetups", "invoices", "creditNotes", "documentVersions"],
      async (tx) => {
        if ((await tx.objectStore("stockItems").getKey(code)) === undefined)
          throw new UnknownItemCodeError(code);
        const users: string[] = [];
        for (const s of await tx.objectStore("storeSetups").getAll())
          for (const [item, role] of setupItemCodes(s.setup))
            if (item === code) users.push(`the ${role} of store ${s.shopId}`);
        const docs = new Set<string>();
        for (const name of ["invoices", "creditNotes"] as const)
          for (const d of await tx.objectStore(name).getAll())
            if (d.lines.some((l) => l.itemCode === code)) docs.add(d.docNo);
        for (const v of await tx.objectStore("documentVersions").getAll()) {
          const lines = (v.document as { lines?: { itemCode: string }[] }).lines ?? [];
          if (lines.some((l) => l.itemCode === code)) docs.add(v.docNo);
        }
        if (docs.size) users.push(someOf([...docs].sort()));
        if (users.length > 0)
          throw new LedgerInputError(
            "IN_USE",
            `Stock item ${code} cannot be deleted: it is used by ${someOf(users)}.`,
          );
        await tx.objectStore("stockItems").delete(code);
      },
    );
  }

  async listLocations(): Promise<Location[]> {
    return this.db.getAll("locations");
  }

  async saveLocation(location: Location, options: SaveOptions = {}): Promise<void> {
    const record = validLocation(location);
    await this.write(["locations"], async (tx) => {
      await requireNewOrExisting(tx as never, "locations", "Location", record.code, options);
      await tx.objectStore("locations").put(record);
    });
  }

  async deleteLocation(code: string): Promise<void> {
    await this.write(["locations", "storeSetups", "invoices", "creditNotes"], async (tx) => {
      if ((await tx.objectStore("locations").getKey(code)) === undefined)
        throw new LedgerInputError("UNKNOWN_LOCATION", `Location ${code} does not exist.`);
      const users: string[] = [];
      for (const s of await tx.objectStore("storeSetups").getAll())
        if (s.setup.location === code) users.push(`store ${s.shopId}`);
      for (const name of ["invoices", "creditNotes"] as const)
        for (const d of await tx.objectStore(name).getAll()) if (d.location === code) users.push(d.docNo);
      if (users.length > 0)
        throw new LedgerInputError(
          "IN_USE",
          `Location ${code} cannot be deleted: it is used by ${someOf(users)}.`,
        );
      await tx.objectStore("locations").delete(code);
    });
  }

  async getStoreSetup(shopId: string): Promise<StoreSetup> {
    return withDefaults((await this.db.get("storeSetups", shopId))?.setup);
  }

  async saveStoreSetup(shopId: string, setup: StoreSetup): Promise<void> {
    if (!shopId) throw new LedgerInputError("BAD_STORE", "A store setup needs the store's shop ID.");
    await this.write(["storeSetups", "customers", "accounts", "stockItems", "locations"], async (tx) => {
      await validStoreSetup(tx as never, setup);
      for (const [code, role] of setupItemCodes(setup)) {
        if ((await tx.objectStore("stockItems").getKey(code ?? "")) === undefined) {
          const error = new UnknownItemCodeError(code);
          throw Object.assign(error, {
            message: `Item code ${code || "(none)"} of the ${role} is not a stock item: create it in Setup, or pick one from the list.`,
          });
        }
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

  // ---- linked stores, fetched products and orders

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

  async saveFetchedProducts(shopId: string, products: Product[]): Promise<void> {
    if (!shopId) throw new LedgerInputError("BAD_STORE", "Fetched products need the store's shop ID.");
    products.forEach((product, i) => {
      if (typeof product?.id !== "string" || !product.id)
        throw new LedgerInputError(
          "BAD_PRODUCT",
          `Fetched product number ${i + 1} has no product ID: fetch the products again.`,
        );
    });
    const fetchedAt = this.now();
    await this.write(["fetchedProducts"], async (tx) => {
      const store = tx.objectStore("fetchedProducts");
      await Promise.all(
        products.map((product) =>
          store.put({ productId: product.id, shopId, product: structuredCloneable(product), fetchedAt }),
        ),
      );
    });
  }

  listFetchedProducts(shopId: string): Promise<FetchedProduct[]> {
    return this.db.getAllFromIndex("fetchedProducts", "byShop", shopId);
  }

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
    // The marks of posted orders live in orderMarks: a refetch replaces the order and keeps them.
    await this.write(["fetchedOrders"], async (tx) => {
      const store = tx.objectStore("fetchedOrders");
      await Promise.all(
        orders.map((order) =>
          store.put({
            orderId: order.id,
            shopId,
            status: String(order.status ?? ""),
            order: keptOrder(order),
            fetchedAt,
          }),
        ),
      );
    });
  }

  async getFetchedOrder(orderId: string): Promise<FetchedOrder | undefined> {
    return (await this.getFetchedOrders([orderId]))[0];
  }

  async getFetchedOrders(orderIds: readonly string[]): Promise<(FetchedOrder | undefined)[]> {
    if (orderIds.length === 0) return [];
    const tx = this.db.transaction(["fetchedOrders", "orderMarks"]);
    const orders = tx.objectStore("fetchedOrders");
    const marks = tx.objectStore("orderMarks");
    const values = await Promise.all(
      orderIds.map((id) => Promise.all([orders.get(id), marks.getAll(marksOf(id))])),
    );
    await tx.done;
    return values.map(([order, orderMarks]) => order && withOrderMarks(order, orderMarks));
  }

  async listFetchedOrders(shopId?: string): Promise<FetchedOrder[]> {
    const tx = this.db.transaction(["fetchedOrders", "orderMarks"]);
    const [orders, marks] = await Promise.all([
      shopId === undefined
        ? tx.objectStore("fetchedOrders").getAll()
        : tx.objectStore("fetchedOrders").index("byShop").getAll(shopId),
      tx.objectStore("orderMarks").getAll(),
    ]);
    await tx.done;
    const byOrder = new Map<string, OrderMark[]>();
    for (const mark of marks) {
      const ofOrder = byOrder.get(mark.orderId);
      if (ofOrder) ofOrder.push(mark);
      else byOrder.set(mark.orderId, [mark]);
    }
    return orders.map((order) => withOrderMarks(order, byOrder.get(order.orderId)));
  }

  // ---- posting

  commit(batch: DocumentBatch): Promise<BatchResult> {
    return this.commitBatch(batch);
  }

  private async commitBatch(
    batch: DocumentBatch,
    options: { sourceKeysUnchecked?: boolean; snapshot?: SetupSnapshot } = {},
  ): Promise<BatchResult> {
    const prepared = await prepareBatch(this.db, batch, options.snapshot);
    const ctx = { postedAt: this.now(), written: new Set<CommitStore>(), sourceKeysUnchecked: options.sourceKeysUnchecked };
    return this.write(
      [...COMMIT_STORES],
      (tx) => applyBatch(tx, prepared, ctx),
      () => COMMIT_STORES.filter((s) => ctx.written.has(s)),
    );
  }

  async beginRun(run: NewRun): Promise<LedgerRun> {
    if (!run?.kind) throw new LedgerInputError("BAD_RUN", "A run needs a kind (orders, payment).");
    const startedAt = this.now();
    return this.write(["runs", "counters"], async (tx) => {
      const counter = await tx.objectStore("counters").get("RUN");
      const number = (counter?.last ?? 0) + 1;
      const record: LedgerRun = {
        runId: formatDocNo("RUN", number),
        kind: run.kind,
        ...(run.shopId ? { shopId: run.shopId } : {}),
        description: run.description ?? "",
        startedAt,
        created: [],
        edited: [],
        knockOffs: [],
        sourceRows: [],
      };
      await tx.objectStore("counters").put({ name: "RUN", last: number });
      await tx.objectStore("runs").add(record);
      return record;
    });
  }

  getRun(runId: string): Promise<LedgerRun | undefined> {
    return this.db.get("runs", runId);
  }

  listRuns(): Promise<LedgerRun[]> {
    return this.db.getAll("runs");
  }

  listSourceRows(runId?: string): Promise<SourceRow[]> {
    return runId === undefined
      ? this.db.getAll("sourceRows")
      : this.db.getAllFromIndex("sourceRows", "byRun", runId);
  }

  async revertRun(runId: string): Promise<LedgerRun> {
    const revertedAt = this.now();
    return this.write([...COMMIT_STORES], (tx) => revertRunIn(tx, runId, revertedAt));
  }

  /**
   * Posts many orders of one store. The common case (fetched, not yet posted, every SKU with a known
   * item code) is read and committed up to ORDERS_PER_TRANSACTION orders per transaction: each order is
   * still whole or absent, and a crash loses at most the batch in progress. Everything else (posted,
   * cancelled after posting, missing data, unknown codes, a race with another post) goes through
   * postOrder one by one, so the results are exactly postOrder's.
   */
  async postOrders(shopId: string, orders: OrderToPost[], options: { runId?: string } = {}): Promise<PostOrderResult[]> {
    const posting: Posting = { shopId, results: new Map(), oneByOne: [], unpostable: [] };
    for (let start = 0; start < orders.length; start += ORDERS_PER_TRANSACTION) {
      const asked = orders.slice(start, start + ORDERS_PER_TRANSACTION);
      if (!(await this.postAtOnce(posting, asked, options.runId))) await this.postApart(posting, asked, options.runId);
    }
    const { results, oneByOne, unpostable } = posting;
    // Unless it was posted meanwhile: then postOrder says so. (postAtOnce has looked them up already.)
    const unchecked = unpostable.filter((u) => u.posted === undefined).map(({ request }) => request.orderId);
    const posted = unchecked.length > 0 ? await this.postedOrders(shopId, unchecked) : new Set<string>();
    for (const { request, problems, posted: found } of unpostable) {
      if (found ?? posted.has(request.orderId)) oneByOne.push(request);
      else results.set(request.orderId, failed(request.orderId, problems));
    }
    for (const request of oneByOne) {
      results.set(
        request.orderId,
        await this.postOrder(shopId, request.orderId, { ...(request.itemCodes ? { itemCodes: request.itemCodes } : {}), ...options }),
      );
    }
    return orders.map((o) => results.get(o.orderId) as PostOrderResult);
  }

  /**
   * The setup orders are composed and prepared with, read in `tx`. Its requests are all made at once
   * (the few customers too, rather than the store's one after its setup is in: a round trip less), so
   * requests made after this call are answered after them.
   */
  private async readPostingSetup(shopId: string, tx: SetupTransaction): Promise<PostingSetup> {
    const reads = Promise.all([
      tx.objectStore("storeSetups").get(shopId),
      tx.objectStore("stockItems").getAll(),
      tx.objectStore("stockGroups").getAll(),
      tx.objectStore("accounts").getAllKeys(),
      tx.objectStore("customers").getAll(),
    ]);
    const [saved, items, groups, accounts, customers] = await reads;
    const setup = withDefaults(saved?.setup);
    return postingSetup(shopId, setup, items, groups, accounts, customers.find((c) => c.code === setup.customerCode));
  }

  /** Fetched orders read in `tx` a slice at a time, so that one slice is composed while the next are read. */
  private readAsked(tx: { objectStore(name: "fetchedOrders"): unknown }, asked: OrderToPost[]): Promise<(StoredFetchedOrder | undefined)[]>[] {
    const fetchedOrders = bare<IDBObjectStore>(tx.objectStore("fetchedOrders"));
    const slices: Promise<(StoredFetchedOrder | undefined)[]>[] = [];
    for (let start = 0; start < asked.length; start += READ_SLICE)
      slices.push(settled(bare(tx), asked.slice(start, start + READ_SLICE).map((o) => fetchedOrders.get(o.orderId))));
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
  private async postAtOnce(posting: Posting, asked: OrderToPost[], runId: string | undefined): Promise<boolean> {
    const stores = posting.setup ? (["fetchedOrders"] as const) : ([...SETUP_STORES, "fetchedOrders"] as const);
    const tx = this.db.transaction([...stores, ...COMMIT_STORES], "readwrite");
    tx.done.catch(() => undefined);
    const bareTx = bare<IDBTransaction>(tx);
    const ended = new Promise<void>((resolve) => {
      bareTx.addEventListener("complete", () => resolve());
      bareTx.addEventListener("abort", () => resolve());
    });
    const stream = new DocumentStream(tx as unknown as CommitTransaction, ["invoice"], runId ? { runId } : {}, this.now);
    const composed: Composed[] = [];
    // Whether each order that cannot be posted was posted before, looked up in this transaction.
    const invoicesBySourceKey = bare<IDBIndex>(tx.objectStore("invoices").index("bySourceKey"));
    const lookedUp = new Map<string, IDBRequest>();
    let created: BatchResult["created"];
    const setupRead = posting.setup ? undefined : this.readPostingSetup(posting.shopId, tx as unknown as SetupTransaction);
    setupRead?.catch(() => undefined);
    const slices = this.readAsked(tx, asked);
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
          else lookedUp.set(request.orderId, invoicesBySourceKey.getKey(orderSourceKey(posting.shopId, request.orderId)));
        }
        // With the setup read in this transaction, preparing asks nothing of it.
        if (create.length > 0) stream.add((await prepareBatch(this.db, { create }, setup.snapshot)).documents);
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
    this.emit(COMMIT_STORES.filter((s) => stream.written.has(s)));
    for (const { ref, docNo } of created)
      posting.results.set(ref as string, { orderId: ref as string, status: "Success", invoiceNo: docNo, problems: [] });
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
  private async postApart(posting: Posting, asked: OrderToPost[], runId: string | undefined): Promise<void> {
    const tx = this.db.transaction(posting.setup ? ["fetchedOrders"] : [...SETUP_STORES, "fetchedOrders"]);
    const setupRead = posting.setup ? Promise.resolve(posting.setup) : this.readPostingSetup(posting.shopId, tx as unknown as SetupTransaction);
    setupRead.catch(() => undefined);
    const slices = this.readAsked(tx, asked);
    const setup = await setupRead;
    posting.setup = setup;
    const composed: Composed[] = [];
    for (const slice of slices) for (const fetched of await slice) composed.push(setup.compose(asked[composed.length], fetched));
    // Everything asked is in: the transaction ends by itself, and waiting for it would cost a round trip.
    const batchable = sortOut(posting, asked, composed);

    type Batchable = (typeof batchable)[number];
    const commitChunk = async (chunk: Batchable[], sourceKeysUnchecked: boolean) => {
      const result = await this.commitBatch(
        {
          ...(runId ? { runId } : {}),
          create: chunk.map(({ orderId, draft }) => ({ kind: "invoice" as const, ref: orderId, draft })),
        },
        { sourceKeysUnchecked, snapshot: setup.snapshot },
      );
      for (const created of result.created) {
        posting.results.set(created.ref as string, { orderId: created.ref as string, status: "Success", invoiceNo: created.docNo, problems: [] });
      }
    };
    const oneByOneAll = (chunk: Batchable[]) =>
      posting.oneByOne.push(...chunk.map(({ orderId }) => asked.find((o) => o.orderId === orderId) as OrderToPost));
    const settleable = (error: unknown) => error instanceof AlreadyPostedError || error instanceof LedgerInputError;
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
      const taken = await this.postedOrders(posting.shopId, chunk.map((c) => c.orderId));
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
  private async postedOrders(shopId: string, orderIds: string[]): Promise<Set<string>> {
    const tx = this.db.transaction("invoices");
    const bySourceKey = bare<IDBIndex>(tx.store.index("bySourceKey"));
    // All answers in, the transaction ends by itself.
    const docNos = await settled(bare(tx), orderIds.map((id) => bySourceKey.getKey(orderSourceKey(shopId, id))));
    return new Set(orderIds.filter((_, i) => docNos[i] !== undefined));
  }

  async postOrder(shopId: string, orderId: string, options: PostOrderOptions = {}): Promise<PostOrderResult> {
    const sourceKey = orderSourceKey(shopId, orderId);
    const fetched = await this.db.get("fetchedOrders", orderId);
    const existing = await this.db.getFromIndex("invoices", "bySourceKey", sourceKey);
    if (existing) {
      if (fetched?.status === "CANCELLED" && fetched.shopId === shopId)
        return this.reverseCancelled(existing, fetched, options);
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
    try {
      const result = await this.commit({
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
  private async reverseCancelled(
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
    const earlier = await this.db.getFromIndex(
      "creditNotes",
      "bySourceKey",
      cancellationSourceKey(shopId, orderId),
    );
    if (earlier) return posted(earlier.docNo);
    const setup = await this.getStoreSetup(shopId);
    const cancelTime = fetched.order.cancel_time;
    const cancelled = businessDate(
      typeof cancelTime === "number" && cancelTime > 0 ? cancelTime : Date.parse(this.now()) / 1000,
      setup.utcOffsetMinutes,
    );
    const draft = cancellationCreditNote(invoice, cancelled > invoice.date ? cancelled : invoice.date);
    const open = (await this.outstanding(invoice.docNo)) ?? 0;
    const knockOff = Math.min(open, draft.total);
    try {
      const result = await this.commit({
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

  // ---- documents

  listInvoices(): Promise<SalesInvoice[]> {
    return this.db.getAll("invoices");
  }

  readInvoices(visit: (page: SalesInvoice[]) => void): Promise<void> {
    return this.eachPage("invoices", visit);
  }

  countInvoices(): Promise<number> {
    return this.db.count("invoices");
  }

  /**
   * Every record of a store in key order, PAGE_SIZE at a time, in one read transaction: what a page
   * costs is garbage by the time the next one is read, unless `visit` keeps it.
   */
  private async eachPage<S extends Store>(name: S, visit: (page: LedgerSchema[S]["value"][]) => void): Promise<void> {
    const tx = this.db.transaction(name);
    let range: IDBKeyRange | undefined;
    for (;;) {
      const [keys, page] = await Promise.all([tx.store.getAllKeys(range, PAGE_SIZE), tx.store.getAll(range, PAGE_SIZE)]);
      visit(page);
      if (page.length < PAGE_SIZE) break;
      range = IDBKeyRange.lowerBound(keys[keys.length - 1], true);
    }
    await tx.done;
  }

  getInvoice(docNo: string): Promise<SalesInvoice | undefined> {
    return this.db.get("invoices", docNo);
  }

  getInvoiceByOrder(orderId: string): Promise<SalesInvoice | undefined> {
    return this.db.getFromIndex("invoices", "byOrder", orderId);
  }

  getInvoices(docNos: readonly string[]): Promise<(SalesInvoice | undefined)[]> {
    return this.readMany("invoices", docNos);
  }

  async getInvoicesByOrder(orderIds: readonly string[]): Promise<(SalesInvoice | undefined)[]> {
    if (orderIds.length === 0) return [];
    const tx = this.db.transaction("invoices");
    const values = await Promise.all(orderIds.map((id) => tx.store.index("byOrder").get(id)));
    await tx.done;
    return values;
  }

  async listCreditNotesByOrder(orderIds: readonly string[]): Promise<CreditNote[][]> {
    if (orderIds.length === 0) return [];
    const tx = this.db.transaction("creditNotes");
    const values = await Promise.all(orderIds.map((id) => tx.store.index("byOrder").getAll(id)));
    await tx.done;
    return values;
  }

  /** One transaction for many keys: a transaction each costs a browser a round trip, and fake-indexeddb far more. */
  private async readMany<S extends "invoices">(
    store: S,
    keys: readonly string[],
  ): Promise<(LedgerSchema[S]["value"] | undefined)[]> {
    if (keys.length === 0) return [];
    const tx = this.db.transaction(store);
    const values = await Promise.all(keys.map((key) => tx.store.get(key)));
    await tx.done;
    return values;
  }

  listCreditNotes(orderId?: string): Promise<CreditNote[]> {
    return orderId === undefined
      ? this.db.getAll("creditNotes")
      : this.db.getAllFromIndex("creditNotes", "byOrder", orderId);
  }

  getCreditNote(docNo: string): Promise<CreditNote | undefined> {
    return this.db.get("creditNotes", docNo);
  }

  listPayments(): Promise<CustomerPayment[]> {
    return this.db.getAll("payments");
  }

  listRefunds(): Promise<CustomerRefund[]> {
    return this.db.getAll("refunds");
  }

  async listKnockOffs(docNo?: string): Promise<KnockOff[]> {
    if (docNo === undefined) return this.db.getAll("knockOffs");
    const paying = await this.db.getAll("knockOffs", IDBKeyRange.bound([docNo, ""], [docNo, "\uffff"]));
    const paid = await this.db.getAllFromIndex("knockOffs", "byDocNo", docNo);
    return [...paying, ...paid];
  }

  listDocumentVersions(docNo: string): Promise<DocumentVersion[]> {
    return this.db.getAll(
      "documentVersions",
      IDBKeyRange.bound([docNo, 0], [docNo, Number.MAX_SAFE_INTEGER]),
    );
  }

  async deleteInvoice(docNo: string): Promise<void> {
    if (!docNo.startsWith("IV-"))
      throw new LedgerInputError("UNKNOWN_DOCUMENT", `${docNo} is not an invoice number (IV-…).`);
    await this.deleteDocument(docNo);
  }

  async deleteCreditNote(docNo: string): Promise<void> {
    if (!docNo.startsWith("CN-"))
      throw new LedgerInputError("UNKNOWN_DOCUMENT", `${docNo} is not a credit note number (CN-…).`);
    await this.deleteDocument(docNo);
  }

  private async deleteDocument(docNo: string): Promise<void> {
    const deletedAt = this.now();
    await this.write(
      [
        "invoices",
        "creditNotes",
        "payments",
        "refunds",
        "journal",
        "knockOffs",
        "documentVersions",
        "orderMarks",
      ],
      async (tx) => {
        try {
          await deleteDocument(tx as never, docNo, deletedAt);
        } catch (error) {
          if (error instanceof LedgerInputError && error.code === "UNKNOWN_DOCUMENT")
            throw new LedgerInputError(
              "UNKNOWN_DOCUMENT",
              `${docNo.startsWith("IV-") ? "Invoice" : "Credit note"} ${docNo} does not exist.`,
            );
          if (
            error instanceof LedgerInputError &&
            error.code === "DOCUMENT_KNOCKED_OFF" &&
            docNo.startsWith("IV-")
          )
            throw new LedgerInputError("INVOICE_PAID", error.message.replace(/^IV-\d+/, `Invoice ${docNo}`));
          throw error;
        }
      },
    );
  }

  getJournal(docNo: string): Promise<JournalEntry | undefined> {
    return this.db.get("journal", docNo);
  }

  // ---- queries

  private async balances(asOf?: string): Promise<Map<string, number>> {
    requireDate(asOf);
    const balances = new Map<string, number>();
    await this.eachPage("journal", (entries) => {
      for (const entry of entries) {
        if (asOf !== undefined && entry.date > asOf) continue;
        for (const line of entry.lines)
          balances.set(line.account, (balances.get(line.account) ?? 0) + line.debit - line.credit);
      }
    });
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
    const kind = kindOfDocNo(docNo);
    if (!kind) return undefined;
    const doc = await this.db.get(DOCUMENT_STORE[kind], docNo);
    if (!doc) return undefined;
    const [document] = outstandingDocuments([summaryOf(kind, doc)], await this.listKnockOffs(docNo));
    return document.open;
  }

  async listDocumentBalances(customerCode?: string): Promise<OutstandingDocument[]> {
    const summaries: DocumentSummary[] = [];
    for (const kind of Object.keys(DOCUMENT_STORE) as DocumentKind[])
      await this.eachPage(DOCUMENT_STORE[kind], (docs) => {
        for (const doc of docs) summaries.push(summaryOf(kind, doc));
      });
    const all = outstandingDocuments(summaries, await this.db.getAll("knockOffs"));
    return customerCode === undefined ? all : all.filter((d) => d.customerCode === customerCode);
  }

  async customerBalances(): Promise<CustomerOutstanding[]> {
    return customerBalances(await this.listDocumentBalances(), await this.db.getAll("customers"));
  }

  // ---- backup

  async backup(): Promise<string> {
    const exportedAt = this.now();
    const tx = this.db.transaction([...BACKUP_STORES]);
    const stores = {} as Record<BackupStore, unknown[]>;
    for (const name of BACKUP_STORES) stores[name] = await tx.objectStore(name).getAll();
    await tx.done;
    stores.linkedStores = (stores.linkedStores as LinkedStore[]).map(withoutTokens);
    return writeBackup(SCHEMA_VERSION, exportedAt, stores);
  }

  async restore(text: string): Promise<RestoreSummary> {
    const backup = await readBackup(text, SCHEMA_VERSION);
    const stores = movedOrderMarks(backup.stores);
    const records: Record<string, number> = {};
    let relinkNeeded: string[] = [];
    let removedStores: string[] = [];
    try {
      await this.write([...BACKUP_STORES], async (tx) => {
        // A backup carries no tokens: a store linked here keeps its link, any other must be linked again.
        const linkedHere = new Map((await tx.objectStore("linkedStores").getAll()).map((s) => [s.shopId, s]));
        if (stores.linkedStores)
          stores.linkedStores = (stores.linkedStores as LinkedStore[]).map((s) =>
            withTokensOf(s, linkedHere.get(s.shopId)),
          );
        const restored = (stores.linkedStores ?? []) as LinkedStore[];
        const nameOf = (s: LinkedStore) => s.description || s.shopName || s.shopId;
        relinkNeeded = restored.filter((s) => s.status === "Relink needed").map(nameOf);
        const kept = new Set(restored.map((s) => s.shopId));
        removedStores = [...linkedHere.values()].filter((s) => !kept.has(s.shopId)).map(nameOf);
        for (const name of BACKUP_STORES) {
          const store = tx.objectStore(name);
          await store.clear();
          const rows = stores[name];
          // A backup from before a store existed gets that store's defaults, as a migration would seed them.
          const fill =
            rows ?? (name === "settings" ? DEFAULT_SETTINGS : name === "locations" ? DEFAULT_LOCATIONS : []);
          for (const row of fill) await (store as unknown as { add(v: unknown): Promise<unknown> }).add(row);
          records[name] = fill.length;
        }
      });
    } catch (error) {
      if (isDomError(error, "DataError") || isDomError(error, "ConstraintError"))
        throw new LedgerInputError(
          "BACKUP_CORRUPT",
          "This backup file is damaged (a record has no key, or repeats one); the ledger was not touched. Pick another backup file.",
        );
      throw error;
    }
    return { schemaVersion: backup.schemaVersion, exportedAt: backup.exportedAt, records, relinkNeeded, removedStores };
  }
}

/** A linked store as a backup holds it: a backup file is shared with bookkeepers, so no tokens. */
function withoutTokens(store: LinkedStore): LinkedStore {
  return {
    ...store,
    accessToken: "",
    accessTokenExpiresAt: 0,
    refreshToken: "",
    refreshTokenExpiresAt: 0,
    status: "Relink needed",
  };
}

function withTokensOf(store: LinkedStore, here: LinkedStore | undefined): LinkedStore {
  if (!here) return withoutTokens(store);
  const { accessToken, accessTokenExpiresAt, refreshToken, refreshTokenExpiresAt, status } = here;
  return { ...store, accessToken, accessTokenExpiresAt, refreshToken, refreshTokenExpiresAt, status };
}

/** A backup from before schema 3 keeps each order's marks on the order: they move to orderMarks, as the migration moves them. */
function movedOrderMarks(stores: LedgerBackup["stores"]): LedgerBackup["stores"] {
  const split = ((stores.fetchedOrders ?? []) as FetchedOrder[]).map(splitOrderMarks);
  if (!split.some((s) => s.marks.length > 0)) return stores;
  const marks = [...((stores.orderMarks ?? []) as OrderMark[])];
  const kept = new Set(marks.map((m) => `${m.orderId}\u0000${m.kind}`));
  for (const mark of split.flatMap((s) => s.marks))
    if (!kept.has(`${mark.orderId}\u0000${mark.kind}`)) marks.push(mark);
  return { ...stores, fetchedOrders: split.map((s) => s.order), orderMarks: marks };
}

const DOCUMENT_STORES = ["invoices", "creditNotes", "payments", "refunds"] as const;

function summaryOf(
  kind: DocumentKind,
  doc: SalesInvoice | CreditNote | CustomerPayment | CustomerRefund,
): DocumentSummary {
  const amount = "amount" in doc ? doc.amount : doc.total;
  const orderId = "orderId" in doc ? doc.orderId : undefined;
  return {
    kind,
    docNo: doc.docNo,
    date: doc.date,
    customerCode: doc.customerCode,
    ...(orderId ? { orderId } : {}),
    description: doc.description,
    amount,
  };
}

/** A store's setup as saved, filled in with the defaults of what it leaves out. */
function withDefaults(saved: StoreSetup | undefined): StoreSetup {
  const defaults = defaultStoreSetup();
  if (!saved) return defaults;
  return {
    ...defaults,
    ...saved,
    postActions: { ...defaults.postActions, ...saved.postActions },
    feeItems: { ...defaults.feeItems!, ...saved.feeItems },
  };
}

const SETUP_STORES = ["storeSetups", "stockItems", "stockGroups", "accounts", "customers"] as const;
type SetupTransaction = IDBPTransaction<LedgerSchema, (typeof SETUP_STORES)[number][], IDBTransactionMode>;

type Composed = { way: "oneByOne" } | { way: "unpostable"; problems: Problem[] } | { way: "batch"; draft: InvoiceDraft };

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
    picked[skuId]?.trim() || bySku.get(skuId) || bySellerSku.get(sellerSku) || (codes.has(sellerSku) ? sellerSku : undefined);
  const compose = (request: OrderToPost, fetched: StoredFetchedOrder | undefined): Composed => {
    if (!fetched || fetched.shopId !== shopId) return { way: "oneByOne" };
    const picked = request.itemCodes ?? {};
    const { value: draft, problems } = composeOrderInvoice(fetched.order, {
      shopId,
      customerCode: setup.customerCode,
      location: setup.location,
      discountItem: setup.discountItem,
      voucherItem: setup.voucherItem,
      offsetMinutes: setup.utcOffsetMinutes,
      itemCodeFor: (skuId, sellerSku) => resolve(skuId, sellerSku, picked),
    });
    // An order that cannot be invoiced as fetched (every item cancelled, data missing) fails the same way
    // in postOrder; item codes are left to postOrder, which resolves them its own way.
    if (!draft && !problems.some((p) => p.code === MISSING_ITEM_CODE)) return { way: "unpostable", problems };
    if (!draft || draft.lines.some((line) => !codes.has(line.itemCode))) return { way: "oneByOne" };
    const lines = draft.lines.map((line) => ({ ...line, account: salesAccounts.get(line.itemCode) as string }));
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
function sortOut(posting: Posting, asked: OrderToPost[], composed: Composed[]): { orderId: string; draft: InvoiceDraft }[] {
  const batchable: { orderId: string; draft: InvoiceDraft }[] = [];
  for (const [i, request] of asked.entries()) {
    const order = composed[i];
    if (order.way === "oneByOne" || !posting.setup?.customer) posting.oneByOne.push(request);
    else if (order.way === "unpostable") posting.unpostable.push({ request, problems: order.problems });
    else batchable.push({ orderId: request.orderId, draft: order.draft });
  }
  return batchable;
}

/** The marks of one order: its invoice's and its credit note's. */
function marksOf(orderId: string): IDBKeyRange {
  return IDBKeyRange.bound([orderId, ""], [orderId, "\uffff"]);
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
