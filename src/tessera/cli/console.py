"""Where the CLI writes: results to stdout, progress and errors to stderr."""

from rich.console import Console

out = Console()
err = Console(stderr=True)
