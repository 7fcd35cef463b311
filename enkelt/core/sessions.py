"""Database sessions that keep an unreachable database a database error.

Django's database session store turns *any* `DatabaseError` while updating a
session into `UpdateError`, which the session middleware answers with 400
("the session was deleted"). During a database restart that tells the client
its request was bad, when it should simply retry. Here a lost connection stays
an `OperationalError`/`InterfaceError`, which `handler500` answers with a 503
and `Retry-After` (see `enkelt.core.middleware.is_database_unavailable`); a
session that really was deleted still gives Django's 400.
"""

from django.contrib.sessions.backends.base import UpdateError
from django.contrib.sessions.backends.db import SessionStore as DatabaseSessionStore
from django.db import InterfaceError, OperationalError


class SessionStore(DatabaseSessionStore):
    def save(self, must_create: bool = False) -> None:
        try:
            super().save(must_create=must_create)
        except UpdateError as error:
            cause = error.__context__
            if isinstance(cause, OperationalError | InterfaceError):
                raise cause from None
            raise
