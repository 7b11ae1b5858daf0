"""The claim-skeleton verifier: each error class a blind reader found, and faithful rewrites pass."""

import pytest

from tunesmith.claims import verify

CHANGED = [
    # qualifier reversed
    ("Arrive at least two hours before the exam.", "Arrive at most two hours before the exam.", "qualifier"),
    ("The fee is under 40 dollars.", "The fee is over 40 dollars.", "qualifier"),
    ("Submit it by June 30.", "Submit it after June 30.", "qualifier"),
    # unit or count changed around a kept number
    ("The course lasts six weeks.", "The course lasts six days.", "quantity"),
    ("We meet three days per week.", "We meet three weeks a month.", "quantity"),
    ("The team has 4 engineers and 2 designers.", "The team has 2 engineers and 4 designers.", "quantity"),
    ("Bring two pens.", "Bring three pens.", "quantity"),
    # ordinal / time changed
    ("Training starts on the first day.", "Training starts on the second day.", "ordinal"),
    ("The briefing is every morning at 9 AM.", "The briefing is every evening at 9 AM.", "time"),
    ("The briefing is at 9:00 AM.", "The briefing is at 9:00 PM.", "time"),
    ("We close on Friday.", "We close on Monday.", "date"),
    ("Reports are due weekly.", "Reports are due monthly.", "frequency"),
    # polarity flipped
    ("The result depends on the input.", "The result doesn't depend on the input.", "negation"),
    ("A permit will be needed.", "A permit won't be needed.", "negation"),
    ("Do not share your password.", "Share your password.", "negation"),
    # hedge turned into certainty, obligation into advice
    ("Late payment may lead to suspension.", "Late payment will lead to suspension.", "modality"),
    ("Late payment may lead to suspension.", "You'll be suspended for late payment.", "modality"),
    ("Visitors must sign in.", "Visitors should sign in.", "modality"),
    ("Members may use the live chat.", "Members might use the live chat.", "modality"),
    ("Users are encouraged to upgrade by May 1.", "Users should upgrade by May 1.", "modality"),  # (session 25's judges)
    ("Avoid running for six weeks.", "Run for six weeks.", "negation"),
    ("All passwords will be reset.", "A lot of passwords will be reset.", "quantifier"),
    ("Approve all purchase orders.", "Approve all order numbers.", "new content"),
    ("Confirm your registration and pay the fee.", "Pay the fee.", "dropped content"),
    # invented name, reworded quote, flattened list
    ("Payments we receive are logged.", "If Sarah gets paid, it is logged.", "name"),
    ('The sign said "No entry, please."', 'The sign said "No entry."', "quote"),
    ("Steps:\n1. Open the lid.\n2. Pour the water.", "Steps: open the lid and pour the water.", "lines"),
    # opposite events, hyphenated counts, invented content
    ("Your access lasts until the period concludes on May 17.", "Your access lasts until the period starts on May 17.",
     "event"),
    ("Damage from commercial use is excluded.", "Damage from commercial use is included.", "event"),
    ("It is covered by our two-year warranty.", "It is covered by our warranty.", "quantity"),
    ("Financial assistance is available upon request.",
     "Financial assistance comes with a stamp and a lovely holiday hangout.", "new content"),
    ("Buses will depart promptly at 8:15 AM.", "Buses will depart quickly at 8:15 AM.", "event"),  # dev judge
    # a cause left out: the passage no longer says why (dev2 judge)
    ("The gas scatters blue light. Consequently, the sky looks blue.",
     "The gas scatters blue light. The sky looks blue.", "causal link"),
    ("Roads closed because the river flooded.", "Roads closed and the river flooded.", "causal link"),
    ("The tacos were juicy, while the mole was rich.", "The tacos were juicy, but the mole was rich.", "contrast"),
    # a cause invented or turned around (code review)
    ("The store closed. Sales fell.", "The store closed because sales fell.", "causal link"),
    ("Roads closed because the river flooded.", "Roads closed, so the river flooded.", "causal link"),
    # a capital on a hard-wrapped line is a name the source did not have
    ("The office will be\nclosed on Monday.", "The office will be\nClosed on Monday.", "name"),
    ("The plot is slow. However, the ending is strong.", "The plot is slow. The ending is strong.", "contrast"),
    # an adversarial review of the verifier (2026-12-02): each passed it before
    ("You must not drive for 24 hours after the procedure.", "You don't have to drive for 24 hours after the procedure.",
     "obligation"),
    ("You are not required to bring your own equipment.", "You are required not to bring your own equipment.",
     "obligation"),
    ("Give 5 ml to children and 10 ml to adults, three times a day.",
     "Give 10 ml to children and 5 ml to adults, three times a day.", "quantities swapped"),
    ("Tickets cost $20 for adults and $10 for children.", "Tickets cost $10 for adults and $20 for children.",
     "quantities swapped"),
    ("Keep out of reach of children.", "Keep in reach of children.", "small word"),
    ("Turn off the heater before leaving the room.", "Turn on the heater before leaving the room.", "small word"),
    ("Check-in is from 3 pm.", "Check-out is from 3 pm.", "small word"),
    ("Children under the age of 12 travel free.", "Children over the age of 12 travel free.", "qualifier"),  # (an age bound reads as one, session 28)
    ("Call 999 if you have chest pain or shortness of breath.",
     "Call 999 if you have chest pain and shortness of breath.", "small word"),
    ("If the test is positive, you will need a second appointment.",
     "The test is positive, and you will need a second appointment.", "small word"),
    ("Take the tablet with a meal.", "Take the tablet before a meal.", "small word"),
    ("Only staff may enter the server room.", "Staff may enter the server room.", "small word"),
    ("This dose is too high for children.", "This dose is very high for children.", "small word"),
    ("Cancellations made by us are refunded in full.", "Cancellations made by you are refunded in full.", "person"),
    ("The nurse will visit you at my residence.", "The nurse will visit you at your residence.", "person"),
    ("The plan\nwill be Closed soon.", "The plan\nwill be Shut soon.", "name"),  # a wrapped line is no sentence start
    # dev14: "a month" after an amount is a rate like "per month"; "to ensure a smooth" reads as a purpose, not "must"
    ("The plan costs $9.99 per month.", "The plan costs $9.99 a year.", "frequency"),
    ("Staff work 3 days a week.", "Staff work 3 days a month.", "frequency"),
    ("To ensure a smooth start, you must arrive by 8 AM.", "For a smooth start, arrive by 8 AM.", "modality"),
]


