import { sen, type Sen } from "../../../src/core/money/money";
import {
  assertBalanced,
  buildCreditNoteJournal,
  buildInvoiceJournal,
  buildPaymentJournal,
  buildRefundJournal,
  UnbalancedJournalError,
} from "../../../src/core/posting/journal";
import { cancellationCreditNote } from "../../../src/core/posting/cancellation";
import type { InvoiceLine } from "../../../src/core/posting/types";

const ITEM_ACCOUNTS: Record<string, string> = {
  "TEE-BLK-M": "500-000",
  "CAP-RED": "500-000",
  "TT-DISCOUNT": "520-TT2",
  "TT-SHIPPING": "900-TT1",
  "TT-TRXFEE": "900-TT2",
  "TT-COMMISSION": "900-TT3",
  "TT-AFFILIATE": "900-TT4",
  "TT-SERVICEFEE": "900-TT5",
};
const accounts = {
  arAccount: "300-000",
  accountOfItem: (code: string) => {
    const account = ITEM_ACCOUNTS[code];
    if (!account) throw new Error(`no account for ${code}`);
    return account;
  },
};

function line(itemCode: string, amount: number, quantity = 1, account?: string): InvoiceLine {
  return {
    itemCode,
    description: itemCode,
    quantity,
    unitPrice: sen(amount / quantity),
    amount: sen(amount),
    ...(account ? { account } : {}),
  };
}
const total = (lines: InvoiceLine[]): Sen => sen(lines.reduce((a, l) => a + l.amount, 0));

describe("invoice journals", () => {
  test("the worked example's invoice after fees (version 2) debits each fee account and credits Sales 64.70", () => {
    const lines = [
      line("TEE-BLK-M", 5180, 2),
      line("CAP-RED", 1290),
      line("TT-DISCOUNT", -259),
      line("TT-TRXFEE", -128),
      line("TT-COMMISSION", -373),
      line("TT-AFFILIATE", -311),
      line("TT-SERVICEFEE", -50),
    ];
    expect(total(lines)).toBe(5349);
    expect(
      buildInvoiceJournal({ docNo: "IV-00001", date: "2026-03-09", total: total(lines), lines }, accounts),
    ).toEqual({
      docNo: "IV-00001",
      date: "2026-03-09",
      lines: [
        { account: "300-000", debit: 5349, credit: 0 },
        { account: "520-TT2", debit: 259, credit: 0 },
        { account: "900-TT2", debit: 128, credit: 0 },
        { account: "900-TT3", debit: 373, credit: 0 },
        { account: "900-TT4", debit: 311, credit: 0 },
        { account: "900-TT5", debit: 50, credit: 0 },
        { account: "500-000", debit: 0, credit: 6470 },
      ],
    });
  });

  test("the same lines in another order give the same entry", () => {
    const lines = [line("TT-DISCOUNT", -259), line("CAP-RED", 1290), line("TEE-BLK-M", 5180, 2)];
    const a = buildInvoiceJournal({ docNo: "IV-1", date: "2026-03-01", total: sen(6211), lines }, accounts);
    const b = buildInvoiceJournal(
      { docNo: "IV-1", date: "2026-03-01", total: sen(6211), lines: [...lines].reverse() },
      accounts,
    );
    expect(a).toEqual(b);
  });

  test("a line's own account wins over the item's, and zero lines post nothing", () => {
    const lines = [line("CAP-RED", 1290, 1, "501-000"), line("TT-DISCOUNT", 0)];
    expect(
      buildInvoiceJournal({ docNo: "IV-2", date: "2026-03-01", total: sen(1290), lines }, accounts).lines,
    ).toEqual([
      { account: "300-000", debit: 1290, credit: 0 },
      { account: "501-000", debit: 0, credit: 1290 },
    ]);
  });

  test("an account with a positive and a negative line keeps one line per side", () => {
    const lines = [line("CAP-RED", 1290), line("TEE-BLK-M", -100)];
    expect(
      buildInvoiceJournal({ docNo: "IV-3", date: "2026-03-01", total: sen(1190), lines }, accounts).lines,
    ).toEqual([
      { account: "300-000", debit: 1190, credit: 0 },
      { account: "500-000", debit: 100, credit: 0 },
      { account: "500-000", debit: 0, credit: 1290 },
    ]);
  });

  test("a total that disagrees with the lines is refused as UNBALANCED before anything uses it", () => {
    const lines = [line("CAP-RED", 1290)];
    expect(() =>
      buildInvoiceJournal({ docNo: "IV-4", date: "2026-03-01", total: sen(1291), lines }, accounts),
    ).toThrow(
      new UnbalancedJournalError("Journal IV-4 does not balance: debits 1291, credits 1290 (minor units).", {
        docNo: "IV-4",
        date: "2026-03-01",
        lines: [],
      }),
    );
  });
});

