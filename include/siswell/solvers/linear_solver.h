#pragma once

#include <siswell/solvers/field_split.h>

#include <deal.II/base/index_set.h>
#include <deal.II/base/parameter_handler.h>
#include <deal.II/lac/affine_constraints.h>
#include <deal.II/lac/full_matrix.h>
#include <deal.II/lac/la_parallel_vector.h>

#include <array>
#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace dealii
{
  class DynamicSparsityPattern;
}

namespace siswell
{
  namespace solvers
  {
    class DisplacementOperator;

    /// Vector type the FE code works with, independent of the backend.
    using Vector = dealii::LinearAlgebra::distributed::Vector<double>;

    /// Parameters of subsection "Linear solver".
    struct LinearSolverParameters
    {
      static void
      declare_parameters(dealii::ParameterHandler &prm);
      void
      parse_parameters(dealii::ParameterHandler &prm);

      enum class Backend
      {
        petsc,
        trilinos
      };
      enum class Method
      {
        direct,
        iterative
      };
      enum class Multigrid
      {
        p_multigrid,
        algebraic
      };
      enum class Operator
      {
        matrix_free,
        assembled
      };
      /// How the lithium Schur complement sees the mechanics (see
      /// physics::mechanical_relaxation()).
      enum class SchurRelaxation
      {
        fixed_strain,
        plane_wave,
        fixed_stress
      };

      /// 'Backend': PETSc or Trilinos.
      Backend backend = Backend::petsc;
      /// "direct" (MUMPS) or "iterative" (right-preconditioned GMRES with a
      /// block-triangular preconditioner: AMG on the displacement block and on
      /// the lithium Schur complement, lumped mass for the chemical potential;
      /// the Jacobian is then stored in the blocks of FieldSplit).
      Method       method             = Method::direct;
      double       relative_tolerance = 1e-10;
      unsigned int max_iterations     = 1000;
      /// Krylov vectors kept before GMRES restarts (memory: one vector each).
      unsigned int restart = 50;
      /// Multigrid on the displacement block: "p-multigrid" (Chebyshev on
      /// J_uu, AMG on the Galerkin Q1 matrix; used when the displacement
      /// degree is at least 2) or "algebraic" (AMG on J_uu).
      Multigrid displacement_multigrid = Multigrid::p_multigrid;
      /// The displacement block J_uu with the p-multigrid: "matrix-free"
      /// (DisplacementOperator; 3D and plane strain, displacement degree ≥ 2;
      /// elsewhere it is assembled) or "assembled".
      Operator displacement_operator = Operator::matrix_free;
      /// 'Lithium Schur complement': the mechanical relaxation of the lithium
      /// Schur complement approximation, J_lu J_uu⁻¹ J_ul approximated point by
      /// point from the tangent: "fixed strain" (none: the chemical modulus at
      /// fixed F), "plane wave" (the relaxation of a compatible plane-wave
      /// displacement; the exact interior operator of a homogeneous body) or
      /// "fixed stress" (isotropic relaxation to unchanged mean stress, the
      /// poromechanics split).
      SchurRelaxation schur_relaxation = SchurRelaxation::plane_wave;

      /// The name of the method in the .prm ("direct", "iterative").
      std::string
      method_name() const;
    };

    /**
     * The Jacobian matrix of one backend and its solver. Assembly code adds
     * local matrices; the solve takes and returns backend-independent vectors.
     * Implementations: PETSc (MUMPS, or GMRES + BoomerAMG) and Trilinos
     * (Amesos MUMPS, or GMRES + ML).
     */
    class LinearSolver
    {
    public:
      virtual ~LinearSolver() = default;

      /// Create the backend chosen in @p parameters.
      static std::unique_ptr<LinearSolver>
      create(const LinearSolverParameters &parameters, const MPI_Comm comm);

      /**
       * Size the matrices. @p locally_owned and @p locally_relevant are in the
       * global numbering. The direct method stores one matrix, whose pattern
       * @p make_pattern fills on demand; the iterative method stores the
       * Jacobian in the blocks of @p split (which must then be given, see
       * needs_field_split()) and builds each block's pattern from it in turn,
       * so that only one pattern lives at a time.
       */
      /**
       * The relative tolerance of the following solves (inexact Newton);
       * returns whether it applies (false for the direct method, which
       * ignores it). The default is 'Relative tolerance'.
       */
      virtual bool
      set_relative_tolerance(const double /*tolerance*/)
      {
        return false;
      }

      virtual void
      reinit(const dealii::IndexSet                                      &locally_owned,
             const dealii::IndexSet                                      &locally_relevant,
             const std::function<void(dealii::DynamicSparsityPattern &)> &make_pattern,
             std::shared_ptr<const FieldSplit>                            split) = 0;

      /**
       * Iterative method, p-multigrid: apply the displacement block J_uu as
       * @p op (matrix-free; its data set during assembly) plus a sparse
       * remainder that holds the u–u entries add() still receives (boundary
       * terms, the platen spring), with the pattern @p make_remainder_pattern
       * fills in the compact indices of FieldSplit block 0 (distributed to
       * the owners of its rows). The Q1 coarse matrix of the p-multigrid is
       * then @p op's cell-wise Galerkin product. Call before reinit().
       */
      virtual void
      set_displacement_operator(
          std::shared_ptr<const DisplacementOperator>                  op,
          const std::function<void(dealii::DynamicSparsityPattern &)> &make_remainder_pattern) = 0;

      /// True if the solver stores the Jacobian in blocks and needs the
      /// field split and, in add(), the lithium preconditioner matrix.
      virtual bool
      needs_field_split() const = 0;

      /// Zero all entries.
      virtual void
      zero() = 0;

      /**
       * Add a cell matrix with constraints applied (global numbering; the
       * block storage applies the same constraints in compact numbering) and,
       * if needs_field_split(), the cell's lithium preconditioner matrix: an
       * approximation of the concentration Schur complement on the
       * concentration rows and the lumped chemical-potential mass on the μ
       * diagonal (other entries are ignored).
       */
      virtual void
      add(const dealii::FullMatrix<double>                   &cell_matrix,
          const dealii::FullMatrix<double>                   &cell_lithium_block,
          const std::vector<dealii::types::global_dof_index> &dofs,
          const dealii::AffineConstraints<double>            &constraints) = 0;

      /// Communicate the added entries.
      virtual void
      compress() = 0;

      /// Solve J x = b; returns the number of linear iterations (1 for direct).
      /// Throws std::runtime_error if the solver fails.
      virtual unsigned int
      solve(const Vector &b, Vector &x) = 0;

      /// Entry (i,j) of the matrix (only locally owned rows); for tests. With a
      /// matrix-free J_uu (set_displacement_operator()) the u–u entries are
      /// those of the assembled remainder only.
      virtual double
      el(const dealii::types::global_dof_index i,
         const dealii::types::global_dof_index j) const = 0;

      /// "PETSc" or "Trilinos".
      virtual std::string
      name() const = 0;

      /// How often the factorisation (direct) or the preconditioner
      /// (iterative) was set up: once per Jacobian (compress()), shared by
      /// all solves with it (e.g. the two of generalised plane strain).
      virtual unsigned int
      n_setups() const = 0;
    };
  } // namespace solvers
} // namespace siswell