@pytest.mark.parametrize("source,rewrite,kind", CHANGED)
def test_changed_claims_are_caught(source, rewrite, kind):
    problems = verify(source, rewrite)
    assert problems, f"missed a {kind} change"
    assert any(p.startswith(kind) for p in problems), problems


FAITHFUL = [
    # a capital at the start of a line or list item is no name (whole-passage check of dev2 round 2)
    ("Duties:\n- Assisting with inventory\nThe shift is 8 hours.", "Duties:\n- Helping with inventory\nThe shift is 8 hours."),
    ("The gas scatters blue light. Consequently, the sky looks blue.",
     "The gas scatters blue light, so the sky looks blue."),
    ("It is not yet open. The plan is slow. Nevertheless, it works.", "It isn't open yet. The plan is slow. Still, it works."),
    ("It is important to note that the office will be closed on Monday.", "The office will be closed on Monday."),
    ("Please do not hesitate to contact us if you have any questions.", "Feel free to contact us if you have questions."),
    ("We will utilize the new system in order to process approximately 40 requests.",
     "We'll use the new system to process about 40 requests."),
    ("You must not share your password.", "You mustn't share your password."),
    ("It is crucial to submit the form by Friday.", "You need to submit the form by Friday."),
    ("The briefing is at 9:00 AM every morning.", "Every morning, the briefing is at 9:00 AM."),
    ("First, open the lid. Then pour the water.", "Open the lid, then pour the water."),
    ("Steps:\n1. Open the lid.\n2. Pour the water.", "Steps:\n1. Open the lid.\n2. Pour in the water."),
    ("Additionally, the team has 4 engineers.", "Also, the team has 4 engineers."),
    ("It may rain in May 3 weeks from now.", "In May 3 weeks from now, it may rain."),
    ("Please reply in a timely manner.", "Please reply promptly."),
    ("We offer more than 20 classes.", "We offer over 20 classes."),  # a qualifier, not a small word
    ("Prior to the meeting, review the 3 files.", "Before the meeting, review the 3 files."),  # the rule edit's own
    ("Should you have any questions, contact us.", "If you have any questions, contact us."),
    ("Give 5 ml to children and 5 ml to adults.", "Give 5 ml to adults and 5 ml to children."),  # same values
    ("You need not bring a laptop.", "You needn't bring a laptop."),
    ("Please share any feedback at your earliest convenience.", "Please share any feedback as soon as you can."),
    # the line after a salutation or a header starts a sentence; a contraction is its word (dev5 round 0)
    ("Dear Parents,\nWe are writing about Bus 14.", "Dear Parents,\nWe're writing about Bus 14."),
    ("Dear Residents,\nPlease be advised that, in order to ensure safety, the lift will close.",
     "Dear Residents,\nTo ensure safety, the lift will close."),
    ("Subject: Budget\nHi Daniel,\nThe meeting went well.", "Subject: Budget\nHello Daniel,\nThe meeting went well."),
    ("The plan costs $9.99 per month.", "The plan costs $9.99 a month."),
    ("Staff work on-site 3 days per week.", "Staff work on-site 3 days a week."),
    ("To ensure a smooth start, arrive by 8 AM.", "For a smooth start, arrive by 8 AM."),
]


