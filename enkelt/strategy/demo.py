# ruff: noqa: E501 - the demo data tables read best one initiative to a line
"""Demo strategy portfolio for `demo`: the structure of Holbæk's strategy plan 2013+.

The four development areas and their programmes follow the plan's structure; the
initiatives are written for Enkelt. Two review rounds (May and September 2026)
have updates and decisions, and a director → chief → leader agreement chain has
dialogue meetings (the goals app adds goals to these agreements, looking them up
by the titles in AGREEMENT_TITLES). Everything is made through the services, so
each object has its audit trail. Idempotent: a second run adds nothing.
"""

from datetime import date
from typing import Any

from django.contrib.auth import get_user_model
from django.db import transaction

from enkelt.strategy import services
from enkelt.strategy.models import Agreement, Initiative, ReviewItem, StrategyPlan
from enkelt.tenants.models import Municipality, Unit

PLAN_TITLE = "Direktionens strategiplan 2013+"

AGREEMENT_TITLES = {
    "director": "Direktøraftale 2026: Miljø, Teknik og Veje",
    "chief": "Chefaftale 2026: Miljø, Teknik og Veje",
    "leader": "Lederaftale 2026: Veje og Parker",
}

A, P, D, S = "active", "planned", "done", "stopped"

# area -> [(programme, [(initiative, owner unit slug, owner username or "", status, rag)])]
STRUCTURE: list[tuple[str, str, list[tuple[str, list[tuple[str, str, str, str, str]]]]]] = [
    ("Medborgerskab og demokrati", "Borgere og foreninger inddrages i de demokratiske processer og i løsningen af fælles opgaver.", [
        ("Medborgerskab og frivillighed", [
            ("Frivilligportal med opgaver fra alle velfærdsområder", "borgerservice", "", A, "green"),
            ("Fast kontaktperson for frivillige på plejecentrene", "plejecentre", "", A, "amber"),
            ("Unge vælgere: valgcafé på ungdomsuddannelserne", "ungeindsats", "", D, "green"),
        ]),
        ("Dialog mellem borgere og politikere", [
            ("Nye mødeformer for lokalfora og dialogudvalg", "strategi-og-udvikling", "", A, "green"),
            ("To borgerdialogmøder om året i byen", "strategi-og-udvikling", "", A, "amber"),
        ]),
        ("Forberedelse af ny byrådsperiode", [
            ("Introforløb for nye byrådsmedlemmer", "strategi-og-udvikling", "", P, "not_set"),
        ]),
    ]),
    ("Politikker og budget", "Administrationen understøtter byrådets politiske arbejde og fører beslutningerne ud i livet.", [
        ("Fra vision og udviklingsstrategi til virkelighed", [
            ("Kommuneplanens rammer omsat til lokalplanprogram", "byggeri-og-miljo", "chef", A, "amber"),
        ]),
        ("Budget: prioritering og handling", [
            ("Budgetproces med inddragelse af ledere og medarbejdere", "budget-og-analyse", "", A, "green"),
            ("Månedlig opfølgning på budgetoverholdelse", "budget-og-analyse", "", A, "red"),
        ]),
        ("Politikker: udvikling og implementering", [
            ("Sundhedspolitik med handleplan for rygning og overvægt", "sundhed-og-forebyggelse", "", A, "amber"),
            ("Fremtidens folkeskole: fælles læringsmål", "skoler", "", A, "green"),
        ]),
    ]),
    ("Sammenhængskraft og trivsel", "Samarbejde på tværs, arbejdsglæde og højt fremmøde.", [
        ("Trivsel og fremmøde", [
            ("Opfølgning på trivselsmålingen i alle enheder", "hr", "", A, "green"),
            ("Sygefravær: tidlig dialog i Veje og Parker", "veje-og-parker", "leder", A, "amber"),
        ]),
        ("Strategisk kompetenceudvikling", [
            ("Lederforløb i innovation og implementering", "hr", "", A, "green"),
        ]),
        ("Sammenhængskraft", [
            ("Fælles personalepolitik", "hr", "", A, "red"),
        ]),
    ]),
    ("Ny faglighed og effektiv drift", "Opgaverne løses effektivt, med nye løsninger og nye fagligheder.", [
        ("Imagine Holbæk: strategisk innovation", [
            ("Innovationsspor med borgere og virksomheder", "strategi-og-udvikling", "", A, "amber"),
        ]),
        ("Effektivisering og digitalisering", [
            ("Ruteplanlægning af vejvedligehold med GPS-data", "veje-og-parker", "leder", A, "green"),
            ("Digital selvbetjening af affaldsordninger", "affald-og-genbrug", "", A, "green"),
            ("Arealoptimering af administrationsbygninger", "budget-og-analyse", "", A, "red"),
        ]),
        ("Ledelsesinformation og datagrundlag", [
            ("Fælles ledelsesinformation for direktør- og chefniveau", "budget-og-analyse", "admin", A, "amber"),
        ]),
        ("Nye arbejdsgange med velfærdsteknologi", [
            ("Strategi for velfærdsteknologi", "hjemmepleje", "", A, "green"),
            ("Skærmbesøg i hjemmeplejen", "hjemmeplejen-vest", "", A, "amber"),
        ]),
    ]),
]  # fmt: skip

