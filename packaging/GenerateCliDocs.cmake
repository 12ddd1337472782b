# Run by the build (cmake -P): the built program writes its man page and bash completion from
# the options its commands parse, so neither can drift from --help.
#   -DPROGRAM=path/to/hookscope -DMAN_PAGE=out/hookscope.1 -DCOMPLETION=out/hookscope.bash
# A sanitizer build must not fail the build over a leak report at exit.
set(ENV{ASAN_OPTIONS} "detect_leaks=0")

function(run_program output)
    execute_process(COMMAND "${PROGRAM}" ${ARGN} OUTPUT_FILE "${output}" RESULT_VARIABLE result)
    if(NOT result EQUAL 0)
        message(FATAL_ERROR "'${PROGRAM} ${ARGN}' failed: ${result}")
    endif()
endfunction()

run_program("${MAN_PAGE}" --man)
# -n: no name or time stamp in the .gz, so the package is reproducible; -9 as Debian policy asks.
execute_process(COMMAND gzip -9nf "${MAN_PAGE}" RESULT_VARIABLE result)
if(NOT result EQUAL 0)
    message(FATAL_ERROR "gzip ${MAN_PAGE} failed: ${result}")
endif()
run_program("${COMPLETION}" completion bash)
