"""Shared pieces of the siswell system tests (run with /usr/bin/python3).

The check scripts in this folder either run siswell themselves (when given
--siswell) or check an existing output folder.  Running siswell always happens
in a fresh working directory that belongs to one test only, so tests never
share output folders.
"""

import argparse
import csv
import os
import shutil
import subprocess
import sys


class CheckFailed(Exception):
    """A check of the test failed; the message says what and by how much."""


def add_run_arguments(parser):
    """Options that describe how to start siswell (all given by CMake)."""
    g = parser.add_argument_group("running siswell")
    g.add_argument("--siswell", help="the siswell program; without it, only check existing output")
    g.add_argument("--workdir", help="working directory of the run, emptied first")
    g.add_argument("--np", type=int, default=1, help="MPI ranks; 1 runs siswell without mpiexec")
    g.add_argument("--mpiexec", default="mpiexec", help="MPI launcher (MPIEXEC_EXECUTABLE)")
    g.add_argument("--mpiexec-numproc-flag", default="-np", help="MPIEXEC_NUMPROC_FLAG")
    g.add_argument("--mpiexec-flag", action="append", default=[],
                   help="extra launcher flag placed before the program (repeat)")
    g.add_argument("--timeout", type=float, default=120., help="seconds before a run is killed")


def fresh_directory(path):
    """Remove path if it exists and create it empty."""
    if os.path.lexists(path):
        shutil.rmtree(path)
    os.makedirs(path)
    return path


def command(args, program_arguments, np=None):
    """The command line that runs siswell with np ranks (default args.np)."""
    np = args.np if np is None else np
    cmd = [args.siswell] + list(program_arguments)
    if np > 1:
        cmd = [args.mpiexec, args.mpiexec_numproc_flag, str(np)] + args.mpiexec_flag + cmd
    return cmd


def run(cmd, cwd, timeout):
    """Run cmd in cwd; return (exit status, stdout, stderr).  The output of the
    run is also stored in cwd/run.log so that a failure can be looked into."""
    print("$ cd %s && %s" % (cwd, " ".join(cmd)), flush=True)
    try:
        p = subprocess.run(cmd, cwd=cwd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           universal_newlines=True, timeout=timeout)
        status, out, err = p.returncode, p.stdout, p.stderr
    except subprocess.TimeoutExpired as e:
        out = e.stdout.decode() if isinstance(e.stdout, bytes) else (e.stdout or "")
        err = e.stderr.decode() if isinstance(e.stderr, bytes) else (e.stderr or "")
        raise CheckFailed("siswell did not finish within %g s\nstdout:\n%s\nstderr:\n%s"
                          % (timeout, out[-3000:], err[-3000:]))
    return status, out, err


def run_ok(cmd, cwd, timeout):
    """Run cmd and insist on exit status 0; return stdout."""
    status, out, err = run(cmd, cwd, timeout)
    with open(os.path.join(cwd, "run.log"), "w") as f:
        f.write(out + "\n--- stderr ---\n" + err)
    if status != 0:
        raise CheckFailed("siswell exited with status %d (expected 0)\nstdout (end):\n%s\n"
                          "stderr:\n%s" % (status, out[-3000:], err[-3000:]))
    return out


def write_prm(path, settings, base_text=""):
    """Write a parameter file: base_text, then settings, a list of
    ("Subsection/.../Name", value) pairs, grouped into nested subsections in
    order of first appearance; a later value of the same entry replaces an
    earlier one.  (After base_text a subsection may be entered again: deal.II
    lets the later 'set' win.)"""
    tree = {}  # name -> value (str) or subtree (dict); dicts keep insertion order
    for key, value in settings:
        *subsections, name = key.split("/")
        node = tree
        for sub in subsections:
            node = node.setdefault(sub, {})
        node[name] = value

    def emit(node, depth, lines):
        for name, item in node.items():
            if isinstance(item, dict):
                lines.append("  " * depth + "subsection " + name)
                emit(item, depth + 1, lines)
                lines.append("  " * depth + "end")
            else:
                lines.append("  " * depth + "set " + name + " = " + item)

    lines = [base_text.rstrip("\n")] if base_text else []
    emit(tree, 0, lines)
    with open(path, "w") as f:
        f.write("\n".join(lines) + "\n")


def parse_setting(text):
    """'Subsection/Name=value' -> ("Subsection/Name", "value")."""
    if "=" not in text:
        raise argparse.ArgumentTypeError("expected 'Subsection/Name=value', got '%s'" % text)
    key, value = text.split("=", 1)
    return key.strip(), value.strip()


def read_history(path):
    """history.csv as (header, rows): rows are lists of strings."""
    if not os.path.isfile(path):
        raise CheckFailed("missing %s" % path)
    with open(path, newline="") as f:
        table = list(csv.reader(f))
    if len(table) < 2:
        raise CheckFailed("%s has no data rows" % path)
    header, rows = table[0], table[1:]
    for i, r in enumerate(rows):
        if len(r) != len(header):
            raise CheckFailed("%s: row %d has %d fields, header has %d"
                              % (path, i + 1, len(r), len(header)))
    return header, rows


def history_columns(path):
    """history.csv as a dict column name -> list of values (float where the
    whole column parses as numbers, str otherwise)."""
    header, rows = read_history(path)
    columns = {}
    for j, name in enumerate(header):
        values = [r[j] for r in rows]
        try:
            columns[name] = [float(v) for v in values]
        except ValueError:
            columns[name] = values
    return columns


def session_pids(session, program=None):
    """The processes of the session @session (a Popen with start_new_session:
    its pid), or only those running @program.  Open MPI's mpiexec puts every
    rank into a process group of its own, so a kill of mpiexec's group would
    leave the ranks running: the session holds them all."""
    pids = []
    name = os.path.basename(program)[:15] if program else None
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open("/proc/%s/stat" % entry) as f:
                stat = f.read()
        except OSError:
            continue
        comm = stat[stat.find("(") + 1:stat.rfind(")")]
        fields = stat[stat.rfind(")") + 2:].split()  # state, ppid, pgrp, session, ...
        if int(fields[3]) == session and (name is None or comm == name):
            pids.append(int(entry))
    return pids


def kill_session(p, sig):
    """Send @sig to every process of the session of Popen @p (started with
    start_new_session), the MPI ranks included, and, for SIGKILL, wait until
    they are all gone."""
    import signal
    import time
    for pid in session_pids(p.pid):
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            pass
    if sig == signal.SIGKILL:
        p.wait()
        for _ in range(200):
            if not session_pids(p.pid):
                return
            time.sleep(0.05)
        raise CheckFailed("processes of the killed run are still alive: %s" % session_pids(p.pid))


def main_wrapper(check):
    """Run check(); exit 1 with a clear message on CheckFailed."""
    try:
        check()
    except CheckFailed as e:
        print("FAILED: %s" % e, file=sys.stderr, flush=True)
        sys.exit(1)
    print("PASSED", flush=True)
