"""How a known state's name is used in a sentence: a demonym before a body names that state's
body ('the Iranian foreign ministry'), a capital names its government when it acts or is acted
upon ('Moscow said') and is a place otherwise ('in Moscow'), a known town is always a place."""
from __future__ import annotations

from typing import TYPE_CHECKING

from kg.model import ActorType
from kg.knowledge.language import Words, language_of
from kg.extraction.actors.namemention import NameMention
from kg.knowledge.rules import GazetteerEntry, NameRules
from kg.extraction.parsing import roles

if TYPE_CHECKING:
    from kg.extraction.parsing.nlp import Sentence

__all__ = ["from_entry", "absorb_national_bodies", "body_of_state", "body_name"]

ACTOR_ROLES = {"subject", "passive_subject", "possessor", "agent"}


def from_entry(sentence: "Sentence", start: int, end: int, entry: GazetteerEntry, rules: NameRules) -> NameMention:
    doc = sentence.span.doc
    led_end = _led_body_end(doc, end, sentence.span.end) if entry.type is ActorType.COUNTRY else None
    if led_end is not None:  # 'a Saudi-led coalition', 'the US-led coalition': a body of its own
        return NameMention(sentence, start, led_end, ActorType.ORGANIZATION, "name", None, "head")
    if entry.type is ActorType.COUNTRY and entry.kind == "demonym":
        return _from_demonym(sentence, start, end, entry, rules)
    if entry.kind == "town":
        return NameMention(sentence, start, end, ActorType.PLACE, "place", None, "town", entry.name)
    if entry.type is ActorType.COUNTRY and entry.kind in ("capital", "metonym"):
        kind = "capital" if _used_as_actor(doc, start, end, rules) else "place"
        if kind == "place":
            return NameMention(sentence, start, end, ActorType.PLACE, "place", None, "gazetteer", entry.name)
        return NameMention(sentence, start, end, ActorType.COUNTRY, "capital", entry.name, "gazetteer")
    if entry.type is ActorType.COUNTRY and entry.kind == "name":
        body_end = _national_body_end(doc, end, sentence.span.end, rules)
        if body_end is not None:  # 'Kosovo police', 'Iraq interior ministry'
            return NameMention(sentence, start, body_end, ActorType.GOVERNMENT_BODY, "name", None, "head", entry.name)
        army_end = _army_end(doc, end, sentence.span.end, language_of(doc).words)
        if army_end is not None:  # 'the Cameroon military'
            name = army_name(doc[end:army_end].text, entry.name, rules, language_of(doc).words)
            return NameMention(sentence, start, army_end, ActorType.GOVERNMENT_BODY, "name", name, "head", entry.name)
    if entry.type is ActorType.COUNTRY:
        nxt = doc[end] if end < sentence.span.end else None
        if nxt is not None and nxt.lower_ in rules.state_metonyms and nxt.pos_ in ("NOUN", "PROPN") \
                and not _role_before_name(doc, end, sentence.span.end):
            return NameMention(sentence, start, end + 1, ActorType.COUNTRY, "state", entry.name, "gazetteer")
    return NameMention(sentence, start, end, entry.type, "name", entry.name, "gazetteer", entry.country)


def _role_before_name(doc, k: int, limit: int) -> bool:
    """'Russian ally Belarus', 'US partner Japan': a role the name after it plays for the state,
    so the state is not the ally ('its Russian ally' is)."""
    return k + 1 < limit and doc[k].lower_ in language_of(doc).words.partner_roles and doc[k + 1].pos_ == "PROPN" \
        and doc[k + 1].ent_type_ not in roles.TIME_ENTITIES


