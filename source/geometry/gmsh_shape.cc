#include <siswell/geometry/geometry.h>

#include "shape_internal.h"
#include <siswell/geometry/gmsh_shape.h>

#include <deal.II/grid/grid_in.h>
#include <deal.II/grid/grid_tools.h>
#include <deal.II/grid/tria.h>

#include <fstream>
#include <sstream>

namespace siswell
{
  namespace geometry
  {
    using namespace dealii;

    void
    GmshShape::declare_parameters(ParameterHandler &prm)
    {
      prm.declare_entry("Mesh file",
                        "",
                        Patterns::Anything(),
                        "gmsh: Gmsh .msh file (format 2 or 4, ASCII); physical groups give "
                        "material ids (volumes) and boundary ids (surfaces).");
      prm.declare_entry("Mesh scale",
                        "1",
                        Patterns::Double(0.),
                        "gmsh: factor from mesh-file units to m (e.g. 1e-6 for a mesh in µm).");
    }

    GmshShape::GmshShape(ParameterHandler &prm)
        : file(prm.get("Mesh file")), scale(prm.get_double("Mesh scale")),
          particle_radius(prm.get_double("Particle radius"))
    {
      internal::require_positive(scale, "Mesh scale");
      if (file.empty())
        throw std::invalid_argument("'Geometry/Mesh file' must be set for Shape = gmsh");
      std::ifstream in(file);
      if (!in)
        throw std::invalid_argument("cannot open 'Geometry/Mesh file' = '" + file + "'");
    }

    double
    GmshShape::characteristic_length() const
    {
      return particle_radius;
    }

    std::map<std::string, types::boundary_id>
    GmshShape::boundary_names(const Geometry &) const
    {
      return {};
    }

    namespace
    {
      template <int dim>
      void
      read_mesh(const GmshShape &s, Triangulation<dim> &coarse)
      {
        GridIn<dim> grid_in;
        grid_in.attach_triangulation(coarse);
        std::ifstream in(s.file);
        if (!in)
          throw std::invalid_argument("cannot open 'Geometry/Mesh file' = '" + s.file + "'");
        const std::string what = "cannot read 'Geometry/Mesh file' = '" + s.file + "' as a " +
                                 std::to_string(dim) + "D Gmsh mesh";
        try
          {
            grid_in.read_msh(in);
          }
        catch (const ExceptionBase &e)
          {
            std::ostringstream info;
            e.print_info(info);
            std::string text = info.str();
            while (!text.empty() && (text.back() == '\n' || text.back() == ' '))
              text.pop_back();
            throw std::invalid_argument(what + " (" + text.substr(text.find_first_not_of(" \n")) +
                                        ")");
          }
        catch (const std::exception &)
          {
            throw std::invalid_argument(what);
          }
        if (s.scale != 1.)
          GridTools::scale(s.scale, coarse);
      }
    } // namespace

    void
    GmshShape::create_coarse_mesh(const Geometry &, Triangulation<2> &coarse) const
    {
      read_mesh(*this, coarse);
    }

    void
    GmshShape::create_coarse_mesh(const Geometry &, Triangulation<3> &coarse) const
    {
      read_mesh(*this, coarse);
    }
  } // namespace geometry
} // namespace siswell

// entries in 'Geometry' itself (own_subsection = false), as they always were
namespace
{
  const bool registered = siswell::geometry::Shapes::add<siswell::geometry::GmshShape>(
      "gmsh", "The mesh of 'Mesh file', its physical groups the material and boundary ids.", false);
}
