import "fake-indexeddb/auto";
import { IDBFactory } from "fake-indexeddb";
import { wrap, type IDBPDatabase, type StoreNames } from "idb";
import { NewerLedgerError, openLedger, runMigrations, SCHEMA_VERSION } from "../../src/ledger";
import type { LedgerDb, LedgerSchema, UpgradeTransaction } from "../../src/ledger/schema";
import { addProducts, NOW, orderLike, SHOP, WORKED_ORDER_ID, workedExampleOrder } from "./helpers";

/** Opens `name` at `version` with a hand-written upgrade, as an older or newer ShopBooks would. */
function openRaw(
  factory: IDBFactory,
  name: string,
  version: number,
  upgrade: (db: LedgerDb, tx: UpgradeTransaction, oldVersion: number) => Promise<void>,
): Promise<IDBPDatabase<LedgerSchema>> {
  const request = factory.open(name, version);
  request.addEventListener("upgradeneeded", (event) => {
    void upgrade(
      wrap(request.result) as unknown as LedgerDb,
      wrap(request.transaction!) as unknown as UpgradeTransaction,
      event.oldVersion,
    );
  });
  return wrap(request) as unknown as Promise<IDBPDatabase<LedgerSchema>>;
}

async function dump(db: IDBPDatabase<LedgerSchema>): Promise<Record<string, unknown>> {
  const result: Record<string, unknown> = {};
  for (const name of [...db.objectStoreNames].sort()) {
    const store = db.transaction(name).store;
    result[name] = {
      records: await store.getAll(),
      indexes: [...store.indexNames].sort(),
      keyPath: store.keyPath,
    };
  }
  return result;
}

describe("schema migrations", () => {
  test("a new ledger records its schema version", async () => {
    const factory = new IDBFactory();
    (await openLedger({ factory })).close();
    const db = await openRaw(factory, "shopbooks", SCHEMA_VERSION, async () => undefined);
    expect(SCHEMA_VERSION).toBe(3);
    expect(db.version).toBe(3);
    expect(await db.get("meta", "schema")).toEqual({ key: "schema", version: 3 });
    db.close();
  });

  test("running the migrations twice gives exactly what running them once gives", async () => {
    const factory = new IDBFactory();
    const once = await openRaw(factory, "once", SCHEMA_VERSION, (db, tx) => runMigrations(db, tx, 0));
    const twice = await openRaw(factory, "twice", SCHEMA_VERSION, async (db, tx) => {
      await runMigrations(db, tx, 0);
      await runMigrations(db, tx, 0);
    });
    const expected = await dump(once);
    expect(await dump(twice)).toEqual(expected);
    expect(Object.keys(expected)).toEqual([
      "accounts",
      "counters",
      "creditNotes",
      "customers",
      "documentVersions",
      "fetchedOrders",
      "fetchedProducts",
      "invoices",
      "journal",
      "knockOffs",
      "linkedStores",
      "locations",
      "meta",
      "orderMarks",
      "payments",
      "refunds",
      "runs",
      "settings",
      "sourceRows",
      "stockGroups",
      "stockItems",
      "storeSetups",
    ]);
    expect(expected.creditNotes).toEqual({
      records: [],
      indexes: ["byInvoice", "byOrder", "bySourceKey"],
      keyPath: "docNo",
    });
    expect(expected.documentVersions).toEqual({ records: [], indexes: [], keyPath: ["docNo", "version"] });
    expect(expected.orderMarks).toEqual({ records: [], indexes: [], keyPath: ["orderId", "kind"] });
    expect(expected.locations).toEqual({
      records: [{ code: "ECOMMERCE", description: "E-commerce stock" }],
      indexes: [],
      keyPath: "code",
    });
    once.close();
    twice.close();
  });

  test("running them again over a used ledger keeps every edit and every document", async () => {
    const factory = new IDBFactory();
    const ledger = await openLedger({ factory, now: () => NOW });
    await addProducts(ledger);
    await ledger.putStockItem({
      code: "TT-DISCOUNT",
      description: "Diskaun TikTok",
      group: "TT-DISCOUNT",
      salesAccount: "520-TT2",
      isFee: true,
      altCodes: [],
    });
    await ledger.saveFetchedOrders(SHOP, [workedExampleOrder()]);
    await ledger.postOrder(SHOP, WORKED_ORDER_ID);
    ledger.close();

    const before = await openRaw(factory, "shopbooks", SCHEMA_VERSION, async () => undefined);
    const expected = await dump(before);
    before.close();
    const after = await openRaw(factory, "shopbooks", SCHEMA_VERSION + 1, (db, tx) =>
      runMigrations(db, tx, 0, SCHEMA_VERSION),
    );
    expect(await dump(after)).toEqual(expected);
    expect((await after.get("stockItems", "TT-DISCOUNT"))?.description).toBe("Diskaun TikTok");
    after.close();
  });

  test("reopening a ledger keeps its books and seeds nothing twice", async () => {
    const factory = new IDBFactory();
    const first = await openLedger({ factory, now: () => NOW });
    await addProducts(first);
    await first.saveFetchedOrders(SHOP, [workedExampleOrder()]);
    await first.postOrder(SHOP, WORKED_ORDER_ID);
    const accounts = (await first.listAccounts()).length;
    first.close();

    const second = await openLedger({ factory, now: () => NOW });
    expect((await second.listAccounts()).length).toBe(accounts);
    expect((await second.listInvoices()).map((i) => i.docNo)).toEqual(["IV-00001"]);
    expect((await second.postOrder(SHOP, WORKED_ORDER_ID)).status).toBe("Posted");
    second.close();
  });
});

