"""argmap JSON: everything an ``.arg`` file says, as JSON (schema ``argmap-map.schema.json``).

The format, version 1 (docs/formats.md has the reference)::

    {"format": "argmap", "version": 1,
     "header": [{"key": "title", "value": "Street trees"}],
     "sections": [{"title": "Reasons", "level": 1, "parent": null}],
     "claims": [{"id": "c", "kind": "conclusion", "main": true, "text": "…",
                 "section": 0, "properties": [{"key": "quote", "value": "…"}]}],
     "links": [{"type": "support", "sources": ["a", "b"], "linked": true, "target": "c",
                "label": null, "properties": []},
               {"type": "attack", "sources": ["u"], "linked": false,
                "target": {"type": "support", "sources": ["a", "b"], "linked": true, "target": "c"}}]}

A link's ``target`` is a claim id, or for an undercut the inference it attacks,
nested as the ``.arg`` writes it in parentheses. Lists keep the file's order;
``.arg`` → JSON → ``.arg`` gives the same records
(:func:`~argmap.formats.records.from_document`). Reading checks the shape and
that every id a link names is a claim's (and that no claim or heading is
empty, which ``.arg`` cannot write); what a map means (circles, kinds that
take a property) is left to ``argmap check``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from importlib import resources
from typing import Any

from argmap.core.model import ClaimKind, LinkType

from .arg import is_claim_id
from .records import ClaimRecord, LinkRecord, MapRecord, Pairs, SectionRecord, StepRecord
from .result import FormatError, load_json

__all__ = ["FORMAT_NAME", "VERSION", "from_json", "read_json", "schema", "to_json", "write_json"]

FORMAT_NAME = "argmap"
VERSION = 1
"""The version this code writes and reads. A later version reads version 1 files."""

_TYPES = {LinkType.SUPPORT: "support", LinkType.ATTACK: "attack"}
_TYPE_BY_NAME = {name: link_type for link_type, name in _TYPES.items()}
_KINDS = {kind.value: kind for kind in ClaimKind}
_KEY = re.compile(r"[^\W\d][\w-]*")
"""A property or header key, as the grammar's KEY has it."""


def schema() -> dict[str, Any]:
    """The JSON Schema of the format (draft 2020-12), as shipped in the package."""
    text = resources.files(__package__).joinpath("argmap-map.schema.json").read_text(encoding="utf-8")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


def _pairs(pairs: Pairs) -> list[dict[str, str]]:
    return [{"key": key, "value": value} for key, value in pairs]


def _target(target: str | StepRecord) -> str | dict[str, Any]:
    if isinstance(target, str):
        return target
    return {
        "type": _TYPES[target.type],
        "sources": list(target.sources),
        "linked": target.linked,
        "target": _target(target.target),
    }


def to_json(record: MapRecord) -> dict[str, Any]:
    """The map as a JSON-ready dictionary."""
    return {
        "format": FORMAT_NAME,
        "version": VERSION,
        "header": _pairs(record.header),
        "sections": [{"title": s.title, "level": s.level, "parent": s.parent} for s in record.sections],
        "claims": [
            {
                "id": c.id,
                "kind": c.kind.value,
                "main": c.main,
                "text": c.text,
                "section": c.section,
                "properties": _pairs(c.properties),
            }
            for c in record.claims
        ],
        "links": [
            {
                "type": _TYPES[link.type],
                "sources": list(link.sources),
                "linked": link.linked,
                "target": _target(link.target),
                "label": link.label,
                "properties": _pairs(link.properties),
            }
            for link in record.links
        ],
    }


def write_json(record: MapRecord) -> str:
    """The map as argmap JSON text (two-space indent, UTF-8 characters as they are)."""
    return json.dumps(to_json(record), ensure_ascii=False, indent=2) + "\n"


class _Reader:
    """Checks a loaded JSON document field by field; every problem is a FormatError naming the field."""

    def __init__(self, path: str) -> None:
        self.path = path

    def fail(self, where: str, problem: str) -> FormatError:
        return FormatError(self.path, f"{where}: {problem}")

    def obj(self, value: object, where: str, required: tuple[str, ...], optional: tuple[str, ...] = ()) -> Mapping[str, Any]:
        if not isinstance(value, dict):
            raise self.fail(where, f"expected an object, found {_kind(value)}")
        for key in required:
            if key not in value:
                raise self.fail(where, f"the object has no '{key}'")
        unknown = [key for key in value if key not in required and key not in optional]
        if unknown:
            raise self.fail(where, f"unknown field '{unknown[0]}'")
        return value

    def array(self, value: object, where: str) -> list[Any]:
        if not isinstance(value, list):
            raise self.fail(where, f"expected an array, found {_kind(value)}")
        return value

    def string(self, value: object, where: str) -> str:
        if not isinstance(value, str):
            raise self.fail(where, f"expected a string, found {_kind(value)}")
        return value

    def boolean(self, value: object, where: str) -> bool:
        if not isinstance(value, bool):
            raise self.fail(where, f"expected true or false, found {_kind(value)}")
        return value

    def index(self, value: object, where: str, below: int) -> int | None:
        if value is None:
            return None
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < below:
            raise self.fail(where, f"expected null or a section number from 0 to {below - 1}, found {json.dumps(value)}")
        return value

    def pairs(self, value: object, where: str) -> Pairs:
        result = []
        for n, item in enumerate(self.array(value, where)):
            here = f"{where}[{n}]"
            pair = self.obj(item, here, ("key", "value"))
            key = self.string(pair["key"], here + ".key")
            if not _KEY.fullmatch(key):
                raise self.fail(here + ".key", f"'{key}' is not a property name")
            result.append((key, self.string(pair["value"], here + ".value")))
        return tuple(result)

    def link_type(self, value: object, where: str) -> LinkType:
        name = self.string(value, where)
        if name not in _TYPE_BY_NAME:
            raise self.fail(where, f"'{name}' is not 'support' or 'attack'")
        return _TYPE_BY_NAME[name]

    def sources(self, value: object, where: str, ids: set[str]) -> tuple[str, ...]:
        items = self.array(value, where)
        if not items:
            raise self.fail(where, "a link needs at least one source")
        return tuple(self.known(item, f"{where}[{n}]", ids) for n, item in enumerate(items))

    def known(self, value: object, where: str, ids: set[str]) -> str:
        name = self.string(value, where)
        if name not in ids:
            raise self.fail(where, f"no claim has the id '{name}'")
        return name

    def target(self, value: object, where: str, ids: set[str], depth: int = 0) -> str | StepRecord:
        if isinstance(value, str):
            return self.known(value, where, ids)
        if depth > 100:
            raise self.fail(where, "undercuts are nested more than 100 deep")
        step = self.obj(value, where, ("type", "sources", "linked", "target"))
        return StepRecord(
            self.sources(step["sources"], where + ".sources", ids),
            self.boolean(step["linked"], where + ".linked"),
            self.link_type(step["type"], where + ".type"),
            self.target(step["target"], where + ".target", ids, depth + 1),
        )


