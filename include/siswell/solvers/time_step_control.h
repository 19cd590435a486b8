#pragma once

#include <deal.II/base/parameter_handler.h>

namespace siswell
{
  namespace solvers
  {
    /**
     * Adaptive time step: cut by a factor when Newton fails, grown by a factor
     * after a step that converged in few iterations, kept within [min, max].
     */
    struct TimeStepControl
    {
      static void
      declare_parameters(dealii::ParameterHandler &prm);
      /// Reads subsection "Time stepping"; throws std::invalid_argument naming the parameter.
      void
      parse_parameters(dealii::ParameterHandler &prm);

      /// Step after a converged step that took @p newton_iterations.
      double
      after_success(const double dt, const unsigned int newton_iterations) const;

      /// Step after a failed step; below minimum_step means give up.
      double
      after_failure(const double dt) const;

      double       initial_step    = 10.;   ///< s
      double       minimum_step    = 1e-3;  ///< s
      double       maximum_step    = 60.;   ///< s
      double       growth_factor   = 1.5;   ///< -
      double       cut_factor      = 0.5;   ///< -
      unsigned int easy_iterations = 4;     ///< Newton iterations that count as easy
    };
  } // namespace solvers
} // namespace siswell
