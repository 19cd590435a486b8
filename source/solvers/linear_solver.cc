#include <siswell/base/text.h>
#include <siswell/solvers/linear_solver.h>
#include <siswell/solvers/linear_solver_backends.h>

#include <stdexcept>

namespace siswell
{
  namespace solvers
  {
    void
    LinearSolverParameters::declare_parameters(dealii::ParameterHandler &prm)
    {
      prm.enter_subsection("Linear solver");
      prm.declare_entry("Backend",
                        "PETSc",
                        dealii::Patterns::Selection("PETSc|Trilinos"),
                        "Parallel linear-algebra package.");
      prm.declare_entry("Method",
                        "direct",
                        dealii::Patterns::Selection("direct|iterative"),
                        "direct: MUMPS (2D and small 3D problems); iterative: GMRES with a "
                        "block-triangular preconditioner that applies algebraic multigrid to the "
                        "displacement block and to the lithium Schur complement (ML with "
                        "Trilinos, with rigid-body modes; BoomerAMG with PETSc).");
      prm.declare_entry("Relative tolerance",
                        "1e-10",
                        dealii::Patterns::Double(0., 1.),
                        "Iterative method: reduction of the linear residual.");
      prm.declare_entry("Maximum iterations",
                        "1000",
                        dealii::Patterns::Integer(1),
                        "Iterative method: GMRES iterations at most.");
      prm.declare_entry("Restart length",
                        "50",
                        dealii::Patterns::Integer(5),
                        "Iterative method: Krylov vectors kept before GMRES restarts; each costs "
                        "8 bytes per unknown.");
      prm.declare_entry("Displacement multigrid",
                        "p-multigrid",
                        dealii::Patterns::Selection("p-multigrid|algebraic"),
                        "Iterative method, preconditioner of the displacement block J_uu. "
                        "p-multigrid: Chebyshev smoothing on J_uu and algebraic multigrid on its "
                        "Galerkin projection onto first-order (Q1) displacements (displacement "
                        "degree 2 or more; with degree 1 it is the same as algebraic). algebraic: "
                        "algebraic multigrid on J_uu itself.");
      prm.declare_entry("Displacement operator",
                        "matrix-free",
                        dealii::Patterns::Selection("matrix-free|assembled"),
                        "Iterative method with the p-multigrid, how the displacement block J_uu "
                        "is applied. matrix-free: by sum factorisation from the tangent stored at "
                        "the quadrature points (about a third of the memory of the assembled "
                        "block in 3D); used in 3D and plane strain with displacement degree 2 or "
                        "more, elsewhere J_uu is assembled. assembled: a sparse matrix.");
      prm.declare_entry("Lithium Schur complement",
                        "plane wave",
                        dealii::Patterns::Selection("fixed strain|plane wave|fixed stress"),
                        "Iterative method, how the approximation of the lithium Schur complement "
                        "accounts for the mechanical relaxation J_lu J_uu^-1 J_ul (the "
                        "displacement that follows a change of concentration and relieves the "
                        "stress it causes). fixed strain: not at all (the chemical modulus at "
                        "fixed deformation). plane wave: at each quadrature point, the relaxation "
                        "by a compatible plane-wave displacement computed from the material "
                        "tangent (exact inside a homogeneous linear-elastic body: the effective "
                        "diffusivity of stress-assisted diffusion). fixed stress: isotropic "
                        "relaxation to unchanged mean stress (the fixed-stress split of "
                        "poromechanics). See doc/theory.md.");
      prm.leave_subsection();
    }

    namespace
    {
      const std::vector<std::pair<const char *, LinearSolverParameters::Method>> &
      method_names()
      {
        static const std::vector<std::pair<const char *, LinearSolverParameters::Method>> names{
          {"direct", LinearSolverParameters::Method::direct}, {"iterative", LinearSolverParameters::Method::iterative}};
        return names;
      }
    } // namespace

    std::string
    LinearSolverParameters::method_name() const
    {
      return text::name_of(method, method_names());
    }

    void
    LinearSolverParameters::parse_parameters(dealii::ParameterHandler &prm)
    {
      prm.enter_subsection("Linear solver");
      const std::string where = "parameter 'Linear solver/";
      backend = text::to_enum<Backend>(prm.get("Backend"), {{"PETSc", Backend::petsc}, {"Trilinos", Backend::trilinos}},
                              where + "Backend'");
      method  = text::to_enum(prm.get("Method"), method_names(), where + "Method'");
      relative_tolerance     = prm.get_double("Relative tolerance");
      max_iterations         = prm.get_integer("Maximum iterations");
      restart                = prm.get_integer("Restart length");
      displacement_multigrid = text::to_enum<Multigrid>(prm.get("Displacement multigrid"),
                                             {{"p-multigrid", Multigrid::p_multigrid}, {"algebraic", Multigrid::algebraic}},
                                             where + "Displacement multigrid'");
      displacement_operator  = text::to_enum<Operator>(prm.get("Displacement operator"),
                                            {{"matrix-free", Operator::matrix_free}, {"assembled", Operator::assembled}},
                                            where + "Displacement operator'");
      schur_relaxation       = text::to_enum<SchurRelaxation>(prm.get("Lithium Schur complement"),
                                                        {{"fixed strain", SchurRelaxation::fixed_strain},
                                                         {"plane wave", SchurRelaxation::plane_wave},
                                                         {"fixed stress", SchurRelaxation::fixed_stress}},
                                                        where + "Lithium Schur complement'");
      prm.leave_subsection();
    }

    std::unique_ptr<LinearSolver>
    LinearSolver::create(const LinearSolverParameters &parameters, const MPI_Comm comm)
    {
      if (parameters.backend == LinearSolverParameters::Backend::petsc)
        return make_petsc_linear_solver(parameters, comm);
      if (parameters.backend == LinearSolverParameters::Backend::trilinos)
        return make_trilinos_linear_solver(parameters, comm);
      throw std::invalid_argument("'Linear solver/Backend' must be PETSc or Trilinos");
    }
  } // namespace solvers
} // namespace siswell
