#pragma once

#include <deal.II/base/parameter_handler.h>
#include <deal.II/base/types.h>
#include <deal.II/distributed/tria.h>

#include <map>
#include <string>

namespace siswell
{
  namespace geometry
  {
    /// How a 2D section is read, or whether the problem is 3D.
    enum class CoordinateSystem
    {
      plane_strain,
      axisymmetric,
      three_dimensional
    };

    /// Material ids used by the built-in geometries.
    namespace material_id
    {
      constexpr dealii::types::material_id active      = 0;
      constexpr dealii::types::material_id electrolyte = 1;
      constexpr dealii::types::material_id collector   = 2;
    } // namespace material_id

    /// The built-in shapes, or a Gmsh mesh ('Geometry/Shape').
    enum class Shape
    {
      particle,
      film,
      pillar,
      gmsh
    };
    /// 'Geometry/Symmetry': the whole body, or the part on the positive side of the symmetry planes.
    enum class Symmetry
    {
      full,
      quarter
    };

    /**
     * The domain: built-in shapes (particle, thin film on a substrate, pillar)
     * or a Gmsh mesh whose physical groups are the material and boundary ids.
     *
     * Boundary parts of the built-in shapes have names: `surface` (particle
     * surface, film top, pillar side and top), `x0`, `y0`, `z0` (symmetry
     * planes through the origin; in axisymmetry `x0` is the axis and may also be
     * called `axis`), `outer` (outer surface of the electrolyte shell), `bottom`
     * (bottom of the substrate or pillar), `side` (lateral side of a film
     * domain). A Gmsh mesh names its boundary parts by their numeric physical
     * tags ("1", "2", ...).
     *
     * Lengths are in m.
     */
    class Geometry
    {
    public:
      static void
      declare_parameters(dealii::ParameterHandler &prm);

      /// Reads subsection "Geometry"; throws std::invalid_argument naming the parameter.
      void
      parse_parameters(dealii::ParameterHandler &prm);

      /// The coordinate system of subsection "Geometry" without parsing the rest.
      static CoordinateSystem
      coordinate_system_from(dealii::ParameterHandler &prm);

      /// Spatial dimension of the mesh (2 or 3).
      unsigned int
      dimension() const;

      /// Build the coarse mesh, set ids and manifolds and refine. Throws
      /// std::invalid_argument if a mesh file is missing or unreadable.
      template <int dim>
      void
      create(dealii::parallel::distributed::Triangulation<dim> &tria) const;

      /// Boundary id of a boundary part given by name or number; throws
      /// std::invalid_argument mentioning @p parameter if unknown.
      dealii::types::boundary_id
      boundary_id(const std::string &name, const std::string &parameter) const;

      /// Names of the boundary parts of this geometry.
      std::map<std::string, dealii::types::boundary_id>
      boundary_names() const;

      /// Characteristic length (m) of the active material (particle radius, film thickness, ...).
      double
      characteristic_length() const;

      /// The name of the shape in the .prm ("particle", ...).
      std::string
      shape_name() const;

      CoordinateSystem coordinate_system = CoordinateSystem::axisymmetric;
      /// Plane strain only: out-of-plane stretch free (one global unknown, zero
      /// net out-of-plane force) instead of F_zz = 1.
      bool             generalised_plane_strain = false;
      Shape            shape             = Shape::particle;
      Symmetry         symmetry          = Symmetry::quarter;
      double           particle_radius   = 1e-6;
      double           shell_thickness   = 0.;
      double           film_thickness    = 200e-9;
      double           film_width        = 1e-6;
      double           substrate_thickness = 1e-6;
      unsigned int     film_layers       = 4;
      double           pillar_radius     = 0.5e-6;
      double           pillar_height     = 2e-6;
      std::string      mesh_file;
      double           mesh_scale        = 1.;
      unsigned int     global_refinements = 3;
    };

    /// Boundary ids of the named boundary parts of the built-in geometries.
    namespace boundary_id
    {
      constexpr dealii::types::boundary_id surface = 0;
      constexpr dealii::types::boundary_id x0      = 1;
      constexpr dealii::types::boundary_id y0      = 2;
      constexpr dealii::types::boundary_id z0      = 3;
      constexpr dealii::types::boundary_id outer   = 4;
      constexpr dealii::types::boundary_id bottom  = 5;
      constexpr dealii::types::boundary_id side    = 6;
    } // namespace boundary_id
    // The faces between the active material and the inert solids are not a
    // boundary part and have no boundary id: they are physics::Interface
    // "interface" (named so in 'Lithium flux boundaries').
  } // namespace geometry
} // namespace siswell
