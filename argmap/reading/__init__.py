"""The reading view: the source text beside its map, as one self-contained HTML page.

- :mod:`~argmap.reading.view`: :func:`annotate`, the page as a string;
- ``page.html``, ``view.css`` and ``view.js``: the page's template, style and script,
  real files so that editors and linters see them.
"""

from __future__ import annotations

from .view import CONTENT_SECURITY_POLICY, annotate

__all__ = ["CONTENT_SECURITY_POLICY", "annotate"]
