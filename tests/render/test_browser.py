"""Both HTML pages in a real browser (Debian's chromium, driven by selenium): axe-core finds no
WCAG 2.2 A or AA violation, nor any of its best-practice ones, at desktop width or on a 375 px
phone, and on the phone nothing but a table's own region scrolls sideways.

Without chromium and chromedriver these tests skip and say so, unless KPICLI_REQUIRE_BROWSER=1
(.ci/run sets it once it has installed them), when a missing browser fails them.
`pytest --update-golden` also takes the screenshots in docs/.
"""

from __future__ import annotations

import json
import os
import shutil
import struct
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from conftest import REPO_ROOT
from tests import golden

pytestmark = [pytest.mark.e2e, pytest.mark.xdist_group("browser")]

WIDTHS = {"desktop": (1280, 900), "phone": (375, 812)}
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
# Headless chromium as root, on a machine with no network: no sandbox, no GPU, nothing that
# phones home (background networking would fill the log with refused connections).
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
)
SCREENSHOTS = {
    "html-public-desktop.png": ("desktop", None),
    "html-public-phone.png": ("phone", None),
    "html-public-phone-dashboard.png": ("phone", "dashboards"),
}


def missing_browser() -> str:
    """Why there is no browser to test with, or '' when there is one."""
    try:
        import axe_selenium_python  # noqa: F401
        import selenium  # noqa: F401
    except ImportError as error:
        return f"{error.name} is not installed (make installs the dev dependencies)"
    if not any(shutil.which(name) for name in ("chromium", "chromium-browser")):
        return "chromium is not installed (apt-get install chromium chromium-driver; .ci/run does)"
    if not shutil.which("chromedriver"):
        return "chromedriver is not installed (apt-get install chromium-driver; .ci/run does)"
    return ""


@pytest.fixture(scope="module")
def driver() -> Iterator[Any]:
    reason = missing_browser()
    if reason:
        if os.environ.get("KPICLI_REQUIRE_BROWSER") == "1":
            pytest.fail(f"no browser, yet KPICLI_REQUIRE_BROWSER=1: {reason}")
        pytest.skip(f"no browser: {reason}")
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = shutil.which("chromium") or shutil.which("chromium-browser") or ""
    profile = tempfile.mkdtemp(prefix="kpicli-chromium-")
    for flag in (*CHROMIUM_FLAGS, f"--user-data-dir={profile}"):
        options.add_argument(flag)
    # The driver named outright, so selenium never tries to download one.
    browser = webdriver.Chrome(service=Service(shutil.which("chromedriver")), options=options)
    try:
        yield browser
    finally:
        browser.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def pages(sample_html: dict[str, str], tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    folder = tmp_path_factory.mktemp("html")
    urls = {}
    for name, html in sample_html.items():
        (folder / f"{name}.html").write_text(html, encoding="utf-8")
        urls[name] = (folder / f"{name}.html").as_uri()
    return urls


def show(driver: Any, url: str, width: str) -> None:
    """The page in a viewport of exactly that size; at phone width as a phone shows it (the
    page's viewport meta honoured, touch input)."""
    columns, rows = WIDTHS[width]
    driver.execute_cdp_cmd(
        "Emulation.setDeviceMetricsOverride",
        {"width": columns, "height": rows, "deviceScaleFactor": 1, "mobile": width == "phone"},
    )
    driver.get(url)


def run_axe(driver: Any) -> dict[str, Any]:
    from axe_selenium_python import Axe

    axe = Axe(driver)
    axe.inject()
    options = {"runOnly": {"type": "tag", "values": AXE_TAGS}, "resultTypes": ["violations"]}
    return axe.run(options=json.dumps(options))  # type: ignore[no-any-return]


def describe(violations: list[dict[str, Any]]) -> str:
    return "\n".join(
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes'][:3]]}"
        for v in violations
    )


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("paper", ["public", "exempt"])
def test_axe_finds_no_violation(paper: str, width: str, driver: Any, pages: dict[str, str]) -> None:
    show(driver, pages[paper], width)
    results = run_axe(driver)
    engine = tuple(int(part) for part in results["testEngine"]["version"].split(".")[:2])
    assert engine >= (4, 9), "axe-core tests WCAG 2.2 (the wcag22aa tag) from 4.5 on"
    # axe ran its rules on this page (it lists what it checked), and none of them failed.
    assert len(results["passes"]) + len(results["incomplete"]) + len(results["inapplicable"]) > 40
    assert results["violations"] == [], describe(results["violations"])


@pytest.mark.parametrize("paper", ["public", "exempt"])
def test_on_a_phone_only_the_tables_scroll_sideways(paper: str, driver: Any, pages: dict[str, str]) -> None:
    show(driver, pages[paper], "phone")
    page_width = driver.execute_script("return document.documentElement.scrollWidth")
    view_width = driver.execute_script("return document.documentElement.clientWidth")
    assert page_width <= view_width, "the page itself is wider than the phone"
    scrolling = driver.execute_script(
        "return [...document.querySelectorAll('.table-region')]"
        ".filter(r => r.scrollWidth > r.clientWidth).map(r => r.querySelector('caption').id)"
    )
    assert scrolling, "the dashboards are wider than a phone and scroll in their regions"
    charts = driver.execute_script(
        "return [...document.querySelectorAll('img.chart')].map(i => i.getBoundingClientRect().width)"
    )
    assert charts and max(charts) <= view_width, "charts scale down to the screen"


def png_size(path: Path) -> tuple[int, int]:
    width, height = struct.unpack(">II", path.read_bytes()[16:24])
    return width, height


def test_the_screenshots_in_docs_are_taken_at_both_widths(driver: Any, pages: dict[str, str]) -> None:
    docs = REPO_ROOT / "docs"
    for name, (width, section) in SCREENSHOTS.items():
        if golden.UPDATE:
            show(driver, pages["public"], width)
            if section:
                driver.execute_script(f"document.getElementById('{section}').scrollIntoView()")
            driver.save_screenshot(str(docs / name))
        assert png_size(docs / name) == WIDTHS[width], f"regenerate with pytest --update-golden: {name}"
