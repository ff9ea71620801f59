import type { LinkedStore } from "../../ledger";
import { openLinkDialog } from "../../excel/link-dialog";
import { TikTokClient } from "../../core/tiktok/client";
import type { TokenBundle } from "../../core/tiktok/types";
import { createLinkTransport } from "../link-transport";
import { FlowError, type AppContext } from "./context";

export interface LinkResult {
  stores: LinkedStore[];
}

/**
 * New → Link: the seller logs in on TikTok's authorization page in a dialog; the link service exchanges
 * the code; the pane reads the authorized shops and keeps one linked store per shop.
 */
export async function linkStore(ctx: AppContext, description: string): Promise<LinkResult> {
  const message = await openLinkDialog(`${ctx.linkBaseUrl}/auth/tiktok/start`, ctx.inExcel);
  if (!message.ok) throw new FlowError(message.message);
  return saveAuthorizedStores(ctx, description, message.token);
}

/** After authorization: one linked store per shop the token may act for. */
export async function saveAuthorizedStores(ctx: AppContext, description: string, token: TokenBundle): Promise<LinkResult> {
  const client = new TikTokClient(createLinkTransport(ctx.linkBaseUrl), {
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  });
  const shops = await client.getAuthorizedShops(token.access_token);
  if (shops.length === 0) throw new FlowError("TikTok authorized no shop for this login: check the seller account and link again.");
  const linkedAt = new Date(ctx.now() * 1000).toISOString();
  const stores: LinkedStore[] = shops.map((shop) => ({
    shopId: shop.id,
    description: description.trim() || "Tik Tok",
    platform: "TikTok Shop",
    region: shop.region,
    shopName: shop.name,
    shopCipher: shop.cipher,
    sellerName: token.seller_name,
    accessToken: token.access_token,
    accessTokenExpiresAt: token.access_token_expire_in,
    refreshToken: token.refresh_token,
    refreshTokenExpiresAt: token.refresh_token_expire_in,
    linkedAt,
    status: "Linked",
  }));
  for (const store of stores) await ctx.ledger.saveLinkedStore(store);
  return { stores };
}

/** Linked / Expires on DATE / Relink needed, as the Link tab shows it. */
export function describeLinkStatus(store: LinkedStore, nowSeconds: number): string {
  if (store.status === "Relink needed" || store.refreshTokenExpiresAt <= nowSeconds) return "Relink needed";
  const soon = nowSeconds + 30 * 86400;
  if (store.refreshTokenExpiresAt < soon) {
    return `Expires on ${new Date(store.refreshTokenExpiresAt * 1000).toISOString().slice(0, 10)}`;
  }
  return "Linked";
}
