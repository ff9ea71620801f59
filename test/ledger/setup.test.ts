import { LedgerInputError, UnknownItemCodeError, type Ledger, type LinkedStore } from "../../src/ledger";
import {
  addProducts,
  CAP_SKU,
  freshLedger,
  NOW,
  orderLike,
  OTHER_SHOP,
  SHOP,
  TEE_SKU,
  workedExampleOrder,
  WORKED_ORDER_ID,
} from "./helpers";

let ledger: Ledger;

beforeEach(async () => {
  ({ ledger } = await freshLedger());
});
afterEach(() => ledger.close());

describe("a new ledger starts with SQL Account-style defaults", () => {
  test("GL accounts", async () => {
    expect((await ledger.listAccounts()).map((a) => [a.code, a.name, a.type])).toEqual([
      ["300-000", "Trade Debtors", "asset"],
      ["310-TTS", "TikTok Shop Wallet", "asset"],
      ["500-000", "Sales", "income"],
      ["510-000", "Sales Returns", "income"],
      ["520-000", "Sales Adjustment", "income"],
      ["520-TT1", "TikTok Voucher", "income"],
      ["520-TT2", "TikTok Discount", "income"],
      ["900-TT1", "TikTok Shipping Fee", "expense"],
      ["900-TT2", "TikTok Transaction Fee", "expense"],
      ["900-TT3", "TikTok Commission", "expense"],
      ["900-TT4", "Affiliate Commission", "expense"],
      ["900-TT5", "TikTok Service Fees", "expense"],
      ["900-TT6", "TikTok Adjustments", "expense"],
    ]);
  });

  test("the TikTok customer", async () => {
    expect(await ledger.listCustomers()).toEqual([
      { code: "300-T0001", name: "TIKTOK SHOP", arAccount: "300-000" },
    ]);
  });

  test("fee items, each with its group's account", async () => {
    expect((await ledger.listStockItems()).map((i) => [i.code, i.salesAccount, i.isFee, i.altCodes])).toEqual(
      [
        ["TT-ADJUSTMENT", "900-TT6", true, []],
        ["TT-AFFILIATE", "900-TT4", true, []],
        ["TT-COMMISSION", "900-TT3", true, []],
        ["TT-DISCOUNT", "520-TT2", true, []],
        ["TT-RETURN", "510-000", true, []],
        ["TT-SERVICEFEE", "900-TT5", true, []],
        ["TT-SHIPPING", "900-TT1", true, []],
        ["TT-TRXFEE", "900-TT2", true, []],
        ["TT-VOUCHER", "520-TT1", true, []],
      ],
    );
    expect((await ledger.listStockGroups()).find((g) => g.code === "TIKTOK")).toEqual({
      code: "TIKTOK",
      description: "TikTok Shop products",
      salesAccount: "500-000",
      returnsAccount: "510-000",
    });
  });

  test("a store's mapping codes before any are saved: Delivered and Completed post, the rest skip", async () => {
    expect(await ledger.getStoreSetup(SHOP)).toEqual({
      customerCode: "300-T0001",
      paymentAccount: "310-TTS",
      location: "ECOMMERCE",
      discountItem: "TT-DISCOUNT",
      voucherItem: "TT-VOUCHER",
      postActions: {
        UNPAID: "Skip",
        ON_HOLD: "Skip",
        AWAITING_SHIPMENT: "Skip",
        PARTIALLY_SHIPPING: "Skip",
        AWAITING_COLLECTION: "Skip",
        IN_TRANSIT: "Skip",
        DELIVERED: "Post",
        COMPLETED: "Post",
        CANCELLED: "Skip",
      },
      feeItems: {
        shipping: "TT-SHIPPING",
        transaction: "TT-TRXFEE",
        commission: "TT-COMMISSION",
        affiliate: "TT-AFFILIATE",
        service: "TT-SERVICEFEE",
        adjustment: "TT-ADJUSTMENT",
        returns: "TT-RETURN",
      },
      utcOffsetMinutes: 480,
    });
  });
});

