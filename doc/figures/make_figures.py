#!/usr/bin/python3
"""Render the README figures from a siswell output folder (default case).

usage: /usr/bin/python3 doc/figures/make_figures.py [output-folder] [figure-folder]
Needs Debian's python3-vtk9 and python3-matplotlib (call /usr/bin/python3).
Reads the last step of solution.pvd and history.csv; writes
default_case_stress.png and default_case_history.png.
"""
import csv
import os
import re
import sys

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import matplotlib.tri as mtri
import vtk

out = sys.argv[1] if len(sys.argv) > 1 else "siswell-output"
fig_dir = sys.argv[2] if len(sys.argv) > 2 else os.path.dirname(os.path.abspath(__file__))

pvd = open(os.path.join(out, "solution.pvd")).read()
last = re.findall(r'file="([^"]+)"', pvd)[-1]
reader = vtk.vtkXMLPUnstructuredGridReader()
reader.SetFileName(os.path.join(out, last))
reader.Update()
grid = reader.GetOutput()
pd = grid.GetPointData()
disp = pd.GetArray("displacement")
vm = pd.GetArray("von_mises_stress")
soc = pd.GetArray("state_of_charge")

# deformed coordinates (Warp By Vector), and triangles from the quads
x, y, s, th = [], [], [], []
for i in range(grid.GetNumberOfPoints()):
    p = grid.GetPoint(i)
    u = disp.GetTuple3(i)
    x.append((p[0] + u[0]) * 1e6)
    y.append((p[1] + u[1]) * 1e6)
    s.append(vm.GetValue(i) / 1e9)
    th.append(soc.GetValue(i))
tris = []
for c in range(grid.GetNumberOfCells()):
    ids = grid.GetCell(c).GetPointIds()
    n = ids.GetNumberOfIds()
    pts = [ids.GetId(k) for k in range(n)]
    if n == 4:  # VTK_QUAD: counter-clockwise
        tris += [[pts[0], pts[1], pts[2]], [pts[0], pts[2], pts[3]]]
    elif n == 3:
        tris.append(pts)
tri = mtri.Triangulation(x, y, tris)

fig, axes = plt.subplots(1, 2, figsize=(10, 4.4))
for ax, field, label, cmap in ((axes[0], th, "state of charge θ", "viridis"),
                               (axes[1], s, "von Mises stress (GPa)", "magma")):
    pc = ax.tripcolor(tri, field, shading="gouraud", cmap=cmap)
    ax.set_aspect("equal")
    ax.set_xlabel("r (µm), deformed")
    ax.set_ylabel("z (µm), deformed")
    fig.colorbar(pc, ax=ax, label=label)
fig.suptitle("Default case: silicon particle (R = 1 µm) lithiated at 1C, at the end of the run")
fig.tight_layout()
fig.savefig(os.path.join(fig_dir, "default_case_stress.png"), dpi=110)

rows = list(csv.DictReader(open(os.path.join(out, "history.csv"))))
t = [float(r["time_s"]) for r in rows]
fig, ax = plt.subplots(1, 3, figsize=(12, 3.6))
ax[0].plot(t, [float(r["state_of_charge"]) for r in rows], label="average")
ax[0].plot(t, [float(r["max_state_of_charge"]) for r in rows], "--", label="max (surface)")
ax[0].plot(t, [float(r["min_state_of_charge"]) for r in rows], ":", label="min (centre)")
ax[0].set_ylabel("state of charge θ")
ax[0].legend()
ax[1].plot(t, [100 * float(r["volume_change"]) for r in rows])
ax[1].set_ylabel("volume change (%)")
ax[2].plot(t, [float(r["max_von_mises_Pa"]) / 1e9 for r in rows], label="max von Mises")
ax[2].plot(t, [float(r["min_hydrostatic_Pa"]) / 1e9 for r in rows], label="min hydrostatic")
ax[2].plot(t, [float(r["max_hydrostatic_Pa"]) / 1e9 for r in rows], label="max hydrostatic")
ax[2].set_ylabel("stress (GPa)")
ax[2].legend()
for a in ax:
    a.set_xlabel("time (s)")
fig.tight_layout()
fig.savefig(os.path.join(fig_dir, "default_case_history.png"), dpi=110)
print("wrote", os.path.join(fig_dir, "default_case_stress.png"), "and default_case_history.png")
