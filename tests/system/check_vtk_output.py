#!/usr/bin/python3
"""Read back the ParaView output of a siswell run with VTK and check it against
history.csv.

  * solution.pvd lists the series; its LAST data set is read with
    vtkXMLPUnstructuredGridReader (all pieces, i.e. all ranks) and must be the
    state of the last row of history.csv (same time);
  * point-data arrays displacement (3 components), concentration,
    chemical_potential, state_of_charge, cauchy_stress (9 components),
    von_mises_stress, hydrostatic_stress, volume_ratio_J and material_id exist,
    and mpi_rank exists as point or cell data;
  * mpi_rank takes every value 0 .. ranks-1 (each rank wrote its piece);
  * over all points, max von_mises_stress, min and max hydrostatic_stress, and
    over the points of the active material (material_id in --active-ids; inert
    materials are written with state_of_charge 0) min and max state_of_charge
    equal the last row's max_von_mises_Pa, min_hydrostatic_Pa,
    max_hydrostatic_Pa, min_state_of_charge and max_state_of_charge.

    siswell evaluates the history extremes at the very points it writes
    (QIterated trapezoid rule with the output subdivisions), so the only
    difference is that the VTU files store Float32 (relative rounding 6e-8)
    while history.csv has 15 digits: --rtol 1e-5 leaves a wide margin over
    that and is still far below any real difference between two points.

Two ways to use it:

  check_vtk_output.py OUTPUT_DIR [--ranks N]
  check_vtk_output.py --siswell build/siswell --workdir W --prm case.prm --np N
"""

import argparse
import os
import xml.etree.ElementTree as ET

import siswell_testing as st

POINT_ARRAYS = {  # name: number of components (None: scalar, 1)
    "displacement": 3,
    "concentration": 1,
    "chemical_potential": 1,
    "state_of_charge": 1,
    "cauchy_stress": 9,
    "von_mises_stress": 1,
    "hydrostatic_stress": 1,
    "volume_ratio_J": 1,
    "material_id": 1,
    "equivalent_plastic_strain": 1,
    "flow_stress": 1,
    "plastic_dissipation_density": 1,
}


def last_dataset(pvd):
    """(time, file) of the last DataSet of a .pvd collection."""
    if not os.path.isfile(pvd):
        raise st.CheckFailed("missing %s" % pvd)
    sets = ET.parse(pvd).getroot().findall("./Collection/DataSet")
    if not sets:
        raise st.CheckFailed("%s lists no data sets" % pvd)
    last = sets[-1]
    return float(last.get("timestep")), os.path.join(os.path.dirname(pvd), last.get("file"))


def values(array):
    return [array.GetTuple1(i) for i in range(array.GetNumberOfTuples())]


