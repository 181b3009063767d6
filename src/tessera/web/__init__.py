"""The analysts' web screens: server-rendered pages (Jinja + htmx) over the same service
layer as the API, with a few interactive islands bundled from npm at install time.

``create_site`` is the one face: the API of ``tessera.api`` plus the pages and their
static files, served together by ``tessera serve``.
"""

from tessera.web.site import create_site

__all__ = ["create_site"]
