#pragma once

#include <siswell/geometry/shape.h>

#include <deal.II/base/parameter_handler.h>
#include <deal.II/base/types.h>
#include <deal.II/distributed/tria.h>

#include <map>
#include <memory>
#include <stdexcept>
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

    /// 'Geometry/Symmetry': the whole body, or the part on the positive side of the symmetry
    /// planes.
    enum class Symmetry
    {
      full,
      quarter
    };

    /**
     * The domain: its coordinate system, symmetry and refinement, and the
     * Shape chosen by name in 'Geometry/Shape' that builds the coarse mesh
     * (particle, film, pillar, gmsh, or one a program registers, see
     * Shapes). Boundary parts have the names the shape gives them (see
     * ParticleShape, FilmShape, PillarShape, GmshShape); numeric ids are
     * accepted too. Lengths are in m.
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

      /// Build the coarse mesh, set ids and manifolds and, with @p refine,
      /// refine it ('Global refinements'; a restart takes the refinement from
      /// its checkpoint instead). Throws std::invalid_argument if a mesh file is
      /// missing or unreadable.
      template <int dim>
      void
      create(dealii::parallel::distributed::Triangulation<dim> &tria,
             const bool                                         refine = true) const;

      /// Boundary id of a boundary part given by name or number; throws
      /// std::invalid_argument mentioning @p parameter if unknown.
      dealii::types::boundary_id
      boundary_id(const std::string &name, const std::string &parameter) const;

      /// Names of the boundary parts of this geometry.
      std::map<std::string, dealii::types::boundary_id>
      boundary_names() const;

      /// Characteristic length (m) of the active material (the shape's).
      double
      characteristic_length() const;

      /// The shape, as the class @p S that it is (e.g. ParticleShape for its
      /// radius); std::invalid_argument if it is another one.
      template <class S>
      const S &
      shape_as() const
      {
        const S *s = dynamic_cast<const S *>(shape.get());
        if (s == nullptr)
          throw std::invalid_argument("the geometry's shape is '" + shape_name +
                                      "', not the one this program expects");
        return *s;
      }

      CoordinateSystem coordinate_system = CoordinateSystem::axisymmetric;
      /// Plane strain only: out-of-plane stretch free (one global unknown, zero
      /// net out-of-plane force) instead of F_zz = 1.
      bool         generalised_plane_strain = false;
      Symmetry     symmetry                 = Symmetry::quarter;
      unsigned int global_refinements       = 3;
      /// The name of the shape in the .prm ('Geometry/Shape').
      std::string shape_name = "particle";
      /// The shape, created by parse_parameters().
      std::shared_ptr<const Shape> shape;
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
