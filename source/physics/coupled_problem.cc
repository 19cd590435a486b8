#include <siswell/materials/active_material.h>
#include <siswell/physics/coupled_problem.h>
#include <siswell/physics/mechanics_term.h>
#include <siswell/physics/transport_term.h>

#include <deal.II/base/mpi.h>
#include <deal.II/base/quadrature_lib.h>
#include <deal.II/base/timer.h>
#include <deal.II/dofs/dof_tools.h>
#include <deal.II/fe/fe_nothing.h>
#include <deal.II/fe/fe_q.h>
#include <deal.II/fe/fe_system.h>
#include <deal.II/hp/fe_values.h>
#include <deal.II/lac/dynamic_sparsity_pattern.h>
#include <deal.II/lac/sparsity_tools.h>
#include <deal.II/numerics/vector_tools.h>
#include <deal.II/grid/grid_tools.h>
#include <deal.II/hp/mapping_collection.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace siswell
{
  namespace physics
  {
    using namespace dealii;

    namespace
    {
      /// Active cells carry FE index 0 (u, c, μ), inert cells FE index 1 (u only).
      constexpr unsigned int active_fe_index = 0;
      constexpr unsigned int inert_fe_index  = 1;
    } // namespace



    template <int dim>
    unsigned int
    CoupledProblem<dim>::field_of(const unsigned int component)
    {
      return component < dim ? 0 : component - dim + 1;
    }



    template <int dim>
    CoupledProblem<dim>::CoupledProblem(const MPI_Comm                         comm,
                                        const geometry::CoordinateSystem       coordinate_system,
                                        const MaterialMap &                    materials,
                                        const unsigned int                     degree,
                                        const solvers::LinearSolverParameters &linear_solver)
      : comm(comm)
      , coord(coordinate_system)
      , material_map(materials)
      , tria(comm,
             typename Triangulation<dim>::MeshSmoothing(
               Triangulation<dim>::smoothing_on_refinement | Triangulation<dim>::smoothing_on_coarsening))
      , mapping_q(degree)
      , dofs(tria)
      , solver(solvers::LinearSolver::create(linear_solver, comm))
      , matrix_free_requested(linear_solver.method == "iterative" &&
                              linear_solver.displacement_multigrid == "p-multigrid" &&
                              linear_solver.displacement_operator == "matrix-free" && degree >= 2 &&
                              coordinate_system != geometry::CoordinateSystem::axisymmetric)
    {
      fe.push_back(FESystem<dim>(FE_Q<dim>(degree), dim, FE_Q<dim>(1), 1, FE_Q<dim>(1), 1));
      fe.push_back(FESystem<dim>(FE_Q<dim>(degree), dim, FE_Nothing<dim>(), 1, FE_Nothing<dim>(), 1));
      cell_quadrature.push_back(QGauss<dim>(degree + 1));
      cell_quadrature.push_back(QGauss<dim>(degree + 1));
      face_quadrature.push_back(QGauss<dim - 1>(degree + 1));
      face_quadrature.push_back(QGauss<dim - 1>(degree + 1));
    }



    template <int dim>
    parallel::distributed::Triangulation<dim> &
    CoupledProblem<dim>::triangulation()
    {
      return tria;
    }



    template <int dim>
    void
    CoupledProblem<dim>::setup(const std::vector<DisplacementConstraint> &displacement_constraints)
    {
      for (const auto &cell : dofs.active_cell_iterators())
        if (cell->is_locally_owned())
          {
            const auto it = material_map.find(cell->material_id());
            if (it == material_map.end())
              throw std::invalid_argument("internal: no material for material id " +
                                          std::to_string(cell->material_id()));
            cell->set_active_fe_index(it->second->is_active() ? active_fe_index : inert_fe_index);
          }
      dofs.distribute_dofs(fe);
      owned    = dofs.locally_owned_dofs();
      relevant = DoFTools::extract_locally_relevant_dofs(dofs);
      if (platen.enabled)
        setup_platen(); // adds the master dof to the relevant set

      update_constraints.clear();
      update_constraints.reinit(relevant);
      DoFTools::make_hanging_node_constraints(dofs, update_constraints);
      const FEValuesExtractors::Vector displacement(0);
      for (const auto &dc : displacement_constraints)
        {
          std::vector<bool> mask(dim + 2, false);
          for (unsigned int d = 0; d < dim; ++d)
            mask[d] = dc.components[d];
          VectorTools::interpolate_boundary_values(dofs,
                                                   dc.boundary_id,
                                                   Functions::ZeroFunction<dim>(dim + 2),
                                                   update_constraints,
                                                   ComponentMask(mask));
        }
      if (coord == geometry::CoordinateSystem::axisymmetric)
        {
          // u_r = 0 on the axis, wherever it lies on the boundary
          std::vector<types::global_dof_index> face_dofs;
          const double tol = 1e-10 * GridTools::maximal_cell_diameter(tria);
          for (const auto &cell : dofs.active_cell_iterators())
            if (!cell->is_artificial())
              for (const unsigned int f : cell->face_indices())
                if (cell->face(f)->at_boundary())
                  {
                    bool on_axis = true;
                    for (const unsigned int v : cell->face(f)->vertex_indices())
                      on_axis = on_axis && std::abs(cell->face(f)->vertex(v)[0]) < tol;
                    if (!on_axis)
                      continue;
                    const auto &cell_fe = cell->get_fe();
                    face_dofs.resize(cell_fe.n_dofs_per_face(f));
                    cell->face(f)->get_dof_indices(face_dofs, cell->active_fe_index());
                    for (unsigned int k = 0; k < face_dofs.size(); ++k)
                      if (cell_fe.face_system_to_component_index(k, f).first == 0 &&
                          update_constraints.can_store_line(face_dofs[k]) &&
                          !update_constraints.is_constrained(face_dofs[k]))
                        update_constraints.add_line(face_dofs[k]);
                  }
        }
      if (platen.enabled)
        {
          // every platen dof follows the master: u_i = u_master. Only the
          // ranks that see platen faces can find a clash, so it is agreed
          // by all before anyone throws (the others would wait in the next
          // collective operation for ever).
          int clash = 0;
          for (const auto i : platen.dofs)
            if (i != platen.master && update_constraints.is_constrained(i))
              clash = 1;
          if (Utilities::MPI::max(clash, comm) != 0)
            throw std::invalid_argument(
              "the platen boundary (parameter 'Stack pressure/Platen boundary') shares its "
              "normal displacement with a symmetry plane or fixed displacement; the platen "
              "must be free to move");
          for (const auto i : platen.dofs)
            {
              if (i == platen.master)
                continue;
              update_constraints.add_line(i);
              update_constraints.add_entry(i, platen.master, 1.);
            }
          if (platen.displacement_controlled)
            update_constraints.add_line(platen.master); // w is prescribed, not solved for
        }
      update_constraints.close();

      field_dofs.clear();
      for (unsigned int f = 0; f < 3; ++f)
        {
          std::vector<bool> mask(dim + 2, false);
          if (f == 0)
            for (unsigned int d = 0; d < dim; ++d)
              mask[d] = true;
          else
            mask[dim + f - 1] = true;
          field_dofs.push_back(DoFTools::extract_dofs(dofs, ComponentMask(mask)) & owned);
        }
      setup_interfaces();
      auto coupled_sets = [this](const std::function<void(const std::vector<types::global_dof_index> &)> &f) {
        for_each_coupled_set(f);
      };
      std::shared_ptr<const solvers::FieldSplit> split;
      if (solver->needs_field_split())
        {
          auto s = std::make_shared<solvers::FieldSplit>(dofs,
                                                         mapping_q,
                                                         owned,
                                                         relevant,
                                                         update_constraints,
                                                         coord != geometry::CoordinateSystem::axisymmetric,
                                                         comm);
          s->set_coupled_sets(coupled_sets);
          split = s;
        }
      displacement_operator.reset();
      if (split && matrix_free_requested)
        {
          displacement_operator = std::make_shared<solvers::MatrixFreeDisplacementOperator<dim>>(
              dofs, mapping_q, update_constraints, *split);
          // the u–u entries still assembled: cells with a face on which a
          // boundary term acts, and the platen spring on the master
          std::set<types::boundary_id> term_ids;
          for (const auto &term : boundary_terms)
            if (term->couples_displacements())
              term_ids.insert(term->boundary_ids().begin(), term->boundary_ids().end());
          solver->set_displacement_operator(displacement_operator, [this, split, term_ids](DynamicSparsityPattern &dsp) {
            const IndexSet &rows = split->relevant(0);
            const auto      n    = split->owned(0).size();
            dsp.reinit(n, n, rows);
            std::vector<types::global_dof_index> local, compact;
            for (const auto &cell : dofs.active_cell_iterators())
              if (cell->is_locally_owned())
                {
                  bool has_term = false;
                  for (const unsigned int f : cell->face_indices())
                    if (cell->face(f)->at_boundary())
                      has_term = has_term || term_ids.count(cell->face(f)->boundary_id());
                  if (!has_term)
                    continue;
                  local.resize(cell->get_fe().n_dofs_per_cell());
                  cell->get_dof_indices(local);
                  compact.clear();
                  for (const auto i : local)
                    if (split->block(i) == 0)
                      compact.push_back(split->index(i));
                  split->constraints(0).add_entries_local_to_global(compact, dsp, false);
                }
            // interface terms with u–u entries: both cells of each of their face pairs
            for_each_coupled_set(
              [&](const std::vector<types::global_dof_index> &set) {
                compact.clear();
                for (const auto i : set)
                  if (split->block(i) == 0)
                    compact.push_back(split->index(i));
                split->constraints(0).add_entries_local_to_global(compact, dsp, false);
              },
              true);
            if (platen.enabled && owned.is_element(platen.master))
              dsp.add(split->index(platen.master), split->index(platen.master));
            SparsityTools::distribute_sparsity_pattern(dsp, split->owned(0), comm, rows);
          });
        }
      solver->reinit(
        owned,
        relevant,
        [&](DynamicSparsityPattern &dsp) {
          dsp.reinit(relevant.size(), relevant.size(), relevant);
          // the cells, and both cells of the face pairs of interface terms
          for_each_coupled_set([&](const std::vector<types::global_dof_index> &set) {
            update_constraints.add_entries_local_to_global(set, dsp, false);
          });
          SparsityTools::distribute_sparsity_pattern(dsp, owned, comm, relevant);
        },
        split);

      current.reinit(owned, relevant, comm);
      old.reinit(current);
      rhs.reinit(current);
      direction.reinit(current);
      iterate_start.reinit(current);
      if (generalised)
        {
          border_data.dR_dstretch.reinit(current);
          border_data.dr_dx.reinit(current);
        }
      // history only where it can change: locally owned cells of materials
      // that flow plastically (elastic ones always see the virgin state)
      history_first.assign(tria.n_active_cells(), no_history);
      std::size_t n_history = 0;
      for (const auto &cell : dofs.active_cell_iterators())
        if (cell->is_locally_owned() && material_map.at(cell->material_id())->is_plastic())
          {
            history_first[cell->active_cell_index()] = n_history;
            n_history += n_quadrature_points();
          }
      history_committed.assign(n_history, materials::PlasticState());
      history_committed.shrink_to_fit();
      history_trial = history_committed;
    }



    template <int dim>
    void
    CoupledProblem<dim>::enable_platen(const types::boundary_id id, const bool displacement_controlled)
    {
      platen.enabled                 = true;
      platen.boundary_id             = id;
      platen.displacement_controlled = displacement_controlled;
    }



    template <int dim>
    bool
    CoupledProblem<dim>::has_platen() const
    {
      return platen.enabled;
    }



    template <int dim>
    void
    CoupledProblem<dim>::setup_platen()
    {
      // the boundary must be flat and perpendicular to one axis: find the axis
      // as the coordinate that is the same at every vertex of every face
      Point<dim>   first;
      bool         have_first = false;
      std::array<bool, dim> flat;
      flat.fill(true);
      for (const auto &cell : dofs.active_cell_iterators())
        if (cell->is_locally_owned())
          for (const unsigned int f : cell->face_indices())
            if (cell->face(f)->at_boundary() && cell->face(f)->boundary_id() == platen.boundary_id)
              for (const unsigned int v : cell->face(f)->vertex_indices())
                {
                  const Point<dim> x = cell->face(f)->vertex(v);
                  if (!have_first)
                    {
                      first      = x;
                      have_first = true;
                    }
                  for (unsigned int d = 0; d < dim; ++d)
                    flat[d] = flat[d] && std::abs(x[d] - first[d]) <= 1e-10 * cell->diameter();
                }
      // agree across ranks: the axis (first flat coordinate), its position and the sign
      int axis = dim;
      for (unsigned int d = 0; d < dim; ++d)
        if (have_first && flat[d])
          {
            axis = d;
            break;
          }
      const int    any_axis  = Utilities::MPI::min(have_first ? axis : dim + 1, comm);
      const int    max_axis  = Utilities::MPI::max(have_first ? axis : -1, comm);
      const double position  = have_first && axis < dim ? first[axis] : 0.;
      const double pos_min   = Utilities::MPI::min(have_first ? position : 1e300, comm);
      const double pos_max   = Utilities::MPI::max(have_first ? position : -1e300, comm);
      const double h         = GridTools::maximal_cell_diameter(tria);
      // the outward normal's sign along the axis, from every face (the body lies
      // on one side of the platen)
      double sign_min = 1., sign_max = -1.;
      if (any_axis < dim)
        for (const auto &cell : dofs.active_cell_iterators())
          if (cell->is_locally_owned())
            for (const unsigned int f : cell->face_indices())
              if (cell->face(f)->at_boundary() && cell->face(f)->boundary_id() == platen.boundary_id)
                {
                  const double sign = cell->face(f)->center()[any_axis] > cell->center()[any_axis] ? 1. : -1.;
                  sign_min          = std::min(sign_min, sign);
                  sign_max          = std::max(sign_max, sign);
                }
      sign_min = Utilities::MPI::min(sign_min, comm);
      sign_max = Utilities::MPI::max(sign_max, comm);
      if (any_axis > dim)
        throw std::invalid_argument("parameter 'Stack pressure/Platen boundary': the mesh has no "
                                    "face on this boundary part");
      if (any_axis >= dim || any_axis != max_axis || pos_max - pos_min > 1e-10 * h ||
          sign_min != sign_max)
        throw std::invalid_argument("parameter 'Stack pressure/Platen boundary': the platen needs "
                                    "a flat boundary part perpendicular to the x, y or z axis");
      platen.component   = any_axis;
      platen.normal_sign = sign_max;

      // the platen dofs: the normal displacement component on those faces
      platen.dofs = IndexSet(dofs.n_dofs());
      std::vector<types::global_dof_index> face_dofs;
      for (const auto &cell : dofs.active_cell_iterators())
        if (!cell->is_artificial())
          for (const unsigned int f : cell->face_indices())
            if (cell->face(f)->at_boundary() && cell->face(f)->boundary_id() == platen.boundary_id)
              {
                const auto &cell_fe = cell->get_fe();
                face_dofs.resize(cell_fe.n_dofs_per_face(f));
                cell->face(f)->get_dof_indices(face_dofs, cell->active_fe_index());
                for (unsigned int k = 0; k < face_dofs.size(); ++k)
                  if (cell_fe.face_system_to_component_index(k, f).first == platen.component)
                    platen.dofs.add_index(face_dofs[k]);
              }
      platen.dofs.compress();
      platen.master = Utilities::MPI::min(platen.dofs.n_elements() > 0 ?
                                            *platen.dofs.begin() :
                                            std::numeric_limits<types::global_dof_index>::max(),
                                          comm);
      // every rank writes to the master's row and reads its value
      relevant.add_index(platen.master);
      relevant.compress();

      // reference area (2πr dA in axisymmetry)
      hp::MappingCollection<dim> mappings(mapping_q);
      hp::FEFaceValues<dim>      ffv(mappings, fe, face_quadrature, update_JxW_values | update_quadrature_points);
      double                     a = 0.;
      for (const auto &cell : dofs.active_cell_iterators())
        if (cell->is_locally_owned())
          for (const unsigned int f : cell->face_indices())
            if (cell->face(f)->at_boundary() && cell->face(f)->boundary_id() == platen.boundary_id)
              {
                ffv.reinit(cell, f);
                const auto &v = ffv.get_present_fe_values();
                for (unsigned int q = 0; q < v.n_quadrature_points; ++q)
                  a += v.JxW(q) * volume_factor(v.quadrature_point(q));
              }
      platen.area = Utilities::MPI::sum(a, comm);
    }



    template <int dim>
    void
    CoupledProblem<dim>::set_platen_load(const double pressure, const double stiffness)
    {
      platen.pressure  = pressure;
      platen.stiffness = stiffness;
    }



    template <int dim>
    void
    CoupledProblem<dim>::set_platen_displacement(const double w)
    {
      for (const auto i : platen.dofs)
        if (owned.is_element(i))
          current(i) = platen.normal_sign * w;
      current.update_ghost_values();
    }



    template <int dim>
    double
    CoupledProblem<dim>::platen_displacement() const
    {
      if (!platen.enabled)
        return 0.;
      return platen.normal_sign * current(platen.master); // the master is in every rank's ghost set
    }



    template <int dim>
    types::global_dof_index
    CoupledProblem<dim>::platen_unknown() const
    {
      return platen.master;
    }



    template <int dim>
    double
    CoupledProblem<dim>::platen_area() const
    {
      return platen.area;
    }



    template <int dim>
    unsigned int
    CoupledProblem<dim>::n_quadrature_points() const
    {
      return cell_quadrature[0].size();
    }



    template <int dim>
    const Quadrature<dim> &
    CoupledProblem<dim>::quadrature() const
    {
      return cell_quadrature[0];
    }



    template <int dim>
    std::size_t
    CoupledProblem<dim>::history_index(const typename DoFHandler<dim>::cell_iterator &cell,
                                       const unsigned int                                    q) const
    {
      const std::size_t first = history_first[cell->active_cell_index()];
      return first == no_history ? no_history : first + q;
    }



    template <int dim>
    const materials::PlasticState &
    CoupledProblem<dim>::plastic_state(const typename DoFHandler<dim>::cell_iterator &cell,
                                       const unsigned int                                    q) const
    {
      static const materials::PlasticState virgin;
      const std::size_t                    i = history_index(cell, q);
      return i == no_history ? virgin : history_committed[i];
    }



    template <int dim>
    const materials::PlasticState &
    CoupledProblem<dim>::plastic_state_near(const typename DoFHandler<dim>::cell_iterator &cell,
                                            const Point<dim> &                                    x) const
    {
      unsigned int best = 0;
      double       best_distance = std::numeric_limits<double>::max();
      const auto & points        = quadrature().get_points();
      for (unsigned int q = 0; q < points.size(); ++q)
        {
          const double d = x.distance_square(mapping_q.transform_unit_to_real_cell(cell, points[q]));
          if (d < best_distance)
            {
              best_distance = d;
              best          = q;
            }
        }
      return plastic_state(cell, best);
    }



    template <int dim>
    void
    CoupledProblem<dim>::enable_generalised_plane_strain()
    {
      AssertThrow(coord == geometry::CoordinateSystem::plane_strain,
                  ExcMessage("generalised plane strain needs the plane-strain coordinate system"));
      generalised = true;
    }



    template <int dim>
    double
    CoupledProblem<dim>::out_of_plane_stretch() const
    {
      return stretch;
    }



    template <int dim>
    void
    CoupledProblem<dim>::set_out_of_plane_stretch(const double s)
    {
      stretch = s;
    }



    template <int dim>
    const typename CoupledProblem<dim>::Border &
    CoupledProblem<dim>::border() const
    {
      return border_data;
    }



    template <int dim>
    void
    CoupledProblem<dim>::add_cell_term(std::shared_ptr<const CellTerm<dim>> term)
    {
      cell_terms.push_back(term);
    }



    template <int dim>
    void
    CoupledProblem<dim>::add_boundary_term(std::shared_ptr<const BoundaryTerm<dim>> term)
    {
      if (displacement_operator)
        throw std::logic_error("CoupledProblem::add_boundary_term(): with a matrix-free "
                               "displacement block, add the boundary terms before setup()");
      boundary_terms.push_back(term);
    }



    template <int dim>
    void
    CoupledProblem<dim>::add_interface(std::shared_ptr<Interface<dim>> new_interface)
    {
      for (const auto &i : interfaces)
        if (i->name() == new_interface->name())
          throw std::logic_error("CoupledProblem::add_interface(): interface '" + i->name() +
                                 "' added twice");
      interfaces.push_back(new_interface);
      interface_terms.emplace_back();
    }



    template <int dim>
    const Interface<dim> &
    CoupledProblem<dim>::interface(const std::string &name) const
    {
      for (const auto &i : interfaces)
        if (i->name() == name)
          return *i;
      throw std::invalid_argument("there is no interface named '" + name + "'");
    }



    template <int dim>
    void
    CoupledProblem<dim>::add_interface_term(std::shared_ptr<const InterfaceTerm<dim>> term)
    {
      if (owned.size() > 0)
        throw std::logic_error("CoupledProblem::add_interface_term(): add the interface terms "
                               "before setup() (the sparsity patterns couple their faces)");
      for (unsigned int k = 0; k < interfaces.size(); ++k)
        if (interfaces[k]->name() == term->interface_name())
          {
            interface_terms[k].push_back(term);
            return;
          }
      throw std::logic_error("CoupledProblem::add_interface_term(): term '" + term->name() +
                             "' acts on interface '" + term->interface_name() +
                             "', which was not added");
    }



    template <int dim>
    void
    CoupledProblem<dim>::setup_interfaces()
    {
      // the face pairs, and each interface's reference area (from side 0)
      Scratch s(*this);
      for (auto &interface : interfaces)
        {
          interface->reinit(dofs, material_map, comm);
          double a = 0.;
          for (const auto &pair : interface->pairs())
            {
              const FEValuesBase<dim> &v = s.reinit_side(pair, 0);
              for (unsigned int q = 0; q < v.n_quadrature_points; ++q)
                a += v.JxW(q) * volume_factor(v.quadrature_point(q));
            }
          interface->area = Utilities::MPI::sum(a, comm);
        }
    }



    template <int dim>
    void
    CoupledProblem<dim>::set_initial_state()
    {
      current = 0.;
      std::vector<types::global_dof_index> local;
      for (const auto &cell : dofs.active_cell_iterators())
        if (cell->is_locally_owned())
          {
            const auto *active =
              dynamic_cast<const materials::ActiveMaterial *>(material_map.at(cell->material_id()).get());
            if (!active)
              continue;
            const double c0  = active->initial_concentration();
            // consistent with the undeformed mesh (stress-free when c_0 = c_ref)
            const double mu0 =
              active->chemical_potential(c0) +
              active->mechanical_response(Tensor<2, 3>(unit_symmetric_tensor<3>()), c0).mu;
            local.resize(cell->get_fe().n_dofs_per_cell());
            cell->get_dof_indices(local);
            for (unsigned int i = 0; i < local.size(); ++i)
              {
                const unsigned int comp = cell->get_fe().system_to_component_index(i).first;
                if (owned.is_element(local[i]) && comp >= dim)
                  current(local[i]) = comp == dim ? c0 : mu0;
              }
          }
      // dofs on the interface to a neighbour owned by another rank
      current.compress(VectorOperation::insert);
      current.update_ghost_values();
      old = current;
      old.update_ghost_values();
      state_invalid    = false;
      jacobian_current = false;

      // the committed plastic states carry the stress of the initial state,
      // so that output and history show it at step 0 (a pre-swollen start is
      // stressed where it is held); no plastic update
      Scratch s(*this);
      for (const auto &cell : dofs.active_cell_iterators())
        if (cell->is_locally_owned() && history_first[cell->active_cell_index()] != no_history)
          {
            const materials::Material &material = *material_map.at(cell->material_id());
            s.fe_values.reinit(cell);
            const FEValues<dim> &fv = s.fe_values.get_present_fe_values();
            s.fields[0].evaluate(fv, current, old);
            for (unsigned int q = 0; q < fv.n_quadrature_points; ++q)
              {
                materials::PlasticState &state = history_committed[history_index(cell, q)];
                s.p.plastic_step               = materials::PlasticStep{&state, nullptr, 0.};
                fill_point_data(fv, q, material, s.fields[0].values, s.fields[0].old_values, s.fields[0].grads, s.p, true);
                if (s.p.response.valid)
                  state.cauchy = s.p.response.tau / s.p.response.J;
              }
          }
      history_trial = history_committed;
    }



    template <int dim>
    void
    CoupledProblem<dim>::set_time_step(const double time_step)
    {
      dt = time_step;
    }



    template <int dim>
    void
    CoupledProblem<dim>::set_scales(const std::vector<double> &residual_scales,
                                    const std::vector<double> &x_scales)
    {
      AssertThrow(residual_scales.size() == 3 && x_scales.size() == 3,
                  ExcMessage("one scale per field"));
      residual_scale = residual_scales;
      unknown_scales = x_scales;
    }



    template <int dim>
    double
    CoupledProblem<dim>::unknown_scale(const unsigned int f) const
    {
      return unknown_scales.at(f);
    }



    template <int dim>
    void
    CoupledProblem<dim>::commit_step()
    {
      old = current;
      old.update_ghost_values();
      stretch_old = stretch;
      history_committed = history_trial;
    }



    template <int dim>
    void
    CoupledProblem<dim>::restore_step()
    {
      current = old;
      current.update_ghost_values();
      stretch = stretch_old;
      history_trial = history_committed;
    }



    template <int dim>
    double
    CoupledProblem<dim>::volume_factor(const Point<dim> &x) const
    {
      return coord == geometry::CoordinateSystem::axisymmetric ? 2. * numbers::PI * x[0] : 1.;
    }



    template <int dim>
    Tensor<2, 3>
    CoupledProblem<dim>::deformation_gradient(const Tensor<2, dim> &grad_u,
                                              const Tensor<1, dim> &u,
                                              const Point<dim> &    x) const
    {
      Tensor<2, 3> F = unit_symmetric_tensor<3>();
      for (unsigned int i = 0; i < dim; ++i)
        for (unsigned int j = 0; j < dim; ++j)
          F[i][j] += grad_u[i][j];
      if (coord == geometry::CoordinateSystem::axisymmetric)
        F[2][2] += u[0] / x[0];
      else if (coord == geometry::CoordinateSystem::plane_strain)
        F[2][2] = stretch;
      return F;
    }



    template <int dim>
    Tensor<2, 3>
    CoupledProblem<dim>::deformation_gradient(const Tensor<2, dim> &grad_u,
                                              const Tensor<1, dim> &u,
                                              const Point<dim> &    x,
                                              const double          h) const
    {
      if (coord == geometry::CoordinateSystem::axisymmetric && std::abs(x[0]) < 1e-8 * h)
        {
          Tensor<2, 3> F = deformation_gradient(grad_u, Tensor<1, dim>(), x);
          F[2][2]        = 1. + grad_u[0][0];
          return F;
        }
      return deformation_gradient(grad_u, u, x);
    }



    template <int dim>
    void
    CoupledProblem<dim>::fill_point_data(const FEValuesBase<dim> &                 fv,
                                         const unsigned int                        q,
                                         const materials::Material &               material,
                                         const std::vector<Vector<double>> &       values,
                                         const std::vector<Vector<double>> &       old_values,
                                         const std::vector<std::vector<Tensor<1, dim>>> &grads,
                                         PointData<dim> &                          p,
                                         const bool with_response) const
    {
      const Point<dim> &x    = fv.quadrature_point(q);
      const bool        axi  = coord == geometry::CoordinateSystem::axisymmetric;
      const auto &      cfe  = fv.get_fe();
      const unsigned int n   = cfe.n_dofs_per_cell();
      p.resize(n);
      p.JxW = fv.JxW(q) * volume_factor(x);
      p.dt  = dt;

      Tensor<2, dim> grad_u;
      Tensor<1, dim> u;
      for (unsigned int d = 0; d < dim; ++d)
        {
          grad_u[d] = grads[q][d];
          u[d]      = values[q](d);
        }
      p.F      = deformation_gradient(grad_u, u, x);
      p.active = dynamic_cast<const materials::ActiveMaterial *>(&material);
      if (p.active)
        {
          p.c       = values[q](dim);
          p.c_old   = old_values[q](dim);
          p.mu      = values[q](dim + 1);
          p.grad_mu = grads[q][dim + 1];
        }
      if (with_response)
        p.response = material.mechanical_response(p.F, p.c, p.plastic_step);

      for (unsigned int i = 0; i < n; ++i)
        {
          const unsigned int comp = cfe.system_to_component_index(i).first;
          if (comp < dim)
            {
              p.field[i] = Field::displacement;
              p.dF[i]    = Tensor<2, 3>();
              p.shape_u[i] = Tensor<1, 3>();
              const Tensor<1, dim> g = fv.shape_grad_component(i, q, comp);
              for (unsigned int j = 0; j < dim; ++j)
                p.dF[i][comp][j] = g[j];
              const double v    = fv.shape_value_component(i, q, comp);
              p.shape_u[i][comp] = v;
              if (axi && comp == 0)
                p.dF[i][2][2] = v / x[0];
            }
          else
            {
              p.field[i]    = comp == dim ? Field::concentration : Field::chemical_potential;
              p.phi[i]      = fv.shape_value_component(i, q, comp);
              p.grad_phi[i] = fv.shape_grad_component(i, q, comp);
            }
        }
    }



    namespace
    {
      /// Values and gradients of the fields at the points of one FEValues.
      template <int dim>
      struct FieldValues
      {
        std::vector<Vector<double>>              values, old_values;
        std::vector<std::vector<Tensor<1, dim>>> grads;

        /// Values and gradients of @p x (and values of @p x_old) at the points of @p v.
        void
        evaluate(const FEValuesBase<dim> &v, const solvers::Vector &x, const solvers::Vector &x_old)
        {
          const unsigned int nq = v.n_quadrature_points;
          if (values.size() != nq) // cell and face quadratures alternate; reallocate only then
            {
              values.assign(nq, Vector<double>(dim + 2));
              old_values.assign(nq, Vector<double>(dim + 2));
              grads.assign(nq, std::vector<Tensor<1, dim>>(dim + 2));
            }
          v.get_function_values(x, values);
          v.get_function_values(x_old, old_values);
          v.get_function_gradients(x, grads);
        }
      };
    } // namespace



    /// Work arrays of the cell and interface loops, reused from cell to cell.
    template <int dim>
    struct CoupledProblem<dim>::Scratch
    {
      static UpdateFlags
      flags()
      {
        return update_values | update_gradients | update_quadrature_points | update_JxW_values;
      }

      Scratch(const CoupledProblem<dim> &problem)
        : mappings(problem.mapping_q)
        , fe_values(mappings, problem.fe, problem.cell_quadrature, flags())
        , face_values{{hp::FEFaceValues<dim>(mappings, problem.fe, problem.face_quadrature, flags() | update_normal_vectors),
                       hp::FEFaceValues<dim>(mappings, problem.fe, problem.face_quadrature, flags() | update_normal_vectors)}}
        , subface_values{{hp::FESubfaceValues<dim>(mappings, problem.fe, problem.face_quadrature, flags() | update_normal_vectors),
                          hp::FESubfaceValues<dim>(mappings, problem.fe, problem.face_quadrature, flags() | update_normal_vectors)}}
      {}

      hp::MappingCollection<dim>               mappings;
      hp::FEValues<dim>                        fe_values;
      /// Face and subface values of side 0 (also for boundary faces) and side 1.
      std::array<hp::FEFaceValues<dim>, 2>     face_values;
      std::array<hp::FESubfaceValues<dim>, 2>  subface_values;
      FullMatrix<double>                       cell_matrix, cell_block_c, schur;
      Vector<double>                           cell_rhs, cell_dR_dstretch, cell_dr_dx;
      std::vector<types::global_dof_index>     local_dofs;
      std::array<FieldValues<dim>, 2>          fields;
      PointData<dim>                           p;
      std::vector<const BoundaryTerm<dim> *>   face_terms;
      /// The out-of-plane force ∫ P_zz dV and its λ_z-derivative (generalised plane strain).
      double r_global = 0., dr_dstretch = 0.;

      // one interface face pair: per side its dofs, residual and λ_z-derivative, the four blocks
      InterfacePointData<dim>                                  ip;
      std::array<std::vector<types::global_dof_index>, 2>      pair_dofs;
      std::array<Vector<double>, 2>                            pair_rhs, pair_dR;
      std::array<std::array<FullMatrix<double>, 2>, 2>         pair_matrix;
      std::vector<unsigned int>                                match;

      /// Side @p t of an interface face pair: its face (or subface) values.
      const FEValuesBase<dim> &
      reinit_side(const typename Interface<dim>::FacePair &pair, const unsigned int t)
      {
        if (pair.subface[t] != numbers::invalid_unsigned_int)
          {
            subface_values[t].reinit(pair.cell[t], pair.face[t], pair.subface[t]);
            return subface_values[t].get_present_fe_values();
          }
        face_values[t].reinit(pair.cell[t], pair.face[t]);
        return face_values[t].get_present_fe_values();
      }
    };



    template <int dim>
    bool
    CoupledProblem<dim>::assemble_cell(const typename DoFHandler<dim>::active_cell_iterator &cell,
                                       Scratch &                                            s,
                                       const AssemblyMode                                   mode)
    {
      const bool                 frozen   = mode == AssemblyMode::frozen_history;
      const bool                 jacobian = mode == AssemblyMode::jacobian;
      const bool                 with_preconditioner = jacobian && solver->needs_field_split();
      const materials::Material &material = *material_map.at(cell->material_id());
      s.fe_values.reinit(cell);
      const FEValues<dim> &fv = s.fe_values.get_present_fe_values();
      const unsigned int   n  = cell->get_fe().n_dofs_per_cell();
      s.cell_matrix.reinit(jacobian ? n : 0, jacobian ? n : 0);
      if (with_preconditioner)
        {
          s.cell_block_c.reinit(n, n);
          s.schur.reinit(n, n);
        }
      s.cell_rhs.reinit(n);
      const bool border = generalised && !frozen;
      if (border)
        {
          s.cell_dR_dstretch.reinit(n);
          s.cell_dr_dx.reinit(n);
        }
      s.local_dofs.resize(n);
      cell->get_dof_indices(s.local_dofs);

      s.fields[0].evaluate(fv, current, old);

      PointData<dim> &p = s.p;
      FullMatrix<double> *matrix = jacobian ? &s.cell_matrix : nullptr;
      for (unsigned int q = 0; q < fv.n_quadrature_points; ++q)
        {
          const std::size_t h    = history_index(cell, q);
          const bool        flow = h != no_history;
          p.plastic_step.old     = flow ? &history_committed[h] : nullptr;
          // frozen: the stress of the committed state, without a further update
          p.plastic_step.updated = flow && !frozen ? &history_trial[h] : nullptr;
          p.plastic_step.dt      = dt;
          fill_point_data(fv, q, material, s.fields[0].values, s.fields[0].old_values, s.fields[0].grads, p, true);
          if (!p.response.valid)
            return false; // inverted element or failed constitutive update
          p.d_residual_d_stretch   = border ? &s.cell_dR_dstretch : nullptr;
          p.displacement_stiffness = !displacement_operator;
          if (displacement_operator && jacobian)
            displacement_operator->set_tangent(cell->active_cell_index(),
                                               q,
                                               p.response.dP_dF,
                                               unknown_scales[0] / residual_scale[0]);
          for (const auto &term : cell_terms)
            if (!term->active_material_only() || p.active)
              term->add(p, s.cell_rhs, matrix);
          if (border)
            MechanicsTerm<dim>::add_out_of_plane_force(p, s.r_global, s.dr_dstretch, s.cell_dr_dx);
          if (with_preconditioner && p.active)
            TransportTerm<dim>::add_schur_approximation(p, s.schur);
        }

      for (const unsigned int f : cell->face_indices())
        {
          // boundary parts (interfaces are assembled pair by pair, see assemble_pair())
          if (!cell->face(f)->at_boundary())
            continue;
          const types::boundary_id face_id = cell->face(f)->boundary_id();
          s.face_terms.clear();
          for (const auto &term : boundary_terms)
            if (term->boundary_ids().count(face_id))
              s.face_terms.push_back(term.get());
          if (s.face_terms.empty())
            continue;
          s.face_values[0].reinit(cell, f);
          const FEFaceValues<dim> &ffv = s.face_values[0].get_present_fe_values();
          s.fields[0].evaluate(ffv, current, old);
          for (unsigned int q = 0; q < ffv.n_quadrature_points; ++q)
            {
              // boundary terms need kinematics and shape data, not the material response
              fill_point_data(ffv, q, material, s.fields[0].values, s.fields[0].old_values, s.fields[0].grads, p, false);
              p.d_residual_d_stretch = border ? &s.cell_dR_dstretch : nullptr;
              p.normal               = Tensor<1, 3>();
              for (unsigned int d = 0; d < dim; ++d)
                p.normal[d] = ffv.normal_vector(q)[d];
              for (const auto *term : s.face_terms)
                term->add(p, s.cell_rhs, matrix);
            }
        }
      return true;
    }



    template <int dim>
    void
    CoupledProblem<dim>::scale_and_distribute(const typename DoFHandler<dim>::active_cell_iterator &cell,
                                              Scratch &                                            s,
                                              const bool                                           with_jacobian)
    {
      const bool         with_preconditioner = with_jacobian && solver->needs_field_split();
      const auto &       cfe                 = cell->get_fe();
      const unsigned int n                   = cfe.n_dofs_per_cell();
      // to scaled units: J̃_ij = J_ij s_x(j) / s_R(i), R̃_i = R_i / s_R(i)
      for (unsigned int i = 0; i < n; ++i)
        {
          const double row = 1. / residual_scale[field_of(cfe.system_to_component_index(i).first)];
          s.cell_rhs(i) *= row;
          if (generalised)
            {
              // λ_z is dimensionless (scale 1); r is scaled by S_u L
              s.cell_dR_dstretch(i) *= row;
              s.cell_dr_dx(i) *= unknown_scales[field_of(cfe.system_to_component_index(i).first)] /
                                 (residual_scale[0] * unknown_scales[0]);
            }
          if (with_jacobian)
            for (unsigned int j = 0; j < n; ++j)
              s.cell_matrix(i, j) *= row * unknown_scales[field_of(cfe.system_to_component_index(j).first)];
        }
      if (with_preconditioner)
        {
          // lithium preconditioner: Schur approximation on c, lumped mass on μ
          for (unsigned int i = 0; i < n; ++i)
            {
              const unsigned int fi = field_of(cfe.system_to_component_index(i).first);
              for (unsigned int j = 0; j < n; ++j)
                {
                  const unsigned int fj = field_of(cfe.system_to_component_index(j).first);
                  if (fi == 1 && fj == 1)
                    s.cell_block_c(i, j) = s.schur(i, j) * unknown_scales[1] / residual_scale[1];
                  else if (fi == 2 && fj == 2)
                    s.cell_block_c(i, i) += s.cell_matrix(i, j);
                }
            }
        }
      update_constraints.distribute_local_to_global(s.cell_rhs, s.local_dofs, rhs);
      if (generalised)
        {
          update_constraints.distribute_local_to_global(s.cell_dR_dstretch, s.local_dofs, border_data.dR_dstretch);
          update_constraints.distribute_local_to_global(s.cell_dr_dx, s.local_dofs, border_data.dr_dx);
        }
      if (with_jacobian)
        solver->add(s.cell_matrix, with_preconditioner ? s.cell_block_c : FullMatrix<double>(), s.local_dofs,
                    update_constraints);
    }



    template <int dim>
    bool
    CoupledProblem<dim>::assemble_pair(const unsigned int                       k,
                                       const typename Interface<dim>::FacePair &pair,
                                       Scratch &                                s,
                                       const AssemblyMode                       mode)
    {
      const bool jacobian = mode == AssemblyMode::jacobian;
      const bool border   = generalised && mode != AssemblyMode::frozen_history;
      std::array<const FEValuesBase<dim> *, 2> v;
      for (unsigned int t = 0; t < 2; ++t)
        {
          const auto &cell = pair.cell[t];
          v[t]             = &s.reinit_side(pair, t);
          s.fields[t].evaluate(*v[t], current, old);
          const unsigned int n = cell->get_fe().n_dofs_per_cell();
          s.pair_dofs[t].resize(n);
          cell->get_dof_indices(s.pair_dofs[t]);
          s.pair_rhs[t].reinit(n);
          s.pair_dR[t].reinit(border ? n : 0);
          s.ip.d_residual_d_stretch[t] = border ? &s.pair_dR[t] : nullptr;
        }
      for (unsigned int a = 0; a < 2; ++a)
        for (unsigned int b = 0; b < 2; ++b)
          s.pair_matrix[a][b].reinit(jacobian ? s.pair_dofs[a].size() : 0, jacobian ? s.pair_dofs[b].size() : 0);

      // the same points seen from both sides (the orders may differ where
      // the two faces are oriented differently): nearest point of side 1
      const unsigned int nq = v[0]->n_quadrature_points;
      AssertThrow(v[1]->n_quadrature_points == nq, ExcInternalError());
      s.match.resize(nq);
      for (unsigned int q = 0; q < nq; ++q)
        {
          double best = std::numeric_limits<double>::max();
          for (unsigned int r = 0; r < nq; ++r)
            {
              const double d = v[0]->quadrature_point(q).distance_square(v[1]->quadrature_point(r));
              if (d < best)
                {
                  best       = d;
                  s.match[q] = r;
                }
            }
        }
      const materials::Material &m0 = *material_map.at(pair.cell[0]->material_id());
      const materials::Material &m1 = *material_map.at(pair.cell[1]->material_id());
      auto *matrix = jacobian ? &s.pair_matrix : nullptr;
      for (unsigned int q = 0; q < nq; ++q)
        {
          fill_point_data(*v[0], q, m0, s.fields[0].values, s.fields[0].old_values, s.fields[0].grads, s.ip.side[0], false);
          fill_point_data(*v[1], s.match[q], m1, s.fields[1].values, s.fields[1].old_values, s.fields[1].grads, s.ip.side[1], false);
          s.ip.JxW    = s.ip.side[0].JxW;
          s.ip.normal = Tensor<1, 3>();
          for (unsigned int d = 0; d < dim; ++d)
            s.ip.normal[d] = v[0]->normal_vector(q)[d];
          s.ip.side[0].normal = s.ip.normal;
          s.ip.side[1].normal = -s.ip.normal;
          for (const auto &term : interface_terms[k])
            term->add(s.ip, s.pair_rhs, matrix);
        }
      return true;
    }



    template <int dim>
    void
    CoupledProblem<dim>::scale_and_distribute_pair(Scratch &s, const bool with_jacobian)
    {
      // one local numbering for both sides, each global dof once (the sides
      // share the dofs of the face where a field is continuous through it)
      std::vector<types::global_dof_index> dofs;
      std::array<std::vector<unsigned int>, 2> local;
      for (unsigned int t = 0; t < 2; ++t)
        {
          local[t].resize(s.pair_dofs[t].size());
          for (unsigned int i = 0; i < s.pair_dofs[t].size(); ++i)
            {
              const auto it = std::find(dofs.begin(), dofs.end(), s.pair_dofs[t][i]);
              local[t][i]   = it - dofs.begin();
              if (it == dofs.end())
                dofs.push_back(s.pair_dofs[t][i]);
            }
        }
      const unsigned int n = dofs.size();
      Vector<double>     rhs_local(n), dR_local(generalised ? n : 0);
      FullMatrix<double> matrix(with_jacobian ? n : 0, with_jacobian ? n : 0);
      for (unsigned int a = 0; a < 2; ++a)
        for (unsigned int i = 0; i < s.pair_dofs[a].size(); ++i)
          {
            const unsigned int fi  = static_cast<unsigned int>(s.ip.side[a].field[i]);
            const double       row = 1. / residual_scale[fi];
            rhs_local(local[a][i]) += s.pair_rhs[a](i) * row;
            if (generalised && s.pair_dR[a].size() > 0)
              dR_local(local[a][i]) += s.pair_dR[a](i) * row;
            if (with_jacobian)
              for (unsigned int b = 0; b < 2; ++b)
                for (unsigned int j = 0; j < s.pair_dofs[b].size(); ++j)
                  matrix(local[a][i], local[b][j]) +=
                    s.pair_matrix[a][b](i, j) * row *
                    unknown_scales[static_cast<unsigned int>(s.ip.side[b].field[j])];
          }
      update_constraints.distribute_local_to_global(rhs_local, dofs, rhs);
      if (generalised)
        update_constraints.distribute_local_to_global(dR_local, dofs, border_data.dR_dstretch);
      if (with_jacobian)
        solver->add(matrix, FullMatrix<double>(), dofs, update_constraints);
    }



    template <int dim>
    void
    CoupledProblem<dim>::for_each_coupled_set(
      const std::function<void(const std::vector<types::global_dof_index> &)> &f,
      const bool                                                               displacements_only) const
    {
      std::vector<types::global_dof_index> local, other;
      for (const auto &cell : dofs.active_cell_iterators())
        if (cell->is_locally_owned())
          {
            local.resize(cell->get_fe().n_dofs_per_cell());
            cell->get_dof_indices(local);
            if (!displacements_only)
              f(local);
          }
      for (unsigned int k = 0; k < interfaces.size(); ++k)
        {
          bool couples = false;
          for (const auto &term : interface_terms[k])
            {
              const FieldCoupling c = term->coupling();
              for (unsigned int a = 0; a < 3; ++a)
                for (unsigned int b = 0; b < 3; ++b)
                  couples = couples || (c[a][b] && (!displacements_only || (a == 0 && b == 0)));
            }
          if (!couples)
            continue;
          for (const auto &pair : interfaces[k]->pairs())
            {
              local.resize(pair.cell[0]->get_fe().n_dofs_per_cell());
              pair.cell[0]->get_dof_indices(local);
              other.resize(pair.cell[1]->get_fe().n_dofs_per_cell());
              pair.cell[1]->get_dof_indices(other);
              for (const auto i : other)
                if (std::find(local.begin(), local.end(), i) == local.end())
                  local.push_back(i);
              f(local);
            }
        }
    }



    template <int dim>
    void
    CoupledProblem<dim>::assemble(const bool with_jacobian)
    {
      Timer timer;
      if (with_jacobian)
        solver->zero();
      rhs = 0.;
      if (generalised)
        {
          border_data.dR_dstretch = 0.;
          border_data.dr_dx       = 0.;
        }
      Scratch s(*this);
      // An invalid state (J <= 0, failed constitutive update) on any cell of
      // any rank makes the residual norm +inf on all ranks (residual_norms()),
      // so that Newton cuts the step; a flag, not a NaN in the residual,
      // which a constrained dof would drop.
      int invalid = 0;
      for (const auto &cell : dofs.active_cell_iterators())
        {
          if (!cell->is_locally_owned())
            continue;
          if (!assemble_cell(cell, s, with_jacobian ? AssemblyMode::jacobian : AssemblyMode::residual))
            {
              invalid = 1;
              break; // nothing of this assembly will be used
            }
          scale_and_distribute(cell, s, with_jacobian);
        }
      if (!invalid)
        for (unsigned int k = 0; k < interfaces.size(); ++k)
          if (!interface_terms[k].empty())
            {
              // terms that depend on no unknown (a prescribed flux) add no matrix entries
              bool couples = false;
              for (const auto &term : interface_terms[k])
                for (const auto &row : term->coupling())
                  for (const bool c : row)
                    couples = couples || c;
              const bool pair_jacobian = with_jacobian && couples;
              for (const auto &pair : interfaces[k]->pairs())
                {
                  assemble_pair(k, pair, s, pair_jacobian ? AssemblyMode::jacobian : AssemblyMode::residual);
                  scale_and_distribute_pair(s, pair_jacobian);
                }
            }
      state_invalid = Utilities::MPI::max(invalid, comm) != 0;
      // the Jacobian (and a matrix-free tangent) of this assembly is usable
      // only for a valid state
      jacobian_current = with_jacobian && !state_invalid;
      if (platen.enabled && !platen.displacement_controlled && owned.is_element(platen.master))
        {
          // external load against the outward normal n: R_master += n (p A + k w)
          const double w = platen.normal_sign * current(platen.master);
          rhs(platen.master) +=
            platen.normal_sign * (platen.pressure * platen.area + platen.stiffness * w) / residual_scale[0];
          if (with_jacobian && platen.stiffness != 0.)
            {
              FullMatrix<double> k(1, 1);
              k(0, 0) = platen.stiffness * unknown_scales[0] / residual_scale[0];
              std::vector<types::global_dof_index> master{platen.master};
              solver->add(k, FullMatrix<double>(), master, update_constraints);
            }
        }
      rhs.compress(VectorOperation::add);
      if (generalised)
        {
          border_data.dR_dstretch.compress(VectorOperation::add);
          border_data.dr_dx.compress(VectorOperation::add);
          const double scale      = 1. / (residual_scale[0] * unknown_scales[0]);
          border_data.r           = Utilities::MPI::sum(s.r_global, comm) * scale;
          border_data.dr_dstretch = Utilities::MPI::sum(s.dr_dstretch, comm) * scale;
        }
      if (with_jacobian)
        solver->compress();
      assembly_seconds += timer.wall_time();
    }



    template <int dim>
    bool
    CoupledProblem<dim>::invalid_state() const
    {
      return state_invalid;
    }



    template <int dim>
    double
    CoupledProblem<dim>::platen_reaction_pressure()
    {
      if (!platen.enabled)
        return 0.;
      // the internal force on the platen dofs of the current state with the
      // committed history (no plastic update): a function of the state, not
      // of whichever iterate was assembled last
      Scratch s(*this);
      double  force   = 0.;
      int     invalid = 0;
      for (const auto &cell : dofs.active_cell_iterators())
        if (cell->is_locally_owned())
          {
            bool touches = false;
            s.local_dofs.resize(cell->get_fe().n_dofs_per_cell());
            cell->get_dof_indices(s.local_dofs);
            for (const auto i : s.local_dofs)
              touches = touches || platen.dofs.is_element(i);
            if (!touches)
              continue;
            if (!assemble_cell(cell, s, AssemblyMode::frozen_history))
              {
                invalid = 1;
                continue;
              }
            for (unsigned int i = 0; i < s.local_dofs.size(); ++i)
              if (platen.dofs.is_element(s.local_dofs[i]))
                force += s.cell_rhs(i);
          }
      for (unsigned int k = 0; k < interfaces.size(); ++k)
        if (!interface_terms[k].empty())
          for (const auto &pair : interfaces[k]->pairs())
            {
              assemble_pair(k, pair, s, AssemblyMode::frozen_history);
              for (unsigned int t = 0; t < 2; ++t)
                for (unsigned int i = 0; i < s.pair_dofs[t].size(); ++i)
                  if (platen.dofs.is_element(s.pair_dofs[t][i]))
                    force += s.pair_rhs[t](i);
            }
      if (Utilities::MPI::max(invalid, comm) != 0)
        return std::numeric_limits<double>::quiet_NaN();
      return -platen.normal_sign * Utilities::MPI::sum(force, comm) / platen.area;
    }



    template <int dim>
    const solvers::DisplacementOperator *
    CoupledProblem<dim>::matrix_free_displacement() const
    {
      return displacement_operator.get();
    }



    template <int dim>
    std::vector<double>
    CoupledProblem<dim>::residual_norms() const
    {
      if (state_invalid)
        return std::vector<double>(3, std::numeric_limits<double>::infinity());
      std::vector<double> sq(3, 0.);
      for (unsigned int f = 0; f < 3; ++f)
        for (const auto i : field_dofs[f])
          sq[f] += rhs(i) * rhs(i);
      Utilities::MPI::sum(sq, comm, sq);
      if (generalised) // the out-of-plane force balance belongs to the mechanics
        sq[0] += border_data.r * border_data.r;
      for (double &s : sq)
        s = std::sqrt(s);
      return sq;
    }



    template <int dim>
    std::vector<std::string>
    CoupledProblem<dim>::field_names() const
    {
      return {"displacement", "concentration", "chemical potential"};
    }



    template <int dim>
    unsigned int
    CoupledProblem<dim>::solve_for_direction()
    {
      if (!jacobian_current)
        throw std::logic_error("CoupledProblem::solve_for_direction(): the last assembly has no "
                               "usable Jacobian (residual only, or an invalid state)");
      Timer           timer;
      solvers::Vector minus_rhs(rhs);
      minus_rhs *= -1.;
      direction = 0.;
      // a failure on one rank must fail the solve on all ranks, or they would
      // take different paths afterwards
      unsigned int its    = 0;
      std::string  reason;
      try
        {
          its = solver->solve(minus_rhs, direction);
        }
      catch (const std::exception &e)
        {
          reason = e.what();
        }
      if (Utilities::MPI::max(reason.empty() ? 0 : 1, comm) != 0)
        throw std::runtime_error(reason.empty() ? "on another rank" : reason.substr(0, 200));
      if (generalised)
        {
          // [J b; cᵀ d] [δx; δλ] = −[R; r]: δx = y1 − y2 δλ with J y1 = −R, J y2 = b
          solvers::Vector y2(direction);
          its += solver->solve(border_data.dR_dstretch, y2);
          const double cy1  = border_data.dr_dx * direction;
          const double cy2  = border_data.dr_dx * y2;
          stretch_direction = (-border_data.r - cy1) / (border_data.dr_dstretch - cy2);
          direction.add(-stretch_direction, y2);
        }
      for (unsigned int f = 0; f < 3; ++f) // back from scaled units
        for (const auto i : field_dofs[f])
          direction(i) *= unknown_scales[f];
      update_constraints.distribute(direction);
      direction.update_ghost_values();
      solve_seconds += timer.wall_time();
      return its;
    }



    template <int dim>
    void
    CoupledProblem<dim>::store_iterate()
    {
      iterate_start = current;
      stretch_start = stretch;
    }



    template <int dim>
    void
    CoupledProblem<dim>::apply_direction(const double alpha)
    {
      current = iterate_start;
      current.add(alpha, direction);
      stretch = stretch_start + alpha * stretch_direction;
      current.update_ghost_values();
    }



    template <int dim>
    const DoFHandler<dim> &
    CoupledProblem<dim>::dof_handler() const
    {
      return dofs;
    }

    template <int dim>
    const Mapping<dim> &
    CoupledProblem<dim>::mapping() const
    {
      return mapping_q;
    }

    template <int dim>
    const MaterialMap &
    CoupledProblem<dim>::materials() const
    {
      return material_map;
    }

    template <int dim>
    geometry::CoordinateSystem
    CoupledProblem<dim>::coordinate_system() const
    {
      return coord;
    }

    template <int dim>
    solvers::Vector &
    CoupledProblem<dim>::solution()
    {
      return current;
    }

    template <int dim>
    const solvers::Vector &
    CoupledProblem<dim>::old_solution() const
    {
      return old;
    }

    template <int dim>
    const solvers::Vector &
    CoupledProblem<dim>::residual() const
    {
      return rhs;
    }

    template <int dim>
    const solvers::LinearSolver &
    CoupledProblem<dim>::linear_solver() const
    {
      return *solver;
    }

    template <int dim>
    const AffineConstraints<double> &
    CoupledProblem<dim>::constraints() const
    {
      return update_constraints;
    }

    template <int dim>
    types::global_dof_index
    CoupledProblem<dim>::n_dofs() const
    {
      return dofs.n_dofs();
    }

    template <int dim>
    const IndexSet &
    CoupledProblem<dim>::locally_owned_field_dofs(const unsigned int f) const
    {
      return field_dofs.at(f);
    }

    template class CoupledProblem<2>;
    template class CoupledProblem<3>;
  } // namespace physics
} // namespace siswell
