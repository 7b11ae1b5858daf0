"""The continuous-batching engine: same results as Generator, mixed requests in one batch."""

import threading
import time

import pytest

from tunesmith.engine import Engine, QueueFull
from tunesmith.errors import Cancelled

PROMPTS = ["Once upon a time", "The weather today is", "My favourite recipe needs", "In 1999 the"]


@pytest.fixture(scope="module")
def engine(tiny_generator):
    eng = Engine(tiny_generator, max_rows=8)
    yield eng
    eng.close()


def test_greedy_equals_generator(engine, tiny_generator):
    params = {"temperature": 0, "max_new_tokens": 12}
    want = [c.text for c in tiny_generator.generate(PROMPTS, params)]
    assert [c.text for c in engine.generate(PROMPTS, params)] == want
    # one at a time (a batch of one) too
    assert [engine.generate(p, params)[0].text for p in PROMPTS] == want


def test_requests_with_different_settings_share_the_batch(engine, tiny_generator):
    greedy = {"temperature": 0, "max_new_tokens": 10}
    sampled = {"temperature": 0.9, "top_p": 0.9, "seed": 5, "max_new_tokens": 14, "n": 2}
    alone = engine.generate(PROMPTS[1], sampled)
    steps = engine.scheduler.steps
    reqs = [engine.submit(PROMPTS[0], greedy), engine.submit(PROMPTS[1], sampled),
            engine.submit(PROMPTS[2], {"temperature": 0.7, "top_k": 20, "max_new_tokens": 6, "seed": 1})]
    outs = [r.future.result(30) for r in reqs]
    assert outs[0][0].text == tiny_generator.generate(PROMPTS[0], greedy)[0].text
    assert [c.text for c in outs[1]] == [c.text for c in alone]  # the seed holds whatever shares the batch
    assert len(outs[1]) == 2 and outs[2][0].completion_tokens <= 6
    assert engine.scheduler.largest_batch >= 3
    assert engine.scheduler.steps - steps < 10 + 14 + 6  # they ran together, not one after another


def test_stop_strings_and_lengths_per_row(engine):
    full = engine.generate(PROMPTS[0], {"temperature": 0, "max_new_tokens": 20})[0]
    stop = full.text[5:8]
    cut = engine.generate(PROMPTS[0], {"temperature": 0, "max_new_tokens": 20, "stop": [stop]})[0]
    assert cut.text == full.text[: full.text.find(stop)] and cut.finish_reason == "stop"
    assert full.finish_reason == "length" and full.completion_tokens == 20


def test_stream_matches_generate(engine):
    params = {"temperature": 0, "max_new_tokens": 15}
    chunks = list(engine.stream(PROMPTS[3], params))
    assert "".join(c.text for c in chunks) == engine.generate(PROMPTS[3], params)[0].text
    assert chunks[-1].finish_reason in ("stop", "length") and chunks[-1].completion_tokens > 0


def test_cancel_and_deadline_free_the_rows(engine):
    cancel = threading.Event()
    req = engine.submit(PROMPTS[0], {"temperature": 0.8, "max_new_tokens": 4000}, cancel=cancel)
    time.sleep(0.2)
    cancel.set()
    with pytest.raises(Cancelled):
        req.future.result(10)
    late = engine.submit(PROMPTS[1], {"temperature": 0.8, "max_new_tokens": 4000}, timeout=0.3)
    with pytest.raises(Cancelled):
        late.future.result(10)
    time.sleep(0.2)
    assert engine.scheduler.load["running_rows"] == 0


def test_beams_run_as_an_exclusive_job(engine, tiny_generator):
    params = {"temperature": 0, "num_beams": 2, "n": 2, "max_new_tokens": 6}
    assert [c.text for c in engine.generate(PROMPTS[0], params)] == \
        [c.text for c in tiny_generator.generate(PROMPTS[0], params)]


def test_a_deadline_stops_a_beam_search_mid_run(engine):
    from tunesmith.engine import DeadlineExceeded

    started = time.monotonic()
    req = engine.submit(PROMPTS[0], {"temperature": 0, "num_beams": 4, "max_new_tokens": 4000}, timeout=0.5)
    with pytest.raises(DeadlineExceeded):
        req.future.result(30)
    assert time.monotonic() - started < 5  # 4,000 tokens of 4 beams would take far longer
    assert engine.generate(PROMPTS[1], {"temperature": 0, "max_new_tokens": 4})[0].completion_tokens == 4


def test_bounded_queue(tiny_generator):
    eng = Engine(tiny_generator, max_rows=1, queue_size=1)
    try:
        first = eng.submit(PROMPTS[0], {"temperature": 0.8, "max_new_tokens": 200})
        time.sleep(0.2)  # running now
        eng.submit(PROMPTS[1], {"temperature": 0.8, "max_new_tokens": 5})  # waits
        with pytest.raises(QueueFull):
            eng.submit(PROMPTS[2], {"temperature": 0.8, "max_new_tokens": 5})
        first.cancel.set()
    finally:
        eng.close()


def test_humanizer_runs_on_the_engine(engine):
    from tunesmith.humanize import Humanizer

    res = Humanizer(adapter=None, generator=engine).humanize(
        "It is important to note that the office will open at 9 a.m. on Monday.", candidates=2, max_new_tokens=16)
    assert res.humanized_text and res.facts_kept


@pytest.mark.slow
def test_real_model_fast_path_in_the_running_batch(real_generator):
    """The bundled model on packed weights and the lean decode step: the engine's greedy text
    equals Generator's, and a seeded row is the same alone and beside other rows."""
    eng = Engine(real_generator, max_rows=16)
    try:
        prompts = [real_generator.chat_prompt([{"role": "user", "content": q}])
                   for q in ("What is the capital of France?", "Name three colours.", "Why is the sky blue?")]
        greedy = {"temperature": 0, "max_new_tokens": 24}
        # Together in the running batch = each alone through Generator (no padding there).
        assert [c.text for c in eng.generate(prompts, greedy)] == \
            [real_generator.generate(p, greedy)[0].text for p in prompts]
        seeded = {"temperature": 0.8, "top_p": 0.95, "seed": 11, "max_new_tokens": 24}
        alone = eng.generate(prompts[2], seeded)[0].text
        others = [eng.submit(p, {"temperature": 1.0, "max_new_tokens": 40, "seed": i}) for i, p in enumerate(prompts)]
        beside = eng.submit(prompts[2], seeded)
        assert beside.future.result(120)[0].text == alone
        for r in others:
            r.future.result(120)
        assert eng.scheduler.largest_batch >= 3
    finally:
        eng.close()
