"""The HTTP API: a face of thin routers over ``tessera.service``, with Pydantic schemas and
typed ``Annotated`` dependencies. ``create_app`` builds it; ``tessera serve`` runs it."""

from tessera.api.app import create_app

__all__ = ["create_app"]
