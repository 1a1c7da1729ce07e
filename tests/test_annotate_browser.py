"""The reading view in a real headless Chromium (Debian's, driven through its own chromedriver
by Selenium; ``scripts/setup --dev`` installs both): a student clicks, hovers and tabs through
the seed example, a hostile page runs nothing, and no page makes a network request.

Outside CI a machine without Chromium skips these tests, saying why; with ``CI=true`` a
missing browser fails them, so CI never passes without having run them.
"""

from __future__ import annotations

import base64
import json
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

import argmap
from argmap.reading import annotate
from tests.test_annotate import HOSTILE_MAP, HOSTILE_SOURCE

ROOT = Path(__file__).resolve().parent.parent
SUMMIT = ROOT / "examples" / "summit" / "summit.arg"

pytestmark = [pytest.mark.browser, pytest.mark.needs_dot]

FLAGS = (
    "--headless",
    "--no-sandbox",  # CI runs as root
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Belt and braces: even a request the page should never make resolves nowhere.
    "--host-resolver-rules=MAP * ~NOTFOUND",
)


def _chromium() -> tuple[str, str]:
    """Paths of Chromium and chromedriver; skips (or, under CI, fails) when either is missing."""
    browser = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    problems = []
    if browser is None:
        problems.append("Chromium ('chromium') is not on the PATH")
    if driver is None:
        problems.append("chromedriver is not on the PATH")
    try:
        import selenium  # noqa: F401
    except ImportError:
        problems.append("the selenium package is not installed")
    if problems:
        reason = "; ".join(problems) + " (scripts/setup --dev installs them: apt-get install chromium chromium-driver)"
        if os.environ.get("CI") == "true":
            pytest.fail("browser tests must run in CI: " + reason)
        pytest.skip(reason)
    assert browser is not None and driver is not None
    return browser, driver


@pytest.fixture(scope="module")
def driver() -> Iterator[Any]:
    """One headless Chromium for the module, with a fresh profile and a request log."""
    browser, chromedriver = _chromium()
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = browser
    for flag in FLAGS:
        options.add_argument(flag)
    profile = tempfile.mkdtemp(prefix="argmap-chromium-")
    options.add_argument(f"--user-data-dir={profile}")
    options.add_argument("--window-size=1366,768")
    options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
    chrome = webdriver.Chrome(service=Service(chromedriver), options=options)
    chrome.set_page_load_timeout(30)
    try:
        yield chrome
    finally:
        chrome.quit()
        shutil.rmtree(profile, ignore_errors=True)


def _write_page(folder: Path, amap: argmap.ArgumentMap, name: str) -> str:
    path = folder / name
    path.write_text(annotate(amap), encoding="utf-8")
    return path.as_uri()


@pytest.fixture(scope="module")
def summit_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return _write_page(tmp_path_factory.mktemp("summit"), argmap.check(str(SUMMIT)), "summit.html")


@pytest.fixture(scope="module")
def hostile_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("hostile")
    (folder / "source.txt").write_text(HOSTILE_SOURCE, encoding="utf-8")
    (folder / "hostile.arg").write_text(HOSTILE_MAP, encoding="utf-8")
    return _write_page(folder, argmap.check(str(folder / "hostile.arg")), "hostile.html")


UNMAPPED_SOURCE = (
    "Cities should plant more street trees. Street trees cool the pavement by several degrees.\n\n"
    "Critics object because young trees need years of watering, and that costs money.\n"
)
UNMAPPED_MAP = (
    "source: source.txt\n"
    "main conclusion c: Cities should plant more street trees.\n  quote: Cities should plant more street trees\n"
    "premise a: Street trees cool the pavement.\n  quote: Street trees cool the pavement by several degrees\n"
    "a -> c\n"
)


@pytest.fixture(scope="module")
def unmapped_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    """A map that leaves out a sentence with an argument word ('because')."""
    folder = tmp_path_factory.mktemp("unmapped")
    (folder / "source.txt").write_text(UNMAPPED_SOURCE, encoding="utf-8")
    (folder / "trees.arg").write_text(UNMAPPED_MAP, encoding="utf-8")
    return _write_page(folder, argmap.check(str(folder / "trees.arg")), "trees.html")


