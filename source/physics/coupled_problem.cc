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

#include <limits>

#include <cmath>
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
          // every platen dof follows the master: u_i = u_master
          for (const auto i : platen.dofs)
            {
              if (i == platen.master)
                continue;
              if (update_constraints.is_constrained(i))
                throw std::invalid_argument(
                  "the platen boundary (parameter 'Stack pressure/Platen boundary') shares its "
                  "normal displacement with a symmetry plane or fixed displacement; the platen "
                  "must be free to move");
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
      std::shared_ptr<const solvers::FieldSplit> split;
      if (solver->needs_field_split())
        split = std::make_shared<solvers::FieldSplit>(dofs,
                                                      mapping_q,
                                                      owned,
                                                      relevant,
                                                      update_constraints,
                                                      coord != geometry::CoordinateSystem::axisymmetric,
                                                      comm);
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
                    {
                      if (cell->face(f)->at_boundary())
                        has_term = has_term || term_ids.count(cell->face(f)->boundary_id());
                      else
                        has_term = has_term || (term_ids.count(geometry::boundary_id::active_interface) &&
                                                material_map.at(cell->material_id())->is_active() !=
                                                    material_map.at(cell->neighbor(f)->material_id())->is_active());
                    }
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
          DoFTools::make_sparsity_pattern(dofs, dsp, update_constraints, false);
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
    double
    CoupledProblem<dim>::platen_reaction_pressure() const
    {
      return platen.enabled ? 0. - platen.normal_sign * platen.reaction / platen.area : 0.;
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



    template <int dim>
    void
    CoupledProblem<dim>::assemble(const bool with_jacobian)
    {
      Timer timer;
      if (with_jacobian)
        solver->zero();
      rhs = 0.;
      double         r_global = 0., dr_dstretch = 0., platen_force = 0.;
      Vector<double> cell_dR_dstretch, cell_dr_dx;
      if (generalised)
        {
          border_data.dR_dstretch = 0.;
          border_data.dr_dx       = 0.;
        }

      const UpdateFlags flags = update_values | update_gradients | update_quadrature_points |
                                update_JxW_values;
      hp::MappingCollection<dim> mappings(mapping_q);
      hp::FEValues<dim>          hp_fe_values(mappings, fe, cell_quadrature, flags);
      hp::FEFaceValues<dim>      hp_face_values(mappings,
                                           fe,
                                           face_quadrature,
                                           flags | update_normal_vectors);
      FullMatrix<double>                   cell_matrix, cell_block_c, schur;
      const bool with_preconditioner = with_jacobian && solver->needs_field_split();
      Vector<double>                       cell_rhs;
      std::vector<types::global_dof_index> local_dofs;
      std::vector<Vector<double>>          values, old_values;
      std::vector<std::vector<Tensor<1, dim>>> grads;
      PointData<dim>                       p;
      std::vector<const BoundaryTerm<dim> *> face_terms;

      auto evaluate = [&](const FEValuesBase<dim> &fv) {
        const unsigned int nq = fv.n_quadrature_points;
        if (values.size() != nq) // cell and face quadratures alternate; reallocate only then
          {
            values.assign(nq, Vector<double>(dim + 2));
            old_values.assign(nq, Vector<double>(dim + 2));
            grads.assign(nq, std::vector<Tensor<1, dim>>(dim + 2));
          }
        fv.get_function_values(current, values);
        fv.get_function_values(old, old_values);
        fv.get_function_gradients(current, grads);
      };

      for (const auto &cell : dofs.active_cell_iterators())
        {
          if (!cell->is_locally_owned())
            continue;
          const materials::Material &material = *material_map.at(cell->material_id());
          hp_fe_values.reinit(cell);
          const FEValues<dim> &fv = hp_fe_values.get_present_fe_values();
          const unsigned int   n  = cell->get_fe().n_dofs_per_cell();
          cell_matrix.reinit(n, n);
          if (with_preconditioner)
            {
              cell_block_c.reinit(n, n);
              schur.reinit(n, n);
            }
          cell_rhs.reinit(n);
          if (generalised)
            {
              cell_dR_dstretch.reinit(n);
              cell_dr_dx.reinit(n);
            }
          local_dofs.resize(n);
          cell->get_dof_indices(local_dofs);
          evaluate(fv);

          for (unsigned int q = 0; q < fv.n_quadrature_points; ++q)
            {
              const std::size_t h    = history_index(cell, q);
              const bool        flow = h != no_history;
              p.plastic_step.old     = flow ? &history_committed[h] : nullptr;
              p.plastic_step.updated = flow ? &history_trial[h] : nullptr;
              p.plastic_step.dt      = dt;
              fill_point_data(fv, q, material, values, old_values, grads, p, true);
              p.d_residual_d_stretch = generalised ? &cell_dR_dstretch : nullptr;
              p.displacement_stiffness = !displacement_operator;
              if (displacement_operator && with_jacobian && p.response.valid)
                displacement_operator->set_tangent(cell->active_cell_index(),
                                                   q,
                                                   p.response.dP_dF,
                                                   unknown_scales[0] / residual_scale[0]);
              if (!p.response.valid)
                {
                  // an inverted element: make the residual non-finite so that
                  // Newton reports it and the step is cut
                  cell_rhs(0) = std::numeric_limits<double>::quiet_NaN();
                  break;
                }
              for (const auto &term : cell_terms)
                if (!term->active_material_only() || p.active)
                  term->add(p, cell_rhs, with_jacobian ? &cell_matrix : nullptr);
              if (generalised)
                MechanicsTerm<dim>::add_out_of_plane_force(p, r_global, dr_dstretch, cell_dr_dx);
              if (with_preconditioner && p.active)
                TransportTerm<dim>::add_schur_approximation(p, schur);
            }

          for (const unsigned int f : cell->face_indices())
            {
              // a boundary part, or the interface of the active material with an inert solid
              types::boundary_id face_id;
              if (cell->face(f)->at_boundary())
                face_id = cell->face(f)->boundary_id();
              else if (material.is_active() &&
                       !material_map.at(cell->neighbor(f)->material_id())->is_active())
                face_id = geometry::boundary_id::active_interface;
              else
                continue;
              face_terms.clear();
              for (const auto &term : boundary_terms)
                if (term->boundary_ids().count(face_id))
                  face_terms.push_back(term.get());
              if (face_terms.empty())
                continue;
              hp_face_values.reinit(cell, f);
              const FEFaceValues<dim> &ffv = hp_face_values.get_present_fe_values();
              evaluate(ffv);
              for (unsigned int q = 0; q < ffv.n_quadrature_points; ++q)
                {
                  // boundary terms need kinematics and shape data, not the material response
                  fill_point_data(ffv, q, material, values, old_values, grads, p, false);
                  p.d_residual_d_stretch = generalised ? &cell_dR_dstretch : nullptr;
                  p.normal = Tensor<1, 3>();
                  for (unsigned int d = 0; d < dim; ++d)
                    p.normal[d] = ffv.normal_vector(q)[d];
                  for (const auto *term : face_terms)
                    term->add(p, cell_rhs, with_jacobian ? &cell_matrix : nullptr);
                }
            }

          if (platen.enabled) // internal force on the platen, before scaling
            for (unsigned int i = 0; i < n; ++i)
              if (platen.dofs.is_element(local_dofs[i]))
                platen_force += cell_rhs(i);

          // to scaled units: J̃_ij = J_ij s_x(j) / s_R(i), R̃_i = R_i / s_R(i)
          const auto &cfe = cell->get_fe();
          for (unsigned int i = 0; i < n; ++i)
            {
              const double row = 1. / residual_scale[field_of(cfe.system_to_component_index(i).first)];
              cell_rhs(i) *= row;
              if (generalised)
                {
                  // λ_z is dimensionless (scale 1); r is scaled by S_u L
                  cell_dR_dstretch(i) *= row;
                  cell_dr_dx(i) *= unknown_scales[field_of(cfe.system_to_component_index(i).first)] /
                                   (residual_scale[0] * unknown_scales[0]);
                }
              if (with_jacobian)
                for (unsigned int j = 0; j < n; ++j)
                  cell_matrix(i, j) *= row * unknown_scales[field_of(cfe.system_to_component_index(j).first)];
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
                        cell_block_c(i, j) = schur(i, j) * unknown_scales[1] / residual_scale[1];
                      else if (fi == 2 && fj == 2)
                        cell_block_c(i, i) += cell_matrix(i, j);
                    }
                }
            }
          update_constraints.distribute_local_to_global(cell_rhs, local_dofs, rhs);
          if (generalised)
            {
              update_constraints.distribute_local_to_global(cell_dR_dstretch,
                                                            local_dofs,
                                                            border_data.dR_dstretch);
              update_constraints.distribute_local_to_global(cell_dr_dx, local_dofs, border_data.dr_dx);
            }
          if (with_jacobian)
            solver->add(cell_matrix, cell_block_c, local_dofs, update_constraints);
        }
      if (platen.enabled)
        {
          platen.reaction = Utilities::MPI::sum(platen_force, comm);
          if (!platen.displacement_controlled && owned.is_element(platen.master))
            {
              // external load against the outward normal n: R_master += n (p A + k w)
              const double w = platen.normal_sign * current(platen.master);
              rhs(platen.master) += platen.normal_sign *
                                    (platen.pressure * platen.area + platen.stiffness * w) /
                                    residual_scale[0];
              if (with_jacobian && platen.stiffness != 0.)
                {
                  FullMatrix<double> k(1, 1);
                  k(0, 0) = platen.stiffness * unknown_scales[0] / residual_scale[0];
                  std::vector<types::global_dof_index> master{platen.master};
                  solver->add(k, FullMatrix<double>(), master,
                              update_constraints);
                }
            }
        }
      rhs.compress(VectorOperation::add);
      if (generalised)
        {
          border_data.dR_dstretch.compress(VectorOperation::add);
          border_data.dr_dx.compress(VectorOperation::add);
          const double s       = 1. / (residual_scale[0] * unknown_scales[0]);
          border_data.r           = Utilities::MPI::sum(r_global, comm) * s;
          border_data.dr_dstretch = Utilities::MPI::sum(dr_dstretch, comm) * s;
        }
      if (with_jacobian)
        solver->compress();
      assembly_seconds += timer.wall_time();
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
