"""The rules of the extractor made from the shipped data files and the user's own: each file
parsed by `rulefiles` into one `Loading`, then frozen into `Rules`, split by stage."""
from __future__ import annotations

from dataclasses import fields, replace
from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, Iterable

from kg.datafiles import data_path
from kg.errors import RuleFileError
from kg.knowledge.constructions import Constructions, registered_constructions
from kg.knowledge.language import Language, language, languages_read
from kg.knowledge.names import NameArticles
from kg.knowledge.rulefiles import (Loading, load_countries, load_descriptors, load_gazetteer, load_given_names,
                                   load_language_countries, load_lexicon, load_name_variants, load_nationals, load_places,
                                   load_titles)
from kg.knowledge.rules import (_TITLE_BREAK, ArgumentRules, Gazetteer, GazetteerEntry, NameRules, ReferenceRules,
                                RelationRules, ResolutionRules, Rules, TitleRules, _longest_from, person_key)
from kg.model import ActorType
from kg.relationtable import relation_table

__all__ = ["load_rules", "default_rules", "RuleBook", "rules_in"]

LANGUAGE_COUNTRIES = "countries.tsv"  # in a language's folder: its names of the states
CONVERTED_VERBS = "cameo_verbs.yaml"  # beside a language's lexicon: verbs converted from CAMEO (tools/)


def load_rules(gazetteers: Iterable[str | Path] = (), lexicons: Iterable[str | Path] = (),
               language_code: str = "en", constructions: Constructions | None = None) -> Rules:
    """The shipped data of a language plus the user's own gazetteer and lexicon files (which
    win on conflict); a lemma of the shipped hand lexicon keeps only its hand entries, whatever
    the verbs converted from CAMEO say. Lexicon entries and the relation table's defaults are
    checked against `constructions`: by default those the extraction declares, registered when it
    is imported (where it is not, as for a look-up in the gazetteer, they are not checked)."""
    constructions = registered_constructions() if constructions is None else constructions
    _check_constructions(constructions)
    rules = Loading(constructions)
    load_places(data_path("places.tsv"), rules)
    load_countries(data_path("countries.tsv"), rules)
    load_gazetteer(data_path("gazetteer.yaml"), rules)
    load_nationals(data_path("phoenix_people.tsv"), rules)
    if (data_path(language_code) / LANGUAGE_COUNTRIES).exists():
        load_language_countries(data_path(language_code) / LANGUAGE_COUNTRIES, rules)
    _load_lexicon_over_converted(language_code, rules)
    load_titles(data_path(f"{language_code}/titles.yaml"), rules)
    load_descriptors(data_path(f"{language_code}/descriptors.yaml"), rules)
    for code in languages_read():  # a name is given in every language's news alike
        load_given_names(data_path(f"{code}/given_names.txt"), rules)
    load_name_variants(data_path("name_variants.tsv"), rules)
    for path in gazetteers:
        path = Path(path)
        if not path.exists():
            raise RuleFileError(str(path), "no such file")
        load_gazetteer(path, rules)
    for path in lexicons:
        path = Path(path)
        if not path.exists():
            raise RuleFileError(str(path), "no such file")
        load_lexicon(path, rules)
    return _frozen(rules, language(language_code))


class RuleBook:
    """The rules of each language a build reads, made from the same user files: each loaded when
    an article in its language first needs them (most builds read one language)."""

    def __init__(self, gazetteers: Iterable[str | Path] = (), lexicons: Iterable[str | Path] = (),
                 loaded: Iterable[Rules] = ()):
        self.gazetteers, self.lexicons = tuple(gazetteers), tuple(lexicons)
        self._by_code: dict[str, Rules] = {rules.language.code: rules for rules in loaded}

    def rules(self, code: str) -> Rules:
        if code not in self._by_code:
            self._by_code[code] = load_rules(self.gazetteers, self.lexicons, language_code=code)
        return self._by_code[code]


def rules_in(rules: "Rules | RuleBook", code: str) -> Rules:
    """The rules of the language `code`: from a book, or `rules` themselves when of that language
    (a build given the rules of one language reads its other articles with the shipped rules)."""
    if isinstance(rules, RuleBook):
        return rules.rules(code)
    return rules if rules.language.code == code else default_rules(code)


def _load_lexicon_over_converted(language_code: str, rules: Loading) -> None:
    """The language's verbs converted from CAMEO (`cameo_verbs.yaml`, when it has one), then its
    hand lexicon, whose entries of a lemma replace every converted entry of that lemma."""
    hand = data_path(f"{language_code}/lexicon.yaml")
    if hand.with_name(CONVERTED_VERBS).exists():
        load_lexicon(hand.with_name(CONVERTED_VERBS), rules)
    converted, rules.verbs = rules.verbs, {}
    load_lexicon(hand, rules)
    for lemma, entries in converted.items():
        rules.verbs.setdefault(lemma, entries)


