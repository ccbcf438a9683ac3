"""How the HTML view grows with the graph: time to write the page, its size, and the time
headless Chromium takes to open it and settle the layout (physics off), per graph size.

    python benchmarks/html_view.py [ACTORS:RELATIONS ...]

Defaults to 250:625 500:1250 1000:2500 2000:5000 (synthetic graphs, tests/synthetic.py).
Prints one row per size and the ratios to the smallest, all measured in this one run.
"""
from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from kg.view.viz import write_view  # noqa: E402
from tests.chromium import launch, why_no_browser  # noqa: E402
from tests.synthetic import synthetic_graph  # noqa: E402

SIZES = [(250, 625), (500, 1250), (1000, 2500), (2000, 5000)]


def measure(browser, actors: int, relations: int, folder: Path) -> dict:
    graph = synthetic_graph(actors, relations)
    started = time.perf_counter()
    path = write_view(graph, folder / f"graph-{actors}.html").path
    write_seconds = time.perf_counter() - started
    row = {"actors": actors, "relations": relations, "write_s": write_seconds, "bytes": path.stat().st_size}
    if browser is not None:
        page = browser.new_page(viewport={"width": 1400, "height": 900})
        started = time.perf_counter()
        page.goto(path.as_uri())
        page.wait_for_selector("body[data-kg-state=ready]", state="attached", timeout=300_000)
        row["settle_s"] = time.perf_counter() - started
        page.close()
    return row


def main() -> None:
    sizes = [tuple(int(n) for n in arg.split(":")) for arg in sys.argv[1:]] or SIZES
    reason = why_no_browser()
    if reason:
        print(f"no browser timings: {reason}")
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        if reason:
            rows = [measure(None, a, r, Path(tmp)) for a, r in sizes]
        else:
            from playwright.sync_api import sync_playwright

            with sync_playwright() as playwright:
                browser = launch(playwright)
                rows = [measure(browser, a, r, Path(tmp)) for a, r in sizes]
                browser.close()
    first = rows[0]
    print(f"{'actors':>7} {'relations':>9} {'write s':>8} {'HTML KB':>8} {'settle s':>9}   ratios to the first row "
          "(size, write, settle)")
    for row in rows:
        settle = f"{row['settle_s']:9.2f}" if "settle_s" in row else f"{'-':>9}"
        ratios = [row["bytes"] / first["bytes"], row["write_s"] / first["write_s"]]
        if "settle_s" in row:
            ratios.append(row["settle_s"] / first["settle_s"])
        print(f"{row['actors']:7d} {row['relations']:9d} {row['write_s']:8.2f} {row['bytes'] / 1024:8.0f} {settle}   "
              + "  ".join(f"{r:5.2f}x" for r in ratios))


if __name__ == "__main__":
    main()
