// Quadrature-point history in CellDataStorage: points only in cells of laws
// that keep history, each of the size its law asks for (J2 plasticity 14, a
// law of a program 2, an elastic law none), starting from the law's initial
// history; commit and restore move trial and committed values the right
// way, and pack/unpack (what cell-data transfer uses) is lossless.
#include <siswell/materials/inert_material.h>
#include <siswell/materials/plastic_history.h>
#include <siswell/physics/quadrature_point_history.h>

#include <deal.II/dofs/dof_handler.h>
#include <deal.II/fe/fe_q.h>
#include <deal.II/grid/grid_generator.h>
#include <deal.II/grid/tria.h>

#include <catch2/catch.hpp>

#include <memory>
#include <utility>

namespace
{
  /// An elastic solid that keeps two numbers per point, starting at 7 and 8.
  class TwoNumbers : public siswell::materials::InertMaterial
  {
  public:
    TwoNumbers() : InertMaterial("two numbers") {}
    unsigned int
    history_size() const override
    {
      return 2;
    }
    void
    initial_history(const siswell::materials::MechanicalResponse &,
                    const dealii::ArrayView<double> &history) const override
    {
      history[0] = 7.;
      history[1] = 8.;
    }
  };
} // namespace

TEST_CASE("QuadraturePointHistory: sized per law, commit/restore, pack/unpack", "[history]")
{
  using namespace dealii;
  namespace ph = siswell::materials::plastic_history;
  Triangulation<2> tria;
  GridGenerator::subdivided_hyper_rectangle(tria, {3, 1}, Point<2>(0., 0.), Point<2>(3., 1.));
  auto cell = tria.begin_active();
  cell->set_material_id(0);
  (++cell)->set_material_id(1);
  (++cell)->set_material_id(2);
  DoFHandler<2> dofs(tria);
  dofs.distribute_dofs(FE_Q<2>(1));

  auto plastic                  = std::make_shared<siswell::materials::InertMaterial>("plastic");
  plastic->plasticity.flow_rule = siswell::materials::J2Plasticity::FlowRule::rate_independent;
  REQUIRE(plastic->is_plastic());
  const auto elastic = std::make_shared<siswell::materials::InertMaterial>("elastic");
  CHECK(plastic->history_size() == 14);
  CHECK(elastic->history_size() == 0);
  siswell::physics::MaterialMap materials{
      {0, plastic}, {1, elastic}, {2, std::make_shared<TwoNumbers>()}};
  siswell::physics::QuadraturePointHistory<2> history;
  history.initialize(dofs, materials, 4);
  CHECK(history.n_points() == 8);
  CHECK(history.n_values() == 4 * 14 + 4 * 2);

  const Triangulation<2>::cell_iterator first = tria.begin_active(), second = std::next(first),
                                        third = std::next(second);
  const auto points                           = history.of(first);
  REQUIRE(points.size() == 4);
  CHECK(history.of(second).empty());
  CHECK(history.committed(second, 0).size() == 0);
  // the initial histories: virgin plastic state (C_p = I), the law's own numbers
  CHECK(ph::unpack(history.committed(first, 1)).Cp_inv == unit_symmetric_tensor<3>());
  CHECK(ph::unpack(history.committed(first, 1)).equivalent_plastic_strain == 0.);
  REQUIRE(history.committed(third, 3).size() == 2);
  CHECK(history.committed(third, 3)[0] == 7.);
  CHECK(history.of(third)[3]->trial()[1] == 8.);

  auto state = [](const ArrayView<const double> &v) { return ph::unpack(v); };
  auto set   = [](const ArrayView<double> &v, const siswell::materials::PlasticState &s) {
    ph::pack(s, v);
  };
  siswell::materials::PlasticState s;
  s.equivalent_plastic_strain = 0.1;
  set(points[2]->trial(), s);
  history.of(third)[0]->trial()[1] = -1.;
  history.restore();
  CHECK(state(points[2]->trial()).equivalent_plastic_strain == 0.);
  CHECK(history.of(third)[0]->trial()[1] == 8.);
  s.equivalent_plastic_strain = 0.2;
  s.Cp_inv[0][1]              = 0.05;
  s.cauchy[2][2]              = -3e8;
  set(points[2]->trial(), s);
  history.of(third)[0]->trial()[1] = -1.;
  history.commit();
  CHECK(ph::unpack(history.committed(first, 2)).equivalent_plastic_strain == 0.2);
  CHECK(ph::unpack(history.committed(first, 1)).equivalent_plastic_strain == 0.);
  CHECK(history.committed(third, 0)[1] == -1.);

  std::vector<double> values;
  points[2]->pack_values(values);
  CHECK(values.size() == 2 * 14);
  siswell::physics::PointHistory copy;
  copy.resize(14);
  copy.unpack_values(values);
  CHECK(state(std::as_const(copy).committed()).equivalent_plastic_strain == 0.2);
  CHECK(state(std::as_const(copy).committed()).Cp_inv[1][0] == 0.05);
  CHECK(state(std::as_const(copy).trial()).cauchy[2][2] == -3e8);
  CHECK(state(std::as_const(copy).committed()).Cp_inv[2][2] == 1.);
}

TEST_CASE(
    "QuadraturePointHistory: no cell with history at all (elastic case, or a rank without one)",
    "[history]")
{
  using namespace dealii;
  Triangulation<2> tria;
  GridGenerator::hyper_cube(tria);
  DoFHandler<2> dofs(tria);
  dofs.distribute_dofs(FE_Q<2>(1));
  siswell::physics::MaterialMap materials{
      {0, std::make_shared<siswell::materials::InertMaterial>("elastic")}};
  siswell::physics::QuadraturePointHistory<2> history;
  history.initialize(dofs, materials, 4);
  CHECK(history.n_points() == 0);
  CHECK(history.n_values() == 0);
  // deal.II's Debug build asserts when a storage without cells is asked for one
  const Triangulation<2>::cell_iterator cell = tria.begin_active();
  CHECK(history.of(cell).empty());
  CHECK(history.committed(cell, 3).size() == 0);
  history.commit();
  history.restore();
}
