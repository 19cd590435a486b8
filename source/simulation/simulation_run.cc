// Simulation: the time loop over the load program (stages, adaptive steps,
// history.csv, the ParaView series) and the program's entry run_simulation().
#include <siswell/io/derived_quantities.h>
#include <siswell/io/field_output.h>
#include <siswell/io/interface_output.h>
#include <siswell/io/output_folder.h>
#include <siswell/io/stop_signals.h>
#include <siswell/physics/chemical_potential_term.h>
#include <siswell/physics/interface_terms.h>
#include <siswell/physics/mechanics_term.h>
#include <siswell/physics/transport_term.h>
#include <siswell/simulation/simulation.h>

#include "simulation_outputs.h"

#include <deal.II/base/mpi.h>
#include <deal.II/base/quadrature_lib.h>
#include <deal.II/base/timer.h>
#include <deal.II/base/utilities.h>
#include <deal.II/hp/fe_values.h>
#include <deal.II/hp/mapping_collection.h>

#include <boost/serialization/set.hpp>

#include <cmath>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <optional>
#include <sstream>
#include <stdexcept>

namespace siswell
{
  using namespace dealii;

  template <int dim>
  void
  Simulation<dim>::write_history_row(const io::HistoryRow &row) const
  {
    if (Utilities::MPI::this_mpi_process(comm) != 0)
      return;
    // the header with the first row as one new file, then one whole line per
    // step: a kill leaves no torn row (io::append_line)
    const std::string file = prm.output_directory + "/history.csv";
    if (row.step == 0)
      io::write_atomically(file, [&](std::ostream &o) {
        o << io::HistoryRow::csv_header(row.has_contact, row.has_cohesive, row.has_friction) << '\n'
          << row.csv() << '\n';
      });
    else
      io::append_line(file, row.csv());
  }

  template <int dim>
  void
  Simulation<dim>::print_header() const
  {
    out << "siswell: " << dim << "D "
        << (prm.geometry.coordinate_system == geometry::CoordinateSystem::axisymmetric
                ? "axisymmetric "
            : prm.geometry.coordinate_system == geometry::CoordinateSystem::plane_strain
                ? "plane strain "
                : "")
        << prm.geometry.shape_name << ", " << coupled->triangulation().n_global_active_cells()
        << " cells, " << coupled->n_dofs() << " unknowns, " << Utilities::MPI::n_mpi_processes(comm)
        << " MPI rank(s), " << coupled->linear_solver().name() << ' '
        << prm.linear_solver.method_name() << " solver\n"
        << "         current " << current() << " A (" << current() / capacity() * 3600.
        << " C), output in " << prm.output_directory << "/\n";
    for (const auto &note : prm.notes)
      out << "siswell: note: " << note << '\n';
    out << std::flush;
  }

  template <int dim>
  void
  Simulation<dim>::write_fields(RunClock &clock, Outputs &outputs)
  {
    // every step is written at most once, and the last converged one always
    if (!prm.write_fields || clock.last_output == static_cast<int>(clock.step))
      return;
    Timer timer;
    outputs.fields.write(*coupled, clock.step, clock.time);
    if (contact_term)
      outputs.interface.write(*coupled,
                              *contact_term,
                              cohesive_term.get(),
                              friction_term.get(),
                              gated_flux.get(),
                              clock.step,
                              clock.time);
    clock.last_output = clock.step;
    outputs.seconds += timer.wall_time();
  }

