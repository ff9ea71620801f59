import { keptOrder } from "../../../src/core/tiktok/kept-order";
import type { Order } from "../../../src/core/tiktok/types";

/** The fields ShopBooks reads, as TikTok returns them. */
const readFields = {
  id: "576461413038785752",
  status: "COMPLETED",
  create_time: 1772423570,
  update_time: 1773016432,
  paid_time: 1772423711,
  delivery_time: 1772605903,
  user_id: "7850639010796419693",
  buyer_email: "gFLIX8@scs2.tiktok.com",
  buyer_message: "Please pack nicely",
  shipping_type: "TIKTOK",
};
const readPayment = {
  currency: "MYR",
  sub_total: "77.90",
  shipping_fee: "2.90",
  seller_discount: "0.00",
  platform_discount: "0.00",
  total_amount: "80.80",
  original_total_product_price: "77.90",
  original_shipping_fee: "5.90",
  shipping_fee_seller_discount: "0.00",
  shipping_fee_platform_discount: "3.00",
  tax: "0.00",
};
const readLine = {
  id: "571220566080958737",
  sku_id: "1737919038713055871",
  product_id: "1705246892743545978",
  product_name: "SPF50 Sunscreen Gel",
  sku_name: "50ml",
  seller_sku: "SPF50-50ML",
  original_price: "77.90",
  sale_price: "77.90",
  seller_discount: "0.00",
  platform_discount: "0.00",
  currency: "MYR",
  display_status: "COMPLETED",
  is_gift: false,
};

/** An order as TikTok returns it: the fields read, and more the books never read. */
const asReturned = {
  ...readFields,
  tracking_number: "MF280500912985",
  warehouse_id: "7276005432284513643",
  packages: [{ id: "1135888292915315991" }],
  payment: { ...readPayment, small_order_fee: "0.00", handling_fee: "0.00" },
  line_items: [{ ...readLine, package_id: "1135888292915315991", sku_type: "NORMAL" }],
  recipient_address: {
    name: "L*e C**e K***g",
    full_address: "No. 73, Jalan SS 2/24, 50450 Kuala Lumpur",
    region_code: "MY",
    postal_code: "50450",
    phone_number: "(+60)15****188",
  },
} as unknown as Order;

describe("what the ledger keeps of a fetched order", () => {
  test("the fields ShopBooks reads, and not the address, tracking, packages or other extra fields", () => {
    expect(keptOrder(asReturned)).toEqual({ ...readFields, payment: readPayment, line_items: [readLine] });
  });

  test("a new object: changing the kept order leaves TikTok's as it was", () => {
    const kept = keptOrder(asReturned);
    kept.line_items[0].sale_price = "1.00";
    kept.payment.total_amount = "1.00";
    expect([asReturned.line_items[0].sale_price, asReturned.payment.total_amount]).toEqual(["77.90", "80.80"]);
  });

  test("a field of the wrong kind is left out; a missing payment or line items stay missing", () => {
    const odd = { id: "5", status: "DELIVERED", create_time: Number.NaN, cancel_reason: { text: "x" } } as unknown as Order;
    expect(keptOrder(odd)).toEqual({ id: "5", status: "DELIVERED" });
    expect(Object.keys(keptOrder(odd))).toEqual(["id", "status"]);
  });
});
