"""Importers on damaged files: a map that checks without errors, or FormatError — never anything else.

(argmap JSON is read as it is, not repaired: a damaged one gives a map that parses, whose mistakes
``argmap check`` reports.)

Each sample is damaged the way real files are: JSON with a value deleted or
replaced by another type, XML with an attribute or element removed or changed,
text with lines dropped, swapped or garbled. Whatever the importer makes of it
must parse and resolve without errors (argmap's own rules: no unknown ids, no
circles of support, no self-support, one main conclusion at most).
"""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

import argmap
from argmap import formats

from .conftest import SAMPLES

JSONS = sorted(p for p in SAMPLES.glob("*/*.json") if ".expected" not in p.name)
XMLS = sorted(SAMPLES.glob("microtexts/*.xml"))
KIALOS = sorted(p for p in SAMPLES.glob("kialo/*.txt") if ".expected" not in p.name)
FORMAT = {"json": formats.Format.JSON, "aif": formats.Format.AIF, "ova2": formats.Format.AIF, "ova3": formats.Format.AIF,
          "argdown": formats.Format.ARGDOWN}

values = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 40) | st.text(max_size=8) | st.sampled_from(["I", "RA", "CA", "1", "20"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=5), inner, max_size=3),
    max_leaves=6,
)


def _places(node: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    found = [path]
    if isinstance(node, dict):
        for key, value in node.items():
            found += _places(value, (*path, key))
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += _places(value, (*path, index))
    return found


def _damage_json(document: Any, data: st.DataObject) -> Any:
    for _ in range(data.draw(st.integers(1, 4))):
        places = [p for p in _places(document) if p]
        if not places:
            break
        path = data.draw(st.sampled_from(places))
        parent = document
        for step in path[:-1]:
            parent = parent[step]
        if data.draw(st.booleans()) and isinstance(parent, dict):
            del parent[path[-1]]
        elif isinstance(parent, list) and data.draw(st.booleans()):
            parent.insert(path[-1], parent[path[-1]])  # a duplicated node, edge or member
        else:
            parent[path[-1]] = data.draw(values)
    return document


def _imports_cleanly_or_fails_with_a_message(data: bytes, name: str, fmt: formats.Format) -> None:
    try:
        conversion = formats.read_data(data, name, fmt)
    except formats.FormatError as exc:
        assert str(exc).startswith(f"{name}: ")
        return
    amap = argmap.resolve(argmap.parse(conversion.text, "fuzz.arg"), check_source=False)
    if fmt is not formats.Format.JSON:  # argmap JSON says what a map says, errors too; importers repair
        assert amap.errors == (), [d.message for d in amap.errors]


@pytest.mark.slow
@given(st.sampled_from(JSONS), st.data())
def test_damaged_json_imports_cleanly_or_fails_with_a_message(path: Path, data: st.DataObject) -> None:
    """argmap, AIF, OVA and Argdown JSON with values deleted, duplicated or retyped: a clean map or a FormatError."""
    document = _damage_json(json.loads(path.read_text(encoding="utf-8")), data)
    _imports_cleanly_or_fails_with_a_message(json.dumps(document).encode("utf-8"), "fuzz.json", FORMAT[path.parent.name])


@pytest.mark.slow
@given(st.sampled_from(XMLS), st.data())
def test_damaged_microtexts_import_cleanly_or_fail_with_a_message(path: Path, data: st.DataObject) -> None:
    """arggraph XML with attributes removed or changed and elements dropped: a clean map or a FormatError."""
    root = ET.fromstring(path.read_bytes())
    children = list(root)
    for _ in range(data.draw(st.integers(1, 4))):
        element = data.draw(st.sampled_from(children))
        action = data.draw(st.sampled_from(["drop", "unset", "set"]))
        if action == "drop" and element in list(root):
            root.remove(element)
        elif action == "unset" and element.attrib:
            del element.attrib[data.draw(st.sampled_from(sorted(element.attrib)))]
        else:
            name = data.draw(st.sampled_from(["id", "src", "trg", "type", "implicit"]))
            element.set(name, data.draw(st.sampled_from(["a1", "a2", "c1", "c2", "e1", "j1", "und", "add", "sup",
                                                         "reb", "seg", "opp", "true", "x"])))
    _imports_cleanly_or_fails_with_a_message(ET.tostring(root), "fuzz.xml", formats.Format.MICROTEXTS)


@pytest.mark.slow
@given(st.sampled_from(KIALOS), st.data())
def test_damaged_kialo_exports_import_cleanly_or_fail_with_a_message(path: Path, data: st.DataObject) -> None:
    """Kialo exports with lines dropped, duplicated, swapped or replaced: a clean map or a FormatError."""
    lines = path.read_text(encoding="utf-8").splitlines()
    for _ in range(data.draw(st.integers(1, 4))):
        i = data.draw(st.integers(0, len(lines) - 1))
        j = data.draw(st.integers(0, len(lines) - 1))
        action = data.draw(st.sampled_from(["drop", "duplicate", "swap", "text"]))
        if action == "drop" and len(lines) > 1:
            del lines[i]
        elif action == "duplicate":
            lines.insert(j, lines[i])
        elif action == "swap":
            lines[i], lines[j] = lines[j], lines[i]
        else:
            lines[i] = data.draw(st.sampled_from(["1.", "1.1. Pro:", "1.1. Con: -> See 1.", "1.9.9. Pro: x",
                                                  "1.1. Pro: -> See 1.1.", "Discussion Title:", "2. x"]))
    _imports_cleanly_or_fails_with_a_message("\n".join(lines).encode("utf-8"), "fuzz.txt", formats.Format.KIALO)
