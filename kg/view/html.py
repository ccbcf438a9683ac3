"""The graph as one self-contained HTML page: vis-network's nodes and edges with the
vis-network library pyvis ships, our script and styles inlined, and a Content-Security-Policy
that lets the page load nothing from anywhere and run no script but its own."""
from __future__ import annotations

import base64
import hashlib
import json
import math
import os
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import Callable

from kg.files import write_atomic
from kg.knowledge.lookalikes import mixed_scripts
from kg.model import Modality
from kg.query.camps import find_camps
from kg.relationtable import relation_table
from kg.graph.graphview import ACTOR_TYPES, RELATION_CLASSES, TOPIC, GraphView, ViewActor, ViewEdge, date_span

__all__ = ["HtmlOptions", "render_html", "write_html", "NODE_STYLES", "CLASS_COLOURS"]


@dataclass(frozen=True)
class NodeStyle:
    shape: str  # a vis-network shape
    colour: str
    dashed_border: bool = False


#: Shape and colour of each node type (Okabe-Ito colours, told apart by shape as well).
NODE_STYLES: dict[str, NodeStyle] = {
    "Country": NodeStyle("diamond", "#0072B2"),
    "Person": NodeStyle("dot", "#E69F00"),
    "ArmedGroup": NodeStyle("triangle", "#D55E00"),
    "GovernmentBody": NodeStyle("square", "#56B4E9"),
    "Organization": NodeStyle("hexagon", "#009E73"),
    "InternationalOrganization": NodeStyle("star", "#CC79A7"),
    "MediaOutlet": NodeStyle("triangleDown", "#8C6D31"),
    "Group": NodeStyle("dot", "#7F7F7F", dashed_border=True),
    "Place": NodeStyle("dot", "#A6D854"),
    TOPIC: NodeStyle("box", "#EEEEEE"),
    "Actor": NodeStyle("dot", "#BBBBBB"),
}

#: Edge colour of each relation class.
CLASS_COLOURS = {name: spec.colour for name, spec in relation_table().classes.items()}

_DASHES = {Modality.ASSERTED: False, Modality.PLANNED: [8, 6], Modality.NEGATED: [2, 5]}
_TYPE_LABELS = {"Country": "Country", "Person": "Person", "ArmedGroup": "Armed group",
                "GovernmentBody": "Government body", "Organization": "Organization",
                "InternationalOrganization": "International organization", "MediaOutlet": "Media outlet",
                "Group": "Group", "Place": "Place", TOPIC: "Topic", "Actor": "Actor"}
_EDGE_LABELS_UP_TO = 60  # edges drawn with their relation written on them, up to this many
_MIXED_SCRIPTS_MARK = "\u26a0"  # after a label on the network when a word of it mixes scripts
_TOPIC_LABEL_CHARS = 40


@dataclass(frozen=True)
class HtmlOptions:
    title: str = "kg graph"
    show_negated: bool = False  # negated relations shown when the page opens
    #: What the command line left out, said in the page: e.g. "--max-nodes 500".
    selection_note: str | None = None


