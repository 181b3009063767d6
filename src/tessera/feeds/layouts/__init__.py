"""Every feed's layout, in the order SPEC.md lists them."""

from tessera.feeds.layout import FeedLayout
from tessera.feeds.layouts.arrivals import ARRIVALS
from tessera.feeds.layouts.benefits import BENEFITS
from tessera.feeds.layouts.calls import CALLS
from tessera.feeds.layouts.court import COURT
from tessera.feeds.layouts.criminal_history import CRIMINAL_HISTORY
from tessera.feeds.layouts.custody import CUSTODY
from tessera.feeds.layouts.employment import EMPLOYMENT
from tessera.feeds.layouts.lost_stolen import LOST_STOLEN
from tessera.feeds.layouts.registrations import REGISTRATIONS
from tessera.feeds.layouts.removals import REMOVALS
from tessera.feeds.layouts.students import STUDENTS
from tessera.feeds.layouts.transfers import TRANSFERS
from tessera.feeds.layouts.wanted import WANTED
from tessera.feeds.layouts.watchlist import WATCHLIST

LAYOUTS: dict[str, FeedLayout] = {
    layout.name: layout
    for layout in (
        ARRIVALS,
        STUDENTS,
        REGISTRATIONS,
        BENEFITS,
        COURT,
        REMOVALS,
        CUSTODY,
        CRIMINAL_HISTORY,
        WANTED,
        EMPLOYMENT,
        LOST_STOLEN,
        TRANSFERS,
        CALLS,
        WATCHLIST,
    )
}

__all__ = ["LAYOUTS"]
