import datetime as dt
import json

import pytest

from kg.reading import ingest
from kg.reading import page
from kg.errors import InputError, InputWarning
from kg.reading.ingest import read_articles
from kg.model import Article

PAGE = """<!doctype html>
<html><head><title>Harbour Talks Resume | Coastline Courier</title>
<meta property="og:site_name" content="Coastline Courier">
<meta property="article:published_time" content="2024-05-06T08:00:00Z">
<link rel="canonical" href="https://courier.example/harbour">
<script>var banner = "Tracking banner text";</script><style>p { color: red }</style></head>
<body><header><a href="/">Home page link</a></header>
<nav><ul><li>World desk</li><li>Sport desk</li></ul></nav>
<div class="promo">Promo strip text</div>
<article><h1>Harbour Talks Resume</h1>
<p>Negotiators from Port Vella met on Monday.</p>
<p>The <b>talks</b> will continue &amp; widen next week.</p>
<script>document.write("Injected line")</script></article>
<aside>Most read list</aside><footer>Contact us today</footer></body></html>
"""
PAGE_TEXT = "Harbour Talks Resume\nNegotiators from Port Vella met on Monday.\nThe talks will continue & widen next week."


def read(*paths, **options) -> list:
    return list(read_articles([str(path) for path in paths], **options))


def write(path, text: str):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def error_of(item) -> tuple:
    assert isinstance(item, InputError)
    return item.path, item.reason, item.line


@pytest.fixture
def no_trafilatura(monkeypatch):
    monkeypatch.setattr(page, "_trafilatura_extract", lambda html: None)


def test_ingest_reads_plain_text_file(tmp_path):
    path = write(tmp_path / "mill.txt", "Mill Strike Ends\n\nWorkers in Dunmore returned on 2 June 2023.\n")
    assert read(path) == [Article(
        id="mill", text="Mill Strike Ends\n\nWorkers in Dunmore returned on 2 June 2023.", source=str(path),
        title="Mill Strike Ends", date=dt.date(2023, 6, 2), date_inferred=True,
    )]


def test_ingest_reads_markdown_with_front_matter(tmp_path):
    path = write(tmp_path / "quarry.md", """---
title: Quarry Dispute Settled
date: 2023-09-14
url: https://ledger.example/quarry
source: Valley Ledger
---
# Quarry Dispute Settled

The **council** and *Brightstone Ltd* agreed a [settlement](https://ledger.example/s) with __residents__.
![aerial photo](aerial.png)

- Fines will be paid
* Trucks use the `north` road
2. Work resumes in ~~May~~ June
> Quoted resident

```python
print("code is dropped")
```
[ref]: https://ledger.example/ref
""")
    assert read(path) == [Article(
        id="quarry",
        text="Quarry Dispute Settled\n\nThe council and Brightstone Ltd agreed a settlement with residents.\n\n"
             "Fines will be paid\nTrucks use the north road\nWork resumes in May June\n\nQuoted resident",
        source=str(path), title="Quarry Dispute Settled", date=dt.date(2023, 9, 14),
        url="https://ledger.example/quarry", outlet="Valley Ledger",
    )]


def test_ingest_markdown_without_front_matter_keeps_snake_case(tmp_path):
    path = write(tmp_path / "notes.md", "## Budget Vote Delayed ##\n\nThe file_name field was _empty_.\n\n---\n\nEnd.")
    assert [(a.title, a.text) for a in read(path)] == [
        ("Budget Vote Delayed", "Budget Vote Delayed\n\nThe file_name field was empty.\n\nEnd."),
    ]


@pytest.mark.parametrize("front_matter, reason", [
    ("title: [unclosed\n", "front matter is not valid YAML (line 3)"),
    ("- a list\n", "front matter is not a mapping"),
    ("a: &x [1, 2]\nb: *x\n", "front matter uses a YAML alias (line 3); kg does not accept aliases"),
    ("a: " + "[" * 5000 + "]" * 5000 + "\n", "front matter is nested too deeply"),
])
def test_ingest_markdown_bad_front_matter_is_an_error(tmp_path, front_matter, reason):
    path = write(tmp_path / "bad.md", f"---\n{front_matter}---\nBody text.\n")
    assert [error_of(item) for item in read(path)] == [(str(path), reason, None)]


