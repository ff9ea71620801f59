/** Steps several browser tests share: link the sandbox store, and map every SKU to a stock item. */
import path from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import type { RunningServices } from "../../src/cli/services";

export const SHOTS = path.resolve(__dirname, "..", "..", "test-results");

export async function linkSandboxStore(page: Page, context: BrowserContext, services: RunningServices, shot?: string): Promise<void> {
  await page.getByRole("tab", { name: "Link", exact: true }).click();
  await page.getByRole("button", { name: "New", exact: true }).click();
  const [popup] = await Promise.all([context.waitForEvent("page"), page.getByRole("button", { name: "Link", exact: true }).click()]);
  await popup.waitForLoadState();
  const seller = services.sandbox!.info.sellers[0];
  await popup.locator('input[name="account_type"][value="seller"]').check();
  await popup.locator('input[name="email"]').fill(seller.email);
  await popup.locator('input[name="password"]').fill(seller.password);
  if (shot) await popup.screenshot({ path: path.join(SHOTS, shot) });
  await popup.getByRole("button", { name: "Log in and authorize" }).click();
  await page.getByText(/Linking Success/).waitFor({ timeout: 15000 });
}

export async function mapAllSkus(page: Page): Promise<void> {
  await page.getByRole("tab", { name: "Products", exact: true }).click();
  const products = page.getByRole("region", { name: "Products" });
  await products.getByLabel("Create missing stock items from seller SKUs").check();
  await products.getByRole("button", { name: "Fetch", exact: true }).click();
  await page.getByText(/Fetching Done: \d+ products/).waitFor({ timeout: 30000 });
  await products.getByRole("button", { name: "Post all" }).click();
  await page.getByText(/Posting done: \d+ Success, 0 Failed/).waitFor({ timeout: 30000 });
}
