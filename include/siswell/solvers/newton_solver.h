#pragma once

#include <deal.II/base/parameter_handler.h>

#include <ostream>
#include <string>
#include <vector>

namespace siswell
{
  namespace solvers
  {
    /**
     * What Newton's method needs from a nonlinear problem, and nothing of its
     * physics: residual and Jacobian, residual norms per field normalised by
     * their physical scales, the linear solve and the update.
     */
    class NonlinearProblem
    {
    public:
      virtual ~NonlinearProblem() = default;

      /// Assemble the residual at the current iterate and, if asked, the Jacobian.
      virtual void
      assemble(const bool with_jacobian) = 0;

      /// Residual norms per field, each divided by its reference scale (-).
      virtual std::vector<double>
      residual_norms() const = 0;

      /// Names of the fields, in the order of residual_norms().
      virtual std::vector<std::string>
      field_names() const = 0;

      /// Solve J δ = −R for the Newton direction and store it; returns linear iterations.
      virtual unsigned int
      solve_for_direction() = 0;

      /// The relative tolerance η (-) of the next linear solves of
      /// solve_for_direction() (the forcing term of inexact Newton). Returns
      /// whether it applies: a problem with a direct solver ignores it.
      virtual bool
      set_linear_tolerance(const double /*eta*/)
      {
        return false;
      }

      /// Move the iterate to (iterate at the start of the line search) + α δ.
      virtual void
      apply_direction(const double alpha) = 0;

      /// Remember the current iterate as the start of a line search.
      virtual void
      store_iterate() = 0;

      /// Where the last assembly met a state without a residual (an inverted
      /// element, a failed constitutive update), for the message of a failed
      /// step; empty if it did not or the problem cannot tell. The same on every rank.
      virtual std::string
      invalid_state_location() const
      {
        return {};
      }
    };

    /// Parameters of subsection "Newton".
    struct NewtonParameters
    {
      static void
      declare_parameters(dealii::ParameterHandler &prm);
      void
      parse_parameters(dealii::ParameterHandler &prm);

      /// 'Linear tolerance': how tightly each Newton direction is solved.
      enum class Forcing
      {
        /// 'Linear solver/Relative tolerance' at every iteration
        fixed,
        /// Eisenstat–Walker choice 2 (see NewtonSolver), floored by it
        eisenstat_walker
      };

      unsigned int max_iterations    = 12;
      double       tolerance         = 1e-9;
      unsigned int line_search_steps = 4;
      Forcing      forcing           = Forcing::eisenstat_walker;
      /// The floor of the forcing term: 'Linear solver/Relative tolerance'
      /// (set by the caller that knows both subsections).
      double minimum_forcing = 1e-10;
      /// Print each iterate's field residuals and line-search step ('Newton/Log iterations').
      bool log_iterations = false;
    };

    /// Outcome of one Newton solve.
    struct NewtonResult
    {
      bool         converged         = false;
      unsigned int iterations        = 0;
      unsigned int linear_iterations = 0;
      /// Iterations of the hardest single Newton solve: equal to iterations for one solve;
      /// a step with contact sums several (one per multiplier update) into iterations, and
      /// the time-step control judges the step by this one.
      unsigned int hardest_solve_iterations = 0;
      /// Largest normalised field residual at each iterate (the first is the initial one).
      std::vector<double> residuals;
      /// Normalised residual of each field at each iterate (same order as residuals).
      std::vector<std::vector<double>> field_residuals;
      /// Why it stopped, when it did not converge.
      std::string reason;
    };

    /**
     * Newton's method with a backtracking line search on the largest
     * normalised field residual. Converged when every field's normalised
     * residual is below the tolerance.
     *
     * Inexact Newton (Forcing::eisenstat_walker; it only matters for an
     * iterative linear solver): with r_k the largest normalised residual,
     * the direction of iteration k is solved to the relative tolerance
     *   η_0 = 0.1,  η_k = 0.9 (r_k / r_{k−1})²       (Eisenstat & Walker 1996, choice 2)
     * safeguarded by η_k ≥ 0.9 η_{k−1}² when that exceeds 0.1 (no sudden
     * tightening after one lucky iterate), η_k ≤ 0.1, and
     * η_k ≥ 0.5 tol / r_k (the last solve need only reach the Newton
     * tolerance; Kelley 1995, §6.3), and at least minimum_forcing. The
     * exponent 2 keeps the convergence q-quadratic.
     */
    class NewtonSolver
    {
    public:
      /// @p log: where 'Log iterations' prints (nullptr: nowhere; pass a stream that only
      /// rank 0 writes, e.g. a ConditionalOStream's).
      explicit NewtonSolver(const NewtonParameters &parameters, std::ostream *log = nullptr);

      NewtonResult
      solve(NonlinearProblem &problem) const;

    private:
      NewtonParameters parameters;
      std::ostream    *log;
    };
  } // namespace solvers
} // namespace siswell
