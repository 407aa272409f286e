"""The members' audience in the site search.

Approved members (and staff) search what members may see; visitors and applicants only what
is public. Profiles are never indexed: the directory has its own search, for members only.
"""

from community.permissions import search_audiences
from search.registry import register_audience_provider

register_audience_provider(search_audiences)
