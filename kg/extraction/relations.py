"""Relations between the actors of a parsed article, from verbs and event nouns.

Subjects and objects come from the dependency parse (active and passive
voice, coordination, control into infinitives and participles); nouns such
as 'talks between A and B' or 'a meeting with B' give meetings with all their
participants. Which words signal which relation is data (`lexicon.yaml`).
"""
from __future__ import annotations

import itertools
from dataclasses import dataclass
from typing import TYPE_CHECKING, Iterable

from .modality import modality_of
from ..model import MEETING, ActorType, Modality, Relation
from .actors import ArticleActors
from .rules import NounRule, RelationRules, VerbRule

if TYPE_CHECKING:
    from spacy.tokens import Token

    from .nlp import Sentence

__all__ = ["Found", "FoundMeeting", "find_relations"]

SUBJECTS = ("nsubj", "nsubjpass", "csubj")
EXPAND = ("conj", "appos")
BETWEEN = ("between", "among", "amongst")
MAX_TOPIC = 160


@dataclass(frozen=True)
class Found:
    """A relation read from one sentence, between local actor ids."""

    subject: int
    relation: Relation
    object: int | None
    topic: str | None
    modality: Modality
    sentence: "Sentence"
    trigger: int  # token index of the word that signalled it
    confidence: float


@dataclass(frozen=True)
class FoundMeeting:
    """A meeting and who met whom in it: across the two sides when the text gives sides
    ('A and B met C'), else everyone with everyone ('talks between A and B')."""

    participants: tuple[int, ...]
    pairs: tuple[tuple[int, int], ...]
    modality: Modality
    sentence: "Sentence"
    trigger: int
    confidence: float


