#pragma once

#include <siswell/physics/weak_form_term.h>

namespace siswell
{
  namespace physics
  {
    /**
     * Quasi-static momentum balance in the reference configuration:
     * R_u = ∫ P : Grad δu dV, with dR/du = ∫ Grad δu : dP/dF : Grad Δu dV and
     * dR/dc = ∫ Grad δu : dP/dc Δc dV.
     */
    template <int dim>
    class MechanicsTerm : public CellTerm<dim>
    {
    public:
      std::string
      name() const override
      {
        return "mechanics";
      }
      bool
      active_material_only() const override
      {
        return false;
      }
      /// P depends on F and c (not on μ).
      FieldCoupling
      coupling() const override
      {
        return coupling_of({Field::displacement}, {Field::displacement, Field::concentration});
      }
      void
      add(const PointData<dim> &     p,
          dealii::Vector<double> &    residual,
          dealii::FullMatrix<double> *jacobian) const override;
    };
  } // namespace physics
} // namespace siswell
