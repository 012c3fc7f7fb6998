// Background, attribution, metric scale, legend, the undrawn-items link, tile notice, fit and title
// (see countymap/map/decor.py). Called with the Leaflet map and D, plain escaped JSON:
//   background, title, undrawn (text or ""), presenter, attribution and legend (escaped HTML),
//   foldBelow, foldBelowHeight (px), tileNotice, tileErrors, bounds ([[s, w], [n, e]] or null),
//   focusMaxZoom (the closest a selection is fitted); clearing is clear_view.js, the views clear of the controls.
(function(map, D, clearing) {
    "use strict";
    var box = map.getContainer(), views = clearing(map);  // clear_view.js

    var addLegend = function() {
        var legend = L.control({position: "bottomright"});
        legend.onAdd = function() {
            var div = L.DomUtil.create("div", "cm-legend");
            div.innerHTML = D.legend;
            var details = div.querySelector("details");
            // A small map (a phone, the township page) starts with the legend folded, so it shows the county.
            if (details && (box.clientWidth < D.foldBelow || box.clientHeight < D.foldBelowHeight)) {
                details.open = false;
            }
            L.DomEvent.disableClickPropagation(div);
            L.DomEvent.disableScrollPropagation(div);
            return div;
        };
        legend.addTo(map);
    };

    // How many filtered items the map cannot draw; the link opens their list beside the map.
    var addUndrawnLink = function() {
        var undrawn = L.control({position: "topright"});
        undrawn.onAdd = function() {
            var div = L.DomUtil.create("div", "cm-undrawn"), link = L.DomUtil.create("a", "", div);
            link.textContent = D.undrawn;
            link.href = "#cm-undrawn";
            L.DomEvent.on(link, "click", function(e) {
                L.DomEvent.preventDefault(e);
                var host = null;
                try { host = window.parent.document.getElementById("cm-undrawn"); } catch (err) { host = null; }
                if (host) { host.scrollIntoView({behavior: "smooth", block: "start"}); return; }
                var own = document.getElementById("cm-undrawn-panel");
                if (own) { own.open = true; own.scrollIntoView(); }
            });
            L.DomEvent.disableClickPropagation(div);
            return div;
        };
        undrawn.addTo(map);
    };

    // Tiles that fail to load (no network): say so on the map instead of showing a grey canvas.
    var watchTiles = function() {
        var failed = 0, loaded = 0, notice = null;
        map.eachLayer(function(layer) {
            if (!(layer instanceof L.TileLayer)) { return; }
            layer.on("tileload", function() { loaded += 1; });
            layer.on("tileerror", function() {
                failed += 1;
                if (notice || loaded || failed < D.tileErrors) { return; }
                notice = L.control({position: "topleft"});
                notice.onAdd = function() {
                    var div = L.DomUtil.create("div", "cm-notice");
                    div.textContent = D.tileNotice;
                    return div;
                };
                notice.addTo(map);
            });
        });
    };

    // The scale bar never sits under the bottom right's controls: the attribution (a narrow frame wraps it
    // wide) or the legend (a sheet across a portrait frame's foot).
    var liftScale = function() {
        var scale = box.querySelector(".leaflet-control-scale");
        if (!scale) { return; }
        var corner = scale.parentElement, lift = 0, s;
        corner.style.bottom = "";
        s = scale.getBoundingClientRect();
        box.querySelectorAll(".leaflet-bottom.leaflet-right .leaflet-control").forEach(function(el) {
            var c = el.getBoundingClientRect();
            if (c.width && c.height && s.right > c.left && s.bottom > c.top) { lift = Math.max(lift, s.bottom - c.top + 2); }
        });
        if (lift) { corner.style.bottom = Math.ceil(lift) + "px"; }
    };

    // The view is the reader's: streamlit-folium reports the map's zoom and centre after every move, and
    // the app keeps what it reports. Only the reader's own moves may be reported: a move that starts
    // within READER_MS of the reader's input (pointer, wheel, key) is theirs; any other (a fit, the frame
    // resized, the app setting the view) is marked as already known, so streamlit-folium sends nothing
    // and no rerun races the one that caused it.
    // A fit made here (fitting) is never the reader's, even right after their click that opened the legend.
    var READER_MS = 700, lastInput = -1e9, readerMove = false, fitting = false;
    ["pointerdown", "mousedown", "touchstart", "wheel", "keydown"].forEach(function(ev) {
        box.addEventListener(ev, function() { lastInput = Date.now(); }, {passive: true, capture: true});
    });
    var known = function() {  // what streamlit-folium's updateComponentValue would send now, as already sent
        var g = window.__GLOBAL_DATA__, wanted = g && g.returned_objects;
        if (!wanted) { return; }
        // a click not sent yet stays unsent: only the position is marked as known
        var clickSent = g.previous_data ? g.previous_data.last_active_drawing : null;
        var now = {last_active_drawing: clickSent === undefined ? null : clickSent, zoom: map.getZoom(),
            center: map.getCenter()};
        if (wanted.some(function(k) { return !(k in now); })) { return; }  // another key: leave it be
        var sent = {};
        Object.keys(now).forEach(function(k) { if (wanted.indexOf(k) >= 0) { sent[k] = now[k]; } });
        g.previous_data = sent;
    };
    // A popup's autopan (Leaflet fires autopanstart just before it) follows the reader's click but is the
    // map's own move: reported, it reached the app after the click's selection and put the view back over
    // the fit that selection asked for (the selected area left unfitted under the card).
    var autoPan = false;
    map.on("autopanstart", function() { autoPan = true; });
    map.on("movestart", function() {
        readerMove = readerMove || (!fitting && !autoPan && Date.now() - lastInput < READER_MS);
    });
    map.on("moveend", function() {
        if (!readerMove) { known(); }
        readerMove = false;
        autoPan = false;
    });
    window.cmReaderMoves = function() { return lastInput > 0; };  // for tests: whether the reader has acted

    // Fit the county (or a selection, window.cmFocus) to the frame; streamlit-folium sizes its iframe
    // late, so re-fit on every resize until the reader (or the app) has moved the map.
    var fitBounds = function() {
        var moved = false, target = L.latLngBounds(D.bounds), covers = D.fitOutlines ? views.coversOutline : views.coversBadge;
        // Using a control (opening the legend, Tab through the map's buttons) is not moving the map:
        // the view keeps making room for the controls as they change.
        var onControl = function(e) { return !!(e.target.closest && e.target.closest(".leaflet-control")); };
        ["mousedown", "touchstart", "wheel", "keydown"].forEach(function(ev) {
            box.addEventListener(ev, function(e) {
                if (!onControl(e) && e.key !== "Tab" && e.key !== "Shift") { moved = true; }
            }, {passive: true});
        });
        // Any other move (the app setting the view, a badge click) also ends the re-fitting.
        map.on("movestart", function() { if (!fitting) { moved = true; } });
        window.cmFit = D.bounds;  // what the view fits (tests measure it)
        var fit = function() {  // a frame not laid out yet has no size to fit into: wait for one
            var size = map.getSize();
            liftScale();
            if (size.x > 0 && size.y > 0 && !moved) {
                var clear = views.clearView(target, covers);
                fitting = true;
                if (clear.center) { map.setView(clear.center, clear.zoom, {animate: false}); }
                else {
                    map.fitBounds(clear.target, {paddingTopLeft: clear.tl, paddingBottomRight: clear.br, animate: false,
                        maxZoom: covers === views.coversTarget ? D.focusMaxZoom : 18});
                }
                fitting = false;
            }
            map.fire("cmcontrols");  // labels and dots keep clear of the controls as they are now
        };
        // The app's selection overlay calls this with its layer group: the view fits the selected area and
        // items whatever the frame's size, the same on every load, until the reader moves the map.
        window.cmFocus = function(layers) {
            var bounds = layers.getBounds();
            if (!bounds.isValid()) { return; }
            target = bounds;
            covers = views.coversTarget;
            window.cmFit = [[bounds.getSouth(), bounds.getWest()], [bounds.getNorth(), bounds.getEast()]];
            moved = false;
            fit();
        };
        fit();
        setTimeout(fit, 0);  // once the controls added after this script (layers) are there
        box.addEventListener("toggle", fit, true);  // the legend opened or folded
        if (window.ResizeObserver) {
            new ResizeObserver(function() {
                map.invalidateSize({pan: false});
                fit();
            }).observe(box);
            // A control that changes size after the fit (the attribution wrapping once a font or a basemap's
            // credit arrives, the legend's text) changes what is clear: fit again while the view is the app's.
            var corners = new ResizeObserver(function() { fit(); });
            box.querySelectorAll(".leaflet-control-container > div").forEach(function(c) { corners.observe(c); });
        }
    };

    if (D.background) { box.style.background = D.background; }
    if (D.presenter) { box.classList.add("cm-presenter"); }
    map.attributionControl.setPrefix('<a href="https://leafletjs.com" target="_blank" rel="noopener">Leaflet</a>');
    map.attributionControl.addAttribution(D.attribution);
    L.control.scale({imperial: false, metric: true}).addTo(map);
    // The attribution may wrap after the first fit (a basemap's credit, a font arriving): lift the scale again then.
    var credit = box.querySelector(".leaflet-control-attribution");
    if (credit && window.ResizeObserver) { new ResizeObserver(function() { liftScale(); }).observe(credit); }
    addLegend();
    if (D.undrawn) { addUndrawnLink(); }
    watchTiles();
    if (D.bounds) { fitBounds(); }
    known();  // the first position is the app's, not the reader's (streamlit-folium reports it next)
    // Leaflet's own controls and the frame itself named in the map's language; the layer
    // control is added after this script, so the names are set once the page's scripts have run.
    var nameControls = function() {
        var name = function(selector, text) {
            box.querySelectorAll(selector).forEach(function(el) {
                el.setAttribute("title", text);
                el.setAttribute("aria-label", text);
            });
        };
        name(".leaflet-control-zoom-in", D.names.zoom_in);
        name(".leaflet-control-zoom-out", D.names.zoom_out);
        name(".leaflet-control-layers-toggle", D.names.layers);
        try {
            if (window.frameElement) { window.frameElement.setAttribute("aria-label", D.names.frame_name); }
        } catch (err) { /* a frame of another origin keeps its own name */ }
    };
    setTimeout(nameControls, 0);
    // A presenter's small map (a phone, a tablet) folds the layer list as it folds the legend: opened, the two
    // covered most of the map. Folded as Leaflet's collapsed control is: its button opens it, a map click folds it.
    var foldLayers = function() {
        var layers = box.querySelector(".leaflet-control-layers");
        if (!D.presenter || !layers || box.clientWidth >= D.foldBelow) { return; }
        var fold = function() { L.DomUtil.removeClass(layers, "leaflet-control-layers-expanded"); };
        fold();
        map.on("click", fold);
    };
    setTimeout(foldLayers, 0);  // after the layer control's own script
    if (D.title) {
        var title = L.DomUtil.create("div", "cm-title", box);
        title.textContent = D.title;
    }
})
