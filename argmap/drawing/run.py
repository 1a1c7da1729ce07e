"""Running Graphviz: :func:`render` is the one function that runs ``dot``.

It turns the DOT text of :func:`~argmap.drawing.dot.to_dot` into SVG, PNG or
PDF bytes; for SVG it adds what screen readers and browsers need
(:mod:`~argmap.drawing.svg`). Without ``dot`` it raises
:class:`DotNotFoundError`, naming what to install; when ``dot`` fails,
:class:`RenderError` with what it printed; its warnings become
:class:`DotWarning`.
"""

from __future__ import annotations

import shutil
import subprocess
import warnings
from concurrent.futures import ThreadPoolExecutor

import attrs

from argmap.analysis.argument_map import ArgumentMap
from argmap.core.diagnostics import ArgmapError
from argmap.core.files import write_folder_atomic

from .atlas import PAGE_CLAIMS, Atlas, AtlasPage, index_html, plan_atlas
from .dot import FORMATS, LARGE_MAP, build, make_options
from .focus import select
from .layout import AUTO, MEDIA, REFERENCE_MEDIUM
from .svg import Drawing, finish_svg
from .theme import Marks

__all__ = [
    "DOT_MISSING",
    "MAX_DRAWN",
    "DotNotFoundError",
    "DotWarning",
    "FitWarning",
    "RenderError",
    "TooBigError",
    "render",
    "render_atlas",
    "repr_svg",
]

MAX_DRAWN = 5000
"""The most claims :func:`render` draws as one picture: beyond it ``dot`` takes minutes (or fails),
and the picture could not be read anyway. Draw an atlas (:func:`render_atlas`) or a part instead."""


class RenderError(ArgmapError):
    """Graphviz could not draw the map; the message carries what ``dot`` said."""


class DotNotFoundError(RenderError):
    """Graphviz's ``dot`` is not installed, or not on the PATH."""


class TooBigError(RenderError):
    """The map is too big to draw as one picture (more than :data:`MAX_DRAWN` claims)."""


class DotWarning(UserWarning):
    """``dot`` drew the map but printed warnings (the message is its standard error)."""


class FitWarning(UserWarning):
    """The whole map fitted to the medium (``fit``, or A3) would make its smallest text too small to read."""


DOT_MISSING = (
    "Graphviz's dot is not installed (or not on the PATH), so the map cannot be drawn. "
    "Install Graphviz: 'apt-get install graphviz' on Debian or Ubuntu, 'brew install graphviz' "
    "on macOS, or run scripts/setup in the argmap repository. "
    "'argmap render -o map.dot' still writes the DOT text without it."
)


def render(
    amap: ArgumentMap,
    fmt: str = "svg",
    *,
    direction: str = AUTO,
    theme: str = "default",
    legend: bool = True,
    focus: str | None = None,
    depth: int | None = None,
    sections: bool | None = None,
    timeout: float = 120.0,
    marks: Marks | None = None,
    fit: str | None = None,
) -> bytes:
    """Draw the map with Graphviz's ``dot``: SVG, PNG or PDF bytes (``dot``: the DOT text).

    The only function that runs ``dot``. Options are those of :func:`to_dot`.
    Raises :class:`DotNotFoundError` when ``dot`` is not installed and
    :class:`RenderError` when it fails (with what it printed); when it succeeds
    but prints warnings, they are issued as :class:`DotWarning`. When the whole
    map fitted to the medium (``fit``, or A3 without it) would make its smallest
    text too small to read, a :class:`FitWarning` says so and points to ``--focus``.
    """
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    options = make_options(
        direction=direction, theme=theme, legend=legend, focus=focus, depth=depth, sections=sections, marks=marks, fit=fit
    )
    drawn = len(select(amap, focus, depth)[0])
    if fmt != "dot" and drawn > MAX_DRAWN:
        raise TooBigError(
            f"{drawn} claims are too many to draw as one picture (Graphviz would take minutes, "
            f"and no one could read it; the limit is {MAX_DRAWN}): draw an atlas, an overview and a page "
            "for each part, with --atlas FOLDER, or a part with --focus ID --depth N"
        )
    drawing = build(amap, options)
    if fmt == "dot":
        return drawing.source.encode("utf-8")
    _warn_if_too_small(drawing, fit)
    executable = shutil.which("dot")
    if executable is None:
        raise DotNotFoundError(DOT_MISSING)
    command = [executable, f"-T{fmt}"]
    if fmt == "png":
        # Sharp on screens; a huge map is scaled to stay under cairo's 32767-pixel limit
        # (220 inches at 144 dpi) instead of dot warning that it had to.
        command += ["-Gdpi=144"] + ([] if fit else ["-Gsize=220,220"])
    output, stderr = _run_dot(command, drawing, timeout)
    if output is None and _RANK_TROUBLE in stderr:
        # Graphviz 2.43 (Debian 12's) cannot rank some large framed maps with newrank and
        # two-rank links; without them it can, at the cost of reasons not sitting level.
        drawing = build(amap, attrs.evolve(options, level=False))
        output, stderr = _run_dot(command, drawing, timeout)
        if output is not None:
            stderr = (
                f"could not keep each claim's reasons level ({_RANK_TROUBLE}, a Graphviz 2.43 bug); "
                "drew the map without levelling them" + (f". {stderr}" if stderr else "")
            )
    if output is None:
        raise RenderError(f"Graphviz's dot failed: {stderr}")
    if stderr:
        warnings.warn(f"Graphviz's dot: {stderr}", DotWarning, stacklevel=2)
    if fmt == "svg":
        return finish_svg(output, drawing)
    return output


