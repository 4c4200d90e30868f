"""The WeasyPrint internals planner/output/weasy.py relies on are still there and still
behave as it expects.

Each test names the internal it checks in its failure message. When one fails after a
WeasyPrint upgrade, adapt ``planner/output/weasy.py`` (its docstring lists what it uses
and why) before raising the version bound in ``pyproject.toml``.
"""

from __future__ import annotations

import inspect
import io
from typing import Any

import pytest
from pypdf import PdfReader

from tests.factories import catalogue_program
from thrustplan.exercise_db.catalogue import builtin_catalogue
from thrustplan.planner.output import weasy
from thrustplan.planner.output.fetcher import TEMPLATE_DIR, package_fetcher
from thrustplan.planner.output.render import Renderer

weasyprint = weasy.load()

#: Well-formed markup with what the templates use: entities, a table with a header, a
#: data: image, a list, attributes and text in the tail of elements.
PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8" /><title>Probe &amp; co</title></head>
<body><h1 class="title">Zoë &#8211; “quoted” &lt;tag&gt;</h1>
<table><thead><tr><th>Exercise</th><th>Load</th></tr></thead>
<tbody><tr><td>Hip thrust<br />pause 1 s</td><td>80 kg</td></tr></tbody></table>
<p>Before <b>bold</b> after. <img alt="" src="data:image/gif;base64,R0lGODlhAQABAAAAACw=" /></p>
<ul><li>one</li><li>two</li></ul></body></html>
"""


def changed(internal: str, what: str) -> str:
    """The failure message for an internal that no longer behaves as weasy.py expects."""
    return (
        f"WeasyPrint {weasyprint.__version__}: {internal} {what}. "
        "planner/output/weasy.py relies on it (its docstring says why); adapt that module "
        "before raising the weasyprint bound in pyproject.toml."
    )


def pdf_text(pdf: bytes) -> str:
    return "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)


def test_the_user_agent_hook_exists_with_its_signature() -> None:
    method = getattr(weasyprint.HTML, "_ua_stylesheets", None)
    assert callable(method), changed("weasyprint.HTML._ua_stylesheets", "is gone")
    parameters = list(inspect.signature(method).parameters)
    assert parameters == ["self", "forms"], changed(
        "weasyprint.HTML._ua_stylesheets", f"takes {parameters}, not (self, forms)"
    )
    from weasyprint import html as wp_html

    assert hasattr(wp_html, "UA_COUNTER_STYLE"), changed(
        "weasyprint.html.UA_COUNTER_STYLE", "is gone"
    )


def test_weasyprint_prints_with_our_user_agent_stylesheet() -> None:
    """A user-agent sheet that hides paragraphs hides them: WeasyPrint asks the hook."""
    ours = weasy.html_class(weasyprint, "p { display: none } body { display: block }")
    assert ours is not weasyprint.HTML, changed(
        "weasyprint.HTML._ua_stylesheets or weasyprint.html.UA_COUNTER_STYLE",
        "is gone, so the stock user-agent stylesheet is used",
    )
    markup = "<html><body><div>shown</div><p>hidden</p></body></html>"
    stock = pdf_text(weasyprint.HTML(string=markup).write_pdf())
    printed = pdf_text(ours(string=markup).write_pdf())
    assert "hidden" in stock
    assert "shown" in printed and "hidden" not in printed, changed(
        "weasyprint.HTML._ua_stylesheets", "is no longer what rendering reads the sheet from"
    )


def test_a_parsed_document_holds_exactly_what_the_fast_parse_sets() -> None:
    parsed = set(vars(weasyprint.HTML(string=PAGE)))
    assert parsed == weasy.PARSED_ATTRIBUTES, changed(
        "weasyprint.HTML.__init__",
        f"sets {sorted(parsed)}, not {sorted(weasy.PARSED_ATTRIBUTES)}",
    )
    assert weasy.fast_parse_works(weasyprint.HTML)
    import cssselect2

    wrap = cssselect2.ElementWrapper.from_html_root
    parameters = inspect.signature(wrap).parameters
    assert "content_language" in parameters, changed(
        "cssselect2.ElementWrapper.from_html_root", "takes no content_language"
    )


def tree(element: Any) -> list[tuple[str, dict[str, str], str, str]]:
    """Every element of a tree with its attributes, text and tail, in document order."""
    return [
        (node.tag, dict(node.attrib), (node.text or "").strip(), (node.tail or "").strip())
        for node in element.iter()
    ]


def test_the_fast_parse_builds_the_document_the_html5_parser_builds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    fetcher = package_fetcher()
    base_url = TEMPLATE_DIR.resolve().as_uri() + "/"
    slow = weasy.parse_document(weasyprint.HTML, PAGE, base_url, fetcher, fast=False)
    import tinyhtml5  # type: ignore[import-untyped]

    def no_html5(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("the fast parse ran the HTML5 parser")

    monkeypatch.setattr(tinyhtml5, "parse", no_html5)
    fast = weasy.parse_document(weasyprint.HTML, PAGE, base_url, fetcher, fast=True)
    monkeypatch.undo()
    assert type(fast) is weasyprint.HTML
    for name in sorted(weasy.PARSED_ATTRIBUTES - {"wrapper_element", "etree_element"}):
        assert getattr(fast, name) == getattr(slow, name), changed(
            f"weasyprint.HTML.__init__ ({name})", "sets it differently from the fast parse"
        )
    assert type(fast.wrapper_element) is type(slow.wrapper_element)
    assert tree(fast.etree_element) == tree(slow.etree_element), changed(
        "weasyprint.HTML.__init__", "builds a different tree from the XML parser's"
    )
    assert fast.write_pdf() == slow.write_pdf(), changed(
        "weasyprint.HTML", "prints a document built by the fast parse differently"
    )


def test_a_programme_prints_the_same_through_either_parse() -> None:
    """The templates' own output, with everything a programme has, both ways."""
    catalogue = builtin_catalogue()
    program = catalogue_program(weeks=2, days=3, name='Zoë "Z" <O\'Neil> & co', note="a < b & c")
    markup = Renderer().render_html(program, catalogue)
    html_class = weasy.html_class(weasyprint, "")
    fetcher = package_fetcher()
    base_url = TEMPLATE_DIR.resolve().as_uri() + "/"
    slow = weasy.parse_document(html_class, markup, base_url, fetcher, fast=False)
    fast = weasy.parse_document(html_class, markup, base_url, fetcher, fast=True)
    # The trees may differ where the HTML5 parser adds what it implies (a <tbody> round
    # rows); WeasyPrint's layout adds the same boxes, so the pages must not.
    assert fast.write_pdf() == slow.write_pdf(), changed(
        "weasyprint.HTML", "prints a programme built by the fast parse differently"
    )


