#!/usr/bin/python3
"""Run siswell on a contact case and read its interface series back with VTK.

  * interface.pvd lists the series; its last data set is at the time of the
    last row of history.csv and is read with vtkXMLPUnstructuredGridReader
    (all pieces);
  * point-data arrays contact_pressure, gap, slip, status,
    lithium_flux_density and mpi_rank exist; mpi_rank takes only values
    0 .. ranks-1;
  * the largest contact_pressure and gap over the points (floored at 0, as
    history.csv) equal the last row's max_contact_pressure_Pa and max_gap_m: each corner of an interface
    cell carries the values of its nearest contact point, and every contact
    point is the nearest to one corner (p Gauss points per face direction,
    2^(dim-1) corners), so the extremes agree to the Float32 rounding of the
    VTU files (--rtol 1e-5);
  * with --expect TEXT, the run's log contains TEXT.

  check_interface_output.py --siswell build/siswell --workdir W --prm case.prm --np N
"""

import argparse
import os

import siswell_testing as st
from check_vtk_output import last_dataset, values

ARRAYS = ["contact_pressure", "gap", "slip", "status", "lithium_flux_density", "mpi_rank"]


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    st.add_run_arguments(parser)
    parser.add_argument("--prm", required=True)
    parser.add_argument("--expect", action="append", default=[])
    parser.add_argument("--rtol", type=float, default=1e-5)
    args = parser.parse_args()

    def check():
        import vtk
        work = st.fresh_directory(os.path.abspath(args.workdir))
        out = st.run_ok(st.command(args, [os.path.abspath(args.prm)]), work, args.timeout)
        directory = os.path.join(work, "siswell-output")
        problems = [("the log does not contain %r" % e) for e in args.expect if e not in out]
        history = st.history_columns(os.path.join(directory, "history.csv"))
        time, pvtu = last_dataset(os.path.join(directory, "interface.pvd"))
        print("last interface data set: %s (t = %g s)" % (pvtu, time))
        t_last = history["time_s"][-1]
        if abs(time - t_last) > 1e-9 * max(abs(t_last), 1.):
            problems.append("interface.pvd ends at t = %r, history.csv at %r" % (time, t_last))
        reader = vtk.vtkXMLPUnstructuredGridReader()
        reader.SetFileName(pvtu)
        reader.Update()
        grid = reader.GetOutput()
        print("%d points, %d cells" % (grid.GetNumberOfPoints(), grid.GetNumberOfCells()))
        if grid.GetNumberOfCells() == 0:
            raise st.CheckFailed("%s holds no cells" % pvtu)
        data = grid.GetPointData()
        missing = [a for a in ARRAYS if data.GetArray(a) is None]
        if missing:
            raise st.CheckFailed("arrays missing in %s: %s" % (pvtu, ", ".join(missing)))
        seen = set(int(round(v)) for v in values(data.GetArray("mpi_rank")))
        if not seen <= set(range(args.np)):
            problems.append("mpi_rank takes the values %s" % sorted(seen))
        for array, column in [("contact_pressure", "max_contact_pressure_Pa"), ("gap", "max_gap_m")]:
            # history.csv floors both at 0 (open points carry the tiny tension of
            # 'Interface/Open stiffness ratio', a negative pressure, in the VTU)
            v, h = max(0., max(values(data.GetArray(array)))), history[column][-1]
            d = abs(v - h) / max(abs(v), abs(h), 1e-300)
            print("  max %-18s %-16.9g history %-16.9g rel. difference %.2e" % (array, v, h, d))
            if d > args.rtol:
                problems.append("max %s = %.9g but %s = %.9g" % (array, v, column, h))
        if problems:
            raise st.CheckFailed("\n  ".join(["interface output:"] + problems))

    st.main_wrapper(check)


if __name__ == "__main__":
    main()
