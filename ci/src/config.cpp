// ci/src/config.cpp — reading and validating ci/gate.json.
#include "weft/gate/config.hpp"

#include <cmath>

#include "json_file.hpp"

namespace weft::gate {
namespace {

using nlohmann::json;

void expect(bool ok, const std::filesystem::path& file, const std::string& key, const std::string& what,
            const json& value) {
  if (!ok) detail::fail(file, "\"" + key + "\" must be " + what + ", not " + value.dump());
}

std::string string_of(const std::filesystem::path& file, const std::string& key, const json& value) {
  expect(value.is_string(), file, key, "a string", value);
  return value.get<std::string>();
}

double number_of(const std::filesystem::path& file, const std::string& key, const json& value) {
  expect(value.is_number() && std::isfinite(value.get<double>()), file, key, "a number", value);
  return value.get<double>();
}

ratio_pair ratio_pair_of(const std::filesystem::path& file, const std::string& where, const json& value) {
  expect(value.is_object(), file, where, "an object {\"numerator\", \"denominator\", \"recorded\"}", value);
  ratio_pair pair;
  bool has_recorded = false;
  for (const auto& [key, item] : value.items()) {
    const std::string path = where + "." + key;
    if (key == "numerator" || key == "denominator") {
      std::string& name = key == "numerator" ? pair.numerator : pair.denominator;
      name = string_of(file, path, item);
      expect(!name.empty(), file, path, "a benchmark name", item);
    } else if (key == "recorded") {
      pair.recorded = number_of(file, path, item);
      expect(pair.recorded > 0, file, path, "a ratio above 0", item);
      has_recorded = true;
    } else {
      detail::fail(file, "unknown key \"" + path + "\" (known: numerator, denominator, recorded)");
    }
  }
  expect(!pair.numerator.empty() && !pair.denominator.empty() && has_recorded, file, where,
         "an object with \"numerator\", \"denominator\" and \"recorded\"", value);
  return pair;
}

ratio_config ratios_of(const std::filesystem::path& file, const json& value) {
  expect(value.is_object(), file, "ratios", "an object {\"program\", \"counter\", \"pairs\"}", value);
  ratio_config ratios;
  for (const auto& [key, item] : value.items()) {
    const std::string path = "ratios." + key;
    if (key == "program" || key == "counter") {
      std::string& text = key == "program" ? ratios.program : ratios.counter;
      text = string_of(file, path, item);
      expect(!text.empty(), file, path, "a non-empty string", item);
    } else if (key == "pairs") {
      expect(item.is_array(), file, path, "an array", item);
      for (std::size_t i = 0; i < item.size(); ++i) {
        ratios.pairs.push_back(ratio_pair_of(file, path + "[" + std::to_string(i) + "]", item[i]));
      }
    } else if (key == "comment") {
      expect(item.is_string(), file, path, "a string", item);
    } else {
      detail::fail(file, "unknown key \"" + path + "\" (known: program, counter, pairs, comment)");
    }
  }
  return ratios;
}

}  // namespace

gate_config read_gate_config(const std::filesystem::path& file) {
  const json doc = detail::read_json_file(file);
  if (!doc.is_object()) detail::fail(file, "the gate configuration must be a JSON object");
  gate_config config;
  for (const auto& [key, value] : doc.items()) {
    if (key == "scenarios") {
      expect(value.is_array() && !value.empty(), file, key, "a non-empty array of patterns", value);
      config.scenarios.clear();
      for (const auto& pattern : value) {
        expect(pattern.is_string() && !pattern.get<std::string>().empty(), file, key,
               "an array of non-empty strings", value);
        config.scenarios.push_back(pattern.get<std::string>());
      }
    } else if (key == "benchmark_program") {
      config.benchmark_program = string_of(file, key, value);
      expect(!config.benchmark_program.empty(), file, key, "a non-empty string", value);
    } else if (key == "benchmark_filter") {
      config.benchmark_filter = string_of(file, key, value);
    } else if (key == "repetitions") {
      expect(value.is_number_integer() && value.get<long long>() >= 1 && value.get<long long>() <= 1000,
             file, key, "an integer from 1 to 1000", value);
      config.repetitions = value.get<int>();
    } else if (key == "min_time") {
      config.min_time = number_of(file, key, value);
      expect(config.min_time > 0 && config.min_time <= 60, file, key, "a number of seconds in (0, 60]", value);
    } else if (key == "tolerance") {
      config.tolerance = number_of(file, key, value);
      expect(config.tolerance >= 0 && config.tolerance <= 10, file, key, "a number from 0 to 10", value);
    } else if (key == "baseline") {
      const std::string path = string_of(file, key, value);
      expect(!path.empty(), file, key, "a non-empty path", value);
      config.baseline = path;
    } else if (key == "ratios") {
      config.ratios = ratios_of(file, value);
    } else if (key == "comment" || key == "$comment") {
      expect(value.is_string(), file, key, "a string", value);
    } else {
      detail::fail(file, "unknown key \"" + key +
                             "\" (known: scenarios, benchmark_program, benchmark_filter, repetitions, "
                             "min_time, tolerance, baseline, ratios, comment)");
    }
  }
  return config;
}

}  // namespace weft::gate
