"""The documentation cannot drift from the code: the diagnostics page and the registry."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from argmap.cli.codes import render_markdown, run_example
from argmap.core.codes import REGISTRY
from argmap.core.diagnostics import Severity

from .conftest import ROOT


def test_diagnostics_page_is_generated_from_the_registry() -> None:
    """docs/diagnostics.md equals what `argmap codes --markdown` prints now."""
    page = (ROOT / "docs" / "diagnostics.md").read_text(encoding="utf-8")
    assert page == render_markdown(), "run: argmap codes --markdown > docs/diagnostics.md"


@pytest.mark.parametrize("code", [c for c in REGISTRY if REGISTRY[c].bad], ids=str)
def test_each_bad_example_produces_its_code_and_the_fix_is_clean(code: str) -> None:
    """Every documented bad example triggers its code; its fix has no error or warning, nor that code."""
    entry = REGISTRY[code]
    assert code in [found for found, _ in run_example(entry.bad, entry.files)]
    left = [found for found, _ in run_example(entry.fix, entry.files)]
    assert code not in left
    assert all(REGISTRY[found].severity is Severity.NOTE for found in left), left


def test_codes_are_well_formed_and_names_unique() -> None:
    """Codes look like S001 and every name is a unique kebab-case word."""
    names = [entry.name for entry in REGISTRY.values()]
    assert len(set(names)) == len(names)
    for code, entry in REGISTRY.items():
        assert re.fullmatch(r"[A-Z]\d{3}", code)
        assert re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", entry.name)
        assert entry.summary.endswith(".")
        assert isinstance(entry.severity, Severity)


def test_every_code_the_source_reports_is_registered() -> None:
    """A code used in argmap/ but missing from the registry would crash at run time."""
    used: set[str] = set()
    for path in (ROOT / "argmap").rglob("*.py"):
        used.update(re.findall(r"\"([SNGHKFQPCT]\d{3})\"", path.read_text(encoding="utf-8")))
    assert used <= set(REGISTRY), used - set(REGISTRY)


def test_language_reference_mentions_every_kind_and_property() -> None:
    """docs/language.md documents every claim kind, property and header field."""
    from argmap.core.model import ClaimKind
    from argmap.language.schema import CLAIM_PROPERTIES, HEADER_FIELDS, LINK_PROPERTIES

    page = (ROOT / "docs" / "language.md").read_text(encoding="utf-8")
    for word in [k.value for k in ClaimKind] + list(CLAIM_PROPERTIES) + list(HEADER_FIELDS) + list(LINK_PROPERTIES):
        assert f"`{word}`" in page, word


_LINK = re.compile(r"!?\[[^\]]*\]\(([^)\s]+)(?:\s+\"[^\"]*\")?\)")


def _tracked() -> set[str]:
    import subprocess

    listed = subprocess.run(["git", "ls-files", "-z"], cwd=ROOT, capture_output=True, check=True).stdout
    return {name for name in listed.decode("utf-8").split("\0") if name}


def test_every_image_and_link_in_the_docs_is_in_git() -> None:
    """Every relative image and link in README.md and docs/ names a file (or folder) git tracks.

    A .gitignore pattern once hid the README's picture of the worked example.
    """
    tracked = _tracked()
    folders = {str(Path(name).parent) for name in tracked} | {
        str(parent) for name in tracked for parent in Path(name).parents
    }
    missing = []
    pages = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
    assert len(pages) > 5
    for page in pages:
        for target in _LINK.findall(page.read_text(encoding="utf-8")):
            if re.match(r"[a-z]+:", target) or target.startswith("#"):
                continue
            path = (page.parent / target.split("#")[0]).resolve()
            name = str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)
            if name not in tracked and name.rstrip("/") not in folders:
                missing.append(f"{page.relative_to(ROOT)}: {target}")
    assert missing == []
