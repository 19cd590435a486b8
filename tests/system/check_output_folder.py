#!/usr/bin/python3
"""The output folder of a run: never mixed with an earlier run, locked while a
run writes into it, and complete after any kill.

  1. A short run writes its folder; the same run again is refused (exit 1, a
     message that names 'Output/Directory' and --overwrite) and leaves the
     earlier files untouched.
  2. With --overwrite it runs (exit 0): the earlier run's files are gone
     (a stale solution_00099.0.vtu of "an earlier run" is removed), a file
     that siswell does not write (notes.txt) is kept, history.csv has only the
     new run's rows.
  3. While another process holds the folder's lock (.siswell.lock, flock), a
     run into it stops with exit 1 and "another siswell run is writing".
  4. A longer run is killed with SIGKILL (every process of its session:
     mpiexec and every rank) at KILLS different moments after its first step: afterwards every file that solution.pvd
     names exists and is complete XML, every piece its .pvtu names exists and
     is complete XML, history.csv ends with a newline and every row has as
     many fields as the header.  (The kill moments are drawn from a seeded
     generator: the same moments on every run of the test.)

Example:
  check_output_folder.py --siswell build/siswell --workdir /tmp/t --np 2
"""

import argparse
import os
import random
import signal
import subprocess
import time
import xml.etree.ElementTree as ET

import siswell_testing as st

SHORT = [
    ("Geometry/Global refinements", "1"),
    ("Cycling/Stages", "lithiate to 0.05"),
    ("Output/Directory", "out"),
]
# many small steps, every one written: a kill lands while files are written
LONG = [
    ("Geometry/Global refinements", "3"),
    ("Cycling/Stages", "lithiate to 0.9"),
    ("Time stepping/Initial time step", "1"),
    ("Time stepping/Maximum time step", "2"),
    ("Output/Directory", "out"),
]
KILLS = 3
LOCK_REFUSAL = "another siswell run is writing"


def expect_refused(status, err, needles):
    if status != 1:
        raise st.CheckFailed("exit status %d, expected 1\nstderr:\n%s" % (status, err))
    for n in needles:
        if n not in err:
            raise st.CheckFailed("the message does not contain %r:\n%s" % (n, err))


def parse_xml(path, what):
    if not os.path.isfile(path):
        raise st.CheckFailed("%s names %s, which does not exist" % (what, path))
    try:
        return ET.parse(path).getroot()
    except ET.ParseError as e:
        raise st.CheckFailed("%s names %s, which is not complete XML (%s)" % (what, path, e))


def check_series(folder):
    """Every file of the ParaView series complete; history.csv without torn rows.
    Returns the number of steps in the series."""
    pvd = os.path.join(folder, "solution.pvd")
    root = parse_xml(pvd, "the run")
    steps = root.findall(".//DataSet")
    for d in steps:
        pvtu = os.path.join(folder, d.get("file"))
        record = parse_xml(pvtu, "solution.pvd")
        pieces = record.findall(".//Piece")
        if not pieces:
            raise st.CheckFailed("%s names no pieces" % pvtu)
        for p in pieces:
            parse_xml(os.path.join(folder, p.get("Source")), os.path.basename(pvtu))
    history = os.path.join(folder, "history.csv")
    with open(history, "rb") as f:
        text = f.read()
    if text and not text.endswith(b"\n"):
        raise st.CheckFailed("history.csv ends in a torn row: %r" % text[-200:])
    st.read_history(history)  # every row as many fields as the header
    return len(steps)


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    st.add_run_arguments(parser)
    args = parser.parse_args()
    if not args.siswell or not args.workdir:
        parser.error("--siswell and --workdir are required")

    def check():
        work = st.fresh_directory(os.path.abspath(args.workdir))
        out = os.path.join(work, "out")
        st.write_prm(os.path.join(work, "short.prm"), SHORT)
        st.write_prm(os.path.join(work, "long.prm"), LONG)

        # 1. a second run into a used folder is refused, the first run's files stay
        st.run_ok(st.command(args, ["short.prm"]), work, args.timeout)
        before = {f: os.path.getmtime(os.path.join(out, f)) for f in os.listdir(out)}
        status, _, err = st.run(st.command(args, ["short.prm"]), work, args.timeout)
        expect_refused(status, err, ["'Output/Directory' = 'out'", "earlier run", "--overwrite"])
        after = {f: os.path.getmtime(os.path.join(out, f)) for f in os.listdir(out)}
        if before != after:
            raise st.CheckFailed("the refused run changed the folder: %s -> %s" % (before, after))
        print("1. second run refused, earlier files untouched (%d files)" % len(before))

        # 2. --overwrite removes what siswell wrote, and only that
        with open(os.path.join(out, "solution_00099.0.vtu"), "w") as f:
            f.write("stale piece of an earlier run")
        with open(os.path.join(out, "notes.txt"), "w") as f:
            f.write("the user's own notes")
        st.run_ok(st.command(args, ["--overwrite", "short.prm"]), work, args.timeout)
        if os.path.exists(os.path.join(out, "solution_00099.0.vtu")):
            raise st.CheckFailed("--overwrite left solution_00099.0.vtu of the earlier run")
        if not os.path.exists(os.path.join(out, "notes.txt")):
            raise st.CheckFailed("--overwrite removed notes.txt, which siswell did not write")
        steps = [r[0] for r in st.read_history(os.path.join(out, "history.csv"))[1]]
        if steps != [str(i) for i in range(len(steps))]:
            raise st.CheckFailed("history.csv after --overwrite has steps %s" % steps)
        check_series(out)
        print("2. --overwrite: stale files removed, notes.txt kept, %d history rows" % len(steps))

        # 3. the lock
        import fcntl
        with open(os.path.join(out, ".siswell.lock"), "a+") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            status, _, err = st.run(st.command(args, ["--overwrite", "short.prm"]), work,
                                    args.timeout)
        expect_refused(status, err, [LOCK_REFUSAL, "'Output/Directory' = 'out'"])
        print("3. a held lock stops the run")

        # 4. SIGKILL at random moments: the series and history.csv stay complete
        rng = random.Random(20261203)
        for k in range(KILLS):
            delay = rng.uniform(0.0, 1.5)
            cmd = st.command(args, ["--overwrite", "long.prm"])
            print("$ cd %s && %s   (killed %.2f s after its first step)"
                  % (work, " ".join(cmd), delay), flush=True)
            first = os.path.join(out, "solution_00001.pvtu")
            if os.path.exists(first):  # the killed run's, before --overwrite removes it
                os.remove(first)
            p = subprocess.Popen(cmd, cwd=work, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL, start_new_session=True)
            # the time loop has begun (MPI start-up takes a varying time)
            started = time.time()
            while not os.path.exists(first):
                if p.poll() is not None or time.time() - started > args.timeout:
                    raise st.CheckFailed("the long run wrote no step 1 (status %s)" % p.poll())
                time.sleep(0.02)
            time.sleep(delay)
            if p.poll() is not None:
                raise st.CheckFailed("the long run ended (status %d) before the kill at %.2f s"
                                     % (p.returncode, delay))
            # mpiexec and every rank (each rank has a process group of its own),
            # all gone before the next run takes the lock
            st.kill_session(p, signal.SIGKILL)
            n = check_series(out)
            if n < 1:
                raise st.CheckFailed("no step in the series after the kill")
            print("4.%d killed %.2f s after step 1: %d complete steps in the series, "
                  "history.csv whole" % (k + 1, delay, n))

    st.main_wrapper(check)


if __name__ == "__main__":
    main()
