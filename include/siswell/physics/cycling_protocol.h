#pragma once

#include <deal.II/base/parameter_handler.h>

#include <string>
#include <vector>

namespace siswell
{
  namespace physics
  {
    /// One stage of the load program: galvanostatic, rest, or platen loading.
    struct CyclingStage
    {
      enum class Kind
      {
        lithiate,
        delithiate,
        rest,
        /// ramp the stack pressure linearly to target (Pa) in duration (no current)
        ramp_pressure,
        /// ramp the platen displacement linearly to target (m) in duration (no current)
        move_platen
      };
      Kind kind = Kind::lithiate;
      /// lithiate/delithiate: target average state of charge (-); rest: duration (s);
      /// ramp_pressure: stack pressure (Pa); move_platen: platen displacement (m).
      double target = 0.;
      /// Duration of a ramp (s).
      double duration = 0.;
      /// Cycle number: 0 for the stages before the first galvanostatic one, then 1, 2, ...
      unsigned int cycle = 0;
      /// As written in the parameter file, for output ("lithiate to 0.8").
      std::string label;

      /// True for the stages without current that end after a time.
      bool
      timed() const
      {
        return kind == Kind::rest || kind == Kind::ramp_pressure || kind == Kind::move_platen;
      }
    };

    /**
     * Galvanostatic operation on the lithium-conducting boundary parts: the
     * current (a C-rate of the active material's capacity, or a current
     * density) and the list of stages, each ending at a target average state
     * of charge or after a rest time, or early at a local state-of-charge
     * cut-off, and the stages that load the platen before cycling. The
     * stages from the first lithiation or delithiation on form one cycle,
     * repeated "Cycles" times.
     */
    struct CyclingProtocol
    {
      static void
      declare_parameters(dealii::ParameterHandler &prm);
      /// Reads subsection "Cycling"; throws std::invalid_argument naming the parameter.
      void
      parse_parameters(dealii::ParameterHandler &prm);

      /// 'Current mode': the current from a C-rate, or a current density.
      enum class CurrentMode
      {
        c_rate,
        current_density
      };
      CurrentMode current_mode = CurrentMode::c_rate;
      /// C-rate (1/h): 1 charges the capacity (c_max − c_0) V F in one hour.
      double c_rate = 1.;
      /// Current density (A/m²) on the lithium-conducting boundary (reference area).
      double current_density = 1.;
      /// Local state of charge at which a lithiation stage stops early (-).
      double upper_cutoff = 0.99;
      /// Local state of charge at which a delithiation stage stops early (-).
      double lower_cutoff = 0.002;
      /// How often the galvanostatic part of the stages is run.
      unsigned int cycles = 1;
      /// The stages in the order they run, cycles expanded.
      std::vector<CyclingStage> stages;
    };
  } // namespace physics
} // namespace siswell
