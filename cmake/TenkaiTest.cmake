# tenkai_add_qtest(<name> SOURCES ... LIBS ... LABELS ... [TIMEOUT s] [ENVIRONMENT ...])
# Builds one QtTest executable and registers it with CTest.
function(tenkai_add_qtest name)
    cmake_parse_arguments(T "" "TIMEOUT" "SOURCES;LIBS;LABELS;ENVIRONMENT;DEFINITIONS" ${ARGN})
    add_executable(${name} ${T_SOURCES})
    target_link_libraries(${name} PRIVATE Qt6::Test ${T_LIBS})
    target_compile_definitions(${name} PRIVATE ${T_DEFINITIONS}
                               TENKAI_TEST_SOURCE_DIR="${PROJECT_SOURCE_DIR}/tests")
    tenkai_target_defaults(${name})
    add_test(NAME ${name} COMMAND ${name})
    if(NOT T_TIMEOUT)
        set(T_TIMEOUT 120)
    endif()
    set(env ${T_ENVIRONMENT})
    if(TENKAI_SANITIZE)
        # LibTorch and Qt keep some allocations until exit by design; real leaks in our code show in
        # the suppression-free run of the unit tests under valgrind (docs/testing.md).
        list(APPEND env "ASAN_OPTIONS=detect_leaks=0:abort_on_error=1"
                        "UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1")
    endif()
    set_tests_properties(${name} PROPERTIES LABELS "${T_LABELS}" TIMEOUT ${T_TIMEOUT} ENVIRONMENT "${env}")
endfunction()
