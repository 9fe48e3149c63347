"""A PDF/UA-1 checker for the conditions a machine can test (the Matterhorn Protocol's), read
with pikepdf. Each check returns the problems it found, so a failing test lists all of them.

What it checks: content is tagged or an artifact, never both nor neither; page furniture
(footer, page numbers, the Part 2 banner) is a pagination artifact; tables are not nested and
are well formed, with a caption read first, every header cell scoped and every Headers
reference resolvable in the ID tree; one structure element per HTML section, article, table
and list however many pages it crosses; headings start at H1 and never skip a level; the
title is shown; every figure's Alt states figures, and no chart sits inside a table; links say
where they go in words; fonts are embedded with a Unicode map.

What it cannot check (a person or veraPDF must): that the Alt text is true, that the reading
order matches the visual order, that colour is not the only way meaning is given, that the
language of every passage is right.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pikepdf

PAINTING = frozenset(
    {"Tj", "TJ", "'", '"', "Do", "S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "sh", "INLINE IMAGE"}
)
SHOWING_TEXT = frozenset({"Tj", "TJ", "'", '"'})
TABLE_PARTS = frozenset({"/Caption", "/THead", "/TBody", "/TFoot", "/TR"})
ROW_GROUPS = frozenset({"/THead", "/TBody", "/TFoot"})
CELLS = frozenset({"/TH", "/TD"})
SCOPES = frozenset({"/Row", "/Column", "/Both"})
HEADING = re.compile(r"/H([1-6])$")
# Words that say nothing on their own as the text of a link (WCAG 2.4.4, 2.4.9).
VAGUE_LINKS = frozenset(
    {"here", "click here", "more", "read more", "link", "this link", "this page", "details"}
)
URL = re.compile(r"^(https?|ftp|file|mailto):", re.IGNORECASE)
# HTML elements that WeasyPrint tags one for one; each must be one structure element.
HTML_TO_PDF = {"section": "/Sect", "article": "/Art", "table": "/Table", "ul": "/L", "ol": "/L", "dl": "/L"}


@dataclass
class Element:
    kind: str
    ref: tuple[int, int]
    parent: int | None
    page: int | None
    children: list[int] = field(default_factory=list)
    content: list[tuple[int, int]] = field(default_factory=list)
    annotations: list[tuple[int, int]] = field(default_factory=list)
    alt: str | None = None
    identifier: str | None = None
    attributes: dict[str, Any] = field(default_factory=dict)


@dataclass
class Marked:
    """One marked-content sequence of a page: its tag, MCID or artifact type, and what it paints."""

    page: int
    tag: str
    mcid: int | None
    artifact_type: str | None
    shows_text: bool
    inside_artifact: bool


@dataclass
class TaggedPdf:
    path: Path
    elements: list[Element]
    marked: list[Marked]
    unmarked_painting: list[tuple[int, str]]
    parent_tree: dict[tuple[int, int], tuple[int, int]]
    id_tree: dict[str, tuple[int, int]]
    annotations: list[dict[str, Any]]
    fonts: list[tuple[str, bool, bool]]
    catalog: dict[str, Any]
    page_count: int

    def under(self, index: int) -> Iterator[int]:
        for child in self.elements[index].children:
            yield child
            yield from self.under(child)

    def ancestors(self, index: int) -> Iterator[int]:
        parent = self.elements[index].parent
        while parent is not None:
            yield parent
            parent = self.elements[parent].parent

    def of_kind(self, kind: str) -> list[int]:
        return [i for i, element in enumerate(self.elements) if element.kind == kind]

    def where(self, index: int) -> str:
        element = self.elements[index]
        page = "?" if element.page is None else element.page + 1
        return f"{self.path.name} page {page} {element.kind} {element.ref[0]}"


def attribute_dicts(value: Any) -> Iterator[pikepdf.Dictionary]:
    if isinstance(value, pikepdf.Dictionary):
        yield value
    elif isinstance(value, pikepdf.Array):
        for item in value:
            if isinstance(item, pikepdf.Dictionary):
                yield item


def python_value(value: Any) -> Any:
    if isinstance(value, pikepdf.Name):
        return str(value)
    if isinstance(value, pikepdf.String):
        return str(value)
    if isinstance(value, pikepdf.Array):
        return [python_value(item) for item in value]
    if isinstance(value, bool | int | float):
        return value
    return str(value)


def read_structure(pdf: pikepdf.Pdf, pages: dict[tuple[int, int], int]) -> list[Element]:
    elements: list[Element] = []

    def visit(node: pikepdf.Dictionary, parent: int | None) -> None:
        page_object = node.get("/Pg")
        page = pages.get(page_object.objgen) if page_object is not None else None
        index = len(elements)
        element = Element(kind=str(node.get("/S")), ref=node.objgen, parent=parent, page=page)
        elements.append(element)
        if parent is not None:
            elements[parent].children.append(index)
        if "/Alt" in node:
            element.alt = str(node.Alt)
        if "/ID" in node:
            element.identifier = str(node.ID)
        for attributes in attribute_dicts(node.get("/A")):
            for key, value in attributes.items():
                element.attributes[key] = python_value(value)
        kids = node.get("/K")
        items = list(kids) if isinstance(kids, pikepdf.Array) else [] if kids is None else [kids]
        for item in items:
            if isinstance(item, int):
                if page is not None:
                    element.content.append((page, int(item)))
            elif isinstance(item, pikepdf.Dictionary):
                kind = item.get("/Type")
                if kind == "/MCR":
                    mcr_page = item.get("/Pg")
                    where = pages.get(mcr_page.objgen) if mcr_page is not None else page
                    if where is not None:
                        element.content.append((where, int(item.MCID)))
                elif kind == "/OBJR":
                    element.annotations.append(item.Obj.objgen)
                else:
                    visit(item, index)

    for kid in pdf.Root.StructTreeRoot.get("/K", pikepdf.Array()):
        visit(kid, None)
    return elements


def read_marked_content(pdf: pikepdf.Pdf) -> tuple[list[Marked], list[tuple[int, str]]]:
    marked: list[Marked] = []
    unmarked: list[tuple[int, str]] = []
    for number, page in enumerate(pdf.pages):
        properties = page.obj.get("/Resources", {}).get("/Properties", {})
        stack: list[Marked] = []
        for operands, operator in pikepdf.parse_content_stream(page):
            name = str(operator)
            if name in ("BDC", "BMC"):
                tag = str(operands[0])
                props = operands[1] if name == "BDC" else None
                if isinstance(props, pikepdf.Name):
                    props = properties.get(str(props))
                mcid = int(props.MCID) if isinstance(props, pikepdf.Dictionary) and "/MCID" in props else None
                artifact_type = None
                if tag == "/Artifact":
                    artifact_type = (
                        str(props.get("/Type", "")) if isinstance(props, pikepdf.Dictionary) else ""
                    )
                inside = any(m.tag == "/Artifact" for m in stack)
                sequence = Marked(number, tag, mcid, artifact_type, False, inside)
                stack.append(sequence)
                marked.append(sequence)
            elif name == "EMC":
                if stack:
                    stack.pop()
            elif name in PAINTING:
                if not stack:
                    unmarked.append((number, name))
                elif name in SHOWING_TEXT:
                    for sequence in stack:
                        sequence.shows_text = True
    return marked, unmarked


def read_number_tree(node: pikepdf.Dictionary) -> Iterator[tuple[Any, Any]]:
    for key in ("/Nums", "/Names"):
        if key in node:
            pairs = list(node[key])
            yield from zip(pairs[::2], pairs[1::2], strict=True)
    for kid in node.get("/Kids", []):
        yield from read_number_tree(kid)


def read_tagged_pdf(path: Path) -> TaggedPdf:
    with pikepdf.open(path) as pdf:
        pages = {page.obj.objgen: number for number, page in enumerate(pdf.pages)}
        elements = read_structure(pdf, pages)
        marked, unmarked = read_marked_content(pdf)
        tree_root = pdf.Root.StructTreeRoot
        parent_tree: dict[tuple[int, int], tuple[int, int]] = {}
        struct_parents = {
            int(page.obj.StructParents): number
            for number, page in enumerate(pdf.pages)
            if "/StructParents" in page.obj
        }
        if "/ParentTree" in tree_root:
            for key, value in read_number_tree(tree_root.ParentTree):
                page = struct_parents.get(int(key))
                if page is not None and isinstance(value, pikepdf.Array):
                    for mcid, parent in enumerate(value):
                        if isinstance(parent, pikepdf.Dictionary):
                            parent_tree[(page, mcid)] = parent.objgen
        id_tree = {}
        if "/IDTree" in tree_root:
            id_tree = {str(key): value.objgen for key, value in read_number_tree(tree_root.IDTree)}
        annotations = []
        for number, page in enumerate(pdf.pages):
            for annotation in page.obj.get("/Annots", []):
                annotations.append(
                    {
                        "page": number,
                        "ref": annotation.objgen,
                        "subtype": str(annotation.get("/Subtype")),
                        "contents": str(annotation.get("/Contents", "")),
                        "tabs": str(page.obj.get("/Tabs", "")),
                    }
                )
        fonts: dict[tuple[int, int], tuple[str, bool, bool]] = {}
        for page in pdf.pages:
            for font in page.obj.get("/Resources", {}).get("/Font", {}).values():
                descendants = font.get("/DescendantFonts", [font])
                descriptor = descendants[0].get("/FontDescriptor", {})
                embedded = any(key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3"))
                fonts[font.objgen] = (str(font.get("/BaseFont")), embedded, "/ToUnicode" in font)
        metadata = pdf.open_metadata()
        root = pdf.Root
        catalog = {
            "lang": str(root.get("/Lang", "")),
            "marked": bool(root.get("/MarkInfo", {}).get("/Marked", False)),
            "display_doc_title": bool(root.get("/ViewerPreferences", {}).get("/DisplayDocTitle", False)),
            "title": str(metadata.get("dc:title", "")),
            "info_title": str(pdf.docinfo.get("/Title", "")),
            "pdfua_part": str(metadata.get("pdfuaid:part", "")),
        }
        return TaggedPdf(
            path=path,
            elements=elements,
            marked=marked,
            unmarked_painting=unmarked,
            parent_tree=parent_tree,
            id_tree=id_tree,
            annotations=annotations,
            fonts=sorted(fonts.values()),
            catalog=catalog,
            page_count=len(pdf.pages),
        )


def check_content_is_tagged_or_artifact(pdf: TaggedPdf) -> list[str]:
    """Matterhorn 01-005 (neither), 01-006/07 (tagged content inside an artifact or unmapped):
    everything painted is in a marked sequence; a sequence with an MCID belongs to an element
    reachable from the structure root, and the parent tree says so."""
    problems = [
        f"{pdf.path.name} page {page + 1}: {op} outside marked content" for page, op in pdf.unmarked_painting
    ]
    owners = {key: element.ref for element in pdf.elements for key in element.content}
    for sequence in pdf.marked:
        if sequence.mcid is None:
            if sequence.tag != "/Artifact":
                problems.append(
                    f"{pdf.path.name} page {sequence.page + 1}: {sequence.tag} sequence with no MCID"
                )
            continue
        key = (sequence.page, sequence.mcid)
        where = f"{pdf.path.name} page {sequence.page + 1} MCID {sequence.mcid}"
        if sequence.inside_artifact:
            problems.append(f"{where}: tagged content inside an artifact")
        if key not in owners:
            problems.append(f"{where}: tagged content outside the structure tree")
        elif pdf.parent_tree.get(key) != owners[key]:
            problems.append(f"{where}: the parent tree points elsewhere")
    return problems


def check_page_furniture_is_pagination_artifact(pdf: TaggedPdf) -> list[str]:
    """Every page's running footer and page number (and the Part 2 banner) are text in
    /Artifact /Pagination sequences; their wording is checked by text on sample pages."""
    with_furniture = {m.page for m in pdf.marked if m.artifact_type == "/Pagination" and m.shows_text}
    return [
        f"{pdf.path.name} page {page + 1}: no text marked as a pagination artifact"
        for page in range(pdf.page_count)
        if page not in with_furniture
    ]


def check_furniture_text_is_not_read(path: Path, phrases: list[str], pages: list[int]) -> list[str]:
    """On the sample pages, each phrase (page number, reference, banner) is drawn only as
    artifact text, and no tagged text is drawn off the page (hidden yet read aloud)."""
    import pdfplumber

    problems = []
    with pdfplumber.open(path) as document:
        for number in (n % len(document.pages) for n in pages):
            page = document.pages[number]
            tagged, artifact, off_page = [], [], []
            for char in page.chars:
                if char.get("tag") == "Artifact":
                    artifact.append(char["text"])
                    continue
                tagged.append(char["text"])
                if (
                    char["x1"] < 0
                    or char["x0"] > page.width
                    or char["bottom"] < 0
                    or char["top"] > page.height
                ):
                    off_page.append(char["text"])
            if off_page:
                problems.append(
                    f"{path.name} page {number + 1}: tagged text {''.join(off_page)[:40]!r} is off the page"
                )
            tagged_text, artifact_text = "".join(tagged), "".join(artifact)
            for phrase in phrases:
                wanted = phrase.replace("{page}", str(number + 1)).replace(
                    "{pages}", str(len(document.pages))
                )
                squeezed = wanted.replace(" ", "")
                if squeezed not in artifact_text.replace(" ", ""):
                    problems.append(f"{path.name} page {number + 1}: {wanted!r} is not an artifact")
                if squeezed in tagged_text.replace(" ", ""):
                    problems.append(f"{path.name} page {number + 1}: {wanted!r} is read as content")
    return problems


def check_tables(pdf: TaggedPdf) -> list[str]:
    """No table inside a table; a table holds only its caption, row groups and rows, with one
    header group at most and the caption first; rows hold only cells."""
    problems = []
    for index in pdf.of_kind("/Table"):
        where = pdf.where(index)
        if any(pdf.elements[a].kind == "/Table" for a in pdf.ancestors(index)):
            problems.append(f"{where}: nested in another table")
        kinds = [pdf.elements[c].kind for c in pdf.elements[index].children]
        if unexpected := sorted(set(kinds) - TABLE_PARTS):
            problems.append(f"{where}: holds {', '.join(unexpected)}")
        for group in ("/THead", "/TFoot", "/Caption"):
            if kinds.count(group) > 1:
                problems.append(f"{where}: {kinds.count(group)} {group} (split at a page break?)")
        if "/Caption" in kinds and kinds[0] != "/Caption":
            problems.append(f"{where}: caption is not first")
    for index in pdf.of_kind("/TR"):
        kinds = {pdf.elements[c].kind for c in pdf.elements[index].children}
        if kinds - CELLS:
            problems.append(f"{pdf.where(index)}: row holds {', '.join(sorted(kinds - CELLS))}")
        parent = pdf.elements[index].parent
        if parent is None or pdf.elements[parent].kind not in ROW_GROUPS | {"/Table"}:
            problems.append(f"{pdf.where(index)}: row outside a table")
    return problems


def check_header_cells(pdf: TaggedPdf) -> list[str]:
    """Matterhorn 15-003 and 15-005: every TH has a Scope; every Headers entry names the ID of
    a TH in the same table, found through the ID tree."""
    problems = []
    refs = {element.ref: i for i, element in enumerate(pdf.elements)}
    for index in pdf.of_kind("/TH"):
        scope = pdf.elements[index].attributes.get("/Scope")
        if scope not in SCOPES:
            problems.append(f"{pdf.where(index)}: no Scope")
    for index in pdf.of_kind("/TD") + pdf.of_kind("/TH"):
        headers = pdf.elements[index].attributes.get("/Headers", [])
        table = next((a for a in pdf.ancestors(index) if pdf.elements[a].kind == "/Table"), None)
        for identifier in headers:
            target = refs.get(pdf.id_tree.get(identifier, (-1, -1)))
            if target is None:
                problems.append(f"{pdf.where(index)}: Headers {identifier} is not in the ID tree")
            elif pdf.elements[target].kind != "/TH" or table not in pdf.ancestors(target):
                problems.append(f"{pdf.where(index)}: Headers {identifier} is not a header of its table")
    return problems


def check_captions(pdf: TaggedPdf) -> list[str]:
    """Every table has a caption, first, with content that is read (tagged, not an artifact)."""
    problems = []
    for index in pdf.of_kind("/Table"):
        children = pdf.elements[index].children
        if not children or pdf.elements[children[0]].kind != "/Caption":
            problems.append(f"{pdf.where(index)}: no caption read before the table")
            continue
        caption = children[0]
        content = pdf.elements[caption].content + [
            c for d in pdf.under(caption) for c in pdf.elements[d].content
        ]
        if not content:
            problems.append(f"{pdf.where(caption)}: caption has no content")
    return problems


def check_headings(pdf: TaggedPdf) -> list[str]:
    """Matterhorn 14-002/003: the first heading is H1 and no heading skips a level."""
    levels = [(i, int(m.group(1))) for i, e in enumerate(pdf.elements) if (m := HEADING.match(e.kind))]
    if not levels:
        return [f"{pdf.path.name}: no headings"]
    problems = []
    if levels[0][1] != 1:
        problems.append(f"{pdf.where(levels[0][0])}: the first heading is not H1")
    for (_, before), (index, level) in itertools.pairwise(levels):
        if level > before + 1:
            problems.append(f"{pdf.where(index)}: H{level} follows H{before}")
    return problems


def check_title_and_language(pdf: TaggedPdf) -> list[str]:
    """Matterhorn 06-001..003, 07-001, 11-001: PDF/UA identifier, marked, a title shown in the
    window's title bar, and the document language."""
    catalog = pdf.catalog
    problems = []
    if catalog["pdfua_part"] != "1":
        problems.append("no pdfuaid:part 1 in the XMP metadata")
    if not catalog["marked"]:
        problems.append("MarkInfo /Marked is not true")
    if not catalog["title"].strip():
        problems.append("no dc:title")
    if not catalog["display_doc_title"]:
        problems.append("ViewerPreferences /DisplayDocTitle is not true")
    if not catalog["lang"]:
        problems.append("no /Lang")
    return [f"{pdf.path.name}: {problem}" for problem in problems]


