// CoupledProblem: checkpoints. The distributed mesh (p4est), the current and
// last converged solution (parallel::distributed::SolutionTransfer) and, per
// locally owned cell, the committed quadrature-point history and the
// per-point state of the interface terms whose side-0 cell it is, attached
// to the cells (register_data_attach), so that a restart on another number
// of ranks finds each cell's state on the rank that owns it then.
#include "coupled_problem_internal.h"

#include <deal.II/distributed/solution_transfer.h>

#include <cstring>
#include <map>
#include <tuple>

namespace siswell
{
  namespace physics
  {
    namespace
    {
      /// Key of a face pair within its side-0 cell: face and subface of side 0.
      double
      pair_key(const unsigned int face, const unsigned int subface)
      {
        return 100. * face + (subface == numbers::invalid_unsigned_int ? 99. : subface);
      }

      /// Per active cell index of a side-0 cell: (key, pair index) of its pairs.
      template <int dim>
      std::map<unsigned int, std::vector<std::pair<double, unsigned int>>>
      pairs_by_cell(const Interface<dim> &interface)
      {
        std::map<unsigned int, std::vector<std::pair<double, unsigned int>>> by_cell;
        const auto &pairs = interface.pairs();
        for (unsigned int i = 0; i < pairs.size(); ++i)
          by_cell[pairs[i].cell[0]->active_cell_index()].emplace_back(
              pair_key(pairs[i].face[0], pairs[i].subface[0]), i);
        return by_cell;
      }
    } // namespace

    template <int dim>
    void
    CoupledProblem<dim>::save_checkpoint(const std::string                              &file,
                                         const std::vector<const InterfacePointState *> &states)
    {
      const unsigned int n_face_q = n_face_quadrature_points();
      std::vector<std::map<unsigned int, std::vector<std::pair<double, unsigned int>>>> by_cell;
      for (const auto *s : states)
        by_cell.push_back(pairs_by_cell(interface(s->state_interface())));

      parallel::distributed::SolutionTransfer<dim, solvers::Vector> transfer(dofs);
      current.update_ghost_values();
      old.update_ghost_values();
      transfer.prepare_for_serialization(std::vector<const solvers::Vector *>{&current, &old});
      // one blob per cell, as doubles: [n_points, n_values, committed values...]
      // then per state: [n_pairs, (key, values of each point)...]
      tria.register_data_attach(
          [&](const typename Triangulation<dim>::cell_iterator &cell,
              const typename Triangulation<dim>::CellStatus) {
            std::vector<double> blob;
            pack_committed(history.of(cell), blob);
            for (unsigned int k = 0; k < states.size(); ++k)
              {
                const auto it = by_cell[k].find(cell->active_cell_index());
                if (it == by_cell[k].end())
                  {
                    blob.push_back(0);
                    continue;
                  }
                blob.push_back(it->second.size());
                const unsigned int  n = states[k]->n_state_values();
                std::vector<double> values(n);
                for (const auto &[key, pair] : it->second)
                  {
                    blob.push_back(key);
                    for (unsigned int q = 0; q < n_face_q; ++q)
                      {
                        states[k]->pack_state(pair * n_face_q + q, values.data());
                        blob.insert(blob.end(), values.begin(), values.end());
                      }
                  }
              }
            std::vector<char> bytes(blob.size() * sizeof(double));
            std::memcpy(bytes.data(), blob.data(), bytes.size());
            return bytes;
          },
          /*returns_variable_size_data=*/true);
      tria.save(file);
    }

    template <int dim>
    void
    CoupledProblem<dim>::load_checkpoint_mesh(const std::string &file)
    {
      tria.load(file);
    }

    template <int dim>
    void
    CoupledProblem<dim>::load_checkpoint_state(const std::vector<InterfacePointState *> &states)
    {
      // the solution first: SolutionTransfer registers and unpacks its data
      // (handle 0), then the cell blob (handle 2, the second variable-size set)
      solvers::Vector a(owned, relevant, comm), b(owned, relevant, comm);
      {
        parallel::distributed::SolutionTransfer<dim, solvers::Vector> transfer(dofs);
        std::vector<solvers::Vector *>                                out{&a, &b};
        transfer.deserialize(out);
      }
      current.zero_out_ghost_values();
      old.zero_out_ghost_values();
      for (const auto i : owned)
        {
          current(i) = a(i);
          old(i)     = b(i);
        }
      current.update_ghost_values();
      old.update_ghost_values();

      const unsigned int n_face_q = n_face_quadrature_points();
      std::vector<std::map<unsigned int, std::vector<std::pair<double, unsigned int>>>> by_cell;
      for (const auto *s : states)
        by_cell.push_back(pairs_by_cell(interface(s->state_interface())));
      int                mismatch = 0;
      const unsigned int handle   = tria.register_data_attach(
          [](const typename Triangulation<dim>::cell_iterator &,
             const typename Triangulation<dim>::CellStatus) { return std::vector<char>(); },
          true);
      tria.notify_ready_to_unpack(
          handle,
          [&](const typename Triangulation<dim>::cell_iterator &cell,
              const typename Triangulation<dim>::CellStatus,
              const boost::iterator_range<std::vector<char>::const_iterator> &range) {
            std::vector<double> blob(range.size() / sizeof(double));
            std::memcpy(blob.data(), &*range.begin(), blob.size() * sizeof(double));
            std::size_t i        = 0;
            const auto  take     = [&]() { return i < blob.size() ? blob[i++] : -1.; };
            const auto  points   = history.of(cell);
            const auto  n_points = static_cast<unsigned int>(take());
            const auto  n_values = static_cast<unsigned int>(take());
            if (n_points != points.size() || (n_points > 0 && n_values != points[0]->size()))
              {
                mismatch = 1;
                return;
              }
            for (const auto &p : points)
              for (double &v : p->committed())
                v = take();
            for (unsigned int k = 0; k < states.size(); ++k)
              {
                const auto n_pairs = static_cast<unsigned int>(take());
                const auto it      = by_cell[k].find(cell->active_cell_index());
                if (n_pairs != (it == by_cell[k].end() ? 0 : it->second.size()))
                  {
                    mismatch = 1;
                    return;
                  }
                const unsigned int n = states[k]->n_state_values();
                for (unsigned int j = 0; j < n_pairs; ++j)
                  {
                    const double key  = take();
                    unsigned int pair = numbers::invalid_unsigned_int;
                    for (const auto &kp : it->second)
                      if (kp.first == key)
                        pair = kp.second;
                    if (pair == numbers::invalid_unsigned_int || i + n * n_face_q > blob.size())
                      {
                        mismatch = 1;
                        return;
                      }
                    for (unsigned int q = 0; q < n_face_q; ++q, i += n)
                      states[k]->unpack_state(pair * n_face_q + q, blob.data() + i);
                  }
              }
          });
      history.restore(); // trial = committed
      if (Utilities::MPI::max(mismatch, comm))
        throw std::invalid_argument(
            "the checkpoint does not fit this problem: the quadrature-point history or the "
            "interface state of a cell has another size (a checkpoint of another case?)");
    }

    template class CoupledProblem<2>;
    template class CoupledProblem<3>;
  } // namespace physics
} // namespace siswell
