// Simulation: a run set up from its parameters (mesh, materials, terms,
// reference measures, scales) and the measurements of a state. One time step
// (Newton and the contact multiplier updates) is in simulation_step.cc, the
// time loop over the load program in simulation_run.cc.
#include <siswell/io/derived_quantities.h>
#include <siswell/io/field_output.h>
#include <siswell/materials/inert_material.h>
#include <siswell/physics/chemical_potential_term.h>
#include <siswell/physics/field_values.h>
#include <siswell/physics/interface_terms.h>
#include <siswell/physics/mechanics_term.h>
#include <siswell/physics/point_evaluator.h>
#include <siswell/physics/transport_term.h>
#include <siswell/simulation/simulation.h>

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
#include <limits>
#include <sstream>
#include <stdexcept>

namespace siswell
{
  using namespace dealii;

  template <int dim>
  Simulation<dim>::Simulation(const RunParameters &parameters,
                              const MPI_Comm       comm,
                              std::ostream        &log)
      : prm(parameters), comm(comm), out(log, Utilities::MPI::this_mpi_process(comm) == 0)
  {
    // each material's law (RunParameters::material_list: listed by name, or
    // the fixed subsections with their built-in or chosen laws)
    for (const auto &m : prm.material_list)
      for (const auto id : m.ids)
        materials[id] = m.law;
  }

  template <int dim>
  void
  Simulation<dim>::check_ids() const
  {
    const auto               &tria = coupled->triangulation();
    std::vector<unsigned int> mesh_materials, mesh_boundaries;
    for (const auto &cell : tria.active_cell_iterators())
      if (cell->is_locally_owned())
        {
          mesh_materials.push_back(cell->material_id());
          for (const unsigned int f : cell->face_indices())
            if (cell->face(f)->at_boundary())
              mesh_boundaries.push_back(cell->face(f)->boundary_id());
        }
    auto gather = [&](const std::vector<unsigned int> &local) {
      std::set<unsigned int> all;
      for (const auto &v :
           Utilities::MPI::all_gather(comm, std::set<unsigned int>(local.begin(), local.end())))
        all.insert(v.begin(), v.end());
      return all;
    };
    const auto all_materials  = gather(mesh_materials);
    const auto all_boundaries = gather(mesh_boundaries);
    auto       list           = [](const std::set<unsigned int> &s) {
      std::string r;
      for (const auto v : s)
        r += (r.empty() ? "" : ", ") + std::to_string(v);
      return r;
    };
    // first the ids the parameters name that the mesh lacks (a mistyped id
    // leaves the mesh's own id unassigned too; this is the cause to report)
    for (const auto &m : materials)
      if (!all_materials.count(m.first))
        {
          std::string where = "'Materials/List'";
          if (!prm.materials_listed_by_name)
            for (const auto &[ids, name] :
                 {std::pair(&prm.active_ids, "Active material ids"),
                  std::pair(&prm.second_active_ids, "Second active material ids"),
                  std::pair(&prm.electrolyte_ids, "Electrolyte material ids"),
                  std::pair(&prm.collector_ids, "Collector material ids")})
              if (ids->count(m.first))
                where = std::string("'Materials/") + name + "'";
          throw std::invalid_argument(
              "material id " + std::to_string(m.first) + " of " + where +
              " does not exist in the mesh (it has: " + list(all_materials) + ")");
        }
    for (const auto id : all_materials)
      if (!materials.count(id))
        throw std::invalid_argument(
            "the mesh has material id " + std::to_string(id) +
            " but no material is assigned to it: add it to " +
            (prm.materials_listed_by_name
                 ? std::string("a material of 'Materials/List'")
                 : std::string("'Materials/Active material ids', 'Electrolyte "
                               "material ids' or 'Collector material ids'")));
    // c is continuous, so two different lithium-carrying materials must not touch
    // (their concentrations would be forced equal at the interface)
    int touching = 0;
    for (const auto &cell : tria.active_cell_iterators())
      if (cell->is_locally_owned() && materials.count(cell->material_id()) &&
          materials.at(cell->material_id())->is_active())
        for (const unsigned int f : cell->face_indices())
          if (!cell->face(f)->at_boundary())
            {
              const auto n = cell->neighbor(f)->material_id();
              if (materials.count(n) && materials.at(n)->is_active() &&
                  materials.at(n) != materials.at(cell->material_id()))
                touching = 1;
            }
    if (Utilities::MPI::max(touching, comm))
      throw std::invalid_argument(
          std::string(prm.materials_listed_by_name
                          ? "two lithium-carrying materials of 'Materials/List'"
                          : "the materials of 'Materials/Active material ids' and "
                            "'Second active material ids'") +
          " touch in the mesh; they must be separated by an inert solid "
          "(the concentration is continuous)");
    for (const auto &b : prm.boundary_conditions.named_ids)
      if (!all_boundaries.count(b.first))
        throw std::invalid_argument("parameter '" + b.second + "': boundary id " +
                                    std::to_string(b.first) +
                                    " does not exist in the mesh (it "
                                    "has: " +
                                    list(all_boundaries) + ")");
  }

