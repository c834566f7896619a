"""The words around a name that make it a firm, however often the model calls it a person.

Firms named like people ("Allan Gray", "Tim Hortons") or by a made-up word ("Doxim", "CBRE")
are persons to the model on every mention; the article says what they are once or twice:
- a kind of firm just before the name: "coffee chain Tim Hortons", "tyre and cables giant
  Pirelli", "funds management firm Allan Gray" (not after a determiner: "the firm Smith
  joined");
- a kind of firm after "is a" or an appositive's "a": "Doxim is a leading provider of ...";
- a firm's role between the name and a person: "CBRE senior research analyst Alexander Tan",
  "Allan Gray boss Simon Mawhinney".
`newsx.nlp.types` gives a name with such a cue the organisation vote that outweighs its
mentions.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span

# the kinds of firm that come before a firm's name or after "is a" (not those that are
# people's jobs too: "said broker Shakil Rizvi", "film producer", "coal miner", "developer")
FIRM_NOUNS = {
    "company", "firm", "group", "giant", "maker", "manufacturer", "provider", "supplier",
    "retailer", "chain", "bank", "lender", "insurer", "brokerage", "airline", "carrier",
    "carmaker", "automaker", "conglomerate", "startup", "start-up", "subsidiary", "brand",
    "distributor", "consultancy", "utility", "studio", "label", "multinational", "franchise",
    "wholesaler", "outfit",
}
# the roles of a firm's people between its name and a person's (not "spokesman",
# "lawyer", "manager": "Trump spokesman Hogan Gidley", "Tyson manager John Horne")
FIRM_ROLES = {
    "analyst", "director", "boss", "chairman", "chairwoman", "executive", "ceo", "cfo", "coo",
    "cto", "economist", "strategist", "founder", "co-founder", "vice-president",
}
DETERMINERS = {"the", "a", "an", "this", "that", "these", "those", "his", "her", "its",
               "their", "our", "my", "your", "which", "whose", "every", "another"}
ROLE_WORDS = 4  # lower-case words at most between a firm's name and its person
KIND_WORDS = 3  # words at most between "a" and the kind of firm: "a leading global provider"


def firm_cue(span: Span, people: set[int]) -> bool:
    """Whether the words around this mention say it is a firm; `people`: the first tokens of
    the article's person mentions."""
    return described_before(span) or described_after(span) or role_between(span, people)


def described_before(span: Span) -> bool:
    """ "coffee chain Tim Hortons", "tyre and cables giant Pirelli" (not "the firm Smith
    joined")."""
    doc: Doc = span.doc
    i = span.start
    if i < 2 or doc[i - 1].lower_ not in FIRM_NOUNS or not doc[i - 1].is_lower:
        return False
    return doc[i - 2].lower_ not in DETERMINERS and not doc[i - 2].is_punct


def described_after(span: Span) -> bool:
    """ "Doxim is a leading provider of ...", "Doxim, a provider of ...": the kind of firm is
    the last word before "of", "that", "which", "based", a comma or a full stop."""
    doc: Doc = span.doc
    i = span.end
    if i + 1 < len(doc) and doc[i].lower_ in {"is", "was", ","}:
        i += 1
    if i >= len(doc) or doc[i].lower_ not in {"a", "an"}:
        return False
    words = doc[i + 1 : i + 2 + KIND_WORDS]
    for t in words:
        if not (t.is_lower or t.text == "-"):
            return False
        if t.lower_ in FIRM_NOUNS:
            nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
            return nxt is None or nxt.lower_ in {"of", "that", "which", "based", "in", "with",
                                                 "for", ",", ".", "and"}
    return False


def role_between(span: Span, people: set[int]) -> bool:
    """ "CBRE senior research analyst Alexander Tan": lower-case words ending in a firm's role,
    then a person."""
    doc: Doc = span.doc
    i = span.end
    for j in range(i, min(i + ROLE_WORDS, len(doc))):
        if not doc[j].is_lower:
            return False
        if doc[j].lower_ in FIRM_ROLES and j + 1 in people:
            return True
    return False

