// weft/gate/gate.hpp — everything of weft::gate in one include.
#pragma once

#include "weft/gate/baseline.hpp"
#include "weft/gate/bench_json.hpp"
#include "weft/gate/compare.hpp"
#include "weft/gate/config.hpp"
#include "weft/gate/filter.hpp"
#include "weft/gate/noise.hpp"
#include "weft/gate/ratios.hpp"
#include "weft/gate/run_gate.hpp"
#include "weft/gate/runner.hpp"
