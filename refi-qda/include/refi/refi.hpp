#pragma once
/// Everything of the refi-qda library.
#include "refi/codebook.hpp"
#include "refi/error.hpp"
#include "refi/guid.hpp"
#include "refi/index.hpp"
#include "refi/io.hpp"
#include "refi/model.hpp"
#include "refi/source_store.hpp"
#include "refi/text.hpp"
#include "refi/validate.hpp"
