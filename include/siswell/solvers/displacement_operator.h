#pragma once

#include <siswell/solvers/field_split.h>

#include <deal.II/base/tensor.h>
#include <deal.II/base/types.h>
#include <deal.II/lac/affine_constraints.h>
#include <deal.II/lac/full_matrix.h>

#include <cstddef>
#include <functional>
#include <memory>
#include <vector>

namespace dealii
{
  class DynamicSparsityPattern;
  template <int dim, int spacedim> class DoFHandler;
  template <int dim, int spacedim> class Mapping;
} // namespace dealii

namespace siswell
{
  namespace solvers
  {
    /**
     * The displacement block J_uu of the Jacobian applied without storing it
     * (iterative method): the interface the linear solver sees. Vectors are
     * plain arrays over the locally owned unknowns of FieldSplit block 0, in
     * its compact order.
     */
    class DisplacementOperator
    {
    public:
      virtual ~DisplacementOperator() = default;

      /// Locally owned unknowns (the length of the arrays).
      virtual std::size_t
      n_owned() const = 0;

      /// dst = J_uu src. Constrained rows are the identity.
      virtual void
      vmult(double *dst, const double *src) const = 0;

      /// diag(J_uu); 1 on constrained rows.
      virtual void
      diagonal(double *d) const = 0;

      /// Fill @p dsp with the pattern of the Q1 coarse matrix (LinearDisplacementSpace
      /// numbering), distributed to the owners of its rows.
      virtual void
      make_coarse_pattern(dealii::DynamicSparsityPattern &dsp) const = 0;

      /**
       * The Galerkin coarse matrix J_1 = P̂ᵀ J_uu P̂ cell by cell: calls @p add
       * with each locally owned cell's matrix and its Q1 unknowns. P̂ is the
       * Q1 → Qp interpolation with the rows of constrained unknowns and of
       * constraint masters (the platen's) empty, as in LinearDisplacementSpace.
       */
      virtual void
      assemble_coarse(
          const std::function<void(const dealii::FullMatrix<double> &,
                                   const std::vector<dealii::types::global_dof_index> &)> &add)
          const = 0;

      /// Memory of the operator's data on this rank (bytes).
      virtual std::size_t
      memory_consumption() const = 0;
    };

    /**
     * J_uu of the mechanics term, ∫ ∇δu : ∂P/∂F : ∇Δu dV, by sum factorisation
     * (deal.II MatrixFree) on a displacement-only DoFHandler of the same mesh,
     * mapping and quadrature as the assembly. What it stores is the tangent
     * ∂P/∂F at every quadrature point (dim⁴ numbers), set during assembly,
     * instead of the matrix: in 3D with Q2 about 0.7 KB against 2.3 KB per
     * displacement unknown. Constraints (Dirichlet, symmetry, the platen's
     * u_i = u_master) are those of the update, applied as J_uu = Cᵀ K C.
     *
     * Plane strain and 3D (axisymmetry adds the hoop term u_r/r, which this
     * operator does not have). Other u–u terms (follower pressure on faces,
     * the platen spring) stay in a sparse remainder matrix that the linear
     * solver adds.
     */
    template <int dim> class MatrixFreeDisplacementOperator : public DisplacementOperator
    {
    public:
      /**
       * @p dofs: the coupled hp DoFHandler (displacement = components
       * 0..dim-1, base element 0, degree p ≥ 1); @p constraints: the update
       * constraints in its numbering (homogeneous; lines with entries point
       * to other displacement dofs); @p split: the field split of @p dofs.
       * The cell quadrature is QGauss(p + 1), as in CoupledProblem.
       */
      MatrixFreeDisplacementOperator(const dealii::DoFHandler<dim, dim>      &dofs,
                                     const dealii::Mapping<dim, dim>         &mapping,
                                     const dealii::AffineConstraints<double> &constraints,
                                     const FieldSplit                        &split);
      ~MatrixFreeDisplacementOperator() override;

      /**
       * Tangent at quadrature point @p q (QGauss(p+1), lexicographic) of the
       * locally owned cell with active_cell_index() @p cell: @p scale · ∂P_iJ/∂F_kL
       * (indices beyond dim are ignored; plane strain).
       *
       * Only the major-symmetric part is stored (dim²(dim²+1)/2 numbers per
       * point, 45 in 3D instead of 81). A tangent whose asymmetry exceeds
       * 10⁻⁸ of its largest entry throws std::logic_error: such a material
       * needs the assembled displacement block.
       */
      void
      set_tangent(const unsigned int          cell,
                  const unsigned int          q,
                  const dealii::Tensor<4, 3> &dP_dF,
                  const double                scale);

      std::size_t
      n_owned() const override;
      void
      vmult(double *dst, const double *src) const override;
      void
      diagonal(double *d) const override;
      void
      make_coarse_pattern(dealii::DynamicSparsityPattern &dsp) const override;
      void
      assemble_coarse(
          const std::function<void(const dealii::FullMatrix<double> &,
                                   const std::vector<dealii::types::global_dof_index> &)> &add)
          const override;
      std::size_t
      memory_consumption() const override;

    private:
      struct Implementation;
      std::unique_ptr<Implementation> impl;
    };
  } // namespace solvers
} // namespace siswell
