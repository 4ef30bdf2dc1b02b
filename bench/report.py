#!/usr/bin/env python3
"""Turns the raw figures of bench/run.sh into a markdown report and a chart.

    bench/report.py RESULTS.jsonl META.json [--markdown OUT.md] [--chart OUT.png]

RESULTS.jsonl has one line per wrk run (round, server, case, conns, rps, p50_ms, p99_ms, p999_ms,
non2xx, socket_errors, cpu_us_per_req); META.json has the machine, versions, fixtures, memory and
start-up figures. Every figure in the tables is the median over the rounds (with two rounds, their
mean); req/s also shows the range. The markdown goes to stdout and, with --markdown, to a file.
The chart (req/s per operation per server, log scale) needs matplotlib; without it the chart is
skipped with a note."""
from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

CASES = [("get", 16), ("get", 64), ("set", 16), ("signin", 16), ("signin_mfa", 16), ("mixed", 16)]
CASE_LABELS = {
    "get": "GetUserPoolMfaConfig",
    "set": "SetUserPoolMfaConfig",
    "signin": "AdminInitiateAuth → tokens",
    "signin_mfa": "AdminInitiateAuth → SMS_MFA challenge",
    "mixed": "Mix 70/20/10 Get/Set/sign-in",
}
SERVERS = ["mock", "mockinfo", "mockclose", "moto", "ministack", "nginx", "nginxclose"]
SERVER_LABELS = {
    "mock": "mock-cognito, keep-alive",
    "mockinfo": "mock-cognito, keep-alive, log level info",
    "ministack": "ministack",
    "mockclose": "mock-cognito, `Connection: close`",
    "moto": "moto_server (closes every connection)",
    "nginx": "nginx, fixed body, keep-alive",
    "nginxclose": "nginx, fixed body, `Connection: close`",
}
CHART_LABELS = {
    "mock": "mock-cognito keep-alive",
    "mockinfo": "mock-cognito, log level info",
    "ministack": "ministack",
    "mockclose": "mock-cognito Connection: close",
    "moto": "moto_server",
    "nginx": "nginx fixed body (ceiling)",
    "nginxclose": "nginx Connection: close",
}
AIM_MOTO, AIM_NGINX, AIM_P99_MS, AIM_STARTUP_MS, AIM_RSS_MB = 50, 0.30, 2.0, 100, 30


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def aggregate(rows):
    cells = {}
    for row in rows:
        cells.setdefault((row["server"], row["case"], row["conns"]), []).append(row)
    result = {}
    for key, runs in cells.items():
        result[key] = {
            "rounds": len(runs),
            "rps": median(r["rps"] for r in runs),
            "rps_min": min(r["rps"] for r in runs),
            "rps_max": max(r["rps"] for r in runs),
            "p50": median(r["p50_ms"] for r in runs),
            "p99": median(r["p99_ms"] for r in runs),
            "p99_min": min(r["p99_ms"] for r in runs),
            "p99_max": max(r["p99_ms"] for r in runs),
            "p999": median(r["p999_ms"] for r in runs),
            "cpu": median(r.get("cpu_us_per_req") for r in runs),
            "non2xx": sum(r["non2xx"] for r in runs),
            "socket_errors": sum(r["socket_errors"] for r in runs),
        }
    return result


def fmt_rps(value):
    return f"{value:,.0f}" if value is not None else "–"


def fmt_k(value):
    return f"{value / 1000:.1f}k" if value >= 1000 else f"{value:.0f}"


def fmt_ms(value):
    if value is None:
        return "–"
    return f"{value:.2f}" if value < 10 else f"{value:.1f}"


def fmt_p99(cell):
    """The median p99, with the per-round range when the rounds disagree by more than 2x."""
    if cell["rounds"] > 1 and cell["p99_max"] > 2 * cell["p99_min"]:
        return f"{fmt_ms(cell['p99'])} ({fmt_ms(cell['p99_min'])}–{fmt_ms(cell['p99_max'])})"
    return fmt_ms(cell["p99"])


def ratio(a, b):
    return a / b if a is not None and b else None


def fmt_ratio(value):
    if value is None:
        return "–"
    return f"{value:.2f}×" if value < 10 else f"{value:,.0f}×"


def mib(kb):
    return kb / 1024


