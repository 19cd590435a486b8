// The contact interface (ContactInterface on a split Interface), below the
// Simulation: the two sides get their own displacement dofs, the assembled
// Jacobian passes the Taylor test at random states with open and closed
// points and nonzero multipliers (the derivative of the current normal, of
// the gap and of the closed branch), and the contact forces on the two sides
// balance to round-off on a curved interface. On 1, 2 and 3 ranks ([mpi]):
// the interface is then cut by the partition.
#include <siswell/materials/active_material.h>
#include <siswell/materials/inert_material.h>
#include <siswell/physics/chemical_potential_term.h>
#include <siswell/physics/cohesive_interface.h>
#include <siswell/physics/contact_friction.h>
#include <siswell/physics/contact_gated_flux.h>
#include <siswell/physics/contact_interface.h>
#include <siswell/physics/coupled_problem.h>
#include <siswell/physics/global_scalars.h>
#include <siswell/physics/mechanics_term.h>
#include <siswell/physics/transport_term.h>
#include <siswell/simulation/run_parameters.h>

#include <deal.II/base/mpi.h>
#include <deal.II/dofs/dof_tools.h>
#include <deal.II/grid/grid_generator.h>
#include <deal.II/grid/manifold_lib.h>

#include <catch2/catch.hpp>

#include "assembled_taylor_test.h"

#include <cmath>
#include <memory>
#include <random>

using namespace dealii;

namespace
{
  using siswell::Field;
  using siswell::Fields;

  constexpr double L = 1e-6;

  siswell::RunParameters
  default_parameters()
  {
    ParameterHandler prm;
    siswell::RunParameters::declare_parameters(prm);
    prm.parse_input_from_string("");
    siswell::RunParameters p;
    p.parse(prm);
    return p;
  }

  /// Silicon on x in [0, L], electrolyte on [L, 2L] (height L), 8 × 4 cells, plane
  /// strain, with or without the contact term (split interface).
  struct Case
  {
    /// @p gated: with the contact-gated lithium flux and its global scalar q; @p bond: with a
    /// cohesive bond of these parameters beside the contact term; @p mu > 0: with Coulomb
    /// friction of that coefficient.
    Case(const bool                                  contact,
         const bool                                  with_cell_terms = true,
         const bool                                  gated           = false,
         const siswell::physics::CohesiveParameters *bond_parameters = nullptr,
         const double                                mu              = 0.)
        : p(default_parameters())
    {
      siswell::physics::MaterialMap materials;
      materials[0] = std::make_shared<siswell::materials::ActiveMaterial>(p.active_material);
      materials[1] = std::make_shared<siswell::materials::InertMaterial>(p.electrolyte);
      problem      = std::make_unique<siswell::physics::CoupledProblem<2>>(
          MPI_COMM_WORLD,
          siswell::geometry::CoordinateSystem::plane_strain,
          materials,
          2,
          p.linear_solver);
      auto &tria = problem->triangulation();
      // two coarse cells, one per material: on two or more ranks the
      // partition then cuts the interface
      GridGenerator::subdivided_hyper_rectangle(tria, {2, 1}, Point<2>(), Point<2>(2 * L, L), true);
      for (const auto &cell : tria.active_cell_iterators())
        cell->set_material_id(cell->center()[0] < L ? 0 : 1);
      tria.refine_global(2);
      auto interface = std::make_shared<siswell::physics::Interface<2>>(
          "interface",
          [](const siswell::materials::Material &m) { return m.is_active(); },
          [](const siswell::materials::Material &m) { return !m.is_active(); });
      interface->set_split(contact);
      problem->add_interface(interface);
      if (contact)
        {
          siswell::physics::ContactParameters cp;
          cp.mode = siswell::physics::ContactParameters::Mode::contact;
          term    = std::make_shared<siswell::physics::ContactInterface<2>>("interface", cp, 90e9);
          problem->add_interface_term(term);
          if (mu > 0.)
            {
              friction = std::make_shared<siswell::physics::ContactFriction<2>>(term, mu);
              problem->add_interface_term(friction);
            }
          if (bond_parameters)
            {
              bond = std::make_shared<siswell::physics::CohesiveInterface<2>>(
                  "interface", *bond_parameters, 90e9);
              problem->add_interface_term(bond);
            }
          if (gated)
            {
              // p_g = 100 GPa and δ_g = p_g / ε (faces of L / 4): φ varies over the gaps of
              // the random states (ε g ~ 1e11 Pa)
              flux = std::make_shared<siswell::physics::ContactGatedFlux<2>>(
                  term, 1e11, 1e11 / term->augmentation(0.25 * L));
              flux->scalar = problem->global_scalars().add(
                  "interface flux density", 0.7 * j0, j0, j0 * L, Field::concentration);
              flux->total = 0.4 * j0 * L;
              flux->area  = L;
              problem->add_interface_term(flux);
            }
        }
      if (with_cell_terms)
        {
          problem->add_cell_term(std::make_shared<siswell::physics::MechanicsTerm<2>>());
          problem->add_cell_term(std::make_shared<siswell::physics::TransportTerm<2>>());
          problem->add_cell_term(std::make_shared<siswell::physics::ChemicalPotentialTerm<2>>());
        }
      // colorize: x = 0 is id 0; hold u there
      problem->setup({{0, {true, true}}});
      problem->set_initial_state();
      RT = siswell::materials::ActiveMaterial::gas_constant * p.active_material.temperature;
      problem->set_scales({90e9 * L, 1e-15, RT * L * L}, {L, p.active_material.c_max, RT});
      if (term)
        term->reinit(*problem);
      if (bond)
        bond->reinit(*problem);
      if (friction)
        friction->reinit(*problem);
    }

