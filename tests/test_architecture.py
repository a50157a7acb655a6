"""The house rules of ARCHITECTURE.md, checked on the source: layers that depend downwards
only, no import cycle, every SPARQL text in queries/, every IRI built in kg/mint.py and
kg/namespaces.py, one vocabulary, and an `import kg` that loads no store."""

import ast
import csv
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
KG = ROOT / "kg"

# lower layers first; a module may import its own layer and the ones before it
LAYERS = [
    {"kg", "kg.namespaces", "kg.mint", "kg.resources", "kg.sparql_text", "kg.collector", "kg.data"},
    {"kg.stores"},
    {"kg.model"},
    {"kg.questions"},
    {"kg.ingest"},
    {"kg.outputs"},
    {"kg.api", "kg.cli", "kg.demo", "kg.__main__"},
]


def module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for p in KG.rglob("*.py")}


def imports_of(name: str) -> set[str]:
    """Modules of kg/ a module imports, at any depth of its code (lazy imports count)."""
    path = MODULES[name]
    package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        targets = []
        if isinstance(node, ast.ImportFrom):
            base = package.split(".")[: len(package.split(".")) - node.level + 1] if node.level else []
            module = ".".join(base + ([node.module] if node.module else []))
            targets = [f"{module}.{a.name}" if f"{module}.{a.name}" in MODULES else module for a in node.names]
        elif isinstance(node, ast.Import):
            targets = [a.name for a in node.names]
        out |= {t for t in targets if t.split(".")[0] == "kg" and t != name}
    return out


def layer_of(name: str) -> int:
    for i, layer in enumerate(LAYERS):
        if name in layer or any(name.startswith(prefix + ".") for prefix in layer if prefix != "kg"):
            return i
    raise AssertionError(f"{name} belongs to no layer of ARCHITECTURE.md")


def test_dependencies_point_down():
    wrong = [
        f"{m} -> {t}"
        for m in MODULES
        for t in imports_of(m)
        if layer_of(t) > layer_of(m) and not (m == "kg" and t.startswith(("kg.api", "kg.stores")))  # lazy re-exports
    ]
    assert not wrong, wrong


def test_no_import_cycle():
    graph = {m: {t for t in imports_of(m) if t in MODULES} for m in MODULES}
    graph["kg"] = set()  # the package root only re-exports lazily
    index, low, stack, on_stack, cycles = {}, {}, [], set(), []

    def visit(v):  # Tarjan's strongly connected components
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph[v]:
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                cycles.append(sorted(component))

    for m in sorted(graph):
        if m not in index:
            visit(m)
    assert not cycles, cycles


def string_constants():
    """Every string literal of kg/ but docstrings (which may show a query as an example)."""
    for name, path in MODULES.items():
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docs = {
            id(n.body[0].value)
            for n in ast.walk(tree)
            if isinstance(n, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef))
            and n.body
            and isinstance(n.body[0], ast.Expr)
            and isinstance(n.body[0].value, ast.Constant)
        }
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs:
                yield name, node.lineno, node.value


SPARQL = re.compile(
    r"\b(?:SELECT|CONSTRUCT|DESCRIBE)\b[^\n]*(?:\?\w|\bWHERE\b)|\bASK\s*\{|\bINSERT\s+(?:DATA\b|\{)"
    r"|\bDELETE\s+(?:DATA\b|WHERE\b|\{)|\bWHERE\s*\{|\bGRAPH\s+[?<]"
)


def test_every_sparql_text_lives_in_queries():
    found = [f"{m}:{line}" for m, line, s in string_constants() if SPARQL.search(s)]
    assert not found, found


def test_every_iri_is_built_in_mint_or_namespaces():
    schemes = {"http://", "https://"}  # scheme tests on user input are not IRIs
    found = [
        f"{m}:{line} {s[:60]}"
        for m, line, s in string_constants()
        if m not in ("kg.namespaces", "kg.mint") and s not in schemes and re.search(r"^https?://|w3id\.org", s)
    ]
    assert not found, found


