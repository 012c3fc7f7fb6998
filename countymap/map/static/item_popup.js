// A category's onEachFeature function: tooltip and popup of an item (see countymap/map/items.py).
// Called with T, every label the popup needs (escaped in Python), and the category's label (escaped);
// p.s, p.p and p.nt are codes, p.n, p.t, p.i, p.q, p.y, p.su and each of p.pa escaped text.
(function(T, category) {
    "use strict";
    var own = function(table, key) { return Object.prototype.hasOwnProperty.call(table, key) ? table[key] : ""; };
    return function(feature, layer) {
        var p = feature.properties;
        var status = own(T.st, p.s) || p.s;
        var level = p.p === "township" ? T.level : (p.p === "inferred" ? T.guess : "");
        var tip = p.n + " · " + status + level;
        // An item drawn in several townships (p.pa: each point's townships) says, at each point, where
        // else it is drawn; the point is the marker the reader is on (atlas.js marks its _cmPart).
        var also = function(source) {
            if (!p.pa || !source || source._cmPart === undefined) { return ""; }
            var others = p.pa.filter(function(name, k) { return k !== source._cmPart; });
            return others.length ? T.also[0] + others.join(T.sep) + T.also[1] : "";
        };
        layer.bindTooltip(p.pa ? function(source) {
            var where = also(source);
            return where ? tip + "<br>" + where : tip;
        } : tip, {sticky: true});
        layer.bindPopup(function(source) {
            var rows = [[T.category, category], [T.status, status], [T.townships, p.t],
                [T.investment, p.i || T.undisclosed], [T.quantity, p.q], [T.years, p.y], [T.precision, own(T.pl, p.p)]];
            var note = own(T.nt, p.nt || p.p);
            var h = '<div class="cm-popup"><div class="cm-popup-title">' + p.n + '</div><table>';
            rows.forEach(function(r) { if (r[1]) { h += '<tr><th>' + r[0] + '</th><td>' + r[1] + '</td></tr>'; } });
            var where = also(source);
            h += '</table>' + (where ? '<p class="cm-also">' + where + '</p>' : '') + (p.su ? '<p>' + p.su + '</p>' : '')
                + (note ? '<p class="cm-note">' + note + '</p>' : '');
            var box = document.createElement('div');
            box.innerHTML = h + '</div>';
            return box;
        }, {maxWidth: 340});
    };
})
