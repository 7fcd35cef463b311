"""API errors: JSON with a stable `code` and a human `message`, never HTML or a trace."""

import logging
from typing import Any

from django.core.exceptions import PermissionDenied, RequestDataTooBig, SuspiciousOperation
from django.db import DatabaseError
from django.http import Http404
from django.utils.translation import gettext as _
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.views import exception_handler as drf_exception_handler

logger = logging.getLogger(__name__)


class RequestTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "too_large"
    default_detail = "The request body is too large."


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response:
    if isinstance(exc, Http404):
        exc = exceptions.NotFound()
    elif isinstance(exc, PermissionDenied):
        exc = exceptions.PermissionDenied()
    elif isinstance(exc, RequestDataTooBig):
        exc = RequestTooLarge(_("The request body is too large."))
    elif isinstance(exc, SuspiciousOperation):
        exc = exceptions.ParseError(_("The request could not be understood."))
    elif isinstance(exc, RecursionError):
        # Only a request body can nest without bound (json.load recursing): bad input, not a bug.
        exc = exceptions.ParseError(_("The request body is nested too deeply."))
    response = drf_exception_handler(exc, context)
    if response is None:
        if isinstance(exc, DatabaseError):
            logger.error("database unavailable in API", exc_info=exc)
            return Response(
                {
                    "code": "service_unavailable",
                    "message": _("The database cannot be reached. Try again in a minute."),
                },
                status=status.HTTP_503_SERVICE_UNAVAILABLE,
                headers={"Retry-After": "10"},
            )
        logger.exception("unhandled API error", exc_info=exc)
        return Response(
            {"code": "server_error", "message": _("Something went wrong on our side.")},
            status=status.HTTP_500_INTERNAL_SERVER_ERROR,
        )
    assert isinstance(exc, exceptions.APIException)
    if isinstance(exc, exceptions.ValidationError):
        body: dict[str, Any] = {
            "code": "invalid",
            "message": _("The input is not valid; see the fields."),
            "fields": response.data,
        }
    else:
        detail = exc.detail
        body = {"code": getattr(detail, "code", None) or exc.default_code, "message": str(detail)}
    response.data = body
    return response
