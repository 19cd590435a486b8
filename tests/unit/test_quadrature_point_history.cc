// Quadrature-point history in CellDataStorage: points only in cells of
// plastic materials, commit and restore move trial and committed states the
// right way, and pack/unpack (what cell-data transfer uses) is lossless.
#include <siswell/materials/inert_material.h>
#include <siswell/physics/quadrature_point_history.h>

#include <deal.II/dofs/dof_handler.h>
#include <deal.II/fe/fe_q.h>
#include <deal.II/grid/grid_generator.h>
#include <deal.II/grid/tria.h>

#include <catch2/catch.hpp>

#include <memory>

TEST_CASE("QuadraturePointHistory: plastic cells only, commit/restore, pack/unpack", "[history]")
{
  using namespace dealii;
  Triangulation<2> tria;
  GridGenerator::subdivided_hyper_rectangle(tria, {2, 1}, Point<2>(0., 0.), Point<2>(2., 1.));
  auto cell = tria.begin_active();
  cell->set_material_id(0);
  (++cell)->set_material_id(1);
  DoFHandler<2> dofs(tria);
  dofs.distribute_dofs(FE_Q<2>(1));

  auto plastic                  = std::make_shared<siswell::materials::InertMaterial>("plastic");
  plastic->plasticity.flow_rule = siswell::materials::J2Plasticity::FlowRule::rate_independent;
  REQUIRE(plastic->is_plastic());
  siswell::physics::MaterialMap materials{
      {0, plastic}, {1, std::make_shared<siswell::materials::InertMaterial>("elastic")}};
  siswell::physics::QuadraturePointHistory<2> history;
  history.initialize(dofs, materials, 4);
  CHECK(history.n_points() == 4);

  const Triangulation<2>::cell_iterator first  = tria.begin_active(),
                                        second = std::next(tria.begin_active());
  const auto points                            = history.of(first);
  REQUIRE(points.size() == 4);
  CHECK(history.of(second).empty());
  const siswell::materials::PlasticState virgin;
  CHECK(&history.committed(second, 0, virgin) == &virgin);

  points[2]->trial.equivalent_plastic_strain = 0.1;
  history.restore();
  CHECK(points[2]->trial.equivalent_plastic_strain == 0.);
  points[2]->trial.equivalent_plastic_strain = 0.2;
  points[2]->trial.Cp_inv[0][1]              = 0.05;
  points[2]->trial.cauchy[2][2]              = -3e8;
  history.commit();
  CHECK(history.committed(first, 2, virgin).equivalent_plastic_strain == 0.2);
  CHECK(history.committed(first, 1, virgin).equivalent_plastic_strain == 0.);

  std::vector<double> values;
  points[2]->pack_values(values);
  CHECK(values.size() == 2 * siswell::physics::PointHistory::values_per_state);
  siswell::physics::PointHistory copy;
  copy.unpack_values(values);
  CHECK(copy.committed.equivalent_plastic_strain == 0.2);
  CHECK(copy.committed.Cp_inv[1][0] == 0.05);
  CHECK(copy.trial.cauchy[2][2] == -3e8);
  CHECK(copy.committed.Cp_inv[2][2] == 1.);
}

TEST_CASE("QuadraturePointHistory: no plastic cell at all (elastic case, or a rank without one)", "[history]")
{
  using namespace dealii;
  Triangulation<2> tria;
  GridGenerator::hyper_cube(tria);
  DoFHandler<2> dofs(tria);
  dofs.distribute_dofs(FE_Q<2>(1));
  siswell::physics::MaterialMap materials{{0, std::make_shared<siswell::materials::InertMaterial>("elastic")}};
  siswell::physics::QuadraturePointHistory<2> history;
  history.initialize(dofs, materials, 4);
  CHECK(history.n_points() == 0);
  // deal.II's Debug build asserts when a storage without cells is asked for one
  const Triangulation<2>::cell_iterator cell = tria.begin_active();
  CHECK(history.of(cell).empty());
  const siswell::materials::PlasticState virgin;
  CHECK(&history.committed(cell, 3, virgin) == &virgin);
  history.commit();
  history.restore();
}
