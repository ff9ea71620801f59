/**
 * Setup (the guide's "Configure E-Commerce Setting" and "Account tab → Mapping Code"): each store's
 * mapping codes, post actions and fee map, and the GL accounts, customers, stock groups, stock items and
 * locations they point at. Everything is saved through the ledger, which checks it.
 */
import { useCallback, useEffect, useState } from "react";
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Button,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  Select,
  Text,
} from "@fluentui/react-components";
import { FEE_BUCKETS, type FeeBucket } from "../../core/posting/fee-map";
import { ORDER_STATUSES } from "../../core/tiktok/types";
import {
  ACCOUNT_TYPES,
  feeMapOf,
  type Account,
  type AccountType,
  type Customer,
  type FeeItems,
  type LinkedStore,
  type Location,
  type StockGroup,
  type StockItem,
  type StoreSetup,
} from "../../ledger";
import type { AppContext } from "../flows/context";
import { RecordEditor } from "./record-editor";

interface Books {
  accounts: Account[];
  customers: Customer[];
  groups: StockGroup[];
  items: StockItem[];
  locations: Location[];
}

const EMPTY: Books = { accounts: [], customers: [], groups: [], items: [], locations: [] };

const FEE_ITEM_LABELS: [keyof FeeItems, string][] = [
  ["shipping", "Shipping fee item"],
  ["transaction", "Transaction fee item"],
  ["commission", "Commission item"],
  ["affiliate", "Affiliate commission item"],
  ["service", "Service fee item"],
  ["adjustment", "Adjustment item"],
  ["returns", "Returns item"],
];

