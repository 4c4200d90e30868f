"""The one error printing raises for a programme that cannot be printed as asked."""

from __future__ import annotations


class RenderError(ValueError):
    """A programme that cannot be printed as asked; the message names the field and the fix."""
