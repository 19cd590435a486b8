#!/usr/bin/python3
"""Contact loss against state of charge and stack pressure: writes
contact_loss.png and summary.csv.

Run from this folder after run_sweep.py (pressures without output are skipped):
    /usr/bin/python3 plot.py

All values come from each output-<p>MPa/history.csv:
- contact_fraction: closed reference area of the Si/SE interface over its area;
- conducting_fraction: ∫ φ dA / A, the part of the interface lithium crosses;
- void_volume_m3: ∫ max(g, 0) da, the volume between the parted surfaces,
  shown relative to the particle's initial volume (4/3 π (1 µm)³).
Left: contact fraction against the average state of charge θ over the cycle
(solid: lithiation, dashed: rest and delithiation). Middle: void volume.
Right: the contact after fabrication (the release to the operating pressure),
the largest during lithiation and the one left after delithiation (runs that
have finished only), against the operating stack pressure.
"""
import csv
import glob
import math
import os
import re

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
PARTICLE_VOLUME = 4.0 / 3.0 * math.pi * 1e-6**3  # m³


def read(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    h = {k: np.array([float(r[k]) for r in rows]) for k in rows[0] if k != "stage"}
    h["stage"] = np.array([r["stage"] for r in rows])
    return h


cases = []
for folder in glob.glob(os.path.join(HERE, "output-*MPa")):
    m = re.search(r"output-([0-9.]+)MPa$", folder)
    path = os.path.join(folder, "history.csv")
    if m and os.path.exists(path):
        cases.append((float(m.group(1)), read(path), folder))
cases.sort(key=lambda c: c[0])
if not cases:
    raise SystemExit("plot.py: no output-*MPa/history.csv here; run run_sweep.py first")

fig, (ax1, ax2, ax3) = plt.subplots(1, 3, figsize=(15, 4.3))
colours = plt.cm.viridis(np.linspace(0.0, 0.85, len(cases)))
summary = []
for (p, h, folder), colour in zip(cases, colours):
    cyc = h["cycle"] >= 1
    if not cyc.any():
        print("skipped %g MPa (no cycling rows yet)" % p)
        continue
    first = int(np.argmax(cyc)) - 1  # the last fabrication row
    lith = np.array([s.startswith("lithiate") for s in h["stage"]])
    last_lith = int(np.nonzero(lith)[0][-1])
    up = slice(first, last_lith + 1)
    down = slice(last_lith, len(h["step"]))
    soc = h["state_of_charge"]
    label = "%g MPa" % p
    ax1.plot(soc[up], 100 * h["contact_fraction"][up], "-", color=colour, label=label)
    ax1.plot(soc[down], 100 * h["contact_fraction"][down], "--", color=colour)
    void = 100 * h["void_volume_m3"] / PARTICLE_VOLUME
    ax2.plot(soc[up], void[up], "-", color=colour, label=label)
    ax2.plot(soc[down], void[down], "--", color=colour)
    log = open(os.path.join(folder, "run.log")).read() if os.path.exists(
        os.path.join(folder, "run.log")) else ""
    summary.append({
        "stack_pressure_MPa": p,
        "contact_after_press": h["contact_fraction"][int(np.argmax(h["stack_pressure_Pa"]))],
        "contact_after_release": h["contact_fraction"][first],
        "max_contact_lithiated": h["contact_fraction"][up].max(),
        "soc_reached": soc[up].max(),
        "contact_after_delithiation": h["contact_fraction"][-1],
        "conducting_after_delithiation": h["conducting_fraction"][-1],
        "void_after_delithiation_percent": void[-1],
        "max_void_percent": void.max(),
        "final_soc": soc[-1],
        "isolated": int("the particle is isolated" in log),
        "finished": int("timing (s, rank 0)" in log and "siswell: stopped" not in log),
        "steps": int(h["step"][-1]),
        "step_cuts": log.count("step not converged"),
    })

ax1.set_xlabel("state of charge θ")
ax1.set_ylabel("contact area fraction (%)")
ax1.set_title("Si/SE contact over one cycle")
ax1.legend(title="stack pressure")
ax2.set_xlabel("state of charge θ")
ax2.set_ylabel("void volume / particle volume (%)")
ax2.set_title("void between Si and SE")
ps = [s["stack_pressure_MPa"] for s in summary]
done = [s for s in summary if s["finished"]]  # a run still going has no final state
ax3.semilogx(ps, [100 * s["contact_after_release"] for s in summary], "o-",
             label="after fabrication (press, release)")
ax3.semilogx(ps, [100 * s["max_contact_lithiated"] for s in summary], "v-",
             label="largest during lithiation")
ax3.semilogx([s["stack_pressure_MPa"] for s in done],
             [100 * s["contact_after_delithiation"] for s in done], "s-",
             label="after delithiation (finished runs)")
ax3.set_xlabel("operating stack pressure (MPa)")
ax3.set_ylabel("interface fraction (%)")
ax3.set_title("contact left against stack pressure")
ax3.legend()
fig.tight_layout()
fig.savefig(os.path.join(HERE, "contact_loss.png"), dpi=120)

with open(os.path.join(HERE, "summary.csv"), "w", newline="") as f:
    w = csv.DictWriter(f, fieldnames=list(summary[0].keys()))
    w.writeheader()
    for s in summary:
        w.writerow(s)
for s in summary:
    print(", ".join("%s %.4g" % (k, v) for k, v in s.items()))
print("wrote contact_loss.png and summary.csv")
