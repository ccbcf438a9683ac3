"""A language is a value: no module of kg reads a language's data when it is imported, so the
same code serves an English and a French article in one build."""
from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "kg"
READERS = {"language", "language_of", "default_rules", "load_rules", "default_boilerplate"}


def _module_level_reads(path: Path) -> list[str]:
    """Calls of a reader of language data in the statements run at import (not in functions)."""
    found = []
    for statement in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(statement, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            continue
        for node in ast.walk(statement):
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id in READERS:
                found.append(f"{path.name}:{node.lineno} {node.func.id}()")
    return found


def test_no_module_reads_a_language_when_imported():
    assert [read for path in sorted(PACKAGE.rglob("*.py")) for read in _module_level_reads(path)] == []


def test_the_check_sees_a_language_read_at_import(tmp_path):
    module = tmp_path / "kg" / "probe.py"
    module.parent.mkdir()
    module.write_text("from kg.knowledge.language import language\nWORDS = language('en').words\n"
                      "def later():\n    return language('en')\n", encoding="utf-8")
    assert [r.split(" ", 1)[1] for r in _module_level_reads(module)] == ["language()"]
