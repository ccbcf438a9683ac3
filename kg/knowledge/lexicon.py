"""The schema of a relation lexicon (`ontology/<lang>/lexicon.yaml`, a user's `--lexicon` file):
its verb and noun entries, each read as the `VerbRule` or `NounRule` the extraction uses, and the
word lists of `LexiconWords`, each declared once, here. Every field of an entry but its lemma,
relation, construction and CAMEO code is a flag; which flags a construction reads is declared with
the construction (`kg.knowledge.constructions`), and an entry may give only those."""
from __future__ import annotations

from enum import Enum
from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, field_validator, model_validator

from kg.model import ActorType, Relation

__all__ = ["WordKind", "VerbRule", "NounRule", "VerbFlag", "NounFlag", "LexiconWords", "LexiconFile",
           "ENTRY_TYPES", "FLAGS"]

RELATION_NAMES = [r.value for r in Relation]
ACTOR_TYPE_NAMES = sorted(t.value for t in ActorType)
ENTRY_FIELDS = ("lemma", "relation", "construction", "cameo")  # what every entry may give: no flags


class WordKind(Enum):
    """What kind of word an entry of the lexicon is."""

    VERB = "verb"
    NOUN = "noun"


def _word_list(value: Any) -> tuple[str, ...]:
    """A list of words as YAML gives it: words, numbers read as words, nothing for an empty key."""
    if value is None:
        return ()
    if not isinstance(value, list) or not all(isinstance(v, (str, int)) and not isinstance(v, bool) for v in value):
        raise ValueError('expected a list of strings (quote words like "on" and "no")')
    return tuple(str(v) for v in value)


WordTuple = Annotated[tuple[str, ...], BeforeValidator(_word_list)]
WordSet = Annotated[frozenset[str], BeforeValidator(_word_list)]


