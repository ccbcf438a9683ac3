"""A small graph whose names, sentences, titles and links carry markup and script, as text
scraped from hostile pages might: every string tries to run code if the page misuses it."""
from __future__ import annotations

import datetime as dt

from rdflib import Dataset

from kg.graph.rdf import to_graph
from kg.model import Actor, ActorType, Article, Assertion, Modality, Post, Relation

NAME_IMG = """<img src=x onerror="window.__xss='name'">"""
ALIAS_SCRIPT = "<script>window.__xss='alias'</script>"
NAME_CLOSE_SCRIPT = "Ministry </script><script>window.__xss='script'</script>"
COUNTRY = "Plain Country"
EVIDENCE_IMG = "He said <img src=x onerror=window.__xss='evidence'> today, opposing the ministry."
TITLE_HTML = "<b onmouseover=window.__xss='title'>Headline</b>"
JAVASCRIPT_URL = "javascript:window.__xss='url'"
GOOD_URL = "https://news.example/a?x=1&y=<2>"
TOPIC_SVG = "<svg onload=window.__xss='topic'>"
POST_TITLE = "Minister <i>x</i>"
PLANNED_SENTENCE = "They will meet next month."
NEGATED_SENTENCE = "The ministry denied attacking Plain Country."
SUPPORT_SENTENCE = "Plain Country backs them."


def hostile_graph() -> Dataset:
    actors = [
        Actor("person/hostile", NAME_IMG, ActorType.PERSON, {ALIAS_SCRIPT}),
        Actor("ministry", NAME_CLOSE_SCRIPT, ActorType.GOVERNMENT_BODY),
        Actor("plain-country", COUNTRY, ActorType.COUNTRY),
    ]
    articles = [
        Article("bad", "text", "pages/bad.html", TITLE_HTML, dt.date(2023, 5, 1), url=JAVASCRIPT_URL),
        Article("good", "text", "pages/good.html", "Good article", dt.date(2023, 6, 1), url=GOOD_URL),
    ]
    assertions = [
        Assertion("person/hostile", Relation.OPPOSES, "ministry", Modality.ASSERTED, "bad", EVIDENCE_IMG,
                  0, len(EVIDENCE_IMG), 0.9, date="2023-05-01"),
        Assertion("person/hostile", Relation.MET_WITH, "plain-country", Modality.PLANNED, "good",
                  PLANNED_SENTENCE, 0, 20, 0.8, date="2023-07"),
        Assertion("ministry", Relation.ATTACKED, "plain-country", Modality.NEGATED, "good", NEGATED_SENTENCE,
                  30, 60, 0.7, date="2023-06-01"),
        Assertion("plain-country", Relation.SUPPORTS, "person/hostile", Modality.ASSERTED, "good",
                  SUPPORT_SENTENCE, 70, 90, 0.6),
        Assertion("person/hostile", Relation.CALLED_FOR, None, Modality.ASSERTED, "bad", EVIDENCE_IMG,
                  0, len(EVIDENCE_IMG), 0.9, topic=TOPIC_SVG),
        Assertion("person/hostile", Relation.MEMBER_OF, "plain-country", Modality.ASSERTED, "good",
                  SUPPORT_SENTENCE, 70, 90, None),  # the post's membership, as the extraction derives it
    ]
    posts = [Post("person/hostile", "plain-country", POST_TITLE, False, "good", SUPPORT_SENTENCE, 70, 90)]
    return to_graph(articles, actors, posts, assertions, [])
