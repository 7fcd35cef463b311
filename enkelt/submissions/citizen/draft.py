"""The unfinished report, kept in the session between the steps of the journey.

The journey works without JavaScript: each step is a plain form that posts
its part, which is stored here, and the next page is a new GET. The draft is
per municipality (a citizen may have two tabs on two municipalities) and holds
an idempotency key made when it starts, so that the final POST sent twice
(double click, refresh, a retry after a lost connection) stores one submission.

Steps, in order; `done` lists those the citizen has completed, so a step
cannot be reached before the ones it depends on.
"""

import uuid
from dataclasses import dataclass
from typing import Any

from django.contrib.sessions.backends.base import SessionBase
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

STEPS = ["kind", "category", "describe", "location", "photos", "contact", "review"]
STEP_TITLES = {
    "kind": _("What is it about?"),
    "category": _("Category"),
    "describe": _("Describe it"),
    "location": _("Where?"),
    "photos": _("Photos"),
    "contact": _("Contact details"),
    "review": _("Check and send"),
}
# Steps reached by address (`report/step/<step>/`); the first two have their own.
ADDRESSED_STEPS = STEPS[2:]

# Receipts this browser may see: tracking codes it sent, newest last.
RECEIPTS_KEY = "enkelt_report_receipts"
MAX_RECEIPTS = 20


def _session_key(municipality_id: int) -> str:
    return f"enkelt_report_draft_{municipality_id}"


@dataclass
class Draft:
    """A view of the session dict; `save()` writes it back."""

    session: SessionBase
    municipality_id: int
    data: dict[str, Any]

    @classmethod
    def load(cls, session: SessionBase, municipality_id: int) -> "Draft | None":
        data = session.get(_session_key(municipality_id))
        if not isinstance(data, dict) or not data.get("key"):
            return None
        return cls(session, municipality_id, data)

    @classmethod
    def start(cls, session: SessionBase, municipality_id: int, kind: str) -> "Draft":
        data: dict[str, Any] = {
            "key": f"web-{uuid.uuid4().hex}",
            "started": timezone.now().isoformat(),
            "kind": kind,
            "done": ["kind"],
            "answers": {},
            "photos": [],
        }
        draft = cls(session, municipality_id, data)
        draft.save()
        return draft

    @property
    def key(self) -> str:
        return str(self.data["key"])

    def get(self, name: str, default: Any = "") -> Any:
        return self.data.get(name, default)

    def update(self, **values: Any) -> None:
        self.data.update(values)

    def is_done(self, step: str) -> bool:
        return step in self.data.get("done", [])

    def mark_done(self, step: str) -> None:
        done = set(self.data.get("done", []))
        done.add(step)
        self.data["done"] = [s for s in STEPS if s in done]

    def mark_undone(self, *steps: str) -> None:
        self.data["done"] = [s for s in self.data.get("done", []) if s not in steps]

    def first_missing(self, before: str | None = None) -> str | None:
        """The first step not done (before `before`, if given); None when all are."""
        limit = STEPS.index(before) if before else STEPS.index("review")
        for step in STEPS[:limit]:
            if not self.is_done(step):
                return step
        return None

    def next_step(self, after: str) -> str:
        """The first step after `after` still to do, else the review."""
        for step in STEPS[STEPS.index(after) + 1 : STEPS.index("review")]:
            if not self.is_done(step):
                return step
        return "review"

    @property
    def photos(self) -> list[dict[str, Any]]:
        return list(self.data.get("photos", []))

    def save(self) -> None:
        self.session[_session_key(self.municipality_id)] = self.data
        self.session.modified = True

    def discard(self) -> None:
        self.session.pop(_session_key(self.municipality_id), None)
        self.session.modified = True


def receipt_remember(session: SessionBase, *, key: str, tracking_code: str) -> None:
    receipts = [r for r in session.get(RECEIPTS_KEY, []) if isinstance(r, dict)]
    receipts.append({"key": key, "code": tracking_code})
    session[RECEIPTS_KEY] = receipts[-MAX_RECEIPTS:]
    session.modified = True


def receipt_code_for_key(session: SessionBase, key: str) -> str | None:
    for receipt in session.get(RECEIPTS_KEY, []):
        if isinstance(receipt, dict) and receipt.get("key") == key:
            return str(receipt.get("code"))
    return None


def receipt_allowed(session: SessionBase, tracking_code: str) -> bool:
    return any(
        isinstance(r, dict) and r.get("code") == tracking_code
        for r in session.get(RECEIPTS_KEY, [])
    )
