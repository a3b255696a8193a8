"""What a report covers: a period (inclusive dates), an optional country and admin-1 region.

The defaults make a weekly brief: up to the latest event date in the store that matches the
filters, seven days long. The previous period is the one of equal length just before.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from frontwire.errors import InputError

#: The length of a report whose start is not given.
DEFAULT_DAYS = 7
#: How far back a place must have been quiet for its activity to count as new.
QUIET_DAYS = 28


@dataclass(frozen=True)
class ReportScope:
    """The period (both ends included) and the place filters of one report."""

    since: date
    until: date
    country: str | None = None
    admin1: str | None = None

    @property
    def days(self) -> int:
        return (self.until - self.since).days + 1

    def iso(self) -> tuple[str, str]:
        """The first and last day as YYYY-MM-DD (how the store keeps event dates)."""
        return self.since.isoformat(), self.until.isoformat()

    def previous(self) -> ReportScope:
        """The period of equal length that ends the day before this one starts."""
        until = self.since - timedelta(days=1)
        return ReportScope(until - timedelta(days=self.days - 1), until, self.country, self.admin1)

    def quiet_window(self) -> ReportScope:
        """The weeks before the period in which a place counts as quiet if it has no event."""
        until = self.since - timedelta(days=1)
        return ReportScope(until - timedelta(days=QUIET_DAYS - 1), until, self.country, self.admin1)

    def where(self) -> str:
        """The place filter in words ("Ukraine", "Kharkiv, Ukraine", "all places")."""
        parts = [p for p in (self.admin1, self.country) if p]
        return ", ".join(parts) if parts else "all places"


def resolve_scope(
    since: date | None,
    until: date | None,
    country: str | None,
    admin1: str | None,
    latest: date | None,
) -> ReportScope:
    """Fill the dates the user left out; ``latest`` is the newest matching event date."""
    country = (country or "").strip() or None
    admin1 = (admin1 or "").strip() or None
    if until is None:
        until = latest or date.today()
        if since is not None and until < since:
            until = since + timedelta(days=DEFAULT_DAYS - 1)
    if since is None:
        since = until - timedelta(days=DEFAULT_DAYS - 1)
    if since > until:
        raise InputError("--since", f"{since} is after --until {until}")
    return ReportScope(since, until, country, admin1)
