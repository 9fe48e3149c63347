"""`kpicli init DIR`: a new papers project, copied from the sample that ships with kpicli, or
with --blank the smallest project that builds, to fill in."""

from __future__ import annotations

import shutil
from importlib import resources
from pathlib import Path

from kpicli.errors import UsageError

# The sample project's parts, as pyproject.toml force-includes them into kpicli/sample_project.
SAMPLE_FILES = ("kpicli.yaml", "actions.yaml", "papers.yaml")
SAMPLE_FOLDERS = ("indicator_defs", "sample_data", "narrative")
# Copied when present: editors use the JSON Schemas the YAML files' `$schema` lines name.
OPTIONAL_FOLDERS = ("schema",)


def sample_project_folder() -> Path:
    """The sample inside the wheel, or the repository root when run from a source checkout."""
    shipped = Path(str(resources.files("kpicli") / "sample_project"))
    if (shipped / "kpicli.yaml").is_file():
        return shipped
    return Path(__file__).resolve().parents[2]


def check_empty(target: Path) -> None:
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise UsageError(f"{target} is not empty; choose a new folder")


def create_project(target: Path) -> list[str]:
    """Copy the sample into `target`, which must not exist or be empty; return what was made."""
    check_empty(target)
    source = sample_project_folder()
    target.mkdir(parents=True, exist_ok=True)
    made = []
    for name in SAMPLE_FILES:
        shutil.copyfile(source / name, target / name)
        made.append(name)
    for name in SAMPLE_FOLDERS:
        shutil.copytree(source / name, target / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        made.append(f"{name}/")
    return made + copy_optional_folders(source, target)


def copy_optional_folders(source: Path, target: Path) -> list[str]:
    """The optional folders the sample has (its JSON Schemas), copied; return what was made."""
    made = []
    for name in OPTIONAL_FOLDERS:
        if (source / name).is_dir():
            shutil.copytree(source / name, target / name)
            made.append(f"{name}/")
    return made


# `kpicli init --blank`: the smallest project that validates and builds, one example indicator
# to copy, every line a new user must change marked; the sample's 44 indicators, narrative and
# London settings would all have to be deleted by hand.
BLANK_FILES = {
    "kpicli.yaml": """\
# yaml-language-server: $schema=schema/config.schema.json
$schema: schema/config.schema.json
# Who the paper is from and for: change each of these.
authority: Your Council
committee: Children's Services Scrutiny Committee
title: Children's Services Performance
contact:
  name: Your Name
  role: Performance Officer
  email: performance@example.gov.uk
# The paper's sections, in order; each indicator names one by its id.
sections:
  - id: childrens-social-care
    title: Children's Social Care
# Each committee meeting: the report period its paper is as at, its date and its reference.
meetings:
  - period: "2025-03"
    date: 2025-06-17
    reference: CYP25001
# The CSV extracts: values.csv (your figures), benchmarks.csv (other areas', e.g. from
# kpicli import dfe), breakdowns.csv (optional).
data_folder: data
""",
    "indicator_defs/re-referrals.yaml": """\
# yaml-language-server: $schema=../schema/indicator.schema.json
$schema: "../schema/indicator.schema.json"
# An example indicator: copy this file for each of yours (the README lists every key).
id: re-referrals
number: 1
title: Re-referrals to children's social care within 12 months
section: childrens-social-care
definition: >-
  Referrals to children's social care in the month about a child referred within the previous
  12 months, as a percentage of all referrals in the month.
unit: percent
polarity: lower_is_better
frequency: month
decimals: 1
rag:
  kind: thresholds
  green: 22
  red: 25
comparators: []
control: partial
owner: Head of Assessment
""",
    "data/values.csv": """\
indicator,period,value,numerator,denominator
re-referrals,2025-01,,52,250
re-referrals,2025-02,,49,240
re-referrals,2025-03,,55,262
""",
    "data/benchmarks.csv": "indicator,period,area,value,published\n",
}
# Empty folders the project uses: officer narrative by report period.
BLANK_FOLDERS = ("narrative",)


def create_blank_project(target: Path) -> list[str]:
    """Write the blank project into `target`, which must not exist or be empty."""
    check_empty(target)
    target.mkdir(parents=True, exist_ok=True)
    for name, text in BLANK_FILES.items():
        (target / name).parent.mkdir(parents=True, exist_ok=True)
        (target / name).write_text(text, encoding="utf-8")
    for name in BLANK_FOLDERS:
        (target / name).mkdir()
    made = [*BLANK_FILES, *(f"{name}/" for name in BLANK_FOLDERS)]
    return made + copy_optional_folders(sample_project_folder(), target)
