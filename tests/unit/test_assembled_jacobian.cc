// The assembled Jacobian equals central finite differences of the assembled
// residual, block by block, for each geometry type and coordinate system, at a
// random non-equilibrium state (non-uniform c, μ and displacement), with
// lithium inflow, a follower pressure and an inert solid bonded to silicon.
#include <siswell/materials/plastic_history.h>
#include <siswell/simulation/simulation.h>

#include <deal.II/base/mpi.h>

#include <catch2/catch.hpp>

#include "finite_differences.h"

#include <algorithm>
#include <cmath>
#include <random>
#include <sstream>

using namespace dealii;

namespace
{
  template <int dim>
  void
  check_jacobian(const std::string &case_text, const double length)
  {
    ParameterHandler prm;
    siswell::RunParameters::declare_parameters(prm);
    prm.parse_input_from_string(case_text);
    siswell::RunParameters p;
    p.parse(prm);
    std::ostringstream       log;
    siswell::Simulation<dim> sim(p, MPI_COMM_WORLD, log);
    sim.setup();
    auto &problem = sim.problem();
    auto &x       = problem.solution();

    // random admissible state: θ in (0.05, 0.6), μ near μ_ch, |u| ~ 2 % of the size
    std::mt19937                           rng(42);
    std::uniform_real_distribution<double> uni(0., 1.);
    const auto                            &mat = p.active_material;
    // serial test: the locally owned dofs are all dofs
    std::vector<IndexSet> field;
    for (unsigned int f = 0; f < 3; ++f)
      field.push_back(problem.locally_owned_field_dofs(f));
    const double RT = siswell::materials::ActiveMaterial::gas_constant * mat.temperature;
    for (const auto i : field[0])
      if (!problem.constraints().is_constrained(i))
        x(i) = 0.02 * length * (uni(rng) - 0.5);
    for (const auto i : field[1])
      x(i) = mat.c_max * (0.05 + 0.55 * uni(rng));
    for (const auto i : field[2])
      x(i) = RT * (uni(rng) - 0.5);
    // make the state satisfy the constraints (a platen's dofs follow its master)
    auto distribute = [&]() {
      x.zero_out_ghost_values();
      problem.constraints().distribute(x);
      x.update_ghost_values();
    };
    distribute();
    // assemble the residual at x + t δ (δ: dof, value pairs), call read(), and go back to x
    using Direction = std::vector<std::pair<types::global_dof_index, double>>;
    auto perturbed  = [&](const Direction &delta, const double t, const auto &read) {
      const siswell::solvers::Vector x0(x);
      for (const auto &[j, d] : delta)
        x(j) += t * d;
      distribute();
      problem.assemble(false);
      const auto value = read();
      x                = x0;
      distribute();
      return value;
    };
    const bool generalised = p.geometry.generalised_plane_strain;
    if (generalised)
      problem.set_out_of_plane_stretch(1.3);

    problem.set_time_step(7.);
    problem.assemble(true);
    const auto              &J        = problem.linear_solver();
    const double             scale[3] = {length, mat.c_max, RT};
    siswell::solvers::Vector R0(problem.residual());

    // Taylor test per block (row field, column field): a random direction δ
    // in the free dofs of the column field (|δ_j| <= its scale), the
    // remainders r(h) = R(x + h δ) − R(x) − h J δ at h1 and h2 = h1/2 on the
    // free rows of the row field. See check_taylor() for the checks.
    double       worst  = 0.;
    unsigned int blocks = 0;
    for (unsigned int f_col = 0; f_col < 3; ++f_col)
      for (unsigned int direction = 0; direction < 2; ++direction)
        {
          Direction delta;
          for (const auto j : field[f_col])
            if (!problem.constraints().is_constrained(j))
              delta.emplace_back(j, scale[f_col] * (2. * uni(rng) - 1.));
          if (f_col == 0 && problem.has_platen() && direction == 0)
            {
              // the platen unknown alone: its column must be checked
              delta.clear();
              delta.emplace_back(problem.platen_unknown(), scale[0]);
            }
          REQUIRE(!delta.empty());
          auto residual_at = [&](const double t) {
            return perturbed(
                delta, t, [&]() { return siswell::solvers::Vector(problem.residual()); });
          };
          const double h1 = 1e-5, h2 = 0.5 * h1;
          const auto   R1 = residual_at(h1), R2 = residual_at(h2);
          for (unsigned int f_row = 0; f_row < 3; ++f_row)
            {
              siswell::testing::TaylorRemainders t;
              for (const auto i : field[f_row])
                {
                  if (problem.constraints().is_constrained(i))
                    continue;
                  // J̃ is in scaled unknowns: dR̃/dx_j = J̃_ij / s_x(j)
                  double Jd = 0.;
                  for (const auto &[j, d] : delta)
                    Jd += J.el(i, j) * d / problem.unknown_scale(f_col);
                  t.add(R1(i) - R0(i) - h1 * Jd, R2(i) - R0(i) - h2 * Jd, h1 * Jd, R0(i));
                }
              const std::string what = "block row " + std::to_string(f_row) + " col " +
                                       std::to_string(f_col) + " direction " +
                                       std::to_string(direction);
              siswell::testing::check_taylor(what, t, h1);
              worst = std::max(worst, t.relative_error(h1));
              ++blocks;
            }
        }
    CHECK(blocks == 18);
    const unsigned int checked = blocks;

    WARN("largest relative Jacobian error (Richardson estimate from the Taylor remainders) "
         << worst << " over " << checked << " blocks");

    // with plasticity, the state must actually flow at most points, or the
    // check above would only have seen the elastic tangent
    if (sim.problem().materials().at(0)->is_plastic())
      {
        problem.assemble(false);
        problem.commit_step(); // the states of this assembly become readable
        unsigned int flowing = 0, total = 0;
        for (const auto &cell : problem.dof_handler().active_cell_iterators())
          for (unsigned int q = 0; q < problem.n_quadrature_points(); ++q, ++total)
            flowing += siswell::materials::plastic_history::unpack(problem.point_history(cell, q))
                           .equivalent_plastic_strain > 0.;
        WARN(flowing << " of " << total << " quadrature points flow plastically");
        CHECK(flowing >= total / 2);
      }

    if (!generalised)
      return;
    // the border of the bordered system: dR/dλ_z and dr/dλ_z by a Taylor
    // test in λ_z, dr/dx by one in the dofs; the same checks as above
    problem.assemble(true);
    const auto        &scalars = problem.global_scalars();
    const unsigned int k       = scalars.index("out-of-plane stretch");
    REQUIRE(scalars.size() == 1);
    // copies: assemble() below overwrites the border
    const siswell::solvers::Vector dR_dstretch(scalars.column(k)), dr_dx(scalars.row(k));
    const double                   r0 = scalars.residual(k), dr_dstretch = scalars.tangent(k, k);
    siswell::solvers::Vector       R00(problem.residual());
    const double                   h1 = 1e-5, h2 = 0.5 * h1;
    auto                           at_stretch = [&](const double t) {
      problem.set_out_of_plane_stretch(1.3 + t);
      problem.assemble(false);
      std::pair<siswell::solvers::Vector, double> r(problem.residual(), scalars.residual(k));
      problem.set_out_of_plane_stretch(1.3);
      return r;
    };
    const auto                         S1 = at_stretch(h1), S2 = at_stretch(h2);
    siswell::testing::TaylorRemainders t_R, t_r;
    for (const auto i : x.locally_owned_elements())
      if (!problem.constraints().is_constrained(i))
        t_R.add(S1.first(i) - R00(i) - h1 * dR_dstretch(i),
                S2.first(i) - R00(i) - h2 * dR_dstretch(i),
                h1 * dR_dstretch(i),
                R00(i));
    t_r.add(
        S1.second - r0 - h1 * dr_dstretch, S2.second - r0 - h2 * dr_dstretch, h1 * dr_dstretch, r0);
    siswell::testing::check_taylor("dR/dstretch", t_R, h1);
    siswell::testing::check_taylor("dr/dstretch", t_r, h1);
    for (unsigned int f = 0; f < 3; ++f)
      {
        Direction delta;
        for (const auto j : field[f])
          if (!problem.constraints().is_constrained(j))
            delta.emplace_back(j, scale[f] * (2. * uni(rng) - 1.));
        auto r_at = [&](const double t) {
          return perturbed(delta, t, [&]() { return scalars.residual(k); });
        };
        double cd = 0.; // dr/dx δ (dr̃/dx̃ is per scaled unknown)
        for (const auto &[j, d] : delta)
          cd += dr_dx(j) * d / problem.unknown_scale(f);
        siswell::testing::TaylorRemainders t;
        t.add(r_at(h1) - r0 - h1 * cd, r_at(h2) - r0 - h2 * cd, h1 * cd, r0);
        siswell::testing::check_taylor("dr/dx field " + std::to_string(f), t, h1);
      }
  }

