#!/usr/bin/env python3
"""Turns tcvod_bench's JSON into the table of targets (markdown) and the
data file the chart is drawn from. Every ratio comes from medians of one
run (CPU time, which a busy shared machine disturbs less than wall time)."""
import argparse
import json
import sys

UNIT_NS = {"ns": 1.0, "us": 1e3, "ms": 1e6, "s": 1e9}


def medians(path):
    """run_name -> {"ns": median CPU ns, counters...} from the median aggregates
    (or the single run when there were no repetitions)."""
    with open(path) as f:
        doc = json.load(f)
    rows, singles = {}, {}
    for b in doc.get("benchmarks", []):
        name = b.get("run_name", b["name"])
        row = dict(b)
        row["ns"] = b["cpu_time"] * UNIT_NS[b.get("time_unit", "ns")]
        if b.get("run_type") == "aggregate":
            if b.get("aggregate_name") == "median":
                rows[name] = row
        else:
            singles.setdefault(name, row)
    for name, row in singles.items():
        rows.setdefault(name, row)
    return doc.get("context", {}), rows


def fmt_time(ns):
    if ns >= 1e6:
        return f"{ns / 1e6:.2f} ms"
    if ns >= 1e3:
        return f"{ns / 1e3:.2f} µs"
    return f"{ns:.0f} ns"


def fmt_ratio(x):
    return f"{x:.2f}×" if x < 10 else f"{x:.1f}×"


class Targets:
    def __init__(self, rows):
        self.rows = rows
        self.lines = []

    def ns(self, name):
        row = self.rows.get(name)
        return row["ns"] if row else None

    def add(self, target, measured, met, note=""):
        verdict = "not measured" if met is None else ("**met**" if met else "**missed**")
        self.lines.append((target, measured, verdict, note))

    def slower_than(self, name, reference, limit, label):
        """name's time / reference's time <= limit."""
        a, b = self.ns(name), self.ns(reference)
        if a is None or b is None:
            self.add(label, "—", None)
            return
        r = a / b
        self.add(label, f"{fmt_ratio(r)} ({fmt_time(a)} vs {fmt_time(b)})", r <= limit)

    def faster_than(self, name, other, factor, label):
        """other's time / name's time >= factor."""
        a, b = self.ns(name), self.ns(other)
        if a is None or b is None:
            self.add(label, "—", None)
            return
        r = b / a
        self.add(label, f"{fmt_ratio(r)} ({fmt_time(b)} vs {fmt_time(a)})", r >= factor)

    def allocations(self, name, limit, label):
        row = self.rows.get(name)
        if row is None or "allocs_per_op" not in row:
            self.add(label, "—", None)
            return
        n = row["allocs_per_op"]
        self.add(label, f"{n:g} allocs/op", n <= limit)

    def marginal_flat(self, base, small, large, tolerance, label):
        """Cost per added entry from 1 to `small` and from 1 to `large` agree within tolerance."""
        t1, ts, tl = self.ns(f"{base}/1"), self.ns(f"{base}/{small}"), self.ns(f"{base}/{large}")
        if None in (t1, ts, tl):
            self.add(label, "—", None)
            return
        per_small = (ts - t1) / (small - 1)
        per_large = (tl - t1) / (large - 1)
        r = per_large / per_small
        self.add(label, f"{per_small:.0f} → {per_large:.0f} ns/entry ({r:.2f})", abs(r - 1) <= tolerance)


# The library's two hash backends, built-in first: what a default build
# (and every firmware or vendoring user) gets.
BACKENDS = (("built-in", ""), ("OpenSSL", "_openssl"))


