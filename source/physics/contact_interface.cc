#include <siswell/base/text.h>
#include <siswell/physics/contact_interface.h>
#include <siswell/physics/coupled_problem.h>
#include <siswell/physics/interface_kinematics.h>

#include <deal.II/base/function_parser.h>
#include <deal.II/base/mpi.h>

#include <algorithm>
#include <cmath>
#include <iostream>
#include <sstream>
#include <stdexcept>

namespace siswell
{
  namespace physics
  {
    using namespace dealii;

    void
    ContactParameters::declare_parameters(ParameterHandler &prm)
    {
      prm.enter_subsection("Interface");
      prm.declare_entry("Mode",
                        "bonded",
                        Patterns::Selection("bonded|contact|cohesive"),
                        "The interface between the lithium-carrying materials and the inert "
                        "solids (electrolyte, collector): bonded (one displacement through it), "
                        "contact (each side its own displacement; frictionless contact in the "
                        "current configuration: the sides separate where the contact pressure "
                        "would be tensile, and are pressed together where they would overlap) "
                        "or cohesive (contact, and a bond of finite strength in tension and "
                        "shear that damages irreversibly: 'Normal strength', 'Normal fracture "
                        "energy' and their shear counterparts).");
      prm.declare_entry("Augmentation factor",
                        "10",
                        Patterns::Double(0.),
                        "κ of the augmented Lagrangian's stiffness ε = κ E / h (E: Young's "
                        "modulus of the stiffer side, h: face size). Larger: fewer multiplier "
                        "updates, a stiffer Newton system.");
      prm.declare_entry("Penetration tolerance",
                        "1e-8",
                        Patterns::Double(0.),
                        "The multiplier updates of a time step end when |gap| ≤ this × face size "
                        "at every point in contact (-). The contact pressure is then within "
                        "κ E × this of the exact multiplier.");
      prm.declare_entry("Maximum multiplier updates",
                        "12",
                        Patterns::Integer(1),
                        "Updates of the contact pressure per time step; more: the step counts as "
                        "not converged and is cut.");
      prm.declare_entry("Open stiffness ratio",
                        "1e-9",
                        Patterns::Double(0., 1e-3),
                        "Where the sides are apart they still attract each other with η (λ − ε "
                        "g), this η times the closed stiffness: so that a body that has lost all "
                        "contact is not free to move as a rigid body (a singular system). 1e-9: "
                        "about 10 Pa at a 1 nm gap on 100 nm faces (-).");
      prm.declare_entry("Flux gate pressure",
                        "1e6",
                        Patterns::Double(0.),
                        "With 'Lithium flux boundaries = interface': the lithium flux density "
                        "through a point of the interface is q / (1 + exp(−p / this + g / 'Flux "
                        "gate gap')), p the contact pressure, g the gap, q such that the total is "
                        "the galvanostatic current: half at an unloaded touching contact, rising "
                        "with pressure to full conduction (Pa; doc/theory.md §5e).");
      prm.declare_entry("Flux gate gap",
                        "1e-9",
                        Patterns::Double(0.),
                        "The opening over which the lithium flux through a parting interface "
                        "falls from half to none (1/e per this gap; m): ions do not cross a "
                        "void, and a gate that closed over less than the gap change of a "
                        "Newton iterate would stall Newton (doc/theory.md §5e).");
      prm.declare_entry(
          "Minimum contact fraction",
          "1e-6",
          Patterns::Double(0., 1.),
          "A lithiation or delithiation stage ends when the conducting fraction of "
          "the interface (∫ φ dA / A, φ the gate of 'Flux gate pressure') falls below "
          "this (-).");
      prm.declare_entry("Friction coefficient",
                        "0",
                        Patterns::Double(0.),
                        "With 'Mode = contact': μ of Coulomb friction where the sides touch "
                        "(stick while the tangential traction is below μ × contact pressure, "
                        "slip at it); 0: frictionless (-).");
      prm.declare_entry("Initial gap",
                        "0",
                        Patterns::Anything(),
                        "With 'Mode = contact': the gap g₀ between the two sides before any "
                        "deformation, a function of the reference position x, y, z (axisymmetric: "
                        "x = r, y = z) in deal.II's FunctionParser syntax, e.g. "
                        "'x^2 / (2 * 5e-4)' for a cylinder or sphere of radius 0.5 mm "
                        "(Hertz's gap); negative: an initial overlap, pressed apart in the first "
                        "step. The sides stay paired where the mesh puts them (small sliding), so "
                        "g₀ stands for a curvature or roughness small against the face size (m).");
      prm.declare_entry("When isolated",
                        "next stage",
                        Patterns::Selection("next stage|stop"),
                        "What the run does when a stage ends on the minimum contact fraction.");
      prm.leave_subsection();
    }

