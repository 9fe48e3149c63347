"""Reading an officer's file safely: a regular file, of a stated size, UTF-8, inside the project.

Every user file goes through `read_user_text`, so a FIFO cannot hang a nightly job, a 2 GB file
cannot exhaust its memory, and a symlink cannot put a local file's contents into a paper.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path

from kpicli.errors import Problem
from kpicli.limits import MAX_EXTRACT_BYTES, MAX_TEXT_BYTES, MB

__all__ = ["MAX_EXTRACT_BYTES", "MAX_TEXT_BYTES", "read_user_text"]

WINDOWS_1252_HINT = (
    "it looks like it was saved as Windows-1252 (for example from Excel); "
    "save it again as 'CSV UTF-8' or UTF-8"
)


def size_text(limit: int) -> str:
    return f"{limit // MB} MB"


def outside_project(path: Path, root: Path) -> bool:
    """True when `path` (through any symlink) leads outside the project folder."""
    try:
        return not path.resolve().is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a symlink loop
        return True


def checked_file(path: Path, shown: str, limit: int, root: Path | None = None) -> list[Problem]:
    """Problems that stop `path` being read at all: not a regular file, too large, or (when
    `root` is given) a symlink leading outside the project."""
    if root is not None and outside_project(path, root):
        return [
            Problem(
                shown,
                None,
                "",
                "is a link to a file outside the project",
                "copy the file into the project instead of linking to it",
            )
        ]
    try:
        info = os.stat(path)
    except OSError as error:
        return [Problem(shown, None, "", f"cannot be read: {error.strerror}", "check the file exists")]
    if not stat.S_ISREG(info.st_mode):
        kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
        return [Problem(shown, None, "", f"is {kind}", "it must be a file; rename or remove it")]
    if info.st_size > limit:
        return [
            Problem(
                shown,
                None,
                "",
                f"is {info.st_size / MB:.1f} MB; kpicli reads files of up to {size_text(limit)}",
                "check it is the right file; split or trim it",
            )
        ]
    return []


def read_user_bytes(
    path: Path, shown: str, limit: int = MAX_TEXT_BYTES, root: Path | None = None
) -> tuple[bytes | None, list[Problem]]:
    problems = checked_file(path, shown, limit, root)
    if problems:
        return None, problems
    try:
        with path.open("rb") as handle:
            # Read one byte past the limit, in case the file grew since it was checked.
            raw = handle.read(limit + 1)
    except OSError as error:
        return None, [Problem(shown, None, "", f"cannot be read: {error.strerror}", "check its permissions")]
    if len(raw) > limit:
        return None, [Problem(shown, None, "", f"is larger than {size_text(limit)}", "split or trim it")]
    return raw, []


def read_user_text(
    path: Path, shown: str, limit: int = MAX_TEXT_BYTES, root: Path | None = None
) -> tuple[str | None, list[Problem]]:
    """Read UTF-8 (with or without BOM); say how to fix a file saved in another encoding."""
    raw, problems = read_user_bytes(path, shown, limit, root)
    if raw is None:
        return None, problems
    return decoded(raw, shown)


def decoded(raw: bytes, shown: str) -> tuple[str | None, list[Problem]]:
    if is_utf16(raw):
        return None, [Problem(shown, None, "", "is UTF-16 text, not UTF-8", UTF16_HINT)]
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return None, [Problem(shown, line, "", "is not UTF-8 text", encoding_hint(raw))]
    if "\x00" in text:
        return None, [
            Problem(
                shown,
                text[: text.index("\x00")].count("\n") + 1,
                "",
                "is not a text file",
                "it contains NUL bytes; export it again as text",
            )
        ]
    return text, []


UTF16_HINT = "it looks like Excel's 'Unicode Text'; save it again as 'CSV UTF-8 (Comma delimited)'"


def is_utf16(raw: bytes) -> bool:
    """A byte-order mark, or (without one) text whose every other byte is zero."""
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return True
    start = raw[:200]
    if len(start) < 8:
        return False
    half = len(start) // 2
    odd, even = start[1::2].count(0), start[0::2].count(0)
    # ASCII in UTF-16: a zero in every other byte, and none between them.
    return (odd > 0.9 * half and even < 0.1 * half) or (even > 0.9 * half and odd < 0.1 * half)


def encoding_hint(raw: bytes) -> str:
    try:
        raw.decode("cp1252")
    except UnicodeDecodeError:
        return "save it again as UTF-8 text"
    return WINDOWS_1252_HINT
