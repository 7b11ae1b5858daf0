import re

import pytest
import torch

from tunesmith.data.formalizer import formalize, is_good_pair, synthetic_pairs
from tunesmith.data.humanizer import extract_facts, mask_facts, missing_facts, training_example
from tunesmith.errors import ConfigError
from tunesmith.generate import Completion
from tunesmith.humanize import (Humanizer, HumanizeOptions, ai_phrase_density, clean_output, drop_repeated_sentences,
                                lowercase_sentence_starts, make_sure_without_clause,
                                has_repetition_loop, rule_based_rewrite, split_chunks, tidy, word_diff, _slips)

FORMAL = ("Thank you for reaching out to Brightlane Support. It is important to note that order #A-20931 was "
          "dispatched on June 3, 2025, via Parcelink. Furthermore, we will facilitate a full refund of $84.50 "
          "if it does not arrive by June 10, 2025. Please visit https://brightlane.io/help for updates.")


def test_extract_facts_finds_every_kind():
    facts = extract_facts(FORMAL)
    for f in ["Brightlane Support", "#A-20931", "June 3, 2025", "Parcelink", "$84.50", "June 10, 2025",
              "https://brightlane.io/help"]:
        assert f in facts, (f, facts)
    assert "It" not in facts and "Furthermore" not in facts and "Please" not in facts


def test_quotes_emails_times_and_keep_terms():
    text = 'Email ana.silva@corp.com before 9:30 a.m. about the slogan "Fresh every morning" for Acme widgets.'
    facts = extract_facts(text, keep_terms=["Acme widgets"])
    assert {"ana.silva@corp.com", "9:30 a.m.", "Fresh every morning", "Acme widgets"} <= set(facts)


def test_mask_and_restore_roundtrip():
    m = mask_facts(FORMAL)
    assert "$84.50" not in m.text and "<F1>" in m.text
    assert m.restore(m.text) == FORMAL
    assert m.missing_in("nothing here") == m.spans
    assert m.unknown_in("<F99>") == ["<F99>"]


def test_a_fact_ending_in_a_period_ends_the_sentence_once():
    """'at <F2>. All ...' with <F2> = '2:00 p.m.' must not read 'p.m.. All' (seen in a live run)."""
    m = mask_facts("The review moved to Thursday at 2:00 p.m. Furthermore, all leads attend.", [])
    assert m.restore(m.text.replace("<F2> Furthermore,", "<F2>. All")) == \
        "The review moved to Thursday at 2:00 p.m. All all leads attend."
    assert m.restore(m.text) == "The review moved to Thursday at 2:00 p.m. Furthermore, all leads attend."
    assert m.restore("On <F1>. Then") == "On Thursday. Then"  # a fact without its own period keeps the full stop


def test_number_inside_number_is_not_masked():
    m = mask_facts("We sold 5 units in 15 days and 150 more later.")
    assert m.restore(m.text) == "We sold 5 units in 15 days and 150 more later."
    assert len(m.spans) == 3


def test_missing_facts_exact_and_names():
    assert missing_facts(FORMAL, FORMAL) == []
    assert "$84.50" in missing_facts(FORMAL, FORMAL.replace("$84.50", "$84"))
    src = "Regional Director Carlos Mendes will visit."
    assert missing_facts(src, "Carlos Mendes, our regional director, will visit.") == []
    assert missing_facts(src, "Our director will visit.") != []


def test_training_example_masks_only_kept_spans():
    ex = training_example({"formal": "Dr. Ana Lima will speak on May 2, 2025 at 10 a.m.",
                           "natural": "Dr. Ana Lima's talk is on May 2, 2025 at 10 a.m."})
    msgs = ex["messages"]
    assert msgs[-1]["role"] == "assistant"
    tags_in = set(re.findall(r"<F\d+>", msgs[1]["content"]))
    tags_out = set(re.findall(r"<F\d+>", msgs[-1]["content"]))
    assert tags_in and tags_in == tags_out


NATURAL = [
    "Hey Priya, we'll need about 40 chairs for Friday's talk at 6 p.m. Maybe ask Tom too, he's got a key. "
    "Don't worry about the tables.",
    "The clinic's open every Monday from 9 a.m. to 1 p.m. You don't need an appointment for flu shots, but bring "
    "your card. It usually takes about 15 minutes and costs $20. We'll use the side door before noon.",
    "Thanks for your order! We can't ship to PO boxes, so make sure the address is a street address. "
    "If you need help with the return, feel free to call us at least two days before the pickup.",
]


def test_formalizer_makes_text_stiff_without_changing_a_claim():
    import random

    from tunesmith.claims import verify

    formal = formalize("I don't think we can get the keys by noon, but we'll try.", random.Random(0), rate=1.0)
    assert "do not" in formal and "will" in formal and "don't" not in formal
    assert "obtain the keys" in formal
    assert formalize("He's got a key.", random.Random(0)).startswith("He has got")  # not "he is got"
    # Every variant of every text says the same: the verifier, run the other way, finds nothing.
    variants = {formalize(t, random.Random(s)) for t in NATURAL for s in range(20)}
    assert len(variants) > 30
    for t in NATURAL:
        for s in range(20):
            f = formalize(t, random.Random(s))
            assert not verify(f, t), (f, verify(f, t))
    # Lines and list items stay lines.
    listed = formalize("Bring:\n- your ID\n- two pens", random.Random(1))
    assert listed.count("\n") == 2 and "two pens" in listed


def test_synthetic_pairs_are_verified_deduplicated_and_varied():
    from tunesmith.claims import verify

    assert is_good_pair(*NATURAL[:1] * 2) is False  # identical
    assert not is_good_pair("too short", "too short!")
    pairs = synthetic_pairs(NATURAL * 3, 100, variants=3)
    assert {p["natural"] for p in pairs} == set(NATURAL)  # duplicates are used once
    assert len({p["formal"] for p in pairs}) == len(pairs) > len(NATURAL)  # several distinct versions
    assert all(not verify(p["formal"], p["natural"]) for p in pairs)
    assert len(synthetic_pairs(NATURAL, 2, variants=3)) == 2  # the limit holds


def test_split_chunks_roundtrip_and_sizes():
    text = ("First sentence here. " * 30).strip() + "\n\n  Second paragraph. It has two sentences.\n"
    pieces = split_chunks(text, 40)
    assert "".join(c + s for c, s in pieces) == text
    assert all(len(c.split()) <= 40 for c, _ in pieces)
    assert len(pieces) >= 3


def test_text_scores_and_cleanup():
    assert ai_phrase_density("Furthermore, we leverage robust tools.") > 30
    assert ai_phrase_density("We use good tools.") == 0
    out = rule_based_rewrite("It is important to note that we do not utilize robust tools in order to win.")
    assert out == "We don't use solid tools to win."
    assert drop_repeated_sentences("A b c. A b c. D e.") == "A b c. D e."
    assert has_repetition_loop("the cat sat on the cat sat on the cat sat on the mat")
    assert not has_repetition_loop("a perfectly normal sentence without loops at all")
    assert clean_output('Here is the rewrite: "Hi there."<|im_end|>junk') == "Hi there."
    ops = word_diff("the old text", "the new text")
    assert [o["op"] for o in ops] == ["equal", "replace", "equal"]


class ScriptedGenerator:
    """Stands in for the model: returns scripted candidates, records the prompts it saw."""

    def __init__(self, tiny_generator, script):
        self.real = tiny_generator
        self.tokenizer = tiny_generator.tokenizer
        self.script = script
        self.prompts = []

    def chat_prompt(self, messages, system=None):
        return self.real.chat_prompt(messages, system)

    def info(self):
        return {"model": "scripted"}

    def generate(self, prompts, params, cancel=None, logits_processors=()):
        self.prompts += list(prompts)
        self.processors = list(logits_processors)
        out = []
        for i, p in enumerate(prompts):
            for j in range(params.n):
                out.append(Completion(self.script(p, j), i, j, 10, 10, "stop"))
        return out


def test_humanizer_restores_facts_and_ranks(tiny_generator):
    def script(prompt, j):
        masked = prompt.split("\n\n", 1)[1].split("<|im_end|>")[0]
        tags = re.findall(r"<F\d+>", masked)
        if j == 0:  # drops a fact: must be rejected
            return "Thanks for writing in! Your order is on its way and we'll sort out a refund if needed."
        return (f"Thanks for contacting {tags[0]}. Order {tags[1]} left on {tags[2]} with {tags[3]}. If it's not "
                f"there by {tags[5]}, we'll refund the full {tags[4]}. Updates are at {tags[6]}.")

    hz = Humanizer(adapter=None, generator=ScriptedGenerator(tiny_generator, script))
    res = hz.humanize(FORMAL, chunk_words=200, candidates=2, use_model=True)
    assert res.success and res.facts_kept and res.missing_facts == []
    for fact in ["#A-20931", "June 3, 2025", "$84.50", "June 10, 2025", "https://brightlane.io/help", "Parcelink"]:
        assert fact in res.humanized_text
    assert res.scores_after["ai_phrase_density"] < res.scores_before["ai_phrase_density"]
    assert res.scores_after["contractions"] > res.scores_before["contractions"]
    assert 0 < res.similarity <= 1
    assert any(op["op"] != "equal" for op in res.diff)


def test_a_malformed_placeholder_is_never_presented_as_a_rewrite(tiny_generator):
    """dev15: the model wrote "<F> - a minimum of <F1> years ..." for a list item; "<F>" has no number, so nothing
    restored it and the output read "- <F> - a minimum of two years of experience". A stray tag is refused."""
    def script(prompt, j):
        masked = prompt.split("\n\n", 1)[1].split("<|im_end|>")[0]
        tag = (re.findall(r"<F\d+>", masked) or ["two"])[0]
        return f"<F> - a minimum of {tag} years of experience in medical billing"
    hz = Humanizer(adapter=None, generator=ScriptedGenerator(tiny_generator, script))
    text = "Requirements:\n- A minimum of two years of experience in medical billing\n- CPC certification"
    res = hz.humanize(text, use_model=True)
    assert "<" not in res.humanized_text and ">" not in res.humanized_text
    assert "\n- A minimum of two years of experience in medical billing\n" in res.humanized_text
    assert any("placeholder left in text" in c.reason for c in res.chunks)


def test_a_part_that_lost_a_fact_anyway_is_kept_and_the_message_agrees(tiny_generator, monkeypatch):
    """A review found "every change passed the fact and claim checks" beside facts_kept False: a
    rule edit had dropped a protected word. Whatever loses a fact, that part is kept as written."""
    hz = Humanizer(adapter=None, generator=ScriptedGenerator(tiny_generator, lambda p, j: "Something vague."))
    monkeypatch.setattr(Humanizer, "rule_edit", staticmethod(
        lambda src, keep_terms=None: (src.replace("$250,000", "a lot of money"), "ok")))
    text = "It is important to note that the budget is $250,000. The review is on Monday."
    res = hz.humanize(text, use_model=True)
    assert res.facts_kept and "$250,000" in res.humanized_text
    lossy = [c for c in res.chunks if "$250,000" in c.source]
    assert lossy and all(c.status == "kept" and "lost" in c.reason for c in lossy)
    assert "facts missing" not in res.message


def test_humanizer_never_returns_a_rewrite_that_lost_facts(tiny_generator):
    """No model rewrite passes: the verified rule edit is the floor (never the lossy rewrite)."""
    hz = Humanizer(adapter=None, generator=ScriptedGenerator(tiny_generator, lambda p, j: "Something vague."))
    long = "\n\n".join([FORMAL] * 4)  # ~1,100 characters, 4 paragraphs
    res = hz.humanize(long, use_model=True)
    assert "Something vague" not in res.humanized_text and res.facts_kept
    assert res.humanized_text.count("\n\n") == 3  # nothing truncated, paragraphs kept
    assert all(c.status == "rule-edited" and c.reason.startswith("rule-edited; no model rewrite passed: lost") for c in res.chunks
               if "important to note" in c.source)
    assert "It is important to note" not in res.humanized_text and "rule-edited" in res.message
    # cleanup off: no rule edit either, the source comes back unchanged
    res = hz.humanize(long, cleanup=False, use_model=True)
    assert res.humanized_text == long and not res.success and "unchanged" in res.message
    assert all(c.status == "kept" and c.reason.startswith("kept original") for c in res.chunks)


def test_a_rewrite_ends_as_its_source_does(tiny_generator):
    """Dev2 judging: the model put periods on some list items and after a hashtag line."""
    from tunesmith.humanize import keep_ending

    assert keep_ending("2. An in-unit washer and dryer", "2. A washer and dryer in the unit.") == \
        "2. A washer and dryer in the unit"
    assert keep_ending("#NewBeginnings #Leadership", "#NewBeginnings #Leadership.") == "#NewBeginnings #Leadership"
    assert keep_ending("Key highlights include:", "The highlights are.") == "The highlights are:"
    for source in ("It opens at 9.", "Is it open?", 'She said "yes."'):
        assert keep_ending(source, "Rewritten.") == "Rewritten."
    assert keep_ending("Wait for it", "Wait for it...") == "Wait for it..."
    source = "Key highlights include:\n1. A rooftop terrace with views\n2. A gym that never closes"

    def script(prompt, j):
        return {"1": "A terrace on the roof with views.", "2": "A gym that never closes."}.get(
            "1" if "terrace" in prompt else "2" if "gym" in prompt else "", "Highlights include:")

    res = Humanizer(adapter=None, generator=ScriptedGenerator(tiny_generator, script)).humanize(source, candidates=1, use_model=True)
    assert not any(line.endswith(".") for line in res.humanized_text.splitlines()), res.humanized_text


def test_a_rewrite_that_starts_a_sentence_lowercase_is_rejected(tiny_generator):
    """Dev judging: 'subject line "Payroll Update Required." this message ...' passed every
    claim check; a sentence start in lowercase the source did not have now fails the piece."""
    source = 'The subject line reads "Payroll Update Required." This message did not come from HR.'
    bad = 'The subject line reads "Payroll Update Required." this message didn\'t come from HR.'
    hz = Humanizer(adapter=None, generator=ScriptedGenerator(tiny_generator, lambda p, j: bad))
    res = hz.humanize(source, chunk_words=200, candidates=1, use_model=True)
    assert bad not in res.humanized_text and res.chunks[0].status != "rewritten"
    assert lowercase_sentence_starts(bad) == 1
    assert lowercase_sentence_starts("We open at 9 a.m. on Monday, e.g. the usual time. Come early.") == 0


@pytest.mark.parametrize("source,bad,reason", [
    # dev2 judging: the model's own split left a fragment; its own join garbled a heading
    ("Conferences are held on Thursday, March 21, with early dismissal at 12:15 PM on both days.",
     "Conferences are held on Thursday, March 21. Early dismissal at 12:15 PM on both days.", "split or joined"),
    # dev2 judging: a word's number changed and broke agreement
    ("Shifts begin at 4:30 AM, Tuesday through Saturday.", "Shift begins at 4:30 AM, Tuesday through Saturday.",
     "changed a word's form"),
    ("Registration desks open at 8:00 AM.", "Register desks open at 8:00 AM.", "changed a word's form"),
    # dev2 judging: "The Lakeside Herons fell" -> "Lakeside Herons fell"
    ("The Lakeside Herons fell 78-71 to the Dunmore Stags on Friday.",
     "Lakeside Herons fell 78-71 to the Dunmore Stags on Friday.", "dropped an article"),
    # dev2: "However, ..." and "Nevertheless, ..." both became "But ..."
    ("However, the pacing falters in 2 chapters. Nevertheless, the ending works.",
     "But the pacing falters in 2 chapters. But the ending works.", "two sentences in a row open with 'but'"),
])
def test_model_splits_joins_and_dropped_articles_are_rejected(tiny_generator, source, bad, reason):
    def script(prompt, j):  # the bad rewrite, with the prompt's own fact tags
        masked = prompt.split("\n\n", 1)[1].split("<|im_end|>")[0]
        tags = re.findall(r"<F\d+>", masked)
        out = bad
        for tag, fact in zip(tags, mask_facts(source, []).spans):
            out = out.replace(fact, tag, 1)
        return out

    hz = Humanizer(adapter=None, generator=ScriptedGenerator(tiny_generator, script))
    res = hz.humanize(source, chunk_words=200, candidates=1, retries=0, use_model=True)
    assert res.humanized_text != bad and res.chunks[0].status != "rewritten"
    assert reason in res.chunks[0].reason


def test_the_rule_editors_own_changes_are_no_word_form_slip(tiny_generator):
    """Code review: the form check compared the raw source with the cleaned-up candidate, so
    "there is" -> "there's" and "thank you" -> "thanks" read as slips and blocked the model."""
    source = "There is a fee of $5. Thank you for waiting."
    good = "There's a fee of $5. Thanks for waiting."

    def script(prompt, j):
        masked = prompt.split("\n\n", 1)[1].split("<|im_end|>")[0]
        return good.replace("$5", re.findall(r"<F\d+>", masked)[0])

    hz = Humanizer(adapter=None, generator=ScriptedGenerator(tiny_generator, script))
    res = hz.humanize(source, chunk_words=200, candidates=1, retries=0, use_model=True)
    assert res.humanized_text == good and res.chunks[0].status == "rewritten", res.chunks[0].reason


def test_make_sure_with_a_noun_phrase_is_rejected(tiny_generator):
    """Dev judging (rounds 7 and 8): 'To ensure a smooth start to the term' -> 'To make sure a
    smooth start to the term' passed every claim check; it is not English."""
    source = "To ensure a smooth start to the term, all students must attend orientation."
    bad = "To make sure a smooth start to the term, all students must attend orientation."
    hz = Humanizer(adapter=None, generator=ScriptedGenerator(tiny_generator, lambda p, j: bad))
    res = hz.humanize(source, chunk_words=200, candidates=1, use_model=True)
    assert "make sure a smooth" not in res.humanized_text and res.chunks[0].status != "rewritten"
    assert not make_sure_without_clause("Make sure a manager signs the form. Make sure the door is locked.")


def test_for_making_sure_made_by_the_cleanup_is_rejected(tiny_generator):
    """Dev6: the model's "For ensuring that the continued safety ..." became "For making sure the
    continued safety ..." in the rule edit's cleanup, after the slip checks had passed it."""
    source = "For the purpose of ensuring the continued safety of our community, work starts on Monday."
    bad = "For ensuring that the continued safety of our community, work starts on Monday."
    hz = Humanizer(adapter=None, generator=ScriptedGenerator(tiny_generator, lambda p, j: bad))
    res = hz.humanize(source, chunk_words=200, candidates=1, use_model=True)
    assert "making sure the continued" not in res.humanized_text and res.chunks[0].status != "rewritten"


def test_humanizer_retry_rounds(tiny_generator):
    """Default: one round, then the rule edit. ``retries`` adds rounds only for pieces that failed."""
    class Counting(ScriptedGenerator):
        def generate(self, prompts, params, cancel=None, logits_processors=()):
            self.rounds = getattr(self, "rounds", []) + [(len(prompts), params.n, params.temperature)]
            return super().generate(prompts, params, cancel, logits_processors)

    gen = Counting(tiny_generator, lambda p, j: "Something vague.")
    hz = Humanizer(adapter=None, generator=gen)
    res = hz.humanize(FORMAL, chunk_words=200, use_model=True)
    assert gen.rounds == [(1, 5, 0.7)] and res.chunks[0].status == "rule-edited"
    gen.rounds = []
    hz.humanize(FORMAL, chunk_words=200, candidates=2, retries=2, use_model=True)
    assert gen.rounds == [(1, 2, 0.7), (1, 4, 0.7), (1, 1, 0.0)]
    with pytest.raises(ConfigError, match="retries"):
        hz.humanize(FORMAL, retries=3, use_model=True)


def test_humanizer_long_input_comes_back_whole(tiny_generator):
    """5,000+ characters through the real pipeline (tiny random model): every character accounted for."""
    hz = Humanizer(adapter=None, generator=tiny_generator)
    text = "\n\n".join([FORMAL] * 18)
    assert len(text) > 5000
    res = hz.humanize(text, candidates=1, max_new_tokens=16, use_model=True)
    assert len(res.chunks) >= 18
    assert res.facts_kept
    assert "".join(c.source for c in res.chunks).replace(" ", "") == text.replace("\n", "").replace(" ", "")


def test_humanizer_bad_options(tiny_generator):
    hz = Humanizer(adapter=None, generator=tiny_generator)
    with pytest.raises(ConfigError, match="text is empty"):
        hz.humanize("   ", use_model=True)
    with pytest.raises(ConfigError, match="tone"):
        hz.humanize("Hello there.", tone="angry", use_model=True)


def test_shipped_corpus_passes_fact_and_meaning_checks():
    """Every shipped pair keeps its facts; meaning similarity within the band careful rewrites reach."""
    from tunesmith.data.humanizer import is_name
    from tunesmith.data.sources import humanizer_data_dir, read_jsonl
    from tunesmith.humanize import similarity

    d = humanizer_data_dir()
    train, test = read_jsonl(d / "train.jsonl"), read_jsonl(d / "test.jsonl")
    assert len(train) + len(test) >= 400 and len(test) >= 60
    assert len({r["domain"] for r in train + test}) >= 25
    assert not {r["id"] for r in train} & {r["id"] for r in test}
    for r in train + test:
        assert 40 <= len(r["formal"].split()) <= 160, r["id"]
        assert not [s for s in missing_facts(r["formal"], r["natural"]) if not is_name(s)], r["id"]
    sims = similarity([r["formal"] for r in test], [r["natural"] for r in test])
    assert sum(s >= 0.7 for s in sims) / len(sims) >= 0.9


def test_humanize_train_your_own_voice(tmp_path):
    """Own writing -> formal/natural pairs -> LoRA run usable as --adapter."""
    from typer.testing import CliRunner

    from tunesmith.cli import app
    from tunesmith.humanize import voice_pairs

    samples = tmp_path / "mine"
    samples.mkdir()
    (samples / "notes.txt").write_text(
        "I can't make it on Friday, but I'll send the notes over tonight so you've got them.\n\n"
        "Honestly, I think we should just use the old layout. It's simpler and people already know it.\n\n"
        "We're going to need a bigger room if more than twenty folks show up, so let's check the hall.\n\n"
        "Don't worry about the invoice, I'll sort it out with Maria when she gets back next week.\n")
    pairs = voice_pairs(samples)
    assert len(pairs) >= 3 and all(p["formal"] != p["natural"] for p in pairs)
    assert any("do not" in p["formal"] or "cannot" in p["formal"] for p in pairs)
    out = tmp_path / "voice"
    res = CliRunner().invoke(app, ["humanize-train", str(samples), "--output", str(out), "--max-steps", "2",
                                   "--model", "tiny-random"])
    assert res.exit_code == 0, res.output
    assert (out / "adapter_model.safetensors").is_file() and (out / "voice_pairs.jsonl").is_file()
    from tunesmith.generate import Generator

    hz = Humanizer(adapter=None, generator=Generator(str(out), quantize="none"))
    assert hz.humanize("It is important to note that we will commence on Monday.", candidates=1,
                       max_new_tokens=16, use_model=True).facts_kept
    empty = tmp_path / "empty"
    empty.mkdir()
    (empty / "x.txt").write_text("hi")
    res = CliRunner().invoke(app, ["humanize-train", str(empty), "--output", str(tmp_path / "v2")])
    assert res.exit_code == 2 and "no usable sentences" in res.output


def test_no_long_copy_bans_only_verbatim_runs_outside_facts():
    from tunesmith.humanize import NoLongCopy

    sources = [[10, 11, 12, 13, 14], [20, 21, 99, 22, 23]]  # 99 = a placeholder piece
    proc = NoLongCopy(sources, n=3, exempt={99})
    prompt = torch.zeros((4, 6), dtype=torch.long)  # 2 sources x 2 candidates, prompt width 6
    proc(prompt, torch.zeros(4, 30))  # first call = prefill: learns the width, bans nothing yet
    generated = torch.tensor([[10, 11], [11, 12], [20, 21], [21, 99]])
    scores = proc(torch.cat([prompt, generated], 1), torch.zeros(4, 30))
    banned = [set(torch.nonzero(row == -float("inf")).flatten().tolist()) for row in scores]
    assert banned[0] == {12}  # "10 11" -> 12 would copy three source tokens in a row
    assert banned[1] == {13}
    assert banned[2] == set()  # "20 21 99" touches a placeholder: copying it is allowed
    assert banned[3] == set()


def test_humanizer_passes_the_copy_limit_to_generation(tiny_generator):
    from tunesmith.humanize import NoLongCopy

    gen = ScriptedGenerator(tiny_generator, lambda p, j: "Sure thing, we'll get it done soon for you.")
    # Opt-in only: by default the model may copy the source (forcing divergence made it invent).
    Humanizer(adapter=None, generator=gen).humanize("We will complete the task promptly for you.", use_model=True)
    assert gen.processors == []
    Humanizer(adapter=None, generator=gen).humanize("We will complete the task promptly for you.", max_copy_tokens=6, use_model=True)
    assert len(gen.processors) == 1 and isinstance(gen.processors[0], NoLongCopy)


def test_fact_qualifiers_may_be_reworded_but_not_changed():
    from tunesmith.humanize import fact_qualifier

    assert fact_qualifier("starts on <F1>.", "<F1>") is None
    assert fact_qualifier("starts about <F1>.", "<F1>") == "approximate"
    assert fact_qualifier("Approximately <F2> people", "<F2>") == fact_qualifier("about <F2> people", "<F2>")
    assert fact_qualifier("sign prior to <F1>", "<F1>") == fact_qualifier("sign by <F1>", "<F1>") == "before"
    assert fact_qualifier("after <F1>", "<F1>") == "after"
    assert fact_qualifier("more than <F3> users", "<F3>") == "at least"
    assert fact_qualifier("shortabout <F1>", "<F1>") is None  # whole words only


def test_humanizer_rejects_a_rewrite_that_hedges_a_date(tiny_generator):
    def script(prompt, j):
        masked = prompt.split("\n\n", 1)[1].split("<|im_end|>")[0]
        tag = re.findall(r"<F\d+>", masked)[0]
        return f"We're kicking off the move around {tag}, so get ready."

    hz = Humanizer(adapter=None, generator=ScriptedGenerator(tiny_generator, script))
    res = hz.humanize("Our team will commence the migration on March 3, 2025, as planned.", use_model=True)
    assert res.chunks[0].status == "rule-edited" and "changed what a fact claims" in res.chunks[0].reason
    assert res.humanized_text == "Our team will start the migration on March 3, 2025, as planned."


def test_rewrite_that_changes_a_claim_is_rejected_and_named(tiny_generator):
    """A rewrite keeping every placeholder but turning "may" into "will" and "at least two"
    into "at most two" is not presented as a rewrite; the chunk says which check failed."""
    hz = Humanizer(adapter=None, generator=ScriptedGenerator(
        tiny_generator, lambda p, j: "You'll be suspended if you pay at most two weeks late."))
    res = hz.humanize("Late payment of at least two weeks may lead to suspension.", use_model=True)
    chunk = res.chunks[0]
    assert chunk.status in ("kept", "rule-edited") and "changed a claim" in chunk.reason
    assert "at most" not in res.humanized_text and "may" in res.humanized_text


@pytest.mark.parametrize("text", [
    "It is noteworthy that the team is not ready.",
    "We need to ensure quality and facilitate a smooth launch.",
    "The process was significantly reduced in order to utilize fewer resources.",
    "It is important to note that we will leverage our comprehensive toolkit.",
    "Furthermore, it is crucial to commence the review prior to Friday.",
])
def test_rule_edit_stays_grammatical_and_faithful(text):
    from tunesmith.claims import verify

    out = Humanizer.rule_edit(text)[0] or text
    for broken in ("a a ", "needd", "'sn't", "n'te", "make sure quality", "help a ", "  "):
        assert broken not in out, out
    assert out[0].isupper() and out.endswith(".")
    assert verify(text, out) == []


def test_lists_and_lines_are_never_merged(tiny_generator):
    """Each line is its own piece; list markers stay outside the rewrite."""
    text = "Steps:\n1. Open the lid.\n2. Pour the water.\n- Wait 5 minutes.\n\nThanks,\nAnn"
    hz = Humanizer(adapter=None, generator=ScriptedGenerator(tiny_generator, lambda p, j: "Something vague."))
    res = hz.humanize(text, use_model=True)
    assert res.humanized_text.splitlines()[1].startswith("1. ") and res.humanized_text.count("\n") == text.count("\n")
    assert [c.source for c in res.chunks if c.source] == ["Steps:", "Open the lid.", "Pour the water.", "Wait 5 minutes.",
                                                          "Thanks,", "Ann"]


def test_rule_edit_capitalises_sentence_starts_only():
    out = Humanizer.rule_edit("The desk opens at 8:00 a.m. and closes at 10:00 a.m. on weekdays. furthermore, "
                              "it is important to note that parking is free.")[0]
    assert "a.m. and" in out and "a.m. on weekdays" in out and out.endswith("weekdays. Parking is free.")
    assert Humanizer.rule_edit("We offer a more seamless checkout.")[0] == "We offer a smoother checkout."
    # a dropped opener after an abbreviation's full stop still leaves a sentence start (dev4)
    out = Humanizer.rule_edit("Schools should start no earlier than 8:30 a.m. Ultimately, this study shows why.")[0]
    assert out == "Schools should start no earlier than 8:30 a.m. This study shows why."


def test_rule_edit_drops_additive_connectives():
    out = Humanizer.rule_edit("Furthermore, the app is fast. Moreover, it is free. Additionally, it works offline.")[0]
    assert out == "The app is fast. It's free. It works offline."
    # a source that says "Also" keeps its own wording
    assert Humanizer.rule_edit("Also, it is fast. Also, it is free.")[0] == "Also, it's fast. Also, it's free."


@pytest.mark.parametrize("source,expected", [
    ("Nestled on a quiet street, the home boasts 4 bedrooms and a vibrant sunroom.",
     "Set on a quiet street, the home has 4 bedrooms and a bright sunroom."),
    ("Most importantly, a bug that caused 3 crashes is fixed.", "A bug that caused 3 crashes is fixed."),
    ("Vellora is a truly unforgettable escape for 2 nights.", "Vellora is a memorable escape for 2 nights."),
    ("The town has a vibrant arts scene and 3 vibrant murals.", "The town has a lively arts scene and 3 vibrant murals."),
    ("The team delved into the Q4 results.", "The team looked at the Q4 results."),
    ("The 3-2 win is a testament to the team's resilience.", "The 3-2 win shows the team's resilience."),
    ("Mentors play a key role in the 3 programs.", "Mentors play a big part in the 3 programs."),
    ("It takes 10 minutes. Let's dive in!", "It takes 10 minutes."),
    ("Rooms:\n- 2 suites\nAdditionally, please ensure that your pass is valid.",
     "Rooms:\n- 2 suites\nPlease make sure your pass is valid."),
    ("More importantly, the fees dropped by 5%.", "The fees dropped by 5%."),  # not "More the fees"
    ("Most notably, the bridge reopened on May 2.", "The bridge reopened on May 2."),
    ("The app is fast and, moreover, it is cheap at $3.", "The app is fast and it's cheap at $3."),
    ("The app is, importantly, free for 30 days.", "The app is free for 30 days."),
    ("It was a truly unimaginable loss of 3 games.", "It was an unimaginable loss of 3 games."),
    ("The numbers are not truly random in 3 cases.", "The numbers aren't truly random in 3 cases."),
    ("The rollout did not go seamlessly on May 3.", "The rollout didn't go seamlessly on May 3."),
    ("Tell us where you are now. It is open on 3 days.", "Tell us where you are now. It's open on 3 days."),
    ("It is, without a doubt, a testament to the team's resilience.", "It shows the team's resilience."),
    ("Notably, no customer data was compromised.", "No customer data was compromised."),
    ("I hope this message finds you well. I am writing about the 3 invoices.", "I'm writing about the 3 invoices."),
    ("All employees are required to submit receipts.", "All employees must submit receipts."),
    ("Staff will be required to wear badges from May 1.", "Staff will need to wear badges from May 1."),
    ("As we embark on the second half of the year, we would like to share 2 updates.",
     "As we start the second half of the year, we'd like to share 2 updates."),
    ("It is also important to note that funds should not be invested in stocks.",
     "Funds shouldn't be invested in stocks."),
    ("Congress approved $13 billion in assistance.", "Congress approved $13 billion in aid."),
    ("Construction is anticipated to last approximately 14 months.", "Construction is expected to last about 14 months."),
    # genre clichés blind judges flagged in dev2 round 6
    ("The pan elevated my cooking experience in 2 weeks.", "The pan improved my cooking experience in 2 weeks."),
    ("It was an unforgettable culinary experience for 6 guests.", "It was a memorable meal for 6 guests."),
    ("Our 40 volunteers work tirelessly to make a meaningful difference.",
     "Our 40 volunteers work hard to make a real difference."),
    ("In today's unpredictable economic landscape, 3 funds closed.", "In today's unpredictable economy, 3 funds closed."),
    ("As a testament to their work, the 3 teams won.", "As a sign of their work, the 3 teams won."),
    ("It is a poignant testament to the 2 brothers.", "It's a moving reminder of the 2 brothers."),
    ("I bring a proven track record of 8 launches.", "I bring a strong track record of 8 launches."),
    ("The 2 apps help savvy investors and tech-savvy buyers.", "The 2 apps help smart investors and tech-savvy buyers."),
    ("We hope this message finds you well. The 3 forms are due Friday.", "The 3 forms are due Friday."),
    # dev2 round 10
    ("Apply online at 3 sites and embark on a rewarding career journey with us!",
     "Apply online at 3 sites and start a rewarding career with us!"),  # "career journey" is a career, not a trip
    ("After 6 years, I'm embarking on a new chapter as Director of Operations.",
     "After 6 years, I'm starting a new chapter as Director of Operations."),
    ("The team embarked on 3 new projects in 2024.", "The team started 3 new projects in 2024."),
    ("It uses only 1 bowl, making cleanup a breeze.", "It uses only 1 bowl, making cleanup easy."),
    ("Cleanup is a breeze with 2 dishwasher-safe parts.", "Cleanup is easy with 2 dishwasher-safe parts."),
    ("Weighing 1.2 kilograms, it's the ideal companion for weekend getaways.",
     "Weighing 1.2 kilograms, it's ideal for weekend getaways."),
    ("This makes it the perfect companion for 2-hour hikes.", "This makes it perfect for 2-hour hikes."),
    ("I met 200 leaders who are reshaping the landscape of remote work.",
     "I met 200 leaders who are reshaping remote work."),
    # dev2 round 12
    ("Made of 420D nylon, it's built to withstand the rigors of any journey.",
     "Made of 420D nylon, it's built to stand up to any journey."),
    ("The thoughtfully curated wine list offers over 60 selections.", "The well-chosen wine list offers over 60 selections."),
    ("In 412 pages, Vale weaves a rich tapestry of family secrets, grief, and redemption.",
     "In 412 pages, Vale weaves together family secrets, grief, and redemption."),
    ("A heartfelt thank you to Dr. Maya Castellanos for her keynote on May 3.",
     "A big thank you to Dr. Maya Castellanos for her keynote on May 3."),
    ("Have you ever stopped to consider how your phone finds 4 satellites?",
     "Have you ever wondered how your phone finds 4 satellites?"),
    ("Tardigrades are animals renowned for surviving -272°C.", "Tardigrades are animals famous for surviving -272°C."),
    ("She spearheads 3 projects.", "She leads 3 projects."), ("They would rather wait 2 days.", "They'd rather wait 2 days."),
    # (dev5-dev7 judges quoted "Elevate your morning routine" on nearly every product page: improved now)
    ("Elevate your morning ritual with the 2-cup set.", "Improve your morning routine with the 2-cup set."),
    ("Elevate your career with the 2-week course.", None),
    ("The novel weaves a tapestry of 3 family histories and 2 wars.",
     "The novel weaves together 3 family histories and 2 wars."),
    ("I would be a valuable addition to your dynamic team of 12.", "I'd be a great addition to your team of 12."),
    ("I spearheaded a campaign that increased growth by 48%.", "I led a campaign that increased growth by 48%."),
    ("Prices rose 4% over the course of the year.", "Prices rose 4% over the year."),
    ("During the course of the 3-week trial, 2 patients left.", "During the 3-week trial, 2 patients left."),
    ("The event showcased the lively spirit of the 2 towns.", "The event showed the lively spirit of the 2 towns."),
    ("We will showcase 3 new models.", "We'll show 3 new models."),
    ("It serves as a reminder that 2 of 3 drivers speed.", "It's a reminder that 2 of 3 drivers speed."),
    ("These 3 steps will help you to handle surprises.", "These 3 steps will help you handle surprises."),
    ("Teams can harness the power of 3 models.", "Teams can use 3 models."),
    ("In chapter 2 we delve deeper into the 3 cases.", "In chapter 2 we dig deeper into the 3 cases."),
    ("I would not buy the 2 models, but we would try 1.", "I wouldn't buy the 2 models, but we'd try 1."),
    # dev3 round 1
    ("The state-of-the-art space boasts 42,000 square feet.", "The modern space has 42,000 square feet."),
    ("Priced at $229, they boast 38 hours of battery life.", "Priced at $229, they have 38 hours of battery life."),
    ("Boasting 3 pools and a spa, the resort opens May 2.", "With 3 pools and a spa, the resort opens May 2."),
    ("Our 4 interns made a meaningful impact on the project.", "Our 4 interns made a real impact on the project."),
    ("The city, boasting a population of 2 million, hosts 3 fairs.", "The city, with a population of 2 million, hosts 3 fairs."),
    # dev3 round 2: filler frames at a sentence start, and pure-filler closing lines
    ("In a thrilling display of resilience and steady determination, the Herons won 3-2 on Sunday.",
     "The Herons won 3-2 on Sunday."),
    ("In a testament to the power of community collaboration, the town opened its library on March 14.",
     "The town opened its library on March 14."),
    ("In today's fast-paced digital world, 2 of 3 adults reuse passwords.", "2 of 3 adults reuse passwords."),
    ("In our fast-paced modern world, sleep is often overlooked by 1 in 3 adults.",
     "Sleep is often overlooked by 1 in 3 adults."),
    ("Available for $149. Your next unforgettable adventure starts here.", "Available for $149."),
    ("It passes on May 4. Truly, the cosmos never ceases to amaze us!", "It passes on May 4."),
    ("In today's world, 3 in 4 adults own a smartphone.", "3 in 4 adults own a smartphone."),
    # (2026-12-04, a fresh passage: the empty "it" of "it is crucial to ..." kept the frame)
    ("In today's world, it is important to back up 2 copies of your files.",
     "It's important to back up 2 copies of your files."),
    ("In today's fast-paced world, it's easy to forget 3 things.", "It's easy to forget 3 things."),
    ("Furthermore, in a testament to the power of community, the town raised $40,000.", "The town raised $40,000."),
    # ... and the plain word for what follows "foster" and "unwavering" (its judges: "support a welcoming
    # atmosphere", "remain steady in our commitment" read oddly)
    ("The 5 cooks foster a welcoming atmosphere.", "The 5 cooks create a welcoming atmosphere."),
    ("We foster strong relationships with 30 suppliers.", "We build strong relationships with 30 suppliers."),
    ("The program fosters innovation among 200 students.", "The program promotes innovation among 200 students."),
    ("We remain unwavering in our commitment to 3 million users.", "We remain firm in our commitment to 3 million users."),
    ("It shows your firm's unwavering commitment to 2 causes.", "It shows your firm's strong commitment to 2 causes."),
    ("Thanks for your unwavering support over 12 years.", "Thanks for your constant support over 12 years."),
    ("You're cordially invited to join us on May 3.", "You're invited to join us on May 3."),
    ("Our team worked tirelessly for 48 hours.", "Our team worked hard for 48 hours."),
    ("It is crucial to note that 3 of 5 people lack savings.", "3 of 5 people lack savings."),
    ("Let's explore the fascinating world of satellite navigation in 3 steps.",
     "Let's explore satellite navigation in 3 steps."),
    ("Porto Salvène, founded in 1820, is a hidden gem waiting to be discovered.",
     "Porto Salvène, founded in 1820, is a well-kept secret."),  # (the fifth count)
    ("We stay open as we navigate the path forward together in 2025.", "We stay open as we move forward together in 2025."),
    ("We thank all of our valued subscribers in 40 countries.", "We thank all of our subscribers in 40 countries."),
    ("I'd be honored to join your esteemed team in May 2025.", "I'd be honored to join your team in May 2025."),
    ("Candidates must possess a valid license and 2 years of experience.",
     "Candidates must have a valid license and 2 years of experience."),
    ("It is with great enthusiasm that I submit my application for the role posted May 2.",
     "I'm excited to apply for the role posted May 2."),
    ("It is with great pleasure that we announce 3 new hires.", "We're pleased to announce 3 new hires."),
])
def test_rule_edit_genre_stock_phrases(source, expected):
    assert Humanizer.rule_edit(source)[0] == expected