    void
    ContactParameters::parse_parameters(ParameterHandler &prm)
    {
      prm.enter_subsection("Interface");
      const std::string m = prm.get("Mode");
      mode = m == "contact" ? Mode::contact : m == "cohesive" ? Mode::cohesive : Mode::bonded;
      augmentation_factor      = prm.get_double("Augmentation factor");
      penetration_tolerance    = prm.get_double("Penetration tolerance");
      max_updates              = prm.get_integer("Maximum multiplier updates");
      flux_gate_pressure       = prm.get_double("Flux gate pressure");
      flux_gate_gap            = prm.get_double("Flux gate gap");
      open_stiffness_ratio     = prm.get_double("Open stiffness ratio");
      minimum_contact_fraction = prm.get_double("Minimum contact fraction");
      stop_when_isolated       = prm.get("When isolated") == "stop";
      friction_coefficient     = prm.get_double("Friction coefficient");
      initial_gap              = prm.get("Initial gap");
      prm.leave_subsection();
      // deal.II's FunctionParser prints muparser's message to std::cerr before
      // it throws; it is caught here and told once, with the parameter's name
      std::ostringstream    parser_chatter;
      std::streambuf *const cerr_buffer = std::cerr.rdbuf(parser_chatter.rdbuf());
      try
        {
          FunctionParser<3> g0;
          g0.initialize("x,y,z", initial_gap, {});
          const double value = g0.value(Point<3>()); // muparser parses here
          std::cerr.rdbuf(cerr_buffer);
          if (!std::isfinite(value))
            throw std::runtime_error("not finite at x = y = z = 0");
        }
      catch (const std::exception &e)
        {
          std::cerr.rdbuf(cerr_buffer);
          // deal.II's parse error without its source location
          std::ostringstream info;
          if (const auto *d = dynamic_cast<const ExceptionBase *>(&e))
            d->print_info(info);
          else
            info << e.what();
          std::string reason = info.str();
          for (char &c : reason)
            if (c == '\n')
              c = ' ';
          throw std::invalid_argument("parameter 'Interface/Initial gap' = '" + initial_gap +
                                      "' is not a function of x, y, z: " + text::trim(reason));
        }
      if (!(augmentation_factor > 0.))
        throw std::invalid_argument("parameter 'Interface/Augmentation factor' must be positive");
      if (!(flux_gate_pressure > 0.))
        throw std::invalid_argument("parameter 'Interface/Flux gate pressure' must be positive");
      if (!(flux_gate_gap > 0.))
        throw std::invalid_argument("parameter 'Interface/Flux gate gap' must be positive");
      if (!(penetration_tolerance > 0.))
        throw std::invalid_argument("parameter 'Interface/Penetration tolerance' must be positive");
    }

    namespace
    {
      /// The change of the gap g = d · n for a change dF of F₀ and dd of d =
      /// u₁ − u₀; the change of the area vector a into @p da.
      double
      gap_change(const CurrentNormal &geometry,
                 const Tensor<1, 3>  &d,
                 const Tensor<2, 3>  &dF,
                 const Tensor<1, 3>  &dd,
                 Tensor<1, 3>        &da)
      {
        const Tensor<1, 3> dn = geometry.change(dF, da);
        return dd * geometry.n + d * dn;
      }
    } // namespace

    template <int dim>
    ContactInterface<dim>::ContactInterface(const std::string       &interface_name,
                                            const ContactParameters &parameters,
                                            const double             modulus)
        : interface(interface_name), prm(parameters), modulus(modulus)
    {
      if (!(modulus > 0.))
        throw std::invalid_argument("ContactInterface: the modulus must be positive");
      if (prm.has_initial_gap())
        {
          auto g0 = std::make_shared<FunctionParser<3>>();
          g0->initialize("x,y,z", prm.initial_gap, {});
          initial_gap = [g0](const Tensor<1, 3> &X) { return g0->value(Point<3>(X)); };
        }
    }

