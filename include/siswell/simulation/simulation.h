#pragma once

#include <siswell/io/checkpoint.h>
#include <siswell/io/history.h>
#include <siswell/physics/boundary_terms.h>
#include <siswell/physics/cohesive_interface.h>
#include <siswell/physics/contact_friction.h>
#include <siswell/physics/contact_gated_flux.h>
#include <siswell/physics/contact_interface.h>
#include <siswell/physics/coupled_problem.h>
#include <siswell/physics/interface_terms.h>
#include <siswell/simulation/run_parameters.h>

#include <deal.II/base/conditional_ostream.h>

#include <functional>
#include <memory>
#include <ostream>
#include <vector>

namespace siswell
{
  /**
   * A whole run: mesh, materials, the coupled problem, galvanostatic stages
   * with adaptive time steps, ParaView output and history.csv. This is what
   * the `siswell` program does and what a user's driver program can call
   * step by step (see examples/custom_driver).
   */
  template <int dim> class Simulation
  {
  public:
    /// Progress lines go to @p log on rank 0.
    Simulation(const RunParameters &parameters, const MPI_Comm comm, std::ostream &log);

    /**
     * Build the mesh, check that every material and boundary id the
     * parameters name exists (and that every material id of the mesh has a
     * material), and set up the system. Throws std::invalid_argument naming
     * the parameter or file. Writes no file.
     */
    void
    setup();

    /// A user's own weak-form terms, added to those of the built-in physics
    /// (call before setup()). An interface term names its Interface; the
    /// built-in one is "interface" (lithium-carrying material on side 0,
    /// the inert solids on side 1).
    void
    add_cell_term(std::shared_ptr<const physics::CellTerm<dim>> term);
    void
    add_boundary_term(std::shared_ptr<const physics::BoundaryTerm<dim>> term);
    void
    add_interface_term(std::shared_ptr<const physics::InterfaceTerm<dim>> term);

    /**
     * A user's own global scalar unknown (call before setup()): @p name,
     * initial value (SI), unknown and residual scales (the units of the
     * scalar and of its equation in the scaled linear system) and the field
     * whose Newton norm its equation's residual joins (see
     * physics::GlobalScalars). Returns its index in
     * problem().global_scalars(), which the terms that depend on it or own
     * its equation use with PointData::border. The user's scalars come
     * first, in the order of the calls; the built-in ones (the out-of-plane
     * stretch) after them.
     */
    unsigned int
    add_global_scalar(const std::string &name,
                      const double       value,
                      const double       unknown_scale,
                      const double       residual_scale,
                      const Field        norm_field);

    /**
     * Instead of setup(): continue the run whose checkpoint is the folder
     * @p folder (io::newest_checkpoint() of the output folder), on any
     * number of ranks. Builds the mesh from the checkpoint's refinement,
     * sets the system up and restores the solution, the quadrature-point
     * history, the interface state, the global unknowns and the run's
     * position (stage, stage-local clock, step size, the series of
     * history.csv and the ParaView output); run() then goes on from there.
     * Throws std::invalid_argument when the checkpoint does not fit the
     * parameters (a stage before the checkpoint's position changed, another
     * dimension) or cannot be read. Writes no file.
     */
    void
    setup_from_checkpoint(const std::string &folder);

    /**
     * Save the state of the system: the mesh with its refinement, the current
     * and last converged solution, the committed quadrature-point history and
     * the interface state, into files whose names begin with @p file
     * (CoupledProblem::save_checkpoint(); collective; call after a converged
     * step). The part of a checkpoint that scales with the mesh; for drivers
     * with a time loop of their own (they keep their clock and the global
     * scalars, problem().global_scalars(), themselves) and benchmarks.
     */
    void
    save_state(const std::string &file);

    /// As setup(), with the mesh and the state of save_state()'s @p file, on
    /// any number of ranks (the global scalars keep their initial values).
    void
    setup_from_saved_state(const std::string &file);

    /**
     * Run all stages, writing output to the output directory. Returns true
     * when all stages finished, false when the time step fell below the
     * minimum (the output written until then stays valid) or when the run
     * was asked to stop (stopped_by_signal()). Writes checkpoints as
     * 'Checkpoint' says. After setup_from_checkpoint() it continues the
     * earlier run: history.csv and the ParaView series are cut back to the
     * checkpoint's step and go on from there.
     */
    bool
    run();

    /// True if the last run() stopped because of SIGTERM or SIGINT
    /// (io::stop_signal()), after writing a checkpoint of its last step.
    bool
    stopped_by_signal() const
    {
      return stopped_on_signal;
    }

    /**
     * One backward-Euler step of length @p dt (s) with the galvanostatic
     * current times @p direction (+1 lithiate, −1 delithiate, 0 rest). On
     * convergence the step is committed; otherwise the last converged state
     * is restored. Does not write output.
     */
    solvers::NewtonResult
    solve_step(const double dt, const double direction);

    /**
     * Refine and coarsen the mesh now, as 'Adaptive refinement' says (its
     * indicator, fractions and levels; run() calls it every 'Every steps'
     * steps), carrying the solution and the history to the new mesh and
     * putting the lithium inventory back exactly (collective; after a
     * converged step). For drivers that step with solve_step().
     */
    void
    adapt_mesh();

    /// Rows of history.csv written by this process (after setup_from_checkpoint(): from the restart
    /// on).
    const std::vector<io::HistoryRow> &
    history() const;

    /// Integrals and extremes of the current solution (time and step fields unset).
    io::HistoryRow
    measure() const;

    /// The coupled problem (for drivers and tests).
    physics::CoupledProblem<dim> &
    problem();

    /// The contact term of the interface ('Interface/Mode' = contact), else nullptr.
    const physics::ContactInterface<dim> *
    contact() const;

    /// Coulomb friction on the interface ('Interface/Friction coefficient' > 0), else nullptr.
    const physics::ContactFriction<dim> *
    friction() const;

    /// The cohesive bond of the interface ('Interface/Mode' = cohesive), else nullptr.
    const physics::CohesiveInterface<dim> *
    cohesive() const;

    /// Capacity (c_max − c_0) V_active F of the active material (C; per m in plane strain).
    double
    capacity() const;

    /// The galvanostatic current magnitude (A; per m in plane strain).
    double
    current() const;

    /// Reference area of the lithium-conducting boundary (m²; per m in plane strain).
    double
    flux_area() const;

  private:
    /// Where 'Newton/Log iterations' prints: rank 0's log, nullptr elsewhere.
    std::ostream *
    newton_log();

    /// What run() carries from stage to stage: time (s), next step size (s),
    /// steps taken, the lithium the current has passed (mol), the state of
    /// charge, the stack-pressure program's value (Pa).
    /// Also where in the load program: the stage (index into 'Cycling'
    /// stages), whether it has begun, its start time (s) and the platen
    /// program's value at its start; and the step whose fields were written last.
    struct RunClock
    {
      double       time = 0., dt = 0., expected_lithium = 0., soc = 0., stack_pressure = 0.;
      unsigned int step        = 0;
      unsigned int stage       = 0;
      bool         stage_begun = false;
      double       stage_start = 0., ramp_start = 0.;
      int          last_output = -1;
    };
    /// How a stage ended.
    enum class StageEnd
    {
      done,
      failed, ///< the time step fell below the minimum
      stopped ///< SIGTERM/SIGINT: a checkpoint is written
    };
    /// What run() writes into: the two ParaView series.
    struct Outputs;

    void
    check_ids() const;
    /// The built-in terms, the interface and the user's terms (before CoupledProblem::setup()).
    void
    add_terms();
    /// Active volume, flux area, capacity and full-charge lithium of the mesh.
    void
    measure_reference();
    /// Residual and unknown scales of the linear system from the first active material's law.
    void
    set_scales();
    /// The run's first lines: case, size, solver, current, notes.
    void
    print_header() const;
    /// One stage of the load program.
    StageEnd
    run_stage(const physics::CyclingStage &stage, RunClock &clock, Outputs &outputs);
    /// The fields of the current step, unless that step was written already.
    void
    write_fields(RunClock &clock, Outputs &outputs);
    /// After a step or a failed attempt (collective): write a checkpoint if one
    /// is due (@p stage_end: at the end of a stage) or a stop signal arrived;
    /// true if the run must stop (a signal).
    bool
    checkpoint_if_due(RunClock &clock, Outputs &outputs, const bool stage_end);
    /// Write a checkpoint of the committed step into the output folder (collective).
    void
    write_checkpoint(const RunClock &clock, const Outputs &outputs);
    /// After setup_from_checkpoint(): history.csv and the ParaView series cut
    /// back to the checkpoint's step, the series continued (collective).
    void
    continue_outputs(Outputs &outputs);
    /// The interface terms whose per-point state a checkpoint carries.
    std::vector<physics::InterfacePointState *>
    interface_states() const;
    /// setup() and setup_from_checkpoint(): with @p checkpoint_mesh, the
    /// mesh's refinement from that file.
    void
    setup_system(const std::string &checkpoint_mesh);
    /// The history row of a converged step (stored, written, logged).
    const io::HistoryRow &
    record_step(const physics::CyclingStage &stage,
                RunClock                    &clock,
                const double                 this_dt,
                const double                 sign,
                const solvers::NewtonResult &result);
    void
    write_history_row(const io::HistoryRow &row) const;

    RunParameters                                      prm;
    MPI_Comm                                           comm;
    dealii::ConditionalOStream                         out;
    physics::MaterialMap                               materials;
    std::unique_ptr<physics::CoupledProblem<dim>>      coupled;
    std::shared_ptr<physics::LithiumFluxBoundary<dim>> flux;
    /// Lithium through the silicon–electrolyte interface (if named in 'Lithium flux boundaries').
    std::shared_ptr<physics::LithiumFluxInterface<dim>> interface_flux;
    /// Frictionless contact on the interface ('Interface/Mode' = contact).
    std::shared_ptr<physics::ContactInterface<dim>> contact_term;
    /// Friction at the closed contact points ('Interface/Friction coefficient' > 0).
    std::shared_ptr<physics::ContactFriction<dim>> friction_term;
    /// The bond beside the contact ('Interface/Mode' = cohesive).
    std::shared_ptr<physics::CohesiveInterface<dim>> cohesive_term;
    /// Lithium through the contact interface, gated by its pressure (contact and 'interface'
    /// in 'Lithium flux boundaries').
    std::shared_ptr<physics::ContactGatedFlux<dim>> gated_flux;
    /// The last solve_step()'s multiplier updates and status changes.
    unsigned int contact_updates = 0, contact_changes = 0;
    /// The small-sliding warning has been printed.
    bool                        slip_warned = false;
    std::vector<io::HistoryRow> rows;
    /// Lithium through the contact-gated interface so far (mol).
    double interface_lithium = 0.;
    /// Set by setup_from_checkpoint(): the run continues from @p resume.
    bool                 resuming = false;
    RunClock             resume;
    std::string          resume_folder;
    io::CheckpointRecord resume_record;
    /// Wall time of the last checkpoint (s since the run began), its step
    /// (-1: none yet), the wall time spent writing checkpoints (s, rank 0).
    double last_checkpoint_wall = 0.;
    int    last_checkpoint_step = -1;
    double checkpoint_seconds   = 0.;
    bool   stopped_on_signal    = false;
    /// Terms added by the user before setup().
    std::vector<std::shared_ptr<const physics::CellTerm<dim>>>      user_cell_terms;
    std::vector<std::shared_ptr<const physics::BoundaryTerm<dim>>>  user_boundary_terms;
    std::vector<std::shared_ptr<const physics::InterfaceTerm<dim>>> user_interface_terms;
    struct UserScalar
    {
      std::string name;
      double      value, unknown_scale, residual_scale;
      Field       norm_field;
    };
    std::vector<UserScalar> user_scalars;
    double active_volume = 0., initial_volume = 0., initial_lithium = 0., area = 0.;
    /// Σ over the active materials of c_max V and of (c_max − c_0) V (mol).
    double lithium_at_full_charge = 0., lithium_capacity = 0.;
  };

  /**
   * Read the run from @p prm and run it in the right dimension. Returns the
   * program's exit status: 0 done, 1 bad input (message on std::cerr of rank 0,
   * nothing written), 2 stopped early (time step below minimum), 75
   * (io::exit_status_stopped_by_signal) stopped by SIGTERM/SIGINT after
   * writing a checkpoint. The output folder is claimed first
   * (io::OutputFolder): a folder in use by another run, or holding an
   * earlier run's files, is refused (status 1) unless @p overwrite, which
   * removes those files, or @p restart, which continues that run from its
   * newest checkpoint (refused, naming the parameter, if a parameter that
   * the checkpoint depends on has changed).
   */
  int
  run_simulation(dealii::ParameterHandler &prm,
                 const MPI_Comm            comm,
                 std::ostream             &log,
                 const bool                overwrite = false,
                 const bool                restart   = false);
} // namespace siswell
