"""The stated limits on input, in one place (standard library only: the build check reads them
before anything heavy is imported). README "Running it unattended" states them."""

from __future__ import annotations

MB = 1024 * 1024
# A definition is about a kilobyte and sentences.yaml a few; a megabyte is room for any
# honest YAML file, Markdown narrative or template, and cheap to read.
MAX_TEXT_BYTES = 1 * MB
# An extract of 1,000 indicators by 120 months with benchmarks is about 10 MB.
MAX_EXTRACT_BYTES = 100 * MB
