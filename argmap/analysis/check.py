"""The check pipeline: a :class:`Document` to an :class:`ArgumentMap` and its diagnostics.

:func:`resolve` runs the passes in order, each reporting into one
:class:`~argmap.analysis.findings.Findings`:

1. the header and the claims (:mod:`~argmap.analysis.properties`, :mod:`~argmap.analysis.claims`);
2. the links, bound into inferences (:mod:`~argmap.analysis.links`);
3. circles of support (:mod:`~argmap.analysis.graph`);
4. predictions (:mod:`~argmap.analysis.predictions`) and quotes against the
   source text (:mod:`~argmap.analysis.grounding`), for maps that have them;
5. roles, depths and what hangs loose (:mod:`~argmap.analysis.graph`);
6. claim-writing lint and, in analysis mode, the Rabbit rule (:mod:`~argmap.analysis.lint`);
7. the waivers (:mod:`~argmap.analysis.waivers`): what ``waive:`` silences, and K005 for what it cannot.

It never raises for anything a user wrote: every problem is a
:class:`~argmap.core.diagnostics.Diagnostic` in ``ArgumentMap.diagnostics``.
:func:`check_file` does the whole job for a file on disk (read, decode, parse,
resolve), and turns every outcome into a :class:`FileResult`.
"""

from __future__ import annotations

import datetime
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TextIO

import attrs

from argmap.core.diagnostics import (
    ArgmapSyntaxError,
    Diagnostic,
    Severity,
    format_diagnostic,
    know_line_starts,
    sort_key,
)
from argmap.core.model import Claim, ClaimKind, Document, Span
from argmap.core.speed import gc_paused, map_large_blocks
from argmap.language.parser import decode, parse

from .argument_map import ArgumentMap, Inference
from .claims import check_main, collect_claims
from .findings import Findings, Report
from .graph import check_cycles, derive
from .links import LinkBinder
from .properties import check_header
from .waivers import Waivers

__all__ = ["FileResult", "check_file", "check_report", "read_source", "resolve"]


def resolve(
    document: Document,
    *,
    today: datetime.date | None = None,
    allow_outside_source: bool = False,
    source_root: Path | None = None,
    check_source: bool = True,
    lint: bool = True,
    analysis: bool | None = None,
    keep_source_index: bool = False,
) -> ArgumentMap:
    """Resolve a parsed document: bind ids, check links, derive roles, find quotes.

    ``today`` is the date prediction checks compare deadlines with (default:
    the system's date). The header's ``source:`` is read relative to
    ``source_root`` (default: the .arg file's folder) and must stay inside it
    unless ``allow_outside_source``; ``check_source=False`` skips reading it.
    ``lint=False`` skips the claim-writing checks (C codes); ``analysis`` turns
    the Rabbit rule on or off (default: the header's ``mode:``).
    ``keep_source_index`` keeps the index of the source text and the quotes
    found in it for the next check of the same text (a language server's
    case: an edit changes a quote or two); otherwise it is let go.
    """
    with gc_paused():
        findings = Findings()
        report = findings.report
        check_header(document, report)
        claims, objections = collect_claims(document, report)
        main = check_main(claims, report)
        links = LinkBinder(claims, report)
        inferences = links.bind(document.links)
        check_cycles(claims, inferences, main, report)
        # Import the prediction and grounding checks only for maps that need them (start-up time).
        if any(claim.kind is ClaimKind.PREDICTION for claim in claims.values()):
            from .predictions import check_predictions

            check_predictions(claims.values(), document, report, today or datetime.date.today(), set(claims))
        grounding = None
        quoted = any(claim.get("quote") is not None for claim in claims.values())
        if check_source and (quoted or document.header_value("source") is not None):
            from .grounding import ground

            grounding = ground(
                document, claims.values(), report, allow_outside_source, source_root, keep_source_index
            )
        roles, depth = derive(claims, inferences, main, links, objections, report)
        run_lint(document, claims, inferences, report, lint=lint, analysis=analysis)
        if not document.claims:
            span = document.header[0].span if document.header else Span(document.path, 1, 1, 1, 1, 0, 0)
            report("G013", "the file has no claims yet", span)
        waivers = Waivers(document)
        if waivers:
            waivers.check(report)
            findings.found = waivers.keep(findings.found)
        return ArgumentMap(
            document=document,
            claims=tuple(claims.values()),
            inferences=tuple(inferences),
            diagnostics=findings.sorted(),
            main=main,
            roles=roles,
            depth=depth,
            by_id=claims,
            grounding=grounding,
        )


def run_lint(
    document: Document,
    claims: Mapping[str, Claim],
    inferences: Sequence[Inference],
    report: Report,
    *,
    lint: bool,
    analysis: bool | None,
) -> None:
    """The claim-writing checks (C codes) when ``lint``; the Rabbit rule (T001) in analysis mode
    (``analysis``, or by default the header's ``mode: analysis``)."""
    from . import lint as checks

    if lint:
        checks.check_claims(claims.values(), document, report)
        checks.check_single_premise(inferences, claims, document, report)
    if analysis is None:
        analysis = (document.header_value("mode") or "").strip().lower() == "analysis"
    if analysis:
        checks.check_rabbit(inferences, claims, document, report)


# --- files ---------------------------------------------------------------------------


