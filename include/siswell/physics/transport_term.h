#pragma once

#include <siswell/physics/weak_form_term.h>
#include <siswell/solvers/linear_solver.h>

namespace siswell
{
  namespace physics
  {
    /**
     * Lithium mass balance in the reference configuration, backward Euler:
     * R_c = ∫ (c − c_old)/Δt δc + M(c) (C⁻¹ Grad μ) · Grad δc dV.
     * The flux depends on u through C⁻¹ = (FᵀF)⁻¹, on c through M, and on μ.
     */
    template <int dim>
    class TransportTerm : public CellTerm<dim>
    {
    public:
      /**
       * @p relaxation: how the lithium Schur complement approximation of
       * add_lithium_preconditioner() sees the mechanics; @p hoop: the
       * coordinates are axisymmetric (the hoop stretch moves with u_r).
       */
      explicit TransportTerm(const solvers::LinearSolverParameters::SchurRelaxation relaxation =
                                 solvers::LinearSolverParameters::SchurRelaxation::plane_wave,
                             const bool hoop = false)
          : relaxation(relaxation), hoop(hoop)
      {}

      std::string
      name() const override
      {
        return "lithium transport";
      }
      bool
      active_material_only() const override
      {
        return true;
      }
      /// M(c) C⁻¹(F) Grad μ and the rate of c.
      FieldCoupling
      coupling() const override
      {
        return coupling_of({Field::concentration},
                           {Field::displacement, Field::concentration, Field::chemical_potential});
      }
      void
      add(const PointData<dim> &     p,
          dealii::Vector<double> &    residual,
          dealii::FullMatrix<double> *jacobian) const override;

      /**
       * For the block preconditioner: the concentration–concentration
       * operator left after eliminating μ with a lumped mass, with the
       * mechanical relaxation β = mechanical_relaxation() (J m³/mol²):
       * S ≈ ∫ Δc δc / Δt + M (dμ̂/dc|_F − β) (C⁻¹ Grad Δc) · Grad δc dV,
       * an effective-diffusion operator (SPD for dμ̂/dc|_F − β > 0) on which
       * algebraic multigrid works. Adds to the concentration rows and columns
       * of @p S.
       */
      void
      add_lithium_preconditioner(const PointData<dim> &p, dealii::FullMatrix<double> &S) const override;

    private:
      solvers::LinearSolverParameters::SchurRelaxation relaxation;
      bool                                             hoop;
    };
  } // namespace physics
} // namespace siswell
