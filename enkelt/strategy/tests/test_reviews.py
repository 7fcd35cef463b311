"""Review rounds: updates requested, reminders queued, decisions recorded, the PDF pack."""

import datetime
import io

import pytest
from django.core import mail
from django_tasks import default_task_backend
from pypdf import PdfReader

from enkelt.strategy import selectors, services
from enkelt.strategy.errors import StrategyError
from enkelt.strategy.models import Initiative, ReviewItem
from enkelt.strategy.pdf import review_pack_pdf
from enkelt.strategy.tasks import send_update_reminders, send_update_requests
from enkelt.strategy.tests.factories import InitiativeFactory

pytestmark = pytest.mark.django_db

DUMMY = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}


def _open(director, municipality, plan, **kwargs):
    return services.review_round_open(
        actor=director,
        municipality=municipality,
        plan=plan,
        title=kwargs.pop("title", "Maj 2027"),
        deadline=datetime.date(2027, 5, 7),
        **kwargs,
    )


def test_opening_a_round_creates_items_and_asks_every_owner(
    settings, django_capture_on_commit_callbacks, director, municipality, plan, initiative,
    other_initiative, leader, other_leader,
):  # fmt: skip
    settings.TASKS = DUMMY
    InitiativeFactory.create(programme=initiative.programme, status="planned")
    with django_capture_on_commit_callbacks(execute=True):
        review_round = _open(director, municipality, plan)
    # one item per active initiative, planned ones left out
    assert {i.initiative for i in review_round.items.all()} == {initiative, other_initiative}
    queued = default_task_backend.results
    first = queued[0]  # then the scheduled reminders (test_reminders.py)
    assert (first.task.name, first.args) == (send_update_requests.name, [review_round.pk])
    # running the task e-mails each owner with a link to their item
    assert send_update_requests.call(review_round.pk) == 2
    assert sorted(m.to[0] for m in mail.outbox) == sorted([leader.email, other_leader.email])
    item = review_round.items.get(initiative=initiative)
    body = next(m.body for m in mail.outbox if m.to == [leader.email])
    assert str(item.public_id) in body


def test_reminders_are_queued_and_only_go_to_missing_updates(
    settings, django_capture_on_commit_callbacks, director, municipality, plan, initiative,
    other_initiative, leader, other_leader,
):  # fmt: skip
    settings.TASKS = DUMMY
    review_round = _open(director, municipality, plan)
    item = review_round.items.get(initiative=initiative)
    services.review_item_update(
        actor=leader, municipality=municipality, item=item, status="active", rag="green",
        progress="På sporet.", proposed_decision="continue",
    )  # fmt: skip
    with django_capture_on_commit_callbacks(execute=True):
        missing = services.review_round_remind(
            actor=director, municipality=municipality, review_round=review_round
        )
    assert missing == 1
    assert [(r.task.name, r.args) for r in default_task_backend.results] == [
        (send_update_reminders.name, [review_round.pk])
    ]
    mail.outbox.clear()
    assert send_update_reminders.call(review_round.pk) == 1
    assert [m.to for m in mail.outbox] == [[other_leader.email]]
    review_round.refresh_from_db()
    assert review_round.reminders_sent == 1


def test_owner_update_and_decisions_set_the_initiative(
    director, municipality, plan, initiative, other_initiative, leader
):
    review_round = _open(director, municipality, plan)
    item = review_round.items.get(initiative=initiative)
    services.review_item_update(
        actor=leader, municipality=municipality, item=item, status="active", rag="red",
        progress="Pilot forsinket.", comment="Mangler data.", proposed_decision="stop",
    )  # fmt: skip
    initiative.refresh_from_db()
    assert (initiative.rag, initiative.rag_comment) == ("red", "Mangler data.")

    with pytest.raises(StrategyError):
        services.review_item_decide(
            actor=director, municipality=municipality, item=item, decision="stop", reason="  "
        )
    services.review_item_decide(
        actor=director, municipality=municipality, item=item, decision="stop",
        reason="Effekten kan ikke dokumenteres.",
    )  # fmt: skip
    initiative.refresh_from_db()
    assert initiative.status == Initiative.Status.STOPPED
    item.refresh_from_db()
    assert item.decision == "stop" and item.decided_by == director

    other = review_round.items.get(initiative=other_initiative)
    services.review_item_decide(
        actor=director, municipality=municipality, item=other, decision="adjust"
    )
    other_initiative.refresh_from_db()
    assert other_initiative.status == Initiative.Status.ACTIVE

    services.review_round_close(
        actor=director, municipality=municipality, review_round=review_round
    )
    with pytest.raises(StrategyError):
        services.review_item_update(
            actor=leader, municipality=municipality, item=other, status="active", rag="green"
        )


def test_stop_without_reason_is_refused_by_the_database_too(
    director, municipality, plan, initiative
):
    from django.db import IntegrityError, transaction

    review_round = _open(director, municipality, plan)
    with pytest.raises(IntegrityError), transaction.atomic():
        ReviewItem.objects.filter(round=review_round).update(decision="stop", decision_reason="")


def test_opening_needs_active_initiatives(director, municipality, plan):
    with pytest.raises(StrategyError):
        _open(director, municipality, plan)


def test_history_across_rounds(director, municipality, plan, initiative, leader):
    first = _open(director, municipality, plan, title="Maj 2027")
    services.review_round_close(actor=director, municipality=municipality, review_round=first)
    second = _open(director, municipality, plan, title="September 2027")
    history = list(selectors.initiative_history(initiative=initiative))
    assert [i.round for i in history] == [second, first] or {i.round for i in history} == {
        first,
        second,
    }
    assert len(history) == 2


def test_review_pack_pdf_contains_the_initiative_names(
    director, municipality, plan, initiative, other_initiative, leader
):
    review_round = _open(director, municipality, plan)
    item = review_round.items.get(initiative=initiative)
    services.review_item_decide(
        actor=director, municipality=municipality, item=item, decision="stop",
        reason="Ingen effekt målt.",
    )  # fmt: skip
    items = list(selectors.round_items(review_round=review_round))
    pdf = review_pack_pdf(review_round=review_round, items=items)
    assert pdf.startswith(b"%PDF")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    text = " ".join(text.split())
    assert "Ruteplanlægning med GPS" in text
    assert "Fælles personalepolitik" in text
    assert "Ingen effekt målt." in text
