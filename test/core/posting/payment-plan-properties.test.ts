import { readFileSync } from "node:fs";
import fc from "fast-check";
import Papa from "papaparse";
import { formatMoney, sen } from "../../../src/core/money/money";
import { DEFAULT_FEE_MAP } from "../../../src/core/posting/fee-map";
import { buildInvoiceJournal } from "../../../src/core/posting/journal";
import { buildPaymentPlan, type PlanInvoice } from "../../../src/core/posting/payment-plan";
import { parseSettlement } from "../../../src/core/settlement";
import { settlementFixture } from "../../fixtures/settlement-fixtures";

const HEADER = Papa.parse<string[]>(readFileSync(settlementFixture("my-basic.csv"), "utf8"), {
  preview: 1,
}).data[0];
const DATES = ["2026/03/02", "2026/03/03", "2026/03/04"];
const m = (v: number) => formatMoney(sen(v));

function myRow(cells: Record<string, string>): string[] {
  return HEADER.map((h) => cells[h] ?? (h === "Shopping center items" || h.includes("weight") ? "/" : "0"));
}

const fee = fc.integer({ min: -3000, max: 0 });
const orderArb = fc.record({
  before: fc.integer({ min: 0, max: 200_000 }),
  discountShare: fc.integer({ min: 0, max: 50 }),
  transaction: fee,
  commission: fee,
  shipping: fc.integer({ min: -800, max: 200 }),
  affiliate: fee,
  sst: fee,
  support: fc.constantFrom(0, -50),
  adjustment: fc.constantFrom(0, 0, 0, 25, -40),
  date: fc.integer({ min: 0, max: DATES.length - 1 }),
  invoiceDifference: fc.constantFrom(0, 0, 0, 1, -7),
  refund: fc.option(
    fc.record({
      share: fc.integer({ min: 1, max: 100 }),
      returnShipping: fc.integer({ min: -600, max: 0 }),
      later: fc.integer({ min: 0, max: 2 }),
    }),
    { nil: undefined },
  ),
});
const adjustmentArb = fc.record({
  amount: fc.integer({ min: -5000, max: 5000 }),
  date: fc.integer({ min: 0, max: DATES.length - 1 }),
});

