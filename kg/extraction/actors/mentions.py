"""Find the names in parsed sentences: known names from the gazetteer and unknown ones.

A name mention is typed from the gazetteer, from the head word of the name
("... Forces", "Ministry of ..."), from a descriptor after it ("the X media
institution"), from a title before it ("Minister X") or from spaCy's entity
label, in that order of trust. Untyped names are kept as candidates: they
count only if resolution merges them with a typed mention.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

from kg.model import ActorType
from kg.knowledge.language import Language, language_of
from kg.extraction.actors.spelledout import spelled_out_names
from kg.extraction.actors.gazetteermatch import capitalised, gazetteer_matches
from kg.extraction.actors.namemention import NameMention, by_sentence, descriptor_after, mention_key
from kg.extraction.parsing.nlp import common_word
from kg.knowledge.names import fold
from kg.knowledge.rules import GazetteerEntry, NameRules
from kg.extraction.actors.statenames import absorb_national_bodies, body_of_state, from_entry
from kg.extraction.actors.nametitles import honorific, name_after_title, skip_leading_titles, title_apposed, title_domain, title_word
from kg.extraction.parsing import roles

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.extraction.parsing.nlp import Sentence

__all__ = ["NameMention", "find_names", "by_sentence", "mention_key"]

ENTITY_TYPES = {"person": ActorType.PERSON, "organisation": ActorType.ORGANIZATION,
               "geopolitical": ActorType.PLACE, "location": ActorType.PLACE, "facility": ActorType.PLACE}
NOT_NAMES = {"date", "time", "money", "percent", "quantity", "cardinal", "ordinal", "event",
             "work_of_art", "law", "language_name"}
SOFT_LABELS = {"work_of_art", "event", "law", "language_name"}  # of NOT_NAMES, the ones the tagger gives people
PERSON_ENTITY = "person"  # the entity tagger's label of people
BODIES_WITHOUT_FORCES = (ActorType.GOVERNMENT_BODY, ActorType.ORGANIZATION, ActorType.INTERNATIONAL_ORGANIZATION)
GIVEN_SYLLABLE = 4  # letters at most of the lower-case second syllable of a given name after a hyphen


def find_names(sentence: "Sentence", rules: NameRules) -> list[NameMention]:
    """All name mentions of one sentence, gazetteer matches first, then unknown names."""
    mentions: list[NameMention] = []
    taken: set[int] = set()
    doc = sentence.span.doc
    matches = gazetteer_matches(sentence, rules)
    spelled = spelled_out_names(sentence, rules, {end for _start, end, entry in matches  # 'le Comité pour ... (CTRI)'
                                                  if entry.type not in (ActorType.COUNTRY, ActorType.PLACE)})
    inside = {i for m in spelled for i in range(m.start, m.end)}
    matches = [match for match in matches if match[0] not in inside]
    mentions += spelled
    taken |= inside
    local = _local_branches(matches)
    for start, end, entry in matches:
        if (start, end) in local:
            continue  # 'the Mandalay People's Defence Force': a town's own branch, named as a whole below
        if entry.kind != "demonym" and not doc[start:end].text.isupper() \
                and _inside_longer_name(doc, start, end, sentence, rules, entry):
            continue
        if entry.kind == "demonym" and start > sentence.span.start and fold(doc[start - 1].text) in rules.given_names:
            continue  # 'Ahmet Türk': a surname
        mention = from_entry(sentence, start, end, entry, rules)
        mention = body_of_state(mention, rules) or mention
        mentions.append(mention)
        taken.update(range(mention.start, mention.end))
    for start, end in _name_chunks(sentence, taken, rules):
        mention = _unknown_name(sentence, start, end, rules)
        if mention is not None:
            mentions.append(mention)
            taken.update(range(mention.start, mention.end))
    mentions.sort(key=lambda m: m.start)
    return absorb_national_bodies(mentions, doc, rules)


def _local_branches(matches: list[tuple[int, int, GazetteerEntry]]) -> set[tuple[int, int]]:
    """A town's name right before a known group's ("the Mandalay People's Defence Force") names that
    town's branch: the ranges of both matches."""
    out: set[tuple[int, int]] = set()
    for (s1, e1, town), (s2, e2, group) in zip(matches, matches[1:]):
        if e1 == s2 and town.kind == "town" and group.type in (ActorType.ARMED_GROUP, ActorType.ORGANIZATION):
            out |= {(s1, e1), (s2, e2)}
    return out


