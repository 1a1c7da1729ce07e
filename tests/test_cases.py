"""Data-driven cases: one .arg file per case, its expected diagnostics written in it.

Folders under tests/cases/:

- ``valid/``: files that must parse and resolve with no diagnostics at all,
  except those annotated.
- ``syntax/``: files that must fail to parse with exactly the annotated error.
- ``resolve/``: files that parse, whose resolver findings must be exactly the
  annotated ones.

Cases under a ``grounding/`` folder have their source texts beside them and
are checked against them; elsewhere the header's ``source:`` is not read
(those cases are about structure, and quote matching has its own tests).
Likewise the claim-writing checks (C codes) run only under a ``lint/`` folder.

An annotation is a comment on the line where the diagnostic must point:
``# E: N001`` (or ``# W:``, ``# N:`` for warnings and notes), optionally with
the column: ``# E: N001 @7``. Several codes on one line: ``# E: N001 # W: G005``.
Where a comment cannot stand on the line (an empty file, a file that must end
without a newline), a sidecar file ``NAME.expect`` lists ``LINE:COL CODE`` or
``LINE CODE`` lines. Binary cases (not UTF-8) are ``.argbin`` files.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import argmap
from argmap.core.codes import REGISTRY
from argmap.core.diagnostics import Diagnostic, Severity
from argmap.language.parser import decode

CASES = Path(__file__).parent / "cases"
_ANNOTATION = re.compile(r"#\s*([EWN]):\s*([A-Z]\d{3})(?:\s*@(\d+))?")
_SEVERITY = {"E": Severity.ERROR, "W": Severity.WARNING, "N": Severity.NOTE}

Expected = tuple[int, "int | None", str, Severity]


def _expectations(path: Path, text: str) -> list[Expected]:
    expected: list[Expected] = []
    for number, line in enumerate(text.split("\n"), start=1):
        for letter, code, column in _ANNOTATION.findall(line):
            expected.append((number, int(column) if column else None, code, _SEVERITY[letter]))
    sidecar = path.with_suffix(".expect")
    if sidecar.exists():
        for raw in sidecar.read_text(encoding="utf-8").splitlines():
            if not raw.strip() or raw.startswith("#"):
                continue
            where, code = raw.split()
            line, _, column = where.partition(":")
            severity = REGISTRY[code].severity
            expected.append((int(line), int(column) if column else None, code, severity))
    return expected


def _matches(expected: list[Expected], found: list[Diagnostic]) -> tuple[list[Expected], list[Diagnostic]]:
    missing = list(expected)
    extra = []
    for diagnostic in found:
        for item in missing:
            line, column, code, severity = item
            if (
                code == diagnostic.code
                and line == diagnostic.span.line
                and (column is None or column == diagnostic.span.column)
                and severity is diagnostic.severity
            ):
                missing.remove(item)
                break
        else:
            extra.append(diagnostic)
    return missing, extra


def _case_files(folder: str) -> list[Path]:
    root = CASES / folder
    return sorted(p for p in root.rglob("*") if p.suffix in (".arg", ".argbin"))


def _case_id(path: Path) -> str:
    return path.relative_to(CASES).with_suffix("").as_posix().split("/", 1)[1]


def _read(path: Path) -> str:
    return decode(path.read_bytes(), str(path))


def _resolve(path: Path, text: str) -> argmap.ArgumentMap:
    return argmap.resolve(
        argmap.parse(text, str(path)),
        check_source="grounding" in path.parts,
        lint="lint" in path.parts,
    )


@pytest.mark.parametrize("path", _case_files("valid"), ids=_case_id)
def test_valid_case_resolves_with_only_the_annotated_findings(path: Path) -> None:
    """A valid file parses, and the resolver reports exactly what is annotated (usually nothing)."""
    text = _read(path)
    amap = _resolve(path, text)
    missing, extra = _matches(_expectations(path, text), list(amap.diagnostics))
    assert not missing and not extra, (missing, [argmap.format_diagnostic(d, text) for d in extra])


@pytest.mark.parametrize("path", _case_files("syntax"), ids=_case_id)
def test_syntax_case_fails_with_the_annotated_error(path: Path) -> None:
    """A broken file raises one ArgmapSyntaxError with the annotated code, line and column."""
    data = path.read_bytes()
    if path.suffix == ".argbin":
        text = data.decode("utf-8", errors="replace")
    else:
        text = data.decode("utf-8-sig")
    expected = _expectations(path, text)
    assert len(expected) == 1, "a syntax case expects exactly one error"
    with pytest.raises(argmap.ArgmapSyntaxError) as caught:
        argmap.parse(decode(data, str(path)), str(path))
    missing, extra = _matches(expected, [caught.value.diagnostic])
    assert not missing and not extra, caught.value.format()
    formatted = caught.value.format()
    assert formatted.startswith(f"{path}:{caught.value.diagnostic.span.line}:")
    assert "^" in formatted


@pytest.mark.parametrize("path", _case_files("resolve"), ids=_case_id)
def test_resolve_case_reports_exactly_the_annotated_findings(path: Path) -> None:
    """A file with semantic problems parses, and the resolver reports exactly the annotations."""
    text = _read(path)
    expected = _expectations(path, text)
    assert expected, "a resolve case must expect at least one diagnostic"
    amap = _resolve(path, text)
    missing, extra = _matches(expected, list(amap.diagnostics))
    assert not missing and not extra, (missing, [argmap.format_diagnostic(d, text) for d in extra])
