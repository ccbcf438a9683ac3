"""Relations from verbs: the lexicon's verb rules read with their subjects and objects (active
and passive voice, coordination, control into infinitives and participles, phrasal verbs,
hyphenated participles such as 'Rwanda-backed'), including the meetings verbs name."""
from __future__ import annotations

import itertools
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from kg.model import OPPOSITION, Modality
from kg.extraction.relations.constructions import construction, handler
from kg.extraction.relations.arguments import of_time, unique as _unique
from kg.extraction.relations.companions import companions
from kg.extraction.relations.clause import clause_arguments, to_each_other
from kg.extraction.relations.found import MAX_TOPIC, Reading
from kg.knowledge.language import language_of
from kg.extraction.relations.meetings import hosted_meeting, noun_participants, present_at, told_of
from kg.extraction.relations.modality import asked_of_another, modality_of
from kg.extraction.relations.verbchecks import excluded_object, figurative_fight, hosting, infinitive_with_subject
from kg.extraction.parsing.clauses import infinitive
from kg.extraction.relations.overseers import meet_overseers
from kg.extraction.relations.retold import doers_of_earlier
from kg.knowledge.lexicon import VerbFlag, VerbRule, WordKind
from kg.extraction.parsing import roles

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["read_verb", "Clause", "CLAUSE_FLAGS"]

HYPHEN_CONFIDENCE = 0.8  # "Rwanda-backed M23": said in passing

#: The flags of a verb entry read in finding its clause (whether the entry applies, its subjects,
#: objects and modality), whatever its construction: every verb construction reads them.
CLAUSE_FLAGS = (VerbFlag.particle, VerbFlag.preps, VerbFlag.direct, VerbFlag.reciprocal, VerbFlag.stance,
                VerbFlag.place_objects, VerbFlag.clause_object, VerbFlag.requires_xcomp, VerbFlag.forbids_xcomp,
                VerbFlag.requires_clause_subject, VerbFlag.requires_obligation, VerbFlag.infinitive_objects, VerbFlag.event_objects,
                VerbFlag.envoy_objects, VerbFlag.purpose_objects, VerbFlag.requires_object, VerbFlag.excludes_objects,
                VerbFlag.forbids_preps, VerbFlag.object_types)


def read_verb(r: Reading, verb: "Token") -> None:
    rules = _verb_rules(r, verb)
    for rule in rules:
        _verb_relation(r, verb, rule)
    if verb.lemma_.lower() in r.rules.lexicon.siding_verbs:
        _sided_against(r, verb)


def _sided_against(r: Reading, verb: "Token") -> None:
    """'deployed to help Kinshasa's army against the rebels': whoever sides with one against another
    opposes the other (the preposition hung on the verb or on its object)."""
    heads = [verb] + [c for c in verb.children if c.dep_ in roles.DIRECT_OBJECTS]
    targets = _unique(a for h in heads for p in h.children if p.dep_ == "preposition" and p.lower_ == r.words.opposing
                      for o in p.children if o.dep_ in roles.PREPOSITIONAL_OBJECTS for a in r.args.actors_of(o))
    if not targets:
        return
    subjects = _unique(a for h in r.args.subject_heads(verb) for a in r.args.actors_of(h))
    modality, confidence = modality_of(verb, stance=True), r.confidence(verb, subjects)
    for s in subjects:
        for o in targets:
            if s != o:
                r.add(s, OPPOSITION, o, None, modality, verb, confidence)