def test_ingest_html_keeps_only_article_text_with_fallback(tmp_path, no_trafilatura):
    path = write(tmp_path / "harbour.html", PAGE)
    assert read(path) == [Article(
        id="harbour", text=PAGE_TEXT, source=str(path), title="Harbour Talks Resume",
        date=dt.date(2024, 5, 6), url="https://courier.example/harbour", outlet="Coastline Courier",
    )]


def test_ingest_html_without_article_element_keeps_block_text(tmp_path, no_trafilatura):
    path = write(tmp_path / "plain.htm", "<html><head><title>Grain Prices</title></head><body><nav>Menu link</nav>"
                                         "<h2>Grain Prices Rise</h2><div>Wheat rose 4%.<br>Oats fell.</div></body>")
    assert [(a.title, a.text) for a in read(path)] == [("Grain Prices", "Grain Prices Rise\nWheat rose 4%.\nOats fell.")]


def test_ingest_html_drops_chrome_in_every_extractor(tmp_path):
    path = write(tmp_path / "harbour.html", PAGE)
    [article] = read(path)
    assert "Negotiators from Port Vella met on Monday." in article.text.split("\n")
    assert [word for word in ("Tracking", "Injected", "desk", "Promo", "Most read", "Contact") if word in article.text] == []


@pytest.mark.parametrize("html", [
    "<html><head><title>Empty</title><script>var x = 1;</script></head><body><nav>Home</nav></body></html>",
    "<html><body></body></html>",
])
def test_ingest_html_without_text_is_an_error(tmp_path, no_trafilatura, html):
    path = write(tmp_path / "empty.html", html)
    assert [error_of(item) for item in read(path)] == [(str(path), "no article text found", None)]


def test_ingest_reads_jsonl_records(tmp_path):
    records = [
        {"id": "wire-7", "text": "Ferry Fares Rise\nTickets cost more from today.", "title": "Fares Up",
         "date": "2024-02-01", "url": "https://wire.example/7", "source": "Island Wire"},
        {"text": "Snow closed the pass.", "date": "2024-02-02T06:30:00+01:00"},
    ]
    path = write(tmp_path / "feed.jsonl", "\n".join(json.dumps(r) for r in records[:1]) + "\n\n" + json.dumps(records[1]))
    assert read(path) == [
        Article(id="wire-7", text="Ferry Fares Rise\nTickets cost more from today.", source=f"{path}:1",
                title="Fares Up", date=dt.date(2024, 2, 1), url="https://wire.example/7", outlet="Island Wire"),
        Article(id="feed-3", text="Snow closed the pass.", source=f"{path}:3", date=dt.date(2024, 2, 2)),
    ]


@pytest.mark.parametrize("bad_line, reason", [
    ("{not json", "not valid JSON: Expecting property name enclosed in double quotes (column 2)"),
    ("[1, 2]", "not a JSON object"),
    ('{"title": "No Body"}', 'missing or empty "text"'),
    ('{"text": "   "}', 'missing or empty "text"'),
    ('{"text": 5}', 'missing or empty "text"'),
    ('{"text": "Body.", "x": ' + "[" * 100_000 + "]" * 100_000 + "}", "not valid JSON here: nested too deeply"),
    ('{"text": "Search"}', "no article text after removing boilerplate"),
])
def test_ingest_jsonl_bad_line_is_reported_and_reading_goes_on(tmp_path, bad_line, reason):
    path = write(tmp_path / "feed.jsonl", '{"text": "First story."}\n' + bad_line + '\n{"text": "Third story."}\n')
    items = read(path)
    assert error_of(items[1]) == (str(path), reason, 2)
    assert [(a.id, a.text, a.source) for a in (items[0], items[2])] == [
        ("feed-1", "First story.", f"{path}:1"), ("feed-3", "Third story.", f"{path}:3"),
    ]


