"""CSV cells that spreadsheets cannot run: formula neutralising, shared by uploads (data) and exports (view).

Why in the data room: an upload undoes exactly what an export did, so the rule lives once, below both.
"""

from __future__ import annotations

import pandas as pd

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")

NEUTRALISER = "'"

_NEUTRALISED = r"^'(?=[=+\-@\t\r])"

#: CRLF, as RFC 4180 has it: Python's csv quotes a cell only for the characters of its line ending,
#: so with a bare LF a carriage return inside a cell would be written unquoted and break the row.
LINE_END = "\r\n"

def neutralise(text: str) -> str:
    """The cell as a spreadsheet will show it as text, never as a formula (OWASP CSV injection)."""
    return NEUTRALISER + text if text.startswith(FORMULA_PREFIXES) else text

def unneutralise_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """Undo ``neutralise`` on every cell (an export that comes back as an upload)."""
    out = frame.copy()
    for column in frame.columns:
        marked = frame[column].str.startswith(NEUTRALISER)
        if marked.any():
            out.loc[marked, column] = frame.loc[marked, column].str.replace(_NEUTRALISED, "", regex=True)
    return out