    /// A state that is a smooth function of position and component (the
    /// same on any partition); the far-side displacement with another phase.
    void
    set_state(const double phase)
    {
      auto                                &x = problem->solution();
      std::vector<types::global_dof_index> local;
      for (const auto &cell : problem->dof_handler().active_cell_iterators())
        if (cell->is_locally_owned())
          {
            const auto &fe = cell->get_fe();
            local.resize(fe.n_dofs_per_cell());
            cell->get_dof_indices(local);
            for (unsigned int i = 0; i < local.size(); ++i)
              {
                if (!x.locally_owned_elements().is_element(local[i]) ||
                    problem->constraints().is_constrained(local[i]))
                  continue;
                const Point<2> X =
                    problem->mapping().transform_unit_to_real_cell(cell, fe.unit_support_point(i));
                const unsigned int c = fe.system_to_component_index(i).first;
                const Field        f = Fields<2>::field_of_component(c);
                const double       h = std::sin(3e6 * X[0] + 7e6 * X[1] + 1.7 * c + phase);
                x(local[i])          = f == Field::displacement ? 0.02 * L * h
                                       : f == Field::concentration
                                           ? p.active_material.c_max * (0.3 + 0.2 * h)
                                           : RT * 0.5 * h;
              }
          }
      x.update_ghost_values();
      problem->constraints().distribute(x);
      x.update_ghost_values();
    }

    siswell::RunParameters                                  p;
    double                                                  RT = 0.;
    std::unique_ptr<siswell::physics::CoupledProblem<2>>    problem;
    std::shared_ptr<siswell::physics::ContactInterface<2>>  term;
    std::shared_ptr<siswell::physics::ContactGatedFlux<2>>  flux;
    std::shared_ptr<siswell::physics::CohesiveInterface<2>> bond;
    std::shared_ptr<siswell::physics::ContactFriction<2>>   friction;
    /// Nominal flux density (mol/(m² s)), the scale of q.
    static constexpr double j0 = 1e-3;
  };

  /// Taylor test of the assembled Jacobian, field block by field block.
  void
  taylor_test(Case &k)
  {
    siswell::testing::assembled_taylor_test(
        *k.problem, {{L, k.p.active_material.c_max, k.RT}}, "contact case", 5, 7.);
  }
} // namespace

TEST_CASE("contact: a split interface gives each side its own displacement dofs", "[contact][mpi]")
{
  Case bonded(false), split(true);
  // 8 × 4 cells of Q2: the interface x = L has 9 nodes, each with two
  // displacement dofs once more on the far side
  const auto nb = bonded.problem->n_dofs(), ns = split.problem->n_dofs();
  CAPTURE(nb, ns);
  CHECK(ns == nb + 9 * 2);
  const auto &interface = split.problem->interface("interface");
  CHECK(interface.n_global_pairs() == 4);
  CHECK(std::abs(interface.area - L) <= 1e-12 * L);
  // the partition cuts the interface on more than one rank: a pair's side-1
  // cell is then a ghost
  unsigned int crossing = 0;
  for (const auto &pair : interface.pairs())
    crossing += !pair.cell[1]->is_locally_owned();
  if (Utilities::MPI::n_mpi_processes(MPI_COMM_WORLD) > 1)
    CHECK(Utilities::MPI::sum(crossing, MPI_COMM_WORLD) > 0);
}

