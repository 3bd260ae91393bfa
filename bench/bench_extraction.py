"""Benchmark ``ingest.extraction.extract_document`` on the article extraction benchmark (AEB).

Quality: for each of the 181 pages, token-level precision, recall and F1 of the extracted body
against the hand-made ``articleBody``. Tokens are ``re.findall(r"\\w+", text)`` (Unicode word
characters, case kept, punctuation dropped), compared as multisets: true positives are
``sum((Counter(truth) & Counter(extracted)).values())``; P = tp / extracted tokens,
R = tp / truth tokens, F1 = 2PR / (P + R); a page that raises (e.g. ``no_article``) scores 0.
Scores are averaged over pages (macro mean). As a secondary, stricter figure, the same is
computed over 4-token shingles (order-sensitive), as in the Zyte benchmark's own evaluation.

Speed: wall-clock seconds inside the timed callable, single process, after one warm-up call
(which loads the language model); reading and gunzipping files is not timed. Memory: peak
resident set size (``resource.getrusage``) and, with ``--tracemalloc``, the Python heap peak.

Usage::

    .venv/bin/python bench/bench_extraction.py                      # extraction alone
    .venv/bin/python bench/bench_extraction.py --pipeline full      # + ingest.understanding
    .venv/bin/python bench/bench_extraction.py --pipeline pkg.mod:func   # func(doc) per page
    .venv/bin/python bench/bench_extraction.py --compare            # both, side by side
"""

from __future__ import annotations

import argparse
import gzip
import importlib
import json
import re
import resource
import statistics
import sys
import time
import tracemalloc
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from ingest import extraction  # noqa: E402
from ingest.errors import IngestError  # noqa: E402

TOKEN_RE = re.compile(r"\w+")
DEFAULT_AEB = Path("/work/shared/eval/aeb")


def tokens(text: str) -> list[str]:
    return TOKEN_RE.findall(text or "")


def prf(truth: list, pred: list) -> tuple[float, float, float]:
    """Multiset precision, recall, F1 of ``pred`` against ``truth``."""
    if not truth or not pred:
        return 0.0, 0.0, 0.0
    tp = sum((Counter(truth) & Counter(pred)).values())
    if not tp:
        return 0.0, 0.0, 0.0
    p, r = tp / len(pred), tp / len(truth)
    return p, r, 2 * p * r / (p + r)


def shingles(toks: list[str], n: int = 4) -> list[tuple[str, ...]]:
    return [tuple(toks[i : i + n]) for i in range(max(len(toks) - n + 1, 1))] if toks else []


def load_pages(aeb: Path, limit: int | None) -> list[tuple[str, str, bytes, str]]:
    truth = json.loads((aeb / "ground-truth.json").read_text(encoding="utf-8"))
    pages = []
    for page_id in sorted(truth)[:limit]:
        raw = gzip.decompress((aeb / "html" / f"{page_id}.html.gz").read_bytes())
        pages.append((page_id, truth[page_id]["url"], raw, truth[page_id]["articleBody"]))
    return pages


def extraction_only(raw: bytes, url: str) -> extraction.ExtractedDocument:
    return extraction.extract_document(raw, content_type="text/html", charset=None, url=url)


def resolve_pipeline(spec: str) -> tuple[Callable[[bytes, str], Any], str]:
    """The callable to time per page, and a label. ``spec``: extraction | full | mod:func."""
    if spec == "extraction":
        return extraction_only, "extraction alone"
    if spec == "full":
        try:
            understanding = importlib.import_module("ingest.understanding")
            understand = understanding.understand
        except (ImportError, AttributeError):
            print("ingest.understanding.understand not available: timing extraction alone")
            return extraction_only, "extraction alone (understanding missing)"

        def full(raw: bytes, url: str) -> Any:
            doc = extraction_only(raw, url)
            understand(doc.text, published=doc.published, language=doc.language)
            return doc

        return full, "extraction + understanding"
    module_name, _, func_name = spec.partition(":")
    func = getattr(importlib.import_module(module_name), func_name)

    def custom(raw: bytes, url: str) -> Any:
        doc = extraction_only(raw, url)
        func(doc)
        return doc

    return custom, f"extraction + {spec}"