class _Schema(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class _Entry(_Schema):
    """What every entry says: its word, the relation it signals and, unless its relation's default
    (or its kind's) will do, the construction that finds the relation's actors."""

    lemma: str
    relation: Relation
    construction: str | None = None  # once loaded, the one it takes (kg.knowledge.constructions)
    cameo: str | int | None = None  # the CAMEO code the word corresponds to, for readers; kg does not read it

    @field_validator("lemma")
    @classmethod
    def _lower_lemma(cls, lemma: str) -> str:
        return lemma.lower()

    @field_validator("relation", mode="before")
    @classmethod
    def _known_relation(cls, value: Any) -> Any:
        if value not in RELATION_NAMES:
            raise ValueError(f"unknown relation {value!r} (one of {', '.join(sorted(RELATION_NAMES))})")
        return value


class VerbRule(_Entry):
    """A verb entry; `ontology/en/lexicon.yaml` says what each flag means."""

    particle: str | None = None  # only as this phrasal verb ('call on')
    preps: WordTuple = ()  # whose objects are the relation's objects ('met with X')
    direct: bool = True  # a direct object is the other actor (false: 'called for a truce')
    reciprocal: bool = False  # coordinated subjects relate to each other ('A and B met')
    joint_objects: bool = False  # the objects meet each other too ('X hosted A and B')
    place_objects: bool = False  # an object the tagger calls an organisation is likelier a place
    clause_object: bool = False  # the subject of the clause it governs is the object ('warned that X ...')
    inverse: bool = False  # the object bears the relation to the subject ('includes X')
    stance: bool = False  # a position taken now, even about the future ('vowed to overthrow X')
    requires_xcomp: bool = False  # only with an infinitive clause ('asked X to leave')
    forbids_xcomp: bool = False  # only without one ('called on the prime minister', a visit)
    requires_clause_subject: bool = False  # only with an infinitive of its own subject ('wants X to leave')
    requires_obligation: bool = False  # only with a clause of what must be ('said that X must leave')
    infinitive_objects: bool = False  # 'threatened to march on X': X is the object
    event_objects: bool = False  # 'retaliate for X's strikes': whoever did the event is the object
    envoy_objects: bool = False  # 'summoned X's ambassador, Y': a person object stands for the state of their post
    purpose_objects: bool = False  # 'sent troops to join X': whom its purpose clause sides with
    requires_object: WordTuple = ()  # a fixed expression's object ('shook hands')
    excludes_objects: WordTuple = ()  # objects that make it no such relation ('led the delegation')
    forbids_preps: WordTuple = ()  # prepositions that make it no such relation ('welcomed X to Rome')
    object_types: frozenset[ActorType] | None = None  # the types its objects may have

    @field_validator("particle", mode="before")
    @classmethod
    def _particle_word(cls, value: Any) -> Any:
        if value is not None and not isinstance(value, str):
            raise ValueError('must be a string (quote words like "on")')
        return value or None

    @field_validator("requires_object", "excludes_objects", "forbids_preps")
    @classmethod
    def _lower_objects(cls, words: tuple[str, ...]) -> tuple[str, ...]:
        return tuple(w.lower() for w in words)

    @field_validator("object_types", mode="before")
    @classmethod
    def _known_types(cls, value: Any) -> Any:
        if value is None:
            return None
        for name in _word_list(value):
            if name not in ACTOR_TYPE_NAMES:
                raise ValueError(f"unknown type {name!r} (one of {', '.join(ACTOR_TYPE_NAMES)})")
        return value


class NounRule(_Entry):
    """A noun entry: an event ('talks between A and B'), a role one actor plays for another ('its
    ally') or a stance held on an actor's behalf ('Iran's support for X')."""

    plural_only: bool = False  # only in the plural ('talks')
    requires: WordTuple = ()  # modifiers one of which it must have ('phone call')
    excludes: WordTuple = ()  # modifiers that make it no such relation ('trading partner')
    object_preps: WordTuple = ()  # whose objects are the relation's objects ('support for X')
    place_objects: bool = False  # 'the shelling of Kharkiv' is of the state Kharkiv is in
    requires_purpose: bool = False  # only with an infinitive of what it is for ('pressure on X to leave')

    @model_validator(mode="before")
    @classmethod
    def _older_flags(cls, data: Any) -> Any:
        """`role: true` and `stance: true`, as entries said `construction: role` and `stance` before."""
        if not isinstance(data, dict) or not {"role", "stance"} & set(data):
            return data
        data = dict(data)
        role, stance = data.pop("role", None), data.pop("stance", None)
        if "construction" not in data and (role or stance):
            data["construction"] = "role" if role else "stance"
        return data


def _flags(entry: type[_Entry]) -> dict[str, str]:
    return {name: name for name in entry.model_fields if name not in ENTRY_FIELDS}


VerbFlag = Enum("VerbFlag", _flags(VerbRule))  # type: ignore[misc]  # a verb entry's flags, by name
NounFlag = Enum("NounFlag", _flags(NounRule))  # type: ignore[misc]
ENTRY_TYPES: dict[WordKind, type[_Entry]] = {WordKind.VERB: VerbRule, WordKind.NOUN: NounRule}
FLAGS: dict[WordKind, type[Enum]] = {WordKind.VERB: VerbFlag, WordKind.NOUN: NounFlag}


class LexiconWords(_Schema):
    """The lexicon's word lists, by the role the relation stage gives them."""

    light_verbs: WordSet = frozenset()  # carry a noun of the lexicon as their object ('held talks with')
    joining_verbs: WordSet = frozenset()  # join the meeting just told of ('was also attended by X')
    stance_nouns: WordSet = frozenset()  # what one is for or against on a state's behalf ('the Turkish move')
    pact_nouns: WordSet = frozenset()  # ties with another actor ('an agreement with the EU')
    label_nouns: WordSet = frozenset()  # what a label construction must call its object ('a threat')
    collective_nouns: WordSet = frozenset()  # 'X, an alliance of A and B': A and B are X's members
    delegation_nouns: WordSet = frozenset()  # 'an X delegation, including A': A is X's member
    siding_verbs: WordSet = frozenset()  # 'helped X against Y': the subject opposes Y
    recognising_verbs: WordSet = frozenset()  # 'does not recognise X': the subject opposes X

    def merged(self, other: LexiconWords) -> LexiconWords:
        """These lists with the words of another file's added."""
        return LexiconWords.model_construct(**{name: getattr(self, name) | getattr(other, name)
                                               for name in LexiconWords.model_fields})


class LexiconFile(LexiconWords):
    """A lexicon file: its word lists, and its entries, each read as a `VerbRule` or `NounRule`
    on its own (so that a message names the entry)."""

    verbs: list[Any] = []
    nouns: list[Any] = []

    @field_validator("verbs", "nouns", mode="before")
    @classmethod
    def _no_entries(cls, value: Any) -> Any:
        return [] if value is None else value
