import { sen } from "../../../src/core/money/money";
import {
  allocateFees,
  DEFAULT_FEE_MAP,
  FEE_BUCKETS,
  feeColumnRole,
  feeMapItems,
  feeMapWith,
  planFeeColumns,
  type FeeColumnPlan,
} from "../../../src/core/posting/fee-map";

describe("the fee map", () => {
  test("the default map sends the Malaysian fee parents to the WORKED-EXAMPLE buckets and items", () => {
    const expected: [string, string, string][] = [
      ["Transaction fee", "Transaction", "TT-TRXFEE"],
      ["Credit card installment - Handling fee", "Transaction", "TT-TRXFEE"],
      ["TikTok PayLater program fee", "Transaction", "TT-TRXFEE"],
      ["TikTok Shop commission fee", "Commission", "TT-COMMISSION"],
      ["Dynamic commission", "Commission", "TT-COMMISSION"],
      ["Seller shipping fee", "Shipping", "TT-SHIPPING"],
      ["Affiliate Commission", "Affiliate", "TT-AFFILIATE"],
      ["Affiliate partner commission", "Affiliate", "TT-AFFILIATE"],
      ["Affiliate Shop Ads commission", "Affiliate", "TT-AFFILIATE"],
      ["Affiliate commission deposit", "Affiliate", "TT-AFFILIATE"],
      ["Affiliate commission refund", "Affiliate", "TT-AFFILIATE"],
      ["Affiliate Partner shop ads commission", "Affiliate", "TT-AFFILIATE"],
      ["SFP service fee", "Service", "TT-SERVICEFEE"],
      ["Bonus cashback service fee", "Service", "TT-SERVICEFEE"],
      ["LIVE Specials service fee", "Service", "TT-SERVICEFEE"],
      ["SST", "Service", "TT-SERVICEFEE"],
      ["Voucher Xtra service fee", "Service", "TT-SERVICEFEE"],
      ["EAMS Program service fee", "Service", "TT-SERVICEFEE"],
      ["Brands Crazy Deals/Flash Sale service fee", "Service", "TT-SERVICEFEE"],
      ["Campaign resource fee", "Service", "TT-SERVICEFEE"],
      ["Platform support fee", "Service", "TT-SERVICEFEE"],
    ];
    for (const [column, bucket, item] of expected) {
      expect([column, feeColumnRole(DEFAULT_FEE_MAP, column)]).toEqual([column, { kind: "parent", bucket }]);
      expect(DEFAULT_FEE_MAP.items[bucket as keyof typeof DEFAULT_FEE_MAP.items]).toBe(item);
    }
    expect(DEFAULT_FEE_MAP.items.Adjustment).toBe("TT-ADJUSTMENT");
    expect(DEFAULT_FEE_MAP.items["Other fees"]).toBe("TT-SERVICEFEE");
  });

  test("the six shipping parts are children: never added again", () => {
    for (const child of [
      "Actual shipping fee",
      "Platform shipping fee discount",
      "Customer shipping fee",
      "Actual return shipping fee",
      "Refunded customer shipping fee",
      "Shipping subsidy",
    ]) {
      expect(feeColumnRole(DEFAULT_FEE_MAP, child)).toEqual({ kind: "child" });
    }
  });

  test("columns are matched whatever their case and spacing", () => {
    expect(feeColumnRole(DEFAULT_FEE_MAP, "  affiliate  COMMISSION\t")).toEqual({
      kind: "parent",
      bucket: "Affiliate",
    });
  });

  test("a store's map overrides buckets, adds columns and replaces item codes, leaving the default untouched", () => {
    const store = feeMapWith(DEFAULT_FEE_MAP, {
      parents: { SST: "Other fees", "Actual shipping fee": "Shipping", "New levy": "Service" },
      items: { Service: "FEE-SVC" },
    });
    expect(feeColumnRole(store, "SST")).toEqual({ kind: "parent", bucket: "Other fees" });
    expect(feeColumnRole(store, "Actual shipping fee")).toEqual({ kind: "parent", bucket: "Shipping" });
    expect(feeColumnRole(store, "new levy")).toEqual({ kind: "parent", bucket: "Service" });
    expect(store.items.Service).toBe("FEE-SVC");
    expect(feeColumnRole(DEFAULT_FEE_MAP, "SST")).toEqual({ kind: "parent", bucket: "Service" });
    expect(feeColumnRole(DEFAULT_FEE_MAP, "Actual shipping fee")).toEqual({ kind: "child" });
    expect(JSON.parse(JSON.stringify(store))).toEqual(store);
  });

  test("the store setup's fee items become the map's items; Other fees book to the service item", () => {
    expect(
      feeMapItems({
        transaction: "T",
        commission: "C",
        shipping: "S",
        affiliate: "A",
        service: "V",
        adjustment: "J",
      }),
    ).toEqual({
      Transaction: "T",
      Commission: "C",
      Shipping: "S",
      Affiliate: "A",
      Service: "V",
      Adjustment: "J",
      "Other fees": "V",
    });
  });

  test("fees are summed per bucket and checked against the fee total", () => {
    const headers = [
      "Total Fees",
      "Transaction fee",
      "Seller shipping fee",
      "Actual shipping fee",
      "Odd fee",
      "Ajustment amount",
      "Note",
    ];
    const plan = planFeeColumns(
      DEFAULT_FEE_MAP,
      headers,
      (i) => i > 0 && i < 5,
      (i) => i === 0 || i === 5,
    );
    expect(plan).toEqual({
      parents: [
        { index: 1, header: "Transaction fee", bucket: "Transaction" },
        { index: 2, header: "Seller shipping fee", bucket: "Shipping" },
      ],
      otherFees: [{ index: 4, header: "Odd fee" }],
      outside: [
        { index: 3, header: "Actual shipping fee" },
        { index: 6, header: "Note" },
      ],
    });
    const amounts = [sen(-300), sen(-100), sen(-150), sen(-500), sen(-50), sen(0), undefined];
    expect(allocateFees(plan, amounts, sen(-300), "Total Fees", 2)).toEqual({
      buckets: { Transaction: -100, Shipping: -150, "Other fees": -50 },
      mapped: -300,
    });
    const mismatch = allocateFees(
      plan,
      [sen(-310), sen(-100), sen(-150), sen(-500), sen(-50), sen(0), sen(-10)],
      sen(-310),
      "Total Fees",
      2,
    );
    expect(mismatch.mismatch).toEqual({
      column: "Note",
      message:
        'Total Fees is -3.10 but the fee columns in the fee map add up to -3.00 (difference -0.10). Column "Note" (-0.10) is not counted: add it to a fee bucket in the store\'s fee map, then load the file again.',
    });
  });
  test("buckets keep the order their first non-zero column comes in, and one whose columns cancel out is left out", () => {
    const headers = [
      "Total Fees",
      "SST",
      "Transaction fee",
      "Payment fee",
      "TikTok Shop commission fee",
      "Odd fee",
    ];
    const plan = planFeeColumns(
      DEFAULT_FEE_MAP,
      headers,
      (i) => i > 0,
      (i) => i === 0,
    );
    expect(plan.parents.map((p) => [p.header, p.bucket])).toEqual([
      ["SST", "Service"],
      ["Transaction fee", "Transaction"],
      ["Payment fee", "Transaction"],
      ["TikTok Shop commission fee", "Commission"],
    ]);
    const allocation = allocateFees(
      plan,
      [sen(-90), sen(-20), sen(-50), sen(50), sen(-70), sen(0)],
      sen(-90),
      "Total Fees",
      2,
    );
    expect(allocation).toEqual({ buckets: { Service: -20, Commission: -70 }, mapped: -90 });
    expect(Object.keys(allocation.buckets)).toEqual(["Service", "Commission"]);
    const kept = allocateFees(
      plan,
      [sen(-140), sen(0), sen(-50), sen(-20), sen(-70), sen(0)],
      sen(-140),
      "Total Fees",
      2,
    );
    expect(Object.entries(kept.buckets)).toEqual([
      ["Transaction", -70],
      ["Commission", -70],
    ]);
  });

  test("each bucket's column is summed into that bucket and no other", () => {
    // Column i + 1 books to FEE_BUCKETS[i] and holds -(i + 1) sen, listed last bucket first.
    const plan: FeeColumnPlan = {
      parents: FEE_BUCKETS.filter((b) => b !== "Other fees")
        .map((bucket) => ({ index: FEE_BUCKETS.indexOf(bucket) + 1, header: bucket, bucket }))
        .reverse(),
      otherFees: [{ index: FEE_BUCKETS.indexOf("Other fees") + 1, header: "Odd fee" }],
      outside: [],
    };
    const amounts = [undefined, ...FEE_BUCKETS.map((_, i) => sen(-(i + 1)))];
    const total = sen(-((FEE_BUCKETS.length * (FEE_BUCKETS.length + 1)) / 2));
    const { buckets, mismatch } = allocateFees(plan, amounts, total, "Total Fees", 2);
    expect(mismatch).toBeUndefined();
    expect(buckets).toEqual(Object.fromEntries(FEE_BUCKETS.map((bucket, i) => [bucket, -(i + 1)])));
    expect(Object.keys(buckets)).toEqual([...plan.parents.map((p) => p.bucket), "Other fees"]);
  });
});
