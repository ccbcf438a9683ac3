"""Constructions are declared once, on their handlers: what a lexicon entry may name and the
flags it may give follow from the declarations, the README lists them, and its worked example
('X accused Y of Z') runs as written."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from kg.errors import RuleFileError
from kg.extraction.relations import constructions as handlers
from kg.knowledge import constructions as declared
from kg.knowledge.constructions import Construction, Constructions, registered_constructions
from kg.knowledge.lexicon import FLAGS, NounFlag, VerbFlag, WordKind
from kg.knowledge.load import load_rules

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _refusal(tmp_path: Path, content: str, **options) -> str:
    path = tmp_path / "mine.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(RuleFileError) as err:
        load_rules(lexicons=[path], **options)
    return str(err.value).replace(str(path), "mine.yaml")


@pytest.mark.parametrize("entry,message", [
    ("verbs:\n  - {lemma: parley, relation: metWith, preps: [with], inverse: true}\n",
     "mine.yaml: verb #1 (parley): construction 'meeting' does not read 'inverse'"),
    ("verbs:\n  - {lemma: shove, relation: attacked, joint_objects: true}\n",
     "mine.yaml: verb #1 (shove): construction 'transitive' does not read 'joint_objects'"),
    ("nouns:\n  - {lemma: patron, relation: supports, construction: role, object_preps: [of]}\n",
     "mine.yaml: noun #1 (patron): construction 'role' does not read 'object_preps'"),
], ids=["meeting-inverse", "transitive-joint", "role-preps"])
def test_constructions_an_entry_giving_a_flag_its_construction_does_not_read_is_refused(tmp_path, entry, message):
    assert _refusal(tmp_path, entry) == message


def test_constructions_a_flag_its_construction_reads_is_taken(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("verbs:\n  - {lemma: host, relation: metWith, joint_objects: true}\n"
                    "  - {lemma: include, relation: memberOf, inverse: true}\n", encoding="utf-8")
    rules = load_rules(lexicons=[path]).relations
    assert rules.verb_rules("host")[-1].joint_objects and rules.verb_rules("include")[-1].inverse


@pytest.mark.parametrize("entry,message", [
    ("verbs:\n  - {lemma: parley, relation: metWith, construction: handshake}\n",
     "mine.yaml: verb #1 (parley): unknown construction 'handshake' "
     "(one of transitive, demand, meeting, label, judgement)"),
    ("nouns:\n  - {lemma: ultimatum, relation: calledFor, construction: demand}\n",
     "mine.yaml: noun #1 (ultimatum): unknown construction 'demand' (one of event, meeting, stance, role)"),
    ("verbs:\n  - {lemma: parley, relation: metWith, recipocal: true}\n",
     "mine.yaml: verb #1 (parley): recipocal: Extra inputs are not permitted"),
], ids=["verb", "noun-of-a-verb", "misspelt-flag"])
def test_constructions_an_unknown_construction_in_a_lexicon_is_refused(tmp_path, entry, message):
    assert _refusal(tmp_path, entry) == message


def test_constructions_an_unknown_construction_in_the_relation_table_is_refused():
    without_demand = Constructions.of(c for c in registered_constructions() if c.name != "demand")
    with pytest.raises(RuleFileError) as err:
        load_rules(constructions=without_demand)
    assert err.value.path.endswith("relations.yaml")
    assert err.value.reason.startswith("relation calledFor: unknown construction 'demand' (one of ")
    assert "\n" not in str(err.value)


def test_constructions_the_lexicon_word_lists_are_read_through_the_schema(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("label_nouns: [warmonger]\nlight_verbs:\n", encoding="utf-8")
    lexicon = load_rules(lexicons=[path]).relations.lexicon
    assert {"warmonger", "threat"} <= lexicon.label_nouns and "hold" in lexicon.light_verbs
    assert _refusal(tmp_path, "label_noun: [warmonger]\n") == "mine.yaml: label_noun: Extra inputs are not permitted"
    assert _refusal(tmp_path, "label_nouns: warmonger\n") == (
        'mine.yaml: label_nouns: expected a list of strings (quote words like "on" and "no")')


def test_constructions_every_one_is_declared_with_a_description_and_a_handler():
    catalogue = registered_constructions()
    assert {(c.kind, c.name) for c in catalogue} == set(handlers.HANDLERS)
    assert all(c.description for c in catalogue)
    for kind in WordKind:
        assert [c.name for c in catalogue.known[kind].values() if c.default] != []
        read = set().union(*(c.reads for c in catalogue.known[kind].values()))
        assert read == {flag.value for flag in FLAGS[kind]}  # no flag an entry may give that nothing reads


def test_constructions_a_declaration_names_only_flags_of_its_kind():
    with pytest.raises(TypeError, match="VerbFlag"):
        handlers.construction("sideways", WordKind.VERB, "nothing", reads=(NounFlag.object_preps,))
    with pytest.raises(ValueError, match="declared twice"):
        declared.register(Construction("transitive", WordKind.VERB, "again"))
    with pytest.raises(ValueError, match="'wings', no flag of a noun"):
        declared.register(Construction("flight", WordKind.NOUN, "nothing", frozenset({"wings"})))
    assert "sideways" not in declared.VERB_CONSTRUCTIONS and "flight" not in declared.NOUN_CONSTRUCTIONS


def _readme_table(catalogue: Constructions) -> str:
    rows = ["| construction | of a | also reads | finds |", "|---|---|---|---|"]
    for kind in WordKind:
        shared = _shared_flags(catalogue, kind)
        for c in catalogue.known[kind].values():
            also = ", ".join(f"`{flag}`" for flag in _in_flag_order(kind, c.reads - shared))
            rows.append(f"| `{c.name}`{' (default)' if c.default else ''} | {kind.value} | {also} | {c.description} |")
    return "\n".join(rows) + "\n"


def _shared_flags(catalogue: Constructions, kind: WordKind) -> frozenset[str]:
    return frozenset.intersection(*(c.reads for c in catalogue.known[kind].values()))


def _in_flag_order(kind: WordKind, flags) -> list[str]:
    return [flag.value for flag in FLAGS[kind] if flag.value in flags]


def test_constructions_the_readme_lists_every_one_from_the_declarations():
    catalogue = registered_constructions()
    table = _readme_table(catalogue)
    assert table in README, "paste this table in README.md, 'A new construction':\n" + table
    listed = re.search(r"every verb construction also reads the flags of its\s+clause: (.*?); every noun "
                       r"construction (.*?)\):", README, flags=re.S)
    assert listed is not None
    for kind, text in zip(WordKind, listed.groups()):
        assert set(re.findall(r"`(\w+)`", text)) == _shared_flags(catalogue, kind)


@pytest.fixture
def declarations_restored():
    """The declarations as they were, after a test that adds some."""
    saved = [(table, dict(table)) for table in (declared.VERB_CONSTRUCTIONS, declared.NOUN_CONSTRUCTIONS,
                                                handlers.HANDLERS)]
    yield
    for table, before in saved:
        table.clear()
        table.update(before)


def _readme_block(language: str) -> str:
    section = README.split("### A new construction", 1)[1].split("\n## ", 1)[0]
    return re.search(rf"```{language}\n(.*?)```", section, flags=re.S).group(1)


def _relations(text: str, rules, nlp) -> set[tuple[str, str, str, str]]:
    from kg.extraction.pipeline import extract_article
    from kg.model import Article

    extraction = extract_article(Article("a", text, "a.txt"), nlp, rules)
    names = {a.id: a.name for a in extraction.actors.actors.values()}
    return {(names[f.subject], f.relation.value, names.get(f.object), f.modality.value) for f, _ in extraction.relations}


def test_constructions_the_readme_example_runs_as_written(tmp_path, monkeypatch, declarations_restored, nlp):
    """The README's handler declared as written, and accuse's entry in a copy of the ontology
    replaced by the README's."""
    exec(compile(_readme_block("python"), "README.md", "exec"), {})  # noqa: S102 - our own README
    ontology = tmp_path / "ontology"
    shutil.copytree(ROOT / "ontology", ontology)
    lexicon = ontology / "en" / "lexicon.yaml"
    shipped = '  - {lemma: accuse, relation: opposes, stance: true, cameo: "112"}\n'
    assert shipped in lexicon.read_text(encoding="utf-8")
    lexicon.write_text(lexicon.read_text(encoding="utf-8").replace(shipped, _readme_block("yaml")), encoding="utf-8")
    monkeypatch.setenv("KG_ONTOLOGY", str(ontology))
    rules = load_rules()
    assert [r.construction for r in rules.relations.verb_rules("accuse")] == ["accusation"]
    assert _relations("Togo accused Ghana of backing the Kessel Front.", rules, nlp) == {
        ("Togo", "opposes", "Ghana", "Asserted")}
    assert _relations("Togo accused Ghana of war crimes.", rules, nlp) == {("Togo", "opposes", "Ghana", "Asserted")}
    assert _relations("Togo accused Ghana on Monday.", rules, nlp) == set()
    monkeypatch.delenv("KG_ONTOLOGY")
    assert _relations("Togo accused Ghana on Monday.", load_rules(), nlp) == {("Togo", "opposes", "Ghana", "Asserted")}
