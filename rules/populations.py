"""Special populations: what pregnancy, sore knees and a sore lower back change in a plan.

Which exercises each limitation rules out is data: the limitation's ``avoids`` flags in
``exercise_db/data/vocabulary.yaml`` meet each exercise's ``stresses`` and ``range_limit``,
so an imported catalogue that carries those fields is honoured the same way. What the
catalogue cannot say (reps in reserve, rep ceilings, tests, warning signs) lives here.
Every rule is restated with its source in ``docs/special-populations.md``.

Sources:

- Pregnancy: ACOG Committee Opinion 804 (2020), *Physical activity and exercise during
  pregnancy and the postpartum period*; Mottola et al. (2018), *2019 Canadian guideline
  for physical activity throughout pregnancy*, Br J Sports Med 52:1339. Clearance first;
  moderate effort (talk test, Borg 13-14), which for lifting means 3 or more reps in
  reserve on every set; no maximal testing; no lying flat on the back after the first
  trimester; no falls or impact; stop on the warning signs listed below.
- Knee pain: Crossley et al. (2016), patellofemoral pain consensus, Br J Sports Med
  50:839 (hip and knee strengthening, range that does not provoke pain); Silbernagel et
  al. (2007) pain-monitoring model (pain up to about 2-3 of 10 during exercise, settled
  by the next morning).
- Lower-back pain: McGill, *Low Back Disorders*, 3rd ed. (2016): spare the spine from
  loaded flexion; core work as the curl-up, side plank and bird dog; hinge with a
  neutral spine.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from pydantic import BaseModel, ConfigDict, Field

from thrustplan.exercise_db.models import Exercise
from thrustplan.exercise_db.vocabulary import VOCABULARY

PREGNANCY = "pregnancy"
KNEES = "knees"
LOWER_BACK = "lower_back"

#: The last week of the first trimester (ACOG: the first trimester runs to 13 weeks and
#: 6 days); from week 14 lying flat on the back is avoided.
FIRST_TRIMESTER_LAST_WEEK = 13
#: Reps in reserve on every set in pregnancy: moderate effort, able to talk (ACOG 804;
#: Mottola et al. 2018, Borg 13-14 of 20).
PREGNANCY_MIN_RIR = 3
#: Most reps of a lunge for sore knees: high-rep deep lunges load the patellofemoral
#: joint most (Crossley et al. 2016; practitioner figure of 12).
KNEE_LUNGE_MAX_REPS = 12

#: The wording every rep-max test uses on a plan, so that a reader (or the checker) can
#: find one in the printed notes.
MAX_TEST = re.compile(r"find your \d+-rep max")


def is_max_test(note: str) -> bool:
    """Whether a printed note asks for a rep-max test.

    >>> is_max_test("find your 10-rep max: warm up, then ..."), is_max_test("pause 1 s")
    (True, False)
    """
    return MAX_TEST.search(note) is not None


def past_first_trimester(pregnancy_week: int | None, weeks: int) -> bool:
    """Whether a ``weeks``-week plan starting in ``pregnancy_week`` reaches the second
    trimester; an unknown week counts as past it, the safe side.

    >>> past_first_trimester(None, 8), past_first_trimester(20, 8)
    (True, True)
    >>> past_first_trimester(6, 8), past_first_trimester(6, 9)
    (False, True)
    """
    if pregnancy_week is None:
        return True
    return pregnancy_week + weeks - 1 > FIRST_TRIMESTER_LAST_WEEK


def avoided_stresses(limitation: str, *, after_first_trimester: bool = True) -> frozenset[str]:
    """The stress flags ``limitation`` rules out, from the vocabulary.

    >>> sorted(avoided_stresses("pregnancy"))
    ['abdominal_strain', 'floor_plank', 'impact', 'prone', 'spinal_loading', 'supine']
    >>> "supine" in avoided_stresses("pregnancy", after_first_trimester=False)
    False
    """
    attributes = VOCABULARY.term("limitations", limitation).attributes
    avoids = set(_words(attributes.get("avoids")))
    if after_first_trimester:
        avoids |= set(_words(attributes.get("avoids_after_first_trimester")))
    return frozenset(avoids)


def client_avoids(
    limitations: Collection[str], pregnancy_week: int | None, weeks: int
) -> frozenset[str]:
    """Every stress flag the client's limitations rule out over a ``weeks``-week plan.

    >>> sorted(client_avoids(["knees"], None, 8))
    ['deep_knee_flexion_loaded', 'impact']
    >>> later, earlier = client_avoids(["pregnancy"], 6, 9), client_avoids(["pregnancy"], 6, 8)
    >>> "supine" in later, "supine" in earlier
    (True, False)
    """
    later = past_first_trimester(pregnancy_week, weeks)
    avoids: set[str] = set()
    for limitation in limitations:
        avoids |= avoided_stresses(limitation, after_first_trimester=later)
    return frozenset(avoids)


def _words(value: object) -> tuple[str, ...]:
    return tuple(str(v) for v in value) if isinstance(value, list | tuple) else ()


def eased_by_range_limit(stress: str) -> bool:
    """Whether an exercise done in a limited range (its ``range_limit``) escapes ``stress``.

    >>> eased_by_range_limit("deep_knee_flexion_loaded"), eased_by_range_limit("impact")
    (True, False)
    """
    terms = VOCABULARY.terms["stresses"]
    return stress in terms and bool(terms[stress].attributes.get("eased_by_range_limit"))


def limitation_clash(
    exercise: Exercise,
    limitations: Collection[str],
    *,
    after_first_trimester: bool = True,
) -> tuple[str, tuple[str, ...]] | None:
    """The first limitation that rules ``exercise`` out and the stresses it objects to.

    A stress eased by a limited range does not count when the exercise gives one: a leg
    press in a pain-free range stays open to sore knees.

    >>> from thrustplan.exercise_db.catalogue import builtin_catalogue
    >>> c = builtin_catalogue()
    >>> limitation_clash(c["glute_bridge"], ["pregnancy"])
    ('pregnancy', ('supine',))
    >>> limitation_clash(c["barbell_hip_thrust"], ["pregnancy"]) is None  # back on a bench
    True
    >>> limitation_clash(c["leg_press"], ["knees"]) is None
    True
    >>> limitation_clash(c["dumbbell_walking_lunge"], ["knees"])
    ('knees', ('deep_knee_flexion_loaded',))
    """
    for limitation in limitations:
        avoids = avoided_stresses(limitation, after_first_trimester=after_first_trimester)
        clash = sorted(
            stress
            for stress in set(exercise.stresses) & avoids
            if not (exercise.range_limit and eased_by_range_limit(stress))
        )
        if clash:
            return limitation, tuple(clash)
    return None


def minimum_rir(limitations: Collection[str]) -> int:
    """The fewest reps in reserve any set may leave for a client with ``limitations``.

    >>> minimum_rir(["pregnancy"]), minimum_rir(["knees"])
    (3, 0)
    """
    return PREGNANCY_MIN_RIR if PREGNANCY in limitations else 0


def max_tests_allowed(limitations: Collection[str]) -> bool:
    """Whether the plan may ask for a rep-max test: never in pregnancy (ACOG 804).

    >>> max_tests_allowed(["pregnancy"]), max_tests_allowed([])
    (False, True)
    """
    return PREGNANCY not in limitations


def gentle_start_note(reps: int, rir: int) -> str:
    """How to find a first load where no rep-max test may be done (pregnancy).

    >>> gentle_start_note(10, 3)[:60]
    'no max test: start with a load you could lift about 15 times'
    """
    return (
        f"no max test: start with a load you could lift about {reps + rir + 2} times, "
        f"so {reps} leave {rir} or more in reserve; add the smallest step only while they "
        "still do"
    )


def limitation_rep_ceiling(exercise: Exercise, limitations: Collection[str]) -> int | None:
    """The most reps a set may ask for because of a limitation, or None.

    >>> from thrustplan.exercise_db.catalogue import builtin_catalogue
    >>> c = builtin_catalogue()
    >>> limitation_rep_ceiling(c["walking_lunge"], ["knees"])
    12
    >>> limitation_rep_ceiling(c["walking_lunge"], []) is None
    True
    """
    if KNEES in limitations and exercise.pattern == "lunge":
        return KNEE_LUNGE_MAX_REPS
    return None


#: Exercises a limitation favours, as a client's favourites are: McGill's "big three"
#: for the trunk (curl-up, side plank, bird dog). Ids of the built-in catalogue; an
#: imported catalogue without them simply gets no preference.
PREFERRED: dict[str, frozenset[str]] = {
    LOWER_BACK: frozenset({"curl_up", "side_plank", "bird_dog"}),
}


def preferred_for(exercise_id: str, limitations: Collection[str]) -> bool:
    """Whether a limitation favours the exercise.

    >>> preferred_for("bird_dog", ["lower_back"]), preferred_for("bird_dog", [])
    (True, False)
    """
    return any(exercise_id in PREFERRED.get(limitation, ()) for limitation in limitations)


#: Printed with every hinge and hip thrust for a sore lower back (McGill 2016).
NEUTRAL_SPINE_NOTE = "spine neutral: move at the hips, not the lower back"
#: Printed with lower-body work for sore knees (Silbernagel et al. 2007).
KNEE_PAIN_NOTE = "knee pain at most 2-3/10, settled by next morning"


def limitation_notes(exercise: Exercise, limitations: Collection[str]) -> tuple[str, ...]:
    """Notes a limitation adds to ``exercise`` on the plan.

    >>> from thrustplan.exercise_db.catalogue import builtin_catalogue
    >>> c = builtin_catalogue()
    >>> limitation_notes(c["leg_press"], ["knees"])[0][:40]
    'knees bend only as far as stays pain-fre'
    >>> limitation_notes(c["back_extension"], ["lower_back"])
    ('spine neutral: move at the hips, not the lower back',)
    """
    notes: list[str] = []
    if KNEES in limitations and exercise.pattern in ("squat", "lunge"):
        eased = [s for s in exercise.stresses if eased_by_range_limit(s)]
        if exercise.range_limit and eased:
            notes.append(exercise.range_limit)
        notes.append(KNEE_PAIN_NOTE)
    if LOWER_BACK in limitations and exercise.pattern in ("hinge", "hip_thrust"):
        notes.append(NEUTRAL_SPINE_NOTE)
    return tuple(notes)


# ----------------------------------------------------------------------------- cautions


class Caution(BaseModel):
    """A page of safety advice printed with the plan, and carried in its JSON."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    limitation: str = Field(description="The limitation it is for, e.g. 'pregnancy'.")
    title: str
    intro: str = Field(description="What the client must do before and while training.")
    items: tuple[str, ...] = Field(description="The rules, or the signs to stop for.")
    source: str = Field(description="Where the advice comes from.")


