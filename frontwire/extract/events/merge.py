"""Merging mentions into events: same kind, same or compatible place, same actors."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from frontwire.extract.events.triggers import Mention
from frontwire.extract.times.dates import end_date
from frontwire.model import Actor

# ---------------------------------------------------------------------------------------
# Merging mentions into events


@dataclass
class Cluster:
    """Mentions of one real-world event."""

    group: str
    mentions: list[Mention] = field(default_factory=list)

    @property
    def place(self) -> Any:
        located = [m.place for m in self.mentions if m.place is not None]
        if not located:
            return None
        return min(located, key=lambda p: p.geo_precision or 3)

    @property
    def first(self) -> Mention:
        return self.mentions[0]


def _place_key(choice: Any) -> tuple[str | None, str | None, str | None]:
    p = choice.place
    return (p.name, p.admin1, p.iso)


def _compatible_places(a: Any, b: Any) -> bool:
    """Same place, or one is the region/country that contains the other."""
    if a is None or b is None:
        return True
    pa, pb = a.place, b.place
    if pa.name == pb.name:
        return True
    coarse = {"admin1", "admin2", "country", "region"}
    if pa.feature in coarse or pb.feature in coarse:
        fine, wide = (pa, pb) if pb.feature in coarse else (pb, pa)
        if wide.feature == "country":
            return fine.iso == wide.iso
        return bool(wide.admin1 and fine.admin1 == wide.admin1) or (
            wide.feature == "admin2" and fine.admin2 == wide.name
        )
    return False


def _same_actor(a: Actor | None, b: Actor | None) -> bool:
    return a is None or b is None or a.name == b.name


#: How far back an undated mention may reach (with a day of slack): the last days' news,
#: so an event told as a week earlier ("one week after ...") stands apart. A weekly
#: round-up that tells "the attack on Monday" in a Saturday paper splits from an undated
#: "missiles hit Kyiv"; 4 and 5 were tried and merged an old strike into a recent one on
#: eval/news (Kharkiv's TV tower), so 3 stays until a round-up set says otherwise.
UNDATED_DAYS = 3


def _date_span(choice: Any) -> tuple[date, date] | None:
    """The days a mention's date covers: an undated mention, the days up to publication."""
    if choice is None:
        return None
    first = date.fromisoformat(choice.value)
    if getattr(choice, "is_default", False):
        return first - timedelta(days=UNDATED_DAYS), first
    last = date.fromisoformat(choice.end_value) if choice.end_value else first
    if choice.end_value is None and choice.time is not None and choice.time_precision > 1:
        last = end_date(choice.time.end_value or choice.time.value) or first
    return first, max(first, last)


def _dates_clash(cluster: Cluster, m: Mention) -> bool:
    """Dated to days that cannot meet: ACLED records events on different days apart.

    One day of slack keeps "late on Friday night" and "on Saturday" together. An undated
    mention is the news of the days before publication (``UNDATED_DAYS``), so it does not
    join an event told as a week or more earlier.
    """
    span = _date_span(m.date)
    if span is None:
        return False
    slack = timedelta(days=1)
    for other in cluster.mentions:
        theirs = _date_span(other.date)
        if theirs and (theirs[1] + slack < span[0] or span[1] + slack < theirs[0]):
            return True
    return False


#: Trigger classes of weapons fired or set off from afar, and of gatherings: a crowd and
#: a blast are two events ("explosions at a depot" and a "rally" of prices or people).
REMOTE_CLASSES = frozenset({"explosion", "shelling", "bombing"})
CROWD_CLASSES = frozenset({"protest"})


def _kinds_clash(cluster: Cluster, m: Mention) -> bool:
    """A protest joining a cluster of blasts and strikes, or the reverse."""
    kinds = {x.cls for x in cluster.mentions}
    if m.cls in CROWD_CLASSES:
        return bool(kinds & REMOTE_CLASSES) and not kinds & (CROWD_CLASSES | {"riot"})
    if m.cls in REMOTE_CLASSES:
        return kinds <= CROWD_CLASSES
    return False


def merge_mentions(mentions: list[Mention]) -> list[Cluster]:
    """Group mentions per real-world event, in reading order.

    A mention joins an earlier event of the same group when their places agree (or it
    names none, and then it joins the latest such event); verbal events also need the
    same speaker-actor. Violence of any kind in one place is one event: coders record
    "clashes ... killing five" once.
    """
    clusters: list[Cluster] = []
    for m in mentions:
        target = None
        candidates = [c for c in clusters if c.group == m.group]
        verbal = m.group not in ("violence", "retreat", "mobilize")
        for c in reversed(candidates):
            if verbal and not _same_actor(c.first.agent, m.agent):
                continue
            if not verbal and _kinds_clash(c, m):
                continue
            if not verbal and _dates_clash(c, m):
                continue
            if m.place is None:
                target = c
                break
            if c.place is None and c is candidates[-1]:
                target = c
                break
            if _compatible_places(c.place, m.place):
                target = c
                break
        if target is None:
            target = Cluster(group=m.group)
            clusters.append(target)
        target.mentions.append(m)
    return clusters
