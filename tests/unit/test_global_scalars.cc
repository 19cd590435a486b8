// The bordered solve of GlobalScalars against a dense solve of the whole
// (n + k) × (n + k) system: a non-symmetric chain matrix J on a distributed
// vector (elements (e, e+1) added by the owner of e, so that rows are
// shared across ranks), random-looking but deterministic B, C, D, R, r,
// k = 1, 2, 3 scalars with unit-carrying scales, D with a zero diagonal
// entry (a Lagrange multiplier), both backends' direct solvers. The k + 1
// solves share one factorisation (the solver's own counter). Tolerance: the
// dense Gauss–Jordan and MUMPS solve the same well-conditioned system
// (diagonally dominant J, |S| of order one); 1e-10 relative is some 10⁴
// above their round-off.
#include <siswell/physics/global_scalars.h>
#include <siswell/solvers/linear_solver.h>

#include <deal.II/base/index_set.h>
#include <deal.II/base/mpi.h>
#include <deal.II/lac/dynamic_sparsity_pattern.h>
#include <deal.II/lac/sparsity_tools.h>

#include <catch2/catch.hpp>

#include <cmath>

namespace
{
  using namespace dealii;
  using siswell::physics::GlobalScalars;
  using siswell::physics::LocalBorder;

  constexpr unsigned int n = 23;

  double
  element(const unsigned int e, const unsigned int a, const unsigned int b)
  {
    const double diag = 3. + 0.1 * (e % 5);
    return a == b ? diag : (a == 0 ? -1.2 : -0.8);
  }
  double
  B(const unsigned int i, const unsigned int k)
  {
    return std::sin(1. + i + 3. * k);
  }
  double
  C(const unsigned int k, const unsigned int j)
  {
    return std::cos(2. + 0.7 * j + k);
  }
  double
  D(const unsigned int k, const unsigned int l)
  {
    return k == 0 && l == 0 ? 0. : 2. + std::sin(k + 2. * l); // s_0: a multiplier
  }
  double
  R(const unsigned int i)
  {
    return std::sin(0.3 * i) + 0.5;
  }
  double
  r(const unsigned int k)
  {
    return 1. - 0.4 * k;
  }
  /// The solution of the whole (n + k) × (n + k) system [J B; C D] x = −[R; r], densely.
  Vector<double>
  dense_solution(const unsigned int k)
  {
    const unsigned int N = n + k;
    FullMatrix<double> A(N, N);
    Vector<double>     rhs(N), x(N);
    for (unsigned int e = 0; e + 1 < n; ++e)
      for (unsigned int a = 0; a < 2; ++a)
        for (unsigned int b = 0; b < 2; ++b)
          A(e + a, e + b) += element(e, a, b);
    for (unsigned int i = 0; i < n; ++i)
      {
        rhs(i) = -R(i);
        for (unsigned int l = 0; l < k; ++l)
          {
            A(i, n + l) = B(i, l);
            A(n + l, i) = C(l, i);
          }
      }
    for (unsigned int a = 0; a < k; ++a)
      {
        rhs(n + a) = -r(a);
        for (unsigned int b = 0; b < k; ++b)
          A(n + a, n + b) = D(a, b);
      }
    A.gauss_jordan();
    A.vmult(x, rhs);
    return x;
  }
} // namespace

