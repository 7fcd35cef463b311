"""Models of the strategy portfolio, review rounds and dialogue-based agreements."""

from enkelt.strategy.models.agreements import Agreement, DialogueMeeting
from enkelt.strategy.models.portfolio import DevelopmentArea, Initiative, Programme, StrategyPlan
from enkelt.strategy.models.reviews import ReviewItem, ReviewRound

__all__ = [
    "Agreement",
    "DevelopmentArea",
    "DialogueMeeting",
    "Initiative",
    "Programme",
    "ReviewItem",
    "ReviewRound",
    "StrategyPlan",
]