TEST_CASE("contact: exact Jacobian at random states, open and closed points", "[contact][mpi]")
{
  Case k(true);
  // a first state and a multiplier update there (λ = the pressure at the
  // closed points), then another state: points open and closed, λ ≠ 0
  k.set_state(0.);
  k.term->update_multipliers(*k.problem);
  k.set_state(0.9);
  unsigned long long open = 0, closed = 0, loaded = 0;
  k.problem->for_each_interface_point("interface", [&](const auto &p) {
    const auto v = k.term->evaluate(p);
    (v.closed ? closed : open) += 1;
    loaded += v.closed && v.pressure > 0.;
  });
  open   = Utilities::MPI::sum(open, MPI_COMM_WORLD);
  closed = Utilities::MPI::sum(closed, MPI_COMM_WORLD);
  CAPTURE(open, closed);
  REQUIRE(open > 0);
  REQUIRE(closed > 0);
  taylor_test(k);
}

TEST_CASE("cohesive: exact Jacobian at random states in every branch of the law", "[cohesive][mpi]")
{
  // K = 0.01 E / h = 3.6e15 Pa/m on the faces of L/4: onset at 5 nm (normal) and 7 nm
  // (shear), full separation at λ_f = 1.82 (m = 0.55 in both modes) against λ up to 2 at
  // the interface points of the two random states (0.02 L sin(...) on each side)
  siswell::physics::CohesiveParameters c;
  c.stiffness_factor       = 0.01;
  c.normal_strength        = 18e6;
  c.shear_strength         = 25e6;
  c.normal_fracture_energy = 0.082;
  c.shear_fracture_energy  = 0.158;
  Case k(true, true, false, &c);
  // damage committed at a first state, then another state: points in every branch
  k.set_state(0.);
  k.term->update_multipliers(*k.problem);
  k.bond->commit(*k.problem);
  k.set_state(0.9);
  // the branches: elastic (D = 0), softening, unloading (0 < D = committed < 1), separated;
  // and points in compression
  std::array<unsigned long long, 5> n{{0, 0, 0, 0, 0}};
  k.problem->for_each_interface_point("interface", [&](const auto &p) {
    const auto v = k.bond->evaluate(p);
    const auto r = v.response;
    n[r.damage == 0. ? 0 : r.loading ? 1 : r.damage < 1. ? 2 : 3] += 1;
    n[4] += v.s_n < 0.;
  });
  for (auto &x : n)
    x = Utilities::MPI::sum(x, MPI_COMM_WORLD);
  INFO("points: elastic " << n[0] << ", softening " << n[1] << ", unloading " << n[2]
                          << ", separated " << n[3] << ", in compression " << n[4]);
  for (const auto x : n)
    REQUIRE(x > 0);
  taylor_test(k);
}

TEST_CASE("friction: exact Jacobian at random states, stick, slip and open points",
          "[friction][mpi]")
{
  Case k(true, true, false, nullptr, 1.5);
  // multipliers and slips from a first state (λ_T = f, the slip of slipping points
  // committed), then another state: points open, sticking and slipping, λ_T ≠ 0, g_s ≠ 0
  k.set_state(0.);
  k.friction->update_multipliers(*k.problem);
  k.term->update_multipliers(*k.problem);
  k.friction->commit();
  k.term->commit();
  k.set_state(0.9);
  std::array<unsigned long long, 3> n{{0, 0, 0}};
  k.problem->for_each_interface_point("interface", [&](const auto &p) {
    const auto v = k.friction->evaluate(p);
    n[!v.closed ? 0 : v.slip ? 2 : 1] += 1;
  });
  for (auto &x : n)
    x = Utilities::MPI::sum(x, MPI_COMM_WORLD);
  INFO("points: open " << n[0] << ", stick " << n[1] << ", slip " << n[2]);
  for (const auto x : n)
    REQUIRE(x > 0);
  taylor_test(k);
}

