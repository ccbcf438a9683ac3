"""The words and grammar of the article's language the rules rely on, read from its folder
under `ontology/` (`ontology/en/` for English) and checked against the schemas below: modality
cues, function words, speech and event verbs, name particles, date words, and the dependency
labels of the parser. Each fact is written once, in the data; the code names it by its role."""
from __future__ import annotations

from functools import lru_cache

from kg.datafiles import checked, data_path, read_yaml_mapping, two_columns
from kg.knowledge.contentheads import ContentHeads, FrozenData

__all__ = ["Language", "ModalityCues", "Syntax", "Words", "DateWords", "language", "language_of", "languages_read", "language_name"]

Words_ = frozenset[str]


class VerbWithParticle(FrozenData):
    verb: str
    particle: str


class VerbsWithParticle(FrozenData):
    verbs: Words_
    particle: str


class VerbsWithParticles(FrozenData):
    verbs: Words_
    particles: Words_


class VerbWithAuxiliaries(FrozenData):
    verb: str
    auxiliaries: Words_


class ModalityCues(FrozenData):
    future_auxiliaries: Words_
    negating_determiners: Words_
    negating_verbs: Words_
    negating_phrasal_verbs: dict[str, str]
    planning_governors: Words_
    expected_governors: Words_
    planned_destinations: Words_
    promising_verbs: Words_
    planning_adjectives: Words_
    past_adjectives: Words_
    ongoing_verbs: Words_
    perfect_contractions: Words_
    hypothetical_auxiliaries: Words_
    planning_nouns: Words_
    certainty_nouns: Words_
    ceasing_verbs: Words_
    ceasing_phrases: dict[str, Words_] = {}  # a verb and the objects that make it one of ceasing ('put an end to')
    futility_words: Words_ = frozenset()  # an attempt they qualify failed: 'tried in vain to'
    conditional_markers: Words_
    claiming_verbs: Words_
    claim_nouns: Words_
    responding_verbs: Words_
    reason_prepositions: Words_
    future_features: Words_ = frozenset()  # morphological features of a future or conditional verb form
    going_to: VerbWithAuxiliaries
    looking_forward: VerbWithParticle


class Syntax(FrozenData):
    """The parser's dependency labels, fine-grained tags and entity labels, each with the role
    kg's rules know it by (kg.extraction.parsing.roles); for a scheme headed by content words,
    how its trees are reshaped."""

    pipelines: tuple[str, ...]  # spaCy pipelines that parse the language, by preference
    package: str  # the package on the index that installs one
    labels: dict[str, str]
    tags: dict[str, str]
    entities: dict[str, str]
    content_heads: ContentHeads | None = None
    parse_substitutions: dict[str, str] = {}  # characters the parser reads as others ('«' as '"'), one for one
    sentence_ends: Words_ = frozenset()  # when given, only after one of these may the parser start a sentence


class DaysAgo(FrozenData):
    units: Words_
    word: str
    word_first: bool = False  # 'il y a trois jours', not 'three days ago'


class DateWords(FrozenData):
    months: dict[str, int]
    month_abbreviations: dict[str, int]
    ambiguous_month: str
    weekdays: dict[str, int]
    weekday_before: Words_
    weekday_after: Words_
    weekday_this: Words_
    month_qualifiers: Words_
    mid: str
    day_offsets: dict[str, int]
    month_offsets: dict[str, int]
    year_offsets: dict[str, int]
    vague: Words_
    days_ago: DaysAgo
    ordinal_suffixes: Words_
    date_prepositions: Words_
    day_prepositions: Words_
    year_prepositions: Words_
    definite_article: str
    belonging: str
    capitalised_names: bool = True  # months and weekdays are names only capitalised ('May' the month, 'may' not)
    relation_after_weekday: bool = False  # 'lundi dernier', not 'last Monday'