def _from_demonym(sentence: "Sentence", start: int, end: int, entry: GazetteerEntry, rules: NameRules) -> NameMention:
    """What a state's demonym names: the state's body ('the Iranian foreign ministry'), the state
    ('the Russian state', 'Iranian officials') or its people ('Georgian demonstrators', 'the Palestinians')."""
    doc = sentence.span.doc
    words = language_of(doc).words
    if words.modifiers_follow_head:
        return _after_noun(sentence, start, end, entry, rules)
    nxt = doc[end] if end < sentence.span.end else None
    ethnic = start > sentence.span.start and doc[start - 1].lower_ in words.ethnic_markers
    named_after = end + 1 < sentence.span.end and words.of(doc[end + 1].lower_)  # 'Bolivian rebels of X'
    if nxt is not None and not named_after and (
            nxt.lower_ in words.insurgent_nouns or (ethnic and nxt.lower_ in words.armed_men_nouns)):
        return NameMention(sentence, start - ethnic, end + 1, ActorType.ARMED_GROUP, "name", None, "head", entry.name)
    speaking = end + 1 < sentence.span.end and doc[end].text == "-" and doc[end + 1].lower_ in words.language_compounds
    if ethnic or speaking:  # 'ethnic Armenians', 'ethnic Serb leaders', 'French-speaking': a people or a tongue
        return NameMention(sentence, start, end, ActorType.GROUP, "people", None, "gazetteer")
    body_end = _national_body_end(doc, end, sentence.span.end, rules)
    if body_end is not None:  # 'the Iranian foreign ministry', 'Sudanese intelligence services'
        return NameMention(sentence, start, body_end, ActorType.GOVERNMENT_BODY, "name", None, "head", entry.name)
    army_end = _army_end(doc, end, sentence.span.end, words)
    if army_end is not None:  # 'the Chadian army'
        name = army_name(doc[start:army_end].text, entry.name, rules, words)
        return NameMention(sentence, start, army_end, ActorType.GOVERNMENT_BODY, "name", name, "head", entry.name)
    if nxt is not None and nxt.lower_ in rules.state_metonyms and nxt.pos_ in ("NOUN", "PROPN") \
            and not _role_before_name(doc, end, sentence.span.end):
        return NameMention(sentence, start, end + 1, ActorType.COUNTRY, "state", entry.name, "gazetteer")
    if nxt is not None and nxt.lower_ in words.people_nouns:  # 'Georgian demonstrators'
        return NameMention(sentence, start, end + 1, ActorType.GROUP, "name", None, "head", entry.name)
    if (doc[end - 1].tag_ in ("plural_noun", "plural_name") and doc[end - 1].lower_.endswith("s")) \
            or _counted_people(doc, start, end, sentence.span.start):  # 'the Palestinians', 'many Sudanese'
        return NameMention(sentence, start, end, ActorType.GROUP, "people", None, "gazetteer")
    return NameMention(sentence, start, end, ActorType.COUNTRY, "demonym", entry.name, "gazetteer")


def _after_noun(sentence: "Sentence", start: int, end: int, entry: GazetteerEntry, rules: NameRules) -> NameMention:
    """Where the demonym follows its noun: what the noun before it names ('l'armée tchadienne',
    'les forces armées maliennes' the state's army; 'le gouvernement tchadien', 'les autorités
    maliennes' the state; 'les rebelles soudanais' an armed group; 'des manifestants maliens'
    people), else the demonym alone."""
    doc, words = sentence.span.doc, language_of(sentence.span.doc).words
    for said in sorted(words.state_army_nouns, key=lambda phrase: -len(phrase.split())):
        first = start - len(said.split())  # read from the words: the parser often takes the demonym for a verb
        if first >= sentence.span.start and " ".join(t.lower_ for t in doc[first:start]) == said:
            name = army_name(said, entry.name, rules, words)
            return NameMention(sentence, first, end, ActorType.GOVERNMENT_BODY, "name", name, "head", entry.name)
    noun, first = doc[start - 1], start - 1
    known_noun = noun.lower_ in rules.state_metonyms or noun.lemma_.lower() in rules.name_heads  # 'la junte', tagged an adjective
    if first < sentence.span.start or not (noun.pos_ == "NOUN" or (noun.pos_ == "ADJ" and known_noun)):
        return NameMention(sentence, start, end, ActorType.COUNTRY, "demonym", entry.name, "gazetteer")
    if rules.name_heads.get(noun.lemma_.lower()) is ActorType.GOVERNMENT_BODY and noun.lower_ not in rules.state_metonyms:
        end, domain = _domain_after(doc, end, sentence.span.end, rules)  # 'le ministère algérien des Affaires étrangères'
        while first >= sentence.span.start + 2 and words.of(doc[first - 1].lower_) \
                and rules.name_heads.get(doc[first - 2].lemma_.lower()) is ActorType.GOVERNMENT_BODY:
            first -= 2  # 'les services de renseignement égyptiens': the body is the services
        said = " ".join(t.lower_ for t in doc[first:start])
        english = words.body_names.get(f"{said} {domain}".strip())
        name = body_name(english, entry.name, rules, words) if english else None  # the Russian Ministry of Defence
        return NameMention(sentence, first, end, ActorType.GOVERNMENT_BODY, "name", name, "head", entry.name)
    if noun.lower_ in rules.state_metonyms:
        return NameMention(sentence, first, end, ActorType.COUNTRY, "state", entry.name, "gazetteer")
    if noun.lower_ in words.insurgent_nouns:
        return NameMention(sentence, first, end, ActorType.ARMED_GROUP, "name", None, "head", entry.name)
    if noun.lower_ in words.people_nouns:
        return NameMention(sentence, first, end, ActorType.GROUP, "name", None, "head", entry.name)
    return NameMention(sentence, start, end, ActorType.COUNTRY, "demonym", entry.name, "gazetteer")


