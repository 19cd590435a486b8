#pragma once

#include <siswell/physics/contact_interface.h>
#include <siswell/physics/interface_point_state.h>
#include <siswell/physics/interface_term.h>

#include <memory>
#include <string>
#include <vector>

namespace siswell
{
  namespace physics
  {
    template <int dim> class CoupledProblem;

    /**
     * Coulomb friction on the closed points of a ContactInterface
     * ('Interface/Friction coefficient' μ > 0), by an augmented Lagrangian
     * with a return mapping (Simo & Laursen 1992; doc/theory.md §5g). At a
     * point with current normal n (side 0), P = I − n ⊗ n, separation
     * d = u₁ − u₀ and the slip g_s committed at the last converged step,
     *   f_trial = P (λ_T + ε (d − g_s))        (force per reference area, Pa)
     *   f = f_trial                             if |f_trial| ≤ μ p |a|  (stick)
     *   f = μ p |a| f_trial / |f_trial|         otherwise                 (slip)
     * with p the contact pressure and |a| = da/dA of the contact term, and
     * side 0's residual gets −∫ f · δu₀ dA, side 1's +∫ f · δu₁ dA. λ_T
     * (a tangential vector per point) is held during a Newton solve and set
     * to f by update_multipliers() until |f − P λ_T| ≤ ε × tolerance × face
     * size at every closed point (stick is then exact to the tolerance, the
     * slip force is μ p |a| exactly). On commit the slip of slipping points
     * becomes d projected minus the elastic offset, g_s ← P d − (f − P λ_T)/ε.
     * ε is the contact term's (κ E / h, with its boosts). The Jacobian is
     * exact in both branches, including the derivatives of n, of p (through
     * ContactInterface::trial_pressure_derivatives) and of |a|.
     */
    template <int dim> class ContactFriction : public InterfaceTerm<dim>, public InterfacePointState
    {
    public:
      ContactFriction(std::shared_ptr<const ContactInterface<dim>> contact,
                      const double                                 coefficient);

      std::string
      name() const override
      {
        return "Coulomb friction on " + contact->interface_name();
      }

      const std::string &
      interface_name() const override
      {
        return contact->interface_name();
      }

      FieldCoupling
      coupling() const override
      {
        return coupling_of({Field::displacement}, {Field::displacement});
      }

      void
      add(const InterfacePointData<dim>                            &p,
          std::array<dealii::Vector<double>, 2>                    &residual,
          std::array<std::array<dealii::FullMatrix<double>, 2>, 2> *jacobian) const override;

      /// The friction state at one point, as add() computes it.
      struct PointValues
      {
        bool                 closed = false; ///< the contact term's status
        bool                 slip   = false; ///< on the Coulomb limit
        dealii::Tensor<1, 3> force;          ///< f, on side 0 (Pa, per reference area)
        dealii::Tensor<1, 3> tangential;     ///< P d: the tangential offset of the pair (m)
        /// |f − P λ_T| / ε: the stick violation left by the multiplier (m).
        double offset = 0.;
        /// P d − (f − P λ_T) / ε: the slip if the state is accepted (m).
        dealii::Tensor<1, 3> slip_if_accepted;
      };
      PointValues
      evaluate(const InterfacePointData<dim> &p) const;

      /// Size the multipliers and slips (zero) for @p problem's interface points.
      void
      reinit(const CoupledProblem<dim> &problem);

      // InterfacePointState (checkpoints): the committed tangential multiplier, slip and status per
      // point
      const std::string &
      state_interface() const override
      {
        return contact->interface_name();
      }
      unsigned int
      n_state_values() const override;
      void
      pack_state(const unsigned int point, double *values) const override;
      void
      unpack_state(const unsigned int point, const double *values) override;

      /// Result of one multiplier update (the same on all ranks).
      struct Update
      {
        double             max_relative_offset = 0.; ///< largest offset / face size (-)
        unsigned long long changed             = 0;  ///< stick/slip flips since the last update
        unsigned long long slipping            = 0;  ///< closed points on the limit
        bool               converged           = false;
      };

      /// λ_T ← f at every point; collective. Remembers the slip for commit().
      Update
      update_multipliers(const CoupledProblem<dim> &problem);

      /// Accept the multipliers and the slips of the last update / go back.
      void
      commit();
      void
      restore();

      /// Whether the point (InterfacePointData::point) slipped at the last update.
      bool
      slipping(const unsigned int point) const;

      /// What history.csv reports (collective; at the current solution).
      struct Summary
      {
        double slip_fraction    = 0.; ///< slipping closed reference area / interface area (-)
        double max_slip         = 0.; ///< largest committed slip |g_s| (m)
        double tangential_force = 0.; ///< |∫ f dA| (N; N/m in plane strain)
      };
      Summary
      summary(const CoupledProblem<dim> &problem) const;

      double
      coefficient() const
      {
        return mu;
      }

    private:
      std::shared_ptr<const ContactInterface<dim>> contact;
      double                                       mu;
      /// Per point of this rank: λ_T, the committed slip, the slip of the last update, stick (0) /
      /// slip (1); and the committed copies.
      std::vector<dealii::Tensor<1, 3>> multiplier, committed_multiplier, slip, pending_slip;
      std::vector<char>                 status, committed_status;
    };
  } // namespace physics
} // namespace siswell
