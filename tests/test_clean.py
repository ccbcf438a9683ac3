import datetime as dt

import pytest

from kg.reading.clean import BoilerplateRules, CleanedText, clean_text, default_boilerplate, load_boilerplate
from kg.knowledge.dates import find_dates, parse_date
from kg.knowledge.language import language
from kg.errors import RuleFileError

BODY = "Farmers in Lowmoor sold their barley early this year."


def clean(raw: str) -> CleanedText:
    return clean_text(raw, default_boilerplate(), language("en"))


@pytest.mark.parametrize("chrome", [
    "Search",
    "MENU",
    "Share",
    "Share this article",
    "Subscribe",
    "Sign in",
    "Skip to content",
    "We use cookies to improve your experience on our site.",
    "Accept all cookies",
    "Follow us on Mastodon",
    "Related",
    "Advertisement",
    "Read more",
    "Print",
    "Facebook | Twitter | WhatsApp | Email",
])
def test_clean_drops_site_chrome_lines(chrome):
    assert clean(f"{chrome}\n{BODY}\n{chrome}").text == BODY


@pytest.mark.parametrize("teaser", [
    "Read Also: Ferry Strike Enters Second Week",
    "Read also Ferry Strike Enters Second Week",
    "Also read: Ferry Strike Enters Second Week",
    "READ MORE: Ferry Strike Enters Second Week",
    "See also: Ferry Strike Enters Second Week",
    "Related: Ferry Strike Enters Second Week",
    "Recommended: Ferry Strike Enters Second Week",
    "You may also like Ferry Strike Enters Second Week",
])
def test_clean_drops_teaser_lines(teaser):
    assert clean(f"{BODY}\n\n{teaser}\n\nPrices rose by a tenth.").text == f"{BODY}\n\nPrices rose by a tenth."


def test_clean_keeps_lines_that_only_mention_teaser_words():
    text = "Officials said related talks would continue.\nShare prices fell."
    assert clean(text).text == text


@pytest.mark.parametrize("line,kept", [
    ("ANALYSIS: Lowmoor farmers sell early", "Lowmoor farmers sell early"),
    ("Interview: 'We sold the barley' - a Lowmoor farmer", "'We sold the barley' - a Lowmoor farmer"),
    ("UPDATE 2-Lowmoor farmers sell early", "Lowmoor farmers sell early"),
    ("EXCLUSIVE - Lowmoor farmers sell early", "Lowmoor farmers sell early"),
    ("Live-fire drills near Lowmoor alarmed farmers", "Live-fire drills near Lowmoor alarmed farmers"),
    ("Update on the barley: prices rose", "Update on the barley: prices rose"),
    ("Timeline:", "Timeline:"),
])
def test_clean_removes_a_section_label_before_a_line(line, kept):
    assert clean(f"{line}\n\n{BODY}").text.split("\n")[0] == kept


def test_clean_removes_repeated_headline_keeping_first():
    raw = "Dam Repairs Begin in Hollin Vale\n\nWork crews arrived at dawn.\ndam  repairs begin in HOLLIN vale\n\nThe road is closed."
    result = clean(raw)
    assert result.text == "Dam Repairs Begin in Hollin Vale\n\nWork crews arrived at dawn.\n\nThe road is closed."


@pytest.mark.parametrize("disclaimer, outlet", [
    ("This article was translated and edited by Harbour Gazette.", "Harbour Gazette"),
    ("Harbour Gazette has not verified the content of this story.", None),
    ("Responsibility for the information and views set out in this article lies entirely with the author.", None),
    ("The views expressed in this piece do not necessarily reflect those of the editors.", None),
    ("© 2024 Meridian Daily", "Meridian Daily"),
    ("© 2024 Meridian Daily. All rights reserved.", "Meridian Daily"),
    ("Copyright 2021 The Plains Herald", "The Plains Herald"),
    ("Copyright The Plains Herald.", "The Plains Herald"),
    ("All rights reserved.", None),
])
def test_clean_drops_disclaimers_and_captures_outlet(disclaimer, outlet):
    result = clean(f"{BODY}\n\n{disclaimer}")
    assert (result.text, result.outlet) == (BODY, outlet)


def test_clean_drops_disclaimer_sentences_sharing_one_line():
    raw = (f"{BODY}\n\nThis article was translated and edited by The Eastern Monitor. "
           "The Eastern Monitor has not verified the content of this story. "
           "Responsibility for the information and views set out in this article lies entirely with the author.")
    result = clean(raw)
    assert (result.text, result.outlet) == (BODY, "The Eastern Monitor")


def test_clean_keeps_body_sentences_next_to_a_disclaimer():
    result = clean(f"{BODY} All rights reserved.")
    assert result.text == BODY


def test_clean_does_not_take_ordinary_copyright_sentence_as_outlet():
    text = "Copyright law in Norland changed last spring."
    result = clean(text)
    assert (result.text, result.outlet) == (text, None)


@pytest.mark.parametrize("marker", ["Helpful keywords", "Keywords: barley, Lowmoor", "Tags:", "Tags: farming", "Topics"])
def test_clean_cuts_keyword_tail(marker):
    assert clean(f"{BODY}\n\n{marker}\nbarley\nLowmoor\n").text == BODY


def test_clean_ignores_keyword_marker_before_article_starts():
    assert clean(f"Topics\n{BODY}").text == BODY