_RANK_TROUBLE = "trouble in init_rank"


def _run_dot(command: list[str], drawing: Drawing, timeout: float) -> tuple[bytes | None, str]:
    """Run ``dot`` on the drawing: its output (``None`` when it failed) and what it printed."""
    try:
        done = subprocess.run(
            command,
            input=drawing.source.encode("utf-8"),
            capture_output=True,
            timeout=timeout,
            check=False,
        )
    except FileNotFoundError:
        raise DotNotFoundError(DOT_MISSING) from None
    except subprocess.TimeoutExpired:
        hint = (
            f": {drawing.claims} claims are too many to lay out at once; draw a part with "
            "--focus ID --depth N"
            if drawing.claims > LARGE_MAP
            else ""
        )
        raise RenderError(f"Graphviz's dot did not finish within {timeout:g} seconds{hint}") from None
    stderr = done.stderr.decode("utf-8", errors="replace").strip()
    if done.returncode != 0 or not done.stdout:
        return None, stderr or f"exit status {done.returncode}, no output"
    return bytes(done.stdout), stderr


def _warn_if_too_small(drawing: Drawing, fit: str | None) -> None:
    if drawing.claims == 0:
        return
    medium = MEDIA[fit or REFERENCE_MEDIUM]
    smallest = drawing.layout.smallest_text(medium)
    if smallest >= medium.min_text:
        return
    said = f"{smallest / 0.75:.0f} px" if medium.unit == "px" else f"{smallest:.1f} pt"
    warnings.warn(
        f"the whole map of {drawing.claims} claims fitted to {medium.name} would make its smallest text "
        f"about {said}, too small to read: draw a part at a time with --focus ID --depth 2"
        + (", or the whole map as an atlas of pages with --atlas FOLDER" if drawing.claims > LARGE_MAP else ""),
        FitWarning,
        stacklevel=3,
    )


def repr_svg(amap: ArgumentMap) -> str | None:
    """The map as SVG text for Jupyter's ``_repr_svg_``; ``None`` (text display) without ``dot``."""
    try:
        with warnings.catch_warnings():  # a notebook scrolls: a big map is no matter
            warnings.simplefilter("ignore", FitWarning)
            return render(amap, "svg").decode("utf-8")
    except DotNotFoundError:
        return None


def render_atlas(
    amap: ArgumentMap,
    folder: str,
    *,
    direction: str = AUTO,
    theme: str = "default",
    legend: bool = True,
    timeout: float = 120.0,
    jobs: int = 2,
    page_claims: int = PAGE_CLAIMS,
) -> Atlas:
    """Draw the map as an atlas (:mod:`argmap.drawing.atlas`) into ``folder``: ``index.html``,
    ``overview.svg`` and a page per part, written whole or not at all (an existing folder is
    replaced only if argmap wrote it).

    ``dot`` runs once per batch of pages (it reads graph after graph, and starting it costs
    more than laying out a typical page), ``jobs`` batches side by side; a part's page has at
    most ``page_claims`` claims of its own. Raises
    :class:`DotNotFoundError`, :class:`RenderError` (with what ``dot`` said) and
    :class:`OSError` when the folder cannot be written.
    """
    make_options(  # checks the options
        direction=direction, theme=theme, legend=legend, focus=None, depth=None, sections=None, marks=None, fit=None
    )
    executable = shutil.which("dot")
    if executable is None:
        raise DotNotFoundError(DOT_MISSING)
    atlas = plan_atlas(amap, direction=direction, theme=theme, legend=legend, limit=page_claims)
    pages = [atlas.overview, *atlas.pages]
    # Biggest first, each to the lightest batch: the batches finish together.
    batches: list[list[AtlasPage]] = [[] for _ in range(max(1, min(jobs, len(pages))))]
    loads = [0] * len(batches)
    for page in sorted(pages, key=lambda page: -len(page.drawing.source)):
        lightest = loads.index(min(loads))
        batches[lightest].append(page)
        loads[lightest] += len(page.drawing.source)

    def draw(batch: list[AtlasPage]) -> list[tuple[AtlasPage, bytes, str]]:
        drawn = []
        source = "".join(page.drawing.source for page in batch)
        output, stderr = _run_dot([executable, "-Tsvg"], Drawing(source, "", "", {}, 0, batch[0].drawing.layout), timeout)
        if output is None:
            raise RenderError(f"Graphviz's dot failed: {stderr}")
        svgs = [b"<?xml" + piece for piece in output.split(b"<?xml")[1:]]
        if len(svgs) != len(batch):
            raise RenderError(f"Graphviz's dot drew {len(svgs)} of {len(batch)} pages: {stderr or 'no message'}")
        for page, svg in zip(batch, svgs, strict=True):
            drawn.append((page, finish_svg(svg, page.drawing), stderr))
        return drawn

    with ThreadPoolExecutor(max_workers=len(batches)) as pool:
        results = [item for batch in pool.map(draw, batches) for item in batch]
    files = {f"{page.name}.svg": svg for page, svg, _ in results}
    warned = sorted({stderr for _, _, stderr in results if stderr})
    if warned:
        warnings.warn(f"Graphviz's dot: {' '.join(warned)}", DotWarning, stacklevel=2)
    files["index.html"] = index_html(atlas, files[f"{atlas.overview.name}.svg"]).encode("utf-8")
    write_folder_atomic(folder, files)
    return atlas

