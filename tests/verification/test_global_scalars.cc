// A user's global scalar unknown beside the built-in one, through the public
// API: the stack pressure p on the film top as a Lagrange multiplier of the
// fixed gap. The film (generalised plane strain: λ_z is the second global
// scalar) is filled uniformly to θ = 0.05 on a mesh stress-free at
// θ_ref = 0.01; a dead load p on the top (traction −p N on the reference
// area) holds the mean normal displacement of the top at zero,
// r = ∫_top u·N dA = 0. Uniaxial confinement: the closed form of the fixed
// gap (tests/verification/test_stack_pressure.cc, check_fixed_gap) is
// p = J_s E ln(J_s) / 3, reached here by another code path than the rigid
// platen's master dof: the bordered solve with two scalars, whose Schur
// complement has a zero diagonal entry for p (a saddle point).
#include "case_builder.h"

#include <siswell/geometry/geometry.h>
#include <siswell/physics/global_scalars.h>

#include <catch2/catch.hpp>

#include <cmath>

namespace
{
  using namespace siswell;

  /// Dead load p (the global scalar @p k) on boundary part @p id, and the
  /// equation of p: the mean normal displacement of that part is zero.
  class GapMultiplier : public physics::BoundaryTerm<2>
  {
  public:
    GapMultiplier(const dealii::types::boundary_id id, const unsigned int k) : ids{id}, k(k) {}
    std::string
    name() const override
    {
      return "gap multiplier";
    }
    const std::set<dealii::types::boundary_id> &
    boundary_ids() const override
    {
      return ids;
    }
    /// Its derivatives live in the border only.
    FieldCoupling
    coupling() const override
    {
      return FieldCoupling();
    }
    void
    add(const physics::PointData<2> &p,
        dealii::Vector<double>      &residual,
        dealii::FullMatrix<double> *) const override
    {
      const double pressure = p.scalars->value(k);
      for (unsigned int i = 0; i < p.field.size(); ++i)
        if (p.field[i] == Field::displacement)
          {
            const double nN = p.normal * p.shape_u[i];
            residual(i) += pressure * nN * p.JxW;
            if (p.border)
              {
                p.border->column[k](i) += nN * p.JxW; // ∂R_i/∂p
                p.border->row[k](i) += nN * p.JxW;    // ∂r/∂u_i
              }
          }
      if (p.border)
        p.border->r[k] += (p.u * p.normal) * p.JxW;
    }

  private:
    std::set<dealii::types::boundary_id> ids;
    unsigned int                         k;
  };

  const std::string film = R"(
subsection Geometry
  set Coordinate system   = plane strain
  set Plane strain        = generalised
  set Shape               = film
  set Film thickness      = 200e-9
  set Film width          = 400e-9
  set Film layers         = 2
  set Substrate thickness = 0
  set Global refinements  = 1
end
subsection Boundary conditions
  set Symmetry planes         = x0
  set Fixed displacement      = bottom: y
  set Lithium flux boundaries = surface
end
subsection Materials
  subsection Active material
    set Initial state of charge   = 0.05
    set Reference state of charge = 0.01
  end
end
subsection Newton
  set Tolerance = 1e-12
  set Maximum iterations = 30
end
)";
} // namespace

TEST_CASE("global scalars: a user's Lagrange multiplier beside the out-of-plane stretch",
          "[global-scalar]")
{
  for (const std::string solver :
       {"set Backend = PETSc",
        "set Backend = Trilinos",
        "set Backend = Trilinos\n set Method = iterative\n set Displacement operator = assembled"})
    {
      CAPTURE(solver);
      std::ostringstream log;
      // every direction solved to the linear tolerance (no inexact Newton):
      // the convergence rate checked below is that of the exact Jacobian
      Simulation<2> sim(test::parameters(film + "subsection Linear solver\n " + solver +
                                         "\nend\nsubsection Newton\n set Linear tolerance = fixed\nend\n"),
                        MPI_COMM_WORLD,
                        log);
      // scales: p in units of 100 MPa, its equation (m · m per unit depth) in 1e-14 m²
      const unsigned int k =
          sim.add_global_scalar("stack pressure", 0., 1e8, 1e-14, Field::displacement);
      sim.add_boundary_term(std::make_shared<GapMultiplier>(geometry::boundary_id::surface, k));
      sim.setup();
      const auto &scalars = sim.problem().global_scalars();
      REQUIRE(scalars.size() == 2);
      CHECK(scalars.index("stack pressure") == k);
      CHECK(scalars.index("out-of-plane stretch") == 1);

      const unsigned int setups = sim.problem().linear_solver().n_setups();
      const auto         result = sim.solve_step(10., 0.);
      for (unsigned int i = 0; i < result.field_residuals.size(); ++i)
        {
          std::ostringstream line;
          for (const double f : result.field_residuals[i])
            line << ' ' << f;
          UNSCOPED_INFO("iterate " << i << ": " << result.residuals[i] << " (fields" << line.str()
                                   << ")");
        }
      INFO("Newton: " << result.reason);
      REQUIRE(result.converged);
      // one set-up per Newton iteration (Jacobian), shared by its 3 solves
      CHECK(sim.problem().linear_solver().n_setups() - setups == result.residuals.size() - 1);
      // quadratic once close: r_(k+1) <= 20 r_k² (as for the platen's spring)
      unsigned int violations = 0;
      double       worst      = 0.;
      const auto  &r          = result.residuals;
      for (unsigned int i = 0; i + 1 < r.size(); ++i)
        if (r[i] < 1e-3 && r[i + 1] > 1e-13)
          {
            worst = std::max(worst, r[i + 1] / (r[i] * r[i]));
            violations += r[i + 1] > 20. * r[i] * r[i];
          }

      const double J_s      = 1. + 8.9e-6 * 3.11e5 * (0.05 - 0.01);
      const double E        = 90e9 - 50e9 * 0.05;
      const double expected = J_s * E * std::log(J_s) / 3.;
      const double p        = scalars.value(k);
      const auto   row      = sim.measure();
      INFO("p = " << p << " Pa, closed form " << expected << " Pa (relative error "
                  << std::abs(p - expected) / expected << "); λ_z = " << row.out_of_plane_stretch
                  << "; Newton iterations " << r.size() - 1 << ", largest r_(k+1)/r_k² " << worst);
      // the Newton tolerance 1e-12 bounds the stress error near 1e-12 E (as
      // for the platen's fixed gap, checked to 1e-8 p there)
      CHECK(std::abs(p - expected) <= 1e-8 * expected);
      // the equation holds: the top (400 nm long) did not move on average,
      // to 1e-12 of the film thickness
      CHECK(std::abs(scalars.residual(k)) * 1e-14 <= 1e-12 * 200e-9 * 400e-9);
      // free laterally and out of plane (σ_xx = σ_zz = 0): the lateral log
      // strain is ln J_s / 3 of swelling plus ν ln J_s / 3 of Poisson
      // expansion, so λ_z = J_s^((1 + ν)/3), ν = 0.22
      CHECK(std::abs(row.out_of_plane_stretch - std::pow(J_s, 1.22 / 3.)) <= 1e-9);
      CHECK(violations == 0);
    }
}
