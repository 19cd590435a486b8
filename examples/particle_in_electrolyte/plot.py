#!/usr/bin/python3
"""Stack pressure and thickness change of the particle-in-electrolyte cell:
writes particle_in_electrolyte.png.

Run from this folder after the cases (any that are missing are skipped):
    siswell pressure_controlled.prm     # output-pressure/
    siswell fixed_gap.prm               # output-fixed-gap/
    siswell 3d.prm                      # output-3d/ (optional)
    /usr/bin/python3 plot.py

Both quantities come from history.csv: stack_pressure_Pa (the platen's
pressure, compressive positive) and thickness_change_m (the platen's
displacement, i.e. the change of the stack thickness from assembly). They
are plotted against the average state of charge θ from the first
lithiation on; the assembly (press/release, or the platen move) happens at
θ = 0.01 and is left out. Solid: lithiation, dashed: rest and delithiation.
"""
import csv
import os

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
CASES = [  # folder, label, colour
    ("output-pressure", "pressure control, 10 MPa (axisymmetric)", "tab:blue"),
    ("output-fixed-gap", "fixed gap (axisymmetric)", "tab:red"),
    ("output-3d", "pressure control, 10 MPa (3D, to θ = 0.3)", "tab:green"),
]


def read(folder):
    path = os.path.join(HERE, folder, "history.csv")
    if not os.path.exists(path):
        return None
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    h = {k: np.array([float(r[k]) for r in rows]) for k in rows[0] if k != "stage"}
    h["stage"] = np.array([r["stage"] for r in rows])
    return h


fig, (ax1, ax2) = plt.subplots(1, 2, figsize=(11, 4.3))
for folder, label, colour in CASES:
    h = read(folder)
    if h is None:
        print("skipped", folder, "(no history.csv)")
        continue
    cyc = h["cycle"] >= 1
    first = np.argmax(cyc) - 1  # the last assembly row: start of the curve
    lith = np.array([s.startswith("lithiate") for s in h["stage"]])
    up = np.zeros_like(cyc)
    up[first:] = True
    down = up.copy()
    last_lith = np.nonzero(lith)[0][-1]
    up[last_lith + 1:] = False
    down[:last_lith] = False
    theta = h["state_of_charge"]
    p = h["stack_pressure_Pa"] / 1e6
    dh = h["thickness_change_m"] * 1e9
    for m, ls in ((up, "-"), (down, "--")):
        ax1.plot(theta[m], p[m], color=colour, ls=ls, label=label if ls == "-" else None)
        ax2.plot(theta[m], dh[m], color=colour, ls=ls, label=label if ls == "-" else None)
    i = np.argmax(p[first:]) + first
    print("%-17s stack pressure from lithiation on: peak %8.1f MPa at θ = %.3f, %7.1f MPa at the end; "
          "thickness change %6.1f nm at the end of lithiation (θ = %.3f), %5.1f nm at the end"
          % (folder, p[i], theta[i], p[-1], dh[last_lith], theta[last_lith], dh[-1]))

ax1.set_yscale("log")
ax1.set_xlabel("average state of charge θ")
ax1.set_ylabel("stack pressure (MPa)")
ax1.set_title("(a) stack pressure")
ax1.legend(fontsize=8, loc="center right")
ax1.grid(alpha=0.3, which="both")
ax2.set_xlabel("average state of charge θ")
ax2.set_ylabel("thickness change of the stack (nm)")
ax2.set_title("(b) thickness change (platen displacement)")
ax2.grid(alpha=0.3)
ax2.text(0.02, 0.97, "solid: lithiation\ndashed: rest + delithiation\nstack 3.5 µm thick",
         transform=ax2.transAxes, va="top", fontsize=8)
fig.tight_layout()
png = os.path.join(HERE, "particle_in_electrolyte.png")
fig.savefig(png, dpi=130)
print("wrote", png)
