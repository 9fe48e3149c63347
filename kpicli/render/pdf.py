"""WeasyPrint, confined and made repeatable: it may read only the template folders, kpicli's own
fonts and inline data, and the same HTML gives the same PDF bytes on any machine."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

BLOCKED = "kpicli only loads its own templates and inline images"
# DejaVu Sans, cut to the scripts papers use and shipped with kpicli (scripts/make_fonts.py), so
# what a machine happens to have installed never changes a paper. The family has its own name
# so that fontconfig never prefers an installed DejaVu Sans of another version.
FONT_FAMILY = "kpicli Sans"
FONTS_FOLDER = Path(__file__).resolve().parents[1] / "fonts"
FONT_FACES = (
    ("DejaVuSans.ttf", "normal", "normal"),
    ("DejaVuSans-Bold.ttf", "bold", "normal"),
    ("DejaVuSans-Oblique.ttf", "normal", "italic"),
    ("DejaVuSans-BoldOblique.ttf", "bold", "italic"),
)


def confined_fetcher(allowed: tuple[Path, ...]) -> Any:
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    class ConfinedFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: Any = None) -> Any:
            scheme = urlparse(url).scheme.lower()
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme == "file":
                path = Path(unquote(urlparse(url).path)).resolve()
                if any(path.is_relative_to(folder) for folder in allowed):
                    return super().fetch(url, headers)
            raise ValueError(f"{BLOCKED}: {url[:80]}")

    del FatalURLFetchingError
    return ConfinedFetcher(allowed_protocols=("data", "file"))


CREATED = re.compile(r'<meta name="dcterms.created" content="([^"]+)">')
EPOCH_VARIABLE = "SOURCE_DATE_EPOCH"


def created_epoch(html: str) -> int:
    """Seconds since 1970 of the paper's own date (its meeting), written in the HTML head."""
    match = CREATED.search(html)
    if match is None:
        return 0
    return int(datetime.fromisoformat(match.group(1).replace("Z", "+00:00")).timestamp())


@contextmanager
def font_timestamp(epoch: int) -> Iterator[None]:
    """fontTools stamps each subset font with the time it was made unless SOURCE_DATE_EPOCH is
    set; pin it to the paper's date (or keep the caller's own) so fonts are the same bytes."""
    previous = os.environ.get(EPOCH_VARIABLE)
    if previous is None:
        os.environ[EPOCH_VARIABLE] = str(epoch)
    try:
        yield
    finally:
        if previous is None:
            del os.environ[EPOCH_VARIABLE]


def font_faces_css() -> str:
    return "\n".join(
        f'@font-face {{ font-family: "{FONT_FAMILY}"; src: url("{(FONTS_FOLDER / name).as_uri()}"); '
        f"font-weight: {weight}; font-style: {style}; }}"
        for name, weight, style in FONT_FACES
    )


def subset_fonts_with_fonttools() -> None:
    """WeasyPrint subsets each embedded font with HarfBuzz's subsetter when the system has it
    (libharfbuzz-subset, which Debian's chromium, for one, brings in) and with fontTools
    otherwise, and the two give different bytes. kpicli always takes the fontTools way, whose
    version its own dependencies pin."""
    from weasyprint.pdf import fonts

    fonts.harfbuzz_subset = None


def write_pdf(html: str, folders: tuple[Path, ...], target: Path) -> None:
    """Render tagged PDF/UA-1, its structure tree mended by tagging.finish_tagging. Metadata
    dates come from the HTML (the meeting), the identifier is made from the content, the fonts
    are kpicli's own, subset one way and with pinned timestamps, so the same inputs give the
    same bytes on any machine."""
    import weasyprint
    from weasyprint.text.fonts import FontConfiguration

    from kpicli.render.tagging import finish_tagging, recording_sources

    subset_fonts_with_fonttools()
    fetcher = confined_fetcher((*folders, FONTS_FOLDER))
    font_config = FontConfiguration()
    fonts = weasyprint.CSS(string=font_faces_css(), font_config=font_config, url_fetcher=fetcher)
    document = weasyprint.HTML(string=html, base_url=folders[-1].as_uri() + "/", url_fetcher=fetcher).render(
        stylesheets=[fonts], font_config=font_config
    )
    with font_timestamp(created_epoch(html)), recording_sources() as sources:
        data = document.write_pdf(pdf_variant="pdf/ua-1", pdf_identifier=b"kpicli", uncompressed_pdf=False)
    target.write_bytes(finish_tagging(data, sources))
