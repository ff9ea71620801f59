/** Seeded Malaysian shops and the seller accounts that log in to authorize them (seller N owns shop N). */
import { derivedToken, type SandboxApp } from "../credentials";
import { IdAllocator, randomStream } from "../random";

export interface SellerAccount {
  email: string;
  password: string;
  openId: string;
  sellerName: string;
}

export interface SandboxShop {
  /** 1-based, as in seller1@… */
  index: number;
  id: string;
  cipher: string;
  name: string;
  region: "MY";
  sellerType: "LOCAL";
  /** Seller Center shop code. */
  code: string;
  currency: "MYR";
  warehouseId: string;
  seller: SellerAccount;
}

const SHOP_NAMES = ["Kedai Threads MY", "Lumi Skin Malaysia", "Kopi & Kain Store", "Bunga Raya Goods", "Petaling Street Finds"];

/** Sandbox sellers share one demo password; it guards nothing real. */
export const DEMO_PASSWORD = "sandbox-demo-1";

export const SELLER_EMAIL_DOMAIN = "sandbox.shopbooks.test";

export function generateShops(seed: number, count: number, app: SandboxApp): SandboxShop[] {
  const random = randomStream(seed, "shops");
  const ids = new IdAllocator(random);
  const shops: SandboxShop[] = [];
  for (let index = 1; index <= count; index++) {
    const id = ids.next("7", 19);
    const base = SHOP_NAMES[(index - 1) % SHOP_NAMES.length];
    const name = index > SHOP_NAMES.length ? `${base} ${Math.ceil(index / SHOP_NAMES.length)}` : base;
    const code = "MYLC" + derivedToken(app, "", `shop-code:${id}`, 12).replace(/[^A-Za-z0-9]/g, "").toUpperCase().slice(0, 8).padEnd(8, "X");
    shops.push({
      index,
      id,
      cipher: derivedToken(app, "ROW_", `shop-cipher:${id}`, 21),
      name,
      region: "MY",
      sellerType: "LOCAL",
      code,
      currency: "MYR",
      warehouseId: ids.next("7", 19),
      seller: {
        email: `seller${index}@${SELLER_EMAIL_DOMAIN}`,
        password: DEMO_PASSWORD,
        openId: ids.next("7", 19),
        sellerName: name,
      },
    });
  }
  return shops;
}
