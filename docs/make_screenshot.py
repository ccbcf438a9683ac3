"""Regenerate docs/seed-graph.png, the README's picture of the seed article's graph:

    kg build seeds/ -o output && python docs/make_screenshot.py output/graph.html

Opens the page in headless Chromium, clicks the meeting in Moscow so the details panel
shows its evidence, and saves the screenshot.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.chromium import launch  # noqa: E402


def main() -> None:
    from playwright.sync_api import sync_playwright

    page_path = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "output" / "graph.html").resolve()
    with sync_playwright() as playwright:
        browser = launch(playwright)
        page = browser.new_page(viewport={"width": 1400, "height": 820})
        page.goto(page_path.as_uri())
        page.wait_for_selector("body[data-kg-state=ready]", state="attached", timeout=60_000)
        x, y = page.evaluate("""() => {
            const net = kgView.network;
            const id = (name) => kgView.nodes.get({filter: (n) => n.kg.name === name})[0].id;
            const a = id('Hulusi Akar'), b = id('Sergei Shoigu'), pos = net.getPositions([a, b]);
            const dom = net.canvasToDOM({x: (pos[a].x + pos[b].x) / 2, y: (pos[a].y + pos[b].y) / 2});
            const box = document.getElementById('kg-graph').getBoundingClientRect();
            return [box.left + dom.x, box.top + dom.y];
        }""")
        page.mouse.click(x, y)
        page.mouse.move(5, 5)
        page.wait_for_timeout(300)
        page.screenshot(path=str(ROOT / "docs" / "seed-graph.png"))
        browser.close()


if __name__ == "__main__":
    main()
