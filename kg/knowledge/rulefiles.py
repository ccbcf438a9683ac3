"""The extraction data files read into one `Loading` accumulator: countries, gazetteers,
lexicons, titles, descriptors, given names, name variants. Every data file of the extractor is
parsed here and nowhere else (a lexicon through its schema, `lexicon`); a bad file raises
`RuleFileError(path, reason, line)`."""
from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from kg.datafiles import checked, data_lines, read_yaml_mapping
from kg.errors import RuleFileError
from kg.model import ActorType
from kg.knowledge.constructions import Constructions
from kg.knowledge.lexicon import ENTRY_TYPES, FLAGS, LexiconFile, LexiconWords, NounRule, VerbRule, WordKind
from kg.knowledge.names import fold
from kg.knowledge.rules import GazetteerEntry, TitleRule

__all__ = ["Loading", "load_countries", "load_gazetteer", "load_lexicon", "load_titles", "load_descriptors",
           "load_given_names", "load_name_variants"]

ACTOR_TYPE_NAMES = {t.value for t in ActorType}


@dataclass
class Loading:
    """The extraction data as the files are read, one after the other; `rules.Rules` is made from it.
    Lexicon entries are checked against `constructions` (an empty catalogue: not checked)."""

    constructions: Constructions
    names: dict[str, GazetteerEntry] = field(default_factory=dict)  # fold(alias) -> entry
    aliases: dict[str, set[str]] = field(default_factory=dict)  # canonical name -> aliases
    verbs: dict[str, list[VerbRule]] = field(default_factory=dict)
    nouns: dict[str, NounRule] = field(default_factory=dict)
    lexicon: LexiconWords = LexiconWords()
    titles: dict[str, TitleRule] = field(default_factory=dict)
    title_modifiers: frozenset[str] = frozenset()
    title_domains: frozenset[str] = frozenset()
    not_leading: frozenset[str] = frozenset()
    title_factions: frozenset[str] = frozenset()
    former: frozenset[str] = frozenset()
    state_titles: frozenset[str] = frozenset()
    name_heads: dict[str, ActorType] = field(default_factory=dict)
    national_heads: frozenset[str] = frozenset()
    trailing_descriptors: dict[str, ActorType] = field(default_factory=dict)
    state_metonyms: frozenset[str] = frozenset()
    state_name_nouns: frozenset[str] = frozenset()
    definite_descriptions: dict[str, tuple[ActorType, ...]] = field(default_factory=dict)
    proxy_nouns: frozenset[str] = frozenset()
    asset_nouns: frozenset[str] = frozenset()
    weapon_nouns: frozenset[str] = frozenset()
    event_lead_words: frozenset[str] = frozenset()
    document_heads: frozenset[str] = frozenset()
    local_descriptions: frozenset[str] = frozenset()
    given_names: frozenset[str] = frozenset()
    name_variants: dict[str, str] = field(default_factory=dict)  # folded variant -> key
    demonyms: dict[str, str] = field(default_factory=dict)  # state -> its first demonym
    nationals: dict[str, str] = field(default_factory=dict)  # fold(a person's full name) -> their state

    def add_name(self, alias: str, entry: GazetteerEntry) -> None:
        key = fold(alias)
        if not key:
            return
        self.names[key] = entry
        if entry.kind in ("name", "metonym") or entry.type is not ActorType.COUNTRY:
            self.aliases.setdefault(entry.name, set()).add(alias)


def _actor_type(value: Any, path: Path, where: str) -> ActorType:
    if value not in ACTOR_TYPE_NAMES:
        raise RuleFileError(str(path), f"{where}: unknown type {value!r} "
                            f"(one of {', '.join(sorted(ACTOR_TYPE_NAMES))})")
    return ActorType(value)


def _str_list(value: Any, path: Path, where: str) -> list[str]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) and not isinstance(v, bool) for v in value):
        raise RuleFileError(str(path), f"{where}: expected a list of strings (quote words like \"on\" and \"no\")")
    return [str(v) for v in value]


def _apostrophe_variants(alias: str) -> Iterable[str]:
    yield alias
    if "'" in alias:
        yield alias.replace("'", "\u2019")
    if "\u2019" in alias:
        yield alias.replace("\u2019", "'")


def load_countries(path: Path, rules: Loading) -> None:
    rows = data_lines(path)
    if not rows:
        raise RuleFileError(str(path), "no header line")
    header = rows[0][1].split("\t")
    expected = ["name", "iso3", "aliases", "demonyms", "capital", "metonyms"]
    if header != expected:
        raise RuleFileError(str(path), f"header must be {' '.join(expected)}", rows[0][0])
    for lineno, line in rows[1:]:
        fields = next(csv.reader([line], delimiter="\t", quoting=csv.QUOTE_NONE))
        if len(fields) != len(expected):
            raise RuleFileError(str(path), f"expected {len(expected)} tab-separated fields, found {len(fields)}", lineno)
        name, _iso3, aliases, demonyms, capital, metonyms = (f.strip() for f in fields)
        if not name:
            raise RuleFileError(str(path), "empty country name", lineno)
        forms = _listed(demonyms)
        _add_state_names(rules, name, [name, *_listed(aliases)], forms, _listed(capital), _listed(metonyms))
        if forms:
            rules.demonyms.setdefault(name, forms[0])


