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

import attrs

from argmap.analysis.argument_map import ArgumentMap
from argmap.core.diagnostics import ArgmapError

from .dot import FORMATS, LARGE_MAP, build, make_options
from .layout import AUTO, MEDIA, REFERENCE_MEDIUM
from .svg import Drawing, finish_svg
from .theme import Marks

__all__ = ["DOT_MISSING", "DotNotFoundError", "DotWarning", "FitWarning", "RenderError", "render", "repr_svg"]


class RenderError(ArgmapError):
    """Graphviz could not draw the map; the message carries what ``dot`` said."""


class DotNotFoundError(RenderError):
    """Graphviz's ``dot`` is not installed, or not on the PATH."""


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
        f"about {said}, too small to read: draw a part at a time with --focus ID --depth 2",
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