  template <int dim>
  void
  Simulation<dim>::setup()
  {
    setup_system("");
  }

  template <int dim>
  void
  Simulation<dim>::setup_system(const std::string &checkpoint_mesh)
  {
    coupled = std::make_unique<physics::CoupledProblem<dim>>(comm,
                                                             prm.geometry.coordinate_system,
                                                             materials,
                                                             prm.displacement_degree,
                                                             prm.linear_solver);
    prm.geometry.create(coupled->triangulation(), checkpoint_mesh.empty());
    if (!checkpoint_mesh.empty())
      coupled->load_checkpoint_mesh(checkpoint_mesh);
    check_ids();
    for (const auto &g : user_scalars) // first: the indices add_global_scalar() returned
      coupled->global_scalars().add(
          g.name, g.value, g.unknown_scale, g.residual_scale, g.norm_field);
    if (prm.geometry.generalised_plane_strain)
      coupled->enable_generalised_plane_strain();
    if (prm.platen.enabled())
      coupled->enable_platen(prm.platen.boundary_id,
                             prm.platen.control ==
                                 physics::StackPressurePlaten::Control::displacement);
    add_terms(); // before setup(): the sparsity patterns hold their couplings
    coupled->setup(prm.boundary_conditions.displacement_constraints);
    if (contact_term)
      {
        if (coupled->interface("interface").n_global_pairs() == 0)
          throw std::invalid_argument("parameter 'Interface/Mode' = contact: the active material "
                                      "touches no inert solid in this mesh");
        contact_term->reinit(*coupled);
        if (cohesive_term)
          cohesive_term->reinit(*coupled);
        if (friction_term)
          friction_term->reinit(*coupled);
      }
    if (prm.platen.control == physics::StackPressurePlaten::Control::spring)
      coupled->set_platen_load(prm.platen.spring_preload, prm.platen.spring_stiffness);
    else
      coupled->set_platen_load(prm.platen.initial_pressure, 0.);

    coupled->set_initial_state();

    measure_reference();
    set_scales();

    const auto first = measure();
    initial_volume   = first.volume;
    initial_lithium  = first.lithium;
  }