def build_markdown(cells, meta):
    out = []
    w = out.append
    fixtures = meta["fixtures"]
    moto_mfa = fixtures["moto"]["mfa"]["signin"]
    w(f"## mock-cognito benchmark, {meta['started']}")
    w("")
    w(f"wrk -t{meta['threads']} --latency -d{meta['seconds']}s (bench/cognito.lua), {meta['rounds']} interleaved "
      f"round(s); every figure is the median of the rounds (req/s also gives their range). All traffic on 127.0.0.1; "
      f"the load generator shares the machine's {meta['cores']} cores with the server. "
      f"{meta['cpu']}, Linux {meta['kernel']}; load average {meta['load_before']} before the runs, "
      f"{meta['load_after']} after.")
    v = meta["versions"]
    w(f"Versions: {v['mock']}; {v['moto']}; {v['nginx']}; {v['wrk']}.")
    w("")
    w("| Operation | Conns | Server | req/s | range over rounds | p50 ms | p99 ms (range if > 2×) | p99.9 ms | server CPU µs/req | × moto | × ministack | × nginx | Notes |")
    w("| --- | ---: | --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |")
    for case, conns in CASES:
        moto = cells.get(("moto", case, conns))
        ministack = cells.get(("ministack", case, conns))
        nginx = cells.get(("nginx", case, conns))
        nginx_close = cells.get(("nginxclose", case, conns))
        for server in SERVERS:
            cell = cells.get((server, case, conns))
            if cell is None:
                continue
            notes = []
            if server == "moto" and case == "signin_mfa" and moto_mfa != "SMS_MFA":
                notes.append(f"moto answers {moto_mfa}, no challenge")
            if server in ("nginx", "nginxclose"):
                notes.append("same request, fixed answer, no work")
            if cell["non2xx"]:
                notes.append(f"non-2xx: {cell['non2xx']}")
            if cell["socket_errors"]:
                notes.append(f"socket errors: {cell['socket_errors']}")
            x_moto = ratio(cell["rps"], moto["rps"] if moto else None) if server != "moto" else 1.0
            x_ministack = ratio(cell["rps"], ministack["rps"] if ministack else None) if server != "ministack" else 1.0
            if server in ("mock", "mockinfo", "nginx"):
                x_nginx = ratio(cell["rps"], nginx["rps"] if nginx else None)
            elif server in ("mockclose", "nginxclose"):
                x_nginx = ratio(cell["rps"], nginx_close["rps"] if nginx_close else None)
            else:
                x_nginx = None
            w(f"| {CASE_LABELS[case]} | {conns} | {SERVER_LABELS[server]} | **{fmt_rps(cell['rps'])}** | "
              f"{fmt_k(cell['rps_min'])}–{fmt_k(cell['rps_max'])} | {fmt_ms(cell['p50'])} | {fmt_p99(cell)} | "
              f"{fmt_ms(cell['p999'])} | {cell['cpu']:.1f} | {fmt_ratio(x_moto)} | {fmt_ratio(x_ministack)} | {fmt_ratio(x_nginx)} | "
              f"{'; '.join(notes)} |")
    w("")
    w("× moto compares with moto's row of the same operation and connection count; moto closes every connection, "
      "so the `Connection: close` row is the like-for-like one. × nginx compares keep-alive rows with nginx keep-alive, "
      "and `Connection: close` rows with nginx `Connection: close` where that row was run (GetUserPoolMfaConfig c16). "
      "Server CPU is utime + stime of the server (all nginx processes) over the run, divided by its requests; "
      "it is the least noisy figure on a shared machine.")
    w("")
    w("What the sign-in rows do: ADMIN_USER_PASSWORD_AUTH for "
      f"{len(fixtures['mock']['users'])} users in turn. \"→ tokens\": pool MFA OFF, mock-cognito answers "
      f"{fixtures['mock']['plain']['signin']} (signed JWTs, a stored refresh token). \"→ SMS_MFA challenge\": pool MFA ON "
      f"with SMS only and users with a phone number, mock-cognito answers {fixtures['mock']['mfa']['signin']} "
      "(a stored session and an outbox message per request). "
      f"moto answers {fixtures['moto']['plain']['signin']} and {moto_mfa} to the same two requests"
      + (" (it does not challenge with MFA ON; its figure is for the same request)." if moto_mfa != "SMS_MFA" else ".")
      + " The mix rotates 7 Get, 2 Set and 1 sign-in (tokens) per 10 requests.")
    w("")

    diagnostics = meta.get("diagnostics") or []
    if diagnostics:
        w("### What each row costs the storage (mock-cognito, one diagnostic run per row)")
        w("")
        w("Counted with perf's syscall tracepoints over the run (+1 s), and `GET /_mock/stats`; these runs are not in the table above.")
        w("")
        w("| Operation | Conns | req/s | p99 ms | fdatasync+fsync /req | fcntl (locks) /req | pwrite /req | context switches /req | WAL checkpoints (passive / holding writers) | WAL size after |")
        w("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: |")
        for d in diagnostics:
            def per(key):
                value = d.get(f"{key}_per_req")
                return f"{value:.3f}" if value is not None else "–"
            syncs = (d.get("fdatasync_per_req") or 0) + (d.get("fsync_per_req") or 0) if "fdatasync_per_req" in d else None
            w(f"| {CASE_LABELS[d['case']]} | {d['conns']} | {fmt_rps(d['rps'])} | {fmt_ms(d['p99_ms'])} | "
              f"{'–' if syncs is None else f'{syncs:.4f}'} | {per('fcntl')} | {per('pwrite64')} | {per('context-switches')} | "
              f"{d['checkpoints_passive']} / {d['checkpoints_holding_writers']} | {d['wal_bytes_after'] / 1e6:.1f} MB |")
        w("")

    lists = meta.get("lists") or []
    if lists:
        sizes = sorted({r["users"] for r in lists})
        w(f"### Lists: the same page at {' and '.join(f'{n:,}' for n in sizes)} users (one connection, wrk -t1 -c1 3 s, median of rounds)")
        w("")
        w(f"{meta.get('created', '')}.")
        w("")
        head = " | ".join(f"{n:,} users: p50 ms / req/s" for n in sizes)
        w(f"| Request | {head} | big / small p50 |")
        w("| --- | " + " | ".join("---:" for _ in sizes) + " | ---: |")
        labels = {
            "list_first60": "ListUsers, first page (Limit 60)",
            "list_middle60": "ListUsers, a page from the middle (Limit 60, PaginationToken)",
            "list_email": 'ListUsers `email = "u-000500@example.com"`',
            "list_prefix10": 'ListUsers `username ^= "u-00012"` (Limit 10; 10 match)',
            "list_given_name60": 'ListUsers `given_name = "G7"` (Limit 60; 1 % match)',
            "list_status60": 'ListUsers `cognito:user_status = "FORCE_CHANGE_PASSWORD"` (Limit 60)',
            "list_pools60": "ListUserPools (MaxResults 60)",
            "list_clients60": "ListUserPoolClients (MaxResults 60)",
        }
        for case in labels:
            p50s = []
            cols = []
            for n in sizes:
                runs = [r for r in lists if r["case"] == case and r["users"] == n]
                p50 = median(r["p50_ms"] for r in runs)
                rps = median(r["rps"] for r in runs)
                p50s.append(p50)
                bad = sum(r["non2xx"] + r["socket_errors"] for r in runs)
                cols.append(f"{fmt_ms(p50)} / {fmt_rps(rps)}" + (f" (errors: {bad})" if bad else ""))
            w(f"| {labels[case]} | " + " | ".join(cols) + f" | {fmt_ratio(ratio(p50s[-1], p50s[0]))} |")
        w("")

    mem = meta["memory_kb"]
    start = meta["startup"]
    ms = start.get("ministack")
    w("### Start-up and memory")
    w("")
    w("| | mock-cognito | moto_server | ministack |")
    w("| --- | ---: | ---: | ---: |")
    w(f"| launch to first answered request, median of {start['mock']['launches']} (min–max) | "
      f"{start['mock']['median_ms']:.1f} ms ({start['mock']['min_ms']:.1f}–{start['mock']['max_ms']:.1f}) | "
      f"{start['moto']['median_ms']:.0f} ms ({start['moto']['min_ms']:.0f}–{start['moto']['max_ms']:.0f}) | "
      + (f"{ms['median_ms']:.0f} ms ({ms['min_ms']:.0f}–{ms['max_ms']:.0f}) |" if ms else "– |"))
    w(f"| idle RSS (VmRSS after start + 1 request), median of the launches | "
      f"{mib(start['mock']['idle_rss_kb']):.1f} MiB | {mib(start['moto']['idle_rss_kb']):.1f} MiB | "
      + (f"{mib(ms['idle_rss_kb']):.1f} MiB |" if ms else "– |"))
    w(f"| idle RSS of the benchmarked instance | {mib(mem['mock_idle']):.1f} MiB | {mib(mem['moto_idle']):.1f} MiB | "
      f"{mib(mem.get('ministack_idle', 0)):.1f} MiB |")
    w(f"| peak RSS (VmHWM) after all runs | {mib(mem['mock_peak']):.1f} MiB | {mib(mem['moto_peak']):.1f} MiB | "
      f"{mib(mem.get('ministack_peak', 0)):.1f} MiB |")
    w(f"| RSS after all runs | {mib(mem['mock_after']):.1f} MiB | | |")
    w("")
    w(f"nginx (master + 2 workers) peaked at {mib(mem['nginx_peak']):.1f} MiB. mock-cognito's database (with WAL) "
      f"held {mib(mem['mock_db']):.1f} MiB after the runs. Start-up launches use a fresh database directory each time "
      "(mock-cognito creates and migrates its database); the poller retries a raw-socket POST every 0.5 ms.")
    w("")

    w("### The issue's aims on this machine")
    w("")
    w("| Aim | Measured | Met? |")
    w("| --- | --- | --- |")

    def worst_ratio(server):
        found = []
        for case, conns in CASES:
            a, m = cells.get((server, case, conns)), cells.get(("moto", case, conns))
            if a and m:
                found.append((ratio(a["rps"], m["rps"]), f"{CASE_LABELS[case]} c{conns}"))
        return min(found) if found else (None, "")

    def yes(ok):
        return "yes" if ok else "**no**"

    r, where = worst_ratio("mock")
    w(f"| ≥ {AIM_MOTO}× moto on every operation (keep-alive) | lowest {fmt_ratio(r)} ({where}) | {yes(r is not None and r >= AIM_MOTO)} |")
    r, where = worst_ratio("mockclose")
    ceiling = ""
    nc, mg = cells.get(("nginxclose", "get", 16)), cells.get(("moto", "get", 16))
    if nc and mg:
        ceiling = f"; nginx with `Connection: close` reaches {fmt_ratio(ratio(nc['rps'], mg['rps']))} on Get c16"
    w(f"| ≥ {AIM_MOTO}× moto on every operation (like-for-like, `Connection: close`) | lowest {fmt_ratio(r)} ({where}){ceiling} | {yes(r is not None and r >= AIM_MOTO)} |")
    for conns in (16, 64):
        a, n = cells.get(("mock", "get", conns)), cells.get(("nginx", "get", conns))
        if a and n:
            x = ratio(a["rps"], n["rps"])
            w(f"| ≥ {AIM_NGINX:.0%} of nginx keep-alive on GetUserPoolMfaConfig, c{conns} | {x:.0%} "
              f"({fmt_rps(a['rps'])} / {fmt_rps(n['rps'])} req/s) | {yes(x >= AIM_NGINX)} |")
    p99s = [(cells[("mock", case, 16)]["p99"], CASE_LABELS[case], cells[("mock", case, 16)]["p99_min"])
            for case, conns in CASES if conns == 16 and ("mock", case, 16) in cells]
    worst = max(p99s)
    over = [f"{label} {fmt_ms(p)} ms (best round {fmt_ms(best)})" for p, label, best in p99s if p >= AIM_P99_MS]
    w(f"| p99 < {AIM_P99_MS:g} ms at 16 connections (keep-alive, every operation) | worst {fmt_ms(worst[0])} ms ({worst[1]})"
      + (f"; over: {', '.join(over)}" if over else "") + f" | {yes(worst[0] < AIM_P99_MS)} |")
    floor = (meta.get("crypto_floor") or {}).get("floor_us")
    signin = cells.get(("mock", "signin", 16))
    if floor and signin:
        x = signin["cpu"] / floor
        w(f"| sign-in (→ tokens) CPU within 1.2× of its cryptographic floor (1 SRP modexp + 2 RS256 signatures, "
          f"bench/crypto_floor.c: {floor:.0f} µs) | {signin['cpu']:.0f} µs/request = {x:.2f}× | {yes(x <= 1.2)} |")
    # Issue 16's aims.
    st, g, n = cells.get(("mock", "set", 16)), cells.get(("mock", "get", 16)), cells.get(("nginx", "get", 16))
    if st:
        ok = st["rps"] >= 25000 and st["p99"] < 2 and st["p999"] < 5
        w(f"| SetUserPoolMfaConfig c16: ≥ 25k req/s, p99 < 2 ms, p99.9 < 5 ms | {fmt_rps(st['rps'])} req/s, "
          f"p99 {fmt_p99(st)} ms, p99.9 {fmt_ms(st['p999'])} ms | {yes(ok)} |")
    if g and n:
        x = ratio(g["rps"], n["rps"])
        w(f"| GetUserPoolMfaConfig c16: ≥ 0.75× nginx, p99 < 1 ms | {x:.2f}×, p99 {fmt_p99(g)} ms | "
          f"{yes(x >= 0.75 and g['p99'] < 1)} |")
    gi = cells.get(("mockinfo", "get", 16))
    if g and gi:
        x = ratio(gi["rps"], g["rps"])
        w(f"| Get at log level info within 10 % of Get at error | {x:.0%} of the req/s (CPU {gi['cpu']:.1f} vs "
          f"{g['cpu']:.1f} µs/req) | {yes(x >= 0.9)} |")
    s = start["mock"]["median_ms"]
    w(f"| start-up < {AIM_STARTUP_MS} ms | {s:.1f} ms (median) | {yes(s < AIM_STARTUP_MS)} |")
    rss = mib(start["mock"]["idle_rss_kb"])
    w(f"| idle RSS < 12 MiB | {rss:.1f} MiB (median of the launches) | {yes(rss < 12)} |")
    w(f"| start-up to first answer < 10 ms | {s:.1f} ms (median) | {yes(s < 10)} |")
    w("")
    return "\n".join(out) + "\n"


