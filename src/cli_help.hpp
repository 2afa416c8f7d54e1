#pragma once
/// What a person sees when asking for help or mistyping: option lists with named placeholders, one example
/// per command, and "did you mean" suggestions for misspelt commands and options.

#include <boost/program_options.hpp>
#include <string>
#include <vector>

namespace framer::cli {

/// The option list of `framer COMMAND --help`: each option with a placeholder named after what it takes
/// (`--by VAR`, `-o FILE`), not Boost's generic `arg`. Positional options are left out (the usage line names them).
std::string format_options_help(const boost::program_options::options_description& options,
                                const boost::program_options::positional_options_description& positional);

/// An example command line for `command` ("" when there is none).
std::string example_for(const std::string& command);

/// The message for an unknown option, with near matches among the command's long options.
std::string unknown_option_message(const std::string& given, const boost::program_options::options_description& options);

/// The program's version string ("framer 0.1.0").
const char* version_string();

}  // namespace framer::cli
