# ruff: noqa: E501 - the demo data tables read best one rule to a few lines
"""Demo rules for `demo` (only with ENKELT_DEMO=1): about 250 rules across the core areas.

Written for Enkelt; the situations are typical of Danish municipalities, the
figures invented but plausible. Rules are made through the services (so each has
its audit trail and baseline snapshot); a few are measured again after a change,
so that the registry shows reductions, and the offset ledger has entries.
Idempotent: a second run adds nothing.
"""

import random
from decimal import Decimal as D
from typing import Any

from django.db import transaction

from enkelt.regulations.models import JobFamilyTariff, OffsetEntry, Rule
from enkelt.regulations.services import (
    ActivityData,
    activity_update,
    job_family_tariff_create,
    offset_entry_record,
    rule_create,
)
from enkelt.tenants.models import Municipality, Unit

YEAR = 2026
TARIFFS = [  # job family, hourly wage (DKK)
    ("Pædagog", "285"), ("Lærer", "330"), ("Social- og sundhedsassistent", "270"),
    ("Socialrådgiver", "320"), ("Administrativ medarbejder", "290"), ("Leder", "420"),
    ("Ingeniør / tekniker", "360"), ("Sygeplejerske", "340"),
]  # fmt: skip

# Department name -> (job family, [(title, kind, origin, legal reference, purpose, text,
#                                  [(activity, population, per year, minutes, bau share)])])
S = "state_law"
SPECIFIC: dict[str, tuple[str, list[tuple[Any, ...]]]] = {
    "Dagtilbud": ("Pædagog", [
        ("Pædagogisk læreplan evalueres hvert andet år", "documentation_requirement", S,
         "Dagtilbudsloven § 10", "Sikre kvalitet i læringsmiljøet.",
         "Den pædagogiske læreplan skal evalueres og offentliggøres mindst hvert andet år.",
         [("Evalueringsmøde i personalegruppen", 14, "0.5", 480, "0.2"),
          ("Skrive og offentliggøre evaluering", 14, "0.5", 600, "0")]),
        ("Sprogvurdering af treårige", "procedure", S, "Dagtilbudsloven § 11",
         "Opdage børn med behov for sprogstøtte tidligt.",
         "Alle børn skal tilbydes en sprogvurdering omkring tre år.",
         [("Gennemføre sprogvurdering", 420, 1, 45, "0.3"), ("Registrere resultat", 420, 1, 10, "0")]),
        ("Dagligt tilsyn med legepladsudstyr", "control", "administration", "",
         "Forebygge ulykker.", "Legepladsen skal efterses hver morgen, og fund skal noteres i logbogen.",
         [("Eftersyn og notat i logbog", 14, 220, 15, "0.5")]),
        ("Ekstra indberetning af fravær til forvaltningen", "reporting_obligation", "administration", "",
         "Overblik over sygefravær.", "Institutionen skal hver måned indberette personalets fravær i et særskilt regneark.",
         [("Udfylde regneark", 14, 12, 40, "0")]),
    ]),
    "Skoler": ("Lærer", [
        ("Elevplaner i alle fag", "documentation_requirement", "council", "Byrådsbeslutning",
         "Give forældre overblik over elevens udbytte.",
         "Lærerne skal udarbejde skriftlige elevplaner for hver elev i alle fag én gang om året.",
         [("Skrive elevplan", 2400, 1, 35, "0.4")]),
        ("Kvalitetsrapport for skolevæsenet", "reporting_obligation", S, "Folkeskoleloven § 40 a",
         "Dokumentere skolernes resultater for byrådet.",
         "Kommunen skal hvert andet år udarbejde en kvalitetsrapport.",
         [("Skolens bidrag til rapporten", 6, "0.5", 900, "0.2")]),
        ("Underretning ved bekymring for et barn", "procedure", S, "Barnets lov § 133",
         "Beskytte børn.", "Ansatte skal underrette kommunen ved bekymring for et barns trivsel.",
         [("Skrive underretning", 120, 1, 60, "0.6")]),
        ("Godkendelse af ekskursioner uden for kommunen", "approval_requirement", "administration", "",
         "Sikkerhed og økonomi.", "Ekskursioner uden for kommunen kræver skolelederens skriftlige godkendelse.",
         [("Ansøgning og godkendelse", 160, 1, 20, "0")]),
    ]),
    "Familierådgivning": ("Socialrådgiver", [
        ("Børnefaglig undersøgelse inden for fire måneder", "procedure", S, "Barnets lov § 20",
         "Afdække barnets behov.", "Undersøgelsen skal være afsluttet senest fire måneder efter underretningen.",
         [("Gennemføre undersøgelse", 180, 1, 1500, "0.5")]),
        ("Opfølgning på anbringelser hver sjette måned", "control", S, "Barnets lov § 102",
         "Sikre at indsatsen virker.", "Sagsbehandleren skal følge op på hver anbringelse mindst hver sjette måned.",
         [("Opfølgningsmøde og notat", 90, 2, 240, "0.4")]),
        ("Intern dobbelt journalisering af telefonsamtaler", "documentation_requirement", "administration", "",
         "Sporbarhed.", "Alle telefonsamtaler skal journaliseres i både fagsystemet og et lokalt regneark.",
         [("Dobbelt registrering", 25, 900, 3, "0")]),
    ]),
    "Hjemmepleje": ("Social- og sundhedsassistent", [
        ("Dokumentation af hvert besøg i omsorgsjournalen", "documentation_requirement", S,
         "Serviceloven § 83", "Kontinuitet i plejen.",
         "Ved hvert besøg skal der dokumenteres hvad der er udført, og der må ikke springes over.",
         [("Notat i journal", 1100, 150, 3, "0.3")]),
        ("Revisitation ved ændret behov", "procedure", S, "Serviceloven § 88",
         "Rette hjælp til rette borger.", "Ved ændret funktionsevne skal borgeren revisiteres.",
         [("Revisitationsbesøg", 600, 1, 90, "0.2")]),
        ("Kvittering for nøgleudlevering", "form", "administration", "",
         "Ansvar for nøgler.", "Hver nøgleudlevering skal kvitteres på papirblanket og arkiveres.",
         [("Udfylde og arkivere blanket", 700, 2, 5, "0")]),
    ]),
    "Plejecentre": ("Sygeplejerske", [
        ("Medicinhåndtering: dobbeltkontrol af dosisdispensering", "control", "executive_order",
         "Bekendtgørelse om medicinhåndtering", "Undgå medicinfejl.",
         "Dispenseret medicin skal kontrolleres af to personer.",
         [("Dobbeltkontrol", 120, 52, 8, "0.4")]),
        ("Månedlig vægtregistrering af alle beboere", "documentation_requirement", "administration", "",
         "Opdage underernæring.", "Alle beboere skal vejes og registreres hver måned, uanset ernæringstilstand.",
         [("Vejning og registrering", 120, 12, 10, "0.3")]),
    ]),
    "Jobcenter": ("Socialrådgiver", [
        ("Jobsamtaler efter fast kadence", "procedure", S, "Lov om en aktiv beskæftigelsesindsats",
         "Hurtigere i arbejde.", "Ledige skal have samtaler efter lovens fastlagte kadence.",
         [("Samtale", 2200, 4, 45, "0.5"), ("Registrering", 2200, 4, 10, "0")]),
        ("Lokal tjekliste ved sygedagpengesager", "form", "administration", "",
         "Ensartet sagsbehandling.", "Sagsbehandleren skal udfylde en lokal tjekliste på 4 sider i hver sag.",
         [("Udfylde tjekliste", 1500, 1, 25, "0.2")]),
    ]),
    "Voksenrådgivning": ("Socialrådgiver", [
        ("Handleplan for voksne med særlige behov", "documentation_requirement", S, "Serviceloven § 141",
         "Målrettet indsats.", "Kommunen skal tilbyde en handleplan og følge op på den.",
         [("Udarbejde handleplan", 300, 1, 180, "0.4")]),
    ]),
    "Botilbud": ("Pædagog", [
        ("Registrering af magtanvendelse", "reporting_obligation", S, "Serviceloven § 136",
         "Retssikkerhed.", "Enhver magtanvendelse skal registreres og indberettes.",
         [("Skrive indberetning", 60, 1, 45, "0.1")]),
    ]),
    "Veje og Parker": ("Ingeniør / tekniker", [
        ("Gravetilladelse før arbejde i vejareal", "approval_requirement", S, "Vejloven § 73",
         "Koordinere arbejder i vejen.", "Der kræves tilladelse før gravearbejde i offentligt vejareal.",
         [("Behandle ansøgning", 900, 1, 40, "0.3")]),
        ("Vintervagt: skriftlig log over saltning", "documentation_requirement", "administration", "",
         "Dokumentation ved erstatningssager.", "Hver udkørsel skal logges med rute, tid og mængde.",
         [("Føre log", 1, 90, 30, "0.5")]),
    ]),
    "Affald og Genbrug": ("Administrativ medarbejder", [
        ("Dispensation fra affaldsordning", "approval_requirement", "council", "Affaldsregulativ",
         "Ensartet ordning.", "Dispensation kræver skriftlig ansøgning og afgørelse.",
         [("Behandle ansøgning", 150, 1, 50, "0.2")]),
    ]),
    "Byggeri og Miljø": ("Ingeniør / tekniker", [
        ("Byggetilladelse: fuldstændighedstjek", "procedure", S, "Byggeloven § 16",
         "Sikre komplette ansøgninger.", "Ansøgningen skal tjekkes for fuldstændighed før sagsbehandling.",
         [("Fuldstændighedstjek", 1400, 1, 30, "0.5")]),
        ("Miljøtilsyn med virksomheder", "control", S, "Miljøtilsynsbekendtgørelsen",
         "Forebygge forurening.", "Virksomheder skal have tilsyn efter en fastlagt frekvens.",
         [("Tilsynsbesøg", 220, "0.33", 300, "0.2")]),
    ]),
    "Borgerservice": ("Administrativ medarbejder", [
        ("Identitetskontrol ved pasudstedelse", "control", S, "Pasbekendtgørelsen",
         "Forhindre misbrug.", "Ansøgeren skal fremmøde personligt og legitimere sig.",
         [("Ekspedition", 6000, 1, 12, "0.6")]),
        ("Manuel kvittering for kontantbetaling", "form", "administration", "",
         "Kassekontrol.", "Alle kontantbetalinger skal kvitteres på papir i tre eksemplarer.",
         [("Udfylde kvittering", 400, 1, 6, "0")]),
    ]),
    "Biblioteker": ("Administrativ medarbejder", [
        ("Statistik over arrangementer til forvaltningen", "reporting_obligation", "administration", "",
         "Overblik over aktivitet.", "Biblioteket skal hvert kvartal indberette antal deltagere pr. arrangement.",
         [("Opgøre og indberette", 4, 4, 120, "0.3")]),
    ]),
    "Budget og Analyse": ("Administrativ medarbejder", [
        ("Budgetopfølgning tre gange årligt", "reporting_obligation", "council", "Kasse- og regnskabsregulativ",
         "Økonomisk styring.", "Alle budgetansvarlige skal afgive budgetopfølgning tre gange om året.",
         [("Udarbejde opfølgning", 120, 3, 240, "0.5")]),
        ("Attestation af fakturaer af to personer", "approval_requirement", "council", "Kasse- og regnskabsregulativ",
         "Intern kontrol.", "Fakturaer skal attesteres og anvises af to forskellige personer.",
         [("Attestere", 60000, 1, 2, "0.5"), ("Anvise", 60000, 1, 1, "0")]),
    ]),
    "HR": ("Administrativ medarbejder", [
        ("Børneattest ved ansættelse", "procedure", S, "Lov om indhentelse af børneattest",
         "Beskytte børn.", "Der skal indhentes børneattest før ansættelse til arbejde med børn.",
         [("Indhente og registrere", 500, 1, 10, "0")]),
        ("Sygefraværssamtale efter fast skabelon", "form", "administration", "Personalepolitik",
         "Ensartet opfølgning.", "Lederen skal bruge kommunens skabelon på 6 sider ved hver samtale.",
         [("Udfylde skabelon", 900, 1, 30, "0.3")]),
    ]),
}  # fmt: skip