  const std::string common = R"(
subsection Time stepping
  set Initial time step = 7
end
subsection Cycling
  set C-rate = 2
end
)";
} // namespace

TEST_CASE("assembled Jacobian: axisymmetric particle in an electrolyte shell", "[jacobian]")
{
  check_jacobian<2>(common + R"(
subsection Geometry
  set Coordinate system = axisymmetric
  set Shape = particle
  set Symmetry = quarter
  set Electrolyte shell thickness = 0.3e-6
  set Global refinements = 0
end
subsection Materials
  set Electrolyte material ids = 1
  subsection Active material
    set Poisson's ratio = 0:0.22, 1:0.28
    set Diffusivity = 0:1e-16, 1:4e-16
    set Regular solution parameter = 1000
  end
end
subsection Boundary conditions
  set Symmetry planes = y0
  set Lithium flux boundaries = y0
  set Pressure = outer: 50e6
end
)",
                    1e-6);
}

TEST_CASE("assembled Jacobian: plane-strain film on a substrate under pressure", "[jacobian]")
{
  check_jacobian<2>(common + R"(
subsection Geometry
  set Coordinate system = plane strain
  set Shape = film
  set Film width = 0.4e-6
  set Film layers = 2
  set Substrate thickness = 0.2e-6
  set Global refinements = 0
end
subsection Materials
  set Collector material ids = 2
  subsection Active material
    set Swelling law = tabulated
    set Tabulated volume ratio = 0:1, 0.5:2.3, 1:3.8
  end
end
subsection Boundary conditions
  set Symmetry planes = x0
  set Fixed displacement = bottom
  set Pressure = side: 20e6
end
)",
                    200e-9);
}

