import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { formatMoney, sen } from "../../../src/core/money/money";
import { buildInvoiceJournal } from "../../../src/core/posting/journal";
import { composeOrderInvoice, type OrderPostingContext } from "../../../src/core/posting/order-invoice";
import type { Order } from "../../../src/core/tiktok/types";

const GOLDEN = join(__dirname, "golden");
const SHOP = "7494049642642441621";
const KNOWN_ITEMS = new Set(["TEE-BLK-M", "TEE-WHT-L", "CAP-RED", "TOTE-GIFT", "STICKER-01", "BATIK-S"]);

function context(
  itemCodeFor: OrderPostingContext["itemCodeFor"] = (_s, sellerSku) =>
    KNOWN_ITEMS.has(sellerSku) ? sellerSku : undefined,
): OrderPostingContext {
  return {
    shopId: SHOP,
    customerCode: "300-T0001",
    location: "ECOMMERCE",
    discountItem: "TT-DISCOUNT",
    voucherItem: "TT-VOUCHER",
    itemCodeFor,
  };
}

function readJson<T>(file: string): T {
  return JSON.parse(readFileSync(join(GOLDEN, file), "utf8")) as T;
}

function workedExample(): Order {
  return readJson<Order>("worked-example.order.json");
}

const ACCOUNTS = {
  arAccount: "300-000",
  accountOfItem: (code: string) => ({ "TT-DISCOUNT": "520-TT2", "TT-VOUCHER": "520-TT1" })[code] ?? "500-000",
};

describe("golden invoices: order JSON in, invoice JSON out", () => {
  const cases = readdirSync(GOLDEN)
    .filter((f) => f.endsWith(".order.json"))
    .map((f) => f.replace(/\.order\.json$/, ""));

  test("every golden order has its expected invoice beside it", () => {
    expect(cases.sort()).toEqual([
      "cancelled-line",
      "gift-item",
      "late-evening",
      "multi-sku",
      "multi-unit",
      "platform-discount-only",
      "single-sku",
      "worked-example",
      "zero-decimal-currency",
      "zero-price",
    ]);
  });

  test.each(cases)("%s", (name) => {
    const result = composeOrderInvoice(readJson<Order>(`${name}.order.json`), context());
    expect(result.problems).toEqual([]);
    expect(result.value).toStrictEqual(readJson(`${name}.invoice.json`));
  });
});

describe("the worked example", () => {
  test("posts at 62.11: two shirts at 25.90, a cap at 12.90, less the seller's 2.59; the platform's 3.00 stays", () => {
    const { value } = composeOrderInvoice(workedExample(), context());
    expect(value?.total).toBe(6211);
    expect(value?.lines.map((l) => [l.itemCode, l.quantity, l.unitPrice, l.amount])).toEqual([
      ["TEE-BLK-M", 2, 2590, 5180],
      ["CAP-RED", 1, 1290, 1290],
      ["TT-DISCOUNT", 1, -259, -259],
    ]);
  });

  test("its journal is Dr 300-000 62.11, Dr 520-TT2 2.59, Cr 500-000 64.70", () => {
    const { value } = composeOrderInvoice(workedExample(), context());
    const entry = buildInvoiceJournal(
      { docNo: "IV-00001", date: value!.date, total: value!.total, lines: value!.lines },
      ACCOUNTS,
    );
    expect(entry).toEqual({
      docNo: "IV-00001",
      date: "2026-03-01",
      lines: [
        { account: "300-000", debit: 6211, credit: 0 },
        { account: "520-TT2", debit: 259, credit: 0 },
        { account: "500-000", debit: 0, credit: 6470 },
      ],
    });
  });

  test("the item code is looked up with both the SKU ID and the seller SKU", () => {
    const calls: [string, string][] = [];
    composeOrderInvoice(
      workedExample(),
      context((skuId, sellerSku) => (calls.push([skuId, sellerSku]), "X")),
    );
    expect(calls).toEqual([
      ["1729384756102938471", "TEE-BLK-M"],
      ["1729384756102938472", "CAP-RED"],
    ]);
  });

  test("the store's zone decides the date: at UTC−12 the 06:05 UTC order is still 2026-02-28", () => {
    const { value } = composeOrderInvoice(workedExample(), { ...context(), offsetMinutes: -720 });
    expect(value?.date).toBe("2026-02-28");
  });
});

