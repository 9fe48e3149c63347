"""WeasyPrint, confined: it may read only the template folders and inline data, nothing else."""

from __future__ import annotations

from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

BLOCKED = "kpicli only loads its own templates and inline images"


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


def write_pdf(html: str, folders: tuple[Path, ...], target: Path) -> None:
    """Render tagged PDF/UA-1. Metadata dates come from the HTML (the meeting), so the same
    inputs give the same bytes."""
    import weasyprint

    document = weasyprint.HTML(
        string=html, base_url=folders[-1].as_uri() + "/", url_fetcher=confined_fetcher(folders)
    ).render()
    document.write_pdf(target, pdf_variant="pdf/ua-1", pdf_identifier=b"kpicli", uncompressed_pdf=False)
