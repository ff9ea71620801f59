class StubError {
  constructor(
    public code: string,
    public message?: string,
  ) {}
}
(globalThis as Record<string, unknown>).CustomFunctions = {
  Error: StubError,
  ErrorCode: { invalidValue: "#VALUE!", notAvailable: "#N/A" },
};

import { sen } from "../../src/core/money/money";
import { ORDER_ID_NOT_TEXT } from "../../src/functions/arguments";
import {
  balanceOf,
  invoiceNoOf,
  itemCodeOf,
  orderStatusOf,
  outstandingOf,
  postStatusOf,
  settledOf,
} from "../../src/functions/ledger-functions";
import {
  booksWithOnePostedOrder,
  FETCHED,
  knockOff,
  POSTED,
  SHOP,
  TEE_SKU,
  UNKNOWN,
  workedExampleOrder,
  type Books,
} from "./books";

const na = (message: string) => new StubError("#N/A", message);
const value = (message: string) => new StubError("#VALUE!", message);
const unknownOrder = na(`No order ${UNKNOWN} in the books: fetch it on the Orders tab.`);

let books: Books;
beforeEach(async () => (books = await booksWithOnePostedOrder()));
afterEach(() => books.ledger.close());

describe("ORDERSTATUS", () => {
  test("a fetched order gives its TikTok status, spaces around the ID ignored", async () => {
    expect(await orderStatusOf(books.ledger, ` ${FETCHED} `)).toBe("DELIVERED");
  });

  test("an unknown order gives #N/A saying to fetch it", async () => {
    expect(await orderStatusOf(books.ledger, UNKNOWN)).toEqual(unknownOrder);
  });
});

describe("POSTSTATUS and INVOICENO", () => {
  test("a posted order is Posted with its invoice number", async () => {
    expect(await postStatusOf(books.ledger, POSTED)).toBe("Posted");
    expect(await invoiceNoOf(books.ledger, POSTED)).toBe("IV-00001");
  });

  test("a fetched order not yet posted is Not Posted and has no invoice number", async () => {
    expect(await postStatusOf(books.ledger, FETCHED)).toBe("Not Posted");
    expect(await invoiceNoOf(books.ledger, FETCHED)).toEqual(
      na(`Order ${FETCHED} has no invoice yet: tick it in TikTok Orders and Post.`),
    );
  });

  test("an unknown order gives #N/A", async () => {
    expect(await postStatusOf(books.ledger, UNKNOWN)).toEqual(unknownOrder);
    expect(await invoiceNoOf(books.ledger, UNKNOWN)).toEqual(unknownOrder);
  });

  test("an invoiced order TikTok cancelled is Cancelled after posting, and Credited once Post reverses it", async () => {
    const cancelled = {
      ...workedExampleOrder(POSTED),
      status: "CANCELLED" as const,
      cancel_time: 1772900000,
    };
    await books.ledger.saveFetchedOrders(SHOP, [cancelled]);
    expect(await postStatusOf(books.ledger, POSTED)).toBe("Cancelled after posting");
    const result = await books.ledger.postOrder(SHOP, POSTED);
    expect(result.creditNoteNo).toMatch(/^CN-/);
    expect(await postStatusOf(books.ledger, POSTED)).toBe("Credited");
    expect(await settledOf(books.ledger, POSTED)).toBe(false);
  });

  test("deleting the invoice makes the order Not Posted again", async () => {
    await books.ledger.deleteInvoice("IV-00001");
    expect(await postStatusOf(books.ledger, POSTED)).toBe("Not Posted");
  });
});

describe("order IDs must be text", () => {
  const all = [orderStatusOf, postStatusOf, invoiceNoOf, settledOf] as const;

  test.each([[5.78e17], [579912345678901234], ["5.78E+17"], ["5.7799E17"]])(
    "%j gives #VALUE! asking to format the column as text",
    async (raw) => {
      for (const fn of all) expect(await fn(books.ledger, raw)).toEqual(value(ORDER_ID_NOT_TEXT));
      expect(await outstandingOf(books.ledger, raw)).toEqual(value(ORDER_ID_NOT_TEXT));
    },
  );

  test("letters give #VALUE! saying order IDs are digits", async () => {
    expect(await postStatusOf(books.ledger, "ABC-1")).toEqual(
      value('"ABC-1" is not an order ID: order IDs are digits only.'),
    );
  });

  test("an empty cell gives #VALUE! asking for an order ID", async () => {
    for (const raw of ["", "  ", null, undefined]) {
      expect(await settledOf(books.ledger, raw)).toEqual(
        value("Give an order ID: the 18–19 digits of a TikTok order, as text."),
      );
    }
  });
});