  template <int dim>
  void
  Simulation<dim>::add_terms()
  {
    coupled->add_cell_term(std::make_shared<physics::MechanicsTerm<dim>>());
    coupled->add_cell_term(std::make_shared<physics::TransportTerm<dim>>(
        prm.linear_solver.schur_relaxation,
        prm.geometry.coordinate_system == geometry::CoordinateSystem::axisymmetric));
    coupled->add_cell_term(std::make_shared<physics::ChemicalPotentialTerm<dim>>());
    flux = std::make_shared<physics::LithiumFluxBoundary<dim>>(
        prm.boundary_conditions.lithium_flux_boundaries);
    coupled->add_boundary_term(flux);
    // the faces between lithium-carrying silicon (side 0) and the inert solids
    auto interface = std::make_shared<physics::Interface<dim>>(
        "interface",
        [](const materials::Material &m) { return m.is_active(); },
        [](const materials::Material &m) { return !m.is_active(); });
    coupled->add_interface(interface);
    if (prm.contact.has_initial_gap() &&
        prm.contact.mode != physics::ContactParameters::Mode::contact)
      throw std::invalid_argument(
          "parameter 'Interface/Initial gap' = '" + prm.contact.initial_gap +
          "' needs 'Interface/Mode = contact' (a bonded or cohesive interface starts closed)");
    if (prm.contact.mode != physics::ContactParameters::Mode::bonded)
      {
        // ε from the stiffest material's Young's modulus
        double E = 0.;
        for (const auto &m : prm.material_list)
          if (const auto *carrier = dynamic_cast<const materials::LithiumCarrier *>(m.law.get()))
            E = std::max(E, carrier->typical_youngs_modulus());
          else if (const auto *inert = dynamic_cast<const materials::InertMaterial *>(m.law.get()))
            E = std::max(E, inert->E);
        interface->set_split(true);
        contact_term =
            std::make_shared<physics::ContactInterface<dim>>("interface", prm.contact, E);
        coupled->add_interface_term(contact_term);
        if (prm.contact.friction_coefficient > 0.)
          {
            if (prm.contact.mode == physics::ContactParameters::Mode::cohesive)
              throw std::invalid_argument(
                  "parameter 'Interface/Friction coefficient' > 0 is not available with "
                  "'Interface/Mode = cohesive' yet (friction on the damaged bond); use 'Mode = "
                  "contact' or 'Friction coefficient = 0'");
            friction_term = std::make_shared<physics::ContactFriction<dim>>(
                contact_term, prm.contact.friction_coefficient);
            coupled->add_interface_term(friction_term);
          }
        if (prm.contact.mode == physics::ContactParameters::Mode::cohesive)
          {
            cohesive_term =
                std::make_shared<physics::CohesiveInterface<dim>>("interface", prm.cohesive, E);
            coupled->add_interface_term(cohesive_term);
            if (prm.boundary_conditions.lithium_flux_through_interface)
              throw std::invalid_argument(
                  "parameter 'Boundary conditions/Lithium flux boundaries' = interface is not "
                  "available with 'Interface/Mode = cohesive' yet: the contact gate of the flux "
                  "does not see the bond (doc/theory.md §5f); use 'Mode = contact' or another "
                  "flux boundary");
          }
      }
    if (prm.boundary_conditions.lithium_flux_through_interface && contact_term)
      {
        // through the contact only: q is one more global unknown
        if (!prm.boundary_conditions.lithium_flux_boundaries.empty())
          throw std::invalid_argument(
              "parameter 'Boundary conditions/Lithium flux boundaries': with 'Interface/Mode = "
              "contact' and 'interface' named, the lithium enters through the contact only; "
              "'interface' must be the only entry");
        gated_flux = std::make_shared<physics::ContactGatedFlux<dim>>(
            contact_term, prm.contact.flux_gate_pressure, prm.contact.flux_gate_gap);
        gated_flux->scalar = coupled->global_scalars().add(
            "interface flux density", 0., 1., 1., Field::concentration);
        coupled->add_interface_term(gated_flux);
      }
    else if (prm.boundary_conditions.lithium_flux_through_interface)
      {
        interface_flux = std::make_shared<physics::LithiumFluxInterface<dim>>("interface");
        coupled->add_interface_term(interface_flux);
      }
    for (const auto &term : user_cell_terms)
      coupled->add_cell_term(term);
    for (const auto &term : user_boundary_terms)
      coupled->add_boundary_term(term);
    for (const auto &term : user_interface_terms)
      coupled->add_interface_term(term);
    // the terms chosen by name in 'Terms'
    for (const auto &term : prm.template terms<dim>().cell)
      coupled->add_cell_term(term);
    for (const auto &term : prm.template terms<dim>().boundary)
      coupled->add_boundary_term(term);
    for (const auto &p : prm.boundary_conditions.pressures)
      coupled->add_boundary_term(std::make_shared<physics::PressureBoundary<dim>>(
          std::set<types::boundary_id>{p.first}, p.second));
  }

