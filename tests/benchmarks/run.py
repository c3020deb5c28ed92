"""Benchmark the `linping` command: start-up against baselines, and cost against dataset size.

    python tests/benchmarks/run.py [--quick] [--sizes 1000,10000,100000] [--hub-sizes 50000,100000]
                                   [--repeat K] [--timeout S] [--only startup|scale|hub]

Run it with the python of a venv where the project is installed with `pip install .`:
every command is that venv's `python` or `linping` console script (the folder of
sys.executable). Standard library only; nothing here is collected by pytest.

Part A (start-up), on the bundled dataset with a warm cache: rounds of alternated
runs of `python -c pass`, a minimal Typer app (minimal_app.py) and linping; medians,
ratios against the baselines and the budgets. Then `-X importtime` of each query
path: no `rich` on a JSON path, no `pydantic` on any.

Part B (scale): datasets of N entries from generate.py (kept in /tmp between runs,
keyed by N, seed and the generator's source); each query cold (a fresh, empty
LINPING_CACHE_DIR every run) and warm (cache filled once), alternated; medians,
peak RSS of the child, the exponent of time against N, and the targets at the
largest N. The typo queries (`cfmotto`, `xiolfit`) are among them.

Part C (hub): a hub-shaped region (generate.py's generate_hub: every child hangs from one
place and names nothing else) of 50,000 and 100,000 children; related, graph, show, timeline
and compare, warm, alternated; medians, peak RSS, the targets at the largest size (related,
the tree, graph and show within 2 s) and the linear check (the largest size may take at most
its ratio to the smallest, 2x). See README.md for how to read the tables.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import math
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
BIN = Path(sys.executable).parent  # not resolved: the venv's bin, not the interpreter it links to
PYTHON = str(BIN / Path(sys.executable).name)
LINPING = str(BIN / "linping")
MINIMAL = str(HERE / "minimal_app.py")
WORK = Path(tempfile.gettempdir()) / "linping-bench"

# Part A: every command, its arguments, the baseline it is judged against and what its output must hold. The
# budget: no command takes longer than the minimal Typer app; `search` no more than 6x `python -c pass`.
SEARCH, LIST = "minimal: search x --json", "minimal: list"
STARTUP: list[tuple[str, list[str], str, Callable[[bytes], bool]]] = [
    ("search 西奥 --json", ["search", "西奥", "--json"], SEARCH, lambda out: b'"xiolift"' in out),
    ("search cfmoto --json", ["search", "cfmoto", "--json"], SEARCH, lambda out: b'"cfmoto"' in out),
    ("ask 临平2024年GDP是多少 --json", ["ask", "临平2024年GDP是多少", "--json"], SEARCH,
     lambda out: b"gdp-2024" in out),
    ("list figure", ["list", "figure"], LIST, lambda out: b"id" in out and b"\x1b[" not in out),
    ("show xiolift --json", ["show", "xiolift", "--json"], SEARCH, lambda out: b'"xiolift"' in out),
    ("compare xiolift cfmoto --json", ["compare", "xiolift", "cfmoto", "--json"], SEARCH, lambda out: b"rows" in out),
    ("facts --json", ["facts", "--json"], LIST, lambda out: b"gdp-2024" in out),
    ("timeline --json", ["timeline", "--json"], SEARCH, lambda out: b"hgt51f-ignition" in out),
    ("related hgt51f --json", ["related", "hgt51f", "--json"], SEARCH, lambda out: b'"edges"' in out),
    ("graph --json", ["graph", "--json"], SEARCH, lambda out: b'"edges"' in out),
    ("chart --unit 亿元", ["chart", "--unit", "亿元"], SEARCH, lambda out: "█".encode() in out),
    ("cite xiolift", ["cite", "xiolift"], SEARCH, lambda out: b"000_f15d39121070376d.txt" in out),
    ("sources --json", ["sources", "--json"], SEARCH, lambda out: b"004_2e8b7f18f2c2e2c7.txt" in out),
    ("stats --json", ["stats", "--json"], SEARCH, lambda out: b'"entries"' in out),
    ("values tag --json", ["values", "tag", "--json"], SEARCH, lambda out: b'"tag"' in out),
    ("validate -q", ["validate", "-q"], SEARCH, lambda out: out == b""),
    ("export --replace", ["export", str(WORK / "bench.db"), "--replace", "--json"], SEARCH,
     lambda out: b'"facts"' in out),
    ("schema facts", ["schema", "facts"], SEARCH, lambda out: b"$defs" in out),
    ("help search", ["help", "search"], SEARCH, lambda out: b"Usage" in out),
    ("man", ["man"], LIST, lambda out: b"EXIT STATUS" in out),
]
START_BUDGETS = [(f"linping {case}", baseline, 1.0) for case, _, baseline, _ in STARTUP]
START_BUDGETS.append(("linping search 西奥 --json", "python -c pass", 6.0))
# Part B: the queries, and the targets (seconds) at the largest N.
SCALE_CASES = [
    ("search 西奥 --json", ["search", "西奥", "--json"]),
    ("search cfmoto --json", ["search", "cfmoto", "--json"]),
    ("search cfmotto --json", ["search", "cfmotto", "--json"]),  # typos: a slip of one letter each
    ("search xiolfit --json", ["search", "xiolfit", "--json"]),
    ("list company --json", ["list", "company", "--json"]),
    ("show xiolift", ["show", "xiolift"]),
    ("compare xiolift cfmoto", ["compare", "xiolift", "cfmoto"]),
]
SCALE_TARGETS = {("search 西奥 --json", "warm"): 0.5, ("search cfmoto --json", "warm"): 0.5,
                 ("search cfmotto --json", "warm"): 0.5, ("search xiolfit --json", "warm"): 0.5,
                 ("search 西奥 --json", "cold"): 10.0, ("search cfmoto --json", "cold"): 10.0}
# What each search must find, at every size (the typos included).
SEARCH_FINDS = {"search 西奥 --json": "xiolift", "search cfmoto --json": "cfmoto", "search cfmotto --json": "cfmoto",
                "search xiolfit --json": "xiolift"}
# Part C: a hub-shaped region (generate_hub: every child hangs from one place), warm; the targets at the
# largest size, and how much longer the largest may take than the smallest (linear: the ratio of the sizes).
HUB = "linping-edz"
HUB_SIZES = (50_000, 100_000)
HUB_CASES = [
    ("related HUB --json", ["related", HUB, "--json"]),
    ("related HUB", ["related", HUB]),  # the tree (stdout is not a terminal: plain lines)
    ("graph --json", ["graph", "--json"]),
    ("show HUB", ["show", HUB]),
    ("show HUB --json", ["show", HUB, "--json"]),
    ("timeline --json", ["timeline", "--json"]),
    ("compare HUB linping", ["compare", HUB, "linping"]),
]
HUB_TARGETS = {"related HUB --json": 2.0, "related HUB": 2.0, "graph --json": 2.0, "show HUB": 2.0}
SLOW_COLD = 10.0  # seconds: a cold load slower than this is run once per case, not --repeat times
MAX_EXPONENT = 1.15  # "no worse than linear", with room for noise
NET_FLOOR = 1.5  # the net exponent uses the sizes whose time is at least this many times the start-up
IMPORT_PATHS = [  # (arguments, may it import rich?)
    (["search", "西奥", "--json"], False), (["search", "cfmoto", "--json"], False),
    (["list", "figure", "--json"], False), (["show", "xiolift", "--json"], False),
    (["compare", "xiolift", "cfmoto", "--json"], False), (["list", "figure"], True),
    (["timeline", "--json"], False), (["related", "hgt51f", "--json"], False), (["chart", "--unit", "亿元"], False),
    (["show", "gdp-2024", "--derived", "--json"], False),
]

# Starts one command, waits for it, and writes its wall time, peak RSS, exit code and whether it was killed.
LAUNCHER = r"""
import os, signal, sys, time
report, timeout, argv = sys.argv[1], float(sys.argv[2]), sys.argv[3:]
killed = []
def kill(*_):
    killed.append(1)
    os.kill(pid, signal.SIGKILL)
