"""The simplification domain's errors as JSON API errors with stable codes (409 for state)."""

from collections.abc import Iterator
from contextlib import contextmanager

from rest_framework import exceptions, status

from enkelt.simplification.error_codes import SimplificationError, SimplificationErrorCode

CONFLICTS = frozenset(
    {
        SimplificationErrorCode.TRANSITION_NOT_ALLOWED,
        SimplificationErrorCode.NOT_DECIDED_TO_FREE_TIME,
    }
)


class SimplificationRefused(exceptions.APIException):
    status_code: int = status.HTTP_400_BAD_REQUEST
    default_code = "invalid"

    def __init__(self, error: SimplificationError) -> None:
        super().__init__(detail=str(error.message), code=str(error.code))
        if error.code in CONFLICTS:
            self.status_code = status.HTTP_409_CONFLICT


@contextmanager
def service_errors() -> Iterator[None]:
    try:
        yield
    except SimplificationError as error:
        raise SimplificationRefused(error) from error
