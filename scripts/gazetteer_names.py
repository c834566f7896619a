"""Name helpers for scripts/build_gazetteer.py: ASCII forms, a place's own names written
otherwise, and regions named by common words."""

from __future__ import annotations

import unicodedata

# subdivisions named by common words ("South" in Cameroon, "Coast" in Tanzania, "Red Sea" in
# Sudan) would give a country to any "the South" or sea: left out
GENERIC = {"north", "south", "east", "west", "northern", "southern", "eastern", "western",
           "central", "centre", "center", "nord", "sud", "est", "ouest", "upper", "lower",
           "capital", "district", "region", "islands", "island", "coast", "coastal", "north-west",
           "north-east", "south-west", "south-east", "northwest", "northeast", "southwest",
           "southeast", "mid", "middle", "far", "great", "new", "old", "the", "of"}
WATER = {"sea", "ocean", "gulf", "lake", "lakes", "river", "rivers", "bay", "coast"}


# letters that are no accented letter, so that NFKD keeps them whole: English writes "Pulawy"
# for "Puławy", "Tromso" for "Tromsø", "Diyarbakir" for "Diyarbakır"
OWN_LETTERS = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "æ": "ae", "Æ": "Ae",
                             "œ": "oe", "Œ": "Oe", "ß": "ss", "đ": "d", "Đ": "D", "ı": "i",
                             "þ": "th", "Þ": "Th", "ð": "d", "Ð": "D", "ħ": "h", "Ħ": "H"})


def ascii_form(text: str) -> str:
    """The text without its accents ("Zürich" -> "Zurich", "Łódź" -> "Lodz")."""
    plain = unicodedata.normalize("NFKD", text.translate(OWN_LETTERS))
    return plain.encode("ascii", "ignore").decode()


def names_of(primary: str, *others: str) -> set[str]:
    out = {primary, ascii_form(primary)}
    out |= {o for o in others if o}
    return {n for n in out if n.strip()}


GERMAN = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue",
                        "ß": "ss"})


def short_form(alt: str, name: str) -> bool:
    """An alternate name that is the place's own name written otherwise: a transliteration
    ("Duesseldorf"), or its first word before a particle ("Frankfurt" of "Frankfurt am
    Main")."""
    head, _, rest = name.partition(" ")
    return alt in {name.translate(GERMAN), ascii_form(name)} or (
        alt == head and rest.split(" ")[0] in {"am", "an", "im", "upon", "on", "sur"})


def generic(name: str) -> bool:
    """A region named by common words ("West" in Cameroon, "Gulf" in Papua New Guinea)."""
    low = name.lower().split()
    return not low or set(low) <= GENERIC or low[-1] in WATER