export function SetupTab({ ctx, stores }: { ctx: AppContext; stores: LinkedStore[] }) {
  const [books, setBooks] = useState<Books>(EMPTY);
  const reload = useCallback(async () => {
    const [accounts, customers, groups, items, locations] = await Promise.all([
      ctx.ledger.listAccounts(),
      ctx.ledger.listCustomers(),
      ctx.ledger.listStockGroups(),
      ctx.ledger.listStockItems(),
      ctx.ledger.listLocations(),
    ]);
    setBooks({ accounts, customers, groups, items, locations });
  }, [ctx]);
  useEffect(() => {
    void reload();
  }, [reload]);

  const accountOptions = books.accounts.map((a) => ({ value: a.code, label: `${a.code} ${a.name}` }));
  const after =
    <A extends unknown[]>(work: (...args: A) => Promise<void>) =>
    async (...args: A) => {
      await work(...args);
      await reload();
    };

  return (
    <section className="tab-body" aria-label="Setup">
      {stores.length === 0 && (
        <Text className="hint">
          Link a store on the Link tab to set its mapping codes. The books below are ready to edit now.
        </Text>
      )}
      <Accordion multiple collapsible defaultOpenItems={stores.map((s) => `store-${s.shopId}`)}>
        {stores.map((store) => (
          <AccordionItem key={store.shopId} value={`store-${store.shopId}`}>
            <AccordionHeader as="h2">Mapping codes – {store.description}</AccordionHeader>
            <AccordionPanel>
              <StoreSetupForm ctx={ctx} store={store} books={books} />
            </AccordionPanel>
          </AccordionItem>
        ))}
        <AccordionItem value="accounts">
          <AccordionHeader as="h2">GL accounts ({books.accounts.length})</AccordionHeader>
          <AccordionPanel>
            <RecordEditor<Account>
              noun="GL account"
              records={books.accounts}
              codeOf={(a) => a.code}
              blank={{ code: "", name: "", type: "expense" }}
              columns={[
                { label: "Code", value: (a) => a.code },
                { label: "Name", value: (a) => a.name },
                { label: "Type", value: (a) => a.type },
              ]}
              fields={[
                { key: "code", label: "Code", kind: "text", isKey: true },
                { key: "name", label: "Name", kind: "text" },
                {
                  key: "type",
                  label: "Type",
                  kind: "select",
                  options: ACCOUNT_TYPES.map((t: AccountType) => ({ value: t, label: t })),
                },
              ]}
              onSave={after((a: Account, isNew: boolean) => ctx.ledger.saveAccount(a, { isNew }))}
              onDelete={after((code: string) => ctx.ledger.deleteAccount(code))}
            />
          </AccordionPanel>
        </AccordionItem>
        <AccordionItem value="customers">
          <AccordionHeader as="h2">Customers ({books.customers.length})</AccordionHeader>
          <AccordionPanel>
            <RecordEditor<Customer>
              noun="customer"
              records={books.customers}
              codeOf={(c) => c.code}
              blank={{ code: "", name: "", arAccount: "300-000" }}
              columns={[
                { label: "Code", value: (c) => c.code },
                { label: "Name", value: (c) => c.name },
                { label: "AR account", value: (c) => c.arAccount },
              ]}
              fields={[
                { key: "code", label: "Code", kind: "text", isKey: true },
                { key: "name", label: "Name", kind: "text" },
                { key: "arAccount", label: "AR control account", kind: "select", options: accountOptions },
              ]}
              onSave={after((c: Customer, isNew: boolean) => ctx.ledger.saveCustomer(c, { isNew }))}
              onDelete={after((code: string) => ctx.ledger.deleteCustomer(code))}
            />
          </AccordionPanel>
        </AccordionItem>
        <AccordionItem value="groups">
          <AccordionHeader as="h2">Stock groups ({books.groups.length})</AccordionHeader>
          <AccordionPanel>
            <RecordEditor<StockGroup>
              noun="stock group"
              records={books.groups}
              codeOf={(g) => g.code}
              blank={{ code: "", description: "", salesAccount: "500-000" }}
              columns={[
                { label: "Code", value: (g) => g.code },
                { label: "Description", value: (g) => g.description },
                { label: "Sales account", value: (g) => g.salesAccount },
              ]}
              fields={[
                { key: "code", label: "Code", kind: "text", isKey: true },
                { key: "description", label: "Description", kind: "text" },
                { key: "salesAccount", label: "Sales account", kind: "select", options: accountOptions },
                {
                  key: "returnsAccount",
                  label: "Returns account",
                  kind: "select",
                  options: accountOptions,
                  optional: true,
                },
              ]}
              onSave={after((g: StockGroup, isNew: boolean) => ctx.ledger.saveStockGroup(g, { isNew }))}
              onDelete={after((code: string) => ctx.ledger.deleteStockGroup(code))}
            />
          </AccordionPanel>
        </AccordionItem>
        <AccordionItem value="items">
          <AccordionHeader as="h2">Stock items ({books.items.length})</AccordionHeader>
          <AccordionPanel>
            <RecordEditor<StockItem>
              noun="stock item"
              records={books.items}
              codeOf={(i) => i.code}
              blank={{
                code: "",
                description: "",
                group: "TIKTOK",
                salesAccount: "500-000",
                isFee: false,
                altCodes: [],
              }}
              columns={[
                { label: "Item code", value: (i) => i.code },
                { label: "Description", value: (i) => i.description },
                { label: "Account", value: (i) => i.salesAccount },
                { label: "Alt. codes", value: (i) => String(i.altCodes.length || "") },
              ]}
              fields={[
                { key: "code", label: "Item code", kind: "text", isKey: true },
                { key: "description", label: "Description", kind: "text" },
                {
                  key: "group",
                  label: "Stock group",
                  kind: "select",
                  options: books.groups.map((g) => ({ value: g.code, label: `${g.code} ${g.description}` })),
                },
                { key: "salesAccount", label: "Sales account", kind: "select", options: accountOptions },
                {
                  key: "returnsAccount",
                  label: "Returns account",
                  kind: "select",
                  options: accountOptions,
                  optional: true,
                },
                { key: "isFee", label: "Fee item (non-stock, not offered for SKUs)", kind: "checkbox" },
              ]}
              onSave={after((i: StockItem, isNew: boolean) => ctx.ledger.putStockItem(i, { isNew }))}
              onDelete={after((code: string) => ctx.ledger.deleteStockItem(code))}
              editing={(item) => <AltCodes ctx={ctx} item={item} stores={stores} onChange={reload} />}
            />
          </AccordionPanel>
        </AccordionItem>
        <AccordionItem value="locations">
          <AccordionHeader as="h2">Locations ({books.locations.length})</AccordionHeader>
          <AccordionPanel>
            <RecordEditor<Location>
              noun="location"
              records={books.locations}
              codeOf={(l) => l.code}
              blank={{ code: "", description: "" }}
              columns={[
                { label: "Code", value: (l) => l.code },
                { label: "Description", value: (l) => l.description },
              ]}
              fields={[
                { key: "code", label: "Code", kind: "text", isKey: true },
                { key: "description", label: "Description", kind: "text" },
              ]}
              onSave={after((l: Location, isNew: boolean) => ctx.ledger.saveLocation(l, { isNew }))}
              onDelete={after((code: string) => ctx.ledger.deleteLocation(code))}
            />
          </AccordionPanel>
        </AccordionItem>
      </Accordion>
    </section>
  );
}

