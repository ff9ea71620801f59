/**
 * A generated Malaysian settlement export of any size, in the column layout of
 * test/fixtures/settlement/my-basic.csv, with every identity holding to the sen: settlement =
 * revenue + fees + adjustment, revenue = subtotal after + refund subtotal after, after = before + seller
 * discounts, Total Fees = Σ fee parents (the shipping children only inside "Seller shipping fee").
 * Alongside it, the TikTok orders its order and refund rows settle, so their invoices can be made first.
 * Rows: about 94% orders, 3% refunds (of an order settled earlier in the file), 3% adjustments; over
 * `dates` settled dates, in date order as Seller Center exports them.
 */
import fs from "node:fs";
import path from "node:path";
import { formatMoney, sen } from "../src/core/money/money";
import type { Order, OrderLineItem } from "../src/core/tiktok/types";

export const SETTLEMENT_FIXTURE = process.env.SHOPBOOKS_SETTLEMENT_FIXTURE || path.join(__dirname, "..", "test", "fixtures", "settlement", "my-basic.csv");

/** The fixture's header; a copy of its column list when the shared fixtures are not on this machine. */
export function settlementColumns(): string[] {
  if (fs.existsSync(SETTLEMENT_FIXTURE)) return fs.readFileSync(SETTLEMENT_FIXTURE, "utf8").split(/\r?\n/, 1)[0].split(",");
  return fs.readFileSync(path.join(__dirname, "my-columns.txt"), "utf8").trim().split(",");
}

export interface GeneratedSettlement {
  text: string;
  orders: Order[];
  counts: { order: number; refund: number; adjustment: number };
  settledDates: string[];
  /** Σ settlement amount per settled date, in sen. */
  totals: Record<string, number>;
}

export interface GenerateOptions {
  rows: number;
  dates?: number;
  /** First settled date. */
  firstDate?: string;
  seed?: number;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** "12.9", "0", "-2.14": amounts as the export writes them. */
function amount(value: number): string {
  return formatMoney(sen(value)).replace(/\.?0+$/, "") || "0";
}

function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
}

const slash = (date: string) => date.replace(/-/g, "/");

interface Sku {
  skuId: string;
  sellerSku: string;
  name: string;
  price: number;
}

/** Sen amounts by column name; absent columns are 0 (or "/" for the memo columns that take it). */
type Cells = Record<string, string | number>;

