#!/usr/bin/env python3
"""Build the actor knowledge base that ships in the package (src/newsledger/actors/data/).

    .venv/bin/python scripts/build_kb.py [--phoenix ../shared/kb/phoenix]

Sources, each recorded in an entry's `provenance`:
- pycountry (ISO 3166-1, LGPL): every country's alpha-3 code, names and Korean name;
- the Phoenix/PETRARCH2 dictionaries (MIT, Open Event Data Alliance; notice kept in
  data/NOTICE.md): country aliases and cities, leaders with date-bounded role codes (frozen 2014),
  international organisations, armed non-state groups, and the agent words that give a sector
  ("defense minister" -> GOV MIL);
- our curated files in kb/curated/ (countries: demonyms, capitals and seats of power, Korean names;
  organisations and government bodies; people since 2014 with dated roles; seas, straits, regions
  and sites), each file or entry with its sources.

Curated entries win over Phoenix ones of the same name; Phoenix roles are kept beside them.
The output is deterministic (sorted), so a rebuild shows in git only what changed.
"""

from __future__ import annotations

import argparse
import gettext
import gzip
import json
import re
import tomllib
import unicodedata
from collections import defaultdict
from pathlib import Path

import pycountry

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src/newsledger/actors/data"
CURATED = ROOT / "kb/curated"
# CAMEO actor-type codes that are sectors (the rest of a code's 3-letter parts are sub-kinds).
SECTORS = {"GOV", "MIL", "ELI", "OPP", "PTY", "LEG", "JUD", "BUS", "MED", "EDU", "COP", "SPY", "REB", "REL",
           "HLH", "AGR", "LAB", "ENV", "DEV", "HRI", "REF", "CVL", "IGO", "NGO", "MNC", "UAF", "INS", "CRM"}
NOT_COUNTRY = {"IGO", "NGO", "MNC", "IMG", "UNK", "REB"}
# Words that make a Phoenix person alias a title plus a name; such aliases are dropped.
TITLE_WORDS = {"president", "minister", "prime", "premier", "secretary", "general", "chairman", "leader", "king",
               "queen", "prince", "sheikh", "ambassador", "foreign", "defense", "defence", "state", "chief", "gen",
               "lt", "col", "adm", "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "former", "ex", "vice", "deputy",
               "spokesman", "envoy", "emir", "sultan", "pope", "senator", "governor", "mayor", "marshal",
               "russian", "american", "chinese", "korean", "japanese", "british", "french", "german", "iranian",
               "israeli", "ukrainian", "iraqi", "syrian", "egyptian", "indian", "pakistani", "afghan", "un"}
ROLE_NOUNS = {"president", "minister", "prime", "premier", "secretary", "chairman", "leader", "king", "queen",
              "prince", "ambassador", "spokesman", "spokeswoman", "envoy", "official", "officials", "chancellor",
              "governor", "mayor", "senator", "general", "commander"}
# Words that make a dated Phoenix entry a group ("Syrian Islamic Front"), not a person.
GROUP_WORDS = {"front", "movement", "party", "army", "brigade", "brigades", "organization", "organisation", "council",
               "committee", "union", "group", "forces", "state", "islamic", "liberation", "alliance", "league",
               "association", "federation", "congress", "coalition", "national", "people", "peoples", "government",
               "ministry", "agency", "bank", "company", "corporation", "fund", "institute", "network", "command",
               "guard", "militia", "jihad", "mujahideen", "taliban", "revolutionary", "democratic", "republic",
               "assembly", "court", "commission", "service", "office", "authority", "police", "battalion"}
CAMEO_TO_ISO = {"JAP": "JPN", "UKG": "GBR", "GMY": "DEU", "SPN": "ESP", "PHI": "PHL", "MOR": "MAR",
                "NTH": "NLD", "SAF": "ZAF", "ROM": "ROU", "KSV": "XKX", "SRB": "SRB", "MNE": "MNE"}


def slug(text: str) -> str:
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")


