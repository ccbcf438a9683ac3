"""Every command is documented: in the README, and in its --help with an example."""
from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from kg.cli import main

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("command", sorted(main.commands))
def test_docs_command_is_in_the_readme(command):
    assert f"kg {command} " in README


@pytest.mark.parametrize("command", sorted(main.commands))
def test_docs_command_help_has_an_example(command):
    result = CliRunner().invoke(main, [command, "--help"])
    assert result.exit_code == 0
    assert "Example" in result.output
    assert f"kg {command}" in result.output.split("Example", 1)[1]


def test_docs_the_prefixes_to_paste_are_the_ones_kg_writes():
    import re

    from kg.graph.rdf import PREFIXES

    listed = dict(re.findall(r"^    PREFIX (\w+): <([^>]+)>$", README, flags=re.M))
    assert listed == PREFIXES
