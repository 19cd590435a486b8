#pragma once
// Internal to the linear-solver backends (not installed): the two-level
// p-multigrid for the displacement block J_uu of degree p ≥ 2.

#include <siswell/solvers/field_split.h>

#include "displacement_block.h"

#include <deal.II/lac/dynamic_sparsity_pattern.h>
#include <deal.II/lac/precondition.h>

#include <memory>
#include <stdexcept>

namespace siswell
{
  namespace solvers
  {
    /**
     * One application z = B r of the two-level cycle
     *   z  = S r                        Chebyshev smoothing on J_uu (Jacobi-scaled)
     *   z += P AMG_1(Pᵀ (r − J_uu z))   correction in the Q1 space
     *   z += S (r − J_uu z)             Chebyshev smoothing again
     * with P the Q1 → Qp interpolation of LinearDisplacementSpace and AMG_1
     * one V-cycle on the Galerkin matrix J_1 = Pᵀ J_uu P (a matrix product of
     * the assembled J_uu, or given cell by cell by the matrix-free
     * operator; rigid-body modes of
     * the Q1 nodes as near null space). Algebraic multigrid then works on a
     * first-order matrix (27-point node stencils in 3D) instead of the Qp
     * block (125-point stencils for Q2), which it coarsens too fast, and
     * J_uu itself is only multiplied by.
     *
     * @tparam Traits backend traits of BackendLinearSolver (Matrix, Vector, AMG).
     */
    template <class Traits> class DisplacementPMultigrid
    {
    public:
      using Matrix = typename Traits::Matrix;
      using Vec    = typename Traits::Vector;
      using AMG    = typename Traits::AMG;

      /// Chebyshev degree of each smoothing step (matrix products with J_uu).
      /// Measured (GMRES iterations per Newton iteration, 3D pillar 19 613 →
      /// 137 477 unknowns): degree 2 / range 10: 84.6 → 109.8 in 13.9 s;
      /// degree 3 / range 15: 82.0 → 108.2 in 17.2 s (doc/benchmarks.md).
      static constexpr unsigned int smoother_degree = 2;
      /// Part of the spectrum of diag(J_uu)⁻¹ J_uu the smoother damps:
      /// [λ_max / smoothing_range, λ_max].
      static constexpr double smoothing_range = 10.;

      /// Build P, J_1 and the smoother for @p A = J_uu (kept by reference).
      /// @p coarse: J_1 if already assembled (matrix-free J_uu), else nullptr
      /// and J_1 is the product Pᵀ J_uu P of the assembled J_uu.
      void
      initialize(const DisplacementBlock<Traits> &A, const FieldSplit &split, const Matrix *coarse)
      {
        const auto &space = split.linear_displacement_space();
        const auto  comm  = split.communicator();
        const auto &rows  = split.owned(0);
        {
          dealii::DynamicSparsityPattern dsp(rows.size(), space.n_dofs, rows);
          auto                           row = rows.begin();
          for (std::size_t r = 0; r + 1 < space.row_start.size(); ++r, ++row)
            for (auto e = space.row_start[r]; e < space.row_start[r + 1]; ++e)
              dsp.add(*row, space.column[e]);
          P.reinit(rows, space.owned, dsp, comm);
        }
        {
          auto row = rows.begin();
          for (std::size_t r = 0; r + 1 < space.row_start.size(); ++r, ++row)
            for (auto e = space.row_start[r]; e < space.row_start[r + 1]; ++e)
              P.set(*row, space.column[e], space.weight[e]);
          P.compress(dealii::VectorOperation::insert);
        }
        if (!coarse)
          {
            if (A.matrix_free())
              throw std::logic_error("internal: matrix-free J_uu needs its coarse matrix");
            Matrix AP;
            A.matrix().mmult(AP, P);
            P.Tmmult(coarse_matrix, AP);
            coarse = &coarse_matrix;
          }
        amg.initialize_elasticity(*coarse, space.modes, space.dofs_per_node, split.dimension());

        auto inverse_diagonal = std::make_shared<InverseDiagonal>();
        inverse_diagonal->values.reinit(rows, comm);
        A.diagonal(inverse_diagonal->values);
        for (const auto i : rows)
          {
            const double d              = inverse_diagonal->values(i);
            inverse_diagonal->values(i) = d != 0. ? 1. / d : 0.;
          }
        inverse_diagonal->values.compress(dealii::VectorOperation::insert);
        typename Smoother::AdditionalData data;
        data.degree          = smoother_degree;
        data.smoothing_range = smoothing_range;
        data.preconditioner  = inverse_diagonal;
        smoother.initialize(A, data);

        matrix = &A;
        residual.reinit(rows, comm);
        coarse_residual.reinit(space.owned, comm);
        coarse_correction.reinit(space.owned, comm);
      }

      void
      vmult(Vec &dst, const Vec &src) const
      {
        smoother.vmult(dst, src);
        matrix->vmult(residual, dst);
        residual.sadd(-1., 1., src);
        P.Tvmult(coarse_residual, residual);
        amg.vmult(coarse_correction, coarse_residual);
        P.vmult(residual, coarse_correction);
        dst += residual;
        smoother.step(dst, src);
      }

    private:
      /// Jacobi scaling of the smoother (dealii::DiagonalMatrix would make
      /// PreconditionChebyshev instantiate a serial-only code path).
      struct InverseDiagonal
      {
        void
        vmult(Vec &dst, const Vec &src) const
        {
          dst = src;
          dst.scale(values);
        }
        Vec values;
      };
      using Smoother = dealii::PreconditionChebyshev<DisplacementBlock<Traits>, Vec, InverseDiagonal>;

      const DisplacementBlock<Traits> *matrix = nullptr;
      Matrix        P, coarse_matrix;
      AMG           amg;
      Smoother      smoother;
      mutable Vec   residual, coarse_residual, coarse_correction;
    };
  } // namespace solvers
} // namespace siswell
