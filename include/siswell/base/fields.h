#pragma once

#include <deal.II/fe/component_mask.h>

#include <array>
#include <initializer_list>
#include <string>
#include <vector>

namespace siswell
{
  /// The unknown fields of the coupled system, in the order of their components.
  enum class Field : unsigned char
  {
    displacement,
    concentration,
    chemical_potential
  };

  /// Position of a field in Fields<dim>::table() and in per-field arrays (norms, scales).
  constexpr unsigned int
  field_index(const Field f)
  {
    return static_cast<unsigned int>(f);
  }

  /**
   * The layout of the unknown fields in the finite element, looked up here
   * and never counted by hand (no `dim + 1` elsewhere): the components of
   * each field, the materials that carry it, its polynomial degree and its
   * block in the field split of the iterative solver.
   *
   * Adding a field (a second displacement field on one side of an
   * interface, an electrolyte potential) is a new entry of Field and of
   * table(); the finite element (CoupledProblem), the per-field norms and
   * scales, the sparsity masks and the field split follow from it.
   */
  template <int dim> struct Fields
  {
    struct Description
    {
      Field field;
      /// Name in messages, output and the Newton log.
      const char *name;
      /// Short name in the per-field residual norms ("u", "c", "mu").
      const char  *symbol;
      unsigned int n_components;
      /// True: only lithium-carrying materials have this field (FE_Nothing elsewhere).
      bool lithium_carriers_only;
      /// True: the displacement degree; false: linear.
      bool displacement_degree;
      /// Block in the field split: 0 displacement, 1 lithium.
      unsigned int split_block;
    };

    static constexpr unsigned int n_fields = 3;

    static constexpr std::array<Description, n_fields>
    table()
    {
      return {{{Field::displacement, "displacement", "u", dim, false, true, 0},
               {Field::concentration, "concentration", "c", 1, true, false, 1},
               {Field::chemical_potential, "chemical potential", "mu", 1, true, false, 1}}};
    }

    /// Position of @p f in table() (0 … n_fields − 1).
    static constexpr unsigned int
    index(const Field f)
    {
      return field_index(f);
    }

    static constexpr Field
    field(const unsigned int index)
    {
      return table()[index].field;
    }

    static constexpr unsigned int
    first_component(const Field f)
    {
      unsigned int first = 0;
      for (unsigned int k = 0; k < index(f); ++k)
        first += table()[k].n_components;
      return first;
    }

    static constexpr unsigned int
    n_components_of(const Field f)
    {
      return table()[index(f)].n_components;
    }

    /**
     * The displacement has a second copy of its dim components after all
     * other fields: the displacement of the far side (side 1) of a split
     * interface (contact), so that the two sides of such an interface have
     * their own dofs on one conforming mesh. On every cell exactly one copy
     * is a FE_Q and the other FE_Nothing (no dofs, zero values), so the
     * displacement at a point is the sum of the two copies; without a split
     * interface the far copy is FE_Nothing everywhere.
     */
    static constexpr unsigned int
    far_side_first_component()
    {
      return first_component(field(n_fields - 1)) + table()[n_fields - 1].n_components;
    }

    /// Components of all fields together (with the far-side displacement copy).
    static constexpr unsigned int
    n_components()
    {
      return far_side_first_component() + n_components_of(Field::displacement);
    }

    /// The field a component of the finite element belongs to.
    static constexpr Field
    field_of_component(const unsigned int component)
    {
      if (component >= far_side_first_component())
        return Field::displacement;
      for (unsigned int k = 0; k + 1 < n_fields; ++k)
        if (component < first_component(field(k + 1)))
          return field(k);
      return field(n_fields - 1);
    }

    /// The direction (0 … dim − 1) of a displacement component of either
    /// copy; @p component must be one of the displacement's.
    static constexpr unsigned int
    displacement_direction(const unsigned int component)
    {
      return component >= far_side_first_component() ?
               component - far_side_first_component() :
               component - first_component(Field::displacement);
    }

    /// True if @p component is direction @p d of the displacement (either copy).
    static constexpr bool
    is_displacement_component(const unsigned int component, const unsigned int d)
    {
      return field_of_component(component) == Field::displacement &&
             displacement_direction(component) == d;
    }

    /// Block of the field split (0 displacement, 1 lithium) of a component.
    static constexpr unsigned int
    split_block_of_component(const unsigned int component)
    {
      return table()[index(field_of_component(component))].split_block;
    }

    /// The components of @p f (of both copies for the displacement).
    static dealii::ComponentMask
    mask(const Field f)
    {
      std::vector<bool> m(n_components(), false);
      for (unsigned int k = 0; k < n_components(); ++k)
        m[k] = field_of_component(k) == f;
      return dealii::ComponentMask(m);
    }

    static std::string
    name(const Field f)
    {
      return table()[index(f)].name;
    }
  };

  /// Which fields a weak-form term couples: couples[row field][column field],
  /// indexed by Fields<dim>::index() (rows: the test functions of the residual
  /// it adds to; columns: the unknowns its Jacobian entries differentiate by).
  using FieldCoupling = std::array<std::array<bool, Fields<2>::n_fields>, Fields<2>::n_fields>;

  /// Every field with every field.
  inline FieldCoupling
  full_coupling()
  {
    FieldCoupling c;
    for (auto &row : c)
      row.fill(true);
    return c;
  }

  /// Rows of @p rows with columns of @p columns.
  inline FieldCoupling
  coupling_of(std::initializer_list<Field> rows, std::initializer_list<Field> columns)
  {
    FieldCoupling c{};
    for (const Field r : rows)
      for (const Field k : columns)
        c[field_index(r)][field_index(k)] = true;
    return c;
  }

  /// True if any entry of @p c is set.
  inline bool
  couples_anything(const FieldCoupling &c)
  {
    for (const auto &row : c)
      for (const bool b : row)
        if (b)
          return true;
    return false;
  }

  /// The union of two couplings.
  inline FieldCoupling
  operator|(FieldCoupling a, const FieldCoupling &b)
  {
    for (unsigned int i = 0; i < a.size(); ++i)
      for (unsigned int j = 0; j < a[i].size(); ++j)
        a[i][j] = a[i][j] || b[i][j];
    return a;
  }
} // namespace siswell
