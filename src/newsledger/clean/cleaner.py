"""Clean scraped article text: take out site furniture, keep every sentence of the story.

The principle: a line leaves the body only when a rule recognises it as not part of the story
(navigation, link lists, copyright, credits, captions, bylines, publication lines, the headline
and its repeats). Everything unrecognised stays. Each removed piece goes to `removed` with its
reason and the rule that matched, so nothing is lost and every decision can be audited.

The work is split into small functions over a list of `Line`s, in the manner of trafilatura.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from newsledger.clean.rules import Rule, RuleSet
from newsledger.model import Removed
from newsledger.time import parse_explicit_date

# A line that ends like a sentence (or a quotation) is story, not a headline or a link.
_SENTENCE_END = re.compile(r"""(?:[.!?…。]|다)["'”’)\]}]*\s*$""")
_WORD = re.compile(r"\w+")
# A person's name in a byline: capitalised words (Latin), or two to four Hangul syllables.
_NAME = re.compile(r"[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|van|von|de|da|del|bin|al|le)){0,4}|[가-힣]{2,4}")
# Company-law tails of copyright lines, which are not part of an outlet's name.
_LEGAL_TAIL = re.compile(r"(?:\s+or its affiliated companies|\s*,?\s+(?:ltd|limited|inc|llc|co|corp|plc|gmbh)\.?)+$",
                         re.IGNORECASE)
# A line this long that stops mid-sentence before a lower-case line was wrapped by hand.
MIN_WRAPPED_CHARS = 40
# A run of this many short lines in a row is a menu ("News / Opinion / Sport / Culture").
MIN_MENU_RUN = 3
_BULLET = re.compile(r"(?:[-•*▪◦–—■□◆◇○●]|\d{1,2}[.)])\s")
_MENU_SEPARATOR = re.compile(r"\s{2,}|\s*[|•·▾›»]\s*|\t")
MAX_MENU_ITEM_WORDS = 3
MAX_MENU_ITEM_CHARS = 24
# Whole-line rules look only at lines up to this long: furniture is short, and long lines are story.
MAX_RULE_LINE_CHARS = 400
# A caption's credit stands within its last this many characters.
CAPTION_CREDIT_TAIL = 120
# How many link lines a "Related stories" header may take with it.
MAX_SECTION_LINKS = 12
# Lines in a link list are short; a longer one ends the list.
MAX_LINK_CHARS = 160
# Shorter lines before the story are labels ("ANALYSIS", "World / Asia"), not headlines.
MIN_HEADLINE_WORDS = 4
# The headline is among the first lines of the page's header.
MAX_HEADLINE_CANDIDATES = 40
# Icons and labels of page furniture, which a headline never carries.
_UI_MARKS = re.compile(r"[☰🔍|•▾›»©®☀°▶►]|^[A-Z][A-Z ]{2,20}:|^\[")


@dataclass
class Line:
    text: str
    removed: Removed | None = None
    raw: str = ""  # as scraped, before whitespace was collapsed (runs of spaces separate menu items)

    @property
    def kept(self) -> bool:
        return self.removed is None


@dataclass
class CleanResult:
    """What the cleaner found; the stage copies it onto the Article."""

    body: str = ""
    removed: list[Removed] = field(default_factory=list)
    headline: str | None = None
    subheadlines: list[str] = field(default_factory=list)
    byline: list[str] = field(default_factory=list)
    byline_outlet: str | None = None
    copyright_outlet: str | None = None
    page_outlet: str | None = None
    credits: list[str] = field(default_factory=list)
    published: str | None = None
    updated: str | None = None
    dateline: str | None = None


def normalise_line(text: str) -> str:
    text = unicodedata.normalize("NFC", text).replace("\u00a0", " ").replace("\u200b", "")
    return re.sub(r"\s+", " ", text).strip()


