#include <siswell/physics/term_registry.h>

#include <stdexcept>

namespace siswell
{
  namespace physics
  {
    namespace
    {
      /// One registry per term type, built on first use (registrations run
      /// during static initialisation, in any order of translation units);
      /// defined here only, so that the library and a program share it.
      template <class Term>
      std::vector<typename TermRegistry<Term>::Info> &
      registry()
      {
        static std::vector<typename TermRegistry<Term>::Info> terms;
        return terms;
      }
    } // namespace

    template <class Term>
    bool
    TermRegistry<Term>::add(Info info)
    {
      for (const auto &term : registry<Term>())
        if (term.name == info.name)
          throw std::logic_error("weak-form term '" + info.name + "' is registered twice");
      if (info.name.empty() || info.name.find_first_of(",/") != std::string::npos)
        throw std::logic_error("weak-form term name '" + info.name +
                               "' must be non-empty, without ',' or '/'");
      registry<Term>().push_back(std::move(info));
      return true;
    }

    template <class Term>
    const std::vector<typename TermRegistry<Term>::Info> &
    TermRegistry<Term>::all()
    {
      return registry<Term>();
    }

    template <class Term>
    const typename TermRegistry<Term>::Info &
    TermRegistry<Term>::get(const std::string &name)
    {
      std::string known;
      for (const auto &term : registry<Term>())
        {
          if (term.name == name)
            return term;
          known += (known.empty() ? "'" : ", '") + term.name + "'";
        }
      throw std::invalid_argument("unknown weak-form term '" + name + "' (known: " +
                                  (known.empty() ? std::string("none registered") : known) + ")");
    }

    template class TermRegistry<CellTerm<2>>;
    template class TermRegistry<CellTerm<3>>;
    template class TermRegistry<BoundaryTerm<2>>;
    template class TermRegistry<BoundaryTerm<3>>;
  } // namespace physics
} // namespace siswell