describe("credit note journals mirror invoices", () => {
  test("CN-00001 of the worked example: Dr 510-000 12.90, Dr 900-TT1 4.90, Cr fees given back, Cr 300-000 16.17", () => {
    const lines = [
      line("CAP-RED", 1290, 1, "510-000"),
      line("TT-TRXFEE", -27),
      line("TT-COMMISSION", -74),
      line("TT-AFFILIATE", -62),
      line("TT-SHIPPING", 490),
    ];
    expect(
      buildCreditNoteJournal({ docNo: "CN-00001", date: "2026-03-16", total: total(lines), lines }, accounts),
    ).toEqual({
      docNo: "CN-00001",
      date: "2026-03-16",
      lines: [
        { account: "510-000", debit: 1290, credit: 0 },
        { account: "900-TT1", debit: 490, credit: 0 },
        { account: "300-000", debit: 0, credit: 1617 },
        { account: "900-TT2", debit: 0, credit: 27 },
        { account: "900-TT3", debit: 0, credit: 74 },
        { account: "900-TT4", debit: 0, credit: 62 },
      ],
    });
  });
});

describe("assertBalanced", () => {
  const entry = (lines: { account: string; debit: number; credit: number }[]) => ({
    docNo: "X-1",
    date: "2026-03-01",
    lines: lines.map((l) => ({ account: l.account, debit: l.debit as Sen, credit: l.credit as Sen })),
  });

  test("accepts exact zero", () => {
    expect(() =>
      assertBalanced(
        entry([
          { account: "A", debit: 5, credit: 0 },
          { account: "B", debit: 0, credit: 5 },
        ]),
      ),
    ).not.toThrow();
  });

  test("refuses a one-sen difference with the code UNBALANCED", () => {
    let caught: unknown;
    try {
      assertBalanced(
        entry([
          { account: "A", debit: 5, credit: 0 },
          { account: "B", debit: 0, credit: 4 },
        ]),
      );
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(UnbalancedJournalError);
    expect((caught as UnbalancedJournalError).code).toBe("UNBALANCED");
    expect((caught as UnbalancedJournalError).message).toBe(
      "Journal X-1 does not balance: debits 5, credits 4 (minor units).",
    );
  });

  test("refuses fractions and negative amounts even when the sums match", () => {
    expect(() =>
      assertBalanced(
        entry([
          { account: "A", debit: 0.1, credit: 0 },
          { account: "B", debit: 0, credit: 0.1 },
        ]),
      ),
    ).toThrow(
      "Journal X-1: account A has an amount that is not a whole non-negative number of minor units (0.1).",
    );
    expect(() => assertBalanced(entry([{ account: "A", debit: -5, credit: -5 }]))).toThrow(
      UnbalancedJournalError,
    );
  });
});

describe("payment and refund journals", () => {
  test("OR-00001 of the worked example: Dr 310-TTS 53.49, Cr 300-000 53.49", () => {
    expect(
      buildPaymentJournal(
        { docNo: "OR-00001", date: "2026-03-09", amount: sen(5349), paymentAccount: "310-TTS" },
        "300-000",
      ),
    ).toEqual({
      docNo: "OR-00001",
      date: "2026-03-09",
      lines: [
        { account: "310-TTS", debit: 5349, credit: 0 },
        { account: "300-000", debit: 0, credit: 5349 },
      ],
    });
  });

  test("a refund is the mirror: Dr 300-000, Cr the payment account", () => {
    expect(
      buildRefundJournal(
        { docNo: "RF-00001", date: "2026-03-16", amount: sen(1617), paymentAccount: "310-TTS" },
        "300-000",
      ).lines,
    ).toEqual([
      { account: "300-000", debit: 1617, credit: 0 },
      { account: "310-TTS", debit: 0, credit: 1617 },
    ]);
  });
});

describe("the credit note of an order cancelled after posting", () => {
  test("copies the invoice's lines and accounts, so its journal is the invoice's mirror", () => {
    const invoice = {
      sourceKey: "tiktok:S:order:O",
      shopId: "S",
      orderId: "O",
      date: "2026-03-01",
      customerCode: "300-T0001",
      location: "ECOMMERCE",
      reference: "O",
      description: "TikTok order O",
      currency: "MYR",
      lines: [
        {
          itemCode: "TEE-BLK-M",
          description: "Tee",
          quantity: 2,
          unitPrice: sen(2590),
          amount: sen(5180),
          account: "500-000",
        },
        {
          itemCode: "TT-DISCOUNT",
          description: "Seller discount",
          quantity: 1,
          unitPrice: sen(-259),
          amount: sen(-259),
          account: "520-TT2",
        },
      ],
      total: sen(4921),
      docNo: "IV-00007",
      version: 1,
      postedAt: "2026-03-02T00:00:00.000Z",
    };
    const note = cancellationCreditNote(invoice, "2026-03-03");
    expect([note.sourceKey, note.invoiceNo, note.date, note.total]).toEqual([
      "tiktok:S:order:O:cancelled",
      "IV-00007",
      "2026-03-03",
      4921,
    ]);
    const accounts = { arAccount: "300-000", accountOfItem: () => "none" };
    const iv = buildInvoiceJournal({ ...invoice }, accounts);
    const cn = buildCreditNoteJournal(
      { docNo: "IV-00007", date: invoice.date, total: note.total, lines: note.lines },
      accounts,
    );
    const signed = (e: typeof iv) => Object.fromEntries(e.lines.map((l) => [l.account, l.debit - l.credit]));
    expect(signed(cn)).toEqual(Object.fromEntries(Object.entries(signed(iv)).map(([a, v]) => [a, -v])));
  });
});