@pytest.mark.parametrize("source,rewrite", FAITHFUL)
def test_faithful_rewrites_pass(source, rewrite):
    assert verify(source, rewrite) == []


def test_identical_text_always_passes():
    text = 'On the first Monday, at least 12 people must attend the 9 AM "Kick-off!" session; it may run late.'
    assert verify(text, text) == []


def test_doubled_words_are_a_slip():
    from tunesmith.humanize import _doubled_words

    assert _doubled_words("approve all order orders up to $5") == {"order orders"}
    assert _doubled_words("that that is fine") == {"that that"}
    assert _doubled_words("we ordered the parts") == set()


def test_plain_synonym_may_replace_the_inflated_word_and_nothing_else():
    assert not verify("Please assist us with the boxes.", "Please help us with the boxes.")
    assert not verify("We will require approximately 40 chairs.", "We'll need about 40 chairs.")
    assert not verify("Numerous individuals attended.", "Many people attended.")
    assert any("new content" in p or "dropped" in p for p in verify("Please assist us with the boxes.",
                                                                    "Please carry the boxes."))
    assert verify("We will require 40 chairs.", "We'd like 40 chairs.")  # need -> wish is a claim change


@pytest.mark.parametrize("source, rewrite", [  # every word form's plain word counts (one stem, several entries)
    ("The nurse assisted 3 patients.", "The nurse helped 3 patients."),
    ("We purchased 2 tickets.", "We bought 2 tickets."),
    ("Construction commenced on May 1.", "Construction started on May 1."),
])
def test_word_forms_of_a_plain_synonym_all_pass(source, rewrite):
    assert verify(source, rewrite) == []


