"""Models of the simplification app: campaigns, cases, flags, scenarios, exemption applications."""

from enkelt.simplification.models.cases import (
    Campaign,
    Case,
    DecisionLevel,
    Flag,
    Outcome,
    Scenario,
    ScenarioActivity,
    Stage,
)
from enkelt.simplification.models.exemptions import ExemptionApplication

__all__ = [
    "Campaign",
    "Case",
    "DecisionLevel",
    "ExemptionApplication",
    "Flag",
    "Outcome",
    "Scenario",
    "ScenarioActivity",
    "Stage",
]
