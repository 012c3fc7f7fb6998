// Tooltips and popups never cover what they are about (see countymap/map/decor.py). Called after decor.js
// with the Leaflet map and the same D (names: card, close).
// * A tooltip stays inside the frame: its own direction if its box fits there, else the first of the
//   others that fits (a badge at the top edge names itself below, a dot at the right edge to its left),
//   else the one that runs out least, shifted in; a name wider than the frame wraps (decor.css).
// * When the app selects what was clicked (window.cmFocus, decor.js, fits the selection), the open popup
//   becomes a card docked in the frame's top left corner: one of the controls the fit keeps the
//   selection clear of. Its tooltips close. A new popup or the card's close button removes the card.
//   A frame narrower than D.sheetBelow has no room beside a card: the card is a sheet across the frame's
//   foot instead (under the bottom right's legend and attribution, which ride on it), and the fit keeps
//   the selection above it. The legend folds then: one sheet at the foot, not two.
(function(map, D) {
    "use strict";
    var frame = map.getContainer();

    // How far (px, summed over the four sides) an element runs out of the frame.
    var outside = function(el) {
        var b = el.getBoundingClientRect(), f = frame.getBoundingClientRect();
        return Math.max(0, f.left - b.left) + Math.max(0, b.right - f.right)
            + Math.max(0, f.top - b.top) + Math.max(0, b.bottom - f.bottom);
    };
    // Shift an element by what it runs out of the frame (a tooltip's arrow then points a little aside).
    var nudgeIn = function(el) {
        var b = el.getBoundingClientRect(), f = frame.getBoundingClientRect();
        var dx = Math.max(0, f.left - b.left) - Math.max(0, b.right - f.right);
        var dy = Math.max(0, f.top - b.top) - Math.max(0, b.bottom - f.bottom);
        if (dx || dy) { L.DomUtil.setPosition(el, L.DomUtil.getPosition(el).add([dx, dy])); }
    };
    var DIRECTIONS = ["top", "bottom", "right", "left"];
    // Leaflet places a tooltip in _setPosition (on opening, and as a sticky one follows the pointer):
    // this tooltip's placement tries the directions in turn.
    var keepInFrame = function(tip) {
        if (tip._cmInFrame) { return; }
        tip._cmInFrame = true;
        var own = tip.options.direction, place = tip._setPosition;
        var tries = [own].concat(DIRECTIONS.filter(function(d) { return d !== own; }));
        tip._setPosition = function(pos) {
            var best = null;
            for (var k = 0; k < tries.length; k++) {
                this.options.direction = tries[k];
                place.call(this, pos);
                var out = outside(this._container);
                if (!best || out < best.out) { best = {out: out, direction: tries[k]}; }
                if (!out) { break; }
            }
            if (best.direction !== tries[k]) {
                this.options.direction = best.direction;
                place.call(this, pos);
            }
            this.options.direction = own;
            if (best.out) { nudgeIn(this._container); }  // a dot in a corner: no direction fits, so shift it in
        };
        tip.update();
    };
    map.on("tooltipopen", function(e) { keepInFrame(e.tooltip); });

    var card = null;
    var undock = function() {
        if (card) { card.remove(); card = null; }
    };
    var closeTooltips = function() {
        map.eachLayer(function(layer) {
            if (layer instanceof L.Tooltip && !layer.options.permanent && layer._source) { layer._source.closeTooltip(); }
        });
    };
    var foldLegend = function() {
        var legend = frame.querySelector(".cm-legend details");
        if (legend) { legend.open = false; }
    };
    var dock = function() {
        var popup = map._popup;  // the open popup (Leaflet keeps one per map)
        if (!popup || !map.hasLayer(popup) || !popup._contentNode || !popup._contentNode.firstChild) { return; }
        var content = popup._contentNode.firstChild;
        map.closePopup(popup);
        closeTooltips();
        undock();
        var sheet = frame.clientWidth < D.sheetBelow;
        card = L.control({position: sheet ? "bottomright" : "topleft"});
        card.onAdd = function() {
            var div = L.DomUtil.create("div", sheet ? "cm-card cm-sheet" : "cm-card");
            div.setAttribute("role", "region");
            div.setAttribute("aria-label", D.names.card);
            var close = L.DomUtil.create("button", "cm-card-close", div);
            close.type = "button";
            close.textContent = "×";
            close.setAttribute("aria-label", D.names.close);
            close.setAttribute("title", D.names.close);
            div.appendChild(content);
            L.DomEvent.on(close, "click", function(e) { L.DomEvent.stop(e); undock(); });
            L.DomEvent.disableClickPropagation(div);
            L.DomEvent.disableScrollPropagation(div);
            return div;
        };
        card.addTo(map);
        // Leaflet puts a bottom corner's newest control on top: the sheet is moved to the foot.
        if (sheet) { foldLegend(); card.getContainer().parentNode.appendChild(card.getContainer()); }
    };
    map.on("popupopen", undock);
    // Leaflet names its popup's close button in English ("Close popup"): the reader's language instead.
    map.on("popupopen", function(e) {
        var button = e.popup._closeButton;
        if (button) {
            button.setAttribute("aria-label", D.names.close);
            button.setAttribute("title", D.names.close);
        }
    });
    // The item a popup is about (a point of a MultiPoint is its own layer, carrying the item's feature).
    var popupItem = function() {
        var popup = map._popup, source = popup && map.hasLayer(popup) && popup._source;
        return source && source.feature ? String(source.feature.properties.id) : null;
    };
    if (window.cmFocus) {
        var focus = window.cmFocus;
        window.cmFocus = function(layers, item) {
            if (item && popupItem() === String(item)) {
                dock();
                if (card) { card._cmItem = String(item); }
            } else if (card && card._cmItem !== String(item || "")) {
                undock();  // another item (a list's row), a township or a search is selected now
            }
            focus(layers);
        };
    }
})
