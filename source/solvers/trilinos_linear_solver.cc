#include <siswell/solvers/linear_solver_backends.h>

#include <deal.II/lac/dynamic_sparsity_pattern.h>
#include <deal.II/lac/solver_control.h>
#include <deal.II/lac/trilinos_precondition.h>
#include <deal.II/lac/trilinos_solver.h>
#include <deal.II/lac/trilinos_sparse_matrix.h>
#include <deal.II/lac/trilinos_vector.h>

#include <stdexcept>

namespace siswell
{
  namespace solvers
  {
    namespace
    {
      using namespace dealii;

      class TrilinosLinearSolver : public LinearSolver
      {
      public:
        TrilinosLinearSolver(const LinearSolverParameters &parameters, const MPI_Comm comm)
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
              SolverControl control(1, 0.);
              TrilinosWrappers::SolverDirect::AdditionalData data(false, "Amesos_Mumps");
              TrilinosWrappers::SolverDirect solver(control, data);
              solver.solve(matrix, solution, rhs);
            }
          else
            {
              SolverControl control(parameters.max_iterations,
                                    parameters.relative_tolerance * rhs.l2_norm());
              TrilinosWrappers::PreconditionAMG::AdditionalData data;
              data.elliptic              = false;
              data.higher_order_elements = true;
              data.smoother_sweeps       = 2;
              data.aggregation_threshold = 0.02;
              TrilinosWrappers::PreconditionAMG amg;
              amg.initialize(matrix, data);
              TrilinosWrappers::SolverGMRES::AdditionalData gmres_data(false, 200);
              TrilinosWrappers::SolverGMRES solver(control, gmres_data);
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
          return "Trilinos";
        }

      private:
        const LinearSolverParameters       parameters;
        const MPI_Comm                     comm;
        TrilinosWrappers::SparseMatrix     matrix;
        TrilinosWrappers::MPI::Vector      rhs, solution;
      };
    } // namespace



    std::unique_ptr<LinearSolver>
    make_trilinos_linear_solver(const LinearSolverParameters &parameters, const MPI_Comm comm)
    {
      return std::make_unique<TrilinosLinearSolver>(parameters, comm);
    }
  } // namespace solvers
} // namespace siswell
