#include <siswell/base/fields.h>
#include <siswell/io/derived_quantities.h>
#include <siswell/io/field_output.h>
#include <siswell/io/output_folder.h>
#include <siswell/materials/lithium_carrier.h>
#include <siswell/physics/point_evaluator.h>

#include <deal.II/base/utilities.h>
#include <deal.II/numerics/data_out.h>
#include <deal.II/numerics/data_postprocessor.h>

#include <algorithm>

namespace siswell
{
  namespace io
  {
    using namespace dealii;

    namespace
    {
      template <int dim> class StressPostprocessor : public DataPostprocessor<dim>
      {
      public:
        explicit StressPostprocessor(const physics::CoupledProblem<dim> &problem) : problem(problem)
        {
        }

        void
        evaluate_vector_field(const DataPostprocessorInputs::Vector<dim> &in,
                              std::vector<Vector<double>>                &computed) const override
        {
          const auto cell = in.template get_cell<dim>();
          for (unsigned int q = 0; q < in.evaluation_points.size(); ++q)
            {
              // the history of the nearest quadrature point (the search maps each of the cell)
              const auto   s      = physics::PointEvaluator<dim>::state(problem,
                                                                 cell,
                                                                 in.solution_values[q],
                                                                 in.solution_gradients[q],
                                                                 in.evaluation_points[q]);
              const auto  *active = s.active;
              const double c      = s.c;
              const auto   d      = derived_quantities(*s.material, s.F, s.c, s.history);
              unsigned int k      = 0;
              for (unsigned int i = 0; i < dim; ++i)
                for (unsigned int j = 0; j < dim; ++j)
                  computed[q](k++) = d.cauchy[i][j];
              if (dim == 2)
                computed[q](k++) = d.cauchy[2][2];
              computed[q](k++) = d.von_mises;
              computed[q](k++) = d.hydrostatic;
              computed[q](k++) = d.J;
              computed[q](k++) = d.J_s;
              computed[q](k++) = active ? active->theta(c) : 0.;
              computed[q](k++) = cell->material_id();
              computed[q](k++) = d.equivalent_plastic_strain;
              computed[q](k++) = d.flow_stress;
              computed[q](k++) = d.dissipation;
            }
        }

        std::vector<std::string>
        get_names() const override
        {
          std::vector<std::string> names(dim * dim, "cauchy_stress");
          if (dim == 2)
            names.emplace_back("sigma_zz");
          for (const char *n : {"von_mises_stress",
                                "hydrostatic_stress",
                                "volume_ratio_J",
                                "swelling_ratio_Js",
                                "state_of_charge",
                                "material_id",
                                "equivalent_plastic_strain",
                                "flow_stress",
                                "plastic_dissipation_density"})
            names.emplace_back(n);
          return names;
        }

        std::vector<DataComponentInterpretation::DataComponentInterpretation>
        get_data_component_interpretation() const override
        {
          std::vector<DataComponentInterpretation::DataComponentInterpretation> r(
              dim * dim, DataComponentInterpretation::component_is_part_of_tensor);
          r.resize(get_names().size(), DataComponentInterpretation::component_is_scalar);
          return r;
        }

        UpdateFlags
        get_needed_update_flags() const override
        {
          return update_values | update_gradients | update_quadrature_points;
        }

      private:
        const physics::CoupledProblem<dim> &problem;
      };
      /**
       * The unknown fields under their names (spaces as '_'), vectors as
       * vectors: the displacement as the sum of its near- and far-side
       * copies (one of them is zero on each cell, Fields<dim>), so that a
       * split interface shows one displacement field to warp by.
       */
      template <int dim> class FieldsPostprocessor : public DataPostprocessor<dim>
      {
      public:
        void
        evaluate_vector_field(const DataPostprocessorInputs::Vector<dim> &in,
                              std::vector<Vector<double>>                &computed) const override
        {
          for (unsigned int q = 0; q < in.solution_values.size(); ++q)
            {
              unsigned int k = 0;
              for (const auto &f : Fields<dim>::table())
                for (unsigned int j = 0; j < f.n_components; ++j, ++k)
                  {
                    computed[q](k) = in.solution_values[q](k);
                    if (f.field == Field::displacement)
                      computed[q](k) +=
                          in.solution_values[q](Fields<dim>::far_side_first_component() + j);
                  }
            }
        }

        std::vector<std::string>
        get_names() const override
        {
          std::vector<std::string> names;
          for (const auto &f : Fields<dim>::table())
            {
              std::string name = f.name;
              std::replace(name.begin(), name.end(), ' ', '_');
              names.insert(names.end(), f.n_components, name);
            }
          return names;
        }

        std::vector<DataComponentInterpretation::DataComponentInterpretation>
        get_data_component_interpretation() const override
        {
          std::vector<DataComponentInterpretation::DataComponentInterpretation> kinds;
          for (const auto &f : Fields<dim>::table())
            kinds.insert(kinds.end(),
                         f.n_components,
                         f.n_components > 1
                             ? DataComponentInterpretation::component_is_part_of_vector
                             : DataComponentInterpretation::component_is_scalar);
          return kinds;
        }

        UpdateFlags
        get_needed_update_flags() const override
        {
          return update_values;
        }
      };
    } // namespace

