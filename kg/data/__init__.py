"""Package data: extraction schema, cue lists (cues/), gazetteers (gazetteer/), vendored
cytoscape.js (vendor/). The ontology and the questions are mapped in as `ontology` and `queries`."""
