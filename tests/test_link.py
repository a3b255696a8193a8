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


def _somalia_report(text: str, source: str, location: str, lat: float, lon: float):
    return strike_article(
        text,
        source=source,
        published=date(2024, 3, 14),
        event_date="2024-03-14",
        location=location,
        lat=lat,
        lon=lon,
        fatalities=5,
        event_type="Battles",
        sub_event_type="Armed clash",
        actor1="Al Shabaab",
        iso="SO",
        country="Somalia",
    )


def test_an_undated_background_line_does_not_join_the_capitals_events() -> None:
    from frontwire.extract.times import DEFAULT_DATE_TAG

    capital = [
        _somalia_report(
            f"Al Shabaab gunmen stormed a hotel in Mogadishu on Thursday, report {n}.",
            source=f"Outlet {n}",
            location="Mogadishu",
            lat=2.04,
            lon=45.34,
        )
        for n in (1, 2)
    ]
    province = _somalia_report(
        "A car bomb hit a checkpoint in Baidoa on Thursday. Al Shabaab gunmen often "
        "attack government forces in Mogadishu.",
        source="Outlet 3",
        location="Baidoa",
        lat=3.11,
        lon=43.65,
    )
    background = capital[0].events[0].__class__(**vars(capital[0].events[0]))
    background.event_id = "e2"
    background.time_precision = 3
    background.tags = [DEFAULT_DATE_TAG]
    province.events.append(background)
    merged = merge_reports(_reports([*capital, province]))
    hotel = next(m for m in merged if m.event["location"] == "Mogadishu" and m.source_count > 1)
    assert hotel.sources == ["Outlet 1", "Outlet 2"]

    # Without the dated car bomb beside it, the same line is just a thinly dated report
    # of that day in Mogadishu, and it may join (with its fallback date said in words).
    province.events = [background]
    merged = merge_reports(_reports([*capital, province]))
    (hotel,) = [m for m in merged if m.source_count > 1]
    assert hotel.sources == ["Outlet 1", "Outlet 2", "Outlet 3"]
    assert any("only the publication date" in reason for reason in hotel.reasons.values())


def test_a_province_level_report_joins_the_town_report_despite_spelling() -> None:
    town = strike_article(
        "Rebels killed 42 villagers near Beni on Friday.",
        source="Great Lakes Report",
        published=date(2024, 6, 8),
        event_date="2024-06-07",
        location="Beni",
        lat=0.49,
        lon=29.47,
        fatalities=42,
        iso="CD",
        country="Democratic Republic of Congo",
    )
    region = strike_article(
        "Rebels killed 41 people in North Kivu on Friday, officials said.",
        source="Global Desk",
        published=date(2024, 6, 8),
        event_date="2024-06-07",
        location="North Kivu",
        lat=-0.8,
        lon=28.9,
        fatalities=41,
        iso="CD",
        country="Democratic Republic of Congo",
    )
    town.events[0].admin1 = "Nord Kivu"
    region.events[0].admin1 = "Nord Kivu"
    region.events[0].geo_precision = 3
    (merged,) = merge_reports(_reports([town, region]))
    reason = next(r for r in merged.reasons.values() if r.startswith("matched"))
    assert "Beni lies in North Kivu" in reason and "death tolls agree" in reason
    assert merged.event["location"] == "Beni"


def test_a_report_that_clearly_matches_one_outlet_joins_the_event_it_reports() -> None:
    """Coded differently from one outlet, it still joins: hard rules hold with all."""
    a, b, c = corpus()[0], corpus()[1], corpus()[2]
    c.events[0].event_type = "Violence against civilians"
    c.events[0].sub_event_type = "Attack"
    c.events[0].actor1 = "Unidentified Armed Group (Ukraine)"
    b.events[0].actor1 = "Military Forces of Russia (2000-)"

    def similarity(_texts):
        # Only the first and the third report are worded alike.
        return lambda i, j: 0.9 if {i, j} == {0, 2} else 0.0

    # On their own the second and third are too unlike (other type, other actors)...
    assert len(merge_reports(_reports([b, c]), similarity=similarity)) == 2
    # ...but beside the first, which the third clearly matches, all three are one event.
    (merged,) = merge_reports(_reports([a, b, c]), similarity=similarity)
    assert merged.source_count == 3


def _kharkiv(text: str, source: str, day: int, fatalities: int):
    return strike_article(
        text,
        source=source,
        published=date(2024, 5, day),
        event_date=f"2024-05-{day}",
        location="Kharkiv",
        lat=49.99,
        lon=36.23,
        fatalities=fatalities,
    )


def _dissimilar(_texts):
    return lambda _i, _j: 0.1


def test_the_same_town_shelled_on_consecutive_days_is_two_events() -> None:
    saturday = _kharkiv("Russian bombs hit a store in Kharkiv on Saturday.", "Wire A", 25, 11)
    friday = _kharkiv("Russian shells hit homes in Kharkiv on Friday.", "Wire B", 24, 0)
    merged = merge_reports(_reports([saturday, friday]), similarity=_dissimilar)
    assert len(merged) == 2


def test_a_night_time_attack_dated_a_day_apart_by_two_outlets_is_one_event() -> None:
    late = _kharkiv("Russian drones hit Kharkiv late on Friday, officials said.", "Wire A", 24, 0)
    early = _kharkiv("Drones struck Kharkiv early on Saturday.", "Wire B", 25, 0)
    (merged,) = merge_reports(_reports([late, early]), similarity=_dissimilar)
    assert "nights of 2024-05-24 ('late on') and 2024-05-24 ('early on')" in " ".join(
        merged.reasons.values()
    )
    # Agreeing tolls tie a pair a day apart as well.
    first = _kharkiv("Russian bombs killed 12 in Kharkiv on Saturday.", "Wire A", 25, 12)
    second = _kharkiv("Twelve people died in Kharkiv on Friday.", "Wire B", 24, 12)
    assert len(merge_reports(_reports([first, second]), similarity=_dissimilar)) == 1


def test_drone_raids_on_consecutive_nights_are_two_events() -> None:
    thursday = _kharkiv("Drones hit Kharkiv overnight, officials said.", "Wire A", 23, 0)
    friday = _kharkiv("Drones struck Kharkiv again overnight into Saturday.", "Wire B", 24, 0)
    assert len(merge_reports(_reports([thursday, friday]), similarity=_dissimilar)) == 2
