"""The terminal adapter: the embedded default for trying the whole bot offline."""
