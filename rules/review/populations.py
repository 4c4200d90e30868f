"""Special populations: pregnancy, sore knees, a sore lower back."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from thrustplan.exercise_db.catalogue import Catalogue
from thrustplan.exercise_db.models import Exercise, Laterality
from thrustplan.rules.review.finding import Finding
from thrustplan.rules.review.lifts import REP_MAX_TEST
from thrustplan.rules.review.named import NAMED
from thrustplan.rules.review.reading import (
    entry_findings,
    has_limitation,
    program_texts,
    reps_above_ceiling,
    sessions,
)

if TYPE_CHECKING:
    from thrustplan.rules.program import ExerciseEntry, Program

#: Reps in reserve on every set in pregnancy: moderate effort, able to talk (ACOG 804).
PREGNANCY_LEAST_RIR = 3
#: Equipment that props the upper back at an incline: a hip thrust on it is not supine.
INCLINE_SUPPORT = frozenset({"bench", "hip_thrust_machine"})
#: ACOG's reasons to stop and seek care, as the stems a plan's text must hold, and the
#: clearance to get first.
WARNING_SIGNS: dict[str, re.Pattern[str]] = {
    "vaginal bleeding": re.compile(r"bleed", re.IGNORECASE),
    "regular painful contractions": re.compile(r"contraction", re.IGNORECASE),
    "fluid leaking": re.compile(r"fluid|amniotic", re.IGNORECASE),
    "breathlessness before exertion": re.compile(r"breath", re.IGNORECASE),
    "dizziness": re.compile(r"dizz", re.IGNORECASE),
    "headache": re.compile(r"headache", re.IGNORECASE),
    "chest pain": re.compile(r"chest pain", re.IGNORECASE),
    "muscle weakness affecting balance": re.compile(r"balance", re.IGNORECASE),
    "calf pain or swelling": re.compile(r"calf", re.IGNORECASE),
    "a clinician's clearance": re.compile(r"clearance", re.IGNORECASE),
}
#: Most reps of a stepping lunge for sore knees.
KNEE_LUNGE_CEILING = 12


def is_supine(exercise: Exercise) -> bool:
    """Done lying flat on the back: loaded supine work except a hip thrust with the back
    on a bench or pad (that is inclined), and the floor moves named in ``NAMED``."""
    if exercise.id in NAMED["floor supine"]:
        return True
    inclined = exercise.is_hip_thrust_family and bool(INCLINE_SUPPORT & set(exercise.equipment))
    return "supine_loaded" in exercise.stresses and not inclined


def _pregnant(program: Program) -> bool:
    return has_limitation(program, "pregnancy")


def review_pregnancy_no_supine(program: Program, catalogue: Catalogue) -> list[Finding]:
    """In pregnancy no exercise is done lying flat on the back, on the floor or a flat
    bench: use inclined, side-lying, seated or standing versions.

    Source: ACOG Committee Opinion 804 (2020) on supine hypotension after the first
    trimester; a hip thrust with the back on a bench is inclined, a floor bridge is not.
    """
    if not _pregnant(program):
        return []
    return [
        Finding("pregnancy_no_supine", "done lying on the back", week.number, session.day, e.id)
        for week, session in sessions(program)
        for entry in session.exercises
        if (e := catalogue.get(entry.exercise_id)) is not None and is_supine(e)
    ]


def review_pregnancy_effort(program: Program, catalogue: Catalogue) -> list[Finding]:
    """In pregnancy every set ends with 3 or more reps in reserve.

    Source: ACOG Committee Opinion 804 and Mottola et al. 2018 (moderate intensity, the
    talk test, about 13-14 on Borg's scale), which is RIR 3 or more.
    """
    if not _pregnant(program):
        return []
    return entry_findings(
        program,
        "pregnancy_effort",
        lambda entry: (
            f"RIR {entry.rir}; in pregnancy every set keeps {PREGNANCY_LEAST_RIR} or more"
            if entry.rir < PREGNANCY_LEAST_RIR
            else None
        ),
    )


def review_pregnancy_no_max_tests(program: Program, catalogue: Catalogue) -> list[Finding]:
    """In pregnancy no set is a rep-max test: loads are found gently from easy sets.

    Source: ACOG Committee Opinion 804 and Mottola et al. 2018 (no maximal efforts).
    """
    if not _pregnant(program):
        return []
    return entry_findings(
        program,
        "pregnancy_no_max_tests",
        lambda entry: "a rep-max test in pregnancy" if REP_MAX_TEST.search(entry.notes) else None,
    )


def review_pregnancy_warning_signs(program: Program, catalogue: Catalogue) -> list[Finding]:
    """A pregnant client's plan tells her to get a clinician's clearance and lists when to
    stop and seek care: bleeding, contractions, leaking fluid, breathlessness before
    effort, dizziness, headache, chest pain, weakness affecting balance, calf pain.

    Source: ACOG Committee Opinion 804 (2020), its list of warning signs. The plan's own
    text (outside the profile) must name each one.
    """
    if not _pregnant(program):
        return []
    text = "\n".join(program_texts(program))
    missing = [sign for sign, stem in WARNING_SIGNS.items() if not stem.search(text)]
    if not missing:
        return []
    return [
        Finding(
            "pregnancy_warning_signs",
            f"the plan never names {len(missing)} of {len(WARNING_SIGNS)} warning signs "
            f"and steps: {', '.join(missing)}",
        )
    ]


def review_knees_lunge_reps(program: Program, catalogue: Catalogue) -> list[Finding]:
    """For sore knees no stepping lunge (walking, forward, reverse, lateral) above 12 reps.

    Source: Crossley et al. 2016 (patellofemoral pain consensus): train in a range that
    stays below 2-3 out of 10 pain; avoid high-rep deep lunges early. A stepping lunge is
    a lunge-pattern exercise whose sides alternate.
    """
    if not has_limitation(program, "knees"):
        return []

    def ceiling(entry: ExerciseEntry) -> int | None:
        x = catalogue.get(entry.exercise_id)
        stepping = x is not None and x.pattern == "lunge" and x.laterality is Laterality.ALTERNATING
        return KNEE_LUNGE_CEILING if stepping else None

    def says(entry: ExerciseEntry, most: int) -> str:
        return f"up to {entry.reps_max} reps of a stepping lunge; sore knees stop at {most}"

    return reps_above_ceiling(program, "knees_lunge_reps", ceiling, says)


def review_lower_back_flexion(program: Program, catalogue: Catalogue) -> list[Finding]:
    """For a sore lower back no bending of the spine under load: no crunches, sit-ups or
    leg raises that curl the lower back; brace with curl-ups, side planks and bird dogs.

    Source: McGill, Low Back Disorders (3rd ed.): spare the spine from loaded flexion.
    Exercises carrying the catalogue's stress ``lumbar_flexion`` are flagged.
    """
    if not has_limitation(program, "lower_back"):
        return []

    def flexes(entry: ExerciseEntry) -> str | None:
        x = catalogue.get(entry.exercise_id)
        return (
            "bends the lower back under load"
            if x is not None and "lumbar_flexion" in x.stresses
            else None
        )

    return entry_findings(program, "lower_back_flexion", flexes)
