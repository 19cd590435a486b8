// A cohesive interface between silicon and the solid electrolyte against the
// closed form of its bilinear law ('Interface/Mode = cohesive').
//
// Mode I pull-off: silicon (W × H) on electrolyte (W × H), plane strain,
// held laterally on both vertical faces so that
// the state is uniaxial strain and uniform: the interface opens by the same
// g everywhere and carries the platen's force. The displacement-controlled
// platen lifts the silicon's top to 40 nm (through the peak into
// softening), lowers it to 10 nm (unloading at the damaged stiffness back
// towards the origin) and lifts it to 120 nm (full separation). Every
// converged step is checked against the law: the traction at the opening g
// is (1 − D) K g with D the damage of the largest opening so far, the
// platen's reaction equals it (force balance), and the run ends separated,
// having dissipated the fracture energy per interface area. The state is
// homogeneous, so the only errors are Newton's (tolerance 1e-12): the law is
// checked to 1e-8 of the strength and the dissipation to 1e-8 relative; the
// trapezoid integral of the sampled curve is exact on its straight pieces
// and off by at most ½ × strength × step on each of the two kinks.
//
// Mode II push-off: the same blocks, the electrolyte's bottom held, the
// silicon pressed onto it by a follower pressure of 50 MPa on its top and
// pushed sideways by a displacement-controlled platen on its right face to
// 150 nm. Every interface point stays in compression (largest opening below
// the contact tolerance), so the bond fails in pure mode II at every point,
// though not uniformly (the push and the pressure bend the silicon): the
// energy dissipated is then G_IIc × area exactly, for any distribution (the
// law's dissipation is exact on each point's one-directional path, checked
// to 1e-8 relative); the platen's force equals the shear the interface
// carries, never more than τ_c × area, and next to nothing once it has
// separated (frictionless contact is left: 1e-4 of the peak, for the
// tangential parts of the normal forces on the slightly rotated surfaces).
#include "case_builder.h"

#include <siswell/geometry/geometry.h>
#include <siswell/geometry/shape.h>

#include <siswell/physics/cohesive_interface.h>
#include <siswell/physics/coupled_problem.h>

#include <deal.II/base/mpi.h>
#include <deal.II/grid/grid_generator.h>

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>

namespace
{
  constexpr double W = 1e-6, H = 0.5e-6;

  /// Silicon (material id 0) on y in [H, 2H] above electrolyte (id 1) on
  /// [0, H], 2D; parts bottom (y = 0), top (y = 2H), left (x = 0), right
  /// (x = W, the electrolyte's) and right_silicon (x = W, the silicon's).
  class PullOffBlocks : public siswell::geometry::Shape
  {
  public:
    static void
    declare_parameters(dealii::ParameterHandler &)
    {
    }
    explicit PullOffBlocks(dealii::ParameterHandler &) {}
    void
    create_coarse_mesh(const siswell::geometry::Geometry &,
                       dealii::Triangulation<2> &coarse) const override
    {
      dealii::GridGenerator::subdivided_hyper_rectangle(
          coarse, {2, 4}, dealii::Point<2>(), dealii::Point<2>(W, 2 * H));
      for (const auto &cell : coarse.active_cell_iterators())
        {
          cell->set_material_id(cell->center()[1] > H ? 0 : 1);
          for (const unsigned int f : cell->face_indices())
            if (cell->face(f)->at_boundary())
              {
                const auto c = cell->face(f)->center();
                cell->face(f)->set_boundary_id(std::abs(c[1]) < 1e-3 * H         ? 1 :
                                               std::abs(c[1] - 2 * H) < 1e-3 * H ? 2 :
                                               std::abs(c[0]) < 1e-3 * H         ? 3 :
                                               c[1] < H                          ? 4 :
                                                                                   5);
              }
        }
    }
    std::map<std::string, dealii::types::boundary_id>
    boundary_names(const siswell::geometry::Geometry &) const override
    {
      return {{"bottom", 1}, {"top", 2}, {"left", 3}, {"right", 4}, {"right_silicon", 5}};
    }
    double
    characteristic_length() const override
    {
      return H;
    }
  };
  SISWELL_REGISTER_SHAPE(PullOffBlocks,
                         "pull-off blocks",
                         "silicon on electrolyte (cohesive tests)");

