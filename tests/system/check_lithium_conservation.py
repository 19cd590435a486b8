#!/usr/bin/python3
"""Check the lithium balance and the swelling of a lithiation run from its
history.csv (by default the built-in default case: 'lithiate to 0.5').

  * every row: |lithium_mol - lithium_expected_mol| <= --rtol x lithium_mol
    (1e-10: the lithium in the particle is what the galvanostatic current
    brought in, up to the Newton tolerance);
  * last row: |state_of_charge - --soc| <= --soc-tol (0.5 and 1e-9: the stage
    ends exactly at its target);
  * volume_change is 0 in the initial row, positive afterwards and strictly
    increasing from row to row (lithiation only swells).

Two ways to use it:

  check_lithium_conservation.py OUTPUT_DIR
  check_lithium_conservation.py --siswell build/siswell --workdir W [--prm case.prm]

Without --prm siswell runs its default case (no argument).
"""

import argparse
import os

import siswell_testing as st


def check_history(path, rtol, soc, soc_tol):
    h = st.history_columns(path)
    li, expected, vol = h["lithium_mol"], h["lithium_expected_mol"], h["volume_change"]
    problems = []

    worst, worst_row = 0., 0
    for i, (a, b) in enumerate(zip(li, expected)):
        if not a > 0.:
            problems.append("row %d: lithium_mol = %r is not positive" % (i, a))
            continue
        e = abs(a - b) / a
        if e > worst:
            worst, worst_row = e, i
        if e > rtol:
            problems.append("row %d: lithium_mol = %.15g, lithium_expected_mol = %.15g "
                            "(|difference| / lithium_mol = %.3e > %.0e)" % (i, a, b, e, rtol))
    print("%d rows; largest |lithium_mol - lithium_expected_mol| / lithium_mol = %.3e (row %d)"
          % (len(li), worst, worst_row))

    last = h["state_of_charge"][-1]
    print("last row: step %d, state_of_charge = %.15g (target %g), volume_change = %.6g"
          % (h["step"][-1], last, soc, vol[-1]))
    if abs(last - soc) > soc_tol:
        problems.append("state_of_charge of the last row is %.15g, expected %g to %.0e"
                        % (last, soc, soc_tol))

    if len(vol) < 2:
        problems.append("no time step was taken")
    if vol[0] != 0.:
        problems.append("volume_change of the initial row is %r, expected 0" % vol[0])
    for i in range(1, len(vol)):
        if not vol[i] > 0.:
            problems.append("row %d: volume_change = %r is not positive" % (i, vol[i]))
        if i > 1 and not vol[i] > vol[i - 1]:
            problems.append("row %d: volume_change = %r does not grow (row %d: %r)"
                            % (i, vol[i], i - 1, vol[i - 1]))
    if problems:
        raise st.CheckFailed("\n  ".join(["%s:" % path] + problems))


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    st.add_run_arguments(parser)
    parser.add_argument("--prm", help="parameter file (default: siswell's default case)")
    parser.add_argument("--rtol", type=float, default=1e-10)
    parser.add_argument("--soc", type=float, default=0.5, help="state of charge of the last row")
    parser.add_argument("--soc-tol", type=float, default=1e-9)
    parser.add_argument("directory", nargs="?", help="output folder to check (without --siswell)")
    args = parser.parse_args()
    if args.siswell and not args.workdir:
        parser.error("with --siswell give --workdir")
    if not args.siswell and not args.directory:
        parser.error("give an output folder or --siswell")

    def check():
        if args.siswell:
            work = st.fresh_directory(os.path.abspath(args.workdir))
            prm = [os.path.abspath(args.prm)] if args.prm else []
            st.run_ok(st.command(args, prm), work, args.timeout)
            directory = os.path.join(work, "siswell-output")
        else:
            directory = args.directory
        check_history(os.path.join(directory, "history.csv"), args.rtol, args.soc, args.soc_tol)

    st.main_wrapper(check)


if __name__ == "__main__":
    main()