  template <int dim>
  bool
  Simulation<dim>::run()
  {
    const bool root = Utilities::MPI::this_mpi_process(comm) == 0;
    if (root)
      {
        std::error_code error; // checked when parameters.prm was written
        std::filesystem::create_directories(prm.output_directory, error);
      }
    MPI_Barrier(comm);

    Outputs outputs(prm.output_directory, comm);
    print_header();
    RunClock clock;
    if (!resuming)
      {
        io::HistoryRow row   = measure();
        row.stage            = "initial";
        row.lithium_expected = initial_lithium;
        rows.push_back(row);
        write_history_row(row);
        write_fields(clock, outputs);
        clock.dt               = prm.time_stepping.initial_step;
        clock.expected_lithium = initial_lithium;
        clock.soc              = row.state_of_charge;
        clock.stack_pressure   = prm.platen.initial_pressure;
      }
    else
      {
        clock = resume;
        continue_outputs(outputs);
      }
    last_checkpoint_step = resuming ? static_cast<int>(clock.step) : -1;
    stopped_on_signal    = false;
    bool finished        = true;
    while (clock.stage < prm.cycling.stages.size())
      {
        const StageEnd end = run_stage(prm.cycling.stages[clock.stage], clock, outputs);
        if (end == StageEnd::done)
          {
            ++clock.stage;
            clock.stage_begun = false;
            if (!checkpoint_if_due(clock, outputs, true))
              continue;
          }
        finished          = false;
        stopped_on_signal = end != StageEnd::failed;
        break;
      }
    write_fields(clock, outputs); // the last converged state, unless written already

    const double wall = outputs.wall.wall_time();
    out << "siswell: " << clock.step << " steps, t = " << clock.time << " s, SOC " << clock.soc
        << "\n"
        << "timing (s, rank 0): total " << wall << ", assembly " << coupled->assembly_seconds
        << ", linear solve " << coupled->solve_seconds << ", output " << outputs.seconds
        << ", checkpoints " << checkpoint_seconds << "\n";
    return finished;
  }

