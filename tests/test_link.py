"""Cross-article merging: same event from several outlets -> one event; near misses apart."""

from __future__ import annotations

from datetime import date

from corpus_fixtures import corpus, strike_article

from frontwire.link import LinkConfig, merge_reports, reports_from_extraction
from frontwire.link.reports import Report


def _reports(extractions) -> list[Report]:
    return [r for e in extractions for r in reports_from_extraction(e.to_dict())]


def test_three_outlets_become_one_event_and_near_misses_stay_apart() -> None:
    merged = merge_reports(_reports(corpus()))
    sizes = sorted(m.source_count for m in merged)
    assert sizes == [1, 1, 3]
    big = next(m for m in merged if m.source_count == 3)
    assert big.sources == ["Eastern Dispatch", "Frontline Wire", "Kyiv Ledger"]
    assert big.event["location"] == "Kharkiv"
    assert big.event["event_date"] == "2024-05-25"


def test_best_supported_fatalities_win_and_the_others_are_kept_as_contested() -> None:
    big = next(m for m in merge_reports(_reports(corpus())) if m.source_count == 3)
    assert big.event["fatalities"] == 12
    contested = {c["value"]: c["sources"] for c in big.contested["fatalities"]}
    assert contested == {12: ["Eastern Dispatch", "Kyiv Ledger"], 11: ["Frontline Wire"]}


def test_every_absorbed_report_says_why() -> None:
    big = next(m for m in merge_reports(_reports(corpus())) if m.source_count == 3)
    reasons = [big.reasons[r.key] for r in big.reports]
    joined = [r for r in reasons if r.startswith("matched")]
    assert len(joined) == 2
    assert all("km apart" in r and "days apart" in r for r in joined)
    record = big.to_dict()
    assert len(record["reports"]) == 3 and len(record["evidence"]) == 3
    assert {c["article_id"] for c in record["claims"]} == set(record["articles"])


def test_same_day_in_a_town_200_km_away_is_another_event() -> None:
    merged = merge_reports(_reports(corpus()))
    odesa = next(m for m in merged if m.event["location"] == "Odesa")
    assert odesa.source_count == 1


def test_events_of_one_article_never_merge_with_each_other() -> None:
    extraction = corpus()[0]
    twin = strike_article(
        extraction.article.text,
        source="Frontline Wire",
        published=date(2024, 5, 25),
        event_date="2024-05-25",
        location="Kharkiv",
        lat=49.99,
        lon=36.23,
        fatalities=11,
    )
    second = twin.events[0]
    second.event_id = "e2"
    extraction.events.append(second)
    merged = merge_reports(_reports([extraction]))
    assert len(merged) == 2


def test_a_chain_of_consecutive_days_does_not_collapse_into_one_event() -> None:
    days = ["2024-05-20", "2024-05-21", "2024-05-22"]
    chain = [
        strike_article(
            f"Russian shelling hit Kharkiv, wounding people, report {n}.",
            source=f"Outlet {n}",
            published=date(2024, 5, 20 + n),
            event_date=day,
            location="Kharkiv",
            lat=49.99,
            lon=36.23,
            fatalities=0,
        )
        for n, day in enumerate(days)
    ]
    merged = merge_reports(_reports(chain), LinkConfig(date_window_days=1))
    # 20~21 and 21~22 are within a day; 20~22 is not, so complete link keeps two groups.
    assert len(merged) == 2


def test_a_demonstration_never_merges_with_political_violence() -> None:
    a, b = corpus()[0], corpus()[1]
    b.events[0].disorder_type = "Demonstrations"
    b.events[0].event_type = "Protests"
    b.events[0].sub_event_type = "Peaceful protest"
    assert len(merge_reports(_reports([a, b]))) == 2


def test_outlets_coding_one_attack_differently_still_merge_and_say_so() -> None:
    a, b = corpus()[0], corpus()[1]
    b.events[0].event_type = "Violence against civilians"
    b.events[0].sub_event_type = "Attack"
    b.events[0].event_date = "2024-05-25"
    (merged,) = merge_reports(_reports([a, b]))
    assert any("both Political violence" in reason for reason in merged.reasons.values())
    assert merged.contested["sub_event_type"]


def test_merge_scoring_counts_article_pairs() -> None:
    from frontwire.evaluate.merge import format_merge_report, score_merge

    extractions = {f"a{n}.txt": e.to_dict() for n, e in enumerate(corpus())}
    texts = {f"a{n}.txt": e.article.text for n, e in enumerate(corpus())}
    gold = {"a0.txt": "K", "a1.txt": "K", "a2.txt": "K", "a3.txt": "K2", "a4.txt": "O"}
    report = score_merge(extractions, gold, texts)
    assert (report["gold_pairs"], report["predicted_pairs"], report["true_pairs"]) == (3, 3, 3)
    assert report["precision"] == report["recall"] == 1.0
    gold["a3.txt"] = "K"  # now the near miss is claimed to be the same event: a missed link
    report = score_merge(extractions, gold, texts)
    assert report["recall"] == 0.5 and report["precision"] == 1.0
    assert "MISSED a0.txt ~ a3.txt" in format_merge_report(report)


def test_a_march_coded_as_riot_by_one_outlet_and_protest_by_another_shares_its_crowd() -> None:
    from frontwire.link.rules import actor_set

    class _Report:
        def __init__(self, actor1: str) -> None:
            self.event = {"actor1": actor1, "actor2": "Police Forces of Kenya (2022-)"}

    assert actor_set(_Report("Rioters (Kenya)")) == actor_set(_Report("Protesters (Kenya)"))
    assert actor_set(_Report("Civilians (Kenya)")) != actor_set(_Report("Protesters (Kenya)"))
