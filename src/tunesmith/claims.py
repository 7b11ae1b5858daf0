"""The claim skeleton of a sentence, and a verifier that a rewrite kept it.

Placeholders make facts safe to *copy*, but the words around them carry the claim: "at least
two hours" vs "at most two hours", "six weeks" vs "six days", "depends on" vs "doesn't depend
on", "may lead to" vs "will lead to", "the first day" vs "the second day". A blind reader found
such changes in every rewrite while placeholder and embedding checks passed them all. So every
candidate is reduced to its skeleton — what it counts and in which unit, qualifiers, ordinals,
weekdays, months, times and parts of day, frequencies, negation, modality, names, quoted text,
line and list structure — and a candidate whose skeleton differs from its source's is rejected
with the difference named.

The skeleton is deliberately conservative (regular expressions over a normalised text, no
statistical parser): a false alarm only costs a rewrite (the careful rule edit is used
instead), a miss costs a changed claim.
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from dataclasses import dataclass, field

__all__ = ["Skeleton", "skeleton", "compare", "verify"]

NUMBER_WORDS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "hundred": 100, "thousand": 1000, "million": 10 ** 6,
    "billion": 10 ** 9, "dozen": 12, "half": 0.5, "once": 1, "twice": 2, "single": 1, "double": 2, "triple": 3,
    "both": 2, "couple": 2, "several": "several", "few": "few", "many": "many", "numerous": "many", "multiple": "several",
}
ORDINALS = {
    "first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8,
    "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "last": "last", "final": "last", "next": "next",
    "previous": "previous",  # not "following"/"prior": "the following steps", "prior to" (a qualifier)
}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = ("january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
          "november", "december")
PARTS_OF_DAY = {
    "morning": "morning", "mornings": "morning", "afternoon": "afternoon", "afternoons": "afternoon",
    "evening": "evening", "evenings": "evening", "night": "night", "nights": "night", "tonight": "night",
    "overnight": "night", "noon": "noon", "midday": "noon", "lunchtime": "noon", "midnight": "midnight",
    "today": "today", "tomorrow": "tomorrow", "yesterday": "yesterday", "weekend": "weekend", "weekends": "weekend",
    "am": "am", "a.m.": "am", "pm": "pm", "p.m.": "pm", "dawn": "morning", "dusk": "evening",
}
TIME_UNITS = ("second", "minute", "hour", "day", "week", "month", "quarter", "year", "semester", "term", "shift",
              "session", "night", "morning", "evening", "weekday", "weekend", "decade", "century")
FREQUENCY_WORDS = {"hourly": "hour", "daily": "day", "nightly": "night", "weekly": "week", "biweekly": "2 week",
                   "fortnightly": "2 week", "monthly": "month", "quarterly": "quarter", "yearly": "year",
                   "annually": "year", "annual": "year"}
# Qualifiers that change what a quantity or date claims; rewording within a class is fine.
QUALIFIERS: dict[str, tuple[str, ...]] = {
    "about": ("about", "around", "approximately", "roughly", "nearly", "almost", "some", "circa", "close to",
              "or so", "just under", "just over", "an estimated", "estimated", "in the vicinity of", "in the region of",
              "in the order of"),
    "at least": ("over", "above", "more than", "at least", "upwards of", "upward of", "beyond", "exceeding", "in excess of",
                 "a minimum of", "minimum of", "no fewer than", "no less than", "or more", "and up", "plus"),
    "at most": ("under", "below", "less than", "fewer than", "at most", "up to", "no more than", "a maximum of",
                "maximum of", "or less", "or fewer", "not exceeding", "within"),
    "before": ("by", "before", "until", "till", "prior to", "no later than", "ahead of", "earlier than"),
    "after": ("after", "since", "from", "starting", "beginning", "following", "later than", "as of", "once"),
    "exactly": ("exactly", "precisely", "only", "just", "a full", "full"),
}
TRAILING_QUALIFIERS = {"or more": "at least", "and up": "at least", "plus": "at least", "or less": "at most",
                       "or fewer": "at most"}
# Modality classes: a rewrite may say "might" for "may" but not "will" for "may".
MODALITY: dict[str, tuple[str, ...]] = {
    # "may" (permission or hedge), "might"/"could" (possibility) and "can" (ability) read
    # differently to a careful reader: each is its own class.
    "may": ("may", "possibly", "perhaps", "maybe", "potentially", "possible"),
    "might": ("might", "could"),
    "can": ("can", "able to", "allowed to", "has the ability to", "have the ability to", "had the ability to",
            "capable of"),
    "likely": ("likely", "probably", "unlikely", "tends to", "tend to", "usually", "often", "typically",
               "generally", "sometimes", "rarely", "occasionally"),
    "advised": ("should", "ought to", "recommended", "recommend", "advisable",
                "suggest", "suggested", "best to", "a good idea to", "advised to"),
    # (an encouragement is no advice: two blind judges counted "Users are encouraged to upgrade" -> "Users should
    # upgrade" a changed modality, session 25)
    "encouraged": ("encouraged", "encourage", "encourages", "encouraging"),
    "required": ("must", "need", "needs", "need to", "needs to", "needed", "have to", "has to", "had to", "required", "require",
                 "requires", "necessary", "necessitate", "necessitates", "necessitated", "necessitating",
                 "call for", "calls for", "called for", "calling for", "mandatory", "obligated", "imperative", "essential to", "crucial to",
                 "vital to", "paramount to", "important to", "make sure", "makes sure", "making sure", "ensure", "ensures", "ensuring", "be sure to"),
    "certain": ("will", "shall", "going to", "definitely", "certainly", "always", "never", "guaranteed",
                "guarantee", "guarantees"),
}
NEGATIONS = ("not", "no", "never", "none", "nobody", "nothing", "nowhere", "neither", "nor", "without", "cannot",
             "unable", "lack", "lacks", "fail to", "fails to", "failed to", "avoid", "avoids", "avoiding", "refrain",
             "refrains")
# How much of a group a claim covers: "all passwords" is not "a lot of passwords".
QUANTIFIERS: dict[str, tuple[str, ...]] = {
    "all": ("all", "every", "each", "entire", "whole", "everyone", "everybody", "everything"),
    "some": ("some", "several", "certain", "a few", "few", "a couple of", "part of"),
    "many": ("many", "most", "a lot of", "lots of", "plenty of", "numerous", "the majority of", "much", "a myriad of",
             "myriad", "a plethora of", "a multitude of"),
}
# Set phrases whose negation or modal word carries no claim (rule edits map them to plain ones).
NEUTRAL_PHRASES = (
    r"(?:please\s+)?do not hesitate to", r"(?:please\s+)?don't hesitate to", r"feel free to",
    r"(?:it is|it's) (?:also )?(?:important|crucial|essential|worth noting|worth mentioning) (?:to note |to remember )?that",
    # "It is important to note, however, that X" says "However, X": its "however" stays to be compared
    r"(?:it is|it's) (?:also )?(?:important|crucial|essential|worth noting|worth mentioning)(?: to note| to remember)?"
    r"(?=, however, that)",
    # dev5: the same frames with "emphasize" and "acknowledged" (dropped by the rule edit)
    r"(?:it is|it's) (?:also )?(?:important to emphasi[sz]e|worth emphasi[sz]ing|worth highlighting)(?: that|(?=, however, that))",
    r"it (?:should|must) be (?:emphasi[sz]ed|acknowledged)(?: that|(?=, however, that))",
    r"without a doubt",
    r"it should (?:also )?be noted(?:, however,)? that", r"not only", r"no matter", r"needless to say", r"can't wait", r"cannot wait",
    r"you can't go wrong", r"no doubt", r"nothing short of", r"most importantly", r"most notably", r"would like to", r"we'd like to", r"i'd like to", r"would love to",
    r"(?:should you|if you) (?:require|need)", r"should you", r"if you",  # a condition, not advice
    # an inverted "should" before a determiner or a pronoun is a condition too ("Should the issue persist", "... should
    # any matters arise"), not after a wh-word ("what should the team do") nor in a question ("Should the council
    # approve it?" asks for advice)
    r"(?<!why )(?<!what )(?<!how )(?<!who )(?<!where )(?<!when )(?<!which )should(?= (?:the|these|those|any|your|our|"
    r"their|his|her|its|my|no|this|that|each|every|a|an|either|neither|another|anyone|anybody|anything|someone|"
    r"somebody|something|it|he|she|everyone|everything|nobody|they|we) )(?![^.!?\n]*\?)",
    # (and before a bare noun of an event or a state at a sentence start: "Should discolouration persist, ...", dev12)
    r"(?:^|(?<=[.!:\n] ))should(?= (?:[a-z][a-z-]*(?:tion|sion|ness|ment|ity|ence|ance|age|ure|ing)|symptoms|problems|"
    r"issues|delays|complications|difficulties|errors|leaks|outages|conditions) (?:persist|occur|arise|continue|"
    r"happen|remain|change|exceed|fail|worsen|develop|appear|recur|return)\b)(?![^.!?\n]*\?)",
    # a courtesy, not a deadline: the rule edit's own swap read as "earliest" lost and "can" added (dev4)
    r"at (?:your|their) earliest convenience", r"as soon as (?:you|they) can",
    # dev6: set phrases read as a negation and a quantifier ("without", "all") that deny and count nothing
    r"it goes without saying(?: that)?", r"all in all(?=,)", r"i must say(?=,)",
    r"without further ado",  # (dev11: no denial)
)
# Shorter words for the same thing, read alike on both sides: "65 in order to explore" counts 65 of
# what "65 to explore" does; "the Brew Pro 12 serves as" counts no "serves" (dev6).
SAME_MEANING = [(r"\bin order to\b", "to"), (r"\bprior to\b", "before"), (r"\bserves as (?=(?:a|an|the)\b)", "is "),
                (r"\b(has|have) served as (?=(?:a|an)\b)", r"\1 been "),
                # dev7: "The film isn't without its flaws" has its flaws (two negatives, no denial)
                (r"\b(?:it|that|this) is not without its\b", "it has its"), (r"\bis not without its\b", "has its"),
                (r"\bare not without their\b", "have their"), (r"\bwas not without its\b", "had its"),
                (r"\bwere not without their\b", "had their"),
                # (the gratitude is no extension of anything; an inverted "should" is an "if")
                (r"\bwe extend our (?:heartfelt|sincere) gratitude\b", "we are very grateful"),
                (r"\bbe unable to\b", "can not"), (r"\ba multitude of\b", "many"), (r"\ba myriad of\b", "many"),
                (r"\blots of\b", "many"),  # (the rule edit's "lots of" for a myriad of what is no plural)
                # dev11: "an abundance of natural light" is plenty of it; "no equipment whatsoever" none at all
                (r"\ban abundance of\b", "plenty of"), (r"\bat all\b", "whatsoever"),
                # (session 25) "a number of enhancements" is several; "I'd like to extend my heartfelt gratitude to"
                # thanks; a bound before an amount is a qualifier, not an event ("a minimum of 3" is at least 3)
                (r"\ba number of (?=[a-z])", "several "),
                (r"\b(?:like to )?extend (?:our|my) (?:[a-z]+ )?gratitude to\b", "thank"),
                (r"\ba minimum of\b", "at least"), (r"\ba maximum of\b", "up to"),
                # (session 26) a bound's "no" denies nothing: "no fewer than 40" is at least 40, "no more than 6" up to
                # 6 (whose "more than" was read as "at least" too); "the preceding week" is the previous one
                (r"\bnot? (?:fewer|less) than\b", "at least"), (r"\bnot? more than\b", "up to"),
                (r"\bpreceding\b", "previous"), (r"\bwith effect from\b", "starting"),
                # ("I'm now in a position to offer" is able to; the rule edit's swap)
                (r"\bin a position to\b", "able to"), (r"\binclusive of\b", "including"),
                (r"\bthereafter\b", "after that"),
                # (session 27) the rule edit's swaps for the over-formal register
                (r"\bper annum\b", "a year"), (r"\bin comparison (with|to)\b", r"compared \1"),
                # (a letter's request only: "We should be grateful for the help we received" is an "ought"; "if you"
                # has gone as a neutral phrase by now)
                (r"\b(i|we) should be grateful\b(?!\s+(?:for|that|to)\b)", r"\1 would be grateful"),
                (r"\bshall\b", "will"),
                (r"\b(i|we) (?:should|would) be most grateful\b", r"\1 would be very grateful"),
                # ("some 6,200 spectators" is about 6,200, no quantifier: "some 18-year-olds" and "some 5G phones" are)
                (r"\bsome (?=[$£€]?\d[\d,.]*(?:%|\s|$|[,;:!?)])|(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                 r"fifteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a hundred|a thousand|a dozen)\b)", "about "),
                (r"\bthe commencement of\b", "the start of"), (r"\binform you of\b", "tell you about"),
                (r"\bit was collectively agreed that\b", "everyone agreed that"),
                (r"\bcan serve as (?=(?:a|an)\b)", "can be "), (r"\bcapable of accommodating\b", "able to hold"),
                (r"\bwe\s+(?:would like to\s+)?express our (?:heartfelt|sincere|sincerest|deepest|deep) gratitude\b",
                 "we are very grateful"),
                (r"\bi\s+(?:would like to\s+)?express my (?:heartfelt|sincere|sincerest|deepest|deep) gratitude\b",
                 "i am very grateful"),
                (r"\bwe\s+(?:would like to\s+)?extend our (?:sincere|sincerest|deepest|heartfelt) apologies\b", "we apologize"),
                (r"\bi\s+(?:would like to\s+)?extend my (?:sincere|sincerest|deepest|heartfelt) apologies\b", "i apologize"),
                # dev12: "allows you to dose" is what "lets you dose" says (the rule edit's swap)
                (r"\ballows (you|us|them|users|visitors|customers|guests|readers) to\b", r"lets \1"),
                (r"\ballow (you|us|them|users|visitors|customers|guests|readers) to\b", r"let \1"),
                # (and the rule edit's other dev12 swaps, the same claim in plainer words)
                (r"\bnone of this would have been possible without\b", "none of this would have happened without"),
                (r"\bconsiderably (?=(?:faster|slower|larger|smaller|higher|lower|cheaper|better|worse|greater|longer|"
                 r"shorter|bigger|easier|harder|warmer|colder|stronger|weaker|heavier|lighter)\b)", "much "),
                (r"\bstep inside (?:to|and) discover\b", "inside, you will find"),
                (r"\bfrequently (?=recommends?\b)", "often "),
                # devT round 1 (the training split's sources): the rule edit's swaps, the same claim in plainer words
                (r"\bwe wish to extend our (?:sincere|sincerest|deepest|heartfelt) apologies\b", "we apologize"),
                (r"\bconsiderably (?=less\b)", "much "),
                # devT round 2: "Effective September 15, rent rises" starts then; "no later than 5 p.m." is by then
                # (anywhere: "Please be advised that, effective May 1, ..." loses its frame, not its date)
                (r"\beffective (?=(?:\d|immediately|today|tomorrow|monday|tuesday|wednesday|thursday|friday|saturday|"
                 r"sunday|january|february|march|april|may|june|july|august|september|october|november|december)\b)",
                 "starting "),
                (r"\bsecured (?=(?:a|an|their|his|her|its|the|our) (?:[\w'’-]+ ){0,3}(?:victory|title|championship|"
                 r"trophy|berth|medal|triumph)\b)", "won "),
                (r"\bno later than\b", "by"), (r"\bannually\b", "a year"),
                (r"\bmandates? that\b", "require that"), (r"\b(is|are|was|were) attributable to\b", r"\1 due to"),
                (r"\bmitigat(e|es|ed|ing)\b", r"reduc\1"),
                (r"\bembark(?:s|ed|ing)? on a ((?:field |day |school )?)trip\b", r"go on a \1trip"),
                (r"\babundant natural light\b", "plenty of natural light"),
                (r"\bno (?:trip|visit) is complete without (?:sampling|trying|tasting)\b", "do not leave without trying"),
                # (session 28) set phrases the rule edit swaps that these checks refused: "under the age of 12" is the
                # bound "under 12", "subsequent to 9.30 pm" is after it, "in the event that" a condition, "commencing 1
                # August" starts then, and "It would be appreciated if you could" (its "if you" gone as a condition by
                # now) asks what "Please" does
                (r"\b(under|over) the age of (?=\d|[a-z]+teen\b|twenty|thirty|forty|fifty|sixty|seventy|eighty)", r"\1 "),
                (r"\bsubsequent to\b", "after"), (r"\bin the event that\b", "if"), (r"\bcommencing\b", "starting"),
                (r"\bit would be (?:greatly |much |very much |most )?appreciated\s+could\b", "please"),
                (r"\bwe would (?:greatly |really |very much )?appreciate it\s+could\b", "please")]
CONTRACTIONS = [
    (r"\bwon't\b", "will not"), (r"\bcan't\b", "can not"), (r"\bshan't\b", "shall not"), (r"\bcannot\b", "can not"),
    (r"n't\b", " not"), (r"'ll\b", " will"), (r"'re\b", " are"), (r"'ve\b", " have"), (r"'m\b", " am"),
    (r"\b(it|that|there|here|what|who|he|she|let)'s\b", r"\1 is"), (r"'d\b", " would"),
]
# Words whose opposite is a small edit away: a rewrite may swap within a class, not across.
EVENT_CLASSES: dict[str, tuple[str, ...]] = {
    "start": ("start", "starts", "started", "starting", "begin", "begins", "began", "beginning", "commence",
              "commences", "commenced", "commencing", "embark", "embarks", "embarked", "embarking", "open", "opens", "opened", "opening", "launch", "launches",
              "launched", "kick off", "kicks off", "kicked off", "set out to", "sets out to", "setting out to"),
    "end": ("end", "ends", "ended", "ending", "finish", "finishes", "finished", "conclude", "concludes", "concluded",
            "close", "closes", "closed", "closing", "expire", "expires", "expired", "terminate", "terminates",
            "wrap up", "wraps up"),
    "more": ("increase", "increases", "increased", "raise", "raises", "raised", "higher", "extend", "extends",
             "extended", "longer", "exceed", "exceeds", "exceeding", "maximum", "latest", "gain", "gains"),
    "less": ("decrease", "decreases", "decreased", "reduce", "reduces", "reduced", "lower", "lowers", "shorten",
             "shortens", "shorter", "minimum", "earliest", "lose", "loses", "remove", "removes", "removed"),
    "allow": ("allow", "allows", "allowed", "permit", "permits", "permitted", "accept", "accepts", "accepted",
              "approve", "approves", "approved", "include", "includes", "included", "including", "enable",
              "enables", "enabled", "grant", "granted", "eligible", "available"),
    "deny": ("deny", "denies", "denied", "prohibit", "prohibits", "prohibited", "forbid", "forbidden", "reject",
             "rejects", "rejected", "refuse", "refused", "exclude", "excludes", "excluded", "excluding", "disable",
             "disables", "disabled", "ban", "banned", "revoke", "revoked", "ineligible", "unavailable", "suspend",
             "suspended"),
    "arrive": ("arrive", "arrives", "arrived", "arrival", "return", "returns", "returned", "come back"),
    "depart": ("depart", "departs", "departed", "departure", "leave", "leaves", "left"),
    # What a letter does: an apology is no thanks (dev4: "We are writing to sincerely apologize for the
    # closure" -> "Thanks for the closure").
    "apology": ("apologize", "apologizes", "apologized", "apologise", "apologises", "apologised", "apology",
                "apologies", "sorry", "regret", "regrets", "regretted"),
    "thanks": ("thank", "thanks", "thanked", "grateful", "gratitude", "appreciate", "appreciates", "appreciated",
               "appreciation", "thankful"),
    # On time is a claim ("buses depart promptly at 8:15" is not "depart quickly").
    "punctual": ("promptly", "punctually", "on time", "in a timely manner", "on the dot", "right on time"),
}
# Content words a rewrite may bring in without inventing anything (fillers, plain swaps).
_FREE_WORDS = set("""
the a an and or but so if then than that this these those there here it its it's is are was were be been being am
do does did done have has had having will would shall should can could may might must to of in on at by for with
from into onto about as up out off over under again just also still really very quite pretty so too even only all
any some each every both either neither no not nor one ones you your yours we our ours us they their them he she
his her i me my mine who whom whose which what when where why how get gets got getting make makes made making let
lets know see go goes going went thing things stuff lot lots bit sure okay ok yes yeah hey hi hello thanks thank
please happy glad help helps helped like well right now soon quick quickly easy easily simple simply plain plainly
need needs needed want wants use uses used using start starts started try tries keep keeps kept note give gives
gave put take takes took way ways sort kind around back away something anything everything someone anyone everyone
""".split())
_CONTENT_RE = re.compile(r"[a-z]+(?:['’][a-z]+)?")


@functools.lru_cache(maxsize=1)
def _rule_editor_words() -> tuple[frozenset[str], frozenset[str]]:
    """Words the rule editor writes (free to appear) and the stock phrasing it removes (free to go)."""
    from .humanize import AI_PHRASES, CLICHE_SWAPS  # here, not at the top: humanize imports this module

    # A word is free to go only where the rule editor itself drops it ("inform" in "we are
    # pleased to inform you that" -> ""), not where it keeps it ("... to confirm" -> "... to confirm").
    # The cliché swaps reword content words ("elevated", "experience", "proven"): those stay
    # checked everywhere (their own swaps pass through _canonical on both sides).
    stock = {k: v for k, v in AI_PHRASES.items() if k not in CLICHE_SWAPS}
    return (frozenset(w for k, v in stock.items() for w in set(v.split()) - set(k.split())),
            frozenset(w for k, v in stock.items() for w in set(k.split()) - set(v.split())))


def _canonical(text: str) -> str:
    from .humanize import replace_ai_phrases  # here, not at the top: humanize imports this module

    low = text.replace("’", "'").replace("‘", "'").lower()
    for pattern, rep in CONTRACTIONS:  # "we're pleased to" is the stock phrase too
        low = re.sub(pattern, rep, low)
    low = re.sub(r"\bshall\b", "will", low)  # (one modality: a swap after "will" applies to "shall" too, session 27)
    # (verify handles the frames itself) Until nothing changes: one swap's output can be another's input
    # ("please do not hesitate to reach out" -> "feel free to reach out" -> "feel free to get in touch")
    for _ in range(3):
        low, before = replace_ai_phrases(low, frames=False), low
        if low == before:
            break
    return low


def _is_content(word: str) -> bool:
    return len(word) > 2 and word not in _FREE_WORDS and word not in _rule_editor_words()[0]


def _content_stems(text: str) -> set[str]:
    return {w[:5] for w in _CONTENT_RE.findall(_normalise(text)) if _is_content(w)}


# Inflated words and the plain words that say the same (the formalizer's swaps, reversed): a
# rewrite may put the plain word where the source had the inflated one, and nothing else.
PLAIN_SYNONYMS: dict[str, tuple[str, ...]] = {
    "assist": ("help",), "assists": ("helps",), "assisted": ("helped",), "assistance": ("help",),
    "purchase": ("buy",), "purchased": ("bought",), "opportunity": ("chance",), "opportunities": ("chances",), "demonstrate": ("show",), "demonstrates": ("shows",),
    "obtain": ("get",), "obtained": ("got",), "request": ("ask",), "inform": ("tell", "let"),
    "require": ("need",), "requires": ("needs",), "numerous": ("many", "lots"), "sufficient": ("enough",),
    "individuals": ("people",), "children": ("kids",), "perhaps": ("maybe",), "however": ("but",),
    "additional": ("extra", "more"), "meticulous": ("careful",), "meticulously": ("carefully",),
    "pivotal": ("key",), "seamless": ("smooth",), "seamlessly": ("smoothly",), "robust": ("solid",),
    "approximately": ("about", "around"), "prior": ("before",), "commence": ("start",),
    "commenced": ("started",), "utilize": ("use",), "utilized": ("used",), "utilizing": ("using",),
    "leverage": ("use",), "leveraged": ("used",), "leveraging": ("using",), "apologize": ("sorry",),
    "delighted": ("happy", "glad"), "stated": ("said",), "adhere": ("stick",), "convenience": ("soon",),
    "earliest": ("soon",),
    # (session 28: the rule edit's own swaps, refused where the word stood after a number: "two complimentary drinks")
    "demonstrated": ("showed",), "showcased": ("showed",), "showcases": ("shows",), "leverages": ("uses",),
    "perished": ("died",), "complimentary": ("free",),
    "persons": ("people",),  # (session 29: "12 persons" counts what "12 people" does)
    # (Tried and judged pairwise on dev2, round 9: 27 more of the model's own plain swaps that
    # the checks refused, "remains" -> "stays", "receive" -> "get", "aroma" -> "smell",
    # "exceptional" -> "great" ... The blind judge preferred the text without them 9 to 1:
    # they flatten the register of formal notices and weaken evaluative claims. Left out.)
}
_SYNONYM_STEMS: dict[str, set[str]] = {}
for _formal, _plain in PLAIN_SYNONYMS.items():  # (word forms share a stem: their plain words add up)
    _SYNONYM_STEMS.setdefault(_formal[:5], set()).update(w[:5] for w in _plain)


def invented_words(source: str, candidate: str) -> list[str]:
    """Content words of ``candidate`` whose stem appears nowhere in ``source`` (sorted)."""
    src = _content_stems(source)
    src |= {plain for w in _CONTENT_RE.findall(_normalise(source)) for plain in _SYNONYM_STEMS.get(w[:5], ())}
    return sorted({w for w in _CONTENT_RE.findall(_normalise(candidate)) if _is_content(w) and w[:5] not in src})


# (a "-" or "*" marks an item only before a space: "**What you'll do:**" is bold, "-5°C" a number; dev13)
_LIST_MARKER = re.compile(r"^\s*(?:[-*](?=\s)|[•‣◦]|\d{1,3}[.)](?=\s)|[a-zA-Z][.)](?=\s))\s*")
# Lines after which the next line starts a sentence although they end without a full stop: a
# letter's salutation ("Dear Parents and Guardians,", "Hi Daniel,") and a header ("Subject: ...").
_OPENING_LINE = re.compile(r"^\s*(?:(?:dear|hi|hello|hey|greetings|good (?:morning|afternoon|evening))\b[^\n]*,"
                           r"|(?:subject|re|from|to|date|cc)\s*:[^\n]*)\s*$", re.I)


def _line_start(text: str, pos: int) -> bool:
    """Whether pos starts a line's text (after blanks or a list marker) and that line starts
    something new: the text's first line, a list item, or a line after a blank line, a list item
    or a full stop. A hard-wrapped sentence's next line does not ("will be\nClosed")."""
    line_start = text.rfind("\n", 0, pos) + 1
    prefix = text[line_start:pos]
    if prefix.strip() and not _LIST_MARKER.fullmatch(prefix):
        return False
    if line_start == 0 or prefix.strip():
        return True
    previous = text[text.rfind("\n", 0, line_start - 1) + 1:line_start - 1]
    return (not previous.strip() or bool(_LIST_MARKER.match(previous)) or previous.rstrip()[-1] in ".!?:;"
            or bool(_OPENING_LINE.match(previous)) or _is_heading(previous))


