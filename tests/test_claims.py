"""Quotes and claims: who said what, through which channel, when — as a reader would tell."""

from __future__ import annotations

from datetime import date

import pytest

from frontwire.extract.claims import claim_stance, extract_claims, find_quotes
from frontwire.extract.times import extract_times
from frontwire.model import Article, Claim
from frontwire.nlp import parse

PUBLISHED = date(2023, 3, 7)  # a Tuesday


def claims_of(text: str, published: date = PUBLISHED) -> list[Claim]:
    article = Article(text=text, published=published)
    doc = parse(text)
    claims = extract_claims(doc, article, extract_times(doc, article))
    for claim in claims:  # every claim is tied to the words that support it
        assert text[claim.start : claim.end] == claim.text
    return claims


def starting(claims: list[Claim], opening: str) -> Claim:
    found = [c for c in claims if c.text.startswith(opening)]
    assert found, f"no claim starts with {opening!r}: {[c.text[:30] for c in claims]}"
    return found[0]


def mention(text: str, claim: Claim) -> str | None:
    if claim.speaker_start is None or claim.speaker_end is None:
        return None
    return text[claim.speaker_start : claim.speaker_end]


# ----------------------------------------------------------------- finding quotes

MULTI = (
    "The mayor of Kherson, Ihor Kolykhaev, described a night of heavy shelling. "
    "“We counted more than forty explosions in the port district alone. "
    "Three of them hit apartment blocks.\n"
    "“People are sleeping in basements again, and the water supply is cut,” "
    "he told reporters on Monday.\n"
    "Russia's defence ministry denied that its forces had struck residential areas, "
    "saying in a statement on Telegram that the strikes targeted “military infrastructure "
    "only.”\n"
)


def test_a_quote_running_over_two_paragraphs_is_one_claim_of_its_speaker() -> None:
    claims = claims_of(MULTI)
    quote = starting(claims, "We counted more than forty explosions")
    assert quote.text.endswith("the water supply is cut")
    assert "Three of them hit apartment blocks." in quote.text
    assert quote.kind == "direct"
    assert quote.speaker == "Ihor Kolykhaev"
    assert mention(MULTI, quote) == "he"
    assert quote.speaker_role == "mayor of Kherson"


def test_curly_straight_and_guillemet_quotes_are_found() -> None:
    text = 'He said "we hold" and «they retreat» and “all is calm”.'
    assert [text[q.start : q.end] for q in find_quotes(text)] == [
        "we hold",
        "they retreat",
        "all is calm",
    ]


def test_an_unclosed_quote_ends_with_its_paragraph_and_a_stray_mark_extends_the_last() -> None:
    text = (
        "“We will hold the line, the commander said on the radio.\n"
        "He added that “every street … is defended.” but not at any price.”\n"
    )
    quotes = [text[q.start : q.end] for q in find_quotes(text)]
    assert quotes[0] == "We will hold the line, the commander said on the radio."
    assert quotes[1].startswith("every street … is defended.")
    assert quotes[1].endswith("but not at any price.")


def test_unbalanced_copy_still_gives_every_claim_its_speaker() -> None:
    text = (
        "General Oleksandr Syrskyi, the commander of the ground forces, said that "
        "“the city holds” despite the assault, stressing that “every house … is a fortress.” "
        "but we pay for it.”\n"
        "He pointed out that Russia “keeps sending convicts to the front.”\n"
    )
    claims = claims_of(text)
    for opening in ("the city holds", "every house", "keeps sending convicts"):
        assert starting(claims, opening).speaker == "Oleksandr Syrskyi"
    assert starting(claims, "every house").text.endswith("but we pay for it.")


