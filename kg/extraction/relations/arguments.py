"""Which actors a phrase denotes: the one argument finder of the relation stage. A head word
gives the actors of its name or of what it was resolved to, with the names coordinated or set
in apposition to it ('A and B', 'A, the leader of B'), those a proxy noun stands for ('Hamas
fighters', 'HTS-led militants'), the state a state noun names ('the government in Kabul'), and
the actors behind a stance or a pact ('the Turkish move', 'an agreement with the EU')."""
from __future__ import annotations

from typing import TYPE_CHECKING, Iterable

from kg.model import ActorType
from kg.extraction.actors.local import ArticleActors
from kg.extraction.parsing.clauses import governing_clause, infinitive
from kg.knowledge.language import DateWords, Words, language_of
from kg.knowledge.rules import ArgumentRules
from kg.extraction.parsing import roles
from kg.extraction.relations.places import place_states
from kg.extraction.relations.subjectless import ends_before_subjectless_verb, list_before

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.extraction.parsing.nlp import Sentence

__all__ = ["Arguments", "unique", "participle_owners", "with_coordinated", "governed_states", "of_time"]


def unique(items: Iterable[int]) -> list[int]:
    out: list[int] = []
    for item in items:
        if item not in out:
            out.append(item)
    return out


def with_coordinated(prep: "Token") -> list["Token"]:
    """A preposition and those coordinated with it: 'with X and with Y', 'to X as well as to Y'."""
    hosts = [o for o in prep.children if o.dep_ == "prep_object"] + ([prep.head] if prep.head != prep else [])
    return [prep] + [c for c in prep.children if c.dep_ == "conjunct" and c.pos_ == "ADP"] + [
        p for o in hosts for cc in o.children if cc.dep_ == "coordinator"
        for p in cc.children if p.dep_ == "preposition" and p.lower_ == prep.lower_ and p != prep]


def _set_beside(noun: "Token", actors: ArticleActors, sentence: "Sentence") -> list[int]:
    """The actor named right before an apposition: 'the Congo River Alliance (AFC), the political
    umbrella'; the parser's attachment of a chain of appositions is less sure."""
    doc = noun.doc
    j = min(t.i for t in noun.subtree) - 1
    while j > sentence.span.start and doc[j].is_punct:
        j -= 1
    return list(actors.at(sentence.index, j))


def _object_controls(clause: "Token", head: "Token", sending_verbs) -> bool:
    """Whether the object of `head` does what its clause says ('asked X to leave', 'sent X to help
    Y'), not its subject ('used drones to target Y', 'wrote to X accusing Y')."""
    lemma = head.lemma_.lower()
    return (clause.dep_ == "open_clause" and lemma not in language_of(head).words.instrument_verbs) or (
        clause.dep_ == "adverb_clause" and lemma in sending_verbs and infinitive(clause))  # not 'wrote to X accusing Y'


def _doers(args: "Arguments", head: "Token") -> list[int]:
    """"welcomed Ethiopia's contribution", 'renew the MSS mandate', 'commended the sacrifices made
    by Ethiopian troops', 'condemned provocations by X': a stance on what an actor did or has is
    a stance on the actor."""
    if head.pos_ not in ("NOUN", "PROPN") or args.actors.at(args.sentence.index, head.i):
        return []
    done_to = head.lemma_.lower() in args.words.patient_nouns and not any(  # "Castillo's ouster": done to him
        c.dep_ == "preposition" and args.words.of(c.lower_) for c in head.children)  # ("Peru's arrest of X": by Peru)
    ids = [a for c in head.children if c.dep_ in ("possessor", "compound") and not done_to for a in args.actors_of(c)]
    agents = [ag for c in head.children if c.dep_ == "noun_clause" for ag in c.children if ag.dep_ == "agent"]
    agents += [c for c in head.children if c.dep_ == "preposition" and c.lower_ == args.words.agent_preposition]
    ids += [a for ag in agents for p in ag.children if p.dep_ == "prep_object" for a in args.actors_of(p)]
    return [a for a in unique(ids) if args.actors.actors[a].type is not ActorType.PLACE]


def _listed_among(appos: "Token", words: Words) -> bool:
    """'..., among them X and Y' hung on another noun as its apposition, or made the subject of
    the verb after it: a list of some, not another name of that noun nor the verb's subject."""
    if appos.dep_ not in ("apposition", "subject"):
        return False
    doc, first = appos.doc, min(t.i for t in appos.subtree)
    after_them = first >= 2 and doc[first - 1].lower_ == words.them and doc[first - 2].lower_ in words.including
    return after_them or any(c.dep_ == "preposition" and c.lower_ in words.including and c.i < appos.i for c in appos.children)


