// CoupledProblem: the finite element, the dofs and constraints, the sparsity
// patterns from the terms' couplings, the terms and interfaces, kinematics.
// The platen, the assembly and the state live in coupled_problem_*.cc.
#include "coupled_problem_internal.h"

namespace siswell
{
  namespace physics
  {
    using namespace dealii;

    template <int dim>
    unsigned int
    CoupledProblem<dim>::field_of(const unsigned int component)
    {
      return Fields<dim>::index(Fields<dim>::field_of_component(component));
    }

    template <int dim>
    CoupledProblem<dim>::CoupledProblem(const MPI_Comm                         comm,
                                        const geometry::CoordinateSystem       coordinate_system,
                                        const MaterialMap                     &materials,
                                        const unsigned int                     degree,
                                        const solvers::LinearSolverParameters &linear_solver)
        : comm(comm), coord(coordinate_system), material_map(materials),
          tria(comm,
               typename Triangulation<dim>::MeshSmoothing(
                   Triangulation<dim>::smoothing_on_refinement |
                   Triangulation<dim>::smoothing_on_coarsening)),
          mapping_q(degree), dofs(tria), solver(solvers::LinearSolver::create(linear_solver, comm)),
          matrix_free_requested(
              linear_solver.method == solvers::LinearSolverParameters::Method::iterative &&
              linear_solver.displacement_multigrid ==
                  solvers::LinearSolverParameters::Multigrid::p_multigrid &&
              linear_solver.displacement_operator ==
                  solvers::LinearSolverParameters::Operator::matrix_free &&
              degree >= 2 && coordinate_system != geometry::CoordinateSystem::axisymmetric)
    {
      // one FESystem per kind of material and side, field by field
      // (Fields<dim>), then the far-side displacement copy
      for (const unsigned int fe_index :
           {active_fe_index, inert_fe_index, far_active_fe_index, far_inert_fe_index})
        {
          const bool far = fe_index == far_active_fe_index || fe_index == far_inert_fe_index;
          std::vector<std::unique_ptr<FiniteElement<dim>>> bases;
          std::vector<const FiniteElement<dim> *>          base_pointers;
          std::vector<unsigned int>                        multiplicities;
          auto add = [&](const bool present, const unsigned int p, const unsigned int n) {
            if (present)
              bases.push_back(std::make_unique<FE_Q<dim>>(p));
            else
              bases.push_back(std::make_unique<FE_Nothing<dim>>());
            base_pointers.push_back(bases.back().get());
            multiplicities.push_back(n);
          };
          for (const auto &f : Fields<dim>::table())
            add((!f.lithium_carriers_only || carries_lithium(fe_index)) &&
                    !(f.field == Field::displacement && far),
                f.displacement_degree ? degree : 1,
                f.n_components);
          add(far, degree, Fields<dim>::n_components_of(Field::displacement));
          fe.push_back(FESystem<dim>(base_pointers, multiplicities));
        }
      for (unsigned int k = 0; k < fe.size(); ++k)
        {
          cell_quadrature.push_back(QGauss<dim>(degree + 1));
          face_quadrature.push_back(QGauss<dim - 1>(degree + 1));
        }
      interface_quadrature = face_quadrature; // until setup() knows the split interfaces
    }

    template <int dim>
    parallel::distributed::Triangulation<dim> &
    CoupledProblem<dim>::triangulation()
    {
      return tria;
    }

