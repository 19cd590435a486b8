// The block storage of the iterative solver (FieldSplit: J_uu, J_ul, J_lu,
// J_ll in compact numbering, constraints translated) holds exactly the
// Jacobian of the direct solver's single matrix: every entry of every
// unconstrained row and column agrees, for both backends, in 3D with symmetry
// planes and in axisymmetric coordinates with a spring platen (whose
// constraints tie the platen dofs to one master dof). Also checks the
// rigid-body near null space handed to the displacement multigrid.
#include <siswell/simulation/simulation.h>

#include "assembled_state.h"

#include <deal.II/base/mpi.h>
#include <deal.II/dofs/dof_tools.h>

#include <catch2/catch.hpp>

#include <cmath>
#include <memory>
#include <random>
#include <sstream>
#include <string>

using namespace dealii;

namespace
{
  template <int dim>
  std::unique_ptr<siswell::Simulation<dim>>
  assembled(const std::string  &case_text,
            const std::string  &backend,
            const std::string  &method,
            std::ostringstream &log)
  {
    // the same random non-equilibrium state in both (same seed, same numbering);
    // the block storage of the assembled J_uu is what is compared
    return test::assembled_state<dim>(
        case_text + "\nsubsection Linear solver\n  set Backend = " + backend +
            "\n  set Method = " + method + "\n  set Displacement operator = assembled\nend\n",
        7,
        0.02e-6,
        log);
  }

  template <int dim>
  void
  compare(const std::string &case_text, const std::string &backend)
  {
    std::ostringstream log;
    const auto         direct    = assembled<dim>(case_text, backend, "direct", log);
    const auto         iterative = assembled<dim>(case_text, backend, "iterative", log);
    const auto        &A         = direct->problem().linear_solver();
    const auto        &B         = iterative->problem().linear_solver();
    const auto        &c         = direct->problem().constraints();
    const auto         n         = direct->problem().n_dofs();
    REQUIRE(n == iterative->problem().n_dofs());

    // entries are compared to round-off of the largest entry: both are sums of
    // the same cell contributions, added in a different order at most
    double largest = 0.;
    for (types::global_dof_index i = 0; i < n; ++i)
      largest = std::max(largest, std::abs(A.el(i, i)));
    double       worst    = 0.;
    unsigned int nonzeros = 0;
    for (types::global_dof_index i = 0; i < n; ++i)
      if (!c.is_constrained(i))
        for (types::global_dof_index j = 0; j < n; ++j)
          if (!c.is_constrained(j))
            {
              const double a = A.el(i, j), b = B.el(i, j);
              worst = std::max(worst, std::abs(a - b));
              nonzeros += a != 0.;
            }
    INFO(backend << ": " << nonzeros << " nonzero entries, largest |J_block - J| " << worst
                 << ", largest diagonal " << largest);
    CHECK(nonzeros > n);
    CHECK(worst <= 1e-13 * largest);
  }

  /// The default particle as a 3D octant (symmetry planes), iterative with
  /// Trilinos, set up with @p refinements, and the field split of its dofs.
  struct OctantSplit
  {
    explicit OctantSplit(const unsigned int refinements)
    {
      ParameterHandler prm;
      siswell::RunParameters::declare_parameters(prm);
      prm.parse_input_from_string("subsection Geometry\n  set Coordinate system = 3d\n"
                                  "  set Global refinements = " +
                                  std::to_string(refinements) +
                                  "\nend\nsubsection Boundary conditions\n"
                                  "  set Symmetry planes = x0, y0, z0\nend\n"
                                  "subsection Linear solver\n  set Backend = Trilinos\n"
                                  "  set Method = iterative\nend\n");
      siswell::RunParameters p;
      p.parse(prm);
      sim = std::make_unique<siswell::Simulation<3>>(p, MPI_COMM_WORLD, log);
      sim->setup();
      const auto &dofs = sim->problem().dof_handler();
      relevant         = DoFTools::extract_locally_relevant_dofs(dofs);
      split            = std::make_unique<siswell::solvers::FieldSplit>(dofs,
                                                             sim->problem().mapping(),
                                                             dofs.locally_owned_dofs(),
                                                             relevant,
                                                             sim->problem().constraints(),
                                                             true,
                                                             MPI_COMM_WORLD);
    }

    std::ostringstream                            log;
    std::unique_ptr<siswell::Simulation<3>>       sim;
    IndexSet                                      relevant;
    std::unique_ptr<siswell::solvers::FieldSplit> split;
  };
} // namespace

