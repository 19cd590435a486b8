#include <siswell/solvers/time_step_control.h>

#include <algorithm>
#include <stdexcept>

namespace siswell
{
  namespace solvers
  {
    void
    TimeStepControl::declare_parameters(dealii::ParameterHandler &prm)
    {
      prm.enter_subsection("Time stepping");
      prm.declare_entry("Initial time step", "10", dealii::Patterns::Double(0.), "First step (s).");
      prm.declare_entry("Minimum time step",
                        "1e-3",
                        dealii::Patterns::Double(0.),
                        "The run stops with a message when a step would have to be cut below "
                        "this (s).");
      prm.declare_entry(
          "Maximum time step", "60", dealii::Patterns::Double(0.), "Largest step (s).");
      prm.declare_entry("Growth factor",
                        "1.5",
                        dealii::Patterns::Double(1.),
                        "Factor by which an easy step grows the next (-).");
      prm.declare_entry("Cut factor",
                        "0.5",
                        dealii::Patterns::Double(0., 1.),
                        "Factor applied to a step whose Newton solve failed (-).");
      prm.declare_entry("Easy iterations",
                        "4",
                        dealii::Patterns::Integer(1, 100),
                        "A step that converged in at most this many Newton iterations lets the "
                        "next one grow (with contact: in each of its Newton solves, one per "
                        "multiplier update).");
      prm.leave_subsection();
    }

    void
    TimeStepControl::parse_parameters(dealii::ParameterHandler &prm)
    {
      prm.enter_subsection("Time stepping");
      initial_step    = prm.get_double("Initial time step");
      minimum_step    = prm.get_double("Minimum time step");
      maximum_step    = prm.get_double("Maximum time step");
      growth_factor   = prm.get_double("Growth factor");
      cut_factor      = prm.get_double("Cut factor");
      easy_iterations = prm.get_integer("Easy iterations");
      prm.leave_subsection();
      if (!(initial_step > 0.) || !(minimum_step > 0.) || !(maximum_step > 0.))
        throw std::invalid_argument("parameters 'Time stepping/Initial time step', 'Minimum time "
                                    "step' and 'Maximum time step' must be positive");
      if (minimum_step > maximum_step)
        throw std::invalid_argument("parameter 'Time stepping/Minimum time step' exceeds "
                                    "'Maximum time step'");
      if (!(cut_factor > 0. && cut_factor < 1.))
        throw std::invalid_argument("parameter 'Time stepping/Cut factor' must lie in (0, 1)");
    }

    double
    TimeStepControl::after_success(const double dt, const unsigned int newton_iterations) const
    {
      const double next = newton_iterations <= easy_iterations ? dt * growth_factor : dt;
      return std::clamp(next, minimum_step, maximum_step);
    }

    double
    TimeStepControl::after_failure(const double dt) const
    {
      return dt * cut_factor;
    }
  } // namespace solvers
} // namespace siswell
