// Restores what compact features leave out (see countymap/map/compact_geojson.py): properties.id,
// "type": "Feature" and the properties every feature of a layer shares. Runs once per layer.
(function(features, shared) {
    "use strict";
    return features.map(function(f) {
        var p = f.properties || {};
        if (f.id !== undefined) { p.id = f.id; }
        for (var key in shared) { p[key] = shared[key]; }
        return {type: "Feature", id: f.id, geometry: f.geometry, properties: p};
    });
})