describe("store setup", () => {
  test("is saved per store and the other store keeps its defaults", async () => {
    const setup = await ledger.getStoreSetup(SHOP);
    await ledger.saveLocation({ code: "KL", description: "Kuala Lumpur" }, { isNew: true });
    await ledger.saveStoreSetup(SHOP, {
      ...setup,
      location: "KL",
      postActions: { ...setup.postActions, IN_TRANSIT: "Post" },
    });
    expect((await ledger.getStoreSetup(SHOP)).location).toBe("KL");
    expect((await ledger.getStoreSetup(SHOP)).postActions.IN_TRANSIT).toBe("Post");
    expect((await ledger.getStoreSetup(OTHER_SHOP)).location).toBe("ECOMMERCE");
  });

  test("refuses codes the books do not have, naming them", async () => {
    const setup = await ledger.getStoreSetup(SHOP);
    await expect(ledger.saveStoreSetup(SHOP, { ...setup, customerCode: "300-X9999" })).rejects.toThrow(
      "Customer 300-X9999 does not exist: pick one of the customers in Setup.",
    );
    await expect(ledger.saveStoreSetup(SHOP, { ...setup, paymentAccount: "311-000" })).rejects.toThrow(
      "Payment account 311-000 is not a GL account: pick one of the accounts in Setup.",
    );
    await expect(ledger.saveStoreSetup(SHOP, { ...setup, discountItem: "TT-DISC" })).rejects.toThrow(
      UnknownItemCodeError,
    );
    await expect(ledger.saveStoreSetup(SHOP, { ...setup, voucherItem: "TT-VOUCH" })).rejects.toThrow(
      "Item code TT-VOUCH of the voucher item is not a stock item: create it in Setup, or pick one from the list.",
    );
    await expect(ledger.saveStoreSetup(SHOP, { ...setup, location: "PENANG" })).rejects.toThrow(
      "Location PENANG does not exist: add it under Locations, or pick another.",
    );
    await expect(
      ledger.saveStoreSetup(SHOP, { ...setup, postActions: { DELIVERED: "post" as "Post" } }),
    ).rejects.toThrow('The post action of DELIVERED must be Post or Skip, not "post".');
    expect((await ledger.getStoreSetup(SHOP)).customerCode).toBe("300-T0001");
  });
});

