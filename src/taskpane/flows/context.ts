/**
 * What the pane's flows need: the ledger, the workbook (Excel or preview) and a way to reach TikTok
 * through the link service. The same flows run from the pane's buttons and from the ribbon.
 */
import type { Ledger, LinkedStore } from "../../ledger";
import type { Workbook } from "../../excel/workbook";
import { TikTokClient, RelinkNeededError, type ShopAuth } from "../../core/tiktok/client";
import { createLinkTransport, refreshToken } from "../link-transport";

export interface AppContext {
  ledger: Ledger;
  workbook: Workbook;
  /** Base URL of the link service; "" = the origin the pane was served from. */
  linkBaseUrl: string;
  inExcel: boolean;
  /** Epoch seconds. */
  now(): number;
}

export interface StoreClient {
  client: TikTokClient;
  auth: ShopAuth;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** A client for one linked store whose expired access token is refreshed (and saved) on demand. */
export function clientForStore(
  ctx: AppContext,
  store: LinkedStore,
  options: { maxAttempts?: number } = {},
): StoreClient {
  const auth: ShopAuth = { shopCipher: store.shopCipher, accessToken: store.accessToken };
  const client = new TikTokClient(createLinkTransport(ctx.linkBaseUrl), {
    sleep,
    random: Math.random,
    ...options,
    refreshAccessToken: async () => {
      try {
        const token = await refreshToken(ctx.linkBaseUrl, store.refreshToken);
        const updated: LinkedStore = {
          ...store,
          accessToken: token.access_token,
          accessTokenExpiresAt: token.access_token_expire_in,
          refreshToken: token.refresh_token,
          refreshTokenExpiresAt: token.refresh_token_expire_in,
          status: "Linked",
        };
        await ctx.ledger.saveLinkedStore(updated);
        auth.accessToken = token.access_token;
        return token.access_token;
      } catch (error) {
        await ctx.ledger.saveLinkedStore({ ...store, status: "Relink needed" });
        throw error instanceof RelinkNeededError ? error : new RelinkNeededError(String(error));
      }
    },
  });
  return { client, auth };
}

/** The store to work on: the chosen one, else the only linked one. */
export async function requireStore(ctx: AppContext, shopId?: string): Promise<LinkedStore> {
  const stores = await ctx.ledger.listLinkedStores();
  const store = shopId ? stores.find((s) => s.shopId === shopId) : stores[0];
  if (!store) throw new FlowError("No TikTok Shop store is linked yet: link one on the Link tab first.");
  return store;
}

/** A problem the user can fix; its message says how. */
export class FlowError extends Error {
  readonly code = "FLOW";
}