    template <int dim>
    typename ContactInterface<dim>::PointValues
    ContactInterface<dim>::evaluate(const InterfacePointData<dim> &p) const
    {
      const auto         &s0 = p.side[0];
      const CurrentNormal geometry(s0.F, p.normal);
      PointValues         v;
      v.area_ratio = geometry.area_ratio;
      v.normal     = geometry.n;
      v.gap        = (p.side[1].u - s0.u) * v.normal;
      if (initial_gap)
        v.gap += initial_gap(p.position);
      const double lambda = p.point < multiplier.size() ? multiplier[p.point] : 0.;
      const double trial  = lambda - augmentation(p.face_size) * v.gap;
      v.trial             = trial;
      v.multiplier        = lambda;
      v.closed            = trial >= 0.;
      // open: the small tension η t that keeps a detached body from being free
      v.pressure = v.closed ? trial : prm.open_stiffness_ratio * trial;
      return v;
    }

    template <int dim>
    void
    ContactInterface<dim>::add(const InterfacePointData<dim>                    &p,
                               std::array<Vector<double>, 2>                    &residual,
                               std::array<std::array<FullMatrix<double>, 2>, 2> *jacobian) const
    {
      const PointValues           v  = evaluate(p);
      const auto                 &s0 = p.side[0];
      const auto                 &s1 = p.side[1];
      const CurrentNormal         geometry(s0.F, p.normal);
      const Tensor<1, 3>          a   = v.area_ratio * v.normal;
      const Tensor<1, 3>          d   = s1.u - s0.u;
      const double                eps = augmentation(p.face_size);
      const std::array<double, 2> sign{{1., -1.}};
      // dp/dt: 1 where closed, η where open
      const double slope = v.closed ? 1. : prm.open_stiffness_ratio;

      // δ(p a) for a change dF of F₀ and du of u₁ − u₀
      const auto delta_force = [&](const Tensor<2, 3> &dF, const Tensor<1, 3> &dd) {
        Tensor<1, 3> da;
        const double dg = gap_change(geometry, d, dF, dd, da);
        return Tensor<1, 3>(-slope * eps * dg * a + v.pressure * da);
      };
      Tensor<2, 3> ez; // the out-of-plane stretch (generalised plane strain) enters through F₀_zz
      ez[2][2] = 1.;
      add_pair_force(
          p,
          sign,
          Tensor<1, 3>(v.pressure * a),
          [&](const unsigned int t, const unsigned int j) {
            return t == 0 ? delta_force(s0.dF[j], -s0.shape_u[j])
                          : delta_force(Tensor<2, 3>(), s1.shape_u[j]);
          },
          [&]() { return delta_force(ez, Tensor<1, 3>()); },
          residual,
          jacobian);
    }

    template <int dim>
    typename ContactInterface<dim>::PointValues
    ContactInterface<dim>::trial_pressure_derivatives(const InterfacePointData<dim>      &p,
                                                      std::array<std::vector<double>, 2> &dp,
                                                      double &dp_dFzz) const
    {
      const PointValues v = evaluate(p);
      for (unsigned int t = 0; t < 2; ++t)
        dp[t].assign(p.side[t].field.size(), 0.);
      const auto         &s0 = p.side[0];
      const CurrentNormal geometry(s0.F, p.normal);
      const Tensor<1, 3>  d   = p.side[1].u - s0.u;
      const double        eps = augmentation(p.face_size);
      // dp = −ε dg, dg = dd · n + d · dn (as in add())
      const auto dp_of = [&](const Tensor<2, 3> &dF, const Tensor<1, 3> &dd) {
        Tensor<1, 3> da;
        return -eps * gap_change(geometry, d, dF, dd, da);
      };
      Tensor<2, 3> ez;
      ez[2][2] = 1.;
      dp_dFzz  = dp_of(ez, Tensor<1, 3>());
      for (unsigned int t = 0; t < 2; ++t)
        for (unsigned int j = 0; j < p.side[t].field.size(); ++j)
          if (p.side[t].field[j] == Field::displacement)
            dp[t][j] = t == 0 ? dp_of(s0.dF[j], -s0.shape_u[j])
                              : dp_of(Tensor<2, 3>(), p.side[1].shape_u[j]);
      return v;
    }

    template <int dim>
    void
    ContactInterface<dim>::reinit(const CoupledProblem<dim> &problem)
    {
      const std::size_t n =
          problem.interface(interface).pairs().size() * problem.n_face_quadrature_points();
      multiplier.assign(n, 0.);
      committed_multiplier.assign(n, 0.);
      status.assign(n, 0);
      committed_status.assign(n, 0);
    }