describe("payment plan properties", () => {
  test("for rows satisfying their identities, every edited invoice totals its settlement amount and Σ payments per date = the file's total per date", () => {
    fc.assert(
      fc.property(
        fc.array(orderArb, { minLength: 1, maxLength: 12 }),
        fc.array(adjustmentArb, { maxLength: 4 }),
        (orders, adjustments) => {
          const lines: string[][] = [];
          const invoices = new Map<string, PlanInvoice>();
          orders.forEach((o, i) => {
            const id = `5799000000000${String(i).padStart(5, "0")}`;
            const disc = -Math.floor((o.before * o.discountShare) / 100);
            const after = o.before + disc;
            const fees = o.transaction + o.commission + o.shipping + o.affiliate + o.sst + o.support;
            lines.push(
              myRow({
                "Order/adjustment ID": id,
                Type: "Order",
                "Order settled time": DATES[o.date],
                Currency: "MYR",
                "Total settlement amount": m(after + fees + o.adjustment),
                "Total Revenue": m(after),
                "Subtotal after seller discounts": m(after),
                "Subtotal before discounts": m(o.before),
                "Seller discounts": m(disc),
                "Total Fees": m(fees),
                "Transaction fee": m(o.transaction),
                "TikTok Shop commission fee": m(o.commission),
                "Seller shipping fee": m(o.shipping),
                "Affiliate Commission": m(o.affiliate),
                SST: m(o.sst),
                "Platform support fee": m(o.support),
                "Ajustment amount": m(o.adjustment),
                "Related order ID": id,
              }),
            );
            invoices.set(id, {
              docNo: `IV-${i}`,
              orderId: id,
              total: sen(after + o.invoiceDifference),
              outstanding: sen(after + o.invoiceDifference),
              lines: [],
            });
            if (o.refund) {
              const rBefore = -Math.floor((o.before * o.refund.share) / 100);
              const rDisc = -Math.floor((disc * o.refund.share) / 100);
              const rAfter = rBefore + rDisc;
              const back = {
                t: -Math.floor((o.transaction * o.refund.share) / 100),
                c: -Math.floor((o.commission * o.refund.share) / 100),
              };
              const rFees = back.t + back.c + o.refund.returnShipping;
              lines.push(
                myRow({
                  "Order/adjustment ID": id,
                  Type: "Order",
                  "Order settled time": DATES[Math.min(o.date + o.refund.later, DATES.length - 1)],
                  Currency: "MYR",
                  "Total settlement amount": m(rAfter + rFees),
                  "Total Revenue": m(rAfter),
                  "Refund subtotal after seller discounts": m(rAfter),
                  "Refund subtotal before seller discounts": m(rBefore),
                  "Refund of seller discounts": m(rDisc),
                  "Total Fees": m(rFees),
                  "Transaction fee": m(back.t),
                  "TikTok Shop commission fee": m(back.c),
                  "Seller shipping fee": m(o.refund.returnShipping),
                  "Actual return shipping fee": m(o.refund.returnShipping),
                  "Related order ID": id,
                }),
              );
            }
          });
          adjustments.forEach((a, i) => {
            lines.push(
              myRow({
                "Order/adjustment ID": `745000000000000${String(i).padStart(4, "0")}`,
                Type: a.amount >= 0 ? "Logistics reimbursement" : "Deductions incurred by seller",
                "Order settled time": DATES[a.date],
                Currency: "MYR",
                "Total settlement amount": m(a.amount),
                "Ajustment amount": m(a.amount),
                "Related order ID": "/",
              }),
            );
          });
          const file = parseSettlement(Papa.unparse([HEADER, ...lines], { newline: "\n" }), {
            file: "p.csv",
          });
          expect(file.problems.filter((p) => p.severity === "error")).toEqual([]);

          const plan = buildPaymentPlan(
            { rows: file.rows, invoices, postedKeys: [] },
            {
              shopId: "S",
              currency: "MYR",
              feeMap: DEFAULT_FEE_MAP,
              returnsItem: "TT-RETURN",
              discountItem: "TT-DISCOUNT",
              revenueDifferenceItem: "TT-DISCOUNT",
            },
          );
          expect(plan.problems).toEqual([]);
          const rowByKey = new Map(plan.rows.map((r) => [r.key, r.row]));
          const paidPerDate: Record<string, number> = {};
          const edited = new Set<string>();
          for (const day of plan.dates) {
            for (const edit of day.invoiceEdits) {
              const row = rowByKey.get(edit.rowKey)!;
              // An order's first settlement sets the invoice to what TikTok paid; a later Order row adds to it.
              if (edited.has(edit.docNo))
                expect(edit.totalAfter - edit.totalBefore).toBe(row.settlementAmount);
              else expect(edit.totalAfter).toBe(row.settlementAmount);
              edited.add(edit.docNo);
              expect(edit.totalAfter - edit.totalBefore).toBe(edit.lines.reduce((a, l) => a + l.amount, 0));
              buildInvoiceJournal(
                {
                  docNo: edit.docNo,
                  date: day.settledDate,
                  total: edit.totalAfter,
                  lines: edit.lines.concat({
                    itemCode: "P",
                    description: "",
                    quantity: 1,
                    unitPrice: edit.totalBefore,
                    amount: edit.totalBefore,
                  }),
                },
                { arAccount: "AR", accountOfItem: (c) => c },
              );
            }
            // 0 - amount, not -amount: a refund whose fees give back all it takes nets 0, never -0.
            for (const cn of day.creditNotes)
              expect(cn.total).toBe(0 - rowByKey.get(cn.rowKeys[0])!.settlementAmount);
            const knocked =
              day.payment.knockOffs.reduce((a, k) => a + k.amount, 0) -
              day.payment.credits.reduce((a, k) => a + k.amount, 0);
            const signed = day.payment.kind === "refund" ? -day.payment.amount : day.payment.amount;
            expect(day.payment.amount).toBeGreaterThanOrEqual(0);
            expect(knocked).toBe(signed);
            paidPerDate[day.settledDate] = signed;
          }
          expect(paidPerDate).toEqual(file.totalsBySettledDate);
        },
      ),
      { numRuns: 150 },
    );
  });
});