def check_output(directory, ranks, active_ids, rtol):
    import vtk  # python3-vtk9 (Debian); imported here so --help works without it

    history = st.history_columns(os.path.join(directory, "history.csv"))
    time, pvtu = last_dataset(os.path.join(directory, "solution.pvd"))
    print("last data set: %s (t = %g s)" % (pvtu, time))
    t_last = history["time_s"][-1]
    if abs(time - t_last) > 1e-9 * max(abs(t_last), 1.):
        raise st.CheckFailed("the last data set in solution.pvd is at t = %r but the last row of "
                             "history.csv at t = %r" % (time, t_last))
    if not os.path.isfile(pvtu):
        raise st.CheckFailed("missing %s" % pvtu)

    reader = vtk.vtkXMLPUnstructuredGridReader()
    reader.SetFileName(pvtu)
    reader.Update()
    grid = reader.GetOutput()
    points, cells = grid.GetPointData(), grid.GetCellData()
    print("%d points, %d cells" % (grid.GetNumberOfPoints(), grid.GetNumberOfCells()))
    if grid.GetNumberOfPoints() == 0:
        raise st.CheckFailed("%s holds no points" % pvtu)

    problems = []
    for name, components in POINT_ARRAYS.items():
        a = points.GetArray(name)
        if a is None:
            problems.append("point-data array %s missing" % name)
        elif a.GetNumberOfComponents() != components:
            problems.append("point-data array %s has %d components, expected %d"
                            % (name, a.GetNumberOfComponents(), components))
    rank = points.GetArray("mpi_rank") or cells.GetArray("mpi_rank")
    if rank is None:
        problems.append("array mpi_rank missing (neither point nor cell data)")
    elif ranks is not None:
        seen = sorted(set(int(round(v)) for v in values(rank)))
        if seen != list(range(ranks)):
            problems.append("mpi_rank takes the values %s, expected 0..%d" % (seen, ranks - 1))
    if problems:
        raise st.CheckFailed("\n  ".join(["arrays of %s:" % pvtu] + problems))

    vm = values(points.GetArray("von_mises_stress"))
    hyd = values(points.GetArray("hydrostatic_stress"))
    mat = values(points.GetArray("material_id"))
    soc_all = values(points.GetArray("state_of_charge"))
    soc = [s for s, m in zip(soc_all, mat) if int(round(m)) in active_ids]
    if not soc:
        raise st.CheckFailed("no point has a material_id in %s" % sorted(active_ids))

    comparisons = [
        ("max von_mises_stress", max(vm), "max_von_mises_Pa"),
        ("min hydrostatic_stress", min(hyd), "min_hydrostatic_Pa"),
        ("max hydrostatic_stress", max(hyd), "max_hydrostatic_Pa"),
        ("min state_of_charge (active)", min(soc), "min_state_of_charge"),
        ("max state_of_charge (active)", max(soc), "max_state_of_charge"),
    ]
    # the plastic state at an output point is that of the nearest quadrature
    # point of its cell; with Q2 and two subdivisions each quadrature point is
    # the nearest to one output point, so the largest values agree
    eps = values(points.GetArray("equivalent_plastic_strain"))
    if max(eps) > 0. or history["max_plastic_strain"][-1] > 0.:
        comparisons.append(("max equivalent_plastic_strain", max(eps), "max_plastic_strain"))
    print("  %-30s %-22s %-22s %s" % ("VTU", "value", "history.csv", "rel. difference"))
    for label, v, column in comparisons:
        h = history[column][-1]
        d = abs(v - h) / max(abs(v), abs(h), 1e-300)
        print("  %-30s %-22.9g %-22.9g %.3e  (%s)" % (label, v, h, d, column))
        if d > rtol:
            problems.append("%s = %.9g but %s = %.9g in the last row of history.csv "
                            "(relative difference %.2e > %.0e)" % (label, v, column, h, d, rtol))
    if min(soc_all) < min(soc):
        print("  (min state_of_charge over all points, inert included: %.9g)" % min(soc_all))
    if problems:
        raise st.CheckFailed("\n  ".join(["ParaView output and history.csv disagree:"] + problems))


def main():
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    st.add_run_arguments(parser)
    parser.add_argument("--prm", help="parameter file of the run")
    parser.add_argument("--ranks", type=int,
                        help="expected number of MPI ranks (default: --np when running)")
    parser.add_argument("--active-ids", default="0",
                        help="comma-separated material ids of the active material (default 0)")
    parser.add_argument("--rtol", type=float, default=1e-5)
    parser.add_argument("directory", nargs="?", help="output folder to check (without --siswell)")
    args = parser.parse_args()
    active_ids = set(int(i) for i in args.active_ids.split(","))
    if args.siswell and not (args.workdir and args.prm):
        parser.error("with --siswell give --workdir and --prm")
    if not args.siswell and not args.directory:
        parser.error("give an output folder or --siswell")

    def check():
        if args.siswell:
            work = st.fresh_directory(os.path.abspath(args.workdir))
            st.run_ok(st.command(args, [os.path.abspath(args.prm)]), work, args.timeout)
            directory = os.path.join(work, "siswell-output")
            ranks = args.ranks or args.np
        else:
            directory, ranks = args.directory, args.ranks
        check_output(directory, ranks, active_ids, args.rtol)

    st.main_wrapper(check)


if __name__ == "__main__":
    main()
