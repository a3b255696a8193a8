"""Rollups of merged events, kept by triggers: counts per month and per map cell.

The dashboard's world views (aggregates over the whole store, clusters at low zoom) would
otherwise group all 100k merged events at every request. Two small tables hold those
groups ready (migration 0005): ``merged_rollup`` per background flag, month and the
columns the aggregates group or filter by; ``merged_cells`` per background flag and grid
cell at the zoom levels ``CELL_ZOOMS``. Row triggers on ``merged_events`` add and subtract
each row in the writer's own transaction, whoever writes; ``rebuild`` refills both
tables from scratch (after a bulk load that ran without triggers).

A key column holds ``''`` for NULL (SQLite's unique keys treat NULLs as distinct, so an
upsert could not find the row of a NULL country). ``date_kind`` tells a day-dated event
(``d``, ``month`` its YYYY-MM) from one whose date is other text (``u``) or NULL (``n``).
"""

from __future__ import annotations

from sqlalchemy import Connection

#: Zoom levels with ready grid cells: world and continent views.
CELL_ZOOMS = (0, 1, 2, 3, 4)
#: Cells across one map tile (as ``frontwire.web.queries.CELLS_PER_TILE``).
CELLS_PER_TILE = 4
#: Columns of ``merged_rollup``'s key after background, month and date_kind.
GROUP_KEYS = ("country", "iso", "event_type", "sub_event_type", "plover", "disorder_type")
SQLITE_DAY = "GLOB '[0-9][0-9][0-9][0-9]-[0-1][0-9]-[0-3][0-9]*'"
PG_DAY = r"~ '^\d{4}-\d{2}-\d{2}'"


def cell_size(zoom: int) -> float:
    """A grid cell's width in degrees at ``zoom``."""
    return 360.0 / (2**zoom * CELLS_PER_TILE)


def _month_values(row: str, dialect: str) -> list[str]:
    day = f"{row}.event_date " + (PG_DAY if dialect == "postgresql" else SQLITE_DAY)
    return [
        f"{row}.background",
        f"CASE WHEN {day} THEN substr({row}.event_date, 1, 7) ELSE '' END",
        f"CASE WHEN {row}.event_date IS NULL THEN 'n' WHEN {day} THEN 'd' ELSE 'u' END",
        *(f"coalesce({row}.{key}, '')" for key in GROUP_KEYS),
    ]


_KEY = ("background", "month", "date_kind", *GROUP_KEYS)


def _mapped(row: str) -> str:
    return f"({row}.latitude IS NOT NULL AND {row}.longitude IS NOT NULL)"


def _cell_values(row: str, zoom: int, dialect: str) -> list[str]:
    size = repr(cell_size(zoom))
    if dialect == "postgresql":
        x = f"CAST(floor(({row}.longitude + 180.0) / {size}) AS INTEGER)"
        y = f"CAST(floor(({row}.latitude + 90.0) / {size}) AS INTEGER)"
    else:
        x = f"CAST(({row}.longitude + 180.0) / {size} AS INTEGER)"
        y = f"CAST(({row}.latitude + 90.0) / {size} AS INTEGER)"
    return [str(zoom), f"{row}.background", x, y]


def _add(row: str, dialect: str) -> list[str]:
    """Statements adding the row ``row`` (NEW) to both rollups."""
    keys = ", ".join(_KEY)
    out = [
        f"INSERT INTO merged_rollup ({keys}, n, n_mapped, fatalities) VALUES ("
        + ", ".join(_month_values(row, dialect))
        + f", 1, CASE WHEN {_mapped(row)} THEN 1 ELSE 0 END, coalesce({row}.fatalities, 0)) "
        f"ON CONFLICT ({keys}) DO UPDATE SET n = merged_rollup.n + 1, "
        "n_mapped = merged_rollup.n_mapped + excluded.n_mapped, "
        "fatalities = merged_rollup.fatalities + excluded.fatalities"
    ]
    for zoom in CELL_ZOOMS:
        values = ", ".join(_cell_values(row, zoom, dialect))
        select = (
            f"SELECT {values}, 1, coalesce({row}.fatalities, 0), {row}.latitude, "
            f"{row}.longitude, {row}.id WHERE {_mapped(row)}"
        )
        out.append(
            "INSERT INTO merged_cells (zoom, background, cx, cy, n, fatalities, sum_lat, "
            f"sum_lon, one_id) {select} "
            "ON CONFLICT (zoom, background, cx, cy) DO UPDATE SET n = merged_cells.n + 1, "
            "fatalities = merged_cells.fatalities + excluded.fatalities, "
            "sum_lat = merged_cells.sum_lat + excluded.sum_lat, "
            "sum_lon = merged_cells.sum_lon + excluded.sum_lon, one_id = NULL"
        )
    return out