def test_rule_edit_splits_long_sentences_only_between_main_clauses():
    out = Humanizer.rule_edit("Our annual Read-a-Thon has officially kicked off this week, and we are hoping to "
                              "log at least 50,000 minutes of reading by April 5.")[0]
    assert out == ("Our annual Read-a-Thon has officially kicked off this week. We're hoping to log at least 50,000 "
                   "minutes of reading by April 5.")
    out = Humanizer.rule_edit("The Herons trailed by 14 points in the third quarter but cut the deficit to 3 late on; "
                              "however, a series of missed free throws proved costly in the end.")[0]
    assert "late on. But a series" in out  # (dev14 round 1: "However," opens as "But")
    # a condition keeps its clauses together; a list item is no clause; short sentences stay whole
    for text in ("If you continue to see slow speeds after the update on Monday, and you are still offline, "
                 "call our support line at 555-0100.",
                 "The kit includes a glass carafe, a steel filter, a bamboo collar, a small cleaning brush, and our "
                 "signature travel mug.",
                 "We checked it, and we are happy."):
        out = Humanizer.rule_edit(text)[0] or text
        assert out.count(".") == text.count("."), out


@pytest.mark.parametrize("source", [
    "The update requires users to sign in again.",  # not "needs users to"
    "We offer a more seamless and convenient checkout.",  # not "a smoother and convenient"
    "Yours truly, Ann",
    "Once upon a time, 3 foxes lived here.",
    "Visitors can embark on a leisurely stroll through the 3 squares.",  # not "start a leisurely stroll"
    "Our 3 tools empower teams with insights.",  # not "help teams with insights"
    "The story is woven into a tapestry of 3 family histories.",  # not "woven into a mix"
    "Coaches foster healthy habits to support 30 players.",  # not "support ... to support"
    # code review of this round: each broke a sentence or changed a claim before its guard
    "We thank you for your patience with the 2 delays.",  # not "We thanks for"
    "No account is required to browse the 40 listings.",  # not "No account must browse"
    "The 3 documents are required to apply.",  # not "The documents must apply"
    "Use letters, digits and underscores in the 8 names.",  # not "digits and shows"
    "The function returns an array of 8 strings.",
    "We foster a dog for 2 weeks.",  # not "build a dog"
    "He boasts about his 3 cars.",  # not "has about"
    "The cat nestled against the 2 pillows.",  # not "set against"
    "It was an empowering day for 40 girls.",  # not "a helping day"
    "She is interested in assistance with 2 bills.",  # not "in aid with"
    "She took it upon herself to call 3 times.",  # not "took it on herself"
    "Navigate through the process in 4 steps.",  # not "Handle through"
    "The office will be\nclosed on Monday, May 4.",  # a wrapped line keeps its lowercase start
    "Open Monday to Friday from 9 until 5 in the evening; Saturday from 10 until 2 in the afternoon; closed on "
    "Sundays and 3 holidays.",  # a list of opening hours is not split
    "We want to thank all of our 40 volunteers and our staff, and you for making the 2024 gala a success for "
    "everyone.",  # "You for making ..." would be a fragment
    "The dishwasher makes cleanup seamless in 2 minutes.",  # not "makes cleanup smooth"
    "Patients with elevated blood pressure need 2 checks.",  # the adjective, not "improved blood pressure"
    "The station has an elevated platform for 4 trains.",
    "The plan elevates the risk of 2 delays.",  # raising a risk is no improvement
    "The 2 sauces were elevated by fresh herbs.",
    "She has business savvy and 3 degrees.",  # the noun
    "Elevate your style with our 3 blends.",  # ad copy's imperative reads better as it is
    # code review of round 7: each changed a claim or broke the sentence before its guard
    "Patients had elevated LDL cholesterol in 2 tests.", "Inflation remained elevated in 2 months.",
    "Keep the leg elevated above the heart for 2 hours.", "Try elevating your legs for 10 minutes.",
    "Smoking elevates your cancer risk by 20%.", "The board elevated Smith to chief executive in 2020.",
    "Chef Ana brings 20 years of culinary experience.", "The 3-day culinary experience includes 2 classes.",
    "Her marketing savvy helped 3 clients.", "The 2 apps help more savvy investors.",
    "In a powerful testament to 3 decades of work, the mural opened.",
    "There was a meaningful difference between the 2 groups.", "She shared her career journey with 30 students.",
    # dev2 round 10's swaps outside the syntax they suit
    "She embarked on a 5-night camping trip in the Highlands.",  # not "started a trip" (a number is a placeholder)
    "Designed as the perfect companion for hikers, the 2 bags weigh 1 kg.",  # not "Designed as perfect for"
    "A breeze from the sea cooled the 3 terraces.", "There was a breeze on the 2 terraces.",  # the wind
    "The landscape of the valley changed in 2 years.",  # a real landscape
    "The report maps the landscape of 40 AI startups.",  # a survey of a field, not filler
    # an adversarial review of the rule edit (2026-12-02): each changed a claim or broke the sentence
    "Leveraged ETFs suit few of the 2 kinds of investors.", "Avoid excessive leverage in 3 volatile markets.",
    "Alcohol enhances the sedative effects of 2 medications.", "Smoking is linked to an enhanced risk of 2 cancers.",
    "Grapefruit juice may enhance the side effects of 3 statins.", "The 4 clients are subject to enhanced due diligence.",
    "A deposit is required to secure your 2 nights.", "A doctor's note is required to return after 3 days off.",
    "Costs for a kitchen remodel are in the realm of $40,000.",
    "Paramount announced 2 new series on Monday.", "Foster said the 3 results were encouraging.",
    "Our hotel is 2 minutes from Newcastle upon Tyne.", "The 2 holidays are upon us.",
    "She was raised by a foster mother for 6 years.", "Foster youth often age out at 18.",
    "Passengers embark on the ship at Pier 4.",
    "This elevated home sits 3 feet above the flood line.", "An elevated dish helps 2 large dogs.",
    "She plays a pivotal role in the 3-part drama series.",
    "If symptoms worsen after 2 days, please don't hesitate to contact your doctor.",
    "Sleep is essential to recovery after 2 sessions.", "It's crucial to our mission that 3 sites stay open.",
    "You can rest assured, your 2 files are safe.", "We tried 3 times and, consequently, we missed the bus.",
    "The company's boasts about 3 awards were false.", "He leads the league in assists with 9.",
    "She scored with an assist from Jones in the 2nd half.", "The 2 committees will inquire into the causes.",
    "The model is robust to outliers in 3 tests.", "Open a robust red with the 2 steaks.",
    "Smith et al. reported that the 3 effects were robust.", "The hotel was, nevertheless, charming for 2 nights.",
    "Join us for a culinary adventure through the 3 night markets of Hanoi.",
    "Leave the dough as it is for 10 minutes.", "It's colder than it is in the city by 3 degrees.",
    "Use 1 tsp. salt and 2 eggs.",
    "We have shared bathrooms on each of the 3 floors.", "You have limited access to the 2 portals.",  # possession
    # dev2 round 12's swaps outside the syntax they suit
    "The wine list is thoughtfully curated with 60 bottles.",  # not "is well-chosen with"
    "Have you ever stopped to consider the cost of 3 coffees?",  # not "wondered the cost"
    "Federal law takes precedence over state rules in 3 cases.",  # overriding, not coming first
    "The daily ritual of prayer lasts 2 hours.",  # a rite, not a routine
    "She led the most dynamic team in the 3 leagues.", "They hired a young, dynamic team of 8.",
    "She was the spearhead of the 2 campaigns.",
    "Volunteers removed 3 tons of debris over the course of six hours.",  # "over six hours" reads as "more than"
    "The designs were showcased at 3 fairs.", "The fair is a showcase of 40 local artists.",
    "Let me help you to a second plate of the 3 dishes.", "I know what I would do with 3 days.",
    "It also serves as a reminder of the 2 floods.",  # not "It also is a reminder"
    # an adversarial review of round 12 (~150 probes): each broke the sentence or changed a claim
    "The designs, which were then showcased at the fair, sold out.", "The brand has showcased its line in 2 cities.",
    "Designs showcased at the fair included 3 kettles.", "Showcased at the Venice Biennale, the film won 2 prizes.",
    "Bring your friends to showcase night on Friday.", "This serum helps you to healthier skin in 4 weeks.",
    "The nurse will help you to bed after the 2 scans.", "His 2 goals help us to victory against Leeds.",
    "I would if I could.", "They would indeed.", "Phase I would begin in May.",
    "Archaeologists found 3 bronze spearheads near the hearth.", "The movement's spearhead was 19 years old.",
    "Each artisan weaves a tapestry of wool and silk over 6 months.", "The album weaves a tapestry of sound.",
    "The Changing of the Guard is a daily ritual outside the palace.", "Hindus perform a daily ritual bath in 2 rivers.",
    "The game supports dynamic team sizes from 2 to 8 players.", "Have you ever stopped to consider what you eat at 9 PM?",
    "The tent withstood the rigors of a dozen storms.", "Over the course of the night, the fever broke.",
    "During the course of antibiotics, avoid alcohol.", "Injuries sustained during the course of employment are covered.",
    "This tower, built in 1820, now stands as a reminder of the war.", "The dam harnesses the power of the river.",
    "Our thoughtfully curated gift boxes ship in 2 days.", "The tapestry of the cathedral shows the Last Supper.",
    "A heartfelt thank you to the nurses who cared for our father in his final days.",
    # dev3 round 1: broke a sentence before their guards (blind judge, or probes) ("elevate ... to new heights" is
    # "take ... to new heights" now: test_rule_edit_plain_idioms_for_judged_stock_phrases)
    "Vance weaves a rich tapestry of memory, grief, and resilience that lingers after 300 pages.",
    "She holds a B.S. in Statistics and 3 certificates.",  # no capital after the initials
    "He likes to boast about his 3 cars.", "It was an empty boast from 2 rivals.", "Stop boasting about the 2 wins.",
    # ... and its review (~180 probes)
    "Our 2 homes boast.", "The kids boast constantly about 3 trophies.", "Parents boast, but 2 children know better.",
    "This was boast, not fact, in 2 cases.", "Boasting, he said, is unbecoming for 2 reasons.",
    "Boasting rights go to the 2 winners.", "He grinned, boasting loudly about his 3 wins.",
    "She walked in, boasting her new ring to everyone at 9.", "The method outperforms the state-of-the-art by 3 points.",
    "It achieves state-of-the-art results on 2 benchmarks.", "The 1985 console was state-of-the-art for its time.",
    "The trial didn't show a meaningful impact on mortality in 2 groups.", "She holds a Ph.D. in biology and 2 patents.",
    "He earned an LL.M. in tax law in 2019.",
    # dev3 round 2: frames that carry a claim stay: a reason, an audience an offer or rule is for, a fact inside
    "In today's unpredictable economy, 3 months of savings is a minimum.",
    "Whether you're a student or a senior, you get 10% off on Monday.",
    "Whether you're a member or a guest, you must sign in at the desk by 9 a.m.",
    "In a testament to her 30 years of service, the hall was named after her.",
    "In a stunning display of force, 3 tanks rolled past the square.",
    # ... and from its review (~275 probes): each of these dropped a claim or left a fragment
    "Whether you're a senior or a student, you save 20% on 3 shows.",
    "Whether you're a beginner or an expert, you must wear a helmet on the 2 trails.",
    "Whether you're a smoker or a drinker, your premium will be 2 times higher.",
    "Whether you're a seasoned pro or a beginner, the 2 courses cost $50.",
    "Whether you're a student or a teacher, or just curious, this 300-page book is for you.",
    "In a testament to the fact that the drug fails, the 2 trials were halted.",
    "In a testament to their lack of preparation, the team lost 5-0.",
    "In a testament to the team, which trained for 6 months, the robot won.",
    "In a stunning display of skill, and of luck, the Hawks won 3-2 in overtime.",
    "In a stunning display of grit, not luck, the Hawks won 3-2.",
    "In today's world, this 1965 car would cost about $60,000.",
    "In today's world, it is 3 times cheaper to fly.",  # ("it": the thing just named, not an empty subject)
    "In today's digital world, it remains the top 1 choice.",
    "In today's society, 2 of these habits would be unacceptable.",
    "In today's business world, networking matters more than 2 degrees.",
    "In today's world, which moves faster every year, 3 in 4 people feel rushed.",
    "She sighed on May 2. In today's world, she thought, nobody writes letters anymore.",
    "I looked up at 3 a.m. The night sky never ceases to amaze me.",
    "They foster 2 dogs at a time.", "The Fosters foster 3 kittens.",
    "Welcome to the fascinating world of the 3 bee species.", "She was possessed by 2 strange ideas.",
    "It is with great sadness that we announce the passing of Tom, 84.",
    "Whether you're a busy parent or a culinary enthusiast, this 6-quart fryer is worth a look.",  # one side only
    "Whether you're a first-time buyer or a landlord, the 2 stamp duty rates differ.",
    # the judges' idioms of dev1-8 outside the syntax they suit
    "She holds a special place in her heart for the 3 rescue dogs.",  # whom, not the thing
    "The band recorded an instrumental in 1972.", "The 2 albums mix instrumental in style and vocal tracks.",
    "The train is rapidly approaching the 2 platforms.", "Welcome to the complex landscape of 3 tax codes.",
    "He humbly accepted the 2 awards.",
    # ... and their adversarial review (336 probes): each changed a claim or broke the sentence before its guard
    "The box holds a special place in my heart monitor kit.", "She holds a special place in my heart and in my will.",
    "I have a special place in my heart.", "I'm reaching out to follow up on the quote and to ask about 2 deliveries.",
    "Dosage didn't make a significant difference to outcomes (p = 0.42).",
    "The new drug made a significant difference in survival at 5 years.",
    "The band's instrumental in the 2nd act was stunning.", "The song is instrumental in the first 2 minutes.",
    "He had an instrumental role in the 2 films, playing cello onscreen.",
    "This course unlocks your full potential in 6 weeks.", "The 2 reforms unlocked the full potential of the market.",
    "The ratio is rapidly approaching, but not yet at, parity in 3 regions.",
    "They said we humbly ask too often, 3 times a week.",
    "The hikers navigated the complex landscape of the Alps for 9 days.",
    "Does this represent good value at $40?", "The dotted line represents good value; the 2 solid lines, poor value.",
    # ... and the probes of the swaps for the stock words still counted over dev1-8: a trip, a colour-free
    # surprise, a literal lock or tapestry, a name, a risk, a verb's other sense
    "We embarked on a cycling journey across France.", "They embarked on a running journey of 300 km.",
    "Help your kids embark on their fitness journey with confidence.", "The journey took 3 hours.",
    "Our journey to help build a school took three days by bus.", "Financial security is a journey, not a destination.",
    "The seamless tube was welded in 1950.", "Seamless stockings were back in fashion.",
    "The seamless steel pipe service costs $40.", "Their 3-0 loss was a stunning upset.",
    "The 2-1 loss was a stunning home defeat.", "She was stunning in red.", "These remarkable creatures survive anything.",
    "There was nothing remarkable about the 2 films.", "A remarkable recovery rate was seen in 12 patients.",
    "Your invaluable feedback shaped 2 releases.", "The key will unlock the full benefits of the vault.",
    # (both blind judges of the round preferred "invaluable" and "cutting-edge" to the plain words)
    "The Kettlemoor Pro 2 is the cutting-edge electric gooseneck kettle for 4 cups.",
    "The museum holds the rich tapestry of the cathedral.", "He was delighted to see her on May 2.",
    "It shapes the rich tapestry of the region's cultural heritage.",
    "Vibrant Health Ltd said profits rose 4%.", "The cutting-edge leader in software won.",
    "This was cutting-edge technology in 1995.", "Navigating the river took hours.", "They foster a dog.",
    "Look no further than Kōmori Noodle Bar.", "Elevate the head of the bed.",
    "Doing so could elevate your risk of injury.", "Its journey to deliver parcels across the Alps took 3 days.",
    # ... and the probes of the third count's swaps: a performance, a transformation, a speed, a tour's name, a verb,
    # a number the checks tie to the next word, a real trip, a raised level, a literal lock
    "The performances are breathtaking in all 3 acts.", "The leaves begin their breathtaking transformation in 2 weeks.",
    "The breathtaking speed of the 2 cars scared us.", "The breathtaking views tour costs $40.",
    "She thoughtfully placed the vase on the 2 tables.", "The pack features 11 thoughtfully placed pockets.",
    "The kitchen is thoughtfully designed for 2 cooks.", "This is the most thoughtfully designed tent of the 3.",
    "The study found no evidence that ads drive meaningful impact on sales in 3 trials.",
    "As we boarded the ship in 1912, none of us could have imagined the journey that lay ahead.",
    "Nobody knew the journey that lay ahead of the 3 wagons.", "The new coach has elevated the team to new heights in 2 seasons.",
    "The drug may elevate your blood pressure to new heights within 2 hours.",
    "The crane will elevate the beams to new heights of 300 metres.",
    "Members can unlock a better rate after 3 months.", "Premium users unlock a better version of the 2 apps.",
    "To start your journey to Rome, take the 9:10 train.", "Make sure you have a ticket to begin your journey.",
    "The best time to begin your journey is May.",
])
def test_rule_edit_keeps_swaps_that_break_their_context(source):
    assert Humanizer.rule_edit(source)[0] is None


def test_rule_edit_plain_english_set_phrases():
    assert Humanizer.rule_edit("Due to the fact that the server is down, we are able to assist only 20 individuals "
                               "on a daily basis.")[0] == "Because the server is down, we can help only 20 people daily."
    assert Humanizer.rule_edit("I am writing to inform you that the office will close at 5 p.m. on Friday.")[0] == \
        "The office will close at 5 p.m. on Friday."  # "I am" is no time of day
    # stiff phrases dev judges flagged in round 7
    assert Humanizer.rule_edit("It is necessary to locate the small button adjacent to the power port.")[0] == \
        "You need to locate the small button next to the power port."  # "next to" is a place, not an order
    assert Humanizer.rule_edit("It is recommended that you complete the setup with care.")[0] == \
        "You should complete the setup with care."
    assert Humanizer.rule_edit("We wish to inform you that the new hours start on Monday. Please take note of "
                               "them.")[0] == "The new hours start on Monday. Please note them."
    # written contracted too (dev round 8)
    for text in ("Please don't hesitate to call us.", "Please don\u2019t hesitate to call us."):
        assert Humanizer.rule_edit(text)[0] == "Feel free to call us."


@pytest.mark.parametrize("source, edited", [
    ("The museum holds a special place in my heart.", "The museum means a lot to me."),
    ("This town will always hold a special place in our hearts.", "This town will always mean a lot to us."),
    ("It doesn't hold a special place in my heart.", "It doesn't mean a lot to me."),
    ("I am reaching out to follow up on my application from May 3.", "I'm following up on my application from May 3."),
    ("Small, consistent habits can make a significant difference.", "Small, consistent habits can make a big difference."),
    ("Dr. Lee was instrumental in securing the $2 million grant.", "Dr. Lee was key to securing the $2 million grant."),
    ("She played an instrumental role in the merger.", "She played a big part in the merger."),
    ("Unlock the full potential of your garden with these tips.", "Get the most out of your garden with these tips."),
    ("Our coaching helps students unlock their full potential.", "Our coaching helps students reach their full potential."),
    ("The deadline is rapidly approaching, so register by Friday.", "The deadline is coming up fast, so register by Friday."),
    ("We humbly invite you to join us on May 4.", "We invite you to join us on May 4."),
    ("Navigating the complex landscape of personal finance can feel daunting.",
     "Managing personal finance can feel daunting."),
    ("At $45, this blender represents excellent value for money.", "At $45, this blender is excellent value for money."),
    # the stock words still counted in the rule edit over dev1-8 (446 passages), each with the plain idiom
    ("Embarking on a fitness journey can feel overwhelming.", "Getting started with fitness can feel overwhelming."),
    ("Whether you're a seasoned athlete or just beginning your fitness journey, lift twice a week.",
     "Whether you're an experienced athlete or just getting started with fitness, lift twice a week."),
    ("The deal is a major milestone in our ongoing journey to deliver faster service.",
     "The deal is a major milestone in our ongoing work to deliver faster service."),
    ("Mara Quell equalized with a stunning 25-yard strike in the 78th minute.",
     "Mara Quell equalized with a brilliant 25-yard strike in the 78th minute."),
    ("Welcome home to 47 Alder Lane, a stunning and carefully maintained residence set in Cedar Hollow.",
     "Welcome home to 47 Alder Lane, a gorgeous and carefully maintained residence set in Cedar Hollow."),
    ("Trailing 2-0 at halftime, the Herons mounted a remarkable comeback.",
     "Trailing 2-0 at halftime, the Herons mounted an impressive comeback."),
    ("Thank you for fostering a vibrant, supportive learning community.",
     "Thanks for building a lively, supportive learning community."),
    ("We are committed to providing a seamless, secure, and enjoyable reading experience.",
     "We're committed to providing a smooth, secure, and enjoyable reading experience."),
    ("To ensure a seamless review, please submit your budget by May 2.",
     "For a smooth review, please submit your budget by May 2."),
    ("To unlock the full benefits of restorative rest, sleep 8 hours.", "To get the full benefits of restorative rest, sleep 8 hours."),
    ("The Fenwick Arts Council is delighted to host its 12th gala.", "The Fenwick Arts Council is happy to host its 12th gala."),
    ("Navigating the intricate world of personal finance can be daunting.", "Managing personal finance can be daunting."),
    ("The haunting score by Oren Thal elevates every scene.", "The haunting score by Oren Thal lifts every scene."),
    # (it was kept: "improves every tense moment" is no collocation; "lifts" is)
    ("The score elevates every tense moment of the 2 chases.", "The score lifts every tense moment of the 2 chases."),
    ("Ready to elevate your career? Apply by July 11.", "Ready to boost your career? Apply by July 11."),
    ("Its legacy continues to shape the rich tapestry of the region's cultural traditions.",
     "Its legacy continues to shape the rich mix of the region's cultural traditions."),
    ("The reception features a curated selection of local wines.",
     "The reception features a hand-picked selection of local wines."),
    ("In today's fast-paced world, it can be challenging to prioritize sleep.", "It can be challenging to prioritize sleep."),
    ("Are you ready to try pottery? Look no further! Clayhouse Studio opens on May 3.",
     "Are you ready to try pottery? Clayhouse Studio opens on May 3."),
    # the stock words still left most often after that (a third count over dev1-8), as the idiom of the same strength
    ("Hike the Ridgeline Trail, an 8-kilometer loop offering breathtaking views of the lake.",
     "Hike the Ridgeline Trail, an 8-kilometer loop offering spectacular views of the lake."),
    ("The film's breathtaking cinematography won 2 awards.", "The film's spectacular cinematography won 2 awards."),
    ("The house offers 2,350 square feet of thoughtfully designed living space.",
     "The house offers 2,350 square feet of well-designed living space."),
    ("I had no shoulder pain, thanks to the thoughtfully padded straps.",
     "I had no shoulder pain, thanks to the well-padded straps."),
    ("I can't wait to use my experience to drive meaningful impact in healthcare.",
     "I can't wait to use my experience to make a real difference in healthcare."),
    ("When I joined Stratton in 2017, I never could have imagined the journey that lay ahead.",
     "When I joined Stratton in 2017, I never could have imagined what lay ahead."),
    ("Elevate your career to new heights.", "Take your career to new heights."),
    ("Version 4.2 is designed to elevate your note-taking experience to new heights in 3 ways.",
     "Version 4.2 is designed to take your note-taking experience to new heights in 3 ways."),
    ("This kettle helps you to unlock the full flavor potential of every bean.",
     "This kettle helps you to bring out the full flavor of every bean."),
    ("With these habits, you can unlock a healthier, more vibrant version of yourself.",
     "With these habits, you can become a healthier, more vibrant version of yourself."),
    ("To embark on this journey, consider the following 3 strategies.", "To get started, consider the following 3 strategies."),
    ("If bread baking scares you, this is the perfect place to begin your journey!",
     "If bread baking scares you, this is the perfect place to get started!"),
])
def test_rule_edit_plain_idioms_for_judged_stock_phrases(source, edited):
    """Stock phrases blind judges listed most often over dev1-8 that the rule edit had left, each
    swapped for the idiom a person writes, verified like every rule edit."""
    from tunesmith.claims import verify
    assert Humanizer.rule_edit(source)[0] == edited
    # The claim checks read a whole text: a guard must look at its own sentence only, or words elsewhere
    # ("key", "data", "color", "2 percent") make the checks see a swap the sentence's edit made as a change
    text = "The color-coded key shows 2 percent of the data points and the song's film score. " + source
    assert verify(text, Humanizer.rule_edit(text)[0]) == []


def test_rule_edit_keeps_the_stock_edits_when_a_cliche_swap_fails_its_checks():
    # "Route 66 celebrates" reads as a count of celebrations where "Route 66 is" counts nothing: the swap fails the
    # quantity check, and the sentence still loses its stock connector instead of staying as written ("Trail 45
    # represents" -> "is" was the example until the checks learned that a verb after a name's number counts nothing)
    text = "Ultimately, Route 66 is a celebration of American freedom."
    assert Humanizer.rule_edit(text)[0] == "Route 66 is a celebration of American freedom."


def test_a_frame_dropped_after_a_list_leaves_no_space_at_the_paragraph_start():
    text = "Tips:\n1. Ferries take about 35 minutes\n\nUltimately, Velmora captures the heart."
    assert Humanizer.rule_edit(text)[0] == "Tips:\n1. Ferries take about 35 minutes\n\nVelmora captures the heart."


def test_tidy_keeps_the_space_before_a_decimal_point():
    """Closing the gap a dropped phrase leaves must not glue "p < .05" or ".NET" to the word before."""
    assert tidy("The threshold was p < .05 , as planned .") == "The threshold was p < .05, as planned."
    assert Humanizer.rule_edit("Furthermore, we found p = .006 with the .NET tool.")[0] == \
        "We found p = .006 with the .NET tool."


@pytest.mark.parametrize("text", ["We received an inquiry about your account.", "Ensure a sufficient supply of water.",
                                  "We protect individuals' privacy.", "She lives in an assisted living facility.",
                                  "The law requires that all staff wear badges.", "Demand, as a result, fell."])
def test_rule_edit_leaves_set_phrases_that_would_break_the_sentence(text):
    assert rule_based_rewrite(text) == text


def test_warm_loads_what_the_first_call_would():
    """A server warms its humanizer at start: the MiniLM check and textstat's dictionary are
    loaded then, not in the first user's call (~3 s)."""
    from tunesmith.humanize import Humanizer, embedder

    embedder.cache_clear()
    Humanizer.warm()
    assert embedder.cache_info().currsize == 1


def test_rule_edit_keeps_what_must_stay_verbatim():
    """An adversarial review (2026-12-02): quotes over two sentences, single quotes, code and layout
    were edited, and a heading over a capitalised line crashed the masking."""
    for text in ("Opening Hours\nMonday to Friday", "Shipping Policy\nOrders ship within 2 days."):
        Humanizer.rule_edit(text)  # (no crash)
    quote = ('"We are thrilled to partner with Acme. It is important to note that we will leverage this momentum," '
             'said CEO Jane Park on May 2.')
    assert Humanizer.rule_edit(quote)[0] is None
    out = Humanizer.rule_edit("The sign reads 'Please note that individuals under 18 must be accompanied' at 3 gates. "
                              "She called it \u2018a pivotal moment that will foster growth\u2019 in 2024. "
                              "Furthermore, we will utilize 2 rooms.")[0]
    assert "'Please note that individuals under 18 must be accompanied'" in out
    assert "\u2018a pivotal moment that will foster growth\u2019" in out and out.endswith("We'll use 2 rooms.")
    code = ("Furthermore, you require the module with require('fs') and set robust=True.\n"
            "Run `utilize --all` first:\n    import robust\n    model = robust.fit(data)\n"
            "Item\tPrice\n  - Works with 2 apps")
    out = Humanizer.rule_edit(code)[0]
    assert out.startswith("You need the module with require('fs') and set robust=True."), out
    for kept in ("`utilize --all`", "\n    import robust\n    model = robust.fit(data)\n", "Item\tPrice\n  - Works"):
        assert kept in out, (kept, out)


def test_rule_edit_capitals_only_at_sentence_starts():
    # a sentence after a quote that ends with its own full stop (seen live on make serve)
    assert Humanizer.rule_edit('The CEO said "We will utilize 3 sites. It is crucial to act." Furthermore, keep '
                               'out of reach of 2 children.')[0] == \
        'The CEO said "We will utilize 3 sites. It is crucial to act." Keep out of reach of 2 children.'

    assert Humanizer.rule_edit("Meet at 2:00 p.m. It is important to note that we start on time.")[0] == \
        "Meet at 2:00 p.m. We start on time."
    assert Humanizer.rule_edit("Add 1 tsp. salt. Furthermore, add 2 eggs.")[0] == "Add 1 tsp. salt. Add 2 eggs."
    assert Humanizer.rule_edit("iPhone users are required to update 2 apps.")[0] == "iPhone users must update 2 apps."


