"""The HTML view in a real browser (headless Chromium through Playwright): it draws, filters,
shows evidence, finds actors, asks nothing of the network and runs no injected script."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from kg.view.html import HtmlOptions
from kg.view.select import Selection
from kg.view.viz import write_view
from tests import hostile
from tests.chromium import launch, why_no_browser
from tests.synthetic import synthetic_graph

NO_BROWSER = why_no_browser()
pytestmark = [pytest.mark.skipif(NO_BROWSER is not None, reason=f"browser tests skipped: {NO_BROWSER}"),
              pytest.mark.slow]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


@dataclass
class Opened:
    page: object
    url: str
    requests: list[str] = field(default_factory=list)
    blocked: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def visible_edges(self) -> list[str]:
        return self.js("() => kgView.visibleEdges()")

    def visible_nodes(self) -> list[str]:
        return self.js("() => kgView.visibleNodes()")

    def node_id(self, name: str):
        return self.js("(name) => kgView.nodes.get({filter: (n) => n.kg.name === name})[0].id", name)

    def point_of(self, *node_ids) -> tuple[float, float]:
        """Where on the page a node is drawn (one id) or the middle of two nodes (two ids)."""
        return tuple(self.js("""(ids) => {
            const net = kgView.network, pos = net.getPositions(ids);
            const x = ids.reduce((s, i) => s + pos[i].x, 0) / ids.length;
            const y = ids.reduce((s, i) => s + pos[i].y, 0) / ids.length;
            const dom = net.canvasToDOM({x: x, y: y});
            const box = document.getElementById('kg-graph').getBoundingClientRect();
            return [box.left + dom.x, box.top + dom.y];
        }""", list(node_ids)))

    def hover(self, *node_ids) -> str:
        """Move the mouse onto a node or an edge's middle; the tooltip's text."""
        x, y = self.point_of(*node_ids)
        self.page.mouse.move(x - 40, y - 40)
        self.page.mouse.move(x, y, steps=4)
        self.page.wait_for_selector("#kg-tooltip:not([hidden])", timeout=5000)
        return self.page.inner_text("#kg-tooltip")


@pytest.fixture
def open_page(browser):
    """`open_page(path)`: the page opened from disk in an offline browser context that
    records every request (aborting any that is not the page itself), console errors,
    uncaught errors and dialogs; returns once the layout has settled."""
    contexts = []

    def open_(path: Path) -> Opened:
        context = browser.new_context(offline=True, viewport={"width": 1400, "height": 900})
        contexts.append(context)
        opened = Opened(None, path.resolve().as_uri())

        def route(r):
            if r.request.url == opened.url:
                r.continue_()
            else:
                opened.blocked.append(r.request.url)
                r.abort()

        context.route("**/*", route)
        page = context.new_page()
        opened.page = page
        page.on("request", lambda r: opened.requests.append(r.url))
        page.on("console", lambda m: opened.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: opened.errors.append(str(e)))

        def dialog(d):
            opened.dialogs.append(d.message)
            d.dismiss()

        page.on("dialog", dialog)
        page.goto(opened.url)
        page.wait_for_selector("body[data-kg-state=ready]", state="attached", timeout=60_000)
        return opened

    yield open_
    for context in contexts:
        context.close()


@pytest.fixture(scope="module")
def seed_page_path(seed_build) -> Path:
    return seed_build[0].with_name("graph.html")


@pytest.fixture(scope="module")
def hostile_page_path(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    title = "<script>window.__xss='page title'</script>"
    return write_view(hostile.hostile_graph(), folder / "graph.html", options=HtmlOptions(title=title)).path


def _drawn_pixels(opened: Opened) -> int:
    return opened.js("""() => {
        const canvas = document.querySelector('#kg-graph canvas');
        const data = canvas.getContext('2d').getImageData(0, 0, canvas.width, canvas.height).data;
        let n = 0;
        for (let i = 0; i < data.length; i += 4) { if (data[i + 3] > 0 && data[i] + data[i + 1] + data[i + 2] < 600) n++; }
        return n;
    }""")


# --- drawing, offline ----------------------------------------------------------


def test_browser_seed_page_draws_nodes_offline_and_requests_nothing(open_page, seed_page_path):
    opened = open_page(seed_page_path)
    assert opened.requests == [opened.url]
    assert opened.blocked == []
    assert opened.errors == []
    assert _drawn_pixels(opened) > 2000
    nodes = opened.visible_nodes()
    assert {"Hulusi Akar", "Turkey", "Syria", "Hay'at Tahrir al-Sham"} <= set(nodes)
    assert "Hulusi Akar — met with — Sergei Shoigu" in opened.visible_edges()
    counts = opened.page.inner_text("#kg-counts")
    assert counts.startswith(f"Showing {len(nodes)} of ")


def test_browser_layout_stops_moving_once_settled(open_page, seed_page_path):
    opened = open_page(seed_page_path)
    before = opened.js("() => kgView.network.getPositions()")
    opened.page.wait_for_timeout(600)
    assert opened.js("() => kgView.network.getPositions()") == before
    assert opened.js("() => kgView.network.physics.physicsEnabled") is False


# --- filters and search ----------------------------------------------------------


def test_browser_relation_class_filter_hides_its_edges_and_shows_them_again(open_page, seed_page_path):
    opened = open_page(seed_page_path)
    assert any("met with" in e for e in opened.visible_edges())
    opened.page.uncheck("input[data-filter=class][value=meeting]")
    edges = opened.visible_edges()
    assert edges and not any("met with" in e for e in edges)
    assert any("member of" in e for e in edges)
    opened.page.check("input[data-filter=class][value=meeting]")
    assert any("met with" in e for e in opened.visible_edges())


def test_browser_filters_close_a_hidden_pinned_relation_hide_lone_actors_and_refit(open_page, seed_page_path):
    opened = open_page(seed_page_path)
    assert "Enab Baladi" in opened.visible_nodes()  # no relation at all: shown at first
    x, y = opened.point_of(opened.node_id("Hulusi Akar"), opened.node_id("Sergei Shoigu"))
    opened.page.mouse.click(x, y)
    assert not opened.js("() => document.getElementById('kg-details').hidden")
    view_before = opened.js("() => [kgView.network.getScale(), kgView.network.getViewPosition()]")
    opened.page.uncheck("input[data-filter=class][value=meeting]")
    assert opened.js("() => document.getElementById('kg-details').hidden")  # its relation is hidden
    assert "Enab Baladi" not in opened.visible_nodes()
    assert opened.js("() => [kgView.network.getScale(), kgView.network.getViewPosition()]") != view_before
    inside = opened.js("""() => {
        const box = document.getElementById('kg-graph').getBoundingClientRect();
        const shown = kgView.nodes.getIds({filter: (n) => !n.hidden});
        return shown.every((id) => { const p = kgView.network.canvasToDOM(kgView.network.getPositions([id])[id]);
                                     return p.x >= 0 && p.y >= 0 && p.x <= box.width && p.y <= box.height; }); }""")
    assert inside  # fitted again to what is shown
    opened.page.check("input[data-filter=class][value=meeting]")
    assert "Enab Baladi" in opened.visible_nodes()


def test_browser_actor_type_filter_hides_actors_of_that_type(open_page, seed_page_path):
    opened = open_page(seed_page_path)
    opened.page.uncheck("input[data-filter=type][value=Person]")
    visible = set(opened.visible_nodes())
    assert "Hulusi Akar" not in visible and "Abu Muhammad al-Julani" not in visible
    assert "Hay'at Tahrir al-Sham" in visible and "Turkey" in visible
    assert not any("Hulusi Akar" in e for e in opened.visible_edges())


def test_browser_negated_relations_are_hidden_until_asked_for(open_page, hostile_page_path):
    opened = open_page(hostile_page_path)
    assert not any("attacked" in e for e in opened.visible_edges())
    opened.page.check("input[data-filter=modality][value=Negated]")
    assert any("attacked" in e for e in opened.visible_edges())
    opened.page.uncheck("input[data-filter=modality][value=Planned]")
    assert not any("met with" in e for e in opened.visible_edges())


def test_browser_date_range_filter(open_page, hostile_page_path):
    opened = open_page(hostile_page_path)
    page = opened.page
    assert page.is_visible("#kg-filter-date")
    assert page.input_value("#kg-date-from") == "2023-05-01"
    assert page.input_value("#kg-date-to") == "2023-07-31"
    page.fill("#kg-date-from", "2023-06-15")
    page.dispatch_event("#kg-date-from", "change")
    edges = opened.visible_edges()
    assert not any("opposes" in e for e in edges)  # 2023-05-01
    assert any("met with" in e for e in edges)  # 2023-07
    assert any("supports" in e for e in edges)  # undated
    page.uncheck("#kg-date-undated")
    assert not any("supports" in e for e in opened.visible_edges())


def test_browser_search_finds_and_selects_an_actor(open_page, seed_page_path):
    opened = open_page(seed_page_path)
    opened.page.fill("#kg-search-input", "cavusoglu")
    opened.page.press("#kg-search-input", "Enter")
    assert opened.page.inner_text("#kg-search-status") == "Found Mevlut Cavusoglu."
    assert opened.js("() => kgView.network.getSelectedNodes()") == [opened.node_id("Mevlut Cavusoglu")]
    assert "Foreign Minister, Turkey" in opened.page.inner_text("#kg-details")
    opened.page.fill("#kg-search-input", "Nobody At All")
    opened.page.press("#kg-search-input", "Enter")
    assert opened.page.inner_text("#kg-search-status") == "No actor matches “Nobody At All”."


# --- tooltips and details ----------------------------------------------------------


def test_browser_edge_tooltip_shows_evidence_with_its_article(open_page, seed_page_path):
    opened = open_page(seed_page_path)
    text = opened.hover(opened.node_id("Mevlut Cavusoglu"), opened.node_id("Faisal Mekdad"))
    assert "Planned" in text
    assert "2023-01" in text
    assert "the upcoming meeting with Syrian Foreign Minister Faisal Mekdad" in text
    assert "Julani Rejects Turkish-Syrian Rapprochement, Calls for Alignment" in text
    assert "2022-12-31" in text


def test_browser_evidence_says_who_said_it_and_who_reported_it(open_page, seed_page_path):
    opened = open_page(seed_page_path)
    text = opened.hover(opened.node_id("Mevlut Cavusoglu"), opened.node_id("Faisal Mekdad"))
    assert "according to Mevlut Cavusoglu, reported by The Syrian Observer" in text


def test_browser_node_tooltip_shows_type_aliases_and_posts(open_page, seed_page_path):
    opened = open_page(seed_page_path)
    text = opened.hover(opened.node_id("Maysar bin Ali al-Jubouri"))
    assert "Person" in text
    assert "Abu Maria al-Qahtani" in text and "Harari" in text
    assert "military leader, Hay'at Tahrir al-Sham" in text


def test_browser_click_pins_every_evidence_sentence(open_page, seed_page_path):
    opened = open_page(seed_page_path)
    x, y = opened.point_of(opened.node_id("Hulusi Akar"), opened.node_id("Sergei Shoigu"))
    opened.page.mouse.click(x, y)
    details = opened.page.inner_text("#kg-details")
    assert details.count("Julani Rejects") == 3  # three sentences say they met
    assert "Moscow" in details


def test_browser_each_evidence_sentence_carries_its_own_date_and_place(open_page, seed_page_path):
    opened = open_page(seed_page_path)
    x, y = opened.point_of(opened.node_id("Ali Mahmoud Abbas"), opened.node_id("Hulusi Akar"))
    opened.page.mouse.click(x, y)
    boxes = opened.js("""() => Array.from(document.querySelectorAll('#kg-details .kg-evidence')).map(b => [
        b.querySelector('.kg-evidence-meta').textContent, b.querySelector('q').textContent])""")
    by_sentence = {sentence[:20]: meta for meta, sentence in boxes}
    assert by_sentence["On the 28th of Decem"] == "Asserted · 2022-12-28 · Moscow · confidence 0.77"
    assert by_sentence["According to the sta"].startswith("Asserted · 2022-12-28 · confidence")  # names no place
    assert "Moscow" not in by_sentence["According to the sta"]
    details = opened.page.inner_text("#kg-details")
    assert "Date" not in details and "Place" not in details  # no merged list above the sentences


def test_browser_actors_coloured_by_camp_and_back_by_type(open_page, seed_page_path):
    opened = open_page(seed_page_path)
    colour = "(name) => kgView.nodes.get({filter: (n) => n.kg.name === name})[0].color.background"
    by_type = {name: opened.js(colour, name) for name in ("Turkey", "Syria", "Hay'at Tahrir al-Sham")}
    opened.page.check('input[name="kg-colour"][value="camp"]')
    camp = {name: opened.js(colour, name) for name in ("Turkey", "Syria", "Abu Muhammad al-Julani",
                                                       "Hay'at Tahrir al-Sham")}
    assert camp["Turkey"] == camp["Syria"] != camp["Hay'at Tahrir al-Sham"] == camp["Abu Muhammad al-Julani"]
    assert "Camp 2 of 2" in opened.hover(opened.node_id("Abu Muhammad al-Julani"))
    opened.page.check('input[name="kg-colour"][value="type"]')
    assert {name: opened.js(colour, name) for name in by_type} == by_type


def _marks(opened) -> list[dict]:
    return opened.js("""() => Array.from(document.querySelectorAll('#kg-timeline .kg-mark')).map((m) => {
        const box = m.getBoundingClientRect();
        return {edge: m.dataset.edge, x: box.left, right: box.right, y: box.top + box.height / 2,
                fill: m.getAttribute('fill'), off: m.classList.contains('kg-off')}; })""")


def test_browser_timeline_draws_dated_relations_coloured_by_class(open_page, seed_page_path):
    opened = open_page(seed_page_path)
    region = opened.page.get_by_role("region", name="Timeline")
    assert region.is_visible()
    marks = _marks(opened)
    spans = opened.js("() => kgView.edges.get().reduce((n, e) => n + e.kg.spans.length, 0)")
    assert len(marks) == spans > 0
    colours = opened.js("() => Object.fromEntries(kgView.edges.get().map((e) => [e.id, e.kg.class]))")
    meeting = next(m for m in marks if colours[m["edge"]] == "meeting")
    assert meeting["fill"] == "#1F77B4"


def test_browser_timeline_brushing_filters_by_date_and_a_click_selects(open_page, seed_page_path):
    opened = open_page(seed_page_path)
    planned = opened.js("() => kgView.edges.get().find((e) => e.kg.modality === 'Planned' && e.kg.spans.length).id")
    marks = _marks(opened)
    december = min(marks, key=lambda m: m["x"])
    assert december["edge"] != planned
    opened.page.mouse.move(december["x"] - 3, december["y"] - 10)
    opened.page.mouse.down()
    opened.page.mouse.move(december["right"] + 3, december["y"] - 10, steps=5)
    opened.page.mouse.up()
    hidden = opened.js("(id) => kgView.edges.get(id).hidden", planned)
    assert hidden  # planned for January: outside the range
    assert not opened.js("(id) => kgView.edges.get(id).hidden", december["edge"])
    assert opened.page.inner_text("#kg-timeline-range").startswith("From 2022-12")
    opened.page.dblclick("#kg-timeline-svg", position={"x": 2, "y": 5})
    assert not opened.js("(id) => kgView.edges.get(id).hidden", planned)
    mark = next(m for m in _marks(opened) if m["edge"] == planned)
    opened.page.mouse.click((mark["x"] + mark["right"]) / 2, mark["y"])
    assert opened.js("() => kgView.network.getSelectedEdges()") == [planned]
    assert "the upcoming meeting with Syrian Foreign Minister Faisal Mekdad" in opened.page.inner_text("#kg-details")


def test_browser_selection_note_says_what_was_left_out(open_page, seed_build, tmp_path):
    page_path = write_view_of(seed_build[0], tmp_path / "top.html", Selection(max_nodes=5))
    opened = open_page(page_path)
    note = opened.page.inner_text("#kg-selection-note")
    assert note.startswith("19 of 24 actors") and "--max-nodes 5" in note
    assert len(opened.visible_nodes()) <= 5


def write_view_of(graph_path: Path, out: Path, selection: Selection) -> Path:
    from kg.view.viz import visualize

    return visualize(graph_path, out, selection).path


# --- hostile text ------------------------------------------------------------------


def test_browser_hostile_text_is_shown_as_text_and_never_runs(open_page, hostile_page_path):
    opened = open_page(hostile_page_path)
    page = opened.page
    assert page.title() == "<script>window.__xss='page title'</script>"
    nodes = opened.js("() => kgView.nodes.get().map((n) => n.id)")
    edges = opened.js("() => kgView.edges.get().map((e) => [e.from, e.to])")
    page.check("input[data-filter=modality][value=Negated]")
    seen = []
    for node in nodes:
        x, y = opened.point_of(node)
        page.mouse.move(x, y, steps=3)
        page.mouse.click(x, y)
        seen.append(page.inner_text("#kg-details"))
    for ends in edges:
        x, y = opened.point_of(*ends)
        page.mouse.move(x, y, steps=3)
        page.mouse.click(x, y)
        seen.append(page.inner_text("#kg-details"))
    text = "\n".join(seen)
    for hostile_text in (hostile.NAME_IMG, hostile.ALIAS_SCRIPT, hostile.NAME_CLOSE_SCRIPT, hostile.EVIDENCE_IMG,
                         hostile.TITLE_HTML, hostile.POST_TITLE, hostile.JAVASCRIPT_URL):
        assert hostile_text in text, hostile_text
    assert opened.js("() => window.__xss") is None
    assert opened.dialogs == []
    assert opened.js("() => document.querySelectorAll('img, iframe, svg[onload], b, i').length") == 0
    assert opened.js("() => [...document.querySelectorAll('a')].filter((a) => !a.href.startsWith('https:')).length") == 0
    assert opened.requests == [opened.url] and opened.errors == []


def test_browser_only_http_links_are_clickable(open_page, hostile_page_path):
    opened = open_page(hostile_page_path)
    plain = opened.node_id(hostile.COUNTRY)
    hostile_person = opened.node_id(hostile.NAME_IMG)
    x, y = opened.point_of(hostile_person, opened.node_id(hostile.NAME_CLOSE_SCRIPT))
    opened.page.mouse.click(x, y)
    assert opened.js("() => document.querySelectorAll('#kg-details a').length") == 0
    assert hostile.JAVASCRIPT_URL in opened.page.inner_text("#kg-details")
    opened.js("(id) => kgView.findActor(kgView.nodes.get(id).kg.name)", plain)
    links = opened.js("""() => [...document.querySelectorAll('#kg-details button.kg-link')].map((b) => b.textContent)""")
    assert any("supports" in link for link in links)
    opened.page.click("#kg-details button.kg-link:has-text('supports')")
    anchors = opened.js("() => [...document.querySelectorAll('#kg-details a')].map((a) => [a.href, a.rel, a.textContent])")
    assert anchors == [["https://news.example/a?x=1&y=%3C2%3E", "noopener noreferrer", "Good article"]]


# --- a large graph -------------------------------------------------------------------


def test_browser_large_graph_settles_and_stops(open_page, tmp_path):
    path = write_view(synthetic_graph(2000, 5000), tmp_path / "large.html").path
    opened = open_page(path)
    assert opened.errors == []
    assert opened.js("() => kgView.nodes.length") == 2000
    before = opened.js("() => kgView.network.getPositions()")
    opened.page.wait_for_timeout(500)
    assert opened.js("() => kgView.network.getPositions()") == before
    assert _drawn_pixels(opened) > 2000


def test_browser_first_view_of_a_large_graph_has_readable_labels(open_page, tmp_path):
    path = write_view(synthetic_graph(2000, 5000), tmp_path / "large.html").path
    opened = open_page(path)
    drawn = opened.js("""() => {
        const top = kgView.nodes.get().sort((a, b) => b.kg.relations - a.kg.relations)[0];
        return kgView.network.getScale() * top.font.size; }""")
    assert drawn >= 11  # px on screen: the most connected actor's label
    assert opened.js("() => getComputedStyle(document.getElementById('kg-details')).backgroundColor") == \
        "rgb(255, 255, 255)"  # the panel is opaque


def test_browser_empty_graph_says_so(open_page, tmp_path):
    from rdflib import Dataset

    opened = open_page(write_view(Dataset(), tmp_path / "empty.html").path)
    assert opened.page.is_visible("#kg-empty")
    assert opened.page.inner_text("#kg-counts") == "Showing 0 of 0 actors and 0 of 0 relations, from 0 of 0 evidence statements"
    assert opened.errors == []


def test_browser_card_marks_a_name_that_mixes_scripts(open_page, tmp_path):
    from rdflib import RDF, RDFS, Dataset, Literal, URIRef
    from rdflib.namespace import SKOS

    from kg.graph.namespace import KG

    g = Dataset(default_union=True)
    spoofed, plain = URIRef("https://w3id.org/newskg/id/a"), URIRef("https://w3id.org/newskg/id/b")
    for node, name in ((spoofed, "Rehema Mu\u0455hi"), (plain, "Paul Kagame")):
        g.add((node, RDF.type, KG.Person))
        g.add((node, RDFS.label, Literal(name)))
    g.add((plain, SKOS.altLabel, Literal("Paul Kagam\u0435")))
    g.add((spoofed, KG.metWith, plain))
    opened = open_page(write_view(g, tmp_path / "graph.html").path)
    marks = "() => Array.from(document.querySelectorAll('#kg-details .kg-mixed')).map(m => [m.textContent, m.title])"
    why = "A word of this name mixes Latin and Cyrillic letters: some may be look-alikes of others"
    opened.page.mouse.click(*opened.point_of(opened.node_id("Rehema Mu\u0455hi")))
    assert opened.page.inner_text("#kg-details h2") == "Rehema Mu\u0455hi \u26a0 mixed scripts"
    assert opened.js(marks) == [["\u26a0 mixed scripts", why]]
    opened.page.mouse.click(*opened.point_of(opened.node_id("Paul Kagame")))
    assert opened.page.inner_text("#kg-details h2") == "Paul Kagame"  # only its alias is marked
    assert "Paul Kagam\u0435 \u26a0 mixed scripts" in opened.page.inner_text("#kg-details dd")
    assert opened.js(marks) == [["\u26a0 mixed scripts", why]]
    assert opened.errors == []