def test_ingest_walks_folders_recursively_in_sorted_order(tmp_path):
    for name in ["b.txt", "a/z.md", "a/y/x.txt", "a.txt", "c.jsonl", ".hidden.txt", ".git/d.txt",
                 "notes.docx", "a/readme", "C.htm"]:
        write(tmp_path / name, f"Story from {name}." if not name.endswith("jsonl") else '{"text": "Story."}')
    assert [item.source for item in read(tmp_path)] == [
        str(tmp_path / "C.htm"), str(tmp_path / "a" / "y" / "x.txt"), str(tmp_path / "a" / "z.md"),
        str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), f"{tmp_path / 'c.jsonl'}:1",
    ]


def test_ingest_keeps_folder_path_as_given(tmp_path, monkeypatch):
    write(tmp_path / "in" / "one.txt", "One story.")
    monkeypatch.chdir(tmp_path)
    assert [a.source for a in read_articles(["in/"])] == ["in/one.txt"]


@pytest.mark.parametrize("data, text", [
    (b"He said \x93quoted\x94 at the caf\xe9.", "He said “quoted” at the café."),
    (b"Na\xefve caf\xe9 owners \x07protested.", "Naïve café owners protested."),
    (b"\xef\xbb\xbfBOM story.\r\nSecond line.\rThird line.", "BOM story.\nSecond line.\nThird line."),
    ("Cafe\u0301 reopened.".encode(), "Café reopened."),
])
def test_ingest_decodes_and_normalises_text(tmp_path, data, text):
    path = tmp_path / "story.txt"
    path.write_bytes(data)
    assert [a.text for a in read(path)] == [text]


@pytest.mark.parametrize("data, reason", [
    (b"GIF89a\x00\x01\x02", "binary file, not text"),
    (bytes(range(1, 32)) * 4 + b"text", "binary file, not text"),
    (b"", "empty file"),
    (b" \n\t\r\n ", "empty file"),
    (b"Search\nSubscribe\n", "no article text after removing boilerplate"),
])
def test_ingest_reports_unreadable_files(tmp_path, data, reason):
    path = tmp_path / "odd.txt"
    path.write_bytes(data)
    assert [error_of(item) for item in read(path)] == [(str(path), reason, None)]


def test_ingest_reports_missing_path_and_goes_on(tmp_path):
    good = write(tmp_path / "good.txt", "Good story.")
    missing = tmp_path / "missing.txt"
    items = read(missing, good)
    assert error_of(items[0]) == (str(missing), "no such file or directory", None)
    assert items[1].text == "Good story."


@pytest.mark.parametrize("name, shown", [("report.pdf", ".pdf"), ("README", "(no suffix)")])
def test_ingest_reports_unsupported_explicit_file(tmp_path, name, shown):
    path = write(tmp_path / name, "Some text.")
    assert [error_of(item) for item in read(path)] == [
        (str(path), f"unsupported file type {shown} (expected .txt, .md, .html, .htm, .jsonl)", None),
    ]


def test_ingest_reports_unreadable_file(tmp_path, monkeypatch):
    path = write(tmp_path / "locked.txt", "Locked story.")

    def refuse(self):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(ingest.Path, "read_bytes", refuse)
    assert [error_of(item) for item in read(path)] == [(str(path), "cannot read: Permission denied", None)]


@pytest.mark.parametrize("text, default, date, inferred", [
    ("Bridge Opens\n4 April 2021\n\nCars crossed on 9 May 2022.", dt.date(2020, 1, 1), dt.date(2021, 4, 4), False),
    ("Bridge Opens\n\nCars crossed on 9 May 2022.", dt.date(2020, 1, 1), dt.date(2020, 1, 1), False),
    ("Bridge Opens\n\nCars crossed on 9 May 2022, not on 2022-03-01 or March 3, 2021.", None, dt.date(2022, 5, 9), True),
    ("Bridge Opens\n\nCars crossed in May.", None, None, False),
])
def test_ingest_chooses_article_date(tmp_path, text, default, date, inferred):
    path = write(tmp_path / "bridge.txt", text)
    [article] = read(path, default_date=default)
    assert (article.date, article.date_inferred) == (date, inferred)