def targets(rows):
    t = Targets(rows)
    for backend, suffix in BACKENDS:
        op = f"BM_encode_sign{suffix}"
        for n in (1, 16, 256):
            t.slower_than(f"{op}/{n}", f"BM_floor_encode_sign/{n}", 1.3,
                          f"encode_sign/{n} ({backend}) ≤ 1.3× floor")
        for n in (1, 16, 256):
            t.faster_than(f"{op}/{n}", f"BM_naive_encode_sign/{n}", 10,
                          f"encode_sign/{n} ({backend}) ≥ 10× faster than naive")
        for n in (1, 16, 256):
            t.allocations(f"{op}/{n}", 0, f"encode_sign/{n} ({backend}): 0 allocations per op after warm-up")
        t.marginal_flat(op, 16, 256, 0.2, f"encode_sign ({backend}): cost per entry flat 16 → 256 (±20%)")
    for backend, suffix in BACKENDS:
        op = f"BM_decode_verify_query{suffix}"
        for n in (1, 16, 256):
            t.faster_than(f"{op}/{n}", f"BM_naive_decode_verify_query/{n}", 5,
                          f"decode_verify_query/{n} ({backend}) ≥ 5× faster than naive")
        t.marginal_flat(op, 16, 256, 0.2,
                        f"decode_verify_query ({backend}): linear in N (cost per entry 16 → 256 within ±20%)")
    t.slower_than("BM_decode_response", "BM_floor_decode_response", 1.5, "decode_response ≤ 1.5× floor")
    t.faster_than("BM_decode_response", "BM_naive_decode_response", 10,
                  "decode_response ≥ 10× faster than nlohmann::json")
    t.allocations("BM_decode_response_owning", 1,
                  "decode_response: ≤ 1 allocation per op (reused decoder, owning `response`)")
    t.allocations("BM_decode_response", 0, "decode_response: 0 allocations per op (views)")
    t.faster_than("BM_decode_event", "BM_naive_decode_event", 10,
                  "decode_event (views) ≥ 10× faster than nlohmann::json")
    t.allocations("BM_decode_event", 0, "decode_event: 0 allocations per event after warm-up (views)")
    t.allocations("BM_decode_event_owning", 0,
                  "decode_event: 0 allocations per event after warm-up (owning, reused `event`)")
    return t.lines


def crypto_table(rows, masked):
    """The hash micro-benchmarks: SHA instructions against OpenSSL (this run)
    and the portable code against OpenSSL without its SHA extensions (the
    masked run, both measured in that one process)."""
    out = ["", "Hashes (`crypto_bench.cpp`): `hw` (the library's SHA-NI) / OpenSSL EVP, target ≤ 1.1×; "
           "`fast` (portable) / OpenSSL with `OPENSSL_ia32cap=\":~0x20000000\"` (SHA extensions hidden; "
           "a second process, both sides measured in it), target ≤ 1.3×; `dispatch` / `hw` shows what "
           "choosing at run time costs.", "",
           "| operation | message | hw | OpenSSL | hw / OpenSSL | dispatch / hw | fast (masked run) | "
           "OpenSSL masked | fast / OpenSSL masked |",
           "|---|---:|---:|---:|---:|---:|---:|---:|---:|"]
    any_row = False
    for op in ("sha1", "sha256", "hmac_sha1", "hmac_sha256"):
        for size in (64, 300, 4096, 65536):
            def get(table, variant):
                row = table.get(f"BM_{op}/{variant}/{size}")
                return row["ns"] if row else None
            hw, ossl, dispatch = get(rows, "hw"), get(rows, "openssl"), get(rows, "dispatch")
            fast_m, ossl_m = get(masked, "fast"), get(masked, "openssl")
            if hw is None and fast_m is None:
                continue
            any_row = True

            def ratio(a, b, limit=None):
                if a is None or b is None:
                    return "—"
                r = a / b
                mark = "" if limit is None else (" ✓" if r <= limit else " ✗")
                return f"{r:.2f}×{mark}"
            cells = [op.replace("_", "-").upper().replace("HMAC-", "HMAC-"), f"{size} B",
                     fmt_time(hw) if hw else "—", fmt_time(ossl) if ossl else "—", ratio(hw, ossl, 1.1),
                     ratio(dispatch, hw), fmt_time(fast_m) if fast_m else "—",
                     fmt_time(ossl_m) if ossl_m else "—", ratio(fast_m, ossl_m, 1.3)]
            out.append("| " + " | ".join(cells) + " |")
    return out if any_row else []


