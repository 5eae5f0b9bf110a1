#include "core/error.h"

namespace ik::core {

int exit_code(ErrorKind kind)
{
    switch (kind) {
    case ErrorKind::usage: return 1;
    case ErrorKind::bad_input: return 2;
    case ErrorKind::conflict: return 3;
    case ErrorKind::internal: return 4;
    case ErrorKind::storage: return 6;
    }
    return 4;
}

}  // namespace ik::core
