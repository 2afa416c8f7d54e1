#pragma once
/// The REFI-QDA project model: every element and attribute of Project.xsd (and Codebook.xsd), held by value.
///
/// Design rules (see ../shared/CONVENTIONS.md):
/// - Identity is the GUID, kept exactly as spelled in the input; compare with refi::same_guid().
/// - Attributes whose lexical form matters for a lossless rewrite (dates, booleans, colours, user GUIDs) are kept
///   as the strings that were read; typed helpers interpret them. Absent optional attributes are std::nullopt.
/// - Selection positions (PlainTextSelection start/end) are Unicode code points of the source's plain text
///   (UTF-8 decoded, BOM stripped, line endings as stored). Dialects convert from and to each tool's counting.
/// - Anything the reader does not understand is kept in Extensions and written back in place.
/// - Source text and media are not loaded here; see refi/source_store.hpp and refi/text.hpp.

#include <atomic>
#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace refi {

/// Where an element was read: line and column (1-based) in project.qde; 0 when built in code.
struct Location {
    std::uint32_t line = 0;
    std::uint32_t column = 0;
    bool known() const { return line != 0; }
};

/// An attribute as read (qualified name as spelled, including namespace declarations on the root).
struct Attribute {
    std::string name;
    std::string value;
    bool operator==(const Attribute&) const = default;
};

/// Content the model does not understand, kept so the writer can put it back.
/// `position` is the element's index among the parent's element children in the input, so an input already in
/// schema order is reproduced exactly; the writer inserts it at that index among the children it writes.
struct UnknownElement {
    std::size_t position = 0;
    std::string xml;  ///< the element serialised verbatim (pugixml raw output)
    bool operator==(const UnknownElement&) const = default;
};

/// A vector that costs one pointer while empty. Extensions are empty on almost every element, and a project can
/// hold 100,000s of elements: three std::vectors' 48 bytes each add up (see bench/README.md).
template <class T>
class CompactVector {
public:
    CompactVector() = default;
    CompactVector(std::initializer_list<T> items) { for (const auto& i : items) push_back(i); }
    CompactVector(const CompactVector& o) : m_items(o.m_items ? std::make_unique<std::vector<T>>(*o.m_items) : nullptr) {}
    CompactVector(CompactVector&&) noexcept = default;
    CompactVector& operator=(const CompactVector& o) {
        m_items = o.m_items ? std::make_unique<std::vector<T>>(*o.m_items) : nullptr;
        return *this;
    }
    CompactVector& operator=(CompactVector&&) noexcept = default;

    void push_back(T item) { storage().push_back(std::move(item)); }
    std::size_t size() const { return m_items ? m_items->size() : 0; }
    bool empty() const { return size() == 0; }
    void clear() { m_items.reset(); }
    T& operator[](std::size_t i) { return (*m_items)[i]; }
    const T& operator[](std::size_t i) const { return (*m_items)[i]; }
    T& back() { return m_items->back(); }
    /// Removes [first, last) (pointers into this vector, as begin() and end() give).
    T* erase(const T* first, const T* last) {
        if (first == last) return const_cast<T*>(first);
        auto& v = *m_items;
        auto at = v.erase(v.begin() + (first - v.data()), v.begin() + (last - v.data()));
        return v.data() + (at - v.begin());
    }
    const T* begin() const { return m_items ? m_items->data() : nullptr; }
    const T* end() const { return m_items ? m_items->data() + m_items->size() : nullptr; }
    T* begin() { return m_items ? m_items->data() : nullptr; }
    T* end() { return m_items ? m_items->data() + m_items->size() : nullptr; }
    std::vector<T> to_vector() const { return m_items ? *m_items : std::vector<T>{}; }

    bool operator==(const CompactVector& o) const { return to_vector() == o.to_vector(); }
    bool operator==(const std::vector<T>& o) const { return to_vector() == o; }

private:
    std::vector<T>& storage() {
        if (!m_items) m_items = std::make_unique<std::vector<T>>();
        return *m_items;
    }
    std::unique_ptr<std::vector<T>> m_items;
};

