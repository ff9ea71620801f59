/**
 * Fee map: settlement fee columns → fee bucket → item code (WORKED-EXAMPLE "Default fee map").
 * Only parent columns are mapped. Children (the shipping parts inside "Seller shipping fee", the PIT parts
 * inside a Vietnamese affiliate commission) are already counted in their parent and are never added again.
 * A map is plain data, so a store can keep its own copy and override any part of it.
 */
import { formatMoney, sen, type Sen } from "../money/money";
import { normalizeHeader } from "../settlement/columns";

export const FEE_BUCKETS = [
  "Transaction",
  "Commission",
  "Shipping",
  "Affiliate",
  "Service",
  "Adjustment",
  "Other fees",
] as const;
export type FeeBucket = (typeof FEE_BUCKETS)[number];

export interface FeeMap {
  /** Fee parent columns, named as exported (case and spacing do not matter) → bucket. */
  parents: Record<string, FeeBucket>;
  /** Columns already inside a parent: never added to a bucket. */
  children: string[];
  /** Item code of each bucket's invoice line. */
  items: Record<FeeBucket, string>;
}

const bucket = (name: FeeBucket, columns: string[]) => columns.map((c) => [c, name] as const);

export const DEFAULT_FEE_MAP: FeeMap = {
  parents: Object.fromEntries([
    ...bucket("Transaction", [
      "Transaction fee",
      "Credit card installment - Handling fee",
      "Credit card installment - Interest rate cost",
      "TikTok PayLater program fee",
      "PayLater program fee",
      "PayLater Handling Fee",
      "Payment fee",
    ]),
    ...bucket("Commission", [
      "TikTok Shop commission fee",
      "Platform commission fee",
      "Dynamic commission",
      "Referral fee",
      "Flat fee",
      "Sales fee",
    ]),
    ...bucket("Shipping", ["Seller shipping fee", "Shipping cost", "Shipping"]),
    ...bucket("Affiliate", [
      "Affiliate Commission",
      "Affiliate partner commission",
      "Affiliate Shop Ads commission",
      "Affiliate commission deposit",
      "Affiliate commission refund",
      "Affiliate Partner shop ads commission",
      "Est. affiliate commission",
    ]),
    ...bucket("Service", [
      "SFP service fee",
      "Shipping Fee Program service fee",
      "Bonus cashback service fee",
      "LIVE Specials service fee",
      "SST",
      "GST",
      "VAT",
      "Voucher Xtra service fee",
      "EAMS Program service fee",
      "Brands Crazy Deals/Flash Sale service fee",
      "Brand Crazy Deals/Flash Sale service fee",
      "Flash Sale service fee",
      "Campaign resource fee",
      "Platform support fee",
      "Pre-order service fee",
      "Mall service fee",
      "Order processing fee",
      "Shipping service fee",
      "DT Handling Fee",
      "Dilayani Tokopedia fee",
      "Dilayani Tokopedia handling fee",
      "Installation service fee",
      "Platform special service fee",
      "GMV Max ad fee",
      "Article 22 Income Tax withheld",
      "Commerce growth fee",
      "Infrastructure fee",
      "SFR service fee",
      "VAT withheld by TikTok Shop",
      "PIT withheld by TikTok Shop",
      "Refund administration fee",
      "Sales tax on referral fees",
      "Co-funded promotion (seller-funded)",
      "Co-funded Promotion campaign period fee",
      "Campaign service fee",
      "Smart Promotion fee",
      "Managed service plan (Per order fee)",
    ]),
  ]),
  children: [
    // inside "Seller shipping fee" (SEA)
    "Actual shipping fee",
    "Platform shipping fee discount",
    "Customer shipping fee",
    "Refund customer shipping fee",
    "Refunded customer shipping fee",
    "Actual return shipping fee",
    "Shipping fee subsidy",
    "Shipping subsidy",
    "Failed delivery subsidy",
    // inside "Shipping cost" (Indonesia)
    "Shipping costs passed on to the logistics provider",
    "Replacement shipping fee (passed on to the customer)",
    "Exchange shipping fee (passed on to the customer)",
    "Shipping cost borne by the platform",
    "Shipping cost paid by the customer",
    "Refunded shipping cost paid by the customer",
    "Return shipping costs (passed on to the customer)",
    "Return shipping costs passed on to the customer",
    "Shipping cost subsidy",
    "Distance shipping fee from Horizon+ Program",
    // inside the Vietnamese affiliate commissions
    "Affiliate commission before PIT (personal income tax)",
    "Personal income tax withheld from affiliate commission",
    "Affiliate Shop Ads Commission before PIT",
    "Personal income tax withheld from affiliate Shop Ads commission",
    // inside "Shipping" (US)
    "TikTok Shop shipping fee",
    "Fulfilled by TikTok Shop (FBT) shipping fee",
    "Fulfilled by TikTok Shop shipping fee",
    "FBT fulfillment fee",
    "FBT fulfillment fee reimbursement",
    "Customer shipping fee offset",
    "Limited-time sign up shipping incentive",
    "Signature confirmation service fee",
    "Shipping insurance fee",
    "Customer-paid shipping fee",
    "Customer-paid shipping fee refund",
    "TikTok Shop shipping incentive",
    "TikTok Shop shipping incentive refund",
    "Return shipping fee",
    "Shipping fee discount",
    "Fee for FBT free shipping",
    "Return shipping label fee",
    "Return shipping fee reimbursement",
  ],
  items: {
    Transaction: "TT-TRXFEE",
    Commission: "TT-COMMISSION",
    Shipping: "TT-SHIPPING",
    Affiliate: "TT-AFFILIATE",
    Service: "TT-SERVICEFEE",
    Adjustment: "TT-ADJUSTMENT",
    "Other fees": "TT-SERVICEFEE",
  },
};

