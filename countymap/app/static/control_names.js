// Streamlit's own control names in the page's language (see countymap/app/control_names.py).
// Streamlit 1.67 writes "Download as CSV", "Fullscreen", "Search", "Collapse sidebar" ... in English
// whatever the page's language, and has no setting for them. Called on every language with
// {names: English -> ours, prefixes: [[English prefix, ours with {label}]], texts: the containers whose
// exact text is a name (tooltips, menus), upload: the file uploader button's name}. One observer,
// kept on the window across reruns and page changes, renames what Streamlit draws later; each
// control keeps its English name (data-cm-en-*) so that a language switch renames it again.
(function(table) {
    "use strict";
    var ATTRIBUTES = ["aria-label", "title", "placeholder"];
    var has = function(object, key) { return Object.prototype.hasOwnProperty.call(object, key); };
    var ours = function(english) {
        var now = window.cmControlNames;
        if (has(now.names, english)) { return now.names[english]; }
        for (var i = 0; i < now.prefixes.length; i++) {
            var prefix = now.prefixes[i][0];
            if (english.indexOf(prefix) === 0) { return now.prefixes[i][1].replace("{label}", english.slice(prefix.length)); }
        }
        return null;
    };
    var renameAttributes = function(el) {
        ATTRIBUTES.forEach(function(name) {
            if (!el.hasAttribute(name)) { return; }
            var kept = "data-cm-en-" + name;
            var english = el.getAttribute(kept) || el.getAttribute(name);
            var name_ours = ours(english);
            if (name_ours === null) { return; }
            el.setAttribute(kept, english);
            if (el.getAttribute(name) !== name_ours) { el.setAttribute(name, name_ours); }
        });
    };
    var english_of_text = new WeakMap();  // a tooltip's or menu's text node -> Streamlit's English text
    var renameTexts = function(container) {
        var walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
            var node = walker.currentNode;
            var english = english_of_text.get(node) || node.textContent.trim();
            var text_ours = ours(english);
            if (text_ours === null) { continue; }
            english_of_text.set(node, english);
            if (node.textContent !== text_ours) { node.textContent = text_ours; }
        }
    };
    var renameUploader = function(root) {
        root.querySelectorAll("[data-testid='stFileUploaderDropzone'] button").forEach(function(button) {
            var upload = window.cmControlNames.upload;
            if (button.getAttribute("aria-label") !== upload) { button.setAttribute("aria-label", upload); }
        });
    };
    var renameWithin = function(root) {  // an element Streamlit added, and everything inside it
        var now = window.cmControlNames;
        renameAttributes(root);
        root.querySelectorAll("[aria-label], [title], [placeholder]").forEach(renameAttributes);
        var container = root.closest(now.texts);
        if (container) { renameTexts(container); }
        root.querySelectorAll(now.texts).forEach(renameTexts);
        renameUploader(root);
    };
    // Renamed in the observer's callback, which runs before the browser paints: English never shows.
    var renameChanges = function(records) {
        records.forEach(function(record) {
            if (record.type === "attributes") { renameAttributes(record.target); return; }
            var parent = record.type === "characterData" ? record.target.parentElement : record.target;
            if (parent && parent.closest(window.cmControlNames.texts)) { renameTexts(parent); }
            record.addedNodes.forEach(function(node) { if (node.nodeType === 1) { renameWithin(node); } });
        });
    };
    window.cmControlNames = table;
    renameWithin(document.body);
    if (window.cmControlObserver) { return; }
    window.cmControlObserver = new MutationObserver(renameChanges);
    window.cmControlObserver.observe(document.body, {childList: true, subtree: true, characterData: true,
        attributes: true, attributeFilter: ATTRIBUTES});
})