# Cross-cutting internal rules, one per department: (title, kind, origin, text, activity, minutes,
# per year, population source: "staff" (per employee) or "unit" (once per unit)).
GENERIC = [
    ("Indkøb over 5.000 kr. kræver to underskrifter", "approval_requirement", "administration",
     "Indkøb over 5.000 kr. skal godkendes af to ledere.", "Indhente to underskrifter", 15, 24, "unit"),
    ("Månedlig ledelsesrapport om sygefravær", "reporting_obligation", "administration",
     "Lederen skal hver måned sende en rapport om sygefravær.", "Udarbejde rapport", 60, 12, "unit"),
    ("Kørselsgodtgørelse: papirblanket og lederattest", "form", "administration",
     "Kørsel skal registreres på blanket og attesteres af leder.", "Udfylde og attestere", 8, 12, "staff"),
    ("Årlig gennemgang af adgangsrettigheder", "control", "administration",
     "Adgange til fagsystemer skal gennemgås hvert år.", "Gennemgå adgange", 5, 1, "staff"),
    ("Referat af alle personalemøder til forvaltningen", "reporting_obligation", "committee",
     "Referater skal sendes til forvaltningen senest en uge efter mødet.", "Skrive og sende referat", 45, 11, "unit"),
    ("Risikovurdering før arrangementer", "documentation_requirement", "administration",
     "Før hvert arrangement skal der udfyldes en risikovurdering.", "Udfylde risikovurdering", 30, 6, "unit"),
    ("Kursusansøgning godkendes af chef", "approval_requirement", "administration",
     "Kurser kræver chefens godkendelse, også når de er gratis.", "Ansøge og godkende", 20, 1, "staff"),
    ("Logning af nøgler og adgangskort", "documentation_requirement", "institution",
     "Udlevering af nøgler skal logges i en protokol.", "Føre protokol", 5, 4, "staff"),
    ("GDPR: årlig fortegnelse over behandlinger", "documentation_requirement", "eu",
     "Enheden skal føre og opdatere fortegnelse over behandlingsaktiviteter.", "Opdatere fortegnelse", 240, 1, "unit"),
    ("Arbejdspladsvurdering (APV)", "documentation_requirement", "state_law",
     "Der skal udarbejdes en skriftlig APV mindst hvert tredje år.", "Gennemføre APV", 600, "0.33", "unit"),
    ("Kvartalsvis indberetning af nøgletal", "reporting_obligation", "administration",
     "Enheden skal indberette nøgletal hvert kvartal i forvaltningens skema.", "Udfylde skema", 90, 4, "unit"),
]  # fmt: skip