describe("OUTSTANDING", () => {
  test("by invoice number or by order ID: the invoice total while nothing is paid", async () => {
    expect(await outstandingOf(books.ledger, "IV-00001")).toBe(62.11);
    expect(await outstandingOf(books.ledger, "iv-00001")).toBe(62.11);
    expect(await outstandingOf(books.ledger, POSTED)).toBe(62.11);
  });

  test("less what payments knocked off", async () => {
    await knockOff(books, "IV-00001", 6000);
    expect(await outstandingOf(books.ledger, "IV-00001")).toBe(2.11);
    await knockOff(books, "IV-00001", 211, "OR-00002");
    expect(await outstandingOf(books.ledger, POSTED)).toBe(0);
  });

  test("an unknown invoice, an unknown order and an order without invoice give #N/A", async () => {
    expect(await outstandingOf(books.ledger, "IV-00009")).toEqual(na("No invoice IV-00009 in the books."));
    expect(await outstandingOf(books.ledger, UNKNOWN)).toEqual(unknownOrder);
    expect(await outstandingOf(books.ledger, FETCHED)).toEqual(
      na(`Order ${FETCHED} has no invoice yet, so nothing is outstanding on it.`),
    );
  });

  test("an empty argument gives #VALUE!", async () => {
    expect(await outstandingOf(books.ledger, "")).toEqual(
      value("Give an invoice number (e.g. IV-00001) or an order ID."),
    );
  });
});

describe("SETTLED", () => {
  const fee = { itemCode: "TT-COMMISSION", description: "TikTok commission", quantity: 1, unitPrice: sen(-373), amount: sen(-373) };

  /**
   * The order's settlement of 03-09 as a payment run posts it: the invoice edited with TikTok's fee (58.38
   * left), knocked off by the day's payment or, on a day a GMV Payment for TikTok Ads made negative, by
   * the day's adjustment credit note (a refund pays out the rest).
   */
  async function settle(by: "payment" | "adjustment credit note"): Promise<string> {
    const run = await books.ledger.beginRun({ kind: "payment", shopId: SHOP, description: "settlement" });
    const invoice = (await books.ledger.getInvoice("IV-00001"))!;
    const base = {
      shopId: SHOP,
      date: "2026-03-09",
      customerCode: "300-T0001",
      currency: "MYR",
      reference: "TikTok 2026-03-09",
      description: "TikTok settlement 2026-03-09",
    };
    const payer =
      by === "payment"
        ? { kind: "payment" as const, ref: "payer", draft: { ...base, sourceKey: "s:payment", paymentAccount: "310-TTS", amount: sen(5838) } }
        : {
            kind: "creditNote" as const,
            ref: "payer",
            draft: {
              ...base,
              sourceKey: "s:adjustment",
              orderId: "",
              location: "ECOMMERCE",
              description: "TikTok Adjustment",
              lines: [{ itemCode: "TT-ADJUSTMENT", description: "GMV Payment for TikTok Ads 7401", quantity: 1, unitPrice: sen(6000), amount: sen(6000) }],
              total: sen(6000),
            },
          };
    const refund = { kind: "refund" as const, ref: "refund", draft: { ...base, sourceKey: "s:refund", paymentAccount: "310-TTS", amount: sen(162) } };
    await books.ledger.commit({
      runId: run.runId,
      editInvoices: [{ docNo: "IV-00001", expectedVersion: 1, lines: [...invoice.lines, fee] }],
      create: by === "payment" ? [payer] : [payer, refund],
      knockOffs: [
        { payer: { ref: "payer" }, target: { docNo: "IV-00001" }, amount: sen(5838) },
        ...(by === "payment" ? [] : [{ payer: { ref: "refund" }, target: { ref: "payer" }, amount: sen(162) }]),
      ],
    });
    return run.runId;
  }

  test("a posted order is FALSE until a payment run posts its settlement, then TRUE", async () => {
    expect(await settledOf(books.ledger, POSTED)).toBe(false);
    await settle("payment");
    expect(await settledOf(books.ledger, POSTED)).toBe(true);
  });

  test("a settlement whose day's adjustment credit note knocked the invoice off is TRUE all the same", async () => {
    await settle("adjustment credit note");
    expect((await books.ledger.listKnockOffs("IV-00001")).map((k) => [k.paymentNo, k.docNo, k.amount])).toEqual([
      ["CN-00001", "IV-00001", 5838],
    ]);
    expect(await books.ledger.outstanding("IV-00001")).toBe(0);
    expect(await settledOf(books.ledger, POSTED)).toBe(true);
  });

  test("reverting the payment run makes it FALSE again", async () => {
    const runId = await settle("payment");
    await books.ledger.revertRun(runId);
    expect(await settledOf(books.ledger, POSTED)).toBe(false);
  });

  test("an invoice its cancellation's credit note reversed was never settled: FALSE", async () => {
    await books.ledger.saveFetchedOrders(SHOP, [
      { ...workedExampleOrder(POSTED), status: "CANCELLED" as const, cancel_time: 1772900000 },
    ]);
    expect((await books.ledger.postOrder(SHOP, POSTED)).creditNoteNo).toBe("CN-00001");
    expect(await books.ledger.outstanding("IV-00001")).toBe(0);
    expect(await settledOf(books.ledger, POSTED)).toBe(false);
  });

  test("a fetched order without invoice is FALSE; an unknown order #N/A", async () => {
    expect(await settledOf(books.ledger, FETCHED)).toBe(false);
    expect(await settledOf(books.ledger, UNKNOWN)).toEqual(unknownOrder);
  });
});

