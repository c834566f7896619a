"""Word lists and name helpers shared by newsx's entity components."""

from __future__ import annotations

from spacy.tokens import Span

from newsx.nlp.gazetteer import gazetteer

TARGET = {"PERSON", "GPE", "LOC", "ORG"}

DETERMINERS = {"the", "a", "an"}

POSSESSIVE = {"'s", "’s", "'", "’"}
POSSESSIVE_S = {"'s", "’s"}  # after a name: "Jordan's view" (not a bare apostrophe)

DASHES = {"-", "–", "—"}

# Lower-case words inside people's names: "Ursula von der Leyen", "Louis van Gaal".
PARTICLES = {"von", "van", "der", "den", "de", "da", "di", "del", "della", "dos", "du", "ter", "zu"}

# Lower-case words inside place names: "Frankfurt am Main", "Newcastle upon Tyne",
# "Frankfurt an der Oder"; glued by hyphens also "on", "sur", "en" ("Southend-on-Sea").
PLACE_PARTICLES = {"am", "an", "upon", "im", "ob", "sur"}

# Capitalised words that end the name of an organisation, a court, a league or a cup: the
# words before them belong to the same name ("Premier League", "Westminster Magistrate's Court")
NAME_ENDS = {
    "league", "court", "cup", "council", "committee", "commission", "federation", "association",
    "union", "university", "college", "hospital", "tribunal", "trophy", "institute", "authority",
    "agency", "ministry", "department",
}

# Verbs of speech: a name before them is a speaker ("Rublev said")
SPEECH_VERBS = {
    "said", "says", "told", "tells", "added", "adds", "wrote", "writes", "asked", "explained",
    "replied", "insisted", "argued", "noted", "stated", "announced", "claimed", "confirmed",
    "tweeted", "warned", "admitted", "recalled", "agreed", "denied", "declared", "thinks",
    "believes", "insists", "argues", "says.", "commented", "responded",
}

# Capitalised words after a place that make it part of an event name ("U.S. Open").
EVENT_NAMES = {
    "Open", "Cup", "Games", "Championship", "Championships", "Masters", "Classic", "Olympics",
    "Grand", "Marathon", "Rally", "Tour", "Trophy", "Derby",
}

TITLES = {
    "mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "lord", "lady", "president", "vice",
    "prime", "minister", "secretary", "senator", "sen", "rep", "representative", "gov",
    "governor", "mayor", "chancellor", "king", "queen", "prince", "princess", "pope", "general",
    "gen", "col", "colonel", "lt", "captain", "capt", "admiral", "adm", "sgt", "sergeant",
    "judge", "justice", "ambassador", "envoy", "chairman", "chairwoman", "premier", "foreign",
    "defence", "defense", "deputy", "spokesman", "spokeswoman", "professor", "prof", "rev",
    "reverend", "sheikh", "ayatollah", "commissioner", "director", "chief", "adviser", "advisor",
    "coach", "manager", "striker", "midfielder", "defender", "goalkeeper", "inspector", "det",
    "detective", "officer", "sgt.", "state", "national", "security", "assistant",
}

# Words before a name that make it a person whatever the model said.
HONORIFICS = {
    "mr", "mrs", "ms", "dr", "sir", "dame", "president", "chancellor", "senator", "sen",
    "governor", "gov", "premier", "pope", "ayatollah", "sheikh", "archbishop", "cardinal",
}

# Words a government portfolio is made of: an ORG span of only these is part of a job title.
PORTFOLIO = {
    "national", "security", "foreign", "affairs", "defence", "defense", "state", "homeland",
    "justice", "interior", "home", "finance", "economy", "economic", "trade", "industry",
    "energy", "health", "education", "agriculture", "environment", "transport",
    "transportation", "labour", "labor", "commerce", "intelligence", "cyber", "policy",
    "international", "development", "public", "planning", "culture", "communications",
    "information", "technology", "science", "arms", "control", "strategic", "legal",
    "political", "military", "veterans", "housing", "immigration", "social", "services",
    "human", "rights", "nuclear", "nonproliferation", "counterterrorism", "and", "&", "the",
    "of", "for", "european", "relations", "external", "emergencies", "emergency",
}

JOB_WORDS = {
    "adviser", "advisor", "assistant", "secretary", "minister", "director", "chief",
    "undersecretary", "commissioner", "envoy", "representative", "spokesman", "spokeswoman",
    "deputy", "czar", "coordinator", "officer", "advisers", "advisors", "ministers",
    "secretaries", "ministry", "council", "committee",
}

EVENT_WORDS = {
    "summit", "talks", "games", "olympics", "olympic", "cup", "championship", "championships",
    "tournament", "open", "festival", "war", "accord", "accords", "treaty", "agreement", "pact",
    "expo", "awards", "marathon", "grand", "prix", "series",
}

