// TEMPORARY stand-in, replaced by the controlled scheduler's checked_sync.
#pragma once
#include "weft/std_sync.hpp"
namespace weft { using checked_sync = std_sync; }
