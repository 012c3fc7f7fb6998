// The context layers' style and tooltip functions (see countymap/map/context.py).
// Called with the layer's base style; returns {style, each} for L.geoJson's options.
(function(base) {
    "use strict";
    return {
        style: function(feature) {
            var fill = feature.properties.fill;
            return Object.assign({}, base, fill ? {fillColor: fill, fillOpacity: 0.55} : {});
        },
        each: function(feature, layer) {
            var p = feature.properties;
            if (p.tip) { layer.bindTooltip(p.tip, {sticky: true}); }
        }
    };
})