  template <int dim>
  void
  Simulation<dim>::measure_reference()
  {
    // reference volume of the active material and area of the flux boundary
    const auto                &dofs = coupled->dof_handler();
    hp::MappingCollection<dim> mappings(coupled->mapping());
    hp::QCollection<dim>       q(coupled->quadrature()); // the quadrature of the plastic history
    hp::QCollection<dim - 1>   qf(QGauss<dim - 1>(prm.displacement_degree + 1));
    hp::FEValues<dim>          fv(
        mappings, dofs.get_fe_collection(), q, update_JxW_values | update_quadrature_points);
    hp::FEFaceValues<dim> ffv(
        mappings, dofs.get_fe_collection(), qf, update_JxW_values | update_quadrature_points);
    double v = 0., a = 0., full = 0., cap = 0.;
    for (const auto &cell : dofs.active_cell_iterators())
      if (cell->is_locally_owned() && materials.at(cell->material_id())->is_active())
        {
          const auto &m =
              dynamic_cast<const materials::LithiumCarrier &>(*materials.at(cell->material_id()));
          fv.reinit(cell, 0, 0, 0);
          const auto &f = fv.get_present_fe_values();
          for (unsigned int k = 0; k < f.n_quadrature_points; ++k)
            {
              const double w = f.JxW(k) * coupled->volume_factor(f.quadrature_point(k));
              v += w;
              full += m.max_concentration() * w;
              cap += (m.max_concentration() - m.initial_concentration()) * w;
            }
          for (const unsigned int face : cell->face_indices())
            if (cell->face(face)->at_boundary() &&
                prm.boundary_conditions.lithium_flux_boundaries.count(
                    cell->face(face)->boundary_id()))
              {
                ffv.reinit(cell, face, 0, 0, 0);
                const auto &ff = ffv.get_present_fe_values();
                for (unsigned int k = 0; k < ff.n_quadrature_points; ++k)
                  a += ff.JxW(k) * coupled->volume_factor(ff.quadrature_point(k));
              }
        }
    active_volume = Utilities::MPI::sum(v, comm);
    area          = Utilities::MPI::sum(a, comm);
    if (interface_flux || gated_flux)
      {
        if (coupled->interface("interface").n_global_pairs() == 0)
          throw std::invalid_argument("parameter 'Boundary conditions/Lithium flux boundaries': "
                                      "'interface' is named, but the active material touches no "
                                      "inert solid in this mesh");
        area += coupled->interface("interface").area;
      }
    lithium_at_full_charge = Utilities::MPI::sum(full, comm);
    lithium_capacity       = Utilities::MPI::sum(cap, comm);
    if (!(area > 0.))
      throw std::invalid_argument("parameter 'Boundary conditions/Lithium flux boundaries': "
                                  "none of these boundary parts bounds the active material");
  }

  template <int dim>
  void
  Simulation<dim>::set_scales()
  {
    // scales of the linear system from the (first) active material's law
    const materials::LithiumCarrier *carrier = nullptr;
    for (const auto &m : prm.material_list)
      if (!carrier && m.law->is_active())
        carrier = dynamic_cast<const materials::LithiumCarrier *>(m.law.get());
    AssertThrow(carrier, ExcMessage("internal: no lithium-carrying material"));
    const auto  &mat         = *carrier;
    const double L           = prm.geometry.characteristic_length();
    const double RT          = materials::LithiumCarrier::gas_constant * mat.absolute_temperature();
    const double force_scale = mat.typical_youngs_modulus() * active_volume / L;
    const double rate_scale =
        std::max(current() / materials::LithiumCarrier::faraday,
                 mat.max_concentration() * active_volume * mat.typical_diffusivity() / (L * L));
    const double energy_scale = RT * active_volume;
    coupled->set_scales({force_scale, rate_scale, energy_scale}, {L, mat.max_concentration(), RT});
    if (gated_flux)
      {
        // q in units of the nominal flux density, its equation in mol/s
        const double A   = coupled->interface("interface").area;
        const double j0  = std::max(current(), 1e-30) / (materials::LithiumCarrier::faraday * A);
        gated_flux->area = A;
        coupled->global_scalars().set_scales(gated_flux->scalar, j0, j0 * A);
        coupled->global_scalars().set_value(gated_flux->scalar, j0);
      }
  }