# Round title -> (deadline, meeting day, {initiative: (status, rag, progress, proposal, decision, reason)})
ROUNDS: list[tuple[str, date, date, dict[str, tuple[str, str, str, str, str, str]]]] = [
    ("Maj 2026", date(2026, 5, 8), date(2026, 5, 20), {
        "Arealoptimering af administrationsbygninger": (A, "red", "Analysen er forsinket; besparelsen kan ikke hentes i år.", "stop", "stop", "Gevinsten er for usikker; arealerne indgår i den næste budgetanalyse i stedet."),
        "Månedlig opfølgning på budgetoverholdelse": (A, "red", "Tre områder ligger over budget.", "adjust", "adjust", "Opfølgningen skal ske sammen med cheferne hver måned."),
        "Fælles personalepolitik": (A, "amber", "Udkast drøftet i hovedudvalget.", "continue", "continue", ""),
        "Ruteplanlægning af vejvedligehold med GPS-data": (A, "green", "Pilot i to distrikter er i gang.", "continue", "continue", ""),
        "Sygefravær: tidlig dialog i Veje og Parker": (A, "amber", "Samtaler holdes nu inden for 14 dage.", "continue", "continue", ""),
    }),
    ("September 2026", date(2026, 9, 4), date(2026, 9, 16), {
        "Månedlig opfølgning på budgetoverholdelse": (A, "amber", "To områder ligger nu over budget.", "continue", "continue", ""),
        "Fælles personalepolitik": (A, "red", "Udkastet skal genforhandles.", "adjust", "adjust", "Ny tidsplan med færre temaer."),
        "Ruteplanlægning af vejvedligehold med GPS-data": (A, "green", "Udrulles til alle distrikter.", "continue", "continue", ""),
        "Sygefravær: tidlig dialog i Veje og Parker": (A, "amber", "Fraværet er faldet en smule.", "continue", "continue", ""),
        "Innovationsspor med borgere og virksomheder": (A, "amber", "Første workshop holdt.", "start_new", "start_new", "Nyt projekt om grønne arbejdspladser startes som næste spor."),
    }),
]  # fmt: skip


def _unit(municipality: Municipality, slug: str) -> Unit | None:
    return Unit.objects.filter(municipality=municipality, slug=slug).first()


def _user(username: str) -> Any:
    if not username:
        return None
    return get_user_model().objects.filter(username=username).first()