struct Extensions {
    CompactVector<Attribute> attributes;
    CompactVector<UnknownElement> elements;
    bool empty() const { return attributes.empty() && elements.empty(); }
    bool operator==(const Extensions&) const = default;
};

/// A copyable optional owning box, for the schema's recursive types (a PDFSource's Representation is a
/// TextSource). Value semantics: copying copies the content.
template <class T>
class Box {
public:
    Box() = default;
    Box(const Box& o) : m_ptr(o.m_ptr ? std::make_unique<T>(*o.m_ptr) : nullptr) {}
    Box(Box&&) noexcept = default;
    Box& operator=(const Box& o) { m_ptr = o.m_ptr ? std::make_unique<T>(*o.m_ptr) : nullptr; return *this; }
    Box& operator=(Box&&) noexcept = default;
    explicit operator bool() const { return static_cast<bool>(m_ptr); }
    T& operator*() { return *m_ptr; }
    const T& operator*() const { return *m_ptr; }
    T* operator->() { return m_ptr.get(); }
    const T* operator->() const { return m_ptr.get(); }
    T* get() { return m_ptr.get(); }
    const T* get() const { return m_ptr.get(); }
    T& emplace() { m_ptr = std::make_unique<T>(); return *m_ptr; }
    void reset() { m_ptr.reset(); }
    bool operator==(const Box& o) const { return (!m_ptr && !o.m_ptr) || (m_ptr && o.m_ptr && *m_ptr == *o.m_ptr); }
private:
    std::unique_ptr<T> m_ptr;
};

/// An optional string that costs one pointer (std::optional<std::string> costs 40 bytes), for the attributes a
/// project has on 100,000s of elements (authorship, a selection's name): absent is null; present is an immutable,
/// reference-counted string, so one value read on many elements (the same user GUID or date on every coding) is
/// held once (the reader shares repeated values). Value semantics: the text is never changed through it, only
/// replaced; copies share it. Reads like std::optional<std::string> (has_value, *, ->, value_or, == ...).
class OptString {
public:
    OptString() noexcept = default;
    OptString(std::nullopt_t) noexcept {}
    OptString(const char* s) : m_rep(new Rep{std::string(s)}) {}
    OptString(std::string_view s) : m_rep(new Rep{std::string(s)}) {}
    OptString(const std::string& s) : m_rep(new Rep{s}) {}
    OptString(std::string&& s) : m_rep(new Rep{std::move(s)}) {}
    OptString(const std::optional<std::string>& o) : m_rep(o ? new Rep{*o} : nullptr) {}
    OptString(const OptString& o) noexcept : m_rep(o.m_rep) {
        if (m_rep) m_rep->refs.fetch_add(1, std::memory_order_relaxed);
    }
    OptString(OptString&& o) noexcept : m_rep(std::exchange(o.m_rep, nullptr)) {}
    ~OptString() { release(); }
    OptString& operator=(OptString o) noexcept {
        std::swap(m_rep, o.m_rep);
        return *this;
    }

    bool has_value() const noexcept { return m_rep != nullptr; }
    explicit operator bool() const noexcept { return m_rep != nullptr; }
    const std::string& operator*() const noexcept { return m_rep->value; }
    const std::string* operator->() const noexcept { return &m_rep->value; }
    const std::string& value() const {
        if (!m_rep) throw std::bad_optional_access();
        return m_rep->value;
    }
    std::string value_or(std::string_view fallback) const { return m_rep ? m_rep->value : std::string(fallback); }
    /// The text, or nullptr when absent (for a look-up that must not copy).
    const std::string* get() const noexcept { return m_rep ? &m_rep->value : nullptr; }
    void reset() noexcept {
        release();
        m_rep = nullptr;
    }
    template <class... A>
    const std::string& emplace(A&&... a) {
        *this = OptString(std::string(std::forward<A>(a)...));
        return m_rep->value;
    }
    std::optional<std::string> to_optional() const {
        return m_rep ? std::optional<std::string>(m_rep->value) : std::nullopt;
    }
    explicit operator std::optional<std::string>() const { return to_optional(); }
    /// Whether both hold the same shared text (not merely equal text).
    bool shares(const OptString& o) const noexcept { return m_rep == o.m_rep; }

