#pragma once
// Internal to the linear-solver backends (not installed): the Jacobian stored
// in displacement / lithium blocks (see FieldSplit) and its block
// lower-triangular preconditioner.

namespace siswell
{
  namespace solvers
  {
    /**
     * The Jacobian as four blocks, block 0 the displacement u, block 1 the
     * lithium unknowns l = (c, μ): y = J x.
     */
    template <class Block00, class Matrix, class BlockVec> class BlockJacobian
    {
    public:
      BlockJacobian(const Block00 &J00, const Matrix &J01, const Matrix &J10, const Matrix &J11)
          : J00(J00), J01(J01), J10(J10), J11(J11)
      {
      }

      void
      vmult(BlockVec &dst, const BlockVec &src) const
      {
        J00.vmult(dst.block(0), src.block(0));
        J01.vmult_add(dst.block(0), src.block(1));
        J10.vmult(dst.block(1), src.block(0));
        J11.vmult_add(dst.block(1), src.block(1));
      }

    private:
      const Block00 &J00;
      const Matrix  &J01, &J10, &J11;
    };

    /**
     * Block lower-triangular preconditioner for the coupled Jacobian
     *   [J_uu J_uc  .  ]
     *   [J_cu J_cc J_cμ]
     *   [J_μu J_μc J_μμ]
     * (J_uμ = 0), with J_00 = J_uu and J_11 the lithium block. With m_c the
     * concentration mask of the lithium block and L⁻¹ the inverse lumped
     * chemical-potential mass (zero on concentration rows), one application
     * to r = (r_u, r_l) is
     *   z_u = B_u(r_u)                          multigrid on J_uu (AMG, or
     *                                           DisplacementPMultigrid)
     *   t   = r_l − J_10 z_u
     *   z_c = m_c AMG_S(m_c (t − J_11 L⁻¹ t))   AMG on S = J_cc − J_cμ L⁻¹ J_μc
     *   z_μ = L⁻¹ (t − J_11 z_c)
     * where the matrix of AMG_S is an assembled approximation of S completed
     * by the lumped mass on the μ diagonal, which its V-cycle leaves alone.
     */
    template <class Matrix, class BlockVec, class Vec, class PreconditionerU, class AMG>
    class BlockTriangularPreconditioner
    {
    public:
      BlockTriangularPreconditioner(const Matrix          &J10,
                                    const Matrix          &J11,
                                    const PreconditionerU &amg_u,
                                    const AMG             &amg_c,
                                    const Vec             &mask_c,
                                    const Vec             &lumped_mu_inverse)
          : J10(J10), J11(J11), amg_u(amg_u), amg_c(amg_c), mask_c(mask_c),
            L_inv(lumped_mu_inverse), t(mask_c), w(mask_c), z(mask_c)
      {
      }

      void
      vmult(BlockVec &dst, const BlockVec &src) const
      {
        amg_u.vmult(dst.block(0), src.block(0));
        // t = r_l − J_10 z_u
        J10.vmult(t, dst.block(0));
        t.sadd(-1., 1., src.block(1));
        // z = m_c (t − J_11 L⁻¹ t); w = z_c
        w = t;
        w.scale(L_inv);
        J11.vmult(z, w);
        z.sadd(-1., 1., t);
        z.scale(mask_c);
        amg_c.vmult(w, z);
        w.scale(mask_c);
        // z_μ = L⁻¹ (t − J_11 z_c)
        J11.vmult(z, w);
        z.sadd(-1., 1., t);
        z.scale(L_inv);
        dst.block(1) = w;
        dst.block(1) += z;
      }

    private:
      const Matrix          &J10, &J11;
      const PreconditionerU &amg_u;
      const AMG             &amg_c;
      const Vec             &mask_c, &L_inv;
      mutable Vec            t, w, z;
    };
  } // namespace solvers
} // namespace siswell