@pytest.mark.parametrize("source, rewrite", [  # close in some contexts, a different claim in others
    ("The drop was significant in 2 trials.", "The drop was important in 2 trials."),
    ("The sodium concentration rose in 3 samples.", "The sodium focus rose in 3 samples."),
    ("The audit revealed 4 errors.", "The audit found 4 errors."),
    ("The road remains closed until Friday.", "The road opens until Friday."),
    ("We typically ship within 2 days.", "We always ship within 2 days."),
    # judged pairwise on dev2 (round 9): plainer, but a weaker claim or the wrong register
    ("At $89.99, it offers exceptional value.", "At $89.99, it offers great value."),
    ("The project remains on track for May 3.", "The project stays on track for May 3."),
    ("All staff will receive 2 reminders.", "All staff will get 2 reminders."),
])
def test_near_synonyms_that_change_a_claim_are_refused(source, rewrite):
    assert verify(source, rewrite)


def test_half_removed_stock_phrase_is_a_change():
    src = "We are pleased to inform you that the session has been moved to Tuesday."
    assert not verify(src, "The session has been moved to Tuesday.")  # the whole phrase removed: fine
    assert not verify(src, "We're pleased to inform you that the session has been moved to Tuesday.")
    assert verify(src, "We're pleased to know that the session has been moved to Tuesday.")  # judged error
    assert verify("We are pleased to confirm that your plan has been approved.",
                  "We're glad to know that your plan has been approved.")


def test_a_count_does_not_take_its_unit_from_the_next_line():
    """'week two' ends its line: the next line's first word is no unit of it (dev4: a list item
    followed by 'Please note that laptops ...' with the filler dropped read as '2 please' -> '2 laptop')."""
    src = "3. A rotation during week two\n\nPlease note that laptops must be ordered 10 days ahead."
    assert verify(src, "3. A rotation during week two\n\nLaptops must be ordered 10 days ahead.") == []
    assert verify("Bring two\nlaptops.", "Bring two\nlaptops.") == []
    assert verify("We need two laptops.", "We need two tablets.")


def test_am_is_a_time_only_after_a_number():
    assert verify("I am sure we open at 5 am.", "I'm sure we open at 5 am.") == []
    assert any("time" in p for p in verify("We open at 5 am.", "We open at 5 pm."))


@pytest.mark.parametrize("source, rewrite", [
    ("Patients with elevated blood pressure need 2 checks.", "Patients with improved blood pressure need 2 checks."),
    ("The exam was hard for 3 students.", "The exam was easy for 3 students."),
    ("No proven cure exists for 2 strains.", "No cure exists for 2 strains."),
    ("Applicants need 5 years of experience.", "Applicants need 5 years."),
    ("Winds will be strong on 2 days.", "Winds will be real on 2 days."),
])
def test_cliche_swaps_do_not_free_their_words_elsewhere(source, rewrite):
    """The rule editor's cliché swaps reword content words; a model rewrite that drops or swaps
    those words outside the swaps' own phrases is still a changed claim."""
    assert verify(source, rewrite)



def test_so_after_a_closing_quote_is_the_same_effect_link():
    """dev12: "... negligence." Consequently, X' -> '... negligence." So X' keeps its link (the rule edit's own swap,
    judged sentence by sentence, failed the whole-text check); dropping it still changes the claim."""
    source = 'His report called it "a monument to negligence." Consequently, Parliament acted.'
    assert verify(source, 'His report called it "a monument to negligence." So Parliament acted.') == []
    assert verify(source, 'His report called it "a monument to negligence." Parliament acted.')


def test_the_line_after_a_title_starts_a_sentence():
    """dev15: "NOTICE TO ALL RESIDENTS – Birchwood Apartments\\nPlease be advised that the main water ..." -> "... The
    main water": the capital after a title line is no name; after a hard-wrapped line it still is one."""
    source = "NOTICE TO ALL RESIDENTS – Birchwood Apartments\nPlease be advised that the water will be off on May 3."
    assert verify(source, "NOTICE TO ALL RESIDENTS – Birchwood Apartments\nThe water will be off on May 3.") == []
    assert verify("Spring Open House\nPlease note that we open on May 3.", "Spring Open House\nWe open on May 3.") == []
    assert any(p.startswith("name") for p in verify("The road will be\nclosed on May 3.", "The road will be\nShut on May 3."))