def test_nested_single_quotes_stay_inside_the_outer_quote() -> None:
    text = (
        "“They told us ‘leave now or die’ and then the shelling started,” said "
        "Olena Petrenko, a nurse at the regional hospital.\n"
    )
    claims = claims_of(text)
    quote = starting(claims, "They told us ‘leave now or die’ and then the shelling started")
    assert quote.speaker == "Olena Petrenko"
    assert quote.speaker_role and "nurse" in quote.speaker_role
    assert not any(c.text.startswith("leave now") for c in claims)


def test_ellipses_and_editorial_brackets_are_kept_in_the_quote() -> None:
    text = (
        "Olena Petrenko, a nurse, described a terrible night.\n"
        "Petrenko said the attack was “the worst [night] since the war began … worse than "
        "March.”\n"
    )
    quote = starting(claims_of(text), "the worst [night]")
    assert quote.text == "the worst [night] since the war began … worse than March."
    assert quote.speaker == "Olena Petrenko"
    assert quote.kind == "partial"


def test_scare_quotes_are_not_claims() -> None:
    text = "Moscow held a so-called “referendum” in the occupied town of Enerhodar last autumn.\n"
    assert claims_of(text) == []


# ----------------------------------------------------------------- attribution

INSIDE = (
    '"We will not leave the city," Mayor Oleksandr Senkevych said on Saturday, "because the '
    'people who stayed need water, bread and medicine."\n'
    "Ukraine's military intelligence agency said Russian troops were regrouping near Izium. "
    '"The next offensive is a matter of days," it said in a statement.\n'
    'Speaking to the BBC, Senkevych said: "Every night they shell the port. Every morning '
    'we count the dead."\n'
    '"This is a lie," said Maria Zakharova, the spokeswoman for the Russian foreign ministry.\n'
)


def test_attribution_after_inside_and_before_the_quote() -> None:
    claims = claims_of(INSIDE)
    after = starting(claims, "We will not leave the city")
    resumed = starting(claims, "because the people who stayed")
    before = starting(claims, "Every night they shell the port")
    assert after.speaker == resumed.speaker == before.speaker == "Oleksandr Senkevych"
    assert after.speaker_role == "Mayor"
    assert resumed.kind == "direct"
    assert mention(INSIDE, before) == "Senkevych"


def test_inverted_attribution_reads_name_role_and_organization() -> None:
    quote = starting(claims_of(INSIDE), "This is a lie")
    assert quote.speaker == "Maria Zakharova"
    assert quote.speaker_role == "spokeswoman for the Russian foreign ministry"
    assert quote.organization == "Russian foreign ministry"


def test_it_goes_back_to_the_organisation_and_indirect_claims_are_kept() -> None:
    claims = claims_of(INSIDE)
    indirect = starting(claims, "Russian troops were regrouping near Izium")
    assert indirect.kind == "indirect"
    assert indirect.speaker == "Ukraine's military intelligence agency"
    quote = starting(claims, "The next offensive is a matter of days")
    assert quote.speaker == indirect.speaker
    assert quote.channel == "statement"


TWO = (
    "Governor Oleh Syniehubov said that two civilians were killed in Kharkiv, while "
    "Russian-installed official Vitaly Ganchev claimed that Ukrainian artillery had hit the "
    "town of Kupiansk. “The enemy shelled our villages all night,” Syniehubov wrote on "
    "Telegram.\n"
    "“Kyiv is lying,” Ganchev told Russian state television.\n"
    "The governor later added that rescuers were still searching the rubble.\n"
    "According to the police, five people were injured.\n"
)


def test_two_speakers_in_one_paragraph_keep_their_own_claims() -> None:
    claims = claims_of(TWO)
    killed = starting(claims, "two civilians were killed in Kharkiv")
    assert killed.text == "two civilians were killed in Kharkiv"  # not Ganchev's words
    assert killed.speaker == "Oleh Syniehubov"
    assert starting(claims, "Ukrainian artillery had hit").speaker == "Vitaly Ganchev"
    shelled = starting(claims, "The enemy shelled our villages")
    assert (shelled.speaker, shelled.channel) == ("Oleh Syniehubov", "Telegram")
    lying = starting(claims, "Kyiv is lying")
    assert (lying.speaker, lying.channel) == ("Vitaly Ganchev", "television")


