/** Every path the sandbox serves. TikTok's two hosts share one sandbox address. */
import type { Route } from "../http/router";
import { authorizePageRoute, authorizeSubmitRoute } from "./authorize-page";
import { orderStatementTransactionsRoute, statementsRoute, statementTransactionsRoute } from "./finance";
import { orderDetailRoute, orderSearchRoute } from "./orders";
import { productSearchRoute } from "./products";
import { cancellationSearchRoute, returnSearchRoute } from "./return-refund";
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
  statementsRoute,
  statementTransactionsRoute,
  orderStatementTransactionsRoute,
  returnSearchRoute,
  cancellationSearchRoute,
  // The sandbox's own helpers, including Seller Center's settlement export.
  ...helperRoutes,
];
