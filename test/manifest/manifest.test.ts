/**
 * Structural checks of manifest.xml that Microsoft's (online-only) validator would make, plus the
 * wiring this add-in depends on: one shared runtime, the TIKTOK namespace, ribbon functions that exist.
 */
import fs from "node:fs";
import path from "node:path";
import { XMLParser } from "fast-xml-parser";

const ROOT = path.resolve(__dirname, "..", "..");

interface XmlNode {
  name: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

type RawNode = Record<string, unknown> & { ":@"?: Record<string, string> };

function convert(raw: RawNode[]): XmlNode[] {
  const nodes: XmlNode[] = [];
  for (const item of raw) {
    const name = Object.keys(item).find((k) => k !== ":@")!;
    if (name === "#text" || name === "?xml") continue;
    const children = convert(item[name] as RawNode[]);
    const text = (item[name] as RawNode[])
      .filter((c) => "#text" in c)
      .map((c) => String(c["#text"]))
      .join("")
      .trim();
    nodes.push({ name: name.replace(/^\w+:/, ""), attrs: item[":@"] ?? {}, children, text });
  }
  return nodes;
}

const xml = fs.readFileSync(path.join(ROOT, "manifest.xml"), "utf8");
const parsed = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: "", parseAttributeValue: false, parseTagValue: false }).parse(xml);
const root = convert(parsed).find((n) => n.name === "OfficeApp")!;

function child(node: XmlNode, name: string): XmlNode {
  const found = node.children.find((c) => c.name === name);
  if (!found) throw new Error(`<${node.name}> has no <${name}>`);
  return found;
}
function at(node: XmlNode, ...names: string[]): XmlNode {
  return names.reduce(child, node);
}
function all(node: XmlNode): XmlNode[] {
  return [node, ...node.children.flatMap(all)];
}

const versionOverrides = child(root, "VersionOverrides");
const host = at(versionOverrides, "Hosts", "Host");
const desktop = child(host, "DesktopFormFactor");
const customFunctions = at(host, "AllFormFactors", "ExtensionPoint");
const resources = child(versionOverrides, "Resources");
const resourceGroups = Object.fromEntries(resources.children.map((g) => [g.name, g.children]));
const resourceValue = (id: string): string => {
  const entry = resources.children.flatMap((g) => g.children).find((r) => r.attrs.id === id);
  if (!entry) throw new Error(`No resource with id ${id}`);
  return entry.attrs.DefaultValue;
};
const controls = all(desktop).filter((n) => n.name === "Control");
const controlLabel = (control: XmlNode) => resourceValue(child(control, "Label").attrs.resid);

/** Children must follow this order (names of one rank may mix); unknown names are errors. */
function expectOrder(node: XmlNode, order: (string | string[])[]): void {
  const rank = (name: string) => order.findIndex((o) => (Array.isArray(o) ? o.includes(name) : o === name));
  const ranks = node.children.map((c) => rank(c.name));
  const unknown = node.children.filter((_, i) => ranks[i] < 0).map((c) => c.name);
  expect({ parent: node.name, unknown }).toEqual({ parent: node.name, unknown: [] });
  expect({ parent: node.name, ranks }).toEqual({ parent: node.name, ranks: [...ranks].sort((a, b) => a - b) });
}

