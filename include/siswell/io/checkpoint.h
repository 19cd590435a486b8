#pragma once
// Checkpoints of a run: when they are written, the folders that hold them
// (complete or ignored) and the record of the run's position in them.

#include <deal.II/base/parameter_handler.h>

#include <istream>
#include <map>
#include <ostream>
#include <string>
#include <vector>

namespace siswell
{
  namespace io
  {
    /**
     * When a run writes a checkpoint (subsection "Checkpoint"): every N
     * converged steps, every T seconds of wall time, at the end of each stage
     * of the load program, and always when the run is asked to stop by
     * SIGTERM or SIGINT (io::stop_signal()).
     */
    struct CheckpointParameters
    {
      static void
      declare_parameters(dealii::ParameterHandler &prm);
      /// Reads subsection "Checkpoint"; throws std::invalid_argument naming the parameter.
      void
      parse_parameters(dealii::ParameterHandler &prm);

      unsigned int every_steps   = 0;     ///< 0: not by step count
      double       every_seconds = 3600.; ///< wall time (s); 0: not by time
      bool         at_stage_end  = true;
    };

    /**
     * The record of a checkpoint: named values written as text (`key = value`
     * lines, numbers with 17 digits, so that they are read back bit for bit);
     * a key may hold a list (add() several times). Written last into the
     * checkpoint's folder as `state.txt`: a folder without it is incomplete
     * and ignored.
     */
    class CheckpointRecord
    {
    public:
      void
      set(const std::string &key, const std::string &value);
      void
      set(const std::string &key, const double value);
      /// Append @p value to the list @p key.
      void
      add(const std::string &key, const std::string &value);

      bool
      has(const std::string &key) const;
      /// The (first) value of @p key; std::invalid_argument naming the key and file if absent.
      const std::string &
      text(const std::string &key) const;
      double
      number(const std::string &key) const;
      /// Every value of the list @p key (empty if absent).
      std::vector<std::string>
      list(const std::string &key) const;

      void
      write(std::ostream &out) const;
      /// Read @p file (std::invalid_argument naming it if unreadable or malformed).
      static CheckpointRecord
      read(const std::string &file);
      /// From the text of a record (as write() wrote it) read from @p source.
      static CheckpointRecord
      parse(const std::string &text, const std::string &source);

      /// A double as text that reads back to the same bits.
      static std::string
      exact(const double x);

    private:
      std::vector<std::pair<std::string, std::string>> entries;
      std::string                                      source;
    };

    /// Name of the checkpoint folder of step @p step ("checkpoint_00012").
    std::string
    checkpoint_folder_name(const unsigned int step);

    /// The newest complete checkpoint folder in @p output_directory (full
    /// path), or "" if there is none. Not collective.
    std::string
    newest_checkpoint(const std::string &output_directory);

    /**
     * Make the checkpoint written into @p temporary (a folder of
     * @p output_directory whose `state.txt` is complete) the newest: rename
     * it to @p final, then remove every other checkpoint folder (older ones
     * and incomplete leftovers). A kill at any moment leaves at least one
     * complete checkpoint. Rank 0 only; std::runtime_error on failure.
     */
    void
    publish_checkpoint(const std::string &output_directory,
                       const std::string &temporary,
                       const std::string &final);

    /**
     * The parameters of a ParameterHandler as `Section/Entry` → value, from
     * its PRM or ShortPRM print (a checkpoint keeps the run's parameters.prm,
     * to compare a restart's parameters with); comments are dropped.
     */
    std::map<std::string, std::string>
    flatten_parameters(const std::string &prm_text);
  } // namespace io
} // namespace siswell
