import { OfficeHost } from "../../src/hosts/office";
import { createOfficeHost } from "../../src/taskpane/office-host-factory";

describe("createOfficeHost", () => {
  test("gives the Office adapter, in the display language", () => {
    const zh = createOfficeHost({ language: "zh-CN" });
    const en = createOfficeHost({ language: "en-GB" });
    expect(zh).toBeInstanceOf(OfficeHost);
    expect(zh?.kind).toBe("office");
    expect((zh as unknown as { language: string }).language).toBe("zh");
    expect((en as unknown as { language: string }).language).toBe("en");
  });
});
