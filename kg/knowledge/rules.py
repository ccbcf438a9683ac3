"""What the extractor knows, loaded from the data files in `ontology/` (see `rulefiles`) and
split by stage: each stage of the extraction receives the part it reads, frozen."""
from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from kg.model import ActorType
from kg.knowledge.language import Language
from kg.knowledge.lexicon import LexiconWords, NounRule, VerbRule
from kg.knowledge.names import NameArticles, fold

__all__ = [
    "GazetteerEntry", "TitleRule", "Gazetteer", "NameRules", "TitleRules",
    "ArgumentRules", "ResolutionRules", "ReferenceRules", "RelationRules", "Rules",
    "person_key",
]


@dataclass(frozen=True)
class GazetteerEntry:
    """One known name: what it refers to and how it refers (name, demonym, capital...)."""

    name: str  # canonical name of the actor it refers to
    type: ActorType
    kind: str = "name"  # name | demonym | capital | metonym | town (a place in the state)
    country: str | None = None


@dataclass(frozen=True)
class TitleRule:
    head: str
    leads: bool


@dataclass(frozen=True)
class Gazetteer:
    """The actors kg knows by name: every alias folded, the aliases of each canonical name, and
    the spellings of one given name or surname ('Mohammed', 'Muhammad')."""

    names: Mapping[str, GazetteerEntry]  # fold(alias) -> entry
    aliases: Mapping[str, frozenset[str]]  # canonical name -> aliases
    name_variants: Mapping[str, str]  # folded variant -> key
    longest_from: Mapping[str, int] = field(default_factory=dict)  # first word -> most words of a name it starts
    demonyms: Mapping[str, str] = field(default_factory=dict)  # state -> its first demonym ('Afghan')
    name_articles: NameArticles = NameArticles.of(())  # of the rules' language
    nationals: Mapping[str, str] = field(default_factory=dict)  # fold(a person's full name) -> their state
    people: Mapping[str, GazetteerEntry] = field(default_factory=dict)  # person_key(full name) -> entry

    def entry(self, text: str) -> GazetteerEntry | None:
        return self.names.get(fold(text))

    def person_entry(self, text: str) -> GazetteerEntry | None:
        """The known person a full name of two words or more spells another way ('Abdul Fattah
        al-Burhan' for 'Abdel Fattah al-Burhan')."""
        key = person_key(text, self)
        return self.people.get(key) if " " in key else None

    def nationality(self, names: list[str]) -> str | None:
        """The state of a person known by one of these full names, when they name one state."""
        states = {self.nationals.get(fold(n)) for n in names} - {None}
        return states.pop() if len(states) == 1 else None

    def tokens_from(self, word: str) -> int:
        """How many tokens from this word a known name may take: none when no name starts with
        it, else twice its words (a word and the hyphen or apostrophe after it are two tokens)."""
        return 2 * self.longest_from.get(first_word(fold(word)), 0)


_WORD_BREAK = re.compile(r"[ '\-]")
_TITLE_BREAK = re.compile(r"[ \-]")


def _longest_from(keys) -> dict[str, int]:
    longest: dict[str, int] = {}
    for key in keys:
        words = _WORD_BREAK.split(key)
        longest[words[0]] = max(longest.get(words[0], 0), len(words))
    return longest


def first_word(folded: str) -> str:
    """The first word of a folded name, up to a space, hyphen or apostrophe: 'al-sham' -> 'al',
    "hay'at tahrir al-sham" -> 'hay' (the parser may split a word there)."""
    return _WORD_BREAK.split(folded, 1)[0]


@dataclass(frozen=True)
class TitleRules:
    """Titles of posts and the words around them (for `titles` and `posts`)."""

    titles: Mapping[str, TitleRule]  # head -> rule
    title_modifiers: frozenset[str]
    title_domains: frozenset[str]
    not_leading: frozenset[str]
    former: frozenset[str]
    honorifics: frozenset[str]
    state_titles: frozenset[str]
    phrase_starts: frozenset[str] = frozenset()  # first words of the titles of more than one word
    state_nouns: frozenset[str] = frozenset()  # 'the country's prime minister' is a state's
    state_name_nouns: frozenset[str] = frozenset()  # 'the Chadian authorities' speak for their state
    trailing_descriptors: Mapping[str, ActorType] = field(default_factory=dict)  # 'head of the X militia'
    described_owners: Mapping[str, tuple[ActorType, ...]] = field(default_factory=dict)  # 'the bloc's envoy'
    title_factions: frozenset[str] = frozenset()  # 'opposition leader': a faction's post, not the state's
    language: Language = field(kw_only=True)  # whose titles these are

    def may_start_phrase(self, word: str) -> bool:
        """Whether a title of more than one word ('prime minister', 'vice-president') starts
        with this (lower-case) word."""
        return word in self.phrase_starts


