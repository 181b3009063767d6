"""Domain types and code tables shared by every stage, each with its legal or
documentary reference. Nothing here does I/O."""