@attrs.frozen
class FileResult:
    """What checking one file found."""

    path: str
    text: str | None
    """The decoded text, or None when the file could not be read or decoded."""
    diagnostics: tuple[Diagnostic, ...]
    map: ArgumentMap | None
    unreadable: bool = False

    def count(self, severity: Severity) -> int:
        """How many diagnostics of this severity."""
        return sum(1 for d in self.diagnostics if d.severity is severity)

    def failed(self, strict: bool = False) -> bool:
        """Whether the file fails its check: errors, or with ``strict`` warnings too."""
        return bool(self.count(Severity.ERROR) or (strict and self.count(Severity.WARNING)))


def read_source(path: str, stdin: TextIO | None = None) -> tuple[str, bytes]:
    """The display name and bytes of a file, ``-`` meaning standard input."""
    if path == "-":
        stream = stdin or sys.stdin
        buffer = getattr(stream, "buffer", None)
        data = buffer.read() if buffer is not None else stream.read().encode("utf-8")
        return "<stdin>", data
    with open(path, "rb") as handle:
        return path, handle.read()


LARGE_FILE = 1 << 21
"""A file of more bytes than this (2 MiB, about 12,000 claims) is checked with :func:`map_large_blocks`."""


def check_file(
    path: str,
    stdin: TextIO | None = None,
    allow_outside_source: bool = False,
    lint: bool = True,
    analysis: bool | None = None,
) -> FileResult:
    """Read, parse and resolve one file; every outcome is a FileResult, never an exception."""
    try:
        name, data = read_source(path, stdin)
    except OSError as exc:
        if isinstance(exc, IsADirectoryError):
            message = f"this is a folder, not a file: name the .arg files in it ({path.rstrip('/')}/*.arg)"
        elif isinstance(exc, FileNotFoundError):
            message = "there is no such file"
        else:
            message = f"cannot read the file: {exc.strerror or exc}"
        span = Span(path, 0, 0, 0, 0, 0, 0)  # line 0: the file as a whole
        diagnostic = Diagnostic("F001", Severity.ERROR, message, span)
        return FileResult(path, None, (diagnostic,), None, unreadable=True)
    if len(data) > LARGE_FILE:
        map_large_blocks()
    with gc_paused(settle=True):  # one pause for both: the collector would go over the document in between
        try:
            text = decode(data, name)
            del data  # the bytes are as big as the text: not kept while the map is checked
            document = parse(text, name)
        except ArgmapSyntaxError as exc:
            return FileResult(name, exc.text, (exc.diagnostic,), None)
        amap = resolve(document, allow_outside_source=allow_outside_source, lint=lint, analysis=analysis)
        return FileResult(name, document.text, amap.diagnostics, amap)


GROUPED = 3
"""A warning or note code reported this many times or more in one file is printed once, with the
places of the others (``argmap check --all`` prints each in full)."""


def check_report(
    results: Sequence[FileResult], quiet: bool = False, strict: bool = False, every: bool = False
) -> str:
    """The text ``argmap check`` prints: each diagnostic in full (only errors when ``quiet``),
    then one line with the counts and the verdict (``strict``: warnings fail it too).

    Errors are always printed one by one. A warning or note that recurs (:data:`GROUPED` times
    or more in a file) is printed once, followed by the lines of the others, unless ``every``.
    """
    lines = []
    for result in results:
        text = None if result.unreadable else result.text
        shown = [
            diagnostic
            for diagnostic in sorted(result.diagnostics, key=sort_key)
            if not quiet or diagnostic.severity is Severity.ERROR
        ]
        if shown and text is not None and result.map is not None and result.map.document.text is text:
            know_line_starts(text, result.map.document.source.line_starts())
        repeats: dict[str, list[Diagnostic]] = {}
        if not every:
            for diagnostic in shown:
                if diagnostic.severity is not Severity.ERROR:
                    repeats.setdefault(diagnostic.code, []).append(diagnostic)
        for diagnostic in shown:
            group = repeats.get(diagnostic.code, [])
            if len(group) < GROUPED:
                lines.append(format_diagnostic(diagnostic, text))
            elif diagnostic is group[0]:
                lines.append(format_diagnostic(diagnostic, text) + "\n" + _more_like_this(group))
    errors = sum(r.count(Severity.ERROR) for r in results)
    warnings = sum(r.count(Severity.WARNING) for r in results)
    notes = sum(r.count(Severity.NOTE) for r in results)
    unreadable = sum(1 for r in results if r.unreadable)
    parts = [plural(len(results) - unreadable, "file") + " checked"]
    if unreadable:
        parts.append(f"{unreadable} could not be read")
    parts += [plural(errors, "error"), plural(warnings, "warning")]
    if notes:
        parts.append(plural(notes, "note"))
    if errors:
        verdict = "failed"
    elif strict and warnings:
        verdict = "failed: --strict counts warnings"
    else:
        verdict = "ok"
    hidden = "; only errors shown" if quiet and (warnings or notes) else ""
    lines.append("argmap check: " + ", ".join(parts) + f" ({verdict}{hidden})")
    return "\n".join(lines) + "\n"


def _more_like_this(group: Sequence[Diagnostic]) -> str:
    places = [str(d.span.line) for d in group[1:]]
    listed = ", ".join(places[:15]) + (f" and {len(places) - 15} more" if len(places) > 15 else "")
    return (
        f"      = and {len(places)} more like this [{group[0].code}], on lines {listed} "
        "('argmap check --all' prints each)"
    )


def plural(count: int, word: str) -> str:
    """``1 error``, ``2 errors``."""
    return f"{count} {word}" + ("" if count == 1 else "s")
