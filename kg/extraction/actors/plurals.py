"""'They', 'their' and 'its' that stand for actors listed in their own sentence: the subjects of
a verb of saying whose clause they are in ('A and B said they ...'), of a clause of time ('A and B
confirmed it when they met'), of the verb 'their meeting' hangs on with whom it addresses, and
'its' after 'A and' ('A and its ally')."""
from __future__ import annotations

from kg.model import ActorType
from kg.knowledge.language import Words
from kg.extraction.parsing import roles

__all__ = ["owned_or_listed", "named_subjects", "NOT_ORG_TYPES"]

NOT_ORG_TYPES = {ActorType.PERSON, ActorType.PLACE, ActorType.GROUP}  # no organisation 'its' may stand for


def owned_or_listed(tok, sentence: int, token_actor, cue, actors, words: Words) -> bool:
    """Resolves 'they'/'their' in a list's report and 'its' after 'A and' (in the index, not as a
    naming: no count for 'the two sides'); whether the word was one of those."""
    if tok.pos_ != "PRON":
        return False
    if tok.lower_ in words.plural_pronouns:
        found = _reporting_list(tok, sentence, token_actor, cue, words)
    else:
        joined = _joined_owner(tok, sentence, token_actor, actors) if tok.lower_ in words.thing_pronouns else None
        if joined is None:
            return False
        found = [joined]
    if found:
        token_actor[(sentence, tok.i)], cue[(sentence, tok.i)] = found, "pronoun"
    return True


def _reporting_list(pronoun, sentence: int, token_actor, cue, words: Words) -> list[int]:
    """'A, B and C announced they had cut ties with D', 'A and B said their forces would ...': the
    actors listed as the subject of the verb of saying whose clause 'they' or 'their' is in; and
    of the verb a phrase with 'their' hangs on ('A and B flew back after their meeting with C')."""
    noun, addressed = pronoun.head, []
    path = [noun.head.head] if pronoun.dep_ == "possessor" and noun.dep_ == "prep_object" else []
    while path and path[-1].pos_ in ("NOUN", "ADP") and path[-1].head != path[-1] and len(path) < 4:
        path.append(path[-1].head)  # the parser may hang 'at their meeting' on the verb's object
    if path and path[-1].pos_ in ("VERB", "AUX"):
        teller = path[-1]  # 'A, B and C flew back after their meeting with D'
        addressed = [p for t in path for c in t.children if c.dep_ == "preposition" and c.lower_ in words.addressees
                     for p in c.children if p.dep_ == "prep_object"]  # 'A explained it to B at their meeting'
    else:
        clause = noun if pronoun.dep_ in roles.NOMINAL_SUBJECTS else noun.head
        timed = clause.dep_ == "adverb_clause" and pronoun.dep_ in roles.NOMINAL_SUBJECTS and any(
            c.dep_ in ("subordinator", "adverb") and c.lower_ in words.time_subordinators for c in clause.children)
        if clause.head == clause or not timed and (
                clause.dep_ != "complement_clause" or clause.head.lemma_.lower() not in words.speech_verbs):
            return []
        teller = clause.head  # 'A and B said they ...', 'A and B confirmed it when they met'
    listed = [t for c in named_subjects(teller, sentence, cue) + addressed
              for t in [c, *[d for d in c.subtree if d.dep_ in ("conjunct", "apposition")]]]
    ids = list(dict.fromkeys(a for t in listed for a in token_actor.get((sentence, t.i), ())))
    return ids if len(ids) >= 2 else []


def _joined_owner(pronoun, sentence: int, token_actor, actors) -> int | None:
    """'Damascus and its ally Moscow', 'the government and its forces': the possessive of a noun
    joined by 'and' to a name is that name's."""
    noun = pronoun.head
    if pronoun.dep_ != "possessor" or noun.dep_ != "conjunct" or noun.head == noun:
        return None
    owners = [a for a in token_actor.get((sentence, noun.head.i), ()) if actors[a].type not in NOT_ORG_TYPES]
    return owners[0] if len(owners) == 1 else None


def named_subjects(verb, sentence: int, cue) -> list:
    """The subjects of a verb that are not themselves pronouns resolved to someone."""
    return [c for c in verb.children if c.dep_ in roles.NOMINAL_SUBJECTS and cue.get((sentence, c.i)) != "pronoun"]
