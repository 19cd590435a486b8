#pragma once

#include <siswell/base/fields.h>
#include <siswell/materials/hencky_swelling_solid.h>
#include <siswell/materials/lithium_carrier.h>
#include <siswell/physics/local_border.h>

#include <deal.II/base/numbers.h>

#include <deal.II/base/tensor.h>
#include <deal.II/lac/vector.h>

#include <array>
#include <vector>

namespace siswell
{
  namespace physics
  {
    using siswell::Field;
    class GlobalScalars;

    /**
     * What the weak-form terms see at one quadrature point of a cell or face:
     * the state, the material response, and the test/trial functions of every
     * local degree of freedom. Gradients of displacement shape functions are
     * given as full 3x3 tensors (dF_i): plane strain embeds them with zero
     * out-of-plane row, axisymmetry adds the hoop component N_r / r.
     */
    template <int dim> struct PointData
    {
      /// Quadrature weight times reference volume (or area) element, with 2πr in axisymmetry (m³ or
      /// m²).
      double JxW = 0.;
      /// Time step (s).
      double dt = 0.;

      dealii::Tensor<2, 3> F;
      /// Displacement (m), 3 components (0 out of plane in 2D).
      dealii::Tensor<1, 3>   u;
      double                 c = 0., c_old = 0., mu = 0.;
      dealii::Tensor<1, dim> grad_mu;
      /// Outward unit normal in the reference configuration (faces only), 3 components.
      dealii::Tensor<1, 3> normal;

      /// History of this point: converged values and end-of-step values (cells only).
      materials::HistoryStep history_step;
      /// Response of the material at (F, c); not evaluated at face points.
      materials::MechanicalResponse response;
      /// The lithium-carrying material here, or nullptr in an inert solid.
      const materials::LithiumCarrier *active = nullptr;

      /**
       * The border of the global scalar unknowns (GlobalScalars) at this
       * cell, face or side of a face pair, or nullptr when it is not
       * assembled (no global scalars, or a measurement). A term whose
       * residual depends on scalar s_k adds ∂R_i/∂s_k to border->column[k]; a
       * term that owns the equation of s_k adds r_k, ∂r_k/∂x_j (row[k]) and
       * ∂r_k/∂s_l (d(k, l)); all in SI units, numbered by the local dofs.
       */
      LocalBorder *border = nullptr;
      /// The global scalars and their current values (always set in an
      /// assembly; include <siswell/physics/global_scalars.h> to read them).
      const GlobalScalars *scalars = nullptr;
      /// Index of the out-of-plane stretch λ_z = F_zz among the global
      /// scalars (generalised plane strain), else numbers::invalid_unsigned_int.
      unsigned int stretch = dealii::numbers::invalid_unsigned_int;

      /// Where terms add the derivative of their local residual with respect
      /// to λ_z at fixed dofs (every term that sees F depends on it), or
      /// nullptr when it is not assembled.
      dealii::Vector<double> *
      d_residual_d_stretch() const
      {
        return border && stretch != dealii::numbers::invalid_unsigned_int ? &border->column[stretch]
                                                                          : nullptr;
      }

      /**
       * False when the displacement block J_uu is applied matrix-free: the
       * mechanics term then leaves out its u–u entries ∫ dF_i : ∂P/∂F : dF_j,
       * which the operator computes from the tangent at this point.
       */
      bool displacement_stiffness = true;

      /// Per local dof: its field, and its shape data.
      std::vector<Field> field;
      /**
       * The local dofs of each field in ascending order (Fields<dim>::index()
       * of the field): a term loops over the rows or columns of one field
       * through dofs() instead of testing field[i] for every dof. Filled
       * with field once per finite element (see described_fe).
       */
      std::array<std::vector<unsigned int>, Fields<dim>::n_fields> dofs_of_field;
      /// For a displacement dof: its direction (0 … dim − 1); else unused.
      std::vector<unsigned int> direction;
      /// The finite element that field, dofs_of_field and direction describe
      /// (nullptr: none yet); the assembly refills them when it changes.
      const void *described_fe = nullptr;

      /// The local dofs of field @p f, ascending.
      const std::vector<unsigned int> &
      dofs(const Field f) const
      {
        return dofs_of_field[field_index(f)];
      }
      std::vector<dealii::Tensor<2, 3>>   dF;       ///< displacement dofs
      std::vector<dealii::Tensor<1, 3>>   shape_u;  ///< displacement dofs, value
      std::vector<double>                 phi;      ///< scalar dofs, value
      std::vector<dealii::Tensor<1, dim>> grad_phi; ///< scalar dofs, gradient

      void
      resize(const unsigned int n)
      {
        field.resize(n);
        direction.resize(n);
        dF.resize(n);
        shape_u.resize(n);
        phi.resize(n);
        grad_phi.resize(n);
      }
    };
  } // namespace physics
} // namespace siswell
