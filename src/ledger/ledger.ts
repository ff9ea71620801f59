/**
 * The books on IndexedDB. Every document write (posting an order, a credit note, a payment run's date,
 * a revert, a delete) is one readwrite transaction through commit.ts: all of it or none of it. Posting
 * orders lives in order-posting.ts, backing up and restoring in backup.ts.
 */
import type { IDBPTransaction, StoreNames } from "idb";
import { isBusinessDate } from "../core/dates/business-date";
import { sen, type Sen } from "../core/money/money";
import type {
  CreditNote,
  CustomerPayment,
  CustomerRefund,
  DocumentKind,
  JournalEntry,
  SalesInvoice,
} from "../core/posting/types";
import type { Order, Product } from "../core/tiktok/types";
import { keptOrder } from "../core/tiktok/kept-order";
import { BACKUP_STORES, ledgerBackup, restoreBackup, type RestoreSummary } from "./backup";
import {
  applyBatch,
  COMMIT_STORES,
  deleteDocument,
  DOCUMENT_STORE,
  formatDocNo,
  prepareBatch,
  revertRunIn,
  type CommitStore,
  type SetupSnapshot,
} from "./commit";
import { withDefaults } from "./defaults";
import { LedgerInputError, UnknownItemCodeError } from "./errors";
import { openLedgerDatabase } from "./open";
import { postOrder, postOrders, resolveIn, type PostingLedger } from "./order-posting";
import { customerBalances, kindOfDocNo, outstandingDocuments, type DocumentSummary } from "./queries";
import {
  altKey,
  withOrderMarks,
  type LedgerDb,
  type LedgerSchema,
  type SourceRow,
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
  /** Many orders of one store, with the same results as postOrder one by one (see order-posting.ts). */
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
  countCreditNotes(): Promise<number>;
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

/** Records read at a time by a whole-store pass that keeps only a running total or a summary of each. */
const PAGE_SIZE = 500;

/** The stores keyed by document number, which eachPage walks. */
type DocNoStore = "invoices" | "creditNotes" | "payments" | "refunds" | "journal";

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

function requireDate(asOf: string | undefined): void {
  if (asOf !== undefined && !isBusinessDate(asOf)) {
    throw new LedgerInputError("BAD_DATE", `"${asOf}" is not a date: write it as YYYY-MM-DD.`);
  }
}

class IndexedDbLedger implements Ledger {
  private readonly listeners = new Set<(change: LedgerChange) => void>();
  private readonly posting: PostingLedger;

  constructor(
    private readonly db: LedgerDb,
    private readonly now: () => string,
  ) {
    this.posting = {
      db,
      now,
      commit: (batch, options) => this.commitBatch(batch, options),
      emit: (stores) => this.emit(stores),
      getStoreSetup: (shopId) => this.getStoreSetup(shopId),
      outstanding: (docNo) => this.outstanding(docNo),
    };
  }

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
    const ctx = {
      postedAt: this.now(),
      written: new Set<CommitStore>(),
      sourceKeysUnchecked: options.sourceKeysUnchecked,
    };
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

  postOrders(
    shopId: string,
    orders: OrderToPost[],
    options: { runId?: string } = {},
  ): Promise<PostOrderResult[]> {
    return postOrders(this.posting, shopId, orders, options);
  }

  postOrder(shopId: string, orderId: string, options: PostOrderOptions = {}): Promise<PostOrderResult> {
    return postOrder(this.posting, shopId, orderId, options);
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
   * Every record of a store keyed by docNo, in key order, PAGE_SIZE at a time, in one read transaction:
   * what a page costs is garbage by the time the next one is read, unless `visit` keeps it.
   */
  private async eachPage<S extends DocNoStore>(
    name: S,
    visit: (page: LedgerSchema[S]["value"][]) => void,
  ): Promise<void> {
    const tx = this.db.transaction(name);
    let range: IDBKeyRange | undefined;
    for (;;) {
      const page = await tx.store.getAll(range, PAGE_SIZE);
      // The store is keyed by docNo: the next page starts after the last record's.
      const last = page.length === PAGE_SIZE ? page[PAGE_SIZE - 1].docNo : undefined;
      visit(page);
      if (last === undefined) break;
      range = IDBKeyRange.lowerBound(last, true);
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

  countCreditNotes(): Promise<number> {
    return this.db.count("creditNotes");
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

  backup(): Promise<string> {
    return ledgerBackup(this.db, this.now());
  }

  restore(text: string): Promise<RestoreSummary> {
    return restoreBackup(text, (work) => this.write([...BACKUP_STORES], work));
  }
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

/** The marks of one order: its invoice's and its credit note's. */
function marksOf(orderId: string): IDBKeyRange {
  return IDBKeyRange.bound([orderId, ""], [orderId, "\uffff"]);
}

/** Drops undefined members and anything IndexedDB cannot clone (functions), keeping plain data. */
function structuredCloneable<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}
