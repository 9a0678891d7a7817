// The reading level panel, measured again as the editor types (progressive
// enhancement: without this script the panel shows the saved version's figure).
//
// Every 1.5 seconds, if the form's contents have changed since the last check, the
// whole form is posted to the server, which measures it with the same code as the
// saved figure and returns the panel's inner HTML. Rich text and StreamField keep
// their values in hidden inputs, so reading the form's data covers every field.
(function () {
  "use strict";

  const INTERVAL_MS = 1500;

  function serialise(form) {
    const data = new FormData(form);
    data.delete("csrfmiddlewaretoken");
    return new URLSearchParams(
      Array.from(data.entries()).filter(([, value]) => typeof value === "string"),
    ).toString();
  }

  function start(panel) {
    const url = panel.dataset.readingLevelUrl;
    const form = panel.closest("form");
    const figure = panel.querySelector("[data-reading-level-figure]");
    const status = panel.querySelector("[data-reading-level-status]");
    if (!url || !form || !figure) return;

    let last = serialise(form);
    let busy = false;

    async function check() {
      const now = serialise(form);
      if (busy || now === last) return;
      busy = true;
      last = now;
      try {
        const response = await fetch(url, {
          method: "POST",
          body: new FormData(form),
          credentials: "same-origin",
          headers: { "X-Requested-With": "XMLHttpRequest" },
        });
        if (!response.ok) return; // keep the figure shown; the saved one still holds
        const before = figure.querySelector("[data-grade]")?.dataset.grade;
        figure.innerHTML = await response.text();
        const after = figure.querySelector("[data-grade]")?.dataset.grade;
        if (status && after && after !== before) {
          status.textContent = `Reading level now grade ${after}.`;
        }
      } catch (error) {
        // Offline or the server is restarting: try again at the next change.
        last = "";
      } finally {
        busy = false;
      }
    }

    window.setInterval(check, INTERVAL_MS);
  }

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("[data-reading-level-url]").forEach(start);
  });
})();
