"""Models of the goals app: goals on agreements, indicators, measurements, assessments."""

from enkelt.goals.models.goals import (
    Direction,
    FreedHoursAllocation,
    Goal,
    Indicator,
    Measurement,
    MeetingAssessment,
    Milestone,
    Rating,
    StatusChoice,
    Unit,
)

__all__ = [
    "Direction",
    "FreedHoursAllocation",
    "Goal",
    "Indicator",
    "Measurement",
    "MeetingAssessment",
    "Milestone",
    "Rating",
    "StatusChoice",
    "Unit",
]
