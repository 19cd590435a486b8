#!/usr/bin/python3
"""Runs contact_loss.prm at the operating stack pressures of the sweep.

Usage (from this folder):
    /usr/bin/python3 run_sweep.py [--siswell PATH] [--jobs N] [PRESSURE_MPa ...]

Each pressure p gets its output folder output-<p>MPa/ with its case file
case.prm (contact_loss.prm with 'release to 10e6' replaced by 'release to
<p>e6' and the output folder changed) and run.log, from one serial run of
siswell in this folder (the mesh path is relative to it); N runs at a time
(default 2).
A pressure whose output folder already has a finished history.csv (its
run.log has siswell's closing timing line and no "stopped") is skipped. Without pressures: 0.1 1 10 100.
"""
import argparse
import os
import re
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PRESSURES = ["0.1", "1", "10", "100"]


def case_text(template, p):
    text, n = re.subn(r"release to 10e6", "release to %se6" % p, template)
    if n != 1:
        sys.exit("run_sweep.py: contact_loss.prm has no 'release to 10e6' stage to change")
    text, n = re.subn(r"(set Directory *= *)output-10MPa", r"\g<1>output-%sMPa" % p, text)
    if n != 1:
        sys.exit("run_sweep.py: contact_loss.prm has no 'Directory = output-10MPa'")
    return text


def finished(p):
    log = os.path.join(HERE, "output-%sMPa" % p, "run.log")
    if not os.path.exists(log):
        return False
    with open(log) as f:
        text = f.read()
    return "timing (s, rank 0)" in text and "siswell: stopped" not in text


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--siswell", default="siswell", help="the siswell program")
    parser.add_argument("--jobs", type=int, default=2, help="runs at a time")
    parser.add_argument("pressures", nargs="*", default=PRESSURES, help="MPa")
    args = parser.parse_args()
    with open(os.path.join(HERE, "contact_loss.prm")) as f:
        template = f.read()
    todo = [p for p in args.pressures if not finished(p)]
    running = []
    failed = []
    while todo or running:
        while todo and len(running) < args.jobs:
            p = todo.pop(0)
            os.makedirs(os.path.join(HERE, "output-%sMPa" % p), exist_ok=True)
            prm = os.path.join(HERE, "output-%sMPa" % p, "case.prm")
            with open(prm, "w") as f:
                f.write(case_text(template, p))
            log = open(os.path.join(HERE, "output-%sMPa" % p, "run.log"), "w")
            print("run_sweep.py: %s MPa ..." % p, flush=True)
            # an unfinished run of this pressure is replaced (--overwrite)
            running.append((p, subprocess.Popen([args.siswell, "--overwrite", prm], cwd=HERE,
                                                stdout=log,
                                                stderr=subprocess.STDOUT), log))
        p, proc, log = running.pop(0)
        rc = proc.wait()
        log.close()
        print("run_sweep.py: %s MPa finished with exit status %d" % (p, rc), flush=True)
        if rc != 0:
            failed.append(p)
    if failed:
        sys.exit("run_sweep.py: not finished: %s MPa (see output-*/run.log)" % ", ".join(failed))


if __name__ == "__main__":
    main()
