#include <siswell/solvers/newton_solver.h>

#include <algorithm>
#include <cmath>
#include <iomanip>
#include <sstream>
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
      prm.declare_entry("Linear tolerance",
                        "Eisenstat-Walker",
                        dealii::Patterns::Selection("Eisenstat-Walker|fixed"),
                        "Iterative linear solver: how tightly each Newton direction is solved. "
                        "Eisenstat-Walker: loosely while the residual is far from converged "
                        "(relative 0.1 at first), tighter as Newton converges, so that the "
                        "convergence stays quadratic; never below 'Linear solver/Relative "
                        "tolerance'. fixed: 'Linear solver/Relative tolerance' at every "
                        "iteration. No effect with the direct solver.");
      prm.declare_entry("Log iterations",
                        "false",
                        dealii::Patterns::Bool(),
                        "Print every Newton iterate: the normalised residual of each field "
                        "and the accepted line-search step (for finding out why a step does "
                        "not converge).");
      prm.leave_subsection();
    }

    void
    NewtonParameters::parse_parameters(dealii::ParameterHandler &prm)
    {
      prm.enter_subsection("Newton");
      max_iterations    = prm.get_integer("Maximum iterations");
      tolerance         = prm.get_double("Tolerance");
      line_search_steps = prm.get_integer("Line search steps");
      log_iterations    = prm.get_bool("Log iterations");
      forcing = prm.get("Linear tolerance") == "fixed" ? Forcing::fixed : Forcing::eisenstat_walker;
      prm.leave_subsection();
    }

    NewtonSolver::NewtonSolver(const NewtonParameters &parameters, std::ostream *log)
        : parameters(parameters), log(parameters.log_iterations ? log : nullptr)
    {
    }

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

      void
      print_iterate(std::ostream              &out,
                    const NonlinearProblem    &problem,
                    const unsigned int         iteration,
                    const std::vector<double> &fields,
                    const double               alpha,
                    const unsigned int         linear_iterations,
                    const double               eta)
      {
        const auto names = problem.field_names();
        out << "           Newton " << std::setw(2) << iteration << " ";
        for (unsigned int f = 0; f < fields.size() && f < names.size(); ++f)
          out << " " << names[f] << " " << std::setprecision(2) << std::scientific << fields[f];
        if (iteration > 0)
          {
            out << "  step " << std::defaultfloat << std::setprecision(4) << alpha << "  linear "
                << linear_iterations;
            if (eta > 0.)
              out << " to " << std::setprecision(2) << std::scientific << eta;
          }
        out << std::defaultfloat << std::setprecision(6) << std::endl;
      }

      /// Eisenstat–Walker forcing term (choice 2) with its safeguards, see
      /// the class documentation.
      double
      forcing_term(const NewtonParameters &p,
                   const unsigned int      iteration,
                   const double            norm,
                   const double            previous_norm,
                   const double            previous_eta)
      {
        constexpr double eta_max = 0.1, gamma = 0.9, alpha = 2.;
        double           eta = eta_max;
        if (iteration > 0 && previous_norm > 0.)
          {
            eta                   = gamma * std::pow(norm / previous_norm, alpha);
            const double previous = gamma * std::pow(previous_eta, alpha);
            if (previous > 0.1)
              eta = std::max(eta, previous);
          }
        if (norm > 0.)
          eta = std::max(eta, 0.5 * p.tolerance / norm);
        return std::max(std::min(eta, eta_max), p.minimum_forcing);
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
      if (log)
        print_iterate(*log, problem, 0, result.field_residuals.back(), 0., 0, 0.);
      unsigned int linear        = 0;
      double       previous_norm = 0., eta = 0.;
      bool         inexact = false;
      while (true)
        {
          if (!std::isfinite(norm))
            {
              // which field, and where the state was invalid if the problem can tell
              const auto         names = problem.field_names();
              const auto        &last  = result.field_residuals.back();
              std::ostringstream why;
              why << "residual is not finite";
              std::string fields;
              for (unsigned int f = 0; f < last.size() && f < names.size(); ++f)
                if (!std::isfinite(last[f]))
                  fields += (fields.empty() ? "" : ", ") + names[f];
              const std::string where = problem.invalid_state_location();
              if (!where.empty())
                why << " (invalid state at " << where << ")";
              else if (!fields.empty())
                why << " in " << fields << " (inverted element or state of charge outside (0, 1))";
              else
                why << " (inverted element or state of charge outside (0, 1))";
              if (result.iterations > 0)
                why << " at Newton iteration " << result.iterations;
              result.reason = why.str();
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
              if (parameters.forcing == NewtonParameters::Forcing::eisenstat_walker)
                {
                  eta     = forcing_term(parameters, result.iterations, norm, previous_norm, eta);
                  inexact = problem.set_linear_tolerance(eta);
                }
              linear = problem.solve_for_direction();
              result.linear_iterations += linear;
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
          previous_norm = norm;
          norm          = new_norm;
          if (log)
            print_iterate(
                *log, problem, result.iterations, new_fields, alpha, linear, inexact ? eta : 0.);
          result.field_residuals.push_back(new_fields);
          result.residuals.push_back(norm);
        }
    }
  } // namespace solvers
} // namespace siswell