def comparable(text: str) -> str:
    """A key under which two renderings of one line compare equal (case, quotes, punctuation)."""
    return " ".join(_WORD.findall(unicodedata.normalize("NFKC", text).casefold()))


def is_sentence(text: str) -> bool:
    return bool(_SENTENCE_END.search(text)) or len(_WORD.findall(text)) >= 30


def is_title_like(text: str) -> bool:
    words = len(_WORD.findall(text))
    return 2 <= words <= 40 and len(text) <= 250 and not text.endswith((".", ":", "다"))


def unwrap(raw_lines: list[str]) -> list[str]:
    """Join hard-wrapped lines ("…fired a missile on Friday, the\nmilitary said."): a long line
    that does not end a sentence, followed directly by one that starts in lower case, continues."""
    out: list[str] = []
    for raw in raw_lines:
        previous = out[-1].rstrip() if out else ""
        if (len(previous) >= MIN_WRAPPED_CHARS and raw[:1].islower() and not _SENTENCE_END.search(previous)
                and not previous.endswith(":")):
            out[-1] = f"{previous} {raw.strip()}"
        else:
            out.append(raw)
    return out


def split_lines(text: str, hard_wrapped: bool = True) -> list[Line]:
    raw_lines = unwrap(text.splitlines()) if hard_wrapped else text.splitlines()
    return [Line(t, raw=raw) for raw in raw_lines if (t := normalise_line(raw))]


def _remove(line: Line, reason: str, rule: str, text: str | None = None) -> None:
    line.removed = Removed(text=text if text is not None else line.text, reason=reason, rule=rule)


def _add_credit(result: CleanResult, credit: str | None) -> None:
    credit = normalise_line(credit or "").strip(" /()[]")
    if credit and credit.casefold() not in {c.casefold() for c in result.credits}:
        result.credits.append(credit)


def strip_inline_tags(lines: list[Line], rules: RuleSet, result: CleanResult) -> None:
    """Cut tags like "[Image source=Yonhap News]" out of lines; record their credits."""
    for line in lines:
        for rule in rules.of_kind("inline"):
            for pattern in rule.patterns:
                for match in list(pattern.finditer(line.text)):
                    _add_credit(result, match.groupdict().get("credit"))
                    result.removed.append(Removed(match.group(0).strip(), "credit", rule.name))
                line.text = normalise_line(pattern.sub(" ", line.text))
        if not line.text:
            line.removed = Removed("", "credit", "inline")


def mark_line_rules(lines: list[Line], rules: RuleSet, result: CleanResult) -> None:
    """Whole-line rules: navigation, link sections, copyright, credits, bylines, dates.

    After a section header ("Related stories") the short, non-sentence lines that follow are its
    links; the first line that reads like a sentence ends the section.
    """
    section_left = 0
    for line in lines:
        if not line.kept:
            continue
        rule = _first_rule(line, rules, result)
        if rule is not None:
            section_left = MAX_SECTION_LINKS if rule.kind == "section" else section_left
        elif section_left and len(line.text) <= MAX_LINK_CHARS and not is_sentence(line.text):
            _remove(line, "boilerplate", "link-list")
            section_left -= 1
        else:
            section_left = 0


def _first_rule(line: Line, rules: RuleSet, result: CleanResult) -> Rule | None:
    """Apply the first whole-line rule that matches `line`; return it (None if none applied)."""
    if len(line.text) > MAX_RULE_LINE_CHARS:
        return None
    for rule in rules.rules:
        if rule.kind in ("inline", "dateline", "caption_end"):
            continue
        match = rule.fullmatch(line.text)
        if match and _apply(rule, match, line, rules, result):
            return rule
    return None


