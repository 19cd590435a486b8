#pragma once

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
     * Run all stages, writing output to the output directory. Returns true
     * when all stages finished, false when the time step fell below the
     * minimum (the output written until then stays valid).
     */
    bool
    run();

    /**
     * One backward-Euler step of length @p dt (s) with the galvanostatic
     * current times @p direction (+1 lithiate, −1 delithiate, 0 rest). On
     * convergence the step is committed; otherwise the last converged state
     * is restored. Does not write output.
     */
    solvers::NewtonResult
    solve_step(const double dt, const double direction);

    /// Rows of history.csv so far.
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
    struct RunClock
    {
      double       time = 0., dt = 0., expected_lithium = 0., soc = 0., stack_pressure = 0.;
      unsigned int step = 0;
    };

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
    /// One stage of the load program; false if the time step fell below the minimum.
    bool
    run_stage(const physics::CyclingStage                                 &stage,
              RunClock                                                    &clock,
              const std::function<void(const unsigned int, const double)> &write_fields);
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
   * nothing written), 2 stopped early (time step below minimum). The output
   * folder is claimed first (io::OutputFolder): a folder in use by another run,
   * or holding an earlier run's files, is refused (status 1) unless
   * @p overwrite, which removes those files.
   */
  int
  run_simulation(dealii::ParameterHandler &prm,
                 const MPI_Comm            comm,
                 std::ostream             &log,
                 const bool                overwrite = false);
} // namespace siswell
