"""The continuous-batching engine: same results as Generator, mixed requests in one batch."""

import threading
import time

import pytest
import torch

from tunesmith import kernels
from tunesmith.config import SamplingParams
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


def test_a_request_waiting_for_several_rows_is_not_overtaken(tiny_generator):
    """Rows that free up are kept for the oldest waiting request (a humanize call's candidates
    join together); one-row requests behind it do not take them first and starve it."""
    eng = Engine(tiny_generator, max_rows=3)
    try:
        long = {"temperature": 0.8, "max_new_tokens": 4000}
        running = [eng.submit(PROMPTS[0], long), eng.submit(PROMPTS[1], long)]  # 1 row left free
        time.sleep(0.2)
        pair = eng.submit(PROMPTS[2], {"temperature": 0.8, "n": 2, "max_new_tokens": 4})  # needs 2 rows
        single = eng.submit(PROMPTS[3], {"temperature": 0.8, "max_new_tokens": 4})  # would fit now
        time.sleep(0.3)
        assert not single.future.done() and list(eng.scheduler.waiting) == [pair, single]
        running[0].cancel.set()  # 2 rows free: the pair first, then the single one
        assert len(pair.future.result(30)) == 2 and single.future.result(30)[0].completion_tokens <= 4
        running[1].cancel.set()
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
        # (the engine renders the prompts: their shared template prefix comes from its prefix cache)
        prompts = [eng.chat_prompt([{"role": "user", "content": q}])
                   for q in ("What is the capital of France?", "Name three colours.", "Why is the sky blue?")]
        assert prompts[0] == real_generator.chat_prompt([{"role": "user", "content": "What is the capital of France?"}])
        greedy = {"temperature": 0, "max_new_tokens": 24}
        # Together in the running batch = each alone.
        assert [c.text for c in eng.generate(prompts, greedy)] == [eng.generate(p, greedy)[0].text for p in prompts]
        assert eng.scheduler.prefix_hits == 6
        seeded = {"temperature": 0.8, "top_p": 0.95, "seed": 11, "max_new_tokens": 24}
        alone = eng.generate(prompts[2], seeded)[0].text
        others = [eng.submit(p, {"temperature": 1.0, "max_new_tokens": 40, "seed": i}) for i, p in enumerate(prompts)]
        beside = eng.submit(prompts[2], seeded)
        assert beside.future.result(120)[0].text == alone
        for r in others:
            r.future.result(120)
        assert eng.scheduler.largest_batch >= 3
        # Decode steps run torch's own ops on one thread (our kernels keep their pool) and put
        # the setting back: a thread started afterwards gets the usual count.
        seen = {}
        later = threading.Thread(target=lambda: seen.update(threads=torch.get_num_threads()))
        later.start()
        later.join()
        assert seen["threads"] == torch.get_num_threads()
        assert eng.scheduler._threads == (torch.get_num_threads() if kernels.available() else 0)
    finally:
        eng.close()


@pytest.mark.slow
@pytest.mark.parametrize("chat", [True, False])
def test_prompts_prefilled_together_equal_each_alone(real_generator, monkeypatch, chat):
    """Prompts admitted together share one prefill pass (right-padded after their cached
    template prefix; plain prompts with no prefix too): each prompt's first-token logits and
    keys/values are bit for bit what it gets alone, so a seed's text never depends on who
    arrived at the same time."""
    from tunesmith.engine.scheduler import Scheduler

    seen: dict[tuple[str, int], tuple[torch.Tensor, list[torch.Tensor]]] = {}
    start_rows = Scheduler._start_rows

    def capture(self, req, p, ids, cache, logits):
        seen[(req.prompts[p], len(req.prompts))] = (logits.clone(), [layer.keys.clone() for layer in cache.layers])
        return start_rows(self, req, p, ids, cache, logits)

    monkeypatch.setattr(Scheduler, "_start_rows", capture)
    eng = Engine(real_generator, max_rows=16)
    try:
        questions = ("Hi.", "What is the capital of France?", "Give me three tips for sleeping better at night, please.")
        prompts = ([eng.chat_prompt([{"role": "user", "content": q}]) for q in questions] if chat
                   else ["The capital of France is", "Once upon a time, in a small village by the sea,", "Hi"])
        params = {"temperature": 0, "max_new_tokens": 2}
        for p in prompts:
            eng.generate(p, params)
        groups = eng.scheduler.prefix_hits
        eng.generate(prompts, params)  # one request: its prompts are admitted together
        assert eng.scheduler.prefix_hits - groups == (3 if chat else 0)
        for p in prompts:
            alone, together = seen[(p, 1)], seen[(p, 3)]
            assert torch.equal(alone[0], together[0]), p
            assert all(torch.equal(a, b) for a, b in zip(alone[1], together[1])), p
    finally:
        eng.close()


