// resize_for_overwrite: std::string::resize_and_overwrite is C++23; the project is C++20, so this one file is
// compiled as C++23 where the compiler can (CMakeLists.txt) and falls back to resize() elsewhere. std::string's
// layout does not depend on the language mode, so the two modes link together.
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
