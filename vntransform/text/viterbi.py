"""Viterbi decoding of a batch of sentences, bit-for-bit as underthesea_core's CRF tagger.

``score[t, y] = max_y' (score[t-1, y'] + trans[y', y]) + emission[t, y]`` in float64, the
first (lowest) label winning ties at every step and at the end.
"""

from __future__ import annotations

import numpy as np


def viterbi_two_labels(
    e0: list[float], e1: list[float], lengths: list[int], trans: list[list[float]]
) -> list[int]:
    """:func:`viterbi_batch` for two labels in plain Python (less overhead on small batches)."""
    (t00, t01), (t10, t11) = trans
    out: list[int] = []
    pos = 0
    for n in lengths:
        if not n:
            continue
        s0, s1 = e0[pos], e1[pos]
        back = []
        for t in range(pos + 1, pos + n):
            a, b = s0 + t00, s1 + t10
            if b > a:
                n0, k = b, 1
            else:
                n0, k = a, 0
            a, b = s0 + t01, s1 + t11
            if b > a:
                n1, k = b, k | 2
            else:
                n1 = a
            s0, s1 = n0 + e0[t], n1 + e1[t]
            back.append(k)
        y = 1 if s1 > s0 else 0
        labels = [y]
        for k in reversed(back):
            y = (k >> y) & 1
            labels.append(y)
        labels.reverse()
        out += labels
        pos += n
    return out


def viterbi_batch(emission: np.ndarray, lengths: np.ndarray, trans: np.ndarray) -> list[int]:
    """Best label ids of every sentence, flattened in input order.

    ``score[t, y] = max_y' (score[t-1, y'] + trans[y', y]) + emission[t, y]``; the first
    (lowest) label wins ties, at every step and at the end, as in underthesea_core.
    """
    n_labels = trans.shape[0]
    nonempty = lengths > 0
    lens = lengths[nonempty]
    order = np.argsort(-lens, kind="stable")
    lens_sorted = lens[order]
    b, lmax = len(lens), int(lens_sorted[0])
    rank = np.empty(b, dtype=np.int64)
    rank[order] = np.arange(b)
    sid = np.repeat(rank, lens)
    starts = np.cumsum(lens) - lens
    pos = np.arange(len(emission)) - np.repeat(starts, lens)
    padded = np.zeros((b, lmax, n_labels))
    padded[sid, pos] = emission
    # active[t]: how many sentences (a prefix, longest first) reach position t
    active = np.searchsorted(-lens_sorted, -np.arange(lmax + 1), side="left")
    score = padded[:, 0, :].copy()
    back = np.zeros((b, lmax, n_labels), dtype=np.int8)
    last = np.empty((b, n_labels))
    stop = active[1] if lmax > 1 else 0
    last[stop:] = score[stop:]
    for t in range(1, lmax):
        k = int(active[t])
        cand = score[:k, :, None] + trans  # [sentence, previous label, label]
        back[:k, t] = cand.argmax(axis=1)
        score = cand.max(axis=1) + padded[:k, t]
        done = int(active[t + 1])
        if done < k:
            last[done:k] = score[done:k]
    labels = np.zeros((b, lmax), dtype=np.int8)
    cur = last.argmax(axis=1).astype(np.intp)  # final label of each sentence
    state = np.zeros(b, dtype=np.intp)
    for t in range(lmax - 1, -1, -1):
        k = int(active[t])
        first = int(active[t + 1])
        state[first:k] = cur[first:k]  # sentences whose last token is t start here
        labels[:k, t] = state[:k]
        if t:
            state[:k] = back[np.arange(k), t, state[:k]]
    return labels[sid, pos].tolist()
