#include <siswell/base/text.h>
#include <siswell/geometry/geometry.h>

#include <deal.II/grid/tria.h>

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
      std::string shapes;
      for (const auto &shape : Shapes::all())
        shapes += "\n  " + shape.name + ": " + shape.description;
      prm.declare_entry("Shape",
                        "particle",
                        Patterns::Selection(Shapes::names()),
                        "The shape of the domain:" + shapes);
      prm.declare_entry("Symmetry",
                        "quarter",
                        Patterns::Selection("full|quarter"),
                        "particle and pillar: full body, or the part in x, y (,z) >= 0 with "
                        "symmetry planes x0, y0 (, z0). In axisymmetry 'full' is the half "
                        "section x >= 0.");
      prm.declare_entry("Particle radius",
                        "1e-6",
                        Patterns::Double(0.),
                        "particle: radius (m); gmsh: the size of the particles in the mesh, the "
                        "length scale of the residual norm.");
      prm.declare_entry("Global refinements",
                        "3",
                        Patterns::Integer(0, 12),
                        "Uniform refinements of the coarse mesh.");
      for (const auto &shape : Shapes::all())
        {
          if (shape.own_subsection)
            prm.enter_subsection(shape.name);
          shape.declare_parameters(prm);
          if (shape.own_subsection)
            prm.leave_subsection();
        }
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

    void
    Geometry::parse_parameters(ParameterHandler &prm)
    {
      coordinate_system = coordinate_system_from(prm);
      prm.enter_subsection("Geometry");
      shape_name               = prm.get("Shape");
      generalised_plane_strain = prm.get("Plane strain") == "generalised" &&
                                 coordinate_system == CoordinateSystem::plane_strain;
      symmetry           = text::to_enum<Symmetry>(prm.get("Symmetry"),
                                         {{"full", Symmetry::full}, {"quarter", Symmetry::quarter}},
                                         "parameter 'Geometry/Symmetry'");
      global_refinements = prm.get_integer("Global refinements");
      const auto &info   = Shapes::get(shape_name);
      if (info.own_subsection)
        prm.enter_subsection(shape_name);
      try
        {
          shape = info.create(prm);
        }
      catch (...)
        {
          if (info.own_subsection)
            prm.leave_subsection();
          prm.leave_subsection();
          throw;
        }
      if (info.own_subsection)
        prm.leave_subsection();
      prm.leave_subsection();
    }

    unsigned int
    Geometry::dimension() const
    {
      return coordinate_system == CoordinateSystem::three_dimensional ? 3 : 2;
    }

    double
    Geometry::characteristic_length() const
    {
      return shape->characteristic_length();
    }

    std::map<std::string, types::boundary_id>
    Geometry::boundary_names() const
    {
      return shape->boundary_names(*this);
    }

    types::boundary_id
    Geometry::boundary_id(const std::string &name, const std::string &parameter) const
    {
      if (name == "interface")
        throw std::invalid_argument("parameter '" + parameter +
                                    "': 'interface' (the faces "
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
      throw std::invalid_argument(
          "parameter '" + parameter + "': unknown boundary part '" + name +
          "' (this geometry has: " + (known.empty() ? "numeric physical tags" : known) + ")");
    }

    template <int dim>
    void
    Geometry::create(parallel::distributed::Triangulation<dim> &tria, const bool refine) const
    {
      if (dim != dimension() || !shape)
        throw std::logic_error(
            "internal: Geometry::create without parsed parameters of this dimension");
      Triangulation<dim> coarse;
      shape->create_coarse_mesh(*this, coarse);
      tria.copy_triangulation(coarse);
      shape->attach_manifolds(*this, tria);
      if (refine)
        tria.refine_global(global_refinements);
    }

    template void
    Geometry::create(parallel::distributed::Triangulation<2> &, const bool) const;
    template void
    Geometry::create(parallel::distributed::Triangulation<3> &, const bool) const;
  } // namespace geometry
} // namespace siswell
