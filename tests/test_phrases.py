"""Phrases split without the tokenizer, and matched as spaCy's PhraseMatcher matches them."""

from __future__ import annotations

import spacy
from spacy.matcher import PhraseMatcher

from newsx.nlp.gazetteer import gazetteer
from newsx.nlp.phrases import PhraseIndex, PhraseSplitter
from newsx.nlp.taxonomy import load_taxonomy

TRICKY = ["cannot", "U.S.", "AT&T", "Rolls-Royce", "gonna", "New York", "arms control",
          "co-operation", "e-mail", "Côte d'Ivoire", "don't", "St. Louis", "Bosnia and "
          "Herzegovina", "zero-day", "9/11", "Mr Smith"]


def test_every_phrase_is_split_as_the_tokenizer_splits_it():
    nlp = spacy.blank("en")
    split = PhraseSplitter(nlp).words
    g = gazetteer()
    phrases = {*TRICKY, *g.org_forms, *(p.name for p in g.places.values()),
               *(term for topic in load_taxonomy() for term in topic.terms)}
    wrong = [p for p in sorted(phrases) if split(p) != tuple(t.text for t in nlp.make_doc(p))]
    assert not wrong


def test_matches_are_the_phrase_matchers():
    nlp = spacy.blank("en")
    phrases = {"ORG": ["AT&T", "United Nations", "UN", "Rolls-Royce", "New York Times"],
               "GPE": ["New York", "York", "United States", "U.S.", "Côte d'Ivoire"]}
    index, matcher = PhraseIndex(nlp), PhraseMatcher(nlp.vocab, attr="ORTH")
    for label, names in phrases.items():
        index.add(label, names)
        matcher.add(label, [nlp.make_doc(n) for n in names])
    doc = nlp("The New York Times said AT&T and Rolls-Royce met the United Nations in "
              "New York; the U.S. and Côte d'Ivoire sent envoys to the UN. York too.")
    want = [(nlp.vocab.strings[m], s, e) for m, s, e in matcher(doc)]
    assert index(doc) == want and len(want) >= 9
