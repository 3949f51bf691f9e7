"""Raw capture: every fetched response goes to gzip WARC files (one series per run, rolled at a size limit)."""

from __future__ import annotations

import io
import os
from datetime import datetime, timezone
from pathlib import Path
from typing import BinaryIO, Iterable

from warcio.archiveiterator import ArchiveIterator
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

# The stored body is the decoded one Scrapy hands over, so transfer codings no longer apply.
DROPPED_HEADERS = {"content-encoding", "transfer-encoding", "content-length"}


class WarcSeries:
    """Writes responses to ``<dir>/<prefix>-NNNNN.warc.gz``, starting a new file past ``max_bytes``."""

    def __init__(self, directory: str | os.PathLike[str], max_bytes: int, prefix: str | None = None):
        self.directory = Path(directory)
        self.max_bytes = max_bytes
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%S")
        self.prefix = prefix or f"archiver-{stamp}-{os.getpid()}"
        self.index = 0
        self.fh: BinaryIO | None = None
        self.writer: WARCWriter | None = None

    @property
    def name(self) -> str:
        """File name of the current WARC file."""
        return f"{self.prefix}-{self.index:05d}.warc.gz"

    def _open(self) -> None:
        self.directory.mkdir(parents=True, exist_ok=True)
        self.fh = open(self.directory / self.name, "ab")  # noqa: SIM115 (closed in close())
        self.writer = WARCWriter(self.fh, gzip=True)

    def write(self, url: str, status: int, headers: Iterable[tuple[str, str]], body: bytes) -> tuple[str, int]:
        """Append one response record; returns (file name, offset) for reading it back."""
        if self.fh is not None and self.fh.tell() >= self.max_bytes:
            self.close()
            self.index += 1
        if self.fh is None:
            self._open()
        assert self.fh is not None and self.writer is not None
        kept = [(k, v) for k, v in headers if k.lower() not in DROPPED_HEADERS]
        kept.append(("Content-Length", str(len(body))))
        http = StatusAndHeaders(f"{status} {'OK' if status == 200 else 'Status'}", kept, protocol="HTTP/1.1")
        record = self.writer.create_warc_record(url, "response", payload=io.BytesIO(body), http_headers=http)
        offset = self.fh.tell()
        self.writer.write_record(record)
        self.fh.flush()
        return self.name, offset

    def close(self) -> None:
        """Close the current file."""
        try:
            if self.fh is not None:
                self.fh.close()
        except OSError:  # a full disk: the records written so far are flushed already (write() flushes)
            pass
        self.fh = self.writer = None


def read_response(path: str | os.PathLike[str], offset: int) -> tuple[str, dict[str, str], bytes]:
    """The (url, headers, body) of the response record at ``offset`` in a WARC file."""
    with open(path, "rb") as fh:
        fh.seek(offset)
        for record in ArchiveIterator(fh):
            headers = dict(record.http_headers.headers) if record.http_headers else {}
            return record.rec_headers.get_header("WARC-Target-URI"), headers, record.content_stream().read()
    raise ValueError(f"no WARC record at {path}:{offset}")
