/**
 * Seeded orders. Every amount is computed in integer sen and then formatted, so TikTok's payment
 * identities hold exactly:
 *   sub_total    = original_total_product_price − seller_discount − platform_discount
 *   shipping_fee = original_shipping_fee − shipping_fee_seller_discount − shipping_fee_platform_discount
 *   total_amount = sub_total + shipping_fee + tax
 * and for each line item: sale_price = original_price − seller_discount − platform_discount.
 */
import { formatMoney, sen } from "../../core/money/money";
import type { Order, OrderLineItem, OrderPayment, OrderStatus } from "../../core/tiktok/types";
import { IdAllocator, type Random } from "../random";
import { BUYER_MESSAGES, BUYER_NAMES, CANCEL_REASONS, COURIERS, PAYMENT_METHODS, PLACES, STREETS, maskName, type MalaysianPlace } from "./malaysia";
import { orderableSkus, type SandboxProduct, type SandboxSku } from "./products";
import type { SandboxShop } from "./shops";

export interface SandboxPayment extends OrderPayment {
  tax: string;
  shipping_fee_cofunded_discount: string;
  small_order_fee: string;
  shipping_fee_tax: string;
  product_tax: string;
  retail_delivery_fee: string;
  buyer_service_fee: string;
  handling_fee: string;
  shipping_insurance_fee: string;
  item_insurance_fee: string;
}

export interface SandboxLineItem extends OrderLineItem {
  is_gift: boolean;
  package_status: string;
  package_id?: string;
  tracking_number?: string;
  shipping_provider_id?: string;
  shipping_provider_name?: string;
  rts_time?: number;
  sku_type: "NORMAL";
  is_dangerous_good: boolean;
}

export interface SandboxAddress {
  name: string;
  first_name: string;
  last_name: string;
  phone_number: string;
  full_address: string;
  address_detail: string;
  address_line1: string;
  address_line2: string;
  address_line3: string;
  address_line4: string;
  postal_code: string;
  region_code: string;
  district_info: { address_level_name: string; address_name: string; address_level: string }[];
}

export interface SandboxOrder extends Order {
  rts_time?: number;
  rts_sla_time?: number;
  tts_sla_time?: number;
  collection_time?: number;
  seller_note: string;
  shipping_provider?: string;
  shipping_provider_id?: string;
  tracking_number?: string;
  fulfillment_type: "FULFILLMENT_BY_SELLER";
  delivery_type: "HOME_DELIVERY";
  delivery_option_id: string;
  delivery_option_name: string;
  warehouse_id: string;
  has_updated_recipient_address: boolean;
  is_cod: boolean;
  is_sample_order: boolean;
  is_on_hold_order: boolean;
  is_replacement_order: boolean;
  is_buyer_request_cancel: boolean;
  order_type: "";
  payment_method_name: string;
  commerce_platform: "TIKTOK_SHOP";
  packages: { id: string }[];
  payment: SandboxPayment;
  line_items: SandboxLineItem[];
  recipient_address?: SandboxAddress;
}

const MINUTE = 60;
const HOUR = 3600;
const DAY = 86400;

/** Status weights by the order's age: fresh orders wait for shipping, old ones are completed. */
function statusWeights(ageSeconds: number): readonly (readonly [OrderStatus, number])[] {
  if (ageSeconds < 2 * HOUR) {
    return [["UNPAID", 20], ["ON_HOLD", 6], ["AWAITING_SHIPMENT", 64], ["CANCELLED", 10]];
  }
  if (ageSeconds < DAY) {
    return [["UNPAID", 4], ["ON_HOLD", 1], ["AWAITING_SHIPMENT", 52], ["AWAITING_COLLECTION", 35], ["CANCELLED", 8]];
  }
  if (ageSeconds < 3 * DAY) {
    return [["AWAITING_SHIPMENT", 8], ["AWAITING_COLLECTION", 17], ["IN_TRANSIT", 65], ["DELIVERED", 3], ["CANCELLED", 7]];
  }
  if (ageSeconds < 8 * DAY) {
    return [["IN_TRANSIT", 14], ["DELIVERED", 74], ["COMPLETED", 6], ["CANCELLED", 6]];
  }
  return [["DELIVERED", 9], ["COMPLETED", 85], ["CANCELLED", 6]];
}

const YOUNG_STATUSES: readonly OrderStatus[] = ["UNPAID", "ON_HOLD", "AWAITING_SHIPMENT", "AWAITING_COLLECTION", "IN_TRANSIT"];
/** PARTIALLY_SHIPPING needs split shipments, which the sandbox does not model. */
export const SEEDED_STATUSES: readonly OrderStatus[] = [...YOUNG_STATUSES, "DELIVERED", "COMPLETED", "CANCELLED"];

