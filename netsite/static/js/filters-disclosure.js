/* Filters in a disclosure: closed on phones so results come first, open on wide screens.
 *
 * Without this script the <details> works as it is (closed until opened, on any
 * screen). With it, a screen at least 48em wide opens it once on load; the visitor can
 * still close it. No inline script, so the strict CSP allows it.
 */
(function () {
    "use strict";
    if (!window.matchMedia || !window.matchMedia("(min-width: 48em)").matches) {
        return;
    }
    Array.prototype.forEach.call(document.querySelectorAll("details[data-filters]"), function (details) {
        details.open = true;
    });
})();
