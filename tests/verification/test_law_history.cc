// A material law with a history of its own layout: LixSi that remembers the
// largest concentration each quadrature point has seen (one number per
// point; J2 plasticity keeps 14, an elastic law none). The storage is sized
// per law, the assembly hands the law its committed values and keeps its
// updated ones, a converged step commits them and output reads them back:
// after every step the history equals the largest converged concentration
// the test itself tracked at that point (to round-off), through lithiation
// and the start of delithiation. The shell is J2-plastic (14 numbers per
// point) with a yield stress it does not reach, so that history.csv's
// plastic-strain column shows the test law's own quantity. The ctest
// entries run it on 1, 2 and 3 ranks (on 3, one rank owns no silicon cell).
#include <siswell/materials/active_material.h>
#include <siswell/materials/material_registry.h>
#include <siswell/materials/plastic_history.h>
#include <siswell/simulation/simulation.h>

#include "case_builder.h"

#include <siswell/physics/point_evaluator.h>

#include <deal.II/base/mpi.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

namespace
{
  /// LixSi (elastic) that records max c at each point: history_size() = 1.
  class PeakConcentrationSilicon : public siswell::materials::ActiveMaterial
  {
  public:
    unsigned int
    history_size() const override
    {
      return 1;
    }
    void
    initial_history(const siswell::materials::MechanicalResponse &,
                    const dealii::ArrayView<double> &history) const override
    {
      history[0] = 0.;
    }
    using ActiveMaterial::mechanical_response;
    siswell::materials::MechanicalResponse
    mechanical_response(const dealii::Tensor<2, 3>            &F,
                        const double                           c,
                        const siswell::materials::HistoryStep &step) const override
    {
      if (!(step.updated.size() == 0))
        step.updated[0] = std::max((step.old.size() == 0) ? 0. : step.old[0], c);
      return ActiveMaterial::mechanical_response(F, c, siswell::materials::HistoryStep());
    }
    siswell::materials::HistoryQuantities
    history_quantities(const dealii::ArrayView<const double> &history) const override
    {
      siswell::materials::HistoryQuantities q;
      q.equivalent_plastic_strain =
          history.size() == 0 ? 0. : history[0] / c_max; // shown as a number
      return q;
    }
  };

  /// c at every quadrature point of the locally owned silicon cells, in the
  /// order of the cells and points.
  std::vector<double>
  concentrations(const siswell::physics::CoupledProblem<2> &problem)
  {
    siswell::physics::PointEvaluator<2> points(problem, problem.quadrature());
    std::vector<double>                 all;
    for (const auto &cell : problem.dof_handler().active_cell_iterators())
      if (cell->is_locally_owned() && problem.materials().at(cell->material_id())->is_active())
        {
          points.reinit(cell);
          for (unsigned int k = 0; k < points.n_points(); ++k)
            all.push_back(points[k].c);
        }
    return all;
  }

  std::vector<double>
  histories(const siswell::physics::CoupledProblem<2> &problem)
  {
    std::vector<double> all;
    for (const auto &cell : problem.dof_handler().active_cell_iterators())
      if (cell->is_locally_owned() && problem.materials().at(cell->material_id())->is_active())
        for (unsigned int q = 0; q < problem.n_quadrature_points(); ++q)
          {
            const auto h = problem.point_history(cell, q);
            REQUIRE(h.size() == 1);
            all.push_back(h[0]);
          }
    return all;
  }
} // namespace

SISWELL_REGISTER_MATERIAL_LAW(PeakConcentrationSilicon,
                              "peak-concentration silicon",
                              "test law: LixSi recording the largest concentration per point")

TEST_CASE("a material law with a history of its own size", "[law-history]")
{
  std::ostringstream log;
  auto               sim     = test::simulation<2>(R"(
subsection Geometry
  set Coordinate system  = axisymmetric
  set Shape              = particle
  set Electrolyte shell thickness = 0.5e-6
  set Global refinements = 2
end
subsection Materials
  set Electrolyte material ids = 1
  subsection Active material
    set Law = peak-concentration silicon
  end
  subsection Electrolyte
    subsection Plasticity
      set Flow rule    = rate independent
      set Yield stress = 20e9
    end
  end
end
subsection Boundary conditions
  set Symmetry planes         = x0, y0
  set Lithium flux boundaries = interface
end
subsection Cycling
  set C-rate = 4
end
)",
                                 log);
  auto              &problem = sim->problem();

  // the storage: one number per silicon point, 14 per (plastic) electrolyte point
  std::size_t silicon_points = 0, electrolyte_points = 0;
  for (const auto &cell : problem.dof_handler().active_cell_iterators())
    if (cell->is_locally_owned())
      (problem.materials().at(cell->material_id())->is_active() ? silicon_points
                                                                : electrolyte_points) +=
          problem.n_quadrature_points();
  const auto &storage = problem.quadrature_point_history();
  CHECK(storage.n_points() == silicon_points + electrolyte_points);
  CHECK(storage.n_values() == silicon_points * 1 + electrolyte_points * 14);

  std::vector<double> peak = concentrations(problem); // the initial state has been seen
  std::fill(peak.begin(), peak.end(), 0.);
  const double c_max =
      dynamic_cast<const siswell::materials::ActiveMaterial &>(*problem.materials().at(0)).c_max;
  double largest = 0.;
  for (const double direction : {1., 1., 1., -1., -1.})
    {
      REQUIRE(sim->solve_step(60., direction).converged);
      const auto c = concentrations(problem);
      for (std::size_t k = 0; k < c.size(); ++k)
        peak[k] = std::max(peak[k], c[k]);
      const auto h = histories(problem);
      REQUIRE(h.size() == peak.size());
      double error = 0.;
      for (std::size_t k = 0; k < h.size(); ++k)
        error = std::max(error, std::abs(h[k] - peak[k]));
      // the assembly evaluated c at the same points with the same shape
      // functions: equal up to the round-off of the sums (1e-12 c_max)
      INFO("largest |history - tracked peak| " << error << " mol/m³");
      CHECK(dealii::Utilities::MPI::max(error, MPI_COMM_WORLD) <= 1e-12 * c_max);
      for (const double v : h) // none on a rank that owns no silicon cell
        largest = std::max(largest, v);
    }
  // measure() reads each law's history back through history_quantities():
  // history.csv's plastic-strain column is the largest over the (J2) shell's
  // ε̄_p (0: it stays elastic) and, for the test law, peak c / c_max
  double electrolyte_eps_p = 0.;
  for (const auto &cell : problem.dof_handler().active_cell_iterators())
    if (cell->is_locally_owned() && !problem.materials().at(cell->material_id())->is_active())
      for (unsigned int q = 0; q < problem.n_quadrature_points(); ++q)
        electrolyte_eps_p =
            std::max(electrolyte_eps_p,
                     siswell::materials::plastic_history::unpack(problem.point_history(cell, q))
                         .equivalent_plastic_strain);
  const double expected = std::max(dealii::Utilities::MPI::max(largest, MPI_COMM_WORLD) / c_max,
                                   dealii::Utilities::MPI::max(electrolyte_eps_p, MPI_COMM_WORLD));
  const double shown    = sim->measure().max_plastic_strain;
  INFO("shell's largest plastic strain " << electrolyte_eps_p << ", silicon's peak theta "
                                         << largest / c_max);
  CHECK(electrolyte_eps_p == 0.);
  CHECK(shown == expected); // the same numbers, no arithmetic in between
}
