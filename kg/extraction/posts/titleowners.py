"""Whose a title is, as the words around it tell: a state's title, one another body owns ("the
council's president"), one a possessive pronoun or a preposition's phrase governs, and a chief
of a domain, who leads the domain rather than the state."""
from __future__ import annotations

from kg.extraction.actors.local import LocalActor
from kg.extraction.actors.titles import TitlePhrase
from kg.knowledge.language import Words, language_of
from kg.knowledge.rules import TitleRules
from kg.model import ActorType

__all__ = ["chief_of_a_domain", "in_a_phrase", "of_a_body", "possessed", "spelled", "state_title", "title_words"]


def possessed(t: TitlePhrase, rules: TitleRules) -> bool:
    """'His delegation included Foreign Minister X': whose minister depends on whose delegation;
    'the bloc's commission president' is the bloc's ('the country's president' a state's)."""
    words = language_of(t.doc).words
    if any(tok.lower_ in words.possessive_pronouns and tok.tag_ == "possessive_pronoun"
           for tok in t.doc[t.sentence.span.start:t.end]):
        return True
    return of_a_body(t, rules)


def of_a_body(t: TitlePhrase, rules: TitleRules) -> bool:
    """'the council's president': a title owned by a body other than a state."""
    return t.start > 1 and t.doc[t.start - 1].lower_ in language_of(t.doc).words.genitive \
        and t.doc[t.start - 2].lemma_.lower() not in rules.state_nouns


def state_title(t: TitlePhrase, rules: TitleRules) -> bool:
    """Whether the title ends in one only states' officials hold ('Security Minister'), or, where
    the head comes first, begins with one ('ministre de la Sécurité')."""
    language_words = language_of(t.doc).words
    words = " ".join(title_words(t.label, language_words)).split()
    ends = [words[i:] for i in range(len(words))]
    if language_words.modifiers_follow_head:
        ends += [words[:i] for i in range(1, len(words))]
    return any(" ".join(end) in rules.state_titles for end in ends)


def chief_of_a_domain(t: TitlePhrase, org: LocalActor, rules: TitleRules) -> bool:
    """'Ostrian army chief X': a leading title right after a domain word the parser read into the
    organisation's name leads the domain, not the state ('Turkish intelligence chief' leads the
    intelligence service the words name, when they name one)."""
    before = t.head_index - len(t.head.split())
    return org.type is ActorType.COUNTRY and before >= t.sentence.span.start and t.doc[before].lower_ in rules.not_leading


def in_a_phrase(t: TitlePhrase) -> bool:
    """'X inflicted losses on Y, including the death of its leader': 'its' on the object of a
    preposition of a noun is the organisation named last before it, not the clause subject's."""
    tok = t.doc[t.head_index]
    return tok.dep_ == "prep_object" and tok.head.head.pos_ in ("NOUN", "PROPN")


def title_words(label: str, words: Words) -> list[str]:
    """The words of a title that say which post it is, spelled one way; `words` of its language."""
    return [spelled(w, words) for w in label.lower().replace("-", " ").split() if w not in words.generic_title_words]


def spelled(word: str, words: Words) -> str:
    return words.title_spellings.get(word, word)
