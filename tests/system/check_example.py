#!/usr/bin/python3
"""Parse, set up and run one step of an example parameter file.

The example's own file is used as it is (so that every entry it sets is
parsed and checked), with its mesh path made absolute and, appended after it,
a load program of one step ('Cycling/Stages = rest for 1', first step 1 s)
and the output folder siswell-output. Checks:

  * exit status 0;
  * history.csv has the initial row and one step;
  * the step conserves lithium: a rest passes no charge, so the inventory of
    step 1 equals that of step 0 to 1e-10 relative (Newton tolerance of the
    lithium rate times the step, far below);
  * the example's stages parsed: the log names no error.

Example:
  check_example.py --siswell build/siswell --workdir W --prm examples/thin_film/thin_film.prm \\
      --meshes meshes
"""

import argparse
import os
import re

import siswell_testing as st


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    st.add_run_arguments(parser)
    parser.add_argument("--prm", required=True, help="the example's parameter file")
    parser.add_argument("--meshes", required=True, help="the meshes/ folder of the source tree")
    args = parser.parse_args()

    def check():
        work = st.fresh_directory(os.path.abspath(args.workdir))
        with open(args.prm) as f:
            text = f.read()
        text = re.sub(r"(set\s+Mesh file\s*=\s*)\S*meshes/", r"\g<1>" + os.path.abspath(args.meshes) + "/", text)
        st.write_prm(os.path.join(work, "case.prm"),
                     [("Cycling/Stages", "rest for 1"),
                      ("Time stepping/Initial time step", "1"),
                      ("Output/Directory", "siswell-output")], text)
        out = st.run_ok(st.command(args, ["case.prm"]), work, args.timeout)
        print(out[-1500:])
        h = st.history_columns(os.path.join(work, "siswell-output", "history.csv"))
        if len(h["step"]) != 2:
            raise st.CheckFailed("history.csv has %d rows, expected 2 (initial and one step)"
                                 % len(h["step"]))
        li0, li1 = h["lithium_mol"]
        print("lithium: %.15g mol at step 0, %.15g mol at step 1" % (li0, li1))
        if abs(li1 - li0) > 1e-10 * abs(li0):
            raise st.CheckFailed("a rest step changed the lithium inventory: %.15g -> %.15g mol"
                                 % (li0, li1))

    st.main_wrapper(check)


if __name__ == "__main__":
    main()