def _members_of_whole(noun: "Token", actors: ArticleActors, sentence: "Sentence") -> bool:
    """'an umbrella of factions': a plural common noun after 'of' that names no actor, whose
    phrase the relative clause after it is about."""
    return language_of(noun).words.of(noun.head.lower_) and noun.tag_ == "plural_noun" and not actors.at(sentence.index, noun.i)


class Arguments:
    """The actors the phrases of one sentence denote."""

    def __init__(self, sentence: "Sentence", actors: ArticleActors, rules: ArgumentRules):
        self.sentence = sentence
        self.actors = actors
        self.rules = rules
        self.language = language_of(sentence.span)
        self.words = self.language.words

    def actors_of(self, head: "Token", seen: set[int] | None = None) -> list[int]:
        seen = seen if seen is not None else set()
        if head.i in seen:
            return []
        seen.add(head.i)
        words = self.words
        ids, word = list(self.actors.at(self.sentence.index, head.i)), head.lower_
        describes = head.dep_ == "apposition" and head.head.i in seen  # 'Russia, a member of the Council'
        if not ids and not describes and (word in self.rules.proxy_nouns or word in self.rules.asset_nouns):
            ids = _owners(self, head, seen)
        if not ids:  # 'an Islamic State target southwest of Baghdad': the proxy sits in a compound
            ids = [a for c in head.children if c.dep_ == "compound" and (
                c.lower_ in self.rules.proxy_nouns or head.ent_type_ in roles.TIME_ENTITIES)
                   for a in self.actors_of(c, seen)]  # and 'met President Assad Tuesday' parsed as one phrase
        if not ids and word in words.name_tail_nouns:  # 'the Victory bloc', 'the HUR intelligence directorate'
            ids = [a for c in head.children if c.dep_ in ("compound", "noun_modifier") and c.pos_ == "PROPN"
                   for a in self.actors.at(self.sentence.index, c.i) if self.actors.actors[a].type is not ActorType.PERSON]
        if not ids and word in self.rules.state_name_nouns:  # "Kurti's government", 'the Government of Türkiye'
            ids = [a for c in head.children if c.dep_ == "possessor" for a in self.actors_of(c, seen)] or [
                a for c in head.children if c.dep_ == "preposition" and words.of(c.lower_)
                for p in c.children if p.dep_ == "prep_object" for a in _states_of(self, p)]
        if not ids and (word in self.rules.state_name_nouns or word in self.rules.asset_nouns):
            ids = self.state_inside(head)
        if not ids and (head.pos_ in ("NUM", "PRON", "DET", "ADJ") or word in words.people_quantifiers):  # 'hundreds of'
            ids = [a for c in head.children if c.dep_ == "preposition" and words.of(c.lower_)
                   for p in c.children if p.dep_ == "prep_object" for a in self.actors_of(p, seen)]
        if not ids and head.dep_ == "apposition" and head.pos_ == "NOUN" and not describes:
            # 'X, the umbrella that includes Y' (not when reached from the name it stands beside)
            ids = _set_beside(head, self.actors, self.sentence)
        for child in [c for t in self._phrase_mention(head, ids) for c in t.children]:
            if child.dep_ in roles.COORDINATION and not _listed_among(child, words) \
                    and not ends_before_subjectless_verb(child, self.actors, self.sentence):
                for aid in self.actors_of(child, seen):
                    if aid not in ids:
                        ids.append(aid)
            elif child.dep_ == "preposition" and child.lower_ in words.including:
                for pobj in child.children:  # 'officials, including X and Y', 'among them X'
                    if pobj.dep_ == "prep_object":
                        ids += [a for a in self.actors_of(pobj, seen) if a not in ids]
        return [a for a in ids if self.actors.actors[a].type is not ActorType.PLACE]

    def state_inside(self, head: "Token") -> list[int]:
        """'the government in Kabul', 'sites in Pakistan', 'the cities of Goma and Bukavu': the
        state the noun is in."""
        words = self.words
        doc = head.doc
        following = doc[head.i + 2] if head.i + 2 < len(doc) and words.in_(doc[head.i + 1].lower_) else None
        places = [p for c in head.children if c.dep_ == "preposition" and words.in_(c.lower_) for p in c.children
                  if p.dep_ == "prep_object"] or ([following] if following is not None else [])
        states = [a for p in places for a in _countries_at(self, p)]
        if not states and head.lower_ in self.rules.asset_nouns:
            named = [p for c in head.children if c.dep_ == "preposition" and (words.in_(c.lower_) or words.of(c.lower_))
                     for p in c.children if p.dep_ == "prep_object"]
            states = [a for p in named for a in place_states(self, p)]
        return states

    def mention_tokens(self, head: "Token", ids: list[int]) -> list["Token"]:
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

    def _phrase_mention(self, head: "Token", ids: list[int]) -> list["Token"]:
        """The mention's words and the same actor's further in its phrase ('the envoy to X, Y, and ...')."""
        tokens, same = self.mention_tokens(head, ids), lambda t: self.actors.at(self.sentence.index, t.i) == ids  # noqa: E731
        return tokens + [t for t in head.subtree if t not in tokens and same(t)] if ids and same(head) else tokens

    def subject_heads(self, verb: "Token") -> list["Token"]:
        words = self.words
        if listed := list_before(verb, self.actors, self.sentence):
            return listed
        tok = verb
        for _ in range(4):
            subjects = [c for c in tok.children if c.dep_ in roles.SUBJECTS]
            if subjects and tok.dep_ == "relative_clause" and all(c.lower_ in words.relative_pronouns for c in subjects):
                head = self.relative_head(tok)  # 'the alliance, which includes X': the alliance
                return [] if head.lower_ in self.rules.asset_nouns else [head]  # 'an outpost ..., which': a thing
            kept = [c for c in subjects if not _listed_among(c, words)]
            if kept:  # (a list hung on the verb as its subject is no subject: 'X, among them A, urged')
                return kept
            if tok.dep_ == "clause_subject" and tok.tag_ == "gerund":  # 'The TNLA, fighting alongside X, has taken ...'
                return [c for c in tok.head.children if c.dep_ in roles.NOMINAL_SUBJECTS and c.i < tok.i] \
                    or _named_before(self, tok)
            if tok.dep_ == "prep_clause" and tok.head.dep_ == "preposition" and tok.head.head != tok.head:
                governor = tok.head.head
                objects = [c for c in governor.children if c.dep_ == "object"]
                if words.of(tok.head.lower_) and objects:
                    return objects  # 'accused Rwanda of backing X'
                tok = governor
                continue
            if tok.dep_ in roles.CONTROLLED_CLAUSES and tok.head != tok:
                head = governing_clause(tok)
                if _object_controls(tok, head, self.rules.sending_verbs):
                    controllers = [c for c in head.children if c.dep_ == "object"]
                    controllers += [p for c in head.children if c.dep_ == "preposition" and c.lower_ in words.appeal_prepositions
                                    and c.i > head.i for p in c.children if p.dep_ == "prep_object"]  # not 'On security, X agreed
                    if controllers and not all(c.lower_ in self.rules.weapon_nouns for c in controllers):
                        return controllers  # 'commits the SDF to support X', not 'sent jets to strike X'
                tok = head
                continue
            if tok.dep_ in roles.RELATIVE_CLAUSES and tok.head != tok:
                return [tok.head]
            return []
        return []

    def relative_head(self, clause: "Token") -> "Token":
        """The noun a relative clause is about. The parser often hangs it on the place at the end
        of the phrase ('the main party in Kosovo, which is backed by Belgrade'): then it is the
        phrase the place is in, and the name that phrase stands beside (not when an actor is named
        there: 'a response from Trump, who said')."""
        head = clause.head
        named = [a for a in self.actors.at(self.sentence.index, head.i)
                 if self.actors.actors[a].type not in (ActorType.PLACE, ActorType.COUNTRY)]  # someone, not somewhere
        if head.dep_ == "prep_object" and head.head.head != head.head and not named and (
                head.head.lower_ in self.words.locative_prepositions or _members_of_whole(head, self.actors, self.sentence)):
            head = head.head.head  # 'the party in Kosovo, which', 'an umbrella of factions that includes'
            if not self.actors.at(self.sentence.index, head.i) and head.dep_ == "apposition":
                head = head.head
        return head

    def antecedent(self, word: "Token", steps: int = 4) -> list[int]:
        """'the RSF, whose commander X': the actors of the noun the relative clause a word is
        in hangs on."""
        tok = word
        for _ in range(steps):
            if tok.dep_ == "relative_clause":
                return self.actors.at(self.sentence.index, tok.head.i)
            if tok.head == tok:
                break
            tok = tok.head
        return []

    def clause_subjects(self) -> list[int]:
        """The actors the sentence is about: the subjects of its main clause and of the clauses
        its main verb reports ('Moscow requested ..., its deputy envoy X said')."""
        root = self.sentence.span.root
        clauses = [root] + [c for c in root.children if c.dep_ == "complement_clause"]
        return [a for clause in clauses for c in clause.children if c.dep_ in roles.NOMINAL_SUBJECTS
                for a in self.actors.at(self.sentence.index, c.i)]

    def coordinated_before(self, verb: "Token") -> list[int]:
        """'after A and B met': when the parser cut A off the coordination, 'A and' right before
        the subject still joins it."""
        subject = next((c for c in verb.children if c.dep_ in roles.SUBJECTS), None)
        if subject is None:
            return []
        start = self.mention_tokens(subject, self.actors.at(self.sentence.index, subject.i))[0].i
        doc = verb.doc
        if start < 2 or doc[start - 1].lower_ != self.words.conjunction:
            return []
        before = self.actors.at(self.sentence.index, doc[start - 2].i)
        return [a for a in before if self.actors.actors[a].type is not ActorType.PLACE]

    def stance_actors(self, head: "Token") -> list[int]:
        """'rejected the Turkish move': the actors behind a stance noun; 'endorsed an agreement with
        the EU': the party to a pact."""
        ids: list[int] = []
        if head.lemma_.lower() in self.rules.lexicon.pact_nouns or head.lower_ in self.rules.lexicon.pact_nouns:
            ids += [a for c in head.children if c.dep_ == "preposition" and c.lower_ == self.words.accompanying
                    for p in c.children if p.dep_ == "prep_object" for a in self.actors_of(p)]
        if head.lemma_.lower() not in self.rules.lexicon.stance_nouns and head.lower_ not in self.rules.lexicon.stance_nouns:
            return unique(ids) or _doers(self, head)
        owned = any(c.dep_ == "possessor" for c in head.children)  # "Ukraine's NATO membership": Ukraine's
        for child in head.children:
            if child.dep_ in roles.NAME_MODIFIERS and not _other_party(child, self.words) and not (
                    owned and child.dep_ == "compound"):
                ids += [a for t in (child, *(s for s in child.children if s.dep_ == "conjunct"))
                        for a in self.actors.at(self.sentence.index, t.i)]
            if child.dep_ == "preposition" and child.lower_ in self.words.authorship:
                for pobj in child.children:
                    ids += self.actors_of(pobj)
        # 'Turkish-Syrian rapprochement': demonyms joined by a hyphen modify the noun together
        for child in head.children:
            if child.dep_ in roles.ADJECTIVE_MODIFIERS and not _other_party(child, self.words) and not (
                    owned and child.dep_ == "compound"):
                ids += [a for tok in child.subtree for a in self.actors.at(self.sentence.index, tok.i)]
        return [a for a in unique(ids) if self.actors.actors[a].type is not ActorType.PLACE]


