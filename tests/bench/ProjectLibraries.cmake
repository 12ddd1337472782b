# Included by the benchmarks' own CMake projects (inspector/, store/): builds the project's
# libraries, without the tests, with the project's flags, so a benchmark needs no install and
# measures exactly the code the app runs. Release unless told otherwise.
if(NOT CMAKE_BUILD_TYPE)
    set(CMAKE_BUILD_TYPE Release CACHE STRING "Build type" FORCE)
endif()
get_filename_component(root "${CMAKE_CURRENT_LIST_DIR}/../.." ABSOLUTE)
set(HOOKSCOPE_TESTS OFF CACHE BOOL "" FORCE)
add_subdirectory("${root}" hookscope EXCLUDE_FROM_ALL)
# The libraries' imported dependencies are visible only below the root: find them here too.
include("${root}/packaging/Dependencies.cmake")

set(CMAKE_CXX_STANDARD 20)
set(CMAKE_CXX_STANDARD_REQUIRED ON)
add_compile_options(-Wall -Wextra -Wpedantic -Werror)
add_compile_definitions(QT_NO_KEYWORDS QT_NO_CAST_FROM_ASCII QT_NO_URL_CAST_FROM_STRING)
