#pragma once

#include <siswell/materials/hencky_swelling_solid.h>
#include <siswell/solvers/linear_solver.h>

namespace siswell
{
  namespace physics
  {
    /**
     * The mechanical relaxation of the lithium Schur complement at one point,
     * β (J m³/mol²): the part of the mechanical chemical modulus ∂μ_mech/∂c|_F
     * that the displacement relieves when the concentration changes and the
     * body re-equilibrates. The iterative solver's approximation of the
     * Schur complement J_ll − J_lu J_uu⁻¹ J_ul uses ∂μ̂/∂c|_F − β in place of
     * ∂μ̂/∂c|_F, so that the term J_μu J_uu⁻¹ J_uc is replaced by a local
     * operator (doc/theory.md, "Lithium Schur complement").
     *
     * With the tangent A = ∂P/∂F, P_c = ∂P/∂c and m = ∂μ_mech/∂F of the
     * point (reference configuration, 3x3 in every dimension):
     * - fixed_strain: β = 0;
     * - plane_wave: the relaxation δF = a ⊗ N of a displacement wave with
     *   reference direction N, in equilibrium (A : δF + P_c δc) N = 0, i.e.
     *   Q(N) a = −P_c N δc with the acoustic tensor Q_ik = N_J A_iJkL N_L;
     *   β(N) = (m N) · Q(N)⁻¹ (P_c N), averaged over the dim coordinate
     *   directions (only the @p dim in-plane displacement components move).
     *   Inside a homogeneous linear-elastic body this is the exact operator:
     *   β = Ω² K² / (K + 4G/3), the effective diffusivity of stress-assisted
     *   diffusion M (∂μ_chem/∂c + 2Ω²E / (9(1−ν))).
     * - fixed_stress: the isotropic relaxation δF = α F̂ (F̂ the kinematically
     *   free part of F: its in-plane block, with the hoop component when
     *   @p hoop) at unchanged mean stress F̂ : δP = 0:
     *   β = (m : F̂)(F̂ : P_c) / (F̂ : A : F̂); Ω²K in 3D small strain.
     *
     * β is clipped to [0, max(∂μ_mech/∂c|_F, 0)], so that the effective
     * chemical modulus stays at least the chemical one; a direction whose
     * acoustic tensor is not positive definite (loss of ellipticity) adds 0.
     */
    template <int dim>
    double
    mechanical_relaxation(const materials::MechanicalResponse                   &r,
                          const dealii::Tensor<2, 3>                            &F,
                          const solvers::LinearSolverParameters::SchurRelaxation mode,
                          const bool                                             hoop);
  } // namespace physics
} // namespace siswell
