import { useState } from "react";
import { Button, Checkbox } from "@fluentui/react-components";
import { PRODUCTS_SHEET } from "../../core/sheets/product-sheets";
import type { AppContext } from "../flows/context";
import { fetchProducts, postProductMappings, setAllTicks } from "../flows/products-flow";
import { StatusArea } from "./status-area";
import { useTask } from "./use-task";

export function ProductsTab({ ctx, linked }: { ctx: AppContext; linked: boolean }) {
  const [createMissing, setCreateMissing] = useState(false);
  const task = useTask();

  const fetch = () =>
    task.run("Fetching products from TikTok Shop…", async (signal) => {
      const r = await fetchProducts(ctx, undefined, signal);
      task.setNotice({
        intent: "success",
        text: `Fetching Done: ${r.products} products, ${r.skus} SKUs, ${r.notMapped} not mapped.`,
      });
    });

  const post = (selectAll: boolean) =>
    task.run("Posting SKU mappings…", async () => {
      const r = await postProductMappings(ctx, { createMissing, selectAll });
      if (r.nothingTicked) {
        task.setNotice({
          intent: "warning",
          text: "No SKU is ticked: tick rows in “TikTok Products”, or use Post all.",
        });
        return;
      }
      task.setNotice({
        intent: r.failed ? "warning" : "success",
        text: `Posting done: ${r.success} Success, ${r.failed} Failed.`,
      });
    });

  const tickAll = (ticked: boolean) =>
    task.run(ticked ? "Ticking every SKU…" : "Clearing ticks…", async () => {
      const n = await setAllTicks(ctx, PRODUCTS_SHEET, "SKU ID", ticked);
      task.setNotice({ intent: "info", text: ticked ? `${n} SKUs ticked.` : "No SKU is ticked." });
    });

  return (
    <section className="tab-body" aria-label="Products">
      <div className="buttons">
        <Button appearance="primary" onClick={() => void fetch()} disabled={!!task.busy || !linked}>
          Fetch
        </Button>
        <Button onClick={() => void post(false)} disabled={!!task.busy}>
          Post
        </Button>
        <Button onClick={() => void post(true)} disabled={!!task.busy}>
          Post all
        </Button>
      </div>
      <div className="buttons">
        <Button size="small" onClick={() => void tickAll(true)} disabled={!!task.busy}>
          Select all
        </Button>
        <Button size="small" onClick={() => void tickAll(false)} disabled={!!task.busy}>
          Select none
        </Button>
      </div>
      <Checkbox
        checked={createMissing}
        onChange={(_, d) => setCreateMissing(!!d.checked)}
        label="Create missing stock items from seller SKUs"
      />
      <p className="hint">
        Exist in Stock Item: the seller SKU is already an item code. Change an Item Code to map a SKU to
        another item (the row is ticked for you), then Post; the SKU is remembered as an alternative code of
        that stock item.
      </p>
      <StatusArea busy={task.busy} notice={task.notice} onCancel={task.cancel} />
    </section>
  );
}