# Rules only described in words (no measurement yet): the candidate finder ranks them.
UNMEASURED = [
    "Alle ændringer i vagtplanen skal godkendes af lederen og må ikke gennemføres før godkendelse.",
    "Det kræves, at medarbejderen skal dokumentere samtalen; lederen er forpligtet til at kontrollere den.",
    "Medarbejderen skal udfylde skemaet. Kopier må ikke gemmes lokalt.",
    "Enheden er forpligtet til at føre en liste, og det kræves, at listen skal opdateres ugentligt.",
    "Aftaler skal registreres i systemet.",
]


def _tariffs(municipality: Municipality) -> dict[str, JobFamilyTariff]:
    existing = {t.name: t for t in JobFamilyTariff.objects.filter(municipality=municipality)}
    for name, wage in TARIFFS:
        if name not in existing:
            existing[name] = job_family_tariff_create(
                actor=None, municipality=municipality, name=name, year=YEAR, hourly_wage=D(wage)
            )
    return existing


def _activity(
    spec: tuple[Any, ...], family: JobFamilyTariff | None, rng: random.Random
) -> ActivityData:
    name, population, frequency, minutes, bau = spec
    return ActivityData(
        name=name,
        population=D(str(population)),
        frequency_per_year=D(str(frequency)),
        minutes_per_occurrence=D(str(minutes)),
        job_family=family,
        business_as_usual_share=D(str(bau)),
        source=rng.choice(["interview", "time_registration", "system_log", "estimate"]),
        confidence=rng.choice(["low", "medium", "medium", "high"]),
    )


