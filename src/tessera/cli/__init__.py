"""The command-line face: Typer commands over ``tessera.service``; no SQL here."""
