// to_valid_utf8 (refi/utf8.hpp): the last line of defence of the writers.
#include "refi/utf8.hpp"

#include "refi/text.hpp"

namespace refi {

std::string to_valid_utf8(std::string_view text, std::size_t* replaced) {
    std::size_t count = 0, bad = 0;
    std::string out;
    while (!is_valid_utf8(text, &bad)) {
        out.append(text.substr(0, bad));
        out += "\xEF\xBF\xBD";
        text.remove_prefix(bad + 1);
        ++count;
    }
    out.append(text);
    if (replaced) *replaced = count;
    return out;
}

}  // namespace refi
