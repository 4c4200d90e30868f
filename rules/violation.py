"""A broken hard rule as the checker reports it: the rule's name, what is wrong, and where.

It lives apart from :mod:`thrustplan.rules.checker` so that every module of checks can
build one without importing the registry that lists them.
"""

from __future__ import annotations

from dataclasses import dataclass

from thrustplan.rules.located import Located


@dataclass(frozen=True)
class Violation(Located):
    """One broken rule, located to the week, the session and the exercise.

    >>> str(Violation("session_size", "2 exercises", week=1, day="mon"))
    '[session_size] week 1 mon: 2 exercises'
    >>> str(Violation("programme_not_empty", "no weeks"))
    '[programme_not_empty] no weeks'
    """
