/**
 * Entry of the browser preview (npm run preview → http://localhost:3001/): the task pane beside a
 * grid of an .xlsx opened locally, with no Excel and no Office.js. ?lang=en or ?lang=zh picks the
 * language; otherwise the browser's.
 */
import { createRoot } from "react-dom/client";
import { Locale, pickLocale } from "../taskpane/i18n";
import { PreviewApp } from "./PreviewApp";
import { previewStringsFor } from "./strings";

function locale(): Locale {
  const asked = new URLSearchParams(window.location.search).get("lang");
  return pickLocale(asked ?? navigator.language);
}

const container = document.getElementById("root");
if (container) {
  const loc = locale();
  document.documentElement.lang = loc;
  document.title = previewStringsFor(loc).pageTitle;
  createRoot(container).render(<PreviewApp locale={loc} />);
}
