#pragma once

#include <siswell/geometry/geometry.h>
#include <siswell/physics/coupled_problem.h>

#include <deal.II/base/parameter_handler.h>

#include <set>
#include <string>
#include <vector>

namespace siswell
{
  namespace physics
  {
    /**
     * Boundary conditions of subsection "Boundary conditions", by boundary
     * part (name of a built-in geometry's part, or numeric Gmsh tag):
     *  - Symmetry planes: "x0, y0" or "7: x" — zero normal displacement on an
     *    axis-aligned plane (x0, y0, z0 imply their normal).
     *  - Fixed displacement: "bottom" (all components) or "bottom: y" — held at zero.
     *  - Pressure: "top: 1e6" — follower pressure (Pa, positive compressive).
     *  - Lithium flux boundaries: "surface" — where the galvanostatic current enters.
     * In axisymmetry u_r = 0 on the axis is always imposed.
     */
    struct BoundaryConditions
    {
      static void
      declare_parameters(dealii::ParameterHandler &prm);

      /// Reads the subsection and resolves names with @p geometry; throws
      /// std::invalid_argument naming the parameter.
      void
      parse_parameters(dealii::ParameterHandler &prm, const geometry::Geometry &geometry);

      std::vector<DisplacementConstraint>           displacement_constraints;
      std::vector<std::pair<dealii::types::boundary_id, double>> pressures;
      std::set<dealii::types::boundary_id>          lithium_flux_boundaries;
      /// 'interface' is in 'Lithium flux boundaries': lithium also enters
      /// through the faces between the active material and the inert solids.
      bool lithium_flux_through_interface = false;

      /// Every boundary id named, with the parameter that named it (for validation).
      std::vector<std::pair<dealii::types::boundary_id, std::string>> named_ids;
    };
  } // namespace physics
} // namespace siswell