def check_figures(pdf: TaggedPdf) -> list[str]:
    """Matterhorn 13-004: every figure has Alt; here it must state a finding in figures (two
    numbers at least, not 'Trend of ...'), and no figure sits in a table cell, where a
    sparkline beside figures is decoration, an artifact."""
    problems = []
    for index in pdf.of_kind("/Figure"):
        alt = (pdf.elements[index].alt or "").strip()
        if not alt:
            problems.append(f"{pdf.where(index)}: no Alt")
        elif re.match(r"(Trend|Line chart|Chart|Image|Graph) of\b", alt) or len(re.findall(r"\d", alt)) < 2:
            problems.append(f"{pdf.where(index)}: Alt does not state a finding: {alt[:60]!r}")
        if any(pdf.elements[a].kind in CELLS for a in pdf.ancestors(index)):
            problems.append(f"{pdf.where(index)}: figure in a table cell")
    return problems


def check_links(pdf: TaggedPdf) -> list[str]:
    """Matterhorn 28-004/008/011: each link annotation has Contents that make sense alone (words,
    not a URL, not 'here'), belongs to a Link element, and its page has tab order /S."""
    linked = {ref: i for i, element in enumerate(pdf.elements) for ref in element.annotations}
    problems = []
    for annotation in pdf.annotations:
        if annotation["subtype"] != "/Link":
            continue
        where = f"{pdf.path.name} page {annotation['page'] + 1} link"
        text = annotation["contents"].strip()
        if not text or URL.match(text) or text.lower() in VAGUE_LINKS or len(text.split()) < 3:
            problems.append(f"{where}: Contents {text[:60]!r} does not say where it goes")
        owner = linked.get(annotation["ref"])
        if owner is None or pdf.elements[owner].kind != "/Link":
            problems.append(f"{where}: not in a Link structure element")
        if annotation["tabs"] != "/S":
            problems.append(f"{where}: page tab order is not /S")
    return problems