def phoenix_name(raw: str) -> str:
    """`VLADIMIR_V._PUTIN_` -> `Vladimir V. Putin`; `KIM_JONG-UN` -> `Kim Jong-un`."""
    words = raw.strip().strip("_").replace("_", " ").split()
    out = []
    for word in words:
        parts = word.split("-")
        out.append("-".join([parts[0].capitalize()] + [p.lower() if len(p) <= 3 else p.capitalize()
                                                         for p in parts[1:]]))
    return " ".join(out).replace(" ,", ",")


def phoenix_date(raw: str) -> str | None:
    if re.fullmatch(r"\d{8}", raw):
        return f"{raw[:4]}-{raw[4:6]}-{raw[6:]}"
    if re.fullmatch(r"\d{6}", raw):
        year = int(raw[:2])
        century = 2000 if year <= 30 else 1900
        return f"{century + year}-{raw[2:4]}-{raw[4:]}"
    return None


def decode_code(code: str) -> tuple[str | None, list[str]]:
    """`PRKGOVMIL` -> ("PRK", ["GOV", "MIL"]); `IGOUNOIAE` -> (None, ["IGO"]); `~GOVMIL` -> (None, …)."""
    code = code.lstrip("~")
    country = None
    if code[:3] not in SECTORS or code[:3] in NOT_COUNTRY:
        head = code[:3]
        if head not in NOT_COUNTRY:
            country = CAMEO_TO_ISO.get(head, head)
            code = code[3:]
    parts = [code[i:i + 3] for i in range(0, len(code), 3)]
    return country, [p for p in parts if p in SECTORS]


def parse_role(text: str) -> dict | None:
    """`[RUSGOV 991231-080507]`, `[RUSGOV >080508]`, `[PRKELI]` -> a role with country, sector, dates."""
    m = re.match(r"\[\s*([~A-Z]+)\s*([^\]]*)\]", text.strip())
    if not m:
        return None
    country, sectors = decode_code(m.group(1))
    dates = m.group(2).strip()
    start = end = None
    if dates.startswith(">"):
        start = phoenix_date(dates[1:])
    elif dates.startswith("<"):
        end = phoenix_date(dates[1:])
    elif "-" in dates:
        a, b = dates.split("-", 1)
        start, end = phoenix_date(a), phoenix_date(b)
    return {"code": m.group(1), "country": country, "sector": sectors[0] if sectors else None,
            "sectors": sectors, "from": start, "to": end}


def read_phoenix_blocks(path: Path) -> list[dict]:
    """Entries of a TABARI actor file: a name line, `+alias` lines, and tab-indented `[CODE dates]`."""
    blocks: list[dict] = []
    current: dict | None = None
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip() or line.startswith("!"):
            continue
        if line.startswith(("\t", " ")) and line.strip().startswith("["):
            if current is not None and (role := parse_role(line)):
                current["roles"].append(role)
            continue
        if line.startswith("+"):
            if current is not None:
                current["aliases"].append(line[1:].split("[")[0].strip())
            continue
        name, _, inline = line.partition("[")
        current = {"raw": name.strip(), "aliases": [], "roles": [], "inline": None,
                   "person": "CountryInfo" in raw}
        if inline and (role := parse_role("[" + inline)):
            current["inline"] = role
        blocks.append(current)
    return blocks


def countries() -> dict[str, dict]:
    """Every ISO 3166-1 country, with its English and Korean names from pycountry."""
    korean = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["ko"])
    out = {}
    for c in pycountry.countries:
        names = {c.name, getattr(c, "common_name", c.name), getattr(c, "official_name", c.name)}
        name = getattr(c, "common_name", None) or c.name
        out[c.alpha_3] = {"id": f"country:{c.alpha_3.lower()}", "type": "GPE", "name": name,
                          "aliases": sorted(names - {name}), "ko": [korean.gettext(c.name)], "country": c.alpha_3,
                          "sector": "GOV", "demonyms": [], "metonyms": [], "context_aliases": [], "places": [],
                          "roles": [], "provenance": ["pycountry"]}
    out.setdefault("XKX", {"id": "country:xkx", "type": "GPE", "name": "Kosovo", "aliases": [], "ko": ["코소보"],
                           "country": "XKX", "sector": "GOV", "demonyms": [], "metonyms": [], "places": [],
                           "context_aliases": [], "roles": [], "provenance": ["curated"]})
    return out