    friend bool operator==(const OptString& a, const OptString& b) noexcept {
        if (a.m_rep == b.m_rep) return true;
        return a.m_rep && b.m_rep && a.m_rep->value == b.m_rep->value;
    }
    friend bool operator==(const OptString& a, std::nullopt_t) noexcept { return !a.m_rep; }
    friend bool operator==(const OptString& a, const char* b) noexcept { return a.m_rep && a.m_rep->value == b; }
    friend bool operator==(const OptString& a, std::string_view b) noexcept { return a.m_rep && a.m_rep->value == b; }
    friend bool operator==(const OptString& a, const std::string& b) noexcept { return a.m_rep && a.m_rep->value == b; }
    friend bool operator==(const OptString& a, const std::optional<std::string>& b) noexcept {
        return b ? a == *b : !a.m_rep;
    }

private:
    struct Rep {
        std::string value;
        std::atomic<std::uint32_t> refs{1};
    };
    void release() noexcept {
        if (m_rep && m_rep->refs.fetch_sub(1, std::memory_order_acq_rel) == 1) delete m_rep;
    }
    Rep* m_rep = nullptr;
};

/// The text of either kind of optional string, or nullptr: for code that reads both without copying.
inline const std::string* text_or_null(const std::optional<std::string>& o) { return o ? &*o : nullptr; }
inline const std::string* text_or_null(const OptString& o) { return o.get(); }

using Guid = std::string;  ///< as spelled in the input (case, braces); compare with same_guid()

/// NoteRef, CodeRef, SourceRef, SelectionRef, VariableRef, MemberCode/MemberSource/MemberNote: a @targetGUID.
/// (In a .qdc, MemberCode spells it @guid; the codebook reader and writer handle that.)
struct Ref {
    Guid target;
    Extensions ext;
    Location loc;
    bool operator==(const Ref& o) const { return target == o.target && ext == o.ext; }
};

/// The user and date attributes shared by sources, selections and transcripts.
struct Authorship {
    OptString creating_user;  ///< a user GUID
    OptString creation_date_time;
    OptString modifying_user;  ///< a user GUID
    OptString modified_date_time;
    bool operator==(const Authorship&) const = default;
};

struct User {
    Guid guid;
    std::optional<std::string> name;
    std::optional<std::string> id;  ///< initials (NVivo for Mac writes them)
    Extensions ext;
    Location loc;
    bool operator==(const User& o) const { return guid == o.guid && name == o.name && id == o.id && ext == o.ext; }
};

struct Code {
    Guid guid;
    std::string name;
    std::string is_codable = "true";  ///< lexical xsd:boolean as read ("true", "1", ...); see codable()
    std::optional<std::string> color;
    std::optional<std::string> description;
    std::vector<Ref> note_refs;
    std::vector<Code> children;
    Extensions ext;
    Location loc;

    /// isCodable interpreted as xsd:boolean; "false" and "0" mark a category (folder).
    bool codable() const { return !(is_codable == "false" || is_codable == "0"); }
    bool operator==(const Code& o) const {
        return guid == o.guid && name == o.name && is_codable == o.is_codable && color == o.color &&
               description == o.description && note_refs == o.note_refs && children == o.children && ext == o.ext;
    }
};

enum class VariableType { Text, Boolean, Integer, Float, Date, DateTime };
const char* to_string(VariableType);
std::optional<VariableType> parse_variable_type(const std::string&);

