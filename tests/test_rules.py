"""The data files: shipped ones load, user ones extend them, bad ones fail with file and line."""
from __future__ import annotations

import pytest

from kg.errors import RuleFileError
from kg.model import ActorType, Relation
from kg.knowledge.names import fold
from kg.knowledge.load import load_rules


@pytest.fixture(scope="module")
def rules():
    return load_rules()


def test_rules_shipped_gazetteer_knows_states_by_name_demonym_and_capital(rules):
    assert rules.gazetteer.entry("Türkiye").name == "Turkey"
    assert (rules.gazetteer.entry("Turkish").name, rules.gazetteer.entry("Turkish").kind) == ("Turkey", "demonym")
    assert (rules.gazetteer.entry("Ankara").name, rules.gazetteer.entry("Ankara").kind) == ("Turkey", "capital")
    assert rules.gazetteer.entry("Kremlin").name == "Russia"


def test_rules_shipped_gazetteer_types_known_actors(rules):
    assert rules.gazetteer.entry("HTS").type is ActorType.ARMED_GROUP
    assert rules.gazetteer.entry("UN").type is ActorType.INTERNATIONAL_ORGANIZATION
    assert rules.gazetteer.entry("Reuters").type is ActorType.MEDIA_OUTLET


def test_rules_lexicon_maps_phrasal_verbs_by_particle(rules):
    by_particle: dict[str | None, set] = {}
    for r in rules.relations.verb_rules("call"):
        by_particle.setdefault(r.particle, set()).add((r.relation, r.requires_xcomp, r.forbids_xcomp))
    assert by_particle["for"] == {(Relation.CALLED_FOR, False, False)}
    # 'called on X to act' demands, 'called on the prime minister' visits
    assert by_particle["on"] == {(Relation.CALLED_FOR, True, False), (Relation.MET_WITH, False, True)}


@pytest.mark.parametrize("text,expected", [
    ("Hay’at Tahrir al-Sham", "hay'at tahrir al-sham"),
    ("The Syrian Observer", "syrian observer"),
    ("Çavuşoğlu", "cavusoglu"),
    ("U.S.", "us"),
])
def test_rules_fold_ignores_case_accents_apostrophes_and_the(text, expected):
    assert fold(text) == expected