def test_model_slips_no_claim_check_sees_are_refused():
    from tunesmith.humanize import _slips

    # dev3 round 1's blind judge: a contracted possessive "have", and a dropped opening "With"
    assert _slips("If you have any questions, reply.", "If you've any questions, reply.")
    assert _slips("With more than <F1> years of experience in sales, I am confident.",
                  "More than <F1> years of experience in sales, I'm confident.")
    # dev3 round 1's second judge: "Let's dive in!" cut to "Let's dive!"
    assert _slips("Bake it twice. Let's dive in!", "Bake it twice. Let's dive!")
    assert _slips("Let's dive into the <F1> steps.", "Let's dive into the <F1> steps.") is None
    # dev4's judge: an instruction turned into "let's", a heading reworded
    assert _slips("Warm up for <F1> minutes before every workout.", "Let's warm up for <F1> minutes first.")
    assert _slips("Let us know by Friday.", "Let us know by Friday, please.") is None
    assert _slips("Bug Fixes:", "Fixes bug:")
    assert _slips("A milestone for <F1> as we unveil the <F2>.", "A milestone for <F1> we unveil the <F2>.")
    assert _slips("A milestone for <F1> as we unveil the <F2>.", "A big day for <F1> as we unveil the <F2>.") is None
    assert _slips("Start after <F1> Ultimately, this study shows why.", "Start after <F1> this study shows why.")
    assert _slips("Start after <F1> Ultimately, this study shows why.", "Start after <F1> This study shows why.") is None
    assert _slips("Bug Fixes:", "Bug Fixes:") is None
    # dev6: (source, candidate, refused?) - an added ellipsis or emoji, "Yes," for "Indeed,", "continuing to
    # use" made "continuing using", a lost "this is where"; and the rewrites next to them that are fine
    for source, candidate, refused in [
        ("Programmable timer with a <F1> advance setting", "Programmable timer with a <F1> advance setting...", True),
        ("Wait for it... then pour.", "Wait for it… then pour.", False),
        ("Indeed, in a <F1> survey, his team found ice.", "Yes, in a <F1> survey, his team found ice.", True),
        ("Yes, we open on <F1>.", "Yes, we're open on <F1>.", False),
        ("By continuing to use our services, you agree.", "By continuing using our services, you agree.", True),
        ("By continuing to use our services, you agree.", "If you keep using our services, you agree.", False),
        ("Keep stirring during cooking.", "Keep stirring during cooking, please.", False),
        ("Stopping smoking lowers your risk.", "Quitting smoking lowers your risk.", False),
        ("I'm thrilled to share some news! 🎉", "🎉 I'm thrilled to share some news! 🎉", True),
        ("I'm thrilled to share some news! 🎉", "I'm so happy to share some news! 🎉", False),
        ("This is where you come in.", "You come here.", True),
        ("This is where you come in.", "That's where you come in.", False),
    ]:
        assert bool(_slips(source, candidate)) is refused, (source, candidate)
    # (checked after the rule edit's cleanup too: it makes "For ensuring that" -> "For making sure")
    assert make_sure_without_clause("For making sure the safety of our community, work starts <F1>.")
    # ... narrowed after review: other wh-words may go, and "make sure the lid of the jar is tight" is English
    for source, good in [("When it comes to pricing, we are competitive.", "On pricing, we're competitive."),
                         ("Where possible, use public transit.", "If you can, use public transit."),
                         ("Thanks for ensuring the door was locked.", "Thanks for making sure the door was locked.")]:
        assert _slips(source, good) is None, good
    assert not make_sure_without_clause("Make sure the lid of the jar is tight.")
    assert _slips("Tips for keeping bills low", "Tips for keeping heating bills low") is None
    assert _slips("NOTICE TO ALL RESIDENTS", "Notice TO ALL RESIDENTS")
    assert _slips("The NASA team met.", "The NASA team got together.") is None
    # the same sentences rewritten well pass
    assert _slips("If you have any questions, reply.", "If you have questions, just reply.") is None
    assert _slips("We have the <F1> keys.", "We've got the <F1> keys.") is None
    assert _slips("With more than <F1> years of experience in sales, I am sure.",
                  "With over <F1> years of experience in sales, I'm sure.") is None
    # a fact's preposition dropped ("will follow <F1>" reads as "come after"); kept or swapped for another, fine
    assert _slips("Conferences will follow on <F1>.", "Conferences will follow <F1>.")
    assert _slips("Conferences will follow on <F1>.", "Conferences follow on <F1>.") is None
    assert _slips("Pay by <F1>.", "Please pay before <F1>.") is None
    # ... and after its review: a bare placeholder after the preposition; good contractions and restructurings pass
    assert _slips("With <F1> years of experience, I am confident.", "<F1> years of experience, I'm confident.")
    for source, candidate in [("We have added <F1> rooms.", "We've added <F1> rooms."),
                              ("I have always liked it.", "I've always liked it."),
                              ("With the new app you can pay. The new app is free.",
                               "With the new app you can pay. The new app is free."),
                              ("Despite the heavy rain, the match went ahead.", "The heavy rain didn't stop the match."),
                              ("Under the new rules, tenants must give notice.", "The new rules say tenants must give notice.")]:
        assert _slips(source, candidate) is None, candidate


def test_filler_frames_may_be_dropped_whole_but_not_changed_or_added():
    from tunesmith.claims import verify

    frame = "In a testament to the power of community collaboration, "
    assert verify(frame + "the town raised $40,000.", "The town raised $40,000.") == []
    assert verify(frame + "the town raised $40,000.", frame + "the town raised $40,000.") == []
    # a frame kept is checked word for word, and one added is a change (it can restrict: "Whether you're ...")
    assert verify("In a thrilling display of grit, the Hawks won 3-2.", "In a thrilling display of skill, the Hawks won 3-2.")
    assert verify("Your premium will be higher.",
                  "Whether you're a seasoned smoker or a casual drinker, your premium will be higher.")
    # a text that is nothing but filler is never emptied
    assert Humanizer.rule_edit("Your next unforgettable adventure starts here.")[0] is None


@pytest.mark.parametrize("source, expected", [
    # dev4 round 1: its round-0 judge's stiff phrasing, each swapped where the syntax around it allows
    ("That being said, the unit isn't cheap.", "That said, the unit isn't cheap."),
    ("First and foremost, you need an emergency fund covering 3 to 6 months of expenses.",
     "First, you need an emergency fund covering 3 to 6 months of expenses."),
    ("We hope this notice finds you well. The water will be off on Wednesday.", "The water will be off on Wednesday."),
    ("I am more than happy to help.", "I'm happy to help."),
    ("Thank you in advance for your cooperation.", "Thanks in advance for your cooperation."),
    ("Our staff acted swiftly to clear the pool.", "Our staff acted quickly to clear the pool."),
    ("Kōmori is undoubtedly a worthy addition to the neighborhood's dining landscape.",
     "Kōmori is a worthy addition to the neighborhood's dining scene."),
    ("We remain deeply committed to your safety.", "We remain committed to your safety."),
    ("I would wholeheartedly recommend it to anyone.", "I'd highly recommend it to anyone."),
    ("I wanted to inform you that the meeting has moved.", "I wanted to let you know that the meeting has moved."),
    ("Thanks for reaching out, and please accept our sincerest apologies for the delay.",
     "Thanks for reaching out, and we're very sorry for the delay."),
    ("As a token of our appreciation for your patience, we refunded the $18.50 fee.",
     "As a thank you for your patience, we refunded the $18.50 fee."),
    ("In this pivotal role, you will oversee 25 associates.", "In this role, you'll oversee 25 associates."),
    ("We'd like to take a moment to highlight 3 events.", "We'd like to highlight 3 events."),
    ("We are thrilled to announce that our company has acquired Brightlake for $58 million.",
     "Our company has acquired Brightlake for $58 million."),
    ('Tardigrades, often referred to as "water bears," are tough.', 'Tardigrades, often called "water bears," are tough.'),
    ("Navigating the complex world of personal finance can be a daunting endeavor.",
     "Managing personal finance can be daunting."),  # (dev1-8 round: personal finance is managed)
    ("Today marks a pivotal milestone for our 40 staff.", "Today marks a major milestone for our 40 staff."),
    ("Crafted from 304 stainless steel, it holds 1.0 litre.", "Made from 304 stainless steel, it holds 1.0 litre."),
    ("It is a must-visit for pasta lovers.", "It's a must for pasta lovers."),
    ("The pappardelle ($26) was an absolute triumph.", "The pappardelle ($26) was a triumph."),
    ("Members engaged in a robust discussion about the $5,000 budget.",
     "Members discussed the $5,000 budget."),
    ("In a heartwarming display of community spirit, 80 volunteers came together on Saturday.",
     "80 volunteers came together on Saturday."),
    ("In a thrilling encounter that kept fans on the edge of their seats, the Hawks beat Millbrook 3-2.",
     "The Hawks beat Millbrook 3-2."),
    ("A gift of $50 feeds a family for a week. Together, we can make a difference.",
     "A gift of $50 feeds a family for a week."),
    ("This release will revolutionize the way you plan 3 meals.", "This release will change the way you plan 3 meals."),
    ("Choosing the right band is the key to unlocking better speed.", "Choosing the right band is the key to better speed."),
    ("It is worth noting, however, that 40 residents could not pay.", "But 40 residents couldn't pay."),
    ("You have got this!", "You've got this!"),
    # dev4 round 2
    ("If you can't attend, kindly let me know by Monday.", "If you can't attend, please let me know by Monday."),
    ("We kindly recommend that residents store 10 litres of water.", "We recommend that residents store 10 litres of water."),
    ("We kindly ask that you not bring food.", "We ask that you not bring food."),  # (no "Please not bring")
    ("Please kindly note that the office is closed on Monday.", "The office is closed on Monday."),
    ("Dear Valued Members,", "Dear Members,"),
    ("In this groundbreaking study, researchers followed 412 students.", "In this study, researchers followed 412 students."),
    ("Thanks for your cooperation and understanding.", "Thanks for your cooperation."),
    ("Key updates in version 2 include the following:\n- faster search", "Key updates in version 2 include:\n- faster search"),
    ("The lab uses cutting-edge technology to sequence 40 genomes a day.",
     "The lab uses modern technology to sequence 40 genomes a day."),
    ("The BrewMate 3 seamlessly combines 2 functions.", "The BrewMate 3 combines 2 functions."),
    ("Also, we are delighted to announce that our club raised $1,240.", "Also, our club raised $1,240."),
    ("(Additionally, the fee is waived for 2 groups.)", "(The fee is waived for 2 groups.)"),
    ("- Moreover, the warranty covers 2 parts.", "- The warranty covers 2 parts."),
    ("Hi Rachel, I hope this email finds you well. I wanted to follow up on the $64,800 proposal.",
     "Hi Rachel, I wanted to follow up on the $64,800 proposal."),
    ("Dear Team, I am writing to inform you that the office will be closed on Friday.",
     "Dear Team, the office will be closed on Friday."),
    ("Should you have any questions, please do not hesitate to reach out.",
     "If you have any questions, feel free to get in touch."),
    ("I wanted to reach out to inform you that the meeting has moved to 3 p.m.",
     "I wanted to let you know that the meeting has moved to 3 p.m."),
    ("Feel free to reach out if you have any questions.", "Feel free to get in touch if you have any questions."),
    ("Thank you for your patience and understanding.", "Thanks for your patience."),
    ("We hope this message finds you well. As winter approaches, we have 3 events.",
     "As winter approaches, we have 3 events."),
    ("2FA blocks 99% of attacks. It is important to note, however, that not all methods are secure.",
     "2FA blocks 99% of attacks. But not all methods are secure."),
])
def test_rule_edit_dev4_stock_phrases(source, expected):
    assert Humanizer.rule_edit(source)[0] == expected


@pytest.mark.parametrize("source, kept", [
    ("Take a moment to review the 3 forms.", "Take a moment to"),  # an imperative asks for the time
    ("This is the key to unlocking the door.", "unlocking"),  # a key
    ("We're excited to share that recipe with you.", "share that recipe"),  # a demonstrative, not a clause
    ("The board convened a task force of 5.", "convened"),  # transitive
    ("The panel was convened on Monday.", "convened"),  # passive
    ("Welcome to the complex world of tax.", "complex world"),  # no verb of finding one's way
    ("He said we are thrilled to announce that it works.", "to announce that"),  # not a sentence start
])
def test_rule_edit_dev4_swaps_stay_out_of_other_syntax(source, kept):
    assert kept in (Humanizer.rule_edit(source)[0] or source)


def test_claims_tell_an_apology_from_thanks_and_a_finished_passive_from_an_ongoing_one():
    from tunesmith.claims import verify

    # dev4's judge: "We are writing to sincerely apologize for the closure" -> "Thanks for the closure"
    assert verify("We sincerely apologize for the closure on July 12.", "Thanks for the closure on July 12.")
    assert verify("We sincerely apologize for the delay.", "We're very sorry for the delay.") == []
    assert verify("Please accept our apologies for the delay.", "We're sorry for the delay.") == []
    # dev4's judge: "it has now been shipped" -> "it's now being shipped"
    assert verify("It has now been shipped.", "It's now being shipped.")
    assert verify("That being said, it works.", "That said, it works.") == []
    # "a must for fans" is a noun, no obligation
    assert verify("It is a must-read for fans.", "It's a must for fans.") == []
    assert verify("You may bring a guest.", "You must bring a guest.")


@pytest.mark.parametrize("source, kept", [
    # dev4 round 1's review (~380 probes by a helper): each class of failure it found
    ("I'm so excited to share that article with everyone.", "share that article"),
    ("We're proud to announce that.", "announce that"),
    ("We're thrilled to announce that Corvana has acquired Brightlake. Today, we signed.", "announce that"),
    ("I want to thank you in advance for your help.", "thank you in advance"),
    ("Residents will please be reminded that parking is prohibited.", "please be reminded"),
    ("I hope this message finds you well, despite the storm.", "finds you well"),
    ("Dear Anna, I hope this email finds you well. The invoice is attached.", "finds you well"),
    ("It is a daunting task that requires patience.", "daunting task"),
    ("She was referred to as an outpatient to the cardiology clinic.", "referred to as"),
    ("The key to unlocking is patience.", "unlocking"),
    ("If he is undoubtedly guilty, the jury must convict.", "undoubtedly"),
    ("I wholeheartedly recommend against taking this medication.", "wholeheartedly"),
    ("Until I completely understand the risks, I will not sign.", "completely"),
    ("She was, first and foremost, a mother.", "first and foremost"),
    ("Please accept our sincere apologies for the error, and a refund of $20.", "accept"),
    ("As a token of our appreciation of his work, we named the hall after him.", "token"),
    ("We regret to inform you that your flight has been cancelled.", "inform you"),
    ("I'd like to take a moment to think about it before I decide.", "take a moment"),
    ("Swiftly Logistics announced record profits.", "Swiftly"),
    ("The paper includes a robust discussion of its limitations.", "discussion of"),
    ("No candidate emerged as an absolute winner.", "absolute winner"),
    ("Vietnam's culinary landscape includes pho.", "culinary landscape"),
    ("Explore the complex world of bees in this documentary.", "complex world"),
    ("Our slogan is simple. Together, we can make a difference.", "Together"),
    ("Together, we can make a difference. Alone, we cannot.", "Together"),
    ("But it is worth noting, however, that the sample was small.", "worth noting"),
    ("She and I have got tickets.", "I have got"),
    ("The grand jury convened in March indicted him.", "convened"),
    ("Acme Inc. did not comment.", "Inc. didn't"),
    ("Please reach out to the Smiths.", "reach out"),
    ("She treated us kindly.", "kindly"), ("A kindly neighbour brought soup.", "kindly"),
    ("He kindly offered to drive us.", "kindly"),
    ("Brightlake is a cutting-edge leader in predictive data tools.", "cutting-edge"),
    # ... and its review (~170 probes)
    ("She opened the door and kindly let us in out of the rain.", "kindly"),
    ("Mrs. Kindly let the dog out this morning.", "Mrs. Kindly"),
    ("If you are travelling, please kindly note that flights are delayed.", "note that"),
    ("This isn't cutting-edge technology, but it works.", "cutting-edge"),
    ("She is a cutting-edge technology leader.", "cutting-edge"),
    ("I wouldn't call this groundbreaking research.", "groundbreaking"),
    ("Without your cooperation and understanding, we cannot proceed.", "understanding"),
    ("Reasons to include the following: it saves time.", "the following"),
    # ... and its second review (~130 probes)
    ("Please reach out with your right arm and hold the stretch.", "reach out"),
    ("Your patience and understanding are greatly appreciated.", "understanding"),
    ("Whether you're a professional or an amateur, you'll compete in separate divisions.", "Whether"),
    ("Today, we're excited to announce that the bridge reopened last month.", "announce that"),
    ("As the storm passes, I hope this message finds you well. I wanted to check on the roof.", "finds you well"),
])
def test_rule_edit_dev4_review_cases_keep_their_sense(source, kept):
    assert kept in (Humanizer.rule_edit(source)[0] or source)


def test_a_title_ends_no_sentence():
    from tunesmith.humanize import sentence_split

    assert sentence_split("The team, led by Dr. Anika Rasmussen, met. We met Mr. Li. It works.") == [
        "The team, led by Dr. Anika Rasmussen, met.", "We met Mr. Li.", "It works."]


# dev5 round 0: two blind judges' error reports and stiff-phrase lists
@pytest.mark.parametrize("source,expected", [
    # a whether-frame says the thing suits everyone: kept (four test judges and a dev5 judge counted
    # its drop as a lost claim)
    ("Whether you are a seasoned baker or a nervous beginner, I am confident that this recipe will become a favorite.",
     "Whether you're an experienced baker or a nervous beginner, I'm confident that this recipe will become a favorite."),
    ("Whether you're an avid hiker or a curious wanderer, Dunmarra offers 12 trails.", None),
    # a second that-clause loses its "that" with the frame (was "Attire is requested and that the venue ...")
    ("Please note that cocktail attire is requested and that the venue does not offer on-site parking.",
     "Cocktail attire is requested and the venue doesn't offer on-site parking."),
    # a frame with its comma goes with the comma (was ", to ensure ...")
    ("Dear Residents,\nPlease be advised that, in order to ensure the safety of our building, the lift will close on "
     "Thursday, August 14.",
     "Dear Residents,\nTo ensure the safety of our building, the lift will close on Thursday, August 14."),
    # "individuals" are people only where they are people
    ("Tardigrades are tough. Active, hydrated individuals are considerably more vulnerable.", None),
    ("Furthermore, individuals with heart conditions should consult a physician.",
     "People with heart conditions should consult a physician."),
    ("Many individuals struggle with sleep.", None),  # (the review: "Many individuals of the species")
    ("We are seeking talented individuals to join us.", "We're looking for talented people to join us."),
    ("Researchers tagged 12 individuals in the wolf pack.", None),
    ("Counselling is available for individuals and couples.", None),
    # an invitation hurried is a request
    ("Please do not hesitate to reach out at your earliest convenience.", "Please reach out as soon as you can."),
    ("Please do not hesitate to contact us if you have any questions.",
     "Feel free to contact us if you have any questions."),
    ("It is worth emphasizing that Mr. Oyelaran will not be departing the organization entirely.",
     "Mr. Oyelaran won't be departing the organization entirely."),
    ("It is important to emphasize, however, that tardigrades are not invincible.", "But tardigrades aren't invincible."),
    ("As a precautionary measure, the school nurse evaluated each student.",
     "As a precaution, the school nurse evaluated each student."),
    ("Researchers monitored their sleep for a period of six consecutive weeks.",
     "Researchers monitored their sleep for six consecutive weeks."),
    ("The team followed 412 students over a period of 18 months.", None),  # "over 18 months" is more than 18
    ("After a period of calm, the storm returned.", None),
    # (bare "whereby" stays: the Whereby app, "the mechanism whereby"; "an issue whereby" is dev11 round 3's)
    ("Resolved an issue whereby attachments failed to sync.", "Fixed an issue where attachments failed to sync."),
    ("We will ship the order to customers at their earliest convenience.",
     "We'll ship the order to customers at their earliest convenience."),
    ("The active preparation is long, but rest assured that it takes no more than 25 minutes.",
     "The active preparation is long, but it takes no more than 25 minutes."),
    ("As you are aware, the lease ends on May 31.", "As you know, the lease ends on May 31."),
    ("Regrettably, the service faltered considerably.", "Unfortunately, the service faltered considerably."),
    ("We are beyond excited to share some news with our community!",
     "We're so excited to share some news with our community!"),
    ("I eagerly look forward to contributing to your team.", "I look forward to contributing to your team."),
    ("The team engaged in a robust discussion regarding the release timeline.", "The team discussed the release timeline."),
    ("The purpose of this summary is to provide a comprehensive overview of the key points discussed during the Q3 meeting.",
     "This summary covers the main points discussed during the Q3 meeting."),
    ("This document serves to summarize the proceedings of the annual meeting held on May 3.",
     "This document summarizes the proceedings of the annual meeting held on May 3."),
    ("They let us explore the ruins.", None),
    ("Should you encounter any unexpected behavior, please open an issue.",
     "If you encounter any unexpected behavior, please open an issue."),
    ("The city walls encompass the old town.", None),
    ("We wish to remind families that school closes at 3 p.m.", "We'd like to remind families that school closes at 3 p.m."),
    ("In a thrilling encounter that will undoubtedly be remembered for years to come, Harborview United secured a "
     "dramatic 3-2 victory over Kestrel Town.", "Harborview United won a dramatic 3-2 victory over Kestrel Town."),
    ("Crucially, the vaccine must be stored below 8 degrees.", "The vaccine must be stored below 8 degrees."),
])
def test_rule_edit_dev5_cases(source, expected):
    assert Humanizer.rule_edit(source)[0] == expected


@pytest.mark.parametrize("source,candidate,why", [
    ("Embark on your next outdoor adventure with confidence thanks to the Trailhaven Summit 45.",
     "Starting your next outdoor adventure with confidence thanks to the Trailhaven Summit 45.", "fragment"),
    ("At sunset, however, sunlight must travel through a thicker layer.",
     "At sunset, but sunlight must travel through a thicker layer.", "'but'"),
    ("Our eyes are not especially sensitive to it.", "Our eyes aren't really sensitive to it.", "denies"),
    ("Before we delve into the step-by-step instructions, here are a few tips:",
     "Before we do the step-by-step instructions, here are a few tips:", "'do'"),
    ("An in-unit washer and dryer installed in 2023", "An in-unit washer and dryer was installed in 2023", "list item"),
])
def test_model_slips_dev5_are_refused(source, candidate, why):
    assert why in (_slips(source, candidate) or "")


@pytest.mark.parametrize("source,candidate", [
    ("The plan is good, however, the budget is tight.", "The plan is good, but the budget is tight."),
    ("Visit the museum in the morning.", "During the morning, visit the museum."),
    ("Take your own bottle.", "Bring your own bottle."),
    ("Not that it matters, but the shop is closed.", "It doesn't matter, but the shop is closed."),
    ("Before we start, read this.", "Before we do anything, read this."),
    ("Hope you're well", "Hope you are well"),
    ("Our eyes are not especially sensitive to it.", "Our eyes aren't especially sensitive to it."),
    ("Please do the survey by Friday.", "Please do the survey by Friday."),
    ("Store a sufficient supply of drinking water prior to the shutoff.", "Store enough drinking water before the shutoff."),
    ("Embark on your next adventure with the Summit 45.", "Start your next adventure with the Summit 45."),
])
def test_model_rewrites_near_the_dev5_slips_pass(source, candidate):
    assert _slips(source, candidate) is None


# The review of dev5 round 1 (~500 probes): each of these broke a sentence or changed a claim
@pytest.mark.parametrize("source,expected", [
    ("I don't think it is worth emphasizing that the fee is waived.",
     "I don't think it's worth emphasizing that the fee is waived."),
    ("It is important to emphasize that.", "It's important to emphasize that."),
    ("You can rest assured that the car is insured.", None),
    ("Most crucially, we need more funding.", None),
    ("The goal came, crucially, in the last minute.", None),
    ("If you are travelling, please note that, due to the strike, trains are delayed.",
     "If you're travelling, please note that, because of the strike, trains are delayed."),
    ("Please be aware that, and this is important, the door locks at 9 pm.", None),
    ("It is worth emphasizing that the drug is safe, not that it is effective.",
     "It's worth emphasizing that the drug is safe, not that it's effective."),
    ("It is important to emphasize, however, that the sample was small and that the results may not hold.",
     "But the sample was small and the results may not hold."),
    ("Please note that the office, and that of our partner, will close at 5 p.m.",
     "The office, and that of our partner, will close at 5 p.m."),
    ("As you are aware, or should be, the rent is due on the first.", None),
    ("He behaved regrettably, and was fired.", None),
    ("I wasn't absolutely thrilled with the room, but it was fine.", None),
    ("The dog went beyond excited into frantic barking.", None),
    ("The students were engaged in a lively discussion about climate change when the bell rang.", None),
    ("The purpose of this email is to provide a brief overview of the changes and to ask for your input.", None),
    ("This document serves to summarize and clarify the new policy.", None),
    ("Should you have told him?", None),
    ("Why should you have to pay twice?", None),
    ("Should you have needed help, we were here.", None),
    ("Do we wish to continue?", None),
    ("I wish to God I had never met him.", None),
    ("For a period of 2 seconds, the pendulum must be about 1 metre long.", None),
    ("Please don't hesitate to call me at your earliest convenience.", "Please call me as soon as you can."),
    ("Please do not hesitate to contact me or my assistant, who will reply at your earliest convenience.",
     "Feel free to contact me or my assistant, who will reply as soon as you can."),
    ("Tickets: $10 for individuals, $25 for families.", None),
    ("Most individuals were juveniles under 2 cm long.", None),
])
def test_rule_edit_dev5_review_cases_keep_their_sense(source, expected):
    assert Humanizer.rule_edit(source)[0] == expected


# dev5 round 3: plain words for set phrases its round-2 judges still flagged (each keeps its syntax)
@pytest.mark.parametrize("source,expected", [
    ("Please stay seated for the duration of the flight.", "Please stay seated throughout the flight."),
    ("The salary is $58,000 per year, commensurate with experience.",
     "The salary is $58,000 a year, depending on experience."),
    ("Problems of this nature are rare.", "Problems like this are rare."),
    ("In the event of rain, bring a coat.", "In case of rain, bring a coat."),
    ("A sturdy wooden spoon will suffice.", "A sturdy wooden spoon will do."),
    ("Freeze one loaf for later enjoyment.", "Freeze one loaf for later."),
    ("Notable highlights include:", "Highlights include:"),
    # its review (~250 probes): each of these kept
    ("At its core, the Sun reaches 15 million degrees.", None),
    ("This does not represent a major milestone.", "This doesn't represent a major milestone."),
    ("The walls have stood as a testament to the town's history for 600 years.",
     "The walls have stood as a sign of the town's history for 600 years."),
    ("Pay is commensurate with experience.", None),
    ("We must protect the wildlife of this nature reserve.", None),
    ("The problem is of this nature, not of that one.", None),
    ("The lease runs for the duration of 12 months.", None),
    ("He finished third in the event of the year.", None),
    ("It will suffice to note that the deadline has passed.", None),
    ("Save some cookies for later enjoyment by the kids.", None),
    ("In today's increasingly interconnected digital world, passwords are not enough.", "Passwords aren't enough."),
])
def test_rule_edit_dev5_round3(source, expected):
    assert Humanizer.rule_edit(source)[0] == expected


# dev6 round 0: its two judges' grammar notes on the rule edit, and stiff phrases the claim checks
# had refused to let go (a false alarm each: "in order to" moved the word after a count, "It goes
# without saying" read as a negation, "All in all" as a quantifier, "a myriad of" counted nothing)
@pytest.mark.parametrize("source,expected", [
    # ("comes in light of" -> "follows" was dropped after review: a cause is no sequence)
    ("The decision comes in light of growing concerns regarding the roof.",
     "The decision comes in light of growing concerns about the roof."),
    ("In light of the storm, we closed early.", "Given the storm, we closed early."),
    ("We closed early in light of the storm.", None),  # ("closed early given the storm" reads oddly)
    ("A solid fund is one of the most pivotal steps you can take.", "A solid fund is one of the most important steps you can take."),
    ("Few events have played as pivotal a role as the strike.", "Few events have played as important a role as the strike."),
    ("Security matters, and understanding it is of the utmost importance.", "Security matters, and understanding it is essential."),
    ("To Our Valued Customers,\nWe are writing to explain.", "To Our Customers,\nWe're writing to explain."),
    ("I felt no pain — a testament to the padded straps.", None),
    ("Historians regard the strike as a testament to the strength of labor.",
     "Historians regard the strike as a sign of the strength of labor."),
    ("The novel follows Maren as she embarks on a journey to uncover the truth.",
     "The novel follows Maren as she sets out to uncover the truth."),
    ("For the purpose of ensuring your safety, the pool will close on Monday.",
     "To ensure your safety, the pool will close on Monday."),
    ("You are cordially invited to embark on an unforgettable evening of jazz.",
     "You're invited to embark on a memorable evening of jazz."),
    ("All in all, consistency is the key to lasting success.", "Consistency is the key to lasting success."),
    ("It goes without saying that this recipe holds a special place in my heart.",
     "This recipe means a lot to me."),
    ("The team tracked 312 adults aged 40 to 65 in order to study their sleep.",
     "The team tracked 312 adults aged 40 to 65 to study their sleep."),
    ("Users must update to version 5.3.0 prior to April 1 in order to keep syncing.",
     "Users must update to version 5.3.0 before April 1 to keep syncing."),
    ("The island offers a myriad of experiences.", "The island offers many experiences."),
    # ... and the claims still see what these phrases' neighbours say
    ("All in all, all 12 rooms were booked.", "All 12 rooms were booked."),
    ("The boathouse will serve as the backdrop for the gala.", "The boathouse will be the backdrop for the gala."),
    ("The Brew Pro 12 serves as the perfect companion for busy people.",
     "The Brew Pro 12 is perfect for busy people."),
    ("She also serves as a mentor to 12 students.", None),
    ("Below, please find a comprehensive overview of the key takeaways.", "Below is a full overview of the main takeaways."),
    ("I must say, it exceeded my expectations.", "It exceeded my expectations."),
    ("A fund is the best way to safeguard your savings.", "A fund is the best way to protect your savings."),
    ("We value your partnership in your child's educational journey.", "We value your partnership in your child's education."),
    # its review (~450 probes): each of these kept, or edited without the reviewed slip
    ("Napoleon embarked on a journey to Russia in 1812.", None),
    ("Nadal serves as the crowd falls silent.", None),
    ("Serves as a base for sauces and soups.", None),
    ("Goods subject to safeguard duties cost more.", None),
    ("Make sure your passport is in order to avoid delays.", None),
    ("Join our 10-day educational journey to Israel.", None),
    ("The memorial stands as a testament to those we lost.", None),
    ("It was an unforgettable tragedy for the families.", None),
    ("We spent two unforgettable nights in Rome.", "We spent two memorable nights in Rome."),
    ("This is a more comprehensive overview.", None),
    ("Below, please find a few photos.", None),
    ("Safety is of the utmost importance to us.", None),
    ("The pasta, I must say, was excellent.", None),
    ("They were all in all the photos.", None),
    ("UNFORGETTABLE.", "MEMORABLE."),
    ("We deeply regret the inconvenience this may have caused.", "We're sorry for the inconvenience this may have caused."),
    ("I'm deeply passionate about clean data.", "I'm passionate about clean data."),
    ("With heartfelt gratitude,\nEvelyn Marsh", "With gratitude,\nEvelyn Marsh"),
    ("A heartfelt thank-you to everyone who helped!", "A big thank-you to everyone who helped!"),
    ("We'd like to extend a warm and heartfelt invitation to you.", "We'd like to extend a warm invitation to you."),
    ("To facilitate this process as smoothly as possible, please follow these steps.",
     "To make this process as smooth as possible, please follow these steps."),
    ("First, the comfort is unparalleled.", "First, the comfort is unmatched."),
    ("The hotel offers unparalleled views of the bay.", "The hotel offers unbeatable views of the bay."),
    ("The film builds an atmosphere of unparalleled tension.", "The film builds an atmosphere of unmatched tension."),
    # the review of round 2 (~190 probes)
    ("You will, with the new plan, have the ability to pause.", None),
    ("Let users have the ability to export their data.", None),
    ("Please have the ability to show ID at the door.", None),
    ("The drone only has the ability to fly for 20 minutes.", None),
    ("The service saw unparalleled performance problems.", "The service saw unmatched performance problems."),
    ("His unparalleled views on policy shaped the bank.", "His unmatched views on policy shaped the bank."),
    ("I'm not deeply passionate about golf, but I enjoy it.", None),
    ("She wrote a heartfelt thank-you note to 3 teachers.", None),
    ("A heartfelt thank-you to the nurses who cared for Dad before he passed away.", None),
    ("The speech was warm and heartfelt.", None),
    # dev6 round 3: "comprehensive" where a plain word says the same, else kept
    ("This comprehensive study found that 412 students slept less.", "This thorough study found that 412 students slept less."),
    ("For comprehensive instructions, see the wiki.", "For full instructions, see the wiki."),
    # ... its review (~160 probes): a noun that is not the head, a fixed term, a stronger "complete"
    ("Comprehensive policies range from $300 to $900 a year.", None),
    ("The court granted a comprehensive summary judgment.", None),
    ("The leaflet gives a comprehensive list of side effects.", None),
    ("Comprehensive coverage training starts Monday.", None),
    ("It is a very comprehensive overview.", "It's a very comprehensive overview."),
    ("Read our comprehensive guide to 5 trails.", "Read our complete guide to 5 trails."),
    ("She led a comprehensive American initiative.", None),
    ("Comprehensive insurance costs $80 a month.", None),
    ("It is a more comprehensive guide.", "It's a more comprehensive guide."),
    ("Even for a complete beginner, this comprehensive guide helps.", None),
    # two leftovers of earlier sessions: an inverted "Should you have", a testament to a person
    ("Should you have been there, you would have seen 3 goals.", "Should you have been there, you'd have seen 3 goals."),
    ("The trophy stands as a testament to the coach.", None),
    ("The win was hailed as a testament to the coach.", None),
    # dev6 round 2's pairwise judge: the praise of "nothing short of a testament to" is not "a sign of"
    ("The debut novel is nothing short of a testament to the power of stories.",
     "The debut novel shows the power of stories."),
    # dev6 round 1: "has the ability to" -> "can" only for a finite verb ("will can", "Does it can" are no English)
    ("With the right habits, anyone has the ability to get fit.", "With the right habits, anyone can get fit."),
    ("Only admins have the ability to delete 3 accounts.", "Only admins can delete 3 accounts."),
    ("You will have the ability to export reports.", "You'll have the ability to export reports."),
    ("You'll have the ability to export reports.", None),
    ("Does it have the ability to sync?", None),
    ("Should you have the ability to travel, call us.", "If you have the ability to travel, call us."),
])
def test_rule_edit_dev6_round0(source, expected):
    assert Humanizer.rule_edit(source)[0] == expected


def test_claims_see_you_turned_into_they():
    from tunesmith.claims import verify

    source = "Listen more than you speak; your customers will tell you everything you need to know."
    assert verify(source, source.replace("you need to know", "they need to know"))
    assert verify("Tell them what you need.", "Tell them what you need, please.") == []
    # the set phrases the claims read as empty are empty only as openers with their comma
    assert verify("I must say sorry to Anna before the meeting.", "I'm sorry to Anna before the meeting.")
    assert verify("They were all in all the photos.", "They were in the photos.")
    assert verify("I must say, the 3 rooms were clean.", "The 3 rooms were clean.") == []