struct Variable {
    Guid guid;
    std::string name;
    VariableType type = VariableType::Text;
    std::optional<std::string> description;
    Extensions ext;
    Location loc;
    bool operator==(const Variable& o) const {
        return guid == o.guid && name == o.name && type == o.type && description == o.description && ext == o.ext;
    }
};

/// A VariableValue: the variable it gives a value for, and the value's element and lexical form.
/// kind == std::nullopt when the value element is absent (allowed by the schema).
struct VariableValue {
    Ref variable;
    std::optional<VariableType> kind;  ///< which of TextValue/BooleanValue/... was present
    std::string value;                 ///< its text, as read
    Extensions ext;
    Location loc;
    bool operator==(const VariableValue& o) const {
        return variable == o.variable && kind == o.kind && value == o.value && ext == o.ext;
    }
};

struct Coding {
    Guid guid;
    OptString creating_user;  ///< a user GUID
    OptString creation_date_time;
    Ref code;  ///< the CodeRef
    CompactVector<Ref> note_refs;  ///< one pointer while empty, as nearly always
    Extensions ext;
    Location loc;
    bool operator==(const Coding& o) const {
        return guid == o.guid && creating_user == o.creating_user && creation_date_time == o.creation_date_time &&
               code == o.code && note_refs == o.note_refs && ext == o.ext;
    }
};

enum class SelectionKind { PlainText, PDF, Picture, Audio, Video, Transcript };
const char* element_name(SelectionKind);  ///< "PlainTextSelection", ...

struct Source;

/// The geometry of the selection kinds other than PlainText and Transcript, held out of line (Selection::geometry)
/// because nearly every selection of a real project is a PlainTextSelection.
struct SelectionGeometry {
    // PDFSelection (page, two corners) and PictureSelection (two corners): as written, integers.
    std::int64_t page = 0;
    std::int64_t first_x = 0, first_y = 0, second_x = 0, second_y = 0;
    // Audio/VideoSelection: milliseconds.
    std::int64_t begin = 0;
    std::int64_t finish = 0;  ///< @end of an Audio/VideoSelection
    bool operator==(const SelectionGeometry&) const = default;
};

/// Any of the six selection kinds. Fields that a kind does not have stay at their defaults.
/// A project holds one per coded passage (100,000s), so its size is budgeted (tests/refi/test_model_size.cpp):
/// what most selections lack costs a pointer, not its full size.
struct Selection {
    Guid guid;
    OptString name;
    Authorship authorship;
    OptString description;
    std::vector<Coding> codings;
    CompactVector<Ref> note_refs;  ///< one pointer while empty, as nearly always

    // PlainTextSelection: code points of the plain text, end exclusive (see the header comment).
    std::int64_t start = 0;
    std::int64_t end = 0;
    // TranscriptSelection: SyncPoint GUIDs.
    OptString from_sync_point;
    OptString to_sync_point;
    // PDFSelection: an optional Representation (a TextSource) after Description.
    Box<Source> representation;
    /// PDF, Picture, Audio and Video: page, corners, begin and end; null while all are 0 (see geometry()).
    Box<SelectionGeometry> geometry_part;

    Extensions ext;
    Location loc;
    SelectionKind kind = SelectionKind::PlainText;

    /// The geometry (all zeros when none was set).
    const SelectionGeometry& geometry() const {
        static const SelectionGeometry none;
        return geometry_part ? *geometry_part : none;
    }
    /// The geometry to set (allocated on first use).
    SelectionGeometry& set_geometry() { return geometry_part ? *geometry_part : geometry_part.emplace(); }
    bool operator==(const Selection& o) const;
};

struct SyncPoint {
    Guid guid;
    std::optional<std::string> time_stamp;  ///< milliseconds, as read
    std::optional<std::string> position;    ///< character offset in the transcript, as read
    Extensions ext;
    Location loc;
    bool operator==(const SyncPoint& o) const {
        return guid == o.guid && time_stamp == o.time_stamp && position == o.position && ext == o.ext;
    }
};