def test_chat_template_prefix_is_prefilled_once(engine, tiny_generator):
    """The engine renders chat prompts, registers their shared template prefix and copies its
    keys/values into every new row: same greedy text as a full prefill, and per adapter."""
    params = {"temperature": 0, "max_new_tokens": 8}
    prompts = [engine.chat_prompt([{"role": "user", "content": q}], system="Answer in one line.")
               for q in ("Name a fruit.", "Name a city.")]
    hits = engine.scheduler.prefix_hits
    assert [c.text for c in engine.generate(prompts, params)] == \
        [tiny_generator.generate(p, params)[0].text for p in prompts]
    assert engine.scheduler.prefix_hits == hits + 2
    assert len(engine.scheduler._prefixes) >= 1 and all(len(p) >= 8 for p in engine.scheduler._prefixes)
    plain = engine.generate("Once upon a time", params)  # no registered prefix: full prefill
    assert engine.scheduler.prefix_hits == hits + 2 and plain[0].text


def test_adapters_per_row_over_one_base(tiny, tiny_adapter):
    """Rows with an adapter get exactly what the adapter's own model (peft) gives; rows without
    get the base's text; both in one running batch, and the base is not copied."""
    from peft import PeftModel

    from tunesmith.generate import Generator
    from tunesmith.models import load_model

    params = {"temperature": 0, "max_new_tokens": 10}
    base_gen = Generator(load_model("tiny-random"), quantize="none")
    plain = [c.text for c in base_gen.generate(PROMPTS, params)]
    peft_lm = load_model("tiny-random")
    peft_lm.model = PeftModel.from_pretrained(peft_lm.model, str(tiny_adapter)).eval()
    adapted = [c.text for c in Generator(peft_lm, quantize="none").generate(PROMPTS, params)]
    assert adapted != plain  # the adapter changes the text

    eng = Engine(Generator(load_model("tiny-random"), quantize="none"), max_rows=8)
    try:
        mb = eng.load_adapter("style", str(tiny_adapter))
        assert 0 < mb < 1
        view = eng.with_adapter("style")
        # mixed in one batch: adapter rows and base rows submitted together
        reqs = [view.submit(p, params) for p in PROMPTS] + [eng.submit(p, params) for p in PROMPTS]
        texts = [r.future.result(60)[0].text for r in reqs]
        assert texts[:4] == adapted and texts[4:] == plain
        assert eng.scheduler.largest_batch > 4
        seeded = {"temperature": 0.9, "seed": 3, "max_new_tokens": 12}
        alone = view.generate(PROMPTS[0], seeded)[0].text
        crowd = [eng.submit(p, {"temperature": 1.0, "max_new_tokens": 20, "seed": i}) for i, p in enumerate(PROMPTS)]
        assert view.submit(PROMPTS[0], seeded).future.result(60)[0].text == alone
        for r in crowd:
            r.future.result(60)
        eng.unload_adapter("style")
        with pytest.raises(Exception, match="not loaded"):
            eng.submit(PROMPTS[0], params, adapter="style")
        assert [c.text for c in eng.generate(PROMPTS, params)] == plain
    finally:
        eng.close()


