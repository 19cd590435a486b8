#pragma once
// SIGTERM and SIGINT as a request to stop after the current step (the way a
// batch scheduler ends a job at its wall-time limit).

namespace siswell
{
  namespace io
  {
    /**
     * Catch SIGTERM and SIGINT in this process: from then on they only set a
     * flag (stop_signal()), which Simulation::run() reads after every step to
     * write a checkpoint and stop. The siswell program installs them; a
     * driver of its own may. A second signal of the same kind ends the
     * process at once (the default action), so an impatient Ctrl-C twice
     * still works.
     */
    void
    install_stop_signal_handlers();

    /// The signal received since install_stop_signal_handlers() (SIGTERM, SIGINT), or 0.
    int
    stop_signal();

    /// Forget a received signal (tests, drivers that go on after a stop).
    void
    clear_stop_signal();

    /// The exit status of a run stopped by a signal after writing its checkpoint (75, EX_TEMPFAIL).
    constexpr int exit_status_stopped_by_signal = 75;
  } // namespace io
} // namespace siswell
