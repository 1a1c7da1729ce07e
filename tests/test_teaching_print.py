"""The teaching pages printed by a real headless Chromium: the worksheet, the class's feedback
and a difference map come out on A4, a page per student, a wide map on a page turned sideways.

Like the reading view's browser tests, these skip outside CI when Chromium is missing and fail in CI.
"""

from __future__ import annotations

import base64
import io
import re
from pathlib import Path
from typing import Any

import pytest

from argmap.cli import main
from tests.test_annotate_browser import driver  # noqa: F401  (the fixture: one Chromium for the module)

pytestmark = [pytest.mark.browser, pytest.mark.needs_dot]

TEACHING = Path(__file__).parent / "teaching"
A4 = (595.0, 842.0)
"""A4 in points, to the nearest point (Chromium writes 594.96 × 841.92)."""


def pages(driver: Any, path: Path) -> list[tuple[float, float]]:  # noqa: F811
    """The size of each page Chromium prints of a file, honouring the page's @page rules."""
    driver.get(path.as_uri())
    pdf = base64.b64decode(driver.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True})["data"])
    assert pdf.startswith(b"%PDF")
    boxes = re.findall(rb"/MediaBox \[0 0 ([\d.]+) ([\d.]+)\]", pdf)
    return [(round(float(w)), round(float(h))) for w, h in boxes]


def run(argv: list[str]) -> None:
    err = io.StringIO()
    assert main(argv, io.StringIO(), err) == 0, err.getvalue()


def test_worksheet_prints_text_and_claims_on_a4_then_the_map_sideways(driver: Any, tmp_path: Path) -> None:  # noqa: F811
    """The worksheet is an A4 page of text, claims and answers, then the blank map on an A4 page turned sideways."""
    run(["quiz", str(TEACHING / "classes" / "school-start" / "key.arg"), "-o", str(tmp_path), "--seed", "3"])
    assert pages(driver, tmp_path / "worksheet.html") == [A4, (A4[1], A4[0])]


def test_class_feedback_prints_a_page_per_student(driver: Any, tmp_path: Path) -> None:  # noqa: F811
    """feedback-all.html prints each student's feedback on a page of its own, on A4."""
    run(["grade", str(TEACHING / "key.arg"), str(TEACHING / "class"), "-o", str(tmp_path), "--hints", "3"])
    assert pages(driver, tmp_path / "feedback-all.html") == [A4] * 6


def test_difference_map_prints_on_one_page(driver: Any, tmp_path: Path) -> None:  # noqa: F811
    """A difference map to print fills one A4 page (sideways: the map is wider than tall)."""
    out = tmp_path / "ben.html"
    run(["compare", str(TEACHING / "class" / "ben.arg"), str(TEACHING / "key.arg"), "--map", str(out)])
    assert pages(driver, out) == [(A4[1], A4[0])]
