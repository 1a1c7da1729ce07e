"""DOT statements, written as :class:`graphviz.Digraph` writes them, at a fraction of its cost.

:class:`Graph` has the part of :class:`graphviz.Digraph` that the drawing uses
(``node``, ``edge``, ``attr``, ``subgraph`` as a context manager, ``source``)
and writes the same text byte for byte: every name and value is quoted by the
``graphviz`` package's rules (:func:`quote`: its own patterns for what is an
HTML-like label, an ID or a keyword; its own function wherever backslashes and
quote marks meet; a property test holds the two together),
attributes come ``label`` first, then the keyword attributes sorted by name,
then the ``_attributes`` mapping sorted by name, and ``None`` values are left
out.

What is different is the cost. The package wraps every call (each node, each
edge, each quoted value) in a decorator that checks its positional arguments;
on a 10,000-claim map that was half the time of making the DOT. Here the short
values that recur (colours, shapes, numbers, ids) are quoted once and
remembered, and long ones (labels, tooltips) are quoted once each, without
the package's position-by-position search for backslashes where there are none
to find.

>>> g = Graph("argmap", graph_attr={"rankdir": "BT"})
>>> g.node("a b", label="<<B>x</B>>", shape="box", width=None, _attributes={"class": "claim"})
>>> g.edge("a b", "inference.1", arrowhead="none")
>>> for line in g.source.splitlines():
...     print(line.replace("\\t", "    "))
digraph argmap {
    graph [rankdir=BT]
    "a b" [label=<<B>x</B>> shape=box class=claim]
    "a b" -> "inference.1" [arrowhead=none]
}
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterable, Iterator, Mapping

from graphviz import quoting

__all__ = ["Attributes", "Form", "Graph", "quote"]

Attributes = Mapping[str, str | None]
"""More attributes for a statement, as the package's ``_attributes`` (names that are not Python keywords)."""

_CACHED = 64
"""Strings up to this long are quoted once and remembered; longer ones are labels and tooltips, each met once."""

_quoted: dict[str, str] = {}

_REMEMBERED = 100_000
"""At most this many quoted strings are kept (about 17 MB): a map's element ids (``claim-x``,
``link-12``) are short too, and a long-running process (the language server's previews) draws
map after map. A drawing of 10,000 claims quotes 37,000-39,000 different short strings
(4.5 MB); emptying the cache in the middle of one costs it a few per cent."""


def quote(identifier: str) -> str:
    """``identifier`` as a DOT ID: bare, in double quotes, or as it is (an HTML-like label).

    >>> [quote(s) for s in ["spam", "spam spam", "-4.2", "<<b>x</b>>", "graph", 'say "x"']]
    ['spam', '"spam spam"', '-4.2', '<<b>x</b>>', '"graph"', '"say \\\\"x\\\\""']
    """
    # Only plain strings are remembered: a graphviz.escape'd one (NoHtml) is quoted
    # differently from the equal plain string, and one ending in a backslash (before a
    # final newline too, as the package's pattern reads it) warns each time it is quoted.
    kind = type(identifier)
    if kind is str:
        # A long string is a label or tooltip met once: hashing it to look it up costs as much as quoting it.
        quoted = _quoted.get(identifier) if len(identifier) <= _CACHED else None
        if quoted is not None:
            return quoted
    elif kind is not quoting.NoHtml:
        return str(_package_quote(identifier))
    if identifier.endswith(("\\", "\\\n")) or ("\\" in identifier and '"' in identifier):
        return str(_package_quote(identifier))  # rare: the package's patterns for backslashes decide
    quoted = _quote_simply(identifier, html=kind is str)
    if kind is str and len(identifier) <= _CACHED:
        if len(_quoted) >= _REMEMBERED:
            _quoted.clear()  # the few attribute names and values that matter are quoted again at once
        _quoted[identifier] = quoted
    return quoted


_package_quote = getattr(quoting.quote, "__wrapped__", quoting.quote)
"""The package's quote without the decorator that checks its positional arguments (a third of its cost)."""


def _quote_simply(identifier: str, *, html: bool) -> str:
    """The package's quote of a string with no backslash, or with no quote mark and no backslash at its end.

    The package's two patterns for backslashes (an odd number of them at the
    end; the backslashes before a quote mark) try every position of the string:
    60 µs for a 250-character tooltip. Without a backslash, the first cannot
    match and the second puts a backslash before each quote mark; without a
    quote mark and a final backslash, neither matches. ``html``: a plain
    string, which may be an HTML-like label (a NoHtml one may not).
    """
    if html and quoting.HTML_STRING.match(identifier):
        return identifier
    if not quoting.ID.match(identifier) or identifier.lower() in quoting.KEYWORDS:
        return '"' + identifier.replace('"', '\\"') + '"'
    return str(identifier)


def _endpoint(identifier: str) -> str:
    """A node name at one end of an edge (``name:port:compass`` as the package reads it)."""
    if ":" in identifier:
        return str(quoting.quote_edge(identifier))
    return quote(identifier)


def _a_list(label: str | None, attrs: Attributes, more: Attributes | None) -> str:
    items = [f"label={quote(label)}"] if label is not None else []
    if attrs:
        items += [f"{quote(k)}={quote(v)}" for k, v in sorted(attrs.items()) if v is not None]
    if more:
        pairs = sorted(more.items()) if type(more) is dict else more.items()
        items += [f"{quote(k)}={quote(v)}" for k, v in pairs if v is not None]
    return " ".join(items)


def _attr_list(label: str | None, attrs: Attributes, more: Attributes | None = None) -> str:
    content = _a_list(label, attrs, more)
    return f" [{content}]" if content else ""