    template <int dim>
    FieldOutput<dim>::FieldOutput(const std::string &directory, const MPI_Comm comm)
        : directory(directory), comm(comm)
    {
    }

    template <int dim>
    unsigned int
    FieldOutput<dim>::subdivisions(const physics::CoupledProblem<dim> &problem)
    {
      return problem.dof_handler().get_fe_collection()[0].degree > 1 ? 2 : 1;
    }

    template <int dim>
    void
    FieldOutput<dim>::write(physics::CoupledProblem<dim> &problem,
                            const unsigned int            index,
                            const double                  time)
    {
      const auto              &dofs = problem.dof_handler();
      StressPostprocessor<dim> stress(problem);
      DataOut<dim>             data_out;
      data_out.attach_dof_handler(dofs);

      FieldsPostprocessor<dim> fields;
      data_out.add_data_vector(problem.solution(), fields);
      data_out.add_data_vector(problem.solution(), stress);

      Vector<float> rank_of_cell(problem.triangulation().n_active_cells());
      rank_of_cell = static_cast<float>(Utilities::MPI::this_mpi_process(comm));
      data_out.add_data_vector(rank_of_cell, "mpi_rank");

      data_out.build_patches(
          problem.mapping(), subdivisions(problem), DataOut<dim>::curved_inner_cells);

      DataOutBase::VtkFlags flags;
      flags.time  = time;
      flags.cycle = index;
      data_out.set_flags(flags);
      // every file complete before it is named: the pieces, then (once all
      // ranks have written theirs) the record, then the series
      const unsigned int rank = Utilities::MPI::this_mpi_process(comm);
      const std::string  base = "solution_" + Utilities::int_to_string(index, 5);
      write_atomically(directory + "/" + base + "." + std::to_string(rank) + ".vtu",
                       [&](std::ostream &o) { data_out.write_vtu(o); });
      MPI_Barrier(comm);
      records.emplace_back(time, base + ".pvtu");
      if (rank == 0)
        {
          std::vector<std::string> pieces;
          for (unsigned int r = 0; r < Utilities::MPI::n_mpi_processes(comm); ++r)
            pieces.push_back(base + "." + std::to_string(r) + ".vtu");
          write_atomically(directory + "/" + base + ".pvtu",
                           [&](std::ostream &o) { data_out.write_pvtu_record(o, pieces); });
          write_atomically(directory + "/solution.pvd",
                           [&](std::ostream &o) { DataOutBase::write_pvd_record(o, records); });
        }
    }

    template <int dim>
    void
    FieldOutput<dim>::continue_series(const std::vector<std::pair<double, std::string>> &earlier)
    {
      records = earlier;
      // a run without this series (no contact, no fields) writes no file of it
      if (!records.empty() && Utilities::MPI::this_mpi_process(comm) == 0)
        write_atomically(directory + "/solution.pvd",
                         [&](std::ostream &o) { DataOutBase::write_pvd_record(o, records); });
    }

    template class FieldOutput<2>;
    template class FieldOutput<3>;
  } // namespace io
} // namespace siswell