  template <int dim>
  typename Simulation<dim>::StageEnd
  Simulation<dim>::run_stage(const physics::CyclingStage &stage, RunClock &clock, Outputs &outputs)
  {
    using Kind        = physics::CyclingStage::Kind;
    const double sign = stage.kind == Kind::lithiate     ? 1.
                        : stage.kind == Kind::delithiate ? -1.
                                                         : 0.;
    out << "stage '" << stage.label << "'"
        << (stage.cycle > 0 ? " (cycle " + std::to_string(stage.cycle) + ")" : std::string())
        << (clock.stage_begun ? ", continued from the checkpoint" : "") << "\n";
    if (!clock.stage_begun)
      {
        // the platen program ramps linearly from its value at the stage start
        clock.stage_begun = true;
        clock.stage_start = clock.time;
        clock.ramp_start =
            stage.kind == Kind::move_platen ? coupled->platen_displacement() : clock.stack_pressure;
      }
    const double start = clock.stage_start, ramp_start = clock.ramp_start;
    while (true)
      {
        double remaining;
        if (stage.kind == Kind::rest)
          remaining = stage.target - (clock.time - start);
        else if (stage.timed())
          remaining = stage.duration - (clock.time - start);
        else
          remaining = sign * (stage.target - clock.soc) * lithium_at_full_charge *
                      materials::LithiumCarrier::faraday / current();
        if (remaining <= 1e-9 * std::max(clock.dt, 1.))
          return StageEnd::done;
        const bool   truncated  = remaining <= clock.dt;
        const double this_dt    = truncated ? remaining : clock.dt;
        double       ramp_value = 0.;
        if (stage.kind == Kind::ramp_pressure || stage.kind == Kind::move_platen)
          {
            const double f = std::min(1., (clock.time + this_dt - start) / stage.duration);
            ramp_value     = ramp_start + (stage.target - ramp_start) * (truncated ? 1. : f);
            if (stage.kind == Kind::ramp_pressure)
              coupled->set_platen_load(ramp_value, 0.);
            else
              coupled->set_platen_displacement(ramp_value);
          }
        if (gated_flux && sign != 0.)
          {
            // before the step: lithium must have a path (the leakage floor
            // would otherwise push the whole current through open faces)
            const double f = gated_flux->conducting_fraction(*coupled);
            if (f < prm.contact.minimum_contact_fraction)
              {
                out << "         the silicon has lost its contact with the electrolyte "
                    << "(conducting fraction " << f << " < 'Interface/Minimum contact fraction' = "
                    << prm.contact.minimum_contact_fraction << "): the particle is isolated; "
                    << (prm.contact.stop_when_isolated ? "the run stops" : "the stage ends")
                    << std::endl;
                return prm.contact.stop_when_isolated ? StageEnd::failed : StageEnd::done;
              }
          }
        const auto result = solve_step(this_dt, sign);
        if (!result.converged)
          {
            clock.dt = prm.time_stepping.after_failure(this_dt);
            out << "         step not converged (" << result.reason << "); time step cut to "
                << clock.dt << " s\n";
            if (clock.dt < prm.time_stepping.minimum_step)
              {
                out << "siswell: stopped at t = " << clock.time << " s in stage '" << stage.label
                    << "'"
                    << (stage.cycle > 0 ? " (cycle " + std::to_string(stage.cycle) + ")"
                                        : std::string())
                    << ", step " << clock.step + 1 << ": the time step would fall below "
                    << "'Time stepping/Minimum time step' = " << prm.time_stepping.minimum_step
                    << " s; the last attempt (dt = " << this_dt << " s) failed: " << result.reason
                    << ". Output up to step " << clock.step << " is complete in "
                    << prm.output_directory << "/" << std::endl;
                return StageEnd::failed;
              }
            if (checkpoint_if_due(clock, outputs, false))
              return StageEnd::stopped;
            continue;
          }
        clock.time += this_dt;
        ++clock.step;
        if (stage.kind == Kind::ramp_pressure)
          clock.stack_pressure = ramp_value;
        clock.expected_lithium += sign * current() * this_dt / materials::LithiumCarrier::faraday;
        const io::HistoryRow &row = record_step(stage, clock, this_dt, sign, result);

        const bool cutoff = (sign > 0. && row.max_theta >= prm.cycling.upper_cutoff) ||
                            (sign < 0. && row.min_theta <= prm.cycling.lower_cutoff);
        if (clock.step % prm.output_interval == 0 || cutoff || truncated)
          write_fields(clock, outputs);
        if (!truncated)
          clock.dt = prm.time_stepping.after_success(this_dt, result.hardest_solve_iterations);
        if (prm.adaptivity.enabled() && clock.step % prm.adaptivity.every_steps == 0)
          adapt_mesh(); // after the step's row and fields, which are of the mesh it was solved on
        if (cutoff)
          {
            out << "         state-of-charge cut-off reached; stage ends\n";
            return StageEnd::done;
          }
        if (checkpoint_if_due(clock, outputs, false))
          return StageEnd::stopped;
      }
  }

