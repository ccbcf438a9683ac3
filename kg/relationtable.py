"""The relation table (`ontology/relations.yaml`): every relation kg writes, with its label,
class, symmetry, CAMEO and PLOVER codes and the constructions it takes part in, declared once.
The model's `Relation` enum is made from it, and so is everything else that lists relations."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field, model_validator

from kg.datafiles import checked, data_path, read_yaml_mapping

__all__ = ["RelationClass", "RelationSpec", "RelationTable", "relation_table"]

NAME = re.compile(r"[a-z][A-Za-z0-9]*")  # a local name of the kg namespace, as the graph writes it
Role = Literal["meeting", "member", "leader", "opposition", "demand"]


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class RelationClass(_Strict):
    label: str
    colour: str = Field(pattern=r"^#[0-9A-Fa-f]{6}$")
    sign: int = Field(default=0, ge=-1, le=1)  # for camps: 1 a tie, -1 enmity, 0 neither


class RelationSpec(_Strict):
    label: str
    relation_class: str = Field(alias="class")
    symmetric: bool = False
    event: bool = False
    topic: bool = False
    stance: bool = False
    mutual: bool = False
    construction: str | None = None  # checked against the constructions when rules are loaded
    cameo: tuple[str, ...] = ()
    plover: tuple[str, ...] = ()
    scored_as: str | None = None
    gold_names: tuple[str, ...] = ()


class RelationTable(_Strict):
    classes: dict[str, RelationClass]
    relations: dict[str, RelationSpec]
    roles: dict[Role, str]

    @model_validator(mode="after")
    def _consistent(self) -> "RelationTable":
        for name, spec in self.relations.items():
            if not NAME.fullmatch(name):
                raise ValueError(f"relation {name!r}: a name is a letter then letters or digits, starting lower-case")
            if spec.relation_class not in self.classes:
                raise ValueError(f"relation {name}: unknown class {spec.relation_class!r}")
            if spec.scored_as is not None and spec.scored_as not in self.relations:
                raise ValueError(f"relation {name}: scored_as names no relation ({spec.scored_as!r})")
        for role in get_args(Role):
            if self.roles.get(role) not in self.relations:  # type: ignore[call-overload]
                raise ValueError(f"roles: {role} must name a relation of the table")
        return self

    def scored_name(self, name: str) -> str | None:
        """The relation `kg eval` counts a relation name (of kg or of a gold file) as, if any."""
        for relation, spec in self.relations.items():
            if name == relation or name in spec.gold_names:
                return spec.scored_as or relation
        return None


@lru_cache(maxsize=1)
def relation_table() -> RelationTable:
    path = data_path("relations.yaml")
    return checked(RelationTable, read_yaml_mapping(path), path)