def _is_heading(line: str) -> bool:
    """A title line ("NOTICE TO ALL RESIDENTS – Birchwood Apartments", "Spring Open House"): short, no comma or stop
    at its end, in capitals or title case; the line after it starts a sentence (dev15: its "The" was read as a name)."""
    words = re.findall(r"[A-Za-z][\w'’-]*", line)
    if not words or len(words) > 12 or line.rstrip()[-1] in ",;":
        return False
    letters = [c for c in line if c.isalpha()]
    return (sum(c.isupper() for c in letters) >= 0.6 * len(letters)
            or all(w[0].isupper() for w in words if len(w) > 3))


@dataclass
class Skeleton:
    """The claim-bearing parts of a text (multisets: order may change, counts may not)."""

    quantities: Counter = field(default_factory=Counter)  # (number, unit)
    qualifiers: Counter = field(default_factory=Counter)  # (qualifier class, number or date)
    ordinals: Counter = field(default_factory=Counter)
    calendar: Counter = field(default_factory=Counter)  # weekdays, months
    times: Counter = field(default_factory=Counter)  # parts of day, am/pm
    frequencies: Counter = field(default_factory=Counter)
    negations: int = 0
    modality: Counter = field(default_factory=Counter)
    names: Counter = field(default_factory=Counter)  # capitalised words not at a sentence start
    events: Counter = field(default_factory=Counter)  # start / end, more / less, allow / deny ...
    quantifiers: Counter = field(default_factory=Counter)  # all / some / many
    quotes: Counter = field(default_factory=Counter)
    lines: tuple = ()  # list markers per line ("" for a plain line)
    # The values of each unit in the order they appear: "5 ml to children and 10 ml to adults"
    # swapped to "10 ml to children and 5 ml to adults" keeps every (number, unit) pair.
    unit_order: dict = field(default_factory=dict)


