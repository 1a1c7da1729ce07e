"""OVA's analysed text: the HTML OVA saves, as plain text and the highlighted spans in it.

OVA keeps the text it analysed as HTML: paragraphs as ``<br>``, and each
highlighted stretch as ``<span class="highlighted" id="node12">…</span>``,
where ``12`` is the id of the node (an I-node, or in a dialogue analysis its
locution) that stretch stands for. :func:`read_html` gives the text a reader
sees (tags removed, ``<br>`` and block ends as line breaks, entities decoded)
and where each span lies in it.
"""

from __future__ import annotations

import html.parser
import re

__all__ = ["looks_like_html", "read_html"]

_BREAKS = frozenset({"br", "p", "div", "li", "tr"})
_HTML = re.compile(r"<(?:span|br|p|div)\b", re.IGNORECASE)


def looks_like_html(text: str) -> bool:
    """Whether a text is OVA's HTML rather than plain text."""
    return _HTML.search(text) is not None


class _Text(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self.length = 0
        self.open: list[tuple[str | None, int]] = []
        self.spans: dict[str, tuple[int, int]] = {}

    def add(self, text: str) -> None:
        self.pieces.append(text)
        self.length += len(text)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.add("\n")
        elif tag == "span":
            node = dict(attrs).get("id")
            self.open.append((node[4:] if node and node.startswith("node") else None, self.length))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag == "span" and self.open:
            node, start = self.open.pop()
            if node is not None and node not in self.spans:
                self.spans[node] = (start, self.length)
        elif tag in _BREAKS and tag != "br":
            self.add("\n")

    def handle_data(self, data: str) -> None:
        self.add(data)


def read_html(text: str) -> tuple[str, dict[str, tuple[int, int]]]:
    """The plain text of OVA's HTML, and each highlighted node's (start, end) in it, by node id."""
    parser = _Text()
    parser.feed(text)
    parser.close()
    return "".join(parser.pieces), parser.spans
