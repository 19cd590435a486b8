#!/usr/bin/python3
"""Compare history.csv files column by column against the first one.

  * numeric columns: relative difference |a - b| / max(|a|, |b|) <= --rtol
    (1e-8); where either value is exactly zero (e.g. the stresses of the
    stress-free initial row) the absolute floor |a - b| <= --floor x (largest
    magnitude in the column) applies instead;
  * integer columns (--exact: step, newton_iterations) and text columns
    (stage) must match exactly, and so must the header and the number of rows;
  * --ignore columns (newton_residual: round-off level; linear_iterations:
    solver dependent) are not compared.

Prints the largest difference per column for every file and fails if any
exceeds its tolerance.

Two ways to use it:

  compare_history.py ref/history.csv other/history.csv ...

  compare_history.py --siswell build/siswell --workdir W --prm case.prm \\
      --variant petsc_1:1:PETSc --variant petsc_2:2:PETSc ...

  compare_history.py --siswell ... --reference stored/history.csv --variant v:1:PETSc

The second runs siswell once per variant NAME:RANKS:BACKEND[:METHOD] (in W/NAME, with
'Linear solver/Backend' and 'Method' (default direct) appended to case.prm, and for the
iterative method 'Newton/Linear tolerance = fixed'), checks that each run really used
that many ranks and that backend, then compares the histories.
"""

import argparse
import os
import re

import siswell_testing as st

DEFAULT_IGNORE = ["newton_residual", "linear_iterations"]
DEFAULT_EXACT = ["step", "newton_iterations"]


def compare(reference, other, rtol, floor, ignore, exact, floor_everywhere=False):
    """Compare two history.csv files; return (problems, report lines, largest
    difference per numeric column).  With floor_everywhere, a difference
    within floor x (the column's largest magnitude) passes in every row, as
    numpy's isclose with that atol: for values far below their column's
    scale that only round-off sets (a gap of 1e-16 m where the sides touch,
    a volume change of 1e-12)."""
    ref_header, ref_rows = st.read_history(reference)
    oth_header, oth_rows = st.read_history(other)
    if ref_header != oth_header:
        return ["header differs:\n    %s\n    %s" % (ref_header, oth_header)], [], {}
    if len(ref_rows) != len(oth_rows):
        return ["%d rows in %s but %d in %s (different number of steps)"
                % (len(ref_rows), reference, len(oth_rows), other)], [], {}
    a_cols, b_cols = st.history_columns(reference), st.history_columns(other)

    problems, report, largest = [], [], {}
    report.append("  %-22s %-12s %12s %6s  %s" % ("column", "kind", "largest diff", "row", "tolerance"))
    for name in ref_header:
        a, b = a_cols[name], b_cols[name]
        if name in ignore:
            report.append("  %-22s %-12s %12s %6s  %s" % (name, "ignored", "-", "-", "-"))
            continue
        numeric = all(isinstance(v, float) for v in a) and all(isinstance(v, float) for v in b)
        if name in exact or not numeric:
            mism = [i for i, (x, y) in enumerate(zip(a, b)) if x != y]
            report.append("  %-22s %-12s %12s %6s  %s" % (name, "exact", "mismatch" if mism else "equal",
                                                          mism[0] if mism else "-", "identical"))
            if mism:
                problems.append("column %s differs in %d row(s), first at row %d: %r vs %r"
                                % (name, len(mism), mism[0], a[mism[0]], b[mism[0]]))
            continue
        scale = max(max(abs(x) for x in a), max(abs(y) for y in b))
        worst, worst_row, worst_kind = 0., "-", "identical"
        for i, (x, y) in enumerate(zip(a, b)):
            d = abs(x - y)
            if x == 0. or y == 0.:
                # relative difference undefined: compare to the column's scale
                e, ok, kind = (d / scale if scale > 0. else 0.), d <= floor * scale, "abs/scale"
            else:
                e = d / max(abs(x), abs(y))
                ok, kind = e <= rtol, "rel"
                if not ok and floor_everywhere and d <= floor * scale:
                    e, ok, kind = d / scale, True, "abs/scale"
            if not ok:
                problems.append("column %s row %d: %r vs %r (%s difference %.3e, tolerance %.1e)"
                                % (name, i, x, y, kind, e, floor if kind != "rel" else rtol))
            if e > worst:
                worst, worst_row, worst_kind = e, i, kind
        largest[name] = worst
        report.append("  %-22s %-12s %12.3e %6s  %s" % (name, worst_kind, worst, worst_row,
                                                        "rel %.0e, floor %.0e x %.3e" % (rtol, floor, scale)))
    return problems, report, largest


