#include <siswell/io/output_folder.h>

#include <deal.II/base/mpi.h>
#include <deal.II/base/utilities.h>

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <regex>
#include <stdexcept>
#include <vector>

namespace siswell
{
  namespace io
  {
    namespace
    {
      const std::string temporary_suffix = ".siswell-tmp";

      std::string
      system_error(const std::string &what, const std::string &path)
      {
        return what + " '" + path + "': " + std::strerror(errno);
      }
    } // namespace

    void
    write_atomically(const std::string &path, const std::function<void(std::ostream &)> &write)
    {
      const std::string temporary = path + temporary_suffix;
      {
        std::ofstream out(temporary, std::ios::trunc);
        if (!out)
          throw std::runtime_error(system_error("cannot write", temporary));
        write(out);
        out.close();
        if (!out)
          throw std::runtime_error(system_error("cannot write", temporary));
      }
      if (std::rename(temporary.c_str(), path.c_str()) != 0)
        throw std::runtime_error(system_error("cannot rename " + temporary + " to", path));
    }

    void
    append_line(const std::string &path, const std::string &line)
    {
      const int fd = ::open(path.c_str(), O_WRONLY | O_APPEND | O_CREAT, 0644);
      if (fd < 0)
        throw std::runtime_error(system_error("cannot append to", path));
      const std::string text    = line + '\n';
      std::size_t       written = 0;
      // one call writes it all for a regular file; the loop only guards
      // against a short write (a full disk), which is then reported
      while (written < text.size())
        {
          const ssize_t n = ::write(fd, text.data() + written, text.size() - written);
          if (n < 0 && errno == EINTR)
            continue;
          if (n <= 0)
            {
              const std::string message = system_error("cannot append to", path);
              ::close(fd);
              throw std::runtime_error(message);
            }
          written += static_cast<std::size_t>(n);
        }
      ::close(fd);
    }

    bool
    OutputFolder::written_by_siswell(const std::string &filename)
    {
      static const std::regex series(R"((solution|interface)_[0-9]+(\.[0-9]+)?\.(vtu|pvtu))");
      static const std::regex checkpoint(R"(checkpoint_[0-9]+)");
      if (filename == "history.csv" || filename == "parameters.prm" || filename == "solution.pvd" ||
          filename == "interface.pvd")
        return true;
      if (filename.size() > temporary_suffix.size() &&
          filename.compare(filename.size() - temporary_suffix.size(),
                           temporary_suffix.size(),
                           temporary_suffix) == 0)
        return true;
      return std::regex_match(filename, series) || std::regex_match(filename, checkpoint);
    }

    unsigned int
    remove_outputs_after(const std::string &directory, const unsigned int step)
    {
      namespace fs = std::filesystem;
      static const std::regex series(R"((solution|interface)_([0-9]+)(\.[0-9]+)?\.(vtu|pvtu))");
      std::error_code         error;
      std::vector<fs::path>   later;
      for (const auto &f : fs::directory_iterator(directory, error))
        {
          std::smatch       m;
          const std::string name = f.path().filename().string();
          if (std::regex_match(name, m, series) && std::stoul(m[2].str()) > step)
            later.push_back(f.path());
        }
      for (const auto &f : later)
        fs::remove(f, error);
      return later.size();
    }

    OutputFolder::OutputFolder(const std::string &directory,
                               const bool         overwrite,
                               const MPI_Comm     comm,
                               const bool         restart)
    {
      namespace fs = std::filesystem;
      std::string refusal; // empty: claimed
      if (dealii::Utilities::MPI::this_mpi_process(comm) == 0)
        {
          const std::string entry = "'Output/Directory' = '" + directory + "'";
          std::error_code   error;
          fs::create_directories(directory, error);
          if (!fs::is_directory(directory))
            refusal =
                "cannot create the output folder " + entry +
                (error ? ": " + error.message() : std::string(": a file of that name exists"));
          const std::string lock = directory + "/.siswell.lock";
          if (refusal.empty())
            {
              lock_fd = ::open(lock.c_str(), O_RDWR | O_CREAT, 0644);
              if (lock_fd < 0)
                refusal = "cannot write to the output folder " + entry + " (" +
                          system_error("open", lock) + ")";
            }
          if (refusal.empty() && ::flock(lock_fd, LOCK_EX | LOCK_NB) != 0)
            {
              std::ifstream holder(lock);
              std::string   who;
              std::getline(holder, who);
              refusal = "another siswell run is writing into the output folder " + entry +
                        (who.empty() ? std::string() : " (" + who + ")") +
                        ": wait for it to end or choose another folder";
              ::close(lock_fd);
              lock_fd = -1;
            }
          if (refusal.empty())
            {
              std::vector<fs::path> earlier;
              for (const auto &f : fs::directory_iterator(directory, error))
                if (written_by_siswell(f.path().filename().string()))
                  earlier.push_back(f.path());
              if (restart)
                earlier.clear(); // the run goes on: its files stay
              else if (!earlier.empty() && !overwrite)
                {
                  std::sort(earlier.begin(), earlier.end());
                  std::string names;
                  for (unsigned int i = 0; i < earlier.size() && i < 3; ++i)
                    names += (i ? ", " : "") + earlier[i].filename().string();
                  if (earlier.size() > 3)
                    names += " and " + std::to_string(earlier.size() - 3) + " more";
                  refusal = "the output folder " + entry + " holds the output of an earlier run (" +
                            names + "): choose another folder, run siswell with --overwrite to " +
                            "remove those files first, or with --restart to continue that run " +
                            "from its newest checkpoint";
                }
              for (const auto &f : refusal.empty() ? earlier : std::vector<fs::path>())
                {
                  if (fs::remove_all(f, error) == 0 || error)
                    {
                      refusal = "cannot remove '" + f.string() + "' of an earlier run from " +
                                entry + ": " + error.message();
                      break;
                    }
                  ++removed;
                }
              if (!refusal.empty())
                {
                  ::close(lock_fd);
                  lock_fd = -1;
                }
              else
                {
                  // who holds it, for the message above (informative only: the lock is the flock)
                  const std::string who = "pid " + std::to_string(::getpid()) + " on " +
                                          dealii::Utilities::System::get_hostname() + '\n';
                  if (::ftruncate(lock_fd, 0) == 0)
                    {
                      const ssize_t n = ::pwrite(lock_fd, who.data(), who.size(), 0);
                      (void)n;
                    }
                }
            }
        }
      refusal = dealii::Utilities::MPI::broadcast(comm, refusal, 0);
      removed = dealii::Utilities::MPI::broadcast(comm, removed, 0);
      if (!refusal.empty())
        throw std::invalid_argument(refusal);
    }

    OutputFolder::~OutputFolder()
    {
      if (lock_fd >= 0)
        ::close(lock_fd); // releases the flock
    }
  } // namespace io
} // namespace siswell