def test_adapter_rows_are_kept_together_and_updated_as_one_slice(tiny, tiny_adapter):
    """The scheduler keeps each adapter's rows contiguous (base rows first), so an update is a
    slice of the batch; a batch whose rows are interleaved takes the masked path. Both give
    every row the same logits."""
    from tunesmith.generate import Generator
    from tunesmith.models import load_model

    eng = Engine(Generator(load_model("tiny-random"), quantize="none"), max_rows=8)
    try:
        eng.load_adapter("a", str(tiny_adapter))
        eng.load_adapter("b", str(tiny_adapter))
        sch, model = eng.scheduler, eng.generator.model
        ids = eng.generator.tokenizer(PROMPTS, return_tensors="pt", padding=True)["input_ids"]
        rows = sch.adapters.rows
        with torch.inference_mode():
            with rows(["a", "a", None, "b"]):
                assert sch.adapters.assignment.spans == {"a": (0, 2), "b": (3, 4)}
                together = model(input_ids=ids).logits
            with rows(["a", None, "a", "b"]):
                assert sch.adapters.assignment.spans is None
                spread = model(input_ids=ids[[0, 2, 1, 3]]).logits
        torch.testing.assert_close(together, spread[[0, 2, 1, 3]])
        # in the running batch: requests of "b", the base and "a", submitted in that order
        params = {"temperature": 0, "max_new_tokens": 40}
        seen: list[list[str | None]] = []
        join = sch._join

        def recording_join(*args):  # the batch's adapter order after every join (engine thread)
            join(*args)
            seen.append([r.request.adapter for r in sch.rows])

        sch._join = recording_join
        with sch._cv:  # (the engine takes none until all six are queued: they are admitted together)
            reqs = [eng.submit(p, params, adapter=name) for name in ("b", None, "a") for p in PROMPTS[:2]]
        for r in reqs:
            r.future.result(60)
        assert max(map(len, seen)) >= 4
        assert all(order == sorted(order, key=lambda a: (a is not None, a or "")) for order in seen)
        assert any(order[:1] == [None] and order[-1:] == ["b"] for order in seen if len(order) >= 3)
    finally:
        eng.close()


def test_adapters_that_cannot_share_a_batch(tmp_path, tiny_adapter):
    import json
    import shutil

    from tunesmith.engine.adapters import row_servable

    assert row_servable(tiny_adapter) is None
    dora = tmp_path / "dora"
    shutil.copytree(tiny_adapter, dora)
    cfg = json.loads((dora / "adapter_config.json").read_text())
    (dora / "adapter_config.json").write_text(json.dumps({**cfg, "use_dora": True}))
    assert "use_dora" in row_servable(dora)


@pytest.mark.slow
def test_real_humanizer_adapter_per_row_equals_its_own_model(real_generator):
    """The shipped humanizer adapter served per row over the bundled base (packed weights, lean
    decode step, fused projections) gives the same greedy rewrites as its own Generator, also
    while chat rows run beside it."""
    from tunesmith.generate import Generator
    from tunesmith.humanize import BUNDLED_ADAPTER, HumanizeOptions, Humanizer

    own = Humanizer(generator=Humanizer.base_generator())  # its own Generator: base + adapter, precise activations
    eng = Engine(real_generator, max_rows=16)
    try:
        eng.load_adapter("humanizer", str(BUNDLED_ADAPTER))
        shared = Humanizer(generator=eng.with_adapter("humanizer"))
        text = ("It is important to note that the quarterly review has been moved to Thursday at 2:00 p.m. "
                "Furthermore, all team leads are expected to attend in order to discuss the budget.")
        prompts = [own._prompt(text, HumanizeOptions())]
        greedy = {"temperature": 0, "max_new_tokens": 48}
        want = own.generator.generate(prompts, greedy)[0].text
        chat = [eng.submit(real_generator.chat_prompt([{"role": "user", "content": q}]),
                           {"temperature": 0.7, "seed": i, "max_new_tokens": 40})
                for i, q in enumerate(["Why is the sky blue?", "Name a fruit."])]
        assert shared.generator.generate(prompts, greedy)[0].text == want
        assert eng.scheduler.largest_batch >= 2
        for r in chat:
            r.future.result(120)
        assert isinstance(own.generator, Generator)
        res = shared.humanize(text)
        assert res.facts_kept and "2:00 p.m." in res.humanized_text
    finally:
        eng.close()



