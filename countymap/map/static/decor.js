// Background, attribution, metric scale, legend, the undrawn-items link, tile notice, fit and title
// (see countymap/map/decor.py). Called with the Leaflet map and D, plain escaped JSON:
//   background, title, undrawn (text or ""), presenter, attribution and legend (escaped HTML),
//   foldBelow, foldBelowHeight (px), tileNotice, tileErrors, bounds ([[s, w], [n, e]] or null).
(function(map, D) {
    "use strict";
    var box = map.getContainer();

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

    // Fit the county to the frame; streamlit-folium sizes its iframe late, so re-fit on every
    // resize until the reader has moved the map.
    var fitBounds = function() {
        var moved = false, fitting = false;
        ["mousedown", "touchstart", "wheel", "keydown"].forEach(function(ev) {
            box.addEventListener(ev, function() { moved = true; }, {passive: true});
        });
        // Any other move (the app showing a selection, a badge click) also ends the re-fitting.
        map.on("movestart", function() { if (!fitting) { moved = true; } });
        window.cmFit = D.bounds;  // what the view fits (tests measure it)
        var fit = function() {  // a frame not laid out yet has no size to fit into: wait for one
            var size = map.getSize();
            if (size.x > 0 && size.y > 0) {
                fitting = true;
                map.fitBounds(D.bounds, {padding: [6, 6], animate: false});
                fitting = false;
            }
        };
        fit();
        if (window.ResizeObserver) {
            new ResizeObserver(function() {
                map.invalidateSize({pan: false});
                if (!moved) { fit(); }
            }).observe(box);
        }
    };

    if (D.background) { box.style.background = D.background; }
    if (D.presenter) { box.classList.add("cm-presenter"); }
    map.attributionControl.setPrefix('<a href="https://leafletjs.com" target="_blank" rel="noopener">Leaflet</a>');
    map.attributionControl.addAttribution(D.attribution);
    L.control.scale({imperial: false, metric: true}).addTo(map);
    addLegend();
    if (D.undrawn) { addUndrawnLink(); }
    watchTiles();
    if (D.bounds) { fitBounds(); }
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
    if (D.title) {
        var title = L.DomUtil.create("div", "cm-title", box);
        title.textContent = D.title;
    }
})
