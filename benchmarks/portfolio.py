"""A coverage list at scale: 100 subjects over 20,000 articles, local pool vs Dask, and vs one `briefs build`.

    .venv/bin/python benchmarks/portfolio.py            # 100 subjects, 20,000 articles, 1,000 tasks
    .venv/bin/python benchmarks/portfolio.py --small    # 10 subjects, 1,000 articles, 200 tasks
    .venv/bin/python benchmarks/portfolio.py --tasks 0  # the engines only, no memory check over many tasks
    .venv/bin/python benchmarks/portfolio.py --subjects 100 --articles 4000 --engines pool,build --tasks 0
    .venv/bin/python benchmarks/portfolio.py --phases --engines none --tasks 0   # CPU per phase, one process each
    .venv/bin/python benchmarks/portfolio.py --stages --engines none --tasks 0   # CPU per stage of the subject tasks

Articles are synthetic, generated into a temporary folder at run time (never committed): the BBC
dev texts (../shared/eval/bbc_dev.jsonl) with one of the subjects placed in the headline and a
sentence, and every third article naming a second subject in passing; figures shift per copy so
copies are near-duplicates, as syndicated news is. It prints, from one run:

- the whole portfolio's time and the peak memory of its largest worker process, on the local
  process pool and on a Dask LocalCluster of 2 worker processes, and Dask's as a ratio of the pool's;
- the portfolio's time as a ratio of ONE subject's `briefs build` over the same articles (target ≤ 3);
- a worker's memory over many subject tasks in one process (it should stay flat).

Each engine runs as the `briefs` command in its own process; peak memory is each process's
VmHWM, sampled from /proc (Linux), and CPU time is the user+system time of the command and every
process it waited for (its pool or Dask workers). Nothing here is asserted: on a shared machine,
read ratios, and the CPU ratio over the wall-clock one when other jobs share the cores.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
BRIEFS = [sys.executable, "-m", "briefs"]

_SYLLABLES = ["nor", "vath", "kel", "tria", "bram", "ost", "quin", "del", "mar", "sov", "ten", "lux", "ro", "cad",
              "vel", "pra", "zan", "hol", "gri", "ber"]
_KINDS = ["Systems", "Holdings", "Energy", "Foods", "Logistics", "Pharma", "Motors", "Networks", "Mining", "Retail"]


def subjects(count: int) -> list[tuple[str, str]]:
    """Return `count` made-up (name, ticker) pairs, the same every run."""
    rng = random.Random(19)
    names: dict[str, str] = {}
    while len(names) < count:
        stem = "".join(rng.choice(_SYLLABLES) for _ in range(2)).capitalize()
        name = f"{stem} {rng.choice(_KINDS)}"
        ticker = (stem[:3] + name.split()[1][0]).upper()
        if name not in names and ticker not in names.values():
            names[name] = ticker
    return list(names.items())


def make_news(folder: Path, count: int, companies: list[tuple[str, str]], bbc: Path) -> None:
    """Write `count` dated articles, each about one company (and some naming a second)."""
    texts = [json.loads(line) for line in bbc.open(encoding="utf-8")]
    rng = random.Random(count)
    folder.mkdir(parents=True)
    for i in range(count):
        base = texts[i % len(texts)]
        shift = i // len(texts)
        body = re.sub(r"\d+", lambda m: str(int(m.group()) + shift), base["text"]) if shift else base["text"]
        name, ticker = companies[i % len(companies)]
        paragraphs = body.split("\n\n")
        paragraphs.insert(1, f"{name} ({ticker}) said the developments would shape its plans, and its shares "
                             f"moved {rng.randint(1, 9)}% in early trading.")
        if i % 3 == 0:
            other = companies[(i * 7 + 3) % len(companies)][0]
            paragraphs.insert(min(3, len(paragraphs)), f"Rival {other} declined to comment on the report on Tuesday.")
        day = 16 + i % 7
        (folder / f"{i:05d}.md").write_text(
            f"---\ntitle: \"{name}: {base['title']}\"\nsource: Wire {i % 40}\ndate: 2026-11-{day}\n---\n"
            + "\n\n".join(paragraphs) + "\n", encoding="utf-8")


def write_portfolio(path: Path, companies: list[tuple[str, str]]) -> None:
    lines = ['news = ["news/"]', 'audience = "investor"']
    for name, ticker in companies:
        lines += ["", "[[subject]]", f'name = "{name}"', f'tickers = ["{ticker}"]']
    path.write_text("\n".join(lines) + "\n")


def _descendants(pid: int) -> set[int]:
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = set(), [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.add(child)
            todo.append(child)
    return found


def _peak_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _own_cpu(pid: int) -> float:
    """Return the CPU seconds (user+system) a process has used itself, not counting its children."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed(command: list[str], env: dict | None = None) -> tuple[float, int, int, float, float]:
    """Return (seconds, main and largest descendant's peak KB, CPU seconds of them all and of the main process)."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                               env={**os.environ, **(env or {})})
    peaks: dict[int, int] = {}
    main_cpu = [0.0]  # the command's own process, sampled to its last quarter-second

    def sample() -> None:
        while process.poll() is None:
            for pid in _descendants(process.pid) | {process.pid}:
                peaks[pid] = max(peaks.get(pid, 0), _peak_kb(pid))
            main_cpu[0] = max(main_cpu[0], _own_cpu(process.pid))
            time.sleep(0.25)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    _, stderr = process.communicate()
    seconds = time.perf_counter() - start
    sampler.join()
    if process.returncode not in (0, 5):
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}):\n{stderr[-2000:]}")
    main = peaks.pop(process.pid, 0)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)  # the command and every process it waited for
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return seconds, main, max(peaks.values(), default=0), cpu, main_cpu[0]


def _rss_kb() -> int:
    return int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") // 1024


def flat_memory(news: Path, companies: list[tuple[str, str]], tasks: int, out: Path) -> list[tuple[int, int]]:
    """Return (tasks done, RSS KB) while one process runs `tasks` subject tasks, as a long-lived worker does."""
    from briefs import portfolio
    from briefs.config import Subject

    entries = [portfolio.Entry(Subject(name=n, tickers=[t]), "investor", re.sub(r"\W+", "-", n.lower()))
               for n, t in companies[:10]]
    batch = portfolio.read_files([str(p) for p in sorted(news.glob("*.md"))[:200]], [e.subject for e in entries])
    job = portfolio.Job(news=(news,), out=out, formats=("md", "json"))
    news_of = list(portfolio.shares([batch], len(entries), job, []))
    marks, checkpoints = [], {max(1, tasks // 10), tasks // 2, tasks}
    for done in range(1, tasks + 1):
        index = done % len(entries)
        portfolio.build_subject(job, entries[index], news_of[index])
        if done in checkpoints:
            marks.append((done, _rss_kb()))
    return marks


def _cpu() -> float:
    return time.process_time()


def phases_of_portfolio(root: Path) -> dict[str, float]:
    """Return the CPU seconds of each phase of the portfolio, run in this one process (no engine)."""
    import gc

    from briefs import _pool, portfolio

    gc.set_threshold(*_pool.BUILD_GC_THRESHOLD)  # as `portfolio.run` sets it for the client
    folio = portfolio.read_portfolio(root / "PORTFOLIO.toml")
    job = portfolio.Job(news=(root / "news",), out=root / "phases", formats=("md", "json"))
    files = [str(p) for p in sorted((root / "news").glob("*.md"))]
    subjects = [e.subject for e in folio.entries]
    start = _cpu()
    batches = [portfolio.read_files(files[i:i + portfolio.FILES_PER_TASK], subjects)
               for i in range(0, len(files), portfolio.FILES_PER_TASK)]
    read = _cpu()
    news = list(portfolio.shares(batches, len(subjects), job, []))
    client = _cpu()
    for entry, share in zip(folio.entries, news):
        portfolio.build_subject(job, entry, share)
    return {"read (per file, all subjects)": read - start, "client (shares)": client - read,
            "subjects (build + render each)": _cpu() - client}


# What `--stages` times of each subject task: the corpus-level stages a build composes, by where they live.
STAGES = [("build", "_stories", "stories (build._stories)"), ("build.themes", "assign", "themes"),
          ("build.select", "select", "select"), ("build.enrich", "entities", "entities (counting)"),
          ("build.entities_stage", "name_search", "entities (name search set-up)"),
          ("build.figures_stage", "reading", "figures (reading set-up)"),
          ("build._pool.Pending", "result", "entities and figures (reading work)"),
          ("build.enrich", "theme_sentiment", "sentiment (themes)"), ("build.enrich", "sentiment", "sentiment (brief)"),
          ("build.clean_stage", "combine", "combine (clean)"), ("build.boilerplate", "strip", "boilerplate"),
          ("build.split", "split", "split"), ("build", "lowercase_words", "lowercase_words (build's call)"),
          ("build.kinds", "kind", "kinds"), ("portfolio.render", "render", "render"),
          ("portfolio.SubjectNews", "items", "unpacking the share")]


def stages_of_subjects(root: Path) -> dict[str, float]:
    """Return the CPU seconds of each corpus-level stage over every subject task, run in this one process."""
    import gc
    from functools import wraps

    from briefs import _pool, build, portfolio

    gc.set_threshold(*_pool.BUILD_GC_THRESHOLD)
    spent: dict[str, float] = {}
    inside = [False]  # a stage's time is counted once, not again for the stages it calls

    def timed_stage(function, label):
        @wraps(function)
        def run(*args, **kwargs):
            if inside[0]:
                return function(*args, **kwargs)
            inside[0], start = True, _cpu()
            try:
                return function(*args, **kwargs)
            finally:
                inside[0] = False
                spent[label] = spent.get(label, 0.0) + _cpu() - start
        return run

    names = {"build": build, "portfolio": portfolio}
    for where, name, label in STAGES:
        owner = names[where.split(".")[0]]
        for part in where.split(".")[1:]:
            owner = getattr(owner, part)
        current = owner.__dict__[name]
        if isinstance(current, property):
            setattr(owner, name, property(timed_stage(current.fget, label)))
        else:
            setattr(owner, name, timed_stage(current, label))
    folio = portfolio.read_portfolio(root / "PORTFOLIO.toml")
    job = portfolio.Job(news=(root / "news",), out=root / "stages", formats=("md", "json"))
    files = [str(p) for p in sorted((root / "news").glob("*.md"))]
    subjects = [e.subject for e in folio.entries]
    batches = [portfolio.read_files(files[i:i + portfolio.FILES_PER_TASK], subjects)
               for i in range(0, len(files), portfolio.FILES_PER_TASK)]
    start = _cpu()
    for entry, share in zip(folio.entries, portfolio.shares(batches, len(subjects), job, [])):
        portfolio.build_subject(job, entry, share)
    total = _cpu() - start
    return {**dict(sorted(spent.items(), key=lambda kv: -kv[1])), "the rest": total - sum(spent.values()),
            "all subject tasks": total}


def stages(root: Path, subjects: int) -> None:
    """Print the CPU seconds of each stage of the subject tasks, measured in a fresh process."""
    env = {**os.environ, "BRIEFS_CONFIG_DIR": str(root / "config"), "BRIEFS_CACHE_DIR": str(root / "cache")}
    out = subprocess.run([sys.executable, str(Path(__file__).resolve()), "--phase-child", "stages", str(root)],
                         capture_output=True, text=True, check=True, env=env)
    spent = json.loads(out.stdout.strip().splitlines()[-1])
    print(f"CPU seconds per stage of the {subjects} subject tasks, in one process (ms per subject):")
    for label, seconds in spent.items():
        print(f"  {label:<40}{seconds:>8.1f}{seconds / subjects * 1000:>8.0f}")


def phases_of_build(root: Path) -> dict[str, float]:
    """Return the CPU seconds of one subject's build: its per-file work, then the whole build in a fresh process."""
    from briefs import _pool, build
    from briefs.config import Subject

    config = (root / "config" / "briefs.toml").read_text()
    name = re.search(r'name = "([^"]+)"', config).group(1)
    ticker = re.search(r'tickers = \["([^"]+)"\]', config).group(1)
    start = _cpu()
    for path in sorted((root / "news").glob("*.md")):
        _pool.process_file(path, Subject(name=name, tickers=[ticker]))
    return {"per file (load, clean, attribute)": _cpu() - start}


