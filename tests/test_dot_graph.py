"""The drawing's own DOT writer and text wrapping give what the slower ways gave.

:class:`argmap.drawing.graph.Graph` must write the statements :class:`graphviz.Digraph`
writes, byte for byte (the goldens in tests/golden were made with the package), and
:func:`balanced_wrap`, which now counts lines instead of re-wrapping, must choose the
lines the bisection by re-wrapping chose.
"""

from __future__ import annotations

import html
import warnings

import graphviz
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from argmap.drawing.graph import Form, Graph, quote
from argmap.drawing.labels import Wrapping, balanced_wrap, esc, visible, wrap

_PIECES = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        ["<", ">", "<b>x</b>", '"', '\\"', "\\\\", "\\", "\n", "node", "Graph", "-4.2", ".5", "a:b", "a:b:n", "_x1", "é"]
    ),
)
_STRINGS = st.lists(_PIECES, max_size=6).map("".join)


@settings(max_examples=2000, deadline=None)
@given(_STRINGS, st.booleans())
def test_quote_is_the_packages_quote(text: str, no_html: bool) -> None:
    """Asked twice (the second answer may come from the cache), quote gives what graphviz's quote gives, warnings included."""
    value = graphviz.nohtml(text) if no_html else text
    with warnings.catch_warnings(record=True) as theirs_warned:
        warnings.simplefilter("always")
        theirs = graphviz.quoting.quote(value)
    for _ in range(2):
        with warnings.catch_warnings(record=True) as ours_warned:
            warnings.simplefilter("always")
            ours = quote(value)
        assert ours == theirs and type(ours) is str
        assert len(ours_warned) == len(theirs_warned)


def test_quoted_strings_are_not_kept_without_bound() -> None:
    """Map after map (a language server's previews) brings new element ids to quote: the strings
    remembered stay bounded, and what is quoted after the cache is emptied is still right."""
    from argmap.drawing import graph

    for n in range(2 * graph._REMEMBERED + 5):
        assert quote(f"claim-c{n}") == f'"claim-c{n}"'
        assert len(graph._quoted) <= graph._REMEMBERED
    assert quote("claim-c0") == '"claim-c0"' and quote("box") == "box"


def _ends_in_backslash(*texts: str | None) -> bool:
    return any(text is not None and text.rstrip("\n").endswith("\\") for text in texts)


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(
            _STRINGS,
            _STRINGS,
            st.one_of(st.none(), _STRINGS),
            st.dictionaries(_STRINGS, st.one_of(st.none(), _STRINGS), max_size=4),
        ),
        max_size=5,
    ),
    st.one_of(st.none(), _STRINGS),
)
def test_statements_are_the_packages_statements(
    items: list[tuple[str, str, str | None, dict[str, str | None]]], name: str | None
) -> None:
    """Nodes, edges (ports too), attribute lines and nested subgraphs come out as graphviz.Digraph writes them."""
    if _ends_in_backslash(name):
        return  # an odd final backslash cannot be quoted: both warn, tested above
    ours = Graph(name, graph_attr={"rankdir": "BT", "newrank": "true"}, node_attr={"shape": "box"}, edge_attr={})
    theirs = graphviz.Digraph(name, graph_attr={"rankdir": "BT", "newrank": "true"}, node_attr={"shape": "box"}, edge_attr={})
    for tail, head, label, attributes in items:
        if _ends_in_backslash(tail, head, label, *attributes, *attributes.values()):
            continue  # an odd final backslash cannot be quoted: both warn, tested above
        for graph in (ours, theirs):
            graph.node(tail, label, _attributes=attributes, shape="box", width=None)
            graph.edge(tail, head, label, _attributes=attributes, style="dashed")
            with graph.subgraph(name=f"cluster_{head}") as sub:
                sub.attr(label=tail, _attributes=attributes)
                with sub.subgraph() as rank:
                    rank.attr(rank="same")
                    rank.node(head)
                sub.attr("node", _attributes=attributes)
    assert ours.source == theirs.source


