"""Near-duplicate detection: MinHash over character 5-shingles, banded LSH kept in SQLite.

The same wire story reposted on many portals is lightly edited (a byline added,
paragraphs re-wrapped, a sentence changed), so exact hashes miss it. Each body
gets a 64-value MinHash signature; 16 bands of 4 rows index it in the
``lsh_bands`` table, so candidates are found with an indexed lookup that
survives restarts, and the signature estimates Jaccard similarity to confirm.

Written with numpy rather than datasketch: datasketch hashes every shingle in a
Python loop (~1.5-2.5 ms for a 2,000-character body), which would cap detection
well below the 2,000 documents/s target; a vectorised rolling hash is ~10x faster.
"""

from __future__ import annotations

import re

import numpy as np

from .text import fold

NUM_PERM = 64
BANDS, ROWS = 16, 4          # P(candidate) = 1-(1-s^4)^16: 12% at s=0.3, 64% at s=0.5, 99% at s=0.7
SHINGLE = 5                  # characters; Chinese text has no spaces to shingle on words
SIMILARITY_THRESHOLD = 0.5   # estimated Jaccard at or above this links a copy to its origin
_MASK32 = np.uint64(0xFFFFFFFF)
_RNG = np.random.RandomState(1)  # fixed: signatures must be comparable across runs
# Multiply-shift hashing (odd 64-bit multipliers, top 32 bits): no modulo, so ~5x faster than (a*x+b) mod p.
_A = _RNG.randint(0, 1 << 62, size=NUM_PERM, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
_B = _RNG.randint(0, 1 << 62, size=NUM_PERM, dtype=np.uint64)
_NOT_TEXT = re.compile(r"[\W_]+", re.UNICODE)


def normalise(folded: str) -> str:
    """A folded body without punctuation and spaces: re-wrapping and re-punctuating change nothing."""
    return _NOT_TEXT.sub("", folded)


def signature(body: str | None, folded: str | None = None) -> np.ndarray | None:
    """MinHash signature (uint32[NUM_PERM]) of a body (or of its ``fold()``); None when too short to shingle."""
    text = normalise(fold(body or "") if folded is None else folded)
    if len(text) < SHINGLE:
        return None
    cp = np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)
    n = len(cp) - SHINGLE + 1
    h = np.zeros(n, dtype=np.uint64)
    for j in range(SHINGLE):  # polynomial rolling hash of each 5-character window, wrapping in uint64
        h = h * np.uint64(1000003) + cp[j : j + n]
    shingles = np.unique(h & _MASK32)
    permuted = (_A[:, None] * shingles[None, :] + _B[:, None]) >> np.uint64(32)  # one row per permutation
    return permuted.min(axis=1).astype(np.uint32)


def band_keys(sig: np.ndarray) -> list[int]:
    """One signed 63-bit key per band (SQLite integers are signed 64-bit)."""
    rows = sig.reshape(BANDS, ROWS).astype(np.uint64)
    keys = np.zeros(BANDS, dtype=np.uint64)
    for j in range(ROWS):
        keys = keys * np.uint64(0x100000001B3) ^ rows[:, j]
    return [int(k & np.uint64(0x7FFFFFFFFFFFFFFF)) for k in keys]


def similarity(a: np.ndarray, b: np.ndarray) -> float:
    """Estimated Jaccard similarity of two signatures."""
    return float(np.count_nonzero(a == b)) / NUM_PERM


def to_blob(sig: np.ndarray) -> bytes:
    """Signature as stored in SQLite."""
    return sig.astype("<u4").tobytes()


def from_blob(blob: bytes) -> np.ndarray:
    """Signature read back from SQLite."""
    return np.frombuffer(blob, dtype="<u4")
