/** What the seeded Malaysian shops sell: product kinds, their variations and seller SKU codes. */

export interface VariationValue {
  name: string;
  /** Part of the seller SKU, e.g. "BLK" in TEE-BLK-M. */
  code: string;
  /** Added to the base price, in sen. */
  premium?: number;
}

export interface VariationAxis {
  /** TikTok's sales attribute name, e.g. "Color". */
  name: string;
  attributeId: string;
  values: readonly VariationValue[];
}

export interface ProductKind {
  titles: readonly string[];
  /** Seller SKU prefixes, one per title. */
  codes: readonly string[];
  /** Base price range in sen (inclusive). */
  price: readonly [number, number];
  axes: readonly VariationAxis[];
  /** Relative weight in a shop's catalogue. */
  weight: number;
}

const COLOURS: VariationAxis = {
  name: "Color",
  attributeId: "100000",
  values: [
    { name: "Black", code: "BLK" },
    { name: "White", code: "WHT" },
    { name: "Navy", code: "NVY" },
    { name: "Grey", code: "GRY" },
    { name: "Red", code: "RED" },
    { name: "Sage Green", code: "SGE" },
    { name: "Beige", code: "BGE" },
  ],
};

const SIZES: VariationAxis = {
  name: "Size",
  attributeId: "100007",
  values: [
    { name: "S", code: "S" },
    { name: "M", code: "M" },
    { name: "L", code: "L" },
    { name: "XL", code: "XL", premium: 200 },
    { name: "2XL", code: "2XL", premium: 400 },
  ],
};

const PHONE_MODELS: VariationAxis = {
  name: "Phone Model",
  attributeId: "100198",
  values: [
    { name: "iPhone 15", code: "IP15" },
    { name: "iPhone 15 Pro", code: "IP15P" },
    { name: "iPhone 16", code: "IP16" },
    { name: "Samsung Galaxy S24", code: "S24" },
    { name: "Redmi Note 13", code: "RN13" },
    { name: "OPPO Reno 11", code: "RENO11" },
  ],
};

const VOLUMES: VariationAxis = {
  name: "Volume",
  attributeId: "100230",
  values: [
    { name: "30ml", code: "30ML" },
    { name: "50ml", code: "50ML", premium: 1500 },
    { name: "100ml", code: "100ML", premium: 3500 },
  ],
};

const PACKS: VariationAxis = {
  name: "Pack",
  attributeId: "100412",
  values: [
    { name: "1 pack", code: "1P" },
    { name: "3 packs", code: "3P", premium: 1800 },
    { name: "5 packs", code: "5P", premium: 3200 },
  ],
};

export const PRODUCT_KINDS: readonly ProductKind[] = [
  {
    titles: ["Oversized Cotton Tee", "Basic Crew Neck T-Shirt", "Graphic Tee Kopi O", "Dri-Fit Sports Tee", "Linen Blend Tee"],
    codes: ["OVT", "TEE", "GTE", "DFT", "LNT"],
    price: [2990, 5990],
    axes: [COLOURS, SIZES],
    weight: 5,
  },
  {
    titles: ["Classic Baseball Cap", "Bucket Hat", "Trucker Cap Mesh"],
    codes: ["CAP", "BKT", "TRK"],
    price: [1990, 3990],
    axes: [COLOURS],
    weight: 3,
  },
  {
    titles: ["Clear Shockproof Phone Case", "MagSafe Silicone Case", "Card Holder Phone Case"],
    codes: ["CASE", "MSC", "CHC"],
    price: [1590, 4500],
    axes: [PHONE_MODELS],
    weight: 3,
  },
  {
    titles: ["Niacinamide Brightening Serum", "Hyaluronic Moisturiser", "SPF50 Sunscreen Gel", "Gentle Foaming Cleanser"],
    codes: ["NIA", "HYA", "SPF50", "CLN"],
    price: [2490, 8900],
    axes: [VOLUMES],
    weight: 4,
  },
  {
    titles: ["Bawal Cotton Voile", "Instant Shawl Chiffon"],
    codes: ["BWL", "SHW"],
    price: [1500, 3500],
    axes: [COLOURS],
    weight: 2,
  },
  {
    titles: ["Canvas Tote Bag", "Stainless Steel Tumbler 900ml"],
    codes: ["TOTE", "TMB"],
    price: [1990, 4990],
    axes: [COLOURS],
    weight: 2,
  },
  {
    titles: ["Ankle Socks", "Face Mask 3-Ply"],
    codes: ["SCK", "MSK"],
    price: [990, 1990],
    axes: [PACKS],
    weight: 2,
  },
  {
    titles: ["20W USB-C Fast Charger", "Sambal Garing 200g", "Kopi Tenom Premium 250g", "Braided USB-C Cable 1m"],
    codes: ["CHG-20W", "SMB-200", "KOPI-250", "CBL-1M"],
    price: [890, 4990],
    axes: [],
    weight: 3,
  },
];

/** Words that tell repeated titles apart when a shop has more products than the catalogue has titles. */
export const EDITIONS: readonly string[] = ["Classic", "Premium", "Everyday", "Raya Edition", "Limited", "Essentials", "Lite", "Pro"];