def run_variants(args):
    """Run every --variant; return the history.csv paths in order."""
    with open(args.prm) as f:
        base = f.read()
    work = st.fresh_directory(os.path.abspath(args.workdir))
    files = []
    for v in args.variant:
        try:
            parts = v.split(":")
            name, ranks, backend = parts[:3]
            method = parts[3] if len(parts) > 3 else "direct"
            ranks = int(ranks)
            if len(parts) > 4:
                raise ValueError
        except ValueError:
            raise st.CheckFailed("--variant wants NAME:RANKS:BACKEND[:METHOD], got %r" % v)
        d = st.fresh_directory(os.path.join(work, name))
        entries = [("Linear solver/Backend", backend), ("Linear solver/Method", method)]
        if method == "iterative":
            # every direction solved to the linear tolerance, so that the Newton
            # path (and its iteration counts) is the direct solver's: what is
            # compared is the linear solver, not inexact Newton
            entries.append(("Newton/Linear tolerance", "fixed"))
        st.write_prm(os.path.join(d, "case.prm"), entries, base)
        out = st.run_ok(st.command(args, ["case.prm"], np=ranks), d, args.timeout)
        # guard against a variant silently running something else
        m = re.search(r"(\d+) MPI rank\(s\), (\S+) (\S+) solver", out)
        if not m or int(m.group(1)) != ranks or m.group(2) != backend or m.group(3) != method:
            raise st.CheckFailed("variant %s: expected %d rank(s) with %s, the log says: %s"
                                 % (name, ranks, backend, m.group(0) if m else "(no summary line)"))
        files.append(os.path.join(d, "siswell-output", "history.csv"))
    return files


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    st.add_run_arguments(parser)
    parser.add_argument("--prm", help="base parameter file of the runs")
    parser.add_argument("--variant", action="append", default=[],
                        help="NAME:RANKS:BACKEND of a run; the first is the reference")
    parser.add_argument("--rtol", type=float, default=1e-8)
    parser.add_argument("--floor", type=float, default=1e-8,
                        help="absolute tolerance where a value is exactly zero, as a fraction "
                             "of the column's largest magnitude")
    parser.add_argument("--ignore", action="append", help="column not compared (repeat)")
    parser.add_argument("--exact", action="append", help="column compared exactly (repeat)")
    parser.add_argument("--reference",
                        help="stored history.csv that the runs are compared with (then one "
                             "--variant suffices)")
    parser.add_argument("files", nargs="*", help="history.csv files; the first is the reference")
    args = parser.parse_args()
    ignore = args.ignore if args.ignore is not None else DEFAULT_IGNORE
    exact = args.exact if args.exact is not None else DEFAULT_EXACT
    if args.siswell:
        if not (args.workdir and args.prm and len(args.variant) >= (1 if args.reference else 2)):
            parser.error("with --siswell give --workdir, --prm and at least two --variant "
                         "(one with --reference)")
    elif len(args.files) < 2:
        parser.error("give at least two history.csv files")

    def check():
        files = run_variants(args) if args.siswell else args.files
        if args.reference:
            files = [args.reference] + files
        problems = []
        for other in files[1:]:
            p, report, _ = compare(files[0], other, args.rtol, args.floor, ignore, exact)
            print("\n%s\n  against %s:" % (other, files[0]))
            print("\n".join(report))
            problems += ["%s: %s" % (other, q) for q in p]
        if problems:
            shown = problems[:40]
            more = "\n  ... and %d more" % (len(problems) - 40) if len(problems) > 40 else ""
            raise st.CheckFailed("histories differ:\n  " + "\n  ".join(shown) + more)

    st.main_wrapper(check)


if __name__ == "__main__":
    main()