describe("upgrading a ledger of schema 1", () => {
  test("adds the new stores and their defaults and keeps every document and edit", async () => {
    const factory = new IDBFactory();
    const old = await openRaw(factory, "shopbooks", 1, (db, tx) => runMigrations(db, tx, 0, 1));
    await old.put("invoices", {
      sourceKey: `tiktok:${SHOP}:order:1`,
      shopId: SHOP,
      orderId: "1",
      date: "2026-03-01",
      customerCode: "300-T0001",
      location: "ECOMMERCE",
      reference: "1",
      description: "TikTok order 1",
      currency: "MYR",
      lines: [],
      total: 0 as never,
      docNo: "IV-00001",
      version: 1,
      postedAt: NOW,
    });
    await old.put("customers", { code: "300-T0001", name: "TIKTOK MY", arAccount: "300-000" });
    expect(await old.get("meta", "schema")).toEqual({ key: "schema", version: 1 });
    old.close();

    const ledger = await openLedger({ factory, now: () => NOW });
    expect((await ledger.listInvoices()).map((i) => i.docNo)).toEqual(["IV-00001"]);
    expect((await ledger.listCustomers()).map((c) => c.name)).toEqual(["TIKTOK MY"]);
    expect(await ledger.listLocations()).toEqual([{ code: "ECOMMERCE", description: "E-commerce stock" }]);
    expect(await ledger.getSetting("currency")).toBe("MYR");
    expect(await ledger.listCreditNotes()).toEqual([]);
    ledger.close();
    const raw = await openRaw(factory, "shopbooks", SCHEMA_VERSION, async () => undefined);
    expect(await raw.get("meta", "schema")).toEqual({ key: "schema", version: 3 });
    raw.close();
  });
});

describe("a ledger written by a newer ShopBooks", () => {
  test("is refused when IndexedDB holds a higher version", async () => {
    const factory = new IDBFactory();
    const newer = await openRaw(factory, "shopbooks", SCHEMA_VERSION + 1, async (db, tx) => {
      await runMigrations(db, tx, 0);
      await tx.objectStore("meta").put({ key: "schema", version: SCHEMA_VERSION + 1 });
    });
    newer.close();
    const attempt = openLedger({ factory });
    await expect(attempt).rejects.toBeInstanceOf(NewerLedgerError);
    await expect(attempt).rejects.toThrow(
      `This ledger was written by a newer ShopBooks (schema ${SCHEMA_VERSION + 1}); update ShopBooks to open it.`,
    );
  });

  test("is refused when only its recorded schema is newer", async () => {
    const factory = new IDBFactory();
    const newer = await openRaw(factory, "shopbooks", SCHEMA_VERSION, async (db, tx) => {
      await runMigrations(db, tx, 0);
      await tx.objectStore("meta").put({ key: "schema", version: 7 });
    });
    newer.close();
    await expect(openLedger({ factory })).rejects.toMatchObject({
      code: "NEWER_LEDGER",
      schemaVersion: 7,
      message: "This ledger was written by a newer ShopBooks (schema 7); update ShopBooks to open it.",
    });
  });

  test("without a schema record is named by its IndexedDB version", async () => {
    const factory = new IDBFactory();
    (await openRaw(factory, "shopbooks", 5, async () => undefined)).close();
    await expect(openLedger({ factory })).rejects.toThrow("(schema 5)");
  });
});