TEST_CASE("global scalars: the bordered solve against a dense one", "[global-scalars][mpi]")
{
  const MPI_Comm     comm  = MPI_COMM_WORLD;
  const unsigned int rank  = Utilities::MPI::this_mpi_process(comm);
  const unsigned int ranks = Utilities::MPI::n_mpi_processes(comm);
  IndexSet           owned(n), relevant(n);
  const unsigned int begin = n * rank / ranks, end = n * (rank + 1) / ranks;
  owned.add_range(begin, end);
  relevant.add_range(begin > 0 ? begin - 1 : 0, std::min(end + 1, n));

  for (const auto backend : {siswell::solvers::LinearSolverParameters::Backend::petsc,
                             siswell::solvers::LinearSolverParameters::Backend::trilinos})
    for (unsigned int k = 1; k <= 3; ++k)
      {
        siswell::solvers::LinearSolverParameters parameters;
        parameters.backend = backend;
        auto solver        = siswell::solvers::LinearSolver::create(parameters, comm);
        CAPTURE(solver->name(), k);
        solver->reinit(
            owned,
            relevant,
            [&](DynamicSparsityPattern &dsp) {
              dsp.reinit(n, n, relevant);
              for (unsigned int e = begin; e < std::min(end, n - 1); ++e)
                for (unsigned int a = 0; a < 2; ++a)
                  for (unsigned int b = 0; b < 2; ++b)
                    dsp.add(e + a, e + b);
              SparsityTools::distribute_sparsity_pattern(dsp, owned, comm, relevant);
            },
            nullptr);
        AffineConstraints<double> none;
        none.close();
        for (unsigned int e = begin; e < std::min(end, n - 1); ++e)
          {
            FullMatrix<double> m(2, 2);
            for (unsigned int a = 0; a < 2; ++a)
              for (unsigned int b = 0; b < 2; ++b)
                m(a, b) = element(e, a, b);
            solver->add(m, FullMatrix<double>(), {e, e + 1}, none);
          }
        solver->compress();

        // the scalars, with scales: unknowns in units of 10^l, equations of 10^-l
        GlobalScalars scalars;
        for (unsigned int l = 0; l < k; ++l)
          scalars.add("s" + std::to_string(l),
                      0.,
                      std::pow(10., l),
                      std::pow(10., -1. * l),
                      siswell::Field::displacement);
        siswell::solvers::Vector y(owned, relevant, comm);
        scalars.reinit(y);
        // the border in SI, one dof at a time; r and D from rank 0 only
        const std::vector<double> unit(1, 1.);
        for (const auto i : owned)
          {
            LocalBorder local;
            local.reinit(k, 1);
            for (unsigned int l = 0; l < k; ++l)
              {
                local.column[l](0) = B(i, l);
                local.row[l](0)    = C(l, i);
              }
            if (i == 0)
              for (unsigned int a = 0; a < k; ++a)
                {
                  local.r[a] = r(a);
                  for (unsigned int b = 0; b < k; ++b)
                    local.d(a, b) = D(a, b);
                }
            scalars.distribute(local, {static_cast<types::global_dof_index>(i)}, unit, unit, none);
          }
        scalars.compress(comm);
        CHECK(scalars.residual(0) == Approx(r(0)));
        CHECK(
            scalars.tangent(k - 1, k - 1) ==
            Approx(D(k - 1, k - 1) * scalars.unknown_scale(k - 1) / std::pow(10., -1. * (k - 1))));

        siswell::solvers::Vector minus_R(y);
        for (const auto i : owned)
          minus_R(i) = -R(i);
        const unsigned int setups = solver->n_setups();
        solver->solve(minus_R, y);
        scalars.solve(*solver, y);
        CHECK(solver->n_setups() == setups + 1); // k + 1 solves, one factorisation

        // the dense (n + k) system in SI units, on every rank
        const Vector<double> x   = dense_solution(k);
        double               err = 0., size = 0.;
        for (const auto i : owned)
          {
            err  = std::max(err, std::abs(y(i) - x(i)));
            size = std::max(size, std::abs(x(i)));
          }
        err  = Utilities::MPI::max(err, comm);
        size = Utilities::MPI::max(size, comm);
        INFO("largest error of δx " << err << " of " << size);
        CHECK(err <= 1e-10 * size);
        for (unsigned int l = 0; l < k; ++l)
          {
            INFO("δs_" << l << " = " << scalars.direction(l) << ", dense " << x(n + l));
            CHECK(std::abs(scalars.direction(l) - x(n + l)) <= 1e-10 * std::abs(x(n + l)));
          }
        // the Newton state: apply, commit, restore
        scalars.store_iterate();
        scalars.apply_direction(0.5);
        CHECK(scalars.value(0) == Approx(0.5 * x(n)));
        scalars.restore();
        CHECK(scalars.value(0) == 0.);
      }
}

TEST_CASE("global scalars: names, and no scalar after setup", "[global-scalars]")
{
  GlobalScalars scalars;
  CHECK(scalars.add("a", 1., 1., 1., siswell::Field::displacement) == 0);
  CHECK_THROWS_WITH(scalars.add("a", 1., 1., 1., siswell::Field::displacement),
                    Catch::Contains("'a' exists already"));
  CHECK_THROWS_WITH(scalars.add("b", 1., 0., 1., siswell::Field::displacement),
                    Catch::Contains("positive"));
  CHECK_THROWS_WITH(scalars.index("c"),
                    Catch::Contains("no global scalar named 'c' (there are: a)"));
  siswell::solvers::Vector layout(complete_index_set(3), MPI_COMM_SELF);
  scalars.reinit(layout);
  CHECK_THROWS_WITH(scalars.add("b", 1., 1., 1., siswell::Field::displacement),
                    Catch::Contains("before the problem's setup()"));
}