  template <int dim>
  void
  Simulation<dim>::add_cell_term(std::shared_ptr<const physics::CellTerm<dim>> term)
  {
    if (coupled)
      throw std::logic_error("Simulation::add_cell_term(): call it before setup()");
    user_cell_terms.push_back(term);
  }

  template <int dim>
  void
  Simulation<dim>::add_boundary_term(std::shared_ptr<const physics::BoundaryTerm<dim>> term)
  {
    if (coupled)
      throw std::logic_error("Simulation::add_boundary_term(): call it before setup()");
    user_boundary_terms.push_back(term);
  }

  template <int dim>
  void
  Simulation<dim>::add_interface_term(std::shared_ptr<const physics::InterfaceTerm<dim>> term)
  {
    if (coupled)
      throw std::logic_error("Simulation::add_interface_term(): call it before setup()");
    user_interface_terms.push_back(term);
  }

  template <int dim>
  unsigned int
  Simulation<dim>::add_global_scalar(const std::string &name,
                                     const double       value,
                                     const double       unknown_scale,
                                     const double       residual_scale,
                                     const Field        norm_field)
  {
    if (coupled)
      throw std::logic_error("Simulation::add_global_scalar('" + name +
                             "'): call it before setup()");
    for (const auto &s : user_scalars)
      if (s.name == name)
        throw std::invalid_argument("Simulation::add_global_scalar(): '" + name +
                                    "' was added already");
    user_scalars.push_back({name, value, unknown_scale, residual_scale, norm_field});
    return user_scalars.size() - 1;
  }

  template <int dim>
  double
  Simulation<dim>::capacity() const
  {
    return lithium_capacity * materials::LithiumCarrier::faraday;
  }

  template <int dim>
  double
  Simulation<dim>::current() const
  {
    if (prm.cycling.current_mode == physics::CyclingProtocol::CurrentMode::c_rate)
      return prm.cycling.c_rate * capacity() / 3600.;
    return prm.cycling.current_density * area;
  }

  template <int dim>
  double
  Simulation<dim>::flux_area() const
  {
    return area;
  }

