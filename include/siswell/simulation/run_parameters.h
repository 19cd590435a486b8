#pragma once

#include <siswell/geometry/geometry.h>
#include <siswell/io/checkpoint.h>
#include <siswell/materials/active_material.h>
#include <siswell/materials/inert_material.h>
#include <siswell/physics/adaptive_refinement.h>
#include <siswell/physics/boundary_conditions.h>
#include <siswell/physics/cohesive_law.h>
#include <siswell/physics/contact_interface.h>
#include <siswell/physics/cycling_protocol.h>
#include <siswell/physics/stack_pressure_platen.h>
#include <siswell/physics/weak_form_term.h>
#include <siswell/simulation/material_list.h>
#include <siswell/solvers/linear_solver.h>
#include <siswell/solvers/newton_solver.h>
#include <siswell/solvers/time_step_control.h>

#include <deal.II/base/parameter_handler.h>

#include <memory>
#include <set>
#include <string>
#include <vector>

namespace siswell
{
  /**
   * Every parameter of a run, each group declared and parsed by the class
   * that uses it. Parse with parse(); all cross-checks that need no mesh run
   * there and throw std::invalid_argument naming the parameter.
   */
  struct RunParameters
  {
    /// Declare every parameter of siswell in @p prm, with the materials in
    /// the four fixed subsections ('Materials/List' empty).
    static void
    declare_parameters(dealii::ParameterHandler &prm);

    /**
     * As above, and for the materials that @p input (the text of the
     * parameter file that will be parsed into @p prm) lists by name in
     * 'Materials/List', their subsections with the entries of the law each
     * chooses (MaterialList). Throws std::invalid_argument naming
     * 'Materials/<name>/Law' if a listed material has no known law.
     */
    static void
    declare_parameters(dealii::ParameterHandler &prm, const std::string &input);

    void
    parse(dealii::ParameterHandler &prm);

    geometry::Geometry        geometry;
    materials::ActiveMaterial active_material;
    /// A second lithium-carrying material (ids second_active_ids; may be empty).
    materials::ActiveMaterial            second_active_material;
    materials::InertMaterial             electrolyte{"electrolyte", 25e9, 0.3};
    materials::InertMaterial             collector{"collector", 120e9, 0.34};
    std::set<dealii::types::material_id> active_ids, second_active_ids, electrolyte_ids,
        collector_ids;
    /// The law of each material where its 'Law' is not the built-in one
    /// (materials::MaterialLaws; its parameters in the subsection named after
    /// it); null: the built-in law with the parameters above.
    std::shared_ptr<const materials::Material> active_law, second_active_law, electrolyte_law,
        collector_law;
    /// Every material of the run with its ids and law: those of
    /// 'Materials/List', or of the four fixed subsections that have ids
    /// (named "Active material", ...). What Simulation builds the mesh's
    /// materials from; the first lithium carrier sets the scales.
    std::vector<MaterialEntry> material_list;
    /// True if the parameter file lists its materials by name ('Materials/List').
    bool materials_listed_by_name = false;
    /// The weak-form terms chosen by name in subsection 'Terms'
    /// (physics::TermRegistry), created for the run's dimension.
    template <int dim> struct ChosenTerms
    {
      std::vector<std::shared_ptr<const physics::CellTerm<dim>>>     cell;
      std::vector<std::shared_ptr<const physics::BoundaryTerm<dim>>> boundary;
    };
    ChosenTerms<2> terms_2d;
    ChosenTerms<3> terms_3d;
    /// terms_2d or terms_3d.
    template <int dim>
    const ChosenTerms<dim> &
    terms() const
    {
      if constexpr (dim == 2)
        return terms_2d;
      else
        return terms_3d;
    }
    physics::BoundaryConditions  boundary_conditions;
    physics::CyclingProtocol     cycling;
    physics::StackPressurePlaten platen;
    /// The silicon–solid interface: bonded, in contact or cohesive (subsection 'Interface').
    physics::ContactParameters contact;
    /// The bond's strength with 'Interface/Mode = cohesive' (subsection 'Interface').
    physics::CohesiveParameters     cohesive;
    solvers::TimeStepControl        time_stepping;
    solvers::NewtonParameters       newton;
    solvers::LinearSolverParameters linear_solver;
    io::CheckpointParameters        checkpoint;
    physics::AdaptiveRefinement     adaptivity;
    unsigned int                    displacement_degree = 2;
    std::string                     output_directory    = "siswell-output";
    unsigned int                    output_interval     = 1;
    bool                            write_fields        = true;
    /// Messages for the user found while parsing (entries that override a
    /// preset); Simulation::run() prints them before the first step.
    std::vector<std::string> notes;

  private:
    /// Fill the entries that presets give and the input leaves unset (in the
    /// material subsections and in those of registered laws); the notes on
    /// the entries the input sets against a preset.
    static std::vector<std::string>
    apply_presets(dealii::ParameterHandler &prm);
    /// Subsection 'Materials': ids, laws and their parameters, cross-checks of the ids.
    void
    parse_materials(dealii::ParameterHandler &prm);
    /// Subsection 'Terms': create the chosen terms for the run's dimension.
    void
    parse_terms(dealii::ParameterHandler &prm);
    /// The four fixed subsections (when 'Materials/List' is empty).
    void
    parse_fixed_materials(dealii::ParameterHandler &prm);
  };
} // namespace siswell
