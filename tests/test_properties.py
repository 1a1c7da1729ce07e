"""Property tests: on any input, the parser and resolver fail only in the project's own way.

Mutations of real files, through the whole pipeline to DOT, are in test_fuzz.py.
"""

from __future__ import annotations

from collections.abc import Callable

from hypothesis import example, given
from hypothesis import strategies as st

import argmap
from argmap.language.parser import decode

# Pieces of the language, so generated text is often almost valid: that is where bugs hide.
_PIECES = [
    "premise", "conclusion", "main", "assumption", "objection", "prediction", "a", "b", "c",
    ":", " ", "  ", "\t", "\n", "\r\n", "->", "-x", "+", ",", "(", ")", "#", "##", "\\", "\\#",
    "quote:", "status: open", "p: 1.5", "“", "—", "习近平", "\x00", "\r", "é", "<b>", "&",
]
_ALMOST_ARG = st.lists(st.sampled_from(_PIECES) | st.text(max_size=4), max_size=40).map("".join)


def _parse_or_syntax_error(text: str) -> None:
    try:
        document = argmap.parse(text, "fuzz.arg")
    except argmap.ArgmapSyntaxError as exc:
        diagnostic = exc.diagnostic
        assert diagnostic.code.startswith("S")
        assert 1 <= diagnostic.span.line <= text.count("\n") + 2
        assert diagnostic.span.column >= 1
        assert exc.format().startswith("fuzz.arg:")
        return
    amap = argmap.resolve(document)
    for diagnostic in amap.diagnostics:
        assert diagnostic.span.line >= 1 and diagnostic.span.column >= 1


@given(st.text())
@example("")
@example("\ufeff")
@example("premise a: x\n  \n")
@example("a -> (")
def test_arbitrary_text_raises_only_the_project_syntax_error(text: str) -> None:
    """Any Unicode text either parses and resolves, or raises ArgmapSyntaxError with a position."""
    _parse_or_syntax_error(text)


@given(_ALMOST_ARG)
def test_almost_valid_text_raises_only_the_project_syntax_error(text: str) -> None:
    """Text built from the language's own pieces never escapes as another exception."""
    _parse_or_syntax_error(text)


@given(st.binary(max_size=200))
def test_arbitrary_bytes_decode_or_report_s004(data: bytes) -> None:
    """Any bytes either decode as UTF-8 and parse, or give a project error with a position."""
    try:
        text = decode(data, "fuzz.arg")
    except argmap.ArgmapSyntaxError as exc:
        assert exc.diagnostic.code == "S004"
        return
    _parse_or_syntax_error(text)


def test_property_rules_report_as_check_properties() -> None:
    """PropertyRules.check, which remembers the values that passed, reports exactly what
    check_properties reports, for values met the first time and again."""
    from argmap.analysis.properties import PropertyRules, check_properties, kind_table
    from argmap.language.schema import LINK_PROPERTIES

    text = (
        "premise a: A.\n  kind: fact\n  quote: x\n  quote: y\n"
        "premise b: B.\n  kind: fact\n  kind: value\n"
        "premise c: C.\n  kind: nonsense\n  occurrence: 2\n"
        "premise d: D.\n  kind: fact\n  colour: red\n"
        "premise e: E.\n  note: \n  credence: 0.5\n  credence: 2\n"
        "prediction f: F.\n  made: 2024-02-30\n  deadline: 2030-12-31\n  status: confirmed\n"
        "prediction g: G.\n  made: 2024-02-01\n  deadline: 2030-12-31\n  status: open\n  p: 70%\n"
        "conclusion h: H.\n  deadline: 2030-12-31\n  KIND: fact\n"
        "a -> h\n  kind: example\n  weight: 2\nb -> h\n  weight: 0.5\n  note: fine\n"
    )
    document = argmap.parse(text)
    owners = [(kind_table()[claim.kind.value], claim.properties) for claim in document.claims]
    link_rules = PropertyRules("a link", LINK_PROPERTIES, None)
    owners += [(link_rules, link.properties) for link in document.links]
    for _ in range(2):
        for rules, properties in owners:
            expected: list[tuple[object, ...]] = []
            found: list[tuple[object, ...]] = []
            check_properties(rules.owner, properties, rules.allowed, rules.kind, _into(expected))
            rules.check(properties, _into(found))
            assert found == expected
    remembered = kind_table()["premise"].valid["kind"]
    assert remembered is not None and "fact" in remembered and "nonsense" not in remembered


def _into(found: list[tuple[object, ...]]) -> Callable[..., None]:
    """A report function that keeps what it is told."""
    return lambda *args: found.append(args)
