#pragma once

#include <siswell/geometry/shape.h>

namespace siswell
{
  namespace geometry
  {
    /**
     * 'Shape = pillar': a silicon pillar (material id 0) of radius 'Pillar
     * radius' and height 'Pillar height' standing on y = 0 (z = 0 in 3D).
     * 'Symmetry = quarter' keeps x (, y) >= 0 in 3D; in plane strain 'full'
     * meshes -radius < x < radius. Boundary parts: surface (top), bottom,
     * side (the mantle), x0/axis, y0 (3D).
     */
    class PillarShape : public Shape
    {
    public:
      static void
      declare_parameters(dealii::ParameterHandler &prm);
      explicit PillarShape(dealii::ParameterHandler &prm);

      void
      create_coarse_mesh(const Geometry &geometry, dealii::Triangulation<2> &coarse) const override;
      void
      create_coarse_mesh(const Geometry &geometry, dealii::Triangulation<3> &coarse) const override;
      void
      attach_manifolds(const Geometry &geometry, dealii::Triangulation<3> &tria) const override;
      using Shape::attach_manifolds;
      std::map<std::string, dealii::types::boundary_id>
      boundary_names(const Geometry &geometry) const override;
      double
      characteristic_length() const override;

      /// Pillar radius (m).
      double radius;
      /// Pillar height (m).
      double height;
    };
  } // namespace geometry
} // namespace siswell