describe("a seller voucher known separately", () => {
  test("splits the seller-funded 2.59 into a Discount line and a Voucher line", () => {
    const { value, problems } = composeOrderInvoice(workedExample(), {
      ...context(),
      sellerVoucher: sen(200),
    });
    expect(problems).toEqual([]);
    expect(value?.total).toBe(6211);
    expect(value?.lines.slice(2).map((l) => [l.itemCode, l.description, l.amount])).toEqual([
      ["TT-DISCOUNT", "Seller discount", -59],
      ["TT-VOUCHER", "Seller voucher", -200],
    ]);
  });

  test("a voucher as large as the whole seller discount leaves no Discount line", () => {
    const { value } = composeOrderInvoice(workedExample(), { ...context(), sellerVoucher: sen(259) });
    expect(value?.lines.slice(2).map((l) => [l.itemCode, l.amount])).toEqual([["TT-VOUCHER", -259]]);
  });

  test("a voucher larger than the seller discount is refused, naming both amounts", () => {
    const { value, problems } = composeOrderInvoice(workedExample(), {
      ...context(),
      sellerVoucher: sen(300),
    });
    expect(value).toBeUndefined();
    expect(problems.map((p) => [p.code, p.message])).toEqual([
      [
        "BAD_VOUCHER",
        "Order 579912345678901234: its seller voucher 3.00 is not between 0 and its seller discount 2.59: refresh the order's price detail, then Post again.",
      ],
    ]);
  });
});

describe("orders that cannot be invoiced say why and how to fix it", () => {
  test("a SKU with no item code is named once, however many units it has", () => {
    const result = composeOrderInvoice(
      workedExample(),
      context((_s, sellerSku) => (sellerSku === "CAP-RED" ? "CAP-RED" : undefined)),
    );
    expect(result.value).toBeUndefined();
    expect(result.problems).toEqual([
      {
        code: "MISSING_ITEM_CODE",
        message:
          "SKU 1729384756102938471 (TEE-BLK-M) has no item code: pick one in TikTok Order Lines, then Post again.",
        orderId: "579912345678901234",
        skuId: "1729384756102938471",
        sellerSku: "TEE-BLK-M",
      },
    ]);
  });

  test("a SKU without a seller SKU is named by its ID alone", () => {
    const order = workedExample();
    order.line_items = [{ ...order.line_items[2], seller_sku: "" }];
    const result = composeOrderInvoice(
      order,
      context(() => undefined),
    );
    expect(result.problems.map((p) => p.message)).toEqual([
      "SKU 1729384756102938472 has no item code: pick one in TikTok Order Lines, then Post again.",
    ]);
  });

  test("a cancelled unit needs no item code", () => {
    const order = workedExample();
    order.line_items[2] = { ...order.line_items[2], display_status: "CANCELLED" };
    const result = composeOrderInvoice(
      order,
      context((_s, sellerSku) => (sellerSku === "TEE-BLK-M" ? "TEE-BLK-M" : undefined)),
    );
    expect(result.problems).toEqual([]);
    expect(result.value?.total).toBe(4921);
  });

  const cases: [string, (o: Order) => void, string][] = [
    [
      "no payment",
      (o) => delete (o as Partial<Order>).payment,
      "Order 579912345678901234: payment is missing. Refresh the order from TikTok, then Post again.",
    ],
    [
      "no currency",
      (o) => (o.payment.currency = ""),
      "Order 579912345678901234: payment.currency is missing. Refresh the order from TikTok, then Post again.",
    ],
    [
      "no line items",
      (o) => (o.line_items = []),
      "Order 579912345678901234: line_items is missing or empty. Refresh the order from TikTok, then Post again.",
    ],
    [
      "no create time",
      (o) => delete (o as Partial<Order>).create_time,
      "Order 579912345678901234: create_time is missing. Refresh the order from TikTok, then Post again.",
    ],
    [
      "a create time in legacy milliseconds text",
      (o) => ((o as unknown as { create_time: string }).create_time = "1619611561674"),
      'Order 579912345678901234: create_time is not a Unix time in seconds ("1619611561674"). Refresh the order from TikTok, then Post again.',
    ],
    [
      "a price that is not a decimal",
      (o) => (o.line_items[1].original_price = "25,90"),
      'Order 579912345678901234: line_items[1].original_price is not a decimal amount ("25,90"). Refresh the order from TikTok, then Post again.',
    ],
    [
      "a missing price",
      (o) => delete (o.line_items[0] as Partial<Order["line_items"][number]>).original_price,
      "Order 579912345678901234: line_items[0].original_price is missing. Refresh the order from TikTok, then Post again.",
    ],
    [
      "a seller discount with too many decimals",
      (o) => (o.line_items[0].seller_discount = "2.591"),
      'Order 579912345678901234: line_items[0].seller_discount is not a decimal amount ("2.591"). Refresh the order from TikTok, then Post again.',
    ],
    [
      "a missing SKU ID",
      (o) => (o.line_items[2].sku_id = ""),
      "Order 579912345678901234: line_items[2].sku_id is missing. Refresh the order from TikTok, then Post again.",
    ],
  ];
  test.each(cases)("%s → MISSING_DATASET_PROPERTY", (_name, spoil, message) => {
    const order = workedExample();
    spoil(order);
    const result = composeOrderInvoice(order, context());
    expect(result.value).toBeUndefined();
    expect(result.problems).toEqual([
      { code: "MISSING_DATASET_PROPERTY", message, orderId: "579912345678901234" },
    ]);
  });

  test("an order whose every item was cancelled has nothing to invoice", () => {
    const order = workedExample();
    order.line_items = order.line_items.map((li) => ({ ...li, display_status: "CANCELLED" }));
    expect(composeOrderInvoice(order, context()).problems).toEqual([
      {
        code: "NOTHING_TO_INVOICE",
        message: "Order 579912345678901234 has nothing to invoice: every item in it was cancelled.",
        orderId: "579912345678901234",
      },
    ]);
  });
});

