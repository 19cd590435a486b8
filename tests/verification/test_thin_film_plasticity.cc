// Thin a-Si film on a rigid substrate, elastic–perfectly plastic, lithiated
// to θ = 0.5 (J_s = 2.36: finite strain) and delithiated to θ = 0.05.
//
// Closed form (THEORY.md, exact at finite strain for this model): the
// in-plane log strain is zero, so the elastic in-plane log strain is
// ε_e = −⅓ ln J_s − ε_p and the stress per swollen volume is biaxial,
// σ̂ = M ε_e (M = E / (1 − ν)), |σ̂| ≤ σ_Y. Lithiating, σ̂ = max(−M ln J_s / 3,
// −σ_Y); delithiating from the peak J_s^max of each point,
// σ̂ = min(−σ_Y + M ln(J_s^max / J_s) / 3, σ_Y) once it has yielded on the way
// up. The Cauchy stress is σ = σ̂ / J_e, J_e = exp(2 ε_e (1 − 2ν)/(1 − ν)).
// Since the film only strains through its thickness, this holds pointwise for
// any concentration profile c(y), so each quadrature point is compared with
// the closed form at its own c. THEORY.md's finite-strain elastic slope
// −MΩ/(3 J_s) is the c-derivative of σ̂.
//
// Tolerance: 1 % of σ_Y, as the issue asks. The Q2 displacement satisfies
// σ_yy = 0 only weakly where c(y) varies through the film, which leaves an
// error of about 0.2 % of σ_Y on this 4-layer mesh (measured; it falls under
// refinement).
// The same run checks quadratic Newton convergence with active plasticity.
#include <siswell/io/derived_quantities.h>
#include <siswell/materials/active_material.h>
#include <siswell/materials/plastic_history.h>
#include <siswell/physics/point_evaluator.h>

#include "case_builder.h"

#include <deal.II/base/mpi.h>
#include <deal.II/fe/fe_values.h>
#include <deal.II/fe/mapping_q.h>
#include <deal.II/hp/fe_values.h>
#include <deal.II/hp/mapping_collection.h>

#include <catch2/catch.hpp>

#include <cmath>
#include <map>

using namespace dealii;

namespace
{
  const char *film_case = R"(
subsection Geometry
  set Coordinate system   = plane strain
  set Shape               = film
  set Film thickness      = 100e-9
  set Film width          = 25e-9
  set Film layers         = 4
  set Substrate thickness = 0
  set Global refinements  = 0
end
subsection Materials
  subsection Active material
    set Young's modulus = 80e9
    set Poisson's ratio = 0.25
    set Diffusivity     = 1e-16
    subsection Plasticity
      set Flow rule         = rate independent
      set Yield stress      = 1e9
      set Hardening modulus = 0
    end
  end
end
subsection Boundary conditions
  set Symmetry planes         = x0, side: x
  set Fixed displacement      = bottom
  set Lithium flux boundaries = surface
end
subsection Cycling
  set C-rate = 1
end
subsection Newton
  set Tolerance = 1e-11
  set Maximum iterations = 20
end
)";
} // namespace

