#pragma once

#include <siswell/physics/weak_form_term.h>

namespace siswell
{
  namespace physics
  {
    /**
     * Galvanostatic lithium inflow: a prescribed molar flux j (mol/(m² s), per
     * unit reference area, positive into the body) on the lithium-conducting
     * boundary parts: R_c −= ∫ j δc dA. The flux is set before each step.
     */
    template <int dim>
    class LithiumFluxBoundary : public BoundaryTerm<dim>
    {
    public:
      explicit LithiumFluxBoundary(const std::set<dealii::types::boundary_id> &ids);

      std::string
      name() const override
      {
        return "lithium flux";
      }
      const std::set<dealii::types::boundary_id> &
      boundary_ids() const override
      {
        return ids;
      }

      /// The flux is prescribed: it depends on no unknown.
      FieldCoupling
      coupling() const override
      {
        return FieldCoupling{};
      }
      void
      add(const PointData<dim> &     p,
          dealii::Vector<double> &    residual,
          dealii::FullMatrix<double> *jacobian) const override;

      /// Inward molar flux (mol/(m² s)).
      double flux = 0.;

    private:
      std::set<dealii::types::boundary_id> ids;
    };

    /**
     * A pressure p (Pa, positive compressive) that follows the deformed
     * surface: R_u += ∫ p J F⁻ᵀ N · δu dA, with its exact derivative
     * d(J F⁻ᵀ) = J [tr(F⁻¹ dF) F⁻ᵀ − F⁻ᵀ dFᵀ F⁻ᵀ].
     */
    template <int dim>
    class PressureBoundary : public BoundaryTerm<dim>
    {
    public:
      PressureBoundary(const std::set<dealii::types::boundary_id> &ids, const double pressure);

      std::string
      name() const override
      {
        return "pressure";
      }
      FieldCoupling
      coupling() const override
      {
        return coupling_of({Field::displacement}, {Field::displacement});
      }
      const std::set<dealii::types::boundary_id> &
      boundary_ids() const override
      {
        return ids;
      }
      void
      add(const PointData<dim> &     p,
          dealii::Vector<double> &    residual,
          dealii::FullMatrix<double> *jacobian) const override;

      /// Pressure (Pa).
      double pressure;

    private:
      std::set<dealii::types::boundary_id> ids;
    };
  } // namespace physics
} // namespace siswell