def _domain_after(doc, end: int, limit: int, rules: NameRules) -> tuple[int, str]:
    """Where a body's domain after it ends ('des Affaires étrangères', 'de la Défense'): a
    preposition, perhaps an article, then capitalised or domain words; else `end`. With the
    domain's words, lower case ('de la défense')."""
    words = language_of(doc).words
    if end >= limit or doc[end].lower_ not in words.title_prepositions:
        return end, ""
    k = end + 1 + (end + 1 < limit and words.definite(doc[end + 1].lower_))
    start = k
    while k < limit and (doc[k].text[:1].isupper() or doc[k].lower_ in rules.title_domains) and rules.entry(doc[k].text) is None:
        k += 1
    found = k > start and doc[start].text[:1].isupper()
    return (k, " ".join(t.lower_ for t in doc[end:k])) if found else (end, "")


def _counted_people(doc, start: int, end: int, first: int) -> bool:
    """'many Sudanese', 'thousands of Sudanese', 'two Sudanese': a demonym counted, standing as a
    noun, is people (not 'two Philippine ships')."""
    words = language_of(doc).words
    if doc[end - 1].dep_ in roles.OWNER_MODIFIERS:
        return False
    k = start - 1
    if k > first and words.of(doc[k].lower_):
        k -= 1
    return k >= first and (doc[k].lower_ in words.people_quantifiers or doc[k].pos_ == "NUM")


def body_of_state(state: NameMention, rules: NameRules) -> NameMention | None:
    """"Pakistan's foreign ministry", "Moscow's defence ministry": a lower-case body after a state's
    genitive is that state's body, named as the demonym would name it ('Pakistani foreign ministry')."""
    if state.type is not ActorType.COUNTRY or state.kind not in ("name", "capital") or state.canonical is None:
        return None
    doc, limit = state.doc, state.sentence.span.end
    words = language_of(doc).words
    if state.end >= limit or doc[state.end].lower_ not in words.genitive:
        return None
    body_end = _national_body_end(doc, state.end + 1, limit, rules)
    army_end = _army_end(doc, state.end + 1, limit, words)
    if army_end is not None:  # "Chad's army"
        body_end = army_end
        name = army_name(doc[state.end + 1:body_end].text, state.canonical, rules, words)
    elif body_end is not None:
        name = body_name(doc[state.end + 1:body_end].text, state.canonical, rules, words)
    else:
        return None
    return NameMention(state.sentence, state.start, body_end, ActorType.GOVERNMENT_BODY, "name", name, "head",
                       state.canonical)


def body_name(text: str, state: str, rules: NameRules, words: Words) -> str:
    """A state's body named by its demonym ('Afghan Ministry of Foreign Affairs') or, with none, as
    the state's ('Ministry of Foreign Affairs of Ruritania'); or the gazetteer's name for that
    ('Pakistani Foreign Office' is the Pakistani Ministry of Foreign Affairs)."""
    demonym = rules.gazetteer.demonyms.get(state)
    name = f"{demonym} {text}" if demonym else f"{text} {words.belonging} {state}"
    entry = rules.gazetteer.entry(name)
    return entry.name if entry is not None and entry.type is ActorType.GOVERNMENT_BODY else name


def army_name(text: str, state: str, rules: NameRules, words: Words) -> str:
    """A state's army by one name whatever the article calls it ('Chadian army', 'Chad's military'
    are the Chadian Armed Forces), the gazetteer's where it has one under any of those words or of
    the endings of army names ('Pakistani army' is the Pakistan Army, and so are 'the Pakistani armed
    forces' and 'l'armée pakistanaise')."""
    demonym = rules.gazetteer.demonyms.get(state)
    said = text[len(demonym):].strip() if demonym is not None and text.startswith(demonym) else text
    for noun in (said, *sorted(words.state_army_nouns), *sorted(words.army_name_endings)) if demonym is not None else ():
        entry = rules.gazetteer.entry(f"{demonym} {noun}")  # 'Somali military' is the 'Somali army'
        if entry is not None and entry.type is ActorType.GOVERNMENT_BODY:
            return entry.name
    return body_name(words.state_army_name, state, rules, words)