@transaction.atomic
def load_demo_rules(municipality: Municipality) -> int:
    """Create the demo rules once; returns how many rules `municipality` has afterwards."""
    if Rule.objects.filter(municipality=municipality).exists():
        return Rule.objects.filter(municipality=municipality).count()
    rng = random.Random(4)  # noqa: S311 - demo figures, not security
    tariffs = _tariffs(municipality)
    units = {u.name: u for u in Unit.objects.filter(municipality=municipality)}
    departments = [u for u in units.values() if u.kind == Unit.Kind.DEPARTMENT]
    made: list[Rule] = []

    def make(unit: Unit | None, title: str, kind: str, origin: str, reference: str, purpose: str,
             text: str, activities: list[ActivityData], **extra: Any) -> Rule:  # fmt: skip
        rule = rule_create(
            actor=None, municipality=municipality, title=title, kind=kind, origin=origin,
            legal_reference=reference, purpose=purpose, text=text, owner_unit=unit,
            applies_to=[unit] if unit else [], adopted_by=_adopted_by(origin),
            activities=activities, **extra,
        )  # fmt: skip
        made.append(rule)
        return rule

    for department, (family_name, specs) in SPECIFIC.items():
        unit = units.get(department)
        family = tariffs.get(family_name)
        for title, kind, origin, reference, purpose, text, acts in specs:
            make(unit, title, kind, origin, reference, purpose, text,
                 [_activity(a, family, rng) for a in acts])  # fmt: skip
    for unit in sorted(departments, key=lambda u: u.name):
        staff = rng.randint(12, 80)
        for title, kind, origin, text, act, minutes, per_year, basis in GENERIC:
            population = staff if basis == "staff" else 1
            minutes_here = D(minutes) * D(rng.choice(["0.8", "1", "1", "1.2", "1.5"]))
            make(unit, f"{title} ({unit.name})", kind, origin, "", _("purpose"), text,
                 [_activity((act, population, per_year, minutes_here, rng.choice(["0", "0.1", "0.25"])),
                            tariffs["Leder"] if basis == "unit" else None, rng)])  # fmt: skip
    for i, text in enumerate(UNMEASURED * 6):
        unit = departments[i % len(departments)] if departments else None
        make(unit, f"Lokal instruks {i + 1}: {text.split(' ', 3)[-1][:60]}", "internal_rule",
             "institution", "", "", text, [])  # fmt: skip
    _measure_again(made, municipality, rng)
    _ledger(made, municipality)
    return Rule.objects.filter(municipality=municipality).count()


