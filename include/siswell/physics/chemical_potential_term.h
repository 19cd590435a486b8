#pragma once

#include <siswell/physics/weak_form_term.h>

namespace siswell
{
  namespace physics
  {
    /**
     * The chemical potential as a field of its own (mixed c–μ form):
     * R_μ = ∫ (μ − μ_ch(c) − μ_mech(F, c)) δμ dV, μ_mech = ∂(J_s ψ̂_e)/∂c.
     */
    template <int dim>
    class ChemicalPotentialTerm : public CellTerm<dim>
    {
    public:
      std::string
      name() const override
      {
        return "chemical potential";
      }
      bool
      active_material_only() const override
      {
        return true;
      }
      /// μ − μ_ch(c) − μ_mech(F, c).
      FieldCoupling
      coupling() const override
      {
        return coupling_of({Field::chemical_potential},
                           {Field::displacement, Field::concentration, Field::chemical_potential});
      }
      void
      add(const PointData<dim> &     p,
          dealii::Vector<double> &    residual,
          dealii::FullMatrix<double> *jacobian) const override;
    };
  } // namespace physics
} // namespace siswell
