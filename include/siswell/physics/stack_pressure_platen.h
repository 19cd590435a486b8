#pragma once

#include <siswell/geometry/geometry.h>

#include <deal.II/base/parameter_handler.h>
#include <deal.II/base/types.h>

#include <string>

namespace siswell
{
  namespace physics
  {
    /**
     * The rigid platen that holds the stack (subsection "Stack pressure"):
     * one flat boundary part moves as a whole along its normal; its
     * displacement w is one global unknown of the Newton system (see
     * CoupledProblem::enable_platen()). Three ways to drive it:
     *  - pressure: the stack pressure (force per platen area) follows the
     *    load program of "Cycling/Stages" ('press to P in t', 'release to P
     *    in t'), starting from "Initial stack pressure";
     *  - displacement: w is prescribed ('move platen to w in t', fixed gap
     *    otherwise) and the stack pressure is computed from the reaction;
     *  - spring: stack pressure = preload + stiffness × w / area.
     * w is positive when the stack grows (along the platen's outward normal).
     */
    struct StackPressurePlaten
    {
      enum class Control
      {
        pressure,
        displacement,
        spring
      };

      static void
      declare_parameters(dealii::ParameterHandler &prm);

      /// Reads the subsection and resolves the boundary name with @p geometry;
      /// throws std::invalid_argument naming the parameter.
      void
      parse_parameters(dealii::ParameterHandler &prm, const geometry::Geometry &geometry);

      /// True if a platen boundary is named.
      bool
      enabled() const
      {
        return !boundary_name.empty();
      }

      std::string                boundary_name;
      dealii::types::boundary_id boundary_id = 0;
      Control                    control     = Control::pressure;
      /// Stack pressure at t = 0 (Pa, compressive positive), pressure control.
      double initial_pressure = 0.;
      /// Spring fixture: preload pressure (Pa) and stiffness (N/m; N/m per m in plane strain).
      double spring_preload = 0., spring_stiffness = 0.;
    };
  } // namespace physics
} // namespace siswell
