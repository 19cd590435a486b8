#include <siswell/io/stop_signals.h>

#include <csignal>

namespace siswell
{
  namespace io
  {
    namespace
    {
      volatile std::sig_atomic_t received = 0;

      extern "C" void
      remember_signal(int signal)
      {
        received = signal;
      }
    } // namespace

    void
    install_stop_signal_handlers()
    {
      struct sigaction action = {};
      action.sa_handler       = remember_signal;
      sigemptyset(&action.sa_mask);
      // the next signal of the kind takes its default action (ends the process)
      action.sa_flags = SA_RESETHAND | SA_RESTART;
      sigaction(SIGTERM, &action, nullptr);
      sigaction(SIGINT, &action, nullptr);
    }

    int
    stop_signal()
    {
      return received;
    }

    void
    clear_stop_signal()
    {
      received = 0;
    }
  } // namespace io
} // namespace siswell
