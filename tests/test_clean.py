"""Scraped boilerplate is removed at ingest, glued sentences split, and every change recorded."""

from __future__ import annotations

import json
from pathlib import Path

from frontwire.ingest.clean import apply_edits, clean_article, find_edits, raw_offset
from frontwire.ingest.jsonl import read_jsonl
from frontwire.ingest.text import read_text_file
from frontwire.model import Article
from frontwire.pipeline import extract_article

PAGE = (
    "Shelling hit the town of Izium on Monday, officials said.The mayor said two died.\n\n"
    "ADVERTISEMENT\n\n"
    "CLICK HERE TO GET THE NEWS APP\n\n"
    "By submitting your email, you agree to our Terms of Service and Privacy Policy.\n\n"
    "RUSSIA ACCUSES KYIV OF PLOTTING ATTACK ON BRIDGE\n\n"
    "Residents fled west. Thank you for being with us.Sign up for our newsletter to get news.\n\n"
    "Photo: Press Office\n"
)


def test_boilerplate_lines_and_sentences_go_and_glued_sentences_split() -> None:
    edits = find_edits(PAGE)
    text = apply_edits(PAGE, edits)
    assert "officials said. The mayor" in text
    for gone in (
        "ADVERTISEMENT",
        "CLICK HERE",
        "Terms of Service",
        "ACCUSES KYIV",
        "newsletter",
        "Photo:",
    ):
        assert gone not in text
    assert text.startswith("Shelling hit") and "Residents fled west." in text
    assert not text.endswith("\n\n\n")
    reasons = {e.reason for e in edits}
    assert {
        "advertisement",
        "click-here",
        "terms",
        "linked-story",
        "sign-up",
        "photo-credit",
    } <= reasons
    assert "glued sentence" in reasons


def test_every_offset_of_the_cleaned_text_maps_back_to_the_same_character() -> None:
    edits = find_edits(PAGE)
    text = apply_edits(PAGE, edits)
    for offset, char in enumerate(text):
        raw = raw_offset(edits, offset)
        assert PAGE[raw] == char or char == " "
    assert raw_offset([e.to_dict() for e in edits], text.index("Residents")) == PAGE.index(
        "Residents"
    )


def test_a_page_of_only_boilerplate_is_kept_rather_than_lost() -> None:
    article = clean_article(Article(text="Advertisement\n\nSubscribe to us Twitter\n"))
    assert "Advertisement" in article.text


def test_story_lines_that_look_alike_stay() -> None:
    story = "Ukraine said it would share intelligence.\n\nThe photo showed the damaged school."
    assert find_edits(story) == []


def test_readers_clean_and_keep_the_raw_id_and_the_record(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("published: 2022-06-14\n\n" + PAGE, encoding="utf-8")
    article = read_text_file(path)
    assert "ADVERTISEMENT" not in article.text and article.cleaning
    assert article.id == Article(text=PAGE).id  # same raw text -> same id, so re-ingest is a no-op
    lines = tmp_path / "a.jsonl"
    lines.write_text(json.dumps({"text": PAGE, "published": "2022-06-14"}) + "\n", encoding="utf-8")
    (from_jsonl,) = list(read_jsonl(lines))
    assert from_jsonl.text == article.text


def test_extracted_offsets_slice_the_cleaned_text(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("published: 2022-06-14\n\n" + PAGE, encoding="utf-8")
    result = extract_article(read_text_file(path)).to_dict()
    assert result["article"]["cleaning"]
    text = read_text_file(path).text
    for event in result["events"]:
        for ev in event["evidence"]:
            assert text[ev["start"] : ev["end"]] == ev["text"]
    assert not any("Terms" in (a["name"] or "") for a in result["actors"])
