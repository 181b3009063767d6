"""Use cases: the only door from the faces (CLI, API, web) to the stages and stores.

Faces call these functions; these open the stores, run the stages, and record what
happened. Later issues add access control and the audit log here.
"""
