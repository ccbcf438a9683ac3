"""The verbs converted from PETRARCH2's CAMEO dictionary (`ontology/en/cameo_verbs.yaml`, made by
`tools/cameo_lexicon.py`): the shipped file is what the script makes, each entry has the relation
its code maps to and nothing the script excludes, and a lemma of the hand lexicon keeps exactly
its hand entries. What the converted verbs find is in tests/cases/cameo_converted_verbs.yaml."""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from kg.knowledge.load import load_rules
from tests.tools import import_tool

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "ontology" / "en" / "cameo_verbs.yaml"


@pytest.fixture(scope="module")
def tool():
    return import_tool("cameo_lexicon")


def test_cameo_lexicon_shipped_file_is_what_the_script_makes(tool):
    if not tool.DICTIONARY.exists():
        pytest.skip(f"no dictionary to convert at {tool.DICTIONARY}")
    made, entries, _ = tool.make(tool.DICTIONARY)
    assert entries
    assert made == SHIPPED.read_text(encoding="utf-8"), "run `python tools/cameo_lexicon.py` and ship its output"


def test_cameo_lexicon_entries_have_the_relation_of_their_code_and_nothing_excluded(tool):
    mapping = tool.Mapping(yaml.safe_load(tool.RELATIONS.read_text(encoding="utf-8")))
    for entry in yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))["verbs"]:
        assert mapping.relation(entry["cameo"]) == entry["relation"], entry
        assert not [code for code in tool.EXCLUDED_CODES if entry["cameo"].startswith(code)], entry
        assert not tool.excluded(entry["lemma"], entry["cameo"]), entry


def test_cameo_lexicon_leaves_every_lemma_of_the_hand_lexicon_as_it_was(tmp_path, monkeypatch):
    """The converted verbs only add lemmas: with and without them, a hand lemma has the same rules."""
    with_converted = load_rules().relations.verbs
    ontology = tmp_path / "ontology"
    shutil.copytree(SHIPPED.parent.parent, ontology)
    (ontology / "en" / SHIPPED.name).unlink()
    monkeypatch.setenv("KG_ONTOLOGY", str(ontology))
    hand_only = load_rules().relations.verbs
    assert {lemma: with_converted[lemma] for lemma in hand_only} == dict(hand_only)
    converted = {entry["lemma"] for entry in yaml.safe_load(SHIPPED.read_text(encoding="utf-8"))["verbs"]}
    assert set(with_converted) == set(hand_only) | converted
    assert len(with_converted["visit"]) == 1 and with_converted["visit"][0].object_types  # not the CAMEO 'visit'
