#pragma once
/// A file written front to back, for outputs that can be large (a chart's JSON of a million codings is over a
/// gigabyte). Bytes go through one 4 MiB buffer written whole; once the file is past 8 MiB, each buffer goes
/// to the disk directly (O_DIRECT) instead of being copied into the page cache first. On a virtual machine
/// that copy was most of a large output's cost (1.3 GB of JSON: 5 s of system time buffered, where the disk
/// itself writes it in about 1.5 s), and the copy bought nothing: the output is flushed to disk before it is
/// renamed into place anyway (refi::TempFile::commit). Where the file system refuses direct writes (tmpfs
/// before Linux 6.6, some network file systems), the file is written through the page cache as before.
/// Past the same threshold a second thread writes each full buffer while the caller fills the other one: a
/// direct write waits for the disk, and that wait then overlaps the making of the next 4 MiB.

#include <condition_variable>
#include <cstdint>
#include <exception>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <ostream>
#include <streambuf>
#include <string>
#include <string_view>
#include <thread>

namespace refi {

class OutputFile {
public:
    /// Creates `path`, or empties it; `label` names the file in errors. Throws refi::Error.
    OutputFile(const std::filesystem::path& path, std::string label);
    /// Closes the file if close() was not called, reporting nothing.
    ~OutputFile();
    OutputFile(const OutputFile&) = delete;
    OutputFile& operator=(const OutputFile&) = delete;

    /// Appends `bytes`. Throws refi::Error naming the file and the reason (a full disk, a file-size limit).
    void write(std::string_view bytes);
    /// Writes what is buffered and closes the file; throws refi::Error. Once only.
    void close();
    /// Bytes written so far, buffered ones included.
    std::uint64_t size() const { return m_queued + m_used; }
    /// Whether some of the file went to the disk directly (tests; asked after close()).
    bool wrote_directly() const { return m_wrote_directly; }

    static constexpr std::size_t k_buffer_size = std::size_t{4} << 20;
    static constexpr std::uint64_t k_direct_from = std::uint64_t{8} << 20;

private:
    friend class OutputFileBuf;
    /// Writes the buffer's bytes (all of it but at close()) and empties it: itself, or through the writer thread
    /// once the file is past k_direct_from.
    void flush_full();
    /// The writer thread: writes each buffer handed to it until told to stop.
    void write_behind();
    /// Waits until the writer thread has written what it was given; throws its error, if it had one.
    void wait_for_writer();
    void stop_writer();
    /// Writes `size` bytes of the buffer at the file's end, directly when that is on and `size` is whole blocks.
    void write_out(const char* data, std::size_t size);
    bool set_direct(bool on);
    [[noreturn]] void fail(const char* what, int error) const;

    std::string m_label;
    int m_fd = -1;
    struct Free {
        void operator()(char* p) const;
    };
    std::unique_ptr<char, Free> m_buffer;  ///< the one being filled; aligned for direct writes
    std::size_t m_used = 0;
    std::uint64_t m_queued = 0;  ///< bytes written, or handed to the writer thread
    // What write_out() uses: the caller's while there is no writer thread, the writer's while there is.
    std::uint64_t m_offset = 0;  ///< bytes written to the file
    bool m_direct = false;       ///< O_DIRECT is on
    bool m_direct_refused = false;
    bool m_wrote_directly = false;
    // The writer thread and the buffer it writes (m_spare, m_pending bytes of it; 0 when it is idle).
    std::unique_ptr<char, Free> m_spare;
    std::thread m_writer;
    std::mutex m_mutex;
    std::condition_variable m_changed;
    std::size_t m_pending = 0;
    bool m_stop = false;
    std::exception_ptr m_writer_failure;
};

/// A std::streambuf over an OutputFile: its put area is the file's buffer. A failed write makes the stream
/// bad (as std::filebuf does), and close() then throws that write's error.
class OutputFileBuf : public std::streambuf {
public:
    explicit OutputFileBuf(OutputFile& file);
    /// Hands the put area back to the file and closes it; throws refi::Error (a failed write's included).
    void close();
    /// Throws the error of the write that failed, if one did: for a writer that gave up on the bad stream with
    /// an error of its own, which would not say why.
    void rethrow_failure() const {
        if (m_failure) std::rethrow_exception(m_failure);
    }

protected:
    int_type overflow(int_type c) override;
    std::streamsize xsputn(const char* s, std::streamsize n) override;

private:
    void take_back();  ///< the put area's bytes counted in the file
    void lend();       ///< the file's free buffer as the put area
    bool flush();      ///< the full buffer written; false (and the error kept) when that failed
    OutputFile& m_file;
    std::exception_ptr m_failure;
};

/// Writes into `path` (created or emptied) what `produce` writes to the stream it is given, through an
/// OutputFile; `label` names the file in errors. A write that fails throws its own error (a full disk, a
/// file-size limit), also when `produce` gave up on the bad stream with an error of its own.
void write_stream(const std::filesystem::path& path, const std::string& label,
                  const std::function<void(std::ostream&)>& produce);

}  // namespace refi
