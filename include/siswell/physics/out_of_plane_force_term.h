#pragma once

#include <siswell/physics/weak_form_term.h>

namespace siswell
{
  namespace physics
  {
    /**
     * Generalised plane strain: the equation of the global scalar λ_z = F_zz
     * (the out-of-plane stretch), zero net out-of-plane force,
     * r = ∫ P_zz dA = 0 over the plane section (N per unit depth), with
     * ∂r/∂λ_z = ∫ ∂P_zz/∂F_zz dA and ∂r/∂x through ∂P_zz/∂F (u) and
     * ∂P_zz/∂c (c). It adds nothing to the field residuals (the terms that
     * see F add their own ∂R/∂λ_z), only to the border (PointData::border).
     */
    template <int dim> class OutOfPlaneForceTerm : public CellTerm<dim>
    {
    public:
      std::string
      name() const override
      {
        return "out-of-plane force";
      }
      bool
      active_material_only() const override
      {
        return false;
      }
      /// No field × field entries: its derivatives live in the border.
      FieldCoupling
      coupling() const override
      {
        return FieldCoupling();
      }
      void
      add(const PointData<dim>       &p,
          dealii::Vector<double>     &residual,
          dealii::FullMatrix<double> *jacobian) const override;
    };
  } // namespace physics
} // namespace siswell
