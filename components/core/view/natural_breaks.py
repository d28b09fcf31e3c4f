"""Fisher-Jenks natural breaks: mapclassify's ``_fisher_jenks_means``, without importing mapclassify.

Why here: ``import mapclassify`` loads ``scipy.stats`` and ``sklearn.cluster`` (about 2.6 s of
start-up on the 2-core machine), for one routine of a few lines that the first map needs.
This is that routine computed the same way — float32 sums, the same tie rule — with the inner
loops done as numpy array operations on each row of its table (also faster on 100x the data).
``tests/view/test_natural_breaks.py`` checks it against ``mapclassify.FisherJenks`` on
tie-heavy integer samples; ``assets/atlas-encodings.js`` is the browser's port of the same routine.
"""

from __future__ import annotations

import numpy as np


def fisher_jenks_bins(values, classes: int) -> np.ndarray:
    """Upper bounds of ``classes`` natural-break classes of ``values`` (``mapclassify.FisherJenks(values, k).bins``).

    ``values`` needs at least ``classes`` distinct values.
    """
    x = np.sort(np.asarray(values).ravel()).astype("f8")
    n = len(x)
    if len(np.unique(x)) < classes:
        raise ValueError(f"Fewer unique values ({len(np.unique(x))}) than specified classes ({classes}).")
    x32 = x.astype(np.float32)
    mat1 = np.zeros((n + 1, classes + 1), dtype=np.int32)
    mat2 = np.zeros((n + 1, classes + 1), dtype=np.float32)
    mat1[1, 1:] = 1
    mat2[2:, 1:] = np.inf
    for row in range(2, n + 1):
        # m = 1..row adds values[row-1], values[row-2], ..., values[0] in turn: running float32 sums, as the loop does.
        taken = x32[row - 1::-1]
        s1 = np.cumsum(taken, dtype=np.float32)
        s2 = np.cumsum(taken * taken, dtype=np.float32)
        w = np.arange(1, row + 1, dtype=np.float32)
        v = s2 - (s1 * s1) / w
        # m = 1..row-1 (i4 = row - m >= 1) compete for each class j >= 2; ">=" keeps the last m reaching the minimum.
        i4 = np.arange(row - 1, 0, -1)
        if classes >= 2:
            candidates = v[:row - 1, None] + mat2[i4, 1:classes]
            best = candidates.min(axis=0)
            last = (row - 2) - np.argmax((candidates == best)[::-1], axis=0)
            mat2[row, 2:] = best
            mat1[row, 2:] = i4[last] + 1
        mat1[row, 1] = 1
        mat2[row, 1] = v[-1]
    kclass = np.zeros(classes + 1, dtype=x.dtype)
    kclass[classes] = x[n - 1]
    kclass[0] = x[0]
    k = n
    for count_num in range(classes, 1, -1):
        pivot = mat1[k, count_num]
        kclass[count_num - 1] = x[int(pivot - 2)]
        k = int(pivot - 1)
    return np.delete(kclass, 0)
