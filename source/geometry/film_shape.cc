#include <siswell/geometry/film_shape.h>
#include <siswell/geometry/geometry.h>

#include "shape_internal.h"

#include <deal.II/grid/grid_generator.h>
#include <deal.II/grid/tria.h>

#include <cmath>
#include <map>

namespace siswell
{
  namespace geometry
  {
    using namespace dealii;

    void
    FilmShape::declare_parameters(ParameterHandler &prm)
    {
      prm.declare_entry(
          "Film thickness", "200e-9", Patterns::Double(0.), "film: film thickness (m).");
      prm.declare_entry("Film width",
                        "1e-6",
                        Patterns::Double(0.),
                        "film: width (m) of the film section (x in [0, width]).");
      prm.declare_entry("Substrate thickness",
                        "1e-6",
                        Patterns::Double(0.),
                        "film: thickness (m) of the substrate (material id 2) under the film; 0 "
                        "for none.");
      prm.declare_entry("Film layers",
                        "4",
                        Patterns::Integer(1, 1000),
                        "film: cells through the film thickness on the coarse mesh.");
    }

    FilmShape::FilmShape(ParameterHandler &prm)
        : thickness(prm.get_double("Film thickness")), width(prm.get_double("Film width")),
          substrate_thickness(prm.get_double("Substrate thickness")),
          layers(prm.get_integer("Film layers"))
    {
      internal::require_positive(thickness, "Film thickness");
      internal::require_positive(width, "Film width");
    }

    double
    FilmShape::characteristic_length() const
    {
      return thickness;
    }

    std::map<std::string, types::boundary_id>
    FilmShape::boundary_names(const Geometry &g) const
    {
      return internal::standing_body_parts(g);
    }

    namespace
    {
      template <int dim>
      void
      make_film(const FilmShape &g, Triangulation<dim> &tria)
      {
        const double       hf = g.thickness;
        const double       hs = g.substrate_thickness;
        const double       h  = hf / g.layers;
        const unsigned int nx = std::max(1, static_cast<int>(std::round(g.width / h)));
        std::vector<std::vector<double>> steps(dim);
        for (unsigned int d = 0; d + 1 < dim; ++d)
          steps[d].assign(nx, g.width / nx);
        if (hs > 0.)
          steps[dim - 1].assign(g.layers, hs / g.layers);
        for (unsigned int k = 0; k < g.layers; ++k)
          steps[dim - 1].push_back(h);
        Point<dim> p1, p2;
        for (unsigned int d = 0; d + 1 < dim; ++d)
          p2[d] = g.width;
        p1[dim - 1] = -hs;
        p2[dim - 1] = hf;
        GridGenerator::subdivided_hyper_rectangle(tria, steps, p1, p2);
        for (const auto &cell : tria.active_cell_iterators())
          {
            cell->set_material_id(cell->center()[dim - 1] > 0 ? material_id::active
                                                              : material_id::collector);
            for (const unsigned int f : cell->face_indices())
              if (cell->face(f)->at_boundary())
                {
                  const Point<dim> c   = cell->face(f)->center();
                  const double     tol = 1e-8 * hf;
                  if (std::abs(c[dim - 1] - hf) < tol)
                    cell->face(f)->set_boundary_id(boundary_id::surface);
                  else if (std::abs(c[dim - 1] + hs) < tol)
                    cell->face(f)->set_boundary_id(boundary_id::bottom);
                  else if (std::abs(c[0]) < tol)
                    cell->face(f)->set_boundary_id(boundary_id::x0);
                  else if (dim == 3 && std::abs(c[1]) < tol)
                    cell->face(f)->set_boundary_id(boundary_id::y0);
                  else
                    cell->face(f)->set_boundary_id(boundary_id::side);
                }
          }
      }

    } // namespace

    void
    FilmShape::create_coarse_mesh(const Geometry &, Triangulation<2> &coarse) const
    {
      make_film(*this, coarse);
    }

    void
    FilmShape::create_coarse_mesh(const Geometry &, Triangulation<3> &coarse) const
    {
      make_film(*this, coarse);
    }
  } // namespace geometry
} // namespace siswell

// entries in 'Geometry' itself (own_subsection = false), as they always were
namespace
{
  const bool registered = siswell::geometry::Shapes::add<siswell::geometry::FilmShape>(
      "film", "A silicon film of 'Film thickness' on a substrate of 'Substrate thickness'.", false);
}
