# ik_warnings: the warning set every target of the project builds with.
add_library(ik_warnings INTERFACE)
target_compile_options(ik_warnings INTERFACE -Wall -Wextra -Wpedantic -Wshadow
  -Wnon-virtual-dtor -Wold-style-cast -Wcast-align -Wunused -Woverloaded-virtual
  -Wconversion -Wno-sign-conversion -Wimplicit-fallthrough)
if(IK_WERROR)
  target_compile_options(ik_warnings INTERFACE -Werror)
endif()
if(IK_SANITIZE)
  target_compile_options(ik_warnings INTERFACE -fsanitize=address,undefined -fno-omit-frame-pointer)
  target_link_options(ik_warnings INTERFACE -fsanitize=address,undefined)
endif()
