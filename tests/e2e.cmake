# Golden CLI cases (tests/cli/cases/*): command lines in, exact output out.
add_test(NAME cli_golden COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/cli/run_golden.py
         $<TARGET_FILE:invitekeeper>)

# End-to-end import tests: the binary, SQLite files, zips, the demo exports.
add_test(NAME e2e_import COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/e2e/test_import.py
         $<TARGET_FILE:invitekeeper> ${IK_DEMO_DIR})

# End-to-end pacing tests: queue, plan send with its iCalendar and CSV files read
# back by real parsers, mark sent.
add_test(NAME e2e_pacing COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/e2e/test_pacing.py
         $<TARGET_FILE:invitekeeper> ${IK_DEMO_DIR})

# The HTML report in Debian's chromium (playwright-core from tests/browser, which
# `make test` installs from its lock file). Screenshots and a PDF land in
# build/artifacts/report/.
find_program(IK_NODE node)
add_test(NAME browser_report COMMAND ${IK_NODE} ${CMAKE_CURRENT_SOURCE_DIR}/browser/report_test.mjs
         $<TARGET_FILE:invitekeeper> ${IK_DEMO_DIR} ${CMAKE_BINARY_DIR}/artifacts/report)

# `serve` over real HTTP on ephemeral ports: the security rules, every error
# status, and that each route answers what its CLI command prints with --json.
add_test(NAME e2e_serve COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/e2e/test_serve.py
         $<TARGET_FILE:invitekeeper> ${IK_DEMO_DIR})

# The serve dashboard in Debian's chromium: sign in, create the account, drop the demo
# export on the page, check the numbers against status --json, withdraw with the keys
# and undo, mark a send. Screenshots land in build/artifacts/dashboard/.
add_test(NAME browser_dashboard COMMAND ${IK_NODE} ${CMAKE_CURRENT_SOURCE_DIR}/browser/dashboard_test.mjs
         $<TARGET_FILE:invitekeeper> ${IK_DEMO_DIR} ${CMAKE_BINARY_DIR}/artifacts/dashboard)

# A team server's dashboard in chromium: two users signed in at once, each seeing only
# the accounts granted; an operator's withdrawal shown with their name; a viewer's
# write refused. Screenshots land in build/artifacts/team/.
add_test(NAME browser_team COMMAND ${IK_NODE} ${CMAKE_CURRENT_SOURCE_DIR}/browser/team_test.mjs
         $<TARGET_FILE:invitekeeper> ${IK_DEMO_DIR} ${CMAKE_BINARY_DIR}/artifacts/team)

# The HTTP API against its OpenAPI document (src/present/http/openapi.json): the real
# server on a fresh database, every route called with the demo export, every answer's
# status and body validated with Debian's python3-jsonschema.
add_test(NAME e2e_api_schema COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/e2e/test_api_schema.py
         $<TARGET_FILE:invitekeeper> ${IK_DEMO_DIR})

# What must never happen to a member's ledger (issue 20): crashes on the daily
# commands, false "gone", order-dependent imports, databases made or changed where
# they should not be, failed writes reported as successes.
add_test(NAME e2e_ledger_safety COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/e2e/test_ledger_safety.py
         $<TARGET_FILE:invitekeeper> ${IK_DEMO_DIR})

# Every write is all or nothing (issue 12): a command or API call refused partway
# leaves every table of the ledger as it was.
add_test(NAME e2e_all_or_nothing COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/e2e/test_all_or_nothing.py
         $<TARGET_FILE:invitekeeper> ${IK_DEMO_DIR})

# The team ledger on the real PostgreSQL test server (issue 13): byte-identical
# answers against SQLite, concurrent writers, faults.
add_test(NAME e2e_postgres COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/e2e/test_postgres.py
         $<TARGET_FILE:invitekeeper> ${IK_DEMO_DIR})
set_tests_properties(e2e_postgres ${IK_PG_TEST_PROPERTIES})
