#pragma once
// Internal to the linear-solver backends (not installed).

#include <deal.II/base/index_set.h>

#include <array>

namespace siswell
{
  namespace solvers
  {
    /**
     * Block lower-triangular preconditioner for the coupled Jacobian
     *   [A_uu A_uc  .  ]
     *   [A_cu A_cc A_cμ]
     *   [A_μu A_μc A_μμ]
     * (A_uμ = 0). With masks m_u, m_c selecting the displacement and
     * concentration dofs and L⁻¹ the inverse lumped chemical-potential mass
     * (zero outside μ), one application to r is
     *   z_u = m_u AMG(m_u r)                    AMG on the displacement block
     *   r'  = r − A z_u
     *   z_c = m_c AMG(m_c (r' − A L⁻¹ r'))      AMG on S = A_cc − A_cμ L⁻¹ A_μc
     *   z_μ = L⁻¹ (r' − A z_c)
     * with one multigrid hierarchy on A_uu and one on an assembled
     * approximation of S (each matrix completed by the identity outside its
     * block, which its V-cycle leaves alone).
     */
    template <class Matrix, class Vec, class AMG>
    class BlockTriangularPreconditioner
    {
    public:
      BlockTriangularPreconditioner(const Matrix &A,
                                    const AMG &   amg_u,
                                    const AMG &   amg_c,
                                    const Vec &   mask_u,
                                    const Vec &   mask_c,
                                    const Vec &   lumped_mu_inverse)
        : A(A)
        , amg_u(amg_u)
        , amg_c(amg_c)
        , mask_u(mask_u)
        , mask_c(mask_c)
        , L_inv(lumped_mu_inverse)
        , t1(mask_u)
        , t2(mask_u)
        , r(mask_u)
      {}

      void
      vmult(Vec &dst, const Vec &src) const
      {
        // z_u
        t1 = src;
        t1.scale(mask_u);
        amg_u.vmult(dst, t1);
        dst.scale(mask_u);
        // r' = src − A z_u
        A.vmult(t1, dst);
        r = src;
        r -= t1;
        // z_c from r'_c − A_cμ L⁻¹ r'_μ
        t2 = r;
        t2.scale(L_inv);
        A.vmult(t1, t2);
        t1.sadd(-1., 1., r);
        t1.scale(mask_c);
        amg_c.vmult(t2, t1);
        t2.scale(mask_c);
        dst += t2;
        // z_μ = L⁻¹ (r'_μ − A_μc z_c)
        A.vmult(t1, t2);
        t1.sadd(-1., 1., r);
        t1.scale(L_inv);
        dst += t1;
      }

    private:
      const Matrix &A;
      const AMG &   amg_u, &amg_c;
      const Vec &   mask_u, &mask_c, &L_inv;
      mutable Vec   t1, t2, r;
    };
  } // namespace solvers
} // namespace siswell
