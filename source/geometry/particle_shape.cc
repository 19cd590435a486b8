#include <siswell/geometry/geometry.h>

#include "shape_internal.h"
#include <siswell/geometry/particle_shape.h>

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
    ParticleShape::declare_parameters(ParameterHandler &prm)
    {
      // 'Particle radius' is declared by Geometry (gmsh meshes use it too)
      prm.declare_entry("Electrolyte shell thickness",
                        "0",
                        Patterns::Double(0.),
                        "particle: thickness (m) of a solid-electrolyte shell (material id 1) "
                        "bonded around the particle; 0 for none.");
    }

    ParticleShape::ParticleShape(ParameterHandler &prm)
        : radius(prm.get_double("Particle radius")),
          shell_thickness(prm.get_double("Electrolyte shell thickness"))
    {
      internal::require_positive(radius, "Particle radius");
    }

    double
    ParticleShape::characteristic_length() const
    {
      return radius;
    }

    std::map<std::string, types::boundary_id>
    ParticleShape::boundary_names(const Geometry &g) const
    {
      return internal::boundary_parts(g,
                                      {{"surface", boundary_id::surface},
                                       {"x0", boundary_id::x0},
                                       {"y0", boundary_id::y0},
                                       {"outer", boundary_id::outer}},
                                      "z0");
    }

    namespace
    {
      /// Extrude the faces of @p ball that lie on the sphere |x| = r_inner
      /// radially out to r_outer: the cells of a shell whose inner vertices
      /// coincide with the ball's, so that the two meshes merge conformingly.
      template <int dim>
      void
      make_shell_around(const Triangulation<dim> &ball,
                        const double              r_inner,
                        const double              r_outer,
                        Triangulation<dim>       &shell)
      {
        std::vector<Point<dim>>              vertices;
        std::vector<CellData<dim>>           cells;
        std::map<unsigned int, unsigned int> inner_index;
        auto vertex = [&](const Point<dim> &p, const unsigned int ball_index) {
          const auto it = inner_index.find(ball_index);
          if (it != inner_index.end())
            return it->second;
          vertices.push_back(p);
          vertices.push_back(p * (r_outer / p.norm()));
          inner_index[ball_index] = vertices.size() - 2;
          return static_cast<unsigned int>(vertices.size() - 2);
        };
        for (const auto &cell : ball.active_cell_iterators())
          for (const unsigned int f : cell->face_indices())
            if (cell->face(f)->at_boundary())
              {
                const auto face   = cell->face(f);
                bool       on_sph = true;
                for (const unsigned int v : face->vertex_indices())
                  on_sph = on_sph && std::abs(face->vertex(v).norm() - r_inner) < 1e-8 * r_inner;
                if (!on_sph)
                  continue;
                CellData<dim>      c;
                const unsigned int nfv = face->n_vertices();
                for (unsigned int v = 0; v < nfv; ++v)
                  {
                    const unsigned int i = vertex(face->vertex(v), face->vertex_index(v));
                    c.vertices[v]        = i;
                    c.vertices[v + nfv]  = i + 1;
                  }
                c.material_id = material_id::electrolyte;
                // orient the new cell positively: flip the face's parametrisation if needed
                const Point<dim> &o = vertices[c.vertices[0]];
                double            orientation;
                if constexpr (dim == 2)
                  {
                    const Tensor<1, dim> a = vertices[c.vertices[1]] - o,
                                         b = vertices[c.vertices[2]] - o;
                    orientation            = a[0] * b[1] - a[1] * b[0];
                  }
                else
                  {
                    Tensor<2, dim> m;
                    m[0]        = vertices[c.vertices[1]] - o;
                    m[1]        = vertices[c.vertices[2]] - o;
                    m[2]        = vertices[c.vertices[4]] - o;
                    orientation = determinant(m);
                  }
                if (orientation < 0.)
                  {
                    if constexpr (dim == 2)
                      {
                        std::swap(c.vertices[0], c.vertices[1]);
                        std::swap(c.vertices[2], c.vertices[3]);
                      }
                    else
                      {
                        std::swap(c.vertices[1], c.vertices[2]);
                        std::swap(c.vertices[5], c.vertices[6]);
                      }
                  }
                cells.push_back(c);
              }
        shell.create_triangulation(vertices, cells, SubCellData());
      }

      template <int dim>
      void
      make_particle(const Geometry &g, const ParticleShape &s, Triangulation<dim> &tria)
      {
        const double       R     = s.radius;
        const bool         shell = s.shell_thickness > 0.;
        const double       Rs    = R + s.shell_thickness;
        Triangulation<dim> ball;
        if (g.symmetry == Symmetry::quarter)
          GridGenerator::quarter_hyper_ball(ball, Point<dim>(), R);
        else if (dim == 2 && g.coordinate_system == CoordinateSystem::axisymmetric)
          GridGenerator::half_hyper_ball(ball, Point<dim>(), R);
        else
          GridGenerator::hyper_ball(ball, Point<dim>(), R);
        for (const auto &cell : ball.active_cell_iterators())
          cell->set_material_id(material_id::active);

        if (shell)
          {
            Triangulation<dim> shell_tria;
            make_shell_around(ball, R, Rs, shell_tria);
            GridGenerator::merge_triangulations(ball, shell_tria, tria, 1e-12 * R);
          }
        else
          tria.copy_triangulation(ball);

        // manifolds: spheres at R and Rs, transfinite interpolation inside the particle
        tria.set_all_manifold_ids(numbers::flat_manifold_id);
        for (const auto &cell : tria.active_cell_iterators())
          cell->set_all_manifold_ids(cell->material_id() == material_id::active ? 1 : 0);
        auto on_sphere = [](const auto &face, const double r) {
          for (const unsigned int v : face->vertex_indices())
            if (std::abs(face->vertex(v).norm() - r) > 1e-8 * r)
              return false;
          return true;
        };
        for (const auto &cell : tria.active_cell_iterators())
          for (const unsigned int f : cell->face_indices())
            if (on_sphere(cell->face(f), R) || (shell && on_sphere(cell->face(f), Rs)))
              cell->face(f)->set_all_manifold_ids(0);

        for (const auto &cell : tria.active_cell_iterators())
          for (const unsigned int f : cell->face_indices())
            if (cell->face(f)->at_boundary())
              {
                const auto         face = cell->face(f);
                types::boundary_id id   = boundary_id::surface;
                for (unsigned int d = 0; d < dim; ++d)
                  {
                    bool on_plane = true;
                    for (const unsigned int v : face->vertex_indices())
                      on_plane = on_plane && std::abs(face->vertex(v)[d]) < 1e-10 * R;
                    if (on_plane)
                      id = boundary_id::x0 + d;
                  }
                if (id == boundary_id::surface && shell)
                  id = boundary_id::outer;
                face->set_boundary_id(id);
              }
      }

    } // namespace

    void
    ParticleShape::create_coarse_mesh(const Geometry &g, Triangulation<2> &coarse) const
    {
      make_particle(g, *this, coarse);
    }

    void
    ParticleShape::create_coarse_mesh(const Geometry &g, Triangulation<3> &coarse) const
    {
      make_particle(g, *this, coarse);
    }

    namespace
    {
      /// Manifold 0: the spheres at R and R + shell; 1: transfinite
      /// interpolation inside the particle (it refers to the mesh it is built on).
      template <int dim>
      void
      attach_particle_manifolds(Triangulation<dim> &tria)
      {
        tria.set_manifold(0, SphericalManifold<dim>());
        TransfiniteInterpolationManifold<dim> tfi;
        tfi.initialize(tria);
        tria.set_manifold(1, tfi);
      }
    } // namespace

    void
    ParticleShape::attach_manifolds(const Geometry &, Triangulation<2> &tria) const
    {
      attach_particle_manifolds(tria);
    }

    void
    ParticleShape::attach_manifolds(const Geometry &, Triangulation<3> &tria) const
    {
      attach_particle_manifolds(tria);
    }
  } // namespace geometry
} // namespace siswell

// entries in 'Geometry' itself (own_subsection = false), as they always were
namespace
{
  const bool registered = siswell::geometry::Shapes::add<siswell::geometry::ParticleShape>(
      "particle",
      "A silicon sphere (a cylinder in plane strain) of 'Particle radius', optionally in an "
      "electrolyte shell.",
      false);
}
