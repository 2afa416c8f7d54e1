// resize_for_overwrite: std::string::resize_and_overwrite is C++23 and the project is C++20 (the design card), so
// this is resize() today; the one place that sizes an inflated buffer takes the C++23 form once the project moves
// to it (or a C++20 library offers it as an extension).
#include "uninitialized.hpp"

namespace refi::detail {

void resize_for_overwrite(std::string& s, std::size_t n) {
#if defined(__cpp_lib_string_resize_and_overwrite)
    s.resize_and_overwrite(n, [](char*, std::size_t size) { return size; });
#else
    s.resize(n);
#endif
}

}  // namespace refi::detail
