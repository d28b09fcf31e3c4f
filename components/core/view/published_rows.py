"""Every action of a dataset in the published layout, written once per process: JSON records and CSV lines.

Why: the read API's pages and the table's CSV export are the view's row positions
(``metrics.table_rows``) looked up here, not a DataFrame built and written per request (about
30 ms of pandas for an API page, about 75 ms for an export of the whole bundled dataset on this
machine). The CSV lines are ``exports.csv_text``'s own, so a page or an export is byte for byte
what ``exports.frame_csv`` writes for the same rows; each record's JSON text is kept too, and
joined they are ``json_bytes``' own bytes. ``digest`` names the content (version included): with a
canonical query it names an answer before the answer is built (the API's ETags).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass

from components.core.data.dataset import Dataset, published_frame
from components.core.view import exports
from components.core.view.metrics import table_rows
from components.core.view.state import ViewState


#: One encoder for every call: ``json.dumps`` with options builds a new one each time (49,000 records at 100x).
_ENCODER = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))


def json_bytes(value) -> bytes:
    """Compact UTF-8 JSON, as every API answer is written."""
    return _ENCODER.encode(value).encode()


@dataclass(frozen=True)
class PublishedRows:
    dataset: Dataset
    records: tuple[dict, ...]
    csv_header: str
    csv_lines: tuple[str, ...]
    json_records: tuple[bytes, ...] = ()
    digest: str = ""

    @classmethod
    def of(cls, dataset: Dataset) -> PublishedRows:
        frame = published_frame(dataset.actions)
        header = list(frame.columns)
        head = exports.csv_text(header, [])
        # Plain Python values, read once: iterating pandas' string arrays cell by cell was most of this at 100x.
        values = frame.astype(object).to_numpy().tolist()
        lines = tuple(exports.csv_lines(values))
        records = tuple(dict(zip(header, row)) for row in values)
        encoded = tuple(json_bytes(record) for record in records)
        content = hashlib.sha256(json_bytes(dataset.version) + b"\n" + head.encode())
        for line, record in zip(lines, encoded):
            content.update(line.encode())
            content.update(record)
        return cls(dataset, records, head, lines, encoded, content.hexdigest())

    def csv(self, rows) -> str:
        """The CSV of the actions at ``rows`` (positions in ``dataset.actions``), header first."""
        return self.csv_header + "".join(self.csv_lines[i] for i in rows)

    def table_csv(self, state: ViewState) -> str:
        """``exports.frame_csv(published_frame(table_actions(dataset, state)))``: the table's CSV export."""
        return self.csv(table_rows(self.dataset, state))

    def tag(self, canonical: str) -> str:
        """An answer's name from the content and the request's canonical form: equal for equal bytes' sources."""
        return hashlib.sha256(f"{self.digest}\n{canonical}".encode()).hexdigest()[:32]
