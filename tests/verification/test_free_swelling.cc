// Free swelling at uniform concentration: a mesh that is stress-free at
// θ_ref = 0.01 is filled uniformly to θ_0 = 0.6 and left to rest. With no
// flux the concentration stays uniform, and the body must expand freely:
// zero stress and J = J_s(c) everywhere, to round-off (axisymmetric, 3D).
// Plane strain holds F_zz = 1, so there the closed form is in-plane stretch
// λ with ln λ = 3K ln J_s / (2G + 6K), zero in-plane stress and
// τ_zz = J_s [−(4/3) G ln λ + K (2 ln λ − ln J_s)].
// The same holds on a shape that a program registers (SlantedBlock, below):
// a distorted block of silicon whose faces on the coordinate planes are
// symmetry planes.
#include "case_builder.h"

#include <siswell/geometry/geometry.h>
#include <siswell/geometry/shape.h>

#include <deal.II/grid/grid_generator.h>

#include <catch2/catch.hpp>

#include <cmath>

namespace
{
  /// A block of silicon with one corner at the origin, its faces on the
  /// coordinate planes (boundary parts x0, y0, z0) and the far corners moved
  /// off the cube (part "surface"): a shape registered by this program, its
  /// entry in 'Geometry/slanted block'.
  class SlantedBlock : public siswell::geometry::Shape
  {
  public:
    static void
    declare_parameters(dealii::ParameterHandler &prm)
    {
      prm.declare_entry("Edge length", "1e-6", dealii::Patterns::Double(0.), "Edge (m).");
    }
    explicit SlantedBlock(dealii::ParameterHandler &prm)
      : edge(prm.get_double("Edge length"))
    {
      if (!(edge > 0.))
        throw std::invalid_argument("'Geometry/slanted block/Edge length' must be positive");
    }
    void
    create_coarse_mesh(const siswell::geometry::Geometry &,
                       dealii::Triangulation<2> &coarse) const override
    {
      make({{0, 0}, {1, 0}, {0, 1}, {0.8, 1.3}}, coarse);
    }
    void
    create_coarse_mesh(const siswell::geometry::Geometry &,
                       dealii::Triangulation<3> &coarse) const override
    {
      make({{0, 0, 0},
            {1, 0, 0},
            {0, 1, 0},
            {0.8, 1.3, 0},
            {0, 0, 1},
            {1.2, 0, 0.9},
            {0, 0.9, 1.1},
            {1.1, 1.2, 1.3}},
           coarse);
    }
    std::map<std::string, dealii::types::boundary_id>
    boundary_names(const siswell::geometry::Geometry &) const override
    {
      return {{"surface", 0}, {"x0", 1}, {"y0", 2}, {"z0", 3}};
    }
    double
    characteristic_length() const override
    {
      return edge;
    }

  private:
    template <int dim>
    void
    make(std::vector<dealii::Point<dim>> vertices, dealii::Triangulation<dim> &coarse) const
    {
      for (auto &v : vertices)
        v *= edge;
      dealii::GridGenerator::general_cell(coarse, vertices);
      for (const auto &cell : coarse.active_cell_iterators())
        {
          cell->set_material_id(siswell::geometry::material_id::active);
          for (const unsigned int f : cell->face_indices())
            {
              dealii::types::boundary_id id = 0;
              for (unsigned int d = 0; d < dim; ++d)
                {
                  bool on_plane = true;
                  for (const unsigned int v : cell->face(f)->vertex_indices())
                    on_plane = on_plane && cell->face(f)->vertex(v)[d] == 0.;
                  if (on_plane)
                    id = 1 + d;
                }
              cell->face(f)->set_boundary_id(id);
            }
        }
    }
    double edge;
  };