  template <int dim>
  const io::HistoryRow &
  Simulation<dim>::record_step(const physics::CyclingStage &stage,
                               RunClock                    &clock,
                               const double                 this_dt,
                               const double                 sign,
                               const solvers::NewtonResult &result)
  {
    io::HistoryRow row         = measure();
    row.step                   = clock.step;
    row.time                   = clock.time;
    row.time_step              = this_dt;
    row.stage                  = stage.label;
    row.cycle                  = stage.cycle;
    row.lithium_expected       = clock.expected_lithium;
    row.current                = sign * current();
    row.newton_iterations      = result.iterations;
    row.linear_iterations      = result.linear_iterations;
    row.newton_residual        = result.residuals.back();
    row.contact_updates        = contact_updates;
    row.contact_status_changes = contact_changes;
    if (gated_flux) // q ∫ φ dA over the step (backward Euler, as the flux itself)
      interface_lithium += row.interface_flux_density *
                           (row.conducting_fraction + physics::ContactGatedFlux<dim>::leakage) *
                           gated_flux->area * this_dt;
    row.interface_lithium = interface_lithium;
    clock.soc             = row.state_of_charge;
    rows.push_back(row);
    write_history_row(row);
    out << "step " << std::setw(4) << clock.step << "  t = " << std::setw(10)
        << std::setprecision(5) << clock.time << " s  SOC " << std::setprecision(4) << std::fixed
        << clock.soc << std::defaultfloat << "  Newton " << result.iterations << "  |R| "
        << std::setprecision(2) << std::scientific << row.newton_residual << std::defaultfloat
        << std::setprecision(6) << "  dt " << this_dt << " s";
    if (coupled->has_platen())
      out << "  p " << std::setprecision(4) << row.stack_pressure / 1e6 << " MPa  w "
          << row.platen_displacement * 1e9 << " nm" << std::setprecision(6);
    if (row.has_contact)
      out << "  contact " << std::setprecision(4) << 100. * row.contact_fraction << " % p "
          << row.mean_contact_pressure / 1e6 << " MPa (" << contact_updates << " updates, "
          << contact_changes << " flips)" << std::setprecision(6);
    if (row.has_friction)
      out << "  slipping " << std::setprecision(4) << 100. * row.slip_fraction << " %"
          << std::setprecision(6);
    if (row.has_cohesive)
      out << "  bonded " << std::setprecision(4) << 100. * row.bonded_fraction << " % D_max "
          << row.max_damage << std::setprecision(6);
    if (gated_flux)
      out << "  conducting " << std::setprecision(4) << 100. * row.conducting_fraction << " %"
          << std::setprecision(6);
    // flushed: a cluster job's log file shows every step as it happens
    out << std::endl;
    if (row.has_contact && row.max_relative_slip > 0.25 && !slip_warned)
      {
        // once per run: the pairing of the two sides is the reference one
        slip_warned = true;
        out << "warning: a closed pair of the interface has slid " << std::setprecision(3)
            << row.max_relative_slip << " of its face size against the other side; the contact "
            << "pairs are fixed in the reference configuration (small sliding), which holds only "
            << "while this is well below 1 (doc/theory.md §5e)" << std::setprecision(6)
            << std::endl;
      }
    return rows.back();
  }

  namespace
  {
    /// Parameters a restart may change: how the run goes on, not what its
    /// checkpoint holds (the stages of 'Cycling' are compared one by one by
    /// Simulation::setup_from_checkpoint()).
    bool
    safe_to_change(const std::string &key)
    {
      for (const std::string prefix : {"Output/",
                                       "Time stepping/",
                                       "Newton/",
                                       "Linear solver/",
                                       "Checkpoint/",
                                       "Cycling/",
                                       "Adaptive refinement/"})
        if (key.rfind(prefix, 0) == 0)
          return true;
      for (const std::string entry : {"Interface/Penetration tolerance",
                                      "Interface/Maximum multiplier updates",
                                      "Interface/Minimum contact fraction",
                                      "Interface/When isolated"})
        if (key == entry)
          return true;
      return false;
    }

    /// The newest checkpoint of the output folder and the parameters of the run
    /// that wrote it, compared with @p prm: std::invalid_argument naming the
    /// first parameter that must not change. Returns the folder.
    std::string
    checkpoint_to_restart_from(const RunParameters &p, ParameterHandler &prm, const MPI_Comm comm)
    {
      std::string folder, earlier;
      if (Utilities::MPI::this_mpi_process(comm) == 0)
        {
          folder = io::newest_checkpoint(p.output_directory);
          std::ifstream     in(folder + "/parameters.prm");
          std::stringstream text;
          text << in.rdbuf();
          earlier = text.str();
        }
      folder  = Utilities::MPI::broadcast(comm, folder, 0);
      earlier = Utilities::MPI::broadcast(comm, earlier, 0);
      if (folder.empty())
        throw std::invalid_argument("--restart: the output folder 'Output/Directory' = '" +
                                    p.output_directory +
                                    "' holds no complete checkpoint "
                                    "(a run writes checkpoint_N folders there as its "
                                    "subsection 'Checkpoint' says)");
      std::ostringstream now;
      prm.print_parameters(now, ParameterHandler::ShortPRM);
      const auto before = io::flatten_parameters(earlier),
                 after  = io::flatten_parameters(now.str());
      for (const auto &[key, value] : before)
        {
          const auto it = after.find(key);
          if (it != after.end() && it->second != value && !safe_to_change(key))
            throw std::invalid_argument(
                "restart refused: parameter '" + key + "' was '" + value +
                "' in the run that "
                "wrote " +
                folder + " and is '" + it->second +
                "' now; the checkpoint holds that "
                "run's mesh, materials and interfaces (what may change: 'Output', 'Time "
                "stepping', 'Newton', 'Linear solver', 'Checkpoint', and in 'Cycling' the stages "
                "after the one the checkpoint is in)");
        }
      return folder;
    }