def _apply(rule: Rule, match: re.Match[str], line: Line, rules: RuleSet, result: CleanResult) -> bool:
    """Act on a whole-line match; return False when the match turns out not to apply."""
    groups = match.groupdict()
    if rule.kind in ("boilerplate", "section"):
        _remove(line, "boilerplate", rule.name)
    elif rule.kind == "credit":
        _add_credit(result, groups.get("credit"))
        _remove(line, "credit", rule.name)
    elif rule.kind == "copyright":
        outlet = outlet_name(groups.get("outlet") or "")
        if outlet and result.copyright_outlet is None:
            result.copyright_outlet = outlet
        _remove(line, "boilerplate", rule.name)
    elif rule.kind == "byline":
        names, outlet = split_byline(groups.get("names") or "", rules)
        if not names:
            return False
        result.byline.extend(n for n in names if n not in result.byline)
        result.byline_outlet = result.byline_outlet or outlet
        _remove(line, "metadata", rule.name)
    elif rule.kind in ("published", "updated"):
        value = parse_explicit_date(groups.get("date") or "")
        if value is None:
            return False
        if rule.kind == "published":
            result.published = result.published or value
        else:
            result.updated = result.updated or value
        _remove(line, "metadata", rule.name)
    return True


def outlet_name(text: str) -> str | None:
    """"The Meridian Dispatch 2025" or "Eastern Mercury News & Media Limited or its affiliated
    companies" as written in a copyright line, to the outlet's name."""
    name = normalise_line(text).strip(" ,.")
    name = _LEGAL_TAIL.sub("", name).strip(" ,.")
    name = re.sub(r"^(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*,?\s*)|(?:\s*,?\s*\d{4}(?:\s*[-–]\s*\d{4})?)$", "", name)
    name = name.strip(" ,.")
    return name if name and not re.search(r"\d{4}", name) and len(name) <= 60 else None


def split_byline(names: str, rules: RuleSet) -> tuple[list[str], str | None]:
    """"Hana Ito and Min-jun Park, Harbor Wire" -> (["Hana Ito", "Min-jun Park"], "Harbor Wire").

    Returns no names when a part is neither a name, a job title nor an outlet: "By the way, …"
    opens a sentence, not a byline.
    """
    names = re.sub(r"\s+in\s+(?-i:[A-Z])[\w .'’-]{1,40}$", "", names.strip())  # "Helena Marsh in Odesa"
    parts = [p.strip(" .") for p in re.split(r"\s*(?:,|\band\b|&|·)\s*", names) if p.strip(" .")]
    outlet = None
    kept = []
    for i, part in enumerate(parts):
        low = part.casefold()
        if low in rules.role_words or any(low.endswith(" " + w) for w in rules.role_words):
            continue
        if i > 0 and any(w in low.split() or low.endswith(w) for w in rules.outlet_words):
            outlet = outlet or part
            continue
        if not _NAME.fullmatch(part):
            return [], None
        kept.append(part)
    return kept, outlet


def _menu_item(text: str) -> bool:
    return (len(text) <= MAX_MENU_ITEM_CHARS and len(text.split()) <= MAX_MENU_ITEM_WORDS
            and not is_sentence(text) and not re.search(r"[\d\"“”'‘’:]", text))


def _menu_row(line: Line) -> bool:
    """"Home  Region  Oman  Gulf  World" or "Accept all    Manage preferences": short items that the
    page set apart with runs of spaces, bars or dots; story text never looks like that."""
    items = [x for x in _MENU_SEPARATOR.split(line.raw.strip()) if x.strip()]
    return len(items) >= 2 and all(_menu_item(normalise_line(x)) for x in items)


def mark_menus(lines: list[Line]) -> None:
    """Three or more very short lines in a row are a menu; one short line alone may be a subhead.
    A single line of short items set apart by wide gaps is a menu row. A run introduced by a line
    ending in ":" or made of bulleted items is a list of the story ("The deal covers:")."""
    for line in lines:
        if line.kept and _menu_row(line):
            _remove(line, "boilerplate", "menu-row")
    run: list[Line] = []
    before: Line | None = None
    for line in [*lines, Line("end of text, not a menu item.")]:
        if not line.kept:
            continue
        if _menu_item(line.text):
            run.append(line)
            continue
        introduced = before is not None and before.text.endswith(":")
        bulleted = any(_BULLET.match(item.text) for item in run)
        if len(run) >= MIN_MENU_RUN and not introduced and not bulleted:
            for item in run:
                _remove(item, "boilerplate", "menu")
        run = []
        before = line