export interface FeeMapOverrides {
  parents?: Record<string, FeeBucket>;
  children?: string[];
  items?: Partial<Record<FeeBucket, string>>;
}

/** A store's map: the base with some columns moved or added, and some item codes replaced. */
export function feeMapWith(base: FeeMap, overrides: FeeMapOverrides): FeeMap {
  const moved = new Set(Object.keys(overrides.parents ?? {}).map(normalizeHeader));
  return {
    parents: { ...base.parents, ...overrides.parents },
    children: [...base.children.filter((c) => !moved.has(normalizeHeader(c))), ...(overrides.children ?? [])],
    items: { ...base.items, ...overrides.items },
  };
}

/** The store setup's fee items (the ledger's FeeItems shape) as the items of a map. */
export function feeMapItems(feeItems: {
  transaction: string;
  commission: string;
  shipping: string;
  affiliate: string;
  service: string;
  adjustment: string;
}): Record<FeeBucket, string> {
  return {
    Transaction: feeItems.transaction,
    Commission: feeItems.commission,
    Shipping: feeItems.shipping,
    Affiliate: feeItems.affiliate,
    Service: feeItems.service,
    Adjustment: feeItems.adjustment,
    "Other fees": feeItems.service,
  };
}

export type FeeColumnRole = { kind: "parent"; bucket: FeeBucket } | { kind: "child" };

const compiled = new WeakMap<FeeMap, Map<string, FeeColumnRole>>();

function rolesOf(map: FeeMap): Map<string, FeeColumnRole> {
  let roles = compiled.get(map);
  if (!roles) {
    roles = new Map();
    for (const child of map.children) roles.set(normalizeHeader(child), { kind: "child" });
    for (const [column, b] of Object.entries(map.parents))
      roles.set(normalizeHeader(column), { kind: "parent", bucket: b });
    compiled.set(map, roles);
  }
  return roles;
}

export function feeColumnRole(map: FeeMap, header: string): FeeColumnRole | undefined {
  return rolesOf(map).get(normalizeHeader(header));
}

/** How one file's columns feed the buckets, decided once from its header. */
export interface FeeColumnPlan {
  parents: { index: number; header: string; bucket: FeeBucket }[];
  /** Numeric columns the map does not know, inside the file's fee block: booked as Other fees. */
  otherFees: { index: number; header: string }[];
  /** Numeric columns outside the sum (children, unknown columns elsewhere), looked at only to explain a mismatch. */
  outside: { index: number; header: string }[];
}

/**
 * `feeBlock` holds the indexes of the columns between the file's fee total and its adjustment column:
 * an unknown column there is a fee. `known` tells which headers have another role (revenue, memo, IDs).
 */
export function planFeeColumns(
  map: FeeMap,
  headers: string[],
  feeBlock: (index: number) => boolean,
  known: (index: number) => boolean,
): FeeColumnPlan {
  const plan: FeeColumnPlan = { parents: [], otherFees: [], outside: [] };
  headers.forEach((header, index) => {
    const role = feeColumnRole(map, header);
    if (role?.kind === "parent") plan.parents.push({ index, header, bucket: role.bucket });
    else if (role?.kind === "child") plan.outside.push({ index, header });
    else if (!known(index) && header.trim() !== "") {
      (feeBlock(index) ? plan.otherFees : plan.outside).push({ index, header });
    }
  });
  return plan;
}

export interface FeeAllocation {
  buckets: Partial<Record<FeeBucket, Sen>>;
  /** Σ of the mapped columns. */
  mapped: Sen;
  /** Set when Σ mapped ≠ the file's fee total: which column to look at, and what to do. */
  mismatch?: { column: string | null; message: string };
}

