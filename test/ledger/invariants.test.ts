/**
 * The ledger's invariants (PRODUCT §5.3) under random work: every journal balances, the trial balance is
 * zero, AR control equals the sum of outstanding documents, and an order is invoiced once however often
 * and however concurrently it is posted.
 */
import "fake-indexeddb/auto";
import { IDBFactory } from "fake-indexeddb";
import fc from "fast-check";
import { formatMoney, sen, type Sen } from "../../src/core/money/money";
import { assertBalanced } from "../../src/core/posting/journal";
import type { Order } from "../../src/core/tiktok/types";
import { openLedger, type Ledger } from "../../src/ledger";
import { addProducts, NOW, orderLike, paymentDraft, SHOP, workedExampleOrder } from "./helpers";

const SKUS = [
  {
    sku_id: "1729384756102938471",
    seller_sku: "TEE-BLK-M",
    product_name: "Classic Tee",
    sku_name: "Black, M",
  },
  { sku_id: "1729384756102938472", seller_sku: "CAP-RED", product_name: "Baseball Cap", sku_name: "Red" },
];

const unitArb = fc.record({
  sku: fc.integer({ min: 0, max: SKUS.length - 1 }),
  price: fc.integer({ min: 0, max: 20000 }),
  discountShare: fc.integer({ min: 0, max: 100 }),
});

function orderOf(index: number, units: { sku: number; price: number; discountShare: number }[]): Order {
  const base = workedExampleOrder();
  const id = `5799123456789${String(10000 + index).padStart(5, "0")}`;
  const lineItems = units.map((u, i) => {
    const discount = Math.floor((u.price * u.discountShare) / 100);
    return {
      ...base.line_items[0],
      ...SKUS[u.sku],
      id: `${id}${i}`,
      original_price: formatMoney(sen(u.price)),
      seller_discount: formatMoney(sen(discount)),
      platform_discount: "0.00",
      sale_price: formatMoney(sen(u.price - discount)),
    };
  });
  return { ...base, id, create_time: base.create_time + index * 3600, line_items: lineItems };
}

const ordersArb = fc.array(fc.array(unitArb, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 });

type Step =
  | { op: "post"; order: number }
  | { op: "cancel"; order: number }
  | { op: "delete"; order: number }
  | { op: "pay"; order: number; share: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ op: fc.constant("post" as const), order: fc.nat(5) }),
  fc.record({ op: fc.constant("cancel" as const), order: fc.nat(5) }),
  fc.record({ op: fc.constant("delete" as const), order: fc.nat(5) }),
  fc.record({ op: fc.constant("pay" as const), order: fc.nat(5), share: fc.integer({ min: 1, max: 100 }) }),
);

async function newBooks(): Promise<Ledger> {
  const ledger = await openLedger({ factory: new IDBFactory(), now: () => NOW });
  await addProducts(ledger);
  return ledger;
}

async function checkInvariants(ledger: Ledger): Promise<void> {
  for (const docNo of [
    ...(await ledger.listInvoices()),
    ...(await ledger.listCreditNotes()),
    ...(await ledger.listPayments()),
  ].map((d) => d.docNo)) {
    const entry = await ledger.getJournal(docNo);
    expect(entry).toBeDefined();
    assertBalanced(entry!);
  }
  const trial = await ledger.trialBalance();
  expect(trial.reduce((a, l) => a + l.debit - l.credit, 0)).toBe(0);
  const documents = await ledger.listDocumentBalances();
  expect(await ledger.glBalance("300-000")).toBe(documents.reduce((a, d) => a + d.balance, 0));
  for (const d of documents) expect(d.open).toBeGreaterThanOrEqual(0);
}

