#!/bin/sh
# Link launcher for tenkai-fleet (CXX_LINKER_LAUNCHER): runs the link command it is given, except
# that libraries forced in with -Wl,--no-as-needed,LIBRARY (LibTorch's CMake package does that for
# every program that links it) are passed as plain libraries, so the program's --as-needed keeps
# each one out of DT_NEEDED unless a linked object really uses it.
for arg do
    shift
    case $arg in
    -Wl,--no-as-needed,*) set -- "$@" "${arg#-Wl,--no-as-needed,}" ;;
    *) set -- "$@" "$arg" ;;
    esac
done
exec "$@"
