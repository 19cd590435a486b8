// The interface layer before any contact physics: a two-sided test term on
// the interface between silicon (side 0) and its electrolyte shell (side 1)
// whose residual on each side depends on the fields of both sides,
//   ψ = ½ k (J₀ − J₁ − a)² (1 + c₀ / c_max)   per unit reference area,
// (J_s = det F on side s, c₀ the concentration on side 0; the offset a = 0.3
// keeps the factor g = J₀ − J₁ − a of the second-derivative terms of order one,
// which a bonded interface's small jump of J would not), so that all four
// blocks of the Jacobian (side 0–0, 0–1, 1–0, 1–1) and the u–c couplings are
// filled. Its Jacobian is checked by the Taylor test of test_assembled_jacobian
// on 1, 2 and 3 ranks (tags [mpi], and the 3-rank ctest entry), with the
// interface crossing the partition (checked: some face pair's side-1 cell is a
// ghost), for the direct solver of both backends and the block-stored
// iterative one; a Newton step then converges quadratically and the solution
// is the same for every solver, backend and rank count to 1e-8 relative.
#include <siswell/materials/inert_material.h>
#include <siswell/physics/chemical_potential_term.h>
#include <siswell/physics/interface_term.h>
#include <siswell/physics/mechanics_term.h>
#include <siswell/physics/transport_term.h>
#include <siswell/simulation/simulation.h>

#include <deal.II/base/mpi.h>
#include <deal.II/base/tensor.h>
#include <deal.II/dofs/dof_tools.h>
#include <deal.II/grid/grid_generator.h>

#include <catch2/catch.hpp>

#include "assembled_taylor_test.h"

#include <cmath>
#include <memory>
#include <random>
#include <sstream>

using namespace dealii;

namespace
{
  using siswell::physics::Field;
  using siswell::physics::InterfacePointData;

  /// The test term above; k in N/m (J/m² per unit squared volume-ratio jump).
  template <int dim> class VolumeJumpPenalty : public siswell::physics::InterfaceTerm<dim>
  {
  public:
    VolumeJumpPenalty(const double k, const double c_max) : k(k), c_max(c_max) {}

    std::string
    name() const override
    {
      return "volume-jump penalty (test)";
    }

    const std::string &
    interface_name() const override
    {
      return interface;
    }

    siswell::FieldCoupling
    coupling() const override
    {
      siswell::FieldCoupling c{};
      c[0][0] = c[0][1] = c[1][0] = true;
      return c;
    }

    void
    add(const InterfacePointData<dim>                    &p,
        std::array<Vector<double>, 2>                    &residual,
        std::array<std::array<FullMatrix<double>, 2>, 2> *jacobian) const override
    {
      const auto                        &s0 = p.side[0];
      const double                       c0 = s0.active ? s0.c : 0.;
      const double                       w  = 1. + c0 / c_max;
      std::array<double, 2>              J;
      std::array<Tensor<2, 3>, 2>        F_inv;
      std::array<std::vector<double>, 2> dJ; // dJ_s / d(dof i of side s)
      const std::array<double, 2>        sign{{1., -1.}};
      for (unsigned int s = 0; s < 2; ++s)
        {
          const auto &q = p.side[s];
          J[s]          = determinant(q.F);
          F_inv[s]      = invert(q.F);
          dJ[s].assign(q.field.size(), 0.);
          for (unsigned int i = 0; i < q.field.size(); ++i)
            if (q.field[i] == Field::displacement)
              dJ[s][i] = J[s] * trace(F_inv[s] * q.dF[i]);
        }
      const double g = J[0] - J[1] - offset;
      for (unsigned int s = 0; s < 2; ++s)
        {
          const auto &q = p.side[s];
          for (unsigned int i = 0; i < q.field.size(); ++i)
            {
              if (q.field[i] == Field::displacement)
                residual[s](i) += k * g * w * sign[s] * dJ[s][i] * p.JxW;
              else if (s == 0 && q.field[i] == Field::concentration)
                residual[s](i) += 0.5 * k * g * g * q.phi[i] / c_max * p.JxW;
              if (!jacobian)
                continue;
              for (unsigned int t = 0; t < 2; ++t)
                {
                  const auto &r = p.side[t];
                  for (unsigned int j = 0; j < r.field.size(); ++j)
                    {
                      double d = 0.;
                      if (q.field[i] == Field::displacement && r.field[j] == Field::displacement)
                        {
                          d = k * w * sign[s] * dJ[s][i] * sign[t] * dJ[t][j];
                          if (s == t) // d²J[A, B] = J (tr(F⁻¹A) tr(F⁻¹B) − tr(F⁻¹B F⁻¹A))
                            d += k * g * w * sign[s] * J[s] *
                                 (trace(F_inv[s] * q.dF[i]) * trace(F_inv[s] * r.dF[j]) -
                                  trace(F_inv[s] * r.dF[j] * F_inv[s] * q.dF[i]));
                        }
                      else if (q.field[i] == Field::displacement && t == 0 &&
                               r.field[j] == Field::concentration)
                        d = k * g * sign[s] * dJ[s][i] * r.phi[j] / c_max;
                      else if (s == 0 && q.field[i] == Field::concentration &&
                               r.field[j] == Field::displacement)
                        d = k * g * sign[t] * dJ[t][j] * q.phi[i] / c_max;
                      (*jacobian)[s][t](i, j) += d * p.JxW;
                    }
                }
            }
        }
    }

  private:
    const std::string interface = "interface";
    double            k, c_max;
    const double      offset = 0.3;
  };

