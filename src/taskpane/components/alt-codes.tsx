import { useState } from "react";
import { Button, Field, Input, MessageBar, MessageBarBody, Select, Text } from "@fluentui/react-components";
import type { LinkedStore, StockItem } from "../../ledger";
import type { AppContext } from "../flows/context";

/** A stock item's alternative codes: a store's SKU ID and/or seller SKU that post as this item. */
export function AltCodes(props: {
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