class _Reader:
    def __init__(self, sentence: "Sentence", actors: ArticleActors, rules: RelationRules,
                 earlier: list["FoundMeeting"] | None = None):
        self.sentence = sentence
        self.actors = actors
        self.rules = rules
        self.earlier = earlier or []  # meetings of the sentences before
        self.found: list[Found] = []
        self.meetings: list[FoundMeeting] = []

    # --- which actors a phrase denotes
    def actors_of(self, head: "Token", seen: set[int] | None = None) -> list[int]:
        seen = seen if seen is not None else set()
        if head.i in seen:
            return []
        seen.add(head.i)
        ids = list(self.actors.at(self.sentence.index, head.i))
        if not ids and head.lower_ in self.rules.proxy_nouns:
            ids = [a for c in head.children if c.dep_ in ("compound", "nmod") for a in self.actors_of(c, seen)
                   if self.actors.actors[a].type is not ActorType.PERSON]  # 'Hamas fighters', 'UN experts'
            for c in head.children:  # 'the HTS-led militants'
                words = [t.lower_ for t in c.subtree]
                if c.dep_ in ("amod", "compound") and "-" in words and words[-1] in ("led", "linked", "affiliated"):
                    ids += [a for t in c.subtree for a in self.actors.at(self.sentence.index, t.i)
                            if self.actors.actors[a].type is not ActorType.PERSON and a not in ids]
        if not ids:  # 'an Islamic State target southwest of Baghdad': the proxy sits in a compound
            ids = [a for c in head.children if c.dep_ == "compound" and c.lower_ in self.rules.proxy_nouns
                   for a in self.actors_of(c, seen)]
        if not ids and head.lower_ in self.rules.state_name_nouns:
            doc = head.doc
            following = doc[head.i + 2] if head.i + 2 < len(doc) and doc[head.i + 1].lower_ == "in" else None
            places = [p for c in head.children if c.dep_ == "prep" and c.lower_ == "in" for p in c.children
                      if p.dep_ == "pobj"] or ([following] if following is not None else [])
            ids = [a for p in places for a in self.actors.at(self.sentence.index, p.i)
                   if self.actors.actors[a].type is ActorType.COUNTRY]
        for child in [c for t in self._mention_tokens(head, ids) for c in t.children]:
            if child.dep_ in EXPAND:
                for aid in self.actors_of(child, seen):
                    if aid not in ids:
                        ids.append(aid)
            elif child.dep_ == "prep" and child.lower_ in ("including", "among"):
                for pobj in child.children:  # 'officials, including X and Y', 'among them X'
                    if pobj.dep_ == "pobj":
                        ids += [a for a in self.actors_of(pobj, seen) if a not in ids]
        return [a for a in ids if self.actors.actors[a].type is not ActorType.PLACE]

    def _mention_tokens(self, head: "Token", ids: list[int]) -> list["Token"]:
        """The head and, when it is part of a name, the other words of that name (the parser
        sometimes hangs a coordination on one of them)."""
        if not ids:
            return [head]
        doc, span = head.doc, self.sentence.span
        same = lambda t: self.actors.at(self.sentence.index, t.i) == ids  # noqa: E731
        start = head.i
        while start > span.start and same(doc[start - 1]):
            start -= 1
        end = head.i + 1
        while end < span.end and same(doc[end]):
            end += 1
        return list(doc[start:end])

    # --- verbs
    def read_verb(self, verb: "Token") -> None:
        rules = self._verb_rules(verb)
        for rule in rules:
            self._verb_relation(verb, rule)

    def _verb_rules(self, verb: "Token") -> list[VerbRule]:
        candidates = self.rules.verb_rules(verb.lemma_.lower())
        particles = {c.lower_ for c in verb.children if c.dep_ in ("prt", "prep", "advmod")}
        with_particle = [r for r in candidates if r.particle and r.particle in particles]
        if with_particle:
            return with_particle[:1]
        plain = [r for r in candidates if not r.particle]
        return plain

    def _hyphen_compound(self, verb: "Token", rule: VerbRule) -> bool:
        """'Rwanda-backed M23 rebels': the actor before the hyphen acts on the noun's actor."""
        doc = verb.doc
        if verb.i < 2 or doc[verb.i - 1].text != "-" or rule.relation is MEETING:
            return False
        subjects = self.actors.at(self.sentence.index, verb.i - 2)
        head = verb.head if verb.head != verb else None
        while head is not None and not self.actors.at(self.sentence.index, head.i) and head.dep_ in ("compound", "amod"):
            head = head.head
        objects = self.actors_of(head) if head is not None else []
        for s in subjects:
            for o in objects:
                if s != o:
                    self._add(s, rule.relation, o, None, Modality.ASSERTED, verb, 0.8)
        return True

    def _verb_relation(self, verb: "Token", rule: VerbRule) -> None:
        if self._hyphen_compound(verb, rule):
            return
        if rule.requires_xcomp and not any(c.dep_ == "xcomp" for c in verb.children):
            return
        passive = any(c.dep_ in ("nsubjpass", "auxpass", "agent") for c in verb.children)
        subjects, objects, topic_head = self._arguments(verb, rule, passive)
        if rule.reciprocal and len(subjects) == 1 and not objects:
            subjects += self._coordinated_before(verb)
        if rule.object_types is not None:
            objects = [o for o in objects if self.actors.actors[o].type in rule.object_types]
        modality = modality_of(verb, stance=rule.stance)
        confidence = self._confidence(verb, subjects)
        if rule.relation.spec.topic:
            topic = self._topic(verb, rule, topic_head)
            for s in subjects:
                targets = [o for o in objects if o != s] or [None]
                for o in targets:
                    self._add(s, rule.relation, o, topic if o is None else None, modality, verb, confidence)
            return
        meeting_noun = self._hosted_meeting(verb) if passive and not objects else None
        if rule.relation is MEETING and meeting_noun is not None:
            hosted = self._noun_participants(meeting_noun) or self._told_of(meeting_noun)  # 'held talks ..., hosted by X'
            participants = _unique(subjects + hosted)
            if subjects and len(participants) >= 2:
                self._meeting(participants, modality_of(meeting_noun), verb, confidence, (subjects, hosted))
            return
        if rule.relation is MEETING:
            subjects = _unique(subjects + self._present(verb))
            participants = _unique(subjects + objects)
            if len(participants) >= 2 and ((objects and (subjects or rule.particle == "together")) or rule.reciprocal):
                sides = (subjects, objects) if subjects and objects and not rule.joint_objects else None
                self._meeting(participants, modality, verb, confidence, sides)
            return
        if not objects and rule.reciprocal and len(subjects) >= 2:
            for a, b in itertools.combinations(subjects, 2):
                self._add(a, rule.relation, b, None, modality, verb, confidence)
            return
        for s in subjects:
            for o in objects:
                if s != o:
                    pair = (o, s) if rule.inverse else (s, o)
                    self._add(pair[0], rule.relation, pair[1], None, modality, verb, confidence)

    def _arguments(self, verb: "Token", rule: VerbRule, passive: bool):
        subject_heads = self._subject_heads(verb)
        object_heads: list["Token"] = []
        topic_head = None
        for child in verb.children:
            if child.dep_ in ("dobj", "dative") and rule.direct:
                object_heads.append(child)
                topic_head = topic_head or child
            elif child.dep_ == "prep" and (child.lower_ in rule.preps or child.lower_ == rule.particle):
                for pobj in child.children:
                    if pobj.dep_ in ("pobj", "pcomp"):
                        object_heads.append(pobj)
                        topic_head = topic_head or pobj
            elif child.dep_ == "xcomp":
                topic_head = topic_head or child
        if rule.particle == "together":
            object_heads += [c for c in verb.children if c.dep_ == "dobj"]
        if passive:
            agents = [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]
            patients = [c for c in verb.children if c.dep_ == "nsubjpass"]
            if not patients and verb.dep_ == "acl" and verb.head != verb:
                patients = [verb.head]  # "the army, backed by Russian aircraft"
            subject_heads, object_heads = agents, patients + object_heads
        subjects = _unique(a for h in subject_heads for a in self.actors_of(h))
        objects = _unique(a for h in object_heads for a in self.actors_of(h))
        if not objects and rule.relation.spec.stance:
            objects = _unique(a for h in object_heads for a in self._stance_actors(h))
        if not objects and rule.clause_object:
            clauses = [c for c in verb.children if c.dep_ == "ccomp"]
            objects = _unique(a for c in clauses for h in c.children if h.dep_ in SUBJECTS for a in self.actors_of(h))
        if rule.particle == "together" and not subjects:
            return objects, [], topic_head
        return subjects, [o for o in objects], topic_head

    def _coordinated_before(self, verb: "Token") -> list[int]:
        """'after A and B met': when the parser cut A off the coordination, 'A and' right before
        the subject still joins it."""
        subject = next((c for c in verb.children if c.dep_ in SUBJECTS), None)
        if subject is None:
            return []
        start = self._mention_tokens(subject, self.actors.at(self.sentence.index, subject.i))[0].i
        doc = verb.doc
        if start < 2 or doc[start - 1].lower_ != "and":
            return []
        before = self.actors.at(self.sentence.index, doc[start - 2].i)
        return [a for a in before if self.actors.actors[a].type is not ActorType.PLACE]

    def _subject_heads(self, verb: "Token") -> list["Token"]:
        tok = verb
        for _ in range(4):
            subjects = [c for c in tok.children if c.dep_ in SUBJECTS]
            if subjects and tok.dep_ == "relcl" and all(c.lower_ in ("which", "who", "that") for c in subjects):
                return [tok.head]  # 'the alliance, which includes X': the alliance
            if subjects:
                return subjects
            if tok.dep_ == "pcomp" and tok.head.dep_ == "prep" and tok.head.head != tok.head:
                governor = tok.head.head
                objects = [c for c in governor.children if c.dep_ == "dobj"]
                if tok.head.lower_ == "of" and objects:
                    return objects  # 'accused Rwanda of backing X'
                tok = governor
                continue
            if tok.dep_ in ("xcomp", "advcl", "conj", "pcomp") and tok.head != tok:
                head = tok.head
                if tok.dep_ == "xcomp":
                    controllers = [c for c in head.children if c.dep_ == "dobj"]
                    controllers += [p for c in head.children if c.dep_ == "prep" and c.lower_ in ("on", "upon")
                                    for p in c.children if p.dep_ == "pobj"]
                    if controllers:
                        return controllers  # 'commits the SDF to support X', 'called on Y to help X'
                tok = head
                continue
            if tok.dep_ in ("relcl", "acl") and tok.head != tok:
                return [tok.head]
            return []
        return []

    def _stance_actors(self, head: "Token") -> list[int]:
        """'rejected the Turkish move': the actors behind a stance noun; 'endorsed an agreement with
        the EU': the party to a pact."""
        ids: list[int] = []
        if head.lemma_.lower() in self.rules.pact_nouns:
            ids += [a for c in head.children if c.dep_ == "prep" and c.lower_ == "with"
                    for p in c.children if p.dep_ == "pobj" for a in self.actors_of(p)]
        if head.lemma_.lower() not in self.rules.stance_nouns and head.lower_ not in self.rules.stance_nouns:
            return _unique(ids)
        for child in head.children:
            if child.dep_ in ("amod", "compound", "poss", "nmod"):
                ids += self.actors.at(self.sentence.index, child.i)
                for sub in child.children:
                    if sub.dep_ == "conj" or (sub.dep_ == "punct" and False):
                        ids += self.actors.at(self.sentence.index, sub.i)
            if child.dep_ == "prep" and child.lower_ in ("of", "by"):
                for pobj in child.children:
                    ids += self.actors_of(pobj)
        # 'Turkish-Syrian rapprochement': demonyms joined by a hyphen modify the noun together
        for child in head.children:
            if child.dep_ in ("amod", "compound"):
                for tok in child.subtree:
                    ids += self.actors.at(self.sentence.index, tok.i)
        return [a for a in _unique(ids) if self.actors.actors[a].type is not ActorType.PLACE]

    def _topic(self, verb: "Token", rule: VerbRule, topic_head: "Token | None") -> str:
        """What was called for: the object phrase, or else the rest of the clause after the verb."""
        if topic_head is not None:
            tokens = list(topic_head.subtree)
            for child in verb.children:
                if child.dep_ == "xcomp" and child != topic_head:
                    tokens += list(child.subtree)
        else:
            tokens = [t for t in verb.subtree if t.i > verb.i]
        tokens = sorted({t.i: t for t in tokens}.values(), key=lambda t: t.i)
        text = ""
        if tokens:
            text = self.sentence.span.doc[tokens[0].i:tokens[-1].i + 1].text.strip(" “”\"'‘’.,")
        return text[:MAX_TOPIC] or verb.text

    # --- nouns
    def read_noun(self, noun: "Token", rule: NounRule) -> None:
        if rule.plural_only and noun.tag_ not in ("NNS", "NNPS"):
            return
        if rule.requires and not any(c.lower_ in rule.requires for c in noun.children if c.dep_ in ("compound", "amod", "nmod")):
            return
        if rule.role:
            self._role(noun, rule.relation)
            return
        if rule.stance:
            self._stance_noun(noun, rule)
            return
        between: list[int] = []
        partners: list[int] = []
        attached = list(noun.children)
        if noun.dep_ in ("nsubj", "nsubjpass") and noun.head.lemma_.lower() in ("take", "happen", "occur", "go"):
            attached += [c for c in noun.head.children if c.dep_ == "prep"]  # 'no meeting took place between A and B'
        for child in attached:
            if child.dep_ == "prep" and child.lower_ in BETWEEN:
                between += [a for p in child.children if p.dep_ == "pobj" for a in self.actors_of(p)]
            elif child.dep_ == "prep" and child.lower_ in ("with",) + rule.object_preps:
                partners += [a for p in child.children if p.dep_ == "pobj" for a in self.actors_of(p)]
            elif child.dep_ == "relcl" and child.lemma_.lower() == "bring" and any(c.lower_ == "together" for c in child.children):
                between += [a for c in child.children if c.dep_ == "dobj" for a in self.actors_of(c)]
        owners = self._noun_owners(noun, with_partner=bool(partners)) if not between else []
        modality = modality_of(noun)
        confidence = self._confidence(noun, []) * 0.9
        if rule.relation is MEETING:
            participants = _unique(between + owners + partners)
            if len(participants) >= 2:
                sides = (owners, partners) if owners and partners and not between else None
                self._meeting(participants, modality, noun, confidence, sides)
            return
        sources = between if between and not owners else owners
        for s in sources:
            for o in partners or ([b for b in between if b != s] if rule.relation.spec.mutual and not owners else []):
                if s != o:
                    self._add(s, rule.relation, o, None, modality, noun, confidence)

    def _told_of(self, noun: "Token") -> list[int]:
        """'The ceremony was hosted by X': a meeting named with 'the' and no one in it is the one
        the article has just told of."""
        if not any(c.lower_ == "the" for c in noun.children) or not self.earlier:
            return []
        last = self.earlier[-1]
        return list(last.participants) if self.sentence.index - last.sentence.index <= 2 else []

    def _present(self, verb: "Token") -> list[int]:
        """'..., with X and Y also present': more people at the meeting, on its first side."""
        return [a for c in verb.children if c.dep_ == "advcl" and c.lemma_ == "present"
                and any(m.lower_ == "with" for m in c.children)
                for h in c.children if h.dep_ in SUBJECTS for a in self.actors_of(h)]

    def _hosted_meeting(self, verb: "Token") -> "Token | None":
        """The meeting a participle like 'hosted by X' qualifies: its head, or the object of its head;
        or the meeting that is the subject of 'was hosted by'."""
        patients = [c for c in verb.children if c.dep_ == "nsubjpass"]
        for noun in patients:
            rule = self.rules.nouns.get(noun.lemma_.lower())
            if rule is not None and rule.relation is MEETING:
                return noun
        while verb.dep_ == "conj" and verb.head != verb:  # 'hosted by X and attended by Y'
            verb = verb.head
        head = verb.head
        if verb.dep_ not in ("acl", "advcl") or head == verb:
            return None
        candidates = [head] + [c for c in head.children if c.dep_ == "dobj"]
        for noun in candidates:
            rule = self.rules.nouns.get(noun.lemma_.lower())
            if rule is not None and rule.relation is MEETING:
                return noun
        return None

    def _noun_participants(self, noun: "Token") -> list[int]:
        """Everyone a meeting noun names: between, with, and its owners; else, for 'At the summit,
        X and Y pledged', the subjects of the clause the meeting is the setting of."""
        ids: list[int] = []
        for child in noun.children:
            if child.dep_ == "prep" and child.lower_ in BETWEEN + ("with",):
                ids += [a for p in child.children if p.dep_ == "pobj" for a in self.actors_of(p)]
        ids = _unique(ids + self._noun_owners(noun))
        if not ids and noun.dep_ == "pobj" and noun.head.lower_ in ("at", "during"):
            clause = noun.head.head
            ids = _unique(a for h in self._subject_heads(clause) for a in self.actors_of(h))
        return ids

    def _noun_owners(self, noun: "Token", speaker_first: bool = False, with_partner: bool = False) -> list[int]:
        """Whose meeting or stance a noun names: its possessor ('Iran's support'), or the subject of
        the light verb it is the object of ('held talks', 'pledged support'); with `speaker_first`
        the subject wins ('he pledged Iran's support': he speaks)."""
        owners = [a for c in noun.children if c.dep_ == "poss" for a in self.actors_of(c)]
        head = noun.head
        speakers = []
        if noun.dep_ in ("dobj",) and (head.lemma_.lower() in self.rules.light_verbs or (
                with_partner and self.rules.nouns.get(noun.lemma_.lower()) is not None)):
            speakers = [a for h in self._subject_heads(head) for a in self.actors_of(h)]  # 'X postponed talks with Y'
        if speaker_first and speakers:
            return speakers
        if owners:
            return owners
        if speakers:
            return speakers
        if noun.dep_ in ("nsubj", "nsubjpass"):
            tok = head
            while tok.dep_ in ("ccomp",) and tok.head != tok:
                tok = tok.head
                subjects = [c for c in tok.children if c.dep_ in SUBJECTS]
                if subjects and tok.lemma_.lower() in ("say", "tell", "announce", "state", "add", "confirm", "report", "reveal", "disclose"):
                    return [a for h in subjects for a in self.actors_of(h)]
        return []

    def _stance_noun(self, noun: "Token", rule: NounRule) -> None:
        """'pledging Iran's full support for X', 'heaped praise on X', 'its condemnation of X'."""
        targets = [a for c in noun.children if c.dep_ == "prep" and c.lower_ in rule.object_preps
                   for p in c.children if p.dep_ == "pobj" for a in self.actors_of(p)]
        if not targets and noun.dep_ == "dobj":
            targets = [a for c in noun.head.children if c.dep_ == "prep" and c.lower_ in rule.object_preps
                       for p in c.children if p.dep_ == "pobj" for a in self.actors_of(p)]
        holders = self._noun_owners(noun, speaker_first=True)
        if not holders:
            return
        modality = modality_of(noun, stance=True)
        if noun.dep_ == "dobj":
            modality = modality_of(noun.head, stance=True)
        for a in _unique(holders):
            for b in _unique(targets):
                if a != b:
                    self._add(a, rule.relation, b, None, modality, noun, 0.75)

    def _role(self, noun: "Token", relation: Relation) -> None:
        """What one actor is to another: 'its Russian ally', 'X is Y's main backer',
        'X, an enemy of Y', 'X has been one of Y's backers'."""
        holders = list(self.actors.at(self.sentence.index, noun.i))
        holders += [a for c in noun.children if c.dep_ == "appos" for a in self.actors_of(c)]
        role = noun
        if noun.dep_ == "pobj" and noun.head.lower_ == "of" and noun.head.head.lower_ == "one":
            role = noun.head.head
        if role.dep_ == "attr":
            holders += [a for c in role.head.children if c.dep_ in SUBJECTS for a in self.actors_of(c)]
        elif role.dep_ == "appos" and not holders:
            holders += self.actors_of(role.head)
        elif role.dep_ == "nsubj" and role.head.lemma_ == "be":  # 'whose main component is the YPG'
            holders += [a for c in role.head.children if c.dep_ == "attr" for a in self.actors_of(c)]
        counterparts = [a for c in noun.children if c.dep_ == "poss" for a in self.actors_of(c)]
        if any(c.dep_ == "poss" and c.lower_ == "whose" for c in noun.children):
            verb = noun.head
            while verb.dep_ != "relcl" and verb.head != verb:
                verb = verb.head
            if verb.dep_ == "relcl":
                counterparts += self.actors_of(verb.head)
        counterparts += [a for c in noun.children if c.dep_ == "prep" and c.lower_ in ("of", "to")
                         for p in c.children if p.dep_ == "pobj" for a in self.actors_of(p)]
        modality = modality_of(role, stance=True)
        for a in _unique(holders):
            for b in _unique(counterparts):
                if a != b:
                    self._add(a, relation, b, None, modality, noun, 0.8)

    def join_meeting(self, verb: "Token", last: FoundMeeting) -> None:
        """'The meeting was also attended by X', 'Y also took part': newcomers to the meeting the
        article just told of meet its participants."""
        if verb.lemma_.lower() == "take" and not any(c.lower_ == "part" for c in verb.children):
            return
        if self._hosted_meeting(verb) is not None:
            return  # 'a meeting ... attended by X' is that meeting, read with its noun
        passive = any(c.dep_ == "agent" for c in verb.children)
        if passive:
            newcomers = [a for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"
                         for a in self.actors_of(p)]
            settings = [c for c in verb.children if c.dep_ == "nsubjpass"]
        else:
            newcomers = [a for h in self._subject_heads(verb) for a in self.actors_of(h)]
            settings = [c for c in verb.children if c.dep_ == "dobj" and c.lower_ != "part"]
            settings += [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "in"
                         for p in c.children if p.dep_ == "pobj"]
        meeting_words = {n for n, r in self.rules.nouns.items() if r.relation is MEETING}
        named = [s for s in settings if s.lemma_.lower() in meeting_words]
        if settings and not named:
            return  # 'attended a funeral': not the meeting just told of
        if named and not any(c.lower_ == "the" for s in named for c in s.children):
            return  # 'attended a meeting': another one
        newcomers = [a for a in _unique(newcomers) if a not in last.participants]
        if not newcomers or self.sentence.index - last.sentence.index > 2:
            return
        modality = modality_of(verb)
        participants = tuple(last.participants) + tuple(newcomers)
        pairs = tuple((a, b) for a in newcomers for b in last.participants)
        self.meetings.append(FoundMeeting(participants, pairs, modality, self.sentence, verb.i, 0.7))

    # --- output
    def _confidence(self, trigger: "Token", subjects: list[int]) -> float:
        confidence = 0.9
        cues = {self.actors.index.cue(self.sentence.index, t.i) for t in trigger.sent}
        if cues & {"pronoun", "description"}:
            confidence -= 0.15
        if "title" in cues:
            confidence -= 0.05
        return round(confidence, 2)

    def _add(self, s, relation, o, topic, modality, trigger, confidence) -> None:
        self.found.append(Found(s, relation, o, topic, modality, self.sentence, trigger.i, confidence))

    def _meeting(self, participants, modality, trigger, confidence, sides=None) -> None:
        if sides is not None:
            pairs = [(a, b) for a in sides[0] for b in sides[1] if a != b]
        else:
            pairs = list(itertools.combinations(participants, 2))
        self.meetings.append(FoundMeeting(tuple(participants), tuple(pairs), modality, self.sentence, trigger.i,
                                          confidence))


