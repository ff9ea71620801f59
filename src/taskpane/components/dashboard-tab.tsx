import { useEffect, useState } from "react";
import { Button, Text } from "@fluentui/react-components";
import { formatMoney, type Sen } from "../../core/money/money";
import { DASHBOARD_SHEET, NO_PAYMENTS_NOTE, type DashboardFigures } from "../../core/dashboard/dashboard";
import type { AppContext } from "../flows/context";
import { writeDashboard } from "../flows/dashboard-flow";
import { StatusArea } from "./status-area";
import { anyTaskRunning, useTask } from "./use-task";

const money = (value: Sen) => {
  const [whole, fraction] = formatMoney(value).replace("-", "").split(".");
  return `${value < 0 ? "-" : ""}${whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",")}.${fraction}`;
};

/** Drawn afresh each time the tab is shown, and on Refresh dashboard. */
export function DashboardTab({ ctx, active }: { ctx: AppContext; active: boolean }) {
  const task = useTask();
  const [figures, setFigures] = useState<DashboardFigures | null>(null);

  const refresh = () =>
    task.run("Drawing the dashboard…", async () => {
      const result = await writeDashboard(ctx);
      setFigures(result);
      task.setNotice({
        intent: "success",
        text: `The “${DASHBOARD_SHEET}” sheet is up to date as of ${result.asOf}.`,
      });
    });

  useEffect(() => {
    if (!active) return;
    // Figures drawn in the middle of a Post would be half-way figures.
    if (anyTaskRunning())
      task.setNotice({ intent: "info", text: "Another task is running: Refresh dashboard once it is done." });
    else void refresh();
    // Only on being shown: refresh is a new function each render.
  }, [active]);

  const totals = figures?.totals;
  return (
    <section className="tab-body" aria-label="Dashboard">
      <Text>
        Charts of daily sales against payouts, fees by bucket, and delivered orders not yet settled, on the “
        {DASHBOARD_SHEET}” sheet.
      </Text>
      <div className="buttons">
        <Button appearance="primary" onClick={() => void refresh()} disabled={!!task.busy}>
          Refresh dashboard
        </Button>
      </div>
      {totals && (
        <dl className="pairs" aria-label="Dashboard figures">
          <dt>Sales, last {figures.daily.length} days</dt>
          <dd>{money(totals.sales)}</dd>
          <dt>Payouts</dt>
          <dd>{totals.payouts === null ? "none posted yet" : money(totals.payouts)}</dd>
          <dt>Fees</dt>
          <dd>{totals.fees === null ? "none posted yet" : money(totals.fees)}</dd>
          <dt>Delivered, not settled</dt>
          <dd>
            {totals.unsettledOrders} {totals.unsettledOrders === 1 ? "order" : "orders"},{" "}
            {money(totals.unsettledAmount)}
          </dd>
        </dl>
      )}
      {figures && !figures.paymentsPosted && <p className="hint">{NO_PAYMENTS_NOTE}</p>}
      <StatusArea busy={task.busy} notice={task.notice} />
    </section>
  );
}
