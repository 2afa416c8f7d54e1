#pragma once
/// The small pieces of SpreadsheetML text the xlsx writer is made of: escaped text and attributes, cell and
/// column references, numbers as Excel writes them.

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <utility>

namespace framer::xlsx {

/// A sheet's size, as Excel allows it.
constexpr std::uint32_t max_rows = 1048576;
constexpr std::uint32_t max_columns = 16384;

/// A growing buffer of bytes for a large part: pieces of up to 16 bytes are copied as one fixed 16-byte move
/// (the buffer keeps that much slack), which is most of a sheet's cells.
class ByteSink {
public:
    /// A piece of at most 16 bytes, padded, for put().
    struct Piece {
        char bytes[16] = {};
        std::uint8_t size = 0;
        static Piece of(std::string_view text);  ///< text.size() <= 16
    };
    void put(const Piece& p) {
        room(16);
        std::memcpy(m_data + m_size, p.bytes, 16);
        m_size += p.size;
    }
    void append(const char* p, std::size_t n) {
        room(n);
        std::memcpy(m_data + m_size, p, n);
        m_size += n;
    }
    void append(std::string_view s) { append(s.data(), s.size()); }
    std::size_t size() const { return m_size; }
    std::string_view view() const { return {m_data, m_size}; }
    /// Drops the last `n` bytes.
    void drop(std::size_t n) { m_size -= n; }
    /// Empties the buffer, keeping its memory for the next part (growing it again would copy it each time).
    void clear() { m_size = 0; }
    /// Frees the buffer.
    void release();
    ~ByteSink() { release(); }
    ByteSink() = default;
    ByteSink(const ByteSink&) = delete;
    ByteSink& operator=(const ByteSink&) = delete;
    ByteSink(ByteSink&& other) noexcept { swap(other); }
    ByteSink& operator=(ByteSink&& other) noexcept {
        swap(other);
        return *this;
    }
    void swap(ByteSink& other) noexcept {
        std::swap(m_data, other.m_data);
        std::swap(m_size, other.m_size);
        std::swap(m_capacity, other.m_capacity);
    }

private:
    void room(std::size_t n) {
        if (m_capacity - m_size < n + 16) grow(n + 16);
    }
    void grow(std::size_t n);
    char* m_data = nullptr;
    std::size_t m_size = 0, m_capacity = 0;
};

/// Appends `text` as SpreadsheetML's escaped strings (ST_Xstring: cell text, sheet names) hold it: &, < and >
/// escaped, and "_x" that begins Excel's own escape (_xHHHH_) written as "_x005F_x", so that Excel shows it as
/// typed instead of decoding it.
void append_text(std::string& out, std::string_view text);
void append_text(ByteSink& out, std::string_view text);
/// Appends `text` with &, < and > escaped only: XML that is not an escaped string (document properties, formulas).
void append_plain_text(std::string& out, std::string_view text);
/// True when text[i..] reads "_xHHHH_", which Excel decodes as the character U+HHHH (in cell text, sheet names).
bool excel_escape_at(std::string_view text, std::size_t i);
/// `text` escaped for an attribute value (&, <, >, "); xstring_attribute() also escapes "_x" as append_text().
std::string attribute(std::string_view text);
std::string xstring_attribute(std::string_view text);
/// True when Excel must be told to keep the text's leading or trailing white space (xml:space="preserve").
bool needs_preserve(std::string_view text);

/// A column's letters: 0 → "A", 25 → "Z", 26 → "AA".
std::string column_name(std::uint32_t column);
/// A cell reference such as "B3" (row and column from 0).
std::string cell_name(std::uint32_t row, std::uint32_t column);
/// "A1:C4", or "A1" when the range is one cell.
std::string range_name(std::uint32_t first_row, std::uint32_t first_column, std::uint32_t last_row,
                       std::uint32_t last_column);
/// A number as Excel writes it (up to 16 significant digits, no trailing zeros).
std::string number_text(double value);

}  // namespace framer::xlsx
