# Update: Empty graph/disagreements before it is found again whole, marked stale until it is.
INSERT DATA { GRAPH graph:state { graph:disagreements akg:stale true } } ;
DROP SILENT GRAPH graph:disagreements
