#pragma once

#include <siswell/base/fields.h>
#include <siswell/physics/local_border.h>
#include <siswell/solvers/linear_solver.h>

#include <deal.II/base/types.h>
#include <deal.II/lac/affine_constraints.h>
#include <deal.II/lac/full_matrix.h>
#include <deal.II/lac/vector.h>

#include <string>
#include <vector>

namespace siswell
{
  namespace physics
  {
    /**
     * The global scalar unknowns s_1 … s_k of the Newton system beside the
     * field dofs x, each with one global equation r_k(x, s) = 0: the
     * out-of-plane stretch of generalised plane strain with ∫ P_zz dV = 0,
     * and whatever a term adds (contact's total current will be one). The
     * Newton system is bordered,
     *
     *   [ J  B ] [δx]     [R]
     *   [ C  D ] [δs] = − [r],   B = ∂R/∂s (n×k), C = ∂r/∂x (k×n), D = ∂r/∂s (k×k),
     *
     * and solved by k + 1 solves with J, which share its one factorisation
     * or preconditioner set-up: J y₀ = −R, J Y_l = B_l, then the k×k Schur
     * complement S = D − C Y, S δs = −r − C y₀, δx = y₀ − Y δs.
     *
     * Everything the border holds is in the scaled units of the linear
     * system: each scalar has an unknown scale (its unit; 1 for a
     * dimensionless one) and a residual scale (the unit of its equation),
     * J̃ = D_R⁻¹ J D_x as for the fields. Values and Newton directions are in
     * SI units.
     *
     * Scalars are added before the problem's setup() (std::logic_error
     * after); their indices are the order of addition.
     */
    class GlobalScalars
    {
    public:
      /**
       * Add the scalar @p name (unique) with initial value @p value (SI) and
       * scales; the residual of its equation counts towards the Newton norm
       * of field @p norm_field. Returns its index.
       */
      unsigned int
      add(const std::string &name,
          const double       value,
          const double       unknown_scale,
          const double       residual_scale,
          const Field        norm_field);

      unsigned int
      size() const
      {
        return scalars.size();
      }
      bool
      empty() const
      {
        return scalars.empty();
      }
      /// Index of the scalar @p name (std::invalid_argument if there is none).
      unsigned int
      index(const std::string &name) const;
      const std::string &
      name(const unsigned int k) const;

      /// Current value (SI).
      double
      value(const unsigned int k) const;
      void
      set_value(const unsigned int k, const double value);
      /// Change the scales of scalar @p k (before an assembly).
      void
      set_scales(const unsigned int k, const double unknown_scale, const double residual_scale);
      double
      unknown_scale(const unsigned int k) const;
      Field
      norm_field(const unsigned int k) const;

      /// Size the border like @p layout (the problem's setup(); no scalar
      /// can be added afterwards).
      void
      reinit(const solvers::Vector &layout);
      /// Zero the border before an assembly.
      void
      zero();
      /**
       * Add one local border: its columns and rows to scaled units with the
       * residual and unknown scales of each local dof (@p dof_residual_scale,
       * @p dof_unknown_scale), then into the global ones with @p constraints
       * (as the residual); r and D into this rank's sums.
       */
      void
      distribute(const LocalBorder                                  &local,
                 const std::vector<dealii::types::global_dof_index> &dofs,
                 const std::vector<double>                          &dof_residual_scale,
                 const std::vector<double>                          &dof_unknown_scale,
                 const dealii::AffineConstraints<double>            &constraints);
      /// After an assembly (collective): communicate the columns and rows,
      /// sum r and D over the ranks.
      void
      compress(const MPI_Comm comm);

      /// The border as last assembled (scaled units): B_k, C_k, r_k, D_kl.
      const solvers::Vector &
      column(const unsigned int k) const;
      const solvers::Vector &
      row(const unsigned int k) const;
      double
      residual(const unsigned int k) const;
      double
      tangent(const unsigned int k, const unsigned int l) const;

      /**
       * The bordered solve with the Jacobian J held by @p solver (scaled
       * units). On entry @p direction is y₀ = J⁻¹(−R̃); on exit it is δx̃;
       * the scalars' directions δs are kept (see direction()). Returns the
       * linear iterations of the k further solves. Collective; throws
       * std::runtime_error if the Schur complement S is singular.
       */
      unsigned int
      solve(solvers::LinearSolver &solver, solvers::Vector &direction);
      /// Newton direction of scalar @p k from the last solve() (SI).
      double
      direction(const unsigned int k) const;

      /// Newton's state handling, as for the field dofs.
      void
      commit();
      void
      restore();
      void
      store_iterate();
      void
      apply_direction(const double alpha);

    private:
      struct Scalar
      {
        std::string name;
        double      value = 0., old = 0., start = 0., direction = 0.;
        double      unknown_scale = 1., residual_scale = 1.;
        Field       norm_field = Field::displacement;
      };
      std::vector<Scalar>          scalars;
      bool                         sized = false;
      std::vector<solvers::Vector> columns, rows;
      /// This rank's sums (SI) during an assembly; after compress() the
      /// global ones, scaled.
      std::vector<double>        r;
      dealii::FullMatrix<double> d;
      /// Work vectors of distribute().
      dealii::Vector<double> scaled_column, scaled_row;
    };
  } // namespace physics
} // namespace siswell
