// Streamlit's own control names in the page's language (see countymap/app/control_names.py).
// Streamlit 1.67 writes "Download as CSV", "Fullscreen", "Search", "Collapse sidebar" ... in English
// whatever the page's language, and has no setting for them. Called on every language with
// {names: English -> ours, prefixes: [[English prefix, ours with {label}]], texts: the containers whose
// exact text is a name (tooltips, menus), upload: the file uploader button's name, roles: Vega's role
// words -> ours, for aria-roledescription only}. One observer,
// kept on the window across reruns and page changes, renames what Streamlit draws later; each
// control keeps its English name (data-cm-en-*) so that a language switch renames it again.
(function(table) {
    "use strict";
    var ROLE = "aria-roledescription";  // Vega's role words: renamed from their own table, never from the names
    var ATTRIBUTES = ["aria-label", "title", "placeholder", ROLE];
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
    var roleOurs = function(english) {
        var roles = window.cmControlNames.roles || {};
        return has(roles, english) ? roles[english] : null;
    };
    var renameAttributes = function(el) {
        ATTRIBUTES.forEach(function(name) {
            if (!el.hasAttribute(name)) { return; }
            var kept = "data-cm-en-" + name;
            // Vega writes its role words again on each redraw: the attribute's own value comes first then
            var english = name === ROLE && roleOurs(el.getAttribute(name)) !== null
                ? el.getAttribute(name) : el.getAttribute(kept) || el.getAttribute(name);
            var nameOurs = name === ROLE ? roleOurs(english) : ours(english);
            if (nameOurs === null) { return; }
            el.setAttribute(kept, english);
            if (el.getAttribute(name) !== nameOurs) { el.setAttribute(name, nameOurs); }
        });
    };
    var englishOfText = new WeakMap();  // a tooltip's or menu's text node -> Streamlit's English text
    var renameTexts = function(container) {
        var walker = document.createTreeWalker(container, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
            var node = walker.currentNode;
            var english = englishOfText.get(node) || node.textContent.trim();
            var textOurs = ours(english);
            if (textOurs === null) { continue; }
            englishOfText.set(node, english);
            if (node.textContent !== textOurs) { node.textContent = textOurs; }
        }
    };
    var renameUploader = function(root) {
        root.querySelectorAll("[data-testid='stFileUploaderDropzone'] button").forEach(function(button) {
            var upload = window.cmControlNames.upload;
            if (button.getAttribute("aria-label") !== upload) { button.setAttribute("aria-label", upload); }
        });
    };
    // Our own buttons whose text is not a good name (a chip's "2023 ×"): widget key -> name, from
    // window.cmButtonNames, which the page's later scripts fill (countymap/app/control_names.py:name_buttons).
    var nameButtons = function(root) {
        var named = window.cmButtonNames || {};
        Object.keys(named).forEach(function(key) {
            root.querySelectorAll(".st-key-" + CSS.escape(key) + " button").forEach(function(button) {
                if (button.getAttribute("aria-label") !== named[key]) { button.setAttribute("aria-label", named[key]); }
            });
        });
    };
    var renameWithin = function(root) {  // an element Streamlit added, and everything inside it
        var now = window.cmControlNames;
        renameAttributes(root);
        root.querySelectorAll("[aria-label], [title], [placeholder], [aria-roledescription]").forEach(renameAttributes);
        var container = root.closest(now.texts);
        if (container) { renameTexts(container); }
        root.querySelectorAll(now.texts).forEach(renameTexts);
        renameUploader(root);
    };
    // Renamed in the observer's callback, which runs before the browser paints: English never shows.
    var renameChanges = function(records) {
        nameButtons(document);  // once per batch: a handful of keys
        records.forEach(function(record) {
            if (record.type === "attributes") { renameAttributes(record.target); return; }
            var parent = record.type === "characterData" ? record.target.parentElement : record.target;
            if (parent && parent.closest(window.cmControlNames.texts)) { renameTexts(parent); }
            record.addedNodes.forEach(function(node) { if (node.nodeType === 1) { renameWithin(node); } });
        });
    };
    window.cmControlNames = table;
    window.cmRenameControls = function() { nameButtons(document); renameWithin(document.body); };
    window.cmRenameControls();
    if (window.cmControlObserver) { return; }
    window.cmControlObserver = new MutationObserver(renameChanges);
    window.cmControlObserver.observe(document.body, {childList: true, subtree: true, characterData: true,
        attributes: true, attributeFilter: ATTRIBUTES});
})