interface Buyer {
  userId: string;
  email: string;
  name: string;
  phone: string;
  place: MalaysianPlace;
  line1: string;
}

interface Timeline {
  paid?: number;
  rts?: number;
  collected?: number;
  delivered?: number;
  completed?: number;
  cancelled?: number;
  initiator?: "BUYER" | "SELLER" | "SYSTEM";
}

export function generateOrders(
  random: Random,
  ids: IdAllocator,
  shop: SandboxShop,
  products: readonly SandboxProduct[],
  count: number,
  window: { start: number; end: number },
): SandboxOrder[] {
  const skus = orderableSkus(products);
  if (count > 0 && skus.length === 0) throw new RangeError("The shop has no orderable products; seed at least one product.");
  const giftSkus = [...skus].sort((a, b) => a.sku.priceSen - b.sku.priceSen).slice(0, Math.max(1, Math.ceil(skus.length / 5)));
  const buyers = Array.from({ length: Math.max(1, Math.ceil(count * 0.7)) }, () => makeBuyer(random, ids));

  const span = Math.max(1, window.end - window.start);
  const createTimes = Array.from({ length: count }, () => window.start + Math.floor(random.next() * span));
  const statuses = createTimes.map((t) => random.weighted(statusWeights(window.end - t)));
  ensureEveryStatus(statuses, createTimes);

  return createTimes.map((createTime, i) => {
    const status = statuses[i];
    const buyer = random.pick(buyers);
    const timeline = makeTimeline(random, status, window.end - createTime);
    const at = (offset: number | undefined) => (offset === undefined ? undefined : createTime + offset);
    const courier = random.pick(COURIERS);
    const packageId = timeline.paid !== undefined ? ids.next("11", 19) : undefined;
    const trackingNumber = timeline.rts !== undefined ? courier.trackingPrefix + random.digits(12) : undefined;
    const method = random.weighted(PAYMENT_METHODS);
    const cancelReason = timeline.initiator ? random.pick(CANCEL_REASONS[timeline.initiator]) : undefined;

    const lines = makeLineItems(random, skus, giftSkus);
    const shipping = makeShipping(random, buyer.place);
    const lineItems: SandboxLineItem[] = lines.map((line) => ({
      id: ids.next("57", 18),
      sku_id: line.sku.id,
      product_id: line.product.id,
      product_name: line.product.title,
      sku_name: line.sku.skuName,
      seller_sku: line.sku.seller_sku,
      original_price: money(line.original),
      sale_price: money(line.original - line.sellerDiscount - line.platformDiscount),
      seller_discount: money(line.sellerDiscount),
      platform_discount: money(line.platformDiscount),
      currency: shop.currency,
      display_status: status === "ON_HOLD" ? "AWAITING_SHIPMENT" : status,
      package_status: packageStatus(status),
      ...(packageId ? { package_id: packageId } : {}),
      ...(trackingNumber
        ? { tracking_number: trackingNumber, shipping_provider_id: courier.id, shipping_provider_name: courier.name, rts_time: at(timeline.rts) }
        : {}),
      is_gift: line.gift,
      ...(status === "CANCELLED" ? { cancel_user: timeline.initiator, cancel_reason: cancelReason } : {}),
      sku_type: "NORMAL",
      is_dangerous_good: false,
    }));

    const original = lines.reduce((sum, l) => sum + l.original, 0);
    const sellerDiscount = lines.reduce((sum, l) => sum + l.sellerDiscount, 0);
    const platformDiscount = lines.reduce((sum, l) => sum + l.platformDiscount, 0);
    const subTotal = original - sellerDiscount - platformDiscount;
    const shippingFee = shipping.original - shipping.sellerDiscount - shipping.platformDiscount;
    const tax = 0;
    const payment: SandboxPayment = {
      currency: shop.currency,
      sub_total: money(subTotal),
      shipping_fee: money(shippingFee),
      seller_discount: money(sellerDiscount),
      platform_discount: money(platformDiscount),
      total_amount: money(subTotal + shippingFee + tax),
      original_total_product_price: money(original),
      original_shipping_fee: money(shipping.original),
      shipping_fee_seller_discount: money(shipping.sellerDiscount),
      shipping_fee_platform_discount: money(shipping.platformDiscount),
      shipping_fee_cofunded_discount: "0.00",
      tax: money(tax),
      small_order_fee: "0.00",
      shipping_fee_tax: "0.00",
      product_tax: "0.00",
      retail_delivery_fee: "0.00",
      buyer_service_fee: "0.00",
      handling_fee: "0.00",
      shipping_insurance_fee: "0.00",
      item_insurance_fee: "0.00",
    };

    const events = [0, timeline.paid, timeline.rts, timeline.collected, timeline.delivered, timeline.completed, timeline.cancelled];
    const updateOffset = Math.max(...events.filter((e): e is number => e !== undefined));
    const order: SandboxOrder = {
      id: ids.next("57", 18),
      status,
      create_time: createTime,
      update_time: createTime + updateOffset,
      ...(timeline.paid !== undefined
        ? { paid_time: at(timeline.paid), rts_sla_time: at(timeline.paid + 3 * DAY), tts_sla_time: at(timeline.paid + 7 * DAY) }
        : {}),
      ...(timeline.rts !== undefined ? { rts_time: at(timeline.rts) } : {}),
      ...(timeline.collected !== undefined ? { collection_time: at(timeline.collected) } : {}),
      ...(timeline.delivered !== undefined ? { delivery_time: at(timeline.delivered) } : {}),
      ...(status === "CANCELLED"
        ? { cancel_time: at(timeline.cancelled), cancel_reason: cancelReason, cancellation_initiator: timeline.initiator }
        : {}),
      user_id: buyer.userId,
      buyer_email: buyer.email,
      buyer_message: random.pick(BUYER_MESSAGES),
      seller_note: "",
      shipping_type: "TIKTOK",
      ...(trackingNumber ? { shipping_provider: courier.name, shipping_provider_id: courier.id, tracking_number: trackingNumber } : {}),
      fulfillment_type: "FULFILLMENT_BY_SELLER",
      delivery_type: "HOME_DELIVERY",
      delivery_option_id: "7091146663229327106",
      delivery_option_name: "Standard shipping",
      warehouse_id: shop.warehouseId,
      has_updated_recipient_address: false,
      is_cod: method === "Cash on Delivery",
      is_sample_order: false,
      is_on_hold_order: status === "ON_HOLD",
      is_replacement_order: false,
      is_buyer_request_cancel: false,
      order_type: "",
      payment_method_name: method,
      commerce_platform: "TIKTOK_SHOP",
      packages: packageId ? [{ id: packageId }] : [],
      payment,
      line_items: lineItems,
      // Not available while the order is UNPAID or ON_HOLD.
      ...(status === "UNPAID" || status === "ON_HOLD" ? {} : { recipient_address: address(random, buyer) }),
    };
    return order;
  });
}

