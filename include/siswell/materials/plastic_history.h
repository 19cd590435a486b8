#pragma once

#include <siswell/materials/hencky_swelling_solid.h>
#include <siswell/materials/history.h>
#include <siswell/materials/plastic_state.h>

namespace siswell
{
  namespace materials
  {
    /**
     * The history of the laws whose history is one PlasticState (J2 flow of
     * ActiveMaterial and InertMaterial) in the packed form that Material and
     * the storage use: C_p⁻¹ (6), ε̄_p, dissipation, Cauchy stress (6).
     */
    namespace plastic_history
    {
      /// Numbers per point.
      constexpr unsigned int size = 14;

      /// Write @p state into @p values (size numbers).
      void
      pack(const PlasticState &state, const dealii::ArrayView<double> &values);

      /// The state stored in @p values (size numbers), or the virgin state
      /// if @p values is empty (a point without history).
      PlasticState
      unpack(const dealii::ArrayView<const double> &values);

      /// The virgin state (C_p = I) with the stress of @p initial if valid, into @p values.
      void
      initial(const MechanicalResponse &initial, const dealii::ArrayView<double> &values);

      /// ε̄_p, the dissipation and the state's stress of @p values (zeros if empty).
      HistoryQuantities
      quantities(const dealii::ArrayView<const double> &values);

      /// The response of @p law for a HistoryStep, through its
      /// mechanical_response(F, c, PlasticStep) on the unpacked states.
      template <class Law>
      MechanicalResponse
      response(const Law &law, const dealii::Tensor<2, 3> &F, const double c, const HistoryStep &step)
      {
        PlasticState old, updated;
        PlasticStep  s;
        s.dt = step.dt;
        if (step.old.size() > 0)
          {
            old   = unpack(step.old);
            s.old = &old;
          }
        if (step.updated.size() > 0)
          s.updated = &updated;
        const MechanicalResponse r = law.mechanical_response(F, c, s);
        if (s.updated && r.valid)
          pack(updated, step.updated);
        return r;
      }
    } // namespace plastic_history
  } // namespace materials
} // namespace siswell
