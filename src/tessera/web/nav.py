"""The screens each role reaches from the header, and where each role lands after
signing in. A link is shown only when the role's policy grants its action; the page
checks again through the service, so hiding a link is courtesy, not control."""

from __future__ import annotations

from dataclasses import dataclass

from tessera.model.access import Role
from tessera.security import Principal
from tessera.security.actions import Action
from tessera.security.policy import ROLES


@dataclass(frozen=True)
class NavLink:
    label: str
    path: str
    action: Action
    key: str
    """The access key (Alt+Shift+key in Chromium) that opens it from anywhere."""


NAV: tuple[NavLink, ...] = (
    NavLink("Search", "/ui/search", Action.person_search, "s"),
    NavLink("Leads", "/ui/leads", Action.lead_list, "l"),
    NavLink("Status desk", "/ui/desk", Action.status_query_queue, "d"),
    NavLink("Ask status", "/ui/desk/ask", Action.status_query_ask, "q"),
    NavLink("Enforcement reviews", "/ui/enforcement", Action.enforcement_review, "e"),
    NavLink("Audit", "/ui/audit", Action.audit_read, "a"),
)

HOME: dict[Role, str] = {
    Role.status_desk_operator: "/ui/desk",
    Role.partner_officer: "/ui/desk/ask",
    Role.supervisor: "/ui/leads",
    Role.auditor: "/ui/audit",
    Role.admin: "/ui/me",
}
"""Where a role lands; everyone else starts at the search."""


def links_for(user: Principal) -> list[NavLink]:
    granted = ROLES[user.role].permissions
    return [link for link in NAV if link.action in granted]


def home_for(user: Principal) -> str:
    return HOME.get(user.role, "/ui/search")
