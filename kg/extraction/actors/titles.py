"""Titles of posts in a sentence ('the Turkish defence minister', 'the leader of X').

A title phrase either introduces a name (a post the named person holds) or
refers back to someone who holds such a post; resolution decides which.
"""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from kg.model import ActorType
from kg.extraction.actors.namemention import descriptor_after
from kg.extraction.actors.titleorgs import ORG_TYPES, is_genitive, org_after
from kg.knowledge.language import Words, language_of
from kg.knowledge.rules import TitleRules

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.extraction.actors.namemention import NameMention
    from kg.extraction.parsing.nlp import Sentence

__all__ = ["TitlePhrase", "find_titles", "is_genitive", "singular_of"]

MAX_HEAD_TOKENS = 5


@dataclass(frozen=True)
class TitlePhrase:
    """A title in a sentence; token range in the sentence's doc, organisations it names."""

    sentence: "Sentence"
    start: int
    end: int
    head: str
    label: str
    leads: bool
    former: bool
    plural: bool
    orgs: tuple["NameMention", ...] = ()
    head_index: int = 0
    patron: "NameMention | None" = None  # 'Trump's adviser', 'adviser to Khamenei'

    @property
    def doc(self):
        return self.sentence.span.doc


def _match_head(doc, i: int, limit: int, rules: TitleRules) -> tuple[int, str] | None:
    longest = MAX_HEAD_TOKENS if rules.may_start_phrase(doc[i].lower_) or rules.may_start_phrase(singular_of(doc[i].lower_)) else 1
    for j in range(min(limit, i + longest), i, -1):
        span = doc[i:j]
        text = span.text.lower()
        if j - i > 1:
            first, joint, rest = text.partition(" ") if " " in text else text.partition("'")
            form = next((f for f in (text, singular_of(text), singular_of(first) + joint + rest) if f in rules.titles), None)
            if form is not None:
                return j, form  # 'Deputy Foreign Ministers', "chefs d'État"
        if j - i == 1:
            tok = doc[i]
            if tok.pos_ not in ("NOUN", "PROPN"):
                return None
            if tok.lower_ in rules.title_modifiers and i + 1 < limit and _match_head(doc, i + 1, limit, rules):
                return None  # 'Deputy Foreign Minister': the modifier of the title after it
            for form in (tok.lower_, tok.lemma_.lower(), singular_of(tok.lower_)):
                if form in rules.titles:
                    return j, form
    return None


def singular_of(text: str) -> str:
    """The singular a capitalised plural the tagger left unlemmatised stands for ('Ministers')."""
    return text[:-1] if text.endswith("s") and not text.endswith("ss") else text






def find_titles(sentence: "Sentence", names: list["NameMention"], rules: TitleRules) -> list[TitlePhrase]:
    doc, span = sentence.span.doc, sentence.span
    by_token = {i: m for m in names for i in range(m.start, m.end)}
    phrases: list[TitlePhrase] = []
    i = span.start
    while i < span.end:
        if i in by_token:
            i += 1
            continue
        matched = _match_head(doc, i, span.end, rules)
        if matched is None:
            echo = _echo(doc, i, span.end, by_token, phrases[-1]) if phrases else None
            if echo is not None:  # 'le président du Kenya, X, et celui du Zimbabwe, Y'
                phrases.append(echo)
            i = echo.end if echo is not None else i + 1
            continue
        end, head = matched
        phrase = _extend(sentence, i, end, head, by_token, rules)
        phrases.append(phrase)
        i = end if phrase.patron is not None else max(end, phrase.end)  # the patron may hold a title too
    return phrases


