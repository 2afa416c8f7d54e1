#pragma once
/// The neutral result every analysis produces and every exporter reads (N analyses + M exporters).

#include <cstddef>
#include <functional>
#include <string>
#include <vector>

#include "core/json.hpp"
#include "core/json_writer.hpp"

namespace framer {

/// One cell of a table. `text` is what a reader sees; style hints let exporters format it.
struct Cell {
    std::string text;
    bool bold = false;
    int indent = 0;          ///< indentation level (depth in the code tree)
    bool numeric = false;    ///< right-align
    bool editable = false;   ///< a cell the researcher fills in (chart summaries): unlocked/highlighted in xlsx
    bool wrap = false;       ///< long text: wrap in xlsx/html
    /// Indices into the table's footnotes this cell refers to; exporters add the markers (a, b, ...).
    std::vector<int> footnotes;
    /// An "N (%)" cell (core/percent.hpp count_cell): its count and percent as shown, so xlsx can store a
    /// number under a format that shows `text`, and heat shading can colour it.
    bool has_count = false;
    long long count = 0;
    double percent = 0;      ///< rounded to `decimals` places, as in `text`
    int decimals = 0;
};

/// Takes one body row of a Table::row_stream (valid only during the call); false stops the stream.
using RowSink = std::function<bool(const std::vector<Cell>&)>;

/// A table: one sheet in xlsx, one section in md/html/latex.
struct Table {
    std::string name;                    ///< sheet/section title (xlsx sheet names are cut to 31 characters)
    std::vector<std::vector<Cell>> header;  ///< header rows (usually one)
    std::vector<std::vector<Cell>> rows;
    std::vector<std::string> footnotes;
    /// Where the table appears: csv writes the tables marked for it (the first table if none is marked);
    /// document formats (md, html, latex, xlsx) skip tables marked csv_only.
    bool csv = false;
    bool csv_only = false;
    int frozen_columns = 1;              ///< xlsx/html: columns kept in view when scrolling
    std::vector<double> column_widths;   ///< xlsx hint, in characters; empty = automatic
    /// Hidden machine-readable columns/rows (GUIDs) that make an edited sheet importable again: xlsx hides
    /// them, other document formats omit them.
    std::vector<int> hidden_columns;
    /// Indices into the body rows as for_each_row gives them: `rows`, then those of `row_stream`.
    std::vector<int> hidden_rows;
    /// The same content as Result::blocks, laid out as a table for formats without prose (xlsx, latex, docx):
    /// md and html, which render the blocks, skip it.
    bool prose_alternative = false;
    /// Body rows produced one at a time, after `rows`, instead of held: a chart's tables have a row per unit
    /// and a cell per unit x code, millions of excerpt and summary cells for a wide codebook, and its long csv
    /// table a row per theme x unit x code. Every exporter reads body rows through for_each_row
    /// (core/table_util.hpp), so any table, csv_only or not, may give some or all of its rows this way.
    /// The stream calls the sink with each row in order (the row is valid only during that call) and stops as
    /// soon as the sink returns false. It may be called more than once and gives the same rows each time
    /// (exporters make a measuring pass before the writing one: column widths, numeric columns, page layout).
    /// Streamed rows are no wider than the header (column_count reads the header and `rows` only); what the
    /// stream reads is owned by the function or outlives the Result.
    std::function<void(const RowSink&)> row_stream;
};

/// A piece of prose for document formats: a heading, or a quotation with its label (quotes' Box 1 layout).
struct Block {
    enum class Kind { Heading, Quote, Paragraph };
    Kind kind = Kind::Paragraph;
    int level = 1;          ///< headings: 1 is the highest under the title
    std::string text;       ///< the heading, the quotation (verbatim, without quotation marks) or the paragraph
    std::string label;      ///< quotations: who said it ("SU26, DBT"), shown in parentheses after it
    std::string remark;     ///< quotations: a caveat shown after the label ("over 100 words: no shorter excerpt")
};

/// One series of a Figure: a value per x category.
struct Series {
    enum class Style { Line, Bars };
    std::string name;
    Style style = Style::Line;
    std::vector<double> values;  ///< one per category of the figure
};

/// A marked range of x categories (inclusive), drawn as a shaded band with its label.
struct Mark {
    std::string label;
    std::size_t first = 0, last = 0;
};

/// A chart over categorical x values (one point per category per series), for the formats that draw (svg, and
/// html inline). The analysis also puts the same numbers in a table, so formats that cannot draw lose nothing.
struct Figure {
    std::string title;
    std::string x_label, y_label;
    std::vector<std::string> categories;  ///< the x axis, in order (saturation: the units in interview order)
    std::vector<Series> series;
    std::vector<Mark> marks;
    std::string caption;                  ///< a sentence under the figure
};

struct Result {
    std::string title;
    std::vector<Table> tables;
    std::vector<std::string> notes;  ///< shown under the title in document formats
    /// Prose after the notes, before the tables, in md and html (see Table::prose_alternative).
    std::vector<Block> blocks;
    /// Figures (saturation curves): drawn by svg and inline in html, ignored by the other formats.
    std::vector<Figure> figures;
    Json json;                       ///< the analysis' own JSON shape (the json exporter prints exactly this)
    /// The same JSON written as it is produced, for a result too large to hold as a tree (a chart of 100,000
    /// excerpts): when set, the json exporter calls it (it writes exactly one value) instead of printing `json`.
    /// It may be called more than once; what it reads is owned by the function or outlives the Result.
    std::function<void(JsonWriter&)> write_json;
    /// json without indentation or spaces (--compact, for machine use); other formats ignore it.
    bool compact_json = false;
    /// Shade N (%) cells by their percentage (html, xlsx; --heat).
    bool heat = false;
    /// Problems that did not stop the analysis (codings of missing codes...): the CLI prints them to stderr.
    std::vector<std::string> warnings;
};

}  // namespace framer