GENERIC_NAME_WORDS = {"republic", "democratic", "people", "peoples", "united", "state", "states", "federal",
                      "islamic", "kingdom", "socialist", "arab", "north", "south", "islands", "federation", "union",
                      "plurinational", "commonwealth", "province", "territory", "special", "administrative", "region",
                      "east", "west", "new", "saint", "central", "equatorial", "grand", "duchy", "bolivarian"}


def names_country(raw: str, alias: str, pycountry_names: list[str]) -> bool:
    """Whether a Phoenix alias of a country names the country itself ("N. Korea", "DPRK", "North
    Korean", "America") rather than a city or region in it ("Pyongyang", "Hamgyong"), which become
    places of that country."""
    letters = raw.strip("_").replace(".", "").replace("_", "")
    if re.fullmatch(r"[A-Z]{2,3}|[^AEIOU]{4}", letters) or re.fullmatch(r"([A-Z]\.){2,}_*", raw.strip()):
        return True  # an acronym: DPRK, ROK, U.S.
    if re.sub(r"^the ", "", alias.casefold()) in {n.casefold() for n in pycountry_names}:
        return True
    own = {w.casefold() for name in pycountry_names for w in re.findall(r"[A-Za-z]{4,}", name)} - GENERIC_NAME_WORDS
    return any(w.casefold().startswith(o[:max(4, len(o) - 2)]) for w in re.findall(r"[A-Za-z]{4,}", alias)
               for o in own)


def add_unique(target: list[str], values: list[str]) -> None:
    for value in values:
        if value and value not in target:
            target.append(value)


def build(phoenix: Path) -> tuple[list[dict], dict[str, list[str]]]:
    by_code = countries()
    actors: dict[str, dict] = {}
    # Phoenix countries file: a country header `NAME_ [ISO]` then its aliases (names, cities,
    # regions); then its institutions (`[AFGMIL]` groups) and its people (with dated roles).
    country = None
    for block in read_phoenix_blocks(phoenix / "Phoenix.Countries.actors.txt"):
        inline = block["inline"] or (block["roles"][0] if block["roles"] else None)
        code = CAMEO_TO_ISO.get(inline["code"], inline["code"]) if inline else ""
        if re.fullmatch(r"[A-Z]{3}", code) and code in by_code and (
                block["inline"] or names_country(block["raw"], phoenix_name(block["raw"]),
                                                 [by_code[code]["name"], *by_code[code]["aliases"]])):
            country = CAMEO_TO_ISO.get(inline["code"], inline["code"])
            if country in by_code:
                entry = by_code[country]
                official = [entry["name"], *entry["aliases"]]
                for raw in [block["raw"], *block["aliases"]]:
                    alias = phoenix_name(raw)
                    add_unique(entry["aliases" if names_country(raw, alias, official) else "places"], [alias])
                add_unique(entry["provenance"], ["phoenix"])
            continue
        add_phoenix_actor(actors, block, country)
    for name in ("Phoenix.International.actors.txt", "Phoenix.MilNonState.actors.txt"):
        for block in read_phoenix_blocks(phoenix / name):
            add_phoenix_actor(actors, block, None)
    apply_curated(by_code, actors)
    for actor in actors.values():  # CAMEO region codes ("MEA", "INT") are not countries
        if actor.get("country") and actor["country"] not in by_code:
            actor["country"] = None
        for role in actor["roles"]:
            if role.get("country") and role["country"] not in by_code and role["country"] != "IGO":
                role["country"] = None
    metonyms = {m.casefold().removeprefix("the ") for c in by_code.values() for m in c["metonyms"]}
    for key in [k for k, a in actors.items() if "curated" not in a["provenance"]
                and a["name"].casefold().removeprefix("the ") in metonyms]:
        del actors[key]  # "the Kremlin" is Russia's government (a curated metonym), not an organisation
    entries = sorted(by_code.values(), key=lambda e: e["id"]) + sorted(actors.values(), key=lambda e: e["id"])
    for entry in entries:
        names = {entry["name"].casefold()}
        entry["aliases"] = [a for a in dict.fromkeys(entry["aliases"]) if a.casefold() not in names
                            and not names.add(a.casefold())]
    return entries, read_agents(phoenix / "Phoenix.agents.txt")


