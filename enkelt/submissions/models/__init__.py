"""Models of the submissions app, one module per concern."""

from enkelt.submissions.models.casework import AnswerTemplate, SavedFilter
from enkelt.submissions.models.followers import Follower
from enkelt.submissions.models.photos import Photo
from enkelt.submissions.models.records import (
    POSTAL_CODE_RE,
    AreaRoute,
    Category,
    CategoryQuestion,
    Kind,
    Submission,
    SubmissionEvent,
)

__all__ = [
    "POSTAL_CODE_RE",
    "AnswerTemplate",
    "AreaRoute",
    "Category",
    "CategoryQuestion",
    "Follower",
    "Kind",
    "Photo",
    "SavedFilter",
    "Submission",
    "SubmissionEvent",
]