describe("upgrading a ledger of schema 2 with posted orders", () => {
  const OTHER_ORDER = "579912345678905555";

  /** Two orders posted, the first cancelled since and reversed by a credit note. */
  async function postBooks(factory: IDBFactory, name: string): Promise<void> {
    const ledger = await openLedger({ factory, name, now: () => NOW });
    await addProducts(ledger);
    await ledger.saveFetchedOrders(SHOP, [workedExampleOrder(), orderLike(OTHER_ORDER, 3)]);
    await ledger.postOrder(SHOP, WORKED_ORDER_ID);
    await ledger.postOrder(SHOP, OTHER_ORDER);
    await ledger.saveFetchedOrders(SHOP, [{ ...workedExampleOrder(), status: "CANCELLED", cancel_time: 1772503200 }]);
    await ledger.postOrder(SHOP, WORKED_ORDER_ID);
    ledger.close();
  }

  /** The same books as schema 2 kept them: each order's marks on the fetched order itself. */
  async function asSchema2(factory: IDBFactory, books: Record<string, { records: unknown[] }>): Promise<void> {
    const marks = books.orderMarks.records as { orderId: string; kind: string; docNo: string }[];
    const old = await openRaw(factory, "shopbooks", 2, (db, tx) => runMigrations(db, tx, 0, 2));
    const names = Object.keys(books).filter((n) => n !== "meta" && n !== "orderMarks") as StoreNames<LedgerSchema>[];
    const tx = old.transaction(names, "readwrite");
    for (const name of names) {
      const store = tx.objectStore(name);
      await store.clear();
      for (const record of books[name].records) {
        if (name !== "fetchedOrders") {
          await store.put(record as never);
          continue;
        }
        const orderId = (record as { orderId: string }).orderId;
        const invoice = marks.find((m) => m.orderId === orderId && m.kind === "invoice");
        const creditNote = marks.find((m) => m.orderId === orderId && m.kind === "creditNote");
        await store.put({
          ...(record as object),
          ...(invoice ? { postStatus: "Posted", invoiceNo: invoice.docNo } : {}),
          ...(creditNote ? { creditNoteNo: creditNote.docNo } : {}),
        } as never);
      }
    }
    await tx.done;
    expect(await old.get("meta", "schema")).toEqual({ key: "schema", version: 2 });
    old.close();
  }

  async function booksOf(factory: IDBFactory, name: string) {
    const db = await openRaw(factory, name, SCHEMA_VERSION, async () => undefined);
    const books = (await dump(db)) as Record<string, { records: unknown[] }>;
    db.close();
    return books;
  }

  test("moves each order's marks into orderMarks: the orders still show their invoice and credit note, and the books are those schema 3 keeps", async () => {
    const factory = new IDBFactory();
    await postBooks(factory, "kept-by-schema-3");
    const expected = await booksOf(factory, "kept-by-schema-3");
    expect(expected.orderMarks.records).toEqual([
      { orderId: WORKED_ORDER_ID, kind: "creditNote", docNo: "CN-00001" },
      { orderId: WORKED_ORDER_ID, kind: "invoice", docNo: "IV-00001" },
      { orderId: OTHER_ORDER, kind: "invoice", docNo: "IV-00002" },
    ]);
    await asSchema2(factory, expected);

    const ledger = await openLedger({ factory, now: () => NOW });
    const [worked, other] = await ledger.getFetchedOrders([WORKED_ORDER_ID, OTHER_ORDER]);
    expect([worked?.status, worked?.postStatus, worked?.invoiceNo, worked?.creditNoteNo]).toEqual([
      "CANCELLED",
      "Posted",
      "IV-00001",
      "CN-00001",
    ]);
    expect([other?.postStatus, other?.invoiceNo, other?.creditNoteNo]).toEqual(["Posted", "IV-00002", undefined]);
    expect(await ledger.postOrder(SHOP, OTHER_ORDER)).toEqual({
      orderId: OTHER_ORDER,
      status: "Posted",
      invoiceNo: "IV-00002",
      problems: [],
    });
    expect(await ledger.postOrder(SHOP, WORKED_ORDER_ID)).toMatchObject({ status: "Posted", creditNoteNo: "CN-00001" });
    ledger.close();
    expect(await booksOf(factory, "shopbooks")).toEqual(expected);
  });

  test("moving them twice in one upgrade gives what moving them once gives", async () => {
    const factory = new IDBFactory();
    await postBooks(factory, "kept-by-schema-3");
    const expected = await booksOf(factory, "kept-by-schema-3");
    await asSchema2(factory, expected);
    const twice = await openRaw(factory, "shopbooks", SCHEMA_VERSION, async (db, tx) => {
      await runMigrations(db, tx, 2);
      await runMigrations(db, tx, 2);
    });
    twice.close();
    expect(await booksOf(factory, "shopbooks")).toEqual(expected);
  });
});
