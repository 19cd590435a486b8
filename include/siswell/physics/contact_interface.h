#pragma once

#include <siswell/physics/interface_point_state.h>
#include <siswell/physics/interface_term.h>

#include <deal.II/base/parameter_handler.h>

#include <mpi.h>

#include <functional>
#include <string>
#include <vector>

namespace siswell
{
  namespace physics
  {
    template <int dim> class CoupledProblem;

    /**
     * How the interface between the lithium-carrying materials and the inert
     * solids behaves (subsection "Interface"): bonded (u continuous, the
     * default), in frictionless contact, or cohesive (contact plus a bond of
     * finite strength, CohesiveParameters), and the contact's augmented
     * Lagrangian (see ContactInterface and doc/theory.md §5e, §5f).
     */
    struct ContactParameters
    {
      enum class Mode
      {
        bonded,
        contact,
        cohesive
      };

      static void
      declare_parameters(dealii::ParameterHandler &prm);

      /// Reads the subsection; throws std::invalid_argument naming the parameter.
      void
      parse_parameters(dealii::ParameterHandler &prm);

      Mode mode = Mode::bonded;
      /// κ in ε = κ E / h (-): the augmentation stiffness relative to the
      /// stiffer side's Young's modulus E over the face size h.
      double augmentation_factor = 10.;
      /// Largest |gap| / face size at a closed point that ends the multiplier updates (-).
      double penetration_tolerance = 1e-8;
      /// Multiplier updates per time step before the step counts as not converged.
      unsigned int max_updates = 12;
      /// η: the stiffness of open points relative to closed ones (-), against rigid-body
      /// motion of a detached body.
      double open_stiffness_ratio = 1e-9;
      /// p_g of the lithium flux gate φ = 1 / (1 + exp(−λ / p_g + g / δ_g)) (Pa;
      /// ContactGatedFlux).
      double flux_gate_pressure = 1e6;
      /// δ_g of the lithium flux gate (m): the opening over which conduction is lost.
      double flux_gate_gap = 1e-9;
      /// A (de)lithiation stage ends when the conducting fraction of the interface falls below this
      /// (-).
      double minimum_contact_fraction = 1e-6;
      /// What then: go on with the next stage (false) or stop the run (true).
      bool stop_when_isolated = false;
      /// μ of Coulomb friction at the closed points (-); 0: frictionless (ContactFriction).
      double friction_coefficient = 0.;
      /// g₀(X): the gap between the paired sides before any deformation (m), a function of
      /// the reference position X = (x, y, z) (axisymmetric: x = r, y = z), as the
      /// parameter text 'Interface/Initial gap' (FunctionParser syntax; "0": none).
      std::string initial_gap = "0";
      /// True if 'Initial gap' is anything but a zero ("0", "0.0", …).
      bool
      has_initial_gap() const
      {
        return initial_gap.find_first_not_of(" \t0.") != std::string::npos;
      }
    };

    /**
     * Frictionless contact between the two sides of a split interface
     * (Interface::set_split()), in the current configuration, enforced by
     * an augmented Lagrangian with Uzawa updates. At each quadrature point
     * of a face pair (the sides paired in the reference configuration:
     * small sliding)
     *   a = cof(F₀) N          (n da = a dA, Nanson; N, F₀ of side 0)
     *   g = g₀(X) + (u₁ − u₀) · a/|a|  (gap, m; negative: penetration;
     *                           g₀ the initial gap, 'Interface/Initial gap')
     *   p = max(0, λ − ε g)    (contact pressure, Pa, per current area;
     *                           η (λ − ε g) where open, η ≪ 1: a detached body stays held)
     * and the residual of side 0 gets +∫ p a · δu₀ dA, that of side 1
     * −∫ p a · δu₁ dA (the two are equal and opposite point by point, so
     * the forces balance to round-off). λ (Pa) is the multiplier of the
     * point: held fixed during a Newton solve, then set to p
     * (update_multipliers()) until |g| ≤ tolerance × face size wherever
     * p > 0; ε = κ E / h (Pa/m). The Jacobian is exact, including the
     * derivative of the current normal and the out-of-plane stretch. A
     * point with λ − ε g = 0 counts as closed, so that touching surfaces
     * carry load from the first Newton iteration.
     */
    template <int dim>
    class ContactInterface : public InterfaceTerm<dim>, public InterfacePointState
    {
    public:
      /// @p modulus: Young's modulus of the stiffer side (Pa), for ε.
      ContactInterface(const std::string       &interface_name,
                       const ContactParameters &parameters,
                       const double             modulus);

