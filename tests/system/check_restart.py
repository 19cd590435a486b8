#!/usr/bin/python3
"""Checkpoint and restart of a run, on any number of ranks.

The case: a plastic a-Si pillar pressed by the stack-pressure platen, then
lithiated and delithiated (plastic_pillar_under_stack_pressure.prm), with a
checkpoint after every step.

  1. The uninterrupted run on --np ranks is the reference.
  2. The same run is killed with SIGKILL (every rank) once history.csv has
     reached a step drawn from a seeded generator (the same step on every run
     of the test).  A copy of what it left is restarted with --restart on 1,
     2 and 3 ranks: each finishes (exit 0) and its history.csv equals the
     reference's to 1e-10 relative, Newton iteration counts included, where
     both ran on one rank (one rank repeats bit for bit: the restart does),
     and to 1e-8 otherwise: the direct solver's round-off depends on the
     partition, and MUMPS on several ranks does not even repeat itself bit
     for bit (two uninterrupted 2-rank runs of this case differ from step 5
     on); Newton stops at 1e-12, which turns that round-off into up to ~2e-10
     in the stack pressure, and a residual at the tolerance may take one more
     Newton iteration, so counts are not compared there (as in the rank tests).  Its solution.pvd
     names every step 0..N once, in order, each a complete file with
     complete pieces; parameters.prm records the restart.
  3. SIGTERM to every rank (as srun or a batch system delivers it) in the
     middle of the run, with no checkpoint due by step count or time: the run
     finishes its step, writes a checkpoint, says so and exits with status 75;
     the restart completes the run with the reference's history.csv.
  4. Refusals: a restart with a changed 'Geometry/Global refinements', or
     with a changed stage before the checkpoint's position, exits 1 with a
     message naming it; a restart into a folder without a checkpoint too.  A
     changed later stage is accepted.

Example:
  check_restart.py --siswell build/siswell --workdir /tmp/t --np 2 --case ...prm
"""

import argparse
import os
import random
import re
import shutil
import signal
import subprocess
import time

import siswell_testing as st
from check_output_folder import check_series
from compare_history import DEFAULT_EXACT, DEFAULT_IGNORE, compare

SETTINGS = [
    ("Checkpoint/Every steps", "1"),
    ("Output/Directory", "out"),
]


def history_rows(path):
    """Rows of history.csv so far (0 while it does not exist)."""
    try:
        with open(path) as f:
            return max(0, sum(1 for _ in f) - 1)
    except FileNotFoundError:
        return 0


def start(args, cmd, cwd):
    print("$ cd %s && %s" % (cwd, " ".join(cmd)), flush=True)
    log = open(os.path.join(cwd, "run.log"), "w")
    return subprocess.Popen(cmd, cwd=cwd, stdout=log, stderr=subprocess.STDOUT,
                            universal_newlines=True, start_new_session=True), log


def wait_for_rows(p, history, rows, timeout):
    started = time.time()
    while history_rows(history) < rows:
        if p.poll() is not None:
            raise st.CheckFailed("the run ended (status %d) before step %d" % (p.returncode, rows - 1))
        if time.time() - started > timeout:
            raise st.CheckFailed("the run did not reach step %d within %g s" % (rows - 1, timeout))
        time.sleep(0.01)


def same_history(reference, other, rtol, what, same_ranks=True):
    # across partitions a Newton residual at the tolerance may take one more
    # iteration (see the rank-independence test of this case): counts are
    # compared on the same rank count only
    ignore = DEFAULT_IGNORE + ([] if same_ranks else ["newton_iterations"])
    exact = [c for c in DEFAULT_EXACT if c not in ignore]
    # on another partition: isclose with atol 1e-8 x the column's largest value,
    # for quantities that only round-off sets (a gap of 1e-16 m at closed contact)
    problems, report, _ = compare(reference, other, rtol, 1e-12 if same_ranks else 1e-8,
                                  ignore, exact, floor_everywhere=not same_ranks)
    if problems:
        raise st.CheckFailed("%s: history.csv differs from the uninterrupted run's (rtol %g):\n%s\n%s"
                             % (what, rtol, "\n".join(problems[:5]), "\n".join(report)))


