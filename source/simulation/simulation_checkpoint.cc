// Simulation: checkpoints of a run (when they are due, what they hold) and
// the restart from one, on any number of ranks. What a checkpoint folder
// holds: `mesh*` (the p4est forest with the solution, the committed
// quadrature-point history and the interface state attached to its cells),
// `history.csv` and `parameters.prm` as they were at its step, and
// `state.txt` (io::CheckpointRecord: the run's position, the global
// unknowns, the ParaView series), written last.
#include <siswell/io/output_folder.h>
#include <siswell/io/stop_signals.h>
#include <siswell/simulation/simulation.h>

#include "simulation_outputs.h"

#include <deal.II/base/mpi.h>
#include <deal.II/base/utilities.h>

#include <csignal>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <sstream>
#include <stdexcept>

namespace siswell
{
  using namespace dealii;

  namespace
  {
    /// "time file" of a series entry, exactly.
    std::string
    series_entry(const std::pair<double, std::string> &e)
    {
      return io::CheckpointRecord::exact(e.first) + " " + e.second;
    }

    std::vector<std::pair<double, std::string>>
    series_from(const std::vector<std::string> &entries)
    {
      std::vector<std::pair<double, std::string>> series;
      for (const auto &e : entries)
        {
          const auto space = e.find(' ');
          series.emplace_back(std::strtod(e.c_str(), nullptr), e.substr(space + 1));
        }
      return series;
    }

    /// A stage as the checkpoint compares it: its cycle and label.
    std::string
    stage_entry(const physics::CyclingStage &stage)
    {
      return std::to_string(stage.cycle) + " " + stage.label;
    }
  } // namespace

  template <int dim>
  std::vector<physics::InterfacePointState *>
  Simulation<dim>::interface_states() const
  {
    std::vector<physics::InterfacePointState *> states;
    if (contact_term)
      states.push_back(contact_term.get());
    if (friction_term)
      states.push_back(friction_term.get());
    if (cohesive_term)
      states.push_back(cohesive_term.get());
    return states;
  }

  template <int dim>
  bool
  Simulation<dim>::checkpoint_if_due(RunClock &clock, Outputs &outputs, const bool stage_end)
  {
    const bool root = Utilities::MPI::this_mpi_process(comm) == 0;
    // rank 0's clock decides the wall-time trigger (the others give 0 to the
    // maximum); a signal on any rank counts
    int flags[2] = {io::stop_signal() != 0 ? 1 : 0, 0};
    if (root)
      {
        const auto &c = prm.checkpoint;
        flags[1]      = (stage_end && c.at_stage_end) ||
                   (!stage_end && c.every_steps > 0 && clock.step % c.every_steps == 0) ||
                   (c.every_seconds > 0. &&
                    outputs.wall.wall_time() - last_checkpoint_wall >= c.every_seconds);
      }
    Utilities::MPI::max(ArrayView<const int>(flags, 2), comm, ArrayView<int>(flags, 2));
    const bool stop = flags[0] != 0;
    // one checkpoint per step: a stage that ends with the step that was just
    // checkpointed restarts from that one and ends at once
    if ((stop || flags[1]) && static_cast<int>(clock.step) != last_checkpoint_step)
      {
        if (stop)
          write_fields(clock, outputs); // the series ends where the checkpoint is
        write_checkpoint(clock, outputs);
        last_checkpoint_step = clock.step;
        last_checkpoint_wall = outputs.wall.wall_time();
      }
    if (stop)
      out << "siswell: stopped by " << (io::stop_signal() == SIGINT ? "SIGINT" : "SIGTERM")
          << " at t = " << clock.time << " s, step " << clock.step << "; continue with "
          << "'siswell <case.prm> --restart' (on any number of MPI ranks) from "
          << prm.output_directory << "/" << io::checkpoint_folder_name(last_checkpoint_step)
          << std::endl;
    return stop;
  }