# dev7 round 0 (read by hand and by its two judges): model slips no check saw, each refused, with a
# fine rewrite of the same sentence beside it
@pytest.mark.parametrize("source,candidate,refused", [
    ("Unplug the grinder and hold the button for <F1>.", "Quick: Unplug the grinder and hold the button for <F1>.", True),
    ("Direct windfalls straight into the fund.", "Direction: Direct windfalls straight into the fund.", True),
    ("Note: the fund is separate.", "Note: the fund is kept apart.", False),
    ("Not everyone was in favor, however. <F1> voted against it.", "Not everyone was in favor of, but. <F1> voted against it.", True),
    ("Not everyone was in favor, however.", "Not everyone was in favor, though.", False),
    ("The second is something you have, like a code.", "The second is something you've, like a code.", True),
    ("The second is something you have, like a code.", "The second is something you own, like a code.", False),
    ("It serves <F1> and comes together in an hour.", "It goes <F1> and comes together in an hour.", True),
    ("It serves <F1> and comes together in an hour.", "It feeds <F1> and comes together in an hour.", False),
    ("The drive raised <F1>. Notably, <F2> class read <F3> books!", "The drive raised <F1>. It's <F2> class read <F3> books!", True),
    ("This is not just a recipe.", "It's not just a recipe.", False),
    ("Your commitment to fostering evidence-based decisions.", "Your commitment to making evidence-based decisions.", True),
    ("Your commitment to fostering collaboration.", "Your commitment to promoting collaboration.", False),
    # (its review, ~540 probes: a rule's word only where the rule puts it; fine rewrites of other kinds pass)
    ("Patients with elevated blood pressure need checks.", "Patients with improved blood pressure need checks.", True),
    ("This is approximately <F1>.", "This is roughly <F1>.", False),
    ("Honestly, great value for the price.", "It's great value for the price.", False),
    ("What do you fear?", "What are you afraid of?", False),
    ("Vitamins A, C and zinc are present.", "Vitamins A, C and zinc are there.", False),
    ("Hello World is the first program.", "Hello World is the very first program.", False),
    ("And right now, thanks to a pledge, every dollar is matched.", "Currently, thanks to a pledge, every dollar is matched.", False),
    ("Unplug the grinder.", "Quick tip: Unplug the grinder.", True),
    ("Unplug the grinder.", "Pro tip - unplug the grinder.", True),
    ("It reminds us that oceans remain a frontier—and that there is more to learn.",
     "It reminds us that oceans remain a frontier, and there's more to learn.", True),
    ("It reminds us that oceans remain a frontier—and that there is more to learn.",
     "It reminds us that oceans remain a frontier, and that there's more to learn.", False),
    ("And right now, thanks to a pledge, every dollar is matched.", "Thanks to a pledge, every dollar is matched.", True),
    ("And right now, thanks to a pledge, every dollar is matched.", "Right now, thanks to a pledge, every dollar is matched.", False),
    ("FOR IMMEDIATE RELEASE", "IMMEDIATE RELEASE", True),
    ("FOR IMMEDIATE RELEASE", "FOR IMMEDIATE RELEASE", False),
    ("FOR <F1>", "<F1>", True),  # (as the humanizer sees it: the capitalised words are masked as a name)
    ("NOTICE <F1>", "NOTICE <F1>", False),
    ("Hi Team,", "Hey Team,", True),
    ("Hi <F1>,", "Hello <F1>,", True),
    ("Hi <F1>,", "Hi <F1>,", False),
    ("The venue is accessible; however, parking is limited.", "The venue is accessible; but parking is limited.", True),
    ("The venue is accessible; however, parking is limited.", "The venue is accessible, but parking is limited.", False),
])
def test_dev7_model_slips_are_refused(source, candidate, refused):
    assert bool(_slips(source, candidate)) is refused, _slips(source, candidate)


# dev7 round 0: its judges' grammar notes on the rule edit, and stock phrases from their lists
@pytest.mark.parametrize("source,expected", [
    ("So, grab your apron, and let's dive in. Happy baking!", None),  # (was "and Happy baking!")
    ("Ready? Let's dive in. First, mix the flour.", "Ready? First, mix the flour."),
    ("Only 45 minutes of that is hands-on time.", None),  # (was "of that's")
    ("I think that is fine.", "I think that's fine."),
    ("Getting there is easy.", None),  # (was "Getting there's")
    ("There is a bus every hour.", "There's a bus every hour."),
    ("I am available for an interview at your earliest convenience.", "I'm available for an interview at your earliest convenience."),
    ("Please return the form at your earliest convenience.", "Please return the form as soon as you can."),
    ("This study endeavored to shed light on sleep.", "This study tried to shed light on sleep."),
    ("We endeavor to reply within 2 days.", "We try to reply within 2 days."),
    ("This endeavor to reform the tax code failed.", None),
    ("The team's endeavors to win failed.", None),
    ("The story is a powerful reminder that towns can change.", "The story reminds us that towns can change."),
    ("These photos are poignant reminders that war touches everyone.", "These photos remind us that war touches everyone."),
    ("Osteria Vellino is a true hidden gem just waiting to be discovered.", "Osteria Vellino is a real find."),
    ("The cafe is a hidden gem waiting to be discovered by locals.", None),
    ("That being said, the film is not without its flaws.", "That said, the film has its flaws."),
    ("These shoes are not without their drawbacks.", "These shoes have their drawbacks."),
    ("Order today. Your perfect cup awaits!", "Order today."),
    ("I wanted to take a moment to touch base regarding the launch.", "I wanted to check in about the launch."),
    ("Work will be commencing on Monday.", "Work will be starting on Monday."),
    ("Dear Residents,\n\nWe hope this notice finds you well. Work starts Monday.", "Dear Residents,\n\nWork starts Monday."),
    # its review (~540 probes): each of these broke a sentence or changed a claim before its guard
    ("Hundreds of species are still waiting to be discovered.", None),
    ("The manuscript sat in the attic for 80 years, waiting to be discovered.", None),
    ("Scientific endeavors to cure cancer are ongoing.", None),
    ("She endeavors to help.", "She tries to help."),
    ("In Python, a leading underscore marks a private name.", None),
    ("The composer underscored the scene with strings.", None),
    ("This underscores how fragile the system is.", "This highlights how fragile the system is."),
    ("In that is a lesson.", None), ("Walking there is a joy.", None), ("Right there is the station.", None),
    ("I don't want to take a moment to check in; I want to leave now.", None),
    ("I can start at your earliest convenience.", None),
    ("We will deliver the sofa at your earliest convenience.", "We'll deliver the sofa at your earliest convenience."),
    ("Feel free to contact me at your earliest convenience.", "Feel free to contact me as soon as you can."),
    ("That's not without its risks.", "That has its risks."),
    ("Elevate your kitchen sink to a comfortable height.", None),
    ("Elevate your morning legs for 20 minutes.", None),
    ("Her tattoo is a powerful reminder that she survived.", None),
    ("The film is a powerful reminder that hope endures, and a warning too.", None),
])
def test_rule_edit_dev7_round0(source, expected):
    assert Humanizer.rule_edit(source)[0] == expected


def test_an_emergency_word_in_another_paragraph_keeps_no_hesitate():
    """The 'do not hesitate' guard reads its own paragraph, so a check of the whole text sees the phrase
    as a check of its paragraph does (dev7: the whole letter failed its own claim check)."""
    from tunesmith.claims import verify

    source = ("I will remain reachable via email should any urgent matters arise.\n\n"
              "Thank you in advance. Please do not hesitate to reach out if you have any questions.")
    edited = Humanizer.rule_edit(source)[0]
    assert "Feel free to get in touch" in edited and verify(source, edited) == []
    assert "hesitate" in Humanizer.rule_edit("If your pain worsens, please do not hesitate to call your doctor.")[0]


@pytest.mark.parametrize("source,expected", [
    ("These findings underscore the role of urban planning.", "These findings highlight the role of urban planning."),
    ("The report underscored the need for 2 reforms.", "The report highlighted the need for 2 reforms."),
    ("The underscore character is not allowed.", "The underscore character isn't allowed."),
    ("Use an underscore or a dash.", None),
    ("Please underscore the title in the form.", None),
    ("Elevate your morning routine. The kettle heats in 4 minutes.", "Improve your morning routine. The kettle heats in 4 minutes."),
    # (not "Improve your coffee game to new heights": the idiom "take ... to new heights", a later round)
    ("Elevate your coffee game to new heights.", "Take your coffee game to new heights."),
])
def test_rule_edit_dev7_round1(source, expected):
    assert Humanizer.rule_edit(source)[0] == expected


# dev7 round 1: round 0's two judges' lists (plain words with the same syntax, each where it keeps the claim)
@pytest.mark.parametrize("source,expected", [
    ("The study was observational in nature; it proves nothing.", "The study was observational; it proves nothing."),
    ("This advice is general in nature and is not financial advice.", "This advice is general and isn't financial advice."),
    ("Symmetry is typical in nature.", None), ("These compounds are found in nature.", None),
    ("Fractals are abundant in nature.", None),
    ("We deeply regret any disruption this may have caused.", "We're sorry for any disruption this may have caused."),
    ("We're absolutely delighted to welcome you.", "We're happy to welcome you."),
    ("We extend our heartfelt gratitude to our 40 volunteers.", "We're very grateful to our 40 volunteers."),
    ("Weight training can bolster bone density.", "Weight training can strengthen bone density."),
    ("Add a bolster pillow.", None),
    ("Lifting may help preserve muscle and bolster bone density.", "Lifting may help preserve muscle and strengthen bone density."),
    ("Buy yoga blocks and bolster pillows.", None),
    ("Should you be unable to attend, a staff member will come.", "If you can't attend, a staff member will come."),
    ("I believe it would be prudent to reconvene.", "I believe it would be wise to reconvene."),
    ("The app helps in a multitude of ways.", "The app helps in many ways."),
    ("We're incredibly grateful for your support.", "We're very grateful for your support."),
    # round 1's pairwise judges
    ("For 20 years, the pantry has served as a beacon of hope for families.",
     "For 20 years, the pantry has been a source of hope for families."),
    ("I have a deep-rooted passion for operational excellence.", "I have a deep passion for operational excellence."),
    ("This discovery serves as a powerful reminder that our oceans remain a frontier.",
     "This discovery reminds us that our oceans remain a frontier."),
    ("Such moments underscore the film's quiet power.", "Such moments highlight the film's quiet power."),
    # the review of round 2's swaps (~300 probes): each broke a sentence or changed a claim before its guard
    ("Nothing is static in nature.", None), ("Children are more active in nature.", None),
    ("Should we deeply regret the delay?", None), ("I wasn't absolutely delighted with the room.", None),
    ("Nobody was absolutely delighted with the result.", None), ("A multitude of factors is involved.", None),
    ("There is a multitude of options.", "There's a multitude of options."),
    ("We extend our heartfelt gratitude and best wishes to the class.", None),
    ("Each year, we extend our heartfelt gratitude to volunteers with a dinner.", None),
    ("At no point should you be unable to access your funds.", None),
    ("Under no circumstances should you have any doubt.", None),
    ("Use bolsters to support your knees.", None), ("The knife has a full bolster.", None),
    ("He tried to bolster up his courage.", None), ("This bolsters the case for reform.", "This strengthens the case for reform."),
    ("The invoice is a timely reminder that payment is due within 30 days.", None),
    ("Her scar is a powerful reminder that the accident nearly killed her.", None),
    ("Please underscore the case number on the form.", None),
    ("The lawyer underscored the argument on page 4 with a red pen.", None),
    # dev7 round 0's judges: "I recently had the opportunity to test", "I would welcome the opportunity to"
    # (not "had the opportunity to" -> "got to": "I had the opportunity to join in 2004 but declined" did not join)
    ("I recently had the opportunity to test the X3 for 3 weeks.", "I recently had the chance to test the X3 for 3 weeks."),
    ("I would welcome the opportunity to discuss my application.", "I'd welcome the chance to discuss my application."),
    ("Members will have the opportunity to vote on 3 proposals.", "Members will have the chance to vote on 3 proposals."),
    ("We haven't had the opportunity to meet.", "We haven't had the chance to meet."),
    ("She took the opportunity to thank the 12 volunteers.", None),
    # its review (~210 probes): the preposition "to", a probability, a kingdom, an apology that is no act
    ("The board presented the opportunity to shareholders.", None),
    ("This partnership opens the opportunity to new markets.", None),
    ("Analysts assessed the opportunity to expand margins as low.", None),
    ("The army marched for months in the vast realm of the emperor.", None),
    ("Anything in the vast realm of the possible can happen.", None),
    ("I sincerely apologize to the families affected.", None),
    ("My wife and I sincerely apologize for the noise.", None),
    ("If I sincerely apologize, will you forgive me?", None),
    ("Moreover, we are excited to share that story in next month's issue.",
     "We're excited to share that story in next month's issue."),
    ("Finally, we are delighted to announce that the bridge has reopened.",
     "Finally, we're delighted to announce that the bridge has reopened."),
    ("Furthermore, I'm proud to share that which I have learned.", "I'm proud to share that which I have learned."),
    ("Do we sincerely look forward to the merger, or are we just saying so?", None),
    # round 2's judges
    ("In the vast and mysterious realm of the deep ocean, 3 species were found.", "In the deep ocean, 3 species were found."),
    ("The costs were in the vast realm of $40,000.", None),
    ("Osteria Vellino is a must-visit destination for food lovers.", "Osteria Vellino is a must for food lovers."),
    ("Additionally, we are delighted to announce that our club raised $2,340 for books.", "Our club raised $2,340 for books."),
    ("Thanks for reaching out, and I sincerely apologize for the delay.", "Thanks for reaching out, and I'm very sorry for the delay."),
    ("Kindly RSVP by Friday. We sincerely look forward to celebrating with you.",
     "Please RSVP by Friday. We look forward to celebrating with you."),
    ("Managers will reach out within 30 days to facilitate a smooth transition.",
     "Managers will reach out within 30 days to make the transition smooth."),
    ("We will work with you to facilitate a seamless transition to the new portal.",
     "We'll work with you to facilitate a seamless transition to the new portal."),
])
def test_rule_edit_dev7_round1_phrases(source, expected):
    assert Humanizer.rule_edit(source)[0] == expected


# dev8 round 0: its two judges' grammar and meaning notes on the model's rewrites, as checks (refused), and
# fine rewrites of the same kinds (passed)
@pytest.mark.parametrize("source,candidate,refused", [
    ("- Same-day dispatch for orders placed before <F1>", "- The same-day dispatch for orders placed before <F1>", True),
    ("- Same-day dispatch for orders placed before <F1>", "- Same-day dispatch on orders placed before <F1>", False),
    ("It extends to <F1> if you register within <F2> of purchase.", "It extends to <F1> if you register within <F2> of buy.", True),
    ("Purchase it within <F1>.", "Buy it within <F1>.", False),
    ("<F1> of salt, <F2> of honey, and <F3> of buttermilk.", "<F1> of salt, <F2> of honey, <F3> of buttermilk.", True),
    ("<F1> of salt, <F2> of honey, and <F3> of buttermilk.", "<F1> of salt, <F2> of honey and <F3> of buttermilk.", False),
    ("something you have (like your phone) or something you are (like a fingerprint).",
     "something you've (like your phone) or something you're (like a fingerprint).", True),
    ("I know who you are.", "I know who you're.", True), ("We are sure you will love it.", "We're sure you'll love it.", False),
    ("Let us know if you will not be home.", "Let us know if you'll not be home.", True),
    ("Let us know if you will not be home.", "Let us know if you won't be home.", False),
    ("- A bachelor's degree in statistics or a related field", "- A bachelor's degree in statistics or a related field?", True),
    ("Olivia", "Olivia!", True), ("We can't wait to see you.", "We can't wait to see you!", False),
    ("Requirements: a degree in biology or a related field. Three years of lab work.",
     "Requirements: a degree in biology or a related field? Three years of lab work.", True),
    ("Tomorrow we will\nsend the report.", "Tomorrow we'll\nsend the report.", False),
    ("- Demonstrated skill in Excel", "- Proven skill in Excel", False),
    # its review (~470 probes): asides after a contraction, a question a rewrite may ask, a heading's word in the
    # body, a list item that starts like another, two clauses joined by ", and so"
    ("You will, however, need a photo ID.", "You'll, however, need a photo ID.", False),
    ("They are (as always) welcome to join.", "They're (as always) welcome to join.", False),
    ("Use something you have - like your phone - as a second factor.",
     "Use something you've - like your phone - as a second factor.", True),
    ("Tap the Buy button to complete the purchase.", "Tap the Buy button to complete the purchase.", False),
    ("Free shipping for purchases over <F1>.", "Free shipping for buys over <F1>.", True),
    ("Are you looking for a weekend getaway? Look no further.", "Looking for a weekend getaway? Look no further.", False),
    ("Welcome\nWelcome! We are glad you are here.", "Welcome\nWelcome! We're glad you're here.", False),
    ("Bring:\n- Tea\n- A teapot", "Bring:\n- Tea\n- A teapot", False),
    ("The road was closed, and so we took the bus.", "The road was closed, so we took the bus.", False),
    ("You will need flour, sugar, and eggs.", "You'll need flour, sugar, eggs.", True),
    ("The pasta was made with meticulous care.", "The pasta was made with great care.", False),  # (the rule's own words)
    ("Mirages come from a phenomenon known as the superior refraction of light.",
     "Mirages come from a phenomenon called the superior refraction of light.", False),
    # round 2's pairwise judges: the piece of a list item (its marker split off) lost its verb, "their bodies" ->
    # "your bodies", "essentially depends" -> "really depends", a sign-off "Olivia:"
    ("Warm up for <F1> to <F2> minutes before any workout.", "<F1> to <F2> minutes before any workout.", True),
    ("Many people underestimate how much water their bodies need.", "Many people underestimate how much water your bodies need.",
     True),
    ("Many people underestimate how much water their bodies need.", "Lots of people underestimate how much water their bodies need.",
     False),
    ("The color essentially depends on how far sunlight travels.", "The color really depends on how far sunlight travels.", True),
    ("The color essentially depends on how far sunlight travels.", "The color mostly depends on how far sunlight travels.", False),
    ("Olivia", "Olivia:", True),
    # dev1-8 round 3's pairwise judges: an instruction made a question, a list item given a clause of its own
    ("Explore the 14th-century Castel Moravin, open daily from <F1> to <F2>.",
     "What's the 14th-century Castel Moravin, open daily from <F1> to <F2>.", True),
    ("Mount Orlic, whose <F1> summit offers panoramic views of neighboring islands",
     "Mount Orlic, whose <F1> summit offers panoramic views of neighboring islands, I'm glad you're here", True),
    # ... and what stays allowed near them: the source's own question or closing clause, a "you" the source has
    ("What is the best time to visit? Spring, when it's <F1>.", "What's the best time to visit? Spring, when it's <F1>.",
     False),
    ("How the museum began is a story of 3 sisters.", "How the museum began is a story of three sisters.", False),
    ("If you have questions, you can call <F1>.", "If you've got questions, you can call <F1>.", False),
    ("Thank you for your patience, we appreciate it.", "Thanks for your patience, we appreciate it.", False),
    ("Bring your ID to the gate, you will need it there.", "Bring your ID to the gate, you'll need it there.", False),
    ("Tickets cost <F1> for adults and <F2> for kids", "Tickets cost <F1> for adults and <F2> for kids, you can pay at the door",
     True),
    # dev1-8 round 4's pairwise judges: an article put before a list item's piece, an article changed before a number
    # ("an 24-hour concierge"), a dash dropped between two clauses (a run-on) ...
    ("Same-day dispatch for orders placed before <F1>", "The same-day dispatch for orders placed before <F1>", True),
    ("Building amenities include a <F1> concierge and a pool.", "Building amenities include an <F1> concierge and a pool.",
     True),
    ("A loaf of pumpkin sourdough—and today, I am thrilled to share it.",
     "A loaf of pumpkin sourdough and today, I'm thrilled to share it.", True),
    ("A loaf of pumpkin sourdough – and today, I am thrilled to share it.",
     "A loaf of pumpkin sourdough and today, I'm thrilled to share it.", True),
    ("Same-day dispatch for orders placed before <F1>", "Just same-day dispatch for orders placed before <F1>", True),
    ("Parking costs <F1> a day.", "Parking costs only <F1> a day.", True),
    ("Our server, Luca, was attentive without being intrusive.", "Our server, Luca, was really attentive without being intrusive.",
     True),
    # (dev9 round 2: where the rule edit drops "truly" as filler, the model's "really" in its place is refused too:
    # judged pairwise, the text without it was preferred 4:1 and 4:2)
    ("Our server, Luca, was truly attentive.", "Our server, Luca, was really attentive.", True),
    ("Our server, Luca, was particularly attentive.", "Our server, Luca, was really attentive.", False),
    ("Never stop learning, even when you think you have it figured out.",
     "Never stop learning, even when you think you've it figured out.", True),
    ("We sincerely apologize for the delay.", "We're very sorry for the delay.", False),  # (the rule edit's words)
    ("I am particularly drawn to your mission.", "I'm really drawn to your mission.", False),
    ("I am embarking on a new chapter at <F1>, starting Monday.", "I'm starting a new role at <F1>, starting Monday.", True),
    ("I am embarking on a new chapter at <F1>, starting Monday.", "I'm taking a new role at <F1>, starting Monday.", False),
    ("Start early and start often.", "Start early, and start often.", False),  # (the source says it twice)
    ("Grateful. Inspired. Ready.", "Thanks. Inspired. Ready.", True), ("Grateful. Inspired. Ready.", "Grateful. Inspired. Ready!", True),
    ("Here's to new beginnings and growth.", "New beginnings and growth.", True),
    ("Here's to new beginnings and growth.", "Here's to fresh starts and growth.", False),
    ("Thanks. We'll call you.", "Thanks. We'll phone you.", False), ("Best, Ana", "Best, Ana", False),
    ("Drink <F1> if you are a woman and <F2> if you are a man.", "Drink <F1> if you're a woman and <F2> if you're a man.",
     False),
    ("- Sorting lines processing approximately <F1> parcels\n- Docks for approximately <F2> trucks",
     "- Sorting lines processing about <F1> parcels\n- Docks for about <F2> trucks", False),  # (the rule edit's swap)
    # ... and what stays allowed near them
    ("Parking costs just <F1> a day.", "Parking's just <F1> a day.", False),
    ("Same-day dispatch for orders placed before <F1>", "Same-day shipping for orders placed before <F1>", False),
    ("The same-day dispatch is free.", "The same-day dispatch's free.", False),
    ("Building amenities include a <F1> concierge and a pool.", "Amenities include a <F1> concierge and a pool.", False),
    ("It costs <F1> and takes an <F2> drive.", "It costs <F1> and it's an <F2> drive.", False),
    ("A loaf of pumpkin sourdough—and today, I am thrilled to share it.",
     "A loaf of pumpkin sourdough—and today, I'm thrilled to share it.", False),
    ("A loaf of pumpkin sourdough—and today, I am thrilled to share it.",
     "A loaf of pumpkin sourdough, and today I'm thrilled to share it.", False),
])
def test_dev8_model_slips_are_refused(source, candidate, refused):
    assert bool(_slips(source, candidate)) is refused, _slips(source, candidate)


@pytest.mark.parametrize("source,expected", [
    # a swap never doubles the word beside it (dev8 round 0's judges: "a smooth and smooth process", "careful care")
    ("To ensure a smooth and seamless process, please keep the following in mind:",
     "For a smooth and seamless process, please keep the following in mind:"),  # (dev14 round 1: "for a smooth")
    ("The pasta was clearly made with meticulous care.", "The pasta was clearly made with great care."),
    # round 1: the judges' lists, each in the syntax where it keeps the claim
    ("In simple terms, water helps regulate body temperature.", "Water helps regulate body temperature."),
    ("Water is, in simple terms, a solvent.", None),
    ("This study sheds light on why 12 adults sleep better.", "This study helps explain why 12 adults sleep better."),
    ("Earlier work has shed light on this.", None), ("In 2019, they shed light on the cause.", None),
    ("These results may shed light on aging.", None),
    ("These results may shed light on why we age.", "These results may help explain why we age."),
    ("Elena to touch base with the finance team by Friday.", "Elena to check in with the finance team by Friday."),
    ("As discussed, I wanted to circle back with a brief summary.", "As discussed, I wanted to follow up with a brief summary."),
    ("We greatly appreciate your understanding and cooperation.", "We really appreciate your cooperation."),
    ("Thanks for being a valued member of our community.", "Thanks for being a member of our community."),
    ("We would like to sincerely apologize for the outage on May 3.", "We're very sorry for the outage on May 3."),
    ("We hope this newsletter finds you and your families well! Term ends on June 2.", "Term ends on June 2."),
    ("This research is a key reminder that sleep matters.", "This research reminds us that sleep matters."),
    ("We deeply regret any impact on your work.", "We're sorry for any impact on your work."),
    # the stiff phrases dev1-7's judges listed most that the rule edit still left
    ("I am writing to express my sincere interest in the Analyst position at Kora.",
     "I'm very interested in the Analyst position at Kora."),
    ("Dear Ms. Lee,\n\nI am writing to express my strong interest in the role.", "Dear Ms. Lee,\n\nI'm very interested in the role."),
    ("She wrote that I am writing to express my interest in art.", "She wrote that I'm writing to express my interest in art."),
    ("Thanks to the unwavering generosity of supporters like you, we built 4 homes.",
     "Thanks to the generosity of supporters like you, we built 4 homes."),
    ("Moving forward, we will review every change.", "From now on, we'll review every change."),
    ("Moving forward, customers can expect the following changes:", "From now on, customers can expect the following changes:"),
    ("Moving forward, the car hit a pole.", None), ("Moving forward, I am eager to grow.", "Moving forward, I'm eager to grow."),
    ("The answer lies in a fascinating phenomenon known as Rayleigh scattering.",
     "The answer is a phenomenon called Rayleigh scattering."),
    ("The answer lies in the 2 files on your desk.", None), ("The secret lies in how you knead it.", "The secret is how you knead it."),
    # its second review (~280 probes): movement, games, birds and streets, lamps, parallels, becoming a member
    ("Moving forward, we will reach the summit by noon.", "Moving forward, we'll reach the summit by noon."),
    ("Moving forward, we will review every invoice twice.", "From now on, we'll review every invoice twice."),
    ("In tag, players who touch base with the big oak tree are safe.", None),
    ("The hawk began to circle back over the field.", None),
    ("I wanted to circle back on the budget before Friday.", "I wanted to follow up on the budget before Friday."),
    ("The flashlight sheds light on what lies beneath the stairs.", None),
    ("The study sheds light on how the virus spreads and on why some people never get sick.", None),
    ("The answer lies in how we vote, not in who we elect.", None),
    ("I really greatly appreciate your support.", None),
    ("We greatly appreciate your support.", "We really appreciate your support."),
    ("She quickly became a valued member of the lab.", None),
    ("After the accident, the scar was a stark reminder that Tom had been lucky.", None),
    # its review (~470 probes): each swap only in the sense and syntax where it keeps the claim and the grammar
    ("I am writing to express my interest in, and support for, the proposed bike lane.",
     "I'm writing to express my interest in, and support for, the proposed bike lane."),
    ("I am writing to express my interest in the position and to ask whether it is still open.",
     "I'm writing to express my interest in the position and to ask whether it's still open."),
    ("I’m writing to express my interest in the role. I’ve worked in retail for 6 years.",
     "I’m interested in the role. I’ve worked in retail for 6 years."),
    ("Moving forward, the troops will cross the river at dawn.", None),
    ("Moving forward, you will see the lake on your left.", "Moving forward, you'll see the lake on your left."),
    ("Going forward, customers can return items within 60 days.", "From now on, customers can return items within 60 days."),
    ("In simple terms, pH measures how acidic a liquid is.", None), ("In simple terms, npm installs packages.", None),
    ("In simple terms, though, the contract favors the landlord.", None),
    ("The runner failed to touch base at second, and the umpire called him out.", None),
    ("I am touching base with everyone on the list this week.", "I'm checking in with everyone on the list this week."),
    ("The plane had to circle back to the airport.", None), ("Buses circle back about every 20 minutes.", None),
    ("It's a phenomenon known as much for its beauty as for its danger.", None),
    ("Economists call it a phenomenon known as stagflation.", None),
    ("The lamp sheds light on the whole porch.", None), ("These records could help shed light on the cause.", None),
    ("This study sheds light on this question.", None),
    ("Your understanding and cooperation are greatly appreciated.", None),
    ("Patients rated your understanding and cooperation as excellent.", None),
    ("Homes in the district are expected to greatly appreciate in value.", None),
    ("She was one of the most valued members of the team.", None), ("She has been such a valued member of our team.", None),
    ("I never felt like a valued member of the club.", None),
    ("There is a stark reminder that winter is coming.", "There's a stark reminder that winter is coming."),
    ("For the players, the defeat was a stark reminder that fitness matters.", None),
    ("Happy spring, everyone, and we hope this newsletter finds you and your families well!", None),
    ("Dear parents, we hope this newsletter finds you and your families well! The term starts on Monday.", None),
])
def test_rule_edit_dev8(source, expected):
    assert Humanizer.rule_edit(source)[0] == expected


def _assert_keeps_one_of(source: str, kept: set[str], ignore_case: bool = False) -> None:
    """The rule edit of ``source`` still says the phrase of ``kept`` that ``source`` holds (a review's probe)."""
    edited = Humanizer.rule_edit(source)[0] or source
    fold = str.lower if ignore_case else str
    assert any(fold(k) in fold(source) and fold(k) in fold(edited) for k in kept), edited


def _assert_rule_edit(source: str, expected: str | None) -> None:
    """The rule edit of ``source`` is ``expected`` (None: unchanged), and the claim checks of a whole text agree."""
    from tunesmith.claims import verify
    edited = Humanizer.rule_edit(source)[0]
    assert edited == expected
    if edited:
        text = "The color-coded key shows 2 percent of the data points. " + source
        assert verify(text, Humanizer.rule_edit(text)[0]) == []


@pytest.mark.parametrize("source,expected", [
    # a fourth count of the stock words left in the rule edit over dev1-8: the plain word of the same strength
    ("Whether you're a seasoned baker or a complete beginner, this recipe works.",
     "Whether you're an experienced baker or a complete beginner, this recipe works."),
    ("Whether you're a seasoned home barista or simply someone who loves coffee, the grinder helps.",
     "Whether you're an experienced home barista or simply someone who loves coffee, the grinder helps."),
    ("It's the perfect recipe for beginners and seasoned bakers alike.",
     "It's the perfect recipe for beginners and experienced bakers alike."),
    ("Seasoned hikers know the trail.", "Experienced hikers know the trail."),
    # (a seasoned food, wood or pan, and the verb, stay)
    ("Rub the seasoned steak with oil.", None), ("Burn only seasoned firewood.", None),
    ("A well-seasoned skillet lasts for years.", None), ("The risotto was perfectly seasoned.", None),
    ("The coach seasoned players with tough drills.", None), ("Seasoned with salt, the fish is great.", None),
    ("We sell seasoned chicken cooks love.", None), ("The seasoned travelers' lounge is on level 2.", None),
    # "purchase" the verb is "buy"; the noun stays
    ("Permits must be purchased at the ranger station.", "Permits must be bought at the ranger station."),
    ("The funds will be used to purchase 25 new tablets.", "The funds will be used to buy 25 new tablets."),
    ("I purchased them for $189 in March and would purchase them again.",
     "I bought them for $189 in March and would buy them again."),
    ("I'd strongly recommend purchasing the optional rain cover.", "I'd strongly recommend buying the optional rain cover."),
    ("Submit proof of purchase within 14 days of purchase.", None), ("Food won't be available for purchase.", None),
    ("Tomás will approve all purchase orders up to $5,000.", None), ("Every purchase over $20 earns a discount.", None),
    ("All previously purchased tickets remain valid.", None), ("Items purchased after May 1 are final sale.", None),
    ("The company's purchased assets were sold.", None), ("Purchasing power fell by 3% last year.", None),
    ("Their purchasing habits changed.", None), ("You have the option to purchase insurance.", None),
    ("They purchase orders weekly.", None), ("Prior to purchase, check the size.", "Before purchase, check the size."),
    # "allowing you to" before its verb (and since dev12, "allows you to": the claim checks read both sides alike)
    ("The bag has 6 pockets, allowing you to organize your gear.", "The bag has 6 pockets, letting you organize your gear."),
    ("Its temperature control allows you to select any setting.", "Its temperature control lets you select any setting."),
    # a restaurant's promised "culinary journey" is a meal; a tour, a festival or a journey one is taken on stays
    ("Fennimore's Table promises a memorable culinary journey.", "Fennimore's Table promises a memorable meal."),
    ("Osteria Vellino promises—and ultimately delivers—a memorable culinary journey.",
     "Osteria Vellino promises—and ultimately delivers—a memorable meal."),
    ("Osteria Vellino promises to take diners on a memorable gastronomic journey.", None),
    ("The tour offers a culinary journey through Sicily.", None),
    ("The festival offers a memorable culinary journey.", None),
    # "a new chapter in the X journey" is one for X; "in its journey" says nothing more
    ("We're thrilled to announce an exciting new chapter in the Brightwater Logistics journey!",
     "We're thrilled to announce an exciting new chapter for Brightwater Logistics!"),
    ("We're thrilled to announce a key new chapter in the journey of Corvane Logistics.",
     "We're thrilled to announce a key new chapter for Corvane Logistics."),
    ("Corvana Systems is starting an exciting new chapter in its journey.", "Corvana Systems is starting an exciting new chapter."),
    ("This is a new chapter in our journey toward net zero.", None),
    ("As I begin a new chapter in my journey as a parent, I'm grateful.", None),
    # a reviewer's comprehensive thoughts are detailed ones; an overhaul is a full one
    ("I wanted to share my comprehensive thoughts on this product.", "I wanted to share my detailed thoughts on this product."),
    ("I led a comprehensive overhaul of our scheduling system.", "I led a full overhaul of our scheduling system."),
    ("We need a more comprehensive overhaul of the tax code.", None),
])
def test_rule_edit_fourth_count_swaps(source, expected):
    _assert_rule_edit(source, expected)


@pytest.mark.parametrize("source,expected", [
    # a fifth count of the stock shapes left in the rule edit over dev1-8: plain words of the same meaning and strength
    ("Remember, consistency is key, and every step counts.", "Remember, consistency is what matters, and every step counts."),
    ("Consistency is key!", "Consistency is what matters!"),
    ("Consistency is key to building muscle.", None), ('Her motto, "consistency is key," hangs above the desk.', None),
    ("Consistency is key, and every detail matters.", None),
    # a hidden gem after its verb; a true one is a real find; a restaurant's culinary gem is a gem
    ("Osteria Vellino is a hidden gem that promises a memorable meal.",
     "Osteria Vellino is a well-kept secret that promises a memorable meal."),
    ("The village of Porto Salvène is a hidden gem waiting to be discovered.", "The village of Porto Salvène is a well-kept secret."),
    ("The bakery stands out as a true hidden gem.", "The bakery stands out as a real find."),
    ("The restaurant is a culinary gem.", "The restaurant is a gem."),
    ("It's a hidden gem of a café.", None), ("I found a hidden gem in the treasure chest.", None),
    ("Collect every hidden gem in level 3 to win.", None), ("The café, a hidden gem, opens at 8.", None),
    ("The bakery stands out as a hidden gem.", None), ("Rome is a true culinary gem, with 12 markets.", None),
    # the there-is opener's "magical" is wonderful; a smell drifts
    ("There is something truly magical about the aroma of bread wafting through the kitchen.",
     "There's something wonderful about the aroma of bread drifting through the kitchen."),
    ("There is something magical about the amulet.", "There's something magical about the amulet."),
    ("I felt something magical about him.", None), ("The wafting scent of pine greeted us.", None),
    ("She was wafting the fan gently.", None),
    # a listing's timeless charm beside the modern is classic charm
    ("The home blends timeless charm with modern convenience.", "The home blends classic charm with modern convenience."),
    ("The novel has a timeless charm.", None), ("The modern building contrasts with the timeless design of the church.", None),
    # "X is a celebration of Y" -> "X celebrates Y"
    ("It's a celebration of seasonal flavors and cherished memories.", "It celebrates seasonal flavors and cherished memories."),
    ("These dishes are a celebration of summer.", "These dishes celebrate summer."),
    ("There is a celebration of spring on Saturday.", "There's a celebration of spring on Saturday."),
    ("Tonight is a celebration of our volunteers.", None), ("The service is a celebration of her life.", None),
    ("What is a celebration of culture without music?", None), ("She is a celebration of everything good.", None),
    # a new chapter as a job title is a new role
    ("I'm starting an exciting new chapter as Director of Operations at Solara Freight!",
     "I'm starting an exciting new role as Director of Operations at Solara Freight!"),
    ("She is starting a new chapter as a senior engineer.", "She is starting a new role as a senior engineer."),
    ("I'm starting a new chapter as a parent.", None), ("She begins a new chapter as Mrs. Okafor.", None),
    ("He began a new chapter as the seasons turned.", None),
    # a remarkable testament is remarkable proof; a tribute, a cause after a dash, an opener stay
    ("The Merrow Canal is a remarkable testament to human ingenuity.", "The Merrow Canal is remarkable proof of human ingenuity."),
    ("The bridge serves as a compelling testament to Roman engineering.", "The bridge is compelling proof of Roman engineering."),
    ("In a remarkable testament to community spirit, the town rebuilt.", None),
    ("The straps held up — a remarkable testament to the padded design.", None),
    ("The garden is a remarkable testament to the volunteers who planted it.", None),
    ("It also serves as a remarkable testament to their skill.", None),
    # after the round's pairwise judging: the backdrop stays ("Set in the heart of downtown, ... the perfect setting"
    # said it twice), so do a celebration matched with "not just", a testament that "stands as", and an embark that would
    # say "start" twice or "started countless adventures"; a listing's kitchen "has" its countertops
    ("The pavilion offers the perfect backdrop for a wedding.", None),
    ("It is not just a recipe; it is a celebration of seasonal flavors.",
     "It isn't just a recipe; it's a celebration of seasonal flavors."),
    ("The bridge stands as a remarkable testament to human ingenuity.", "The bridge stands as remarkable proof of human ingenuity."),
    ("I am embarking on an exciting new chapter as Head of Data at Corvana, starting Monday.",
     "I'm embarking on an exciting new role as Head of Data at Corvana, starting Monday."),
    ("I have embarked on countless culinary adventures.", "I've embarked on countless culinary adventures."),
    ("We embarked on the redesign in May.", "We started the redesign in May."),
    ("The renovated kitchen showcases quartz countertops.", "The renovated kitchen has quartz countertops."),
    ("The exhibit showcases 40 local artists.", "The exhibit shows 40 local artists."),
])
def test_rule_edit_fifth_count_swaps(source, expected):
    _assert_rule_edit(source, expected)


