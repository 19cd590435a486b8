#include <siswell/solvers/linear_solver_backends.h>

#include <deal.II/lac/dynamic_sparsity_pattern.h>
#include <deal.II/lac/petsc_precondition.h>
#include <deal.II/lac/petsc_solver.h>
#include <deal.II/lac/petsc_sparse_matrix.h>
#include <deal.II/lac/petsc_vector.h>
#include <deal.II/lac/solver_control.h>

#include <stdexcept>

namespace siswell
{
  namespace solvers
  {
    namespace
    {
      using namespace dealii;

      class PETScLinearSolver : public LinearSolver
      {
      public:
        PETScLinearSolver(const LinearSolverParameters &parameters, const MPI_Comm comm)
          : parameters(parameters)
          , comm(comm)
        {}

        void
        reinit(const IndexSet &              locally_owned,
               const IndexSet &              locally_relevant,
               const DynamicSparsityPattern &dsp) override
        {
          (void)locally_relevant;
          matrix.reinit(locally_owned, locally_owned, dsp, comm);
          rhs.reinit(locally_owned, comm);
          solution.reinit(locally_owned, comm);
        }

        void
        zero() override
        {
          matrix = 0.;
        }

        void
        add(const FullMatrix<double> &                   cell_matrix,
            const std::vector<types::global_dof_index> &dofs,
            const AffineConstraints<double> &            constraints) override
        {
          constraints.distribute_local_to_global(cell_matrix, dofs, matrix);
        }

        void
        compress() override
        {
          matrix.compress(VectorOperation::add);
        }

        unsigned int
        solve(const Vector &b, Vector &x) override
        {
          for (const auto i : b.locally_owned_elements())
            rhs(i) = b(i);
          rhs.compress(VectorOperation::insert);
          solution = 0.;

          unsigned int iterations = 1;
          if (parameters.method == "direct")
            {
              SolverControl                    control(1, 0.);
              PETScWrappers::SparseDirectMUMPS solver(control, comm);
              solver.solve(matrix, solution, rhs);
            }
          else
            {
              SolverControl control(parameters.max_iterations,
                                    parameters.relative_tolerance * rhs.l2_norm());
              PETScWrappers::PreconditionBoomerAMG::AdditionalData data;
              data.symmetric_operator               = false;
              data.strong_threshold                 = 0.5;
              PETScWrappers::PreconditionBoomerAMG amg(matrix, data);
              PETScWrappers::SolverGMRES::AdditionalData gmres_data(200);
              PETScWrappers::SolverGMRES solver(control, comm, gmres_data);
              solver.solve(matrix, solution, rhs, amg);
              iterations = control.last_step();
            }
          for (const auto i : x.locally_owned_elements())
            x(i) = solution(i);
          return iterations;
        }

        double
        el(const types::global_dof_index i, const types::global_dof_index j) const override
        {
          return matrix.el(i, j);
        }

        std::string
        name() const override
        {
          return "PETSc";
        }

      private:
        const LinearSolverParameters parameters;
        const MPI_Comm               comm;
        PETScWrappers::MPI::SparseMatrix matrix;
        PETScWrappers::MPI::Vector       rhs, solution;
      };
    } // namespace



    std::unique_ptr<LinearSolver>
    make_petsc_linear_solver(const LinearSolverParameters &parameters, const MPI_Comm comm)
    {
      return std::make_unique<PETScLinearSolver>(parameters, comm);
    }
  } // namespace solvers
} // namespace siswell
