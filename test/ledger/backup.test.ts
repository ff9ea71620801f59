import { IDBFactory } from "fake-indexeddb";
import { canonicalJson, openLedger, type Ledger } from "../../src/ledger";
import { sha256Hex } from "../../src/ledger/backup";
import {
  addProducts,
  freshLedger,
  NOW,
  orderLike,
  SHOP,
  WORKED_ORDER_ID,
  workedExampleOrder,
} from "./helpers";

let ledger: Ledger;

beforeEach(async () => {
  ({ ledger } = await freshLedger());
  await addProducts(ledger);
  await ledger.saveFetchedOrders(SHOP, [workedExampleOrder(), orderLike("579912345678905555", 3)]);
  await ledger.postOrder(SHOP, WORKED_ORDER_ID);
  await ledger.postOrder(SHOP, "579912345678905555");
  await ledger.saveFetchedOrders(SHOP, [
    { ...workedExampleOrder(), status: "CANCELLED", cancel_time: 1772503200 },
  ]);
  await ledger.postOrder(SHOP, WORKED_ORDER_ID);
});
afterEach(() => ledger.close());

/** A backup file with its checksum recomputed, as a careful forger (or an older ShopBooks) would write it. */
async function signed(schemaVersion: number, stores: Record<string, unknown[]>): Promise<string> {
  const checksum = await sha256Hex(canonicalJson({ schemaVersion, stores }));
  return JSON.stringify({
    format: "shopbooks-ledger-backup",
    schemaVersion,
    exportedAt: NOW,
    checksum,
    stores,
  });
}

describe("backup", () => {
  test("holds every store, the schema version and a checksum, one record per line", async () => {
    const text = await ledger.backup();
    const file = JSON.parse(text);
    expect([file.format, file.schemaVersion, file.exportedAt]).toEqual(["shopbooks-ledger-backup", 3, NOW]);
    expect(file.checksum).toMatch(/^[0-9a-f]{64}$/);
    expect(Object.keys(file.stores)).toEqual([
      "settings",
      "accounts",
      "customers",
      "stockGroups",
      "stockItems",
      "locations",
      "storeSetups",
      "linkedStores",
      "fetchedProducts",
      "fetchedOrders",
      "orderMarks",
      "invoices",
      "creditNotes",
      "payments",
      "refunds",
      "journal",
      "knockOffs",
      "documentVersions",
      "runs",
      "sourceRows",
      "counters",
    ]);
    expect(file.stores.invoices.map((i: { docNo: string }) => i.docNo)).toEqual(["IV-00001", "IV-00002"]);
    expect(file.stores.counters).toEqual([
      { last: 1, name: "CN" },
      { last: 2, name: "IV" },
    ]);
    expect(
      text.split("\n").find((line) => line.includes('"docNo":"CN-00001"') && line.includes('"invoiceNo"')),
    ).toBeDefined();
  });

  test("backup → restore → backup gives an identical file, in the same ledger and in a new one", async () => {
    const first = await ledger.backup();
    await ledger.restore(first);
    expect(await ledger.backup()).toBe(first);

    const other = await openLedger({ factory: new IDBFactory(), now: () => NOW });
    const summary = await other.restore(first);
    expect([
      summary.schemaVersion,
      summary.records.invoices,
      summary.records.creditNotes,
      summary.records.journal,
    ]).toEqual([3, 2, 1, 3]);
    expect(await other.backup()).toBe(first);
    expect((await other.postOrder(SHOP, "579912345678905555")).status).toBe("Posted");
    other.close();
  });

  test("a backup carries no tokens: restored here the store stays linked, restored elsewhere it must be linked again", async () => {
    const linked = {
      shopId: SHOP,
      description: "Tik Tok",
      platform: "TikTok Shop" as const,
      region: "MY",
      shopName: "Kedai",
      shopCipher: "ROW_cipher",
      sellerName: "Seller",
      accessToken: "TTP_access_secret_value",
      accessTokenExpiresAt: 1_900_000_000,
      refreshToken: "TTP_refresh_secret_value",
      refreshTokenExpiresAt: 1_950_000_000,
      linkedAt: NOW,
      status: "Linked" as const,
    };
    await ledger.saveLinkedStore(linked);
    const text = await ledger.backup();
    expect(text).not.toContain("TTP_access_secret_value");
    expect(text).not.toContain("TTP_refresh_secret_value");
    expect(JSON.parse(text).stores.linkedStores).toEqual([
      { ...linked, accessToken: "", accessTokenExpiresAt: 0, refreshToken: "", refreshTokenExpiresAt: 0, status: "Relink needed" },
    ]);

    await ledger.saveLinkedStore({ ...linked, description: "Renamed after the backup" });
    expect((await ledger.restore(text)).relinkNeeded).toEqual([]);
    expect(await ledger.listLinkedStores()).toEqual([linked]);

    const other = await openLedger({ factory: new IDBFactory(), now: () => NOW });
    await other.saveLinkedStore({ ...linked, shopId: "7494049642642440000", description: "Only here" });
    const summary = await other.restore(text);
    expect([summary.relinkNeeded, summary.removedStores]).toEqual([["Tik Tok"], ["Only here"]]);
    expect((await other.listLinkedStores()).map((s) => [s.shopId, s.status, s.accessToken, s.refreshToken])).toEqual([
      [SHOP, "Relink needed", "", ""],
    ]);
    other.close();
  });

  test("restore replaces the books whole: what was posted after the backup is gone and numbering resumes from the file", async () => {
    const text = await ledger.backup();
    await ledger.saveFetchedOrders(SHOP, [orderLike("579912345678906666", 5)]);
    await ledger.postOrder(SHOP, "579912345678906666");
    const changes: string[][] = [];
    ledger.onChange((c) => changes.push(c.stores));
    await ledger.restore(text);
    expect((await ledger.listInvoices()).map((i) => i.docNo)).toEqual(["IV-00001", "IV-00002"]);
    expect(changes).toHaveLength(1);
    expect(await ledger.getFetchedOrder("579912345678906666")).toBeUndefined();
    await ledger.saveFetchedOrders(SHOP, [orderLike("579912345678906666", 5)]);
    expect(await ledger.postOrder(SHOP, "579912345678906666")).toMatchObject({
      status: "Success",
      invoiceNo: "IV-00003",
    });
  });
});