describe("property: any order obeying TikTok's identities", () => {
  const SKUS = ["TEE-BLK-M", "TEE-WHT-L", "CAP-RED", "TOTE-GIFT", "STICKER-01"];
  const unit = fc
    .record({
      sku: fc.integer({ min: 0, max: SKUS.length - 1 }),
      price: fc.integer({ min: 0, max: 500_000 }),
      sellerShare: fc.integer({ min: 0, max: 100 }),
      platformShare: fc.integer({ min: 0, max: 100 }),
      cancelled: fc.boolean(),
      gift: fc.boolean(),
    })
    .map((u) => {
      const seller = Math.floor((u.price * u.sellerShare) / 100);
      const platform = Math.floor(((u.price - seller) * u.platformShare) / 100);
      return { ...u, seller, platform };
    });

  test("gives a balanced journal and total = original prices − seller discounts of the included units", () => {
    fc.assert(
      fc.property(fc.array(unit, { minLength: 1, maxLength: 12 }), (units) => {
        const base = workedExample();
        const order: Order = {
          ...base,
          line_items: units.map((u, i) => ({
            ...base.line_items[0],
            id: `57991234567890${1000 + i}`,
            sku_id: `17293847561029384${70 + u.sku}`,
            seller_sku: SKUS[u.sku],
            original_price: formatMoney(sen(u.price)),
            seller_discount: formatMoney(sen(u.seller)),
            platform_discount: formatMoney(sen(u.platform)),
            sale_price: formatMoney(sen(u.price - u.seller - u.platform)),
            display_status: u.cancelled ? "CANCELLED" : "DELIVERED",
            is_gift: u.gift,
          })),
        };
        const included = units.filter((u) => !u.cancelled);
        const result = composeOrderInvoice(order, context());
        if (included.length === 0) {
          expect(result.problems.map((p) => p.code)).toEqual(["NOTHING_TO_INVOICE"]);
          return;
        }
        expect(result.problems).toEqual([]);
        const invoice = result.value!;
        const original = included.reduce((a, u) => a + u.price, 0);
        const sellerDiscounts = included.reduce((a, u) => a + u.seller, 0);
        expect(invoice.total).toBe(original - sellerDiscounts);
        expect(invoice.lines.filter((l) => l.skuId).reduce((a, l) => a + l.quantity, 0)).toBe(
          included.length,
        );

        const entry = buildInvoiceJournal(
          { docNo: "IV-1", date: invoice.date, total: invoice.total, lines: invoice.lines },
          ACCOUNTS,
        );
        const debit = entry.lines.reduce((a, l) => a + l.debit, 0);
        const credit = entry.lines.reduce((a, l) => a + l.credit, 0);
        expect(debit).toBe(credit);
        expect(entry.lines.find((l) => l.account === "500-000")?.credit ?? 0).toBe(original);
        expect(entry.lines.find((l) => l.account === "520-TT2")?.debit ?? 0).toBe(sellerDiscounts);
      }),
      { numRuns: 300, seed: 20260301 },
    );
  });
});