def render_html(view: GraphView, options: HtmlOptions = HtmlOptions()) -> bytes:
    """The page for `view`, byte-identical for equal input."""
    from jinja2 import Environment

    camps = find_camps(view).camps
    camp_of = {m.iri: n for n, camp in enumerate(camps, 1) for m in camp.members}
    nodes, edges, vis_options = _network(view, camp_of)
    data = {
        "title": options.title,
        "nodes": nodes,
        "edges": edges,
        "options": vis_options,
        "sources": [_source(view, key) for key in sorted(view.sources)],
        "types": [{"name": t, "label": _TYPE_LABELS[t]} for t in _present_types(view)],
        "classes": [{"name": c, "label": relation_table().classes[c].label, "colour": CLASS_COLOURS[c],
                     "relations": [r.label for r in RELATION_CLASSES[c]]}
                    for c in RELATION_CLASSES],
        "modalities": [{"name": m.value, "label": m.value, "shown": m is not Modality.NEGATED or options.show_negated}
                       for m in Modality],
        "dateRange": _date_range(view.edges),
        "camps": [{"number": n, "size": len(camp.members), "colour": _camp_colour(n),
                   "border": _darker(_camp_colour(n))} for n, camp in enumerate(camps, 1)],
        "counts": {"actors": len(view.actors), "edges": len(view.edges),
                   "evidence": sum(len(e.evidence) for e in view.edges),
                   "totalActors": view.total_actors, "totalEdges": view.total_edges},
        "selectionNote": options.selection_note,
    }
    script, style = _asset("view.js"), _asset("view.css")
    vis_js, vis_css = _vis_library()
    payload = _json_for_script(data)
    scripts = [vis_js, script]
    styles = [vis_css, style]
    csp = "; ".join([
        "default-src 'none'",
        "script-src " + " ".join(_hash(s) for s in scripts),
        "style-src 'unsafe-inline'",  # vis-network sets styles on the elements it makes
        "img-src data:",
        "base-uri 'none'",
        "form-action 'none'",
    ])
    env = Environment(autoescape=True, keep_trailing_newline=True)
    template = env.from_string(_asset("page.html"))
    html = template.render(title=options.title, csp=csp, payload=payload, scripts=scripts, styles=styles,
                           legend=_legend_svgs(view))
    return html.encode("utf-8")


def write_html(view: GraphView, path: str | os.PathLike[str], options: HtmlOptions = HtmlOptions(),
               write: Callable[[Path, bytes], Path] = write_atomic) -> Path:
    """render_html, written to `path` by `write` (atomically, by default)."""
    return write(Path(path), render_html(view, options))


# --- nodes and edges -------------------------------------------------------


def _network(view: GraphView, camp_of: dict[str, int]) -> tuple[list[dict], list[dict], dict]:
    """Nodes, edges and options for vis-network, the items pyvis's Network would hold. They are
    made here because pyvis tests each new node and edge against a list of all before it: on a
    graph of 19,000 actors that took 3.5 of the page's 9 seconds."""
    degree = view.degrees()
    ids = {a.id: n for n, a in enumerate(view.actors)}
    nodes = []
    for actor in view.actors:
        style = NODE_STYLES[actor.type]
        fields = _node_fields(actor, style, degree[actor.id])
        fields["kg"]["camp"] = camp_of.get(actor.id)
        nodes.append({**fields, "id": ids[actor.id], "shape": style.shape})
    parallel: dict[frozenset[int], int] = {}
    edges = []
    for n, edge in enumerate(view.edges):
        ends = frozenset((ids[edge.source], ids[edge.target]))
        index = parallel.get(ends, 0)
        parallel[ends] = index + 1
        edges.append({**_edge_fields(n, edge, index, len(view.edges)),
                      "from": ids[edge.source], "to": ids[edge.target]})
    return nodes, edges, _vis_options(len(view.actors), len(view.edges))


#: Colours of the first camps (Tableau 10); later camps share the last, a light grey.
_CAMP_COLOURS = ("#4E79A7", "#F28E2B", "#E15759", "#76B7B2", "#59A14F", "#EDC948", "#B07AA1", "#FF9DA7",
                 "#9C755F", "#BAB0AC")


def _camp_colour(number: int) -> str:
    return _CAMP_COLOURS[min(number, len(_CAMP_COLOURS)) - 1]