def of_time(prep: "Token", dates: DateWords) -> bool:
    """'on Monday', 'in November': a preposition of time, no particle of a phrasal verb ('called X on
    Monday') nor a destination ('sent in November'); `dates` are the date words of its language."""
    return any(p.ent_type_ in roles.TIME_ENTITIES or p.lower_ in dates.weekdays for p in prep.children
               if p.dep_ in roles.PREPOSITIONAL_OBJECTS)


def _countries_at(args: "Arguments", word: "Token") -> list[int]:
    """The states among the actors a word names."""
    return [a for a in args.actors.at(args.sentence.index, word.i) if args.actors.actors[a].type is ActorType.COUNTRY]


def _states_of(args: "Arguments", word: "Token") -> list[int]:
    """The states a word names: a state, or the state whose post the person named holds ('the
    government of Prime Minister X')."""
    ids = args.actors.at(args.sentence.index, word.i)
    return _countries_at(args, word) or unique(
        p.org for p in args.actors.posts if p.holder in ids and args.actors.actors[p.org].type is ActorType.COUNTRY)


def _named_before(args: "Arguments", clause: "Token") -> list["Token"]:
    """'Since then the TNLA, fighting alongside X, ...': the name right before a clause set off
    by a comma, where the parser took it for something else."""
    doc = clause.doc
    j = min(t.i for t in clause.subtree) - 1
    if j <= args.sentence.span.start or not doc[j].is_punct:
        return []
    return [doc[j - 1]] if args.actors.at(args.sentence.index, j - 1) else []