def _normalise(text: str) -> str:
    text = text.replace("’", "'").replace("‘", "'")
    low = text.lower()
    # "not only A but also B" says "both A and B" (the rule edit writes that: dev10), and neither counts two of anything:
    # both read as "A and B"
    low = re.sub(r"\b(?:not only|both) ((?:[\w'<>$%-]+ ){0,5}?[\w'<>$%-]+) (?:but also|and)\b", r"\1 and", low)
    for pattern, rep in CONTRACTIONS:
        low = re.sub(pattern, rep, low)
    for phrase in NEUTRAL_PHRASES:
        low = re.sub(rf"\b{phrase}\b", " ", low)
    for pattern, rep in SAME_MEANING:
        low = re.sub(pattern, rep, low)
    # "please accept our sincerest apologies for" accepts nothing: it says sorry
    return re.sub(r"\bplease accept (?:our|my) (?:[a-z]+ )?apolog(?:y|ies)\b", "sorry", low)


@functools.lru_cache(maxsize=None)
def _whole(phrase: str) -> re.Pattern:
    """``phrase`` as whole words (compiled once: every candidate is checked against every class)."""
    return re.compile(rf"(?<![\w-]){re.escape(phrase)}(?![\w-])")


def _phrase_counts(low: str, classes: dict[str, tuple[str, ...]]) -> Counter:
    counts: Counter = Counter()
    for cls, phrases in classes.items():
        for p in sorted(phrases, key=len, reverse=True):
            low, hits = _whole(p).subn(" ", low)  # removed once counted: each word counts once
            counts[cls] += hits
    return +counts