def _node_fields(actor: ViewActor, style: NodeStyle, degree: int) -> dict:
    topic = actor.type == TOPIC
    label = actor.name
    if topic and len(label) > _TOPIC_LABEL_CHARS:
        label = label[:_TOPIC_LABEL_CHARS - 1].rstrip() + "…"
    fields: dict = {
        "label": label,
        "color": {"background": style.colour, "border": "#555555" if topic else _darker(style.colour),
                  "highlight": {"background": style.colour, "border": "#000000"},
                  "hover": {"background": style.colour, "border": "#000000"}},
        "size": min(round(8 + 4 * math.sqrt(degree), 1), 40) if not topic else 10,
        "font": {"size": 13 if topic else min(18 + int(math.sqrt(degree)), 26)},
        "kg": {"type": actor.type, "typeLabel": _TYPE_LABELS[actor.type], "name": actor.name,
               "iri": None if topic else actor.id, "aliases": list(actor.aliases),
               "posts": [{"title": p.title, "organisation": p.organisation, "date": p.date} for p in actor.posts],
               "degree": degree,
               "typeColour": {"background": style.colour,
                              "border": "#555555" if topic else _darker(style.colour)}},
    }
    mixed = [{"name": name, "scripts": list(scripts)}
             for name in (actor.name, *actor.aliases) if (scripts := mixed_scripts(name))]
    if mixed:  # look-alike letters, perhaps: the card says which names and scripts
        fields["kg"]["mixedScripts"] = mixed
        if mixed[0]["name"] == actor.name:
            fields["label"] = f"{label} {_MIXED_SCRIPTS_MARK}"
    if style.dashed_border:
        fields["shapeProperties"] = {"borderDashes": [4, 3]}
        fields["borderWidth"] = 2
    return fields


