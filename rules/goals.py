"""The training goals a client can pick."""

from enum import StrEnum


class Goal(StrEnum):
    #: Glute size and strength first; the hip thrust is the centre of every week.
    GLUTES = "glutes"
    #: Muscle size across the whole body.
    HYPERTROPHY = "hypertrophy"
    #: Heavier loads on the main lifts.
    STRENGTH = "strength"
    #: Health and all-round fitness.
    GENERAL = "general"
