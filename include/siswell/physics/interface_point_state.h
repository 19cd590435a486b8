#pragma once

#include <string>

namespace siswell
{
  namespace physics
  {
    /**
     * The committed state that an interface term keeps per quadrature point
     * of its face pairs between steps (contact multipliers, friction slip,
     * cohesive damage), as plain numbers, so that a checkpoint carries it to
     * the rank that owns the pair after a restart on another number of ranks
     * (CoupledProblem::save_checkpoint()). Point p = pair × (points per pair)
     * + q, as InterfacePointData::point.
     */
    class InterfacePointState
    {
    public:
      virtual ~InterfacePointState() = default;

      /// The interface whose pairs carry the state.
      virtual const std::string &
      state_interface() const = 0;

      /// Numbers per point.
      virtual unsigned int
      n_state_values() const = 0;

      /// The committed state of point @p point into @p values (n_state_values() of them).
      virtual void
      pack_state(const unsigned int point, double *values) const = 0;

      /// Set the committed (and current) state of point @p point from @p values.
      virtual void
      unpack_state(const unsigned int point, const double *values) = 0;
    };
  } // namespace physics
} // namespace siswell
