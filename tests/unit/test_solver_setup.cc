// The factorisation (direct) or the preconditioner (iterative) is set up once
// per Jacobian and shared by every solve with it: generalised plane strain
// solves twice per Newton iteration (J y1 = −R, J y2 = b), with one set-up.
// Checked by the solver's own counter, for both backends' direct solvers and
// the block-stored iterative one; that the shared set-up gives the right
// solutions is checked by the histories of generalised plane strain against
// each other (tests/system: history_rank_independence_generalised_plane_strain).
// The iterative variant assembles J_uu: on this two-cell-layer film the
// matrix-free operator refuses a 2-rank partition ("displacement ownership
// differs between DoFHandlers"), a known limitation of its own.
#include <catch2/catch.hpp>

#include "assembled_state.h"

namespace
{
  const std::string film = R"(
subsection Geometry
  set Coordinate system = plane strain
  set Plane strain = generalised
  set Shape = film
  set Film width = 0.4e-6
  set Film layers = 2
  set Substrate thickness = 0.2e-6
  set Global refinements = 0
end
subsection Materials
  set Collector material ids = 2
end
subsection Boundary conditions
  set Symmetry planes = x0
  set Fixed displacement = bottom: y
end
)";
} // namespace

TEST_CASE("linear solver: one set-up per Jacobian, shared by its solves", "[solver-setup][mpi]")
{
  for (const std::string solver : {"set Backend = PETSc",
                                   "set Backend = Trilinos",
                                   "set Backend = Trilinos\n set Method = iterative\n set Displacement operator = assembled"})
    {
      CAPTURE(solver);
      std::ostringstream log;
      auto               sim = test::assembled_state<2>(
          film + "subsection Linear solver\n " + solver + "\nend\n", 3, 2e-9, log);
      auto              &problem = sim->problem();
      const unsigned int before  = problem.linear_solver().n_setups();
      problem.solve_for_direction(); // two solves with the Jacobian of assembled_state()
      CHECK(problem.linear_solver().n_setups() == before + 1);
      problem.assemble(true); // a new Jacobian: set up again, once
      problem.solve_for_direction();
      CHECK(problem.linear_solver().n_setups() == before + 2);
    }
}