struct Transcript {
    Guid guid;
    std::optional<std::string> name;
    std::optional<std::string> rich_text_path;
    std::optional<std::string> plain_text_path;
    Authorship authorship;
    std::optional<std::string> description;
    std::optional<std::string> plain_text_content;
    std::vector<SyncPoint> sync_points;
    std::vector<Selection> selections;  ///< TranscriptSelection
    std::vector<Ref> note_refs;
    Extensions ext;
    Location loc;
    bool operator==(const Transcript& o) const;
};

enum class SourceKind { Text, Picture, PDF, Audio, Video };
const char* element_name(SourceKind);  ///< "TextSource", ...

/// A source of any of the five kinds; also a Note, a PictureSource's TextDescription and a PDF's
/// Representation, which the schema types as TextSourceType (kind == Text).
struct Source {
    SourceKind kind = SourceKind::Text;
    Guid guid;
    std::optional<std::string> name;
    // TextSourceType
    std::optional<std::string> rich_text_path;
    std::optional<std::string> plain_text_path;
    std::optional<std::string> plain_text_content;
    // Picture/PDF/Audio/Video
    std::optional<std::string> path;
    std::optional<std::string> current_path;
    Authorship authorship;
    std::optional<std::string> description;

    Box<Source> text_description;           ///< PictureSource/TextDescription
    Box<Source> representation;             ///< PDFSource/Representation (after the PDFSelections)
    std::vector<Transcript> transcripts;    ///< Audio/VideoSource
    std::vector<Selection> selections;      ///< the kind's own selections (PlainText for text and notes)
    std::vector<Coding> codings;            ///< codings of the whole source
    std::vector<Ref> note_refs;
    std::vector<VariableValue> variable_values;

    Extensions ext;
    Location loc;
    bool operator==(const Source& o) const;
};

using Note = Source;  ///< a Note is a TextSourceType: a memo is a text source

struct Case {
    Guid guid;
    std::optional<std::string> name;
    std::optional<std::string> description;
    std::vector<Ref> code_refs;
    std::vector<VariableValue> variable_values;
    std::vector<Ref> source_refs;
    std::vector<Ref> selection_refs;
    Extensions ext;
    Location loc;
    bool operator==(const Case& o) const {
        return guid == o.guid && name == o.name && description == o.description && code_refs == o.code_refs &&
               variable_values == o.variable_values && source_refs == o.source_refs &&
               selection_refs == o.selection_refs && ext == o.ext;
    }
};

struct Link {
    Guid guid;
    std::optional<std::string> name;
    std::optional<std::string> direction;  ///< Associative | OneWay | Bidirectional
    std::optional<std::string> color;
    std::optional<Guid> origin;
    std::optional<Guid> target;
    std::vector<Ref> note_refs;
    Extensions ext;
    Location loc;
    bool operator==(const Link& o) const {
        return guid == o.guid && name == o.name && direction == o.direction && color == o.color &&
               origin == o.origin && target == o.target && note_refs == o.note_refs && ext == o.ext;
    }
};

struct Set {
    Guid guid;
    std::string name;
    std::optional<std::string> description;
    std::vector<Ref> member_codes;
    std::vector<Ref> member_sources;
    std::vector<Ref> member_notes;
    Extensions ext;
    Location loc;
    bool operator==(const Set& o) const {
        return guid == o.guid && name == o.name && description == o.description && member_codes == o.member_codes &&
               member_sources == o.member_sources && member_notes == o.member_notes && ext == o.ext;
    }
};

struct Vertex {
    Guid guid;
    std::optional<Guid> represented;
    std::optional<std::string> name;
    std::string first_x, first_y;  ///< required integers, as read
    std::optional<std::string> second_x, second_y;
    std::optional<std::string> shape;
    std::optional<std::string> color;
    Extensions ext;
    Location loc;
    bool operator==(const Vertex& o) const {
        return guid == o.guid && represented == o.represented && name == o.name && first_x == o.first_x &&
               first_y == o.first_y && second_x == o.second_x && second_y == o.second_y && shape == o.shape &&
               color == o.color && ext == o.ext;
    }
};