  void
  check_mode_one(const std::string &backend)
  {
    const double       sigma = 10e6, G = 0.5;
    std::ostringstream log;
    auto               sim  = test::simulation<2>(R"(
subsection Geometry
  set Coordinate system = plane strain
  set Shape = pull-off blocks
  set Global refinements = 1
end
subsection Materials
  set Electrolyte material ids = 1
end
subsection Interface
  set Mode = cohesive
  set Open stiffness ratio = 0
  set Cohesive stiffness factor = 0.01
  set Normal strength = 10e6
  set Normal fracture energy = 0.5
end
subsection Boundary conditions
  set Symmetry planes = bottom: y, left: x, right: x, right_silicon: x
  set Lithium flux boundaries = top
end
subsection Stack pressure
  set Platen boundary = top
  set Control         = displacement
end
subsection Cycling
  set Stages = move platen to 4e-8 in 40, move platen to 1e-8 in 15, move platen to 1.2e-7 in 55
end
subsection Time stepping
  set Initial time step = 1
  set Maximum time step = 1
end
subsection Newton
  set Tolerance = 1e-12
  set Maximum iterations = 30
end
subsection Linear solver
  set Backend = )" + backend + R"(
end
subsection Output
  set Directory = cohesive-mode-one-output
  set Write fields = false
end
)",
                                   log);
    const auto        *bond = sim->cohesive();
    REQUIRE(bond);
    // K on the interface faces (all of one size here)
    double h_min = 1., h_max = 0.;
    sim->problem().for_each_interface_point("interface", [&](const auto &p) {
      h_min = std::min(h_min, p.face_size);
      h_max = std::max(h_max, p.face_size);
    });
    h_min = dealii::Utilities::MPI::min(h_min, MPI_COMM_WORLD);
    h_max = dealii::Utilities::MPI::max(h_max, MPI_COMM_WORLD);
    REQUIRE(h_max == Approx(h_min).epsilon(1e-12));
    const double K = bond->stiffness(h_max), d0 = sigma / K, m = sigma * sigma / (2. * G * K);
    const bool   ran = sim->run();
    INFO(log.str());
    REQUIRE(ran);
    const auto &rows = sim->history();
    REQUIRE(rows.size() >= 111); // 40 + 15 + 55 steps of 1 s and the initial row
    double g_max = 0., work = 0., largest_step = 0., peak = 0.;
    for (std::size_t i = 1; i < rows.size(); ++i)
      {
        const auto &r = rows[i];
        REQUIRE(r.has_cohesive);
        const double g = r.max_gap;
        g_max          = std::max(g_max, g);
        const double k = g_max / d0;
        const double D = k <= 1. ? 0. : std::min(1., (1. - 1. / k) / (1. - m));
        INFO("step " << r.step << ": opening " << g << " m, traction " << r.mean_normal_traction
                     << " Pa (law " << (1. - D) * K * g << "), damage " << r.max_damage << " (law "
                     << D << "), platen " << r.stack_pressure << " Pa, Newton "
                     << r.newton_iterations);
        CHECK(std::abs(r.mean_normal_traction - (1. - D) * K * g) <= 1e-8 * sigma);
        CHECK(std::abs(r.max_damage - D) <= 1e-8);
        CHECK(std::abs(r.stack_pressure + r.mean_normal_traction) <= 1e-8 * sigma);
        // the opening is uniform: the interface's gap range is round-off
        CHECK(r.max_shear_separation <= 1e-12 * W);
        // an exact Jacobian: a handful of Newton iterations in every step
        CHECK(r.newton_iterations <= 8);
        const auto &p = rows[i - 1];
        work += 0.5 * (r.mean_normal_traction + p.mean_normal_traction) * (g - p.max_gap);
        largest_step = std::max(largest_step, std::abs(g - p.max_gap));
        peak         = std::max(peak, r.mean_normal_traction);
      }
    const auto &last = rows.back();
    INFO(backend << ": K " << K << " Pa/m, onset " << d0 << " m, peak sampled " << peak
                 << " Pa, work " << work << " J/m^2, dissipated " << last.interface_dissipation
                 << " J/m (G W = " << G * W << "), separated " << last.separated_fraction);
    CHECK(last.separated_fraction == 1.);
    CHECK(last.max_damage == 1.);
    CHECK(last.mean_normal_traction == 0.);
    CHECK(std::abs(last.interface_dissipation - G * W) <= 1e-8 * G * W);
    CHECK(std::abs(work - G) <= sigma * largest_step);
    CHECK(peak <= sigma * (1. + 1e-8));
    // the best sample is within one opening step of the peak, on either side of it
    CHECK(peak >= sigma * (1. - largest_step / std::min(d0, d0 * (1. / m - 1.))));
    WARN("cohesive mode I pull-off, "
         << backend << ", " << dealii::Utilities::MPI::n_mpi_processes(MPI_COMM_WORLD)
         << " rank(s): dissipated / (G_Ic A) - 1 = " << last.interface_dissipation / (G * W) - 1.
         << ", trapezoid work / G_Ic - 1 = " << work / G - 1. << " (bound "
         << sigma * largest_step / G << ")");
  }
} // namespace

