"""WeasyPrint's tagged PDF, finished so that it passes the PDF/UA-1 checks a machine can make.

WeasyPrint 70 tags the HTML's structure but leaves four faults (its issues #1836 and #2902):
the page margins (running footer, page number, the Part 2 banner) are tagged content that no
structure element holds; an element crossing a page break becomes one structure element per
page, and a table's header row, repeated on each page, is read again each time; header cells
have no Scope, and their IDs no ID tree; a link's description is its URL. `finish_tagging`
mends them with pikepdf. Which page fragments are one HTML element cannot be seen in the PDF,
so `recording_sources` notes it while WeasyPrint builds the tree.
"""

from __future__ import annotations

import io
import re
from collections.abc import Hashable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any
from urllib.parse import urlparse

import pikepdf

# The structure element's object number -> the HTML element (and pseudo-element) it came from.
Sources = dict[int, Hashable]
SOURCES: ContextVar[Sources | None] = ContextVar("kpicli_tag_sources", default=None)
PAGINATION = b"/Artifact\n<</Type /Pagination>>\nBDC"
DECORATION = b"/Artifact\n<</Type /Layout>>\nBDC"
# How pydyf writes the start of a marked-content sequence: tag, property list, operator.
MARKED_CONTENT = re.compile(rb"/(\w+)\n<</MCID (\d+)>>\nBDC")
REPEATED_GROUPS = ("/THead", "/TFoot")
CONTENT_ITEMS = ("/MCR", "/OBJR")


def link_description(element: Any) -> str:
    """What a link says on its own: its aria-label, or else its words; where those are too few
    to say where it goes (an officer's "here"), the address follows them."""
    label = element.get("aria-label")
    words = " ".join((label or "".join(element.itertext())).split())
    if len(words.split()) >= 3:
        return words
    target = urlparse(element.get("href", ""))
    where = (target.netloc + target.path) or target.fragment
    return f"{words} (link to {where})" if words else f"Link to {where}"


def install_source_recorder() -> None:
    """Wrap WeasyPrint's tree builder so each structure element it makes is noted with its
    HTML element (while a recording is open), and a link's description is its words."""
    import pydyf
    from weasyprint.pdf import tags

    original = tags._build_box_tree
    if getattr(original, "kpicli_records_sources", False):
        return

    def build_box_tree(box: Any, *args: Any) -> Iterator[Any]:
        sources = SOURCES.get()
        if sources is None:
            yield from original(box, *args)
            return
        source = getattr(box, "_box", box)  # an absolutely positioned box's placeholder
        key = None if source.element is None else (id(source.element), source.element_tag)
        annotation = getattr(source, "link_annotation", None)
        if annotation is not None and source.element is not None:
            annotation["Contents"] = pydyf.String(link_description(source.element))
        for element in original(box, *args):
            # The innermost call made the element; outer calls only pass it up.
            sources.setdefault(element.number, key)
            yield element

    build_box_tree.kpicli_records_sources = True  # type: ignore[attr-defined]
    tags._build_box_tree = build_box_tree


@contextmanager
def recording_sources() -> Iterator[Sources]:
    install_source_recorder()
    sources: Sources = {}
    token = SOURCES.set(sources)
    try:
        yield sources
    finally:
        SOURCES.reset(token)


class Node:
    """A structure element read once from the PDF (each pikepdf access costs microseconds and
    a paper has thousands of elements): its type, page, source and kids, which are nodes,
    MCIDs on its page, or marked-content and object references."""

    __slots__ = ("changed", "kids", "kind", "obj", "page", "source")

    def __init__(
        self, obj: pikepdf.Dictionary, kind: str, page: pikepdf.Object | None, source: Hashable
    ) -> None:
        self.obj = obj
        self.kind = kind
        self.page = page
        self.source = source
        self.kids: list[Node | int | pikepdf.Dictionary] = []
        self.changed = False

    def walk(self) -> Iterator[Node]:
        for kid in self.kids:
            if isinstance(kid, Node):
                yield kid
                yield from kid.walk()

    def content(self) -> Iterator[tuple[int, int]]:
        """(page object number, MCID) of the marked content under this element."""
        for kid in self.kids:
            if isinstance(kid, int):
                if self.page is not None:
                    yield self.page.objgen[0], kid
            elif isinstance(kid, Node):
                yield from kid.content()
            elif kid.get("/Type") == "/MCR":
                page = kid.get("/Pg", self.page)
                if page is not None:
                    yield page.objgen[0], int(kid.MCID)