def test_a_stock_sentence_that_ends_a_paragraph_keeps_the_paragraph_break():
    """dev8 round 2: a stock sentence that ended a paragraph went with its paragraph break (two paragraphs became
    one), and the whole-text check did not see it dropped whole."""
    from tunesmith.claims import verify

    source = "Saving works.\n\nMost experts recommend 3 months. Together, we can make a difference.\n\nDonate by May 2."
    edited = Humanizer.rule_edit(source)[0]
    assert edited == "Saving works.\n\nMost experts recommend 3 months.\n\nDonate by May 2."
    assert verify(source, edited) == []


def test_default_humanizer_decodes_its_candidates_on_its_own_engine():
    """Without a generator given, candidates run through an engine (continuous batching): a
    candidate that ends leaves the batch instead of decoding padding until the longest is done."""
    from tunesmith.engine import Engine

    hz = Humanizer("tiny-random", adapter=None)
    try:
        assert isinstance(hz.generator, Engine)
        source = "It is important to note that the office opens at 9:00 AM on Monday.\n\nPlease be advised that parking is free."
        res = hz.humanize(source, candidates=3, seed=4, use_model=True)
        assert "9:00 AM" in res.humanized_text and "Monday" in res.humanized_text
        load = hz.generator.scheduler.load
        assert load["steps"] > 0 and load["largest_batch"] == 6  # 2 pieces x 3 candidates in one batch
        assert load["running_rows"] == 0 and load["waiting_requests"] == 0
        borrower = Humanizer(generator=hz.generator, adapter=None)
        again = borrower.humanize(source, candidates=3, seed=4, use_model=True)
        assert again.humanized_text == res.humanized_text  # a seed still gives the same rewrite
        borrower.close()  # a humanizer given an engine leaves it running for its owner
        assert hz.humanize(source, candidates=3, seed=4, use_model=True).humanized_text == res.humanized_text
    finally:
        hz.close()


def test_reasons_name_the_fact_not_its_placeholder(tiny_generator):
    """'kept original: dropped the preposition before <F3>': the user never sees what <F3> is."""
    hz = Humanizer(adapter=None, generator=ScriptedGenerator(tiny_generator, lambda p, j: "The office opens <F1>."))
    res = hz.humanize("The office opens at 9:00 AM.", cleanup=False, use_model=True)
    (part,) = res.chunks
    assert part.status == "kept" and "<F" not in part.reason and "'9:00 AM'" in part.reason, part.reason


@pytest.mark.parametrize("source,expected", [
    # dev9 round 1 (a fresh split's two round-0 judges' lists): a role played is a big part, in the same syntax (the
    # subjects "is key to" / "are key to" could not follow keep theirs)
    ("Melanin plays a crucial role in shaping the colors we observe.", "Melanin plays a big part in shaping the colors we observe."),
    ("The canal played a pivotal role in shaping the region.", "The canal played a big part in shaping the region."),
    ("I play a key role in mentoring 4 juniors.", "I play a big part in mentoring 4 juniors."),
    ("Staff will play a key role in the 2 pilots.", "Staff will play a big part in the 2 pilots."),
    ("Mentors play a key role in 3 programs.", None),  # (a fact right after it may be a named work: names are masked)
    ("How do parents play a key role in the 3 areas?", "How do parents play a big part in the 3 areas?"),
    ("She plays a pivotal role in the new drama series.", None),  # an actor's part
    # delve is "look at" (not the stand-in "explore"); an intricate relationship is a relationship
    ("This study delves into the intricate relationship between tree cover and heat.",
     "This study looks at the relationship between tree cover and heat."),
    ("The intricate carvings date from 1420.", None),
    # key after a determiner is main; a count of key things or a key card stays
    ("Here are the key takeaways from the meeting.", "Here are the main takeaways from the meeting."),
    ("Our key priorities are set.", "Our main priorities are set."),
    ("This expansion should deliver several key benefits.", None), ("Return the key cards to the desk.", None),
    ("The key findings of the report surprised us.", "The main findings of the report surprised us."),
    # "are as follows:" only after a list's plural noun
    ("The details are as follows:\n- Date: 14 June", "The details are:\n- Date: 14 June"),
    ("The rules of the game are as follows:", None),
    # its review: a part that plays a role, a role on stage; a reminder that is a gesture; digging; a key that is a key or
    # in music; an intricate relationship with its own degree; money; people and bells that resonate; a longer journey
    ("This part plays a crucial role in the engine's cooling system.", None),
    ("She will play a pivotal role in Shakespeare's Macbeth next spring.", None),
    ("He played a key role in the Broadway revival of Cats.", None),
    ("She squeezed his hand as a gentle reminder, and he stopped talking.", None),
    ("I am writing not as a friendly reminder, but as a final warning.", "I'm writing not as a friendly reminder, but as a final warning."),
    ("She delved into her handbag for her keys.", None), ("The badger delves into the soft soil.", None),
    ("The key features a brass bow and a double-bit blade.", None), ("The key changes every 24 hours for security.", None),
    ("Her key changes mid-song keep the audience on edge.", None), ("The key changes in the final chorus lift the song.", None),
    ("The main report lists the key points.", None),
    ("It is an incredibly intricate relationship.", "It's an incredibly intricate relationship."),
    ("A complex, intricate relationship formed.", None),
    ("The painting is a valuable asset to the estate.", None), ("This coin would be a valuable addition to your portfolio.", None),
    ("She would be a valuable addition to the team.", "She would be a great addition to the team."),
    ("The hackers stole valuable information.", None), ("Valuable tips worth $500 were shared.", None),
    ("I deeply resonate with this message.", None), ("The bell resonates deeply with the cathedral walls.", None),
    ("Her words deeply resonate with me.", "Her words mean a lot to me."),
    ("It is a milestone in our journey of growth and learning.", "It's a milestone in our journey of growth and learning."),
    ("It is a milestone in its journey of growth and innovation that began in 2010.",
     "It's a milestone in its journey of growth and innovation that began in 2010."),
    ("As a gentle reminder, pupils should bring a labeled water bottle.", "As a reminder, pupils should bring a labeled water bottle."),
    # valuable: a person is a real asset or a great addition; a guide is useful; "your valuable feedback" is your feedback
    ("I am confident I would be a valuable asset to your organization.", "I'm confident I'd be a real asset to your organization."),
    ("It's a valuable roadmap for city planners.", "It's a useful roadmap for city planners."),
    ("Thank you all for your valuable contributions!", "Thank you all for your contributions!"),
    ("Please keep your valuable items in the safe.", None), ("The valuable painting was sold.", None),
    ("Values that deeply resonate with me.", "Values that mean a lot to me."),
    ("This is an incredible opportunity to grow.", "This is a great opportunity to grow."),
    ("The opening marks a major milestone in its journey of growth and innovation.", "The opening marks a major milestone."),
    ("In plain terms, the key findings are clear.", "The main findings are clear."),
    ("In plain terms, pH measures acidity.", None),
])
def test_rule_edit_dev9_round1(source, expected):
    _assert_rule_edit(source, expected)


@pytest.mark.parametrize("source,candidate,refused", [
    # dev9 round 0's judges: one small word in the place of another of a different kind
    ("Neighborhoods with at least <F1> tree canopy were, on average, <F2> cooler.",
     "Neighborhoods with at least <F1> tree canopy had, on average, <F2> cooler.", True),
    ("A gift of <F1> can provide one person with clean water.", "A gift of <F1> can give one person a clean water.", True),
    ("Marketing has requested approximately <F1> for the campaign.", "Marketing has asked about <F1> for the campaign.", True),
    # ... while a dropped preposition, a preposition for another, or "the" for "a" are not this slip
    ("A gift of <F1> can provide one person with clean water.", "A gift of <F1> can give one person clean water.", False),
    ("We met in the lobby at <F1>.", "We met at the lobby at <F1>.", False),
    ("Marketing has requested approximately <F1> for the campaign.", "Marketing has asked for about <F1> for the campaign.", False),
])
def test_dev9_model_slips_are_refused(source, candidate, refused):
    from tunesmith.humanize import _function_word_swap
    assert bool(_function_word_swap(source, candidate)) is refused


def test_a_slip_the_clean_up_completes_is_refused():
    """dev9 round 1's judges: the model's "has asked approximately <F1>" became "asked about $45,000" in the clean-up
    (approximately -> about), after the slip checks had passed it."""
    hz = Humanizer.__new__(Humanizer)
    source = "Marketing has requested approximately $45,000 for the launch campaign."
    masked = mask_facts(source, [])
    from tunesmith.humanize import HumanizeOptions
    text, why = hz._check(source, masked, masked.text.replace("requested", "asked"), HumanizeOptions())
    assert text is None and "asked about" in why


@pytest.mark.parametrize("source,expected", [
    # dev9 round 3: stock phrasing left in the rule edit over dev1-9, in plain words of the same meaning
    ("At Northbridge, I had the privilege of leading a team of 14 analysts.", "At Northbridge, I led a team of 14 analysts."),
    ("Over the years, I've had the privilege of managing more than 40 projects.",
     "Over the years, I've managed more than 40 projects."),
    ("As a gesture of goodwill, a credit of $12.50 has been applied.", "As a goodwill gesture, a credit of $12.50 has been applied."),
    ("As a token of appreciation, eligible customers get 10% off.", "As a thank you, eligible customers get 10% off."),
    ("We completely understand how frustrating this must be.", "We understand how frustrating this must be."),
    ("The bistro has quickly garnered a reputation as one of the best in Leeds.",
     "The bistro has quickly earned a reputation as one of the best in Leeds."),
    ("The film garnered widespread attention in 2019.", "The film drew widespread attention in 2019."),
    ("Greenleaf Clinic is seeking a dynamic Front Desk Coordinator.", "Greenleaf Clinic is looking for a dynamic Front Desk Coordinator."),
    ("If you need help, our dedicated team is available around the clock.",
     "If you need help, our team is available around the clock."),
    ("Please be advised of the following important details:", "Please note the following important details:"),
    ("A prepaid return label is attached for your convenience.", "A prepaid return label is attached."),
    ("For your convenience, we offer free parking.", "We offer free parking."),
    # an inverted condition is an "if", its verb agreeing with the subject
    ("Should the issue persist, you may be eligible for a replacement.",
     "If the issue persists, you may be eligible for a replacement."),
    ("Should any issues persist after 8:00 AM on Monday, please submit a ticket.",
     "If any issues persist after 8:00 AM on Monday, please submit a ticket."),
    ("Should the new schedule be unsuitable, you may request a full refund.",
     "If the new schedule is unsuitable, you may request a full refund."),
    ("Should anyone have questions or need clarification, feel free to reach out.",
     "If anyone has questions or needs clarification, feel free to get in touch."),
    ("Residents will be notified promptly should this occur.", "Residents will be notified promptly if this occurs."),
    ("Should no agreement be reached, the matter goes to court.", "If no agreement is reached, the matter goes to court."),
    # ... not a question, a modal after a wh-word, a negated clause, nor a modal before an adverbial
    ("Should the plan change?", None), ("What should the team do next?", None),
    ("Should the issue not be resolved, call us.", None), ("Staff should any day now be told.", None),
    ("Should the council approve the plan, or reject it?", None),
    # a court order is sought; "for your convenience," mid-sentence says why; a safe is in the room for it
    ("The city is seeking a court order to stop it.", None), ("We moved the clinic for your convenience, not ours.", None),
    ("Every room has a safe for your convenience.", None), ("Please reply at your convenience.", None),
    ("Her grandfather had the privilege of owning a farm.", None),
    # its review (360 probes): coordinated verbs agree or the sentence stays; a right, a wish or a counterfactual stays
    ("We had the privilege of partnering with 12 schools and supporting 3,000 students.",
     "We partnered with 12 schools and supported 3,000 students."),
    ("I had the privilege of meeting, interviewing and photographing the survivors.", None),
    ("Only members had the privilege of visiting the archive.", None),
    ("If I had the privilege of leading this team, I would change the schedule.", None),
    ("I had the privilege of learning that the project was approved.", None),
    ("I had the privilege of meeting her and the privilege of working for her.", None),
    # goodwill and thanks with more in the list; how much is understood; a right; money's interest; a role sought
    ("We are refunding the fee as a gesture of goodwill and respect.", "We're refunding the fee as a gesture of goodwill and respect."),
    ("He gave her a ring as a token of appreciation and love.", None),
    ("Until we fully understand the cause, the plant will stay closed.", None),
    ("Do we fully understand the long-term effects of this drug?", None),
    ("The proposal has garnered interest from investors.", "The proposal has drawn interest from investors."),
    ("The savings account garnered interest of 4% last year.", None),
    ("The senator is seeking a second term.", None), ("The plaintiff is seeking a total of $5 million in damages.", None),
    ("Greece is seeking a bailout from the EU.", None), ("We are seeking an injunction against the developer.",
                                                       "We're seeking an injunction against the developer."),
    ("Premium members get access to our dedicated support team.", None), ("Book our dedicated team room for your meeting.", None),
    ("You will please be advised of the outcome by letter.", "You'll please be advised of the outcome by letter."),
    ("Please be advised of your right to remain silent.", None),
    ("These links are provided for your convenience only and do not constitute an endorsement.",
     "These links are provided for your convenience only and aren't an endorsement."),
    ("Handrails are provided for your convenience and safety.", None),
    ("For your convenience, not ours, the office now opens at 7.", None),
    # ... and an inverted "should" that is no condition, or whose subject's number or verb is unclear
    ("Under no circumstances should the door remain open.", None), ("Nor should this happen again.", None),
    ("Investors should this quarter remain cautious.", None), ("Should the children be unwell, keep them home.", None),
    ("Should the statistics show a decline, we will act.", "Should the statistics show a decline, we'll act."),
    ("Should the team's return date change, tell us.", None), ("Should the Joneses arrive early, let them in.", None),
    ("Should the issue persist and the device fail to restart, call us.", None),
    ("Should anyone need to come and go, use the side door.", "If anyone needs to come and go, use the side door."),
    ("Should the contract have been signed, we would have known.", "Should the contract have been signed, we'd have known."),
    ("Should the terms of this agreement change, we will notify you.", "Should the terms of this agreement change, we'll notify you."),
])
def test_rule_edit_dev9_round3(source, expected):
    _assert_rule_edit(source, expected)


@pytest.mark.parametrize("source,candidate,refused", [
    # dev10 round 0: the model reworded title-case headings
    ("Notice of Changes\n\nWe are changing the rules.", "Note of Changes\n\nWe're changing the rules.", True),
    ("Why Do Octopuses Change Color?\n\nThey do it to hide.", "Why do Octopuses Change Color?\n\nThey do it to hide.", True),
    # ... a heading kept, a salutation or a sentence are not headings
    ("Why Do Octopuses Change Color?\n\nThey do it to hide.", "Why Do Octopuses Change Color?\n\nThey hide.", False),
    ("Dear Ms. Park,\n\nThanks.", "Hi Ms. Park,\n\nThanks.", False),
    ("The Big Lebowski is a film.", "The Big Lebowski's a film.", False),
    # dev17 (session 27): a heading with a masked name
    ("Notice of <F1>\n\nVisitors are hereby advised that the museum is shut.",
     "Look at <F1>\n\nVisitors are advised that the museum is shut.", True),
    ("Recycling <F1> in <F2>\n\nFrom <F3>, recycling will change.",
     "<F1> recycling in <F2>\n\nFrom <F3>, recycling will change.", True),
    ("Notice of <F1>\n\nVisitors are hereby advised that the museum is shut.",
     "Notice of <F1>\n\nVisitors are advised that the museum is shut.", False),
])
def test_reworded_headings_are_refused(source, candidate, refused):
    from tunesmith.humanize import _line_slips
    assert (_line_slips(source, candidate) == "reworded a title-case heading") is refused


@pytest.mark.parametrize("source,expected", [
    # dev10 round 0's judges: a mandate is no need; a clause-final "I am" stays whole; elevating to new heights
    ("Many services now require 2FA for all customers.", None),
    ("The recipe requires 2 eggs.", "The recipe needs 2 eggs."),
    ("I am grateful to those who shaped the professional I am today.",
     "I'm grateful to those who shaped the professional I am today."),
    ("Elevate your travel experience to extraordinary new heights with our lounge.",
     "Take your travel experience to extraordinary new heights with our lounge."),
    # their lists of stiff phrasing: plain words in the same syntax, and British spellings read as the American keys
    ("We sincerely apologise for any inconvenience.", "We're very sorry for any inconvenience."),
    ("It is important to emphasise that the study was small.", "The study was small."),
    ("We will utilise the funds.", "We'll use the funds."),
    ("The researchers tried to ascertain whether screen time matters.",
     "The researchers tried to find out whether screen time matters."),
    ("Our team has ascertained that the root cause was a faulty switch.",
     "Our team has found that the root cause was a faulty switch."),
    ("This guide aims to demystify the concept.", "This guide aims to explain the concept."),
    ("Please follow the steps outlined below.", "Please follow the steps below."),
    ("I am reaching out to provide a gentle reminder about the deadline.", "I'm reaching out to remind you about the deadline."),
    ("The bridge stands as one of the great achievements of the era.", "The bridge is one of the great achievements of the era."),
    ("The Flood of 1887 stands as one of the most pivotal events in its history.",
     "The Flood of 1887 stands as one of the most important events in its history."),
    ("I possess the skills and passion to succeed.", "I have the skills and passion to succeed."),
    ("The town has faced a myriad of challenges.", "The town has faced many challenges."),
    ("I am available to commence employment on 3 March.", "I'm available to start work on 3 March."),
    # its review (330 probes): the second swap pass only beside the first's changes; British text stays British; each
    # new swap only in its own syntax
    ("This partnership marks a significant milestone in its journey of growth.", "This partnership marks a major milestone."),
    ("At the sanctuary, vets assist about 40 injured individuals each month, mostly owls.",
     "At the sanctuary, vets help about 40 injured individuals each month, mostly owls."),
    ("It is a powerful testament to the strong bond between the two nations.",
     "It's a powerful testament to the strong bond between the two nations."),
    ("The cruise ship we embarked upon in Miami was huge.", "The cruise ship we embarked on in Miami was huge."),
    ("This document serves to summarise the key findings of the audit.", "This document summarises the main findings of the audit."),
    ("Please ascertain that all doors are locked.", None), ("It is difficult to ascertain it with any certainty.",
                                                            "It's difficult to ascertain it with any certainty."),
    ("The police have ascertained how the fire started.", "The police have found out how the fire started."),
    ("Visiting the factory demystifies the process for many customers.", None),
    ("Let me demystify this for you.", None),
    ("The memorial was built to provide a reminder of the lives lost.", None),
    ("Nurses use the chart to provide a reminder of each patient's medication.", None),
    ("I'm writing to provide a gentle reminder about the deadline to all staff.", None),
    ("I am writing to provide a friendly reminder that rent is due on Friday.", "I'm writing to remind you that rent is due on Friday."),
    ("We will commence employment tribunal proceedings.", "We'll commence employment tribunal proceedings."),
    ("A myriad of factors contributes to climate change.", "Lots of factors contributes to climate change."),
    ("The app has a myriad of content for kids.", "The app has lots of content for kids."),
    ("She offered such a myriad of choices.", None),
    ("The city requires a permit for street parties.", None), ("Entry requires a valid ticket.", None),
    ("The course requires attendance at every session.", None),
    ("They are the person they are today and the people around them.",
     "They're the person they are today and the people around them."),
    ("Here we are in Paris at last.", None),
])
def test_rule_edit_dev10_round0(source, expected):
    _assert_rule_edit(source, expected)


def test_a_verb_left_without_its_object_is_refused():
    from tunesmith.humanize import _line_slips
    assert _line_slips("We appreciate your continued support.", "Thanks for continuing to support.")
    assert _line_slips("We are here to help.", "We're here to help.") is None


@pytest.mark.parametrize("source,candidate", [
    # dev10 round 0's judges marked these model rewrites down against the rule edit's
    ("All changes must now be approved by two engineers.", "All changes have to now be approved by two engineers."),
    ("Just <F1> can provide a week of meals for a family of four.", "Just <F1> can give a week of meals for a family of four."),
])
def test_dev10_model_slips_are_refused(source, candidate):
    from tunesmith.humanize import _line_slips
    assert _line_slips(source, candidate)
    assert _line_slips(source, source) is None


@pytest.mark.parametrize("source,expected", [
    # dev10 round 1's pairwise judges: no echo of a word the sentence already says
    ("This explainer endeavors to demystify the concept.", None),
    ("Looking to grow fast, Greenfield is seeking a Senior Data Analyst to join our team.", None),
    ("This guide aims to demystify the concept.", "This guide aims to explain the concept."),
])
def test_rule_edit_dev10_round1_pairwise(source, expected):
    _assert_rule_edit(source, expected)


@pytest.mark.parametrize("source,expected", [
    # dev10 round 2: "not only A but also B" is "both A and B"; filler frames with a domain word or "demanding"
    ("The pasta was not only perfectly tender but also remarkably flavorful.",
     "The pasta was both perfectly tender and remarkably flavorful."),
    ("These experiences have not only honed my thinking but also strengthened my ability to collaborate.",
     "These experiences have honed my thinking and strengthened my ability to collaborate."),
    ("This partnership is not only a testament to our shared values but also a pivotal step forward.",
     "This partnership is both a sign of our shared values and a key step forward."),
    ("Not only is it easy to prepare, but it also needs just six ingredients.", None),
    ("It is not only fast and cheap but also reliable.", "It's not only fast and cheap but also reliable."),
    ("In today's fast-paced and demanding world, keeping fit can feel hard.", "Keeping fit can feel hard."),
    ("In today's fast-paced business world, it's easy to forget the basics.", None),  # (a scope: business)
    ("Accounts with 2FA are more robust.", "Accounts with 2FA are stronger."),
    ("We have added safeguards to prevent a recurrence.", "We've added safeguards to keep it from happening again."),
    ("This is a more robust red wine.", None), ("The results are more robust to outliers.", None),
])
def test_rule_edit_dev10_round2(source, expected):
    _assert_rule_edit(source, expected)


def test_both_and_counts_nothing():
    """'both A and B' for 'not only A but also B' changes no count and sets nothing against A; 'but' still contrasts."""
    from tunesmith.claims import verify
    assert verify("The room is not only small but also dark.", "The room is both small and dark.") == []
    assert verify("The room is small but bright.", "The room is small and bright.")
    assert verify("Both entrances are open.", "One entrance is open.")


def test_an_inverted_should_is_a_condition_only_outside_questions():
    from tunesmith.claims import verify
    assert verify("Should the issue persist, call us.", "If the issue persists, call us.") == []
    assert verify("Should the council approve the plan?", "Does the council approve the plan?")


@pytest.mark.parametrize("source,expected", [
    # dev11 round 0's two judges' lists: plain words in the same syntax
    ("Water will be off between the hours of 9:00 AM and 3:00 PM.", "Water will be off between 9:00 AM and 3:00 PM."),
    ("Please store water before the commencement of work.", "Please store water before the start of work."),
    ("Maintenance will be conducted on Tuesday, August 13.", "Maintenance will take place on Tuesday, August 13."),
    ("The survey will be conducted on 500 patients.", None),
    ("Each household should retain at least 4 gallons of water.", "Each household should keep at least 4 gallons of water."),
    ("Management sincerely apologizes for the delay.", "Management is very sorry for the delay."),
    ("It was collectively agreed that the launch date stays.", "Everyone agreed that the launch date stays."),
    ("Nine of them experienced difficulty locating the search bar.", "Nine of them had trouble locating the search bar."),
    ("It is advisable to consult a planner.", "It's a good idea to consult a planner."),
    ("We have clarified the manner in which data may be shared.", "We've clarified how data may be shared."),
    ("Should you not wish to accept these changes, you may cancel.", "If you don't want to accept these changes, you may cancel."),
    ("It's also worth mentioning that the sizing runs small.", "Also, the sizing runs small."),
    ("The kitchen gets an abundance of natural light.", "The kitchen gets plenty of natural light."),
    ("We acted out of an abundance of caution.", None),
    ("It needs no special equipment whatsoever.", "It needs no special equipment at all."),
    ("So, without further ado, let us dive into the recipe!", "So, let's dive into the recipe!"),
    ("Please let us begin the paperwork for you.", None),
    ("We would like to extend our sincere apologies for the outage.", "We apologize for the outage."),
    ("The study adds to the growing body of evidence surrounding sleep.", None),
    ("No action is required on your part.", "You don't need to do anything."),
    ("Hashing plays a critical role in protecting accounts.", "Hashing plays a big part in protecting accounts."),
    ("Thanks in advance for your cooperation and attention to this matter.", "Thanks in advance for your cooperation."),
    ("We request your help in addressing this matter.", "We ask for your help with this."),
    ("To secure your place, we ask that you RSVP by May 1.", "To secure your place, please RSVP by May 1."),
    ("We ask that you not bring pets.", None),
    ("The plane experienced difficulty in landing.", "The plane had trouble landing."),
    ("For additional information, visit our site.", "For more information, visit our site."),
    ("A widow assumes responsibility for a lighthouse.", "A widow takes responsibility for a lighthouse."),
    ("That equates to about 30 minutes a day.", "That works out to about 30 minutes a day."),
    ("Business attire is kindly requested.", "Please wear business attire."),
    ("Following a thorough investigation, we found the cause.", "After a thorough investigation, we found the cause."),
    ("As previously communicated, budgets are due Friday.", "As mentioned before, budgets are due Friday."),
    ("Management appreciates your cooperation and understanding.", "Management appreciates your cooperation."),
    ("Your gift can make a tangible difference.", "Your gift can make a real difference."),
    ("There are a few considerations worth highlighting.", "There are a few considerations worth pointing out."),
    ("Bold text is worth highlighting in yellow.", None),
    ("It represents a solid investment for most hikers.", "It's a solid investment for most hikers."),
    ("The garage offers convenient storage solutions.", "The garage offers convenient storage."),
    ("We sell practical storage solutions to warehouses.", None),
    ("The room has an inviting ambiance characterized by brick walls.", "The room has an inviting ambiance with brick walls."),
    ("We'd like to express our heartfelt gratitude for your support.", "We're very grateful for your support."),
    ("Let's ensure a smooth start to the instructional day.", "Let's ensure a smooth start to the school day."),
    ("The undertaking wasn't without its challenges.", "The undertaking had its challenges."),
    ("It serves as an enduring reminder of the war.", "It's a lasting reminder of the war."),
    ("A growing body of evidence suggests that sleep matters.", "Growing evidence suggests that sleep matters."),
    # (an aside after "ensures that" keeps it: "makes sure, in case of a breach, attackers ..." read broken)
    ("This ensures that, in the event of a breach, attackers do not gain access.",
     "This ensures that, in case of a breach, attackers don't gain access."),
])
def test_rule_edit_dev11_round1(source, expected):
    _assert_rule_edit(source, expected)


@pytest.mark.parametrize("source", [
    # dev11 round 1's review (~400 probes): each broke a first version
    "He spoke at the commencement of Harvard in 2008.", "The study will be conducted on Tuesday's patients.",
    "The analysis will be conducted from January data.", "The review will be conducted on 12 March by an external team.",
    "It is advisable to the client that he settle.", "The manner in which and the speed at which it grows vary.",
    "In exactly the manner in which it was designed, it failed.", "It's also worth mentioning that he is also a doctor.",
    "We measured an abundance of 20 birds per hectare.", "Do whatsoever you like.",
    "Let us get into the building, officer.", "Let us begin the paperwork, please.",
    "Attendance was recorded at the front desk.", "Thank you for your attention to this matter of national security.",
    "Thank you for your cooperation and attention to this matter, which affects everyone.",
    "We request your support be withdrawn.", "We ask that you and your family arrive early.", "We ask that you are on time.",
    "They have assumed responsibility for the site.", "We assume responsibility for damages lies with the seller.",
    "Her silence equates to about the same as consent.", "Following the review process guidelines is mandatory.",
    "Following the investigation closely, reporters wrote daily.", "She experienced difficulty in the exam.",
])
def test_rule_edit_dev11_review_keeps(source):
    kept = {"commencement", "conducted", "advisable", "manner", "mentioning", "abundance", "whatsoever", "Let us",
            "recorded at", "this matter", "request", "ask that", "assume", "equates", "Following", "difficulty"}
    _assert_keeps_one_of(source, kept)




def test_a_time_zone_after_am_is_no_new_sentence():
    from tunesmith.humanize import sentence_split

    assert sentence_split("It began at 9:42 a.m. EST and lasted 2 hours. Doors open at 9 a.m. Please come.") == [
        "It began at 9:42 a.m. EST and lasted 2 hours.", "Doors open at 9 a.m.", "Please come."]


@pytest.mark.parametrize("source,candidate,refused", [
    # dev11 round 0: the model's slips both judges named
    ("This step caramelizes the vegetables.", "Step caramelizes the vegetables.", True),
    ("The results show a gain.", "Results show a gain.", False),
    ("- A high school diploma; an associate degree is preferred", "- An high school diploma; an associate degree is preferred", True),
    ("He is an honest man, a user and an MBA.", "He's an honest man, a user and an MBA.", False),
    ("Tom Garrity (Marketing).", "Tom Garrity (Marketing.).", True),
    ("Business attire is kindly requested.", "Business attire is kindly asked.", True),
    ("You are asked to arrive early.", "You're asked to arrive early.", False),
    ("I couldn't have done any of it without you.", "I couldn't do any of it without you.", True),
    ("Here's how they work.", "They work.", True),
    ("Work on the canal started on May 3.", "The canal started on May 3.", True),
    ("Work on the canal started on May 3.", "Work on the canal began on May 3.", False),
    ("Trains from Rossio take about 40 minutes and run often.", "Trains from Rossio run about 40 minutes and run often.", True),
])
def test_dev11_model_slips_are_refused(source, candidate, refused):
    from tunesmith.humanize import _piece_slips
    assert (_piece_slips(source, candidate) is not None) is refused


@pytest.mark.parametrize("source,candidate,refused", [
    # dev12 round 0: the model's slips
    ("- Warm up for three to five minutes.", "- You've been warm-up for three to five minutes.", True),
    ("It opened this past February, has quickly become a favorite.", "It opened this past February had quickly become a favorite.", True),
    ("We would also like to remind families of the rule.", "We'd also want to remind families of the rule.", True),
    ("It is 100% BPA-free, and the lid is dishwasher-safe.", "100% BPA-free, and the lid is dishwasher-safe.", True),
    ("It is important to note that the lid is dishwasher-safe.", "The lid is dishwasher-safe.", False),
    ("On Sunday, head west to Belém.", "Sunday, head west to Belém.", True),
    ("On Sunday, head west to Belém.", "On Sunday, go west to Belém.", False),
    ("On <F3>, head west to <F4>.", "<F3>, head west to <F4>.", True),  # (as the model sees it: the day masked)
    ("We have been open since 2019.", "We've been open since 2019.", False),
])
def test_dev12_model_slips_are_refused(source, candidate, refused):
    from tunesmith.humanize import _piece_slips
    assert (_piece_slips(source, candidate) is not None) is refused


@pytest.mark.parametrize("source,expected", [
    # dev11 round 2: round 1's pairwise judges' lists and round 0's, the phrases still in the rule edit
    ("Tardiness has increased, and we request your help in addressing this matter.",
     "Tardiness has increased, and we ask for your help with this."),
    ("She pushed for a date to facilitate the marketing campaign.", "She pushed for a date to help with the marketing campaign."),
    ("We aim to facilitate the transition to remote work.", "We aim to help with the transition to remote work."),
    ("Discolored water may be observed for up to 2 hours.", "Discolored water may appear for up to 2 hours."),
    ("Store water for drinking, cooking, and sanitation purposes.", "Store water for drinking, cooking, and sanitation."),
    ("The purposes of this policy are simple.", None),
    ("Equally crucial is the establishment of an emergency fund.", "Equally important is setting up an emergency fund."),
    ("A savings account can serve as a suitable option.", "A savings account can be a suitable option."),
    ("Goals may vary considerably from person to person.", "Goals may vary a lot from person to person."),
    ("You may cancel without incurring any cancellation fee.", "You may cancel without paying any cancellation fee."),
    ("The hall is capable of accommodating up to 150 people.", "The hall can hold up to 150 people."),
    ("Hunger profoundly impacts their ability to learn.", "Hunger deeply affects their ability to learn."),
    ("Users are encouraged to migrate at their earliest convenience.", "Users are encouraged to migrate as soon as they can."),
    ("We ship to customers at their earliest convenience.", None),
    ("Our team is committed to working collaboratively to find savings.",
     "Our team is committed to working together to find savings."),
    ("Some of it is absorbed high in the atmosphere.", None),
    ("The rules of the game are as follows:", None), ("The results are as follows: see table 2.", None),
    # a closer that says nothing goes whole, not where the next sentence leans on it
    ("The sky is blue because of scattering. Nature never ceases to amaze.", "The sky is blue because of scattering."),
    ("We grew 40% this year. The best is yet to come!", "We grew 40% this year."),
    ("He said the best is yet to come.", None), ("The best is yet to come! It starts Monday.", None),
    # dev11 round 3: the stock phrases dev1-11's judges listed most often that the rule edit still kept
    ("At its core, 2FA adds an extra layer of security.", "2FA adds an extra layer of security."),
    ("At its core, the Sun fuses hydrogen into helium.", None), ("The team, at its core, is small.", None),
    ("It has a living area bathed in natural light.", "It has a living area full of natural light."),
    ("The stage was bathed in red light.", None),
    ("Resolved an issue whereby exports failed.", "Fixed an issue where exports failed."),
    ("This is the mechanism whereby cells divide.", None),
    ("At $159, the Kestrel Trail 45 represents excellent value for money.",
     "At $159, the Kestrel Trail 45 is excellent value for money."),
    # its review and pairwise judges: "At its core," only before a subject that defines or does something; "highly
    # sought-after" -> "popular" went ("popular" is weaker, a judge preferred the source's word 8 times)
    ("At its core, lies a simple truth.", None), ("At its core, however, the plan is flawed.", None),
    ("At its core, eBay is a marketplace.", None), ("At its core, the pear was brown and mushy.", None),
    ("She sat bathed in natural light.", None), ("A bug whereby to track errors was added.", None),
    ("It sits in the highly sought-after Ashby Grove neighborhood.", None),
    # its review (~330 probes): each broke a first version
    ("Patients may be observed for 24 hours after surgery.", None), ("We were asked to facilitate the meeting.", None),
    ("This interruption is necessary to facilitate the replacement of a valve.", None),
    ("The land is zoned for residential and training purposes.", None),
    ("He asked for training purposes to be stated in the contract.", None),
    ("The hotel is capable of accommodating special dietary requests.", None),
    ("Applicants should note that interviews are scheduled at their earliest convenience.", None),
    ("He has never worked collaboratively.", None), ("Above it is a small attic.", None),
    ("You may exit without incurring any penalty or loss.", None),
    ("After the establishment of a budget, spending fell.", None),
    ("We request your help in addressing this matter of unpaid invoices.", None),
])
def test_rule_edit_dev11_round2(source, expected):
    _assert_rule_edit(source, expected)