struct Edge {
    Guid guid;
    std::optional<Guid> represented;
    std::optional<std::string> name;
    Guid source_vertex;
    Guid target_vertex;
    std::optional<std::string> color;
    std::optional<std::string> direction;
    std::optional<std::string> line_style;
    Extensions ext;
    Location loc;
    bool operator==(const Edge& o) const {
        return guid == o.guid && represented == o.represented && name == o.name &&
               source_vertex == o.source_vertex && target_vertex == o.target_vertex && color == o.color &&
               direction == o.direction && line_style == o.line_style && ext == o.ext;
    }
};

struct Graph {
    Guid guid;
    std::optional<std::string> name;
    std::vector<Vertex> vertices;
    std::vector<Edge> edges;
    Extensions ext;
    Location loc;
    bool operator==(const Graph& o) const {
        return guid == o.guid && name == o.name && vertices == o.vertices && edges == o.edges && ext == o.ext;
    }
};

/// How a tool counts PlainTextSelection positions in its files (REFI-QDA-NOTES §6).
enum class PositionCounting {
    CodePoints,        ///< the standard: code points of the text as stored (QualCoder, MAXQDA, Taguette)
    Utf16Units,        ///< NVivo: UTF-16 code units, CR of CRLF counted
    CodePointsLfOnly,  ///< ATLAS.ti: code points with CRLF counted as one
};

/// The exporting tool's conventions, detected from Project/@origin (or chosen as a conversion target).
enum class Dialect { Standard, Atlasti, Maxqda, Nvivo, QualCoder, Quirkos, Taguette, Framer };
const char* to_string(Dialect);
std::optional<Dialect> parse_dialect(const std::string&);  ///< "nvivo", "atlasti", "maxqda", "standard", ...
Dialect detect_dialect(const std::optional<std::string>& origin);
PositionCounting position_counting(Dialect);

/// The containers' own unknown attributes/children (e.g. a vendor attribute on <Codes>), kept for the writer.
struct ContainerExtensions {
    Extensions users, codebook, codes, variables, cases, sources, notes, links, sets, graphs;
    bool operator==(const ContainerExtensions&) const = default;
};

class SourceStore;

/// A whole project. Value type; the shared SourceStore gives lazy access to the files of the .qdpx.
struct Project {
    std::string name;
    std::optional<std::string> origin;
    std::optional<Guid> creating_user;   ///< @creatingUserGUID
    std::optional<std::string> creation_date_time;
    std::optional<Guid> modifying_user;  ///< @modifyingUserGUID
    std::optional<std::string> modified_date_time;
    std::optional<std::string> base_path;

    std::vector<User> users;
    bool has_codebook = false;  ///< a <CodeBook> element was present (even with no codes)
    std::vector<Code> codes;    ///< top-level codes; the hierarchy nests in Code::children
    std::vector<Variable> variables;
    std::vector<Case> cases;
    std::vector<Source> sources;
    std::vector<Note> notes;
    std::vector<Link> links;
    std::vector<Set> sets;
    std::vector<Graph> graphs;
    std::optional<std::string> description;
    std::vector<Ref> note_refs;  ///< project-level NoteRefs

    Extensions ext;               ///< unknown attributes of <Project> (xmlns, xsi:schemaLocation, vendor attrs)
    ContainerExtensions containers;
    Location loc;

    /// The dialect positions are written in. The reader sets it from @origin; convert keeps it unless a
    /// target dialect is given, so positions, names and GUIDs are not rewritten.
    Dialect dialect = Dialect::Standard;

    /// Files of the archive (sources/…), read lazily. Null for a project built in code or read from a bare .qde.
    std::shared_ptr<const SourceStore> store;

    /// The model equality used by round-trip tests: every element, attribute and extension (not locations,
    /// not the store).
    bool operator==(const Project& o) const;
};

}  // namespace refi
