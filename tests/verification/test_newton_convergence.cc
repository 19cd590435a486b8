// Newton converges quadratically on the default case: with the exact
// Jacobian the normalised residual (largest over the three fields) obeys
// r_{k+1} <= C r_k² with C of order one, from r_k < 0.1 down to round-off
// (r_{k+1} > 1e-12). Per-field sequences are not used: through the coupling
// a field's residual follows the square of the total error, not of itself.
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
  unsigned int checked = 0;
  double       largest_constant = 0.;
  // a few steps into the lithiation, where stresses are already at GPa level
  for (unsigned int step = 0; step < 6; ++step)
    {
      const auto r = sim->solve_step(60., 1.);
      REQUIRE(r.converged);
      CHECK(r.iterations <= 5);
      std::ostringstream seq;
      for (const double x : r.residuals)
        seq << x << ' ';
      INFO("step " << step << " residuals: " << seq.str());
      for (unsigned int k = 0; k + 1 < r.residuals.size(); ++k)
        {
          const double a = r.residuals[k], b = r.residuals[k + 1];
          if (a < 1e-1 && b > 1e-12)
            {
              // quadratic: b <= C a² with C of order one. A Jacobian with a
              // relative error ρ converges linearly, b ≈ ρ a, i.e. C ≈ ρ / a,
              // which exceeds 20 once a < ρ / 20: this detects ρ > 4e-3 at the
              // a ≈ 2e-4 reached here, and ρ > 1e-6 at the smallest a.
              const double constant = b / (a * a);
              INFO("k " << k << ": r_k " << a << ", r_k+1 " << b << ", C " << constant);
              CHECK(constant <= 20.);
              largest_constant = std::max(largest_constant, constant);
              ++checked;
            }
        }
    }
  WARN("largest r_{k+1} / r_k^2 = " << largest_constant << " over " << checked << " iterations");
  CHECK(checked >= 6);
}