def phases(root: Path) -> None:
    """Print the CPU seconds of each phase, each measured in a fresh process so no cache is shared."""
    script = Path(__file__).resolve()
    results = {}
    for what in ("portfolio", "build-files", "build"):
        out = subprocess.run([sys.executable, str(script), "--phase-child", what, str(root)], capture_output=True,
                             text=True, check=True, env={**os.environ, "BRIEFS_CONFIG_DIR": str(root / "config"),
                                                         "BRIEFS_CACHE_DIR": str(root / "cache")})
        results[what] = json.loads(out.stdout.strip().splitlines()[-1])
    build_all = results["build"]["whole build, 1 process"]
    build_files = results["build-files"]["per file (load, clean, attribute)"]
    print("CPU seconds per phase, each in one process (no engine):")
    for label, seconds in results["portfolio"].items():
        print(f"  portfolio {label:<36}{seconds:>8.1f}")
    print(f"  one build per file (load, clean, attribute)  {build_files:>8.1f}")
    print(f"  one build corpus-level and render (the rest) {build_all - build_files:>8.1f}")
    total = sum(results["portfolio"].values())
    print(f"portfolio / one build in one process: {total / build_all:.2f}x ({total:.1f} / {build_all:.1f} CPU s)")


def phase_child(what: str, root: Path) -> None:
    if what == "portfolio":
        print(json.dumps(phases_of_portfolio(root)))
    elif what == "stages":
        print(json.dumps(stages_of_subjects(root)))
    elif what == "build-files":
        print(json.dumps(phases_of_build(root)))
    else:
        from briefs import build, render

        start = _cpu()
        result = build.build_brief([root / "news"], build.Options(out=root / "phase-build", cache=False, workers=1))
        render.render(result.brief, result.audience, result.options.out, build.output_stem(result.brief), ["md", "json"],
                      fitted=result.fitted)
        print(json.dumps({"whole build, 1 process": _cpu() - start}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--small", action="store_true", help="10 subjects, 1,000 articles, 200 tasks")
    parser.add_argument("--eval", type=Path, default=ROOT.parent / "shared" / "eval")
    parser.add_argument("--tasks", type=int, help="subject tasks in the one-process memory check (0: skip it)")
    parser.add_argument("--subjects", type=int, help="subjects in the portfolio (default 100, --small 10)")
    parser.add_argument("--articles", type=int, help="articles generated (default 20,000, --small 1,000)")
    parser.add_argument("--engines", default="pool,dask,build",
                        help="what to run, of pool, dask and build (comma-separated; ratios need build; none)")
    parser.add_argument("--phases", action="store_true",
                        help="also the CPU time of each phase (read, client, subjects; one build's per-file and rest)")
    parser.add_argument("--stages", action="store_true",
                        help="also the CPU time of each corpus-level stage over the subject tasks (no engine)")
    parser.add_argument("--phase-child", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.phase_child:
        return phase_child(args.phase_child[0], Path(args.phase_child[1]))
    n_subjects, n_articles, n_tasks = (10, 1_000, 200) if args.small else (100, 20_000, 1_000)
    n_subjects, n_articles = args.subjects or n_subjects, args.articles or n_articles
    n_tasks = n_tasks if args.tasks is None else args.tasks
    engines = {e.strip() for e in args.engines.split(",") if e.strip() not in ("", "none")}
    if not engines <= {"pool", "dask", "build"}:
        raise SystemExit(f"--engines: choose among pool, dask, build, not {args.engines!r}")
    bbc = args.eval / "bbc_dev.jsonl"
    if not bbc.is_file():
        raise SystemExit(f"{bbc}: not found; the benchmark needs the BBC dev texts (--eval DIR)")
    companies = subjects(n_subjects)
    with tempfile.TemporaryDirectory(prefix="briefs-portfolio-") as tmp:
        root = Path(tmp)
        make_news(root / "news", n_articles, companies, bbc)
        write_portfolio(root / "PORTFOLIO.toml", companies)
        config = root / "config"
        config.mkdir()
        name, ticker = companies[0]
        (config / "briefs.toml").write_text(f'[subject]\nname = "{name}"\ntickers = ["{ticker}"]\n')
        env = {"BRIEFS_CONFIG_DIR": str(config), "BRIEFS_CACHE_DIR": str(root / "cache")}
        print(f"{n_subjects} subjects, {n_articles:,} articles, 2 worker processes, md+json (cpu count {os.cpu_count()})")
        common = ["portfolio", str(root / "PORTFOLIO.toml"), "--format", "md,json", "--workers", "2", "--quiet"]
        runs = {}
        if "pool" in engines:
            runs["local pool"] = timed(BRIEFS + common + ["--out", str(root / "pool")], env)
        if "dask" in engines:
            runs["Dask LocalCluster (2)"] = timed(BRIEFS + common + ["--out", str(root / "dask"), "--scheduler", "local"],
                                                  env)
        if "build" in engines:
            runs[f"briefs build ({name})"] = timed(BRIEFS + ["build", str(root / "news"), "--format", "md,json",
                                                             "--workers", "2", "--no-cache", "--quiet",
                                                             "--out", str(root / "build")], env)
        print(f"{'engine':<28}{'seconds':>9}{'CPU s':>9}{'main CPU s':>11}{'main MB':>9}{'worker MB':>11}")
        for label, (seconds, main_kb, worker_kb, cpu, main_cpu) in runs.items():
            print(f"{label:<28}{seconds:>9.1f}{cpu:>9.1f}{main_cpu:>11.1f}{main_kb / 1024:>9.0f}{worker_kb / 1024:>11.0f}")
        pool, dask = runs.get("local pool"), runs.get("Dask LocalCluster (2)")
        one = runs.get(f"briefs build ({name})")
        if pool and dask:
            same = all((root / "pool" / p.relative_to(root / "dask")).read_bytes() == p.read_bytes()
                       for p in (root / "dask").rglob("*") if p.is_file() and not p.name.startswith("index."))
            print(f"Dask / pool: time {dask[0] / pool[0]:.2f}x, CPU {dask[3] / pool[3]:.2f}x, largest worker's peak "
                  f"memory {dask[2] / max(pool[2], 1):.2f}x; briefs byte-identical: {same}")
        if one:
            engine_runs = [(label, run) for label, run in (("pool", pool), ("Dask", dask)) if run]
            print("portfolio / one subject's build: "
                  + ", ".join(f"{label} {run[0] / one[0]:.2f}x" for label, run in engine_runs) + " (target <= 3x)")
            # CPU seconds of every process: what the work costs, whatever else shares the cores.
            print("the same in CPU time: " + ", ".join(f"{label} {run[3] / one[3]:.2f}x" for label, run in engine_runs))
        if args.phases:
            phases(root)
        if args.stages:
            stages(root, n_subjects)
        if not n_tasks:
            return
        marks = flat_memory(root / "news", companies, n_tasks, root / "flat")
        print("one worker process over many subject tasks (200 articles each): "
              + ", ".join(f"{done} tasks {kb / 1024:.0f} MB" for done, kb in marks))


if __name__ == "__main__":
    main()
