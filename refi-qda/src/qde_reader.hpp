#pragma once
// Private: the project.qde reader, in two files: qde_reader.cpp (the project and its small elements) and
// qde_source_reader.cpp (sources, selections, transcripts, codings and position conversion).

#include <fmt/format.h>
#include <pugixml.hpp>

#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "refi/error.hpp"
#include "refi/io.hpp"
#include "refi/text.hpp"
#include "xml_location.hpp"

namespace refi::detail {

/// Turns one parsed project.qde into a Project. Lenient (any namespace, any child order, unknown content kept);
/// throws refi::Error only where the model cannot hold the input.
class QdeReader {
public:
    /// `buffer` is parsed in place (no copy of a 35 MB document) and must outlive the reader.
    QdeReader(char* buffer, std::size_t size, std::string file, Diagnostics& diagnostics, const ReadOptions& options)
        : m_buffer(buffer), m_size(size), m_file(std::move(file)), m_diag(diagnostics), m_options(options),
          m_lines(std::make_shared<const LineMap>(std::string_view(buffer, size))) {}

    Project read(std::shared_ptr<const SourceStore> store);

private:
    /// A second reader over the same document for the sources read on the second core (read_sources): the same
    /// file, options, line map and project, its own diagnostics and position-map cache.
    QdeReader(const QdeReader& parent, Diagnostics& diagnostics)
        : m_buffer(parent.m_buffer), m_size(parent.m_size), m_file(parent.m_file), m_diag(diagnostics),
          m_options(parent.m_options), m_lines(parent.m_lines), m_counting(parent.m_counting),
          m_project(parent.m_project) {}

    char* m_buffer;
    std::size_t m_size;
    std::string m_file;
    Diagnostics& m_diag;
    const ReadOptions& m_options;
    std::shared_ptr<const LineMap> m_lines;  ///< shared (read only) with the second reader
    mutable std::size_t m_line_hint = 0;  ///< the line of the element located last (elements are read in document order)
    PositionCounting m_counting = PositionCounting::CodePoints;
    Project* m_project = nullptr;
    /// The position map of the text converted last: sources that share one file (one shared text) share it.
    std::shared_ptr<const std::string> m_mapped_text;
    std::optional<OffsetMap> m_map;

    /// Unprefixed attributes go to `known` (true when it took them); the rest, namespace declarations and
    /// xsi:schemaLocation included, are kept in order.
    template <class F>
    void attributes(pugi::xml_node n, Extensions& ext, F&& known) {
        for (pugi::xml_attribute a : n.attributes()) {
            if (is_prefixed(a.name()) || !known(std::string_view(a.name()), a.value()))
                ext.attributes.push_back({a.name(), a.value()});
        }
    }

    /// Element children by local name; those `known` does not take are kept verbatim with their position.
    template <class F>
    void children(pugi::xml_node n, Extensions& ext, F&& known) {
        std::size_t position = 0;
        // The next sibling is taken first so that `known` may remove the child it has read (read_sources does).
        for (pugi::xml_node c = n.first_child(), next; c; c = next) {
            next = c.next_sibling();
            if (c.type() != pugi::node_element) continue;
            if (!known(local_name(c.name()), c)) ext.elements.push_back({position, raw(c)});
            ++position;
        }
    }

    /// A container (Users, Codes, ...): its own attributes/unknown children, and its items. The schema requires
    /// at least one item; Taguette writes <Sets/>, so an empty one is accepted with a warning.
    template <class F>
    void container(pugi::xml_node n, Extensions& ext, std::string_view item, F&& read_item) {
        attributes(n, ext, [](std::string_view, const char*) { return false; });
        std::size_t count = 0;
        children(n, ext, [&](std::string_view cn, pugi::xml_node c) {
            if (cn != item) return false;
            read_item(c);
            ++count;
            return true;
        });
        if (count == 0)
            m_diag.warning("empty-container", m_file, loc(n),
                           fmt::format("<{}> is empty; the schema requires at least one <{}> (it is dropped on write)",
                                       local_name(n.name()), item));
    }

    Location loc(pugi::xml_node n) const;
    static std::string raw(pugi::xml_node n);
    static std::string text(pugi::xml_node n);
    std::int64_t integer(pugi::xml_node n, const char* attr_name, const char* value);
    void require(pugi::xml_node n, bool present, const char* attr_name);
    Ref read_ref(pugi::xml_node n, const char* attr = "targetGUID");
    bool authorship(std::string_view n, const char* v, Authorship& a);
    /// The authorship values read last: a project repeats one user GUID and often one date on element after
    /// element, and an equal value shares the last one's text instead of allocating another (refi::OptString).
    OptString m_last_user, m_last_date, m_last_modifying_user, m_last_modified_date;
    static void share(OptString& field, OptString& last, const char* v) {
        if (!(last == v)) last = v;
        field = last;
    }
    User read_user(pugi::xml_node n);
    static constexpr int k_max_code_depth = 256;
    Code read_code(pugi::xml_node n, int depth = 0);
    Variable read_variable(pugi::xml_node n);
    VariableValue read_variable_value(pugi::xml_node n);
    Case read_case(pugi::xml_node n);
    Coding read_coding(pugi::xml_node n);
    /// Reads into `s` (constructed in place in its vector: a Selection is large and 100,000 moves show up).
    void read_selection(pugi::xml_node n, SelectionKind kind, Selection& s);
    SyncPoint read_sync_point(pugi::xml_node n);
    Transcript read_transcript(pugi::xml_node n);
    /// TextSource, Note, TextDescription and Representation share TextSourceType.
    Source read_text_source(pugi::xml_node n, SourceKind kind);
    Source read_source(pugi::xml_node n, SourceKind kind);
    void read_source(pugi::xml_node n, SourceKind kind, Source& s);
    static std::size_t element_children(pugi::xml_node n);
    /// Tool positions -> code points (NVivo: UTF-16 units; ATLAS.ti: CRLF as one). Needs the text, so only
    /// text sources with selections in a non-standard dialect are loaded here.
    /// Converts the PlainTextSelections of `s` from the tool's counting to code points, over the text of
    /// `text_of` (default: `s` itself; a QualCoder annotation note counts in its source's text).
    void convert_positions(Source& s, const Source* text_of = nullptr);
    /// Notes are converted once the whole project is read: an annotation note's positions count in a source's
    /// text (refi/annotation.hpp), and the NoteRef saying which source may come later in the file.
    void convert_note_positions(Project& p);
    bool m_defer_positions = false;  ///< while reading <Notes>
    void read_sources(pugi::xml_node n, Project& p);
    /// Whether <Sources> is read on two cores (ReadOptions::threads).
    bool two_threads_for(std::size_t sources) const;
    Link read_link(pugi::xml_node n);
    Set read_set(pugi::xml_node n);
    Graph read_graph(pugi::xml_node n);
    Vertex read_vertex(pugi::xml_node n);
    Edge read_edge(pugi::xml_node n);
};

}  // namespace refi::detail
