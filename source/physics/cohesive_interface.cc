#include <siswell/physics/cohesive_interface.h>
#include <siswell/physics/coupled_problem.h>
#include <siswell/physics/interface_kinematics.h>

#include <deal.II/base/mpi.h>

#include <algorithm>
#include <cmath>
#include <sstream>
#include <stdexcept>
#include <tuple>

namespace siswell
{
  namespace physics
  {
    using namespace dealii;

    template <int dim>
    CohesiveInterface<dim>::CohesiveInterface(const std::string        &interface_name,
                                              const CohesiveParameters &parameters,
                                              const double              modulus)
        : interface(interface_name), law(parameters), modulus(modulus)
    {
      if (!(modulus > 0.))
        throw std::invalid_argument("CohesiveInterface: the modulus must be positive");
    }

    template <int dim>
    typename CohesiveInterface<dim>::PointValues
    CohesiveInterface<dim>::evaluate(const InterfacePointData<dim> &p) const
    {
      const CurrentNormal geometry(p.side[0].F, p.normal);
      const Tensor<1, 3>  d = p.side[1].u - p.side[0].u;
      PointValues         v;
      v.normal        = geometry.n;
      v.s_n           = d * geometry.n;
      v.s_t           = d - v.s_n * geometry.n;
      const double D0 = p.point < damage.size() ? damage[p.point] : 0.;
      v.response      = law.evaluate(v.s_n, v.s_t, stiffness(p.face_size), D0);
      return v;
    }

    template <int dim>
    void
    CohesiveInterface<dim>::add(const InterfacePointData<dim>                    &p,
                                std::array<Vector<double>, 2>                    &residual,
                                std::array<std::array<FullMatrix<double>, 2>, 2> *jacobian) const
    {
      const CurrentNormal geometry(p.side[0].F, p.normal);
      const Tensor<1, 3>  d   = p.side[1].u - p.side[0].u;
      const Tensor<1, 3> &n   = geometry.n;
      const double        s_n = d * n;
      const Tensor<1, 3>  s_t = d - s_n * n;
      const double        D0  = p.point < damage.size() ? damage[p.point] : 0.;
      const auto          r   = law.evaluate(s_n, s_t, stiffness(p.face_size), D0);
      // the force per reference area on side 0 (towards side 1 when opening)
      const Tensor<1, 3>          T = r.t_n * n + r.t_t;
      const std::array<double, 2> sign{{-1., 1.}};
      // δT for a change dF of F₀ and dd of d = u₁ − u₀
      const auto delta_traction = [&](const Tensor<2, 3> &dF, const Tensor<1, 3> &dd) {
        Tensor<1, 3>       da;
        const Tensor<1, 3> dn   = geometry.change(dF, da);
        const double       ds_n = dd * n + d * dn;
        const Tensor<1, 3> ds_t = dd - ds_n * n - s_n * dn;
        const double       dt_n = r.dtn_dsn * ds_n + r.dtn_dst * ds_t;
        const Tensor<1, 3> dt_t = r.dtt_dsn * ds_n + r.dtt_dst * ds_t;
        return Tensor<1, 3>(dt_n * n + r.t_n * dn + dt_t);
      };
      const auto  &s0 = p.side[0];
      const auto  &s1 = p.side[1];
      Tensor<2, 3> ez; // the out-of-plane stretch (generalised plane strain) enters through F₀_zz
      ez[2][2] = 1.;
      add_pair_force(
          p,
          sign,
          T,
          [&](const unsigned int t, const unsigned int j) {
            return t == 0 ? delta_traction(s0.dF[j], -s0.shape_u[j])
                          : delta_traction(Tensor<2, 3>(), s1.shape_u[j]);
          },
          [&]() { return delta_traction(ez, Tensor<1, 3>()); },
          residual,
          jacobian);
    }