def build_chart(cells, meta, path: Path) -> str | None:
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        return "chart skipped: matplotlib is not installed (pip install matplotlib)"
    groups = [(case, conns) for case, conns in CASES if any((s, case, conns) in cells for s in SERVERS)]
    colors = {"mock": "#1f77b4", "mockinfo": "#6baed6", "mockclose": "#9ecae1", "moto": "#d62728", "ministack": "#ff7f0e",
              "nginx": "#7f7f7f", "nginxclose": "#c7c7c7"}
    fig, ax = plt.subplots(figsize=(12, 5.5), dpi=110)
    width = 0.85 / max(sum((s, c, n) in cells for s in SERVERS) for c, n in groups)
    labelled = set()
    for g, (case, conns) in enumerate(groups):
        present = [s for s in SERVERS if (s, case, conns) in cells]
        for i, server in enumerate(present):
            y = cells[(server, case, conns)]["rps"]
            x = g + (i - (len(present) - 1) / 2) * width
            label = CHART_LABELS[server] if server not in labelled else None
            labelled.add(server)
            ax.bar([x], [y], width, label=label, color=colors[server])
            ax.annotate(fmt_k(y), (x, y), ha="center", va="bottom", fontsize=7, xytext=(0, 2), textcoords="offset points")
    ax.set_yscale("log")
    lowest = min(c["rps"] for c in cells.values())
    ax.set_ylim(bottom=10 ** (len(str(int(max(lowest, 1)))) - 1) / 2)
    ax.set_ylabel("requests per second (log scale)")
    ax.set_xticks(range(len(groups)))
    ax.set_xticklabels([f"{CASE_LABELS[c].replace(' → ', chr(10) + '→ ')}\nc{n}" for c, n in groups], fontsize=8)
    ax.set_title(f"mock-cognito vs moto_server vs ministack vs nginx (no-work ceiling): wrk -t{meta['threads']}, "
                 f"{meta['cores']} cores shared with the load generator, median of {meta['rounds']} round(s), {meta['started'][:10]}",
                 fontsize=9, pad=28)
    ax.grid(axis="y", which="both", alpha=0.3)
    ax.legend(fontsize=8, loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=len(labelled), frameon=False)
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return None


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("results", type=Path)
    parser.add_argument("meta", type=Path)
    parser.add_argument("--markdown", type=Path)
    parser.add_argument("--chart", type=Path)
    args = parser.parse_args()
    rows = [json.loads(line) for line in args.results.read_text().splitlines() if line.strip()]
    meta = json.loads(args.meta.read_text())
    cells = aggregate(rows)
    markdown = build_markdown(cells, meta)
    if args.chart:
        note = build_chart(cells, meta, args.chart)
        markdown += f"\n{note}\n" if note else f"\nChart: `{args.chart}`\n"
    sys.stdout.write(markdown)
    if args.markdown:
        args.markdown.write_text(markdown)
    return 0


if __name__ == "__main__":
    sys.exit(main())