@transaction.atomic
def load_demo_strategy(municipality: Municipality) -> int:
    """The demo plan, its rounds and the agreement chain. Returns the number of initiatives."""
    existing = StrategyPlan.objects.filter(municipality=municipality, title=PLAN_TITLE).first()
    if existing is not None:
        return Initiative.objects.filter(programme__area__plan=existing).count()
    director = _user("direktoer")
    plan = services.plan_create(
        actor=None,
        municipality=municipality,
        title=PLAN_TITLE,
        period_start=date(2013, 1, 1),
        adopted_by="Direktionen",
        adopted_on=date(2012, 12, 1),
    )
    by_title: dict[str, Initiative] = {}
    for a_order, (area_title, area_text, programmes) in enumerate(STRUCTURE, start=1):
        area = services.area_create(
            actor=None,
            municipality=municipality,
            plan=plan,
            title=area_title,
            description=area_text,
            order=a_order,
        )
        for p_order, (programme_title, initiatives) in enumerate(programmes, start=1):
            programme = services.programme_create(
                actor=None,
                municipality=municipality,
                area=area,
                title=programme_title,
                order=p_order,
            )
            for title, unit_slug, username, status, rag in initiatives:
                by_title[title] = services.initiative_create(
                    actor=None,
                    municipality=municipality,
                    programme=programme,
                    title=title,
                    owner_unit=_unit(municipality, unit_slug),
                    owner=_user(username),
                    start=date(2025, 1, 1),
                    end=date(2027, 12, 31),
                    status=status,
                    rag=rag,
                )
    for round_title, deadline, meeting_on, updates in ROUNDS:
        review_round = services.review_round_open(
            actor=director,
            municipality=municipality,
            plan=plan,
            title=round_title,
            deadline=deadline,
            meeting_on=meeting_on,
            notify=False,
        )
        items = {i.initiative.title: i for i in review_round.items.select_related("initiative")}
        for title, (status, rag, progress, proposal, decision, reason) in updates.items():
            item: ReviewItem = items[title]
            owner = item.initiative.owner or director
            services.review_item_update(
                actor=owner,
                municipality=municipality,
                item=item,
                status=status,
                rag=rag,
                progress=progress,
                proposed_decision=proposal,
            )
            services.review_item_decide(
                actor=director,
                municipality=municipality,
                item=item,
                decision=decision,
                reason=reason,
            )
        services.review_round_close(
            actor=director, municipality=municipality, review_round=review_round
        )
    _load_agreements(municipality)
    return len(by_title)


def _load_agreements(municipality: Municipality) -> None:
    period = {"period_start": date(2026, 1, 1), "period_end": date(2026, 12, 31)}
    chain = [
        ("director", "miljo-teknik-og-veje", ["direktoer"], "Direktøraftalen tager afsæt i strategiplanens fire udviklingsområder."),
        ("chief", "miljo-teknik-og-veje", ["direktoer", "chef"], "Chefaftalen bygger på direktøraftalens mål for drift og trivsel."),
        ("leader", "veje-og-parker", ["chef", "leder"], "Lederaftalen omsætter chefaftalen til mål for Veje og Parker."),
    ]  # fmt: skip
    parent: Agreement | None = None
    for level, unit_slug, usernames, minutes in chain:
        unit = _unit(municipality, unit_slug)
        if unit is None:
            return
        agreement = services.agreement_create(
            actor=None,
            municipality=municipality,
            level=level,
            title=AGREEMENT_TITLES[level],
            unit=unit,
            parties=[u for u in (_user(n) for n in usernames) if u is not None],
            parent=parent,
            **period,
        )
        for state in ("in_dialogue", "agreed", "mid_year_follow_up"):
            services.agreement_set_state(
                actor=None, municipality=municipality, agreement=agreement, state=state
            )
        services.dialogue_meeting_add(
            actor=None,
            municipality=municipality,
            agreement=agreement,
            kind="start",
            held_on=date(2026, 1, 20),
            minutes=minutes,
        )
        services.dialogue_meeting_add(
            actor=None,
            municipality=municipality,
            agreement=agreement,
            kind="mid_year",
            held_on=date(2026, 6, 15),
            minutes="Status på målene gennemgået; enkelte mål er bagud og følges tæt.",
        )
        parent = agreement