class Words(FrozenData):
    articles: Words_
    definite_article: str
    demonstratives: Words_
    pointing_determiners: Words_
    determiners: Words_
    possessive_pronouns: Words_
    organisation_possessives: Words_
    person_pronouns: Words_
    thing_pronouns: Words_
    plural_pronouns: Words_
    compound_tails: Words_
    speaker_pronouns: Words_
    collective_pronouns: Words_
    possessive_relative: str
    relative_pronouns: Words_
    aside_relatives: Words_
    genitive: Words_
    conjunction: str
    belonging: str
    origins: Words_
    source_preposition: str
    complementiser: str
    provoking_verbs: Words_
    undergoing_verbs: Words_
    serving: str
    inside: str
    accompanying: str
    companions: Words_
    companion_prepositions: Words_
    escorting_verbs: Words_
    title_prepositions: Words_
    title_organisation_prepositions: Words_
    envoy_titles: Words_
    missions: Words_
    former_prefixes: Words_
    bygone_modifiers: Words_
    actor_prepositions: Words_
    locative_prepositions: Words_
    place_prepositions: Words_
    between: Words_
    label_prepositions: Words_
    naming_verbs: Words_
    free_relatives: Words_
    including: Words_
    opposing: str
    document_nouns: Words_
    military_words: Words_
    people_nouns: Words_
    insurgent_nouns: Words_
    instrument_verbs: Words_
    ethnic_markers: Words_
    armed_men_nouns: Words_
    bare_institutions: Words_
    language_compounds: Words_
    state_army_nouns: Words_
    state_army_name: str
    army_name_endings: Words_
    severed_modifiers: Words_
    military_ranks: Words_
    deed_nouns: Words_
    wrong_nouns: Words_
    patient_nouns: Words_
    accusing_verbs: Words_
    wrongdoing_verbs: dict[str, Words_]
    reprisal_verbs: dict[str, Words_]
    them: str
    appeal_prepositions: Words_
    setting_prepositions: Words_
    meeting_settings: Words_
    authorship: Words_
    agent_preposition: str
    role_prepositions: Words_
    backer_participles: Words_
    owner_participles: Words_
    home_state_modifiers: Words_
    home_state_nouns: Words_
    appointing_verbs: Words_
    leading_participles: Words_
    led_bodies: Words_
    obligation_auxiliaries: Words_
    advising_auxiliaries: Words_
    condition_auxiliaries: Words_
    condition_markers: Words_
    only_condition_markers: Words_
    restricting_adverb: str
    name_tail_nouns: Words_
    government_nouns: Words_
    leading_verb_forms: Words_
    contingent_nouns: Words_
    mission_words: Words_
    led_parties: Words_
    member_nouns: Words_ = frozenset()  # an international body's members are states, not the body
    description_qualifiers: Words_ = frozenset()  # 'the rebel group' is still a definite description
    speaking_pronouns: Words_ = frozenset()  # pronouns that are a person when they say something ('a-t-il ajouté')
    object_clitics: Words_ = frozenset()  # object pronouns written before their verb: "l'a reçu", 'lui a demandé'
    means_nouns: Words_ = frozenset()  # how one talks: 'spoke by phone with X'
    title_echoes: Words_ = frozenset()  # a title said again, of another body: 'celui du Zimbabwe', 'that of Zimbabwe'
    comparison_adjectives: Words_ = frozenset()  # 'a position close to that of X' is not X's
    pitting: VerbsWithParticles = VerbsWithParticles(verbs=frozenset(), particles=frozenset())  # 'clashes pitted A against B'
    overseeing: Words_
    auspices: Words_
    mediating_verbs: Words_
    removal_verbs: Words_
    head_of_state_titles: Words_
    owner_prepositions: Words_
    claimed_nouns: Words_
    state_force_words: Words_
    presence: str
    together: str
    one: str
    time_zones: Words_
    name_connectors: Words_
    surname_articles: Words_ = frozenset()  # capitalised, inside a name only: 'Jean-Yves Le Drian'
    lowercase_names: Words_ = frozenset()  # names of groups the language writes in lower case: 'les shebab'
    name_articles: Words_
    name_joiners: Words_
    alias_cues: Words_
    national_body_words: Words_
    honorifics: Words_
    generic_title_words: Words_
    title_spellings: dict[str, str]
    counterpart: str
    leader_titles: Words_
    numbers: dict[str, int]
    count_words: dict[str, int]
    people_quantifiers: Words_
    reciprocal_pronouns: Words_
    own_name_heads: Words_
    exchanging_verbs: Words_
    on_behalf_verbs: Words_
    speech_verbs: Words_
    speaker_acts: Words_
    requesting_nouns: Words_
    request_settings: Words_
    addressing_verbs: Words_
    stating_verbs: Words_
    person_offices: Words_
    peoples: Words_
    stance_prefixes: Words_
    partner_roles: Words_
    figurative_conflicts: Words_
    addressees: Words_
    time_subordinators: Words_
    attribution: tuple[str, str]
    entering_verbs: Words_
    entering_prepositions: Words_
    purpose_prepositions: Words_
    travel_verbs: Words_
    travel_nouns: Words_
    happening_verbs: Words_
    observer_roles: Words_
    taking_part: dict[str, str]
    joined_settings: Words_
    undergoing: VerbsWithParticle
    bringing_together: VerbWithParticle
    meeting_words: Words_
    copula: str
    person_relatives: Words_
    modifiers_follow_head: bool = False  # adjectives after their noun: 'le président tchadien'
    lowercase_demonyms: bool = False  # demonyms are written in lower case: 'tchadien'
    body_names: dict[str, str] = {}  # a state's body as the language names it -> the English name kg gives it
    lowercase_name_words: bool = False  # a name's words after the first in lower case ('Comité pour la transition')
    envoy_prepositions: Words_ = frozenset()  # 'recalled its ambassador from Algiers': the capital is its state
    definite_articles: Words_ = frozenset()  # other forms of the definite article: 'la', 'les', "l'"
    belonging_forms: Words_ = frozenset()  # other forms of `belonging`, fused with the article: 'du', 'des', "d'"
    inside_forms: Words_ = frozenset()  # other prepositions of `inside`: 'au Gabon', 'en Afrique'

    def definite(self, word: str) -> bool:
        """Whether a (lower-case) word is the definite article: 'the'; 'le', 'la', 'les', "l'"."""
        return word == self.definite_article or word in self.definite_articles

    def of(self, word: str) -> bool:
        """Whether a (lower-case) word is the preposition of belonging: 'of'; 'de', 'du', 'des', "d'"."""
        return word == self.belonging or word in self.belonging_forms

    def in_(self, word: str) -> bool:
        """Whether a (lower-case) word is the preposition of a place something is in: 'in'; 'à', 'au', 'aux', 'en'."""
        return word == self.inside or word in self.inside_forms

    def title_head(self, title: str) -> str:
        """The word a title's phrase is the post of: its last ('foreign minister') or the last
        before 'of' ('head of state'), or its first where modifiers follow the head ('chef de
        l'État', 'ministre des Affaires étrangères')."""
        words = title.lower().split() or [""]
        if self.modifiers_follow_head:
            return words[0]
        if self.belonging in words[1:]:
            return words[words.index(self.belonging, 1) - 1]  # 'head of state', 'minister of foreign affairs'
        return words[-1]

    def group_size(self, word: str) -> int | None:
        """How many a word before a plural counts when it names a small group ('three', 'both',
        '4'): two to five, else None."""
        count = self.numbers.get(word) or self.count_words.get(word) or (int(word) if word.isdigit() else None)
        return count if count is not None and GROUP_SIZES[0] <= count <= GROUP_SIZES[1] else None


