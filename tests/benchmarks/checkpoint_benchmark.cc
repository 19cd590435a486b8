// Checkpoint benchmark: the state of the plastic 3D pillar (mesh, solution and
// old solution, quadrature-point history) saved as a checkpoint holds it
// (Simulation::save_state) and read back into a fresh simulation
// (Simulation::setup_from_saved_state), on the ranks of the run. Appends one
// CSV row:
//   case, ranks, refinement, cells, unknowns, history_points, setup_s,
//   write_s, read_s, size_MB, write_MB_per_s
// setup_s is a fresh setup(); read_s is setup_from_saved_state(), i.e. the
// same setup plus loading the mesh and unpacking the state, so read_s - setup_s
// is what reading costs. The state read back is checked against the one
// saved (solution norms, history points). Times are the slowest rank's.
//
// usage: [mpirun -np N] checkpoint_benchmark out.csv folder refinement
// (refinement 3: 1 027 397 unknowns). Run on demand, never as a timed test.
#include <siswell/simulation/simulation.h>

#include <deal.II/base/mpi.h>
#include <deal.II/base/timer.h>
#include <deal.II/base/utilities.h>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

using namespace dealii;

int
main(int argc, char *argv[])
{
  Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);
  const MPI_Comm                   comm = MPI_COMM_WORLD;
  const bool                       root = Utilities::MPI::this_mpi_process(comm) == 0;
  if (argc < 4)
    {
      std::cerr << "usage: checkpoint_benchmark out.csv folder refinement\n";
      return 1;
    }
  const std::string  csv = argv[1], folder = argv[2];
  const unsigned int refinement = std::stoi(argv[3]);
  try
    {
      std::ostringstream text;
      text << "subsection Geometry\n  set Coordinate system = 3d\n  set Shape = pillar\n"
           << "  set Symmetry = quarter\n  set Pillar height = 6e-6\n  set Global refinements = "
           << refinement << "\nend\n"
           << "subsection Boundary conditions\n  set Symmetry planes = x0, y0\n"
           << "  set Fixed displacement = bottom: z\n  set Lithium flux boundaries = surface, "
           << "side\nend\n"
           << "subsection Materials\n  subsection Active material\n    set Preset = amorphous "
           << "Si\n  end\nend\n"
           << "subsection Linear solver\n  set Backend = Trilinos\n  set Method = iterative\n"
           << "end\n";
      ParameterHandler prm;
      siswell::RunParameters::declare_parameters(prm);
      prm.parse_input_from_string(text.str());
      siswell::RunParameters p;
      p.parse(prm);
      std::ostringstream log;

      if (root)
        {
          std::filesystem::remove_all(folder);
          std::filesystem::create_directories(folder);
        }
      MPI_Barrier(comm);
      siswell::Simulation<3> saved(p, comm, log);
      Timer                  timer;
      saved.setup();
      const double setup = Utilities::MPI::max(timer.wall_time(), comm);
      MPI_Barrier(comm);
      timer.restart();
      saved.save_state(folder + "/mesh");
      const double write = Utilities::MPI::max(timer.wall_time(), comm);

      double size = 0.;
      if (root)
        for (const auto &f : std::filesystem::directory_iterator(folder))
          size += f.file_size() / 1e6;

      siswell::Simulation<3> loaded(p, comm, log);
      MPI_Barrier(comm);
      timer.restart();
      loaded.setup_from_saved_state(folder + "/mesh");
      const double read = Utilities::MPI::max(timer.wall_time(), comm);

      // what was read is what was saved
      const auto points = [&](siswell::Simulation<3> &s) {
        return Utilities::MPI::sum(s.problem().quadrature_point_history().n_points(), comm);
      };
      const double a      = saved.problem().solution().l2_norm(),
                   b      = loaded.problem().solution().l2_norm();
      const auto n_points = points(saved);
      // the same partition and numbering on the same ranks: the same norm to round-off
      AssertThrow(std::abs(a - b) <= 1e-14 * a && n_points == points(loaded) &&
                      saved.problem().n_dofs() == loaded.problem().n_dofs(),
                  ExcMessage("the state read back differs from the one saved"));

      const unsigned int ranks = Utilities::MPI::n_mpi_processes(comm);
      const auto         n     = saved.problem().n_dofs();
      const auto         cells = saved.problem().triangulation().n_global_active_cells();
      if (root)
        {
          const bool    header = !std::ifstream(csv);
          std::ofstream out(csv, std::ios::app);
          if (header)
            out << "case,ranks,refinement,cells,unknowns,history_points,setup_s,write_s,read_s,"
                   "size_MB,write_MB_per_s\n";
          out << "3d_pillar_plastic," << ranks << ',' << refinement << ',' << cells << ',' << n
              << ',' << n_points << ',' << setup << ',' << write << ',' << read << ',' << size
              << ',' << size / write << std::endl;
          std::cout << "3d_pillar_plastic ref " << refinement << ", " << ranks << " rank(s): " << n
                    << " unknowns, " << cells << " cells: setup " << setup << " s, write " << write
                    << " s, read (setup included) " << read << " s, " << size << " MB" << std::endl;
        }
    }
  catch (const std::exception &e)
    {
      std::cerr << "checkpoint_benchmark: " << e.what() << std::endl;
      return 1;
    }
  return 0;
}
