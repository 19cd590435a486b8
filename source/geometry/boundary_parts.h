// The boundary-part names of siswell's shapes (internal to the geometry module).
#pragma once

#include <siswell/geometry/geometry.h>

#include <map>
#include <string>

namespace siswell
{
  namespace geometry
  {
    namespace internal
    {
      /// @p parts, with 'axis' (the symmetry plane x0) added in axisymmetry and
      /// @p third_plane ("y0" or "z0", the symmetry plane that only 3D has) in 3D.
      inline std::map<std::string, dealii::types::boundary_id>
      boundary_parts(const Geometry                                   &g,
                     std::map<std::string, dealii::types::boundary_id> parts,
                     const std::string                                &third_plane)
      {
        if (g.coordinate_system == CoordinateSystem::axisymmetric)
          parts["axis"] = boundary_id::x0;
        if (g.dimension() == 3)
          parts[third_plane] = third_plane == "y0" ? boundary_id::y0 : boundary_id::z0;
        return parts;
      }
    } // namespace internal
  }   // namespace geometry
} // namespace siswell