TEST_CASE("assembled Jacobian: generalised plane strain, film under pressure", "[jacobian]")
{
  check_jacobian<2>(common + R"(
subsection Geometry
  set Coordinate system = plane strain
  set Plane strain = generalised
  set Shape = film
  set Film width = 0.4e-6
  set Film layers = 2
  set Substrate thickness = 0.2e-6
  set Global refinements = 0
end
subsection Materials
  set Collector material ids = 2
  subsection Active material
    set Poisson's ratio = 0:0.22, 1:0.28
  end
end
subsection Boundary conditions
  set Symmetry planes = x0
  set Fixed displacement = bottom: y
  set Pressure = side: 20e6, surface: 5e6
end
)",
                    200e-9);
}

TEST_CASE("assembled Jacobian: 3D octant of a particle", "[jacobian]")
{
  check_jacobian<3>(common + R"(
subsection Geometry
  set Coordinate system = 3d
  set Shape = particle
  set Symmetry = quarter
  set Global refinements = 0
end
subsection Boundary conditions
  set Symmetry planes = x0, y0, z0
  set Pressure = surface: 30e6
end
)",
                    1e-6);
}

TEST_CASE("assembled Jacobian: 3D quarter pillar", "[jacobian]")
{
  check_jacobian<3>(common + R"(
subsection Geometry
  set Coordinate system = 3d
  set Shape = pillar
  set Symmetry = quarter
  set Pillar height = 1e-6
  set Global refinements = 0
end
subsection Discretisation
  set Displacement degree = 1
end
subsection Boundary conditions
  set Symmetry planes = x0, y0
  set Fixed displacement = bottom: z
  set Lithium flux boundaries = surface, side
end
)",
                    0.5e-6);
}