def mark_author_bios(lines: list[Line], byline: list[str]) -> None:
    """"Olena Marchuk is the Meridian Dispatch's Kyiv correspondent." after the story: the bio
    of a reporter of the byline, not news. Only names in the byline are considered."""
    names = [re.escape(n) for n in byline if " " in n or re.fullmatch(r"[가-힣]{2,4}", n)]
    if not names:
        return
    bio = re.compile(rf"(?:{'|'.join(names)})(?:\s+(?:is|was|covers|reports|writes)\b|\s*(?:기자|특파원)(?:는|은)\s)"
                     r".{0,200}")
    for line in lines:
        if line.kept and bio.fullmatch(line.text):
            _remove(line, "boilerplate", "author-bio")


def mark_captions(lines: list[Line], rules: RuleSet, result: CleanResult) -> set[str]:
    """A line ending with a photo credit ("… in Seoul. (AP Photo/Jane Doe)") is a caption.

    Returns the captions' texts without their credits (as `comparable` keys), so that the same
    caption scraped a second time without its credit is recognised too.
    """
    captions: set[str] = set()
    for line in lines:
        if not line.kept or len(line.text) > MAX_RULE_LINE_CHARS:
            continue
        offset = max(0, len(line.text) - CAPTION_CREDIT_TAIL)
        tail = line.text[offset:]  # credits close a caption: search only its end
        for rule in rules.of_kind("caption_end"):
            match = next((m for p in rule.patterns if (m := p.search(tail)) and offset + m.start() > 0), None)
            if match:
                _add_credit(result, match.groupdict().get("credit"))
                captions.add(comparable(line.text[:offset + match.start()]))
                _remove(line, "caption", rule.name)
                break
    return captions


def mark_duplicates(lines: list[Line], captions: set[str]) -> None:
    """Repeated lines: later copies go as duplicates; a repeated caption goes entirely.

    A caption scraped twice (alt text and figcaption) sits next to its image credit, or repeats a
    line already recognised as a caption; a story paragraph repeated far away keeps its first copy.
    """
    first_seen: dict[str, int] = {}
    for i, line in enumerate(lines):
        key = comparable(line.text)
        if not key:
            continue
        if line.kept and key in captions:
            _remove(line, "caption", "repeated-caption")
            continue
        if key not in first_seen:
            first_seen[key] = i
            continue
        j = first_seen[key]
        if line.kept:
            _remove(line, "duplicate", "repeated-line")
        first = lines[j]
        near_credit = any(not lines[k].kept and lines[k].removed.reason in ("credit", "caption")
                          for k in (j - 1, j + 1, i - 1, i + 1) if 0 <= k < len(lines))
        if first.kept and near_credit:
            _remove(first, "caption", "repeated-caption")


def mark_mastheads(lines: list[Line], outlets: list[str]) -> None:
    """A line that is only the outlet's name ("The Seoul Ledger Daily") is the site's masthead;
    so is the start of a longer company name ("The Meridian Ledger" of "… Media Group")."""
    keys = {_outlet_key(o) for o in outlets if o} - {""}
    for line in lines:
        key = _outlet_key(line.text)
        if line.kept and key and any(k == key or (k.startswith(key + " ") and " " in key) for k in keys):
            _remove(line, "boilerplate", "masthead")


def _outlet_key(name: str) -> str:
    return re.sub(r"^the ", "", comparable(name))


