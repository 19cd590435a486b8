#pragma once

#include <siswell/materials/hencky_swelling_solid.h>
#include <siswell/materials/history.h>

#include <string>

namespace siswell
{
  namespace materials
  {
    /**
     * A solid at one material id. The interface the weak-form terms use:
     * the mechanical response at (F, c) and, for materials that take up
     * lithium, the chemical part of the chemical potential and the mobility.
     *
     * New material laws derive from this class; see ActiveMaterial and
     * InertMaterial.
     */
    class Material
    {
    public:
      virtual ~Material() = default;

      /// Name used in messages and output ("silicon", "electrolyte", ...).
      virtual std::string
      name() const = 0;

      /// True if lithium diffuses in this material (it carries c and μ).
      virtual bool
      is_active() const = 0;

      /// True if the material can flow plastically.
      virtual bool
      is_plastic() const = 0;

      /// How many numbers of history this law keeps per quadrature point
      /// (its own layout: a plastic state, a damage variable, ...); 0 for a
      /// law without history, the default. The storage, its commit on
      /// convergence and its restore on a cut step are CoupledProblem's.
      virtual unsigned int
      history_size() const
      {
        return 0;
      }

      /**
       * Write the history of a point at the start of a run into @p history
       * (history_size() numbers). @p initial is the response of the law
       * without history at the initial state of the point; it is not valid
       * (MechanicalResponse::valid false) before the initial state is known
       * or where it could not be evaluated, and the history is then the
       * virgin one.
       */
      virtual void
      initial_history(const MechanicalResponse        &initial,
                      const dealii::ArrayView<double> &history) const
      {
        (void)initial;
        (void)history;
      }

      /**
       * Mechanical response at deformation gradient F and concentration c
       * (mol/m³), with the history treated as @p step says.
       */
      virtual MechanicalResponse
      mechanical_response(const dealii::Tensor<2, 3> &F,
                          const double                c,
                          const HistoryStep          &step) const = 0;

      /// What output shows of the converged @p history (empty where none is
      /// kept): zeros by default.
      virtual HistoryQuantities
      history_quantities(const dealii::ArrayView<const double> &history) const
      {
        (void)history;
        return HistoryQuantities();
      }

      /// Mechanical response without history (a point that never deformed).
      MechanicalResponse
      mechanical_response(const dealii::Tensor<2, 3> &F, const double c) const
      {
        return mechanical_response(F, c, HistoryStep());
      }
    };
  } // namespace materials
} // namespace siswell
