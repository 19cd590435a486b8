#!/usr/bin/python3
"""Run siswell on a generated case and check its ParaView series against its
history:

  * the exit status is --status (0: finished, 2: stopped at the minimum time
    step);
  * solution.pvd lists every data set once: no file and no time twice;
  * the last data set of solution.pvd is the state of the last row of
    history.csv (same time to 1e-5 relative: deal.II writes the .pvd times
    with 6 significant digits, history.csv with 15);
  * every file the .pvd names exists.

The case is the default particle plus the --set entries (as in
check_bad_input.py).

Example:
  check_output_series.py --siswell build/siswell --workdir /tmp/t --status 2 \\
      --set "Output/Interval=1000" --set "Cycling/Stages=lithiate to 0.02, ..."
"""

import argparse
import os
import xml.etree.ElementTree as ET

import siswell_testing as st


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    st.add_run_arguments(parser)
    parser.add_argument("--set", dest="settings", action="append", default=[],
                        type=st.parse_setting, metavar="SUB/NAME=VALUE",
                        help="entry of the generated parameter file (repeat)")
    parser.add_argument("--status", type=int, default=0, help="expected exit status")
    parser.add_argument("--expect", action="append", default=[],
                        help="substring stdout must contain (repeat)")
    args = parser.parse_args()

    def check():
        work = st.fresh_directory(os.path.abspath(args.workdir))
        st.write_prm(os.path.join(work, "case.prm"), args.settings)
        status, out, err = st.run(st.command(args, ["case.prm"]), work, args.timeout)
        print("exit status: %d\nstdout (end):\n%s\nstderr:\n%s" % (status, out[-3000:], err))
        if status != args.status:
            raise st.CheckFailed("exit status %d, expected %d" % (status, args.status))
        for s in args.expect:
            if s not in out:
                raise st.CheckFailed("stdout does not contain %r" % s)
        output = os.path.join(work, "siswell-output")
        pvd = os.path.join(output, "solution.pvd")
        if not os.path.isfile(pvd):
            raise st.CheckFailed("missing %s" % pvd)
        sets = ET.parse(pvd).getroot().findall("./Collection/DataSet")
        files = [s.get("file") for s in sets]
        times = [float(s.get("timestep")) for s in sets]
        print("solution.pvd: %d data sets, times %s" % (len(sets), times))
        if len(set(files)) != len(files):
            raise st.CheckFailed("solution.pvd names a file twice: %s" % files)
        if len(set(times)) != len(times):
            raise st.CheckFailed("solution.pvd has a time twice: %s" % times)
        for f in files:
            if not os.path.isfile(os.path.join(output, f)):
                raise st.CheckFailed("solution.pvd names %s, which does not exist" % f)
        history = st.history_columns(os.path.join(output, "history.csv"))
        last_time = history["time_s"][-1]
        print("last history row: step %d, t = %.15g s" % (history["step"][-1], last_time))
        if abs(times[-1] - last_time) > 1e-5 * max(abs(last_time), 1.):
            raise st.CheckFailed("the last data set is at t = %.15g s, the last converged "
                                 "step at t = %.15g s" % (times[-1], last_time))

    st.main_wrapper(check)


if __name__ == "__main__":
    main()
