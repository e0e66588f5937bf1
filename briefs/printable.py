"""Untrusted text made safe for a terminal: the one place that decides what may reach one."""

from __future__ import annotations

import re

# C0/C1 control characters (ESC, CSI, OSC, BEL, backspace among them) and DEL, and the bidi
# overrides and isolates that can make a line display as something it is not. Tab and newline
# are kept in running text; a one-line message escapes newline too, so it stays one line.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
_CONTROL_OR_NEWLINE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def _visible(match: re.Match) -> str:
    code = ord(match.group())
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: object, *, one_line: bool = False) -> str:
    """Return text with every control character shown as \\xNN (\\uNNNN), so it prints as written.

    With `one_line`, newlines and tabs are escaped too: a file name holding a newline cannot
    split a warning over two lines.
    """
    pattern = _CONTROL_OR_NEWLINE if one_line else _CONTROL
    return pattern.sub(_visible, str(text))


# What JSON leaves raw with ensure_ascii=False yet a terminal acts on: C1 controls and bidi marks
# (JSON itself escapes C0). In JSON text they can only stand inside strings, where \uNNNN means the same.
_JSON_UNSAFE = re.compile(r"[\x7f-\x9f\u202a-\u202e\u2066-\u2069]")


def json_printable(json_text: str) -> str:
    """Return JSON text safe to print on a terminal: the same value once parsed, no control character raw."""
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", json_text)
