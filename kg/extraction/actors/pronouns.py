"""Whom a person's pronoun stands for ('he', 'a-t-il ajouté', "l'a reçu", the 'we' of a quote),
and the search of the actors named so far that every reference of the article uses."""
from __future__ import annotations

from kg.model import ActorType
from kg.knowledge.language import Words
from kg.extraction.parsing import roles
from kg.extraction.actors.plurals import named_subjects

__all__ = ["last_fitting", "person_of_pronoun", "clitic_person", "speaking", "ASIDE"]

ASIDE = "aside"  # the role in the history of a name in a relative clause ('the TTP, which is aligned with X')
SPEAKER_REACH = 1  # sentences back a pronoun that speaks ('a-t-il ajouté') or an object clitic ("l'a reçu") looks for the person
NAMED_REACH = 12  # sentences back a description looks for a name that ends in its own word


def last_fitting(history, actors, types, prefer_subject: bool, before, sentences_back: int = 2,
                 besides: set[int] = frozenset(), word: str | None = None) -> int | None:
    """The latest fitting actor of the history in the last `sentences_back` sentences before
    `before`; with `prefer_subject`, the latest such subject when there is one; with `word`, one
    whose name ends in that word when there is one in the NAMED_REACH sentences before ('the
    mission': the X Mission, over the UN named since). The history is in text order, so the search stops at the first entry too far back."""
    limit = before[0] - sentences_back
    if word is not None:
        named = [aid for sentence, token, aid, _ in history if before[0] - NAMED_REACH <= sentence and (sentence, token) < before
                 and actors[aid].type in types and aid not in besides and _named_as(actors[aid], word)]
        if named:
            return named[-1]
    latest = aside = None
    for sentence, token, aid, dep in reversed(history):
        if sentence < limit:
            break
        if (sentence, token) >= before or actors[aid].type not in types or aid in besides:
            continue
        if dep == ASIDE:  # 'the TTP, which is aligned with the Taliban, ...': the Taliban only if none else
            aside = aside if aside is not None else aid
            continue
        if not prefer_subject or dep in roles.NOMINAL_SUBJECTS:
            return aid
        if latest is None:
            latest = aid
    return latest if latest is not None else aside


def _named_as(actor, word: str) -> bool:
    return any(name.lower().split()[-1:] == [word] for name in [actor.name, *actor.names])


def person_of_pronoun(tok, sentence: int, history, actors, token_actor, cue, words: Words) -> int | None:
    """The person a pronoun stands for: who says the quote a first-person pronoun is in ('"We
    call for a truce," X said', '... he added'), the person who speaks by 'il' ('« ... », a-t-il
    ajouté'), else, for 'he' or 'she', the last person named, a subject first."""
    here = (sentence, tok.i)
    if tok.lower_ in words.speaker_pronouns:
        target = _quoted_speaker(tok, sentence, token_actor, cue, words)
        if target is None and _said_by_a_pronoun(tok, words):
            target = last_fitting(history, actors, {ActorType.PERSON}, prefer_subject=True, before=here, sentences_back=SPEAKER_REACH)
        return target
    if tok.lower_ not in words.person_pronouns:
        return last_fitting(history, actors, {ActorType.PERSON}, prefer_subject=True, before=here, sentences_back=SPEAKER_REACH)
    if _said_by_someone_unnamed(tok, sentence, token_actor, actors, words):
        return None
    return _subject_of_first_clause(tok, sentence, token_actor, actors) or last_fitting(
        history, actors, {ActorType.PERSON}, prefer_subject=True, before=here)


def clitic_person(tok, sentence: int, history, actors, token_actor) -> int | None:
    """'William Ruto l'a reçu', 'il lui a demandé de ...': an object pronoun before its verb is the
    person named last in this sentence or the one before who is not the verb's own subject."""
    here = (sentence, tok.i)
    said = [c for c in tok.head.children if c.dep_ in roles.NOMINAL_SUBJECTS]
    subjects = {a for c in said for a in token_actor.get((sentence, c.i), ())}
    if any(c.pos_ == "PRON" and (sentence, c.i) not in token_actor for c in said):  # 'Il lui a demandé': il is
        continued = last_fitting(history, actors, {ActorType.PERSON}, True, here, sentences_back=SPEAKER_REACH)  # who spoke last
        subjects |= {continued} if continued is not None else set()
    return last_fitting(history, actors, {ActorType.PERSON}, prefer_subject=True, before=here,
                        sentences_back=SPEAKER_REACH, besides=subjects)


def speaking(pronoun, words: Words) -> bool:
    """Whether a pronoun is the subject of a verb of saying ('a-t-il ajouté', 'he said')."""
    return pronoun.dep_ in roles.NOMINAL_SUBJECTS and pronoun.head.lemma_.lower() in words.speech_verbs


def _saying_verbs(pronoun, words: Words):
    """The verbs of saying, from the nearest up, whose reported clause the pronoun is in."""
    tok = pronoun
    while tok.head != tok:
        clause, tok = tok, tok.head
        if clause.dep_ == "complement_clause" and tok.lemma_.lower() in words.speech_verbs:
            yield tok


def _said_by_a_pronoun(pronoun, words: Words) -> bool:
    """'"We call for a truce," he added': the words a first-person pronoun is in are said by a
    person the sentence names only by a pronoun."""
    verb = next(_saying_verbs(pronoun, words), None)
    return verb is not None and any(c.dep_ in roles.NOMINAL_SUBJECTS and (
        c.lower_ in words.person_pronouns or c.lower_ in words.speaking_pronouns) for c in verb.children)


def _said_by_someone_unnamed(pronoun, sentence: int, token_actor, actors, words: Words) -> bool:
    """'The Malawian foreign minister said he had met ...': 'he' is whoever said it, a person the
    article does not name here, not the last one it named."""
    verb = pronoun.head
    while verb.dep_ == "conjunct" and verb.head != verb:
        verb = verb.head
    if verb.dep_ != "complement_clause" or verb.head == verb or verb.head.lemma_.lower() not in words.speech_verbs:
        return False
    speakers = [c for c in verb.head.children if c.dep_ in roles.NOMINAL_SUBJECTS]
    return bool(speakers) and all(c.pos_ == "NOUN" and not any(d.dep_ == "possessor" for d in c.children) and not any(
        actors[a].type is ActorType.PERSON for a in token_actor.get((sentence, c.i), ())) for c in speakers)  # 'his office said he'


def _quoted_speaker(pronoun, sentence: int, token_actor, cue, words: Words) -> int | None:
    """'"We urge X to withdraw," Y said', 'Y said: "We call for ..."': who says the words a
    first-person pronoun is in, when the sentence names them (not by a pronoun) as the subject of a
    verb of saying."""
    for verb in _saying_verbs(pronoun, words):
        speakers = [a for c in named_subjects(verb, sentence, cue) for a in token_actor.get((sentence, c.i), ())]
        if len(speakers) == 1:
            return speakers[0]
    return None


def _subject_of_first_clause(pronoun, sentence: int, token_actor, actors) -> int | None:
    """'X said the minister was there, and he held Y responsible': the subject pronoun of a clause
    joined to another is that clause's subject, a person, not someone named inside it."""
    verb = pronoun.head
    if pronoun.dep_ != "subject" or verb.dep_ != "conjunct" or verb.head == verb:
        return None
    people = [a for c in verb.head.children if c.dep_ == "subject" for a in token_actor.get((sentence, c.i), ())
              if actors[a].type is ActorType.PERSON]
    return people[0] if len(people) == 1 else None