/** A stock item's alternative codes: a store's SKU ID and/or seller SKU that post as this item. */
function AltCodes(props: {
  ctx: AppContext;
  item: StockItem;
  stores: LinkedStore[];
  onChange: () => Promise<void>;
}) {
  const { ctx, item, stores } = props;
  const [codes, setCodes] = useState(item.altCodes);
  const [shopId, setShopId] = useState(stores[0]?.shopId ?? "");
  const [skuId, setSkuId] = useState("");
  const [sellerSku, setSellerSku] = useState("");
  const [error, setError] = useState<string | null>(null);
  const storeName = (id: string) => stores.find((s) => s.shopId === id)?.description ?? id;

  const save = async (altCodes: StockItem["altCodes"]) => {
    setError(null);
    try {
      const current = (await ctx.ledger.listStockItems()).find((i) => i.code === item.code) ?? item;
      await ctx.ledger.putStockItem({ ...current, altCodes });
      setCodes(altCodes);
      await props.onChange();
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <fieldset className="alt-codes">
      <legend>Alternative codes</legend>
      {codes.length === 0 && (
        <Text className="hint">None yet: Post on the Products tab records a SKU here.</Text>
      )}
      <ul>
        {codes.map((alt) => {
          const label = [storeName(alt.shopId), alt.skuId && `SKU ${alt.skuId}`, alt.sellerSku]
            .filter(Boolean)
            .join(" · ");
          return (
            <li key={`${alt.shopId}|${alt.skuId ?? ""}|${alt.sellerSku ?? ""}`}>
              <span>{label}</span>
              <Button
                size="small"
                appearance="subtle"
                aria-label={`Remove alternative code ${label}`}
                onClick={() => void save(codes.filter((c) => c !== alt))}
              >
                Remove
              </Button>
            </li>
          );
        })}
      </ul>
      {stores.length > 0 && (
        <div className="row">
          {stores.length > 1 && (
            <Field label="Store">
              <Select value={shopId} onChange={(_, d) => setShopId(d.value)}>
                {stores.map((s) => (
                  <option key={s.shopId} value={s.shopId}>
                    {s.description}
                  </option>
                ))}
              </Select>
            </Field>
          )}
          <Field label="SKU ID">
            <Input value={skuId} onChange={(_, d) => setSkuId(d.value.trim())} inputMode="numeric" />
          </Field>
          <Field label="Seller SKU">
            <Input value={sellerSku} onChange={(_, d) => setSellerSku(d.value)} />
          </Field>
          <div className="buttons">
            <Button
              size="small"
              disabled={!skuId && !sellerSku.trim()}
              onClick={() => {
                void save([
                  ...codes,
                  {
                    shopId,
                    ...(skuId ? { skuId } : {}),
                    ...(sellerSku.trim() ? { sellerSku: sellerSku.trim() } : {}),
                  },
                ]);
                setSkuId("");
                setSellerSku("");
              }}
            >
              Add alternative code
            </Button>
          </div>
        </div>
      )}
      {error && (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      )}
    </fieldset>
  );
}

/** AWAITING_SHIPMENT → "Awaiting shipment": TikTok's status, readable in a narrow pane. */
function statusLabel(status: string): string {
  const words = status.toLowerCase().replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

function StoreSetupForm({ ctx, store, books }: { ctx: AppContext; store: LinkedStore; books: Books }) {
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
