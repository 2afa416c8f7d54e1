#pragma once
/// Whether a project may make Framer read files outside itself (absolute:// and relative:// paths).
///
/// Fine for one's own projects; a service that processes uploaded projects must refuse them, or a project can
/// have `chart` print any local file (/etc/passwd). Refused when FRAMER_NO_EXTERNAL=1 is set in the environment
/// or after allow_external_files(false) (the CLI's --no-external).

namespace refi {

void allow_external_files(bool allowed);
bool external_files_allowed();

}  // namespace refi
