"""Field parsers: pure functions from a posting's raw text to typed values (dates, places, pay,
employment type, identity, sanitized HTML and text)."""