  const std::string particle_in_shell = R"(
subsection Geometry
  set Coordinate system = axisymmetric
  set Shape = particle
  set Symmetry = quarter
  set Electrolyte shell thickness = 0.3e-6
  set Global refinements = 1
end
subsection Materials
  set Electrolyte material ids = 1
end
subsection Boundary conditions
  set Symmetry planes = y0
  set Lithium flux boundaries = interface
  set Fixed displacement = outer
end
subsection Time stepping
  set Initial time step = 7
end
subsection Newton
  set Tolerance = 1e-12
end
)";

  /// Put @p problem into a state that is a smooth function of position (the
  /// same on any partition) and Taylor-test its whole Jacobian, block by block.
  void
  taylor_test(siswell::physics::CoupledProblem<2> &problem,
              const double                         c_max,
              const double                         RT,
              const double                         L)
  {
    auto &x = problem.solution();
    // a random state (the same on any partition: a function of the dof's support point)
    std::vector<types::global_dof_index> local;
    for (const auto &cell : problem.dof_handler().active_cell_iterators())
      if (cell->is_locally_owned())
        {
          const auto &fe = cell->get_fe();
          local.resize(fe.n_dofs_per_cell());
          cell->get_dof_indices(local);
          for (unsigned int i = 0; i < local.size(); ++i)
            {
              if (!x.locally_owned_elements().is_element(local[i]) ||
                  problem.constraints().is_constrained(local[i]))
                continue;
              const Point<2> X =
                  problem.mapping().transform_unit_to_real_cell(cell, fe.unit_support_point(i));
              const unsigned int c = fe.system_to_component_index(i).first;
              const double       h = std::sin(3e6 * X[0] + 7e6 * X[1] + c); // in [-1, 1]
              x(local[i]) = c < 2 ? 0.02 * L * h : c == 2 ? c_max * (0.3 + 0.2 * h) : RT * 0.5 * h;
            }
        }
    x.update_ghost_values();
    problem.constraints().distribute(x);
    x.update_ghost_values();
    siswell::testing::assembled_taylor_test(problem, {{L, c_max, RT}}, "interface case", 11, 7.);
  }

  /// Set up the case with the test term, at a random state; Taylor-test the
  /// Jacobian; take one Newton step from it. Returns the converged state's
  /// (|u|, |c|) norms for the comparison between variants.
  std::array<double, 2>
  check_variant(const std::string &linear_solver)
  {
    ParameterHandler prm;
    siswell::RunParameters::declare_parameters(prm);
    prm.parse_input_from_string(particle_in_shell + linear_solver);
    siswell::RunParameters p;
    p.parse(prm);
    std::ostringstream     log;
    siswell::Simulation<2> sim(p, MPI_COMM_WORLD, log);
    const auto            &mat = p.active_material;
    // k = 1 % of E × (shell thickness): felt in every block of the Taylor test
    // (dropping its second-derivative term gives a relative error of 7e-3),
    // mild enough for a time step from the initial state, where g = −a
    sim.add_interface_term(std::make_shared<VolumeJumpPenalty<2>>(1e9 * 0.3e-6, mat.c_max));
    sim.setup();
    auto &problem = sim.problem();
    auto &x       = problem.solution();

    const auto &interface = problem.interface("interface");
    REQUIRE(interface.n_global_pairs() > 0);
    unsigned int crossing = 0;
    for (const auto &pair : interface.pairs())
      crossing += !pair.cell[1]->is_locally_owned();
    const unsigned int n_ranks = Utilities::MPI::n_mpi_processes(MPI_COMM_WORLD);
    if (n_ranks > 1) // the partition cuts the interface: a rank assembles pairs with a ghost side
      CHECK(Utilities::MPI::sum(crossing, MPI_COMM_WORLD) > 0);

    taylor_test(problem,
                mat.c_max,
                siswell::materials::ActiveMaterial::gas_constant * mat.temperature,
                1e-6);

    // one time step from the initial state with lithium entering through the
    // interface and the test term acting: converges, quadratically at the end
    problem.restore_step();
    const auto result = sim.solve_step(7., 1.);
    INFO("Newton: " << result.reason);
    REQUIRE(result.converged);
    const auto &r = result.residuals;
    CAPTURE(r.size());
    REQUIRE(r.size() >= 3);
    // quadratic at the end: observed order log(r_k+1/r_k) / log(r_k/r_k-1) of the
    // last three residuals above round-off (1e-13 of the normalised residual)
    std::ostringstream seq;
    for (const double v : r)
      seq << v << ' ';
    INFO("Newton residuals " << seq.str());
    double order = 0.;
    for (std::size_t k = 1; k + 1 < r.size(); ++k)
      if (r[k + 1] > 1e-13 && r[k] < r[k - 1])
        order = std::log(r[k + 1] / r[k]) / std::log(r[k] / r[k - 1]);
    if (order > 0.)
      CHECK(order >= 1.7);
    std::array<double, 2> norms{{0., 0.}};
    for (unsigned int f = 0; f < 2; ++f)
      {
        double sq = 0.;
        for (const auto i : problem.locally_owned_field_dofs(f))
          sq += x(i) * x(i);
        norms[f] = std::sqrt(Utilities::MPI::sum(sq, MPI_COMM_WORLD));
      }
    return norms;
  }
} // namespace