LANGUAGE_COUNTRIES_HEADER = ["country", "name", "aliases", "demonyms", "capital", "metonyms"]


def load_language_countries(path: Path, rules: Loading) -> None:
    """The names of the states in one language (`ontology/<lang>/countries.tsv`), each joined by
    `country` to the state of countries.tsv, so that 'Tchad' and 'Chad' are one actor (and its
    bodies are named with the English demonym, so that 'l'armée tchadienne' is the Chadian Armed
    Forces whatever the language)."""
    rows = data_lines(path)
    expected = LANGUAGE_COUNTRIES_HEADER
    if not rows or rows[0][1].split("\t") != expected:
        raise RuleFileError(str(path), f"header must be {' '.join(expected)}", rows[0][0] if rows else None)
    for lineno, line in rows[1:]:
        fields = [f.strip() for f in line.split("\t")]
        if len(fields) != len(expected) or not fields[0]:
            raise RuleFileError(str(path), f"expected {len(expected)} tab-separated fields, the first a country", lineno)
        state, name, aliases, demonyms, capital, metonyms = fields
        if fold(state) not in rules.names:
            raise RuleFileError(str(path), f"unknown country {state!r} (not in countries.tsv)", lineno)
        _add_state_names(rules, state, _listed(name) + _listed(aliases), _listed(demonyms), _listed(capital),
                         _listed(metonyms))


def _listed(field: str) -> list[str]:
    """The '|'-separated values of a field."""
    return [part.strip() for part in field.split("|") if part.strip()]


def _add_state_names(rules: Loading, state: str, names: list[str], demonyms: list[str], capitals: list[str],
                     metonyms: list[str]) -> None:
    """Every way a row names the state `state`, each known as what it is (name, demonym, capital, metonym)."""
    for kind, words in (("name", names), ("demonym", demonyms), ("capital", capitals), ("metonym", metonyms)):
        for word in words:
            rules.add_name(word, GazetteerEntry(state, ActorType.COUNTRY, kind))


PLACES_HEADER = ["name", "state", "aliases"]


def load_places(path: Path, rules: Loading) -> None:
    """Towns and regions with their state: never actors, but what is done to them is done to it."""
    rows = data_lines(path)
    expected = PLACES_HEADER
    if not rows or rows[0][1].split("\t") != expected:
        raise RuleFileError(str(path), f"header must be {' '.join(expected)}", rows[0][0] if rows else None)
    for lineno, line in rows[1:]:
        fields = [f.strip() for f in line.split("\t")]
        if len(fields) != len(expected) or not fields[0] or not fields[1]:
            raise RuleFileError(str(path), "expected a name, its state and aliases, tab-separated", lineno)
        name, state, aliases = fields
        for alias in [name, *(a.strip() for a in aliases.split("|") if a.strip())]:
            rules.add_name(alias, GazetteerEntry(state, ActorType.COUNTRY, "town"))


PEOPLE_HEADER = ["name", "state", "periods", "aliases"]


def load_nationals(path: Path, rules: Loading) -> None:
    """People and the state they are of (`tools/phoenix_actors.py`): a name of a state kg does not
    know is an error; a name given two states is left unknown."""
    rows = data_lines(path)
    if not rows or rows[0][1].split("\t") != PEOPLE_HEADER:
        raise RuleFileError(str(path), f"header must be {' '.join(PEOPLE_HEADER)}", rows[0][0] if rows else None)
    states = {entry.name for entry in rules.names.values() if entry.type is ActorType.COUNTRY}
    twice: set[str] = set()
    for lineno, line in rows[1:]:
        fields = [f.strip() for f in line.split("\t")]
        if len(fields) != len(PEOPLE_HEADER) or not fields[0] or fields[1] not in states:
            raise RuleFileError(str(path), "expected a name, a state of countries.tsv, periods and aliases", lineno)
        name, state, _periods, aliases = fields
        for key in {fold(a) for a in [name, *aliases.split("|")] if a.strip()}:
            if rules.nationals.setdefault(key, state) != state:
                twice.add(key)
    for key in twice:
        del rules.nationals[key]


def load_gazetteer(path: Path, rules: Loading) -> None:
    if path.suffix.lower() == ".tsv":
        rows = data_lines(path)
        if rows and rows[0][1].split("\t") == PLACES_HEADER:
            load_places(path, rules)
        elif rows and rows[0][1].split("\t") == PEOPLE_HEADER:
            load_nationals(path, rules)
        else:
            load_countries(path, rules)
        return
    data = read_yaml_mapping(path)
    actors = data.get("actors")
    if not isinstance(actors, list):
        raise RuleFileError(str(path), "expected a list under 'actors'")
    for i, item in enumerate(actors, 1):
        where = f"actor #{i}"
        if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not item["name"].strip():
            raise RuleFileError(str(path), f"{where}: needs a 'name'")
        name = item["name"].strip()
        kind = _actor_type(item.get("type"), path, f"{where} ({name})")
        country = item.get("country")
        entry = GazetteerEntry(name, kind, "name", country)
        for alias in [name, *_str_list(item.get("aliases"), path, f"{where} ({name}) aliases")]:
            for variant in _apostrophe_variants(alias):
                rules.add_name(variant, entry)


