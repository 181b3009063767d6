"""Publishing the pipeline's results into the operational store (placeholder)."""
