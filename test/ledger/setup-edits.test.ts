import { feeMapOf, type Ledger } from "../../src/ledger";
import { addProducts, freshLedger, SHOP, WORKED_ORDER_ID, workedExampleOrder } from "./helpers";

let ledger: Ledger;

beforeEach(async () => {
  ({ ledger } = await freshLedger());
});
afterEach(() => ledger.close());

async function postWorkedExample(): Promise<void> {
  await addProducts(ledger);
  await ledger.saveFetchedOrders(SHOP, [workedExampleOrder()]);
  await ledger.postOrder(SHOP, WORKED_ORDER_ID);
}

describe("GL accounts", () => {
  test("a new account is added, edited and deleted", async () => {
    await ledger.saveAccount({ code: "900-TT7", name: "TikTok Ads", type: "expense" }, { isNew: true });
    await ledger.saveAccount({ code: "900-TT7", name: "TikTok Ads (GMV Max)", type: "expense" });
    expect((await ledger.listAccounts()).find((a) => a.code === "900-TT7")).toEqual({
      code: "900-TT7",
      name: "TikTok Ads (GMV Max)",
      type: "expense",
    });
    await ledger.deleteAccount("900-TT7");
    expect((await ledger.listAccounts()).some((a) => a.code === "900-TT7")).toBe(false);
  });

  test("codes are unique, names required, types from the list", async () => {
    await expect(
      ledger.saveAccount({ code: "500-000", name: "Sales 2", type: "income" }, { isNew: true }),
    ).rejects.toThrow("Account 500-000 already exists: pick another code, or edit the existing one.");
    await expect(
      ledger.saveAccount({ code: " ", name: "x", type: "income" }, { isNew: true }),
    ).rejects.toThrow("A GL account needs a code.");
    await expect(
      ledger.saveAccount({ code: "600-000", name: " ", type: "income" }, { isNew: true }),
    ).rejects.toThrow("The GL account 600-000 needs a name.");
    await expect(
      ledger.saveAccount({ code: "600-000", name: "Cost", type: "cost" as "expense" }, { isNew: true }),
    ).rejects.toThrow(
      'The type of account 600-000 must be one of asset, liability, equity, income, expense, not "cost".',
    );
  });

  test("an account in use by setup or by journals cannot be deleted", async () => {
    await expect(ledger.deleteAccount("300-000")).rejects.toThrow(
      "Account 300-000 cannot be deleted: it is used by customer 300-T0001. Change that first.",
    );
    await expect(ledger.deleteAccount("520-000")).resolves.toBeUndefined();
    await postWorkedExample();
    await ledger.saveAccount({ code: "500-001", name: "Sales online", type: "income" }, { isNew: true });
    await ledger.saveStockGroup({
      code: "TIKTOK",
      description: "TikTok Shop products",
      salesAccount: "500-001",
      returnsAccount: "510-000",
    });
    for (const code of ["TEE-BLK-M", "CAP-RED"])
      await ledger.putStockItem({
        code,
        description: code,
        group: "TIKTOK",
        salesAccount: "500-001",
        isFee: false,
        altCodes: [],
      });
    await expect(ledger.deleteAccount("500-000")).rejects.toThrow(
      "Account 500-000 cannot be deleted: it is used by the journals of IV-00001. Change that first.",
    );
  });
});

describe("customers", () => {
  test("need an AR account that exists, and a unique code", async () => {
    await expect(
      ledger.saveCustomer({ code: "300-T0002", name: "TIKTOK SG", arAccount: "301-000" }, { isNew: true }),
    ).rejects.toThrow(
      "The AR account of customer 300-T0002, 301-000 is not a GL account: pick one of the accounts in Setup.",
    );
    await ledger.saveCustomer(
      { code: "300-T0002", name: "TIKTOK SG", arAccount: "300-000" },
      { isNew: true },
    );
    await expect(
      ledger.saveCustomer({ code: "300-T0002", name: "again", arAccount: "300-000" }, { isNew: true }),
    ).rejects.toThrow("Customer 300-T0002 already exists");
    await ledger.deleteCustomer("300-T0002");
    expect((await ledger.listCustomers()).map((c) => c.code)).toEqual(["300-T0001"]);
  });

  test("a customer with documents or named by a store cannot be deleted", async () => {
    await postWorkedExample();
    await expect(ledger.deleteCustomer("300-T0001")).rejects.toThrow(
      "Customer 300-T0001 cannot be deleted: it is used by IV-00001.",
    );
    await ledger.saveStoreSetup(SHOP, await ledger.getStoreSetup(SHOP));
    await ledger.deleteInvoice("IV-00001");
    await expect(ledger.deleteCustomer("300-T0001")).rejects.toThrow(
      `Customer 300-T0001 cannot be deleted: it is used by store ${SHOP}.`,
    );
  });
});

