#pragma once

#include <siswell/geometry/shape.h>

namespace siswell
{
  namespace geometry
  {
    /**
     * 'Shape = particle': a silicon sphere (3D, axisymmetric) or cylinder
     * section (plane strain) of radius 'Particle radius' (material id 0),
     * optionally in a bonded solid-electrolyte shell of thickness
     * 'Electrolyte shell thickness' (id 1). 'Symmetry = quarter' keeps the
     * part in x, y (, z) >= 0 with the symmetry planes x0, y0 (, z0).
     * Boundary parts: surface (the sphere, without a shell), outer (the
     * shell's outer surface), x0/axis, y0, z0.
     */
    class ParticleShape : public Shape
    {
    public:
      static void
      declare_parameters(dealii::ParameterHandler &prm);
      explicit ParticleShape(dealii::ParameterHandler &prm);

      void
      create_coarse_mesh(const Geometry &geometry, dealii::Triangulation<2> &coarse) const override;
      void
      create_coarse_mesh(const Geometry &geometry, dealii::Triangulation<3> &coarse) const override;
      void
      attach_manifolds(const Geometry &geometry, dealii::Triangulation<2> &tria) const override;
      void
      attach_manifolds(const Geometry &geometry, dealii::Triangulation<3> &tria) const override;
      std::map<std::string, dealii::types::boundary_id>
      boundary_names(const Geometry &geometry) const override;
      double
      characteristic_length() const override;

      /// Particle radius (m).
      double radius;
      /// Thickness (m) of the electrolyte shell; 0 for none.
      double shell_thickness;
    };
  } // namespace geometry
} // namespace siswell