    template <int dim>
    void
    CoupledProblem<dim>::setup(const std::vector<DisplacementConstraint> &constraints)
    {
      displacement_constraints = constraints;
      // where an interface is split: p Gauss points per face direction, as
      // many contact points as the face adds nodes (p + 1 would
      // over-constrain the gap, doc/theory.md §5e)
      bool split = false;
      for (const auto &i : interfaces)
        split = split || i->is_split();
      interface_quadrature = hp::QCollection<dim - 1>();
      for (unsigned int k = 0; k < fe.size(); ++k)
        interface_quadrature.push_back(split ? Quadrature<dim - 1>(QGauss<dim - 1>(fe[0].degree))
                                             : face_quadrature[k]);
      setup_dofs_and_constraints(displacement_constraints);
      field_dofs.clear();
      for (unsigned int f = 0; f < Fields<dim>::n_fields; ++f)
        field_dofs.push_back(
            DoFTools::extract_dofs(dofs, Fields<dim>::mask(Fields<dim>::field(f))) & owned);
      setup_interfaces();
      setup_linear_system();
      current.reinit(owned, relevant, comm);
      old.reinit(current);
      rhs.reinit(current);
      direction.reinit(current);
      iterate_start.reinit(current);
      scalars.reinit(current);
      setup_history();
    }

