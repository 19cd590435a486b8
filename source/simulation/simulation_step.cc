// Simulation: one backward-Euler time step, i.e. a Newton solve and, with
// contact, the Uzawa updates of the multipliers (each followed by a Newton
// solve), committed on convergence and restored otherwise.
#include <siswell/materials/lithium_carrier.h>
#include <siswell/physics/interface_terms.h>
#include <siswell/simulation/simulation.h>
#include <siswell/solvers/newton_solver.h>

#include <deal.II/base/timer.h>

#include <iomanip>
#include <limits>
#include <sstream>

namespace siswell
{
  template <int dim>
  std::ostream *
  Simulation<dim>::newton_log()
  {
    return out.is_active() ? &out.get_stream() : nullptr;
  }

  template <int dim>
  solvers::NewtonResult
  Simulation<dim>::solve_step(const double dt, const double direction)
  {
    flux->flux = direction * current() / (materials::LithiumCarrier::faraday * area);
    if (interface_flux)
      interface_flux->flux = flux->flux;
    if (gated_flux)
      gated_flux->total = direction * current() / materials::LithiumCarrier::faraday;
    coupled->set_time_step(dt);
    auto result     = solvers::NewtonSolver(prm.newton, newton_log()).solve(*coupled);
    contact_updates = contact_changes = 0;
    // contact: Uzawa updates of the multipliers, each followed by a Newton
    // solve, until the gap is within tolerance wherever the sides touch
    double last_gap = std::numeric_limits<double>::max();
    while (contact_term && result.converged)
      {
        // friction first: it reads the contact pressure of the state Newton solved for
        typename physics::ContactFriction<dim>::Update f;
        f.converged = true;
        if (friction_term)
          f = friction_term->update_multipliers(*coupled);
        auto update = contact_term->update_multipliers(*coupled);
        // stick is a constraint like non-penetration: its violation, relative to the face
        // size, joins the gap's
        update.max_relative_gap = std::max(update.max_relative_gap, f.max_relative_offset);
        update.changed += f.changed;
        update.converged = update.converged && f.converged;
        contact_changes += update.changed;
        if (prm.newton.log_iterations)
          out << "           contact update " << contact_updates << ": |gap|/h "
              << update.max_relative_gap << ", " << update.changed << " flips, " << update.closed
              << " closed points" << std::endl;
        if (update.converged)
          break;
        // the gap fell by less than 4: stiffen ε tenfold for this step
        // (method of multipliers; the multipliers carry over)
        if (update.changed == 0 && update.max_relative_gap > 0.25 * last_gap)
          contact_term->stiffen(10.);
        last_gap = update.max_relative_gap;
        if (contact_updates == prm.contact.max_updates)
          {
            result.converged = false;
            std::ostringstream why;
            why << "contact: |gap| (or the stick offset, with friction) / face size still "
                << update.max_relative_gap << " after " << contact_updates
                << " multiplier updates (parameter 'Interface/Maximum "
                << "multiplier updates'; tolerance 'Interface/Penetration tolerance' = "
                << prm.contact.penetration_tolerance << ")";
            result.reason = why.str();
            break;
          }
        ++contact_updates;
        const auto again = solvers::NewtonSolver(prm.newton, newton_log()).solve(*coupled);
        result.converged = again.converged;
        result.reason    = again.reason;
        result.iterations += again.iterations;
        result.hardest_solve_iterations =
            std::max(result.hardest_solve_iterations, again.hardest_solve_iterations);
        result.linear_iterations += again.linear_iterations;
        result.residuals.insert(
            result.residuals.end(), again.residuals.begin(), again.residuals.end());
        result.field_residuals.insert(result.field_residuals.end(),
                                      again.field_residuals.begin(),
                                      again.field_residuals.end());
      }
    if (result.converged)
      {
        coupled->commit_step();
        if (contact_term)
          contact_term->commit();
        if (friction_term)
          friction_term->commit();
        if (cohesive_term)
          cohesive_term->commit(*coupled); // at the converged solution
      }
    else
      {
        coupled->restore_step();
        if (contact_term)
          contact_term->restore();
        if (friction_term)
          friction_term->restore();
      }
    return result;
  }

  template <int dim>
  void
  Simulation<dim>::adapt_mesh()
  {
    dealii::Timer timer;
    const double  before = measure().lithium;
    prm.adaptivity.flag_cells(*coupled);
    const auto cells = coupled->refine_and_coarsen();
    // the transfer interpolates c (exact where cells are refined, not where
    // they are coarsened) on a mesh whose curved boundaries have moved: the
    // inventory is put back by one factor on c (doc/theory.md §7b)
    const double after = measure().lithium;
    // the flux density that carries the current is per area of the new mesh;
    // capacity and full charge stay those of the run's start
    const double volume = active_volume, full = lithium_at_full_charge, cap = lithium_capacity;
    measure_reference();
    // lithium lost: fill a fraction of the empty part (c_max − c) everywhere;
    // gained: scale c down; both exact in one step and within 0 ≤ c ≤ c_max
    const double full_here = lithium_at_full_charge; // ∫ c_max dV on the new mesh
    if (after < before)
      coupled->rescale_concentration((full_here - before) / (full_here - after), true);
    else if (after > before)
      coupled->rescale_concentration(before / after, false);
    active_volume          = volume;
    lithium_at_full_charge = full;
    lithium_capacity       = cap;
    out << "         mesh adapted: " << cells.first << " -> " << cells.second << " cells, "
        << coupled->n_dofs() << " unknowns; the transfer changed the lithium by "
        << std::setprecision(3) << (before != 0. ? (after - before) / before : 0.)
        << " (corrected), " << timer.wall_time() << " s" << std::setprecision(6) << std::endl;
  }

  template class Simulation<2>;
  template class Simulation<3>;
} // namespace siswell