@pytest.mark.parametrize("source,expected", [
    # dev12 round 2: its two round-0 judges' lists, plain words in the same syntax
    ("The work is being undertaken by Clearflow Plumbing Services.", "The work is being done by Clearflow Plumbing Services."),
    ("Residents are therefore advised to store a sufficient quantity of water.", "Residents should therefore store enough water."),
    ("Should discolouration persist beyond this period, it should be reported to the office.",
     "If discolouration persists beyond this period, it should be reported to the office."),
    ("On restoration of the supply, water may appear cloudy.", "When the supply is restored, water may appear cloudy."),
    ("The following summary outlines the key discussion points and action items arising from the budget meeting.",
     "This summary covers the key discussion points and action items from the budget meeting."),
    ("Following extensive discussion, it was agreed that the following actions would be taken:",
     "After a long discussion, the following actions were agreed:"),
    ("Saving is widely regarded as one of the first steps toward achieving stability.",
     "Saving is widely seen as one of the first steps toward stability."),
    ("Many households find it challenging to determine precisely how much to save.",
     "Many households find it hard to work out exactly how much to save."),
    ("For a household spending $3,200, this would translate into a target of $9,600.",
     "For a household spending $3,200, this would mean a target of $9,600."),
    ("Starting small is perfectly acceptable.", "Starting small is perfectly fine."),
    ("This information is provided for educational purposes only and doesn't constitute personalised financial advice.",
     "This information is for educational purposes only and isn't personalised financial advice."),
    ("The grinder offers exceptional versatility. The timer allows you to dose with accuracy.",
     "The grinder is very versatile. The timer lets you dose with accuracy."),
    ("This home offers the perfect blend of timeless character and modern convenience.",
     "This home combines timeless character and modern convenience."),
    ("The sun-drenched living area features oak floors.", "The sunny living area features oak floors."),
    ("The soup is simple to prepare, making it an ideal choice for busy weeknights.",
     "The soup is easy to make, making it a great choice for busy weeknights."),
    ("I first encountered this recipe in 2019.", "I first came across this recipe in 2019."),
    ("The pancakes earn compliments from friends and family alike.", "The pancakes earn compliments from friends and family."),
    ("Since June, the restaurant has rapidly garnered a devoted following.",
     "Since June, the restaurant has quickly built a loyal following."),
    ("This process takes 200 milliseconds, considerably faster than in chameleons.",
     "This process takes 200 milliseconds, much faster than in chameleons."),
    ("The octopus is a compelling reminder that nature is clever.", "The octopus is a reminder that nature is clever."),
    ("Reflecting on my journey, I'm grateful. None of this would have been possible without my colleagues.",
     "Looking back, I'm grateful. None of this would have happened without my colleagues."),
    ("The village is located about 95 kilometres south of Lisbon.", "The village is about 95 kilometres south of Lisbon."),
    ("Step inside to discover oak floors and abundant natural light.", "Inside, you'll find oak floors and plenty of natural light."),
    ("The backyard provides an ideal setting for entertaining.", "The backyard is a great spot for entertaining."),
    ("There's something undeniably special about a slow morning. What makes these pancakes exceptional is the ricotta.",
     "There's something special about a slow morning. What makes these pancakes so good is the ricotta."),
    ("Begin your Saturday in Alfama. No trip is complete without sampling the custard tarts.",
     "Start your Saturday in Alfama. Don't leave without trying the custard tarts."),
    ("The film not only boasts spectacular cinematography but also demonstrates a keen sense of silence.",
     "The film has spectacular cinematography and shows a keen sense of silence."),
    ("Leftovers can be frozen for three months. Let's dive into the recipe.", "Leftovers can be frozen for three months."),
])
def test_rule_edit_dev12_round2(source, expected):
    _assert_rule_edit(source, expected)


@pytest.mark.parametrize("source", [
    # dev12 round 2's review (~430 probes): each broke a first version of a swap above
    "Add a sufficient amount of the stock to cover the vegetables.", "The abundant natural light makes it ideal.",
    "Interest accumulates to the account holder, not to the bank.", "The ticket allows visitors to the upper deck only.",
    "The app allows you to track spending and to set monthly budgets.", "The risk is undertaken by the insurer.",
    "The depot is located just because the land there was cheap.", "The law treats locals and tourists alike.",
    "The union demonstrates every Friday outside the ministry.", "The board does not constitute new committees lightly.",
    "The soil is easy to prepare in spring.", "What makes this drought exceptional is its length.",
    "The virus was first encountered in 1976.", "Work out in the comfort of your home gym.",
    "Our café offers the perfect blend of Arabica beans for espresso.", "The school offers exceptional children a place.",
    "This knife offers exceptional versatility and comfort.", "On restoration of the power, the pumps restarted.",
    "The wartime backdrop provides an ideal setting for a love story.",
    "Reflecting on this journey, which took nine hours, I wish I had flown.",
    "She was served alongside her husband with divorce papers.", "Her sun-drenched hair was tied back.",
    "Step inside to discover whether the alarm is still on.", "It is a step towards achieving and sustaining growth.",
    "The recipe yields to endless variation.", "The tribunal has the power to determine precisely the sum payable.",
    "The poem would translate into English badly.", "Not only has the company grown but also its budget.",
    "Preheat the oven to 180°C. Let's get cooking!", "She asked where the office is located about three weeks ago.",
    "My aunt loves cheese. No trip is complete without tasting the brie, she says.",
])
def test_rule_edit_dev12_review_keeps(source):
    kept = {"sufficient", "abundant", "accumulates", "allows", "undertaken", "located", "alike", "demonstrates",
            "constitute", "to prepare", "exceptional", "encountered", "comfort", "blend", "setting", "Reflecting",
            "alongside", "sun-drenched", "discover", "achieving", "yields", "determine", "translate", "Not only",
            "cooking", "No trip", "restoration"}
    _assert_keeps_one_of(source, kept)


def test_dev12_round2_claims_read_the_swaps_alike():
    from tunesmith.claims import verify
    assert verify("The app allows you to track spending.", "The app lets you track spending.") == []
    assert verify("Should symptoms persist, call us.", "If symptoms persist, call us.") == []
    assert verify("Residents are advised to store water.", "Residents should store water.") == []
    # (and still see a change of strength or permission)
    assert verify("Residents are advised to store water.", "Residents must store water.")
    assert verify("The app allows you to track spending.", "The app stops you from tracking spending.")


@pytest.mark.parametrize("source,expected", [
    # devT round 1: a sample of the training split's sources (the test split's own distribution, never the test split)
    ("I'm pleased to submit my application for the Reporter position.", "I'd like to apply for the Reporter position."),
    ("Samples of my work can be found at https://www.ellisongrey.com.",
     "You can find samples of my work at https://www.ellisongrey.com."),
    ("The full schedule can also be found in the app.", "You can also find the full schedule in the app."),
    ("Details that can be found online are outdated.", None),
    ("To optimize sleep quality, keep a consistent schedule.", "To improve sleep quality, keep a consistent schedule."),
    ("Brookside Dental Clinic is seeking a friendly and organized receptionist.",
     "Brookside Dental Clinic is looking for a friendly and organized receptionist."),
    ("Previous experience is desirable but not required.", "Previous experience is a plus but not required."),
    ("The client approved this modification.", "The client approved this change."),
    ("Version 8.2 of the mobile application is now available.", "Version 8.2 of the mobile app is now available."),
    ("Get alerts for transactions exceeding an amount of your choosing.",
     "Get alerts for transactions exceeding an amount you choose."),
    ("Support for Android 9 will conclude with this release.", "Support for Android 9 will end with this release."),
    ("The analysis revealed that 71% of the loss occurred near roads.",
     "The analysis showed that 71% of the loss occurred near roads."),
    ("She revealed that she was leaving.", None),
])
def test_rule_edit_devT_round1(source, expected):
    _assert_rule_edit(source, expected)


@pytest.mark.parametrize("source,expected", [
    # devT round 1, its two judges' lists beside the corpus's own human rewrites
    ("Henderson stated that the decision wasn't made lightly.", "Henderson said that the decision wasn't made lightly."),
    ("Our dog has gone missing in the vicinity of Hollis Park.", "Our dog has gone missing near Hollis Park."),
    ("There are several drawbacks that buyers should take into consideration.",
     "There are several drawbacks that buyers should consider."),
    ("Pursuant to the terms of your lease, we'll inspect the unit.", "Under the terms of your lease, we'll inspect the unit."),
    ("To date, volunteers have planted 400 trees.", "So far, volunteers have planted 400 trees."),
    ("Remarkably, these structures relied entirely on gravity.", "These structures relied entirely on gravity."),
    ("On behalf of the committee, we wish to extend our heartfelt apologies to all attendees.",
     "On behalf of the committee, we'd like to apologize to all attendees."),
    ("The store will permanently close its doors on March 31.", "The store will close for good on March 31."),
    ("Henderson expressed profound gratitude to the loyal customers.", "Henderson thanked the loyal customers."),
    ("It needs careful planning, particularly with regard to the down payment.",
     "It needs careful planning, especially when it comes to the down payment."),
    ("Failure to comply may result in disciplinary action.", "Failure to comply may lead to disciplinary action."),
    ("The mower required manual help about once per week.", "The mower required manual help about once a week."),
    ("The secret to achieving a flaky crust lies in using cold butter.", "The secret to a flaky crust is using cold butter."),
    ("Dal tadka is a quintessential comfort food. Each serving provides 14 grams of protein.",
     "Dal tadka is a classic comfort food. Each serving has 14 grams of protein."),
    ("I'll be delivering a keynote address at the summit.", "I'll be giving a keynote at the summit."),
    ("Copyleft licenses mandate that derivative work be open.", "Copyleft licenses require that derivative work be open."),
    ("Regular exercise can significantly mitigate symptoms.", "Regular exercise can significantly reduce symptoms."),
    ("We'd like to inform all staff that the office will move.", "We'd like to let all staff know that the office will move."),
    ("Students will embark on a field trip to the museum.", "Students will go on a field trip to the museum."),
    ("Back pain represents one of the most prevalent health complaints.",
     "Back pain represents one of the most common health complaints."),
    ("Once configured, however, the mower operated seamlessly, maintaining my lawn.",
     "Once configured, however, the mower ran smoothly, maintaining my lawn."),
    ("The new office will be fully operational by Monday.", None),
    ("There is an issue whereby the export fails.", "There's an issue where the export fails."),
    ("It is a system whereby water is cleaned.", "It's a system where water is cleaned."),
    # (its review of the rule edit's own errors: a pronoun for "the complexities", a testament before a bare noun)
    ("I'm adept at navigating the complexities of research and translating them into stories.", None),
    ("Weighing only 238 grams, this shoe is a testament to lightweight design.", None),
])
def test_rule_edit_devT_round1_lists(source, expected):
    _assert_rule_edit(source, expected)


@pytest.mark.parametrize("source,candidate,refused", [
    # dev13 round 0: the model's slips both judges named
    ("**What you'll do:**", "**What you'll do:*", True), ("We thank the Northpeak team.", "We thank the NorthPeak team.", True),
    ("I also worked closely with nursing staff.", "We also worked closely with nursing staff.", True),
    ("When you sign in, the website sends a challenge.", "You sign in, the website sends a challenge.", True),
    ("The pool will now be open seven days a week.", "The pool will open seven days a week.", True),
    ("And right now, every dollar is matched.", "Currently, every dollar is matched.", False),
    ("Brenton Park, to their credit, continued to compete.", "Brenton Park, to their credit, they continued to compete.", True),
    ("It was built by Arthur Wenlock, after which the network grew.", "It was built by Arthur Wenlock, after that the network grew.", True),
    ("They curl into a ball known as a \"tun\".", "They curl into a ball known as an \"tun\".", True),
    ("We wrapped up the bootcamp! 🎉", "We wrapped up the bootcamp!", True),
    ("When it comes to pricing, we are flexible.", "On pricing, we're flexible.", False),
    ("We are very pleased to welcome you.", "We're happy to welcome you.", False),
    ("The key remains on your phone and is never sent online.", "The key remains on your phone and never sent online.", True),
])
def test_dev13_model_slips_are_refused(source, candidate, refused):
    from tunesmith.humanize import _piece_slips
    assert bool(_piece_slips(source, candidate)) is refused, _piece_slips(source, candidate)


def test_bold_markup_is_no_list_marker():
    """'**What you'll do:**' is bold: the humanizer's pieces keep both asterisks (dev13: '**What you'll do:*')."""
    from tunesmith.claims import _LIST_MARKER
    assert _LIST_MARKER.match("**What you'll do:**") is None and _LIST_MARKER.match("-5°C overnight") is None
    assert _LIST_MARKER.match("* Item one").group(0) == "* " and _LIST_MARKER.match("- Item").group(0) == "- "


@pytest.mark.parametrize("source", [
    # devT round 1's review (~475 probes): each broke a first version of a swap above
    "The mask mandate that was lifted in May is back.", "Payment by the tenant constitutes acceptance of the lease.",
    "The lawyer represents one of the defendants.", "An email address is required for account creation.",
    "It was designed with ease of use in mind.",
    "Such conduct would amount to fraud.", "The survivors expressed profound gratitude to be alive.",
    "You may face situations not of your choosing.", "The new extension lies in keeping with the street.",
    "He falsely claimed first place on his CV.", "Samples can be collected from patients at home.",
    "Pursuant to our conversation, I attach the form.", "Thousands gathered to demonstrate that afternoon.",
    "We will conclude with certainty that the drug works.", "The key to achieving them is patience.",
    "Serving provides veterans with a sense of purpose.", "The parties stipulated in court that it was genuine.",
    "This fee comprises the bulk of our revenue.", "It was stated that the lessee shall pay.",
    "A good chess player will anticipate that move.", "The headset pairs perfectly with any Bluetooth device.",
    "Support resolved a bug report as a duplicate.", "The courier is delivering a keynote speaker's luggage.",
"The tenant must mitigate any loss.",
    "It will cost in the vicinity of $5 million.", "The museum has permanently closed its doors to the public.",
    "Mobile application of herbicide is banned.", "Take it once per day of travel.", "He is the most quintessential New Yorker.",
    "The defendant can be found in contempt under Section 14.", "The missing child can be found at her aunt's house, police said.",
])
def test_rule_edit_devT_review_keeps(source):
    kept = {"mandate", "constitutes", "represents", "account creation", "seamlessly", "with ease", "amount to", "gratitude",
            "choosing", "lies in", "claimed", "collected", "Pursuant", "demonstrate", "conclude", "achieving",
            "provides", "stipulated", "comprises", "stated", "anticipate", "pairs", "resolved", "delivering",
            "mitigate", "vicinity", "closed its doors", "application", "per day", "quintessential",
            "can be found"}
    _assert_keeps_one_of(source, kept)


@pytest.mark.parametrize("source,expected", [
    # devT round 2: what recurs as stiff over the rest of the training split's sources, in the syntax each reads the same
    ("Firstly, check the fuse. Secondly, reset the breaker.", "First, check the fuse. Second, reset the breaker."),
    ("The ideal candidate will have five years of experience.", "Ideally, you'll have five years of experience."),
    ("Please submit your resume to jobs@acme.com.", "Please send your resume to jobs@acme.com."),
    ("You earn $60,000 annually.", "You earn $60,000 a year."), ("The board meets annually.", None),
    ("The ceremony will take place on Saturday, June 3.", "The ceremony will be on Saturday, June 3."),
    ("The final will take place on the main pitch.", None),
    ("Applications must arrive no later than 8:45 a.m.", "Applications must arrive by 8:45 a.m."),
    ("Enjoy complimentary pizza and drinks.", "Enjoy free pizza and drinks."),
    ("She made complimentary remarks about the chef.", None),
    ("The store is located at 77 Kirby Lane.", "The store is at 77 Kirby Lane."),
    ("She finished in second place.", "She finished second."), ("Tickets are priced at $25.", "Tickets cost $25."),
    ("Your refund has been successfully processed.", "Your refund has been processed."),
    ("The Hawks secured their first regional championship.", "The Hawks won their first regional championship."),
    ("The firm secured a loan of $2 million.", None),
    ("An incident that occurred at 9 p.m. is under review.", "An incident at 9 p.m. is under review."),
    ("Thank you for notifying us about the leak.", "Thanks for letting us know about the leak."),
    ("Effective September 15, 2025, rent will rise to $1,450.", "Starting September 15, 2025, rent will rise to $1,450."),
    ("The drug is effective against malaria.", None),
    ("Effective immediately, all visitors must sign in.", None),
    ("Phase 2 will take place on Monday, May 5.", None),
    ("Embarking on the 9-course tasting menu is a transformative experience.", None),
    ("The center offers housing assistance, to help veterans rebuild.", None),
    ("The team navigated the complexities of a challenging chase.", "The team handled a challenging chase."),
    ("To finish, we must raise an additional $320,000.", "To finish, we must raise another $320,000."),
    ("Seat reservations are available at an additional cost.", None),
    ("Please be advised that, effective January 1, 2026, the policy will change.",
     "Starting January 1, 2026, the policy will change."),
    ("The module must be completed by all employees no later than Wednesday.", None),
    ("This offers an additional benefit.", None),
    ("I'm writing to submit my application for the teacher position.", "I'm writing to apply for the teacher position."),
    ("Please submit your application by April 4.", "Please apply by April 4."),
])
def test_rule_edit_devT_round2(source, expected):
    _assert_rule_edit(source, expected)


@pytest.mark.parametrize("source", [
    # devT round 2's review (~370 probes): each broke a first version of a swap above
    "Nonprofits must file Form 990 annually.", "Our board of 12 annually reviews the budget.",
    "The stock is priced at 20 times earnings.", "The company is priced at $2 billion after the round.",
    "We need a method whereby to measure progress.", "The reviews were complimentary.",
    "Effective 1 January to 31 March, the office closes at 4 p.m.", "Effective May 2024 figures show a rise.",
    "City secured a draw at Anfield.", "The guards secured the gold bars in the vault.", "I secured a parking spot.",
    "The rubber seals had perished.", "Proceed with extreme caution.", "Passengers should proceed with their passes to gate 12.",
    "The manuscript dates to no later than 1450.", "Book no later than 24 hours in advance.",
    "The fire that occurred in 2019 and destroyed 200 homes was arson.",
    "The ideal candidate will have to relocate to Berlin.", "Data will be held on 2 servers in the EU.",
    "The most intuitive interface wins.", "There are two reasons: firstly, cost; secondly, time.",
    "In anticipation of a strike that never came, shops closed.",
])
def test_rule_edit_devT_round2_review_keeps(source):
    kept = {"annually", "priced at", "whereby", "complimentary", "Effective", "secured", "perished", "proceed with",
            "no later than", "occurred", "ideal candidate", "held on", "intuitive", "firstly", "anticipation"}
    _assert_keeps_one_of(source, kept, ignore_case=True)


def test_an_article_is_checked_again_with_the_facts_back():
    """dev13 round 1: 'known as an "tun"' passed the slip checks while the quoted term was masked; the restored
    candidate is checked too."""
    from tunesmith.humanize import HumanizeOptions
    hz = Humanizer.__new__(Humanizer)
    source = 'They curl into a compact ball known as a "tun," and their metabolism slows.'
    masked = mask_facts(source, [])
    candidate = masked.text.replace(" a <", " an <") if " a <" in masked.text else masked.text.replace(' a "', ' an "')
    text, why = hz._check(source, masked, candidate, HumanizeOptions())
    assert text is None and "'a'/'an'" in why
    text, why = hz._check(source, masked, masked.text, HumanizeOptions())
    assert text is not None, why


@pytest.mark.parametrize("source,expected", [
    # dev14 round 1: the stock words the corpus's human rewrites never keep (counted over the training split's rule edits)
    ("The film is beautiful. However, the middle section drags.", "The film is beautiful. But the middle section drags."),
    ("The pacing, however, is slow.", None),
    ("The venue has no parking; however, a free shuttle will run.", "The venue has no parking, but a free shuttle will run."),
    ("Costs may vary. Therefore, talk to an adviser.", "Costs may vary. So talk to an adviser."),
    ("Bring items such as a torch and a map.", "Bring items like a torch and a map."),
    ("Typically, the process takes 3 days.", "Usually, the process takes 3 days."),
    ("The plan costs $24.99 per month.", "The plan costs $24.99 a month."),
    ("Staff work on-site 3 days per week.", "Staff work on-site 3 days a week."),
    ("Trucks travel at 35 miles per hour.", "Trucks travel at 35 miles an hour."),
    ("Aim for 150 minutes of moderate activity per week.", None), ("The maximum per day is 3 hours.", None),
    ("The home is located in the heart of Eastgate.", "The home is in the heart of Eastgate."),
    ("Cedar Heights, located at 1150 Larkin Avenue, will close.", "Cedar Heights, at 1150 Larkin Avenue, will close."),
    ("Located just 10 minutes from downtown Ashford, this home has 3 bedrooms.",
     "Just 10 minutes from downtown Ashford, this home has 3 bedrooms."),
    ("The hikers were located near the summit on Tuesday.", None), ("The home is conveniently located near a park.", None),
    ("The PTA is seeking at least 12 volunteers.", "The PTA is looking for at least 12 volunteers."),
    ("Families seeking asylum arrived on Monday.", None),
    ("With this victory, the Rovers climb to third place.", "With this win, the Rovers climb to third place."),
    ("The Rovers secured a 3-2 victory over the Falcons.", "The Rovers won a 3-2 victory over the Falcons."),
    ("It was a moral victory for the team.", None),
    ("The match was postponed due to heavy rain.", "The match was postponed because of heavy rain."),
    ("Due to limited space, each family may bring up to two guests.",
     "Because of limited space, each family may bring up to two guests."),
    ("This is due to a combination of factors.", None), ("The new library is due to open in May.", None),
    ("To ensure a smooth transition, each member is asked to clear their desk.",
     "For a smooth transition, each member is asked to clear their desk."),
    ("We will work hard to ensure a smooth handover.", "We'll work hard to ensure a smooth handover."),
    ("To ensure a smooth handover is possible, send the files by Friday.", None),
    ("You'll work with nurses, doctors, and staff to ensure a smooth patient experience.", None),
    ("There is no additional cost for members.", "There's no extra cost for members."),
    ("If you have additional questions, please call us.", "If you have more questions, please call us."),
    ("The house has three additional bedrooms.", "The house has three more bedrooms."),
    ("Additional highlights include a pool.", None),
    ("Please ensure order forms are returned by Friday.", "Please make sure order forms are returned by Friday."),
    ("To ensure we remain on schedule, please reply by Friday.", "To make sure we remain on schedule, please reply by Friday."),
    ("The tent ensures you stay dry in heavy rain.", None), ("We work to ensure quality.", None),
    ("Kindly RSVP by Friday, October 3.", "Please RSVP by Friday, October 3."),
    ("Kindly note the following details.", "Please note the following details."),
    ("He kindly offered to drive us home.", None),
    ("These findings demonstrate an association.", "These findings show an association."),
    ("Studies have demonstrated that they survive.", None), ("Protesters demonstrated outside the embassy.", None),
    ("The position is fully remote; however, candidates must live in one of the 14 states listed on our page.",
     "The position is fully remote, but candidates must live in one of the 14 states listed on our page."),
])
def test_rule_edit_dev14_round1(source, expected):
    _assert_rule_edit(source, expected)


@pytest.mark.parametrize("source", [
    # dev14 round 1's review (~510 probes): each broke a first version of a swap above
    "The facilities, such as they are, are adequate.", "Such as it is, the budget will have to do.",
    "The rules apply to matters such as are listed in Schedule 1.", "That was a typically British response.",
    "It was a typically warm summer day.", "He was typically modest about his achievements.",
    "Typically French, the café served croissants.", "Once the leak is located in the pipe, we fix it.",
    "Located in Paris, the firm employs 200 people.", "Seeking Alpha published the article.",
    "The prosecutors are seeking the death penalty.", "The bill is seeking parliamentary approval.",
    "The Allies celebrated victory in Europe.", "He led his troops to victory.", "Victory in Europe Day is on 8 May.",
    "Employers have a duty to ensure a safe workplace.", "Our goal is to ensure a safe and secure future.",
    "Staff are trained to ensure a safe environment for all.", "This is additional to your statutory rights.",
    "We cannot ensure that the service will be uninterrupted.", "The Company does not ensure that the website works.",
])
def test_rule_edit_dev14_review_keeps(source):
    kept = {"such as", "typically", "located", "seeking", "victory", "to ensure", "additional", "ensure that"}
    _assert_keeps_one_of(source, kept, ignore_case=True)


@pytest.mark.parametrize("source,expected", [
    # session 25 round 1: the inflated verbs and nominal phrases the training split's human rewrites never keep
    ("Offers in excess of $489,000 will be considered.", "Offers over $489,000 will be considered."),
    ("Withdrawals in excess of £500 need a manager's approval.", "Withdrawals over £500 need a manager's approval."),
    ("Costs in excess of the limit are refused.", None),
    ("The project necessitated the labour of up to 2,000 workers.",
     "The project called for the labour of up to 2,000 workers."),
    ("The storm necessitates a change of plan.", "The storm calls for a change of plan."),
    ("Savers should be cognisant that fees apply.", "Savers should be aware that fees apply."),
    ("We encourage the utilization of public transport.", "We encourage the use of public transport."),
    ("Users will be afforded a grace period of no more than 30 days.",
     "Users will be given a grace period of no more than 30 days."),
    ("Minor characters are not always afforded sufficient development.",
     "Minor characters aren't always given sufficient development."),
    ("Version 4.2 introduces a number of enhancements.", "Version 4.2 introduces several enhancements."),
    ("A number of the staff left early.", None),
    ("Service was at times somewhat protracted.", "Service was at times somewhat drawn out."),
    ("After protracted negotiations, the deal was signed.", "After drawn-out negotiations, the deal was signed."),
    ("Halbrook Logistics is pleased to announce the opening of its new hub.",
     "Halbrook Logistics is happy to announce the opening of its new hub."),
    ("I would like to extend my heartfelt gratitude to my mentor, Anjali Rao.", "I'd like to thank my mentor, Anjali Rao."),
    ("Please procure travel insurance before you leave.", "Please get travel insurance before you leave."),
    ("The procured goods arrived on Monday.", None),
    ("The road will be closed for a period of no more than 11 days.", "The road will be closed for no more than 11 days."),
])
def test_rule_edit_session25_round1(source, expected):
    _assert_rule_edit(source, expected)


@pytest.mark.parametrize("source,expected", [
    # session 25 round 2: "a minimum of", "a survey conducted by" ("via" and "throughout the day" were left out after
    # its review, "are encouraged to" -> "should" after its pairwise judges)
    ("Allow 3 hours a week, with a minimum of 30 minutes at least twice.", None),
    ("Tickets are available via our website.", None), ("The café is open throughout the day.", None),
    ("Users are encouraged to upgrade before May 1.", None),  # (its pairwise judges: an encouragement is no duty)
    ("Applicants must have a minimum of 3 years of experience.", "Applicants must have at least 3 years of experience."),
    ("Patients should rest for a minimum of 48 hours.", "Patients should rest for at least 48 hours."),
    ("Data are retained for a maximum of 90 days.", "Data are retained for up to 90 days."),
    ("Fees are capped at up to a maximum of $50.", None),
    ("We put in a minimum of effort.", None),
    ("A 2022 survey conducted by the council found that 62% agree.", "A 2022 survey by the council found that 62% agree."),
    ("Boasting about 2,350 square feet of living space, this home has 4 bedrooms.",
     "With about 2,350 square feet of living space, this home has 4 bedrooms."),
    ("Encompassing about 1,650 square feet, the flat has three bedrooms.",
     "With about 1,650 square feet, the flat has three bedrooms."),
    ("Encompassing the whole valley, the estate is vast.", None), ("He is always boasting about his car.", None),
    ("Delving deeper into these mechanisms could inform new approaches.",
     "Digging deeper into these mechanisms could inform new approaches."),
])
def test_rule_edit_session25_round2(source, expected):
    _assert_rule_edit(source, expected)


@pytest.mark.parametrize("source", [
    # session 25 round 2's review (~520 probes): each broke a first version of a swap above
    "The function has a minimum of 3 at x = 2.", "Overnight temperatures will reach a minimum of 2°C.",
    "Prices hit a maximum of $5 in May.", "Wages are paid at a minimum of $15 per hour.",
    "A minimum of 5 applicants is required.", "Scores ranged from a minimum of 12 to a maximum of 98.",
    "Speeds must not exceed a maximum of 30 mph.", "The study conducted by the end of the year was small.",
    "The experiment conducted by accident revealed penicillin.", "The analysis conducted by itself is not enough.",
])
def test_rule_edit_session25_round2_review_keeps(source):
    kept = {"a minimum of", "a maximum of", "conducted by"}
    _assert_keeps_one_of(source, kept, ignore_case=True)


@pytest.mark.parametrize("source", [
    # session 25 round 1's review (~610 probes): each broke a first version of a swap above
    "Arrive early to facilitate the processing of your visa.", "The drug facilitates the recovery of patients.",
    "The update introduces a number of fixes and several new reports.",
    "It is required to facilitate the transfer of funds.", "The fund returned far in excess of 8% last year.",
    "Living in excess of one's means is unwise.", "They stood in excess of one another.",
    "The rule necessitates that all staff complete the training.", "The evacuation was necessitated by severe flooding.",
    "A wait of some 25 minutes was consequently necessitated despite a reservation.",
    "This necessitates him resigning from the board.", "The Company shall procure that each Subsidiary complies.",
    "She was accused of attempting to procure a breach of contract.", "Each procuring entity shall keep records.",
    "Holidays abroad were afforded every summer by middle-class families.",
    "The property is afforded a stunning view of the bay.", "Quite a number of students failed the exam.",
    "Let n be a number of steps.", "The function returns a number of seconds since the epoch.",
    "A number of his colleagues resigned.", "I would like to extend my gratitude to the generosity of our donors.",
    "We would like to extend our gratitude to the foundation's support.", "The scapula is protracted during a push-up.",
    "He suffered protracted bacterial bronchitis.", "We looked for a period of 3 days with no rain.",
    "The session was facilitated by Zoom.",
])
def test_rule_edit_session25_review_keeps(source):
    kept = {"facilitate", "facilitates", "in excess of", "necessitate", "procure", "procuring", "afforded", "a number of", "gratitude",
            "protracted", "a period of", "is required to", "facilitated by"}
    _assert_keeps_one_of(source, kept, ignore_case=True)


@pytest.mark.parametrize("source,expected", [
    # session 26 round 1: the over-formal register's bounds, times and set phrases (dev15's judges' lists)
    ("Each household must have no fewer than 3 bins.", "Each household must have at least 3 bins."),
    ("The food bank provided no fewer than 18,400 meals in October.", None),  # (an emphatic fact: its review)
    ("The lease requires no less than 24 hours' prior written notice.",
     "The lease requires at least 24 hours' prior written notice."),
    ("It was no less than a miracle.", None),
    ("Ms Patel will take up the post with effect from Monday, 3 June.",
     "Ms Patel will take up the post starting Monday, 3 June."),
    ("Preparation occupies in the order of 25 minutes.", "Preparation occupies about 25 minutes."),
    ("Savings in the region of $9,600 would be needed.", None),
    ("The match was played before an attendance of some 6,200 spectators.",
     "The match was played before an attendance of about 6,200 spectators."),
    ("Some 200 people attended the meeting on Friday.", "About 200 people attended the meeting on Friday."),
    ("Some 1980s films were shown.", None), ("Some 5G phones overheat.", None),
    ("The family has farmed here for upwards of sixty years.", "The family has farmed here for more than sixty years."),
    ("Please confirm by Friday so as to enable catering arrangements to be made.",
     "Please confirm by Friday to enable catering arrangements to be made."),
    ("Accounts will be deleted subsequent to the provision of 30 days' notice.",
     "Accounts will be deleted after the provision of 30 days' notice."),
    ("Should any of the aforementioned documentation be unavailable, please tell me.",
     "Should any of the documentation be unavailable, please tell me."),
    ("The study enrolled 212 participants residing in Leeds.", "The study enrolled 212 participants living in Leeds."),
    ("The power resides in the people.", None),
    ("We apologize for any inconvenience this may occasion.", "We apologize for any inconvenience this may cause."),
    ("In my current capacity as Marketing Coordinator, I manage 12 campaigns.",
     "In my current role as Marketing Coordinator, I manage 12 campaigns."),
    ("By way of illustration, a household spending $2,000 a month would need $6,000.",
     "For example, a household spending $2,000 a month would need $6,000."),
    ("Demand rose 18% relative to the corresponding period last year.",
     "Demand rose 18% compared with the same period last year."),
    ("Increase your distance by no more than 10% relative to the preceding week.",
     "Increase your distance by no more than 10% compared with the previous week."),
    ("Allow the dough to rest at ambient temperature for 2 hours.", "Allow the dough to rest at room temperature for 2 hours."),
    ("I extend my profound gratitude to the colleagues I worked with.",
     "I'm deeply grateful to the colleagues I worked with."),
    ("Residents are hereby reminded that entry may occur with 24 hours' notice.",
     "Residents, please note: entry may occur with 24 hours' notice."),  # (session 29: the reader stays)
    ("Continued utilisation of the service shall constitute acceptance.",
     "Continued use of the service shall constitute acceptance."),
    ("SMS codes are weaker owing to the vulnerability of mobile numbers.",
     "SMS codes are weaker because of the vulnerability of mobile numbers."),
    ("The residence, situated on Elm Road, comprises four bedrooms.", "The residence, on Elm Road, comprises four bedrooms."),
    ("Passenger numbers declined precipitously after 1912.", "Passenger numbers fell sharply after 1912."),
])
def test_rule_edit_session26_round1(source, expected):
    _assert_rule_edit(source, expected)


@pytest.mark.parametrize("source,expected", [
    # session 26 round 2: more of the over-formal register
    ("I'm now in a position to offer the following assessment.", "I'm now able to offer the following assessment."),
    ("The team is in a position to win the league.", None),
    ("I'll be assuming the role of Head of Design from June 3.",
     "I'll be taking on the role of Head of Design from June 3."),
    ("The present study examined 212 adults in Leeds.", "This study examined 212 adults in Leeds."),
    ("Please submit the report by no later than 3:00 p.m. on Wednesday.",
     "Please submit the report by 3:00 p.m. on Wednesday."),
    ("Thank you in advance for your cooperation in this matter.", "Thanks in advance for your cooperation."),
    ("The price is £649 inclusive of delivery.", "The price is £649 including delivery."),
    ("The price is inclusive of VAT.", None),
    ("Users must furnish a second form of verification.", "Users must provide a second form of verification."),
    ("They furnish the flat with new sofas.", None),
    ("Its principal attraction is a 6.5 km coastal path.", "Its main attraction is a 6.5 km coastal path."),
    ("Heavy rain may exacerbate the flooding.", "Heavy rain may worsen the flooding."),
    ("You will be responsible for the preparation and submission of monthly reports.",
     "You'll be responsible for preparing and submitting monthly reports."),
    ("I am responsible for the coordination of email campaigns.", "I'm responsible for coordinating email campaigns."),
    ("Externally, the property benefits from a south-facing garden.", "Externally, the property has a south-facing garden."),
    ("It's advisable that individuals endeavour to establish an emergency fund.",
     "It's advisable that individuals try to establish an emergency fund."),
])
def test_rule_edit_session26_round2(source, expected):
    _assert_rule_edit(source, expected)