    template <int dim>
    void
    CoupledProblem<dim>::setup_dofs_and_constraints(
        const std::vector<DisplacementConstraint> &displacement_constraints)
    {
      for (const auto &cell : dofs.active_cell_iterators())
        if (cell->is_locally_owned())
          {
            const auto it = material_map.find(cell->material_id());
            if (it == material_map.end())
              throw std::invalid_argument("internal: no material for material id " +
                                          std::to_string(cell->material_id()));
            bool far = false;
            for (const auto &i : interfaces)
              far = far || (i->is_split() && i->on_side(*it->second, 1));
            const bool active = it->second->is_active();
            cell->set_active_fe_index(far ? (active ? far_active_fe_index : far_inert_fe_index)
                                          : (active ? active_fe_index : inert_fe_index));
          }
      dofs.distribute_dofs(fe);
      owned    = dofs.locally_owned_dofs();
      relevant = DoFTools::extract_locally_relevant_dofs(dofs);
      {
        // after adaptive refinement: the hanging dofs follow their parents
        // (the platen's among them follow the platen through those)
        AffineConstraints<double> hanging(relevant);
        DoFTools::make_hanging_node_constraints(dofs, hanging);
        hanging_dofs = IndexSet(dofs.n_dofs());
        for (const auto &line : hanging.get_lines())
          hanging_dofs.add_index(line.index);
        hanging_dofs.compress();
      }
      if (platen.enabled)
        setup_platen(); // adds the master dof to the relevant set

      update_constraints.clear();
      update_constraints.reinit(relevant);
      DoFTools::make_hanging_node_constraints(dofs, update_constraints);
      for (const auto &dc : displacement_constraints)
        {
          std::vector<bool> mask(Fields<dim>::n_components(), false);
          for (unsigned int c = 0; c < Fields<dim>::n_components(); ++c)
            for (unsigned int d = 0; d < dim; ++d)
              if (Fields<dim>::is_displacement_component(c, d))
                mask[c] = dc.components[d];
          VectorTools::interpolate_boundary_values(
              dofs,
              dc.boundary_id,
              Functions::ZeroFunction<dim>(Fields<dim>::n_components()),
              update_constraints,
              ComponentMask(mask));
        }
      if (coord == geometry::CoordinateSystem::axisymmetric)
        {
          // u_r = 0 on the axis, wherever it lies on the boundary
          std::vector<types::global_dof_index> face_dofs;
          const double                         tol = 1e-10 * GridTools::maximal_cell_diameter(tria);
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
                      if (Fields<dim>::is_displacement_component(
                              cell_fe.face_system_to_component_index(k, f).first, 0) &&
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
          // (hanging platen dofs are constrained to their parents, which are platen dofs)
          for (const auto i : platen.dofs)
            if (i != platen.master && !hanging_dofs.is_element(i) &&
                update_constraints.is_constrained(i))
              clash = 1;
          if (Utilities::MPI::max(clash, comm) != 0)
            throw std::invalid_argument(
                "the platen boundary (parameter 'Stack pressure/Platen boundary') shares its "
                "normal displacement with a symmetry plane or fixed displacement; the platen "
                "must be free to move");
          for (const auto i : platen.dofs)
            {
              if (i == platen.master || hanging_dofs.is_element(i))
                continue;
              update_constraints.add_line(i);
              update_constraints.add_entry(i, platen.master, 1.);
            }
          if (platen.displacement_controlled)
            update_constraints.add_line(platen.master); // w is prescribed, not solved for
        }
      update_constraints.close();
    }

    template <int dim>
    void
    CoupledProblem<dim>::setup_linear_system()
    {
      auto coupled_sets = [this](const CoupledSet &f) { for_each_coupled_set(f); };
      std::shared_ptr<const solvers::FieldSplit> split;
      if (solver->needs_field_split())
        {
          auto s = std::make_shared<solvers::FieldSplit>(
              dofs,
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
            if (term->coupling()[u_index][u_index])
              term_ids.insert(term->boundary_ids().begin(), term->boundary_ids().end());
          solver->set_displacement_operator(
              displacement_operator, [this, split, term_ids](DynamicSparsityPattern &dsp) {
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
                    [&](const std::vector<types::global_dof_index> &set, const Table<2, bool> &) {
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
            for_each_coupled_set(
                [&](const std::vector<types::global_dof_index> &set, const Table<2, bool> &mask) {
                  update_constraints.add_entries_local_to_global(set, dsp, false, mask);
                });
            SparsityTools::distribute_sparsity_pattern(dsp, owned, comm, relevant);
          },
          split);
    }

    template <int dim>
    void
    CoupledProblem<dim>::setup_history()
    {
      // history only where it can change: locally owned cells of materials
      // that flow plastically (elastic ones always see the virgin state)
      history.initialize(dofs, material_map, n_quadrature_points());
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
    void
    CoupledProblem<dim>::add_cell_term(std::shared_ptr<const CellTerm<dim>> term)
    {
      if (owned.size() > 0)
        throw std::logic_error("CoupledProblem::add_cell_term(): add the cell terms before setup() "
                               "(the sparsity patterns hold the fields they couple)");
      cell_terms.push_back(term);
    }

    template <int dim>
    void
    CoupledProblem<dim>::add_boundary_term(std::shared_ptr<const BoundaryTerm<dim>> term)
    {
      if (owned.size() > 0)
        throw std::logic_error("CoupledProblem::add_boundary_term(): add the boundary terms before "
                               "setup() (the sparsity patterns hold the fields they couple)");
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
          if (!interface->is_split())
            continue;
          // what a split interface does not support yet, agreed by all ranks
          int hanging = 0;
          for (const auto &pair : interface->pairs())
            hanging = hanging || pair.subface[0] != numbers::invalid_unsigned_int ||
                      pair.subface[1] != numbers::invalid_unsigned_int;
          if (Utilities::MPI::max(hanging, comm) != 0)
            throw std::invalid_argument(
                "interface '" + interface->name() +
                "' is a contact interface but has hanging faces (one side refined more than the "
                "other): a split interface needs conforming faces; refine both sides alike");
          if (solver->needs_field_split())
            throw std::invalid_argument(
                "parameter 'Linear solver/Method': a contact interface ('" + interface->name() +
                "') needs the direct solver for now (the iterative solver's displacement "
                "preconditioner assumes one displacement per point)");
        }
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
      if (stretch_index != numbers::invalid_unsigned_int)
        scalars.set_scales(stretch_index, 1., residual_scale[u_index] * unknown_scales[u_index]);
    }

    template <int dim>
    double
    CoupledProblem<dim>::unknown_scale(const unsigned int f) const
    {
      return unknown_scales.at(f);
    }

    template <int dim>
    const solvers::DisplacementOperator *
    CoupledProblem<dim>::matrix_free_displacement() const
    {
      return displacement_operator.get();
    }

    template <int dim>
    std::vector<std::string>
    CoupledProblem<dim>::field_names() const
    {
      std::vector<std::string> names;
      for (const auto &f : Fields<dim>::table())
        names.emplace_back(f.name);
      return names;
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
    CoupledProblem<dim>::solution() const
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
