"""The CLI as a user meets it: contract-valid JSON, exact evidence offsets, clear errors."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from frontwire.cli import app
from frontwire.schema import contract_errors

runner = CliRunner()
ROOT = Path(__file__).resolve().parent.parent


def run(*args: str, stdin: str | None = None):
    return runner.invoke(app, list(args), input=stdin)


def assert_offsets_slice_text(document: dict, text: str) -> None:
    for event in document["events"]:
        assert event["evidence"], f"event {event['event_id']} has no evidence"
        for span in event["evidence"]:
            assert text[span["start"] : span["end"]] == span["text"]
    for key, field in (
        ("claims", "text"),
        ("places", "mention"),
        ("times", "mention"),
        ("actors", "mention"),
    ):
        for record in document[key]:
            assert text[record["start"] : record["end"]] == record[field], (key, record)


def test_seed_article_gives_contract_valid_json_with_exact_offsets(shared_eval: Path) -> None:
    path = shared_eval / "seed" / "article.txt"
    result = run("extract", str(path), "--published", "2022-06-14", "--format", "json")
    assert result.exit_code == 0, result.output
    document = json.loads(result.stdout)
    assert contract_errors(document) == []
    assert document["article"]["published"] == "2022-06-14"
    for key in ("events", "claims", "places", "times"):
        assert document[key], f"no {key} found in the seed article"
    assert_offsets_slice_text(document, path.read_text(encoding="utf-8"))


def test_several_files_give_a_json_array_and_jsonl_one_object_per_line() -> None:
    samples = sorted(str(p) for p in (ROOT / "samples").glob("*.txt"))[:2]
    result = run("extract", *samples, "--format", "json")
    assert result.exit_code == 0, result.output
    documents = json.loads(result.stdout)
    assert isinstance(documents, list) and len(documents) == 2
    lines = run("extract", *samples, "--format", "jsonl").stdout.strip().splitlines()
    assert len(lines) == 2 and all(json.loads(line)["article"]["id"] for line in lines)


def test_metadata_header_sets_title_source_and_publication_date() -> None:
    sample = ROOT / "samples" / "03-mogadishu-blast.txt"
    document = json.loads(run("extract", str(sample), "--format", "json").stdout)
    assert document["article"]["published"] == "2023-08-07"
    assert document["article"]["source"] == "Horn Monitor"
    assert document["article"]["title"].startswith("Car bomb")


def test_stdin_is_read_with_dash() -> None:
    text = "Rebels attacked an army base in Goma on Monday, killing three soldiers."
    result = run("extract", "-", "--published", "2023-05-10", "--format", "json", stdin=text)
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["article"]["published"] == "2023-05-10"


def test_table_output_names_the_events_and_claims() -> None:
    result = run("extract", str(ROOT / "samples" / "03-mogadishu-blast.txt"))
    assert result.exit_code == 0, result.output
    assert "Events" in result.stdout and "Claims" in result.stdout


def test_missing_file_is_one_line_exit_2(tmp_path: Path) -> None:
    result = run("extract", str(tmp_path / "nope.txt"))
    assert result.exit_code == 2
    assert "nope.txt: no such file" in result.output
    assert "Traceback" not in result.output


def test_bad_published_date_is_named(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text("Troops clashed with rebels in Goma.", encoding="utf-8")
    result = run("extract", str(article), "--published", "2022-13-40")
    assert result.exit_code == 2
    assert "--published" in result.output and "2022-13-40" in result.output


def test_undecodable_bytes_are_named(tmp_path: Path) -> None:
    article = tmp_path / "latin1.txt"
    article.write_bytes("Soldats tués à Gao".encode("latin-1"))
    result = run("extract", str(article))
    assert result.exit_code == 2
    assert "latin1.txt" in result.output and "UTF-8" in result.output


def test_empty_article_is_refused(tmp_path: Path) -> None:
    article = tmp_path / "empty.txt"
    article.write_text("title: nothing\n\n   \n", encoding="utf-8")
    result = run("extract", str(article))
    assert result.exit_code == 2 and "no text" in result.output


def test_evaluate_rejects_a_folder_without_gold(tmp_path: Path) -> None:
    result = run("evaluate", str(tmp_path))
    assert result.exit_code == 2 and "gold" in result.output
