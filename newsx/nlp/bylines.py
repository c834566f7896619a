"""By-lines, datelines' agencies, picture credits and page furniture: text that names the people
and firms who made an article, not what it is about.

`find_credits(text)` gives the by-line's names (the article's authors) and the character ranges
where no entity is taken: the by-line itself ("By Katrin Weber, Health Reporter"), the agency of
a dateline ("WASHINGTON (Reuters) -"), picture credits ("Photo: Jane Doe/AFP", "Main image
credit: Getty", "AP Photo/Evan Vucci"), reporting credits ("Reporting by ...; Editing by ...")
and boilerplate lines that survive extraction ("Read more", "Share this", "Sign up ...",
cookie banners, consent and newsletter lines: `furniture(text)`, which topics skip too).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

from spacy.tokens import Doc, Span

if not Doc.has_extension("newsx_authors"):
    Doc.set_extension("newsx_authors", default=None)  # list[str]: the by-line's names
if not Doc.has_extension("newsx_credits"):
    Doc.set_extension("newsx_credits", default=None)  # list[(start, end)]: characters whose
    # mentions give no salience: credits, and the country of a currency ("US dollars")

# one name in a by-line: capitalised words, initials, particles, hyphens and apostrophes
_WORD = r"(?:[A-Z][\w'’.-]*|(?:van|von|de|der|den|da|di|du|del|la|le|bin|al)(?=\s+[A-Z]))"
_NAME = rf"{_WORD}(?:[ \t]+{_WORD}){{0,4}}"
# words that open a sentence after "By" but never a name ("By the time", "By Monday")
_NOT_NAMES = {
    "the", "a", "an", "this", "that", "then", "now", "late", "early", "far", "contrast", "law",
    "comparison", "default", "design", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday", "january", "february", "march", "april", "may", "june", "july",
    "august", "september", "october", "november", "december", "clicking", "using", "signing",
    "continuing", "submitting", "entering", "subscribing", "all", "some", "most", "it", "its",
}
BYLINE = re.compile(
    rf"^[ \t]*(?:(?:Written|Words|Story|Text|Reported)[ \t]+)?[Bb][Yy]:?[ \t]+"
    rf"(?P<names>{_NAME}(?:[ \t]*(?:,|&|\band\b)[ \t]*{_NAME})*)"
    r"[ \t]*(?P<rest>(?:[,|•·–—-].*)?)$",
    re.M,
)
# lower-case words that may follow a by-line's names ("By Jane Doe, Health Reporter, updated
# 2 hours ago"); any other makes the line a sentence ("By Christmas, the shops were full")
_REST_WORDS = {
    "updated", "published", "posted", "last", "am", "pm", "and", "in", "for", "at", "of", "the",
    "on", "min", "mins", "read", "minutes", "hours", "ago", "staff", "writer", "reporter",
    "correspondent", "editor", "contributor", "with", "from", "news", "hour", "day", "days",
}
# "Reporting by Jane Doe; Editing by John Roe" at the foot of wire copy
REPORTING = re.compile(
    r"(?:^|(?<=[;(])|(?<=[;(.] ))[ \t]*"
    r"(?P<kind>(?:Additional )?[Rr]eporting|[Ww]riting|[Ee]diting|[Cc]ompiled)[ \t]+by[ \t]+"
    rf"(?P<names>{_NAME}(?:[ \t]*(?:,|&|\band\b)[ \t]*{_NAME})*)",
    re.M,
)
# the agency of a dateline: "WASHINGTON (Reuters) -", "(CNN) —" at the start of a line
AGENCY = re.compile(r"(?:^|(?<=[A-Z0-9.,] ))\((?P<agency>[A-Z][\w.&' -]{0,30})\)[ \t]*[-–—:]", re.M)
# a picture credit runs from its keyword to the end of the line or of its parentheses
CREDIT = re.compile(
    r"(?:\b(?:Main |Top |Header |Featured |Lead )?(?:[Ii]mage|[Pp]hoto(?:graph)?|[Pp]icture|"
    r"[Ii]llustration)s?(?:[ \t]+(?:[Cc]redit|[Ss]ource|[Cc]ourtesy))?"
    r"[ \t]*(?:[:/|]|by\b|©)|\b[Cc]redits?[ \t]*:|©|"
    r"\b(?:AP|AFP|EPA|PA|Reuters)[ \t]+(?:Photo|Images?|Wire)\b|"
    r"\b(?:(?:via[ \t]+)?Getty(?:[ \t]+Images)?|Shutterstock|Alamy)\b(?=[ \t]*(?:$|[)/|,;]))|"
    r"\bvia[ \t]+Getty\b)"
    r"(?:[^\n().]|\.(?=\S)){0,60}"  # up to the end of its line, sentence or brackets
)
# the agencies and picture libraries a credit names
AGENCIES = {
    "reuters", "ap", "afp", "epa", "pa", "dpa", "upi", "ansa", "efe", "xinhua", "tass", "kyodo",
    "yonhap", "bloomberg", "cnn", "bbc", "getty", "getty images", "shutterstock", "alamy",
    "associated press", "the associated press", "agence france-presse", "pa media",
    "pa wire", "ians", "pti", "anadolu", "aap", "cp", "the canadian press", "afp via getty images",
}
_BOILERPLATE = (
    r"read (?:more|next|also|the full story)\b.*|more on this story|related(?: articles| stories"
    r"| content| coverage)?:.*|share(?: this)?(?: (?:article|story|page|post))?(?: on \w+)?|"
    r"share on \w+|sign up\b.*|subscribe\b.*|follow us\b.*|click here\b.*|advertisement|"
    r"sponsored(?: content)?|skip to (?:main )?content|back to top|comments?|print|email|"
    r"listen to this article.*|download (?:our|the) app.*|(?:get|sign up for) our newsletter.*|"
    r"(?:accept|reject|manage)(?: all)? cookies.*|cookie (?:settings|policy|preferences).*"
)
# a line of at most 150 characters (a longer one is text glued to a link: "Read More The cake
# features ..."), not opening in lower case (a wrapped line's end: "... 1.50 dlrs per\nshare.")
BOILERPLATE = re.compile(
    rf"^(?=[^\n]{{0,150}}$)(?![ \t]*(?-i:[a-z]))[ \t]*(?:{_BOILERPLATE})[ \t.!:]*$", re.M | re.I)
# a cookie banner's line: "cookie" in its first sentence (not a banner glued to a headline)
COOKIES = re.compile(
    r"^(?=[^\n.!?]*\bcookies?\b)(?:"
    r"[^\n]*\bcookies?\b[^\n]*\b(?:we use|this (?:site|website) uses|accept|consent|"
    r"privacy|browsing experience)\b[^\n]*|"
    r"[^\n]*\b(?:we use|this (?:site|website) uses|accept|consent to)\b[^\n]*\bcookies?\b[^\n]*)$",
    re.M | re.I,
)
# consent and newsletter lines of a page, first or second person, one line of at most 300
# characters and no quotation mark: "I agree to ... processing my personal data ... privacy
# notice", "By entering this store you agree to be bound by the ... Privacy Statement", "You
# can unsubscribe at any time", "Sign up for our newsletter ..."
CONSENT = re.compile(
    r"^(?=[^\n\"“”]{0,300}$)[^\n]*(?:"
    r"\bI (?:agree|consent|accept)\b[^\n]*\b(?:privacy|personal data|terms)\b|"
    r"\byou (?:agree|consent) to (?:be bound by|our|the)\b[^\n]*\b(?:privacy|terms)\b|"
    r"\bI have read and (?:understood|accept(?:ed)?)\b[^\n]*\bprivacy\b|"
    r"\byou can unsubscribe\b|"
    r"\bsign(?:ing)? up (?:for|to) (?:our|the free|this)\b[^\n]*\bnewsletters?\b|"
    r"\bnewsletters?\b[^\n]*\bsign up (?:here|now|today)\b"
    r")[^\n]*$", re.M | re.I)
# a menu or breadcrumb kept as text: four or more items of one to three words, capitalised,
# between "|", "•" or "›" ("Home | News | World | Business | Contact")
_ITEM = r"[ \t]*[A-Z][\w&'-]*(?:[ \t]+[\w&'-]+){0,2}[ \t]*"
MENU = re.compile(rf"^{_ITEM}(?:[|•›]{_ITEM}){{3,}}$", re.M)
BYLINE_CHARS = 120  # a longer line is a sentence, not a by-line


class Credits(NamedTuple):
    """What `find_credits` finds: the by-line's names, the character ranges (end exclusive) of
    credits, whose names are no subject of the article, and of boilerplate lines."""

    authors: list[str]
    zones: list[tuple[int, int]]
    boilerplate: list[tuple[int, int]]


def find_credits(text: str) -> Credits:
    """The authors named in by-lines; the character ranges of by-lines, credits and datelines'
    agencies, and of boilerplate lines."""
    authors: list[str] = []
    zones: list[tuple[int, int]] = []
    for m in BYLINE.finditer(text):
        names = _names(m.group("names"))
        rest = {w.lower() for w in re.findall(r"[A-Za-z]+", m.group("rest")) if w.islower()}
        if names is not None and len(m.group(0).strip()) <= BYLINE_CHARS and rest <= _REST_WORDS:
            authors += names
            zones.append((m.start(), m.end()))
    for m in REPORTING.finditer(text):
        names = _names(m.group("names")) or []
        if names and m.group("kind").lower().endswith(("reporting", "writing")):
            authors += names
        zones.append((m.start(), m.end()))
    for m in AGENCY.finditer(text):
        zones.append((m.start("agency"), m.end("agency")))
    zones += [(m.start(), m.end()) for m in CREDIT.finditer(text)]
    return Credits(list(dict.fromkeys(authors)), sorted(zones), furniture(text))


def furniture(text: str) -> list[tuple[int, int]]:
    """The character ranges of a page's furniture that survived extraction, sorted: lines such
    as "Read more", "Share this", "Sign up ...", cookie banners, consent and newsletter lines,
    menus. They name no entity and are no evidence of a topic."""
    return sorted({(m.start(), m.end()) for pattern in (BOILERPLATE, COOKIES, CONSENT, MENU)
                   for m in pattern.finditer(text)})


def _names(found: str) -> list[str] | None:
    """The people of a by-line's list ("Jane Doe and John Roe"); None when it reads as a
    sentence ("By the time"), and no one for an agency ("By Reuters Staff")."""
    names = [n.strip() for n in re.split(r"[ \t]*(?:,|&|\band\b)[ \t]*", found) if n.strip()]
    if not names or names[0].split()[0].lower() in _NOT_NAMES:
        return None
    # after a comma come the author's paper and town ("By Nada Tawfik, BBC News, New York"),
    # after "and" another author
    listed = " and " in found or "&" in found
    people = [n for i, n in enumerate(names) if i == 0 or listed]
    return [n.title() if n.isupper() else n for n in people
            if n.lower() not in AGENCIES and n.split()[0].lower() not in AGENCIES
            and n.split()[0].lower() not in _NOT_NAMES]


def in_zones(start: int, end: int, zones: Sequence[tuple[int, int]]) -> bool:
    """Whether the characters start..end overlap any of `zones`."""
    return any(a < end and start < b for a, b in zones)


def agencies_in_credits(spans: list[Span], zones: list[tuple[int, int]]) -> list[Span]:
    """Agencies and picture libraries named in credits are organisations ("Photo: Getty")."""
    out = []
    for span in spans:
        if span.label_ != "ORG" and span.text.lower() in AGENCIES \
                and in_zones(span.start_char, span.end_char, zones):
            span = Span(span.doc, span.start, span.end, label="ORG")
        out.append(span)
    return out