TEST_CASE("contact: the forces on the two sides balance to round-off on a curved interface",
          "[contact][mpi]")
{
  // silicon ring (radii L/2, L) in an electrolyte ring (L, 3L/2), plane strain, only the
  // contact term: the residual is the contact force alone, on the near
  // (silicon) and far (electrolyte) displacement dofs
  const auto                    p = default_parameters();
  siswell::physics::MaterialMap materials;
  materials[0] = std::make_shared<siswell::materials::ActiveMaterial>(p.active_material);
  materials[1] = std::make_shared<siswell::materials::InertMaterial>(p.electrolyte);
  siswell::physics::CoupledProblem<2> problem(MPI_COMM_WORLD,
                                              siswell::geometry::CoordinateSystem::plane_strain,
                                              materials,
                                              2,
                                              p.linear_solver);
  auto                               &tria = problem.triangulation();
  {
    Triangulation<2> disc, ring, both;
    GridGenerator::hyper_shell(disc, Point<2>(), 0.5 * L, L, 8);
    GridGenerator::hyper_shell(ring, Point<2>(), L, 1.5 * L, 8);
    for (const auto &cell : ring.active_cell_iterators())
      cell->set_material_id(1);
    GridGenerator::merge_triangulations(disc, ring, both, 1e-12 * L);
    both.set_all_manifold_ids(0);
    tria.copy_triangulation(both);
  }
  tria.set_manifold(0, SphericalManifold<2>(Point<2>()));
  tria.refine_global(1);
  auto interface = std::make_shared<siswell::physics::Interface<2>>(
      "interface",
      [](const siswell::materials::Material &m) { return m.is_active(); },
      [](const siswell::materials::Material &m) { return !m.is_active(); });
  interface->set_split(true);
  problem.add_interface(interface);
  siswell::physics::ContactParameters cp;
  auto term = std::make_shared<siswell::physics::ContactInterface<2>>("interface", cp, 90e9);
  problem.add_interface_term(term);
  problem.setup({});
  problem.set_initial_state();
  problem.set_scales({1., 1., 1.}, {1., 1., 1.});
  term->reinit(problem);
  REQUIRE(problem.interface("interface").n_global_pairs() == 16);
  // the silicon swollen and shifted: overlap all round, more on one side
  auto                                &x = problem.solution();
  std::vector<types::global_dof_index> local;
  for (const auto &cell : problem.dof_handler().active_cell_iterators())
    if (cell->is_locally_owned() && cell->material_id() == 0)
      {
        const auto &fe = cell->get_fe();
        local.resize(fe.n_dofs_per_cell());
        cell->get_dof_indices(local);
        for (unsigned int i = 0; i < local.size(); ++i)
          {
            const unsigned int c = fe.system_to_component_index(i).first;
            if (Fields<2>::field_of_component(c) != Field::displacement ||
                !x.locally_owned_elements().is_element(local[i]))
              continue;
            const Point<2> X =
                problem.mapping().transform_unit_to_real_cell(cell, fe.unit_support_point(i));
            x(local[i]) = 0.01 * X[c] + (c == 0 ? 0.002 * L : 0.);
          }
      }
  // only owned entries were written: their ghosts follow
  x.update_ghost_values();
  problem.assemble(false);
  const auto &R           = problem.residual();
  double      force[2][2] = {{0., 0.}, {0., 0.}}, magnitude = 0.;
  for (const auto i : problem.locally_owned_field_dofs(0))
    magnitude = std::max(magnitude, std::abs(R(i)));
  // sum over the owned dofs, by copy (near: silicon, far: electrolyte) and direction
  for (unsigned int side = 0; side < 2; ++side)
    for (unsigned int d = 0; d < 2; ++d)
      {
        std::vector<bool> mask(Fields<2>::n_components(), false);
        mask[(side == 0 ? 0 : Fields<2>::far_side_first_component()) + d] = true;
        for (const auto i : DoFTools::extract_dofs(problem.dof_handler(), ComponentMask(mask)))
          force[side][d] += R(i);
      }
  for (auto &side : force)
    for (auto &f : side)
      f = Utilities::MPI::sum(f, MPI_COMM_WORLD);
  magnitude = Utilities::MPI::max(magnitude, MPI_COMM_WORLD);
  INFO("net force on silicon (" << force[0][0] << ", " << force[0][1] << ") N/m, on electrolyte ("
                                << force[1][0] << ", " << force[1][1] << "), largest nodal force "
                                << magnitude);
  REQUIRE(magnitude > 0.);
  CHECK(std::abs(force[0][0]) > 1e-3 * magnitude); // the shift gives a net force
  for (unsigned int d = 0; d < 2; ++d)
    CHECK(std::abs(force[0][d] + force[1][d]) <= 1e-13 * magnitude);
}

