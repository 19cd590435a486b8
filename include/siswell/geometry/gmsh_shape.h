#pragma once

#include <siswell/geometry/shape.h>

namespace siswell
{
  namespace geometry
  {
    /**
     * 'Shape = gmsh': the mesh of 'Mesh file' (Gmsh format 2 or 4, ASCII),
     * scaled by 'Mesh scale' to m. Physical groups of volumes (surfaces in
     * 2D) are the material ids, those of surfaces (lines) the boundary ids;
     * boundary parts are named by their numeric tags ("1", "2", ...). The
     * characteristic length is 'Particle radius' (m), the size of the
     * particles in the mesh.
     */
    class GmshShape : public Shape
    {
    public:
      static void
      declare_parameters(dealii::ParameterHandler &prm);
      explicit GmshShape(dealii::ParameterHandler &prm);

      void
      create_coarse_mesh(const Geometry &geometry, dealii::Triangulation<2> &coarse) const override;
      void
      create_coarse_mesh(const Geometry &geometry, dealii::Triangulation<3> &coarse) const override;
      std::map<std::string, dealii::types::boundary_id>
      boundary_names(const Geometry &geometry) const override;
      double
      characteristic_length() const override;

      /// The Gmsh file.
      std::string file;
      /// Factor from mesh-file units to m.
      double scale;
      /// 'Particle radius' (m): the characteristic length.
      double particle_radius;
    };
  } // namespace geometry
} // namespace siswell
