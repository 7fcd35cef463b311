"""Named permissions for surveys (see docs/permissions.md).

Leaders, chiefs, directors and administrators build surveys, open and close
rounds and see results; council members see results. Results are aggregates
with small groups suppressed for everyone. Answering needs no permission: the
token in the link is the key, and the response is anonymous.
Objects: a Municipality or anything with a `municipality`.
"""

import rules

from enkelt.tenants.predicates import is_council_member, is_manager, is_member

# The survey list and a survey's page (questions, rounds).
rules.add_perm("surveys.view_surveys", is_member & (is_manager | is_council_member))
# Create surveys, add and order questions, open/close rounds, invite, remind, feed indicators.
rules.add_perm("surveys.manage_surveys", is_member & is_manager)
# Aggregated results of a round (groups under 5 suppressed).
rules.add_perm("surveys.view_results", is_member & (is_manager | is_council_member))