describe("restore refuses a file it cannot trust and leaves the ledger as it was", () => {
  let before: string;
  beforeEach(async () => {
    before = await ledger.backup();
  });
  afterEach(async () => {
    expect(await ledger.backup()).toBe(before);
  });

  test("an amount changed by hand", async () => {
    const tampered = before.replace('"total":6211', '"total":6212');
    expect(tampered).not.toBe(before);
    await expect(ledger.restore(tampered)).rejects.toMatchObject({
      code: "BACKUP_CORRUPT",
      message:
        "This backup file is damaged or was changed (its checksum does not match its contents); the ledger was not touched. Pick another backup file.",
    });
  });

  test("a file cut short", async () => {
    await expect(ledger.restore(before.slice(0, before.length / 2))).rejects.toMatchObject({
      code: "NOT_A_BACKUP",
      message:
        "This file is not a ShopBooks backup (it is not JSON, or it was cut short); the ledger was not touched.",
    });
  });

  test("another JSON file", async () => {
    await expect(ledger.restore('{"orders":[]}')).rejects.toThrow(
      "This file is not a ShopBooks backup: pick a file made with Back up on the Books tab.",
    );
  });

  test("a backup made by a newer ShopBooks", async () => {
    const newer = before.replace('"schemaVersion":3', '"schemaVersion":4');
    await expect(ledger.restore(newer)).rejects.toMatchObject({
      code: "BACKUP_TOO_NEW",
      message:
        "This backup was made by a newer ShopBooks (schema 4; this one knows 3): update ShopBooks to restore it. The ledger was not touched.",
    });
  });

  test("a consistent-looking file whose record has no key", async () => {
    const stores = JSON.parse(before).stores;
    stores.invoices[1] = { ...stores.invoices[1], docNo: undefined };
    await expect(ledger.restore(await signed(3, stores))).rejects.toMatchObject({ code: "BACKUP_CORRUPT" });
  });

  test("a consistent-looking file with two invoices for one order", async () => {
    const stores = JSON.parse(before).stores;
    stores.invoices[1] = { ...stores.invoices[1], sourceKey: stores.invoices[0].sourceKey };
    await expect(ledger.restore(await signed(3, stores))).rejects.toThrow(
      "a record has no key, or repeats one",
    );
  });

  test("a consistent-looking file whose journal does not balance", async () => {
    const stores = JSON.parse(before).stores;
    stores.journal[0].lines[0].debit += 1;
    await expect(ledger.restore(await signed(3, stores))).rejects.toThrow(
      "This backup file is damaged or was changed (journal CN-00001 does not balance)",
    );
  });

  test("a file with an unknown part", async () => {
    const stores = { ...JSON.parse(before).stores, secrets: [] };
    await expect(ledger.restore(await signed(3, stores))).rejects.toThrow('it has an unknown part "secrets"');
  });
});