def test_the_governor_refers_back_to_the_person_introduced_with_that_role() -> None:
    claims = claims_of(TWO)
    later = starting(claims, "rescuers were still searching")
    assert later.speaker == "Oleh Syniehubov"
    assert mention(TWO, later) == "governor"
    police = starting(claims, "five people were injured")
    assert police.speaker == "police"


def test_she_and_the_agency_refer_back_across_paragraphs() -> None:
    text = (
        "The UN human rights office said on Friday that at least 40 civilians had died in "
        "the strike.\n"
        "“Many of the victims were children who had sheltered in the school,” she added.\n"
        "“Attacks on shelters may amount to war crimes,” the agency added.\n"
        "A spokeswoman for the International Committee of the Red Cross, Maria Dotsenko, "
        "said the organisation had lost contact with its staff. “We are extremely worried,” "
        "she said. “Our teams have not reached the hospital since Friday.”\n"
        "The agency added that a convoy was waiting at the checkpoint.\n"
    )
    claims = claims_of(text)
    office = starting(claims, "at least 40 civilians had died")
    assert office.speaker == "UN human rights office"
    assert starting(claims, "Many of the victims").speaker == office.speaker
    assert starting(claims, "Attacks on shelters").speaker == office.speaker
    worried = starting(claims, "We are extremely worried")
    assert worried.speaker == "Maria Dotsenko"
    assert worried.organization == "International Committee of the Red Cross"
    assert starting(claims, "Our teams have not reached").speaker == "Maria Dotsenko"
    convoy = starting(claims, "a convoy was waiting")
    assert convoy.speaker == "International Committee of the Red Cross"


def test_a_denial_by_another_party_is_its_own_claim_with_deny_stance() -> None:
    doc = parse(MULTI)
    claims = extract_claims(doc, Article(text=MULTI, published=PUBLISHED), [])
    denial = starting(claims, "its forces had struck residential areas")
    assert denial.kind == "indirect"
    assert denial.speaker == "Russia's defence ministry"
    assert claim_stance(doc, denial) == "deny"
    quote = starting(claims, "military infrastructure only")
    assert quote.speaker == denial.speaker
    assert quote.channel == "Telegram"
    assert claim_stance(doc, starting(claims, "We counted")) == "assert"


# ----------------------------------------------------------------- channel and date


def test_platform_wins_over_briefing_and_video_address_is_a_channel() -> None:
    text = (
        "“Our units repelled 14 attacks,” the General Staff of the Armed Forces said at "
        "a morning briefing on Facebook.\n"
        "President Volodymyr Zelensky, in his nightly video address, spoke of “brutal” "
        "fighting near Bakhmut.\n"
    )
    claims = claims_of(text)
    staff = starting(claims, "Our units repelled 14 attacks")
    assert staff.speaker == "General Staff of the Armed Forces"
    assert staff.channel == "Facebook"
    brutal = starting(claims, "brutal")
    assert (brutal.speaker, brutal.kind, brutal.channel) == (
        "Volodymyr Zelensky",
        "partial",
        "video address",
    )


@pytest.mark.parametrize(
    ("opening", "expected"),
    [
        ("The city is surrounded", "2023-03-05"),  # "On Sunday, ... warned" (published Tue 7)
        ("We need ammunition", "2023-03-05"),  # "he said" goes on with the same statement
        ("Nothing has changed", None),  # no date of its own: not the publication default
    ],
)
def test_date_of_the_speech_act(opening: str, expected: str | None) -> None:
    text = (
        "On Sunday, Serhiy Cherevatyi warned that “The city is surrounded on three sides.” "
        "“We need ammunition, not promises,” he said.\n"
        "Kyiv was quiet.\n"
        "Another officer, Dmytro Kuleba, said it bluntly: “Nothing has changed for weeks.”\n"
    )
    assert starting(claims_of(text), opening).date == expected