GROUP_SIZES = (2, 5)  # 'the three leaders', 'both sides'; larger counts are no group one refers back to


class Language(FrozenData):
    code: str
    modality: ModalityCues
    syntax: Syntax
    words: Words
    dates: DateWords


def _read(code: str, name: str, schema):
    path = data_path(f"{code}/{name}.yaml")
    return checked(schema, read_yaml_mapping(path), path)


@lru_cache(maxsize=None)
def language(code: str) -> Language:
    """The language data of `code` (its folder `ontology/<code>/`), read once."""
    return Language(code=code, modality=_read(code, "modality", ModalityCues), syntax=_read(code, "syntax", Syntax),
                    words=_read(code, "words", Words), dates=_read(code, "dates", DateWords))


@lru_cache(maxsize=1)
def languages_read() -> tuple[str, ...]:
    """The codes of the languages kg reads: those whose folder under `ontology/` holds their syntax."""
    return tuple(sorted(path.parent.name for path in data_path("gazetteer.yaml").parent.glob("*/syntax.yaml")))


def language_of(parsed) -> Language:
    """The language of a parsed document, or of the document a token or span is part of: the
    parse carries the language of the pipeline that made it."""
    return language(parsed.lang_ if hasattr(parsed, "lang_") else parsed.doc.lang_)


@lru_cache(maxsize=1)
def _names() -> dict[str, str]:
    return two_columns(data_path("languages.tsv"), "a code and a name")  # ISO 639 code -> name


def language_name(code: str) -> str:
    """'French (fr)'; '' for a script other than the Latin alphabet the identifier cannot name."""
    if not code:
        return "a script other than the Latin alphabet"
    return f"{_names().get(code, code)} ({code})"