describe("manifest.xml", () => {
  test("is a task pane add-in for Excel with a fixed identity", () => {
    expect(root.attrs["xsi:type"]).toBe("TaskPaneApp");
    expect(child(root, "Id").text).toBe("88af86e7-62b9-4e05-be22-0cf216db6278");
    expect(child(root, "ProviderName").text).toBe("ShopBooks");
    expect(child(root, "DisplayName").attrs.DefaultValue).toBe("ShopBooks for TikTok Shop");
    expect(at(root, "Hosts", "Host").attrs.Name).toBe("Workbook");
    expect(child(root, "Permissions").text).toBe("ReadWriteDocument");
    expect(versionOverrides.attrs["xsi:type"]).toBe("VersionOverridesV1_0");
    expect(host.attrs["xsi:type"]).toBe("Workbook");
  });

  test("elements appear in the order Office requires", () => {
    expectOrder(root, [
      "Id", "AlternateId", "Version", "ProviderName", "DefaultLocale", "DisplayName", "Description", "IconUrl",
      "HighResolutionIconUrl", "SupportUrl", "AppDomains", "Hosts", "Requirements", "DefaultSettings", "Permissions",
      "Dictionary", "VersionOverrides", "ExtendedOverrides",
    ]);
    expectOrder(versionOverrides, ["Description", "Requirements", "Hosts", "Resources", "WebApplicationInfo", "EquivalentAddins"]);
    expectOrder(host, ["Runtimes", "AllFormFactors", "DesktopFormFactor", "MobileFormFactor"]);
    expectOrder(customFunctions, ["Script", "Page", "Metadata", "Namespace"]);
    expectOrder(desktop, ["GetStarted", "FunctionFile", "ExtensionPoint"]);
    expectOrder(child(desktop, "GetStarted"), ["Title", "Description", "LearnMoreUrl"]);
    const tab = at(desktop, "ExtensionPoint", "CustomTab");
    expectOrder(tab, [["Group", "OfficeGroup"], "Label", ["InsertAfter", "InsertBefore"]]);
    for (const group of tab.children.filter((c) => c.name === "Group")) {
      expectOrder(group, ["OverriddenByRibbonApi", "Label", "Icon", ["Control", "OfficeControl"]]);
    }
    for (const control of controls) {
      expectOrder(control, ["OverriddenByRibbonApi", "Label", "Supertip", "Icon", "Action", "Enabled", "Items"]);
      expectOrder(child(control, "Supertip"), ["Title", "Description"]);
      expectOrder(child(control, "Action"), ["TaskpaneId", "SourceLocation", "Title", "FunctionName"]);
    }
    expectOrder(resources, ["Images", "Urls", "ShortStrings", "LongStrings"]);
  });

  test("requires the shared runtime, which lives as long as the workbook", () => {
    const sets = at(root, "Requirements", "Sets").children;
    expect(sets.map((s) => [s.attrs.Name, s.attrs.MinVersion])).toContainEqual(["SharedRuntime", "1.1"]);
    expect(at(host, "Runtimes", "Runtime").attrs.lifetime).toBe("long");
  });

  test("the runtime, the functions page, the function file and the pane are one page", () => {
    const runtime = at(host, "Runtimes", "Runtime").attrs.resid;
    expect(at(customFunctions, "Page", "SourceLocation").attrs.resid).toBe(runtime);
    expect(child(desktop, "FunctionFile").attrs.resid).toBe(runtime);
    expect(resourceValue(runtime)).toBe("https://localhost:3000/taskpane.html");
    expect(at(root, "DefaultSettings", "SourceLocation").attrs.DefaultValue).toBe(resourceValue(runtime));
    expect(resourceValue(at(customFunctions, "Script", "SourceLocation").attrs.resid)).toBe("https://localhost:3000/functions.js");
    expect(resourceValue(at(customFunctions, "Metadata", "SourceLocation").attrs.resid)).toBe("https://localhost:3000/functions.json");
  });

  test("custom functions use the TIKTOK namespace", () => {
    expect(customFunctions.attrs["xsi:type"]).toBe("CustomFunctions");
    const namespace = resourceValue(child(customFunctions, "Namespace").attrs.resid);
    expect(namespace).toBe("TIKTOK");
    expect(namespace).toMatch(/^[A-Z][A-Z0-9_.]{2,}$/);
  });

  test("every resid names a resource of the right kind", () => {
    const ids = (group: string) => new Set((resourceGroups[group] ?? []).map((r) => r.attrs.id));
    const kindOf = (node: XmlNode, parent: XmlNode): string => {
      if (node.name === "Image") return "Images";
      if (["Runtime", "SourceLocation", "FunctionFile", "LearnMoreUrl"].includes(node.name)) return "Urls";
      if (node.name === "Description" && ["Supertip", "GetStarted"].includes(parent.name)) return "LongStrings";
      return "ShortStrings";
    };
    const missing: string[] = [];
    const visit = (node: XmlNode) => {
      for (const c of node.children) {
        if (c.attrs.resid !== undefined && !ids(kindOf(c, node)).has(c.attrs.resid)) missing.push(`${c.name} → ${c.attrs.resid}`);
        visit(c);
      }
    };
    visit(host);
    expect(missing).toEqual([]);
  });

  test("resource ids are unique and at most 32 characters; control ids are unique", () => {
    const resourceIds = resources.children.flatMap((g) => g.children.map((r) => r.attrs.id));
    expect(new Set(resourceIds).size).toBe(resourceIds.length);
    expect(resourceIds.filter((id) => id.length > 32)).toEqual([]);
    const resids = all(versionOverrides).map((n) => n.attrs.resid).filter(Boolean);
    expect(resids.filter((id) => id.length > 32)).toEqual([]);
    const elementIds = all(desktop).map((n) => n.attrs.id).filter(Boolean);
    expect(new Set(elementIds).size).toBe(elementIds.length);
    expect(elementIds.filter((id) => id.length > 125)).toEqual([]);
  });

  test("every URL is https on one origin", () => {
    const urls = all(root)
      .flatMap((n) => [n.attrs.DefaultValue])
      .filter((v): v is string => typeof v === "string" && /^[a-z]+:\/\//i.test(v));
    expect(urls.length).toBeGreaterThan(8);
    expect(new Set(urls.map((u) => new URL(u).origin))).toEqual(new Set(["https://localhost:3000"]));
  });

  test("the TikTok Shop tab has Open, Fetch and Post", () => {
    const tab = at(desktop, "ExtensionPoint", "CustomTab");
    expect(at(desktop, "ExtensionPoint").attrs["xsi:type"]).toBe("PrimaryCommandSurface");
    expect(tab.attrs.id).toBe("TikTokShopTab");
    expect(resourceValue(child(tab, "Label").attrs.resid)).toBe("TikTok Shop");
    expect(controls.map(controlLabel)).toEqual(["Open", "Fetch", "Post"]);
    for (const control of controls) {
      expect(control.attrs["xsi:type"]).toBe("Button");
      expect(child(control, "Icon").children.map((i) => i.attrs.size)).toEqual(["16", "32", "80"]);
      expect(resourceValue(at(control, "Supertip", "Description").attrs.resid).length).toBeGreaterThan(20);
    }
    const [open, fetch, post] = controls.map((c) => child(c, "Action"));
    expect(open.attrs["xsi:type"]).toBe("ShowTaskpane");
    expect(open.children.map((c) => c.name)).toEqual(["SourceLocation"]); // no TaskpaneId with a long-lived runtime
    expect(child(open, "SourceLocation").attrs.resid).toBe(at(host, "Runtimes", "Runtime").attrs.resid);
    expect([fetch, post].map((a) => [a.attrs["xsi:type"], child(a, "FunctionName").text])).toEqual([
      ["ExecuteFunction", "fetch"],
      ["ExecuteFunction", "post"],
    ]);
  });

  test("each ribbon function is associated in src/commands/commands.ts, and only those", () => {
    const source = fs.readFileSync(path.join(ROOT, "src", "commands", "commands.ts"), "utf8");
    const names = all(desktop).filter((n) => n.name === "FunctionName").map((n) => n.text);
    for (const name of names) expect(source).toContain(`Office.actions.associate("${name}"`);
    const associated = [...source.matchAll(/Office\.actions\.associate\("([^"]+)"/g)].map((m) => m[1]);
    expect(associated.sort()).toEqual([...names].sort());
  });

  test("every icon it names exists in assets/ and is a PNG of that size", () => {
    const images = [
      ...(resourceGroups.Images ?? []).map((i) => i.attrs.DefaultValue),
      child(root, "IconUrl").attrs.DefaultValue,
      child(root, "HighResolutionIconUrl").attrs.DefaultValue,
    ];
    for (const url of images) {
      const file = path.join(ROOT, new URL(url).pathname);
      expect(fs.existsSync(file)).toBe(true);
      const png = fs.readFileSync(file);
      const size = Number(/icon-(\d+)\.png$/.exec(url)![1]);
      expect([png.subarray(1, 4).toString("ascii"), png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual(["PNG", size, size]);
    }
  });
});
