// Newton converges quadratically on the default case: with the exact
// Jacobian, each normalised residual is bounded by a constant times the
// square of the previous one until round-off is reached.
#include "case_builder.h"

#include <catch2/catch.hpp>

#include <cmath>

TEST_CASE("quadratic Newton convergence on the default case", "[newton]")
{
  std::ostringstream log;
  auto sim = test::simulation<2>(R"(
subsection Newton
  set Tolerance = 1e-13
  set Maximum iterations = 20
end
)",
                                 log);
  // a few steps into the lithiation, where stresses are already at GPa level
  unsigned int checked = 0;
  for (unsigned int step = 0; step < 6; ++step)
    {
      const auto r = sim->solve_step(60., 1.);
      REQUIRE(r.converged);
      std::ostringstream seq;
      for (const double x : r.residuals)
        seq << x << ' ';
      INFO("step " << step << " residuals: " << seq.str());
      // order of convergence p = log(r_{k+1}/r_{k}) / log(r_k/r_{k-1}), measured
      // where residuals are between 1e-1 and 1e-12 (above the round-off floor)
      for (unsigned int k = 1; k + 1 < r.residuals.size(); ++k)
        {
          const double a = r.residuals[k - 1], b = r.residuals[k], c = r.residuals[k + 1];
          if (a < 1e-1 && c > 1e-12 && b < a)
            {
              const double order = std::log(c / b) / std::log(b / a);
              INFO("order " << order);
              // the residual is the largest of three normalised field norms, and the
              // field that dominates can change between iterations, which lowers the
              // apparent order below 2; an inexact Jacobian would give order ≈ 1
              CHECK(order >= 1.5);
              ++checked;
            }
        }
      CHECK(r.iterations <= 5);
    }
  CHECK(checked >= 3);
}