def _kind(value: object) -> str:
    if value is None:
        return "null"
    return {bool: "a boolean", int: "a number", float: "a number", str: "a string", list: "an array",
            dict: "an object"}.get(type(value), type(value).__name__)


def from_json(data: object, path: str = "<json>") -> MapRecord:
    """The map in a loaded argmap JSON document; :class:`FormatError` when it is not one."""
    read = _Reader(path)
    top = read.obj(data, "the document", ("format", "version", "claims"), ("header", "sections", "links"))
    if top["format"] != FORMAT_NAME:
        raise read.fail("format", f"expected \"{FORMAT_NAME}\", found {json.dumps(top['format'])}")
    version = top["version"]
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise read.fail("version", f"expected a whole number, found {json.dumps(version)}")
    if version > VERSION:
        raise read.fail("version", f"this file is version {version}; this argmap reads version {VERSION}: upgrade argmap")
    header = read.pairs(top.get("header", []), "header")
    sections: list[SectionRecord] = []
    stack: list[int] = []  # the open sections, as the .arg parser keeps them
    for n, item in enumerate(read.array(top.get("sections", []), "sections")):
        here = f"sections[{n}]"
        section = read.obj(item, here, ("title", "level"), ("parent",))
        level = section["level"]
        if isinstance(level, bool) or not isinstance(level, int) or level < 1:
            raise read.fail(here + ".level", f"expected a whole number from 1 up, found {json.dumps(level)}")
        parent = read.index(section.get("parent"), here + ".parent", n)
        while stack and sections[stack[-1]].level >= level:
            stack.pop()
        enclosing = stack[-1] if stack else None
        if parent != enclosing:
            raise read.fail(here + ".parent", f"expected {json.dumps(enclosing)}: a section's parent is the last "
                            "section before it with a lower level")
        stack.append(n)
        title = read.string(section["title"], here + ".title")
        if not title.strip():
            raise read.fail(here + ".title", "a heading needs a title")
        sections.append(SectionRecord(title, level, parent))
    claims: list[ClaimRecord] = []
    ids: set[str] = set()
    for n, item in enumerate(read.array(top["claims"], "claims")):
        here = f"claims[{n}]"
        claim = read.obj(item, here, ("id", "kind", "text"), ("main", "section", "properties"))
        claim_id = read.string(claim["id"], here + ".id")
        if not is_claim_id(claim_id):
            raise read.fail(here + ".id", f"'{claim_id}' is not a claim id (letters, digits, _ and inner hyphens; not a keyword)")
        if claim_id in ids:
            raise read.fail(here + ".id", f"a second claim with the id '{claim_id}'")
        ids.add(claim_id)
        kind_name = read.string(claim["kind"], here + ".kind")
        if kind_name not in _KINDS:
            raise read.fail(here + ".kind", f"'{kind_name}' is not a claim kind ({', '.join(_KINDS)})")
        text = read.string(claim["text"], here + ".text")
        if not text.strip():
            raise read.fail(here + ".text", "a claim needs text")
        claims.append(
            ClaimRecord(
                claim_id,
                _KINDS[kind_name],
                text,
                read.boolean(claim.get("main", False), here + ".main"),
                read.pairs(claim.get("properties", []), here + ".properties"),
                read.index(claim.get("section"), here + ".section", len(sections)),
            )
        )
    links: list[LinkRecord] = []
    for n, item in enumerate(read.array(top.get("links", []), "links")):
        here = f"links[{n}]"
        link = read.obj(item, here, ("type", "sources", "target"), ("linked", "label", "properties"))
        label = link.get("label")
        links.append(
            LinkRecord(
                read.sources(link["sources"], here + ".sources", ids),
                read.boolean(link.get("linked", False), here + ".linked"),
                read.link_type(link["type"], here + ".type"),
                read.target(link["target"], here + ".target", ids),
                None if label is None else read.string(label, here + ".label"),
                read.pairs(link.get("properties", []), here + ".properties"),
            )
        )
    # Claims in the order .arg writes them: under their sections (a stable sort keeps the rest).
    claims.sort(key=lambda claim: -1 if claim.section is None else claim.section)
    return MapRecord(header, tuple(sections), tuple(claims), tuple(links))


def read_json(data: bytes | str, path: str = "<json>") -> MapRecord:
    """Parse argmap JSON; :class:`FormatError` for bad JSON or a bad document."""
    return from_json(load_json(data.encode("utf-8") if isinstance(data, str) else data, path), path)
