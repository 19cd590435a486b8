// Diffusion-induced stress in an elastic sphere under galvanostatic
// lithiation, small-strain limit, one-way coupling: Cheng & Verbrugge,
// J. Power Sources 190 (2009) 453 (THEORY.md). With c̄ the mean of
// c̃ = c − c_0, the hydrostatic stress is σ_h(r) = 2ΩE/(9(1−ν)) (c̄ − c̃(r)):
// its maximum is the radial stress at the centre, σ_r(0), and its minimum
// is 2/3 of the hoop stress at the surface, σ_θ(R). Both are read from
// the history extremes (max/min hydrostatic stress).
#include "case_builder.h"

#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

namespace
{
  constexpr double R = 1e-6, D = 1e-16, E = 50e9, nu = 0.25, Omega = 1e-10;

  /// Roots of tan λ = λ (the first ~60).
  std::vector<double>
  eigenvalues()
  {
    std::vector<double> l;
    for (unsigned int n = 1; n <= 60; ++n)
      {
        double x = (n + 0.5) * M_PI - 1e-3; // just below the asymptote
        for (unsigned int it = 0; it < 100; ++it)
          x -= (std::tan(x) - x) / (1. / (std::cos(x) * std::cos(x)) - 1.);
        l.push_back(x);
      }
    return l;
  }

  /// c̃(x) / (J R / D) at x = r/R (x = 0 by its limit), dimensionless time τ.
  double
  c_tilde(const double x, const double tau)
  {
    double sum = 0.;
    for (const double l : eigenvalues())
      sum += std::exp(-l * l * tau) * (x < 1e-12 ? l : std::sin(l * x) / x) / (l * l * std::sin(l));
    return 3. * tau + x * x / 2. - 0.3 - 2. * sum;
  }

  struct Errors
  {
    double centre, surface;
    /// Largest number of unknowns of the run, and its mean over the steps.
    double max_unknowns = 0., mean_unknowns = 0.;
    /// Largest relative change of the lithium inventory through a refinement.
    double worst_inventory_change = 0.;
  };

  /// With @p adapt_every > 0, sim->adapt_mesh() after every adapt_every steps.
  template <int dim>
  std::vector<Errors>
  run(const std::string         &geometry,
      const std::vector<double> &taus,
      const double               dt,
      const unsigned int         adapt_every = 0)
  {
    std::ostringstream log;
    auto               sim = test::simulation<dim>(geometry + R"(
subsection Materials
  subsection Active material
    set Young's modulus = 50e9
    set Poisson's ratio = 0.25
    set Partial molar volume = 1e-10
    set Diffusivity = 1e-16
    set Stress coupling = none
  end
end
subsection Cycling
  set C-rate = 0.5
end
subsection Newton
  set Tolerance = 1e-11
end
)",
                                     log);
    const double       J =
        sim->current() / (siswell::materials::ActiveMaterial::faraday * sim->flux_area());
    const double        scale = 2. * Omega * E / (9. * (1. - nu)) * J * R / D;
    std::vector<Errors> errors;
    double              t = 0., unknowns_sum = 0., max_unknowns = 0., worst = 0.;
    unsigned int        steps = 0;
    for (const double tau : taus)
      {
        const double t_end = tau * R * R / D;
        while (t < t_end - 1e-9)
          {
            const double h = std::min(dt, t_end - t);
            REQUIRE(sim->solve_step(h, 1.).converged);
            t += h;
            unknowns_sum += sim->problem().n_dofs();
            max_unknowns = std::max(max_unknowns, double(sim->problem().n_dofs()));
            if (adapt_every > 0 && ++steps % adapt_every == 0)
              {
                const double before = sim->measure().lithium;
                sim->adapt_mesh();
                const double after = sim->measure().lithium;
                worst              = std::max(worst, std::abs(after - before) / before);
              }
          }
        const auto   row    = sim->measure();
        const double mean   = 3. * tau;
        const double centre = scale * (mean - c_tilde(0., tau));
        const double surf   = scale * (mean - c_tilde(1., tau));
        const Errors e{std::abs(row.max_hydrostatic - centre) / std::abs(centre),
                       std::abs(row.min_hydrostatic - surf) / std::abs(surf),
                       max_unknowns,
                       unknowns_sum / std::max(1u, steps),
                       worst};
        if (adapt_every == 0)
          steps = static_cast<unsigned int>(std::round(t / dt));
        WARN("tau " << tau << ", " << max_unknowns << " unknowns at most: sigma_r(0) "
                    << row.max_hydrostatic << " vs " << centre << " (rel. error " << e.centre
                    << "), sigma_theta(R) " << 1.5 * row.min_hydrostatic << " vs " << 1.5 * surf
                    << " (rel. error " << e.surface << ")");
        errors.push_back(e);
      }
    return errors;
  }
} // namespace

