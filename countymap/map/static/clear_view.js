// Keeping the map's content clear of its controls (see countymap/map/decor.py): every view the fit may
// choose, and what each gets wrong. Called with the Leaflet map; decor.js fits with what it returns:
//   clearView(target, covers)  the view to fit ({tl, br, target} paddings, or {center, zoom})
//   coversBadge, coversOutline, coversTarget  what ``covers`` may be (the county, its outlines, a selection)
(function(map) {
    "use strict";
    var box = map.getContainer();

    // The controls (legend, zoom, layers, attribution ...), in the frame's pixels, each with its corner.
    var controlBoxes = function() {
        var origin = box.getBoundingClientRect(), out = [];
        ["top left", "top right", "bottom left", "bottom right"].forEach(function(corner) {
            var el = box.querySelector(".leaflet-" + corner.replace(" ", ".leaflet-"));
            (el ? el.querySelectorAll(".leaflet-control") : []).forEach(function(c) {
                var b = c.getBoundingClientRect();
                if (!b.width || !b.height) { return; }
                out.push({x: b.left - origin.left, y: b.top - origin.top, w: b.width, h: b.height,
                    left: corner.indexOf("left") >= 0, top: corner.indexOf("top") >= 0});
            });
        });
        return out;
    };

    // Every way of keeping the content clear of the controls, as paddings {tl: [left, top], br: [right,
    // bottom]}, each once: each control is left alone (it may cover nothing), or the content kept beside
    // it, or above/below it. Each control is its own choice: a corner's wide, low attribution and its
    // narrow, tall legend ask for different sides, which one box around the whole corner cannot give.
    // ``extra`` (px) widens every gap (room for the badges' circles around a target of badge centres).
    var GAP = 6, MIN_ROOM = 0.2;  // px between content and a control; the least share of the frame left
    var paddings = function(controls, size, extra) {
        var found = {}, out = [], gap = GAP + (extra || 0);
        var visit = function(k, tl, br) {
            if (size.x - tl[0] - br[0] < size.x * MIN_ROOM || size.y - tl[1] - br[1] < size.y * MIN_ROOM) { return; }
            if (k === controls.length) {
                var key = tl.concat(br).join(",");
                if (!found[key]) { found[key] = true; out.push({tl: tl, br: br}); }
                return;
            }
            var c = controls[k], beside = [tl.slice(), br.slice()], over = [tl.slice(), br.slice()];
            if (c.left) { beside[0][0] = Math.max(tl[0], c.x + c.w + gap); }
            else { beside[1][0] = Math.max(br[0], size.x - c.x + gap); }
            if (c.top) { over[0][1] = Math.max(tl[1], c.y + c.h + gap); }
            else { over[1][1] = Math.max(br[1], size.y - c.y + gap); }
            visit(k + 1, tl, br);
            visit(k + 1, beside[0], beside[1]);
            visit(k + 1, over[0], over[1]);
        };
        visit(0, [gap, gap], [gap, gap]);
        return out;
    };

    // How many pairs of township badges touch (closer than BADGE_GAP px) at ``zoom``, as the atlas draws
    // them there: a badge never shrinks below what its number needs, so a view zoomed out too far (to make
    // room for the opened legend on a phone) pushes neighbours into each other. Counted by zoom, once.
    var BADGE_GAP = 1, touchingAt = {};
    var shownAreas = function() {
        return ((window.cmAtlas && window.cmAtlas.areas) || []).filter(function(a) { return a.total; });
    };
    var touchingBadges = function(zoom) {
        if (touchingAt[zoom] !== undefined) { return touchingAt[zoom]; }
        var at = shownAreas().map(function(a) {
            return {p: map.project([a.lat, a.lon], zoom), r: window.cmAtlas.drawnRadius(a, zoom)};
        });
        var n = 0;
        for (var i = 0; i < at.length; i++) {
            for (var j = i + 1; j < at.length; j++) {
                if (at[i].p.distanceTo(at[j].p) < at[i].r + at[j].r + BADGE_GAP) { n += 1; }
            }
        }
        touchingAt[zoom] = n;
        return n;
    };
    // The badges' own extent (their centres): closer than the county's when the county cannot be fitted
    // whole without badges touching or covered; the circles' room is added to the padding (extra).
    var badgeBounds = function() {
        var areas = shownAreas();
        return areas.length ? L.latLngBounds(areas.map(function(a) { return [a.lat, a.lon]; })) : null;
    };


    // What a view gets wrong, worst first, as one score: a badge under a control or not whole in the frame
    // (COVERED each), two badges touching (TOUCHING a pair; an outline cut, coversOutline), a badge's
    // tap target (at least cmAtlas.hitPx across, its icon) reaching under a control (TAP each), so that
    // a tap there lands on the control. Of views that are not clear, the lowest score wins.
    var COVERED = 1e6, TOUCHING = 1e3, TAP = 1;
    var under = function(p, half, controls) {
        return controls.some(function(c) {
            return p.x + half > c.x && p.x - half < c.x + c.w && p.y + half > c.y && p.y - half < c.y + c.h;
        });
    };
    // Half a tap target, with a pixel to spare: Leaflet puts a marker on a whole pixel.
    var tapHalf = function(a, zoom) { return Math.max(window.cmAtlas.drawnRadius(a, zoom), window.cmAtlas.hitPx / 2) + 1; };
    // The score of the view centred on ``center`` at ``zoom``; badges measured as the atlas sizes them there.
    var badgeFaults = function(center, zoom, controls) {
        var size = map.getSize(), half = size.divideBy(2), centre = map.project(center, zoom), score = 0;
        shownAreas().forEach(function(a) {
            var p = map.project([a.lat, a.lon], zoom).subtract(centre).add(half);
            var r = window.cmAtlas.badgeRadius(a, zoom) + 2;
            if (p.x < r || p.y < r || p.x + r > size.x || p.y + r > size.y || under(p, r, controls)) { score += COVERED; }
            else if (under(p, tapHalf(a, zoom), controls)) { score += TAP; }
        });
        return score + TOUCHING * touchingBadges(zoom);
    };
    // The score of a view (padding) of ``target``.
    var coversBadge = function(pad, controls, target) {
        var view = map._getBoundsCenterZoom(target, {paddingTopLeft: pad.tl, paddingBottomRight: pad.br});
        return badgeFaults(view.center, view.zoom, controls);
    };

    // The county slid instead of fitted (its rim may leave the frame): at ``zoom``, the shift of the badges
    // (t, px) nearest to ``want`` that keeps each whole in the frame (t within lo..hi) and clear of every
    // control by ``half`` (its circle's or tap target's), or null. Exact: such a shift lies at ``want`` or
    // on the edges of the shifts ruled out (a bar for each badge and control; only bars within lo..hi count).
    var slideAt = function(zoom, controls, want, half) {
        var size = map.getSize(), lo = L.point(-Infinity, -Infinity), hi = L.point(Infinity, Infinity), bars = [];
        var at = shownAreas().map(function(a) {
            var q = map.project([a.lat, a.lon], zoom), r = window.cmAtlas.badgeRadius(a, zoom) + 2;
            lo = L.point(Math.max(lo.x, r - q.x), Math.max(lo.y, r - q.y));
            hi = L.point(Math.min(hi.x, size.x - r - q.x), Math.min(hi.y, size.y - r - q.y));
            return {q: q, h: half(a, zoom, r)};
        });
        var xs = [want.x, lo.x, hi.x], ys = [want.y, lo.y, hi.y], best = null, bestD = Infinity;
        at.forEach(function(b) {
            controls.forEach(function(c) {
                var bar = [c.x - b.h - b.q.x, c.x + c.w + b.h - b.q.x, c.y - b.h - b.q.y, c.y + c.h + b.h - b.q.y];
                if (bar[1] < lo.x || bar[0] > hi.x || bar[3] < lo.y || bar[2] > hi.y) { return; }
                bars.push(bar);
                xs.push(bar[0], bar[1]);
                ys.push(bar[2], bar[3]);
            });
        });
        xs.forEach(function(x) {
            ys.forEach(function(y) {
                var d = Math.hypot(x - want.x, y - want.y);
                if (d >= bestD || x < lo.x || x > hi.x || y < lo.y || y > hi.y) { return; }
                if (bars.some(function(b) { return x > b[0] && x < b[1] && y > b[2] && y < b[3]; })) { return; }
                best = L.point(x, y);
                bestD = d;
            });
        });
        return best;
    };
    // The closest view (a zoom at most SLIDE_ZOOMS below the plain fit's) in which no badge touches another
    // and each is whole and clear of the controls, its tap target too (else the closest without that); the
    // shift nearest to the county's centre. {center, zoom, covered} or null.
    var SLIDE_ZOOMS = 1;
    var slideView = function(target, controls) {
        var size = map.getSize(), snap = map.options.zoomSnap || 1, top = map.getBoundsZoom(target, false, L.point(2 * GAP, 2 * GAP));
        var tap = function(a, zoom, r) { return Math.max(r, tapHalf(a, zoom)); }, circle = function(a, zoom, r) { return r; };
        var halves = [tap, circle];
        for (var k = 0; k < halves.length; k++) {
            for (var zoom = top; zoom >= top - SLIDE_ZOOMS; zoom -= snap) {
                if (touchingBadges(zoom)) { continue; }
                var mid = map.project(target.getNorthWest(), zoom).add(map.project(target.getSouthEast(), zoom)).divideBy(2);
                var t = slideAt(zoom, controls, size.divideBy(2).subtract(mid), halves[k]);
                if (t) {
                    var center = map.unproject(size.divideBy(2).subtract(t), zoom);
                    return {center: center, zoom: zoom, covered: badgeFaults(center, zoom, controls)};
                }
            }
        }
        return null;
    };

    // Would a view (padding) of ``target`` put any of the target itself under a control (a selected area)? 1 or 0.
    var coversTarget = function(pad, controls, target) {
        var view = map._getBoundsCenterZoom(target, {paddingTopLeft: pad.tl, paddingBottomRight: pad.br});
        var half = map.getSize().divideBy(2), centre = map.project(view.center, view.zoom);
        var nw = map.project(target.getNorthWest(), view.zoom).subtract(centre).add(half);
        var se = map.project(target.getSouthEast(), view.zoom).subtract(centre).add(half);
        return controls.some(function(c) { return se.x > c.x && nw.x < c.x + c.w && se.y > c.y && nw.y < c.y + c.h; }) ? 1 : 0;
    };

    // The outlines' points (every polygon on the map, read once): with D.fitOutlines, none of them may come to lie
    // under a control or outside the frame, so a county is never cut by the frame's edge or a control.
    var outlinePoints = null;
    var outlineLatLngs = function() {
        if (outlinePoints) { return outlinePoints; }
        outlinePoints = [];
        var add = function(rings) {
            rings.forEach(function(r) { if (r instanceof L.LatLng) { outlinePoints.push(r); } else { add(r); } });
        };
        map.eachLayer(function(layer) { if (layer instanceof L.Polygon) { add(layer.getLatLngs()); } });
        return outlinePoints;
    };
    var coversOutline = function(pad, controls, target) {
        var badges = coversBadge(pad, controls, target);
        var view = map._getBoundsCenterZoom(target, {paddingTopLeft: pad.tl, paddingBottomRight: pad.br});
        var size = map.getSize(), half = size.divideBy(2), centre = map.project(view.center, view.zoom);
        var out = outlineLatLngs().some(function(ll) {
            var p = map.project(ll, view.zoom).subtract(centre).add(half);
            if (p.x < 0 || p.y < 0 || p.x > size.x || p.y > size.y) { return true; }
            return controls.some(function(c) { return p.x > c.x && p.x < c.x + c.w && p.y > c.y && p.y < c.y + c.h; });
        });
        return badges + (out ? TOUCHING : 0);
    };

    // Nothing covers what the view is fitted to: of all the paddings, the one that shows it largest with
    // nothing covered (the plain fit when no control covers it). The county is clear when no badge is
    // covered; a selection when no control touches its box. Should none be clear, the one covering least.
    var clearPadding = function(target, covers, extra) {
        var size = map.getSize(), controls = controlBoxes(), best = null;
        var choices = paddings(controls, size, extra).map(function(c) {
            c.zoom = map.getBoundsZoom(target, false, L.point(c.tl[0] + c.br[0], c.tl[1] + c.br[1]));
            c.spent = c.tl[0] + c.tl[1] + c.br[0] + c.br[1];
            return c;
        }).filter(function(c) { return isFinite(c.zoom); });
        choices.sort(function(x, y) { return y.zoom - x.zoom || x.spent - y.spent; });
        for (var k = 0; k < choices.length; k++) {
            choices[k].covered = covers(choices[k], controls, target);
            if (!choices[k].covered) { return choices[k]; }
            if (!best || choices[k].covered < best.covered) { best = choices[k]; }
        }
        return best || {tl: [GAP, GAP], br: [GAP, GAP]};
    };

    // What to fit, and its padding: ``target`` clear of the controls; should the county (covers: coversBadge)
    // not be clear whole, its badges' own extent if that is (the county's rim may then leave the frame), else
    // the county slid clear (slideView) if that gets less wrong. {tl, br, target} or {center, zoom}.
    var clearView = function(target, covers) {
        var clear = clearPadding(target, covers), badges = covers === coversBadge && clear.covered && badgeBounds();
        if (badges) {
            var room = Math.max.apply(null, [0].concat(shownAreas().map(function(a) {
                return window.cmAtlas.drawnRadius(a, map.getZoom());  // about as drawn (coversBadge checks the frame)
            })));
            var near = clearPadding(badges, covers, room);
            if (!near.covered) { return L.extend(near, {target: badges}); }
            var slid = slideView(target, controlBoxes());
            if (slid && slid.covered < Math.min(clear.covered, near.covered)) { return slid; }
        }
        return L.extend(clear, {target: target});
    };

    return {clearView: clearView, coversBadge: coversBadge, coversOutline: coversOutline, coversTarget: coversTarget};
})