describe("resolving a SKU's item code", () => {
  beforeEach(async () => {
    await addProducts(ledger, ["TEE-BLK-M", "TEE-001", "TEE-002"]);
  });

  test("an item whose code is the seller SKU is found when nothing is mapped", async () => {
    expect(await ledger.resolveItemCode(SHOP, TEE_SKU, "TEE-BLK-M")).toBe("TEE-BLK-M");
  });

  test("nothing matches: undefined", async () => {
    expect(await ledger.resolveItemCode(SHOP, CAP_SKU, "CAP-RED")).toBeUndefined();
    expect(await ledger.resolveItemCode(SHOP, CAP_SKU, "")).toBeUndefined();
  });

  test("a seller-SKU alternative code wins over an item with that code, and a SKU-ID mapping wins over both", async () => {
    await ledger.putStockItem({
      code: "TEE-002",
      description: "Tee",
      group: "TIKTOK",
      salesAccount: "500-000",
      isFee: false,
      altCodes: [{ shopId: SHOP, sellerSku: "TEE-BLK-M" }],
    });
    expect(await ledger.resolveItemCode(SHOP, TEE_SKU, "TEE-BLK-M")).toBe("TEE-002");
    await ledger.mapSku(SHOP, TEE_SKU, "TEE-BLK-M", "TEE-001");
    expect(await ledger.resolveItemCode(SHOP, TEE_SKU, "TEE-BLK-M")).toBe("TEE-001");
  });

  test("a mapping belongs to its store", async () => {
    await ledger.mapSku(SHOP, TEE_SKU, "TEE-BLK-M", "TEE-001");
    expect(await ledger.resolveItemCode(OTHER_SHOP, TEE_SKU, "TEE-BLK-M")).toBe("TEE-BLK-M");
  });

  test("mapping a SKU again moves its alternative code to the new item", async () => {
    await ledger.mapSku(SHOP, TEE_SKU, "TEE-BLK-M", "TEE-001");
    await ledger.mapSku(SHOP, TEE_SKU, "TEE-BLK-M", "TEE-002");
    const items = await ledger.listStockItems();
    expect(items.find((i) => i.code === "TEE-001")?.altCodes).toEqual([]);
    expect(items.find((i) => i.code === "TEE-002")?.altCodes).toEqual([
      { shopId: SHOP, skuId: TEE_SKU, sellerSku: "TEE-BLK-M" },
    ]);
    expect(await ledger.resolveItemCode(SHOP, TEE_SKU, "TEE-BLK-M")).toBe("TEE-002");
  });

  test("mapping to an item that does not exist is refused with a typed error", async () => {
    const attempt = ledger.mapSku(SHOP, TEE_SKU, "TEE-BLK-M", "TEE-999");
    await expect(attempt).rejects.toBeInstanceOf(UnknownItemCodeError);
    await expect(attempt).rejects.toMatchObject({
      code: "UNKNOWN_ITEM_CODE",
      message: "Item code TEE-999 is not a stock item: create it in Setup, or pick one from the list.",
    });
    expect(await ledger.resolveItemCode(SHOP, TEE_SKU, "TEE-BLK-M")).toBe("TEE-BLK-M");
  });
});

describe("stock items", () => {
  test("an item whose sales account is not a GL account is refused", async () => {
    await expect(
      ledger.putStockItem({
        code: "MUG",
        description: "Mug",
        group: "TIKTOK",
        salesAccount: "501-000",
        isFee: false,
        altCodes: [],
      }),
    ).rejects.toThrow(
      new LedgerInputError(
        "UNKNOWN_ACCOUNT",
        "Account 501-000 of item MUG is not a GL account: pick one of the accounts in Setup.",
      ),
    );
    expect((await ledger.listStockItems()).some((i) => i.code === "MUG")).toBe(false);
  });

  test("an item without a code is refused", async () => {
    await expect(
      ledger.putStockItem({
        code: " ",
        description: "",
        group: "TIKTOK",
        salesAccount: "500-000",
        isFee: false,
        altCodes: [],
      }),
    ).rejects.toThrow("A stock item needs an item code.");
  });
});

describe("linked stores", () => {
  const store: LinkedStore = {
    shopId: SHOP,
    description: "Tik Tok",
    platform: "TikTok Shop",
    region: "MY",
    shopName: "Kedai Baju",
    shopCipher: "GCP_XF90igAAAABh00qsWgtvOiGFNqyubMt3",
    sellerName: "Kedai Baju Sdn Bhd",
    accessToken: "TTP_access",
    accessTokenExpiresAt: 1772950000,
    refreshToken: "TTP_refresh",
    refreshTokenExpiresAt: 1780000000,
    linkedAt: NOW,
    status: "Linked",
  };

  test("are saved, read, updated and removed by shop ID", async () => {
    await ledger.saveLinkedStore(store);
    expect(await ledger.getLinkedStore(SHOP)).toEqual(store);
    await ledger.saveLinkedStore({ ...store, status: "Relink needed" });
    expect(await ledger.listLinkedStores()).toEqual([{ ...store, status: "Relink needed" }]);
    await ledger.removeLinkedStore(SHOP);
    expect(await ledger.listLinkedStores()).toEqual([]);
    expect(await ledger.getLinkedStore(SHOP)).toBeUndefined();
  });
});

