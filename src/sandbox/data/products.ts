/** Seeded products: realistic names, 1–4 SKUs with colour/size-style variations, seller SKUs like TEE-BLK-M. */
import { formatMoney, sen } from "../../core/money/money";
import type { Product, ProductSku } from "../../core/tiktok/types";
import { IdAllocator, type Random } from "../random";
import { EDITIONS, PRODUCT_KINDS, type VariationValue } from "./catalog";
import type { SandboxShop } from "./shops";

export const PRODUCT_STATUSES = [
  "DRAFT",
  "PENDING",
  "FAILED",
  "ACTIVATE",
  "SELLER_DEACTIVATED",
  "PLATFORM_DEACTIVATED",
  "FREEZE",
  "DELETED",
] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

export interface SandboxSku extends ProductSku {
  sales_attributes: { id: string; name: string; value_id: string; value_name: string }[];
  /** Price in sen, for order generation. */
  priceSen: number;
  /** "Black, M": what an order line shows as sku_name. */
  skuName: string;
}

export interface SandboxProduct extends Product {
  status: ProductStatus;
  skus: SandboxSku[];
  sales_regions: string[];
  product_sync_fail_reasons: string[];
  recommended_categories: { id: string; local_name: string }[];
}

const DAY = 86400;

/** About one SKU in ten gets a seller SKU typed another way, so it matches no item code. */
function messySellerSku(random: Random, clean: string): string {
  const words = clean.split("-");
  switch (random.int(0, 2)) {
    case 0:
      return words.join(" ").toLowerCase();
    case 1:
      return words.join(" ");
    default:
      return words.map((w) => w[0] + w.slice(1).toLowerCase()).join("_");
  }
}

export function generateProducts(
  random: Random,
  ids: IdAllocator,
  shop: SandboxShop,
  count: number,
  window: { start: number; end: number },
): SandboxProduct[] {
  const titleUse = new Map<string, number>();
  const kindCursor = new Map<number, number>();
  const products: SandboxProduct[] = [];
  const kindWeights = PRODUCT_KINDS.map((kind, i) => [i, kind.weight] as const);

  for (let p = 0; p < count; p++) {
    const kindIndex = random.weighted(kindWeights);
    const kind = PRODUCT_KINDS[kindIndex];
    const titleIndex = (kindCursor.get(kindIndex) ?? random.int(0, kind.titles.length - 1)) % kind.titles.length;
    kindCursor.set(kindIndex, titleIndex + 1);
    const baseTitle = kind.titles[titleIndex];
    const uses = titleUse.get(baseTitle) ?? 0;
    titleUse.set(baseTitle, uses + 1);
    const edition = uses === 0 ? "" : EDITIONS[(uses - 1) % EDITIONS.length] + (uses > EDITIONS.length ? ` ${Math.ceil(uses / EDITIONS.length)}` : "");
    const title = edition ? `${baseTitle} — ${edition}` : baseTitle;
    const baseCode = kind.codes[titleIndex];
    const code = uses === 0 ? baseCode : baseCode.includes("-") ? `${baseCode}-V${uses + 1}` : `${baseCode}${uses + 1}`;

    const basePrice = random.int(Math.ceil(kind.price[0] / 100), Math.floor(kind.price[1] / 100)) * 100 - 10;
    const combos = variationCombos(random, kind.axes.map((axis) => axis.values));
    const skus: SandboxSku[] = combos.map((values) => {
      const clean = [code, ...values.map((v) => v.code)].join("-");
      const priceSen = basePrice + values.reduce((sum, v) => sum + (v.premium ?? 0), 0);
      const price = formatMoney(sen(priceSen));
      return {
        id: ids.next("17", 19),
        seller_sku: random.chance(0.1) ? messySellerSku(random, clean) : clean,
        price: { currency: shop.currency, sale_price: price, tax_exclusive_price: price },
        inventory: [{ warehouse_id: shop.warehouseId, quantity: random.int(0, 300) }],
        sales_attributes: values.map((v, i) => ({
          id: kind.axes[i].attributeId,
          name: kind.axes[i].name,
          value_id: `${kind.axes[i].attributeId}${kind.axes[i].values.indexOf(v) + 1}`.padEnd(19, "0"),
          value_name: v.name,
        })),
        priceSen,
        skuName: values.map((v) => v.name).join(", "),
      };
    });

    // Listed before the order window opens, so every order references a product that already existed.
    const createTime = window.start - random.int(15, 400) * DAY - random.int(0, DAY - 1);
    const updateTime = createTime + random.int(0, window.end - createTime);
    products.push({
      id: ids.next("17", 19),
      title,
      status: random.weighted([
        ["ACTIVATE", 88],
        ["SELLER_DEACTIVATED", 8],
        ["DRAFT", 4],
      ] as const),
      create_time: createTime,
      update_time: updateTime,
      skus,
      sales_regions: [shop.region],
      product_sync_fail_reasons: [],
      recommended_categories: [],
    });
  }
  return products;
}

/** 1–4 distinct combinations of the axes' values, in catalogue order. */
function variationCombos(random: Random, axes: readonly (readonly VariationValue[])[]): VariationValue[][] {
  if (axes.length === 0) return [[]];
  let grid: VariationValue[][] = [[]];
  for (const values of axes) grid = grid.flatMap((prefix) => values.map((v) => [...prefix, v]));
  const count = Math.min(random.int(1, 4), grid.length);
  const chosen = new Set(random.shuffle(grid.map((_, i) => i)).slice(0, count));
  return grid.filter((_, i) => chosen.has(i));
}

/** The product as the API returns it (without the sandbox's own bookkeeping fields). */
export function wireProduct(product: SandboxProduct): Product {
  return {
    ...product,
    skus: product.skus.map(({ priceSen: _price, skuName: _name, ...sku }) => sku),
  };
}

/** The SKUs buyers can have ordered: everything but drafts. */
export function orderableSkus(products: readonly SandboxProduct[]): { product: SandboxProduct; sku: SandboxSku }[] {
  return products.filter((p) => p.status !== "DRAFT").flatMap((product) => product.skus.map((sku) => ({ product, sku })));
}
