import { sen } from "../../../src/core/money/money";
import { creditedReturnIds, returnedGoodsLines, returnsGoodsBack } from "../../../src/core/posting/returned-goods";
import type { InvoiceLine } from "../../../src/core/posting/types";
import type { ReturnOrder } from "../../../src/core/tiktok/types";

const ORDER = "579912345678901234";
const TEE = "1729384756000000001";
const CAP = "1729384756000000002";

/** IV-00001 of the worked example: two black tees, a red cap, the seller discount. */
const INVOICE: InvoiceLine[] = [
  { itemCode: "TEE-BLK-M", description: "Tee black M", quantity: 2, unitPrice: sen(2590), amount: sen(5180), skuId: TEE, sellerSku: "TEE-BLK-M" },
  { itemCode: "CAP-RED", description: "Cap red", quantity: 1, unitPrice: sen(1290), amount: sen(1290), skuId: CAP, sellerSku: "CAP-RED" },
  { itemCode: "TT-DISCOUNT", description: "Seller discount", quantity: 1, unitPrice: sen(-259), amount: sen(-259) },
];

let nextId = 4035318504086604100n;
function returned(skus: string[], overrides: Partial<ReturnOrder> = {}): ReturnOrder {
  return {
    return_id: String(nextId++),
    order_id: ORDER,
    return_type: "RETURN_AND_REFUND",
    return_status: "RETURN_OR_REFUND_REQUEST_COMPLETE",
    create_time: 1_773_000_000,
    update_time: 1_773_100_000,
    return_line_items: skus.map((sku, i) => ({ return_line_item_id: String(nextId++), order_line_item_id: `57991234567890123${i}`, sku_id: sku })),
    ...overrides,
  };
}

const view = (lines: InvoiceLine[] | undefined) => lines?.map((l) => [l.itemCode, l.description, l.quantity, l.unitPrice, l.amount]);

