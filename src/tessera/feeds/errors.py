"""Errors a person can act on: each message names the file and what is wrong."""


class FeedError(Exception):
    """A drop or feed cannot be read at all (as opposed to a bad row, which is
    quarantined). The message is one line, shown as-is by the CLI."""


class ManifestError(FeedError):
    pass


class FeedFormatError(FeedError):
    pass
