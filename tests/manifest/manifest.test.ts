/*
 * Offline checks of manifest.xml: well-formed, the elements Office requires, URLs that point at
 * files the webpack build emits (read from webpack.config.js, no build needed), resource ids that
 * resolve, and icons whose pixel sizes match what the manifest declares.
 * `npm run validate` (Microsoft's online validator) remains the authoritative schema check.
 */
import * as fs from "fs";
import * as path from "path";
import {
  XmlElement,
  child,
  childrenNamed,
  descendants,
  localName,
  parseXml,
  path as xpath,
} from "./xml";

const ROOT = path.resolve(__dirname, "..", "..");
const MANIFEST_PATH = path.join(ROOT, "manifest.xml");
const MANIFEST_SOURCE = fs.readFileSync(MANIFEST_PATH, "utf8");
const URL_DEV = "https://localhost:3000/";

const NS_OFFICEAPP = "http://schemas.microsoft.com/office/appforoffice/1.1";
const NS_OVERRIDES = "http://schemas.microsoft.com/office/taskpaneappversionoverrides";
const NS_BASICTYPES = "http://schemas.microsoft.com/office/officeappbasictypes/1.0";
const NS_XSI = "http://www.w3.org/2001/XMLSchema-instance";

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// ---------------------------------------------------------------- what webpack emits

interface CopyPattern {
  from: string;
  to?: string;
  transform?: (content: Buffer, absoluteFrom: string) => string | Buffer | Promise<string | Buffer>;
}

interface EmitPlan {
  /** Paths relative to dist/, with "/" separators. */
  files: Set<string>;
  /** webpack's output.clean setting. */
  clean: unknown;
  manifestPattern?: CopyPattern;
  urlProd: string;
}

/** Expands a CopyWebpackPlugin `from` that is a file or a single-directory glob like "assets/*.png". */
function expandFrom(from: string): string[] {
  if (!/[*?[\]{}]/.test(from)) return [from];
  const dir = path.posix.dirname(from);
  const pattern = path.posix.basename(from);
  if (/[*?[\]{}]/.test(dir) || /[[\]{}]/.test(pattern)) {
    throw new Error(`expandFrom: unsupported glob "${from}" — extend this test to cover it`);
  }
  const re = new RegExp(
    "^" +
      pattern
        .split("")
        .map((c) => (c === "*" ? "[^/]*" : c === "?" ? "[^/]" : c.replace(/[.+^$()|\\]/g, "\\$&")))
        .join("") +
      "$"
  );
  return fs
    .readdirSync(path.join(ROOT, dir))
    .filter((f) => re.test(f) && fs.statSync(path.join(ROOT, dir, f)).isFile())
    .map((f) => path.posix.join(dir, f));
}

function copyTarget(file: string, to: string | undefined): string {
  if (to === undefined) return file;
  const ext = path.posix.extname(file);
  const name = path.posix.basename(file, ext);
  return to
    .replace(/\[name\]/g, name)
    .replace(/\[ext\]/g, ext)
    .replace(/\[query\]/g, "");
}

async function emitPlan(): Promise<EmitPlan> {
  const factory = require(path.join(ROOT, "webpack.config.js"));
  const HtmlWebpackPlugin = require("html-webpack-plugin");
  const CopyWebpackPlugin = require("copy-webpack-plugin");

  const config = await factory({ WEBPACK_BUILD: true }, { mode: "production" });
  const files = new Set<string>();
  let manifestPattern: CopyPattern | undefined;

  const filenameTemplate: string = config.output?.filename ?? "[name].js";
  for (const entry of Object.keys(config.entry))
    files.add(filenameTemplate.replace("[name]", entry));

  for (const plugin of config.plugins) {
    if (plugin instanceof HtmlWebpackPlugin) {
      const options = (plugin as { userOptions: { filename?: string } }).userOptions;
      files.add(options.filename ?? "index.html");
    } else if (plugin instanceof CopyWebpackPlugin) {
      const patterns = (plugin as { patterns: Array<string | CopyPattern> }).patterns;
      for (const raw of patterns) {
        const pattern: CopyPattern = typeof raw === "string" ? { from: raw } : raw;
        const sources = expandFrom(pattern.from);
        if (sources.length === 0) throw new Error(`copy pattern "${pattern.from}" matches nothing`);
        for (const source of sources) files.add(copyTarget(source, pattern.to));
        if (pattern.from === "manifest.xml") manifestPattern = pattern;
      }
    }
  }
  return { files, clean: config.output?.clean, manifestPattern, urlProd: factory.urlProd };
}

