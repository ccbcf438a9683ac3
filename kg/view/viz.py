"""`kg viz`: a graph file, or a built graph, drawn as an interactive HTML page."""
from __future__ import annotations

import os
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Callable

from rdflib import Graph

from kg.collector import paused_collector
from kg.files import write_atomic
from kg.view.html import HtmlOptions, write_html
from kg.graph.triples import TripleIndex, load_for_lookup
from kg.graph.graphview import TOPIC, GraphView, read_view
from kg.view.select import Selection, select

__all__ = ["VizReport", "visualize", "write_view", "write_page"]


@dataclass(frozen=True)
class VizReport:
    path: Path
    actors: int  # actors drawn (topics not counted)
    topics: int
    relations: int  # drawn: distinct subject, relation, object and modality
    total_actors: int  # actors and topics in the whole graph
    total_relations: int
    evidence: int = 0  # evidence statements of the relations drawn

    @property
    def summary(self) -> str:
        topics = f", {self.topics} topics" if self.topics else ""
        drawn = self.actors + self.topics
        omitted = f" ({self.total_actors - drawn} left out)" if drawn < self.total_actors else ""
        return (f"{self.actors} actors{topics}{omitted}, {self.relations} relations "
                f"({self.evidence} evidence statements) -> {self.path}")


@paused_collector()
def visualize(graph_path: str | os.PathLike[str], output: str | os.PathLike[str],
              selection: Selection = Selection(), options: HtmlOptions = HtmlOptions()) -> VizReport:
    """Read the graph at `graph_path` and write its page to `output`.
    Raises GraphFileError for an unreadable graph, KGError for a focus that names no actor."""
    return write_view(load_for_lookup(graph_path), output, selection, options)


def write_view(graph: "Graph | TripleIndex", output: str | os.PathLike[str], selection: Selection = Selection(),
               options: HtmlOptions = HtmlOptions(), write: Callable[[Path, bytes], Path] = write_atomic) -> VizReport:
    """The page of `graph` (the part `selection` keeps), written to `output` by `write`."""
    return write_page(read_view(graph), output, selection, options, write)


def write_page(whole: GraphView, output: str | os.PathLike[str], selection: Selection = Selection(),
               options: HtmlOptions = HtmlOptions(), write: Callable[[Path, bytes], Path] = write_atomic) -> VizReport:
    """The page of a view already read (the part `selection` keeps), written to `output` by `write`."""
    view = select(whole, selection)
    options = replace(options, selection_note=options.selection_note or _selection_note(whole, view, selection))
    path = write_html(view, output, options, write)
    topics = sum(1 for a in view.actors if a.type == TOPIC)
    return VizReport(path, len(view.actors) - topics, topics, len(view.edges), whole.total_actors, whole.total_edges,
                     sum(len(e.evidence) for e in view.edges))


def _selection_note(whole: GraphView, view: GraphView, selection: Selection) -> str | None:
    """What the page must say was left out, and by which option."""
    if len(view.actors) == len(whole.actors) and len(view.edges) == len(whole.edges):
        return None
    asked = []
    if selection.focus is not None:
        asked.append(f"--focus {selection.focus!r} --depth {selection.depth}")
    if selection.relations is not None:
        asked.append("--relations " + ",".join(sorted(r.value for r in selection.relations)))
    if selection.types is not None:
        asked.append("--types " + ",".join(sorted(selection.types)))
    if selection.max_nodes is not None:
        asked.append(f"--max-nodes {selection.max_nodes}")
    left_actors = len(whole.actors) - len(view.actors)
    left_edges = len(whole.edges) - len(view.edges)
    return (f"{left_actors} of {len(whole.actors)} actors and {left_edges} of {len(whole.edges)} relations "
            f"left out ({'; '.join(asked)}).")
