"""``make bench`` rewrites only the section a benchmark owns in docs/PERFORMANCE.md."""

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("run_all", ROOT / "bench" / "run_all.py")
run_all = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(run_all)


def test_a_section_between_its_markers_is_replaced_and_the_rest_kept():
    doc = "# Performance\n\nhand-written\n\n<!-- bench:web -->\nold\n<!-- /bench:web -->\n\ntail\n"

    new = run_all.replace_section(doc, "web", "new figures\n")

    assert "new figures" in new and "old" not in new
    assert new.startswith("# Performance\n\nhand-written") and new.endswith("tail\n")


def test_a_section_without_markers_is_appended():
    new = run_all.replace_section("# Performance\n", "search", "figures")

    assert new.endswith("<!-- bench:search -->\nfigures\n<!-- /bench:search -->\n")


def test_the_document_has_a_slot_for_the_web_search_and_transfer_benchmarks():
    doc = (ROOT / "docs" / "PERFORMANCE.md").read_text(encoding="utf-8")

    for name in ["web", "search", "transfer"]:
        start, end = run_all.section_markers(name)
        assert doc.index(start) < doc.index(end)


@pytest.mark.django_db
def test_the_web_benchmark_urlconf_serves_the_baseline_and_the_site(client, settings, monkeypatch):
    # bench_web.py measures with bench/baseline_urls.py as the root URLconf: it must load (the
    # site's pages are in i18n_patterns, which only a root URLconf may hold) and serve both.
    monkeypatch.syspath_prepend(str(ROOT / "bench"))
    settings.ROOT_URLCONF = "baseline_urls"

    baseline = client.get("/bench-baseline/rounds.Round/")
    assert baseline.status_code == 200 and len(baseline.json()) == 22
    assert client.get("/api/v1/rounds/?page_size=100&format=json").json()["count"] == 22
    assert client.get("/rounds/").status_code == 200
