import { LedgerInputError, type Ledger } from "../../src/ledger";
import {
  addProducts,
  CAP_SKU,
  freshLedger,
  NOW,
  orderLike,
  SHOP,
  TEE_SKU,
  WORKED_ORDER_ID,
  workedExampleOrder,
} from "./helpers";

let ledger: Ledger;

beforeEach(async () => {
  ({ ledger } = await freshLedger());
});
afterEach(() => ledger.close());

describe("fetched orders as kept", () => {
  test("the buyer's address and the fields the books never read are not stored; the rest is, as fetched", async () => {
    const order = workedExampleOrder();
    const returned = {
      ...order,
      tracking_number: "MF280500912985",
      recipient_address: { name: "L*e", full_address: "No. 73, Jalan SS 2/24", region_code: "MY", postal_code: "50450", phone_number: "(+60)15****188" },
    };
    await ledger.saveFetchedOrders(SHOP, [returned]);
    const stored = (await ledger.getFetchedOrder(WORKED_ORDER_ID))?.order;
    expect(stored).not.toHaveProperty("recipient_address");
    expect(stored).not.toHaveProperty("tracking_number");
    expect(stored).toEqual(order);
  });
});

describe("posting the worked example", () => {
  beforeEach(async () => {
    await addProducts(ledger);
    await ledger.saveFetchedOrders(SHOP, [workedExampleOrder()]);
  });

  test("creates IV-00001 for 62.11 dated 2026-03-01", async () => {
    expect(await ledger.postOrder(SHOP, WORKED_ORDER_ID)).toEqual({
      orderId: WORKED_ORDER_ID,
      status: "Success",
      invoiceNo: "IV-00001",
      problems: [],
    });
    expect(await ledger.getInvoiceByOrder(WORKED_ORDER_ID)).toEqual({
      sourceKey: `tiktok:${SHOP}:order:${WORKED_ORDER_ID}`,
      shopId: SHOP,
      orderId: WORKED_ORDER_ID,
      date: "2026-03-01",
      customerCode: "300-T0001",
      location: "ECOMMERCE",
      reference: WORKED_ORDER_ID,
      description: `TikTok order ${WORKED_ORDER_ID}`,
      currency: "MYR",
      lines: [
        {
          itemCode: "TEE-BLK-M",
          description: "Classic Tee - Black, M",
          quantity: 2,
          unitPrice: 2590,
          amount: 5180,
          account: "500-000",
          skuId: TEE_SKU,
          sellerSku: "TEE-BLK-M",
        },
        {
          itemCode: "CAP-RED",
          description: "Baseball Cap - Red",
          quantity: 1,
          unitPrice: 1290,
          amount: 1290,
          account: "500-000",
          skuId: CAP_SKU,
          sellerSku: "CAP-RED",
        },
        {
          itemCode: "TT-DISCOUNT",
          description: "Seller discount",
          quantity: 1,
          unitPrice: -259,
          amount: -259,
          account: "520-TT2",
        },
      ],
      total: 6211,
      docNo: "IV-00001",
      version: 1,
      postedAt: NOW,
    });
  });

  test("journals Dr 300-000 62.11, Dr 520-TT2 2.59, Cr 500-000 64.70", async () => {
    await ledger.postOrder(SHOP, WORKED_ORDER_ID);
    expect(await ledger.getJournal("IV-00001")).toEqual({
      docNo: "IV-00001",
      date: "2026-03-01",
      lines: [
        { account: "300-000", debit: 6211, credit: 0 },
        { account: "520-TT2", debit: 259, credit: 0 },
        { account: "500-000", debit: 0, credit: 6470 },
      ],
    });
  });

  test("leaves a trial balance that sums to zero, with Trade Debtors at 62.11 and the invoice outstanding in full", async () => {
    await ledger.postOrder(SHOP, WORKED_ORDER_ID);
    const trial = await ledger.trialBalance();
    expect(trial).toEqual([
      { account: "300-000", name: "Trade Debtors", debit: 6211, credit: 0 },
      { account: "500-000", name: "Sales", debit: 0, credit: 6470 },
      { account: "520-TT2", name: "TikTok Discount", debit: 259, credit: 0 },
    ]);
    expect(trial.reduce((a, l) => a + l.debit - l.credit, 0)).toBe(0);
    expect(await ledger.glBalance("300-000")).toBe(6211);
    expect(await ledger.glBalance("500-000")).toBe(-6470);
    expect(await ledger.outstanding("IV-00001")).toBe(6211);
  });

  test("marks the fetched order with its invoice", async () => {
    await ledger.postOrder(SHOP, WORKED_ORDER_ID);
    const fetched = await ledger.getFetchedOrder(WORKED_ORDER_ID);
    expect([fetched?.postStatus, fetched?.invoiceNo]).toEqual(["Posted", "IV-00001"]);
  });

  test("keeps the run that posted it", async () => {
    await ledger.postOrder(SHOP, WORKED_ORDER_ID, { runId: "run-2026-03-02-1" });
    expect((await ledger.getInvoice("IV-00001"))?.runId).toBe("run-2026-03-02-1");
  });

  test("stores plain data only: every record survives a JSON round trip unchanged", async () => {
    await ledger.postOrder(SHOP, WORKED_ORDER_ID);
    const records = [
      ...(await ledger.listInvoices()),
      await ledger.getJournal("IV-00001"),
      ...(await ledger.listFetchedOrders()),
      await ledger.getStoreSetup(SHOP),
    ];
    expect(JSON.parse(JSON.stringify(records))).toEqual(records);
  });
});

