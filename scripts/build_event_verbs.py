#!/usr/bin/env python3
"""Build the English event-verb dictionary that ships in the package (src/newsledger/events/data/).

    .venv/bin/python scripts/build_event_verbs.py [--phoenix ../shared/kb/phoenix]

From the CAMEO 2.0 verb dictionary of Phoenix/PETRARCH2 (MIT) it keeps, for each verb, its
default CAMEO code and its phrase patterns (the words that follow the verb: "sign * {PEACE
&TREATY}" -> 057), with the dictionary's synonym sets expanded (&TREATY -> treaty, accord,
agreement, pact, …); each CAMEO code becomes its PLOVER type, mode and context through the
CAMEO→PLOVER table of the PLOVER project (CC BY-SA 4.0). Our own additions, for verbs and phrases
the 2014 dictionary lacks, come from kb/curated/event_verbs.toml. Provenance and licences go to
data/NOTICE.md. Deterministic output (sorted).
"""

from __future__ import annotations

import argparse
import json
import re
import tomllib
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src/newsledger/events/data"
CURATED = ROOT / "kb/curated/event_verbs.toml"
# CAMEO 01 (public statement) is not a PLOVER event; 02 (appeal) is a request in PLOVER's terms.
EXTRA_PLOVER = {"02": ("REQUEST", None, None)}
_WORD = re.compile(r"[A-Z][A-Z'-]*")


def read_plover(path: Path) -> dict[str, tuple[str, str | None, str | None]]:
    table: dict[str, tuple[str, str | None, str | None]] = dict(EXTRA_PLOVER)
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        match = re.match(r"(\d{2,4}):\s*(.*)", line)
        if not match:
            continue
        parts = [p.strip() for p in match.group(2).split(",")]
        kind = parts[0]
        if not kind:
            continue
        mode = parts[1] if len(parts) > 1 and parts[1] else None
        context = parts[2] if len(parts) > 2 and parts[2] else None
        table.setdefault(match.group(1), (kind, mode, context))
    return table


def plover_of(code: str, table: dict[str, tuple[str, str | None, str | None]]
              ) -> tuple[str, str | None, str | None] | None:
    """The PLOVER type of a CAMEO code, from the most specific entry that has one."""
    for length in range(len(code), 1, -1):
        if code[:length] in table:
            return table[code[:length]]
    return None


def read_synsets(lines: list[str]) -> dict[str, list[str]]:
    synsets: dict[str, list[str]] = {}
    current = None
    for raw in lines:
        line = raw.split("#", 1)[0].rstrip()
        if line.startswith("&") and not line.startswith("&&"):
            current = line.strip().rstrip("_").upper()
            synsets[current] = []
        elif line.startswith("+") and current is not None:
            synsets[current].append(line[1:].strip().strip("_").replace("_", " ").lower())
        elif line.strip().startswith("---"):
            current = None
    return synsets


def pattern_words(text: str, synsets: dict[str, list[str]]) -> list[list[str]] | None:
    """The words a pattern needs after its verb, each as its alternatives: "{PEACE &TREATY}" ->
    [["peace"], ["treaty", "accord", …]]. None for patterns we cannot read (subject words)."""
    words: list[list[str]] = []
    for token in re.findall(r"&?[A-Z][A-Z_'-]*", text):
        if token.startswith("&"):
            members = synsets.get(token.rstrip("_").upper())
            if not members:
                return None
            words.append(sorted({m.split()[0] for m in members}))
        else:
            words.append([token.lower().replace("_", " ").split()[0]])
    return words or None


