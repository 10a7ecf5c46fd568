import * as fs from "fs";
import * as path from "path";
import { STRINGS, pickLocale, stringsFor } from "../../src/taskpane/i18n";
import { XmlElement, childrenNamed, parseXml, path as xpath } from "../manifest/xml";

const manifest = parseXml(
  fs.readFileSync(path.join(__dirname, "..", "..", "manifest.xml"), "utf8")
);

function localized(el: XmlElement | undefined): { zh?: string; en?: string } {
  if (!el) return {};
  const en = childrenNamed(el, "Override").find((o) => o.attributes.Locale === "en-US");
  return { zh: el.attributes.DefaultValue, en: en?.attributes.Value };
}

describe("task pane i18n", () => {
  test.each([
    ["en-US", "en-US"],
    ["en-GB", "en-US"],
    ["EN", "en-US"],
    ["zh-CN", "zh-CN"],
    ["zh-TW", "zh-CN"],
    ["fr-FR", "zh-CN"],
    ["", "zh-CN"],
    [undefined, "zh-CN"],
    [null, "zh-CN"],
  ])("pickLocale(%p) is %s", (language, locale) => {
    expect(pickLocale(language)).toBe(locale);
  });

  test("both locales define every string, non-empty", () => {
    const keys = Object.keys(STRINGS["zh-CN"]).sort();
    expect(Object.keys(STRINGS["en-US"]).sort()).toEqual(keys);
    for (const locale of ["zh-CN", "en-US"] as const) {
      for (const value of Object.values(stringsFor(locale))) expect(value.trim()).not.toBe("");
    }
  });

  test("product name and tagline match the manifest's DisplayName and Description", () => {
    const name = localized(xpath(manifest, "DisplayName"));
    const description = localized(xpath(manifest, "Description"));
    expect(stringsFor("zh-CN").productName).toBe(name.zh);
    expect(stringsFor("en-US").productName).toBe(name.en);
    expect(stringsFor("zh-CN").tagline).toBe(description.zh);
    expect(stringsFor("en-US").tagline).toBe(description.en);
  });
});
