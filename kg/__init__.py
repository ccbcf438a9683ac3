"""kg: a knowledge graph of political actors and what they do to each other, from news articles.

    >>> from kg import build, BuildOptions
    >>> report = build(["seeds/"], BuildOptions(output="output"))
"""
from __future__ import annotations

from importlib import import_module
from typing import Any

__all__ = ["build", "BuildOptions", "BuildReport", "KGError", "InputError", "RuleFileError"]
__version__ = "0.1.0"

_LAZY = {"build": "build", "BuildOptions": "build", "BuildReport": "build",
         "KGError": "errors", "InputError": "errors", "RuleFileError": "errors"}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        return getattr(import_module(f".{_LAZY[name]}", __name__), name)
    raise AttributeError(f"module 'kg' has no attribute {name!r}")