  template <int dim>
  void
  check_free_swelling(const std::string &geometry, const bool plane_strain = false)
  {
    std::ostringstream log;
    auto sim = test::simulation<dim>(geometry + R"(
subsection Materials
  subsection Active material
    set Initial state of charge = 0.6
    set Reference state of charge = 0.01
  end
end
subsection Newton
  set Tolerance = 1e-12
  set Maximum iterations = 30
  set Line search steps = 8
end
)",
                                     log);
    const auto result = sim->solve_step(10., 0.);
    REQUIRE(result.converged);
    const auto   row = sim->measure();
    const double Js  = 1. + 8.9e-6 * 3.11e5 * (0.6 - 0.01); // 2.633...
    const double E   = 90e9 + (40e9 - 90e9) * 0.6;
    const double nu = 0.22, G = E / (2 * (1 + nu)), K = E / (3 * (1 - 2 * nu));
    const double e  = std::log(Js);
    const double ln_lambda  = plane_strain ? 3 * K * e / (2 * G + 6 * K) : e / 3;
    const double J          = std::exp((plane_strain ? 2 : 3) * ln_lambda);
    const double sigma_zz   = plane_strain ?
                                Js * (-4. / 3. * G * ln_lambda + K * (2 * ln_lambda - e)) / J :
                                0.;
    INFO("volume change " << row.volume_change << ", expected " << J - 1 << "; max von Mises "
                          << row.max_von_mises << " Pa, expected " << std::abs(sigma_zz)
                          << "; hydrostatic " << row.min_hydrostatic << " .. " << row.max_hydrostatic);
    // round-off: the Newton tolerance 1e-12 on E V / L bounds stress errors near
    // 1e-12 E; the volume integral is exact for uniform J up to round-off
    CHECK(std::abs(row.volume_change - (J - 1.)) <= 1e-9 * J);
    if (geometry.find("generalised") != std::string::npos)
      CHECK(std::abs(row.out_of_plane_stretch - std::cbrt(Js)) <= 1e-9);
    CHECK(std::abs(row.max_von_mises - std::abs(sigma_zz)) <= 1e-9 * E);
    CHECK(std::abs(row.min_hydrostatic - sigma_zz / 3) <= 1e-9 * E);
    CHECK(std::abs(row.max_hydrostatic - sigma_zz / 3) <= 1e-9 * E);
    CHECK(std::abs(row.min_theta - 0.6) <= 1e-10);
    CHECK(std::abs(row.max_theta - 0.6) <= 1e-10);
  }
} // namespace

SISWELL_REGISTER_SHAPE(SlantedBlock, "slanted block", "test: a distorted block of silicon")

TEST_CASE("free swelling, plane strain", "[free-swelling]")
{
  check_free_swelling<2>(R"(
subsection Geometry
  set Coordinate system = plane strain
  set Shape = particle
  set Global refinements = 2
end
)",
                         true);
}

TEST_CASE("free swelling, generalised plane strain", "[free-swelling]")
{
  // the out-of-plane stretch is free: stress-free like 3D, with F_zz = J_s^(1/3)
  check_free_swelling<2>(R"(
subsection Geometry
  set Coordinate system = plane strain
  set Plane strain = generalised
  set Shape = particle
  set Global refinements = 2
end
)");
}

TEST_CASE("free swelling, axisymmetric", "[free-swelling]")
{
  check_free_swelling<2>(R"(
subsection Geometry
  set Coordinate system = axisymmetric
  set Shape = particle
  set Global refinements = 2
end
)");
}

TEST_CASE("free swelling, 3D", "[free-swelling]")
{
  check_free_swelling<3>(R"(
subsection Geometry
  set Coordinate system = 3d
  set Shape = particle
  set Global refinements = 1
end
subsection Boundary conditions
  set Symmetry planes = x0, y0, z0
end
)");
}

TEST_CASE("free swelling on a shape a program registers, plane strain and 3D", "[free-swelling]")
{
  check_free_swelling<2>(R"(
subsection Geometry
  set Coordinate system = plane strain
  set Shape = slanted block
  set Global refinements = 3
  subsection slanted block
    set Edge length = 0.7e-6
  end
end
)",
                         true);
  check_free_swelling<3>(R"(
subsection Geometry
  set Coordinate system = 3d
  set Shape = slanted block
  set Global refinements = 2
end
subsection Boundary conditions
  set Symmetry planes = x0, y0, z0
end
)");
}