def _edge_fields(n: int, edge: ViewEdge, parallel_index: int, edge_count: int) -> dict:
    colour = CLASS_COLOURS[edge.relation_class]
    negated = edge.modality is Modality.NEGATED
    fields: dict = {
        "id": f"e{n}",
        "color": {"color": colour, "highlight": colour, "hover": colour, "opacity": 0.45 if negated else 1.0},
        "dashes": _DASHES[edge.modality],
        "arrows": {"to": {"enabled": edge.directed, "scaleFactor": 0.6}},
        "width": round(1 + min(math.log2(max(len(edge.evidence), 1)), 4), 2),
        "hidden": negated,
        "kg": {
            "relation": edge.relation.value, "relationLabel": edge.relation.label,
            "class": edge.relation_class, "directed": edge.directed, "modality": edge.modality.value,
            "dates": list(edge.dates), "spans": [list(s) for d in edge.dates if (s := date_span(d))],
            "places": list(edge.places), "confidence": edge.confidence,
            "evidence": [{"sentence": e.sentence, "source": e.source, "date": e.date, "place": e.place,
                          "confidence": e.confidence, "speaker": e.speaker} for e in edge.evidence],
        },
    }
    if edge_count <= _EDGE_LABELS_UP_TO:
        fields["label"] = edge.relation.label
    if parallel_index:
        # Parallel edges curve apart, alternately to either side.
        side = "curvedCW" if parallel_index % 2 else "curvedCCW"
        fields["smooth"] = {"enabled": True, "type": side, "roundness": 0.2 * ((parallel_index + 1) // 2)}
    return fields


def _vis_options(node_count: int, edge_count: int) -> dict:
    """Layout settles in a bounded number of physics steps (fewer for big graphs, whose
    steps cost more); the page turns physics off once it has, and zooms to fit the actors
    that have relations (lone ones drift to the edge and would shrink everything)."""
    big = node_count > 500
    iterations = max(100, min(1000, 60_000 // max(node_count, 1)))
    return {
        "autoResize": True,
        "layout": {"randomSeed": 7, "improvedLayout": node_count <= 150},
        "physics": {
            "enabled": True,
            "solver": "barnesHut",
            "barnesHut": {"gravitationalConstant": -3000, "centralGravity": 0.3, "springLength": 130,
                          "springConstant": 0.04, "damping": 0.25, "avoidOverlap": 0.8,
                          "theta": 1.0 if big else 0.8 if node_count > 150 else 0.5},
            "stabilization": {"enabled": True, "iterations": iterations, "updateInterval": 20, "fit": False},
            "minVelocity": 0.75,
        },
        "interaction": {"hover": True, "tooltipDelay": 150, "navigationButtons": True,
                        "keyboard": {"enabled": True, "bindToWindow": False},
                        "hideEdgesOnDrag": big, "hideEdgesOnZoom": big},
        "nodes": {"borderWidth": 1, "font": {"face": "sans-serif", "strokeWidth": 4, "strokeColor": "#ffffff"}},
        "edges": {"smooth": False, "selectionWidth": 2, "hoverWidth": 1.5,
                  "font": {"size": 12, "face": "sans-serif", "align": "middle", "strokeWidth": 3,
                           "strokeColor": "#ffffff", "color": "#444444"}},
    }


def _present_types(view: GraphView) -> list[str]:
    present = {a.type for a in view.actors}
    return [t for t in ACTOR_TYPES if t in present]


def _source(view: GraphView, key: str) -> dict:
    s = view.sources[key]
    return {"iri": s.iri, "title": s.title, "date": s.date, "url": s.url, "file": s.file, "outlet": s.outlet}


def _date_range(edges: tuple[ViewEdge, ...]) -> list[str] | None:
    spans = [date_span(d) for e in edges for d in e.dates]
    spans = [s for s in spans if s]
    if not spans:
        return None
    return [min(s[0] for s in spans), max(s[1] for s in spans)]


def _darker(colour: str) -> str:
    r, g, b = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#{:02X}{:02X}{:02X}".format(*(int(c * 0.7) for c in (r, g, b)))


# --- the page ----------------------------------------------------------------


def _legend_svgs(view: GraphView) -> dict[str, str]:
    """A small SVG drawing of each node type's shape, by type (our markup, no graph text)."""
    return {t: _shape_svg(NODE_STYLES[t]) for t in _present_types(view)}


_SHAPES = {
    "dot": '<circle cx="8" cy="8" r="6"/>',
    "diamond": '<polygon points="8,1 15,8 8,15 1,8"/>',
    "triangle": '<polygon points="8,1 15,14 1,14"/>',
    "triangleDown": '<polygon points="1,2 15,2 8,15"/>',
    "square": '<rect x="2" y="2" width="12" height="12"/>',
    "hexagon": '<polygon points="4,1.5 12,1.5 15.5,8 12,14.5 4,14.5 0.5,8"/>',
    "star": '<polygon points="8,0.5 10,6 15.5,6 11,9.5 12.8,15 8,11.6 3.2,15 5,9.5 0.5,6 6,6"/>',
    "box": '<rect x="1" y="4" width="14" height="8" rx="2"/>',
}


def _shape_svg(style: NodeStyle) -> str:
    dash = ' stroke-dasharray="2,1.5"' if style.dashed_border else ""
    return (f'<svg class="kg-swatch" viewBox="0 0 16 16" width="16" height="16" aria-hidden="true">'
            f'<g fill="{style.colour}" stroke="{_darker(style.colour)}" stroke-width="1"{dash}>'
            f'{_SHAPES[style.shape]}</g></svg>')


def _json_for_script(data: object) -> str:
    """JSON that is safe inside a <script> element: nothing in it can close the element
    or start markup, whatever the strings hold."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    for char, escape in (("&", "\\u0026"), ("<", "\\u003c"), (">", "\\u003e"),
                         ("\u2028", "\\u2028"), ("\u2029", "\\u2029")):
        text = text.replace(char, escape)
    return text


def _hash(script: str) -> str:
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


@lru_cache(maxsize=None)
def _asset(name: str) -> str:
    return resources.files("kg.view").joinpath("viewer", name).read_text(encoding="utf-8")


@lru_cache(maxsize=1)
def _vis_library() -> tuple[str, str]:
    """vis-network's script and styles as pyvis ships them."""
    import pyvis

    lib = Path(pyvis.__file__).parent / "lib" / "vis-9.1.2"
    return ((lib / "vis-network.min.js").read_text(encoding="utf-8"),
            (lib / "vis-network.css").read_text(encoding="utf-8"))