def _inside_longer_name(doc, start: int, end: int, sentence: "Sentence", rules: NameRules,
                        entry: GazetteerEntry) -> bool:
    """'Ali Mahmoud Abbas' is not the known 'Mahmoud Abbas', nor is 'Santiago Pena' the capital of
    Chile: the name goes on beyond the match."""
    lang = language_of(doc)

    def extends(tok) -> bool:
        if tok.lower_ in rules.document_heads:
            return False  # 'UN Security Council Resolution 2254' is still the Council's
        return _name_token(tok, False, rules, lang) and not title_word(tok, rules) and rules.entry(tok.text) is None
    before = doc[start - 1] if start > sentence.span.start else None
    after = doc[end] if end < sentence.span.end else None
    if after is not None and entry.type is not ActorType.PERSON and entry.kind == "name" and (
            (after.ent_iob_ == "B" and after.ent_type_ == PERSON_ENTITY) or fold(after.text) in rules.given_names
            or honorific(after, rules)):
        return False  # 'Ambassador to the Philippines Huang Xilian', 'of Sri Lanka Prof. X': a person starts after the state
    if entry.type is ActorType.COUNTRY and entry.kind == "name" and _named_after_state(doc, start, sentence, rules):
        return True  # 'Heart of Moldova', 'Central Bank of Libya': the state ends another name
    if entry.type is ActorType.COUNTRY and entry.kind == "name" and _head_follows(doc, end, sentence.span.end, rules):
        return True  # 'Kosovo Force', 'Guyana Defence Force': the state begins another name
    if after is not None and entry.type in BODIES_WITHOUT_FORCES and after.lower_ in lang.words.own_name_heads:
        return True  # 'the Rada militia' is no militia of the Rada, the parliament: a name of its own
    if before is not None and end - start > 1 and entry.type is not ActorType.PERSON and before.is_title \
            and before.lower_ in rules.title_modifiers and before.i > sentence.span.start:
        return True  # 'the National Salvation Government' is not the known 'Salvation Government'
    return (before is not None and extends(before)) or (after is not None and extends(after))


def _head_follows(doc, end: int, limit: int, rules: NameRules) -> bool:
    """Whether the capitalised words after a state's name end in a body's head ('Police', 'Defence
    Force'), within three words."""
    lang = language_of(doc)
    for k in range(end, min(limit, end + 3)):
        if not _name_token(doc[k], False, rules, lang):
            return False
        if doc[k].lower_ in rules.name_heads:
            return True
    return False


def _named_after_state(doc, start: int, sentence: "Sentence", rules: NameRules) -> bool:
    """Whether the state named at `start` ends a longer name: '<Name> of (the) STATE', the word
    before 'of' a capitalised English noun or adjective ('Heart', 'Bank') that is no title word or
    state noun, in a run of capitalised words with no person's name ('Hugh Todd of Guyana')."""
    words = language_of(doc).words
    k = start - 1
    if k > sentence.span.start and words.definite(doc[k].lower_):
        k -= 1
    if k <= sentence.span.start + 1 or not words.of(doc[k].lower_):
        return False
    word = doc[k - 1]
    if not (word.text[:1].isupper() and word.is_alpha and common_word(word) and not title_word(word, rules)
            and word.lower_ not in rules.state_name_nouns and word.lower_ not in rules.state_nouns
            and rules.entry(word.text) is None):
        return False
    run = k - 1
    while run > sentence.span.start and doc[run - 1].text[:1].isupper() and doc[run - 1].is_alpha:
        run -= 1
    return not any(t.ent_type_ == PERSON_ENTITY or fold(t.text) in rules.given_names
                   for t in doc[run:k])  # 'Hugh Todd of Guyana' is a person of a state