@pytest.mark.slow
def test_prefix_cache_gives_the_full_prefill(real_generator):
    """A prompt prefilled after its cached template prefix gets the logits of a full prefill
    (checked at precise activations, where the packed path is within float noise: with one int8
    term the two prefills already differ by int8 rounding, and greedy text may differ with them)."""
    from tunesmith.kv_cache import CACHE_KWARG, GrowingCache
    from tunesmith.quantize import set_precise_activations

    model = real_generator.model
    eng = Engine(real_generator, max_rows=4)
    from tunesmith.quantize import _Packed

    was_precise = next(m for m in model.modules() if isinstance(m, _Packed)).precise
    set_precise_activations(model, True)
    try:
        prompt = eng.chat_prompt([{"role": "user", "content": "Name three colours."}])
        ids = real_generator._encode([prompt])["input_ids"]
        with torch.inference_mode():
            full = model(input_ids=ids, logits_to_keep=1, **{CACHE_KWARG: GrowingCache(config=model.config)}).logits
            cache = GrowingCache(config=model.config)
            start = eng.scheduler._reuse_prefix(ids, None, cache)
            part = model(input_ids=ids[:, start:], logits_to_keep=1, **{CACHE_KWARG: cache}).logits
        assert 20 <= start < ids.shape[1]
        assert (full - part).abs().max() < 0.05 and full.argmax() == part.argmax()
    finally:
        set_precise_activations(model, was_precise)
        eng.close()


def test_block_sampler_draws_from_the_exact_distribution():
    """The block-wise CDF picks the same token as a full-vocabulary CDF for the same uniform
    number, and never a zero-probability token (float32 block sums vs float64 within a block)."""
    from tunesmith.engine.sampling import _sample_blocked, choose_batch, processors

    torch.manual_seed(0)
    probs = torch.softmax(torch.randn(1, 1000) * 2, -1)  # 1000: not a multiple of the block
    u = torch.rand(5000, 1, dtype=torch.float64)
    got = _sample_blocked(probs.expand(5000, -1).contiguous(), u)
    want = torch.searchsorted(probs.double().cumsum(-1).expand(5000, -1).contiguous(), u * probs.double().sum(),
                              right=True)[:, 0]
    assert torch.equal(got, want)
    tail = torch.zeros(3, 600)
    tail[:, :300] = 1 / 300
    assert _sample_blocked(tail, torch.tensor([[0.0], [0.5], [1 - 1e-12]], dtype=torch.float64)).max() <= 299
    logits = torch.randn(3, 1000)
    gens = [torch.Generator().manual_seed(7) for _ in range(3)]
    greedy, warm = SamplingParams(temperature=0), SamplingParams(temperature=0.8)
    plain = [processors(p) for p in (greedy, warm, warm)]
    assert choose_batch(logits, [greedy, warm, warm], [torch.tensor([[1]])] * 3, plain, gens)[0] == \
        int(logits[0].argmax())