def test_wire_dateline_and_statement_from_are_not_speakers() -> None:
    text = (
        "KYIV, March 3 (Reuters) - Ukraine's defence ministry said on Thursday that Russian "
        "forces had shelled a railway station in Kramatorsk.\n"
        "A statement from the regional administration said rescue work was continuing.\n"
    )
    claims = claims_of(text)
    shelled = starting(claims, "Russian forces had shelled a railway station")
    assert shelled.speaker == "Ukraine's defence ministry"
    assert shelled.date == "2023-03-02"  # the Thursday before publication
    rescue = starting(claims, "rescue work was continuing")
    assert (rescue.speaker, rescue.channel) == ("regional administration", "statement")


def test_the_ministry_goes_back_to_the_right_ministry() -> None:
    text = (
        "Ukraine's defence ministry said Russian forces had shelled the station.\n"
        "Russia's defence ministry said the strike was a “provocation” staged by Kyiv. "
        "“Russian armed forces did not carry out any strikes in Kramatorsk,” the ministry "
        "said in a statement.\n"
    )
    claims = claims_of(text)
    assert starting(claims, "provocation").speaker == "Russia's defence ministry"
    denial = starting(claims, "Russian armed forces did not carry out")
    assert (denial.speaker, denial.channel) == ("Russia's defence ministry", "statement")


@pytest.mark.parametrize(
    "text", ["", "\n\n", "“", "”", '"', "“a” “b” “c", "He said: “", "According to"]
)
def test_degenerate_texts_give_no_claims_and_no_error(text: str) -> None:
    assert claims_of(text) == []


def test_according_to_and_british_single_quotes() -> None:
    text = (
        "‘We will not give up Bakhmut’s eastern districts,’ the commander, Colonel Serhiy "
        "Cherevatyi, told the BBC.\n"
        "According to the Institute for the Study of War, Russian forces made marginal gains "
        "near Avdiivka.\n"
    )
    claims = claims_of(text)
    quote = starting(claims, "We will not give up Bakhmut’s eastern districts")
    assert quote.speaker == "Serhiy Cherevatyi"
    gains = starting(claims, "Russian forces made marginal gains near Avdiivka")
    assert (gains.kind, gains.speaker) == ("indirect", "Institute for the Study of War")


def test_a_new_official_is_not_the_last_speaker_and_he_keeps_the_video_address() -> None:
    text = (
        "In his evening video address, President Volodymyr Zelensky thanked the defenders "
        "of Bakhmut. “Every day they hold is a day we win,” he said.\n"
        "A Ukrainian military official, who requested anonymity, told AFP that "
        "reinforcements had arrived. “We have enough men, but we need shells,” the official "
        "said.\n"
    )
    claims = claims_of(text)
    win = starting(claims, "Every day they hold")
    assert (win.speaker, win.channel) == ("Volodymyr Zelensky", "video address")
    shells = starting(claims, "We have enough men")
    assert shells.speaker == "Ukrainian military official"
    assert starting(claims, "reinforcements had arrived").speaker == shells.speaker


# ----------------------------------------------------------------- who said it, on real news


def test_a_speaker_is_a_person_an_organisation_or_a_role_never_another_noun() -> None:
    text = (
        "Everything suggested that the talks would fail, the report's authors wrote.\n"
        "The war has shown that the alliance is weak, said Marta Kowalczyk, a researcher.\n"
    )
    claims = claims_of(text)
    assert all(c.speaker not in ("Everything", "war", "The war") for c in claims)
    assert starting(claims, "The war has shown").speaker == "Marta Kowalczyk"