def read_verbs(path: Path, plover: dict) -> dict[str, dict]:
    lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
    synsets = read_synsets(lines)
    verbs: dict[str, dict] = defaultdict(lambda: {"default": None, "patterns": []})
    group: list[str] = []
    group_code = None
    for raw in lines:
        line = raw.split("#", 1)[0].rstrip()
        if not line.strip() or line.startswith("&") or (line.startswith("+") and not group):
            continue
        header = re.match(r"---\s+(\S+)\s+\[([^\]]*)\]", line)
        if header:
            group = []
            group_code = header.group(2).split(":")[0] if header.group(2) != "---" else None
            name = header.group(1).strip("_").replace("_", " ").lower()
            if " " not in name:
                group.append(name)
            continue
        if line.startswith("-"):
            match = re.match(r"-\s*(.*?)\*(.*?)\[([^\]]*)\]", line)
            if not match or match.group(1).strip() or match.group(3).startswith("---"):
                continue  # patterns with words before the verb are the subject's: not read
            code = match.group(3).split(":")[0].strip()
            words = pattern_words(match.group(2), synsets)
            target = plover_of(code, plover) if code else None
            # the comment names the verb a pattern was written for: it applies to that verb
            named = raw.split("#", 1)[1].strip().lower().split()[:1] if "#" in raw else []
            owners = named if named and named[0] in group else group
            if words and target:
                for verb in owners:
                    verbs[verb]["patterns"].append({"words": words, "code": code, "type": target[0],
                                                    "mode": target[1], "context": target[2]})
            continue
        member = re.match(r"\+?([A-Z][A-Z_'-]*)\s*(\{[^}]*\})?\s*(\[[^\]]*\])?", line.strip())
        if not member:
            continue
        word = member.group(1).strip("_").replace("_", " ").lower()
        if " " in word:
            continue  # phrasal verbs ("ask for") are matched by their head verb and pattern
        group.append(word)
        code = member.group(3)[1:-1].split(":")[0] if member.group(3) else group_code
        if code and code != "---" and (target := plover_of(code, plover)):
            verbs[word]["default"] = {"code": code, "type": target[0], "mode": target[1], "context": target[2]}
    return verbs


def apply_curated(verbs: dict[str, dict], plover: dict) -> None:
    if not CURATED.exists():
        return
    data = tomllib.loads(CURATED.read_text(encoding="utf-8"))
    for entry in data.get("verb", []):
        target = plover_of(entry["code"], plover)
        kind = entry.get("type") or (target[0] if target else None)
        if kind is None:
            continue
        item = {"code": entry["code"], "type": kind, "mode": entry.get("mode") or (target[1] if target else None),
                "context": target[2] if target else None, "curated": True}
        for key in ("with_target", "alone"):
            if entry.get(key):
                item[key] = entry[key]
        if entry.get("words"):
            verbs[entry["lemma"]]["patterns"].insert(0, {**item, "words": [[w] for w in entry["words"]]})
        else:
            verbs[entry["lemma"]]["default"] = item


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--phoenix", type=Path, default=ROOT.parent / "shared/kb/phoenix")
    args = ap.parse_args()
    plover = read_plover(args.phoenix / "CAMEO2PLOVER-2021.txt")
    if CURATED.exists():
        for code, kind in tomllib.loads(CURATED.read_text(encoding="utf-8")).get("code_types", {}).items():
            old = plover.get(code, (kind, None, None))
            plover[code] = (kind, old[1], old[2])
    verbs = read_verbs(args.phoenix / "CAMEO.2.0.verbs.txt", plover)
    apply_curated(verbs, plover)
    kept = {verb: entry for verb, entry in sorted(verbs.items()) if entry["default"] or entry["patterns"]}
    OUT.mkdir(parents=True, exist_ok=True)
    with (OUT / "verbs.json").open("w", encoding="utf-8") as out:
        out.write("{\n")
        out.write(",\n".join(f"{json.dumps(v)}: {json.dumps(e, sort_keys=True)}" for v, e in kept.items()))
        out.write("\n}\n")
    notice = (args.phoenix / "LICENSE_petrarch2_MIT.txt").read_text(encoding="utf-8")
    (OUT / "NOTICE.md").write_text(
        "# Provenance of the event-verb dictionary\n\nBuilt by `scripts/build_event_verbs.py` from the CAMEO 2.0 "
        "verb dictionary of Phoenix/PETRARCH2 (Open Event Data Alliance, MIT licence below), mapped to PLOVER "
        "with the CAMEO→PLOVER table of the PLOVER project (Open Event Data Alliance, CC BY-SA 4.0, "
        "https://github.com/openeventdata/PLOVER), plus our additions in kb/curated/event_verbs.toml. The "
        "PLOVER types, modes and contexts in verbs.json are derived from that table and are shared under "
        "CC BY-SA 4.0.\n\n## Phoenix/PETRARCH2 licence\n\n```\n" + notice + "```\n", encoding="utf-8")
    patterns = sum(len(e["patterns"]) for e in kept.values())
    print(f"{len(kept)} verbs, {patterns} patterns -> {OUT}")


if __name__ == "__main__":
    main()
