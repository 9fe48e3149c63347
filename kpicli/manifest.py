"""Incremental builds: a manifest of input hashes beside each output folder, and a lock per period.

The manifest names and hashes every input, exempt ones included, so it is kept out of the period
folder that holds the public files: `OUT/.YYYY-MM.manifest.json`, beside the lock.

The check must cost almost nothing, so this module hashes files and imports only the standard
library and PyYAML (to find where the extracts are): no pydantic, no WeasyPrint.
"""

from __future__ import annotations

import hashlib
import json
import stat
from dataclasses import dataclass
from pathlib import Path

from kpicli import __version__
from kpicli.limits import MAX_TEXT_BYTES
from kpicli.staging import write_atomically

MANIFEST_FILE = "manifest.json"
CONFIG_FILE = "kpicli.yaml"
EXTRACTS = ("values.csv", "benchmarks.csv", "breakdowns.csv")
PROJECT_FILES = ("actions.yaml", "papers.yaml")


@dataclass(frozen=True, slots=True)
class Manifest:
    """What a build was made from: every input file's hash, kpicli's version and code."""

    period: str
    version: str
    code: str
    inputs: dict[str, str]
    warnings: int = 0

    def matches(self, other: Manifest) -> bool:
        return (self.period, self.version, self.code, self.inputs) == (
            other.period,
            other.version,
            other.code,
            other.inputs,
        )

    def to_json(self) -> str:
        return (
            json.dumps(
                {
                    "period": self.period,
                    "kpicli": self.version,
                    "code": self.code,
                    "warnings": self.warnings,
                    "inputs": dict(sorted(self.inputs.items())),
                },
                indent=2,
            )
            + "\n"
        )


def file_digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def files_under(folder: Path, patterns: tuple[str, ...]) -> list[Path]:
    if not folder.is_dir():
        return []
    return sorted({path for pattern in patterns for path in folder.glob(pattern) if path.is_file()})


LIVE_SOURCE = "data/database"


def read_config(root: Path) -> dict[str, object]:
    """kpicli.yaml as plain data; a broken, oversized or unusual file is left for `load` to
    report (this runs before it, and must not hang on a FIFO or a 20 MB file)."""
    import yaml

    path = root / CONFIG_FILE
    try:
        info = path.stat()
    except OSError:
        return {}
    if not stat.S_ISREG(info.st_mode) or info.st_size > MAX_TEXT_BYTES:
        return {}
    # PyYAML's safe loader builds each alias once, so an alias bomb costs no more than its text.
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        config = yaml.load(path.read_text(encoding="utf-8-sig"), Loader=loader)
    except (OSError, yaml.YAMLError, UnicodeDecodeError, RecursionError):
        return {}
    return config if isinstance(config, dict) else {}


def data_inputs(root: Path) -> list[tuple[str, Path]] | None:
    """The files the extracts come from, or None for a database, which no file hash can vouch for."""
    config = read_config(root)
    source = config.get("source")
    source = source if isinstance(source, dict) else {}
    kind = source.get("kind", "csv")
    if kind == "sql":
        return None
    if kind == "excel":
        workbook = source.get("workbook")
        return [("data/workbook", root / workbook)] if isinstance(workbook, str) else []
    folder = source.get("folder") or config.get("data_folder")
    data = root / (folder if isinstance(folder, str) else "sample_data")
    return [(f"data/{name}", data / name) for name in EXTRACTS]


def shared_inputs(
    root: Path, template_folders: tuple[Path, ...], data: list[tuple[str, Path]]
) -> list[tuple[str, Path]]:
    """Every input that does not depend on the period, keyed by a stable name."""
    named = [(CONFIG_FILE, root / CONFIG_FILE)]
    named += [
        (f"indicator_defs/{p.name}", p) for p in files_under(root / "indicator_defs", ("*.yaml", "*.yml"))
    ]
    named += data
    named += [(name, root / name) for name in PROJECT_FILES]
    for index, folder in enumerate(template_folders):
        named += [
            (f"templates{index}/{p.relative_to(folder).as_posix()}", p)
            for p in files_under(folder, ("**/*",))
        ]
    return [(name, path) for name, path in named if path.is_file()]


RECORD_FOLDER = "publication_record"


def period_inputs(root: Path, period: str) -> list[tuple[str, Path]]:
    """Every period's narrative (a paper reads its own period's and the last report's ('Last
    time we said'), and load checks every period's, so any of them can change or stop a build),
    and the publication records of the papers before this one (it is checked against them)."""
    narrative = root.resolve() / "narrative"
    named = [
        (f"narrative/{p.relative_to(narrative).as_posix()}", p) for p in files_under(narrative, ("*/*.md",))
    ]
    records = files_under(root.resolve() / RECORD_FOLDER, ("*.csv",))
    return named + [(f"{RECORD_FOLDER}/{p.name}", p) for p in records if p.stem < period]


def code_digest() -> str:
    """kpicli's own source, so a changed kpicli (even at the same version) rebuilds."""
    package = Path(__file__).resolve().parent
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*.py")):
        digest.update(path.relative_to(package).as_posix().encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


class InputHasher:
    """Hashes the shared inputs once, so a range of periods reads each file only once."""

    def __init__(self, root: Path, template_folders: tuple[Path, ...]) -> None:
        self.root = root
        resolved = root.resolve()
        data = data_inputs(resolved)
        self.shared = {
            name: file_digest(path) for name, path in shared_inputs(resolved, template_folders, data or [])
        }
        self.code = code_digest()
        if data is None:
            # A database changes without any file changing: never call such a build current.
            self.shared[LIVE_SOURCE] = "read at build time"

    def manifest_for(self, period: str) -> Manifest:
        inputs = dict(self.shared)
        inputs.update((name, file_digest(path)) for name, path in period_inputs(self.root, period))
        return Manifest(period, __version__, self.code, inputs)


def manifest_path(folder: Path) -> Path:
    """Where the manifest of the period folder `folder` is kept: beside it, never in it."""
    return folder.parent / f".{folder.name}.{MANIFEST_FILE}"


def write_manifest(folder: Path, manifest: Manifest) -> None:
    """Write atomically, so a manifest on disk is always whole."""
    write_atomically(manifest_path(folder), manifest.to_json())


def read_manifest(folder: Path) -> Manifest | None:
    try:
        data = json.loads(manifest_path(folder).read_text(encoding="utf-8"))
        return Manifest(
            period=str(data["period"]),
            version=str(data["kpicli"]),
            code=str(data["code"]),
            inputs={str(k): str(v) for k, v in data["inputs"].items()},
            warnings=int(data.get("warnings", 0)),
        )
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None


def is_up_to_date(folder: Path, wanted: Manifest, outputs: tuple[str, ...], strict: bool) -> bool:
    """True when the folder was built from exactly these inputs and holds every output. In
    strict mode a build that had warnings is never current: it must be rebuilt to fail."""
    built = read_manifest(folder)
    if LIVE_SOURCE in wanted.inputs:
        return False
    if built is None or not built.matches(wanted):
        return False
    if strict and built.warnings:
        return False
    return all((folder / name).is_file() for name in outputs)
