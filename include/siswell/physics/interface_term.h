#pragma once

#include <siswell/physics/point_data.h>

#include <deal.II/base/tensor.h>
#include <deal.II/lac/full_matrix.h>
#include <deal.II/lac/vector.h>

#include <array>
#include <string>

namespace siswell
{
  namespace physics
  {
    /**
     * What a two-sided term sees at one quadrature point of an interface:
     * for each side s = 0, 1 the state (F, c, μ of that side's cell) and the
     * shape functions of that side's local dofs (side[s], without material
     * response), and the common data of the point. Residual and Jacobian
     * entries are numbered by the local dofs of each side, and so are the
     * global scalars' border entries (side[s].border).
     */
    template <int dim> struct InterfacePointData
    {
      std::array<PointData<dim>, 2> side;
      /// Outward unit normal of side 0 in the reference configuration (3 components).
      dealii::Tensor<1, 3> normal;
      /// Quadrature weight times reference area element (2πr in axisymmetry).
      double JxW = 0.;
      /// Index of this point among the interface's points on this rank:
      /// pair × (points per pair) + q, pairs numbered as Interface::pairs()
      /// (for a term's own per-point variables, e.g. contact multipliers).
      unsigned int point = 0;
      /// Diameter of the side-0 face (m), the length scale of gap tolerances.
      double face_size = 0.;
      /// Position of the point in the reference configuration (m; 3 components).
      dealii::Tensor<1, 3> position;
    };

    /**
     * A weak-form term on an Interface that sees both sides: it adds its
     * contribution at one quadrature point to the local residual of each
     * side and, if asked, its exact derivative to the four blocks of the
     * Jacobian, jacobian[s][t] = ∂(residual of side s)/∂(dofs of side t).
     * The first one is the lithium flux through the silicon–electrolyte
     * interface; contact and cohesive laws are the next.
     */
    template <int dim> class InterfaceTerm
    {
    public:
      virtual ~InterfaceTerm() = default;

      /// Name for messages and tests.
      virtual std::string
      name() const = 0;

      /// The Interface (by its name) on which the term acts.
      virtual const std::string &
      interface_name() const = 0;

      /// The fields it couples, rows × columns (for sparsity patterns and
      /// for the matrix-free displacement block's assembled remainder).
      virtual FieldCoupling
      coupling() const = 0;

      virtual void
      add(const InterfacePointData<dim>                            &p,
          std::array<dealii::Vector<double>, 2>                    &residual,
          std::array<std::array<dealii::FullMatrix<double>, 2>, 2> *jacobian) const = 0;
    };
  } // namespace physics
} // namespace siswell
