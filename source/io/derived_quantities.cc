#include <siswell/io/derived_quantities.h>

#include <cmath>

namespace siswell
{
  namespace io
  {
    DerivedQuantities
    derived_quantities(const materials::Material             &material,
                       const dealii::Tensor<2, 3>            &F,
                       const double                           c,
                       const dealii::ArrayView<const double> &history)
    {
      DerivedQuantities      d;
      materials::HistoryStep frozen;
      frozen.old                  = history;
      const auto r                = material.mechanical_response(F, c, frozen);
      const auto h                = material.history_quantities(history);
      d.equivalent_plastic_strain = h.equivalent_plastic_strain;
      d.dissipation               = h.dissipation;
      d.flow_stress               = r.flow_stress;
      d.J                         = r.J;
      d.J_s                       = r.J_s;
      if (!r.valid)
        return d;
      // a plastic material's stress is known only where its state was computed
      // (a quadrature point); elsewhere the total strain and that state do not
      // belong together, so the state's own stress is shown
      d.cauchy       = h.has_stress ? h.cauchy : r.tau / r.J;
      d.hydrostatic  = dealii::trace(d.cauchy) / 3.;
      const auto dev = dealii::deviator(d.cauchy);
      d.von_mises    = std::sqrt(1.5 * (dev * dev));
      return d;
    }
  } // namespace io
} // namespace siswell
