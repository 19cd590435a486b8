#pragma once

#include <siswell/geometry/shape.h>

namespace siswell
{
  namespace geometry
  {
    /**
     * 'Shape = film': a silicon film (material id 0, 0 < y < thickness, or z
     * in 3D) of width 'Film width' on a substrate (id 2) of thickness
     * 'Substrate thickness', meshed with 'Film layers' cells through the film
     * and square cells along it. Boundary parts: surface (film top), bottom
     * (substrate bottom), x0, y0 (3D), side (the other lateral faces).
     */
    class FilmShape : public Shape
    {
    public:
      static void
      declare_parameters(dealii::ParameterHandler &prm);
      explicit FilmShape(dealii::ParameterHandler &prm);

      void
      create_coarse_mesh(const Geometry &geometry, dealii::Triangulation<2> &coarse) const override;
      void
      create_coarse_mesh(const Geometry &geometry, dealii::Triangulation<3> &coarse) const override;
      std::map<std::string, dealii::types::boundary_id>
      boundary_names(const Geometry &geometry) const override;
      double
      characteristic_length() const override;

      /// Film thickness (m).
      double thickness;
      /// Width (m) of the section, x in [0, width] (and y in 3D).
      double width;
      /// Substrate thickness (m); 0 for none.
      double substrate_thickness;
      /// Cells through the film thickness on the coarse mesh.
      unsigned int layers;
    };
  } // namespace geometry
} // namespace siswell