@pytest.mark.parametrize("source", [
    # session 26 round 1's review (~1,070 probes): each broke a first version of a swap above
    'The aforementioned is hereby revoked.',
    'None of the aforementioned applies here.',
    'Each of the aforementioned was interviewed.',
    'Contact the aforementioned by email.',
    'The court considered the aforementioned and dismissed the claim.',
    'The aforementioned died in 1990.',
    'As the aforementioned Mr. Smith testified, the car was red.',
    'This aforementioned and that later agreement conflict.',
    'Taxpayers who reside in the top bracket pay more.',
    'Fans who reside in the cheap seats cheered.',
    'Candidates who resided in the bottom quartile were excluded.',
    'The dinner was occasioned by the anniversary.',
    'The letter was occasioned by a misunderstanding.',
    'In their new capacity the engines produce more power.',
    'We are operating in our current capacity of 80 beds.',
    'In my current capacity, I can lift 100 kg.',
    'In her present capacity, the drive can hold 1 TB.',
    'He led by way of example.',
    'This is given by way of example only.',
    'The examples are by way of illustration only.',
    'By way of example and not limitation, the fees include postage.',
    'Samples were kept at ambient temperature in the tropical field station.',
    'At ambient temperature in the Arctic, the battery fails.',
    'I extend my gratitude to the team, and my apologies to the fans.',
    'Further to the north, the roads are closed.',
    'Further to the left is the kitchen.',
    'Further to your point, I would add a caveat.',
    'Further to the findings of Smith (2010), we also found a link.',
    'The debt owing to the estate was written off.',
    'Wages owing to staff were paid late.',
    '$200 remains owing to the seller.',
    'He died owing to the bank millions.',
    'Not owing to anyone, he was free.',
    'The climber fell precipitously to his death.',
    'Night fell precipitously.',
    'He declined precipitously to comment.',
    'The regime fell precipitously in 1989.',
    'Her health declined precipitously.',
    'Patients in the exercise regimen arm improved.',
    'Some 16 year olds are allowed to drive.',
    'Some 2020 models were recalled.',
    'The recall covers some 2020 models.',
    'Some 100 metre sprinters use starting blocks.',
    'Some 10 mg tablets were recalled.',
    'Some 911 calls were dropped.',
    'The factory produced some 747 parts.',
    'Some 2 percent milk was spilled.',
    'Some 40 hour weeks are normal.',
    'Some 60 year olds still work.',
    'He resigned with effect from the end of the month.',
    'For a pendulum of length 1 m, the corresponding period is 2 seconds.',
    'Interest accrues for the corresponding period of delay.',
    'Relative to the corresponding period, costs were flat.',
    'The court may do so as to costs.',
    'The defendant acted so as to mislead investors.',
    'Look at the present time on your watch.',
    'We arrived at the present time of year in Bali.',
    'At the present time of writing, no decision has been made.',
    'Values no less than 10 are flagged.',
    'The score was no less than 3-0.',
    'The vote was won by no fewer than 300 votes to 12.',
    'No fewer than eleven children were born to the couple.',
    'She won no fewer than five Olympic golds.',
    'The runners finished in the order of 4, 7 and 2.',
    'The names are called in the order of 1 to 10.',
    'The house is in the region of 10 Downing Street.',
    'The team is in the region of 5th place.',
    'Errors are in the order of a few percent.',
    'Airplanes fly upwards of 30,000 feet.',
    'The price rose upwards of £5 to £10.',
])
def test_rule_edit_session26_review_keeps(source):
    kept = {"aforementioned", "reside", "resided", "occasioned", "capacity", "by way of", "ambient", "gratitude",
            "further to", "owing to", "precipitously", "regimen", "some", "with effect from", "corresponding",
            "so as to", "at the present time", "no less than", "no fewer than", "in the order of", "in the region of",
            "upwards of"}
    _assert_keeps_one_of(source, kept, ignore_case=True)


@pytest.mark.parametrize("source", [
    # session 26's second reviews (~1,620 probes of rounds 1-2 as mended): each broke a version of a swap above
    'The goalkeeper was in a position to save the penalty.',
    'He was in a position to know the truth.',
    'The car was in a position to turn left.',
    "Let's assume the role of the variable is to store the count.",
    'Researchers assumed the role of the protein was minor.',
    'The present work schedule is too tight.',
    'The gap between the past and the present work of the artist is wide.',
    'The present article 5 of the treaty was amended.',
    'Both the previous and the present study used surveys.',
    'Her understanding in this matter is limited.',
    'Thank you for your support in this matter and in many others.',
    'Thank you for your support in this matter of great importance.',
    'The figures are not inclusive of refunds.',
    'Is the price inclusive of VAT?',
    'Language inclusive of LGBT people is encouraged.',
    'They will furnish her new bungalow.',
    'She helped furnish a restaurant in Leeds.',
    'The principal aims to raise standards.',
    'The loan principal concerns the bank.',
    'Principal risks and uncertainties are listed below.',
    'Exacerbating factors include cold air.',
    'Acute exacerbated COPD needs care.',
    'The curator is in charge of the collection of Egyptian art.',
    'The strike was responsible for the delivery of only half the post.',
    'Smoking is responsible for the development of most lung cancers.',
    'A faulty valve was responsible for the operation of the alarm.',
    'The flat benefits from being close to the station.',
    'The garden benefits from regular watering.',
    'The house benefits from the new tram line.',
    'The staff endeavour to raise £10,000 was a success.',
    'She gave birth to no fewer than 5 babies at once.',
    'He was banned for no less than 3 years, the maximum allowed.',
    'He was sentenced to no less than 20 years.',
    'She died at the age of no less than 104.',
    'He holds the record with no fewer than 8 gold medals.',
    'He was elected with no less than 51% of the vote.',
    'Italy has no fewer than 58 UNESCO sites.',
    'Something in the region of 50 bar is needed.',
    'Anything in the region of £500 would help.',
    'The chapters are numbered in the order of 1 through 12.',
    'The work was completed in the region of 5 days.',
    'Cases were reported in the region of 12 countries.',
    'The storm formed in the region of 15 degrees north.',
    'Salaries range upwards of £80,000.',
    'The sanctions expire with effect from midnight.',
    'She will step down with effect from 30 June.',
    'Your employment will terminate with effect from 31 July.',
    'The appointment was made with effect from 1 May.',
    'The shares were issued with effect from 1 April.',
    'Subsequently to the merger, prices rose.',
    'The Act, as subsequently amended, applies.',
    'Any subsequently acquired property is included.',
    'Costs incurred prior or subsequent to the sale are excluded.',
    "The lien is subsequent to the bank's lien.",
    'The house was damaged so as to be uninhabitable.',
    'The tree fell so as to block the road.',
    "He isn't so foolish so as to believe that.",
    'Prices were double those at the present time.',
    'There were fewer cars in 1950 than at the present time.',
    'This report replaces the aforementioned report.',
    'After the refit, in her new capacity, she will carry 3,000 passengers.',
    'By way of example, she led the charge.',
    'By way of illustration, the book includes 50 photographs.',
    'Store at ambient temperature, which in the tropics can exceed 35°C.',
    'May I extend my gratitude to the staff.',
    'I extend my gratitude to my mentor, as does my wife.',
    'On behalf of the board, I extend my gratitude to our staff.',
    'We extend our sincere apologies for the error on behalf of the team.',
    'Further to our instructions, please also bring photo ID.',
    'The argument is situated in feminist theory.',
])
def test_rule_edit_session26_second_review_keeps(source):
    kept = {"in a position to", "the role of", "the present", "in this matter", "inclusive of", "furnish", "principal",
            "exacerbat", "collection of", "responsible for the", "benefits from", "endeavour", "no fewer than",
            "no less than", "in the region of", "in the order of", "upwards of", "with effect from", "subsequently",
            "subsequent to", "so as to", "at the present time", "aforementioned", "capacity", "by way of", "ambient",
            "gratitude", "apologies", "situated", "further to"}
    _assert_keeps_one_of(source, kept, ignore_case=True)


@pytest.mark.parametrize("source,expected", [
    # session 26 round 3: what dev15's and dev16's judges still listed in the over-formal half
    # (session 27: a release announced is a forecast; the review's duties and bans stay, _SHALL_ANNOUNCES)
    ("The film shall be released in cinemas on Friday 11 October.",
     "The film will be released in cinemas on Friday 11 October."),
    ("The Tenant shall be liable for all repairs.", None), ("We shall contact you by 5 June.", "We'll contact you by 5 June."),
    ("Schedule I shall be updated annually.", None), ("Payment shall be made at such time as may be agreed.", None),
    ("She was a forthcoming and honest witness.", None), ("He asked wherein he had erred.", None),
    ("The court took issue with the exception of minors from the statute.", None),
    ("Of all the gifts, I would be most grateful for more time.", "Of all the gifts, I'd be most grateful for more time."),
    ("As a historian, I write with reference to primary sources.", None),
    ("There is no sufficient reason to doubt it.", "There's no sufficient reason to doubt it."), ("The condition is sufficient but not necessary.", None),
    ("She delved into the attic for old photographs.", None),
    ("The apparatus of claim 3, wherein said valve is a ball valve.", None),
    ("Notwithstanding this, the central performance is strong.", "Even so, the central performance is strong."),
    ("A subplot in the second act, wherein a dispute is aired, runs long.",
     "A subplot in the second act, where a dispute is aired, runs long."),
    ("The forthcoming awards season starts in January.", "The upcoming awards season starts in January."),
    ("No answer was forthcoming.", None),
    ("I am available for interview with the exception of Tuesday 17 September.",
     "I'm available for interview except for Tuesday 17 September."),
    ("I should be most grateful for the chance to discuss my application.",
     "I'd be very grateful for the chance to discuss my application."),
    ("I write with reference to the position of Junior Data Analyst.",
     "I'm writing about the position of Junior Data Analyst."),
    ("I am proficient in the utilisation of SQL, Python and Power BI.", "I'm proficient in the use of SQL, Python and Power BI."),
    ("We have sufficient funds to cover 3 months.", "We have enough funds to cover 3 months."),
    ("This is a sufficient condition for convergence.", None),
    ("Fees are payable monthly thereafter.", "Fees are payable monthly after that."),
    ("The office will reopen at such time as repairs are complete.", None),
])
def test_rule_edit_session26_round3(source, expected):
    _assert_rule_edit(source, expected)

@pytest.mark.parametrize("source,expected", [
    # session 27 round 1: the over-formal half's most frequent marks (dev15's and dev16's judges' lists), each in the
    # syntax its guard allows; a notice's "shall" only where the sentence announces what happens at a time ahead
    ("The Visitor Centre shall remain open daily from 10:00 a.m. to 4:30 p.m.",
     "The Visitor Centre will remain open daily from 10:00 a.m. to 4:30 p.m."),
    ("The event shall take place on Saturday 4 May at 2 p.m.",
     "The event will take place on Saturday 4 May at 2 p.m."),
    ("I shall be concluding my tenure as Director on 31 March.",
     "I'll be concluding my tenure as Director on 31 March."),
    ("The library shall be closed from Saturday 24 December until Tuesday 3 January.",
     "The library will be closed from Saturday 24 December until Tuesday 3 January."),
    ("The consultation shall close on 30 June.",
     "The consultation will close on 30 June."),
    ("Windows shall be closed before 4:30 p.m.",
     None),
    ("The bar shall close at 11:00 p.m.",
     None),
    ("The hirer shall close the hall by 11:00 p.m.",
     None),
    ("Committee meetings shall be held on the first Tuesday of the month.",
     None),
    ("Rule 4. The bar shall close at 11:00 p.m. on Friday.",
     None),
    ("Reports shall be sent to the Registrar by 5 p.m. on Friday.",
     None),
    ("No, I will not.",
     None),
    ("I will not attend the meeting.",
     "I won't attend the meeting."),
    # (read in dev17's outputs: an older swap left "I've led the team since 2009 and of contributing to ...")
    ("I have had the privilege of leading the team since 2009 and of contributing to the training of new staff.",
     "I've had the privilege of leading the team since 2009 and of contributing to the training of new staff."),
    ("Tidely helps you take control of your finances seamlessly, effortlessly, and confidently.", None),
    ("Elizabeth I will be remembered.",
     None),
    ("Patients in stage I will receive surgery alone.",
     None),
    ("No claim shall be made after 30 days.",
     None),
    ("Every child shall be given the opportunity to be heard.",
     None),
    ("Schedule I shall be updated annually.",
     None),
    ("Shall we meet on Monday?",
     None),
    ("The Tenant shall pay the rent monthly.",
     None),
    ("Pupils shall not be permitted to bring mobile telephones.",
     "Pupils shall not be permitted to bring mobile phones."),
    ("Pursuant to these amendments, the notice period shall be reduced from two to one.",
     "Under these amendments, the notice period shall be reduced from two to one."),
    ("The salary is £31,000 to £34,000 per annum, depending on experience.",
     "The salary is £31,000 to £34,000 a year, depending on experience."),
    ("This represents an increase of £600 in comparison with the previous year.",
     "This represents an increase of £600 compared with the previous year."),
    ("Fatigue was assessed by means of a questionnaire.",
     "Fatigue was assessed using a questionnaire."),
    ("Payment by means of cheque is no longer accepted.",
     "Payment by cheque is no longer accepted."),
    ("Commenting on the appointment, Mr Achebe stated: \"She is the right person.\"",
     "Commenting on the appointment, Mr Achebe said: \"She is the right person.\""),
    ("Relocation support can't be offered in respect of this role.",
     "Relocation support can't be offered for this role."),
    # (gone after its reviews: "remitted" is waived or sent back to a court as often as paid, "whereupon" is "on
    # which", "persons" are the Trinity's or a verb's; they stay)
    ("A deposit of £50 must be remitted via ParentPay by Friday 28 March.", None),
    ("An engineer will be in attendance between 8 a.m. and 1 p.m.",
     "An engineer will be there between 8 a.m. and 1 p.m."),
    ("The committee met with seven members in attendance.",
     "The committee met with seven members present."),
    ("Should any of the documents be unavailable, please advise me accordingly.",
     "Should any of the documents be unavailable, please let me know."),
    ("I should be grateful if you could send the invoices.",
     "I'd be grateful if you could send the invoices."),
    ("The kettle is capable of bringing water to the boil in three minutes.",
     "The kettle can bring water to the boil in three minutes."),
    ("The van was capable of towing 2 tonnes.",
     None),
    ("He is capable of great things.",
     None),
    ("The film constitutes an ambitious endeavour.", None),  # ("The Governor constitutes a commission": gone)
    ("The company intends to effect amendments to its Terms of Service.",
     "The company intends to make changes to its Terms of Service."),
    ("Ashworth Town were unable to effect an equaliser before the interval.",
     "Ashworth Town were unable to score an equaliser before the interval."),
    ("She held the position of Associate Director at Arup.",
     "She was Associate Director at Arup."),
    ("Visitors are requested to use the signed route.",
     "Visitors are asked to use the signed route."),
    ("The bill amounted to £95.",
     "The bill came to £95."),
    ("The bedrooms are generously proportioned.",
     "The bedrooms are spacious."),
    ("On the occasion of our visit, the room was full.",
     "On our visit, the room was full."),
    ("Feel free to remain in contact.",
     "Feel free to stay in touch."),
    ("The principal enhancements incorporated within this release are as follows:",
     "The main enhancements in this release are as follows:"),
    ("The performance is of exceptional quality.",
     "The performance is exceptional."),
    ("Resurfacing works will be undertaken overnight.",
     "Resurfacing works will be carried out overnight."),
    ("Claims must be submitted by 30 April, whereupon each claim will be assessed.", None),
    ("More than 140 were received during the preceding twelve months.",
     "More than 140 were received during the previous twelve months."),
    ("Viewings are strictly by prior appointment.",
     "Viewings are strictly by appointment."),
    ("Prospective purchasers are advised to book early.",
     "Potential buyers are advised to book early."),
    ("I wish hereby to submit my application.",
     "I wish to submit my application."),
    ("The table seats up to six persons.", "The table seats up to six people."),  # (session 29's guarded swap)
    ("The quantities stated will yield one 900g loaf.",
     "The quantities stated will make one 900g loaf."),
    ("The bonds yield 4% a year.",
     None),
    ("Phase I will begin in May.",
     None),
    ("World War I will be covered in week 3.",
     None),
    ("My wife and I will be moving to Leeds.",
     None),
    ("I was busy, and I will return on Monday.",
     "I was busy, and I'll return on Monday."),
])
def test_rule_edit_session27_round1(source, expected):
    _assert_rule_edit(source, expected)


# What its two reviews (~1,770 probes, 534 breaks of the first version) broke, now kept: a contract's, a rule's or a
# spec's "shall", "stated" of a thing named, "in respect of" an interest, "constitute" (set up), "held the position of"
# (a stance, a plural), "requested" of a thing, joined gerunds, "of exceptional quality" after a noun, "in attendance
# at", "remitted" (waived, or sent back to a court), "in comparison with" after an act, a predicate "by means of", a
# professional's "advise us accordingly", an "ought" with "should be grateful", "amounted to" of no money, a visit
# marked, "remain in contact" of things touching, a head teacher, "incorporated within" as an act, an undertaking, a
# place's "whereupon", "pursuant to" a letter, "persons" of the Trinity or of a verb, "hereby" in an instrument, and
# "per annum" before a noun.
@pytest.mark.parametrize("source", [
    "This Agreement shall take effect on 1 May 2025.",
    "The Licensee shall remain responsible for all fees.",
    "The Licensee shall be responsible for all fees.",
    "The Tenant shall be responsible for the garden.",
    "The Landlord shall be responsible for the roof.",
    "This Contract shall commence on the Start Date.",
    "This Lease shall expire on 24 June 2030.",
    "The Agreement shall continue until terminated.",
    "The Tenancy shall begin on 1 September.",
    "Either Party shall be responsible for its own costs.",
    "The Terms and Conditions shall apply to all bookings.",
    "The Club Constitution shall apply to all members.",
    "Under the Lease, the Tenant shall be responsible for internal repairs.",
    "The Warranty shall expire 12 months after delivery.",
    "The Statute shall come into force on 1 March.",
    "The Bylaws shall apply to all members.",
    "The Company shall be responsible for all costs incurred under this Agreement.",
    "The Contractor shall commence the Works on 1 June 2025.",
    "The Works shall be completed by 31 March 2026.",
    "The Supplier shall be responsible for delivery of the goods to the Buyer's premises.",
    "The Hirer shall be responsible for any damage caused to the hall.",
    "The Buyer shall be responsible for all import duties.",
    "The Client shall be responsible for obtaining planning permission.",
    "The Customer shall be responsible for the security of their password.",
    "The Seller shall remain the owner of the goods until payment is received in full.",
    "Goods shall remain the property of the Seller until paid for in full.",
    "The Employee shall be responsible for keeping their training records up to date.",
    "The Borrower shall be charged interest at 8% per annum.",
    "This Deed shall take effect on the date of signature.",
    "The Consultant shall be responsible for his own tax and National Insurance.",
    "The Provider shall remain responsible for any subcontractors.",
    "The Purchaser shall be responsible for the Purchase Price.",
    "The Club agrees that the Member shall be permitted one guest.",
    "We shall remain responsible for the Services.",
    "Risk in the goods shall remain with the Seller until delivery.",
    "Equipment shall not be removed from the gym.",
    "The gate shall not remain open.",
    "Children shall remain under adult supervision at all times.",
    "Participants shall remain on the marked course at all times.",
    "Members shall be responsible for the conduct of their guests.",
    "Hoods shall remain closed during operation.",
    "The Secretary shall receive nominations until 1 March.",
    "Players shall remain behind the line until the whistle.",
    "The valve shall close within two seconds of a loss of signal.",
    "The emergency lighting shall operate for a minimum of three hours.",
    "The system shall be upgraded to the latest version within 30 days of release.",
    "The window shall open no more than 100 mm.",
    "The standard requires that the device shall operate at 5 V.",
    "Notice of the AGM shall be sent to all members at least 21 days in advance.",
    "The Chair shall open the meeting.",
    "Meetings shall be held monthly.",
    "The Governing Body shall be responsible for setting the budget.",
    "Substitutes shall remain in the technical area.",
    "According to the rules, the home team shall host the replay.",
    "By law, employers shall be responsible for the health and safety of their staff.",
    "The appeal shall be allowed.",
    "Silence shall be considered to be acceptance.",
    "The reasons he stated: lack of funds and poor timing.",
    "The goals the director stated: growth, retention and profit.",
    "The price she stated, \"£400\", was higher than expected.",
    "The figure the minister stated: £4 billion.",
    "The conditions they stated: no pets and no smoking.",
    "Councillor Jones declared an interest in respect of item 5.",
    "She has no interest in respect of the estate.",
    "The trust holds an interest in respect of the land.",
    "There is interest in respect of the vacancy from several candidates.",
    "Interest in respect of the event has been high.",
    "The Act constitutes a new body corporate known as the Authority.",
    "The order constitutes a tribunal to hear appeals.",
    "The Council may constitute a sub-committee to consider the matter.",
    "The Secretary of State may constitute an appeals tribunal.",
    "The board resolved to constitute a working group.",
    "You held the position of secretary, didn't you?",
    "They held the position of co-chairs for two years.",
    "Both women held the position of joint head of department.",
    "The runners held the position of first and second for the whole race.",
    "We held the position of joint leaders at half-time.",
    "Your presence is requested to celebrate the marriage of Anna and Tom.",
    "The pleasure of your company is requested to celebrate our 50th anniversary.",
    "Permission was requested to demolish the building.",
    "Planning permission was requested to build a garage.",
    "Funds were requested to cover travel costs.",
    "The unit is capable of heating and cooling the room.",
    "The robot is capable of running, jumping and climbing.",
    "The machine is capable of producing 500 units an hour and of storing 2,000.",
    "The printer is capable of printing and scanning.",
    "The system is capable of detecting and recording faults.",
    "Candidates of exceptional calibre are encouraged to apply.",
    "We sell wine of exceptional quality at affordable prices.",
    "The shop sells furniture of exceptional quality.",
    "We are looking for candidates of exceptional calibre.",
    "The club has produced players of exceptional calibre for decades.",
    "The Duke was in attendance at the ceremony.",
    "Paramedics were in attendance at the scene.",
    "The Mayor was in attendance at the meeting.",
    "The boy was in attendance at the school from 2015 to 2019.",
    "Over 2,000 people were in attendance for the final.",
    "Tuition fees will be remitted for students from low-income households.",
    "The penalty charges were remitted on appeal.",
    "His fine was remitted, and the costs were waived.",
    "Half the rent was remitted during the pandemic.",
    "Three months' rent was remitted by the landlord because of the flood.",
    "The samples were analysed in comparison with certified reference standards.",
    "When placed in comparison with the original, the copy is clearly inferior.",
    "Nothing stands in comparison with her debut album.",
    "The results were plotted in comparison with the model's predictions.",
    "The students' scores were examined in comparison with national averages.",
    "Entry is by means of a ticket only.",
    "Access to the building is by means of a key card.",
    "Voting will be by means of a show of hands.",
    "Payment is by means of direct debit.",
    "Communication was by means of sign language.",
    "We will consult our accountant, who will advise us accordingly.",
    "Our solicitor reviewed the lease and will advise us accordingly.",
    "Our financial adviser will advise us accordingly once the budget is published.",
    "Counsel has been instructed and will advise us accordingly on the merits of an appeal.",
    "The surveyor will inspect the roof and advise us accordingly on the repairs needed.",
    "We should be grateful for the help we received from volunteers, without whom nothing would have happened.",
    "As a nation, we should be grateful for the support of our allies.",
    "I think we should be grateful for the chance to play at Wembley at all.",
    "Perhaps we should be grateful for the opportunity to rebuild.",
    "Do you think we should be grateful for the support?",
    "Total rainfall amounted to 120mm in October.",
    "The delay amounted to 40 minutes.",
    "The crowd amounted to 20,000.",
    "The increase amounted to 4% over the year.",
    "Her prison sentence amounted to 12 years.",
    "A dinner was held on the occasion of his visit.",
    "A commemorative medal was struck on the occasion of their visit.",
    "The town was decorated on the occasion of his visit.",
    "A banquet was given on the occasion of her visit to Paris.",
    "The probe must remain in contact with the skin for 30 seconds.",
    "Allow the cleaning solution to remain in contact with the surface for ten minutes.",
    "Both feet must remain in contact with the ground during the throw.",
    "The electrodes should remain in contact with the terminal at all times.",
    "The tyres remain in contact with the road even on rough surfaces.",
    "The college principal reasons that smaller classes would help.",
    "If the principal benefits, so do the pupils.",
    "If the principal changes, the governors must be told.",
    "The orchestra's principal features in the second movement.",
    "The fix has been incorporated within this release.",
    "Several security patches have been incorporated within this build.",
    "Feedback from users was incorporated within this version.",
    "We have incorporated within this edition a new chapter on ethics.",
    "The obligation was undertaken freely by both sides, and the inspection followed.",
    "The course was undertaken part-time while she worked in building maintenance.",
    "The training was undertaken at Leeds, where she later carried out tests on bridges.",
    "A journey of 40 miles was undertaken to fetch the spare parts for the repairs.",
    "The pilgrimage was undertaken in 1990, before the church's restoration works began.",
    "The land, whereupon the house now stands, is leased from the Crown.",
    "The plot of land, whereupon stood the old mill, was sold in 1920.",
    "Pursuant to the discussion about the plan, I attach a revised draft.",
    "Pursuant to the letter about the policy, we have paused recruitment.",
    "Pursuant to the call on the scheme, please find the figures below.",
    "Pursuant to the feedback on our policy, we have made changes.",
    "English verbs are conjugated in three persons and two numbers.",
    "Christians believe in one God in three persons.",
    "The Trinity is one God in three persons: Father, Son and Holy Spirit.",
    "The court granted an injunction against two persons unknown.",
    "Two persons jointly and severally liable under the guarantee must both sign.",
    "The powers hereby to be conferred on the Minister are set out in Part 2.",
    "The scheme offers a £5,000 per annum allowance for relocation.",
    "Members receive a 3% per annum increase in line with inflation.",
    "A £150 per annum membership fee applies to all clubs.",
    "Invigilators shall not start the exam before 9:00 a.m.",
    "Stallholders shall not close their stalls before 4:00 p.m.",
    "You shall not start work before 9:00 a.m.",
    "You shall not begin any work on site before 8:00 a.m.",
    "Contestants shall not begin cooking until 10:00 a.m.",
    "The Governor constitutes a commission to review the case.",
    "The Act constitutes an authority called the Port Authority.",
    "The 1998 Act constitutes a Scottish Parliament.",
    "The bishop constitutes a parish for the new town.",
    "The minister constitutes an inquiry into the disaster.",
    "Heat is required to effect a change of state.",
    "Pressure is required to effect changes to the seal.",
    "Enzymes are required to effect a change in the substrate.",
    "A two-thirds majority is required to effect changes to the constitution.",
    "She held the position of Head of Year for two years and then relinquished it.",
    "He held the position of Managing Director until he was removed from it in 2019.",
    "He previously held the position of Deputy Chief Constable.",
    "She formerly held the position of Principal Violin.",
    "He held the position of Chief Executive and Chair, and she that of Secretary.",
    "Staff are requested to reception immediately.",
    "Players are requested to court 4.",
    "Volunteers are requested to stations now.",
    "She made a claim in respect of the policy.",
    "Claims in respect of the estate must be made within six months.",
    "He was charged in respect of the assault.",
    "We paid tax in respect of our foreign income.",
    "The hotel was fine in respect of location but poor in respect of cleanliness.",
    "The budget cuts amounted to 1,000 job losses.",
    "The spending cuts amounted to 3 hospital closures.",
    "The debt crisis amounted to 10 years of lost growth, costing billions.",
    "The delay amounted to 3 months and cost the firm £2m.",
    "The losses amounted to 12 deaths and £3m of damage.",
    "Teenagers are capable of making informed decisions about their health.",
    "She is capable of making a will.",
    "The patient is capable of making decisions about her care.",
    "Elizabeth I will remain in contact.",
    "The wires will remain in contact with each other.",
    "Both electrodes will remain in contact.",
    "Allow the glue to set and clamp the boards so they continue to remain in contact.",
    "Press the two surfaces together and allow them to remain in contact.",
    "Fees can be remitted by the school for families on low incomes.",
    "Charges may be remitted by the governors in cases of financial difficulty.",
    "Tuition fees may be remitted in full for students whose parents work at the school.",
    "Part of the debt may be remitted by the lender if the borrower is unemployed.",
    "Interest may be remitted in full where the borrower has suffered bereavement.",
    "The features we incorporated within this release were requested by users.",
    "The team incorporated within this update a dark mode and faster search.",
    "Last year we incorporated within this edition a new index.",
    "The designers incorporated within this version a new colour palette.",
    "Engineers incorporated within this build several security fixes.",
    "The wines are of exceptional quality, value and taste.",
    "The diamonds are of exceptional quality, clarity and colour.",
    "Our staff are of exceptional calibre, dedication and experience.",
    "The fabric is of exceptional quality as well as durability.",
    "The wine is of exceptional quality (and price).",
    "The hill, whereupon the castle was erected, overlooks the town.",
    "The rock, whereupon St Peter built his church, is sacred.",
    "The platform, whereupon the speakers took their seats, was decorated.",
    "The altar, whereupon offerings were placed, dates from 1200.",
    "The field, whereupon the battle was fought, is now a car park.",
    "The Godhead consists of three persons.",
    "The Father, Son and Holy Spirit are three persons but one God.",
    "The Father, Son and Spirit are three persons in one being.",
    "Each of the three persons of the Trinity is fully God.",
    "The Trinity comprises three persons.",
    "The accused was in attendance and represented by counsel.",
    "Dr Patel was in attendance when the patient collapsed.",
    "Two fire crews were in attendance most of the night.",
    "Police were in attendance the whole evening.",
    "A nurse was in attendance all day.",
    "My wife and I should be grateful if you could reply by Friday.",
    "Tom and I should be grateful if you would forward the minutes.",
    "My husband and I should be grateful if you could reply.",
    "I should be grateful if I get a reply at all, given how busy they are.",
    "Honestly, we should be grateful if the rain holds off.",
    "Please advise me accordingly on which option to choose.",
    "Kindly advise me accordingly on the correct tax code to use.",
    "Could you advise me accordingly as to the best course of action?",
    "I am unsure whether to appeal; please advise me accordingly.",
    "Please advise me accordingly, as I am not a lawyer.",
    "The virus is transmitted by means of the bite of an infected mosquito.",
    "Seeds are dispersed by means of the wind.",
    "The infection spreads by means of the bloodstream.",
    "Energy is released by means of the breakdown of glucose.",
    "The lake is fed by means of its tributaries.",
    "The line shall be available 99.9% of the time from next month.",
    "The site shall be available 99.9% of the time from next month.",
    "The station shall be available 99.95% of the time from 1 April.",
    "The site shall be available 24/7 with 99.9% uptime from launch in March.",
    "The line shall be available for 99.5% of scheduled hours from December.",
    "He stated that view in Parliament.",
    "The minister stated that position clearly in 2019.",
    "The coach stated that goal at the start of the season.",
    "The chairman stated that figure in his report.",
    "The magistrates stated that case for the High Court.",
    "The goal was scored by means of a deflection.",
    "Tax paid in respect of profits earned abroad can be credited.",
    "VAT paid in respect of supplies made to the business can be reclaimed.",
    "Interest paid in respect of the loan is deductible.",
    "You keep telling me I should be grateful if you could be bothered to call.",
    "My mother always said I should be grateful if you would even reply.",
    "I was told I should be grateful if you could give me a second chance.",
    "Smith held the position of Head of Science before Jones did.",
    "Evans held the position of Chief Whip, and so did his father.",
    "Evans held the position of Chief Whip, as did his father.",
    "Please remain in contact with us by radio at all times.",
    "Please remain in contact with me until the ambulance arrives.",
    "Please remain in contact with us throughout the night shift.",
    "The harvest will yield 500 loaves' worth of flour for the bakery.",
    "Rising prices will yield fewer loaves per pound for the bakery.",
    "Pursuant to the plan being approved, works will start in June.",
    "The windows of the building shall be closed before 4:30 p.m.",
    "One third of the directors of the company shall retire from office at the meeting in March.",
    "Traders at the market shall open at 8:00 a.m. on Saturday.",
    "The works shall commence on 1 June and shall be completed by 30 September.",
    "The band shall commence at 8:00 p.m. and perform for not less than 90 minutes.",
    "Under the terms of the grant, the centre shall be open from 9:00 a.m. on weekdays.",
    "The hirer is responsible for the hall. The venue shall close at 11:00 p.m. on Saturday.",
    "Hirers must leave the hall tidy. The centre shall close at 11:00 p.m. on Saturday.",
    "This section shall commence on 1 January 2026.",
    "1. The society's general meeting shall be held in October.",
    "The building shall be open to occupants from 06:00 to 22:00 from handover in May.",
    "The magistrates directed the shop shall be closed from Monday 3 March.",
    "The restaurant shall close no later than 11:00 p.m. on Fridays and Saturdays.",
])
def test_rule_edit_session27_review_keeps(source):
    kept = {"shall", "per annum", "in comparison", "by means of", "stated", "in respect of", "remitted", "in attendance",
            "accordingly", "should be grateful", "constitute", "effect", "position of", "requested to", "amounted to",
            "occasion of", "in contact", "principal", "incorporated within", "of exceptional", "undertaken", "whereupon",
            "preceding", "prior appointment", "hereby to", "persons", "capable of", "yield", "pursuant to"}
    _assert_keeps_one_of(source, kept, ignore_case=True)


# Session 28: swaps the claim checks used to refuse ("subsequent to 9.30 pm", "999 in the event that", "It would be
# appreciated if you could", "commencing", "paramount", "are required to" after a number, "two complimentary drinks"),
# and new ones ("under the age of 12", "pleased to hereby confirm"); "20 additional wells" stays (pairwise judges
# preferred it 6 to 0 over "extra").
@pytest.mark.parametrize("source,expected", [
    ("Children under the age of 12 must be accompanied by an adult at all times.",
     "Children under 12 must be accompanied by an adult at all times."),
    ("People over the age of 65 can travel free.",
     "People over 65 can travel free."),
    ("I'm pleased to hereby confirm the offer of a Summer Internship.",
     "I'm pleased to confirm the offer of a Summer Internship."),
    ("Call 999 in the event that a crime is in progress.",
     "Call 999 if a crime is in progress."),
    ("In the event that 2 or more candidates tie, the chair has the casting vote.",
     "If 2 or more candidates tie, the chair has the casting vote."),
    ("Claims can't be processed subsequent to the deadline.",
     "Claims can't be processed after the deadline."),
    ("Access to the pool is not permitted subsequent to 9.30 pm on weekdays.",
     "Access to the pool isn't permitted after 9.30 pm on weekdays."),
    ("It would be greatly appreciated if you could confirm your availability by Friday.",
     "Please confirm your availability by Friday."),
    ("It would be appreciated if you could not park on the grass.",
     "It would be appreciated if you couldn't park on the grass."),
    ("Tickets are $95 per person and include two complimentary drinks.",
     "Tickets are $95 per person and include two free drinks."),
    ("Residents of units 101 through 124 are required to keep bathroom areas clear for inspection.",
     "Residents of units 101 through 124 must keep bathroom areas clear for inspection."),
    ("First and foremost, it is paramount to establish an emergency fund.",
     "First, it's vital to establish an emergency fund."),
    ("Clinical testing conducted in 2024 demonstrated that 87% of participants saw results.",
     "Clinical testing conducted in 2024 showed that 87% of participants saw results."),
    ("The contract is for the position of Mathematics Teacher, commencing August 2025.",
     "The contract is for the position of Mathematics Teacher, starting August 2025."),
    ("Sales fell 5% due to poor weather.",
     "Sales fell 5% because of poor weather."),
    ("We aim to build 20 additional wells.",
     None),
    ("Sex under the age of consent is a crime.",
     None),
])
def test_rule_edit_session28_round1(source, expected):
    _assert_rule_edit(source, expected)


