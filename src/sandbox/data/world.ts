/** Everything the sandbox knows about its shops, built once from the seed when it starts. */
import { addDays, dayStartEpoch, isBusinessDate } from "../../core/dates/business-date";
import type { SandboxApp } from "../credentials";
import { IdAllocator, randomStream } from "../random";
import { generateCancellations, type CancellationRecord } from "./cancellations";
import { generateOrders, type SandboxOrder } from "./orders";
import { generateProducts, type SandboxProduct } from "./products";
import { generateSettlements, type ShopSettlements } from "./settlements";
import { generateShops, type SandboxShop } from "./shops";

export interface WorldOptions {
  seed: number;
  shops: number;
  products: number;
  orders: number;
  days: number;
  /** 'YYYY-MM-DD' in Asia/Kuala_Lumpur: the last day of the order window. */
  endDate: string;
  /** Epoch seconds when the sandbox starts: no order is created after it. */
  now: number;
}

export interface ShopData {
  shop: SandboxShop;
  products: SandboxProduct[];
  orders: SandboxOrder[];
  ordersById: Map<string, SandboxOrder>;
  settlements: ShopSettlements;
  cancellations: CancellationRecord[];
}

export interface World {
  /** [start, end) in epoch seconds: orders are created inside it. */
  window: { start: number; end: number };
  shops: ShopData[];
  shopById: Map<string, ShopData>;
  shopByCipher: Map<string, ShopData>;
}

export class WorldOptionsError extends Error {
  readonly code = "SANDBOX_OPTIONS";
}

function whole(name: string, value: number, min: number, max: number): void {
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw new WorldOptionsError(`${name} must be a whole number from ${min} to ${max}; got ${value}.`);
  }
}

export function buildWorld(options: WorldOptions, app: SandboxApp): World {
  whole("seed", options.seed, 0, 2 ** 32 - 1);
  whole("shops", options.shops, 1, 50);
  whole("products", options.products, 1, 100_000);
  whole("orders", options.orders, 0, 200_000);
  whole("days", options.days, 1, 3660);
  if (!isBusinessDate(options.endDate)) {
    throw new WorldOptionsError(`endDate must be a date like 2024-06-30; got "${options.endDate}".`);
  }
  const start = dayStartEpoch(addDays(options.endDate, -(options.days - 1)));
  const end = Math.min(dayStartEpoch(addDays(options.endDate, 1)), Math.floor(options.now));
  if (end <= start) {
    throw new WorldOptionsError(`endDate ${options.endDate} is after the sandbox clock's today; pick today or an earlier date.`);
  }
  const window = { start, end };

  const shops = generateShops(options.seed, options.shops, app).map((shop): ShopData => {
    const ids = new IdAllocator(randomStream(options.seed, `shop:${shop.index}:ids`));
    const products = generateProducts(randomStream(options.seed, `shop:${shop.index}:products`), ids, shop, options.products, window);
    const orders = generateOrders(randomStream(options.seed, `shop:${shop.index}:orders`), ids, shop, products, options.orders, window);
    // Drawn after the orders, from streams of their own: adding finance never changes products or orders.
    const afterSales = randomStream(options.seed, `shop:${shop.index}:after-sales`);
    const settlements = generateSettlements(randomStream(options.seed, `shop:${shop.index}:finance`), ids, products, orders, window);
    const cancellations = generateCancellations(afterSales, ids, orders);
    return { shop, products, orders, ordersById: new Map(orders.map((o) => [o.id, o])), settlements, cancellations };
  });
  return {
    window,
    shops,
    shopById: new Map(shops.map((s) => [s.shop.id, s])),
    shopByCipher: new Map(shops.map((s) => [s.shop.cipher, s])),
  };
}
