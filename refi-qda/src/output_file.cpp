// Outputs written through one buffer, directly to the disk once large (refi/output_file.hpp).
#include "refi/output_file.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <new>

#include <fmt/format.h>

#include "refi/error.hpp"

namespace refi {

namespace {
// Direct writes need the file offset, the length and the memory to be multiples of the device's logical block
// size: 512 or 4096 bytes on every disk Framer meets, so 4096.
constexpr std::size_t k_block = 4096;
}  // namespace

void OutputFile::Free::operator()(char* p) const { std::free(p); }

OutputFile::OutputFile(const std::filesystem::path& path, std::string label) : m_label(std::move(label)) {
    m_fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (m_fd < 0) fail("cannot create the output", errno);
    // FRAMER_NO_DIRECT_IO=1: always through the page cache (to compare, or for a file system that misbehaves).
    if (const char* no = std::getenv("FRAMER_NO_DIRECT_IO"); no && *no && std::string_view(no) != "0")
        m_direct_refused = true;
    m_buffer.reset(static_cast<char*>(std::aligned_alloc(k_block, k_buffer_size)));
    if (!m_buffer) {
        ::close(m_fd);
        m_fd = -1;
        throw std::bad_alloc();
    }
}

OutputFile::~OutputFile() {
    stop_writer();
    if (m_fd >= 0) ::close(m_fd);
}

void OutputFile::write_behind() {
    std::unique_lock lock(m_mutex);
    for (;;) {
        m_changed.wait(lock, [&] { return m_pending > 0 || m_stop; });
        if (m_pending == 0) return;  // stopped, nothing left
        const std::size_t size = m_pending;
        lock.unlock();
        std::exception_ptr failure;
        try {
            write_out(m_spare.get(), size);
        } catch (...) {
            failure = std::current_exception();
        }
        lock.lock();
        if (failure && !m_writer_failure) m_writer_failure = failure;
        m_pending = 0;
        m_changed.notify_all();
    }
}

void OutputFile::wait_for_writer() {
    std::unique_lock lock(m_mutex);
    m_changed.wait(lock, [&] { return m_pending == 0; });
    if (m_writer_failure) std::rethrow_exception(m_writer_failure);
}

void OutputFile::stop_writer() {
    if (!m_writer.joinable()) return;
    {
        std::lock_guard lock(m_mutex);
        m_stop = true;
    }
    m_changed.notify_all();
    m_writer.join();
}

void OutputFile::fail(const char* what, int error) const {
    throw Error(m_label, {}, fmt::format("{}: {}", what, std::strerror(error)));
}

bool OutputFile::set_direct(bool on) {
    const int flags = ::fcntl(m_fd, F_GETFL);
    if (flags < 0 || ::fcntl(m_fd, F_SETFL, on ? flags | O_DIRECT : flags & ~O_DIRECT) != 0) {
        if (on) m_direct_refused = true;
        return false;
    }
    m_direct = on;
    return true;
}

void OutputFile::write_out(const char* data, std::size_t size) {
    const bool whole_blocks = size % k_block == 0 && m_offset % k_block == 0;
    if (!m_direct && !m_direct_refused && whole_blocks && m_offset >= k_direct_from) set_direct(true);
    if (m_direct && !whole_blocks) set_direct(false);  // the tail of the file
    while (size > 0) {
        const ssize_t n = ::write(m_fd, data, size);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0 && errno == EINVAL && m_direct) {
            // The file system takes no direct writes after all (or not of this alignment): buffered from here.
            m_direct_refused = true;
            if (!set_direct(false)) fail("cannot write the output", EINVAL);
            continue;
        }
        // A full disk (ENOSPC), a file-size limit (EFBIG), an I/O error.
        if (n <= 0) fail("cannot write the output", n < 0 ? errno : EIO);
        const auto written = static_cast<std::size_t>(n);
        if (m_direct) m_wrote_directly = true;
        data += written;
        size -= written;
        m_offset += written;
        // A short direct write leaves the rest unaligned: it goes through the page cache.
        if (m_direct && size > 0) {
            m_direct_refused = true;
            set_direct(false);
        }
    }
}

