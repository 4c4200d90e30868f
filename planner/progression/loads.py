"""Loads that exist: what a client's bar and plates, dumbbell rack, machines and bands make.

A load on paper must be one the client can set up (``docs/training-rules.md``, "Loads
that exist"): the bar plus *pairs* of plates from their inventory, a dumbbell in their
rack, a step of a machine's stack, a band colour. Everything here is a pure function of
the kit; progression rounds its targets onto the ladders built here, never to an
abstract multiple.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from thrustplan.exercise_db.models import Exercise, LoadKind
from thrustplan.rules.profile import BarbellKit, ClientProfile, Units
from thrustplan.rules.program import PlateLoad

#: Exact by definition (international yard and pound agreement, 1959).
KG_PER_LB = 0.45359237
#: Loads closer than this are the same load; it absorbs float noise in plate sums.
TOLERANCE = 1e-6

#: Standard home and gym sets when a profile gives no inventory: a few pairs of each plate.
DEFAULT_BARBELL: dict[Units, BarbellKit] = {
    Units.KG: BarbellKit(bar=20, plates={25: 4, 20: 2, 15: 2, 10: 2, 5: 2, 2.5: 2, 1.25: 2}),
    Units.LB: BarbellKit(bar=45, plates={45: 6, 35: 2, 25: 2, 10: 2, 5: 2, 2.5: 2}),
}
#: A commercial dumbbell rack: 2-10 kg by 2, then 12.5-50 kg by 2.5; 5-100 lb by 5.
DEFAULT_DUMBBELLS: dict[Units, tuple[float, ...]] = {
    Units.KG: (2, 4, 6, 8, 10, *(12.5 + 2.5 * i for i in range(16))),
    Units.LB: tuple(float(5 * i) for i in range(1, 21)),
}
#: Competition-style kettlebell sizes.
DEFAULT_KETTLEBELLS: dict[Units, tuple[float, ...]] = {
    Units.KG: (4, 6, 8, 10, 12, 14, 16, 20, 24, 28, 32, 36, 40, 48),
    Units.LB: (10, 15, 20, 25, 30, 35, 40, 45, 50, 53, 62, 70, 80, 88, 106),
}
#: Selectorised stacks usually move in 5 kg or 10 lb plates.
DEFAULT_MACHINE_STEP: dict[Units, float] = {Units.KG: 5, Units.LB: 10}
#: How many steps a stack has; a plate-loaded machine is treated the same way.
MACHINE_STEPS = 60
#: Band colours when a profile lists none, lightest first.
DEFAULT_BANDS: tuple[str, ...] = ("light", "medium", "heavy")

LoadPer = Literal["total", "dumbbell", "kettlebell"]


def convert(value: float, source: Units, target: Units) -> float:
    """``value`` in ``source`` units, expressed in ``target`` units.

    >>> round(convert(100, Units.KG, Units.LB), 2)
    220.46
    >>> convert(45, Units.LB, Units.LB)
    45
    """
    if source is target:
        return value
    return value / KG_PER_LB if target is Units.LB else value * KG_PER_LB


def _key(value: float) -> float:
    return round(float(value), 6)


Pairs = tuple[tuple[float, int], ...]


def _pairs(kit: BarbellKit) -> Pairs:
    """Plate weight and how many pairs of it, heaviest first; odd plates are unusable."""
    return tuple(
        sorted(((float(w), n // 2) for w, n in kit.plates.items() if n >= 2), key=lambda p: -p[0])
    )


@functools.lru_cache(maxsize=256)
def _side_sums(pairs: Pairs) -> frozenset[float]:
    """Every weight one side of the bar can carry with these pairs."""
    sums = {0.0}
    for weight, count in pairs:
        sums = {_key(s + weight * k) for s in sums for k in range(count + 1)}
    return frozenset(sums)


def barbell_loads(kit: BarbellKit) -> tuple[float, ...]:
    """Every load the bar and pairs of plates make, lightest (the empty bar) first.

    >>> barbell_loads(BarbellKit(bar=20, plates={10: 2, 5: 2, 2.5: 2}))
    (20.0, 25.0, 30.0, 35.0, 40.0, 45.0, 50.0, 55.0)
    >>> barbell_loads(BarbellKit(bar=20, plates={5: 2, 1.25: 4}))
    (20.0, 22.5, 25.0, 30.0, 32.5, 35.0)
    >>> barbell_loads(BarbellKit(bar=15, plates={10: 1}))
    (15.0,)
    """
    return tuple(sorted(_key(kit.bar + 2 * side) for side in _side_sums(_pairs(kit))))


def plate_breakdown(load: float, kit: BarbellKit) -> PlateLoad | None:
    """How to build ``load``: the bar and the plates on each side, heaviest first.

    ``None`` when the kit cannot make the load exactly.

    >>> plate_breakdown(55, BarbellKit(bar=20, plates={10: 2, 5: 2, 2.5: 2}))
    PlateLoad(bar=20.0, per_side=[10.0, 5.0, 2.5])
    >>> plate_breakdown(20, BarbellKit(bar=20, plates={10: 2}))
    PlateLoad(bar=20.0, per_side=[])
    >>> plate_breakdown(27.5, BarbellKit(bar=20, plates={5: 2, 1.25: 4})) is None
    True
    >>> plate_breakdown(30, BarbellKit(bar=20, plates={2.5: 4, 3: 2}))  # 5 = 2.5 + 2.5
    PlateLoad(bar=20.0, per_side=[2.5, 2.5])
    """
    side = (load - kit.bar) / 2
    if side < -TOLERANCE:
        return None
    pairs = _pairs(kit)
    # reachable[i]: what plates i.. can make on one side; lets a greedy pick never dead-end.
    reachable = [_side_sums(pairs[i:]) for i in range(len(pairs) + 1)]
    remaining = _key(max(side, 0.0))
    if remaining not in reachable[0]:
        return None
    per_side: list[float] = []
    for i, (weight, count) in enumerate(pairs):
        for k in range(count, -1, -1):
            rest = _key(remaining - weight * k)
            if rest >= 0 and rest in reachable[i + 1]:
                per_side.extend([weight] * k)
                remaining = rest
                break
    return PlateLoad(bar=float(kit.bar), per_side=per_side)


def rack_loads(weights: Iterable[float]) -> tuple[float, ...]:
    """A dumbbell or kettlebell rack as a sorted ladder without repeats.

    >>> rack_loads([10, 5, 7.5, 5])
    (5.0, 7.5, 10.0)
    """
    return tuple(sorted({_key(float(w)) for w in weights}))


def machine_loads(step: float, steps: int = MACHINE_STEPS) -> tuple[float, ...]:
    """A weight stack: one step, two steps, ... ``steps`` steps.

    >>> machine_loads(5, 4)
    (5.0, 10.0, 15.0, 20.0)
    """
    return tuple(_key(step * i) for i in range(1, steps + 1))


def at_or_below(loads: Sequence[float], target: float) -> float | None:
    """The heaviest load of ``loads`` not above ``target``, or None when all are above.

    >>> at_or_below((20, 25, 30), 29.9)
    25
    >>> at_or_below((20, 25, 30), 30.0000000001)
    30
    >>> at_or_below((20, 25, 30), 19) is None
    True
    """
    best = None
    for load in loads:
        if load <= target + TOLERANCE:
            best = load
        else:
            break
    return best


def at_or_above(loads: Sequence[float], target: float) -> float | None:
    """The lightest load of ``loads`` not below ``target``, or None when all are below.

    >>> at_or_above((20, 25, 30), 20.1)
    25
    >>> at_or_above((20, 25, 30), 31) is None
    True
    """
    for load in loads:
        if load >= target - TOLERANCE:
            return load
    return None


@dataclass(frozen=True)
class LoadLadder:
    """The loads one exercise can use with the client's kit, lightest first.

    ``per`` says what the number is measured on (the whole bar or stack, or one dumbbell
    or kettlebell); ``kit`` is kept for barbell work so the plates can be printed.
    """

    loads: tuple[float, ...]
    unit: Units
    per: LoadPer
    kit: BarbellKit | None = None

    def __post_init__(self) -> None:
        if not self.loads:
            raise ValueError("a load ladder needs at least one load")

    @property
    def lightest(self) -> float:
        return self.loads[0]

    @property
    def heaviest(self) -> float:
        return self.loads[-1]

    def floor(self, target: float) -> float:
        """The heaviest load at or below ``target``; the lightest when all are above.

        >>> LoadLadder((20.0, 25.0, 30.0), Units.KG, "total").floor(27)
        25.0
        >>> LoadLadder((20.0, 25.0, 30.0), Units.KG, "total").floor(12)
        20.0
        """
        found = at_or_below(self.loads, target)
        return self.lightest if found is None else found

    def index(self, load: float) -> int:
        """Position of the heaviest ladder load at or below ``load``."""
        return self.loads.index(self.floor(load))

    def at(self, index: int) -> float:
        """The load at ``index``, clamped to the ladder's ends."""
        return self.loads[min(max(index, 0), len(self.loads) - 1)]

    def up(self, load: float, steps: int = 1) -> float:
        """The load ``steps`` real steps above ``load`` (the top load stays the top).

        >>> LoadLadder((20.0, 25.0, 30.0), Units.KG, "total").up(25)
        30.0
        >>> LoadLadder((20.0, 25.0, 30.0), Units.KG, "total").up(30)
        30.0
        """
        return self.at(self.index(load) + steps)

    def below(self, load: float) -> float:
        """The next load strictly lighter than ``load``; the lightest when there is none.

        >>> LoadLadder((20.0, 25.0, 30.0), Units.KG, "total").below(27.5)
        25.0
        >>> LoadLadder((20.0, 25.0, 30.0), Units.KG, "total").below(20)
        20.0
        """
        lighter = [x for x in self.loads if x < load - TOLERANCE]
        return lighter[-1] if lighter else self.lightest

    def plates(self, load: float) -> PlateLoad | None:
        """The plate set-up of ``load`` for barbell work, else None."""
        return plate_breakdown(load, self.kit) if self.kit is not None else None


