"""Training pairs that are meaning-equal by construction: natural text made AI-like by rules.

The humanizer learns to invert this "formalizer": contractions expanded, plain words swapped
for inflated ones ("use" -> "utilize", "help" -> "assist"), stock connectors and openers added
("Furthermore,", "It is important to note that"). Every edit is one the
claim verifier (:mod:`tunesmith.claims`) accepts in the other direction, and every pair is
checked with it: the target never adds, drops or changes a claim of the input, so the model is
only ever shown faithful rewrites. (Human-written rewrites, however good, drift: the verifier
finds a changed claim in most of the authored pairs.)
"""

from __future__ import annotations

import random
import re
from collections.abc import Iterable

CONTRACTIONS = {
    "don't": "do not", "doesn't": "does not", "didn't": "did not", "can't": "cannot", "won't": "will not",
    "wouldn't": "would not", "shouldn't": "should not", "couldn't": "could not", "isn't": "is not",
    "aren't": "are not", "wasn't": "was not", "weren't": "were not", "haven't": "have not", "hasn't": "has not",
    "hadn't": "had not", "i'm": "I am", "i've": "I have", "i'll": "I will", "i'd": "I would", "you're": "you are",
    "you've": "you have", "you'll": "you will", "we're": "we are", "we've": "we have", "we'll": "we will",
    "they're": "they are", "they've": "they have", "they'll": "they will", "it's": "it is", "that's": "that is",
    "there's": "there is", "what's": "what is", "let's": "let us", "he's": "he is", "she's": "she is",
    "dont": "do not", "im": "I am", "cant": "cannot", "wont": "will not", "thats": "that is", "didnt": "did not",
    "ive": "I have", "isnt": "is not", "doesnt": "does not",
}
# Plain -> inflated swaps, each a pattern whose context keeps the formal side grammatical
# ("use the" -> "utilize the", never "the use of" -> "the utilize of"). The verifier accepts the
# reverse swap (claims.PLAIN_SYNONYMS / the rule editor's table), so the pair stays verifiable.
_OBJ = r"(?=\s+(?:the|a|an|your|our|their|my|his|her|this|that|these|those|it|them|us|you|me|some|any|all)\b|\s+[\d$£€A-Z])"
_DET = r"(?=\s+(?:the|a|an|your|our|their|my|his|her|this|these|those|some|any)\b|\s+[\d$£€])"
INFLATE: list[tuple[str, tuple[str, ...]]] = [
    (r"\buse" + _OBJ, ("utilize", "leverage")), (r"\bused" + _OBJ, ("utilized", "leveraged")),
    (r"\busing" + _OBJ, ("utilizing", "leveraging")),
    (r"\bhelp(?=\s+(?:(?:you|us|them|him|her|me)\s+with|with|the|our|your|their)\b)", ("assist",)),
    (r"\bbuy" + _OBJ, ("purchase",)), (r"\bbought" + _OBJ, ("purchased",)),
    (r"\bshow" + _DET, ("demonstrate",)), (r"\bshows" + _DET, ("demonstrates",)),
    (r"\bget" + _DET, ("obtain",)), (r"\bstart" + _DET, ("commence",)), (r"\bstarted" + _DET, ("commenced",)),
    (r"\bask for\b", ("request",)), (r"\btell (?=(?:you|us|them|him|her|me) (?:about|that|when|if)\b)", ("inform ",)),
    (r"\bneed" + _OBJ, ("require",)), (r"\bneeds" + _OBJ, ("requires",)),
    (r"\babout(?=\s+\$?\d)", ("approximately",)), (r"\baround(?=\s+\$?\d)", ("approximately",)),
    (r"\bbefore(?=\s+(?:[A-Z]|\d|noon|midnight|then)\b)", ("prior to",)), (r"\bmany\b", ("numerous",)),
    (r"\benough\b", ("sufficient",)), (r"\bpeople\b", ("individuals",)), (r"\bkids\b", ("children",)),
    (r"\bmaybe\b", ("perhaps",)), (r"\bextra\b(?=\s+[a-z])", ("additional",)),
    (r"\bsmooth\b", ("seamless",)), (r"\bsmoothly\b", ("seamlessly",)), (r"\bsolid\b", ("robust",)),
    (r"\bcareful\b", ("meticulous",)), (r"\bcarefully\b", ("meticulously",)), (r"\bkey\b(?=\s+[a-z])", ("pivotal",)),
    (r"\bmake sure(?=\s+(?:you|we|they|the|your|our|it|everyone)\b)", ("ensure that",)),
    (r"\bas soon as you can\b", ("at your earliest convenience",)), (r"\bfeel free to\b", ("please do not hesitate to",)),
    (r"\bif you need\b", ("should you require",)), (r"\bif you have any\b", ("should you have any",)),
    (r"\bthanks for\b", ("thank you for",)), (r"\bstick to\b", ("adhere to",)),
    (r"\bwe're happy to\b", ("we are delighted to",)), (r"\bwe're sorry\b", ("we sincerely apologize",)),
    # "to" of purpose only, not of "tried to" / "want to": after a noun or a comma it usually is.
    (r"(?<=,|s|e|t|y) to (?=(?:make|keep|get|avoid|save|cut|find|check|stop)\b)", (" in order to ",)),
]
CONNECTORS = ["Furthermore, ", "Additionally, ", "Moreover, "]
OPENERS = ["It is important to note that ", "Please note that ", "It is worth noting that ",
           "Please be advised that ", "It should be noted that "]