namespace
{
  void
  check_mode_two()
  {
    const double       tau = 10e6, G = 0.5;
    std::ostringstream log;
    auto               sim = test::simulation<2>(R"(
subsection Geometry
  set Coordinate system = plane strain
  set Shape = pull-off blocks
  set Global refinements = 1
end
subsection Materials
  set Electrolyte material ids = 1
end
subsection Interface
  set Mode = cohesive
  set Cohesive stiffness factor = 0.01
  set Shear strength = 10e6
  set Shear fracture energy = 0.5
end
subsection Boundary conditions
  set Symmetry planes =
  set Fixed displacement = bottom
  set Pressure = top: 50e6
  set Lithium flux boundaries = top
end
subsection Stack pressure
  set Platen boundary = right_silicon
  set Control         = displacement
end
subsection Cycling
  set Stages = move platen to 1.5e-7 in 75
end
subsection Time stepping
  set Initial time step = 1
  set Maximum time step = 1
end
subsection Newton
  set Tolerance = 1e-12
  set Maximum iterations = 30
end
subsection Output
  set Directory = cohesive-mode-two-output
  set Write fields = false
end
)",
                                 log);
    const bool         ran = sim->run();
    INFO(log.str());
    REQUIRE(ran);
    const auto &rows = sim->history();
    double      h    = 0.;
    sim->problem().for_each_interface_point("interface",
                                            [&](const auto &p) { h = std::max(h, p.face_size); });
    h = dealii::Utilities::MPI::max(h, MPI_COMM_WORLD);
    REQUIRE(rows.size() >= 76);
    double peak = 0.;
    for (std::size_t i = 1; i < rows.size(); ++i)
      {
        const auto &r = rows[i];
        // the platen's reaction: force / (reference platen area H); it pulls (w > 0)
        const double force = std::abs(r.stack_pressure) * H;
        INFO("step " << r.step << ": platen force " << force << " N/m, mean shear traction "
                     << r.mean_shear_traction << " Pa, damage " << r.max_damage << ", bonded "
                     << r.bonded_fraction << ", largest opening " << r.max_gap << " m, Newton "
                     << r.newton_iterations);
        REQUIRE(r.has_cohesive);
        CHECK(r.max_gap <= 1e-8 * h); // closed everywhere: pure mode II
        CHECK(r.mean_shear_traction <= tau * (1. + 1e-8));
        CHECK(r.newton_iterations <= 12);
        peak = std::max(peak, force);
      }
    const auto &last = rows.back();
    INFO("peak force " << peak << " N/m (tau W = " << tau * W << "), dissipated "
                       << last.interface_dissipation << " J/m (G W = " << G * W
                       << "), final platen force " << last.stack_pressure * H);
    CHECK(peak > 0.5 * tau * W);
    CHECK(peak <= tau * W * (1. + 1e-8));
    CHECK(last.separated_fraction == 1.);
    CHECK(last.mean_shear_traction == 0.);
    // frictionless contact is left: the platen holds only the tangential parts of the
    // normal forces on the slightly rotated top and interface (~ 50 N/m × rotation)
    CHECK(std::abs(last.stack_pressure * H) <= 1e-4 * peak);
    CHECK(std::abs(last.interface_dissipation - G * W) <= 1e-8 * G * W);
    WARN("cohesive mode II push-off, "
         << dealii::Utilities::MPI::n_mpi_processes(MPI_COMM_WORLD)
         << " rank(s): dissipated / (G_IIc A) - 1 = " << last.interface_dissipation / (G * W) - 1.
         << ", peak force / (tau_c A) = " << peak / (tau * W) << ", final force "
         << last.stack_pressure * H << " N/m");
  }
} // namespace

TEST_CASE("cohesive mode II push-off under pressure: the fracture energy, no friction after",
          "[cohesive]")
{
  check_mode_two();
}

TEST_CASE("cohesive mode I pull-off: the traction-separation curve and the fracture energy",
          "[cohesive]")
{
  SECTION("PETSc")
  check_mode_one("PETSc");
  SECTION("Trilinos")
  check_mode_one("Trilinos");
}
