"""The extraction output is pinned: refactors of ``frontwire/extract`` must not change it.

The snapshot (``tests/data/snapshot/extraction.json.gz``) holds ``Extraction.to_dict()`` for
470 inputs (samples, tests/data, the seed, eval/news, 300 eval/acled rows). It changes only
when someone means the output to change: regenerate it with

    PYTHONPATH=$PWD .venv/bin/python tests/snapshot/make_snapshot.py --write

and say in that commit which behaviour changed and why.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

_SCRIPT = Path(__file__).resolve().parent / "snapshot" / "make_snapshot.py"
_spec = importlib.util.spec_from_file_location("make_snapshot", _SCRIPT)
assert _spec is not None and _spec.loader is not None
snapshot = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(snapshot)


def test_extraction_output_matches_the_snapshot() -> None:
    old = snapshot.load()
    new = snapshot.compute()
    assert old == new, snapshot.report(old, new)


def test_the_report_names_the_changed_input_and_field() -> None:
    old = {"a": {"events": [{"event_type": "Battles"}]}, "b": {"events": []}}
    new = {"a": {"events": [{"event_type": "Riots"}]}, "b": {"events": []}}
    text = snapshot.report(old, new)
    assert "1 of 2 inputs differ" in text
    assert "events[0].event_type: 'Battles' -> 'Riots'" in text