def _bisected(text: str, width: int) -> list[str]:
    """balanced_wrap as it was: the narrowest width needing no more lines, found by re-wrapping."""
    lines = wrap(text, width)
    if len(lines) < 2:
        return lines
    low, high = max(width // 2, 1), width
    while low < high:
        middle = (low + high) // 2
        if len(wrap(text, middle)) > len(lines):
            low = middle + 1
        else:
            high = middle
    return wrap(text, low)


_WORDS = st.lists(
    st.sampled_from(["a", "bb", "ccc", "word", "longer", "x" * 30, " ", "  ", "\t", "\n", "\r\n", "é", "北京", "\x07", ""]),
    max_size=30,
).map("".join)


@settings(max_examples=3000, deadline=None)
@given(st.one_of(_WORDS, st.text(max_size=80)), st.integers(1, 50))
def test_balanced_wrap_counting_matches_rewrapping(text: str, width: int) -> None:
    """Counting lines from word lengths chooses the same lines as re-wrapping at each width, odd spacing and long words included."""
    assert balanced_wrap(text, width) == _bisected(text, width)


@settings(max_examples=1500, deadline=None)
@given(st.one_of(_WORDS, st.text(max_size=80)), st.lists(st.integers(1, 60), max_size=5), st.integers(1, 50))
def test_wrapping_reused_after_counting_matches_rewrapping(text: str, counted: list[int], width: int) -> None:
    """A drawing's :class:`Wrapping` is counted at the layout's widths before its box takes the
    balanced lines: the remembered counts are the lines wrap makes and change nothing chosen."""
    wrapping = Wrapping(text)
    for each in counted:
        assert wrapping.lines(each) == len(wrap(text, each))
    assert wrapping.balanced(width) == _bisected(text, width)


_NAMES = st.sampled_from(["class", "color", "id", "label2", "minlen", "shape", "style", "tooltip", "z"])


@settings(max_examples=500, deadline=None)
@given(
    st.dictionaries(_NAMES, st.one_of(st.none(), _STRINGS), max_size=5),
    st.dictionaries(_NAMES, st.one_of(st.none(), _STRINGS), max_size=5),
    st.sets(_NAMES, max_size=4),
    st.sets(_NAMES, max_size=3),
    st.one_of(st.none(), _STRINGS),
)
def test_forms_write_what_node_and_edge_write(
    attributes: dict[str, str | None], more: dict[str, str | None], slots: set[str], more_slots: set[str], label: str | None
) -> None:
    """A statement made from a Form (some attributes fixed, the rest per statement) is the statement node or edge writes."""
    if _ends_in_backslash(label, *attributes.values(), *more.values()):
        return  # an odd final backslash cannot be quoted: both warn, tested above
    fixed = {key: value for key, value in attributes.items() if key not in slots}
    given_now = {key: value for key, value in attributes.items() if key in slots}
    given_now.update({key: None for key in slots if key not in attributes})
    fixed_more = {key: value for key, value in more.items() if key not in more_slots}
    more_now = {key: more.get(key) for key in more_slots}
    form = Form(fixed, slots, fixed_more, more_slots)
    ours, theirs = Graph(), Graph()
    ours.node_as(form, "a", label, **given_now, **{k: v for k, v in more_now.items() if k not in given_now})
    ours.edge_as(form, "a", "b:n", label, **given_now, **{k: v for k, v in more_now.items() if k not in given_now})
    both = {**fixed_more, **more_now}
    theirs.node("a", label, _attributes=both, **{**fixed, **given_now})
    theirs.edge("a", "b:n", label, _attributes=both, **{**fixed, **given_now})
    if not set(more_now) & set(given_now):  # a name given per statement in both parts takes one value
        assert ours.source == theirs.source


def test_a_form_refuses_an_attribute_both_fixed_and_given() -> None:
    with pytest.raises(ValueError, match="both fixed and given"):
        Form({"color": "red"}, ("color",))


@settings(max_examples=3000, deadline=None)
@given(st.one_of(_STRINGS, _WORDS, st.text(max_size=40)))
def test_esc_of_plain_text_is_the_full_escape(text: str) -> None:
    """esc's shortcut for text with nothing to escape gives what the full escape gives."""
    full = html.escape(visible(text).replace("\\", "\\\\"), quote=True).replace("]", "&#93;")
    assert esc(text) == full