def _echo(doc, i: int, limit: int, by_token, last: TitlePhrase) -> TitlePhrase | None:
    """'celui du Zimbabwe', 'that of Zimbabwe': the title just said again, of another organisation."""
    words = language_of(doc).words
    if doc[i].lower_ not in words.title_echoes or i + 2 >= limit or not words.of(doc[i + 1].lower_):
        return None
    org = org_after(doc, i + 2, limit, by_token)
    if org is None or org.type not in ORG_TYPES or org.end + 1 >= limit or doc[org.end].text != ",":
        return None
    holder = by_token.get(org.end + 1)
    if holder is None or holder.type is not ActorType.PERSON:
        return None  # only with the holder's name after it: not 'a stance close to that of Russia'
    return replace(last, start=i, end=org.end, orgs=(org,), head_index=i, patron=None, plural=False)


@dataclass
class _Reach:
    """How far a title phrase reaches, as it is worked out: its token range, the organisations
    and the person it names, and the words before its head."""

    start: int
    end: int
    orgs: list["NameMention"] = field(default_factory=list)
    modifiers: list["Token"] = field(default_factory=list)
    patron: "NameMention | None" = None
    domain: bool = False  # 'Director General of Military Operations'
    after: list["NameMention"] = field(default_factory=list)  # demonyms after the head ('le président tchadien')


def _extend(sentence: "Sentence", head_start: int, head_end: int, head: str, by_token, rules: TitleRules) -> TitlePhrase:
    reach = _Reach(head_start, head_end)
    _extend_left(sentence, head_start, by_token, rules, reach)
    _extend_right(sentence, head_end, by_token, rules, reach)
    _extend_over_domains(sentence, reach.end, by_token, rules, reach)
    if reach.domain:
        _extend_right(sentence, reach.end, by_token, rules, reach)  # 'le ministre de la Défense malien'

    _extend_over_scope(sentence, head_start, by_token, rules, reach)
    return _phrase(sentence, head_start, head_end, head, rules, reach)


def _extend_left(sentence: "Sentence", head_start: int, by_token, rules: TitleRules, reach: _Reach) -> None:
    """Modifiers, demonyms and organisations before the head ('the Turkish defence minister',
    'Iran's foreign minister'), or the patron whose title it is ('Trump's adviser')."""
    doc, span = sentence.span.doc, sentence.span
    words = language_of(doc).words
    j = head_start - 1
    while j >= span.start:
        tok = doc[j]
        mention = by_token.get(j)
        if mention is not None and mention.start >= span.start + 2 and doc[mention.start - 1].text == "-" \
                and doc[mention.start - 2].lower_ in words.stance_prefixes:
            reach.start = mention.start - 2  # "the pro-China president": whom the holder sides with, no post of it
            j = mention.start - 3
            continue
        if mention is not None and mention.type in ORG_TYPES:
            if mention not in reach.orgs:
                reach.orgs.insert(0, mention)
            reach.start = mention.start
            j = mention.start - 1
            continue
        if mention is not None and mention.type is ActorType.PERSON and j + 1 < head_start \
                and doc[j + 1].lower_ in words.genitive and not reach.orgs:
            reach.patron = mention
            reach.start = mention.start
            break
        if tok.text in (",",) or tok.lower_ == words.conjunction or tok.lower_ in words.genitive:
            before = by_token.get(j - 1) if j - 1 >= span.start else None
            if before is not None and before.kind == "demonym" and reach.orgs and reach.orgs[0].kind == "demonym":
                j -= 1  # 'the Turkish, Russian and Syrian defence ministers'
                continue
            if tok.lower_ in words.genitive:
                j -= 1
                continue
            break
        if mention is None and tok.lower_ in words.missions and j + 1 < head_start and doc[j + 1].lower_ in words.genitive:
            reach.start = j  # "the French embassy's attache": the state's, no word of the title
            j -= 1
            continue
        if mention is not None and mention.type is None and mention.end - mention.start == 1 and tok.lower_ in words.peoples:
            reach.modifiers.insert(0, tok)  # 'Bosnian Serb leader X': a people, no organisation
            reach.start = j
            j -= 1
            continue
        if tok.text == ")" and j >= span.start + 3 and doc[j - 2].text == "(" and by_token.get(j - 3) is not None \
                and doc[j - 1].is_upper:
            j -= 3  # 'Lebanese Forces (LF) leader X': the acronym in brackets is the name's again
            continue
        if mention is None and (tok.lower_ in rules.title_modifiers or tok.text == "-"
                                or (tok.dep_ == "compound" and tok.pos_ in ("NOUN", "PROPN") and not tok.is_stop)
                                or (tok.dep_ == "adjective" and tok.pos_ == "ADJ" and j + 1 < head_start
                                    and getattr(by_token.get(j - 1), "type", None) in ORG_TYPES)):  # 'Hezbollah parliamentary bloc chief'
            reach.modifiers.insert(0, tok)
            reach.start, j = j, j - 1
            continue
        break
    while reach.start < head_start and (doc[reach.start].text in (",", "-") or doc[reach.start].lower_ == words.conjunction):
        reach.start += 1
    if j >= span.start and doc[j].lower_ in words.determiners:
        reach.start = j


