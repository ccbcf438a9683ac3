"""Which clause a clause hangs on, where the parser's attachment misleads: the head a controlled
clause shares its subject with, and the clause its modality comes from."""
from __future__ import annotations

from typing import TYPE_CHECKING

from kg.knowledge.language import language_of

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["governing_clause", "infinitive"]


def governing_clause(clause: "Token") -> "Token":
    """The clause whose subject a controlled clause shares: its head; but a participle after a
    subordinate clause ('held talks since the rebels took X, meeting in Doha') is the main clause's,
    where the parser hung it on the subordinate one."""
    head = clause.head
    if clause.dep_ == "adverb_clause" and clause.tag_ == "gerund" and head.dep_ == "adverb_clause" and head.head != head \
            and any(c.dep_ == "subordinator" for c in head.children) and clause.i > head.i:
        return head.head
    if clause.dep_ == "conjunct" and clause.tag_ == "past_verb" and head.dep_ == "complement_clause" and head.head != head \
            and any(c.dep_ in ("auxiliary", "passive_auxiliary", "subordinator") for c in head.children) \
            and not any(c.dep_ in ("auxiliary", "passive_auxiliary") for c in clause.children) \
            and clause.lemma_.lower() in language_of(clause).words.speaker_acts:
        return head.head  # 'X claimed the result had been rigged and called on ...', 'X denied that
        # Y had a part and blamed Z': X called, X blamed (not 'X said Y had crossed ... and carried out an attack')
    return head


def infinitive(clause: "Token") -> bool:
    """Whether a clause is an infinitive with 'to' ('asked X to leave', 'sent X to help'), not a
    quoted order the parser hung on the verb ('told X, "Do not ..."') nor a participle ('wrote to
    X accusing Y')."""
    return any(c.dep_ == "auxiliary" and c.tag_ == "infinitive_to" for c in clause.children)
