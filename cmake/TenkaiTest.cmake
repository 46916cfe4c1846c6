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
    # Tests run two at a time on two cores, beside builds: OpenMP threads that spin at barriers
    # while their partner is descheduled made a 7 s training test take over 300 s under load.
    # Passive waiting keeps the suite's time independent of what else runs (tests time nothing).
    set(env ${T_ENVIRONMENT} OMP_WAIT_POLICY=PASSIVE)
    if(TENKAI_SANITIZE)
        # Leak detection stays on: a leak fails the test like any other sanitizer report.
        list(APPEND env "ASAN_OPTIONS=detect_leaks=1"
                        "UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1")
    endif()
    set_tests_properties(${name} PROPERTIES LABELS "${T_LABELS}" TIMEOUT ${T_TIMEOUT} ENVIRONMENT "${env}")
endfunction()