TEST_CASE("interface term: two-sided Jacobian by a Taylor test, every solver, any rank count",
          "[interface][mpi]")
{
  const auto petsc     = check_variant("subsection Linear solver\n set Backend = PETSc\nend\n");
  const auto trilinos  = check_variant("subsection Linear solver\n set Backend = Trilinos\nend\n");
  // the iterative variants solve every direction to the linear tolerance
  // (no inexact Newton): the order checked here is that of the exact Jacobian
  const std::string exact_directions = "subsection Newton\n set Linear tolerance = fixed\nend\n";
  const auto        iterative        = check_variant(
      "subsection Linear solver\n set Backend = Trilinos\n set Method = iterative\nend\n" +
      exact_directions);
  const auto petsc_iterative = check_variant(
      "subsection Linear solver\n set Backend = PETSc\n set Method = iterative\nend\n" +
      exact_directions);
  // the same state from a Newton tolerance of 1e-12 on normalised residuals
  for (unsigned int f = 0; f < 2; ++f)
    {
      CAPTURE(f, petsc[f], trilinos[f], iterative[f], petsc_iterative[f]);
      CHECK(std::abs(trilinos[f] - petsc[f]) <= 1e-8 * petsc[f]);
      CHECK(std::abs(iterative[f] - petsc[f]) <= 1e-8 * petsc[f]);
      CHECK(std::abs(petsc_iterative[f] - petsc[f]) <= 1e-8 * petsc[f]);
    }
  WARN("converged |u| = " << petsc[0] << " m, |c| = " << petsc[1] << " mol/m³ on "
                          << Utilities::MPI::n_mpi_processes(MPI_COMM_WORLD) << " rank(s)");
}

