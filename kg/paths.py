"""Where the project's own files live: the ontology, queries and gazetteers ship with the code."""
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ONTOLOGY_DIR = ROOT / "ontology"
SHAPES_DIR = ONTOLOGY_DIR / "shapes"
QUERIES_DIR = ROOT / "queries"
DATA_DIR = Path(__file__).resolve().parent / "data"
DIST_DIR = ROOT / "dist"
