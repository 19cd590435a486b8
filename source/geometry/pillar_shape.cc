#include <siswell/geometry/geometry.h>

#include "shape_internal.h"
#include <siswell/geometry/pillar_shape.h>

#include <deal.II/grid/grid_generator.h>
#include <deal.II/grid/manifold_lib.h>
#include <deal.II/grid/tria.h>

#include <cmath>
#include <map>

namespace siswell
{
  namespace geometry
  {
    using namespace dealii;

    void
    PillarShape::declare_parameters(ParameterHandler &prm)
    {
      prm.declare_entry("Pillar radius", "0.5e-6", Patterns::Double(0.), "pillar: radius (m).");
      prm.declare_entry("Pillar height", "2e-6", Patterns::Double(0.), "pillar: height (m).");
    }

    PillarShape::PillarShape(ParameterHandler &prm)
        : radius(prm.get_double("Pillar radius")), height(prm.get_double("Pillar height"))
    {
      internal::require_positive(radius, "Pillar radius");
      internal::require_positive(height, "Pillar height");
    }

    double
    PillarShape::characteristic_length() const
    {
      return radius;
    }

    std::map<std::string, types::boundary_id>
    PillarShape::boundary_names(const Geometry &g) const
    {
      return internal::standing_body_parts(g);
    }

    namespace
    {
      void
      make_pillar(const Geometry &g, const PillarShape &s, Triangulation<2> &tria)
      {
        const unsigned int nr = 2;
        const unsigned int nz = std::max(1, static_cast<int>(std::round(nr * s.height / s.radius)));
        const bool         full =
            g.symmetry == Symmetry::full && g.coordinate_system == CoordinateSystem::plane_strain;
        Point<2> p1(full ? -s.radius : 0., 0.), p2(s.radius, s.height);
        GridGenerator::subdivided_hyper_rectangle(tria, {full ? 2 * nr : nr, nz}, p1, p2);
      }

      void
      make_pillar(const Geometry &g, const PillarShape &s, Triangulation<3> &tria)
      {
        Triangulation<2> disk;
        if (g.symmetry == Symmetry::quarter)
          GridGenerator::quarter_hyper_ball(disk, Point<2>(), s.radius);
        else
          GridGenerator::hyper_ball(disk, Point<2>(), s.radius);
        const unsigned int nz = std::max(2, static_cast<int>(std::round(2 * s.height / s.radius)));
        GridGenerator::extrude_triangulation(disk, nz + 1, s.height, tria);
        tria.set_all_manifold_ids(numbers::flat_manifold_id);
        for (const auto &cell : tria.active_cell_iterators())
          for (const unsigned int f : cell->face_indices())
            {
              bool on_side = true;
              for (const unsigned int v : cell->face(f)->vertex_indices())
                {
                  const Point<3> &p = cell->face(f)->vertex(v);
                  on_side =
                      on_side && std::abs(std::hypot(p[0], p[1]) - s.radius) < 1e-8 * s.radius;
                }
              if (on_side)
                cell->face(f)->set_all_manifold_ids(0);
            }
      }

      template <int dim>
      void
      set_pillar_ids(const PillarShape &s, Triangulation<dim> &tria)
      {
        const double tol = 1e-8 * s.radius;
        for (const auto &cell : tria.active_cell_iterators())
          {
            cell->set_material_id(material_id::active);
            for (const unsigned int f : cell->face_indices())
              if (cell->face(f)->at_boundary())
                {
                  const Point<dim>   c  = cell->face(f)->center();
                  types::boundary_id id = boundary_id::side;
                  if (std::abs(c[dim - 1] - s.height) < tol)
                    id = boundary_id::surface;
                  else if (std::abs(c[dim - 1]) < tol)
                    id = boundary_id::bottom;
                  else
                    for (unsigned int d = 0; d + 1 < dim; ++d)
                      {
                        bool on_plane = true;
                        for (const unsigned int v : cell->face(f)->vertex_indices())
                          on_plane = on_plane && std::abs(cell->face(f)->vertex(v)[d]) < tol;
                        if (on_plane)
                          id = boundary_id::x0 + d;
                      }
                  cell->face(f)->set_boundary_id(id);
                }
          }
      }
    } // namespace

    void
    PillarShape::create_coarse_mesh(const Geometry &g, Triangulation<2> &coarse) const
    {
      make_pillar(g, *this, coarse);
      set_pillar_ids(*this, coarse);
    }

    void
    PillarShape::create_coarse_mesh(const Geometry &g, Triangulation<3> &coarse) const
    {
      make_pillar(g, *this, coarse);
      set_pillar_ids(*this, coarse);
    }

    void
    PillarShape::attach_manifolds(const Geometry &, Triangulation<3> &tria) const
    {
      tria.set_manifold(0, CylindricalManifold<3>(2));
    }
  } // namespace geometry
} // namespace siswell

// entries in 'Geometry' itself (own_subsection = false), as they always were
namespace
{
  const bool registered = siswell::geometry::Shapes::add<siswell::geometry::PillarShape>(
      "pillar",
      "A silicon pillar of 'Pillar radius' and 'Pillar height' on y = 0 (z = 0 in 3D).",
      false);
}
