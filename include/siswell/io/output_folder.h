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
     * - files an earlier run wrote (written_by_siswell(), its checkpoint
     *   folders included) make the claim fail with a message that says what
     *   is there, unless @p overwrite is set (`siswell --overwrite`), in which
     *   case exactly those files are removed first (other files in the folder
     *   are left alone), or @p restart (`siswell --restart`: the run goes on
     *   where its checkpoint is, and keeps them).
     *
     * The siswell program claims its folder before it writes parameters.prm; a
     * driver of its own may do the same around Simulation::run().
     */
    /**
     * Remove the ParaView files of steps after @p step (`solution_N*.vtu`,
     * `.pvtu`, `interface_N*` with N > @p step) from @p directory: what a run
     * killed after its checkpoint of @p step wrote beyond it. Rank 0 only;
     * returns how many were removed.
     */
    unsigned int
    remove_outputs_after(const std::string &directory, const unsigned int step);

    class OutputFolder
    {
    public:
      OutputFolder(const std::string &directory,
                   const bool         overwrite,
                   const MPI_Comm     comm,
                   const bool         restart = false);
      ~OutputFolder();
      OutputFolder(const OutputFolder &) = delete;
      OutputFolder &
      operator=(const OutputFolder &) = delete;

      /// Whether a file or folder of this name (no folder) is one that a siswell run writes.
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
