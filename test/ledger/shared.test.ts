import "fake-indexeddb/auto";
import { IDBFactory } from "fake-indexeddb";
import {
  getSharedLedger,
  NewerLedgerError,
  resetSharedLedgerForTests,
  setLedgerNamePrefix,
} from "../../src/ledger";

let factory: IDBFactory;

beforeEach(() => {
  factory = new IDBFactory();
  globalThis.indexedDB = factory;
});
afterEach(() => resetSharedLedgerForTests());

async function databaseNames(): Promise<string[]> {
  return (await factory.databases()).map((d) => d.name ?? "").sort();
}

describe("the shared ledger", () => {
  test("is opened once: every caller gets the same ledger", async () => {
    const first = getSharedLedger();
    const second = getSharedLedger();
    expect(second).toBe(first);
    expect(await second).toBe(await first);
    expect(await databaseNames()).toEqual(["shopbooks"]);
  });

  test("is named with the partition prefix when one is set before first use", async () => {
    setLedgerNamePrefix("https://contoso.example|");
    await getSharedLedger();
    expect(await databaseNames()).toEqual(["https://contoso.example|shopbooks"]);
  });

  test("refuses a different prefix once open, but accepts the same one", async () => {
    setLedgerNamePrefix("p1-");
    await getSharedLedger();
    expect(() => setLedgerNamePrefix("p1-")).not.toThrow();
    expect(() => setLedgerNamePrefix("p2-")).toThrow(
      'The ledger is already open as "p1-shopbooks": set the name prefix before the ledger is first used.',
    );
  });

  test("a failed open is not remembered: after the newer ledger is gone, the next call opens", async () => {
    const request = factory.open("shopbooks", 99);
    await new Promise((resolve) => (request.onsuccess = resolve));
    request.result.close();
    await expect(getSharedLedger()).rejects.toBeInstanceOf(NewerLedgerError);
    await new Promise((resolve) => (factory.deleteDatabase("shopbooks").onsuccess = resolve));
    const ledger = await getSharedLedger();
    expect((await ledger.listCustomers()).map((c) => c.code)).toEqual(["300-T0001"]);
  });

  test("after a reset, the next call opens a new connection", async () => {
    const before = await getSharedLedger();
    await resetSharedLedgerForTests();
    const after = await getSharedLedger();
    expect(after).not.toBe(before);
  });
});