def _extend_right(sentence: "Sentence", k: int, by_token, rules: TitleRules, reach: _Reach) -> None:
    """Where adjectives follow the noun, the demonyms and modifiers after the head ('le président tchadien')."""
    doc, span = sentence.span.doc, sentence.span
    while k < span.end and language_of(doc).words.modifiers_follow_head:
        mention = by_token.get(k)
        if mention is not None and mention.kind == "demonym" and _people_of_another_state(doc, mention.end, span.end, by_token):
            break  # 'le dirigeant serbe de Bosnie': a people of another state, not Serbia's post
        if mention is not None and mention.type is ActorType.COUNTRY \
                and ((mention.kind == "demonym" and mention.start == k)  # 'président équato-guinéen'
                     or (mention.kind == "state" and mention.start < k and mention.end == k + 1)):  # 'chef de la diplomatie malienne'
            reach.orgs.append(mention)
            reach.after.append(mention)
            k = reach.end = mention.end
            continue
        if mention is None and doc[k].pos_ in ("ADJ", "VERB") and doc[k].lower_ in rules.title_modifiers | rules.former:  # 'sortant'
            reach.modifiers.append(doc[k])
        else:
            break
        k = reach.end = k + 1


def _people_of_another_state(doc, k: int, limit: int, by_token) -> bool:
    """'serbe de Bosnie', 'Serb of Kosovo': a demonym followed by 'of' and a state's name."""
    words = language_of(doc).words
    if k + 1 >= limit or not words.of(doc[k].lower_):
        return False
    k += 1 + (k + 2 < limit and words.definite(doc[k + 1].lower_))
    other = by_token.get(k)
    return other is not None and other.type is ActorType.COUNTRY and other.kind == "name"


def _extend_over_domains(sentence: "Sentence", head_end: int, by_token, rules: TitleRules, reach: _Reach) -> None:
    """'minister of foreign affairs', 'ministre de la Défense': the post's domain."""
    doc, span = sentence.span.doc, sentence.span
    words = language_of(doc).words
    k = head_end
    while k + 1 < span.end and doc[k].lower_ in words.title_prepositions:
        j = k + 1
        while j < span.end and by_token.get(j) is None and (
                doc[j].lower_ in rules.title_domains or words.definite(doc[j].lower_)
                or (doc[j].text[:1].isupper() and doc[j].pos_ in ("PROPN", "NOUN"))
                or (doc[j].lower_ == words.conjunction and j + 1 < span.end and doc[j + 1].text[:1].isupper()
                    and by_token.get(j + 1) is None)):
            j += 1
        if not any(not words.definite(doc[i].lower_) for i in range(k + 1, j)):
            break
        k = reach.end = j
        reach.domain = True