    template <int dim>
    int
    run_in(const RunParameters &p,
           ParameterHandler    &prm,
           const MPI_Comm       comm,
           std::ostream        &log,
           const bool           overwrite,
           const bool           restart)
    {
      Simulation<dim>                 simulation(p, comm, log);
      std::optional<io::OutputFolder> folder;
      std::string                     restart_note;
      if (!restart)
        {
          simulation.setup(); // bad input throws here, before any file is written
          // held to the end of the run: no second run writes into this folder
          folder.emplace(p.output_directory, overwrite, comm);
          if (folder->n_removed() > 0 && Utilities::MPI::this_mpi_process(comm) == 0)
            log << "siswell: --overwrite: removed " << folder->n_removed() << " files of an "
                << "earlier run from " << p.output_directory << "/" << std::endl;
        }
      else
        {
          // the folder first: no other run may replace the checkpoint meanwhile
          folder.emplace(p.output_directory, false, comm, true);
          const std::string checkpoint = checkpoint_to_restart_from(p, prm, comm);
          simulation.setup_from_checkpoint(checkpoint);
          restart_note = "# siswell: restarted from " + checkpoint + " on " +
                         std::to_string(Utilities::MPI::n_mpi_processes(comm)) +
                         " MPI rank(s) at " + Utilities::System::get_date() + " " +
                         Utilities::System::get_time() + "\n";
        }
      int ok = 1;
      if (Utilities::MPI::this_mpi_process(comm) == 0)
        try
          {
            // a restart keeps the record of the earlier restarts
            const std::string file = p.output_directory + "/parameters.prm";
            std::string       notes;
            if (restart)
              {
                std::ifstream in(file);
                for (std::string line; std::getline(in, line);)
                  if (line.rfind("# siswell: restarted", 0) == 0)
                    notes += line + "\n";
                notes += restart_note;
              }
            io::write_atomically(file, [&](std::ostream &o) {
              o << notes;
              prm.print_parameters(o, ParameterHandler::PRM);
            });
          }
        catch (const std::runtime_error &)
          {
            ok = 0;
          }
      if (Utilities::MPI::broadcast(comm, ok, 0) == 0)
        throw std::invalid_argument("cannot write to 'Output/Directory' = '" + p.output_directory +
                                    "'");
      if (simulation.run())
        return 0;
      return simulation.stopped_by_signal() ? io::exit_status_stopped_by_signal : 2;
    }
  } // namespace

  int
  run_simulation(ParameterHandler &prm,
                 const MPI_Comm    comm,
                 std::ostream     &log,
                 const bool        overwrite,
                 const bool        restart)
  {
    RunParameters p;
    try
      {
        p.parse(prm);
        if (overwrite && restart)
          throw std::invalid_argument("--overwrite and --restart exclude each other");
        if (p.geometry.dimension() == 2)
          return run_in<2>(p, prm, comm, log, overwrite, restart);
        return run_in<3>(p, prm, comm, log, overwrite, restart);
      }
    catch (const std::invalid_argument &e)
      {
        if (Utilities::MPI::this_mpi_process(comm) == 0)
          std::cerr << "siswell: error: " << e.what() << std::endl;
        return 1;
      }
  }

  template class Simulation<2>;
  template class Simulation<3>;
} // namespace siswell