@dataclass(frozen=True)
class NameRules:
    """What finding and typing names reads (`mentions`): the gazetteer, words that type a name,
    the title words a name is not made of, and the verbs whose object may be a place."""

    gazetteer: Gazetteer
    name_heads: Mapping[str, ActorType]
    national_heads: frozenset[str]
    trailing_descriptors: Mapping[str, ActorType]
    state_metonyms: frozenset[str]
    state_name_nouns: frozenset[str]
    document_heads: frozenset[str]
    given_names: frozenset[str]
    titles: Mapping[str, TitleRule]
    title_modifiers: frozenset[str]
    honorifics: frozenset[str]
    relation_verbs: frozenset[str]  # lemmas of the lexicon's verbs
    place_object_verbs: frozenset[str]  # those whose object may be a place ('visited Kabul')
    stance_verb_preps: Mapping[str, frozenset[str]]  # of a stance verb, the prepositions of whom it is taken on ('reprocher à')
    title_domains: frozenset[str] = frozenset()  # 'Foreign', 'Défense': a title's domain, no name
    state_nouns: frozenset[str] = frozenset()  # 'Government of Moldova' is the state, no longer name
    relation_nouns: frozenset[str] = frozenset()  # lemmas of the lexicon's nouns ('condemnation from Kyiv')
    weapon_nouns: frozenset[str] = frozenset()  # 'BM-21 launchers': a make of weapon before them
    event_lead_words: frozenset[str] = frozenset()  # 'Operation Rising Lion': an operation's name

    def entry(self, text: str) -> GazetteerEntry | None:
        return self.gazetteer.entry(text)


@dataclass(frozen=True)
class ResolutionRules:
    """What deciding which names denote one actor reads (`resolve`)."""

    gazetteer: Gazetteer
    state_name_nouns: frozenset[str]
    name_heads: Mapping[str, ActorType]  # 'commission', 'agency': a body's head word
    language: Language  # whose words the names are written with


@dataclass(frozen=True)
class ReferenceRules:
    """Definite descriptions pronouns' neighbours point back with (`coref`)."""

    definite_descriptions: Mapping[str, tuple[ActorType, ...]]
    local_descriptions: frozenset[str]
    demonyms: Mapping[str, str]  # a state's demonym, by the state's canonical name
    national_heads: frozenset[str]  # 'forces', 'army': the heads of a state's own forces' names
    language: Language  # whose pronouns and descriptions these are


@dataclass(frozen=True)
class ArgumentRules:
    """The nouns the argument finder looks through to the actors they stand for (`arguments`)."""

    proxy_nouns: frozenset[str]  # 'Hamas fighters'
    state_name_nouns: frozenset[str]  # 'the government in Kabul'
    asset_nouns: frozenset[str]  # 'Iranian nuclear sites', 'sites in Pakistan'
    lexicon: LexiconWords  # its stance nouns ('the Turkish move') and pact nouns ('an agreement with the EU')
    sending_verbs: frozenset[str] = frozenset()  # 'sent troops to join X': the troops join
    weapon_nouns: frozenset[str] = frozenset()  # 'sent jets to strike X': the sender strikes
    name_heads: Mapping[str, ActorType] = field(default_factory=dict)  # 'Kosovo Force': a force, whose members are soldiers


@dataclass(frozen=True)
class RelationRules:
    """The relation lexicon (`relations`): its verb and noun entries, by lemma, and its word lists."""

    verbs: Mapping[str, tuple[VerbRule, ...]]
    nouns: Mapping[str, NounRule]
    lexicon: LexiconWords
    arguments: ArgumentRules

    def verb_rules(self, lemma: str) -> tuple[VerbRule, ...]:
        return self.verbs.get(lemma, ())


@dataclass(frozen=True)
class Rules:
    """Everything the extractor knows, by the stage that reads it."""

    gazetteer: Gazetteer
    names: NameRules
    titles: TitleRules
    arguments: ArgumentRules
    resolution: ResolutionRules
    references: ReferenceRules
    relations: RelationRules
    language: Language  # whose words, titles and lexicon these are


def person_key(name: str, gazetteer: Gazetteer) -> str:
    """A person's name with transliteration variants and Arabic articles folded:
    'Abu Mohammed al-Jolani' and 'Abu Muhammad al-Julani' give the same key."""
    words = []
    for word in fold(name).replace("-", "- ").split():
        word = word.rstrip("-") if word.endswith("-") and gazetteer.name_articles.fused.match(word + "x") else word
        if word in gazetteer.name_articles.words:
            continue
        words.append(gazetteer.name_variants.get(word, word))
    return " ".join(words)