TEST_CASE("assembled Jacobian: axisymmetric plastic silicon in a plastic electrolyte shell",
          "[jacobian][plasticity]")
{
  // yield stresses well below the stresses of the random state, so that most
  // quadrature points flow; θ-dependent yield stress and hardening
  check_jacobian<2>(common + R"(
subsection Geometry
  set Coordinate system = axisymmetric
  set Shape = particle
  set Symmetry = quarter
  set Electrolyte shell thickness = 0.3e-6
  set Global refinements = 0
end
subsection Materials
  set Electrolyte material ids = 1
  subsection Active material
    set Poisson's ratio = 0:0.22, 1:0.28
    subsection Plasticity
      set Flow rule = rate independent
      set Yield stress = 0:0.3e9, 1:0.1e9
      set Hardening modulus = 0:1e9, 1:0.5e9
    end
  end
  subsection Electrolyte
    subsection Plasticity
      set Flow rule = rate independent
      set Yield stress = 0.05e9
      set Hardening modulus = 0.2e9
    end
  end
end
subsection Boundary conditions
  set Symmetry planes = y0
  set Lithium flux boundaries = y0
  set Pressure = outer: 50e6
end
)",
                    1e-6);
}

TEST_CASE("assembled Jacobian: 3D viscoplastic pillar", "[jacobian][plasticity]")
{
  check_jacobian<3>(common + R"(
subsection Geometry
  set Coordinate system = 3d
  set Shape = pillar
  set Symmetry = quarter
  set Pillar height = 1e-6
  set Global refinements = 0
end
subsection Materials
  subsection Active material
    subsection Plasticity
      set Flow rule = viscoplastic
      set Yield stress = 0:0.3e9, 1:0.1e9
      set Hardening modulus = 0:1e9, 1:0.5e9
      set Reference plastic strain rate = 1e-3
      set Rate sensitivity exponent = 3
    end
  end
end
subsection Boundary conditions
  set Symmetry planes = x0, y0
  set Fixed displacement = bottom: z
  set Lithium flux boundaries = surface, side
end
)",
                    0.5e-6);
}

TEST_CASE("assembled Jacobian: axisymmetric pillar on a spring platen, plastic",
          "[jacobian][platen]")
{
  // the platen's normal displacement is one master dof; the spring adds its
  // stiffness to the master's diagonal and the preload to its residual
  check_jacobian<2>(common + R"(
subsection Geometry
  set Coordinate system = axisymmetric
  set Shape = pillar
  set Pillar height = 1e-6
  set Global refinements = 0
end
subsection Materials
  subsection Active material
    subsection Plasticity
      set Flow rule = rate independent
      set Yield stress = 0:0.3e9, 1:0.1e9
      set Hardening modulus = 1e9
    end
  end
end
subsection Boundary conditions
  set Symmetry planes = 
  set Fixed displacement = bottom: y
  set Lithium flux boundaries = side
end
subsection Stack pressure
  set Platen boundary = surface
  set Control = spring
  set Spring preload = 20e6
  set Spring stiffness = 5e4
end
)",
                    0.5e-6);
}
