#include "fast_deflate.hpp"

#include <isa-l/igzip_lib.h>

#include <cstdint>
#include <limits>
#include <algorithm>
#include <memory>

namespace refi::detail {

namespace {

constexpr std::size_t k_max = std::numeric_limits<std::uint32_t>::max();

/// Level 1, raw deflate, into `out`. Level 1 needs its hash tables in a buffer of the caller's (about 256 KiB
/// for the default size), which `level_buffer` receives.
void set_up(isal_zstream& stream, std::unique_ptr<std::uint8_t[]>& level_buffer, char* out, std::size_t out_size) {
    level_buffer.reset(new std::uint8_t[ISAL_DEF_LVL1_DEFAULT]);
    stream.level = 1;
    stream.level_buf = level_buffer.get();
    stream.level_buf_size = ISAL_DEF_LVL1_DEFAULT;
    stream.gzip_flag = IGZIP_DEFLATE;
    stream.flush = NO_FLUSH;
    stream.next_out = reinterpret_cast<std::uint8_t*>(out);
    stream.avail_out = static_cast<std::uint32_t>(std::min(out_size, k_max));
}

}  // namespace

std::size_t fast_deflate(std::string_view in, char* out, std::size_t out_size) {
    if (in.empty() || in.size() > k_max || out_size == 0) return 0;
    isal_zstream stream;
    isal_deflate_stateless_init(&stream);
    std::unique_ptr<std::uint8_t[]> level_buffer;
    set_up(stream, level_buffer, out, out_size);
    stream.end_of_stream = 1;
    stream.next_in = reinterpret_cast<std::uint8_t*>(const_cast<char*>(in.data()));
    stream.avail_in = static_cast<std::uint32_t>(in.size());
    if (isal_deflate_stateless(&stream) != COMP_OK || stream.avail_in != 0) return 0;
    return stream.total_out;
}

std::size_t fast_deflate(const std::vector<std::string_view>& pieces, char* out, std::size_t out_size) {
    if (pieces.empty() || out_size == 0) return 0;
    for (const auto& piece : pieces)
        if (piece.size() > k_max) return 0;
    isal_zstream stream;
    isal_deflate_init(&stream);
    std::unique_ptr<std::uint8_t[]> level_buffer;
    set_up(stream, level_buffer, out, out_size);
    for (std::size_t i = 0; i < pieces.size(); ++i) {
        stream.next_in = reinterpret_cast<std::uint8_t*>(const_cast<char*>(pieces[i].data()));
        stream.avail_in = static_cast<std::uint32_t>(pieces[i].size());
        stream.end_of_stream = i + 1 == pieces.size() ? 1 : 0;
        // With room for the whole output, each call takes all of its input (a full output stops it: too small).
        while (stream.avail_in > 0 || (stream.end_of_stream && stream.internal_state.state != ZSTATE_END)) {
            const std::uint32_t before = stream.avail_out;
            if (isal_deflate(&stream) != COMP_OK) return 0;
            if (stream.avail_out == 0 && (stream.avail_in > 0 || stream.internal_state.state != ZSTATE_END)) return 0;
            if (stream.avail_out == before && stream.avail_in > 0) return 0;
        }
    }
    return stream.total_out > k_max ? 0 : stream.total_out;
}

}  // namespace refi::detail
