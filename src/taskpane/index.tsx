import { createRoot } from "react-dom/client";
import type { WorkbookHost } from "../hosts/host";
import App from "./components/App";
import { pickLocale, stringsFor } from "./i18n";
import { createOfficeHost } from "./office-host-factory";

/** Office's UI language when running inside Office; otherwise the browser's (pane previewed outside Office). */
function displayLanguage(): string | undefined {
  if (typeof Office !== "undefined") {
    const language = Office.context?.displayLanguage;
    if (language) return language;
  }
  return typeof navigator !== "undefined" ? navigator.language : undefined;
}

let rendered = false;

function render(inOffice: boolean): void {
  if (rendered) return;
  const container = document.getElementById("container");
  if (!container) return;
  rendered = true;

  const language = displayLanguage();
  const locale = pickLocale(language);
  const strings = stringsFor(locale);
  document.documentElement.lang = locale;
  document.title = strings.productName;

  let host: WorkbookHost | null = null;
  if (inOffice) {
    try {
      host = createOfficeHost({ language: language ?? locale });
    } catch {
      host = null; // An Excel without the APIs the adapter needs: show the note instead of a blank pane.
    }
  }
  createRoot(container).render(<App strings={strings} host={host} />);
}

// Inside Office, wait for Office.js before touching Office.context; onReady says which host we are
// in (none when office.js loaded in a plain browser). Opened without office.js at all (the file
// missing or unreachable), render anyway so the pane can still be previewed.
if (typeof Office !== "undefined" && typeof Office.onReady === "function") {
  Office.onReady()
    .then((info) => render(Boolean(info?.host)))
    .catch(() => render(false));
} else {
  render(false);
}
