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
      response(const Law                  &law,
               const dealii::Tensor<2, 3> &F,
               const double                c,
               const HistoryStep          &step)
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

    /**
     * The history overrides of a law whose history is one PlasticState,
     * written once: derive from PlasticHistoryLaw<Base, Law> instead of
     * @p Base (Material or LithiumCarrier), where @p Law is the law itself
     * and provides mechanical_response(F, c, const PlasticStep &). It keeps
     * plastic_history::size numbers per point when the law is plastic, none
     * otherwise.
     */
    template <class Base, class Law> class PlasticHistoryLaw : public Base
    {
    public:
      using Base::Base;

      /// plastic_history::size if the law is plastic, else 0.
      unsigned int
      history_size() const override
      {
        return this->is_plastic() ? plastic_history::size : 0;
      }

      /// The virgin plastic state, with the stress of @p initial.
      void
      initial_history(const MechanicalResponse        &initial,
                      const dealii::ArrayView<double> &history) const override
      {
        plastic_history::initial(initial, history);
      }

      using Base::mechanical_response;
      /// Law::mechanical_response(F, c, PlasticStep) on the unpacked states.
      MechanicalResponse
      mechanical_response(const dealii::Tensor<2, 3> &F,
                          const double                c,
                          const HistoryStep          &step) const override
      {
        return plastic_history::response(static_cast<const Law &>(*this), F, c, step);
      }

      /// ε̄_p, the dissipation and the stress of the state.
      HistoryQuantities
      history_quantities(const dealii::ArrayView<const double> &history) const override
      {
        return plastic_history::quantities(history);
      }
    };
  } // namespace materials
} // namespace siswell
