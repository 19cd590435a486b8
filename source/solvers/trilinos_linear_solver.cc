#include <siswell/solvers/linear_solver_backends.h>

#include <deal.II/lac/trilinos_parallel_block_vector.h>
#include <deal.II/lac/trilinos_precondition.h>
#include <deal.II/lac/trilinos_solver.h>
#include <deal.II/lac/trilinos_sparse_matrix.h>
#include <deal.II/lac/trilinos_vector.h>

#include <Epetra_MultiVector.h>
#include <Teuchos_ParameterList.hpp>

#include "backend_linear_solver.h"

namespace siswell
{
  namespace solvers
  {
    namespace
    {
      /// ML smoothed aggregation on one block of the Jacobian.
      class TrilinosAMG
      {
      public:
        using Matrix = dealii::TrilinosWrappers::SparseMatrix;
        using Vector = dealii::TrilinosWrappers::MPI::Vector;

        /// The displacement block J_uu itself.
        void
        initialize_displacement(const Matrix &A, const FieldSplit &split)
        {
          initialize_elasticity(
              A, split.near_null_space(), split.dofs_per_node(), split.dimension());
        }

        /// Elasticity in @p dimension space dimensions: node blocks of
        /// @p dofs_per_node unknowns, @p modes (rigid-body modes on the owned
        /// rows) as near null space.
        void
        initialize_elasticity(const Matrix                           &A,
                              const std::vector<std::vector<double>> &modes,
                              const unsigned int                      dofs_per_node,
                              const unsigned int                      dimension)
        {
          const unsigned int             n_local = modes.empty() ? 0 : modes[0].size();
          std::vector<std::vector<bool>> constant(1, std::vector<bool>(n_local, true));
          // Chebyshev sweeps, measured with GMRES iterations per Newton
          // iteration (AMG on J_uu directly): 3D octant (8 133 unknowns) 2
          // sweeps 78 in 0.63 s, 4 sweeps 75 in 1.0 s; axisymmetric particle
          // (31 300 → 124 036 unknowns) 2 sweeps 100 → 135 (+36 %), 4 sweeps
          // 82 → 105 (+28 %)
          auto                                data = common_data(constant, dimension == 3 ? 2 : 4);
          Teuchos::ParameterList              list;
          std::unique_ptr<Epetra_MultiVector> unused;
          data.set_parameters(list, unused, A.trilinos_matrix());
          null_space = std::make_unique<Epetra_MultiVector>(A.trilinos_matrix().OperatorDomainMap(),
                                                            static_cast<int>(modes.size()));
          for (unsigned int m = 0; m < modes.size(); ++m)
            for (unsigned int k = 0; k < n_local; ++k)
              (*null_space)[m][k] = modes[m][k];
          list.set("PDE equations", static_cast<int>(dofs_per_node));
          list.set("null space: type", "pre-computed");
          list.set("null space: dimension", null_space->NumVectors());
          list.set("null space: vectors", null_space->Values());
          amg.initialize(A.trilinos_matrix(), list);
        }

        /// The lithium Schur approximation: a scalar diffusion operator.
        void
        initialize_lithium(const Matrix &A, const FieldSplit &split)
        {
          const unsigned int n_local = A.local_size();
          amg.initialize(
              A, common_data({std::vector<bool>(n_local, true)}, split.dimension() == 3 ? 2 : 4));
        }

        void
        vmult(Vector &dst, const Vector &src) const
        {
          amg.vmult(dst, src);
        }

      private:
        static dealii::TrilinosWrappers::PreconditionAMG::AdditionalData
        common_data(const std::vector<std::vector<bool>> &constant_modes, const unsigned int sweeps)
        {
          dealii::TrilinosWrappers::PreconditionAMG::AdditionalData data;
          data.elliptic              = true;
          data.higher_order_elements = true;
          data.smoother_sweeps       = sweeps;
          data.aggregation_threshold = 0.02;
          data.constant_modes        = constant_modes;
          return data;
        }

        dealii::TrilinosWrappers::PreconditionAMG amg;
        std::unique_ptr<Epetra_MultiVector>       null_space;
      };

      struct TrilinosTraits
      {
        using Matrix      = dealii::TrilinosWrappers::SparseMatrix;
        using Vector      = dealii::TrilinosWrappers::MPI::Vector;
        using BlockVector = dealii::TrilinosWrappers::MPI::BlockVector;
        using AMG         = TrilinosAMG;

        static std::string
        name()
        {
          return "Trilinos";
        }

        /// MUMPS through Amesos: factorised once at construction, then one
        /// solve per right-hand side.
        class DirectSolver
        {
        public:
          DirectSolver(const Matrix &A, const MPI_Comm)
            : control(1, 0.)
            , solver(control, dealii::TrilinosWrappers::SolverDirect::AdditionalData(false, "Amesos_Mumps"))
          {
            solver.initialize(A);
          }

          void
          solve(Vector &x, const Vector &b)
          {
            solver.solve(x, b);
          }

        private:
          dealii::SolverControl                  control;
          dealii::TrilinosWrappers::SolverDirect solver;
        };

        /// The locally owned entries of @p v to @p a, and back.
        static void
        copy_to(const Vector &v, double *a)
        {
          std::copy(v.begin(), v.end(), a);
        }
        static void
        copy_from(const double *a, Vector &v)
        {
          std::copy(a, a + v.locally_owned_size(), v.begin());
        }
      };
    } // namespace

    std::unique_ptr<LinearSolver>
    make_trilinos_linear_solver(const LinearSolverParameters &parameters, const MPI_Comm comm)
    {
      return std::make_unique<BackendLinearSolver<TrilinosTraits>>(parameters, comm);
    }
  } // namespace solvers
} // namespace siswell