class Form:
    """The attributes that many statements share (a kind of box's colours and line, a link's
    look), quoted once; each statement gives only the rest (:meth:`Graph.node_as`).

    ``fixed`` and ``slots`` are keyword attributes, ``fixed_more`` and ``more_slots`` the
    ``_attributes`` mapping, as :meth:`Graph.node` takes them: a slot is an attribute whose
    value each statement gives. The list comes out as :meth:`Graph.node` writes it (label,
    the keyword attributes sorted by name, then the ``_attributes`` sorted by name, ``None``
    left out): on a 10,000-claim map this halves the cost of writing the statements, most
    of whose 460,000 names and values are the same few.
    """

    def __init__(
        self,
        fixed: Attributes,
        slots: Iterable[str] = (),
        fixed_more: Attributes | None = None,
        more_slots: Iterable[str] = (),
    ) -> None:
        # Runs of fixed attributes become one string each; a slot is (its "name=", its name).
        self._parts: list[str | tuple[str, str]] = []
        run: list[str] = []
        for given, names in ((fixed, frozenset(slots)), (fixed_more or {}, frozenset(more_slots))):
            if names & given.keys():
                raise ValueError(f"attributes both fixed and given per statement: {sorted(names & given.keys())}")
            for key in sorted({*given, *names}):
                if key in names:
                    if run:
                        self._parts.append(" ".join(run))
                        run = []
                    self._parts.append((f"{quote(key)}=", key))
                elif (value := given[key]) is not None:
                    run.append(f"{quote(key)}={quote(value)}")
        if run:
            self._parts.append(" ".join(run))

    def attr_list(self, label: str | None, values: Mapping[str, str | None]) -> str:
        """The statement's attribute list, `` [...]``, with ``values`` in the slots (every slot must have one)."""
        items = [f"label={quote(label)}"] if label is not None else []
        for part in self._parts:
            if isinstance(part, str):
                items.append(part)
            else:
                name, key = part
                value = values[key]
                if value is not None:
                    items.append(name + quote(value))
        return f" [{' '.join(items)}]" if items else ""


class Graph:
    """A directed graph's DOT source, built statement by statement."""

    def __init__(
        self,
        name: str | None = None,
        *,
        graph_attr: Attributes | None = None,
        node_attr: Attributes | None = None,
        edge_attr: Attributes | None = None,
    ) -> None:
        self.name = name
        self.graph_attr: dict[str, str | None] = dict(graph_attr or {})
        self.node_attr: dict[str, str | None] = dict(node_attr or {})
        self.edge_attr: dict[str, str | None] = dict(edge_attr or {})
        self.body: list[str] = []

    def node(self, name: str, label: str | None = None, _attributes: Attributes | None = None, **attrs: str | None) -> None:
        """A node statement."""
        self.body.append(f"\t{quote(name)}{_attr_list(label, attrs, _attributes)}\n")

    def node_as(self, form: Form, name: str, label: str | None = None, **values: str | None) -> None:
        """A node statement with ``form``'s attributes, ``values`` in its slots: as :meth:`node` writes it."""
        self.body.append(f"\t{quote(name)}{form.attr_list(label, values)}\n")

    def edge_as(self, form: Form, tail_name: str, head_name: str, label: str | None = None, **values: str | None) -> None:
        """An edge statement with ``form``'s attributes, ``values`` in its slots: as :meth:`edge` writes it."""
        self.body.append(f"\t{_endpoint(tail_name)} -> {_endpoint(head_name)}{form.attr_list(label, values)}\n")

    def edge(
        self,
        tail_name: str,
        head_name: str,
        label: str | None = None,
        _attributes: Attributes | None = None,
        **attrs: str | None,
    ) -> None:
        """An edge statement, from ``tail_name`` to ``head_name``."""
        self.body.append(f"\t{_endpoint(tail_name)} -> {_endpoint(head_name)}{_attr_list(label, attrs, _attributes)}\n")

    def attr(self, kw: str | None = None, _attributes: Attributes | None = None, **attrs: str | None) -> None:
        """Attributes of the graph itself (``kw=None``: a bare ``key=value`` line) or defaults for ``graph``, ``node`` or ``edge``."""
        if kw is not None and kw.lower() not in ("graph", "node", "edge"):
            raise ValueError(f"attr statement must target graph, node, or edge: {kw!r}")
        if attrs or _attributes:
            if kw is None:
                self.body.append(f"\t{_a_list(None, attrs, _attributes)}\n")
            else:
                self.body.append(f"\t{kw}{_attr_list(None, attrs, _attributes)}\n")

    @contextlib.contextmanager
    def subgraph(self, name: str | None = None) -> Iterator[Graph]:
        """A subgraph, added to this graph (each of its lines indented once more) when the block ends."""
        sub = Graph(name)
        yield sub
        self.body += [f"\t{line}" for line in sub.lines(subgraph=True)]

    def lines(self, *, subgraph: bool = False) -> Iterator[str]:
        """The DOT text line by line, each ending in a newline."""
        name = quote(self.name) + " " if self.name else ""
        if subgraph:
            yield f"subgraph {name}{{\n" if self.name else "{\n"
        else:
            yield f"digraph {name}{{\n"
        for kw, attrs in (("graph", self.graph_attr), ("node", self.node_attr), ("edge", self.edge_attr)):
            if attrs:
                yield f"\t{kw}{_attr_list(None, attrs)}\n"
        yield from self.body
        yield "}\n"

    @property
    def source(self) -> str:
        """The whole DOT text."""
        return "".join(self.lines())
