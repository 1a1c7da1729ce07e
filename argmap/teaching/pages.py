"""An HTML page that prints on A4: the styles every teaching page shares, and a drawn map inside one."""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

__all__ = ["STYLE", "map_block", "page", "svg_inline"]

STYLE = """\
@page { size: A4; margin: 16mm 15mm; }
@page wide { size: A4 landscape; margin: 10mm; }
body { font-family: "DejaVu Sans", Helvetica, Arial, sans-serif; font-size: 11pt; line-height: 1.45;
       color: #111; max-width: 46em; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 16pt; margin: 0 0 0.4em; } h2 { font-size: 12.5pt; margin: 1.2em 0 0.4em; }
table { border-collapse: collapse; margin: 0.4em 0; } td, th { border: 1px solid #999; padding: 0.2em 0.6em; text-align: left; }
td.num { text-align: right; } code { font-family: "DejaVu Sans Mono", monospace; font-size: 0.92em;
       background: #f1f1f1; padding: 0 0.2em; }
pre { white-space: pre-wrap; font-size: 9pt; border: 1px solid #ccc; padding: 0.5em; background: #fafafa; }
ol li, ul li { margin-bottom: 0.35em; }
.score { font-size: 13pt; font-weight: bold; } .who { color: #444; }
.name-line { margin: 0.6em 0 1em; } .name-line span { display: inline-block; border-bottom: 1px solid #333;
       min-width: 18em; margin: 0 1.5em 0 0.4em; }
.bar { display: inline-block; height: 0.9em; background: #0072B2; vertical-align: middle; }
.map svg { display: block; max-width: 100%; height: auto; max-height: 245mm; margin: 0 auto; }
.wide .map svg { max-height: 170mm; }
.wide { page: wide; }
.sheet + .sheet { border-top: 2px dashed #bbb; margin-top: 2em; padding-top: 1em; }
.write { min-width: 3em; height: 1.6em; } footer { margin-top: 2em; font-size: 0.85em; color: #555; }
.kinds td.choice { text-align: center; }
@media print {
  body { margin: 0; max-width: none; padding: 0; }
  .sheet { break-after: page; } .sheet:last-child { break-after: auto; }
  .sheet + .sheet { border-top: none; margin-top: 0; padding-top: 0; }
  h2, li, tr, .map { break-inside: avoid; }
}
"""


def page(title: str, body: Sequence[str], *, projector: bool = False) -> str:
    """A whole HTML page around ``body`` (HTML already escaped)."""
    extra = "body { font-size: 15pt; max-width: 60em; } h1 { font-size: 22pt; } h2 { font-size: 17pt; }\n" if projector else ""
    return (
        '<!DOCTYPE html>\n<html lang="en">\n<head>\n<meta charset="utf-8">\n'
        f"<title>{html.escape(title)}</title>\n<style>\n{STYLE}{extra}</style>\n</head>\n<body>\n"
        + "\n".join(body)
        + "\n</body>\n</html>\n"
    )


def svg_inline(svg: bytes) -> str:
    """Graphviz's SVG to put inside a page: without its XML prolog and doctype."""
    text = svg.decode("utf-8")
    start = text.find("<svg")
    return text[start:] if start >= 0 else ""




def map_block(svg: bytes) -> tuple[str, bool]:
    """A drawn map to put in a page, and whether it is wide (wider than tall by a fifth or more:
    its page is turned sideways)."""
    inline = svg_inline(svg)
    match = re.search(r'<svg[^>]*\bwidth="([\d.]+)pt"[^>]*\bheight="([\d.]+)pt"', inline)
    wide = match is not None and float(match.group(1)) > 1.2 * float(match.group(2))
    return f'<div class="map">{inline}</div>', wide
