"""Storage behind narrow interfaces: the operational store (SQLAlchemy) and the analytic
workspace (DuckDB)."""
