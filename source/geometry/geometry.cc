#include <siswell/base/text.h>
#include <siswell/geometry/geometry.h>

#include <deal.II/grid/grid_generator.h>
#include <deal.II/grid/grid_in.h>
#include <deal.II/grid/grid_tools.h>
#include <deal.II/grid/manifold_lib.h>
#include <deal.II/grid/tria.h>

#include <cmath>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace siswell
{
  namespace geometry
  {
    using namespace dealii;

    void
    Geometry::declare_parameters(ParameterHandler &prm)
    {
      prm.enter_subsection("Geometry");
      prm.declare_entry("Coordinate system",
                        "axisymmetric",
                        Patterns::Selection("plane strain|axisymmetric|3d"),
                        "plane strain and axisymmetric (x = r, y = z) are 2D; 3d is 3D.");
      prm.declare_entry("Plane strain",
                        "strict",
                        Patterns::Selection("strict|generalised"),
                        "Plane strain only. strict: F_zz = 1 (a uniformly swelling body is then "
                        "stressed out of plane); generalised: F_zz is one global unknown with "
                        "zero net out-of-plane force, as for a long body free at its ends.");
      prm.declare_entry("Shape",
                        "particle",
                        Patterns::Selection("particle|film|pillar|gmsh"),
                        "Built-in shape, or gmsh for 'Mesh file'.");
      prm.declare_entry("Symmetry",
                        "quarter",
                        Patterns::Selection("full|quarter"),
                        "particle and pillar: full body, or the part in x, y (,z) >= 0 with "
                        "symmetry planes x0, y0 (, z0). In axisymmetry 'full' is the half "
                        "section x >= 0.");
      prm.declare_entry("Particle radius", "1e-6", Patterns::Double(0.), "Radius (m).");
      prm.declare_entry("Electrolyte shell thickness",
                        "0",
                        Patterns::Double(0.),
                        "Thickness (m) of a solid-electrolyte shell (material id 1) bonded "
                        "around the particle; 0 for none.");
      prm.declare_entry("Film thickness", "200e-9", Patterns::Double(0.), "Film thickness (m).");
      prm.declare_entry("Film width",
                        "1e-6",
                        Patterns::Double(0.),
                        "Width (m) of the film section (x in [0, width]).");
      prm.declare_entry("Substrate thickness",
                        "1e-6",
                        Patterns::Double(0.),
                        "Thickness (m) of the substrate (material id 2) under the film; 0 for "
                        "none.");
      prm.declare_entry("Film layers",
                        "4",
                        Patterns::Integer(1, 1000),
                        "Cells through the film thickness on the coarse mesh.");
      prm.declare_entry("Pillar radius", "0.5e-6", Patterns::Double(0.), "Pillar radius (m).");
      prm.declare_entry("Pillar height", "2e-6", Patterns::Double(0.), "Pillar height (m).");
      prm.declare_entry("Mesh file",
                        "",
                        Patterns::Anything(),
                        "Gmsh .msh file (format 2 or 4, ASCII) for Shape = gmsh; physical "
                        "groups give material ids (volumes) and boundary ids (surfaces).");
      prm.declare_entry("Mesh scale",
                        "1",
                        Patterns::Double(0.),
                        "Factor from mesh-file units to m (e.g. 1e-6 for a mesh in µm).");
      prm.declare_entry("Global refinements",
                        "3",
                        Patterns::Integer(0, 12),
                        "Uniform refinements of the coarse mesh.");
      prm.leave_subsection();
    }



    CoordinateSystem
    Geometry::coordinate_system_from(ParameterHandler &prm)
    {
      prm.enter_subsection("Geometry");
      const std::string cs = prm.get("Coordinate system");
      prm.leave_subsection();
      if (cs == "plane strain")
        return CoordinateSystem::plane_strain;
      if (cs == "axisymmetric")
        return CoordinateSystem::axisymmetric;
      return CoordinateSystem::three_dimensional;
    }



    namespace
    {
      const std::vector<std::pair<const char *, Shape>> &
      shape_names()
      {
        static const std::vector<std::pair<const char *, Shape>> names{
          {"particle", Shape::particle}, {"film", Shape::film}, {"pillar", Shape::pillar}, {"gmsh", Shape::gmsh}};
        return names;
      }
    } // namespace



    std::string
    Geometry::shape_name() const
    {
      return text::name_of(shape, shape_names());
    }



    void
    Geometry::parse_parameters(ParameterHandler &prm)
    {
      coordinate_system = coordinate_system_from(prm);
      prm.enter_subsection("Geometry");
      shape               = text::to_enum(prm.get("Shape"), shape_names(), "parameter 'Geometry/Shape'");
      generalised_plane_strain = prm.get("Plane strain") == "generalised" &&
                                 coordinate_system == CoordinateSystem::plane_strain;
      symmetry            = text::to_enum<Symmetry>(prm.get("Symmetry"),
                                          {{"full", Symmetry::full}, {"quarter", Symmetry::quarter}},
                                          "parameter 'Geometry/Symmetry'");
      particle_radius     = prm.get_double("Particle radius");
      shell_thickness     = prm.get_double("Electrolyte shell thickness");
      film_thickness      = prm.get_double("Film thickness");
      film_width          = prm.get_double("Film width");
      substrate_thickness = prm.get_double("Substrate thickness");
      film_layers         = prm.get_integer("Film layers");
      pillar_radius       = prm.get_double("Pillar radius");
      pillar_height       = prm.get_double("Pillar height");
      mesh_file           = prm.get("Mesh file");
      mesh_scale          = prm.get_double("Mesh scale");
      global_refinements  = prm.get_integer("Global refinements");
      prm.leave_subsection();

      auto positive = [](const double v, const std::string &name) {
        if (!(v > 0.))
          throw std::invalid_argument("'Geometry/" + name + "' must be positive");
      };
      if (shape == Shape::particle)
        positive(particle_radius, "Particle radius");
      if (shape == Shape::film)
        {
          positive(film_thickness, "Film thickness");
          positive(film_width, "Film width");
        }
      if (shape == Shape::pillar)
        {
          positive(pillar_radius, "Pillar radius");
          positive(pillar_height, "Pillar height");
        }
      if (shape == Shape::gmsh)
        {
          positive(mesh_scale, "Mesh scale");
          if (mesh_file.empty())
            throw std::invalid_argument("'Geometry/Mesh file' must be set for Shape = gmsh");
          std::ifstream in(mesh_file);
          if (!in)
            throw std::invalid_argument("cannot open 'Geometry/Mesh file' = '" + mesh_file + "'");
        }
    }



    unsigned int
    Geometry::dimension() const
    {
      return coordinate_system == CoordinateSystem::three_dimensional ? 3 : 2;
    }



    double
    Geometry::characteristic_length() const
    {
      if (shape == Shape::film)
        return film_thickness;
      if (shape == Shape::pillar)
        return pillar_radius;
      return particle_radius;
    }



    std::map<std::string, types::boundary_id>
    Geometry::boundary_names() const
    {
      if (shape == Shape::gmsh)
        return {};
      std::map<std::string, types::boundary_id> names = {{"surface", boundary_id::surface},
                                                         {"x0", boundary_id::x0},
                                                         {"y0", boundary_id::y0},
                                                         {"bottom", boundary_id::bottom},
                                                         {"side", boundary_id::side},
                                                         {"outer", boundary_id::outer}};
      if (coordinate_system == CoordinateSystem::axisymmetric)
        names["axis"] = boundary_id::x0;
      if (dimension() == 3)
        names["z0"] = boundary_id::z0;
      return names;
    }



    types::boundary_id
    Geometry::boundary_id(const std::string &name, const std::string &parameter) const
    {
      if (name == "interface")
        throw std::invalid_argument("parameter '" + parameter + "': 'interface' (the faces "
                                    "between the active material and the inert solids) is not a "
                                    "boundary part; it can be named in 'Boundary conditions/"
                                    "Lithium flux boundaries' only");
      const auto names = boundary_names();
      const auto it    = names.find(name);
      if (it != names.end())
        return it->second;
      long id = -1;
      if (text::parse_integer(name, id) && id >= 0 && id < 255)
        return static_cast<types::boundary_id>(id);
      std::string known;
      for (const auto &n : names)
        known += (known.empty() ? "" : ", ") + n.first;
      throw std::invalid_argument("parameter '" + parameter + "': unknown boundary part '" + name +
                                  "' (this geometry has: " +
                                  (known.empty() ? "numeric physical tags" : known) + ")");
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
                        Triangulation<dim> &      shell)
      {
        std::vector<Point<dim>>    vertices;
        std::vector<CellData<dim>> cells;
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
                CellData<dim> c;
                const unsigned int nfv = face->n_vertices();
                for (unsigned int v = 0; v < nfv; ++v)
                  {
                    const unsigned int i = vertex(face->vertex(v), face->vertex_index(v));
                    c.vertices[v]       = i;
                    c.vertices[v + nfv] = i + 1;
                  }
                c.material_id = material_id::electrolyte;
                // orient the new cell positively: flip the face's parametrisation if needed
                const Point<dim> &o = vertices[c.vertices[0]];
                double            orientation;
                if constexpr (dim == 2)
                  {
                    const Tensor<1, dim> a = vertices[c.vertices[1]] - o, b = vertices[c.vertices[2]] - o;
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
      make_particle(const Geometry &g, Triangulation<dim> &tria)
      {
        const double R      = g.particle_radius;
        const bool   shell  = g.shell_thickness > 0.;
        const double Rs     = R + g.shell_thickness;
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
                const auto face = cell->face(f);
                types::boundary_id id = boundary_id::surface;
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



      template <int dim>
      void
      make_film(const Geometry &g, Triangulation<dim> &tria)
      {
        const double       hf = g.film_thickness;
        const double       hs = g.substrate_thickness;
        const double       h  = hf / g.film_layers;
        const unsigned int nx = std::max(1, static_cast<int>(std::round(g.film_width / h)));
        std::vector<std::vector<double>> steps(dim);
        for (unsigned int d = 0; d + 1 < dim; ++d)
          steps[d].assign(nx, g.film_width / nx);
        if (hs > 0.)
          steps[dim - 1].assign(g.film_layers, hs / g.film_layers);
        for (unsigned int k = 0; k < g.film_layers; ++k)
          steps[dim - 1].push_back(h);
        Point<dim> p1, p2;
        for (unsigned int d = 0; d + 1 < dim; ++d)
          p2[d] = g.film_width;
        p1[dim - 1] = -hs;
        p2[dim - 1] = hf;
        GridGenerator::subdivided_hyper_rectangle(tria, steps, p1, p2);
        for (const auto &cell : tria.active_cell_iterators())
          {
            cell->set_material_id(cell->center()[dim - 1] > 0 ? material_id::active :
                                                                material_id::collector);
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



      void
      make_pillar(const Geometry &g, Triangulation<2> &tria)
      {
        const unsigned int nr = 2;
        const unsigned int nz =
          std::max(1, static_cast<int>(std::round(nr * g.pillar_height / g.pillar_radius)));
        const bool full = g.symmetry == Symmetry::full && g.coordinate_system == CoordinateSystem::plane_strain;
        Point<2>   p1(full ? -g.pillar_radius : 0., 0.), p2(g.pillar_radius, g.pillar_height);
        GridGenerator::subdivided_hyper_rectangle(tria, {full ? 2 * nr : nr, nz}, p1, p2);
      }



      void
      make_pillar(const Geometry &g, Triangulation<3> &tria)
      {
        Triangulation<2> disk;
        if (g.symmetry == Symmetry::quarter)
          GridGenerator::quarter_hyper_ball(disk, Point<2>(), g.pillar_radius);
        else
          GridGenerator::hyper_ball(disk, Point<2>(), g.pillar_radius);
        const unsigned int nz =
          std::max(2, static_cast<int>(std::round(2 * g.pillar_height / g.pillar_radius)));
        GridGenerator::extrude_triangulation(disk, nz + 1, g.pillar_height, tria);
        tria.set_all_manifold_ids(numbers::flat_manifold_id);
        for (const auto &cell : tria.active_cell_iterators())
          for (const unsigned int f : cell->face_indices())
            {
              bool on_side = true;
              for (const unsigned int v : cell->face(f)->vertex_indices())
                {
                  const Point<3> &p = cell->face(f)->vertex(v);
                  on_side = on_side && std::abs(std::hypot(p[0], p[1]) - g.pillar_radius) <
                                         1e-8 * g.pillar_radius;
                }
              if (on_side)
                cell->face(f)->set_all_manifold_ids(0);
            }
      }



      template <int dim>
      void
      set_pillar_ids(const Geometry &g, Triangulation<dim> &tria)
      {
        const double tol = 1e-8 * g.pillar_radius;
        for (const auto &cell : tria.active_cell_iterators())
          {
            cell->set_material_id(material_id::active);
            for (const unsigned int f : cell->face_indices())
              if (cell->face(f)->at_boundary())
                {
                  const Point<dim> c = cell->face(f)->center();
                  types::boundary_id id = boundary_id::side;
                  if (std::abs(c[dim - 1] - g.pillar_height) < tol)
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



    template <int dim>
    void
    Geometry::create(parallel::distributed::Triangulation<dim> &tria) const
    {
      if (dim != dimension())
        throw std::invalid_argument("internal: geometry dimension mismatch");
      if (shape == Shape::gmsh)
        {
          GridIn<dim> grid_in;
          grid_in.attach_triangulation(tria);
          std::ifstream in(mesh_file);
          if (!in)
            throw std::invalid_argument("cannot open 'Geometry/Mesh file' = '" + mesh_file + "'");
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
              throw std::invalid_argument("cannot read 'Geometry/Mesh file' = '" + mesh_file +
                                          "' as a " + std::to_string(dim) +
                                          "D Gmsh mesh (" + text.substr(text.find_first_not_of(" \n")) + ")");
            }
          catch (const std::exception &e)
            {
              throw std::invalid_argument("cannot read 'Geometry/Mesh file' = '" + mesh_file +
                                          "' as a " + std::to_string(dim) + "D Gmsh mesh");
            }
          if (mesh_scale != 1.)
            GridTools::scale(mesh_scale, tria);
        }
      else
        {
          Triangulation<dim> coarse;
          if (shape == Shape::particle)
            make_particle(*this, coarse);
          else if (shape == Shape::film)
            make_film(*this, coarse);
          else
            {
              make_pillar(*this, coarse);
              set_pillar_ids(*this, coarse);
            }
          tria.copy_triangulation(coarse);
          if (shape == Shape::particle)
            {
              // the transfinite manifold refers to the mesh it was built on
              tria.set_manifold(0, SphericalManifold<dim>());
              TransfiniteInterpolationManifold<dim> tfi;
              tfi.initialize(tria);
              tria.set_manifold(1, tfi);
            }
          else if constexpr (dim == 3)
            if (shape == Shape::pillar)
              tria.set_manifold(0, CylindricalManifold<dim>(2));
        }
      tria.refine_global(global_refinements);
    }



    template void
    Geometry::create(parallel::distributed::Triangulation<2> &) const;
    template void
    Geometry::create(parallel::distributed::Triangulation<3> &) const;
  } // namespace geometry
} // namespace siswell