def test_every_internal_query_is_used_and_headed():
    from kg.questions import catalogue

    texts = "\n".join(p.read_text(encoding="utf-8") for p in MODULES.values())
    for q in catalogue().values():
        assert q.question, f"{q.name} has no '# Question:' header"
    for path in (ROOT / "queries" / "internal").iterdir():
        if path.suffix in (".rq", ".ru"):
            assert path.read_text(encoding="utf-8").startswith(("# Question:", "# Update:")), path.name
            assert f'"{path.stem}"' in texts or f'"_{path.stem}"' in texts or "infer-{" in texts, (
                f"{path.name} is used nowhere"
            )


# --- one vocabulary -------------------------------------------------------------------------------


def vocabulary():
    from kg.model.vocab import area_codes, codes

    return codes, area_codes


def tsv_column(name: str, column: int) -> set[str]:
    out = set()
    for line in (KG / "data" / "gazetteer" / name).read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            cells = line.split("\t")
            if len(cells) > column and cells[column].strip():
                out.add(cells[column].strip())
    return out


def test_schema_enumerations_are_the_vocabulary():
    codes, _ = vocabulary()
    schema = json.loads((KG / "data" / "extraction.schema.json").read_text(encoding="utf-8"))
    enums = {}

    def walk(node, path):
        if isinstance(node, dict):
            if "enum" in node:
                enums[path] = {v for v in node["enum"] if v is not None}
            for k, v in node.items():
                walk(v, f"{path}/{k}")
        elif isinstance(node, list):
            for v in node:
                walk(v, path)

    walk(schema, "")
    expected = {
        "level": codes("level"),
        "framework": codes("framework"),
        "modality": codes("modality"),
        "role": codes("role"),
        "kind": codes("instrument-kind"),
        "action": codes("action"),
    }
    checked = 0
    for path, values in enums.items():
        key = path.rstrip("/").split("/properties/")[-1].split("/")[0]
        if key in expected:
            assert values == expected[key], (path, values ^ expected[key])
            checked += 1
        elif key == "event":  # extraction never writes 'other' (only the reference data does)
            assert values <= codes("partnership-event"), path
            checked += 1
        elif key == "status" and "/meeting" in path:
            assert values == codes("meeting-status"), path
            checked += 1
        elif key == "status":
            assert values <= codes("partnership-status"), path
            checked += 1
    assert checked >= 8


def test_data_files_use_vocabulary_codes():
    codes, area_codes = vocabulary()
    assert tsv_column("statuses.tsv", 1) <= codes("partnership-status")
    assert tsv_column("instrument_kinds.tsv", 1) <= codes("instrument-kind")
    assert tsv_column("actions.tsv", 1) <= codes("action")
    assert {lv for lv in tsv_column("meeting_types.tsv", 1)} <= codes("level")
    assert tsv_column("area_terms.tsv", 0) <= area_codes()
    assert tsv_column("area_exclude.tsv", 0) <= area_codes()
    with (ROOT / "ontology" / "reference" / "cooperation_areas.csv").open(encoding="utf-8") as f:
        pillars = {p for row in csv.DictReader(f) for p in row["pillars"].split("|") if p.strip()}
    from kg.model.vocab import pillar_codes

    assert {p.strip() for p in pillars} <= pillar_codes()


# --- import kg is cheap ---------------------------------------------------------------------------


def test_import_kg_loads_no_store():
    code = "import sys, kg; print(sorted(m for m in ('pyoxigraph', 'rdflib', 'kg.stores', 'networkx') if m in sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"


@pytest.mark.parametrize("entry", [["-m", "kg"], ["-m", "kg.cli"]])
def test_python_m_is_the_command(entry):
    out = subprocess.run([sys.executable, *entry, "query", "--list"], capture_output=True, text=True)
    assert out.returncode == 0 and "partner-history" in out.stdout, out.stderr