  template <int dim>
  io::HistoryRow
  Simulation<dim>::measure() const
  {
    // integrals at the quadrature points (each with its history), extremes at
    // the points where the fields are written to ParaView
    physics::PointEvaluator<dim> at_quadrature(*coupled, coupled->quadrature());
    physics::PointEvaluator<dim> at_output(
        *coupled, QIterated<dim>(QTrapezoid<1>(), io::FieldOutput<dim>::subdivisions(*coupled)));
    double lithium = 0., volume = 0., dissipation = 0., max_eps_p = 0.;
    double min_theta = 1e300, max_theta = -1e300, max_vm = 0., min_h = 1e300, max_h = -1e300;
    for (const auto &cell : coupled->dof_handler().active_cell_iterators())
      if (cell->is_locally_owned())
        {
          at_quadrature.reinit(cell);
          for (unsigned int k = 0; k < at_quadrature.n_points(); ++k)
            {
              const auto &s = at_quadrature[k];
              volume += determinant(s.F) * s.JxW;
              const auto h = s.material->history_quantities(s.history);
              dissipation += h.dissipation * s.JxW;
              max_eps_p = std::max(max_eps_p, h.equivalent_plastic_strain);
              lithium += s.c * s.JxW; // 0 in inert solids
            }
          at_output.reinit(cell);
          for (unsigned int k = 0; k < at_output.n_points(); ++k)
            {
              const auto &s = at_output[k];
              const auto  d = io::derived_quantities(*s.material, s.F, s.c, s.history);
              max_vm        = std::max(max_vm, d.von_mises);
              min_h         = std::min(min_h, d.hydrostatic);
              max_h         = std::max(max_h, d.hydrostatic);
              if (s.active)
                {
                  min_theta = std::min(min_theta, s.active->theta(s.c));
                  max_theta = std::max(max_theta, s.active->theta(s.c));
                }
            }
        }
    io::HistoryRow r;
    r.lithium              = Utilities::MPI::sum(lithium, comm);
    r.volume               = Utilities::MPI::sum(volume, comm);
    r.state_of_charge      = r.lithium / lithium_at_full_charge;
    r.min_theta            = Utilities::MPI::min(min_theta, comm);
    r.max_theta            = Utilities::MPI::max(max_theta, comm);
    r.max_von_mises        = Utilities::MPI::max(max_vm, comm);
    r.min_hydrostatic      = Utilities::MPI::min(min_h, comm);
    r.max_hydrostatic      = Utilities::MPI::max(max_h, comm);
    r.plastic_dissipation  = Utilities::MPI::sum(dissipation, comm);
    r.max_plastic_strain   = Utilities::MPI::max(max_eps_p, comm);
    r.volume_change        = initial_volume > 0. ? r.volume / initial_volume - 1. : 0.;
    r.out_of_plane_stretch = coupled->out_of_plane_stretch(); // 1 unless plane strain
    r.stack_pressure       = coupled->platen_reaction_pressure();
    r.platen_displacement  = coupled->platen_displacement();
    r.thickness_change     = r.platen_displacement; // the opposite face of the stack is held
    if (contact_term)
      {
        const auto c            = contact_term->summary(*coupled);
        r.has_contact           = true;
        r.contact_fraction      = c.contact_fraction;
        r.contact_area          = c.contact_area;
        r.mean_contact_pressure = c.mean_pressure;
        r.max_contact_pressure  = c.max_pressure;
        r.max_gap               = c.max_gap;
        r.max_penetration       = c.max_penetration;
        r.max_relative_slip     = c.max_relative_slip;
        r.void_volume           = c.void_volume;
        if (friction_term)
          {
            const auto f     = friction_term->summary(*coupled);
            r.has_friction   = true;
            r.slip_fraction  = f.slip_fraction;
            r.max_slip       = f.max_slip;
            r.friction_force = f.tangential_force;
          }
        if (cohesive_term)
          {
            const auto b            = cohesive_term->summary(*coupled);
            r.has_cohesive          = true;
            r.max_damage            = b.max_damage;
            r.bonded_fraction       = b.bonded_fraction;
            r.separated_fraction    = b.separated_fraction;
            r.mean_normal_traction  = b.mean_normal_traction;
            r.mean_shear_traction   = b.mean_shear_traction;
            r.max_shear_separation  = b.max_shear_separation;
            r.interface_dissipation = b.dissipated_energy;
          }
        if (gated_flux)
          {
            r.conducting_fraction    = gated_flux->conducting_fraction(*coupled);
            r.interface_flux_density = coupled->global_scalars().value(gated_flux->scalar);
          }
      }
    return r;
  }

  template <int dim>
  const physics::ContactInterface<dim> *
  Simulation<dim>::contact() const
  {
    return contact_term.get();
  }

  template <int dim>
  const physics::ContactFriction<dim> *
  Simulation<dim>::friction() const
  {
    return friction_term.get();
  }

  template <int dim>
  const physics::CohesiveInterface<dim> *
  Simulation<dim>::cohesive() const
  {
    return cohesive_term.get();
  }

  template <int dim>
  const std::vector<io::HistoryRow> &
  Simulation<dim>::history() const
  {
    return rows;
  }

  template <int dim>
  physics::CoupledProblem<dim> &
  Simulation<dim>::problem()
  {
    return *coupled;
  }

  template class Simulation<2>;
  template class Simulation<3>;
} // namespace siswell
