"""Permission matrix of enkelt/submissions/rules.py: role x (own, other, anonymous, KL).

The table is the specification; docs/permissions.md shows the same matrix. A rule
added without a row here fails `test_every_submissions_rule_is_in_the_matrix`.
"""

import pytest
import rules
from django.contrib.auth.models import AnonymousUser

from enkelt.accounts.tests.factories import KLUserFactory
from enkelt.submissions.tests.factories import SubmissionFactory
from enkelt.tenants.models import Role
from enkelt.tenants.tests.factories import MembershipFactory, MunicipalityFactory

ROLES = [Role.EMPLOYEE, Role.LEADER, Role.CHIEF, Role.DIRECTOR, Role.COUNCIL_MEMBER,
         Role.ADMINISTRATOR]  # fmt: skip
CASE_WORKERS = {Role.EMPLOYEE, Role.LEADER, Role.CHIEF, Role.DIRECTOR, Role.ADMINISTRATOR}
MODERATORS = {Role.LEADER, Role.CHIEF, Role.DIRECTOR, Role.ADMINISTRATOR}
ADMIN = {Role.ADMINISTRATOR}

# rule -> roles allowed on their OWN municipality (never on another, never anonymous or KL)
MATRIX: dict[str, set[Role]] = {
    "submissions.view_inbox": CASE_WORKERS,
    "submissions.handle_submission": CASE_WORKERS,
    "submissions.moderate_submission": MODERATORS,
    "submissions.reveal_identity": ADMIN,
    "submissions.manage_categories": ADMIN,
}


def test_every_submissions_rule_is_in_the_matrix():
    defined = {n for n in rules.permissions.permissions if n.startswith("submissions.")}
    assert defined == set(MATRIX)


@pytest.fixture
def objects(db):
    own, other = MunicipalityFactory(), MunicipalityFactory()
    return {
        "own": (own, SubmissionFactory(municipality=own)),
        "other": (other, SubmissionFactory(municipality=other)),
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("perm", MATRIX)
def test_role_matrix(objects, perm, role):
    own, _ = objects["own"]
    user = MembershipFactory(municipality=own, role=role).user
    for where, (municipality, submission) in objects.items():
        expected = where == "own" and role in MATRIX[perm]
        for obj in (municipality, submission):
            assert rules.has_perm(perm, user, obj) is expected, (perm, role, where, obj)


@pytest.mark.parametrize("perm", MATRIX)
def test_anonymous_and_kl_are_refused(objects, perm):
    kl = KLUserFactory()
    for municipality, submission in objects.values():
        for obj in (municipality, submission):
            assert not rules.has_perm(perm, AnonymousUser(), obj)
            assert not rules.has_perm(perm, kl, obj)
