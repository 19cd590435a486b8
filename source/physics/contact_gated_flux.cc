#include <siswell/physics/contact_gated_flux.h>
#include <siswell/physics/coupled_problem.h>
#include <siswell/physics/global_scalars.h>

#include <deal.II/base/mpi.h>

#include <cmath>
#include <stdexcept>

namespace siswell
{
  namespace physics
  {
    using namespace dealii;

    template <int dim>
    ContactGatedFlux<dim>::ContactGatedFlux(std::shared_ptr<const ContactInterface<dim>> contact,
                                            const double gate_pressure,
                                            const double gate_gap)
        : contact(contact), gate_pressure(gate_pressure), gate_gap(gate_gap)
    {
      if (!(gate_pressure > 0.))
        throw std::invalid_argument("parameter 'Interface/Flux gate pressure' must be positive");
      if (!(gate_gap > 0.))
        throw std::invalid_argument("parameter 'Interface/Flux gate gap' must be positive");
    }

    namespace
    {
      /// 1 / (1 + exp(−x)) without overflow.
      double
      logistic(const double x)
      {
        if (x >= 0.)
          return 1. / (1. + std::exp(-x));
        const double e = std::exp(x);
        return e / (1. + e);
      }
    } // namespace

    template <int dim>
    double
    ContactGatedFlux<dim>::argument(const typename ContactInterface<dim>::PointValues &v) const
    {
      return v.multiplier / gate_pressure - v.gap / gate_gap;
    }

    template <int dim>
    double
    ContactGatedFlux<dim>::gate(const typename ContactInterface<dim>::PointValues &v) const
    {
      return logistic(argument(v)) + leakage;
    }

    template <int dim>
    void
    ContactGatedFlux<dim>::add(const InterfacePointData<dim>                    &p,
                               std::array<Vector<double>, 2>                    &residual,
                               std::array<std::array<FullMatrix<double>, 2>, 2> *jacobian) const
    {
      const auto &s0 = p.side[0];
      if (!s0.active || !s0.scalars)
        return;
      const double                       q = s0.scalars->value(scalar);
      std::array<std::vector<double>, 2> dp;
      double                             dp_dFzz = 0.;
      const auto                         v   = contact->trial_pressure_derivatives(p, dp, dp_dFzz);
      const double                       phi = gate(v);
      // dφ/dt: s depends on the dofs through g only, and dg = −dt / ε
      const double l    = phi - leakage;
      const double dphi = l * (1. - l) / (contact->augmentation(p.face_size) * gate_gap);
      const double w    = p.JxW;
      for (unsigned int i = 0; i < s0.field.size(); ++i)
        if (s0.field[i] == Field::concentration)
          residual[0](i) -= q * phi * s0.phi[i] * w;

      if (s0.border)
        {
          LocalBorder &b = *s0.border;
          // the equation of q: ∫ q φ dA − Ī, Ī spread over the reference area
          b.r[scalar] += q * phi * w - total * w / area;
          b.d(scalar, scalar) += phi * w;
          for (unsigned int i = 0; i < s0.field.size(); ++i)
            if (s0.field[i] == Field::concentration)
              b.column[scalar](i) -= phi * s0.phi[i] * w;
          for (unsigned int t = 0; t < 2; ++t)
            if (LocalBorder *bt = p.side[t].border)
              for (unsigned int j = 0; j < p.side[t].field.size(); ++j)
                bt->row[scalar](j) += q * dphi * dp[t][j] * w;
          if (s0.stretch != numbers::invalid_unsigned_int)
            {
              b.d(scalar, s0.stretch) += q * dphi * dp_dFzz * w;
              Vector<double> &column = b.column[s0.stretch];
              for (unsigned int i = 0; i < s0.field.size(); ++i)
                if (s0.field[i] == Field::concentration)
                  column(i) -= q * dphi * dp_dFzz * s0.phi[i] * w;
            }
        }
      if (!jacobian || dphi == 0.)
        return;
      for (unsigned int i = 0; i < s0.field.size(); ++i)
        if (s0.field[i] == Field::concentration)
          for (unsigned int t = 0; t < 2; ++t)
            for (unsigned int j = 0; j < p.side[t].field.size(); ++j)
              if (dp[t][j] != 0.)
                (*jacobian)[0][t](i, j) -= q * dphi * dp[t][j] * s0.phi[i] * w;
    }

    template <int dim>
    double
    ContactGatedFlux<dim>::conducting_fraction(const CoupledProblem<dim> &problem) const
    {
      double a = 0.;
      problem.for_each_interface_point(contact->interface_name(),
                                       [&](const InterfacePointData<dim> &p) {
                                         a += (gate(contact->evaluate(p)) - leakage) * p.JxW;
                                       });
      const double total_area = problem.interface(contact->interface_name()).area;
      return Utilities::MPI::sum(a, problem.mpi_communicator()) / total_area;
    }

    template class ContactGatedFlux<2>;
    template class ContactGatedFlux<3>;
  } // namespace physics
} // namespace siswell