  template <int dim>
  void
  Simulation<dim>::write_checkpoint(const RunClock &clock, const Outputs &outputs)
  {
    namespace fs = std::filesystem;
    Timer           timer;
    const bool      root  = Utilities::MPI::this_mpi_process(comm) == 0;
    const auto      name  = io::checkpoint_folder_name(clock.step);
    const auto      final = prm.output_directory + "/" + name;
    const auto      temp  = final + ".siswell-tmp";
    std::error_code error;
    if (root)
      {
        fs::remove_all(temp, error);
        fs::create_directories(temp, error);
      }
    if (Utilities::MPI::broadcast(comm, static_cast<int>(root && !fs::is_directory(temp)), 0))
      {
        out << "warning: cannot create the checkpoint folder " << temp << ": " << error.message()
            << "; the run goes on without this checkpoint" << std::endl;
        return;
      }
    MPI_Barrier(comm);
    save_state(temp + "/mesh");

    // collective: the energy the bond has dissipated so far, summed over the ranks
    const double dissipated =
        cohesive_term ? cohesive_term->summary(*coupled).dissipated_energy : 0.;
    std::string failure;
    if (root)
      try
        {
          io::CheckpointRecord r;
          r.set("format", "siswell checkpoint 1");
          r.set("dimension", std::to_string(dim));
          r.set("ranks", std::to_string(Utilities::MPI::n_mpi_processes(comm)));
          r.set("step", std::to_string(clock.step));
          r.set("time", clock.time);
          r.set("time step", clock.dt);
          r.set("expected lithium", clock.expected_lithium);
          r.set("state of charge", clock.soc);
          r.set("stack pressure", clock.stack_pressure);
          r.set("stage", std::to_string(clock.stage));
          r.set("stage begun", clock.stage_begun ? "1" : "0");
          r.set("stage start", clock.stage_start);
          r.set("ramp start", clock.ramp_start);
          r.set("last output", std::to_string(clock.last_output));
          r.set("interface lithium", interface_lithium);
          r.set("slip warned", slip_warned ? "1" : "0");
          // the reference measures of the run's first mesh (an adapted mesh's differ)
          r.set("active volume", active_volume);
          r.set("full charge", lithium_at_full_charge);
          r.set("capacity", lithium_capacity);
          r.set("initial volume", initial_volume);
          r.set("initial lithium", initial_lithium);
          r.set("platen pressure", coupled->platen_load().first);
          r.set("platen stiffness", coupled->platen_load().second);
          for (unsigned int s = 0;
               s < prm.cycling.stages.size() && s < clock.stage + (clock.stage_begun ? 1 : 0);
               ++s)
            r.add("stage entry", stage_entry(prm.cycling.stages[s]));
          const auto &g = coupled->global_scalars();
          for (unsigned int k = 0; k < g.size(); ++k)
            r.add("scalar", io::CheckpointRecord::exact(g.value(k)) + " " + g.name(k));
          for (const auto &e : outputs.fields.series())
            r.add("solution series", series_entry(e));
          for (const auto &e : outputs.interface.series())
            r.add("interface series", series_entry(e));
          for (const auto &file : {"history.csv", "parameters.prm"})
            if (fs::exists(prm.output_directory + "/" + file))
              fs::copy_file(prm.output_directory + "/" + file, temp + "/" + file);
          r.set("dissipated energy", dissipated);
          io::write_atomically(temp + "/state.txt", [&](std::ostream &o) { r.write(o); });
          io::publish_checkpoint(prm.output_directory, temp, final);
        }
      catch (const std::exception &e)
        {
          failure = e.what();
        }
    failure              = Utilities::MPI::broadcast(comm, failure, 0);
    const double seconds = timer.wall_time();
    checkpoint_seconds += seconds;
    if (!failure.empty())
      {
        out << "warning: the checkpoint of step " << clock.step << " could not be written ("
            << failure << "); the run goes on without it" << std::endl;
        return;
      }
    std::uintmax_t bytes = 0;
    if (root)
      for (const auto &f : fs::directory_iterator(final, error))
        bytes += f.is_regular_file() ? f.file_size() : 0;
    out << "         checkpoint of step " << clock.step << " written to " << final << "/ ("
        << std::setprecision(3) << bytes / 1e6 << " MB, " << seconds << " s)"
        << std::setprecision(6) << std::endl;
  }

  template <int dim>
  void
  Simulation<dim>::save_state(const std::string &file)
  {
    std::vector<const physics::InterfacePointState *> states;
    for (const auto *s : interface_states())
      states.push_back(s);
    coupled->save_checkpoint(file, states);
  }

  template <int dim>
  void
  Simulation<dim>::setup_from_saved_state(const std::string &file)
  {
    setup_system(file);
    coupled->load_checkpoint_state(interface_states());
  }

