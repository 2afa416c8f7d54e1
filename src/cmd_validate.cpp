// PLACEHOLDER: replaced by the real implementation (owned by the helper working on it).
#include "cli.hpp"
#include <ostream>
namespace framer::cli {
int cmd_validate(const std::vector<std::string>&, Io& io) { io.err << "framer validate: not implemented yet\n"; return invalid; }
}
