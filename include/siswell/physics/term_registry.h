#pragma once

#include <siswell/geometry/geometry.h>
#include <siswell/physics/weak_form_term.h>

#include <deal.II/base/parameter_handler.h>

#include <functional>
#include <memory>
#include <string>
#include <vector>

namespace siswell
{
  namespace physics
  {
    /**
     * Weak-form terms known by name, in the style of ASPECT's plugins, and
     * chosen in the .prm:
     *
     *     subsection Terms
     *       set Boundary terms = elastic foundation
     *       subsection elastic foundation
     *         set Boundary parts = surface
     *         set Stiffness      = 3e16
     *       end
     *     end
     *
     * A program registers its own with SISWELL_REGISTER_CELL_TERM or
     * SISWELL_REGISTER_BOUNDARY_TERM (at namespace scope, in a .cc file),
     * before RunParameters::declare_parameters() runs; every registered term
     * declares its entries in the subsection of its name, and the chosen ones
     * are created from them when the parameters are parsed (for the run's
     * geometry, which resolves boundary-part names). The built-in physics
     * (mechanics, transport, chemical potential, lithium flux, pressure) is
     * not chosen here: it is the model.
     *
     * @p Term is CellTerm<dim> or BoundaryTerm<dim>; see CellTerms and BoundaryTerms.
     */
    template <class Term> class TermRegistry
    {
    public:
      struct Info
      {
        std::string name;
        /// One sentence for the .prm help.
        std::string description;
        /// Declares the term's entries in the current subsection.
        std::function<void(dealii::ParameterHandler &)> declare_parameters;
        /// Creates the term from them; throws std::invalid_argument naming the parameter.
        std::function<std::shared_ptr<const Term>(dealii::ParameterHandler &,
                                                  const geometry::Geometry &)>
            create;
      };

      /// Register a term; a second one of the same name is refused (std::logic_error).
      static bool
      add(Info info);

      /// Register @p T: with a static declare_parameters(ParameterHandler &)
      /// and a constructor T(ParameterHandler &, const geometry::Geometry &)
      /// that reads the current subsection.
      template <class T>
      static bool
      add(const std::string &name, const std::string &description)
      {
        Info info;
        info.name               = name;
        info.description        = description;
        info.declare_parameters = [](dealii::ParameterHandler &prm) { T::declare_parameters(prm); };
        info.create             = [](dealii::ParameterHandler &prm,
                         const geometry::Geometry &g) -> std::shared_ptr<const Term> {
          return std::make_shared<const T>(prm, g);
        };
        return add(std::move(info));
      }

      /// Every registered term, in the order of registration.
      static const std::vector<Info> &
      all();

      /// The term called @p name; std::invalid_argument listing the known ones otherwise.
      static const Info &
      get(const std::string &name);
    };

    template <int dim> using CellTerms     = TermRegistry<CellTerm<dim>>;
    template <int dim> using BoundaryTerms = TermRegistry<BoundaryTerm<dim>>;
  } // namespace physics
} // namespace siswell

/// Register the cell term class template @p Term (Term<2> and Term<3>) under
/// @p name (a string) with a one-sentence @p description.
#define SISWELL_REGISTER_CELL_TERM(Term, name, description)                                        \
  namespace                                                                                        \
  {                                                                                                \
    const bool siswell_cell_term_registered_##Term =                                               \
        ::siswell::physics::CellTerms<2>::add<Term<2>>(name, description) &&                       \
        ::siswell::physics::CellTerms<3>::add<Term<3>>(name, description);                         \
  }

/// Register the boundary term class template @p Term (Term<2> and Term<3>)
/// under @p name with a one-sentence @p description.
#define SISWELL_REGISTER_BOUNDARY_TERM(Term, name, description)                                    \
  namespace                                                                                        \
  {                                                                                                \
    const bool siswell_boundary_term_registered_##Term =                                           \
        ::siswell::physics::BoundaryTerms<2>::add<Term<2>>(name, description) &&                   \
        ::siswell::physics::BoundaryTerms<3>::add<Term<3>>(name, description);                     \
  }
