"""The words around a name that make it a firm, however often the model calls it a person.

Firms named like people ("Allan Gray", "Tim Hortons") or by a made-up word ("Doxim", "CBRE")
are persons to the model on every mention; the article says what they are once or twice:
- a kind of firm just before the name: "coffee chain Tim Hortons", "funds management firm
  Allan Gray", "Russian oil giant Yukos" (not after a determiner: "the firm Smith joined",
  "the software company Bill Gates co-founded");
- a kind of firm after "is a" or an appositive's "a": "Doxim is a leading provider of ...";
- a firm's role between the name and a person: "CBRE senior research analyst Alexander Tan",
  "Allan Gray boss Simon Mawhinney".
`newsx.nlp.types` gives a name with such a cue the organisation vote that outweighs its
mentions.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

from newsx.nlp.wordlists import DETERMINERS as ARTICLES

# the kinds of firm that come before a firm's name or after "is a" (not those that name
# people too: "said broker Shakil Rizvi", "film maker Ken Loach", "literary giant Toni
# Morrison", "mail carrier", "a brand in her own right", "film producer", "developer")
FIRM_NOUNS = {
    "company", "firm", "group", "manufacturer", "provider", "supplier", "retailer", "chain",
    "bank", "lender", "insurer", "brokerage", "airline", "carmaker", "automaker",
    "conglomerate", "startup", "start-up", "subsidiary", "distributor", "consultancy",
    "utility", "studio", "label", "multinational", "franchise", "wholesaler", "outfit",
}
# kinds of firm that describe people too, taken only before a one-word name: "oil giant
# Yukos", "iPhone maker Apple", "US carrier Delta" (not "literary giant Toni Morrison",
# "film maker Ken Loach", "mail carrier Dorothy Price")
ONE_WORD_FIRM_NOUNS = {"giant", "maker", "carrier", "brand"}
# the roles of a firm's people between its name and a person's (not "spokesman",
# "lawyer", "manager", "strategist": "Trump spokesman Hogan Gidley", "Tyson manager John
# Horne", "Trump chief strategist Steve Bannon")
FIRM_ROLES = {
    "analyst", "director", "boss", "chairman", "chairwoman", "executive", "ceo", "cfo", "coo",
    "cto", "economist", "founder", "co-founder", "vice-president",
}
# the only words between a firm's name and its role: "CBRE senior research analyst" (not a
# verb, "and", "'s" or "campaign": "Biden named economist ...", "Clinton campaign chairman")
ROLE_WORDS = {
    "senior", "chief", "managing", "executive", "deputy", "vice", "research", "regional",
    "general", "financial", "operating", "investment", "sales", "marketing", "global", "lead",
    "principal", "market", "equity", "credit", "technology", "non-executive", "interim",
    "acting", "country", "fund", "portfolio", "commercial", "retail", "property", "group",
}
# the articles (wordlists.DETERMINERS) and the other words that open a noun phrase
DETERMINERS = ARTICLES | {"this", "that", "these", "those", "his", "her", "its", "their",
                          "our", "my", "your", "which", "whose", "every", "another"}
MAX_ROLE_WORDS = 3  # words at most between a firm's name and its role
KIND_WORDS = 3  # words at most between "a" and the kind of firm: "a leading global provider"
AFTER_KIND = {"of", "that", "which", "based", "in", "with", "for", ",", ".", "and"}


def firm_cue(span: Span, people: set[int]) -> bool:
    """Whether the words around this mention say it is a firm; `people`: the first tokens of
    the article's person mentions."""
    return described_before(span) or described_after(span) or role_between(span, people)


def described_before(span: Span) -> bool:
    """ "coffee chain Tim Hortons", "tyre and cables giant Pirelli": a kind of firm and the
    lower-case words before it, with no determiner ("the software company Bill Gates
    co-founded" is a relative clause, as "the firm Smith joined")."""
    doc: Doc = span.doc
    i = span.start - 1
    kinds = FIRM_NOUNS | ONE_WORD_FIRM_NOUNS if len(span) == 1 else FIRM_NOUNS
    if i < 1 or doc[i].lower_ not in kinds or not doc[i].is_lower \
            or doc[i - 1].is_punct or doc[i - 1].lower_ in DETERMINERS:
        return False
    j = i - 1
    while j >= 0 and i - j <= KIND_WORDS + 1 and (doc[j].is_lower or doc[j].text == "-"):
        if doc[j].lower_ in DETERMINERS:
            return False
        j -= 1
    return j < 0 or doc[j].lower_ not in DETERMINERS


def described_after(span: Span) -> bool:
    """ "Doxim is a leading provider of ...", "Doxim, a provider of ...": the kind of firm is
    the last word before "of", "that", "which", "based", a comma or a full stop."""
    doc: Doc = span.doc
    i = span.end
    if i + 1 < len(doc) and doc[i].lower_ in {"is", "was", ","}:
        i += 1
    if i >= len(doc) or doc[i].lower_ not in {"a", "an"}:
        return False
    for t in doc[i + 1 : i + 2 + KIND_WORDS]:  # the kind heads the words after "a": not
        if not (t.is_lower or t.text == "-") or t.lower_ in AFTER_KIND | DETERMINERS:
            return False  # "Harris is a lawyer with a firm", "a director of a company"
        if t.lower_ in FIRM_NOUNS:
            nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
            return nxt is None or nxt.lower_ in AFTER_KIND
    return False


def role_between(span: Span, people: set[int]) -> bool:
    """ "CBRE senior research analyst Alexander Tan", "Allan Gray boss Simon Mawhinney": a
    firm's role right after the name or after words of a firm's job titles, then a
    person."""
    doc: Doc = span.doc
    for j in range(span.end, min(span.end + MAX_ROLE_WORDS + 1, len(doc))):
        if doc[j].lower_ in FIRM_ROLES and j + 1 in people:
            return True
        if doc[j].lower_ not in ROLE_WORDS:
            return False
    return False
