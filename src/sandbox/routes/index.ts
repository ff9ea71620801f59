/** Every path the sandbox serves. TikTok's two hosts share one sandbox address. */
import type { Route } from "../http/router";
import { authorizePageRoute, authorizeSubmitRoute } from "./authorize-page";
import { orderDetailRoute, orderSearchRoute } from "./orders";
import { productSearchRoute } from "./products";
import { helperRoutes } from "./sandbox-helpers";
import { authorizedShopsRoute } from "./shops";
import { tokenGetRoute, tokenRefreshRoute } from "./token";

export const ROUTES: readonly Route[] = [
  // Seller Center authorization page (services.tiktokshop.com).
  authorizePageRoute,
  authorizeSubmitRoute,
  // Auth host (auth.tiktok-shops.com): unsigned token endpoints.
  tokenGetRoute,
  tokenRefreshRoute,
  // API host (open-api.tiktokglobalshop.com): signed, token in x-tts-access-token.
  authorizedShopsRoute,
  orderSearchRoute,
  orderDetailRoute,
  productSearchRoute,
  // Later on the API host: /finance/202309/statements, /finance/202309/statements/{id}/statement_transactions,
  // /return_refund/202309/returns/search, /return_refund/202309/cancellations/search — and a Seller
  // Center settlement CSV export beside the authorization page.
  ...helperRoutes,
];