start = time.perf_counter()
pid = os.posix_spawn(argv[0], argv, os.environ)
signal.signal(signal.SIGALRM, kill)
signal.setitimer(signal.ITIMER_REAL, timeout)
_, status, usage = os.wait4(pid, 0)
elapsed = time.perf_counter() - start
signal.setitimer(signal.ITIMER_REAL, 0)
with open(report, "w") as handle:
    handle.write(f"{elapsed!r} {usage.ru_maxrss} {os.waitstatus_to_exitcode(status)} {len(killed)}")
"""

# In-process cache fill, for when a cold load is too slow to finish within the timeout:
# line numbers are only used to report problems, so skipping them changes no cached byte.
FILL_SCRIPT = r"""
import importlib, pkgutil, sys
from pathlib import Path
import linping_cli
patched = []
for info in pkgutil.walk_packages(linping_cli.__path__, "linping_cli."):
    if info.name.rsplit(".", 1)[-1].startswith("__"):
        continue
    module = importlib.import_module(info.name)
    for name, obj in list(vars(module).items()):
        if isinstance(obj, type) and obj.__module__ == module.__name__ and "line_of" in vars(obj):
            obj.line_of = lambda self, *args, **kwargs: None
            patched.append(f"{module.__name__}.{name}.line_of")
