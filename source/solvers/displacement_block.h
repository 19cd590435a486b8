#pragma once
// Internal to the linear-solver backends (not installed): the displacement
// block J_uu as the iterative solver applies it.

#include <siswell/solvers/displacement_operator.h>

#include <deal.II/base/subscriptor.h>

#include <vector>

namespace siswell
{
  namespace solvers
  {
    /**
     * J_uu either as one assembled matrix, or matrix-free: a
     * DisplacementOperator plus the assembled remainder (the u–u entries of
     * boundary terms and of the platen spring).
     *
     * @tparam Traits backend traits of BackendLinearSolver (Matrix, Vector,
     * copy_to, copy_from).
     */
    template <class Traits> class DisplacementBlock : public dealii::Subscriptor
    {
    public:
      using Matrix = typename Traits::Matrix;
      using Vec    = typename Traits::Vector;

      /// @p op null: @p matrix is J_uu; else J_uu = op + matrix.
      DisplacementBlock(const DisplacementOperator *op, const Matrix &matrix)
          : op(op), assembled(matrix)
      {
        if (op)
          {
            x.resize(op->n_owned());
            y.resize(op->n_owned());
          }
      }

      bool
      matrix_free() const
      {
        return op != nullptr;
      }

      /// The assembled part: all of J_uu, or the remainder.
      const Matrix &
      matrix() const
      {
        return assembled;
      }

      void
      vmult(Vec &dst, const Vec &src) const
      {
        if (!op)
          {
            assembled.vmult(dst, src);
            return;
          }
        Traits::copy_to(src, x.data());
        op->vmult(y.data(), x.data());
        Traits::copy_from(y.data(), dst);
        assembled.vmult_add(dst, src);
      }

      /// diag(J_uu) into @p d (sized to the owned rows).
      void
      diagonal(Vec &d) const
      {
        const auto rows = d.locally_owned_elements();
        if (op)
          op->diagonal(y.data());
        std::size_t k = 0;
        for (const auto i : rows)
          d(i) = assembled.diag_element(i) + (op ? y[k++] : 0.);
        d.compress(dealii::VectorOperation::insert);
      }

    private:
      const DisplacementOperator *op;
      const Matrix               &assembled;
      mutable std::vector<double> x, y;
    };
  } // namespace solvers
} // namespace siswell
