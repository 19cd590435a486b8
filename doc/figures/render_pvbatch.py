"""Render the last step of a siswell ParaView series to a PNG, headless.

  PATH=/usr/bin:/bin xvfb-run -a pvbatch render_pvbatch.py SERIES.pvd FIELD OUT.png

SERIES.pvd: solution.pvd (or interface.pvd) of an output folder; FIELD: a point
field of it (state_of_charge, von_mises_stress, ...), coloured over its range
at that step, drawn on the deformed shape (the displacement warps the mesh).
Needs ParaView's Python (Debian: paraview python3-paraview xvfb).
"""
import sys

from paraview.simple import (ColorBy, GetActiveViewOrCreate, GetAnimationScene, GetColorTransferFunction,
                             PVDReader, ResetCamera, SaveScreenshot, Show, WarpByVector)

if len(sys.argv) != 4:
    sys.exit(__doc__)
series, field, png = sys.argv[1:]
reader = PVDReader(FileName=series)
scene = GetAnimationScene()
scene.UpdateAnimationUsingDataTimeSteps()
scene.AnimationTime = reader.TimestepValues[-1] if reader.TimestepValues else 0.
shape = WarpByVector(Input=reader, Vectors=["POINTS", "displacement"], ScaleFactor=1.)
view = GetActiveViewOrCreate("RenderView")
view.ViewSize = [1000, 800]
display = Show(shape, view)
ColorBy(display, ("POINTS", field))
display.RescaleTransferFunctionToDataRange(False, True)
display.SetScalarBarVisibility(view, True)
GetColorTransferFunction(field).ApplyPreset("Viridis (matplotlib)", True)
view.OrientationAxesVisibility = 0
ResetCamera(view)
SaveScreenshot(png, view, ImageResolution=[1000, 800])
print("render_pvbatch: %s at t = %g s -> %s" % (field, scene.AnimationTime, png))