def _extend_over_scope(sentence: "Sentence", head_start: int, by_token, rules: TitleRules, reach: _Reach) -> None:
    """'head of the X Government in Idlib', 'envoy to the United Nations', 'adviser to X': the
    organisations after the head, the place it serves, or the person it advises."""
    doc, span = sentence.span.doc, sentence.span
    words = language_of(doc).words
    for _ in range(2):
        if not (reach.end + 1 < span.end and doc[reach.end].lower_ in words.title_organisation_prepositions):
            break
        prep = doc[reach.end].lower_
        to = prep not in words.title_prepositions and not words.in_(prep)  # 'envoy to'
        mention = org_after(doc, reach.end + 1, span.end, by_token)
        if mention is not None and words.in_(prep) and not reach.orgs and (
                (mention.kind == "place" and mention.country) or (  # 'the foreign ministry spokesman in Tehran': the state's
                mention.type is ActorType.COUNTRY and mention.kind == "name" and doc[head_start].lower_ not in words.envoy_titles)):
            reach.orgs.append(mention)  # 'le chef de la transition au Gabon', not 'the ambassador in Gabon'
            reach.end = mention.end
        elif mention is not None and mention.type in ORG_TYPES and not to and not reach.orgs \
                and not (not words.of(prep) and mention.type is ActorType.COUNTRY and mention.kind == "name"
                         and doc[head_start].lower_ in words.envoy_titles):
            reach.orgs.append(mention)
            reach.domain = reach.domain or any(words.of(t.lower_) for t in doc[reach.end + 1:mention.start])  # head of a part of it
            reach.end = mention.end + descriptor_after(doc, mention.end, span.end, rules.trailing_descriptors)[0]  # 'the X militia'
            if reach.end < span.end and doc[reach.end].lower_ in words.led_parties:
                reach.end += 1  # 'head of the X delegation': X's member, at the head of a part of it
                reach.domain = True
            _extend_over_list(doc, span, by_token, reach)
        elif mention is not None and mention.type is not ActorType.PERSON and (not words.of(prep) and not to or (
                to and mention.type in ORG_TYPES)):
            reach.end = mention.end  # 'special envoy for Syria', 'envoy to the UN': the post's scope
        elif to and reach.patron is None and not reach.orgs:
            _patron_after(doc, span, by_token, rules, reach)
            break
        else:
            break


def _extend_over_list(doc, span, by_token, reach: _Reach) -> None:
    """'of Turkey, Iran and Russia': more organisations listed after the first ('and of the X
    movement' too)."""
    words = language_of(doc).words
    while True:
        listed_end = reach.end
        if reach.end + 3 < span.end and doc[reach.end].text == "(" and doc[reach.end + 2].text == ")" \
                and doc[reach.end + 1].is_upper:
            reach.end += 3  # 'of the East African Community (EAC) and of ...': the acronym in brackets
        if not (reach.end + 1 < span.end and (doc[reach.end].text == "," or doc[reach.end].lower_ == words.conjunction)):
            reach.end = listed_end
            break
        k = reach.end + 1 if doc[reach.end + 1].lower_ != words.conjunction and not words.definite(doc[reach.end + 1].lower_) \
            else reach.end + 2
        k = k + 1 if k < span.end and words.definite(doc[k].lower_) else k
        nxt = by_token.get(k)
        if nxt is None and doc[reach.end].lower_ == words.conjunction and words.of(doc[reach.end + 1].lower_):
            nxt = org_after(doc, reach.end + 2, span.end, by_token)  # 'chef du Parlement et du mouvement Amal'
            k = nxt.start if nxt is not None else k
        if nxt is None or nxt.start != k or nxt.type not in ORG_TYPES or nxt.kind == "demonym" or (
                nxt.end < span.end and is_genitive(doc[nxt.end], words)):  # 'of X, Y's ally': Y's, no list
            reach.end = listed_end
            break
        reach.orgs.append(nxt)
        reach.end = nxt.end


def _patron_after(doc, span, by_token, rules: TitleRules, reach: _Reach) -> None:
    """'adviser to Supreme Leader Ali Khamenei': the person the title serves."""
    words = language_of(doc).words
    k = reach.end + 1
    while k < span.end and by_token.get(k) is None and (
            doc[k].lower_ in rules.titles or doc[k].lower_ in rules.title_modifiers
            or doc[k].lower_.rstrip(".") in rules.honorifics or words.definite(doc[k].lower_)):
        k += 1
    after = by_token.get(k)
    if after is not None and after.type is ActorType.PERSON:
        reach.patron = after
        reach.end = after.end