    template <int dim>
    typename ContactInterface<dim>::Update
    ContactInterface<dim>::update_multipliers(const CoupledProblem<dim> &problem)
    {
      Update              u;
      std::vector<double> updated(multiplier.size(), 0.);
      std::vector<char>   closed(multiplier.size(), 0);
      problem.for_each_interface_point(interface, [&](const InterfacePointData<dim> &p) {
        const PointValues v = evaluate(p);
        updated[p.point]    = std::max(v.pressure, 0.);
        closed[p.point]     = v.closed;
        if (v.closed)
          u.max_relative_gap = std::max(u.max_relative_gap, std::abs(v.gap) / p.face_size);
        u.changed += closed[p.point] != status[p.point];
        u.closed += v.closed;
      });
      const MPI_Comm comm = problem.mpi_communicator();
      u.max_relative_gap  = Utilities::MPI::max(u.max_relative_gap, comm);
      u.changed           = Utilities::MPI::sum(u.changed, comm);
      u.closed            = Utilities::MPI::sum(u.closed, comm);
      u.converged         = u.max_relative_gap <= prm.penetration_tolerance;
      multiplier.swap(updated);
      status.swap(closed);
      return u;
    }

    template <int dim>
    bool
    ContactInterface<dim>::stiffen(const double factor)
    {
      if (boost >= 1e3)
        return false;
      boost = std::min(1e3, boost * factor);
      return true;
    }

    template <int dim>
    void
    ContactInterface<dim>::commit()
    {
      boost                = 1.;
      committed_multiplier = multiplier;
      committed_status     = status;
    }

    template <int dim>
    void
    ContactInterface<dim>::restore()
    {
      boost      = 1.;
      multiplier = committed_multiplier;
      status     = committed_status;
    }

    template <int dim>
    typename ContactInterface<dim>::Summary
    ContactInterface<dim>::summary(const CoupledProblem<dim> &problem) const
    {
      Summary s;
      double  closed_reference = 0., force = 0.;
      problem.for_each_interface_point(interface, [&](const InterfacePointData<dim> &p) {
        const PointValues v = evaluate(p);
        if (v.closed)
          {
            closed_reference += p.JxW;
            s.contact_area += v.area_ratio * p.JxW;
            force += v.pressure * v.area_ratio * p.JxW;
          }
        if (v.closed)
          {
            const Tensor<1, 3> d = p.side[1].u - p.side[0].u;
            s.max_relative_slip =
                std::max(s.max_relative_slip, (d - (d * v.normal) * v.normal).norm() / p.face_size);
          }
        s.void_volume += std::max(v.gap, 0.) * v.area_ratio * p.JxW;
        s.max_pressure    = std::max(s.max_pressure, v.pressure);
        s.max_gap         = std::max(s.max_gap, v.gap);
        s.max_penetration = std::max(s.max_penetration, -v.gap);
      });
      const MPI_Comm comm = problem.mpi_communicator();
      closed_reference    = Utilities::MPI::sum(closed_reference, comm);
      s.contact_area      = Utilities::MPI::sum(s.contact_area, comm);
      force               = Utilities::MPI::sum(force, comm);
      s.void_volume       = Utilities::MPI::sum(s.void_volume, comm);
      s.max_pressure      = Utilities::MPI::max(s.max_pressure, comm);
      s.max_gap           = Utilities::MPI::max(s.max_gap, comm);
      s.max_penetration   = Utilities::MPI::max(s.max_penetration, comm);
      s.max_relative_slip = Utilities::MPI::max(s.max_relative_slip, comm);
      const double area   = problem.interface(interface).area;
      s.contact_fraction  = area > 0. ? closed_reference / area : 0.;
      s.mean_pressure     = s.contact_area > 0. ? force / s.contact_area : 0.;
      return s;
    }

    template <int dim>
    unsigned int
    ContactInterface<dim>::n_state_values() const
    {
      return 2;
    }

    template <int dim>
    void
    ContactInterface<dim>::pack_state(const unsigned int point, double *values) const
    {
      values[0] = committed_multiplier[point];
      values[1] = committed_status[point];
    }

    template <int dim>
    void
    ContactInterface<dim>::unpack_state(const unsigned int point, const double *values)
    {
      multiplier[point] = committed_multiplier[point] = values[0];
      status[point] = committed_status[point] = static_cast<char>(values[1]);
    }

    template class ContactInterface<2>;
    template class ContactInterface<3>;
  } // namespace physics
} // namespace siswell