      std::string
      name() const override
      {
        return "frictionless contact on " + interface;
      }

      const std::string &
      interface_name() const override
      {
        return interface;
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

      /// The contact state at one point, as add() computes it.
      struct PointValues
      {
        double               gap        = 0.; ///< m
        double               pressure   = 0.; ///< Pa
        bool                 closed     = false;
        double               trial      = 0.; ///< λ − ε g (Pa): p where closed, < 0 where open
        double               multiplier = 0.; ///< λ (Pa), fixed during a Newton solve
        double               area_ratio = 1.; ///< da / dA (-)
        dealii::Tensor<1, 3> normal;          ///< current unit normal of side 0
      };
      PointValues
      evaluate(const InterfacePointData<dim> &p) const;

      /**
       * The derivatives of the trial pressure t = λ − ε g at a point (the
       * contact pressure where the point is closed; a smooth function of the
       * displacements at open and closed points alike): @p dt[s][j] =
       * ∂t/∂(dof j of side s) (displacement dofs; 0 for the others) and
       * @p dt_dFzz = ∂t/∂F₀_zz (the out-of-plane stretch). For terms that
       * depend on the contact state (the contact-gated lithium flux).
       */
      PointValues
      trial_pressure_derivatives(const InterfacePointData<dim>      &p,
                                 std::array<std::vector<double>, 2> &dt,
                                 double                             &dt_dFzz) const;

      /// Size the multipliers (zero) for the points of @p problem's interface (after setup).
      void
      reinit(const CoupledProblem<dim> &problem);

      // InterfacePointState (checkpoints): the committed multiplier and status per point
      const std::string &
      state_interface() const override
      {
        return interface;
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
        /// Largest |g| / face size at a closed point before the update (-).
        double max_relative_gap = 0.;
        /// Points whose status (open/closed) differs from the last update.
        unsigned long long changed = 0;
        /// Closed points after the update.
        unsigned long long closed = 0;
        /// True if max_relative_gap is within the tolerance (no update was needed).
        bool converged = false;
      };

      /// λ ← max(0, λ − ε g) at every point; collective.
      Update
      update_multipliers(const CoupledProblem<dim> &problem);

      /// Accept the multipliers of the converged step / go back to the last accepted ones.
      void
      commit();
      void
      restore();

      /// What history.csv reports of the interface (collective; at the current solution).
      struct Summary
      {
        double contact_area     = 0.; ///< current area of closed points (m²; m in plane strain)
        double contact_fraction = 0.; ///< closed reference area / interface reference area (-)
        double mean_pressure    = 0.; ///< force / current contact area (Pa)
        double max_pressure     = 0.; ///< Pa
        double max_gap          = 0.; ///< largest opening (m)
        double max_penetration  = 0.; ///< largest overlap (m)
        /// Largest tangential offset |(u₁ − u₀) − g n| of a closed pair over its face size (-):
        /// the pairing is fixed in the reference configuration (small sliding), which holds
        /// while this is well below 1.
        double max_relative_slip = 0.;
        /// Volume between the surfaces where they are apart, ∫ max(g, 0) da over the
        /// current silicon surface (m³; m² per metre of depth in plane strain).
        double void_volume = 0.;
      };
      Summary
      summary(const CoupledProblem<dim> &problem) const;

      const ContactParameters &
      parameters() const
      {
        return prm;
      }

      /// ε at a face of size @p h (Pa/m).
      double
      augmentation(const double h) const
      {
        return prm.augmentation_factor * boost * modulus / h;
      }

      /**
       * Multiply ε by @p factor for the rest of the time step, at most to
       * 1000 times its base (the method of multipliers' rule: when an update
       * has not reduced the gap enough, stiffen); commit() and restore()
       * reset it. Returns false if it is at its bound already.
       */
      bool
      stiffen(const double factor);

    private:
      std::string         interface;
      ContactParameters   prm;
      double              modulus;
      std::vector<double> multiplier, committed_multiplier;
      /// Factor of ε in this step (stiffen()).
      double            boost = 1.;
      std::vector<char> status, committed_status;
      /// g₀ at a reference position (m); empty if there is no initial gap.
      std::function<double(const dealii::Tensor<1, 3> &)> initial_gap;
    };
  } // namespace physics
} // namespace siswell
