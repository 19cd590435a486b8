// What siswell's own shapes share (internal to the geometry module): the
// check of their length entries and the names of their boundary parts.
#pragma once

#include <siswell/geometry/geometry.h>

#include <map>
#include <stdexcept>
#include <string>

namespace siswell
{
  namespace geometry
  {
    namespace internal
    {
      /// Throws std::invalid_argument "'Geometry/<entry>' must be positive" unless @p value > 0.
      inline void
      require_positive(const double value, const std::string &entry)
      {
        if (!(value > 0.))
          throw std::invalid_argument("'Geometry/" + entry + "' must be positive");
      }

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

      /// The parts of a body standing on y = 0 (z = 0 in 3D), film or pillar:
      /// surface (top), bottom, side, x0 (axis), y0 in 3D.
      inline std::map<std::string, dealii::types::boundary_id>
      standing_body_parts(const Geometry &g)
      {
        return boundary_parts(g,
                              {{"surface", boundary_id::surface},
                               {"x0", boundary_id::x0},
                               {"bottom", boundary_id::bottom},
                               {"side", boundary_id::side}},
                              "y0");
      }
    } // namespace internal
  }   // namespace geometry
} // namespace siswell