def _army_end(doc, end: int, limit: int, words: Words) -> int | None:
    """Where a state's army named after its demonym or genitive ends ('the Chadian armed forces'),
    if it follows; not when the army only qualifies a noun after it ('army chief', 'army convoys')."""
    for phrase in words.state_army_nouns:
        parts = phrase.split()
        stop = end + len(parts)
        if stop <= limit and [t.lower_ for t in doc[end:stop]] == parts:
            after = doc[stop] if stop < limit else None
            if after is not None and after.pos_ in ("NOUN", "PROPN") and doc[stop - 1].head == after:
                return None
            return stop
    return None


def _led_body_end(doc, end: int, limit: int) -> int | None:
    """Where 'X-led coalition' ends, after a state's name or demonym, if it follows."""
    if not (end + 2 < limit and doc[end].text == "-"):
        return None
    words = language_of(doc).words
    if doc[end + 1].lower_ in words.leading_participles:
        k = end + 2
        while k < limit - 1 and doc[k].pos_ == "ADJ":
            k += 1  # 'Saudi-led military coalition'
        if doc[k].lemma_.lower() in words.led_bodies:
            return k + 1
    return None


def _national_body_end(doc, end: int, limit: int, rules: NameRules) -> int | None:
    """Where a lower-case government body after a demonym ends ('foreign ministry'), if there is one."""
    for j in range(end, min(limit, end + 3)):
        tok = doc[j]
        if not tok.text.islower() or tok.pos_ not in ("NOUN", "ADJ", "PROPN"):
            return None
        if rules.name_heads.get(tok.lemma_) is ActorType.GOVERNMENT_BODY and tok.lemma_ not in rules.state_metonyms:
            return j + 1
        if tok.lower_ not in rules.title_modifiers:
            return None
    return None


def _used_as_actor(doc, start: int, end: int, rules: NameRules) -> bool:
    """A capital names its government when it acts or is acted upon ('Moscow said', 'talks with Kyiv'),
    not when it is a location ('in Moscow', 'the capital, Moscow', 'rebuild Damascus')."""
    words = language_of(doc).words
    tok = doc[end - 1]
    while tok.dep_ == "conjunct" and tok.head != tok:
        tok = tok.head
    if tok.dep_ in ACTOR_ROLES:
        return True
    if tok.dep_ == "prep_object" and tok.head.lower_ in words.actor_prepositions:
        return True
    if tok.dep_ == "prep_object" and tok.head.lower_ == words.source_preposition and (
            tok.head.head.lemma_.lower() in (rules.relation_nouns if tok.head.head.pos_ == "NOUN" else words.provoking_verbs)):
        return True  # 'condemnation from Washington', 'drew criticism from Moscow'
    if tok.dep_ == "prep_object" and tok.head.lower_ in words.envoy_prepositions and any(
            c.lemma_.lower() in words.envoy_titles for c in [tok.head.head, *tok.head.head.children]
            if c.dep_ == "object"):
        return True  # 'recalled its ambassador from Algiers', 'a rappelé son ambassadeur à Alger'
    if start >= 2 and words.in_(doc[start - 1].lower_) and doc[start - 2].lower_ in rules.state_name_nouns:
        return True  # 'the new leadership in Damascus', 'the authorities in Kabul'

    if tok.dep_ == "object" and tok.head.lemma_.lower() in rules.relation_verbs:
        return True
    if tok.dep_ == "prep_object" and tok.head.lower_ in rules.stance_verb_preps.get(tok.head.head.lemma_.lower(), ()):
        return True  # 'a reproché à Washington de ...', 'demanded of Moscow'
    if tok.dep_ == "compound" and (tok.head.lower_ in rules.titles or tok.head.lemma_.lower() in rules.titles):
        return True  # 'Kremlin spokesman Dmitry Peskov'
    return False


def absorb_national_bodies(mentions: list[NameMention], doc, rules: NameRules) -> list[NameMention]:
    """'Turkish' + 'Ministry of Defense' is one government body of Turkey, not two mentions."""
    words = language_of(doc).words
    out: list[NameMention] = []
    for mention in mentions:
        prev = out[-1] if out else None
        if prev is not None and prev.kind == "demonym" and prev.end == mention.start \
                and mention.canonical is None and mention.type in (
                    ActorType.GOVERNMENT_BODY, ActorType.ARMED_GROUP, ActorType.ORGANIZATION):
            kind = mention.type
            if kind is ActorType.ARMED_GROUP and doc[mention.start].lower_ in rules.national_heads | words.national_body_words:
                kind = ActorType.GOVERNMENT_BODY
            out[-1] = NameMention(mention.sentence, prev.start, mention.end, kind, "name", None, mention.cue,
                                  prev.canonical)
            continue
        out.append(mention)
    return out
