// The projects on the map: township badges at county zoom, the items themselves when zoomed in
// (see countymap/map/atlas.py). A function expression: the page calls it with the map and plain,
// escaped JSON data, so no value is ever pasted into this code.
//   map   the Leaflet map
//   A     {areas, labels, palette, presenter, dotNames} (AtlasData; plain text is set as text, never as HTML)
//   CATS  per category {features, shared, each}: compact features and their onEachFeature function
//         (empty when A.pagesUrl names a file that holds them, one array per category, in order)
//   expand  restores what the compact features leave out (expand.js)
//   C     constants: reveal zoom, font sizes, badge and marker sizes, hit tolerance
(function(map, A, CATS, expand, C) {
    "use strict";
    var REVEAL = C.reveal, FONT = A.presenter ? C.presenterFont : C.font;
    var renderer = L.canvas({tolerance: C.tolerance});
    var group = L.featureGroup().addTo(map), points = L.featureGroup(), lines = L.featureGroup().addTo(group);
    var badges = L.featureGroup();
    var isPoint = function(f) { return f.geometry.type.indexOf("Point") >= 0; };
    var isLine = function(f) { return !isPoint(f); };
    var addLines = function() {
        CATS.forEach(function(cat) {
            cat.features = expand(cat.features, cat.shared);
            L.geoJson(cat.features, {filter: isLine, onEachFeature: cat.each, renderer: renderer, style: function(f) {
                var guessed = f.properties.p === "inferred";  // ends guessed from the name: dotted and lighter
                var placed = f.properties.p === "site";  // traced by a county editor: solid and heavier
                return {color: A.palette[f.properties.s] || "#777777", weight: guessed ? 3 : (placed ? 5 : 4),
                    opacity: guessed ? 0.75 : 0.9, dashArray: guessed ? "1 7" : (placed ? null : "8 6"), lineCap: "round"};
            }}).addTo(lines);
        });
    };
    if (!A.pagesUrl) { addLines(); }
    // The county view shows badges only: the item markers are made the first time they are shown,
    // so that a large set opens as fast as a small one.
    var pointsMade = false, dots = [], loaded = !A.pagesUrl;
    var makePoints = function() {
        if (pointsMade || !loaded) { return; }
        pointsMade = true;
        var parts = {};  // item id -> points made so far (a MultiPoint's points come in order)
        CATS.forEach(function(cat) {
            L.geoJson(cat.features, {filter: isPoint, onEachFeature: cat.each, pointToLayer: function(f, latlng) {
                var colour = A.palette[f.properties.s] || "#777777";
                // A township guessed from the name: a hollow ring with a dashed edge, never a solid dot.
                var marker = f.properties.p === "inferred"
                    ? L.circleMarker(latlng, {renderer: renderer, radius: C.markerPx - 1, fillColor: "#ffffff",
                        fillOpacity: 0.85, color: colour, weight: 3, dashArray: "3 3"})
                    : (f.properties.p === "site"  // placed by a county editor: larger, with a heavy dark ring
                        ? L.circleMarker(latlng, {renderer: renderer, radius: C.markerPx + 2,
                            fillColor: colour, fillOpacity: 1, color: "#111111", weight: 3})
                        : L.circleMarker(latlng, {renderer: renderer, radius: C.markerPx,
                            fillColor: colour, fillOpacity: 1, color: "#ffffff", weight: 1.5}));
                marker._cmFixed = f.properties.p === "site";  // a recorded site is never moved aside
                marker.feature = f;  // a click on one point of a MultiPoint reports the item
                parts[f.id] = (parts[f.id] === undefined ? 0 : parts[f.id] + 1);
                marker._cmPart = parts[f.id];  // which point of the item this is (item_popup.js: "also in")
                marker._cmHome = latlng;  // where the data puts it; spreadDots may draw it a little aside
                dots.push(marker);
                return marker;
            }}).addTo(points);
        });
        dots.sort(function(a, b) { return (b._cmFixed ? 1 : 0) - (a._cmFixed ? 1 : 0); });
    };
    var metresPerPixel = function(lat, zoom) {
        return 40075016.686 * Math.cos(lat * Math.PI / 180) / Math.pow(2, (zoom === undefined ? map.getZoom() : zoom) + 8);
    };
    // A badge's number: at least C.digitPx (C.presenterDigitPx from 3 m), dark on the white centre,
    // never on the ring. The centre must hold the digits' ink box, measured in this browser's font.
    var DIGIT_PX = A.presenter ? C.presenterDigitPx : C.digitPx, RING = C.ringPx;
    var DIGIT_FONT = "700 " + DIGIT_PX + "px " + C.digitFont, measureCtx = document.createElement("canvas").getContext("2d");
    var inkOf = {};
    var ink = function(text) {  // the ink's reach either side of the centre, its ascent and descent, in px
        if (!inkOf[text]) {
            measureCtx.font = DIGIT_FONT;
            measureCtx.textAlign = "center";  // as the badge's text-anchor="middle"
            var m = measureCtx.measureText(text);
            inkOf[text] = {w: Math.max(m.actualBoundingBoxLeft, m.actualBoundingBoxRight),
                up: m.actualBoundingBoxAscent, down: m.actualBoundingBoxDescent};
        }
        return inkOf[text];
    };
    // The smallest radius whose white centre (inside the ring and the 1-px outline) holds the number's ink
    // with half a pixel to spare, in half pixels (as badges are drawn).
    var numberRadius = function(text) {
        var k = ink(text), half = (k.up + k.down) / 2;
        return Math.ceil(2 * (Math.sqrt(k.w * k.w + half * half) + 0.5 + RING + 1)) / 2;
    };
    var badgeText = function(a) { return a.num; };  // the count, or the amount it is sized by (keys.py)
    // The radius the badge's value asks for (a.want, atlas.py badge_radius), smaller where its area has no room
    // (so that two badges never overlap), never smaller than its number needs; at the map's zoom or at ``zoom``.
    var badgeRadius = function(a, zoom) {
        var room = a.r_m / metresPerPixel(a.lat, zoom) - 1.5;
        return Math.max(numberRadius(badgeText(a)), Math.min(a.want, room));
    };
    var drawnRadius = function(a, zoom) { return Math.round(badgeRadius(a, zoom) * 2) / 2; };  // in half pixels
    var donut = function(a, r) {
        var ringR = r - 1 - RING / 2, c = 2 * Math.PI * ringR, offset = 0, rings = "", text = badgeText(a), k = ink(text);
        Object.keys(A.palette).forEach(function(code) {
            var n = a.st[code] || 0;
            if (!n) { return; }
            var len = c * n / a.total;
            rings += '<circle r="' + ringR + '" cx="' + r + '" cy="' + r + '" fill="none" stroke="'
                + A.palette[code] + '" stroke-width="' + RING + '" stroke-dasharray="' + len + ' ' + (c - len)
                + '" stroke-dashoffset="' + (-offset) + '" transform="rotate(-90 ' + r + ' ' + r + ')"/>';
            offset += len;
        });
        // the ink centred on the badge's centre: the baseline sits half the ink's height below it
        var baseline = r + (k.up - k.down) / 2;
        return '<svg aria-hidden="true" width="' + 2 * r + '" height="' + 2 * r + '"><circle class="cm-badge-centre" r="'
            + (r - 0.5) + '" cx="' + r + '" cy="' + r + '" fill="#ffffff" stroke="#333333" stroke-width="1"/>' + rings
            + '<text x="' + r + '" y="' + baseline + '" text-anchor="middle" style="font: ' + DIGIT_FONT
            + '" fill="#222222"></text></svg>';
    };
    var badgeIcon = function(a, r) {  // the number is set as text, never parsed as HTML
        var holder = document.createElement("div");
        holder.innerHTML = donut(a, r);
        holder.querySelector("text").textContent = badgeText(a);
        return holder.firstChild;
    };
    var badgeOf = {};
    A.areas.forEach(function(a) {
        if (!a.total) { return; }
        // Reachable by Tab, named for a screen reader; Enter opens it like a click (Leaflet's keyboard option).
        var marker = L.marker([a.lat, a.lon], {keyboard: true, riseOnHover: true, alt: a.name});
        marker.feature = {type: "Feature", properties: {area: a.i, townships: a.townships},
            geometry: {type: "Point", coordinates: [a.lon, a.lat]}};
        marker.bindTooltip(a.tip, {direction: "top"});
        marker.on("click", function() { map.fitBounds(a.bounds, {padding: [24, 24]}); });
        marker.on("keypress", function(e) {  // Enter on a focused badge does what a click does
            if (e.originalEvent.key === "Enter") { marker.fire("click", {latlng: marker.getLatLng()}, true); }
        });
        badgeOf[a.i] = marker;
        marker.addTo(badges);
    });
    // A tap target of at least C.hitPx: the badge's icon is that large and transparent around the badge.
    // Where two targets overlap, the badge whose centre is nearest wins (pickBadge): no badge takes a
    // neighbour's click.
    var sizeBadges = function() {
        A.areas.forEach(function(a) {
            var marker = badgeOf[a.i];
            if (!marker) { return; }
            var r = drawnRadius(a), hit = Math.max(2 * r, C.hitPx);
            marker._cmRadius = r;
            marker.setIcon(L.divIcon({className: "cm-badge", html: badgeIcon(a, r), iconSize: [hit, hit],
                iconAnchor: [hit / 2, hit / 2]}));
            var icon = marker.getElement();
            if (icon) { icon.setAttribute("aria-label", a.name); icon.setAttribute("role", "button"); }
        });
    };
    var nearestBadge = function(point) {
        var best = null, bestD = Infinity;
        Object.keys(badgeOf).forEach(function(i) {
            var m = badgeOf[i];
            if (!m._icon) { return; }
            var d = map.latLngToContainerPoint(m.getLatLng()).distanceTo(point);
            if (d < bestD) { best = m; bestD = d; }
        });
        return best;
    };
    // A click inside a badge's hit area goes to the badge whose centre is nearest to it: caught on its
    // way down (before Leaflet sees it) and, when it landed on a neighbour's hit area, handed on.
    var pickBadge = function(e) {
        var icon = e.target && e.target.closest ? e.target.closest(".cm-badge") : null;
        if (!icon || !map.hasLayer(badges)) { return; }
        var point = map.mouseEventToContainerPoint(e), nearest = nearestBadge(point);
        if (!nearest || nearest._icon === icon) { return; }
        e.stopPropagation();
        e.preventDefault();
        nearest.fire("click", {latlng: nearest.getLatLng(), originalEvent: e, containerPoint: point}, true);
    };
    map.getContainer().addEventListener("click", pickBadge, true);
    // --- labels: greedy placement, highest priority first, dropped where they would collide ---
    map.createPane("cmLabels");
    map.getPane("cmLabels").style.zIndex = 640;
    map.getPane("cmLabels").style.pointerEvents = "none";
    var fontOf = function(kind) {
        return (kind === "river" ? "italic " : "") + (kind === "neighbour" ? "" : "600 ") + FONT + "px "
            + "'Noto Sans CJK SC', 'Noto Sans SC', 'Microsoft YaHei', sans-serif";
    };
    var labels = [];
    var addLabel = function(item) {
        var el = L.DomUtil.create("div", "cm-label cm-label-" + item.kind, map.getPane("cmLabels"));
        el.textContent = item.text;
        el.style.font = fontOf(item.kind);
        el.style.lineHeight = Math.ceil(FONT * 1.4) + "px";
        item.el = el;
        labels.push(item);
    };
    var measureLabels = function() {  // the rendered box: what the placement keeps apart
        labels.forEach(function(item) {
            // measured on every placement: a web font that arrives late changes the widths
            item.el.style.display = "block";
            item.w = Math.ceil(item.el.offsetWidth) + 1;
            item.h = Math.ceil(item.el.offsetHeight) + 1;
        });
    };
    A.areas.forEach(function(a) { if (a.label) { addLabel({text: a.label, lat: a.lat, lon: a.lon, kind: "township",
        priority: 1000 + a.total, area: a.i}); } });
    A.labels.forEach(addLabel);
    labels.sort(function(x, y) { return y.priority - x.priority; });
    var overlaps = function(b, boxes) {
        return boxes.some(function(o) { return b.x < o.x + o.w && o.x < b.x + b.w && b.y < o.y + o.h && o.y < b.y + b.h; });
    };
    // Labels and dots keep clear of the map's controls (legend, buttons, attribution, scale).
    var controlBoxes = function() {
        var origin = map.getContainer().getBoundingClientRect(), out = [];
        map.getContainer().querySelectorAll(".leaflet-control").forEach(function(el) {
            var b = el.getBoundingClientRect();
            if (b.width && b.height) { out.push({x: b.left - origin.left, y: b.top - origin.top, w: b.width, h: b.height}); }
        });
        return out;
    };
    var placeLabels = function() {
        measureLabels();
        var size = map.getSize(), revealed = map.getZoom() >= REVEAL, taken = controlBoxes();
        if (!revealed) {
            Object.keys(badgeOf).forEach(function(i) {
                var m = badgeOf[i], p = map.latLngToContainerPoint(m.getLatLng()), r = m._cmRadius || 0;
                taken.push({x: p.x - r, y: p.y - r, w: 2 * r, h: 2 * r});
            });
        }
        labels.forEach(function(item) {
            var p = map.latLngToContainerPoint([item.lat, item.lon]), w = item.w, h = item.h, gap = 3;
            var r = (item.kind === "township" && !revealed && badgeOf[item.area]) ? badgeOf[item.area]._cmRadius : 0;
            var tries = r ? [[r + gap, -h / 2], [-r - gap - w, -h / 2], [-w / 2, -r - gap - h], [-w / 2, r + gap],
                [r * 0.7, -r * 0.7 - h], [r * 0.7, r * 0.7], [-r * 0.7 - w, -r * 0.7 - h], [-r * 0.7 - w, r * 0.7]]
                : [[-w / 2, -h / 2], [-w / 2, -h - 4], [-w / 2, 4], [6, -h / 2], [-w - 6, -h / 2]];
            item.el.style.display = "none";
            for (var k = 0; k < tries.length; k++) {
                var box = {x: p.x + tries[k][0], y: p.y + tries[k][1], w: w, h: h};
                var inside = box.x >= 2 && box.y >= 2 && box.x + w <= size.x - 2 && box.y + h <= size.y - 2;
                if (inside && !overlaps(box, taken)) {
                    taken.push(box);
                    var at = map.containerPointToLayerPoint([box.x, box.y]);
                    L.DomUtil.setPosition(item.el, at);
                    item.el.style.display = "block";
                    break;
                }
            }
        });
        return taken;
    };
    // Zoomed in, items never pile up: each dot keeps its place if that is free, else takes the first
    // free place on a sunflower spiral around it; a place is free when it overlaps no other dot and
    // no placed label. Only dots in (or near) the frame are arranged, so a large set stays fast.
    var spreadDots = function(taken) {
        if (map.getZoom() < REVEAL || !dots.length) { return 0; }
        var step = 2 * (C.markerPx + 1) + 2, size = map.getSize(), margin = 6 * step, grid = {}, moved = 0;
        var cellOf = function(x, y) { return Math.floor(x / step) + "," + Math.floor(y / step); };
        var free = function(x, y) {
            var cx = Math.floor(x / step), cy = Math.floor(y / step);
            for (var i = -1; i <= 1; i++) {
                for (var j = -1; j <= 1; j++) {
                    var near = grid[(cx + i) + "," + (cy + j)] || [];
                    for (var k = 0; k < near.length; k++) {
                        if (Math.abs(near[k][0] - x) < step && Math.abs(near[k][1] - y) < step) { return false; }
                    }
                }
            }
            var half = step / 2;
            return !overlaps({x: x - half, y: y - half, w: step, h: step}, taken);
        };
        dots.forEach(function(dot) {
            var home = map.latLngToContainerPoint(dot._cmHome), x = home.x, y = home.y;
            if (dot._cmFixed) {  // placed first (see makePoints): the others make room around it
                (grid[cellOf(x, y)] = grid[cellOf(x, y)] || []).push([x, y]);
                return;
            }
            if (x < -margin || y < -margin || x > size.x + margin || y > size.y + margin) {
                if (dot.getLatLng() !== dot._cmHome) { dot.setLatLng(dot._cmHome); }
                return;
            }
            for (var n = 1; !free(x, y) && n < 5000; n++) {  // golden angle: even spacing at any count
                var radius = 0.62 * step * Math.sqrt(n), angle = n * 2.399963;
                x = home.x + radius * Math.cos(angle);
                y = home.y + radius * Math.sin(angle);
            }
            var cell = cellOf(x, y);
            (grid[cell] = grid[cell] || []).push([x, y]);
            var at = (x === home.x && y === home.y) ? dot._cmHome : map.containerPointToLatLng([x, y]);
            if (at !== dot._cmHome) { moved += 1; }
            dot.setLatLng(at);
        });
        return moved;
    };
    // --- keyboard: dots are drawn on a canvas, which Tab cannot reach. Each dot in the frame gets an
    // invisible button over it, in reading order, named "<item>，<status>"; Enter (or Space) opens it as a
    // click does. Rebuilt after every move; the focused dot keeps the focus if it is still in the frame.
    map.createPane("cmKeys");
    var keyPane = map.getPane("cmKeys");
    keyPane.style.zIndex = 650;
    keyPane.style.pointerEvents = "none";  // the mouse still reaches the dots beneath
    var plain = function(html) {  // an item's name arrives escaped for HTML; an aria-label takes plain text
        var box = document.createElement("textarea");
        box.innerHTML = html;
        return box.value;
    };
    var dotName = function(dot) {
        var p = dot.feature.properties, status = A.dotNames.status[p.s] || p.s;
        return A.dotNames.template.replace("{name}", function() { return plain(p.n); })
            .replace("{status}", function() { return status; });
    };
    var keyDots = function() {
        var focused = document.activeElement && document.activeElement._cmDot, size = map.getSize(), shown = [];
        keyPane.textContent = "";
        if (map.getZoom() < REVEAL) { return; }
        dots.forEach(function(dot) {
            var p = map.latLngToContainerPoint(dot.getLatLng());
            if (map.hasLayer(dot) && p.x >= 0 && p.y >= 0 && p.x <= size.x && p.y <= size.y) { shown.push({dot: dot, p: p}); }
        });
        var row = C.markerPx * 4;  // reading order: rows of about two dots' height, then left to right
        shown.sort(function(a, b) { return Math.floor(a.p.y / row) - Math.floor(b.p.y / row) || a.p.x - b.p.x; });
        shown.slice(0, C.keyMax).forEach(function(s) {
            var button = L.DomUtil.create("button", "cm-dot-key", keyPane);
            button.type = "button";
            button.setAttribute("aria-label", dotName(s.dot));
            button._cmDot = s.dot;
            L.DomUtil.setPosition(button, map.containerPointToLayerPoint(s.p));
            L.DomEvent.on(button, "click", function(e) {
                L.DomEvent.stop(e);
                s.dot.fire("click", {latlng: s.dot.getLatLng()}, true);
            });
            // Focused from the keyboard, a dot names itself as on hover (details.js keeps the tooltip in the
            // frame). The hover's own events: a point of a MultiPoint has its tooltip on the item's group.
            L.DomEvent.on(button, "focus", function() { s.dot.fire("mouseover", {latlng: s.dot.getLatLng()}, true); });
            L.DomEvent.on(button, "blur", function() { s.dot.fire("mouseout", {latlng: s.dot.getLatLng()}, true); });
            if (s.dot === focused) { button.focus({preventScroll: true}); }
        });
    };
    var arrange = function() { spreadDots(placeLabels()); keyDots(); };
    var update = function() {
        var revealed = map.getZoom() >= REVEAL;
        if (revealed) { makePoints(); group.removeLayer(badges); group.addLayer(points); }
        else { sizeBadges(); group.removeLayer(points); group.addLayer(badges); }
        arrange();
    };
    map.on("zoomend", update);
    map.on("moveend resize cmcontrols", arrange);
    map.whenReady(update);
    window.cmAtlas = {group: group, points: points, lines: lines, badges: badges, labels: labels, loaded: loaded,
        reveal: REVEAL, update: update, areas: A.areas, badgeRadius: badgeRadius, drawnRadius: drawnRadius,
        hitPx: C.hitPx, makePoints: makePoints, dots: dots, step: 2 * (C.markerPx + 1) + 2};
    // The items' data served beside the page (the app's large tables): badges and labels are drawn
    // at once from A.areas; lines and points follow as soon as the file is read.
    if (A.pagesUrl) {
        fetch(A.pagesUrl).then(function(response) {
            if (!response.ok) { throw new Error("items' data: HTTP " + response.status); }
            return response.json();
        }).then(function(pages) {
            CATS.forEach(function(cat, i) { cat.features = pages[i] || []; });
            addLines();
            loaded = window.cmAtlas.loaded = true;
            map.whenReady(update);
        }).catch(function(err) { console.error("the map's items could not be loaded", err); });
    }
})