def _remove(row: str, dialect: str) -> list[str]:
    """Statements taking the row ``row`` (OLD) out of both rollups; emptied groups go."""
    match = " AND ".join(
        f"{key} = {value}" for key, value in zip(_KEY, _month_values(row, dialect), strict=True)
    )
    out = [
        f"UPDATE merged_rollup SET n = n - 1, n_mapped = n_mapped - "
        f"CASE WHEN {_mapped(row)} THEN 1 ELSE 0 END, "
        f"fatalities = fatalities - coalesce({row}.fatalities, 0) WHERE {match}",
        f"DELETE FROM merged_rollup WHERE n <= 0 AND {match}",
    ]
    for zoom in CELL_ZOOMS:
        cell = " AND ".join(
            f"{key} = {value}"
            for key, value in zip(
                ("zoom", "background", "cx", "cy"), _cell_values(row, zoom, dialect), strict=True
            )
        )
        # The one event left in a cell that held two is unknown here: one_id goes NULL.
        out += [
            "UPDATE merged_cells SET n = n - 1, "
            f"fatalities = fatalities - coalesce({row}.fatalities, 0), "
            f"sum_lat = sum_lat - {row}.latitude, sum_lon = sum_lon - {row}.longitude, "
            f"one_id = NULL WHERE {_mapped(row)} AND {cell}",
            f"DELETE FROM merged_cells WHERE n <= 0 AND {cell}",
        ]
    return out


def triggers(dialect: str) -> list[str]:
    """The statements creating the row triggers that keep both rollups."""
    if dialect == "postgresql":
        body = (
            "BEGIN IF TG_OP IN ('DELETE', 'UPDATE') THEN "
            + "; ".join(_remove("OLD", dialect))
            + "; END IF; IF TG_OP IN ('INSERT', 'UPDATE') THEN "
            + "; ".join(_add("NEW", dialect))
            + "; END IF; RETURN NULL; END"
        )
        return [
            "CREATE OR REPLACE FUNCTION frontwire_rollup() RETURNS trigger "
            f"LANGUAGE plpgsql AS $$ {body} $$",
            "CREATE TRIGGER merged_rollup_rows AFTER INSERT OR UPDATE OR DELETE ON "
            "merged_events FOR EACH ROW EXECUTE FUNCTION frontwire_rollup()",
        ]
    steps = {
        "insert": _add("NEW", dialect),
        "delete": _remove("OLD", dialect),
        "update": _remove("OLD", dialect) + _add("NEW", dialect),
    }
    return [
        f"CREATE TRIGGER merged_rollup_{name} AFTER {name.upper()} ON merged_events BEGIN "
        + "".join(f"{statement}; " for statement in statements)
        + "END"
        for name, statements in steps.items()
    ]


def drop_triggers(dialect: str) -> list[str]:
    if dialect == "postgresql":
        return [
            "DROP TRIGGER IF EXISTS merged_rollup_rows ON merged_events",
            "DROP FUNCTION IF EXISTS frontwire_rollup()",
        ]
    return [
        f"DROP TRIGGER IF EXISTS merged_rollup_{name}" for name in ("insert", "delete", "update")
    ]


def rebuild(connection: Connection) -> None:
    """Refill both rollups from ``merged_events`` (after a migration or a bulk load)."""
    dialect = connection.dialect.name
    keys = ", ".join(_KEY)
    values = ", ".join(_month_values("m", dialect))
    connection.exec_driver_sql("DELETE FROM merged_rollup")
    connection.exec_driver_sql("DELETE FROM merged_cells")
    connection.exec_driver_sql(
        f"INSERT INTO merged_rollup ({keys}, n, n_mapped, fatalities) "
        f"SELECT {values}, count(*), sum(CASE WHEN {_mapped('m')} THEN 1 ELSE 0 END), "
        f"coalesce(sum(m.fatalities), 0) FROM merged_events m GROUP BY {values}"
    )
    for zoom in CELL_ZOOMS:
        cell = _cell_values("m", zoom, dialect)
        connection.exec_driver_sql(
            "INSERT INTO merged_cells (zoom, background, cx, cy, n, fatalities, sum_lat, "
            f"sum_lon, one_id) SELECT {', '.join(cell)}, count(*), "
            "coalesce(sum(m.fatalities), 0), sum(m.latitude), sum(m.longitude), "
            "CASE WHEN count(*) = 1 THEN min(m.id) END "
            f"FROM merged_events m WHERE {_mapped('m')} GROUP BY {', '.join(cell[1:])}"
        )
