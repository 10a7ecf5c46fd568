import { createRoot } from "react-dom/client";
import App from "./components/App";
import { pickLocale, stringsFor } from "./i18n";

/** Office's UI language when running inside Office; otherwise the browser's (pane previewed outside Office). */
function displayLanguage(): string | undefined {
  if (typeof Office !== "undefined") {
    const language = Office.context?.displayLanguage;
    if (language) return language;
  }
  return typeof navigator !== "undefined" ? navigator.language : undefined;
}

let rendered = false;

function render(): void {
  if (rendered) return;
  const container = document.getElementById("container");
  if (!container) return;
  rendered = true;

  const locale = pickLocale(displayLanguage());
  const strings = stringsFor(locale);
  document.documentElement.lang = locale;
  document.title = strings.productName;
  createRoot(container).render(<App strings={strings} />);
}

// Inside Office, wait for Office.js before touching Office.context. Opened in a plain browser
// (office.js missing or unreachable), render anyway so the pane can still be previewed.
if (typeof Office !== "undefined" && typeof Office.onReady === "function") {
  Office.onReady().then(render).catch(render);
} else {
  render();
}
