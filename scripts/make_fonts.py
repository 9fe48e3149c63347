"""Make the fonts kpicli ships: DejaVu Sans, four faces, cut down to the scripts council papers use.

    python scripts/make_fonts.py [DEJAVU_FOLDER]

Reads DejaVu Sans 2.37 (Debian's fonts-dejavu-core and fonts-dejavu-extra, in
/usr/share/fonts/truetype/dejavu by default) and writes kpicli/fonts/. The papers then look the
same, and are the same bytes, whatever fonts a machine has installed. DejaVu's licence (the
Bitstream Vera licence; DejaVu's changes are in the public domain) lets anyone modify and
redistribute the fonts, with the licence, under a name without "Bitstream" or "Vera"; the
licence, as the font itself carries it, is written to kpicli/fonts/LICENSE.

Kept: Latin (with the extended blocks Welsh, Irish, Polish, Romanian, Turkish and Vietnamese
names need), Greek, combining accents, punctuation, currency, arrows, mathematical operators,
geometric shapes and ticks. Hinting is dropped (WeasyPrint drops it from what it embeds too).
A character outside these falls back to a system font: it is drawn, but that paper's bytes
then depend on the machine.
"""

from __future__ import annotations

import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

REPO = Path(__file__).resolve().parents[1]
TARGET = REPO / "kpicli" / "fonts"
FACES = ("DejaVuSans", "DejaVuSans-Bold", "DejaVuSans-Oblique", "DejaVuSans-BoldOblique")
RANGES = (
    (0x0020, 0x007E),  # Basic Latin
    (0x00A0, 0x024F),  # Latin-1 Supplement, Latin Extended-A and -B
    (0x02B0, 0x02FF),  # spacing modifier letters
    (0x0300, 0x036F),  # combining diacritical marks
    (0x0370, 0x03FF),  # Greek
    (0x1E00, 0x1EFF),  # Latin Extended Additional (Welsh w and y with accents, Vietnamese)
    (0x2000, 0x206F),  # general punctuation
    (0x2070, 0x209F),  # superscripts and subscripts
    (0x20A0, 0x20CF),  # currency
    (0x2100, 0x218F),  # letterlike symbols, number forms (fractions)
    (0x2190, 0x21FF),  # arrows
    (0x2200, 0x22FF),  # mathematical operators
    (0x25A0, 0x25FF),  # geometric shapes
    (0x2713, 0x2718),  # ticks and crosses
    (0xFB00, 0xFB06),  # Latin ligatures
    (0xFFFD, 0xFFFD),  # replacement character
)


def cut(source: Path, target: Path) -> None:
    options = subset.Options()
    options.layout_features = ["*"]
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    options.hinting = False
    options.notdef_outline = True
    font = TTFont(source, recalcTimestamp=False)
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[code for first, last in RANGES for code in range(first, last + 1)])
    subsetter.subset(font)
    font.save(target)


def write_licence(source: Path) -> None:
    names = TTFont(source)["name"]
    copyright_notice, licence = (names.getDebugName(number) for number in (0, 13))
    preface = (
        f"The fonts in this folder are {names.getDebugName(1)} {names.getDebugName(5).removeprefix('Version ')}"
        " (https://dejavu-fonts.github.io/), cut down to the scripts council papers use by\n"
        "scripts/make_fonts.py. Their copyright and licence, as the fonts themselves give them:\n\n"
    )
    (TARGET / "LICENSE").write_text(f"{preface}{copyright_notice}\n\n{licence}\n", encoding="utf-8")


def main(folder: Path) -> None:
    TARGET.mkdir(exist_ok=True)
    write_licence(folder / f"{FACES[0]}.ttf")
    for face in FACES:
        cut(folder / f"{face}.ttf", TARGET / f"{face}.ttf")
        print(f"{face}.ttf: {(TARGET / f'{face}.ttf').stat().st_size:,} bytes")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else Path("/usr/share/fonts/truetype/dejavu"))