def _name_chunks(sentence: "Sentence", taken: set[int], rules: NameRules) -> list[tuple[int, int]]:
    doc, span = sentence.span.doc, sentence.span
    lang = language_of(doc)
    words = lang.words
    chunks, i = [], span.start
    while i < span.end:
        tok = doc[i]
        if i in taken or not _name_token(tok, i == span.start, rules, lang):
            i += 1
            continue
        if i == span.start and tok.pos_ != "PROPN" and i + 1 < span.end and i + 1 not in taken \
                and _name_token(doc[i + 1], False, rules, lang) and fold(tok.text) not in rules.given_names \
                and not _one_person_entity(tok, doc[i + 1]):
            i += 1  # 'Later Mbemba Kasongo met ...': a capitalised first word is no part of the name
            continue
        j = i + 1
        while j < span.end and j not in taken:
            if _name_token(doc[j], False, rules, lang):
                j += 1
                continue
            k = j
            while k < span.end and k not in taken and (doc[k].lower_ in words.name_connectors
                                                       or (k == j and doc[k].text in words.surname_articles) or (
                    words.of(doc[k].lower_) and k == j and rules.name_heads.get(doc[j - 1].lower_))
                    or (k == j and _joins_name_of(doc, i, k, span, taken, rules))
                    or (k > j and words.definite(doc[k].lower_) and words.of(doc[k - 1].lower_))
                    or (k == j and words.of(doc[k].lower_) and _state_follows(doc, k, span, rules))
                    or (k == j and doc[k].lower_ in words.genitive and _common_genitive(doc[j - 1], rules))):
                k += 1
            if j < k < span.end and k not in taken and _name_token(doc[k], False, rules, lang):
                j = k + 1
            else:
                break
        while j > i and (doc[j - 1].lower_ in words.name_connectors or words.of(doc[j - 1].lower_)):
            j -= 1
        j = _past_hyphenated_given_name(doc, i, j, span.end, taken)
        start = skip_leading_titles(doc, i, j, rules)
        if start == i and start > span.start and doc[start - 1].like_num and rules.name_heads.get(doc[j - 1].lower_) \
                and start - 1 not in taken:
            start -= 1  # 'the 444 Brigade', 'the 25th Division': the number is the name's
        if start < j:
            chunks.append((start, j))
        i = max(j, i + 1)
    return chunks


def _past_hyphenated_given_name(doc, i: int, j: int, limit: int, taken: set[int]) -> int:
    """Where a name ends that runs on through a hyphen into a lower-case syllable: one the tagger
    keeps in the person's name ('Ban Ki-moon'), or a short one after a name of two words ('Moon
    Jae-in', 'Song Young-gil'); not 'Rwanda-backed' nor 'the Kessel Front-led'."""
    if not (j + 1 < limit and j + 1 not in taken and doc[j].text == "-" and not doc[j - 1].whitespace_
            and not doc[j].whitespace_ and doc[j + 1].is_alpha and doc[j + 1].is_lower):
        return j
    syllable = doc[j + 1]
    tagged = syllable.ent_type_ == PERSON_ENTITY and syllable.ent_iob_ == "I"
    short = j - i >= 2 and len(syllable.text) <= GIVEN_SYLLABLE and syllable.lower_ not in language_of(doc).words.compound_tails
    return j + 2 if tagged or short else j


def _one_person_entity(first: "Token", second: "Token") -> bool:
    """Whether the tagger reads two words as one person's name ('Khaing Lwin', whose first word
    the parser took for a verb)."""
    return first.ent_type_ == PERSON_ENTITY and second.ent_type_ == PERSON_ENTITY and second.ent_iob_ == "I"


def _common_genitive(word: "Token", rules: NameRules) -> bool:
    """"People's" in "Mandalay People's Defence Force": an English noun's genitive inside a name,
    not an actor's ("Russia's Wagner Group", "the Sahel League's Coastal Force") nor a title's."""
    return common_word(word) and rules.entry(word.text) is None and not title_word(word, rules) \
        and word.lower_ not in rules.name_heads


