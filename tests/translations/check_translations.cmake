# cmake -DTS_FILES="a.ts;b.ts" [-DLUPDATE=lupdate -DSOURCE_DIRS="core;ui;app" -DPLURAL_ONLY=b.ts
#       -DWORK_DIR=dir] -P check_translations.cmake
# Fails when a catalogue has a message without a finished translation, naming its source text.
# With LUPDATE, each catalogue is first copied to WORK_DIR and refreshed from the sources there, so a
# tr() string added without its translation fails too, not only an unfinished entry in the file.
foreach(ts IN LISTS TS_FILES)
    if(LUPDATE)
        get_filename_component(name ${ts} NAME)
        file(COPY ${ts} DESTINATION ${WORK_DIR})
        set(flags -no-obsolete -locations none -extensions cpp,h)
        if(ts STREQUAL PLURAL_ONLY)
            list(APPEND flags -pluralonly)
        endif()
        execute_process(COMMAND ${LUPDATE} ${flags} ${SOURCE_DIRS} -ts ${WORK_DIR}/${name}
                        RESULT_VARIABLE status OUTPUT_QUIET ERROR_VARIABLE errors)
        if(NOT status EQUAL 0)
            message(FATAL_ERROR "lupdate failed on ${name}: ${errors}")
        endif()
        set(ts ${WORK_DIR}/${name})
    endif()
    file(READ ${ts} text)
    string(REGEX MATCHALL "<source>[^<]*</source>[ \n\t]*<translation type=\"unfinished\"" open "${text}")
    string(REGEX MATCHALL "<translation>[ \n\t]*</translation>" empty "${text}")
    list(LENGTH open n_open)
    list(LENGTH empty n_empty)
    if(n_open GREATER 0 OR n_empty GREATER 0)
        string(REPLACE ";" "\n  " shown "${open}")
        message(FATAL_ERROR "${ts}: ${n_open} unfinished and ${n_empty} empty translation(s):\n  ${shown}")
    endif()
    string(REGEX MATCHALL "<message" messages "${text}")
    list(LENGTH messages n)
    message(STATUS "${ts}: all ${n} messages translated")
endforeach()