def _check_constructions(constructions: Constructions) -> None:
    """Every construction the relation table names is one of the catalogue (when there is one)."""
    known = constructions.names()
    for name, spec in relation_table().relations.items():
        if known and spec.construction is not None and spec.construction not in known:
            raise RuleFileError(str(data_path("relations.yaml")), f"relation {name}: unknown construction "
                                f"{spec.construction!r} (one of {', '.join(known)})")


@lru_cache(maxsize=None)
def default_rules(code: str = "en") -> Rules:
    """The shipped rules of the language `code`, loaded once."""
    return load_rules(language_code=code)


def _frozen(loaded: Loading, lang: Language) -> Rules:
    """The rules of each stage, each field taken by name from what was loaded unless derived here."""
    gazetteer = _by_name(Gazetteer, loaded,
                         aliases=MappingProxyType({name: frozenset(aliases) for name, aliases in loaded.aliases.items()}),
                         longest_from=MappingProxyType(_longest_from(_with_spellings(loaded.names, loaded.name_variants))),
                         name_articles=NameArticles.of(lang.words.name_articles))
    gazetteer = replace(gazetteer, people=MappingProxyType(_people(gazetteer)))
    titles = _by_name(TitleRules, loaded, honorifics=lang.words.honorifics, language=lang,
                      phrase_starts=frozenset(_TITLE_BREAK.split(head, 1)[0] for head in loaded.titles
                                              if _TITLE_BREAK.search(head)),
                      state_nouns=frozenset(word for word, types in loaded.definite_descriptions.items()
                                            if ActorType.COUNTRY in types),
                      described_owners=MappingProxyType(dict(loaded.definite_descriptions)))
    verbs = MappingProxyType({lemma: tuple(rules) for lemma, rules in loaded.verbs.items()})
    names = _by_name(NameRules, loaded, gazetteer=gazetteer, honorifics=titles.honorifics,
                     relation_verbs=frozenset(verbs), relation_nouns=frozenset(loaded.nouns),
                     place_object_verbs=frozenset(lemma for lemma, rules in verbs.items()
                                                  if any(r.place_objects for r in rules)),
                     stance_verb_preps=MappingProxyType({lemma: frozenset(p for r in rules if r.stance for p in r.preps)
                                                         for lemma, rules in verbs.items() if any(r.stance and r.preps for r in rules)}),
                     state_nouns=titles.state_nouns)
    arguments = _by_name(ArgumentRules, loaded, sending_verbs=frozenset(
        lemma for lemma, rules in verbs.items() if any(r.purpose_objects for r in rules)))
    return Rules(gazetteer=gazetteer, names=names, titles=titles, arguments=arguments,
                 resolution=_by_name(ResolutionRules, loaded, gazetteer=gazetteer, language=lang),
                 references=_by_name(ReferenceRules, loaded, demonyms=gazetteer.demonyms, language=lang),
                 relations=_by_name(RelationRules, loaded, verbs=verbs, arguments=arguments),
                 language=lang)


def _with_spellings(names, variants: dict[str, str]) -> list[str]:
    """The known names, and those of people again with each other spelling of their first word
    ('abdul fattah al-burhan' beside 'abdel fattah al-burhan'), so that matching tries them."""
    spellings: dict[str, list[str]] = {}
    for variant, key in variants.items():
        spellings.setdefault(key, []).append(variant)
    out = list(names)
    for name, entry in names.items():
        first, _, rest = name.partition(" ")
        if entry.type is ActorType.PERSON and rest:
            key = variants.get(first, first)
            out += [f"{other} {rest}" for other in spellings.get(key, []) + [key] if other != first]
    return out


def _people(gazetteer: Gazetteer) -> dict[str, GazetteerEntry]:
    """Each known person by the key of each of their full names; a key two people share is left out."""
    found: dict[str, GazetteerEntry | None] = {}
    for name, entry in gazetteer.names.items():
        if entry.type is ActorType.PERSON and " " in name:
            key = person_key(name, gazetteer)
            found[key] = entry if found.get(key, entry) == entry else None
    return {key: entry for key, entry in found.items() if entry is not None}


def _by_name(rules_type: type, loaded: Loading, **derived: Any) -> Any:
    """The rules dataclass `rules_type`, each field given in `derived` or else, when `loaded` has
    one of that name, taken from it (a mapping frozen); the others keep their defaults."""
    values = {}
    for item in fields(rules_type):
        if item.name in derived:
            values[item.name] = derived[item.name]
        elif hasattr(loaded, item.name):
            value = getattr(loaded, item.name)
            values[item.name] = MappingProxyType(dict(value)) if isinstance(value, dict) else value
    return rules_type(**values)
