import { createLinkTransport, LINK_REFUSED_EVENT } from "../../src/taskpane/link-transport";

/** jsdom has no fetch Response; the transport reads only status and text(). */
const reply = (text: string) => ({ status: 200, text: async () => text }) as unknown as Response;
const answer = (body: unknown) => async () => reply(JSON.stringify(body));

test("a call refused with 105001 tells the pane, so the Link tab can mark the store Relink needed", async () => {
  const heard: string[] = [];
  const listener = (e: Event) => heard.push(e.type);
  window.addEventListener(LINK_REFUSED_EVENT, listener);
  try {
    const refused = createLinkTransport("http://127.0.0.1:1", {
      fetchImpl: answer({ code: 105001, message: "Invalid credentials.", request_id: "x", data: null }),
    });
    const response = await refused.send({
      method: "GET",
      path: "/authorization/202309/shops",
      query: {},
      accessToken: "ROW_revoked",
    });
    expect(JSON.parse(response.body).code).toBe(105001);
    expect(heard).toEqual([LINK_REFUSED_EVENT]);

    const fine = createLinkTransport("http://127.0.0.1:1", {
      fetchImpl: answer({ code: 0, message: "Success", request_id: "x", data: { shops: [] } }),
    });
    await fine.send({ method: "GET", path: "/authorization/202309/shops", query: {}, accessToken: "ROW_ok" });
    const expired = createLinkTransport("http://127.0.0.1:1", {
      fetchImpl: answer({ code: 105002, message: "Expired.", request_id: "x", data: null }),
    });
    await expired.send({
      method: "GET",
      path: "/authorization/202309/shops",
      query: {},
      accessToken: "ROW_old",
    });
    expect(heard).toEqual([LINK_REFUSED_EVENT]);
  } finally {
    window.removeEventListener(LINK_REFUSED_EVENT, listener);
  }
});

test("requests go to the link service's /tiktok/api with the token header and percent-encoded page tokens", async () => {
  const calls: { url: string; init: RequestInit }[] = [];
  const transport = createLinkTransport("http://127.0.0.1:1", {
    fetchImpl: async (url, init) => {
      calls.push({ url: String(url), init: init! });
      return reply('{"code":0,"data":{}}');
    },
  });
  await transport.send({
    method: "POST",
    path: "/order/202309/orders/search",
    query: { page_token: "a+/b=", shop_cipher: "ROW_c" },
    body: "{}",
    accessToken: "ROW_t",
  });
  expect(calls[0].url).toBe(
    "http://127.0.0.1:1/tiktok/api/order/202309/orders/search?page_token=a%2B%2Fb%3D&shop_cipher=ROW_c",
  );
  expect(calls[0].init).toMatchObject({
    method: "POST",
    body: "{}",
    headers: { "content-type": "application/json", "x-tts-access-token": "ROW_t" },
  });
});
