"""The domain's errors as JSON API errors (enkelt/api/errors.py renders them).

`SubmissionError` becomes `{code, message}` with the domain's stable code: 409
when the submission's current state refuses the request (it may succeed later or
never), 400 when the request itself is wrong. Django's `ValidationError` from a
service becomes `{code: "invalid", fields}` like a serializer's.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django.core.exceptions import ValidationError as DjangoValidationError
from rest_framework import exceptions, status

from enkelt.submissions.error_codes import SubmissionError, SubmissionErrorCode

CONFLICTS = frozenset(
    {
        SubmissionErrorCode.TRANSITION_NOT_ALLOWED,
        SubmissionErrorCode.ALREADY_MERGED,
        SubmissionErrorCode.MERGE_INTO_MERGED,
    }
)


class SubmissionRefused(exceptions.APIException):
    status_code: int = status.HTTP_400_BAD_REQUEST
    default_code = "invalid"

    def __init__(self, error: SubmissionError) -> None:
        super().__init__(detail=str(error.message), code=str(error.code))
        if error.code in CONFLICTS:
            self.status_code = status.HTTP_409_CONFLICT


def validation_error(error: DjangoValidationError) -> exceptions.ValidationError:
    if hasattr(error, "error_dict"):
        return exceptions.ValidationError(
            {field: [str(m) for m in messages] for field, messages in error.message_dict.items()}
        )
    return exceptions.ValidationError({"non_field_errors": [str(m) for m in error.messages]})


@contextmanager
def service_errors() -> Iterator[None]:
    """Run a service call; its refusals leave as DRF exceptions with stable codes."""
    try:
        yield
    except SubmissionError as error:
        raise SubmissionRefused(error) from error
    except DjangoValidationError as error:
        raise validation_error(error) from error