def _verb_rules(r: Reading, verb: "Token") -> list[VerbRule]:
    candidates = r.rules.verb_rules(verb.lemma_.lower())
    dates = r.language.dates
    objects = [c.i for c in verb.children if c.dep_ in roles.DIRECT_OBJECTS]
    particles = {c.lower_ for c in verb.children if c.dep_ in roles.VERB_PARTICLES and not of_time(c, dates)
                 and not (c.dep_ == "preposition" and any(o < c.i for o in objects))}  # not 'called the plan a basis for X'
    particles |= {g.lower_ for c in verb.children if c.dep_ == "preposition" for g in c.children
                  if g.dep_ == "adverb" and g.i < c.i}  # 'brought A together with B'
    particles |= {c.lower_ for c in verb.children if c.dep_ == "preposition" and any(
        g.dep_ == "preposition" and g.i == c.i + 1 for g in c.children)}  # 'forced X out of office'
    with_particle = [r for r in candidates if r.particle and r.particle in particles]
    plain = [r for r in candidates if not r.particle]
    if with_particle:  # 'fought alongside X against Y': allied with X, and fighting Y too
        prepositions = {c.lower_ for c in verb.children if c.dep_ == "preposition"} - {r.particle for r in with_particle}
        return with_particle + [r for r in plain if prepositions & set(r.preps)]
    return plain


def _hyphen_compound(r: Reading, verb: "Token", rule: VerbRule) -> bool:
    """'Rwanda-backed M23 rebels': the actor before the hyphen acts on the noun's actor."""
    doc = verb.doc
    if verb.i < 2 or doc[verb.i - 1].text != "-" or rule.construction == "meeting":
        return False
    subjects = r.actors.at(r.sentence.index, verb.i - 2)
    head = verb.head if verb.head != verb else None
    while head is not None and not r.actors.at(r.sentence.index, head.i) and head.dep_ in roles.ADJECTIVE_MODIFIERS:
        head = head.head
    if head is None or set(subjects) & set(r.actors.at(r.sentence.index, head.i)):
        return True  # 'the Saudi-led coalition and the UAE': the compound is the body's own name
    if (event := r.rules.nouns.get(head.lemma_.lower())) is not None and event.construction == "meeting":
        return True  # 'the AU-sponsored talks among the three countries': who hosts talks backs no side
    joined = {a for c in head.children if c.dep_ == "conjunct" for a in r.args.actors_of(c)}
    objects = [a for a in r.args.actors_of(head) if a not in joined]  # not 'and Burundian troops'
    for s in subjects:
        for o in objects:
            if s != o:
                r.add(s, rule.relation, o, None, Modality.ASSERTED, verb, HYPHEN_CONFIDENCE)
    return True


def _verb_relation(r: Reading, verb: "Token", rule: VerbRule) -> None:
    if _hyphen_compound(r, verb, rule):
        return
    with_infinitive = any(c.dep_ in roles.INFINITIVE_CLAUSES and infinitive(c) for c in verb.children) or (
        rule.requires_xcomp and any(g.dep_ == "noun_clause" and infinitive(g) for c in verb.children
                                    if c.dep_ in roles.DIRECT_OBJECTS for g in c.children))  # 'appelé ses alliés à soutenir', as parsed
    if (rule.requires_xcomp and not with_infinitive) or (rule.forbids_xcomp and with_infinitive):
        return
    if rule.requires_clause_subject and not infinitive_with_subject(verb):
        return
    if rule.requires_obligation and not any(c.dep_ == "complement_clause" and _obliged(c) for c in verb.children):
        return
    if rule.requires_object and not any(c.lower_ in rule.requires_object and (c.dep_ in roles.DIRECT_OBJECTS or (
            c.dep_ == "passive_subject")) for c in verb.children):  # 'shook hands', 'troops were sent'
        return
    if rule.excludes_objects and excluded_object(verb, rule.excludes_objects):
        return
    if figurative_fight(r, verb, rule):
        return
    if rule.forbids_preps and hosting(r, verb, rule.forbids_preps):
        return
    passive = any(c.dep_ in roles.PASSIVE for c in verb.children)
    if rule.reciprocal and companions(verb):
        rule = rule.model_copy(update={"reciprocal": False})  # 'A fought alongside B': one side, not two
    subjects, objects, topic_head = clause_arguments(r, verb, rule, passive)
    if rule.reciprocal and len(subjects) == 1 and not objects:
        subjects += r.args.coordinated_before(verb)
    modality = modality_of(verb, stance=rule.stance)
    if rule.stance and modality is Modality.ASSERTED and asked_of_another(verb):
        modality = Modality.PLANNED  # 'urged X to condemn Y': X has not condemned Y yet
    clause = Clause(verb, subjects, objects, topic_head, passive, modality, r.confidence(verb, subjects))
    if not objects and len(subjects) >= 2 and to_each_other(verb):  # 'X and Y accused each other of ...'
        pairs = itertools.combinations if rule.relation.symmetric else itertools.permutations
        for a, b in pairs(subjects, 2):
            r.add(a, rule.relation, b, None, clause.modality, verb, clause.confidence)
        return
    handler(WordKind.VERB, rule.construction)(r, rule, clause)
    if clause.modality is Modality.NEGATED and verb.lemma_.lower() in r.rules.lexicon.recognising_verbs:
        _transitive(r, rule, replace(clause, modality=Modality.ASSERTED), OPPOSITION)  # 'does not recognise X'


