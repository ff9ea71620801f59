type Action = (event: { completed: () => void }) => Promise<void>;

async function loadCommands() {
  const associated = new Map<string, Action>();
  (globalThis as Record<string, unknown>).Office = {
    onReady: (callback: () => void) => {
      callback();
      return Promise.resolve({ host: "Excel", platform: "PC" });
    },
    actions: { associate: (name: string, action: Action) => associated.set(name, action) },
  };
  jest.resetModules();
  const bus = await import("../../src/commands/command-bus");
  await import("../../src/commands/commands");
  return { associated, bus };
}

afterEach(() => {
  delete (globalThis as Record<string, unknown>).Office;
});

describe("ribbon commands", () => {
  test("fetch and post are associated when Office is ready", async () => {
    const { associated } = await loadCommands();
    expect([...associated.keys()]).toEqual(["fetch", "post"]);
  });

  test("a click runs the pane's handler and completes the event", async () => {
    const { associated, bus } = await loadCommands();
    const seen: string[] = [];
    bus.setRibbonHandler(async (command) => void seen.push(command));
    const completed = jest.fn();
    await associated.get("post")!({ completed });
    expect(seen).toEqual(["post"]);
    expect(completed).toHaveBeenCalledTimes(1);
  });

  test("the event completes even when the handler throws", async () => {
    const { associated, bus } = await loadCommands();
    bus.setRibbonHandler(async () => {
      throw new Error("Fetch and Post work on the TikTok Orders sheet.");
    });
    const completed = jest.fn();
    await expect(associated.get("fetch")!({ completed })).resolves.toBeUndefined();
    expect(completed).toHaveBeenCalledTimes(1);
  });

  test("before the pane registers a handler, a click shows the pane", async () => {
    const { associated, bus } = await loadCommands();
    const showPane = jest.fn(async () => undefined);
    bus.setShowPane(showPane);
    const completed = jest.fn();
    await associated.get("fetch")!({ completed });
    expect(showPane).toHaveBeenCalledTimes(1);
    expect(completed).toHaveBeenCalledTimes(1);
  });

  test("revealPane shows the pane when a way to show it is known", async () => {
    const { bus } = await loadCommands();
    await expect(bus.revealPane()).resolves.toBeUndefined();
    const showPane = jest.fn(async () => undefined);
    bus.setShowPane(showPane);
    await bus.revealPane();
    expect(showPane).toHaveBeenCalledTimes(1);
  });

  test("without Office nothing is registered and loading does not throw", async () => {
    jest.resetModules();
    await expect(import("../../src/commands/commands")).resolves.toHaveProperty("ribbonAction");
  });
});