def _number(token: str) -> object | None:
    t = token.lower().replace(",", "")
    if re.fullmatch(r"\d+(?:\.\d+)?", t):
        value = float(t)
        return int(value) if value.is_integer() else value
    return NUMBER_WORDS.get(t)


_FILLER_ADVERBS = frozenset({"seamlessly", "truly", "really", "greatly", "deeply", "completely", "wholeheartedly",
                             "undoubtedly", "swiftly", "quickly", "proudly", "effortlessly", "beautifully"})


_VERBS_AFTER_A_NAME = frozenset({"is", "are", "was", "were", "represents", "represent", "represented", "proved", "proves",
                                 "remains", "remain", "turned", "turns"})


# (session 28) what follows a number but counts nothing: "call 999 if", "units 101 through 124 must" (not "due":
# "$200 due to the contractor" is owed, and its review found the rule edit's "because of" there)
_NOT_A_UNIT = frozenset({"if", "unless", "when", "whenever", "while", "must", "should", "shall",
                         "will", "would", "might", "can", "could"})  # (not "may": "6 May")


def _unit(words_after: list[str]) -> str:
    """The thing a number counts: the next word, skipping a few adjectives; singular."""
    skip = {"more", "full", "additional", "extra", "new", "different", "separate", "short", "long", "whole",
            "consecutive", "business", "working", "calendar", "straight", "of", "the", "or", "so", "and",
            "hundred", "thousand", "million", "billion", "-",
            # (evaluative words the rule edit swaps: "Two unforgettable nights" counts nights, dev6)
            "unforgettable", "memorable", "crucial", "pivotal", "important", "key", "essential", "vital"}
    for k, w in enumerate(words_after[:3]):
        if not w[0].isalnum():  # the sentence or clause ended: no unit ("by February 28. Also, ...")
            return ""
        # (nor an adverb before a verb: "the BrewMate 3 seamlessly combines" counts no "seamlessly", which
        # the rule edit drops)
        if w in skip or _number(w) is not None or w in _FILLER_ADVERBS:
            continue
        # (a verb after a name's number counts nothing: "the Pulse X2 represents" -> "the Pulse X2 is", dev11; nor does
        # a route's preposition: "by April 30 via the portal" -> "... through the portal", session 25)
        if w in _VERBS_AFTER_A_NAME or w in ("via", "through") or w in _NOT_A_UNIT:
            return ""
        if w == "in" and words_after[k + 1:k + 2] and words_after[k + 1] in ("the", "a", "an", "case", "order", "which"):
            return ""  # ("999 in the event that": a preposition, not inches)
        w = re.sub(r"'s$", "", w)
        w = PLAIN_SYNONYMS.get(w, (w,))[0]  # "12 individuals" counts what "12 people" does
        if w in ("per", "a", "an", "each"):  # "$220 per night" = "$220 a night": the rate's unit follows
            continue
        if len(w) > 3 and w.endswith("ies"):
            return w[:-3] + "y"
        if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
            return w[:-1]
        return w
    return ""


