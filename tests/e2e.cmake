# Golden CLI cases (tests/cli/cases/*): command lines in, exact output out.
add_test(NAME cli_golden COMMAND ${Python3_EXECUTABLE} ${CMAKE_CURRENT_SOURCE_DIR}/cli/run_golden.py
         $<TARGET_FILE:invitekeeper>)
