"""The layout holds: one room per stage, only the command line prints, and start-up stays lean.

The layering and the absence of import cycles are checked by import-linter
(``lint-imports``, configured in pyproject.toml and run by scripts/test);
these tests check what import-linter cannot.
"""

from __future__ import annotations

import ast
import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import ROOT

PACKAGE = ROOT / "argmap"
MODULES = sorted(PACKAGE.rglob("*.py"))
STAGES = ("core", "language", "analysis", "drawing", "evaluation", "reading", "teaching", "editor", "formats", "cli")


def _name(path: Path) -> str:
    return ".".join(path.relative_to(ROOT).with_suffix("").parts)


def test_every_module_lives_in_a_stage_package() -> None:
    """Apart from the public API (__init__) and ``python -m argmap``, every module is in a stage's package."""
    loose = [path.name for path in PACKAGE.glob("*.py") if path.name not in ("__init__.py", "__main__.py")]
    assert loose == []
    packages = sorted(path.name for path in PACKAGE.iterdir() if path.is_dir() and (path / "__init__.py").exists())
    assert packages == sorted(STAGES)


def _calls(tree: ast.AST) -> list[tuple[str, int]]:
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Call):
            function = node.func
            if isinstance(function, ast.Name) and function.id in ("print", "exit", "quit"):
                found.append((function.id, node.lineno))
            elif (
                isinstance(function, ast.Attribute)
                and function.attr in ("exit", "_exit")
                and isinstance(function.value, ast.Name)
                and function.value.id in ("sys", "os")
            ):
                found.append((f"{function.value.id}.{function.attr}", node.lineno))
    return found


def test_only_the_command_line_prints_or_exits() -> None:
    """Library code returns results and raises its own errors; printing and exit statuses are the cli's."""
    offenders = [
        f"{_name(path)}:{line}: {call}"
        for path in MODULES
        if not _name(path).startswith("argmap.cli") and path.name != "__main__.py"
        for call, line in _calls(ast.parse(path.read_text(encoding="utf-8")))
    ]
    assert offenders == []


def test_the_check_finds_a_print_it_should() -> None:
    """The scan above sees the calls it looks for (it is not vacuous)."""
    calls = _calls(ast.parse("print('x')\nimport sys\nsys.exit(1)\nos._exit(0)\n"))
    assert [call for call, _ in calls] == ["print", "sys.exit", "os._exit"]


def test_no_class_passes_300_lines() -> None:
    """Large classes were split where a piece had a name of its own; keep them that size."""
    long_classes = [
        f"{_name(path)}.{node.name}: {node.end_lineno - node.lineno + 1} lines"
        for path in MODULES
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8")))
        if isinstance(node, ast.ClassDef) and node.end_lineno is not None and node.end_lineno - node.lineno + 1 > 300
    ]
    assert long_classes == []


_PROBE = """
import io, json, sys
from argmap.cli import main
status = main(["check", sys.argv[1]], io.StringIO(), io.StringIO())
print(json.dumps({"status": status, "modules": sorted(sys.modules)}))
"""


@pytest.mark.parametrize(
    ("text", "absent"),
    [
        # A plain file is read by the fast scanner: no Lark, no Graphviz, no teaching or reading view.
        (
            "main conclusion c: Cities should plant trees.\npremise a: Trees cool streets.\na -> c\n",
            ["lark", "graphviz", "argmap.drawing", "argmap.teaching", "argmap.reading", "argmap.formats",
             "argmap.analysis.grounding", "argmap.editor", "argmap.evaluation", "argmap.language.incremental"],
        ),
        # A syntax error needs Lark's parser, still nothing that draws or teaches.
        ("premis a: Trees cool streets.\n", ["graphviz", "argmap.drawing", "argmap.teaching", "argmap.reading"]),
    ],
)
def test_check_loads_only_what_it_needs(tmp_path: Path, text: str, absent: list[str]) -> None:
    """``argmap check`` imports no stage it does not use: start-up time is what every command pays."""
    path = tmp_path / "map.arg"
    path.write_text(text, encoding="utf-8")
    done = subprocess.run(
        [sys.executable, "-c", _PROBE, str(path)], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    report = json.loads(done.stdout)
    loaded = [name for name in report["modules"] if any(name == a or name.startswith(a + ".") for a in absent)]
    assert loaded == []
    assert "argmap.analysis.check" in report["modules"]


def test_the_architecture_page_is_true() -> None:
    """docs/architecture.md names every package, and every file it names exists."""
    page = (ROOT / "docs" / "architecture.md").read_text(encoding="utf-8")
    for stage in STAGES:
        assert f"{stage}/" in page or f"`{stage}`" in page, stage
    named = set(re.findall(r"`((?:[a-z]+/)?[a-z_]+\.(?:py|lark|toml))`", page))
    assert named, "the page names files"
    missing = []
    for name in sorted(named):
        candidates = [ROOT / name, PACKAGE / name, *(PACKAGE / stage / name for stage in STAGES)]
        if not any(candidate.exists() for candidate in candidates):
            missing.append(name)
    assert missing == []