def run(pages, pipeline: Callable[[bytes, str], Any], *, trace: bool) -> dict[str, Any]:
    pipeline(pages[0][2], pages[0][1])  # warm-up: imports, language model
    if trace:
        tracemalloc.start()
    scores, shingle_scores, times, failures = [], [], [], []
    for page_id, url, raw, truth in pages:
        start = time.perf_counter()
        try:
            doc = pipeline(raw, url)
            text = getattr(doc, "text", "")
        except IngestError as exc:
            text = ""
            failures.append((page_id, exc.code))
        times.append(time.perf_counter() - start)
        t_toks, p_toks = tokens(truth), tokens(text)
        scores.append(prf(t_toks, p_toks))
        shingle_scores.append(prf(shingles(t_toks), shingles(p_toks)))
    heap_peak = None
    if trace:
        heap_peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    total = sum(times)
    return {
        "pages": len(pages),
        "precision": statistics.fmean(s[0] for s in scores),
        "recall": statistics.fmean(s[1] for s in scores),
        "f1": statistics.fmean(s[2] for s in scores),
        "f1_median": statistics.median(s[2] for s in scores),
        "shingle4_f1": statistics.fmean(s[2] for s in shingle_scores),
        "pages_below_0_8": sum(1 for s in scores if s[2] < 0.8),
        "failures": failures,
        "seconds": total,
        "pages_per_second": len(pages) / total if total else 0.0,
        "ms_per_page_p50": statistics.median(times) * 1000,
        "ms_per_page_p95": sorted(times)[int(0.95 * (len(times) - 1))] * 1000,
        "peak_rss_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "tracemalloc_peak_mib": heap_peak / 2**20 if heap_peak is not None else None,
        "worst": sorted(
            ((round(s[2], 3), pid) for s, (pid, *_rest) in zip(scores, pages, strict=True))
        )[:5],
    }


def report(label: str, res: dict[str, Any]) -> None:
    print(f"== {label}")
    print(
        f"pages {res['pages']}  P {res['precision']:.4f}  R {res['recall']:.4f}  "
        f"F1 {res['f1']:.4f} (median {res['f1_median']:.4f}, 4-shingle F1 "
        f"{res['shingle4_f1']:.4f}, pages below 0.8: {res['pages_below_0_8']})"
    )
    print(
        f"{res['pages_per_second']:.2f} pages/s  ({res['seconds']:.1f} s; per page p50 "
        f"{res['ms_per_page_p50']:.0f} ms, p95 {res['ms_per_page_p95']:.0f} ms)"
    )
    heap = res["tracemalloc_peak_mib"]
    print(
        f"peak RSS {res['peak_rss_mib']:.0f} MiB"
        + (f", tracemalloc peak {heap:.1f} MiB" if heap is not None else "")
    )
    if res["failures"]:
        print(f"failures: {res['failures']}")
    print(f"worst pages: {res['worst']}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--aeb", type=Path, default=DEFAULT_AEB, help="AEB directory")
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages")
    parser.add_argument(
        "--pipeline",
        default="extraction",
        help="extraction | full | module:callable (called with each ExtractedDocument)",
    )
    parser.add_argument("--compare", action="store_true", help="run extraction and full")
    parser.add_argument("--tracemalloc", action="store_true", help="also trace the heap peak")
    parser.add_argument(
        "--trafilatura-options", default=None, help="JSON object overriding trafilatura options"
    )
    parser.add_argument("--json", type=Path, default=None, help="write results as JSON")
    args = parser.parse_args(argv)

    if args.trafilatura_options:
        extraction.TRAFILATURA_OPTIONS.update(json.loads(args.trafilatura_options))
    pages = load_pages(args.aeb, args.limit)
    specs = ["extraction", "full"] if args.compare else [args.pipeline]
    results = {}
    for spec in specs:
        pipeline, label = resolve_pipeline(spec)
        results[label] = res = run(pages, pipeline, trace=args.tracemalloc)
        report(label, res)
    if args.compare and len(results) == 2:
        (_, a), (_, b) = results.items()
        print(f"pipeline / extraction time ratio: {b['seconds'] / a['seconds']:.2f}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
