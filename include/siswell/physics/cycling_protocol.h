#pragma once

#include <deal.II/base/parameter_handler.h>

#include <string>
#include <vector>

namespace siswell
{
  namespace physics
  {
    /// One stage of galvanostatic operation.
    struct CyclingStage
    {
      enum class Kind
      {
        lithiate,
        delithiate,
        rest
      };
      Kind kind = Kind::lithiate;
      /// lithiate/delithiate: target average state of charge (-); rest: duration (s).
      double target = 0.;
      /// As written in the parameter file, for output ("lithiate to 0.8").
      std::string label;
    };

    /**
     * Galvanostatic operation on the lithium-conducting boundary parts: the
     * current (a C-rate of the active material's capacity, or a current
     * density) and the list of stages, each ending at a target average state
     * of charge or after a rest time, or early at a local state-of-charge
     * cut-off.
     */
    struct CyclingProtocol
    {
      static void
      declare_parameters(dealii::ParameterHandler &prm);
      /// Reads subsection "Cycling"; throws std::invalid_argument naming the parameter.
      void
      parse_parameters(dealii::ParameterHandler &prm);

      /// "C-rate" or "current density".
      std::string current_mode = "C-rate";
      /// C-rate (1/h): 1 charges the capacity (c_max − c_0) V F in one hour.
      double c_rate = 1.;
      /// Current density (A/m²) on the lithium-conducting boundary (reference area).
      double current_density = 1.;
      /// Local state of charge at which a lithiation stage stops early (-).
      double upper_cutoff = 0.99;
      /// Local state of charge at which a delithiation stage stops early (-).
      double lower_cutoff = 0.002;
      std::vector<CyclingStage> stages;
    };
  } // namespace physics
} // namespace siswell
