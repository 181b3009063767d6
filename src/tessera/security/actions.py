"""Everything a user can ask Tessera to do, and what each request must carry.

An action that touches a person needs the person's facts (``SubjectFacts``) to be judged;
every action -- each read of a person, each write, even reading the audit log -- needs a
stated purpose. An enforcement action is
one that can deprive a person of liberty (a detainer request); partner officers may only
ask for one (INA 287(g)).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import StrEnum
from typing import Final


class Action(StrEnum):
    person_search = "person:search"
    person_read = "person:read"
    lead_work = "lead:work"
    lead_list = "lead:list"
    identity_judge = "identity:judge"
    document_examine = "document:examine"
    status_query_ask = "status_query:ask"
    status_query_answer = "status_query:answer"
    status_query_queue = "status_query:queue"
    enforcement_request = "enforcement:request"
    enforcement_approve = "enforcement:approve"
    enforcement_review = "enforcement:review"
    audit_read = "audit:read"
    audit_verify = "audit:verify"
    users_manage = "users:manage"


@dataclass(frozen=True)
class ActionPolicy:
    """What an action is, in words, and what a request for it must carry besides a purpose
    (every action states one)."""

    description: str
    writes: bool
    about_a_person: bool
    """Judged on the person's facts; refused when no person is named."""
    enforcement: bool = False


def _reads(description: str, *, person: bool) -> ActionPolicy:
    return ActionPolicy(description, writes=False, about_a_person=person)


def _writes(description: str, *, person: bool, enforcement: bool = False) -> ActionPolicy:
    return ActionPolicy(description, writes=True, about_a_person=person, enforcement=enforcement)


ACTIONS: Final[Mapping[Action, ActionPolicy]] = {
    Action.person_search: _reads("search for people", person=False),
    Action.person_read: _reads("read a person's records", person=True),
    Action.lead_work: _writes("work a lead on a person", person=True),
    Action.lead_list: _reads("list the leads waiting in the units' queues", person=False),
    Action.identity_judge: _writes("judge whether records are one person", person=True),
    Action.document_examine: _writes("record a document examination", person=True),
    Action.status_query_ask: _writes("ask for a person's immigration status", person=False),
    Action.status_query_answer: _writes("answer a status query", person=True),
    Action.status_query_queue: _reads(
        "list the status queries waiting for an operator", person=False
    ),
    Action.enforcement_request: _writes(
        "request an enforcement action (a detainer)", person=True, enforcement=True
    ),
    Action.enforcement_approve: _writes("approve an enforcement action", person=True),
    Action.enforcement_review: _reads("list enforcement requests awaiting approval", person=False),
    Action.audit_read: _reads("read the audit log", person=False),
    Action.audit_verify: _reads("verify the audit log's hash chain", person=False),
    Action.users_manage: _writes("manage user accounts and keys", person=False),
}
"""Every action, described. ``tessera.security.policy`` says who may take which."""