  template <int dim>
  void
  Simulation<dim>::setup_from_checkpoint(const std::string &folder)
  {
    // rank 0 reads, every rank parses the same text
    std::string text, error;
    if (Utilities::MPI::this_mpi_process(comm) == 0)
      {
        std::ifstream     in(folder + "/state.txt");
        std::stringstream s;
        s << in.rdbuf();
        text = s.str();
        if (!in)
          error = "cannot read the checkpoint record '" + folder + "/state.txt'";
      }
    error = Utilities::MPI::broadcast(comm, error, 0);
    if (!error.empty())
      throw std::invalid_argument(error);
    text                         = Utilities::MPI::broadcast(comm, text, 0);
    const io::CheckpointRecord r = io::CheckpointRecord::parse(text, folder + "/state.txt");
    if (r.text("format") != "siswell checkpoint 1")
      throw std::invalid_argument("the checkpoint '" + folder + "' has the format '" +
                                  r.text("format") + "', which this siswell cannot read");
    if (r.text("dimension") != std::to_string(dim))
      throw std::invalid_argument("the checkpoint '" + folder + "' is of a " + r.text("dimension") +
                                  "D run; the parameters give a " + std::to_string(dim) + "D one");
    // the stages up to the checkpoint's position must be the ones it ran
    const auto done = r.list("stage entry");
    for (unsigned int s = 0; s < done.size(); ++s)
      if (s >= prm.cycling.stages.size() || stage_entry(prm.cycling.stages[s]) != done[s])
        throw std::invalid_argument(
            "restart refused: stage " + std::to_string(s + 1) +
            " of the load program ('Cycling') "
            "was '" +
            done[s].substr(done[s].find(' ') + 1) + "' in the run that wrote " + folder +
            (s < prm.cycling.stages.size() ? ", and is '" + prm.cycling.stages[s].label + "' now"
                                           : ", and is missing now") +
            "; the stages up to the one the checkpoint is in must stay as they were (later "
            "ones may change)");

    resume.time             = r.number("time");
    resume.dt               = r.number("time step");
    resume.expected_lithium = r.number("expected lithium");
    resume.soc              = r.number("state of charge");
    resume.stack_pressure   = r.number("stack pressure");
    resume.step             = static_cast<unsigned int>(r.number("step"));
    resume.stage            = static_cast<unsigned int>(r.number("stage"));
    resume.stage_begun      = r.text("stage begun") == "1";
    resume.stage_start      = r.number("stage start");
    resume.ramp_start       = r.number("ramp start");
    resume.last_output      = static_cast<int>(r.number("last output"));

    setup_from_saved_state(folder + "/mesh");
    coupled->set_platen_load(r.number("platen pressure"), r.number("platen stiffness"));
    if (cohesive_term)
      cohesive_term->set_dissipated_energy(r.number("dissipated energy"), comm);
    interface_lithium      = r.number("interface lithium");
    active_volume          = r.number("active volume");
    lithium_at_full_charge = r.number("full charge");
    lithium_capacity       = r.number("capacity");
    initial_volume         = r.number("initial volume");
    initial_lithium        = r.number("initial lithium");
    set_scales(); // of the run's first mesh, as the run had them (sets q's start value too)
    auto &g = coupled->global_scalars();
    for (const auto &e : r.list("scalar"))
      {
        const auto space = e.find(' ');
        g.set_value(g.index(e.substr(space + 1)), std::strtod(e.c_str(), nullptr));
      }
    g.commit();
    slip_warned   = r.text("slip warned") == "1";
    resume_record = r;
    resume_folder = folder;
    resuming      = true;
  }

  template <int dim>
  void
  Simulation<dim>::continue_outputs(Outputs &outputs)
  {
    namespace fs = std::filesystem;
    std::string failure;
    if (Utilities::MPI::this_mpi_process(comm) == 0)
      try
        {
          // history.csv as it was at the checkpoint: the rows a killed run wrote
          // after it are written again by this one
          const std::string history = prm.output_directory + "/history.csv";
          io::write_atomically(history, [&](std::ostream &o) {
            std::ifstream in(resume_folder + "/history.csv");
            o << in.rdbuf();
          });
          io::remove_outputs_after(prm.output_directory, resume.step);
        }
      catch (const std::exception &e)
        {
          failure = e.what();
        }
    failure = Utilities::MPI::broadcast(comm, failure, 0);
    if (!failure.empty())
      throw std::runtime_error("restart: " + failure);
    outputs.fields.continue_series(series_from(resume_record.list("solution series")));
    outputs.interface.continue_series(series_from(resume_record.list("interface series")));
    MPI_Barrier(comm);
    out << "siswell: restarted from " << resume_folder << "/ (written on "
        << resume_record.text("ranks") << " MPI rank(s)): step " << resume.step
        << ", t = " << resume.time << " s, SOC " << resume.soc << std::endl;
  }

  template class Simulation<2>;
  template class Simulation<3>;
} // namespace siswell