def _state_follows(doc, k: int, span, rules: NameRules) -> bool:
    """'of (the) STATE' ends the name whose first words come before it ('Heart of Moldova')."""
    j = k + 2 if k + 1 < span.end and language_of(doc).words.definite(doc[k + 1].lower_) else k + 1
    if j >= span.end:
        return False
    entry = rules.entry(doc[j].text) or (rules.entry(doc[j:j + 2].text) if j + 1 < span.end else None)
    return entry is not None and entry.type is ActorType.COUNTRY and entry.kind == "name"


def _joins_name_of(doc, start: int, k: int, span, taken: set[int], rules: NameRules) -> bool:
    """'Party of Action and Solidarity', 'Ministry of Trade and Industry': after 'of' in a name,
    'and' joins the next capitalised word to it, unless that word starts another name or a title."""
    words = language_of(doc).words
    nxt = k + 1
    if not (doc[k].lower_ == words.conjunction and nxt < span.end and nxt not in taken):
        return False
    word = doc[nxt]
    return any(words.of(doc[x].lower_) for x in range(start, k)) and word.text[:1].isupper() \
        and fold(word.text) not in rules.given_names and not title_word(word, rules)


def _mislabelled_person(tok: "Token", rules: NameRules) -> bool:
    """'Mithat Dere' tagged a work of art: a given name, or the word after one with the same
    label, is a person's name whatever the tagger's word-sense labels say."""
    if tok.ent_type_ not in SOFT_LABELS:
        return False
    before = tok.doc[tok.i - 1] if tok.i > 0 else None
    return fold(tok.text) in rules.given_names or (
        before is not None and before.ent_type_ == tok.ent_type_ and fold(before.text) in rules.given_names)


def _name_token(tok: "Token", sentence_start: bool, rules: NameRules, lang: Language) -> bool:
    """Whether a word may be part of a name. `lang` is its document's, which the caller binds once:
    this runs for every word of every sentence."""
    if not capitalised(tok) or tok.is_punct:
        return False
    if (tok.ent_type_ in NOT_NAMES and not _mislabelled_person(tok, rules)) or tok.lower_ in lang.dates.weekdays \
            or tok.text in lang.words.time_zones:
        return False  # 'on Sunday Trump said', '14:10 GMT'
    if (sentence_start and tok.is_stop) or tok.lower_ in lang.words.definite_articles:
        return False  # "L'Algérie": the article, no word of the name
    if tok.is_stop and tok.pos_ != "PROPN" and tok.lower_ not in lang.words.name_connectors \
            and not (tok.text.isupper() and len(tok.text) > 1):  # "A" opening a sentence is no acronym
        return name_after_title(tok, rules)
    return True