describe("properties", () => {
  test("after any mix of posts, cancellations, deletes and payments every journal balances, the trial balance is 0.00 and AR = Σ outstanding", async () => {
    let payments = 0;
    await fc.assert(
      fc.asyncProperty(ordersArb, fc.array(stepArb, { maxLength: 14 }), async (orderUnits, steps) => {
        const ledger = await newBooks();
        try {
          const orders = orderUnits.map((units, i) => orderOf(i, units));
          await ledger.saveFetchedOrders(SHOP, orders);
          for (const step of steps) {
            const order = orders[step.order % orders.length];
            if (step.op === "post") await ledger.postOrder(SHOP, order.id);
            if (step.op === "cancel") {
              await ledger.saveFetchedOrders(SHOP, [
                { ...order, status: "CANCELLED", cancel_time: order.create_time + 60 },
              ]);
              await ledger.postOrder(SHOP, order.id);
            }
            const invoice = await ledger.getInvoiceByOrder(order.id);
            if (step.op === "delete" && invoice && (await ledger.listKnockOffs(invoice.docNo)).length === 0)
              await ledger.deleteInvoice(invoice.docNo);
            if (step.op === "pay" && invoice) {
              const open = (await ledger.outstanding(invoice.docNo)) ?? 0;
              const amount = Math.floor((open * step.share) / 100);
              if (amount > 0) {
                await ledger.commit({
                  create: [
                    {
                      kind: "payment",
                      ref: "p",
                      draft: paymentDraft(`pay-${++payments}`, "2026-03-09", amount),
                    },
                  ],
                  knockOffs: [
                    { payer: { ref: "p" }, target: { docNo: invoice.docNo }, amount: amount as Sen },
                  ],
                });
              }
            }
            await checkInvariants(ledger);
          }
        } finally {
          ledger.close();
        }
      }),
      { numRuns: 30 },
    );
  });

  test("posting any sequence of orders twice creates each invoice once, numbered without gaps", async () => {
    await fc.assert(
      fc.asyncProperty(
        ordersArb,
        fc.array(fc.nat(5), { minLength: 1, maxLength: 10 }),
        async (orderUnits, picks) => {
          const ledger = await newBooks();
          try {
            const orders = orderUnits.map((units, i) => orderOf(i, units));
            await ledger.saveFetchedOrders(SHOP, orders);
            const sequence = picks.map((p) => orders[p % orders.length].id);
            const first = await Promise.all(sequence.map((id) => ledger.postOrder(SHOP, id)));
            const second = [];
            for (const id of sequence) second.push(await ledger.postOrder(SHOP, id));
            const distinct = new Set(sequence);
            const invoices = await ledger.listInvoices();
            expect(invoices).toHaveLength(distinct.size);
            expect(new Set(invoices.map((i) => i.orderId))).toEqual(distinct);
            expect(invoices.map((i) => i.docNo).sort()).toEqual(
              [...distinct].map((_, i) => `IV-${String(i + 1).padStart(5, "0")}`),
            );
            expect(first.filter((r) => r.status === "Success")).toHaveLength(distinct.size);
            expect(second.every((r) => r.status === "Posted")).toBe(true);
            await checkInvariants(ledger);
          } finally {
            ledger.close();
          }
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe("two Post runs at once over the same 200 orders", () => {
  test("make 200 invoices, IV-00001 to IV-00200, each order's once", async () => {
    const ledger = await newBooks();
    const orders = Array.from({ length: 200 }, (_, i) =>
      orderLike(`5799123456780${String(i).padStart(5, "0")}`, i),
    );
    await ledger.saveFetchedOrders(SHOP, orders);
    const run = async () => {
      const results = [];
      for (const order of orders) results.push(await ledger.postOrder(SHOP, order.id));
      return results;
    };
    const [a, b] = await Promise.all([run(), run()]);
    const invoices = await ledger.listInvoices();
    expect(invoices).toHaveLength(200);
    expect(invoices.map((i) => i.docNo)).toEqual(
      Array.from({ length: 200 }, (_, i) => `IV-${String(i + 1).padStart(5, "0")}`),
    );
    expect(new Set(invoices.map((i) => i.orderId)).size).toBe(200);
    orders.forEach((order, i) => {
      expect([a[i].status, b[i].status].sort()).toEqual(["Posted", "Success"]);
      expect(a[i].invoiceNo).toBe(b[i].invoiceNo);
    });
    await checkInvariants(ledger);
    ledger.close();
  }, 60000);
});

describe("a transaction aborted in the middle of a Post run", () => {
  test("leaves only whole documents, and the next run completes the rest", async () => {
    const ledger = await newBooks();
    const orders = Array.from({ length: 60 }, (_, i) =>
      orderLike(`5799123456781${String(i).padStart(5, "0")}`, i),
    );
    await ledger.saveFetchedOrders(SHOP, orders);
    const realPut = IDBObjectStore.prototype.put;
    let journals = 0;
    const put = jest.spyOn(IDBObjectStore.prototype, "put").mockImplementation(function (
      this: IDBObjectStore,
      ...args
    ) {
      if (this.name === "journal" && ++journals === 38)
        throw new DOMException("The pane was closed.", "AbortError");
      return realPut.apply(this, args);
    });
    const first: string[] = [];
    try {
      for (const order of orders) first.push((await ledger.postOrder(SHOP, order.id)).status);
    } catch (error) {
      expect((error as Error).name).toBe("AbortError");
    } finally {
      put.mockRestore();
    }
    expect(first).toEqual(Array(37).fill("Success"));
    const invoices = await ledger.listInvoices();
    expect(invoices).toHaveLength(37);
    for (const invoice of invoices) {
      expect(await ledger.getJournal(invoice.docNo)).toBeDefined();
      expect((await ledger.getFetchedOrder(invoice.orderId))?.invoiceNo).toBe(invoice.docNo);
    }
    expect((await ledger.getFetchedOrder(orders[37].id))?.postStatus).toBeUndefined();

    const second = [];
    for (const order of orders) second.push((await ledger.postOrder(SHOP, order.id)).status);
    expect(second.filter((s) => s === "Posted")).toHaveLength(37);
    expect(second.filter((s) => s === "Success")).toHaveLength(23);
    expect((await ledger.listInvoices()).map((i) => i.docNo)).toEqual(
      Array.from({ length: 60 }, (_, i) => `IV-${String(i + 1).padStart(5, "0")}`),
    );
    await checkInvariants(ledger);
    ledger.close();
  });
});
