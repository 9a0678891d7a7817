/* Quick filter for the conditions A–Z (progressive enhancement).
 *
 * The page works without this script: the A–Z list and the letter links are plain HTML.
 * With it, the hidden filter box is shown; typing hides the entries (and letter groups)
 * that do not contain the typed text, ignoring case and accents, and a polite live
 * region says how many names match. No inline script, so a strict CSP allows it.
 */
(function () {
    "use strict";

    function fold(text) {
        return text.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase().trim();
    }

    // The name an entry is filtered by: its link's text, or for another name of a
    // condition ("Carcinoid tumors — see Neuroendocrine tumors") the text before the
    // dash. Read from the markup, so the 1,500-entry list carries each name only once.
    function entryName(item) {
        var first = item.firstChild;
        if (first && first.nodeType === Node.TEXT_NODE && first.textContent.trim()) {
            return first.textContent.split("\u2014")[0];
        }
        return item.textContent;
    }

    function init(box) {
        var input = box.querySelector("input");
        var status = box.querySelector("[data-az-filter-status]");
        var groups = Array.prototype.slice.call(document.querySelectorAll("[data-az-group]"));
        var nav = document.querySelector("[data-az-nav]");
        if (!input || !groups.length) {
            return;
        }
        var entries = groups.map(function (group) {
            var items = Array.prototype.slice.call(group.querySelectorAll(".az-list > li"));
            return {
                group: group,
                link: nav ? nav.querySelector('a[href="#' + group.id + '"]') : null,
                items: items.map(function (item) {
                    return { node: item, text: fold(entryName(item)) };
                })
            };
        });

        function apply() {
            var query = fold(input.value);
            var shown = 0;
            entries.forEach(function (entry) {
                var visible = 0;
                entry.items.forEach(function (item) {
                    var match = !query || item.text.indexOf(query) !== -1;
                    item.node.hidden = !match;
                    if (match) {
                        visible += 1;
                    }
                });
                entry.group.hidden = visible === 0;
                if (entry.link) {
                    entry.link.parentNode.hidden = visible === 0;
                }
                shown += visible;
            });
            if (status) {
                status.textContent = query
                    ? shown + (shown === 1 ? " name matches" : " names match") + " “" + input.value.trim() + "”."
                    : "";
            }
        }

        input.addEventListener("input", apply);
        box.addEventListener("submit", function (event) {
            event.preventDefault();
            apply();
        });
        box.hidden = false;
    }

    document.querySelectorAll("[data-az-filter]").forEach(init);
})();
