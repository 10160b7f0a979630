#!/usr/bin/env python3
"""CPU time of every thread of the benchmark's processes, every 100 ms.

Usage: bench/tools/thread-cpu.py OUT.tsv SECONDS

Writes one line per thread that used CPU in an interval: epoch_ms, pid, process (the jar's name,
"bench load" for the load generator, "redis"), tid, thread name (15 characters, as the kernel keeps
it), and the clock ticks (1/100 s) used. Start it next to bench/run.sh and line its epoch_ms up with
a scenario's --series file (bench/work/2a-series.tsv) to see who ran during a latency burst; that is
how JIT compiler threads of idle neighbours were found behind the cached-read bursts
(BENCHMARKS.md). Reads /proc only.
"""
import os
import sys
import time


def processes():
    found = {}
    for pid in os.listdir('/proc'):
        if not pid.isdigit():
            continue
        try:
            comm = open(f'/proc/{pid}/comm').read().strip()
            if comm != 'java' and not comm.startswith('redis'):
                continue
            cmd = open(f'/proc/{pid}/cmdline').read().replace('\0', ' ').strip()
        except OSError:
            continue
        if comm.startswith('redis'):
            found[pid] = 'redis'
        elif ' load ' in cmd:
            found[pid] = 'bench load'
        else:
            name = cmd.split('.jar')[0].split('/')[-1]
            found[pid] = name + (' infra' if cmd.endswith(' infra') else '')
    return found


def ticks(pid):
    threads = {}
    try:
        tids = os.listdir(f'/proc/{pid}/task')
    except OSError:
        return threads
    for tid in tids:
        try:
            stat = open(f'/proc/{pid}/task/{tid}/stat').read()
        except OSError:
            continue
        name = stat[stat.index('(') + 1:stat.rindex(')')]
        fields = stat[stat.rindex(')') + 2:].split()
        threads[tid] = (name, int(fields[11]) + int(fields[12]))  # utime + stime
    return threads


def main():
    out = open(sys.argv[1], 'w')
    end = time.time() + float(sys.argv[2])
    procs, scanned = processes(), time.time()
    previous = {pid: ticks(pid) for pid in procs}
    out.write('epoch_ms\tpid\tprocess\ttid\tthread\tticks\n')
    due = time.time()
    while time.time() < end:
        due += 0.1
        time.sleep(max(0.0, due - time.time()))
        if time.time() - scanned > 2:  # processes started since
            procs, scanned = processes(), time.time()
        now = int(time.time() * 1000)
        for pid, process in procs.items():
            current, before = ticks(pid), previous.get(pid, {})
            for tid, (name, total) in current.items():
                used = total - before.get(tid, (name, total))[1]
                if used:
                    out.write(f'{now}\t{pid}\t{process}\t{tid}\t{name}\t{used}\n')
            previous[pid] = current
    out.close()


if __name__ == '__main__':
    main()
