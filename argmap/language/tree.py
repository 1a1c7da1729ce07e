"""Lark's tree to the model: one walk over the tree builds the frozen records.

The only place that reads Lark's tree; Lark's types never leave the
:mod:`argmap.language` package.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, NoReturn, TypeGuard

from argmap.core.model import (
    Claim,
    ClaimKind,
    Document,
    Link,
    LinkRef,
    LinkType,
    Property,
    Ref,
    Span,
    Target,
    pack2,
)

from .errors import fail
from .grammar import KIND_WORDS, MAX_NESTING
from .records import Records, make_property, unescape, widen_to_parentheses

if TYPE_CHECKING:
    from lark import Token, Tree

    Leaf = Token
    """A token of Lark's tree (a ``str`` with its positions)."""
    Node = Tree[Token]
    """A node of Lark's tree."""

__all__ = ["TreeBuilder"]


def _leaf(item: object) -> TypeGuard[Leaf]:
    return isinstance(item, str)


def _node(item: object) -> TypeGuard[Node]:
    return not isinstance(item, str)


class TreeBuilder(Records):
    """Walks Lark's tree once and builds the frozen records."""

    def span(self, first: Leaf, last: Leaf | None = None) -> Span:
        last = last or first
        return Span(
            self.path,
            first.line or 1,
            first.column or 1,
            last.end_line or 1,
            last.end_column or 1,
            first.start_pos or 0,
            last.end_pos or 0,
        )

    def fail(self, code: str, message: str, first: Leaf, last: Leaf | None = None) -> NoReturn:
        span = self.span(first, last)
        fail(self.text, self.path, code, message, span.start, span.end)

    def build(self, tree: Node) -> Document:
        for node in tree.children:
            assert _node(node)
            getattr(self, f"_{node.data}")(node)
        return self.document()

    def _header(self, node: Node) -> None:
        key = node.children[0]
        assert _leaf(key)
        if str(key) == "main":
            self.fail(
                "S008",
                "'main' needs the claim's kind and an id: write 'main conclusion ID: text', for example "
                "'main conclusion thesis: ...'",
                key,
            )
        if str(key) in KIND_WORDS:
            self.fail(
                "S008",
                f"this {key} has no id: write '{key} ID: text', for example '{key} p1: ...'",
                key,
            )
        self.header.append(self._property(node))

    def _property(self, node: Node, items: list[Node] | None = None) -> Property:
        key = node.children[0]
        assert _leaf(key)
        tokens = [child for child in node.children[1:] if _leaf(child)]
        for item in items or ():
            token = item.children[0]
            assert _leaf(token)
            tokens.append(token)
        return make_property(
            self.source,
            str(key),
            key.start_pos or 0,
            key.end_pos or 0,
            [(str(token), token.start_pos or 0, token.end_pos or 0) for token in tokens],
        )

    def _section(self, node: Node) -> None:
        token = node.children[0]
        assert _leaf(token)
        self.add_section(str(token), self.span(token))

    def _body(
        self, children: list[Node | Leaf]
    ) -> tuple[list[Leaf], list[Property], Leaf | None]:
        """Split a body into the continuation lines of the head and the properties.

        Continuation lines belong to the item just above them: to the head
        (claim text or link label) until the first property, then to that property.
        """
        head_more: list[Leaf] = []
        properties: list[Property] = []
        pending: tuple[Node, list[Node]] | None = None
        last: Leaf | None = None
        for child in children:
            if not _node(child):
                continue
            if child.data == "property":
                if pending is not None:
                    properties.append(self._property(*pending))
                pending = (child, [])
                last = _last_token(child)
            else:  # continuation
                token = child.children[0]
                assert _leaf(token)
                if str(token) == "main":
                    self.fail(
                        "S013",
                        "'main' on a line of its own is read as text: mark the main conclusion "
                        "with 'main conclusion id: text' instead",
                        token,
                    )
                if pending is None:
                    head_more.append(token)
                else:
                    pending[1].append(child)
                last = token
        if pending is not None:
            properties.append(self._property(*pending))
        return head_more, properties, last

    def _claim(self, node: Node) -> None:
        children = list(node.children)
        main_token: Leaf | None = None
        first = children[0]
        if _leaf(first) and first.type == "MAIN":
            main_token = first
            children = children[1:]
        kind_tree = children[0]
        assert _node(kind_tree)
        kind_token = kind_tree.children[0]
        assert _leaf(kind_token)
        id_token = children[1]
        assert _leaf(id_token)
        if str(id_token) in KIND_WORDS or str(id_token) == "main":
            self.fail(
                "S001",
                f"'{id_token}' is a keyword and cannot be an id: choose another, such as "
                f"'{id_token}1' or a word for what the claim says",
                id_token,
            )
        rest = children[2:]
        text_token: Leaf | None = None
        if rest and _leaf(rest[0]):
            text_token = rest[0]
            rest = rest[1:]
        head_more, properties, last = self._body(rest)
        parts = ([text_token] if text_token is not None else []) + head_more
        if not parts:
            self.fail(
                "S012",
                f"claim '{id_token}' has no text: write it after the colon",
                id_token,
            )
        text = " ".join(unescape(str(part)) for part in parts)
        start_token = main_token or kind_token
        span = self.span(start_token, last or parts[-1])
        self.claims.append(
            Claim.spanning(
                id=str(id_token),
                kind=ClaimKind(str(kind_token)),
                text=text,
                main=main_token is not None,
                properties=tuple(properties),
                section=self.current_section,
                source=self.source,
                span=span,
                id_span=self.span(id_token),
                text_span=self.span(parts[0], parts[-1]),
                kind_span=self.span(start_token, kind_token),
            )
        )

    def _refs(self, node: Node) -> tuple[tuple[Ref, ...], bool]:
        refs = tuple(
            Ref.spanning(str(token), self.source, self.span(token)) for token in node.children if _leaf(token)
        )
        return refs, node.data == "linked"

    def _target(self, node: Node | Leaf, depth: int = 0) -> Target:
        if _leaf(node):
            return Ref.spanning(str(node), self.source, self.span(node))
        assert _node(node)
        sources_node, arrow, target_node = node.children
        assert _node(sources_node) and _leaf(arrow)
        if depth >= MAX_NESTING:
            self.fail(
                "S015",
                f"undercuts are nested more than {MAX_NESTING} deep here; no argument needs that "
                "many, and argmap stops to stay fast and safe",
                _first_token(sources_node),
                arrow,
            )
        sources, linked = self._refs(sources_node)
        target = self._target(target_node, depth + 1)
        first = _first_token(sources_node)
        opening, closing = widen_to_parentheses(self.text, first.start_pos or 0, target.span.end)
        return LinkRef(sources, linked, LinkType(str(arrow)), target, self.source, pack2(opening, closing))

    def _link(self, node: Node) -> None:
        sources_node, arrow, target_node, *rest = node.children
        assert _node(sources_node) and _leaf(arrow)
        sources, linked = self._refs(sources_node)
        target = self._target(target_node)
        label_token: Leaf | None = None
        if rest and _leaf(rest[0]):
            label_token = rest[0]
            rest = rest[1:]
        head_more, properties, last = self._body(rest)
        label_parts = ([label_token] if label_token is not None else []) + head_more
        label = " ".join(unescape(str(part)) for part in label_parts) or None
        first = _first_token(sources_node)
        span = self.span(first, arrow).to(target.span)
        if last is not None:
            span = span.to(self.span(last))
        elif label_parts:
            span = span.to(self.span(label_parts[-1]))
        self.links.append(
            Link.spanning(
                sources=sources,
                linked=linked,
                type=LinkType(str(arrow)),
                target=target,
                label=label,
                properties=tuple(properties),
                section=self.current_section,
                source=self.source,
                span=span,
                arrow_span=self.span(arrow),
                label_span=self.span(label_parts[0], label_parts[-1]) if label_parts else None,
            )
        )


def _first_token(node: Node) -> Leaf:
    for child in node.children:
        if _leaf(child):
            return child
        assert _node(child)
        return _first_token(child)
    raise AssertionError("empty tree")  # pragma: no cover


def _last_token(node: Node) -> Leaf:
    for child in reversed(node.children):
        if _leaf(child):
            return child
        assert _node(child)
        return _last_token(child)
    raise AssertionError("empty tree")  # pragma: no cover