#: ACOG Committee Opinion 804's warning signs to stop exercising, in plain words.
PREGNANCY_WARNING_SIGNS: tuple[str, ...] = (
    "bleeding from the vagina",
    "regular, painful contractions",
    "fluid leaking from the vagina",
    "being out of breath before you start",
    "dizziness or feeling faint",
    "headache",
    "chest pain",
    "muscle weakness that affects your balance",
    "pain or swelling in a calf",
)
CLEARANCE = "Get your clinician's clearance before you start, and again if anything changes."


def cautions(limitations: Collection[str], pregnancy_week: int | None = None) -> list[Caution]:
    """The safety pages a plan for ``limitations`` must carry, in a fixed order.

    >>> [c.limitation for c in cautions(["knees", "pregnancy"])]
    ['pregnancy', 'knees']
    >>> "calf" in cautions(["pregnancy"])[0].items[-1]
    True
    """
    pages: list[Caution] = []
    if PREGNANCY in limitations:
        if pregnancy_week is None:
            when = "The plan treats every week as past the first trimester"
        else:
            when = f"The plan starts in week {pregnancy_week} of pregnancy"
        pages.append(
            Caution(
                limitation=PREGNANCY,
                title="Pregnancy: when to stop and seek care",
                intro=(
                    f"{CLEARANCE} {when}: nothing is done lying flat on the back or on the "
                    "belly once the first trimester is over, every set stops with at least "
                    f"{PREGNANCY_MIN_RIR} reps in reserve (you can still talk), and there are "
                    "no maximum tests. Breathe out on the effort; do not hold your breath. "
                    "Stop at once and call your midwife or doctor if you notice:"
                ),
                items=PREGNANCY_WARNING_SIGNS,
                source="ACOG Committee Opinion 804 (2020); Mottola et al. (2018)",
            )
        )
    if KNEES in limitations:
        pages.append(
            Caution(
                limitation=KNEES,
                title="Sore knees: how much is too much",
                intro=(
                    "Squats, presses and step-ups are done in a shorter range that stays "
                    "comfortable; the range grows as the knees allow. Use the pain-monitoring "
                    "rule on every lower-body exercise:"
                ),
                items=(
                    "pain during a set may reach 2-3 out of 10, no more",
                    "any pain it stirs up settles by the next morning (within 24 hours)",
                    "if not, shorten the range or lighten the load next time",
                    "no jumping, and no lunge sets above 12 reps",
                ),
                source="Crossley et al. (2016); Silbernagel et al. (2007)",
            )
        )
    if LOWER_BACK in limitations:
        pages.append(
            Caution(
                limitation=LOWER_BACK,
                title="Sore lower back: keep the spine neutral",
                intro="The plan leaves out bending the spine under load. While you train:",
                items=(
                    "move at the hips in hinges, hip thrusts and back extensions; "
                    "the lower back keeps its natural curve",
                    "no sit-ups or crunches: core work is the curl-up, side plank and bird dog",
                    "pain that spreads down a leg, or grows from session to session, "
                    "is a reason to stop and see a clinician",
                ),
                source="McGill, Low Back Disorders, 3rd ed. (2016)",
            )
        )
    return pages
