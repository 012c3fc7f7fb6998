// Streamlit's own control names in the page's language (see countymap/app/shell.py): Streamlit 1.67
// writes "Download as CSV", "Fullscreen", "Search" ... in English whatever the page's language.
// Called with names (English name -> ours) and upload (the file uploader button's name, whose
// English text page.css hides). Every rerun passes the current names; one observer renames what
// Streamlit draws later, keeping each control's own English name to rename from.
(function(names, upload) {
    "use strict";
    var own = function(table, key) { return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : null; };
    window.cmControlNames = {names: names, upload: upload};
    var rename = function() {
        var now = window.cmControlNames;
        document.querySelectorAll("[aria-label]").forEach(function(el) {
            var english = el.getAttribute("data-cm-english") || el.getAttribute("aria-label");
            var ours = own(now.names, english);
            if (ours === null) { return; }
            el.setAttribute("data-cm-english", english);
            if (el.getAttribute("aria-label") !== ours) { el.setAttribute("aria-label", ours); }
            if (el.title && el.title !== ours) { el.title = ours; }
        });
        document.querySelectorAll("[data-testid='stFileUploaderDropzone'] button").forEach(function(button) {
            if (button.getAttribute("aria-label") !== now.upload) { button.setAttribute("aria-label", now.upload); }
        });
    };
    rename();
    if (window.cmControlObserver) { return; }
    var queued = false;  // one pass per frame, however many mutations a rerun makes
    window.cmControlObserver = new MutationObserver(function() {
        if (queued) { return; }
        queued = true;
        requestAnimationFrame(function() { queued = false; rename(); });
    });
    window.cmControlObserver.observe(document.body, {childList: true, subtree: true, attributes: true,
        attributeFilter: ["aria-label"]});
})
