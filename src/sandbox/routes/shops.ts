/** GET /authorization/202309/shops: the shops the access token may act for, with their ciphers. */
import type { AuthorizedShop } from "../../core/tiktok/types";
import type { ApiRoute } from "../http/router";

export const authorizedShopsRoute: ApiRoute = {
  kind: "api",
  method: "GET",
  path: "/authorization/202309/shops",
  shopCipher: "forbidden",
  scope: "seller.authorization.info",
  query: [],
  handle: ({ grant }) => ({
    shops: grant.shops.map(
      ({ shop }): AuthorizedShop => ({
        id: shop.id,
        name: shop.name,
        region: shop.region,
        seller_type: shop.sellerType,
        cipher: shop.cipher,
        code: shop.code,
      }),
    ),
  }),
};
