"""Publishing: the batch pipeline's results, from the DuckDB workspace into the
operational store, so that the service reads people, their statements, timelines,
periods, findings and ties by indexed point look-ups instead of scanning the workspace.

``publish_results`` writes one publication (``run.py``); ``keys`` are the search keys
both the publication and the service's queries compute.
"""

from tessera.publish.run import NotPublishableError, PublishReport, publish_results

__all__ = ["NotPublishableError", "PublishReport", "publish_results"]