def test_clean_finds_headline_title_and_keeps_it_in_text():
    raw = "Search\n\nRiver Port Reopens After Floods\n\nBarges moved again on Friday."
    result = clean(raw)
    assert result == CleanedText(
        text="River Port Reopens After Floods\n\nBarges moved again on Friday.",
        title="River Port Reopens After Floods",
    )


@pytest.mark.parametrize("first_line", ["Barges moved again on Friday.", "x" * 200, "2024"])
def test_clean_has_no_title_when_first_line_is_not_a_headline(first_line):
    assert clean(f"{first_line}\nMore text.").title is None


@pytest.mark.parametrize("dateline, date", [
    ("11 August 2025", dt.date(2025, 8, 11)),
    ("Published: 3 March 2024", dt.date(2024, 3, 3)),
    ("Updated on Tuesday, March 5, 2024 10:30 GMT", dt.date(2024, 3, 5)),
    ("2023-07-09", dt.date(2023, 7, 9)),
])
def test_clean_reads_dateline_below_title(dateline, date):
    raw = f"River Port Reopens After Floods\n{dateline}\n\nBarges moved again."
    result = clean(raw)
    assert (result.text, result.date) == (f"River Port Reopens After Floods\n{dateline}\n\nBarges moved again.", date)


def test_clean_ignores_date_not_directly_below_title():
    result = clean("River Port Reopens After Floods\nBarges moved again.\n11 August 2025")
    assert result.date is None


def test_clean_collapses_blank_lines_and_strips_trailing_spaces():
    raw = "\n\n  First paragraph.   \n\n\n\u00a0\nSecond paragraph.\t\n\n"
    assert clean(raw).text == "First paragraph.\n\nSecond paragraph."


def test_clean_with_empty_rules_only_dedupes_and_normalises_layout():
    raw = "Search\nSearch\n\n\nKeywords: x"
    assert clean_text(raw, BoilerplateRules(), language("en")).text == "Search\n\nKeywords: x"


def test_clean_load_boilerplate_reads_custom_file(tmp_path):
    path = tmp_path / "rules.yaml"
    path.write_text("drop_lines: ['page \\d+']\ndisclaimers: ['by (?P<outlet>\\w+) staff']\n", encoding="utf-8")
    result = clean_text(f"Page 2\n{BODY}\nby Tribune staff", load_boilerplate(path), language("en"))
    assert (result.text, result.outlet) == (BODY, "Tribune")


@pytest.mark.parametrize("content, reason", [
    ("drop_lines: ['(unclosed']\n", "drop_lines[0]: bad regex '(unclosed': missing ), unterminated subpattern at position 0"),
    ("footers: ['x']\n", "unknown rule kind 'footers' (expected one of drop_lines, teaser_prefixes, kickers, disclaimers, tail_markers)"),
    ("drop_lines: 'x'\n", "drop_lines: expected a list of regular expressions"),
    ("drop_lines: [3]\n", "drop_lines[0]: expected a non-empty string"),
    ("drop_lines: ['(?P<site>x)']\n", "drop_lines[0]: unexpected named group 'site'"),
    ("- x\n", "expected a mapping from rule kinds to lists of patterns"),
])
def test_clean_load_boilerplate_rejects_bad_rules(tmp_path, content, reason):
    path = tmp_path / "rules.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(RuleFileError) as caught:
        load_boilerplate(path)
    assert (caught.value.path, caught.value.reason) == (str(path), reason)


def test_clean_load_boilerplate_reports_yaml_line(tmp_path):
    path = tmp_path / "rules.yaml"
    path.write_text("drop_lines:\n  - 'a'\n  - [unclosed\n", encoding="utf-8")
    with pytest.raises(RuleFileError) as caught:
        load_boilerplate(path)
    assert caught.value.reason.startswith("not valid YAML")
    assert caught.value.line == 4


def test_clean_load_boilerplate_reports_missing_file(tmp_path):
    path = tmp_path / "absent.yaml"
    with pytest.raises(RuleFileError) as caught:
        load_boilerplate(path)
    assert caught.value.reason == "cannot read: No such file or directory"


def test_clean_default_boilerplate_has_every_kind():
    rules = default_boilerplate()
    assert all([rules.drop_lines, rules.teaser_prefixes, rules.disclaimers, rules.tail_markers])


@pytest.mark.parametrize("text, dates", [
    ("On December 31st, 2022, talks ended.", [dt.date(2022, 12, 31)]),
    ("Signed 31 December 2022 and 4th of July, 2023.", [dt.date(2022, 12, 31), dt.date(2023, 7, 4)]),
    ("Filed 2022-12-31; amended Sept. 2 2023.", [dt.date(2022, 12, 31), dt.date(2023, 9, 2)]),
    ("From Feb 3, 2020 to the 28th of December, 2021.", [dt.date(2020, 2, 3), dt.date(2021, 12, 28)]),
    ("In December 2022, on the 28th of December, on 2022-02-30.", []),
    ("Item 12022-01-01 and order 2022-01-015.", []),
])
def test_clean_find_dates_reads_full_dates(text, dates):
    assert find_dates(text, language("en")) == dates


@pytest.mark.parametrize("text, date", [
    ("Monday 5 May 2025", dt.date(2025, 5, 5)),
    ("Monday", None),
    ("5 May 2025", dt.date(2025, 5, 5)),
    (" Jan. 9, 2021 ", dt.date(2021, 1, 9)),
    ("5 May 2025 and more", None),
])
def test_clean_parse_date_needs_one_whole_date(text, date):
    assert parse_date(text, language("en")) == date