def test_the_role_phrase_goes_back_to_the_person_named_with_that_role() -> None:
    text = (
        "US President Tom Harland met his allies in Brussels on Monday.\n"
        "“We will not abandon our partners,” the American president said after the talks.\n"
    )
    quote = starting(claims_of(text), "We will not abandon our partners")
    assert quote.speaker == "Tom Harland"
    assert quote.speaker_role is not None and "President" in quote.speaker_role


def test_another_countrys_president_is_not_that_person() -> None:
    text = (
        "US President Tom Harland met his allies in Brussels on Monday.\n"
        "“We are ready to talk,” the Ukrainian president said in Kyiv.\n"
    )
    quote = starting(claims_of(text), "We are ready to talk")
    assert quote.speaker != "Tom Harland"


def test_dash_marked_direct_speech_is_a_quote_of_its_speaker() -> None:
    text = (
        "Defence minister Adam Wrona spoke after the meeting.\n"
        "- We will respond to every provocation on our border - he said.\n"
        "– The exercises will go on until the end of the month – Wrona added.\n"
    )
    claims = claims_of(text)
    first = starting(claims, "We will respond to every provocation")
    assert first.kind == "direct" and first.speaker == "Adam Wrona"
    assert first.text.endswith("on our border")
    assert starting(claims, "The exercises will go on").speaker == "Adam Wrona"


def test_a_quote_after_a_reported_sentence_is_the_same_speakers() -> None:
    text = (
        "Lena Marsh, a spokeswoman for the agency, acknowledged the delays. “The trucks have "
        "waited at the border for three days and nobody tells us why,” the statement read.\n"
    )
    quote = starting(claims_of(text), "The trucks have waited")
    assert quote.speaker == "Lena Marsh"


def test_a_quote_in_a_teaser_line_is_nobodys_without_a_speaker() -> None:
    text = (
        "Olaf Brenner said on Tuesday that the sanctions would stay in place.\n"
        "READ ALSO: “A winter of shortages is coming for the whole region” experts warn\n"
    )
    claims = claims_of(text)
    assert not any(
        c.text.startswith("A winter of shortages") and c.speaker == "Olaf Brenner" for c in claims
    )


def test_a_noun_phrase_reported_is_no_claim() -> None:
    text = "The ministry denied these reports on Monday.\n"
    assert not [c for c in claims_of(text) if c.text == "these reports"]


def test_he_is_not_the_spokeswoman_and_goes_back_to_the_last_speaker() -> None:
    text = (
        "Peter Vogt, an analyst at the institute, said the talks had stalled.\n"
        "Anna Lind, a spokeswoman for the mission, said the convoy had been delayed. "
        "“Nobody in the room expected a breakthrough,” he said.\n"
    )
    quote = starting(claims_of(text), "Nobody in the room expected")
    assert quote.speaker == "Peter Vogt"


def test_two_fragments_of_one_sentence_share_its_speaker() -> None:
    text = (
        "Marek Nowak said the losses were “staggering”, given that the army “has not taken "
        "a single town this year”.\n"
    )
    claims = claims_of(text)
    assert starting(claims, "has not taken a single town").speaker == "Marek Nowak"


# ----------------------------------------------------------------- issue 16: who said it


def test_dash_speech_next_to_quote_marks_and_without_its_opening_dash() -> None:
    text = (
        "Senator Anna Kowalczyk spoke to the radio on Monday.\n"
        'As she noted, "the army is ready." - Our reserves are large. We will not give up '
        "one village - she said.\n"
        "The border will hold for many months - said Kowalczyk.\n"
    )
    claims = claims_of(text)
    dash = starting(claims, "Our reserves are large")
    assert dash.text.endswith("one village")
    assert dash.speaker == "Anna Kowalczyk"
    unopened = starting(claims, "The border will hold for many months")
    assert unopened.speaker == "Anna Kowalczyk"
    assert mention(text, unopened) == "Kowalczyk"


