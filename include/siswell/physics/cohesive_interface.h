#pragma once

#include <siswell/physics/cohesive_law.h>
#include <siswell/physics/interface_point_state.h>
#include <siswell/physics/interface_term.h>

#include <mpi.h>

#include <string>
#include <vector>

namespace siswell
{
  namespace physics
  {
    template <int dim> class CoupledProblem;

    /**
     * A cohesive bond between the two sides of a split interface
     * ('Interface/Mode = cohesive'): at each quadrature point of a face pair
     * (paired in the reference configuration, as for ContactInterface) the
     * separation d = u₁ − u₀ is split with the current normal n of side 0
     * (Nanson) into s_n = d · n and s_t = d − s_n n, the CohesiveLaw gives the
     * tractions t_n, t_t per reference area, and side 0 is pulled towards
     * side 1 by T = t_n n + t_t: its residual gets −∫ T · δu₀ dA, side 1's
     * +∫ T · δu₁ dA (equal and opposite point by point). The damage is
     * history: the law's damage at the converged state is committed with the
     * step (commit()), a cut step leaves it as it was. The term acts with a
     * ContactInterface on the same interface: the bond carries tension and
     * shear, the contact term non-penetration; once D = 1 only contact is
     * left. The Jacobian is exact, including the derivative of n and of
     * the damage on the softening branch.
     */
    template <int dim>
    class CohesiveInterface : public InterfaceTerm<dim>, public InterfacePointState
    {
    public:
      /// @p modulus: Young's modulus of the stiffer side (Pa), for K.
      CohesiveInterface(const std::string        &interface_name,
                        const CohesiveParameters &parameters,
                        const double              modulus);

      std::string
      name() const override
      {
        return "cohesive law on " + interface;
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

      /// The bond's state at one point, as add() computes it.
      struct PointValues
      {
        double                s_n = 0.; ///< normal separation (m), opening > 0
        dealii::Tensor<1, 3>  s_t;      ///< tangential separation (m)
        dealii::Tensor<1, 3>  normal;   ///< current unit normal of side 0
        CohesiveLaw::Response response; ///< tractions and damage
      };
      PointValues
      evaluate(const InterfacePointData<dim> &p) const;

      /// K at a face of size @p h (Pa/m).
      double
      stiffness(const double h) const
      {
        return law.parameters().stiffness_factor * modulus / h;
      }

      /**
       * Size the damage (zero) for the points of @p problem's interface;
       * collective. Throws std::invalid_argument, on all ranks alike, if
       * a fracture energy is not above the elastic energy at onset on some
       * face (the law would have no softening branch).
       */
      void
      reinit(const CoupledProblem<dim> &problem);

      // InterfacePointState (checkpoints): the committed damage per point
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

      /// Accept the damage of the converged state (and add up its dissipation).
      void
      commit(const CoupledProblem<dim> &problem);

      /// Set the dissipated energy (J) after a restart: @p energy, the total of all
      /// ranks, becomes rank 0's share.
      void
      set_dissipated_energy(const double energy, const MPI_Comm comm);

      /// What history.csv reports of the bond (collective; at the current solution).
      struct Summary
      {
        double max_damage           = 0.; ///< -
        double bonded_fraction      = 0.; ///< ∫ (1 − D) dA / A (-)
        double separated_fraction   = 0.; ///< area with D = 1 / A (-)
        double mean_normal_traction = 0.; ///< ∫ t_n dA / A (Pa)
        double mean_shear_traction  = 0.; ///< ∫ |t_t| dA / A (Pa)
        double max_shear_separation = 0.; ///< largest |s_t| (m)
        /// Energy dissipated by damage up to the last committed step (J; J/m in plane strain).
        double dissipated_energy = 0.;
      };
      Summary
      summary(const CoupledProblem<dim> &problem) const;

      const CohesiveLaw &
      cohesive_law() const
      {
        return law;
      }

    private:
      std::string interface;
      CohesiveLaw law;
      double      modulus;
      /// Committed damage per point of this rank.
      std::vector<double> damage;
      /// This rank's share of the dissipated energy (J).
      double dissipated = 0.;
    };
  } // namespace physics
} // namespace siswell
