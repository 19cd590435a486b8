#!/usr/bin/python3
"""Run siswell on one bad input in an empty directory and check that it is
rejected cleanly:

  * exit status 1,
  * stderr starts with "siswell: error" and contains every --expect substring
    (the parameter or file at fault),
  * no uncaught-exception noise on stderr ("terminate called", "Stacktrace",
    deal.II's "An error occurred in line"),
  * nothing written: the output directory is not created and the working
    directory holds nothing but the parameter file.

The parameter file is generated from a small baseline case (so that if siswell
wrongly accepts the input, the run it starts is short) followed by the --set
entries of the case.  With --prm-file NAME siswell is given NAME instead and no
file is generated (for the 'unreadable parameter file' case).

Example:
  check_bad_input.py --siswell build/siswell --workdir /tmp/t \\
      --set "Geometry/Particle radiu=1e-6" --expect "Particle radiu"
"""

import argparse
import os

import siswell_testing as st

# Settings of every generated file before the case's own: a tiny, quick run.
BASELINE = [
    ("Geometry/Global refinements", "1"),
    ("Cycling/Stages", "lithiate to 0.02"),
    ("Time stepping/Initial time step", "10"),
    ("Time stepping/Maximum time step", "20"),
]

OUTPUT_DIRECTORY = "siswell-output"  # default of Output/Directory
FORBIDDEN = ["terminate called", "Stacktrace", "An error occurred in line"]


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    st.add_run_arguments(parser)
    parser.add_argument("--set", dest="settings", action="append", default=[],
                        type=st.parse_setting, metavar="SUB/NAME=VALUE",
                        help="entry of the generated parameter file (repeat)")
    parser.add_argument("--prm-file",
                        help="pass this path to siswell instead of a generated file")
    parser.add_argument("--expect", action="append", default=[],
                        help="substring stderr must contain (repeat: all must appear)")
    args = parser.parse_args()
    if not args.siswell or not args.workdir:
        parser.error("--siswell and --workdir are required")

    def check():
        work = st.fresh_directory(os.path.abspath(args.workdir))
        if args.prm_file:
            prm = args.prm_file
            expected_files = set()
        else:
            prm = "case.prm"
            st.write_prm(os.path.join(work, prm), BASELINE + args.settings)
            expected_files = {prm}
            with open(os.path.join(work, prm)) as f:
                print("--- %s ---\n%s---" % (prm, f.read()))

        status, out, err = st.run(st.command(args, [prm]), work, args.timeout)
        print("exit status: %d\nstderr:\n%s" % (status, err))
        if out.strip():
            print("stdout (end):\n%s" % out[-2000:])

        problems = []
        if status != 1:
            problems.append("exit status %d, expected 1 (bad input)" % status)
        if not err.startswith("siswell: error"):
            problems.append("stderr does not start with 'siswell: error'")
        for s in args.expect:
            if s not in err:
                problems.append("stderr does not contain %r" % s)
        for s in FORBIDDEN:
            if s in err or s in out:
                problems.append("output contains %r (uncaught exception or deal.II assertion)" % s)
        if err.count("siswell: error") > 1:
            problems.append("more than one error message on stderr (one per rank?)")
        if os.path.exists(os.path.join(work, OUTPUT_DIRECTORY)):
            problems.append("the output directory '%s' was created" % OUTPUT_DIRECTORY)
        extra = sorted(set(os.listdir(work)) - expected_files)
        if extra:
            problems.append("files were written into the working directory: %s" % ", ".join(extra))
        if problems:
            raise st.CheckFailed("bad input not rejected cleanly:\n  - " + "\n  - ".join(problems))

    st.main_wrapper(check)


if __name__ == "__main__":
    main()