describe("returned goods on a refund's credit note", () => {
  test("WORKED-EXAMPLE §5: the returned cap is one CAP-RED line of 12.90, with no account: the ledger books it to the returns account", () => {
    const cap = returned([CAP]);
    const lines = returnedGoodsLines([cap], INVOICE, sen(1290));
    expect(view(lines)).toEqual([["CAP-RED", "Cap red (returned)", 1, 1290, 1290]]);
    expect(lines?.map((l) => [l.account, l.returnIds])).toEqual([[undefined, [cap.return_id]]]);
  });

  test("two units of one SKU make one line of quantity 2; lines keep the SKU for stock", () => {
    const lines = returnedGoodsLines([returned([TEE, CAP, TEE])], INVOICE, sen(6470));
    expect(view(lines)).toEqual([
      ["TEE-BLK-M", "Tee black M (returned)", 2, 2590, 5180],
      ["CAP-RED", "Cap red (returned)", 1, 1290, 1290],
    ]);
    expect(lines?.map((l) => [l.skuId, l.sellerSku])).toEqual([[TEE, "TEE-BLK-M"], [CAP, "CAP-RED"]]);
  });

  test("with two returns of the order, the one whose units make the refund is taken; both together when the refund covers both", () => {
    const first = returned([TEE]);
    const second = returned([CAP]);
    expect(view(returnedGoodsLines([first, second], INVOICE, sen(1290)))).toEqual([["CAP-RED", "Cap red (returned)", 1, 1290, 1290]]);
    expect(view(returnedGoodsLines([first, second], INVOICE, sen(2590)))).toEqual([["TEE-BLK-M", "Tee black M (returned)", 1, 2590, 2590]]);
    expect(view(returnedGoodsLines([first, second], INVOICE, sen(3880)))).toEqual([
      ["TEE-BLK-M", "Tee black M (returned)", 1, 2590, 2590],
      ["CAP-RED", "Cap red (returned)", 1, 1290, 1290],
    ]);
  });

  test("a return credited before is not credited again; the next refund of the same amount takes another return", () => {
    const first = returned([CAP]);
    const second = returned([CAP]);
    const lines = returnedGoodsLines([first, second], INVOICE, sen(1290), creditedReturnIds([{ lines: returnedGoodsLines([first, second], INVOICE, sen(1290))! }]));
    expect(lines?.map((l) => l.returnIds)).toEqual([[second.return_id]]);
    expect(returnedGoodsLines([first, second], INVOICE, sen(1290), new Set([first.return_id, second.return_id]))).toBeUndefined();
  });

  test("a refund-only return beside a goods-back return of the same amount: only the goods-back one brings stock back, once", () => {
    const refundOnly = returned([CAP], { return_type: "REFUND" });
    const goodsBack = returned([CAP]);
    const credited = new Set<string>();
    const firstRow = returnedGoodsLines([refundOnly, goodsBack], INVOICE, sen(1290), credited);
    expect(firstRow?.map((l) => l.returnIds)).toEqual([[goodsBack.return_id]]);
    for (const id of firstRow!.flatMap((l) => l.returnIds ?? [])) credited.add(id);
    expect(returnedGoodsLines([refundOnly, goodsBack], INVOICE, sen(1290), credited)).toBeUndefined();
  });

  test("of three returns, the two whose units make the refund are taken, the fewest first", () => {
    const tee = returned([TEE]);
    const cap = returned([CAP]);
    const otherTee = returned([TEE]);
    const lines = returnedGoodsLines([tee, cap, otherTee], INVOICE, sen(5180));
    expect(view(lines)).toEqual([["TEE-BLK-M", "Tee black M (returned)", 2, 2590, 5180]]);
    expect(lines?.[0].returnIds).toEqual([tee.return_id, otherTee.return_id]);
    expect(returnedGoodsLines([tee, cap, otherTee], INVOICE, sen(2590))?.[0].returnIds).toEqual([tee.return_id]);
  });

  test("no lines when the returned units do not add up to the refund, or a returned SKU is not on the invoice", () => {
    expect(returnedGoodsLines([returned([CAP])], INVOICE, sen(1300))).toBeUndefined();
    expect(returnedGoodsLines([returned(["1729384756000000099"])], INVOICE, sen(1290))).toBeUndefined();
    expect(returnedGoodsLines([], INVOICE, sen(1290))).toBeUndefined();
  });

  test("a refund without a return, a replacement, or a return not refunded yet brings no goods back", () => {
    expect(returnsGoodsBack(returned([CAP], { return_type: "REFUND" }))).toBe(false);
    expect(returnsGoodsBack(returned([CAP], { return_type: "REPLACEMENT", return_status: "REPLACEMENT_REQUEST_COMPLETE" }))).toBe(false);
    expect(returnsGoodsBack(returned([CAP], { return_status: "AWAITING_BUYER_SHIP" }))).toBe(false);
    expect(returnsGoodsBack(returned([CAP], { return_status: "REFUND_OR_RETURN_REQUEST_REJECT" }))).toBe(false);
    expect(returnsGoodsBack(returned([CAP], { return_status: "RETURN_OR_REFUND_REQUEST_SUCCESS" }))).toBe(true);
    expect(returnedGoodsLines([returned([CAP], { return_type: "REFUND" })], INVOICE, sen(1290))).toBeUndefined();
  });

  test("a SKU also given as a gift: the returned unit is the sold one, not the zero-price gift line", () => {
    const withGift: InvoiceLine[] = [
      { itemCode: "CAP-RED", description: "Cap red (gift)", quantity: 1, unitPrice: sen(0), amount: sen(0), skuId: CAP },
      ...INVOICE,
    ];
    expect(view(returnedGoodsLines([returned([CAP])], withGift, sen(1290)))).toEqual([["CAP-RED", "Cap red (returned)", 1, 1290, 1290]]);
  });
});
