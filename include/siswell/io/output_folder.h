#pragma once
// The output folder of one run: claimed under a lock, never mixed with an
// earlier run's files, and written one complete file at a time.

#include <mpi.h>

#include <functional>
#include <ostream>
#include <string>

namespace siswell
{
  namespace io
  {
    /**
     * Write the file @p path atomically: @p write fills a temporary file
     * beside it (same folder, name ending in ".siswell-tmp"), which is renamed
     * to @p path only once it is complete and closed. A run killed at any
     * moment leaves either the previous @p path or the new one, never a torn
     * file. Throws std::runtime_error naming the file when it cannot be
     * written. Called by the rank that owns the file only.
     */
    void
    write_atomically(const std::string &path, const std::function<void(std::ostream &)> &write);

    /**
     * Append @p line (a newline is added) to @p path with one write(2) on a
     * file opened with O_APPEND: a kill leaves the line whole or absent,
     * never torn. Throws std::runtime_error naming the file on failure.
     */
    void
    append_line(const std::string &path, const std::string &line);

    /**
     * The output folder ('Output/Directory') claimed by one run, on every rank
     * together (rank 0 touches the file system, the outcome is broadcast, and
     * every rank throws the same std::invalid_argument on refusal):
     *
     * - the folder is created if needed;
     * - a lock (flock(2) on `<folder>/.siswell.lock`, which records the pid and
     *   host of its holder) is held for the lifetime of the object: a second
     *   run into the same folder stops with a message naming the holder. The
     *   kernel releases the lock when the process ends, however it ends, so a
     *   killed run leaves no stale lock;
     * - files an earlier run wrote (written_by_siswell()) make the claim fail
     *   with a message that says what is there, unless @p overwrite is set
     *   (`siswell --overwrite`), in which case exactly those files are removed
     *   first (other files in the folder are left alone).
     *
     * The siswell program claims its folder before it writes parameters.prm; a
     * driver of its own may do the same around Simulation::run().
     */
    class OutputFolder
    {
    public:
      OutputFolder(const std::string &directory, const bool overwrite, const MPI_Comm comm);
      ~OutputFolder();
      OutputFolder(const OutputFolder &) = delete;
      OutputFolder &
      operator=(const OutputFolder &) = delete;

      /// Whether a file of this name (no folder) is one that a siswell run writes.
      static bool
      written_by_siswell(const std::string &filename);

      /// Files of an earlier run removed by the claim (@p overwrite; rank 0's count, broadcast).
      unsigned int
      n_removed() const
      {
        return removed;
      }

    private:
      int          lock_fd = -1; ///< rank 0 only
      unsigned int removed = 0;
    };
  } // namespace io
} // namespace siswell
