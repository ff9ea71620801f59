import { useCallback, useEffect, useRef, useState } from "react";
import {
  Button,
  Field,
  MessageBar,
  MessageBarBody,
  Select,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
} from "@fluentui/react-components";
import { formatMoney, minorDigits, type Sen } from "../../core/money/money";
import type { LinkedStore } from "../../ledger";
import type { AppContext } from "../flows/context";
import {
  lastSettlementView,
  listPaymentRuns,
  loadSettlement,
  postPayments,
  revertPaymentRun,
  syncMissingOrders,
  type SettlementView,
} from "../flows/payment-flow";
import { StatusArea } from "./status-area";
import { useTask } from "./use-task";

type RunSummary = Awaited<ReturnType<typeof listPaymentRuns>>[number];

/** The guide's Payment tab: Load CSV → check every order has an invoice → waterfall → Post; revert a run. */
export function PaymentTab({ ctx, stores }: { ctx: AppContext; stores: LinkedStore[] }) {
  const [shopId, setShopId] = useState("");
  const [view, setView] = useState<SettlementView | null>(null);
  const [runs, setRuns] = useState<RunSummary[]>([]);
  const [progress, setProgress] = useState<number | undefined>(undefined);
  const fileInput = useRef<HTMLInputElement>(null);
  const task = useTask();

  useEffect(() => {
    if (!stores.some((s) => s.shopId === shopId)) setShopId(stores[0]?.shopId ?? "");
  }, [stores, shopId]);
  const reloadRuns = useCallback(async () => setRuns(await listPaymentRuns(ctx)), [ctx]);
  useEffect(() => {
    void reloadRuns();
  }, [reloadRuns]);

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
      const { counts } = next.file;
      task.setNotice({
        intent: next.file.accepted ? "success" : "error",
        text: next.file.accepted
          ? `Loaded ${chosen.map((f) => f.name).join(", ")}: ${counts.order} order, ${counts.refund} refund and ${counts.adjustment} adjustment rows` +
            (next.rowsToPost === 0 && next.rowsAlreadyPosted > 0
              ? `; all ${next.rowsAlreadyPosted} were posted before, so there is nothing to post.`
              : next.rowsAlreadyPosted > 0
                ? `; ${next.rowsAlreadyPosted} were posted before and will be left alone.`
                : ".")
          : `${chosen.map((f) => f.name).join(", ")} cannot be posted: see the problems below.`,
      });
    });
    if (fileInput.current) fileInput.current.value = "";
  };

  const sync = () =>
    view &&
    task.run("Fetching and posting the missing orders…", async (signal) => {
      const next = await syncMissingOrders(ctx, view, signal);
      setView(next);
      task.setNotice({
        intent: next.missingOrderIds.length ? "warning" : "success",
        text: next.missingOrderIds.length
          ? `${next.missingOrderIds.length} orders still have no invoice: see Status in “TikTok Settlement”.`
          : "Every order row now has an invoice. Check the payout and press Post.",
      });
    });

  const post = () =>
    view &&
    task.run("Posting Payment / Editing Invoice for TikTok Fees, please be patient…", async () => {
      setProgress(0);
      const result = await postPayments(ctx, view, (done, total) => setProgress(done / total));
      const payments = result.dates.filter((d) => d.paymentNo).length;
      const refunds = result.dates.filter((d) => d.refundNo).length;
      task.setNotice({
        intent: "success",
        text:
          `Posting done: ${result.rowsPosted} rows posted, ${result.rowsAlreadyPosted} already Posted; ` +
          `${payments} customer payments` +
          (refunds ? `, ${refunds} customer refunds.` : "."),
      });
      setView(lastSettlementView() ?? null);
      await reloadRuns();
    });

  const revert = (runId: string) =>
    task.run("Reverting the payment run…", async () => {
      await revertPaymentRun(ctx, runId);
      setView(lastSettlementView() ?? null);
      await reloadRuns();
      task.setNotice({ intent: "success", text: "The payment run was reverted: its invoices are back as they were." });
    });

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
              <span>
                {view.missingOrderIds.length} order{view.missingOrderIds.length === 1 ? "" : "s"} in the file have no invoice
                (empty Invoice No in “TikTok Settlement”).
              </span>
              <Button size="small" onClick={() => void sync()} disabled={!!task.busy}>
                Fetch and post these {view.missingOrderIds.length} orders
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
          <div className="scroll-x">
            <Table size="extra-small" aria-label="Payout waterfall" className="waterfall">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>Settled</TableHeaderCell>
                  <TableHeaderCell>Revenue</TableHeaderCell>
                  <TableHeaderCell>Fees</TableHeaderCell>
                  <TableHeaderCell>Shipping</TableHeaderCell>
                  <TableHeaderCell>Adjust.</TableHeaderCell>
                  <TableHeaderCell>Refunds</TableHeaderCell>
                  <TableHeaderCell>Payout</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {view.waterfall.map((w) => {
                  const fees = Object.values(w.fees).reduce<number>((a, b) => a + (b ?? 0), 0) as Sen;
                  const feeTitle = Object.entries(w.fees)
                    .map(([bucket, amount]) => `${bucket} ${money(amount)}`)
                    .join(", ");
                  return (
                    <TableRow key={w.settledDate} className={w.brokenLines.length ? "broken" : undefined}>
                      <TableCell title={w.settledDate}>{w.settledDate.slice(5)}</TableCell>
                      <TableCell className="num">{money(w.revenue)}</TableCell>
                      <TableCell className="num" title={feeTitle}>
                        {money(fees)}
                      </TableCell>
                      <TableCell className="num">{money(w.shipping)}</TableCell>
                      <TableCell className="num">{money(w.adjustments)}</TableCell>
                      <TableCell className="num">{money(w.refunds)}</TableCell>
                      <TableCell className="num">
                        <strong>{money(w.payout)}</strong>
                      </TableCell>
                    </TableRow>
                  );
                })}
              </TableBody>
            </Table>
          </div>
          {view.brokenRows > 0 && (
            <Text className="error-text">
              {view.brokenRows} rows break their settlement identity: Post stays blocked. Re-download the file from Seller
              Center.
            </Text>
          )}
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
                  {run.createdAt.slice(0, 16).replace("T", " ")} · {run.dates.join(", ")}
                  {run.reverted ? " · reverted" : ""}
                </span>
                {!run.reverted && (
                  <Button size="small" appearance="subtle" onClick={() => void revert(run.runId)} disabled={!!task.busy}>
                    Revert
                  </Button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
