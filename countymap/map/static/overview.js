// Several counties at once: zooming into a county opens it, as a click on its badge does.
// Called with the map and the zooms: once the view is zoomed in so far that the county at its centre
// (the badge nearest the centre among the counties whose box holds it) about fills the frame, or to
// C.openZoom at most, that county's badge is clicked: the app opens the county, its townships, then
// its items (the aggregate-then-reveal rule of one county). The map's maxZoom stays below the zoom at
// which the atlas would swap badges for (here absent) items, so zooming never empties the map.
(function(map, C) {
    "use strict";
    var opened = false;
    var atlas = window.cmAtlas;
    var areaOf = {};
    atlas.areas.forEach(function(a) { areaOf[a.i] = a; });
    atlas.badges.on("click", function() { opened = true; });  // a click (or Enter) opens it already
    var countyAtCentre = function() {
        var centre = map.getCenter(), point = map.latLngToContainerPoint(centre), best = null, bestD = Infinity;
        atlas.badges.eachLayer(function(marker) {
            var a = areaOf[marker.feature.properties.area];
            if (!L.latLngBounds(a.bounds).contains(centre)) { return; }
            var d = map.latLngToContainerPoint(marker.getLatLng()).distanceTo(point);
            if (d < bestD) { best = marker; bestD = d; }
        });
        return best;
    };
    var openZoom = function(marker) {  // the county about fills the frame (small districts: C.openZoom)
        var a = areaOf[marker.feature.properties.area];
        return Math.min(map.getBoundsZoom(L.latLngBounds(a.bounds)) - C.margin, C.openZoom);
    };
    map.on("zoomend", function() {
        if (opened) { return; }
        var marker = countyAtCentre();
        if (marker && map.getZoom() >= openZoom(marker)) {
            opened = true;
            window.cmOpened = marker.feature.properties.townships[0];  // which county the zoom opened
            marker.fire("click", {latlng: marker.getLatLng()}, true);
        }
    });
})