def barbell_kit(profile: ClientProfile) -> BarbellKit:
    """The client's bar and plates, or the standard set in their units."""
    return profile.barbell or DEFAULT_BARBELL[profile.units]


def ladder_for(exercise: Exercise, profile: ClientProfile) -> LoadLadder | None:
    """The loads ``exercise`` can use with this client's kit; None when it is not loaded
    by a number (bodyweight and band work).

    >>> from thrustplan.exercise_db.catalogue import builtin_catalogue
    >>> from thrustplan.rules.profile import ClientProfile
    >>> c = builtin_catalogue()
    >>> client = ClientProfile(name="A", goal="glutes", level="beginner", days_per_week=2,
    ...     session_minutes=45, equipment=["dumbbells"], dumbbells=[4, 8, 12])
    >>> ladder_for(c["dumbbell_hip_thrust"], client).loads
    (4.0, 8.0, 12.0)
    >>> ladder_for(c["glute_bridge"], client) is None
    True
    """
    units = profile.units
    match exercise.load_kind:
        case LoadKind.BARBELL:
            kit = barbell_kit(profile)
            return LoadLadder(barbell_loads(kit), units, "total", kit)
        case LoadKind.DUMBBELL:
            rack = profile.dumbbells or DEFAULT_DUMBBELLS[units]
            return LoadLadder(rack_loads(rack), units, "dumbbell")
        case LoadKind.KETTLEBELL:
            bells = profile.kettlebells or DEFAULT_KETTLEBELLS[units]
            return LoadLadder(rack_loads(bells), units, "kettlebell")
        case LoadKind.MACHINE | LoadKind.CABLE:
            step = profile.machine_step or DEFAULT_MACHINE_STEP[units]
            return LoadLadder(machine_loads(step), units, "total")
        case _:
            return None


def band_colours(profile: ClientProfile) -> tuple[str, ...]:
    """The client's band colours, lightest first, or a light-medium-heavy set."""
    return tuple(profile.bands) if profile.bands else DEFAULT_BANDS
