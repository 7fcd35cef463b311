"""URLs of the submissions app under `/<municipality_slug>/`, namespace `submissions`.

Each audience has its own module: the citizen and employee journey, the public
list and pages, and the case workers' inbox.
"""

from enkelt.submissions.urls_citizen import urlpatterns as citizen_patterns
from enkelt.submissions.urls_inbox import urlpatterns as inbox_patterns
from enkelt.submissions.urls_public import urlpatterns as public_patterns

app_name = "submissions"

urlpatterns = [*citizen_patterns, *public_patterns, *inbox_patterns]