def _(text: str) -> str:
    return "Intern styring og kontrol." if text == "purpose" else text


def _adopted_by(origin: str) -> str:
    return {
        "council": "Byrådet", "committee": "Fagudvalget", "administration": "Direktionen",
        "institution": "Institutionens leder", "eu": "EU", "state_law": "Folketinget",
        "executive_order": "Ministeriet", "state_guidance": "Styrelsen",
    }.get(origin, "")  # fmt: skip


def _measure_again(rules: list[Rule], municipality: Municipality, rng: random.Random) -> None:
    """A dozen rules were simplified: fewer minutes, measured again (reduction shown)."""
    for rule in rng.sample([r for r in rules if r.hours_per_year > 0], 12):
        activity = rule.activities.order_by("sort_order").first()
        if activity is None:
            continue
        data = ActivityData(
            name=activity.name, population=activity.population,
            frequency_per_year=activity.frequency_per_year,
            minutes_per_occurrence=(activity.minutes_per_occurrence * D("0.6")).quantize(D("0.01")),
            hourly_tariff=activity.hourly_tariff, job_family=activity.job_family,
            external_cost_per_occurrence=activity.external_cost_per_occurrence,
            business_as_usual_share=activity.business_as_usual_share,
            source="time_registration", confidence="high",
        )  # fmt: skip
        activity_update(actor=None, municipality=municipality, activity=activity, data=data)
        if rule.status == Rule.Status.ACTIVE:
            Rule.objects.filter(pk=rule.pk).update(status=Rule.Status.SIMPLIFIED)


def _ledger(rules: list[Rule], municipality: Municipality) -> None:
    """Some units added requirements this year; some removed others."""
    owned = [r for r in rules if r.owner_unit_id and r.hours_per_year > 0][:40]
    for i, rule in enumerate(owned[:16]):
        assert rule.owner_unit is not None
        offset_entry_record(
            actor=None, municipality=municipality, unit=rule.owner_unit, year=YEAR,
            kind=OffsetEntry.Kind.ADDITION if i % 3 else OffsetEntry.Kind.REMOVAL,
            hours_per_year=rule.hours_per_year * D("0.2"), rule=rule, note=rule.title[:300],
        )  # fmt: skip
