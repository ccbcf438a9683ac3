"""Across articles, a person named by a surname or by the last words of a longer name is the one
person of the corpus whose name ends so; with two such people, neither."""
from __future__ import annotations

import pytest

from kg.corpus.merge import merge_extractions
from kg.extraction.parsing.nlp import load_pipeline
from kg.extraction.pipeline import extract_article
from kg.knowledge.load import default_rules
from kg.model import ActorType, Article


@pytest.fixture(scope="module")
def read():
    nlp, rules = load_pipeline(), default_rules()

    def people(*texts: str) -> list[tuple[str, set[str]]]:
        extractions = [extract_article(Article(f"a{n}", text, f"a{n}.txt"), nlp, rules)
                       for n, text in enumerate(texts)]
        corpus = merge_extractions(extractions, rules.gazetteer)
        return sorted((a.name, a.aliases) for a in corpus.actors if a.type is ActorType.PERSON)
    return people


@pytest.mark.parametrize("texts,people", [
    (["Foreign Minister Nana Kofi Mensah met Togolese officials in Lome.",
      "Foreign Minister Kofi Mensah said the border would stay open."],
     [("Nana Kofi Mensah", {"Kofi Mensah"})]),
    (["Foreign Minister Nana Kwame Kofi Mensah met Togolese officials in Lome.",
      "Foreign Minister Nana Mensah said the border would stay open."],
     [("Nana Kwame Kofi Mensah", {"Nana Mensah"})]),
    (["Vice President Tomas Obang Ndong met Togolese officials in Lome.",
      "Vice President Tomas Obang said the border would stay open."],
     [("Tomas Obang Ndong", {"Tomas Obang"})]),
], ids=["end", "without-middle-names", "without-last-word"])
def test_merge_joins_a_shorter_form_of_a_longer_name_to_it(read, texts, people):
    assert read(*texts) == people


@pytest.mark.parametrize("texts,names", [
    (["Foreign Minister Nana Kofi Mensah met Togolese officials in Lome.",
      "Defence Minister Ama Kofi Mensah visited Accra.",
      "Minister Kofi Mensah said the border would stay open."],
     ["Ama Kofi Mensah", "Kofi Mensah", "Nana Kofi Mensah"]),
    (["Foreign Minister Ama Kwame Mensah met Togolese officials in Lome.",
      "Defence Minister Ama Yaw Mensah visited Accra.",
      "Minister Ama Mensah said the border would stay open."],
     ["Ama Kwame Mensah", "Ama Mensah", "Ama Yaw Mensah"]),
], ids=["end", "without-middle-names"])
def test_merge_leaves_a_shorter_form_two_longer_names_share(read, texts, names):
    assert [name for name, _ in read(*texts)] == names


def test_merge_makes_whoever_holds_a_post_a_person(read):
    """The tagger may take a name it has never seen for an organisation in one article while
    another gives it a post: the holder of a post is a person (the contract's shapes say so)."""
    nlp, rules = load_pipeline(), default_rules()
    texts = ["Their foreign ministers, Jeyhunenus Bayramov and Araratenus Mirzoyan, initialled the text of a treaty.",
             "Armenian Foreign Minister Araratenus Mirzoyan met Azerbaijani Foreign Minister Jeyhunenus Bayramov."]
    first = extract_article(Article("a0", texts[0], "a0.txt"), nlp, rules)
    assert any(a.name == "Araratenus Mirzoyan" and a.type is ActorType.ORGANIZATION for a in first.actors.actors.values())
    corpus = merge_extractions([first, extract_article(Article("a1", texts[1], "a1.txt"), nlp, rules)], rules.gazetteer)
    holder = next(a for a in corpus.actors if a.name == "Araratenus Mirzoyan")
    assert holder.type is ActorType.PERSON and any(p.holder == holder.key for p in corpus.posts)
