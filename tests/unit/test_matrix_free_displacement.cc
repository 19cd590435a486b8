// The matrix-free displacement block (MatrixFreeDisplacementOperator) against
// the assembled Jacobian of the same state: a quarter pillar in 3D with
// symmetry planes, a fixed base and a rigid platen on its top (so the
// constraints include u_i = u_master), at a random non-equilibrium state.
// Compared: J_uu x for a random x, diag(J_uu), and the cell-wise Galerkin
// coarse matrix against Pᵀ J_uu P formed from the assembled J_uu and the P of
// LinearDisplacementSpace. All are sums of the same quadrature-point terms in
// another order, so they agree to round-off: 1e-12 of the largest entry.
// The operator stores only the symmetric part of ∂P/∂F; a tangent without
// major symmetry must be refused. The pillar with free sides and top has
// cells without constrained unknowns, where diag(J_uu) and the coarse matrix
// are computed directly from the stored tangent; on the platen pillar every
// cell has some, and they are formed with the cell operation.
#include <siswell/simulation/simulation.h>
#include <siswell/solvers/displacement_operator.h>

#include "assembled_state.h"

#include <deal.II/base/mpi.h>
#include <deal.II/dofs/dof_tools.h>
#include <deal.II/lac/full_matrix.h>

#include <catch2/catch.hpp>

#include <cmath>
#include <random>
#include <sstream>

using namespace dealii;

namespace
{
  const std::string geometry = R"(
subsection Geometry
  set Coordinate system = 3d
  set Shape = pillar
  set Symmetry = quarter
  set Pillar height = 2e-6
  set Global refinements = 0
end
)";

  const std::string pillar = geometry + R"(
subsection Boundary conditions
  set Symmetry planes = x0, y0
  set Fixed displacement = bottom: z
  set Lithium flux boundaries = side
end
subsection Stack pressure
  set Platen boundary = surface
  set Control = pressure
end
)";

  // the same pillar free on its sides and top: most cells have no
  // constrained unknown, so diagonal() and assemble_coarse() take their direct
  // path (the tangent contracted with the shape gradients) there, and the
  // cell-operation path only on the bottom layer
  const std::string free_pillar = geometry + R"(
subsection Boundary conditions
  set Symmetry planes =
  set Fixed displacement = bottom: z
  set Lithium flux boundaries = side
end
)";

  std::unique_ptr<siswell::Simulation<3>>
  assembled(const std::string  &case_text,
            const std::string  &method,
            const std::string  &op,
            std::ostringstream &log)
  {
    return test::assembled_state<3>(case_text +
                                        "subsection Linear solver\n  set Backend = Trilinos\n"
                                        "  set Method = " +
                                        method + "\n  set Displacement operator = " + op +
                                        "\nend\n",
                                    11,
                                    0.04e-6,
                                    log);
  }
} // namespace

namespace
{
  /// The field split of the iterative solver for @p sim's dofs.
  std::unique_ptr<siswell::solvers::FieldSplit>
  field_split(siswell::Simulation<3> &sim)
  {
    const auto &dofs = sim.problem().dof_handler();
    return std::make_unique<siswell::solvers::FieldSplit>(
        dofs,
        sim.problem().mapping(),
        dofs.locally_owned_dofs(),
        DoFTools::extract_locally_relevant_dofs(dofs),
        sim.problem().constraints(),
        true,
        MPI_COMM_WORLD);
  }

