"""Every sample of every format imports to its golden map, with its golden warnings, and checks clean.

The samples (tests/formats/samples/, written for argmap from each format's
documentation; README.md there says what each covers) are the data: a new one
is a new case. For ``X.json`` the goldens are ``X.expected.arg``,
``X.expected-warnings.txt`` (one warning per line) and, when the input carries
the text, ``X.expected-source.txt``. ``pytest --update-goldens`` rewrites them;
review the diff. The argmap version in the first comment line is left out.
"""

from __future__ import annotations

import json
from pathlib import Path

import attrs
import pytest

import argmap
from argmap import formats
from tests.conftest import ROOT

from .conftest import SAMPLES

INPUTS = {"json": "*.json", "aif": "*.json", "ova2": "*.json", "ova3": "*.json", "argdown": "*.json", "microtexts": "*.xml",
          "kialo": "*.txt"}
CASES = sorted(
    path
    for folder, pattern in INPUTS.items()
    for path in (SAMPLES / folder).glob(pattern)
    if ".expected" not in path.name
)


def _golden(path: Path, what: str) -> Path:
    return path.with_name(path.name.rsplit(".", 1)[0] + f".expected{what}")


def _compare(golden: Path, actual: str | None, update: bool) -> None:
    if update:
        if actual is None:
            golden.unlink(missing_ok=True)
        else:
            golden.write_text(actual, encoding="utf-8")
        return
    if actual is None:
        assert not golden.exists(), f"{golden.name} is stale: nothing is produced for it now"
        return
    assert golden.exists(), f"no golden {golden.name}: run pytest --update-goldens and review it"
    assert actual == golden.read_text(encoding="utf-8")


def test_there_are_samples_of_every_format_argmap_reads() -> None:
    """The samples folder has cases for each format, so the tests below are not vacuous."""
    assert {path.parent.name for path in CASES} == set(INPUTS)


@pytest.mark.parametrize("path", CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_a_sample_imports_to_its_golden_map(path: Path, update_goldens: bool) -> None:
    """The .arg text, the warnings and the saved source text are exactly the reviewed goldens."""
    conversion = formats.read(path)
    text = conversion.text.replace(f"by argmap {argmap.__version__}.", "by argmap.")
    _compare(_golden(path, ".arg"), text, update_goldens)
    warnings = "".join(f"{warning}\n" for warning in conversion.warnings)
    _compare(_golden(path, "-warnings.txt"), warnings or None, update_goldens)
    source = conversion.source.text if conversion.source else None
    _compare(_golden(path, "-source.txt"), source, update_goldens)


@pytest.mark.parametrize("path", CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_an_imported_sample_checks_without_errors(path: Path, tmp_path: Path) -> None:
    """Written out with its source text, as the command does, the map passes argmap check (quotes found)."""
    conversion = formats.read(path)
    if conversion.source is not None:
        (tmp_path / conversion.source.name).write_text(conversion.source.text, encoding="utf-8")
    (tmp_path / "map.arg").write_text(conversion.text, encoding="utf-8")
    amap = argmap.check(str(tmp_path / "map.arg"))
    assert amap.errors == ()
    quoted = [claim for claim in amap.claims if claim.get("quote") is not None]
    if quoted:
        assert amap.grounding is not None and set(amap.grounding.matches) == {claim.id for claim in quoted}


@pytest.mark.parametrize("path", CASES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_the_records_of_a_conversion_are_what_its_text_says(path: Path) -> None:
    """Conversion.record is exactly what parsing Conversion.text gives (the comment lines aside)."""
    conversion = formats.read(path)
    parsed = formats.from_document(argmap.parse(conversion.text, "map.arg"))
    assert parsed == attrs.evolve(conversion.record, comments=())


def test_every_warning_of_the_aif_sample_names_its_node() -> None:
    """What AIF has and argmap cannot say (a preference, a rephrase, the dialogue layer) is reported, by node."""
    warnings = [str(w) for w in formats.read(SAMPLES / "aif" / "library.json").warnings]
    assert any("preferences" in w and w.endswith("(node 29)") for w in warnings)
    assert any("rephrase" in w and w.endswith("(node 30)") for w in warnings)
    assert any("dialogue layer (2 L, 3 YA, 1 TA nodes)" in w for w in warnings)


def test_the_argmap_json_example_in_the_docs_is_a_sample() -> None:
    """docs/formats.md shows argmap JSON with the very file the tests import (so the page stays true)."""
    page = (ROOT / "docs" / "formats.md").read_text(encoding="utf-8")
    shown = page[page.index("## argmap JSON") :].split("```json\n", 1)[1].split("```", 1)[0]
    assert json.loads(shown) == json.loads((SAMPLES / "json" / "trees.json").read_text(encoding="utf-8"))


def test_both_argdown_exports_give_the_same_map() -> None:
    """Argdown's JSON with the map (VS Code) and without it (argdown json) import to the same map."""
    with_map = formats.read(SAMPLES / "argdown" / "library.json").record
    without = formats.read(SAMPLES / "argdown" / "library.nomap.json").record
    assert with_map.claims == without.claims
    assert with_map.links == without.links