TEST_CASE("Cheng-Verbrugge sphere, axisymmetric", "[cheng-verbrugge][axisymmetric]")
{
  const std::string geometry = R"(
subsection Geometry
  set Coordinate system = axisymmetric
  set Shape = particle
  set Global refinements = %
end
)";
  auto              with     = [&](const unsigned int refinements) {
    std::string g = geometry;
    g.replace(g.find('%'), 1, std::to_string(refinements));
    return g;
  };
  const auto coarse = run<2>(with(2), {0.05, 0.2}, 2.);
  const auto fine   = run<2>(with(3), {0.05, 0.2}, 2.);
  for (unsigned int k = 0; k < 2; ++k)
    {
      CHECK(fine[k].centre < 0.02);
      CHECK(fine[k].surface < 0.02);
    }
  // the error falls under refinement (time step fixed and small)
  CHECK(fine[0].surface < coarse[0].surface);
}

TEST_CASE("Cheng-Verbrugge sphere, 3D octant", "[cheng-verbrugge][3d]")
{
  const auto e = run<3>(R"(
subsection Geometry
  set Coordinate system = 3d
  set Shape = particle
  set Global refinements = 2
end
subsection Boundary conditions
  set Symmetry planes = x0, y0, z0
end
)",
                        {0.05, 0.2},
                        10.);
  for (const auto &x : e)
    {
      CHECK(x.centre < 0.02);
      CHECK(x.surface < 0.02);
    }
}

// Adaptive refinement against the uniform mesh of the test above (time
// step 10 s for both): the run starts one level coarser (level 2), refines
// and coarsens every 5 steps by the concentration indicator (h² |D²θ|),
// between levels 2 and 4, with at most 170 cells (the uniform mesh has 192).
// Measured (doc/theory.md §7b): the error of the hoop stress at the surface,
// the largest tensile stress, is 0.45 and 0.41 times the uniform mesh's, with
// 0.87 and 1.0 times its unknowns on average; the radial stress at the
// centre, where the mesh stays at level 2, is 3.6 and 3.9 times worse. On this
// smooth profile the second derivative of θ is nearly the same everywhere, so
// the indicator cannot save cells without losing the centre: the target "the
// uniform mesh's accuracy with fewer unknowns" is met at the surface only.
// Checked: surface error within 1.1 × the uniform one, fewer unknowns on
// average, the centre error below 3 % (the uniform test's bound is 2 %), and
// every refinement keeps the lithium inventory to 1e-12 relative (the
// transfer changes it by the movement of the curved surface and by
// coarsening; the correction puts it back).
TEST_CASE("Cheng-Verbrugge sphere, axisymmetric, adaptive",
          "[cheng-verbrugge][axisymmetric][adaptive]")
{
  const std::string axisymmetric = R"(
subsection Geometry
  set Coordinate system = axisymmetric
  set Shape = particle
  set Global refinements = %
end
)";
  auto              with         = [&](const unsigned int refinements, const std::string &more) {
    std::string g = axisymmetric;
    g.replace(g.find('%'), 1, std::to_string(refinements));
    return g + more;
  };
  const auto uniform  = run<2>(with(3, ""), {0.05, 0.2}, 10.);
  const auto adaptive = run<2>(with(2, R"(
subsection Adaptive refinement
  set Indicator        = concentration
  set Refine fraction  = 0.2
  set Coarsen fraction = 0.2
  set Minimum level    = 2
  set Maximum level    = 4
  set Maximum cells    = 170
end
)"),
                               {0.05, 0.2},
                               10.,
                               5);
  for (unsigned int k = 0; k < 2; ++k)
    {
      WARN("tau " << (k ? 0.2 : 0.05) << ": uniform " << uniform[k].max_unknowns
                  << " unknowns, errors centre " << uniform[k].centre << ", surface "
                  << uniform[k].surface << "; adaptive at most " << adaptive[k].max_unknowns
                  << " (mean " << adaptive[k].mean_unknowns << ", ratio "
                  << adaptive[k].mean_unknowns / uniform[k].max_unknowns << "), errors centre "
                  << adaptive[k].centre << ", surface " << adaptive[k].surface
                  << "; worst inventory change through a refinement "
                  << adaptive[k].worst_inventory_change);
      CHECK(adaptive[k].centre < 0.03);
      CHECK(adaptive[k].surface <= 1.1 * uniform[k].surface);
      CHECK(adaptive[k].mean_unknowns < uniform[k].max_unknowns);
      CHECK(adaptive[k].worst_inventory_change < 1e-12);
    }
}
