// A driver program of your own, built against an installed siswell.
//
// The `siswell` program reads a parameter file and calls Simulation::run(),
// which owns the time loop. Here we own the loop ourselves: we set up a case
// in code, take backward-Euler steps one at a time with solve_step(), print
// what we want after each step, and finally check a result (the lithium
// balance) against the charge we passed.
#include <siswell/materials/active_material.h>
#include <siswell/simulation/run_parameters.h>
#include <siswell/simulation/simulation.h>

#include <deal.II/base/conditional_ostream.h>
#include <deal.II/base/mpi.h>
#include <deal.II/base/parameter_handler.h>

#include <cmath>
#include <exception>
#include <iomanip>
#include <iostream>

int
main(int argc, char *argv[])
{
  // 1. MPI (deal.II initialises and finalises it; one thread per rank).
  dealii::Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);
  const MPI_Comm                           comm = MPI_COMM_WORLD;
  dealii::ConditionalOStream pout(std::cout, dealii::Utilities::MPI::this_mpi_process(comm) == 0);

  try
    {
      // 2. Declare every parameter siswell knows (with its default), then
      //    override a few, exactly as a parameter file would.
      dealii::ParameterHandler prm;
      siswell::RunParameters::declare_parameters(prm);
      prm.parse_input_from_string(R"(
        subsection Geometry
          set Coordinate system  = axisymmetric
          set Shape              = particle
          set Symmetry           = quarter
          set Particle radius    = 0.5e-6
          set Global refinements = 2
        end
        subsection Output
          set Write fields = false
          set Directory    = custom-driver-output
        end
      )");
      siswell::RunParameters parameters;
      parameters.parse(prm); // throws std::invalid_argument naming a bad parameter

      // 3. Build the simulation (2D: axisymmetric) and set it up: mesh,
      //    materials, unknowns. Nothing is solved and no file is written.
      siswell::Simulation<2> simulation(parameters, comm, std::cout);
      simulation.setup();

      // measure() integrates the current solution; it is valid only after
      // setup(). Its time and step fields are not filled in: we keep our own.
      const siswell::io::HistoryRow initial = simulation.measure();
      const double                  F       = siswell::materials::ActiveMaterial::faraday;
      const double                  I       = simulation.current(); // A, from the C-rate
      pout << "current " << I << " A, capacity " << simulation.capacity() << " C, initial SOC "
           << initial.state_of_charge << "\n\n"
           << "  step      t (s)      SOC      V/V0 - 1\n";

      // 4. Our own time loop: lithiate (+1) at constant dt until SOC >= 0.1.
      double       t    = 0.;
      double       dt   = 20.;
      unsigned int step = 0;
      auto         now  = initial;
      while (now.state_of_charge < 0.1)
        {
          const auto result = simulation.solve_step(dt, +1.);
          if (!result.converged) // the last converged state was restored: retry smaller
            {
              dt /= 2.;
              pout << "  Newton failed (" << result.reason << "), dt -> " << dt << " s\n";
              if (dt < 1e-3)
                return 2;
              continue;
            }
          t += dt;
          ++step;
          now = simulation.measure();
          pout << std::setw(6) << step << std::setw(11) << t << std::fixed << std::setprecision(5)
               << std::setw(10) << now.state_of_charge << std::scientific << std::setprecision(4)
               << std::setw(13) << now.volume_change << std::defaultfloat << std::setprecision(6)
               << '\n';
        }

      // 5. Read a result back: all lithium that entered is the charge passed / F.
      const double expected = initial.lithium + I * t / F;
      const double relative = std::abs(now.lithium - expected) / std::abs(expected);
      pout << std::setprecision(15) << "\nlithium in the particle  " << now.lithium << " mol\n"
           << "initial + I t / F        " << expected << " mol\n"
           << std::setprecision(3) << "relative difference      " << relative << '\n';
      if (!(relative <= 1e-10))
        {
          pout << "custom_driver: lithium balance violated\n";
          return 1;
        }
      pout << "custom_driver: lithium balance holds\n";
      return 0;
    }
  catch (const std::exception &e) // bad input, or a deal.II error
    {
      std::cerr << "custom_driver: error: " << e.what() << std::endl;
      return 3;
    }
}
