"""Domain errors of the rule registry, each with a stable machine-readable code."""

from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


class RegulationErrorCode(StrEnum):
    WRONG_MUNICIPALITY = "wrong_municipality"
    NOTHING_TO_SNAPSHOT = "nothing_to_snapshot"
    IMPORT_NOT_READY = "import_not_ready"


MESSAGES: dict[RegulationErrorCode, Promise] = {
    RegulationErrorCode.WRONG_MUNICIPALITY: _("The object belongs to another municipality."),
    RegulationErrorCode.NOTHING_TO_SNAPSHOT: _("The rule has no activities to measure."),
    RegulationErrorCode.IMPORT_NOT_READY: _(
        "This import cannot start: it has errors, or it has already run."
    ),
}


class RegulationError(Exception):
    def __init__(self, code: RegulationErrorCode) -> None:
        self.code = code
        self.message = MESSAGES[code]
        super().__init__(str(self.message))