def open_page(driver: Any, url: str) -> None:
    """Load ``url`` afresh (logs emptied first) and wait until the page's script has run."""
    from selenium.webdriver.support.ui import WebDriverWait

    driver.get("about:blank")
    driver.get_log("performance")
    driver.get_log("browser")
    driver.get(url)
    WebDriverWait(driver, 10).until(lambda d: d.execute_script("return document.documentElement.classList.contains('js')"))


def wait_for(driver: Any, script: str, *args: Any, timeout: float = 5) -> Any:
    """Wait until the JavaScript expression ``script`` (with ``arguments``) is truthy."""
    from selenium.webdriver.support.ui import WebDriverWait

    return WebDriverWait(driver, timeout).until(lambda d: d.execute_script("return " + script, *args))


IN_VIEW = """(function (el, box) {
  var r = el.getBoundingClientRect(), b = box.getBoundingClientRect();
  return r.height > 0 && r.top >= b.top - 1 && r.bottom <= b.bottom + 1 && r.left >= b.left - 1 && r.right <= b.right + 1;
})(arguments[0], arguments[1])"""


def by_id(driver: Any, element_id: str) -> Any:
    from selenium.webdriver.common.by import By

    return driver.find_element(By.ID, element_id)


def severe_console_messages(driver: Any) -> list[str]:
    return [entry["message"] for entry in driver.get_log("browser") if entry["level"] == "SEVERE"]


def network_requests(driver: Any) -> list[str]:
    """Every URL the page asked for, from Chromium's own request log."""
    urls = []
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message["method"] == "Network.requestWillBeSent":
            urls.append(message["params"]["request"]["url"])
    return urls


# --- using it --------------------------------------------------------------------------------


def test_clicking_a_node_highlights_and_shows_its_span(driver: Any, summit_url: str) -> None:
    """A click on the box `revolt` marks its quote (class and aria-current), scrolls it into
    the text pane's view, and moves the keyboard focus there."""
    open_page(driver, summit_url)
    span, pane = by_id(driver, "q-revolt"), by_id(driver, "text-pane")
    assert not driver.execute_script(IN_VIEW, span, pane)
    driver.execute_script("arguments[0].scrollIntoView({block: 'center', inline: 'center'})", by_id(driver, "claim-revolt"))
    by_id(driver, "claim-revolt").click()
    wait_for(driver, "arguments[0].getAttribute('aria-current') === 'true'", span)
    assert "sel" in span.get_attribute("class").split()
    assert "sel" in by_id(driver, "claim-revolt").get_attribute("class").split()
    wait_for(driver, IN_VIEW, span, pane)
    assert driver.execute_script("return document.activeElement.id") == "q-revolt"
    assert "revolt" in by_id(driver, "status").text
    assert severe_console_messages(driver) == []


def test_hovering_a_span_highlights_its_node(driver: Any, summit_url: str) -> None:
    """The mouse over the quote of `minority` lights up that box, and only that box."""
    from selenium.webdriver.common.action_chains import ActionChains

    open_page(driver, summit_url)
    span = by_id(driver, "q-minority")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", span)
    ActionChains(driver).move_to_element(span).perform()
    wait_for(driver, "document.getElementById('claim-minority').classList.contains('hot')")
    hot = driver.execute_script("return Array.from(document.querySelectorAll('g.node.hot')).map(n => n.id)")
    assert hot == ["claim-minority"]
    ActionChains(driver).move_to_element(by_id(driver, "map-tools")).perform()
    wait_for(driver, "document.querySelectorAll('.hot').length === 0")


def test_clicking_a_span_scrolls_the_map_to_its_node(driver: Any, summit_url: str) -> None:
    """A click on a quote far from the main conclusion brings its box into the map's view."""
    open_page(driver, summit_url)
    node, view = by_id(driver, "claim-not_stone"), by_id(driver, "map-view")
    span = by_id(driver, "q-not_stone")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", span)
    span.click()
    wait_for(driver, IN_VIEW, node, view)
    assert "sel" in node.get_attribute("class").split()