TEST_CASE("interface: hanging faces on either side, area and two-sided Jacobian", "[interface]")
{
  // 2 × 2 cells, silicon on x in [0, L], electrolyte on [L, 2L], plane
  // strain; one side refined once, so that the interface x = L has coarse
  // faces on one side and two subfaces each on the other. The interface
  // length is 2L in both cases (the pairs cover it once), and the test term's
  // Jacobian passes the Taylor test with the hanging-node constraints.
  ParameterHandler prm;
  siswell::RunParameters::declare_parameters(prm);
  prm.parse_input_from_string("");
  siswell::RunParameters p;
  p.parse(prm);
  const double L = 1e-6;
  const double RT =
      siswell::materials::ActiveMaterial::gas_constant * p.active_material.temperature;
  for (const unsigned int refined_side : {0u, 1u})
    {
      CAPTURE(refined_side);
      siswell::physics::MaterialMap materials;
      materials[0] = std::make_shared<siswell::materials::ActiveMaterial>(p.active_material);
      materials[1] = std::make_shared<siswell::materials::InertMaterial>(p.electrolyte);
      siswell::physics::CoupledProblem<2> problem(MPI_COMM_WORLD,
                                                  siswell::geometry::CoordinateSystem::plane_strain,
                                                  materials,
                                                  2,
                                                  p.linear_solver);
      auto                               &tria = problem.triangulation();
      GridGenerator::subdivided_hyper_rectangle(
          tria, {2, 2}, Point<2>(), Point<2>(2 * L, 2 * L), true);
      for (const auto &cell : tria.active_cell_iterators())
        cell->set_material_id(cell->center()[0] < L ? 0 : 1);
      // the whole column of one side (a single refined cell would count as an
      // island that the mesh smoothing removes)
      for (const auto &cell : tria.active_cell_iterators())
        if (cell->is_locally_owned() && cell->material_id() == refined_side)
          cell->set_refine_flag();
      tria.execute_coarsening_and_refinement();
      REQUIRE(tria.n_global_active_cells() == 10);
      problem.add_interface(std::make_shared<siswell::physics::Interface<2>>(
          "interface",
          [](const siswell::materials::Material &m) { return m.is_active(); },
          [](const siswell::materials::Material &m) { return !m.is_active(); }));
      problem.add_interface_term(
          std::make_shared<VolumeJumpPenalty<2>>(1e9 * 0.3e-6, p.active_material.c_max));
      problem.add_cell_term(std::make_shared<siswell::physics::MechanicsTerm<2>>());
      problem.add_cell_term(std::make_shared<siswell::physics::TransportTerm<2>>());
      problem.add_cell_term(std::make_shared<siswell::physics::ChemicalPotentialTerm<2>>());
      // colorize: x = 0 is id 0; hold u there
      problem.setup({{0, {true, true}}});
      problem.set_initial_state();
      problem.set_scales({90e9 * L, 1e-15, RT * L * L}, {L, p.active_material.c_max, RT});
      const auto &interface = problem.interface("interface");
      CHECK(interface.n_global_pairs() == 4); // one per subface
      CHECK(std::abs(interface.area - 2 * L) <= 1e-12 * L);
      taylor_test(problem, p.active_material.c_max, RT, L);
    }
}
