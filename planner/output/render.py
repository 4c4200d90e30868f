"""Print a programme: a PDF (WeasyPrint) or a screen page (HTML) from ``templates/``.

One :class:`Renderer` per process holds what is costly to set up (the Jinja environment,
the fonts and the compiled stylesheets) and renders any number of programmes::

    renderer = Renderer(paper="letter")
    result = renderer.render(program, catalogue, target=Path("plan.pdf"))
    result.pdf          # the document's bytes, also written to target when one is given
    result.pages        # page count, for reports and batch statistics
    result.bookmarks    # (label, first page) of the cover, overview, weeks and guide

Nothing is fetched from outside the package: the URL fetcher (:mod:`.fetcher`) serves the
package's own template files, the one logo file named in ``profile.trainer.logo`` and
``data:`` URIs, and refuses anything else with a :class:`RenderError`. All text is
HTML-escaped, so a client name or a note that looks like markup prints as written.

What is printed is worded before the templates see it (:func:`~.view.build_view`), and
the week pages are planned here, not left to chance: sessions are packed onto pages
from their printed height, measured with the font's own widths
(:func:`~.pages.plan_week_pages`), so a week of up to four sessions of six or seven
exercises takes one page, and where each week starts is known before WeasyPrint runs.
The cover and the overview are one page each whatever the names and phases; the guide
follows the last week.

Speed: a render costs about what WeasyPrint needs for the same pages of plain tables
(``benchmarks/render.py``); its time grows with the cells, lines and blocks laid out,
hardly with the text in them. What makes that so is written where it is done: four
cells a row, plain text in table cells, one image cell for a row's set boxes
(:mod:`.set_boxes`), chart labels as HTML, our own user-agent stylesheet and the XML
parser for our own markup (:mod:`.weasy`, the one module that reaches past WeasyPrint's
public API), margin boxes of fixed width, and no garbage collection while a document is
being built.
"""

from __future__ import annotations

import base64
import gc
import mimetypes
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from thrustplan.exercise_db.catalogue import Catalogue
from thrustplan.planner.output import weasy
from thrustplan.planner.output.errors import RenderError
from thrustplan.planner.output.fetcher import TEMPLATE_DIR, package_fetcher, refusal
from thrustplan.planner.output.files import write_atomically
from thrustplan.planner.output.paper import PAPERS
from thrustplan.planner.output.set_boxes import set_boxes_css, set_boxes_png
from thrustplan.planner.output.view import build_view
from thrustplan.planner.output.week_view import format_plates, format_rest
from thrustplan.rules.program import Program

#: Defined in the modules beside this one; callers and tests import them from here too.
__all__ = [
    "PAPERS",
    "TEMPLATE_DIR",
    "RenderError",
    "build_view",
    "format_plates",
    "format_rest",
    "package_fetcher",
    "set_boxes_png",
]

THEME_DIR = TEMPLATE_DIR / "themes"


@dataclass(frozen=True)
class RenderResult:
    """A rendered PDF and what a caller may want to report about it."""

    pdf: bytes
    #: Number of pages in the PDF.
    pages: int
    #: Top-level bookmarks as (label, first page, 1-based), in document order.
    bookmarks: tuple[tuple[str, int], ...]


# --- resources ----------------------------------------------------------------------


def _read_theme(theme: str | None) -> tuple[str, str] | None:
    """(name, css) of a theme: a bundled name, or the path of a ``.css`` file."""
    if theme is None:
        return None
    bundled = THEME_DIR / f"{theme}.css"
    if re.fullmatch(r"[a-z0-9-]+", theme) and bundled.is_file():
        return theme, bundled.read_text(encoding="utf-8")
    path = Path(theme)
    if path.suffix == ".css" and path.is_file():
        return path.name, path.read_text(encoding="utf-8")
    names = ", ".join(sorted(p.stem for p in THEME_DIR.glob("*.css")))
    raise RenderError(f"theme {theme!r}: not a bundled theme ({names}) nor a .css file")


def _environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATE_DIR),
        # Everything is escaped, whatever the file is called: names and notes are data.
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    return env


# --- the renderer -------------------------------------------------------------------