def test_keyboard_tab_to_a_span_and_enter(driver: Any, summit_url: str) -> None:
    """Tab reaches the first quote (after the guide's links); focusing it lights its box, and
    Enter selects it and brings the box into view; Escape clears."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    open_page(driver, summit_url)
    for _ in range(40):
        ActionChains(driver).send_keys(Keys.TAB).perform()
        if driver.execute_script("return document.activeElement.classList.contains('q')"):
            break
    else:
        pytest.fail("Tab never reached a quote")
    claim = driver.execute_script("return document.activeElement.getAttribute('data-claim')")
    assert claim == "watches"  # the first quote in the text
    node = by_id(driver, f"claim-{claim}")
    assert "hot" in node.get_attribute("class").split()
    outline = driver.execute_script("return getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"  # a visible focus ring
    ActionChains(driver).send_keys(Keys.ENTER).perform()
    wait_for(driver, "arguments[0].getAttribute('aria-current') === 'true'", node)
    wait_for(driver, IN_VIEW, node, by_id(driver, "map-view"))
    ActionChains(driver).send_keys(Keys.ESCAPE).perform()
    wait_for(driver, "document.querySelectorAll('[aria-current]').length === 0")


def test_keyboard_enter_and_space_on_a_node(driver: Any, summit_url: str) -> None:
    """A box is focusable; Enter on it selects its quote and moves the focus there; Space on a
    quote selects it too."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    open_page(driver, summit_url)
    node = by_id(driver, "claim-taiwan")
    driver.execute_script("arguments[0].focus()", node)
    assert driver.execute_script("return document.activeElement.id") == "claim-taiwan"
    ActionChains(driver).send_keys(Keys.ENTER).perform()
    wait_for(driver, "document.activeElement.id === 'q-taiwan'")
    assert by_id(driver, "q-taiwan").get_attribute("aria-current") == "true"
    driver.execute_script("document.getElementById('q-minority').focus()")
    ActionChains(driver).send_keys(Keys.SPACE).perform()
    wait_for(driver, "document.getElementById('claim-minority').getAttribute('aria-current') === 'true'")
    assert by_id(driver, "q-taiwan").get_attribute("aria-current") is None


def test_tab_goes_from_the_zoom_buttons_to_the_boxes(driver: Any, summit_url: str) -> None:
    """After the map's last button, Tab lands on the first box: the map itself is no tab stop."""
    from selenium.webdriver.common.action_chains import ActionChains
    from selenium.webdriver.common.keys import Keys

    open_page(driver, summit_url)
    driver.execute_script("document.getElementById('zoom-reset').focus()")
    ActionChains(driver).send_keys(Keys.TAB).perform()
    assert driver.execute_script("return document.activeElement.getAttribute('data-claim')") == "watches"
    assert driver.execute_script("return document.activeElement.getAttribute('role')") == "button"


def test_an_unstated_assumption_says_it_has_no_text(driver: Any, summit_url: str) -> None:
    """Clicking an assumption's box selects it and says, in the status line, that the text does
    not say it."""
    open_page(driver, summit_url)
    node = by_id(driver, "claim-reliable_forecaster")
    driver.execute_script("arguments[0].scrollIntoView({block: 'center', inline: 'center'})", node)
    node.click()
    wait_for(driver, "document.getElementById('status').textContent.indexOf('unstated') >= 0")


def test_unmapped_sentence_link_jumps_to_the_sentence(driver: Any, unmapped_url: str) -> None:
    """The guide's link to an uncovered sentence scrolls to it and marks it."""
    open_page(driver, unmapped_url)
    driver.find_element("css selector", "a[data-sentence='1']").click()
    target = by_id(driver, "u-1")
    wait_for(driver, "arguments[0].classList.contains('sel')", target)
    wait_for(driver, IN_VIEW, target, by_id(driver, "text-pane"))


def test_the_page_makes_no_network_request(driver: Any, summit_url: str) -> None:
    """Chromium's request log holds the page itself and nothing else; no resource was loaded."""
    open_page(driver, summit_url)
    driver.find_element("css selector", "#zoom-fit").click()
    requests = network_requests(driver)
    assert summit_url in requests  # the log is live: it saw the page itself
    assert [url for url in requests if url != summit_url] == []
    assert driver.execute_script("return performance.getEntriesByType('resource').length") == 0


