"""Headless Chromium for tests and benchmarks, driven by Playwright: the system's
Chromium (Debian's `chromium` package), never a browser Playwright downloads."""
from __future__ import annotations

import importlib.util
import os
import shutil

#: Flags that keep Chromium from reaching out to the network on its own.
FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
         "--disable-background-networking", "--disable-component-update", "--disable-sync",
         "--disable-default-apps", "--disable-extensions"]


def find_chromium() -> str | None:
    """The Chromium to use: $KG_CHROMIUM, else the first of chromium, chromium-browser,
    google-chrome on the PATH."""
    if os.environ.get("KG_CHROMIUM"):
        return os.environ["KG_CHROMIUM"]
    for name in ("chromium", "chromium-browser", "google-chrome"):
        if path := shutil.which(name):
            return path
    return None


def why_no_browser() -> str | None:
    """Why browser tests cannot run here, or None when they can."""
    if importlib.util.find_spec("playwright") is None:
        return "Playwright is not installed (pip install -e '.[test]')"
    if find_chromium() is None:
        return "no Chromium found (apt-get install chromium, or set KG_CHROMIUM to a Chromium binary)"
    return None


def launch(playwright):
    """A Chromium browser (Playwright gives it a fresh, temporary profile); close it when done."""
    return playwright.chromium.launch(executable_path=find_chromium(), headless=True, args=FLAGS)