def _unknown_name(sentence: "Sentence", start: int, end: int, rules: NameRules) -> NameMention | None:
    doc = sentence.span.doc
    words = language_of(doc).words
    span = doc[start:end]
    if all(title_word(t, rules) for t in span) \
            and not _body_named_by_modifiers(doc, span, sentence.span.end, rules):
        return None
    if span[-1].lower_ in rules.state_name_nouns and all(t.lower_ in words.home_state_modifiers for t in span[:-1]):
        return None  # 'the Federal Government': the article's own state, read as a description
    if span[-1].lower_ in rules.document_heads:
        return None  # 'the Doha Forum', 'the Trump Route', 'the MoU': names of events and documents, no actors
    if _weapon_make(doc, span, sentence.span.end, rules):
        return None  # 'BM-21 launchers', 'Su-25 jets': a make of weapon
    if len(span) > 1 and span[0].lower_ in rules.event_lead_words:
        return None  # 'Operation Rising Lion': an operation, no actor
    if title_domain(doc, span, rules):
        return None  # 'Director General of Military Operations': the post's domain, no actor
    heads = [t for t in span if words.of(t.lower_)]
    last = doc[heads[0].i - 1].lower_ if heads and heads[0].i > start else span[-1].lower_
    kind_by_head = rules.name_heads.get(last)
    descriptor = descriptor_after(doc, end, sentence.span.end, rules.trailing_descriptors)[1]
    if descriptor is not None:
        return NameMention(sentence, start, end, descriptor, "name", None, "descriptor")
    if kind_by_head is not None and len(span) > 1:
        return NameMention(sentence, start, end, kind_by_head, "name", None, "head")
    if start > 0 and (doc[start - 1].lower_ in rules.titles or honorific(doc[start - 1], rules)):
        return NameMention(sentence, start, end, ActorType.PERSON, "name", None, "title")
    if len(span) >= 2 and fold(span[0].text) in rules.given_names and kind_by_head is None:
        return NameMention(sentence, start, end, ActorType.PERSON, "name", None, "title")
    if (len(span) >= 2 or span[0].pos_ == "PROPN") and kind_by_head is None \
            and not span.text.isupper() and title_apposed(doc, end, sentence.span.end, rules):
        return NameMention(sentence, start, end, ActorType.PERSON, "name", None, "title")  # 'Rwasa, leader of X'
    if start == sentence.span.start and span[0].pos_ != "PROPN":
        return NameMention(sentence, start, end, None, "name", None, "")
    labels = [ENTITY_TYPES.get(t.ent_type_) for t in span if t.ent_type_]
    if labels:
        label = max(set(labels), key=lambda x: (labels.count(x), str(x)))
        if label is not None and labels.count(label) * 2 >= len(span):
            if label is ActorType.ORGANIZATION and kind_by_head is not None:
                label = kind_by_head
            elif label in (ActorType.ORGANIZATION, ActorType.PERSON) and not span.text.isupper() \
                    and _in_place_role(span[-1], rules) and not _after_state(doc, start, rules):
                label = ActorType.PLACE
            if len(span) == 1 and label in (ActorType.PERSON, ActorType.ORGANIZATION) and not span.text.isupper():
                return NameMention(sentence, start, end, None, "name", None, "")  # one word the tagger alone vouches for
            return NameMention(sentence, start, end, label, "name", None, "ner")
    return NameMention(sentence, start, end, None, "name", None, "")


def _after_state(doc, start: int, rules: NameRules) -> bool:
    """'Ambassador to the Philippines Huang Xilian': a name right after a state's is no place the
    parser hung on the preposition before them both."""
    entry = rules.entry(doc[start - 1].text) if start > 0 else None
    return entry is not None and entry.type is ActorType.COUNTRY and entry.kind == "name"


def _weapon_make(doc, span, limit: int, rules: NameRules) -> bool:
    """A name with a digit in its last word before a weapon's noun, or a compound that ends in one
    ('BM-21 launchers', 'HX-9 rocket launchers')."""
    if not any(c.isdigit() for c in span[-1].text) or span.end >= limit:
        return False
    after = doc[span.end]
    if after.lower_ == language_of(doc).words.conjunction:  # 'Bayraktar TB2 and Akinci drones'
        after = next((t for t in doc[span.end + 1:min(limit, span.end + 4)] if not t.text[:1].isupper()), after)
    return after.lower_ in rules.weapon_nouns \
        or (after.dep_ == "compound" and after.head.i > after.i and after.head.lower_ in rules.weapon_nouns)


def _body_named_by_modifiers(doc, span, limit: int, rules: NameRules) -> bool:
    """'the Joint Force of armed movements': words that qualify titles elsewhere ('Joint Chiefs',
    'Air Force commander') name a body when a body's head ends them and no title follows."""
    after = doc[span.end] if span.end < limit else None
    return len(span) > 1 and rules.name_heads.get(span[-1].lower_) not in (None, ActorType.PERSON) \
        and (after is None or (after.lower_ not in rules.titles
                               and not _name_token(after, False, rules, language_of(doc))))


def _in_place_role(tok, rules: NameRules) -> bool:
    """Where a name the tagger calls an organisation stands as a location: 'strikes on Kharkiv',
    'shelled El Fasher'."""
    words = language_of(tok).words
    while (tok.dep_ in roles.COORDINATION or tok.dep_ == "compound") and tok.head != tok:
        tok = tok.head
    if tok.dep_ == "prep_object" and (tok.head.lower_ in words.locative_prepositions or tok.head.lower_ in words.place_prepositions):
        return True
    return tok.dep_ == "object" and tok.head.lemma_.lower() in rules.place_object_verbs
