/* The manifest test is only as good as its XML checker: make sure it accepts and rejects correctly. */
import { XmlError, child, descendants, parseXml, path } from "./xml";

describe("parseXml", () => {
  test("builds a tree with attributes, text, entities and namespaces-as-written", () => {
    const root = parseXml(
      '<?xml version="1.0" encoding="UTF-8"?>\n<!-- c -->\n<a xmlns:bt="urn:x" k=\'v&amp;w\'>' +
        '<bt:b id="1"/>t&lt;&#x41;&#66;<![CDATA[<raw>]]><c>中文</c></a>\n'
    );
    expect(root.name).toBe("a");
    expect(root.attributes.k).toBe("v&w");
    expect(root.text).toBe("t<AB<raw>");
    expect(child(root, "b")?.attributes.id).toBe("1");
    expect(path(root, "c")?.text).toBe("中文");
    expect(descendants(root).map((e) => e.name)).toEqual(["a", "bt:b", "c"]);
  });

  test.each([
    ["mismatched end tag", "<a><b></a></b>"],
    ["unclosed element", "<a><b></b>"],
    ["two roots", "<a/><b/>"],
    ["text after root", "<a/>x"],
    ["text before root", "x<a/>"],
    ["duplicate attribute", '<a x="1" x="2"/>'],
    ["unquoted attribute", "<a x=1/>"],
    ["missing space between attributes", '<a x="1"y="2"/>'],
    ["'<' in attribute", '<a x="<"/>'],
    ["bare ampersand", "<a>fish & chips</a>"],
    ["undefined entity", "<a>&nbsp;</a>"],
    ["illegal character reference", "<a>&#0;</a>"],
    ["control character", "<a>\u0001</a>"],
    ["double hyphen in comment", "<a><!-- a -- b --></a>"],
    ["bad name", "<1a/>"],
    ["declaration not first", ' <?xml version="1.0"?><a/>'],
    ["doctype", "<!DOCTYPE a><a/>"],
    ["empty document", ""],
    ["]]> in text", "<a>]]></a>"],
  ])("rejects %s", (_label, source) => {
    expect(() => parseXml(source)).toThrow(XmlError);
  });

  test("reports line and column", () => {
    try {
      parseXml("<a>\n  <b>\n</a>");
      throw new Error("should have thrown");
    } catch (e) {
      expect(e).toBeInstanceOf(XmlError);
      expect((e as XmlError).line).toBe(3);
    }
  });
});
