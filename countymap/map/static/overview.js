// Several counties at once: a click on a county's badge (or Enter on it), or zooming into the county,
// opens it. Called with the map and the constants: once the view is zoomed in so far that the county at
// its centre (the badge nearest the centre among the counties whose box holds it) about fills the frame,
// or to C.openZoom at most, that county's badge is clicked. The map's maxZoom stays below the zoom at
// which the atlas would swap badges for (here absent) items, so zooming never empties the map.
// The page stands alone in a srcdoc frame of the app's page (same origin): opening a county clicks the
// county's button beside the map (its container carries C.buttonClass + the county's code), so the same
// session reruns on that county; where the button is not there (yet), the page's own link is followed
// with C.param set to the county. The link is followed from an anchor of the app's page: the frame's
// sandbox forbids it to navigate the page itself.
(function(map, C) {
    "use strict";
    var opened = false;
    var atlas = window.cmAtlas;
    var areaOf = {};
    window.map = map;  // as streamlit-folium's frames name it: the tests and the bench read the map there
    atlas.areas.forEach(function(a) { areaOf[a.i] = a; });
    var host = function() {
        try { return window.parent !== window ? window.parent.document : null; } catch (err) { return null; }
    };
    var openCounty = function(code) {
        var page = host();
        if (!page || !/^[0-9]{6}$/.test(code)) { return; }
        var button = page.querySelector("." + C.buttonClass + code + " button");
        if (button) { button.click(); return; }
        var url = new URL(page.location.href), link = page.createElement("a");
        url.searchParams.set(C.param, code);
        link.href = url.href;
        page.body.appendChild(link);
        link.click();
    };
    atlas.badges.on("click", function(e) {
        opened = true;
        openCounty(e.layer.feature.properties.townships[0]);  // a county's badge names its county's code
    });
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
            window.cmOpened = marker.feature.properties.townships[0];  // which county the zoom opened
            marker.fire("click", {latlng: marker.getLatLng()}, true);
        }
    });
})