def _headline_score(index: int, lines: list[Line], keys: list[str]) -> int:
    """How much line `index` looks like the headline: repeated elsewhere on the page (page title,
    share line, a repeat in the body), followed by the byline or date, of headline length; and
    not a UI line (icons, "TRENDING:" labels, all capitals, a row of capitalised menu words)."""
    line = lines[index]
    key, words = keys[index], _WORD.findall(line.text)
    score = 0
    if len(key) >= 15 and any(key in other for j, other in enumerate(keys) if j != index):
        score += 3
    if any(not ln.kept and ln.removed.reason == "metadata" for ln in lines[index + 1:index + 4]):
        score += 2
    if 5 <= len(words) <= 30:
        score += 1
    if _UI_MARKS.search(line.text) or line.text.isupper() or parse_explicit_date(line.text):
        score -= 3
    if _BULLET.match(line.text):
        score -= 2  # "- second point": a standfirst's bullet under the headline
    if len(words) >= 4 and not any(w[0].islower() for w in words if w[0].isalpha() and w.isascii()) and all(
            w.isascii() for w in words):
        score -= 2  # "Politics Economy Security Tech": a menu, not Title Case ("Kim Visits Moscow" has +)
    return score


def find_headline(lines: list[Line], given: str | None, result: CleanResult) -> None:
    """The headline: given by HTML metadata, else the best-scoring title-like line before the story.

    Everything before the headline that is not a sentence is page furniture (masthead, kicker,
    menus) and goes; nothing of the story comes before its headline.
    """
    headline = normalise_line(given) if given else None
    if headline is None:
        header: list[int] = []
        for index, line in enumerate(lines):
            if not line.kept:
                continue
            if is_sentence(line.text):
                break
            header.append(index)
        candidates = [i for i in header[:MAX_HEADLINE_CANDIDATES] if is_title_like(lines[i].text)
                      and len(_WORD.findall(lines[i].text)) >= MIN_HEADLINE_WORDS and not names_of_line(lines[i].text)]
        if candidates:
            keys = [comparable(ln.text) for ln in lines]
            best = max(candidates, key=lambda i: (_headline_score(i, lines, keys), -i))
            headline = lines[best].text
            for i in header:
                if i < best and not names_of_line(lines[i].text):  # a byline may stand above
                    _remove(lines[i], "boilerplate", "before-headline")
    if headline is None:
        return
    result.headline = headline
    key = comparable(headline)
    for line in lines:
        if line.kept and key and (comparable(line.text) == key or _is_site_title(line.text, headline)):
            _remove(line, "headline", "headline")
    _find_subheadlines(lines, result)


def mark_page_titles(lines: list[Line], result: CleanResult) -> None:
    """"Headline | World news | Outlet", the page's <title>, when the headline also stands alone.

    Its last part names the outlet, which then also recognises the outlet's masthead line.
    """
    kept = [ln for ln in lines if ln.kept]
    for index, line in enumerate(kept[:10]):
        parts = re.split(r"\s+[|–—]\s+|\s+-\s+", line.text)
        if len(parts) > 1 and any(comparable(x.text) == comparable(parts[0]) for x in kept[index + 1:index + 40]):
            _remove(line, "boilerplate", "page-title")
            result.page_outlet = result.page_outlet or outlet_name(parts[-1])


def _is_site_title(text: str, headline: str) -> bool:
    """"Headline | Harbor Wire" or "Headline - Harbor Wire" as a page title repeats the headline."""
    parts = re.split(r"\s+[|–—-]\s+", text)
    return len(parts) > 1 and comparable(parts[0]) == comparable(headline)


def _find_subheadlines(lines: list[Line], result: CleanResult) -> None:
    """Title-like lines right after the headline and before the first story paragraph."""
    seen_headline = False
    for line in lines:
        if line.removed and line.removed.reason == "headline" and line.removed.rule == "headline":
            seen_headline = True
            continue
        if not seen_headline:
            continue
        if not line.kept:
            continue
        if (is_sentence(line.text) or not is_title_like(line.text) or len(result.subheadlines) >= 3
                or names_of_line(line.text)):
            break
        result.subheadlines.append(line.text)
        _remove(line, "headline", "subheadline")