@dataclass(frozen=True)
class Clause:
    """A verb with its arguments, as every construction of a verb starts from."""

    verb: "Token"
    subjects: list[int]
    objects: list[int]
    topic_head: "Token | None"
    passive: bool
    modality: Modality
    confidence: float


@construction("transitive", WordKind.VERB, "subject(s) to object(s): 'X attacked Y', 'Y was attacked by X'; with "
              "`reciprocal`, coordinated subjects to each other: 'X and Y clashed'",
              reads=(*CLAUSE_FLAGS, VerbFlag.inverse), default=True)
def _transitive(r: Reading, rule: VerbRule, c: Clause, relation=None) -> None:
    relation = relation or rule.relation
    if not c.objects and rule.reciprocal and len(c.subjects) >= 2:
        for a, b in itertools.combinations(c.subjects, 2):
            r.add(a, relation, b, None, c.modality, c.verb, c.confidence)
        return
    for s in c.subjects:
        for o in c.objects:
            if s != o:
                pair = (o, s) if rule.inverse else (s, o)
                r.add(pair[0], relation, pair[1], None, c.modality, c.verb, c.confidence)


@construction("demand", WordKind.VERB, "subject to object, or to what the clause asks for when no actor is named: "
              "'X called for a ceasefire'", reads=CLAUSE_FLAGS)
def _demand(r: Reading, rule: VerbRule, c: Clause) -> None:
    topic = _topic(r, c.verb, rule, c.topic_head)
    for s in c.subjects:
        targets = [o for o in c.objects if o != s and not (rule.requires_obligation and _own_state(r, s, o))] or [None]
        for o in targets:
            if o is None and not topic:
                continue  # a call for nothing the sentence names
            r.add(s, rule.relation, o, topic if o is None else None, c.modality, c.verb, c.confidence)
        for o in _to_go(r, c):
            if o != s:
                r.add(s, OPPOSITION, o, None, c.modality, c.verb, c.confidence)


def _own_state(r: Reading, person: int, state: int) -> bool:
    """Whether the article gives a person a post in that state, or the gazetteer's people make them
    its national ('Tarsa must be vigilant', said by Tarsa's minister, is his own resolve, no call)."""
    known = r.actors.actors
    return r.actors.holds_post(person, state) or (
        known[person].nationality is not None and known[person].nationality == known[state].canonical)


def _to_go(r: Reading, c: Clause) -> list[int]:
    """Whom a demand wants gone: 'ordered American troops to leave' (the object), 'demanding that
    X step down' (the subject of the clause asked for)."""
    for clause in c.verb.children:
        if clause.dep_ not in ("open_clause", "complement_clause") or not _removal(clause) or _told_as_past(clause):
            continue
        if clause.dep_ == "open_clause":
            return c.objects
        return _unique(a for h in clause.children if h.dep_ in roles.SUBJECTS for a in r.args.actors_of(h))
    return []


def _removal(verb: "Token") -> bool:
    particles = [p.lower_ for p in verb.children if p.dep_ in roles.VERB_PARTICLES]
    lemma, removal_verbs = verb.lemma_.lower(), language_of(verb).words.removal_verbs
    return lemma in removal_verbs or any(f"{lemma} {p}" in removal_verbs for p in particles)