def test_batched_sampling_draws_each_rows_own_distribution():
    """Top-k, top-p, min-p and the repetition penalty in one pass: each row's draws follow the
    distribution transformers' processors define for it alone, whatever rows share the pass."""
    from transformers import (MinPLogitsWarper, RepetitionPenaltyLogitsProcessor, TopKLogitsWarper, TypicalLogitsWarper,
                              TopPLogitsWarper)

    from tunesmith.engine.sampling import choose_batch, processors

    def pick(logits, params, history, generators):  # the scheduler's call for these rows
        return choose_batch(logits, params, [history[None]] * len(params), [processors(p) for p in params],
                            generators)

    torch.manual_seed(1)
    vocab = 300
    logits = torch.randn(1, vocab) * 3
    history = torch.tensor([5, 7, int(logits.argmax()), 5])
    settings = [SamplingParams(temperature=0.7, top_p=0.8), SamplingParams(temperature=1.0, top_k=5),
                SamplingParams(temperature=0.9, top_k=20, top_p=0.5, repetition_penalty=1.3),
                SamplingParams(temperature=0, repetition_penalty=1.5),
                SamplingParams(temperature=2.0, top_p=0.99, min_p=0.0),  # (min-p off; the default is 0.05)
                SamplingParams(temperature=0.8, min_p=0.05), SamplingParams(temperature=1.5, top_k=280, min_p=0.0),
                SamplingParams(temperature=1.0, top_p=0.9, min_p=0.2), SamplingParams(temperature=1.2, top_k=30, min_p=0.1),
                SamplingParams(temperature=1.0, typical_p=0.6, min_p=0.1)]
    draws = 4000
    for params in settings:
        want = logits.clone()
        if params.repetition_penalty != 1.0:
            want = RepetitionPenaltyLogitsProcessor(params.repetition_penalty)(history[None], want)
        if params.greedy:
            expect = torch.zeros(vocab)
            expect[want.argmax()] = 1.0
        else:
            want = want / params.temperature
            if params.top_k:  # (transformers' order: top-k, top-p, min-p)
                want = TopKLogitsWarper(params.top_k)(history[None], want)
            if params.top_p < 1.0:
                want = TopPLogitsWarper(params.top_p)(history[None], want)
            if params.min_p:
                want = MinPLogitsWarper(params.min_p)(history[None], want)
            if params.typical_p < 1.0:
                want = TypicalLogitsWarper(params.typical_p)(history[None], want)
            expect = want.softmax(-1)[0]
        # each row beside other rows with other settings, its own generator
        gens = [torch.Generator().manual_seed(s) for s in range(draws)]
        mixed = [params, SamplingParams(temperature=1.0), SamplingParams(temperature=0)]
        counts = torch.zeros(vocab)
        for g in gens:
            token = pick(torch.cat([logits, torch.randn(2, vocab)]), mixed, history,
                         [g, torch.Generator().manual_seed(0), None])[0]
            counts[token] += 1
        assert counts[expect == 0].sum() == 0, params  # never outside the row's own nucleus / top-k
        assert (counts / draws - expect).abs().max() < 0.03, params
        again = [torch.Generator().manual_seed(s) for s in range(3)]
        alone = [pick(logits, [params], history, [g])[0] for g in again]
        beside = [pick(torch.cat([torch.randn(1, vocab), logits]), [settings[1], params], history,
                       [torch.Generator().manual_seed(9), g])[1]
                  for g in [torch.Generator().manual_seed(s) for s in range(3)]]
        assert alone == beside  # a seed gives the same token whatever else is in the pass


def test_leaving_rows_are_replaced_from_the_end_of_their_group():
    """When rows finish, the others keep their adapter groups contiguous and few rows move."""
    import random

    from tunesmith.engine.scheduler import _fill_holes

    rng = random.Random(0)
    for _ in range(200):
        groups = sorted(rng.choice([(False, ""), (True, "a"), (True, "b")]) for _ in range(rng.randint(1, 16)))
        alive = [rng.random() < 0.8 for _ in groups]
        order = _fill_holes(groups, alive)
        assert sorted(order) == [i for i, ok in enumerate(alive) if ok]
        assert [groups[i] for i in order] == sorted(groups[i] for i in order)  # groups still contiguous
        moved = sum(1 for i, k in enumerate(order) if i != k)
        assert moved <= alive.count(False) * len(set(groups))
    assert _fill_holes([0, 0, 0, 1, 1, 1], [True, False, True, True, True, True]) == [0, 2, 5, 3, 4]


def test_requests_never_wait_forever_and_whole_models_bound_their_rows(tiny_generator):
    """Code review 2026-12-02: a request queued on a closed engine, or an exclusive job cancelled
    just after the loop took it, waited forever; a cacheless model decoded prompts x n rows at once
    whatever the batch; any system prompt's keys and values were cached whatever its length."""
    from tunesmith.engine.scheduler import Request
    from tunesmith.errors import ConfigError

    eng = Engine(tiny_generator, max_rows=4)
    sched = eng.scheduler
    with pytest.raises(ConfigError, match="6 \\(prompts x n x num_beams\\)") as err:
        sched.submit(Request(prompts=PROMPTS[:3], params=SamplingParams(n=2, temperature=1.0), whole=True))
    assert err.value.field == "n"
    req = Request(prompts=PROMPTS[:1], params=SamplingParams(num_beams=2, temperature=0))
    req.cancel.set()
    sched._run_exclusive(req)  # as if cancelled between being taken and running
    with pytest.raises(Cancelled):
        req.future.result(1)
    sched.note_prefix(tuple(range(sched.MAX_PREFIX_TOKENS + 1)))
    sched.note_prefix(tuple(range(20)))
    assert list(sched._prefixes) == [tuple(range(20))]
    eng.close()
    with pytest.raises(Cancelled, match="closed"):
        eng.submit(PROMPTS[0], {"max_new_tokens": 2})
