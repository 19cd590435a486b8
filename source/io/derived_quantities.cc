#include <siswell/io/derived_quantities.h>

#include <cmath>

namespace siswell
{
  namespace io
  {
    DerivedQuantities
    derived_quantities(const materials::Material &    material,
                       const dealii::Tensor<2, 3> &    F,
                       const double                    c,
                       const materials::PlasticState *state)
    {
      DerivedQuantities d;
      const auto        r = material.mechanical_response(F, c, materials::PlasticStep{state, nullptr, 0.});
      if (state)
        {
          d.equivalent_plastic_strain = state->equivalent_plastic_strain;
          d.dissipation               = state->dissipation;
        }
      d.flow_stress = r.flow_stress;
      d.J                 = r.J;
      d.J_s               = r.J_s;
      if (!r.valid)
        return d;
      // a plastic material's stress is known only where its state was computed
      // (a quadrature point); elsewhere the total strain and that state do not
      // belong together, so the state's own stress is shown
      d.cauchy          = state && material.is_plastic() ? state->cauchy : r.tau / r.J;
      d.hydrostatic     = dealii::trace(d.cauchy) / 3.;
      const auto dev    = dealii::deviator(d.cauchy);
      d.von_mises       = std::sqrt(1.5 * (dev * dev));
      return d;
    }
  } // namespace io
} // namespace siswell
