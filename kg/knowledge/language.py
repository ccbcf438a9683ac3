"""The words and grammar of the article's language the rules rely on, read from its folder
under `ontology/` (`ontology/en/` for English) and checked against the schemas below: modality
cues, function words, speech and event verbs, name particles, date words, and the dependency
labels of the parser. Each fact is written once, in the data; the code names it by its role."""
from __future__ import annotations

from functools import lru_cache

from pydantic import BaseModel, ConfigDict

from kg.datafiles import checked, data_path, read_yaml_mapping

__all__ = ["Language", "ModalityCues", "Syntax", "Words", "DateWords", "language", "language_of"]

Words_ = frozenset[str]


class _Data(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class VerbWithParticle(_Data):
    verb: str
    particle: str


class VerbsWithParticle(_Data):
    verbs: Words_
    particle: str


class VerbWithAuxiliaries(_Data):
    verb: str
    auxiliaries: Words_


class ModalityCues(_Data):
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
    conditional_markers: Words_
    claiming_verbs: Words_
    claim_nouns: Words_
    responding_verbs: Words_
    reason_prepositions: Words_
    going_to: VerbWithAuxiliaries
    looking_forward: VerbWithParticle


class Syntax(_Data):
    """The parser's dependency labels, fine-grained tags and entity labels, each with the role
    kg's rules know it by (kg.extraction.parsing.roles)."""

    labels: dict[str, str]
    tags: dict[str, str]
    entities: dict[str, str]


class DaysAgo(_Data):
    units: Words_
    word: str


class DateWords(_Data):
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


class Words(_Data):
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

    def group_size(self, word: str) -> int | None:
        """How many a word before a plural counts when it names a small group ('three', 'both',
        '4'): two to five, else None."""
        count = self.numbers.get(word) or self.count_words.get(word) or (int(word) if word.isdigit() else None)
        return count if count is not None and GROUP_SIZES[0] <= count <= GROUP_SIZES[1] else None


GROUP_SIZES = (2, 5)  # 'the three leaders', 'both sides'; larger counts are no group one refers back to


class Language(_Data):
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


def language_of(parsed) -> Language:
    """The language of a parsed document, or of the document a token or span is part of: the
    parse carries the language of the pipeline that made it."""
    return language(parsed.lang_ if hasattr(parsed, "lang_") else parsed.doc.lang_)
