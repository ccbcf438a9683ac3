"""Where titles meet names: the words of a title that are no part of a name ('Transport Minister
Eleni Vardaki', 'Secretary of | State John Kerry'), a name that follows a title or has one
apposed to it (so a person's), and the capitalised words after a title that are its domain."""
from __future__ import annotations

from typing import TYPE_CHECKING

from kg.extraction.actors.titles import singular_of
from kg.extraction.parsing.nlp import common_word
from kg.knowledge.language import language_of
from kg.knowledge.names import fold
from kg.knowledge.rules import NameRules

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["honorific", "title_word", "name_after_title", "skip_leading_titles", "title_apposed", "title_domain"]

MAX_TITLE_WORDS = 4  # the most words a title of titles.yaml has
MAX_TITLE_REACH = 6  # words between an apposed title's article and its head ("the Front's military operations")


def honorific(tok: "Token", rules: NameRules) -> bool:
    return tok.lower_.rstrip(".") in rules.honorifics  # 'Dr', 'Dr.', 'H.E.'


def title_word(tok: "Token", rules: NameRules) -> bool:
    """A word of a title rather than of a name: a title's head or modifier, or an honorific."""
    word = tok.lower_
    return word in rules.titles or singular_of(word) in rules.titles \
        or word in rules.title_modifiers or honorific(tok, rules)


def name_after_title(tok: "Token", rules: NameRules) -> bool:
    """'Vietnamese President To Lam': a capitalised short word between a title and a capitalised
    name starts the name."""
    doc = tok.doc
    return 0 < tok.i < len(doc) - 1 and doc[tok.i - 1].lower_ in rules.titles and doc[tok.i - 1].text[:1].isupper() \
        and doc[tok.i + 1].text[:1].isupper() and doc[tok.i + 1].is_alpha and not doc[tok.i + 1].is_stop


def skip_leading_titles(doc, start: int, end: int, rules: NameRules) -> int:
    """Drop the title at the front of a capitalised run: 'Transport Minister Eleni Vardaki' is
    'Eleni Vardaki'; a run of title words only ('Foreign Minister') is no name at all. Without a
    title's head word, only honorifics go: 'Dr Eleni Vardaki', but 'National Electoral Commission'."""
    joiners = language_of(doc).words.name_joiners
    start += title_ending_in(doc, start, end, rules)

    def of_title(tok) -> bool:
        return title_word(tok, rules) or tok.text == "-"

    def of_honorific(tok) -> bool:
        return honorific(tok, rules) or tok.text == "-"
    heads = [i for i in range(start, end) if doc[i].lower_ in rules.titles or doc[i].lemma_.lower() in rules.titles]
    i = heads[-1] + 1 if heads else start
    if heads and heads[-1] == end - 1 and all(of_title(doc[j]) or doc[j].pos_ == "PROPN" for j in range(start, end)):
        return end
    skipped = of_title if heads else of_honorific
    while i < end - 1 and (skipped(doc[i]) or (doc[i].lower_ in joiners and i > start)):
        i += 1
    if i == end - 1 and of_title(doc[i]):
        return end
    return i


def title_ending_in(doc, start: int, end: int, rules: NameRules) -> int:
    """How many first words of a capitalised run end a title that began before it: 'Secretary
    of | State John Kerry' (the parser's run starts after 'of')."""
    for inside in range(1, min(MAX_TITLE_WORDS, end - start)):
        for before in range(1, min(MAX_TITLE_WORDS, start) + 1):
            if " ".join(t.lower_ for t in doc[start - before:start + inside]) in rules.titles:
                return inside
    return _domain_words(doc, start, end, rules)


def _domain_words(doc, start: int, end: int, rules: NameRules) -> int:
    """'Minister of | Foreign Affairs Antonio Tajani', 'envoy for | Middle East Steve Witkoff': the
    English words after a title and 'of' or 'for' are its domain, when a name of two words or more
    follows them."""
    if not _after_title_and_preposition(doc, start, rules):
        return 0
    n = 0
    while start + n < end and _domain_word(doc[start + n], rules) and not doc[start + n].text.isupper() \
            and not fold(doc[start + n].text) in rules.given_names and not _hyphen_joined(doc, start + n, end):
        n += 1
    return n if n and end - (start + n) >= 2 else 0


def _hyphen_joined(doc, k: int, end: int) -> bool:
    """'Jean-Marc': a word a hyphen joins to the capitalised word after it starts a name."""
    return k + 2 < end and doc[k + 1].text == "-" and doc[k + 2].text[:1].isupper()


def title_apposed(doc, end: int, limit: int, rules: NameRules) -> bool:
    """'Khaing Lwin, a spokesperson for the Front', 'Aru Mbeki, the group's military commander': a
    name a title is apposed to, after a comma and the title's modifiers, is a person's."""
    words = language_of(doc).words
    if end + 2 >= limit or doc[end].text != ",":
        return False
    first = end + 2 if doc[end + 1].lower_ in words.articles else end + 1  # ', leader of the Front'
    for tok in doc[first:min(limit, first + MAX_TITLE_REACH)]:
        if title_head(tok, rules):
            return True
        if not (tok.pos_ in ("ADJ", "PROPN", "NOUN") or tok.text in words.genitive or tok.lower_ in rules.title_modifiers):
            return False
    return False


def title_head(tok: "Token", rules: NameRules) -> bool:
    word = tok.lower_
    return word in rules.titles or singular_of(word) in rules.titles


def title_domain(doc, span, rules: NameRules) -> bool:
    """Capitalised English words after a title and 'of' or 'for', not ending in a body's head."""
    return _after_title_and_preposition(doc, span.start, rules) \
        and all(_domain_word(t, rules) and not t.text.isupper() for t in span) and span[-1].lower_ not in rules.name_heads


def _after_title_and_preposition(doc, start: int, rules: NameRules) -> bool:
    """Whether a title and 'of' or 'for' come right before `start` ('Minister of | Foreign Affairs');
    in a language that writes them, an article after the preposition and demonyms after the title
    ('ministre malien de la | Défense')."""
    words = language_of(doc).words
    k = start - 1
    if words.modifiers_follow_head and k >= 1 and doc[k].lower_ in words.articles \
            and doc[k - 1].lower_ in words.title_prepositions:
        k -= 1  # 'de la
    if k < 1 or doc[k].lower_ not in words.title_prepositions:
        return False
    k -= 1
    while words.modifiers_follow_head and k >= 1 and doc[k].pos_ == "ADJ" and not title_word(doc[k], rules):
        k -= 1  # 'ministre malien de'
    return title_word(doc[k], rules)


def _domain_word(tok: "Token", rules: NameRules) -> bool:
    return common_word(tok) or tok.lower_ in rules.title_domains