# Sentences that start with one of these are whole clauses: an opener in front reads right.
SUBJECT_STARTS = set("""the this that these those we you i it they he she our your their my his her there all
every each most some a an one many both""".split())


def _clause_start(sentence: str) -> bool:
    return sentence.split(" ", 1)[0].lower() in SUBJECT_STARTS


def _lower_start(sentence: str) -> str:
    """Lower-case a clause's first word ("The" -> "the"; "I" stays)."""
    return sentence if sentence.split(" ", 1)[0] == "I" else sentence[0].lower() + sentence[1:]


def expand_contractions(text: str) -> str:
    def expand(m: re.Match) -> str:
        word = m.group(0)
        rep = CONTRACTIONS.get(word.lower().replace("’", "'"))
        if rep is None:
            return word
        return rep[0].upper() + rep[1:] if word[0].isupper() else rep

    # "he's got" / "it's been" are "has", not "is".
    text = re.sub(r"\b(he|she|it|that|there|who)['’]s(?=\s+(?:got|been|had)\b)", r"\1 has", text, flags=re.I)
    return re.sub(r"\b\w+['’]\w+\b", expand, text)


def formalize(text: str, rng: random.Random, rate: float = 0.7) -> str:
    """A stiff, AI-sounding version of ``text`` that says exactly the same thing.

    Args:
        text: Natural text (one line; lines and list items are formalized one by one).
        rng: Source of randomness (each call with another state gives another variant).
        rate: Chance that each available edit is made.

    Returns:
        The formal text.
    """
    if "\n" in text:
        return "\n".join(formalize(line, rng, rate) for line in text.split("\n"))
    out = expand_contractions(text) if rng.random() < 0.9 else text
    out = re.sub(r"\b(tried|try|tries|want|wants|wanted|need|needs|needed|have|has|had|going|able|like|love|"
                 r"hope|plan|planning|decided|forget|remember|asked|used|got|trying|wanting) to\b",
                 lambda m: m.group(1) + "\0to", out)  # shield verb + "to" from the purpose swap below
    for pattern, choices in INFLATE:
        # The same swap at a sentence start: "Maybe" -> "Perhaps".
        for p in (pattern, re.sub(r"^\\b([a-z])", lambda m: "\\b" + m.group(1).upper(), pattern)):
            out = re.sub(p, lambda m: (m.group(0) if rng.random() > rate else
                                       _case_like(m.group(0), rng.choice(choices))), out)
    out = out.replace("\0to", " to")
    sentences = re.split(r"(?<=[.!?])\s+(?=[A-Z])", out.strip())
    # (No sentence joins: a model trained to split "X, and y." back into two sentences split
    # at the wrong places too and wrote fragments; judged blind on the dev split.)
    connectors = list(CONNECTORS)
    for i, s in enumerate(sentences):
        if not _clause_start(s) or len(s.split()) < 4:
            continue
        r = rng.random()
        if i > 0 and r < 0.3 and connectors:  # each connector once: "Additionally, ... Additionally," reads as a bug
            sentences[i] = connectors.pop(rng.randrange(len(connectors))) + _lower_start(s)
        elif r < 0.15 * rate + (0.1 if i == 0 else 0):
            sentences[i] = rng.choice(OPENERS) + _lower_start(s)
    out = " ".join(sentences)
    return out[0].upper() + out[1:] if out else out


def _case_like(src: str, rep: str) -> str:
    return rep[0].upper() + rep[1:] if src[:1].isupper() else rep


def word_overlap(a: str, b: str) -> float:
    wa, wb = set(_words(a)), set(_words(b))
    return len(wa & wb) / max(1, len(wa | wb))


def _words(text: str) -> list[str]:
    return re.findall(r"[A-Za-z0-9'’<>]+", text.lower())


def is_good_pair(formal: str, natural: str, min_words: int = 8, max_words: int = 200) -> bool:
    """The seed's filters: 8–200 words, 25–95% word overlap, not identical."""
    n = len(natural.split())
    if not (min_words <= n <= max_words) or formal.strip() == natural.strip():
        return False
    return 0.25 <= word_overlap(formal, natural) <= 0.95


def synthetic_pairs(texts: Iterable[str], limit: int, seed: int = 0, min_words: int = 8,
                    variants: int = 1) -> list[dict[str, str]]:
    """Formal -> natural pairs from natural texts: formalized, filtered, verified, de-duplicated.

    Args:
        texts: Natural texts (their line breaks are kept).
        limit: Most pairs to return.
        seed: Random seed (which edits are made).
        min_words: Shortest natural text used.
        variants: Formal versions tried per text (each a different set of edits).

    Returns:
        ``{"formal", "natural"}`` dicts; for every pair the claim verifier finds nothing changed
        between the formal input and the natural target.
    """
    from ..claims import verify

    rng = random.Random(seed)
    pool = [t.strip() for t in texts if t and t.strip()]
    rng.shuffle(pool)
    done, seen_formal, out = set(), set(), []
    for natural in pool:
        natural = "\n".join(re.sub(r"[ \t]+", " ", line).strip() for line in natural.split("\n"))
        if natural.lower() in done:
            continue
        done.add(natural.lower())
        for _ in range(variants):
            if len(out) >= limit:
                return out
            formal = formalize(natural, rng)
            if formal in seen_formal or not is_good_pair(formal, natural, min_words=min_words):
                continue
            if verify(formal, natural):  # an edit the verifier would refuse teaches the wrong thing
                continue
            seen_formal.add(formal)
            out.append({"formal": formal, "natural": natural})
    return out
