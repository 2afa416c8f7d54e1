// PLACEHOLDER: replaced by the real implementation (owned by the helper working on it).
#include "cli.hpp"
#include <ostream>
namespace framer::cli {
int cmd_convert(const std::vector<std::string>&, Io& io) { io.err << "framer convert: not implemented yet\n"; return invalid; }
}
