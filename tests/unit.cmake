# ik_add_unit_test(NAME LIBRARY SOURCES...): a GoogleTest binary linked to LIBRARY.
function(ik_add_unit_test name library)
  add_executable(${name} ${ARGN})
  target_link_libraries(${name} PRIVATE ${library} GTest::gtest GTest::gtest_main ik_warnings)
  target_compile_definitions(${name} PRIVATE IK_TEST_DATA="${CMAKE_CURRENT_SOURCE_DIR}/data")
  gtest_discover_tests(${name} DISCOVERY_MODE PRE_TEST)
endfunction()