function money(value: number): string {
  return formatMoney(sen(value));
}

function packageStatus(status: OrderStatus): string {
  switch (status) {
    case "AWAITING_COLLECTION":
      return "PROCESSING";
    case "IN_TRANSIT":
      return "FULFILLING";
    case "DELIVERED":
    case "COMPLETED":
      return "COMPLETED";
    case "CANCELLED":
      return "CANCELLED";
    default:
      return "TO_FULFILL";
  }
}

/** With enough orders, every seeded status appears at least once (young ones on the newest orders). */
function ensureEveryStatus(statuses: OrderStatus[], createTimes: number[]): void {
  if (statuses.length < SEEDED_STATUSES.length * 2) return;
  const newestFirst = createTimes.map((t, i) => [t, i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]).map(([, i]) => i);
  const forced = new Set<number>();
  for (const status of SEEDED_STATUSES) {
    if (statuses.includes(status)) continue;
    const candidates = YOUNG_STATUSES.includes(status) || status === "CANCELLED" ? newestFirst : [...newestFirst].reverse();
    const counts = new Map<OrderStatus, number>();
    for (const s of statuses) counts.set(s, (counts.get(s) ?? 0) + 1);
    const index = candidates.find((i) => !forced.has(i) && (counts.get(statuses[i]) ?? 0) > 1);
    if (index === undefined) return;
    statuses[index] = status;
    forced.add(index);
  }
}

/** Event offsets from create_time, squeezed to fit before the end of the window. */
function makeTimeline(random: Random, status: OrderStatus, ageSeconds: number): Timeline {
  const paid = random.int(10, 20 * MINUTE);
  const rts = paid + random.int(2 * HOUR, 36 * HOUR);
  const collected = rts + random.int(1 * HOUR, 12 * HOUR);
  const delivered = collected + random.int(1 * DAY, 4 * DAY);
  const completed = delivered + random.int(3 * DAY, 8 * DAY);
  let t: Timeline;
  switch (status) {
    case "UNPAID":
      t = {};
      break;
    case "ON_HOLD":
    case "AWAITING_SHIPMENT":
      t = { paid };
      break;
    case "AWAITING_COLLECTION":
      t = { paid, rts };
      break;
    case "IN_TRANSIT":
      t = { paid, rts, collected };
      break;
    case "DELIVERED":
      t = { paid, rts, collected, delivered };
      break;
    case "COMPLETED":
      t = { paid, rts, collected, delivered, completed };
      break;
    default: {
      const initiator = random.weighted([["BUYER", 50], ["SYSTEM", 30], ["SELLER", 20]] as const);
      if (initiator === "SYSTEM" && random.chance(0.7)) t = { cancelled: random.int(1 * HOUR, 2 * DAY), initiator };
      else if (initiator === "SYSTEM") t = { paid, rts, collected, cancelled: collected + random.int(2 * DAY, 5 * DAY), initiator };
      else t = { paid, cancelled: paid + random.int(10 * MINUTE, 30 * HOUR), initiator };
    }
  }
  const last = Math.max(0, ...[t.paid, t.rts, t.collected, t.delivered, t.completed, t.cancelled].filter((e): e is number => e !== undefined));
  const room = Math.max(0, ageSeconds - 1);
  if (last <= room) return t;
  const scale = (e: number | undefined) => (e === undefined ? undefined : Math.floor((e * room) / last));
  return {
    paid: scale(t.paid),
    rts: scale(t.rts),
    collected: scale(t.collected),
    delivered: scale(t.delivered),
    completed: scale(t.completed),
    cancelled: scale(t.cancelled),
    initiator: t.initiator,
  };
}

