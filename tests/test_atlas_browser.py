"""An atlas in a real headless Chromium: a reader clicks from the index to a part, from a stub to
the part where its claim is drawn, and back to the overview (``scripts/setup --dev`` installs the
browser; see tests/test_annotate_browser.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import argmap
from argmap.drawing import render_atlas
from tests.test_annotate_browser import driver  # noqa: F401  (the module's Chromium)
from tests.test_atlas import sectioned

pytestmark = [pytest.mark.browser, pytest.mark.needs_dot]


def _click(chrome: Any, css: str) -> None:
    """Click the first element the selector finds (an SVG link), as a reader would."""
    from selenium.webdriver.common.by import By

    element = chrome.find_element(By.CSS_SELECTOR, css)
    chrome.execute_script("arguments[0].scrollIntoView({block: 'center'});", element)
    element.click()


def test_a_reader_can_walk_the_atlas(driver: Any, tmp_path: Path) -> None:  # noqa: F811
    """Index → a part's page → (a stub) the page of that claim → (the title) the overview: every step lands where it says."""
    from selenium.webdriver.common.by import By

    amap = argmap.resolve(argmap.parse(sectioned(240, 60)))
    folder = tmp_path / "atlas"
    atlas = render_atlas(amap, str(folder), page_claims=80)
    driver.get((folder / "index.html").as_uri())
    first = atlas.pages[0]
    _click(driver, f'g[id="part-{first.name}"] a')
    assert driver.current_url.endswith(f"/{first.name}.svg")
    stubs = driver.find_elements(By.CSS_SELECTOR, "g.stub")
    assert stubs, "a part of this map has links to other parts"
    stub_id = stubs[0].get_attribute("id")
    _click(driver, f'g[id="{stub_id}"] a')
    landed = driver.current_url.rsplit("/", 1)[1]
    assert landed != f"{first.name}.svg"
    box = driver.find_element(By.CSS_SELECTOR, f'g[id="{stub_id}"]')
    assert "stub" not in (box.get_attribute("class") or "").split()  # drawn in full on its own page
    _click(driver, 'a[*|href="overview.svg"]')
    assert driver.current_url.endswith("/overview.svg")
    assert len(driver.find_elements(By.CSS_SELECTOR, "g.part")) == len(atlas.pages)