void OutputFile::flush_full() {
    // Past the threshold (where writes turn direct and wait for the disk), a second thread writes behind.
    if (!m_writer.joinable() && m_queued >= k_direct_from && !m_direct_refused) {
        m_spare.reset(static_cast<char*>(std::aligned_alloc(k_block, k_buffer_size)));
        if (m_spare) m_writer = std::thread([this] { write_behind(); });
    }
    if (!m_writer.joinable()) {
        write_out(m_buffer.get(), m_used);
    } else {
        wait_for_writer();
        std::swap(m_buffer, m_spare);
        {
            std::lock_guard lock(m_mutex);
            m_pending = m_used;
        }
        m_changed.notify_all();
    }
    m_queued += m_used;
    m_used = 0;
}

void OutputFile::write(std::string_view bytes) {
    while (!bytes.empty()) {
        const std::size_t n = std::min(bytes.size(), k_buffer_size - m_used);
        std::memcpy(m_buffer.get() + m_used, bytes.data(), n);
        m_used += n;
        bytes.remove_prefix(n);
        if (m_used == k_buffer_size) flush_full();
    }
}

void OutputFile::close() {
    if (m_fd < 0) return;
    if (m_writer.joinable()) {
        wait_for_writer();  // (an error of the last buffer it wrote is thrown here)
        stop_writer();
    }
    // The whole blocks as the rest were written, the last partial block through the page cache.
    const std::size_t whole = m_direct ? m_used / k_block * k_block : 0;
    if (whole > 0) write_out(m_buffer.get(), whole);
    write_out(m_buffer.get() + whole, m_used - whole);
    m_queued += m_used;
    m_used = 0;
    const int fd = m_fd;
    m_fd = -1;
    if (::close(fd) != 0) fail("cannot write the output", errno);
}

OutputFileBuf::OutputFileBuf(OutputFile& file) : m_file(file) { lend(); }

void OutputFileBuf::take_back() {
    if (pbase()) m_file.m_used = static_cast<std::size_t>(pptr() - m_file.m_buffer.get());
}

void OutputFileBuf::lend() {
    char* base = m_file.m_buffer.get();
    setp(base, base + OutputFile::k_buffer_size);
    pbump(static_cast<int>(m_file.m_used));
}

bool OutputFileBuf::flush() {
    take_back();
    try {
        m_file.flush_full();
    } catch (...) {
        m_failure = std::current_exception();
        setp(nullptr, nullptr);  // every later write fails at once
        return false;
    }
    lend();
    return true;
}

OutputFileBuf::int_type OutputFileBuf::overflow(int_type c) {
    if (m_failure || (pptr() == epptr() && !flush())) return traits_type::eof();
    if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
    *pptr() = traits_type::to_char_type(c);
    pbump(1);
    return c;
}

std::streamsize OutputFileBuf::xsputn(const char* s, std::streamsize n) {
    std::streamsize done = 0;
    while (done < n) {
        if (m_failure || (pptr() == epptr() && !flush())) return done;
        const auto k = std::min<std::streamsize>(n - done, epptr() - pptr());
        std::memcpy(pptr(), s + done, static_cast<std::size_t>(k));
        pbump(static_cast<int>(k));
        done += k;
    }
    return done;
}

void OutputFileBuf::close() {
    if (m_failure) std::rethrow_exception(m_failure);
    take_back();
    setp(nullptr, nullptr);
    m_file.close();
}

void write_stream(const std::filesystem::path& path, const std::string& label,
                  const std::function<void(std::ostream&)>& produce) {
    OutputFile file(path, label);
    OutputFileBuf buffer(file);
    std::ostream out(&buffer);
    try {
        produce(out);
    } catch (...) {
        buffer.rethrow_failure();  // why the stream went bad, rather than that it did
        throw;
    }
    buffer.close();  // writes what is still buffered: a full disk shows up here as often as in produce()
    if (!out) throw Error(label, {}, "cannot write the output");
}

}  // namespace refi
