// Initialises GOV.UK Frontend's components (error summary focus, notification banners, service
// navigation toggle, …). Every page also works without it.
import { initAll } from "../vendor/govuk/govuk-frontend.min.js";

initAll();

// Content that htmx swaps in gets its components too; the page itself was initialised above.
document.addEventListener("htmx:load", (event) => {
  const element = event.detail && event.detail.elt;
  if (element instanceof Element && element !== document.body) {
    initAll({ scope: element });
  }
});