def test_one_font_configuration_serves_stylesheets_and_documents() -> None:
    from weasyprint.text import fonts

    assert hasattr(fonts, "FontConfiguration"), changed(
        "weasyprint.text.fonts.FontConfiguration", "is gone"
    )
    font_config = weasy.font_configuration()
    css = weasyprint.CSS(string="body { font-family: DejaVu Sans }", font_config=font_config)
    document = weasyprint.HTML(string="<p>text</p>").render(
        stylesheets=[css], font_config=font_config
    )
    assert len(document.pages) == 1


def test_the_fetcher_base_takes_what_the_package_fetcher_passes() -> None:
    base, response = weasy.url_fetcher_types()
    parameters = inspect.signature(base.__init__).parameters
    for name in ("allowed_protocols", "fail_on_errors"):
        assert name in parameters, changed("weasyprint.urls.URLFetcher", f"takes no {name}")
    fetch = list(inspect.signature(base.fetch).parameters)
    assert fetch[:3] == ["self", "url", "headers"], changed(
        "weasyprint.urls.URLFetcher.fetch", f"takes {fetch}, not (self, url, headers)"
    )
    reply = response("file:///x.css", b"p {}", {"Content-Type": "text/css"})
    assert reply.read() == b"p {}", changed("weasyprint.urls.URLFetcherResponse", "changed")


def test_a_refused_fetch_stops_weasyprint_with_the_fetchers_message() -> None:
    """A fetcher set to fail on errors stops the render; its error is the cause."""
    base, _ = weasy.url_fetcher_types()

    class Refusing(base):  # type: ignore[misc, valid-type]
        def __init__(self) -> None:
            super().__init__(fail_on_errors=True)

        def fetch(self, url: str, headers: Any = None) -> Any:
            raise ValueError(f"no {url}")

    try:
        with weasy.fetch_failures_raised_as(LookupError):
            weasyprint.CSS(string="@import url(file:///nowhere.css);", url_fetcher=Refusing())
    except LookupError as error:
        raised = error
    else:
        pytest.fail(
            changed("weasyprint.urls.URLFetcher(fail_on_errors=True)", "no longer stops a render")
        )
    assert str(raised) == "no file:///nowhere.css"
    from weasyprint.urls import FatalURLFetchingError

    assert isinstance(raised.__cause__, FatalURLFetchingError), changed(
        "weasyprint.urls.FatalURLFetchingError", "is not what a failing fetch raises"
    )
