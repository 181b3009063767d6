"""The kinds of refusal a use case can give besides the access policy's, so that every
face (HTTP, command line) answers them alike: a thing that does not exist, a change that
comes too late for the state it found, a request that cannot be carried out as asked."""

from __future__ import annotations


class NotFoundError(LookupError):
    """What was asked for does not exist (HTTP 404)."""


class ConflictError(RuntimeError):
    """The thing changed state before this change could be made: a closed lead, a query
    already answered, a request already decided (HTTP 409)."""


class InvalidRequestError(ValueError):
    """The request is well-formed but cannot be carried out as asked (HTTP 422)."""