def test_ingest_metadata_date_beats_dateline_and_default(tmp_path):
    path = write(tmp_path / "feed.jsonl", json.dumps({"text": "Bridge Opens\n4 April 2021\nCars crossed.", "date": "2019-10-10"}))
    [article] = read(path, default_date=dt.date(2020, 1, 1))
    assert (article.date, article.date_inferred) == (dt.date(2019, 10, 10), False)


def test_ingest_cleans_boilerplate_and_captures_outlet(tmp_path):
    path = write(tmp_path / "dam.txt", "Menu\nDam Repairs Begin\n\nCrews arrived.\nDam Repairs Begin\n"
                                       "Read also: Floods Recede\n\u00a9 2023 Northwind Gazette\n\nTags: dams, repairs")
    [article] = read(path)
    assert (article.text, article.title, article.outlet) == (
        "Dam Repairs Begin\n\nCrews arrived.", "Dam Repairs Begin", "Northwind Gazette",
    )


def test_ingest_accepts_a_single_path(tmp_path):
    path = write(tmp_path / "solo.txt", "Solo story.")
    assert [a.id for a in read_articles(path)] == ["solo"]


def warnings_of(items) -> list[tuple]:
    return [(w.path, w.reason, w.line) for w in items if isinstance(w, InputWarning)]


@pytest.mark.parametrize("front_matter, warning", [
    ("date: last week\n", "front matter \"date\" is not an ISO date: 'last week' (ignored)"),
    ("date: 2024-13-45\n", "front matter \"date\" is not an ISO date: '2024-13-45' (ignored)"),
    ("title: [a, list]\n", 'front matter "title" is not text (ignored)'),
    ("source: {nested: {deeper: 1}}\n", 'front matter "source" is not text (ignored)'),
])
def test_ingest_markdown_field_of_wrong_type_is_dropped_with_a_warning(tmp_path, front_matter, warning):
    path = write(tmp_path / "odd.md", f"---\n{front_matter}---\nThe council met on Monday.\n")
    items = read(path)
    assert warnings_of(items) == [(str(path), warning, None)]
    assert [a.text for a in items if isinstance(a, Article)] == ["The council met on Monday."]


@pytest.mark.parametrize("field, warning", [
    ('"date": "02/01/2024"', "field \"date\" is not an ISO date: '02/01/2024' (ignored)"),
    ('"date": "2024-02-30"', "field \"date\" is not an ISO date: '2024-02-30' (ignored)"),
    ('"title": ["a", "list"]', 'field "title" is not text (ignored)'),
    ('"url": {"a": {"b": 1}}', 'field "url" is not text (ignored)'),
    ('"id": [1]', 'field "id" is not text (ignored)'),
])
def test_ingest_jsonl_field_of_wrong_type_is_dropped_with_a_warning(tmp_path, field, warning):
    path = write(tmp_path / "feed.jsonl", '{"text": "Body of the story.", ' + field + "}\n")
    items = read(path)
    assert warnings_of(items) == [(str(path), warning, 1)]
    assert [(a.id, a.text, a.date, a.title, a.url) for a in items if isinstance(a, Article)] == [
        ("feed-1", "Body of the story.", None, None, None)]


def test_ingest_messages_repeat_at_most_a_short_excerpt_of_the_input(tmp_path):
    path = write(tmp_path / "feed.jsonl", json.dumps({"text": "Body.", "date": "x" * 100_000}) + "\n")
    [warning] = warnings_of(read(path))
    assert len(warning[1]) < 200 and warning[1].endswith("'… (ignored)")