def test_rules_user_gazetteer_adds_and_overrides(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text("actors:\n  - {name: Northern Coastal Brigade, type: ArmedGroup, aliases: [NCB]}\n",
                    encoding="utf-8")
    rules = load_rules([path])
    assert rules.gazetteer.entry("NCB").name == "Northern Coastal Brigade"
    assert rules.gazetteer.entry("Turkish").name == "Turkey"


def test_rules_user_lexicon_adds_a_verb(tmp_path):
    path = tmp_path / "lexicon.yaml"
    path.write_text("verbs:\n  - {lemma: parley, relation: metWith, preps: [with]}\n", encoding="utf-8")
    assert load_rules(lexicons=[path]).relations.verb_rules("parley")[0].relation is Relation.MET_WITH


@pytest.mark.parametrize("content,reason", [
    ("actors:\n  - {name: X, type: Wizard}\n", "unknown type 'Wizard'"),
    ("actors:\n  - {type: Person}\n", "needs a 'name'"),
    ("actors: [\n", "not valid YAML"),
    ("- just a list\n", "expected a mapping at the top level"),
])
def test_rules_bad_gazetteer_names_file_and_reason(tmp_path, content, reason):
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(RuleFileError) as err:
        load_rules([path])
    assert str(err.value).startswith(str(path))
    assert reason in str(err.value)


def test_rules_unquoted_on_in_lexicon_is_refused(tmp_path):
    path = tmp_path / "lexicon.yaml"
    path.write_text("verbs:\n  - {lemma: fire, relation: attacked, particle: on}\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match="quote"):
        load_rules(lexicons=[path])


@pytest.mark.parametrize("content,reason", [
    ("# my states\nname\tiso3\taliases\tdemonyms\tcapital\tmetonyms\nAtlantis\tATL\n",
     "expected 6 tab-separated fields"),
    ("name\tstate\taliases\nNorth Keld\tNorway\tKeld\nLonely Town\n", "expected a name, its state and aliases"),
], ids=["states", "towns"])
def test_rules_bad_tsv_row_gives_line_number(tmp_path, content, reason):
    path = tmp_path / "places.tsv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(RuleFileError) as err:
        load_rules([path])
    assert err.value.line == 3
    assert reason in str(err.value)


def test_rules_unknown_relation_in_lexicon_is_refused(tmp_path):
    path = tmp_path / "lexicon.yaml"
    path.write_text("verbs:\n  - {lemma: hug, relation: embraces}\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match="unknown relation 'embraces'"):
        load_rules(lexicons=[path])


def test_rules_every_construction_has_its_handler():
    from kg.extraction.relations.constructions import HANDLERS
    from kg.knowledge.constructions import registered_constructions

    assert {(c.kind, c.name) for c in registered_constructions()} == set(HANDLERS)
    assert {c.name for c in registered_constructions()} >= {"transitive", "demand", "meeting", "event", "role"}


def test_rules_lexicon_entries_take_their_relations_construction(rules):
    assert {r.construction for r in rules.relations.verb_rules("meet")} == {"meeting"}
    assert {r.construction for r in rules.relations.verb_rules("urge")} == {"demand"}
    assert {r.construction for r in rules.relations.verb_rules("attack")} == {"transitive"}
    assert rules.relations.nouns["talk"].construction == "meeting"
    assert rules.relations.nouns["ally"].construction == "role"


def test_rules_user_lexicon_names_a_construction_that_the_extraction_uses(tmp_path):
    from kg.extraction.parsing.nlp import load_pipeline
    from kg.extraction.pipeline import extract_article
    from kg.model import Article

    path = tmp_path / "lexicon.yaml"
    path.write_text("nouns:\n  - {lemma: godfather, relation: supports, construction: role}\n", encoding="utf-8")
    text = "Chile is the godfather of Norway."
    for rules, expected in ((load_rules(), set()), (load_rules(lexicons=[path]), {("Chile", "supports", "Norway")})):
        ex = extract_article(Article("a", text, "a.txt"), load_pipeline(), rules)
        names = {a.id: a.name for a in ex.actors.actors.values()}
        assert {(names[f.subject], f.relation.value, names[f.object]) for f, _ in ex.relations} == expected


def test_rules_unknown_construction_is_refused(tmp_path):
    path = tmp_path / "lexicon.yaml"
    path.write_text("verbs:\n  - {lemma: parley, relation: metWith, construction: handshake}\n", encoding="utf-8")
    with pytest.raises(RuleFileError, match="parley.*unknown construction 'handshake'"):
        load_rules(lexicons=[path])


def test_rules_shipped_places_are_towns_of_their_state(rules):
    goma = rules.gazetteer.entry("Goma")
    assert (goma.name, goma.kind) == ("Democratic Republic of the Congo", "town")
    assert rules.gazetteer.entry("Kharkov").name == "Ukraine"
    assert rules.gazetteer.entry("Kinshasa").kind == "capital"  # the states' file wins


def test_rules_user_places_file_adds_towns(tmp_path):
    path = tmp_path / "towns.tsv"
    path.write_text("name\tstate\taliases\nNorth Keld\tNorway\tKeld|Nordkeld\n", encoding="utf-8")
    entry = load_rules([path]).gazetteer.entry("Nordkeld")
    assert (entry.name, entry.kind) == ("Norway", "town")


def test_rules_no_alias_of_the_shipped_gazetteer_names_two_actors():
    import yaml

    from kg.datafiles import data_path
    owner: dict[str, str] = {}
    shared = []
    for actor in yaml.safe_load(data_path("gazetteer.yaml").read_text(encoding="utf-8"))["actors"]:
        for name in [actor["name"], *actor.get("aliases", [])]:
            if owner.setdefault(fold(name), actor["name"]) != actor["name"]:
                shared.append((name, owner[fold(name)], actor["name"]))
    assert shared == []
