"""The core's layers (survey.LAYERS), read from every import of survey/ and queries/, at the top of a module or
inside a function: none runs up a layer, and no module imports itself round a circle."""
import ast
from pathlib import Path

import pytest

import survey
from tests.conftest import ROOT

PACKAGES = ("survey", "queries")


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {module_name(p): p for package in PACKAGES for p in sorted((ROOT / package).rglob("*.py"))}


def imported(path: Path) -> set[str]:
    """The modules of survey/ and queries/ that the file imports, by their full names."""
    out = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            out |= {f"{node.module}.{alias.name}" if f"{node.module}.{alias.name}" in MODULES else node.module
                    for alias in node.names}
    return {name for name in out if name.split(".")[0] in PACKAGES}


def layer(name: str) -> int:
    """The position in survey.LAYERS of the layer a module belongs to; the package survey itself is below all."""
    if name in ("survey", "survey.__main__"):
        return -1 if name == "survey" else survey.LAYERS.index("survey.cli")
    found = [i for i, prefix in enumerate(survey.LAYERS) if name == prefix or name.startswith(prefix + ".")]
    assert found, f"{name} is in no layer of survey.LAYERS"
    return found[0]


IMPORTS = {name: imported(path) for name, path in MODULES.items()}


@pytest.mark.parametrize("name", sorted(MODULES))
def test_no_import_runs_up_a_layer(name):
    above = sorted(target for target in IMPORTS[name] if layer(target) > layer(name))
    assert not above, f"{name} (layer {survey.LAYERS[layer(name)]}) imports from above: {above}"


def circles() -> list[list[str]]:
    """Every module that imports itself through others, with the way round (depth-first search)."""
    found, done = [], set()

    def visit(name: str, path: list[str]) -> None:
        if name in path:
            found.append(path[path.index(name):] + [name])
            return
        if name in done:
            return
        for target in sorted(IMPORTS.get(name, ())):
            visit(target, path + [name])
        done.add(name)

    for name in sorted(MODULES):
        visit(name, [])
    return found


def test_queries_imports_nothing_of_survey():
    """The SQL modules and their loader are the lowest layer: the core passes them the database and the rules
    of publication (survey.analysis.counts), so the two packages do not import each other."""
    assert survey.LAYERS[0] == "queries"
    assert {name: sorted(IMPORTS[name]) for name in MODULES if name.startswith("queries")
            if any(target.startswith("survey") for target in IMPORTS[name])} == {}


def test_no_module_imports_itself_round_a_circle():
    assert circles() == []


def test_the_circle_search_finds_a_circle(monkeypatch):
    monkeypatch.setitem(IMPORTS, "survey.base.paths", {"survey.base.colors"})
    monkeypatch.setitem(IMPORTS, "survey.base.colors", {"survey.base.paths"})
    assert ["survey.base.paths", "survey.base.colors", "survey.base.paths"] in circles()


def test_every_folder_is_a_layer_that_says_what_it_is_its_place_and_what_it_may_import():
    folders = {p.parent.name for p in (ROOT / "survey").glob("*/__init__.py")}
    assert {f"survey.{folder}" for folder in folders} <= set(survey.LAYERS)
    for folder in folders:
        doc = ast.get_docstring(ast.parse((ROOT / "survey" / folder / "__init__.py").read_text(encoding="utf-8")))
        place = survey.LAYERS.index(f"survey.{folder}")  # queries is layer 0
        assert doc and f"Layer {place} of survey/" in doc and "May import:" in doc, folder


LOADER_CALLS = {"run", "shares", "exact_waves", "version", "connection"}


def calls_the_loader(node: ast.AST) -> bool:
    """Whether the node is queries.<a function of LOADER_CALLS>, or imports one from queries."""
    if isinstance(node, ast.Attribute):
        return isinstance(node.value, ast.Name) and node.value.id == "queries" and node.attr in LOADER_CALLS
    if isinstance(node, ast.ImportFrom):
        return node.module == "queries" and bool({alias.name for alias in node.names} & LOADER_CALLS)
    return False


def test_the_core_and_the_pages_read_counts_only_through_survey_analysis_counts():
    """The loader's functions take the database and the rules of publication from their caller: in the app, the
    command line and the core, only survey.analysis.counts calls them, with the database in use and the rules in
    force."""
    calling = {}
    for path in [*sorted((ROOT / "survey").rglob("*.py")), ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py"))]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if calls_the_loader(node):
                calling.setdefault(str(path.relative_to(ROOT)), []).append(node.lineno)
    assert set(calling) == {"survey/analysis/counts.py"}, calling
