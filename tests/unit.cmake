# ik_add_unit_test(NAME LIBRARY SOURCES...): a GoogleTest binary linked to LIBRARY.
function(ik_add_unit_test name library)
  add_executable(${name} ${ARGN})
  target_link_libraries(${name} PRIVATE ${library} GTest::gtest GTest::gtest_main ik_warnings)
  gtest_discover_tests(${name} DISCOVERY_MODE PRE_TEST ${IK_TEST_PROPERTIES})
endfunction()

# The PostgreSQL tests' server: one throwaway cluster for the whole ctest run,
# started before the first test that needs it and stopped after the last, even when
# tests fail (ctest's fixtures). Its address is in ${IK_PG_STATE}/uri.
set(IK_PG_STATE ${CMAKE_BINARY_DIR}/pgtest)
add_test(NAME postgres_start COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/pg/cluster.sh start ${IK_PG_STATE})
add_test(NAME postgres_stop COMMAND ${CMAKE_CURRENT_SOURCE_DIR}/pg/cluster.sh stop ${IK_PG_STATE})
set_tests_properties(postgres_start PROPERTIES FIXTURES_SETUP postgres)
set_tests_properties(postgres_stop PROPERTIES FIXTURES_CLEANUP postgres)
set(IK_PG_TEST_PROPERTIES PROPERTIES FIXTURES_REQUIRED postgres ENVIRONMENT IK_TEST_POSTGRES_STATE=${IK_PG_STATE})

ik_add_unit_test(core_test ik_core
  ${CMAKE_CURRENT_SOURCE_DIR}/core/time_test.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/core/calendar_test.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/core/invitation_test.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/core/settings_test.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/core/parallel_test.cpp)

ik_add_unit_test(ingest_test ik_ingest
  ${CMAKE_CURRENT_SOURCE_DIR}/ingest/csv_test.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/ingest/dates_test.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/ingest/people_test.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/ingest/linkedin_export_test.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/ingest/reconcile_test.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/ingest/age_phrases_test.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/ingest/sent_page_test.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/ingest/sent_reconcile_test.cpp)
target_compile_definitions(ingest_test PRIVATE IK_SENT_PAGES_DIR="${CMAKE_CURRENT_SOURCE_DIR}/ingest/sent_pages")

# The contract suite runs on every backend, PostgreSQL's on the test server.
set(IK_TEST_PROPERTIES ${IK_PG_TEST_PROPERTIES})
ik_add_unit_test(store_test ik_store
  ${CMAKE_CURRENT_SOURCE_DIR}/store/contract_test.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/store/open_test.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/store/sqlite_store_test.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/store/postgres_store_test.cpp)
unset(IK_TEST_PROPERTIES)
# The store tests also open databases directly, as another program would.
target_link_libraries(store_test PRIVATE SQLite::SQLite3 PostgreSQL::PostgreSQL)
target_compile_definitions(store_test PRIVATE IK_STORE_FIXTURES="${CMAKE_CURRENT_SOURCE_DIR}/store")

ik_add_unit_test(plan_test ik_plan
  ${CMAKE_CURRENT_SOURCE_DIR}/plan/acceptance_test.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/plan/notes_test.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/plan/templates_test.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/plan/withdraw_test.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/plan/status_test.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/plan/health_test.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/plan/forecast_test.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/plan/send_test.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/plan/send_property_test.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/plan/simulate_test.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/plan/survival_test.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/plan/stats_test.cpp)

ik_add_unit_test(app_test ik_app
  ${CMAKE_CURRENT_SOURCE_DIR}/app/use_cases_test.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/app/users_test.cpp)

ik_add_unit_test(present_test ik_present
  ${CMAKE_CURRENT_SOURCE_DIR}/present/api_test.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/present/auth_test.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/present/read_cache_test.cpp
  ${CMAKE_CURRENT_SOURCE_DIR}/present/handler_test.cpp)
target_include_directories(present_test PRIVATE ${PROJECT_SOURCE_DIR}/src)
# The handler's tests build httplib's requests and responses themselves.
target_link_libraries(present_test PRIVATE PkgConfig::HTTPLIB)

# A misspelled or mistyped setting key does not compile (core::SettingKey).
add_test(NAME settings_keys_compile COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/core/settings_keys_compile.py
         ${CMAKE_CXX_COMPILER} ${PROJECT_SOURCE_DIR}/src)

# The folders are the layers: includes point one way, and only store/sqlite/ knows SQLite.
add_test(NAME layers COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/layers_test.py ${PROJECT_SOURCE_DIR}/src)
