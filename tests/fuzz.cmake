# Fuzz targets for every parser (docs/architecture.md, the tests paragraph): export CSVs, prospects CSVs,
# saved Sent invitations pages (with their reconciling), the
# one-line parsers and TOML settings, and the HTTP API's requests. Each is a
# libFuzzer-style entry point (LLVMFuzzerTestOneInput) driven by replay.cpp: the seed
# corpus in tests/fuzz/corpus/ and a fixed number of deterministic mutations of it,
# in every ctest run. For a longer hunt, with -DIK_SANITIZE=ON for memory errors:
#   build/tests/fuzz_export tests/fuzz/corpus/export 10000000 SEED
# (libFuzzer itself needs a clang whose C++23 library has <expected>; Debian 12's
# clang 14 has not, so the build does not offer it.)
set(IK_FUZZ_ITERATIONS 20000 CACHE STRING "Mutated inputs each fuzz target runs in ctest")

function(ik_add_fuzz_target name library)
  add_executable(fuzz_${name} ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/fuzz_${name}.cpp
                              ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/replay.cpp)
  target_link_libraries(fuzz_${name} PRIVATE ${library} ik_warnings)
  target_include_directories(fuzz_${name} PRIVATE ${PROJECT_SOURCE_DIR}/src)
  add_test(NAME fuzz_${name}
           COMMAND fuzz_${name} ${CMAKE_CURRENT_SOURCE_DIR}/fuzz/corpus/${name} ${IK_FUZZ_ITERATIONS} 1)
endfunction()

ik_add_fuzz_target(export ik_ingest)
ik_add_fuzz_target(prospects ik_ingest)
ik_add_fuzz_target(text ik_ingest)
ik_add_fuzz_target(sent_page ik_ingest)
ik_add_fuzz_target(api ik_present)
