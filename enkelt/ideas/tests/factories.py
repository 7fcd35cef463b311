"""Factories for idea tests, and the objects the isolation walker needs."""

import factory

from enkelt.ideas import services
from enkelt.ideas.models import IdeaDevelopment, IdeaGuide
from enkelt.submissions.models import Kind
from enkelt.submissions.services import submission_create
from enkelt.submissions.tests.factories import CategoryFactory
from enkelt.tenants.models import Municipality, Unit


class IdeaCategoryFactory(CategoryFactory):
    kind = Kind.IDEA
    code = factory.Sequence(lambda n: f"ideer-{n}")


def idea_new(*, municipality: Municipality, unit: Unit | None = None, **kwargs):
    """An idea submission through the real service (with its events)."""
    category = IdeaCategoryFactory(
        municipality=municipality, **({"unit": unit} if unit is not None else {})
    )
    data = {
        "title": "Bedre idé",
        "description": "Beskrivelse af idéen",
        "contact_email": "borger@example.org",
        "language": "en",
    }
    data.update(kwargs)
    return submission_create(actor=None, municipality=municipality, category=category, **data)


def isolation_objects(*, actor, municipality, unit) -> tuple[IdeaDevelopment, IdeaGuide]:
    """A guided idea in development with a note and a guide, for the isolation walker."""
    idea = idea_new(
        municipality=municipality,
        unit=unit,
        title="SECRET-IDEA-A",
        description="SECRET-IDEA-TEXT-A",
        contact_email="secret-idea-a@alfa.example",
    )
    guide = services.idea_guide_add(actor=actor, municipality=municipality, user=actor, unit=unit)
    services.idea_assign_guide(actor=actor, municipality=municipality, submission=idea, guide=actor)
    development = services.idea_transition(
        actor=actor,
        municipality=municipality,
        submission=idea,
        to_stage="being_assessed",
        note="SECRET-IDEA-NOTE-A",
    )
    return development, guide
