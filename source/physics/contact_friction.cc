#include <siswell/physics/contact_friction.h>
#include <siswell/physics/coupled_problem.h>
#include <siswell/physics/interface_kinematics.h>

#include <deal.II/base/mpi.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace siswell
{
  namespace physics
  {
    using namespace dealii;

    namespace
    {
      Tensor<1, 3>
      tangential_part(const Tensor<1, 3> &v, const Tensor<1, 3> &n)
      {
        return v - (v * n) * n;
      }
    } // namespace

    template <int dim>
    ContactFriction<dim>::ContactFriction(std::shared_ptr<const ContactInterface<dim>> contact,
                                          const double                                 coefficient)
        : contact(std::move(contact)), mu(coefficient)
    {
      if (!(mu > 0.) || !std::isfinite(mu))
        throw std::invalid_argument("parameter 'Interface/Friction coefficient' must be positive "
                                    "for Coulomb friction");
    }

    template <int dim>
    typename ContactFriction<dim>::PointValues
    ContactFriction<dim>::evaluate(const InterfacePointData<dim> &p) const
    {
      const auto          c = contact->evaluate(p);
      const CurrentNormal geometry(p.side[0].F, p.normal);
      const Tensor<1, 3> &n = geometry.n;
      const Tensor<1, 3>  d = p.side[1].u - p.side[0].u;
      PointValues         v;
      v.closed     = c.closed;
      v.tangential = tangential_part(d, n);
      if (!c.closed)
        {
          // apart: no friction; on closing again the pair sticks where it touches
          v.slip_if_accepted = v.tangential;
          return v;
        }
      const bool         known  = p.point < multiplier.size();
      const Tensor<1, 3> lambda = known ? multiplier[p.point] : Tensor<1, 3>();
      const Tensor<1, 3> g_s    = known ? slip[p.point] : Tensor<1, 3>();
      const double       eps    = contact->augmentation(p.face_size);
      const Tensor<1, 3> trial  = tangential_part(lambda + eps * (d - g_s), n);
      const double       limit  = mu * c.pressure * c.area_ratio;
      const double       size   = trial.norm();
      v.slip                    = size > limit;
      v.force                   = v.slip ? (limit / size) * trial : trial;
      const Tensor<1, 3> excess = v.force - tangential_part(lambda, n);
      v.offset                  = excess.norm() / eps;
      v.slip_if_accepted        = v.slip ? Tensor<1, 3>(v.tangential - excess / eps) : g_s;
      return v;
    }

    template <int dim>
    void
    ContactFriction<dim>::add(const InterfacePointData<dim>                    &p,
                              std::array<Vector<double>, 2>                    &residual,
                              std::array<std::array<FullMatrix<double>, 2>, 2> *jacobian) const
    {
      std::array<std::vector<double>, 2> dt;
      double                             dt_dFzz = 0.;
      const auto                         c = contact->trial_pressure_derivatives(p, dt, dt_dFzz);
      if (!c.closed)
        return;
      const auto                 &s0 = p.side[0];
      const auto                 &s1 = p.side[1];
      const CurrentNormal         geometry(s0.F, p.normal);
      const Tensor<1, 3>         &n      = geometry.n;
      const Tensor<1, 3>          d      = s1.u - s0.u;
      const bool                  known  = p.point < multiplier.size();
      const Tensor<1, 3>          lambda = known ? multiplier[p.point] : Tensor<1, 3>();
      const Tensor<1, 3>          g_s    = known ? slip[p.point] : Tensor<1, 3>();
      const double                eps    = contact->augmentation(p.face_size);
      const Tensor<1, 3>          v      = lambda + eps * (d - g_s);
      const Tensor<1, 3>          trial  = tangential_part(v, n);
      const double                limit  = mu * c.pressure * c.area_ratio;
      const double                size   = trial.norm();
      const bool                  slips  = size > limit;
      const Tensor<1, 3>          unit   = slips ? Tensor<1, 3>(trial / size) : Tensor<1, 3>();
      const Tensor<1, 3>          f      = slips ? limit * unit : trial;
      const std::array<double, 2> sign{{-1., 1.}};
      // δf for a change dF of F₀, dd of d and dp of the contact pressure
      const auto delta_force = [&](const Tensor<2, 3> &dF,
                                   const Tensor<1, 3> &dd,
                                   const double        dp) {
        Tensor<1, 3>       da;
        const Tensor<1, 3> dn = geometry.change(dF, da);
        // d(P v) = dP v + P dv, dP = −(dn ⊗ n + n ⊗ dn)
        const Tensor<1, 3> d_trial = -(dn * (n * v) + n * (dn * v)) + tangential_part(eps * dd, n);
        if (!slips)
          return d_trial;
        const double d_limit = mu * (dp * c.area_ratio + c.pressure * (n * da));
        return Tensor<1, 3>(d_limit * unit + (limit / size) * (d_trial - (unit * d_trial) * unit));
      };
      Tensor<2, 3> ez; // the out-of-plane stretch (generalised plane strain) enters through F₀_zz
      ez[2][2] = 1.;
      add_pair_force(
          p,
          sign,
          f,
          [&](const unsigned int t, const unsigned int j) {
            return t == 0 ? delta_force(s0.dF[j], -s0.shape_u[j], dt[0][j])
                          : delta_force(Tensor<2, 3>(), s1.shape_u[j], dt[1][j]);
          },
          [&]() { return delta_force(ez, Tensor<1, 3>(), dt_dFzz); },
          residual,
          jacobian);
    }

    template <int dim>
    void
    ContactFriction<dim>::reinit(const CoupledProblem<dim> &problem)
    {
      const std::size_t n =
          problem.interface(interface_name()).pairs().size() * problem.n_face_quadrature_points();
      multiplier.assign(n, Tensor<1, 3>());
      committed_multiplier = multiplier;
      slip                 = multiplier;
      pending_slip         = multiplier;
      status.assign(n, 0);
      committed_status = status;
    }

    template <int dim>
    typename ContactFriction<dim>::Update
    ContactFriction<dim>::update_multipliers(const CoupledProblem<dim> &problem)
    {
      Update                    u;
      std::vector<Tensor<1, 3>> updated(multiplier.size());
      std::vector<char>         slipping(multiplier.size(), 0);
      problem.for_each_interface_point(interface_name(), [&](const InterfacePointData<dim> &p) {
        const PointValues v   = evaluate(p);
        updated[p.point]      = v.force;
        pending_slip[p.point] = v.slip_if_accepted;
        slipping[p.point]     = v.slip;
        if (v.closed)
          u.max_relative_offset = std::max(u.max_relative_offset, v.offset / p.face_size);
        u.changed += slipping[p.point] != status[p.point];
        u.slipping += v.slip;
      });
      const MPI_Comm comm   = problem.mpi_communicator();
      u.max_relative_offset = Utilities::MPI::max(u.max_relative_offset, comm);
      u.changed             = Utilities::MPI::sum(u.changed, comm);
      u.slipping            = Utilities::MPI::sum(u.slipping, comm);
      u.converged           = u.max_relative_offset <= contact->parameters().penetration_tolerance;
      multiplier.swap(updated);
      status.swap(slipping);
      return u;
    }

    template <int dim>
    void
    ContactFriction<dim>::commit()
    {
      committed_multiplier = multiplier;
      committed_status     = status;
      slip                 = pending_slip;
    }

    template <int dim>
    void
    ContactFriction<dim>::restore()
    {
      multiplier   = committed_multiplier;
      status       = committed_status;
      pending_slip = slip;
    }

    template <int dim>
    bool
    ContactFriction<dim>::slipping(const unsigned int point) const
    {
      return point < status.size() && status[point];
    }

    template <int dim>
    typename ContactFriction<dim>::Summary
    ContactFriction<dim>::summary(const CoupledProblem<dim> &problem) const
    {
      Summary      s;
      double       slipping = 0.;
      Tensor<1, 3> force;
      problem.for_each_interface_point(interface_name(), [&](const InterfacePointData<dim> &p) {
        const PointValues v = evaluate(p);
        // the status of the last update (evaluate() after it sees λ_T = f: the limit to
        // round-off)
        if (v.closed && status[p.point])
          slipping += p.JxW;
        force += v.force * p.JxW;
        s.max_slip = std::max(s.max_slip, slip[p.point].norm());
      });
      const MPI_Comm comm = problem.mpi_communicator();
      const double   area = problem.interface(interface_name()).area;
      s.slip_fraction     = area > 0. ? Utilities::MPI::sum(slipping, comm) / area : 0.;
      s.max_slip          = Utilities::MPI::max(s.max_slip, comm);
      for (unsigned int d = 0; d < 3; ++d)
        force[d] = Utilities::MPI::sum(force[d], comm);
      s.tangential_force = force.norm();
      return s;
    }

    template <int dim>
    unsigned int
    ContactFriction<dim>::n_state_values() const
    {
      return 7;
    }

    template <int dim>
    void
    ContactFriction<dim>::pack_state(const unsigned int point, double *values) const
    {
      for (unsigned int d = 0; d < 3; ++d)
        {
          values[d]     = committed_multiplier[point][d];
          values[3 + d] = slip[point][d];
        }
      values[6] = committed_status[point];
    }

    template <int dim>
    void
    ContactFriction<dim>::unpack_state(const unsigned int point, const double *values)
    {
      for (unsigned int d = 0; d < 3; ++d)
        {
          multiplier[point][d] = committed_multiplier[point][d] = values[d];
          slip[point][d] = pending_slip[point][d] = values[3 + d];
        }
      status[point] = committed_status[point] = static_cast<char>(values[6]);
    }

    template class ContactFriction<2>;
    template class ContactFriction<3>;
  } // namespace physics
} // namespace siswell