def _qualifier_before(sk: Skeleton, tokens: list[str], i: int, what: object) -> None:
    back = " ".join(tokens[max(0, i - 4): i])  # (four words: "in the region of")
    for cls, phrases in QUALIFIERS.items():
        if any(re.search(rf"(?:^|\s){re.escape(p)}$", back) for p in phrases):
            sk.qualifiers[(cls, what)] += 1
            return


_ONGOING = re.compile(r"\b(?:is|are|was|were|am|be)\s+(?:[a-z]+ly\s+|now\s+|still\s+|also\s+)?being\b")


def skeleton(text: str) -> Skeleton:
    """Extract the claim skeleton of ``text`` (any length; lines are kept apart)."""
    sk = Skeleton()
    sk.lines = tuple(_LIST_MARKER.match(line).group(0).strip() if _LIST_MARKER.match(line) else ""
                     for line in text.strip().splitlines() if line.strip())
    sk.quotes = Counter(m.group(1) for m in re.finditer(r"[\"“]([^\"”\n]{1,300})[\"”]", text))
    # Names: capitalised words not at a sentence or line start (and not "I").
    for m in re.finditer(r"(?<![.!?:\n]\s)(?<!^)(?<![\"“(])\b([A-Z][a-zA-Z'’-]+)", text):
        start = m.start(1)
        before = text[:start].rstrip()
        if not before or before[-1] in ".!?:\n\"“(" or _line_start(text, start) or m.group(1) in ("I", "I'm", "I'll", "I've", "I'd"):
            continue
        # (a contraction is its word: "We're" where the source had "We")
        sk.names[re.sub(r"['’](?:s|re|ll|ve|d|m)$|n['’]t$", "", m.group(1)).rstrip("'’").lower()] += 1
    low = _normalise(text)
    words = "|".join(list(NUMBER_WORDS) + list(ORDINALS))
    low = re.sub(rf"\b({words})-(?=[a-z])", r"\1 ", low)  # "two-year" counts two years
    low = re.sub(r"\b(\d+)-(?=[a-z])", r"\1 ", low)  # "30-minute"
    # Discourse ordinals ("First, ...", "Finally, ...") order the text; they carry no claim.
    low = re.sub(r"(^|[.!?:]\s+|\n)(first and foremost|first|second|third|finally|lastly|next)\s*,", r"\1", low)
    low = re.sub(r"\bnext to\b", "beside", low)  # a place ("next to the port"), not an order
    # Words, numbers ("5,000", "0.58", "3rd"), clock times ("9:00") and clause punctuation, which
    # ends a unit's search.
    # A line break ends a unit's search too: "during week two\n\nPlease note" counts no "please" (dev4).
    tokens = re.findall(r"[a-z]\.[a-z]\.|\d{1,2}:\d{2}|\d+(?:,\d{3})*(?:\.\d+)?(?:st|nd|rd|th)?|[a-z]+(?:['-][a-z]+)*"
                        r"|%|[.,;:!?()\n]", low)
    for i, tok in enumerate(tokens):
        nxt = tokens[i + 1: i + 4]
        if re.fullmatch(r"\d{1,2}:\d{2}", tok):
            sk.times[tok] += 1
            _qualifier_before(sk, tokens, i, tok)  # "by 4:00", "after 17:30"
            continue
        if re.fullmatch(r"\d+(?:st|nd|rd|th)", tok):
            sk.ordinals[int(re.sub(r"\D", "", tok))] += 1
            continue
        if tok in ORDINALS:
            sk.ordinals[ORDINALS[tok]] += 1
            continue
        value = _number(tok)
        if value is not None and not (tok == "one" and nxt[:1] and nxt[0] in ("of", "another")):
            if tok in ("once", "twice"):
                sk.quantities[(value, "time")] += 1
            else:
                sk.quantities[(value, _unit(nxt))] += 1
                sk.unit_order.setdefault(_unit(nxt), []).append(value)
            _qualifier_before(sk, tokens, i, value)  # "at least two", "under 5"
            after = TRAILING_QUALIFIERS.get(" ".join(nxt[:2])) or TRAILING_QUALIFIERS.get(nxt[0] if nxt else "")
            if after:  # "5 or more", "18 plus"
                sk.qualifiers[(after, value)] += 1
        if tok in WEEKDAYS or tok.rstrip("s") in WEEKDAYS or tok in MONTHS and tok != "may":
            day = tok.rstrip("s") if tok.rstrip("s") in WEEKDAYS else tok
            sk.calendar[day] += 1
            _qualifier_before(sk, tokens, i, day)  # "by June 30", "after Friday"
        after_number = i > 0 and tokens[i - 1][:1].isdigit()
        if tok in PARTS_OF_DAY and (tok not in ("am", "pm") or after_number):
            sk.times[PARTS_OF_DAY[tok]] += 1  # "am"/"pm" are times after a number ("5 am"), not "I am", "the PM"
        if tok in FREQUENCY_WORDS:
            sk.frequencies[FREQUENCY_WORDS[tok]] += 1
        if tok in ("per", "every", "each", "a", "an") and nxt and nxt[0].rstrip("s") in TIME_UNITS:
            # "per week", "every day", "twice a month" -- "a" only after a count ("three times a week")
            # (or after an amount: "$9.99 a month", "3 days a week", "45,000 parcels a day", the rule edit's "per")
            if tok not in ("a", "an") or (i >= 2 and tokens[i - 1] in ("time", "times") or i >= 1 and tokens[i - 1]
                                          in ("once", "twice") or i >= 1 and tokens[i - 1][:1].isdigit()
                                          or i >= 2 and tokens[i - 2][:1].isdigit()):
                sk.frequencies[nxt[0].rstrip("s")] += 1
    # May the month vs may the modal: a capitalised "May" followed by a number is the month.
    sk.calendar["may"] += len(re.findall(r"\bMay\s+\d", text))
    low_for_modal = re.sub(r"\bmay\s+\d", " ", low)
    low_for_modal = re.sub(r"\b(an?|the) must\b", r"\1 necessity", low_for_modal)  # "a must for fans": a noun
    # "to ensure a smooth start" states a purpose ("for a smooth start"), no duty (the rule edit's swap, dev14)
    low_for_modal = re.sub(r"\bto ensure (an?) (smooth|seamless|safe|successful|timely|prompt|comfortable|fair|quick|"
                           r"speedy|positive)\b", r"for \1 \2", low_for_modal)
    # "get the most out of X" is an idiom that counts nothing (the rule edit's "unlock the full potential of")
    low_for_modal = re.sub(r"\b(get|gets|got|getting|make|makes|made|making) the most out of\b", r"\1 value from",
                           low_for_modal)
    sk.negations = sum(len(_whole(n).findall(low)) for n in set(NEGATIONS))
    sk.modality = _phrase_counts(low_for_modal, MODALITY)
    sk.events = _phrase_counts(low_for_modal, EVENT_CLASSES)
    # A passive in progress is no finished one (dev4: "it has now been shipped" -> "it's now being shipped").
    sk.events["ongoing"] += len(_ONGOING.findall(low))
    sk.events = +sk.events
    sk.quantifiers = _phrase_counts(low_for_modal, QUANTIFIERS)
    return sk


