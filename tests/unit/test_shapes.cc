// Shapes by name: a shape registered by a program declares its entries in
// 'Geometry/<name>', is chosen with 'Geometry/Shape' and created from them;
// siswell's own shapes keep their entries in 'Geometry'; boundary parts are
// the shape's own; unknown names, bad entries, a second registration and a
// missing 3D version are refused with the parameter.
#include <siswell/geometry/film_shape.h>
#include <siswell/geometry/geometry.h>
#include <siswell/geometry/particle_shape.h>

#include <deal.II/base/mpi.h>
#include <deal.II/distributed/tria.h>
#include <deal.II/grid/grid_generator.h>
#include <deal.II/grid/grid_tools.h>

#include <catch2/catch.hpp>

#include "run_parameters_from_text.h"

#include <stdexcept>
#include <string>

using namespace siswell;

namespace
{
  /// A square of silicon (2D only) with one named boundary part (test shape).
  class TestSquare : public geometry::Shape
  {
  public:
    static void
    declare_parameters(dealii::ParameterHandler &prm)
    {
      prm.declare_entry("Size", "1e-6", dealii::Patterns::Double(), "edge (m)");
    }
    explicit TestSquare(dealii::ParameterHandler &prm) : size(prm.get_double("Size"))
    {
      if (!(size > 0.))
        throw std::invalid_argument("'Geometry/test square/Size' must be positive");
    }
    void
    create_coarse_mesh(const geometry::Geometry &, dealii::Triangulation<2> &coarse) const override
    {
      dealii::GridGenerator::hyper_cube(coarse, 0., size, true); // ids 0..3 by side
    }
    std::map<std::string, dealii::types::boundary_id>
    boundary_names(const geometry::Geometry &) const override
    {
      return {{"left", 0}, {"right", 1}, {"bottom", 2}, {"top", 3}};
    }
    double
    characteristic_length() const override
    {
      return size;
    }
    double size;
  };
} // namespace

SISWELL_REGISTER_SHAPE(TestSquare, "test square", "test: a square")

TEST_CASE("shapes: registered by name, chosen and created from 'Geometry/<name>'", "[shapes]")
{
  const RunParameters p = testing::run_parameters_from_text(R"(
subsection Geometry
  set Coordinate system = plane strain
  set Shape = test square
  subsection test square
    set Size = 2e-6
  end
end
subsection Boundary conditions
  set Symmetry planes = left: x, bottom: y
  set Lithium flux boundaries = top
end
)");
  CHECK(p.geometry.shape_name == "test square");
  CHECK(p.geometry.shape_as<TestSquare>().size == 2e-6);
  CHECK(p.geometry.characteristic_length() == 2e-6);
  CHECK(p.geometry.boundary_id("top", "test") == 3);
  CHECK(p.geometry.boundary_id("7", "test") == 7); // numeric ids always
  CHECK_THROWS_WITH(p.geometry.boundary_id("surface", "Boundary conditions/x"),
                    Catch::Contains("unknown boundary part 'surface'") &&
                        Catch::Contains("bottom, left, right, top"));
  CHECK_THROWS_WITH(p.geometry.shape_as<geometry::ParticleShape>(),
                    Catch::Contains("shape is 'test square'"));

  // the mesh it builds, refined as 'Global refinements' says
  dealii::parallel::distributed::Triangulation<2> tria(MPI_COMM_WORLD);
  p.geometry.create(tria);
  CHECK(tria.n_global_active_cells() == 64); // 4^3
  CHECK(dealii::GridTools::volume(tria) == Approx(4e-12).epsilon(1e-14));

  // siswell's own: entries in 'Geometry' itself, boundary parts their own
  const RunParameters d = testing::run_parameters_from_text("");
  CHECK(d.geometry.shape_as<geometry::ParticleShape>().radius == 1e-6);
  const RunParameters f = testing::run_parameters_from_text(R"(
subsection Geometry
  set Shape = film
  set Film thickness = 1e-7
end
subsection Boundary conditions
  set Symmetry planes = x0
end
)");
  CHECK(f.geometry.shape_as<geometry::FilmShape>().thickness == 1e-7);
  CHECK(f.geometry.characteristic_length() == 1e-7);
  CHECK_THROWS_WITH(f.geometry.boundary_id("outer", "test"),
                    Catch::Contains("axis, bottom, side, surface, x0"));
}

TEST_CASE("shapes: unknown names, bad entries and missing versions are refused", "[shapes]")
{
  CHECK_THAT(testing::parameter_error_of("subsection Geometry\n set Shape = cube\nend\n"),
             Catch::Contains("Shape") && Catch::Contains("cube"));
  CHECK_THAT(testing::parameter_error_of(
                 "subsection Geometry\n set Coordinate system = plane strain\n set Shape = test "
                 "square\n subsection test square\n  set Size = 0\n end\nend\n"),
             Catch::Contains("'Geometry/test square/Size' must be positive"));
  CHECK_THAT(testing::parameter_error_of("subsection Geometry\n set Particle radius = 0\nend\n"),
             Catch::Contains("'Geometry/Particle radius' must be positive"));
  CHECK_THAT(
      testing::parameter_error_of(
          "subsection Geometry\n set Shape = gmsh\n set Mesh file = /nonexistent.msh\nend\n"),
      Catch::Contains("cannot open 'Geometry/Mesh file' = '/nonexistent.msh'"));
  CHECK_THROWS_WITH(geometry::Shapes::add<TestSquare>("test square", "again"),
                    Catch::Contains("registered twice"));
  CHECK_THROWS_WITH(geometry::Shapes::get("cube"),
                    Catch::Contains("unknown shape 'cube'") && Catch::Contains("'test square'"));

  // a 2D-only shape in 3D: refused when the mesh is built, on every rank alike
  dealii::ParameterHandler prm;
  geometry::Geometry::declare_parameters(prm);
  prm.parse_input_from_string(
      "subsection Geometry\n set Coordinate system = 3d\n set Shape = test square\nend\n");
  geometry::Geometry g;
  g.parse_parameters(prm);
  dealii::parallel::distributed::Triangulation<3> tria(MPI_COMM_WORLD);
  CHECK_THROWS_WITH(g.create(tria),
                    Catch::Contains("'Geometry/Shape' = 'test square' has no 3D version"));
}