  /// J_uu x, diag(J_uu) and the coarse matrix of the matrix-free operator
  /// against the assembled J_uu of the same state; returns the direct
  /// solver's simulation (for the symmetry check).
  std::unique_ptr<siswell::Simulation<3>>
  compare_with_assembled(const std::string &case_text)
  {
    std::ostringstream log;
    auto               direct = assembled(case_text, "direct", "assembled", log);
    const auto         mf     = assembled(case_text, "iterative", "matrix-free", log);
    REQUIRE(direct->problem().matrix_free_displacement() == nullptr);
    const auto *op = mf->problem().matrix_free_displacement();
    REQUIRE(op != nullptr);
    const auto &A           = direct->problem().linear_solver();
    const auto &constraints = direct->problem().constraints();
    const auto &dofs        = direct->problem().dof_handler();
    REQUIRE(constraints.n_constraints() > 0);

    const auto                           split_owner = field_split(*direct);
    const auto                          &split       = *split_owner;
    std::vector<types::global_dof_index> u_dof; // global dof of compact unknown k
    for (const auto &o : split.owned_dofs())
      if (o[1] == 0)
        u_dof.push_back(o[0]);
    const std::size_t n = u_dof.size();
    REQUIRE(op->n_owned() == n);

    FullMatrix<double> K(n, n); // the assembled J̃_uu, condensed
    double             largest = 0.;
    for (std::size_t k = 0; k < n; ++k)
      for (std::size_t l = 0; l < n; ++l)
        {
          K(k, l) = A.el(u_dof[k], u_dof[l]);
          largest = std::max(largest, std::abs(K(k, l)));
        }

    // products with a random x that is zero on constrained unknowns
    std::mt19937                           rng(3);
    std::uniform_real_distribution<double> uni(-1., 1.);
    std::vector<double>                    x(n), y(n), d(n);
    for (std::size_t k = 0; k < n; ++k)
      x[k] = constraints.is_constrained(u_dof[k]) ? 0. : uni(rng);
    op->vmult(y.data(), x.data());
    op->diagonal(d.data());
    double       worst_product = 0., scale_product = 0., worst_diagonal = 0.;
    unsigned int n_constrained = 0;
    for (std::size_t k = 0; k < n; ++k)
      {
        if (constraints.is_constrained(u_dof[k]))
          {
            ++n_constrained;
            CHECK(y[k] == 0.); // identity on constrained rows, and x is zero there
            CHECK(d[k] == 1.);
            continue;
          }
        double reference = 0.;
        for (std::size_t l = 0; l < n; ++l)
          reference += K(k, l) * x[l];
        worst_product  = std::max(worst_product, std::abs(y[k] - reference));
        scale_product  = std::max(scale_product, std::abs(reference));
        worst_diagonal = std::max(worst_diagonal, std::abs(d[k] - K(k, k)));
      }
    INFO(n << " displacement unknowns, " << n_constrained << " constrained; largest |J_uu| "
           << largest << ", |J_uu x| " << scale_product << ": product error " << worst_product
           << ", diagonal error " << worst_diagonal);
    CHECK(n_constrained > 0);
    CHECK(worst_product <= 1e-12 * scale_product);
    CHECK(worst_diagonal <= 1e-12 * largest);

    // the coarse matrix: cell-wise Galerkin product against Pᵀ K P
    const auto &space = split.linear_displacement_space();
    REQUIRE(!space.empty());
    const auto         nc = space.n_dofs;
    FullMatrix<double> KP(n, nc), reference(nc, nc), coarse(nc, nc);
    for (std::size_t k = 0; k < n; ++k)
      for (std::size_t l = 0; l < n; ++l)
        if (K(k, l) != 0.)
          for (auto e = space.row_start[l]; e < space.row_start[l + 1]; ++e)
            KP(k, space.column[e]) += K(k, l) * space.weight[e];
    for (std::size_t k = 0; k < n; ++k)
      for (auto e = space.row_start[k]; e < space.row_start[k + 1]; ++e)
        for (types::global_dof_index J = 0; J < nc; ++J)
          reference(space.column[e], J) += space.weight[e] * KP(k, J);
    op->assemble_coarse(
        [&](const FullMatrix<double> &m, const std::vector<types::global_dof_index> &q1) {
          for (unsigned int I = 0; I < q1.size(); ++I)
            for (unsigned int J = 0; J < q1.size(); ++J)
              coarse(q1[I], q1[J]) += m(I, J);
        });
    double worst_coarse = 0., largest_coarse = 0.;
    for (types::global_dof_index I = 0; I < nc; ++I)
      for (types::global_dof_index J = 0; J < nc; ++J)
        {
          worst_coarse   = std::max(worst_coarse, std::abs(coarse(I, J) - reference(I, J)));
          largest_coarse = std::max(largest_coarse, std::abs(reference(I, J)));
        }
    INFO(nc << " Q1 unknowns; largest |J_1| " << largest_coarse << ", error " << worst_coarse);
    CHECK(largest_coarse > 0.);
    CHECK(worst_coarse <= 1e-12 * largest_coarse);
    return direct;
  }
} // namespace

TEST_CASE("matrix-free J_uu equals the assembled one: 3D pillar with free sides", "[solver]")
{
  if (Utilities::MPI::n_mpi_processes(MPI_COMM_WORLD) != 1)
    return; // dense comparison; the 2-rank runs are the system tests'
  compare_with_assembled(free_pillar);
}

TEST_CASE("matrix-free J_uu equals the assembled one: 3D pillar on a platen", "[solver]")
{
  if (Utilities::MPI::n_mpi_processes(MPI_COMM_WORLD) != 1)
    return; // dense comparison; the 2-rank runs are the system tests'
  const auto  direct      = compare_with_assembled(pillar);
  const auto &dofs        = direct->problem().dof_handler();
  const auto &constraints = direct->problem().constraints();
  const auto  split_owner = field_split(*direct);
  const auto &split       = *split_owner;

  // only the symmetric part of the tangent is stored: a tangent without
  // major symmetry is refused with a message that names the way out
  siswell::solvers::MatrixFreeDisplacementOperator<3> fresh(
      dofs, direct->problem().mapping(), constraints, split);
  Tensor<4, 3> tangent;
  for (unsigned int i = 0; i < 3; ++i)
    for (unsigned int j = 0; j < 3; ++j)
      tangent[i][j][i][j] = 1e10;
  const auto cell = dofs.begin_active()->active_cell_index();
  CHECK_NOTHROW(fresh.set_tangent(cell, 0, tangent, 1.));
  tangent[0][1][2][2] = 1e3; // relative asymmetry 1e-7
  CHECK_THROWS_WITH(fresh.set_tangent(cell, 0, tangent, 1.),
                    Catch::Contains("no major symmetry") &&
                        Catch::Contains("Displacement operator = assembled"));
}
