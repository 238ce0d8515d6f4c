// What the lincheck family's files share (scenarios/lincheck*.cpp): how a
// spec is registered, and the pieces of sequential models more than one file
// uses. The family is split in three files (values, containers, blocking
// objects) so that its heavy template instantiations compile in parallel.
#pragma once

#include <optional>
#include <utility>
#include <vector>

#include "weft/lincheck.hpp"
#include "weft/scenarios/families.hpp"

namespace weft::scenarios::lincheck_family {

using kind = finding_kind;

template <class Object, class Model>
void add(const char* name, const char* summary, std::vector<finding_kind> expected, spec<Object, Model> s,
         const weft::detail::location& where = weft::detail::location::current()) {
  lincheck::register_spec(name, s.summary(summary).expect(std::move(expected)), where);
}

template <class Container>
std::optional<int> take_front(Container& c) {
  if (c.empty()) return std::nullopt;
  const int v = c.front();
  c.pop_front();
  return v;
}

/// The rest of register_lincheck(), in the other two files.
void register_containers();  // lincheck_containers.cpp
void register_blocking();    // lincheck_blocking.cpp

}  // namespace weft::scenarios::lincheck_family
