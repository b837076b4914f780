"""Benchmarks keep running: each one, at a tiny size, prints its table."""
import subprocess
import sys


def test_index_benchmark_prints_its_table():
    result = subprocess.run([sys.executable, "-m", "benchmarks.index_build", "--size", "60",
                             "--changed", "10", "--queries", "2"],
                            capture_output=True, text=True, timeout=120, check=True)
    lines = result.stdout.splitlines()
    assert lines[0].split() == ["step", "postings", "seconds", "per", "second"]
    assert any(line.startswith("incremental sync") and line.split()[2] == "10" for line in lines)
    assert sum(line.startswith(("broad keyword", "newest first")) for line in lines) == 2


def test_crawl_benchmark_compares_with_bare_scrapy_and_two_processes():
    result = subprocess.run([sys.executable, "-m", "benchmarks.crawl", "--size", "40", "--per-page", "10"],
                            capture_output=True, text=True, timeout=300, check=True)
    rows = {line[:34].strip(): line[34:].split() for line in result.stdout.splitlines()[1:]
            if line.strip() and not line.startswith(("(", "pages/s", "2 sources"))}
    assert rows["bare Scrapy, JSON-LD only"][1:3] == ["45", "0"]  # 40 postings + 4 listings + robots
    assert rows["peerjobs -> SQLite"][1:3] == ["45", "40"]
    assert rows["peerjobs -> PostgreSQL"][1:3] == ["45", "40"]
    assert rows["peerjobs, 2 sources, 2 processes"][0] == "2"
    assert rows["peerjobs, 2 sources, 2 processes"][2] == "40"
    assert "pages/s of peerjobs / bare Scrapy" in result.stdout


def test_search_benchmark_compares_with_fts5():
    result = subprocess.run([sys.executable, "-m", "benchmarks.search", "--size", "80", "--changed", "10",
                             "--runs", "3"], capture_output=True, text=True, timeout=180, check=True)
    lines = result.stdout.splitlines()
    assert any(line.startswith("full rebuild (PeerJobs)") and line.split()[3] == "80" for line in lines)
    assert any(line.startswith("incremental sync (PeerJobs)") and line.split()[3] == "10" for line in lines)
    rows = [line.split() for line in lines if line.startswith(("broad keyword", "facet counts"))]
    assert sorted(row[2] for row in rows) == ["fts5", "fts5", "peerjobs", "peerjobs"]
    broad = [row for row in rows if row[0] == "broad"]
    assert broad[0][3] == broad[1][3] != "0"  # both engines find the same postings for one word


def test_http_benchmark_serves_real_requests():
    result = subprocess.run([sys.executable, "-m", "benchmarks.http_search", "--size", "60", "--requests", "20"],
                            capture_output=True, text=True, timeout=180, check=True)
    header, row = result.stdout.splitlines()[-2:]
    assert header.split()[:3] == ["requests", "threads", "workers"]
    assert row.split()[:4] == ["20", "2", "2", "html"] and float(row.split()[6]) > 0


def test_http_benchmark_drives_the_widget_search_too():
    result = subprocess.run([sys.executable, "-m", "benchmarks.http_search", "--size", "60", "--requests", "20",
                             "--page", "widget"], capture_output=True, text=True, timeout=180, check=True)
    row = result.stdout.splitlines()[-1].split()
    assert row[:4] == ["20", "2", "2", "widget"] and float(row[4]) > 0


def test_normalize_benchmark_prints_a_figure_per_step():
    result = subprocess.run([sys.executable, "-m", "benchmarks.normalize", "--size", "30"],
                            capture_output=True, text=True, timeout=120, check=True)
    rows = dict(line.rsplit(None, 1) for line in result.stdout.splitlines()[1:])
    assert {key.strip() for key in rows} >= {"classify", "facets", "normalize (all of it)",
                                              "store: new posting", "store: seen again, unchanged"}
    assert all(float(value) > 0 for value in rows.values())


def test_alerts_benchmark_sends_digests_over_one_smtp_connection():
    result = subprocess.run([sys.executable, "-m", "benchmarks.alerts", "--size", "300", "--subscriptions", "40",
                             "--new", "100"], capture_output=True, text=True, timeout=180, check=True)
    header, row = result.stdout.splitlines()[-2:]
    assert header.split()[:3] == ["subscriptions", "searches", "postings"]
    checked, _, postings, new, sent, received, nothing_new, connections, seconds, rate = row.split()
    assert (checked, postings, new, connections) == ("40", "300", "100", "1")
    assert sent == received and int(sent) + int(nothing_new) == 40 and int(sent) > 0
    assert float(seconds) > 0 and float(rate) > 0


def test_discover_benchmark_measures_speed_and_accuracy():
    result = subprocess.run([sys.executable, "-m", "benchmarks.discover", "--count", "20", "--skip-polite",
                             "--processes", "1"], capture_output=True, text=True, timeout=300, check=True)
    rows = {line[:34].strip(): line[34:].split() for line in result.stdout.splitlines()[1:] if line.strip()}
    assert set(rows) == {"sample homepages, unthrottled", "held-out homepages, unthrottled", "20 synthetic, unthrottled"}
    synthetic = rows["20 synthetic, unthrottled"]
    assert synthetic[0] == "20" and float(synthetic[2]) > 0
    assert synthetic[4] == "16/16" and synthetic[6] == "4/4"  # every labeled board and dead end found


def test_homepage_world_benchmark_prints_its_table():
    result = subprocess.run([sys.executable, "-m", "benchmarks.homepage_world", "--rounds", "1", "--clients", "2"],
                            capture_output=True, text=True, timeout=120, check=True)
    rows = {line.split()[0]: line.split()[1:] for line in result.stdout.splitlines()[1:]}
    assert set(rows) == {"homepages", "heldout"}
    assert int(rows["homepages"][0]) >= 40 and int(rows["homepages"][4]) == 5 * int(rows["homepages"][0])


def test_figures_benchmark_counts_every_event_on_both_stores():
    result = subprocess.run([sys.executable, "-m", "benchmarks.figures", "--size", "50", "--sources", "6",
                             "--writers", "3", "--events", "10"], capture_output=True, text=True, timeout=180,
                            check=True)
    lines = result.stdout.splitlines()
    assert lines[0].split()[:3] == ["store", "step", "count"]
    events = [line.split() for line in lines if "writers at once" in line]
    assert [(row[0], row[-3]) for row in events] == [("SQLite", "30"), ("PostgreSQL", "30")]
    assert all("(all counted)" in line for line in lines if "writers at once" in line)
    assert sum("overview charts" in line for line in lines) == 2


def test_admin_sources_benchmark_prints_a_row_per_store_and_page():
    result = subprocess.run([sys.executable, "-m", "benchmarks.admin_sources", "--sources", "60", "--repeat", "1"],
                            capture_output=True, text=True, timeout=180, check=True)
    rows = [line.split() for line in result.stdout.splitlines()[1:] if line.startswith(("SQLite", "PostgreSQL"))]
    assert {row[0] for row in rows} >= {"SQLite"} and len(rows) % 4 == 0 and rows
    assert all(row[-3] == "60" and float(row[-1]) > 0 for row in rows)