def check_full_series(out, n_steps, what):
    """solution.pvd names each step 0..n_steps once, in order, all complete."""
    import xml.etree.ElementTree as ET
    check_series(out)
    files = [d.get("file") for d in ET.parse(os.path.join(out, "solution.pvd")).getroot()
             .findall(".//DataSet")]
    expected = ["solution_%05d.pvtu" % i for i in range(n_steps + 1)]
    if files != expected:
        raise st.CheckFailed("%s: solution.pvd names %s, expected steps 0..%d once each"
                             % (what, files, n_steps))
    interface = os.path.join(out, "interface.pvd")
    if os.path.exists(interface):  # a contact case: the interface series too
        files = [d.get("file") for d in ET.parse(interface).getroot().findall(".//DataSet")]
        expected = ["interface_%05d.pvtu" % i for i in range(n_steps + 1)]
        if files != expected:
            raise st.CheckFailed("%s: interface.pvd names %s, expected steps 0..%d once each"
                                 % (what, files, n_steps))
        for f in files:
            if not os.path.exists(os.path.join(out, f)):
                raise st.CheckFailed("%s: interface.pvd names %s, which does not exist" % (what, f))


def expect_refused(args, cwd, cmd, needles):
    status, _, err = st.run(cmd, cwd, args.timeout)
    if status != 1:
        raise st.CheckFailed("exit status %d, expected 1\nstderr:\n%s" % (status, err))
    for n in needles:
        if n not in err:
            raise st.CheckFailed("the message does not contain %r:\n%s" % (n, err))
    print("   refused: %s" % err.strip().splitlines()[-1][:160])


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    st.add_run_arguments(parser)
    parser.add_argument("--case", required=True, help="the parameter file of the case")
    parser.add_argument("--set", action="append", default=[], type=st.parse_setting,
                        help="'Subsection/Name=value' added to the case (repeat)")
    parser.add_argument("--restart-ranks", default="1,2,3",
                        help="rank counts of the restarts (comma separated)")
    args = parser.parse_args()
    if not args.siswell or not args.workdir:
        parser.error("--siswell and --workdir are required")
    with open(args.case) as f:
        base = f.read()

    def check():
        work = st.fresh_directory(os.path.abspath(args.workdir))

        def case_dir(name, settings=SETTINGS):
            d = st.fresh_directory(os.path.join(work, name))
            st.write_prm(os.path.join(d, "case.prm"), args.set + settings, base)
            return d

        # 1. the reference
        ref = case_dir("reference")
        st.run_ok(st.command(args, ["case.prm"]), ref, args.timeout)
        ref_history = os.path.join(ref, "out", "history.csv")
        n_steps = history_rows(ref_history) - 1
        print("1. uninterrupted run on %d rank(s): %d steps" % (args.np, n_steps))

        # 2. SIGKILL at a step, restart on 1, 2, 3 ranks
        kill_step = random.Random(20261209).randint(2, n_steps - 2)
        killed = case_dir("killed")
        p, log = start(args, st.command(args, ["case.prm"]), killed)
        wait_for_rows(p, os.path.join(killed, "out", "history.csv"), kill_step + 1, args.timeout)
        st.kill_session(p, signal.SIGKILL)  # mpiexec and every rank
        log.close()
        left = history_rows(os.path.join(killed, "out", "history.csv")) - 1
        print("2. killed at step %d (history.csv had reached step %d)" % (kill_step, left))
        for ranks in [int(r) for r in args.restart_ranks.split(",")]:
            d = os.path.join(work, "restart_%d" % ranks)
            if os.path.exists(d):
                shutil.rmtree(d)
            shutil.copytree(killed, d)
            out = st.run_ok(st.command(args, ["case.prm", "--restart"], np=ranks), d, args.timeout)
            if "restarted from" not in out:
                raise st.CheckFailed("the restart does not say where it restarted from:\n%s"
                                     % out[-2000:])
            restarted_at = [l for l in out.splitlines() if "restarted from" in l][0]
            # one rank repeats bit for bit; MUMPS on several does not (two
            # uninterrupted 2-rank runs differ from the first steps on at
            # round-off, which Newton's tolerance turns into ~1e-10 in the
            # reaction pressure): there the tolerance of another rank count
            repeatable = ranks == args.np == 1
            rtol = 1e-10 if repeatable else 1e-8
            same_history(ref_history, os.path.join(d, "out", "history.csv"), rtol,
                         "restart on %d rank(s)" % ranks, repeatable)
            check_full_series(os.path.join(d, "out"), n_steps, "restart on %d rank(s)" % ranks)
            with open(os.path.join(d, "out", "parameters.prm")) as f:
                if "# siswell: restarted from" not in f.read():
                    raise st.CheckFailed("parameters.prm does not record the restart")
            print("   restart on %d rank(s): %s; history.csv equals the reference to %g, "
                  "solution.pvd names steps 0..%d" % (ranks, restarted_at.strip(), rtol, n_steps))

        # 3. SIGTERM: checkpoint after the current step, exit 75, restart completes
        term = case_dir("sigterm", [("Checkpoint/Every steps", "0"),
                                    ("Checkpoint/Every seconds", "0"),
                                    ("Checkpoint/At stage end", "false"),
                                    ("Output/Directory", "out")])
        p, log = start(args, st.command(args, ["case.prm"]), term)
        wait_for_rows(p, os.path.join(term, "out", "history.csv"), kill_step + 1, args.timeout)
        ranks = st.session_pids(p.pid, args.siswell)
        if len(ranks) != args.np:
            raise st.CheckFailed("found %d rank processes, expected %d" % (len(ranks), args.np))
        for pid in ranks:
            os.kill(pid, signal.SIGTERM)
        try:
            status = p.wait(timeout=args.timeout)
        except subprocess.TimeoutExpired:
            st.kill_session(p, signal.SIGKILL)
            raise st.CheckFailed("the run did not stop within %g s of SIGTERM" % args.timeout)
        log.close()
        with open(os.path.join(term, "run.log")) as f:
            text = f.read()
        if status != 75 or "stopped by SIGTERM" not in text:
            raise st.CheckFailed("after SIGTERM: exit status %d (expected 75), log:\n%s"
                                 % (status, text[-2000:]))
        stopped_at = [l for l in text.splitlines() if "stopped by SIGTERM" in l][0]
        checkpoints = [f for f in os.listdir(os.path.join(term, "out")) if f.startswith("checkpoint_")]
        if len(checkpoints) != 1:
            raise st.CheckFailed("after SIGTERM the folder holds %s" % checkpoints)
        st.run_ok(st.command(args, ["case.prm", "--restart"]), term, args.timeout)
        same_history(ref_history, os.path.join(term, "out", "history.csv"),
                     1e-10 if args.np == 1 else 1e-8, "restart after SIGTERM", args.np == 1)
        check_full_series(os.path.join(term, "out"), n_steps, "restart after SIGTERM")
        print("3. SIGTERM: %s; exit 75, %s; the restart completes the reference's history"
              % (stopped_at.strip()[:120], checkpoints[0]))

        # 4. refusals, and a later stage that may change
        d = os.path.join(work, "restart_%d" % args.np)
        with open(os.path.join(d, "case.prm"), "a") as f:
            f.write("subsection Geometry\n  set Global refinements = 2\nend\n")
        expect_refused(args, d, st.command(args, ["case.prm", "--restart"]),
                       ["restart refused", "'Geometry/Global refinements'"])
        stages = [l for l in base.splitlines() if "set Stages" in l]
        if stages:
            first = [x.strip() for x in stages[0].split("=", 1)[1].split(",")]
            e = case_dir("changed_stage")
            shutil.rmtree(e)
            shutil.copytree(killed, e)
            out = os.path.join(e, "out")
            newest = sorted(f for f in os.listdir(out) if re.fullmatch(r"checkpoint_[0-9]+", f))[-1]
            with open(os.path.join(out, newest, "state.txt")) as f:
                state = dict(l.split(" = ", 1) for l in f.read().splitlines())
            position = int(state["stage"]) + int(state["stage begun"])  # stages it has run
            def scaled(stage, factor):  # its last number times factor
                words = stage.split()
                return " ".join(words[:-1] + ["%.6g" % (float(words[-1]) * factor)])
            changed = [scaled(first[0], 1.1)] + first[1:]
            st.write_prm(os.path.join(e, "case.prm"),
                         args.set + SETTINGS + [("Cycling/Stages", ", ".join(changed))], base)
            expect_refused(args, e, st.command(args, ["case.prm", "--restart"]),
                           ["restart refused", "stage 1 of the load program"])
            if position < len(first):
                later = first[:-1] + [scaled(first[-1], 1.2)]
                st.write_prm(os.path.join(e, "case.prm"),
                             args.set + SETTINGS + [("Cycling/Stages", ", ".join(later))], base)
                st.run_ok(st.command(args, ["case.prm", "--restart"]), e, args.timeout)
                print("   a changed later stage ('%s' -> '%s') is accepted"
                      % (first[-1], later[-1]))
        empty = case_dir("no_checkpoint")
        expect_refused(args, empty, st.command(args, ["case.prm", "--restart"]),
                       ["holds no complete checkpoint", "'Output/Directory' = 'out'"])
        print("4. refusals name the parameter; a later stage may change")

    st.main_wrapper(check)


if __name__ == "__main__":
    main()
