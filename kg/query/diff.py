"""`kg diff`: what changed between two graphs of the contract, as an analyst reads "what's new
today" from two builds of a growing corpus: actors added and removed, relations (a subject,
a relation and an object) added or removed, and relations whose modality changed ("planned"
yesterday, "asserted" today), each new one with its evidence."""
from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field

from kg.graph.graphview import TOPIC, ActorRef, GraphView, ViewEdge

__all__ = ["RelationChange", "GraphDiff", "diff_views", "format_diff", "DIFF_FORMATS"]

DIFF_FORMATS = ("table", "json", "md")
_EVIDENCE_SHOWN = 3  # sentences shown per relation in the table and Markdown (JSON has them all)


@dataclass(frozen=True)
class RelationChange:
    subject: str
    relation: str
    object: str
    before: tuple[str, ...]  # the modalities it had in the old graph (none: it is new)
    after: tuple[str, ...]  # ... and has in the new one (none: it is gone)
    subject_iri: str
    object_iri: str | None  # None for a topic
    evidence: tuple[str, ...] = ()  # the sentences of what is new in it: a new relation or modality


@dataclass
class GraphDiff:
    actors_added: list[ActorRef] = field(default_factory=list)
    actors_removed: list[ActorRef] = field(default_factory=list)
    relations_added: list[RelationChange] = field(default_factory=list)
    relations_removed: list[RelationChange] = field(default_factory=list)
    relations_changed: list[RelationChange] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)


def diff_views(old: GraphView, new: GraphView) -> GraphDiff:
    """What `new` has that `old` has not, and the reverse, in a stable order."""
    old_actors, new_actors = _actors(old), _actors(new)
    diff = GraphDiff(
        actors_added=sorted((new_actors[i] for i in new_actors.keys() - old_actors.keys()), key=_actor_order),
        actors_removed=sorted((old_actors[i] for i in old_actors.keys() - new_actors.keys()), key=_actor_order))
    old_relations, new_relations = _relations(old), _relations(new)
    names = {**{a.id: a.name for a in old.actors}, **{a.id: a.name for a in new.actors}}
    for key in sorted(old_relations.keys() | new_relations.keys()):
        before, after = old_relations.get(key, {}), new_relations.get(key, {})
        if set(before) == set(after):
            continue
        fresh = [e for modality, e in sorted(after.items()) if modality not in before]
        change = RelationChange(
            names.get(key[0], key[0]), key[1], names.get(key[2], key[2].removeprefix("topic:")),
            tuple(sorted(before)), tuple(sorted(after)), key[0],
            None if key[2].startswith("topic:") else key[2],
            tuple(dict.fromkeys(ev.sentence for e in fresh for ev in e.evidence)))
        bucket = diff.relations_added if not before else diff.relations_removed if not after \
            else diff.relations_changed
        bucket.append(change)
    return diff


def _actors(view: GraphView) -> dict[str, ActorRef]:
    return {a.id: ActorRef(a.name, a.type, a.id) for a in view.actors if a.type != TOPIC}


def _actor_order(actor: ActorRef) -> tuple[str, str]:
    return actor.name.casefold(), actor.iri


def _relations(view: GraphView) -> dict[tuple[str, str, str], dict[str, ViewEdge]]:
    """(subject, relation, object) -> its edges by modality."""
    found: dict[tuple[str, str, str], dict[str, ViewEdge]] = {}
    for edge in view.edges:
        found.setdefault((edge.source, edge.relation.value, edge.target), {})[edge.modality.value] = edge
    return found


def format_diff(diff: GraphDiff, fmt: str = "table", old: str = "old", new: str = "new") -> str:
    """The diff as a plain-text listing, JSON or Markdown."""
    if fmt == "json":
        return json.dumps({"old": old, "new": new, **diff.to_dict()}, indent=2, ensure_ascii=False) + "\n"
    md = fmt == "md"
    lines = [f"# Changes from {old} to {new}" if md else f"{old} -> {new}", ""]
    counts = (f"{len(diff.actors_added)} added, {len(diff.actors_removed)} removed",
              f"{len(diff.relations_added)} added, {len(diff.relations_removed)} removed, "
              f"{len(diff.relations_changed)} changed in modality")
    lines += [("## Actors: " if md else "Actors: ") + counts[0]]
    lines += [_actor_line(a, "+", md) for a in diff.actors_added]
    lines += [_actor_line(a, "-", md) for a in diff.actors_removed]
    lines += ["", ("## Relations: " if md else "Relations: ") + counts[1]]
    for mark, changes in (("+", diff.relations_added), ("-", diff.relations_removed), ("~", diff.relations_changed)):
        for change in changes:
            lines.append(_relation_line(change, mark, md))
            shown = change.evidence[:_EVIDENCE_SHOWN]
            lines += [f"  > {s}" if md else f"      \"{s}\"" for s in shown]
            if len(change.evidence) > len(shown):
                lines.append(f"  > (and {len(change.evidence) - len(shown)} more)" if md
                             else f"      (and {len(change.evidence) - len(shown)} more)")
    return "\n".join(lines) + "\n"


def _actor_line(actor: ActorRef, mark: str, md: bool) -> str:
    if md:
        return f"- {'added' if mark == '+' else 'removed'}: **{actor.name}** ({actor.type}) <{actor.iri}>"
    return f"  {mark} {actor.name} ({actor.type})  {actor.iri}"


def _relation_line(change: RelationChange, mark: str, md: bool) -> str:
    modality = (f"{', '.join(change.before)} -> {', '.join(change.after)}" if mark == "~"
                else ", ".join(change.after if mark == "+" else change.before))
    if md:
        word = {"+": "added", "-": "removed", "~": "changed"}[mark]
        return f"- {word}: **{change.subject}** {change.relation} **{change.object}** ({modality})"
    return f"  {mark} {change.subject} {change.relation} {change.object} ({modality})"