def add_phoenix_actor(actors: dict[str, dict], block: dict, country: str | None) -> None:
    roles = block["roles"] or ([block["inline"]] if block["inline"] else [])
    if not roles:
        return
    name = phoenix_name(block["raw"])
    if not re.search(r"[A-Za-z]{2}", name):
        return
    dated = any(r["from"] or r["to"] for r in roles)
    words = {w.casefold() for w in re.findall(r"[A-Za-z]+", name)}
    kind = "PERSON" if (block["person"] or dated) and not words & GROUP_WORDS and len(words) <= 5 else "ORG"
    own = next((r["country"] for r in roles if r["country"]), country)
    sector = next((r["sector"] for r in roles if r["sector"] and r["sector"] != "ELI"),
                  next((r["sector"] for r in roles if r["sector"]), None))
    if kind == "ORG" and ROLE_NOUNS & {w.casefold() for w in re.findall(r"[A-Za-z]+", name)}:
        return  # "US Secretary of State", "Prime Minister": a role, not an organisation
    prefix = "person" if kind == "PERSON" else "org"
    key = f"{prefix}:{slug(name)}"
    if key in actors and actors[key]["country"] != own:
        key = f"{key}-{(own or 'int').lower()}"
    entry = actors.setdefault(key, {"id": key, "type": kind, "name": name, "aliases": [], "ko": [], "country": own,
                                    "sector": sector, "roles": [], "provenance": ["phoenix"]})
    aliases = [phoenix_name(a) for a in block["aliases"] if a.strip()]
    if kind == "PERSON":  # "President Putin", "Russian Prime Minister Vladimir Putin": titles are not names
        aliases = [a for a in aliases if not TITLE_WORDS & {w.casefold() for w in re.findall(r"[A-Za-z]+", a)}]
    add_unique(entry["aliases"], aliases)
    for role in roles:
        entry["roles"].append({"title": None, "code": role["code"], "country": role["country"] or own,
                               "sector": role["sector"], "from": role["from"], "to": role["to"],
                               "source": "phoenix"})


def apply_curated(by_code: dict[str, dict], actors: dict[str, dict]) -> None:
    path = CURATED / "countries.toml"
    if path.exists():
        for code, data in tomllib.loads(path.read_text(encoding="utf-8")).items():
            entry = by_code.get(code)
            if entry is None:
                continue
            if data.get("name"):
                add_unique(entry["aliases"], [entry["name"]])
                entry["name"] = data["name"]
            for key in ("aliases", "demonyms", "metonyms", "context_aliases", "ko"):
                add_unique(entry[key], list(data.get(key, [])))
            add_unique(entry["ko"], list(data.get("ko_metonyms", [])) + list(data.get("ko_demonyms", [])))
            entry["ko_metonyms"] = list(data.get("ko_metonyms", []))
            entry["capital"] = data.get("capital")
            add_unique(entry["provenance"], ["curated"])
    by_name = {a["name"].casefold(): a for a in actors.values()}
    path = CURATED / "organizations.toml"
    if path.exists():
        for data in tomllib.loads(path.read_text(encoding="utf-8")).get("org", []):
            entry = by_name.get(data["name"].casefold()) or actors.setdefault(data["id"], {"id": data["id"],
                                                                                        "roles": []})
            entry.update({"id": data["id"], "type": "ORG", "name": data["name"],
                          "country": data.get("country") or None, "sector": data.get("kind") or None,
                          "parent": data.get("parent") or None})
            entry.setdefault("aliases", [])
            entry.setdefault("ko", [])
            add_unique(entry["aliases"], list(data.get("aliases", [])))
            add_unique(entry["ko"], list(data.get("ko", [])))
            entry["provenance"] = sorted({*entry.get("provenance", []), "curated"})
            actors[data["id"]] = entry
    for path in sorted(CURATED.glob("places*.toml")):
        for data in tomllib.loads(path.read_text(encoding="utf-8")).get("place", []):
            actors[data["id"]] = {"id": data["id"], "type": data.get("type", "LOC"), "name": data["name"],
                                  "aliases": list(data.get("aliases", [])), "ko": list(data.get("ko", [])),
                                  "country": data.get("country") or None, "sector": None, "roles": [],
                                  "provenance": ["curated"]}
    for path in sorted(CURATED.glob("people*.toml")):
        for data in tomllib.loads(path.read_text(encoding="utf-8")).get("person", []):
            old = by_name.get(data["name"].casefold()) or next(
                (by_name[a.casefold()] for a in data.get("aliases", []) if a.casefold() in by_name), None)
            if old is not None and old["type"] == "PERSON":
                actors.pop(old["id"], None)
            entry = {"id": data["id"], "type": "PERSON", "name": data["name"], "aliases": [], "ko": [],
                     "country": data.get("country"), "gender": data.get("gender"), "sector": None,
                     "roles": [], "sources": data.get("sources", []), "provenance": ["curated"]}
            if old is not None and old["type"] == "PERSON":
                add_unique(entry["aliases"], [old["name"], *old["aliases"]])
                entry["roles"] = list(old["roles"])
                entry["provenance"].append("phoenix")
            add_unique(entry["aliases"], list(data.get("aliases", [])))
            add_unique(entry["ko"], list(data.get("ko", [])))
            for role in data.get("roles", []):
                entry["roles"].append({"title": role.get("title"), "org": role.get("org") or None,
                                       "country": role.get("country"), "sector": role.get("sector"),
                                       "from": role.get("from") or None, "to": role.get("to") or None,
                                       "source": "curated"})
            curated_roles = [r for r in entry["roles"] if r["source"] == "curated"]
            entry["sector"] = curated_roles[-1]["sector"] if curated_roles else None
            actors[data["id"]] = entry