describe("a backup of an older schema", () => {
  test("restores its stores and gives the newer ones their defaults", async () => {
    const stores = JSON.parse(await ledger.backup()).stores;
    const v1: Record<string, unknown[]> = {};
    for (const name of [
      "accounts",
      "customers",
      "stockGroups",
      "stockItems",
      "storeSetups",
      "linkedStores",
      "fetchedOrders",
      "journal",
      "counters",
      "knockOffs",
    ])
      v1[name] = stores[name];
    v1.invoices = stores.invoices;
    v1.journal = stores.journal.filter((j: { docNo: string }) => j.docNo.startsWith("IV-"));
    await ledger.restore(await signed(1, v1));
    expect(await ledger.listLocations()).toEqual([{ code: "ECOMMERCE", description: "E-commerce stock" }]);
    expect(await ledger.getSetting("currency")).toBe("MYR");
    expect(await ledger.listCreditNotes()).toEqual([]);
    expect((await ledger.listInvoices()).map((i) => i.docNo)).toEqual(["IV-00001", "IV-00002"]);
  });
});

describe("a backup of schema 2, whose fetched orders carry their marks", () => {
  test("restores with the marks moved to orderMarks: the orders show their invoice and credit note, and the next backup is the ledger's own", async () => {
    const own = await ledger.backup();
    const { orderMarks, ...stores } = JSON.parse(own).stores;
    expect(orderMarks).toEqual([
      { docNo: "CN-00001", kind: "creditNote", orderId: WORKED_ORDER_ID },
      { docNo: "IV-00001", kind: "invoice", orderId: WORKED_ORDER_ID },
      { docNo: "IV-00002", kind: "invoice", orderId: "579912345678905555" },
    ]);
    const marksOn: Record<string, object> = {
      [WORKED_ORDER_ID]: { postStatus: "Posted", invoiceNo: "IV-00001", creditNoteNo: "CN-00001" },
      "579912345678905555": { postStatus: "Posted", invoiceNo: "IV-00002" },
    };
    stores.fetchedOrders = stores.fetchedOrders.map((f: { orderId: string }) => ({ ...f, ...marksOn[f.orderId] }));

    const other = await openLedger({ factory: new IDBFactory(), now: () => NOW });
    const summary = await other.restore(await signed(2, stores));
    expect([summary.schemaVersion, summary.records.fetchedOrders, summary.records.orderMarks]).toEqual([2, 2, 3]);
    const [worked, second] = await other.getFetchedOrders([WORKED_ORDER_ID, "579912345678905555"]);
    expect([worked?.postStatus, worked?.invoiceNo, worked?.creditNoteNo]).toEqual(["Posted", "IV-00001", "CN-00001"]);
    expect([second?.postStatus, second?.invoiceNo, second?.creditNoteNo]).toEqual(["Posted", "IV-00002", undefined]);
    expect(await other.backup()).toBe(own);
    expect(await other.postOrder(SHOP, "579912345678905555")).toMatchObject({ status: "Posted", invoiceNo: "IV-00002" });
    other.close();
  });
});
