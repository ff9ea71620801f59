import { useCallback, useEffect, useRef, useState } from "react";
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  MessageBar,
  MessageBarBody,
  Select,
  Text,
} from "@fluentui/react-components";
import { formatMoney, minorDigits, type Sen } from "../../core/money/money";
import type { LinkedStore } from "../../ledger";
import type { AppContext } from "../flows/context";
import { runTime } from "../flows/wording";
import {
  describeBrokenRows,
  describeLoad,
  describeMissingOrders,
  describePostNotice,
  describeReverted,
  describeRevertQuestion,
  describeSync,
  lastSettlementView,
  listPaymentRuns,
  loadSettlement,
  postPayments,
  revertPaymentRun,
  syncButtonLabel,
  syncMissingOrders,
  type PaymentRunSummary,
  type SettlementView,
} from "../flows/payment-flow";
import { StatusArea } from "./status-area";
import { useLastAsked } from "./use-last-asked";
import { useTask } from "./use-task";

/** The guide's Payment tab: Load CSV → check every order has an invoice → waterfall → Post; revert a run. */
export function PaymentTab({ ctx, stores, active = true }: { ctx: AppContext; stores: LinkedStore[]; active?: boolean }) {
  const [shopId, setShopId] = useState("");
  const [view, setView] = useState<SettlementView | null>(null);
  const [runs, setRuns] = useState<PaymentRunSummary[]>([]);
  const [confirmRevert, setConfirmRevert] = useState<PaymentRunSummary | null>(null);
  const [progress, setProgress] = useState<number | undefined>(undefined);
  const fileInput = useRef<HTMLInputElement>(null);
  const task = useTask();

  useEffect(() => {
    if (!stores.some((s) => s.shopId === shopId)) setShopId(stores[0]?.shopId ?? "");
  }, [stores, shopId]);
  const reloadRuns = useCallback(async () => setRuns(await listPaymentRuns(ctx)), [ctx]);
  useEffect(() => {
    // Read again each time the tab is shown: a restore on the Books tab or the ribbon's Post change them.
    if (!active) return;
    void reloadRuns();
    setView((shown) => (shown ? (lastSettlementView() ?? shown) : shown));
  }, [reloadRuns, active]);

  const digits = minorDigits(view?.file.currency ?? "MYR");
  const money = (value: Sen | undefined) => formatMoney((value ?? 0) as Sen, digits);

  const load = (files: FileList | null) => {
    if (!files || files.length === 0) return;
    const chosen = [...files];
    void task.run("Reading the settlement file…", async (signal) => {
      setProgress(0);
      const read = await Promise.all(chosen.map(async (f) => ({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) })));
      const next = await loadSettlement(ctx, read, shopId || undefined, setProgress, signal);
      setView(next);
      task.setNotice({
        intent: next.file.accepted ? "success" : "error",
        text: describeLoad(
          next,
          chosen.map((f) => f.name),
        ),
      });
    });
    if (fileInput.current) fileInput.current.value = "";
  };

  const sync = () =>
    view &&
    task.run("Fetching and posting the missing orders…", async (signal) => {
      const next = await syncMissingOrders(ctx, view, signal);
      setView(next);
      task.setNotice({ intent: next.missingOrderIds.length ? "warning" : "success", text: describeSync(next) });
    });

  const post = () =>
    view &&
    task.run("Posting Payment / Editing Invoice for TikTok Fees, please be patient…", async () => {
      setProgress(0);
      const result = await postPayments(ctx, view, (done, total) => setProgress(done / total));
      task.setNotice({ intent: "success", text: describePostNotice(result) });
      setView(lastSettlementView() ?? null);
      await reloadRuns();
    });

  const revert = (run: PaymentRunSummary) =>
    task.run("Reverting the payment run…", async () => {
      await revertPaymentRun(ctx, run.runId);
      setView(lastSettlementView() ?? null);
      await reloadRuns();
      task.setNotice({ intent: "success", text: describeReverted(run) });
    });
  const asked = useLastAsked(confirmRevert);
  const question = asked ? describeRevertQuestion(asked) : null;

  const errors = view?.file.problems.filter((p) => p.severity === "error") ?? [];
  const warnings = [
    ...(view?.file.problems.filter((p) => p.severity === "warning") ?? []),
    ...(view?.returnsNote ? [{ message: view.returnsNote }] : []),
  ];

  return (
    <section className="tab-body" aria-label="Payment">
      {stores.length > 1 && (
        <Field label="Store">
          <Select value={shopId} onChange={(_, d) => setShopId(d.value)}>
            {stores.map((s) => (
              <option key={s.shopId} value={s.shopId}>
                {s.description} – {s.shopName}
              </option>
            ))}
          </Select>
        </Field>
      )}
      <Text size={200} className="hint">
        Seller Center → Finance → Settled records → Export, then load that file here.
      </Text>
      <div className="buttons">
        <Button appearance="primary" onClick={() => fileInput.current?.click()} disabled={!!task.busy || stores.length === 0}>
          Load CSV
        </Button>
        <Button onClick={() => void post()} disabled={!!task.busy || !view?.canPost}>
          Post
        </Button>
        <input
          ref={fileInput}
          type="file"
          accept=".csv,text/csv"
          multiple
          hidden
          aria-label="Settlement file"
          onChange={(e) => load(e.target.files)}
        />
      </div>
      <StatusArea busy={task.busy} notice={task.notice} onCancel={task.cancel} progress={progress} />

      {view && view.missingOrderIds.length > 0 && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>
            <div className="gate">
              <span className="gate-text">{view.message ?? "Please sync all orders before posting payment."}</span>
              <span>{describeMissingOrders(view.missingOrderIds.length)}</span>
              <Button size="small" onClick={() => void sync()} disabled={!!task.busy}>
                {syncButtonLabel(view.missingOrderIds.length)}
              </Button>
            </div>
          </MessageBarBody>
        </MessageBar>
      )}
      {errors.length > 0 && (
        <MessageBar intent="error">
          <MessageBarBody>
            <ul className="problems" aria-label="Problems">
              {errors.slice(0, 20).map((p, i) => (
                <li key={i}>{p.message}</li>
              ))}
              {errors.length > 20 && <li>…and {errors.length - 20} more.</li>}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
      {warnings.length > 0 && (
        <MessageBar intent="warning">
          <MessageBarBody>
            <ul className="problems" aria-label="Warnings">
              {warnings.slice(0, 10).map((p, i) => (
                <li key={i}>{p.message}</li>
              ))}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}

      {view && view.waterfall.length > 0 && (
        <>
          <Text as="h2" weight="semibold">
            Payout per settled date ({view.file.currency})
          </Text>
          <ul className="waterfall" aria-label="Payout waterfall">
            {view.waterfall.map((w) => {
              const fees = Object.values(w.fees).reduce<number>((a, b) => a + (b ?? 0), 0) as Sen;
              const feeTitle = Object.entries(w.fees)
                .map(([bucket, amount]) => `${bucket} ${money(amount)}`)
                .join(", ");
              const parts: [string, Sen, string?][] = [
                ["Revenue", w.revenue],
                ["Fees", fees, feeTitle],
                ["Shipping", w.shipping],
                ["Adjust.", w.adjustments],
                ["Refunds", w.refunds],
              ];
              return (
                <li key={w.settledDate} className={w.brokenLines.length ? "broken" : undefined} aria-label={w.settledDate}>
                  <div className="waterfall-head">
                    <span className="waterfall-date">{w.settledDate}</span>
                    <span className="waterfall-payout">
                      Payout <strong className="num">{money(w.payout)}</strong>
                    </span>
                  </div>
                  <div className="waterfall-parts">
                    {parts.map(([label, amount, title]) => (
                      <span key={label} title={title || undefined}>
                        {label} <span className="num">{money(amount)}</span>
                      </span>
                    ))}
                  </div>
                </li>
              );
            })}
          </ul>
          {view.brokenRows > 0 && <Text className="error-text">{describeBrokenRows(view.brokenRows)}</Text>}
        </>
      )}

      {runs.length > 0 && (
        <>
          <Text as="h2" weight="semibold">
            Payment runs
          </Text>
          <ul className="runs" aria-label="Payment runs">
            {runs.map((run) => (
              <li key={run.runId}>
                <span>
                  {runTime(run.createdAt)} · {run.dates.join(", ")}
                  {run.reverted ? " · reverted" : ""}
                </span>
                {!run.reverted && (
                  <Button
                    size="small"
                    appearance="subtle"
                    onClick={() => setConfirmRevert(run)}
                    disabled={!!task.busy}
                    aria-label={`Revert the payment run of ${runTime(run.createdAt)}`}
                  >
                    Revert
                  </Button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      <Dialog open={confirmRevert !== null} onOpenChange={(_, d) => !d.open && setConfirmRevert(null)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>{question?.title}</DialogTitle>
            <DialogContent>{question?.text}</DialogContent>
            <DialogActions>
              <Button
                appearance="primary"
                onClick={() => {
                  const chosen = confirmRevert;
                  setConfirmRevert(null);
                  if (chosen) void revert(chosen);
                }}
              >
                Revert
              </Button>
              <Button onClick={() => setConfirmRevert(null)}>Cancel</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </section>
  );
}
