/**
 * The error answers of the sandbox, with TikTok's codes and wording (reference §6.2). Where TikTok
 * documents no code for a case, the choice is written here once and listed in the README.
 */
export class ApiError extends Error {
  constructor(
    readonly code: number,
    message: string,
    readonly httpStatus = 200,
  ) {
    super(message);
  }
}

export const errors = {
  invalidPath: (path: string) => new ApiError(36009009, `Invalid path. The path ${path} does not exist; check the API reference for the correct path.`),
  invalidMethod: (method: string, allowed: string) =>
    new ApiError(36009010, `Invalid method. ${method} is not supported for this path; use ${allowed}.`),
  invalidVersion: () => new ApiError(36009014, "The version name is invalid, please check and retry."),
  invalidAppKey: () => new ApiError(36009004, "Invalid credentials. Invalid 'app_key' query parameter."),
  productionCredential: (name: string) =>
    new ApiError(
      36009004,
      `Invalid credentials. This is the ShopBooks sandbox and '${name}' does not look like one of its demo credentials (they start with "sandbox"); never send a real TikTok app's credentials here. GET /sandbox/info lists the sandbox's own.`,
    ),
  missingSign: () => new ApiError(36009004, "Missing credentials. The request does not include a required signature in the query."),
  invalidTimestamp: () =>
    new ApiError(36009004, "Invalid timestamp. The 'timestamp' query parameter is missing or is not a Unix time in seconds."),
  staleTimestamp: () =>
    new ApiError(36009004, "Invalid timestamp. The 'timestamp' query parameter must not be earlier than 5 minutes before the current time."),
  futureTimestamp: () =>
    new ApiError(36009004, "Invalid timestamp. The 'timestamp' query parameter must not exceed the current time by more than 30 seconds."),
  invalidSign: () => new ApiError(106001, "Invalid credentials. The 'sign' query parameter is invalid.", 401),
  missingToken: () => new ApiError(36009004, "Invalid credentials. The 'x-tts-access-token' header is invalid."),
  unknownToken: () => new ApiError(105001, "Invalid credentials. The access token is invalid or has been revoked."),
  expiredToken: () => new ApiError(105002, "Expired credentials. The 'access_token' or 'x-tts-access-token' header has expired."),
  missingScope: (scope: string) =>
    new ApiError(105005, `Access denied. The access scopes granted by the seller do not contain the required access scope ${scope}.`),
  missingShopCipher: () => new ApiError(106013, "Missing identifier. The 'shop_cipher' query parameter is required for this API."),
  unexpectedShopCipher: () => new ApiError(36009004, "Unexpected identifier. The 'shop_cipher' query parameter is not accepted by this API."),
  invalidShopCipher: () => new ApiError(36009004, "Invalid identifier. The 'shop_cipher' query parameter is invalid."),
  shopNotAuthorized: () =>
    new ApiError(101000, "Invalid query or header. The 'shop_cipher' does not belong to a shop authorized by this access token."),
  tooManyRequests: () => new ApiError(36009002, "Too many requests. You've made too many requests in a short period of time.", 429),
  unknownQuery: (name: string, hint = "") => new ApiError(36009004, `Invalid query parameter. '${name}' is not a parameter of this API.${hint}`),
  repeatedQuery: (name: string) =>
    new ApiError(36009004, `Invalid query parameter. '${name}' appears more than once; send one value (lists comma-separated).`),
  invalidQuery: (detail: string) => new ApiError(36009004, `Invalid query parameter. ${detail}`),
  invalidBody: (detail: string) => new ApiError(36009004, `Invalid body. ${detail}`),
  invalidContentType: () => new ApiError(36009022, "Invalid content type. This API takes a JSON body with 'content-type: application/json'."),
  bodyTooLarge: () => new ApiError(36009021, "The request body is too large."),
  invalidPageToken: () => new ApiError(36009004, "Invalid query parameter. The 'page_token' is invalid or belongs to another search."),
  internal: () => new ApiError(36009003, "Internal error. Please try again later."),

  // Token endpoints (auth host).
  invalidAppSecret: () => new ApiError(36009004, "Invalid credentials. Invalid 'app_secret' query parameter."),
  invalidGrantType: (expected: string) => new ApiError(36009004, `Invalid query parameter. 'grant_type' must be ${expected}.`),
  authRecordNotFound: () => new ApiError(36004005, "can not find related auth record"),
  refreshTokenExpired: () => new ApiError(36004001, "rt has expired"),

  // Business errors.
  orderNotFound: () => new ApiError(21008111, "The order or package does not belong to the current seller."),
  productPageSize: () => new ApiError(12019109, "The page size is invalid. 'page_size' must be a whole number from 1 to 100."),
  productPageToken: () => new ApiError(12019108, "The page token is invalid or belongs to another search."),
  tooManySellerSkus: () => new ApiError(12019027, "The maximum count of seller_skus in a search is 10."),
  statementNotFound: () => new ApiError(36009004, "Invalid identifier. The statement_id does not belong to this shop."),
  productSearchTooLarge: () => new ApiError(12052180, "The total number of search results can not exceed 10000."),
};
