// CoupledProblem: the interface face pairs — the points of a pair seen from
// both sides, the assembly of the interface terms pair by pair and its
// distribution; the visitor of interface points for the terms' own variables.
#include "coupled_problem_internal.h"

#include <siswell/physics/point_evaluator.h>

namespace siswell
{
  namespace physics
  {
    using namespace dealii;

    template <int dim>
    void
    CoupledProblem<dim>::visit_pair_points(
        const unsigned int                                          k,
        const unsigned int                                          pair_index,
        Scratch                                                    &s,
        const std::function<void(const InterfacePointData<dim> &)> &f) const
    {
      const auto                              &pair = interfaces[k]->pairs()[pair_index];
      std::array<const FEValuesBase<dim> *, 2> v;
      for (unsigned int t = 0; t < 2; ++t)
        {
          v[t] = &s.reinit_side(pair, t);
          s.fields[t].evaluate(*v[t], current, old);
        }
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
      const std::array<const materials::Material *, 2> material{
          {material_map.at(pair.cell[0]->material_id()).get(),
           material_map.at(pair.cell[1]->material_id()).get()}};
      const double face_size =
          pair.subface[0] != numbers::invalid_unsigned_int
              ? pair.cell[0]->face(pair.face[0])->child(pair.subface[0])->diameter()
              : pair.cell[0]->face(pair.face[0])->diameter();
      for (unsigned int q = 0; q < nq; ++q)
        {
          // the same point from each side: q on side 0, its match on side 1
          for (unsigned int t = 0; t < 2; ++t)
            fill_point_data(*v[t],
                            t == 0 ? q : s.match[q],
                            *material[t],
                            s.fields[t].values,
                            s.fields[t].old_values,
                            s.fields[t].grads,
                            s.ip.side[t],
                            false,
                            pair.cell[t]->diameter());
          s.ip.JxW       = s.ip.side[0].JxW;
          s.ip.point     = pair_index * nq + q;
          s.ip.face_size = face_size;
          s.ip.position  = Tensor<1, 3>();
          for (unsigned int d = 0; d < dim; ++d)
            s.ip.position[d] = v[0]->quadrature_point(q)[d];
          s.ip.normal = Tensor<1, 3>();
          for (unsigned int d = 0; d < dim; ++d)
            s.ip.normal[d] = v[0]->normal_vector(q)[d];
          s.ip.side[0].normal = s.ip.normal;
          s.ip.side[1].normal = -s.ip.normal;
          f(s.ip);
        }
    }

    template <int dim>
    bool
    CoupledProblem<dim>::assemble_pair(const unsigned int k,
                                       const unsigned int pair_index,
                                       Scratch           &s,
                                       const AssemblyMode mode)
    {
      const auto &pair     = interfaces[k]->pairs()[pair_index];
      const bool  jacobian = mode == AssemblyMode::jacobian;
      const bool  border   = !scalars.empty() && mode != AssemblyMode::frozen_history;
      for (unsigned int t = 0; t < 2; ++t)
        {
          const auto        &cell = pair.cell[t];
          const unsigned int n    = cell->get_fe().n_dofs_per_cell();
          s.pair_dofs[t].resize(n);
          cell->get_dof_indices(s.pair_dofs[t]);
          s.pair_rhs[t].reinit(n);
          s.pair_border[t].reinit(border ? scalars.size() : 0, n);
        }
      for (unsigned int a = 0; a < 2; ++a)
        for (unsigned int b = 0; b < 2; ++b)
          s.pair_matrix[a][b].reinit(jacobian ? s.pair_dofs[a].size() : 0,
                                     jacobian ? s.pair_dofs[b].size() : 0);
      auto *matrix = jacobian ? &s.pair_matrix : nullptr;
      visit_pair_points(k, pair_index, s, [&](const InterfacePointData<dim> &) {
        for (unsigned int t = 0; t < 2; ++t)
          {
            s.ip.side[t].border  = border ? &s.pair_border[t] : nullptr;
            s.ip.side[t].scalars = &scalars;
            s.ip.side[t].stretch = stretch_index;
          }
        for (const auto &term : interface_terms[k])
          term->add(s.ip, s.pair_rhs, matrix);
      });
      return true;
    }

