"""The build as a whole: robust to any text, and one bad article never loses the others."""
from __future__ import annotations

import random
import subprocess
import sys

import kg.build
from kg.build import BuildOptions, build

WORDS = ["President", "Minister", "of", "the", "and", "met", "with", "Turkey", "Syrian", "(HTS)", "known",
         "as", "“Abu", "Ali”", "-", "–", "al-", "bin", "Abu", "He", "It", "called", "for", "on", "rejected",
         "will", "not", "Moscow", "in", "'s", ",", ".", "Hamas", "leader", "two", "leaders", "whose",
         "commander", "hosted", "by", "including", "among", "them", "Foreign", "De", "Al", "El"]


def test_build_survives_word_soup(tmp_path):
    rng = random.Random(7)
    soup = "\n\n".join(" ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 40))) for _ in range(60))
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "soup.txt").write_text(soup, encoding="utf-8")
    (tmp_path / "in" / "scripts.txt").write_text("Путин встретился с Эрдоганом. 习近平会见了普京。 😀 &amp;\n\n"
                                                 "The talks between Kenya and Uganda in Kampala.",  # no verb at all
                                                 encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "kg.cli", "build", str(tmp_path / "in"), "-o",
                           str(tmp_path / "out"), "--quiet"], capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("2 articles, ")


def test_build_reports_an_article_that_breaks_extraction_and_keeps_the_rest(tmp_path, monkeypatch):
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "a.txt").write_text("Kenyan President William Ruto met Ugandan President Yoweri Museveni.",
                                           encoding="utf-8")
    (tmp_path / "in" / "b.txt").write_text("Trigger of the failure.", encoding="utf-8")
    real = kg.build.extract_article

    def flaky(article, nlp, rules):
        if "Trigger" in article.text:
            raise ValueError("boom")
        return real(article, nlp, rules)

    monkeypatch.setattr(kg.build, "extract_article", flaky)
    seen = []
    report = build([tmp_path / "in"], BuildOptions(output=tmp_path / "out"), on_failure=seen.append)
    assert [str(f) for f in seen] == [f"{tmp_path / 'in' / 'b.txt'}: extraction failed (ValueError: boom); "
                                      "please report this with the article"]
    assert report.articles == 1
    assert "William Ruto" in (tmp_path / "out" / "graph.ttl").read_text(encoding="utf-8")
