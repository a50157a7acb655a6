"""Package data, not code: pyproject.toml installs this directory as `kg.data.ontology` and the
code reads it with importlib.resources (kg/resources.py)."""
