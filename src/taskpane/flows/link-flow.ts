/**
 * Link tab: New → Link (TikTok's authorization page in a dialog, then one linked store per authorized
 * shop), Relink a store whose link failed, Remove, and keeping the links fresh: tokens close to expiry are
 * refreshed, and a link TikTok no longer accepts is marked "Relink needed".
 */
import type { LinkedStore } from "../../ledger";
import { openLinkDialog } from "../../excel/link-dialog";
import { businessDate } from "../../core/dates/business-date";
import { RelinkNeededError, TikTokClient } from "../../core/tiktok/client";
import type { TokenBundle } from "../../core/tiktok/types";
import { createLinkTransport, refreshToken } from "../link-transport";
import { FlowError, type AppContext } from "./context";

export interface LinkResult {
  stores: LinkedStore[];
}

export const DEFAULT_DESCRIPTION = "Tik Tok";
/** Access tokens live 7 days; one that ends within a day is refreshed when the pane opens. */
export const REFRESH_AHEAD_SECONDS = 86400;
/** "Expires on DATE" once the seller's authorization has less than this left. */
export const EXPIRY_WARNING_SECONDS = 30 * 86400;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * New → Link: the seller logs in on TikTok's authorization page in a dialog; the link service exchanges
 * the code; the pane reads the authorized shops and keeps one linked store per shop.
 */
export async function linkStore(ctx: AppContext, description: string): Promise<LinkResult> {
  const message = await openLinkDialog(`${ctx.linkBaseUrl}/auth/tiktok/start`, ctx.inExcel);
  if (!message.ok) throw new FlowError(message.message);
  return saveAuthorizedStores(ctx, description, message.token);
}

/** Relink: authorize again, as the seller who owns this store; the store keeps its description. */
export async function relinkStore(ctx: AppContext, store: LinkedStore): Promise<LinkResult> {
  const message = await openLinkDialog(`${ctx.linkBaseUrl}/auth/tiktok/start`, ctx.inExcel);
  if (!message.ok) throw new FlowError(message.message);
  const shops = await authorizedShops(ctx, message.token);
  if (!shops.some((s) => s.id === store.shopId)) {
    const names = shops.map((s) => s.name).join(", ") || "no shop";
    throw new FlowError(
      `That login authorized ${names}, not ${store.shopName}: press Relink again and log in with the seller account of ${store.shopName}.`,
    );
  }
  return saveAuthorizedStores(ctx, store.description, message.token);
}

async function authorizedShops(ctx: AppContext, token: TokenBundle) {
  const client = new TikTokClient(createLinkTransport(ctx.linkBaseUrl), { sleep });
  const shops = await client.getAuthorizedShops(token.access_token);
  if (shops.length === 0) throw new FlowError("TikTok authorized no shop for this login: check the seller account and link again.");
  return shops;
}

/**
 * After authorization: one linked store per shop the token may act for. A shop linked before keeps its
 * description; a new one takes `description`.
 */
export async function saveAuthorizedStores(ctx: AppContext, description: string, token: TokenBundle): Promise<LinkResult> {
  const shops = await authorizedShops(ctx, token);
  const existing = new Map((await ctx.ledger.listLinkedStores()).map((s) => [s.shopId, s]));
  const linkedAt = new Date(ctx.now() * 1000).toISOString();
  const stores: LinkedStore[] = shops.map((shop) => ({
    shopId: shop.id,
    description: existing.get(shop.id)?.description ?? (description.trim() || DEFAULT_DESCRIPTION),
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

export async function removeStore(ctx: AppContext, shopId: string): Promise<void> {
  await ctx.ledger.removeLinkedStore(shopId);
}

export type StoreCheck = "Linked" | "Refreshed" | "Relink needed" | "Unchecked";

/**
 * Keeps every link usable: a token that ends within a day is refreshed now; the others are tried once
 * (TikTok says 105001 when the seller revoked the app). A store whose token cannot be refreshed or is
 * refused is marked "Relink needed". A network failure leaves the store as it was ("Unchecked").
 */
export async function checkStores(ctx: AppContext): Promise<Record<string, StoreCheck>> {
  const results: Record<string, StoreCheck> = {};
  for (const store of await ctx.ledger.listLinkedStores()) {
    if (store.status === "Relink needed") {
      results[store.shopId] = "Relink needed";
      continue;
    }
    try {
      results[store.shopId] = await checkStore(ctx, store);
    } catch (error) {
      if (!(error instanceof RelinkNeededError)) {
        results[store.shopId] = "Unchecked";
        continue;
      }
      const current = (await ctx.ledger.getLinkedStore(store.shopId)) ?? store;
      await ctx.ledger.saveLinkedStore({ ...current, status: "Relink needed" });
      results[store.shopId] = "Relink needed";
    }
  }
  return results;
}

async function checkStore(ctx: AppContext, store: LinkedStore): Promise<StoreCheck> {
  const now = ctx.now();
  if (store.refreshTokenExpiresAt <= now) throw new RelinkNeededError();
  let current = store;
  let refreshed = false;
  if (store.accessTokenExpiresAt - now <= REFRESH_AHEAD_SECONDS) {
    current = await refreshStore(ctx, store);
    refreshed = true;
  }
  const client = new TikTokClient(createLinkTransport(ctx.linkBaseUrl), {
    sleep,
    maxAttempts: 2,
    refreshAccessToken: refreshed ? undefined : async () => (current = await refreshStore(ctx, current)).accessToken,
  });
  const shops = await client.getAuthorizedShops(current.accessToken);
  if (!shops.some((s) => s.id === store.shopId)) throw new RelinkNeededError();
  return refreshed || current !== store ? "Refreshed" : "Linked";
}

async function refreshStore(ctx: AppContext, store: LinkedStore): Promise<LinkedStore> {
  let token: TokenBundle;
  try {
    token = await refreshToken(ctx.linkBaseUrl, store.refreshToken);
  } catch (error) {
    throw error instanceof RelinkNeededError ? error : new FlowError(error instanceof Error ? error.message : String(error));
  }
  const updated: LinkedStore = {
    ...store,
    accessToken: token.access_token,
    accessTokenExpiresAt: token.access_token_expire_in,
    refreshToken: token.refresh_token,
    refreshTokenExpiresAt: token.refresh_token_expire_in,
    status: "Linked",
  };
  await ctx.ledger.saveLinkedStore(updated);
  return updated;
}

/** Linked / Expires on DATE / Relink needed, as the Link tab shows it. */
export function describeLinkStatus(store: LinkedStore, nowSeconds: number): string {
  if (store.status === "Relink needed" || store.refreshTokenExpiresAt <= nowSeconds) return "Relink needed";
  if (store.refreshTokenExpiresAt < nowSeconds + EXPIRY_WARNING_SECONDS) return `Expires on ${businessDate(store.refreshTokenExpiresAt)}`;
  return "Linked";
}
