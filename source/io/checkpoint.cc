#include <siswell/io/checkpoint.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <limits>
#include <regex>
#include <sstream>
#include <stdexcept>

namespace siswell
{
  namespace io
  {
    void
    CheckpointParameters::declare_parameters(dealii::ParameterHandler &prm)
    {
      prm.enter_subsection("Checkpoint");
      prm.declare_entry("Every steps",
                        "0",
                        dealii::Patterns::Integer(0),
                        "Write a checkpoint every this many converged steps (0: not by step "
                        "count). A checkpoint lets 'siswell case.prm --restart' continue the run, "
                        "on any number of MPI ranks.");
      prm.declare_entry("Every seconds",
                        "3600",
                        dealii::Patterns::Double(0.),
                        "Write a checkpoint when this much wall time (s) has passed since the "
                        "last one (0: not by time).");
      prm.declare_entry("At stage end",
                        "true",
                        dealii::Patterns::Bool(),
                        "Write a checkpoint at the end of each stage of the load program. A run "
                        "stopped by SIGTERM or SIGINT always writes one.");
      prm.leave_subsection();
    }

    void
    CheckpointParameters::parse_parameters(dealii::ParameterHandler &prm)
    {
      prm.enter_subsection("Checkpoint");
      every_steps   = prm.get_integer("Every steps");
      every_seconds = prm.get_double("Every seconds");
      at_stage_end  = prm.get_bool("At stage end");
      prm.leave_subsection();
    }

    std::string
    CheckpointRecord::exact(const double x)
    {
      std::ostringstream s;
      s << std::setprecision(std::numeric_limits<double>::max_digits10) << x;
      return s.str();
    }

    void
    CheckpointRecord::set(const std::string &key, const std::string &value)
    {
      for (auto &e : entries)
        if (e.first == key)
          {
            e.second = value;
            return;
          }
      entries.emplace_back(key, value);
    }

    void
    CheckpointRecord::set(const std::string &key, const double value)
    {
      set(key, exact(value));
    }

    void
    CheckpointRecord::add(const std::string &key, const std::string &value)
    {
      entries.emplace_back(key, value);
    }

    bool
    CheckpointRecord::has(const std::string &key) const
    {
      for (const auto &e : entries)
        if (e.first == key)
          return true;
      return false;
    }

    const std::string &
    CheckpointRecord::text(const std::string &key) const
    {
      for (const auto &e : entries)
        if (e.first == key)
          return e.second;
      throw std::invalid_argument("the checkpoint record '" + source + "' has no entry '" + key +
                                  "' (written by another version of siswell?)");
    }

    double
    CheckpointRecord::number(const std::string &key) const
    {
      const std::string &t = text(key);
      char              *end;
      const double       x = std::strtod(t.c_str(), &end);
      if (end == t.c_str() || *end != '\0')
        throw std::invalid_argument("the checkpoint record '" + source + "': entry '" + key +
                                    "' = '" + t + "' is not a number");
      return x;
    }

    std::vector<std::string>
    CheckpointRecord::list(const std::string &key) const
    {
      std::vector<std::string> values;
      for (const auto &e : entries)
        if (e.first == key)
          values.push_back(e.second);
      return values;
    }

    void
    CheckpointRecord::write(std::ostream &out) const
    {
      for (const auto &e : entries)
        out << e.first << " = " << e.second << '\n';
    }

    CheckpointRecord
    CheckpointRecord::read(const std::string &file)
    {
      std::ifstream in(file);
      if (!in)
        throw std::invalid_argument("cannot read the checkpoint record '" + file + "'");
      std::stringstream text;
      text << in.rdbuf();
      return parse(text.str(), file);
    }

    CheckpointRecord
    CheckpointRecord::parse(const std::string &text, const std::string &source)
    {
      CheckpointRecord record;
      record.source = source;
      std::istringstream in(text);
      std::string        line;
      while (std::getline(in, line))
        {
          const auto eq = line.find(" = ");
          if (eq == std::string::npos)
            throw std::invalid_argument("the checkpoint record '" + source +
                                        "' has a malformed line: '" + line + "'");
          record.entries.emplace_back(line.substr(0, eq), line.substr(eq + 3));
        }
      return record;
    }

    std::string
    checkpoint_folder_name(const unsigned int step)
    {
      std::ostringstream s;
      s << "checkpoint_" << std::setw(5) << std::setfill('0') << step;
      return s.str();
    }

    namespace
    {
      /// The step of a complete checkpoint folder name, or -1.
      long
      checkpoint_step(const std::filesystem::path &folder)
      {
        static const std::regex name(R"(checkpoint_([0-9]+))");
        std::smatch             m;
        const std::string       f = folder.filename().string();
        if (!std::regex_match(f, m, name) ||
            !std::filesystem::is_regular_file(folder / "state.txt"))
          return -1;
        return std::stol(m[1].str());
      }
    } // namespace

    std::string
    newest_checkpoint(const std::string &output_directory)
    {
      namespace fs = std::filesystem;
      std::error_code error;
      long            newest = -1;
      std::string     found;
      for (const auto &f : fs::directory_iterator(output_directory, error))
        {
          const long step = f.is_directory() ? checkpoint_step(f.path()) : -1;
          if (step > newest)
            {
              newest = step;
              found  = f.path().string();
            }
        }
      return found;
    }

    void
    publish_checkpoint(const std::string &output_directory,
                       const std::string &temporary,
                       const std::string &final)
    {
      namespace fs = std::filesystem;
      std::error_code error;
      fs::remove_all(final, error); // an earlier checkpoint of the same step (a restart)
      fs::rename(temporary, final, error);
      if (error)
        throw std::runtime_error("cannot rename the checkpoint '" + temporary + "' to '" + final +
                                 "': " + error.message());
      static const std::regex any(R"(checkpoint_[0-9]+(\.siswell-tmp)?)");
      for (const auto &f : fs::directory_iterator(output_directory, error))
        if (f.is_directory() && f.path() != fs::path(final) &&
            std::regex_match(f.path().filename().string(), any))
          fs::remove_all(f.path(), error);
    }

    std::map<std::string, std::string>
    flatten_parameters(const std::string &prm_text)
    {
      std::map<std::string, std::string> flat;
      std::vector<std::string>           sections;
      std::istringstream                 in(prm_text);
      std::string                        line;
      const auto                         trim = [](const std::string &s) {
        const auto b = s.find_first_not_of(" \t");
        const auto e = s.find_last_not_of(" \t");
        return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
      };
      while (std::getline(in, line))
        {
          line = trim(line);
          if (line.empty() || line[0] == '#')
            continue;
          if (line.rfind("subsection ", 0) == 0)
            sections.push_back(trim(line.substr(11)));
          else if (line == "end")
            {
              if (!sections.empty())
                sections.pop_back();
            }
          else if (line.rfind("set ", 0) == 0)
            {
              const auto  eq  = line.find('=');
              std::string key = trim(line.substr(4, eq - 4)), path;
              for (const auto &s : sections)
                path += s + "/";
              std::string value = eq == std::string::npos ? "" : line.substr(eq + 1);
              // the PRM style appends "# default: ..." where a value is not the default
              const auto comment = value.find('#');
              if (comment != std::string::npos)
                value = value.substr(0, comment);
              flat[path + key] = trim(value);
            }
        }
      return flat;
    }
  } // namespace io
} // namespace siswell