def _diff(name: str, a: Counter, b: Counter) -> list[str]:
    if a == b:
        return []
    lost, added = a - b, b - a
    parts = []
    if lost:
        parts.append("lost " + ", ".join(_show(k) for k in sorted(lost, key=str)))
    if added:
        parts.append("added " + ", ".join(_show(k) for k in sorted(added, key=str)))
    return [f"{name}: {'; '.join(parts)}"]


def _show(key: object) -> str:
    if isinstance(key, tuple):
        return " ".join(str(k) for k in key if k != "")
    return str(key)


def compare(source: Skeleton, candidate: Skeleton) -> list[str]:
    """What the candidate changed in the source's claims (empty: the skeleton is kept)."""
    problems: list[str] = []
    problems += _diff("quantity", source.quantities, candidate.quantities)
    problems += _diff("qualifier", source.qualifiers, candidate.qualifiers)
    problems += _diff("ordinal", source.ordinals, candidate.ordinals)
    problems += _diff("date", source.calendar, candidate.calendar)
    problems += _diff("time", source.times, candidate.times)
    problems += _diff("frequency", source.frequencies, candidate.frequencies)
    if source.negations != candidate.negations:
        problems.append(f"negation: {source.negations} in the source, {candidate.negations} in the rewrite")
    problems += _diff("modality", source.modality, candidate.modality)
    problems += _diff("event", source.events, candidate.events)
    problems += _diff("quantifier", source.quantifiers, candidate.quantifiers)
    # Names: none may be added (invented people and places); dropping one is caught by the fact check.
    added = candidate.names - source.names
    added = Counter({k: v for k, v in added.items() if k not in source.names})
    if added:
        problems.append("name: added " + ", ".join(sorted(added)))
    lost_quotes = source.quotes - candidate.quotes
    if lost_quotes:
        problems.append("quote not verbatim: " + ", ".join(f'"{q}"' for q in lost_quotes))
    for unit, values in source.unit_order.items():
        if len(set(values)) > 1 and Counter(values) == Counter(candidate.unit_order.get(unit, [])) \
                and values != candidate.unit_order[unit]:
            problems.append(f"quantities swapped between things ({unit or 'number'}: "
                            f"{', '.join(map(str, values))} -> {', '.join(map(str, candidate.unit_order[unit]))})")
    if source.lines != candidate.lines:
        problems.append(f"lines/list items: {len(source.lines)} -> {len(candidate.lines)} "
                        f"({' '.join(m or '¶' for m in source.lines)} -> {' '.join(m or '¶' for m in candidate.lines)})")
    return problems


