"""A newcomer reads a module whole: none under kpicli/ runs past 450 lines (issue 20)."""

from pathlib import Path

import kpicli

LIMIT = 450


def test_no_module_is_longer_than_the_limit() -> None:
    package = Path(kpicli.__file__).parent
    lengths = {
        str(path.relative_to(package)): len(path.read_text(encoding="utf-8").splitlines())
        for path in package.rglob("*.py")
    }
    assert lengths, "no modules found"
    assert {name: n for name, n in lengths.items() if n > LIMIT} == {}