// ---------------------------------------------------------------- helpers

function attr(el: XmlElement | undefined, name: string): string | undefined {
  return el?.attributes[name];
}

function xsiType(el: XmlElement): string | undefined {
  return el.attributes["xsi:type"];
}

/** Every URL-looking value in the document: attribute values and element text. */
function allUrls(root: XmlElement): Array<{ url: string; where: string }> {
  const out: Array<{ url: string; where: string }> = [];
  for (const el of descendants(root)) {
    for (const [name, value] of Object.entries(el.attributes)) {
      if (/^https?:\/\//.test(value) && !name.startsWith("xmlns")) {
        out.push({ url: value, where: `<${el.name} ${name}> line ${el.line}` });
      }
    }
    const text = el.text.trim();
    if (/^https?:\/\//.test(text)) out.push({ url: text, where: `<${el.name}> line ${el.line}` });
  }
  return out;
}

function pngSize(file: string): { width: number; height: number } {
  const buf = fs.readFileSync(file);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (!buf.subarray(0, 8).equals(signature) || buf.toString("ascii", 12, 16) !== "IHDR") {
    throw new Error(`${file} is not a PNG`);
  }
  return { width: buf.readUInt32BE(16), height: buf.readUInt32BE(20) };
}

function localFile(url: string): string {
  return url.slice(URL_DEV.length).split(/[?#]/)[0];
}

// ---------------------------------------------------------------- tests

describe("manifest.xml", () => {
  let root: XmlElement;
  let overrides: XmlElement;
  let plan: EmitPlan;

  beforeAll(async () => {
    root = parseXml(MANIFEST_SOURCE);
    const vo = child(root, "VersionOverrides");
    if (!vo) throw new Error("manifest has no VersionOverrides");
    overrides = vo;
    plan = await emitPlan();
  });

  test("is well-formed XML with an OfficeApp TaskPaneApp root", () => {
    expect(MANIFEST_SOURCE.startsWith('<?xml version="1.0" encoding="UTF-8"')).toBe(true);
    expect(root.name).toBe("OfficeApp");
    expect(root.attributes.xmlns).toBe(NS_OFFICEAPP);
    expect(root.attributes["xmlns:xsi"]).toBe(NS_XSI);
    expect(root.attributes["xmlns:bt"]).toBe(NS_BASICTYPES);
    expect(xsiType(root)).toBe("TaskPaneApp");
  });

  test("top-level elements appear in the schema's order", () => {
    // OfficeApp base sequence, then the TaskPaneApp extension (OfficeAppManifestV1_1.xsd).
    const order = [
      "Id",
      "AlternateId",
      "Version",
      "ProviderName",
      "DefaultLocale",
      "DisplayName",
      "Description",
      "IconUrl",
      "HighResolutionIconUrl",
      "SupportUrl",
      "AppDomains",
      "Hosts",
      "Requirements",
      "DefaultSettings",
      "Permissions",
      "Dictionary",
      "VersionOverrides",
    ];
    const names = root.children.map((c) => c.name);
    for (const n of names) expect(order).toContain(n);
    const positions = names.map((n) => order.indexOf(n));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(new Set(names).size).toBe(names.length);
  });

  test("has the required identity elements", () => {
    expect(xpath(root, "Id")?.text.trim()).toMatch(GUID);
    expect(xpath(root, "Version")?.text.trim()).toMatch(/^\d{1,5}(\.\d{1,5}){0,3}$/);
    expect(xpath(root, "ProviderName")?.text.trim()).not.toBe("");
    expect(xpath(root, "DefaultLocale")?.text.trim()).toBe("zh-CN");

    const displayName = xpath(root, "DisplayName");
    expect(attr(displayName, "DefaultValue")).toBe("绩效自评表助手");
    const nameOverride = childrenNamed(displayName!, "Override").find(
      (o) => o.attributes.Locale === "en-US"
    );
    expect(attr(nameOverride, "Value")).toBe("Self-Evaluation Sheet Assistant");

    const description = xpath(root, "Description");
    expect(attr(description, "DefaultValue")?.trim()).toBeTruthy();
    expect(childrenNamed(description!, "Override").map((o) => o.attributes.Locale)).toContain(
      "en-US"
    );
    // DisplayName is a ShortString (125), Description a LongString (250).
    expect(attr(displayName, "DefaultValue")!.length).toBeLessThanOrEqual(125);
    expect(attr(description, "DefaultValue")!.length).toBeLessThanOrEqual(250);
  });

  test("declares icons, support URL, Workbook host, permissions and requirements", () => {
    expect(attr(xpath(root, "IconUrl"), "DefaultValue")).toMatch(/^https:\/\//);
    expect(attr(xpath(root, "HighResolutionIconUrl"), "DefaultValue")).toMatch(/^https:\/\//);
    expect(attr(xpath(root, "SupportUrl"), "DefaultValue")).toMatch(/^https:\/\//);

    const hosts = childrenNamed(xpath(root, "Hosts")!, "Host");
    expect(hosts.map((h) => h.attributes.Name)).toEqual(["Workbook"]);

    expect(xpath(root, "Permissions")?.text.trim()).toBe("ReadWriteDocument");

    const sets = childrenNamed(xpath(root, "Requirements", "Sets")!, "Set");
    const excelApi = sets.find((s) => s.attributes.Name === "ExcelApi");
    expect(excelApi).toBeDefined();
    const [major, minor] = excelApi!.attributes.MinVersion.split(".").map(Number);
    expect(major).toBe(1);
    expect(minor).toBeGreaterThanOrEqual(10);
  });

  test("DefaultSettings/SourceLocation is the task pane page", () => {
    expect(attr(xpath(root, "DefaultSettings", "SourceLocation"), "DefaultValue")).toBe(
      `${URL_DEV}taskpane.html`
    );
  });

  test("VersionOverrides adds a Home-tab button that shows the task pane", () => {
    expect(overrides.attributes.xmlns).toBe(NS_OVERRIDES);
    expect(xsiType(overrides)).toBe("VersionOverridesV1_0");

    const host = childrenNamed(xpath(overrides, "Hosts")!, "Host");
    expect(host.map(xsiType)).toEqual(["Workbook"]);
    const desktop = child(host[0], "DesktopFormFactor")!;
    expect(desktop).toBeDefined();
    expect(attr(child(desktop, "FunctionFile"), "resid")).toBeTruthy();

    const tab = descendants(desktop).find((e) => e.name === "OfficeTab");
    expect(attr(tab, "id")).toBe("TabHome");
    const actions = descendants(desktop).filter((e) => e.name === "Action");
    expect(actions.length).toBeGreaterThan(0);
    for (const action of actions) expect(xsiType(action)).toBe("ShowTaskpane");

    const urls = new Map(
      descendants(overrides)
        .filter((e) => e.name === "bt:Url")
        .map((e) => [e.attributes.id, e.attributes.DefaultValue])
    );
    const taskpaneResid = attr(child(actions[0], "SourceLocation"), "resid")!;
    expect(urls.get(taskpaneResid)).toBe(`${URL_DEV}taskpane.html`);
    expect(urls.get(attr(child(desktop, "FunctionFile"), "resid")!)).toBe(
      `${URL_DEV}commands.html`
    );
  });

  test("webpack.config.js emits pages, bundles, icons and the manifest", () => {
    for (const f of [
      "taskpane.html",
      "commands.html",
      "taskpane.js",
      "commands.js",
      "manifest.xml",
    ]) {
      expect(plan.files).toContain(f);
    }
    for (const size of [16, 32, 64, 80, 128])
      expect(plan.files).toContain(`assets/icon-${size}.png`);
  });

  test("webpack's output cleaning spares dist/cli (the CLI that build:cli compiles first)", () => {
    if (plan.clean === false || plan.clean === undefined) return;
    const keep = (plan.clean as { keep?: RegExp | string | ((p: string) => boolean) }).keep;
    const kept = (p: string) =>
      keep instanceof RegExp
        ? keep.test(p)
        : typeof keep === "function"
          ? keep(p)
          : typeof keep === "string" && p.startsWith(keep);
    expect(kept("cli/cli/main.js")).toBe(true);
    expect(kept("cli/engine/grid/a1.js")).toBe(true);
    expect(kept("taskpane.js")).toBe(false);
    expect(kept("client.js")).toBe(false);
  });

  test("every https://localhost:3000/ URL names a file that webpack emits", () => {
    const local = allUrls(root).filter((u) => u.url.startsWith(URL_DEV));
    expect(local.length).toBeGreaterThan(0);
    const missing = local.filter((u) => !plan.files.has(localFile(u.url)));
    expect(missing).toEqual([]);
  });

  test("every URL is https, and no other localhost URL slips past the production rewrite", () => {
    for (const { url, where } of allUrls(root)) {
      expect(`${where}: ${url}`).toMatch(/: https:\/\//);
      if (/\/\/(localhost|127\.0\.0\.1)\b/.test(url)) expect(url.startsWith(URL_DEV)).toBe(true);
    }
  });

  test("the production copy of the manifest points at urlProd, not localhost", async () => {
    const pattern = plan.manifestPattern;
    expect(pattern?.transform).toBeDefined();
    const out = String(await pattern!.transform!(Buffer.from(MANIFEST_SOURCE), MANIFEST_PATH));
    expect(out).not.toContain("localhost");
    expect(out).toContain(`${plan.urlProd}taskpane.html`);
    expect(() => parseXml(out)).not.toThrow();
  });

  test("every resid is defined once, in the right kind of resource, and every resource is used", () => {
    const resources = xpath(overrides, "Resources")!;
    const kinds: Record<string, string[]> = {
      Images: [],
      Urls: [],
      ShortStrings: [],
      LongStrings: [],
    };
    for (const group of resources.children) {
      const kind = localName(group.name);
      expect(Object.keys(kinds)).toContain(kind);
      for (const def of group.children) {
        const id = def.attributes.id;
        expect(id).toBeTruthy();
        expect(id.length).toBeLessThanOrEqual(32);
        kinds[kind].push(id);
      }
    }
    const allIds = Object.values(kinds).flat();
    expect(new Set(allIds).size).toBe(allIds.length);

    // Which resource kind each referencing element needs (TaskPaneAppVersionOverrides schema).
    const expectedKind = (el: XmlElement, parent: XmlElement): string => {
      const n = localName(el.name);
      if (n === "Image") return "Images";
      if (n === "SourceLocation" || n === "FunctionFile" || n === "LearnMoreUrl") return "Urls";
      if (n === "Label" || n === "Title") return "ShortStrings";
      if (n === "Description") return "LongStrings";
      throw new Error(`resid on unexpected element <${el.name}> inside <${parent.name}>`);
    };

    const used = new Set<string>();
    const walk = (el: XmlElement) => {
      for (const c of el.children) {
        const resid = c.attributes.resid;
        if (resid !== undefined) {
          const kind = expectedKind(c, el);
          expect(
            `${c.name} line ${c.line} -> ${resid} in ${kind}: ${kinds[kind].includes(resid)}`
          ).toBe(`${c.name} line ${c.line} -> ${resid} in ${kind}: true`);
          used.add(resid);
        }
        walk(c);
      }
    };
    walk(xpath(overrides, "Hosts")!);
    expect(allIds.filter((id) => !used.has(id))).toEqual([]);
  });

  test("strings fit their limits and all have an en-US override", () => {
    const resources = xpath(overrides, "Resources")!;
    const limits: Record<string, number> = { ShortStrings: 125, LongStrings: 250 };
    for (const [kind, limit] of Object.entries(limits)) {
      for (const s of childrenNamed(resources, kind)[0]?.children ?? []) {
        expect(s.attributes.DefaultValue.length).toBeLessThanOrEqual(limit);
        const en = s.children.find(
          (o) => localName(o.name) === "Override" && o.attributes.Locale === "en-US"
        );
        expect(`${s.attributes.id}: ${en?.attributes.Value ?? "(no en-US override)"}`).not.toMatch(
          /no en-US override/
        );
        expect(en!.attributes.Value.length).toBeLessThanOrEqual(limit);
      }
    }
  });

  test("icons exist as PNGs whose pixel size matches the manifest", () => {
    const check = (url: string | undefined, size: number) => {
      expect(url?.startsWith(URL_DEV)).toBe(true);
      const file = path.join(ROOT, localFile(url!));
      expect(pngSize(file)).toEqual({ width: size, height: size });
    };
    check(attr(xpath(root, "IconUrl"), "DefaultValue"), 32);
    check(attr(xpath(root, "HighResolutionIconUrl"), "DefaultValue"), 64);

    const images = new Map(
      descendants(overrides)
        .filter((e) => e.name === "bt:Image" && e.attributes.id)
        .map((e) => [e.attributes.id, e.attributes.DefaultValue])
    );
    const refs = descendants(xpath(overrides, "Hosts")!).filter(
      (e) => e.name === "bt:Image" && e.attributes.resid
    );
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) check(images.get(ref.attributes.resid), Number(ref.attributes.size));
  });
});
