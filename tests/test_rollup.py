"""The rollups of migration 0005 give the very answers the live queries give: after a
bulk generation, an ingest, a replaced article, a deleted one and direct edits of merged
events, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from corpus_fixtures import _pg_url
from sqlalchemy import func, select, text, update
from test_api_cache import _private_schema, _raid

from frontwire.scale.store_gen import generate_store
from frontwire.store import link_pending, open_store, rollup, save_extraction
from frontwire.store.models import ArticleRow, MergedEventRow
from frontwire.web import queries
from frontwire.web.queries import EventQuery


@pytest.fixture(params=["sqlite", "postgresql"])
def factory(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[object]:
    if request.param == "sqlite":
        made = open_store(f"sqlite:///{tmp_path / 'rollup.db'}")
        yield made
        made.kw["bind"].dispose()
        return
    base = _pg_url() or ""
    if not base:
        pytest.skip("FRONTWIRE_TEST_PG_URL unset (scripts/start_postgres.sh starts one)")
    with _private_schema(base) as url:
        made = open_store(url)
        yield made
        made.kw["bind"].dispose()


#: Filters the rollups answer (and one per kind they leave to the live query).
FILTERS = [
    EventQuery(),
    EventQuery(include_background=True),
    EventQuery(country="Ukraine"),
    EventQuery(country="ua", event_type=("Battles", "Explosions/Remote violence")),
    EventQuery(start=date(2023, 1, 1), end=date(2023, 12, 31)),
    EventQuery(start=date(2023, 2, 1), sub_event_type=("Armed clash",)),
    EventQuery(plover="assault", end=date(2023, 6, 30)),
    EventQuery(min_fatalities=3),
    EventQuery(start=date(2023, 2, 3)),
]


def _rounded(clusters: dict) -> dict:
    """Cluster centres to 4 decimals: the rollup adds coordinates in another order."""
    for cluster in clusters["clusters"]:
        cluster["latitude"] = round(cluster["latitude"], 4)
        cluster["longitude"] = round(cluster["longitude"], 4)
    return clusters


def _assert_same(factory: object) -> None:
    with factory() as session:
        for flt in FILTERS:
            for interval in ("auto", "month"):
                for by in ("event_type", "country", "plover", "admin1"):
                    ready = queries.aggregates(session, flt, interval, by)
                    live = queries.aggregates(session, flt, interval, by, rollups=False)
                    assert ready == live, (flt, interval, by)
            every = select(func.count()).select_from(MergedEventRow)
            live_total = session.scalar(every.where(*queries._conditions(session, flt)))
            assert queries.count_events(session, flt) == live_total, flt
            mapped = session.scalar(every.where(*queries._mapped(session, flt)))
            assert queries.events_geojson(session, flt, 10)["total"] == mapped, flt
            for zoom in (0, 2, 4, 6):
                ready = _rounded(queries.clusters(session, flt, zoom))
                live = _rounded(queries.clusters(session, flt, zoom, rollups=False))
                assert ready == live, (flt, zoom)


def _live_facets(factory: object) -> dict:
    """The facets computed from the events themselves."""
    out = {}
    with factory() as session:
        for name in ("event_type", "sub_event_type", "country", "admin1", "plover"):
            column = getattr(MergedEventRow, name)
            rows = session.execute(
                select(column, func.count()).where(column.is_not(None)).group_by(column)
            )
            out[name] = sorted(
                ({"value": v, "count": n} for v, n in rows if v), key=lambda x: x["value"]
            )
    return out


def _assert_same_facets(factory: object) -> None:
    with factory() as session:
        ready = queries.facets(session)
    del ready["dates"]
    assert {k: sorted(v, key=lambda x: x["value"]) for k, v in ready.items()} == _live_facets(
        factory
    )


def _rollup_rows(factory: object) -> tuple[list, list]:
    with factory() as session:
        months = session.execute(
            text("SELECT * FROM merged_rollup ORDER BY 1, 2, 3, 4, 5, 6, 7, 8, 9")
        ).all()
        cells = session.execute(
            text(
                "SELECT zoom, background, cx, cy, n, fatalities, round(sum_lat * 1000), "
                "round(sum_lon * 1000) FROM merged_cells ORDER BY 1, 2, 3, 4"
            )
        ).all()
    return [tuple(r) for r in months], [tuple(r) for r in cells]


def _assert_kept_like_rebuilt(factory: object) -> None:
    """What the triggers kept equals the rollups rebuilt from the events."""
    _assert_same_facets(factory)
    kept = _rollup_rows(factory)
    with factory() as session:
        rollup.rebuild(session.connection())
        session.commit()
    assert kept == _rollup_rows(factory)


def test_rollups_answer_like_the_live_queries_through_every_write(factory: object) -> None:
    with factory() as session:
        generate_store(session, 700, seed=5)
    _assert_same(factory)
    with factory() as session:
        assert session.execute(text("SELECT count(*) FROM merged_cells")).scalar_one() > 0
        # An ingest, then the same article again with another toll (a replace).
        for toll in (4, 9):
            save_extraction(session, _raid("Gunmen raided the harbour of Zanzibar City.", toll))
            session.commit()
            link_pending(session)
            session.commit()
    _assert_kept_like_rebuilt(factory)
    _assert_same(factory)
    with factory() as session:
        # A deleted article, and edits of merged events in place.
        first = session.scalars(select(ArticleRow).order_by(ArticleRow.id).limit(1)).one()
        session.delete(first)
        session.commit()
        link_pending(session)
        ids = session.scalars(select(MergedEventRow.id).order_by(MergedEventRow.id)).all()
        m = MergedEventRow
        session.execute(update(m).where(m.id.in_(ids[:40])).values(background=True))
        session.execute(update(m).where(m.id.in_(ids[40:60])).values(latitude=None))
        session.execute(update(m).where(m.id.in_(ids[60:80])).values(fatalities=m.fatalities + 2))
        session.execute(update(m).where(m.id.in_(ids[80:90])).values(event_date=None, country=None))
        session.execute(m.__table__.delete().where(m.id.in_(ids[90:150])))
        session.commit()
    _assert_kept_like_rebuilt(factory)
    _assert_same(factory)