def test_ingest_yaml_alias_bomb_is_refused_quickly(tmp_path):
    rows = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'] + [
        f"{b}: &{b} [{','.join(['*' + a] * 9)}]" for a, b in zip("abcdefgh", "bcdefghi")]
    path = write(tmp_path / "bomb.md", "---\n" + "\n".join(rows) + "\ntitle: *i\n---\nBody.\n")
    [error] = read(path)
    assert error_of(error) == (str(path), "front matter uses a YAML alias (line 3); kg does not accept aliases", None)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-32", "utf-16-be", "utf-8-sig"])
def test_ingest_decodes_unicode_with_a_byte_order_mark(tmp_path, encoding):
    text = "Çavuşoğlu met Lavrov in Moscow."
    data = text.encode(encoding)
    if encoding == "utf-16-be":
        data = b"\xfe\xff" + data
    path = tmp_path / "story.txt"
    path.write_bytes(data)
    assert [a.text for a in read(path)] == [text]


@pytest.mark.parametrize("text, encoding", [
    ("Turkish Foreign Minister Mevlüt Çavuşoğlu met his Russian counterpart in Moscow on Monday.", "iso-8859-9"),
    ("Polish President Lech Wałęsa spoke in Łódź and Kraków on Friday, officials said.", "cp1250"),
    ("Chilean Interior Minister José Peña met Raúl Ortega in Valparaíso.", "cp1252"),
    ("Президент России встретился с премьером в Москве во вторник.", "cp1251"),
])
def test_ingest_detects_single_byte_encodings(tmp_path, text, encoding):
    path = tmp_path / "story.txt"
    path.write_bytes(text.encode(encoding))
    assert [a.text for a in read(path, any_language=True)] == [text]


def test_ingest_removes_nul_and_invisible_control_characters(tmp_path):
    path = tmp_path / "story.txt"
    path.write_bytes("Hamas\x00 met \u202eFatah\u202c officials\u200b in Cairo.\x07".encode())
    assert [a.text for a in read(path)] == ["Hamas met Fatah officials in Cairo."]


@pytest.mark.parametrize("data", [
    b"%PDF-1.7\n" + b"stream text " * 50,
    b"\x89PNG\r\n\x1a\n" + bytes(range(256)),
    b"PK\x03\x04" + b"zip member text" * 10,
    bytes(range(0, 32)) * 40,
])
def test_ingest_still_refuses_binary_files(tmp_path, data):
    path = tmp_path / "odd.txt"
    path.write_bytes(data)
    assert [error_of(item) for item in read(path)] == [(str(path), "binary file, not text", None)]


@pytest.mark.parametrize("text, language", [
    ("Президент России Владимир Путин встретился в среду в Москве с президентом Турции, сообщили "
     "в Кремле. Стороны обсудили ситуацию в Сирии и на Украине.", "Russian (ru)"),
    ("التقى الرئيس السوري بالرئيس التركي في موسكو يوم الاثنين، وبحث الجانبان الوضع في شمال سوريا "
     "والعلاقات بين البلدين.", "Arabic (ar)"),
    ("Der türkische Außenminister traf am Montag seinen russischen Amtskollegen in Moskau. Beide "
     "Seiten sprachen über die Lage in Syrien und über den Handel zwischen den Ländern.", "German (de)"),
])
def test_ingest_skips_articles_in_languages_kg_does_not_read_with_a_warning(tmp_path, text, language):
    path = write(tmp_path / "story.txt", text)
    items = read(path)
    assert warnings_of(items) == [
        (str(path), f"the article is in {language}, which kg does not read; skipped "
                    "(--any-language builds it as English)", None)]
    assert [a for a in items if isinstance(a, Article)] == []
    assert [a.text for a in read(path, any_language=True)] == [text]


@pytest.mark.parametrize("text", [
    "Turkey met Russia.",
    "Hulusi Akar met Sergei Shoigu in Moscow on Monday.",
    "Mevlüt Çavuşoğlu, Recep Tayyip Erdoğan and Bashar al-Assad met in Ankara; Çavuşoğlu said they agreed.",
])
def test_ingest_keeps_short_english_articles_full_of_foreign_names(tmp_path, text):
    path = write(tmp_path / "story.txt", text)
    assert [a.text for a in read(path)] == [text]
