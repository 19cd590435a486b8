#!/usr/bin/python3
"""Stress history of the thin-film example: writes thin_film.png.

Run from this folder after `siswell thin_film.prm`:
    /usr/bin/python3 plot.py [output-folder]

(a) stress × thickness (N/m) against time, the quantity a wafer-curvature
    (Stoney) measurement gives: the integral of the in-plane Cauchy stress
    σ_xx over the current (deformed) film thickness.
(b) in-plane stress (GPa) against capacity (mAh/g of Si, 3579 mAh/g at θ = 1).

The line in (b) is the thickness average of σ_xx, i.e. (a) divided by the
current thickness; both come from the ParaView fields (written every
`Output/Interval` steps). The shaded band is 3/2 × [min, max] of the
hydrostatic stress from history.csv (every step): for a biaxial film
(σ_xx = σ_zz, σ_yy = 0) the in-plane stress is 3/2 × the hydrostatic stress,
so the band is the spread of the in-plane stress through the thickness.
"""
import csv
import os
import sys
import xml.etree.ElementTree as ET

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "output")
CAPACITY = 3579.0  # mAh/g of Si at θ = 1 (Li15Si4)


def read_history(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    cols = {k: np.array([float(r[k]) for r in rows]) for k in rows[0] if k != "stage"}
    cols["stage"] = [r["stage"] for r in rows]
    return cols


def field_averages(folder):
    """(time, stress×thickness N/m, average σ_xx Pa, thickness m) per output."""
    try:
        import vtk
        from vtk.util.numpy_support import vtk_to_numpy
    except ImportError:
        return None
    pvd = os.path.join(folder, "solution.pvd")
    if not os.path.exists(pvd):
        return None
    rows = []
    for ds in ET.parse(pvd).getroot().iter("DataSet"):
        reader = vtk.vtkXMLPUnstructuredGridReader()
        reader.SetFileName(os.path.join(folder, ds.get("file")))
        reader.Update()
        grid = reader.GetOutput()
        grid.GetPointData().SetActiveVectors("displacement")
        x0 = vtk_to_numpy(grid.GetPoints().GetData())[:, 0]
        width = x0.max() - x0.min()  # sides fixed in x: current = reference width
        warp = vtk.vtkWarpVector()  # integrate over the deformed film
        warp.SetInputData(grid)
        warp.SetScaleFactor(1.0)
        warp.Update()
        s = vtk_to_numpy(warp.GetOutput().GetPointData().GetArray("cauchy_stress"))
        sxx = vtk.vtkDoubleArray()
        sxx.SetName("sxx")
        for v in s[:, 0]:
            sxx.InsertNextValue(v)
        deformed = warp.GetOutput()
        deformed.GetPointData().AddArray(sxx)
        integ = vtk.vtkIntegrateAttributes()
        integ.SetInputData(deformed)
        integ.Update()
        res = integ.GetOutput()
        area = vtk_to_numpy(res.GetCellData().GetArray("Area"))[0]
        force = vtk_to_numpy(res.GetPointData().GetArray("sxx"))[0]
        rows.append((float(ds.get("timestep")), force / width, force / area, area / width))
    return np.array(rows) if rows else None


h = read_history(os.path.join(OUT, "history.csv"))
f = field_averages(OUT)

t_h = h["time_s"] / 3600.0
cap = CAPACITY * h["state_of_charge"]
lo = 1.5 * h["min_hydrostatic_Pa"] / 1e9
hi = 1.5 * h["max_hydrostatic_Pa"] / 1e9
lithiating = np.array(["delithiate" not in s for s in h["stage"]])

fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4.2))

if f is not None:
    ax1.plot(f[:, 0] / 3600.0, f[:, 1], color="k", lw=1.5)
    ax1.set_ylabel("stress × thickness (N/m)")
else:  # no fields: average of the band × current thickness (volume / width)
    width = h["volume_m3"][0] / 100e-9  # plane strain: volume is an area
    ax1.plot(t_h, 0.5 * (lo + hi) * 1e9 * h["volume_m3"] / width, color="k", lw=1.5)
    ax1.set_ylabel("stress × thickness (N/m), from history.csv")
ax1.axhline(0, color="0.6", lw=0.8)
ax1.set_xlabel("time (h)")
ax1.set_title("(a) film force per unit width")
axs = ax1.twinx()
axs.plot(t_h, h["state_of_charge"], color="tab:blue", lw=0.8, ls="--")
axs.set_ylabel("state of charge θ (dashed)", color="tab:blue")
axs.set_ylim(0, 1)

for c in (1, 2):
    for lith, col in ((True, "tab:red"), (False, "tab:green")):
        m = (h["cycle"] == c) & (lithiating == lith)
        if lith and c == 1:
            m |= h["step"] == 0
        ax2.fill_between(cap[m], lo[m], hi[m], color=col, alpha=0.18 if c == 1 else 0.1, lw=0)
if f is not None:
    s_t = np.interp(f[:, 0], h["time_s"], h["state_of_charge"])
    cyc = np.interp(f[:, 0], h["time_s"], h["cycle"])
    for c, ls in ((1, "-"), (2, "--")):
        m = np.abs(cyc - c) < 0.5 if c > 1 else cyc < 1.5
        first = np.argmax(m)
        if c > 1 and first > 0:  # start where the previous cycle ended
            m[first - 1] = True
        ax2.plot(CAPACITY * s_t[m], f[m, 2] / 1e9, color="k", ls=ls, lw=1.4, label=f"cycle {c}")
else:
    ax2.plot(cap, 0.5 * (lo + hi), color="k", lw=1.4, label="mid-band")
ax2.axhline(0, color="0.6", lw=0.8)
ax2.set_xlabel("capacity (mAh/g Si)")
ax2.set_ylabel("in-plane stress σ_xx (GPa)")
ax2.set_title("(b) average in-plane stress; band: 3/2 × hydrostatic range")
ax2.plot([], [], color="tab:red", alpha=0.4, lw=6, label="lithiation")
ax2.plot([], [], color="tab:green", alpha=0.4, lw=6, label="delithiation")
ax2.legend(loc="lower right", fontsize=8)

fig.tight_layout()
png = os.path.join(HERE, "thin_film.png")
fig.savefig(png, dpi=130)
print("wrote", png)
if f is not None:
    print("stress×thickness N/m: min %.1f max %.1f; average in-plane stress GPa: min %.3f max %.3f"
          % (f[:, 1].min(), f[:, 1].max(), f[:, 2].min() / 1e9, f[:, 2].max() / 1e9))
print("history 3/2·hydrostatic GPa: min %.3f max %.3f; max plastic strain %.3f"
      % (lo.min(), hi.max(), h["max_plastic_strain"].max()))