def _phrase(sentence: "Sentence", head_start: int, head_end: int, head: str, rules: TitleRules,
            reach: _Reach) -> TitlePhrase:
    doc, span = sentence.span.doc, sentence.span
    words = language_of(doc).words
    former_prefixes = words.former_prefixes
    label_tokens = [t for t in reach.modifiers if t.lower_ not in rules.former and t.text != "-" and t.i < head_start]
    label_tokens += list(doc[head_start:head_end])
    if reach.end > head_end and all(o in reach.after for o in reach.orgs):
        stop = reach.end if reach.patron is None or reach.patron.start < head_start else head_end
        apart = {i for o in reach.after for i in range(o.start, o.end)}
        label_tokens += [t for t in doc[head_end:stop] if (not t.is_punct or t.text == "-") and t.i not in apart
                         and t.lower_ not in rules.former]
    head_index = head_start if words.modifiers_follow_head else next(
        (t.i - 1 for t in doc[head_start + 1:head_end] if t.lower_ == words.belonging), head_end - 1)  # 'chef de l'État', 'head of state'
    head_token, head_word = doc[head_index], words.title_head(head)
    plural = (head_token.tag_ in ("plural_noun", "plural_name") and head_token.lemma_.lower() != head_token.lower_) or (
        head_token.lower_ != head_word and singular_of(head_token.lower_) == head_word)
    label = " ".join(t.text for t in label_tokens).replace(" - ", "-").replace(" -", "-").replace("- ", "-")
    if plural:
        label = label.replace(head_token.text, singular_of(head_token.text), 1) if head_index != head_end - 1 \
            else label[: len(label) - len(head_token.text)] + singular_of(head_token.text)  # 'heads of state', 'Foreign Ministers'
    mods, start = {t.lower_ for t in reach.modifiers}, reach.start
    named = tuple(o for o in reach.orgs if f"{o.text.lower()} {head}" not in rules.titles)  # 'Security Council Secretary'
    orgs, of_state = _whose(named, mods, rules)
    return TitlePhrase(
        sentence=sentence, start=start, end=reach.end, head=head, label=label,
        leads=rules.titles[head].leads and not (mods & rules.not_leading) and not reach.domain  # a domain's head
        and not (mods & words.peoples)  # 'Bosnian Serb leader': the leader of a people, not of the state
        and not _one_of_several(doc, span.start, start, words) and of_state,
        former=bool(mods & rules.former) or (start > span.start and doc[start - 1].lower_ in former_prefixes),
        plural=plural, orgs=orgs, head_index=head_index, patron=reach.patron,
    )


def _whose(orgs, mods: set[str], rules: TitleRules) -> tuple[tuple, bool]:
    """The organisations a title names, and whether it leads the states among them. A faction's
    title ('Venezuelan opposition leader') is no post of the state its demonym names; of two
    demonyms in a row ('Bosnian Serb leader') the second names a people, and the post is not the
    state's lead."""
    demonyms = [o for o in orgs if o.kind == "demonym"]
    if mods & rules.title_factions:
        return tuple(o for o in orgs if o.kind != "demonym"), False
    if len(demonyms) >= 2 and any(b.start == a.end for a, b in zip(demonyms, demonyms[1:])):
        return tuple(o for o in orgs if o.kind != "demonym" or o is demonyms[0]), False
    return tuple(orgs), True


def _one_of_several(doc, first: int, start: int, words: Words) -> bool:
    """'a commander of the Front': a title after an indefinite article is one of several posts
    of its kind, which does not lead."""
    return any(t.lower_ in words.articles and not words.definite(t.lower_) for t in doc[max(first, start - 1):start + 1])