    template <int dim>
    void
    CohesiveInterface<dim>::reinit(const CoupledProblem<dim> &problem)
    {
      const std::size_t n =
          problem.interface(interface).pairs().size() * problem.n_face_quadrature_points();
      damage.assign(n, 0.);
      dissipated = 0.;
      // the softening branch needs G > σ² / (2 K) on every face: the largest
      // onset energy ratio over the interface, the same on every rank
      double worst_normal = 0., worst_shear = 0., h_max = 0.;
      problem.for_each_interface_point(interface, [&](const InterfacePointData<dim> &p) {
        const double K = stiffness(p.face_size);
        worst_normal   = std::max(worst_normal, law.onset_energy_ratio_normal(K));
        worst_shear    = std::max(worst_shear, law.onset_energy_ratio_shear(K));
        h_max          = std::max(h_max, p.face_size);
      });
      const MPI_Comm comm = problem.mpi_communicator();
      worst_normal        = Utilities::MPI::max(worst_normal, comm);
      worst_shear         = Utilities::MPI::max(worst_shear, comm);
      h_max               = Utilities::MPI::max(h_max, comm);
      const auto &c       = law.parameters();
      for (const auto &[ratio, strength, energy, mode] :
           {std::make_tuple(worst_normal, c.normal_strength, "Normal fracture energy", "normal"),
            std::make_tuple(worst_shear, c.shear_strength, "Shear fracture energy", "shear")})
        if (ratio >= 1.)
          {
            std::ostringstream m;
            m << "parameter 'Interface/" << energy << "' is at most the elastic energy of the bond "
              << "at its " << mode << " strength, " << strength
              << "^2 / (2 K) = " << strength * strength / (2. * stiffness(h_max))
              << " J/m^2 (K = " << stiffness(h_max) << " Pa/m on faces of " << h_max
              << " m): the bond would have no softening branch; raise the energy or "
              << "'Interface/Cohesive stiffness factor'";
            throw std::invalid_argument(m.str());
          }
    }

    template <int dim>
    void
    CohesiveInterface<dim>::commit(const CoupledProblem<dim> &problem)
    {
      std::vector<double> updated(damage);
      problem.for_each_interface_point(interface, [&](const InterfacePointData<dim> &p) {
        const PointValues v = evaluate(p);
        dissipated += CohesiveLaw::dissipation(v.response, damage[p.point]) * p.JxW;
        updated[p.point] = v.response.damage;
      });
      damage.swap(updated);
    }

    template <int dim>
    typename CohesiveInterface<dim>::Summary
    CohesiveInterface<dim>::summary(const CoupledProblem<dim> &problem) const
    {
      Summary s;
      double  bonded = 0., separated = 0., normal = 0., shear = 0.;
      problem.for_each_interface_point(interface, [&](const InterfacePointData<dim> &p) {
        const PointValues v = evaluate(p);
        const double      D = v.response.damage;
        s.max_damage        = std::max(s.max_damage, D);
        bonded += (1. - D) * p.JxW;
        separated += (D >= 1. ? 1. : 0.) * p.JxW;
        normal += v.response.t_n * p.JxW;
        shear += v.response.t_t.norm() * p.JxW;
        s.max_shear_separation = std::max(s.max_shear_separation, v.s_t.norm());
      });
      const MPI_Comm comm = problem.mpi_communicator();
      const double   area = problem.interface(interface).area;
      const auto     mean = [&](const double x) {
        return area > 0. ? Utilities::MPI::sum(x, comm) / area : 0.;
      };
      s.max_damage           = Utilities::MPI::max(s.max_damage, comm);
      s.bonded_fraction      = mean(bonded);
      s.separated_fraction   = mean(separated);
      s.mean_normal_traction = mean(normal);
      s.mean_shear_traction  = mean(shear);
      s.max_shear_separation = Utilities::MPI::max(s.max_shear_separation, comm);
      s.dissipated_energy    = Utilities::MPI::sum(dissipated, comm);
      return s;
    }

    template <int dim>
    unsigned int
    CohesiveInterface<dim>::n_state_values() const
    {
      return 1;
    }

    template <int dim>
    void
    CohesiveInterface<dim>::pack_state(const unsigned int point, double *values) const
    {
      values[0] = damage[point];
    }

    template <int dim>
    void
    CohesiveInterface<dim>::unpack_state(const unsigned int point, const double *values)
    {
      damage[point] = values[0];
    }

    template <int dim>
    void
    CohesiveInterface<dim>::set_dissipated_energy(const double energy, const MPI_Comm comm)
    {
      dissipated = dealii::Utilities::MPI::this_mpi_process(comm) == 0 ? energy : 0.;
    }

    template class CohesiveInterface<2>;
    template class CohesiveInterface<3>;
  } // namespace physics
} // namespace siswell
