"""Data: sources, templates, tokenization with loss masks, packing, humanizer pairs."""