def names_of_line(text: str) -> list[str]:
    """The names of a line that is only a byline, else []: "Naomi Feld", "JOSEFINA R. DELA CRUZ",
    "Aarav Mehta | New Delhi", "Hiroshi Kubota — Tokyo bureau chief",
    "Olena Marsh in Kyiv and Peter Quayle in Istanbul"."""
    head = re.split(r"\s+[|—–]\s+", text, maxsplit=1)[0]
    names = []
    for part in re.split(r"\s*(?:,|\band\b|&)\s*", head):
        part = re.sub(r"\s+in\s+[A-Z][\w'’ .-]{1,30}$", "", part.strip())
        name = part.title() if part.isupper() else part
        if not (2 <= len(name.split()) <= 4 and _NAME.fullmatch(name)):
            return []
        names.append(name)
    return names


def find_header_byline(lines: list[Line], rules: RuleSet, result: CleanResult) -> None:
    """A name alone on a line between the headline and the story ("Naomi Feld", "JOSEFINA R. DELA
    CRUZ"), often followed by the writer's role, is the byline when no other byline was found."""
    if result.byline:
        return
    header = []
    for line in lines:
        if line.kept and is_sentence(line.text):
            break
        header.append(line)
    for i, line in enumerate(header):
        names = names_of_line(line.text) if line.kept else []
        if names:
            result.byline.extend(names)
            _remove(line, "metadata", "byline-name")
            role = header[i + 1] if i + 1 < len(header) else None
            if role is not None and role.kept and len(role.text.split()) <= 8 and any(
                    w in role.text.casefold() for w in (*rules.role_words, "fellow", "writer", "reporter")):
                _remove(role, "metadata", "byline-role")
            return


def find_dateline(lines: list[Line], rules: RuleSet, result: CleanResult) -> None:
    """"SEOUL, June 20 (Yonhap) --" opening the first paragraph: noted, credit kept, text kept."""
    for line in [ln for ln in lines if ln.kept][:3]:
        for rule in rules.of_kind("dateline"):
            for pattern in rule.patterns:
                match = pattern.match(line.text)
                if match and match.end() < len(line.text):
                    result.dateline = match.group(0).strip()
                    groups = match.groupdict()
                    _add_credit(result, groups.get("credit"))
                    if groups.get("names"):
                        names, _ = split_byline(groups["names"], rules)
                        result.byline.extend(n for n in names if n not in result.byline)
                    return


def clean_text(text: str, rules: RuleSet, headline: str | None = None,
               outlets: tuple[str, ...] = (), hard_wrapped: bool = True) -> CleanResult:
    """Clean one article's text.

    `headline` is a title already known (from HTML metadata); `outlets` are outlet names known
    from the input or the page, recognised as mastheads along with those found in the text.
    `hard_wrapped` says lines may be wrapped by hand (plain text); text from HTML has paragraphs.
    """
    result = CleanResult()
    lines = split_lines(text, hard_wrapped)
    strip_inline_tags(lines, rules, result)
    mark_line_rules(lines, rules, result)
    captions = mark_captions(lines, rules, result)
    mark_menus(lines)
    mark_page_titles(lines, result)
    mark_mastheads(lines, [*outlets, result.copyright_outlet or "", result.page_outlet or "",
                           result.byline_outlet or "", *result.credits])
    find_headline(lines, headline, result)
    mark_duplicates(lines, captions)
    find_header_byline(lines, rules, result)
    mark_author_bios(lines, result.byline)
    find_dateline(lines, rules, result)
    result.removed.extend(ln.removed for ln in lines if ln.removed and ln.removed.text)
    result.body = "\n\n".join(ln.text for ln in lines if ln.kept)
    return result
