/**
 * One store's mapping codes on the Setup tab: customer, payment account, location, fee items, the post
 * action per TikTok status, and the fee map.
 */
import { useEffect, useState } from "react";
import { Button, Field, Input, MessageBar, MessageBarBody, Select, Text } from "@fluentui/react-components";
import { FEE_BUCKETS, type FeeBucket } from "../../core/posting/fee-map";
import { ORDER_STATUSES } from "../../core/tiktok/types";
import {
  feeMapOf,
  type Account,
  type Customer,
  type FeeItems,
  type LinkedStore,
  type Location,
  type StockGroup,
  type StockItem,
  type StoreSetup,
} from "../../ledger";
import type { AppContext } from "../flows/context";

/** The books the Setup tab edits, read once and shared by its forms. */
export interface SetupBooks {
  accounts: Account[];
  customers: Customer[];
  groups: StockGroup[];
  items: StockItem[];
  locations: Location[];
}

const FEE_ITEM_LABELS: [keyof FeeItems, string][] = [
  ["shipping", "Shipping fee item"],
  ["transaction", "Transaction fee item"],
  ["commission", "Commission item"],
  ["affiliate", "Affiliate commission item"],
  ["service", "Service fee item"],
  ["adjustment", "Adjustment item"],
  ["returns", "Returns item"],
];