def load_lexicon(path: Path, rules: Loading) -> None:
    lexicon = checked(LexiconFile, read_yaml_mapping(path), path)
    for number, item in enumerate(lexicon.verbs, 1):
        rule = _lexicon_entry(WordKind.VERB, item, path, number, rules.constructions)
        rules.verbs.setdefault(rule.lemma, []).append(rule)
    for number, item in enumerate(lexicon.nouns, 1):
        rule = _lexicon_entry(WordKind.NOUN, item, path, number, rules.constructions)
        rules.nouns[rule.lemma] = rule
    rules.lexicon = rules.lexicon.merged(lexicon)


def _lexicon_entry(kind: WordKind, item: Any, path: Path, number: int,
                   constructions: Constructions) -> VerbRule | NounRule:
    """An entry of a lexicon read through its schema, with the construction it takes, which must
    read every flag it gives; a RuleFileError names the entry ('verb #3 (accuse)')."""
    where = f"{kind.value} #{number}"
    if isinstance(item, dict) and isinstance(item.get("lemma"), str):
        where = f"{where} ({item['lemma']})"
    try:
        entry = checked(ENTRY_TYPES[kind], item, path)
    except RuleFileError as err:
        raise RuleFileError(str(path), f"{where}: {err.reason}") from None
    if not constructions:
        return entry
    given = set(item) & {flag.value for flag in FLAGS[kind]}
    try:
        construction = constructions.taken(kind, entry.construction, entry.relation.spec.construction)
        construction.check_flags(given)
    except ValueError as err:
        raise RuleFileError(str(path), f"{where}: {err}") from None
    return entry.model_copy(update={"construction": construction.name})


def load_titles(path: Path, rules: Loading) -> None:
    data = read_yaml_mapping(path)
    heads = data.get("heads")
    if not isinstance(heads, dict):
        raise RuleFileError(str(path), "expected a mapping under 'heads'")
    for head, spec in heads.items():
        leads = bool(spec.get("leads", False)) if isinstance(spec, dict) else False
        rules.titles[str(head).lower()] = TitleRule(str(head).lower(), leads)
    _add_word_sets(rules, data, path, {"title_modifiers": "modifiers", "title_domains": "domains",
                                       "not_leading": "not_leading", "former": "former", "title_factions": "factions",
                                       "state_titles": "state_titles"})


def load_descriptors(path: Path, rules: Loading) -> None:
    data = read_yaml_mapping(path)
    for type_name, words in (data.get("name_heads") or {}).items():
        kind = _actor_type(type_name, path, "name_heads")
        for word in _str_list(words, path, f"name_heads {type_name}"):
            rules.name_heads.setdefault(word.lower(), kind)
    for type_name, phrases in (data.get("trailing_descriptors") or {}).items():
        kind = _actor_type(type_name, path, "trailing_descriptors")
        for phrase in _str_list(phrases, path, f"trailing_descriptors {type_name}"):
            rules.trailing_descriptors[phrase.lower()] = kind
    for type_name, words in (data.get("definite_descriptions") or {}).items():
        kind = _actor_type(type_name, path, "definite_descriptions")
        for word in _str_list(words, path, f"definite_descriptions {type_name}"):
            rules.definite_descriptions[word.lower()] = rules.definite_descriptions.get(word.lower(), ()) + (kind,)
    _add_word_sets(rules, data, path, {name: name for name in (
        "national_heads", "state_metonyms", "state_name_nouns", "proxy_nouns", "asset_nouns",
        "weapon_nouns", "event_lead_words", "document_heads", "local_descriptions")})


def _add_word_sets(rules: Loading, data: dict, path: Path, fields: dict[str, str]) -> None:
    """Add the lower-cased word lists under each key of `data` to the rules' set attribute it names."""
    for attribute, key in fields.items():
        words = frozenset(w.lower() for w in _str_list(data.get(key), path, key))
        setattr(rules, attribute, getattr(rules, attribute) | words)


def load_given_names(path: Path, rules: Loading) -> None:
    rules.given_names = rules.given_names | frozenset(fold(line) for _, line in data_lines(path))


def load_name_variants(path: Path, rules: Loading) -> None:
    for lineno, line in data_lines(path):
        variants = [fold(v) for v in line.split("\t") if v.strip()]
        if len(variants) < 2:
            raise RuleFileError(str(path), "a line needs at least two tab-separated variants", lineno)
        for variant in variants:
            rules.name_variants[variant] = variants[0]


