// The siswell program: read a parameter file (or use the embedded default
// case), dispatch on the dimension, run.
#include <siswell/io/stop_signals.h>
#include <siswell/simulation/simulation.h>

#include <deal.II/base/exceptions.h>
#include <deal.II/base/mpi.h>
#include <deal.II/base/parameter_handler.h>

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <vector>

namespace
{
  void
  usage()
  {
    std::cout
        << "usage: siswell [--overwrite | --restart] [case.prm]\n"
           "                               run a case (no file: the default case, a silicon\n"
           "                               particle lithiated through its surface); an\n"
           "                               output folder that holds an earlier run's files\n"
           "                               is refused unless --overwrite (which removes them)\n"
           "                               or --restart (which continues that run from its\n"
           "                               newest checkpoint, on any number of ranks)\n"
           "                               SIGTERM/SIGINT: checkpoint after the current step,\n"
           "                               exit status 75\n"
           "       siswell --print-parameters   every parameter with default, range and help\n"
           "       mpirun -np N siswell case.prm\n";
  }

  /**
   * Whether @p bytes look like a text file: no NUL byte and no control
   * character other than tab, newline, carriage return and form feed (UTF-8
   * letters in comments pass; a mesh, an image or an archive does not).
   */
  bool
  is_text(const std::string &bytes)
  {
    for (const char ch : bytes)
      {
        const auto b = static_cast<unsigned char>(ch);
        if (b < 0x20 && b != '\t' && b != '\n' && b != '\r' && b != '\f')
          return false;
        if (b == 0x7f)
          return false;
      }
    return true;
  }

  /// The short message of a deal.II exception, without the source location dump.
  std::string
  message(const dealii::ExceptionBase &e)
  {
    std::ostringstream os;
    e.print_info(os);
    std::string s = os.str();
    while (!s.empty() && (s.back() == '\n' || s.back() == ' '))
      s.pop_back();
    const auto b = s.find_first_not_of(" \n");
    return b == std::string::npos ? std::string(e.get_exc_name()) : s.substr(b);
  }
} // namespace

int
main(int argc, char *argv[])
{
  dealii::Utilities::MPI::MPI_InitFinalize mpi(argc, argv, 1);
  const MPI_Comm                           comm = MPI_COMM_WORLD;
  const bool root = dealii::Utilities::MPI::this_mpi_process(comm) == 0;
  try
    {
      // options, then at most one case file
      bool                     overwrite = false, restart = false;
      std::vector<std::string> args;
      for (int i = 1; i < argc; ++i)
        if (std::string(argv[i]) == "--overwrite")
          overwrite = true;
        else if (std::string(argv[i]) == "--restart")
          restart = true;
        else
          args.emplace_back(argv[i]);
      const std::string        arg = args.empty() ? "" : args[0];
      dealii::ParameterHandler prm;
      if (arg == "--help" || arg == "-h")
        {
          if (root)
            usage();
          return 0;
        }
      if (arg == "--print-parameters")
        {
          siswell::RunParameters::declare_parameters(prm);
          if (root)
            prm.print_parameters(std::cout, dealii::ParameterHandler::PRM);
          return 0;
        }
      if (args.size() > 1 || (!arg.empty() && arg[0] == '-'))
        {
          if (root)
            {
              std::cerr << "siswell: error: unexpected arguments\n";
              usage();
            }
          return 1;
        }
      // every rank reads the file itself and reaches the same verdict
      if (!arg.empty() && std::filesystem::is_directory(arg))
        {
          if (root)
            std::cerr << "siswell: error: '" << arg << "' is a directory, not a parameter file\n";
          return 1;
        }
      if (arg.empty())
        siswell::RunParameters::declare_parameters(prm);
      else
        {
          std::ifstream in(arg);
          if (!in)
            {
              if (root)
                std::cerr << "siswell: error: cannot open parameter file '" << arg << "'\n";
              return 1;
            }
          // the text first: the materials it lists by name decide which
          // subsections exist (RunParameters::declare_parameters)
          std::stringstream text;
          text << in.rdbuf();
          if (!is_text(text.str()))
            {
              if (root)
                std::cerr << "siswell: error: '" << arg << "' is not a parameter file (it holds "
                          << "binary data; a parameter file is text, see siswell "
                          << "--print-parameters)\n";
              return 1;
            }
          try
            {
              siswell::RunParameters::declare_parameters(prm, text.str());
              std::istringstream input(text.str());
              prm.parse_input(input, arg, "", false);
            }
          catch (const dealii::ExceptionBase &e)
            {
              if (root)
                std::cerr << "siswell: error in parameter file '" << arg << "': " << message(e)
                          << std::endl;
              return 1;
            }
          catch (const std::invalid_argument &e)
            {
              if (root)
                std::cerr << "siswell: error in parameter file '" << arg << "': " << e.what()
                          << std::endl;
              return 1;
            }
        }
      // a scheduler's SIGTERM (or Ctrl-C): checkpoint after the current step and stop
      siswell::io::install_stop_signal_handlers();
      return siswell::run_simulation(prm, comm, std::cout, overwrite, restart);
    }
  // unexpected failures may happen on one rank only: every rank reports, and
  // the job is aborted so that the other ranks do not wait forever
  catch (const dealii::ExceptionBase &e)
    {
      std::cerr << "siswell: error on rank " << dealii::Utilities::MPI::this_mpi_process(comm)
                << ": " << message(e) << std::endl;
      MPI_Abort(comm, 3);
      return 3;
    }
  catch (const std::exception &e)
    {
      std::cerr << "siswell: error on rank " << dealii::Utilities::MPI::this_mpi_process(comm)
                << ": " << e.what() << std::endl;
      MPI_Abort(comm, 3);
      return 3;
    }
}