/** AWAITING_SHIPMENT → "Awaiting shipment": TikTok's status, readable in a narrow pane. */
function statusLabel(status: string): string {
  const words = status.toLowerCase().replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

export function StoreSetupForm({
  ctx,
  store,
  books,
}: {
  ctx: AppContext;
  store: LinkedStore;
  books: SetupBooks;
}) {
  const [setup, setSetup] = useState<StoreSetup | null>(null);
  const [notice, setNotice] = useState<{ intent: "success" | "error"; text: string } | null>(null);
  const [newColumn, setNewColumn] = useState("");
  const [newBucket, setNewBucket] = useState<FeeBucket>("Service");
  useEffect(() => {
    void ctx.ledger.getStoreSetup(store.shopId).then(setSetup);
  }, [ctx, store.shopId]);
  if (!setup) return null;

  const itemOptions = books.items.map((i) => ({ value: i.code, label: `${i.code} ${i.description}` }));
  const feeItemOptions = books.items
    .filter((i) => i.isFee)
    .map((i) => ({ value: i.code, label: `${i.code} ${i.description}` }));
  const update = (patch: Partial<StoreSetup>) => setSetup({ ...setup, ...patch });
  const feeItems = setup.feeItems as FeeItems;
  const map = feeMapOf(setup);
  const overrides = setup.feeMap?.parents ?? {};
  const moveColumn = (column: string, bucket: FeeBucket) =>
    update({ feeMap: { ...setup.feeMap, parents: { ...overrides, [column]: bucket } } });

  const save = async () => {
    setNotice(null);
    try {
      await ctx.ledger.saveStoreSetup(store.shopId, setup);
      setNotice({ intent: "success", text: `Saved the mapping codes of ${store.description}.` });
    } catch (error) {
      setNotice({ intent: "error", text: error instanceof Error ? error.message : String(error) });
    }
  };

  const select = (
    label: string,
    value: string,
    options: { value: string; label: string }[],
    onChange: (v: string) => void,
  ) => (
    <Field label={label}>
      <Select value={value} onChange={(_, d) => onChange(d.value)}>
        {!options.some((o) => o.value === value) && <option value={value}>{value || "Pick one…"}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </Select>
    </Field>
  );

  return (
    <form
      className="form store-setup"
      aria-label={`Mapping codes of ${store.description}`}
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
    >
      <Text size={200} className="hint">
        {store.shopName} · shop {store.shopId}
      </Text>
      {select(
        "Customer",
        setup.customerCode,
        books.customers.map((c) => ({ value: c.code, label: `${c.code} ${c.name}` })),
        (v) => update({ customerCode: v }),
      )}
      {select(
        "Payment account",
        setup.paymentAccount,
        books.accounts.map((a) => ({ value: a.code, label: `${a.code} ${a.name}` })),
        (v) => update({ paymentAccount: v }),
      )}
      {select(
        "Location",
        setup.location,
        books.locations.map((l) => ({ value: l.code, label: `${l.code} ${l.description}` })),
        (v) => update({ location: v }),
      )}
      {select("Discount item", setup.discountItem, itemOptions, (v) => update({ discountItem: v }))}
      {select("Voucher item", setup.voucherItem, itemOptions, (v) => update({ voucherItem: v }))}
      <fieldset>
        <legend>Fee items</legend>
        {FEE_ITEM_LABELS.map(([key, label]) =>
          select(label, feeItems[key], feeItemOptions, (v) =>
            update({ feeItems: { ...feeItems, [key]: v } }),
          ),
        )}
      </fieldset>
      <fieldset>
        <legend>Post action per order status</legend>
        <div className="post-actions">
          {ORDER_STATUSES.map((status) => (
            <Field key={status} label={statusLabel(status)} orientation="horizontal">
              <Select
                value={setup.postActions[status] ?? "Skip"}
                onChange={(_, d) =>
                  update({ postActions: { ...setup.postActions, [status]: d.value as "Post" | "Skip" } })
                }
              >
                <option value="Post">Post</option>
                <option value="Skip">Skip</option>
              </Select>
            </Field>
          ))}
        </div>
      </fieldset>
      <details className="fee-map">
        <summary>
          Fee map: settlement fee column → bucket → item ({Object.keys(map.parents).length} columns
          {Object.keys(overrides).length ? `, ${Object.keys(overrides).length} changed` : ""})
        </summary>
        <p className="hint">
          Columns of the Seller Center settlement file and the fee bucket each one is booked to. A column this
          map does not know goes to Other fees ({feeItems.service}) with a warning.
        </p>
        <p className="hint">
          Buckets book to: {FEE_BUCKETS.map((b) => `${b} → ${map.items[b]}`).join(", ")}.
        </p>
        <table className="plain-table">
          <thead>
            <tr>
              <th scope="col">Column</th>
              <th scope="col">Bucket</th>
            </tr>
          </thead>
          <tbody>
            {Object.entries(map.parents).map(([column, bucket]) => (
              <tr key={column}>
                <td>{column}</td>
                <td>
                  <select
                    aria-label={`Bucket of ${column}`}
                    value={bucket}
                    onChange={(e) => moveColumn(column, e.target.value as FeeBucket)}
                  >
                    {FEE_BUCKETS.map((b) => (
                      <option key={b} value={b}>
                        {b}
                      </option>
                    ))}
                  </select>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <div className="row">
          <Field label="New fee column">
            <Input value={newColumn} onChange={(_, d) => setNewColumn(d.value)} />
          </Field>
          <Field label="Its bucket">
            <Select value={newBucket} onChange={(_, d) => setNewBucket(d.value as FeeBucket)}>
              {FEE_BUCKETS.map((b) => (
                <option key={b} value={b}>
                  {b}
                </option>
              ))}
            </Select>
          </Field>
        </div>
        <div className="buttons">
          <Button
            size="small"
            disabled={!newColumn.trim()}
            onClick={() => {
              moveColumn(newColumn.trim(), newBucket);
              setNewColumn("");
            }}
          >
            Add column
          </Button>
          <Button size="small" disabled={!setup.feeMap} onClick={() => update({ feeMap: undefined })}>
            Reset to the default map
          </Button>
        </div>
      </details>
      <div className="buttons">
        <Button appearance="primary" type="submit">
          Save mapping codes
        </Button>
      </div>
      {notice && (
        <MessageBar intent={notice.intent} role={notice.intent === "error" ? "alert" : "status"}>
          <MessageBarBody>{notice.text}</MessageBarBody>
        </MessageBar>
      )}
    </form>
  );
}