def _owners(args: "Arguments", head: "Token", seen: set[int]) -> list[int]:
    """Whose fighters, positions or sites these are: 'Hamas fighters', "Hezbollah's strongholds",
    'Iranian nuclear sites', 'the HTS-led militants', 'targets used by X', 'army convoys in Niger';
    not the state a place another holds is named for ("Georgia's breakaway region", 'the occupied
    Ostrian town'), while 'the breakaway region of X' is X's."""
    known = args.actors.actors
    led = head.lower_ in args.words.led_parties or head.lower_ in args.words.person_offices  # "Debretsion's wing"
    severed = any(c.lower_ in args.words.severed_modifiers for c in head.children)  # "Georgia's breakaway region"
    ids = [a for c in head.children if c.dep_ in roles.OWNER_MODIFIERS and not _other_party(c, args.words) and not severed
           for a in args.actors_of(c, seen)
           if known[a].type is not ActorType.PERSON or led]
    ids = ids or [a for c in head.children if c.dep_ == "compound" and c.pos_ == "NOUN" for g in c.children  # 'a Tarsan fighter jet'
                  if g.dep_ in roles.OWNER_MODIFIERS for a in args.actors_of(g, seen) if known[a].type is not ActorType.PERSON]
    named = severed and any(c.dep_ in roles.NAME_MODIFIERS and c.pos_ == "PROPN" for c in head.children)
    ids += [a for c in head.children if c.dep_ == "preposition" and c.lower_ in args.words.origins and not named
            for p in c.children if p.dep_ == "prep_object" for a in args.actors_of(p, seen)  # 'fighters of X'
            if (known[a].type is not ActorType.PERSON or head.lower_ in args.words.person_offices)
            and a not in ids]  # not 'the occupied Abkhazia region of Georgia'; 'the office of President X' speaks for X
    ids += [a for a in participle_owners(args, head, seen) if a not in ids and (
        known[a].type is not ActorType.PERSON or led)]  # 'a delegation headed by X'
    if head.lower_ in args.words.member_nouns:  # 'members of the Security Council' are states, no voice of the UN
        ids = [a for a in ids if known[a].type is not ActorType.INTERNATIONAL_ORGANIZATION or any(  # not 'KFOR members'
            args.rules.name_heads.get(w.lower()) is ActorType.ARMED_GROUP for w in known[a].name.split())]
    if not ids and any(c.dep_ in ("compound", "adjective") and c.lower_ in args.words.state_force_words for c in head.children):
        where = list(head.children) + (list(head.head.children) if head.dep_ == "object" else [])  # 'strike army convoys in X'
        places = [p for c in where if c.dep_ == "preposition" and c.lower_ in args.words.setting_prepositions
                  for p in c.children if p.dep_ == "prep_object"]
        ids = args.state_inside(head) or [a for p in places for a in _states_at(args, p)]
    for c in head.children:
        words = [t.lower_ for t in c.subtree]
        if c.dep_ in roles.ADJECTIVE_MODIFIERS and "-" in words and words[-1] in args.words.backer_participles:
            ids += [a for t in c.subtree for a in args.actors.at(args.sentence.index, t.i)
                    if known[a].type is not ActorType.PERSON and a not in ids]
    return ids


