"""The data files kg ships in `ontology/`, found and read: where a file is, its YAML (safe types
only, checked against a pydantic schema), its numbered lines. Every problem is a
`RuleFileError` naming the file (and the line, where there is one).

`KG_ONTOLOGY`, when set, names a folder that replaces the shipped `ontology/` as a whole: a
copy of it with a relation added or a language's words changed."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, TypeVar

import yaml

from kg.errors import RuleFileError

__all__ = ["data_path", "read_yaml_file", "read_yaml_mapping", "checked", "data_lines", "two_columns"]

Schema = TypeVar("Schema")

_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser: the same data, six times faster


def data_path(name: str) -> Path:
    """Where a shipped data file is: in $KG_ONTOLOGY when set, else `ontology/` in a checkout,
    `kg/ontology/` when installed."""
    override = os.environ.get("KG_ONTOLOGY")
    package = Path(__file__).resolve().parent
    folders = [Path(override)] if override else [package.parent / "ontology", package / "ontology"]
    for folder in folders:
        if (folder / name).exists():
            return folder / name
    where = f"from KG_ONTOLOGY ({override})" if override else "from the installation"
    raise RuleFileError(name, f"data file is missing {where}")


def read_yaml_file(path: str | Path) -> Any:
    """The YAML document in a data file (safe types only; None when empty)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as err:
        raise RuleFileError(str(path), f"cannot read: {err.strerror or err}") from None
    except UnicodeDecodeError:
        raise RuleFileError(str(path), "not UTF-8 text") from None
    try:
        return yaml.load(text, Loader=_YAML_LOADER)  # noqa: S506 - a safe loader
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        reason = getattr(err, "problem", None) or str(err).splitlines()[0]
        raise RuleFileError(str(path), f"not valid YAML: {reason}", line) from None


def read_yaml_mapping(path: str | Path) -> dict[str, Any]:
    data = read_yaml_file(path)
    if not isinstance(data, dict):
        raise RuleFileError(str(path), "expected a mapping at the top level")
    return data


def checked(schema: type[Schema], data: Any, path: str | Path) -> Schema:
    """`data` as an instance of a pydantic model, or a RuleFileError saying where it is wrong."""
    import pydantic

    try:
        return schema.model_validate(data)  # type: ignore[attr-defined]
    except pydantic.ValidationError as err:
        first = err.errors()[0]
        message = str(first["ctx"]["error"]) if first["type"] == "value_error" else first["msg"]
        where = ".".join(str(part) for part in first["loc"])
        raise RuleFileError(str(path), f"{where}: {message}" if where else message) from None


def data_lines(path: Path) -> list[tuple[int, str]]:
    """The numbered lines of a text data file, without blank and comment lines."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as err:
        raise RuleFileError(str(path), f"cannot read: {err.strerror}") from None
    except UnicodeDecodeError:
        raise RuleFileError(str(path), "not UTF-8 text") from None
    return [(n, line) for n, line in enumerate(lines, 1) if line.strip() and not line.startswith("#")]


def two_columns(path: Path, what: str) -> dict[str, str]:
    pairs = {}
    for lineno, line in data_lines(path):
        columns = line.split("\t")
        if len(columns) != 2 or not all(c.strip() for c in columns):
            raise RuleFileError(str(path), f"a line needs {what}, tab-separated", lineno)
        pairs[columns[0].strip()] = columns[1].strip()
    return pairs
