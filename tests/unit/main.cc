// Catch2 main for the unit tests; MPI is initialised because some pieces under
// test (meshes, assembly) are built on distributed objects.
#define CATCH_CONFIG_RUNNER
#include <deal.II/base/mpi.h>

#include <catch2/catch.hpp>

int
main(int argc, char *argv[])
{
  dealii::Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);
  return Catch::Session().run(argc, argv);
}