# Last words that make a name an organisation, whatever the model said.
ORG_WORDS = {
    "authority", "agency", "ministry", "department", "council", "committee", "commission",
    "bank", "company", "corp", "corporation", "inc", "ltd", "plc", "group", "association",
    "party", "university", "institute", "foundation", "board", "office", "service", "services",
    "fund", "organisation", "organization", "airlines", "airways", "holdings", "bureau",
    "police", "army", "navy", "parliament", "senate", "assembly", "club", "society", "trust",
}

BIG_CITY = 200_000

# Company-form words: what precedes them is the name's short form ("Magna International Inc").
CORP_SUFFIXES = {
    "inc", "corp", "corporation", "co", "ltd", "limited", "plc", "llc", "ag", "sa", "nv", "bv",
    "gmbh", "spa", "group", "holdings", "international", "intl", "industries", "bhd", "pty",
}

ORG_LAST_WORDS = ORG_WORDS | CORP_SUFFIXES

# Stock exchanges as tickers name them; a ticker after a name makes it a company:
# "Glencore (LON: GLEN)", "Stratasys (NASDAQ: SSYS)"
EXCHANGES = {
    "nyse", "nasdaq", "nasdaqgs", "nasdaqgm", "nasdaqcm", "amex", "nysearca", "nysemkt", "otc",
    "otcqb", "otcqx", "otcmkts", "tsx", "tsxv", "cse", "asx", "lse", "lon", "aim", "xetra", "fra",
    "etr", "euronext", "amsterdam", "epa", "bit", "six", "hkex", "hkg", "sgx", "nse", "bse",
    "tyo", "tse", "krx", "sha", "she", "jse", "bmv", "bovespa", "moex", "tase", "nzx", "ams",
}
# the exchanges that are acronyms or brands, not towns: an organisation in "(NYSE: MMC)"
EXCHANGE_NAMES = EXCHANGES - {"amsterdam", "six", "she", "sha", "bit", "aim"}

# A name followed by one of these is the name of a law or treaty ("the New START treaty").
# ("bill" is not one: "Treasury bill" does not make the Treasury a law)
LAW_WORDS = {"treaty", "accord", "accords", "pact", "convention", "protocol", "act"}

CALENDAR = {
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday",
}

NO_PROPAGATE = CALENDAR | {"god", "internet"}

# a sports report's table headings that name something elsewhere: "RBI", runs batted in, is
# the Reserve Bank of India in business news
SPORT_NOT_NAMES = {"rbi", "rbis"}

# the buttons, labels and picture captions of a web page, which run into a name where
# extraction lost the line break ("Andrew Meares Share on Twitter", "By Andrew Sentance
# Comments", "Ewald Nowotny Photographer: ...", "Advertisement CBRE"): trimmed from a person's
# name; from an organisation's only those that end no firm's name ("World Press Photo",
# "Magnum Photos" do); and only "Advertisement" before a name ("Share Energy" is a firm)
WEB_WORDS = {"share", "comments", "photographer", "advertisement", "subscribe", "photo",
             "photos"}
WEB_ENDS = WEB_WORDS - {"photo", "photos"}
WEB_OPENERS = {"advertisement"}


# words that make an article a sports report, where a club is named after its city
SPORT_WORDS = {
    "match", "matches", "club", "clubs", "league", "cup", "striker", "midfielder", "defender",
    "goalkeeper", "coach", "manager", "goal", "goals", "scored", "season", "squad", "team",
    "teams", "players", "player", "fans", "champions", "semi-final", "final", "beat", "draw",
    "drew", "innings", "wicket", "race", "title", "tournament", "half-time", "game", "games",
    "soccer", "football", "rugby", "cricket", "hockey", "basketball", "baseball", "tennis",
}


def is_big_place(text: str) -> bool:
    """A country, region, state or city of BIG_CITY people or more."""
    place = gazetteer().place(text)
    if place is None or place.kind == "district":  # a district only gives a place its country
        return False
    return place.kind != "city" or place.population >= BIG_CITY


def acronym(text: str) -> str | None:
    """The letters of an acronym ("NATO", "U.S.S.R."), or None."""
    letters = text.replace(".", "")
    if 2 <= len(letters) <= 6 and letters.isalpha() and letters.isupper():
        return letters
    return None


def short_name(span: Span) -> str:
    """An organisation's name without its company form: "Magna International Inc" -> "Magna"."""
    words = [t for t in span if not t.is_space]
    end = len(words)
    while end > 1 and (words[end - 1].lower_.rstrip(".") in CORP_SUFFIXES or words[end - 1].is_punct):
        end -= 1
    return span.doc[words[0].i : words[end - 1].i + 1].text
