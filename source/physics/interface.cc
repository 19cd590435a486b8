#include <siswell/physics/interface.h>

#include <deal.II/base/mpi.h>

#include <algorithm>

namespace siswell
{
  namespace physics
  {
    using namespace dealii;

    template <int dim>
    Interface<dim>::Interface(const std::string                                      &name,
                              const std::function<bool(const materials::Material &)> &side0,
                              const std::function<bool(const materials::Material &)> &side1)
        : interface_name(name), on_side0(side0), on_side1(side1)
    {
    }

    template <int dim>
    void
    Interface<dim>::reinit(const DoFHandler<dim> &dofs,
                           const MaterialMap     &materials,
                           const MPI_Comm         comm)
    {
      face_pairs.clear();
      owned_faces.clear();
      auto side = [&](const auto &cell, const unsigned int s) {
        const auto &m = *materials.at(cell->material_id());
        return s == 0 ? on_side0(m) : on_side1(m);
      };
      for (const auto &cell : dofs.active_cell_iterators())
        {
          if (!cell->is_locally_owned() || !side(cell, 0))
            continue;
          for (const unsigned int f : cell->face_indices())
            {
              if (cell->at_boundary(f))
                continue;
              if (cell->face(f)->has_children())
                {
                  // finer neighbours: one pair per subface
                  const unsigned int nf = cell->neighbor_of_neighbor(f);
                  for (unsigned int sf = 0; sf < cell->face(f)->n_active_descendants(); ++sf)
                    {
                      const auto nb = cell->neighbor_child_on_subface(f, sf);
                      if (side(nb, 1))
                        face_pairs.push_back(
                            {{cell, nb}, {f, nf}, {sf, numbers::invalid_unsigned_int}});
                    }
                }
              else if (cell->neighbor_is_coarser(f))
                {
                  const auto nb = cell->neighbor(f);
                  if (side(nb, 1))
                    {
                      const auto [nf, nsf] = cell->neighbor_of_coarser_neighbor(f);
                      face_pairs.push_back(
                          {{cell, nb}, {f, nf}, {numbers::invalid_unsigned_int, nsf}});
                    }
                }
              else
                {
                  const auto nb = cell->neighbor(f);
                  if (side(nb, 1))
                    face_pairs.push_back(
                        {{cell, nb},
                         {f, cell->neighbor_of_neighbor(f)},
                         {numbers::invalid_unsigned_int, numbers::invalid_unsigned_int}});
                }
            }
        }
      for (const auto &p : face_pairs)
        for (unsigned int s = 0; s < 2; ++s)
          if (p.cell[s]->is_locally_owned())
            owned_faces.emplace_back(p.cell[s]->active_cell_index(), p.face[s]);
      // side-1 cells owned here whose side-0 partner is a ghost: their pairs
      // live on the other rank, but the face is still on the interface
      for (const auto &cell : dofs.active_cell_iterators())
        if (cell->is_locally_owned() && side(cell, 1))
          for (const unsigned int f : cell->face_indices())
            if (!cell->at_boundary(f) && !cell->face(f)->has_children())
              {
                const auto nb = cell->neighbor(f);
                if (!nb->is_locally_owned() && side(nb, 0))
                  owned_faces.emplace_back(cell->active_cell_index(), f);
              }
      std::sort(owned_faces.begin(), owned_faces.end());
      owned_faces.erase(std::unique(owned_faces.begin(), owned_faces.end()), owned_faces.end());
      n_global = Utilities::MPI::sum(static_cast<unsigned long long>(face_pairs.size()), comm);
    }

    template <int dim>
    bool
    Interface<dim>::on_side(const materials::Material &m, const unsigned int s) const
    {
      return s == 0 ? on_side0(m) : on_side1(m);
    }

    template <int dim>
    void
    Interface<dim>::set_split(const bool s)
    {
      split = s;
    }

    template <int dim>
    bool
    Interface<dim>::is_split() const
    {
      return split;
    }

    template <int dim>
    const std::string &
    Interface<dim>::name() const
    {
      return interface_name;
    }

    template <int dim>
    const std::vector<typename Interface<dim>::FacePair> &
    Interface<dim>::pairs() const
    {
      return face_pairs;
    }

    template <int dim>
    unsigned long long
    Interface<dim>::n_global_pairs() const
    {
      return n_global;
    }

    template <int dim>
    bool
    Interface<dim>::contains(const cell_iterator &cell, const unsigned int f) const
    {
      return std::binary_search(
          owned_faces.begin(), owned_faces.end(), std::make_pair(cell->active_cell_index(), f));
    }

    template class Interface<2>;
    template class Interface<3>;
  } // namespace physics
} // namespace siswell
