from tests.feeds.conftest import sample_drop

__all__ = ["sample_drop"]
