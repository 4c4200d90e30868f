"""Every use of WeasyPrint past its public API, in one place, and why each is worth it.

The public API (``weasyprint.HTML``, ``weasyprint.CSS``, the rendered document's pages,
bookmarks and ``write_pdf``) is used everywhere else. Printing a programme fast and
safely relies on these internals, each used here only:

``weasyprint.HTML._ua_stylesheets`` and ``weasyprint.html.UA_COUNTER_STYLE``
    :func:`html_class` overrides the method to give documents our own user-agent
    stylesheet (``templates/user-agent.css``), built with WeasyPrint's counter styles.
    WeasyPrint's own has rules for every HTML element there is, all matched against
    every element, and gives *every* element a ``::marker`` and five footnote and note
    pseudo-elements: ours keeps the rules of the elements our templates use, for the
    same PDF in a tenth less time.
The attributes ``weasyprint.HTML.__init__`` sets, and ``cssselect2.ElementWrapper``
    :func:`parse_document` builds a document from the C XML parser's tree, setting the
    same five attributes ``__init__`` sets after parsing with tinyhtml5 (``base_url``,
    ``url_fetcher``, ``media_type``, ``wrapper_element``, ``etree_element``), the
    wrapper made the way ``__init__`` makes it. The HTML5 parser, in Python, takes a
    tenth of the render; our templates write well-formed markup, so the XML parser
    reads it in milliseconds.
``weasyprint.text.fonts.FontConfiguration``
    :func:`font_configuration`: one font configuration shared by the stylesheets and
    every document, so fonts are set up once per renderer, not once per programme.
``weasyprint.urls.URLFetcher``, ``URLFetcherResponse`` and ``FatalURLFetchingError``
    :func:`url_fetcher_types` gives the base of the package's restricted fetcher and
    its response; :func:`fetch_failures_raised_as` turns the error WeasyPrint raises
    when such a fetcher refuses a URL into ours, with the fetcher's message.

Where an internal is gone, the two speed-ups fall back to the public way (only speed is
lost); the others fail when used. ``tests/test_weasy_adapter.py`` checks each of them
against the installed WeasyPrint and fails naming the one that changed: it is why
``pyproject.toml`` bounds WeasyPrint's version. WeasyPrint is imported on first use,
as it takes a while to load.
"""

from __future__ import annotations

import contextlib
from collections.abc import Callable, Iterator
from typing import Any
from xml.etree import ElementTree

#: What ``weasyprint.HTML.__init__`` sets once it has parsed a document.
PARSED_ATTRIBUTES = frozenset(
    {"base_url", "url_fetcher", "media_type", "wrapper_element", "etree_element"}
)


def load() -> Any:
    """The ``weasyprint`` module."""
    import weasyprint

    return weasyprint


def font_configuration() -> Any:
    """A new ``weasyprint.text.fonts.FontConfiguration``, to share between documents."""
    from weasyprint.text.fonts import FontConfiguration

    return FontConfiguration()


def url_fetcher_types() -> tuple[Any, Any]:
    """``weasyprint.urls.URLFetcher`` (to subclass) and ``URLFetcherResponse``."""
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    return URLFetcher, URLFetcherResponse


@contextlib.contextmanager
def fetch_failures_raised_as(error: Callable[[str], Exception]) -> Iterator[None]:
    """Within the block, a fetch that stopped WeasyPrint raises ``error`` with the message
    of what the fetcher raised (WeasyPrint wraps it, as ``__cause__``, in an error of
    its own that is not even an :class:`Exception`)."""
    from weasyprint.urls import FatalURLFetchingError

    try:
        yield
    except FatalURLFetchingError as failure:
        cause = failure.__cause__
        raise error(str(cause if cause is not None else failure)) from failure


def html_class(weasyprint: Any, user_agent_css: str) -> Any:
    """``weasyprint.HTML`` with ``user_agent_css`` as its user-agent stylesheet, when that
    can be done; the stock class if this WeasyPrint has no such hook."""
    try:
        from weasyprint import html as wp_html

        counter_style = wp_html.UA_COUNTER_STYLE
    except (ImportError, AttributeError):
        return weasyprint.HTML
    if not hasattr(weasyprint.HTML, "_ua_stylesheets"):
        return weasyprint.HTML
    user_agent = weasyprint.CSS(string=user_agent_css, counter_style=counter_style)

    class ProgramHTML(weasyprint.HTML):  # type: ignore[misc]
        def _ua_stylesheets(self, forms: bool = False) -> list[Any]:
            return [user_agent]

    return ProgramHTML


def fast_parse_works(html_class: Any) -> bool:
    """Whether :func:`parse_document` may build documents itself for this WeasyPrint:
    whether a parsed document holds exactly :data:`PARSED_ATTRIBUTES`."""
    try:
        import cssselect2  # noqa: F401

        probe = html_class(string="<html><body></body></html>")
    except Exception:
        return False
    return set(vars(probe)) == PARSED_ATTRIBUTES


def parse_document(html_class: Any, markup: str, base_url: str, fetcher: Any, fast: bool) -> Any:
    """A WeasyPrint HTML document from our templates' output.

    With ``fast`` (see :func:`fast_parse_works`), markup the C XML parser reads is not
    parsed again as HTML5. Markup it rejects (say, a control character in a name) goes
    through the HTML5 parser as usual. Both print the same PDF; the trees differ only
    where the HTML5 parser adds elements it implies (a ``<tbody>`` round a table's rows),
    whose boxes WeasyPrint's layout adds anyway.
    """
    if fast:
        try:
            root = ElementTree.fromstring(markup)
        except ElementTree.ParseError:
            root = None
        if root is not None and root.tag == "html":
            import cssselect2

            document = html_class.__new__(html_class)
            document.base_url = base_url
            document.url_fetcher = fetcher
            document.media_type = "print"
            document.wrapper_element = cssselect2.ElementWrapper.from_html_root(
                root, content_language=None
            )
            document.etree_element = document.wrapper_element.etree_element
            return document
    return html_class(string=markup, base_url=base_url, url_fetcher=fetcher)
