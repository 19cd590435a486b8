// The assembled Jacobian equals central finite differences of the assembled
// residual, block by block, for each geometry type and coordinate system, at a
// random non-equilibrium state (non-uniform c, μ and displacement), with
// lithium inflow, a follower pressure and an inert solid bonded to silicon.
#include <siswell/simulation/simulation.h>

#include <deal.II/base/mpi.h>

#include <catch2/catch.hpp>

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
    const auto &                           mat = p.active_material;
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
    const bool generalised = p.geometry.generalised_plane_strain;
    if (generalised)
      problem.set_out_of_plane_stretch(1.3);

    problem.set_time_step(7.);
    problem.assemble(true);
    const auto & J      = problem.linear_solver();
    const double scale[3] = {length, mat.c_max, RT};

    unsigned int checked = 0;
    double       worst   = 0.;
    for (unsigned int f_col = 0; f_col < 3; ++f_col)
      {
        std::vector<types::global_dof_index> cols(field[f_col].begin(), field[f_col].end());
        std::shuffle(cols.begin(), cols.end(), rng);
        if (f_col == 0 && problem.has_platen())
          {
            // the platen unknown first: its column must be checked
            const auto master = std::find(cols.begin(), cols.end(), problem.platen_unknown());
            REQUIRE(master != cols.end());
            std::iter_swap(cols.begin(), master);
          }
        unsigned int n_cols = 0;
        for (const auto j : cols)
          {
            if (problem.constraints().is_constrained(j) || n_cols >= 12)
              continue;
            ++n_cols;
            const double h  = 1e-7 * scale[f_col];
            const double xj = x(j);
            x(j)            = xj + h;
            distribute();
            problem.assemble(false);
            siswell::solvers::Vector plus(problem.residual());
            x(j) = xj - h;
            distribute();
            problem.assemble(false);
            siswell::solvers::Vector minus(problem.residual());
            x(j) = xj;
            distribute();

            for (unsigned int f_row = 0; f_row < 3; ++f_row)
              {
                double err = 0., norm = 0., res = 0.;
                for (const auto i : field[f_row])
                  {
                    if (problem.constraints().is_constrained(i))
                      continue;
                    // J̃ is in scaled unknowns: dR̃/dx̃_j = s_x(j) dR̃/dx_j
                    const double fd =
                      (plus(i) - minus(i)) / (2. * h) * problem.unknown_scale(f_col);
                    const double an = J.el(i, j);
                    err             = std::max(err, std::abs(fd - an));
                    norm            = std::max(norm, std::max(std::abs(fd), std::abs(an)));
                    res             = std::max(res, std::abs(plus(i)));
                  }
                // central differences: truncation O(h²) ~ 1e-14 relative, round-off
                // ~ 1e-16 |R| / h; 1e-6 relative leaves a wide margin for both while
                // catching any missing or wrong term (those are O(1) relative).
                const double tol = 1e-6 * norm + 1e-13 * res / h * problem.unknown_scale(f_col);
                INFO("column field " << f_col << " row field " << f_row << " dof " << j
                                     << ": |J_fd - J| = " << err << ", |J| = " << norm);
                CHECK(err <= tol);
                if (norm > 0.)
                  worst = std::max(worst, err / norm);
              }
            ++checked;
          }
      }
    CHECK(checked >= 24);

    WARN("largest relative block error " << worst << " over " << checked << " columns");

    // with plasticity, the state must actually flow at most points, or the
    // check above would only have seen the elastic tangent
    if (sim.problem().materials().at(0)->is_plastic())
      {
        problem.assemble(false);
        problem.commit_step(); // the states of this assembly become readable
        unsigned int flowing = 0, total = 0;
        for (const auto &cell : problem.dof_handler().active_cell_iterators())
          for (unsigned int q = 0; q < problem.n_quadrature_points(); ++q, ++total)
            flowing += problem.plastic_state(cell, q).equivalent_plastic_strain > 0.;
        WARN(flowing << " of " << total << " quadrature points flow plastically");
        CHECK(flowing >= total / 2);
      }

    if (!generalised)
      return;
    // the border of the bordered system: dR/dλ_z and dr/dλ_z by perturbing λ_z,
    // dr/dx by perturbing dofs; same tolerance argument as above
    problem.assemble(true);
    const auto   border = problem.border(); // copy: assemble() below overwrites it
    const double h      = 1e-7;
    problem.set_out_of_plane_stretch(1.3 + h);
    problem.assemble(false);
    siswell::solvers::Vector plus(problem.residual());
    const double             r_plus = problem.border().r;
    problem.set_out_of_plane_stretch(1.3 - h);
    problem.assemble(false);
    siswell::solvers::Vector minus(problem.residual());
    const double             r_minus = problem.border().r;
    problem.set_out_of_plane_stretch(1.3);
    double err = 0., norm = 0.;
    for (const auto i : x.locally_owned_elements())
      if (!problem.constraints().is_constrained(i))
        {
          const double fd = (plus(i) - minus(i)) / (2. * h);
          err             = std::max(err, std::abs(fd - border.dR_dstretch(i)));
          norm            = std::max(norm, std::abs(fd));
        }
    INFO("dR/dstretch: |fd - analytic| = " << err << ", |fd| = " << norm);
    CHECK(err <= 1e-6 * norm);
    const double fd_d = (r_plus - r_minus) / (2. * h);
    INFO("dr/dstretch: fd " << fd_d << ", analytic " << border.dr_dstretch);
    CHECK(std::abs(fd_d - border.dr_dstretch) <= 1e-6 * std::abs(fd_d));
    double err_c = 0., norm_c = 0.;
    for (unsigned int f = 0; f < 3; ++f)
      {
        unsigned int n_cols = 0;
        for (const auto j : field[f])
          {
            if (problem.constraints().is_constrained(j) || ++n_cols > 10)
              continue;
            const double hj = 1e-7 * scale[f];
            const double xj = x(j);
            x(j)            = xj + hj;
            x.update_ghost_values();
            problem.assemble(false);
            const double rp = problem.border().r;
            x(j)            = xj - hj;
            x.update_ghost_values();
            problem.assemble(false);
            const double rm = problem.border().r;
            x(j)            = xj;
            x.update_ghost_values();
            const double fd = (rp - rm) / (2. * hj) * problem.unknown_scale(f);
            err_c           = std::max(err_c, std::abs(fd - border.dr_dx(j)));
            norm_c          = std::max(norm_c, std::abs(fd));
          }
      }
    INFO("dr/dx: |fd - analytic| = " << err_c << ", |fd| = " << norm_c);
    CHECK(err_c <= 1e-6 * norm_c + 1e-13 * std::abs(border.r) / h);
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

TEST_CASE("assembled Jacobian: axisymmetric pillar on a spring platen, plastic", "[jacobian][platen]")
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