describe("ITEMCODE", () => {
  test("a seller SKU that is an item code gives that code", async () => {
    expect(await itemCodeOf(books.ledger, "TEE-BLK-M")).toBe("TEE-BLK-M");
  });

  test("a mapped SKU ID or seller SKU gives the item it maps to", async () => {
    await books.ledger.putStockItem({
      code: "TEE-01",
      description: "Tee",
      group: "TIKTOK",
      salesAccount: "500-000",
      isFee: false,
      altCodes: [],
    });
    await books.ledger.mapSku(SHOP, TEE_SKU, "OLD-TEE", "TEE-01");
    expect(await itemCodeOf(books.ledger, TEE_SKU)).toBe("TEE-01");
  });

  test("an unmapped SKU gives #N/A saying where to map it", async () => {
    expect(await itemCodeOf(books.ledger, "NOPE-1")).toEqual(
      na("SKU NOPE-1 is not mapped to a stock item: map it on the Products tab."),
    );
  });

  test("a short number is taken as a seller SKU; a long one has lost digits", async () => {
    await books.ledger.putStockItem({
      code: "1001",
      description: "Numbered",
      group: "TIKTOK",
      salesAccount: "500-000",
      isFee: false,
      altCodes: [],
    });
    expect(await itemCodeOf(books.ledger, 1001)).toBe("1001");
    expect(await itemCodeOf(books.ledger, 1.7293847561029386e18)).toEqual(
      value(
        "The SKU ID or seller SKU arrived as a number and may have lost digits: format the column as Text and re-enter it.",
      ),
    );
  });
});

describe("BALANCE", () => {
  test("Trade Debtors holds the posted invoice; Sales its credit", async () => {
    expect(await balanceOf(books.ledger, "300-000", undefined)).toBe(62.11);
    expect(await balanceOf(books.ledger, " 300-000 ", null)).toBe(62.11);
  });

  test("an as-of date before the invoice gives zero; on its date the balance", async () => {
    expect(await balanceOf(books.ledger, "300-000", "2026-02-28")).toBe(0);
    expect(await balanceOf(books.ledger, "300-000", "2026-03-01")).toBe(62.11);
    expect(await balanceOf(books.ledger, "300-000", 46082)).toBe(62.11); // the date cell 2026-03-01
    expect(await balanceOf(books.ledger, "300-000", 46081)).toBe(0);
  });

  test("an account without entries is zero; an unknown account #N/A", async () => {
    expect(await balanceOf(books.ledger, "310-TTS", undefined)).toBe(0);
    expect(await balanceOf(books.ledger, "999-999", undefined)).toEqual(
      na("No account 999-999 in the chart of accounts: see the Setup tab."),
    );
  });

  test("a bad date or a missing account gives #VALUE!", async () => {
    expect(await balanceOf(books.ledger, "300-000", "31/03/2026")).toEqual(
      value('"31/03/2026" is not a date. The as-of date must be a date cell or text like 2024-05-31.'),
    );
    expect(await balanceOf(books.ledger, "300-000", true)).toEqual(
      value("The as-of date must be a date cell or text like 2024-05-31."),
    );
    expect(await balanceOf(books.ledger, "", undefined)).toEqual(value("Give an account code."));
  });
});