export function generateSettlement(options: GenerateOptions): GeneratedSettlement {
  const random = mulberry32(options.seed ?? 7);
  const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  const columns = settlementColumns();
  const dateCount = options.dates ?? 30;
  const first = options.firstDate ?? "2026-03-01";
  const settledDates = Array.from({ length: dateCount }, (_, i) => addDays(first, i));
  const skus: Sku[] = Array.from({ length: 60 }, (_, i) => ({
    skuId: String(1729000000000000000n + BigInt(i * 7919)),
    sellerSku: `BENCH-${String(i + 1).padStart(3, "0")}`,
    name: `Bench product ${i + 1}`,
    price: int(9, 160) * 100 - 10,
  }));

  const lines: string[] = [columns.join(",")];
  const orders: Order[] = [];
  const counts = { order: 0, refund: 0, adjustment: 0 };
  const totals: Record<string, number> = {};
  const settledOrders: { order: Order; dateIndex: number; unit: number; discount: number }[] = [];
  const emit = (cells: Cells) => {
    const settled = String(cells["Order settled time"]).replace(/\//g, "-");
    totals[settled] = (totals[settled] ?? 0) + Number(cells["Total settlement amount"]);
    lines.push(
      columns
        .map((c) => {
          const v = cells[c];
          if (v === undefined) return /weight|Shopping center items/.test(c) ? "/" : "0";
          return typeof v === "number" ? amount(v) : v;
        })
        .join(","),
    );
  };

  for (let i = 0; i < options.rows; i++) {
    const dateIndex = Math.min(dateCount - 1, Math.floor((i * dateCount) / options.rows));
    const settled = settledDates[dateIndex];
    const roll = random();
    if (roll < 0.03) {
      // An adjustment: reimbursed or deducted, with no order behind it.
      const value = int(1, 40) * 50 * (random() < 0.6 ? 1 : -1);
      counts.adjustment++;
      emit({
        "Order/adjustment ID": String(7450000000000000000n + BigInt(i)),
        Type: value > 0 ? "Logistics reimbursement" : "Deductions incurred by seller",
        "Order created time": slash(settled),
        "Order settled time": slash(settled),
        Currency: "MYR",
        "Total settlement amount": value,
        "Ajustment amount": value,
        "Related order ID": "/",
      });
      continue;
    }
    if (roll < 0.06 && settledOrders.length > 0) {
      // A refund of one unit of an order settled earlier in the file, with a return shipping fee.
      const pick = settledOrders[int(0, settledOrders.length - 1)];
      const refund = pick.unit;
      const transaction = Math.round((refund * 216) / 10_000);
      const commission = Math.round((refund * 600) / 10_000);
      const sst = Math.round((commission * 800) / 10_000);
      const returnShipping = -int(4, 9) * 100;
      const fees = transaction + commission + sst + returnShipping;
      counts.refund++;
      emit({
        "Order/adjustment ID": pick.order.id,
        Type: "Order",
        "Order created time": slash(new Date(pick.order.create_time * 1000 + 8 * 3_600_000).toISOString().slice(0, 10)),
        "Order settled time": slash(settledDates[int(pick.dateIndex, dateIndex)]),
        Currency: "MYR",
        "Total settlement amount": -refund + fees,
        "Total Revenue": -refund,
        "Refund subtotal after seller discounts": -refund,
        "Refund subtotal before seller discounts": -refund,
        "Total Fees": fees,
        "Transaction fee": transaction,
        "TikTok Shop commission fee": commission,
        "Seller shipping fee": returnShipping,
        "Actual return shipping fee": returnShipping,
        SST: sst,
        "Related order ID": pick.order.id,
        "Customer refund": -refund,
      });
      continue;
    }

    // An order of one to three units, sometimes with a seller discount.
    const orderId = String(579000000000000000n + BigInt(i));
    const created = addDays(settled, -int(3, 9));
    const createTime = Math.floor(Date.parse(`${created}T02:00:00Z`) / 1000) + int(0, 36_000);
    const units = Array.from({ length: int(1, 3) }, () => skus[int(0, skus.length - 1)]);
    const unitDiscount = random() < 0.2 ? 100 : 0;
    const items: OrderLineItem[] = units.map((s, u) => ({
      id: `${orderId}${u}`,
      sku_id: s.skuId,
      product_id: `17300000000000${s.skuId.slice(-5)}`,
      product_name: s.name,
      sku_name: "Default",
      seller_sku: s.sellerSku,
      original_price: formatMoney(sen(s.price)),
      sale_price: formatMoney(sen(s.price - unitDiscount)),
      seller_discount: formatMoney(sen(unitDiscount)),
      platform_discount: "0.00",
      currency: "MYR",
      display_status: "COMPLETED",
    }));
    const before = units.reduce((a, s) => a + s.price, 0);
    const discount = unitDiscount * units.length;
    const after = before - discount;
    const order: Order = {
      id: orderId,
      status: "COMPLETED",
      create_time: createTime,
      update_time: createTime + 86_400,
      paid_time: createTime + 60,
      user_id: `77000${i}`,
      buyer_email: "",
      buyer_message: "",
      shipping_type: "TIKTOK",
      payment: {
        currency: "MYR",
        sub_total: formatMoney(sen(after)),
        shipping_fee: "0.00",
        seller_discount: formatMoney(sen(discount)),
        platform_discount: "0.00",
        total_amount: formatMoney(sen(after)),
        original_total_product_price: formatMoney(sen(before)),
        original_shipping_fee: "4.90",
        shipping_fee_seller_discount: "0.00",
        shipping_fee_platform_discount: "4.90",
      },
      line_items: items,
    };
    orders.push(order);
    const transaction = -Math.round((after * 216) / 10_000);
    const commission = -Math.round((after * 600) / 10_000);
    const sst = Math.round((commission * 800) / 10_000);
    const actualShipping = -int(45, 90) * 10;
    const platformShippingDiscount = -actualShipping - int(0, 2) * 10;
    const sellerShipping = actualShipping + platformShippingDiscount;
    const fees = transaction + commission + sellerShipping + sst - 50;
    counts.order++;
    settledOrders.push({ order, dateIndex, unit: units[0].price - unitDiscount, discount });
    emit({
      "Order/adjustment ID": orderId,
      Type: "Order",
      "Order created time": slash(created),
      "Order settled time": slash(settled),
      Currency: "MYR",
      "Total settlement amount": after + fees,
      "Total Revenue": after,
      "Subtotal after seller discounts": after,
      "Subtotal before discounts": before,
      "Seller discounts": -discount,
      "Total Fees": fees,
      "Transaction fee": transaction,
      "TikTok Shop commission fee": commission,
      "Seller shipping fee": sellerShipping,
      "Actual shipping fee": actualShipping,
      "Platform shipping fee discount": platformShippingDiscount,
      SST: sst,
      "Platform support fee": -50,
      "Related order ID": orderId,
      "Customer payment": after,
      "Estimated package weight (g)": String(int(100, 2000)),
      "Actual package weight (g)": String(int(100, 2000)),
      "Shopping center items": `${units.map((s) => `${s.skuId} * 1`).join("; ")};`,
    });
  }
  // Refund rows may settle later than the rows after them: the export lists rows by settled date.
  const header = lines.shift() as string;
  const dateOf = (line: string) => line.split(",", 4)[3];
  const sorted = lines.map((line, i) => ({ line, i, date: dateOf(line) })).sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.i - b.i));
  return {
    text: [header, ...sorted.map((s) => s.line)].join("\n") + "\n",
    orders,
    counts,
    settledDates,
    totals,
  };
}