def test_a_surname_that_is_also_a_word_is_still_the_speaker() -> None:
    text = (
        "The loudest critic is Clifford May, the president of a Washington think tank. "
        'May said the council had failed, noting, "This has been apparent for years to '
        'anyone paying attention."\n'
    )
    claims = claims_of(text)
    quote = starting(claims, "This has been apparent for years")
    assert quote.speaker == "Clifford May"
    assert starting(claims, "the council had failed").speaker == "Clifford May"


def test_a_ministry_with_words_of_its_own_is_not_the_last_speaker() -> None:
    text = (
        "Ukraine's presidency said two people were wounded in the shelling of Nikopol.\n"
        "The grain ship left the port of Odesa “for delivery to Kenya”, Ukraine's "
        "infrastructure ministry said.\n"
    )
    claims = claims_of(text)
    assert starting(claims, "for delivery to Kenya").speaker == "Ukraine's infrastructure ministry"


def test_a_quoted_name_is_no_claim_and_may_be_the_speaker() -> None:
    text = (
        '"The Daily Courier" reports that the factory was hit twice. "It is a grim '
        'night for the city," says the newspaper. The "Falcon" brigade held the line.\n'
    )
    claims = claims_of(text)
    assert not [c for c in claims if c.text in ("The Daily Courier", "Falcon")]
    assert starting(claims, "It is a grim night for the city").speaker == "Daily Courier"


def test_an_acronym_is_the_organisation_it_abbreviates() -> None:
    text = (
        "The Centre for Eastern Studies (CES) said this in its weekly assessment.\n"
        "CES analysts said the offensive had stalled near the river.\n"
    )
    claims = claims_of(text)
    found = starting(claims, "the offensive had stalled")
    assert found.organization == "Centre for Eastern Studies"


def test_a_quote_mark_and_a_dash_both_open_speech_closed_by_said() -> None:
    text = (
        "The Courier notes that the economy grew after the losses. "
        '"- The plants do not build modern tanks. But they build many simple shells - said '
        "Ivan Petrenko, an economist, in an interview.\n"
    )
    claims = claims_of(text)
    quote = starting(claims, "The plants do not build modern tanks")
    assert quote.text.endswith("many simple shells")
    assert quote.speaker == "Ivan Petrenko"


def test_according_to_inside_a_reported_clause_is_the_reporters_claim() -> None:
    text = (
        '"The Washington Post" reports that, according to analysts, the factory doubled its '
        "output of shells.\n"
        "Johnson and other leaders will declare victory, saying they faced down aggression.\n"
    )
    claims = claims_of(text)
    found = starting(claims, "the factory doubled its output")
    assert found.speaker == "Washington Post"
    assert not [c for c in claims if c.speaker == "analysts"]
    assert not [c for c in claims if c.text.startswith("they faced down")]  # foreseen only


def test_a_reported_clause_keeps_its_misparsed_conjunct_and_groups_speak_together() -> None:
    text = (
        "The regional administration said one man was killed and three more injured in "
        "the Sumy region.\n"
        "Reporters and independent monitors said there was no sign of an attack.\n"
    )
    claims = claims_of(text)
    toll = starting(claims, "one man was killed")
    assert "three more injured" in toll.text
    sign = starting(claims, "there was no sign of an attack")
    assert sign.speaker == "Reporters and independent monitors"
    assert sign.organization is None


def test_marks_round_the_attribution_leave_the_speech_on_both_sides() -> None:
    text = (
        "Mayor Anna Smith said on Friday that the shelling had not stopped.\n"
        '- Residents should leave the city now. The front is close, "she warned, adding '
        'that" the bridges may be cut off ".\n'
    )
    claims = claims_of(text)
    first = starting(claims, "Residents should leave the city now")
    assert first.text.endswith("The front is close")
    assert starting(claims, "the bridges may be cut off").speaker == "Anna Smith"
    assert first.speaker == "Anna Smith"
    assert not [c for c in claims if c.text.startswith("she warned")]
