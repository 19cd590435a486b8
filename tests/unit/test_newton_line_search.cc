// Newton's line search on a scalar equation where the full step overshoots,
// R(x) = atan(x) from x0 = 2 (Newton diverges without it): every trial point
// is assembled once, with its Jacobian, and the direction of each iteration
// is solved with the Jacobian of the point that was accepted.
#include <siswell/solvers/newton_solver.h>

#include <catch2/catch.hpp>

#include <cmath>

namespace
{
  class Arctan : public siswell::solvers::NonlinearProblem
  {
  public:
    void
    assemble(const bool with_jacobian) override
    {
      ++assemblies;
      residual_only += with_jacobian ? 0 : 1;
      R = std::atan(x);
      if (with_jacobian)
        {
          J             = 1. / (1. + x * x);
          x_of_jacobian = x;
        }
    }
    std::vector<double>
    residual_norms() const override
    {
      return {std::abs(R)};
    }
    std::vector<std::string>
    field_names() const override
    {
      return {"x"};
    }
    unsigned int
    solve_for_direction() override
    {
      // the Jacobian must be the one of the current (accepted) iterate
      CHECK(x_of_jacobian == x);
      delta = -R / J;
      ++solves;
      return 1;
    }
    void
    apply_direction(const double alpha) override
    {
      x = x_start + alpha * delta;
      ++trial_points;
    }
    void
    store_iterate() override
    {
      x_start = x;
    }

    double       x = 2., x_start = 2., R = 0., J = 1., delta = 0., x_of_jacobian = -1.;
    unsigned int assemblies = 0, residual_only = 0, solves = 0, trial_points = 0;
  };
} // namespace

TEST_CASE("Newton line search: one assembly per trial point, the accepted one's Jacobian",
          "[newton][line-search]")
{
  siswell::solvers::NewtonParameters parameters;
  parameters.tolerance         = 1e-12;
  parameters.max_iterations    = 30;
  parameters.line_search_steps = 6;
  Arctan     problem;
  const auto result = siswell::solvers::NewtonSolver(parameters).solve(problem);
  REQUIRE(result.converged);
  CHECK(std::abs(problem.x) < 1e-12);
  // x0 = 2 overshoots (the full step lands at -3.5): the line search was used
  CHECK(problem.trial_points > result.iterations);
  // one assembly at the start and one per trial point, none residual-only
  CHECK(problem.assemblies == 1 + problem.trial_points);
  CHECK(problem.residual_only == 0);
  CHECK(problem.solves == result.iterations);
}
