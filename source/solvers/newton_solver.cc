#include <siswell/solvers/newton_solver.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace siswell
{
  namespace solvers
  {
    void
    NewtonParameters::declare_parameters(dealii::ParameterHandler &prm)
    {
      prm.enter_subsection("Newton");
      prm.declare_entry("Maximum iterations",
                        "12",
                        dealii::Patterns::Integer(1, 100),
                        "Newton iterations per time step before the step is cut.");
      prm.declare_entry("Tolerance",
                        "1e-9",
                        dealii::Patterns::Double(0.),
                        "Converged when each field's residual norm, divided by its physical "
                        "scale (force, lithium rate, R T volume), is below this (-).");
      prm.declare_entry("Line search steps",
                        "4",
                        dealii::Patterns::Integer(0, 20),
                        "Halvings of the Newton step while the residual grows.");
      prm.leave_subsection();
    }

    void
    NewtonParameters::parse_parameters(dealii::ParameterHandler &prm)
    {
      prm.enter_subsection("Newton");
      max_iterations    = prm.get_integer("Maximum iterations");
      tolerance         = prm.get_double("Tolerance");
      line_search_steps = prm.get_integer("Line search steps");
      prm.leave_subsection();
    }

    NewtonSolver::NewtonSolver(const NewtonParameters &parameters) : parameters(parameters) {}

    namespace
    {
      double
      largest(const std::vector<double> &v)
      {
        double m = 0.;
        for (const double x : v)
          {
            if (!std::isfinite(x))
              return std::numeric_limits<double>::infinity();
            m = std::max(m, x);
          }
        return m;
      }
    } // namespace

    NewtonResult
    NewtonSolver::solve(NonlinearProblem &problem) const
    {
      NewtonResult result;
      problem.assemble(true);
      result.field_residuals.push_back(problem.residual_norms());
      double norm = largest(result.field_residuals.back());
      result.residuals.push_back(norm);
      while (true)
        {
          if (!std::isfinite(norm))
            {
              result.reason = "residual is not finite (inverted element or state of charge "
                              "outside (0, 1))";
              return result;
            }
          if (norm <= parameters.tolerance)
            {
              result.converged = true;
              return result;
            }
          if (result.iterations >= parameters.max_iterations)
            {
              result.reason =
                  "no convergence in " + std::to_string(result.iterations) + " iterations";
              return result;
            }
          try
            {
              result.linear_iterations += problem.solve_for_direction();
            }
          catch (const std::exception &e)
            {
              result.reason = std::string("linear solver failed: ") + e.what();
              return result;
            }
          problem.store_iterate();
          ++result.iterations;
          result.hardest_solve_iterations = result.iterations; // one solve here

          // full step first (the common case); halve it while the residual
          // grows. Every trial point is assembled with its Jacobian, so the
          // accepted one is assembled once: a residual-only trial would need a
          // second assembly on acceptance, which costs more as soon as the
          // first or second halving is accepted (the usual case).
          problem.apply_direction(1.);
          problem.assemble(true);
          std::vector<double> new_fields = problem.residual_norms();
          double              new_norm   = largest(new_fields);
          double              alpha      = 1.;
          for (unsigned int ls = 0; !(new_norm < norm) && ls < parameters.line_search_steps; ++ls)
            {
              alpha *= 0.5;
              problem.apply_direction(alpha);
              problem.assemble(true);
              new_fields = problem.residual_norms();
              new_norm   = largest(new_fields);
            }
          norm = new_norm;
          result.field_residuals.push_back(new_fields);
          result.residuals.push_back(norm);
        }
    }
  } // namespace solvers
} // namespace siswell
