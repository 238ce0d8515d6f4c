// A user's program written only against <weft/weft.hpp> and
// <weft/lincheck.hpp> (+ weft::main): a correct object, a non-linearizable
// one registered as expected, and two specs that cannot work (bad input).
#include <weft/lincheck.hpp>
#include <weft/weft.hpp>

#include <optional>
#include <stdexcept>

namespace {

/// A one-slot mailbox. The racy one checks the slot, then fills it, in two
/// steps: two concurrent offers both succeed and one message is lost.
template <bool Atomic>
struct mailbox {
  weft::mutex m;
  std::optional<int> slot;
  bool offer(int v) {
    if constexpr (!Atomic) {
      {
        std::lock_guard lock(m);
        if (slot) return false;
      }
      std::lock_guard lock(m);
      slot = v;
      return true;
    } else {
      std::lock_guard lock(m);
      if (slot) return false;
      slot = v;
      return true;
    }
  }
  std::optional<int> take() {
    std::lock_guard lock(m);
    return std::exchange(slot, std::nullopt);
  }
};

template <bool Atomic>
weft::spec<mailbox<Atomic>, std::optional<int>> mailbox_spec() {
  using model = std::optional<int>;
  return weft::spec<mailbox<Atomic>, model>{}
      .op("offer", rc::gen::inRange(1, 4), [](mailbox<Atomic>& b, const int& v) { return b.offer(v); },
          [](model& m, const int& v) {
            if (m) return false;
            m = v;
            return true;
          })
      .op("take", [](mailbox<Atomic>& b) { return b.take(); },
          [](model& m) { return std::exchange(m, std::nullopt); });
}

}  // namespace

WEFT_LINCHECK("userlin/mailbox", mailbox_spec<true>());
WEFT_LINCHECK("userlin/mailbox_racy", mailbox_spec<false>().expect({weft::finding_kind::linearizability}));

WEFT_LINCHECK("badspec/model_throws",
              weft::spec<mailbox<true>, int>{}.op(
                  "take", [](mailbox<true>& b) { return b.take().value_or(0); },
                  [](int&) -> int { throw std::logic_error("model not written yet"); }));
WEFT_LINCHECK("badspec/never_enabled",
              weft::spec<mailbox<true>, int>{}
                  .op("take", [](mailbox<true>& b) { return b.take().value_or(0); }, [](int& m) { return m; })
                  .when([](const int& m) { return m > 0; }));
