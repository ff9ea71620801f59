import { useEffect, useState } from "react";
import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow, Text } from "@fluentui/react-components";
import type { Account, LinkedStore, StockItem, StoreSetup } from "../../ledger";
import type { AppContext } from "../flows/context";

/** The books' setup as it stands: accounts, fee items and each store's mapping codes and post actions. */
export function SetupTab({ ctx, stores }: { ctx: AppContext; stores: LinkedStore[] }) {
  const [accounts, setAccounts] = useState<Account[]>([]);
  const [items, setItems] = useState<StockItem[]>([]);
  const [setups, setSetups] = useState<{ store: LinkedStore; setup: StoreSetup }[]>([]);

  useEffect(() => {
    void (async () => {
      setAccounts(await ctx.ledger.listAccounts());
      setItems(await ctx.ledger.listStockItems());
      setSetups(await Promise.all(stores.map(async (store) => ({ store, setup: await ctx.ledger.getStoreSetup(store.shopId) }))));
    })();
  }, [ctx, stores]);

  return (
    <section className="tab-body" aria-label="Setup">
      {setups.map(({ store, setup }) => (
        <div key={store.shopId}>
          <Text as="h2" weight="semibold">
            {store.description} – mapping codes
          </Text>
          <dl className="pairs">
            <dt>Customer</dt>
            <dd>{setup.customerCode}</dd>
            <dt>Payment account</dt>
            <dd>{setup.paymentAccount}</dd>
            <dt>Location</dt>
            <dd>{setup.location}</dd>
            <dt>Discount / Voucher items</dt>
            <dd>
              {setup.discountItem} / {setup.voucherItem}
            </dd>
            <dt>Post action</dt>
            <dd>
              {Object.entries(setup.postActions)
                .filter(([, action]) => action === "Post")
                .map(([status]) => status)
                .join(", ")}{" "}
              → Post; others → Skip
            </dd>
          </dl>
        </div>
      ))}
      <Text as="h2" weight="semibold">
        GL accounts
      </Text>
      <Table size="extra-small" aria-label="GL accounts">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Code</TableHeaderCell>
            <TableHeaderCell>Name</TableHeaderCell>
            <TableHeaderCell>Type</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {accounts.map((a) => (
            <TableRow key={a.code}>
              <TableCell>{a.code}</TableCell>
              <TableCell>{a.name}</TableCell>
              <TableCell>{a.type}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      <Text as="h2" weight="semibold">
        Stock items
      </Text>
      <Table size="extra-small" aria-label="Stock items">
        <TableHeader>
          <TableRow>
            <TableHeaderCell>Item code</TableHeaderCell>
            <TableHeaderCell>Description</TableHeaderCell>
            <TableHeaderCell>Sales account</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {items.map((i) => (
            <TableRow key={i.code}>
              <TableCell>{i.code}</TableCell>
              <TableCell>{i.description}</TableCell>
              <TableCell>{i.salesAccount}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </section>
  );
}