    template <int dim>
    void
    CoupledProblem<dim>::for_each_interface_point(
        const std::string                                          &name,
        const std::function<void(const InterfacePointData<dim> &)> &f) const
    {
      for (unsigned int k = 0; k < interfaces.size(); ++k)
        if (interfaces[k]->name() == name)
          {
            Scratch s(*this);
            for (unsigned int i = 0; i < interfaces[k]->pairs().size(); ++i)
              visit_pair_points(k, i, s, [&](const InterfacePointData<dim> &p) {
                s.ip.side[0].border = s.ip.side[1].border = nullptr;
                s.ip.side[0].scalars = s.ip.side[1].scalars = &scalars;
                s.ip.side[0].stretch = s.ip.side[1].stretch = stretch_index;
                f(p);
              });
            return;
          }
      throw std::invalid_argument("CoupledProblem::for_each_interface_point(): no interface '" +
                                  name + "'");
    }

    template <int dim>
    unsigned int
    CoupledProblem<dim>::n_face_quadrature_points() const
    {
      return interface_quadrature[0].size();
    }

    template <int dim>
    MPI_Comm
    CoupledProblem<dim>::mpi_communicator() const
    {
      return comm;
    }

    template <int dim>
    void
    CoupledProblem<dim>::scale_and_distribute_pair(Scratch &s, const bool with_jacobian)
    {
      // one local numbering for both sides, each global dof once (the sides
      // share the dofs of the face where a field is continuous through it)
      std::vector<types::global_dof_index>     dofs;
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
      Vector<double>     rhs_local(n);
      // both sides' border entries in the common numbering (SI; scaled by distribute())
      const bool  border = s.pair_border[0].n_scalars() > 0;
      LocalBorder border_local;
      border_local.reinit(border ? scalars.size() : 0, n);
      s.dof_residual_scale.resize(n);
      s.dof_unknown_scale.resize(n);
      FullMatrix<double> matrix(with_jacobian ? n : 0, with_jacobian ? n : 0);
      for (unsigned int a = 0; a < 2; ++a)
        for (unsigned int i = 0; i < s.pair_dofs[a].size(); ++i)
          {
            const unsigned int fi  = field_index(s.ip.side[a].field[i]);
            const double       row = 1. / residual_scale[fi];
            rhs_local(local[a][i]) += s.pair_rhs[a](i) * row;
            s.dof_residual_scale[local[a][i]] = residual_scale[fi];
            s.dof_unknown_scale[local[a][i]]  = unknown_scales[fi];
            for (unsigned int k = 0; k < border_local.n_scalars(); ++k)
              {
                border_local.column[k](local[a][i]) += s.pair_border[a].column[k](i);
                border_local.row[k](local[a][i]) += s.pair_border[a].row[k](i);
              }
            if (with_jacobian)
              for (unsigned int b = 0; b < 2; ++b)
                for (unsigned int j = 0; j < s.pair_dofs[b].size(); ++j)
                  matrix(local[a][i], local[b][j]) +=
                      s.pair_matrix[a][b](i, j) * row *
                      unknown_scales[field_index(s.ip.side[b].field[j])];
          }
      update_constraints.distribute_local_to_global(rhs_local, dofs, rhs);
      if (border)
        {
          for (unsigned int a = 0; a < 2; ++a)
            for (unsigned int k = 0; k < scalars.size(); ++k)
              {
                border_local.r[k] += s.pair_border[a].r[k];
                for (unsigned int l = 0; l < scalars.size(); ++l)
                  border_local.d(k, l) += s.pair_border[a].d(k, l);
              }
          scalars.distribute(
              border_local, dofs, s.dof_residual_scale, s.dof_unknown_scale, update_constraints);
        }
      if (with_jacobian)
        solver->add(matrix, FullMatrix<double>(), dofs, update_constraints);
    }

    template class CoupledProblem<2>;
    template class CoupledProblem<3>;
  } // namespace physics
} // namespace siswell