def read_node(obj: pikepdf.Dictionary, sources: Mapping[int, Hashable]) -> Node:
    node = Node(obj, str(obj.get("/S")), obj.get("/Pg"), sources.get(obj.objgen[0]))
    kids = obj.get("/K")
    items: list[Any] = [] if kids is None else list(kids) if isinstance(kids, pikepdf.Array) else [kids]
    for item in items:
        if isinstance(item, pikepdf.Dictionary) and item.get("/Type") not in CONTENT_ITEMS:
            node.kids.append(read_node(item, sources))
        else:
            node.kids.append(int(item) if isinstance(item, int) else item)
    return node


class Finisher:
    """One pass over one PDF's structure tree: merge page fragments, drop repeated header
    rows and decorative figures, scope header cells, then mark what is no longer tagged as
    artifacts and rebuild the parent and ID trees to match."""

    def __init__(self, pdf: pikepdf.Pdf, sources: Mapping[int, Hashable]) -> None:
        self.pdf = pdf
        root = pdf.Root.StructTreeRoot.K
        kids: list[Any] = list(root) if isinstance(root, pikepdf.Array) else [root]
        self.documents = [read_node(kid, sources) for kid in kids]
        self.decoration: set[tuple[int, int]] = set()  # (page object number, MCID)
        self.id_aliases: dict[str, str] = {}

    def merge_fragments(self, node: Node) -> None:
        merged: list[Node | int | pikepdf.Dictionary] = []
        for kid in node.kids:
            previous = merged[-1] if merged else None
            if (
                isinstance(kid, Node)
                and isinstance(previous, Node)
                and kid.source is not None
                and kid.source == previous.source
                and kid.kind == previous.kind
                and kid.page != previous.page
            ):
                self.absorb(previous, kid)
                node.changed = True
            else:
                merged.append(kid)
        node.kids = merged
        for kid in merged:
            if isinstance(kid, Node):
                self.merge_fragments(kid)

    def absorb(self, first: Node, fragment: Node) -> None:
        """Move a later page's fragment into the element it continues. Its integer MCIDs
        belong to its own page, so they become marked-content references naming it."""
        groups = {k.source: k for k in first.kids if isinstance(k, Node) and k.kind in REPEATED_GROUPS}
        for kid in fragment.kids:
            if isinstance(kid, int) and fragment.page != first.page:
                first.kids.append(pikepdf.Dictionary(Type=pikepdf.Name.MCR, Pg=fragment.page, MCID=kid))
            elif isinstance(kid, Node) and kid.kind in REPEATED_GROUPS and kid.source in groups:
                self.drop_repeated_group(groups[kid.source], kid)
            else:
                if isinstance(kid, Node):
                    kid.obj.P = first.obj
                first.kids.append(kid)
        first.changed = True

    def drop_repeated_group(self, original: Node, repeat: Node) -> None:
        """A header row drawn again at the top of a page is page furniture (its content, held
        by no element, becomes a pagination artifact); cells that named its header cells name
        the original's instead."""
        first_cells = [n for n in original.walk() if n.kind == "/TH" and "/ID" in n.obj]
        repeat_cells = [n for n in repeat.walk() if n.kind == "/TH" and "/ID" in n.obj]
        for cell, again in zip(first_cells, repeat_cells, strict=False):
            self.id_aliases[str(again.obj.ID)] = str(cell.obj.ID)

    def drop_decorative_figures(self, node: Node) -> None:
        """A figure with no Alt (an image with alt="", like a sparkline beside the figures it
        draws) is decoration: an artifact, not an empty figure a reader stops at."""
        kept: list[Node | int | pikepdf.Dictionary] = []
        for kid in node.kids:
            if isinstance(kid, Node):
                if kid.kind == "/Figure" and not str(kid.obj.get("/Alt", "")).strip():
                    self.decoration.update(kid.content())
                    node.changed = True
                    continue
                self.drop_decorative_figures(kid)
            kept.append(kid)
        node.kids = kept

    def scope_header_cells(self, document: Node) -> None:
        """A header cell is a row header when a data cell of its own row names it (WeasyPrint
        links a TD to its row's scope="row" headers), a column header otherwise. Headers that
        named a repeated header row name the original row's cells."""
        for row in (n for n in document.walk() if n.kind == "/TR"):
            named: set[str] = set()
            headers: list[Node] = []
            for cell in row.kids:
                if not isinstance(cell, Node):
                    continue
                attributes = cell.obj.get("/A")
                if cell.kind == "/TH":
                    headers.append(cell)
                if isinstance(attributes, pikepdf.Dictionary) and "/Headers" in attributes:
                    names = [str(h) for h in attributes.Headers]
                    if any(name in self.id_aliases for name in names):
                        names = [self.id_aliases.get(name, name) for name in names]
                        attributes.Headers = pikepdf.Array([pikepdf.String(name) for name in names])
                    if cell.kind == "/TD":
                        named.update(names)
            for cell in headers:
                attributes = cell.obj.get("/A")
                if not isinstance(attributes, pikepdf.Dictionary):
                    attributes = cell.obj.A = pikepdf.Dictionary(O=pikepdf.Name.Table)
                row_header = str(cell.obj.get("/ID", "")) in named
                attributes.Scope = pikepdf.Name.Row if row_header else pikepdf.Name.Column

    def write_kids(self, node: Node) -> None:
        if node.changed:
            node.obj.K = pikepdf.Array([k.obj if isinstance(k, Node) else k for k in node.kids])
        for kid in node.kids:
            if isinstance(kid, Node):
                self.write_kids(kid)

    def rebuild_parent_tree(self) -> set[tuple[int, int]]:
        """The parent tree again from the structure as it now is: for each page, its MCIDs'
        elements; for each annotation, its Link. Returns the content still tagged."""
        by_page: dict[int, dict[int, pikepdf.Dictionary]] = {}
        annotations: dict[int, pikepdf.Dictionary] = {}
        for node in (n for document in self.documents for n in document.walk()):
            for kid in node.kids:
                if isinstance(kid, int):
                    if node.page is not None:
                        by_page.setdefault(node.page.objgen[0], {})[kid] = node.obj
                elif isinstance(kid, pikepdf.Dictionary):
                    if kid.get("/Type") == "/MCR":
                        where: Any = kid.get("/Pg", node.page)
                        by_page.setdefault(where.objgen[0], {})[int(kid.MCID)] = node.obj
                    elif kid.get("/Type") == "/OBJR" and "/StructParent" in kid.Obj:
                        annotations[int(kid.Obj.StructParent)] = node.obj
        numbers: dict[int, Any] = dict(annotations)
        for page in self.pdf.pages:
            if "/StructParents" in page.obj:
                mcids = by_page.get(page.obj.objgen[0], {})
                row = [mcids.get(m) for m in range(max(mcids) + 1)] if mcids else []
                numbers[int(page.obj.StructParents)] = pikepdf.Array(row)
        flat = [x for key in sorted(numbers) for x in (key, numbers[key])]
        tree_root = self.pdf.Root.StructTreeRoot
        tree_root.ParentTree = self.pdf.make_indirect(pikepdf.Dictionary(Nums=pikepdf.Array(flat)))
        tree_root.ParentTreeNextKey = max(numbers, default=-1) + 1
        return {(page, mcid) for page, mcids in by_page.items() for mcid in mcids}

    def build_id_tree(self) -> None:
        identified = sorted(
            (str(n.obj.ID), n.obj)
            for document in self.documents
            for n in document.walk()
            if n.kind == "/TH" and "/ID" in n.obj
        )
        if identified:
            names = [x for name, element in identified for x in (pikepdf.String(name), element)]
            self.pdf.Root.StructTreeRoot.IDTree = self.pdf.make_indirect(
                pikepdf.Dictionary(Names=pikepdf.Array(names))
            )

    def mark_artifacts(self, tagged: set[tuple[int, int]]) -> None:
        """Marked content no element holds any more becomes an artifact: a decorative figure
        as layout, everything else (margins, repeated header rows) as pagination."""
        for page in self.pdf.pages:
            number = page.obj.objgen[0]
            contents = page.obj.Contents
            for stream in contents if isinstance(contents, pikepdf.Array) else [contents]:
                data = stream.read_bytes()

                def retag(match: re.Match[bytes], number: int = number) -> bytes:
                    key = (number, int(match.group(2)))
                    if key in tagged:
                        return match.group(0)
                    return DECORATION if key in self.decoration else PAGINATION

                changed = MARKED_CONTENT.sub(retag, data)
                if changed != data:
                    stream.write(changed)

    def finish(self) -> None:
        for document in self.documents:
            self.merge_fragments(document)
            self.drop_decorative_figures(document)
            self.scope_header_cells(document)
            self.write_kids(document)
        self.build_id_tree()
        self.mark_artifacts(self.rebuild_parent_tree())


def finish_tagging(data: bytes, sources: Mapping[int, Hashable]) -> bytes:
    """The PDF WeasyPrint wrote, with its structure tree mended; the same input gives the same
    bytes (the file identifier is made from the content)."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        Finisher(pdf, sources).finish()
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True)
        return out.getvalue()
