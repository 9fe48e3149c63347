"""Golden files for what a person reads: regenerate with KPICLI_UPDATE_GOLDEN=1 and review the
diff as you would an officer's draft."""

from __future__ import annotations

import os
from pathlib import Path


def check_golden(path: Path, text: str) -> None:
    if os.environ.get("KPICLI_UPDATE_GOLDEN"):
        path.write_text(text, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == text, (
        f"regenerate with KPICLI_UPDATE_GOLDEN=1 and review {path}"
    )