# A rewrite may bring in a few words of its own (a synonym, "sent" for "dispatched"); more than
# this many new content words per piece is how invented sentences and swapped subjects showed up.
# Blind judging on the dev split: with up to 3 new content words per piece, single-word swaps
# ("purchase orders" -> "order numbers", "export" -> "send", "subscribers" -> "users") were the
# commonest meaning errors left, so a rewrite may bring in no content word of its own (free
# words, contractions and the plain swaps of the rule editor excepted).
MAX_NEW_WORDS = 0
# Words a rewrite may drop: the stock phrasing the rule editor removes, greetings, politeness.
DROPPABLE = set("""
please kindly advised note noted important worth noting furthermore moreover additionally also indeed truly
sincerely pleased delighted happy glad inform informed announce announced remind reminded aware hereby
therefore thus hence accordingly respectively overall essentially basically actually really very highly
greatly fully entirely completely particularly especially certainly definitely ultimately further additional
time taking opportunity regarding concerning attention thank thanks dear hello
first second third finally lastly next
""".split())  # (ordinals that matter are checked by the skeleton; "First, ..." only orders the text)
MAX_DROPPED_WORDS = 0  # judged: "pleased to confirm your registration" -> "glad you registered"


def dropped_words(source: str, candidate: str) -> list[str]:
    """Content words of ``source`` whose stem the candidate lost (droppable filler excepted)."""
    cand = _content_stems(candidate)
    cand_all = {w[:5] for w in _CONTENT_RE.findall(_normalise(candidate))}  # plain words are often free words
    removable = _rule_editor_words()[1]
    return sorted({w for w in _CONTENT_RE.findall(_normalise(source)) if _is_content(w) and w[:5] not in cand
                   and w not in DROPPABLE and w not in removable
                   and not (_SYNONYM_STEMS.get(w[:5], set()) & cand_all)})