def read_agents(path: Path) -> dict[str, list[str]]:
    """Generic agent words -> sectors (`DEFENSE_MINIST` -> ["GOV", "MIL"]), with substitution sets."""
    substitutions: dict[str, list[str]] = {}
    agents: dict[str, list[str]] = defaultdict(list)
    for raw in path.read_text(encoding="utf-8", errors="replace").splitlines():
        line = raw.split("#", 1)[0].strip()
        if m := re.match(r"(!\w+!)\s*=\s*(.+)", line):
            substitutions[m.group(1)] = [w.strip() for w in m.group(2).split(",")]
            continue
        m = re.match(r"([^\[]+)\[(~?[A-Z]+)\]", line)
        if not m:
            continue
        phrase, code = m.group(1).strip(), m.group(2)
        variants = [phrase]
        for key, words in substitutions.items():
            if key in phrase:
                variants = [v.replace(key, w + "_" if not phrase.endswith(key) else w) for v in variants for w in words]
        _, sectors = decode_code(code)
        for variant in variants:
            words = re.sub(r"_+", " ", variant).strip().lower()
            if words and sectors:
                agents[words] = sectors
    return dict(sorted(agents.items()))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--phoenix", type=Path, default=ROOT.parent / "shared/kb/phoenix")
    args = ap.parse_args()
    entries, agents = build(args.phoenix)
    OUT.mkdir(parents=True, exist_ok=True)
    with gzip.GzipFile(OUT / "actors.jsonl.gz", "wb", mtime=0) as out:
        for entry in entries:
            out.write((json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n").encode())
    (OUT / "agents.json").write_text(json.dumps(agents, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
    notice = (args.phoenix / "LICENSE_petrarch2_MIT.txt").read_text(encoding="utf-8")
    (OUT / "NOTICE.md").write_text(
        "# Provenance of the actor knowledge base\n\nBuilt by `scripts/build_kb.py`. Each entry's `provenance` "
        "names its sources: `pycountry` (ISO 3166-1 names and Korean translations), `phoenix` (the Phoenix/"
        "PETRARCH2 dictionaries of the Open Event Data Alliance, MIT licence below), `curated` (kb/curated/*.toml, "
        "facts with the sources named per entry).\n\n## Phoenix/PETRARCH2 licence\n\n```\n" + notice + "```\n",
        encoding="utf-8")
    kinds = defaultdict(int)
    for entry in entries:
        kinds[entry["type"]] += 1
    print(f"{len(entries)} actors ({dict(kinds)}), {len(agents)} agent phrases -> {OUT}")


if __name__ == "__main__":
    main()