@construction("meeting", WordKind.VERB, "everyone named on either side meets: 'X met Y and Z', 'talks held by X, "
              "hosted by Y'", reads=(*CLAUSE_FLAGS, VerbFlag.joint_objects))
def _meeting(r: Reading, rule: VerbRule, c: Clause) -> None:
    meeting_noun = hosted_meeting(r, c.verb) if c.passive and not c.objects else None
    if meeting_noun is not None:
        hosted = noun_participants(r, meeting_noun) or told_of(r, meeting_noun)  # 'held talks ..., hosted by X'
        participants = _unique(c.subjects + hosted)
        if c.subjects and len(participants) >= 2:
            r.meeting(participants, modality_of(meeting_noun), c.verb, c.confidence, (c.subjects, hosted))
        return
    subjects = _unique(c.subjects + present_at(r, c.verb))
    participants = _unique(subjects + c.objects)
    if len(participants) >= 2 and ((c.objects and (subjects or rule.particle == r.words.together)) or rule.reciprocal):
        sides = (subjects, c.objects) if subjects and c.objects and not rule.joint_objects else None
        r.meeting(participants, c.modality, c.verb, c.confidence, sides)
        meet_overseers(r, c.verb, participants, c.modality, c.confidence)  # 'signed under the auspices of X'


def _obliged(clause: "Token") -> bool:
    """'... that the presence of foreign forces must come to an end': a clause of what must be, by
    others than the speakers ('we must counter them' is their own resolve)."""
    return _modal_of_others(clause, language_of(clause).words.obligation_auxiliaries)


def _asked(clause: "Token") -> bool:
    """Whether a clause after a verb of demanding says what should be: 'that X must/should leave',
    or the subjunctive 'that X step down' (not 'that X will continue')."""
    words = language_of(clause).words
    subjects = [c for c in clause.children if c.dep_ in roles.NOMINAL_SUBJECTS]
    subjunctive = clause.tag_ in ("base_verb", "present_verb") and not any(c.dep_ == "auxiliary" for c in clause.children) \
        and bool(subjects)  # the parser tags 'that units leave' as present
    if subjunctive and clause.head.lemma_.lower() in words.stating_verbs and clause.tag_ == "present_verb":
        subjunctive = not any(s.tag_ in ("plural_noun", "plural_name") or s.lower_ in words.plural_pronouns
                              for s in subjects)  # 'insisted that the talks differ': a statement in the present
    return _modal_of_others(clause, words.obligation_auxiliaries | words.advising_auxiliaries) or subjunctive


def _modal_of_others(clause: "Token", modals: frozenset[str]) -> bool:
    """Whether one of `modals` says what others than the speakers are to do ('that X must leave';
    'we must counter them' is their own resolve)."""
    words = language_of(clause).words
    return any(c.dep_ == "auxiliary" and c.lower_ in modals for c in clause.children) and not any(
        c.dep_ in roles.NOMINAL_SUBJECTS and c.lower_ in words.speaker_pronouns for c in clause.children)


def _told_as_past(clause: "Token") -> bool:
    """'X had left', 'there has been no bargaining', 'Y broke it': a clause telling of what was done."""
    auxiliaries = [c.tag_ for c in clause.children if c.dep_ == "auxiliary"]
    return (clause.tag_ == "past_verb" and not auxiliaries) or (clause.tag_ == "participle" and bool(auxiliaries)
                                                               and "modal" not in auxiliaries)


def _as_written(r: Reading, span) -> str:
    """The words of `span` with the characters the parser read as others given back ('«' for '"');
    a headline keeps the casing it was parsed in."""
    read = span.text
    sentence, substitutions = r.sentence, language_of(span.doc).syntax.parse_substitutions
    written = sentence.article_text[sentence.offset + span.start_char:sentence.offset + span.end_char]
    if not substitutions or len(written) != len(read):
        return read
    return "".join(w if w != c and substitutions.get(w) == c else c for c, w in zip(read, written))