# Words that tie a claim to its cause: "Consequently, blue light is scattered" says why; without
# the link the passage no longer does (blind judging, dev2 round 1).
# Two directions, counted apart: "A, so B" (A causes B) is not "A because B" (B causes A).
_EFFECT_RE = re.compile(r"\b(?:consequently|therefore|thus|hence|as a result|which is why|that is why|that's why|"
                        r"this is why|for this reason)\b|(?:^|[.;!?][\"”’)]?\s+|,\s+|\band\s+)so\b(?!\s+(?:much|many|far|"
                        r"long|that|as)\b)", re.I | re.M)  # (", so as to enable" is a purpose, session 26)
_CAUSE_RE = re.compile(r"\b(?:because|due to|owing to|thanks to|(?:is|are|was|were|be|been)\s+(?:[a-z]+ly\s+)?"
                       r"attributable to)\b", re.I)  # ("since" is often time; "profit attributable to" is a share)


def causal_links(text: str) -> tuple[int, int]:
    """(links to an effect, links to a cause) in ``text``."""
    return len(_EFFECT_RE.findall(text)), len(_CAUSE_RE.findall(text))


# Contrast is a relation too: "A, while B" -> "A, but B" sets two praised dishes against each other
# (dev2 round 2); "However, ..." dropped loses one.
# ("not only A but also B" adds, it sets nothing against A: the rule edit's "both A and B")
_CONTRAST_RE = re.compile(r"\b(?:but(?! also\b)|however|although|though|whereas|nevertheless|nonetheless|even so|"
                          r"on the other hand|in contrast|despite|in spite of|notwithstanding)\b|(?:^|[.!?;,]\s+|\band\s+)yet\b|"
                          r"(?:^|[.!?;]\s+|,\s+)still,", re.I | re.M)  # ("not yet", "is still open": no contrast)


def contrasts(text: str) -> int:
    return len(_CONTRAST_RE.findall(text))


# Small words that carry a claim and a paraphrase flips: "keep out of reach" -> "in reach", "turn
# off" -> "on", "under 12" (not before a number: that is a qualifier) -> "over", "chest pain or
# shortness of breath" -> "and", "take with a meal" -> "before a meal", "if the test is positive" ->
# "the test is positive", "only staff may enter" -> "staff may enter", "too high" -> "very high".
# Counted after the rule editor's own edits on both sides (an adversarial review, 2026-12-02).
_POLARITY_WORDS = ("or", "out", "off", "over", "under", "before", "after", "if", "unless", "only", "too")
_POLARITY_RE = re.compile(r"\b(?:or|out|off|before|after|if|unless|only|too|(?:over|under)(?!\s+(?:\d|<f|(?:" +
                          "|".join(NUMBER_WORDS) + r")\b)))\b")
# "You must not drive" (a ban) vs "you don't have to drive" (no obligation): both hold a negation
# and an obligation, so only the absence of obligation tells them apart.
_NO_OBLIGATION_RE = re.compile(r"\b(?:need not|needn't|do not need to|don't need to|does not need to|doesn't need to|"
                               r"(?:do|does|did) not have to|(?:don't|doesn't|didn't) have to|not required to|"
                               r"no need to|not necessary|not obligated to|not mandatory|optional|"
                               r"no (?:further )?action (?:is|will be) (?:required|needed|necessary))\b")
_FIRST_PERSON = re.compile(r"\b(?:i|me|my|mine|we|us|our|ours|i'm|we're|i've|we've|i'll|we'll|i'd|we'd)\b")
_SECOND_PERSON = re.compile(r"\b(?:you|your|yours|you're|you've|you'll|you'd)\b")
_THIRD_PLURAL = re.compile(r"\b(?:they|them|their|theirs|themselves|they're|they've|they'll|they'd)\b")


def _function_words(text: str) -> tuple[Counter, int, int, int]:
    """Polarity words, no-obligation phrases, first- and second-person words of ``text``."""
    low = text.lower().replace("’", "'").replace("-", " ")
    words = Counter(_POLARITY_RE.findall(low))
    return words, len(_NO_OBLIGATION_RE.findall(low)), len(_FIRST_PERSON.findall(low)), len(_SECOND_PERSON.findall(low))


def verify(source: str, candidate: str) -> list[str]:
    """Empty when ``candidate`` keeps every claim of ``source``; else what changed, one entry per class."""
    from .humanize import frames_dropped  # here, not at the top: humanize imports this module

    # A filler frame ("In a thrilling display of grit, ...") holds no claim: a rewrite may drop one
    # whole. One it keeps is compared like any other words, and one it adds is a change.
    source, added = frames_dropped(source, candidate)
    problems = [f"framing added or changed: '{frame}'" for frame in added]
    problems += compare(skeleton(source), skeleton(candidate))
    links = causal_links(source), causal_links(candidate)
    if links[0] != links[1]:
        problems.append(f"causal link changed (effect, cause links: {links[0]} -> {links[1]})")
    turns = contrasts(source), contrasts(candidate)
    if turns[0] != turns[1]:
        problems.append(f"contrast added or dropped ({turns[0]} -> {turns[1]})")
    # Words are compared after the rule editor's stock-phrase edits on both sides, so removing
    # "We are pleased to inform you that" is free, but keeping half of it is not: "we're
    # pleased to know that" (judged: the sender no longer announces anything) brings in
    # "pleased" where the plain version has nothing.
    source, candidate = _canonical(source), _canonical(candidate)
    (small, free, first, second), (small2, free2, first2, second2) = _function_words(source), _function_words(candidate)
    if small != small2:
        problems += _diff("small word", small, small2)
    if free != free2:
        problems.append(f"obligation: 'need not' / 'not required' {free} -> {free2} (a ban and no obligation differ)")
    if (first2 < first and second2 > second) or (first2 > first and second2 < second):
        problems.append(f"person changed (first person {first} -> {first2}, second person {second} -> {second2})")
    # dev6: "your customers will tell you everything you need to know" -> "... they need to know"
    they = len(_THIRD_PLURAL.findall(source.lower())), len(_THIRD_PLURAL.findall(candidate.lower()))
    if second2 < second and they[1] > they[0]:
        problems.append(f"person changed (second person {second} -> {second2}, 'they' {they[0]} -> {they[1]})")
    new = invented_words(source, candidate)
    if len(new) > MAX_NEW_WORDS:
        problems.append(f"new content: {', '.join(new)}")
    lost = dropped_words(source, candidate)
    if len(lost) > MAX_DROPPED_WORDS:
        problems.append(f"dropped content: {', '.join(lost)}")
    return problems
