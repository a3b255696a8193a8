"""Derive frontwire/ontology/acled_actors.json from an ACLED export (run once, by hand).

Why: ACLED names state forces per country and period ("Military Forces of Yemen (2012-)"),
and names armed groups with acronyms ("PKK: Kurdistan Workers Party"). Learning those
names from real coding keeps our output in ACLED's vocabulary. The product only reads
the JSON this writes; it never reads the export at run time.

Usage: .venv/bin/python scripts/build_actor_lexicon.py ../shared/eval/acled/events.csv
"""

from __future__ import annotations

import argparse
import csv
import json
import re
from collections import Counter, defaultdict
from pathlib import Path

import pycountry

from frontwire.evaluate.holdout import is_holdout
from frontwire.extract.actors import lexicon
from frontwire.nlp import get_nlp

OUT = Path(__file__).resolve().parents[1] / "frontwire" / "ontology" / "acled_actors.json"

STATE = re.compile(
    r"^(?P<kind>Military Forces|Police Forces|Government) of (?:the )?(?P<country>.+?) "
    r"\((?P<period>\d{4}-(?:\d{4})?)\)(?: (?P<unit>.+))?$"
)
#: Names built from a template and a country: the curated actors.json covers them.
GENERIC = re.compile(
    r"^(Protesters|Rioters|Civilians|Unidentified Armed Group|Unidentified Gang|"
    r"Unidentified Communal Militia|Unidentified Military Forces|Private Security Forces|"
    r"Prisoners|Labour Group|Journalists|Health Workers|Students|Teachers|Farmers|Women|"
    r"Refugees/IDPs|Migrants|Lawyers|Former Military Forces|Unidentified Clan Militia)\b"
)
ETHNIC = re.compile(r"^(?P<group>[A-Z][\w' -]+?) Ethnic Militia\b")
COUNTRY_SUFFIX = re.compile(r"^(?P<base>.+?) \((?P<country>[^()]+)\)$")


def iso2_of(iso3: str) -> str | None:
    country = pycountry.countries.get(alpha_3=iso3)
    return country.alpha_2 if country else None


def aliases_of(name: str) -> list[str]:
    """Surface forms a writer would use for an ACLED actor name."""
    forms: list[str] = []
    base = name
    match = COUNTRY_SUFFIX.match(name)
    if match:
        base = match["base"]
    if ": " in base:
        acronym, full = base.split(": ", 1)
        forms.extend(part for part in acronym.split("/") if len(part) > 1)
        forms.append(full)
        forms.extend(p for p in full.split("/") if "/" in full and len(p.split()) > 1)
    else:
        forms.append(base)
    return list(dict.fromkeys(f.strip() for f in forms if f.strip() and " and/or " not in f))


def build(csv_path: Path) -> dict:
    # the evaluator's held-out rows (one in five) are never learnt from
    rows = [
        row
        for row in csv.DictReader(csv_path.open(encoding="utf-8"))
        if not is_holdout(row["event_id_cnty"])
    ]
    country_iso: dict[str, str] = {}
    for row in rows:
        iso = iso2_of(row["iso3"])
        if iso:
            country_iso[row["country"]] = iso
    state_names: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    units: dict[str, Counter] = defaultdict(Counter)
    named: dict[str, Counter] = defaultdict(Counter)
    named_country: dict[str, Counter] = defaultdict(Counter)
    for row in rows:
        for actor_col, inter_col in (("actor1", "inter1"), ("actor2", "inter2")):
            name = row[actor_col].strip()
            if not name:
                continue
            inter = int(row[inter_col] or 0)
            state = STATE.match(name)
            if state:
                iso = country_iso.get(state["country"]) or _lookup(state["country"])
                if not iso:
                    continue
                kind = state["kind"].split()[0].lower()  # military | police | government
                if state["unit"]:
                    units[name][inter] += 1
                    named_country[name][iso] += 1
                else:
                    state_names[iso][kind][name] += 1
                continue
            if GENERIC.match(name):
                continue
            named[name][inter] += 1
            named_country[name][country_iso.get(row["country"], "")] += 1
    # How ACLED names unknown perpetrators per country, apart for notes with a mark of
    # organised crime ("drive-by", "hands tied": "unidentified_gang"), notes that name
    # armed men ("armed men shot...": "unidentified") and notes that do not ("a body was
    # found": "unidentified_default"); e.g. Mexico: Gang for the first, Armed Group else.
    # The marks are read exactly as the extractor reads them at run time.
    curated = json.loads((OUT.parent / "actors.json").read_text(encoding="utf-8"))
    terms = curated["templates"]["unidentified"]["terms"]
    armed_words = re.compile(r"\b(" + "|".join(re.escape(t) for t in terms) + r")\b", re.IGNORECASE)
    lex = lexicon()
    make_doc = get_nlp().make_doc
    unidentified: dict[str, dict[str, Counter]] = defaultdict(lambda: defaultdict(Counter))
    for row in rows:
        iso = country_iso.get(row["country"])
        name = row["actor1"]
        if iso and name.startswith("Unidentified") and "Communal" not in name:
            if lex.gang_marked(make_doc(row["notes"])):
                key = "unidentified_gang"
            elif armed_words.search(row["notes"]):
                key = "unidentified"
            else:
                key = "unidentified_default"
            unidentified[iso][key][name] += 1
    countries = {}
    for iso, kinds in sorted(state_names.items()):
        countries[iso] = {kind: names.most_common(1)[0][0] for kind, names in sorted(kinds.items())}
    for acled_country, iso in sorted(country_iso.items()):
        countries.setdefault(iso, {})["country"] = acled_country
    for iso, keys in sorted(unidentified.items()):
        for key, names in sorted(keys.items()):
            name, count = names.most_common(1)[0]
            if count >= 2:  # kept only when seen at least twice
                countries.setdefault(iso, {})[key] = name
    actors = []
    for name, inters in sorted({**named, **units}.items()):
        match = COUNTRY_SUFFIX.match(name)
        state = STATE.match(name)
        iso = None
        if state:
            iso = named_country[name].most_common(1)[0][0]
            aliases = [state["unit"]] if state["unit"] else []
        else:
            aliases = aliases_of(name)
            if match and match["country"] in country_iso:
                iso = country_iso[match["country"]]
        actors.append(
            {
                "name": name,
                "inter": inters.most_common(1)[0][0],
                "iso": iso,
                "aliases": aliases,
            }
        )
    # Ethnic groups ACLED names militias after ("Tiv Ethnic Militia (Nigeria)"): a name
    # from this list before "militias", "herdsmen" or "youths" is an ethnic militia.
    ethnic = sorted(
        {m["group"] for name in named if (m := ETHNIC.match(name)) and "Clan" not in m["group"]}
    )
    return {
        "_doc": (
            "Derived by scripts/build_actor_lexicon.py from an ACLED export: per country "
            "(ISO2) the names ACLED gives its state forces and the ACLED country name; "
            "named actors with their usual inter code and surface forms; ethnic groups ACLED "
            "names militias after. Curated entries "
            "in actors.json and a user file (FRONTWIRE_ACTORS_FILE) override these."
        ),
        "countries": countries,
        "actors": actors,
        "ethnic_groups": ethnic,
    }


def _lookup(country: str) -> str | None:
    try:
        return pycountry.countries.lookup(country).alpha_2
    except LookupError:
        return None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("csv", type=Path, help="ACLED export with actor1/inter1/... columns")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args()
    data = build(args.csv)
    args.out.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"wrote {args.out}: {len(data['countries'])} countries, {len(data['actors'])} actors")


if __name__ == "__main__":
    main()
