"""The one exception the Open311 adapter raises for a refused request.

GeoReport v2 answers every error with a list of `{code, description}` in the
requested format, where `code` is the HTTP status (the spec's own examples do
so). Parsing, the selectors and the submitting service raise `Open311Error`;
the view decorator turns it into that list, so no error ever leaves as HTML.
"""

from django.utils.functional import Promise

BAD_REQUEST = 400
FORBIDDEN = 403
NOT_FOUND = 404
METHOD_NOT_ALLOWED = 405
SERVER_ERROR = 500
SERVICE_UNAVAILABLE = 503


class Open311Error(Exception):
    """A refused request: its HTTP status and one or more human descriptions."""

    def __init__(self, status: int, *descriptions: str | Promise) -> None:
        self.status = status
        self.descriptions = [str(d) for d in descriptions]
        super().__init__(f"{status}: {'; '.join(self.descriptions)}")
