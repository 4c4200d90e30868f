"""The only way a render reads anything: the package's own files, one logo, ``data:`` URIs.

WeasyPrint fetches every stylesheet, font and image through a URL fetcher; ours serves
the files of the package's ``templates`` folder, the one logo file the renderer allows
for the programme at hand, and ``data:`` URIs, and refuses anything else (another file,
a link out of the folder, any network address) with a :class:`RenderError`.
"""

from __future__ import annotations

import mimetypes
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from thrustplan.planner.output import weasy
from thrustplan.planner.output.errors import RenderError

#: The package's templates, stylesheets and fonts: the files a render may read.
TEMPLATE_DIR = Path(str(resources.files("thrustplan.templates")))


def refusal(url: str) -> str:
    """The message for a URL the fetcher will not serve."""
    return (
        f"refused to fetch {url!r}: a programme may use only its own template files, "
        "the trainer.logo file and data: URIs"
    )


def package_fetcher(root: Path = TEMPLATE_DIR) -> Any:
    """A WeasyPrint URL fetcher that serves ``root``'s files, one logo and ``data:`` URIs.

    Anything else (another file, a link out of ``root``, any network address) raises a
    :class:`RenderError` naming the URL; the fetcher is set to make that stop the render.
    Set ``fetcher.logo`` to the resolved logo path to allow that one file.
    """
    return _fetcher(root.resolve(), *weasy.url_fetcher_types())


def _fetcher(root: Path, base: Any, response: Any) -> Any:
    """The fetcher of :func:`package_fetcher`, built on WeasyPrint's fetcher ``base``
    (which WeasyPrint asks whether its errors are fatal) and returning ``response``."""

    class PackageFetcher(base):  # type: ignore[misc]
        def __init__(self) -> None:
            # Errors are fatal: a refused resource stops the render with its message.
            super().__init__(allowed_protocols=("file", "data"), fail_on_errors=True)
            self.root = root
            self.logo: Path | None = None
            self.refused: list[str] = []
            self._cache: dict[Path, bytes] = {}

        def fetch(self, url: str, headers: Any = None) -> Any:
            scheme = url.split(":", 1)[0].lower()
            if scheme == "data":
                return super().fetch(url, headers)
            if scheme == "file":
                path = Path(unquote(urlsplit(url).path))
                resolved = path.resolve()
                inside = resolved.is_relative_to(self.root) and resolved.is_file()
                if inside or (self.logo is not None and resolved == self.logo):
                    body = self._cache.get(resolved)
                    if body is None:
                        body = resolved.read_bytes()
                        if inside:
                            self._cache[resolved] = body
                    kind = mimetypes.guess_type(resolved.name)[0] or "application/octet-stream"
                    return response(url, body, {"Content-Type": kind})
            self.refused.append(url)
            raise RenderError(refusal(url))

    return PackageFetcher()