def _other_party(modifier: "Token", words) -> bool:
    """'Iran-aligned', 'Turkish-backed': a hyphenated participle other than a backer's ('X-led')
    names someone else than the owner; so does a comparison ('a position close to that of X')."""
    return (modifier.pos_ == "VERB" and modifier.lower_ not in words.backer_participles
            and any(t.text == "-" for t in modifier.children)) or modifier.lower_ in words.comparison_adjectives


def governed_states(args: "Arguments", head: "Token") -> list[int]:
    """"Abiy's cabinet", 'the Ruto government': the states its leaders lead."""
    if head.lower_ not in args.words.government_nouns:
        return []
    leaders = {a for c in head.children if c.dep_ in roles.OWNER_MODIFIERS for a in args.actors_of(c)}
    return unique(p.org for p in args.actors.posts if p.leads and p.holder in leaders
                  and args.actors.actors[p.org].type is ActorType.COUNTRY)


def _states_at(args: "Arguments", word: "Token") -> list[int]:
    """The state a word names: a state's own name, or a place the gazetteer puts in one."""
    return _countries_at(args, word) or place_states(args, word)


def participle_owners(args: "Arguments", head: "Token", seen: set[int] | None = None) -> list[int]:
    """'targets used by X', 'facilities linked to X', 'an offensive spearheaded by X'."""
    return [a for c in head.children if c.dep_ == "noun_clause" and c.lower_ in args.words.owner_participles
            for g in c.children if g.dep_ == "agent" or (g.dep_ == "preposition" and g.lower_ in args.words.owner_prepositions)
            for p in g.children if p.dep_ == "prep_object" for a in args.actors_of(p, seen)]
