"""Imports flow one way, along the flow of data: a stage never imports a later one, and no two
files or packages import each other (directly or around a loop), counting imports made inside
functions and for type checking too."""
from __future__ import annotations

import ast
from pathlib import Path

import networkx as nx

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "kg"

# The parts of kg, upstream first: each may import itself and the parts before it, never after.
LAYERS = [
    ("core", {"kg", "kg.errors", "kg.collector", "kg.files", "kg.datafiles", "kg.ids"}),
    ("model", {"kg.relationtable", "kg.model"}),
    ("knowledge", {"kg.knowledge"}),
    ("reading", {"kg.reading"}),
    ("extraction", {"kg.extraction"}),
    ("corpus", {"kg.corpus"}),
    ("graph", {"kg.graph"}),
    ("query", {"kg.query"}),
    ("view", {"kg.view"}),
    ("app", {"kg.build", "kg.evaluate", "kg.cli_graph", "kg.cli"}),
]


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(ROOT).with_suffix("").parts)
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _modules() -> dict[str, Path]:
    return {_module_name(path): path for path in sorted(PACKAGE.rglob("*.py"))}


def _imports(modules: dict[str, Path]) -> nx.DiGraph:
    """Module -> every module of kg it imports."""
    graph = nx.DiGraph()
    for name, path in modules.items():
        graph.add_node(name)
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    up = package.split(".")[: len(package.split(".")) - (node.level - 1)]
                    base = ".".join(up + ([node.module] if node.module else []))
                targets = [f"{base}.{alias.name}" for alias in node.names if f"{base}.{alias.name}" in modules]
                targets = targets or ([base] if base in modules else [])
            elif isinstance(node, ast.Import):
                targets = [alias.name for alias in node.names if alias.name in modules]
            else:
                continue
            graph.add_edges_from((name, target) for target in targets if target != name)
    return graph


def _layer(module: str) -> int:
    matches = [(len(unit), index) for index, (_, units) in enumerate(LAYERS) for unit in units
               if module == unit or module.startswith(unit + ".")]
    assert matches, f"{module} belongs to no layer of tests/test_imports.py"
    return max(matches)[1]


def _package(module: str) -> str:
    """The package a module is part of; a module at the top of kg is a part of its own."""
    parts = module.split(".")
    return module if len(parts) <= 2 else ".".join(parts[:-1])


def test_imports_never_reach_a_later_stage():
    graph = _imports(_modules())
    upstream = sorted(f"{a} -> {b} ({LAYERS[_layer(a)][0]} imports {LAYERS[_layer(b)][0]})"
                      for a, b in graph.edges if _layer(b) > _layer(a))
    assert upstream == []


def test_no_two_files_import_each_other_even_around_a_loop():
    loops = [sorted(component) for component in nx.strongly_connected_components(_imports(_modules()))
             if len(component) > 1]
    assert loops == []


def test_no_two_packages_import_each_other():
    files = _imports(_modules())
    packages = nx.DiGraph((_package(a), _package(b)) for a, b in files.edges if _package(a) != _package(b))
    loops = [sorted(component) for component in nx.strongly_connected_components(packages) if len(component) > 1]
    assert loops == []


def test_every_module_has_its_layer():
    for module in _modules():
        _layer(module)
