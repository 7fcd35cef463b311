"""Scheduled reminders: opening a round enqueues them with the right run_after, and each
one reminds only owners still missing an update, once, and never for a closed round."""

import datetime
import zoneinfo

import pytest
from django.core import mail
from django.utils import timezone
from django_tasks import default_task_backend

from enkelt.strategy import services
from enkelt.strategy.reminders import reminder_times
from enkelt.strategy.tasks import send_scheduled_reminders, send_update_requests

pytestmark = pytest.mark.django_db

DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
COPENHAGEN = zoneinfo.ZoneInfo("Europe/Copenhagen")
DEADLINE = datetime.date(2027, 5, 7)


def _open(director, municipality, plan):
    return services.review_round_open(
        actor=director, municipality=municipality, plan=plan, title="Maj 2027", deadline=DEADLINE
    )


def _moment(day: int) -> datetime.datetime:
    return datetime.datetime(2027, 5, day, 8, 0, tzinfo=COPENHAGEN)


def test_opening_a_round_schedules_reminders_before_and_on_the_deadline(
    settings, django_capture_on_commit_callbacks, director, municipality, plan, initiative
):
    settings.TASKS = DUMMY
    settings.TIME_ZONE = "Europe/Copenhagen"
    with django_capture_on_commit_callbacks(execute=True):
        review_round = _open(director, municipality, plan)
    queued = [(r.task.name, r.args, r.task.run_after) for r in default_task_backend.results]
    assert queued == [
        (send_update_requests.name, [review_round.pk], None),
        (send_scheduled_reminders.name, [review_round.pk, "2027-05-04"], _moment(4)),
        (send_scheduled_reminders.name, [review_round.pk, "2027-05-07"], _moment(7)),
    ]


def test_the_number_of_days_is_a_setting_and_past_moments_are_left_out(settings):
    settings.TIME_ZONE = "Europe/Copenhagen"
    settings.ENKELT_REVIEW_REMINDER_DAYS = [7, 1, 0]
    now = datetime.datetime(2027, 5, 3, 12, 0, tzinfo=COPENHAGEN)
    with timezone.override("Europe/Copenhagen"):
        assert reminder_times(DEADLINE, now=now) == [_moment(6), _moment(7)]


def test_a_backend_that_cannot_defer_gets_no_scheduled_reminders(
    django_capture_on_commit_callbacks, director, municipality, plan, initiative
):
    # the test settings use the immediate backend: the request goes out, no reminder
    with django_capture_on_commit_callbacks(execute=True):
        _open(director, municipality, plan)
    assert len(mail.outbox) == 1
    assert "Reminder" not in mail.outbox[0].subject and "Påmind" not in mail.outbox[0].subject


def test_no_reminders_without_notify(
    settings, django_capture_on_commit_callbacks, director, municipality, plan, initiative
):
    settings.TASKS = DUMMY
    with django_capture_on_commit_callbacks(execute=True):
        services.review_round_open(
            actor=director, municipality=municipality, plan=plan, title="Demo",
            deadline=DEADLINE, notify=False,
        )  # fmt: skip
    assert default_task_backend.results == []


def test_a_scheduled_reminder_goes_only_to_missing_updates_and_only_once(
    director, municipality, plan, initiative, other_initiative, leader, other_leader
):
    review_round = _open(director, municipality, plan)
    item = review_round.items.get(initiative=initiative)
    services.review_item_update(
        actor=leader, municipality=municipality, item=item, status="active", rag="green",
        progress="På sporet.", proposed_decision="continue",
    )  # fmt: skip
    mail.outbox.clear()

    # when the reminder three days before the deadline runs
    assert send_scheduled_reminders.call(review_round.pk, "2027-05-04") == 1
    # then only the owner still missing an update is reminded
    assert [m.to for m in mail.outbox] == [[other_leader.email]]
    missing = review_round.items.get(initiative=other_initiative)
    assert missing.last_reminded_on == datetime.date(2027, 5, 4)

    # running the same task again sends nothing; the deadline-day reminder sends again
    assert send_scheduled_reminders.call(review_round.pk, "2027-05-04") == 0
    assert send_scheduled_reminders.call(review_round.pk, "2027-05-07") == 1
    assert len(mail.outbox) == 2


def test_a_scheduled_reminder_of_a_closed_or_moved_round_sends_nothing(
    director, municipality, plan, initiative
):
    review_round = _open(director, municipality, plan)
    mail.outbox.clear()
    # a reminder for a day after the (moved) deadline is stale
    assert send_scheduled_reminders.call(review_round.pk, "2027-05-08") == 0
    services.review_round_close(
        actor=director, municipality=municipality, review_round=review_round
    )
    assert send_scheduled_reminders.call(review_round.pk, "2027-05-07") == 0
    assert send_scheduled_reminders.call(review_round.pk + 999, "2027-05-07") == 0
    assert mail.outbox == []
