"""One router per concern; each route is a thin call into ``tessera.service``."""
