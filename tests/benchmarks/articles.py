"""How long verify, uncovered and draft take at scale (run by hand, not by pytest).

    python tests/benchmarks/articles.py [--entries 100000] [--draft-bytes 1000000] [--folder DIR]

Writes a synthetic region of N entries with `generate.py`, then an article for each of its sources that
states every number an entry cites from it, in the cited section, with its qualifier words (超, 约, …以上),
its growth, and the names of the entries citing it; loads the region (cache warm), and times `verify` over it
and `uncovered`. Then `draft` on an article of about 1 MB (a bundled article repeated, when the articles are at
hand, else the first synthetic one). Each time is the median of three runs, beside the baseline of the same
run: decoding every entry from the warm cache (what any check over the whole region pays) and reading
every article.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
import unicodedata
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))
from generate import generate

from linping_cli.articles.claims import claims_of
from linping_cli.articles.draft import draft, uncovered
from linping_cli.articles.library import collector_paused
from linping_cli.articles.numbers import Reader
from linping_cli.articles.verify import verify
from linping_cli.cli.load import load_dataset
from linping_cli.store.cache import roots_of
from linping_cli.store.dataset import Dataset, open_cached

REPO = Path(__file__).resolve().parents[2]
_BEFORE = {"more-than": "超", "about": "约", "nearly": "接近", "at-most": "不超过"}
_AFTER = {"at-least": "以上"}


def _stated(value: Any, unit: str, qualifier: str | None, value_max: Any = None) -> str:
    if qualifier == "range" and value_max is not None:
        return f"{value}至{value_max}{unit}"
    if qualifier == "class":
        return f"{value}{unit}级"
    return f"{_BEFORE.get(qualifier or '', '')}{value}{unit}{_AFTER.get(qualifier or '', '')}"


def write_articles(dataset: Dataset, folder: Path) -> int:
    """One article per source of `dataset`, stating what its entries cite from it; the bytes written."""
    reader = Reader()
    sections: dict[str, dict[str, list[str]]] = {}
    for entry in dataset.entries:
        names = "、".join([entry.name, *entry.aliases])
        for ref in entry.source:
            sections.setdefault(ref["file"], {}).setdefault(ref["section"], []).append(f"{names}。")
        for claim in claims_of(entry, reader):
            if claim.field == "value_max":
                continue
            if claim.field == "growth":
                text = f"增长{claim.written}%。" if claim.written >= 0 else f"下降{-claim.written}%。"
            else:
                data = entry.__dict__ if claim.label is None else next(
                    figure for figure in entry.key_figures if figure["label"] == claim.label)
                words = "力争" if claim.marked else ""
                text = f"其{claim.label or '数值'}{words}为" + _stated(claim.written, claim.unit, claim.qualifier,
                                                                  data.get("value_max")) + "。"
            for ref in claim.refs:
                sections.setdefault(ref["file"], {}).setdefault(ref["section"], []).append(text)
    size = 0
    for file, by_section in sections.items():
        parts = [f"合成的报道，{file}\n"]
        for heading, lines in sorted(by_section.items(), key=lambda item: item[0] != "lead"):
            if heading != "lead":
                parts.append(f"\n**{heading}**\n")  # bold: a heading however short
            parts.extend(f"{line}\n" for line in lines)
        encoded = "".join(parts).encode("utf-8")
        (folder / file).write_bytes(encoded)
        size += len(encoded)
    return size


CPU: list[float] = []  # the CPU seconds of each median_time call, in order


def median_time(action: Callable[[], Any], repeat: int) -> tuple[float, Any]:
    """The median wall-clock seconds of `repeat` runs and the last result; the median CPU seconds go to CPU
    (on a shared machine the process may wait for a core most of the time: the CPU time is the steadier)."""
    times, cpu, result = [], [], None
    for _ in range(repeat):
        start, start_cpu = time.perf_counter(), time.process_time()
        result = action()
        times.append(time.perf_counter() - start)
        cpu.append(time.process_time() - start_cpu)
    CPU.append(statistics.median(cpu))
    return statistics.median(times), result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--entries", type=int, default=100_000)
    parser.add_argument("--draft-bytes", type=int, default=1_000_000)
    parser.add_argument("--folder", type=Path, default=None, help="scratch folder (default: a new temporary one)")
    parser.add_argument("--repeat", type=int, default=3, help="runs of each, the median kept (default 3)")
    parser.add_argument("--reuse", action="store_true", help="keep the region and articles already in --folder")
    args = parser.parse_args(argv)
    folder = args.folder or Path(tempfile.mkdtemp(prefix="linping-articles-bench-"))
    region, articles = folder / "region", folder / "articles"
    articles.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("LINPING_CACHE_DIR", str(folder / "cache"))
    if not (args.reuse and (region / "meta.toml").is_file()):
        generate(args.entries, region, force=True)
    dataset = load_dataset([region], use_cache=True)
    if not (args.reuse and any(articles.iterdir())):
        write_articles(dataset, articles)
    article_bytes = sum(path.stat().st_size for path in articles.iterdir())
    print(f"{len(dataset):,} entries, {len(dataset.sources):,} articles of {article_bytes / 1e6:.1f} MB in all")
    repeat = args.repeat

    def fresh() -> Dataset:
        found = open_cached(roots_of([region]))
        assert found is not None, "the cache was not written"
        return found

    # The baseline runs as verify does, with the collector paused (it would take two thirds of the time).
    with collector_paused():
        decode, _ = median_time(lambda: fresh().entries, repeat)
    read, _ = median_time(lambda: [unicodedata.normalize("NFKC", p.read_text("utf-8")) for p in articles.iterdir()],
                          repeat)
    seconds, rows = median_time(lambda: verify(fresh(), articles), repeat)
    statuses = dict(Counter(row["status"] for row in rows))
    print(f"verify: {seconds:.2f} s ({CPU[-1]:.2f} s CPU) for {len(rows):,} rows {statuses}")
    missed, found = median_time(lambda: uncovered(fresh(), articles), repeat)
    print(f"uncovered: {missed:.2f} s ({CPU[-1]:.2f} s CPU), {len(found):,} numbers no entry holds")
    print(f"baselines: decoding every entry {decode:.2f} s ({CPU[0]:.2f} s CPU), reading every article "
          f"{read:.2f} s ({CPU[1]:.2f} s CPU); verify is {CPU[2] / (CPU[0] + CPU[1]):.1f}x their sum in CPU time")

    bundled = Path(os.environ.get("LINPING_SOURCES", REPO.parent / "shared" / "sources"))
    sample = bundled / "000_f15d39121070376d.txt"
    one = sample.read_text("utf-8") if sample.is_file() else next(articles.iterdir()).read_text("utf-8")
    big = one * (args.draft_bytes // len(one.encode("utf-8")) + 1)
    alone, drafted = median_time(lambda: draft(big, sample.name), repeat)
    print(f"draft: {alone:.2f} s ({CPU[-1]:.2f} s CPU) for {len(big.encode('utf-8')) / 1e6:.2f} MB, "
          f"{len(drafted):,} candidates "
          f"(reading it: {median_time(lambda: unicodedata.normalize('NFKC', big), repeat)[0]:.3f} s)")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak memory {peak:.0f} MB; scratch in {folder}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
