// PLACEHOLDER: `framer info` is being written (validate helper); this keeps the CLI linking meanwhile.
#include <ostream>

#include "cli.hpp"

namespace framer::cli {
int cmd_info(const std::vector<std::string>&, Io& io) {
    io.err << "framer info: not implemented yet\n";
    return invalid;
}
}  // namespace framer::cli
