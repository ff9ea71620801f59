import { startSandbox, type RunningSandbox } from "../../src/sandbox";
import { SignedClient } from "./signed-client";

const REDIRECT = "http://127.0.0.1:3999/auth/tiktok/callback";

describe("the authorization page", () => {
  let sandbox: RunningSandbox;
  let client: SignedClient;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0, seed: 2, orders: 10, products: 5, redirectUrl: REDIRECT });
    client = new SignedClient(sandbox);
  });

  afterAll(() => sandbox.close());

  const submit = (fields: Record<string, string>) =>
    fetch(`${sandbox.url}/open/authorize`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ service_id: sandbox.info.serviceId, ...fields }).toString(),
      redirect: "manual",
    });
  const seller = () => sandbox.info.sellers[0];

  test("shows the account type choice, the login form and the sandbox sellers", async () => {
    const response = await fetch(`${sandbox.info.authorizeUrl}&state=abc123`);
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await response.text();
    expect(html).toContain("<title>TikTok Shop Seller Center — Authorize ShopBooks</title>");
    expect(html).toContain('<input type="radio" name="account_type" value="seller"> Seller <small>(Malaysia / South-East Asia)</small>');
    expect(html).toContain('<input type="radio" name="account_type" value="creator"> Creator');
    expect(html).toContain('name="email"');
    expect(html).toContain('name="password"');
    expect(html).toContain('value="authorize" class="primary">Log in and authorize</button>');
    expect(html).toContain('<input type="hidden" name="state" value="abc123">');
    expect(html).toContain("Sandbox sellers: seller1@sandbox.shopbooks.test / sandbox-demo-1");
  });

  test("an unknown service_id shows an error page", async () => {
    const response = await fetch(`${sandbox.url}/open/authorize?service_id=7251111111111111111`);
    expect(response.status).toBe(400);
    expect(await response.text()).toContain("This authorization link is not valid");
  });

  test("echoed values are HTML-escaped", async () => {
    const html = await (await fetch(`${sandbox.info.authorizeUrl}&state=${encodeURIComponent('"><script>x()</script>')}`)).text();
    expect(html).not.toContain("<script>");
    expect(html).toContain('value="&quot;&gt;&lt;script&gt;x()&lt;/script&gt;"');
    const again = await (await submit({ account_type: "seller", email: "<b>@x", password: "no" })).text();
    expect(again).toContain('value="&lt;b&gt;@x"');
  });

  test("a wrong login shows the page again with 'Incorrect email or password.'", async () => {
    const response = await submit({ state: "s1", account_type: "seller", email: seller().email, password: "wrong" });
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('<div class="error" role="alert">Incorrect email or password.</div>');
    expect(html).toContain('value="seller" checked');
  });

  test("choosing Creator is refused", async () => {
    const html = await (await submit({ account_type: "creator", email: seller().email, password: seller().password })).text();
    expect(html).toContain("This app is for sellers; choose Seller.");
  });

  test("a seller login redirects with a code and the state, and the code exchanges for tokens", async () => {
    const response = await submit({ state: "st/ate+1", account_type: "seller", email: seller().email, password: seller().password, action: "authorize" });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get("location")!);
    expect(`${location.origin}${location.pathname}`).toBe(REDIRECT);
    expect([...location.searchParams.keys()]).toEqual(["code", "state"]);
    expect(location.searchParams.get("state")).toBe("st/ate+1");
    const exchanged = await client.exchange(location.searchParams.get("code")!);
    expect(exchanged.json.code).toBe(0);
    expect(exchanged.json.data!.seller_name).toBe(sandbox.info.shops[0].name);
  });

  test("Cancel redirects with code=null and error=auth_denied", async () => {
    const response = await submit({ state: "s2", action: "cancel" });
    expect(response.status).toBe(302);
    expect(response.headers.get("location")).toBe(`${REDIRECT}?code=null&state=s2&error=auth_denied`);
  });

  test("the redirect URL can be changed, to loopback addresses only", async () => {
    sandbox.setRedirectUrl("http://localhost:4000/cb");
    const response = await submit({ account_type: "seller", email: seller().email, password: seller().password });
    expect(response.headers.get("location")).toMatch(/^http:\/\/localhost:4000\/cb\?code=ROW_[A-Za-z0-9_-]+$/);
    expect(() => sandbox.setRedirectUrl("https://example.com/cb")).toThrow(
      'redirectUrl must be an http(s) URL on 127.0.0.1 or localhost; got "https://example.com/cb".',
    );
    const refused = await fetch(`${sandbox.url}/sandbox/app`, { method: "POST", body: JSON.stringify({ redirectUrl: "https://services.tiktokshop.com/x" }) });
    expect(refused.status).toBe(400);
    expect(await refused.json()).toEqual({
      error: "redirectUrl points at TikTok's production host services.tiktokshop.com; the sandbox only talks to this machine.",
    });
    const changed = await fetch(`${sandbox.url}/sandbox/app`, { method: "POST", body: JSON.stringify({ redirectUrl: REDIRECT }) });
    expect(await changed.json()).toEqual({ redirectUrl: REDIRECT });
  });
});

test("the sandbox refuses to start with a redirect URL on a production host", async () => {
  await expect(startSandbox({ port: 0, redirectUrl: "https://auth.tiktok-shops.com/cb" })).rejects.toThrow("production host");
});
