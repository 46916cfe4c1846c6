# Helpers shared by every Tenkai target: warnings as errors on our own code, sanitizers.

if(TENKAI_SANITIZE)
    # Applies to every target of this project (our code and tests), not to prebuilt dependencies.
    add_compile_options(-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined)
    add_link_options(-fsanitize=address,undefined)
endif()

# tenkai_target_defaults(<target>): warnings are errors in our code; Qt keywords stay off because
# Qt's `slots` macro breaks LibTorch headers.
function(tenkai_target_defaults target)
    target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
    if(TENKAI_WERROR)
        target_compile_options(${target} PRIVATE -Werror)
    endif()
    target_compile_definitions(${target} PRIVATE QT_NO_KEYWORDS QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII
                                                 QT_NO_URL_CAST_FROM_STRING QT_USE_QSTRINGBUILDER)
endfunction()
