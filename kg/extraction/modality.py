"""Whether a relation in a sentence happened, is only planned or possible, or is denied."""
from __future__ import annotations

from typing import TYPE_CHECKING

from ..model import Modality

if TYPE_CHECKING:
    from spacy.tokens import Token

__all__ = ["modality_of"]

FUTURE_AUX = {"will", "would", "could", "might", "may", "shall", "should", "'ll", "’ll", "'d", "can", "must", "wo"}
NEGATORS = {"not", "n't", "never", "no", "nt", "’t"}
NEGATING_GOVERNORS = {"deny", "refuse", "cancel", "postpone", "decline", "reject", "fail", "avoid",
                      "halt", "suspend", "scrap", "stop", "rule", "delay", "abandon", "boycott", "call"}
NEGATING_PARTICLES = {"call": "off", "rule": "out"}
PLANNING_GOVERNORS = {"plan", "expect", "intend", "propose", "hope", "aim", "want", "seek", "prepare",
                      "schedule", "set", "due", "agree", "invite", "offer", "try", "attempt", "wish",
                      "discuss", "threaten", "vow", "pledge", "promise", "urge", "call",
                      "demand", "ask", "press", "need", "likely", "ready", "willing", "able", "arrange",
                      "suggest", "request", "encourage", "push", "aspire", "possible"}
PLANNING_ADJECTIVES = {"upcoming", "planned", "proposed", "possible", "potential", "expected", "future",
                       "scheduled", "next", "prospective", "likely", "anticipated", "forthcoming",
                       "mooted", "tentative", "hypothetical"}
PLANNING_NOUNS = {"talk", "prospect", "possibility", "idea", "proposal", "plan", "plans", "invitation",
                  "call", "offer", "hope", "bid", "preparation", "preparations"}
CLIMB = {"xcomp", "ccomp", "advcl", "conj", "pcomp", "acl", "relcl", "dobj", "pobj", "prep", "nsubj", "nsubjpass", "attr"}


def modality_of(trigger: "Token", stance: bool = False) -> Modality:
    """Negated wins over planned; stances (rejects, backs, calls for) are held now even about the future."""
    if _negated(trigger):
        return Modality.NEGATED
    if not stance and _planned(trigger):
        return Modality.PLANNED
    return Modality.ASSERTED


def _chain(trigger: "Token"):
    """The trigger and the words above it up to the first finite reported clause."""
    tok, steps = trigger, 0
    yield tok, None
    while tok.dep_ in CLIMB and tok.head != tok and steps < 6:
        dep = tok.dep_
        tok = tok.head
        steps += 1
        yield tok, dep
        if dep == "ccomp" or dep == "relcl":
            break


def _negated(trigger: "Token") -> bool:
    for tok, via in _chain(trigger):
        if via in ("nsubj", "nsubjpass", "relcl", "pobj", "prep") and tok != trigger:
            if via == "nsubj" and any(c.dep_ == "neg" for c in tok.children):
                return True
            if via in ("nsubj", "nsubjpass"):
                break
            continue
        if any(c.dep_ == "neg" or (c.dep_ == "det" and c.lower_ == "no") for c in tok.children):
            return True
        if tok != trigger and tok.lemma_.lower() in NEGATING_GOVERNORS and via in ("xcomp", "dobj", "ccomp", "pcomp", "pobj", None):
            particle = NEGATING_PARTICLES.get(tok.lemma_.lower())
            if particle is None and tok.lemma_.lower() not in ("call", "rule"):
                return True
            if particle and any(c.dep_ == "prt" and c.lower_ == particle for c in tok.children):
                return True
        if via == "ccomp":
            break
    return False


def _planned(trigger: "Token") -> bool:
    for tok, via in _chain(trigger):
        if tok == trigger or via in ("xcomp", "conj", "dobj", "pobj", "prep", "pcomp", "acl", "nsubj", "nsubjpass", "attr"):
            if any(c.dep_ in ("aux", "auxpass") and c.lower_ in FUTURE_AUX for c in tok.children):
                return True
            if any(c.dep_ == "amod" and c.lower_ in PLANNING_ADJECTIVES for c in tok.children):
                return True
            if any(c.dep_ == "mark" and c.lower_ in ("if", "unless", "whether") for c in tok.children):
                return True
            if tok.tag_ == "VBG" and any(c.dep_ == "aux" and c.lower_ in ("is", "are", "was", "were") for c in tok.children) \
                    and any(c.dep_ == "xcomp" for c in tok.children) and tok.lemma_.lower() == "go":
                return True
        if tok != trigger:
            lemma = tok.lemma_.lower()
            if via in ("xcomp", "ccomp", "advcl", "acl", "dobj") and lemma in PLANNING_GOVERNORS:
                return True
            if lemma == "look" and any(c.lower_ == "forward" for c in tok.children):
                return True
            if via in ("pobj", "prep") and lemma in PLANNING_NOUNS:
                return True
        if via in ("ccomp", "relcl"):
            break
    return False
