"""The organisation a title names after 'of' ('of HTS', 'of the political bureau of Hamas',
"of the Houthis' Supreme Political Council"), and the genitive marks that own a title."""
from __future__ import annotations

from typing import TYPE_CHECKING

from kg.model import ActorType
from kg.knowledge.language import Words, language_of

if TYPE_CHECKING:
    from spacy.tokens import Token

    from kg.extraction.actors.namemention import NameMention

__all__ = ["ORG_TYPES", "is_genitive", "org_after"]

ORG_TYPES = {ActorType.COUNTRY, ActorType.ORGANIZATION, ActorType.ARMED_GROUP, ActorType.GOVERNMENT_BODY,
             ActorType.INTERNATIONAL_ORGANIZATION, ActorType.MEDIA_OUTLET}
GENITIVE_MARKS = ("'", "’")  # a plural genitive ('the rebels'')


def is_genitive(tok: "Token", words: Words) -> bool:
    """"'s", or the apostrophe of a plural genitive ('the rebels''); `words` of the token's language."""
    return tok.text in words.genitive or tok.text in GENITIVE_MARKS


def org_after(doc, k: int, limit: int, by_token) -> "NameMention | None":
    """The organisation named after 'of': 'of HTS', 'of the Kurdish-led Syrian Democratic Forces'
    (or the place after 'for': 'envoy for Syria'); "of the Houthis' Supreme Political Council" is
    the council's, "of the Houthis' political bureau" the Houthis'."""
    words = language_of(doc).words
    if k < limit and words.definite(doc[k].lower_):
        k += 1
    owner = None
    for j in range(k, min(limit, k + 5)):
        if is_genitive(doc[j], words) or (j > k and words.of(doc[j].lower_) and doc[j - 1].pos_ in ("NOUN", "ADJ")) \
                or (j > k and words.definite(doc[j].lower_) and words.of(doc[j - 1].lower_)):
            continue  # 'of the political bureau of (the) Hamas', 'du bloc parlementaire du Hezbollah'
        mention = by_token.get(j)
        if mention is not None and mention.end < limit and doc[mention.end].text == "-":
            continue  # 'the HTS-backed Salvation Government': HTS only qualifies the name
        if mention is not None and mention.end < limit and (
                is_genitive(doc[mention.end], words)):
            owner = owner or (mention if mention.kind != "demonym" else None)
            continue
        if mention is not None:
            return mention if mention.kind != "demonym" else None
        if doc[j].pos_ not in ("ADJ", "PUNCT", "VERB", "PROPN", "NOUN") or doc[j].text in (",", "(", ")"):
            return owner
    return owner
