#pragma once

#include <deal.II/base/array_view.h>
#include <deal.II/base/symmetric_tensor.h>

namespace siswell
{
  namespace materials
  {
    /**
     * How a material evaluation treats the history of its quadrature point:
     * the Material::history_size() numbers that the law keeps there (its
     * own layout; CoupledProblem stores them, commits them when a step
     * converges and restores them when it is cut).
     *  - old empty: a point without history (a law that keeps none, or a
     *    point that never deformed: the law's initial_history());
     *  - old set, updated empty: the response with the history @p old
     *    frozen (output and measurements of a converged state);
     *  - both set: one step of length dt from the converged history @p old;
     *    the end-of-step history goes to @p updated.
     */
    struct HistoryStep
    {
      dealii::ArrayView<const double> old;
      dealii::ArrayView<double>       updated;
      /// Time step (s).
      double dt = 0.;
    };

    /// What output and history.csv show of a point's converged history.
    struct HistoryQuantities
    {
      /// Equivalent plastic strain (-).
      double equivalent_plastic_strain = 0.;
      /// Energy dissipated so far per unit reference volume (J/m³).
      double dissipation = 0.;
      /// True if the law knows its stress at the history's own point only
      /// (a plastic state): output then shows @p cauchy there.
      bool has_stress = false;
      /// Cauchy stress of the state (Pa), if has_stress.
      dealii::SymmetricTensor<2, 3> cauchy;
    };
  } // namespace materials
} // namespace siswell