# What its review (~550 probes, 153 breaks) broke, now kept: a debt's or a schedule's "due to", a count needed ("Three
# eggs are required to make this cake"), "the event that" a relative clause names, a request inside a clause or with
# "have"/"possibly", a contract's "agrees to hereby assign", an age of things or of a reading, "the paramount chief",
# praise ("very complimentary about"), a material that perished, a protest with its day, "additional fine sugar", and
# "in the amount of" (its swap went: "a late fee added to your bill in the amount of $25" is no bill of $25).
@pytest.mark.parametrize("source", [
    "A late fee will be added to your bill in the amount of $25.",
    "A credit will be applied to your invoice in the amount of $100.",
    "An adjustment to your bill in the amount of $15 has been made.",
    "We will issue a partial refund of your fee in the amount of $30.",
    "The repayment of the loan in the amount of $5,000 is due in March.",
    "A refund of the deposit in the amount of $200 will follow.",
    "We have received your payment for the invoice in the amount of £450.",
    "The fee for late payment in the amount of $35 has been waived.",
    "A reduction in the fee in the amount of $20 has been approved.",
    "An increase in the monthly charge in the amount of $5 takes effect in June.",
    "The board reduced the fee in the amount of $20.",
    "The refund in the amount of $45 due to the customer was delayed.",
    "We will charge in the amount of $40 per hour.",
    "The bank will refund in the amount of $30.",
    "The contractor will bill in the amount of $500.",
    "The council may fine in the amount of £100 anyone who litters.",
    "The judge will award in the amount of $5,000 to each claimant.",
    "We will invoice in the amount of $2,000 on completion.",
    "The lender agreed to loan in the amount of $10,000.",
    "There is a balance of $200 due to the contractor.",
    "Rent of £900 due to the landlord on 1 May remains unpaid.",
    "Invoice 4471 due to Acme Ltd has been paid in full.",
    "A payment of $75 due to each member will be sent by cheque.",
    "The £300 due to him under the contract was never paid.",
    "Some $4,000 due to the estate has yet to be collected.",
    "The £20 due to each shareholder will be paid on 1 July.",
    "The £1,200 due to the builder will be paid on completion.",
    "Repayments of £250 due to the council each month are in arrears.",
    "The final 10% due to the supplier is withheld until delivery.",
    "His 2 weeks' pay due to him was withheld.",
    "There are 12 days of annual leave due to you.",
    "The 5% commission due to the agent is deducted at completion.",
    "Chapter 5 due to the editor by Friday is still unfinished.",
    "The 3 weeks' leave due to her was paid out on resignation.",
    "Stage 2 due to host the finale has been rebuilt.",
    "Release 7 due to ship in Q3 has slipped.",
    "The launch of Ariane 6 due to lift off at 8 pm was scrubbed.",
    "Two more books are due out, with two more due to follow.",
    "Two more novels are planned, with a third due to follow in 2026.",
    "Prices from 1 April due to rise by 6% will hit households hard.",
    "Rail fares from 2 January due to increase by 4.9% are the highest in a decade.",
    "The 2026 World Cup, due to feature 48 teams, will be the largest yet.",
    "The ceremony on 4 May due to honour 30 veterans drew a large crowd.",
    "At least 50 votes are required to pass the motion.",
    "270 electoral votes are required to win the presidency.",
    "12 members are required to form a quorum.",
    "Three eggs are required to make this cake.",
    "Four AA batteries are required to operate the remote.",
    "Two hours are required to cook the beef properly.",
    "12 volts are required to power the motor.",
    "About 40 hours are required to train a new pilot on this aircraft.",
    "A further 50 ml is required to thin the sauce.",
    "Two teaspoons of yeast are required to make the dough rise.",
    "Four cups of flour are required to make 12 muffins.",
    "At least 3 nodes are required to form a cluster.",
    "Two people are required to lift the box safely.",
    "Three people are required to carry the stretcher.",
    "Around 2,000 volunteers are required to run the festival each year.",
    "Around 5 volunteers are required to help at the fete.",
    "Twelve jurors are required to reach a verdict.",
    "Six players are required to start a match.",
    "She won a bronze medal in the event that she had trained for since 2016.",
    "He was injured in the event that took place in Leeds in 1999.",
    "Only 12 athletes competed in the event that year.",
    "I was not present in the event that you describe.",
    "The crowd in the event that followed the ceremony numbered 5,000.",
    "Volunteers in the event that runs every Saturday wear green bibs.",
    "In the event that was held last year, 300 runners took part.",
    "Medals were awarded to the top 3 finishers in the event that followed.",
    "She finished fourth in the event that Bolt won in 2008.",
    "Security staff in the event that we hosted in May were excellent.",
    "Nobody was hurt in the event that you mentioned.",
    "The crash in the event that marked the end of his career was shocking.",
    "He scored 12 points in the event that decided the title.",
    "Injuries in the event that took place on 3 May were minor.",
    "The winner in the event that she entered received £500.",
    "Tickets in the event that you refer to are sold out.",
    "All profits in the event that we run go to charity.",
    "She described her role in the event that changed history.",
    "Although it would be appreciated if you could attend, it is not mandatory.",
    "Although we would appreciate it if you could come, please don't feel obliged.",
    "I told him that it would be appreciated if you could call back.",
    "She said it would be appreciated if you could bring a dish to share.",
    "Because it would be appreciated if you could reply, we have enclosed an envelope.",
    "I think it would be appreciated if you could bring snacks.",
    "Do you think it would be appreciated if you could send flowers?",
    "Whether or not it would be appreciated if you could help is unclear.",
    "He wondered if it would be appreciated if you could visit.",
    "We would appreciate it if you could, but we understand if you cannot.",
    "We would appreciate it if you could.",
    "It would be appreciated if you could have done this sooner.",
    "It would be appreciated if you could ever find the time to visit.",
    "It would be appreciated if you could possibly send the report sooner.",
    "It would be appreciated if you could possibly reply.",
    "It would be appreciated if you could perhaps look into this.",
    "It would be appreciated if you could somehow find 2 more chairs.",
    "Having showcased 3 designs in Milan, she returned to London.",
    "Having demonstrated the effect in 2 trials, the team applied for funding.",
    "The newly showcased 3 models go on sale in June.",
    "The recently demonstrated 2 prototypes impressed investors.",
    "15,000 people demonstrated Saturday in the capital.",
    "4,000 workers demonstrated last week in Seoul.",
    "Up to 1 million demonstrated nationwide in 2003.",
    "Crowds of 10,000 demonstrated Sunday against the law.",
    "Many of the 1950s rubber seals had perished.",
    "Hundreds of old tyres had perished in the yard.",
    "Check the 2 hoses; if they have perished, replace them.",
    "The 2 gaskets that the workers fitted in 2010 had perished.",
    "Guests were very complimentary about breakfast.",
    "The 3 judges were complimentary about lunch.",
    "The inspectors were complimentary about parking.",
    "The recipe needs 50 g of additional fine sugar.",
    "Blood pressure readings over the age of 60 are often higher.",
    "Readings over the age of 50 should be below 140/90.",
    "Heart rates over the age of 50 tend to fall.",
    "Cholesterol levels over the age of 40 should be checked yearly.",
    "Mortality rates over the age of 80 remain high.",
    "Scores over the age of 70 dropped by 10 points.",
    "BMI over the age of 65 is a poor predictor of risk.",
    "Salaries over the age of 50 tend to plateau.",
    "Insurance premiums rise sharply over the age of 70.",
    "Any fever over the age of 3 months should be checked by a GP.",
    "Apprentices paid under the age of 19 receive £6.40 an hour.",
    "Drivers caught speeding over the age of 70 must retake their test.",
    "The fine for drivers caught over the age of 70 is £100.",
    "Risks over the age of 35 rise for mothers.",
    "Over the age of 40 heart disease risk climbs.",
    "Dogs over the age of 7 need a senior diet.",
    "Horses over the age of 20 need dental checks.",
    "Fish over the age of 5 rarely breed.",
    "Vehicles over the age of 10 must be tested annually.",
    "Equipment over the age of 5 must be inspected.",
    "Trees over the age of 100 are protected.",
    "Properties over the age of 50 often have asbestos.",
    "Bottles of wine over the age of 20 should be decanted.",
    "Buildings under the age of 30 are not listed.",
    "I wish to hereby and irrevocably renounce my claim.",
    "The Employee agrees to hereby assign all inventions to the Company.",
    "The Assignor agrees to hereby assign, transfer and convey all rights.",
    "The Seller agrees to hereby transfer title to the goods.",
    "The Licensor agrees to hereby grant a licence to the Licensee.",
    "The Company agrees to hereby release the Employee from all 3 claims.",
    "I have decided to hereby resign from the committee.",
    "The paramount chief of the region met the delegation.",
    "The British acted as the paramount power in India until 1947.",
    "The child's welfare shall be the court's paramount consideration.",
    "Paramount among these concerns is safety.",
    "Her paramount aim was to win gold in 2024.",
    "The company's paramount concern is patient safety.",
    "The committee's paramount duty is to protect the 6 reserves.",
])
def test_rule_edit_session28_review_keeps(source):
    kept = {"in the amount of", "due to", "required to", "in the event that", "appreciate", "hereby", "the age of",
            "paramount", "complimentary", "perished", "demonstrated", "showcased", "additional"}
    _assert_keeps_one_of(source, kept, ignore_case=True)


# Session 29 round 1: the over-formal register dev18's judges listed most, each in the syntax its guard allows; and
# what stays (a verb "save", an accountant's share, a reader a pronoun needs, a condition, a stative "ceased to", a
# tax levied, a merger effected, "missing persons").
@pytest.mark.parametrize("source,expected", [
    ('Notice is hereby given that the library will close on Friday 3 May.',
     'The library will close on Friday 3 May.'),
    ('All charges shall be waived, save that charges for lost items will not be refunded.',
     "All charges will be waived, except that charges for lost items won't be refunded."),
    ('The whole building was destroyed, save for the chapel.',
     'The whole building was destroyed, except for the chapel.'),
    ('In order that your cover may continue, please book an appointment by 3 June.',
     'So that your cover may continue, please book an appointment by 3 June.'),
    ('We write to acknowledge receipt of your notification of loss dated 3 March.',
     "We've received your notification of loss dated 3 March."),
    ('Admission is free of charge.',
     'Admission is free.'),
    ('The shortfall was principally attributable to staff absence.',
     'The shortfall was mainly due to staff absence.'),
    ('The damage consequent on the failure of a concealed pipe is covered.',
     'The damage resulting from the failure of a concealed pipe is covered.'),
    ('Your attention is drawn in particular to clause 7, which bans bonfires.',
     'Please note in particular clause 7, which bans bonfires.'),
    ('Passengers are advised that the 07:15 sailing is cancelled.',
     'Passengers, please note: the 07:15 sailing is cancelled.'),
    ('Please reply by 5 May, failing which the plot will be offered to the next applicant.',
     'Please reply by 5 May, or the plot will be offered to the next applicant.'),
    ('Any loss, howsoever arising, is excluded.',
     'Any loss, whatever the cause, is excluded.'),
    ('The deadline for receipt of submissions is 30 June 2026.',
     'The deadline for submissions is 30 June 2026.'),
    ('Appointments may be booked by telephoning 01632 960 582.',
     'Appointments may be booked by calling 01632 960 582.'),
    ('If you are in receipt of Universal Credit, you may be eligible for a discount of up to 25%.',
     'If you receive Universal Credit, you may be eligible for a discount of up to 25%.'),
    ('Halbury Council hereby gives notice that Mill Lane will be closed from 3 to 7 March.',
     'Halbury Council gives notice that Mill Lane will be closed from 3 to 7 March.'),
    ('You are reminded that the office is closed on Monday 4 May.',
     'The office is closed on Monday 4 May.'),
    ('Your attention is drawn to the fact that the fee is not refundable.',
     "The fee isn't refundable."),
    ('Consumers in possession of an affected unit are strongly advised to cease use immediately and to disconnect the kettle.',
     'Consumers who have an affected unit are strongly advised to stop using it immediately and to disconnect the kettle.'),
    ('Anyone in possession of a ticket for 3 May will be refunded in full.',
     'Anyone who has a ticket for 3 May will be refunded in full.'),
    ('The shop will cease trading on 31 March.',
     'The shop will stop trading on 31 March.'),
    ('A fee of up to £40 per item may be levied at the discretion of staff.',
     'A fee of up to £40 per item may be charged at the discretion of staff.'),
    ('Returns may be effected via any branch.',
     'Returns may be made via any branch.'),
    ('The room holds 12 persons at most.',
     'The room holds 12 people at most.'),
    ('Membership was reinstated with immediate effect.',
     'Membership was reinstated immediately.'),
    ('We save for retirement every month.',
     None),
    ('Profit attributable to shareholders was £3m.',
     None),
    ('Staff are reminded that they must sign in by 9 am.',
     None),
    ('If you are advised that your flight is cancelled, call us.',
     None),
    ('Rail services ceased to operate at 22:00.',
     None),
    ('The firm was served a cease and desist letter.',
     None),
    ('Tax is levied on imports.',
     None),
    ('The merger was effected in 2019.',
     None),
    ('Police are searching for missing persons in the area.',
     None),
    ('We offer free of charge delivery on orders over £50.',
     None),
])
def test_rule_edit_session29_round1(source, expected):
    _assert_rule_edit(source, expected)


@pytest.mark.parametrize("sentence,contracted", [
    # a sentence that stays a legal notice keeps its full forms (dev18's judges: "It's recommended that the tap be
    # run", "They're to be collected" clash); casual ones, and a personal "I'd ask that it be capped", contract
    ("It is recommended that the cold kitchen tap be run for 5 minutes.", False),
    ("It is a requirement of the fire strategy that full evacuation be achieved in 3 minutes.", False),
    ("They are to be collected from the Event Village.", False),
    ("The amnesty does not extend to damaged items, in respect of which a fee may be charged.", False),
    ("The Tenant shall not sublet the flat, and it is not permitted to keep pets.", False),
    ("Pursuant to Condition 12, you are entitled to close your account.", False),
    ("The dessert is not to be missed.", True),
    ("It is a code that cannot easily be reversed.", True),
    ("I would recommend that we push back and request that the increase be capped.", True),
    ("It is hypothesised that these proteins form a matrix, thereby preventing collapse.", True),
    ("We are open on Sunday.\nIt is recommended that boots be worn.", True),  # (the first line contracts)
])
def test_contractions_skip_a_sentence_that_stays_a_legal_notice(sentence, contracted):
    from tunesmith.humanize import contract
    assert (contract(sentence) != sentence) is contracted


# What its two reviews (~1,050 probes, 206 breaks) broke, now kept whole: "save" the verb, a sequence "in order that",
# a room "free of charge" on weekdays, a share "attributable to", a chair "failing which" the vice-chair, an army levied,
# a cure effected, legal "persons" and a contract that ceases, a past "in possession of", a story's "your attention is
# drawn to", an income "in receipt of", a reader whose pronoun or quantifier follows, a mandative "be".
@pytest.mark.parametrize("source", [
    'A charge may be levied if you cancel within 24 hours.',
    'A penalty was levied on the player by the disciplinary panel.',
    'A £5,000 fine was levied against the club for crowd trouble.',
    'All bookings are effected by the strike.',
    'All persons and companies trading in the zone must register.',
    "An army was levied at the King's cost.",
    'Any director, failing which the company secretary, may sign the certificate.',
    'Any loss howsoever arising shall be limited to the fees paid.',
    'Anyone in possession of a knife was arrested on the spot.',
    'Applicants are advised that few will be shortlisted.',
    'Budget carefully; save for emergencies and pay off your cards.',
    'By signing below, we acknowledge receipt of the goods.',
    'Charges are levied monthly in arrears.',
    'Choose a folder, save where you want, and click OK.',
    'Costs that are directly attributable to the acquisition are expensed.',
    'Customers are advised that the product is safe, but many remain sceptical.',
    'Customers who were effected by the change will receive a refund.',
    'Cut back on energy use, save where you can, and check your tariff.',
    'Date appointment ceased: 3 May 2020.',
    "Distress may be levied on the tenant's goods for unpaid rent and costs.",
    "Don't spend your whole bonus, save for a rainy day instead.",
    'Edit your draft; save where the app tells you to.',
    'Everyone in possession of a ticket was admitted.',
    'Everyone in possession of the key had left the building by 6pm.',
    "Execution was levied against the debtor's goods to recover the costs of the action.",
    'Grammar: English verbs show agreement with the first and third persons.',
    'He kept the ledger in order that month, for once.',
    'He set his affairs in order that week and then left the country.',
    'He was principally liable for the debt, and his wife was secondarily liable.',
    'Holders in possession of bonus shares were entitled to vote.',
    'If the Supplier ceases business, the Customer may terminate.',
    'If the app freezes, save where possible and restart.',
    'If the tenant ceases occupation, the landlord may re-let the property.',
    'Juridical persons have rights and duties under the code.',
    'Letters of administration may be granted to the spouse, failing which the nearest relative.',
    'Liability for any loss howsoever arising from use of the website is excluded.',
    'Loss or damage howsoever caused and whether by negligence or otherwise is excluded.',
    'Members are reminded that: (a) fees are due; (b) guests must sign in.',
    'Members are reminded that: the bar closes at 11.',
    'No charge will be levied for the first hour.',
    'Notice is hereby given that "the Old Mill" will be sold at auction.',
    'Notice is hereby given that easyJet flights are delayed.',
    'Notice is hereby given that iPhone repairs are suspended.',
    'Notice is hereby given that: the meeting will start at 7pm.',
    "Notice shall be served on the tenant, failing which the tenant's agent.",
    "Of the project's overheads, 40% are attributable to the London office.",
    'Of the remaining balance, £2m is attributable to the parent company.',
    'Of the spare keys, those in possession of the caretaker are labelled in red.',
    'Of the suspects, those in possession of drugs were charged.',
    'Only authorised persons may enter the control room.',
    'Only exempt persons may carry on a regulated activity without authorisation.',
    'Open the file in the editor, save that version, then close it.',
    'Our advisers are free of charge on Mondays and Tuesdays.',
    'Owners in possession of the property at the date of the survey must sign the form.',
    'Passengers are advised that all luggage be clearly labelled.',
    'Passengers in possession of tickets were allowed to board first.',
    'Passengers whose flights were effected by the disruption can claim a refund.',
    'Patients are advised that surgery is the best option in most cases.',
    'Patients are advised that the risks are small, yet many refuse the operation.',
    'Players are reminded that each must wear shin pads.',
    'Please list the items in order that they appear on the invoice.',
    'Please note the deadline for receipt of payment by the venue is 1 July.',
    'Print the form, save that copy for your records, and post the original.',
    'Put the following events in order that they occurred.',
    'Recovery was effected by a change in treatment.',
    'Residents in possession of permits were able to park on the street during the works.',
    'Revenue is attributable to the UK segment.',
    'Sanctions were levied against the club, including a points penalty.',
    'Services were effected by the strike, and many bookings had to be cancelled.',
    'Spend less on takeaways, save for a deposit on a house.',
    'Spend wisely, save for the future, and avoid debt.',
    'Start early, save for retirement, and invest in low-cost index funds.',
    'Status: ceased.',
    'Take a screenshot, save that image to your desktop and attach it to the ticket.',
    'Tap the heart icon (save for later) to keep the item in your list.',
    'Tenants are advised that rent is due monthly, and most pay by standing order.',
    'Tenants are reminded that no pets be kept in the flats.',
    "The Guarantor cannot revoke this guarantee save with the Lender's written consent.",
    'The Holy Trinity is one God in three persons.',
    'The Lessee is not liable, inter alia, for fair wear and tear.',
    'The Licensee is not entitled to any sums heretofore paid.',
    'The Seller (hereinafter "the Vendor") is not liable for latent defects.',
    'The Tenant and we acknowledge receipt of the inventory.',
    'The appointment is with immediate effect.',
    'The ban, with immediate effect, covers all flights from the region.',
    'The board accepted his resignation with immediate effect.',
    'The chair, failing which the vice-chair, shall preside at every meeting.',
    'The changes were mostly consequent on the new regulations.',
    'The changes will be with immediate effect.',
    'The cost is attributable to the client and will be invoiced monthly.',
    'The court granted an injunction with immediate effect against the protesters.',
    'The court may order disclosure, failing which the claim will be struck out.',
    'The court ordered disclosure of all documents, including those in possession of third parties.',
    "The cure was effected by changes to the patient's diet.",
    'The deadline for receipt of funds into the client account is noon.',
    'The deadline for receipt of goods at the warehouse is 4pm on Friday.',
    'The deadline for receipt of payment is 14 days after the invoice date.',
    'The deadline for receipt of the completed form by our office is Friday.',
    'The delay was directly consequent on the strike.',
    'The doctrine of the Trinity holds that God exists as three persons.',
    'The exchange rate was effected by the announcement.',
    'The files were put in order that morning before the audit.',
    'The form must be signed by the applicant, failing which a parent or guardian.',
    'The goodwill is attributable to the acquired workforce and expected synergies.',
    'The hall is free of charge for community groups on Sunday afternoons.',
    'The house was put in order that winter.',
    'The job losses were largely consequent upon the factory closure.',
    'The labourers ceased from their work at sunset.',
    'The land is free of charge or mortgage, and the title is clean.',
    'The licence shall cease automatically if the Licensee becomes insolvent.',
    'The licensee shall cease use and display of the trade marks.',
    'The local authority has the power to levy a charge; charges were levied in 2023.',
    'The loss for the year is attributable to the minority interest.',
    'The losses were entirely consequent upon the collapse of the bank.',
    'The manager was sacked with immediate effect after the defeat.',
    'The meeting room is free of charge on weekdays.',
    'The meeting shall be chaired by the president, failing which the secretary.',
    'The merger was effected by way of a share exchange.',
    'The minister announced a ban with immediate effect on all live exports.',
    'The names were called in order that they had registered.',
    'The new rules are with immediate effect.',
    'The new speed limit, which is with immediate effect, applies to all vehicles.',
    'The painting is attributable to Rembrandt or one of his pupils.',
    'The parking space is free of charge after 6pm.',
    'The partnership ceased on the death of Mr Grant.',
    'The photographs, and those in possession of the family, were donated to the museum.',
    'The premises hereinbefore described are not to be used for trade.',
    'The quotation is attributable to a senior government spokesperson.',
    'The register of persons with significant control must be kept up to date.',
    'The room was put back in order that evening after the party.',
    'The said Agreement is not assignable, and the said Tenant cannot sublet.',
    'The shares are free of charge, lien and encumbrance.',
    'The striker shot low, and the keeper got down well — save for the ages, said the commentator.',
    'The supplier shall not be liable for any claim howsoever arising out of or in connection with this agreement.',
    'The suspension, with immediate effect, of all trading in the shares was announced at noon.',
    'The tax charge is attributable to the current period.',
    'The tenant must cease use and occupation of the premises on the termination date.',
    'The vote share is attributable to the opposition parties combined.',
    'They got the paperwork in order that afternoon and sent it off.',
    'This Agreement shall cease on the expiry of the Term.',
    'Those in possession of the ball at the final whistle won the game.',
    'Those in possession of the house when it burned were never traced.',
    'Troops were levied from every county at enormous cost to the crown.',
    'Verbs change form for the first, second and third persons.',
    'Visitors are reminded that photography is banned, but most ignore the signs.',
    'Visitors in possession of a pass had been admitted earlier that day.',
    'War was levied against the King, at great cost to the realm.',
    'We acknowledge receipt of applications by email.',
    'We are not responsible for loss or damage howsoever caused by third parties.',
    'Whatever you do – save for your pension first.',
    "Work hard, save for a house, and don't buy what you can't afford.",
    'You are hereby offered the position of Head of Science.',
    "Your attention is drawn to a small door that you hadn't noticed before.",
    'Your attention is drawn to section 4, and in particular to the time limits.',
    'Your attention is drawn to the beautiful garden the moment you step outside.',
    "Your attention is drawn to the chef's knife skills as he works.",
    'Your attention is drawn to the enclosed leaflet and to the attached map.',
    'Your attention is drawn to the eyes in the portrait, which seem to follow you.',
    'Your attention is drawn to the fact that the rent has risen and to the fact that the deposit is due.',
    'Your attention is drawn to the fact that: the office is closed.',
    'Your attention is drawn to the fact the price has gone up.',
    "Your attention is drawn to the painting's vivid colours as you enter the room.",
    'Your attention is drawn to the sound of running water.',
    'Your attention is drawn to the stage by a single spotlight.',
])
def test_rule_edit_session29_review_keeps(source):
    kept = {"save that", "save for", "save where", "in order that", "free of charge", "principally", "attributable to",
            "consequent on", "consequent upon", "failing which", "howsoever", "deadline for receipt of", "telephon",
            "with immediate effect", "levied", "effected", "persons", "cease", "in possession of", "hereby given",
            "hereby gives", "hereby offered", "advised that", "reminded that", "attention is drawn",
            "acknowledge receipt of", "in receipt of"}
    if any(k in source.lower() for k in kept):
        _assert_keeps_one_of(source, kept, ignore_case=True)
    else:  # (a contract's sentence: no contraction; "Whereas ...", "hereinafter", "the said Agreement")
        edited = Humanizer.rule_edit(source)[0] or source
        from tunesmith.humanize import contractions
        assert contractions(edited) == contractions(source), edited

# Session 29 round 2: a notice's "shall" before a state or an effect is "will" ("shall be final", "shall not be
# accepted", "shall take effect"), outside a contract's, a statute's or a constitution's text. A duty's "shall" ->
# "must" was tried and dropped after two reviews (834 and 792 probes, 387 and 482 breaks: announcements, promises,
# benefits and disclaimers read as duties), so every duty below keeps its "shall".
@pytest.mark.parametrize("source,expected", [
    ('Under the club rules, dogs shall be kept on leads at all times.',
     None),
    ('The Hirer shall pay a deposit of £150 no later than 14 days before the event.',
     None),
    ('The Contractor shall not assign this contract without consent.',
     None),
    ('The Licensee shall apply for renewal at least 28 days before expiry.',
     None),
    ('Under the tenancy agreement, payment shall be made by bank transfer within 30 days.',
     None),
    ('Each member shall pay an annual subscription of £120 under Rule 4.',
     None),
    ('Guests shall not smoke in the rooms, as set out in the house rules.',
     None),
    ('The decision of the judges shall be final.',
     'The decision of the judges will be final.'),
    ('Late entries shall not be accepted.',
     "Late entries won't be accepted."),
    ('The winter charges shall be waived in full.',
     'The winter charges will be waived in full.'),
    ('These restrictions shall not apply to a person who is registered blind.',
     "These restrictions won't apply to a person who is registered blind."),
    ('The new timetable shall come into operation on Monday 3 March.',
     'The new timetable will come into operation on Monday 3 March.'),
    ('This Agreement shall terminate on 31 March 2027.',
     None),
    ('The Tenant shall be entitled to a refund of the deposit.',
     None),
    ('The Duke of Kent shall attend the ceremony.',
     None),
    ('The Company shall pay you a bonus of £500.',
     None),
    ('Only authorised personnel shall enter this area.',
     None),
    ('Refreshments shall be provided.',
     None),
    ('No person shall smoke on the premises.',
     None),
    ('If the Tenant shall fail to pay the rent, the Landlord may re-enter.',
     None),
    ('Shall we meet at 6 pm?',
     None),
    ('We shall contact you within 5 working days.',
     "We'll contact you within 5 working days."),
    ('"Members shall wear whites," the notice said.',
     None),
    ('In this Agreement, "Goods" shall mean the items listed in Schedule 1.',
     None),
    ('Blessed are the meek, for they shall inherit the earth.',
     None),
    ('The first 200 customers shall be given a free tool.',
     None),
    ('Under the rules, the winner shall take home £1,000.',
     None),
    ('The Treaty shall enter into force on 1 January 2026.',
     'The Treaty will enter into force on 1 January 2026.'),
    ('Passports shall be valid for at least six months beyond the date of return.',
     None),
    ('Candidates shall be final-year undergraduates.',
     None),
    ('This Lease shall expire on 24 June 2030.',
     None),
])
def test_rule_edit_session29_rule_shall(source, expected):
    _assert_rule_edit(source, expected)


@pytest.mark.parametrize("source,expected", [
    # dev19's judges: old swaps that broke a phrase ("help dog", "so call for", "attend ... for replacing")
    ("A trained assistance dog provided by a charity is allowed.", None),
    ("Attendance is required on remote days when month-end activities so necessitate.", None),
    ("The engineer will attend from 8 am for the purpose of replacing your meters.",
     "The engineer will attend from 8 am to replace your meters."),
    ("The hall is used for the purpose of teaching.", None),
    # (dev20's judges: a level of check)
    ("All volunteers need an enhanced DBS certificate.", None),
    # (pairwise judge pj291: "We've received your notification of loss, received by this office on ...")
    ("We write to acknowledge receipt of your notification of loss, received by this office on Monday 19 January.", None),
])
def test_rule_edit_session29_dev19_mends(source, expected):
    _assert_rule_edit(source, expected)



@pytest.mark.parametrize("source,candidate,refused", [
    # dev16's judges: the model's pieces they marked down
    ("- a full road closure\n- the suspension of 14 bays", "- A full road closure\n- the suspension of 14 bays", True),
    ("Welcome home. Boasting 2,350 square feet of living space, this residence combines comfort with charm.",
     "Welcome home. 2,350 square feet of living space, this residence combines comfort with charm.", True),
    ("Welcome home. Boasting 2,350 square feet of living space, this residence combines comfort with charm.",
     "Welcome home. With 2,350 square feet of living space, this residence combines comfort with charm.", False),
    ("We wish all our patrons a safe and happy holiday season.",
     "We want all our patrons a safe and happy holiday season.", True),
    ("We want you to have a safe holiday season.", "We want you to have a safe holiday season.", False),
])
def test_dev16_model_slips_are_refused(source, candidate, refused):
    from tunesmith.humanize import _slips
    assert bool(_slips(source, candidate)) is refused, _slips(source, candidate)


@pytest.mark.parametrize("source,candidate,refused", [
    # dev17's judges (session 27): the model's pieces they marked down
    ("£15 can provide a hot meal and a clean bed.", "£15 can give you a hot meal and a clean bed.", True),
    ("Please note that check-out is at 11:00 am.", "Please check-out is at 11:00 am.", True),
    ("Please note that check-out is at 11:00 am.", "Check-out is at 11:00 am.", False),
    ("- Set up to 5 savings goals on the free plan", "- Setting up to 5 savings goals on the free plan?", True),
    ("Is it worth it? We think so.", "Is it worth it? We think it is.", False),
])
def test_dev17_model_slips_are_refused(source, candidate, refused):
    assert (_slips(source, candidate) is not None) is refused


@pytest.mark.parametrize("source,candidate,problem", [
    # session 26: a bound's "no" denies nothing, and "so as to" is a purpose, no effect
    ("Bring no fewer than 3 bags.", "Bring at least 3 bags.", False),
    ("You may bring no more than 3 bags.", "You may bring up to 3 bags.", False),
    ("You may bring no more than 3 bags.", "You may bring more than 3 bags.", True),
    ("It took no less than 3 days.", "It took less than 3 days.", True),
    ("Reply by Friday, so as to let us plan.", "Reply by Friday to let us plan.", False),
    ("The crowd was some 6,200.", "The crowd was about 6,200.", False),
    ("Some 18-year-olds cannot vote.", "About 18-year-olds cannot vote.", True),
])
def test_claims_read_bounds_and_purposes_session26(source, candidate, problem):
    from tunesmith.claims import verify
    assert bool(verify(source, candidate)) is problem, verify(source, candidate)


def test_a_contraction_needs_a_subject_not_an_object():
    """dev14 round 1's review: "Any balance due to you will be refunded" lost its grammar as "due to you'll"."""
    assert "you'll" not in (Humanizer.rule_edit("Any balance due to you will be refunded.")[0] or "")
    assert Humanizer.rule_edit("You will be refunded.")[0] == "You'll be refunded."


@pytest.mark.parametrize("source,candidate,refused", [
    # dev14 round 1, the model's pieces read by hand beside the rule edit
    ("Two-factor authentication (2FA) is a security layer.", "Two-factor authentication 2FA is a security layer.", True),
    ("Individuals should, however, be aware that fees apply.", "People should, but be aware that fees apply.", True),
    ("You will handle calls, providing a welcoming first point of contact.",
     "You will handle calls, getting a welcoming first point of contact.", True),
    ("You will handle calls and provide a warm welcome.", "You'll handle calls and give a warm welcome.", False),
    ("The fee is small, but it adds up.", "The fee is small, but it does add up.", False),
    # (dev15's judges: a praise made stronger beside a kept degree word)
    ("Service was attentive. Reservations are strongly recommended.",
     "Service was really attentive. Reservations are strongly recommended.", True),
    ("The food was particularly good.", "The food was really good.", False),
    # (dev13 round 1's judges)
    ("In accordance with our procedures, a unit has been allocated.", "In our procedures, a unit has been set aside.", True),
    ("In accordance with our procedures, a unit has been allocated.", "In line with our procedures, a unit was set aside.",
     False),
])
def test_dev14_model_slips_are_refused(source, candidate, refused):
    from tunesmith.humanize import _slips
    assert bool(_slips(source, candidate)) is refused, _slips(source, candidate)


def test_with_the_model_off_the_result_is_the_verified_rule_edit(tiny_generator):
    """use_model=False (the CLI's --rules-only, the page's checkbox): no candidate is generated, every part gets
    the rule edit or stays as written, and says why."""
    calls = []
    gen = ScriptedGenerator(tiny_generator, lambda p, j: calls.append(p) or "Something vague.")
    source = "It is important to note that the office will be closed on Monday, June 3.\n\nThe lift works."
    res = Humanizer(adapter=None, generator=gen).humanize(source, use_model=False)
    assert calls == [] and gen.prompts == []
    # the default since session 28 (blind judges rated the model's pieces worse than the rule edit 30 times, better 4)
    assert HumanizeOptions().use_model is False
    default = Humanizer(adapter=None, generator=gen).humanize(source)
    assert calls == [] and gen.prompts == [] and default.humanized_text == res.humanized_text
    assert res.humanized_text == "The office will be closed on Monday, June 3.\n\nThe lift works."
    assert [s for s, _, _ in res.sentence_report()] == ["rule-edited", "kept"]
    assert all("model rewrites off" in why for _, _, why in res.sentence_report())
    # ... and a humanizer made without a model does the same, with nothing loaded
    bare = Humanizer(load_model=False)
    assert bare.generator is None and bare.info()["mode"] == "rule edit only"
    assert bare.humanize(source, use_model=True).humanized_text == res.humanized_text