describe("fetched orders", () => {
  test("are kept per store, upserted by order ID", async () => {
    await ledger.saveFetchedOrders(SHOP, [workedExampleOrder(), orderLike("579912345678905555")]);
    await ledger.saveFetchedOrders(OTHER_SHOP, [orderLike("579912345678906666")]);
    await ledger.saveFetchedOrders(SHOP, [{ ...workedExampleOrder(), status: "COMPLETED" }]);
    expect((await ledger.listFetchedOrders()).map((f) => [f.orderId, f.shopId, f.status])).toEqual([
      ["579912345678901234", SHOP, "COMPLETED"],
      ["579912345678905555", SHOP, "DELIVERED"],
      ["579912345678906666", OTHER_SHOP, "DELIVERED"],
    ]);
    expect((await ledger.listFetchedOrders(OTHER_SHOP)).map((f) => f.orderId)).toEqual([
      "579912345678906666",
    ]);
    expect(await ledger.getFetchedOrder(WORKED_ORDER_ID)).toEqual({
      orderId: WORKED_ORDER_ID,
      shopId: SHOP,
      status: "COMPLETED",
      order: { ...workedExampleOrder(), status: "COMPLETED" },
      fetchedAt: NOW,
    });
  });

  test("fetching again keeps the mark of a posted order", async () => {
    await addProducts(ledger);
    await ledger.saveFetchedOrders(SHOP, [workedExampleOrder()]);
    await ledger.postOrder(SHOP, WORKED_ORDER_ID);
    await ledger.saveFetchedOrders(SHOP, [{ ...workedExampleOrder(), status: "COMPLETED" }]);
    const fetched = await ledger.getFetchedOrder(WORKED_ORDER_ID);
    expect([fetched?.status, fetched?.postStatus, fetched?.invoiceNo]).toEqual([
      "COMPLETED",
      "Posted",
      "IV-00001",
    ]);
  });

  test("an order without an ID is refused and nothing of the batch is kept", async () => {
    const broken = { ...workedExampleOrder(), id: "" };
    await expect(ledger.saveFetchedOrders(SHOP, [orderLike("579912345678905555"), broken])).rejects.toThrow(
      "Fetched order number 2 has no order ID: refresh the orders again.",
    );
    expect(await ledger.listFetchedOrders()).toEqual([]);
  });
});

describe("balances", () => {
  beforeEach(async () => {
    await addProducts(ledger);
    // The second order is created 24 hours later: dated 2026-03-02.
    await ledger.saveFetchedOrders(SHOP, [workedExampleOrder(), orderLike("579912345678905555", 24)]);
    await ledger.postOrder(SHOP, WORKED_ORDER_ID);
    await ledger.postOrder(SHOP, "579912345678905555");
  });

  test("as of a date count only documents dated up to it", async () => {
    expect(await ledger.glBalance("300-000")).toBe(12422);
    expect(await ledger.glBalance("300-000", "2026-03-02")).toBe(12422);
    expect(await ledger.glBalance("300-000", "2026-03-01")).toBe(6211);
    expect(await ledger.glBalance("300-000", "2026-02-28")).toBe(0);
    expect(await ledger.trialBalance("2026-03-01")).toEqual([
      { account: "300-000", name: "Trade Debtors", debit: 6211, credit: 0 },
      { account: "500-000", name: "Sales", debit: 0, credit: 6470 },
      { account: "520-TT2", name: "TikTok Discount", debit: 259, credit: 0 },
    ]);
  });

  test("an account with no postings is at zero; an unknown document has no outstanding", async () => {
    expect(await ledger.glBalance("310-TTS")).toBe(0);
    expect(await ledger.outstanding("IV-00404")).toBeUndefined();
    expect(await ledger.outstanding("IV-00002")).toBe(6211);
  });

  test("a date that is not YYYY-MM-DD is refused", async () => {
    await expect(ledger.glBalance("300-000", "1/3/2026")).rejects.toThrow(
      '"1/3/2026" is not a date: write it as YYYY-MM-DD.',
    );
  });
});
