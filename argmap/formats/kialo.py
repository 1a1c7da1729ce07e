"""Import a Kialo (or Kialo Edu) discussion from its plain-text export.

The export Kialo's "Export discussion" writes::

    Discussion Title: Should the town library open on Sundays?

    1. The town library should open on Sundays.
    1.1. Pro: Many residents work during the library's weekday opening hours.
    1.1.1. Con: Most of those residents could visit on Saturday mornings instead.
    1.4. Pro: -> See 1.3.1.

The thesis ``1.`` is the main conclusion; a ``Pro:`` supports its parent
(the path without its last number) and a ``Con:`` attacks it. A claim's id is
``k`` and its path with ``_`` (``1.2.1.`` → ``k1_2_1``). ``-> See 1.3.1.`` is
Kialo's linked claim: a link from the existing claim, not a new one. A line
without a number continues the claim above it. Markdown links keep their text,
their address goes into a note; ``\\(`` and the other backslash escapes of
Kialo's Markdown are undone.

Kialo has no linked premises and no undercuts: a Con under a Pro attacks the
Pro's claim (Kialo users sometimes mean "this does not support its parent").
"""

from __future__ import annotations

import os
import re

from argmap.core.model import LinkType

from .build import ClaimTarget, MapBuilder
from .result import Conversion, FormatError

__all__ = ["FORMAT_NAME", "import_kialo", "looks_like_kialo"]

FORMAT_NAME = "Kialo discussion export"

_TITLE = re.compile(r"Discussion Title:\s*(.*)")
_LINE = re.compile(r"((?:\d+\.)+)\s*(?:(Pro|Con):\s*)?(.*)")
_SEE = re.compile(r"->\s*See\s+((?:\d+\.)+)\s*$")
_MARKDOWN = re.compile(
    r"\\(?P<escaped>[\\`*_{}\[\]()#+\-.!<>|~])"  # an escaped character is never markup
    r"|\[(?P<link>[^\]]*)\]\((?P<url>[^)\s]+)\)"
    r"|(?P<star>\*\*|\*)(?=\S)(?P<strong>.{1,500}?)(?<=\S)(?P=star)"
    r"|(?<!\w)(?P<under>__|_)(?=\S)(?P<emphasis>.{1,500}?)(?<=\S)(?P=under)(?!\w)"
)
"""What Kialo's Markdown marks up: escapes, links, bold and italics (``_`` only between words)."""


def looks_like_kialo(text: str) -> bool:
    """Whether a text starts as a Kialo export does."""
    head = text.lstrip("\ufeff").lstrip()
    return head.startswith("Discussion Title:") or re.match(r"1\.\s", head) is not None


def _plain(text: str) -> tuple[str, list[str]]:
    """Kialo's Markdown as plain text — escapes decoded, links and emphasis undone — and the
    addresses of its links."""
    urls: list[str] = []

    def undo(match: re.Match[str]) -> str:
        if match.group("escaped") is not None:
            return match.group("escaped")
        if match.group("url") is not None:
            urls.append(match.group("url"))
            return _MARKDOWN.sub(undo, match.group("link"))
        inner = match.group("strong") if match.group("strong") is not None else match.group("emphasis")
        return _MARKDOWN.sub(undo, inner)

    return _MARKDOWN.sub(undo, text), urls


def _parent(path: str) -> str:
    """``1.2.`` for ``1.2.3.``; empty for the thesis ``1.``."""
    return path[: path[:-1].rfind(".") + 1]


def import_kialo(data: str, path: str) -> Conversion:
    """The map of a Kialo discussion export."""
    lines = data.lstrip("\ufeff").splitlines()
    build = MapBuilder(os.path.basename(path), FORMAT_NAME)
    entries: list[tuple[str, str | None, list[str], int]] = []  # (path, stance, text lines, line number)
    paths: set[str] = set()
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if not line:
            continue
        title = _TITLE.fullmatch(line)
        if title and not entries:
            build.add_header("title", _plain(title.group(1))[0], f"line {number}")
            continue
        match = _LINE.fullmatch(line)
        # A numbered line starts a claim when it is the first one or its parent is already
        # there; otherwise ("2. …" inside a text) it continues the claim above.
        if match and (not entries or _parent(match.group(1)) in paths):
            entries.append((match.group(1), match.group(2), [match.group(3)], number))
            paths.add(match.group(1))
        elif entries:
            entries[-1][2].append(line)
        else:
            raise FormatError(path, f"line {number}: expected 'Discussion Title:' or a numbered claim such as '1. …'")
    if not entries:
        raise FormatError(path, "no numbered claims: a Kialo export has the thesis on a line '1. …'")

    known: set[str] = set()
    links: list[tuple[str, str, str, int]] = []  # (stance, from path, to path, line)
    for claim_path, stance, text_lines, number in entries:
        where = f"line {number}"
        key = claim_path
        parent = _parent(claim_path)
        see = _SEE.fullmatch(" ".join(text_lines).strip())
        if see:
            if not parent:
                build.warn("a linked claim at the top level: ignored", where)
            elif stance is None:
                build.warn(f"the linked claim has no Pro or Con: ignored (-> See {see.group(1)})", where)
            else:
                links.append((stance, see.group(1), parent, number))
            continue
        if key in known:
            raise FormatError(path, f"line {number}: the number {claim_path} is used twice")
        known.add(key)
        text, urls = _plain(" ".join(text_lines))
        build.add_claim(key, text, where, id_hint="k" + claim_path.rstrip(".").replace(".", "_"))
        for url in urls:
            build.add_property(key, "note", url)
        if not parent:
            if stance is not None:
                build.warn(f"the thesis is marked {stance}: the mark is ignored", where)
            if len(known) == 1:
                build.set_main(key)
            else:
                build.warn("a second thesis: argmap maps one; it is an ordinary claim", where)
            continue
        if stance is None:
            build.warn("the claim is neither Pro nor Con: it is not linked to its parent", where)
            continue
        links.append((stance, key, parent, number))
    for count, (stance, source, target, number) in enumerate(links):
        where = f"line {number}"
        if source not in known:
            build.warn(f"it refers to {source}, which the discussion does not have: ignored", where)
            continue
        if target not in known:
            build.warn(f"its parent {target} is not in the discussion: ignored", where)
            continue
        link_type = LinkType.SUPPORT if stance == "Pro" else LinkType.ATTACK
        build.add_inference(str(count), link_type, [source], ClaimTarget(target), where)
    return build.conversion()
