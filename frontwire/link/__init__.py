"""Cross-article linking: the same event reported by several articles becomes one event."""

from frontwire.link.merge import MergedEvent, merge_reports
from frontwire.link.reports import Report, reports_from_extraction
from frontwire.link.rules import LinkConfig

__all__ = ["LinkConfig", "MergedEvent", "Report", "merge_reports", "reports_from_extraction"]
