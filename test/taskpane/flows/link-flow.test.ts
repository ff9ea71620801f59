/**
 * @jest-environment node
 */
import "fake-indexeddb/auto";
import { IDBFactory } from "fake-indexeddb";
import { startServices, type RunningServices } from "../../../src/cli/services";
import { openLedger, type Ledger, type LinkedStore } from "../../../src/ledger";
import { createMemoryWorkbook } from "../../../src/excel/memory-workbook";
import type { TokenBundle } from "../../../src/core/tiktok/types";
import { clientForStore, type AppContext } from "../../../src/taskpane/flows/context";
import { checkStores, describeLinkStatus, relinkStore, removeStore, saveAuthorizedStores } from "../../../src/taskpane/flows/link-flow";
import { openLinkDialog } from "../../../src/excel/link-dialog";

jest.mock("../../../src/excel/link-dialog", () => ({ openLinkDialog: jest.fn() }));
const dialog = openLinkDialog as jest.MockedFunction<typeof openLinkDialog>;

const START = Date.parse("2026-04-01T04:00:00Z") / 1000;

describe("linking stores against the sandbox through the link service", () => {
  let services: RunningServices;
  let ledger: Ledger;
  let ctx: AppContext;

  beforeAll(async () => {
    services = await startServices({
      port: 0,
      sandboxPort: 0,
      distDir: __dirname,
      sandbox: { seed: 4, shops: 2, orders: 60, days: 20, endDate: "2026-03-31", now: () => START },
    });
  });
  afterAll(async () => services?.close());

  beforeEach(async () => {
    services.sandbox!.clock.advance(2);
    services.sandbox!.faults.clear();
    ledger = await openLedger({ factory: new IDBFactory(), now: () => "2026-04-01T04:00:00.000Z" });
    const sandbox = services.sandbox!;
    ctx = { ledger, workbook: createMemoryWorkbook(), linkBaseUrl: services.url, inExcel: false, now: () => sandbox.clock.now() };
    dialog.mockReset();
  });

  async function token(seller = 0): Promise<TokenBundle> {
    const sandbox = services.sandbox!;
    const { code } = (await (await fetch(`${sandbox.url}/sandbox/auth-code`, { method: "POST", body: JSON.stringify(sandbox.info.sellers[seller]) })).json()) as {
      code: string;
    };
    const query = new URLSearchParams({ app_key: sandbox.info.appKey, app_secret: sandbox.info.appSecret, auth_code: code, grant_type: "authorized_code" });
    return ((await (await fetch(`${sandbox.url}/api/v2/token/get?${query}`)).json()) as { data: TokenBundle }).data;
  }

  test("linking keeps one store per authorized shop, Linked, with the description given", async () => {
    const bundle = await token(0);
    const { stores } = await saveAuthorizedStores(ctx, "  My TikTok  ", bundle);
    const shop = services.sandbox!.info.shops[0];
    expect(stores).toEqual([
      {
        shopId: shop.id,
        description: "My TikTok",
        platform: "TikTok Shop",
        region: "MY",
        shopName: shop.name,
        shopCipher: shop.cipher,
        sellerName: shop.name,
        accessToken: bundle.access_token,
        accessTokenExpiresAt: bundle.access_token_expire_in,
        refreshToken: bundle.refresh_token,
        refreshTokenExpiresAt: bundle.refresh_token_expire_in,
        linkedAt: new Date(ctx.now() * 1000).toISOString(),
        status: "Linked",
      },
    ]);
    expect(await ledger.listLinkedStores()).toEqual(stores);
    expect(describeLinkStatus(stores[0], ctx.now())).toBe("Linked");
  });

  test("two sellers make two stores, and each store's client reads its own shop's orders", async () => {
    await saveAuthorizedStores(ctx, "First", await token(0));
    await saveAuthorizedStores(ctx, "Second", await token(1));
    const stores = await ledger.listLinkedStores();
    expect(stores.map((s) => s.description).sort()).toEqual(["First", "Second"]);
    for (const store of stores) {
      const { client, auth } = clientForStore(ctx, store);
      const orders = await client.searchOrders(auth, { createTimeGe: START - 30 * 86400, createTimeLt: START });
      expect(orders.map((o) => o.id).sort()).toEqual(services.sandbox!.orders(store.shopId).map((o) => o.id).sort());
    }
  });

  test("linking a linked shop again renews its tokens and keeps its description", async () => {
    await saveAuthorizedStores(ctx, "Kedai", await token(0));
    const again = await token(0);
    await saveAuthorizedStores(ctx, "Tik Tok", again);
    const [store] = await ledger.listLinkedStores();
    expect([store.description, store.accessToken]).toEqual(["Kedai", again.access_token]);
  });

  test("Linked / Expires on DATE / Relink needed", () => {
    const store = { status: "Linked", refreshTokenExpiresAt: START + 100 * 86400 } as LinkedStore;
    expect(describeLinkStatus(store, START)).toBe("Linked");
    expect(describeLinkStatus({ ...store, refreshTokenExpiresAt: START + 10 * 86400 }, START)).toBe("Expires on 2026-04-11");
    expect(describeLinkStatus({ ...store, refreshTokenExpiresAt: START }, START)).toBe("Relink needed");
    expect(describeLinkStatus({ ...store, status: "Relink needed" }, START)).toBe("Relink needed");
  });

  test("checking the stores refreshes a token that ends within a day and saves the new one", async () => {
    const bundle = await token(0);
    await saveAuthorizedStores(ctx, "Tik Tok", bundle);
    services.sandbox!.clock.advance(6.5 * 86400);
    const results = await checkStores(ctx);
    const [store] = await ledger.listLinkedStores();
    expect(results).toEqual({ [store.shopId]: "Refreshed" });
    expect(store.status).toBe("Linked");
    expect(store.accessToken).not.toBe(bundle.access_token);
    expect(store.accessTokenExpiresAt).toBe(ctx.now() + 7 * 86400);
  });

  test("a link the seller revoked (105001) is marked Relink needed when the stores are checked", async () => {
    await saveAuthorizedStores(ctx, "Tik Tok", await token(0));
    services.sandbox!.faults.add([{ kind: "revoke_token", path: "/authorization/202309/shops" }]);
    const [before] = await ledger.listLinkedStores();
    expect(await checkStores(ctx)).toEqual({ [before.shopId]: "Relink needed" });
    const [after] = await ledger.listLinkedStores();
    expect(after.status).toBe("Relink needed");
    expect(describeLinkStatus(after, ctx.now())).toBe("Relink needed");
  });

  test("an expired token whose refresh fails marks the store Relink needed", async () => {
    await saveAuthorizedStores(ctx, "Tik Tok", await token(0));
    const [store] = await ledger.listLinkedStores();
    // The refresh token is spent elsewhere: TikTok answers 36004005 to ours.
    await fetch(
      `${services.url}/auth/tiktok/refresh`,
      { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ refresh_token: store.refreshToken }) },
    );
    services.sandbox!.clock.advance(6.5 * 86400);
    expect(await checkStores(ctx)).toEqual({ [store.shopId]: "Relink needed" });
    expect((await ledger.getLinkedStore(store.shopId))!.status).toBe("Relink needed");
  });

  test("Relink as the store's seller links it again with its description; another seller's login is refused", async () => {
    await saveAuthorizedStores(ctx, "Kedai", await token(0));
    const [store] = await ledger.listLinkedStores();
    await ledger.saveLinkedStore({ ...store, status: "Relink needed" });

    dialog.mockResolvedValueOnce({ type: "shopbooks-link", ok: true, token: await token(1) });
    await expect(relinkStore(ctx, store)).rejects.toThrow(
      `That login authorized ${services.sandbox!.info.shops[1].name}, not ${store.shopName}: press Relink again and log in with the seller account of ${store.shopName}.`,
    );
    expect((await ledger.getLinkedStore(store.shopId))!.status).toBe("Relink needed");

    const fresh = await token(0);
    dialog.mockResolvedValueOnce({ type: "shopbooks-link", ok: true, token: fresh });
    await relinkStore(ctx, store);
    const relinked = (await ledger.getLinkedStore(store.shopId))!;
    expect([relinked.status, relinked.description, relinked.accessToken]).toEqual(["Linked", "Kedai", fresh.access_token]);
    expect(dialog).toHaveBeenLastCalledWith(`${services.url}/auth/tiktok/start`, false);
  });

  test("a declined authorization says so and changes nothing", async () => {
    dialog.mockResolvedValueOnce({ type: "shopbooks-link", ok: false, message: "The seller declined to authorize ShopBooks on TikTok Shop." });
    const store = { shopId: "7", shopName: "X", description: "X" } as LinkedStore;
    await expect(relinkStore(ctx, store)).rejects.toThrow("The seller declined to authorize ShopBooks on TikTok Shop.");
  });

  test("Remove forgets the link", async () => {
    await saveAuthorizedStores(ctx, "Tik Tok", await token(0));
    const [store] = await ledger.listLinkedStores();
    await removeStore(ctx, store.shopId);
    expect(await ledger.listLinkedStores()).toEqual([]);
  });
});