TEST_CASE("thin film on a rigid substrate: biaxial elastic-plastic closed form",
          "[plasticity][thin-film]")
{
  std::ostringstream log;
  auto               sim     = test::simulation<2>(film_case, log);
  auto              &problem = sim->problem();
  const auto        &silicon =
      dynamic_cast<const siswell::materials::ActiveMaterial &>(*problem.materials().at(0));
  const double E = 80e9, nu = 0.25, M = E / (1. - nu), Y = 1e9;

  std::map<std::pair<unsigned int, unsigned int>, double> peak_log_Js; // per quadrature point
  double       worst = 0., min_sigma = 0., max_sigma = 0.;
  unsigned int quadratic_violations = 0, plastic_steps_checked = 0;
  double       largest_quadratic_constant = 0.;
  bool         all_plastic                = false;
  auto         smallest_plastic_strain    = [&] {
    double m = 1e300;
    for (const auto &cell : problem.dof_handler().active_cell_iterators())
      if (cell->is_locally_owned())
        for (unsigned int k = 0; k < problem.n_quadrature_points(); ++k)
          m = std::min(m,
                       siswell::materials::plastic_history::unpack(problem.point_history(cell, k))
                           .equivalent_plastic_strain);
    return Utilities::MPI::min(m, MPI_COMM_WORLD);
  };

  auto check_points = [&](const bool lithiating) {
    siswell::physics::PointEvaluator<2> points(problem, problem.quadrature());
    for (const auto &cell : problem.dof_handler().active_cell_iterators())
      if (cell->is_locally_owned())
        {
          points.reinit(cell);
          for (unsigned int k = 0; k < points.n_points(); ++k)
            {
              const auto  &s     = points[k];
              const double c     = s.c;
              const auto   dq    = siswell::io::derived_quantities(silicon, s.F, c, s.history);
              const double ln_Js = std::log(silicon.swelling(c).J_s);
              const auto   key   = std::make_pair(cell->active_cell_index(), k);
              double       s_hat;
              if (lithiating)
                {
                  peak_log_Js[key] = ln_Js;
                  s_hat            = std::max(-M * ln_Js / 3., -Y);
                }
              else
                {
                  const double peak = peak_log_Js.at(key);
                  REQUIRE(-M * peak / 3. < -Y); // yielded on the way up
                  s_hat = std::min(-Y + M * (peak - ln_Js) / 3., Y);
                }
              const double eps_e = s_hat / M;
              const double J_e   = std::exp(2. * eps_e * (1. - 2. * nu) / (1. - nu));
              const double sigma = s_hat / J_e;
              worst              = std::max({worst,
                                             std::abs(dq.cauchy[0][0] - sigma),
                                             std::abs(dq.cauchy[2][2] - sigma),
                                             std::abs(dq.cauchy[1][1])});
              min_sigma          = std::min(min_sigma, dq.cauchy[0][0]);
              max_sigma          = std::max(max_sigma, dq.cauchy[0][0]);
            }
        }
  };

  auto run_to = [&](const double target, const double sign) {
    while (sign * (target - sim->measure().state_of_charge) > 1e-9)
      {
        // 1C moves θ by 1 − θ_0 = 0.99 per hour
        const double remaining = sign * (target - sim->measure().state_of_charge) * 3600. / 0.99;
        const auto   result    = sim->solve_step(std::min(30., remaining), sign);
        INFO("Newton: " << result.reason << "; residuals " << [&] {
          std::ostringstream os;
          for (const double r : result.residuals)
            os << r << ' ';
          return os.str();
        }());
        REQUIRE(result.converged);
        check_points(sign > 0.);
        // quadratic convergence where the plastic zone cannot change during
        // the step: lithiating with every point already yielded (each stays
        // on the yield surface). Steps in which points cross the yield
        // surface are non-smooth and excluded. Measured: see the INFO line
        // (elastic steps: 1.84 r_k²; perfect plasticity leaves only the
        // volumetric stiffness in the flow direction, hence a larger
        // constant). Linear convergence at rate ρ would give
        // r_(k+1) / r_k² = ρ / r_k > 1e5 ρ for r_k < 1e-5, above the bound
        // 2000 unless ρ < 0.02.
        if (sign > 0. && all_plastic)
          {
            ++plastic_steps_checked;
            const auto &r = result.residuals;
            for (unsigned int i = 0; i + 1 < r.size(); ++i)
              if (r[i] < 1e-5 && r[i + 1] > 1e-13)
                {
                  largest_quadratic_constant =
                      std::max(largest_quadratic_constant, r[i + 1] / (r[i] * r[i]));
                  if (r[i + 1] > 2000. * r[i] * r[i])
                    ++quadratic_violations;
                }
          }
        all_plastic = smallest_plastic_strain() > 0.;
      }
  };

  run_to(0.5, 1.);
  const double compressive = min_sigma;
  run_to(0.05, -1.);
  const auto row = sim->measure();
  INFO("largest error against the closed form " << worst << " Pa (" << worst / Y
                                                << " sigma_Y); in-plane stress from " << compressive
                                                << " to " << max_sigma << " Pa");
  CHECK(worst <= 0.01 * Y);
  // both yield plateaus were reached: compressive −σ_Y / J_e, then tensile +σ_Y / J_e
  CHECK(compressive < -0.9 * Y);
  CHECK(max_sigma > 0.9 * Y);
  CHECK(row.max_plastic_strain > 0.);
  CHECK(row.plastic_dissipation > 0.);
  CHECK(plastic_steps_checked >= 10);
  INFO(plastic_steps_checked << " fully plastic steps; largest r_(k+1) / r_k^2 = "
                             << largest_quadratic_constant);
  CHECK(quadratic_violations == 0);
}
