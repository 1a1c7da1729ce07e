"""The grammar, the reading view's page files and argmap JSON's schema travel with the package: a built wheel contains and loads them."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

import argmap
from argmap.language.grammar import grammar_path

from .conftest import ROOT


def test_source_checkout_uses_the_top_level_grammar() -> None:
    """From this checkout (editable install), the grammar is grammars/argmap.lark at the top."""
    assert grammar_path() == ROOT / "grammars" / "argmap.lark"


@pytest.mark.slow
def test_wheel_contains_the_grammar_and_parses_from_it(tmp_path: Path) -> None:
    """A wheel built from this tree has argmap/grammars/argmap.lark and parses with it, away from the source."""
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(tmp_path / "dist"), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = (tmp_path / "dist").glob("argmap-*.whl")
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        assert "argmap/grammars/argmap.lark" in names
        assert archive.read("argmap/grammars/argmap.lark") == (ROOT / "grammars" / "argmap.lark").read_bytes()
        for name in ("page.html", "view.css", "view.js"):
            assert archive.read(f"argmap/reading/{name}") == (ROOT / "argmap" / "reading" / name).read_bytes()
        schema = "argmap/formats/argmap-map.schema.json"  # argmap JSON's schema, read by formats.jsonmap.schema()
        assert archive.read(schema) == (ROOT / schema).read_bytes()
        archive.extractall(tmp_path / "site")
    probe = (
        "import argmap, argmap.language.grammar as g;"
        "print(g.grammar_path());"
        "print(argmap.resolve(argmap.parse('main conclusion c: C.\\npremise a: A.\\na -> c\\n')).ok);"
        "print(argmap.__version__);"
        "import argmap.reading.view as v; print(v.__file__)"
    )
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "site")}
    completed = subprocess.run(
        [sys.executable, "-I", "-c", f"import sys; sys.path.insert(0, {str(tmp_path / 'site')!r}); {probe}"],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
        env=env,
    )
    where, ok, version, view = completed.stdout.split()
    assert Path(where) == tmp_path / "site" / "argmap" / "grammars" / "argmap.lark"
    assert ok == "True"
    assert version == argmap.__version__
    assert Path(view) == tmp_path / "site" / "argmap" / "reading" / "view.py"  # its page files were found beside it
