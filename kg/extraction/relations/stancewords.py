"""Who holds a stance a noun names and whom it is held against, beyond its possessor and the
light verb's subject: 'condemnation from X', 'at the request of X', 'X faces pressure from Y',
'the attack drew criticism', and what a demand noun asks for."""
from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extraction.relations.arguments import unique as _unique, with_coordinated
from kg.extraction.relations.found import MAX_TOPIC, Reading
from kg.extraction.relations.retold import doers_of_earlier
from kg.extraction.parsing import roles
from kg.extraction.parsing.clauses import infinitive
from kg.knowledge.language import language_of

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["sources", "with_purpose", "undergoers", "requesters", "named_after", "requested", "provoked_by",
           "noun_topic"]


def sources(r: Reading, noun: "Token") -> list[int]:
    """'condemnation from X', 'drew criticism from X' (the preposition hung on the verb)."""
    words = [noun] + ([noun.head] if noun.dep_ == "object" and noun.head.lemma_.lower() in r.words.provoking_verbs else [])
    return named_after(r, words, r.words.source_preposition)

def with_purpose(noun: "Token") -> bool:
    """Whether an infinitive says what the noun is for, hung on it or on the clause it is part of
    ('pressure on X to free the hostages', 'X is under pressure from Y to leave')."""
    clause = noun.head.head if noun.dep_ == "prep_object" else noun.head
    return any(infinitive(c) for t in (noun, clause) for c in t.children if c.dep_ in roles.INFINITIVE_CLAUSES
               or c.dep_ in roles.MODIFYING_CLAUSES)

def undergoers(r: Reading, noun: "Token") -> list[int]:
    """'X faces pressure from Y to ...', 'X came under criticism from Y': the subject of the clause
    the stance noun is undergone in is its target (only with a holder named after 'from')."""
    words, clause = r.words, noun.head
    if noun.dep_ == "prep_object" and clause.lower_ == words.undergoing.particle and clause.head != clause:
        clause = clause.head
    elif not (noun.dep_ == "object" and clause.lemma_.lower() in words.undergoing_verbs):
        return []
    if not sources(r, noun):
        return []
    return _unique(a for h in r.args.subject_heads(clause) for a in r.args.actors_of(h))

def requesters(r: Reading, noun: "Token") -> list[int]:
    """'at the request of X': whose request a requesting noun is, named after 'of'."""
    return named_after(r, [noun], r.words.belonging) if noun.lemma_.lower() in r.words.requesting_nouns else []

def named_after(r: Reading, words: list["Token"], preposition: str) -> list[int]:
    """The actors named after a preposition of these words ('from X and from Y')."""
    forms = {preposition} | (r.words.belonging_forms if preposition == r.words.belonging else set())  # 'du', 'des'
    return _unique(a for w in words for c in w.children if c.dep_ == "preposition" and c.lower_ in forms
                   for p in with_coordinated(c) for o in p.children if o.dep_ == "prep_object" for a in r.args.actors_of(o))

def requested(noun: "Token") -> str | None:
    """'X halted the operation at the request of Y', 'At Y's request, the Council met': what was
    done at a request is what was asked for, the clause the request is the setting of."""
    setting = noun.head
    if noun.dep_ != "prep_object" or setting.lower_ not in language_of(noun).words.request_settings \
            or setting.head == setting:
        return None
    clause, doc = setting.head, noun.doc
    if clause.dep_ in roles.RELATIVE_CLAUSES and clause.head != clause:
        clause = clause.head  # 'a meeting convened at the request of X': the meeting
    inside = {t.i for t in setting.subtree}
    kept = [t.i for t in clause.subtree if t.i not in inside and (t.dep_ != "subordinator" or t.head != clause)]
    runs: list[list[int]] = []  # runs of adjacent words, written as the text has them
    for i in kept:
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    text = " ".join(doc[run[0]:run[-1] + 1].text.strip(" ,;") for run in runs)
    return text.strip(" “”\"'‘’.,")[:MAX_TOPIC] or None

def provoked_by(r: Reading, noun: "Token") -> list[int]:
    """'The attack drew condemnation from X', "China's move sparked criticism": whoever did what
    provoked the stance."""
    verb = noun.head
    if verb.lemma_.lower() not in r.words.provoking_verbs:
        return []
    causes = [c for c in verb.children if c.dep_ in roles.NOMINAL_SUBJECTS]
    return _unique(a for h in causes for a in r.args.actors_of(h) or r.args.stance_actors(h)
                   or doers_of_earlier(r, h))

def noun_topic(noun: "Token", asked_with: tuple[str, ...]) -> str | None:
    """What a demand noun asks for: the words after it in its phrase, up to whoever made it ('a
    request by X', 'the demand from X'); none when no words say it ('X's demands')."""
    words = language_of(noun).words
    makers = [c for c in noun.children if c.dep_ == "preposition" and c.lower_ in (words.agent_preposition, words.source_preposition)]
    end = min((c.i for c in makers), default=None)
    tokens = [t for t in noun.subtree if t.i > noun.i and (end is None or t.i < end)]
    if tokens and tokens[0].dep_ == "preposition" and tokens[0].lower_ not in asked_with:
        return None  # 'made repeated demands in talks with X': where it was made, not what
    if tokens and tokens[0].dep_ in ("preposition", "subordinator"):
        tokens = tokens[1:]  # 'a call for a ceasefire' asks for 'a ceasefire'
    text = noun.doc[tokens[0].i:tokens[-1].i + 1].text if tokens else ""
    return text.strip(" “”\"'‘’.,")[:MAX_TOPIC] or None