describe("stock groups and items", () => {
  test("a group with items cannot be deleted; an empty one can", async () => {
    await expect(ledger.deleteStockGroup("TT-VOUCHER")).rejects.toThrow(
      "Stock group TT-VOUCHER cannot be deleted: stock items TT-VOUCHER belong to it. Move them to another group first.",
    );
    await ledger.saveStockGroup(
      { code: "BAGS", description: "Bags", salesAccount: "500-000" },
      { isNew: true },
    );
    await ledger.deleteStockGroup("BAGS");
    expect((await ledger.listStockGroups()).some((g) => g.code === "BAGS")).toBe(false);
  });

  test("an item needs a group that exists and a unique code", async () => {
    await expect(
      ledger.putStockItem({
        code: "MUG",
        description: "Mug",
        group: "CUPS",
        salesAccount: "500-000",
        isFee: false,
        altCodes: [],
      }),
    ).rejects.toThrow("Stock group CUPS of item MUG does not exist: pick one of the stock groups in Setup.");
    await expect(
      ledger.putStockItem(
        {
          code: "TT-VOUCHER",
          description: "again",
          group: "TT-VOUCHER",
          salesAccount: "520-TT1",
          isFee: true,
          altCodes: [],
        },
        { isNew: true },
      ),
    ).rejects.toThrow("Stock item TT-VOUCHER already exists: pick another code, or edit the existing one.");
  });

  test("an item on a document or in a store's mapping codes cannot be deleted", async () => {
    await postWorkedExample();
    await expect(ledger.deleteStockItem("CAP-RED")).rejects.toThrow(
      "Stock item CAP-RED cannot be deleted: it is used by IV-00001.",
    );
    await ledger.saveStoreSetup(SHOP, await ledger.getStoreSetup(SHOP));
    await expect(ledger.deleteStockItem("TT-VOUCHER")).rejects.toThrow(
      `Stock item TT-VOUCHER cannot be deleted: it is used by the voucher item of store ${SHOP}.`,
    );
    await ledger.putStockItem({
      code: "MUG",
      description: "Mug",
      group: "TIKTOK",
      salesAccount: "500-000",
      isFee: false,
      altCodes: [],
    });
    await ledger.deleteStockItem("MUG");
    await expect(ledger.deleteStockItem("MUG")).rejects.toThrow("Item code MUG is not a stock item");
  });

  test("alternative codes are kept per store with SKU ID and seller SKU", async () => {
    await ledger.putStockItem({
      code: "TEE-BLK-M",
      description: "Classic Tee Black M",
      group: "TIKTOK",
      salesAccount: "500-000",
      isFee: false,
      altCodes: [
        { shopId: SHOP, skuId: "1729384756102938471", sellerSku: "TEE-BLK-M" },
        { shopId: SHOP, sellerSku: "tee blk m" },
      ],
    });
    expect(await ledger.resolveItemCode(SHOP, "1729384756102938471", "")).toBe("TEE-BLK-M");
    expect(await ledger.resolveItemCode(SHOP, "999", "tee blk m")).toBe("TEE-BLK-M");
    expect(await ledger.resolveItemCode("another-shop", "1729384756102938471", "")).toBeUndefined();
  });
});

describe("locations", () => {
  test("start with ECOMMERCE; one in use by a store cannot be deleted", async () => {
    expect(await ledger.listLocations()).toEqual([{ code: "ECOMMERCE", description: "E-commerce stock" }]);
    await ledger.saveLocation({ code: "KL", description: "Kuala Lumpur" }, { isNew: true });
    await ledger.saveStoreSetup(SHOP, { ...(await ledger.getStoreSetup(SHOP)), location: "KL" });
    await expect(ledger.deleteLocation("KL")).rejects.toThrow(
      `Location KL cannot be deleted: it is used by store ${SHOP}.`,
    );
    await expect(ledger.saveLocation({ code: "KL", description: "again" }, { isNew: true })).rejects.toThrow(
      "Location KL already exists",
    );
    await ledger.deleteLocation("ECOMMERCE");
    expect((await ledger.listLocations()).map((l) => l.code)).toEqual(["KL"]);
  });
});

describe("a store's fee map", () => {
  test("defaults to the standard map with the store's fee items", async () => {
    const setup = await ledger.getStoreSetup(SHOP);
    const map = feeMapOf({ ...setup, feeItems: { ...setup.feeItems!, commission: "TT-SERVICEFEE" } });
    expect(map.parents["Transaction fee"]).toBe("Transaction");
    expect(map.items.Commission).toBe("TT-SERVICEFEE");
    expect(map.items["Other fees"]).toBe("TT-SERVICEFEE");
  });

  test("keeps a column moved to another bucket, and refuses an unknown bucket", async () => {
    const setup = await ledger.getStoreSetup(SHOP);
    await ledger.saveStoreSetup(SHOP, {
      ...setup,
      feeMap: { parents: { "Platform support fee": "Commission" } },
    });
    const saved = await ledger.getStoreSetup(SHOP);
    expect(feeMapOf(saved).parents["Platform support fee"]).toBe("Commission");
    await expect(
      ledger.saveStoreSetup(SHOP, { ...setup, feeMap: { parents: { "Ads fee": "Ads" as "Service" } } }),
    ).rejects.toThrow(
      'The bucket of fee column "Ads fee" must be one of Transaction, Commission, Shipping, Affiliate, Service, Adjustment, Other fees, not "Ads".',
    );
  });
});

describe("settings", () => {
  test("start with the currency and keep what is saved", async () => {
    expect(await ledger.getSetting("currency")).toBe("MYR");
    await ledger.saveSetting("companyName", "Kedai Baju Sdn Bhd");
    expect(await ledger.getSetting("companyName")).toBe("Kedai Baju Sdn Bhd");
    expect(await ledger.getSetting("nothing")).toBeUndefined();
  });
});
