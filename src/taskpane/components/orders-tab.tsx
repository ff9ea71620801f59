import { useEffect, useState } from "react";
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  Menu,
  MenuItem,
  MenuList,
  MenuPopover,
  MenuTrigger,
  Select,
  SplitButton,
  type MenuButtonProps,
} from "@fluentui/react-components";
import { ORDER_STATUSES } from "../../core/tiktok/types";
import { businessDate } from "../../core/dates/business-date";
import type { LinkedStore } from "../../ledger";
import type { AppContext } from "../flows/context";
import { postOrders, refreshOrders, summarise, type StatusFilter } from "../flows/orders-flow";
import { describeShown, forgetTicks, selectAllQuestion, showStatus } from "../flows/order-filter";
import { setAllTicks } from "../flows/products-flow";
import { ORDERS_SHEET } from "../../core/sheets/order-sheets";
import { StatusArea } from "./status-area";
import { useTask } from "./use-task";

function shiftDate(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function OrdersTab({ ctx, stores }: { ctx: AppContext; stores: LinkedStore[] }) {
  const today = businessDate(ctx.now());
  const [shopId, setShopId] = useState<string>("");
  const [from, setFrom] = useState(shiftDate(today, -29));
  const [to, setTo] = useState(today);
  const [filter, setFilter] = useState<StatusFilter>("ALL");
  const [askSelectAll, setAskSelectAll] = useState<null | { anyStatus: boolean; question: string }>(null);
  const [progress, setProgress] = useState<number | undefined>(undefined);
  const task = useTask();

  useEffect(() => {
    if (!stores.some((s) => s.shopId === shopId)) setShopId(stores[0]?.shopId ?? "");
  }, [stores, shopId]);

  const refresh = () =>
    task.run("Fetching orders from TikTok Shop, please be patient…", async (signal) => {
      setProgress(undefined);
      const result = await refreshOrders(ctx, shopId || undefined, { from, to }, filter, signal);
      forgetTicks(ctx.workbook);
      task.setNotice({
        intent: "success",
        text:
          `Fetching Done: ${result.fetched} orders from ${from} to ${to}` +
          (filter === "ALL" ? "." : `, ${result.shown} ${filter} shown.`) +
          (result.resumedFrom ? ` (continued the earlier Refresh from ${result.resumedFrom})` : ""),
      });
    });

  const changeFilter = (next: StatusFilter) =>
    task.run(`Showing ${next === "ALL" ? "all" : next} orders…`, async () => {
      setFilter(next);
      const shown = await showStatus(ctx, shopId || undefined, next);
      if (shown) task.setNotice({ intent: "info", text: describeShown(shown) });
    });

  const post = (anyStatus: boolean, selectAll = false) =>
    task.run("Posting orders to sales invoices, please wait…", async (signal) => {
      setProgress(0);
      const outcome = await postOrders(ctx, {
        anyStatus,
        selectAll,
        signal,
        onProgress: (done, total) => setProgress(done / total),
      });
      if (outcome.nothingTicked) {
        setAskSelectAll({ anyStatus, question: await selectAllQuestion(ctx, filter, anyStatus) });
        return;
      }
      const failed = outcome.results.some((r) => r.status === "Failed");
      task.setNotice({ intent: failed ? "warning" : "success", text: summarise(outcome) });
    });

  const tickAll = (ticked: boolean) =>
    task.run(ticked ? "Ticking every order shown…" : "Clearing ticks…", async () => {
      const n = await setAllTicks(ctx, ORDERS_SHEET, "Order ID", ticked);
      task.setNotice({ intent: "info", text: ticked ? `${n} orders ticked.` : "No order is ticked." });
    });

  return (
    <section className="tab-body" aria-label="Orders">
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
      <div className="row">
        <Field label="From">
          <Input type="date" value={from} onChange={(_, d) => setFrom(d.value)} />
        </Field>
        <Field label="To">
          <Input type="date" value={to} onChange={(_, d) => setTo(d.value)} />
        </Field>
      </div>
      <div className="buttons">
        <Button
          appearance="primary"
          onClick={() => void refresh()}
          disabled={!!task.busy || stores.length === 0}
        >
          Refresh Order
        </Button>
      </div>
      <Field label="Status">
        <Select
          value={filter}
          onChange={(_, d) => void changeFilter(d.value as StatusFilter)}
          aria-label="Status filter"
          disabled={!!task.busy}
        >
          <option value="ALL">All statuses</option>
          {ORDER_STATUSES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </Select>
      </Field>
      <div className="buttons">
        <Menu positioning="below-end">
          <MenuTrigger disableButtonEnhancement>
            {(triggerProps: MenuButtonProps) => (
              <SplitButton
                appearance="primary"
                menuButton={{ ...triggerProps, "aria-label": "More post options" }}
                primaryActionButton={{ onClick: () => void post(false), disabled: !!task.busy }}
              >
                Post
              </SplitButton>
            )}
          </MenuTrigger>
          <MenuPopover>
            <MenuList>
              <MenuItem onClick={() => void post(true)}>Post anyway (any status)</MenuItem>
            </MenuList>
          </MenuPopover>
        </Menu>
        <Button size="small" onClick={() => void tickAll(true)} disabled={!!task.busy}>
          Select all
        </Button>
        <Button size="small" onClick={() => void tickAll(false)} disabled={!!task.busy}>
          Select none
        </Button>
      </div>
      <p className="hint">
        Tick orders in the “TikTok Orders” sheet, then Post; a Status shows one status and keeps the ticks of the others. Orders whose status is set to Skip need Post
        anyway. Failed – Missing Item Code: pick an Item Code in “TikTok Order Lines” (the order is ticked for
        you), then Post again. An order cancelled after posting gets a credit note when you Post it.
      </p>
      <StatusArea busy={task.busy} notice={task.notice} onCancel={task.cancel} progress={progress} />
      <Dialog open={askSelectAll !== null} onOpenChange={(_, d) => !d.open && setAskSelectAll(null)}>
        <DialogSurface>
          <DialogBody>
            <DialogTitle>Post orders</DialogTitle>
            <DialogContent>{askSelectAll?.question}</DialogContent>
            <DialogActions>
              <Button
                appearance="primary"
                onClick={() => {
                  const anyStatus = askSelectAll?.anyStatus ?? false;
                  setAskSelectAll(null);
                  void post(anyStatus, true);
                }}
              >
                Yes
              </Button>
              <Button onClick={() => setAskSelectAll(null)}>No</Button>
            </DialogActions>
          </DialogBody>
        </DialogSurface>
      </Dialog>
    </section>
  );
}