from linping_cli.cli.load import load_dataset
dataset = load_dataset([Path(sys.argv[1])])
print(len(dataset) if hasattr(type(dataset), "__len__") else len(dataset.entries), ",".join(patched) or "-")
"""


# Running one command ---------------------------------------------------------------------------------------------

@dataclass
class Sample:
    seconds: float
    rss_kb: int
    code: int | None  # None: killed at the timeout
    out: bytes = b""
    err: bytes = b""

    @property
    def ok(self) -> bool:
        return self.code == 0


def run(cmd: Sequence[str], env: dict[str, str], *, timeout: float, capture: bool = True) -> Sample:
    """Run `cmd` once: wall time to exit, the child's peak RSS, exit code, and what it printed.

    A small launcher process starts the command and waits for it (os.wait4), because Linux counts the
    memory of the process that spawns a child in the child's ru_maxrss: spawned from here, every
    command would seem at least as big as this script. The launcher times the command alone and
    kills it at the timeout. Captured stdout is a pipe (as in `linping ... | less`), else /dev/null.
    """
    with tempfile.TemporaryDirectory(dir=WORK) as scratch:
        report, err_path = Path(scratch) / "report", Path(scratch) / "stderr"
        with open(err_path, "wb") as err_file:
            proc = subprocess.Popen([PYTHON, "-I", "-S", "-c", LAUNCHER, str(report), str(timeout), *cmd],
                                    stdin=subprocess.DEVNULL, stderr=err_file, env=env, cwd=WORK,
                                    stdout=subprocess.PIPE if capture else subprocess.DEVNULL)
            out, _ = proc.communicate()
        err = err_path.read_bytes()
        try:
            seconds, rss_kb, code, killed = report.read_text().split()
        except (OSError, ValueError):
            raise RuntimeError(f"the launcher failed on {cmd}: {short(err)}") from None
    return Sample(float(seconds), int(rss_kb), None if killed == "1" else int(code), out or b"", err)


def child_env(cache_dir: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items()
           if k not in ("NO_COLOR", "FORCE_COLOR", "LINPING_DATA", "LINPING_NO_CACHE", "PYTHONPATH")}
    env["LINPING_CACHE_DIR"] = str(cache_dir)
    env.setdefault("TERM", "xterm-256color")
    return env


def median(samples: list[Sample]) -> float | None:
    done = [s.seconds for s in samples if s.code is not None]
    return statistics.median(done) if done else None


def peak_mb(samples: list[Sample]) -> float | None:
    return max((s.rss_kb for s in samples), default=0) / 1024 or None


def short(data: bytes, limit: int = 200) -> str:
    text = data.decode("utf-8", "replace").strip().replace("\n", " | ")
    return text if len(text) <= limit else text[:limit] + "…"


# Tables ----------------------------------------------------------------------------------------------------------

def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def table(headers: list[str], rows: list[list[str]], right: Sequence[int] = ()) -> str:
    widths = [max(width(r[i]) for r in [headers, *rows]) for i in range(len(headers))]

    def line(cells: list[str]) -> str:
        out = []
        for i, cell in enumerate(cells):
            pad = " " * (widths[i] - width(cell))
            out.append(pad + cell if i in right else cell + pad)
        return "  ".join(out).rstrip()

    rule = "  ".join("-" * w for w in widths)
    return "\n".join([line(headers), rule, *(line(r) for r in rows)])


def fmt_s(seconds: float | None) -> str:
    if seconds is None:
        return "—"
    return f"{seconds * 1000:.0f} ms" if seconds < 1 else f"{seconds:.2f} s"


def fit_exponent(points: list[tuple[int, float]]) -> float | None:
    """Least-squares slope of log(time) against log(N)."""
    points = [(n, t) for n, t in points if t > 0]
    if len(points) < 2:
        return None
    xs = [math.log(n) for n, _ in points]
    ys = [math.log(t) for _, t in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


# The machine and the install -------------------------------------------------------------------------------------

def machine() -> list[str]:
    cpu = platform.processor() or "unknown"
    try:
        for row in Path("/proc/cpuinfo").read_text().splitlines():
            if row.startswith("model name"):
                cpu = row.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    memory = ""
    try:
        for row in Path("/proc/meminfo").read_text().splitlines():
            if row.startswith("MemTotal"):
                memory = f", {int(row.split()[1]) / 1024 / 1024:.1f} GiB RAM"
    except OSError:
        pass
    lines = [f"machine: {cpu}; {os.cpu_count()} cores ({usable} usable){memory}; "
             f"{platform.system()} {platform.release()}",
             f"python:  {platform.python_implementation()} {platform.python_version()} ({PYTHON})"]
    versions = []
    for name in ("linping", "typer", "rich", "tomli", "rtoml"):
        try:
            versions.append(f"{name} {metadata.version(name)}")
        except metadata.PackageNotFoundError:
            versions.append(f"{name} not installed")
    lines.append("packages: " + ", ".join(versions))
    lines.append(load_average())
    return lines


def load_average() -> str:
    """Other work on the machine shows up in the times: say how busy it was."""
    try:
        one, five, _ = os.getloadavg()
    except OSError:
        return "load average: unknown"
    return f"load average: {one:.2f} (1 min), {five:.2f} (5 min) on {os.cpu_count()} cores"


def install_mode() -> str:
    """How linping is installed in this venv: 'pip install .' (a copy) or editable (the checkout)."""
    try:
        dist = metadata.distribution("linping")
    except metadata.PackageNotFoundError:
        return "missing"
    direct = json.loads(dist.read_text("direct_url.json") or "{}")
    return "editable" if direct.get("dir_info", {}).get("editable") else "installed"


# Part A ----------------------------------------------------------------------------------------------------------

def startup_commands() -> dict[str, list[str]]:
    return {
        "python -c pass": [PYTHON, "-c", "pass"],
        SEARCH: [PYTHON, MINIMAL, "search", "x", "--json"],
        LIST: [PYTHON, MINIMAL, "list"],
        **{f"linping {case}": [LINPING, *args] for case, args, _, _ in STARTUP},  # stdout piped: plain, no Rich
    }


def part_a(rounds: int, timeout: float, notes: list[str]) -> tuple[dict[str, float | None], list[str]]:
    cache_dir = WORK / f"run-{os.getpid()}" / "startup-cache"
    env = child_env(cache_dir)
    commands = startup_commands()
    checks: dict[str, Callable[[bytes], bool]] = {SEARCH: lambda out: out.strip() == b"[]",
                                                  **{f"linping {case}": check for case, _, _, check in STARTUP}}
    failures: list[str] = []
    for name, cmd in commands.items():  # warm-up: fills the cache and the page cache
        sample = run(cmd, env, timeout=timeout)
        try:
            good = sample.ok and checks.get(name, lambda out: True)(sample.out)  # type: ignore[no-untyped-call]
        except (ValueError, AttributeError):
            good = False
        if not good:
            failures.append(f"{name}: exit {sample.code}, stdout {short(sample.out)!r}, stderr {short(sample.err)!r}")
    samples: dict[str, list[Sample]] = {name: [] for name in commands}
    names = list(commands)
    for r in range(rounds):
        for name in names[r % len(names):] + names[:r % len(names)]:  # rotate, so no command always goes first
            samples[name].append(run(commands[name], env, timeout=timeout))
    medians = {name: median(s) for name, s in samples.items()}

    rows = []
    for name in names:
        rows.append([name, fmt_s(medians[name]), fmt_s(min(s.seconds for s in samples[name])),
                     f"{peak_mb(samples[name]) or 0:.0f} MB", "", "", "", ""])
    for case, baseline, limit in START_BUDGETS:
        got, base = medians[case], medians[baseline]
        ratio = got / base if got and base else None
        verdict = "—" if ratio is None else ("PASS" if ratio <= limit else "FAIL")
        rows.append([case, fmt_s(got), "", "", baseline, fmt_s(base),
                     f"{ratio:.2f}×" if ratio else "—", f"≤ {limit:.2f}×  {verdict}"])
    out = [table(["command", "median", "min", "peak RSS", "baseline", "baseline median", "ratio", "budget"],
                 rows, right=(1, 2, 3, 5, 6))]
    out.append(f"({rounds} alternated rounds of all the commands after one warm-up round; stdout piped; "
               f"cache warm in {cache_dir})")
    if failures:
        out.append("WARNING: a command did not give the expected output:\n  " + "\n  ".join(failures))
        notes.append("Part A: some commands failed their output check (see above)")
    return medians, out


def instruction_counts() -> list[str]:
    """Part A's ratios again in instructions executed (callgrind), which other work on the machine
    does not change: a noise-free reading of the same budgets. Reported, not judged."""
    if shutil.which("valgrind") is None:
        return ["(instruction counts skipped: valgrind is not installed)"]
    env = child_env(WORK / f"run-{os.getpid()}" / "startup-cache")  # warm: part_a filled it
    env["PYTHONHASHSEED"] = "0"  # hash randomisation changes the count from run to run
    counts: dict[str, int | None] = {}
    for name, cmd in startup_commands().items():
        done = subprocess.run(["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", *cmd], env=env,
                              cwd=WORK, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, check=False)
        found = re.search(rb"Collected : (\d+)", done.stderr)
        counts[name] = int(found.group(1)) if found and done.returncode == 0 else None
    rows = []
    for case, baseline, limit in START_BUDGETS:
        got, base = counts[case], counts[baseline]
        ratio = f"{got / base:.3f}×" if got and base else "—"
        rows.append([case, f"{got / 1e6:.1f}M" if got else "—", baseline, f"{base / 1e6:.1f}M" if base else "—",
                     ratio, f"≤ {limit:.2f}×"])
    return [table(["command", "instructions", "baseline", "baseline instructions", "ratio", "budget"], rows,
                  right=(1, 3, 4)),
            "(one run each under valgrind's callgrind, warm cache, PYTHONHASHSEED=0; the same every run)"]


def import_check(timeout: float) -> tuple[list[str], bool]:
    """`python -X importtime -m linping_cli ARGS`: which modules each query path imports."""
    env = child_env(WORK / f"run-{os.getpid()}" / "startup-cache")
    rows, passed, detail = [], True, []
    for args, rich_allowed in IMPORT_PATHS:
        sample = run([PYTHON, "-X", "importtime", "-m", "linping_cli", *args], env, timeout=timeout)
        modules: list[tuple[str, int, int]] = []
        for row in sample.err.decode("utf-8", "replace").splitlines():
            if row.startswith("import time:") and "|" in row and "self [us]" not in row:
                self_text, cumulative_text, name = (part.strip() for part in row[len("import time:"):].split("|"))
                modules.append((name, int(self_text), int(cumulative_text)))
        rich = [m for m, _, _ in modules if m == "rich" or m.startswith("rich.")]
        pydantic = [m for m, _, _ in modules if m == "pydantic" or m.startswith(("pydantic.", "pydantic_"))]
        ok = sample.ok and bool(modules) and not pydantic and (rich_allowed or not rich)
        passed &= ok
        total = sum(s for _, s, _ in modules) / 1e6
        rows.append([f"linping {' '.join(args)}", str(len(modules)), fmt_s(total),
                     f"{len(rich)}" + ("" if rich_allowed else " (must be 0)"), str(len(pydantic)),
                     "PASS" if ok else "FAIL"])
        if args == IMPORT_PATHS[0][0]:
            by_package: dict[str, int] = {}
            for name, self_us, _ in modules:
                top = name.split(".")[0]
                by_package[top] = by_package.get(top, 0) + self_us
            biggest = sorted(by_package.items(), key=lambda kv: -kv[1])[:8]
            detail.append(f"import time of `linping {' '.join(args)}` by top-level package: " +
                          ", ".join(f"{k} {v / 1000:.0f} ms" for k, v in biggest))
        if not sample.ok:
            detail.append(f"`{' '.join(args)}` exited {sample.code}: {short(sample.err)}")
    out = [table(["query path (-X importtime -m linping_cli ...)", "modules", "import time", "rich", "pydantic",
                  "result"], rows, right=(1, 2)), *detail]
    return out, passed


# Part B ----------------------------------------------------------------------------------------------------------

def _generator() -> Any:
    spec = importlib.util.spec_from_file_location("linping_bench_generate", HERE / "generate.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


def dataset_for(n: int, seed: int, *, hub: bool = False) -> tuple[Path, dict[str, Any], str]:
    """The generated dataset of n entries (with `hub`, of n children of HUB), made once per shape, N, seed and
    version of generate.py."""
    digest = hashlib.sha256((HERE / "generate.py").read_bytes()).hexdigest()[:12]
    shape = "hub" if hub else "n"
    folder = WORK / "data" / f"{shape}{n}-seed{seed}-{digest}"
    summary_file = folder / "summary.json"
    if summary_file.exists():
        return folder, json.loads(summary_file.read_text()), "cached"
    for stale in (WORK / "data").glob(f"{shape}{n}-seed{seed}-*"):
        shutil.rmtree(stale, ignore_errors=True)
    temporary = folder.with_name(folder.name + f".tmp{os.getpid()}")
    shutil.rmtree(temporary, ignore_errors=True)
    start = time.perf_counter()
    generator = _generator()
    summary = (generator.generate_hub if hub else generator.generate)(n, temporary, seed=seed)
    summary["outdir"] = str(folder)
    (temporary / "summary.json").write_text(json.dumps(summary))
    temporary.rename(folder)
    return folder, summary, f"generated in {time.perf_counter() - start:.1f} s"


def _cache_stamp(cache_dir: Path) -> list[tuple[str, int]]:
    return sorted((p.name, p.stat().st_mtime_ns) for p in cache_dir.glob("*") if p.is_file())


@dataclass
class ScaleResult:
    timeout: float
    repeat: int
    samples: dict[tuple[str, str, int], list[Sample]] = field(default_factory=dict)
    timed_out: set[int] = field(default_factory=set)  # N where a cold load hit the timeout
    skipped: dict[int, str] = field(default_factory=dict)  # N -> why its cold runs were skipped
    notes: list[str] = field(default_factory=list)


def part_b(sizes: list[int], seed: int, repeat: int, timeout: float) -> tuple[ScaleResult, list[str]]:
    result = ScaleResult(timeout, repeat)
    out: list[str] = []
    run_dir = WORK / f"run-{os.getpid()}"
    last_cold: tuple[int, float] | None = None  # (N, seconds) of the last cold load that finished
    data_rows = []
    for n in sizes:
        folder, summary, how = dataset_for(n, seed)
        data_rows.append([f"{n:,}", f"{summary['entries']:,}", str(summary["files"]),
                          f"{summary['total_bytes'] / 1e6:.1f} MB", f"{summary['bytes_per_entry']:.0f}", how])
        warm_dir = run_dir / f"warm-{n}"
        cold_repeat = repeat
        if result.timed_out:
            result.skipped[n] = f"cold runs at N={min(result.timed_out):,} did not finish in {timeout:g} s"
        elif last_cold and last_cold[1] * n / last_cold[0] > timeout:
            result.skipped[n] = (f"a cold load took {last_cold[1]:.1f} s at N={last_cold[0]:,}, so even growing "
                                 f"linearly it would pass the {timeout:g} s timeout at N={n:,}")
        else:  # fill the warm cache the ordinary way: a cold load, timed
            fill = run([LINPING, "--data", str(folder), "list", "company", "--json"], child_env(warm_dir),
                       timeout=timeout, capture=False)
            if fill.code is None:
                result.skipped[n] = f"a cold load (`list company --json`) did not finish in {timeout:g} s"
                result.timed_out.add(n)
            elif not fill.ok:
                result.notes.append(f"N={n:,}: `list company --json` exited {fill.code}: {short(fill.err)}")
            else:
                last_cold = (n, fill.seconds)
                if fill.seconds > SLOW_COLD:
                    cold_repeat = 1
                    result.notes.append(f"N={n:,}: a cold load took {fill.seconds:.1f} s (> {SLOW_COLD:g} s), "
                                        "so each cold case ran once")
        if n in result.skipped:
            filled = run([PYTHON, "-c", FILL_SCRIPT, str(folder)], child_env(warm_dir), timeout=max(timeout, 900))
            result.notes.append(f"N={n:,}: warm cache filled in-process with problem line numbers switched off "
                                f"(entries, patched: {short(filled.out)}; {filled.seconds:.1f} s)")
            if not filled.ok:
                result.notes.append(f"N={n:,}: could not fill the cache: exit {filled.code}: {short(filled.err)}")
        for label, wanted in SEARCH_FINDS.items():  # the queries find what they should, at every size
            check = run([LINPING, "--data", str(folder), *dict(SCALE_CASES)[label]], child_env(warm_dir),
                        timeout=timeout)
            try:
                found = check.ok and any(e.get("id") == wanted for e in json.loads(check.out))
            except ValueError:
                found = False
            if not found:
                result.notes.append(f"N={n:,}: `{label}` did not find {wanted} (exit {check.code}: "
                                    f"{short(check.err)})")
        before = _cache_stamp(warm_dir)
        cases = list(SCALE_CASES)
        for r in range(repeat):
            for label, args in cases[r % len(cases):] + cases[:r % len(cases)]:
                cmd = [LINPING, "--data", str(folder), *args]
                if n not in result.skipped and r < cold_repeat:
                    cold_dir = Path(tempfile.mkdtemp(prefix="cold-", dir=run_dir))
                    sample = run(cmd, child_env(cold_dir), timeout=timeout, capture=False)
                    shutil.rmtree(cold_dir, ignore_errors=True)
                    result.samples.setdefault((label, "cold", n), []).append(sample)
                    if sample.code is None:
                        result.skipped[n] = f"`{label}` cold did not finish in {timeout:g} s"
                        result.timed_out.add(n)
                    elif not sample.ok:
                        result.notes.append(f"N={n:,} `{label}` cold exited {sample.code}: {short(sample.err)}")
                sample = run(cmd, child_env(warm_dir), timeout=timeout, capture=False)
                result.samples.setdefault((label, "warm", n), []).append(sample)
                if not sample.ok:
                    result.notes.append(f"N={n:,} `{label}` warm exited {sample.code}: {short(sample.err)}")
        if before != _cache_stamp(warm_dir) or not before:
            result.notes.append(f"N={n:,}: the warm cache was rewritten during the warm runs: they were not all warm")
    out.append(table(["N", "entries", "files", "TOML", "bytes/entry", "dataset"], data_rows, right=(0, 1, 2, 3, 4)))
    return result, out


def scale_table(result: ScaleResult, sizes: list[int], fixed_cost: float | None) -> tuple[list[str], bool]:
    """One row per query and mode: median time and peak RSS at each N, the fitted exponents, the target."""
    rows = []
    passed = True
    largest = sizes[-1]
    for label, _ in SCALE_CASES:
        for mode in ("cold", "warm"):
            cells, points, net_points = [], [], []
            for n in sizes:
                samples = result.samples.get((label, mode, n), [])
                t = median(samples)
                if mode == "cold" and n in result.timed_out:
                    cells.append(f"> {result.timeout:g} s (timeout)")
                    continue
                if mode == "cold" and n in result.skipped and not samples:
                    cells.append("skipped")
                    continue
                if t is None:
                    cells.append("—")
                    continue
                once = " (1 run)" if len(samples) == 1 and result.repeat > 1 else ""
                cells.append(f"{fmt_s(t)} / {peak_mb(samples):.0f} MB{once}")
                points.append((n, t))
                if fixed_cost is not None and t >= NET_FLOOR * fixed_cost:
                    net_points.append((n, t - fixed_cost))
            exponent, net = fit_exponent(points), fit_exponent(net_points)
            growth = "—" if net is None else ("PASS" if net <= MAX_EXPONENT else "FAIL")
            target = SCALE_TARGETS.get((label, mode))
            verdict = ""
            if target is not None:
                t = median(result.samples.get((label, mode, largest), []))
                timed_out = mode == "cold" and largest in result.skipped
                ok = (t is not None and t <= target) and not timed_out
                verdict = f"≤ {target:g} s: {'PASS' if ok else 'FAIL'}"
                passed &= ok
            if growth == "FAIL":
                passed = False
            rows.append([label, mode, *cells, "—" if exponent is None else f"{exponent:.2f}",
                         "—" if net is None else f"{net:.2f} {growth}", verdict])
    headers = ["query", "mode", *[f"N={n:,}: median / peak RSS" for n in sizes], "exponent", "net exponent",
               f"target at N={largest:,}"]
    return [table(headers, rows)], passed


# Part C ----------------------------------------------------------------------------------------------------------

def part_c(sizes: list[int], seed: int, repeat: int, timeout: float) -> tuple[list[str], bool]:
    """The hub-shaped region at each size: every case warm, the cases and sizes alternated (so a change in the
    machine's load falls on both sizes alike); medians, peak RSS, the targets at the largest size and the linear
    check (largest ÷ smallest within the ratio of the sizes)."""
    run_dir = WORK / f"run-{os.getpid()}"
    samples: dict[tuple[str, int], list[Sample]] = {}
    timed_out: dict[str, int] = {}  # case -> the size where it hit the timeout: not run at larger sizes
    notes, data_rows, folders = [], [], {}
    for n in sizes:
        folder, summary, how = dataset_for(n, seed, hub=True)
        data_rows.append([f"{n:,}", f"{summary['entries']:,}", str(summary["files"]),
                          f"{summary['total_bytes'] / 1e6:.1f} MB", how])
        warm_dir = run_dir / f"hub-{n}"
        fill = run([LINPING, "--data", str(folder), "show", "linping", "--json"], child_env(warm_dir),
                   timeout=max(timeout, 300), capture=False)
        if not fill.ok:
            notes.append(f"hub {n:,}: filling the cache failed: exit {fill.code}: {short(fill.err)}")
            continue
        check = run([LINPING, "--data", str(folder), "related", HUB, "--json"], child_env(warm_dir), timeout=timeout)
        try:
            linked = sum(edge["to"] == HUB for edge in json.loads(check.out)["edges"])
        except (ValueError, KeyError, TypeError):
            linked = -1
        if check.code is None:
            notes.append(f"hub {n:,}: `related {HUB} --json` did not finish in {timeout:g} s: its links not checked")
        elif linked < n:
            notes.append(f"hub {n:,}: `related {HUB} --json` gave {linked} links to {HUB}, not at least {n:,}")
        folders[n] = (folder, warm_dir, _cache_stamp(warm_dir))
    runs = [(label, args, n) for n in folders for label, args in HUB_CASES]
    for r in range(repeat):
        for label, args, n in runs[r % len(runs):] + runs[:r % len(runs)]:
            if timed_out.get(label, n + 1) <= n:
                continue
            folder, warm_dir, _ = folders[n]
            sample = run([LINPING, "--data", str(folder), *args], child_env(warm_dir), timeout=timeout, capture=False)
            samples.setdefault((label, n), []).append(sample)
            if sample.code is None:
                timed_out[label] = min(n, timed_out.get(label, n))
            elif not sample.ok:
                notes.append(f"hub {n:,} `{label}` exited {sample.code}: {short(sample.err)}")
    for n, (_, warm_dir, before) in folders.items():
        if before != _cache_stamp(warm_dir) or not before:
            notes.append(f"hub {n:,}: the warm cache was rewritten during the runs: they were not all warm")
    rows, passed = [], True
    smallest, largest = sizes[0], sizes[-1]
    allowed = largest / smallest
    for label, _ in HUB_CASES:
        cells = []
        for n in sizes:
            got = samples.get((label, n), [])
            if timed_out.get(label, largest + 1) <= n:
                cells.append(f"> {timeout:g} s (timeout)" if got else "skipped")
            else:
                cells.append(f"{fmt_s(median(got))} / {peak_mb(got) or 0:.0f} MB" if got else "—")
        low, high = median(samples.get((label, smallest), [])), median(samples.get((label, largest), []))
        ratio_ok = label not in timed_out and low is not None and high is not None and high <= allowed * low
        ratio = f"{high / low:.2f}× {'PASS' if ratio_ok else 'FAIL'}" if low and high and label not in timed_out \
            else "FAIL"
        passed &= ratio_ok
        target = HUB_TARGETS.get(label)
        verdict = ""
        if target is not None:
            ok = label not in timed_out and high is not None and high <= target
            verdict = f"≤ {target:g} s: {'PASS' if ok else 'FAIL'}"
            passed &= ok
        rows.append([label.replace("HUB", HUB), *cells, ratio, verdict])
    headers = ["query (warm)", *[f"{n:,} children: median / peak RSS" for n in sizes],
               f"{largest:,} ÷ {smallest:,} (≤ {allowed:g}×)", f"target at {largest:,}"]
    out = [table(["children", "entries", "files", "TOML", "dataset"], data_rows, right=(0, 1, 2, 3)), "",
           table(headers, rows), *(f"note: {note}" for note in notes)]
    return out, passed


# Main ------------------------------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark linping's start-up and its cost against dataset size.")
    parser.add_argument("--quick", action="store_true", help="sizes 1000,10000 and fewer repeats: a fast check")
    parser.add_argument("--sizes", help="comma-separated dataset sizes (default 1000,10000,100000)")
    parser.add_argument("--repeat", type=int, help="runs per scale case and mode (default 3; --quick 2); "
                        "start-up rounds are 5× this")
    parser.add_argument("--timeout", type=float, default=60.0, help="seconds before a run is killed (default 60)")
    parser.add_argument("--seed", type=int, default=0, help="generator seed (default 0)")
    parser.add_argument("--hub-sizes", help=f"comma-separated children of the hub-shaped region (default "
                        f"{','.join(map(str, HUB_SIZES))}; --quick 5000,10000)")
    parser.add_argument("--only", choices=("startup", "scale", "hub"), help="run one part only")
    args = parser.parse_args(argv)
    sizes = sorted({int(s.replace("_", "")) for s in (args.sizes or ("1000,10000" if args.quick else
                                                                     "1000,10000,100000")).split(",")})
    hub_default = "5000,10000" if args.quick else ",".join(map(str, HUB_SIZES))
    hub_sizes = sorted({int(s.replace("_", "")) for s in (args.hub_sizes or hub_default).split(",")})
    repeat = args.repeat or (2 if args.quick else 3)
    if not Path(LINPING).exists():
        print(f"run.py: no `linping` console script beside {sys.executable}: run this with the python of a venv "
              "where the project is installed (`pip install .`)", file=sys.stderr)
        return 2
    mode = install_mode()
    WORK.mkdir(parents=True, exist_ok=True)
    run_dir = WORK / f"run-{os.getpid()}"
    run_dir.mkdir(parents=True, exist_ok=True)
    started = time.perf_counter()
    print("linping benchmark")
    print("\n".join(machine()))
    how = ("EDITABLE: fine for development; use `pip install .` for numbers that count" if mode == "editable"
           else "with `pip install .` (not editable)")
    print(f"venv:    {BIN} (its `python` and `linping` console script; linping installed {how})")
    print(f"scratch: {WORK}")
    if os.environ.get("PYTHONDONTWRITEBYTECODE"):
        print("note:    PYTHONDONTWRITEBYTECODE is set: modules without a .pyc (an editable install's) are compiled "
              "on every run")
    notes: list[str] = []
    passed = True
    fixed_cost = None
    try:
        if args.only in (None, "startup"):
            print("\n== Part A: start-up, bundled dataset, warm cache ==")
            medians, out = part_a(5 * repeat, args.timeout, notes)
            print("\n".join(out))
            passed &= all((medians[c] or math.inf) <= (medians[b] or 0) * limit for c, b, limit in START_BUDGETS)
            fixed_cost = medians["linping search 西奥 --json"]
            print()
            print("\n".join(instruction_counts()))
            print()
            out, ok = import_check(args.timeout)
            print("\n".join(out))
            passed &= ok
        if args.only in (None, "scale"):
            if fixed_cost is None:  # what the net exponent subtracts: start-up on the bundled data, warm
                env = child_env(run_dir / "startup-cache")
                runs = [run([LINPING, "search", "西奥", "--json"], env, timeout=args.timeout) for _ in range(6)]
                fixed_cost = median(runs[1:])
            print(f"\n== Part B: scale, N = {', '.join(f'{n:,}' for n in sizes)}; {repeat} cold and {repeat} warm "
                  f"runs per query, alternated; stdout to /dev/null ==")
            result, out = part_b(sizes, args.seed, repeat, args.timeout)
            print("\n".join(out))
            print()
            out, ok = scale_table(result, sizes, fixed_cost)
            print("\n".join(out))
            passed &= ok
            print("(exponent: least-squares slope of log time against log N over the sizes; net exponent: the same "
                  f"after subtracting linping's start-up on the bundled data, {fmt_s(fixed_cost)}, over the sizes "
                  f"that take at least {NET_FLOOR:g}× that; PASS when ≤ {MAX_EXPONENT:.2f})")
            for n, why in result.skipped.items():
                print(f"cold runs skipped at N={n:,}: {why}")
            notes += result.notes
        if args.only in (None, "hub"):
            print(f"\n== Part C: a hub of {', '.join(f'{n:,}' for n in hub_sizes)} children (every entry hangs from "
                  f"{HUB}); {repeat} warm runs per query, alternated; stdout to /dev/null ==")
            out, ok = part_c(hub_sizes, args.seed, repeat, args.timeout)
            print("\n".join(out))
            passed &= ok
    finally:
        shutil.rmtree(run_dir, ignore_errors=True)
    for note in notes:
        print(f"note: {note}")
    print(f"\n{load_average()}")
    print(f"{'ALL BUDGETS PASS' if passed else 'SOME BUDGETS FAIL'}; benchmark took "
          f"{time.perf_counter() - started:.0f} s")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