TEST_CASE("block storage equals the single matrix: 3D octant with symmetry planes", "[solver]")
{
  const std::string text = R"(
subsection Geometry
  set Coordinate system = 3d
  set Global refinements = 0
  set Electrolyte shell thickness = 0.3e-6
end
subsection Materials
  set Electrolyte material ids = 1
end
subsection Boundary conditions
  set Symmetry planes = x0, y0, z0
  set Lithium flux boundaries = interface
end
)";
  compare<3>(text, "Trilinos");
  compare<3>(text, "PETSc");
}

TEST_CASE("block storage equals the single matrix: axisymmetric pillar on a spring platen",
          "[solver][platen]")
{
  const std::string text = R"(
subsection Geometry
  set Coordinate system = axisymmetric
  set Shape = pillar
  set Pillar height = 1e-6
  set Global refinements = 0
end
subsection Boundary conditions
  set Symmetry planes =
  set Fixed displacement = bottom: y
  set Lithium flux boundaries = side
end
subsection Stack pressure
  set Platen boundary = surface
  set Control = spring
  set Spring preload = 20e6
  set Spring stiffness = 5e4
end
)";
  compare<2>(text, "Trilinos");
  compare<2>(text, "PETSc");
}

TEST_CASE("field split: rigid-body modes of the displacement block", "[solver]")
{
  // a rigid motion u = a + ω × x gives zero displacement residual change:
  // J_uu m = 0 for every mode m of a free body is what the multigrid assumes;
  // here the modes are checked to be the translations and rotations themselves
  const OctantSplit                   octant(0);
  auto                              &sim   = *octant.sim;
  const siswell::solvers::FieldSplit &split = *octant.split;
  REQUIRE(split.dofs_per_node() == 3);
  REQUIRE(split.dimension() == 3);
  const auto &modes = split.near_null_space();
  REQUIRE(modes.size() == 6);
  const auto n_u = split.owned(0).n_elements();
  REQUIRE(n_u == sim.problem().locally_owned_field_dofs(0).n_elements());
  REQUIRE(split.owned(1).n_elements() ==
          sim.problem().locally_owned_field_dofs(1).n_elements() +
              sim.problem().locally_owned_field_dofs(2).n_elements());
  // translations: 1 on their component; rotations: orthogonal to the
  // translations' direction at each node and of the size of the distance
  for (unsigned int k = 0; k < n_u; k += 3)
    {
      for (unsigned int d = 0; d < 3; ++d)
        for (unsigned int e = 0; e < 3; ++e)
          CHECK(modes[d][k + e] == (d == e ? 1. : 0.));
      for (unsigned int r = 0; r < 3; ++r)
        CHECK(modes[3 + r][k + r] == 0.); // ω_r e_r × x has no r component
    }
}

TEST_CASE("field split: the compact numbering partitions each block across the ranks",
          "[solver][mpi]")
{
  // run by `unit_two_ranks` on two ranks: each block's compact indices are
  // contiguous per rank in rank order, and the IndexSets of every rank have
  // the global size (a 64-bit MPI type on 32-bit indices once wrote past
  // the offsets and left relevant(0) of size 0 on rank 1)
  const OctantSplit                   octant(1);
  const auto                        &relevant = octant.relevant;
  const siswell::solvers::FieldSplit &split    = *octant.split;
  const unsigned int rank = Utilities::MPI::this_mpi_process(MPI_COMM_WORLD);
  for (unsigned int b = 0; b < 2; ++b)
    {
      CAPTURE(rank, b);
      const auto counts = Utilities::MPI::all_gather(MPI_COMM_WORLD, split.owned(b).n_elements());
      types::global_dof_index total = 0, first = 0;
      for (unsigned int r = 0; r < counts.size(); ++r)
        {
          if (r == rank)
            first = total;
          total += counts[r];
        }
      CHECK(counts[rank] > 0);
      CHECK(split.owned(b).size() == total);
      CHECK(split.relevant(b).size() == total);
      CHECK(split.owned(b).is_contiguous());
      CHECK(split.owned(b).nth_index_in_set(0) == first);
      CHECK(split.relevant(b).n_elements() >= counts[rank]);
    }
  // every relevant dof: its compact index lies in its block's relevant set,
  // and for owned dofs it is the one of owned_dofs()
  unsigned int wrong = 0;
  for (const auto i : relevant)
    wrong += !split.relevant(split.block(i)).is_element(split.index(i));
  for (const auto &o : split.owned_dofs())
    wrong += split.block(o[0]) != o[1] || split.index(o[0]) != o[2] ||
             !split.owned(o[1]).is_element(o[2]);
  CHECK(wrong == 0);
}