describe("each order is posted once, ever", () => {
  beforeEach(() => addProducts(ledger));

  test("posting the same order twice creates one invoice and does not advance the numbering", async () => {
    await ledger.saveFetchedOrders(SHOP, [workedExampleOrder(), orderLike("579912345678909999", 1)]);
    await ledger.postOrder(SHOP, WORKED_ORDER_ID);
    expect(await ledger.postOrder(SHOP, WORKED_ORDER_ID)).toEqual({
      orderId: WORKED_ORDER_ID,
      status: "Posted",
      invoiceNo: "IV-00001",
      problems: [],
    });
    expect((await ledger.listInvoices()).map((i) => i.docNo)).toEqual(["IV-00001"]);
    expect((await ledger.postOrder(SHOP, "579912345678909999")).invoiceNo).toBe("IV-00002");
  });

  test("two simultaneous posts of one order make exactly one invoice", async () => {
    await ledger.saveFetchedOrders(SHOP, [workedExampleOrder()]);
    const results = await Promise.all([
      ledger.postOrder(SHOP, WORKED_ORDER_ID),
      ledger.postOrder(SHOP, WORKED_ORDER_ID),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual(["Posted", "Success"]);
    expect(results.map((r) => r.invoiceNo)).toEqual(["IV-00001", "IV-00001"]);
    expect((await ledger.listInvoices()).length).toBe(1);
  });

  test("20 orders posted twice in parallel give IV-00001 to IV-00020 with no gap and no repeat", async () => {
    const ids = Array.from({ length: 20 }, (_, i) => `5799123456789${String(10000 + i)}`);
    await ledger.saveFetchedOrders(
      SHOP,
      ids.map((id, i) => orderLike(id, i)),
    );
    const results = await Promise.all([...ids, ...ids].map((id) => ledger.postOrder(SHOP, id)));

    expect(results.filter((r) => r.status === "Success").length).toBe(20);
    expect(results.filter((r) => r.status === "Posted").length).toBe(20);
    const invoices = await ledger.listInvoices();
    expect(invoices.map((i) => i.docNo)).toEqual(
      Array.from({ length: 20 }, (_, i) => `IV-${String(i + 1).padStart(5, "0")}`),
    );
    expect(new Set(invoices.map((i) => i.orderId)).size).toBe(20);
    for (const id of ids) {
      const [first, second] = results.filter((r) => r.orderId === id);
      expect(second.invoiceNo).toBe(first.invoiceNo);
    }
    const trial = await ledger.trialBalance();
    expect(trial.find((l) => l.account === "300-000")?.debit).toBe(20 * 6211);
    expect(trial.reduce((a, l) => a + l.debit - l.credit, 0)).toBe(0);

    await ledger.saveFetchedOrders(SHOP, [orderLike("579912345678920000")]);
    expect((await ledger.postOrder(SHOP, "579912345678920000")).invoiceNo).toBe("IV-00021");
  });

  test("deleting an invoice lets its order be posted again, under a new number", async () => {
    await ledger.saveFetchedOrders(SHOP, [workedExampleOrder()]);
    await ledger.postOrder(SHOP, WORKED_ORDER_ID);
    await ledger.deleteInvoice("IV-00001");
    expect(await ledger.getInvoice("IV-00001")).toBeUndefined();
    expect(await ledger.getJournal("IV-00001")).toBeUndefined();
    expect(await ledger.trialBalance()).toEqual([]);
    expect((await ledger.getFetchedOrder(WORKED_ORDER_ID))?.postStatus).toBeUndefined();
    expect(await ledger.postOrder(SHOP, WORKED_ORDER_ID)).toMatchObject({
      status: "Success",
      invoiceNo: "IV-00002",
    });
  });

  test("deleting an unknown invoice is refused", async () => {
    await expect(ledger.deleteInvoice("IV-00404")).rejects.toThrow(
      new LedgerInputError("UNKNOWN_DOCUMENT", "Invoice IV-00404 does not exist."),
    );
  });
});

describe("an order that cannot be posted fails, writes nothing, and says how to fix it", () => {
  async function nothingWritten(): Promise<void> {
    expect(await ledger.listInvoices()).toEqual([]);
    expect(await ledger.trialBalance()).toEqual([]);
    expect((await ledger.getFetchedOrder(WORKED_ORDER_ID))?.postStatus).toBeUndefined();
  }

  test("a SKU without item code fails with 'Missing Item Code'; after mapSku the order posts as IV-00001", async () => {
    await addProducts(ledger, ["TEE-BLK-M", "CAP-001"]);
    await ledger.saveFetchedOrders(SHOP, [workedExampleOrder()]);
    const changes: string[][] = [];
    ledger.onChange((c) => changes.push(c.stores));

    expect(await ledger.postOrder(SHOP, WORKED_ORDER_ID)).toEqual({
      orderId: WORKED_ORDER_ID,
      status: "Failed",
      reason: "Missing Item Code",
      problems: [
        {
          code: "MISSING_ITEM_CODE",
          message: `SKU ${CAP_SKU} (CAP-RED) has no item code: pick one in TikTok Order Lines, then Post again.`,
          orderId: WORKED_ORDER_ID,
          skuId: CAP_SKU,
          sellerSku: "CAP-RED",
        },
      ],
    });
    await nothingWritten();
    expect(changes).toEqual([]);

    await ledger.mapSku(SHOP, CAP_SKU, "CAP-RED", "CAP-001");
    const result = await ledger.postOrder(SHOP, WORKED_ORDER_ID);
    expect(result).toEqual({
      orderId: WORKED_ORDER_ID,
      status: "Success",
      invoiceNo: "IV-00001",
      problems: [],
    });
    expect((await ledger.getInvoice("IV-00001"))?.lines.map((l) => l.itemCode)).toEqual([
      "TEE-BLK-M",
      "CAP-001",
      "TT-DISCOUNT",
    ]);
  });

  test("an order already posted says Posted even after its SKU lost its item code", async () => {
    await addProducts(ledger, ["TEE-BLK-M", "CAP-001"]);
    await ledger.mapSku(SHOP, CAP_SKU, "CAP-RED", "CAP-001");
    await ledger.saveFetchedOrders(SHOP, [workedExampleOrder()]);
    await ledger.postOrder(SHOP, WORKED_ORDER_ID);
    await ledger.putStockItem({
      code: "CAP-001",
      description: "Cap",
      group: "TIKTOK",
      salesAccount: "500-000",
      isFee: false,
      altCodes: [],
    });
    expect(await ledger.resolveItemCode(SHOP, CAP_SKU, "CAP-RED")).toBeUndefined();
    expect(await ledger.postOrder(SHOP, WORKED_ORDER_ID)).toEqual({
      orderId: WORKED_ORDER_ID,
      status: "Posted",
      invoiceNo: "IV-00001",
      problems: [],
    });
  });

  test("item codes picked for the post win over the stored mapping", async () => {
    await addProducts(ledger, ["TEE-BLK-M", "CAP-RED", "TEE-001"]);
    await ledger.saveFetchedOrders(SHOP, [workedExampleOrder()]);
    const result = await ledger.postOrder(SHOP, WORKED_ORDER_ID, { itemCodes: { [TEE_SKU]: " TEE-001 " } });
    expect(result.status).toBe("Success");
    expect((await ledger.getInvoice("IV-00001"))?.lines.map((l) => l.itemCode)).toEqual([
      "TEE-001",
      "CAP-RED",
      "TT-DISCOUNT",
    ]);
  });

  test("a picked item code that is not a stock item fails with 'Unknown Item Code'", async () => {
    await addProducts(ledger);
    await ledger.saveFetchedOrders(SHOP, [workedExampleOrder()]);
    expect(await ledger.postOrder(SHOP, WORKED_ORDER_ID, { itemCodes: { [TEE_SKU]: "TEE-XL" } })).toEqual({
      orderId: WORKED_ORDER_ID,
      status: "Failed",
      reason: "Unknown Item Code",
      problems: [
        {
          code: "UNKNOWN_ITEM_CODE",
          message: `Item code TEE-XL (SKU ${TEE_SKU}) is not a stock item: pick one from the list in TikTok Order Lines, then Post again.`,
          orderId: WORKED_ORDER_ID,
          skuId: TEE_SKU,
          sellerSku: "TEE-BLK-M",
        },
      ],
    });
    await nothingWritten();
  });

  test("an order never fetched fails with 'Missing Dataset Property'", async () => {
    expect(await ledger.postOrder(SHOP, WORKED_ORDER_ID)).toEqual({
      orderId: WORKED_ORDER_ID,
      status: "Failed",
      reason: "Missing Dataset Property",
      problems: [
        {
          code: "MISSING_DATASET_PROPERTY",
          message: `Order ${WORKED_ORDER_ID} has not been fetched: Refresh Order for its date, then Post again.`,
          orderId: WORKED_ORDER_ID,
        },
      ],
    });
  });

  test("an order fetched without its payment fails with 'Missing Dataset Property' naming the field", async () => {
    await addProducts(ledger);
    const order = workedExampleOrder() as Partial<ReturnType<typeof workedExampleOrder>>;
    delete order.payment;
    await ledger.saveFetchedOrders(SHOP, [order as ReturnType<typeof workedExampleOrder>]);
    const result = await ledger.postOrder(SHOP, WORKED_ORDER_ID);
    expect([result.status, result.reason, result.problems.map((p) => p.message)]).toEqual([
      "Failed",
      "Missing Dataset Property",
      [`Order ${WORKED_ORDER_ID}: payment is missing. Refresh the order from TikTok, then Post again.`],
    ]);
    await nothingWritten();
  });

  test("an order of another store is not posted under this one", async () => {
    await addProducts(ledger);
    await ledger.saveFetchedOrders(SHOP, [workedExampleOrder()]);
    const result = await ledger.postOrder("7000000000000000001", WORKED_ORDER_ID);
    expect([result.status, result.reason]).toEqual([
      "Failed",
      `Order ${WORKED_ORDER_ID} belongs to store ${SHOP}, not 7000000000000000001: post it from its own store.`,
    ]);
  });
});

describe("the store's mapping codes", () => {
  beforeEach(async () => {
    await addProducts(ledger);
    await ledger.saveFetchedOrders(SHOP, [workedExampleOrder()]);
  });

  test("decide the invoice's location", async () => {
    await ledger.saveLocation({ code: "KL-WAREHOUSE", description: "KL warehouse" }, { isNew: true });
    await ledger.saveStoreSetup(SHOP, { ...(await ledger.getStoreSetup(SHOP)), location: "KL-WAREHOUSE" });
    await ledger.postOrder(SHOP, WORKED_ORDER_ID);
    expect((await ledger.getInvoice("IV-00001"))?.location).toBe("KL-WAREHOUSE");
  });

  test("decide the discount item and so its account", async () => {
    await ledger.saveStoreSetup(SHOP, { ...(await ledger.getStoreSetup(SHOP)), discountItem: "TT-VOUCHER" });
    await ledger.postOrder(SHOP, WORKED_ORDER_ID);
    expect((await ledger.getJournal("IV-00001"))?.lines).toEqual([
      { account: "300-000", debit: 6211, credit: 0 },
      { account: "520-TT1", debit: 259, credit: 0 },
      { account: "500-000", debit: 0, credit: 6470 },
    ]);
  });
});

describe("onChange", () => {
  test("fires once after a post commits, naming the stores written; an unsubscribed listener hears nothing", async () => {
    await addProducts(ledger);
    await ledger.saveFetchedOrders(SHOP, [workedExampleOrder()]);
    const heard: string[][] = [];
    const silent: string[][] = [];
    ledger.onChange((c) => heard.push(c.stores));
    const stop = ledger.onChange((c) => silent.push(c.stores));
    stop();
    await ledger.postOrder(SHOP, WORKED_ORDER_ID);
    expect(heard).toEqual([["invoices", "journal", "counters", "orderMarks"]]);
    expect(silent).toEqual([]);
    await ledger.postOrder(SHOP, WORKED_ORDER_ID);
    expect(heard.length).toBe(1);
  });

  test("a failing listener does not undo or block the post", async () => {
    await addProducts(ledger);
    await ledger.saveFetchedOrders(SHOP, [workedExampleOrder()]);
    const spy = jest.spyOn(console, "error").mockImplementation(() => undefined);
    ledger.onChange(() => {
      throw new Error("listener bug");
    });
    expect((await ledger.postOrder(SHOP, WORKED_ORDER_ID)).status).toBe("Success");
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
  });
});

describe("a post is one transaction: all of it or none of it", () => {
  test("a disk that fills up while the journal is written leaves no invoice, no number used and no mark", async () => {
    await addProducts(ledger);
    await ledger.saveFetchedOrders(SHOP, [workedExampleOrder()]);
    const changes: string[][] = [];
    ledger.onChange((c) => changes.push(c.stores));
    const realPut = IDBObjectStore.prototype.put;
    const put = jest.spyOn(IDBObjectStore.prototype, "put").mockImplementation(function (
      this: IDBObjectStore,
      ...args
    ) {
      if (this.name === "journal") throw new DOMException("The disk is full.", "QuotaExceededError");
      return realPut.apply(this, args);
    });
    try {
      await expect(ledger.postOrder(SHOP, WORKED_ORDER_ID)).rejects.toMatchObject({
        name: "QuotaExceededError",
      });
    } finally {
      put.mockRestore();
    }
    expect(await ledger.listInvoices()).toEqual([]);
    expect(await ledger.getJournal("IV-00001")).toBeUndefined();
    expect((await ledger.getFetchedOrder(WORKED_ORDER_ID))?.postStatus).toBeUndefined();
    expect(changes).toEqual([]);
    expect(await ledger.postOrder(SHOP, WORKED_ORDER_ID)).toMatchObject({
      status: "Success",
      invoiceNo: "IV-00001",
    });
  });

  test("a number already taken is reported as a ledger fault and nothing is written", async () => {
    await addProducts(ledger);
    await ledger.saveFetchedOrders(SHOP, [workedExampleOrder(), orderLike("579912345678905555", 1)]);
    await ledger.postOrder(SHOP, WORKED_ORDER_ID);
    const realGet = IDBObjectStore.prototype.get;
    // The counter reads as if it had been lost: the next number would be IV-00001 again.
    const get = jest.spyOn(IDBObjectStore.prototype, "get").mockImplementation(function (
      this: IDBObjectStore,
      key,
    ) {
      return realGet.call(this, this.name === "counters" ? "no-such-counter" : key);
    });
    try {
      await expect(ledger.postOrder(SHOP, "579912345678905555")).rejects.toMatchObject({
        code: "NUMBERING",
        message:
          "The next invoice number after IV-00000 is already taken, so order 579912345678905555 was not posted: restore the ledger from its latest backup.",
      });
    } finally {
      get.mockRestore();
    }
    expect((await ledger.listInvoices()).map((i) => i.orderId)).toEqual([WORKED_ORDER_ID]);
    expect((await ledger.postOrder(SHOP, "579912345678905555")).invoiceNo).toBe("IV-00002");
  });
});