# Chart groups: (label, tcvod, floor, naive, rapidjson, boost.json)
GROUPS = [
    ("encode_sign/1", "BM_encode_sign/1", "BM_floor_encode_sign/1", "BM_naive_encode_sign/1", None, None),
    ("encode_sign/16", "BM_encode_sign/16", "BM_floor_encode_sign/16", "BM_naive_encode_sign/16", None, None),
    ("encode_sign/256", "BM_encode_sign/256", "BM_floor_encode_sign/256", "BM_naive_encode_sign/256", None, None),
    ("decode_response", "BM_decode_response", "BM_floor_decode_response", "BM_naive_decode_response",
     "BM_peer_rapidjson_decode_response", "BM_peer_boostjson_decode_response"),
    ("decode_verify/1", "BM_decode_verify_query/1", None, "BM_naive_decode_verify_query/1", None, None),
    ("decode_verify/16", "BM_decode_verify_query/16", None, "BM_naive_decode_verify_query/16", None, None),
    ("decode_verify/256", "BM_decode_verify_query/256", None, "BM_naive_decode_verify_query/256", None, None),
    ("decode_event", "BM_decode_event", None, "BM_naive_decode_event", None, None),
]


def order_key(name):
    """Operation first, then tcvod, floor, naive, peers, then N as a number."""
    base, _, arg = name.partition("/")
    variant = 0
    if base.endswith("_openssl"):  # the library on OpenSSL, right after the built-in core
        base, variant = base[: -len("_openssl")], 0.5
    for i, word in enumerate(("_floor_", "_naive_", "_peer_")):
        if word in base:
            variant = i + 1
            base = base.replace(word.rstrip("_"), "").replace("_rapidjson", "").replace("_boostjson", "")
    op = base.replace("BM_", "").strip("_")
    return (op, variant, int(arg) if arg.isdigit() else 0, name)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("json")
    ap.add_argument("--markdown", required=True)
    ap.add_argument("--plot-data", required=True)
    ap.add_argument("--crypto", help="ignored: every run measures both backends")
    ap.add_argument("--masked", help="JSON of the run with OPENSSL_ia32cap hiding the SHA extensions")
    args = ap.parse_args()
    context, rows = medians(args.json)
    if not rows:
        sys.exit("report: no benchmarks in " + args.json)

    out = []
    caches = ", ".join(f"L{c['level']} {c['size'] // 1024} KiB" for c in context.get("caches", [])
                       if c.get("type") in ("Data", "Unified"))
    reps = max((r.get("repetitions", 1) for r in rows.values()), default=1)
    out.append(f"Measured {context.get('date', '?')} on {context.get('num_cpus', '?')} CPUs at "
               f"{context.get('mhz_per_cpu', '?')} MHz ({caches}); library build `{context.get('library_build_type', '?')}`"
               f" of Google Benchmark; tcvod with both hash backends: the **built-in** core (`BM_encode_sign`, "
               "`BM_decode_verify_query`; SHA-NI chosen at run time where the CPU has it) and **OpenSSL** "
               f"(`*_openssl`), against the same floor and naive code. Medians of {reps} "
               "repetitions (CPU time), interleaved at random; every ratio is from this one run.")
    out.append("")
    out.append("| target | measured | verdict | note |")
    out.append("|---|---|---|---|")
    for target, measured, verdict, note in targets(rows):
        out.append(f"| {target} | {measured} | {verdict} | {note} |")
    out.append("")
    out.append("| benchmark | median CPU time | allocs/op | throughput |")
    out.append("|---|---:|---:|---:|")
    for name, row in sorted(rows.items(), key=lambda item: order_key(item[0])):
        bps = row.get("bytes_per_second")
        rate = f"{bps / 1e6:.0f} MB/s" if bps else "—"
        allocs = row.get("allocs_per_op")
        out.append(f"| `{name}` | {fmt_time(row['ns'])} | {'—' if allocs is None else f'{allocs:g}'} | {rate} |")
    out.extend(crypto_table(rows, medians(args.masked)[1] if args.masked else {}))
    with open(args.markdown, "w") as f:
        f.write("\n".join(out) + "\n")

    with open(args.plot_data, "w") as f:
        f.write("# group tcvod floor naive rapidjson boost.json (median CPU ns)\n")
        for label, *names in GROUPS:
            values = [rows[n]["ns"] if n in rows else None for n in names if True]
            if values[0] is None:
                continue
            f.write(label + " " + " ".join("?" if v is None else f"{v:.1f}" for v in values) + "\n")


if __name__ == "__main__":
    main()