/** Each bucket's running sum and the order buckets were first met in, reused from call to call. */
const bucketSums = new Array<number>(FEE_BUCKETS.length).fill(0);
const bucketOrder = new Array<number>(FEE_BUCKETS.length).fill(0);
const OTHER_FEES = FEE_BUCKETS.indexOf("Other fees");

/** A plan's summed columns (parents, then other fees) and their buckets by position in FEE_BUCKETS. */
interface FlatPlan {
  columns: Int32Array;
  buckets: Uint8Array;
}

const flatPlans = new WeakMap<FeeColumnPlan, FlatPlan>();

function flatPlan(plan: FeeColumnPlan): FlatPlan {
  let flat = flatPlans.get(plan);
  if (!flat) {
    const summed = [
      ...plan.parents.map((c) => [c.index, FEE_BUCKETS.indexOf(c.bucket)]),
      ...plan.otherFees.map((c) => [c.index, OTHER_FEES]),
    ];
    flat = {
      columns: Int32Array.from(summed, ([index]) => index),
      buckets: Uint8Array.from(summed, ([, b]) => b),
    };
    flatPlans.set(plan, flat);
  }
  return flat;
}

/**
 * buckets[FEE_BUCKETS[b]] = sum, with each bucket's name written out: every row adds its buckets in much
 * the same order, so each store here sees the same few object layouts (one store by computed name would
 * see them all). The bucket is named by FEE_BUCKETS itself, so its order cannot drift from this switch.
 */
function setBucket(buckets: Partial<Record<FeeBucket, Sen>>, b: number, sum: Sen): void {
  const name = FEE_BUCKETS[b];
  switch (name) {
    case "Transaction":
      buckets.Transaction = sum;
      break;
    case "Commission":
      buckets.Commission = sum;
      break;
    case "Shipping":
      buckets.Shipping = sum;
      break;
    case "Affiliate":
      buckets.Affiliate = sum;
      break;
    case "Service":
      buckets.Service = sum;
      break;
    case "Adjustment":
      buckets.Adjustment = sum;
      break;
    case "Other fees":
      buckets["Other fees"] = sum;
      break;
    default: {
      const unknown: never = name;
      throw new Error(`No fee bucket at position ${b} (${String(unknown)})`);
    }
  }
}

/**
 * Adds the row's fee parents into buckets and checks the sum against the file's fee total.
 * `amounts[i]` is the amount in column i (undefined when blank or not a number).
 */
export function allocateFees(
  plan: FeeColumnPlan,
  amounts: readonly (Sen | undefined)[],
  feesTotal: Sen,
  totalLabel: string,
  digits: number,
): FeeAllocation {
  // Runs for every settlement row: the columns are read from flat arrays made once per plan, each bucket
  // is summed in a number, and the row's object gets one property per non-zero bucket.
  const { columns, buckets: bucketOf } = flatPlan(plan);
  const sums = bucketSums;
  const order = bucketOrder;
  let touched = 0;
  let seen = 0;
  let mapped = 0;
  for (let k = 0; k < columns.length; k++) {
    const v = amounts[columns[k]] ?? 0;
    if (v === 0) continue;
    const b = bucketOf[k];
    if ((seen & (1 << b)) === 0) {
      seen |= 1 << b;
      sums[b] = 0;
      order[touched++] = b;
    }
    const sum = sums[b] + v;
    sums[b] = Number.isSafeInteger(sum) ? sum : sen(sum);
    mapped += v;
  }
  const buckets: Partial<Record<FeeBucket, Sen>> = {};
  for (let j = 0; j < touched; j++) {
    const sum = sums[order[j]] as Sen;
    if (sum !== 0) setBucket(buckets, order[j], sum);
  }
  const result: FeeAllocation = { buckets, mapped: sen(mapped) };
  if (mapped === feesTotal) return result;

  const money = (v: number) => formatMoney(sen(v), digits);
  const diff = feesTotal - mapped;
  const head = `${totalLabel} is ${money(feesTotal)} but the fee columns in the fee map add up to ${money(mapped)} (difference ${money(diff)}).`;
  const missing = plan.outside.find((c) => amounts[c.index] === diff);
  if (missing) {
    result.mismatch = {
      column: missing.header.trim(),
      message: `${head} Column "${missing.header.trim()}" (${money(diff)}) is not counted: add it to a fee bucket in the store's fee map, then load the file again.`,
    };
    return result;
  }
  const doubled = plan.otherFees.find((c) => amounts[c.index] === -diff);
  if (doubled) {
    result.mismatch = {
      column: doubled.header.trim(),
      message: `${head} Column "${doubled.header.trim()}" was booked as Other fees but seems to be part of another fee already counted: mark it as a child in the store's fee map, then load the file again.`,
    };
    return result;
  }
  result.mismatch = {
    column: null,
    message: `${head} The file has a fee column the fee map does not know, or the row was edited: compare the row with Seller Center, or download the file again.`,
  };
  return result;
}