TEST_CASE("contact-gated lithium flux: exact Jacobian and border at random states",
          "[contact][mpi]")
{
  Case k(true, true, true);
  k.set_state(0.);
  k.term->update_multipliers(*k.problem);
  k.set_state(0.9);
  // the dof blocks (c rows, u columns through the pressure)
  taylor_test(k);

  // the border of q (scaled units): column ∂R̃/∂q̃, row ∂r̃/∂x̃, D = ∂r̃/∂q̃,
  // against differences in q and in the dofs (the residual of q is linear
  // in q, so the difference in q is exact up to round-off)
  auto        &problem = *k.problem;
  auto        &scalars = problem.global_scalars();
  const auto   q_index = k.flux->scalar;
  const double us      = scalars.unknown_scale(q_index);
  problem.assemble(true);
  const siswell::solvers::Vector R0(problem.residual()), column(scalars.column(q_index)),
      row(scalars.row(q_index));
  const double r0 = scalars.residual(q_index), D = scalars.tangent(q_index, q_index);
  const double q0 = scalars.value(q_index), h = 1e-3 * us;
  scalars.set_value(q_index, q0 + h);
  problem.assemble(false);
  const siswell::solvers::Vector R1(problem.residual());
  const double                   r1 = scalars.residual(q_index);
  scalars.set_value(q_index, q0);
  double column_error = 0., column_size = 0.;
  for (const auto i : problem.locally_owned_field_dofs(1))
    {
      column_error = std::max(column_error, std::abs((R1(i) - R0(i)) / (h / us) - column(i)));
      column_size  = std::max(column_size, std::abs(column(i)));
    }
  column_error = Utilities::MPI::max(column_error, MPI_COMM_WORLD);
  column_size  = Utilities::MPI::max(column_size, MPI_COMM_WORLD);
  INFO("column: largest " << column_size << ", error " << column_error << "; D " << D
                          << ", difference " << (r1 - r0) / (h / us));
  CHECK(column_size > 0.);
  CHECK(column_error <= 1e-9 * column_size);
  CHECK(std::abs((r1 - r0) / (h / us) - D) <= 1e-9 * std::abs(D));

  // the row: a Taylor test of r̃ in random displacement directions
  auto                                  &x = problem.solution();
  std::mt19937                           rng(3 + Utilities::MPI::this_mpi_process(MPI_COMM_WORLD));
  std::uniform_real_distribution<double> uni(-1., 1.);
  siswell::solvers::Vector               delta(x);
  delta = 0.;
  for (const auto j : problem.locally_owned_field_dofs(0))
    if (!problem.constraints().is_constrained(j))
      delta(j) = L * uni(rng);
  double row_delta = 0.;
  for (const auto j : problem.locally_owned_field_dofs(0))
    row_delta += row(j) * delta(j) / L; // scaled direction: δx̃ = δx / L
  row_delta = Utilities::MPI::sum(row_delta, MPI_COMM_WORLD);
  const siswell::solvers::Vector x0(x);
  auto                           r_at = [&](const double t) {
    x = x0;
    x.add(t, delta);
    x.zero_out_ghost_values();
    problem.constraints().distribute(x);
    x.update_ghost_values();
    problem.assemble(false);
    x = x0;
    return scalars.residual(q_index);
  };
  const double t1 = 1e-5, t2 = 0.5 * t1;
  const double e1 = r_at(t1) - r0 - t1 * row_delta, e2 = r_at(t2) - r0 - t2 * row_delta;
  INFO("row: r0 " << r0 << ", t J d " << t1 * row_delta << ", remainders " << e1 << ", " << e2
                  << ", order " << std::log2(std::abs(e1 / e2)));
  CHECK(std::abs(row_delta) > 0.);
  CHECK(std::abs(4. * e2 - e1) <= 1e-6 * std::abs(t1 * row_delta) + 1e-14 * std::abs(r0));
  problem.assemble(false); // leave the problem at x0
}