def test_side_by_side_on_a_laptop_screen(driver: Any, summit_url: str) -> None:
    """At 1280×720 the text and the map sit side by side, do not overlap, and the page does not
    scroll sideways; the text is at least 15 px."""
    driver.set_window_size(1280, 720)
    try:
        open_page(driver, summit_url)
        text = driver.execute_script("return document.getElementById('text-pane').getBoundingClientRect().toJSON()")
        view = driver.execute_script("return document.getElementById('map-pane').getBoundingClientRect().toJSON()")
        assert text["right"] <= view["left"] + 1
        assert text["width"] >= 400 and view["width"] >= 500 and min(text["height"], view["height"]) >= 500
        assert driver.execute_script("return document.documentElement.scrollWidth <= window.innerWidth")
        size = driver.execute_script("return parseFloat(getComputedStyle(document.getElementById('source')).fontSize)")
        assert size >= 15
    finally:
        driver.set_window_size(1366, 768)


def test_print_shows_text_then_map_without_controls(driver: Any, summit_url: str) -> None:
    """In print, the zoom controls are gone, the map follows the text, quotes keep an underline
    (visible in black and white), and Chromium prints a PDF of several pages."""
    open_page(driver, summit_url)
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert driver.execute_script("return getComputedStyle(document.getElementById('map-tools')).display") == "none"
        text_bottom = driver.execute_script("return document.getElementById('text-pane').getBoundingClientRect().bottom")
        map_top = driver.execute_script("return document.getElementById('map-pane').getBoundingClientRect().top")
        assert map_top >= text_bottom - 1
        style = driver.execute_script("return getComputedStyle(document.getElementById('q-minority')).borderBottomStyle")
        assert style == "solid"
    finally:
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    pdf = base64.b64decode(driver.print_page())
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") - pdf.count(b"/Type /Pages") >= 2


# --- a hostile page ----------------------------------------------------------------------------


def test_hostile_page_shows_markup_as_text_and_runs_nothing(driver: Any, hostile_url: str) -> None:
    """Scripts, image tags and a closing </script> in the source, the claims and the header show
    as text; after clicking and hovering everything, no injected code has run, no dialog is
    open, the page made no request, and its own script still works."""
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.action_chains import ActionChains

    open_page(driver, hostile_url)
    assert by_id(driver, "q-c").get_attribute("textContent") == "<script>window.__pwned = 1; alert(1)</script>"
    assert by_id(driver, "q-b").get_attribute("textContent") == "</script><script>window.__pwned=3</script>"
    assert "<img src=" in by_id(driver, "q-a").get_attribute("textContent")
    assert driver.title == 'Reading view: </title><script>window.__pwned=5</script> & "quotes"'
    assert "<script>window.__pwned=4</script>" in by_id(driver, "claim-c").get_attribute("textContent")
    assert driver.execute_script("return document.querySelectorAll('script').length") == 2
    assert driver.execute_script("return document.querySelectorAll('img, iframe, object, embed').length") == 0
    for claim in ("c", "a", "b", "d", "e"):
        span = by_id(driver, f"q-{claim}")
        driver.execute_script("arguments[0].scrollIntoView({block: 'center'})", span)
        ActionChains(driver).move_to_element(span).perform()
        span.click()
        node = by_id(driver, f"claim-{claim}")
        wait_for(driver, "arguments[0].classList.contains('sel')", node)
    author = driver.find_element("css selector", "header .meta bdi")
    ActionChains(driver).move_to_element(author).perform()
    assert author.text == '<b onmouseover="window.__pwned=6">Mallory</b>'
    assert driver.execute_script("return typeof window.__pwned") == "undefined"
    with pytest.raises(NoAlertPresentException):
        driver.switch_to.alert.text  # noqa: B018 - reading it is the check
    assert [url for url in network_requests(driver) if url != hostile_url] == []
    assert severe_console_messages(driver) == []


def test_the_map_prints_on_its_own_page_of_the_size_it_needs(driver: Any, summit_url: str) -> None:
    """Printed by Chromium (with the page's CSS page sizes), the text pages are the printer's paper and
    the worked example's map has a page of its own, A3 landscape."""
    import base64
    import re

    open_page(driver, summit_url)
    pdf = base64.b64decode(
        driver.execute_cdp_cmd("Page.printToPDF", {"preferCSSPageSize": True, "printBackground": True})["data"]
    )
    boxes = [[float(n) for n in box.split()] for box in re.findall(rb"/MediaBox \[([\d. ]+)\]", pdf)]
    a3 = [box for box in boxes if (round(box[2]), round(box[3])) == (1191, 842)]  # A3 landscape, in pt
    assert len(a3) == 1 and len(boxes) > 1  # the map's page; the text is on the printer's paper