class Renderer:
    """Renders programmes to PDF or HTML, reusing fonts and stylesheets between documents.

    ``paper`` is ``"a4"`` or ``"letter"``; ``theme`` is the name of a bundled theme
    (``templates/themes/<name>.css``) or the path of a stylesheet applied last. A
    renderer keeps per-document state while it works: use one per thread or process.

    A trainer's ``logo`` is printed as given: the application checks it first (where it
    may come from, what it holds), and it is the one file outside the package that the
    renderer will read.
    """

    def __init__(self, paper: str = "a4", theme: str | None = None) -> None:
        if paper.lower() not in PAPERS:
            raise RenderError(f"paper {paper!r}: use one of {', '.join(PAPERS)}")
        self.paper = PAPERS[paper.lower()]
        self._theme = _read_theme(theme)
        self._env = _environment()
        self._template = self._env.get_template("program.html")
        self._css_text = [
            (TEMPLATE_DIR / "base.css").read_text(encoding="utf-8"),
            (TEMPLATE_DIR / self.paper.stylesheet).read_text(encoding="utf-8"),
        ]
        if self._theme is not None:
            self._css_text.append(self._theme[1])
        self._screen_css = (TEMPLATE_DIR / "screen.css").read_text(encoding="utf-8")
        self._weasy: Any = None
        self._fast_parse = False

    def _setup(self) -> Any:
        """Load WeasyPrint, the fonts and the compiled stylesheets once, on first use."""
        if self._weasy is None:
            weasyprint = weasy.load()
            font_config = weasy.font_configuration()
            fetcher = package_fetcher()
            base_url = TEMPLATE_DIR.resolve().as_uri() + "/"
            with weasy.fetch_failures_raised_as(RenderError):
                stylesheets = [
                    weasyprint.CSS(
                        string=css, base_url=base_url, url_fetcher=fetcher, font_config=font_config
                    )
                    for css in self._css_text
                ]
            user_agent = (TEMPLATE_DIR / "user-agent.css").read_text(encoding="utf-8")
            html_class = weasy.html_class(weasyprint, user_agent)
            self._fast_parse = weasy.fast_parse_works(html_class)
            self._weasy = (html_class, font_config, fetcher, stylesheets, base_url)
        return self._weasy

    def _html(
        self, program: Program, catalogue: Catalogue, *, screen: bool, logo: Path | None
    ) -> str:
        logo_url = None
        if logo is not None:
            if screen:
                kind = mimetypes.guess_type(logo.name)[0] or "application/octet-stream"
                encoded = base64.b64encode(logo.read_bytes()).decode("ascii")
                logo_url = f"data:{kind};base64,{encoded}"
            else:
                logo_url = logo.as_uri()
        view = build_view(program, catalogue, self.paper, logo_url)
        styles = None
        if screen:
            css = [*self._css_text, self._screen_css]
            # The styles sit inside <style>: keep any "</" from closing it early.
            styles = Markup("\n".join(css).replace("</", "<\\/"))
        return self._template.render(
            v=view,
            styles=styles,
            paper=self.paper.name,
            nl="\n",
            set_boxes=set_boxes_css(view.max_sets),
        )

    def render_html(
        self, program: Program, catalogue: Catalogue, *, logo: Path | None = None
    ) -> str:
        """The programme as one self-contained HTML page for a screen (styles and logo inline)."""
        return self._html(program, catalogue, screen=True, logo=logo)

    def layout(self, program: Program, catalogue: Catalogue, *, logo: Path | None = None) -> Any:
        """The laid-out WeasyPrint document (pages and their boxes), not yet a PDF.

        For tests and tools that inspect where things landed; :meth:`render` writes it.
        """
        html_class, font_config, fetcher, stylesheets, base_url = self._setup()
        html = self._html(program, catalogue, screen=False, logo=logo)
        fetcher.logo = logo
        fetcher.refused.clear()
        try:
            with weasy.fetch_failures_raised_as(RenderError):
                parsed = weasy.parse_document(html_class, html, base_url, fetcher, self._fast_parse)
                document = parsed.render(stylesheets=stylesheets, font_config=font_config)
        finally:
            fetcher.logo = None
        if fetcher.refused:
            # WeasyPrint swallows some failures (an image inside an SVG logo); say so anyway.
            raise RenderError(refusal(fetcher.refused[0]))
        return document

    def render(
        self,
        program: Program,
        catalogue: Catalogue,
        target: Path | None = None,
        *,
        logo: Path | None = None,
    ) -> RenderResult:
        """Render the PDF, and write it atomically to ``target`` when given."""
        # A render allocates a few hundred thousand objects that all live until the PDF
        # is written: collecting garbage while they pile up costs a sixth of the time.
        collecting = gc.isenabled()
        gc.disable()
        fetcher = self._setup()[2]
        try:
            document = self.layout(program, catalogue, logo=logo)
            pdf = document.write_pdf()
            if fetcher.refused:
                # Images inside an SVG logo are fetched while drawing, and WeasyPrint
                # swallows their failure; refuse the document all the same.
                raise RenderError(refusal(fetcher.refused[0]))
            pages = len(document.pages)
            bookmarks = tuple(
                (label, place[0] + 1) for label, place, _, _ in document.make_bookmark_tree()
            )
            del document
        finally:
            if collecting:
                gc.enable()
        if target is not None:
            write_atomically(Path(target), pdf)
        return RenderResult(pdf=pdf, pages=pages, bookmarks=bookmarks)
