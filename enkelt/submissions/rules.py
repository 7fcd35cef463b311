"""Named permissions for submissions (see docs/permissions.md).

Objects are a Municipality or a Submission; the tenant check (`is_member`) always
comes first, so a user of another municipality is refused whatever the role.
"""

import rules

from enkelt.tenants.predicates import (
    is_administrator,
    is_chief,
    is_director,
    is_employee,
    is_leader,
    is_member,
)

is_case_worker = is_employee | is_leader | is_chief | is_director | is_administrator
is_moderator = is_leader | is_chief | is_director | is_administrator

# See the inbox, a submission's details, internal notes and contact details.
rules.add_perm("submissions.view_inbox", is_member & is_case_worker)
# Change status, answer, add notes, assign, bulk actions, merge duplicates.
rules.add_perm("submissions.handle_submission", is_member & is_case_worker)
# Hide/unhide from the public and decide the moderation queue.
rules.add_perm("submissions.moderate_submission", is_member & is_moderator)
# Reveal who a pseudonymous employee is (audited).
rules.add_perm("submissions.reveal_identity", is_member & is_administrator)
# Categories, questions, area routes, answer templates, Open311 keys.
rules.add_perm("submissions.manage_categories", is_member & is_administrator)