def check_fonts(pdf: TaggedPdf) -> list[str]:
    """Matterhorn 31-001/009: every font is embedded and maps its glyphs to Unicode."""
    return [
        f"{pdf.path.name}: font {name} is {'not embedded' if not embedded else 'without ToUnicode'}"
        for name, embedded, unicode in pdf.fonts
        if not (embedded and unicode)
    ]


VOID = frozenset(
    {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}
)


class ElementCounter(HTMLParser):
    """Counts the HTML elements WeasyPrint tags one for one, leaving out anything inside a
    `screen-only` element (not printed, so not in the PDF)."""

    def __init__(self) -> None:
        super().__init__()
        self.counts: Counter[str] = Counter()
        self.open: list[bool] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        hidden = (
            bool(self.open and self.open[-1]) or "screen-only" in (dict(attrs).get("class") or "").split()
        )
        if tag in HTML_TO_PDF and not hidden:
            self.counts[HTML_TO_PDF[tag]] += 1
        if tag not in VOID:
            self.open.append(hidden)

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID and self.open:
            self.open.pop()


def html_structure_counts(html: str) -> Counter[str]:
    counter = ElementCounter()
    counter.feed(html)
    return counter.counts


def check_one_element_per_html_element(pdf: TaggedPdf, html: str) -> list[str]:
    """A section, article, table or list crossing page breaks is still one structure element:
    the PDF has exactly as many of each as the HTML it was made from."""
    wanted = html_structure_counts(html)
    found = Counter(element.kind for element in pdf.elements)
    return [
        f"{pdf.path.name}: {found[kind]} {kind} for {count} in the HTML"
        for kind, count in sorted(wanted.items())
        if found[kind] != count
    ]


STRUCTURE_CHECKS: dict[str, Callable[[TaggedPdf], list[str]]] = {
    "content is tagged or an artifact": check_content_is_tagged_or_artifact,
    "page furniture is a pagination artifact": check_page_furniture_is_pagination_artifact,
    "tables are not nested and well formed": check_tables,
    "every header cell is scoped": check_header_cells,
    "every table has a caption read aloud": check_captions,
    "headings run in order": check_headings,
    "title shown, language set": check_title_and_language,
    "figures state their finding": check_figures,
    "links make sense alone": check_links,
    "fonts embedded with Unicode": check_fonts,
}