interface PlannedLine {
  product: SandboxProduct;
  sku: SandboxSku;
  original: number;
  sellerDiscount: number;
  platformDiscount: number;
  gift: boolean;
}

/** 1–3 SKUs, some bought 2–3 times: one line item per unit, the same sku_id repeated. */
function makeLineItems(
  random: Random,
  skus: readonly { product: SandboxProduct; sku: SandboxSku }[],
  giftSkus: readonly { product: SandboxProduct; sku: SandboxSku }[],
): PlannedLine[] {
  const distinct = Math.min(skus.length, random.weighted([[1, 60], [2, 28], [3, 12]] as const));
  const chosen = random.shuffle(skus.map((_, i) => i)).slice(0, distinct).map((i) => skus[i]);
  const lines: PlannedLine[] = [];
  for (const { product, sku } of chosen) {
    const quantity = random.chance(0.18) ? random.int(2, 3) : 1;
    const original = sku.priceSen;
    const sellerDiscount = random.chance(0.3) ? Math.round((original * random.int(5, 25)) / 1000) * 10 : 0;
    const platformRoom = Math.max(0, original - sellerDiscount - 100);
    const platformDiscount = random.chance(0.22) ? Math.min(random.int(10, 50) * 10, platformRoom) : 0;
    for (let unit = 0; unit < quantity; unit++) lines.push({ product, sku, original, sellerDiscount, platformDiscount, gift: false });
  }
  if (random.chance(0.04)) {
    const { product, sku } = random.pick(giftSkus);
    lines.push({ product, sku, original: 0, sellerDiscount: 0, platformDiscount: 0, gift: true });
  }
  return lines;
}

function makeShipping(random: Random, place: MalaysianPlace): { original: number; sellerDiscount: number; platformDiscount: number } {
  const original = place.east ? random.pick([890, 1050]) : random.pick([490, 590, 650]);
  const platformDiscount = random.chance(0.55) ? (random.chance(0.6) ? original : Math.min(300, original)) : 0;
  const sellerDiscount = random.chance(0.1) ? Math.min(random.int(10, 20) * 10, original - platformDiscount) : 0;
  return { original, sellerDiscount, platformDiscount };
}

function makeBuyer(random: Random, ids: IdAllocator): Buyer {
  const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
  const handle = Array.from({ length: 6 }, () => random.pick([...letters])).join("");
  return {
    userId: ids.next("7", 19),
    email: `${handle}@scs2.tiktok.com`,
    name: random.pick(BUYER_NAMES),
    phone: `(+60)1${random.int(0, 9)}****${random.digits(3)}`,
    place: random.pick(PLACES),
    line1: `No. ${random.int(1, 120)}, ${random.pick(STREETS)}`,
  };
}

function address(random: Random, buyer: Buyer): SandboxAddress {
  const masked = maskName(buyer.name);
  const [first, ...rest] = masked.split(" ");
  const { place } = buyer;
  return {
    name: masked,
    first_name: first,
    last_name: rest.join(" "),
    phone_number: buyer.phone,
    full_address: `${buyer.line1}, ${place.postalCode} ${place.city}, ${place.state}, Malaysia`,
    address_detail: buyer.line1,
    address_line1: buyer.line1,
    address_line2: random.chance(0.3) ? `Taman ${random.pick(["Melati", "Sri Hartamas", "Tun Dr Ismail", "Desa"])}` : "",
    address_line3: "",
    address_line4: "",
    postal_code: place.postalCode,
    region_code: "MY",
    district_info: [
      { address_level_name: "Country", address_name: "Malaysia", address_level: "L0" },
      { address_level_name: "State", address_name: place.state, address_level: "L1" },
      { address_level_name: "City", address_name: place.city, address_level: "L2" },
    ],
  };
}