def _topic(r: Reading, verb: "Token", rule: VerbRule, topic_head: "Token | None") -> str:
    """What was called for: the object phrase, or else the rest of the clause after the verb, unless
    that clause tells of the past ('insisted that X should leave', not 'insisted that X had left')."""
    if topic_head is None and any(c.dep_ == "complement_clause" and (_told_as_past(c) or (c.i > verb.i and not _asked(c)))
                                  for c in verb.children):
        return ""  # nor 'insisted that X will continue to support Y': a statement, no demand
    if topic_head is not None:
        tokens = list(topic_head.subtree)
        for child in verb.children:
            if child.dep_ == "open_clause" and child != topic_head:
                tokens += list(child.subtree)
    elif verb.dep_ == "noun_clause" and verb.head != verb:  # 'the plan proposed by X': the plan
        inside = {t.i for t in verb.subtree}
        tokens = [t for t in verb.head.subtree if t.i not in inside and t.i < verb.i]
    else:  # what a quote before its verb says ('"The talks must be fair," the ministry declared')
        reported = [c for c in verb.children if c.dep_ == "complement_clause" and c.i < verb.i]
        tokens = list(reported[0].subtree) if reported else [t for t in verb.subtree if t.i > verb.i]
    tokens = sorted({t.i: t for t in tokens}.values(), key=lambda t: t.i)
    if tokens and tokens[0].dep_ == "subordinator" and tokens[0].lower_ == r.words.complementiser:
        tokens = tokens[1:]  # 'insisted that X should leave' asks that 'X should leave'
    if tokens and tokens[0].lower_ in (r.words.agent_preposition, r.words.source_preposition):
        return ""  # 'after urging from X': who asked, not what
    text = ""
    if tokens:
        doc, end = r.sentence.span.doc, tokens[-1].i + 1
        while end < len(doc) and not doc[end - 1].whitespace_ and "-" in (doc[end - 1].text, doc[end].text):
            end += 1  # 'a re-run', whose last words the parser hung elsewhere
        text = _as_written(r, doc[tokens[0].i:end]).strip(" “”«»\"'‘’.,")
    if text.lower() in r.words.free_relatives | r.words.relative_pronouns:
        return ""  # 'in what it called "punishment" for ...': no call for anything
    return text[:MAX_TOPIC]


@construction("label", WordKind.VERB, "the subject calls its object one of the lexicon's label nouns: 'X called Y "
              "a threat', 'X designated Y a terrorist organisation', 'X described Y as an aggressor'",
              reads=(*CLAUSE_FLAGS, VerbFlag.inverse))
def _label(r: Reading, rule: VerbRule, c: Clause) -> None:
    """'X called Y a threat', 'X described Y as an aggressor': only when the label is one of the
    lexicon's label nouns (or qualifies one: 'a terrorist organisation')."""
    labels = [ch for ch in c.verb.children if ch.dep_ in roles.OBJECT_PREDICATES]
    small = [ch for ch in c.verb.children if ch.dep_ == "complement_clause" and ch.pos_ == "ADJ"]
    if not c.objects and small:  # 'X holds Y responsible for ...', parsed as a clause 'Y responsible'
        c = replace(c, objects=_unique(a for ch in small for s in ch.children if s.dep_ in roles.NOMINAL_SUBJECTS
                                       for a in r.args.actors_of(s)))
        labels += small
    if not c.objects:  # 'called the shelling by X war crimes', 'called the shelling a crime' of the sentences before
        c = replace(c, objects=_unique(a for ch in c.verb.children if ch.dep_ in roles.DIRECT_OBJECTS
                                       for a in r.args.stance_actors(ch) or doers_of_earlier(r, ch, c.subjects)))
    if not c.objects and len(labels) >= 2:  # 'called the killing a blatant assassination', read as two labels
        named = labels.pop(0)
        c = replace(c, objects=_unique(r.args.actors_of(named) or r.args.stance_actors(named)
                                       or doers_of_earlier(r, named, c.subjects)))
    labels += [p for ch in c.verb.children if ch.dep_ == "preposition" and ch.lower_ in r.words.label_prepositions
               for p in ch.children if p.dep_ in roles.PREPOSITIONAL_OBJECTS]
    labels += [a for ch in c.verb.children if ch.dep_ in roles.DIRECT_OBJECTS  # the parser's 'X, a terrorist ...'
               for a in ch.children if a.dep_ == "apposition" or (a.dep_ in roles.OBJECT_PREDICATES | {"adjective_complement"} and a.i > ch.i)]
    if any(_is_label(word, r.rules.lexicon.label_nouns) for word in labels):
        _transitive(r, rule, c)


