/**
 * =TIKTOK.ORDERSTATUS(orderId): the TikTok status of a fetched order, kept current as the ledger changes.
 * Excel passes a cell's value as it is: a number means the ID was typed into a number cell and has lost
 * digits, so it is refused rather than looked up.
 */
export interface OrderStatusLedger {
  getFetchedOrder(orderId: string): Promise<{ status: string } | undefined>;
  /** Calls the listener after each change of the books; returns a function that stops listening. */
  onChange(listener: () => void): () => void;
}

export const ORDER_ID_NOT_TEXT = "Order IDs must be text: format the column as Text and re-enter the ID.";

type Result = string | CustomFunctions.Error;

/** The order ID as text, or the #VALUE! error to show instead. */
export function parseOrderId(raw: unknown): string | CustomFunctions.Error {
  const text = typeof raw === "string" ? raw.trim() : "";
  if (!/^\d+$/.test(text)) return new CustomFunctions.Error(CustomFunctions.ErrorCode.invalidValue, ORDER_ID_NOT_TEXT);
  return text;
}

export async function orderStatusValue(ledger: Pick<OrderStatusLedger, "getFetchedOrder">, rawId: unknown): Promise<Result> {
  const orderId = parseOrderId(rawId);
  if (typeof orderId !== "string") return orderId;
  const order = await ledger.getFetchedOrder(orderId);
  if (!order) return new CustomFunctions.Error(CustomFunctions.ErrorCode.notAvailable, `No fetched order ${orderId}`);
  return order.status;
}

function sameResult(a: Result | undefined, b: Result): boolean {
  if (typeof a === "string" || typeof b === "string" || a === undefined) return a === b;
  return a.code === b.code && a.message === b.message;
}

/**
 * Sets the cell now and again after every ledger change (only when the answer changed), until Excel
 * cancels the invocation. Errors go through setResult: a streaming function's exceptions are ignored.
 */
export function streamOrderStatus(
  getLedger: () => Promise<OrderStatusLedger>,
  rawId: unknown,
  invocation: Pick<CustomFunctions.StreamingInvocation<string>, "setResult" | "onCanceled">,
): void {
  let canceled = false;
  let unsubscribe: (() => void) | undefined;
  let latest = 0;
  let shown: Result | undefined;

  const publish = (result: Result) => {
    if (canceled || sameResult(shown, result)) return;
    shown = result;
    invocation.setResult(result);
  };
  const failed = (error: unknown) =>
    new CustomFunctions.Error(
      CustomFunctions.ErrorCode.notAvailable,
      `The books could not be read: ${error instanceof Error ? error.message : String(error)}`,
    );

  invocation.onCanceled = () => {
    canceled = true;
    unsubscribe?.();
    unsubscribe = undefined;
  };

  const idOrError = parseOrderId(rawId);
  if (typeof idOrError !== "string") {
    publish(idOrError);
    return;
  }

  getLedger().then(
    (ledger) => {
      if (canceled) return;
      const refresh = () => {
        const ticket = ++latest;
        orderStatusValue(ledger, idOrError).then(
          (result) => ticket === latest && publish(result),
          (error) => ticket === latest && publish(failed(error)),
        );
      };
      unsubscribe = ledger.onChange(refresh);
      refresh();
    },
    (error) => publish(failed(error)),
  );
}
