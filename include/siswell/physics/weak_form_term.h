#pragma once

#include <siswell/physics/point_data.h>

#include <deal.II/base/types.h>
#include <deal.II/lac/full_matrix.h>
#include <deal.II/lac/vector.h>

#include <set>
#include <string>

namespace siswell
{
  namespace physics
  {
    /**
     * One term of the coupled weak form, integrated over cells. It adds its
     * contribution at one quadrature point to the local residual and, if
     * asked, its exact derivative to the local Jacobian. A new physical
     * effect is a new CellTerm.
     */
    template <int dim>
    class CellTerm
    {
    public:
      virtual ~CellTerm() = default;

      /// Name for messages and tests.
      virtual std::string
      name() const = 0;

      /// True if the term lives in lithium-carrying materials only.
      virtual bool
      active_material_only() const = 0;

      /// The fields it couples, rows (residual) × columns (unknowns): the
      /// sparsity patterns (the single matrix and the field-split blocks)
      /// hold the union over the terms, so an entry the Jacobian fills must be
      /// declared here.
      virtual FieldCoupling
      coupling() const = 0;

      virtual void
      add(const PointData<dim> &     p,
          dealii::Vector<double> &    residual,
          dealii::FullMatrix<double> *jacobian) const = 0;

      /**
       * The iterative solver's hook: add this term's part of the
       * approximation of the lithium Schur complement (concentration rows and
       * columns of @p S, SI units) at one point; the block preconditioner
       * applies algebraic multigrid to the sum over the terms. Most terms add
       * nothing (the default); TransportTerm adds the effective-diffusion
       * operator.
       */
      virtual void
      add_lithium_preconditioner(const PointData<dim> & /*p*/, dealii::FullMatrix<double> & /*S*/) const
      {}
    };

    /**
     * One boundary term of the coupled weak form, on the boundary parts in
     * boundary_ids().
     */
    template <int dim>
    class BoundaryTerm
    {
    public:
      virtual ~BoundaryTerm() = default;

      virtual std::string
      name() const = 0;

      virtual const std::set<dealii::types::boundary_id> &
      boundary_ids() const = 0;

      /// The fields it couples, rows × columns, as for CellTerm::coupling().
      /// With u–u entries, a matrix-free displacement block keeps them in an
      /// assembled remainder sized for the faces of such terms only.
      virtual FieldCoupling
      coupling() const = 0;

      virtual void
      add(const PointData<dim> &     p,
          dealii::Vector<double> &    residual,
          dealii::FullMatrix<double> *jacobian) const = 0;
    };
  } // namespace physics
} // namespace siswell