def _is_label(word: "Token", nouns: frozenset[str]) -> bool:
    return word.lemma_.lower() in nouns or any(
        ch.lower_ in nouns for ch in word.children if ch.dep_ in roles.ADJECTIVE_MODIFIERS)


@construction("judgement", WordKind.VERB, "the subject says an actor's stance or deed is one of the label words, "
              "or that an actor did wrong: 'X said Spain's position was terrible', 'X said Y had violated the truce'",
              reads=CLAUSE_FLAGS)
def _judgement(r: Reading, rule: VerbRule, c: Clause) -> None:
    """'X said Spain's position was terrible': a clause that calls an actor's stance or deed one of
    the label words is the speaker's stance on that actor; so is one that tells of a wrong an actor
    did ('X said Y had broken the ceasefire'), unless it denies it, and one that promises an actor
    or the doer of a deed a reprisal ('X said the attack would not go unanswered')."""
    for clause in c.verb.children:
        if clause.dep_ != "complement_clause":
            continue
        if clause.lemma_ == r.words.copula and any(
                ch.dep_ in roles.JUDGEMENTS and _is_label(ch, r.rules.lexicon.label_nouns) for ch in clause.children):
            judged = _unique(a for h in clause.children if h.dep_ in roles.NOMINAL_SUBJECTS
                             for a in r.args.stance_actors(h))
            modality = modality_of(clause, stance=True)
        elif _wrongdoing(clause, r.words.wrongdoing_verbs) and modality_of(clause) is not Modality.NEGATED:
            judged = _unique(a for h in clause.children if h.dep_ == "subject" for a in r.args.actors_of(h))
            modality = modality_of(clause, stance=True)
        elif _reprisal(clause, r.words.reprisal_verbs):  # 'would not go unanswered' denies nothing
            judged = _unique(a for h in clause.children if h.dep_ in roles.NOMINAL_SUBJECTS
                             for a in r.args.actors_of(h) or r.args.stance_actors(h) or doers_of_earlier(r, h, c.subjects))
            modality = c.modality
        else:
            continue
        for s in c.subjects:
            for o in judged:
                if s != o:
                    r.add(s, rule.relation, o, None, modality, c.verb, c.confidence)


def _reprisal(clause: "Token", reprisals: dict[str, frozenset[str]]) -> bool:
    """Whether a clause promises its subject a reprisal ('would not go unanswered', 'would be
    punished', 'will pay a heavy price'); one the subject deals out ('Y would punish Z') is not."""
    complements = reprisals.get(clause.lemma_.lower())
    if complements is None:
        return False
    if not complements:
        return any(ch.dep_ == "passive_subject" for ch in clause.children)
    return any(ch.dep_ in roles.DIRECT_OBJECTS | {"adjective_complement"} and ch.lemma_.lower() in complements
               for ch in clause.children)


def _wrongdoing(clause: "Token", deeds: dict[str, frozenset[str]]) -> bool:
    """Whether a clause's verb is a wrong done ('violated the truce', 'committed war crimes')."""
    objects = deeds.get(clause.lemma_.lower())
    return objects is not None and (not objects or any(
        ch.dep_ in roles.DIRECT_OBJECTS and ch.lemma_.lower() in objects for ch in clause.children))