# Session 28: set phrases the rule edit swaps that these checks used to refuse, read as the same claim; the change each
# could hide is still caught.
@pytest.mark.parametrize("source,rewrite", [
    ("Access to the pool shall not be permitted subsequent to 9.30 pm on weekdays.",
     "Access to the pool shall not be permitted after 9.30 pm on weekdays."),
    ("Report it via 999 in the event that a crime is in progress.", "Report it via 999 if a crime is in progress."),
    ("It would be appreciated if you could provide a delivery date by Wednesday 26 February.",
     "Please provide a delivery date by Wednesday 26 February."),
    ("It would be greatly appreciated if you could confirm by Friday.", "Please confirm by Friday."),
    ("The contract runs for 12 months, commencing August 2025.", "The contract runs for 12 months, starting August 2025."),
    ("It is paramount to establish an emergency fund.", "It's vital to establish an emergency fund."),
    ("Residents of units 101 through 124 are required to keep bathrooms clear.",
     "Residents of units 101 through 124 must keep bathrooms clear."),
    ("Tickets include two complimentary drinks.", "Tickets include two free drinks."),
    ("Children under the age of 12 must be accompanied.", "Children under 12 must be accompanied."),
])
def test_session28_set_phrases_keep_the_claim(source, rewrite):
    assert verify(source, rewrite) == []


@pytest.mark.parametrize("source,rewrite", [
    ("Access is not permitted subsequent to 9.30 pm.", "Access is not permitted before 9.30 pm."),
    ("Call 999 in the event that a crime is in progress.", "Call 999 unless a crime is in progress."),
    ("It would be appreciated if you could reply by Friday.", "You must reply by Friday."),
    ("It would be appreciated if you could reply by Friday.", "Please reply by Monday."),
    ("Launch moved to May 6 due to pending approvals.", "Launch moved to May 8 because of pending approvals."),
    ("Children under the age of 12 must be accompanied.", "Children over 12 must be accompanied."),
    ("Children under the age of 12 must be accompanied.", "Children under 14 must be accompanied."),
    ("A partial refund in the amount of £120 has been authorised.", "A partial refund of up to £120 has been authorised."),
    ("The shop closes at 6 in the evening.", "The shop closes at 6 in the morning."),
    ("The pipe is 12 in wide.", "The pipe is 12 cm wide."),
])
def test_session28_set_phrases_still_catch_a_changed_claim(source, rewrite):
    assert verify(source, rewrite) != []


@pytest.mark.parametrize("source,rewrite,same", [
    # session 29: "was attributable to" names a cause as "was due to" does; dropping it drops the link
    ("The shortfall was principally attributable to roadworks.", "The shortfall was mainly due to roadworks.", True),
    ("The shortfall was attributable to roadworks.", "The shortfall came with roadworks.", False),
    # ("12 persons" counts what "12 people" does, not chairs)
    ("The room holds 12 persons at most.", "The room holds 12 people at most.", True),
    ("The room holds 12 persons at most.", "The room holds 12 chairs at most.", False),
])
def test_session29_causes_and_counts(source, rewrite, same):
    assert (verify(source, rewrite) == []) is same


@pytest.mark.parametrize("source,rewrite,same", [
    # session 29: a notice's state with "shall" is one with "will"; a hedge or a duty is another claim
    ("The decision of the judges shall be final.", "The decision of the judges will be final.", True),
    ("The decision of the judges shall be final.", "The decision of the judges may be final.", False),
    ("Late entries shall not be accepted.", "Late entries won't be accepted.", True),
    ("Late entries shall not be accepted.", "Late entries will be accepted.", False),
    ("We shall contact you within 5 working days.", "We'll contact you within 5 working days.", True),
    ("The Hirer shall pay a deposit of £150.", "The Hirer must pay a deposit of £150.", False),
])
def test_session29_rule_shall(source, rewrite, same):
    assert (verify(source, rewrite) == []) is same
