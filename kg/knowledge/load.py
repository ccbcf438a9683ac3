"""The rules of the extractor made from the shipped data files and the user's own: each file
parsed by `rulefiles` into one `Loading`, then frozen into `Rules`, split by stage."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from types import MappingProxyType
from typing import Iterable

from kg.datafiles import data_path
from kg.errors import RuleFileError
from kg.knowledge.constructions import NOUN_CONSTRUCTIONS, VERB_CONSTRUCTIONS
from kg.knowledge.language import Language, language
from kg.knowledge.names import NameArticles
from kg.knowledge.rulefiles import (Loading, load_countries, load_descriptors, load_gazetteer, load_given_names,
                                   load_lexicon, load_name_variants, load_places, load_titles)
from kg.knowledge.rules import (_TITLE_BREAK, ArgumentRules, Gazetteer, NameRules, ReferenceRules, RelationRules,
                                ResolutionRules, Rules, TitleRules, _longest_from)
from kg.model import ActorType
from kg.relationtable import relation_table

__all__ = ["load_rules", "default_rules"]


def load_rules(gazetteers: Iterable[str | Path] = (), lexicons: Iterable[str | Path] = (),
               language_code: str = "en") -> Rules:
    """The shipped data of a language plus the user's own gazetteer and lexicon files (which
    win on conflict)."""
    _check_constructions()
    rules = Loading()
    load_places(data_path("places.tsv"), rules)
    load_countries(data_path("countries.tsv"), rules)
    load_gazetteer(data_path("gazetteer.yaml"), rules)
    load_lexicon(data_path(f"{language_code}/lexicon.yaml"), rules)
    load_titles(data_path(f"{language_code}/titles.yaml"), rules)
    load_descriptors(data_path(f"{language_code}/descriptors.yaml"), rules)
    load_given_names(data_path(f"{language_code}/given_names.txt"), rules)
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


def _check_constructions() -> None:
    """Every construction the relation table names is one the extractor has."""
    known = set(VERB_CONSTRUCTIONS) | set(NOUN_CONSTRUCTIONS)
    for name, spec in relation_table().relations.items():
        if spec.construction is not None and spec.construction not in known:
            raise RuleFileError(str(data_path("relations.yaml")), f"relation {name}: unknown construction "
                                f"{spec.construction!r} (one of {', '.join(sorted(known))})")


@lru_cache(maxsize=1)
def default_rules() -> Rules:
    return load_rules()


def _frozen(loaded: "Loading", lang: Language) -> Rules:
    frozen = MappingProxyType
    gazetteer = Gazetteer(frozen(dict(loaded.names)),
                          frozen({name: frozenset(aliases) for name, aliases in loaded.aliases.items()}),
                          frozen(dict(loaded.name_variants)), frozen(_longest_from(loaded.names)),
                          frozen(dict(loaded.demonyms)), NameArticles.of(lang.words.name_articles))
    titles = TitleRules(frozen(dict(loaded.titles)), loaded.title_modifiers, loaded.title_domains,
                        loaded.not_leading, loaded.former, lang.words.honorifics, loaded.state_titles,
                        frozenset(_TITLE_BREAK.split(head, 1)[0] for head in loaded.titles if _TITLE_BREAK.search(head)),
                        frozenset(word for word, types in loaded.definite_descriptions.items()
                                  if ActorType.COUNTRY in types), frozen(dict(loaded.definite_descriptions)),
                        language=lang)
    verbs = frozen({lemma: tuple(rules) for lemma, rules in loaded.verbs.items()})
    names = NameRules(gazetteer, frozen(dict(loaded.name_heads)), loaded.national_heads,
                      frozen(dict(loaded.trailing_descriptors)), loaded.state_metonyms, loaded.state_name_nouns,
                      loaded.document_heads, loaded.given_names, titles.titles, titles.title_modifiers,
                      titles.honorifics, frozenset(verbs),
                      frozenset(lemma for lemma, rules in verbs.items() if any(r.place_objects for r in rules)),
                      titles.state_nouns, frozenset(loaded.nouns))
    arguments = ArgumentRules(loaded.proxy_nouns, loaded.state_name_nouns, loaded.stance_nouns, loaded.pact_nouns,
                              loaded.asset_nouns,
                              frozenset(lemma for lemma, rules in verbs.items() if any(r.purpose_objects for r in rules)))
    return Rules(
        gazetteer, names, titles, arguments, ResolutionRules(gazetteer, loaded.state_name_nouns, lang),
        ReferenceRules(frozen(dict(loaded.definite_descriptions)), loaded.local_descriptions,
                       gazetteer.demonyms, loaded.national_heads, lang),
        RelationRules(verbs, frozen(dict(loaded.nouns)), loaded.light_verbs, loaded.joining_verbs, arguments,
                      loaded.label_nouns, loaded.collective_nouns, loaded.delegation_nouns, loaded.siding_verbs,
                      loaded.recognising_verbs),
        lang)
