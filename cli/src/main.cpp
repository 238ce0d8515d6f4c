// placeholder main, replaced by the CLI
#include "weft/registry.hpp"
#include <cstdio>
int main() {
  for (const auto& s : weft::registry::instance().all()) std::printf("%s\n", s.name.c_str());
}
