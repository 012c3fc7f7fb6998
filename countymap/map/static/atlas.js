// The projects on the map: township badges at county zoom, the items themselves when zoomed in
// (see countymap/map/atlas.py). A function expression: the page calls it with the map and plain,
// escaped JSON data, so no value is ever pasted into this code.
//   map   the Leaflet map
//   A     {areas, labels, palette, presenter} (AtlasData)
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
                marker._cmHome = latlng;  // where the data puts it; spreadDots may draw it a little aside
                dots.push(marker);
                return marker;
            }}).addTo(points);
        });
        dots.sort(function(a, b) { return (b._cmFixed ? 1 : 0) - (a._cmFixed ? 1 : 0); });
    };
    var metresPerPixel = function(lat) {
        return 40075016.686 * Math.cos(lat * Math.PI / 180) / Math.pow(2, map.getZoom() + 8);
    };
    var maxSize = Math.max.apply(null, A.areas.map(function(a) { return a.size; }).concat([1e-9]));
    var badgeRadius = function(a) {
        var wanted = C.badgeMin + (C.badgeMax - C.badgeMin) * Math.sqrt(a.size / maxSize);
        var room = a.r_m / metresPerPixel(a.lat) - 1.5;
        return Math.max(C.badgeMin, Math.min(wanted, room));
    };
    var donut = function(a, r) {
        var c = 2 * Math.PI * (r - 2.5), offset = 0, rings = "";
        Object.keys(A.palette).forEach(function(code) {
            var n = a.st[code] || 0;
            if (!n) { return; }
            var len = c * n / a.total;
            rings += '<circle r="' + (r - 2.5) + '" cx="' + r + '" cy="' + r + '" fill="none" stroke="'
                + A.palette[code] + '" stroke-width="5" stroke-dasharray="' + len + ' ' + (c - len)
                + '" stroke-dashoffset="' + (-offset) + '" transform="rotate(-90 ' + r + ' ' + r + ')"/>';
            offset += len;
        });
        var digits = String(a.total).length, size = Math.max(8, Math.min(13, 1.9 * (r - 4) / Math.max(digits, 1.2)));
        return '<svg aria-hidden="true" width="' + 2 * r + '" height="' + 2 * r + '"><circle r="' + (r - 0.5) + '" cx="' + r + '" cy="' + r
            + '" fill="#ffffff" stroke="#333333" stroke-width="1"/>' + rings + '<text x="' + r + '" y="' + r
            + '" text-anchor="middle" dominant-baseline="central" font-size="' + size + '" font-weight="700" fill="#222">'
            + a.total + '</text></svg>';
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
    var sizeBadges = function() {
        A.areas.forEach(function(a) {
            var marker = badgeOf[a.i];
            if (!marker) { return; }
            var r = Math.round(badgeRadius(a) * 2) / 2;
            marker._cmRadius = r;
            marker.setIcon(L.divIcon({className: "cm-badge", html: donut(a, r), iconSize: [2 * r, 2 * r],
                iconAnchor: [r, r]}));
            var icon = marker.getElement();
            if (icon) { icon.setAttribute("aria-label", a.name); icon.setAttribute("role", "button"); }
        });
    };
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
    var arrange = function() { spreadDots(placeLabels()); };
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
        reveal: REVEAL, update: update, areas: A.areas, makePoints: makePoints, dots: dots, step: 2 * (C.markerPx + 1) + 2};
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
