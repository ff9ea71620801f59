import { addProducts, freshLedger, orderLike, SHOP, OTHER_SHOP } from "./helpers";

const ids = (n: number, from = 0) => Array.from({ length: n }, (_, i) => String(579900000000000000n + BigInt(from + i)));

describe("posting many orders at once", () => {
  test("gives each order the result postOrder would, in the order asked", async () => {
    const { ledger } = await freshLedger();
    await addProducts(ledger);
    const [done, fresh, unmapped, other, missing] = ids(5);
    const noCap = orderLike(unmapped, 1);
    noCap.line_items = noCap.line_items.map((li) => (li.seller_sku === "CAP-RED" ? { ...li, seller_sku: "cap red" } : li));
    await ledger.saveFetchedOrders(SHOP, [orderLike(done), orderLike(fresh, 2), noCap]);
    await ledger.saveFetchedOrders(OTHER_SHOP, [orderLike(other, 3)]);
    expect((await ledger.postOrder(SHOP, done)).invoiceNo).toBe("IV-00001");

    const results = await ledger.postOrders(SHOP, [{ orderId: done }, { orderId: fresh }, { orderId: unmapped }, { orderId: other }, { orderId: missing }]);
    expect(results.map((r) => [r.orderId, r.status, r.invoiceNo, r.reason])).toEqual([
      [done, "Posted", "IV-00001", undefined],
      [fresh, "Success", "IV-00002", undefined],
      [unmapped, "Failed", undefined, "Missing Item Code"],
      [other, "Failed", undefined, expect.stringContaining(OTHER_SHOP)],
      [missing, "Failed", undefined, "Missing Dataset Property"],
    ]);
  });

  test("an order with every item cancelled, or without its creation time, fails as postOrder says, with nothing written", async () => {
    const orders = () => {
      const [cancelled, undated, fine] = ids(3);
      const allCancelled = orderLike(cancelled);
      allCancelled.line_items = allCancelled.line_items.map((li) => ({ ...li, display_status: "CANCELLED" }));
      const noTime = orderLike(undated, 1) as Partial<ReturnType<typeof orderLike>>;
      delete noTime.create_time;
      return [allCancelled, noTime as ReturnType<typeof orderLike>, orderLike(fine, 2)];
    };
    const one = (await freshLedger()).ledger;
    const many = (await freshLedger()).ledger;
    for (const ledger of [one, many]) {
      await addProducts(ledger);
      await ledger.saveFetchedOrders(SHOP, orders());
    }
    const asked = orders().map((o) => ({ orderId: o.id }));
    const singly = [];
    for (const { orderId } of asked) singly.push(await one.postOrder(SHOP, orderId));
    const together = await many.postOrders(SHOP, asked);
    expect(together).toEqual(singly);
    expect(together.map((r) => [r.status, r.reason])).toEqual([
      ["Failed", "Nothing To Invoice"],
      ["Failed", "Missing Dataset Property"],
      ["Success", undefined],
    ]);
    expect((await many.listInvoices()).map((i) => i.orderId)).toEqual([asked[2].orderId]);
  });

  test("item codes picked for an order are used for that order only", async () => {
    const { ledger } = await freshLedger();
    await addProducts(ledger, ["TEE-BLK-M", "CAP-RED", "GENERAL"]);
    const [a, b] = ids(2);
    await ledger.saveFetchedOrders(SHOP, [orderLike(a), orderLike(b, 1)]);
    const capSku = orderLike(a).line_items.find((li) => li.seller_sku === "CAP-RED")!.sku_id;
    await ledger.postOrders(SHOP, [{ orderId: a, itemCodes: { [capSku]: "GENERAL" } }, { orderId: b }]);
    const codes = async (orderId: string) => (await ledger.getInvoiceByOrder(orderId))!.lines.map((l) => l.itemCode);
    expect(await codes(a)).toEqual(["TEE-BLK-M", "GENERAL", "TT-DISCOUNT"]);
    expect(await codes(b)).toEqual(["TEE-BLK-M", "CAP-RED", "TT-DISCOUNT"]);
  });

  test("250 orders are numbered IV-00001 to IV-00250 with balanced journals, and a second call posts nothing", async () => {
    const { ledger } = await freshLedger();
    await addProducts(ledger);
    const orderIds = ids(250);
    await ledger.saveFetchedOrders(SHOP, orderIds.map((id, i) => orderLike(id, i)));
    const first = await ledger.postOrders(SHOP, orderIds.map((orderId) => ({ orderId })));
    expect(first.map((r) => r.invoiceNo)).toEqual(orderIds.map((_, i) => `IV-${String(i + 1).padStart(5, "0")}`));
    const again = await ledger.postOrders(SHOP, orderIds.map((orderId) => ({ orderId })));
    expect(new Set(again.map((r) => r.status))).toEqual(new Set(["Posted"]));
    expect(await ledger.listInvoices()).toHaveLength(250);
    const trial = await ledger.trialBalance();
    expect(trial.reduce((s, l) => s + l.debit - l.credit, 0)).toBe(0);
  });

  test("orders posted before, among new ones, say Posted; the new ones are numbered on without a gap", async () => {
    const { ledger } = await freshLedger();
    await addProducts(ledger);
    const orderIds = ids(30);
    await ledger.saveFetchedOrders(SHOP, orderIds.map((id, i) => orderLike(id, i)));
    for (const orderId of [orderIds[3], orderIds[17], orderIds[29]]) await ledger.postOrder(SHOP, orderId);
    const results = await ledger.postOrders(SHOP, orderIds.map((orderId) => ({ orderId })));
    const posted = new Map([
      [orderIds[3], "IV-00001"],
      [orderIds[17], "IV-00002"],
      [orderIds[29], "IV-00003"],
    ]);
    let next = 4;
    expect(results.map((r) => [r.orderId, r.status, r.invoiceNo])).toEqual(
      orderIds.map((orderId) =>
        posted.has(orderId)
          ? [orderId, "Posted", posted.get(orderId)]
          : [orderId, "Success", `IV-${String(next++).padStart(5, "0")}`],
      ),
    );
    expect(await ledger.listInvoices()).toHaveLength(30);
    expect((await ledger.getFetchedOrder(orderIds[17]))?.invoiceNo).toBe("IV-00002");
    expect((await ledger.getFetchedOrder(orderIds[18]))?.invoiceNo).toBe("IV-00020");
  });

  test("a number already taken fails the call as a ledger fault, and nothing of the batch is written", async () => {
    const { ledger } = await freshLedger();
    await addProducts(ledger);
    const [first, second, third] = ids(3);
    await ledger.saveFetchedOrders(SHOP, [orderLike(first), orderLike(second, 1), orderLike(third, 2)]);
    await ledger.postOrder(SHOP, first);
    const realGet = IDBObjectStore.prototype.get;
    // The counter reads as if it had been lost: the next number would be IV-00001 again.
    const get = jest.spyOn(IDBObjectStore.prototype, "get").mockImplementation(function (this: IDBObjectStore, key) {
      return realGet.call(this, this.name === "counters" ? "no-such-counter" : key);
    });
    try {
      await expect(ledger.postOrders(SHOP, [{ orderId: second }, { orderId: third }])).rejects.toMatchObject({
        code: "NUMBERING",
        message: `The next invoice number after IV-00000 is already taken, so order ${second} was not posted: restore the ledger from its latest backup.`,
      });
    } finally {
      get.mockRestore();
    }
    expect((await ledger.listInvoices()).map((i) => i.orderId)).toEqual([first]);
    expect((await ledger.getFetchedOrder(second))?.postStatus).toBeUndefined();
    expect((await ledger.postOrders(SHOP, [{ orderId: second }, { orderId: third }])).map((r) => r.invoiceNo)).toEqual([
      "IV-00002",
      "IV-00003",
    ]);
  });

  test("two calls at once over the same 120 orders make each invoice once", async () => {
    const { ledger } = await freshLedger();
    await addProducts(ledger);
    const orderIds = ids(120);
    await ledger.saveFetchedOrders(SHOP, orderIds.map((id, i) => orderLike(id, i)));
    const [x, y] = await Promise.all([
      ledger.postOrders(SHOP, orderIds.map((orderId) => ({ orderId }))),
      ledger.postOrders(SHOP, [...orderIds].reverse().map((orderId) => ({ orderId }))),
    ]);
    const invoices = await ledger.listInvoices();
    expect(invoices).toHaveLength(120);
    expect(new Set(invoices.map((i) => i.orderId))).toEqual(new Set(orderIds));
    const byOrder = new Map(invoices.map((i) => [i.orderId, i.docNo]));
    for (const r of [...x, ...y]) expect(r.invoiceNo).toBe(byOrder.get(r.orderId));
  });
});
