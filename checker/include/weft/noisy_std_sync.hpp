// TEMPORARY stand-in, replaced by the stress leg's real noisy_std_sync.
#pragma once
#include "weft/std_sync.hpp"
namespace weft { using noisy_std_sync = std_sync; }