def _unique(items: Iterable[int]) -> list[int]:
    out: list[int] = []
    for item in items:
        if item not in out:
            out.append(item)
    return out


def find_relations(sentences: list["Sentence"], actors: ArticleActors, rules: RelationRules) -> tuple[list[Found], list[FoundMeeting]]:
    found: list[Found] = []
    meetings: list[FoundMeeting] = []
    for sentence in sentences:
        reader = _Reader(sentence, actors, rules, meetings)
        for tok in sentence.span:
            lemma = tok.lemma_.lower()
            if tok.pos_ in ("VERB", "AUX") or (tok.tag_.startswith("VB")):
                reader.read_verb(tok)
                if lemma in rules.joining_verbs and (reader.meetings or meetings):
                    reader.join_meeting(tok, (reader.meetings or meetings)[-1])
            elif tok.pos_ in ("NOUN", "PROPN"):
                rule = rules.nouns.get(lemma) or rules.nouns.get(tok.lower_)
                compound = next((c for c in tok.children if c.dep_ == "compound"), None)
                if compound is not None and f"{compound.lower_} {lemma}" in rules.nouns:
                    rule = rules.nouns[f"{compound.lower_} {lemma}"]
                if rule is not None:
                    reader.read_noun(tok, rule)
        found += reader.found
        meetings += reader.meetings
    return found, meetings
